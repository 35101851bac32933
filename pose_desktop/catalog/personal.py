"""The SQL of the personal hashtag model (``tagging/personal.py``): its training rows and
the ``personal_models`` table."""

from __future__ import annotations

from .db import now_iso


def captioned_rows(db, model: str) -> list[tuple[int, bytes, str, str | None]]:
    """(photo id, vector bytes, its canonical hashtags joined by ``\\x1f``, facts JSON) of
    every readable photo with a ``model`` vector and at least one hashtag, by photo id."""
    return db.execute(
        "SELECT f.photo_id, f.vector, group_concat(t.name, char(31)), f.facts FROM photo_features f "
        "JOIN photo_tags pt ON pt.photo_id = f.photo_id "
        "JOIN tags t ON t.id = pt.tag_id AND t.kind = 'hashtag' "
        "JOIN photos p ON p.id = f.photo_id AND p.status = 'ok' "
        "WHERE f.model = ? GROUP BY f.photo_id ORDER BY f.photo_id",
        [model],
    ).fetchall()


def save_model(db, name: str, method: str, n_photos: int, n_tags: int, meta: str, params: bytes) -> None:
    """Store (replace) the model ``name`` (``meta`` JSON, ``params`` bytes), stamped now;
    call inside ``Catalog.write()``."""
    db.execute(
        "INSERT OR REPLACE INTO personal_models (name, method, trained_at, n_photos, n_tags, meta, params) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [name, method, now_iso(), n_photos, n_tags, meta, params],
    )


def model_row(db, name: str) -> tuple[str, str, bytes] | None:
    """(method, meta JSON, params bytes) of the stored model ``name``, or None."""
    return db.execute(
        "SELECT method, meta, params FROM personal_models WHERE name = ?", [name]
    ).fetchone()


def trained_on(db, name: str) -> int | None:
    """How many captioned photos the stored model ``name`` was trained on (None: no model)."""
    row = db.execute("SELECT n_photos FROM personal_models WHERE name = ?", [name]).fetchone()
    return None if row is None else row[0]


def photos_with_features_and_hashtags(db) -> int:
    """How many photos have stored vectors (any model) and at least one hashtag."""
    return db.execute(
        "SELECT count(DISTINCT f.photo_id) FROM photo_features f JOIN photo_tags pt "
        "ON pt.photo_id = f.photo_id JOIN tags t ON t.id = pt.tag_id AND t.kind = 'hashtag'"
    ).fetchone()[0]
