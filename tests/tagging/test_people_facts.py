"""Face boxes -> selfie / couple / group / child facts, and where the clothes are."""

from __future__ import annotations

from pose_desktop.tagging.people_facts import FaceBox, face_facts, head_fills_frame, torso_box


def names(faces):
    return {f.name for f in face_facts(faces)}


def test_selfie_couple_group():
    assert names([FaceBox(0.12)]) == {"people", "selfie"}
    assert names([FaceBox(0.005)]) == {"people"}  # one small face far away is no selfie
    assert names([FaceBox(0.05), FaceBox(0.04)]) == {"people", "couple"}
    assert names([FaceBox(0.05), FaceBox(0.004)]) == {"people"}  # a passer-by, not a couple
    assert names([FaceBox(0.02)] * 4) == {"people", "group"}
    assert names([FaceBox(0.2, score=0.5)]) == set()  # unsure detections are ignored


def test_age_gives_child_and_blocks_couple():
    got = names([FaceBox(0.05, age=30), FaceBox(0.04, age=6)])
    assert {"child", "adult"} <= got and "couple" not in got


def test_torso_is_below_the_largest_face():
    box = torso_box([FaceBox(0.01, box=(0.1, 0.1, 0.15, 0.15)), FaceBox(0.04, box=(0.4, 0.1, 0.6, 0.3))])
    x1, y1, x2, y2 = box
    assert x1 < 0.4 and x2 > 0.6 and y1 >= 0.3 and y2 <= 1.0
    assert torso_box([FaceBox(0.04, box=(0.4, 0.8, 0.6, 1.0))]) is None
    assert torso_box([FaceBox(0.04)]) is None


def test_a_head_filling_the_frame_leaves_no_room_for_clothes():
    assert head_fills_frame([FaceBox(0.62, box=(0.1, 0.05, 0.9, 0.83))])  # a close-up
    # a close face with the shoulders below it, and a small face cut by the bottom edge
    assert not head_fills_frame([FaceBox(0.25, box=(0.25, 0.1, 0.75, 0.6))])
    assert not head_fills_frame([FaceBox(0.01, box=(0.25, 0.88, 0.35, 0.98))])
    assert not head_fills_frame([FaceBox(0.62)])  # no box: unknown
    assert not head_fills_frame([])
