#!/usr/bin/python3
"""Trains FarSeg on the Dubai aerial tiles (../shared/data/aerial/dubai, read in place), validating on the validation
tile and keeping the best checkpoint by validation mIoU (early stopping); resumable.

    nohup nice -n 10 env OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 /usr/bin/python3 models/train_aerial.py \
        --name farseg-aerial --nacl-lambda 0.03 --out models/checkpoints/farseg-aerial.pt > farseg-aerial.log &
    ... --name farseg-aerial-fa --out models/checkpoints/farseg-aerial-fa.pt           (the same without NACL)

Split (aerolux_models/dubai.py): train tiles 3-7, validation tile 2, test tile 1 (never read here).
Writes NAME.pt (the best model by validation mIoU, with its temperature fitted on the validation tile, all
non-ignored pixels, whole-image inference) and NAME-state.pt (the latest step: model, AdamW moments in bfloat16,
data-sampler state; `--resume` continues from it). Both variants with the same --seed share the initial weights,
the crop sequence and the schedule.
"""
import argparse
import json
import math
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch.nn import functional as F  # noqa: E402

from aerolux_models import calibration, dubai, training  # noqa: E402
from aerolux_models.farseg import FarSeg  # noqa: E402

IGNORE = dubai.IGNORE_INDEX


class AerialCrops:
    """Random training crops: half of them centred on a pixel of a class drawn uniformly (class-balanced), the rest
    uniform over all pixels; random scale in [1/1.33, 1.33], flips, rot90, mild per-band gain and offset."""

    def __init__(self, items, crop, rng, balanced=0.5, scale_range=(0.75, 1.33), colour=0.08, stride=8):
        self.images = [torch.from_numpy(np.array(img)) for _, img, _ in items]            # H W 3 uint8
        self.labels = [torch.from_numpy(lab.astype(np.int64)) for _, _, lab in items]
        self.areas = np.array([lab.size for _, _, lab in items], np.float64)
        self.crop, self.rng, self.balanced = crop, rng, balanced
        self.scale_range, self.colour = scale_range, colour
        # per class: (image index, row, col) of every stride-th labelled pixel
        self.where = []
        for k in range(len(dubai.CLASSES)):
            pts = []
            for i, (_, _, lab) in enumerate(items):
                rr, cc = np.nonzero(lab[::stride, ::stride] == k)
                pts.append(np.stack([np.full(rr.shape, i), rr * stride, cc * stride], 1))
            self.where.append(np.concatenate(pts))
        self.mean = torch.tensor(training.MEAN, dtype=torch.float32)[:, None, None]
        self.std = torch.tensor(training.STD, dtype=torch.float32)[:, None, None]

    def _window(self):
        lo, hi = self.scale_range
        s = math.exp(self.rng.uniform(math.log(lo), math.log(hi)))
        size = int(round(self.crop / s))
        if self.rng.random() < self.balanced:
            pts = self.where[int(self.rng.integers(len(self.where)))]
            i, r, c = pts[int(self.rng.integers(len(pts)))]
            h, w = self.labels[i].shape
            size = min(size, h, w)
            top = int(np.clip(r - size // 2 + self.rng.integers(-size // 4, size // 4 + 1), 0, h - size))
            left = int(np.clip(c - size // 2 + self.rng.integers(-size // 4, size // 4 + 1), 0, w - size))
        else:
            i = int(self.rng.choice(len(self.images), p=self.areas / self.areas.sum()))
            h, w = self.labels[i].shape
            size = min(size, h, w)
            top = int(self.rng.integers(0, h - size + 1))
            left = int(self.rng.integers(0, w - size + 1))
        return int(i), top, left, size

    def one(self):
        i, top, left, size = self._window()
        x = self.images[i][top:top + size, left:left + size].permute(2, 0, 1).to(torch.float32) / training.SCALE
        y = self.labels[i][top:top + size, left:left + size]
        if size != self.crop:
            x = F.interpolate(x[None], size=(self.crop, self.crop), mode="bilinear", align_corners=False)[0]
            y = F.interpolate(y[None, None].float(), size=(self.crop, self.crop), mode="nearest")[0, 0].long()
        gain = torch.from_numpy(self.rng.uniform(1 - self.colour, 1 + self.colour, 3).astype(np.float32))
        offset = float(self.rng.uniform(-self.colour / 2, self.colour / 2))
        x = (x * gain[:, None, None] + offset - self.mean) / self.std
        if self.rng.random() < 0.5:
            x, y = x.flip(-1), y.flip(-1)
        if self.rng.random() < 0.5:
            x, y = x.flip(-2), y.flip(-2)
        k = int(self.rng.integers(4))
        return torch.rot90(x, k, (-2, -1)), torch.rot90(y, k, (-2, -1))

    def batch(self, n):
        xs, ys = zip(*(self.one() for _ in range(n)))
        return torch.stack(xs).contiguous(), torch.stack(ys).contiguous()


def miou(cm):
    iou = calibration.iou_per_class(cm)
    return float(np.nanmean(iou)), iou


@torch.no_grad()
def validate(model, items):
    """Whole-image inference on the validation items: (mIoU over the 5 classes, per-class IoU, NLL, logits, labels)."""
    classes = len(dubai.CLASSES)
    cm = np.zeros((classes, classes), np.int64)
    zs, ys = [], []
    for _, image, labels in items:
        z = training.predict_logits(model, image)
        cm += calibration.confusion(z.argmax(0), labels, classes)
        keep = labels.reshape(-1) != IGNORE
        zs.append(z.reshape(classes, -1).T[keep])
        ys.append(labels.reshape(-1)[keep].astype(np.int64))
    model.train()
    z, y = np.concatenate(zs), np.concatenate(ys)
    nll = calibration.nll(calibration.log_softmax(z, axis=1), y)
    m, iou = miou(cm)
    return m, iou, nll, z, y


def _state_path(out):
    return os.path.splitext(out)[0] + "-state.pt"


def _save(path, obj):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def _opt_state_small(opt):
    """A copy of the optimizer state with the AdamW moments in bfloat16 (the live state is left as it is)."""
    sd = opt.state_dict()
    state = {}
    for key, st in sd["state"].items():
        st = dict(st)
        for k in ("exp_avg", "exp_avg_sq"):
            st[k] = st[k].to(torch.bfloat16)
        state[key] = st
    return {"state": state, "param_groups": sd["param_groups"]}


def _opt_state_full(sd):
    for st in sd["state"].values():
        for k in ("exp_avg", "exp_avg_sq"):
            st[k] = st[k].to(torch.float32)
    return sd


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--out", required=True, help="best checkpoint (.pt); NAME-state.pt beside it")
    ap.add_argument("--loss", choices=sorted(training.LOSSES), default="fa",
                    help="fa: foreground-aware alone (official FarSeg, default); ce+fa; ce")
    ap.add_argument("--nacl-lambda", type=float, default=0.0)
    ap.add_argument("--iterations", type=int, default=4000)
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--crop", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--anneal-steps", type=int, default=None, help="default iterations / 6 (iSAID's 10k of 60k)")
    ap.add_argument("--width", type=int, default=16, help="ResNet-18 base width (64 published)")
    ap.add_argument("--fpn", type=int, default=64)
    ap.add_argument("--decoder", type=int, default=32)
    ap.add_argument("--val-every", type=int, default=250)
    ap.add_argument("--patience", type=int, default=8, help="validations without a better mIoU before stopping")
    ap.add_argument("--deadline", type=float, default=None, help="unix time after which training stops")
    ap.add_argument("--max-step", type=int, default=None,
                    help="stop (validate, save the state) at this step; --resume continues, e.g. with other --iterations")
    ap.add_argument("--balanced", type=float, default=0.5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--resume", action="store_true")
    args = ap.parse_args(argv)
    training.set_threads(args.threads)
    ce_w, fa_w = training.LOSSES[args.loss]
    anneal = args.anneal_steps or max(1, args.iterations // 6)
    log = lambda s: print(time.strftime("%H:%M:%S ") + s, flush=True)  # noqa: E731

    t0 = time.time()
    train_items = dubai.load_tiles(dubai.TRAIN_TILES)
    val_items = dubai.load_tiles(dubai.VAL_TILES)
    log(f"loaded {len(train_items)} training and {len(val_items)} validation images in {time.time() - t0:.0f}s")

    torch.manual_seed(args.seed)
    config = dict(backbone="resnet18", classes=len(dubai.CLASSES), base_width=args.width, fpn_channels=args.fpn,
                  decoder_channels=args.decoder, head_kernel=1)
    model = FarSeg(**config)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    rng = np.random.default_rng(args.seed)
    data = AerialCrops(train_items, args.crop, rng, balanced=args.balanced)
    step, best, history, since_best, cpu_used, runs = 0, None, [], 0, 0.0, []
    state_path = _state_path(args.out)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if args.resume and os.path.exists(state_path):
        st = torch.load(state_path, map_location="cpu")
        model.load_state_dict(st["model"])
        opt.load_state_dict(_opt_state_full(st["optimizer"]))
        rng.bit_generator.state = st["rng"]
        step, best, history, since_best, cpu_used = (st["step"], st["best"], st["history"], st["since_best"],
                                                     st["cpu_seconds"])
        runs = st.get("runs", [{"start_step": 0}])
        log(f"resumed at step {step} (best {best})")
    runs.append({"start_step": step, "iterations": args.iterations, "anneal_steps": anneal})
    facts = {"name": args.name, "runs": runs, "data": "Dubai aerial imagery (MBRSC, labelled by Humans in the Loop, CC0 1.0)",
             "train_tiles": list(dubai.TRAIN_TILES), "val_tiles": list(dubai.VAL_TILES),
             "test_tiles": list(dubai.TEST_TILES), "loss": training.loss_name(ce_w, fa_w, args.nacl_lambda),
             "loss_option": args.loss, "nacl_lambda": args.nacl_lambda, "iterations_planned": args.iterations,
             "batch": args.batch, "crop": args.crop, "lr": args.lr, "schedule": "poly 0.9", "optimizer": "AdamW wd 1e-4",
             "anneal_steps": anneal, "seed": args.seed, "balanced_share": args.balanced,
             "augmentation": "scale 0.75-1.33, flips, rot90, per-band gain +-8 %, offset +-4 %",
             "threads": args.threads, "torch": torch.__version__, "config": config}

    def save_state():
        _save(state_path, {"model": model.state_dict(), "optimizer": _opt_state_small(opt), "rng": rng.bit_generator.state,
                           "step": step, "best": best, "history": history, "since_best": since_best, "runs": runs,
                           "cpu_seconds": cpu_used + time.process_time() - cpu0, "config": config})

    def save_best(temperature, val):
        f = dict(facts, iterations=step, temperature=temperature, val=val, history=history,
                 train_cpu_seconds=cpu_used + time.process_time() - cpu0)
        _save(args.out, {"config": config, "state_dict": model.state_dict(), "training": f,
                         "normalisation": {"scale": training.SCALE, "mean": list(training.MEAN),
                                           "std": list(training.STD)},
                         "classes": dubai.class_dicts()})

    cpu0 = time.process_time()
    model.train()
    running = np.zeros(4)
    stop = None
    while stop is None:
        step += 1
        for g in opt.param_groups:
            g["lr"] = training.poly_lr(args.lr, step - 1, args.iterations)
        x, y = data.batch(args.batch)
        loss, ce, fa, pen = training.demo_loss(model(x), y, step, anneal, ce_w, args.nacl_lambda, fa_w)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 35.0)
        opt.step()
        running += [loss.item(), ce.item(), fa.item(), pen.item()]
        if step % 50 == 0:
            r = running / 50
            log(f"step {step} loss {r[0]:.4f} ce {r[1]:.4f} fa {r[2]:.4f} nacl {r[3]:.4f} "
                f"cpu {cpu_used + time.process_time() - cpu0:.0f}s")
            running[:] = 0
        last = (step >= args.iterations or (args.deadline and time.time() > args.deadline)
                or (args.max_step is not None and step >= args.max_step))
        if step % args.val_every == 0 or last:
            m, iou, nll, z, yv = validate(model, val_items)
            entry = {"step": step, "miou": m, "iou": [float(v) for v in iou], "nll": nll,
                     "cpu_seconds": cpu_used + time.process_time() - cpu0}
            history.append(entry)
            log(f"val step {step}: mIoU {m:.4f} IoU {np.round(iou, 3).tolist()} NLL {nll:.4f}")
            if best is None or m > best["miou"]:
                t = calibration.fit_temperature(z[::3], yv[::3])  # every 3rd pixel; evaluate_aerial.py refits on all
                best, since_best = dict(entry, temperature=t), 0
                save_best(t, best)
                log(f"  new best; T fitted on validation {t:.4f}; wrote {args.out}")
            else:
                since_best += 1
            save_state()
            if since_best >= args.patience:
                stop = f"early stop: {since_best} validations without a better mIoU"
            elif last:
                stop = ("iterations done" if step >= args.iterations else
                        "max step" if args.max_step is not None and step >= args.max_step else "deadline")
    obj = torch.load(args.out, map_location="cpu")
    obj["training"].update(stop=stop, history=history, steps_run=step,
                           total_cpu_seconds=cpu_used + time.process_time() - cpu0)
    _save(args.out, obj)
    log(f"{stop}; best {json.dumps(best)}")


if __name__ == "__main__":
    main()
