"""Read queries over the catalog: trees, photo pages, details, search, statistics.

Every function takes a read connection (``Catalog.reader()`` or ``Catalog.db``) and does
a fixed number of queries, whatever the library size (no N+1).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from pose_desktop.catalog import fts

VISIBLE = "p.status = 'ok' AND p.hidden = 0"


@dataclass(frozen=True)
class PhotoFilter:
    """Which photos a grid shows: by date prefix, by tag, by text, or all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    tag_kind: str | None = None
    tag_name: str | None = None
    text: str | None = None
    photo_ids: tuple[int, ...] | None = None
    include_missing: bool = False
    # only photos whose date stops above the next level: no year (undated, dated by their
    # file's time alone); with ``year``: no month (a folder named '2019'); with ``month``: no day
    undated: bool = False
    country: str | None = None  # ISO code of the country photos were taken in
    place_id: int | None = None  # a city (GeoNames id)
    region: str | None = None  # a region's code (ISO 3166-2: 'KR-49')


def date_tree(db) -> list[tuple[int | None, int | None, int | None, int]]:
    """(year, month, day, count) for every day that has photos, newest first.

    Reads the trigger-maintained ``date_counts`` table (cost independent of library size).
    """
    return [
        (y or None, m or None, d or None, n)
        for y, m, d, n in db.execute(
            "SELECT year, month, day, n FROM date_counts WHERE n > 0"
            " ORDER BY year DESC, month DESC, day DESC"
        )
    ]


def tag_tree(db, kinds: tuple[str, ...] | None = None) -> list[tuple[str, str, int]]:
    """(kind, tag name, photo count) for every tag in use, by kind then count.

    Reads the trigger-maintained ``tag_counts`` table (cost independent of library size).
    """
    where, params = "", []
    if kinds:
        where = f"AND t.kind IN ({','.join('?' * len(kinds))})"
        params = list(kinds)
    return db.execute(
        "SELECT t.kind, t.name, c.n FROM tag_counts c JOIN tags t ON t.id = c.tag_id"
        f" WHERE c.n > 0 {where} ORDER BY t.kind, c.n DESC, t.name",
        params,
    ).fetchall()


def place_tree(db) -> list[tuple]:
    """(country code, country en, country ko, region code, region en, region ko, place id,
    city en, city ko, photo count) of every city with visible photos, by country then count
    (region NULL where the city is in no known region)."""
    return db.execute(
        "SELECT pl.country_code, pl.country_en, pl.country_ko, pl.region_code, pl.region_en,"
        " pl.region_ko, pl.id, pl.city_en, pl.city_ko, c.n"
        " FROM (SELECT p.place_id, COUNT(*) AS n FROM photos p"
        f" WHERE p.place_id IS NOT NULL AND {VISIBLE} GROUP BY p.place_id) c"
        " JOIN places pl ON pl.id = c.place_id ORDER BY pl.country_code, c.n DESC, pl.city_en"
    ).fetchall()


def search_to_refresh(db) -> bool:
    """True once an upgrade left search text to write again (``store.refresh_search_once``)."""
    return db.execute("SELECT 1 FROM catalog_meta WHERE key = 'search_to_refresh'").fetchone() is not None


def places_to_name(db) -> bool:
    """True once the places upgrade left photos to name (``store.name_places_once``)."""
    return db.execute("SELECT 1 FROM catalog_meta WHERE key = 'places_to_name'").fetchone() is not None


def photo_place(db, photo_id: int) -> tuple | None:
    """(city en, city ko, region en, region ko, country en, country ko) of a photo's place,
    or None."""
    return db.execute(
        "SELECT pl.city_en, pl.city_ko, pl.region_en, pl.region_ko, pl.country_en, pl.country_ko"
        " FROM photos p"
        " JOIN places pl ON pl.id = p.place_id WHERE p.id = ?", [photo_id]).fetchone()


def post_locations(db, photo_id: int) -> list[str]:
    """The Instagram location names of the posts a photo is in."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT po.location FROM post_media pm JOIN posts po ON po.id = pm.post_id"
        " WHERE pm.photo_id = ? AND po.location IS NOT NULL", [photo_id])]


def date_tree_exact(db) -> list[tuple[int | None, int | None, int | None, int]]:
    """``date_tree`` computed from the photos themselves (checks the counters)."""
    return db.execute(
        f"SELECT year, month, day, COUNT(*) FROM photos p WHERE {VISIBLE}"
        " GROUP BY year, month, day ORDER BY year DESC, month DESC, day DESC"
    ).fetchall()


def tag_tree_exact(db) -> list[tuple[str, str, int]]:
    """``tag_tree`` computed from the tags themselves (checks the counters)."""
    return db.execute(
        "SELECT t.kind, t.name, COUNT(DISTINCT pt.photo_id) AS n FROM photo_tags pt"
        " JOIN tags t ON t.id = pt.tag_id JOIN photos p ON p.id = pt.photo_id"
        f" WHERE {VISIBLE} GROUP BY t.id ORDER BY t.kind, n DESC, t.name"
    ).fetchall()


def fts_query(text: str) -> str:
    """User text → FTS5 query: every word must match (``fts.word_query``: English words
    whole, singular or plural; Korean as a prefix or inside a compound), quotes escaped."""
    words = [w for w in re.split(r"[\s#]+", text.strip()) if w]
    return " AND ".join(fts.word_query(w) for w in words)


def _filter_sql(f: PhotoFilter, newest_first: bool = False) -> tuple[str, list]:
    """The WHERE clause of ``f``. ``newest_first``: for a query that reads the matches in
    date order and stops (a page): a text search alone then walks the date index."""
    selective = bool((f.tag_kind and f.tag_name is not None) or f.text or f.photo_ids is not None
                     or f.place_id is not None or f.region is not None)
    if selective:
        # The tag/text/id list drives the query; unary + keeps SQLite from scanning every
        # visible photo through idx_photos_date instead (linear in library size).
        clauses = ["+p.hidden = 0"] if f.include_missing else ["+p.status = 'ok' AND +p.hidden = 0"]
    else:
        clauses = ["p.hidden = 0"] if f.include_missing else [VISIBLE]
    params: list = []
    if f.place_id is not None:
        clauses.append("p.place_id = ?")
        params.append(f.place_id)
    if f.country:
        clauses.append("p.place_id IN (SELECT id FROM places WHERE country_code = ?)")
        params.append(f.country)
    if f.region is not None:
        clauses.append("p.place_id IN (SELECT id FROM places WHERE region_code = ?)")
        params.append(f.region)
    if f.undated:
        clauses.append(f"p.{'year' if f.year is None else 'month' if f.month is None else 'day'} IS NULL")
    for col in ("year", "month", "day"):
        value = getattr(f, col)
        if value is not None:
            clauses.append(f"p.{col} = ?")
            params.append(value)
    if f.tag_kind and f.tag_name is not None:
        clauses.append(
            "p.id IN (SELECT pt.photo_id FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id"
            " WHERE t.kind = ? AND t.name = ?)"
        )
        params += [f.tag_kind, f.tag_name]
    if f.text:
        q = fts_query(f.text)
        if q:
            # A page of a text search alone: +p.id makes the matches a set to test photos
            # against while the date index is walked newest first, so it stops after its
            # 200 photos; driven by the matches it looks up and sorts every one (a common
            # word, a third of the library: 45 ms of CPU at 100k photos, 3-14 ms this way).
            # Counts, and searches within a tag, month or place, are driven by the matches.
            alone = not (f.tag_kind or f.year or f.place_id is not None or f.region or f.country
                         or f.photo_ids is not None or f.undated)
            column = "+p.id" if newest_first and alone else "p.id"
            clauses.append(f"{column} IN (SELECT rowid FROM photo_search WHERE photo_search MATCH ?)")
            params.append(q)
    if f.photo_ids is not None:
        clauses.append(f"p.id IN ({','.join('?' * len(f.photo_ids)) or 'NULL'})")
        params += list(f.photo_ids)
    return " AND ".join(clauses), params


PHOTO_COLUMNS = (
    "p.id, p.hash, p.taken_at, p.media_type, p.width, p.height, p.has_thumb, p.status,"
    " (SELECT path FROM files f WHERE f.photo_id = p.id ORDER BY f.status = 'ok' DESC, f.id LIMIT 1),"
    " p.date_source"
)


def photo_page(db, f: PhotoFilter, limit: int = 200, offset: int = 0) -> list[tuple]:
    """One page of photos (newest first) matching ``f``: see ``PHOTO_COLUMNS``.

    The page's ids are chosen first; per-photo details (the file path) are looked up only
    for those rows, not for every match.
    """
    where, params = _filter_sql(f, newest_first=True)
    return db.execute(
        f"SELECT {PHOTO_COLUMNS} FROM (SELECT p.id FROM photos p WHERE {where}"
        " ORDER BY p.taken_at DESC, p.id DESC LIMIT ? OFFSET ?) page"
        " JOIN photos p ON p.id = page.id ORDER BY p.taken_at DESC, p.id DESC",
        [*params, limit, offset],
    ).fetchall()


def photo_count(db, f: PhotoFilter) -> int:
    """How many photos match ``f``."""
    where, params = _filter_sql(f)
    return db.execute(f"SELECT COUNT(*) FROM photos p WHERE {where}", params).fetchone()[0]


def photo_ids(db, f: PhotoFilter) -> list[int]:
    """Ids of all photos matching ``f`` (newest first)."""
    where, params = _filter_sql(f)
    return [r[0] for r in db.execute(
        f"SELECT p.id FROM photos p WHERE {where} ORDER BY p.taken_at DESC, p.id DESC", params)]


def photo_row(db, photo_id: int) -> dict | None:
    """All columns of one photo as a dict."""
    cur = db.execute("SELECT * FROM photos WHERE id = ?", [photo_id])
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def find_photo(db, ref: str) -> int | None:
    """Resolve a photo reference: numeric id, hash (or unique prefix ≥ 6), or a file path."""
    ref = ref.strip()
    if ref.isdigit():
        r = db.execute("SELECT id FROM photos WHERE id = ?", [int(ref)]).fetchone()
        if r:
            return r[0]
    if re.fullmatch(r"[0-9a-f]{6,40}", ref):
        rows = db.execute("SELECT id FROM photos WHERE hash >= ? AND hash < ? LIMIT 2",
                          [ref, ref + "g"]).fetchall()
        if len(rows) == 1:
            return rows[0][0]
    import os

    from pose_desktop.paths import db_path

    # a path that is not UTF-8 (an old disk) is stored in its text form (see db_path)
    r = db.execute("SELECT photo_id FROM files WHERE path = ?", [db_path(os.path.abspath(ref))[0]]).fetchone()
    if r:
        return r[0]
    r = db.execute("SELECT photo_id FROM files WHERE path = ?", [db_path(ref)[0]]).fetchone()
    return r[0] if r else None


def photo_files(db, photo_id: int) -> list[tuple[str, str, str]]:
    """(path, status, source) of every file where the photo was seen."""
    return db.execute(
        "SELECT path, status, source FROM files WHERE photo_id = ? ORDER BY status = 'ok' DESC, id",
        [photo_id],
    ).fetchall()


def analysis_state(db, photo_id: int, analyzer: str) -> str | None:
    """'ok' when ``analyzer`` ran on the photo, 'error' when it failed, None before."""
    row = db.execute("SELECT status FROM analysis_runs WHERE photo_id = ? AND analyzer = ?",
                     [photo_id, analyzer]).fetchone()
    return row[0] if row else None


def photo_tags(db, photo_id: int) -> list[tuple[str, str, str, float | None]]:
    """(kind, name, source, score) of every tag on a photo."""
    return db.execute(
        "SELECT t.kind, t.name, pt.source, pt.score FROM photo_tags pt JOIN tags t"
        " ON t.id = pt.tag_id WHERE pt.photo_id = ? ORDER BY t.kind, pt.score DESC, t.name",
        [photo_id],
    ).fetchall()


def raw_hashtags(row: dict) -> list[str]:
    """The hashtags as the user wrote them, from a photo row."""
    return json.loads(row.get("hashtags") or "[]")


def stats(db) -> dict:
    """Counts for ``pose stats``."""
    one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "photos": one("SELECT COUNT(*) FROM photos WHERE status = 'ok' AND hidden = 0"),
        "videos": one("SELECT COUNT(*) FROM photos WHERE media_type = 'video' AND status = 'ok'"),
        "missing": one("SELECT COUNT(*) FROM photos WHERE status = 'missing'"),
        "hidden": one("SELECT COUNT(*) FROM photos WHERE hidden = 1"),
        "files": one("SELECT COUNT(*) FROM files WHERE status = 'ok'"),
        "tags": one("SELECT COUNT(*) FROM tags"),
        "dated_by": dict(db.execute(
            "SELECT date_source, COUNT(*) FROM photos WHERE status = 'ok' GROUP BY date_source"
        ).fetchall()),
        "errors": one("SELECT COUNT(*) FROM index_issues WHERE severity = 'error'"),
        "warnings": one("SELECT COUNT(*) FROM index_issues WHERE severity = 'warning'"),
    }


def issues(db, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(path, severity, reason) of files that could not be (fully) indexed."""
    sql = "SELECT path, severity, reason FROM index_issues ORDER BY severity, path"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return db.execute(sql).fetchall()


def photo_objects(db, photo_ids: list[int]) -> dict[int, tuple[str, str]]:
    """photo id -> (model version, detections JSON) of the photos the detector ran on."""
    out: dict[int, tuple[str, str]] = {}
    for i in range(0, len(photo_ids), 500):
        chunk = photo_ids[i : i + 500]
        out.update((pid, (model, dets)) for pid, model, dets in db.execute(
            f"SELECT photo_id, model, detections FROM photo_objects WHERE photo_id IN"
            f" ({','.join('?' * len(chunk))})", chunk))
    return out
