"""Which catalogued post an imported record is: shortcode, then a shared photo, then time."""

from __future__ import annotations

from datetime import datetime, timezone

from pose_desktop.catalog.db import Catalog
from pose_desktop.ingest.instagram.poststore import find_post, link_media, upsert_post
from pose_desktop.ingest.instagram.records import PostRecord

T = 1_700_000_000


def _rec(shortcode=None, ts=T, owner="me", caption=None, likes=None):
    return PostRecord("test", shortcode=shortcode, owner=owner, caption=caption, likes=likes,
                      posted_at=datetime.fromtimestamp(ts, timezone.utc))


def _photo(db, n: int) -> int:
    return db.execute(
        "INSERT INTO photos (hash, size, added_at, updated_at) VALUES (?, 1, 'x', 'x')", [f"h{n}"]
    ).lastrowid


def test_match_order(catalog_path):
    with Catalog(catalog_path) as cat, cat.write() as db:
        p1, p2 = _photo(db, 1), _photo(db, 2)
        a, created = upsert_post(db, _rec("S1", caption="first", likes=3), [p1])
        assert created
        link_media(db, a, [(p1, 1, "image")])
        assert find_post(db, _rec("S1", ts=T + 999), []) == a  # shortcode wins over time
        assert find_post(db, _rec(None, ts=T + 999), [p1]) == a  # a shared photo
        assert find_post(db, _rec(None, ts=T + 1), []) == a  # export post: owner + time
        assert find_post(db, _rec("S2", ts=T + 1), []) is None  # another shortcode
        assert find_post(db, _rec("S2", ts=T + 999), [p1]) is None  # same photo, other post
        assert find_post(db, _rec(None, ts=T, owner="other"), []) is None
        assert find_post(db, _rec(None, ts=T + 3), []) is None  # beyond the jitter
        b, _ = upsert_post(db, _rec(None, ts=T + 100), [])
        c, _ = upsert_post(db, _rec(None, ts=T + 97), [])
        assert find_post(db, _rec("S8", ts=T + 98), []) == c  # nearest in time
        # two posts without shortcodes (one export) a second apart are two posts
        assert find_post(db, _rec(None, ts=T + 98), []) is None
        assert find_post(db, _rec("S9", ts=T + 101), [p2]) == b  # adopts a shortcode-less post
        # an update keeps what the record does not know and takes what it does
        same, created = upsert_post(db, _rec("S1", caption=None, likes=7), [p1])
        assert (same, created) == (a, False)
        row = db.execute("SELECT caption, likes, sources FROM posts WHERE id = ?", [a]).fetchone()
        assert row == ("first", 7, '["test"]')
