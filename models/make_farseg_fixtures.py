#!/usr/bin/python3
"""Writes parity fixtures (PyTorch logits) for the shipped FarSeg demo models.

    /usr/bin/python3 models/make_farseg_fixtures.py farseg-demo-ce farseg-demo

Per model, in models/fixtures/<model>/ (layout of aerolux_models/fixtures.py):
  scene_crop_256     1 x 3 x 256 x 256, the top-left corner of eval scene 9001
  batch2_128x192     2 x 3 x 128 x 192, two windows of eval scene 9002 (batch and non-square)
  odd_75x130         1 x 3 x 75 x 130 from eval scene 9003: not a multiple of 32. The model ran on the
                     input reflect-padded at the bottom and right to 96 x 160 (numpy/torch 'reflect' =
                     ImgLib2 Views.extendMirrorSingle: the edge pixel is not repeated) and the output was
                     cropped back to 75 x 130. The raw uint8 RGB is stored beside it (odd_75x130_raw.u8).
Inputs are the normalised tensors ((raw / scale - mean) / std); outputs are logits (the ONNX output).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from aerolux_models import checkpoints, fixtures, registry, scenes, training  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def _eval_image(seed):
    path = os.path.join(HERE, "eval", f"scene_{seed}_image.tif")
    image, _, _ = scenes.read_raster(path)
    return image, os.path.relpath(path, HERE)


def _norm_info():
    return {"scale": training.SCALE, "mean": list(training.MEAN), "std": list(training.STD),
            "formula": "(raw / scale - mean) / std per band, bands red, green, blue"}


@torch.no_grad()
def make(name, threads=1):
    training.set_threads(threads)
    ckpt = os.path.join(HERE, "checkpoints", f"{name}.pt")
    model, _ = checkpoints.load_model(torch.load(ckpt, map_location="cpu"))
    onnx_path = os.path.join(HERE, f"{name}.onnx")
    common = {"output_kind": "logits", "onnx": f"{name}.onnx", "normalisation": _norm_info(),
              "framework": "PyTorch " + torch.__version__}
    if os.path.exists(onnx_path):
        common["onnx_sha256"] = registry.sha256(onnx_path)

    image, src = _eval_image(9001)
    x = training.normalise(image[:256, :256])[None]
    fixtures.write_fixture(name, "scene_crop_256", x.numpy(), model(x).numpy(),
                           {**common, "source": src, "window": {"row": 0, "col": 0, "height": 256, "width": 256},
                            "padding": None})

    image, src = _eval_image(9002)
    windows = [(64, 32), (300, 288)]
    x = torch.stack([training.normalise(image[r:r + 128, c:c + 192]) for r, c in windows])
    fixtures.write_fixture(name, "batch2_128x192", x.numpy(), model(x).numpy(),
                           {**common, "source": src,
                            "windows": [{"row": r, "col": c, "height": 128, "width": 192} for r, c in windows],
                            "padding": None})

    image, src = _eval_image(9003)
    raw = image[200:275, 150:280]  # 75 x 130
    x = training.normalise(raw)[None]
    padded = training.pad_to_multiple(x, 32)
    y = model(padded)[..., :75, :130]
    folder = os.path.join(fixtures.FIXTURES_DIR, name)
    os.makedirs(folder, exist_ok=True)
    raw_nchw = np.ascontiguousarray(raw.transpose(2, 0, 1)[None])
    raw_nchw.astype(np.uint8).tofile(os.path.join(folder, "odd_75x130_raw.u8"))
    fixtures.write_fixture(name, "odd_75x130", x.numpy(), y.numpy(), {
        **common, "source": src, "window": {"row": 200, "col": 150, "height": 75, "width": 130},
        "raw_input": "odd_75x130_raw.u8", "raw_dtype": "uint8", "raw_layout": "NCHW",
        "raw_shape": list(raw_nchw.shape),
        "padding": {"mode": "reflect", "imglib2": "Views.extendMirrorSingle", "where": "bottom_right",
                    "multiple": 32, "padded_shape": list(padded.shape),
                    "note": "pad the input (normalised or raw: the same) at the bottom and right, "
                            "edge pixel not repeated, run the model, crop the output to the input size"}})
    print(f"{name}: fixtures in {folder}")


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or ["farseg-demo-ce", "farseg-demo"]
    for n in names:
        make(n)


if __name__ == "__main__":
    main()
