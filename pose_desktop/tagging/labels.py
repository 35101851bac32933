"""Display names of tags and tag kinds in Korean and English, and their search terms.

Modules that create tags register Korean/English names for them here
(``register_labels``) so the trees, the detail panel and search speak both languages.
"""

from __future__ import annotations

from pose_desktop.tagging import hashtags

KIND_LABELS: dict[str, tuple[str, str]] = {
    "hashtag": ("해시태그", "Hashtags"),
    "person": ("사람", "People"),
    "scene": ("장면", "Scenes"),
    "object": ("사물", "Objects"),
    "clothing": ("옷", "Clothing"),
    "emotion": ("감정", "Emotion"),
    "user": ("내 태그", "My tags"),
    "flag": ("확인 필요", "Flagged"),
    "colour": ("색", "Colours"),
}

# kind -> name -> (korean, english)
_LABELS: dict[str, dict[str, tuple[str, str]]] = {}


# kind -> module that registers its labels on import (so any caller sees them)
_LAZY_MODULES: dict[str, str] = {
    "scene": "pose_desktop.tagging.scenes",
    "clothing": "pose_desktop.tagging.scenes",
    "colour": "pose_desktop.tagging.scenes",
}


def _labels_of(kind: str) -> dict[str, tuple[str, str]]:
    if kind not in _LABELS and kind in _LAZY_MODULES:
        import importlib

        importlib.import_module(_LAZY_MODULES[kind])
    return _LABELS.get(kind, {})


def register_labels(kind: str, labels: dict[str, tuple[str, str]]) -> None:
    """Declare the Korean and English names of tags of ``kind``."""
    _LABELS.setdefault(kind, {}).update(labels)


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
    pair = _labels_of(kind).get(name)
    if pair:
        return pair[0] if lang == "ko" else pair[1]
    return name


def search_terms(kind: str, name: str) -> list[str]:
    """Words a text search should match this tag by (both languages, variants)."""
    terms = [name]
    if kind == "hashtag":
        terms.extend(hashtags.variants_of(name))
    pair = _labels_of(kind).get(name)
    if pair:
        terms.extend(pair)
    return terms
