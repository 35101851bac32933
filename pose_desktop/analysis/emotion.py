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
"""

from __future__ import annotations

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
from pose_desktop.tagging.emotion import FaceEmotion, photo_mood
from pose_desktop.vocab.emotion import EMOTIONS

TAG_KIND = "emotion"
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
        # mood and emotion decided together; the scores stored calibrated by this power
        self.version = f"{self.model.version}/joint-mood/scores-p{self.model.score_power:g}"
        self.baseline = baseline

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
        """Runner entry point: ``items[i].upstream['faces']`` are the photo's faces."""
        crops, owners = [], []
        for k, it in enumerate(items):
            s = it.image.scale
            for face in it.upstream.get("faces") or []:
                crops.append(self.model.crop(it.image.image, face.box * s))
                owners.append((k, face))
        out: list[list[FaceEmotion]] = [[] for _ in items]
        if not crops:
            return out
        probs = self._classify(crops)
        for (k, face), p in zip(owners, probs, strict=False):
            mood, emotion, _ = mood_and_emotion(p)
            shown = self.model.calibrate(p)  # the scores stored and shown (calibrated)
            scores = {e: float(v) for e, v in zip(EMOTIONS, shown, strict=False)}
            _, mood_scores = fold_mood(shown)
            out[k].append(FaceEmotion(face, scores, emotion, mood, mood_scores))
        return out

    def store(self, db, photo, results: list[FaceEmotion]) -> None:
        """Write each face's emotion and the photo's emotion + mood tags."""
        runs.set_face_emotions(db, [(r.face.id, r.emotion, r.scores, r.mood)
                                    for r in results if r.face.id is not None])
        mood = photo_mood(results)
        tags: dict[str, float] = {}
        for r in results:
            if mood and r.mood == mood[0]:  # the photo's emotions nest under its mood
                tags[r.emotion] = max(tags.get(r.emotion, 0.0), r.scores[r.emotion])
        store.set_tags(db, photo.id, TAG_KIND, SOURCE, sorted(tags.items()))
        store.set_tags(db, photo.id, MOOD_KIND, SOURCE, [mood] if mood else [])
