"""The data lookup: ../shared/data when present, else the natural/ photographs from python3-skimage; real data only
beside the checkout."""
import os

import pytest

from aerolux_models import cue_data, shared_data


def test_without_shared_data_the_natural_photographs_come_from_skimage(monkeypatch, tmp_path):
    monkeypatch.setattr(shared_data, "SHARED_DATA", str(tmp_path / "absent"))
    paths = shared_data.natural_paths()
    assert [os.path.basename(p) for p in paths] == sorted(shared_data.NATURAL_PHOTOS)
    assert all(os.path.dirname(p) == shared_data.skimage_data_dir() for p in paths)
    train, held = cue_data.split_images()
    assert sorted(n for n, _ in held) == sorted(cue_data.EVAL_IMAGES) and len(train) == 5
    astronaut = dict(train)["astronaut.png"]
    assert astronaut.shape == (512, 512, 3)
    with pytest.raises(FileNotFoundError, match="the real-data suite needs ../shared/data"):
        shared_data.data_dir()


def test_shared_data_wins_when_present(monkeypatch, tmp_path):
    (tmp_path / "natural").mkdir()
    (tmp_path / "natural" / "mine.png").write_bytes(b"stand-in")
    monkeypatch.setattr(shared_data, "SHARED_DATA", str(tmp_path))
    assert shared_data.natural_paths() == [str(tmp_path / "natural" / "mine.png")]
    assert shared_data.data_dir() == str(tmp_path)


def test_the_real_data_marker_is_registered(pytestconfig):
    assert any(m.startswith("real_data:") for m in pytestconfig.getini("markers"))
