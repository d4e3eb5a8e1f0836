"""Held-out evaluation of low-light enhancers: PSNR, SSIM and the two classical baselines.

PSNR: 10 log10(1 / MSE) over all RGB values of an image clamped to [0, 1], averaged over images.
SSIM: Gaussian window 11x11, sigma 1.5, K1 = 0.01, K2 = 0.03, data range 1, 'valid' filtering,
computed per RGB channel and averaged (skimage's structural_similarity with gaussian_weights=True,
use_sample_covariance=False, channel_axis), averaged over images.
"""
import numpy as np
import torch
import torch.nn.functional as F

from . import cue_data


def psnr(pred, target):
    mse = torch.mean((pred.clamp(0, 1) - target) ** 2).item()
    return float("inf") if mse == 0 else 10.0 * np.log10(1.0 / mse)


def _gaussian_window(size=11, sigma=1.5):
    ax = torch.arange(size, dtype=torch.float64) - (size - 1) / 2
    g = torch.exp(-ax ** 2 / (2 * sigma ** 2))
    g = g / g.sum()
    return (g[:, None] * g[None, :]).float()


def ssim(pred, target, size=11, sigma=1.5, k1=0.01, k2=0.03):
    """Mean SSIM of [1 or N, C, H, W] images in [0, 1] (pred is clamped first)."""
    x = pred.clamp(0, 1).double()
    y = target.double()
    c = x.shape[1]
    w = _gaussian_window(size, sigma).double()[None, None].repeat(c, 1, 1, 1)
    filt = lambda t: F.conv2d(t, w, groups=c)
    mx, my = filt(x), filt(y)
    sxx = filt(x * x) - mx * mx
    syy = filt(y * y) - my * my
    sxy = filt(x * y) - mx * my
    c1, c2 = k1 ** 2, k2 ** 2
    s = ((2 * mx * my + c1) * (2 * sxy + c2)) / ((mx * mx + my * my + c1) * (sxx + syy + c2))
    return s.mean().item()


# ----------------------------------------------------------------------------------------------------------
# Baselines
# ----------------------------------------------------------------------------------------------------------

def luminance(img):
    """Rec. 601 luma of [N,3,H,W]."""
    return 0.299 * img[:, 0:1] + 0.587 * img[:, 1:2] + 0.114 * img[:, 2:3]


def gamma_fixed(low, gamma=2.2):
    """out = low ** (1 / gamma), gamma fixed at 2.2."""
    return low.clamp(0, 1) ** (1.0 / gamma)


def gamma_adaptive(low, target_mean=0.5):
    """out = low ** e with e chosen per image so that the mean luma maps to 0.5: e = log(0.5) / log(mean)."""
    out = []
    for img in low.clamp(0, 1):
        m = luminance(img[None]).mean().clamp(1e-4, 0.999).item()
        out.append(img ** (np.log(target_mean) / np.log(m)))
    return torch.stack(out)


def histogram_equalisation(low, bins=256):
    """Global histogram equalisation of V = max(R, G, B) (HSV value) with 256 bins; RGB scaled by V_eq / V
    so hue and saturation are kept. Mapping: V_eq = CDF(bin of V), the CDF over the image's pixels."""
    out = []
    for img in low.clamp(0, 1):
        v = img.max(dim=0).values
        idx = torch.clamp((v * (bins - 1)).round().long(), 0, bins - 1)
        hist = torch.bincount(idx.flatten(), minlength=bins).double()
        cdf = torch.cumsum(hist, 0)
        cdf_min = cdf[hist > 0][0]
        lut = ((cdf - cdf_min) / (cdf[-1] - cdf_min).clamp(min=1)).clamp(0, 1).float()
        v_eq = lut[idx]
        out.append((img * (v_eq / v.clamp(min=1e-6))[None]).clamp(0, 1))
    return torch.stack(out)


BASELINES = {
    "identity (low-light input)": lambda x: x,
    "gamma 1/2.2 (fixed)": gamma_fixed,
    "gamma, adaptive (mean luma -> 0.5)": gamma_adaptive,
    "histogram equalisation (HSV value)": histogram_equalisation,
}


def eval_pairs(held_images, count=24, size=256, seed=20230):
    """Deterministic held-out pairs: `count` crops (no flips) from the held-out photographs."""
    pairs = []
    for i in range(count):
        low, clean, params = cue_data.make_pair(held_images, size, seed, i, augment=False)
        pairs.append((low[None], clean[None], params))
    return pairs


def evaluate(enhancers, pairs, per_image=False):
    """{name: {"psnr": mean, "ssim": mean, "n": count}} for each enhancer (a callable [1,3,H,W] -> [1,3,H,W]);
    with per_image, also {name: {"by_image": {image: {...}}}}."""
    results = {}
    for name, fn in enhancers.items():
        rows = []
        with torch.no_grad():
            for low, clean, params in pairs:
                out = fn(low)
                rows.append((params["image"], psnr(out, clean), ssim(out, clean)))
        summary = lambda rs: {"psnr": float(np.mean([r[1] for r in rs])),
                              "ssim": float(np.mean([r[2] for r in rs])), "n": len(rs)}
        results[name] = summary(rows)
        if per_image:
            results[name]["by_image"] = {img: summary([r for r in rows if r[0] == img])
                                         for img in sorted({r[0] for r in rows})}
    return results


def main(argv=None):
    """Held-out table of a cue-demo checkpoint (and optionally official weights) against the baselines."""
    import argparse
    import json

    from . import export_cue
    p = argparse.ArgumentParser(description=main.__doc__)
    p.add_argument("--checkpoint", help="a train_cue checkpoint")
    p.add_argument("--official", help="an official CUE checkpoint (enhanceNet.pth), for reference")
    p.add_argument("--count", type=int, default=24)
    p.add_argument("--size", type=int, default=256)
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    _, held = cue_data.split_images()
    enhancers = dict(BASELINES)
    if args.checkpoint:
        model, _ = export_cue.load_demo(args.checkpoint)
        enhancers["cue-demo"] = model
    if args.official:
        enhancers["official CUE weights (LOL)"] = export_cue.load_official(args.official)
    results = evaluate(enhancers, eval_pairs(held, args.count, args.size), per_image=True)
    for name, r in results.items():
        per = ", ".join(f"{img} {v['psnr']:.2f}/{v['ssim']:.3f} (n={v['n']})" for img, v in r["by_image"].items())
        print(f"{name:40s} PSNR {r['psnr']:6.2f} dB  SSIM {r['ssim']:.4f}   [{per}]")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
