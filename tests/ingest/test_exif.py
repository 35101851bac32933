"""EXIF as real phones write it: HEIC/HEIF (pillow-heif), PNG and WebP, with the UTC offset
kept and a (0, 0) GPS point dropped; read through the indexer into the catalog."""

from __future__ import annotations

import io
from datetime import datetime

import numpy as np
import pillow_heif
import pytest
from PIL import Image

from pose_desktop.ingest.exif import read_exif
from pose_desktop.services import Library

pillow_heif.register_heif_opener()


def phone_exif(when: datetime, offset: str | None, gps: tuple[float, float] | None) -> Image.Exif:
    """EXIF laid out as an iPhone writes it: make/model in IFD0, dates and OffsetTime* in the
    EXIF IFD, degrees/minutes/seconds rationals in the GPS IFD."""
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "Apple", "iPhone 15 Pro"
    exif[0x0132] = when.strftime("%Y:%m:%d %H:%M:%S")
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = sub[0x9004] = when.strftime("%Y:%m:%d %H:%M:%S")
    if offset:
        sub[0x9010] = sub[0x9011] = sub[0x9012] = offset
    if gps is not None:
        g = exif.get_ifd(0x8825)

        def dms(v: float) -> tuple[float, float, float]:
            v = abs(v)
            d = int(v)
            m = int((v - d) * 60)
            return (float(d), float(m), round(((v - d) * 60 - m) * 60, 4))

        g[1], g[2] = ("N" if gps[0] >= 0 else "S"), dms(gps[0])
        g[3], g[4] = ("E" if gps[1] >= 0 else "W"), dms(gps[1])
    return exif


def picture(seed: int = 0, size=(320, 240)) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8))


def encoded(fmt: str, exif: Image.Exif, seed: int = 0) -> bytes:
    buf = io.BytesIO()
    picture(seed).save(buf, format=fmt, exif=exif.tobytes())
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["HEIF", "PNG", "WEBP", "JPEG", "TIFF"])
def test_phone_exif_in_every_format(fmt):
    when = datetime(2023, 8, 15, 21, 4, 5)
    data = encoded(fmt, phone_exif(when, "+09:00", (33.4996, 126.5312)))
    info = read_exif(data)
    assert info.error is None
    assert info.taken_at == when and info.date_source == "exif:DateTimeOriginal"
    assert info.tz_offset == "+09:00"
    assert info.gps_lat == pytest.approx(33.4996, abs=1e-4)
    assert info.gps_lon == pytest.approx(126.5312, abs=1e-4)
    assert (info.camera_make, info.camera_model) == ("Apple", "iPhone 15 Pro")


def test_zero_gps_is_no_location_and_west_south_are_negative():
    when = datetime(2020, 1, 1, 9, 0, 0)
    assert read_exif(encoded("HEIF", phone_exif(when, None, (0.0, 0.0)))).gps_lat is None
    info = read_exif(encoded("HEIF", phone_exif(when, "-05:00", (-33.8688, -70.6693))))
    assert info.gps_lat == pytest.approx(-33.8688, abs=1e-4)
    assert info.gps_lon == pytest.approx(-70.6693, abs=1e-4)
    assert info.tz_offset == "-05:00"


def test_heic_from_a_phone_is_indexed_with_its_date_offset_and_place(tmp_path):
    root = tmp_path / "phone"
    root.mkdir()
    when = datetime(2023, 8, 15, 21, 4, 5)
    (root / "IMG_1234.HEIC").write_bytes(encoded("HEIF", phone_exif(when, "+09:00", (37.5665, 126.978))))
    (root / "IMG_1235.HEIC").write_bytes(encoded("HEIF", phone_exif(when, None, (0.0, 0.0)), seed=1))
    with Library(tmp_path / "c.sqlite") as lib:
        list(lib.photos.index_folder(root))
        a = lib.photos.photo(lib.photos.resolve(str(root / "IMG_1234.HEIC")))
        assert a.taken_at == "2023-08-15T21:04:05" and a.date_source == "exif:DateTimeOriginal"
        assert a.gps == pytest.approx((37.5665, 126.978), abs=1e-4)
        row = lib.catalog.db.execute("SELECT tz_offset, gps_source FROM photos WHERE id = ?",
                                     [a.id]).fetchone()
        assert row == ("+09:00", "exif")
        b = lib.photos.photo(lib.photos.resolve(str(root / "IMG_1235.HEIC")))
        assert b.gps is None and b.date_source == "exif:DateTimeOriginal"
