"""Reference PSNR/SSIM values from scikit-image, an implementation independent of AeroLux's Java one.

Run from the repository root (Debian: apt-get install python3-skimage, or bin/aerolux-setup):

    /usr/bin/python3 enhancement/src/test/resources/metrics/make_metric_fixtures.py

Writes metric_fixtures.json beside this script: small seeded image pairs (float32 values, written with enough
digits to round-trip exactly) and skimage.metrics' peak_signal_noise_ratio and structural_similarity of each pair.
SSIM settings are Wang et al. (2004) as skimage documents them: gaussian_weights=True, sigma=1.5 (an 11-tap
window), use_sample_covariance=False, K1=0.01, K2=0.03, the given data_range; colour images average the
per-channel SSIM (channel_axis=-1). Computation is in float64 (the float32 values are widened first).
"""
import json
import os

import numpy as np
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity


def smooth(rng, h, w, c):
    y, x = np.mgrid[0:h, 0:w]
    base = 0.5 + 0.3 * np.sin(x / 5.0)[..., None] * np.cos(y / 7.0)[..., None]
    return np.clip(base + 0.05 * rng.standard_normal((h, w, c)), 0, 1)


def cases():
    rng = np.random.default_rng(20240607)
    ref = smooth(rng, 24, 32, 3)
    yield "noisy_rgb", ref, np.clip(ref + 0.08 * rng.standard_normal(ref.shape), 0, 1), 1.0
    tex = rng.random((16, 40, 1))
    blur = (tex + np.roll(tex, 1, 0) + np.roll(tex, 1, 1) + np.roll(tex, -1, 1)) / 4
    yield "blurred_grey", tex, blur, 1.0
    bright = smooth(rng, 20, 20, 3)
    dark = np.clip(0.2 * bright ** 2 + 0.01 * rng.standard_normal(bright.shape), 0, 1)
    yield "dark_rgb", bright, dark, 1.0
    a8 = np.round(smooth(rng, 13, 17, 3) * 255)
    b8 = np.clip(np.round(a8 + rng.normal(0, 6, a8.shape)), 0, 255)
    yield "eight_bit_scale", a8, b8, 255.0
    same = smooth(rng, 12, 12, 3)
    yield "identical", same, same.copy(), 1.0


def main():
    out = {"generator": "scikit-image " + skimage.__version__ + " (skimage.metrics), numpy " + np.__version__,
           "ssim_settings": "gaussian_weights=True, sigma=1.5, use_sample_covariance=False, K1=0.01, K2=0.03",
           "layout": "reference and test are [channel][y * width + x], float32 values", "cases": []}
    for name, ref, test, data_range in cases():
        ref = ref.astype(np.float32).astype(np.float64)
        test = test.astype(np.float32).astype(np.float64)
        h, w, c = ref.shape
        psnr = peak_signal_noise_ratio(ref, test, data_range=data_range) if not np.array_equal(ref, test) else None
        ssim = structural_similarity(ref, test, data_range=data_range, channel_axis=-1, gaussian_weights=True, sigma=1.5,
                                     use_sample_covariance=False, K1=0.01, K2=0.03)
        out["cases"].append({
            "name": name, "width": w, "height": h, "channels": c, "data_range": data_range,
            "psnr": psnr, "ssim": float(ssim),
            "reference": [[float(str(np.float32(v))) for v in ref[:, :, k].ravel()] for k in range(c)],
            "test": [[float(str(np.float32(v))) for v in test[:, :, k].ravel()] for k in range(c)],
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_fixtures.json")
    with open(path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    for c in out["cases"]:
        print(c["name"], c["psnr"], c["ssim"])


if __name__ == "__main__":
    main()
