"""Relevance flags: a post whose own hashtags contradict what the models see.

The rules are the Instagram-filter project's (fashion = adult or child; couple = adult and
not child; cafe = food or drink; parenting = child) plus a few the scene map supports
well (dog, cat, flower). A rule only judges what was measured: face rules wait until
faces were analysed, and "child" can only be confirmed from scene evidence (baby things)
until an age model ships, so #육아 is flagged only when no person is seen at all.

Weak evidence counts as "seen" here (a lower bar than for tagging): a flag accuses the
user's own hashtag, so it should be raised only when the picture clearly lacks the thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from pose_desktop.catalog import relevance_flags, store
from pose_desktop.tagging.people_facts import face_facts, faces_of_photos
from pose_desktop.tagging.scenes import PictureFacts, stored_facts
from pose_desktop.vocab import reasons

PRESENT = 0.1  # a scene at or above this summed probability counts as present


@dataclass(frozen=True)
class Rule:
    """hashtag -> what must be in the picture, and how to say it is missing."""

    hashtag: str
    name: str  # the rule as the user reads it
    any_of: tuple[str, ...]  # evidence keys, any one suffices
    missing: str  # reason text when none is present
    needs_faces: bool = False  # only judge photos whose faces were analysed


RULES: tuple[Rule, ...] = (
    Rule("카페", "cafe = food or drink", ("scene:food", "scene:drink", "scene:dessert"),
         "no food or drink seen"),
    Rule("육아", "parenting = child", ("face:child", "scene:baby", "face:people", "scene:person"),
         "no child (no person at all) seen", needs_faces=True),
    Rule("패션", "fashion = adult or child", ("face:people", "scene:person", "scene:clothing",
                                            "clothing:*"),
         "no person or clothing seen", needs_faces=True),
    Rule("커플", "couple = adult and not child", ("face:couple",), "not two similar faces",
         needs_faces=True),
    Rule("셀카", "selfie = one large face", ("face:selfie", "face:people"), "no face found",
         needs_faces=True),
    Rule("강아지", "dog = a dog", ("scene:dog",), "no dog seen"),
    Rule("고양이", "cat = a cat", ("scene:cat",), "no cat seen"),
    Rule("꽃", "flower = flowers", ("scene:flower",), "no flowers seen"),
)
RULE_BY_TAG = {r.hashtag: r for r in RULES}


@dataclass(frozen=True)
class Flag:
    """One hashtag on one photo that the picture does not support."""

    photo_id: int
    hashtag: str
    rule: str
    reason: str
    status: str = "open"


def _present(facts: PictureFacts, key: str) -> bool:
    if key.endswith(":*"):
        return bool(facts.of_kind(key[:-2]))
    f = facts.get(key)
    if f is None:
        return False
    return f.score >= PRESENT if f.kind == "scene" else True


def evaluate(photo_id: int, tags: set[str], facts: PictureFacts, faces_known: bool) -> list[Flag]:
    """Flags for one photo's canonical hashtags given what its models saw."""
    flags = []
    for tag in sorted(tags):
        rule = RULE_BY_TAG.get(tag)
        if rule is None or (rule.needs_faces and not faces_known):
            continue
        if not any(_present(facts, k) for k in rule.any_of):
            best = max(facts.of_kind("object"), key=lambda f: f.score, default=None)
            seen = f"; the photo shows {reasons.text(best.because)}" if best else ""
            flags.append(Flag(photo_id, tag, rule.name, f"#{tag}: {rule.missing}{seen}"))
    return flags


def store_flags_many(db, flags_by_photo: dict[int, list[Flag]]) -> None:
    """Replace the open flags of photos in a few statements; dismissed ones stay dismissed
    (inside a write)."""
    relevance_flags.replace_open_flags(
        db, {pid: [(f.hashtag, f.rule, f.reason) for f in fs] for pid, fs in flags_by_photo.items()})


def list_flags(db, include_dismissed: bool = False, limit: int | None = None) -> list[Flag]:
    """Flagged photos, newest photo first."""
    return [Flag(*row) for row in relevance_flags.flag_rows(db, include_dismissed, limit)]


def dismiss(db, photo_id: int, hashtag: str | None = None) -> int:
    """Dismiss one flag (or all of a photo's); returns how many changed (inside a write)."""
    return relevance_flags.dismiss_flags(db, photo_id, hashtag)


def judge(db, facts_by_photo: dict[int, PictureFacts]) -> None:
    """Relevance flags of photos from their facts, stored faces and current hashtags
    (inside ``Catalog.write()``)."""
    ids = list(facts_by_photo)
    hashtags = store.tag_names(db, ids, "hashtag")
    faces = faces_of_photos(db, ids)
    flags = {}
    for pid, facts in facts_by_photo.items():
        seen = PictureFacts([f for f in facts.facts if f.kind != "face"] + face_facts(faces[pid] or []))
        flags[pid] = evaluate(pid, hashtags.get(pid, set()), seen, faces[pid] is not None)
    store_flags_many(db, flags)


def refresh_flags(db, photo_ids: list[int] | None = None) -> int:
    """Re-evaluate relevance flags from stored facts, faces and current hashtags.

    Only photos carrying a hashtag some rule judges are looked at. Returns how many
    photos were evaluated. Call inside ``Catalog.write()``.
    """
    ids = relevance_flags.photos_with_hashtags(db, list(RULE_BY_TAG))
    if photo_ids is not None:
        wanted = set(photo_ids)
        ids = [i for i in ids if i in wanted]
    n = 0
    for chunk in store.chunks(ids):
        facts = {pid: f for pid in chunk if (f := stored_facts(db, pid)) is not None}
        judge(db, facts)
        n += len(facts)
    return n
