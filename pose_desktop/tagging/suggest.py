"""Hashtag suggestions for a photo: built-in vocabulary + the user's own hashtags.

Evidence comes from ``PictureFacts`` (scenes, objects, clothing, colours, faces), the
photo's date (season) and the personal model. Each suggestion keeps its explanation
("because: golden retriever 0.82"). Works the same for a library photo (facts read from
the catalog) and a dropped file never seen before (facts computed now by the same
analyzers, see ``analysis.facts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from pose_desktop.tagging.personal import PersonalModel
from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.vocab import hashtags
from pose_desktop.vocab.scene_map import HASHTAG_EVIDENCE

# Built-in tags beyond the original 20 (see hashtags.BUILTIN_HASHTAGS) and their evidence.
EXTRA_EVIDENCE: dict[str, tuple[str, ...]] = {
    "음식": ("scene:food",),
    "바다": ("scene:sea", "scene:beach"),
    "가을": ("season:autumn",),
    "겨울": ("season:winter", "scene:snow"),
}
SEASON_SCORE = 0.55  # the date alone: plausible, never above clear visual evidence
SECONDARY_WEIGHT = 0.6  # later evidence in a tag's list counts less than the first
MIN_SCORE = 0.2

SEASONS = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
           6: "summer", 7: "summer", 8: "summer", 9: "autumn", 10: "autumn", 11: "autumn"}
SEASON_KO = {"spring": "봄", "summer": "여름", "autumn": "가을", "winter": "겨울"}


@dataclass(frozen=True)
class Suggestion:
    """One suggested hashtag."""

    tag: str  # canonical hashtag (Korean for built-ins; the user's spelling for their own)
    english: str | None  # English name of a built-in tag
    score: float  # 0..1
    source: str  # "builtin", "personal" or "builtin+personal"
    because: str

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


def _evidence_score(facts: PictureFacts, key: str, season: str | None) -> Fact | None:
    if key.startswith("season:"):
        if season == key.split(":", 1)[1]:
            return Fact("season", season, SEASON_SCORE, f"taken in {season}")
        return None
    if key == "clothing":
        garments = facts.of_kind("clothing")
        if not garments:
            return None
        g = garments[0]
        colours = [c.name for c in facts.of_kind("colour")]
        what = " ".join(colours[:2] + [g.name])
        # as sure as the garment class, or as the backbone's "clothes are shown" mass
        worn = max(facts.score("scene:clothing"), facts.score("scene:person"))
        score = min(0.9, max(worn, g.score) * 0.85)
        return Fact("clothing", g.name, score, f"{what} ({g.because})")
    return facts.seen(key)


def builtin_suggestions(facts: PictureFacts, season: str | None) -> list[Suggestion]:
    """Built-in hashtags whose evidence is in the picture (or the date)."""
    out = []
    evidence = dict(HASHTAG_EVIDENCE) | EXTRA_EVIDENCE
    for tag, keys in evidence.items():
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


def suggest(
    facts: PictureFacts,
    *,
    taken: date | datetime | str | None = None,
    personal: PersonalModel | None = None,
    top: int = 10,
    exclude: set[str] | None = None,
) -> list[Suggestion]:
    """Ranked hashtag suggestions for one photo.

    Args:
        facts: what the models saw (needs ``facts.features`` for the personal model).
        taken: when the photo was taken (for the season tags).
        personal: the user's trained hashtag model, if any.
        top: at most this many suggestions.
        exclude: canonical hashtags the photo already has.
    """
    merged: dict[str, Suggestion] = {
        s.tag: s for s in builtin_suggestions(facts, season_of(taken))
    }
    if personal is not None and facts.features is not None:
        for g in personal.predict(facts.features, top=top):
            prior = merged.get(g.tag)
            if prior is None:
                merged[g.tag] = Suggestion(
                    g.tag, hashtags.english_name(g.tag), g.score, "personal", g.because
                )
            else:  # both agree: combine like independent evidence
                score = 1 - (1 - prior.score) * (1 - g.score)
                merged[g.tag] = Suggestion(
                    g.tag, prior.english, score, "builtin+personal", f"{prior.because}; {g.because}"
                )
    out = [s for s in merged.values() if not exclude or s.tag not in exclude]
    out.sort(key=lambda s: (-s.score, s.tag))
    return out[:top]
