"""The cue-lowlight corpus: well-exposed photographs of three sources in ../shared/data, read in place.

Sources (and what is held out of training, for `cue_lowlight_eval`):
- photos/kodak: kodim01..kodim18 (Kodak Lossless True Color Image Suite); held out kodim03, kodim08, kodim13, kodim17;
- natural: the scikit-image sample photographs; held out rocket.jpg and gravel.png (as for cue-demo);
- aerial/dubai: the 63 Dubai satellite images (tiles 1-7); held out all of tile7 (split by region, as that folder's
  README asks), the training images are tiles 1-6.
Images are kept as uint8 [H, W, 3] (grey ones repeated to RGB); a training pair is a random crop of one image (source
drawn with SOURCE_WEIGHTS, image uniform within it), a random flip/rot90, and `lowlight_synthesis.synthesize`.
Draws come from numpy.random.default_rng([seed, step, i]).
"""
import glob
import os

import numpy as np
import torch
from PIL import Image

from . import cue_data, lowlight_synthesis, shared_data

HELD_OUT = {
    "kodak": ("kodim03.png", "kodim08.png", "kodim13.png", "kodim17.png"),
    "natural": ("rocket.jpg", "gravel.png"),
    "dubai": tuple(f"tile7/image_part_{i:03d}.jpg" for i in range(1, 10)),
}
SOURCE_WEIGHTS = {"kodak": 0.4, "natural": 0.2, "dubai": 0.4}


def source_paths(source, root=None):
    """{name: path} of one source; names are file names (dubai: tileN/image_part_00M.jpg)."""
    root = root or shared_data.data_dir()
    if source == "kodak":
        paths = sorted(glob.glob(os.path.join(root, "photos", "kodak", "kodim*.png")))
        return {os.path.basename(p): p for p in paths}
    if source == "natural":
        paths = sorted(glob.glob(os.path.join(root, "natural", "*.png")) +
                       glob.glob(os.path.join(root, "natural", "*.jpg")))
        return {os.path.basename(p): p for p in paths}
    if source == "dubai":
        paths = sorted(glob.glob(os.path.join(root, "aerial", "dubai", "tile*", "images", "*.jpg")))
        return {f"{p.split(os.sep)[-3]}/{os.path.basename(p)}": p for p in paths}
    raise ValueError(f"unknown source {source}")


def load_u8(path):
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"), dtype=np.uint8)


def load_split(split, sources=tuple(SOURCE_WEIGHTS), root=None):
    """{source: [(name, uint8 image)]} of the 'train' or 'eval' images."""
    if split not in ("train", "eval"):
        raise ValueError("split is 'train' or 'eval'")
    out = {}
    for source in sources:
        paths = source_paths(source, root)
        missing = [n for n in HELD_OUT[source] if n not in paths]
        if missing:
            raise FileNotFoundError(f"held-out images missing from {source}: {missing}")
        keep = [n for n in paths if (n in HELD_OUT[source]) == (split == "eval")]
        out[source] = [(n, load_u8(paths[n])) for n in keep]
    return out


def random_crop(image, size, rng, augment=True):
    """cue_data's crop (flip, rot90) of an 8-bit image, as float32 in [0, 1]."""
    return cue_data.random_crop(image, size, rng, augment).astype(np.float32) / 255.0


def make_pair(corpus, size, rng, augment=True, exposure=None):
    """(low [3,H,W], clean [3,H,W]) float32 tensors and the parameters (source, image, degradation)."""
    sources = [s for s in SOURCE_WEIGHTS if s in corpus]
    weights = np.array([SOURCE_WEIGHTS[s] for s in sources])
    source = sources[int(rng.choice(len(sources), p=weights / weights.sum()))]
    name, image = corpus[source][int(rng.integers(0, len(corpus[source])))]
    clean = random_crop(image, size, rng, augment)
    low, params = lowlight_synthesis.synthesize(clean, rng, exposure=exposure)
    params.update(source=source, image=name)
    to_t = lambda a: torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)))
    return to_t(low), to_t(clean), params


def make_batch(corpus, size, batch, seed, step):
    pairs = [make_pair(corpus, size, np.random.default_rng([seed, step, i])) for i in range(batch)]
    return torch.stack([p[0] for p in pairs]), torch.stack([p[1] for p in pairs])


def eval_pairs(corpus, per_source=12, size=256, seed=20231, exposure=None):
    """Deterministic held-out pairs: `per_source` crops (no flips) from each source's held-out images, the images
    taken in turn."""
    pairs = []
    for source in sorted(corpus):
        images = corpus[source]
        for i in range(per_source):
            rng = np.random.default_rng([seed, len(source), i])
            name, image = images[i % len(images)]
            clean = random_crop(image, size, rng, augment=False)
            low, params = lowlight_synthesis.synthesize(clean, rng, exposure=exposure)
            params.update(source=source, image=name)
            to_t = lambda a: torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1)))[None]
            pairs.append((to_t(low), to_t(clean), params))
    return pairs
