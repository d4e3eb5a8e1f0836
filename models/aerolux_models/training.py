"""Training of the demo FarSeg models on synthetic scenes, whole-scene inference, temperature fitting."""
import math
import time

import numpy as np
import torch

from . import calibration, losses, scenes
from .farseg import FarSeg

#: Normalisation (raw / SCALE - MEAN) / STD, FarSeg's iSAID values (ImageNet statistics) on the 0..1 scale.
SCALE = 255.0
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

#: The demo architecture: ResNet-18 at a quarter of the published widths.
DEMO_CONFIG = dict(backbone="resnet18", classes=len(scenes.CLASSES), base_width=16, fpn_channels=64,
                   decoder_channels=32, head_kernel=1)


def parse_seeds(text):
    """'1000-1047' or '1,2,5-7' to a list of ints."""
    out = []
    for part in str(text).split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        elif part.strip():
            out.append(int(part))
    return out


def normalise(image_hwc_uint8):
    """(H, W, 3) uint8 RGB to the (3, H, W) float32 tensor the model sees."""
    x = torch.from_numpy(np.ascontiguousarray(image_hwc_uint8)).permute(2, 0, 1).to(torch.float32) / SCALE
    mean = torch.tensor(MEAN, dtype=torch.float32)[:, None, None]
    std = torch.tensor(STD, dtype=torch.float32)[:, None, None]
    return (x - mean) / std


class SceneCrops:
    """Random crops with flips and 90-degree rotations from a fixed list of pre-generated scenes."""

    def __init__(self, scene_list, crop, rng):
        self.images = [normalise(s.image) for s in scene_list]
        self.labels = [torch.from_numpy(s.labels.astype(np.int64)) for s in scene_list]
        self.crop = crop
        self.rng = rng

    def batch(self, size):
        xs, ys = [], []
        for _ in range(size):
            i = int(self.rng.integers(len(self.images)))
            x, y = self.images[i], self.labels[i]
            h, w = y.shape
            top = int(self.rng.integers(0, h - self.crop + 1))
            left = int(self.rng.integers(0, w - self.crop + 1))
            x = x[:, top:top + self.crop, left:left + self.crop]
            y = y[top:top + self.crop, left:left + self.crop]
            if self.rng.random() < 0.5:
                x, y = x.flip(-1), y.flip(-1)
            if self.rng.random() < 0.5:
                x, y = x.flip(-2), y.flip(-2)
            k = int(self.rng.integers(4))
            x, y = torch.rot90(x, k, (-2, -1)), torch.rot90(y, k, (-2, -1))
            xs.append(x)
            ys.append(y)
        return torch.stack(xs).contiguous(), torch.stack(ys).contiguous()


def poly_lr(base, step, total, power=0.9):
    return base * (1.0 - step / total) ** power


#: The losses a FarSeg can be trained with: name -> (CE weight, foreground-aware weight).
#: "fa" is the official FarSeg form (the default); "ce+fa" is what the demo models used; "ce" is the plain baseline.
LOSSES = {"fa": (0.0, 1.0), "ce+fa": (1.0, 1.0), "ce": (1.0, 0.0)}


def loss_name(ce_weight, fa_weight, nacl_lambda):
    """A readable name of the loss, e.g. 'foreground-aware + 0.03 * NACL(mean 3x3, L1)'."""
    parts = []
    if ce_weight:
        parts.append("CE" if ce_weight == 1 else f"{ce_weight:g} * CE")
    if fa_weight:
        parts.append("foreground-aware" if fa_weight == 1 else f"{fa_weight:g} * foreground-aware")
    if nacl_lambda > 0:
        parts.append(f"{nacl_lambda:g} * NACL(mean 3x3, L1)")
    return " + ".join(parts)


def demo_loss(logits, target, step, anneal_steps, ce_weight=0.0, nacl_lambda=0.0, fa_weight=1.0):
    """ce_weight * CE + fa_weight * foreground-aware loss + nacl_lambda * NACL penalty (mean kernel 3x3, L1).

    The default (ce_weight 0, fa_weight 1) is the official FarSeg loss, the foreground-aware loss alone.
    Labels IGNORE_INDEX (255) are left out of every term. Returns (loss, ce, fa, penalty); the penalty is 0 without NACL.
    """
    fa = losses.foreground_aware_loss(logits, target, step, anneal_steps)
    ce = torch.nn.functional.cross_entropy(logits, target, ignore_index=losses.IGNORE_INDEX)
    loss = ce_weight * ce + fa_weight * fa
    pen = torch.zeros(())
    if nacl_lambda > 0:
        pen = losses.nacl_penalty(logits, target, kernel="mean", size=3, distance="l1")
        loss = loss + nacl_lambda * pen
    return loss, ce, fa, pen


def train(model, train_scenes, iterations, batch=4, crop=256, lr=2e-3, weight_decay=1e-4,
          anneal_steps=None, nacl_lambda=0.0, ce_weight=0.0, seed=0, log=print, log_every=50, fa_weight=1.0):
    """Trains in place with ce_weight * CE + fa_weight * the foreground-aware loss (+ lambda * NACL mean-kernel L1
    penalty); the default is the official FarSeg loss (foreground-aware alone).

    Returns a dict of training facts (wall time, final losses).
    """
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    data = SceneCrops(train_scenes, crop, rng)
    anneal_steps = anneal_steps or max(1, iterations // 6)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    model.train()
    start, cpu_start = time.time(), time.process_time()
    running = {"loss": 0.0, "ce": 0.0, "fa": 0.0, "nacl": 0.0}
    for step in range(1, iterations + 1):
        for g in opt.param_groups:
            g["lr"] = poly_lr(lr, step - 1, iterations)
        x, y = data.batch(batch)
        logits = model(x)
        loss, ce, fa, pen = demo_loss(logits, y, step, anneal_steps, ce_weight, nacl_lambda, fa_weight)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 35.0)
        opt.step()
        running["loss"] += loss.item()
        running["ce"] += ce.item()
        running["fa"] += fa.item()
        running["nacl"] += pen.item()
        if step % log_every == 0 or step == iterations:
            n = log_every if step % log_every == 0 else step % log_every
            log(f"step {step}/{iterations} loss {running['loss'] / n:.4f} ce {running['ce'] / n:.4f} "
                f"fa {running['fa'] / n:.4f} "
                f"nacl {running['nacl'] / n:.4f} lr {opt.param_groups[0]['lr']:.2e} "
                f"elapsed {time.time() - start:.0f}s")
            running = {k: 0.0 for k in running}
    model.eval()
    return {"iterations": iterations, "batch": batch, "crop": crop, "lr": lr, "weight_decay": weight_decay,
            "anneal_steps": anneal_steps, "nacl_lambda": nacl_lambda, "ce_weight": ce_weight, "fa_weight": fa_weight,
            "seed": seed,
            "train_seconds": time.time() - start, "train_cpu_seconds": time.process_time() - cpu_start}


def mirror_index(length, n):
    """Indices 0..length-1 folded into 0..n-1 by mirroring without repeating the edge pixel
    (ImgLib2 Views.extendMirrorSingle, numpy 'reflect'), also when length exceeds 2n."""
    if n == 1:
        return torch.zeros(length, dtype=torch.long)
    i = torch.arange(length) % (2 * n - 2)
    return torch.where(i < n, i, 2 * n - 2 - i)


def pad_to_multiple(x, multiple=32):
    """Mirror-pads an NCHW tensor at the bottom/right up to the next multiple (extendMirrorSingle)."""
    h, w = x.shape[-2:]
    ph, pw = (-h) % multiple, (-w) % multiple
    if ph == 0 and pw == 0:
        return x
    x = x.index_select(-2, mirror_index(h + ph, h))
    return x.index_select(-1, mirror_index(w + pw, w))


@torch.no_grad()
def predict_logits(model, image_hwc_uint8, multiple=32):
    """Whole-image inference: normalise, reflect-pad bottom/right to a multiple of 32, run, crop back.

    Returns float32 logits (C, H, W) as numpy.
    """
    model.eval()
    x = normalise(image_hwc_uint8)[None]
    h, w = x.shape[-2:]
    out = model(pad_to_multiple(x, multiple))[..., :h, :w]
    return out[0].numpy()


def evaluate(model, scene_list, temperatures=(1.0,), bins=15):
    """Per-scene calibration metrics at each temperature, plus dataset mIoU from the summed confusion."""
    classes = len(scenes.CLASSES)
    per_t = {t: [] for t in temperatures}
    cm = np.zeros((classes, classes), np.int64)
    for s in scene_list:
        z = predict_logits(model, s.image)
        cm += calibration.confusion(z.argmax(0), s.labels, classes)
        for t in temperatures:
            m = calibration.image_metrics(z, s.labels, bins=bins, temperature=t)
            m["miou_fg"] = calibration.miou_foreground(calibration.confusion(z.argmax(0), s.labels, classes))
            m["seed"] = s.seed
            per_t[t].append(m)
    return per_t, cm


def fit_scene_temperature(model, scene_list):
    """Temperature minimising NLL over all pixels of the given scenes (whole-scene inference)."""
    zs, ys = [], []
    for s in scene_list:
        z = predict_logits(model, s.image)
        zs.append(z.reshape(z.shape[0], -1).T)
        ys.append(s.labels.reshape(-1))
    return calibration.fit_temperature(np.concatenate(zs), np.concatenate(ys))


def new_demo_model(seed=0):
    torch.manual_seed(seed)
    return FarSeg(**DEMO_CONFIG)


def set_threads(n):
    torch.set_num_threads(int(n))
    # a second set_num_interop_threads aborts the process (c10::Error), even with the same value
    if torch.get_num_interop_threads() != 1:
        try:
            torch.set_num_interop_threads(1)
        except RuntimeError:
            pass
