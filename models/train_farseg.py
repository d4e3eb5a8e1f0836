#!/usr/bin/python3
"""Trains a demo FarSeg model on synthetic scenes and fits its temperature on a validation split.

    /usr/bin/python3 models/train_farseg.py --name farseg-demo-ce --ce-weight 1 --out models/checkpoints/farseg-demo-ce.pt
    /usr/bin/python3 models/train_farseg.py --name farseg-demo --ce-weight 1 --nacl-lambda 0.1 \
        --out models/checkpoints/farseg-demo.pt

The default loss is the official FarSeg one, the foreground-aware loss alone; the demo models were trained with
CE + foreground-aware (--ce-weight 1), as the commands above say.

Both models share the initial weights, the training scenes, the crop sequence and the schedule; the
only difference is the NACL penalty (mean kernel 3x3, L1, lambda).
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from aerolux_models import scenes, training  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", required=True, help="checkpoint path (.pt)")
    ap.add_argument("--train-seeds", default="1000-1047")
    ap.add_argument("--val-seeds", default="2000-2015")
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--anneal-steps", type=int, default=None,
                    help="T of the foreground-aware annealing (default iterations/6, the 10k/60k ratio of iSAID)")
    ap.add_argument("--ce-weight", type=float, default=0.0,
                    help="weight of a plain cross-entropy added to the foreground-aware loss (default 0: the official "
                         "FarSeg loss, FA alone; the demo models were trained with 1)")
    ap.add_argument("--nacl-lambda", type=float, default=0.0, help="0: no NACL penalty")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)

    training.set_threads(args.threads)
    wall = time.time()
    t0 = time.time()
    train_scenes = [scenes.generate_scene(s) for s in training.parse_seeds(args.train_seeds)]
    val_scenes = [scenes.generate_scene(s) for s in training.parse_seeds(args.val_seeds)]
    gen_seconds = time.time() - t0
    print(f"generated {len(train_scenes)} training and {len(val_scenes)} validation scenes in {gen_seconds:.0f}s",
          flush=True)

    model = training.new_demo_model(args.seed)
    facts = training.train(model, train_scenes, args.iterations, args.batch, args.crop, args.lr,
                           anneal_steps=args.anneal_steps, nacl_lambda=args.nacl_lambda,
                           ce_weight=args.ce_weight, seed=args.seed,
                           log=lambda s: print(s, flush=True))
    t0 = time.time()
    temperature = training.fit_scene_temperature(model, val_scenes)
    fit_seconds = time.time() - t0
    facts.update({
        "name": args.name, "train_seeds": args.train_seeds, "val_seeds": args.val_seeds,
        "threads": args.threads, "temperature": temperature, "generate_seconds": gen_seconds,
        "temperature_fit_seconds": fit_seconds, "total_seconds": time.time() - wall,
        "torch": torch.__version__, "loss": training.loss_name(args.ce_weight, 1.0, args.nacl_lambda),
    })
    print(json.dumps(facts, indent=2), flush=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.save({"config": model.config, "state_dict": model.state_dict(), "training": facts,
                "normalisation": {"scale": training.SCALE, "mean": list(training.MEAN), "std": list(training.STD)},
                "classes": list(scenes.CLASSES)}, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
