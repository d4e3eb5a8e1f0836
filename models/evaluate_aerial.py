#!/usr/bin/python3
"""Evaluates aerial FarSeg checkpoints (train_aerial.py) on the Dubai test tile in PyTorch.

    /usr/bin/python3 models/evaluate_aerial.py --checkpoint models/checkpoints/farseg-aerial.pt \
        --onnx models/farseg-aerial.onnx --report models/reports/farseg-aerial-test.json

Inference: each image whole, as one window (reflect-padded at the bottom/right to a multiple of 32, output cropped
back) -- the card's tile (1024) covers every test and validation image, so `aerolux segment` runs them the same way.
Temperatures, fitted on the validation tile (whole-image inference, NLL, golden-section search):
  t_all  on every non-ignored pixel (the card's aerolux.temperature), for the all-pixel metrics;
  t_fg   on the foreground pixels (label not land, class 0), the pixels the NACL-protocol ECE/CECE score.
Metrics per test image (aerolux_models/calibration.py; 15 bins): ece_fg / cece_fg / nll_fg / brier_fg on foreground pixels
(label not "land" and not 255) -- the NACL authors' protocol with land as the background -- and ece_all / cece_all
/ nll / brier on every non-ignored pixel; then the equal-weight mean over images. Segmentation: per-class IoU and
mIoU over the five classes from the confusion matrix summed over the test tile. Reliability data: per bin
(count, mean confidence, accuracy) of the foreground pixels pooled over the test tile.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from aerolux_models import calibration, checkpoints, dubai, registry, training  # noqa: E402

BINS = 15
METRICS = ("ece_fg", "cece_fg", "nll_fg", "brier_fg", "ece_all", "cece_all", "nll", "brier")
IGNORE = dubai.IGNORE_INDEX


def _r(v):
    return None if (isinstance(v, float) and np.isnan(v)) else (round(float(v), 8) if isinstance(v, float) else v)


def logits_of(model, items):
    return [(ident, training.predict_logits(model, image), labels) for ident, image, labels in items]


def fit_temperatures(val):
    zs, ys = [], []
    for _, z, y in val:
        keep = y.reshape(-1) != IGNORE
        zs.append(z.reshape(z.shape[0], -1).T[keep])
        ys.append(y.reshape(-1)[keep].astype(np.int64))
    z, y = np.concatenate(zs), np.concatenate(ys)
    fg = y != 0
    return calibration.fit_temperature(z, y), calibration.fit_temperature(z[fg], y[fg])


def reliability(scored, temperature):
    """Foreground pixels pooled over images: per bin count, mean confidence, accuracy."""
    count = np.zeros(BINS)
    conf_sum = np.zeros(BINS)
    hit_sum = np.zeros(BINS)
    for _, z, y in scored:
        zz, yy = z.reshape(z.shape[0], -1).T, y.reshape(-1).astype(np.int64)
        keep = (yy != IGNORE) & (yy != 0)
        p = calibration.softmax(zz[keep], axis=1, temperature=temperature)
        conf, pred = p.max(1), p.argmax(1)
        idx = calibration.bin_index(conf, BINS)
        ok = idx >= 0
        count += np.bincount(idx[ok], minlength=BINS)
        conf_sum += np.bincount(idx[ok], weights=conf[ok], minlength=BINS)
        hit_sum += np.bincount(idx[ok], weights=(pred == yy[keep])[ok].astype(np.float64), minlength=BINS)
    with np.errstate(invalid="ignore", divide="ignore"):
        return {"count": count.astype(int).tolist(), "confidence": [_r(v) for v in conf_sum / count],
                "accuracy": [_r(v) for v in hit_sum / count]}


def evaluate(model, test, temps):
    classes = model.config["classes"]
    total = np.zeros((classes, classes), np.int64)
    per_t = {k: [] for k in temps}
    for ident, z, labels in test:
        cm = calibration.confusion(z.argmax(0), labels, classes)
        total += cm
        iou = calibration.iou_per_class(cm)
        for key, t in temps.items():
            m = calibration.image_metrics(z, labels, bins=BINS, temperature=t)
            m["miou"] = float(np.nanmean(iou))
            per_t[key].append({"image": ident, **{k: _r(v) for k, v in m.items()}})
    results = {}
    for key, t in temps.items():
        results[key] = {"temperature": t, "mean": {k: _r(v) for k, v in
                                                   calibration.average(per_t[key], METRICS + ("miou",)).items()},
                        "per_image": per_t[key], "reliability_fg": reliability(test, t)}
    iou = calibration.iou_per_class(total)
    names = [c for c, _ in dubai.CLASSES]
    dataset = {"miou": float(np.nanmean(iou)), "miou_without_land": float(np.nanmean(iou[1:])),
               "iou": {n: _r(float(v)) for n, v in zip(names, iou)},
               "pixel_accuracy": float(np.trace(total) / total.sum()), "confusion": total.tolist()}
    return results, dataset


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--onnx", default=None, help="the exported model, to record its sha256")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    training.set_threads(args.threads)
    t0 = time.time()
    obj = torch.load(args.checkpoint, map_location="cpu")
    model, _ = checkpoints.load_model(obj)
    facts = obj["training"]
    val = logits_of(model, dubai.load_tiles(dubai.VAL_TILES))
    t_all, t_fg = fit_temperatures(val)
    test = logits_of(model, dubai.load_tiles(dubai.TEST_TILES))
    temps = {"t1": 1.0, "t_all": t_all, "t_fg": t_fg}
    results, dataset = evaluate(model, test, temps)
    report = {"model": facts["name"], "checkpoint": os.path.basename(args.checkpoint),
              "framework": "PyTorch " + torch.__version__, "bins": BINS,
              "data": "Dubai aerial imagery, ../shared/data/aerial/dubai (read in place)",
              "test_tiles": list(dubai.TEST_TILES), "val_tiles": list(dubai.VAL_TILES),
              "classes": [c for c, _ in dubai.CLASSES], "foreground": "label not land (class 0) and not 255",
              "inference": "each image whole (one window, reflect-padded to a multiple of 32), logits / T, softmax",
              "temperatures": {"t_all": t_all, "t_fg": t_fg,
                               "fitted_on": "validation tile, whole-image inference, NLL; t_all all non-ignored pixels "
                                            "(the card's), t_fg foreground pixels"},
              "training": {k: facts.get(k) for k in ("loss", "nacl_lambda", "seed", "iterations", "steps_run", "stop",
                                                     "train_cpu_seconds", "total_cpu_seconds", "val")},
              "results": results, "dataset": dataset, "seconds": round(time.time() - t0, 1)}
    if args.onnx:
        report["onnx"] = os.path.basename(args.onnx)
        report["onnx_sha256"] = registry.sha256(args.onnx)
    os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
    with open(args.report, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"{facts['name']}: test mIoU {dataset['miou']:.4f} IoU {dataset['iou']}\n"
          f"  T_all {t_all:.4f} T_fg {t_fg:.4f}")
    for key in temps:
        print(f"  {key}: {results[key]['mean']}")


if __name__ == "__main__":
    main()
