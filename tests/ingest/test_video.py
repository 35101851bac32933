"""Videos as first-class citizens: short real videos written with PyAV are indexed with a
poster frame, their container's creation date and duration, in every common container;
RAW files are listed in ``pose stats`` with the reason; AVIF is indexed."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from pose_desktop.cli import main
from pose_desktop.ingest.video import creation_date, probe_video
from pose_desktop.services import Library


def write_video(path: Path, *, codec: str = "mpeg4", seconds: float = 2.0, fps: int = 10,
                size=(160, 120), created: str | None = None, apple: str | None = None,
                rotate: int = 0) -> Path:
    """A real video: frames go from black to a bright red square (so a poster taken past the
    first frame is not black), with the container metadata a phone writes. ``rotate``: the
    clockwise turn a player applies to show it upright (QuickTime's display matrix, as
    exiftool's Rotation reads it: 90 for a phone held upright)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # movflags=use_metadata_tags: the QuickTime 'keys' atom iPhones write their date in
    options = {"movflags": "use_metadata_tags"} if apple else {}
    with av.open(str(path), "w", options=options) as out:
        if created:
            out.metadata["creation_time"] = created
        if apple:
            out.metadata["com.apple.quicktime.creationdate"] = apple
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p" if codec != "mjpeg" else "yuvj420p"
        stream.time_base = Fraction(1, fps)
        if rotate:
            stream.set_display_rotation(-rotate)  # PyAV's angle is counter-clockwise
        n = int(seconds * fps)
        for i in range(n):
            arr = np.zeros((size[1], size[0], 3), np.uint8)
            if i > 0:
                arr[20:80, 30:110] = (230, 20, 20)
            frame = av.VideoFrame.from_ndarray(arr, format="rgb24")
            frame.pts = i
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def test_creation_date_prefers_apples_local_time():
    assert creation_date({"creation_time": "2023-08-15T12:04:05.000000Z"}) == (
        datetime(2023, 8, 15, 12, 4, 5), "+00:00", "video:creation_time")
    assert creation_date({"creation_time": "2023-08-15T12:04:05.000000Z",
                          "com.apple.quicktime.creationdate": "2023-08-15T21:04:05+0900"}) == (
        datetime(2023, 8, 15, 21, 4, 5), "+09:00", "video:quicktime")
    assert creation_date({"creation_time": "1904-01-01T00:00:00.000000Z"}) is None
    assert creation_date({}) is None


@pytest.mark.parametrize(("name", "codec"), [("clip.mp4", "mpeg4"), ("clip.mov", "mpeg4"),
                                             ("clip.mkv", "mpeg4"), ("clip.avi", "mjpeg"),
                                             ("clip.3gp", "h263")])
def test_every_common_container_gets_poster_date_duration(tmp_path, name, codec):
    size = (176, 144) if codec == "h263" else (160, 120)
    video = write_video(tmp_path / name, codec=codec, size=size,
                        created="2022-05-06T07:08:09.000000Z")
    thumb = tmp_path / "t.jpg"
    info = probe_video(video, thumb)
    assert info.warning is None
    assert (info.width, info.height) == size
    assert info.duration == pytest.approx(2.0, abs=0.25)
    if name.endswith((".mp4", ".mov", ".mkv")):  # containers that keep creation_time
        assert (info.taken_at, info.tz_offset) == (datetime(2022, 5, 6, 7, 8, 9), "+00:00")
    with Image.open(thumb) as im:
        arr = np.asarray(im.convert("RGB"), dtype=np.float32)
    assert arr[..., 0].max() > 150  # the poster shows the red square, not the black first frame


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_a_rotated_phone_video_gets_an_upright_poster(tmp_path, rotate):
    """A phone video is stored sideways with a display rotation; the poster is the frame as
    a player shows it. The red square sits in the stored frame's top-left corner; exiftool
    (not our reader) says which turn the file asks for, and the poster shows the square
    where that turn puts it."""
    import shutil
    import subprocess

    video = write_video(tmp_path / "phone.mp4", rotate=rotate)
    if shutil.which("exiftool"):
        out = subprocess.run(["exiftool", "-s3", "-Rotation", str(video)], capture_output=True,
                             text=True, check=True).stdout.strip()
        assert out == str(rotate)
    thumb = tmp_path / "t.jpg"
    info = probe_video(video, thumb)
    sideways = rotate in (90, 270)
    assert (info.width, info.height) == ((120, 160) if sideways else (160, 120))
    with Image.open(thumb) as im:
        arr = np.asarray(im.convert("RGB"), dtype=np.float32)
    h, w = arr.shape[:2]
    assert (w < h) == sideways
    ys, xs = np.nonzero(arr[..., 0] > 150)
    corner = ("top" if ys.mean() < h / 2 else "bottom") + "-" + ("left" if xs.mean() < w / 2 else "right")
    # a clockwise turn moves the stored top-left corner to the top-right (90), bottom-right
    # (180) or bottom-left (270)
    assert corner == {90: "top-right", 180: "bottom-right", 270: "bottom-left"}[rotate]


def test_damaged_video_is_a_warning_not_a_crash(tmp_path):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 5000)
    info = probe_video(bad, tmp_path / "t.jpg")
    assert info.warning and not info.poster_written


def test_folder_videos_are_indexed_with_poster_date_and_duration(tmp_path, capsys):
    root = tmp_path / "phone"
    write_video(root / "IMG_0001.MOV", created="2023-08-15T12:04:05.000000Z",
                apple="2023-08-15T21:04:05+0900")
    write_video(root / "trip.mkv", seconds=3.0)
    write_video(root / "old.3gp", codec="h263", size=(176, 144))
    (root / "IMG_0002.CR2").write_bytes(b"II*\x00\x10\x00\x00\x00CR\x02\x00" + b"\x00" * 100)
    Image.fromarray(np.full((40, 60, 3), 200, np.uint8)).save(root / "pic.avif")
    cat = tmp_path / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(root))
        mov = lib.photos.photo(lib.photos.resolve(str(root / "IMG_0001.MOV")))
        assert mov.media_type == "video" and mov.thumbnail is not None and mov.thumbnail.exists()
        assert (mov.taken_at, mov.tz_offset, mov.date_source) == (
            "2023-08-15T21:04:05", "+09:00", "video:quicktime")
        assert mov.duration == pytest.approx(2.0, abs=0.25)
        mkv = lib.photos.photo(lib.photos.resolve(str(root / "trip.mkv")))
        assert mkv.media_type == "video" and mkv.duration == pytest.approx(3.0, abs=0.25)
        assert mkv.thumbnail is not None and mkv.thumbnail.exists()
        assert lib.photos.resolve(str(root / "old.3gp")) is not None
        avif = lib.photos.photo(lib.photos.resolve(str(root / "pic.avif")))
        assert avif.format == "AVIF" and (avif.width, avif.height) == (60, 40)
        assert lib.photos.stats().videos == 3
    assert main(["--catalog", str(cat), "stats"]) == 0
    out = capsys.readouterr().out
    assert "IMG_0002.CR2" in out and "RAW" in out
