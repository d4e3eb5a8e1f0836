"""Losses against values computed by hand on tiny arrays."""
import math

import numpy as np
import pytest
import torch

from aerolux_models import calibration, losses


def _two_pixels():
    # pixel a: z = (0, 0), label 0 -> p_true 0.5, CE ln 2
    # pixel b: z = (ln 3, 0), label 1 -> p = (0.75, 0.25), p_true 0.25, CE ln 4
    z = torch.tensor([[[[0.0, math.log(3.0)]], [[0.0, 0.0]]]], requires_grad=True)  # [1, 2, 1, 2]
    y = torch.tensor([[[0, 1]]])
    return z, y


def test_annealing_schedule():
    assert losses.annealing_weight(0, 10000) == 0.0
    assert losses.annealing_weight(5000, 10000) == pytest.approx(0.5)
    assert losses.annealing_weight(2500, 10000) == pytest.approx((1 - math.cos(math.pi / 4)) / 2)
    assert losses.annealing_weight(10000, 10000) == 1.0
    assert losses.annealing_weight(20000, 10000) == 1.0


def test_foreground_aware_loss_value_and_normaliser():
    # value: sum(w l) / (valid + N); Z makes sum(w l) = sum(l) at every zeta, so the value is
    # (ln 2 + ln 4) / (2 + 1) = ln 2 whatever the step.
    for step in (0, 2500, 10000, 50000):
        z, y = _two_pixels()
        loss = losses.foreground_aware_loss(z, y, step, 10000)
        assert loss.item() == pytest.approx(math.log(2.0), abs=1e-6)


def test_foreground_aware_loss_gradient_after_annealing():
    # after T: w = Z m, m_a = (1 - 0.5)^2 = 0.25, m_b = (1 - 0.25)^2 = 0.5625,
    # Z = (ln2 + ln4) / (0.25 ln2 + 0.5625 ln4) = 3 / 1.375; no gradient through w.
    z, y = _two_pixels()
    losses.foreground_aware_loss(z, y, 10001, 10000).backward()
    zed = 3.0 / 1.375
    # dCE/dz = p - onehot; pixel a: (0.5 - 1, 0.5); pixel b: (0.75, 0.25 - 1)
    expect_a = np.array([-0.5, 0.5]) * zed * 0.25 / 3.0
    expect_b = np.array([0.75, -0.75]) * zed * 0.5625 / 3.0
    g = z.grad[0, :, 0, :].numpy()
    np.testing.assert_allclose(g[:, 0], expect_a, atol=1e-6)
    np.testing.assert_allclose(g[:, 1], expect_b, atol=1e-6)


def test_foreground_aware_loss_at_step_zero_is_ce_over_valid_plus_batch():
    z, y = _two_pixels()
    losses.foreground_aware_loss(z, y, 0, 10000).backward()
    g = z.grad[0, :, 0, :].numpy()
    np.testing.assert_allclose(g[:, 0], np.array([-0.5, 0.5]) / 3.0, atol=1e-6)
    np.testing.assert_allclose(g[:, 1], np.array([0.75, -0.75]) / 3.0, atol=1e-6)


def test_foreground_aware_loss_ignores_255():
    z = torch.zeros(1, 2, 1, 3)
    y = torch.tensor([[[0, 255, 1]]])
    # two valid pixels, CE ln 2 each: (2 ln 2) / (2 + 1)
    assert losses.foreground_aware_loss(z, y, 0).item() == pytest.approx(2 * math.log(2) / 3, abs=1e-6)


LABELS = torch.tensor([[[1, 1, 0], [1, 2, 0], [0, 0, 0]]])


def test_mean_kernel_target_counts_padding_as_class_0():
    tau = losses.neighbour_target(LABELS, 3, "mean", 3)[0]
    # corner (0, 0): 5 padded pixels (class 0) + labels 1, 1, 1, 2
    np.testing.assert_allclose(tau[:, 0, 0].numpy(), [5 / 9, 3 / 9, 1 / 9], atol=1e-7)
    # (0, 2): 5 padded + labels 1, 0, 2, 0
    np.testing.assert_allclose(tau[:, 0, 2].numpy(), [7 / 9, 1 / 9, 1 / 9], atol=1e-7)
    # (2, 2): 5 padded + labels 2, 0, 0, 0
    np.testing.assert_allclose(tau[:, 2, 2].numpy(), [8 / 9, 0, 1 / 9], atol=1e-7)
    np.testing.assert_allclose(tau.sum(0).numpy(), np.ones((3, 3)), atol=1e-6)


def test_svls_kernel_values():
    k = losses.svls_kernel(1.0, 3).numpy()
    assert k[1, 1] == pytest.approx(0.5, abs=1e-7)
    assert k[0, 1] == pytest.approx(0.0778, abs=5e-5)
    assert k[0, 0] == pytest.approx(0.0472, abs=5e-5)
    assert k.sum() == pytest.approx(1.0, abs=1e-6)


def test_gaussian_target_uses_replicate_padding():
    tau = losses.neighbour_target(LABELS, 3, "gaussian", 3)[0]
    k = losses.svls_kernel(1.0, 3).numpy()
    # corner (0, 0) with replicate padding: the 3x3 window is [[1,1,1],[1,1,1],[1,1,2]]
    assert tau[2, 0, 0].item() == pytest.approx(k[2, 2], abs=1e-6)
    assert tau[1, 0, 0].item() == pytest.approx(1 - k[2, 2], abs=1e-6)
    assert tau[0, 0, 0].item() == pytest.approx(0.0, abs=1e-7)


def test_nacl_penalty_l1_l2_by_hand():
    z = torch.zeros(1, 3, 3, 3)
    # tau sums to 1 per pixel: mean |tau - 0| = 9 / 27, mean tau^2 computed from the counts
    assert losses.nacl_penalty(z, LABELS, "mean", 3, "l1").item() == pytest.approx(1 / 3, abs=1e-6)
    tau = losses.neighbour_target(LABELS, 3, "mean", 3)
    assert losses.nacl_penalty(z, LABELS, "mean", 3, "l2").item() == pytest.approx(
        float((tau ** 2).mean()), abs=1e-7)
    z1 = torch.ones(1, 3, 3, 3)
    # tau in [0, 1]: mean |tau - 1| = 1 - mean tau = 1 - 1/3
    assert losses.nacl_penalty(z1, LABELS, "mean", 3, "l1").item() == pytest.approx(2 / 3, abs=1e-6)


def test_nacl_loss_is_ce_plus_lambda_penalty():
    z = torch.tensor(np.random.default_rng(0).normal(size=(1, 3, 3, 3)), dtype=torch.float32)
    ce = torch.nn.functional.cross_entropy(z, LABELS).item()
    pen = losses.nacl_penalty(z, LABELS).item()
    assert losses.nacl_loss(z, LABELS, lam=0.1).item() == pytest.approx(ce + 0.1 * pen, abs=1e-6)


def test_numpy_twin_of_nacl_penalty():
    z = np.random.default_rng(1).normal(size=(3, 3, 3))
    twin = calibration.nacl_penalty_l1(z, LABELS[0].numpy())
    torch_value = losses.nacl_penalty(torch.tensor(z[None]), LABELS, "mean", 3, "l1").item()
    assert twin == pytest.approx(torch_value, abs=1e-12)


def test_svls_loss_on_uniform_labels_is_log_c():
    z = torch.zeros(1, 4, 5, 5)
    y = torch.ones(1, 5, 5, dtype=torch.long)
    assert losses.svls_loss(z, y).item() == pytest.approx(math.log(4), abs=1e-6)


def test_svls_loss_by_hand_at_a_boundary():
    # labels: left column 0, rest 1 (3x3); centre pixel sees a column of class 0 on its left
    y = torch.tensor([[[0, 1, 1], [0, 1, 1], [0, 1, 1]]])
    z = torch.zeros(1, 2, 3, 3)
    z[0, 1] = 1.0
    k = losses.svls_kernel().numpy()
    soft0 = k[:, 0].sum()  # share of class 0 at the centre
    logp = np.log(np.exp([0.0, 1.0]) / np.exp([0.0, 1.0]).sum())
    centre = -(soft0 * logp[0] + (1 - soft0) * logp[1])
    per_pixel = -(losses.neighbour_target(y, 2, "gaussian") * torch.log_softmax(z, 1)).sum(1)
    assert per_pixel[0, 1, 1].item() == pytest.approx(centre, abs=1e-6)
    assert losses.svls_loss(z, y).item() == pytest.approx(per_pixel.mean().item(), abs=1e-7)


# NACL with the ignore label (255): ignored pixels are no centres of the mean and count for no class as neighbours.
IGNORED = torch.tensor([[[1, 255, 0], [1, 2, 0], [0, 0, 255]]])


def _nacl_by_loops(z, labels, ignore=255):
    """Independent oracle: per valid centre and class, |count(neighbours == k) / 9 - z| (outside = class 0)."""
    _, c, h, w = z.shape
    total, n = 0.0, 0
    for r in range(h):
        for q in range(w):
            if labels[0, r, q] == ignore:
                continue
            n += 1
            for k in range(c):
                count = 0
                for dr in (-1, 0, 1):
                    for dq in (-1, 0, 1):
                        rr, qq = r + dr, q + dq
                        lab = int(labels[0, rr, qq]) if (0 <= rr < h and 0 <= qq < w) else 0
                        count += lab == k
                total += abs(count / 9 - float(z[0, k, r, q]))
    return total / (n * c)


def test_nacl_target_with_ignored_neighbours_by_hand():
    tau = losses.neighbour_target(IGNORED, 3, "mean", 3)[0]
    # (0, 0): 5 padded (class 0) + 1, 255, 1, 2 -> the 255 counts for no class: tau sums to 8/9
    np.testing.assert_allclose(tau[:, 0, 0].numpy(), [5 / 9, 2 / 9, 1 / 9], atol=1e-7)
    # (1, 1): 1, 255, 0, 1, 2, 0, 0, 0, 255 -> two ignored neighbours
    np.testing.assert_allclose(tau[:, 1, 1].numpy(), [4 / 9, 2 / 9, 1 / 9], atol=1e-7)


def test_nacl_penalty_with_ignore_label_leaves_ignored_centres_out():
    g = torch.Generator().manual_seed(3)
    labels = torch.randint(0, 4, (1, 7, 9), generator=g)
    labels[0, 0, 0] = labels[0, 3, 4] = labels[0, 6, 8] = labels[0, 2, 8] = 255
    z = torch.randn(1, 4, 7, 9, generator=g, requires_grad=True)
    pen = losses.nacl_penalty(z, labels)
    assert pen.item() == pytest.approx(_nacl_by_loops(z.detach(), labels), abs=1e-6)
    pen.backward()
    # no gradient reaches the logits of ignored pixels
    for r, q in ((0, 0), (3, 4), (6, 8), (2, 8)):
        assert torch.all(z.grad[0, :, r, q] == 0)
    assert torch.isfinite(z.grad).all()


def test_nacl_penalty_without_ignored_pixels_is_the_authors_plain_mean():
    z = torch.tensor(np.random.default_rng(4).normal(size=(1, 3, 3, 3)), dtype=torch.float32)
    tau = losses.neighbour_target(LABELS, 3, "mean", 3)
    assert losses.nacl_penalty(z, LABELS).item() == pytest.approx(float((tau - z).abs().mean()), abs=1e-7)


def test_nacl_loss_with_ignore_label_runs_and_ignores_it():
    z = torch.tensor(np.random.default_rng(5).normal(size=(1, 3, 3, 3)), dtype=torch.float32)
    ce = torch.nn.functional.cross_entropy(z, IGNORED, ignore_index=255).item()
    pen = losses.nacl_penalty(z, IGNORED).item()
    assert losses.nacl_loss(z, IGNORED, lam=0.1).item() == pytest.approx(ce + 0.1 * pen, abs=1e-6)
    assert pen == pytest.approx(_nacl_by_loops(z, IGNORED), abs=1e-6)
