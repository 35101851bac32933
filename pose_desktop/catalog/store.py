"""Write helpers. Each takes the ``db`` of an open ``Catalog.write()`` transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

import sqlite_utils

from pose_desktop.vocab.hashtags import HashtagNormalizer
from pose_desktop.vocab.labels import THINGS, search_terms

from .dates import USER, date_parts
from .db import now_iso
from .fts import grams_of

SQL_CHUNK = 500  # values per "IN (...)" list, well under SQLite's variable limit


def chunks(items: Sequence, size: int = SQL_CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of at most ``size`` (for ``IN (...)`` lists)."""
    for i in range(0, len(items), size):
        yield items[i : i + size]


def tag_id(db: sqlite_utils.Database, kind: str, name: str) -> int:
    """Id of the tag (kind, name), created if new."""
    # Look up first: tags are nearly always known already, and this runs for every tag of
    # every photo written (one statement instead of two). Inside the single writer's
    # transaction nobody can add the tag in between.
    row = db.execute("SELECT id FROM tags WHERE kind = ? AND name = ?", [kind, name]).fetchone()
    if row is not None:
        return row[0]
    return db.execute("INSERT INTO tags (kind, name) VALUES (?, ?)", [kind, name]).lastrowid


def replace_tags(
    db: sqlite_utils.Database,
    source: str,
    kinds: Sequence[str],
    tags_by_photo: dict[int, Iterable[tuple[str, str, float | None]]],
) -> None:
    """For every photo in ``tags_by_photo``, replace the tags of ``kinds`` that ``source``
    gave it with its ``(kind, name, score)`` triples.

    Tags from other sources (the user's own, other models) are left alone, so a re-run of
    a model never removes what the user said.
    """
    rows = [(pid, kind, name, score) for pid, tags in tags_by_photo.items() for kind, name, score in tags]
    ids = {
        (kind, name): tid for kind in kinds
        for name, tid in tag_ids(db, kind, sorted({n for _, k, n, _ in rows if k == kind})).items()
    }
    new = {(pid, ids[(kind, name)]): score for pid, kind, name, score in rows}
    # Only what changed is written: a re-run that sees the same tags updates their scores
    # and leaves the rows (and the tree counters their triggers keep) alone.
    kind_marks = ",".join("?" * len(kinds))
    stale = []
    for chunk in chunks(list(tags_by_photo)):
        stale += [
            (pid, tid, source) for pid, tid in db.execute(
                f"SELECT photo_id, tag_id FROM photo_tags WHERE photo_id IN ({','.join('?' * len(chunk))}) "
                f"AND source = ? AND tag_id IN (SELECT id FROM tags WHERE kind IN ({kind_marks}))",
                [*chunk, source, *kinds],
            ).fetchall()
            if (pid, tid) not in new
        ]
    db.conn.executemany("DELETE FROM photo_tags WHERE photo_id = ? AND tag_id = ? AND source = ?", stale)
    stamp = now_iso()
    db.conn.executemany(
        "INSERT INTO photo_tags (photo_id, tag_id, source, score, added_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (photo_id, tag_id, source) DO UPDATE SET score = excluded.score",
        [(pid, tid, source, score, stamp) for (pid, tid), score in new.items()],
    )


def set_tags(
    db: sqlite_utils.Database,
    photo_id: int,
    kind: str,
    source: str,
    tags: Iterable[tuple[str, float | None]],
) -> None:
    """Replace the tags of ``kind`` that ``source`` gave ``photo_id`` with ``tags``
    (``replace_tags`` for one photo and kind)."""
    replace_tags(db, source, [kind], {photo_id: [(kind, name, score) for name, score in tags]})


def source_tags(db: sqlite_utils.Database, photo_id: int, source: str) -> list[tuple[str, str, float | None]]:
    """(kind, name, score) of the tags ``source`` (an analyzer) gave a photo."""
    return db.execute(
        "SELECT t.kind, t.name, pt.score FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
        "WHERE pt.photo_id = ? AND pt.source = ? ORDER BY t.kind, t.name",
        [photo_id, source],
    ).fetchall()


def taken_at(db: sqlite_utils.Database, photo_id: int) -> str | None:
    """When a photo was taken (ISO text), if known."""
    row = db.execute("SELECT taken_at FROM photos WHERE id = ?", [photo_id]).fetchone()
    return row[0] if row else None


def dated(db: sqlite_utils.Database, photo_id: int) -> tuple[str | None, str | None] | None:
    """(taken_at, date_source) of a photo (``catalog/dates.py`` says what the source means),
    or None when there is no such photo."""
    return db.execute("SELECT taken_at, date_source FROM photos WHERE id = ?", [photo_id]).fetchone()


def tag_names(db: sqlite_utils.Database, photo_ids: Sequence[int], kind: str,
              source: str | None = None) -> dict[int, set[str]]:
    """The names of each photo's tags of ``kind`` (photos without any are left out);
    ``source``: only the tags it gave (an analyzer's name, "user"...)."""
    out: dict[int, set[str]] = {}
    only = " AND pt.source = ?" if source is not None else ""
    for chunk in chunks(list(photo_ids)):
        for pid, name in db.execute(
            "SELECT pt.photo_id, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
            f"WHERE pt.photo_id IN ({','.join('?' * len(chunk))}) AND t.kind = ?{only}",
            [*chunk, kind, *([source] if source is not None else [])],
        ):
            out.setdefault(pid, set()).add(name)
    return out


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


def hashtag_normalizer(db: sqlite_utils.Database) -> HashtagNormalizer:
    """A hashtag normalizer with the user's merges stored in the catalog."""
    return HashtagNormalizer.from_merges(hashtag_merges(db).items())


def apply_hashtags(db: sqlite_utils.Database, photo_id: int, raw: list[str], normalizer=None) -> None:
    """Store the raw hashtags of a photo and its canonical hashtag tags."""
    normalizer = normalizer or hashtag_normalizer(db)
    db.execute(
        "UPDATE photos SET hashtags = ? WHERE id = ?",
        [json.dumps(raw, ensure_ascii=False), photo_id],
    )
    canon = {normalizer.normalize(h) for h in raw}
    set_tags(db, photo_id, "hashtag", "hashtag", [(c, None) for c in sorted(canon) if c])


def apply_hashtags_many(
    db: sqlite_utils.Database, items: list[tuple[int, list[str], bool]], normalizer=None
) -> None:
    """``apply_hashtags`` for many photos at once: (photo id, raw hashtags, new) triples.

    ``new``: the photo was inserted in this transaction with these raw hashtags already
    (nothing to update or replace, only its hashtag tags to add).
    """
    normalizer = normalizer or hashtag_normalizer(db)
    old = [(json.dumps(raw, ensure_ascii=False), pid) for pid, raw, new in items if not new]
    if old:
        db.conn.executemany("UPDATE photos SET hashtags = ? WHERE id = ?", old)
        db.conn.executemany(
            "DELETE FROM photo_tags WHERE photo_id = ? AND source = 'hashtag' "
            "AND tag_id IN (SELECT id FROM tags WHERE kind = 'hashtag')",
            [(pid,) for _, pid in old],
        )
    canon = [(pid, sorted(c for c in {normalizer.normalize(h) for h in raw} if c)) for pid, raw, _ in items]
    ids = tag_ids(db, "hashtag", dict.fromkeys(c for _, names in canon for c in names))  # new ones in order
    stamp = now_iso()
    db.conn.executemany(
        "INSERT OR REPLACE INTO photo_tags (photo_id, tag_id, source, score, added_at) "
        "VALUES (?, ?, 'hashtag', NULL, ?)",
        [(pid, ids[name], stamp) for pid, names in canon for name in names],
    )


def tag_ids(db: sqlite_utils.Database, kind: str, names: Iterable[str]) -> dict[str, int]:
    """name → id of the tags (kind, name), created where new (in the order given)."""
    names = list(names)
    out: dict[str, int] = {}
    for chunk in chunks(names):
        out.update(db.execute(
            f"SELECT name, id FROM tags WHERE kind = ? AND name IN ({','.join('?' * len(chunk))})",
            [kind, *chunk],
        ).fetchall())
    for name in names:
        if name not in out:
            out[name] = db.execute("INSERT INTO tags (kind, name) VALUES (?, ?)", [kind, name]).lastrowid
    return out


def refresh_search(db: sqlite_utils.Database, photo_ids: Iterable[int]) -> None:
    """Rebuild the full-text search row of each photo (a few set-based statements)."""
    ids = list(set(photo_ids))
    for chunk in chunks(ids):
        texts = search_texts(db, chunk)
        db.execute(f"DELETE FROM photo_search WHERE rowid IN ({','.join('?' * len(chunk))})", chunk)
        db.conn.executemany(
            "INSERT INTO photo_search (rowid, text, grams) VALUES (?, ?, ?)",
            [(pid, texts.get(pid, ""), grams_of(texts.get(pid, ""))) for pid in chunk],
        )


def search_texts(db: sqlite_utils.Database, photo_ids: list[int]) -> dict[int, str]:
    """Everything a text search should find each of ``photo_ids`` (at most a few hundred)
    by, in Korean and English: caption, hashtags, camera, tags, file names, places."""
    if not photo_ids:
        return {}
    marks = ",".join("?" * len(photo_ids))
    parts: dict[int, list[str]] = {}
    for pid, caption, hashtags, make, model in db.execute(
        f"SELECT id, caption, hashtags, camera_make, camera_model FROM photos WHERE id IN ({marks})",
        photo_ids,
    ):
        parts[pid] = [caption or "", " ".join(json.loads(hashtags or "[]")), make or "", model or ""]
    for pid, kind, name in db.execute(
        "SELECT DISTINCT pt.photo_id, t.kind, t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id "
        f"WHERE pt.photo_id IN ({marks})",
        photo_ids,
    ).fetchall():
        if pid in parts:
            parts[pid].extend(search_terms(kind, name))
    for pid, path in db.execute(f"SELECT photo_id, path FROM files WHERE photo_id IN ({marks})", photo_ids):
        if pid in parts:
            parts[pid].append(path.rsplit("/", 1)[-1].rsplit(".", 1)[0].replace("_", " "))
    # places: the city, region and country names (Korean and English), and Instagram's
    # location name
    for pid, *names in db.execute(
        "SELECT p.id, pl.city_en, pl.city_ko, pl.region_en, pl.region_ko, pl.region_ko_long,"
        " pl.country_en, pl.country_ko FROM photos p"
        f" JOIN places pl ON pl.id = p.place_id WHERE p.id IN ({marks})", photo_ids,
    ):
        parts[pid].extend(dict.fromkeys(n for n in names if n))
    for pid, location in db.execute(
        "SELECT DISTINCT pm.photo_id, po.location FROM post_media pm JOIN posts po ON po.id = pm.post_id"
        f" WHERE pm.photo_id IN ({marks}) AND po.location IS NOT NULL", photo_ids,
    ):
        if pid in parts:
            parts[pid].append(location)
    return {pid: " ".join(p for p in ps if p) for pid, ps in parts.items()}


def record_issue(db: sqlite_utils.Database, path: str, reason: str, severity: str = "error") -> None:
    """Remember why a file could not be (fully) indexed; shown by ``pose stats``."""
    db.execute(
        "INSERT OR REPLACE INTO index_issues (path, severity, reason, at) VALUES (?, ?, ?, ?)",
        [path, severity, reason, now_iso()],
    )


def record_failures(db: sqlite_utils.Database,
                    failures: Sequence[tuple[str, str, int | None, int | None]]) -> set[str]:
    """Remember why files could not be indexed: (path, reason, size, mtime_ns) each (no size
    and mtime for a folder or a link). Returns the paths that are news: those not already
    recorded as failing for the same reason with the same size and mtime. A known
    unreadable file that did not change stays listed but is not announced again."""
    known: set[tuple] = set()
    for chunk in chunks([f[0] for f in failures]):
        known.update(db.execute(
            "SELECT path, reason, size, mtime_ns FROM index_issues WHERE severity = 'error' "
            f"AND path IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    stamp = now_iso()
    db.conn.executemany(
        "INSERT OR REPLACE INTO index_issues (path, severity, reason, at, size, mtime_ns) "
        "VALUES (?, 'error', ?, ?, ?, ?)",
        [(path, reason, stamp, size, mtime) for path, reason, size, mtime in failures])
    return {f[0] for f in failures if tuple(f) not in known}


def clear_issues(db: sqlite_utils.Database, paths: list[str]) -> None:
    """Forget the recorded problems of ``paths`` (they indexed fine this time; one
    statement per 500)."""
    for chunk in chunks(paths):
        db.execute(f"DELETE FROM index_issues WHERE path IN ({','.join('?' * len(chunk))})", chunk)


def set_dates(db: sqlite_utils.Database, photo_ids: Sequence[int], when, tz_offset: str | None = None
              ) -> None:
    """The user's date for photos (date_source 'user': indexing never replaces it)."""
    iso, year, month, day = date_parts(when)
    db.conn.executemany(
        "UPDATE photos SET taken_at = ?, date_source = ?, year = ?, month = ?, day = ?, tz_offset = ?"
        " WHERE id = ?", [(iso, USER, year, month, day, tz_offset, pid) for pid in photo_ids])


def assign_places(db: sqlite_utils.Database, photo_ids: Iterable[int]) -> list[int]:
    """Name the place (city, region, country) of the photos that have a GPS point and no place yet,
    offline (vocab/places.py); returns the photos that got one."""
    rows = []
    ids = list(set(photo_ids))
    for chunk in chunks(ids):
        rows += db.execute(
            f"SELECT id, gps_lat, gps_lon FROM photos WHERE id IN ({','.join('?' * len(chunk))})"
            " AND gps_lat IS NOT NULL AND gps_lon IS NOT NULL AND place_id IS NULL", chunk).fetchall()
    if not rows:
        return []
    from pose_desktop.vocab.places import geocoder

    found = geocoder().lookup_many([(lat, lon) for _, lat, lon in rows])
    places = {p.id: p for p in found if p is not None}
    db.conn.executemany(
        "INSERT OR IGNORE INTO places (id, city_en, city_ko, country_code, country_en, country_ko,"
        " lat, lon, region_code, region_en, region_ko, region_ko_long)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(p.id, p.city_en, p.city_ko, p.country_code, p.country_en, p.country_ko, p.lat, p.lon,
          *_region_row(p.region)) for p in places.values()])
    named = [(p.id, pid) for (pid, _, _), p in zip(rows, found, strict=True) if p is not None]
    db.conn.executemany("UPDATE photos SET place_id = ? WHERE id = ?", named)
    return [pid for _, pid in named]


def _region_row(region) -> tuple:
    if region is None:
        return (None, None, None, None)
    return (region.code, region.en, region.ko, region.ko_long)


def name_regions(db: sqlite_utils.Database) -> list[int]:
    """Give the places named before regions existed their region; returns the photos in
    the places that got one (their search text needs refreshing)."""
    rows = db.execute("SELECT id, country_code, lat, lon FROM places WHERE region_code IS NULL"
                      " AND lat IS NOT NULL AND lon IS NOT NULL").fetchall()
    if not rows:
        return []
    from pose_desktop.vocab.places import geocoder

    g = geocoder()
    named = [(*_region_row(r), pid) for pid, code, lat, lon in rows
             if (r := g.region(code, lat, lon)) is not None]
    db.conn.executemany("UPDATE places SET region_code = ?, region_en = ?, region_ko = ?,"
                        " region_ko_long = ? WHERE id = ?", named)
    ids = [n[-1] for n in named]
    photos: list[int] = []
    for chunk in chunks(ids):
        photos += [r[0] for r in db.execute(
            f"SELECT id FROM photos WHERE place_id IN ({','.join('?' * len(chunk))})", chunk)]
    return photos


def apply_post_locations(db: sqlite_utils.Database, photo_ids: Iterable[int]) -> list[int]:
    """Photos without a GPS point of their own take their Instagram post's location (marked
    gps_source 'instagram') and get its place name; returns the photos that changed."""
    ids = list(set(photo_ids))
    changed: list[int] = []
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            "SELECT pm.photo_id, MAX(po.location_lat), MAX(po.location_lng) FROM post_media pm"
            " JOIN posts po ON po.id = pm.post_id JOIN photos p ON p.id = pm.photo_id"
            f" WHERE pm.photo_id IN ({marks}) AND p.gps_lat IS NULL AND po.location_lat IS NOT NULL"
            " AND po.location_lng IS NOT NULL AND NOT (po.location_lat = 0 AND po.location_lng = 0)"
            " GROUP BY pm.photo_id", chunk).fetchall()
        db.conn.executemany(
            "UPDATE photos SET gps_lat = ?, gps_lon = ?, gps_source = 'instagram' WHERE id = ?",
            [(lat, lon, pid) for pid, lat, lon in rows])
        changed += [r[0] for r in rows]
    assign_places(db, changed)
    return changed


def refresh_search_once(db: sqlite_utils.Database) -> int:
    """After an upgrade that changed what a tag is found by (0019: a thing's other Korean
    name; 0020: one name per thing, scene tags moved to other groups), write the search
    text of the photos with tags of things again; once. Returns how many photos were
    refreshed."""
    if db.execute("SELECT 1 FROM catalog_meta WHERE key = 'search_to_refresh'").fetchone() is None:
        return 0
    marks = ",".join("?" * len(THINGS))
    ids = {r[0] for r in db.execute(
        "SELECT DISTINCT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        f" WHERE t.kind IN ({marks})", list(THINGS))}
    refresh_search(db, ids)
    db.execute("DELETE FROM catalog_meta WHERE key = 'search_to_refresh'")
    return len(ids)


def name_places_once(db: sqlite_utils.Database) -> int:
    """After the places upgrade of a catalog that had photos: name the places (and regions)
    of every photo with a GPS point (or an Instagram post location) and make them
    searchable; once.
    Returns how many photos were named."""
    if db.execute("SELECT 1 FROM catalog_meta WHERE key = 'places_to_name'").fetchone() is None:
        return 0
    ids = [r[0] for r in db.execute("SELECT id FROM photos")]
    apply_post_locations(db, ids)
    named = assign_places(db, ids) + name_regions(db)
    located = [r[0] for r in db.execute(
        "SELECT DISTINCT pm.photo_id FROM post_media pm JOIN posts po ON po.id = pm.post_id"
        " WHERE po.location IS NOT NULL")]
    refresh_search(db, set(named) | set(located))
    db.execute("DELETE FROM catalog_meta WHERE key = 'places_to_name'")
    return len(named)
def get_meta(db: sqlite_utils.Database, key: str, default=None):
    """A JSON value stored in ``catalog_meta`` (``default`` when absent or unreadable)."""
    row = db.execute("SELECT value FROM catalog_meta WHERE key = ?", [key]).fetchone()
    if row is None or row[0] is None:
        return default
    try:
        return json.loads(row[0])
    except ValueError:
        return default


def set_meta(db: sqlite_utils.Database, key: str, value) -> None:
    """Store a JSON value in ``catalog_meta``."""
    db.execute("INSERT OR REPLACE INTO catalog_meta (key, value) VALUES (?, ?)",
               [key, json.dumps(value, ensure_ascii=False)])


def save_objects(db: sqlite_utils.Database, rows: Iterable[tuple[int, str, str]]) -> None:
    """Store each photo's object detections: ``(photo id, model version, detections JSON)``
    (see migration 0013), replacing what an earlier run stored."""
    db.conn.executemany(
        "INSERT OR REPLACE INTO photo_objects (photo_id, model, detections) VALUES (?, ?, ?)",
        list(rows),
    )


# --- photos: the user's edits and lookups ------------------------------------------------


def file_paths(db: sqlite_utils.Database, photo_id: int) -> list[tuple[str, bytes | None]]:
    """(path text, raw path bytes) of a photo's files last seen readable, oldest first."""
    return db.execute(
        "SELECT path, path_bytes FROM files WHERE photo_id = ? AND status = 'ok' ORDER BY id",
        [photo_id],
    ).fetchall()


def photo_hash(db: sqlite_utils.Database, photo_id: int) -> str | None:
    """A photo's content hash."""
    row = db.execute("SELECT hash FROM photos WHERE id = ?", [photo_id]).fetchone()
    return row[0] if row else None


def set_hidden(db: sqlite_utils.Database, photo_ids: Sequence[int], hidden: bool) -> None:
    """Hide photos from every view (or bring them back)."""
    db.conn.executemany("UPDATE photos SET hidden = ? WHERE id = ?", [(int(hidden), p) for p in photo_ids])


def set_caption(db: sqlite_utils.Database, photo_id: int, caption: str) -> None:
    """A photo's caption (its hashtags are the caller's to re-apply)."""
    db.execute("UPDATE photos SET caption = ? WHERE id = ?", [caption, photo_id])


def raw_hashtags(db: sqlite_utils.Database, photo_id: int) -> list[str]:
    """The hashtags of a photo as written in its caption or post."""
    row = db.execute("SELECT hashtags FROM photos WHERE id = ?", [photo_id]).fetchone()
    return json.loads(row[0] or "[]") if row else []


def photos_with_tag(db: sqlite_utils.Database, kind: str, name: str) -> list[int]:
    """Ids of the photos carrying a tag."""
    return [r[0] for r in db.execute(
        "SELECT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
        " WHERE t.kind = ? AND t.name = ?", [kind, name])]


def drop_unused_tag(db: sqlite_utils.Database, kind: str, name: str) -> None:
    """Forget a tag no photo carries any more."""
    db.execute("DELETE FROM tags WHERE kind = ? AND name = ? AND id NOT IN"
               " (SELECT tag_id FROM photo_tags)", [kind, name])


def hashtag_merges(db: sqlite_utils.Database) -> dict[str, str]:
    """The user's hashtag merges: variant -> canonical."""
    return dict(db.execute("SELECT variant, canonical FROM hashtag_merges").fetchall())


def set_hashtag_merge(db: sqlite_utils.Database, variant: str, canonical: str) -> None:
    """Fold hashtag ``variant`` into ``canonical`` (both cleaned)."""
    db.execute("INSERT OR REPLACE INTO hashtag_merges (variant, canonical) VALUES (?, ?)",
               [variant, canonical])
