"""Faces → people on real photos from ../shared/datasets/faces (skipped when absent)."""

from __future__ import annotations

import csv
import shutil
from collections import Counter, defaultdict

import numpy as np
import pytest
from PIL import Image

from pose_desktop.analysis.faces import FaceAnalyzer
from pose_desktop.services import Library
from pose_desktop.tagging import people

PEOPLE = 4
PER_PERSON = 5


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    """A catalog of 4 people × 5 photos + one photo of two of them, faces + emotion done."""
    from tests.conftest import _shared_root

    src = _shared_root() / "datasets" / "faces"
    if not (src / "labels.csv").exists():
        pytest.skip("shared datasets not available (../shared/datasets)")
    with open(src / "labels.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_person = defaultdict(list)
    for r in rows:
        by_person[r["label"]].append(r["file"])
    names = sorted(by_person)[:PEOPLE]
    root = tmp_path_factory.mktemp("people")
    photos = root / "photos"
    photos.mkdir()
    truth = {}
    for name in names:
        for file in sorted(by_person[name])[:PER_PERSON]:
            shutil.copy(src / "images" / file, photos / file)
            truth[file] = name
    # one photo with two people side by side
    a = Image.open(src / "images" / sorted(by_person[names[0]])[-1]).convert("RGB")
    b = Image.open(src / "images" / sorted(by_person[names[1]])[-1]).convert("RGB")
    canvas = Image.new("RGB", (760, 400), (90, 110, 130))
    canvas.paste(a, (20, 25))
    canvas.paste(b, (390, 25))
    canvas.save(photos / "together.jpg", quality=92)
    lib = Library(root / "catalog.sqlite")
    list(lib.photos.index_folder(photos))
    events = list(lib.analysis.analyze(["faces", "emotion"]))
    lib.close()
    return {"catalog": root / "catalog.sqlite", "truth": truth, "names": names, "events": events}


@pytest.fixture
def lib(analysed, tmp_path):
    path = tmp_path / "catalog.sqlite"
    shutil.copy(analysed["catalog"], path)
    library = Library(path)
    yield library
    library.close()


def _photo_id(lib, filename):
    return lib.catalog.reader().execute(
        "SELECT photo_id FROM files WHERE path LIKE ?", [f"%/{filename}"]).fetchone()[0]


def test_every_face_is_found_stored_and_embedded(lib, analysed):
    assert analysed["events"][-1].failed == 0
    for file in analysed["truth"]:
        faces = lib.people.photo_faces(_photo_id(lib, file))
        assert len(faces) == 1, file
        x1, y1, x2, y2 = faces[0].box
        assert 0 <= x1 < x2 <= 350 and 0 <= y1 < y2 <= 350 and x2 - x1 > 60
        assert faces[0].quality > 0.3 and faces[0].emotion in (
            "angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
    two = lib.people.photo_faces(_photo_id(lib, "together.jpg"))
    assert len(two) == 2 and two[0].box[2] < two[1].box[0]
    blob = lib.catalog.reader().execute("SELECT embedding, landmarks FROM faces LIMIT 1").fetchone()
    emb = people.decode_embedding(blob[0])
    assert emb.shape == (128,) and abs(np.linalg.norm(emb) - 1) < 0.01
    assert np.array(__import__("json").loads(blob[1])).shape == (5, 2)


def test_unnamed_faces_are_grouped_one_group_per_person(lib, analysed):
    groups = lib.people.list()
    assert groups and all(g.name is None for g in groups)
    labels = defaultdict(list)
    for g in groups:
        for f in lib.people.person_faces(g.id):
            path = lib.photos.summaries([f.photo_id])[0].path
            labels[g.id].append(analysed["truth"].get(path.rsplit("/", 1)[-1], "together"))
    clustered = [lab for v in labels.values() for lab in v if lab != "together"]
    majority = sum(Counter(v).most_common(1)[0][1] for v in labels.values())
    assert majority / sum(len(v) for v in labels.values()) >= 0.9
    assert len(clustered) >= 0.8 * len(analysed["truth"])
    assert len(groups) <= PEOPLE * 1.5
    two = lib.people.photo_faces(_photo_id(lib, "together.jpg"))
    assert two[0].person_id is None or two[0].person_id != two[1].person_id


def test_naming_recognises_the_others_and_answers_photos_of(lib, analysed):
    truth, names = analysed["truth"], analysed["names"]
    for name in names:
        files = [f for f, n in truth.items() if n == name][:2]
        for f in files:
            lib.people.name_face(lib.people.photo_faces(_photo_id(lib, f))[0].id, name)
    for name in names:
        got = set(lib.people.photos_of(name))
        want = {_photo_id(lib, f) for f, n in truth.items() if n == name}
        assert len(got & want) >= len(want) - 1  # at most one left as a suggestion
        wrong = {p for p in got if p not in want and p != _photo_id(lib, "together.jpg")}
        assert not wrong
    tags = {(k.kind, t.name) for k in lib.photos.tag_tree() for t in k.tags}
    assert ("person", names[0]) in tags


def test_naming_one_group_never_hands_its_name_to_another_person(lib, analysed):
    """With one person named the runner-up is "unknown": naming one group pulls in none of
    the other people's faces (once, 7 of another man's 10 faces joined), and the faces the
    user confirmed carry no "maybe someone else"."""
    truth = analysed["truth"]
    for k, name in enumerate(analysed["names"]):
        groups = [g for g in lib.people.list() if g.name is None]
        group = next(g for g in groups if any(
            truth.get(lib.photos.summaries([f.photo_id])[0].path.rsplit("/", 1)[-1]) == name
            for f in lib.people.person_faces(g.id)))
        lib.people.name_person(group.id, name)
        named = {n for n in analysed["names"][: k + 1]}
        for file, who in truth.items():
            for face in lib.people.photo_faces(_photo_id(lib, file)):
                if face.person_name is not None and face.assigned_by in ("auto", "user"):
                    assert face.person_name == who, (file, who, face.person_name)
                if face.assigned_by == "user":
                    assert face.suggested_name is None
                if who not in named:
                    assert face.person_name is None or face.assigned_by == "cluster"
        for p in lib.people.list():
            if p.name:
                assert all(truth.get(lib.photos.summaries([f.photo_id])[0].path.rsplit("/", 1)[-1]) in (p.name, None)
                           for f in lib.people.person_faces(p.id, suggested=True))


def test_small_blurred_or_profile_faces_are_only_suggested(lib, analysed):
    truth, name = analysed["truth"], analysed["names"][0]
    files = [f for f, n in truth.items() if n == name]
    for f in files[:2]:
        lib.people.name_face(lib.people.photo_faces(_photo_id(lib, f))[0].id, name)
    target = lib.people.photo_faces(_photo_id(lib, files[2]))[0]
    assert target.person_name == name and target.assigned_by == "auto"
    with lib.catalog.write() as db:  # the same face, as if it were tiny or blurred
        db.execute("UPDATE faces SET quality = ? WHERE id = ?", [people.AUTO_MIN_QUALITY / 2, target.id])
        people.recognise(db)
    again = lib.people.photo_faces(_photo_id(lib, files[2]))[0]
    assert again.person_name is None and again.suggested_name == name


def test_photos_of_two_people_together(lib, analysed):
    a, b = analysed["names"][:2]
    left, right = lib.people.photo_faces(_photo_id(lib, "together.jpg"))
    lib.people.name_face(left.id, a)
    lib.people.name_face(right.id, b)
    assert lib.people.photos_of([a, b]) == [_photo_id(lib, "together.jpg")]
    assert lib.people.photos_of([a, "nobody"]) == []


def test_two_faces_of_one_photo_are_never_one_person(lib):
    left, right = lib.people.photo_faces(_photo_id(lib, "together.jpg"))
    pid = lib.people.name_face(left.id, "Someone")
    lib.people.confirm_face(right.id, pid)  # the user moves the name to the other face
    left, right = lib.people.photo_faces(_photo_id(lib, "together.jpg"))
    assert right.person_id == pid and left.person_id != pid
    groups = np.array([1, 1, 2])  # identical faces, two of them in one photo
    emb = np.array([[1, 0], [1, 0], [1, 0]], np.float32)
    clusters = people.cluster_embeddings(emb, groups, 0.5)
    assert all(len({int(groups[i]) for i in c}) == len(c) for c in clusters)


def test_user_decisions_survive_a_rerun_of_the_models(lib, analysed, monkeypatch):
    truth, name = analysed["truth"], analysed["names"][0]
    files = [f for f, n in truth.items() if n == name]
    named = lib.people.photo_faces(_photo_id(lib, files[0]))[0]
    pid = lib.people.name_face(named.id, name)
    rejected = lib.people.photo_faces(_photo_id(lib, files[1]))[0]
    lib.people.reject_face(rejected.id, pid)
    monkeypatch.setattr(FaceAnalyzer, "version", FaceAnalyzer.version + "-rerun")
    monkeypatch.setattr(people, "FACE_MODEL", FaceAnalyzer.version)
    last = list(lib.analysis.analyze(["faces"]))[-1]
    assert last.done == len(truth) + 1  # every photo analysed again
    again = lib.people.photo_faces(_photo_id(lib, files[0]))[0]
    assert again.id != named.id and again.person_name == name and again.assigned_by == "user"
    still = lib.people.photo_faces(_photo_id(lib, files[1]))[0]
    assert still.person_id != pid
    assert lib.catalog.reader().execute(
        "SELECT COUNT(*) FROM face_rejections WHERE face_id = ? AND person_id = ?", [still.id, pid]
    ).fetchone()[0] == 1
    assert _photo_id(lib, files[0]) in lib.people.photos_of(name)


def test_a_new_embedder_re_embeds_the_catalog_and_keeps_the_names(lib, analysed):
    """A catalog whose faces came from the previous embedder (mobileface, 256-d) is
    re-embedded by the next analysis; the user's names carry over, and until then the old
    embeddings are never compared with new ones."""
    truth, name = analysed["truth"], analysed["names"][0]
    files = [f for f, n in truth.items() if n == name]
    first = lib.people.photo_faces(_photo_id(lib, files[0]))[0]
    lib.people.name_face(first.id, name)
    old_model = "mtcnn-2+mobileface-2"
    rng = np.random.default_rng(0)
    with lib.catalog.write() as db:
        for (fid,) in db.execute("SELECT id FROM faces").fetchall():
            v = rng.normal(size=256)
            db.execute("UPDATE faces SET model = ?, embedding = ?, assigned_by = CASE WHEN "
                       "assigned_by = 'user' THEN 'user' ELSE NULL END, person_id = CASE WHEN "
                       "assigned_by = 'user' THEN person_id ELSE NULL END WHERE id = ?",
                       [old_model, people.encode_embedding(v / np.linalg.norm(v)), fid])
        db.execute("UPDATE analysis_runs SET version = ? WHERE analyzer = 'faces'", [old_model])
    # naming before the re-analysis compares nothing of the old model (and does not fail)
    second = lib.people.photo_faces(_photo_id(lib, files[1]))[0]
    lib.people.name_face(second.id, name)
    assert all(f.person_id is None for f in lib.people.photo_faces(_photo_id(lib, files[2])))
    last = list(lib.analysis.analyze(["faces"]))[-1]
    assert last.done == len(truth) + 1 and last.failed == 0
    rows = lib.catalog.reader().execute("SELECT model, embedding FROM faces").fetchall()
    assert {r[0] for r in rows} == {people.FACE_MODEL}
    assert {len(people.decode_embedding(r[1])) for r in rows} == {128}
    for f in files[:2]:
        face = lib.people.photo_faces(_photo_id(lib, f))[0]
        assert face.person_name == name and face.assigned_by == "user"
    rest = [lib.people.photo_faces(_photo_id(lib, f))[0] for f in files[2:]]
    assert all((f.person_name, f.assigned_by) == (name, "auto") or f.suggested_name == name for f in rest)
    assert sum(f.assigned_by == "auto" for f in rest) >= len(rest) - 1


def test_merge_split_rename(lib):
    groups = [g for g in lib.people.list() if g.name is None]
    assert len(groups) >= 2
    a, b = groups[0], groups[1]
    lib.people.name_person(a.id, "First")
    lib.people.merge_people([b.id], a.id)
    merged = lib.people.person("First")
    assert lib.people.person(b.id) is None
    assert merged.face_count >= a.face_count + b.face_count  # (+ faces now recognised)
    faces = lib.people.person_faces(merged.id)
    moved = faces[-1].id
    confirmed = {f.id for f in faces if f.assigned_by == "user"}
    new = lib.people.split_faces([moved], "Second")
    second = [f.id for f in lib.people.person_faces(new)]
    # the split face, plus faces the model had placed (never ones the user confirmed for
    # First) that are now recognised as the newly named person
    assert moved in second
    assert not (set(second) - {moved}) & confirmed
    assert moved not in {f.id for f in lib.people.person_faces(merged.id)}
    lib.people.name_person(new, "Renamed")
    assert lib.people.person("Renamed") is not None and lib.people.person("Second") is None
    # the next analysis run (nothing left to analyse) still recognises named people again and
    # regroups the unnamed faces: that never takes a confirmed face from a named person
    last = list(lib.analysis.analyze(["faces"]))[-1]
    assert last.after.get("face_groups", 0) >= 1
    assert moved in {f.id for f in lib.people.person_faces(lib.people.person("Renamed").id)}
    assert confirmed - {moved} <= {f.id for f in lib.people.person_faces(merged.id)}


def test_emotion_and_people_reach_the_tag_tree(lib, analysed):
    from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF, MOODS

    kinds = {}
    for node in lib.photos.tag_tree():
        kinds[node.kind] = {t.name for t in node.tags}
    # two levels: moods, each with its own emotions as children; no mixed emotion list
    assert "emotion" not in kinds and kinds.get("mood") and kinds["mood"] <= set(MOODS)
    mood_node = next(n for n in lib.photos.tag_tree() if n.kind == "mood")
    children = [(m.name, c) for m in mood_node.tags for c in m.children]
    assert children and all(c.kind == "emotion" and c.name in EMOTIONS and MOOD_OF[c.name] == m
                            for m, c in children)
    f = analysed["truth"]
    lib.people.name_face(lib.people.photo_faces(_photo_id(lib, next(iter(f))))[0].id, "Tagged Person")
    kinds = {node.kind: {t.name for t in node.tags} for node in lib.photos.tag_tree()}
    assert "Tagged Person" in kinds.get("person", set())
