#!/usr/bin/python3
"""Writes models/fixtures/calibration/farseg_cases.json: small cross-language cases for the Java calibration code.

    /usr/bin/python3 models/make_calibration_cases.py [--checkpoint models/checkpoints/farseg-demo.pt]

Each case: num_classes C, height H, width W, logits (C*H*W floats, class-major (C, H, W)), labels
(H*W ints, row-major), bins, expected metrics computed by aerolux_models/calibration.py in float64.
"""
import argparse
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

from aerolux_models import calibration, scenes  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures", "calibration", "farseg_cases.json")

DEFINITIONS = {
    "probabilities": "softmax(logits) over the class axis in float64 (subtract the max, exp, divide by the sum)",
    "bins": "edges e_k = k / bins computed as a float64 division (k = 0..bins); value p is in bin k when "
            "e_k < p <= e_(k+1); p == 0 is in no bin but counts in n",
    "ece": "sum over bins |mean confidence - accuracy| * count / n; confidence = max probability; "
           "prediction = argmax with ties to the lowest class index",
    "cece": "for k in 0..max(label among the evaluated pixels): the same binned error of p_k against "
            "[label == k]; mean over those classes",
    "_fg": "pixels with label != 0 (and != 255); null when there are none",
    "_all": "all pixels with label != 255",
    "nll": "mean over all pixels of -log p_label",
    "brier": "mean over all pixels of sum_k (p_k - [label == k])^2",
    "nacl_penalty_l1": "mean over (k, y, x) of |tau_k - logit_k|, tau = fraction of each class in the 3x3 "
                       "window; pixels outside the image count as class 0",
}


def expected(logits, labels, bins=15):
    m = calibration.image_metrics(logits, labels, bins=bins)
    out = {k: m[k] for k in ("ece_fg", "cece_fg", "ece_all", "cece_all", "nll", "brier")}
    out["nacl_penalty_l1"] = calibration.nacl_penalty_l1(logits, labels)
    return {k: (None if isinstance(v, float) and math.isnan(v) else float(v)) for k, v in out.items()}


def case(name, logits, labels, note, bins=15):
    logits = np.asarray(logits, dtype=np.float64)
    labels = np.asarray(labels, dtype=np.int64)
    c, h, w = logits.shape
    return {"name": name, "note": note, "num_classes": c, "height": h, "width": w,
            "logits": [float(v) for v in logits.reshape(-1)], "labels": [int(v) for v in labels.reshape(-1)],
            "bins": bins, "expected": expected(logits, labels, bins)}


def hand_case():
    logits = np.zeros((3, 2, 2))
    logits[0, 0, 0] = math.log(6.0)
    logits[1, 0, 1] = math.log(6.0)
    logits[1, 1, 0] = math.log(6.0)
    logits[2, 1, 1] = math.log(2.0)
    labels = np.array([[0, 1], [2, 2]])
    return case("hand_2x2", logits, labels, "the hand-computed case of tests/test_metrics.py")


def edge_case():
    """Probabilities exactly 1, 1/2, 1/3 (= 5/15), 1/4, 1/5 (= 3/15) and 0, from logits 0 and +-1000 only
    (exp gives exactly 1 or 0 in every language)."""
    big = 1000.0
    c, h, w = 5, 2, 4
    logits = np.full((c, h, w), -big)
    ties = [[1, 2, 3, 4], [5, 1, 3, 2]]          # number of classes sharing the maximum at each pixel
    first = [[2, 0, 1, 0], [0, 3, 2, 1]]          # first of the tied classes
    labels = np.array([[2, 1, 3, 0], [4, 3, 1, 2]])
    for y in range(h):
        for x in range(w):
            for j in range(ties[y][x]):
                logits[(first[y][x] + j) % c, y, x] = 0.0
    return case("bin_edges", logits, labels,
                "confidences exactly on bin edges (1.0, 1/3 = 5/15, 1/5 = 3/15) and probabilities 0 "
                "(in no bin); argmax ties resolve to the lowest class index")


def random_case():
    rng = np.random.default_rng(2024)
    logits = rng.normal(0, 2.5, size=(4, 6, 7))
    labels = rng.choice(4, size=(6, 7), p=[0.55, 0.2, 0.15, 0.1])
    return case("random_4x6x7", logits, labels, "random logits N(0, 2.5), seed 2024")


def background_case():
    logits = np.random.default_rng(5).normal(0, 1.0, size=(3, 3, 3))
    return case("all_background", logits, np.zeros((3, 3), int), "no foreground pixel: the _fg metrics are null")


def model_case(checkpoint, eval_dir):
    import torch
    from aerolux_models import checkpoints, training
    obj = torch.load(checkpoint, map_location="cpu")
    model, _ = checkpoints.load_model(obj)
    with open(os.path.join(eval_dir, "manifest.json")) as f:
        entry = json.load(f)["scenes"][0]
    image, _, _ = scenes.read_raster(os.path.join(eval_dir, entry["image"]))
    labels, _, _ = scenes.read_raster(os.path.join(eval_dir, entry["labels"]))
    z = training.predict_logits(model, image)
    # the 32 x 32 window with the most foreground classes, then the most foreground pixels
    best, where = (-1, -1), (0, 0)
    for y in range(0, labels.shape[0] - 32 + 1, 8):
        for x in range(0, labels.shape[1] - 32 + 1, 8):
            win = labels[y:y + 32, x:x + 32]
            score = (len(set(np.unique(win).tolist()) - {0}), int((win != 0).sum()))
            if score > best:
                best, where = score, (y, x)
    y, x = where
    crop = z[:, y:y + 32, x:x + 32].astype(np.float32).astype(np.float64)
    return case(f"{obj['training']['name']}_scene_{entry['seed']}_y{y}_x{x}", crop, labels[y:y + 32, x:x + 32],
                f"float32 logits of {obj['training']['name']} (PyTorch, whole-scene inference of "
                f"{entry['image']}) cropped to rows {y}..{y + 31}, columns {x}..{x + 31}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--checkpoint", default=os.path.join(HERE, "checkpoints", "farseg-demo.pt"))
    ap.add_argument("--eval-dir", default=os.path.join(HERE, "eval"))
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args(argv)
    cases = [hand_case(), edge_case(), random_case(), background_case(), model_case(args.checkpoint, args.eval_dir)]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump({"definitions": DEFINITIONS, "cases": cases}, f)
        f.write("\n")
    for c in cases:
        print(c["name"], c["expected"])


if __name__ == "__main__":
    main()
