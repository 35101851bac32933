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
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import IngestError

from .errors import InstagramError
from .export import (
    EXTRACT_THREADS,
    ExportError,
    ZipLimits,
    extraction_problem,
    plan_export,
)
from .folder import scan_instaloader_folder
from .importer import CancelToken, ImportEvent, import_posts, managed_root, snapshots
from .profile import NoWaitRateController, PoliteRateController, import_profile
from .records import MediaRef, PostRecord, fix_mojibake
from .session import LoginOptions, forget_session, saved_sessions

# Posts are imported in chunks (this many media first, doubling after), the next chunks
# extracting meanwhile.
EXPORT_CHUNK_FILES = 256

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


@snapshots
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


@snapshots
def import_export(
    catalog: Catalog, source: str | Path, *, thumbs_dir: Path | None = None,
    workers: int | None = None, cancel: CancelToken | None = None,
    limits: ZipLimits | None = None,
) -> Iterator[ImportEvent]:
    """Import Instagram's data export (its ZIP, or the unpacked folder); no login.

    Media of a ZIP are extracted (safely, see ``export``) into ``<catalog>.instagram/exports/``
    in the background while the previous chunk of posts is indexed; an unpacked folder is
    indexed where it is.
    """
    start = time.monotonic()
    ev = ImportEvent("extracting", message=f"Reading {source}", path=str(source))
    yield ev
    plan = plan_export(source, managed_root(catalog.path), limits or ZipLimits())
    _record_problems(catalog, plan.problems)
    ev.warnings += len(plan.problems)
    ev.missing_files += sum(1 for _, r in plan.problems if "does not contain" in r)
    ev.posts_found = len(plan.posts)
    chunks: list[list[PostRecord]] = []
    size, limit = 0, EXPORT_CHUNK_FILES
    for rec in plan.posts:
        if not chunks or size >= limit:
            if chunks:
                limit *= 2  # a small first chunk starts indexing early; bigger ones later
            chunks.append([])  # keep the indexer's pipeline full (fewer drains)
            size = 0
        chunks[-1].append(rec)
        size += len(rec.media)
    futures: dict[str, object] = {}
    pool = ThreadPoolExecutor(max_workers=EXTRACT_THREADS, thread_name_prefix="pose-unzip")

    def submit(chunk: list[PostRecord]) -> None:
        for rec in chunk:
            for m in rec.media:
                if m.path in plan.jobs and m.path not in futures:
                    futures[m.path] = pool.submit(plan.extract, plan.jobs[m.path])

    try:
        for chunk in chunks[:2]:
            submit(chunk)
        for i, chunk in enumerate(chunks):
            if i + 2 < len(chunks):
                submit(chunks[i + 2])  # extract ahead while this chunk is indexed
            damaged = []
            for rec in chunk:
                for m in rec.media:
                    if m.path in futures:
                        problem = extraction_problem(futures[m.path], plan.jobs[m.path])
                        if problem:
                            damaged.append((str(source) + ":" + str(plan.jobs[m.path]), problem))
            _record_problems(catalog, damaged)
            ev.warnings += len(damaged)
            ev.phase, ev.done, ev.total = "extracting", sum(map(len, chunks[: i + 1])), len(plan.posts)
            ev.message = f"Importing posts {ev.done - len(chunk) + 1}–{ev.done} of {len(plan.posts)}"
            yield ev
            if cancel is not None:
                cancel.check()
            yield from import_posts(catalog, chunk, source="instagram:export", thumbs_dir=thumbs_dir,
                                    workers=workers, progress=ev, cancel=cancel,
                                    final=i == len(chunks) - 1)
    finally:
        for fut in futures.values():
            fut.cancel()
        pool.shutdown(wait=True)
    if not chunks:
        yield from import_posts(catalog, [], source="instagram:export", progress=ev)
    ev.elapsed = time.monotonic() - start
