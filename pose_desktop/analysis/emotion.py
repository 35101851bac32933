"""The "emotion" analyzer: 7 emotions per face, folded to positive / neutral / negative.

Depends on ``faces``: it reads the faces' boxes (see models/MODELS.md ``emotion.onnx``).
Stores each face's emotion, its scores and mood (never contradicting each other:
``face_models.mood_and_emotion``, decided on the model's probabilities; the scores stored
are those probabilities calibrated, ``EmotionClassifier.calibrate``), and tags the photo (source ``emotion``): kind ``emotion``,
the emotions of the faces that share the photo's mood; kind ``mood``, the photo's mood
``positive`` / ``neutral`` / ``negative`` (``tagging.emotion.photo_mood``). The tag tree shows
each mood with its emotions under it, and their counts nest: a photo tagged with an emotion is
tagged with that emotion's mood (a sad face in a photo whose mood is positive is kept on the
face, not tagged on the photo). Making the photo's moods the set of its faces' moods would
nest them too, but on 472 photos of weddings, birthdays, babies and selfies it tagged 34 %
of them negative instead of 26 % (the head over-calls negative faces, MODELS.md emotion.onnx).

The library's balance: every face's mood and emotion are decided on the head's probabilities
re-weighted to the library's own balance of moods (``tagging.emotion.adapt``), which
``after_run`` estimates again from all the library's stored faces after every run
(``tagging.emotion.library_prior``), keeps in the catalog and applies to every face and photo
(unless it moved less than ``STILL``); the photos stored during a run are decided under the
balance kept so far (``use_library``). A library with few faces stays near the head's own
balance (MODELS.md, emotion.onnx, "library balance").
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog import store
from pose_desktop.inference.face_models import (
    EmotionClassifier,
    FerEmotion,
    fold_mood,
    mood_and_emotion,
)
from pose_desktop.tagging.emotion import (
    MIN_READABLE_SIDE,
    FaceEmotion,
    adapt,
    library_prior,
    photo_mood,
    readable,
)
from pose_desktop.tagging.people import FaceRecord
from pose_desktop.vocab.emotion import EMOTIONS, MOODS

TAG_KIND = "emotion"
# a new balance closer than this to the one kept does not decide the library's faces again
STILL = 1e-3
MOOD_KIND = "mood"
SOURCE = "emotion"


class EmotionAnalyzer:
    """Batches every face of a batch of photos through the emotion model."""

    name = "emotion"
    depends_on: tuple[str, ...] = ("faces",)

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        device: str | None = None,
        threads: int | None = None,
        baseline: bool = False,
    ) -> None:
        cls = FerEmotion if baseline else EmotionClassifier
        self.model = cls(models_dir, device=device, threads=threads)
        # mood and emotion decided together, on the probabilities adapted to the library's
        # balance of moods; the scores stored calibrated by this power
        self.version = (f"{self.model.version}/joint-mood/scores-p{self.model.score_power:g}"
                        + ("/library-balance" if self.model.mood_reference else "")
                        + f"/readable{MIN_READABLE_SIDE:g}px")
        self.baseline = baseline
        # the library's balance of moods (``MOODS`` order) the faces are decided under; None:
        # the head's own. Read from the catalog (``use_library``).
        self.prior: np.ndarray | None = None

    @property
    def reference(self) -> np.ndarray | None:
        """The balance of moods the head's probabilities assume (None for the baseline)."""
        ref = self.model.mood_reference
        return None if ref is None else np.asarray(ref, dtype=np.float64)

    def use_library(self, db) -> None:
        """Decide faces under the balance of moods stored in this catalog (``after_run``)."""
        stored = runs.emotion_prior(db)
        mine = stored is not None and stored.get("model") == self.version  # another head's: not
        self.prior = None if not mine or self.reference is None else np.asarray(
            [stored["prior"][m] for m in MOODS], dtype=np.float64)

    def decide(self, face: FaceRecord, probs: np.ndarray, prior: np.ndarray | None = None) -> FaceEmotion:
        """THE decision of what a face shows: the head's probabilities adapted to the
        library's balance ``prior`` (None: the head's own), then mood and emotion decided
        together (never contradicting) and the scores calibrated."""
        p = adapt(probs, prior, self.reference)
        mood, emotion, _ = mood_and_emotion(p)
        shown = self.model.calibrate(p)  # the scores stored and shown (calibrated)
        scores = {e: float(v) for e, v in zip(EMOTIONS, shown, strict=False)}
        _, mood_scores = fold_mood(shown)
        return FaceEmotion(face, scores, emotion, mood, mood_scores, np.asarray(probs, dtype=np.float32))

    def load(self) -> None:
        """Create the session now (otherwise on first use)."""
        self.model.load()

    def classify_faces(
        self, image: np.ndarray | Image.Image, boxes: list[np.ndarray], landmarks: list | None = None
    ) -> np.ndarray:
        """7-class probabilities of faces given by boxes in ``image``'s pixels."""
        return self._classify([self.model.crop(image, b) for b in boxes])

    def _classify(self, crops: list[np.ndarray]) -> np.ndarray:
        if not crops:
            return np.zeros((0, len(EMOTIONS)), dtype=np.float32)
        return self.model.classify(crops)

    def analyze_batch(self, items: list) -> list[list[FaceEmotion]]:
        """Runner entry point: ``items[i].upstream['faces']`` are the photo's faces; a face
        too small to read (``tagging.emotion.readable``) gets no emotion."""
        crops, owners = [], []
        for k, it in enumerate(items):
            s = it.image.scale
            for face in it.upstream.get("faces") or []:
                if not readable(face.box * s):
                    continue
                crops.append(self.model.crop(it.image.image, face.box * s))
                owners.append((k, face))
        out: list[list[FaceEmotion]] = [[] for _ in items]
        if not crops:
            return out
        probs = self._classify(crops)
        for (k, face), p in zip(owners, probs, strict=False):
            out[k].append(self.decide(face, p, self.prior))
        return out

    def store(self, db, photo, results: list[FaceEmotion]) -> None:
        """Write each face's emotion (decided under the library's stored balance) and the
        photo's emotion + mood tags."""
        self.use_library(db)
        results = [r if r.probs is None else self.decide(r.face, r.probs, self.prior) for r in results]
        runs.clear_face_emotions(db, photo.id)
        runs.set_face_emotions(db, [(r.face.id, r.emotion, r.scores, r.mood, r.probs)
                                    for r in results if r.face.id is not None])
        store.replace_tags(db, SOURCE, [TAG_KIND, MOOD_KIND], {photo.id: photo_tags(results)})

    def after_run(self, db) -> None:
        """Estimate the library's balance of moods again from all its faces' probabilities,
        keep it, and decide every face and photo again under it."""
        if self.reference is None:
            return
        rows = runs.face_emotion_probs(db)
        probs = np.array([json.loads(r[3]) for r in rows], dtype=np.float64).reshape(-1, len(EMOTIONS))
        prior = library_prior(probs, self.reference, self.model.prior_strength)
        self.use_library(db)
        kept = self.prior
        still = kept is not None and np.abs(prior - kept).max() < STILL
        if still:  # every face, this run's too, stays decided under the balance kept
            prior = kept
        runs.set_emotion_prior(db, {"prior": dict(zip(MOODS, map(float, prior), strict=True)),
                                    "faces": len(rows), "model": self.version})
        self.prior = prior
        if still:
            return
        by_photo: dict[int, list[FaceEmotion]] = {}
        for (fid, pid, quality, _), p in zip(rows, probs, strict=True):
            face = FaceRecord(np.zeros(4), np.zeros((5, 2)), 0.0, float(quality), None, fid)
            by_photo.setdefault(pid, []).append(self.decide(face, p, prior))
        runs.set_face_emotions(db, [(r.face.id, r.emotion, r.scores, r.mood, None)
                                    for rs in by_photo.values() for r in rs])
        store.replace_tags(db, SOURCE, [TAG_KIND, MOOD_KIND],
                           {pid: photo_tags(rs) for pid, rs in by_photo.items()})


def photo_tags(results: list[FaceEmotion]) -> list[tuple[str, str, float]]:
    """A photo's (kind, name, score) tags from its faces: its mood, and the emotions of the
    faces that share it (so the tree's emotions nest under their mood)."""
    mood = photo_mood(results)
    if not mood:
        return []
    tags: dict[str, float] = {}
    for r in results:
        if r.mood == mood[0]:
            tags[r.emotion] = max(tags.get(r.emotion, 0.0), r.scores[r.emotion])
    return [(MOOD_KIND, mood[0], mood[1]), *((TAG_KIND, e, v) for e, v in sorted(tags.items()))]
