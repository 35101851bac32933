"""Hashtag suggestions for a photo: the hashtag head, the evidence rules and the user's own
hashtags, each suggestion with its reasons (``vocab.reasons.Reason``, shown in the user's
language: "picture model 0.91; 2 faces" / "사진 모델 0.91; 얼굴 2개").

Three sources, combined here:

- the hashtag head (``hashtag`` facts: calibrated probabilities of the built-in hashtags it
  was trained on, ``inference.hashtag_head``): a hashtag is suggested from its own
  threshold (chosen by cross-validation); the reason adds the rule evidence that agrees;
- the rules (``scene_map.HASHTAG_EVIDENCE`` + ``EXTRA_EVIDENCE``): they suggest the hashtags
  the head has no or too little data for (seasons, 캠핑, 독서, 네일아트, 떡볶이, 치킨...);
- the personal model (the user's own hashtags, ``personal``).

Evidence never invents: a season only from a real date (EXIF or the post's date: callers
pass None for a date that came from the file's mtime), 셀카 only for one close face,
커플 only for two people who are the subject, 패션 only when a person is the subject and
not on a head filling the frame (no outfit in view: 28 of the 120 studio portraits of
faces/ got it, none of the hashtags/ photos the head suggests it for lose it),
운동 never on a face filling the frame (a head-and-shoulders portrait shows no workout)
unless a gym, a sport or sports gear is seen (``gate``), whatever the head says; on a face
covering over 55 % of the photo (a portrait, which the head never learnt from) the head's
ideas below the tick level only with evidence of their own (``OWN_EVIDENCE_FACE``). Where the COCO detector ran (``people`` facts,
``tagging.objects.people_layout``) its people decide; otherwise the faces do (two faces of
similar size, one large face) and, for 패션, a person or worn clothes in the scenes. Works the same for a library photo (facts read from
the catalog) and a dropped file (facts computed now by the same analyzers, ``analysis.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pose_desktop.tagging.personal import PersonalModel
from pose_desktop.tagging.scenes import CLOTHING_GATE, Fact, PictureFacts
from pose_desktop.vocab import hashtags
from pose_desktop.vocab import objects as object_vocab
from pose_desktop.vocab.reasons import Reason
from pose_desktop.vocab.scene_map import HASHTAG_EVIDENCE

# Built-in tags beyond the original 20 (see hashtags.BUILTIN_HASHTAGS) and their evidence.
EXTRA_EVIDENCE: dict[str, tuple[str, ...]] = {
    "음식": ("scene:food",),
    "바다": ("scene:sea", "scene:beach"),
    "가을": ("season:autumn",),
    # a season only from a real date: snow lies outside winter too (on the dev photos,
    # none dated, 26 snowy ones got #겨울 from the scene; none of them was labelled so)
    "겨울": ("season:winter",),
}
SEASON_SCORE = 0.55  # the date alone: plausible, never above clear visual evidence
SECONDARY_WEIGHT = 0.6  # later evidence in a tag's list counts less than the first
MIN_SCORE = 0.2
# The head's tags the rules may still suggest on their own evidence (the head saw few
# photos of them); for its other tags the rules only add their evidence to the reason.
RULE_TAGS_BESIDE_HEAD = frozenset({"캠핑", "독서", "봄"})
FALLBACK_MIN = 0.1  # a photo nothing passes for gets the head's best tag from this probability
FILL_TO = 3  # fewer passing: the next best from their fill thresholds too
FILL_NEVER = frozenset({"패션"})  # ... but never a tag whose threshold keeps a precision target
DEFAULT_THRESHOLD = 0.5
DATE_ONLY_LAST = True  # a season known only from the date ranks after the picture's tags
# What lets 운동 through on a face filling the frame (``gate``); sports gear too (objects of
# the vocabulary's "sport" group)
WORKOUT_SCENES = ("scene:gym", "scene:sport")
# On a face covering over OWN_EVIDENCE_FACE of the photo (a passport-style portrait: the
# hashtag head saw 3 such photos among its 3,372, the 120 studio portraits of faces/ have
# 57-88 %) a head idea below OWN_EVIDENCE_BELOW (the drop panel's tick level) is offered
# only with evidence of its own: its rules' (``builtin_suggestions``), its gate's, or these
# objects. From 40 % the head's bare ideas still held 2 of 6 (close-ups of children eating,
# faces 45 and 51 %, #음식): chosen on those 19 dev photos, not cross-validated.
OWN_EVIDENCE_FACE = 0.55
OWN_EVIDENCE_BELOW = 0.40
OWN_OBJECT_GROUPS: dict[str, tuple[str, ...]] = {
    "음식": ("food", "tableware"), "카페": ("drink", "tableware"), "운동": ("sport",),
    "생일": ("party",),
}

SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}


@dataclass(frozen=True)
class Suggestion:
    """One suggested hashtag."""

    tag: str  # canonical hashtag (Korean for built-ins; the user's spelling for their own)
    english: str | None  # English name of a built-in tag
    score: float  # 0..1
    source: str  # "builtin", "personal" or "builtin+personal"
    because: tuple[Reason, ...]

    def label(self, lang: str = "en") -> str:
        """'#강아지 (dog)' or '#강아지' depending on the language."""
        if lang == "en" and self.english:
            return f"#{self.tag} ({self.english})"
        return f"#{self.tag}"


def season_of(when: date | datetime | str | None) -> str | None:
    """'spring', 'summer', 'autumn' or 'winter' (northern hemisphere) for a date."""
    if when is None:
        return None
    if isinstance(when, str):
        try:
            when = datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return None
    return SEASONS[when.month]


def _person_subject(facts: PictureFacts) -> Fact | None:
    """Evidence that a person or a worn outfit is the subject (for 패션)."""
    if facts.get("people:detected") is not None:  # the detector ran: its people decide
        return facts.get("people:subject")
    for f in facts.of_kind("face"):
        if f.name in ("selfie", "couple", "people"):
            return f
    for key in ("scene:person", "scene:clothing"):
        f = facts.get(key)
        if f is not None and f.score >= CLOTHING_GATE:
            return f
    return None


def _sport_seen(facts: PictureFacts) -> Fact | None:
    """Evidence of a workout beside the people: the gym or sport scene, or sports gear."""
    for key in WORKOUT_SCENES:
        f = facts.seen(key)
        if f is not None:
            return f
    return next((f for f in facts.of_kind("object") if object_vocab.GROUP.get(f.name) == "sport"), None)


def face_fills(facts: PictureFacts) -> bool:
    """One face filling the frame with at most one subject person (the detector's people
    where it ran, else the faces)."""
    detected = facts.get("people:detected") is not None
    return facts.get("people:face_fills" if detected else "face:face_fills") is not None


def _face_area(facts: PictureFacts) -> float:
    """How much of the photo the face filling the frame covers (0: none does)."""
    if not face_fills(facts):
        return 0.0
    f = facts.get("people:face_fills") or facts.get("face:face_fills")
    return max((float(dict(r.args).get("area", 0.0)) for r in f.because), default=0.0)


def _own_objects(tag: str, facts: PictureFacts) -> Fact | None:
    groups = OWN_OBJECT_GROUPS.get(tag, ())
    return next((f for f in facts.of_kind("object") if object_vocab.GROUP.get(f.name) in groups), None)


def gate(tag: str, facts: PictureFacts) -> tuple[bool, Fact | None]:
    """Whether ``tag`` may be suggested at all, and the evidence that allows it."""
    detected = facts.get("people:detected") is not None  # the COCO detector's people
    if tag in ("셀카", "커플"):
        name = "selfie" if tag == "셀카" else "couple"
        f = facts.get(f"people:{name}") if detected else facts.get(f"face:{name}")
        return f is not None, f
    if tag == "패션":
        if face_fills(facts):  # a head filling the frame: no outfit in view
            return False, None
        f = _person_subject(facts)
        return f is not None, f
    if tag == "운동" and face_fills(facts):
        # a head filling the frame: no body, so a workout only where the sport is seen
        f = _sport_seen(facts)
        return f is not None, f
    return True, None


def _evidence_score(facts: PictureFacts, key: str, season: str | None) -> Fact | None:
    if key.startswith("season:"):
        if season == key.split(":", 1)[1]:
            return Fact("season", season, SEASON_SCORE, (Reason.of("season", season=season),))
        return None
    if key == "clothing":
        garments = facts.of_kind("clothing")
        if not garments:
            return None
        g = garments[0]
        colours = [c.name for c in facts.of_kind("colour")]
        # as sure as the garment class, or as the backbone's "clothes are shown" mass
        worn = max(facts.score("scene:clothing"), facts.score("scene:person"))
        score = min(0.9, max(worn, g.score) * 0.85)
        return Fact("clothing", g.name, score, (Reason.of("outfit", colours=colours[:2], garment=g.name), *g.because))
    return facts.seen(key)


def builtin_suggestions(facts: PictureFacts, season: str | None,
                        evidence: dict[str, tuple[str, ...]] | None = None) -> list[Suggestion]:
    """Built-in hashtags whose rule evidence is in the picture (or the date); the gates
    (셀카, 커플, 패션) apply. ``evidence``: another evidence table in place of
    ``HASHTAG_EVIDENCE`` (benchmarks compare tables)."""
    out = []
    evidence = dict(HASHTAG_EVIDENCE if evidence is None else evidence) | EXTRA_EVIDENCE
    for tag, keys in evidence.items():
        allowed, _ = gate(tag, facts)
        if not allowed:
            continue
        best: tuple[float, Fact] | None = None
        for rank, key in enumerate(keys):
            fact = _evidence_score(facts, key, season)
            if fact is None:
                continue
            weight = 1.0 if rank == 0 or fact.kind == "season" else SECONDARY_WEIGHT
            score = fact.score * weight
            if best is None or score > best[0]:
                best = (score, fact)
        if best and best[0] >= MIN_SCORE:
            out.append(Suggestion(tag, hashtags.english_name(tag), best[0], "builtin", best[1].because))
    return out


def head_suggestions(
    facts: PictureFacts, thresholds: dict[str, float] | None, rules: dict[str, Suggestion],
    fill: dict[str, float] | None = None,
) -> list[Suggestion]:
    """The head's hashtags at or above their threshold (gated), each with the rule
    evidence that agrees in its reason; when fewer than ``FILL_TO`` pass, the next best
    allowed ones at or above their ``fill`` threshold ("best guess"; chosen by
    cross-validation like the thresholds, so that no hashtag is suggested much more often
    than it applies); when still none, the best allowed one from ``FALLBACK_MIN``.
    On a face covering ``OWN_EVIDENCE_FACE`` of the photo an idea below
    ``OWN_EVIDENCE_BELOW`` needs evidence of its own (the gate's, the rules', or its
    objects: ``OWN_OBJECT_GROUPS``)."""
    out, below = [], []
    portrait = _face_area(facts) >= OWN_EVIDENCE_FACE
    for f in facts.of_kind("hashtag"):
        allowed, why = gate(f.name, facts)
        if not allowed:
            continue
        reasons = f.because
        if why is not None:
            reasons += why.because
        elif f.name in rules:
            reasons += rules[f.name].because
        elif portrait and f.score < OWN_EVIDENCE_BELOW:
            own = _own_objects(f.name, facts)
            if own is None:  # the head's guess on a photo unlike any it was trained on
                continue
            reasons += own.because
        s = Suggestion(f.name, hashtags.english_name(f.name), f.score, "builtin", reasons)
        if f.score >= (thresholds or {}).get(f.name, DEFAULT_THRESHOLD):
            out.append(s)
        elif f.score >= FALLBACK_MIN:
            below.append(s)
    below = sorted((s for s in below if s.tag not in FILL_NEVER), key=lambda s: -s.score)
    extra = [s for s in below if s.score >= (fill or {}).get(s.tag, 1.0)][: max(0, FILL_TO - len(out))]
    if not out and not extra:
        extra = below[:1]
    return out + [Suggestion(s.tag, s.english, s.score, s.source, (*s.because, Reason.of("best_guess")))
                  for s in extra]


def suggest(
    facts: PictureFacts,
    *,
    taken: date | datetime | str | None = None,
    personal: PersonalModel | None = None,
    top: int = 10,
    exclude: set[str] | None = None,
    thresholds: dict[str, float] | None = None,
    fill: dict[str, float] | None = None,
) -> list[Suggestion]:
    """Ranked hashtag suggestions for one photo.

    Args:
        facts: what the models saw (``hashtag`` facts from the head; ``facts.features``
            for the personal model).
        taken: when the photo was taken, from EXIF or the post (for the season tags);
            None when only the file's mtime is known.
        personal: the user's trained hashtag model, if any.
        top: at most this many suggestions.
        exclude: canonical hashtags the photo already has.
        thresholds: the head's threshold per hashtag (``HashtagHead.thresholds``).
        fill: the head's lower threshold per hashtag for filling up to ``FILL_TO``
            suggestions (``HashtagHead.fill_thresholds``); None: no filling.
    """
    rules = {s.tag: s for s in builtin_suggestions(facts, season_of(taken))}
    head_tags = {f.name for f in facts.of_kind("hashtag")} | set(thresholds or ())
    merged: dict[str, Suggestion] = {s.tag: s for s in head_suggestions(facts, thresholds, rules, fill)}
    for tag, s in rules.items():
        if tag in merged:
            continue
        dated = s.because[0].kind == "season"  # the date: evidence the head cannot see
        if tag not in head_tags or tag in RULE_TAGS_BESIDE_HEAD or dated or not facts.of_kind("hashtag"):
            merged[tag] = s
    if personal is not None and facts.features is not None:
        shown = {f.name: f.score for f in facts.of_kind("hashtag")}
        for g in personal.predict(facts.features, top=top, shown=shown):
            prior = merged.get(g.tag)
            if prior is None:
                merged[g.tag] = Suggestion(
                    g.tag, hashtags.english_name(g.tag), g.score,
                    "habit" if g.because[0].kind == "habit" else "personal", g.because,
                )
            else:  # both agree: combine like independent evidence
                score = 1 - (1 - prior.score) * (1 - g.score)
                merged[g.tag] = Suggestion(
                    g.tag, prior.english, score, "builtin+personal", prior.because + g.because
                )
    out = [s for s in merged.values() if not exclude or s.tag not in exclude]
    # what the picture shows first (best first), then what only the date says
    out.sort(key=lambda s: (DATE_ONLY_LAST and _date_only(s), -s.score, s.tag))
    return out[:top]


def _date_only(s: Suggestion) -> bool:
    """A suggestion whose only evidence is the date (a season)."""
    return bool(s.because) and s.because[0].kind == "season"
