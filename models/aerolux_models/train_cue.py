"""Trains the cue-demo CUE enhancer on synthetic low/normal-light pairs, in three timed stages.

    /usr/bin/python3 -m aerolux_models.train_cue [--threads 1] [--out build/cue]      (run inside models/)

1. illumination prior: masked-input U-Net restoring the bilateral-filtered max-channel map (MaskL1 on the
   hidden 20x20 windows), as in the authors' UNet_illu_bil stage;
2. gradient prior: the small HOG-MAE (masked MSE on hidden patches);
3. main stage: CUENet with the pre-trained illumination prior inside (fine-tuned, as the authors do), the
   frozen HOG-MAE as a 0.001-weighted latent L1 regulariser, the authors' loss set and weights, Adam, EMA.

Shortened to fit two CPU cores: small crops, few steps, a higher learning rate with cosine decay, and an
EMA whose decay ramps up as min(0.999, (1 + t) / (10 + t)). Everything is seeded; one thread by default.
Writes <out>/cue-demo.pt (EMA weights, config, timings, held-out metrics) and <out>/cue-demo-metrics.json.
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

from . import cue_data, cue_eval
from .cue import CUENet, IlluminationPriorNet, count_parameters
from .cue_priors import HogMAE, gradient_prior_loss, masked_mse

DEFAULT_OUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "build", "cue")

# Loss weights of the authors' LearnablePrior.yml
WEIGHTS = {"low_recon": 1.0, "gt_recon": 1.0, "refl": 0.009, "illu_mutual_input": 0.001, "illu_mutual": 0.2,
           "pixel": 1.0, "enhanced_illu": 1.0, "enhanced_illu_tv": 5.0, "refl_restore": 1.0, "prior": 0.001}


# ----------------------------------------------------------------------------------------------------------
# Main-stage losses (the authors' definitions, rewritten)
# ----------------------------------------------------------------------------------------------------------

def _normalised_gradients(x):
    """Vertical and horizontal differences, each min-max normalised over the whole batch."""
    dh = x[:, :, 1:, :] - x[:, :, :-1, :]
    dw = x[:, :, :, 1:] - x[:, :, :, :-1]
    norm = lambda d: (d - d.min()) / (d.max() - d.min() + 1e-8)
    return norm(dh), norm(dw)


def illumination_input_mutual_loss(illumination, image):
    """Illumination gradients should be small where the grey input's gradients are small."""
    grey = 0.2989 * image[:, 0:1] + 0.5870 * image[:, 1:2] + 0.1140 * image[:, 2:3]
    ih, iw = _normalised_gradients(illumination)
    gh, gw = _normalised_gradients(grey)
    return (ih / gh.clamp(min=0.01)).abs().mean() + (iw / gw.clamp(min=0.01)).abs().mean()


def illumination_mutual_loss(illumination, reference):
    """(a + b) exp(-10 (a + b)) on normalised gradients a, b of two illumination maps."""
    ih, iw = _normalised_gradients(illumination)
    rh, rw = _normalised_gradients(reference)
    return ((ih + rh) * torch.exp(-10 * (ih + rh))).mean() + ((iw + rw) * torch.exp(-10 * (iw + rw))).mean()


def illumination_tv_loss(output, reference):
    """MSE between squared gradients of the enhanced illumination and of the reference illumination."""
    sq = lambda d: d * d
    return F.mse_loss(sq(output[:, :, 1:] - output[:, :, :-1]), sq(reference[:, :, 1:] - reference[:, :, :-1])) + \
        F.mse_loss(sq(output[..., 1:] - output[..., :-1]), sq(reference[..., 1:] - reference[..., :-1]))


def ema_update(ema, model, step, ema_max):
    """Exponential moving average of the weights, warmed up over the first steps (integer buffers copied)."""
    decay = min(ema_max, (1 + step) / (10 + step))
    with torch.no_grad():
        for pe, pm in zip(ema.state_dict().values(), model.state_dict().values()):
            pe.copy_(pe * decay + pm * (1 - decay)) if pe.dtype.is_floating_point else pe.copy_(pm)


def main_losses(model, prior, low, normal):
    enhanced, high_l, l, restored_r, r, n = model.decompose(low)
    gt_r, gt_l, _ = model.unfold(normal)  # the authors run the whole net on gt and use only its L and R
    terms = {
        "low_recon": F.l1_loss(l * r + n, low),
        "gt_recon": F.l1_loss(gt_l * gt_r, normal),
        "refl": F.l1_loss(r, gt_r),
        "illu_mutual_input": illumination_input_mutual_loss(l, low) + illumination_input_mutual_loss(gt_l, normal),
        "illu_mutual": illumination_mutual_loss(l, gt_l) + illumination_mutual_loss(high_l, gt_l),
        "pixel": F.l1_loss(enhanced, normal),
        "enhanced_illu": F.mse_loss(high_l, gt_l),
        "enhanced_illu_tv": illumination_tv_loss(high_l, gt_l),
        "refl_restore": F.l1_loss(restored_r, gt_r),
        "prior": gradient_prior_loss(prior, enhanced, normal),
    }
    total = sum(WEIGHTS[k] * v for k, v in terms.items())
    return total, {k: float(v) for k, v in terms.items()}


# ----------------------------------------------------------------------------------------------------------
# Stages
# ----------------------------------------------------------------------------------------------------------

def cosine_lr(optimizer, base, step, total, floor=0.02):
    lr = base * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * step / max(1, total))))
    for group in optimizer.param_groups:
        group["lr"] = lr


def train_illumination_prior(images, args, log):
    net = IlluminationPriorNet()
    opt = torch.optim.Adam(net.parameters(), lr=args.prior_lr)
    for step in range(args.prior_steps):
        cosine_lr(opt, args.prior_lr, step, args.prior_steps)
        masked, target, mask = cue_data.illumination_prior_batch(images, args.prior_crop, args.prior_batch,
                                                                 args.seed + 1, step)
        restored, _ = net(masked)
        loss = (torch.abs(restored - target) * mask).sum() / mask.sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == args.prior_steps - 1:
            log(f"illumination prior step {step} masked L1 {loss.item():.4f}")
    return net


def train_hog_mae(images, args, log):
    mae = HogMAE(img_size=args.crop)
    opt = torch.optim.AdamW(mae.parameters(), lr=args.mae_lr, weight_decay=0.05)
    g = torch.Generator().manual_seed(args.seed + 2)
    for step in range(args.mae_steps):
        cosine_lr(opt, args.mae_lr, step, args.mae_steps)
        _, normal = cue_data.make_batch(images, args.crop, args.mae_batch, args.seed + 2, step)
        target = cue_data.patch_hog_targets(normal)
        pred, mask, _ = mae(normal, mask_ratio=0.5, generator=g)
        loss = masked_mse(pred, target, mask)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0 or step == args.mae_steps - 1:
            log(f"HOG-MAE step {step} masked MSE {loss.item():.4f}")
    mae.eval()
    for p in mae.parameters():
        p.requires_grad_(False)
    return mae


def train_main(model, prior, images, args, log):
    ema = copy.deepcopy(model).eval()
    for p in ema.parameters():
        p.requires_grad_(False)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, betas=(0.9, 0.999))
    history = []
    for step in range(args.steps):
        cosine_lr(opt, args.lr, step, args.steps)
        low, normal = cue_data.make_batch(images, args.crop, args.batch, args.seed, step)
        total, terms = main_losses(model, prior, low, normal)
        opt.zero_grad()
        total.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
        opt.step()
        ema_update(ema, model, step, args.ema)
        if step % 50 == 0 or step == args.steps - 1:
            history.append({"step": step, "total": float(total), **terms})
            log(f"main step {step} total {float(total):.4f} pixel {terms['pixel']:.4f} mu {model.mu.item():.3f}")
    return ema, history


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=DEFAULT_OUT)
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1: the machine is shared)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--data", default=None, help="folder of normal-light photographs (default ../shared/data/natural)")
    p.add_argument("--prior-steps", type=int, default=300)
    p.add_argument("--prior-batch", type=int, default=16)
    p.add_argument("--prior-crop", type=int, default=80)
    p.add_argument("--prior-lr", type=float, default=2e-3)
    p.add_argument("--mae-steps", type=int, default=400)
    p.add_argument("--mae-batch", type=int, default=16)
    p.add_argument("--mae-lr", type=float, default=1e-3)
    p.add_argument("--steps", type=int, default=800)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--crop", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--eval-count", type=int, default=24)
    p.add_argument("--eval-size", type=int, default=256)
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    os.makedirs(args.out, exist_ok=True)
    ignore = os.path.join(args.out, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w") as f:
            f.write("*\n")
    log_path = os.path.join(args.out, "train.log")
    log_file = open(log_path, "w")

    def log(msg):
        line = f"[{time.strftime('%H:%M:%S')}] {msg}"
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    train_images, held_images = cue_data.split_images(args.data)
    log(f"training images {[n for n, _ in train_images]}, held out {[n for n, _ in held_images]}, "
        f"threads {torch.get_num_threads()}")
    timings = {}
    t0, c0 = time.time(), time.process_time()
    prior_net = train_illumination_prior(train_images, args, log)
    timings["illumination_prior_s"] = time.time() - t0
    t1 = time.time()
    mae = train_hog_mae(train_images, args, log)
    timings["hog_mae_s"] = time.time() - t1
    t2 = time.time()
    model = CUENet()
    model.illumination_prior.load_state_dict(prior_net.state_dict())
    ema, history = train_main(model, mae, train_images, args, log)
    timings["main_s"] = time.time() - t2
    timings["total_s"] = time.time() - t0
    timings["total_cpu_s"] = time.process_time() - c0  # CPU time of this process (all its threads)
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    log(f"timings {json.dumps({k: round(v, 1) for k, v in timings.items()})}")

    pairs = cue_eval.eval_pairs(held_images, args.eval_count, args.eval_size)
    enhancers = dict(cue_eval.BASELINES)
    enhancers["cue-demo (ours)"] = lambda x: ema(x)
    metrics = cue_eval.evaluate(enhancers, pairs)
    for name, m in metrics.items():
        log(f"held-out {name}: PSNR {m['psnr']:.2f} dB SSIM {m['ssim']:.4f}")

    info = {"config": vars(args), "timings_s": timings, "metrics": metrics, "history": history,
            "parameters": count_parameters(ema), "threads": torch.get_num_threads(), "loadavg_at_end": load,
            "torch": torch.__version__, "machine": platform.machine(), "cpu_count": os.cpu_count(),
            "train_images": [n for n, _ in train_images], "eval_images": [n for n, _ in held_images],
            "eval": {"count": args.eval_count, "size": args.eval_size, "seed": 20230}}
    # info as JSON text so that torch.load(weights_only=True) can read the checkpoint back
    torch.save({"model": ema.state_dict(), "raw_model": model.state_dict(), "hog_mae": mae.state_dict(),
                "info_json": json.dumps(info)}, os.path.join(args.out, "cue-demo.pt"))
    with open(os.path.join(args.out, "cue-demo-metrics.json"), "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    log(f"wrote {os.path.join(args.out, 'cue-demo.pt')}")
    log_file.close()


if __name__ == "__main__":
    main()
