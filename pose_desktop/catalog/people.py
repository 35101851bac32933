"""The SQL of faces and people (``faces``, ``persons``, ``face_rejections``) for
``tagging/people.py``, which keeps the rules (recognition, clustering, the user's word).

Every function takes the ``db`` of a ``Catalog.write()`` transaction (or a reader for the
queries) and returns plain rows; a caller's several calls stay one transaction.
Face rows' ``assigned_by`` is ``'user'`` (named or confirmed by the user), ``'auto'``
(recognised) or ``'cluster'`` (in an unnamed group).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .db import now_iso

# --- storing faces -----------------------------------------------------------------------


def faces_to_replace(db, photo_id: int) -> list[tuple]:
    """(id, x1, y1, x2, y2, person_id, assigned_by, confidence, emotion, emotion_scores,
    mood, emotion_probs) of a photo's stored faces: what re-detected faces may inherit."""
    return db.execute(
        "SELECT id, x1, y1, x2, y2, person_id, assigned_by, confidence, emotion, emotion_scores, "
        "mood, emotion_probs FROM faces WHERE photo_id = ?",
        [photo_id],
    ).fetchall()


def photo_rejections(db, photo_id: int) -> dict[int, list[int]]:
    """Face id -> the people the user said it is not, for a photo's faces."""
    out: dict[int, list[int]] = {}
    for fid, pid in db.execute(
        "SELECT r.face_id, r.person_id FROM face_rejections r JOIN faces f ON f.id = r.face_id "
        "WHERE f.photo_id = ?",
        [photo_id],
    ).fetchall():
        out.setdefault(fid, []).append(pid)
    return out


def delete_photo_faces(db, photo_id: int) -> None:
    """Remove a photo's faces (their rejections go with them)."""
    db.execute("DELETE FROM faces WHERE photo_id = ?", [photo_id])


def replace_dropped_face(db, photo_id: int, box: Sequence[float] | None, score: float = 0.0) -> None:
    """Store the photo's gate-dropped face (``dropped_faces``; None: it has none)."""
    db.execute("DELETE FROM dropped_faces WHERE photo_id = ?", [photo_id])
    if box is not None:
        db.execute("INSERT INTO dropped_faces (photo_id, x1, y1, x2, y2, score) VALUES (?, ?, ?, ?, ?, ?)",
                   [photo_id, *(float(v) for v in box[:4]), float(score)])


def dropped_face(db, photo_id: int) -> tuple[float, float, float, float, float] | None:
    """(x1, y1, x2, y2, score) of the photo's gate-dropped face, or None."""
    return db.execute("SELECT x1, y1, x2, y2, score FROM dropped_faces WHERE photo_id = ?",
                      [photo_id]).fetchone()


def insert_face(db, photo_id: int, box: Sequence[float], landmarks: str, score: float,
                quality: float, embedding: bytes | None, model: str, person_id: int | None,
                assigned_by: str | None, confidence: float | None, emotion: str | None,
                emotion_scores: str | None, mood: str | None, created_at: str,
                emotion_probs: str | None = None) -> int:
    """Store one face (``box`` x1, y1, x2, y2; ``landmarks`` JSON); returns its id."""
    return db.execute(
        "INSERT INTO faces (photo_id, x1, y1, x2, y2, landmarks, score, quality, embedding, "
        "model, person_id, assigned_by, confidence, emotion, emotion_scores, mood, created_at, "
        "emotion_probs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [photo_id, *box, landmarks, score, quality, embedding, model, person_id, assigned_by,
         confidence, emotion, emotion_scores, mood, created_at, emotion_probs],
    ).lastrowid


def add_rejection(db, face_id: int, person_id: int) -> None:
    """Remember that ``face_id`` is not ``person_id``."""
    db.execute(
        "INSERT OR IGNORE INTO face_rejections (face_id, person_id) VALUES (?, ?)", [face_id, person_id]
    )


def stored_faces(db, photo_id: int) -> list[tuple]:
    """(id, x1, y1, x2, y2, landmarks JSON, score, quality, embedding) of a photo's faces,
    in id order."""
    return db.execute(
        "SELECT id, x1, y1, x2, y2, landmarks, score, quality, embedding FROM faces "
        "WHERE photo_id = ? ORDER BY id",
        [photo_id],
    ).fetchall()


# --- recognition -------------------------------------------------------------------------


def learning_faces(db, model: str, learn_min: float) -> list[tuple[int, bytes, str]]:
    """(person id, embedding, assigned_by) of the ``model`` faces that shape named people's
    centroids: confirmed by the user, or recognised with confidence ≥ ``learn_min``."""
    return db.execute(
        "SELECT f.person_id, f.embedding, f.assigned_by FROM faces f JOIN persons p ON p.id = f.person_id "
        "WHERE p.name IS NOT NULL AND f.embedding IS NOT NULL AND f.model = ? AND (f.assigned_by = 'user' "
        "OR (f.assigned_by = 'auto' AND f.confidence >= ?))",
        [model, learn_min],
    ).fetchall()


def embedded_faces(db, model: str, photo_ids: Sequence[int] | None = None) -> list[tuple]:
    """(id, photo_id, embedding, person_id, assigned_by, quality) of the faces embedded by
    ``model`` (of ``photo_ids`` only, when given), by photo then face id."""
    where, args = "", []
    if photo_ids is not None:
        where = f" AND f.photo_id IN ({','.join('?' * len(photo_ids))})"
        args = list(photo_ids)
    return db.execute(
        "SELECT f.id, f.photo_id, f.embedding, f.person_id, f.assigned_by, f.quality FROM faces f "
        "WHERE f.embedding IS NOT NULL AND f.model = ?" + where + " ORDER BY f.photo_id, f.id",
        [model, *args],
    ).fetchall()


def all_rejections(db) -> dict[int, set[int]]:
    """Face id -> every person the user said it is not."""
    out: dict[int, set[int]] = {}
    for fid, pid in db.execute("SELECT face_id, person_id FROM face_rejections").fetchall():
        out.setdefault(fid, set()).add(pid)
    return out


def set_face_decision(db, face_id: int, person_id: int | None, assigned_by: str | None,
                      confidence: float | None, suggested_id: int | None,
                      suggested_score: float | None) -> None:
    """A face's person (and how) and the person it is only suggested to be."""
    db.execute(
        "UPDATE faces SET person_id = ?, assigned_by = ?, confidence = ?, "
        "suggested_person_id = ?, suggested_score = ? WHERE id = ?",
        [person_id, assigned_by, confidence, suggested_id, suggested_score, face_id],
    )


def clear_suggestions_of_confirmed(db) -> None:
    """A face the user confirmed is never "maybe someone else"."""
    db.execute("UPDATE faces SET suggested_person_id = NULL, suggested_score = NULL "
               "WHERE assigned_by = 'user' AND suggested_person_id IS NOT NULL")


# --- clustering --------------------------------------------------------------------------


def dissolve_unnamed_groups(db) -> None:
    """Delete the unnamed groups holding no user-confirmed face and free every face the
    clustering placed."""
    db.execute(
        "DELETE FROM persons WHERE name IS NULL AND id NOT IN "
        "(SELECT person_id FROM faces WHERE assigned_by = 'user' AND person_id IS NOT NULL)"
    )
    db.execute(
        "UPDATE faces SET person_id = NULL, assigned_by = NULL WHERE assigned_by = 'cluster'"
    )


def faces_to_cluster(db, model: str, min_quality: float, limit: int) -> list[tuple[int, int, bytes]]:
    """(id, photo_id, embedding) of up to ``limit`` unassigned ``model`` faces of quality ≥
    ``min_quality``, best quality first."""
    return db.execute(
        "SELECT id, photo_id, embedding FROM faces WHERE person_id IS NULL AND embedding IS NOT NULL "
        "AND model = ? AND quality >= ? ORDER BY quality DESC LIMIT ?",
        [model, min_quality, limit],
    ).fetchall()


def add_group(db, face_ids: Iterable[int]) -> int:
    """A new unnamed person holding ``face_ids`` (as the clustering's); returns its id."""
    stamp = now_iso()
    pid = db.execute(
        "INSERT INTO persons (name, created_at, updated_at) VALUES (NULL, ?, ?)", [stamp, stamp]
    ).lastrowid
    db.conn.executemany(
        "UPDATE faces SET person_id = ?, assigned_by = 'cluster', confidence = NULL WHERE id = ?",
        [(pid, fid) for fid in face_ids],
    )
    return pid


# --- people and the user's edits ---------------------------------------------------------


def person_named(db, name: str, other_than: int | None = None) -> int | None:
    """The id of the person called ``name`` (not ``other_than``), or None."""
    if other_than is None:
        row = db.execute("SELECT id FROM persons WHERE name = ?", [name]).fetchone()
    else:
        row = db.execute("SELECT id FROM persons WHERE name = ? AND id != ?", [name, other_than]).fetchone()
    return row[0] if row else None


def add_person(db, name: str | None) -> int:
    """A new person (None: an unnamed group); returns its id."""
    stamp = now_iso()
    return db.execute(
        "INSERT INTO persons (name, created_at, updated_at) VALUES (?, ?, ?)", [name, stamp, stamp]
    ).lastrowid


def person(db, person_id: int) -> tuple[int, str | None] | None:
    """(id, name) of a person or unnamed group, or None when there is none."""
    return db.execute("SELECT id, name FROM persons WHERE id = ?", [person_id]).fetchone()


def photos_of_person(db, person_id: int) -> set[int]:
    """Photos holding a face assigned to ``person_id`` (in any way)."""
    return {r[0] for r in db.execute("SELECT photo_id FROM faces WHERE person_id = ?", [person_id])}


def rename_and_confirm(db, person_id: int, name: str) -> None:
    """Give a person a name; the faces the group holds count as confirmed by the user."""
    db.execute("UPDATE persons SET name = ?, updated_at = ? WHERE id = ?", [name, now_iso(), person_id])
    db.execute(
        "UPDATE faces SET assigned_by = 'user', confidence = 1.0 WHERE person_id = ? "
        "AND assigned_by IN ('cluster', 'user')",
        [person_id],
    )


def face_photo(db, face_id: int) -> tuple[int, int | None] | None:
    """(photo id, person id) of a face, or None when there is no such face."""
    return db.execute("SELECT photo_id, person_id FROM faces WHERE id = ?", [face_id]).fetchone()


def confirm_face(db, face_id: int, photo_id: int, person_id: int) -> None:
    """The user says ``face_id`` (of ``photo_id``) is ``person_id``: another face of that photo
    loses the person, a "not them" is forgotten, the suggestion goes."""
    db.execute(
        "UPDATE faces SET person_id = NULL, assigned_by = NULL, confidence = NULL "
        "WHERE photo_id = ? AND person_id = ? AND id != ?",
        [photo_id, person_id, face_id],
    )
    db.execute("DELETE FROM face_rejections WHERE face_id = ? AND person_id = ?", [face_id, person_id])
    db.execute(
        "UPDATE faces SET person_id = ?, assigned_by = 'user', confidence = 1.0, "
        "suggested_person_id = NULL, suggested_score = NULL WHERE id = ?",
        [person_id, face_id],
    )
    db.execute("UPDATE persons SET updated_at = ? WHERE id = ?", [now_iso(), person_id])


def reject(db, face_id: int, person_id: int) -> None:
    """The user says ``face_id`` is not ``person_id``: remembered, and the face leaves them
    (assigned or suggested)."""
    add_rejection(db, face_id, person_id)
    db.execute(
        "UPDATE faces SET person_id = NULL, assigned_by = NULL, confidence = NULL WHERE id = ? "
        "AND person_id = ?",
        [face_id, person_id],
    )
    db.execute(
        "UPDATE faces SET suggested_person_id = NULL, suggested_score = NULL WHERE id = ? "
        "AND suggested_person_id = ?",
        [face_id, person_id],
    )


def move_faces(db, source_id: int, target_id: int, confirm: bool) -> None:
    """Every face (rejection, suggestion) of ``source_id`` becomes ``target_id``'s and the
    source person is deleted. Where both are in one photo the source's face is freed instead.
    ``confirm``: the moved faces count as confirmed by the user."""
    db.execute(
        "UPDATE faces SET person_id = NULL, assigned_by = NULL WHERE person_id = ? AND photo_id IN "
        "(SELECT photo_id FROM faces WHERE person_id = ?)",
        [source_id, target_id],
    )
    by = "'user'" if confirm else "assigned_by"
    db.execute(
        f"UPDATE faces SET person_id = ?, assigned_by = {by} WHERE person_id = ?",
        [target_id, source_id],
    )
    db.execute("UPDATE face_rejections SET person_id = ? WHERE person_id = ? AND face_id NOT IN "
               "(SELECT face_id FROM face_rejections WHERE person_id = ?)", [target_id, source_id, target_id])
    db.execute("UPDATE faces SET suggested_person_id = ? WHERE suggested_person_id = ?", [target_id, source_id])
    db.execute("DELETE FROM persons WHERE id = ?", [source_id])
    db.execute("UPDATE persons SET updated_at = ? WHERE id = ?", [now_iso(), target_id])


def faces_by_id(db, face_ids: Sequence[int]) -> list[tuple[int, int | None, int]]:
    """(id, person_id, photo_id) of the faces ``face_ids`` that exist."""
    return db.execute(
        f"SELECT id, person_id, photo_id FROM faces WHERE id IN ({','.join('?' * len(face_ids))})",
        list(face_ids),
    ).fetchall()


def confirm_as(db, face_id: int, person_id: int) -> None:
    """A face confirmed by the user as ``person_id`` (nothing else changes)."""
    db.execute(
        "UPDATE faces SET person_id = ?, assigned_by = 'user', confidence = 1.0 WHERE id = ?",
        [person_id, face_id],
    )


def delete_person(db, person_id: int) -> None:
    """Delete a person; their faces become unassigned (the schema's ON DELETE SET NULL)."""
    db.execute("DELETE FROM persons WHERE id = ?", [person_id])


# --- tags and queries --------------------------------------------------------------------


def named_people_in(db, photo_id: int) -> list[tuple[str, float]]:
    """(name, best confidence) of each named person assigned (by the user or recognised) to
    a face of the photo."""
    return db.execute(
        "SELECT p.name, MAX(COALESCE(f.confidence, 1.0)) FROM faces f JOIN persons p "
        "ON p.id = f.person_id WHERE f.photo_id = ? AND p.name IS NOT NULL "
        "AND f.assigned_by IN ('user', 'auto') GROUP BY p.name",
        [photo_id],
    ).fetchall()


def photos_with_all(db, person_ids: Sequence[int]) -> list[int]:
    """Photos in which every one of ``person_ids`` is assigned (not just suggested), by id."""
    if not person_ids:
        return []
    marks = ",".join("?" * len(person_ids))
    rows = db.execute(
        f"SELECT photo_id FROM faces WHERE person_id IN ({marks}) "
        "AND assigned_by IN ('user', 'auto') GROUP BY photo_id "
        "HAVING COUNT(DISTINCT person_id) = ? ORDER BY photo_id",
        [*person_ids, len(set(person_ids))],
    ).fetchall()
    return [r[0] for r in rows]
