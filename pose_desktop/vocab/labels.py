"""Display names of tags and tag kinds in Korean and English, and their search terms.

Every table is plain data imported here (``TABLES``: kind -> name -> (Korean, English)), so
any process sees every label whatever else it imported; a new tag kind adds its table
module to this package, one row to ``TABLES`` and one to ``KIND_LABELS`` / ``KIND_ORDER``.
Tags of kinds without a table (people, the user's own tags) show their own name in both
languages; object tags only ever come from the reviewed table of vocab/objects.py.
"""

from __future__ import annotations

from pose_desktop.vocab import clothing, colours, emotion, hashtags, objects, scene_map

KIND_LABELS: dict[str, tuple[str, str]] = {
    "hashtag": ("해시태그", "Hashtags"),
    "person": ("사람", "People"),
    "scene": ("장면", "Scenes"),
    "object": ("사물", "Objects"),
    "clothing": ("옷", "Clothing"),
    "mood": ("기분", "Mood"),
    "emotion": ("감정", "Emotion"),
    "user": ("내 태그", "My tags"),
    "flag": ("확인 필요", "Flagged"),
    "colour": ("색", "Colours"),
}
# The order of the kinds in the tag tree.
KIND_ORDER: tuple[str, ...] = (
    "hashtag", "person", "scene", "object", "clothing", "mood", "emotion", "user", "flag",
)

# kind -> name -> (korean, english)
TABLES: dict[str, dict[str, tuple[str, str]]] = {
    "scene": {s.key: (s.ko, s.en) for s in scene_map.SCENES},
    "clothing": clothing.NAMES,
    "colour": colours.PALETTE,
    "emotion": emotion.NAMES,
    "object": objects.NAMES,
    "mood": emotion.MOOD_NAMES,
}


def kind_label(kind: str, lang: str = "en") -> str:
    """Display name of a tag kind."""
    ko, en = KIND_LABELS.get(kind, (kind, kind))
    return ko if lang == "ko" else en


def tag_label(kind: str, name: str, lang: str = "en") -> str:
    """Display name of a tag in ``lang`` ('ko' or 'en'); falls back to its name."""
    if kind == "hashtag":
        if lang == "en":
            return hashtags.english_name(name) or name
        return name
    pair = TABLES.get(kind, {}).get(name)
    if pair:
        return pair[0] if lang == "ko" else pair[1]
    return name


# A model score is shown as a whole percent, never 100: the scores are summed softmax
# probabilities (scenes, ImageNet objects), a detector's confidence or a calibrated head's
# probability, none of which is certainty; MobileNetV2's 1000-way softmax is overconfident
# (a scene's summed probability reaches 0.999 on ordinary photos) and "100 %" reads as a
# fact.
MAX_PERCENT = 99


def shown_percent(score: float) -> int:
    """A model score in 0..1 as the whole percent users see: rounded, at most
    ``MAX_PERCENT`` and at least 1 (a score below 0.5 % is never a tag)."""
    return max(1, min(MAX_PERCENT, round(score * 100)))


# The kinds that name things in the picture (one thing may be in two of them).
THINGS = ("scene", "object", "clothing")


def _korean_names_by_english() -> dict[str, tuple[str, ...]]:
    """English name -> every Korean name the tables give it (the scene 'dog' is 강아지,
    the detector's 'dog' is 개: one thing, found by either word). Things only: the colour
    'orange' (주황) is not the fruit (오렌지)."""
    names: dict[str, list[str]] = {}
    for kind in THINGS:
        for ko, en in TABLES[kind].values():
            if ko not in names.setdefault(en.lower(), []):
                names[en.lower()].append(ko)
    return {en: tuple(kos) for en, kos in names.items()}


def search_terms(kind: str, name: str) -> list[str]:
    """Words a text search should match this tag by (both languages, variants, and the
    other Korean names of the same English one)."""
    terms = [name]
    if kind == "hashtag":
        terms.extend(hashtags.variants_of(name))
    pair = TABLES.get(kind, {}).get(name)
    if pair:
        terms.extend(pair)
        if kind in THINGS:
            terms.extend(ko for ko in KOREAN_NAMES_BY_ENGLISH.get(pair[1].lower(), ()) if ko != pair[0])
            # the same thing's other words (개 for the dog, 강아지 everywhere it is shown)
            terms.extend(objects.SEARCH_ALIASES.get(name, ()))
    return terms


KOREAN_NAMES_BY_ENGLISH = _korean_names_by_english()
