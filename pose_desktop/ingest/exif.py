"""EXIF metadata: dates (with their source and UTC offset), camera, GPS.

Pillow's EXIF reader is the main path: it reads JPEG, TIFF, WebP and (through pillow-heif)
the HEIC/HEIF files phones write, where exifread fails. exifread is the fallback, for what
Pillow cannot reach without decoding the pixels (a PNG whose eXIf chunk follows its image
data) or rejects. Broken, truncated or hostile EXIF never raises: fields we cannot read are
left empty. A (0, 0) GPS point is what a phone writes without a fix: it is dropped.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from typing import BinaryIO

import exifread
from PIL import Image

logging.getLogger("exifread").setLevel(logging.CRITICAL)

# Tried in this order; the first readable one is the photo's date.
DATE_TAGS = (
    ("EXIF DateTimeOriginal", "exif:DateTimeOriginal"),
    ("EXIF DateTimeDigitized", "exif:DateTimeDigitized"),
    ("Image DateTime", "exif:DateTime"),
)
# (Pillow EXIF IFD tag, its OffsetTime* tag) in the order of DATE_TAGS
_PIL_DATE_TAGS = ((0x9003, 0x9011), (0x9004, 0x9012), (0x0132, 0x9010))
_EXIFREAD_OFFSETS = ("EXIF OffsetTimeOriginal", "EXIF OffsetTimeDigitized", "EXIF OffsetTime")
_OFFSET_RE = re.compile(r"^\s*([+-])(\d{2}):?(\d{2})\s*$")
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
    tz_offset: str | None = None  # "+09:00": the UTC offset of ``taken_at`` when the file says
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


def parse_offset(value) -> str | None:
    """'+09:00' / '-0530' → '+09:00'; None when not a real UTC offset."""
    m = _OFFSET_RE.match(str(value or "").replace("\x00", ""))
    if not m:
        return None
    sign, hh, mm = m.groups()
    if int(hh) > 14 or int(mm) >= 60:
        return None
    return f"{sign}{hh}:{mm}"


def _to_float(r) -> float:
    """An EXIF rational (Pillow's IFDRational, exifread's Ratio) or number as float."""
    num, den = getattr(r, "numerator", None), getattr(r, "denominator", None)
    if num is None:
        num, den = getattr(r, "num", r), getattr(r, "den", 1)
    return float(num) / float(den) if den else 0.0


def gps_point(lat_ref, lat, lon_ref, lon) -> tuple[float, float] | None:
    """Degrees/minutes/seconds + N/S/E/W refs → (lat, lon); None when absent, out of range
    or exactly (0, 0) (a phone without a fix)."""
    def one(ref, dms, limit: int) -> float | None:
        if dms is None:
            return None
        values = list(dms) if isinstance(dms, (list, tuple)) else list(getattr(dms, "values", []))
        if len(values) < 3:
            return None
        deg, minutes, sec = (_to_float(v) for v in values[:3])
        value = deg + minutes / 60.0 + sec / 3600.0
        if str(ref or "").replace("\x00", "").strip().upper() in ("S", "W"):
            value = -value
        return round(value, 7) if abs(value) <= limit and value == value else None

    la, lo = one(lat_ref, lat, 90), one(lon_ref, lon, 180)
    if la is None or lo is None or (abs(la) < 1e-9 and abs(lo) < 1e-9):
        return None
    return la, lo


def _clean_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value).replace("\x00", "").strip()
    return text[:200] or None


def _stream(data: bytes | BinaryIO) -> BinaryIO:
    if isinstance(data, bytes | bytearray):
        return io.BytesIO(data)
    data.seek(0)
    return data


def _from_pillow(data: bytes | BinaryIO) -> ExifInfo | None:
    """EXIF read by Pillow (no pixel decoding); None when Pillow found none."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(_stream(data)) as im:
            if im.format == "PNG" and "exif" not in im.info:
                return None  # its eXIf chunk (if any) follows the pixels: exifread reads it
            exif = im.getexif()
            if not exif:
                return None
            sub = exif.get_ifd(0x8769)
            gps = exif.get_ifd(0x8825)
    info = ExifInfo()
    for (tag, offset_tag), (_, source) in zip(_PIL_DATE_TAGS, DATE_TAGS, strict=True):
        value = exif.get(tag) if tag == 0x0132 else sub.get(tag)
        when = parse_exif_date(_clean_text(value) or "")
        if when:
            info.taken_at, info.date_source = when, source
            info.tz_offset = parse_offset(sub.get(offset_tag))
            break
    info.camera_make = _clean_text(exif.get(0x010F))
    info.camera_model = _clean_text(exif.get(0x0110))
    if gps:
        point = gps_point(gps.get(1), gps.get(2), gps.get(3), gps.get(4))
        if point:
            info.gps_lat, info.gps_lon = point
    return info


def _from_exifread(data: bytes | BinaryIO) -> ExifInfo:
    info = ExifInfo()
    tags = exifread.process_file(_stream(data), details=False, extract_thumbnail=False)
    if not tags:
        return info
    for (key, source), offset_key in zip(DATE_TAGS, _EXIFREAD_OFFSETS, strict=True):
        if key in tags:
            when = parse_exif_date(str(tags[key]))
            if when:
                info.taken_at, info.date_source = when, source
                info.tz_offset = parse_offset(tags.get(offset_key))
                break
    info.camera_make = _clean_text(tags.get("Image Make"))
    info.camera_model = _clean_text(tags.get("Image Model"))
    point = gps_point(tags.get("GPS GPSLatitudeRef"), tags.get("GPS GPSLatitude"),
                      tags.get("GPS GPSLongitudeRef"), tags.get("GPS GPSLongitude"))
    if point:
        info.gps_lat, info.gps_lon = point
    return info


def read_exif(data: bytes | BinaryIO) -> ExifInfo:
    """Parse EXIF from image bytes or a seekable binary file (a file too large to hold in
    memory) (JPEG, TIFF, PNG, WebP, HEIC/HEIF)."""
    try:
        info = _from_pillow(data)
        if info is not None and (info.taken_at or info.gps_lat is not None or info.camera_make):
            return info
    except Exception:  # Pillow rejects some hostile EXIF; exifread may still read it
        info = None
    try:
        fallback = _from_exifread(data)
    except Exception as exc:  # exifread raises many things on hostile input
        if info is not None:
            return info
        return ExifInfo(error=f"unreadable EXIF ({type(exc).__name__})")
    return fallback if info is None or fallback.taken_at or fallback.gps_lat is not None else info
