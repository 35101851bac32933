"""The catalog side of analysis: which photos lack a current result, the photo facts an
analyzer gets, the ``analysis_runs`` ledger, and the rows analyzers write (features and
facts, face emotions and ages)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .db import now_iso
from .store import chunks, get_meta, set_meta


@dataclass(frozen=True)
class PhotoRef:
    """The catalog facts an analyzer may need about one photo."""

    id: int
    hash: str
    path: str
    width: int | None = None
    height: int | None = None


def pending_photos(
    db, analyzers: Sequence[tuple[str, str]], *, retry_errors: bool = False,
    photo_ids: Iterable[int] | None = None,
) -> dict[int, set[str]]:
    """``{photo_id: names of analyzers without a current result}`` for analysable photos;
    ``analyzers``: (name, version) pairs."""
    wanted = None if photo_ids is None else set(photo_ids)
    out: dict[int, set[str]] = {}
    status_clause = "AND a.status = 'ok'" if retry_errors else ""
    for name, version in analyzers:
        rows = db.execute(
            "SELECT p.id FROM photos p WHERE p.status = 'ok' AND p.media_type = 'image' "
            "AND EXISTS (SELECT 1 FROM files f WHERE f.photo_id = p.id AND f.status = 'ok') "
            "AND NOT EXISTS (SELECT 1 FROM analysis_runs a WHERE a.photo_id = p.id "
            f"AND a.analyzer = ? AND a.version = ? {status_clause}) ORDER BY p.id",
            [name, version],
        ).fetchall()
        for (pid,) in rows:
            if wanted is None or pid in wanted:
                out.setdefault(pid, set()).add(name)
    return out


def photo_refs(db, ids: Sequence[int]) -> list[PhotoRef]:
    """``PhotoRef`` for each id that still has a readable file, in the order given."""
    refs = {}
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for pid, h, w, hh, path in db.execute(
            f"SELECT p.id, p.hash, p.width, p.height, "
            f"(SELECT f.path FROM files f WHERE f.photo_id = p.id AND f.status = 'ok' "
            f" ORDER BY f.id LIMIT 1) FROM photos p WHERE p.id IN ({marks})",
            chunk,
        ).fetchall():
            if path:
                refs[pid] = PhotoRef(pid, h, path, w, hh)
    return [refs[i] for i in ids if i in refs]


def record_runs(db, name: str, version: str, outcomes: list[tuple[int, str | None]],
                stats: dict[int, tuple[int | None, int | None]] | None = None) -> None:
    """Mark analyzer ``name`` at ``version`` as done for each ``(photo_id, error)``: status
    ``ok`` where error is None, else ``error`` with the message and, from ``stats``, the
    (size, mtime_ns) its file had (inside a write)."""
    stamp = now_iso()
    stats = stats or {}
    db.conn.executemany(
        "INSERT OR REPLACE INTO analysis_runs (photo_id, analyzer, version, status, error, done_at, "
        "size, mtime_ns) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(pid, name, version, "ok" if err is None else "error", err, stamp,
          *(stats.get(pid, (None, None)) if err is not None else (None, None)))
         for pid, err in outcomes],
    )


def failed_runs(db, analyzers: Sequence[tuple[str, str]]) -> list[tuple[int, str, str, int | None, int | None]]:
    """(photo id, analyzer, path, size, mtime_ns) of each failed run of the current
    ``analyzers`` versions: the file the models read (the photo's first readable file) and
    its size and mtime when they failed (None when not recorded)."""
    out = []
    for name, version in analyzers:
        out += db.execute(
            "SELECT a.photo_id, a.analyzer, (SELECT f.path FROM files f WHERE f.photo_id = a.photo_id "
            "AND f.status = 'ok' ORDER BY f.id LIMIT 1) AS path, a.size, a.mtime_ns "
            "FROM analysis_runs a JOIN photos p ON p.id = a.photo_id WHERE a.analyzer = ? "
            "AND a.version = ? AND a.status = 'error' AND p.status = 'ok' AND path IS NOT NULL",
            [name, version]).fetchall()
    return out


def run_counts(db) -> list[tuple[str, str, str, int]]:
    """(analyzer, version, status, photos) for every analyzer that ran."""
    return db.execute(
        "SELECT analyzer, version, status, COUNT(*) FROM analysis_runs GROUP BY 1, 2, 3"
    ).fetchall()


def failures(db, limit: int | None = None) -> list[tuple[str, str]]:
    """(path, error) of each visible photo an analyzer failed on (its first error), by path."""
    sql = ("SELECT (SELECT f.path FROM files f WHERE f.photo_id = p.id ORDER BY f.status != 'ok', "
           "f.id LIMIT 1) AS path, (SELECT a.error FROM analysis_runs a WHERE a.photo_id = p.id "
           "AND a.status = 'error' ORDER BY a.analyzer LIMIT 1) AS error FROM photos p "
           "WHERE p.hidden = 0 AND p.id IN (SELECT photo_id FROM analysis_runs WHERE status = 'error') "
           "ORDER BY path")
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [(path or "", error or "") for path, error in db.execute(sql).fetchall()]


def store_picture_rows(db, model: str, rows: list[tuple[int, int, bytes, str]]) -> None:
    """Replace photos' stored features and facts: (photo id, dim, vector bytes, facts JSON)."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO photo_features (photo_id, model, dim, vector, facts) "
        "VALUES (?, ?, ?, ?, ?)",
        [(pid, model, dim, vec, facts) for pid, dim, vec, facts in rows],
    )


def picture_row(db, photo_id: int, model: str) -> tuple[bytes, str | None] | None:
    """(vector bytes, facts JSON) stored for a photo, or None."""
    return db.execute(
        "SELECT vector, facts FROM photo_features WHERE photo_id = ? AND model = ?",
        [photo_id, model],
    ).fetchone()


def set_face_emotions(db, rows: list[tuple]) -> None:
    """Each face's emotion, its scores and mood, and the head's own probabilities (before the
    library's balance): (face id, emotion, scores, mood, probabilities or None)."""
    db.conn.executemany(
        "UPDATE faces SET emotion = ?, emotion_scores = ?, mood = ?, "
        "emotion_probs = COALESCE(?, emotion_probs) WHERE id = ?",
        [[emotion, json.dumps({k: round(float(v), 4) for k, v in scores.items()}), mood,
          None if probs is None else json.dumps([round(float(v), 6) for v in probs]), face_id]
         for face_id, emotion, scores, mood, probs in rows],
    )


def clear_face_emotions(db, photo_id: int) -> None:
    """Forget the emotion, scores, mood and probabilities of every face of a photo (before its
    faces' emotions are stored again: a face the emotion pass now leaves out keeps none)."""
    db.execute("UPDATE faces SET emotion = NULL, emotion_scores = NULL, mood = NULL, "
               "emotion_probs = NULL WHERE photo_id = ?", [photo_id])


def face_emotion_probs(db) -> list[tuple[int, int, float, str]]:
    """(face id, photo id, quality, the head's probabilities as JSON) of every face that has
    them (faces are stored only past the real-face gate)."""
    return db.execute(
        "SELECT id, photo_id, quality, emotion_probs FROM faces WHERE emotion_probs IS NOT NULL "
        "ORDER BY photo_id, id"
    ).fetchall()


EMOTION_PRIOR_KEY = "emotion_mood_prior"


def emotion_prior(db) -> dict | None:
    """The library's balance of moods as last estimated (``set_emotion_prior``), or None."""
    return get_meta(db, EMOTION_PRIOR_KEY)


def set_emotion_prior(db, value: dict) -> None:
    """Keep the library's balance of moods (a JSON-able dict)."""
    set_meta(db, EMOTION_PRIOR_KEY, value)


def face_boxes(db, photo_id: int) -> list[tuple[int, float, float, float, float]]:
    """(face id, x1, y1, x2, y2) of a photo's stored faces."""
    return db.execute(
        "SELECT id, x1, y1, x2, y2 FROM faces WHERE photo_id = ?", [photo_id]
    ).fetchall()


def set_face_age(db, face_id: int, age: float) -> None:
    """A face's estimated age."""
    db.execute("UPDATE faces SET age = ? WHERE id = ?", [age, face_id])


def forget_run(db, photo_id: int, analyzer: str) -> None:
    """Drop a photo's ``analyzer`` run, so the next pass visits the photo again."""
    db.execute("DELETE FROM analysis_runs WHERE photo_id = ? AND analyzer = ?", [photo_id, analyzer])
