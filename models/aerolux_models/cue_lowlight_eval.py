"""Evaluation of cue-lowlight on held-out photographs, against classical enhancement and the authors' weights.

    /usr/bin/python3 -m aerolux_models.cue_lowlight_eval --checkpoint checkpoints/cue-lowlight.pt \
        --official ../../shared/data/weights/cue-official/enhanceNet.pth --json build/cue-lowlight/eval.json

(inside models/). Reads ../shared/data in place; writes numbers only (the authors' weights and their outputs are
never written anywhere).

1. Full-reference, on `cue_corpus.eval_pairs`: 256x256 crops of the held-out images of each source (kodak, natural,
   dubai; `cue_corpus.HELD_OUT`), degraded by `lowlight_synthesis` with random parameters (seed 20231), and the same
   crops at the severe end (exposure 1/50, seed 20232). PSNR/SSIM as `cue_eval` defines them.
2. No-reference checks on every output: mean brightness (Rec. 601 luma of the clamped output), clipped fraction
   (pixels with any channel >= 254.5/255, next to the ground truth's own), colour cast (largest |channel mean / mean
   of the channel means - the same for the ground truth|), border frame (mean step between each border pixel and the
   pixel 6 inward, minus the same step between interior pixels; > 0.01 = a visible frame).
Every CUE model runs through AeroLux's whole-image rule (`export_cue.run_padded`: 32 px mirrored margin).
"""
import argparse
import json

import numpy as np
import torch

from . import cue_corpus, cue_eval, export_cue

CLIP_LEVEL = 254.5 / 255.0


def clahe(low, clip_limit=0.01):
    """Contrast-limited adaptive histogram equalisation (skimage.exposure.equalize_adapthist, 8x8 tiles of 1/8 of
    the image, clip 0.01) of V = max(R, G, B); RGB scaled by V_eq / V as in the histogram-equalisation baseline."""
    from skimage import exposure
    out = []
    for img in low.clamp(0, 1):
        v = img.max(dim=0).values.numpy().astype(np.float64)
        v_eq = torch.from_numpy(exposure.equalize_adapthist(v, clip_limit=clip_limit)).float()
        out.append((img * (v_eq / img.max(dim=0).values.clamp(min=1e-6))[None]).clamp(0, 1))
    return torch.stack(out)


BASELINES = {
    "low-light input": lambda x: x,
    "adaptive gamma": cue_eval.gamma_adaptive,
    "histogram equalisation": cue_eval.histogram_equalisation,
    "CLAHE": clahe,
}


def border_frame(img, depth=6):
    """Mean |border - border+depth| over the four borders minus the same step in the interior, worst channel."""
    x = img.clamp(0, 1)[0]
    h, w = x.shape[-2:]
    steps = [(x[:, 0, depth:-depth] - x[:, depth, depth:-depth]).abs().mean(dim=1),
             (x[:, -1, depth:-depth] - x[:, -1 - depth, depth:-depth]).abs().mean(dim=1),
             (x[:, depth:-depth, 0] - x[:, depth:-depth, depth]).abs().mean(dim=1),
             (x[:, depth:-depth, -1] - x[:, depth:-depth, -1 - depth]).abs().mean(dim=1)]
    interior = (x[:, h // 2, depth:-depth] - x[:, h // 2 + depth, depth:-depth]).abs().mean(dim=1)
    interior = torch.maximum(interior, (x[:, depth:-depth, w // 2] - x[:, depth:-depth, w // 2 + depth]).abs().mean(dim=1))
    return float(max((s - interior).max() for s in steps))


def colour_balance(img):
    m = img.clamp(0, 1)[0].mean(dim=(1, 2))
    return m / m.mean().clamp(min=1e-6)


def no_reference(out, clean):
    y = out.clamp(0, 1)
    return {"brightness": float(cue_eval.luminance(y).mean()),
            "clipped": float((y >= CLIP_LEVEL).any(dim=1).float().mean()),
            "clipped_truth": float((clean >= CLIP_LEVEL).any(dim=1).float().mean()),
            "cast": float((colour_balance(y) - colour_balance(clean)).abs().max()),
            "frame": border_frame(y)}


def evaluate(enhancers, pairs):
    """{name: {"psnr", "ssim", "brightness", "clipped", "clipped_truth", "cast", "frame", "n", "by_source"}}."""
    results = {}
    for name, fn in enhancers.items():
        rows = []
        with torch.no_grad():
            for low, clean, params in pairs:
                out = fn(low)
                row = {"source": params["source"], "psnr": cue_eval.psnr(out, clean), "ssim": cue_eval.ssim(out, clean)}
                row.update(no_reference(out, clean))
                rows.append(row)
        keys = [k for k in rows[0] if k != "source"]
        mean = lambda rs: {**{k: float(np.mean([r[k] for r in rs])) for k in keys}, "n": len(rs),
                           "frame_max": float(max(r["frame"] for r in rs))}
        results[name] = mean(rows)
        results[name]["by_source"] = {s: mean([r for r in rows if r["source"] == s]) for s in sorted({r["source"] for r in rows})}
    return results


def model_fn(model):
    return lambda x: export_cue.run_padded(model, x)[0]


def table(results):
    lines = ["| Method | PSNR (dB) | SSIM | brightness | clipped (truth) | cast | frame (max) | " +
             " | ".join(f"{s} PSNR/SSIM" for s in next(iter(results.values()))["by_source"]) + " |"]
    lines.append("|" + "---|" * (7 + len(next(iter(results.values()))["by_source"])))
    for name, r in results.items():
        per = " | ".join(f"{v['psnr']:.2f} / {v['ssim']:.3f}" for v in r["by_source"].values())
        lines.append(f"| {name} | {r['psnr']:.2f} | {r['ssim']:.4f} | {r['brightness']:.3f} | "
                     f"{100 * r['clipped']:.2f} % ({100 * r['clipped_truth']:.2f} %) | {r['cast']:.3f} | "
                     f"{r['frame']:.4f} ({r['frame_max']:.4f}) | {per} |")
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--checkpoint", action="append", default=[], help="NAME=PATH of a train_cue(_lowlight) checkpoint")
    p.add_argument("--official", help="the authors' enhanceNet.pth (reference only)")
    p.add_argument("--per-source", type=int, default=8)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--json", help="write the numbers here")
    p.add_argument("--no-baselines", action="store_true", help="only the models given")
    p.add_argument("--merge", help="an earlier --json output (same pairs) whose methods are kept, in front")
    args = p.parse_args(argv)
    torch.set_num_threads(1)
    held = cue_corpus.load_split("eval")
    enhancers = {} if args.no_baselines else dict(BASELINES)
    for spec in args.checkpoint:
        name, path = spec.split("=", 1)
        enhancers[name] = model_fn(export_cue.load_demo(path)[0])
    if args.official:
        enhancers["authors' weights (LOL, reference)"] = model_fn(export_cue.load_official(args.official))
    out = {"held_out": {s: list(v) for s, v in cue_corpus.HELD_OUT.items()}}
    for label, seed, exposure in (("random degradations", 20231, None), ("severe: exposure 1/50", 20232, 1 / 50)):
        pairs = cue_corpus.eval_pairs(held, args.per_source, args.size, seed=seed, exposure=exposure)
        res = evaluate(enhancers, pairs)
        if args.merge:
            with open(args.merge) as f:
                earlier = json.load(f)[label]
            res = {**earlier, **res}
        out[label] = res
        print(f"\n### {label}: {len(pairs)} pairs of {args.size}x{args.size} (seed {seed})\n")
        print(table(res), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
