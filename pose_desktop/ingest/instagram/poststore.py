"""Which catalogued post an Instagram record is, and what of it to keep (its SQL is in
``catalog/posts.py``). Each function takes the ``db`` of a ``Catalog.write()``.

A post is one row in ``posts`` whichever path brought it: matched by shortcode, else by a
photo it already shares, else (data-export posts have no shortcode) by owner and time.
"""

from __future__ import annotations

import bisect
import json

from pose_desktop.catalog import posts
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
    return posts.find_post(db, rec.shortcode, _ts(rec), rec.owner, photo_ids, SAME_POST_SECONDS)


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
        return posts.insert_post(db, _post_row(rec, stamp)), True
    tagged, mentions, sources = posts.post_lists(db, post_id)
    posts.update_post(
        db, post_id, shortcode=rec.shortcode, url=rec.url, owner=rec.owner, caption=rec.caption,
        posted_at=posted, posted_ts=_ts(rec), location=rec.location, location_lat=rec.location_lat,
        location_lng=rec.location_lng, likes=rec.likes, comments=rec.comments,
        typename=rec.typename, tagged_users=_merge_list(tagged, rec.tagged_users),
        mentions=_merge_list(mentions, rec.mentions),
        # a caption carries the post's hashtags: none known, the stored ones stay
        hashtags=None if rec.caption is None else json.dumps(rec.hashtags, ensure_ascii=False),
        sources=_merge_list(sources, [rec.source]), updated_at=stamp,
    )
    return post_id, False


def link_media(db, post_id: int, links: list[tuple[int, int, str]]) -> None:
    """Attach (photo id, carousel position, media type) triples to a post (idempotent)."""
    posts.link_media(db, [(post_id, photo_id, position, media_type)
                          for photo_id, position, media_type in links])


def _post_row(rec: PostRecord, stamp: str) -> list:
    """A new post's values, in ``catalog.posts.NEW_POST_COLUMNS`` order."""
    posted = rec.posted_at.isoformat(timespec="seconds") if rec.posted_at else None
    return [rec.shortcode, rec.url, rec.owner, rec.caption, posted, _ts(rec), rec.location,
            rec.location_lat, rec.location_lng, rec.likes, rec.comments, rec.typename,
            json.dumps(rec.tagged_users, ensure_ascii=False),
            json.dumps(rec.mentions, ensure_ascii=False),
            json.dumps(rec.hashtags, ensure_ascii=False),
            json.dumps([rec.source]), stamp, stamp]


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
    known_codes = posts.known_shortcodes(db, codes)
    linked = posts.photos_in_posts(db, photos)
    times: list[int] = []
    if stamps:
        times = posts.post_times(db, min(stamps) - SAME_POST_SECONDS, max(stamps) + SAME_POST_SECONDS)

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
        new_ids = posts.insert_posts(db, [_post_row(r, stamp) for r, _ in new])
        for post_id, (_rec, links) in zip(new_ids, new, strict=True):
            out.append((post_id, True))
            rows.extend((post_id, pid, pos, mt) for pid, pos, mt in links)
        new.clear()
        posts.link_media(db, rows)
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


def _fold_same_media(db, post_id: int, links: list[tuple[int, int, str]], mergeable, merged: dict[int, int],
                     ) -> list[tuple[int, int, str]]:
    """Links of ``post_id`` with each just-added photo that takes the place of the post's
    photo at the same position (and media type) folded into that photo."""
    at: dict[tuple[int, str], set[int]] = {}
    for pos, pid, mt in posts.post_media(db, post_id):
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
    posts.merge_photo_into(db, photo_id, keep)
