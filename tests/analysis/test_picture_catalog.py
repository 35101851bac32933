"""The picture analysis end to end through the catalog: features, tags, search, flags, similar."""

from __future__ import annotations

import csv
import shutil

import pytest

from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import run_analysis


@pytest.fixture
def analysed(shared_datasets, library, tmp_path):
    """A library of 3 dog photos, 1 beach photo without dogs, and 2 garments, analysed."""
    cap = shared_datasets / "captioned"
    with open(cap / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    def count(r, word):
        return sum(word in c.lower().split() for c in r["captions"].split(" | "))
    dogs = [r["file"] for r in rows if count(r, "dog") == 5][:3]
    beach = [r["file"] for r in rows if count(r, "beach") >= 3 and count(r, "dog") == 0][:1]
    folder = tmp_path / "lib"
    folder.mkdir()
    for f in dogs + beach:
        shutil.copy(cap / "images" / f, folder / f)
    garments = sorted((shared_datasets / "clothing" / "images").glob("dress__*.jpg"))[:1] + \
        sorted((shared_datasets / "clothing" / "images").glob("pants__*.jpg"))[:1]
    for g in garments:
        shutil.copy(g, folder / g.name)
    list(library.photos.index_folder(folder))
    last = None
    for last in run_analysis(library.catalog, [PictureAnalyzer()], batch_size=4):  # noqa: B007
        pass
    assert last.done == 6 and last.failed == 0
    ids = {p: library.photos.resolve(str(folder / p)) for p in dogs + beach + [g.name for g in garments]}
    return library, ids, dogs, beach, [g.name for g in garments]


def test_features_and_tags_are_stored(analysed):
    lib, ids, dogs, _beach, garments = analysed
    db = lib.catalog.reader()
    assert db.execute("SELECT count(*), min(dim), max(length(vector)) FROM photo_features").fetchone() == (6, 1280, 2560)
    dog_tags = {(t.kind, t.name) for t in lib.photos.photo(ids[dogs[0]]).tags}
    # the dog is an object (the backbone's breeds summed), not a scene too
    assert ("object", "dog") in dog_tags and ("scene", "dog") not in dog_tags
    garment_kinds = {t.kind for t in lib.photos.photo(ids[garments[0]]).tags}
    assert {"clothing", "colour"} <= garment_kinds


def test_search_finds_scenes_in_korean_and_english(analysed):
    lib, ids, dogs, _beach, garments = analysed
    for word in ("강아지", "dog"):
        found = {p.id for p in lib.photos.search(word)}
        assert {ids[d] for d in dogs} <= found, word
    assert ids[garments[0]] in {p.id for p in lib.photos.search("원피스")} | {p.id for p in lib.photos.search("dress")}


def test_flag_listed_with_reason_then_dismissed(analysed, capsys):
    lib, ids, dogs, beach, _garments = analysed
    lib.photos.set_caption(ids[beach[0]], "커피 한잔 #카페")
    lib.photos.set_caption(ids[dogs[0]], "산책 #강아지")
    flags = lib.pictures.flags()
    assert [(f.photo_id, f.hashtag) for f in flags] == [(ids[beach[0]], "카페")]
    assert "no food or drink" in flags[0].reason and flags[0].rule == "cafe = food or drink"
    from pose_desktop.cli import main  # `pose flags` says the rule and the reason in Korean

    assert main(["--catalog", str(lib.path), "--lang", "ko", "flags"]) == 0
    said = capsys.readouterr().out
    assert "#카페: 음식이나 음료가 보이지 않습니다" in said, said
    assert "(카페 = 음식이나 음료)" in said and "no food" not in said and "the photo shows" not in said
    assert lib.pictures.dismiss_flag(ids[beach[0]], "카페") == 1
    assert lib.pictures.flags() == []
    assert [f.status for f in lib.pictures.flags(include_dismissed=True)] == ["dismissed"]


def test_more_like_this_ranks_the_other_dogs_first(analysed):
    lib, ids, dogs, _beach, _garments = analysed
    hits = lib.pictures.similar(ids[dogs[0]], limit=5)
    assert ids[dogs[0]] not in [h.photo_id for h in hits]
    assert {h.photo_id for h in hits[:2]} == {ids[dogs[1]], ids[dogs[2]]}
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:], strict=False))
    assert lib.pictures.duplicate_groups() == []


def test_analyze_pictures_runs_the_picture_analyzer(shared_datasets, library, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    for g in sorted((shared_datasets / "clothing" / "images").glob("shoes__*.jpg"))[:2]:
        shutil.copy(g, folder / g.name)
    list(library.photos.index_folder(folder))
    events = list(library.analysis.analyze_pictures())
    assert events[-1].done == 2 and events[-1].failed == 0
    assert library.catalog.reader().execute("SELECT count(*) FROM photo_features").fetchone()[0] == 2


def test_a_head_filling_the_frame_gets_no_clothes(shared_datasets, library, tmp_path):
    """Face close-ups (faces/) show no garment and no garment colour; a street outfit with
    its wearer's face keeps both (the picture analyzer after the faces, as the app runs)."""
    from pose_desktop.analysis.faces import FaceAnalyzer

    heads = sorted((shared_datasets / "faces" / "images").glob("*.jpg"))[:3]
    outfit = shared_datasets / "hashtags" / "images" / "bearpaw__0076.jpg"
    folder = tmp_path / "lib"
    folder.mkdir()
    for f in [*heads, outfit]:
        shutil.copy(f, folder / f.name)
    list(library.photos.index_folder(folder))
    for _ in run_analysis(library.catalog, [FaceAnalyzer(), PictureAnalyzer()], batch_size=4):
        pass

    def kinds(f):
        pid = library.photos.resolve(str(folder / f.name))
        return library.people.photo_faces(pid), {t.kind for t in library.photos.photo(pid).tags}

    for head in heads:
        faces, got = kinds(head)
        assert faces, head.name  # a face was found
        assert not {"clothing", "colour"} & got, head.name
    faces, got = kinds(outfit)
    assert faces and {"clothing", "colour"} <= got


def test_shoes_and_hats_only_where_the_backbone_sees_them(shared_datasets, library, tmp_path):
    """The clothing model called a baby in a plastic tub "shoes" (and its colour orange) and
    basketball players "hat"; sneakers on the beach, a knitted beanie and a shoe and a hat
    of the clothing set stay shoes and hat."""
    from pose_desktop.analysis.faces import FaceAnalyzer

    images = shared_datasets / "hashtags" / "images"
    tub, sneakers = images / "rlnzler__2419186511_f0ce5f9685.jpg", images / "rlnzler__490390951_87395fcb1c.jpg"
    court, beanie = images / "rlnzler__2529205842_bdcb49d65b.jpg", images / "rlnzler__3308997740_91765ecdcc.jpg"
    garments = shared_datasets / "clothing" / "images"
    shoe, hat = sorted(garments.glob("shoes__*.jpg"))[0], sorted(garments.glob("hat__*.jpg"))[0]
    folder = tmp_path / "lib"
    folder.mkdir()
    for f in (tub, sneakers, court, beanie, shoe, hat):
        shutil.copy(f, folder / f.name)
    list(library.photos.index_folder(folder))
    for _ in run_analysis(library.catalog, [FaceAnalyzer(), PictureAnalyzer()], batch_size=4):
        pass

    def tags(f):
        return {(t.kind, t.name) for t in library.photos.photo(library.photos.resolve(str(folder / f.name))).tags}

    for wrong in (tub, court):
        assert not {k for k, _ in tags(wrong)} & {"clothing", "colour"}, wrong.name
    for f, garment in ((sneakers, "shoes"), (shoe, "shoes"), (beanie, "hat"), (hat, "hat")):
        assert ("clothing", garment) in tags(f), f.name
