"""Face boxes -> the people facts hashtags and rules use: selfie, couple, group, child.

- selfie: exactly one face, covering at least 4 % of the picture (a close, single face);
- couple: exactly two faces of similar size, neither known to be a child;
- group: three or more faces;
- face_fills: exactly one face, covering at least ``FACE_FILLS`` of the picture (a head
  filling the frame: a passport-style portrait or a very close selfie, with no body, gym
  or sports gear in view; the suggester's evidence rule for 운동 reads it);
- child / adult: from a face's estimated age (models/face_age.onnx, the ``face_age``
  analyzer): child at 16 or younger, adult from 20 (see ``face_age`` for the check);
  faces without an age (not analysed yet) count as neither.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pose_desktop.catalog.faces import analysed_face_boxes, dropped_face_boxes
from pose_desktop.tagging.scenes import Fact
from pose_desktop.vocab.reasons import Reason

SELFIE_MIN_AREA = 0.04
# A face this large is a head filling the frame: on the 120 studio portraits of faces/ the
# face covers 57-88 % of the photo; no photo of hashtags/ labelled 운동 has one over 34 %.
FACE_FILLS = 0.4
CHILD_MAX_AGE = 16
ADULT_MIN_AGE = 20


@dataclass(frozen=True)
class FaceBox:
    """One face: its share of the picture's area, detector score and (if known) age."""

    area: float  # box area / image area
    score: float = 1.0
    age: float | None = None
    box: tuple[float, float, float, float] | None = None  # (x1, y1, x2, y2) as image fractions


def face_box(x1: float, y1: float, x2: float, y2: float, score: float, age: float | None,
             width: int, height: int) -> FaceBox:
    """A face (box in the ``width`` × ``height`` upright photo's pixels) as a ``FaceBox``."""
    return FaceBox(max(0.0, (x2 - x1) * (y2 - y1)) / (width * height), float(score), age,
                   (x1 / width, y1 / height, x2 / width, y2 / height))


def torso_box(faces: list[FaceBox]) -> tuple[float, float, float, float] | None:
    """Where the clothes of the largest face's person are: below the face, ~3 faces wide."""
    boxed = [f for f in faces if f.box is not None]
    if not boxed:
        return None
    x1, y1, x2, y2 = max(boxed, key=lambda f: f.area).box
    w, h = x2 - x1, y2 - y1
    box = (max(0.0, x1 - w), min(1.0, y2 + 0.2 * h), min(1.0, x2 + w), min(1.0, y2 + 3.0 * h))
    if box[2] - box[0] < 0.05 or box[3] - box[1] < 0.05:
        return None  # the face is at the bottom edge: no torso in the picture
    return box


def head_fills_frame(faces: list[FaceBox]) -> bool:
    """A head filling the frame: the largest face covers at least ``FACE_FILLS`` of the
    photo and leaves no room for a torso below it (``torso_box``). Its clothes are at most a
    strip along the bottom edge: only a hat can be told, and no garment colour (the
    pixels there are the face's and the background's)."""
    boxed = [f for f in faces if f.box is not None]
    return bool(boxed) and max(f.area for f in boxed) >= FACE_FILLS and torso_box(boxed) is None


def face_facts(faces: list[FaceBox]) -> list[Fact]:
    """People facts for the faces found in one photo (empty when none)."""
    faces = [f for f in faces if f.score >= 0.9]
    facts: list[Fact] = []
    if not faces:
        return facts
    n = len(faces)
    facts.append(Fact("face", "people", 1.0, (Reason.of("faces_found", n=n),)))
    children = [f for f in faces if f.age is not None and f.age <= CHILD_MAX_AGE]
    adults = [f for f in faces if f.age is not None and f.age >= ADULT_MIN_AGE]
    if children:
        youngest = min(f.age for f in children)
        facts.append(Fact("face", "child", 0.9, (Reason.of("face_age", age=float(youngest)),)))
    if adults:
        facts.append(Fact("face", "adult", 0.9, (Reason.of("adult_faces", n=len(adults)),)))
    if n == 1 and faces[0].area >= SELFIE_MIN_AREA:
        score = min(1.0, 0.5 + faces[0].area * 2)
        facts.append(Fact("face", "selfie", score, (Reason.of("large_face", area=float(faces[0].area)),)))
    if n == 1 and faces[0].area >= FACE_FILLS:
        facts.append(Fact("face", "face_fills", 1.0, (Reason.of("face_fills", area=float(faces[0].area)),)))
    if n == 2 and not children:
        a, b = sorted(f.area for f in faces)
        if a / max(b, 1e-6) >= 0.35:
            facts.append(Fact("face", "couple", 0.75, (Reason.of("two_faces"),)))
    if n >= 3:
        facts.append(Fact("face", "group", 0.8, (Reason.of("faces", n=n),)))
    return facts


def faces_from_catalog(db, photo_id: int) -> list[FaceBox] | None:
    """The photo's stored faces as ``FaceBox``es; None when faces were never analysed."""
    return faces_of_photos(db, [photo_id])[photo_id]


def faces_of_photos(db, photo_ids: Sequence[int]) -> dict[int, list[FaceBox] | None]:
    """``faces_from_catalog`` for many photos in a few statements."""
    return {pid: None if boxes is None else [face_box(*box, *size) for box, size in boxes]
            for pid, boxes in analysed_face_boxes(db, photo_ids).items()}


def dropped_faces_of_photos(db, photo_ids: Sequence[int]) -> dict[int, FaceBox | None]:
    """Each photo's stored gate-dropped face (``tagging.people.FoundFaces.dropped``) as a
    ``FaceBox``, None where it has none: selfie evidence only (``objects.people_layout``)."""
    return {pid: None if row is None else face_box(*row[0], None, *row[1])
            for pid, row in dropped_face_boxes(db, photo_ids).items()}
