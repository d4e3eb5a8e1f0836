"""Synthetic low/normal-light pairs for CUE, and the targets of its two priors.

Normal-light images: the photographs of ../shared/data/natural (scikit-image samples, BSD-3-Clause; without
../shared/data, the same files where Debian's python3-skimage installs them: see shared_data.natural_paths).
A pair is a random crop y of one image and its darkened, noisy version
    x = clip(Poisson(peak * s * y^g) / peak + N(0, sigma^2), 0, 1)
with gamma g, scale s, photon peak and read noise sigma drawn per crop. Every draw comes from
numpy.random.default_rng([seed, index]), so pair `index` of a seed is the same on every machine and run.
Held out by image: EVAL_IMAGES never appear in training crops.
"""
import glob
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from . import shared_data

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NATURAL_DIR = os.path.join(REPO_ROOT, "..", "shared", "data", "natural")
#: held-out photographs (one colour scene, one grey texture); the rest are for training
EVAL_IMAGES = ("rocket.jpg", "gravel.png")

#: degradation ranges (uniform draws)
GAMMA_RANGE = (1.4, 2.6)      # x = y ** gamma darkens mid-tones more than highlights
SCALE_RANGE = (0.06, 0.30)    # exposure scale after the gamma
PEAK_RANGE = (60.0, 600.0)    # photons at full scale (Poisson shot noise; lower = noisier)
READ_NOISE_RANGE = (0.002, 0.015)  # Gaussian read noise, std on the [0, 1] scale


def natural_dir():
    return os.path.normpath(NATURAL_DIR)


def image_paths(folder=None):
    if folder is None:
        return shared_data.natural_paths()
    paths = sorted(glob.glob(os.path.join(folder, "*.png")) + glob.glob(os.path.join(folder, "*.jpg")))
    if not paths:
        raise FileNotFoundError(f"no .png/.jpg photographs in {folder}")
    return paths


def load_rgb(path):
    """float32 [H, W, 3] in [0, 1]; grey images are repeated to three channels."""
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def split_images(folder=None, eval_names=EVAL_IMAGES):
    """(train, eval) lists of (name, image)."""
    train, held = [], []
    for p in image_paths(folder):
        name = os.path.basename(p)
        (held if name in eval_names else train).append((name, load_rgb(p)))
    if not train or not held:
        raise ValueError(f"need both training and held-out images in {folder or natural_dir()}")
    return train, held


def darken(clean, rng):
    """Applies one random low-light degradation to a clean [H, W, 3] crop; returns (low, parameters)."""
    gamma = rng.uniform(*GAMMA_RANGE)
    scale = rng.uniform(*SCALE_RANGE)
    peak = rng.uniform(*PEAK_RANGE)
    sigma = rng.uniform(*READ_NOISE_RANGE)
    signal = scale * np.power(clean, gamma)
    noisy = rng.poisson(signal * peak) / peak + rng.normal(0.0, sigma, size=signal.shape)
    low = np.clip(noisy, 0.0, 1.0).astype(np.float32)
    return low, {"gamma": gamma, "scale": scale, "peak": peak, "sigma": sigma}


def random_crop(image, size, rng, augment=True):
    h, w = image.shape[:2]
    if h < size or w < size:
        raise ValueError(f"crop {size} larger than image {h}x{w}")
    top = int(rng.integers(0, h - size + 1))
    left = int(rng.integers(0, w - size + 1))
    crop = image[top:top + size, left:left + size]
    if augment:
        if rng.random() < 0.5:
            crop = crop[:, ::-1]
        crop = np.rot90(crop, k=int(rng.integers(0, 4)))
    return np.ascontiguousarray(crop)


def make_pair(images, size, seed, index, augment=True):
    """Pair `index` of stream `seed`: (low [3,H,W], normal [3,H,W]) float32 tensors, and its parameters."""
    rng = np.random.default_rng([seed, index])
    name, image = images[int(rng.integers(0, len(images)))]
    clean = random_crop(image, size, rng, augment)
    low, params = darken(clean, rng)
    params["image"] = name
    to_t = lambda a: torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)))
    return to_t(low), to_t(clean), params


def make_batch(images, size, batch, seed, step):
    """Batch `step` of stream `seed`: (low [B,3,H,W], normal [B,3,H,W])."""
    pairs = [make_pair(images, size, seed, step * batch + i) for i in range(batch)]
    return torch.stack([p[0] for p in pairs]), torch.stack([p[1] for p in pairs])


# ----------------------------------------------------------------------------------------------------------
# Illumination prior target: bilateral-filtered max-channel map, with 50% of 20x20 windows masked
# ----------------------------------------------------------------------------------------------------------

def bilateral_filter(x, diameter=5, sigma_color=0.2, sigma_space=50.0):
    """Bilateral filter of [N,1,H,W] maps like OpenCV's bilateralFilter(src, 5, 0.2, 50) on float images:
    a disc of radius diameter//2, Gaussian space and range weights, reflect-101 borders."""
    r = diameter // 2
    padded = F.pad(x, (r, r, r, r), mode="reflect")
    num = torch.zeros_like(x)
    den = torch.zeros_like(x)
    h, w = x.shape[-2:]
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            if dy * dy + dx * dx > r * r:
                continue
            shifted = padded[..., r + dy:r + dy + h, r + dx:r + dx + w]
            wgt = np.exp(-(dy * dy + dx * dx) / (2 * sigma_space ** 2)) * \
                torch.exp(-(shifted - x) ** 2 / (2 * sigma_color ** 2))
            num = num + wgt * shifted
            den = den + wgt
    return num / den


def window_mask(batch, height, width, window, ratio, generator):
    """[B,1,H,W] float mask, 1 where a window is hidden; exactly round(ratio * windows) windows per sample."""
    gh, gw = height // window, width // window
    n = gh * gw
    hidden = int(round(ratio * n))
    scores = torch.rand(batch, n, generator=generator)
    order = scores.argsort(dim=1)
    m = torch.zeros(batch, n)
    m.scatter_(1, order[:, :hidden], 1.0)
    m = m.view(batch, 1, gh, gw)
    return F.interpolate(m, scale_factor=window, mode="nearest")


def illumination_prior_batch(images, size, batch, seed, step, window=20, ratio=0.5):
    """(masked input, target, mask) for pre-training the illumination prior.

    Input maps: the max-channel map v of a normal-light crop, or v ** (1/g) with g ~ U(0.2, 0.5) or
    U(0.5, 1.0) (the authors' three brightness variants); target: its bilateral filter; mask: hidden windows.
    """
    maps = []
    for i in range(batch):
        rng = np.random.default_rng([seed, step * batch + i])
        _, image = images[int(rng.integers(0, len(images)))]
        v = random_crop(image, size, rng).max(axis=2)
        variant = int(rng.integers(0, 3))
        if variant == 1:
            v = np.power(v, 1.0 / rng.uniform(0.2, 0.5))
        elif variant == 2:
            v = np.power(v, 1.0 / rng.uniform(0.5, 1.0))
        maps.append(torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32))[None])
    v = torch.stack(maps)
    target = bilateral_filter(v)
    g = torch.Generator().manual_seed(seed * 1_000_003 + step)
    mask = window_mask(batch, size, size, window, ratio, g)
    return v * (1 - mask), target, mask


# ----------------------------------------------------------------------------------------------------------
# Gradient prior target: HOG
# ----------------------------------------------------------------------------------------------------------

def hog_cells(img, cell=4, bins=9, eps=1e-6):
    """Histogram of oriented gradients per cell: [N, bins, H/cell, W/cell].

    Centred differences on the channel with the largest gradient (as skimage.feature.hog does for colour),
    unsigned orientation in [0, 180) split linearly over `bins` bins, magnitude-weighted sums per cell,
    then each cell divided by the L2 norm of the 2x2 block of cells starting at it.
    """
    x = F.pad(img, (1, 1, 1, 1), mode="replicate")
    gx = x[..., 1:-1, 2:] - x[..., 1:-1, :-2]
    gy = x[..., 2:, 1:-1] - x[..., :-2, 1:-1]
    mag = torch.hypot(gx, gy)
    pick = mag.argmax(dim=1, keepdim=True)
    gx, gy, mag = gx.gather(1, pick), gy.gather(1, pick), mag.gather(1, pick)
    angle = torch.rad2deg(torch.atan2(gy, gx)) % 180.0
    pos = angle / (180.0 / bins) - 0.5
    lo = torch.floor(pos)
    frac = pos - lo
    lo_bin = lo.long() % bins
    hi_bin = (lo_bin + 1) % bins
    hist = torch.zeros(img.shape[0], bins, img.shape[2], img.shape[3], dtype=img.dtype)
    hist.scatter_add_(1, lo_bin, mag * (1 - frac))
    hist.scatter_add_(1, hi_bin, mag * frac)
    cells = F.avg_pool2d(hist, cell) * (cell * cell)
    energy = F.avg_pool2d(F.pad((cells ** 2).sum(1, keepdim=True), (0, 1, 0, 1), mode="replicate"), 2, stride=1)
    norm = torch.sqrt(energy * 4 + eps)
    return cells / norm


def patch_hog_targets(img, patch=8, cell=4, bins=9):
    """HOG of each ViT patch, flattened: [N, (H/patch)*(W/patch), (patch/cell)^2 * bins]."""
    h = hog_cells(img, cell, bins)
    k = patch // cell
    n, c, gh, gw = h.shape
    h = h.view(n, c, gh // k, k, gw // k, k).permute(0, 2, 4, 3, 5, 1)
    return h.reshape(n, (gh // k) * (gw // k), k * k * c)
