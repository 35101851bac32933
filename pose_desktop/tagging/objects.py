"""What the object detector's boxes mean for hashtags: people counts and layout, key objects.

``object_features`` turns one photo's ``Detections`` (and its face boxes, when the faces
analyzer ran) into a fixed-length vector, ``FEATURE_NAMES`` naming each column, for
trained heads. ``people_layout`` gives the people facts rules use, each with the evidence
(``vocab.reasons``: "2 people, 31 % and 27 % of the photo"):

- people: persons scoring at least ``PERSON_MIN`` (the threshold where the count of people
  agreed best with what the photos' five captions say on the dev photos, see MODELS.md);
- subject people: those whose box covers at least ``SUBJECT_MIN_AREA`` of the photo or
  ``SUBJECT_MIN_HEIGHT`` of its height (the people the photo is of, not passers-by);
- couple: exactly two subject people of comparable size (the smaller at least
  ``COUPLE_MIN_RATIO`` of the larger), and no third person as large as the smaller one;
- group: three or more subject people, or three or more faces;
- selfie: one close face: exactly one face covering ``SELFIE_MIN_FACE_AREA`` of the photo
  and at most one subject person; without face boxes, one person filling
  ``SELFIE_MIN_PERSON_AREA`` of the photo.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pose_desktop.catalog.queries import photo_objects
from pose_desktop.inference.detector import COCO_CLASSES, PERSON, Detections
from pose_desktop.tagging.people_facts import FaceBox
from pose_desktop.tagging.scenes import Fact
from pose_desktop.vocab import objects as vocab
from pose_desktop.vocab.reasons import Reason

PERSON_MIN = 0.4
SUBJECT_MIN_AREA = 0.05
SUBJECT_MIN_HEIGHT = 0.4
COUPLE_MIN_RATIO = 0.3
SELFIE_MIN_FACE_AREA = 0.04
SELFIE_MIN_PERSON_AREA = 0.5
FACE_MIN_SCORE = 0.9

# COCO classes whose best score is a feature (the objects the built-in hashtags need)
KEY_CLASSES: tuple[str, ...] = (
    "dog", "cat", "bird", "horse", "cake", "pizza", "donut", "sandwich", "hot dog", "bowl",
    "cup", "wine glass", "bottle", "fork", "knife", "spoon", "dining table", "book",
    "laptop", "cell phone", "bicycle", "motorcycle", "car", "boat", "airplane", "sports ball",
    "skis", "snowboard", "surfboard", "skateboard", "tennis racket", "frisbee", "kite",
    "suitcase", "backpack", "handbag", "umbrella", "tie", "teddy bear", "potted plant",
    "vase", "couch", "bed", "chair", "bench",
)
_KEY_IDS = np.array([COCO_CLASSES.index(c) for c in KEY_CLASSES])

FEATURE_NAMES: tuple[str, ...] = (
    "people", "subject_people", "largest_person_area", "largest_person_height",
    "people_area", "faces", "largest_face_area", "couple", "group", "selfie",
) + tuple(f"max_{c.replace(' ', '_')}" for c in KEY_CLASSES)


@dataclass
class PeopleLayout:
    """The people facts of one photo and why."""

    people: int = 0
    subject_people: int = 0
    largest_person_area: float = 0.0
    largest_person_height: float = 0.0
    people_area: float = 0.0  # summed area of the people's boxes (capped at 1)
    faces: int = 0
    largest_face_area: float = 0.0
    couple: bool = False
    group: bool = False
    selfie: bool = False
    because: list[Reason] = field(default_factory=list)


def _areas(boxes: np.ndarray) -> np.ndarray:
    return np.clip(boxes[:, 2] - boxes[:, 0], 0, 1) * np.clip(boxes[:, 3] - boxes[:, 1], 0, 1)


def people_layout(det: Detections | None, faces: Sequence[FaceBox] | None = None) -> PeopleLayout:
    """Couple / group / selfie and the counts behind them (see the module docstring)."""
    out = PeopleLayout()
    faces = [f for f in (faces or []) if f.score >= FACE_MIN_SCORE]
    out.faces = len(faces)
    out.largest_face_area = max((f.area for f in faces), default=0.0)
    if det is not None and len(det):
        persons = det.of_class(PERSON, PERSON_MIN)
        areas = _areas(persons.boxes)
        heights = np.clip(persons.boxes[:, 3] - persons.boxes[:, 1], 0, 1)
        subject = (areas >= SUBJECT_MIN_AREA) | (heights >= SUBJECT_MIN_HEIGHT)
        out.people = len(persons)
        out.subject_people = int(subject.sum())
        out.largest_person_area = float(areas.max(initial=0.0))
        out.largest_person_height = float(heights.max(initial=0.0))
        out.people_area = float(min(1.0, areas.sum()))
        if out.subject_people == 2:
            a, b = sorted(areas[subject], reverse=True)
            others = areas[~subject]
            if b >= COUPLE_MIN_RATIO * a and not (others >= b).any():
                out.couple = True
                out.because.append(Reason.of("couple_people", a=float(a), b=float(b)))
        if out.subject_people >= 3:
            out.group = True
            out.because.append(Reason.of("people", n=out.subject_people))
    if not out.group and out.faces >= 3:
        out.group = True
        out.because.append(Reason.of("faces", n=out.faces))
    if faces:
        if out.faces == 1 and out.largest_face_area >= SELFIE_MIN_FACE_AREA and out.subject_people <= 1:
            out.selfie = True
            out.because.append(Reason.of("close_face", area=out.largest_face_area))
    elif out.people == 1 and out.largest_person_area >= SELFIE_MIN_PERSON_AREA:
        out.selfie = True
        out.because.append(Reason.of("person_fills", area=out.largest_person_area))
    return out


def key_object_scores(det: Detections | None) -> np.ndarray:
    """The best score of each of ``KEY_CLASSES`` (0 where not found)."""
    best = np.zeros(len(COCO_CLASSES), np.float32)
    if det is not None and len(det):
        np.maximum.at(best, det.classes, det.scores)
    return best[_KEY_IDS]


def object_features(det: Detections | None, faces: Sequence[FaceBox] | None = None) -> np.ndarray:
    """The fixed-length float32 vector ``FEATURE_NAMES`` describes, for one photo."""
    lay = people_layout(det, faces)
    head = [lay.people, lay.subject_people, lay.largest_person_area, lay.largest_person_height,
            lay.people_area, lay.faces, lay.largest_face_area, lay.couple, lay.group, lay.selfie]
    return np.concatenate([np.asarray(head, np.float32), key_object_scores(det)])


def describe_objects(det: Detections | None, min_score: float = 0.5) -> list[str]:
    """Short evidence lines ("dog 0.91") for the key objects found, best first."""
    if det is None:
        return []
    scores = key_object_scores(det)
    order = np.argsort(-scores)
    return [f"{KEY_CLASSES[i]} {scores[i]:.2f}" for i in order if scores[i] >= min_score]


def object_facts(det: Detections | None) -> list[Fact]:
    """The object tags of one photo from the detector: reviewed COCO classes only
    (vocab/objects.py), each at or above its group's calibrated threshold, best first."""
    if det is None:
        return []
    best: dict[str, float] = {}
    for score, cls in zip(det.scores.tolist(), det.classes.tolist(), strict=True):
        key = vocab.COCO_OBJECTS.get(COCO_CLASSES[cls])
        if key is not None and score >= vocab.detector_min(key) and score > best.get(key, 0.0):
            best[key] = score
    return [Fact("object", k, s, (Reason.of("detector", object=k, score=s),))
            for k, s in sorted(best.items(), key=lambda kv: -kv[1])]


def encode_detections(det: Detections) -> str:
    """Compact JSON ``[[class id, score, x1, y1, x2, y2], ...]`` for the catalog."""
    return json.dumps([[int(c), round(float(s), 4), *(round(float(v), 4) for v in b)]
                       for b, s, c in zip(det.boxes, det.scores, det.classes, strict=True)],
                      separators=(",", ":"))


def decode_detections(text: str) -> Detections:
    """Inverse of ``encode_detections``."""
    rows = json.loads(text or "[]")
    if not rows:
        return Detections.empty()
    a = np.asarray(rows, dtype=np.float32)
    return Detections(np.ascontiguousarray(a[:, 2:6]), np.ascontiguousarray(a[:, 1]),
                      a[:, 0].astype(np.int64))


def detections_of_photos(db, photo_ids: Sequence[int]) -> dict[int, Detections | None]:
    """The stored detections of each photo (None where the objects analyzer has not run)."""
    rows = photo_objects(db, list(photo_ids))
    return {pid: decode_detections(rows[pid][1]) if pid in rows else None for pid in photo_ids}


def layout_facts(detections: Detections | None, faces: Sequence[FaceBox] | None) -> list[Fact]:
    """``people`` facts of one photo for the suggester: ``detected`` (the detector ran;
    how many people), ``subject`` (people the photo is of), ``couple``, ``group``,
    ``selfie`` (``people_layout``), each with its evidence."""
    lay = people_layout(detections, faces)
    why = tuple(lay.because)
    out = [Fact("people", "detected", 1.0, (Reason.of("people_subject", n=lay.people, subject=lay.subject_people),))]
    if lay.subject_people:
        out.append(Fact("people", "subject", 1.0, (Reason.of("people_in_picture", n=lay.subject_people),)))
    for name in ("couple", "group", "selfie"):
        if getattr(lay, name):
            out.append(Fact("people", name, 0.8, why))
    return out
