"""Generators of real image files for tests (JPEG with EXIF, PNG, HEIC, broken files)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image


def make_jpeg(path: Path, *, when: datetime | None = None, size=(640, 480), seed: int = 0,
              make: str | None = "Canon", model: str | None = "EOS 5D", orientation: int | None = None,
              gps: tuple[float, float] | None = None, digitized_only: bool = False) -> Path:
    """A JPEG with real EXIF (DateTimeOriginal etc.) and random content (unique per seed)."""
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 255, size=(size[1] // 8, size[0] // 8, 3), dtype=np.uint8)
    im = Image.fromarray(arr).resize(size, Image.Resampling.BILINEAR)
    exif = Image.Exif()
    if make:
        exif[0x010F] = make
    if model:
        exif[0x0110] = model
    if orientation:
        exif[0x0112] = orientation
    if when:
        stamp = when.strftime("%Y:%m:%d %H:%M:%S")
        ifd = exif.get_ifd(0x8769)
        if digitized_only:
            ifd[0x9004] = stamp
        else:
            ifd[0x9003] = stamp
    if gps:
        lat, lon = gps
        g = exif.get_ifd(0x8825)
        g[1] = "N" if lat >= 0 else "S"
        g[2] = (abs(int(lat)), int(abs(lat) * 60) % 60, 0.0)
        g[3] = "E" if lon >= 0 else "W"
        g[4] = (abs(int(lon)), int(abs(lon) * 60) % 60, 0.0)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", exif=exif, quality=85)
    return path


def make_png(path: Path, mode: str = "RGBA", size=(320, 240), seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    if mode == "I;16":
        arr = rng.integers(0, 65535, size=(size[1], size[0]), dtype=np.uint16)
        im = Image.fromarray(arr)
    else:
        arr = rng.integers(0, 255, size=(size[1], size[0], 4), dtype=np.uint8)
        im = Image.fromarray(arr).convert(mode)
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, format="PNG")
    return path


def make_heic(path: Path, size=(320, 240), seed: int = 2) -> Path:
    """A HEIC file, written with pillow-heif's encoder (a test dependency); its opener is
    not registered, so the app's own decoder (pi-heif) is the one the tests exercise."""
    import pillow_heif

    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    pillow_heif.from_pillow(Image.fromarray(arr)).save(str(path))
    return path


def tree_digest(root: Path) -> dict[str, tuple[str, int]]:
    """sha256 and mtime_ns of every file under ``root`` (to prove originals are untouched)."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    return out


def make_png_bomb(path: Path, side: int) -> Path:
    """A valid greyscale PNG of ``side``×``side`` black pixels that is tiny on disk (a
    decompression bomb: 20000² is ~400 kB and decodes to 400 MB)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = bytes(side + 1)  # filter byte 0 + a row of zeros
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                     + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
    return path


def make_zero_filled_jpeg(path: Path, size: int) -> Path:
    """A sparse file of ``size`` bytes that starts like a JPEG and holds only zeros after its
    first marker (an interrupted download)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
        fh.truncate(size)
    return path
