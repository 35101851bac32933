"""Reading Instagram posts (their writes are ``ingest.instagram.poststore``'s)."""

from __future__ import annotations

POST_COLUMNS = ("id, shortcode, url, owner, caption, posted_at, location, likes, comments,"
                " tagged_users, mentions, hashtags, sources")


def post_rows(db, where: str, args: list, order: str | None = None, limit: int | None = None,
              offset: int = 0) -> list[tuple]:
    """Posts (``POST_COLUMNS``) matching ``where``, in ``order``."""
    sql = f"SELECT {POST_COLUMNS} FROM posts WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = [*args, limit, offset]
    return db.execute(sql, args).fetchall()


def post_photo_ids(db, post_id: int) -> list[int]:
    """The photos of a post, in carousel order."""
    return [p for (p,) in db.execute(
        "SELECT photo_id FROM post_media WHERE post_id = ? ORDER BY position, photo_id", [post_id])]
