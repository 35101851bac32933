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

from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import IngestError

from .errors import InstagramError
from .export import (
    ExportError,
    ZipLimits,
    plan_export,
)
from .folder import import_folder_posts, record_problems
from .importer import CancelToken, ImportEvent, import_in_chunks, managed_root, snapshots
from .profile import NoWaitRateController, PoliteRateController, import_profile
from .records import MediaRef, PostRecord, fix_mojibake
from .session import LoginOptions, forget_session, saved_sessions

__all__ = [
    "CancelToken", "ExportError", "ImportEvent", "InstagramError", "LoginOptions", "MediaRef",
    "NoWaitRateController", "PoliteRateController", "PostRecord", "ZipLimits", "fix_mojibake",
    "forget_session", "import_export", "import_instaloader_folder", "import_profile",
    "managed_root", "saved_sessions",
]


@snapshots
def import_instaloader_folder(
    catalog: Catalog, folder: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
) -> Iterator[ImportEvent]:
    """Import a folder written by instaloader (media, ``.txt``, ``.json.xz``); no network.

    Posts are found from file names first; their metadata is read on a helper thread,
    a chunk ahead of the indexer.
    """
    start = time.monotonic()
    folder = os.path.abspath(os.fspath(folder))
    if not os.path.isdir(folder):
        raise IngestError(f"{folder} is not a folder; give the folder instaloader downloaded into.")
    ev = ImportEvent("reading", message=f"Reading {folder}", path=folder)
    yield ev
    yield from import_folder_posts(catalog, folder, source="instaloader", progress=ev,
                                   thumbs_dir=thumbs_dir, workers=workers, cancel=cancel)
    ev.elapsed = time.monotonic() - start


@snapshots
def import_export(
    catalog: Catalog, source: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
    limits: ZipLimits | None = None,
) -> Iterator[ImportEvent]:
    """Import Instagram's data export (its ZIP, or the unpacked folder); no login.

    Media of a ZIP are extracted (safely, see ``export``) into ``<catalog>.instagram/exports/``
    by the indexer's workers as they read them (the bytes are read once); an unpacked folder
    is indexed where it is.
    """
    start = time.monotonic()
    ev = ImportEvent("extracting", message=f"Reading {source}", path=str(source))
    yield ev
    plan = plan_export(source, managed_root(catalog.path), limits or ZipLimits())
    record_problems(catalog, plan.problems)
    ev.warnings += len(plan.problems)
    ev.missing_files += sum(1 for _, r in plan.problems if "does not contain" in r)
    ev.posts_found = len(plan.posts)

    def prepare(chunk):
        # members not extracted yet are extracted by the indexer as it reads them (one read)
        for rec in chunk:
            for m in rec.media:
                member = plan.jobs.pop(m.path, None)
                if member is not None and plan.fetched is not None:
                    m.fetched = plan.fetched(member)
        return chunk, []

    try:
        yield from import_in_chunks(catalog, plan.posts, prepare=prepare,
                                    size=lambda rec: len(rec.media), source="instagram:export",
                                    progress=ev, thumbs_dir=thumbs_dir, workers=workers,
                                    cancel=cancel)
    finally:
        plan.close()
    ev.elapsed = time.monotonic() - start
