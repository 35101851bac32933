"""Garment classes of the clothing model, with Korean and English names.

The fine classes are those of the CC0 clothing set the model is trained on; the coarse
types are the Eyepic project's four (dress / outerwear / top / bottom) plus "other"
(hats, shoes), which are accessories rather than a garment type.
"""

from __future__ import annotations

import numpy as np

FINE_CLASSES: tuple[str, ...] = (
    "dress",
    "hat",
    "longsleeve",
    "outwear",
    "pants",
    "shirt",
    "shoes",
    "shorts",
    "skirt",
    "t-shirt",
)
COARSE_CLASSES: tuple[str, ...] = ("dress", "outerwear", "top", "bottom", "other")
FINE_TO_COARSE: dict[str, str] = {
    "dress": "dress",
    "outwear": "outerwear",
    "t-shirt": "top",
    "shirt": "top",
    "longsleeve": "top",
    "pants": "bottom",
    "shorts": "bottom",
    "skirt": "bottom",
    "hat": "other",
    "shoes": "other",
}
# Names shown to the user and used as tags (kind "clothing").
FINE_NAMES: dict[str, tuple[str, str]] = {
    "dress": ("원피스", "dress"),
    "hat": ("모자", "hat"),
    "longsleeve": ("긴팔", "long sleeve"),
    "outwear": ("아우터", "outerwear"),
    "pants": ("바지", "pants"),
    "shirt": ("셔츠", "shirt"),
    "shoes": ("신발", "shoes"),
    "shorts": ("반바지", "shorts"),
    "skirt": ("치마", "skirt"),
    "t-shirt": ("티셔츠", "t-shirt"),
}
COARSE_NAMES: dict[str, tuple[str, str]] = {
    "dress": ("원피스", "dress"),
    "outerwear": ("아우터", "outerwear"),
    "top": ("상의", "top"),
    "bottom": ("하의", "bottom"),
    "other": ("잡화", "accessory"),
}


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
