"""What the object detector's boxes mean for hashtags: people counts and layout, key objects.

``key_object_scores`` gives the best score of each key COCO class (one part of the hashtag
head's inputs: ``tagging.hashtag_inputs``). ``people_layout`` gives the people facts rules
use, each with the evidence (``vocab.reasons``: "2 people, 31 % and 27 % of the photo;
2 faces"). It reads both the detector's person boxes and the face detector's faces
(``LayoutRule``; its values were chosen by cross-validation on the dev photos,
benchmarks/quality_people_layout.py):

- people: persons scoring at least ``person_min``;
- subject people: persons whose box covers at least ``subject_area`` of the photo or
  ``subject_height`` of its height (the people the photo is of, not passers-by), and
  faces (score >= ``face_min_score``) covering at least ``face_subject_area`` of the photo
  and at least ``face_rel`` of the largest face. The subject count is the larger of the
  two counts: the detector misses a person turned away, the faces a face in profile, and
  one box may hold two people hugging;
- couple: two subject people (persons, else faces, where the detector found fewer than two
  persons: two people hugging in one box) of comparable size (the smaller at least
  ``pair_ratio`` of the larger), side by side (the gap between them at most ``pair_gap``
  times the wider one's width), with at least ``couple_min_faces`` faces, no face estimated
  younger than ``couple_min_age`` (ages from the face_age analyzer, where it ran), and no
  third person (or face) as large as the smaller one; with ``couple_third`` > 0 the two
  largest of more subject people, where every other is smaller than ``couple_third`` of
  the smaller of the two (passers-by);
- group: ``group_min`` or more subject people;
- reading: a book (detector score >= ``reading_book_min``) in a person's hands or lap:
  its centre inside a person's box widened by half its width (evidence for 독서; a
  bookcase behind people is not reading);
- selfie: one close face: the largest face covers at least ``selfie_face_area`` of the
  photo with its centre in the upper ``selfie_top`` of the frame and at most
  ``selfie_dx`` from the middle, not estimated younger than ``selfie_min_age`` (a baby's
  close face is someone else's photo), no other subject face, and at most one subject person;
  or, where no face was found at all, one person filling ``selfie_person_area`` of the
  photo (a face so close the frame cuts it, which the face detector misses; a full-body
  photo never fills that much); or, where no face was found at all, the face the real-face
  gate dropped (``dropped``: detector score >= 0.9; heavy make-up, sunglasses, a face cut
  by the frame) where it would pass the close-face rule, lies inside a person's box (a
  pet's face does not) and at most one person is the subject. The dropped face counts for
  nothing else (no face, no subject, no couple);
- face fills the frame: one subject face covering at least ``face_fills`` of the photo,
  at most one subject person (a head-and-shoulders portrait: no body in view; evidence
  the suggester reads, not one of the hashtag head's inputs).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pose_desktop.catalog.queries import photo_objects
from pose_desktop.inference.detector import COCO_CLASSES, PERSON, Detections
from pose_desktop.tagging.people_facts import FACE_FILLS, FaceBox
from pose_desktop.tagging.scenes import Fact
from pose_desktop.vocab import objects as vocab
from pose_desktop.vocab.reasons import Reason


@dataclass(frozen=True)
class LayoutRule:
    """The thresholds of ``people_layout`` (see the module docstring). The defaults are the
    values benchmarks/quality_people_layout.py chose on the 3,772 dev photos (hashtags/ and
    captioned/): subject sizes by the group evidence's F1, couple and selfie by F2 (they gate
    the hashtag head's 커플 and 셀카); its 5-fold cross-validated figures are in the README."""

    person_min: float = 0.4
    subject_area: float = 0.03
    subject_height: float = 0.2
    face_min_score: float = 0.9
    face_subject_area: float = 0.001
    face_rel: float = 0.1
    pair_ratio: float = 0.35
    pair_gap: float = 3.0
    couple_min_faces: int = 0
    couple_min_age: float = 0.0
    couple_third: float = 0.5
    group_min: int = 3
    selfie_face_area: float = 0.02
    selfie_top: float = 0.65
    selfie_dx: float = 0.5
    selfie_person_area: float = 0.6
    selfie_min_age: float = 16.0
    reading_book_min: float = 0.4  # in-sample (39 photos of 독서): 0.3 fires on 9, right on 1
    face_fills: float = FACE_FILLS


RULE = LayoutRule()

# COCO classes whose best score is a hashtag head input (the objects the built-in hashtags need)
KEY_CLASSES: tuple[str, ...] = (
    "dog", "cat", "bird", "horse", "cake", "pizza", "donut", "sandwich", "hot dog", "bowl",
    "cup", "wine glass", "bottle", "fork", "knife", "spoon", "dining table", "book",
    "laptop", "cell phone", "bicycle", "motorcycle", "car", "boat", "airplane", "sports ball",
    "skis", "snowboard", "surfboard", "skateboard", "tennis racket", "frisbee", "kite",
    "suitcase", "backpack", "handbag", "umbrella", "tie", "teddy bear", "potted plant",
    "vase", "couch", "bed", "chair", "bench",
)
BOOK = COCO_CLASSES.index("book")
_KEY_IDS = np.array([COCO_CLASSES.index(c) for c in KEY_CLASSES])


@dataclass
class PeopleLayout:
    """The people facts of one photo and why."""

    people: int = 0
    subject_people: int = 0
    largest_person_area: float = 0.0
    faces: int = 0
    largest_face_area: float = 0.0
    couple: bool = False
    group: bool = False
    selfie: bool = False
    reading: float = 0.0  # score of the best book beside a person (0: none)
    face_fills: bool = False  # one face filling the frame (a head portrait)
    because: list[Reason] = field(default_factory=list)


def _areas(boxes: np.ndarray) -> np.ndarray:
    return np.clip(boxes[:, 2] - boxes[:, 0], 0, 1) * np.clip(boxes[:, 3] - boxes[:, 1], 0, 1)


def _side_by_side(boxes: np.ndarray, pair_gap: float) -> bool:
    """Whether two boxes (x1, y1, x2, y2) stand close: the horizontal gap between them at
    most ``pair_gap`` times the wider one's width."""
    (ax1, _, ax2, _), (bx1, _, bx2, _) = boxes[:2]
    gap = max(0.0, max(ax1, bx1) - min(ax2, bx2))
    return gap <= pair_gap * max(ax2 - ax1, bx2 - bx1, 1e-6)


def _held(box: np.ndarray, persons: np.ndarray) -> bool:
    """Whether an object's centre lies in a person's box widened by half its width."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    w = persons[:, 2] - persons[:, 0]
    return bool(((persons[:, 0] - w / 2 <= cx) & (cx <= persons[:, 2] + w / 2)
                 & (persons[:, 1] <= cy) & (cy <= persons[:, 3])).any())


def face_boxes(faces: Sequence[FaceBox]) -> np.ndarray:
    """(N, 4) boxes of faces as image fractions (a face without a box: a centred square
    of its area)."""
    out = []
    for f in faces:
        if f.box is not None:
            out.append(f.box)
        else:
            s = float(np.sqrt(max(f.area, 0.0)))
            out.append((0.5 - s / 2, 0.5 - s / 2, 0.5 + s / 2, 0.5 + s / 2))
    return np.asarray(out, np.float32).reshape(-1, 4)


def _in_a_person(box: np.ndarray, persons: np.ndarray) -> bool:
    """Whether a face box's centre lies inside one of the detector's person boxes."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return bool(((persons[:, 0] <= cx) & (cx <= persons[:, 2]) & (persons[:, 1] <= cy) & (cy <= persons[:, 3])).any())


def _close_face(face: FaceBox, box: np.ndarray, rule: LayoutRule) -> bool:
    """Whether a face passes the selfie rule's size, place and age (see the module docstring)."""
    x1, y1, x2, y2 = (float(v) for v in box)
    cx, cy = (x1 + x2) / 2, (y1 + y2) / 2
    return bool(face.area >= rule.selfie_face_area and cy <= rule.selfie_top and abs(cx - 0.5) <= rule.selfie_dx
                and (face.age is None or face.age >= rule.selfie_min_age))


def people_layout(det: Detections | None, faces: Sequence[FaceBox] | None = None,
                  rule: LayoutRule = RULE, dropped: FaceBox | None = None) -> PeopleLayout:
    """Couple / group / selfie and the counts behind them (see the module docstring);
    ``dropped``: the face the real-face gate left out, selfie evidence only."""
    out = PeopleLayout()
    faces = [f for f in (faces or []) if f.score >= rule.face_min_score]
    out.faces = len(faces)
    fboxes = face_boxes(faces)
    fareas = np.array([f.area for f in faces], np.float32)
    out.largest_face_area = float(fareas.max(initial=0.0))
    fsubject = (fareas >= rule.face_subject_area) & (fareas >= rule.face_rel * out.largest_face_area)
    n_faces = int(fsubject.sum())
    pboxes = np.zeros((0, 4), np.float32)
    areas = np.zeros(0, np.float32)
    subject = np.zeros(0, bool)
    if det is not None and len(det):
        persons = det.of_class(PERSON, rule.person_min)
        pboxes = persons.boxes
        areas = _areas(pboxes)
        heights = np.clip(pboxes[:, 3] - pboxes[:, 1], 0, 1)
        subject = (areas >= rule.subject_area) | (heights >= rule.subject_height)
        out.people = len(persons)
        out.largest_person_area = float(areas.max(initial=0.0))
    n_persons = int(subject.sum())
    if len(pboxes) and det is not None:
        books = det.of_class(BOOK, rule.reading_book_min)
        for box, score in zip(books.boxes, books.scores.tolist(), strict=True):
            if _held(box, pboxes):
                out.reading = max(out.reading, score)
    out.subject_people = max(n_persons, n_faces)
    young = any(f.age is not None and f.age < rule.couple_min_age for f in faces)
    pair = None  # (reason kind, the two boxes, their areas largest first, the largest of the rest)
    if n_persons >= 2 and n_faces <= 2:
        idx = np.flatnonzero(subject)
        idx = idx[np.argsort(-areas[idx])]
        rest = np.delete(areas, idx[:2])
        if len(idx) == 2 or (rule.couple_third and len(idx) > 2):
            pair = ("couple_people", pboxes[idx[:2]], areas[idx[:2]], float(rest.max(initial=0.0)))
    elif n_faces == 2:
        idx = np.flatnonzero(fsubject)
        idx = idx[np.argsort(-fareas[idx])]
        pair = ("couple_faces", fboxes[idx], fareas[idx], float(np.delete(fareas, idx).max(initial=0.0)))
    if pair is not None and out.faces >= rule.couple_min_faces and not young:
        kind, boxes, (a, b), third = pair
        a, b = float(a), float(b)
        if (b >= rule.pair_ratio * a and _side_by_side(boxes, rule.pair_gap)
                and third < (rule.couple_third or 1.0) * b):
            out.couple = True
            out.because += [Reason.of(kind, a=a, b=b), Reason.of("faces", n=out.faces)]
    if out.subject_people >= rule.group_min:
        out.group = True
        out.because += ([Reason.of("people", n=n_persons), Reason.of("faces", n=out.faces)]
                        if n_persons >= n_faces else [Reason.of("faces", n=n_faces)])
    if faces and n_faces == 1 and n_persons <= 1:
        k = int(fareas.argmax())
        if _close_face(faces[k], fboxes[k], rule):
            out.selfie = True
            out.because.append(Reason.of("close_face", area=float(fareas[k])))
    elif not faces and out.people == 1 and out.largest_person_area >= rule.selfie_person_area:
        out.selfie = True
        out.because.append(Reason.of("person_fills", area=out.largest_person_area))
    elif (not faces and dropped is not None and dropped.score >= rule.face_min_score and n_persons <= 1
          and _close_face(dropped, dbox := face_boxes([dropped])[0], rule) and _in_a_person(dbox, pboxes)):
        out.selfie = True
        out.because.append(Reason.of("close_face_unsure", area=float(dropped.area)))
    out.face_fills = n_faces == 1 and n_persons <= 1 and out.largest_face_area >= rule.face_fills
    return out


def key_object_scores(det: Detections | None) -> np.ndarray:
    """The best score of each of ``KEY_CLASSES`` (0 where not found)."""
    best = np.zeros(len(COCO_CLASSES), np.float32)
    if det is not None and len(det):
        np.maximum.at(best, det.classes, det.scores)
    return best[_KEY_IDS]


def describe_objects(det: Detections | None, min_score: float = 0.5) -> list[str]:
    """Short evidence lines ("dog 0.91") for the key objects found, best first."""
    if det is None:
        return []
    scores = key_object_scores(det)
    order = np.argsort(-scores)
    return [f"{KEY_CLASSES[i]} {scores[i]:.2f}" for i in order if scores[i] >= min_score]


def object_facts(det: Detections | None, imagenet: set[str] | frozenset[str] | None = None) -> list[Fact]:
    """The object tags of one photo from the detector: reviewed COCO classes only
    (vocab/objects.py), each at or above its group's calibrated threshold, best first;
    ``imagenet``: the object tags the backbone gave the same photo, where it ran (a dog or
    cat it contradicts is left out: ``cross_checked``)."""
    if det is None:
        return []
    best: dict[str, float] = {}
    for score, cls in zip(det.scores.tolist(), det.classes.tolist(), strict=True):
        key = vocab.COCO_OBJECTS.get(COCO_CLASSES[cls])
        if key is not None and score >= vocab.detector_min(key) and score > best.get(key, 0.0):
            best[key] = score
    facts = [Fact("object", k, s, (Reason.of("detector", object=k, score=s),))
             for k, s in sorted(best.items(), key=lambda kv: -kv[1])]
    return cross_checked(facts, imagenet) if imagenet is not None else facts


def cross_checked(detector: list[Fact], imagenet: set[str] | frozenset[str]) -> list[Fact]:
    """The detector's object tags less a dog or a cat that the backbone's tags of the same
    photo (``imagenet``: their keys) contradict: where the backbone shows one of the pair
    and not the other, the detector's other one goes when the backbone is sure of its own
    (``vocab.objects.IMAGENET_SURE``: its cat) or the detector shows both. So a dog photo
    the detector also calls a cat, and a cat photo it calls a dog, show one animal."""
    shown = {f.name for f in detector}
    drop = {other for key, other in vocab.RIVALS.items()
            if key in imagenet and other not in imagenet and other in shown
            and (key in vocab.IMAGENET_SURE or key in shown)}
    return [f for f in detector if f.name not in drop]


def head_checked(facts: list[Fact], sure: float = vocab.HEAD_SURE, unsure: float = vocab.HEAD_UNSURE) -> list[Fact]:
    """A photo's facts from the picture analyzer less the backbone's dog or cat that the
    hashtag head's probabilities among them (its ``hashtag`` facts) contradict: the dog
    goes where the head gives the cat's hashtag at least ``sure`` (``vocab.objects.HEAD_SURE``)
    and the dog's under ``unsure`` (``HEAD_UNSURE``; a missing hashtag fact counts as 0), and
    the cat the other way round; as an object and as a scene (the same summed breeds name
    both). So a cat photo the backbone calls a "Scotch terrier" shows no dog, and no
    hashtag idea gives "dog" as its reason."""
    head = {f.name: f.score for f in facts if f.kind == "hashtag"}
    drop = {key for key, other in vocab.RIVALS.items()
            if head.get(vocab.HEAD_TAGS[other], 0.0) >= sure and head.get(vocab.HEAD_TAGS[key], 0.0) < unsure}
    return [f for f in facts if not (f.kind in ("object", "scene") and f.name in drop)]


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


def layout_facts(detections: Detections | None, faces: Sequence[FaceBox] | None,
                 dropped: FaceBox | None = None) -> list[Fact]:
    """``people`` facts of one photo for the suggester: ``detected`` (the detector ran;
    how many people), ``subject`` (people the photo is of), ``couple``, ``group``,
    ``selfie``, ``reading``, ``face_fills`` (``people_layout``), each with its evidence;
    ``dropped``: the face the real-face gate left out (selfie evidence only)."""
    lay = people_layout(detections, faces, dropped=dropped)
    why = tuple(lay.because)
    out = [Fact("people", "detected", 1.0, (Reason.of("people_subject", n=lay.people, subject=lay.subject_people),))]
    if lay.subject_people:
        out.append(Fact("people", "subject", 1.0, (Reason.of("people_in_picture", n=lay.subject_people),)))
    for name in ("couple", "group", "selfie"):
        if getattr(lay, name):
            out.append(Fact("people", name, 0.8, why))
    if lay.reading:
        out.append(Fact("people", "reading", lay.reading, (Reason.of("book_held", score=lay.reading),)))
    if lay.face_fills:
        out.append(Fact("people", "face_fills", 1.0,
                        (Reason.of("face_fills", area=lay.largest_face_area),)))
    return out
