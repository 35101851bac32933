"""Instagram posts: ``posts`` and ``post_media`` rows. Reading them for the services, and
the SQL of ``ingest/instagram/poststore.py`` (which decides which post a record is and
what to keep) and of the importer. Writers take the ``db`` of a ``Catalog.write()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .store import chunks

# The columns of a new post, in the order ``insert_post`` / ``insert_posts`` take them.
NEW_POST_COLUMNS = ("shortcode", "url", "owner", "caption", "posted_at", "posted_ts", "location",
                    "location_lat", "location_lng", "likes", "comments", "typename", "tagged_users",
                    "mentions", "hashtags", "sources", "added_at", "updated_at")
_INSERT_POST = (f"INSERT INTO posts ({', '.join(NEW_POST_COLUMNS)}) "
                f"VALUES ({','.join('?' * len(NEW_POST_COLUMNS))})")

POST_COLUMNS = ("id, shortcode, url, owner, caption, posted_at, location, likes, comments,"
                " tagged_users, mentions, hashtags, sources")


def _post_rows(db, where: str, args: list, order: str | None = None, limit: int | None = None,
               offset: int = 0) -> list[tuple]:
    """Posts (``POST_COLUMNS``) matching ``where``, in ``order``."""
    sql = f"SELECT {POST_COLUMNS} FROM posts WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = [*args, limit, offset]
    return db.execute(sql, args).fetchall()


def post(db, post_id: int) -> tuple | None:
    """One post (``POST_COLUMNS``), or None."""
    rows = _post_rows(db, "id = ?", [post_id])
    return rows[0] if rows else None


def posts_of_photo(db, photo_id: int) -> list[tuple]:
    """The posts (``POST_COLUMNS``) a photo appeared in, oldest first."""
    return _post_rows(db, "id IN (SELECT post_id FROM post_media WHERE photo_id = ?)", [photo_id],
                      "posted_ts")


def newest_posts(db, owner: str | None = None, limit: int = 200, offset: int = 0) -> list[tuple]:
    """Posts (``POST_COLUMNS``), newest first (of one account when ``owner``)."""
    return _post_rows(db, "(? IS NULL OR owner = ?)", [owner, owner], "posted_ts DESC", limit, offset)


def post_photo_ids(db, post_id: int) -> list[int]:
    """The photos of a post, in carousel order."""
    return [p for (p,) in db.execute(
        "SELECT photo_id FROM post_media WHERE post_id = ? ORDER BY position, photo_id", [post_id])]


def find_post(db, shortcode: str | None, posted_ts: int | None, owner: str | None,
              photo_ids: Sequence[int], same_seconds: int) -> int | None:
    """Id of the catalogued post a record is, or None. In order: the same shortcode; a post
    that already has one of ``photo_ids`` (and no other shortcode); a post of the same owner
    within ``same_seconds`` where exactly one of the two has a shortcode, nearest first.
    One statement: this runs for every imported post."""
    # numbered, as a bare '?' takes the number after the highest one seen before it
    marks = ",".join(f"?{i}" for i in range(5, 5 + len(photo_ids))) or "NULL"
    row = db.execute(
        "SELECT id FROM ("
        " SELECT id, 0 AS pri, 0 AS dist FROM posts WHERE ?1 IS NOT NULL AND shortcode = ?1"
        " UNION ALL"
        " SELECT pm.post_id, 1, 0 FROM post_media pm JOIN posts p ON p.id = pm.post_id"
        f" WHERE pm.photo_id IN ({marks}) AND (?1 IS NULL OR p.shortcode IS NULL OR p.shortcode = ?1)"
        " UNION ALL"
        " SELECT id, 2, ABS(posted_ts - ?2) FROM posts WHERE ?2 IS NOT NULL"
        " AND posted_ts BETWEEN ?2 - ?4 AND ?2 + ?4"
        " AND (owner IS NULL OR ?3 IS NULL OR owner = ?3) AND ((shortcode IS NULL) <> (?1 IS NULL))"
        ") ORDER BY pri, dist LIMIT 1",
        [shortcode, posted_ts, owner, same_seconds, *photo_ids],
    ).fetchone()
    return row[0] if row else None


def insert_post(db, row: Sequence) -> int:
    """A new post (values in ``NEW_POST_COLUMNS`` order); returns its id."""
    return db.execute(_INSERT_POST, list(row)).lastrowid


def insert_posts(db, rows: Sequence[Sequence]) -> list[int]:
    """New posts in one statement (values in ``NEW_POST_COLUMNS`` order); their ids, in order."""
    if not rows:
        return []
    (before,) = db.execute("SELECT IFNULL(MAX(id), 0) FROM posts").fetchone()
    db.conn.executemany(_INSERT_POST, [list(r) for r in rows])
    # a rowid table gives each new row max(id) + 1: the new posts are the ids above ``before``
    ids = [r[0] for r in db.execute("SELECT id FROM posts WHERE id > ? ORDER BY id", [before])]
    if len(ids) != len(rows):  # cannot happen inside the single writer's transaction
        raise RuntimeError(f"inserted {len(rows)} posts but found {len(ids)} new ids")
    return ids


def post_lists(db, post_id: int) -> tuple[str | None, str | None, str | None]:
    """(tagged_users, mentions, sources) JSON lists stored for a post."""
    return db.execute(
        "SELECT tagged_users, mentions, sources FROM posts WHERE id = ?", [post_id]
    ).fetchone()


def update_post(db, post_id: int, *, shortcode, url, owner, caption, posted_at, posted_ts, location,
                location_lat, location_lng, likes, comments, typename, tagged_users: str,
                mentions: str, hashtags: str | None, sources: str, updated_at: str) -> None:
    """Refresh a post: a known caption, place, likes and comments replace the stored ones (None
    keeps them); shortcode, url, owner, time and type are only filled in where missing;
    ``hashtags`` None keeps the stored ones; the JSON lists are written as given."""
    db.execute(
        "UPDATE posts SET shortcode = COALESCE(shortcode, ?), url = COALESCE(url, ?),"
        " owner = COALESCE(owner, ?), caption = COALESCE(?, caption),"
        " posted_at = COALESCE(posted_at, ?), posted_ts = COALESCE(posted_ts, ?),"
        " location = COALESCE(?, location), location_lat = COALESCE(?, location_lat),"
        " location_lng = COALESCE(?, location_lng), likes = COALESCE(?, likes),"
        " comments = COALESCE(?, comments), typename = COALESCE(typename, ?),"
        " tagged_users = ?, mentions = ?, hashtags = COALESCE(?, hashtags),"
        " sources = ?, updated_at = ? WHERE id = ?",
        [shortcode, url, owner, caption, posted_at, posted_ts, location, location_lat, location_lng,
         likes, comments, typename, tagged_users, mentions, hashtags, sources, updated_at, post_id],
    )


def link_media(db, rows: Iterable[tuple[int, int, int, str]]) -> None:
    """Attach media to posts: rows of (post id, photo id, carousel position, media type);
    a link already there takes the new position and type (idempotent)."""
    rows = list(rows)
    if rows:
        db.conn.executemany(
            "INSERT INTO post_media (post_id, photo_id, position, media_type) VALUES (?,?,?,?)"
            " ON CONFLICT(post_id, photo_id) DO UPDATE SET position = excluded.position,"
            " media_type = excluded.media_type",
            rows,
        )


def known_shortcodes(db, codes: Sequence[str]) -> set[str]:
    """Those of ``codes`` some catalogued post has."""
    out: set[str] = set()
    for part in chunks(list(codes), 500):
        out.update(r[0] for r in db.execute(
            f"SELECT shortcode FROM posts WHERE shortcode IN ({','.join('?' * len(part))})", part))
    return out


def photos_in_posts(db, photo_ids: Sequence[int]) -> set[int]:
    """Those of ``photo_ids`` that belong to a post."""
    out: set[int] = set()
    for part in chunks(list(photo_ids), 500):
        out.update(r[0] for r in db.execute(
            f"SELECT DISTINCT photo_id FROM post_media WHERE photo_id IN ({','.join('?' * len(part))})",
            part))
    return out


def post_times(db, low: int, high: int) -> list[int]:
    """Sorted post times (epoch seconds) between ``low`` and ``high`` inclusive."""
    return sorted(r[0] for r in db.execute(
        "SELECT posted_ts FROM posts WHERE posted_ts BETWEEN ? AND ?", [low, high]))


def post_media(db, post_id: int) -> list[tuple[int, int, str]]:
    """(carousel position, photo id, media type) of a post's media."""
    return db.execute(
        "SELECT position, photo_id, media_type FROM post_media WHERE post_id = ?", [post_id]
    ).fetchall()


def merge_photo_into(db, photo_id: int, keep: int) -> None:
    """Make ``photo_id``'s files files of ``keep`` and drop ``photo_id`` (with its search
    row); ``keep`` is readable again if one of those files is."""
    db.execute("UPDATE files SET photo_id = ? WHERE photo_id = ?", [keep, photo_id])
    db.execute("DELETE FROM photo_search WHERE rowid = ?", [photo_id])
    db.execute("DELETE FROM photos WHERE id = ?", [photo_id])
    db.execute(
        "UPDATE photos SET status = 'ok' WHERE id = ? AND status != 'ok' AND EXISTS"
        " (SELECT 1 FROM files WHERE photo_id = ? AND status = 'ok')", [keep, keep])

