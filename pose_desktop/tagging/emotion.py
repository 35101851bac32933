"""What the emotion model's outputs mean for a photo: each face's emotion and mood, and the
photo's mood (the quality-weighted sum of its faces' mood scores)."""

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
    """The photo's mood: the largest quality-weighted sum of face mood scores."""
    if not results:
        return None
    total = {m: 0.0 for m in MOODS}
    weight = 0.0
    for r in results:
        w = max(r.face.quality, 0.05)
        weight += w
        for m in MOODS:
            total[m] += w * r.mood_scores[m]
    best = max(total, key=total.get)
    return best, total[best] / weight
