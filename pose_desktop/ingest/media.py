"""Reading images safely: format check, dimensions, orientation, thumbnails.

Images come as bytes already read into memory or, when large, as a path (opened
read-only: originals are never written). Every open goes through ``pose_desktop.imagefile``:
header reads are budgeted and pixel counts checked before anything is decoded.
"""

from __future__ import annotations

import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from pose_desktop import imagefile
from pose_desktop.imagefile import HEIF_AVAILABLE, MAX_DECODE_PIXELS, ImageRefused  # noqa: F401

ImageSource = bytes | str | os.PathLike | BinaryIO

IMAGE_EXTENSIONS = frozenset(
    {".jpg", ".jpeg", ".jpe", ".png", ".webp", ".heic", ".heif", ".avif", ".gif", ".tif", ".tiff",
     ".bmp"}
)
# Read with PyAV (ingest/video.py): poster frame, creation date, duration.
VIDEO_EXTENSIONS = frozenset({".mp4", ".mov", ".m4v", ".mkv", ".avi", ".3gp", ".3g2", ".webm",
                              ".mts", ".m2ts", ".mpg", ".mpeg", ".wmv"})
MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS
IMAGE_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "HEIF", "AVIF", "GIF", "TIFF", "BMP"})
# Camera RAW files are not indexed yet: the scan lists them (pose stats) with this reason.
RAW_EXTENSIONS = frozenset({".cr2", ".cr3", ".crw", ".nef", ".nrw", ".arw", ".srf", ".sr2",
                            ".dng", ".raf", ".orf", ".rw2", ".pef", ".srw", ".x3f", ".3fr",
                            ".iiq", ".erf", ".kdc", ".mrw", ".rwl"})
RAW_REASON = ("camera RAW file ({ext}): not indexed; pose_desktop reads JPEG, HEIC, PNG, WebP, "
              "AVIF, TIFF and videos (keep the camera's JPEG beside it, or export one)")

# Thumbnails keep the shorter side at THUMB_SIZE (never enlarged; the longer side at most
# THUMB_MAX_LONG): the grid fits them in its cells, and the image backbone, which takes
# the shorter side at 256 px, reads them instead of decoding the original again.
THUMB_SIZE = 256
THUMB_MAX_LONG = 768
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


def unreadable_reason(exc: BaseException) -> str:
    """Why an image file could not be opened or decoded, in the words the Problems panel
    uses for the same file (``vocab.messages`` has them in Korean), from the exception that
    said so; a decoder's ``IngestError`` ("Cannot decode PATH: ...") is read by its cause."""
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    if isinstance(cause, NotAnImageError | ImageRefused):
        return str(cause)
    if isinstance(cause, UnidentifiedImageError):
        return "not an image (the content is no known image format)"
    if isinstance(cause, Image.DecompressionBombError):
        return f"too large to decode safely ({cause})"
    if isinstance(cause, OSError) and cause.strerror:  # missing, a folder, no permission
        return f"cannot read the file: {cause.strerror}"
    if "truncated" in str(cause):
        return "the file is truncated (incomplete copy?)"
    return f"could not read the image ({cause})"


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


def open_image(data: ImageSource) -> Image.Image:
    """Open image bytes (or a path) lazily, with a readable error for non-images."""
    if isinstance(data, bytes | bytearray) and not data:
        raise NotAnImageError("empty file (0 bytes)")
    try:
        im = imagefile.open_image(data)
    except ImageRefused as exc:
        raise NotAnImageError(str(exc)) from None
    except UnidentifiedImageError:
        raise NotAnImageError("not an image (the content is no known image format)") from None
    except Image.DecompressionBombError as exc:
        raise NotAnImageError(f"too large to decode safely ({exc})") from None
    except (OSError, ValueError, SyntaxError) as exc:
        if "truncated" in str(exc).lower():  # Pillow's "Truncated File Read": cut in its header
            raise NotAnImageError("the file is truncated (incomplete copy?)") from None
        raise NotAnImageError(f"unreadable image header: {exc}") from None
    if im.format not in IMAGE_FORMATS:
        im.close()
        raise NotAnImageError(f"unsupported image format {im.format}")
    return im


def _open_scaled(data: ImageSource, side: int) -> Image.Image:
    """The image of ``data``, a JPEG set to decode at the smallest DCT scale that keeps
    both sides at least ``side``; refused above ``MAX_DECODE_PIXELS`` (as decoded)."""
    im = open_image(data)
    try:
        return imagefile.check_pixels(im, side)
    except ImageRefused as exc:
        im.close()
        raise NotAnImageError(str(exc)) from None


def decode_for_display(data: ImageSource, max_side: int) -> Image.Image:
    """Decode an image (bytes or path) to an upright RGB image no larger than ``max_side``."""
    im = _open_scaled(data, max_side)
    try:
        im.thumbnail((max_side, max_side), Image.Resampling.BICUBIC, reducing_gap=2.0)
        out = to_rgb(ImageOps.exif_transpose(im) or im)
        return im.copy() if out is im else out
    finally:
        im.close()


def thumbnail_size(width: int, height: int) -> tuple[int, int]:
    """(w, h) of the thumbnail of a ``width``×``height`` image (see ``THUMB_SIZE``)."""
    scale = min(1.0, THUMB_SIZE / min(width, height), THUMB_MAX_LONG / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def make_thumbnail(data: ImageSource) -> Image.Image:
    """The upright RGB thumbnail of an image (bytes or path): shorter side ``THUMB_SIZE``
    (or less for a smaller image), longer side at most ``THUMB_MAX_LONG``."""
    im = _open_scaled(data, THUMB_SIZE)
    try:
        size = thumbnail_size(*im.size)
        out = im.resize(size, Image.Resampling.BICUBIC, reducing_gap=2.0) if size != im.size else im
        out = to_rgb(ImageOps.exif_transpose(out) or out)
        return im.copy() if out is im else out
    finally:
        im.close()


def write_thumbnail(data: ImageSource, target: Path) -> None:
    """Make the thumbnail of an image (bytes or path) and save it at ``target`` (atomically)."""
    write_jpeg_atomic(make_thumbnail(data), target)


def poster_thumbnail(poster: str | Path, target: Path) -> bool:
    """A video's thumbnail from its poster still (instaloader saves one) at ``target``,
    unless one is there; True when ``target`` holds one. A bad poster only costs the
    video its preview."""
    if target.exists():
        return True
    try:
        write_thumbnail(poster, target)
        return True
    except Exception:
        return False


_tmp_counter = iter(range(1, 1 << 62))
_tmp_lock = threading.Lock()


def private_tmp(target: Path) -> Path:
    """A temporary name beside ``target``, unique to this process and call (threads of one
    process share the pid: two identical photos indexed together must not share one)."""
    with _tmp_lock:
        n = next(_tmp_counter)
    return target.with_name(f".{target.name}.{os.getpid()}-{threading.get_ident()}-{n}.tmp")


def write_jpeg_atomic(im: Image.Image, target: Path, quality: int = 85) -> None:
    """Save a JPEG so a crash never leaves a half-written file at ``target``; owner-only
    (0600 in a 0700 folder: thumbnails show private photos)."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = private_tmp(target)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            im.save(fh, "JPEG", quality=quality, optimize=False)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def probe_and_thumbnail(data: ImageSource, thumb: Path | None) -> ImageInfo:
    """Read format, size and orientation; write the thumbnail to ``thumb`` if missing.
    ``data``: the image's bytes, or its path when it is too large to hold in memory.

    Raises ``NotAnImageError`` for bytes that are not a readable image.
    """
    with open_image(data) as im:
        return _probe(im, data, thumb)


def _probe(im: Image.Image, data: ImageSource, thumb: Path | None) -> ImageInfo:
    orientation = 1
    # Pillow decodes a whole PNG to look for EXIF stored after the pixels: only within the
    # pixel limit (a bomb is refused below, from its header, without decoding anything)
    if im.format in ("JPEG", "MPO") or imagefile.pixels_ok(im):
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
