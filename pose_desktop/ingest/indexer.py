"""Indexing media files into the catalog, as a generator of progress events.

``index_folder`` scans a folder, reads only new or changed files (size + mtime), and
records each file under its content hash, so a moved or renamed photo keeps its tags.
Files are read once, in worker threads (hash + EXIF + thumbnail from the same bytes);
the calling thread writes results in small transactions. Stop iterating at any point
(``generator.close()``) and nothing is lost or doubled: finished work is committed, the
rest is picked up by the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pose_desktop.catalog import indexing, store
from pose_desktop.catalog.dates import (
    FILE_TIME,
    FOLDER,
    RANK,
    date_from_path,
    date_parts,
    precision,
)
from pose_desktop.catalog.db import Catalog, now_iso
from pose_desktop.paths import db_path, private_dir, remove_stale_tmp, thumbnail_dir_for
from pose_desktop.progress import Progress
from pose_desktop.vocab.hashtags import HashtagNormalizer, extract_hashtags

from .exif import ExifInfo, read_exif
from .media import (
    VIDEO_EXTENSIONS,
    NotAnImageError,
    poster_thumbnail,
    probe_and_thumbnail,
    thumbnail_path,
)
from .scan import FoundFile, ScanProblem, walk_media
from .video import probe_video

BATCH_SIZE = 64


@dataclass
class FileHint:
    """What an importer knows about a file beyond its bytes (Instagram posts)."""

    caption: str | None = None
    hashtags: list[str] = field(default_factory=list)
    post_date: datetime | None = None
    source: str = "folder"
    # EXIF kept in an importer's metadata when the file lost it (Instagram's data export).
    exif_date: datetime | None = None
    gps: tuple[float, float] | None = None
    # a still beside a video (instaloader saves one): the video's thumbnail is made from it
    poster: str | None = None


@dataclass
class IndexEvent(Progress):
    """Progress of an indexing run. ``phase``: scanning, indexing, finishing, done."""

    phase: str
    done: int = 0
    total: int = 0
    path: str | None = None
    added: int = 0
    updated: int = 0
    # new files whose picture the catalog already holds (a copy, or a file moved here)
    copies: int = 0
    unchanged: int = 0
    failed: int = 0
    warnings: int = 0
    missing: int = 0
    elapsed: float = 0.0
    message: str | None = None
    photo_ids: list[int] = field(default_factory=list)
    # the photos among ``photo_ids`` that are new to the catalog
    added_ids: list[int] = field(default_factory=list)

    @property
    def found_nothing(self) -> bool:
        """The folder held no photo or video at all (nor a file that failed as one)."""
        return not (self.added or self.updated or self.copies or self.unchanged or self.failed
                    or self.warnings or self.missing)


@dataclass
class _FileResult:
    path: str
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    hash: str | None = None
    media_type: str = "image"
    format: str | None = None
    width: int | None = None
    height: int | None = None
    orientation: int | None = None
    exif: ExifInfo = field(default_factory=ExifInfo)
    has_thumb: bool = False
    duration: float | None = None  # seconds, for a video
    error: str | None = None
    warning: str | None = None


class FetchError(Exception):
    """Raised by ``FetchedFile.fetch`` when the file's source is damaged; the message says why."""


@dataclass
class FetchedFile(FoundFile):
    """A file an importer puts on disk as the indexer reads it (a member of an export ZIP
    extracted into the library's managed folder): ``fetch()`` writes it at ``path`` (``size``
    bytes, mtime ``mtime_ns``) and returns its bytes when it is at most ``MAX_IN_MEMORY``
    bytes (else None: the indexer streams it back from disk), so small files are read once.
    It raises ``FetchError`` for a damaged source; other errors (an unsafe ZIP) stop the
    indexing."""

    fetch: Callable[[], bytes | None] | None = None


# Files up to this size are read once into memory (hash, EXIF and thumbnail from the same
# bytes); larger ones (videos, huge scans) are hashed in READ_CHUNK pieces and decoded from
# disk, so memory stays bounded whatever a file's size.
MAX_IN_MEMORY = 64 * 1024 * 1024
READ_CHUNK = 1024 * 1024


def _new_hash(data: bytes = b""):
    return hashlib.blake2b(data, digest_size=20)


def _hash_file(path: str, keep: int) -> tuple[str, int, bytes | None]:
    """(hash, size, bytes) of the file at ``path``, read in ``READ_CHUNK`` pieces; its bytes
    only when it is at most ``keep`` bytes long."""
    digest = _new_hash()
    with open(path, "rb") as fh:  # read-only: originals are never written
        head = fh.read(keep + 1)
        digest.update(head)
        if len(head) <= keep:
            return digest.hexdigest(), len(head), head
        size = len(head)
        del head
        buf = bytearray(READ_CHUNK)
        view = memoryview(buf)
        while n := fh.readinto(buf):
            digest.update(view[:n])
            size += n
    return digest.hexdigest(), size, None


def _read_file(found: FoundFile, thumbs_dir: Path, poster: str | None = None) -> _FileResult:
    """Worker: read the file once; hash, EXIF, dimensions, thumbnail. Never raises (except
    what a ``FetchedFile`` raises for an unsafe source). ``poster``: a still to make a video's
    thumbnail from. Memory is bounded: files over ``MAX_IN_MEMORY`` are streamed."""
    res = _FileResult(found.path, found.size, found.mtime_ns, found.ctime_ns)
    is_video = os.path.splitext(found.path)[1].lower() in VIDEO_EXTENSIONS
    keep = 0 if is_video else MAX_IN_MEMORY  # a video's bytes are only hashed
    data: bytes | None = None
    try:
        if isinstance(found, FetchedFile) and found.fetch is not None:
            data = found.fetch()
            if data is not None:
                res.hash, res.size = _new_hash(data).hexdigest(), len(data)
        if res.hash is None:
            res.hash, res.size, data = _hash_file(found.path, keep)
    except FetchError as exc:
        res.error = str(exc)
        return res
    except OSError as exc:
        res.hash = None
        res.error = f"cannot read the file: {exc.strerror or exc}"
        return res
    except MemoryError:
        res.hash = None
        res.error = "the file is too large to read"
        return res
    if not res.size:
        res.hash = None
        res.error = "empty file (0 bytes)"
        return res
    if is_video:
        res.media_type, res.format = "video", os.path.splitext(found.path)[1].lstrip(".").upper()
        thumb = thumbnail_path(thumbs_dir, res.hash)
        if poster:  # instaloader's still of the video
            res.has_thumb = poster_thumbnail(poster, thumb)
        video = probe_video(found.path, None if res.has_thumb else thumb)
        res.has_thumb = res.has_thumb or video.poster_written
        res.width, res.height, res.duration, res.warning = (
            video.width, video.height, video.duration, video.warning)
        if video.taken_at:
            res.exif = ExifInfo(taken_at=video.taken_at, date_source=video.date_source,
                                tz_offset=video.tz_offset)
        return res
    source = data if data is not None else found.path
    try:
        info = probe_and_thumbnail(source, thumbnail_path(thumbs_dir, res.hash))
    except NotAnImageError as exc:
        res.error = str(exc)
        return res
    except OSError as exc:
        res.error = f"cannot read the file: {exc.strerror or exc}"
        return res
    except Exception as exc:  # a decoder bug must not stop the run
        res.error = f"could not read the image ({type(exc).__name__}: {exc})"
        return res
    res.format, res.width, res.height = info.format, info.width, info.height
    res.orientation, res.has_thumb, res.warning = info.orientation, info.thumbnail_written, info.warning
    if data is not None:
        res.exif = read_exif(data)
    else:
        try:
            with open(found.path, "rb") as fh:
                res.exif = read_exif(fh)
        except OSError as exc:
            res.exif = ExifInfo(error=f"cannot read EXIF: {exc.strerror or exc}")
    exif = res.exif
    if exif.error and not res.warning:
        res.warning = exif.error
    return res


# A better date wins when a photo is seen again (the user's, EXIF, Instagram, a folder
# name, the file's time: see catalog/dates.py).
_DATE_RANK = RANK


def _store_batch(db, results: list[_FileResult], hints: Mapping[str, FileHint],
                 normalizer: HashtagNormalizer) -> list[tuple[_FileResult, str, int | None]]:
    """Write a batch of file results in a few set-based statements.

    Returns (result, 'added' | 'updated' | 'copy' | 'failed' | 'unchanged', photo id) in
    order ('unchanged': it failed again as before, same reason, size and mtime). Photos are
    looked up by hash in one query; files, hashtag tags and issues are written many rows per
    statement (``catalog/indexing.py``).
    """
    stamp = now_iso()
    out: list[tuple[_FileResult, str, int | None]] = []
    good = [r for r in results if not r.error]
    news = store.record_failures(db, [(db_path(r.path)[0], r.error, r.size, r.mtime_ns)
                                      for r in results if r.error])
    seen: dict[str, tuple[int, str | None]] = {}
    # the photo each path showed before this batch: an edited file leaves it (see below)
    before = indexing.photos_of_paths(db, [db_path(r.path)[0] for r in results])
    seen.update(indexing.photos_by_hash(db, list({r.hash for r in good})))
    file_rows, date_rows, status_rows, caption_rows = [], [], [], []
    tagged: list[tuple[int, list[str], bool]] = []  # (photo id, raw hashtags, new photo?)
    for res in results:
        if res.error:  # a known unreadable file, unchanged: 'unchanged', not announced again
            out.append((res, "failed" if db_path(res.path)[0] in news else "unchanged", None))
            continue
        hint = hints.get(res.path)
        exif = res.exif
        taken, source, offset = exif.taken_at, exif.date_source, exif.tz_offset
        gps_source = "exif" if exif.gps_lat is not None else None
        if taken is None and hint and hint.exif_date:
            taken, source = hint.exif_date, "instagram:exif"
        if exif.gps_lat is None and hint and hint.gps:
            exif.gps_lat, exif.gps_lon = hint.gps
            gps_source = "instagram"
        if taken is None and hint and hint.post_date:
            taken, source = hint.post_date, "instagram"
        if taken is None:
            guess = date_from_path(res.path)
            if guess:
                taken, source = guess[0], f"{FOLDER}:{guess[1]}"
            else:  # undated: the file's time orders it, nothing more
                taken, source = datetime.fromtimestamp(res.mtime_ns / 1e9).replace(microsecond=0), FILE_TIME
        iso, year, month, day = date_parts(taken, precision(source))
        raw_tags = None
        if hint and (hint.caption or hint.hashtags):
            raw_tags = list(dict.fromkeys([*extract_hashtags(hint.caption), *hint.hashtags]))
        row = seen.get(res.hash)
        text_path = db_path(res.path)[0]
        old_pid = before.get(text_path)
        if row is None and old_pid is not None and _sole_version(db, old_pid, text_path, seen):
            # The file was edited in place (rotated, retouched): its photo gets the new
            # version. Its id stays, so the user's tags, caption, names and posts stay;
            # the models see it again (``analyze``), faces keeping names where they overlap.
            old_rank = indexing.date_source(db, old_pid)
            keep_date = _DATE_RANK.get(old_rank, 9) < _DATE_RANK.get(source, 9)
            indexing.replace_version(
                db, old_pid, hash=res.hash, size=res.size, media_type=res.media_type,
                format=res.format, width=res.width, height=res.height, orientation=res.orientation,
                camera_make=exif.camera_make, camera_model=exif.camera_model,
                gps_lat=exif.gps_lat, gps_lon=exif.gps_lon, gps_source=gps_source,
                has_thumb=int(res.has_thumb), updated_at=stamp)
            if not keep_date:
                date_rows.append((iso, source, year, month, day,
                                  offset if source == exif.date_source else None, old_pid))
            seen[res.hash] = (old_pid, source if not keep_date else old_rank)
            photo_id, outcome = old_pid, "updated"
            if hint and hint.caption:
                caption_rows.append((hint.caption, photo_id))
        elif row is None:
            photo_id = indexing.insert_photo(
                db, hash=res.hash, size=res.size, media_type=res.media_type, format=res.format,
                width=res.width, height=res.height, orientation=res.orientation, taken_at=iso,
                date_source=source, year=year, month=month, day=day,
                camera_make=exif.camera_make, camera_model=exif.camera_model,
                gps_lat=exif.gps_lat, gps_lon=exif.gps_lon, has_thumb=int(res.has_thumb),
                added_at=stamp, updated_at=stamp, caption=hint.caption if hint else None,
                hashtags=json.dumps(raw_tags, ensure_ascii=False) if raw_tags is not None else "[]",
                tz_offset=offset if source == exif.date_source else None, gps_source=gps_source,
                duration=res.duration,
            )
            outcome = "added"
            seen[res.hash] = (photo_id, source)
        else:
            photo_id, outcome = row[0], "updated" if old_pid is not None else "copy"
            if _DATE_RANK.get(source, 9) < _DATE_RANK.get(row[1], 9):
                date_rows.append((iso, source, year, month, day,
                                  offset if source == exif.date_source else None, photo_id))
                seen[res.hash] = (photo_id, source)
            status_rows.append((int(res.has_thumb), stamp, photo_id))
            if hint and hint.caption:
                caption_rows.append((hint.caption, photo_id))
        if raw_tags is not None:
            tagged.append((photo_id, raw_tags, outcome == "added"))
        text, raw = db_path(res.path)
        file_rows.append((photo_id, text, raw, res.size, res.mtime_ns, res.ctime_ns,
                          hint.source if hint else "folder", stamp))
        out.append((res, outcome, photo_id))
    if date_rows:
        indexing.set_dates(db, date_rows)
    if status_rows:
        indexing.mark_seen(db, status_rows)
    if file_rows:
        indexing.upsert_files(db, file_rows)
    # a photo whose file now shows another photo has one file fewer: no phantom 'ok' row
    moved = {pid for path, pid in before.items() if pid not in {r[0] for r in file_rows if r[1] == path}}
    indexing.refresh_photo_status(db, moved)
    if caption_rows:
        indexing.set_captions(db, caption_rows)
    if tagged:
        store.apply_hashtags_many(db, tagged, normalizer)
    for r in good:
        if r.warning:
            store.record_issue(db, db_path(r.path)[0], r.warning, "warning")
    store.clear_issues(db, [db_path(r.path)[0] for r in good if not r.warning])
    return out


def _sole_version(db, photo_id: int, path: str, seen: dict) -> bool:
    """Whether ``path`` is the only readable file of ``photo_id`` (so new bytes there are a
    new version of that photo) and no other file of this batch took the photo already."""
    if any(pid == photo_id for pid, _ in seen.values()):
        return False
    return not indexing.has_other_file(db, photo_id, path)


_swept: set[Path] = set()


def _prepare_thumbs(thumbs_dir: Path) -> None:
    """The thumbnail folder, owner-only (thumbnails show private photos); once per process,
    the temporary files a killed run left in it are removed."""
    try:
        private_dir(thumbs_dir)
    except OSError:
        return  # a read-only disk: the workers report what they cannot write
    if thumbs_dir not in _swept:
        _swept.add(thumbs_dir)
        remove_stale_tmp(thumbs_dir, recursive=True)


class _Tick:
    """Put ``TICK`` in the stream given to ``index_stream`` to get a progress event there."""

    def __repr__(self) -> str:
        return "TICK"


TICK = _Tick()


def index_files(
    catalog: Catalog,
    files: Iterable[FoundFile | ScanProblem],
    *,
    hints: Mapping[str, FileHint] | None = None,
    thumbs_dir: Path | None = None,
    known: Mapping[str, tuple[int, int, str, int | None]] | None = None,
    workers: int | None = None,
    progress: IndexEvent | None = None,
) -> Iterator[IndexEvent]:
    """Index the given files; yields progress. ``known``: path → (size, mtime_ns, status,
    ctime_ns) of files already in the catalog (unchanged ones are skipped: same size, mtime
    and ctime; a replacement keeping name, size and mtime still has a new ctime)."""
    hints = hints or {}
    known = known or {}
    ev = progress or IndexEvent("indexing")
    ev.phase = "indexing"
    todo: list[FoundFile] = []
    reappeared: list[str] = []
    problems: list[ScanProblem] = []
    learn_ctime: list[tuple[int, str]] = []  # files catalogued before ctimes were kept
    for item in files:
        if isinstance(item, ScanProblem):
            problems.append(item)
            continue
        prev = known.get(db_path(item.path)[0])
        if (prev and prev[0] == item.size and prev[1] == item.mtime_ns and item.path not in hints
                and (not prev[3] or not item.ctime_ns or prev[3] == item.ctime_ns)):
            if not prev[3] and item.ctime_ns:
                learn_ctime.append((item.ctime_ns, db_path(item.path)[0]))
            ev.unchanged += 1
            if prev[2] != "ok":
                reappeared.append(db_path(item.path)[0])
            continue
        todo.append(item)
    ev.total = len(todo)
    with catalog.write() as db:
        if learn_ctime:
            indexing.set_ctimes(db, learn_ctime)
        news = store.record_failures(db, [(db_path(p.path)[0], p.reason, None, None)
                                          for p in problems])
        ev.failed += len(news)
        ev.unchanged += len(problems) - len(news)
        if reappeared:
            stamp = now_iso()
            ids = []
            for path in reappeared:
                ids.extend(indexing.mark_file_back(db, path, stamp))
            indexing.refresh_photo_status(db, ids)
    yield ev
    if not todo:
        return
    yield from index_stream(catalog, todo, hints=hints, thumbs_dir=thumbs_dir, workers=workers,
                            progress=ev)


def index_stream(
    catalog: Catalog,
    files: Iterable[FoundFile | _Tick],
    *,
    hints: Mapping[str, FileHint] | None = None,
    thumbs_dir: Path | None = None,
    workers: int | None = None,
    progress: IndexEvent | None = None,
) -> Iterator[IndexEvent]:
    """Read and store ``files`` (all of them: nothing is skipped), pulled lazily from the
    iterable as the worker threads need them, so one pool serves a feeder that finds its
    files as it goes (an importer reading post metadata a chunk at a time).

    ``hints`` is looked up when a file is stored, so a feeder may add a file's hint up to the
    moment it hands the file over. A ``TICK`` in ``files`` makes the stream yield an event
    soon after. At every yield, every file counted in ``done`` is committed.
    """
    hints = hints if hints is not None else {}
    thumbs_dir = thumbs_dir or thumbnail_dir_for(catalog.path)
    _prepare_thumbs(thumbs_dir)
    ev = progress or IndexEvent("indexing")
    ev.phase = "indexing"
    start = time.monotonic()
    normalizer = store.hashtag_normalizer(catalog.db)
    workers = workers or min(4, (os.cpu_count() or 2) + 1)
    # files in flight: enough to keep the workers busy while this thread writes a batch
    depth = max(workers * 3, 2 * BATCH_SIZE)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pose-index")
    pending: deque[Future[_FileResult]] = deque()
    batch: list[_FileResult] = []
    queue = iter(files)
    exhausted = False

    def pull() -> bool:
        """Keep ``depth`` files in flight; True when the feeder asked for an event."""
        nonlocal exhausted
        while not exhausted and len(pending) < depth:
            item = next(queue, None)
            if item is None:
                exhausted = True
            elif item is TICK:
                return True
            else:
                hint = hints.get(item.path)
                pending.append(pool.submit(_read_file, item, thumbs_dir, hint.poster if hint else None))
        return False

    def flush() -> None:
        if not batch:
            return
        with catalog.write() as db:
            written = _store_batch(db, batch, hints, normalizer)
            touched = [pid for _, outcome, pid in written if pid is not None]
            ev.added_ids = [pid for _, outcome, pid in written if outcome == "added"]
            for res, outcome, _ in written:
                if outcome in ("failed", "unchanged"):
                    ev.failed += outcome == "failed"
                    ev.unchanged += outcome == "unchanged"
                    continue
                if outcome == "added":
                    ev.added += 1
                elif outcome == "copy":
                    ev.copies += 1
                else:
                    ev.updated += 1
                if res.warning:
                    ev.warnings += 1
            indexing.refresh_photo_status(db, touched)
            store.assign_places(db, touched)
            store.refresh_search(db, touched)
        ev.photo_ids = touched
        batch.clear()

    try:
        while True:
            if pull():
                flush()
                ev.elapsed = time.monotonic() - start
                yield ev
                ev.photo_ids, ev.added_ids = [], []
                continue
            if not pending:
                break
            res = pending.popleft().result()
            batch.append(res)
            ev.done += 1
            ev.path = res.path
            if len(batch) >= BATCH_SIZE:
                flush()
                ev.elapsed = time.monotonic() - start
                yield ev
                ev.photo_ids, ev.added_ids = [], []
        flush()
        ev.elapsed = time.monotonic() - start
        yield ev
        ev.photo_ids, ev.added_ids = [], []
    finally:
        # Cancelled or failed: keep what is finished, drop what is not (re-read next run).
        for fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        try:
            flush()
        except Exception:
            pass


def known_files_under(catalog: Catalog, root: str) -> dict[str, tuple[int, int, str, int | None]]:
    """path → (size, mtime_ns, status, ctime_ns) of catalogued files under ``root``."""
    prefix = db_path(os.path.join(root, ""))[0]
    return indexing.files_under(catalog.db, prefix)


def index_folder(
    catalog: Catalog,
    root: str | Path,
    *,
    thumbs_dir: Path | None = None,
    workers: int | None = None,
    hints: Mapping[str, FileHint] | None = None,
) -> Iterator[IndexEvent]:
    """Index a folder recursively (incremental); yields ``IndexEvent``s, the last 'done'.

    Files that were catalogued under ``root`` but are gone are marked missing (not dropped)
    once the whole folder has been scanned.
    """
    start = time.monotonic()
    root = os.path.abspath(os.fspath(root))
    ev = IndexEvent("scanning", path=root)
    yield ev
    thumbs_dir = thumbs_dir or thumbnail_dir_for(catalog.path)
    known = known_files_under(catalog, root)
    found = list(walk_media(root, skip={str(thumbs_dir)}))
    if len(found) == 1 and isinstance(found[0], ScanProblem) and found[0].path == root:
        with catalog.write() as db:
            store.record_issue(db, root, found[0].reason)
        ev.phase, ev.failed, ev.message = "done", 1, found[0].reason  # why ``ev.path`` could not be read
        yield ev
        return
    yield from index_files(
        catalog, found, hints=hints, thumbs_dir=thumbs_dir, known=known, workers=workers, progress=ev
    )
    ev.phase = "finishing"
    seen = {db_path(f.path)[0] for f in found if isinstance(f, FoundFile)}
    gone = [p for p, (_, _, status, _) in known.items() if p not in seen and status == "ok"]
    # A folder we could not read this time hides nothing: its files are not marked missing.
    unreadable = [db_path(os.path.join(p.path, ""))[0] for p in found if isinstance(p, ScanProblem)]
    gone = [p for p in gone if not any(p.startswith(u) for u in unreadable)]
    if gone:
        with catalog.write() as db:
            indexing.refresh_photo_status(db, indexing.mark_files_missing(db, gone))
    # problems of files that are no longer there (deleted, or gone while being read) are
    # forgotten: a clean rerun lists only what is wrong now
    prefix = db_path(os.path.join(root, ""))[0]
    reported = {db_path(p.path)[0] for p in found if isinstance(p, ScanProblem)}
    stale = [p for p in indexing.issue_paths_under(catalog.db, prefix)
             if p not in seen and p not in reported and not any(p.startswith(u) for u in unreadable)]
    if stale:
        with catalog.write() as db:
            store.clear_issues(db, stale)
    ev.missing = len(gone)
    ev.phase = "done"
    ev.elapsed = time.monotonic() - start
    yield ev
