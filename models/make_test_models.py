"""Writes the tiny ONNX test fixtures of the tiled inference engine under models/test/.

Regenerate (from the repository root, with Debian's torch 1.13):

    /usr/bin/python3 models/make_test_models.py                          # all of them
    /usr/bin/python3 models/make_test_models.py deepness_sigmoid.onnx    # only the files named

Every model has dynamic N, H and W axes and a full AeroLux card (models/aerolux_models/card.py), except the
deliberately broken ones. Tiling convention shared with the Java engine: the image is mirror-extended
(numpy/torch "reflect", the edge pixel is not repeated) by overlap/2 on every side, then reflect-padded at the
right and bottom up to the model's size multiple; outputs are cropped back.

Files:
  identity.onnx      y = x * 1 (3 -> 3 channels): tiled output must equal the input exactly
  conv3x3.onnx       conv 3x3 (3 -> 4) + ReLU + conv 1x1 (4 -> 2): receptive field 3x3 (radius 1)
  missing_key.onnx   conv3x3 whose card lacks aerolux.overlap
  wrong_rank.onnx    input of rank 3 (C, H, W) instead of NCHW
  deepness.onnx      conv3x3 weights with Deepness-style metadata only (model_type, class_names, ...)
  fixed32.onnx       identity with a fixed 1 x 3 x 32 x 32 input (batch and tile size fixed in the graph)
  deepness_sigmoid.onnx  a single-channel sigmoid model with Deepness metadata only (one class name, seg_thresh
                     0.7): p = sigmoid(4 r + 2 g - 2 b + 1.85) of the card-normalised bands, pointwise (1x1 conv), so
                     any tiling gives exactly p; foreground where p >= 0.7
  ../fixtures/conv3x3/whole_image.*  a 61 x 83 image and PyTorch's untiled output (parity with the Java tiler)
"""
import json
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from aerolux_models import card as cards  # noqa: E402
from aerolux_models import fixtures  # noqa: E402

OUT = os.path.join(HERE, "test")
OPSET = 17


class Identity(torch.nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.one = torch.nn.Parameter(torch.ones(1, channels, 1, 1))

    def forward(self, x):
        return x * self.one


class Conv3x3(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, padding=1)
        self.head = torch.nn.Conv2d(4, 2, 1)

    def forward(self, x):
        return self.head(torch.relu(self.conv(x)))


class PointwiseSigmoid(torch.nn.Module):
    """p = sigmoid(w . x + b) per pixel: one output channel, the foreground probability (Deepness' binary form)."""

    WEIGHTS = (4.0, 2.0, -2.0)
    BIAS = 1.85

    def __init__(self):
        super().__init__()
        self.head = torch.nn.Conv2d(3, 1, 1)
        with torch.no_grad():
            self.head.weight.copy_(torch.tensor(self.WEIGHTS).reshape(1, 3, 1, 1))
            self.head.bias.fill_(self.BIAS)

    def forward(self, x):
        return torch.sigmoid(self.head(x))


class Rank3(torch.nn.Module):
    def forward(self, x):
        return (x * 2.0).unsqueeze(0)


def export(module, path, example, dynamic):
    module.eval()
    torch.onnx.export(module, example, path, opset_version=OPSET, input_names=["input"], output_names=["output"],
                      dynamic_axes=dynamic, do_constant_folding=True)


NCHW_DYNAMIC = {"input": {0: "N", 2: "H", 3: "W"}, "output": {0: "N", 2: "H", 3: "W"}}


def conv_card():
    return {
        "aerolux.model_type": "segmentation", "aerolux.name": "conv3x3-test", "aerolux.version": "1",
        "aerolux.classes": [{"name": "background", "color": "#000000"}, {"name": "bright", "color": "#ffcc00"}],
        "aerolux.input_bands": ["red", "green", "blue"], "aerolux.scale": 255.0,
        "aerolux.mean": [0.5, 0.5, 0.5], "aerolux.std": [0.25, 0.25, 0.25],
        "aerolux.tile_size": 64, "aerolux.overlap": 16, "aerolux.size_multiple": 8, "aerolux.output": "logits",
        "aerolux.temperature": 1.0, "aerolux.resolution_m": 0.5, "aerolux.license": "CC0-1.0",
        "aerolux.training": "untrained, seeded random weights (test fixture)",
        "aerolux.receptive_field": 3,
    }


def identity_card():
    return {
        "aerolux.model_type": "enhancement", "aerolux.name": "identity-test", "aerolux.version": "1",
        "aerolux.input_bands": ["red", "green", "blue"], "aerolux.scale": 1.0,
        "aerolux.mean": [0.0, 0.0, 0.0], "aerolux.std": [1.0, 1.0, 1.0],
        "aerolux.tile_size": 32, "aerolux.overlap": 8, "aerolux.size_multiple": 8, "aerolux.output": "image",
        "aerolux.temperature": 1.0, "aerolux.resolution_m": 0.0, "aerolux.license": "CC0-1.0",
        "aerolux.training": "none: y = x * 1 (test fixture)",
    }


def set_deepness_metadata(path):
    model = onnx.load(path)
    del model.metadata_props[:]
    for key, value in [("model_type", "Segmentor"), ("class_names", {0: "background", 1: "field"}),
                       ("resolution", 50), ("tiles_size", 64), ("tiles_overlap", 25),
                       ("standardization_mean", [0.5, 0.5, 0.5]), ("standardization_std", [0.25, 0.25, 0.25]),
                       ("seg_thresh", 0.5)]:
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = json.dumps(value)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def set_deepness_sigmoid_metadata(path):
    """Deepness' documented form of a binary model: one output channel, class_names naming the one class."""
    model = onnx.load(path)
    del model.metadata_props[:]
    for key, value in [("model_type", "Segmentor"), ("class_names", {0: "field"}), ("resolution", 50),
                       ("tiles_size", 64), ("tiles_overlap", 25), ("standardization_mean", [0.5, 0.5, 0.5]),
                       ("standardization_std", [0.25, 0.25, 0.25]), ("seg_thresh", 0.7)]:
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = json.dumps(value)
    onnx.checker.check_model(model)
    onnx.save(model, path)


def reflect_pad_reference(model, image, card):
    """Untiled reference: mirror halo overlap/2 on each side, reflect pad right/bottom to the multiple, crop."""
    overlap, multiple = card["aerolux.overlap"], card["aerolux.size_multiple"]
    left = overlap // 2
    right = overlap - left
    _, _, h, w = image.shape
    pad_w = -(-(w + overlap) // multiple) * multiple - (w + overlap)
    pad_h = -(-(h + overlap) // multiple) * multiple - (h + overlap)
    x = F.pad(image, (left, right, left, right), mode="reflect")
    x = F.pad(x, (0, pad_w, 0, pad_h), mode="reflect")
    with torch.no_grad():
        y = model(x)
    return y[:, :, left:left + h, left:left + w]


def main(only=()):
    """Writes every fixture, or only the files named in `only` (e.g. deepness_sigmoid.onnx)."""
    os.makedirs(OUT, exist_ok=True)
    if only:
        unknown = set(only) - set(BUILDERS)
        if unknown:
            raise SystemExit(f"unknown test model(s) {sorted(unknown)}; known: {sorted(BUILDERS)}")
        for name in only:
            BUILDERS[name](os.path.join(OUT, name))
            print(name, os.path.getsize(os.path.join(OUT, name)))
        return
    torch.manual_seed(3)

    identity = os.path.join(OUT, "identity.onnx")
    export(Identity(3), identity, torch.zeros(1, 3, 16, 16), NCHW_DYNAMIC)
    cards.write_card(identity, identity_card())

    conv = Conv3x3()
    conv_path = os.path.join(OUT, "conv3x3.onnx")
    export(conv, conv_path, torch.zeros(1, 3, 16, 16), NCHW_DYNAMIC)
    cards.write_card(conv_path, conv_card())

    missing = os.path.join(OUT, "missing_key.onnx")
    export(conv, missing, torch.zeros(1, 3, 16, 16), NCHW_DYNAMIC)
    broken = conv_card()
    del broken["aerolux.overlap"]
    cards.write_card(missing, broken, validate_card=False)

    rank3 = os.path.join(OUT, "wrong_rank.onnx")
    export(Rank3(), rank3, torch.zeros(3, 16, 16), {"input": {1: "H", 2: "W"}, "output": {2: "H", 3: "W"}})
    wrong = identity_card()
    wrong["aerolux.name"] = "wrong-rank-test"
    cards.write_card(rank3, wrong)

    deepness = os.path.join(OUT, "deepness.onnx")
    export(conv, deepness, torch.zeros(1, 3, 16, 16), NCHW_DYNAMIC)
    set_deepness_metadata(deepness)

    fixed = os.path.join(OUT, "fixed32.onnx")
    export(Identity(3), fixed, torch.zeros(1, 3, 32, 32), None)
    fixed_card = identity_card()
    fixed_card["aerolux.name"] = "fixed32-test"
    cards.write_card(fixed, fixed_card)

    write_deepness_sigmoid(os.path.join(OUT, "deepness_sigmoid.onnx"))

    # parity fixture: raw uint8-range image (with card normalisation applied here) and PyTorch's untiled output
    card = conv_card()
    rng = np.random.default_rng(7)
    raw = rng.integers(0, 256, size=(1, 3, 61, 83)).astype(np.float32)
    mean = np.array(card["aerolux.mean"], dtype=np.float32).reshape(1, 3, 1, 1)
    std = np.array(card["aerolux.std"], dtype=np.float32).reshape(1, 3, 1, 1)
    normalised = (raw / np.float32(card["aerolux.scale"]) - mean) / std
    out = reflect_pad_reference(conv, torch.from_numpy(normalised), card).numpy()
    fixtures.write_fixture("conv3x3", "whole_image", raw, out,
                           extra={"note": "input is raw (before card normalisation); output is the untiled model "
                                          "output on the mirror-extended image (see make_test_models.py)"})
    for name in sorted(os.listdir(OUT)):
        print(name, os.path.getsize(os.path.join(OUT, name)))


def write_deepness_sigmoid(path):
    export(PointwiseSigmoid(), path, torch.zeros(1, 3, 16, 16), NCHW_DYNAMIC)
    set_deepness_sigmoid_metadata(path)


#: Fixtures that can be written on their own (their weights do not depend on the shared random stream).
BUILDERS = {"deepness_sigmoid.onnx": write_deepness_sigmoid}


if __name__ == "__main__":
    main(sys.argv[1:])
