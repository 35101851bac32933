"""The ``relevance_flags`` table: hashtags a photo's picture does not support.

Rows go in and out as plain tuples ``(photo_id, hashtag, rule, reason, status)``; what a
flag means is ``tagging/relevance.py``'s business.
"""

from __future__ import annotations

from collections.abc import Sequence

from .db import now_iso
from .store import chunks


def replace_open_flags(db, flags_by_photo: dict[int, list[tuple[str, str, str]]]) -> None:
    """Replace the open flags of each photo with its ``(hashtag, rule, reason)`` rows; a
    flag the user dismissed stays dismissed and is not raised again (inside a write)."""
    stamp = now_iso()
    for chunk in chunks(list(flags_by_photo)):
        marks = ",".join("?" * len(chunk))
        dismissed = set(db.execute(
            f"SELECT photo_id, hashtag FROM relevance_flags WHERE photo_id IN ({marks}) "
            "AND status = 'dismissed'", chunk,
        ).fetchall())
        db.execute(f"DELETE FROM relevance_flags WHERE photo_id IN ({marks}) AND status = 'open'", chunk)
        db.conn.executemany(
            "INSERT OR REPLACE INTO relevance_flags (photo_id, hashtag, rule, reason, status, created_at) "
            "VALUES (?, ?, ?, ?, 'open', ?)",
            [(pid, tag, rule, reason, stamp) for pid in chunk
             for tag, rule, reason in flags_by_photo[pid] if (pid, tag) not in dismissed],
        )


def flag_rows(db, include_dismissed: bool = False, limit: int | None = None
              ) -> list[tuple[int, str, str, str, str]]:
    """``(photo_id, hashtag, rule, reason, status)`` of the flags, newest photo first."""
    where = "" if include_dismissed else "WHERE status = 'open'"
    sql = (
        f"SELECT photo_id, hashtag, rule, reason, status FROM relevance_flags {where} "
        "ORDER BY photo_id DESC, hashtag"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return db.execute(sql).fetchall()


def dismiss_flags(db, photo_id: int, hashtag: str | None = None) -> int:
    """Dismiss one open flag (or all of a photo's); how many changed (inside a write)."""
    if hashtag is None:
        cur = db.execute(
            "UPDATE relevance_flags SET status = 'dismissed' WHERE photo_id = ? AND status = 'open'",
            [photo_id],
        )
    else:
        cur = db.execute(
            "UPDATE relevance_flags SET status = 'dismissed' WHERE photo_id = ? AND hashtag = ? "
            "AND status = 'open'",
            [photo_id, hashtag],
        )
    return cur.rowcount


def photos_with_hashtags(db, hashtags: Sequence[str]) -> list[int]:
    """Ids of the photos carrying any of ``hashtags`` (canonical hashtag tags)."""
    if not hashtags:
        return []
    marks = ",".join("?" * len(hashtags))
    return [
        r[0] for r in db.execute(
            "SELECT DISTINCT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
            f"WHERE t.kind = 'hashtag' AND t.name IN ({marks})",
            list(hashtags),
        ).fetchall()
    ]
