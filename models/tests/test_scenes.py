"""Synthetic scene generator: determinism, class balance, GeoTIFF output."""
import json
import os
import subprocess

import numpy as np
import pytest

from aerolux_models import scenes

MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def some_scenes():
    return [scenes.generate_scene(s, 256) for s in (11, 12, 13, 14)]


def test_same_seed_same_scene():
    a = scenes.generate_scene(123, 192, 256)
    b = scenes.generate_scene(123, 192, 256)
    assert np.array_equal(a.image, b.image) and np.array_equal(a.labels, b.labels)
    assert a.geotransform == b.geotransform
    assert a.image.shape == (192, 256, 3) and a.image.dtype == np.uint8
    assert a.labels.shape == (192, 256) and a.labels.dtype == np.uint8


def test_different_seeds_differ(some_scenes):
    assert not np.array_equal(some_scenes[0].image, some_scenes[1].image)
    assert some_scenes[0].geotransform != some_scenes[1].geotransform


def test_small_foreground_and_all_classes(some_scenes):
    seen = set()
    for s in some_scenes:
        assert 0.0 < s.foreground_fraction <= scenes.MAX_FOREGROUND
        assert set(np.unique(s.labels)) <= set(range(len(scenes.CLASSES)))
        seen |= set(np.unique(s.labels).tolist())
    assert seen == set(range(len(scenes.CLASSES)))


def test_textured_background(some_scenes):
    s = some_scenes[0]
    bg = s.image[s.labels == scenes.BACKGROUND].astype(float)
    assert bg.std(axis=0).min() > 10          # varied, not flat
    assert len(np.unique(bg.mean(axis=1).round())) > 50


def test_geotiff_pair(tmp_path):
    s = scenes.generate_scene(77, 128, 160)
    img, lab = str(tmp_path / "i.tif"), str(tmp_path / "l.tif")
    scenes.write_scene(s, img, lab)
    image, gt, wkt = scenes.read_raster(img)
    labels, gt2, _ = scenes.read_raster(lab)
    assert np.array_equal(image, s.image) and np.array_equal(labels, s.labels)
    assert gt == pytest.approx(s.geotransform) and gt2 == gt
    assert gt[1] == pytest.approx(0.3) and gt[5] == pytest.approx(-0.3)
    info = json.loads(subprocess.run(["gdalinfo", "-json", img], capture_output=True, text=True,
                                     check=True).stdout)
    assert info["size"] == [160, 128]
    assert info["stac"]["proj:epsg"] == 32633
    assert info["coordinateSystem"]["wkt"].rstrip().endswith('ID["EPSG",32633]]')
    assert [b["type"] for b in info["bands"]] == ["Byte"] * 3
    assert [b["colorInterpretation"] for b in info["bands"]] == ["Red", "Green", "Blue"]


def test_committed_eval_scenes_are_reproducible():
    folder = os.path.join(MODELS, "eval")
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    assert len(manifest["scenes"]) >= 4
    for entry in manifest["scenes"][:2]:
        s = scenes.generate_scene(entry["seed"], entry["height"], entry["width"])
        image, _, _ = scenes.read_raster(os.path.join(folder, entry["image"]))
        labels, _, _ = scenes.read_raster(os.path.join(folder, entry["labels"]))
        assert np.array_equal(image, s.image) and np.array_equal(labels, s.labels)
