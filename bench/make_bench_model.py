"""Writes a compute-heavy conv net for the pipeline-efficiency benchmark (not committed; a few hundred KB).

    /usr/bin/python3 bench/make_bench_model.py bench/target/models/convnet.onnx

Five 3x3 convolutions of 32 channels (about 4 GFLOP per 256x256 tile): a stand-in for a FarSeg-sized model until
one exists, so that the efficiency ratio measures pipeline overhead against real model work.
"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "models"))
from aerolux_models import card  # noqa: E402


class ConvNet(torch.nn.Module):
    def __init__(self, width=32, depth=5):
        super().__init__()
        layers = [torch.nn.Conv2d(3, width, 3, padding=1), torch.nn.ReLU()]
        for _ in range(depth - 2):
            layers += [torch.nn.Conv2d(width, width, 3, padding=1), torch.nn.ReLU()]
        layers += [torch.nn.Conv2d(width, 2, 3, padding=1)]
        self.net = torch.nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x)


def main(path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.manual_seed(0)
    model = ConvNet().eval()
    torch.onnx.export(model, torch.zeros(1, 3, 64, 64), path, opset_version=17, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "N", 2: "H", 3: "W"},
                                                             "output": {0: "N", 2: "H", 3: "W"}})
    card.write_card(path, {
        "aerolux.model_type": "segmentation", "aerolux.name": "convnet-bench", "aerolux.version": "1",
        "aerolux.classes": [{"name": "a", "color": "#000000"}, {"name": "b", "color": "#ffffff"}],
        "aerolux.input_bands": ["red", "green", "blue"], "aerolux.scale": 255.0, "aerolux.mean": [0.5] * 3,
        "aerolux.std": [0.25] * 3, "aerolux.tile_size": 256, "aerolux.overlap": 32, "aerolux.size_multiple": 8,
        "aerolux.output": "logits", "aerolux.temperature": 1.0, "aerolux.resolution_m": 0.5,
        "aerolux.license": "CC0-1.0", "aerolux.training": "untrained benchmark network (receptive field 11)"})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "bench/target/models/convnet.onnx")
