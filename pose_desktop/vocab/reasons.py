"""Why a fact or a hashtag suggestion holds, as data: a ``Reason`` is a kind and its
parameters, rendered in Korean or English from ``TEMPLATES`` only when it is shown.

Every producer of evidence (the scene, object, clothing and people facts, the suggester,
the personal hashtag model) builds ``Reason.of(kind, **params)``; the catalog stores
``Reason.to_dict()`` (``{"kind": ..., **params}``), ``pose suggest --json`` prints it, and
the window, the detail panel and the CLI show ``text(reasons, lang)``.

Parameters are numbers (formatted by the template: ``{score:.2f}``, ``{share:.0%}``),
hashtags (``tag``, ``seen``: shown as written, after ``#``), or names translated here from
the label tables: ``scene``, ``object``, ``garment`` (clothing), ``colours`` (a list),
``season``. ``label`` is the ImageNet label behind a score: kept in the data (``--json``)
but never shown: ImageNet's 1000 labels are not reviewed ("brassiere", "neck brace"), so
both languages name the curated scene or object instead. A new kind adds one row to ``TEMPLATES`` with both languages
(tests/vocab/test_reasons.py checks every kind renders in both).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pose_desktop.vocab import labels

# kind -> (Korean, English). A template is a str.format string or, where English needs a
# singular, a (one, other) pair chosen by the parameter ``n``.
TEMPLATES: dict[str, tuple[str | tuple[str, str], str | tuple[str, str]]] = {
    # the picture models (tagging/scenes.py)
    "scene": ("{scene} {score:.2f}", "{scene} {score:.2f}"),
    "scene_label": ("{scene} {label_score:.2f}", "{scene} {label_score:.2f}"),
    "scene_labels": ("{scene} {score:.2f}", "{scene} {score:.2f}"),
    "object_label": ("{object} {score:.2f}", "{object} {score:.2f}"),
    "clothing_model": ("옷 모델: {garment} {score:.2f}", "clothing model {garment} {score:.2f}"),
    "garment_colour": ("옷 픽셀의 {share:.0%}", "{share:.0%} of garment pixels"),
    "picture_model": ("사진 모델 {score:.2f}", "picture model {score:.2f}"),
    # the object detector (tagging/objects.py)
    "detector": ("물체 감지: {object} {score:.2f}", "detector: {object} {score:.2f}"),
    "couple_people": ("두 사람, 사진의 {a:.0%}와 {b:.0%}", "2 people, {a:.0%} and {b:.0%} of the photo"),
    "couple_faces": ("얼굴 두 개, 사진의 {a:.1%}와 {b:.1%}", "2 faces, {a:.1%} and {b:.1%} of the photo"),
    "book_held": ("사람 손에 책 {score:.2f}", "book {score:.2f} in someone's hands"),
    "people": ("{n}명", ("1 person", "{n} people")),
    "close_face": ("가까운 얼굴 하나 (사진의 {area:.0%})", "one close face ({area:.0%} of the photo)"),
    "close_face_unsure": ("가까운 얼굴 하나 (사진의 {area:.0%}, 얼굴 확인 불확실)",
                          "one close face ({area:.0%} of the photo; the face check was unsure)"),
    "face_fills": ("사진의 {area:.0%}를 채운 얼굴 하나", "one face filling {area:.0%} of the photo"),
    "person_fills": ("사진의 {area:.0%}를 채운 한 사람", "one person filling {area:.0%} of the photo"),
    "people_subject": ("{n}명, 주인공 {subject}명", ("1 person, {subject} the subject",
                                               "{n} people, {subject} the subject")),
    "people_in_picture": ("사진 속 {n}명", ("1 person in the picture", "{n} people in the picture")),
    # faces (tagging/people_facts.py)
    "faces_found": ("얼굴 {n}개", ("1 face found", "{n} faces found")),
    "face_age": ("약 {age:.0f}세 얼굴", "face aged about {age:.0f}"),
    "adult_faces": ("어른 얼굴 {n}개", ("1 adult face", "{n} adult faces")),
    "large_face": ("큰 얼굴 하나 (사진의 {area:.0%})", "one large face ({area:.0%} of the photo)"),
    "two_faces": ("비슷한 크기의 얼굴 두 개", "two faces of similar size"),
    "faces": ("얼굴 {n}개", ("1 face", "{n} faces")),
    # the suggester (tagging/suggest.py)
    "season": ("{season}에 찍음", "taken in {season}"),
    "outfit": ("{colours} {garment}", "{colours} {garment}"),
    "best_guess": ("가장 가까운 추측", "best guess"),
    # the personal hashtag model (tagging/personal.py)
    "habit": ("자주 쓰는 태그: 내 게시물의 {share:.0%}에 #{tag}", "your habit: #{tag} on {share:.0%} of your posts"),
    "cooccur": ("#{seen} 사진의 {share:.0%}에 #{tag}을(를) 붙임; 사진 모델 #{seen} {score:.2f}",
                "you often add #{tag} to #{seen} photos ({share:.0%}); picture #{seen} {score:.2f}"),
    "personal_direct": ("내 #{tag}: 사진 모델 {score:.2f}", "your #{tag}: picture model {score:.2f}"),
    "like_yours": ("내 #{tag} 사진 {n}장과 비슷함 {score:.2f}", "like your #{tag} photos ({n}) {score:.2f}"),
    "uses": ("내 게시물의 {share:.0%}에 #{tag} 사용", "you use #{tag} on {share:.0%} of your posts"),
    "personal_head": ("내 #{tag} 모델 {score:.2f}", "your #{tag} model {score:.2f}"),
    # an analyzer's own words (a plugin without a table row): shown as written
    "note": ("{text}", "{text}"),
}

SEASONS: dict[str, tuple[str, str]] = {
    "spring": ("봄", "spring"), "summer": ("여름", "summer"),
    "autumn": ("가을", "autumn"), "winter": ("겨울", "winter"),
}
SEPARATOR = "; "
# the facts without a tag table (people and faces, the date): kind or kind:name -> (ko, en)
FACT_NAMES: dict[str, tuple[str, str]] = {
    "face": ("얼굴", "face"), "people": ("사람", "people"), "season": ("계절", "season"),
    "face:people": ("사람", "people"), "face:child": ("아이", "child"), "face:adult": ("어른", "adult"),
    "face:selfie": ("셀카", "selfie"), "face:couple": ("커플", "couple"), "face:group": ("단체", "group"),
    "people:detected": ("감지됨", "detected"), "people:subject": ("주인공", "subject"),
    "people:couple": ("커플", "couple"), "people:group": ("단체", "group"),
    "people:selfie": ("셀카", "selfie"), "people:reading": ("독서", "reading"),
    "face:face_fills": ("얼굴이 가득", "face fills the frame"),
    "people:face_fills": ("얼굴이 가득", "face fills the frame"),
}


def _tables() -> dict[str, dict[str, tuple[str, str]]]:
    return {"scene": labels.TABLES["scene"], "object": labels.TABLES["object"],
            "garment": labels.TABLES["clothing"], "colours": labels.TABLES["colour"],
            "season": SEASONS}


def _name(table: dict[str, tuple[str, str]], name: str, lang: str) -> str:
    pair = table.get(name)
    return (pair[0] if lang == "ko" else pair[1]) if pair else name


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: a ``TEMPLATES`` kind and its parameters (hashable)."""

    kind: str
    args: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, kind: str, **params: Any) -> Reason:
        """``Reason.of("detector", object="dog", score=0.91)``; floats are kept to 4
        places (as the catalog stores them), lists become tuples."""
        if kind not in TEMPLATES:
            raise KeyError(f"unknown reason kind {kind!r}: add it to vocab/reasons.py TEMPLATES")
        return cls(kind, tuple(sorted((k, _plain(v)) for k, v in params.items())))

    @property
    def params(self) -> dict[str, Any]:
        """The parameters by name."""
        return dict(self.args)

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": ..., **params}`` (JSON-ready: the catalog and ``--json``)."""
        return {"kind": self.kind, **{k: list(v) if isinstance(v, tuple) else v for k, v in self.args}}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        """Inverse of ``to_dict``; an unknown kind (a newer catalog) shows as a note."""
        d = dict(d)
        kind = d.pop("kind", "note")
        if kind not in TEMPLATES:
            return cls.of("note", text=kind)
        return cls.of(kind, **d)

    def text(self, lang: str = "en") -> str:
        """The reason in ``lang`` ('ko' or 'en')."""
        ko, en = TEMPLATES[self.kind]
        template = ko if lang == "ko" else en
        params = self.params
        if isinstance(template, tuple):
            template = template[0] if params.get("n") == 1 else template[1]
        tables = _tables()
        for key, table in tables.items():
            if key in params:
                v = params[key]
                params[key] = (" ".join(_name(table, c, lang) for c in v) if isinstance(v, tuple)
                               else _name(table, v, lang))
        return template.format(**params)


def fact_name(kind: str, name: str, lang: str = "en") -> str:
    """What a fact is about, in ``lang``: 'scene dog' (its keys) in English, '장면 강아지'
    in Korean."""
    if lang != "ko":
        return f"{kind} {name}"
    if kind in labels.TABLES or kind in labels.KIND_LABELS:
        return f"{labels.kind_label(kind, lang)} {labels.tag_label(kind, name, lang)}"
    if kind == "season":
        return f"{FACT_NAMES[kind][0]} {_name(SEASONS, name, lang)}"
    return f"{_name(FACT_NAMES, kind, lang)} {_name(FACT_NAMES, f'{kind}:{name}', lang)}"


def _plain(v: Any) -> Any:
    if isinstance(v, list | tuple):
        return tuple(_plain(x) for x in v)
    if isinstance(v, float):
        return round(v, 4)
    if hasattr(v, "item"):  # a numpy scalar
        return _plain(v.item())
    return v


def text(reasons: Iterable[Reason], lang: str = "en") -> str:
    """Several reasons as one line ("picture model 0.91; 2 people")."""
    return SEPARATOR.join(r.text(lang) for r in reasons)


def to_dicts(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """``Reason.to_dict`` of each (for JSON)."""
    return [r.to_dict() for r in reasons]


def from_stored(kind: str, name: str, score: float, stored: Any) -> tuple[Reason, ...]:
    """The reasons of a fact as the catalog stored them: a list of ``to_dict``s, or, from
    a catalog written before reasons were data, an English line; that line is replaced by
    what the fact itself says (its name and score), so it shows in either language."""
    if isinstance(stored, list):
        return tuple(Reason.from_dict(d) for d in stored)
    if kind == "scene":
        return (Reason.of("scene", scene=name, score=score),)
    if kind == "object":
        return (Reason.of("detector" if str(stored).startswith("detector") else "object_label",
                          object=name, score=score, label=name),)
    if kind == "clothing":
        return (Reason.of("clothing_model", garment=name, score=score),)
    if kind == "colour":
        return (Reason.of("garment_colour", share=score),)
    if kind == "hashtag":
        return (Reason.of("picture_model", score=score),)
    return (Reason.of("note", text=str(stored)),)
