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


def search_terms(kind: str, name: str) -> list[str]:
    """Words a text search should match this tag by (both languages, variants)."""
    terms = [name]
    if kind == "hashtag":
        terms.extend(hashtags.variants_of(name))
    pair = TABLES.get(kind, {}).get(name)
    if pair:
        terms.extend(pair)
    return terms
