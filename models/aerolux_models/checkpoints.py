"""Maps FarSeg checkpoints of the two public layouts onto `aerolux_models.farseg.FarSeg`.

Key names (read from the public code):

official (Z-Zheng/FarSeg `module/farseg.py` + Z-Zheng/SimpleCV `module/resnet.py`, `module/fpn.py`;
the released file holds the weights under "model" with a DataParallel "module." prefix):
    en.resnet.{conv1,bn1,layer1..4}.*         ResNet (torchvision naming; "fc" removed)
    fpn.fpn_inner{1..4}.{weight,bias}         1x1 laterals, level 1 = C2
    fpn.fpn_layer{1..4}.{weight,bias}         3x3 output convs
    sr.scene_encoder.{i}.{0,2}.*              scale-aware projections (scale_aware_proj=True);
    sr.scene_encoder.{0,2}.*                  or one shared projection (scale_aware_proj=False)
    sr.content_encoders.{i}.{0,1}.*           1x1 conv, BN
    sr.feature_reencoders.{i}.{0,1}.*         1x1 conv, BN
    decoder.blocks.{i}.{j}.{0,1}.*            3x3 conv (no bias), BN
    cls_pred_conv.{weight,bias}               1x1 head
    buffer_step                               training step counter (dropped)

torchgeo (microsoft/torchgeo `torchgeo/models/farseg.py`, torchvision ResNet and FeaturePyramidNetwork):
    backbone.{conv1,bn1,layer1..4}.*          ResNet; backbone.fc.* (dropped)
    fpn.inner_blocks.{i}.0.*                  1x1 laterals (torchvision >= 0.13; older: inner_blocks.{i}.*)
    fpn.layer_blocks.{i}.0.*                  3x3 output convs (older: layer_blocks.{i}.*)
    fsr.scene_encoder.{i}.{0,2}.*
    fsr.content_encoders.{i}.{0,1}.*
    fsr.feature_reencoders.{i}.{0,1}.*
    decoder.blocks.{i}.{j}.{0,1}.*
    decoder.classifier.0.{weight,bias}        3x3 head

The AeroLux model names them backbone.*, fpn.lateral.{i}, fpn.output.{i}, relation.scene.{i},
relation.content.{i}, relation.reencode.{i}, decoder.blocks.{i}.{j}, head.
"""
import re

import torch

LAYOUTS = ("official", "torchgeo", "aerolux")


def unwrap(obj):
    """The state dict inside a loaded checkpoint file (handles {"model": ...}, {"state_dict": ...})."""
    if isinstance(obj, dict):
        for key in ("model", "state_dict", "model_state_dict"):
            if key in obj and isinstance(obj[key], dict):
                return obj[key]
    return obj


def _strip_prefix(sd, prefix="module."):
    return {(k[len(prefix):] if k.startswith(prefix) else k): v for k, v in sd.items()}


def detect_layout(state_dict):
    keys = set(state_dict)
    if any(k.startswith("en.resnet.") for k in keys) or "cls_pred_conv.weight" in keys:
        return "official"
    if any(k.startswith("fsr.") for k in keys) or "decoder.classifier.0.weight" in keys:
        return "torchgeo"
    if any(k.startswith("relation.") for k in keys):
        return "aerolux"
    raise ValueError("checkpoint matches neither the official, the torchgeo nor the AeroLux FarSeg layout")


def _rename(key, rules):
    for pattern, repl in rules:
        new, n = re.subn(pattern, repl, key)
        if n:
            return new
    return None


_OFFICIAL = [
    (r"^en\.resnet\.(.*)$", r"backbone.\1"),
    (r"^fpn\.fpn_inner(\d)\.(weight|bias)$", lambda m: f"fpn.lateral.{int(m.group(1)) - 1}.{m.group(2)}"),
    (r"^fpn\.fpn_layer(\d)\.(weight|bias)$", lambda m: f"fpn.output.{int(m.group(1)) - 1}.{m.group(2)}"),
    (r"^sr\.scene_encoder\.(\d+)\.([02])\.(.*)$", r"relation.scene.\1.\2.\3"),
    (r"^sr\.content_encoders\.(.*)$", r"relation.content.\1"),
    (r"^sr\.feature_reencoders\.(.*)$", r"relation.reencode.\1"),
    (r"^decoder\.blocks\.(.*)$", r"decoder.blocks.\1"),
    (r"^cls_pred_conv\.(.*)$", r"head.\1"),
]
_TORCHGEO = [
    (r"^backbone\.(?!fc\.)(.*)$", r"backbone.\1"),
    (r"^fpn\.inner_blocks\.(\d+)\.(?:0\.)?(weight|bias)$", r"fpn.lateral.\1.\2"),
    (r"^fpn\.layer_blocks\.(\d+)\.(?:0\.)?(weight|bias)$", r"fpn.output.\1.\2"),
    (r"^fsr\.scene_encoder\.(.*)$", r"relation.scene.\1"),
    (r"^fsr\.content_encoders\.(.*)$", r"relation.content.\1"),
    (r"^fsr\.feature_reencoders\.(.*)$", r"relation.reencode.\1"),
    (r"^decoder\.blocks\.(.*)$", r"decoder.blocks.\1"),
    (r"^decoder\.classifier\.0\.(.*)$", r"head.\1"),
]
_DROPPED = re.compile(r"^(buffer_step|backbone\.fc\..*)$")
_SHARED_SCENE = re.compile(r"^sr\.scene_encoder\.([02])\.(weight|bias)$")


def to_aerolux(state_dict, layout=None, levels=4):
    """Returns (AeroLux state dict, layout). Raises ValueError naming any key that does not map."""
    sd = _strip_prefix(unwrap(state_dict))
    layout = layout or detect_layout(sd)
    if layout == "aerolux":
        return dict(sd), layout
    rules = _OFFICIAL if layout == "official" else _TORCHGEO
    out, unknown = {}, []
    for key, value in sd.items():
        if _DROPPED.match(key):
            continue
        shared = _SHARED_SCENE.match(key) if layout == "official" else None
        if shared:  # one projection shared by all levels: copy it to each level
            for i in range(levels):
                out[f"relation.scene.{i}.{shared.group(1)}.{shared.group(2)}"] = value.clone()
            continue
        new = _rename(key, rules)
        if new is None:
            unknown.append(key)
        else:
            out[new] = value
    if unknown:
        raise ValueError(f"{len(unknown)} {layout} checkpoint keys do not map, first: {unknown[0]}")
    return out, layout


def infer_config(aerolux_sd):
    """FarSeg constructor arguments read from the shapes of an AeroLux-layout state dict."""
    n_blocks = [len({k.split(".")[2] for k in aerolux_sd if k.startswith(f"backbone.layer{i}.")})
                for i in range(1, 5)]
    bottleneck = any(k.startswith("backbone.layer1.0.conv3.") for k in aerolux_sd)
    names = {((2, 2, 2, 2), False): "resnet18", ((3, 4, 6, 3), False): "resnet34",
             ((3, 4, 6, 3), True): "resnet50", ((3, 4, 23, 3), True): "resnet101"}
    backbone = names.get((tuple(n_blocks), bottleneck))
    if backbone is None:
        raise ValueError(f"unsupported ResNet depth: blocks per stage {n_blocks}, bottleneck={bottleneck}")
    head = aerolux_sd["head.weight"]
    return dict(backbone=backbone, classes=int(head.shape[0]),
                base_width=int(aerolux_sd["backbone.conv1.weight"].shape[0]),
                fpn_channels=int(aerolux_sd["fpn.lateral.0.weight"].shape[0]),
                decoder_channels=int(head.shape[1]), head_kernel=int(head.shape[-1]))


def load_model(path_or_state, layout=None):
    """A FarSeg (eval mode) with strictly loaded weights from a checkpoint file or state dict."""
    from .farseg import FarSeg
    obj = torch.load(path_or_state, map_location="cpu") if isinstance(path_or_state, str) else path_or_state
    sd, layout = to_aerolux(obj, layout)
    config = obj.get("config") if isinstance(obj, dict) and isinstance(obj.get("config"), dict) else None
    model = FarSeg(**(config or infer_config(sd)))
    for key, value in model.state_dict().items():  # checkpoints from torch < 0.4.1 lack these counters
        if key.endswith("num_batches_tracked") and key not in sd:
            sd[key] = torch.zeros_like(value)
    model.load_state_dict(sd, strict=True)
    return model.eval(), layout
