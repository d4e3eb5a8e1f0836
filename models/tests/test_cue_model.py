"""CUE network: the unfolding equations on tiny tensors against hand-computed values, soft-thresholding,
the real-DFT decomposition used by the ONNX graph, and the network's shape contract."""
import pytest
import torch

from aerolux_models import cue
from aerolux_models.cue import CUENet

# One pixel, three channels: I = (0.2, 0.4, 0.1), so L0 = 0.4 and R0 = (0.5, 1.0, 0.25).
I = torch.tensor([0.2, 0.4, 0.1], dtype=torch.float64).view(1, 3, 1, 1)
R = torch.tensor([0.5, 1.0, 0.25], dtype=torch.float64).view(1, 3, 1, 1)
N = torch.tensor([0.01, -0.02, 0.0], dtype=torch.float64).view(1, 3, 1, 1)


def flat(t):
    return [round(v, 12) for v in t.flatten().tolist()]


def test_soft_threshold_by_hand():
    x = torch.tensor([-3.0, -0.5, 0.0, 0.2, 1.0, 2.5])
    assert cue.soft_threshold(x, 1.0).tolist() == [-2.0, 0.0, 0.0, 0.0, 0.0, 1.5]
    assert cue.soft_threshold(x, 0.0).tolist() == x.tolist()
    # threshold as a tensor (1 / mu), broadcast
    assert cue.soft_threshold(x, torch.tensor([0.5])).tolist() == [-2.5, 0.0, 0.0, 0.0, 0.5, 2.0]


def test_initial_decomposition_by_hand():
    l0, r0, n0 = cue.initial_decomposition(I)
    assert flat(l0) == [0.4]
    assert torch.allclose(r0, R, atol=1e-7)  # I / (0.4 + 1e-8)
    assert flat(n0) == [0.0, 0.0, 0.0]


def test_illumination_step_by_hand():
    # L_hat_c = (1 - a R_c^2) L - a R_c (N_c - I_c) with a = 0.1, L = 0.4:
    #   c0: 0.975 * 0.4 - 0.05 * (0.01 - 0.2)   = 0.39 + 0.0095  = 0.3995
    #   c1: 0.9 * 0.4 - 0.1 * (-0.02 - 0.4)     = 0.36 + 0.042   = 0.402
    #   c2: 0.99375 * 0.4 - 0.025 * (0 - 0.1)   = 0.3975 + 0.0025 = 0.4
    l_hat = cue.illumination_gradient_step(I, torch.tensor(0.4, dtype=torch.float64), R, N, 0.1)
    assert flat(l_hat) == [0.3995, 0.402, 0.4]


def test_reflectance_step_by_hand():
    # R_hat_c = (1 - b L^2) R_c - b L (N_c - I_c) with b = 0.1, L = 0.5: 0.975 R_c - 0.05 (N_c - I_c)
    #   c0: 0.4875 + 0.0095 = 0.497;  c1: 0.975 + 0.021 = 0.996;  c2: 0.24375 + 0.005 = 0.24875
    l = torch.full((1, 1, 1, 1), 0.5, dtype=torch.float64)
    assert flat(cue.reflectance_gradient_step(I, l, R, N, 0.1)) == [0.497, 0.996, 0.24875]


def test_noise_estimate_by_hand():
    # I - R L with L = 0.5: (-0.05, -0.1, -0.025); soft threshold at 1/mu = 0.05: (0, -0.05, 0)
    l = torch.full((1, 1, 1, 1), 0.5, dtype=torch.float64)
    assert flat(cue.noise_estimate(I, l, R, torch.tensor([20.0], dtype=torch.float64))) == [0.0, -0.05, 0.0]


def test_one_unfolding_stage_wiring():
    """With Mod's last conv and both prox units' last convs zeroed, one stage is pure algebra:
    L = mean_c(L_hat) + sigmoid(0); R = R_hat(new L); N = soft_threshold(I - R L, 1/mu) (new R and L)."""
    torch.manual_seed(0)
    model = CUENet(stages=2, alpha=0.1, beta=0.1, mu=20.0).double()
    with torch.no_grad():
        model.illumination_modulation[4].weight.zero_()
        model.reflectance_prox[4].weight.zero_()
        model.noise_prox[4].weight.zero_()
    image = torch.rand(1, 3, 8, 12, dtype=torch.float64) * 0.5
    r, l, n = model.unfold(image)
    l0, r0, n0 = cue.initial_decomposition(image)
    l_exp = cue.illumination_gradient_step(image, l0, r0, n0, 0.1).mean(dim=1, keepdim=True) + 0.5
    r_exp = (1 - 0.1 * l_exp ** 2) * r0 - 0.1 * l_exp * (n0 - image)
    n_exp = cue.soft_threshold(image - r_exp * l_exp, 1 / 20.0)
    assert torch.allclose(l, l_exp, atol=1e-12)
    assert torch.allclose(r, r_exp, atol=1e-12)
    assert torch.allclose(n, n_exp, atol=1e-12)


def test_mu_is_learnable_and_alpha_beta_fixed():
    model = CUENet()
    assert model.mu.requires_grad and model.mu.item() == pytest.approx(10.0)
    names = dict(model.named_parameters())
    assert "mu" in names and "alpha" not in names and "beta" not in names
    assert model.alpha.item() == pytest.approx(0.001) and model.beta.item() == pytest.approx(0.001)


@pytest.mark.parametrize("h,w", [(8, 8), (9, 7), (33, 25), (12, 1), (4, 2), (6, 3)])
def test_irfft2_decomposition_matches_torch(h, w):
    """The DFT-op recipe of the ONNX graph (hermitian weights, zero-padding, complex inverse) is irfft2,
    for even and odd widths and for spectra whose DC/Nyquist bins carry imaginary parts."""
    g = torch.Generator().manual_seed(h * 100 + w)
    spec = torch.fft.rfft2(torch.randn(2, 3, h, w, generator=g))
    spec = spec + 0.3j * torch.randn(spec.shape, generator=g)
    expected = torch.fft.irfft2(spec, s=(h, w))
    got = cue.irfft2_by_complex_dft(torch.view_as_real(spec), h, w)
    assert torch.allclose(got, expected, atol=1e-5)


def test_hermitian_weights():
    assert cue.hermitian_weights(5, 8).tolist() == [1, 2, 2, 2, 1]
    assert cue.hermitian_weights(4, 7).tolist() == [1, 2, 2, 2]
    assert cue.hermitian_weights(1, 1).tolist() == [1]


def test_export_functions_match_eager_fft():
    x = torch.randn(1, 4, 12, 20)
    re, im = cue.rfft2_parts(x)
    spec = cue._Rfft2ToDft.apply(x)
    assert torch.equal(spec[..., 0], re) and torch.equal(spec[..., 1], im)
    back = cue._Irfft2ToDft.apply(spec, x)
    assert torch.allclose(back, cue.irfft2_parts(re, im, x), atol=1e-6)
    assert torch.allclose(back, x, atol=1e-5)


def test_network_shapes_and_size_contract():
    model = CUENet().eval()
    assert cue.count_parameters(model) == 240711  # the authors' 257,129 less unused modulation_mul, alpha, beta
    assert cue.count_parameters(model.illumination_prior) == 52906
    x = torch.rand(2, 3, 20, 28) * 0.3
    with torch.no_grad():
        out = model.decompose(x)
    assert [tuple(t.shape) for t in out] == [(2, 3, 20, 28), (2, 1, 20, 28), (2, 1, 20, 28), (2, 3, 20, 28),
                                             (2, 3, 20, 28), (2, 3, 20, 28)]
    assert torch.isfinite(out[0]).all()
    with pytest.raises(ValueError, match="multiples of 4"):
        model(torch.rand(1, 3, 20, 30))
