"""Catalog writes for Instagram posts. Each function takes the ``db`` of a ``Catalog.write()``.

A post is one row in ``posts`` whichever path brought it: matched by shortcode, else by a
photo it already shares, else (data-export posts have no shortcode) by owner and time.
"""

from __future__ import annotations

import bisect
import json

from pose_desktop.catalog.db import now_iso

from .records import PostRecord

# Instagram's export and its API give the same post times to the second; allow clock jitter.
SAME_POST_SECONDS = 2


def _ts(rec: PostRecord) -> int | None:
    return int(rec.posted_at.timestamp()) if rec.posted_at else None


def find_post(db, rec: PostRecord, photo_ids: list[int]) -> int | None:
    """Id of the catalogued post ``rec`` is (or None when it is new).

    In order: the same shortcode; a post that already has one of its photos (and no other
    shortcode); a post of the same owner within ``SAME_POST_SECONDS`` where exactly one of
    the two has a shortcode (one post seen by instaloader and in the data export; two posts
    of one export a second apart stay two), nearest first. One statement: this runs for
    every imported post.
    """
    ts = _ts(rec)
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
        [rec.shortcode, ts, rec.owner, SAME_POST_SECONDS, *photo_ids],
    ).fetchone()
    return row[0] if row else None


def _merge_list(old_json: str | None, new: list[str]) -> str:
    old = json.loads(old_json or "[]")
    return json.dumps(list(dict.fromkeys([*old, *new])), ensure_ascii=False)


def upsert_post(db, rec: PostRecord, photo_ids: list[int]) -> tuple[int, bool]:
    """Insert or update the post; returns (post id, created?).

    What the record knows replaces what is stored (a re-import refreshes caption, likes and
    comments); what it does not know (None) leaves the stored value alone.
    """
    stamp = now_iso()
    post_id = find_post(db, rec, photo_ids)
    posted = rec.posted_at.isoformat(timespec="seconds") if rec.posted_at else None
    if post_id is None:
        cur = db.execute(
            "INSERT INTO posts (shortcode, url, owner, caption, posted_at, posted_ts, location,"
            " location_lat, location_lng, likes, comments, typename, tagged_users, mentions,"
            " hashtags, sources, added_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            _post_row(rec, stamp),
        )
        return cur.lastrowid, True
    row = db.execute(
        "SELECT tagged_users, mentions, sources FROM posts WHERE id = ?", [post_id]
    ).fetchone()
    db.execute(
        "UPDATE posts SET shortcode = COALESCE(shortcode, ?), url = COALESCE(url, ?),"
        " owner = COALESCE(owner, ?), caption = COALESCE(?, caption),"
        " posted_at = COALESCE(posted_at, ?), posted_ts = COALESCE(posted_ts, ?),"
        " location = COALESCE(?, location), location_lat = COALESCE(?, location_lat),"
        " location_lng = COALESCE(?, location_lng), likes = COALESCE(?, likes),"
        " comments = COALESCE(?, comments), typename = COALESCE(typename, ?),"
        " tagged_users = ?, mentions = ?, hashtags = CASE WHEN ? IS NULL THEN hashtags ELSE ? END,"
        " sources = ?, updated_at = ? WHERE id = ?",
        [rec.shortcode, rec.url, rec.owner, rec.caption, posted, _ts(rec), rec.location,
         rec.location_lat, rec.location_lng, rec.likes, rec.comments, rec.typename,
         _merge_list(row[0], rec.tagged_users), _merge_list(row[1], rec.mentions),
         rec.caption, json.dumps(rec.hashtags, ensure_ascii=False),
         _merge_list(row[2], [rec.source]), stamp, post_id],
    )
    return post_id, False


def link_media(db, post_id: int, links: list[tuple[int, int, str]]) -> None:
    """Attach (photo id, carousel position, media type) triples to a post (idempotent)."""
    db.conn.executemany(
        "INSERT INTO post_media (post_id, photo_id, position, media_type) VALUES (?,?,?,?)"
        " ON CONFLICT(post_id, photo_id) DO UPDATE SET position = excluded.position,"
        " media_type = excluded.media_type",
        [(post_id, photo_id, position, media_type) for photo_id, position, media_type in links],
    )


def _post_row(rec: PostRecord, stamp: str) -> list:
    posted = rec.posted_at.isoformat(timespec="seconds") if rec.posted_at else None
    return [rec.shortcode, rec.url, rec.owner, rec.caption, posted, _ts(rec), rec.location,
            rec.location_lat, rec.location_lng, rec.likes, rec.comments, rec.typename,
            json.dumps(rec.tagged_users, ensure_ascii=False),
            json.dumps(rec.mentions, ensure_ascii=False),
            json.dumps(rec.hashtags, ensure_ascii=False),
            json.dumps([rec.source]), stamp, stamp]


def _insert_posts(db, recs: list[PostRecord], stamp: str) -> list[int]:
    """Insert new posts in one statement; their ids, in order."""
    if not recs:
        return []
    (before,) = db.execute("SELECT IFNULL(MAX(id), 0) FROM posts").fetchone()
    db.conn.executemany(
        "INSERT INTO posts (shortcode, url, owner, caption, posted_at, posted_ts, location,"
        " location_lat, location_lng, likes, comments, typename, tagged_users, mentions,"
        " hashtags, sources, added_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [_post_row(rec, stamp) for rec in recs],
    )
    # a rowid table gives each new row max(id) + 1: the new posts are the ids above ``before``
    ids = [r[0] for r in db.execute("SELECT id FROM posts WHERE id > ? ORDER BY id", [before])]
    if len(ids) != len(recs):  # cannot happen inside the single writer's transaction
        raise RuntimeError(f"inserted {len(recs)} posts but found {len(ids)} new ids")
    return ids


def upsert_posts(db, items: list[tuple[PostRecord, list[tuple[int, int, str]]]], *,
                 mergeable: set[int] | frozenset[int] = frozenset(),
                 merged: dict[int, int] | None = None) -> list[tuple[int, bool]]:
    """``upsert_post`` + ``link_media`` for many posts: (record, links) pairs, in order;
    returns (post id, created?) for each.

    Three set-based queries first tell which records cannot match a catalogued post (no known
    shortcode, none of their photos in a post, no post within ``SAME_POST_SECONDS``): those
    are inserted without ``find_post``; the others go through ``upsert_post`` one by one, so
    the result is the same as calling it for each record in order.

    ``mergeable``: photos this import just added. When such a photo lands on a known post at
    a carousel position where the post already has another photo of the same media type (the
    export's copy of an image instaloader downloaded, with other bytes), it is folded into
    that photo (see ``merge_into``); ``merged`` collects new id → kept id.
    """
    if not items:
        return []
    merged = merged if merged is not None else {}
    codes = list({rec.shortcode for rec, _ in items if rec.shortcode})
    photos = list({pid for _, links in items for pid, _, _ in links})
    stamps = [t for t in (_ts(rec) for rec, _ in items) if t is not None]
    known_codes: set[str] = set()
    linked: set[int] = set()
    for i in range(0, len(codes), 500):
        part = codes[i : i + 500]
        known_codes.update(r[0] for r in db.execute(
            f"SELECT shortcode FROM posts WHERE shortcode IN ({','.join('?' * len(part))})", part))
    for i in range(0, len(photos), 500):
        part = photos[i : i + 500]
        linked.update(r[0] for r in db.execute(
            f"SELECT DISTINCT photo_id FROM post_media WHERE photo_id IN ({','.join('?' * len(part))})", part))
    times: list[int] = []
    if stamps:
        times = sorted(r[0] for r in db.execute(
            "SELECT posted_ts FROM posts WHERE posted_ts BETWEEN ? AND ?",
            [min(stamps) - SAME_POST_SECONDS, max(stamps) + SAME_POST_SECONDS]))

    def near(ts: int | None) -> bool:
        if ts is None:
            return False
        i = bisect.bisect_left(times, ts - SAME_POST_SECONDS)
        return i < len(times) and times[i] <= ts + SAME_POST_SECONDS

    out: list[tuple[int, bool]] = []
    rows: list[tuple[int, int, int, str]] = []
    new: list[tuple[PostRecord, list[tuple[int, int, str]]]] = []  # to insert, in order
    stamp = now_iso()

    def write() -> None:
        """Insert the new posts met so far and write every pending link."""
        for post_id, (_rec, links) in zip(_insert_posts(db, [r for r, _ in new], stamp), new, strict=True):
            out.append((post_id, True))
            rows.extend((post_id, pid, pos, mt) for pid, pos, mt in links)
        new.clear()
        _write_links(db, rows)
        rows.clear()

    for rec, links in items:
        links = [(merged.get(pid, pid), pos, mt) for pid, pos, mt in links]
        ts = _ts(rec)
        maybe = ((rec.shortcode is not None and rec.shortcode in known_codes)
                 or any(pid in linked for pid, _, _ in links) or near(ts))
        if maybe:
            write()  # find_post must see the posts and links met so far
            post_id, created = upsert_post(db, rec, [pid for pid, _, _ in links])
            if not created and mergeable:
                links = _fold_same_media(db, post_id, links, mergeable, merged)
            out.append((post_id, created))
            rows.extend((post_id, pid, pos, mt) for pid, pos, mt in links)
        else:
            new.append((rec, links))
        # what later records of this batch may match
        if rec.shortcode:
            known_codes.add(rec.shortcode)
        linked.update(pid for pid, _, _ in links)
        if ts is not None:
            bisect.insort(times, ts)
    write()
    return out


def _write_links(db, rows: list[tuple[int, int, int, str]]) -> None:
    if rows:
        db.conn.executemany(
            "INSERT INTO post_media (post_id, photo_id, position, media_type) VALUES (?,?,?,?)"
            " ON CONFLICT(post_id, photo_id) DO UPDATE SET position = excluded.position,"
            " media_type = excluded.media_type",
            rows,
        )


def _fold_same_media(db, post_id: int, links: list[tuple[int, int, str]], mergeable, merged: dict[int, int],
                     ) -> list[tuple[int, int, str]]:
    """Links of ``post_id`` with each just-added photo that takes the place of the post's
    photo at the same position (and media type) folded into that photo."""
    at: dict[tuple[int, str], set[int]] = {}
    for pos, pid, mt in db.execute(
        "SELECT position, photo_id, media_type FROM post_media WHERE post_id = ?", [post_id]
    ):
        at.setdefault((pos, mt), set()).add(pid)
    present = set().union(*at.values()) if at else set()
    out = []
    for pid, pos, mt in links:
        olds = at.get((pos, mt), set()) - {pid}
        if pid in mergeable and pid not in present and len(olds) == 1:
            keep = next(iter(olds))
            merge_into(db, pid, keep)
            merged[pid] = keep
            pid = keep
        out.append((pid, pos, mt))
    return out


def merge_into(db, photo_id: int, keep: int) -> None:
    """Make ``photo_id``'s files files of ``keep`` and drop ``photo_id`` (a photo just added
    by an import: it has nothing of its own worth keeping beyond its files)."""
    db.execute("UPDATE files SET photo_id = ? WHERE photo_id = ?", [keep, photo_id])
    db.execute("DELETE FROM photo_search WHERE rowid = ?", [photo_id])
    db.execute("DELETE FROM photos WHERE id = ?", [photo_id])
    db.execute(
        "UPDATE photos SET status = 'ok' WHERE id = ? AND status != 'ok' AND EXISTS"
        " (SELECT 1 FROM files WHERE photo_id = ? AND status = 'ok')", [keep, keep])
