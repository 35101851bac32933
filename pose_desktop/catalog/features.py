"""The ``photo_features`` table: each photo's stored picture vector per model (float16
bytes; encoding and search are ``tagging/similar.py``'s)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .store import chunks


def feature_blobs(db, photo_ids: Sequence[int], model: str) -> dict[int, bytes]:
    """Stored vector bytes of those of ``photo_ids`` that have one."""
    found: dict[int, bytes] = {}
    for part in chunks(list(photo_ids), 500):
        marks = ",".join("?" * len(part))
        for pid, blob in db.execute(
            f"SELECT photo_id, vector FROM photo_features WHERE model = ? AND photo_id IN ({marks})",
            [model, *part],
        ).fetchall():
            found[int(pid)] = blob
    return found


def visible_feature_chunks(db, model: str, size: int) -> Iterator[list[tuple[int, bytes]]]:
    """Every stored ``(photo id, vector bytes)`` of ``model`` whose photo is readable and not
    hidden, by photo id, ``size`` rows at a time (only one chunk is held at once)."""
    cur = db.execute(
        "SELECT f.photo_id, f.vector FROM photo_features f JOIN photos p ON p.id = f.photo_id "
        "WHERE f.model = ? AND p.status = 'ok' AND p.hidden = 0 ORDER BY f.photo_id",
        [model],
    )
    while rows := cur.fetchmany(size):
        yield rows


def feature_state(db, model: str) -> tuple[int, int, int]:
    """(vectors stored, highest photo id with one, photos hidden or unreadable): changes
    whenever the visible set of vectors does."""
    return tuple(
        db.execute(
            "SELECT count(*), coalesce(max(photo_id), 0), "
            "(SELECT count(*) FROM photos WHERE hidden = 1 OR status != 'ok') "
            "FROM photo_features WHERE model = ?",
            [model],
        ).fetchone()
    )


def photos_without_feature(db, model: str) -> int:
    """Visible, readable photos (not videos) with no stored vector of ``model`` yet, leaving
    out those an analysis failed on (another ``pose analyze`` would not give them one)."""
    return db.execute(
        "SELECT count(*) FROM photos p WHERE p.status = 'ok' AND p.hidden = 0 "
        "AND p.media_type = 'image' AND NOT EXISTS (SELECT 1 FROM photo_features f "
        "WHERE f.photo_id = p.id AND f.model = ?) AND NOT EXISTS (SELECT 1 FROM analysis_runs a "
        "WHERE a.photo_id = p.id AND a.status = 'error')",
        [model],
    ).fetchone()[0]
