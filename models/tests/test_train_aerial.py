"""train_aerial.py's crop sampler keeps images and labels aligned and reaches rare classes."""
import numpy as np
import torch

import train_aerial
from aerolux_models import training

PALETTE = np.array([[10, 20, 30], [200, 40, 40], [40, 200, 40], [40, 40, 200], [220, 220, 20]], np.uint8)


def _items(rng):
    items = []
    for i in range(3):
        labels = np.zeros((300, 340), np.uint8)
        labels[50:90, 60:100] = 1 + i % 4         # small patches of a rarer class
        labels[200:210, :] = 4
        labels[0:5, 0:5] = 255
        image = PALETTE[np.where(labels == 255, 0, labels)]
        items.append((f"synthetic{i}", image, labels))
    return items


def test_crops_keep_image_and_labels_aligned_under_flips_and_rotations():
    rng = np.random.default_rng(0)
    crops = train_aerial.AerialCrops(_items(rng), 64, rng, balanced=0.5, scale_range=(1.0, 1.0), colour=0.0)
    want = training.normalise(PALETTE[None]).numpy()[:, 0, :]  # (3, classes): the normalised colour of each class
    seen = set()
    for _ in range(40):
        x, y = crops.one()
        assert x.shape == (3, 64, 64) and y.shape == (64, 64)
        lab = y.numpy()
        for k in np.unique(lab):
            colour = x.numpy()[:, lab == k]
            ref = want[:, 0 if k == 255 else k]
            np.testing.assert_allclose(colour, np.repeat(ref[:, None], colour.shape[1], 1), atol=1e-5)
            seen.add(int(k))
    assert {1, 2, 3, 4} <= seen, f"class-balanced crops reach the rare classes: {seen}"


def test_batches_are_deterministic_for_a_seed():
    a = train_aerial.AerialCrops(_items(None), 64, np.random.default_rng(7)).batch(3)
    b = train_aerial.AerialCrops(_items(None), 64, np.random.default_rng(7)).batch(3)
    assert torch.equal(a[0], b[0]) and torch.equal(a[1], b[1])
    assert set(np.unique(a[1].numpy())) <= {0, 1, 2, 3, 4, 255}
