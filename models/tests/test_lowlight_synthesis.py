"""Statistics of the cue-lowlight low-light synthesis on synthetic inputs (uniform fields, grey ramps).

Oracles: the sRGB standard's published points, Poisson + Gaussian moments (mean k L, variance k L / S + (r / S)^2 on
the linear scale), the log-uniform law of the exposure, and the white-balance gains as channel ratios.
"""
import math

import numpy as np
import pytest

from aerolux_models import lowlight_synthesis as ls


def test_srgb_curve_matches_the_standard_and_round_trips():
    assert ls.srgb_to_linear(0.5) == pytest.approx(0.21404, abs=1e-5)
    assert ls.srgb_to_linear(0.04045) == pytest.approx(0.04045 / 12.92)
    assert ls.linear_to_srgb(0.0031308) == pytest.approx(0.0031308 * 12.92)
    assert ls.linear_to_srgb(1.0) == pytest.approx(1.0)
    x = np.linspace(0, 1, 1001)
    assert np.abs(ls.linear_to_srgb(ls.srgb_to_linear(x)) - x).max() < 1e-9


@pytest.mark.parametrize("level,exposure,electrons,read", [(0.5, 1 / 10, 2000.0, 3.0), (0.4, 1 / 20, 800.0, 2.0),
                                                           (0.9, 1 / 3, 12000.0, 1.0)])
def test_sensor_noise_is_poisson_plus_read_noise_in_electrons(level, exposure, electrons, read):
    """Levels high enough above black that the clip at 0 does not bias the moments."""
    rng = np.random.default_rng(1)
    linear = np.full((256, 256, 3), level)
    out = ls.sensor_capture(linear, exposure, electrons, read, [1.0, 1.0, 1.0], rng)
    mean = level * exposure
    var = mean / electrons + (read / electrons) ** 2
    assert out.mean() == pytest.approx(mean, rel=0.01)
    assert out.var() == pytest.approx(var, rel=0.03)


def test_noise_grows_with_the_signal_but_slower_so_darker_is_relatively_noisier():
    rng = np.random.default_rng(2)
    snr = []
    for level in (0.05, 0.2, 0.8):
        out = ls.sensor_capture(np.full((128, 128, 3), level), 0.1, 2000.0, 0.0, [1, 1, 1], rng)
        snr.append(out.mean() / out.std())
    assert snr[0] < snr[1] < snr[2]
    # shot-noise only: SNR = sqrt(k L S), so quadrupling the level doubles it
    assert snr[1] / snr[0] == pytest.approx(2.0, rel=0.05) and snr[2] / snr[1] == pytest.approx(2.0, rel=0.05)


def test_exposure_is_log_uniform_over_1_50_to_1_3():
    rng = np.random.default_rng(3)
    logs = np.log([ls.draw_parameters(rng)["exposure"] for _ in range(4000)])
    lo, hi = math.log(1 / 50), math.log(1 / 3)
    assert logs.min() >= lo and logs.max() <= hi
    assert logs.min() < lo + 0.05 and logs.max() > hi - 0.05
    quartiles = np.quantile(logs, [0.25, 0.5, 0.75])
    assert quartiles == pytest.approx([lo + (hi - lo) * q for q in (0.25, 0.5, 0.75)], abs=0.06)


def test_parameter_draws_cover_white_balance_and_jpeg_at_their_rates():
    rng = np.random.default_rng(4)
    draws = [ls.draw_parameters(rng) for _ in range(2000)]
    wb = [d for d in draws if d["wb_gains"] != [1.0, 1.0, 1.0]]
    jpeg = [d["jpeg_quality"] for d in draws if d["jpeg_quality"] is not None]
    assert len(wb) / len(draws) == pytest.approx(ls.WB_PROBABILITY, abs=0.04)
    assert len(jpeg) / len(draws) == pytest.approx(ls.JPEG_PROBABILITY, abs=0.04)
    assert all(d["wb_gains"][1] == 1.0 for d in wb)
    gains = np.array([[d["wb_gains"][0], d["wb_gains"][2]] for d in wb])
    assert gains.min() >= math.exp(-ls.WB_LOG_GAIN) and gains.max() <= math.exp(ls.WB_LOG_GAIN)
    assert min(jpeg) >= ls.JPEG_QUALITY[0] and max(jpeg) <= ls.JPEG_QUALITY[1]
    e = np.array([d["full_scale_electrons"] for d in draws])
    assert e.min() >= ls.FULL_SCALE_ELECTRONS[0] and e.max() <= ls.FULL_SCALE_ELECTRONS[1]


def test_white_balance_gains_scale_the_linear_channels():
    rng = np.random.default_rng(5)
    grey = np.full((128, 128, 3), 0.6)
    params = {"exposure": 0.25, "full_scale_electrons": 1e6, "read_noise_electrons": 0.0,
              "wb_gains": [1.2, 1.0, 0.85], "jpeg_quality": None}
    low, _ = ls.synthesize(grey, rng, params=params)
    lin = ls.srgb_to_linear(low).reshape(-1, 3).mean(axis=0)
    assert lin[0] / lin[1] == pytest.approx(1.2, rel=0.02) and lin[2] / lin[1] == pytest.approx(0.85, rel=0.02)
    assert lin[1] == pytest.approx(ls.srgb_to_linear(0.6) * 0.25, rel=0.02)


def test_synthesis_darkens_in_linear_light_not_by_a_gamma():
    """Mid-grey at exposure k lands at srgb(k * linear(0.5)), not 0.5 ** gamma; outputs are 8-bit values."""
    rng = np.random.default_rng(6)
    ramp = np.tile(np.linspace(0, 1, 256)[None, :, None], (64, 1, 3))
    for k in (1 / 50, 1 / 10, 1 / 3):
        params = {"exposure": k, "full_scale_electrons": 1e7, "read_noise_electrons": 0.0, "wb_gains": [1, 1, 1],
                  "jpeg_quality": None}
        low, _ = ls.synthesize(ramp, rng, params=params)
        assert low.dtype == np.float32 and low.min() >= 0 and low.max() <= 1
        assert np.allclose(low * 255, np.round(low * 255), atol=1e-4)
        expected = ls.linear_to_srgb(k * ls.srgb_to_linear(ramp))
        assert np.abs(low - expected).max() <= 0.6 / 255 + 1e-3
        assert low.mean() < ramp.mean()


def test_jpeg_and_determinism():
    img = np.random.default_rng(7).random((64, 64, 3)) * 0.5 + 0.25
    a, pa = ls.synthesize(img, np.random.default_rng(8), exposure=0.1)
    b, pb = ls.synthesize(img, np.random.default_rng(8), exposure=0.1)
    assert np.array_equal(a, b) and pa == pb
    params = dict(pa, jpeg_quality=60)
    raw, _ = ls.synthesize(img, np.random.default_rng(9), params=dict(pa, jpeg_quality=None))
    jpg, _ = ls.synthesize(img, np.random.default_rng(9), params=params)
    assert not np.array_equal(raw, jpg)
    assert abs(raw.mean() - jpg.mean()) < 0.01  # compression, not a different picture


@pytest.mark.real_data
def test_corpus_holds_out_images_of_every_source(shared_data):
    from aerolux_models import cue_corpus
    for source, held in cue_corpus.HELD_OUT.items():
        names = set(cue_corpus.source_paths(source, str(shared_data)))
        assert set(held) <= names, source
        assert len(names - set(held)) >= 4, source
    corpus = {s: [(n, np.zeros((160, 160, 3), np.uint8))] for s, n in
              [("kodak", "kodim01.png"), ("natural", "astronaut.png"), ("dubai", "tile1/image_part_001.jpg")]}
    seen = {cue_corpus.make_pair(corpus, 128, np.random.default_rng([1, i]))[2]["source"] for i in range(60)}
    assert seen == set(cue_corpus.SOURCE_WEIGHTS)
