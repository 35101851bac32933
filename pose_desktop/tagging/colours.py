"""Name the main colours of a garment from its pixels (pure numpy, no model).

1. Shrink the image (or the garment region) to ~96 px.
2. Guess the background from the border: k-means on the outer ring's pixels; pixels far
   from every background centre, in the middle part of the frame, are the garment.
3. Name every garment pixel from a fixed palette with HSV rules (13 names), and return
   the names that cover enough of the garment.

HSV rules rather than nearest-palette-colour: people call a dark orange "brown" and a
pale red "pink", which distance to one reference colour gets wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

# name -> (Korean, English); order is the display order.
PALETTE: dict[str, tuple[str, str]] = {
    "black": ("검정", "black"),
    "white": ("흰색", "white"),
    "grey": ("회색", "grey"),
    "beige": ("베이지", "beige"),
    "brown": ("갈색", "brown"),
    "red": ("빨강", "red"),
    "orange": ("주황", "orange"),
    "yellow": ("노랑", "yellow"),
    "green": ("초록", "green"),
    "blue": ("파랑", "blue"),
    "navy": ("남색", "navy"),
    "purple": ("보라", "purple"),
    "pink": ("분홍", "pink"),
}
COLOUR_NAMES: tuple[str, ...] = tuple(PALETTE)
_SIZE = 96


@dataclass(frozen=True)
class GarmentColour:
    """One named colour and the share of garment pixels it covers (0..1)."""

    name: str
    share: float

    @property
    def korean(self) -> str:
        return PALETTE[self.name][0]


def rgb_to_hsv(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) RGB in 0..255 -> (..., 3) HSV with h in degrees, s and v in 0..1."""
    x = rgb.astype(np.float32) / 255.0
    r, g, b = x[..., 0], x[..., 1], x[..., 2]
    mx, mn = x.max(-1), x.min(-1)
    d = mx - mn
    safe = np.where(d == 0, 1.0, d)
    h = np.where(
        mx == r, ((g - b) / safe) % 6, np.where(mx == g, (b - r) / safe + 2, (r - g) / safe + 4)
    )
    h = np.where(d == 0, 0.0, h * 60.0)
    s = np.where(mx == 0, 0.0, d / np.where(mx == 0, 1.0, mx))
    return np.stack([h, s, mx], axis=-1)


def name_pixels(rgb: np.ndarray) -> np.ndarray:
    """Palette index (into COLOUR_NAMES) for each pixel of an (..., 3) RGB array."""
    hsv = rgb_to_hsv(rgb)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    idx = {n: i for i, n in enumerate(COLOUR_NAMES)}
    out = np.full(h.shape, idx["grey"], dtype=np.int8)

    warm = (h >= 8) & (h < 50)
    # Chromatic hues first; achromatic and dark rules below overwrite them.
    out[(h >= 345) | (h < 15)] = idx["red"]
    out[(h >= 15) & (h < 40)] = idx["orange"]
    out[(h >= 40) & (h < 70)] = idx["yellow"]
    out[(h >= 70) & (h < 180)] = idx["green"]
    out[(h >= 180) & (h < 255)] = idx["blue"]
    out[(h >= 255) & (h < 290)] = idx["purple"]
    out[(h >= 290) & (h < 345)] = idx["pink"]
    # pale reds are pink; dark warm colours are brown; pale warm colours are beige
    out[((h >= 345) | (h < 12)) & (s < 0.55) & (v > 0.75)] = idx["pink"]
    out[warm & (v < 0.5) & (s > 0.25)] = idx["brown"]
    out[(h >= 12) & (h < 50) & (s < 0.45) & (v >= 0.5)] = idx["beige"]
    # dark magentas read as purple, not pink
    out[(h >= 290) & (h < 335) & (v < 0.55)] = idx["purple"]
    # dark blues are navy
    out[(h >= 190) & (h < 255) & (v < 0.45)] = idx["navy"]

    achromatic = s < np.where(v > 0.8, 0.10, 0.16)
    out[achromatic & (v >= 0.78)] = idx["white"]
    out[achromatic & (v < 0.78)] = idx["grey"]
    out[(v < 0.16) | ((s < 0.3) & (v < 0.24))] = idx["black"]
    return out


def auto_levels(img: np.ndarray, percentile: float = 98.0, max_gain: float = 1.6) -> np.ndarray:
    """Stretch brightness so the brightest pixels reach white (phone photos run dim).

    One gain for all channels, so hues are kept; capped so a dark photo stays dark.
    """
    top = float(np.percentile(img.max(-1), percentile))
    gain = min(max_gain, 255.0 / max(top, 1.0))
    return np.clip(img.astype(np.float32) * gain, 0, 255).astype(np.uint8)


def _border_centres(img: np.ndarray, k: int = 4, iters: int = 8) -> np.ndarray:
    """k-means centres of the outer ring of pixels (the likely background)."""
    h, w, _ = img.shape
    m = max(2, min(h, w) // 14)
    ring = np.concatenate(
        [img[:m].reshape(-1, 3), img[-m:].reshape(-1, 3), img[:, :m].reshape(-1, 3),
         img[:, -m:].reshape(-1, 3)]
    ).astype(np.float32)
    # Deterministic init: evenly spaced pixels sorted by brightness.
    order = np.argsort(ring.sum(1))
    centres = ring[order[np.linspace(0, len(order) - 1, k).astype(int)]]
    sq = (ring * ring).sum(1)
    for _ in range(iters):
        # squared distances as |x|^2 - 2 x.c + |c|^2: one small matrix product
        d = sq[:, None] - 2.0 * (ring @ centres.T) + (centres * centres).sum(1)[None]
        lab = d.argmin(1)
        counts = np.bincount(lab, minlength=k)
        sums = np.stack([np.bincount(lab, weights=ring[:, c], minlength=k) for c in range(3)], 1)
        filled = counts > 0  # an empty cluster keeps its centre
        centres[filled] = (sums[filled] / counts[filled, None]).astype(np.float32)
    # Drop centres that explain very little of the ring (a garment touching the edge).
    share = counts / len(lab)
    return centres[share >= 0.08]


def garment_mask(img: np.ndarray) -> np.ndarray:
    """Boolean mask of the pixels that look like the garment, not the background."""
    h, w, _ = img.shape
    centres = _border_centres(img)
    px = img.reshape(-1, 3).astype(np.float32)
    d2 = (px * px).sum(1)[:, None] - 2.0 * (px @ centres.T) + (centres * centres).sum(1)[None]
    far = (d2.min(1) > 40.0**2).reshape(h, w)
    yy, xx = np.ogrid[0:h, 0:w]
    inner = (np.abs(yy - h / 2) < h * 0.42) & (np.abs(xx - w / 2) < w * 0.42)
    mask = inner & far
    if mask.sum() < 0.06 * h * w:
        # garment and background alike (white on white): trust the centre instead
        mask = (np.abs(yy - h / 2) < h * 0.25) & (np.abs(xx - w / 2) < w * 0.25)
    if not mask.any():  # a sliver of an image: every pixel counts
        mask = np.ones((h, w), dtype=bool)
    return mask


def garment_colours(
    image: Image.Image,
    box: tuple[float, float, float, float] | None = None,
    *,
    min_share: float = 0.18,
    max_colours: int = 3,
) -> list[GarmentColour]:
    """The garment's main colours, most covering first.

    Args:
        image: the photo (any mode).
        box: optional garment region as fractions (left, top, right, bottom) of the
            image, e.g. the torso below a detected face; default the whole image.
        min_share: a colour must cover at least this share of the garment pixels.
        max_colours: at most this many names.
    """
    if box is not None:
        w, h = image.size
        image = image.crop((int(box[0] * w), int(box[1] * h), int(box[2] * w), int(box[3] * h)))
    img = image.convert("RGB")
    img.thumbnail((_SIZE, _SIZE), Image.Resampling.BILINEAR, reducing_gap=2.0)
    arr = auto_levels(np.asarray(img))
    names = name_pixels(arr[garment_mask(arr)])
    if names.size == 0:
        return []
    counts = np.bincount(names.astype(np.int64), minlength=len(COLOUR_NAMES)) / max(1, len(names))
    order = np.argsort(-counts)
    result = [GarmentColour(COLOUR_NAMES[i], float(counts[i])) for i in order[:max_colours]]
    kept = [c for c in result if c.share >= min_share]
    return kept or result[:1]
