"""What the clothing model's garment probabilities mean: coarse sums, the decision, the
hat check (the classes and their names are in ``vocab.clothing``)."""

from __future__ import annotations

import numpy as np

from pose_desktop.vocab.clothing import COARSE_CLASSES, FINE_CLASSES, FINE_TO_COARSE

HAT = FINE_CLASSES.index("hat")
TINY = 1e-12  # floor of a coarse sum before dividing by it
# (fine, coarse) 0/1: the coarse type of each fine class
TO_COARSE = np.array([[float(FINE_TO_COARSE[f] == c) for c in COARSE_CLASSES] for f in FINE_CLASSES],
                     dtype=np.float32)


def coarse_probs(fine_probs: np.ndarray) -> np.ndarray:
    """Coarse-type probabilities: sums of the fine ones, (..., 10) -> (..., 5)."""
    return fine_probs @ TO_COARSE


def decide(fine_probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The answer for (..., 10) fine probabilities: the most probable coarse type, then
    the most probable fine class of that type, so the two never contradict (a dress at
    0.3 beside t-shirt, shirt and longsleeve summing to 0.5 is a "top", and its fine class
    a top too). Returns (fine indices, coarse indices)."""
    coarse = coarse_probs(fine_probs).argmax(-1)
    return (fine_probs * np.take(TO_COARSE.T, coarse, axis=0)).argmax(-1), coarse


def blend_coarse(fine_probs: np.ndarray, coarse_model_probs: np.ndarray) -> np.ndarray:
    """Fine probabilities (N, 10) rescaled so that each coarse type's sum becomes the mean
    of the fine classifier's own sum and a coarse classifier's probability (N, 5); inside a
    type the fine classes keep their proportions (renormalised: a type whose fine classes
    all underflowed to 0 stays at 0). The clothing graph does this
    (pose_desktop.training.clothing)."""
    sums = coarse_probs(fine_probs)
    scale = (sums + coarse_model_probs) / 2 / np.maximum(sums, TINY)
    p = fine_probs * (scale @ TO_COARSE.T)
    return p / p.sum(-1, keepdims=True)


def hat_checked(fine_probs: np.ndarray, hat_prob: np.ndarray) -> np.ndarray:
    """Fine probabilities (N, 10) without "hat" where the clothing model's hat check says
    no hat is there (``hat_prob`` < 0.5; the 10-way classifier calls a bare head a hat),
    renormalised."""
    p = fine_probs.copy()
    p[hat_prob < 0.5, HAT] = 0.0
    return p / p.sum(1, keepdims=True)
