#!/usr/bin/python3
"""Evaluates, exports (ONNX + card), registers and makes parity fixtures for the aerial FarSeg models.

    /usr/bin/python3 models/release_aerial.py farseg-aerial farseg-aerial-fa

Per NAME, from models/checkpoints/NAME.pt (train_aerial.py):
  1. models/reports/NAME-test.json: evaluate_aerial.py on the test tile (T = 1 and temperatures fitted on the
     validation tile);
  2. models/NAME.onnx with its card: aerolux.temperature = t_all of that report (fitted on the validation tile,
     all non-ignored pixels), resolution 1.0 m (estimated, see farseg-aerial.md), tile 1024, overlap 256;
  3. models/registry.json entry (sha256, size);
  4. parity fixtures in models/fixtures/NAME/ from the project's synthetic scenes (make_farseg_fixtures.py), never
     from dataset pixels.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

import evaluate_aerial  # noqa: E402
import make_farseg_fixtures  # noqa: E402
from aerolux_models import checkpoints, dubai, onnx_export, registry, training  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RESOLUTION_M = 1.0
TILE, OVERLAP = 1024, 256


def training_summary(facts):
    c = facts["config"]
    tiles = ",".join(str(t) for t in facts["train_tiles"])
    return (f"FarSeg {c['backbone']} (width {c['base_width']}, FPN {c['fpn_channels']}, decoder "
            f"{c['decoder_channels']}) from scratch, {facts['loss']} (annealing T {facts['anneal_steps']}), AdamW "
            f"poly lr {facts['lr']:g}, best of {facts.get('steps_run', facts['iterations'])} steps (step "
            f"{facts['iterations']}) x batch {facts['batch']} crops {facts['crop']} (half class-balanced; "
            f"{facts['augmentation']}), seed {facts['seed']}, on the Dubai aerial imagery dataset 'Semantic "
            f"segmentation of aerial imagery' (MBRSC imagery, labels by Humans in the Loop, CC0 1.0): train tiles "
            f"{tiles}, early stopping and temperature on tile {facts['val_tiles'][0]}, test tile "
            f"{facts['test_tiles'][0]}")


def release(name):
    ckpt = os.path.join(HERE, "checkpoints", f"{name}.pt")
    report_path = os.path.join(HERE, "reports", f"{name}-test.json")
    onnx_path = os.path.join(HERE, f"{name}.onnx")
    evaluate_aerial.main(["--checkpoint", ckpt, "--report", report_path])
    with open(report_path) as f:
        report = json.load(f)
    obj = torch.load(ckpt, map_location="cpu")
    model, _ = checkpoints.load_model(obj)
    facts = obj["training"]
    card = onnx_export.segmentation_card(
        name=name, version="1", classes=dubai.class_dicts(), scale=training.SCALE, mean=training.MEAN,
        std=training.STD, tile_size=TILE, overlap=OVERLAP, temperature=report["temperatures"]["t_all"],
        resolution_m=RESOLUTION_M, license_text="MIT (weights); trained on CC0 1.0 data",
        training=training_summary(facts))
    onnx_export.export_with_card(model, onnx_path, card)
    entry = registry.register(name, onnx_path, "segmentation", card,
                              description=f"FarSeg for real RGB aerial imagery (~1 m), {facts['loss']}; trained on "
                                          f"the Dubai aerial dataset (CC0); test-tile mIoU "
                                          f"{report['dataset']['miou']:.3f}")
    report["onnx"] = os.path.basename(onnx_path)
    report["onnx_sha256"] = entry["sha256"]
    with open(report_path, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print(f"{name}: {onnx_path} sha256 {entry['sha256']} ({entry['size_bytes']} bytes)")
    make_farseg_fixtures.make(name)


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or ["farseg-aerial", "farseg-aerial-fa"]
    training.set_threads(1)
    for n in names:
        release(n)


if __name__ == "__main__":
    main()
