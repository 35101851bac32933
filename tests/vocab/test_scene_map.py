"""The scene mapping table: every label exists, every built-in hashtag is covered or explained."""

from __future__ import annotations

import numpy as np

from pose_desktop.inference.imagenet import imagenet_labels
from pose_desktop.tagging.scenes import describe
from pose_desktop.tagging.suggest import EXTRA_EVIDENCE, builtin_suggestions
from pose_desktop.vocab import reasons
from pose_desktop.vocab.hashtags import BUILTIN_HASHTAGS
from pose_desktop.vocab.scene_map import (
    HASHTAG_EVIDENCE,
    SCENE_BY_KEY,
    SCENES,
    UNSUPPORTED_REASON,
    label_indices,
)

ORIGINAL_20 = ["강아지", "결혼", "고양이", "꽃", "네일아트", "독서", "등산", "떡볶이", "봄", "생일",
               "셀카", "여름", "여행", "운동", "육아", "치킨", "카페", "캠핑", "커플", "패션"]
FACE_KEYS = {"face:selfie", "face:couple", "face:child", "face:adult", "face:people", "face:group"}
PEOPLE_KEYS = {"people:couple", "people:selfie", "people:group", "people:reading"}  # tagging/objects.py
SEASON_KEYS = {"season:spring", "season:summer", "season:autumn", "season:winter"}


def test_every_label_name_is_an_imagenet_label():
    labels = imagenet_labels()
    assert len(set(labels)) == 1000
    for scene in SCENES:
        idx = label_indices(scene, labels)  # raises KeyError on a misspelt name
        assert idx and all(0 <= i < 1000 for i in idx), scene.key


def test_ambiguous_imagenet_names_are_not_used_for_the_wrong_thing():
    # "nail" is the hardware, "hen"/"cock" are live birds: they must not map to food or nails
    labels = imagenet_labels()
    food = set(label_indices(SCENE_BY_KEY["food"], labels))
    assert labels.index("hen") not in food and labels.index("cock") not in food
    for scene in SCENES:
        assert "nail" not in scene.labels


def test_every_builtin_hashtag_is_covered_or_says_why_not():
    assert set(ORIGINAL_20) <= set(BUILTIN_HASHTAGS)
    for tag in ORIGINAL_20:
        keys = HASHTAG_EVIDENCE.get(tag)
        assert keys is not None, f"{tag} missing from HASHTAG_EVIDENCE"
        if not keys:
            assert UNSUPPORTED_REASON.get(tag), f"{tag} has no evidence and no reason"
        else:
            assert tag not in UNSUPPORTED_REASON
    for keys in list(HASHTAG_EVIDENCE.values()) + list(EXTRA_EVIDENCE.values()):
        for key in keys:
            if key.startswith("scene:"):
                assert key.split(":", 1)[1] in SCENE_BY_KEY, key
            else:
                assert key in FACE_KEYS | PEOPLE_KEYS | SEASON_KEYS | {"clothing"}, key


def test_a_confident_dog_suggests_the_dog_hashtag_with_the_scene_as_reason():
    labels = imagenet_labels()
    probs = np.full(1000, 0.1 / 999, dtype=np.float32)
    probs[labels.index("golden retriever")] = 0.9
    facts = describe(probs)
    tags = {s.tag: s for s in builtin_suggestions(facts, None)}
    assert "강아지" in tags
    assert "dog 0.90" in reasons.text(tags["강아지"].because)  # the curated name, not ImageNet's
    assert "golden retriever" not in reasons.text(tags["강아지"].because)
    assert "강아지 0.90" in reasons.text(tags["강아지"].because, "ko")
    assert "고양이" not in tags
