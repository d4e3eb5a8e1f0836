"""Real-data suite: the CUE authors' published weights (../shared/data/weights/cue-official, read in place, reference
only). The committed key list that test_cue_export maps on random tensors is the real checkpoint's, and our CUENet with
the authors' weights does what their network does: it brings a darkened photograph back towards the original."""
import json
import os

import pytest
import torch

from aerolux_models import cue_data, export_cue
from aerolux_models.shared_data import natural_paths

OFFICIAL_KEYS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cue_official_keys.json")

pytestmark = pytest.mark.real_data


def _checkpoint(shared):
    return shared / "weights" / "cue-official" / "enhanceNet.pth"


def test_committed_key_list_is_the_official_checkpoints(shared_data):
    ckpt = export_cue._load(str(_checkpoint(shared_data)))
    with open(OFFICIAL_KEYS) as f:
        committed = {k: list(v) for k, v in json.load(f)["keys"].items()}
    assert set(ckpt) == {"params", "params_ema"}
    for part in ("params", "params_ema"):
        assert {k: list(v.shape) for k, v in ckpt[part].items()} == committed, part


@pytest.mark.parametrize("part", ["params", "params_ema"])
def test_official_weights_restore_a_darkened_photograph(shared_data, part):
    model = export_cue.load_official(str(_checkpoint(shared_data)), part)
    astronaut = next(p for p in natural_paths() if os.path.basename(p) == "astronaut.png")
    clean = torch.from_numpy(cue_data.load_rgb(astronaut)[200:264, 150:246]).permute(2, 0, 1)[None]
    dark = 0.12 * clean ** 2  # gamma 2, exposure 0.12
    out, _ = export_cue.run_padded(model, dark)
    assert out.shape == clean.shape and torch.isfinite(out).all()
    before, after = (dark - clean).abs().mean().item(), (out - clean).abs().mean().item()
    assert after < 0.5 * before, f"mean error to the original: dark {before:.3f}, enhanced {after:.3f}"
