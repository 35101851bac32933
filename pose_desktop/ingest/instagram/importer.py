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
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pose_desktop.catalog import indexing, store
from pose_desktop.catalog.db import Catalog
from pose_desktop.errors import PoseError
from pose_desktop.ingest.indexer import TICK, FileHint, IndexEvent, index_stream
from pose_desktop.ingest.media import poster_thumbnail, thumbnail_path
from pose_desktop.ingest.scan import FoundFile
from pose_desktop.paths import db_path, thumbnail_dir_for
from pose_desktop.progress import Progress
from pose_desktop.vocab.hashtags import HashtagNormalizer

from . import poststore
from .records import PostRecord, local_naive

LINK_BATCH = 200


@dataclass
class ImportEvent(Progress):
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
    return indexing.files_of_paths(catalog.db, paths)


def _hint(rec: PostRecord, media, source: str) -> FileHint:
    return FileHint(
        caption=rec.caption, hashtags=[], post_date=local_naive(rec.posted_at),
        source=source, exif_date=media.exif_date, gps=media.gps, poster=media.poster,
    )


@dataclass
class _Chunk:
    """Posts whose media were handed to the indexer, waiting to be linked once committed."""

    posts: list[PostRecord]
    media_of: dict[str, tuple[PostRecord, object]]
    paths: list[str]  # catalog paths of every media file on disk
    fresh: set[str]  # media read again this time (new or changed)
    todo: list[FoundFile]
    boundary: int = 0  # the indexer's ``done`` count once this chunk's files are committed


def _plan_chunk(catalog: Catalog, posts: list[PostRecord], source: str, hints: dict[str, FileHint],
                ev: ImportEvent, handed: set[str]) -> _Chunk:
    """Find which media of ``posts`` need reading (new or changed) and give them their hints;
    missing files are recorded as warnings, unchanged ones counted. ``handed``: files to be
    extracted already handed to the indexer (by an earlier chunk); updated here."""
    media_of: dict[str, tuple[PostRecord, object]] = {}
    found: list[FoundFile] = []
    missing: list[tuple[str, str]] = []
    fetched: set[str] = set()
    for rec in posts:
        for m in rec.media:
            if m.path in media_of:
                continue
            if m.fetched is not None or m.path in handed:  # the indexer writes it as it reads it
                media_of[m.path] = (rec, m)
                if m.path not in handed:
                    found.append(m.fetched)
                    fetched.add(m.path)
                    handed.add(m.path)
                m.fetched = None  # records are kept until linked: let the file's handle go
                continue
            try:
                st = os.stat(m.path)
            except OSError as exc:
                missing.append((m.path, f"file of Instagram post {rec.shortcode or rec.posted_at} "
                                        f"is missing: {exc.strerror or exc}"))
                continue
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
        if (prev and prev[0] == f.size and prev[1] == f.mtime_ns and prev[2] == "ok"
                and f.path not in fetched):  # a file to extract is read (and put back) anyway
            ev.photos_unchanged += 1
            continue
        todo.append(f)
        fresh.add(f.path)
        hints[f.path] = _hint(media_of[f.path][0], media_of[f.path][1], source)
    return _Chunk(posts, media_of, [db_path(p)[0] for p in media_of], fresh, todo)


def _link_chunk(catalog: Catalog, chunk: _Chunk, thumbs_dir: Path, ev: ImportEvent,
                start: float, added: set[int], merged: dict[int, int],
                linked: list[int], total_posts: int) -> Iterator[ImportEvent]:
    """Record the posts of an indexed chunk and link them to their photos, ``LINK_BATCH``
    at a time; yields progress after each batch (``linked[0]`` counts the records done).

    ``added``: photos this import added; one that is another copy of a post's photo (same
    post, same carousel position, other bytes) is folded into it, recorded in ``merged``."""
    posts, media_of, fresh = chunk.posts, chunk.media_of, chunk.fresh
    ids = {p: v[3] for p, v in _known(catalog, chunk.paths).items()}
    info = indexing.photo_kinds(catalog.db, list(set(ids.values()))) if ids else {}
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
            made = pool.map(lambda job: poster_thumbnail(job[1], job[2]), jobs)
            posters = [job[0] for job, ok in zip(jobs, made, strict=True) if ok]
    normalizer = store.hashtag_normalizer(catalog.db)
    if posters:
        with catalog.write() as db:
            indexing.set_has_thumb(db, posters)
    for i in range(0, len(posts), LINK_BATCH):
        batch = posts[i : i + LINK_BATCH]
        recaption: dict[int, PostRecord] = {}
        items: list[tuple[PostRecord, list[tuple[int, int, str]]]] = []
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
                        recaption[pid] = rec
                if rec.is_post:  # else a loose photo: indexed, but no post to record
                    items.append((rec, links))
            touched = _apply_captions(db, recaption, normalizer) if recaption else []
            folded = len(merged)
            for _post_id, created in poststore.upsert_posts(db, items, mergeable=added, merged=merged):
                if created:
                    ev.posts_added += 1
                else:
                    ev.posts_updated += 1
            if len(merged) > folded:  # copies folded into the photo they are a copy of
                new = list(merged.items())[folded:]
                ev.photos_added -= len(new)
                ev.photos_updated += len(new)
                added.difference_update(pid for pid, _ in new)
                touched = [merged.get(pid, pid) for pid in touched] + [keep for _, keep in new]
            located = store.apply_post_locations(db, [pid for _, links in items for pid, _, _ in links])
            located += [pid for rec, links in items if rec.location for pid, _, _ in links]
            touched = list(dict.fromkeys([*touched, *located]))
            if touched:
                store.refresh_search(db, touched)
        linked[0] += len(batch)
        ev.phase, ev.done, ev.total = "linking", linked[0], total_posts
        ev.message = f"Recording posts: {linked[0]} of {total_posts}"
        ev.elapsed = time.monotonic() - start
        yield ev


def _finish(ev: ImportEvent, start: float) -> ImportEvent:
    ev.phase = "done"
    ev.elapsed = time.monotonic() - start
    ev.message = (f"{ev.posts_added} posts added, {ev.posts_updated} updated; photos: "
                  f"{ev.photos_added} added, {ev.photos_updated} updated, "
                  f"{ev.photos_unchanged} unchanged, {ev.failed} failed")
    return ev


def _import_stream(
    catalog: Catalog,
    chunks: Iterator[list[PostRecord]],
    *,
    source: str,
    total_files: int,
    total_posts: int,
    thumbs_dir: Path | None,
    workers: int | None,
    ev: ImportEvent,
    cancel: CancelToken | None,
) -> Iterator[ImportEvent]:
    """Index the media of every chunk of posts through one indexer pass (one worker pool, its
    pipeline kept full across chunks), linking each chunk's posts once its files are
    committed. Stop iterating to cancel: what is indexed stays, and the next import links it."""
    start = time.monotonic()
    thumbs_dir = thumbs_dir or thumbnail_dir_for(catalog.path)
    base = (ev.photos_added, ev.photos_updated)
    seen = (0, 0)
    hints: dict[str, FileHint] = {}
    handed: set[str] = set()
    added: set[int] = set()  # photos this import added
    merged: dict[int, int] = {}  # ... folded into the photo of the same post and position
    waiting: deque[_Chunk] = deque()  # chunks handed to the indexer, not committed yet
    linkers: deque[Iterator[ImportEvent]] = deque()  # committed chunks being linked
    linked = [0]  # records linked
    fed = 0

    def feed():
        nonlocal fed
        for posts in chunks:
            if cancel is not None:
                cancel.check()
            ev.posts_found = max(ev.posts_found, len(posts))
            plan = _plan_chunk(catalog, posts, source, hints, ev, handed)
            yield from plan.todo
            fed += len(plan.todo)
            plan.boundary = fed
            waiting.append(plan)
            yield TICK

    iev = IndexEvent("indexing")
    gen = index_stream(catalog, feed(), hints=hints, thumbs_dir=thumbs_dir, workers=workers, progress=iev)
    try:
        for iev in gen:
            ev.phase, ev.path = "indexing", iev.path
            added.update(iev.added_ids)
            ev.photos_added = base[0] + iev.added - len(merged)
            ev.photos_updated = base[1] + iev.updated + iev.copies + len(merged)
            # others add warnings and failures too (metadata read ahead): add only what is new
            ev.failed += iev.failed - seen[0]
            ev.warnings += iev.warnings - seen[1]
            seen = (iev.failed, iev.warnings)
            ev.done = min(total_files, iev.done + ev.photos_unchanged)
            ev.total = max(total_files, ev.done)
            ev.message = f"Reading files: {ev.done} of {ev.total} ({linked[0]} of {total_posts} posts recorded)"
            ev.photo_ids = list(iev.photo_ids)
            ev.elapsed = time.monotonic() - start
            yield ev
            ev.photo_ids = []
            if cancel is not None:
                cancel.check()
            while waiting and waiting[0].boundary <= iev.done:  # committed: can be linked
                linkers.append(_link_chunk(catalog, waiting.popleft(), thumbs_dir, ev, start, added,
                                           merged, linked, total_posts))
            # one batch of posts per indexer event: the pool keeps reading meanwhile
            while linkers:
                if next(linkers[0], None) is not None:
                    yield ev
                    break
                linkers.popleft()
    finally:
        gen.close()
    while waiting:  # only when nothing at all was read (the indexer yields nothing after it)
        linkers.append(_link_chunk(catalog, waiting.popleft(), thumbs_dir, ev, start, added,
                                   merged, linked, total_posts))
    for linker in linkers:
        yield from linker


def _apply_captions(db, recs: dict[int, PostRecord], normalizer: HashtagNormalizer) -> list[int]:
    """Refresh the caption and hashtags of already-catalogued photos from their posts;
    the ids of those that changed."""
    ids = list(recs)
    changed: list[tuple[int, list[str], bool]] = []
    for pid, caption, hashtags in indexing.captions(db, ids):
        rec = recs[pid]
        if caption == rec.caption and json.loads(hashtags or "[]") == rec.hashtags:
            continue
        changed.append((pid, rec.hashtags, False))
    if changed:
        indexing.set_captions(db, [(recs[pid].caption, pid) for pid, _, _ in changed])
        store.apply_hashtags_many(db, changed, normalizer)
    return [pid for pid, _, _ in changed]


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
    extracting its files) on a helper thread while this one is indexed. All chunks go
    through one indexer pass: its worker pool and pipeline are not restarted per chunk.

    ``prepare(chunk)`` returns (records, problems); problems are recorded as warnings.
    """
    start = time.monotonic()
    ev = progress
    parts = chunked(items, size, first or FIRST_CHUNK_FILES)
    ahead = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pose-prepare")

    def prepared() -> Iterator[list[PostRecord]]:
        futures = [ahead.submit(prepare, parts[0])] if parts else []
        for i in range(len(parts)):
            if i + 1 < len(parts):
                futures.append(ahead.submit(prepare, parts[i + 1]))
            records, problems = futures[i].result()
            futures[i] = None  # let the records go once linked
            if problems:
                with catalog.write() as db:
                    for path, reason in problems:
                        store.record_issue(db, path, reason, "warning")
                ev.warnings += len(problems)
            yield records

    try:
        yield from _import_stream(
            catalog, prepared(), source=source, total_files=sum(size(it) for it in items),
            total_posts=len(items), thumbs_dir=thumbs_dir, workers=workers, ev=ev, cancel=cancel)
    finally:
        ahead.shutdown(wait=True, cancel_futures=True)
    yield _finish(ev, start)
