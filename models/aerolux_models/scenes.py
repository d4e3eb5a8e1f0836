"""Synthetic high-resolution aerial scenes with labels, seeded and reproducible.

A scene is drawn from `numpy.random.default_rng(seed)` alone, so the same seed gives the same pixels.
It has a textured, varied background (crop fields with rows, grass, bare soil, water, parking lots,
roads with markings, bushes, shadows, debris) and four small foreground classes: buildings (flat or
gabled roofs, cast shadows), vehicles (on roads and parking lots), trees (irregular crowns with
shadows) and swimming pools. Foreground covers at most `MAX_FOREGROUND` of the pixels, the
foreground-background imbalance FarSeg targets. Ground sampling distance: 0.3 m.

Scenes are written as GeoTIFF pairs (RGB uint8 image, uint8 label with a colour table) in a
projected CRS (WGS 84 / UTM zone 33N) through GDAL's Python bindings (Debian: python3-gdal).
"""
import math
from dataclasses import dataclass

import numpy as np

CLASSES = (
    {"name": "background", "color": "#000000"},
    {"name": "building", "color": "#e6194b"},
    {"name": "vehicle", "color": "#ffe119"},
    {"name": "tree", "color": "#3cb44b"},
    {"name": "pool", "color": "#42d4f4"},
)
BACKGROUND, BUILDING, VEHICLE, TREE, POOL = range(5)
EPSG = 32633
PIXEL_SIZE_M = 0.3
MAX_FOREGROUND = 0.10


@dataclass
class Scene:
    seed: int
    image: np.ndarray      # (H, W, 3) uint8 RGB
    labels: np.ndarray     # (H, W) uint8 class index
    geotransform: tuple    # GDAL order: x0, dx, rx, y0, ry, dy
    epsg: int = EPSG

    @property
    def foreground_fraction(self):
        return float(np.mean(self.labels != BACKGROUND))


# ---------------------------------------------------------------------------------------------- noise

def _upsample(coarse, h, w, scale):
    """Bilinear upsampling of a coarse grid to (h, w), grid spacing `scale` pixels."""
    ys = np.arange(h) / scale
    xs = np.arange(w) / scale
    y0 = np.floor(ys).astype(int)
    x0 = np.floor(xs).astype(int)
    fy = (ys - y0)[:, None]
    fx = (xs - x0)[None, :]
    a = coarse[y0][:, x0]
    b = coarse[y0][:, x0 + 1]
    c = coarse[y0 + 1][:, x0]
    d = coarse[y0 + 1][:, x0 + 1]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def smooth_noise(rng, h, w, scale, octaves=1):
    """Value noise with unit-ish amplitude; `scale` is the feature size in pixels."""
    out = np.zeros((h, w))
    amp, total = 1.0, 0.0
    for _ in range(octaves):
        s = max(scale, 1.0)
        coarse = rng.standard_normal((int(h / s) + 3, int(w / s) + 3))
        out += amp * _upsample(coarse, h, w, s)
        total += amp
        amp *= 0.5
        scale /= 2.0
    return out / total


def _blur(img, sigma):
    """Separable Gaussian blur of an (H, W[, C]) float array, reflect borders."""
    if sigma <= 0:
        return img
    r = max(1, int(math.ceil(2.5 * sigma)))
    k = np.exp(-np.arange(-r, r + 1) ** 2 / (2 * sigma ** 2))
    k /= k.sum()
    pad = [(r, r), (0, 0)] + [(0, 0)] * (img.ndim - 2)
    p = np.pad(img, pad, mode="reflect")
    img = sum(k[i] * p[i:i + img.shape[0]] for i in range(2 * r + 1))
    pad = [(0, 0), (r, r)] + [(0, 0)] * (img.ndim - 2)
    p = np.pad(img, pad, mode="reflect")
    return sum(k[i] * p[:, i:i + img.shape[1]] for i in range(2 * r + 1))


# ---------------------------------------------------------------------------------------------- shapes

class _Canvas:
    """Image, labels and occupancy masks being drawn."""

    def __init__(self, h, w):
        self.h, self.w = h, w
        self.rgb = np.zeros((h, w, 3))
        self.labels = np.zeros((h, w), np.uint8)
        self.blocked = np.zeros((h, w), bool)     # roads, water, placed objects
        self.road = np.zeros((h, w), bool)
        self.water = np.zeros((h, w), bool)
        self.parking = np.zeros((h, w), bool)
        self.fg_budget = int(MAX_FOREGROUND * h * w * 0.97)

    def window(self, cx, cy, radius):
        y0, y1 = max(0, int(cy - radius)), min(self.h, int(cy + radius) + 2)
        x0, x1 = max(0, int(cx - radius)), min(self.w, int(cx + radius) + 2)
        if y0 >= y1 or x0 >= x1:
            return None
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float64)
        return (slice(y0, y1), slice(x0, x1)), yy + 0.5, xx + 0.5

    def foreground_used(self):
        return int(np.count_nonzero(self.labels))


def _rect_mask(yy, xx, cx, cy, length, width, angle, corner=0.0):
    """Rotated rectangle (optionally rounded corners); also returns local coordinates (u along, v across)."""
    c, s = math.cos(angle), math.sin(angle)
    u = (xx - cx) * c + (yy - cy) * s
    v = -(xx - cx) * s + (yy - cy) * c
    du = np.abs(u) - (length / 2 - corner)
    dv = np.abs(v) - (width / 2 - corner)
    outside = np.hypot(np.maximum(du, 0), np.maximum(dv, 0))
    return (outside <= corner) & (du <= corner) & (dv <= corner), u, v


def _paint(canvas, where, sl, color):
    region = canvas.rgb[sl]
    region[where] = color if np.ndim(color) == 1 else color[where]


# ---------------------------------------------------------------------------------------------- background

def _land_cover(rng, cv, params):
    h, w = cv.h, cv.w
    n = rng.integers(4, 9)
    seeds = rng.uniform([-0.1 * h, -0.1 * w], [1.1 * h, 1.1 * w], size=(n, 2))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    wy = yy + 25 * smooth_noise(rng, h, w, 90)
    wx = xx + 25 * smooth_noise(rng, h, w, 90)
    d = (wy[None] - seeds[:, 0, None, None]) ** 2 + (wx[None] - seeds[:, 1, None, None]) ** 2
    region = np.argmin(d, axis=0)
    kinds = rng.choice(["field", "grass", "soil", "water", "parking", "meadow"], size=n,
                       p=[0.32, 0.22, 0.16, 0.10, 0.08, 0.12])
    if (kinds == "water").sum() > 1:  # at most one water body
        kinds[np.flatnonzero(kinds == "water")[1:]] = "grass"
    fine = smooth_noise(rng, h, w, 3)
    mid = smooth_noise(rng, h, w, 20, octaves=2)
    for i, kind in enumerate(kinds):
        m = region == i
        if not m.any():
            continue
        if kind == "field":
            base = np.array(rng.choice([[110, 140, 60], [170, 160, 90], [150, 120, 80], [95, 125, 55],
                                        [190, 175, 110]])) + rng.normal(0, 10, 3)
            theta = rng.uniform(0, math.pi)
            period = rng.uniform(5, 14)
            rows = np.sin((xx * math.cos(theta) + yy * math.sin(theta)) * 2 * math.pi / period)
            shade = 1 + 0.10 * rows + 0.05 * mid + 0.04 * fine
        elif kind == "grass":
            base = np.array([85, 120, 60]) + rng.normal(0, 12, 3)
            shade = 1 + 0.12 * mid + 0.06 * fine
        elif kind == "meadow":
            base = np.array([120, 135, 80]) + rng.normal(0, 12, 3)
            shade = 1 + 0.18 * smooth_noise(rng, h, w, 8) + 0.06 * fine
        elif kind == "soil":
            base = np.array([150, 120, 90]) + rng.normal(0, 12, 3)
            shade = 1 + 0.10 * mid + 0.09 * fine
        elif kind == "water":
            base = np.array([45, 75, 95]) + rng.normal(0, 8, 3)
            shade = 1 + 0.06 * mid + 0.03 * np.sin(yy * 0.9 + 3 * mid)
            cv.water |= m
        else:  # parking lot / paved yard
            base = np.array([120, 120, 118]) + rng.normal(0, 8, 3)
            theta = rng.uniform(0, math.pi)
            u = xx * math.cos(theta) + yy * math.sin(theta)
            stripes = (np.mod(u, 10.0) < 1.0).astype(float)
            shade = 1 + 0.05 * mid + 0.05 * fine + 0.45 * stripes * (fine > -0.3)
            cv.parking |= m
            cv.parking_angle = theta + math.pi / 2
        cv.rgb[m] = np.clip(base[None] * shade[m][:, None], 0, 255)
    cv.blocked |= cv.water
    # hedges / field margins along region boundaries
    edge = np.zeros((h, w), bool)
    edge[:-1] |= region[:-1] != region[1:]
    edge[:, :-1] |= region[:, :-1] != region[:, 1:]
    hedge = _blur(edge.astype(float), 1.2) > 0.15
    hedge &= ~cv.water & (smooth_noise(rng, h, w, 30) > -0.2)
    cv.rgb[hedge] = cv.rgb[hedge] * 0.55 + np.array([40, 60, 30]) * 0.45


def _roads(rng, cv, params):
    h, w = cv.h, cv.w
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    cv.road_lines = []
    for _ in range(rng.integers(1, 4)):
        angle = rng.uniform(0, math.pi)
        px, py = rng.uniform(0.15 * w, 0.85 * w), rng.uniform(0.15 * h, 0.85 * h)
        width = rng.uniform(18, 30)
        nx, ny = -math.sin(angle), math.cos(angle)
        bend = 12 * smooth_noise(rng, h, w, 200)
        dist = (xx - px) * nx + (yy - py) * ny + bend
        along = (xx - px) * math.cos(angle) + (yy - py) * math.sin(angle)
        m = np.abs(dist) <= width / 2
        asphalt = np.array([95, 95, 98]) + rng.normal(0, 8, 3)
        tex = 1 + 0.05 * smooth_noise(rng, h, w, 2) + 0.04 * smooth_noise(rng, h, w, 25)
        cv.rgb[m] = np.clip(asphalt[None] * tex[m][:, None], 0, 255)
        verge = (np.abs(dist) > width / 2) & (np.abs(dist) <= width / 2 + 2) & ~cv.water
        cv.rgb[verge] = cv.rgb[verge] * 0.5 + np.array([160, 155, 140]) * 0.5
        dash = (np.abs(dist) <= 0.8) & (np.mod(along, 30.0) < 15.0)
        cv.rgb[dash] = np.array([225, 225, 215])
        cv.road |= m
        cv.road_lines.append((px, py, angle, width))
    cv.blocked |= cv.road


def _cast_shadow(cv, sl, footprint, dx, dy, strength):
    """Shadow of `footprint` (bool mask at slice sl) displaced by (dx, dy), swept, on non-foreground pixels."""
    ys, xs = np.nonzero(footprint)
    if ys.size == 0:
        return
    steps = max(1, int(math.hypot(dx, dy)))
    oy, ox = sl[0].start, sl[1].start
    shade = np.zeros((cv.h, cv.w), bool)
    for t in range(1, steps + 1):
        yy = np.clip(np.round(ys + oy + dy * t / steps).astype(int), 0, cv.h - 1)
        xx = np.clip(np.round(xs + ox + dx * t / steps).astype(int), 0, cv.w - 1)
        shade[yy, xx] = True
    shade &= cv.labels == BACKGROUND
    cv.rgb[shade] *= strength


def _buildings(rng, cv, params):
    count = rng.integers(2, 10)
    roofs = [[170, 80, 60], [150, 150, 150], [90, 90, 95], [130, 95, 75], [200, 195, 185], [110, 60, 50]]
    placed = []
    for _ in range(count * 4):
        if len(placed) >= count:
            break
        length, width = rng.uniform(24, 70), rng.uniform(18, 48)
        cx, cy = rng.uniform(0, cv.w), rng.uniform(0, cv.h)
        angle = rng.uniform(0, math.pi)
        if cv.road_lines and rng.random() < 0.7:  # align with a road
            angle = cv.road_lines[rng.integers(len(cv.road_lines))][2]
        win = cv.window(cx, cy, math.hypot(length, width) / 2 + 2)
        if win is None:
            continue
        sl, yy, xx = win
        m, u, v = _rect_mask(yy, xx, cx, cy, length, width, angle)
        grown, _, _ = _rect_mask(yy, xx, cx, cy, length + 8, width + 8, angle)
        if not m.any() or (cv.blocked[sl] & grown).any():
            continue
        if cv.foreground_used() + m.sum() > cv.fg_budget:
            break
        _cast_shadow(cv, sl, m, params["shadow_dx"] * 1.6, params["shadow_dy"] * 1.6, params["shadow"])
        roof = np.array(roofs[rng.integers(len(roofs))]) + rng.normal(0, 10, 3)
        tex = 1 + 0.04 * rng.standard_normal(m.shape)
        if rng.random() < 0.5:  # gabled: two slopes lit differently, a ridge line
            side = np.where(v > 0, 1.0 + params["sun_side"], 1.0 - params["sun_side"])
            tex = tex * side
            tex[np.abs(v) < 0.8] *= 1.15
        else:  # flat roof with a parapet and a few rooftop units
            edge = (np.abs(u) > length / 2 - 2) | (np.abs(v) > width / 2 - 2)
            tex = tex * np.where(edge, 0.85, 1.0)
            for _ in range(rng.integers(0, 4)):
                au, av = rng.uniform(-length / 3, length / 3), rng.uniform(-width / 3, width / 3)
                unit = (np.abs(u - au) < 2.5) & (np.abs(v - av) < 2.0)
                tex = np.where(unit, 1.3, tex)
        color = np.clip(roof[None, None, :] * tex[..., None], 0, 255)
        _paint(cv, m, sl, color)
        cv.labels[sl][m] = BUILDING
        cv.blocked[sl] |= grown
        placed.append((cx, cy, length, width, angle))
    return placed


def _pools(rng, cv, params, buildings):
    for (bx, by, bl, bw, ba) in buildings:
        if rng.random() > 0.45:
            continue
        length, width = rng.uniform(12, 30), rng.uniform(8, 18)
        side = 1 if rng.random() < 0.5 else -1
        off = bw / 2 + width / 2 + rng.uniform(6, 12)
        cx = bx - side * math.sin(ba) * off
        cy = by + side * math.cos(ba) * off
        win = cv.window(cx, cy, math.hypot(length, width) / 2 + 4)
        if win is None:
            continue
        sl, yy, xx = win
        m, u, v = _rect_mask(yy, xx, cx, cy, length, width, ba, corner=min(3.0, width / 3))
        deck, _, _ = _rect_mask(yy, xx, cx, cy, length + 5, width + 5, ba, corner=2.0)
        if not m.any() or (cv.blocked[sl] & deck).any():
            continue
        if cv.foreground_used() + m.sum() > cv.fg_budget:
            break
        _paint(cv, deck & ~m, sl, np.array([205, 200, 190]) + rng.normal(0, 6, 3))
        water = np.array([40, 175, 200]) + rng.normal(0, 12, 3)
        ripple = 1 + 0.06 * np.sin(u * 0.8 + v * 0.5) + 0.03 * rng.standard_normal(m.shape)
        shade = np.where(np.abs(v) > width / 2 - 1.5, 0.85, 1.0)  # wall shadow at the rim
        _paint(cv, m, sl, np.clip(water[None, None] * (ripple * shade)[..., None], 0, 255))
        cv.labels[sl][m] = POOL
        cv.blocked[sl] |= deck


def _crown(rng, yy, xx, cx, cy, r):
    ang = np.arctan2(yy - cy, xx - cx)
    k = rng.uniform(0, 2 * math.pi, 3)
    rr = r * (1 + 0.12 * np.sin(3 * ang + k[0]) + 0.08 * np.sin(5 * ang + k[1]) + 0.05 * np.sin(7 * ang + k[2]))
    return np.hypot(yy - cy, xx - cx) <= rr


def _trees(rng, cv, params):
    clusters = rng.integers(1, 6)
    centres = [(rng.uniform(0, cv.w), rng.uniform(0, cv.h)) for _ in range(clusters)]
    n = rng.integers(8, 45)
    for i in range(n):
        if rng.random() < 0.75:
            gx, gy = centres[rng.integers(clusters)]
            cx, cy = gx + rng.normal(0, 35), gy + rng.normal(0, 35)
        else:
            cx, cy = rng.uniform(0, cv.w), rng.uniform(0, cv.h)
        r = rng.uniform(5, 14)
        win = cv.window(cx, cy, r * 1.3 + 2)
        if win is None:
            continue
        sl, yy, xx = win
        m = _crown(rng, yy, xx, cx, cy, r)
        if not m.any() or (cv.blocked[sl] & m).any():
            continue
        new = m & (cv.labels[sl] == BACKGROUND)
        if cv.foreground_used() + new.sum() > cv.fg_budget:
            break
        _cast_shadow(cv, sl, m, params["shadow_dx"], params["shadow_dy"], params["shadow"])
        green = np.array([50, 85, 40]) + rng.normal(0, 9, 3)
        d = np.hypot(yy - cy, xx - cx) / r
        lit = 1 + 0.25 * (((xx - cx) * -params["sun_x"] + (yy - cy) * -params["sun_y"]) / r)
        lumps = 1 + 0.15 * np.sin(xx * 1.3 + rng.uniform(0, 6)) * np.sin(yy * 1.1 + rng.uniform(0, 6))
        tex = lit * lumps * (1 - 0.2 * d ** 2) + 0.08 * rng.standard_normal(m.shape)
        _paint(cv, m, sl, np.clip(green[None, None] * tex[..., None], 0, 255))
        cv.labels[sl][m] = TREE


def _vehicles(rng, cv, params):
    colors = [[235, 235, 235], [30, 30, 35], [170, 170, 175], [150, 30, 30], [35, 60, 140], [200, 200, 205],
              [90, 90, 95]]
    n = rng.integers(4, 28)
    parking = np.argwhere(cv.parking & ~cv.blocked)
    for _ in range(n * 3):
        if n <= 0:
            break
        if cv.road_lines and (len(parking) == 0 or rng.random() < 0.6):
            px, py, angle, width = cv.road_lines[rng.integers(len(cv.road_lines))]
            t = rng.uniform(-cv.w, cv.w)
            lane = (1 if rng.random() < 0.5 else -1) * width / 4
            cx = px + t * math.cos(angle) - lane * math.sin(angle)
            cy = py + t * math.sin(angle) + lane * math.cos(angle)
            road = True
        elif len(parking):
            cy, cx = parking[rng.integers(len(parking))] + 0.5
            angle = getattr(cv, "parking_angle", 0.0) + rng.normal(0, 0.05)
            road = False
        else:
            break
        length, width = rng.uniform(13, 17), rng.uniform(5.5, 7)
        win = cv.window(cx, cy, length / 2 + 2)
        if win is None:
            continue
        sl, yy, xx = win
        m, u, v = _rect_mask(yy, xx, cx, cy, length, width, angle, corner=1.5)
        if not m.any() or (cv.labels[sl][m] != BACKGROUND).any():
            continue
        if road and not cv.road[sl][m].all():
            continue
        if not road and (cv.blocked[sl] & m).any():
            continue
        if cv.foreground_used() + m.sum() > cv.fg_budget:
            break
        _cast_shadow(cv, sl, m, params["shadow_dx"] * 0.3, params["shadow_dy"] * 0.3, params["shadow"])
        body = np.array(colors[rng.integers(len(colors))]) + rng.normal(0, 8, 3)
        front = 1 if rng.random() < 0.5 else -1
        tex = np.ones(m.shape)
        tex[(u * front > length * 0.08) & (u * front < length * 0.28)] = 0.45   # windscreen
        tex[(u * front < -length * 0.30) & (u * front > -length * 0.42)] = 0.6  # rear window
        _paint(cv, m, sl, np.clip(body[None, None] * tex[..., None], 0, 255))
        cv.labels[sl][m] = VEHICLE
        cv.blocked[sl] |= m
        n -= 1


def _distractors(rng, cv, params):
    """Background things that look a bit like foreground: bushes, debris, blue tarps, dark patches."""
    for _ in range(rng.integers(10, 60)):  # bushes: small dark-green blobs
        cx, cy, r = rng.uniform(0, cv.w), rng.uniform(0, cv.h), rng.uniform(1.5, 4.0)
        win = cv.window(cx, cy, r + 1)
        if win is None:
            continue
        sl, yy, xx = win
        m = (np.hypot(yy - cy, xx - cx) <= r) & (cv.labels[sl] == BACKGROUND) & ~cv.road[sl]
        _paint(cv, m, sl, np.array([55, 80, 45]) + rng.normal(0, 8, 3))
    for _ in range(rng.integers(0, 8)):  # debris / containers / tarps on soil and yards
        cx, cy = rng.uniform(0, cv.w), rng.uniform(0, cv.h)
        length, width, angle = rng.uniform(5, 18), rng.uniform(3, 8), rng.uniform(0, math.pi)
        win = cv.window(cx, cy, length / 2 + 2)
        if win is None:
            continue
        sl, yy, xx = win
        m, _, _ = _rect_mask(yy, xx, cx, cy, length, width, angle)
        m &= (cv.labels[sl] == BACKGROUND) & ~cv.water[sl]
        color = [[60, 110, 170], [210, 205, 195], [170, 90, 60], [80, 80, 80]][rng.integers(4)]
        _paint(cv, m, sl, np.array(color) + rng.normal(0, 10, 3))


def generate_scene(seed, size=512, width=None):
    """One scene of size x size (or size x width) pixels from `seed`."""
    h, w = int(size), int(width or size)
    rng = np.random.default_rng(seed)
    sun = rng.uniform(0, 2 * math.pi)
    shadow_len = rng.uniform(5, 12)
    params = {
        "sun_x": math.cos(sun), "sun_y": math.sin(sun),
        "shadow_dx": -math.cos(sun) * shadow_len, "shadow_dy": -math.sin(sun) * shadow_len,
        "shadow": rng.uniform(0.45, 0.65), "sun_side": rng.uniform(0.08, 0.2),
    }
    cv = _Canvas(h, w)
    _land_cover(rng, cv, params)
    _roads(rng, cv, params)
    buildings = _buildings(rng, cv, params)
    _pools(rng, cv, params, buildings)
    _trees(rng, cv, params)
    _vehicles(rng, cv, params)
    _distractors(rng, cv, params)
    # camera: colour cast, illumination gradient and haze, optics blur, sensor noise
    rgb = cv.rgb * rng.uniform(0.85, 1.15, 3)[None, None]
    gain = 1 + 0.12 * smooth_noise(rng, h, w, 250)
    rgb = rgb * rng.uniform(0.75, 1.2) * gain[..., None]
    haze = rng.uniform(0, 0.15)
    rgb = rgb * (1 - haze) + 200 * haze
    rgb = _blur(rgb, rng.uniform(0.5, 0.9))
    rgb = rgb + rng.normal(0, rng.uniform(1.5, 4.5), rgb.shape)
    image = np.clip(np.round(rgb), 0, 255).astype(np.uint8)
    x0 = 400000.0 + (seed % 997) * 160.0
    y0 = 5100000.0 - ((seed // 997) % 997) * 160.0
    return Scene(seed, image, cv.labels.copy(), (x0, PIXEL_SIZE_M, 0.0, y0, 0.0, -PIXEL_SIZE_M))


# ---------------------------------------------------------------------------------------------- GeoTIFF

def _hex_rgb(color):
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def write_scene(scene, image_path, label_path):
    """Writes the image (3-band RGB uint8) and labels (1-band uint8 with colour table) as GeoTIFFs."""
    from osgeo import gdal, osr
    gdal.UseExceptions()
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(scene.epsg)
    h, w = scene.labels.shape
    drv = gdal.GetDriverByName("GTiff")
    opts = ["COMPRESS=DEFLATE", "PREDICTOR=2", "TILED=NO"]
    ds = drv.Create(image_path, w, h, 3, gdal.GDT_Byte, opts + ["PHOTOMETRIC=RGB"])
    ds.SetGeoTransform(scene.geotransform)
    ds.SetProjection(srs.ExportToWkt())
    for b, name in enumerate(("red", "green", "blue")):
        band = ds.GetRasterBand(b + 1)
        band.WriteArray(scene.image[:, :, b])
        band.SetColorInterpretation([gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand][b])
        band.SetDescription(name)
    ds.SetMetadataItem("AEROLUX_SCENE_SEED", str(scene.seed))
    ds = None
    ds = drv.Create(label_path, w, h, 1, gdal.GDT_Byte, opts)
    ds.SetGeoTransform(scene.geotransform)
    ds.SetProjection(srs.ExportToWkt())
    band = ds.GetRasterBand(1)
    band.WriteArray(scene.labels)
    table = gdal.ColorTable()
    for i, c in enumerate(CLASSES):
        table.SetColorEntry(i, _hex_rgb(c["color"]) + (255,))
    band.SetRasterColorTable(table)
    band.SetDescription("class")
    ds.SetMetadataItem("AEROLUX_CLASSES", ",".join(c["name"] for c in CLASSES))
    ds.SetMetadataItem("AEROLUX_SCENE_SEED", str(scene.seed))
    ds = None


def read_raster(path):
    """(array, geotransform, projection WKT); array is (H, W) for one band, else (H, W, bands)."""
    from osgeo import gdal
    gdal.UseExceptions()
    ds = gdal.Open(path)
    arr = ds.ReadAsArray()
    if arr.ndim == 3:
        arr = np.transpose(arr, (1, 2, 0))
    out = (np.ascontiguousarray(arr), ds.GetGeoTransform(), ds.GetProjection())
    ds = None
    return out
