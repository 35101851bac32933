"""What the backbone's ImageNet probabilities mean: scenes, objects, clothing, colours.

``describe`` turns one photo's model outputs into a ``PictureFacts`` — the evidence the
suggester, the relevance rules and the catalog tags all read — with the reasons for each
fact (``vocab.reasons.Reason``: "golden retriever 0.82" / "강아지 0.82"), so every later
decision can be explained in either language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from pose_desktop.catalog.analysis import picture_row
from pose_desktop.inference.imagenet import imagenet_labels
from pose_desktop.tagging.clothing_labels import coarse_probs, decide
from pose_desktop.tagging.colours import GarmentColour
from pose_desktop.tagging.similar import FEATURE_MODEL, decode_vector
from pose_desktop.vocab import objects as object_vocab
from pose_desktop.vocab.clothing import (
    ACCESSORY_EVIDENCE,
    COARSE_CLASSES,
    COARSE_NAMES,
    FINE_CLASSES,
    FINE_NAMES,
    SHOWN,
    SWIMWEAR,
    UPPER,
    ClothingRule,
)
from pose_desktop.vocab.reasons import Reason, from_stored, to_dicts
from pose_desktop.vocab.scene_map import SCENE_BY_KEY, SCENES, SHOWN_SCENES, Scene, label_indices

# Clothing is only reported when the picture shows clothes (or people): the clothing
# model always names some garment, even for a photo of a dog.
CLOTHING_GATE = 0.2
WEAK_MIN = 0.05  # weaker scene scores are kept (for relevance rules), not tagged


@dataclass(frozen=True)
class Fact:
    """One thing seen in the photo, with a score in 0..1 and why (``reasons.text`` shows
    them in a language)."""

    kind: str  # "scene", "object", "clothing", "colour", "face", "season", "hashtag", "people"
    name: str
    score: float
    because: tuple[Reason, ...]

    @property
    def key(self) -> str:
        """``kind:name``, as used by ``scene_map.HASHTAG_EVIDENCE``."""
        return f"{self.kind}:{self.name}"


@dataclass
class PictureFacts:
    """Everything the models say about one photo."""

    facts: list[Fact] = field(default_factory=list)
    features: np.ndarray | None = None  # (1280,) float32 backbone features

    def get(self, key: str) -> Fact | None:
        """The fact with ``kind:name`` == key, if present."""
        for f in self.facts:
            if f.key == key:
                return f
        return None

    def score(self, key: str) -> float:
        """Score of ``key`` (0 when absent)."""
        f = self.get(key)
        return f.score if f else 0.0

    def of_kind(self, kind: str) -> list[Fact]:
        """Facts of one kind, best first."""
        return sorted((f for f in self.facts if f.kind == kind), key=lambda f: -f.score)

    def seen(self, key: str) -> Fact | None:
        """The fact if it is strong enough to tag (scenes: their threshold), else None."""
        f = self.get(key)
        if f is None:
            return None
        if f.kind == "scene" and f.score < SCENE_BY_KEY[f.name].threshold:
            return None
        return f

    def tags(self) -> list[Fact]:
        """The facts that become catalog tags (weak scenes left out, and the scenes another
        group shows: ``scene_map.SHOWN_ELSEWHERE``)."""
        return [f for f in self.facts if self.seen(f.key) is not None
                and (f.kind != "scene" or f.name in SHOWN_SCENES)]

    def to_json(self) -> str:
        """Compact JSON of the facts (stored with the features)."""
        return json.dumps(
            [[f.kind, f.name, round(f.score, 4), to_dicts(f.because)] for f in self.facts],
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None, features: np.ndarray | None = None) -> PictureFacts:
        """Inverse of ``to_json`` (also of an older catalog's English reasons)."""
        items = json.loads(text) if text else []
        return cls([Fact(k, n, float(s), from_stored(k, n, float(s), b)) for k, n, s, b in items], features)


@lru_cache(maxsize=1)
def _scene_index() -> tuple[tuple[Scene, np.ndarray], ...]:
    labels = imagenet_labels()
    return tuple((s, np.array(label_indices(s, labels), dtype=np.int64)) for s in SCENES)


@lru_cache(maxsize=1)
def _scene_matrix() -> np.ndarray:
    """(1000, len(SCENES)) 0/1: which ImageNet labels make up each scene."""
    m = np.zeros((1000, len(SCENES)), dtype=np.float32)
    for k, (_, idx) in enumerate(_scene_index()):
        m[idx, k] = 1.0
    return m


@lru_cache(maxsize=1)
def _accessory_index() -> dict[str, tuple[np.ndarray, float]]:
    """Per accessory of ``vocab.clothing.ACCESSORY_EVIDENCE``: its ImageNet label indices
    and the cut of their summed probability."""
    labels = imagenet_labels()
    return {fine: (np.array([labels.index(n) for n in names], dtype=np.int64), cut)
            for fine, (names, cut) in ACCESSORY_EVIDENCE.items()}


@lru_cache(maxsize=1)
def _swimwear_index() -> np.ndarray:
    """The ImageNet label indices of ``vocab.clothing.SWIMWEAR``."""
    labels = imagenet_labels()
    return np.array([labels.index(n) for n in SWIMWEAR], dtype=np.int64)


@lru_cache(maxsize=1)
def _object_index() -> tuple[tuple[str, np.ndarray, float], ...]:
    """(object key, its reviewed ImageNet label indices, its threshold) of the vocabulary."""
    by_key = object_vocab.imagenet_indices(imagenet_labels())
    return tuple((k, np.array(v, dtype=np.int64), object_vocab.imagenet_min(k)) for k, v in by_key.items())


@lru_cache(maxsize=1)
def _object_matrix() -> np.ndarray:
    """(1000, objects) 0/1: which reviewed ImageNet labels make up each object."""
    index = _object_index()
    m = np.zeros((1000, len(index)), dtype=np.float32)
    for k, (_, idx, _) in enumerate(index):
        m[idx, k] = 1.0
    return m


@lru_cache(maxsize=1)
def _nameable() -> frozenset[int]:
    """ImageNet labels an explanation may name: the reviewed object labels and the animals
    (0..397: "golden retriever 0.82"); garments and the rest are explained by scene name."""
    labels = imagenet_labels()
    return frozenset(range(398)) | {labels.index(x) for x in object_vocab.IMAGENET_OBJECTS}


OBJECT_FLOOR = min(object_vocab.imagenet_min(k) for k in object_vocab.imagenet_keys())

_WEARING = [k for k, s in enumerate(SCENES) if s.key in ("clothing", "person")]


def scene_scores(probs: np.ndarray) -> np.ndarray:
    """Summed probability of every scene (in ``SCENES`` order): (1000,) -> (S,), or a
    batch (N, 1000) -> (N, S) in one product."""
    return probs @ _scene_matrix()


def wearing_score(scores: np.ndarray) -> np.ndarray | float:
    """How strongly the photo shows clothes being worn (clothing or person scenes), from
    ``scene_scores`` of one photo (a float) or a batch (one per photo)."""
    w = scores[..., _WEARING].max(-1)
    return float(w) if w.ndim == 0 else w


def describe(
    probs: np.ndarray,
    fine_probs: np.ndarray | None = None,
    colours: list[GarmentColour] | None = None,
    *,
    people: bool = False,
    head_only: bool = False,
    scores: np.ndarray | None = None,
    rule: ClothingRule | None = None,
) -> PictureFacts:
    """Facts from one photo's ImageNet probabilities and (optional) clothing outputs.

    Args:
        probs: (1000,) softmax over ImageNet classes.
        fine_probs: (10,) clothing-model fine-class probabilities, if it ran.
        colours: garment colours from ``colours.garment_colours``.
        people: faces were found (lets clothing count as worn).
        head_only: a head fills the frame (``people_facts.head_fills_frame``): only a hat
            can be told, and no garment colour.
        scores: ``scene_scores(probs)`` if the caller has it already.
        rule: when a garment is shown (default ``vocab.clothing.SHOWN``).
    """
    labels = imagenet_labels()
    facts: list[Fact] = []
    scores = scene_scores(probs) if scores is None else scores
    for (scene, idx), score in zip(_scene_index(), scores.tolist(), strict=True):
        if score >= WEAK_MIN:
            best = int(idx[int(probs[idx].argmax())])
            if best in _nameable():
                # several labels add up: say so
                kind = "scene_labels" if score - probs[best] >= 0.05 else "scene_label"
                why = Reason.of(kind, scene=scene.key, score=score, label=labels[best],
                                label_score=float(probs[best]))
            else:  # a raw label users are not shown ("brassiere"): the scene's own name
                why = Reason.of("scene", scene=scene.key, score=score)
            facts.append(Fact("scene", scene.key, score, (why,)))
    # objects: only the reviewed ImageNet labels, summed per object of the vocabulary, at
    # the object's calibrated threshold (vocab/objects.py); no raw label reaches a tag
    obj_scores = probs @ _object_matrix()
    index = _object_index()
    for k in np.argsort(-obj_scores):
        key, idx, threshold = index[k]
        score = float(obj_scores[k])
        if score < OBJECT_FLOOR:
            break  # best first: nothing after this can pass
        if score >= threshold:
            best = int(idx[int(probs[idx].argmax())])
            why = Reason.of("object_label", object=key, label=labels[best], score=float(probs[best]))
            facts.append(Fact("object", key, score, (why,)))
    wearing = wearing_score(scores)
    if fine_probs is not None and (wearing >= CLOTHING_GATE or people):
        facts += _clothing_facts(probs, fine_probs, colours, head_only, SHOWN if rule is None else rule)
    return PictureFacts(facts)


def _clothing_facts(probs: np.ndarray, fine_probs: np.ndarray, colours: list[GarmentColour] | None,
                    head_only: bool, rule: ClothingRule) -> list[Fact]:
    """The garment shown of a photo showing clothes (fine class and type, or the type alone,
    or none; ``vocab.clothing.ClothingRule``) and its colours (none without a garment)."""
    k, c = (int(i) for i in decide(fine_probs))
    fine, kind = FINE_CLASSES[k], COARSE_CLASSES[c]
    if head_only and fine != "hat":
        return []  # the clothes are out of the picture
    evidence = _accessory_index().get(fine)
    if evidence is not None and float(probs[evidence[0]].sum()) < evidence[1]:
        return []  # shoes or a hat the backbone does not see: no garment, no colour
    if rule.swim_cut is not None and fine in UPPER and float(probs[_swimwear_index()].sum()) >= rule.swim_cut:
        return []  # a bare chest or a swimsuit: no top
    coarse = coarse_probs(fine_probs)
    why = (Reason.of("clothing_model", garment=fine, score=float(fine_probs[k])),)
    out = []
    if float(fine_probs[k]) >= rule.fine_cuts.get(fine, 0.0):
        out.append(Fact("clothing", fine, float(fine_probs[k]), why))
    elif kind == "other" or float(coarse[c]) < rule.type_cuts.get(kind, 0.0):
        return []  # too unsure of the class and of its type
    else:
        why = (Reason.of("clothing_model", garment=kind, score=float(coarse[c])),)
    # the type too, unless it is "other" or names the same thing (dress, outerwear)
    if kind != "other" and (not out or COARSE_NAMES[kind] != FINE_NAMES[fine]):
        out.append(Fact("clothing", kind, float(coarse[c]), why))
    for col in [] if head_only else colours or []:
        if col.share >= rule.colour_share:
            out.append(Fact("colour", col.name, col.share, (Reason.of("garment_colour", share=col.share),)))
    return out


def stored_facts(db, photo_id: int) -> PictureFacts | None:
    """Facts + features stored for a photo by the picture analyzer (None if not analysed)."""
    row = picture_row(db, photo_id, FEATURE_MODEL)
    if row is None:
        return None
    return PictureFacts.from_json(row[1], decode_vector(row[0]))


HASHTAG_KEEP = 0.03  # hashtag head probabilities kept as facts (lower ones can never be suggested)


def hashtag_facts(tags: list[str], probs: np.ndarray) -> list[Fact]:
    """``hashtag`` facts from the hashtag head's calibrated probabilities (best first)."""
    order = np.argsort(-probs)
    return [Fact("hashtag", tags[k], float(probs[k]), (Reason.of("picture_model", score=float(probs[k])),))
            for k in order if probs[k] >= HASHTAG_KEEP]
