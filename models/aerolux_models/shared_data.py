"""Where the test and training data lives (the Python side of core's org.aerolux.core.testing.SharedData).

../shared/data beside the checkout holds the real data. Its natural/ photographs are the scikit-image samples, which
Debian's python3-skimage also installs: without ../shared/data they are taken from there, so that ordinary tests and
the CUE tooling work in a clone with nothing beside it. Everything else in ../shared/data (aerial imagery, Kodak
photographs, the CUE authors' weights) exists only there and is read by real-data tests (@pytest.mark.real_data).
"""
import glob
import importlib.util
import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_DATA = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "data"))

#: the photographs of ../shared/data/natural, as scikit-image ships them
NATURAL_PHOTOS = ("astronaut.png", "brick.png", "color.png", "grass.png", "gravel.png", "motorcycle_left.png",
                  "rocket.jpg")


def present():
    """Whether ../shared/data exists beside the checkout."""
    return os.path.isdir(SHARED_DATA)


def data_dir():
    """../shared/data, for real-data tests and training; fails loudly when absent (never a silent skip)."""
    if not present():
        raise FileNotFoundError(f"the real-data suite needs ../shared/data, not found at {SHARED_DATA}")
    return SHARED_DATA


def skimage_data_dir():
    """scikit-image's sample folder (Debian: /usr/lib/python3/dist-packages/skimage/data), found without importing it."""
    spec = importlib.util.find_spec("skimage")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("scikit-image is not installed (Debian package python3-skimage; bin/aerolux-setup installs it)")
    return os.path.join(list(spec.submodule_search_locations)[0], "data")


def natural_paths():
    """The natural/ photographs, sorted by name: ../shared/data/natural when present, else scikit-image's copies."""
    shared = os.path.join(SHARED_DATA, "natural")
    if os.path.isdir(shared):
        return sorted(glob.glob(os.path.join(shared, "*.png")) + glob.glob(os.path.join(shared, "*.jpg")))
    folder = skimage_data_dir()
    paths = [os.path.join(folder, name) for name in NATURAL_PHOTOS]
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        raise FileNotFoundError(f"natural photographs not found: neither {shared} nor {missing[0]} (python3-skimage)")
    return paths
