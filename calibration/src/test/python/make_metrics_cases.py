#!/usr/bin/python3
"""Writes models/fixtures/calibration/metrics_cases.json: calibration metrics on tiny labelled images, computed
independently of the Java code, from the NACL authors' definitions (Bala93/MarginLoss,
calibrate/evaluation/metrics.py ECELoss / ClasswiseECELoss, calib_segment_test.py; spatial_adaptive_margin.py for
the 'mean' tau).

Definitions used (float64 throughout, logits are float32 values):
  p = softmax(logits) over classes; prediction = argmax (first max); confidence = max p.
  ECE  : edges = linspace(0, 1, bins + 1); bin k holds lower < conf <= upper; sum over bins with pixels of
         |mean conf - accuracy| * (pixels in bin / all evaluated pixels).
  CECE : the same on p_c against [label == c] for c in 0 .. max(label of evaluated pixels), then the mean.
  *_fg : evaluated pixels are those with label != 0; *_all: every pixel.
  nll  : mean over ALL pixels of -log_softmax(logits)[label].
  brier: mean over ALL pixels of sum_c (p_c - [label == c])^2.
  nacl_penalty_l1/l2: tau_c = fraction of the 3x3 window (torch unfold on the label map, zero padding, so padded
         positions are class 0) with label c; mean over classes and pixels of |tau - logits| (resp. squared).
Each case is one image. Run: /usr/bin/python3 calibration/src/test/python/make_metrics_cases.py
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

BINS = 15


def softmax64(logits):  # logits (C, N) float64
    m = logits.max(axis=0, keepdims=True)
    e = np.exp(logits - m)
    return e / e.sum(axis=0, keepdims=True), (logits - m) - np.log(e.sum(axis=0, keepdims=True))


def binned_ece(conf, hit, bins):
    edges = np.linspace(0.0, 1.0, bins + 1)
    n = conf.shape[0]
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        in_bin = (conf > lo) & (conf <= hi)
        share = in_bin.sum() / n
        if share > 0:
            total += abs(conf[in_bin].mean() - hit[in_bin].astype(np.float64).mean()) * share
    return float(total)


def ece_cece(p, labels, bins):
    pred = p.argmax(axis=0)
    conf = p.max(axis=0)
    ece = binned_ece(conf, pred == labels, bins)
    classes = range(int(labels.max()) + 1)
    cece = float(np.mean([binned_ece(p[c], labels == c, bins) for c in classes]))
    return ece, cece


def nacl_penalty(logits_chw, labels_hw, num_classes, k=3):
    lab = torch.from_numpy(labels_hw.astype(np.float64))[None, None]
    u = F.unfold(lab, kernel_size=(k, k), padding=k // 2)[0]  # (k*k, H*W), padding value 0 = class 0
    tau = torch.stack([(u == c).sum(0).double() / (k * k) for c in range(num_classes)])  # (C, H*W)
    z = torch.from_numpy(logits_chw.reshape(num_classes, -1))
    d = tau - z
    return float(d.abs().mean()), float((d * d).mean())


def edge_distance(values, bins):
    """Smallest distance of values in (0, 1) to an inner bin edge; values 0 or 1 exactly are deterministic."""
    edges = np.linspace(0.0, 1.0, bins + 1)[1:-1]
    v = values[(values > 0) & (values < 1)].reshape(-1, 1)
    return float(np.abs(v - edges.reshape(1, -1)).min()) if v.size else math.inf


def make_case(name, logits32, labels):
    c, h, w = logits32.shape
    z = logits32.astype(np.float64).reshape(c, h * w)
    y = labels.reshape(-1).astype(np.int64)
    p, logp = softmax64(z)
    if edge_distance(p, BINS) < 1e-9:
        sys.exit(f"case {name}: a probability lies within 1e-9 of a bin edge; change its seed")
    fg = y != 0
    if not fg.any():
        sys.exit(f"case {name}: no foreground pixel")
    ece_fg, cece_fg = ece_cece(p[:, fg], y[fg], BINS)
    ece_all, cece_all = ece_cece(p, y, BINS)
    nll = float(-logp[y, np.arange(y.size)].mean())
    onehot = np.zeros_like(p)
    onehot[y, np.arange(y.size)] = 1.0
    brier = float(((p - onehot) ** 2).sum(axis=0).mean())
    l1, l2 = nacl_penalty(logits32.astype(np.float64), labels, c)
    return {
        "name": name, "num_classes": c, "height": h, "width": w,
        "logits": [float(v) for v in logits32.reshape(-1)],
        "labels": [int(v) for v in y],
        "bins": BINS,
        "expected": {"ece_fg": ece_fg, "cece_fg": cece_fg, "ece_all": ece_all, "cece_all": cece_all,
                     "nll": nll, "brier": brier, "nacl_penalty_l1": l1, "nacl_penalty_l2": l2},
    }


def sampled_labels(rng, logits32, temperature):
    """Labels drawn from softmax(logits / temperature): the model is miscalibrated by that temperature."""
    c = logits32.shape[0]
    z = logits32.astype(np.float64).reshape(c, -1) / temperature
    p, _ = softmax64(z)
    u = rng.random(p.shape[1])
    y = (np.cumsum(p, axis=0) < u).sum(axis=0)
    return np.minimum(y, c - 1).reshape(logits32.shape[1:])


def main():
    cases = []
    rng = np.random.default_rng(20240611)

    z = (rng.normal(size=(3, 6, 7)) * 2.0).astype(np.float32)
    cases.append(make_case("random_c3_6x7", z, sampled_labels(rng, z, 2.0)))

    z = (rng.normal(size=(5, 16, 20)) * 4.0).astype(np.float32)
    cases.append(make_case("overconfident_c5_16x20", z, sampled_labels(rng, z, 3.0)))

    z = (rng.normal(size=(6, 20, 24)) * 1.5).astype(np.float32)
    cases.append(make_case("underconfident_c6_20x24", z, sampled_labels(rng, z, 0.5)))

    # labels only 0 and 2 of 4 classes: CECE averages over classes 0..2, class 1 empty, class 3 left out
    z = (rng.normal(size=(4, 5, 9)) * 2.0).astype(np.float32)
    y = np.where(rng.random((5, 9)) < 0.5, 0, 2)
    cases.append(make_case("class_gap_c4_5x9", z, y))

    # huge logit gaps: confidences exactly 1.0 (last bin) and class probabilities exactly 0.0 (no bin)
    z = np.zeros((3, 4, 4), dtype=np.float32)
    big = rng.integers(0, 3, size=(4, 4))
    for c in range(3):
        z[c] = np.where(big == c, 400.0, -400.0 + 10.0 * c).astype(np.float32)
    z[:, 0, 0] = np.array([0.5, 0.25, -1.0], dtype=np.float32)
    y = rng.integers(0, 3, size=(4, 4))
    y[0, 0] = 1
    cases.append(make_case("saturated_c3_4x4", z, y))

    # one row: the NACL window is padded above and below everywhere
    z = (rng.normal(size=(2, 1, 9)) * 2.0).astype(np.float32)
    y = np.array([[0, 1, 1, 0, 1, 1, 1, 0, 1]])
    cases.append(make_case("single_row_c2_1x9", z, y))

    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
    out = os.path.join(root, "models", "fixtures", "calibration", "metrics_cases.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    doc = {
        "generator": "calibration/src/test/python/make_metrics_cases.py (numpy float64, torch unfold for tau)",
        "definitions": __doc__.split("Definitions used")[1].split("Each case")[0].strip(),
        "cases": cases,
    }
    with open(out, "w") as f:  # one case per line keeps the file small and diffable
        f.write("{\n")
        f.write(f' "generator": {json.dumps(doc["generator"])},\n')
        f.write(f' "definitions": {json.dumps(doc["definitions"])},\n')
        f.write(' "cases": [\n  ' + ",\n  ".join(json.dumps(c) for c in cases) + "\n ]\n}\n")
    for c in cases:
        print(c["name"], {k: round(v, 6) for k, v in c["expected"].items()})
    print("wrote", out)


if __name__ == "__main__":
    main()
