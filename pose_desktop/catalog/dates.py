"""Honest dates: where a photo's date came from, how precise it is, and guesses from paths.

A photo's ``date_source`` says where its date came from. Facts: ``exif:*`` (the camera),
``instagram`` / ``instagram:exif`` (the post), ``user`` (set by hand). Guesses:
``folder name:year|month|day`` (a folder such as ``2019-trip/``, ``2019-07/`` or
``20190705/``: only the parts the name holds are kept, the others are NULL) and
``file mtime`` (nothing better: the photo is *undated*; its year/month/day are NULL so it
sits under "Undated", and the file time only orders it).
"""

from __future__ import annotations

import os
import re
from datetime import datetime

FILE_TIME = "file mtime"
FOLDER = "folder name"
USER = "user"
# A better date wins when a photo is seen again (lower rank = better); a user's date is
# never replaced by indexing.
RANK = {USER: -1, "exif:DateTimeOriginal": 0, "video:quicktime": 0.5, "exif:DateTimeDigitized": 1,
        "video:creation_time": 1.5, "exif:DateTime": 2,
        "instagram:exif": 2.5, "instagram": 3, f"{FOLDER}:day": 3.5, f"{FOLDER}:month": 3.6,
        f"{FOLDER}:year": 3.7, FILE_TIME: 4}

_Y = r"(19[0-9]{2}|20[0-9]{2})"
_M = r"(0[1-9]|1[0-2])"
_D = r"(0[1-9]|[12][0-9]|3[01])"
_START = r"(?<![0-9A-Za-z])"
_END = r"(?![0-9])"
_PATTERNS = (
    ("day", re.compile(f"{_START}{_Y}[-_. ]?{_M}[-_. ]?{_D}{_END}")),
    ("month", re.compile(f"{_START}{_Y}[-_. ]{_M}{_END}")),
    ("year", re.compile(f"{_START}{_Y}{_END}")),
)


def is_guess(date_source: str | None) -> bool:
    """True for a date that is not a recorded fact (a folder name, the file's time)."""
    return not date_source or date_source == FILE_TIME or date_source.startswith(FOLDER)


def is_undated(date_source: str | None) -> bool:
    return not date_source or date_source == FILE_TIME


def precision(date_source: str | None) -> str:
    """'day' (or finer), 'month', 'year', or 'none' for an undated photo."""
    if is_undated(date_source):
        return "none"
    if date_source and date_source.startswith(FOLDER + ":"):
        return date_source.split(":", 1)[1]
    return "day"


def date_from_name(name: str, *, latest_year: int | None = None) -> tuple[datetime, str] | None:
    """The date a folder name holds (``2019-trip`` → 2019, ``2019-07`` → July 2019,
    ``20190705``/``2019-07-05`` → that day) and its precision; None when it holds none."""
    latest = latest_year or datetime.now().year + 1
    for level, pattern in _PATTERNS:
        for m in pattern.finditer(name):
            parts = [int(x) for x in m.groups()]
            if parts[0] > latest:
                continue
            try:
                return datetime(parts[0], *(parts[1:] + [1] * (3 - len(parts)))), level
            except ValueError:  # 2019-02-30
                continue
    return None


def date_from_path(path: str) -> tuple[datetime, str, str] | None:
    """A date guessed from the innermost folder of ``path`` that names one:
    (date, precision, folder name)."""
    folder = os.path.dirname(path)
    while folder and folder != os.path.dirname(folder):
        name = os.path.basename(folder)
        found = date_from_name(name)
        if found:
            return found[0], found[1], name
        folder = os.path.dirname(folder)
    return None


def date_parts(when: datetime | None, level: str = "day"
               ) -> tuple[str | None, int | None, int | None, int | None]:
    """(ISO taken_at, year, month, day) stored for a date of ``level`` precision ('none':
    the time orders the photo, but it has no year/month/day)."""
    if when is None:
        return None, None, None, None
    iso = when.isoformat(timespec="seconds")
    if level == "none":
        return iso, None, None, None
    return (iso, when.year, when.month if level in ("month", "day") else None,
            when.day if level == "day" else None)


def label(taken_at: str | None, date_source: str | None) -> str:
    """A date as shown on a thumbnail: '2019-07-14', '2019-07?' / '2019?' for a folder guess,
    '' for an undated photo."""
    level = precision(date_source)
    if not taken_at or level == "none":
        return ""
    text = {"year": taken_at[:4], "month": taken_at[:7]}.get(level, taken_at[:10])
    return text + "?" if is_guess(date_source) else text
