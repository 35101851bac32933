"""Hostile bytes through the indexer's file reader: never a crash, always a reason.

Mutated JPEG (with EXIF and GPS), PNG, HEIC, TIFF, GIF and WebP files go through the same
function the indexer runs on every file. The run is derandomised so CI is repeatable;
``benchmarks/fuzz_bench.py`` runs the same property with many more random cases.
"""

from __future__ import annotations

import io
import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from pose_desktop.ingest.exif import read_exif
from pose_desktop.ingest.indexer import _read_file
from pose_desktop.ingest.scan import FoundFile
from tests.photos import make_heic, make_jpeg


def _seed_files(tmp: Path) -> dict[str, bytes]:
    out = {}
    out["jpg"] = make_jpeg(tmp / "s.jpg", when=datetime(2020, 5, 5), seed=3, size=(96, 64),
                           gps=(37.5, 127.0), orientation=6).read_bytes()
    out["heic"] = make_heic(tmp / "s.heic", size=(64, 48)).read_bytes()
    im = Image.new("RGB", (48, 32), (10, 200, 30))
    for fmt, ext in (("PNG", "png"), ("TIFF", "tif"), ("GIF", "gif"), ("WEBP", "webp")):
        buf = io.BytesIO()
        im.save(buf, fmt)
        out[ext] = buf.getvalue()
    return out


SEEDS = _seed_files(Path(tempfile.mkdtemp(prefix="pose-fuzz-seeds-")))

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("big"), st.integers(0, 40), st.just(0xFF)),
)


def mutate(data: bytes, ops) -> bytes:
    buf = bytearray(data)
    for op, pos, val in ops:
        if not buf:
            break
        pos %= len(buf)
        if op == "flip":
            buf[pos] ^= val
        elif op == "truncate":
            del buf[pos:]
        elif op == "insert":
            buf[pos:pos] = val
        elif op == "big":  # header bytes set to 0xFF: absurd sizes, counts and offsets
            buf[pos % min(len(buf), 40)] = val
    return bytes(buf)


@pytest.mark.parametrize("ext", sorted(SEEDS))
@settings(max_examples=60, deadline=None, derandomize=True)
@given(ops=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_images_never_crash_the_reader(ext, ops):
    with tempfile.TemporaryDirectory() as tmp:
        check_one(Path(tmp), ext, mutate(SEEDS[ext], ops))


def check_one(tmp_path: Path, ext: str, data: bytes) -> None:
    """The property: a result with a reason or a readable photo; nothing else written."""
    src = tmp_path / f"x.{ext}"
    src.write_bytes(data)
    thumbs = tmp_path / "thumbs"
    res = _read_file(FoundFile(str(src), len(data), 0), thumbs)
    assert res.error or res.hash
    if res.error:
        assert isinstance(res.error, str) and res.error
    else:
        assert res.width and res.height
    if res.has_thumb:
        written = list(thumbs.rglob("*.jpg"))
        assert len(written) == 1
        with Image.open(written[0]) as t:
            t.verify()
    assert src.read_bytes() == data  # the original is untouched
    assert {p.name for p in tmp_path.iterdir()} <= {f"x.{ext}", "thumbs"}


@settings(max_examples=150, deadline=None, derandomize=True)
@given(payload=st.binary(max_size=400))
def test_garbage_exif_segments_are_survived(payload):
    jpeg = SEEDS["jpg"]
    seg_data = b"Exif\x00\x00" + payload
    seg = b"\xff\xe1" + (len(seg_data) + 2).to_bytes(2, "big") + seg_data
    info = read_exif(jpeg[:2] + seg + jpeg[2:])
    assert info.taken_at is None or 1826 <= info.taken_at.year <= 2200
    assert info.gps_lat is None or -90 <= info.gps_lat <= 90
