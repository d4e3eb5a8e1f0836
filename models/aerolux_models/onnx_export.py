"""ONNX export of FarSeg models with an AeroLux model card (opset 17, dynamic N/H/W)."""
import inspect

import onnx
import torch

from . import card

OPSET = 17

#: iSAID classes in the order of Z-Zheng/FarSeg `data/isaid.py` (COLOR_MAP), with its colours.
ISAID_CLASSES = [
    ("background", "#000000"), ("ship", "#00003f"), ("storage_tank", "#00bf7f"), ("baseball_diamond", "#003f00"),
    ("tennis_court", "#003f7f"), ("basketball_court", "#003fbf"), ("ground_track_field", "#003fff"),
    ("bridge", "#007f3f"), ("large_vehicle", "#007f7f"), ("small_vehicle", "#00007f"), ("helicopter", "#0000bf"),
    ("swimming_pool", "#0000ff"), ("roundabout", "#003f3f"), ("soccer_ball_field", "#007fbf"),
    ("plane", "#007fff"), ("harbor", "#00649b"),
]


class _WithSoftmax(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return torch.softmax(self.model(x), dim=1)


def export(model, path, output="logits", sample_size=(64, 64)):
    """Writes `model` (eval mode) as ONNX: input `input` [N, 3, H, W], output `output` [N, C, H, W]."""
    if output not in ("logits", "probabilities"):
        raise ValueError("output must be 'logits' or 'probabilities'")
    model = model.eval()
    net = model if output == "logits" else _WithSoftmax(model).eval()
    dummy = torch.zeros(1, 3, *sample_size)
    kwargs = dict(opset_version=OPSET, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "N", 2: "H", 3: "W"}, "output": {0: "N", 2: "H", 3: "W"}},
                  do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # the TorchScript exporter; newer torch defaults to dynamo
    with torch.no_grad():
        torch.onnx.export(net, dummy, path, **kwargs)
    onnx.checker.check_model(onnx.load(path))


def segmentation_card(name, version, classes, scale, mean, std, tile_size, overlap, temperature,
                      resolution_m, license_text, training, output="logits", size_multiple=32):
    """The aerolux.* keys of a FarSeg model; `classes` is a list of {"name", "color"}, background first."""
    return {
        "aerolux.model_type": "segmentation",
        "aerolux.name": name,
        "aerolux.version": str(version),
        "aerolux.classes": [{"name": c["name"], "color": c["color"]} for c in classes],
        "aerolux.input_bands": ["red", "green", "blue"],
        "aerolux.scale": float(scale),
        "aerolux.mean": [float(v) for v in mean],
        "aerolux.std": [float(v) for v in std],
        "aerolux.tile_size": int(tile_size),
        "aerolux.overlap": int(overlap),
        "aerolux.size_multiple": int(size_multiple),
        "aerolux.output": output,
        "aerolux.temperature": float(temperature),
        "aerolux.resolution_m": float(resolution_m),
        "aerolux.license": license_text,
        "aerolux.training": training,
    }


def export_with_card(model, path, card_values, sample_size=(64, 64)):
    export(model, path, card_values["aerolux.output"], sample_size)
    card.write_card(path, card_values)
    return card.read_card(path)
