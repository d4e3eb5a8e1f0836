"""Before/after figure of a CUE checkpoint on the project's own synthetic low-light sample (nothing from ../shared/data).

    /usr/bin/python3 -m aerolux_models.cue_figure --checkpoint checkpoints/cue-lowlight.pt \
        --output reports/cue-lowlight-before-after.png          (inside models/)

Panels, left to right: samples/lowlight.png (the rendered scene shot with 1/12 of the light), adaptive gamma,
cue-demo, the checkpoint, samples/lowlight_reference.png; 4 px white gaps. Prints PSNR/SSIM and mean brightness.
"""
import argparse
import os

import numpy as np
import torch
from PIL import Image

from . import cue_eval, cue_lowlight_eval, export_cue

SAMPLES = os.path.join(os.path.dirname(export_cue.MODELS_DIR), "samples")


def load(name):
    with Image.open(os.path.join(SAMPLES, name)) as im:
        return torch.from_numpy(np.asarray(im.convert("RGB"), dtype=np.float32).transpose(2, 0, 1) / 255.0)[None]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--checkpoint", required=True)
    p.add_argument("--name", default="cue-lowlight")
    p.add_argument("--demo", default=os.path.join(export_cue.MODELS_DIR, "checkpoints", "cue-demo.pt"))
    p.add_argument("--output", required=True)
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    low, ref = load("lowlight.png"), load("lowlight_reference.png")
    panels = [("input", low), ("adaptive gamma", cue_eval.gamma_adaptive(low))]
    for label, path in (("cue-demo", args.demo), (args.name, args.checkpoint)):
        model = export_cue.load_demo(path)[0]
        panels.append((label, export_cue.run_padded(model, low)[0].clamp(0, 1)))
    panels.append(("reference", ref))
    for label, img in panels:
        nr = cue_lowlight_eval.no_reference(img, ref)
        print(f"{label:16s} PSNR {cue_eval.psnr(img, ref):6.2f} dB  SSIM {cue_eval.ssim(img, ref):.4f}  "
              f"brightness {nr['brightness']:.3f}  clipped {100 * nr['clipped']:.2f} %  cast {nr['cast']:.3f}  "
              f"frame {nr['frame']:.4f}")
    h, w = low.shape[-2:]
    gap = 4
    canvas = np.full((h, len(panels) * w + (len(panels) - 1) * gap, 3), 255, np.uint8)
    for i, (_, img) in enumerate(panels):
        canvas[:, i * (w + gap):i * (w + gap) + w] = np.round(img[0].numpy().transpose(1, 2, 0) * 255).astype(np.uint8)
    Image.fromarray(canvas).save(args.output)
    print("wrote", args.output, "panels:", ", ".join(label for label, _ in panels))


if __name__ == "__main__":
    main()
