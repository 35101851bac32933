"""Videos: poster frame, creation date and duration, read with PyAV (FFmpeg's libraries).

PyAV is an optional dependency (``pose-desktop[video]``): its wheels bundle FFmpeg with the
GPL encoders x264/x265, which the MIT app does not ship. Without it a video is still
indexed (hashed, dated by its folder or file), with a warning instead of a poster.

Only the container's header and the frames up to the poster are read (FFmpeg demuxes from
the file as it goes), so a video of any size costs a few megabytes of memory here. The
creation date comes from the container's metadata: Apple's
``com.apple.quicktime.creationdate`` (local time with its UTC offset) when present, else
``creation_time`` (UTC, as cameras and phones write it). A damaged video only loses its
preview and date, with the reason as a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

from .media import thumbnail_size, write_jpeg_atomic

logging.getLogger("libav").setLevel(logging.CRITICAL)

# The poster is the first frame at or after this point (a fraction of the duration, at
# most POSTER_MAX_SECONDS in): the very first frame is often black.
POSTER_AT = 0.1
POSTER_MAX_SECONDS = 3.0
# How many frames to decode at most when looking for the poster (a broken index).
MAX_FRAMES = 300


@dataclass
class VideoInfo:
    """What the indexer learns from a video."""

    format: str | None = None
    width: int | None = None
    height: int | None = None
    duration: float | None = None  # seconds
    taken_at: datetime | None = None  # local time where an offset is known, else UTC
    tz_offset: str | None = None  # '+09:00'; '+00:00' for a UTC creation_time
    date_source: str | None = None
    poster_written: bool = False
    warning: str | None = None


def _parse_created(value: str) -> tuple[datetime, str] | None:
    """'2023-08-15T21:04:05+0900' / '2023-08-15T12:04:05.000000Z' → (naive local, offset)."""
    text = (value or "").strip().replace("Z", "+00:00")
    if len(text) >= 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not 1900 < when.year < 2200 or when.year == 1904 and when.month == 1 and when.day == 1:
        return None  # 1904-01-01: QuickTime's zero
    if when.tzinfo is None:
        return when.replace(microsecond=0), "+00:00"
    off = when.utcoffset() or timedelta(0)
    minutes = int(off.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    offset = f"{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"
    return when.replace(tzinfo=None, microsecond=0), offset


def creation_date(metadata: dict) -> tuple[datetime, str, str] | None:
    """(date, UTC offset, source) from a container's metadata dict."""
    for key, source in (("com.apple.quicktime.creationdate", "video:quicktime"),
                        ("creation_time", "video:creation_time")):
        found = _parse_created(metadata.get(key, ""))
        if found:
            return found[0], found[1], source
    return None


def probe_video(path: str | Path, thumb: Path | None) -> VideoInfo:
    """Size, duration, creation date; the poster frame written to ``thumb`` (when it is not
    there yet). Never raises for a bad file: ``warning`` says what could not be read."""
    info = VideoInfo()
    try:
        import av
    except ImportError:
        info.warning = "no preview or date from the video: PyAV is not installed (pose-desktop[video])"
        return info
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            info.format = (container.format.name or "").split(",")[0].upper() or None
            if container.duration:
                info.duration = round(container.duration / av.time_base, 3)
            meta = dict(container.metadata)
            streams = container.streams.video
            if streams:
                meta = {**dict(streams[0].metadata), **meta}
            created = creation_date(meta)
            if created:
                info.taken_at, info.tz_offset, info.date_source = created
            if not streams:
                info.warning = "no video stream; no preview"
                return info
            stream = streams[0]
            stream.thread_type = "AUTO"
            info.width, info.height = stream.codec_context.width or None, stream.codec_context.height or None
            if info.duration is None and stream.duration and stream.time_base:
                info.duration = round(float(stream.duration * stream.time_base), 3)
            if thumb is None or thumb.exists():
                info.poster_written = thumb is not None and thumb.exists()
                return info
            image = _poster(container, stream, info.duration)
    except (av.FFmpegError, OSError, ValueError, UnicodeDecodeError) as exc:
        info.warning = f"unreadable video ({type(exc).__name__}: {exc}); no preview"
        return info
    if image is None:
        info.warning = "no frame could be decoded; no preview"
        return info
    if image.height > image.width and info.width and info.width > (info.height or 0):
        info.width, info.height = info.height, info.width  # a portrait phone video
    size = thumbnail_size(image.width, image.height)
    write_jpeg_atomic(image.resize(size, Image.Resampling.BICUBIC), thumb)
    info.poster_written = True
    return info


def _poster(container, stream, duration: float | None) -> Image.Image | None:
    """The first frame at or after ``POSTER_AT`` of the video, upright."""
    import av

    target = min((duration or 0) * POSTER_AT, POSTER_MAX_SECONDS)
    if target > 0 and stream.time_base:
        try:
            container.seek(int(target / stream.time_base), stream=stream, backward=True)
        except av.FFmpegError:
            container.seek(0)
    first = None
    for n, frame in enumerate(container.decode(stream)):
        first = first or frame
        t = frame.time if frame.time is not None else 0.0
        if t >= target or n >= MAX_FRAMES:
            return _upright(frame)
    return _upright(first) if first is not None else None


def _upright(frame) -> Image.Image:
    im = frame.to_image()
    rotation = int(getattr(frame, "rotation", 0) or 0) % 360
    # the display matrix's angle is counter-clockwise; Pillow's rotate too
    if rotation in (90, 180, 270):
        im = im.rotate(rotation, expand=True)
    return im
