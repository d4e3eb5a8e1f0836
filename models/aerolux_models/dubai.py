"""The Dubai aerial segmentation data in ../shared/data/aerial/dubai, read in place.

"Semantic segmentation of aerial imagery" (Mohammed Bin Rashid Space Centre imagery, labelled by Humans in the Loop,
CC0 1.0): tiles tile1 .. tile7 (geographic regions) of 9 images each, `images/image_part_00N.jpg` (RGB JPEG) with
`masks/image_part_00N.png` (RGB, or palette in tiles 2 and 4: converted to RGB before the colours are matched).

Class indices (land first: it is the background of the NACL foreground protocol, class 0 in AeroLux's calibration):
  0 land (unpaved) #8429F6, 1 building #3C1098, 2 road #6EC1E4, 3 vegetation #FEDD3A, 4 water #E2A929.
"Unlabeled" (#9B9B9B) and any colour that matches none of these (a few pixels per mask) become IGNORE_INDEX 255.
The colours are the values found in the PNGs; classes.json lists other (annotation-tool) colours and is not used.

Split by tile (whole regions, never by image), fixed before any training:
  train 3, 4, 5, 6, 7 (57 Mpx: tile 7 is half of all pixels, tile 4 holds most of the buildings),
  validation 2 (2.5 Mpx, the smallest: cheap to run every few hundred steps; all five classes present),
  test 1 (4.6 Mpx; all five classes with shares close to the whole set's: land 0.62, road 0.13, water 0.14,
  building 0.05, vegetation 0.05).
"""
import glob
import os

import numpy as np

from . import shared_data

IGNORE_INDEX = 255
#: (name, mask colour) in class-index order
CLASSES = (("land", "#8429F6"), ("building", "#3C1098"), ("road", "#6EC1E4"), ("vegetation", "#FEDD3A"),
           ("water", "#E2A929"))
UNLABELED = "#9B9B9B"
TRAIN_TILES = (3, 4, 5, 6, 7)
VAL_TILES = (2,)
TEST_TILES = (1,)


def root():
    return os.path.join(shared_data.data_dir(), "aerial", "dubai")


def class_dicts():
    """The card's aerolux.classes: [{"name", "color"}], class 0 first."""
    return [{"name": n, "color": c} for n, c in CLASSES]


def _rgb24(hex_colour):
    return int(hex_colour.lstrip("#"), 16)


def colours_to_labels(mask_rgb):
    """(H, W, 3) uint8 RGB mask to (H, W) uint8 class indices; unlabeled and unmatched colours -> 255."""
    m = np.asarray(mask_rgb).astype(np.int32)
    if m.ndim != 3 or m.shape[2] != 3:
        raise ValueError(f"mask must be H x W x 3 RGB, got shape {m.shape}")
    packed = (m[..., 0] << 16) | (m[..., 1] << 8) | m[..., 2]
    labels = np.full(packed.shape, IGNORE_INDEX, np.uint8)
    for index, (_, colour) in enumerate(CLASSES):
        labels[packed == _rgb24(colour)] = index
    return labels


def read_mask(path):
    """A mask PNG (RGB or palette) as class indices."""
    from PIL import Image
    with Image.open(path) as im:
        return colours_to_labels(np.asarray(im.convert("RGB")))


def read_image(path):
    from PIL import Image
    with Image.open(path) as im:
        return np.ascontiguousarray(np.asarray(im.convert("RGB"), dtype=np.uint8))


def tile_items(tile, folder=None):
    """[(image path, mask path)] of one tile, sorted by name."""
    base = os.path.join(folder or root(), f"tile{tile}")
    images = sorted(glob.glob(os.path.join(base, "images", "*.jpg")))
    if not images:
        raise FileNotFoundError(f"no images in {base}/images")
    return [(p, os.path.join(base, "masks", os.path.splitext(os.path.basename(p))[0] + ".png")) for p in images]


def load_tiles(tiles, folder=None):
    """[(id, image HWC uint8, labels HW uint8)] of the given tiles; raises when an image and its mask differ in size."""
    out = []
    for t in tiles:
        for image_path, mask_path in tile_items(t, folder):
            image, labels = read_image(image_path), read_mask(mask_path)
            if image.shape[:2] != labels.shape:
                raise ValueError(f"{image_path}: image {image.shape[:2]} and mask {labels.shape} differ in size")
            out.append((f"tile{t}/{os.path.basename(image_path)}", image, labels))
    return out
