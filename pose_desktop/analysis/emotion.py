"""The "emotion" analyzer: 7 emotions per face, folded to positive / neutral / negative.

Depends on ``faces``: it reads the faces' boxes (see models/MODELS.md ``emotion.onnx``).
Stores each face's emotion, its scores and mood, and tags the photo (kind ``emotion``,
source ``emotion``): every emotion seen on a face, plus the photo's mood ``positive`` /
``neutral`` / ``negative`` (``tagging.emotion.photo_mood``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog import store
from pose_desktop.inference.face_models import EmotionClassifier, FerEmotion, fold_mood
from pose_desktop.tagging.emotion import FaceEmotion, photo_mood
from pose_desktop.vocab.emotion import EMOTIONS

TAG_KIND = "emotion"
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
        self.version = self.model.version
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
        return self.model.classify(np.stack(crops))

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
            scores = {e: float(v) for e, v in zip(EMOTIONS, p, strict=False)}
            mood, mood_scores = fold_mood(p)
            out[k].append(FaceEmotion(face, scores, EMOTIONS[int(np.argmax(p))], mood, mood_scores))
        return out

    def store(self, db, photo, results: list[FaceEmotion]) -> None:
        """Write each face's emotion and the photo's emotion + mood tags."""
        runs.set_face_emotions(db, [(r.face.id, r.emotion, r.scores, r.mood)
                                    for r in results if r.face.id is not None])
        tags: dict[str, float] = {}
        for r in results:
            tags[r.emotion] = max(tags.get(r.emotion, 0.0), r.scores[r.emotion])
        mood = photo_mood(results)
        if mood:
            tags[mood[0]] = max(tags.get(mood[0], 0.0), mood[1])
        store.set_tags(db, photo.id, TAG_KIND, SOURCE, sorted(tags.items()))
