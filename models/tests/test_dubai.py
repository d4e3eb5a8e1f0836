"""The Dubai aerial loader: mask colours to class indices (RGB and palette PNGs), unlabeled and unmatched -> 255."""
import numpy as np
import pytest
from PIL import Image

from aerolux_models import dubai

RGB = {name: tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for name, c in dubai.CLASSES}
UNLABELED = (0x9B, 0x9B, 0x9B)


def _synthetic_mask():
    """A 4 x 6 RGB mask with every class, unlabeled, and two colours that match nothing (one off by 1)."""
    names = [n for n, _ in dubai.CLASSES]
    rows = [[RGB[names[(r + q) % 5]] for q in range(6)] for r in range(4)]
    rows[0][0] = UNLABELED
    rows[1][2] = (0, 0, 0)
    land = RGB["land"]
    rows[3][5] = (land[0], land[1], land[2] - 1)
    want = np.array([[(r + q) % 5 for q in range(6)] for r in range(4)], np.uint8)
    want[0, 0] = want[1, 2] = want[3, 5] = 255
    return np.array(rows, np.uint8), want


def test_colour_mapping_of_a_synthetic_mask():
    mask, want = _synthetic_mask()
    np.testing.assert_array_equal(dubai.colours_to_labels(mask), want)
    assert [c["name"] for c in dubai.class_dicts()] == ["land", "building", "road", "vegetation", "water"]


@pytest.mark.parametrize("mode", ["RGB", "P"])
def test_rgb_and_palette_pngs_give_the_same_labels(tmp_path, mode):
    mask, want = _synthetic_mask()
    im = Image.fromarray(mask, "RGB")
    if mode == "P":
        im = im.quantize(colors=16, method=Image.Quantize.MAXCOVERAGE)
        assert np.array_equal(np.asarray(im.convert("RGB")), mask), "the palette stores the colours exactly"
    path = tmp_path / "m.png"
    im.save(path)
    assert Image.open(path).mode == mode
    np.testing.assert_array_equal(dubai.read_mask(str(path)), want)


def test_the_split_is_by_tile_and_disjoint():
    tiles = dubai.TRAIN_TILES + dubai.VAL_TILES + dubai.TEST_TILES
    assert sorted(tiles) == list(range(1, 8))


def _gdal_labels(path):
    """Independent decoding with GDAL: palette PNGs through their colour table, RGB PNGs band by band."""
    from osgeo import gdal
    ds = gdal.Open(str(path))
    band = ds.GetRasterBand(1)
    table = band.GetColorTable()
    if ds.RasterCount == 1 and table is not None:
        idx = band.ReadAsArray()
        lut = np.array([table.GetColorEntry(i)[:3] for i in range(table.GetCount())], np.int64)
        rgb = lut[idx]
    else:
        rgb = np.stack([ds.GetRasterBand(b + 1).ReadAsArray() for b in range(3)], -1).astype(np.int64)
    out = np.full(rgb.shape[:2], 255, np.uint8)
    for k, (_, colour) in enumerate(dubai.CLASSES):
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        out[(rgb[..., 0] == r) & (rgb[..., 1] == g) & (rgb[..., 2] == b)] = k
    return out


@pytest.mark.real_data
@pytest.mark.parametrize("tile", [1, 2, 4, 7])
def test_real_masks_agree_with_gdal(shared_data, tile):
    folder = shared_data / "aerial" / "dubai"
    image_path, mask_path = dubai.tile_items(tile, str(folder))[0]
    labels = dubai.read_mask(mask_path)
    np.testing.assert_array_equal(labels, _gdal_labels(mask_path))
    assert labels.shape == dubai.read_image(image_path).shape[:2]
    present = set(np.unique(labels).tolist())
    assert present <= {0, 1, 2, 3, 4, 255}
    assert len(present - {255}) >= 3, f"tile {tile}: classes {present}"
    assert np.mean(labels == 255) < 0.1, "unlabeled and unmatched pixels are a small share"
