"""Relevance rules: hashtags that contradict what the models see are flagged, with reasons."""

from __future__ import annotations

from pose_desktop.tagging.relevance import evaluate
from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.vocab.reasons import Reason


def facts(*items):
    return PictureFacts([Fact(k, n, s, (Reason.of("note", text=f"{n} {s:.2f}"),)) for k, n, s in items])


def test_cafe_needs_food_or_drink():
    dog = facts(("scene", "dog", 0.9), ("object", "golden retriever", 0.8))
    flags = evaluate(1, {"카페"}, dog, faces_known=True)
    assert [f.hashtag for f in flags] == ["카페"]
    assert "no food or drink" in flags[0].reason and "golden retriever" in flags[0].reason
    latte = facts(("scene", "drink", 0.6))
    assert evaluate(1, {"카페"}, latte, faces_known=True) == []


def test_weak_evidence_is_enough_to_not_flag():
    assert evaluate(1, {"카페"}, facts(("scene", "food", 0.12)), faces_known=False) == []


def test_face_rules_wait_for_face_analysis():
    empty = facts(("scene", "mountain", 0.7))
    assert evaluate(1, {"커플", "셀카", "육아"}, empty, faces_known=False) == []
    flagged = {f.hashtag for f in evaluate(1, {"커플", "셀카", "육아"}, empty, faces_known=True)}
    assert flagged == {"커플", "셀카", "육아"}


def test_couple_is_two_faces_and_fashion_accepts_clothing():
    two = facts(("face", "people", 1.0), ("face", "couple", 0.75))
    assert evaluate(1, {"커플", "패션"}, two, faces_known=True) == []
    garment = facts(("clothing", "dress", 0.9))
    assert evaluate(1, {"패션"}, garment, faces_known=True) == []
    assert [f.hashtag for f in evaluate(1, {"패션"}, facts(("scene", "sea", 0.8)), True)] == ["패션"]


def test_unjudged_hashtags_are_never_flagged():
    assert evaluate(1, {"여행", "일상", "몽실이"}, facts(), faces_known=True) == []
