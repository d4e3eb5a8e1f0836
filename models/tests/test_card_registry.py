import json
import os

import onnx
import pytest
import torch

from aerolux_models import card, fixtures, registry


def _tiny_onnx(path):
    torch.onnx.export(torch.nn.Conv2d(3, 2, 1), torch.zeros(1, 3, 8, 8), path, opset_version=17,
                      input_names=["input"], output_names=["output"])


def _card():
    return {"aerolux.model_type": "segmentation", "aerolux.name": "t", "aerolux.version": "1",
            "aerolux.classes": [{"name": "background", "color": "#000000"}, {"name": "x", "color": "#ff0000"}],
            "aerolux.input_bands": ["red", "green", "blue"], "aerolux.scale": 255.0,
            "aerolux.mean": [0.5, 0.5, 0.5], "aerolux.std": [0.25, 0.25, 0.25], "aerolux.tile_size": 256,
            "aerolux.overlap": 64, "aerolux.size_multiple": 32, "aerolux.output": "logits",
            "aerolux.temperature": 1.0, "aerolux.resolution_m": 0.3, "aerolux.license": "MIT",
            "aerolux.training": "test"}


def test_card_round_trip(tmp_path):
    p = str(tmp_path / "m.onnx")
    _tiny_onnx(p)
    card.write_card(p, _card())
    props = card.read_card(p)
    assert json.loads(props["aerolux.classes"])[1]["name"] == "x"
    assert json.loads(props["aerolux.mean"]) == [0.5, 0.5, 0.5]
    assert float(props["aerolux.scale"]) == 255.0
    assert props["aerolux.tile_size"] == "256"


def test_missing_key_is_named():
    c = _card()
    del c["aerolux.overlap"]
    with pytest.raises(ValueError, match="aerolux.overlap"):
        card.validate(c)


def test_registry_sha256(tmp_path):
    p = str(tmp_path / "m.onnx")
    _tiny_onnx(p)
    reg = str(tmp_path / "registry.json")
    entry = registry.register("t", p, "segmentation", _card(), registry=reg)
    import hashlib
    assert entry["sha256"] == hashlib.sha256(open(p, "rb").read()).hexdigest()
    assert entry["file"] == "m.onnx"
    assert registry.load(reg)["models"][0]["card"]["classes"] == ["background", "x"]


def test_fixture_round_trip(tmp_path):
    x = torch.randn(1, 3, 5, 7).numpy()
    y = torch.randn(1, 2, 5, 7).numpy()
    fixtures.write_fixture("m", "odd", x, y, root=str(tmp_path))
    meta, x2, y2 = fixtures.read_fixture("m", "odd", root=str(tmp_path))
    assert meta["input_shape"] == [1, 3, 5, 7]
    assert (x2 == x).all() and (y2 == y).all()
    assert os.path.getsize(tmp_path / "m" / "odd_input.f32") == 3 * 5 * 7 * 4
