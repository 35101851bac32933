"""What the emotion model's outputs mean for a photo: each face's emotion and mood, and the
photo's mood (its faces' moods, each counted by the face's quality times its mood's score)."""

from __future__ import annotations

from dataclasses import dataclass

from pose_desktop.tagging.people import FaceRecord
from pose_desktop.vocab.emotion import MOODS


@dataclass
class FaceEmotion:
    """The emotion of one face."""

    face: FaceRecord
    scores: dict[str, float]  # the 7 classes
    emotion: str
    mood: str
    mood_scores: dict[str, float]


def photo_mood(results: list[FaceEmotion]) -> tuple[str, float] | None:
    """The photo's mood: each face counts for its own mood (never one it was not shown with),
    by its quality times that mood's score; the largest total, over the summed weights."""
    if not results:
        return None
    total = {m: 0.0 for m in MOODS}
    weight = 0.0
    for r in results:
        w = max(r.face.quality, 0.05)
        weight += w
        total[r.mood] += w * r.mood_scores[r.mood]
    best = max(total, key=total.get)
    return best, total[best] / weight
