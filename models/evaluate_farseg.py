#!/usr/bin/python3
"""Evaluates demo FarSeg checkpoints in PyTorch: calibration and mIoU, at T = 1 and at the fitted T.

    /usr/bin/python3 models/evaluate_farseg.py --checkpoint models/checkpoints/farseg-demo.pt \
        --eval-dir models/eval --report models/reports/farseg-demo-eval.json \
        --heldout-seeds 7000-7063 --heldout-report models/reports/farseg-demo-heldout.json

The evaluation scenes are read from their GeoTIFFs (the files the Java side reads) and run whole:
a 512 x 512 scene is one tile, no padding. Metric definitions: aerolux_models/calibration.py.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from aerolux_models import calibration, checkpoints, registry, scenes, training  # noqa: E402

METRICS = ("ece_fg", "cece_fg", "ece_all", "cece_all", "nll", "brier", "nll_fg", "miou_fg")
BINS = 15


def _round(d):
    return {k: (round(v, 10) if isinstance(v, float) else v) for k, v in d.items()}


def evaluate_scenes(model, items, temperatures):
    """items: list of (id dict, image HWC uint8, labels HW). Returns results per temperature + confusion."""
    classes = model.config["classes"]
    per_t = {t: [] for t in temperatures}
    total = np.zeros((classes, classes), np.int64)
    for ident, image, labels in items:
        z = training.predict_logits(model, image)
        cm = calibration.confusion(z.argmax(0), labels, classes)
        total += cm
        iou = calibration.iou_per_class(cm)
        for t in temperatures:
            m = calibration.image_metrics(z, labels, bins=BINS, temperature=t)
            m["miou_fg"] = calibration.miou_foreground(cm)
            m["iou"] = [None if np.isnan(v) else round(float(v), 10) for v in iou]
            per_t[t].append({**ident, **_round(m)})
    return per_t, total


def summarise(per_t, total, temperatures, class_names):
    out = {}
    for label, t in zip(("t1", "fitted"), temperatures):
        mean = calibration.average(per_t[t], METRICS)
        out[label] = {"temperature": t, "mean": _round(mean), "per_scene": per_t[t]}
    iou = calibration.iou_per_class(total)
    dataset = {"miou_fg": calibration.miou_foreground(total),
               "iou": {n: (None if np.isnan(v) else float(v)) for n, v in zip(class_names, iou)}}
    return out, dataset


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--eval-dir", default=None)
    ap.add_argument("--report", default=None)
    ap.add_argument("--heldout-seeds", default=None)
    ap.add_argument("--heldout-report", default=None)
    ap.add_argument("--onnx", default=None, help="the exported model, to record its sha256")
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    training.set_threads(args.threads)

    obj = torch.load(args.checkpoint, map_location="cpu")
    model, _ = checkpoints.load_model(obj)
    name = obj["training"]["name"]
    t_fit = float(obj["training"]["temperature"])
    temps = (1.0, t_fit)
    names = [c["name"] for c in scenes.CLASSES]
    header = {"model": name, "checkpoint": os.path.basename(args.checkpoint), "framework": "PyTorch " + torch.__version__,
              "bins": BINS, "temperature_fitted": t_fit,
              "definitions": "aerolux_models/calibration.py: bins (k/15, (k+1)/15], ECE/CECE on foreground "
                             "(label != 0) pixels per scene then averaged over scenes, CECE over classes "
                             "0..max label present; _all = all pixels; nll and brier over all pixels; "
                             "miou_fg = mean IoU over foreground classes present in labels or prediction"}
    if args.onnx:
        header["onnx"] = os.path.basename(args.onnx)
        header["onnx_sha256"] = registry.sha256(args.onnx)

    if args.eval_dir and args.report:
        with open(os.path.join(args.eval_dir, "manifest.json")) as f:
            manifest = json.load(f)
        items = []
        for e in manifest["scenes"]:
            image, _, _ = scenes.read_raster(os.path.join(args.eval_dir, e["image"]))
            labels, _, _ = scenes.read_raster(os.path.join(args.eval_dir, e["labels"]))
            items.append(({"seed": e["seed"], "image": e["image"], "labels": e["labels"]}, image, labels))
        per_t, total = evaluate_scenes(model, items, temps)
        results, dataset = summarise(per_t, total, temps, names)
        report = {**header, "inference": "whole scene as one tile (512 x 512, no padding), logits / T, softmax",
                  "scenes_dir": os.path.relpath(args.eval_dir, os.path.dirname(os.path.abspath(args.report))),
                  "results": results, "dataset": dataset}
        os.makedirs(os.path.dirname(os.path.abspath(args.report)), exist_ok=True)
        with open(args.report, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print(f"{name} eval: T=1 {results['t1']['mean']}\n  T={t_fit:.4f} {results['fitted']['mean']}")

    if args.heldout_seeds and args.heldout_report:
        t0 = time.time()
        seeds = training.parse_seeds(args.heldout_seeds)
        items = []
        for s in seeds:
            sc = scenes.generate_scene(s)
            items.append(({"seed": s}, sc.image, sc.labels))
        per_t, total = evaluate_scenes(model, items, temps)
        results, dataset = summarise(per_t, total, temps, names)
        for r in results.values():
            r.pop("per_scene")
        report = {**header, "heldout_seeds": args.heldout_seeds, "scenes": len(seeds),
                  "inference": "whole scene (512 x 512), logits / T, softmax", "results": results,
                  "dataset": dataset, "seconds": round(time.time() - t0, 1)}
        with open(args.heldout_report, "w") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
        print(f"{name} held-out ({len(seeds)} scenes): dataset mIoU {dataset['miou_fg']:.4f}\n"
              f"  T=1 {results['t1']['mean']}\n  T={t_fit:.4f} {results['fitted']['mean']}")


if __name__ == "__main__":
    main()
