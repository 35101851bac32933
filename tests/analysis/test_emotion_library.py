"""The library's balance of moods (label shift, ``tagging.emotion.library_prior`` / ``adapt``):
real ONNX sessions on real face photos (LFW portraits of ../shared/datasets/faces, mostly
neutral and smiling faces: 2 of 99 clear ones look negative by eye), analysed into a real
SQLite catalog by the app's own run. The emotion head learnt a dev set where 48 % of faces are
negative, so it shows many of these neutral faces as sad; once the library's balance is
estimated and applied, fewer are shown negative, a tiny library keeps the head's own calls,
and photos added later are decided under the balance estimated again."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from pose_desktop.analysis.emotion import EmotionAnalyzer
from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog.queries import PhotoFilter
from pose_desktop.inference.face_models import EmotionClassifier, mood_and_emotion
from pose_desktop.services import Library
from pose_desktop.vocab.emotion import MOOD_OF, MOODS

REFERENCE = np.array(EmotionClassifier.mood_reference)
LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "emotion_real_faces.csv"


def stored_faces(lib) -> list[tuple[int, str, str, np.ndarray]]:
    """(photo id, emotion, mood, the head's own probabilities) of every stored face the
    emotion pass read (those large enough to read)."""
    rows = lib.catalog.reader().execute(
        "SELECT photo_id, emotion, mood, emotion_probs FROM faces WHERE emotion_probs IS NOT NULL "
        "ORDER BY id").fetchall()
    return [(pid, e, m, np.array(json.loads(p))) for pid, e, m, p in rows]


def analyse(lib, folder) -> None:
    list(lib.photos.index_folder(str(folder)))
    list(lib.analysis.analyze(["faces", "emotion"]))


@pytest.fixture(scope="module")
def portraits(tmp_path_factory):
    """A library of the 120 LFW portraits, analysed (faces, emotion)."""
    from tests.conftest import _shared_root

    folder = _shared_root() / "datasets" / "faces" / "images"
    if not folder.is_dir():
        pytest.skip("shared datasets not available (../shared/datasets)")
    lib = Library(tmp_path_factory.mktemp("lfw") / "c.sqlite")
    analyse(lib, folder)
    yield lib, folder
    lib.close()


def test_a_library_of_calm_faces_shows_fewer_of_them_negative(portraits):
    lib, _ = portraits
    faces = stored_faces(lib)
    assert len(faces) >= 100
    own = [mood_and_emotion(p)[0] for _, _, _, p in faces]  # the head's calls, unadapted
    shown = [m for _, _, m, _ in faces]
    # the head alone shows about a fifth of these faces negative; the library's balance fewer
    assert own.count("negative") >= 20
    assert shown.count("negative") <= own.count("negative") - 5, (own.count("negative"), shown.count("negative"))
    assert shown.count("neutral") > own.count("neutral")
    # one face never gets a contradictory mood and emotion
    assert all(MOOD_OF[e] == m for _, e, m, _ in faces)
    # the balance kept in the catalog: fewer negative faces than the head assumes
    stored = runs.emotion_prior(lib.catalog.reader())
    prior = np.array([stored["prior"][m] for m in MOODS])
    assert stored["faces"] == len(faces) and prior[2] < REFERENCE[2] - 0.03 and prior[1] > REFERENCE[1] + 0.02
    # the photos' mood tags (tree, search, XMP) follow the faces
    negative = set(lib.photos.photo_ids(PhotoFilter(tag_kind="mood", tag_name="negative")))
    own_negative = {pid for (pid, _, _, _), m in zip(faces, own, strict=True) if m == "negative"}
    assert len(negative) < len(own_negative)


def test_a_second_run_decides_every_face_under_the_new_balance(portraits, shared_datasets):
    """Photos added later: the balance is estimated again over all the library's faces, and
    every face (old and new) is shown as ``EmotionAnalyzer.decide`` decides it under it."""
    lib, _ = portraits
    before = runs.emotion_prior(lib.catalog.reader())
    rows = [r for r in csv.DictReader(open(LABELS, encoding="utf-8"))
            if r["folder"] == "hashtags" and r["mood"] == "neutral"]
    extra = lib.catalog.path.parent / "more"
    extra.mkdir()
    for name in sorted({r["file"] for r in rows})[:12]:
        shutil.copy(shared_datasets / "hashtags" / "images" / name, extra / name)
    analyse(lib, extra)
    after = runs.emotion_prior(lib.catalog.reader())
    faces = stored_faces(lib)
    assert after["faces"] == len(faces) > before["faces"]
    prior = np.array([after["prior"][m] for m in MOODS])
    decider = EmotionAnalyzer()
    for _, emotion, mood, probs in faces:
        want = decider.decide(None, probs, prior)
        assert (emotion, mood) == (want.emotion, want.mood)


def test_a_tiny_library_keeps_the_heads_own_calls(shared_datasets, tmp_path):
    folder = tmp_path / "few"
    folder.mkdir()
    for path in sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:6]:
        shutil.copy(path, folder / path.name)
    with Library(tmp_path / "c.sqlite") as lib:
        analyse(lib, folder)
        faces = stored_faces(lib)
        assert 5 <= len(faces) <= 8
        stored = runs.emotion_prior(lib.catalog.reader())
        prior = np.array([stored["prior"][m] for m in MOODS])
        # a handful of faces barely moves the balance (200 pseudo-faces at the head's own)
        assert np.abs(prior - REFERENCE).max() < 0.02
        assert [(e, m) for _, e, m, _ in faces] == [mood_and_emotion(p)[1::-1] for _, _, _, p in faces]


def test_a_face_too_small_to_read_gets_no_mood(shared_datasets, tmp_path):
    """A portrait beside a tiny copy of itself (its face ~13 px): the large face gets its
    mood, the tiny one none, and the photo's mood is the large face's alone. A catalog whose
    tiny face still carries an emotion from an older emotion pass loses it on the next run."""
    from PIL import Image

    from pose_desktop.tagging.emotion import MIN_READABLE_SIDE

    folder = tmp_path / "p"
    folder.mkdir()
    portrait = Image.open(sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[0]).convert("RGB")
    photo = Image.new("RGB", (600, 300), (128, 128, 128))
    photo.paste(portrait.resize((300, 300)), (0, 0))
    photo.paste(portrait.resize((18, 18)), (400, 120))
    photo.save(folder / "pair.jpg", quality=95)
    with Library(tmp_path / "c.sqlite") as lib:
        analyse(lib, folder)
        sql = "SELECT id, x2 - x1, emotion, mood, emotion_probs FROM faces ORDER BY x2 - x1"
        (tiny, tiny_side, *tiny_emotion), (large, large_side, emotion, mood, probs) = \
            lib.catalog.reader().execute(sql).fetchall()
        assert tiny_side < MIN_READABLE_SIDE <= large_side
        assert tiny_emotion == [None, None, None]
        assert emotion and MOOD_OF[emotion] == mood and probs
        tags = lib.catalog.reader().execute(
            "SELECT t.name FROM photo_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.kind = 'mood'").fetchall()
        assert tags == [(mood,)]
        # an older emotion pass had given the tiny face a mood: the next run takes it away
        with lib.catalog.write() as db:
            runs.set_face_emotions(db, [(tiny, "sad", {"sad": 0.9}, "negative", np.full(7, 1 / 7))])
            db.execute("UPDATE analysis_runs SET version = 'older' WHERE analyzer = 'emotion'")
        analyse(lib, folder)
        rows = lib.catalog.reader().execute(sql).fetchall()
        assert rows[0][2:] == (None, None, None) and rows[1][2:] == (emotion, mood, probs)
