"""CUE's gradient prior ("optimisation flow"): a small ViT masked autoencoder that predicts HOG.

The authors' prior (MaskedAutoencoderViTHOG: 224 input, patch 16, dim 256, depth 4) predicts the HOG map of
normal-light images; frozen, its encoder turns the main stage's output and ground truth into latents and
0.001 * L1 between them regularises training. It is never part of the exported graph.

Ours is shrunk to train on two CPU cores: input = the main stage's crop size, patch 8, dim 64, depth 2,
4 heads, MLP ratio 2, a one-block decoder, and HOG targets per patch (4x4-pixel cells, 9 bins, so
2*2*9 = 36 values per patch) instead of the rendered HOG picture.
"""
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def sincos_2d(dim, grid):
    """Fixed 2-D sine-cosine position embedding [grid*grid, dim] (half the dims for rows, half for columns)."""
    def one_d(d, pos):
        omega = 1.0 / 10000 ** (np.arange(d // 2, dtype=np.float64) / (d / 2.0))
        out = np.outer(pos.reshape(-1), omega)
        return np.concatenate([np.sin(out), np.cos(out)], axis=1)

    ys, xs = np.meshgrid(np.arange(grid, dtype=np.float64), np.arange(grid, dtype=np.float64), indexing="ij")
    emb = np.concatenate([one_d(dim // 2, xs), one_d(dim // 2, ys)], axis=1)
    return torch.from_numpy(emb).float()


class TransformerBlock(nn.Module):
    """Pre-norm transformer block: x + MHSA(LN(x)); x + MLP(LN(x))."""

    def __init__(self, dim, heads, mlp_ratio):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x):
        y = self.norm1(x)
        x = x + self.attn(y, y, y, need_weights=False)[0]
        return x + self.mlp(self.norm2(x))


class HogMAE(nn.Module):
    """Masked autoencoder (ViT encoder + light decoder) predicting per-patch HOG of its RGB input."""

    def __init__(self, img_size=64, patch=8, dim=64, depth=2, heads=4, decoder_dim=64, decoder_depth=1,
                 mlp_ratio=2.0, target_dim=36):
        super().__init__()
        self.patch = patch
        self.grid = img_size // patch
        self.patch_embed = nn.Conv2d(3, dim, patch, stride=patch)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.register_buffer("pos_embed", sincos_2d(dim, self.grid)[None])
        self.blocks = nn.ModuleList([TransformerBlock(dim, heads, mlp_ratio) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.decoder_embed = nn.Linear(dim, decoder_dim)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, decoder_dim))
        self.register_buffer("decoder_pos_embed", sincos_2d(decoder_dim, self.grid)[None])
        self.decoder_blocks = nn.ModuleList([TransformerBlock(decoder_dim, heads, mlp_ratio)
                                             for _ in range(decoder_depth)])
        self.decoder_norm = nn.LayerNorm(decoder_dim)
        self.decoder_pred = nn.Linear(decoder_dim, target_dim)
        nn.init.normal_(self.cls_token, std=0.02)
        nn.init.normal_(self.mask_token, std=0.02)

    def encode(self, img, mask_ratio=0.0, generator=None):
        """Returns (latent [N, 1+kept, dim], mask [N, L] with 1 = hidden, restore order [N, L])."""
        x = self.patch_embed(img).flatten(2).transpose(1, 2) + self.pos_embed
        n, length, dim = x.shape
        keep = int(length * (1 - mask_ratio))
        noise = torch.rand(n, length, generator=generator) if mask_ratio > 0 else \
            torch.arange(length, dtype=torch.float32).expand(n, length)
        shuffle = noise.argsort(dim=1)
        restore = shuffle.argsort(dim=1)
        x = x.gather(1, shuffle[:, :keep, None].expand(-1, -1, dim))
        mask = torch.ones(n, length)
        mask[:, :keep] = 0
        mask = mask.gather(1, restore)
        x = torch.cat([self.cls_token.expand(n, -1, -1), x], dim=1)
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x), mask, restore

    def decode(self, latent, restore):
        x = self.decoder_embed(latent)
        n, length = restore.shape
        tokens = torch.cat([x[:, 1:], self.mask_token.expand(n, length + 1 - x.shape[1], -1)], dim=1)
        tokens = tokens.gather(1, restore[:, :, None].expand(-1, -1, x.shape[2])) + self.decoder_pos_embed
        x = torch.cat([x[:, :1], tokens], dim=1)
        for blk in self.decoder_blocks:
            x = blk(x)
        return self.decoder_pred(self.decoder_norm(x))[:, 1:]

    def forward(self, img, mask_ratio=0.5, generator=None):
        latent, mask, restore = self.encode(img, mask_ratio, generator)
        return self.decode(latent, restore), mask, latent


def masked_mse(pred, target, mask):
    """Mean squared error over hidden patches only."""
    per_patch = ((pred - target) ** 2).mean(dim=-1)
    return (per_patch * mask).sum() / mask.sum().clamp(min=1)


def gradient_prior_loss(prior, output, target):
    """L1 between the frozen prior's encoder latents of output and ground truth (no masking)."""
    return F.l1_loss(prior.encode(output)[0], prior.encode(target)[0])
