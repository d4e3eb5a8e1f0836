#!/usr/bin/python3
"""Writes synthetic aerial scenes as GeoTIFF pairs (RGB uint8 image + uint8 labels, EPSG:32633, 0.3 m).

    /usr/bin/python3 models/generate_scenes.py --seeds 9001-9004 --out models/eval

For each seed: scene_<seed>_image.tif and scene_<seed>_labels.tif, plus manifest.json describing them.
The same seed always gives the same pixels.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import numpy as np  # noqa: E402

from aerolux_models import scenes  # noqa: E402
from aerolux_models.training import parse_seeds  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", required=True, help="e.g. 9001-9004 or 1,2,7")
    ap.add_argument("--out", required=True, help="folder to write into")
    ap.add_argument("--size", type=int, default=512, help="height in pixels")
    ap.add_argument("--width", type=int, default=None, help="width in pixels (default: --size)")
    args = ap.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    entries = []
    for seed in parse_seeds(args.seeds):
        scene = scenes.generate_scene(seed, args.size, args.width)
        image = f"scene_{seed}_image.tif"
        labels = f"scene_{seed}_labels.tif"
        scenes.write_scene(scene, os.path.join(args.out, image), os.path.join(args.out, labels))
        counts = np.bincount(scene.labels.ravel(), minlength=len(scenes.CLASSES))
        entries.append({"seed": seed, "image": image, "labels": labels,
                        "height": int(scene.labels.shape[0]), "width": int(scene.labels.shape[1]),
                        "foreground_fraction": round(scene.foreground_fraction, 6),
                        "class_pixels": {c["name"]: int(n) for c, n in zip(scenes.CLASSES, counts)}})
        print(f"seed {seed}: foreground {scene.foreground_fraction:.3%} -> {image}, {labels}")
    manifest = {"generator": "aerolux_models.scenes.generate_scene", "crs": f"EPSG:{scenes.EPSG}",
                "pixel_size_m": scenes.PIXEL_SIZE_M, "classes": list(scenes.CLASSES), "scenes": entries}
    with open(os.path.join(args.out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
