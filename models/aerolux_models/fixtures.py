"""Parity fixtures: model inputs and PyTorch outputs as raw little-endian float32 plus a JSON shape file.

Layout: models/fixtures/<model>/<case>.json with <case>_input.f32 and <case>_output.f32 beside it.
Java tests load them and compare ONNX Runtime's output.
"""
import json
import os

import numpy as np

FIXTURES_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures")


def write_fixture(model_name, case, model_input, model_output, extra=None, root=FIXTURES_DIR):
    folder = os.path.join(root, model_name)
    os.makedirs(folder, exist_ok=True)
    x = np.ascontiguousarray(np.asarray(model_input, dtype="<f4"))
    y = np.ascontiguousarray(np.asarray(model_output, dtype="<f4"))
    x.tofile(os.path.join(folder, f"{case}_input.f32"))
    y.tofile(os.path.join(folder, f"{case}_output.f32"))
    meta = {"model": model_name, "case": case, "dtype": "float32", "byte_order": "little",
            "layout": "NCHW", "input": f"{case}_input.f32", "input_shape": list(x.shape),
            "output": f"{case}_output.f32", "output_shape": list(y.shape)}
    meta.update(extra or {})
    with open(os.path.join(folder, f"{case}.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    return meta


def read_fixture(model_name, case, root=FIXTURES_DIR):
    folder = os.path.join(root, model_name)
    with open(os.path.join(folder, f"{case}.json")) as f:
        meta = json.load(f)
    x = np.fromfile(os.path.join(folder, meta["input"]), dtype="<f4").reshape(meta["input_shape"])
    y = np.fromfile(os.path.join(folder, meta["output"]), dtype="<f4").reshape(meta["output_shape"])
    return meta, x, y
