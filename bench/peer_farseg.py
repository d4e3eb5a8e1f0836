#!/usr/bin/python3
"""The peer of `aerolux segment` for bench/peer-bench.sh: FarSeg in PyTorch with the official sliding-window
inference of the FarSeg authors (Z-Zheng/FarSeg isaid_eval.py with SimpleCV's sliding_window, read there; this is
our own implementation of the same scheme): windows of 896 px with stride 512 (clipped to the image, the last
window of each axis shifted inward so that it ends at the border), each window normalised, zero-padded at the
bottom/right to a multiple of 32, run alone (batch 1), cropped back, softmax; the probabilities of overlapping
windows are averaged (sum / count) and the label is the argmax.

    /usr/bin/python3 bench/peer_farseg.py --checkpoint models/checkpoints/farseg-demo.pt --image samples/scene.tif \
        --threads 2 [--labels-out peer_labels.npy]

Prints one JSON line: windows, seconds (total after imports, model only), and the class histogram.
"""
import argparse
import json
import math
import os
import sys
import time

T_START = time.perf_counter()
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "models"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from aerolux_models import checkpoints, scenes, training  # noqa: E402

T_IMPORTED = time.perf_counter()


def axis_windows(n, kernel, stride):
    """Window starts along one axis and the window length (the official grid)."""
    k = min(kernel, n)
    c = math.ceil((n - k) / stride)
    count = c if c * stride + k >= n else c + 1
    return [min(i * stride, n - k) for i in range(count + 1)], k


def sliding_window_probabilities(model, image_hwc, kernel=896, stride=512, divisor=32):
    h, w, _ = image_hwc.shape
    ys, kh = axis_windows(h, kernel, stride)
    xs, kw = axis_windows(w, kernel, stride)
    total = None
    count = torch.zeros(h, w, dtype=torch.float32)
    model_seconds = 0.0
    windows = 0
    for y in ys:
        for x in xs:
            tile = training.normalise(image_hwc[y:y + kh, x:x + kw])[None]
            th, tw = tile.shape[2:]
            ph, pw = -th % divisor, -tw % divisor
            if ph or pw:
                tile = F.pad(tile, (0, pw, 0, ph))  # zeros, as the authors' th_divisible_pad
            t0 = time.perf_counter()
            with torch.no_grad():
                logits = model(tile)
            model_seconds += time.perf_counter() - t0
            prob = torch.softmax(logits[:, :, :th, :tw], dim=1)[0]
            if total is None:
                total = torch.zeros(prob.shape[0], h, w, dtype=torch.float32)
            total[:, y:y + kh, x:x + kw] += prob
            count[y:y + kh, x:x + kw] += 1
            windows += 1
    return total / count, windows, model_seconds


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--window", type=int, default=896)
    ap.add_argument("--stride", type=int, default=512)
    ap.add_argument("--labels-out", default=None, help="write the uint8 labels as .npy")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    model, _ = checkpoints.load_model(args.checkpoint)
    image, _, _ = scenes.read_raster(args.image)
    t1 = time.perf_counter()
    prob, windows, model_seconds = sliding_window_probabilities(model, image, args.window, args.stride)
    labels = prob.argmax(0).numpy().astype(np.uint8)
    t2 = time.perf_counter()
    if args.labels_out:
        np.save(args.labels_out, labels)
    print(json.dumps({"framework": "PyTorch " + torch.__version__, "threads": torch.get_num_threads(), "windows": windows,
                      "window": args.window, "stride": args.stride, "image": list(image.shape),
                      "seconds_import": round(T_IMPORTED - T_START, 3), "seconds_load": round(t1 - t0, 3),
                      "seconds_inference": round(t2 - t1, 3), "seconds_model": round(model_seconds, 3),
                      "class_pixels": np.bincount(labels.ravel(), minlength=prob.shape[0]).tolist()}))


if __name__ == "__main__":
    main()
