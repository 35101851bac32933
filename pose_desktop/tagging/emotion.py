"""What the emotion model's outputs mean for a photo: each face's emotion and mood, and the
photo's mood (its faces' moods, each counted by the face's quality times its mood's score),
and the library's balance of moods the faces' probabilities are adapted to."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pose_desktop.tagging.people import FaceRecord
from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF, MOODS


@dataclass
class FaceEmotion:
    """The emotion of one face."""

    face: FaceRecord
    scores: dict[str, float]  # the 7 classes
    emotion: str
    mood: str
    mood_scores: dict[str, float]
    probs: np.ndarray | None = None  # the head's own 7 probabilities (before the library's balance)


# A face whose box is narrower than this many pixels, as the head sees it (the decoded
# photo's pixels its crop is cut from), gets no emotion and no mood: too few pixels to read an
# expression. Of the 359 real faces labelled by eye (benchmarks/data/emotion_real_faces.csv),
# 54 of the 69 under 24 px were unreadable to the eye, and of all 69 only 11 got the mood the
# eye gave them (23 were shown negative, none is); from 24 to 32 px half were right. The 123
# clear LFW faces of >= 100 px shrunk to 24 px keep their full-size mood on 71 % (16 px: 45 %,
# 40 px: 90 %). MODELS.md, emotion.onnx, "readable faces only".
MIN_READABLE_SIDE = 24.0


def readable(box: np.ndarray) -> bool:
    """Whether a face box ``[x1, y1, x2, y2]`` (in the pixels the emotion crop is cut from) is
    large enough for its expression to be read (``MIN_READABLE_SIDE``)."""
    return min(float(box[2] - box[0]), float(box[3] - box[1])) >= MIN_READABLE_SIDE


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


# --- the library's mood balance (label shift) ----------------------------------------------
# The emotion head learnt the dev crops' balance of moods (48 % negative); a library of
# everyday photos has another (2.4 % negative faces in 250 labelled by eye), and the head's
# probabilities carry the dev balance into it: neutral faces shown sad. ``library_prior``
# estimates the library's own balance from its faces' probabilities (Saerens, Latinne &
# Decaestecker 2002, EM, with pseudo-counts toward the head's own balance so that a small
# library stays near it) and ``adapt`` re-weights each face's probabilities to it. Measured
# in MODELS.md (emotion.onnx, "library balance").


def mood_sums(probs: np.ndarray) -> np.ndarray:
    """``N×7`` emotion probabilities → ``N×3`` summed per mood, in ``MOODS`` order."""
    p = np.asarray(probs, dtype=np.float64).reshape(-1, len(EMOTIONS))
    return p @ _FOLD.T


def library_prior(probs: np.ndarray, reference: np.ndarray, strength: float,
                  iters: int = 500) -> np.ndarray:
    """The mood balance (``MOODS`` order, sums to 1) of the faces whose emotion
    probabilities are ``probs`` (``N×7``), for a head whose probabilities assume the balance
    ``reference``: the maximum a posteriori EM estimate with ``strength`` pseudo-faces at
    ``reference`` (no faces: ``reference`` itself)."""
    ref = np.asarray(reference, dtype=np.float64)
    sums = mood_sums(probs)
    prior = ref.copy()
    for _ in range(iters):
        w = sums * (prior / ref)
        w /= np.maximum(w.sum(1, keepdims=True), 1e-300)
        new = (w.sum(0) + strength * ref) / (len(sums) + strength)
        if np.abs(new - prior).max() < 1e-9:
            return new
        prior = new
    return prior


def adapt(probs: np.ndarray, prior: np.ndarray | None, reference: np.ndarray | None) -> np.ndarray:
    """``probs`` (one face's 7 or ``N×7``) re-weighted from the head's mood balance
    ``reference`` to the library's ``prior`` (each emotion by its mood's ratio),
    renormalised; unchanged when either is None."""
    p = np.asarray(probs, dtype=np.float64)
    if prior is None or reference is None:
        return p
    ratio = (np.asarray(prior, dtype=np.float64) / np.asarray(reference, dtype=np.float64)) @ _FOLD
    out = p * ratio
    return out / out.sum(-1, keepdims=True)


# mood k (``MOODS`` order) x emotion j (``EMOTIONS`` order): 1 where emotion j folds into mood k
_FOLD = np.array([[1.0 if MOOD_OF[e] == m else 0.0 for e in EMOTIONS] for m in MOODS])
