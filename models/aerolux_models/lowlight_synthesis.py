"""Realistic low-light synthesis from a well-exposed sRGB photograph (the training and evaluation pairs of cue-lowlight).

A camera does not darken a picture by a gamma curve: less light reaches the sensor, the sensor counts fewer
electrons (shot noise grows relative to the signal), the read-out adds noise of its own, the camera's white balance
may be off under artificial light, and the result goes through the sRGB tone curve and usually JPEG. `synthesize`
follows those steps:

1. linear light: L = srgb_to_linear(y) (IEC 61966-2-1, the inverse of the sRGB curve);
2. exposure: L * k, k log-uniform in EXPOSURE_RANGE (1/50 .. 1/3 of the normal exposure);
3. white-balance error (with probability WB_PROBABILITY): the red and blue channels are multiplied by
   exp(u), u ~ U(-WB_LOG_GAIN, WB_LOG_GAIN) independently (green fixed), as a mis-set colour temperature does;
4. sensor: e = Poisson(L k g * S) electrons per channel, S = electrons at digital full scale after the ISO gain,
   log-uniform in FULL_SCALE_ELECTRONS (high ISO = few electrons per grey level = more shot noise), plus read noise
   N(0, r^2) electrons, r ~ U(READ_NOISE_ELECTRONS); value = clip(e / S, 0, 1);
5. back through the sRGB curve, quantised to 8 bits; with probability JPEG_PROBABILITY JPEG-compressed at a quality
   drawn in JPEG_QUALITY (PIL, 4:2:0 chroma subsampling as cameras and phones write it).

The ground truth of a pair is the original photograph y: the enhancer has to undo exposure, noise and colour cast.
All draws come from the numpy Generator passed in, so a pair is reproducible from its seed.
"""
import io
import math

import numpy as np
from PIL import Image

EXPOSURE_RANGE = (1.0 / 50.0, 1.0 / 3.0)   # factor on linear light, log-uniform
FULL_SCALE_ELECTRONS = (600.0, 12000.0)    # electrons at sensor full scale after ISO gain, log-uniform
READ_NOISE_ELECTRONS = (1.0, 6.0)          # read-noise standard deviation in electrons, uniform
WB_PROBABILITY = 0.5
WB_LOG_GAIN = 0.2                          # red/blue gains within exp(+-0.2) = 0.82 .. 1.22
JPEG_PROBABILITY = 0.4
JPEG_QUALITY = (60, 95)


def srgb_to_linear(x):
    """IEC 61966-2-1: x / 12.92 below 0.04045, ((x + 0.055) / 1.055) ** 2.4 above."""
    x = np.clip(np.asarray(x, dtype=np.float64), 0.0, 1.0)
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(x):
    """The sRGB curve: 12.92 x below 0.0031308, 1.055 x ** (1 / 2.4) - 0.055 above (input clipped to [0, 1])."""
    x = np.clip(np.asarray(x, dtype=np.float64), 0.0, 1.0)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1.0 / 2.4) - 0.055)


def log_uniform(rng, low, high):
    return float(math.exp(rng.uniform(math.log(low), math.log(high))))


def draw_parameters(rng, exposure=None):
    """One degradation: exposure, full-scale electrons, read noise, white-balance gains, JPEG quality (or None)."""
    p = {
        "exposure": exposure if exposure is not None else log_uniform(rng, *EXPOSURE_RANGE),
        "full_scale_electrons": log_uniform(rng, *FULL_SCALE_ELECTRONS),
        "read_noise_electrons": float(rng.uniform(*READ_NOISE_ELECTRONS)),
        "wb_gains": [1.0, 1.0, 1.0],
        "jpeg_quality": None,
    }
    if rng.random() < WB_PROBABILITY:
        r, b = rng.uniform(-WB_LOG_GAIN, WB_LOG_GAIN, size=2)
        p["wb_gains"] = [float(math.exp(r)), 1.0, float(math.exp(b))]
    if rng.random() < JPEG_PROBABILITY:
        p["jpeg_quality"] = int(rng.integers(JPEG_QUALITY[0], JPEG_QUALITY[1] + 1))
    return p


def sensor_capture(linear, exposure, full_scale_electrons, read_noise_electrons, wb_gains, rng):
    """Steps 2-4 on linear light [H, W, 3]: the captured linear value in [0, 1] (float64)."""
    expected = np.clip(linear * exposure * np.asarray(wb_gains)[None, None, :], 0.0, None) * full_scale_electrons
    electrons = rng.poisson(expected).astype(np.float64)
    electrons += rng.normal(0.0, read_noise_electrons, size=expected.shape)
    return np.clip(electrons / full_scale_electrons, 0.0, 1.0)


def encode_8bit(srgb, jpeg_quality=None):
    """Quantises [H, W, 3] sRGB to 8 bits, optionally through a JPEG round trip; returns float32 in [0, 1]."""
    u8 = np.clip(np.round(srgb * 255.0), 0, 255).astype(np.uint8)
    if jpeg_quality is not None:
        buf = io.BytesIO()
        Image.fromarray(u8).save(buf, format="JPEG", quality=int(jpeg_quality), subsampling=2)
        buf.seek(0)
        with Image.open(buf) as im:
            u8 = np.asarray(im.convert("RGB"))
    return u8.astype(np.float32) / 255.0


def synthesize(clean, rng, exposure=None, params=None):
    """A low-light version of a well-exposed sRGB image [H, W, 3] in [0, 1]; returns (low float32, parameters)."""
    p = dict(params) if params is not None else draw_parameters(rng, exposure)
    linear = srgb_to_linear(clean)
    captured = sensor_capture(linear, p["exposure"], p["full_scale_electrons"], p["read_noise_electrons"],
                              p["wb_gains"], rng)
    return encode_8bit(linear_to_srgb(captured), p["jpeg_quality"]), p
