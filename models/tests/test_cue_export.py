"""CUE export: the DFT-op graph, the committed cue-demo ONNX (card, registry, fixtures), and the strict mapping
of official CUE checkpoints. Numeric ONNX Runtime parity is the Java test on models/fixtures/cue-demo."""
import json
import os

import numpy as np
import onnx
import pytest
import torch

from aerolux_models import card, cue, export_cue, fixtures, registry

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(MODELS, "cue-demo.onnx")
OFFICIAL_KEYS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cue_official_keys.json")


def _dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


class _TwoFuses(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = cue.FrequencyFuse(4, kernel=3)
        self.b = cue.FrequencyFuse(4, kernel=1)

    def forward(self, x):
        return self.b(self.a(x))


def test_frequency_blocks_export_to_dft(tmp_path):
    path = export_cue.export_graph(_TwoFuses(), torch.rand(1, 4, 12, 20), str(tmp_path / "fuse.onnx"))
    m = onnx.load(path)
    onnx.checker.check_model(m)
    assert m.opset_import[0].version == 17
    dft = [n for n in m.graph.node if n.op_type == "DFT"]
    assert len(dft) == 8  # per fuse: rfft2 = 2 DFTs (W one-sided, H), irfft2 = 2 inverse DFTs
    attrs = [{a.name: a.i for a in n.attribute} for n in dft]
    assert sum(a.get("inverse", 0) for a in attrs) == 4 and sum(a.get("onesided", 0) for a in attrs) == 2
    assert _dims(m.graph.input[0]) == ["N", 4, "H", "W"]
    assert _dims(m.graph.output[0])[0] == "N"


@pytest.fixture(scope="module")
def demo():
    assert os.path.exists(DEMO), "models/cue-demo.onnx is missing"
    return onnx.load(DEMO)


def test_demo_graph_is_valid_with_dft_and_dynamic_dims(demo):
    onnx.checker.check_model(demo)
    assert os.path.getsize(DEMO) <= 25 * 1024 * 1024
    assert {o.domain: o.version for o in demo.opset_import}[""] == 17
    ops = {n.op_type for n in demo.graph.node}
    assert "DFT" in ops
    assert not any("fft" in op.lower() or n.domain not in ("", "ai.onnx") for n in demo.graph.node
                   for op in [n.op_type])
    assert [i.name for i in demo.graph.input] == ["input"]
    assert [o.name for o in demo.graph.output] == ["output"]
    assert _dims(demo.graph.input[0]) == ["N", 3, "H", "W"]
    assert _dims(demo.graph.output[0]) == ["N", 3, "H", "W"]


def test_demo_card(demo):
    props = card.read_card(demo)
    for key in card.required_keys("enhancement"):
        assert key in props, key
    assert props["aerolux.model_type"] == "enhancement"
    assert props["aerolux.name"] == "cue-demo"
    assert json.loads(props["aerolux.input_bands"]) == ["red", "green", "blue"]
    assert float(props["aerolux.scale"]) == 1.0
    assert json.loads(props["aerolux.mean"]) == [0.0, 0.0, 0.0]
    assert json.loads(props["aerolux.std"]) == [1.0, 1.0, 1.0]
    assert props["aerolux.output"] == "image"
    assert int(props["aerolux.tile_size"]) == 1024 and int(props["aerolux.overlap"]) == 256
    assert int(props["aerolux.size_multiple"]) == 4
    assert float(props["aerolux.temperature"]) == 1.0 and float(props["aerolux.resolution_m"]) == 0.0
    assert props["aerolux.license"] and props["aerolux.training"] and "\n" not in props["aerolux.training"]
    assert int(props["aerolux.activation_bytes_per_pixel"]) > 0


def test_demo_is_registered_with_its_sha256():
    entries = {m["name"]: m for m in registry.load()["models"]}
    entry = entries["cue-demo"]
    assert entry["type"] == "enhancement"
    assert os.path.normpath(os.path.join(MODELS, entry["file"])) == os.path.normpath(DEMO)
    assert entry["sha256"] == registry.sha256(DEMO)
    assert entry["size_bytes"] == os.path.getsize(DEMO)


@pytest.mark.parametrize("model_name", ["cue-demo", "cue-lowlight"])
@pytest.mark.parametrize("case", [c[0] for c in export_cue.FIXTURE_CASES])
def test_parity_fixtures(model_name, case):
    meta, x, y = fixtures.read_fixture(model_name, case)
    assert x.shape[0] == y.shape[0] and x.shape[1] == y.shape[1] == 3 and x.shape[2:] == y.shape[2:]
    assert 0 <= x.min() and x.max() <= 1 and np.isfinite(y).all()
    assert y.mean() > x.mean()  # it brightens
    pad = meta["padding"]
    m = export_cue.BORDER_MARGIN
    assert pad["top"] == pad["left"] == m
    assert (x.shape[2] + m + pad["bottom"]) % 4 == 0 and (x.shape[3] + m + pad["right"]) % 4 == 0
    assert m <= pad["bottom"] < m + 4 and m <= pad["right"] < m + 4
    assert "extendMirrorSingle" in pad["mode"]
    assert meta["tolerance"] == 1e-3
    assert meta["source"].startswith("synthetic")


def test_odd_fixture_is_padded():
    meta, x, _ = fixtures.read_fixture("cue-demo", "odd_75x130")
    assert list(x.shape) == [1, 3, 75, 130]
    assert (meta["padding"]["bottom"], meta["padding"]["right"]) == (33, 34)
    assert meta["padding"]["padded_shape"] == [1, 3, 140, 196]


def test_whole_run_padding_mirrors_without_repeating_the_edge():
    x = torch.arange(75 * 130, dtype=torch.float32).view(1, 1, 75, 130)
    padded, (pt, pb, pl, pr) = export_cue.pad_for_whole_run(x, margin=32)
    assert padded.shape == (1, 1, 140, 196) and (pt, pb, pl, pr) == (32, 33, 32, 34)
    assert torch.equal(padded[0, 0, 32:107, 32:162], x[0, 0])
    assert torch.equal(padded[0, 0, 31, 32:162], x[0, 0, 1])    # row -1 mirrors row 1 (not 0)
    assert torch.equal(padded[0, 0, 107, 32:162], x[0, 0, 73])  # row 75 mirrors row 73 (not 74)
    assert torch.equal(padded[0, 0, 32:107, 0], x[0, 0, :, 32])
    # folded more than once on a tiny image, as ImgLib2's extendMirrorSingle does: period 2 (n - 1)
    assert export_cue.mirror_indices(3, 5, 5).tolist() == [1, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1]


# ----------------------------------------------------------------------------------------------------------
# Official checkpoint layout
# ----------------------------------------------------------------------------------------------------------

def _random_official():
    with open(OFFICIAL_KEYS) as f:
        keys = json.load(f)["keys"]
    g = torch.Generator().manual_seed(0)
    return {k: torch.randn(shape, generator=g) for k, shape in keys.items()}


def test_official_keys_map_strictly():
    official = _random_official()
    assert len(official) == 839
    converted = export_cue.convert_official_state_dict(official)
    model = cue.CUENet()
    model.load_state_dict(converted, strict=True)
    # every value lands where the rules say, bit for bit
    mapped = 0
    for key, value in official.items():
        ours = export_cue.official_key_to_ours(key)
        if ours is None:
            assert key.startswith("model_illu.modulation_mul.")
            continue
        assert torch.equal(model.state_dict()[ours], value), key
        mapped += 1
    assert mapped == len(model.state_dict()) == 836  # 839 less the 3 unused modulation_mul weights


@pytest.mark.parametrize("official,ours", [
    ("mu", "mu"),
    ("model_illu.L_learnedPrior.convpre.weight", "illumination_prior.stem.weight"),
    ("model_illu.L_learnedPrior.conv3.identity.bias", "illumination_prior.enc3.skip.bias"),
    ("model_illu.L_learnedPrior.context_g.conv_1.weight", "illumination_prior.context_fuse.conv1.weight"),
    ("model_illu.L_learnedPrior.merge2.1.conv_du.2.weight", "illumination_prior.merge2.1.squeeze.2.weight"),
    ("model_illu.L_learnedPrior.Global.3.bias", "illumination_prior.global_context.3.bias"),
    ("model_illu.modulation_add.4.weight", "illumination_modulation.4.weight"),
    ("model_refl.prox.basic_unit.2.weight", "reflectance_prox.2.weight"),
    ("model_noise.prox.basic_unit.0.weight", "noise_prox.0.weight"),
    ("adjustIllu_model.process.conv3.spa.spatial_process.block.H.norm.weight",
     "illumination_adjust.body.bottleneck.spatial.inv.h.norm.weight"),
    ("restoraRefl_model.process.conv5.cha.frequency_process.processimag.2.bias",
     "reflectance_restore.body.dec1.channel.freq_imag.2.bias"),
    ("restoraRefl_model.process.up1.weight", "reflectance_restore.body.up1.weight"),
    ("restoraRefl_model.extract.weight", "reflectance_restore.head.weight"),
    ("adjustIllu_model.process.convout.bias", "illumination_adjust.body.conv_out.bias"),
    ("adjustIllu_model.process.conv1.spa.cat.weight", "illumination_adjust.body.enc1.spatial.merge.weight"),
    ("model_illu.modulation_mul.0.weight", None),
])
def test_official_key_names(official, ours):
    assert export_cue.official_key_to_ours(official) == ours


def test_official_mapping_rejects_incomplete_or_foreign_checkpoints():
    official = _random_official()
    broken = dict(official)
    del broken["restoraRefl_model.recons.weight"]
    with pytest.raises(ValueError, match="reflectance_restore.tail.weight"):
        export_cue.convert_official_state_dict(broken)
    extra = dict(official)
    extra["something.else"] = torch.zeros(1)
    with pytest.raises(ValueError, match="something.else"):
        export_cue.convert_official_state_dict(extra)
    wrong = dict(official)
    wrong["adjustIllu_model.extract.weight"] = torch.zeros(8, 3, 1, 1)
    with pytest.raises(ValueError, match="misshapen"):
        export_cue.convert_official_state_dict(wrong)


def test_load_official_reads_params_ema(tmp_path):
    official = _random_official()
    ema = {k: v * 2 for k, v in official.items()}
    path = str(tmp_path / "enhanceNet.pth")
    torch.save({"params": official, "params_ema": ema}, path)
    model = export_cue.load_official(path)
    assert torch.equal(model.reflectance_restore.tail.weight, ema["restoraRefl_model.recons.weight"])
    model = export_cue.load_official(path, param_key="params")
    assert torch.equal(model.reflectance_restore.tail.weight, official["restoraRefl_model.recons.weight"])
    with torch.no_grad():
        assert model(torch.rand(1, 3, 8, 8)).shape == (1, 3, 8, 8)
