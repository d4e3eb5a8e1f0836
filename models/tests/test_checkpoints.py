"""Key mapping of the official (Z-Zheng/FarSeg + SimpleCV) and torchgeo FarSeg checkpoint layouts.

Each layout is rebuilt here from randomly initialised torch/torchvision modules under that layout's key
names, with its own forward pass written after the public code; its state dict must load strictly
into the AeroLux FarSeg and give the same logits.
"""
import math
from collections import OrderedDict

import pytest
import torch
import torchvision
from torch import nn
from torch.nn import functional as F

from aerolux_models import checkpoints
from aerolux_models.farseg import FarSeg, count_parameters


def _randomise_bn(module, seed=0):
    g = torch.Generator().manual_seed(seed)
    for m in module.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.data = torch.rand(m.num_features, generator=g) + 0.5
            m.bias.data = torch.randn(m.num_features, generator=g) * 0.1
            m.running_mean = torch.randn(m.num_features, generator=g) * 0.1
            m.running_var = torch.rand(m.num_features, generator=g) + 0.5


def _resnet(name):
    return getattr(torchvision.models, name)()  # random weights, nothing downloaded


def _decoder_blocks(in_ch, out_ch):
    blocks = nn.ModuleList()
    for stride in (4, 8, 16, 32):
        n_up = int(math.log2(stride)) - 2
        blocks.append(nn.Sequential(*[nn.Sequential(
            nn.Conv2d(in_ch if j == 0 else out_ch, out_ch, 3, 1, 1, bias=False), nn.BatchNorm2d(out_ch),
            nn.ReLU(inplace=True), nn.UpsamplingBilinear2d(scale_factor=2) if n_up else nn.Identity())
            for j in range(max(n_up, 1))]))
    return blocks


def _relation_parts(scene_ch, ch, shared):
    def proj():
        return nn.Sequential(nn.Conv2d(scene_ch, ch, 1), nn.ReLU(True), nn.Conv2d(ch, ch, 1))
    scene = proj() if shared else nn.ModuleList([proj() for _ in range(4)])
    content = nn.ModuleList([nn.Sequential(nn.Conv2d(ch, ch, 1), nn.BatchNorm2d(ch), nn.ReLU(True))
                             for _ in range(4)])
    reenc = nn.ModuleList([nn.Sequential(nn.Conv2d(ch, ch, 1), nn.BatchNorm2d(ch), nn.ReLU(True))
                           for _ in range(4)])
    return scene, content, reenc


def _relate(scene_encoder, content, reenc, shared, scene, feats):
    out = []
    for i, p in enumerate(feats):
        s = scene_encoder(scene) if shared else scene_encoder[i](scene)
        r = torch.sigmoid((s * content[i](p)).sum(dim=1, keepdim=True))
        out.append(r * reenc[i](p))
    return out


class OfficialFarSeg(nn.Module):
    """Z-Zheng/FarSeg module tree: en.resnet, fpn.fpn_inner*/fpn_layer*, sr, decoder, cls_pred_conv."""

    def __init__(self, backbone="resnet50", classes=16, shared_scene=False):
        super().__init__()
        self.register_buffer("buffer_step", torch.zeros((), dtype=torch.float32))
        self.en = nn.Module()
        self.en.resnet = _resnet(backbone)
        self.en.resnet._modules.pop("fc")
        c5 = 2048 if backbone in ("resnet50", "resnet101") else 512
        self.fpn = nn.Module()
        for idx, c in enumerate([c5 // 8, c5 // 4, c5 // 2, c5], 1):
            self.fpn.add_module(f"fpn_inner{idx}", nn.Conv2d(c, 256, 1))
            self.fpn.add_module(f"fpn_layer{idx}", nn.Conv2d(256, 256, 3, 1, 1))
        self.shared = shared_scene
        self.sr = nn.Module()
        self.sr.scene_encoder, self.sr.content_encoders, self.sr.feature_reencoders = _relation_parts(
            c5, 256, shared_scene)
        self.decoder = nn.Module()
        self.decoder.blocks = _decoder_blocks(256, 128)
        self.cls_pred_conv = nn.Conv2d(128, classes, 1)
        self.upsample4x_op = nn.UpsamplingBilinear2d(scale_factor=4)

    def forward(self, x):
        r = self.en.resnet
        x = r.maxpool(r.relu(r.bn1(r.conv1(x))))
        feats = [r.layer1(x)]
        for layer in (r.layer2, r.layer3, r.layer4):
            feats.append(layer(feats[-1]))
        last = getattr(self.fpn, "fpn_inner4")(feats[3])
        results = [getattr(self.fpn, "fpn_layer4")(last)]
        for idx in (3, 2, 1):
            last = getattr(self.fpn, f"fpn_inner{idx}")(feats[idx - 1]) + F.interpolate(
                last, scale_factor=2, mode="nearest")
            results.insert(0, getattr(self.fpn, f"fpn_layer{idx}")(last))
        scene = F.adaptive_avg_pool2d(feats[3], 1)
        refined = _relate(self.sr.scene_encoder, self.sr.content_encoders, self.sr.feature_reencoders,
                          self.shared, scene, results)
        out = sum(b(f) for b, f in zip(self.decoder.blocks, refined)) / 4.0
        return self.upsample4x_op(self.cls_pred_conv(out))


class TorchgeoFarSeg(nn.Module):
    """torchgeo module tree: backbone (with fc), torchvision FPN, fsr, decoder.blocks + decoder.classifier."""

    def __init__(self, backbone="resnet18", classes=6):
        super().__init__()
        self.backbone = _resnet(backbone)
        c5 = 2048 if backbone in ("resnet50", "resnet101") else 512
        self.fpn = torchvision.ops.FeaturePyramidNetwork([c5 // 8, c5 // 4, c5 // 2, c5], 256)
        self.fsr = nn.Module()
        self.fsr.scene_encoder, self.fsr.content_encoders, self.fsr.feature_reencoders = _relation_parts(
            c5, 256, False)
        self.decoder = nn.Module()
        self.decoder.blocks = _decoder_blocks(256, 128)
        self.decoder.classifier = nn.Sequential(nn.Conv2d(128, classes, 3, 1, 1),
                                                nn.UpsamplingBilinear2d(scale_factor=4))

    def forward(self, x):
        b = self.backbone
        x = b.maxpool(b.relu(b.bn1(b.conv1(x))))
        c2 = b.layer1(x)
        c3 = b.layer2(c2)
        c4 = b.layer3(c3)
        c5 = b.layer4(c4)
        p = list(self.fpn(OrderedDict([("c2", c2), ("c3", c3), ("c4", c4), ("c5", c5)])).values())
        refined = _relate(self.fsr.scene_encoder, self.fsr.content_encoders, self.fsr.feature_reencoders,
                          False, F.adaptive_avg_pool2d(c5, 1), p)
        out = sum(blk(f) for blk, f in zip(self.decoder.blocks, refined)) / 4.0
        return self.decoder.classifier(out)


def _compare(reference, state_dict, layout):
    _randomise_bn(reference)
    reference.eval()
    model, detected = checkpoints.load_model(state_dict(reference) if callable(state_dict) else state_dict)
    assert detected == layout
    x = torch.randn(2, 3, 64, 96, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        want = reference(x)
        got = model(x)
    assert got.shape == want.shape
    torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-4)
    return model


def test_official_resnet50_layout_maps_strictly_and_matches():
    torch.manual_seed(0)
    ref = OfficialFarSeg("resnet50", 16)
    # the released file: {"model": {"module.<key>": ...}} from a DataParallel model
    wrap = lambda r: {"model": {"module." + k: v for k, v in r.state_dict().items()}, "global_step": 60000}  # noqa
    model = _compare(ref, wrap, "official")
    assert model.config["backbone"] == "resnet50" and model.config["head_kernel"] == 1
    assert model.config["classes"] == 16


def test_official_shared_scene_projection_is_copied_to_each_level():
    torch.manual_seed(1)
    ref = OfficialFarSeg("resnet18", 5, shared_scene=True)
    _compare(ref, lambda r: r.state_dict(), "official")


def test_torchgeo_layout_maps_strictly_and_matches():
    torch.manual_seed(2)
    ref = TorchgeoFarSeg("resnet18", 6)
    model = _compare(ref, lambda r: r.state_dict(), "torchgeo")
    assert model.config["head_kernel"] == 3 and model.config["backbone"] == "resnet18"


def test_torchgeo_old_torchvision_fpn_keys():
    torch.manual_seed(3)
    ref = TorchgeoFarSeg("resnet18", 3)

    def old_keys(r):  # torchvision < 0.13 named the FPN convs inner_blocks.{i}.weight
        return {k.replace(".0.weight", ".weight").replace(".0.bias", ".bias")
                if k.startswith(("fpn.inner_blocks", "fpn.layer_blocks")) else k: v
                for k, v in r.state_dict().items()}
    _compare(ref, old_keys, "torchgeo")


def test_unknown_key_is_named():
    sd = OfficialFarSeg("resnet18", 3).state_dict()
    sd["sr.extra.weight"] = torch.zeros(1)
    with pytest.raises(ValueError, match="sr.extra.weight"):
        checkpoints.to_aerolux(sd)


def test_unknown_layout_is_an_error():
    with pytest.raises(ValueError, match="neither"):
        checkpoints.detect_layout({"foo.weight": torch.zeros(1)})


def test_aerolux_round_trip_and_config_inference():
    m = FarSeg("resnet34", 4, base_width=8, fpn_channels=16, decoder_channels=8, head_kernel=3)
    sd, layout = checkpoints.to_aerolux(m.state_dict())
    assert layout == "aerolux"
    assert checkpoints.infer_config(sd) == m.config


def test_parameter_counts_match_the_published_sizes():
    # METHODS.md: ~31.4M (ResNet-50) and ~16.7M (ResNet-18) with 16 classes
    assert count_parameters(FarSeg("resnet50", 16)) == pytest.approx(31.4e6, rel=0.005)
    assert count_parameters(FarSeg("resnet18", 16)) == pytest.approx(16.7e6, rel=0.005)
    assert count_parameters(FarSeg("resnet101", 16)) > count_parameters(FarSeg("resnet34", 16))
