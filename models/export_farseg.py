#!/usr/bin/python3
"""Exports a FarSeg checkpoint to an AeroLux ONNX model (opset 17, dynamic N/H/W) with a full model card.

Checkpoint layouts (auto-detected, or --layout):
  official  Z-Zheng/FarSeg (SimpleCV): en.resnet.*, fpn.fpn_inner*, sr.*, decoder.blocks.*, cls_pred_conv (1x1 head)
  torchgeo  torchgeo.models.FarSeg: backbone.*, fpn.inner_blocks.*, fsr.*, decoder.classifier.0 (3x3 head)
  aerolux   checkpoints written by train_farseg.py

Official iSAID weights (farseg50.pth, 16 classes):
  /usr/bin/python3 models/export_farseg.py --checkpoint farseg50.pth --out farseg-isaid.onnx \
      --name farseg-isaid --license "<the weights' terms>" --resolution-m 0.5
  (iSAID class names and colours, the authors' normalisation, tile 896 and overlap 384 are the defaults
  for a 16-class official or torchgeo checkpoint.)

Demo models:
  /usr/bin/python3 models/export_farseg.py --checkpoint models/checkpoints/farseg-demo.pt \
      --out models/farseg-demo.onnx --register
"""
import argparse
import json
import os
import pickle
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from aerolux_models import checkpoints, onnx_export, registry  # noqa: E402


def _floats(text):
    return [float(v) for v in text.split(",")]


def _load(path):
    """Loads with weights_only where this torch supports it for the file; else full unpickling (trusted files only)."""
    try:
        return torch.load(path, map_location="cpu", weights_only=True)
    except TypeError:  # torch without weights_only
        return torch.load(path, map_location="cpu")
    except pickle.UnpicklingError:  # e.g. torch 1.13's weights-only loader rejects float fields
        print(f"note: {path} needs full unpickling; load only checkpoints you trust", file=sys.stderr)
        return torch.load(path, map_location="cpu", weights_only=False)


def build_card(args, obj, model, layout):
    n_classes = model.config["classes"]
    meta = obj if (layout == "aerolux" and isinstance(obj, dict)) else {}
    if args.classes_json:
        with open(args.classes_json) as f:
            classes = json.load(f)
    elif meta.get("classes"):
        classes = meta["classes"]
    elif n_classes == len(onnx_export.ISAID_CLASSES):
        classes = [{"name": n, "color": c} for n, c in onnx_export.ISAID_CLASSES]
    else:
        raise SystemExit(f"{args.checkpoint}: {n_classes} classes; give their names with --classes-json")
    if len(classes) != n_classes:
        raise SystemExit(f"{args.checkpoint}: the model has {n_classes} classes, the class list {len(classes)}")
    norm = meta.get("normalisation") or {"scale": 1.0, "mean": [123.675, 116.28, 103.53],
                                          "std": [58.395, 57.12, 57.375]}
    training = meta.get("training", {})
    isaid = layout != "aerolux"
    if isaid and not args.license:
        raise SystemExit("give the license of the converted weights with --license")
    summary = args.training or (
        f"FarSeg {model.config['backbone']} converted from a {layout} checkpoint ({os.path.basename(args.checkpoint)})"
        if isaid else
        f"FarSeg {model.config['backbone']} (width {model.config['base_width']}), {training.get('loss')} "
        f"(annealing T {training.get('anneal_steps')}), AdamW, {training.get('iterations')} iterations x batch "
        f"{training.get('batch')} crops {training.get('crop')} on synthetic 0.3 m scenes (seeds "
        f"{training.get('train_seeds')}); temperature fitted on seeds {training.get('val_seeds')}")
    return onnx_export.segmentation_card(
        name=args.name or meta.get("training", {}).get("name") or os.path.splitext(os.path.basename(args.out))[0],
        version=args.version,
        classes=classes,
        scale=args.scale if args.scale is not None else norm["scale"],
        mean=_floats(args.mean) if args.mean else norm["mean"],
        std=_floats(args.std) if args.std else norm["std"],
        tile_size=args.tile_size or (896 if isaid else 512),
        overlap=args.overlap or (384 if isaid else 128),
        temperature=args.temperature if args.temperature is not None else training.get("temperature", 1.0),
        resolution_m=args.resolution_m if args.resolution_m is not None else (0.5 if isaid else 0.3),
        license_text=args.license or "MIT",
        training=summary,
        output=args.output,
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--layout", choices=("auto",) + checkpoints.LAYOUTS, default="auto")
    ap.add_argument("--out", required=True, help="ONNX file to write")
    ap.add_argument("--name")
    ap.add_argument("--version", default="1")
    ap.add_argument("--output", choices=("logits", "probabilities"), default="logits")
    ap.add_argument("--classes-json", help='JSON list of {"name","color"}, background first')
    ap.add_argument("--scale", type=float)
    ap.add_argument("--mean", help="comma-separated, one per band")
    ap.add_argument("--std", help="comma-separated, one per band")
    ap.add_argument("--tile-size", type=int)
    ap.add_argument("--overlap", type=int)
    ap.add_argument("--temperature", type=float)
    ap.add_argument("--resolution-m", type=float)
    ap.add_argument("--license")
    ap.add_argument("--training", help="one-line training summary for the card")
    ap.add_argument("--register", action="store_true", help="add the model to models/registry.json")
    args = ap.parse_args(argv)

    obj = _load(args.checkpoint)
    model, layout = checkpoints.load_model(obj, None if args.layout == "auto" else args.layout)
    card_values = build_card(args, obj, model, layout)
    onnx_export.export_with_card(model, args.out, card_values)
    size = os.path.getsize(args.out)
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) from a {layout} checkpoint")
    if args.register:
        entry = registry.register(card_values["aerolux.name"], args.out, "segmentation", card_values,
                                  description=card_values["aerolux.training"])
        print(f"registered {entry['name']} sha256 {entry['sha256']}")


if __name__ == "__main__":
    main()
