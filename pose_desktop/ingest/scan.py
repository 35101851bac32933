"""Walking a photo folder: media files, with readable reasons for what we could not read.

Symlinked folders are followed once (loops are detected by device + inode). Hidden files
and folders (``.thumbnails``, ``.DS_Store``, AppleDouble ``._x``) are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

from .media import MEDIA_EXTENSIONS, RAW_EXTENSIONS, RAW_REASON


@dataclass
class FoundFile:
    """A media file and its stat (size, mtime and ctime in ns; ctime 0 when unknown)."""

    path: str
    size: int
    mtime_ns: int
    ctime_ns: int = 0


@dataclass
class ScanProblem:
    """A file or folder the scan could not read, and why (for the user)."""

    path: str
    reason: str


def _holds(folder: str, path: str) -> bool:
    """Whether ``folder`` is ``path`` or one of its parents (both real paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def walk_media(root: str, skip: set[str] | None = None) -> Iterator[FoundFile | ScanProblem]:
    """Yield every media file under ``root`` (recursively), or a problem per unreadable entry."""
    skip = {os.path.realpath(s) for s in (skip or ())}
    try:
        st = os.stat(root)
    except OSError as exc:
        yield ScanProblem(root, f"cannot open the folder: {exc.strerror or exc}")
        return
    visited = {(st.st_dev, st.st_ino)}
    top = os.path.realpath(root)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield ScanProblem(folder, f"cannot read the folder: {exc.strerror or exc}")
            continue
        subdirs = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    est = entry.stat(follow_symlinks=True)
                    key = (est.st_dev, est.st_ino)
                    if key in visited:
                        if entry.is_symlink():
                            yield ScanProblem(entry.path, "symbolic link loop (folder already scanned); skipped")
                        continue
                    target = os.path.realpath(entry.path)
                    if target in skip:
                        continue
                    if entry.is_symlink() and _holds(target, top):
                        # a link to /, the home folder or any folder above the library:
                        # following it would index the whole machine
                        yield ScanProblem(entry.path, f"link to {target}, which holds the folder "
                                                      "being indexed; skipped")
                        continue
                    visited.add(key)
                    subdirs.append(entry.path)
                    continue
                ext = os.path.splitext(entry.name)[1].lower()
                if ext in RAW_EXTENSIONS and entry.is_file(follow_symlinks=True):
                    yield ScanProblem(entry.path, RAW_REASON.format(ext=ext.lstrip(".").upper()))
                    continue
                if ext not in MEDIA_EXTENSIONS:
                    continue
                if not entry.is_file(follow_symlinks=True):
                    continue
                est = entry.stat(follow_symlinks=True)
                yield FoundFile(entry.path, est.st_size, est.st_mtime_ns, est.st_ctime_ns)
            except OSError as exc:
                reason = exc.strerror or str(exc)
                if entry.is_symlink():
                    reason = f"broken or unreadable link: {reason}"
                yield ScanProblem(entry.path, reason)
        stack.extend(reversed(subdirs))
