"""Calibration and segmentation metrics, computed in float64 with numpy.

The protocol follows the NACL authors' evaluation (Bala93/MarginLoss:
`calibrate/evaluation/metrics.py` ECELoss / ClasswiseECELoss and
`calibrate/evaluation/calib_segment_test.py` CalibSegmentEvaluator), read as follows:

- Bins: `bins` equal-width bins with edges k / bins (k = 0..bins). A value p belongs to bin k when
  edge[k] < p <= edge[k + 1] (the authors test `gt(lower) * le(upper)`), so a bin is open below and
  closed above; 1.0 is in the last bin, and a value of exactly 0 is in no bin (it still counts in the
  pixel total n). We compute edges as k / bins in float64.
- ECE = sum over bins of |mean confidence - accuracy| * (pixels in bin / n), confidence = max softmax,
  accuracy = argmax == label (argmax ties go to the lowest class index, as torch.max and numpy do).
- CECE: for each class k in 0 .. max(label of the evaluated pixels) -- the authors take
  `num_classes = max(labels) + 1` over the pixels they evaluate, so with foreground-only pixels the
  background class 0 is included and classes above the largest label present are not -- the same
  binning on p_k against the indicator label == k; CECE is the plain mean over those classes.
- Foreground-only: per image, pixels whose label is not 0 (background) and not the ignore index;
  the metric is computed per image and the images' values are averaged with equal weight
  (`total_ece.mean()`); images without any foreground pixel are skipped. The authors round each
  image's value to 4 decimals; we do not.
- `_all` variants use every pixel that is not the ignore index (not part of the authors' protocol).
- NLL = mean over the evaluated pixels of -log softmax(z)_label; Brier = mean over the evaluated
  pixels of sum_k (p_k - [label == k])^2. In `image_metrics` both use all non-ignored pixels.

Probabilities are softmax(logits / T) in float64.
"""
import math

import numpy as np

IGNORE_INDEX = 255


def softmax(logits, axis=0, temperature=1.0):
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=0, temperature=1.0):
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    m = z.max(axis=axis, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))


def bin_index(values, bins=15):
    """Bin of each value: k with k/bins < v <= (k+1)/bins; -1 for v <= 0 (in no bin)."""
    edges = np.arange(bins + 1, dtype=np.float64) / bins
    return np.searchsorted(edges, np.asarray(values, dtype=np.float64), side="left") - 1


def _binned_error(scores, hits, bins):
    """sum over bins of |mean score - mean hit| * share of all n values in the bin."""
    n = scores.shape[0]
    if n == 0:
        return float("nan")
    idx = bin_index(scores, bins)
    keep = idx >= 0
    idx, s, h = idx[keep], scores[keep], hits[keep].astype(np.float64)
    count = np.bincount(idx, minlength=bins).astype(np.float64)
    sum_s = np.bincount(idx, weights=s, minlength=bins)
    sum_h = np.bincount(idx, weights=h, minlength=bins)
    nz = count > 0
    return float(np.sum(np.abs(sum_s[nz] / count[nz] - sum_h[nz] / count[nz]) * (count[nz] / n)))


def ece(probs, labels, bins=15):
    """Expected calibration error of probs [n, C] against integer labels [n]."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)
    return _binned_error(conf, pred == labels, bins)


def cece(probs, labels, bins=15):
    """Class-wise ECE averaged over classes 0 .. max(labels) (the authors' reading)."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    if labels.size == 0:
        return float("nan")
    classes = int(labels.max()) + 1
    return float(np.mean([_binned_error(probs[:, k], labels == k, bins) for k in range(classes)]))


def nll(log_probs, labels):
    """Mean of -log p_label over pixels; log_probs [n, C]."""
    return float(-np.mean(log_probs[np.arange(labels.shape[0]), labels]))


def brier(probs, labels):
    """Mean over pixels of sum_k (p_k - onehot_k)^2."""
    one_hot = np.zeros_like(probs)
    one_hot[np.arange(labels.shape[0]), labels] = 1.0
    return float(np.mean(np.sum((probs - one_hot) ** 2, axis=1)))


def _flatten(logits, labels):
    """(C, H, W) logits and (H, W) labels to [H*W, C] and [H*W]."""
    logits = np.asarray(logits, dtype=np.float64)
    c = logits.shape[0]
    return logits.reshape(c, -1).T, np.asarray(labels).reshape(-1).astype(np.int64)


def image_metrics(logits, labels, bins=15, temperature=1.0, ignore_index=IGNORE_INDEX):
    """Metrics of one image: logits (C, H, W), labels (H, W).

    Returns ece_fg, cece_fg (foreground pixels; NaN without foreground), ece_all, cece_all, nll, brier
    (all non-ignored pixels), nll_fg, brier_fg, and the pixel counts.
    """
    z, y = _flatten(logits, labels)
    valid = y != ignore_index
    z, y = z[valid], y[valid]
    logp = log_softmax(z, axis=1, temperature=temperature)
    p = np.exp(logp)
    fg = y != 0
    out = {
        "ece_fg": ece(p[fg], y[fg], bins) if fg.any() else float("nan"),
        "cece_fg": cece(p[fg], y[fg], bins) if fg.any() else float("nan"),
        "ece_all": ece(p, y, bins),
        "cece_all": cece(p, y, bins),
        "nll": nll(logp, y),
        "brier": brier(p, y),
        "nll_fg": nll(logp[fg], y[fg]) if fg.any() else float("nan"),
        "brier_fg": brier(p[fg], y[fg]) if fg.any() else float("nan"),
        "pixels": int(y.shape[0]),
        "foreground_pixels": int(fg.sum()),
    }
    return out


def confusion(pred, labels, classes, ignore_index=IGNORE_INDEX):
    """Confusion matrix [true, predicted] over non-ignored pixels."""
    y = np.asarray(labels).reshape(-1).astype(np.int64)
    p = np.asarray(pred).reshape(-1).astype(np.int64)
    keep = y != ignore_index
    return np.bincount(y[keep] * classes + p[keep], minlength=classes * classes).reshape(classes, classes)


def iou_per_class(conf_matrix):
    """IoU per class; NaN where the class is neither in the labels nor in the predictions."""
    cm = np.asarray(conf_matrix, dtype=np.float64)
    tp = np.diag(cm)
    union = cm.sum(axis=0) + cm.sum(axis=1) - tp
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, tp / union, np.nan)


def miou_foreground(conf_matrix):
    """Mean IoU over foreground classes (1..C-1) that occur in labels or predictions."""
    iou = iou_per_class(conf_matrix)[1:]
    return float(np.nanmean(iou)) if np.any(~np.isnan(iou)) else float("nan")


def nacl_penalty_l1(logits, labels, size=3):
    """mean over (k, y, x) of |tau_k - z_k|, tau from the mean kernel (outside pixels count as class 0).

    logits (C, H, W), labels (H, W) in 0..C-1. The numpy twin of losses.nacl_penalty for one image.
    """
    z = np.asarray(logits, dtype=np.float64)
    c, h, w = z.shape
    pad = size // 2
    padded = np.pad(np.asarray(labels, dtype=np.int64), pad, mode="constant", constant_values=0)
    tau = np.zeros_like(z)
    for dy in range(size):
        for dx in range(size):
            window = padded[dy:dy + h, dx:dx + w]
            for k in range(c):
                tau[k] += window == k
    tau /= size * size
    return float(np.mean(np.abs(tau - z)))


def fit_temperature(logits, labels, ignore_index=IGNORE_INDEX, lo=0.05, hi=20.0, tol=1e-6):
    """Temperature T minimising the mean NLL of softmax(z / T) over all non-ignored pixels.

    logits [n, C] (float), labels [n]. NLL(T) is unimodal in log T; golden-section search on log T.
    """
    z = np.asarray(logits, dtype=np.float64)
    y = np.asarray(labels).astype(np.int64)
    keep = y != ignore_index
    z, y = z[keep], y[keep]
    rows = np.arange(y.shape[0])

    def objective(log_t):
        return -np.mean(log_softmax(z, axis=1, temperature=math.exp(log_t))[rows, y])

    a, b = math.log(lo), math.log(hi)
    g = (math.sqrt(5.0) - 1.0) / 2.0
    c, d = b - g * (b - a), a + g * (b - a)
    fc, fd = objective(c), objective(d)
    while b - a > tol:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - g * (b - a)
            fc = objective(c)
        else:
            a, c, fc = c, d, fd
            d = a + g * (b - a)
            fd = objective(d)
    return math.exp((a + b) / 2.0)


def average(per_image, keys):
    """Equal-weight mean of each key over images, skipping NaN (images without foreground)."""
    out = {}
    for k in keys:
        vals = [m[k] for m in per_image if not (isinstance(m[k], float) and math.isnan(m[k]))]
        out[k] = float(np.mean(vals)) if vals else float("nan")
    return out
