"""Reading images safely: format check, dimensions, orientation, thumbnails.

Everything here works on bytes already read into memory: originals are opened once,
read-only, by the indexer and never written.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF support (iPhone photos); pi-heif decodes only: LGPL libheif + libde265,
    # unlike pillow-heif's wheels, which also bundle the GPL x265 encoder.
    import pi_heif

    pi_heif.register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pi-heif is a dependency, but keep going
    HEIF_AVAILABLE = False

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".gif", ".tif", ".tiff", ".bmp"}
)
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".m4v"})
MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS
IMAGE_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF", "GIF", "TIFF", "BMP"})

# Thumbnails keep the shorter side at THUMB_SIZE (never enlarged; the longer side at most
# THUMB_MAX_LONG): the grid fits them in its cells, and the image backbone, which takes
# the shorter side at 256 px, reads them instead of decoding the original again.
THUMB_SIZE = 256
THUMB_MAX_LONG = 768
# Full decodes above this many pixels are refused (decompression bombs); JPEGs can still be
# previewed because draft mode decodes them at 1/8 scale.
MAX_DECODE_PIXELS = 120_000_000
Image.MAX_IMAGE_PIXELS = None  # we check sizes ourselves, before decoding
# Damaged TIFF/EXIF blocks are reported per file by the indexer (index_issues); Pillow's own
# warnings about them would only repeat that on stderr.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.TiffImagePlugin")


@dataclass
class ImageInfo:
    """What the indexer learns from an image's pixels and header."""

    format: str
    width: int
    height: int
    orientation: int
    thumbnail_written: bool
    warning: str | None = None


class NotAnImageError(ValueError):
    """The bytes are not an image we can read; the message says why, for the user."""


def thumbnail_path(thumbs_dir: Path, photo_hash: str) -> Path:
    """Where the cached thumbnail of a photo lives."""
    return thumbs_dir / photo_hash[:2] / f"{photo_hash}.jpg"


def to_rgb(im: Image.Image) -> Image.Image:
    """Any Pillow mode (CMYK, 16-bit, palette, alpha, 1-bit) as 8-bit RGB on white."""
    if im.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(im, dtype=np.float32)
        top = 65535.0 if arr.max(initial=0) > 255 else 255.0
        im = Image.fromarray(np.clip(arr / top * 255.0, 0, 255).astype(np.uint8))
    if im.mode in ("P", "PA", "LA", "La", "RGBa") or "A" in im.mode or "transparency" in im.info:
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if im.mode != "RGB":
        return im.convert("RGB")
    return im


def open_image(data: bytes) -> Image.Image:
    """Open image bytes lazily, with a readable error for non-images."""
    if not data:
        raise NotAnImageError("empty file (0 bytes)")
    try:
        im = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise NotAnImageError("not an image (the content is no known image format)") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise NotAnImageError(f"unreadable image header: {exc}") from None
    if im.format not in IMAGE_FORMATS:
        raise NotAnImageError(f"unsupported image format {im.format}")
    return im


def _open_scaled(data: bytes, side: int) -> Image.Image:
    """The image of ``data``, a JPEG set to decode at the smallest DCT scale that keeps
    both sides at least ``side``; other formats refused above ``MAX_DECODE_PIXELS``."""
    im = open_image(data)
    if im.format == "JPEG":
        im.draft("RGB", (side, side))
    elif im.width * im.height > MAX_DECODE_PIXELS:
        raise NotAnImageError(
            f"too large to decode safely ({im.width}×{im.height} = "
            f"{im.width * im.height / 1e6:.0f} MP; limit {MAX_DECODE_PIXELS / 1e6:.0f} MP)"
        )
    return im


def decode_for_display(data: bytes, max_side: int) -> Image.Image:
    """Decode image bytes to an upright RGB image no larger than ``max_side`` (cheaply)."""
    im = _open_scaled(data, max_side)
    im.thumbnail((max_side, max_side), Image.Resampling.BICUBIC, reducing_gap=2.0)
    im = ImageOps.exif_transpose(im) or im
    return to_rgb(im)


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """(w, h) of the thumbnail of a ``width``×``height`` image (see ``THUMB_SIZE``)."""
    scale = min(1.0, THUMB_SIZE / min(width, height), THUMB_MAX_LONG / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def make_thumbnail(data: bytes) -> Image.Image:
    """The upright RGB thumbnail of image bytes: shorter side ``THUMB_SIZE`` (or less for a
    smaller image), longer side at most ``THUMB_MAX_LONG``."""
    im = _open_scaled(data, THUMB_SIZE)
    size = thumbnail_size(*im.size)
    if size != im.size:
        im = im.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0)
    im = ImageOps.exif_transpose(im) or im
    return to_rgb(im)


def write_thumbnail(data: bytes, target: Path) -> None:
    """Make the thumbnail of image bytes and save it at ``target`` (atomically)."""
    write_jpeg_atomic(make_thumbnail(data), target)


def poster_thumbnail(poster: str | Path, target: Path) -> bool:
    """A video's thumbnail from its poster still (instaloader saves one) at ``target``,
    unless one is there; True when ``target`` holds one. A bad poster only costs the
    video its preview."""
    if target.exists():
        return True
    try:
        with open(poster, "rb") as fh:  # read-only
            write_thumbnail(fh.read(), target)
        return True
    except Exception:
        return False


def write_jpeg_atomic(im: Image.Image, target: Path, quality: int = 85) -> None:
    """Save a JPEG so a crash never leaves a half-written file at ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    im.save(tmp, "JPEG", quality=quality, optimize=False)
    os.replace(tmp, target)


def probe_and_thumbnail(data: bytes, thumb: Path | None) -> ImageInfo:
    """Read format, size and orientation; write the thumbnail to ``thumb`` if missing.

    Raises ``NotAnImageError`` for bytes that are not a readable image.
    """
    im = open_image(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about corrupt EXIF; exif.py reports it
            orientation = int(im.getexif().get(0x0112, 1) or 1)
    except Exception:  # garbage EXIF must not stop us
        orientation = 1
    if orientation not in range(1, 9):
        orientation = 1
    width, height = im.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    info = ImageInfo(im.format, width, height, orientation, False)
    if thumb is None or thumb.exists():
        info.thumbnail_written = thumb is not None
        return info
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            write_thumbnail(data, thumb)
        info.thumbnail_written = True
    except NotAnImageError as exc:
        info.warning = f"no preview: {exc}"
    except OSError as exc:
        if "truncated" in str(exc):
            info.warning = "the file is truncated (incomplete copy?); no preview"
        else:
            info.warning = f"no preview: the image data is damaged ({exc})"
    except (ValueError, SyntaxError, Image.DecompressionBombError, MemoryError) as exc:
        info.warning = f"no preview: the image data is damaged ({exc})"
    return info
