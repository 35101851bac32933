"""Pure pre- and post-processing: numpy (and PIL resampling) in, numpy out; no I/O, no state.

Every model class composes these; tests call them directly. Images are ``uint8`` arrays
``H×W×3`` RGB unless a name says otherwise; boxes are ``[x1, y1, x2, y2]`` in pixels.
"""

from __future__ import annotations

import sys

import numpy as np
from PIL import Image

# --- generic -------------------------------------------------------------------------


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Numerically stable softmax along ``axis``."""
    x = np.asarray(x, dtype=np.float32)
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def l2_normalize(x: np.ndarray, axis: int = -1, eps: float = 1e-10) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    x = np.asarray(x, dtype=np.float32)
    return x / np.maximum(np.linalg.norm(x, axis=axis, keepdims=True), eps)


def resize(
    image: np.ndarray | Image.Image, size: tuple[int, int], resample: int = Image.BILINEAR
) -> np.ndarray:
    """``image`` (array or PIL) resized to ``size`` = (width, height), as an array."""
    if isinstance(image, Image.Image):
        return np.asarray(image if image.size == size else image.resize(size, resample, reducing_gap=None))
    if image.shape[1] == size[0] and image.shape[0] == size[1]:
        return image
    return np.asarray(Image.fromarray(image).resize(size, resample, reducing_gap=None))


def as_rgb(image: np.ndarray | Image.Image) -> np.ndarray | Image.Image:
    """The image in RGB, in the form it came: a PIL image, or an ``H×W×3`` uint8 array
    (grey arrays get three equal channels). RGB input is returned as is, not copied."""
    if isinstance(image, Image.Image):
        return image if image.mode == "RGB" else image.convert("RGB")
    return image if image.ndim == 3 else np.repeat(image[..., None], 3, axis=2)


def image_size(image: np.ndarray | Image.Image) -> tuple[int, int]:
    """(width, height) of a PIL image or an array."""
    return image.size if isinstance(image, Image.Image) else (image.shape[1], image.shape[0])


def fit_within(width: int, height: int, max_side: int) -> tuple[int, int]:
    """(w, h) scaled down (never up) so the longer side is at most ``max_side``."""
    scale = min(1.0, max_side / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def to_grey(image: np.ndarray) -> np.ndarray:
    """ITU-R 601 luma of an RGB image, ``uint8`` H×W (grey input is returned as is)."""
    if image.ndim == 2:
        return image
    rgb = image.astype(np.float32)
    grey = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    return np.clip(grey + 0.5, 0, 255).astype(np.uint8)


def planes(image: Image.Image) -> np.ndarray:
    """The ``C×H×W`` uint8 channel planes of a PIL image (from its bands: no transpose)."""
    bands = image.split()
    out = np.empty((len(bands), image.height, image.width), dtype=np.uint8)
    for k, band in enumerate(bands):
        out[k] = np.asarray(band)
    return out


def planes_to_nchw(planes: np.ndarray, offset: float = 0.0, scale: float = 1.0) -> np.ndarray:
    """``C×H×W`` uint8 planes → float32 ``1×C×H×W`` network input ``(x - offset) * scale``
    (two contiguous passes; from an ``H×W×C`` array the transpose alone costs as much)."""
    out = np.empty((1,) + planes.shape, dtype=np.float32)
    np.subtract(planes, np.float32(offset), out=out[0], dtype=np.float32)
    out *= np.float32(scale)
    return out


# --- boxes ---------------------------------------------------------------------------


def box_area(boxes: np.ndarray) -> np.ndarray:
    """Areas of ``N×4`` boxes."""
    return np.clip(boxes[:, 2] - boxes[:, 0], 0, None) * np.clip(boxes[:, 3] - boxes[:, 1], 0, None)


def iou(box: np.ndarray, boxes: np.ndarray, mode: str = "union") -> np.ndarray:
    """Overlap of one box with ``N×4`` boxes: intersection over union (or over the smaller)."""
    boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
    x1 = np.maximum(box[0], boxes[:, 0])
    y1 = np.maximum(box[1], boxes[:, 1])
    x2 = np.minimum(box[2], boxes[:, 2])
    y2 = np.minimum(box[3], boxes[:, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    a = box_area(np.asarray(box, dtype=np.float32)[None])[0]
    b = box_area(boxes)
    denom = np.minimum(a, b) if mode == "min" else a + b - inter
    return inter / np.maximum(denom, 1e-9)


def nms(
    boxes: np.ndarray, scores: np.ndarray, threshold: float, mode: str = "union",
    limit: int | None = None, block: int = 64,
) -> np.ndarray:
    """Indices kept by greedy non-maximum suppression, best score first (at most ``limit``:
    the same as cutting the full result, without the work for the boxes past it). Boxes
    overlap by intersection over union, or over the smaller box for ``mode="min"``.

    Exactly the greedy result, computed ``block`` boxes at a time: the next ``block``
    boxes still alive settle among themselves (a small overlap matrix and a short loop),
    then the ones kept suppress every later box in one vectorised step. P-Net's dense
    candidates keep about half their boxes, where one numpy round per kept box cost ~3x more.
    """
    boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)
    order = np.argsort(-np.asarray(scores), kind="stable")
    n = len(order)
    x1, y1, x2, y2 = np.ascontiguousarray(boxes[order].T)  # by score, one array per side
    area = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    smaller = mode == "min"

    def overlapping(a: np.ndarray, b: np.ndarray | slice) -> np.ndarray:
        """``len(a)×len(b)`` bool: box ``a[i]`` overlaps box ``b[j]`` by more than
        ``threshold`` (``a``: indices; ``b``: indices or a slice)."""
        w = np.minimum(x2[a][:, None], x2[b])
        w -= np.maximum(x1[a][:, None], x1[b])
        h = np.minimum(y2[a][:, None], y2[b])
        h -= np.maximum(y1[a][:, None], y1[b])
        np.maximum(w, 0, out=w)
        np.maximum(h, 0, out=h)
        inter = np.multiply(w, h, out=w)
        if smaller:
            denom = np.minimum(area[a][:, None], area[b])
        else:
            denom = area[a][:, None] + area[b]
            denom -= inter
        np.maximum(denom, 1e-9, out=denom)
        denom *= threshold
        return inter > denom

    alive = np.ones(n, dtype=bool)
    keep: list[int] = []
    start = 0
    while start < n and len(keep) != limit:
        idx = np.flatnonzero(alive[start : start + 4 * block])[:block] + start
        if not idx.size:
            start += 4 * block
            continue
        inner = overlapping(idx, idx)
        dead = np.zeros(len(idx), dtype=bool)
        kept: list[int] = []
        for j in range(len(idx)):
            if dead[j]:
                continue
            kept.append(j)
            if len(keep) + len(kept) == limit:
                break
            dead |= inner[j]
        kept_idx = idx[kept]
        keep.extend(kept_idx.tolist())
        last = int(idx[-1])
        if last + 1 < n and len(keep) != limit:
            alive[last + 1 :] &= ~overlapping(kept_idx, slice(last + 1, None)).any(0)
        start = last + 1
    return order[np.asarray(keep, dtype=np.int64)]


def clip_boxes(boxes: np.ndarray, width: int, height: int) -> np.ndarray:
    """``N×4`` boxes cut to the image ``[0, width] × [0, height]``."""
    out = np.asarray(boxes, dtype=np.float32).copy()
    out[:, [0, 2]] = np.clip(out[:, [0, 2]], 0, width)
    out[:, [1, 3]] = np.clip(out[:, [1, 3]], 0, height)
    return out


def square_boxes(boxes: np.ndarray) -> np.ndarray:
    """Boxes grown to squares around the same centre (side = the longer side)."""
    out = boxes.copy()
    w = boxes[:, 2] - boxes[:, 0]
    h = boxes[:, 3] - boxes[:, 1]
    side = np.maximum(w, h)
    out[:, 0] = boxes[:, 0] + w * 0.5 - side * 0.5
    out[:, 1] = boxes[:, 1] + h * 0.5 - side * 0.5
    out[:, 2] = out[:, 0] + side
    out[:, 3] = out[:, 1] + side
    return out


def apply_box_regression(boxes: np.ndarray, reg: np.ndarray) -> np.ndarray:
    """Boxes moved by regression offsets given as fractions of their width / height."""
    out = boxes.copy()
    w = boxes[:, 2] - boxes[:, 0] + 1
    h = boxes[:, 3] - boxes[:, 1] + 1
    out[:, 0] = boxes[:, 0] + reg[:, 0] * w
    out[:, 1] = boxes[:, 1] + reg[:, 1] * h
    out[:, 2] = boxes[:, 2] + reg[:, 2] * w
    out[:, 3] = boxes[:, 3] + reg[:, 3] * h
    return out


def crop_patches(image: np.ndarray | Image.Image, boxes: np.ndarray, size: int) -> np.ndarray:
    """``N×size×size×C`` patches of ``boxes`` (zero outside the image).

    Each box is resampled with PIL's ``resize(box=...)``, which filters over the whole
    source area, so large boxes do not alias. A box inside the image is resampled from a
    crop of just its neighbourhood (the filter's reach, cut at the image edge: the same
    pixels as from the whole image, without copying the whole image per box); otherwise
    the image is zero-padded once so boxes reaching past its edges keep their shape.
    """
    boxes = np.asarray(boxes, dtype=np.float32).reshape(-1, 4)[:, :4]
    if isinstance(image, Image.Image):
        pil = image
        w, h = pil.size
        c = len(pil.getbands())
    else:
        img = image if image.ndim == 3 else image[..., None]
        h, w, c = img.shape
        pil = None
    out = np.zeros((len(boxes), size, size, c), dtype=np.uint8)
    if not len(boxes):
        return out
    reach = max(0.0, float(-boxes[:, 0].min()), float(-boxes[:, 1].min()),
                float(boxes[:, 2].max()) - w, float(boxes[:, 3].max()) - h)
    if reach > 0:
        pad = int(min(np.ceil(reach), max(w, h))) + 1
        arr = np.asarray(pil) if pil is not None else img
        arr = arr if arr.ndim == 3 else arr[..., None]
        arr = np.pad(arr, ((pad, pad), (pad, pad), (0, 0)))
        pil = Image.fromarray(arr[..., 0] if c == 1 else arr)
        boxes = boxes + pad
        w, h = pil.size
    elif pil is None:
        pil = Image.fromarray(img[..., 0] if c == 1 else img)
    for k, (x1, y1, x2, y2) in enumerate(boxes):
        bx1, by1 = min(max(x1, 0.0), w - 1.0), min(max(y1, 0.0), h - 1.0)
        bx2, by2 = min(max(x2, bx1 + 1.0), float(w)), min(max(y2, by1 + 1.0), float(h))
        m = int(np.ceil(max(bx2 - bx1, by2 - by1) / size)) + 2  # the filter's reach, and some
        left, top = max(0, int(bx1) - m), max(0, int(by1) - m)
        region = pil.crop((left, top, min(w, int(np.ceil(bx2)) + m), min(h, int(np.ceil(by2)) + m)))
        patch = np.asarray(region.resize(
            (size, size), Image.BILINEAR, box=(bx1 - left, by1 - top, bx2 - left, by2 - top)
        ))
        out[k] = patch if c > 1 else patch[..., None]
    return out


# The summed-area table packs the three channels of a pixel into one uint64, 21 bits
# apart: one gather per box corner instead of three. The sums wrap modulo 2**64, which is
# harmless: a rectangle's sum (four corners) is exact in every channel as long as it stays
# under 2**21 per channel, i.e. for rectangles of at most PACKED_MAX_AREA pixels.
PACKED_BITS = 21
PACKED_MAX_AREA = ((1 << PACKED_BITS) - 1) // 255  # 8223 pixels, e.g. 90 × 91


def integral_image(image: np.ndarray | Image.Image) -> np.ndarray:
    """Summed-area table of an RGB image (H×W×3 uint8 array or PIL image) for
    ``area_patches``: ``(H+1)×(W+1)`` uint64, zero first row and column, each entry
    ``R + G·2²¹ + B·2⁴²`` of the sums above and left of it, modulo 2⁶⁴ (see ``PACKED_BITS``;
    ``unpack_sums`` reads a rectangle's sums back).

    A PIL image's bands are read as contiguous planes (cheaper than the strided channels
    of an array); the rows are summed one numpy call per row, which beats ``cumsum``
    down the columns of a C-ordered table (same sums, ~1.2 ms less on a 1000×750 photo)."""
    if isinstance(image, Image.Image):
        red, green, blue = (np.asarray(band) for band in as_rgb(image).split())
    else:
        red, green, blue = image[..., 0], image[..., 1], image[..., 2]
    h, w = red.shape
    sat = np.empty((h + 1, w + 1), dtype=np.uint64)
    sat[0] = 0
    sat[:, 0] = 0
    # each pixel written as its two 32-bit words: R + G·2²¹ below, B·2¹⁰ above
    words = sat.view(np.uint32).reshape(h + 1, w + 1, 2)
    lo, hi = (0, 1) if sys.byteorder == "little" else (1, 0)
    low = np.left_shift(green, PACKED_BITS, dtype=np.uint32)
    low |= red
    words[1:, 1:, lo] = low
    np.left_shift(blue, 2 * PACKED_BITS - 32, out=words[1:, 1:, hi], dtype=np.uint32)
    np.cumsum(sat, axis=1, out=sat)
    for y in range(1, h + 1):
        np.add(sat[y - 1], sat[y], out=sat[y])
    return sat


def unpack_sums(packed: np.ndarray) -> list[np.ndarray]:
    """The R, G, B sums of rectangle sums read from an ``integral_image``, as int32 arrays
    (exact for rectangles of at most ``PACKED_MAX_AREA`` pixels).

    Done on the two 32-bit words of each value: cheaper than on 64 bits, and int32
    converts to float32 in SIMD where uint64 does not."""
    words = np.ascontiguousarray(packed, dtype=np.uint64).reshape(-1).view(np.uint32)
    low, high = (words[0::2], words[1::2]) if sys.byteorder == "little" else (words[1::2], words[0::2])
    low, high = low.reshape(packed.shape), high.reshape(packed.shape)
    mask = np.uint32((1 << PACKED_BITS) - 1)
    red = low & mask
    green = low >> np.uint32(PACKED_BITS)
    green |= (high & np.uint32((1 << (2 * PACKED_BITS - 32)) - 1)) << np.uint32(32 - PACKED_BITS)
    blue = high >> np.uint32(2 * PACKED_BITS - 32)
    return [red.view(np.int32), green.view(np.int32), blue.view(np.int32)]


def area_patches(
    sat: np.ndarray, boxes: np.ndarray, size: int, offset: float = 0.0, scale: float = 1.0
) -> np.ndarray:
    """``N×3×size×size`` float32 network inputs ``(mean - offset) * scale`` of integer
    ``boxes`` by area averaging, zero outside the image.

    The detector's path for hundreds of small crops per photo, all in one vectorised
    gather from the ``integral_image``: each output pixel is the mean of its source bin,
    the bins being those of adaptive average pooling (``F.interpolate(mode="area")`` on
    the float image, what facenet-pytorch's MTCNN feeds R-Net and O-Net), so large boxes
    do not alias. Boxes are ``[x1, y1, x2, y2)`` in pixels (fractions are floored).
    Bins over ``PACKED_MAX_AREA`` pixels (boxes over ~90 × ``size`` px) are summed in
    pieces no larger than that, so every mean is exact.
    """
    boxes = np.floor(np.asarray(boxes, dtype=np.float32).reshape(-1, 4)[:, :4]).astype(np.int64)
    hp, wp = sat.shape
    out = np.empty((len(boxes), 3, size, size), dtype=np.float32)
    if not len(boxes):
        return out
    i = np.arange(size, dtype=np.int64)

    def bins(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = np.maximum(hi - lo, 1)[:, None]
        return lo[:, None] + (i[None] * n) // size, lo[:, None] + -((-(i[None] + 1) * n) // size)

    y0, y1 = bins(boxes[:, 1], boxes[:, 3])
    x0, x1 = bins(boxes[:, 0], boxes[:, 2])
    per_area = (scale / ((y1 - y0)[:, :, None] * (x1 - x0)[:, None, :])).astype(np.float32)
    flat = sat.reshape(-1)

    def rect_sums(ya: np.ndarray, yb: np.ndarray, xa: np.ndarray, xb: np.ndarray) -> list[np.ndarray]:
        """Per channel, the sums over rows [ya, yb) × columns [xa, xb) of every bin."""
        ya, yb = np.clip(ya, 0, hp - 1) * wp, np.clip(yb, 0, hp - 1) * wp
        xa, xb = np.clip(xa, 0, wp - 1), np.clip(xb, 0, wp - 1)

        def corner(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
            return np.take(flat, rows[:, :, None] + cols[:, None, :], mode="clip")

        packed = corner(yb, xb)
        packed -= corner(ya, xb)
        packed -= corner(yb, xa)
        packed += corner(ya, xa)
        return unpack_sums(packed)

    bin_h, bin_w = int((y1 - y0).max()), int((x1 - x0).max())
    if bin_h * bin_w <= PACKED_MAX_AREA:
        # Sums below 2**21 are exact in float32, so the float32 product is the correctly
        # rounded mean, as from float64.
        for ch, total in enumerate(rect_sums(y0, y1, x0, x1)):
            np.multiply(total, per_area, out=out[:, ch], dtype=np.float32)
    else:  # huge bins: pieces of at most PACKED_MAX_AREA pixels, summed in int64
        step_x = min(bin_w, PACKED_MAX_AREA)
        step_y = PACKED_MAX_AREA // step_x
        sums = [np.zeros(per_area.shape, np.int64) for _ in range(3)]
        for dy in range(0, bin_h, step_y):
            ya = np.minimum(y0 + dy, y1)
            for dx in range(0, bin_w, step_x):
                xa = np.minimum(x0 + dx, x1)
                parts = rect_sums(ya, np.minimum(ya + step_y, y1), xa, np.minimum(xa + step_x, x1))
                for total, part in zip(sums, parts, strict=True):
                    total += part
        for ch, total in enumerate(sums):
            np.multiply(total, per_area, out=out[:, ch], dtype=np.float64, casting="same_kind")
    out -= offset * scale
    return out


# --- MTCNN (face detector) -----------------------------------------------------------


def mtcnn_scales(width: int, height: int, min_face: float = 20.0, factor: float = 0.709) -> list[float]:
    """Image-pyramid scales so faces from ``min_face`` px up map onto P-Net's 12 px window."""
    m = 12.0 / min_face
    side = min(width, height) * m
    scales = []
    scale = m
    while side >= 12:
        scales.append(scale)
        scale *= factor
        side *= factor
    return scales


def mtcnn_candidates(prob: np.ndarray, reg: np.ndarray, scale: float, threshold: float) -> np.ndarray:
    """P-Net output map (``prob`` H×W face probability, ``reg`` 4×H×W) → candidate rows.

    Each row is ``x1, y1, x2, y2, score, dx1, dy1, dx2, dy2`` in original-image pixels.
    """
    flat = np.flatnonzero(prob >= threshold)
    rows = np.empty((flat.size, 9), dtype=np.float32)
    if not flat.size:
        return rows
    ys, xs = np.divmod(flat, prob.shape[1])
    stride, cell = 2.0, 12.0
    rows[:, 0] = np.floor((stride * xs + 1) / scale)
    rows[:, 1] = np.floor((stride * ys + 1) / scale)
    rows[:, 2] = np.floor((stride * xs + cell) / scale)
    rows[:, 3] = np.floor((stride * ys + cell) / scale)
    rows[:, 4] = prob.reshape(-1)[flat]
    rows[:, 5:] = reg.reshape(4, -1)[:, flat].T
    return rows


def mtcnn_landmarks(boxes: np.ndarray, points: np.ndarray) -> np.ndarray:
    """O-Net's 10 relative values per face (x1..x5, y1..y5) → ``N×5×2`` pixel points."""
    w = boxes[:, 2] - boxes[:, 0] + 1
    h = boxes[:, 3] - boxes[:, 1] + 1
    xs = w[:, None] * points[:, :5] + boxes[:, 0:1] - 1
    ys = h[:, None] * points[:, 5:10] + boxes[:, 1:2] - 1
    return np.stack([xs, ys], axis=2).astype(np.float32)


# --- alignment -----------------------------------------------------------------------


def similarity_transform(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """2×3 similarity (rotation, uniform scale, shift) mapping ``src`` points onto ``dst``.

    Least-squares fit (Umeyama 1991), the way InsightFace aligns faces.
    """
    src = np.asarray(src, dtype=np.float64)
    dst = np.asarray(dst, dtype=np.float64)
    n = src.shape[0]
    mu_s, mu_d = src.mean(0), dst.mean(0)
    s0, d0 = src - mu_s, dst - mu_d
    cov = d0.T @ s0 / n
    u, sig, vt = np.linalg.svd(cov)
    d = np.ones(2)
    if np.linalg.det(cov) < 0:
        d[-1] = -1
    rot = u @ np.diag(d) @ vt
    var_s = (s0**2).sum() / n
    scale = (sig * d).sum() / var_s if var_s > 0 else 1.0
    t = mu_d - scale * rot @ mu_s
    return np.hstack([scale * rot, t[:, None]]).astype(np.float32)


def warp_affine(image: np.ndarray | Image.Image, matrix: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``image`` warped by the 2×3 forward ``matrix`` into a ``size`` = (w, h) canvas."""
    full = np.vstack([matrix.astype(np.float64), [0.0, 0.0, 1.0]])
    inv = np.linalg.inv(full)[:2].ravel()  # PIL wants output → input
    pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
    return np.asarray(pil.transform(size, Image.AFFINE, tuple(inv), resample=Image.BILINEAR))


def warp_chip(image: np.ndarray | Image.Image, matrix: np.ndarray, size: int) -> np.ndarray:
    """``image`` warped by the 2×3 forward ``matrix`` into a ``size×size`` chip, bilinear.

    Where the chip is more than 2× smaller than its source, the region it covers is first
    shrunk by an integer box filter (PIL ``reduce``), so bilinear sampling never skips
    pixels (dlib's ``extract_image_chip`` does the same with an image pyramid).
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    scale = float(np.sqrt(abs(np.linalg.det(matrix[:, :2]))))
    k = int(1.0 / (2.0 * scale)) if scale > 0 else 1
    if k <= 1:
        return warp_affine(image, matrix, (size, size))
    pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
    full = np.vstack([matrix, [0.0, 0.0, 1.0]])
    inv = np.linalg.inv(full)
    corners = np.array([[0, 0, 1], [size, 0, 1], [0, size, 1], [size, size, 1]], dtype=np.float64)
    src = corners @ inv[:2].T
    x0, y0 = np.floor(src.min(0)).astype(int) - 2 * k
    x1, y1 = np.ceil(src.max(0)).astype(int) + 2 * k
    region = pil.crop((int(x0), int(y0), int(x1), int(y1))).reduce(k)  # outside the image: black
    # reduced pixel q is the image point k·q + (x0, y0)
    shrunk = np.hstack([matrix[:, :2] * k, (matrix[:, :2] @ np.array([x0, y0]) + matrix[:, 2])[:, None]])
    return warp_affine(region, shrunk, (size, size))


def align_chip(image: np.ndarray | Image.Image, landmarks: np.ndarray, template: np.ndarray, size: int) -> np.ndarray:
    """The ``size×size`` chip in which the 5 ``landmarks`` land nearest to ``template``
    (a least-squares similarity transform), sampled by ``warp_chip``."""
    return warp_chip(image, similarity_transform(landmarks, template), size)


def expand_box(box: np.ndarray, ratio: float, width: int, height: int) -> np.ndarray:
    """``box`` grown by ``ratio`` of its size on every side, as a square, clipped to the image."""
    x1, y1, x2, y2 = (float(v) for v in box[:4])
    side = max(x2 - x1, y2 - y1) * (1 + 2 * ratio)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    out = np.array([cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2], dtype=np.float32)
    out[[0, 2]] = np.clip(out[[0, 2]], 0, width)
    out[[1, 3]] = np.clip(out[[1, 3]], 0, height)
    return out
