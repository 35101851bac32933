"""Faces → people: storing faces, recognising named people, clustering the rest, user edits.

All functions take the ``db`` of a ``Catalog.write()`` transaction (or a reader for the
queries). The user's word is final: a face the user named or confirmed
(``assigned_by = 'user'``) is never changed by a model, and "not this person" is kept in
``face_rejections``; both are carried onto the new face rows when faces are re-detected
(matched by box overlap), so they survive re-runs of the models.

Rules:
- recognition compares a face with the centroid of each named person's user-confirmed
  faces; it assigns when the best cosine is ≥ ``ASSIGN_MIN`` and beats the runner-up by
  ``ASSIGN_MARGIN``, where the runner-up is never below ``UNKNOWN_SIM`` (how close a
  stranger comes to a named person: with one person named, the margin is to "unknown"),
  and only faces of ``quality`` ≥ ``AUTO_MIN_QUALITY`` are assigned (small, blurred, profile
  or weakly detected faces are at most suggested); otherwise it only *suggests* a person
  when the best is ≥ ``SUGGEST_MIN``. A face the user confirmed carries no suggestion;
- two faces of one photo are never the same person (assignment is one-to-one per photo,
  and clustering never joins faces of the same photo);
- clustering (average linkage, no fixed number of people) only groups faces not assigned
  to a named person; groups of one stay unassigned.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog import faces as face_rows
from pose_desktop.catalog import people as people_table
from pose_desktop.catalog import store
from pose_desktop.catalog.db import now_iso
from pose_desktop.errors import PoseError
from pose_desktop.inference import transforms as T
from pose_desktop.inference.face_models import FaceDetector, FaceEmbedder

# The faces analyzer's version, stored with every face. Only faces embedded by this model are
# compared (a catalog being re-analysed after a model change holds both kinds for a while).
FACE_MODEL = f"{FaceDetector.version}+{FaceEmbedder.version}+gate-1"  # gate-1: real-face gate, sharpness

# Calibrated by cross-validation over identities (python models/calibrate_people.py,
# see models/MODELS.md face_embedder.onnx): cosines of dlib's embeddings, which are all high
# (strangers come as close as 0.956 to a named person's centroid).
ASSIGN_MIN = 0.955
ASSIGN_MARGIN = 0.01
UNKNOWN_SIM = 0.935
SUGGEST_MIN = 0.945
AUTO_MIN_QUALITY = 0.5
LEARN_MIN = 0.965  # confidently recognised faces also shape the person's centroid ...
LEARN_WEIGHT = 0.5  # ... at half the weight of the faces the user confirmed
CLUSTER_MIN = 0.945  # average-linkage cosine at which two groups are the same person
CLUSTER_MIN_QUALITY = 0.3  # blurry / tiny / profile faces are not clustered
MATCH_IOU = 0.5  # a re-detected face is "the same face" above this box overlap
# An Instagram user tagged in the posts of a group's photos is offered as its name when
# tagged with it in at least OFFER_MIN_PHOTOS photos and at least OFFER_MIN_SHARE of the
# group's photos that come from posts (and no other user as often).
OFFER_MIN_PHOTOS = 2
OFFER_MIN_SHARE = 0.5
TAG_SOURCE = "people"
MAX_CLUSTER_FACES = 6000  # bound memory (n² floats); the best-quality faces go first


class PersonNotFoundError(PoseError):
    """No person or face group by that name or id."""


@dataclass
class FaceRecord:
    """One detected face: boxes and landmarks in the upright original photo's pixels."""

    box: np.ndarray  # [x1, y1, x2, y2]
    landmarks: np.ndarray  # 5×2
    score: float
    quality: float
    embedding: np.ndarray | None  # unit float32
    id: int | None = None  # set once stored


class FoundFaces(list):
    """The real faces found in one photo (a list of ``FaceRecord``) and ``dropped``: the
    largest detection the real-face gate left out with a detector score of at least
    ``analysis.faces.DROPPED_MIN_SCORE`` (a close face under heavy make-up or sunglasses,
    cut by the frame, in filtered colours; a drawing too), or None. The dropped face is no
    face of the photo's: people, recognition, ages, emotion and the hashtag head's inputs
    never see it; only the selfie evidence reads it (``tagging.objects.people_layout``)."""

    def __init__(self, faces=(), dropped: FaceRecord | None = None) -> None:
        super().__init__(faces)
        self.dropped = dropped


def encode_embedding(v: np.ndarray) -> bytes:
    """float16 bytes of an embedding (half the space, no measurable loss for cosine)."""
    return np.asarray(v, dtype=np.float16).tobytes()


def decode_embedding(blob: bytes | None) -> np.ndarray | None:
    """The float32 embedding of a stored blob."""
    if blob is None:
        return None
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


# --- storing faces -----------------------------------------------------------------------


def replace_faces(db, photo_id: int, faces: list[FaceRecord], model: str) -> None:
    """Store the faces detected in a photo, keeping the user's decisions about old ones."""
    old = people_table.faces_to_replace(db, photo_id)
    rejections = people_table.photo_rejections(db, photo_id)
    people_table.delete_photo_faces(db, photo_id)
    old_boxes = np.array([r[1:5] for r in old], dtype=np.float32).reshape(-1, 4)
    used: set[int] = set()
    stamp = now_iso()
    missing_emotion = False
    for face in faces:
        match = None
        if len(old):
            overlap = T.iou(face.box, old_boxes)
            for k in np.argsort(-overlap):
                if overlap[k] >= MATCH_IOU and int(k) not in used:
                    match = old[int(k)]
                    used.add(int(k))
                    break
        person_id = assigned_by = confidence = emotion = scores = mood = probs = None
        if match is not None:
            _, _, _, _, _, m_pid, m_by, m_conf, emotion, scores, mood, probs = match
            if m_by == "user":
                person_id, assigned_by, confidence = m_pid, "user", m_conf
        if emotion is None:
            missing_emotion = True
        face.id = people_table.insert_face(
            db, photo_id, [float(v) for v in face.box[:4]],
            json.dumps(np.round(np.asarray(face.landmarks, dtype=float), 1).tolist()),
            float(face.score), float(face.quality),
            None if face.embedding is None else encode_embedding(face.embedding),
            model, person_id, assigned_by, confidence, emotion, scores, mood, stamp, probs,
        )
        if match is not None:
            for pid in rejections.get(match[0], []):
                people_table.add_rejection(db, face.id, pid)
    if missing_emotion and faces:
        # New faces have no emotion yet: make the emotion analyzer visit this photo again.
        runs.forget_run(db, photo_id, "emotion")
    recognise(db, photo_ids=[photo_id])


def replace_dropped_face(db, photo_id: int, dropped: FaceRecord | None) -> None:
    """Store the photo's gate-dropped face (``FoundFaces.dropped``; None: none)."""
    people_table.replace_dropped_face(db, photo_id, None if dropped is None else dropped.box,
                                      0.0 if dropped is None else float(dropped.score))


def load_faces(db, photo_id: int) -> FoundFaces:
    """The stored faces of a photo as ``FaceRecord``s (with ids), and its dropped face."""
    row = people_table.dropped_face(db, photo_id)
    out = FoundFaces(dropped=None if row is None else FaceRecord(
        np.array(row[:4], dtype=np.float32), np.zeros((5, 2), np.float32), float(row[4]), 0.0, None))
    for fid, x1, y1, x2, y2, marks, score, quality, emb in people_table.stored_faces(db, photo_id):
        out.append(FaceRecord(
            np.array([x1, y1, x2, y2], dtype=np.float32),
            np.array(json.loads(marks), dtype=np.float32),
            float(score), float(quality), decode_embedding(emb), fid,
        ))
    return out


# --- recognition -------------------------------------------------------------------------


def person_centroids(db) -> tuple[list[int], np.ndarray]:
    """Named people and the unit centroid of each one's user-confirmed face embeddings."""
    rows = people_table.learning_faces(db, FACE_MODEL, LEARN_MIN)
    sums: dict[int, np.ndarray] = {}
    for pid, blob, by in rows:
        v = decode_embedding(blob) * (1.0 if by == "user" else LEARN_WEIGHT)
        sums[pid] = sums.get(pid, 0) + v
    ids = sorted(sums)
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32)
    return ids, T.l2_normalize(np.stack([sums[i] for i in ids]))


def recognise(db, photo_ids: Iterable[int] | None = None) -> int:
    """(Re)assign faces not confirmed by the user to named people; return faces assigned.

    Ambiguous matches become ``suggested_person_id`` only. One person per photo at most.
    """
    ids, centroids = person_centroids(db)
    if photo_ids is not None:
        photo_ids = list(photo_ids)
        if not photo_ids:
            return 0
    rows = people_table.embedded_faces(db, FACE_MODEL, photo_ids)
    rejected = people_table.all_rejections(db)
    by_photo: dict[int, list[tuple]] = {}
    for r in rows:
        by_photo.setdefault(r[1], []).append(r)
    assigned = 0
    touched: set[int] = set()
    for photo_id, faces in by_photo.items():
        taken = {r[3] for r in faces if r[4] == "user" and r[3] is not None}
        free = [r for r in faces if r[4] != "user"]
        decisions: dict[int, tuple] = {r[0]: (None, None, None, None, None) for r in free}
        if ids and free:
            emb = np.stack([decode_embedding(r[2]) for r in free])
            sims = emb @ centroids.T
            for k, r in enumerate(free):
                for j, pid in enumerate(ids):
                    if pid in rejected.get(r[0], ()):
                        sims[k, j] = -1.0
            # Greedy one-to-one: the most similar (face, person) pairs first.
            order = np.dstack(np.unravel_index(np.argsort(-sims, axis=None), sims.shape))[0]
            done_faces: set[int] = set()
            for k, j in order:
                k, j = int(k), int(j)
                if k in done_faces:
                    continue
                s = float(sims[k, j])
                if s < SUGGEST_MIN:
                    break
                pid = ids[j]
                if pid in taken:
                    continue
                row = sims[k].copy()
                row[j] = -1.0
                runner_up = max(float(row.max()) if len(row) > 1 else -1.0, UNKNOWN_SIM)
                face_id = free[k][0]
                sure = s >= ASSIGN_MIN and s - runner_up >= ASSIGN_MARGIN
                if sure and (free[k][5] or 0.0) >= AUTO_MIN_QUALITY:
                    decisions[face_id] = (pid, "auto", s, None, None)
                    taken.add(pid)
                    done_faces.add(k)
                elif decisions[face_id][3] is None:
                    decisions[face_id] = (None, None, None, pid, s)
                    done_faces.add(k)
        for r in free:
            pid, by, conf, sugg, sugg_s = decisions[r[0]]
            if pid is None and r[4] == "cluster":
                pid, by = r[3], "cluster"  # keep the unnamed group until re-clustering
            people_table.set_face_decision(db, r[0], pid, by, conf, sugg, sugg_s)
            if by == "auto":
                assigned += 1
            if (r[3], r[4]) != (pid, by):
                touched.add(photo_id)
    # the user's word is final: a confirmed face is never "maybe someone else"
    people_table.clear_suggestions_of_confirmed(db)
    sync_person_tags(db, touched | ({p for p in by_photo} if photo_ids is not None else set()))
    return assigned


# --- clustering --------------------------------------------------------------------------


def cluster_embeddings(
    emb: np.ndarray, groups: np.ndarray, threshold: float = CLUSTER_MIN
) -> list[list[int]]:
    """Average-linkage clusters of unit embeddings; members of one group never join.

    Returns lists of row indices (every row in exactly one list, singletons included),
    merging while the best average cosine between two clusters is ≥ ``threshold``.

    A merged-away cluster's row and column of ``sim`` are left as they are: every read
    skips dead clusters (``alive``), which spares writing a column of the n×n matrix (a
    cache miss per row) at each merge; the merges are the same.
    """
    n = len(emb)
    if n == 0:
        return []
    neg = np.float32(-1e9)
    sim = emb @ emb.T
    if sim.dtype != np.float32:  # float32 embeddings: no n×n copy
        sim = sim.astype(np.float32)
    same = groups[:, None] == groups[None, :]
    sim[same] = neg  # includes the diagonal
    size = np.ones(n, dtype=np.float32)
    alive = np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    best = sim.max(1)
    arg = sim.argmax(1)
    while True:
        i = int(np.argmax(best))
        if best[i] < threshold:
            break
        j = int(arg[i])
        blocked = (sim[i] <= neg / 2) | (sim[j] <= neg / 2)
        merged = (sim[i] * size[i] + sim[j] * size[j]) / (size[i] + size[j])
        merged[blocked] = neg
        merged[~alive] = neg
        merged[i] = neg
        merged[j] = neg
        sim[i, :] = merged
        sim[:, i] = merged
        size[i] += size[j]
        alive[j] = False
        members[i].extend(members[j])
        members[j] = []
        best[j] = neg
        stale = alive & ((arg == i) | (arg == j))
        stale[i] = True
        rows = np.flatnonzero(stale)  # their best partner is gone or changed: look again
        cand = np.where(alive, sim[rows], neg)
        top = cand.argmax(1)
        arg[rows] = top
        best[rows] = cand[np.arange(len(rows)), top]
        better = alive & (merged > best)
        best[better] = merged[better]
        arg[better] = i
    return [m for m in members if m]


def recluster(db, threshold: float = CLUSTER_MIN) -> int:
    """Group the faces no named person claims; return the number of groups (≥ 2 faces).

    Unnamed groups are rebuilt each time; a group the user named (or split off) is a named
    person, or keeps user-confirmed faces, and is left alone.
    """
    people_table.dissolve_unnamed_groups(db)
    rows = people_table.faces_to_cluster(db, FACE_MODEL, CLUSTER_MIN_QUALITY, MAX_CLUSTER_FACES)
    if not rows:
        return 0
    emb = np.stack([decode_embedding(r[2]) for r in rows])
    groups = np.array([r[1] for r in rows])
    clusters = [c for c in cluster_embeddings(emb, groups, threshold) if len(c) >= 2]
    for members in sorted(clusters, key=len, reverse=True):
        people_table.add_group(db, [rows[k][0] for k in members])
    return len(clusters)


def tagged_user_offers(db) -> dict[int, str]:
    """Unnamed groups -> the name ("@user") that the posts of their photos keep tagging.

    Only offered (the user names the group with one click); never assigned by itself. A
    user already naming a person is not offered; nor is either of two users tagged as often.
    """
    rows = face_rows.unnamed_group_post_tags(db)
    taken = {n.lower().lstrip("@") for n in face_rows.person_names(db)}
    photos: dict[int, set[int]] = {}
    tagged: dict[int, dict[str, set[int]]] = {}
    for pid, photo, users in rows:
        photos.setdefault(pid, set()).add(photo)
        try:
            names = json.loads(users or "[]")
        except ValueError:
            continue
        for u in names if isinstance(names, list) else []:
            if isinstance(u, str) and u and u.lower() not in taken:
                tagged.setdefault(pid, {}).setdefault(u.lower(), set()).add(photo)
    offers: dict[int, str] = {}
    for pid, users in tagged.items():
        fits = sorted(((len(seen), u) for u, seen in users.items()
                       if len(seen) >= OFFER_MIN_PHOTOS and len(seen) >= OFFER_MIN_SHARE * len(photos[pid])),
                      reverse=True)
        if fits and (len(fits) == 1 or fits[1][0] < fits[0][0]):  # two users as often: neither
            offers[pid] = "@" + fits[0][1]
    return offers


# --- the user's edits --------------------------------------------------------------------


def person_id_for(db, name: str, create: bool = True) -> int | None:
    """The id of the person called ``name`` (created when missing and ``create``)."""
    name = name.strip()
    found = people_table.person_named(db, name)
    if found is not None or not create:
        return found
    return people_table.add_person(db, name)


def name_person(db, person_id: int, name: str) -> int:
    """Name (or rename) a group; if ``name`` is already someone, the group joins them.

    Every face of the group counts as confirmed by the user. Returns the person id kept.
    """
    name = name.strip()
    if not name:
        raise ValueError("a person's name cannot be empty")
    other = people_table.person_named(db, name, other_than=person_id)
    if other is not None:
        return merge_persons(db, person_id, other)
    photos = people_table.photos_of_person(db, person_id)
    people_table.rename_and_confirm(db, person_id, name)
    recognise(db)
    sync_person_tags(db, photos)
    return person_id


def name_face(db, face_id: int, name: str) -> int:
    """Say who one face is (creating the person if new); returns the person id."""
    pid = person_id_for(db, name)
    assign_face(db, face_id, pid)
    return pid


def assign_face(db, face_id: int, person_id: int) -> None:
    """Confirm ``face_id`` as ``person_id``; another face of that photo loses the person."""
    row = people_table.face_photo(db, face_id)
    if row is None:
        raise KeyError(f"no face {face_id}")
    photo_id = row[0]
    people_table.confirm_face(db, face_id, photo_id, person_id)
    recognise(db)
    sync_person_tags(db, [photo_id])


def reject_face(db, face_id: int, person_id: int | None = None) -> None:
    """"Not this person": the face leaves ``person_id`` (default: its current person) for good."""
    row = people_table.face_photo(db, face_id)
    if row is None:
        raise KeyError(f"no face {face_id}")
    photo_id, current = row
    person_id = person_id if person_id is not None else current
    if person_id is None:
        return
    people_table.reject(db, face_id, person_id)
    recognise(db, photo_ids=[photo_id])
    sync_person_tags(db, [photo_id])


def merge_persons(db, source_id: int, target_id: int) -> int:
    """Move every face of ``source_id`` to ``target_id`` and delete the source person.

    Where both people are in one photo the target keeps its face and the source's face
    becomes unassigned (two faces of one photo are never one person).
    """
    if source_id == target_id:
        return target_id
    photos = people_table.photos_of_person(db, source_id) | people_table.photos_of_person(db, target_id)
    target = people_table.person(db, target_id)
    if target is None:
        raise KeyError(f"no person {target_id}")
    people_table.move_faces(db, source_id, target_id, confirm=target[1] is not None)
    recognise(db)
    sync_person_tags(db, photos)
    return target_id


def split_faces(db, face_ids: list[int], name: str | None = None) -> int:
    """Move ``face_ids`` out of their person(s) into a new person (named if ``name``).

    The faces are marked as confirmed by the user and as "not" their old person.
    """
    old = people_table.faces_by_id(db, face_ids)
    if missing := set(face_ids) - {r[0] for r in old}:  # no new empty person for a typo
        raise KeyError(f"no face {min(missing)}")
    pid = person_id_for(db, name) if name else people_table.add_person(db, None)
    for fid, prev, _ in old:
        if prev is not None and prev != pid:
            people_table.add_rejection(db, fid, prev)
        people_table.confirm_as(db, fid, pid)
    recognise(db)
    sync_person_tags(db, {r[2] for r in old})
    return pid


def delete_person(db, person_id: int) -> None:
    """Forget a person: their faces become unassigned (their photos stay)."""
    photos = people_table.photos_of_person(db, person_id)
    people_table.delete_person(db, person_id)
    sync_person_tags(db, photos)


# --- tags and queries --------------------------------------------------------------------


def sync_person_tags(db, photo_ids: Iterable[int]) -> None:
    """Make each photo's ``person`` tags match its named, assigned faces."""
    ids = set(photo_ids)
    for pid in ids:
        rows = people_table.named_people_in(db, pid)
        store.set_tags(db, pid, "person", TAG_SOURCE, [(n, float(s)) for n, s in rows])
    if ids:
        store.refresh_search(db, ids)


def photos_with_people(db, person_ids: list[int]) -> list[int]:
    """Photos in which every one of ``person_ids`` appears (assigned, not just suggested)."""
    return people_table.photos_with_all(db, person_ids)
