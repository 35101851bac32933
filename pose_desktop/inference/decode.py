"""Decoding a photo once for every analyzer: upright, RGB, at most ``max_side`` pixels.

JPEGs are decoded with libjpeg's DCT scaling (``Image.draft``), which makes a 12 MP photo
about 8× cheaper to decode when the models only need ~1.3 MP. A DCT-scaled size a little
under ``max_side`` (down to ``DCT_SLACK`` of it) is kept as it comes rather than resampled:
a 4000×3000 photo asked for at 1280 px decodes at 1/4 (1000 px, 13 ms) instead of at 1/2
and resampled to 1280 (35 ms). Analyzers that care scale their pixel sizes by
``DecodedImage.detail`` (see ``analysis.faces``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import simplejpeg
from PIL import Image, ImageOps

from pose_desktop import imagefile
from pose_desktop.errors import IngestError

from .transforms import fit_within

DEFAULT_MAX_SIDE = 1280
DCT_SLACK = 0.75


class DecodedImage:
    """An upright RGB image and how it maps back to the original (oriented) pixels.

    Made from a PIL image (``decode_image``) or a uint8 array (``decode_thumbnail``); the
    other form is made on first use of ``image`` / ``pixels``.
    """

    def __init__(
        self, image: Image.Image | np.ndarray, original_size: tuple[int, int], path: str,
        max_side: int = DEFAULT_MAX_SIDE,
    ) -> None:
        self._image = image if isinstance(image, Image.Image) else None
        self._pixels = image if isinstance(image, np.ndarray) else None
        self.original_size = original_size  # (width, height) of the full upright photo
        self.path = path
        self.max_side = max_side  # the longest side asked for

    @property
    def native(self) -> Image.Image | np.ndarray:
        """The decoded image as it came (PIL image or H×W×3 array): for steps that take
        either, so no conversion is paid."""
        return self._image if self._image is not None else self._pixels

    @property
    def image(self) -> Image.Image:
        """Upright RGB PIL image, loaded."""
        if self._image is None:
            self._image = Image.fromarray(self._pixels)
        return self._image

    @property
    def pixels(self) -> np.ndarray:
        """H×W×3 uint8 RGB."""
        if self._pixels is None:
            self._pixels = np.asarray(self._image)
        return self._pixels

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) as decoded."""
        if self._image is not None:
            return self._image.size
        return self._pixels.shape[1], self._pixels.shape[0]

    @property
    def detail(self) -> float:
        """Longest decoded side / ``max_side`` for a photo decoded smaller than it was asked
        for (``DCT_SLACK`` ≤ detail < 1), else 1.0: a photo larger than ``max_side`` holds
        as much detail as asked for times this."""
        longest = max(self.size)
        return longest / self.max_side if longest < self.max_side < max(self.original_size) else 1.0

    @property
    def scale(self) -> float:
        """Decoded width / original width (≤ 1)."""
        return self.size[0] / max(1, self.original_size[0])


def decode_image(path: str | Path, max_side: int = DEFAULT_MAX_SIDE) -> DecodedImage:
    """Read ``path`` upright (EXIF orientation applied), RGB, longer side ≤ ``max_side``."""
    try:
        with imagefile.open_image(path) as im:
            w, h = im.size
            if im.format == "JPEG" and max(w, h) > max_side:
                # the aspect-true target lets libjpeg scale by the most the short side allows
                # (a 4000×3000 photo at max_side 768 decodes at 1/4, not 1/2)
                im.draft("RGB", fit_within(w, h, int(max_side * DCT_SLACK)))
            imagefile.check_pixels(im)  # before anything decodes (a PNG's EXIF search does)
            orientation = 1
            try:
                orientation = int(im.getexif().get(0x0112, 1) or 1)
            except Exception:  # broken EXIF must not stop analysis
                orientation = 1
            upright = (h, w) if orientation in (5, 6, 7, 8) else (w, h)
            im = ImageOps.exif_transpose(im) if orientation != 1 else im
            if im.mode != "RGB":
                im = im.convert("RGB")
            if max(im.size) > max_side:
                scale = max_side / max(im.size)
                size = (max(1, round(im.width * scale)), max(1, round(im.height * scale)))
                im = im.resize(size, Image.BILINEAR, reducing_gap=2.0)
            im.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise IngestError(f"Cannot decode {path}: {exc}") from exc
    return DecodedImage(im, upright, str(path), max_side)


def decode_thumbnail(
    path: str | Path, original_size: tuple[int, int], min_short_side: int, source: str
) -> DecodedImage | None:
    """The cached (upright) thumbnail at ``path`` standing in for the photo ``source`` of
    ``original_size``, if its shorter side has at least ``min_short_side`` px (or the whole
    photo) and its shape matches; None otherwise: missing, unreadable, or an older, smaller
    thumbnail. Decoding a 341×256 thumbnail costs ~0.3 ms against ~17 ms for a 12 MP JPEG
    even at 1/4 scale.

    Thumbnails are always the catalog's own baseline JPEGs, so they are read with
    simplejpeg (libjpeg-turbo, the same pixels as PIL) straight into an array, without
    PIL's per-file parsing in Python.
    """
    try:
        data = Path(path).read_bytes()
        h, w, _, _ = simplejpeg.decode_jpeg_header(data)
        ow, oh = original_size
        if min(w, h) < min(min_short_side, ow, oh) or abs(w / h - ow / oh) > 0.02 * ow / oh:
            return None
        pixels = simplejpeg.decode_jpeg(data, colorspace="RGB")
    except (OSError, ValueError):
        return None
    return DecodedImage(pixels, (ow, oh), source, max(w, h))
