"""Write helpers. Each takes the ``db`` of an open ``Catalog.write()`` transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlite_utils

from .db import now_iso


def tag_id(db: sqlite_utils.Database, kind: str, name: str) -> int:
    """Id of the tag (kind, name), created if new."""
    # Look up first: tags are nearly always known already, and this runs for every tag of
    # every photo written (one statement instead of two). Inside the single writer's
    # transaction nobody can add the tag in between.
    row = db.execute("SELECT id FROM tags WHERE kind = ? AND name = ?", [kind, name]).fetchone()
    if row is not None:
        return row[0]
    return db.execute("INSERT INTO tags (kind, name) VALUES (?, ?)", [kind, name]).lastrowid


def set_tags(
    db: sqlite_utils.Database,
    photo_id: int,
    kind: str,
    source: str,
    tags: Iterable[tuple[str, float | None]],
) -> None:
    """Replace the tags of ``kind`` that ``source`` gave ``photo_id`` with ``tags``.

    Tags from other sources (the user's own, other models) are left alone, so a re-run of
    a model never removes what the user said.
    """
    db.execute(
        "DELETE FROM photo_tags WHERE photo_id = ? AND source = ? "
        "AND tag_id IN (SELECT id FROM tags WHERE kind = ?)",
        [photo_id, source, kind],
    )
    stamp = now_iso()
    for name, score in tags:
        db.execute(
            "INSERT OR REPLACE INTO photo_tags (photo_id, tag_id, source, score, added_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [photo_id, tag_id(db, kind, name), source, score, stamp],
        )


def add_tag(
    db: sqlite_utils.Database,
    photo_id: int,
    kind: str,
    name: str,
    source: str = "user",
    score: float | None = None,
) -> None:
    """Attach one tag to a photo (idempotent)."""
    db.execute(
        "INSERT OR REPLACE INTO photo_tags (photo_id, tag_id, source, score, added_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [photo_id, tag_id(db, kind, name), source, score, now_iso()],
    )


def remove_tag(db: sqlite_utils.Database, photo_id: int, kind: str, name: str) -> None:
    """Detach a tag from a photo, whatever gave it."""
    db.execute(
        "DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = "
        "(SELECT id FROM tags WHERE kind = ? AND name = ?)",
        [photo_id, kind, name],
    )


def apply_hashtags(db: sqlite_utils.Database, photo_id: int, raw: list[str], normalizer=None) -> None:
    """Store the raw hashtags of a photo and its canonical hashtag tags."""
    from pose_desktop.tagging.hashtags import HashtagNormalizer

    normalizer = normalizer or HashtagNormalizer.from_catalog(db)
    db.execute(
        "UPDATE photos SET hashtags = ? WHERE id = ?",
        [json.dumps(raw, ensure_ascii=False), photo_id],
    )
    canon = {normalizer.normalize(h) for h in raw}
    set_tags(db, photo_id, "hashtag", "hashtag", [(c, None) for c in sorted(canon) if c])


def search_text(db: sqlite_utils.Database, photo_id: int) -> str:
    """Everything a text search should find this photo by, in Korean and English."""
    from pose_desktop.tagging.labels import search_terms

    row = db.execute(
        "SELECT caption, hashtags, camera_make, camera_model FROM photos WHERE id = ?", [photo_id]
    ).fetchone()
    if row is None:
        return ""
    parts = [row[0] or "", " ".join(json.loads(row[1] or "[]")), row[2] or "", row[3] or ""]
    for kind, name in db.execute(
        "SELECT DISTINCT t.kind, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.photo_id = ?",
        [photo_id],
    ).fetchall():
        parts.extend(search_terms(kind, name))
    for (path,) in db.execute("SELECT path FROM files WHERE photo_id = ?", [photo_id]):
        parts.append(path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " "))
    return " ".join(p for p in parts if p)


def refresh_search(db: sqlite_utils.Database, photo_ids: Iterable[int]) -> None:
    """Rebuild the full-text search row of each photo."""
    for pid in set(photo_ids):
        db.execute("DELETE FROM photo_search WHERE rowid = ?", [pid])
        db.execute(
            "INSERT INTO photo_search (rowid, text) VALUES (?, ?)", [pid, search_text(db, pid)]
        )


def record_issue(db: sqlite_utils.Database, path: str, reason: str, severity: str = "error") -> None:
    """Remember why a file could not be (fully) indexed; shown by ``pose stats``."""
    db.execute(
        "INSERT OR REPLACE INTO index_issues (path, severity, reason, at) VALUES (?, ?, ?, ?)",
        [path, severity, reason, now_iso()],
    )


def clear_issue(db: sqlite_utils.Database, path: str) -> None:
    """Forget a recorded problem (the file indexed fine this time)."""
    db.execute("DELETE FROM index_issues WHERE path = ?", [path])
