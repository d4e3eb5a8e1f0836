"""ONNX export validity (onnx.checker, opset, names, dynamic axes, card) and the shipped FarSeg models."""
import json
import os

import numpy as np
import onnx
import pytest
import torch

from aerolux_models import calibration, card, fixtures, registry
from aerolux_models.farseg import FarSeg
from aerolux_models.onnx_export import export_with_card, segmentation_card

import export_farseg

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHIPPED = ("farseg-demo-ce", "farseg-demo")
CLASSES = [{"name": "background", "color": "#000000"}, {"name": "a", "color": "#ff0000"},
           {"name": "b", "color": "#00ff00"}]


def _tiny():
    torch.manual_seed(0)
    return FarSeg("resnet18", 3, base_width=8, fpn_channels=16, decoder_channels=8).eval()


def _card(output="logits"):
    return segmentation_card("tiny", "1", CLASSES, 255.0, [0.4, 0.5, 0.6], [0.2, 0.2, 0.2], 512, 128, 1.5,
                             0.3, "MIT", "test", output)


def _dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def _check_graph(model):
    onnx.checker.check_model(model)
    assert [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")] == [17]
    assert [i.name for i in model.graph.input] == ["input"]
    assert [o.name for o in model.graph.output] == ["output"]
    n, c, h, w = _dims(model.graph.input[0])
    assert c == 3 and all(isinstance(d, str) for d in (n, h, w))
    n, c, h, w = _dims(model.graph.output[0])
    assert all(isinstance(d, str) for d in (n, h, w))


def _check_card(props):
    for key in card.required_keys("segmentation"):
        assert key in props, key
    decoded = {k: (json.loads(v) if k in ("aerolux.classes", "aerolux.input_bands", "aerolux.mean",
                                          "aerolux.std") else v) for k, v in props.items()}
    card.validate({**decoded, "aerolux.model_type": props["aerolux.model_type"]})
    return decoded


def test_export_logits_with_card(tmp_path):
    path = str(tmp_path / "tiny.onnx")
    props = export_with_card(_tiny(), path, _card())
    model = onnx.load(path)
    _check_graph(model)
    decoded = _check_card(props)
    assert decoded["aerolux.classes"][0]["name"] == "background"
    assert float(props["aerolux.temperature"]) == 1.5 and props["aerolux.output"] == "logits"
    assert "Softmax" not in {n.op_type for n in model.graph.node}
    assert {"Resize", "GlobalAveragePool", "Sigmoid"} <= {n.op_type for n in model.graph.node}


def test_export_probabilities_adds_softmax(tmp_path):
    path = str(tmp_path / "p.onnx")
    export_with_card(_tiny(), path, _card("probabilities"))
    model = onnx.load(path)
    _check_graph(model)
    assert model.graph.node[-1].op_type == "Softmax"


def test_export_cli_official_layout(tmp_path):
    from test_checkpoints import OfficialFarSeg
    torch.manual_seed(0)
    ref = OfficialFarSeg("resnet18", 16)
    ckpt = str(tmp_path / "farseg_r18.pth")
    torch.save({"model": {"module." + k: v for k, v in ref.state_dict().items()}}, ckpt)
    out = str(tmp_path / "isaid.onnx")
    with pytest.raises(SystemExit, match="license"):
        export_farseg.main(["--checkpoint", ckpt, "--out", out])
    export_farseg.main(["--checkpoint", ckpt, "--out", out, "--license", "test-only", "--name", "isaid-r18"])
    props = card.read_card(out)
    decoded = _check_card(props)
    _check_graph(onnx.load(out))
    assert len(decoded["aerolux.classes"]) == 16 and decoded["aerolux.classes"][11]["name"] == "swimming_pool"
    assert decoded["aerolux.mean"] == [123.675, 116.28, 103.53] and float(props["aerolux.scale"]) == 1.0
    assert props["aerolux.tile_size"] == "896" and props["aerolux.overlap"] == "384"


def test_export_cli_aerolux_layout_needs_class_names(tmp_path):
    m = _tiny()
    ckpt = str(tmp_path / "m.pt")
    torch.save({"config": m.config, "state_dict": m.state_dict()}, ckpt)
    out = str(tmp_path / "m.onnx")
    with pytest.raises(SystemExit, match="classes"):
        export_farseg.main(["--checkpoint", ckpt, "--out", out])
    cj = tmp_path / "classes.json"
    cj.write_text(json.dumps(CLASSES))
    export_farseg.main(["--checkpoint", ckpt, "--out", out, "--classes-json", str(cj), "--name", "m"])
    assert json.loads(card.read_card(out)["aerolux.classes"]) == CLASSES


# ------------------------------------------------------------------------------------------- shipped models

@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_file_card_and_registry(name):
    entry = {m["name"]: m for m in registry.load()["models"]}[name]
    path = os.path.join(MODELS, entry["file"])
    assert os.path.getsize(path) <= 25 * 1024 * 1024
    assert registry.sha256(path) == entry["sha256"] and entry["type"] == "segmentation"
    model = onnx.load(path)
    _check_graph(model)
    decoded = _check_card(card.read_card(model))
    assert decoded["aerolux.name"] == name and decoded["aerolux.output"] == "logits"
    assert decoded["aerolux.input_bands"] == ["red", "green", "blue"]
    assert [c["name"] for c in decoded["aerolux.classes"]] == ["background", "building", "vehicle", "tree", "pool"]
    assert int(decoded["aerolux.tile_size"]) == 512 and int(decoded["aerolux.overlap"]) >= 128
    assert int(decoded["aerolux.size_multiple"]) == 32
    assert 0.05 < float(decoded["aerolux.temperature"]) < 20
    with open(os.path.join(MODELS, "reports", f"{name}-eval.json")) as f:
        report = json.load(f)
    assert float(decoded["aerolux.temperature"]) == pytest.approx(report["temperature_fitted"], rel=1e-9)


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_fixtures(name):
    for case, shape in (("scene_crop_256", [1, 3, 256, 256]), ("batch2_128x192", [2, 3, 128, 192]),
                        ("odd_75x130", [1, 3, 75, 130])):
        meta, x, y = fixtures.read_fixture(name, case)
        assert list(x.shape) == shape and list(y.shape) == [shape[0], 5] + shape[2:]
        assert np.isfinite(y).all() and meta["output_kind"] == "logits"
    meta, x, _ = fixtures.read_fixture(name, "odd_75x130")
    assert meta["padding"]["mode"] == "reflect" and meta["padding"]["padded_shape"] == [1, 3, 96, 160]
    raw = np.fromfile(os.path.join(fixtures.FIXTURES_DIR, name, meta["raw_input"]), np.uint8).reshape(
        meta["raw_shape"])
    n = meta["normalisation"]
    mean = np.array(n["mean"], np.float32)[None, :, None, None]
    std = np.array(n["std"], np.float32)[None, :, None, None]
    np.testing.assert_allclose((raw.astype(np.float32) / n["scale"] - mean) / std, x, atol=1e-5)


def test_calibration_cases_match_the_metrics():
    with open(os.path.join(fixtures.FIXTURES_DIR, "calibration", "farseg_cases.json")) as f:
        cases = json.load(f)["cases"]
    names = [c["name"] for c in cases]
    assert "bin_edges" in names and any(n.startswith("farseg-demo") for n in names)
    for c in cases:
        z = np.array(c["logits"]).reshape(c["num_classes"], c["height"], c["width"])
        y = np.array(c["labels"]).reshape(c["height"], c["width"])
        m = calibration.image_metrics(z, y, bins=c["bins"])
        m["nacl_penalty_l1"] = calibration.nacl_penalty_l1(z, y)
        for key, want in c["expected"].items():
            if want is None:
                assert np.isnan(m[key]), (c["name"], key)
            else:
                assert m[key] == pytest.approx(want, abs=1e-12), (c["name"], key)
