"""Makes the bundled low-light sample of the enhancement demo (bin/aerolux-demo-enhance) from a photograph.

    /usr/bin/python3 samples/make_lowlight_sample.py        # from the repository root

Input: ../shared/data/natural/rocket.jpg (scikit-image sample data, BSD-3-Clause; held out from cue-demo's
training, so the demo shows the model on a scene it never saw). Outputs, 8-bit RGB PNG, 384 x 256:
- samples/lowlight.png: the low-light version;
- samples/lowlight_reference.png: the normal-light crop it was made from (for PSNR/SSIM with --reference).

The crop is x 96..479, y 120..375 of the 640 x 427 photograph (the rocket and the gantry). Darkening follows the
sensor model cue-demo was trained with (models/cue-demo.md): x = clip(Poisson(peak * s * y^g) / peak + N(0, sigma^2),
0, 1) with g = 2.0 (gamma), s = 0.12 (exposure), peak = 300 photons at full scale and sigma = 0.006 (read noise),
from numpy.random.default_rng(2023); y is the crop in [0, 1]. Values are rounded to 8 bits.
"""
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(os.path.dirname(ROOT), "shared", "data", "natural", "rocket.jpg")
X0, Y0, W, H = 96, 120, 384, 256
GAMMA, SCALE, PEAK, SIGMA, SEED = 2.0, 0.12, 300.0, 0.006, 2023


def main():
    photo = np.asarray(Image.open(SOURCE).convert("RGB"), dtype=np.float64) / 255.0
    y = photo[Y0:Y0 + H, X0:X0 + W, :]
    rng = np.random.default_rng(SEED)
    x = rng.poisson(PEAK * SCALE * y ** GAMMA) / PEAK + rng.normal(0.0, SIGMA, y.shape)
    x = np.clip(x, 0.0, 1.0)
    out = os.path.join(ROOT, "samples")
    Image.fromarray(np.round(x * 255).astype(np.uint8)).save(os.path.join(out, "lowlight.png"), optimize=True)
    Image.fromarray(np.round(y * 255).astype(np.uint8)).save(os.path.join(out, "lowlight_reference.png"), optimize=True)
    print("mean brightness: low-light %.3f, reference %.3f" % (x.mean(), y.mean()))


if __name__ == "__main__":
    main()
