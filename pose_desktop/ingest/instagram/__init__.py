"""Instagram import, three ways in, one catalog.

- ``import_profile``: download a profile with instaloader (optional login), then index;
- ``import_instaloader_folder``: a folder instaloader already downloaded into, no network;
- ``import_export``: Instagram's own data export, ZIP or unpacked folder, no login.

Each is a generator of ``ImportEvent``\\ s (the last one has phase ``done``); stop iterating,
or set the ``CancelToken``, to cancel. Failures raise ``InstagramError`` / ``ExportError``
(both ``PoseError``\\ s) whose message says what to do next. Posts land in ``posts`` and
``post_media``; their photos are ordinary catalog photos keyed by content hash.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import IngestError

from .errors import InstagramError
from .export import ExportError, ZipLimits, scan_export
from .folder import scan_instaloader_folder
from .importer import CancelToken, ImportEvent, import_posts, managed_root
from .profile import NoWaitRateController, PoliteRateController, import_profile
from .records import MediaRef, PostRecord, fix_mojibake
from .session import LoginOptions, forget_session, saved_sessions

__all__ = [
    "CancelToken", "ExportError", "ImportEvent", "InstagramError", "LoginOptions", "MediaRef",
    "NoWaitRateController", "PoliteRateController", "PostRecord", "ZipLimits", "fix_mojibake",
    "forget_session", "import_export", "import_instaloader_folder", "import_profile",
    "managed_root", "saved_sessions",
]


def _record_problems(catalog: Catalog, problems: list[tuple[str, str]]) -> None:
    if problems:
        with catalog.write() as db:
            for path, reason in problems:
                store.record_issue(db, path, reason, "warning")


def import_instaloader_folder(
    catalog: Catalog, folder: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
) -> Iterator[ImportEvent]:
    """Import a folder written by instaloader (media, ``.txt``, ``.json.xz``); no network."""
    start = time.monotonic()
    folder = os.path.abspath(os.fspath(folder))
    if not os.path.isdir(folder):
        raise IngestError(f"{folder} is not a folder; give the folder instaloader downloaded into.")
    ev = ImportEvent("reading", message=f"Reading {folder}", path=folder)
    yield ev
    gen = scan_instaloader_folder(folder)
    while True:
        try:
            ev.done = next(gen)
        except StopIteration as stop:
            posts, problems = stop.value
            break
        if ev.done % 20 == 0:
            yield ev
        if cancel is not None:
            cancel.check()
    _record_problems(catalog, problems)
    ev.warnings += len(problems)
    yield from import_posts(catalog, posts, source="instagram:instaloader", thumbs_dir=thumbs_dir,
                            workers=workers, progress=ev, cancel=cancel)
    ev.elapsed = time.monotonic() - start


def import_export(
    catalog: Catalog, source: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
    limits: ZipLimits = ZipLimits(),
) -> Iterator[ImportEvent]:
    """Import Instagram's data export (its ZIP, or the unpacked folder); no login.

    Media of a ZIP are extracted (safely, see ``export``) into ``<catalog>.instagram/exports/``;
    an unpacked folder is indexed where it is.
    """
    start = time.monotonic()
    ev = ImportEvent("extracting", message=f"Reading {source}", path=str(source))
    yield ev
    gen = scan_export(source, managed_root(catalog.path), limits)
    while True:
        try:
            ev.done, ev.total = next(gen)
        except StopIteration as stop:
            posts, problems = stop.value
            break
        yield ev
        if cancel is not None:
            cancel.check()
    _record_problems(catalog, problems)
    ev.warnings += len(problems)
    ev.missing_files += sum(1 for _, r in problems if "does not contain" in r)
    yield from import_posts(catalog, posts, source="instagram:export", thumbs_dir=thumbs_dir,
                            workers=workers, progress=ev, cancel=cancel)
    ev.elapsed = time.monotonic() - start
