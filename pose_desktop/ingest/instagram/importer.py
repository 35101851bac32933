"""Posts → catalog: index their media (through the indexer) and record the posts.

Every import path ends here with a list of ``PostRecord``\\ s whose media are files on disk.
New or changed files are read once by ``index_files`` (hash, EXIF, thumbnail; EXIF dates
first, the post date as fallback); files already catalogued unchanged are not read again,
only their caption and hashtags are refreshed, so importing the same posts twice is fast and
adds nothing.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pose_desktop.catalog import store
from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import PoseError
from pose_desktop.ingest.indexer import FileHint, index_files
from pose_desktop.ingest.media import (
    THUMB_SIZE,
    decode_for_display,
    thumbnail_path,
    write_jpeg_atomic,
)
from pose_desktop.ingest.scan import FoundFile, db_path
from pose_desktop.paths import thumbnail_dir_for
from pose_desktop.tagging.hashtags import HashtagNormalizer

from . import poststore
from .records import PostRecord, local_naive

LINK_BATCH = 200


@dataclass
class ImportEvent:
    """Progress of an Instagram import (profile, instaloader folder or data export).

    ``phase``: one of ``login``, ``profile``, ``downloading``, ``waiting``, ``reading``,
    ``extracting``, ``indexing``, ``linking``, ``done``. ``done``/``total`` count the unit of
    the current phase (posts while downloading and linking, files while indexing).
    ``message`` is a sentence for a status line. The final event has phase ``done``.
    """

    phase: str
    done: int = 0
    total: int = 0
    message: str | None = None
    posts_found: int = 0
    posts_downloaded: int = 0
    posts_skipped: int = 0
    posts_added: int = 0
    posts_updated: int = 0
    photos_added: int = 0
    photos_updated: int = 0
    photos_unchanged: int = 0
    videos: int = 0
    failed: int = 0
    missing_files: int = 0
    warnings: int = 0
    elapsed: float = 0.0
    path: str | None = None
    photo_ids: list[int] = field(default_factory=list)
    # what instaloader reported on the way (a retried request, a skipped post), for a log view
    notes: list[str] = field(default_factory=list)


def snapshots(fn):
    """Decorate an import generator so each yielded event is a copy.

    The importers update one ``ImportEvent`` as they go; a GUI that hands events to another
    thread must not see them change afterwards. Closing the wrapper closes the import.
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        gen = fn(*args, **kwargs)
        try:
            for ev in gen:
                yield dataclasses.replace(ev, photo_ids=list(ev.photo_ids), notes=list(ev.notes))
        finally:
            gen.close()

    return wrapper


class Cancelled(PoseError):
    """Raised inside long waits when the caller asked the import to stop."""

    def __init__(self, message: str = "Import cancelled.") -> None:
        super().__init__(message)


class CancelToken:
    """A flag the GUI thread sets to stop an import that may be blocked in a wait.

    Stopping the iteration (``generator.close()``) also cancels; the token is for the moments
    the worker is not at a ``yield`` (sleeping for Instagram's rate limit, a slow request).
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the import to stop as soon as it can (thread-safe)."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._event.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if cancelled."""
        if self._event.is_set():
            raise Cancelled()

    def sleep(self, seconds: float) -> None:
        """Sleep, waking early (with ``Cancelled``) when cancelled."""
        if self._event.wait(max(0.0, seconds)):
            raise Cancelled()


def managed_root(catalog_path: Path) -> Path:
    """Folder beside the catalog where downloads and extracted exports live."""
    return catalog_path.with_name(catalog_path.stem + ".instagram")


def _known(catalog: Catalog, paths: list[str]) -> dict[str, tuple[int, int, str, int]]:
    """path → (size, mtime_ns, status, photo_id) for the catalogued ones among ``paths``."""
    out: dict[str, tuple[int, int, str, int]] = {}
    db = catalog.db
    for i in range(0, len(paths), 500):
        chunk = paths[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for p, size, mtime, status, pid in db.execute(
            f"SELECT path, size, mtime_ns, status, photo_id FROM files WHERE path IN ({marks})", chunk
        ):
            out[p] = (size, mtime, status, pid)
    return out


def _hint(rec: PostRecord, media, source: str) -> FileHint:
    return FileHint(
        caption=rec.caption, hashtags=[], post_date=local_naive(rec.posted_at),
        source=source, exif_date=media.exif_date, gps=media.gps,
    )


def _poster_thumbnail(poster: str, target: Path) -> bool:
    try:
        with open(poster, "rb") as fh:
            im = decode_for_display(fh.read(), THUMB_SIZE)
        write_jpeg_atomic(im, target)
        return True
    except Exception:  # a bad poster only costs the video its preview
        return False


def import_posts(
    catalog: Catalog,
    posts: list[PostRecord],
    *,
    source: str,
    thumbs_dir: Path | None = None,
    workers: int | None = None,
    progress: ImportEvent | None = None,
    cancel: CancelToken | None = None,
    final: bool = True,
) -> Iterator[ImportEvent]:
    """Index the media of ``posts`` and record the posts; yields progress, the last ``done``
    (unless ``final`` is False: importers that feed posts in chunks add up into ``progress``).

    ``source`` names the path in ``files.source`` (``instagram:profile``,
    ``instagram:instaloader``, ``instagram:export``). Stop iterating to cancel: what is
    indexed stays, and the next import links it.
    """
    start = time.monotonic()
    thumbs_dir = thumbs_dir or thumbnail_dir_for(catalog.path)
    ev = progress or ImportEvent("indexing")
    ev.posts_found = max(ev.posts_found, len(posts))
    base = (ev.photos_added, ev.photos_updated, ev.failed, ev.warnings)
    media_of: dict[str, tuple[PostRecord, object]] = {}
    found: list[FoundFile] = []
    missing: list[tuple[str, str]] = []
    for rec in posts:
        for m in rec.media:
            try:
                st = os.stat(m.path)
            except OSError as exc:
                missing.append((m.path, f"file of Instagram post {rec.shortcode or rec.posted_at} "
                                        f"is missing: {exc.strerror or exc}"))
                continue
            if m.path not in media_of:
                media_of[m.path] = (rec, m)
                found.append(FoundFile(m.path, st.st_size, st.st_mtime_ns))
    ev.missing_files += len(missing)
    if missing:
        with catalog.write() as db:
            for path, reason in missing:
                store.record_issue(db, db_path(path)[0], reason, "warning")
    known = _known(catalog, [db_path(f.path)[0] for f in found])
    todo, fresh = [], set()
    for f in found:
        prev = known.get(db_path(f.path)[0])
        if prev and prev[0] == f.size and prev[1] == f.mtime_ns and prev[2] == "ok":
            ev.photos_unchanged += 1
            continue
        todo.append(f)
        fresh.add(f.path)
    hints = {f.path: _hint(media_of[f.path][0], media_of[f.path][1], source) for f in todo}
    ev.phase, ev.total, ev.done = "indexing", len(todo), 0
    ev.message = f"Reading {len(todo)} new or changed files ({ev.photos_unchanged} unchanged)"
    yield ev
    if todo:
        gen = index_files(catalog, todo, hints=hints, thumbs_dir=thumbs_dir, workers=workers)
        try:
            for iev in gen:
                ev.done, ev.total, ev.path = iev.done, iev.total, iev.path
                ev.photos_added, ev.photos_updated = base[0] + iev.added, base[1] + iev.updated
                ev.failed, ev.warnings = base[2] + iev.failed, base[3] + iev.warnings
                ev.photo_ids = list(iev.photo_ids)
                ev.elapsed = time.monotonic() - start
                yield ev
                if cancel is not None and cancel.cancelled:
                    return
        finally:
            gen.close()
        ev.photo_ids = []
    # link posts ↔ photos
    ev.phase, ev.done, ev.total = "linking", 0, len(posts)
    ev.message = f"Recording {len(posts)} posts"
    yield ev
    all_paths = [db_path(f.path)[0] for f in found]
    ids = {p: v[3] for p, v in _known(catalog, all_paths).items()}
    info = {}
    if ids:
        db = catalog.db
        id_list = list(set(ids.values()))
        for i in range(0, len(id_list), 500):
            chunk = id_list[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for pid, h, mt, thumb in db.execute(
                f"SELECT id, hash, media_type, has_thumb FROM photos WHERE id IN ({marks})", chunk
            ):
                info[pid] = (h, mt, thumb)
    # videos get their poster frame as thumbnail (cheap: instaloader saved it)
    jobs = []
    for path, (_rec, m) in media_of.items():
        pid = ids.get(db_path(path)[0])
        if pid is None or m.poster is None or pid not in info:
            continue
        h, mt, has_thumb = info[pid]
        if mt == "video" and not has_thumb:
            jobs.append((pid, m.poster, thumbnail_path(thumbs_dir, h)))
    posters: list[int] = []
    if jobs:  # decoding releases the GIL: a few threads
        with ThreadPoolExecutor(max_workers=4, thread_name_prefix="pose-poster") as pool:
            made = pool.map(lambda job: _poster_thumbnail(job[1], job[2]), jobs)
            posters = [job[0] for job, ok in zip(jobs, made, strict=True) if ok]
    with catalog.write() as db:
        normalizer = HashtagNormalizer.from_catalog(db)
        for pid in posters:
            db.execute("UPDATE photos SET has_thumb = 1 WHERE id = ?", [pid])
    for i in range(0, len(posts), LINK_BATCH):
        batch = posts[i : i + LINK_BATCH]
        touched: list[int] = []
        with catalog.write() as db:
            for rec in batch:
                links = []
                for m in rec.media:
                    pid = ids.get(db_path(m.path)[0])
                    if pid is None or pid not in info:
                        continue
                    links.append((pid, m.position, info[pid][1]))
                    if info[pid][1] == "video":
                        ev.videos += 1
                    if m.path not in fresh and rec.caption is not None:
                        if _apply_caption(db, pid, rec, normalizer):
                            touched.append(pid)
                if not rec.is_post:
                    continue  # a loose photo: indexed, but no post to record
                post_id, created = poststore.upsert_post(db, rec, [pid for pid, _, _ in links])
                poststore.link_media(db, post_id, links)
                if created:
                    ev.posts_added += 1
                else:
                    ev.posts_updated += 1
            if touched:
                store.refresh_search(db, touched)
        ev.done = min(len(posts), i + LINK_BATCH)
        ev.elapsed = time.monotonic() - start
        yield ev
    if not final:
        return
    ev.phase = "done"
    ev.elapsed = time.monotonic() - start
    ev.message = (f"{ev.posts_added} posts added, {ev.posts_updated} updated; photos: "
                  f"{ev.photos_added} added, {ev.photos_updated} updated, "
                  f"{ev.photos_unchanged} unchanged, {ev.failed} failed")
    yield ev


def _apply_caption(db, photo_id: int, rec: PostRecord, normalizer: HashtagNormalizer) -> bool:
    """Refresh the caption and hashtags of an already-catalogued photo from its post;
    True when something changed."""
    row = db.execute("SELECT caption, hashtags FROM photos WHERE id = ?", [photo_id]).fetchone()
    tags = rec.hashtags
    if row and row[0] == rec.caption and json.loads(row[1] or "[]") == tags:
        return False
    db.execute("UPDATE photos SET caption = ? WHERE id = ?", [rec.caption, photo_id])
    store.apply_hashtags(db, photo_id, tags, normalizer)
    return True


FIRST_CHUNK_FILES = 256


def chunked(items: list, size: Callable[[object], int], first: int) -> list[list]:
    """Split ``items`` into chunks of about ``first`` media, doubling: a small first chunk
    starts indexing early, bigger ones later keep the indexer's pipeline full."""
    chunks: list[list] = []
    count, limit = 0, first
    for item in items:
        if not chunks or count >= limit:
            if chunks:
                limit *= 2
            chunks.append([])
            count = 0
        chunks[-1].append(item)
        count += size(item)
    return chunks


def import_in_chunks(
    catalog: Catalog,
    items: list,
    *,
    prepare: Callable[[list], tuple[list[PostRecord], list[tuple[str, str]]]],
    size: Callable[[object], int],
    source: str,
    progress: ImportEvent,
    thumbs_dir: Path | None = None,
    workers: int | None = None,
    cancel: CancelToken | None = None,
    first: int | None = None,
) -> Iterator[ImportEvent]:
    """Import posts chunk by chunk, preparing the next chunk (reading its metadata,
    extracting its files) on a helper thread while this one is indexed.

    ``prepare(chunk)`` returns (records, problems); problems are recorded as warnings.
    """
    ev = progress
    chunks = chunked(items, size, first or FIRST_CHUNK_FILES)
    if not chunks:
        yield from import_posts(catalog, [], source=source, thumbs_dir=thumbs_dir, workers=workers,
                                progress=ev, cancel=cancel)
        return
    total = len(items)
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pose-prepare")
    try:
        futures = [ahead.submit(prepare, chunks[0])]
        done = 0
        for i, chunk in enumerate(chunks):
            if i + 1 < len(chunks):
                futures.append(ahead.submit(prepare, chunks[i + 1]))
            records, problems = futures[i].result()
            if problems:
                with catalog.write() as db:
                    for path, reason in problems:
                        store.record_issue(db, path, reason, "warning")
                ev.warnings += len(problems)
            ev.phase, ev.done, ev.total = "reading", done + len(chunk), total
            ev.message = f"Importing posts {done + 1}–{done + len(chunk)} of {total}"
            done += len(chunk)
            yield ev
            if cancel is not None:
                cancel.check()
            yield from import_posts(catalog, records, source=source, thumbs_dir=thumbs_dir,
                                    workers=workers, progress=ev, cancel=cancel,
                                    final=i == len(chunks) - 1)
    finally:
        ahead.shutdown(wait=True, cancel_futures=True)
