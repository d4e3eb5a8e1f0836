"""Synthetic low/normal-light pairs and prior targets: determinism, hold-out, and what each target means."""
import numpy as np
import pytest
import torch

from aerolux_models import cue_data, cue_eval


@pytest.fixture(scope="module")
def split():
    return cue_data.split_images()


def test_held_out_images_never_train(split):
    train, held = split
    train_names = {n for n, _ in train}
    assert {n for n, _ in held} == set(cue_data.EVAL_IMAGES)
    assert not train_names & set(cue_data.EVAL_IMAGES)
    assert len(train_names) >= 3
    names = {cue_data.make_pair(train, 32, seed=3, index=i)[2]["image"] for i in range(40)}
    assert names <= train_names


def test_pairs_are_deterministic(split):
    train, _ = split
    a_low, a_clean, a_p = cue_data.make_pair(train, 48, seed=11, index=5)
    b_low, b_clean, b_p = cue_data.make_pair(train, 48, seed=11, index=5)
    assert torch.equal(a_low, b_low) and torch.equal(a_clean, b_clean) and a_p == b_p
    c_low, _, _ = cue_data.make_pair(train, 48, seed=12, index=5)
    d_low, _, _ = cue_data.make_pair(train, 48, seed=11, index=6)
    assert not torch.equal(a_low, c_low) and not torch.equal(a_low, d_low)
    b1 = cue_data.make_batch(train, 32, 3, seed=2, step=4)
    b2 = cue_data.make_batch(train, 32, 3, seed=2, step=4)
    assert torch.equal(b1[0], b2[0]) and torch.equal(b1[1], b2[1])
    assert b1[0].shape == (3, 3, 32, 32) and b1[0].dtype == torch.float32


def test_pairs_are_dark_noisy_and_in_range(split):
    train, _ = split
    for i in range(8):
        low, clean, p = cue_data.make_pair(train, 64, seed=1, index=i)
        assert low.min() >= 0 and low.max() <= 1 and clean.min() >= 0 and clean.max() <= 1
        assert low.mean() < 0.5 * clean.mean() + 0.02
        assert cue_data.GAMMA_RANGE[0] <= p["gamma"] <= cue_data.GAMMA_RANGE[1]
        assert cue_data.SCALE_RANGE[0] <= p["scale"] <= cue_data.SCALE_RANGE[1]


def test_darken_noise_statistics():
    """Poisson-Gaussian: on a flat grey patch the mean follows scale * y^gamma and the variance
    follows signal / peak + sigma^2."""
    rng = np.random.default_rng(0)
    flat = np.full((200, 200, 3), 0.6, dtype=np.float32)
    low, p = cue_data.darken(flat, rng)
    signal = p["scale"] * 0.6 ** p["gamma"]
    assert low.mean() == pytest.approx(signal, rel=0.03, abs=1e-3)
    assert low.var() == pytest.approx(signal / p["peak"] + p["sigma"] ** 2, rel=0.15)


def test_bilateral_filter():
    flat = torch.full((1, 1, 9, 9), 0.3)
    assert torch.allclose(cue_data.bilateral_filter(flat), flat)
    # with a huge range sigma it is the mean over the radius-2 disc (13 pixels) at an interior pixel
    x = torch.arange(81, dtype=torch.float32).view(1, 1, 9, 9) / 81
    y = cue_data.bilateral_filter(x, sigma_color=1e6, sigma_space=1e6)
    disc = [(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3) if dy * dy + dx * dx <= 4]
    assert len(disc) == 13
    expected = sum(x[0, 0, 4 + dy, 4 + dx] for dy, dx in disc) / 13
    assert y[0, 0, 4, 4].item() == pytest.approx(expected.item(), abs=1e-6)
    # a strong step edge survives (range weights ~ exp(-0.5 (0.8/0.2)^2))
    step = torch.zeros(1, 1, 9, 9)
    step[..., 4:] = 0.8
    assert (cue_data.bilateral_filter(step) - step).abs().max() < 0.01


def test_window_mask_hides_half_of_the_windows():
    g = torch.Generator().manual_seed(0)
    m = cue_data.window_mask(3, 80, 120, 20, 0.5, g)
    assert m.shape == (3, 1, 80, 120)
    windows = m[:, 0, ::20, ::20]
    assert windows.sum(dim=(1, 2)).tolist() == [12.0, 12.0, 12.0]
    blocks = m.view(3, 1, 4, 20, 6, 20)
    assert torch.equal(blocks.amax(dim=(3, 5)), blocks.amin(dim=(3, 5)))  # constant inside each window


def test_illumination_prior_batch(split):
    train, _ = split
    a = cue_data.illumination_prior_batch(train, 40, 2, seed=5, step=1)
    b = cue_data.illumination_prior_batch(train, 40, 2, seed=5, step=1)
    assert all(torch.equal(x, y) for x, y in zip(a, b))
    masked, target, mask = a
    assert masked.shape == target.shape == mask.shape == (2, 1, 40, 40)
    assert (masked[mask == 1] == 0).all()


def test_hog_of_a_horizontal_edge_is_in_the_90_degree_bin():
    img = torch.zeros(1, 3, 16, 16)
    img[:, :, 8:, :] = 1.0  # intensity changes along y: gradient at 90 degrees -> bin 4 of 9 (80-100 deg)
    h = cue_data.hog_cells(img, cell=4)
    assert h.shape == (1, 9, 4, 4)
    edge_cells = h[0, :, 1:3, :]
    assert (edge_cells.argmax(dim=0) == 4).all()
    assert h[0, :, 0, :].abs().max() < 1e-3  # flat cells are empty
    t = cue_data.patch_hog_targets(torch.rand(2, 3, 32, 32), patch=8, cell=4)
    assert t.shape == (2, 16, 36)


def test_baselines_and_metrics():
    clean = torch.rand(1, 3, 32, 32)
    assert cue_eval.psnr(clean, clean) == float("inf")
    assert cue_eval.ssim(clean, clean) == pytest.approx(1.0)
    assert cue_eval.psnr(torch.zeros(1, 3, 4, 4), torch.full((1, 3, 4, 4), 0.1)) == pytest.approx(20.0)
    low = torch.full((1, 3, 8, 8), 0.1)
    assert torch.allclose(cue_eval.gamma_fixed(low), torch.full_like(low, 0.1 ** (1 / 2.2)))
    assert cue_eval.luminance(cue_eval.gamma_adaptive(low)).mean().item() == pytest.approx(0.5, abs=1e-4)
    ramp = torch.linspace(0.0, 0.2, 64).view(1, 1, 8, 8).repeat(1, 3, 1, 1)
    eq = cue_eval.histogram_equalisation(ramp)
    assert eq.max().item() == pytest.approx(1.0) and eq.min().item() == pytest.approx(0.0)
