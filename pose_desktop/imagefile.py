"""Opening image files without trusting them (every decode in pose_desktop goes through here).

- The header is parsed under a read budget (``HEADER_BUDGET``): a file whose header never
  ends (a JPEG marker followed by gigabytes of zeros, an interrupted download) is refused
  in a fraction of a second instead of being scanned byte by byte.
- The pixel count is checked from the header before anything is decoded: a 400 kB PNG
  that declares 20000×20000 pixels is refused before it can take gigabytes. JPEGs are
  decoded with libjpeg's DCT scaling (1/2 to 1/8), so their limit applies to the scaled
  size: even the largest JPEG (65535² px) decodes at 1/8 in about 200 MB.
- Pillow's own limit (``Image.MAX_IMAGE_PIXELS``) is set as a backstop for any decode
  that does not come through here, above the largest JPEG so those still open.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO

from PIL import Image

# Full decodes above this many pixels are refused (decompression bombs): ~360 MB as RGB.
MAX_DECODE_PIXELS = 120_000_000
# Bytes an image header may take to parse (EXIF, ICC, XMP included); real ones take < 1 MB.
HEADER_BUDGET = 8 * 1024 * 1024
# Pillow refuses to open anything above 2× this (the largest JPEG is 65535² = 4.3 GP).
Image.MAX_IMAGE_PIXELS = 65535 * 65535 // 2 + 1

try:  # HEIC/HEIF support (iPhone photos); pi-heif decodes only: LGPL libheif + libde265,
    # unlike pillow-heif's wheels, which also bundle the GPL x265 encoder.
    import pi_heif

    pi_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pi-heif is a dependency, but keep going
    HEIF_AVAILABLE = False


class ImageRefused(ValueError):
    """The image is refused before decoding; the message says why, for the user."""


class _HeaderBudget(io.RawIOBase):
    """A seekable reader that raises ``ImageRefused`` once more than ``budget`` bytes are read
    while ``limited`` is set (while Pillow parses the header)."""

    def __init__(self, fp: BinaryIO, budget: int) -> None:
        super().__init__()
        self._fp = fp
        self.left = budget
        self.limited = True

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fp.seek(offset, whence)

    def tell(self) -> int:
        return self._fp.tell()

    def read(self, size: int | None = -1) -> bytes:
        if self.limited:
            if size is None or size < 0 or size > self.left:
                size = self.left + 1
            data = self._fp.read(size)
            self.left -= len(data)
            if self.left < 0:
                raise ImageRefused(
                    f"no image header in the first {HEADER_BUDGET // (1024 * 1024)} MB "
                    "(an incomplete download or not an image)")
            return data
        return self._fp.read(-1 if size is None else size)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._fp.close()
        super().close()


def open_image(source: bytes | str | os.PathLike | BinaryIO) -> Image.Image:
    """Open image bytes, a path or a binary file lazily (nothing decoded), its header read
    within ``HEADER_BUDGET``. Raises ``ImageRefused`` for a header that never ends, and
    what ``Image.open`` raises for other bad input."""
    if isinstance(source, bytes | bytearray | memoryview):
        fp: BinaryIO = io.BytesIO(source)
    elif isinstance(source, str | os.PathLike):
        fp = open(Path(source), "rb")  # read-only: originals are never written
    else:
        fp = source
    budget = _HeaderBudget(fp, HEADER_BUDGET)
    # buffered: Pillow scans some headers a byte at a time
    guarded = io.BufferedReader(budget, buffer_size=64 * 1024)
    try:
        im = Image.open(guarded)
    except BaseException:
        if fp is not source:
            guarded.close()
        raise
    budget.limited = False
    if fp is not source:
        # ours to close, as when Pillow opens a path itself: ``with`` and ``load()`` close it
        im._exclusive_fp = True
    return im


def check_pixels(im: Image.Image, max_side: int | None = None) -> Image.Image:
    """Raise ``ImageRefused`` when decoding ``im`` would exceed ``MAX_DECODE_PIXELS``. With
    ``max_side``, a JPEG is first set to decode at the smallest DCT scale keeping both sides
    ≥ ``max_side``, so the check applies to the size it decodes at (a caller may set its own
    scale with ``im.draft`` before). Returns ``im``."""
    if max_side is not None and im.format in ("JPEG", "MPO"):
        im.draft(im.mode, (max_side, max_side))
    if im.width * im.height > MAX_DECODE_PIXELS:
        raise ImageRefused(
            f"too large to decode safely ({im.width}×{im.height} = "
            f"{im.width * im.height / 1e6:.0f} MP; limit {MAX_DECODE_PIXELS / 1e6:.0f} MP)")
    return im


def pixels_ok(im: Image.Image) -> bool:
    """Whether ``im`` can be decoded at its full size within ``MAX_DECODE_PIXELS``."""
    return im.width * im.height <= MAX_DECODE_PIXELS
