"""The SQL of indexing (``ingest/indexer.py``): ``photos`` and ``files`` rows.

A photo is one content hash; each file showing it is a ``files`` row (path as text, the
raw bytes when the name is not UTF-8). Functions take the ``db`` of a ``Catalog.write()``
transaction (or a reader, for the queries) and return plain data; the indexer decides
dates, captions and outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .store import chunks

# The columns ``insert_photo`` accepts (``status`` is always 'ok').
PHOTO_COLUMNS = (
    "hash", "size", "media_type", "format", "width", "height", "orientation", "taken_at",
    "date_source", "year", "month", "day", "camera_make", "camera_model", "gps_lat", "gps_lon",
    "has_thumb", "added_at", "updated_at", "caption", "hashtags", "tz_offset", "gps_source",
    "duration",
)
_UNDER = "\U0010ffff"  # every path under a prefix sorts below prefix + this


def photos_of_paths(db, paths: Sequence[str]) -> dict[str, int]:
    """Path -> the photo its ``files`` row shows, for those of ``paths`` catalogued."""
    out: dict[str, int] = {}
    for chunk in chunks(list(paths)):
        marks = ",".join("?" * len(chunk))
        out.update(db.execute(f"SELECT path, photo_id FROM files WHERE path IN ({marks})", chunk).fetchall())
    return out


def photos_by_hash(db, hashes: Sequence[str]) -> dict[str, tuple[int, str | None]]:
    """Content hash -> (photo id, date_source) of those of ``hashes`` catalogued."""
    out: dict[str, tuple[int, str | None]] = {}
    for chunk in chunks(list(hashes)):
        marks = ",".join("?" * len(chunk))
        for pid, h, ds in db.execute(
            f"SELECT id, hash, date_source FROM photos WHERE hash IN ({marks})", chunk
        ):
            out[h] = (pid, ds)
    return out


def date_source(db, photo_id: int) -> str | None:
    """Where a photo's date came from (``catalog/dates.py``)."""
    return db.execute("SELECT date_source FROM photos WHERE id=?", [photo_id]).fetchone()[0]


def replace_version(db, photo_id: int, *, hash: str, size: int, media_type: str, format: str | None,
                    width: int | None, height: int | None, orientation: int | None,
                    camera_make: str | None, camera_model: str | None, gps_lat: float | None,
                    gps_lon: float | None, gps_source: str | None, has_thumb: int,
                    updated_at: str) -> None:
    """A photo's file was edited in place: the photo takes the new version's facts (a known
    place stays when the new version has none) and forgets what the models saw of it (its
    analysis runs and stored vectors), so the next pass looks again. Its id, tags, caption,
    names and posts stay. The date is the caller's (``set_dates``)."""
    db.execute(
        "UPDATE photos SET hash=?, size=?, media_type=?, format=?, width=?, height=?,"
        " orientation=?, camera_make=?, camera_model=?, gps_lat=COALESCE(?, gps_lat),"
        " gps_lon=COALESCE(?, gps_lon), gps_source=COALESCE(?, gps_source), has_thumb=?,"
        " status='ok', updated_at=? WHERE id=?",
        [hash, size, media_type, format, width, height, orientation, camera_make, camera_model,
         gps_lat, gps_lon, gps_source, has_thumb, updated_at, photo_id])
    db.execute("DELETE FROM analysis_runs WHERE photo_id=?", [photo_id])
    db.execute("DELETE FROM photo_features WHERE photo_id=?", [photo_id])


def insert_photo(db, **values) -> int:
    """A new readable photo with ``values`` (names from ``PHOTO_COLUMNS``); returns its id."""
    unknown = set(values) - set(PHOTO_COLUMNS)
    if unknown:
        raise ValueError(f"not photo columns: {sorted(unknown)}")
    cols = [c for c in PHOTO_COLUMNS if c in values]
    return db.execute(
        f"INSERT INTO photos ({', '.join(cols)}, status) VALUES ({', '.join('?' * len(cols))}, 'ok')",
        [values[c] for c in cols],
    ).lastrowid


def set_dates(db, rows: Iterable[tuple]) -> None:
    """Photos' dates: rows of (taken_at, date_source, year, month, day, tz_offset, photo id)."""
    db.conn.executemany(
        "UPDATE photos SET taken_at=?, date_source=?, year=?, month=?, day=?, tz_offset=? WHERE id=?",
        list(rows))


def mark_seen(db, rows: Iterable[tuple[int, str, int]]) -> None:
    """Photos found again: rows of (has a thumbnail now, stamp, photo id); readable, and a
    thumbnail once made stays known."""
    db.conn.executemany(
        "UPDATE photos SET status='ok', has_thumb = MAX(has_thumb, ?), updated_at=? WHERE id=?",
        list(rows))


def upsert_files(db, rows: Iterable[tuple]) -> None:
    """Files seen readable: rows of (photo id, path, path bytes, size, mtime_ns, ctime_ns,
    source, seen_at); a path already catalogued takes the new values."""
    db.conn.executemany(
        "INSERT INTO files (photo_id, path, path_bytes, size, mtime_ns, ctime_ns, source, status,"
        " seen_at) VALUES (?,?,?,?,?,?,?,'ok',?) ON CONFLICT(path) DO UPDATE SET"
        " photo_id=excluded.photo_id, path_bytes=excluded.path_bytes, size=excluded.size,"
        " mtime_ns=excluded.mtime_ns, ctime_ns=excluded.ctime_ns, source=excluded.source,"
        " status='ok', seen_at=excluded.seen_at",
        list(rows),
    )


def set_captions(db, rows: Iterable[tuple[str, int]]) -> None:
    """Photos' captions: rows of (caption, photo id)."""
    db.conn.executemany("UPDATE photos SET caption=? WHERE id=?", list(rows))


def has_other_file(db, photo_id: int, path: str) -> bool:
    """Whether a readable file other than ``path`` shows the photo."""
    return db.execute("SELECT 1 FROM files WHERE photo_id=? AND path<>? AND status='ok' LIMIT 1",
                      [photo_id, path]).fetchone() is not None


def refresh_photo_status(db, photo_ids: Iterable[int]) -> None:
    """Each photo is 'ok' while a readable file shows it, else 'missing'."""
    for chunk in chunks(list(set(photo_ids))):
        marks = ",".join("?" * len(chunk))
        db.execute(
            f"UPDATE photos SET status = CASE WHEN EXISTS (SELECT 1 FROM files f WHERE"
            f" f.photo_id = photos.id AND f.status = 'ok') THEN 'ok' ELSE 'missing' END"
            f" WHERE id IN ({marks})",
            chunk,
        )


def set_ctimes(db, rows: Iterable[tuple[int, str]]) -> None:
    """Files' change times: rows of (ctime_ns, path)."""
    db.conn.executemany("UPDATE files SET ctime_ns=? WHERE path=?", list(rows))


def mark_file_back(db, path: str, stamp: str) -> list[int]:
    """A catalogued file readable again (unchanged); returns the photos it shows."""
    db.execute("UPDATE files SET status='ok', seen_at=? WHERE path=?", [stamp, path])
    return [r[0] for r in db.execute("SELECT photo_id FROM files WHERE path=?", [path])]


def mark_files_missing(db, paths: Sequence[str]) -> list[int]:
    """Files no longer there; returns the photos they showed."""
    ids: list[int] = []
    for chunk in chunks(list(paths)):
        marks = ",".join("?" * len(chunk))
        db.execute(f"UPDATE files SET status='missing' WHERE path IN ({marks})", chunk)
        ids.extend(r[0] for r in db.execute(f"SELECT photo_id FROM files WHERE path IN ({marks})", chunk))
    return ids


def files_under(db, prefix: str) -> dict[str, tuple[int, int, str, int | None]]:
    """Path -> (size, mtime_ns, status, ctime_ns) of the files whose path starts with
    ``prefix`` (a folder's path ending in its separator)."""
    rows = db.execute(
        "SELECT path, size, mtime_ns, status, ctime_ns FROM files WHERE path >= ? AND path < ?",
        [prefix, prefix + _UNDER],
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def issue_paths_under(db, prefix: str) -> list[str]:
    """Paths under ``prefix`` with a recorded indexing problem."""
    return [p for (p,) in db.execute(
        "SELECT path FROM index_issues WHERE path >= ? AND path < ?", [prefix, prefix + _UNDER])]


def files_of_paths(db, paths: Sequence[str]) -> dict[str, tuple[int, int, str, int]]:
    """Path -> (size, mtime_ns, status, photo id) of those of ``paths`` catalogued."""
    out: dict[str, tuple[int, int, str, int]] = {}
    for chunk in chunks(list(paths)):
        marks = ",".join("?" * len(chunk))
        for p, size, mtime, status, pid in db.execute(
            f"SELECT path, size, mtime_ns, status, photo_id FROM files WHERE path IN ({marks})", chunk
        ):
            out[p] = (size, mtime, status, pid)
    return out


def photo_kinds(db, photo_ids: Sequence[int]) -> dict[int, tuple[str, str, int]]:
    """Photo id -> (hash, media type, has a thumbnail) of those of ``photo_ids`` catalogued."""
    out: dict[int, tuple[str, str, int]] = {}
    for part in chunks(list(photo_ids)):
        marks = ",".join("?" * len(part))
        for pid, h, mt, thumb in db.execute(
            f"SELECT id, hash, media_type, has_thumb FROM photos WHERE id IN ({marks})", part
        ):
            out[pid] = (h, mt, thumb)
    return out


def set_has_thumb(db, photo_ids: Iterable[int]) -> None:
    """The photos have a thumbnail now."""
    db.conn.executemany("UPDATE photos SET has_thumb = 1 WHERE id = ?", [(p,) for p in photo_ids])


def captions(db, photo_ids: Sequence[int]) -> list[tuple[int, str | None, str | None]]:
    """(id, caption, raw hashtags JSON) of those of ``photo_ids`` catalogued."""
    out: list[tuple[int, str | None, str | None]] = []
    for part in chunks(list(photo_ids)):
        out.extend(db.execute(
            f"SELECT id, caption, hashtags FROM photos WHERE id IN ({','.join('?' * len(part))})", part
        ).fetchall())
    return out
