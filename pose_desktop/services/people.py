"""The people service (``Library.people``): named people and unnamed face groups; name,
merge, split and correct them; face crops; ``photos_of`` answers "photos of X" and "X and
Y together". Everything returns plain dataclasses.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from PIL import Image

from pose_desktop.catalog import faces as face_rows
from pose_desktop.ingest.media import decode_for_display
from pose_desktop.tagging import people
from pose_desktop.tagging.people import PersonNotFoundError

from .context import LibraryContext, Service
from .photos import PhotoService

__all__ = ["FaceInfo", "PeopleService", "PersonInfo", "PersonNotFoundError"]


@dataclass(frozen=True)
class FaceInfo:
    """One face as the people page and ``pose people`` show it."""

    id: int
    photo_id: int
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in the upright photo's pixels
    score: float
    quality: float
    person_id: int | None
    person_name: str | None
    assigned_by: str | None  # user / auto / cluster / None
    confidence: float | None
    suggested_person_id: int | None
    suggested_name: str | None
    suggested_score: float | None
    emotion: str | None
    emotion_scores: dict[str, float] | None
    mood: str | None


@dataclass(frozen=True)
class PersonInfo:
    """A named person or an unnamed group of faces."""

    id: int
    name: str | None
    face_count: int
    photo_count: int
    cover: FaceInfo | None  # the best-quality face
    suggestions: int  # faces offered as maybe this person
    offered_name: str | None = None  # an unnamed group's likely name: the @user its posts tag


def _face(row) -> FaceInfo:
    return FaceInfo(
        row[0], row[1], (row[2], row[3], row[4], row[5]), row[6], row[7], row[8], row[9], row[10],
        row[11], row[12], row[13], row[14], row[15],
        json.loads(row[16]) if row[16] else None, row[17],
    )


class PeopleService(Service):
    """People and face groups of one library."""

    def __init__(self, context: LibraryContext, photos: PhotoService) -> None:
        super().__init__(context)
        self.photos = photos

    # reading --------------------------------------------------------------------------
    def list(self, *, include_unnamed: bool = True) -> list[PersonInfo]:
        """Named people (A→Z) then unnamed groups (largest first)."""
        db = self.catalog.reader()
        offers = people.tagged_user_offers(db)
        out = []
        for pid, name, n_faces, n_photos, n_sugg in face_rows.person_rows(db):
            if name is None and not include_unnamed:
                continue
            cover = face_rows.faces_of_person(db, pid, limit=1)
            out.append(PersonInfo(pid, name, n_faces, n_photos, _face(cover[0]) if cover else None, n_sugg,
                                  offers.get(pid) if name is None else None))
        out.sort(key=lambda p: (p.name is None, (p.name or "").lower(), -p.face_count))
        return out

    def person(self, name_or_id: str | int) -> PersonInfo | None:
        """One person by name or id."""
        for p in self.list():
            if p.id == name_or_id or (isinstance(name_or_id, str) and p.name == name_or_id.strip()):
                return p
            if isinstance(name_or_id, str) and name_or_id.isdigit() and p.id == int(name_or_id):
                return p
        return None

    def person_faces(self, person_id: int, *, suggested: bool = False) -> list[FaceInfo]:
        """Faces of a person (or, with ``suggested``, faces offered as maybe them)."""
        rows = face_rows.faces_of_person(self.catalog.reader(), person_id, suggested=suggested)
        return [_face(r) for r in rows]

    def photo_faces(self, photo_id: int) -> list[FaceInfo]:
        """Faces found in one photo, left to right."""
        rows = face_rows.faces_of_photo(self.catalog.reader(), photo_id)
        return [_face(r) for r in rows]

    def unassigned_faces(self, limit: int = 200) -> list[FaceInfo]:
        """Faces in no group (singletons, low quality), best first."""
        rows = face_rows.unassigned_faces(self.catalog.reader(), limit)
        return [_face(r) for r in rows]

    def photos_of(self, names: list[str] | str) -> list[int]:
        """Ids of photos showing every one of ``names`` (one name: photos of X; several:
        X and Y together). Unknown names give no photos."""
        names = [names] if isinstance(names, str) else list(names)
        db = self.catalog.reader()
        ids = []
        for n in names:
            pid = people.person_id_for(db, n, create=False)
            if pid is None:
                return []
            ids.append(pid)
        return people.photos_with_people(db, ids)

    # the user's edits -----------------------------------------------------------------
    def name_person(self, person_id: int, name: str) -> int:
        """Name or rename a person / group (an existing name merges them)."""
        with self.catalog.write() as db:
            return people.name_person(db, person_id, name)

    def name_face(self, face_id: int, name: str) -> int:
        """Say who one face is; returns the person's id."""
        with self.catalog.write() as db:
            return people.name_face(db, face_id, name)

    def confirm_face(self, face_id: int, person_id: int) -> None:
        """Accept a suggestion (or fix a face): ``face_id`` is ``person_id``."""
        with self.catalog.write() as db:
            people.assign_face(db, face_id, person_id)

    def merge_people(self, sources: list[int] | int, target: int) -> int:
        """Fold one or more people / groups into ``target``."""
        sources = [sources] if isinstance(sources, int) else list(sources)
        with self.catalog.write() as db:
            for s in sources:
                people.merge_persons(db, s, target)
        return target

    def split_faces(self, face_ids: list[int], name: str | None = None) -> int:
        """Move faces out of their group into a new person (named if ``name``)."""
        with self.catalog.write() as db:
            return people.split_faces(db, face_ids, name)

    def reject_face(self, face_id: int, person_id: int | None = None) -> None:
        """"Not this person" (default: the face's current person); remembered for good."""
        with self.catalog.write() as db:
            people.reject_face(db, face_id, person_id)

    def delete_person(self, person_id: int) -> None:
        """Forget a person; their faces become unassigned."""
        with self.catalog.write() as db:
            people.delete_person(db, person_id)

    # face crops -------------------------------------------------------------------------
    def face_crop(self, face_id: int, size: int = 96) -> bytes | None:
        """A square JPEG (``size`` px) around one face, cut from its photo (a margin of 40 %
        around the box); None when the face or every file of its photo is gone."""
        row = face_rows.face(self.catalog.reader(), face_id)
        if row is None:
            return None
        face = _face(row)
        path = self.photos.original_path(face.photo_id)
        if path is None:
            return None
        try:
            image = decode_for_display(path, 1024)  # upright, pixel limits checked
        except Exception:  # an unreadable original: no crop (the caller shows a placeholder)
            return None
        detail = self.photos.summaries([face.photo_id])
        width = (detail[0].width if detail else None) or image.width
        scale = image.width / width
        x1, y1, x2, y2 = (v * scale for v in face.box)
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
        half = max(x2 - x1, y2 - y1) * 1.4 / 2
        box = (max(0, round(cx - half)), max(0, round(cy - half)),
               min(image.width, round(cx + half)), min(image.height, round(cy + half)))
        if box[2] - box[0] < 2 or box[3] - box[1] < 2:
            return None
        crop = image.crop(box).convert("RGB").resize((size, size), Image.Resampling.LANCZOS)
        buf = io.BytesIO()
        crop.save(buf, "JPEG", quality=90)
        return buf.getvalue()
