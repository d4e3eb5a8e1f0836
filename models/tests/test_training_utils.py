"""Normalisation, padding and whole-image inference helpers used for training, evaluation and fixtures."""
import numpy as np
import pytest
import torch

from aerolux_models import training
from aerolux_models.farseg import FarSeg


def test_normalise_matches_the_card_formula():
    img = np.array([[[0, 128, 255]]], np.uint8)
    x = training.normalise(img)
    want = (np.array([0, 128, 255]) / training.SCALE - np.array(training.MEAN)) / np.array(training.STD)
    np.testing.assert_allclose(x[:, 0, 0].numpy(), want, rtol=1e-6)


def test_reflect_padding_is_mirror_without_edge_repeat():
    x = torch.arange(5.0).reshape(1, 1, 1, 5).expand(1, 1, 3, 5)
    p = training.pad_to_multiple(x, 8)
    assert p.shape == (1, 1, 8, 8)
    # columns 0 1 2 3 4 | 3 2 1 (ImgLib2 extendMirrorSingle), rows 0 1 2 | 1 0 1 0 1
    assert p[0, 0, 0].tolist() == [0, 1, 2, 3, 4, 3, 2, 1]
    np.testing.assert_array_equal(p[0, 0, :, 0].numpy(), np.zeros(8))
    assert training.pad_to_multiple(torch.zeros(1, 1, 32, 64)).shape == (1, 1, 32, 64)


def test_reflect_padding_at_the_bottom_follows_rows():
    x = torch.arange(3.0).reshape(1, 1, 3, 1).expand(1, 1, 3, 2)
    p = training.pad_to_multiple(x, 8)
    assert p[0, 0, :, 0].tolist() == [0, 1, 2, 1, 0, 1, 2, 1]


def test_predict_logits_pads_and_crops():
    torch.manual_seed(0)
    m = FarSeg("resnet18", 3, base_width=8, fpn_channels=16, decoder_channels=8).eval()
    img = np.random.default_rng(0).integers(0, 256, size=(40, 70, 3), dtype=np.uint8)
    z = training.predict_logits(m, img)
    assert z.shape == (3, 40, 70)
    with torch.no_grad():
        full = m(training.pad_to_multiple(training.normalise(img)[None]))[0, :, :40, :70].numpy()
    np.testing.assert_array_equal(z, full)


def test_parse_seeds():
    assert training.parse_seeds("3-5,9") == [3, 4, 5, 9]


def test_mirror_padding_equals_numpy_reflect_where_torch_allows_it():
    x = torch.randn(2, 3, 75, 130)
    p = training.pad_to_multiple(x, 32)
    want = np.pad(x.numpy(), ((0, 0), (0, 0), (0, 21), (0, 30)), mode="reflect")
    np.testing.assert_array_equal(p.numpy(), want)
    np.testing.assert_array_equal(p.numpy(), torch.nn.functional.pad(x, (0, 30, 0, 21), mode="reflect").numpy())


def test_demo_loss_is_the_sum_of_its_parts():
    from aerolux_models import losses
    g = torch.Generator().manual_seed(0)
    z = torch.randn(2, 5, 8, 8, generator=g)
    y = torch.randint(0, 5, (2, 8, 8), generator=g)
    ce = torch.nn.functional.cross_entropy(z, y).item()
    fa = losses.foreground_aware_loss(z, y, 30, 100).item()
    pen = losses.nacl_penalty(z, y).item()
    loss, *_ = training.demo_loss(z, y, 30, 100, ce_weight=1.0, nacl_lambda=0.1)
    assert loss.item() == pytest.approx(ce + fa + 0.1 * pen, abs=1e-6)
    loss, *_ = training.demo_loss(z, y, 30, 100, ce_weight=1.0, nacl_lambda=0.0)
    assert loss.item() == pytest.approx(ce + fa, abs=1e-6)
    loss, *_ = training.demo_loss(z, y, 30, 100, ce_weight=0.0, nacl_lambda=0.1)
    assert loss.item() == pytest.approx(fa + 0.1 * pen, abs=1e-6)


def test_the_default_loss_is_the_official_foreground_aware_loss_alone():
    from aerolux_models import losses
    g = torch.Generator().manual_seed(1)
    z = torch.randn(2, 5, 8, 8, generator=g)
    y = torch.randint(0, 5, (2, 8, 8), generator=g)
    y[0, 0, :3] = 255
    loss, *_ = training.demo_loss(z, y, 30, 100)
    assert loss.item() == pytest.approx(losses.foreground_aware_loss(z, y, 30, 100).item(), abs=1e-7)
    assert training.LOSSES["fa"] == (0.0, 1.0)
    ce_only, *_ = training.demo_loss(z, y, 30, 100, *training.LOSSES["ce"][:1], fa_weight=training.LOSSES["ce"][1])
    assert ce_only.item() == pytest.approx(
        torch.nn.functional.cross_entropy(z, y, ignore_index=255).item(), abs=1e-6)
    assert training.loss_name(0.0, 1.0, 0.03) == "foreground-aware + 0.03 * NACL(mean 3x3, L1)"
