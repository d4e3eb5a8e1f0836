"""CUE: customised unfolding enhancer with learnable priors (Zheng et al., ICCV 2023), in plain PyTorch.

Written from METHODS.md and from reading the authors' code (github.com/zheng980629/CUE,
basicsr/archs/LearnablePriorsCondUNetFreReflRestore_arch.py); module names here are our own and
`export_cue.convert_official_state_dict` maps the official checkpoint layout onto them.

Retinex model I = R * L + N, unfolded: L0 = max_c I, R0 = I / (L0 + 1e-8), N0 = 0, then `stages - 1`
weight-shared updates (official: stage 3 = init + 2 updates):
  L_hat = (1 - a R^2) L - a R (N - I)          (3 channels, a = 0.001)
  L     = mean_c(L_hat) + Mod(F_prior)          (F_prior: 24-ch half-resolution feature of the illumination
                                                 prior net applied to the previous L, bilinear align_corners=True)
  R_hat = (1 - b L^2) R - b L (N - I);  R = R_hat + proxR(R_hat)
  N_hat = soft_threshold(I - R L, 1 / mu);  N = N_hat + proxN(N_hat)
Then L_high = InteractNet([L, 5]), R' = InteractNet(R), output = L_high * R' (unclamped).

The frequency branches use rfft2/irfft2. Eagerly they run torch.fft; while exporting to ONNX they run
autograd Functions whose `symbolic` emits the ONNX DFT op (opset 17), because torch's TorchScript exporter
has no mapping for aten::fft_rfft2 / fft_irfft2 nor for complex tensors.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

SIZE_MULTIPLE = 4


# ----------------------------------------------------------------------------------------------------------
# Unfolding equations (pure functions, unit-tested against hand-computed values)
# ----------------------------------------------------------------------------------------------------------

def soft_threshold(x, threshold):
    """sign(x) * max(|x| - t, 0): the proximal operator of t * ||x||_1."""
    return torch.sign(x) * torch.clamp(torch.abs(x) - threshold, min=0.0)


def initial_decomposition(image):
    """L0 = channel max, R0 = I / (L0 + 1e-8), N0 = 0."""
    illumination = torch.amax(image, dim=1, keepdim=True)
    reflectance = image / (illumination + 1e-8)
    return illumination, reflectance, torch.zeros_like(image)


def illumination_gradient_step(image, illumination, reflectance, noise, alpha):
    """L_hat = (1 - a R^2) L - a R (N - I), 3 channels (before the channel mean)."""
    return (1.0 - alpha * reflectance * reflectance) * illumination - alpha * reflectance * (noise - image)


def reflectance_gradient_step(image, illumination, reflectance, noise, beta):
    """R_hat = (1 - b L^2) R - b L (N - I)."""
    return (1.0 - beta * illumination * illumination) * reflectance - beta * illumination * (noise - image)


def noise_estimate(image, illumination, reflectance, mu):
    """N_hat = soft_threshold(I - R L, 1 / mu)."""
    return soft_threshold(image - reflectance * illumination, 1.0 / mu)


# ----------------------------------------------------------------------------------------------------------
# Real 2-D DFT: torch.fft eagerly, ONNX DFT when exporting
# ----------------------------------------------------------------------------------------------------------

def _const(g, values):
    return g.op("Constant", value_t=torch.tensor(values, dtype=torch.long))


class _Rfft2ToDft(torch.autograd.Function):
    """rfft2 over the last two axes of an [N, C, H, W] tensor -> [N, C, H, W//2+1, 2] (real, imaginary)."""

    @staticmethod
    def forward(ctx, x):
        return torch.view_as_real(torch.fft.rfft2(x, norm="backward"))

    @staticmethod
    def symbolic(g, x):
        signal = g.op("Unsqueeze", x, _const(g, [4]))                    # [N,C,H,W,1]: a real signal
        half = g.op("DFT", signal, axis_i=3, onesided_i=1, inverse_i=0)  # along W, one-sided
        return g.op("DFT", half, axis_i=2, onesided_i=0, inverse_i=0)    # along H, complex


class _Irfft2ToDft(torch.autograd.Function):
    """irfft2 of a one-sided spectrum [N, C, H, W//2+1, 2] back to [N, C, H, W]; `like` supplies H and W.

    ONNX's DFT has no complex-to-real mode, so the graph does what `irfft2_by_complex_dft` does:
    inverse DFT along H; weight the half spectrum by `hermitian_weights` (each bin other than DC and, for even
    W, Nyquist stands for itself and its conjugate twin); zero-pad to W through dft_length; inverse DFT along W;
    keep the real part (which drops the imaginary parts of DC and Nyquist, as irfft does).
    """

    @staticmethod
    def forward(ctx, spectrum, like):
        return torch.fft.irfft2(torch.view_as_complex(spectrum.contiguous()), s=like.shape[-2:], norm="backward")

    @staticmethod
    def symbolic(g, spectrum, like):
        cols = g.op("DFT", spectrum, axis_i=2, onesided_i=0, inverse_i=1)
        scalar = lambda v, dtype=torch.long: g.op("Constant", value_t=torch.tensor(v, dtype=dtype))
        width = g.op("Gather", g.op("Shape", like), scalar(3), axis_i=0)
        bins = g.op("Gather", g.op("Shape", spectrum), scalar(3), axis_i=0)
        k = g.op("Range", scalar(0), bins, scalar(1))
        as_float = lambda b: g.op("Cast", b, to_i=1)  # 1 = FLOAT
        weight = g.op("Sub", g.op("Sub", scalar(2.0, torch.float32), as_float(g.op("Equal", k, scalar(0)))),
                      as_float(g.op("Equal", g.op("Mul", k, scalar(2)), width)))
        weighted = g.op("Mul", cols, g.op("Unsqueeze", weight, _const(g, [1])))  # [K,1] over [...,K,2]
        rows = g.op("DFT", weighted, width, axis_i=3, onesided_i=0, inverse_i=1)  # zero-padded to W: [N,C,H,W,2]
        real = g.op("Slice", rows, _const(g, [0]), _const(g, [1]), _const(g, [4]))
        return g.op("Squeeze", real, _const(g, [4]))


def hermitian_weights(bins, width, dtype=torch.float32):
    """1 for the DC bin and (even width only) the Nyquist bin, 2 for every other bin of a one-sided spectrum."""
    k = torch.arange(bins)
    return (2 - (k == 0).to(dtype) - (2 * k == width).to(dtype))


def irfft2_by_complex_dft(spectrum, height, width):
    """The irfft2 decomposition the ONNX graph uses, in torch (tests compare it with torch.fft.irfft2)."""
    z = torch.fft.ifft(torch.view_as_complex(spectrum.contiguous()), dim=2)
    z = z * hermitian_weights(z.shape[3], width)
    z = F.pad(torch.view_as_real(z), (0, 0, 0, width - z.shape[3]))
    return torch.fft.ifft(torch.view_as_complex(z.contiguous()), dim=3).real[:, :, :height, :]


def rfft2_parts(x):
    """Real and imaginary parts of rfft2(x) (norm 'backward')."""
    if torch.onnx.is_in_onnx_export():
        spectrum = _Rfft2ToDft.apply(x)
        return spectrum[..., 0], spectrum[..., 1]
    spectrum = torch.fft.rfft2(x, norm="backward")
    return spectrum.real, spectrum.imag


def irfft2_parts(real, imag, like):
    """irfft2 of real + i imag with the spatial size of `like`."""
    if torch.onnx.is_in_onnx_export():
        return _Irfft2ToDft.apply(torch.stack([real, imag], dim=-1), like)
    return torch.fft.irfft2(torch.complex(real, imag), s=like.shape[-2:], norm="backward")


# ----------------------------------------------------------------------------------------------------------
# Building blocks
# ----------------------------------------------------------------------------------------------------------

class ConvBlock(nn.Module):
    """3x3 conv -> (half instance norm) -> LeakyReLU 0.1 -> 3x3 conv -> LeakyReLU 0.1, plus a 1x1 skip."""

    def __init__(self, in_ch, out_ch, half_instance_norm=False):
        super().__init__()
        self.skip = nn.Conv2d(in_ch, out_ch, 1)
        self.conv1 = nn.Conv2d(in_ch, out_ch, 3, padding=1)
        self.conv2 = nn.Conv2d(out_ch, out_ch, 3, padding=1)
        self.norm = nn.InstanceNorm2d(out_ch // 2, affine=True) if half_instance_norm else None

    def forward(self, x):
        y = self.conv1(x)
        if self.norm is not None:
            normed, kept = torch.chunk(y, 2, dim=1)
            y = torch.cat([self.norm(normed), kept], dim=1)
        y = F.leaky_relu(y, 0.1)
        y = F.leaky_relu(self.conv2(y), 0.1)
        return y + self.skip(x)


class ChannelAttention(nn.Module):
    """Two 3x3 convs, global average pool, squeeze-excite weights: out = w * pooled + x (as the authors do)."""

    def __init__(self, ch, reduction):
        super().__init__()
        self.process = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.ReLU(), nn.Conv2d(ch, ch, 3, padding=1))
        self.squeeze = nn.Sequential(nn.Conv2d(ch, ch // reduction, 1), nn.ReLU(),
                                     nn.Conv2d(ch // reduction, ch, 1), nn.Sigmoid())

    def forward(self, x):
        pooled = F.adaptive_avg_pool2d(self.process(x), 1)
        return self.squeeze(pooled) * pooled + x


class IlluminationPriorNet(nn.Module):
    """Masked-input conv U-Net (~53k parameters) restoring the bilateral-filtered max-channel map.

    Returns (restored map [N,1,H,W], prior feature [N,24,H/2,W/2]); the feature feeds Mod in the unfolding.
    """

    def __init__(self, in_ch=1, ch=6, out_ch=1):
        super().__init__()
        self.stem = nn.Conv2d(in_ch, ch, 3, padding=1)
        self.enc1 = ConvBlock(ch, ch)
        self.down1 = nn.Conv2d(ch, 2 * ch, 2, stride=2)
        self.enc2 = ConvBlock(2 * ch, 2 * ch)
        self.down2 = nn.Conv2d(2 * ch, 4 * ch, 2, stride=2)
        self.enc3 = ConvBlock(4 * ch, 4 * ch)
        self.global_context = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(4 * ch, 4 * ch, 1),
                                            nn.LeakyReLU(0.2), nn.Conv2d(4 * ch, 4 * ch, 1))
        self.context_fuse = ConvBlock(8 * ch, 4 * ch)
        self.merge2 = nn.Sequential(nn.Conv2d(6 * ch, 4 * ch, 1), ChannelAttention(4 * ch, 4),
                                    nn.Conv2d(4 * ch, 2 * ch, 3, padding=1))
        self.dec2 = ConvBlock(2 * ch, 2 * ch)
        self.merge1 = nn.Sequential(nn.Conv2d(3 * ch, ch, 1), ChannelAttention(ch, 2),
                                    nn.Conv2d(ch, ch, 3, padding=1))
        self.dec1 = ConvBlock(ch, ch)
        self.head = nn.Conv2d(ch, out_ch, 3, padding=1)
        self.feature_channels = 4 * ch

    def forward(self, x):
        x1 = self.enc1(self.stem(x))
        x2 = self.enc2(self.down1(x1))
        x3 = self.enc3(self.down2(x2))
        x3 = self.context_fuse(torch.cat([self.global_context(x3).expand_as(x3), x3], dim=1))
        feature = F.interpolate(x3, scale_factor=2.0, mode="bilinear", align_corners=False)
        x2 = self.dec2(self.merge2(torch.cat([x2, feature], dim=1)))
        x2 = F.interpolate(x2, scale_factor=2.0, mode="bilinear", align_corners=False)
        x1 = self.dec1(self.merge1(torch.cat([x1, x2], dim=1)))
        return self.head(x1), feature


def prox_unit(ch, mid=32):
    """Three bias-free 1x1 convs ch -> mid -> mid -> ch with LeakyReLU 0.2 (proxR and proxN)."""
    return nn.Sequential(nn.Conv2d(ch, mid, 1, bias=False), nn.LeakyReLU(0.2),
                         nn.Conv2d(mid, mid, 1, bias=False), nn.LeakyReLU(0.2),
                         nn.Conv2d(mid, ch, 1, bias=False))


def modulation(in_ch, mid=32, out_ch=1):
    """Mod: bias-free 3x3 convs in -> 32 -> 32 -> 1 with ReLU, final sigmoid."""
    return nn.Sequential(nn.Conv2d(in_ch, mid, 3, padding=1, bias=False), nn.ReLU(),
                         nn.Conv2d(mid, mid, 3, padding=1, bias=False), nn.ReLU(),
                         nn.Conv2d(mid, out_ch, 3, padding=1, bias=False), nn.Sigmoid())


class InvertibleBlock(nn.Module):
    """Affine-coupling block (spatial branch): y1 = x1 + f(x2); y2 = x2 exp(s(y1)) + g(y1), s = 0.8 tanh-like."""

    def __init__(self, ch, clamp=0.8):
        super().__init__()
        self.split = ch // 2
        rest = ch - self.split
        self.f = ConvBlock(rest, self.split, half_instance_norm=True)
        self.g = ConvBlock(self.split, rest, half_instance_norm=True)
        self.h = ConvBlock(self.split, rest, half_instance_norm=True)
        self.clamp = clamp

    def forward(self, x):
        x1, x2 = x[:, :self.split], x[:, self.split:]
        y1 = x1 + self.f(x2)
        s = self.clamp * (torch.sigmoid(self.h(y1)) * 2 - 1)
        y2 = x2 * torch.exp(s) + self.g(y1)
        return torch.cat([y1, y2], dim=1)


class FrequencyFuse(nn.Module):
    """Spatial branch (invertible block) beside a frequency branch (convs on Re/Im of rfft2, then irfft2).

    kernel 3: depthwise 3x3 convs in the frequency domain and 3x3 fusion ("spatial" fuse);
    kernel 1: full 1x1 convs ("channel" fuse).
    """

    def __init__(self, ch, kernel):
        super().__init__()
        groups = ch if kernel == 3 else 1
        pad = kernel // 2

        def frequency_convs():
            return nn.Sequential(nn.Conv2d(ch, ch, kernel, padding=pad, groups=groups), nn.LeakyReLU(0.1),
                                 nn.Conv2d(ch, ch, kernel, padding=pad, groups=groups))

        self.inv = InvertibleBlock(ch)
        self.freq_real = frequency_convs()
        self.freq_imag = frequency_convs()
        self.freq_out = nn.Conv2d(ch, ch, kernel, padding=pad)
        self.merge = nn.Conv2d(2 * ch, ch, kernel, padding=pad)

    def forward(self, x):
        real, imag = rfft2_parts(x)
        spatial = x + self.inv(x)
        frequency = irfft2_parts(self.freq_real(real), self.freq_imag(imag), x)
        return self.merge(torch.cat([spatial, self.freq_out(frequency)], dim=1)) + x


class ProcessBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.spatial = FrequencyFuse(ch, kernel=3)
        self.channel = FrequencyFuse(ch, kernel=1)

    def forward(self, x):
        return self.channel(self.spatial(x))


class UShapeBody(nn.Module):
    """The 3-level U-shape of InteractNet (channels nc, 2nc, 3nc; 1x1 transposed convs fuse the skips)."""

    def __init__(self, nc):
        super().__init__()
        self.conv_in = nn.Conv2d(nc, nc, 3, padding=1)
        self.enc1 = ProcessBlock(nc)
        self.down1 = nn.Conv2d(nc, 2 * nc, 2, stride=2)
        self.enc2 = ProcessBlock(2 * nc)
        self.down2 = nn.Conv2d(2 * nc, 3 * nc, 2, stride=2)
        self.bottleneck = ProcessBlock(3 * nc)
        self.up1 = nn.ConvTranspose2d(5 * nc, 2 * nc, 1)
        self.dec2 = ProcessBlock(2 * nc)
        self.up2 = nn.ConvTranspose2d(3 * nc, nc, 1)
        self.dec1 = ProcessBlock(nc)
        self.conv_out = nn.Conv2d(nc, nc, 3, padding=1)

    def forward(self, x):
        x = self.conv_in(x)
        s1 = self.enc1(x)
        s2 = self.enc2(self.down1(s1))
        b = self.bottleneck(self.down2(s2))
        b = F.interpolate(b, size=s2.shape[-2:], mode="bilinear", align_corners=False)
        d2 = self.dec2(self.up1(torch.cat([b, s2], dim=1)))
        d2 = F.interpolate(d2, size=s1.shape[-2:], mode="bilinear", align_corners=False)
        d1 = self.dec1(self.up2(torch.cat([d2, s1], dim=1)))
        return self.conv_out(d1)


class InteractNet(nn.Module):
    def __init__(self, in_ch, nc, out_ch):
        super().__init__()
        self.head = nn.Conv2d(in_ch, nc, 1)
        self.body = UShapeBody(nc)
        self.tail = nn.Conv2d(nc, out_ch, 1)

    def forward(self, x):
        f = self.head(x)
        return self.tail(self.body(f) + f)


# ----------------------------------------------------------------------------------------------------------
# The whole enhancer
# ----------------------------------------------------------------------------------------------------------

class CUENet(nn.Module):
    """CUE enhancer: forward(I [N,3,H,W] in [0,1], H and W multiples of 4) -> enhanced image (unclamped)."""

    def __init__(self, stages=3, num_feat=32, ratio=5.0, alpha=0.001, beta=0.001, mu=10.0, interact_channels=8):
        super().__init__()
        self.stages = stages
        self.ratio = ratio
        self.illumination_prior = IlluminationPriorNet()
        self.illumination_modulation = modulation(self.illumination_prior.feature_channels, num_feat, 1)
        self.reflectance_prox = prox_unit(3, num_feat)
        self.noise_prox = prox_unit(3, num_feat)
        self.illumination_adjust = InteractNet(2, interact_channels, 1)
        self.reflectance_restore = InteractNet(3, interact_channels, 3)
        self.register_buffer("alpha", torch.tensor([alpha]))
        self.register_buffer("beta", torch.tensor([beta]))
        self.mu = nn.Parameter(torch.tensor([mu]))

    def unfold(self, image):
        """Returns (R, L, N) after `stages - 1` updates."""
        illumination, reflectance, noise = initial_decomposition(image)
        for _ in range(self.stages - 1):
            _, prior_feature = self.illumination_prior(illumination)
            l_hat = illumination_gradient_step(image, illumination, reflectance, noise, self.alpha)
            illumination = torch.mean(l_hat, dim=1, keepdim=True)
            prior_feature = F.interpolate(prior_feature, size=illumination.shape[-2:], mode="bilinear",
                                          align_corners=True)
            illumination = illumination + self.illumination_modulation(prior_feature)
            r_hat = reflectance_gradient_step(image, illumination, reflectance, noise, self.beta)
            reflectance = r_hat + self.reflectance_prox(r_hat)
            n_hat = noise_estimate(image, illumination, reflectance, self.mu)
            noise = n_hat + self.noise_prox(n_hat)
        return reflectance, illumination, noise

    def decompose(self, image):
        """All training-time quantities: enhanced, L_high, L, R', R, N."""
        if not torch.onnx.is_in_onnx_export():
            h, w = image.shape[-2:]
            if h % SIZE_MULTIPLE or w % SIZE_MULTIPLE:
                raise ValueError(f"CUE needs H and W to be multiples of {SIZE_MULTIPLE}, got {h}x{w}")
        reflectance, illumination, noise = self.unfold(image)
        ratio_map = torch.ones_like(illumination) * self.ratio
        high_illumination = self.illumination_adjust(torch.cat([illumination, ratio_map], dim=1))
        restored = self.reflectance_restore(reflectance)
        return high_illumination * restored, high_illumination, illumination, restored, reflectance, noise

    def forward(self, image):
        return self.decompose(image)[0]


def count_parameters(module):
    return sum(p.numel() for p in module.parameters())
