"""Reading faces and people for the people service: one face row shape, people counts."""

from __future__ import annotations

from collections.abc import Sequence

from .store import chunks

FACE_COLUMNS = (
    "f.id, f.photo_id, f.x1, f.y1, f.x2, f.y2, f.score, f.quality, f.person_id, p.name, "
    "f.assigned_by, f.confidence, f.suggested_person_id, s.name, f.suggested_score, f.emotion, "
    "f.emotion_scores, f.mood"
)
_FACE_SQL = (
    f"SELECT {FACE_COLUMNS} FROM faces f LEFT JOIN persons p ON p.id = f.person_id "
    "LEFT JOIN persons s ON s.id = f.suggested_person_id"
)


def _face_rows(db, where: str, args: list, order: str | None = None, limit: int | None = None) -> list[tuple]:
    """Faces (``FACE_COLUMNS``) matching ``where`` (over ``faces f``), in ``order``."""
    sql = f"{_FACE_SQL} WHERE {where}"
    if order:
        sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        args = [*args, limit]
    return db.execute(sql, args).fetchall()


def face(db, face_id: int) -> tuple | None:
    """One face (``FACE_COLUMNS``), or None."""
    rows = _face_rows(db, "f.id = ?", [face_id])
    return rows[0] if rows else None


def faces_of_person(db, person_id: int, *, suggested: bool = False, limit: int | None = None) -> list[tuple]:
    """Faces (``FACE_COLUMNS``) assigned to a person (``suggested``: offered as maybe them),
    best quality first."""
    col = "f.suggested_person_id" if suggested else "f.person_id"
    return _face_rows(db, f"{col} = ?", [person_id], "f.quality DESC", limit)


def faces_of_photo(db, photo_id: int) -> list[tuple]:
    """Faces (``FACE_COLUMNS``) of one photo, left to right."""
    return _face_rows(db, "f.photo_id = ?", [photo_id], "f.x1")


def unassigned_faces(db, limit: int | None = None) -> list[tuple]:
    """Faces (``FACE_COLUMNS``) in no person or group, best quality first."""
    return _face_rows(db, "f.person_id IS NULL", [], "f.quality DESC", limit)


def person_rows(db) -> list[tuple[int, str | None, int, int, int]]:
    """(person id, name, faces, photos, faces suggested as them) of every named person and
    every group that has faces."""
    return db.execute(
        "SELECT p.id, p.name, COUNT(f.id), COUNT(DISTINCT f.photo_id), "
        "(SELECT COUNT(*) FROM faces s WHERE s.suggested_person_id = p.id) "
        "FROM persons p LEFT JOIN faces f ON f.person_id = p.id "
        "GROUP BY p.id HAVING COUNT(f.id) > 0 OR p.name IS NOT NULL"
    ).fetchall()


def unnamed_group_post_tags(db) -> list[tuple[int, int, str | None]]:
    """(group id, photo id, the post's ``tagged_users`` JSON) of every face of an unnamed
    group whose photo belongs to an imported Instagram post."""
    return db.execute(
        "SELECT f.person_id, f.photo_id, p.tagged_users FROM faces f "
        "JOIN persons s ON s.id = f.person_id AND s.name IS NULL "
        "JOIN post_media m ON m.photo_id = f.photo_id JOIN posts p ON p.id = m.post_id"
    ).fetchall()


def person_names(db) -> list[str]:
    """The names given to people."""
    return [r[0] for r in db.execute("SELECT name FROM persons WHERE name IS NOT NULL")]


def analysed_face_boxes(db, photo_ids: Sequence[int]
                        ) -> dict[int, list[tuple[tuple, tuple[int, int]]] | None]:
    """Per photo: None when its faces were never analysed (no ok ``faces`` run), else its
    faces as ``((x1, y1, x2, y2, score, age), (width, height))``; a photo without a known
    size lists no faces. Boxes are in the upright photo's pixels, as are
    ``photos.width``/``height`` (ingest applies the EXIF orientation)."""
    out: dict[int, list | None] = dict.fromkeys(photo_ids)
    for chunk in chunks(list(photo_ids)):
        marks = ",".join("?" * len(chunk))
        sizes = {}
        for pid, w, h in db.execute(
            f"SELECT p.id, p.width, p.height FROM photos p JOIN analysis_runs r ON r.photo_id = p.id "
            f"WHERE r.analyzer = 'faces' AND r.status = 'ok' AND p.id IN ({marks})",
            chunk,
        ):
            out[pid] = []
            if w and h:
                sizes[pid] = (w, h)
        if not sizes:
            continue
        for pid, x1, y1, x2, y2, score, age in db.execute(
            f"SELECT photo_id, x1, y1, x2, y2, score, age FROM faces WHERE photo_id IN ({marks})", chunk
        ):
            if pid in sizes:
                out[pid].append(((x1, y1, x2, y2, score, age), sizes[pid]))
    return out


def dropped_face_boxes(db, photo_ids: Sequence[int]
                       ) -> dict[int, tuple[tuple, tuple[int, int]] | None]:
    """Per photo: its gate-dropped face (``dropped_faces``) as ``((x1, y1, x2, y2, score),
    (width, height))`` in the upright photo's pixels, None where it has none (or no size)."""
    out: dict[int, tuple | None] = dict.fromkeys(photo_ids)
    for chunk in chunks(list(photo_ids)):
        marks = ",".join("?" * len(chunk))
        for pid, x1, y1, x2, y2, score, w, h in db.execute(
            f"SELECT d.photo_id, d.x1, d.y1, d.x2, d.y2, d.score, p.width, p.height FROM dropped_faces d "
            f"JOIN photos p ON p.id = d.photo_id WHERE d.photo_id IN ({marks})", chunk
        ):
            if w and h:
                out[pid] = ((x1, y1, x2, y2, score), (w, h))
    return out
