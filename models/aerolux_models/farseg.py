"""FarSeg: foreground-aware relation network (Zheng et al., CVPR 2020), written for AeroLux.

Structure as published (see ../shared/docs/METHODS.md; layer details checked against the authors'
Z-Zheng/FarSeg `module/farseg.py` with Z-Zheng/SimpleCV `module/fpn.py`, and torchgeo's
`torchgeo/models/farseg.py`):

- ResNet encoder (18/34/50/101, output stride 32) giving C2..C5, built here so nothing is downloaded;
- FPN: per level a 1x1 lateral conv and a 3x3 output conv, top-down nearest x2 upsampling + add;
- foreground-scene relation: scene embedding u = GAP(C5); per level a scale-aware projection
  (1x1 -> ReLU -> 1x1), content encoder v_i and re-encoder p'_i (1x1 + BN + ReLU each),
  r_i = sigmoid(sum_c u_i * v_i), z_i = r_i * p'_i;
- light-weight decoder: 1/1/2/3 blocks of (3x3 conv no bias, BN, ReLU, bilinear x2 with
  align_corners=True; no upsampling for the stride-4 level), the four results averaged;
- head: 1x1 conv (official) or 3x3 conv (torchgeo), then bilinear x4 (align_corners=True).

`forward` returns logits; the official code applies softmax at eval time, AeroLux applies it
(with a temperature) outside the network.

Widths are parameters so that small demo models can be trained on a CPU: `base_width` scales the
ResNet (64 as published), `fpn_channels` (256) and `decoder_channels` (128).
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

BACKBONES = {
    # name: (block kind, blocks per stage)
    "resnet18": ("basic", (2, 2, 2, 2)),
    "resnet34": ("basic", (3, 4, 6, 3)),
    "resnet50": ("bottleneck", (3, 4, 6, 3)),
    "resnet101": ("bottleneck", (3, 4, 23, 3)),
}


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_ch, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = _shortcut(in_ch, planes * self.expansion, stride)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


class Bottleneck(nn.Module):
    """ResNet v1.5 bottleneck (stride on the 3x3 conv), as torchvision and SimpleCV build it."""
    expansion = 4

    def __init__(self, in_ch, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_ch, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = _shortcut(in_ch, planes * self.expansion, stride)

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        identity = x if self.downsample is None else self.downsample(x)
        return self.relu(out + identity)


def _shortcut(in_ch, out_ch, stride):
    if stride == 1 and in_ch == out_ch:
        return None
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 1, stride, bias=False), nn.BatchNorm2d(out_ch))


class ResNetEncoder(nn.Module):
    """ResNet without the classifier; returns [C2, C3, C4, C5] at strides 4, 8, 16, 32.

    Parameter names follow torchvision (conv1, bn1, layer1..4, downsample.0/1) so that official
    and torchgeo checkpoints map onto it by prefix alone.
    """

    def __init__(self, name="resnet50", base_width=64):
        super().__init__()
        if name not in BACKBONES:
            raise ValueError(f"unknown backbone {name!r}; choose one of {sorted(BACKBONES)}")
        kind, blocks = BACKBONES[name]
        block = BasicBlock if kind == "basic" else Bottleneck
        self.conv1 = nn.Conv2d(3, base_width, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(base_width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        in_ch = base_width
        self.out_channels = []
        for stage, n in enumerate(blocks):
            planes = base_width * 2 ** stage
            layers = []
            for i in range(n):
                stride = 2 if (stage > 0 and i == 0) else 1
                layers.append(block(in_ch, planes, stride))
                in_ch = planes * block.expansion
            setattr(self, f"layer{stage + 1}", nn.Sequential(*layers))
            self.out_channels.append(in_ch)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        c2 = self.layer1(x)
        c3 = self.layer2(c2)
        c4 = self.layer3(c3)
        c5 = self.layer4(c4)
        return [c2, c3, c4, c5]


class FPN(nn.Module):
    """Feature pyramid: lateral 1x1 convs, top-down nearest x2 + add, 3x3 output convs (with bias)."""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.lateral = nn.ModuleList([nn.Conv2d(c, out_channels, 1) for c in in_channels])
        self.output = nn.ModuleList([nn.Conv2d(out_channels, out_channels, 3, 1, 1) for _ in in_channels])
        for m in self.modules():
            if isinstance(m, nn.Conv2d):  # as both reference implementations initialise their FPN
                nn.init.kaiming_uniform_(m.weight, a=1)
                nn.init.constant_(m.bias, 0)

    def forward(self, feats):
        inner = self.lateral[-1](feats[-1])
        outs = [self.output[-1](inner)]
        for i in range(len(feats) - 2, -1, -1):
            inner = self.lateral[i](feats[i]) + F.interpolate(inner, scale_factor=2.0, mode="nearest")
            outs.insert(0, self.output[i](inner))
        return outs


def _conv_bn_relu_1x1(in_ch, out_ch):
    return nn.Sequential(nn.Conv2d(in_ch, out_ch, 1), nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True))


class ForegroundSceneRelation(nn.Module):
    """F-S relation with scale-aware projections (one 2-layer projection of the scene vector per level)."""

    def __init__(self, scene_channels, in_channels, out_channels):
        super().__init__()
        self.scene = nn.ModuleList([
            nn.Sequential(nn.Conv2d(scene_channels, out_channels, 1), nn.ReLU(inplace=True),
                          nn.Conv2d(out_channels, out_channels, 1))
            for _ in in_channels])
        self.content = nn.ModuleList([_conv_bn_relu_1x1(c, out_channels) for c in in_channels])
        self.reencode = nn.ModuleList([_conv_bn_relu_1x1(c, out_channels) for c in in_channels])

    def forward(self, scene_embedding, feats):
        out = []
        for proj, content, reencode, p in zip(self.scene, self.content, self.reencode, feats):
            relation = torch.sigmoid((proj(scene_embedding) * content(p)).sum(dim=1, keepdim=True))
            out.append(relation * reencode(p))
        return out


class LightweightDecoder(nn.Module):
    """Per level log2(stride/4) blocks (at least one) of 3x3 conv + BN + ReLU + bilinear x2; mean of levels."""

    def __init__(self, in_channels, out_channels, strides=(4, 8, 16, 32), out_stride=4):
        super().__init__()
        self.blocks = nn.ModuleList()
        for s in strides:
            n_up = int(math.log2(s)) - int(math.log2(out_stride))
            stages = []
            for j in range(max(n_up, 1)):
                stages.append(nn.Sequential(
                    nn.Conv2d(in_channels if j == 0 else out_channels, out_channels, 3, 1, 1, bias=False),
                    nn.BatchNorm2d(out_channels),
                    nn.ReLU(inplace=True),
                    nn.UpsamplingBilinear2d(scale_factor=2) if n_up > 0 else nn.Identity()))
            self.blocks.append(nn.Sequential(*stages))

    def forward(self, feats):
        return sum(block(f) for block, f in zip(self.blocks, feats)) / len(self.blocks)


class FarSeg(nn.Module):
    """FarSeg returning logits [N, classes, H, W]; H and W must be multiples of 32."""

    def __init__(self, backbone="resnet50", classes=16, base_width=64, fpn_channels=256,
                 decoder_channels=128, head_kernel=1):
        super().__init__()
        if head_kernel not in (1, 3):
            raise ValueError("head_kernel must be 1 (official layout) or 3 (torchgeo layout)")
        self.config = dict(backbone=backbone, classes=classes, base_width=base_width,
                           fpn_channels=fpn_channels, decoder_channels=decoder_channels,
                           head_kernel=head_kernel)
        self.backbone = ResNetEncoder(backbone, base_width)
        chans = self.backbone.out_channels
        self.fpn = FPN(chans, fpn_channels)
        self.relation = ForegroundSceneRelation(chans[-1], [fpn_channels] * 4, fpn_channels)
        self.decoder = LightweightDecoder(fpn_channels, decoder_channels)
        self.head = nn.Conv2d(decoder_channels, classes, head_kernel, 1, head_kernel // 2)

    def forward(self, x):
        feats = self.backbone(x)
        scene = F.adaptive_avg_pool2d(feats[-1], 1)
        refined = self.relation(scene, self.fpn(feats))
        logits = self.head(self.decoder(refined))
        return F.interpolate(logits, scale_factor=4.0, mode="bilinear", align_corners=True)


def build(config):
    """FarSeg from a config dict as stored in `FarSeg.config` (and in training checkpoints)."""
    return FarSeg(**config)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
