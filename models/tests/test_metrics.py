"""ECE, CECE, NLL, Brier, IoU and temperature fitting against values computed by hand."""
import math

import numpy as np
import pytest

from aerolux_models import calibration

# four pixels, two classes: confidences 0.9 (right), 0.9 (wrong), 0.6 (right), 0.7 (right)
PROBS = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.3, 0.7]])
LABELS = np.array([0, 1, 0, 1])


def test_bins_are_open_below_closed_above():
    assert calibration.bin_index([0.0])[0] == -1           # exactly 0: in no bin
    assert calibration.bin_index([1e-9])[0] == 0
    assert calibration.bin_index([1 / 15])[0] == 0         # upper edge of bin 0 belongs to bin 0
    assert calibration.bin_index([1 / 15 + 1e-12])[0] == 1
    assert calibration.bin_index([1 / 3])[0] == 4          # 5/15
    assert calibration.bin_index([0.5])[0] == 7            # 7/15 < 0.5 <= 8/15
    assert calibration.bin_index([0.6])[0] == 8            # 9/15 exactly
    assert calibration.bin_index([1.0])[0] == 14


def test_ece_by_hand():
    # bin 13 (0.9): 2 pixels, acc 0.5 -> 0.4 * 2/4; bin 8 (0.6 on the edge): |0.6 - 1| * 1/4;
    # bin 10 (0.7): |0.7 - 1| * 1/4
    assert calibration.ece(PROBS, LABELS) == pytest.approx(0.2 + 0.1 + 0.075, abs=1e-12)


def test_cece_by_hand():
    # class 0: p = .9 .9 .6 .3 vs 1 0 1 0 -> .4*.5 + .4*.25 (0.6 in bin 8) + .3*.25 = .375
    # class 1: p = .1 .1 .4 .7 vs 0 1 0 1 -> .4*.5 + .4*.25 (0.4 in bin 5) + .3*.25 = .375
    assert calibration.cece(PROBS, LABELS) == pytest.approx(0.375, abs=1e-12)


def test_cece_averages_classes_up_to_the_largest_label():
    probs = np.array([[0.1, 0.8, 0.1], [0.1, 0.8, 0.1]])
    labels = np.array([1, 1])
    # classes 0 and 1 only (max label 1): class 0 |0.1 - 0| = 0.1, class 1 |0.8 - 1| = 0.2
    assert calibration.cece(probs, labels) == pytest.approx(0.15, abs=1e-12)


def test_probability_zero_is_in_no_bin_but_counts_in_n():
    probs = np.array([[1.0, 0.0], [0.5, 0.5]])
    labels = np.array([0, 0])
    # class 1: p = 0 (no bin), 0.5 (bin 7, indicator 0): |0.5 - 0| * 1/2
    assert calibration._binned_error(probs[:, 1], labels == 1, 15) == pytest.approx(0.25)
    # CECE over class 0 only (max label 0): 1.0 (hit) and 0.5 (hit): |0.5 - 1| * 1/2
    assert calibration.cece(probs, labels) == pytest.approx(0.25, abs=1e-12)


def test_image_metrics_foreground_only_and_all():
    # 2x2 image, 3 classes, probabilities away from bin edges
    logits = np.zeros((3, 2, 2))
    logits[0, 0, 0] = math.log(6.0)     # (0,0): p = (.75, .125, .125), label 0
    logits[1, 0, 1] = math.log(6.0)     # (0,1): p = (.125, .75, .125), label 1
    logits[1, 1, 0] = math.log(6.0)     # (1,0): p = (.125, .75, .125), label 2 (wrong)
    logits[2, 1, 1] = math.log(2.0)     # (1,1): p = (.25, .25, .5), label 2
    labels = np.array([[0, 1], [2, 2]])
    m = calibration.image_metrics(logits, labels)
    assert m["foreground_pixels"] == 3 and m["pixels"] == 4
    assert m["ece_fg"] == pytest.approx(abs(0.75 - 0.5) * 2 / 3 + abs(0.5 - 1) / 3, abs=1e-9)
    assert m["ece_all"] == pytest.approx(abs(0.75 - 2 / 3) * 3 / 4 + abs(0.5 - 1) / 4, abs=1e-9)
    # foreground CECE averages classes 0..2 (background included, as the authors do)
    c0 = 0.125 * 2 / 3 + 0.25 / 3
    c1 = abs(0.75 - 0.5) * 2 / 3 + 0.25 / 3
    c2 = abs(0.125 - 0.5) * 2 / 3 + abs(0.5 - 1) / 3
    assert m["cece_fg"] == pytest.approx((c0 + c1 + c2) / 3, abs=1e-9)
    nll = -(2 * math.log(0.75) + math.log(0.125) + math.log(0.5)) / 4
    assert m["nll"] == pytest.approx(nll, abs=1e-9)
    assert m["nll_fg"] == pytest.approx(-(math.log(0.75) + math.log(0.125) + math.log(0.5)) / 3, abs=1e-9)
    brier = (2 * (0.25 ** 2 + 2 * 0.125 ** 2) + (0.125 ** 2 + 0.75 ** 2 + 0.875 ** 2)
             + (0.25 ** 2 + 0.25 ** 2 + 0.5 ** 2)) / 4
    assert m["brier"] == pytest.approx(brier, abs=1e-9)


def test_temperature_divides_logits():
    logits = np.array([[[2.0]], [[0.0]]])
    labels = np.array([[0]])
    m = calibration.image_metrics(logits, labels, temperature=2.0)
    p = 1 / (1 + math.exp(-1.0))
    assert m["nll"] == pytest.approx(-math.log(p), abs=1e-12)


def test_ignore_index_is_skipped():
    logits = np.zeros((2, 1, 3))
    labels = np.array([[1, 255, 0]])
    m = calibration.image_metrics(logits, labels)
    assert m["pixels"] == 2 and m["foreground_pixels"] == 1
    assert m["nll"] == pytest.approx(math.log(2), abs=1e-12)


def test_iou_and_miou_foreground():
    pred = np.array([0, 1, 1, 2, 2, 0])
    true = np.array([0, 1, 2, 2, 0, 0])
    cm = calibration.confusion(pred, true, 4)
    iou = calibration.iou_per_class(cm)
    assert iou[1] == pytest.approx(1 / 2)        # tp 1, union 2
    assert iou[2] == pytest.approx(1 / 3)        # tp 1, union 2 + 2 - 1
    assert math.isnan(iou[3])                    # absent everywhere
    assert calibration.miou_foreground(cm) == pytest.approx((iou[1] + iou[2]) / 2)


def test_fit_temperature_recovers_the_sampling_temperature():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, size=(40000, 4))
    p = calibration.softmax(z / 2.0, axis=1)
    y = (rng.random((40000, 1)) > np.cumsum(p, axis=1)).sum(axis=1)
    t = calibration.fit_temperature(z, y)
    assert t == pytest.approx(2.0, rel=0.05)

    def nll_at(temp):
        return -np.mean(calibration.log_softmax(z, 1, temp)[np.arange(len(y)), y])
    assert nll_at(t) <= nll_at(t * 1.02) and nll_at(t) <= nll_at(t / 1.02)


def test_average_skips_images_without_foreground():
    per = [{"ece_fg": 0.1}, {"ece_fg": float("nan")}, {"ece_fg": 0.3}]
    assert calibration.average(per, ["ece_fg"])["ece_fg"] == pytest.approx(0.2)
