"""Training losses: FarSeg's foreground-aware optimisation, NACL, SVLS.

Facts read from the authors' code (written here independently):
- foreground-aware optimisation: Z-Zheng/FarSeg `module/loss.py` (`annealing_softmax_focalloss`, cosine
  annealing) and `configs/isaid/farseg50.py` (gamma 2, max_step 10000, ignore 255);
- NACL: MONAI `monai/losses/nacl_loss.py` and the authors' Bala93/MarginLoss
  `calibrate/losses/spatial_adaptive_margin.py` (`get_constr_target`: a k x k `Unfold` with zero
  padding over the label map, so padded pixels count as class 0);
- SVLS: Bala93/MarginLoss `calibrate/losses/spatial_label_smoothing.py` and `losses/utils.py`
  (`get_svls_filter_2d`: Gaussian, centre replaced by the sum of the neighbours, normalised;
  replicate padding).
"""
import math

import torch
from torch.nn import functional as F

IGNORE_INDEX = 255


def annealing_weight(step, max_step):
    """zeta(t) = (1 - cos(pi t / T)) / 2 for t <= T, 1 after: the share of the focal-scaled weight."""
    if step >= max_step:
        return 1.0
    return 0.5 * (1.0 - math.cos(math.pi * step / max_step))


def foreground_aware_loss(logits, target, step, max_step=10000, gamma=2.0, ignore_index=IGNORE_INDEX):
    """FarSeg's foreground-aware optimisation.

    l_i = CE per pixel; m_i = (1 - p_i)^gamma with p_i the probability of the true class;
    Z = sum(l) / sum(l * m) (no gradient); w_i = (1 - zeta) + zeta * Z * m_i;
    loss = sum(w * l) / (number of valid pixels + batch size).
    The official trainer increments its step counter before the loss, so its first step is t = 1.
    """
    losses = F.cross_entropy(logits, target, ignore_index=ignore_index, reduction="none")
    with torch.no_grad():
        valid = target != ignore_index
        safe_target = torch.where(valid, target, torch.zeros_like(target))
        p_true = logits.softmax(dim=1).gather(1, safe_target.unsqueeze(1)).squeeze(1)
        modulating = (1.0 - p_true).pow(gamma)
        normaliser = losses.sum() / (losses * modulating).sum().clamp_min(1e-12)
        zeta = annealing_weight(step, max_step)
        weight = (1.0 - zeta) + zeta * normaliser * modulating
    return (losses * weight).sum() / (valid.sum() + logits.shape[0])


def svls_kernel(sigma=1.0, size=3, dtype=torch.float32):
    """SVLS kernel: Gaussian(sigma) whose centre is replaced by the sum of its neighbours, normalised to 1.

    For sigma = 1, size 3: centre 0.5, edge 0.0778, corner 0.0472.
    """
    r = torch.arange(size, dtype=torch.float64) - (size - 1) / 2.0
    g = torch.exp(-(r[:, None] ** 2 + r[None, :] ** 2) / (2.0 * sigma ** 2))
    g = g / g.sum()
    c = size // 2
    g[c, c] = 1.0 - g[c, c]
    return (g / g.sum()).to(dtype)


def _one_hot(target, classes, dtype=torch.float32):
    return F.one_hot(target.long(), classes).permute(0, 3, 1, 2).to(dtype)


def neighbour_target(target, classes, kernel="mean", size=3, sigma=1.0, dtype=torch.float32,
                     ignore_index=IGNORE_INDEX):
    """tau: soft class proportions of the labels around each pixel, [N, classes, H, W].

    'mean': fraction of each class in the size x size window; pixels outside the image count as
    class 0 (the authors unfold the label map with zero padding); pixels labelled `ignore_index`
    count for no class (as 255 matches no class in the authors' unfold), so tau sums to less than 1 next to them.
    'gaussian': the SVLS kernel over the one-hot labels with replicate padding (ignored pixels contribute zeros).
    """
    target = target.long()
    ignored = target == ignore_index
    # ignored pixels get the extra class `classes`, dropped after the one-hot
    mapped = torch.where(ignored, torch.full_like(target, classes), target)
    if kernel == "mean":
        pad = size // 2
        padded = F.pad(mapped, (pad, pad, pad, pad), value=0)
        one_hot = _one_hot(padded, classes + 1, dtype)[:, :classes]
        box = torch.ones(classes, 1, size, size, dtype=one_hot.dtype, device=one_hot.device) / (size * size)
        return F.conv2d(one_hot, box, groups=classes)
    if kernel == "gaussian":
        one_hot = _one_hot(mapped, classes + 1, dtype)[:, :classes]
        k = svls_kernel(sigma, size, dtype).to(one_hot.device)
        w = k.expand(classes, 1, size, size).contiguous()
        pad = size // 2
        return F.conv2d(F.pad(one_hot, (pad, pad, pad, pad), mode="replicate"), w, groups=classes)
    raise ValueError(f"kernel must be 'mean' or 'gaussian', got {kernel!r}")


def nacl_penalty(logits, target, kernel="mean", size=3, distance="l1", sigma=1.0, ignore_index=IGNORE_INDEX):
    """Mean over (batch, class, y, x) of |tau - z| (L1) or (tau - z)^2 (L2), z = raw logits.

    Pixels labelled `ignore_index` are not centres of the mean, and as neighbours they count for no class
    (see `neighbour_target`); the mean runs over classes x non-ignored pixels (as calibration's
    NaclPenaltyAccumulator in Java). Without ignored pixels this is the plain mean of the authors' code.
    """
    tau = neighbour_target(target, logits.shape[1], kernel, size, sigma, logits.dtype, ignore_index)
    diff = tau - logits
    if distance == "l1":
        per = diff.abs()
    elif distance == "l2":
        per = diff.pow(2)
    else:
        raise ValueError(f"distance must be 'l1' or 'l2', got {distance!r}")
    valid = (target != ignore_index).unsqueeze(1).to(per.dtype)
    count = valid.sum() * logits.shape[1]
    return (per * valid).sum() / count.clamp_min(1.0)


def nacl_loss(logits, target, lam=0.1, kernel="mean", size=3, distance="l1", sigma=1.0):
    """NACL: CE(z, y) + lambda * penalty(tau, z); labels IGNORE_INDEX are left out of both terms."""
    return F.cross_entropy(logits, target, ignore_index=IGNORE_INDEX) + lam * nacl_penalty(logits, target, kernel, size, distance, sigma)


def svls_loss(logits, target, sigma=1.0, size=3):
    """SVLS baseline: -sum_k svls_k * log_softmax_k, averaged over pixels."""
    with torch.no_grad():
        soft = neighbour_target(target, logits.shape[1], "gaussian", size, sigma, logits.dtype)
    return -(soft * F.log_softmax(logits, dim=1)).sum(dim=1).mean()
