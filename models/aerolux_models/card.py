"""Model cards: the `aerolux.*` keys of INTERFACE.md stored in ONNX `metadata_props`.

Shared by every exporter (FarSeg, CUE, test fixtures) so that all AeroLux models carry the same card.
"""
import json

import onnx

#: Keys every AeroLux model card must have (INTERFACE.md). `aerolux.classes` only for segmentation.
REQUIRED_KEYS = (
    "aerolux.model_type", "aerolux.name", "aerolux.version", "aerolux.input_bands", "aerolux.scale",
    "aerolux.mean", "aerolux.std", "aerolux.tile_size", "aerolux.overlap", "aerolux.size_multiple",
    "aerolux.output", "aerolux.temperature", "aerolux.resolution_m", "aerolux.license", "aerolux.training",
)
MODEL_TYPES = ("segmentation", "enhancement")
OUTPUT_KINDS = ("logits", "probabilities", "image")


def _encode(value):
    """Card values are strings; lists and dicts are stored as JSON."""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def required_keys(model_type):
    keys = list(REQUIRED_KEYS)
    if model_type == "segmentation":
        keys.append("aerolux.classes")
    return keys


def validate(card):
    """Raises ValueError naming the first missing or invalid key."""
    model_type = card.get("aerolux.model_type")
    if model_type not in MODEL_TYPES:
        raise ValueError(f"aerolux.model_type must be one of {MODEL_TYPES}, got {model_type!r}")
    for key in required_keys(model_type):
        if key not in card:
            raise ValueError(f"model card lacks required key {key}")
    if card["aerolux.output"] not in OUTPUT_KINDS:
        raise ValueError(f"aerolux.output must be one of {OUTPUT_KINDS}")
    bands = card["aerolux.input_bands"]
    if len(card["aerolux.mean"]) != len(bands) or len(card["aerolux.std"]) != len(bands):
        raise ValueError("aerolux.mean and aerolux.std need one value per input band")
    if model_type == "segmentation":
        for c in card["aerolux.classes"]:
            if set(c) != {"name", "color"}:
                raise ValueError("each entry of aerolux.classes needs exactly name and color")


def set_card(model, card, validate_card=True):
    """Writes the card into an onnx.ModelProto's metadata_props (replacing aerolux.* keys)."""
    if validate_card:
        validate(card)
    keep = [p for p in model.metadata_props if not p.key.startswith("aerolux.")]
    del model.metadata_props[:]
    for p in keep:
        model.metadata_props.append(p)
    for key in sorted(card):
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = _encode(card[key])
    return model


def read_card(path_or_model):
    """Returns the metadata_props of an ONNX file or ModelProto as a dict of strings."""
    model = onnx.load(path_or_model) if isinstance(path_or_model, str) else path_or_model
    return {p.key: p.value for p in model.metadata_props}


def write_card(onnx_path, card, validate_card=True):
    """Adds the card to an ONNX file in place and checks the result with onnx.checker."""
    model = onnx.load(onnx_path)
    set_card(model, card, validate_card)
    onnx.checker.check_model(model)
    onnx.save(model, onnx_path)
