"""Couple / selfie / group / reading evidence from real photos, through the app's own graph
for a dropped photo (the faces and objects analyzers' real ONNX sessions, the same decode),
and the thin hashtags' rules that must not invent."""

from __future__ import annotations

from pathlib import Path

import pytest

from pose_desktop.analysis import registry
from pose_desktop.analysis.facts import image_facts
from pose_desktop.analysis.runner import analyze_image
from pose_desktop.inference.decode import DEFAULT_MAX_SIDE, decode_image
from pose_desktop.tagging.objects import people_layout
from pose_desktop.tagging.people_facts import face_box
from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.tagging.suggest import builtin_suggestions
from pose_desktop.vocab import reasons

# Real photos of ../shared/datasets, chosen by their captions / Instagram hashtag / folder:
COUPLES = (
    "hashtags/images/rlnzler__3134387513_ceb75bea0a.jpg",  # "A young couple holding drinks and smiling"
    "hashtags/images/rlnzler__3084010872_cbc3ea8239.jpg",  # "A bearded man and a woman in a dress holding a cup"
)
THREE_MEN = (
    "hashtags/images/rlnzler__3530504007_3272c57e21.jpg",  # "Three men are standing in a crowd talking"
    "hashtags/images/rlnzler__3619232550_0b1e1fd4e4.jpg",  # "Three men posing with instruments"
)
GROUPS = (
    "captioned/images/1454841725_4b6e6199e2.jpg",  # "a group of young girls smiling", four girls
    "hashtags/images/rlnzler__3197891333_b1b0fd1702.jpg",  # "A family of nine people ... pose"
)
SELFIES = (  # posted under #selfie: one face at arm's length
    "hashtags/images/alecmorgan__3eb7ba18-4781-4d3a-bb77-6392b69f3899.jpg",
    "hashtags/images/alecmorgan__ca14c05d-fc24-499f-a235-38df33f7a60c.jpg",
)
UNSURE_SELFIES = (  # posted under #selfie: a close face MTCNN finds (>= 0.9) and the real-face gate drops
    "hashtags/images/alecmorgan__36e73745-5e3b-4f58-805a-f19f8f5b88e9.jpg",
    "hashtags/images/alecmorgan__e3d320c7-78f2-4626-adf4-c3b1f560a060.jpg",
)
DOG_FACE = "hashtags/images/chanakya2734__dog.4406.jpg"  # a dog's face MTCNN finds at 0.97, the gate drops
FLOWER = "3337536080_1db19964fe.jpg"  # flower_photos folder (no EXIF date)
POSTER = "hashtags/images/alecmorgan__c4fdf025-7194-48fa-a43c-67289b15c0f8.jpg"  # a quote poster, #selfie
TENT = "hashtags/images/rlnzler__958326692_6210150354.jpg"  # "A large tent with a green cover at a campground"
STREET = (  # street outfit photos: one person, head to toe
    "hashtags/images/bearpaw__1385.jpg",
    "hashtags/images/bearpaw__0890.jpg",
    "hashtags/images/bearpaw__1665.jpg",
)


@pytest.fixture(scope="module")
def graph():
    """The faces and objects analyzers as a dropped photo runs them (real sessions)."""
    return registry.build(["faces", "objects"])


def _run(graph, shared: Path, name: str):
    """(people layout, facts) of one dataset photo through ``analyze_image``."""
    path = shared / name
    image = decode_image(path, max(getattr(a, "max_side", DEFAULT_MAX_SIDE) for a in graph))
    results, failed = analyze_image(image, graph, str(path))
    assert not failed, failed
    w, h = image.original_size
    faces = [face_box(*(float(v) for v in f.box[:4]), f.score, None, w, h) for f in results["faces"]]
    return people_layout(results["objects"], faces), image_facts(graph, results, image)


def _people(facts: PictureFacts) -> dict[str, Fact]:
    return {f.name: f for f in facts.of_kind("people")}


def test_a_couple_is_two_people_and_three_men_are_not(shared_datasets, graph):
    for name in COUPLES:
        lay, facts = _run(graph, shared_datasets, name)
        assert lay.couple and not lay.group and not lay.selfie, (name, lay)
        why = reasons.text(_people(facts)["couple"].because)
        assert why.startswith("2 ") and "face" in why, why  # "2 people, 53% and 27% of the photo; 2 faces"
        assert "두" in reasons.text(_people(facts)["couple"].because, "ko")
        rules = {x.tag: x for x in builtin_suggestions(facts, None)}  # the rules alone: no head
        assert "커플" in rules and reasons.text(rules["커플"].because) == why
    for name in THREE_MEN:
        lay, facts = _run(graph, shared_datasets, name)
        assert not lay.couple and lay.group, (name, lay)
        assert "couple" not in _people(facts)
        assert "커플" not in {x.tag for x in builtin_suggestions(facts, None)}


def test_a_group_photo_is_a_group(shared_datasets, graph):
    for name in GROUPS:
        lay, facts = _run(graph, shared_datasets, name)
        assert lay.group and not lay.couple and not lay.selfie, (name, lay)
        why = reasons.text(_people(facts)["group"].because)
        assert "people" in why or "faces" in why, why


def test_a_selfie_is_one_close_face_and_a_full_body_photo_is_not(shared_datasets, graph):
    for name in SELFIES:
        lay, facts = _run(graph, shared_datasets, name)
        assert lay.selfie and not lay.couple and not lay.group, (name, lay)
        assert reasons.text(_people(facts)["selfie"].because).startswith("one close face (")
        assert "셀카" in {x.tag for x in builtin_suggestions(facts, None)}
    for name in STREET:
        lay, facts = _run(graph, shared_datasets, name)
        assert lay.subject_people >= 1 and not lay.selfie, (name, lay)
        assert "selfie" not in _people(facts)
        assert "셀카" not in {x.tag for x in builtin_suggestions(facts, None)}


def test_a_close_face_the_gate_dropped_is_selfie_evidence_but_a_dogs_is_not(shared_datasets, graph):
    for name in UNSURE_SELFIES:
        lay, facts = _run(graph, shared_datasets, name)
        assert lay.faces == 0 and not lay.selfie, (name, lay)  # the real faces alone: none
        assert lay.subject_people <= 1 and not lay.couple and not lay.group
        assert "selfie" in _people(facts) and not facts.of_kind("face"), name
        why = reasons.text(_people(facts)["selfie"].because)
        assert why.startswith("one close face (") and "unsure" in why, why
        assert "얼굴" in reasons.text(_people(facts)["selfie"].because, "ko")
    lay, facts = _run(graph, shared_datasets, DOG_FACE)
    assert lay.people == 0 and "selfie" not in _people(facts)  # no person around the face


@pytest.fixture(scope="module")
def fact_graph():
    """Every analyzer whose results make a photo's facts, as a dropped photo runs them."""
    return registry.build(registry.fact_names())


def _rules(fact_graph, shared: Path, name: str, season: str | None) -> dict:
    path = shared / name
    image = decode_image(path, max(getattr(a, "max_side", DEFAULT_MAX_SIDE) for a in fact_graph))
    results, failed = analyze_image(image, fact_graph, str(path))
    assert not failed, failed
    return {s.tag: s for s in builtin_suggestions(image_facts(fact_graph, results, image), season)}


def test_thin_hashtags_come_from_real_evidence_only(shared_datasets, fact_graph):
    # flowers bloom all year: a flower photo without a date is no spring photo
    flowers = "hashtags/images/rlnzler__" + FLOWER
    assert "봄" not in _rules(fact_graph, shared_datasets, flowers, None)
    assert reasons.text(_rules(fact_graph, shared_datasets, flowers, "spring")["봄"].because) == "taken in spring"
    # a poster ImageNet calls "book jacket" 0.96 is nobody reading
    assert "독서" not in _rules(fact_graph, shared_datasets, POSTER, None)
    tent = _rules(fact_graph, shared_datasets, TENT, None)
    because = tent["캠핑"].because
    assert "mountain tent" in [r.params.get("label") for r in because]  # the evidence (data)
    assert "mountain tent" not in reasons.text(because)  # shown by its curated name
