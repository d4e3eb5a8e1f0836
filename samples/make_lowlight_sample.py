"""Makes the bundled low-light sample of the enhancement demo (bin/aerolux-demo-enhance): a synthetic scene that the
project owns, and the same scene shot with 1/12 of the light by a simulated camera.

    /usr/bin/python3 samples/make_lowlight_sample.py        # from the repository root (numpy, Pillow, GDAL)

Nothing is read from ../shared/data. Outputs, 8-bit RGB PNG, 384 x 256:
- samples/lowlight_reference.png: the normal-light scene (for PSNR/SSIM with --reference);
- samples/lowlight.png: its low-light version.

The scene is rendered in linear light (reflectance x illumination + emission) at twice the size, averaged over 2 x 2
blocks (anti-aliasing) and encoded with the sRGB curve. One lamp at the upper right lights a wall and a wooden table;
the light falls off with distance, so the lower left is in shade and the lamp itself saturates. On the wall: an
X-Rite ColorChecker Classic (24 patches, their published sRGB values as reflectances), a 12-step grey wedge, a framed
print of the project's synthetic aerial scene (samples/scene.tif, pixels x 40..199, y 620..779: road, cars, trees;
made by models/aerolux_models/scenes.py), groups of bars at 8, 6, 4, 3 and 2 pixel periods and a Siemens star
(18 black spokes). On the table (wood grain): a shaded red ball with a highlight, a blue mug, a black box with its
soft shadow and a tartan cloth. Plaster and wood textures are fractal value noise from numpy.random.default_rng(5150).

Low light follows the sensor model of the cue-lowlight training data (models/aerolux_models/lowlight_synthesis.py),
with fixed values: scene radiance in linear light (the lamp unclipped, so it does not clip in the short exposure) x exposure k = 1/12; the signal in electrons with FULL_SCALE_E = 2000 electrons at a linear
value of 1: Poisson shot noise on k * 2000 * radiance plus Gaussian read noise of READ_NOISE_E = 3 electrons (std);
divided back by 2000, clipped to [0, 1], encoded with the sRGB curve and rounded to 8 bits. No colour cast, no JPEG.
The noise comes from numpy.random.default_rng(2023). The script prints the mean brightness of both images.
"""
import os

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
W, H, S = 384, 256, 2                    # output size and the supersampling factor
SCENE_SEED, NOISE_SEED = 5150, 2023
EXPOSURE, FULL_SCALE_E, READ_NOISE_E = 1.0 / 12.0, 2000.0, 3.0
PRINT_WINDOW = (40, 620, 160, 160)        # x, y, width, height in samples/scene.tif (pixels 1:1 at the render size)
LAMP = (352.0, 30.0)                      # lamp centre (output pixels)

# ColorChecker Classic, sRGB (D65) values published by X-Rite / BabelColor, row by row
COLOR_CHECKER = [
    (115, 82, 68), (194, 150, 130), (98, 122, 157), (87, 108, 67), (133, 128, 177), (103, 189, 170),
    (214, 126, 44), (80, 91, 166), (193, 90, 99), (94, 60, 108), (157, 188, 64), (224, 163, 46),
    (56, 61, 150), (70, 148, 73), (175, 54, 60), (231, 199, 31), (187, 86, 149), (8, 133, 161),
    (243, 243, 242), (200, 200, 200), (160, 160, 160), (122, 122, 121), (85, 85, 85), (52, 52, 52)]


def srgb_to_linear(y):
    """IEC 61966-2-1 sRGB decoding of values in [0, 1]."""
    y = np.asarray(y, dtype=np.float64)
    return np.where(y <= 0.04045, y / 12.92, ((y + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(lin):
    """IEC 61966-2-1 sRGB encoding of linear values, clipped to [0, 1]."""
    lin = np.clip(np.asarray(lin, dtype=np.float64), 0.0, 1.0)
    return np.where(lin <= 0.0031308, lin * 12.92, 1.055 * lin ** (1.0 / 2.4) - 0.055)


def value_noise(h, w, rng, cells=4, octaves=5):
    """Fractal value noise in [0, 1]: bilinearly interpolated random grids, each octave twice as fine."""
    out, amp, total = np.zeros((h, w)), 1.0, 0.0
    for o in range(octaves):
        n = cells * 2 ** o
        grid = rng.random((n + 2, n + 2))
        gy, gx = np.linspace(0, n, h, endpoint=False), np.linspace(0, n, w, endpoint=False)
        y0, x0 = gy.astype(int), gx.astype(int)
        fy, fx = (gy - y0)[:, None], (gx - x0)[None, :]
        out += amp * (grid[np.ix_(y0, x0)] * (1 - fy) * (1 - fx) + grid[np.ix_(y0 + 1, x0)] * fy * (1 - fx)
                      + grid[np.ix_(y0, x0 + 1)] * (1 - fy) * fx + grid[np.ix_(y0 + 1, x0 + 1)] * fy * fx)
        total += amp
        amp *= 0.55
    return out / total


def box_blur(mask, r):
    """Mean over the (2r+1) x (2r+1) window around each pixel (edges repeated): soft shadow edges."""
    a = np.pad(mask.astype(np.float64), r, mode="edge")
    for axis in (0, 1):  # separable: running sums along rows, then columns
        c = np.cumsum(np.insert(a, 0, 0.0, axis=axis), axis=axis)
        n = a.shape[axis] - 2 * r
        a = (np.take(c, np.arange(2 * r + 1, 2 * r + 1 + n), axis=axis) - np.take(c, np.arange(n), axis=axis)) / (2 * r + 1)
    return a


def lin(rgb8):
    """Reflectance in linear light of an sRGB colour given in 0..255."""
    return srgb_to_linear(np.asarray(rgb8, dtype=np.float64) / 255.0)


class Canvas:
    """Reflectance, illumination and emission planes at the render size; shapes are painted in output pixels."""

    def __init__(self):
        self.y, self.x = (np.mgrid[0:H * S, 0:W * S].astype(np.float64) + 0.5) / S
        self.albedo = np.zeros((H * S, W * S, 3))
        self.light = np.ones((H * S, W * S))
        self.glow = np.zeros((H * S, W * S, 3))

    def rect(self, x0, y0, x1, y1):
        return (self.x >= x0) & (self.x < x1) & (self.y >= y0) & (self.y < y1)

    def paint(self, mask, colour):
        self.albedo[mask] = colour if np.ndim(colour) == 1 else colour[mask]


def scene_print():
    """The print: a window of samples/scene.tif as reflectance, at the render size."""
    from osgeo import gdal
    x, y, w, h = PRINT_WINDOW
    ds = gdal.Open(os.path.join(ROOT, "samples", "scene.tif"))
    rgb = np.stack([ds.GetRasterBand(b + 1).ReadAsArray(x, y, w, h) for b in range(3)], axis=-1)
    return srgb_to_linear(rgb / 255.0)


def render():
    rng = np.random.default_rng(SCENE_SEED)
    c = Canvas()
    x, y = c.x, c.y
    horizon = 172.0
    wall, table = y < horizon, y >= horizon

    # wall: warm plaster; table: wood grain along x, rings bent by noise
    plaster = value_noise(H * S, W * S, rng, cells=6)
    c.paint(wall, lin((214, 200, 176)) * (0.88 + 0.24 * plaster)[..., None])
    warp = value_noise(H * S, W * S, rng, cells=3)
    grain = 0.5 + 0.5 * np.sin((y - horizon) * 1.9 + 14.0 * warp + 0.02 * x)
    wood = lin((150, 92, 52)) * (0.65 + 0.45 * grain)[..., None] * (0.9 + 0.2 * plaster)[..., None]
    c.paint(table, wood)
    c.paint(c.rect(0, horizon, W, horizon + 3), lin((70, 40, 22)))  # the table's edge

    # colour checker on a black card, and a grey wedge under it
    cx0, cy0, patch, gap = 12.0, 14.0, 24.0, 3.0
    c.paint(c.rect(cx0 - 5, cy0 - 5, cx0 + 6 * patch + 5 * gap + 5, cy0 + 4 * patch + 3 * gap + 5), lin((18, 18, 18)))
    for i, rgb in enumerate(COLOR_CHECKER):
        px, py = cx0 + (i % 6) * (patch + gap), cy0 + (i // 6) * (patch + gap)
        c.paint(c.rect(px, py, px + patch, py + patch), lin(rgb))
    steps = 12
    for i in range(steps):
        level = 0.04 + 0.92 * i / (steps - 1)  # even steps in sRGB, near-black to near-white
        c.paint(c.rect(cx0 - 5 + i * 14, 132, cx0 + 9 + i * 14, 152), srgb_to_linear(np.full(3, level)))

    # framed print of the aerial scene
    fx0, fy0, side = 192.0, 14.0, PRINT_WINDOW[2] / S
    c.paint(c.rect(fx0 - 4, fy0 - 4, fx0 + side + 4, fy0 + side + 4), lin((60, 38, 24)))
    inside = c.rect(fx0, fy0, fx0 + side, fy0 + side)
    img = np.zeros_like(c.albedo)
    r0, c0 = int(fy0 * S), int(fx0 * S)
    img[r0:r0 + PRINT_WINDOW[3], c0:c0 + PRINT_WINDOW[2]] = scene_print()
    c.paint(inside, img)

    # bar groups: vertical and horizontal black bars on white, periods 8, 6, 4, 3, 2 pixels
    c.paint(c.rect(188, 104, 276, 160), lin((236, 236, 232)))
    bx = 192.0
    for period in (8, 6, 4, 3, 2):
        span = 3 * period
        vertical = c.rect(bx, 108, bx + span, 130) & (((x - bx) % period) < period / 2)
        horizontal = c.rect(bx, 134, bx + span, 156) & (((y - 134) % period) < period / 2)
        c.paint(vertical | horizontal, lin((20, 20, 20)))
        bx += span + 3

    # Siemens star on a white card
    sx, sy, radius = 326.0, 112.0, 40.0
    c.paint(c.rect(sx - 44, sy - 44, sx + 44, sy + 44), lin((236, 236, 232)))
    r, theta = np.hypot(x - sx, y - sy), np.arctan2(y - sy, x - sx)
    c.paint((r < radius) & (np.sin(18 * theta) > 0), lin((20, 20, 20)))

    # the lamp: a cord, a shade, a bulb that emits (radiance far above the reference's white)
    c.paint(c.rect(LAMP[0] - 0.75, 0, LAMP[0] + 0.75, LAMP[1] - 12), lin((25, 25, 25)))
    shade = c.rect(LAMP[0] - 14, LAMP[1] - 13, LAMP[0] + 14, LAMP[1] - 3) & (np.abs(x - LAMP[0]) < 8 + (y - LAMP[1] + 13) * 0.6)
    c.paint(shade, lin((40, 90, 60)))
    d_lamp = np.hypot(x - LAMP[0], y - LAMP[1])
    bulb = d_lamp < 7
    c.glow += (bulb * 6.0)[..., None] * np.array([1.0, 0.93, 0.78])
    c.glow += (0.35 * np.exp(-(d_lamp / 16.0) ** 2) * ~bulb)[..., None] * np.array([1.0, 0.9, 0.7])

    # table objects; their shadows fall to the lower left, away from the lamp, with soft edges
    ball_x, ball_y, ball_r = 66.0, 212.0, 28.0
    mug_x0, mug_x1, mug_y0, mug_y1 = 132.0, 170.0, 186.0, 232.0
    box = c.rect(226, 190, 282, 238)
    mug = c.rect(mug_x0, mug_y0, mug_x1, mug_y1) | (np.hypot((x - (mug_x0 + mug_x1) / 2) / 19.0, (y - mug_y1) / 5.0) < 1)
    handle = (np.abs(np.hypot(x - mug_x1, y - 208) - 9) < 2.5) & (x > mug_x1)
    ball = np.hypot(x - ball_x, y - ball_y) < ball_r
    cast = (np.hypot((x - ball_x + 16) / 1.15, (y - ball_y - 22) * 2.4) < ball_r) \
        | (np.hypot((x - (mug_x0 + mug_x1) / 2 + 16) / 1.6, (y - mug_y1 - 1) * 2.2) < 19.0) \
        | (c.rect(204, 214, 262, 244) & (x - 204 > (244 - y) * 0.35))
    objects = ball | mug | handle | box
    c.light *= 1.0 - 0.68 * np.where(objects, 0.0, box_blur(cast & table, 4 * S))
    cloth = c.rect(300, 196, W, H)
    check = (np.floor((x - 300) / 10) + np.floor((y - 196) / 10)) % 2
    stripes = (((x - 300) % 10) < 2) | (((y - 196) % 10) < 2)
    tartan = np.where(check[..., None] > 0, lin((150, 30, 36)), lin((30, 50, 110)))
    tartan = np.where(stripes[..., None], lin((220, 190, 80)), tartan) * (0.9 + 0.2 * plaster)[..., None]
    c.paint(cloth, tartan)
    c.paint(box, lin((28, 28, 30)))
    c.paint(c.rect(226, 186, 282, 190), lin((55, 55, 58)))  # its lit top edge
    roundness = np.clip(1 - ((x - (mug_x0 + mug_x1) / 2) / 19.0) ** 2, 0, 1) ** 0.5
    c.paint(mug | handle, lin((40, 80, 190)) * (0.45 + 0.55 * roundness)[..., None])
    nz = np.sqrt(np.clip(1 - ((x - ball_x) ** 2 + (y - ball_y) ** 2) / ball_r ** 2, 0, 1))
    nx, ny = (x - ball_x) / ball_r, (y - ball_y) / ball_r
    to_lamp = np.array([0.6, -0.55, 0.58]) / np.linalg.norm([0.6, -0.55, 0.58])
    lambert = np.clip(nx * to_lamp[0] + ny * to_lamp[1] + nz * to_lamp[2], 0, 1)
    c.paint(ball, lin((200, 30, 28)) * (0.12 + 0.88 * lambert)[..., None])
    half = to_lamp + np.array([0, 0, 1.0])
    half /= np.linalg.norm(half)
    spec = np.clip(nx * half[0] + ny * half[1] + nz * half[2], 0, 1) ** 60
    c.glow += (ball * 1.6 * spec)[..., None]

    # illumination: inverse-square fall-off from the lamp (a little above the wall) plus an ambient floor
    falloff = 1.0 / (1.0 + (d_lamp / 150.0) ** 2)
    c.light *= 0.12 + 1.45 * falloff
    radiance = c.albedo * c.light[..., None] + c.glow
    return radiance.reshape(H, S, W, S, 3).mean(axis=(1, 3))


def low_light(radiance, rng):
    """The short exposure: electrons with shot and read noise, back to sRGB in [0, 1]."""
    electrons = np.clip(radiance, 0.0, None) * EXPOSURE * FULL_SCALE_E
    recorded = rng.poisson(electrons) + rng.normal(0.0, READ_NOISE_E, electrons.shape)
    return linear_to_srgb(np.clip(recorded / FULL_SCALE_E, 0.0, 1.0))


def main():
    radiance = render()
    reference = linear_to_srgb(radiance)
    low = low_light(radiance, np.random.default_rng(NOISE_SEED))
    out = os.path.join(ROOT, "samples")
    for name, img in (("lowlight_reference.png", reference), ("lowlight.png", low)):
        Image.fromarray(np.round(img * 255).astype(np.uint8)).save(os.path.join(out, name), optimize=True)
    print("mean brightness: low-light %.3f, reference %.3f" % (low.mean(), reference.mean()))


if __name__ == "__main__":
    main()
