"""EXIF metadata with exifread: dates (with their source), camera, GPS.

Broken, truncated or hostile EXIF never raises: fields we cannot read are left empty.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import datetime

import exifread

logging.getLogger("exifread").setLevel(logging.CRITICAL)

# Tried in this order; the first readable one is the photo's date.
DATE_TAGS = (
    ("EXIF DateTimeOriginal", "exif:DateTimeOriginal"),
    ("EXIF DateTimeDigitized", "exif:DateTimeDigitized"),
    ("Image DateTime", "exif:DateTime"),
)
_DATE_RE = re.compile(r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?")


@dataclass
class ExifInfo:
    """The EXIF fields pose_desktop keeps."""

    taken_at: datetime | None = None
    date_source: str | None = None
    camera_make: str | None = None
    camera_model: str | None = None
    gps_lat: float | None = None
    gps_lon: float | None = None
    error: str | None = None


def parse_exif_date(value: str) -> datetime | None:
    """'2019:07:14 18:03:22' (and common variants) → datetime; None when not a real date."""
    m = _DATE_RE.match(value or "")
    if not m:
        return None
    y, mo, d, h, mi, s = (int(x) if x else 0 for x in m.groups())
    if not 1826 <= y <= 2200:
        return None
    try:
        return datetime(y, mo, d, h, mi, s)
    except ValueError:
        return None


def _ratio_to_float(r) -> float:
    return float(r.num) / float(r.den) if getattr(r, "den", 1) else 0.0


def _gps(tags, ref_key: str, key: str) -> float | None:
    if key not in tags:
        return None
    values = tags[key].values
    if len(values) < 3:
        return None
    deg, minutes, sec = (_ratio_to_float(v) for v in values[:3])
    value = deg + minutes / 60.0 + sec / 3600.0
    ref = str(tags.get(ref_key, "")).strip().upper()
    if ref in ("S", "W"):
        value = -value
    limit = 90 if "Latitude" in key else 180
    return round(value, 7) if abs(value) <= limit else None


def _text(tags, key: str) -> str | None:
    if key not in tags:
        return None
    text = str(tags[key]).replace("\x00", "").strip()
    return text[:200] or None


def read_exif(data: bytes) -> ExifInfo:
    """Parse EXIF from image bytes (JPEG, TIFF, PNG, WebP, HEIC)."""
    info = ExifInfo()
    try:
        tags = exifread.process_file(io.BytesIO(data), details=False, extract_thumbnail=False)
    except Exception as exc:  # exifread raises many things on hostile input
        info.error = f"unreadable EXIF ({type(exc).__name__})"
        return info
    if not tags:
        return info
    for key, source in DATE_TAGS:
        if key in tags:
            when = parse_exif_date(str(tags[key]))
            if when:
                info.taken_at, info.date_source = when, source
                break
    info.camera_make = _text(tags, "Image Make")
    info.camera_model = _text(tags, "Image Model")
    try:
        info.gps_lat = _gps(tags, "GPS GPSLatitudeRef", "GPS GPSLatitude")
        info.gps_lon = _gps(tags, "GPS GPSLongitudeRef", "GPS GPSLongitude")
    except (ZeroDivisionError, TypeError, ValueError, AttributeError):
        info.gps_lat = info.gps_lon = None
    return info
