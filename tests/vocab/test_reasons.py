"""Reasons are data rendered in Korean and English: every kind has both, Korean shows no
English words (only numbers and #hashtags), and the stored form round-trips."""

from __future__ import annotations

import json
import re
import string

import pytest

from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.vocab import reasons
from pose_desktop.vocab.reasons import TEMPLATES, Reason

ASCII_WORD = re.compile(r"(?<![#\w])[A-Za-z][A-Za-z'-]*")

# parameters every template may ask for, with a value of each kind
SAMPLE = {"score": 0.91, "label_score": 0.82, "share": 0.62, "area": 0.31, "a": 0.31, "b": 0.27,
          "n": 3, "subject": 2, "age": 7.4, "scene": "dog", "object": "coffee",
          "garment": "t-shirt", "colours": ["navy", "white"], "season": "winter",
          "label": "golden retriever", "tag": "ootd", "seen": "카페", "text": "평균 밝기"}


def _fields(template) -> set[str]:
    parts = template if isinstance(template, tuple) else (template,)
    return {f for t in parts for _, f, _, _ in string.Formatter().parse(t) if f}


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_every_kind_renders_in_both_languages(kind):
    ko, en = TEMPLATES[kind]
    assert ko and en
    params = {k: SAMPLE[k] for k in _fields(ko) | _fields(en)}
    reason = Reason.of(kind, **params)
    ko_text, en_text = reason.text("ko"), reason.text("en")
    assert ko_text and en_text
    if kind != "note":  # a plugin's own words are shown as written
        assert not ASCII_WORD.findall(ko_text), ko_text
        assert not re.search("[가-힣]", en_text.replace("#카페", "")), en_text
    # stored as JSON and read back, the same reason
    assert Reason.from_dict(json.loads(json.dumps(reason.to_dict()))) == reason


def test_names_come_from_the_label_tables_and_english_counts():
    r = Reason.of("outfit", colours=["navy", "white"], garment="t-shirt")
    assert r.text("ko") == "남색 흰색 티셔츠" and r.text("en") == "navy white t-shirt"
    assert Reason.of("scene_label", scene="dog", score=0.9, label="golden retriever",
                     label_score=0.82).text("ko") == "강아지 0.82"
    assert Reason.of("faces_found", n=1).text() == "1 face found"
    assert Reason.of("faces_found", n=2).text() == "2 faces found"
    assert Reason.of("season", season="winter").text("ko") == "겨울에 찍음"
    both = (Reason.of("picture_model", score=0.91), Reason.of("people", n=2))
    assert reasons.text(both) == "picture model 0.91; 2 people"
    assert reasons.text(both, "ko") == "사진 모델 0.91; 2명"
    with pytest.raises(KeyError):
        Reason.of("no such kind")


def test_english_reasons_name_the_curated_scene_or_object_never_the_imagenet_label():
    # the ideas window showed "German shepherd 0.74 (all dog labels 1.00)"; ImageNet's
    # labels are not reviewed ("brassiere"), so English names the scene as Korean does
    shown = [Reason.of("scene_label", scene="dog", score=0.9, label="German shepherd",
                       label_score=0.74),
             Reason.of("scene_labels", scene="dog", score=1.0, label="German shepherd",
                       label_score=0.74),
             Reason.of("object_label", object="coffee", score=0.7, label="espresso")]
    assert [r.text("en") for r in shown] == ["dog 0.74", "dog 1.00", "coffee 0.70"]
    assert [r.text("ko") for r in shown] == ["강아지 0.74", "강아지 1.00", "커피 0.70"]
    assert shown[0].to_dict()["label"] == "German shepherd"  # still in the data (--json)


def test_facts_stored_before_reasons_were_data_still_show_in_korean():
    old = json.dumps([["scene", "dog", 0.9, "golden retriever 0.82 (all dog labels 0.90)"],
                      ["object", "coffee", 0.7, "espresso 0.70"],
                      ["clothing", "t-shirt", 0.8, "clothing model t-shirt 0.80"],
                      ["hashtag", "강아지", 0.95, "picture model 0.95"]])
    facts = PictureFacts.from_json(old)
    texts = [reasons.text(f.because, "ko") for f in facts.facts]
    assert texts == ["강아지 0.90", "커피 0.70", "옷 모델: 티셔츠 0.80", "사진 모델 0.95"]
    again = PictureFacts.from_json(facts.to_json())
    assert again.facts == facts.facts
    assert isinstance(again.facts[0], Fact)
