"""People and analysis services (mixed into ``services.Library``).

``analyze`` runs the registered analyzers (faces, emotion, picture, ...) over every photo
lacking a current result and then regroups unnamed faces; the people methods name, merge,
split and correct; ``photos_of`` answers "photos of X" and "X and Y together".
Everything returns plain dataclasses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from pose_desktop.analysis import registry
from pose_desktop.analysis.runner import AnalysisProgress, run_analysis
from pose_desktop.catalog import analysis as runs
from pose_desktop.paths import thumbnail_dir_for


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


_FACE_SQL = (
    "SELECT f.id, f.photo_id, f.x1, f.y1, f.x2, f.y2, f.score, f.quality, f.person_id, p.name, "
    "f.assigned_by, f.confidence, f.suggested_person_id, s.name, f.suggested_score, f.emotion, "
    "f.emotion_scores, f.mood FROM faces f LEFT JOIN persons p ON p.id = f.person_id "
    "LEFT JOIN persons s ON s.id = f.suggested_person_id"
)


def _face(row) -> FaceInfo:
    return FaceInfo(
        row[0], row[1], (row[2], row[3], row[4], row[5]), row[6], row[7], row[8], row[9], row[10],
        row[11], row[12], row[13], row[14], row[15],
        json.loads(row[16]) if row[16] else None, row[17],
    )


class PeopleLibrary:
    """Mixin for ``Library``; expects ``self.catalog`` and ``self.summaries``."""

    catalog: object

    # analysis -------------------------------------------------------------------------
    def analyze(
        self,
        models: list[str] | None = None,
        *,
        device: str | None = None,
        batch_size: int = 8,
        limit: int | None = None,
        retry_errors: bool = False,
    ) -> Iterator[AnalysisProgress]:
        """Run the analyzers ``models`` (default: all registered) over photos lacking a
        current result; yields progress; stop iterating to cancel. Analyzers with an
        after-run step take it at the end (faces: regroup the unnamed faces)."""
        yield from run_analysis(self.catalog, registry.build(models, device=device),
                                batch_size=batch_size, limit=limit, retry_errors=retry_errors,
                                thumbs_dir=thumbnail_dir_for(self.catalog.path))

    def analysis_status(self) -> dict[str, dict[str, int]]:
        """``{analyzer: {version: photos, ...}}`` with ``error`` counts, for ``pose stats``."""
        out: dict[str, dict[str, int]] = {}
        for name, version, status, n in runs.run_counts(self.catalog.reader()):
            key = version if status == "ok" else f"{version} ({status})"
            out.setdefault(name, {})[key] = n
        return out

    def regroup_faces(self) -> int:
        """Recognise named people again and rebuild the unnamed groups; returns groups."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            people.recognise(db)
            return people.recluster(db)

    # reading --------------------------------------------------------------------------
    def people(self, *, include_unnamed: bool = True) -> list[PersonInfo]:
        """Named people (A→Z) then unnamed groups (largest first)."""
        db = self.catalog.reader()
        rows = db.execute(
            "SELECT p.id, p.name, COUNT(f.id), COUNT(DISTINCT f.photo_id), "
            "(SELECT COUNT(*) FROM faces s WHERE s.suggested_person_id = p.id) "
            "FROM persons p LEFT JOIN faces f ON f.person_id = p.id "
            "GROUP BY p.id HAVING COUNT(f.id) > 0 OR p.name IS NOT NULL"
        ).fetchall()
        out = []
        for pid, name, n_faces, n_photos, n_sugg in rows:
            if name is None and not include_unnamed:
                continue
            cover = db.execute(_FACE_SQL + " WHERE f.person_id = ? ORDER BY f.quality DESC LIMIT 1",
                               [pid]).fetchone()
            out.append(PersonInfo(pid, name, n_faces, n_photos, _face(cover) if cover else None, n_sugg))
        out.sort(key=lambda p: (p.name is None, (p.name or "").lower(), -p.face_count))
        return out

    def person(self, name_or_id: str | int) -> PersonInfo | None:
        """One person by name or id."""
        for p in self.people():
            if p.id == name_or_id or (isinstance(name_or_id, str) and p.name == name_or_id.strip()):
                return p
            if isinstance(name_or_id, str) and name_or_id.isdigit() and p.id == int(name_or_id):
                return p
        return None

    def person_faces(self, person_id: int, *, suggested: bool = False) -> list[FaceInfo]:
        """Faces of a person (or, with ``suggested``, faces offered as maybe them)."""
        col = "f.suggested_person_id" if suggested else "f.person_id"
        rows = self.catalog.reader().execute(
            _FACE_SQL + f" WHERE {col} = ? ORDER BY f.quality DESC", [person_id]
        ).fetchall()
        return [_face(r) for r in rows]

    def photo_faces(self, photo_id: int) -> list[FaceInfo]:
        """Faces found in one photo, left to right."""
        rows = self.catalog.reader().execute(_FACE_SQL + " WHERE f.photo_id = ? ORDER BY f.x1",
                                             [photo_id]).fetchall()
        return [_face(r) for r in rows]

    def unassigned_faces(self, limit: int = 200) -> list[FaceInfo]:
        """Faces in no group (singletons, low quality), best first."""
        rows = self.catalog.reader().execute(
            _FACE_SQL + " WHERE f.person_id IS NULL ORDER BY f.quality DESC LIMIT ?", [limit]
        ).fetchall()
        return [_face(r) for r in rows]

    def photos_of(self, names: list[str] | str) -> list[int]:
        """Ids of photos showing every one of ``names`` (one name: photos of X; several:
        X and Y together). Unknown names give no photos."""
        from pose_desktop.tagging import people

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
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            return people.name_person(db, person_id, name)

    def name_face(self, face_id: int, name: str) -> int:
        """Say who one face is; returns the person's id."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            return people.name_face(db, face_id, name)

    def confirm_face(self, face_id: int, person_id: int) -> None:
        """Accept a suggestion (or fix a face): ``face_id`` is ``person_id``."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            people.assign_face(db, face_id, person_id)

    def merge_people(self, sources: list[int] | int, target: int) -> int:
        """Fold one or more people / groups into ``target``."""
        from pose_desktop.tagging import people

        sources = [sources] if isinstance(sources, int) else list(sources)
        with self.catalog.write() as db:
            for s in sources:
                people.merge_persons(db, s, target)
        return target

    def split_faces(self, face_ids: list[int], name: str | None = None) -> int:
        """Move faces out of their group into a new person (named if ``name``)."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            return people.split_faces(db, face_ids, name)

    def reject_face(self, face_id: int, person_id: int | None = None) -> None:
        """"Not this person" (default: the face's current person); remembered for good."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            people.reject_face(db, face_id, person_id)

    def delete_person(self, person_id: int) -> None:
        """Forget a person; their faces become unassigned."""
        from pose_desktop.tagging import people

        with self.catalog.write() as db:
            people.delete_person(db, person_id)
