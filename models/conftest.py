"""pytest setup for models/: the import path, and the real-data suite.

Tests that need data existing only in ../shared/data (aerial imagery, Kodak photographs, the CUE authors' weights) are
marked @pytest.mark.real_data and read it through the `shared_data` fixture (a pathlib.Path of ../shared/data) or
aerolux_models.shared_data.data_dir(). Without ../shared/data they are deselected (bin/aerolux-test says so in one
line); each one that runs carries the property real_data=true in the JUnit XML report, so that CI (.ci/run) can count
them. The natural/ photographs are not real-data: aerolux_models.shared_data finds them in python3-skimage too.
"""
import os
import pathlib
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from aerolux_models import shared_data as _shared  # noqa: E402


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_data: needs data that exists only in ../shared/data (the real-data suite; deselected without it)")


def pytest_collection_modifyitems(config, items):
    real = [item for item in items if item.get_closest_marker("real_data")]
    for item in real:
        item.user_properties.append(("real_data", "true"))
    if real and not _shared.present():
        config.hook.pytest_deselected(items=real)
        items[:] = [item for item in items if not item.get_closest_marker("real_data")]


@pytest.fixture
def shared_data():
    """../shared/data as a pathlib.Path (real-data tests only; fails loudly when absent)."""
    return pathlib.Path(_shared.data_dir())
