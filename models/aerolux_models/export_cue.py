"""Exports CUE enhancers to ONNX with an AeroLux model card; converts official CUE checkpoints.

    # the demo model, its registry entry and parity fixtures (run inside models/)
    /usr/bin/python3 -m aerolux_models.export_cue --checkpoint build/cue/cue-demo.pt --output cue-demo.onnx \
        --register --fixtures
    # the authors' weights (github.com/zheng980629/CUE, pretrained_model/enhanceNet.pth)
    /usr/bin/python3 -m aerolux_models.export_cue --official enhanceNet.pth --output cue-lol.onnx --name cue-lol \
        --license "<the weights' terms>"

ONNX: opset 17, input `input` [N,3,H,W] RGB in [0,1], output `output` [N,3,H,W] unclamped, N/H/W dynamic
(H and W multiples of 4). rfft2/irfft2 become ONNX DFT nodes (see cue.py).
"""
import argparse
import inspect
import json
import os
import re
import warnings

import numpy as np
import onnx
import torch
import torch.nn.functional as F

from . import card, cue_data, fixtures, registry
from .cue import SIZE_MULTIPLE, CUENet

MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ----------------------------------------------------------------------------------------------------------
# Official checkpoint layout -> ours
# ----------------------------------------------------------------------------------------------------------

#: Official keys without a counterpart: the multiplicative modulation branch is built but unused in the
#: authors' forward pass (`illu * modulation_mul(...)` is commented out), so it is dropped.
OFFICIAL_UNUSED = re.compile(r"^model_illu\.modulation_mul\.")

#: Ordered rewrite rules from the official names (LearnablePriorEnhanceNet) to CUENet's.
_RULES = [
    (r"^model_illu\.L_learnedPrior\.", "illumination_prior."),
    (r"^model_illu\.modulation_add\.", "illumination_modulation."),
    (r"^model_refl\.prox\.basic_unit\.", "reflectance_prox."),
    (r"^model_noise\.prox\.basic_unit\.", "noise_prox."),
    (r"^adjustIllu_model\.", "illumination_adjust."),
    (r"^restoraRefl_model\.", "reflectance_restore."),
    # illumination prior U-Net
    (r"^illumination_prior\.convpre\.", "illumination_prior.stem."),
    (r"^illumination_prior\.conv([123])\.", r"illumination_prior.enc\1."),
    (r"^illumination_prior\.Global\.", "illumination_prior.global_context."),
    (r"^illumination_prior\.context_g\.", "illumination_prior.context_fuse."),
    (r"^illumination_prior\.context([12])\.", r"illumination_prior.dec\1."),
    (r"^illumination_prior\.conv_last\.", "illumination_prior.head."),
    (r"\.conv_du\.", ".squeeze."),
    # InteractNet
    (r"^(illumination_adjust|reflectance_restore)\.extract\.", r"\1.head."),
    (r"^(illumination_adjust|reflectance_restore)\.recons\.", r"\1.tail."),
    (r"^(illumination_adjust|reflectance_restore)\.process\.", r"\1.body."),
    (r"\.body\.conv0\.", ".body.conv_in."),
    (r"\.body\.conv([12])\.", r".body.enc\1."),
    (r"\.body\.downsample([12])\.", r".body.down\1."),
    (r"\.body\.conv3\.", ".body.bottleneck."),
    (r"\.body\.conv4\.", ".body.dec2."),
    (r"\.body\.conv5\.", ".body.dec1."),
    (r"\.body\.convout\.", ".body.conv_out."),
    (r"\.spa\.", ".spatial."),
    (r"\.cha\.", ".channel."),
    (r"\.spatial_process\.block\.F\.", ".inv.f."),
    (r"\.spatial_process\.block\.G\.", ".inv.g."),
    (r"\.spatial_process\.block\.H\.", ".inv.h."),
    (r"\.frequency_process\.processreal\.", ".freq_real."),
    (r"\.frequency_process\.processimag\.", ".freq_imag."),
    (r"\.frequency_spatial\.", ".freq_out."),
    (r"\.cat\.", ".merge."),
    # conv blocks
    (r"\.identity\.", ".skip."),
    (r"\.conv_1\.", ".conv1."),
    (r"\.conv_2\.", ".conv2."),
]


def official_key_to_ours(key):
    """Our name for an official key, or None for a key we drop on purpose (OFFICIAL_UNUSED)."""
    if OFFICIAL_UNUSED.search(key):
        return None
    for pattern, repl in _RULES:
        key = re.sub(pattern, repl, key)
    return key


def convert_official_state_dict(official, model=None):
    """Maps an official LearnablePriorEnhanceNet state dict onto CUENet's, strictly.

    Every official key must map to a distinct CUENet key of the same shape (or be in OFFICIAL_UNUSED), and
    every CUENet key must be covered; otherwise ValueError lists what is missing, unexpected or misshapen.
    """
    model = model or CUENet()
    expected = model.state_dict()
    out, unexpected, misshapen = {}, [], []
    for key, value in official.items():
        ours = official_key_to_ours(key)
        if ours is None:
            continue
        if ours not in expected or ours in out:
            unexpected.append(key)
        elif tuple(expected[ours].shape) != tuple(value.shape):
            misshapen.append(f"{key} {tuple(value.shape)} -> {ours} {tuple(expected[ours].shape)}")
        else:
            out[ours] = value
    missing = sorted(set(expected) - set(out))
    if missing or unexpected or misshapen:
        raise ValueError("not an official CUE (LearnablePriorEnhanceNet) checkpoint: "
                         f"missing {missing[:5]}{'...' if len(missing) > 5 else ''} ({len(missing)}), "
                         f"unexpected {unexpected[:5]} ({len(unexpected)}), misshapen {misshapen[:5]}")
    return out


def _load(path):
    """torch.load of tensors and plain containers only (weights_only where this torch has it)."""
    if "weights_only" in inspect.signature(torch.load).parameters:
        return torch.load(path, map_location="cpu", weights_only=True)
    return torch.load(path, map_location="cpu")


def load_official(path, param_key="params_ema"):
    """CUENet with the weights of an official checkpoint ({'params', 'params_ema'} or a bare state dict)."""
    ckpt = _load(path)
    if isinstance(ckpt, dict) and param_key in ckpt:
        ckpt = ckpt[param_key]
    elif isinstance(ckpt, dict) and "params" in ckpt:
        ckpt = ckpt["params"]
    model = CUENet()
    model.load_state_dict(convert_official_state_dict(ckpt, model), strict=True)
    return model.eval()


def load_demo(path):
    """CUENet with the EMA weights of a train_cue checkpoint, and the checkpoint's info dict."""
    ckpt = _load(path)
    model = CUENet()
    model.load_state_dict(ckpt["model"], strict=True)
    return model.eval(), json.loads(ckpt.get("info_json", "{}"))


# ----------------------------------------------------------------------------------------------------------
# ONNX export
# ----------------------------------------------------------------------------------------------------------

def default_card(name="cue-demo", version="1", license_="MIT", training="", activation_bytes=None):
    c = {
        "aerolux.model_type": "enhancement",
        "aerolux.name": name,
        "aerolux.version": version,
        "aerolux.input_bands": ["red", "green", "blue"],
        "aerolux.scale": 1.0,
        "aerolux.mean": [0.0, 0.0, 0.0],
        "aerolux.std": [1.0, 1.0, 1.0],
        "aerolux.tile_size": 1024,
        "aerolux.overlap": 256,
        "aerolux.size_multiple": SIZE_MULTIPLE,
        "aerolux.output": "image",
        "aerolux.temperature": 1.0,
        "aerolux.resolution_m": 0.0,
        "aerolux.license": license_,
        "aerolux.training": training,
    }
    if activation_bytes is not None:
        c["aerolux.activation_bytes_per_pixel"] = int(activation_bytes)
    return c


def export_graph(module, sample, path):
    """torch.onnx.export at opset 17 with `input`/`output` and dynamic N/H/W (TorchScript exporter)."""
    kwargs = dict(opset_version=17, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "N", 2: "H", 3: "W"}, "output": {0: "N", 2: "H", 3: "W"}},
                  do_constant_folding=True)
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False  # torch >= 2.5: the DFT symbolics live in the TorchScript exporter
    with torch.no_grad(), warnings.catch_warnings():
        # torch 1.13 flags g.op inside autograd.Function symbolics as deprecated; later versions pass a
        # GraphContext with the same op() instead
        warnings.simplefilter("ignore", FutureWarning)
        torch.onnx.export(module.eval(), (sample,), path, **kwargs)
    return path


def export_onnx(model, path, model_card, sample_hw=(64, 96)):
    """Exports with dynamic N/H/W, writes the card, checks the file with onnx.checker."""
    export_graph(model, torch.rand(1, 3, *sample_hw), path)
    m = onnx.load(path)
    m.producer_name = "aerolux-models"
    m.doc_string = "CUE low-light enhancer (Zheng et al., ICCV 2023); input RGB in [0,1], H and W multiples of 4"
    card.set_card(m, model_card)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return path


def op_types(path_or_model):
    m = onnx.load(path_or_model) if isinstance(path_or_model, str) else path_or_model
    return {n.op_type for n in m.graph.node}


# ----------------------------------------------------------------------------------------------------------
# Parity fixtures
# ----------------------------------------------------------------------------------------------------------

#: mirrored margin on every side of a whole-image run: AeroLux's ModePlanner.BORDER_MARGIN
BORDER_MARGIN = 32


def mirror_indices(n, before, after):
    """Indices into an axis of n pixels for the positions -before .. n+after-1, mirrored without repeating the edge
    pixel and folded as often as needed (ImgLib2's Views.extendMirrorSingle; numpy's 'reflect')."""
    i = torch.arange(-before, n + after)
    if n == 1:
        return torch.zeros_like(i)
    period = 2 * (n - 1)
    i = torch.remainder(i, period)
    return torch.where(i < n, i, period - i)


def pad_for_whole_run(x, multiple=SIZE_MULTIPLE, margin=BORDER_MARGIN):
    """Mirror-extends [N,C,H,W] by `margin` on every side, plus the rounding of each extent + 2 margin up to a
    multiple of `multiple` at the bottom and right: the window of AeroLux's whole-image pass. Returns
    (padded, (top, bottom, left, right))."""
    h, w = x.shape[-2:]
    bottom = (-(h + 2 * margin)) % multiple + margin
    right = (-(w + 2 * margin)) % multiple + margin
    rows = mirror_indices(h, margin, bottom)
    cols = mirror_indices(w, margin, right)
    return x[..., rows, :][..., cols], (margin, bottom, margin, right)


def run_padded(model, x):
    """The model's output for x as AeroLux's whole-image pass computes it: mirror-extend, run, crop back."""
    padded, (top, bottom, left, right) = pad_for_whole_run(x)
    with torch.no_grad():
        y = model(padded)
    return y[..., top:top + x.shape[-2], left:left + x.shape[-1]], (top, bottom, left, right)


FIXTURE_CASES = (
    # name, crop h, crop w, batch
    ("lowlight_96x128", 96, 128, 1),
    ("odd_75x130", 75, 130, 1),
    ("batch2_64x80", 64, 80, 2),
)

SAMPLES_DIR = os.path.join(os.path.dirname(MODELS_DIR), "samples")


def synthetic_low_light_images(seed=4242):
    """Project-owned synthetic inputs (nothing from ../shared/data): samples/lowlight.png as it is (a rendered
    indoor scene shot with 1/12 of the light), and samples/scene.tif (the synthetic aerial scene) darkened by
    lowlight_synthesis at exposure 1/20."""
    from PIL import Image

    from . import lowlight_synthesis
    with Image.open(os.path.join(SAMPLES_DIR, "lowlight.png")) as im:
        indoor = np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0
    with Image.open(os.path.join(SAMPLES_DIR, "scene.tif")) as im:
        aerial = np.asarray(im.convert("RGB"), dtype=np.float32)[:512, :512] / 255.0
    rng = np.random.default_rng(seed)
    dark_aerial, _ = lowlight_synthesis.synthesize(aerial, rng, exposure=1.0 / 20.0)
    return [indoor, dark_aerial]


def write_fixtures(model, model_name, root=fixtures.FIXTURES_DIR, seed=4242):
    """Crops of the synthetic low-light images, and PyTorch's outputs through the whole-image padding rule."""
    images = synthetic_low_light_images(seed)
    written = []
    for ci, (case, h, w, n) in enumerate(FIXTURE_CASES):
        xs = []
        for b in range(n):
            rng = np.random.default_rng([seed, ci, b])
            image = images[(ci + b) % len(images)]
            top = int(rng.integers(0, image.shape[0] - h + 1))
            left = int(rng.integers(0, image.shape[1] - w + 1))
            xs.append(torch.from_numpy(np.ascontiguousarray(image[top:top + h, left:left + w].transpose(2, 0, 1))))
        x = torch.stack(xs)
        y, (pt, pb, pl, pr) = run_padded(model, x)
        extra = {"tolerance": 1e-3, "output_clamped": False,
                 "source": "synthetic: samples/lowlight.png and samples/scene.tif darkened by lowlight_synthesis",
                 "padding": {"mode": "reflect (mirror without repeating the edge pixel) = ImgLib2 "
                                     "Views.extendMirrorSingle", "top": pt, "bottom": pb, "left": pl, "right": pr,
                             "padded_shape": [n, 3, h + pt + pb, w + pl + pr],
                             "rule": f"mirror {BORDER_MARGIN} px on every side, round each extent up to a multiple "
                                     "of 4 at the bottom/right, run, crop back to the input"}}
        written.append(fixtures.write_fixture(model_name, case, x.numpy(), y.numpy(), extra=extra, root=root))
    return written


# ----------------------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------------------

def lowlight_training_text(info):
    """The card's aerolux.training for a train_cue_lowlight checkpoint: data named, recipe, steps."""
    n = {s: len(v) for s, v in info["train_images"].items()}
    cfg = info.get("config", {})
    return ("CUE (the authors' architecture and losses) trained by AeroLux on realistic synthetic low-light pairs "
            "(linear light, exposure 1/50-1/3, Poisson shot + read noise in electrons, white-balance error, sRGB, JPEG) "
            f"from {n.get('kodak', 0)} Kodak Lossless True Color Image Suite photographs (kodim*), "
            f"{n.get('natural', 0)} scikit-image sample photographs and {n.get('dubai', 0)} Dubai aerial images "
            "(MBRSC imagery, Humans in the Loop dataset, CC0; tiles 1-6); initialised from cue-demo; "
            f"{info.get('steps_done', '?')} steps, batch {cfg.get('batch', '?')}, crop {cfg.get('crop', '?')}, "
            f"{info.get('timings_s', {}).get('total_s', 0) / 60:.0f} min on 1 CPU thread; see models/cue-lowlight.md")


def main(argv=None):
    p = argparse.ArgumentParser(description="Export a CUE checkpoint to ONNX with an AeroLux model card")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="a cue-demo checkpoint written by train_cue")
    src.add_argument("--official", help="an official CUE checkpoint (enhanceNet.pth)")
    p.add_argument("--param-key", default="params_ema", help="official checkpoints: params_ema or params")
    p.add_argument("--output", required=True)
    p.add_argument("--name", default="cue-demo")
    p.add_argument("--version", default="1")
    p.add_argument("--license", default=None)
    p.add_argument("--training", default=None)
    p.add_argument("--activation-bytes-per-pixel", type=int, default=None)
    p.add_argument("--description", default="CUE low-light enhancer (demo weights, synthetic pairs)",
                   help="the registry entry's description")
    p.add_argument("--register", action="store_true", help="add/replace the entry in models/registry.json")
    p.add_argument("--fixtures", action="store_true", help="write models/fixtures/<name>/")
    args = p.parse_args(argv)
    torch.set_num_threads(1)

    if args.checkpoint:
        model, info = load_demo(args.checkpoint)
        t = info.get("timings_s", {})
        training = args.training or (lowlight_training_text(info) if isinstance(info.get("train_images"), dict) else None) or (
            "CUE trained by AeroLux on synthetic low/normal-light pairs (gamma, scale, Poisson-Gaussian noise) "
            f"from {len(info.get('train_images', []))} scikit-image photographs, "
            f"{info.get('config', {}).get('steps', '?')} steps, crop {info.get('config', {}).get('crop', '?')}, "
            f"{t.get('total_s', 0) / 60:.0f} min on {info.get('threads', '?')} CPU thread(s); a demo, not for real work")
        license_ = args.license or "MIT"
    else:
        if not args.license:
            # github.com/zheng980629/CUE ships no licence file: whoever converts the weights states their terms
            raise SystemExit("give the terms of the official weights with --license")
        model = load_official(args.official, args.param_key)
        training = args.training or "official CUE weights (zheng980629/CUE, trained on LOL), converted by AeroLux"
        license_ = args.license
    c = default_card(args.name, args.version, license_, training, args.activation_bytes_per_pixel)
    export_onnx(model, args.output, c)
    size = os.path.getsize(args.output)
    print(f"wrote {args.output} ({size / 1e6:.2f} MB), ops: {sorted(op_types(args.output))}")
    if args.register:
        entry = registry.register(args.name, args.output, "enhancement", c,
                                  description=args.description)
        print("registered", json.dumps(entry))
    if args.fixtures:
        for meta in write_fixtures(model, args.name):
            print("fixture", meta["case"], meta["input_shape"])


if __name__ == "__main__":
    main()
