"""models/registry.json: name, file, type, sha256 and card summary of every shipped model."""
import hashlib
import json
import os

MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGISTRY = os.path.join(MODELS_DIR, "registry.json")
SUMMARY_KEYS = ("aerolux.version", "aerolux.input_bands", "aerolux.output", "aerolux.tile_size",
                "aerolux.overlap", "aerolux.temperature", "aerolux.license")


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def load(registry=REGISTRY):
    if not os.path.exists(registry):
        return {"models": []}
    with open(registry) as f:
        return json.load(f)


def register(name, onnx_path, model_type, card, description="", registry=REGISTRY):
    """Adds or replaces one entry; `file` is stored relative to the registry's folder."""
    data = load(registry)
    base = os.path.dirname(os.path.abspath(registry))
    entry = {
        "name": name,
        "file": os.path.relpath(os.path.abspath(onnx_path), base),
        "type": model_type,
        "sha256": sha256(onnx_path),
        "size_bytes": os.path.getsize(onnx_path),
        "description": description,
        "card": {k.split(".", 1)[1]: card[k] for k in SUMMARY_KEYS if k in card},
    }
    if "aerolux.classes" in card:
        entry["card"]["classes"] = [c["name"] for c in card["aerolux.classes"]]
    data["models"] = sorted([m for m in data["models"] if m["name"] != name] + [entry], key=lambda m: m["name"])
    with open(registry, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")
    return entry
