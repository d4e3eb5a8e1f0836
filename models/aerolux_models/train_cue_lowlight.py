"""Trains cue-lowlight: CUE on realistic low-light pairs from Kodak, natural and Dubai aerial photographs.

    nohup nice -n 10 env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 -m aerolux_models.train_cue_lowlight \
        --budget-min 55 > build/cue-lowlight/train.out 2>&1 &          (inside models/; resumes from --checkpoint)

Network and losses: the authors' CUE as `cue.CUENet` implements it (unfolding network with the masked-autoencoder
illumination prior inside, fine-tuned) and the authors' loss set and weights (`train_cue.main_losses`), with the
frozen HOG-MAE gradient prior as the 0.001-weighted latent L1 regulariser; plus one global exposure/colour term,
GLOBAL_WEIGHT * L1 between the per-channel means of output and ground truth (cheap, and it teaches the overall
brightness and white balance fast when steps are few).

Initialisation: the cue-demo checkpoint (same architecture; its EMA weights, its pre-trained illumination prior and
its HOG-MAE, which was trained on 64x64 crops: the regulariser therefore encodes the four 64x64 quadrants of each
128x128 crop). Data: `cue_corpus` (train split) through `lowlight_synthesis`.

Schedule: Adam, cosine decay over a wall-clock budget (the learning rate follows elapsed / budget, so that the run
ends on time on a shared machine), at most --steps steps, gradient-norm clip, EMA. Checkpoints (model, EMA,
optimiser, step, elapsed time) every --save-every steps to --checkpoint, written to a temporary name and renamed;
a run started again with the same checkpoint resumes. Everything is seeded; one thread.
"""
import argparse
import copy
import json
import math
import os
import platform
import time

import torch
import torch.nn.functional as F

from . import cue_corpus, export_cue, train_cue
from .cue import CUENet, count_parameters
from .cue_priors import HogMAE, gradient_prior_loss

MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CHECKPOINT = os.path.join(MODELS_DIR, "checkpoints", "cue-lowlight.pt")
DEMO_CHECKPOINT = os.path.join(MODELS_DIR, "checkpoints", "cue-demo.pt")
GLOBAL_WEIGHT = 1.0


class TiledPrior:
    """The HOG-MAE (trained at `tile` px) applied to every tile x tile block of a larger crop."""

    def __init__(self, mae, tile=64):
        self.mae = mae
        self.tile = tile

    def encode(self, img):
        n, c, h, w = img.shape
        t = self.tile
        tiles = img.view(n, c, h // t, t, w // t, t).permute(0, 2, 4, 1, 3, 5).reshape(-1, c, t, t)
        return self.mae.encode(tiles)


def global_colour_loss(output, target):
    """L1 between per-image, per-channel means: overall exposure and white balance."""
    return F.l1_loss(output.mean(dim=(2, 3)), target.mean(dim=(2, 3)))


def losses(model, prior, low, normal):
    total, terms = train_cue.main_losses(model, prior, low, normal)
    # main_losses ran the forward pass; its pixel term already holds the output: recompute only the cheap mean
    enhanced = model.last_output
    g = global_colour_loss(enhanced, normal)
    terms["global_colour"] = float(g)
    return total + GLOBAL_WEIGHT * g, terms


class RecordingCUENet(CUENet):
    """CUENet that keeps its last output so the extra loss term needs no second forward pass."""

    def decompose(self, image):
        out = super().decompose(image)
        self.last_output = out[0]
        return out


def cosine(base, fraction, floor=0.02):
    fraction = min(max(fraction, 0.0), 1.0)
    return base * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * fraction)))


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--checkpoint", default=DEFAULT_CHECKPOINT)
    p.add_argument("--init", default=DEMO_CHECKPOINT, help="cue-demo checkpoint to start from ('' = from scratch)")
    p.add_argument("--seed", type=int, default=18)
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--budget-min", type=float, default=55.0, help="wall-clock budget of the whole run")
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--crop", type=int, default=128)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--ema", type=float, default=0.998)
    p.add_argument("--save-every", type=int, default=100)
    p.add_argument("--log", default=os.path.join(MODELS_DIR, "build", "cue-lowlight", "train.log"))
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    os.makedirs(os.path.dirname(args.log), exist_ok=True)
    log_file = open(args.log, "a")

    def log(msg):
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    corpus = cue_corpus.load_split("train")
    log("training images: " + "; ".join(f"{s} {len(v)}" for s, v in corpus.items()))

    model = RecordingCUENet()
    mae = HogMAE(img_size=64)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    start_step, elapsed_before, history = 0, 0.0, []
    if os.path.exists(args.checkpoint):
        ck = export_cue._load(args.checkpoint)
        if "optimizer_json" not in ck:
            raise SystemExit(f"{args.checkpoint} is not a resumable cue-lowlight checkpoint")
        model.load_state_dict(ck["raw_model"])
        mae.load_state_dict(ck["hog_mae"])
        ema = copy.deepcopy(model)
        ema.load_state_dict(ck["model"])
        state = json.loads(ck["optimizer_json"])
        opt.load_state_dict({"state": ck["optimizer_state"], "param_groups": state["param_groups"]})
        start_step, elapsed_before, history = state["step"], state["elapsed_s"], state["history"]
        log(f"resumed at step {start_step} after {elapsed_before / 60:.1f} min")
    else:
        if args.init:
            init = export_cue._load(args.init)
            model.load_state_dict(init["model"])
            mae.load_state_dict(init["hog_mae"])
            log(f"initialised from {args.init}")
        ema = copy.deepcopy(model)
    ema.eval()
    for p in list(ema.parameters()) + list(mae.parameters()):
        p.requires_grad_(False)
    mae.eval()
    prior = TiledPrior(mae)
    budget = args.budget_min * 60.0
    t0 = time.time()

    def checkpoint(step, done=False):
        opt_state = opt.state_dict()
        state = {"step": step, "param_groups": opt_state["param_groups"], "elapsed_s": elapsed_before + time.time() - t0,
                 "history": history, "config": vars(args), "done": done}
        info = {"config": vars(args), "steps_done": step, "timings_s": {"total_s": state["elapsed_s"]},
                "threads": torch.get_num_threads(), "torch": torch.__version__, "machine": platform.machine(),
                "parameters": count_parameters(ema), "init": os.path.basename(args.init) if args.init else "",
                "train_images": {s: [n for n, _ in v] for s, v in corpus.items()},
                "held_out": {s: list(v) for s, v in cue_corpus.HELD_OUT.items()}}
        save_atomic({"model": ema.state_dict(), "raw_model": model.state_dict(), "hog_mae": mae.state_dict(),
                     "optimizer_state": opt_state["state"], "optimizer_json": json.dumps(state),
                     "info_json": json.dumps(info)}, args.checkpoint)

    step = start_step
    while step < args.steps:
        elapsed = elapsed_before + time.time() - t0
        if elapsed >= budget:
            break
        lr = cosine(args.lr, elapsed / budget)
        for group in opt.param_groups:
            group["lr"] = lr
        low, normal = cue_corpus.make_batch(corpus, args.crop, args.batch, args.seed, step)
        total, terms = losses(model, prior, low, normal)
        opt.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        train_cue.ema_update(ema, model, step, args.ema)
        step += 1
        if step % 25 == 0 or step == start_step + 1:
            history.append({"step": step, "total": float(total), "lr": lr, **terms})
            log(f"step {step} total {float(total):.4f} pixel {terms['pixel']:.4f} "
                f"global {terms['global_colour']:.4f} lr {lr:.2e} elapsed {elapsed / 60:.1f} min")
        if step % args.save_every == 0:
            checkpoint(step)
            log(f"checkpoint at step {step}")
    checkpoint(step, done=True)
    log(f"finished at step {step}, {(elapsed_before + time.time() - t0) / 60:.1f} min")
    log_file.close()


if __name__ == "__main__":
    main()
