"""The clothing model and colour namer on real garments.

The shipped model is trained on every photo of the dev clothing set, so these tests check
the app's whole path on real photos (decode, ImageNet gate, the int8 graph, the hat check,
the tags) against their labels; how well it does on garments it has not seen is measured by
benchmarks/quality_tags.py (cross-validated here, and on held-out sets of the same layout).
The faces set, never trained on, is the unseen check for the hat check."""

from __future__ import annotations

import csv

import numpy as np

from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import AnalysisItem
from pose_desktop.catalog.analysis import PhotoRef
from pose_desktop.inference.decode import decode_image
from pose_desktop.tagging.clothing_labels import blend_coarse, coarse_probs, decide, hat_checked
from pose_desktop.tagging.scenes import CLOTHING_GATE, describe, scene_scores
from pose_desktop.vocab import reasons
from pose_desktop.vocab.clothing import (
    COARSE_CLASSES,
    COARSE_NAMES,
    FINE_CLASSES,
    FINE_NAMES,
    FINE_TO_COARSE,
    SHOWN,
)
from pose_desktop.vocab.colours import COLOUR_NAMES


def garment_rows(shared_datasets, per_class: int = 4) -> list[dict]:
    """The first ``per_class`` photos of each fine class, by file name."""
    folder = shared_datasets / "clothing"
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    picked: dict[str, list[dict]] = {}
    for r in sorted(rows, key=lambda r: r["file"]):
        if len(picked.setdefault(r["fine_label"], [])) < per_class:
            picked[r["fine_label"]].append(r)
    return [r for label in sorted(picked) for r in picked[label]]


def picture_facts(analyzer: PictureAnalyzer, paths: list) -> list:
    """The picture analyzer's facts for these photos as the runner makes them in one batch
    (no faces or detections upstream): decoded once, the models' run, then the finish step."""
    items = [AnalysisItem(PhotoRef(i, "", str(p)), decode_image(p)) for i, p in enumerate(paths)]
    return analyzer.finish_batch(items, analyzer.analyze_batch(items))


def test_clothing_type_and_colours_on_real_garments(shared_datasets):
    rows = garment_rows(shared_datasets)
    assert len(rows) == 4 * len(FINE_CLASSES)
    analyzer = PictureAnalyzer()
    facts = picture_facts(analyzer, [shared_datasets / "clothing" / "images" / r["file"] for r in rows])
    fine_ok = type_ok = n_type = gated = coloured = 0
    for r, f in zip(rows, facts, strict=False):
        garments = f.of_kind("clothing")
        if not garments:
            continue  # the picture was not judged to show clothes
        gated += 1
        names = {g.name for g in garments}
        fine_ok += r["fine_label"] in names
        coarse = FINE_TO_COARSE[r["fine_label"]]
        if coarse != "other":
            n_type += 1
            type_ok += coarse in names or any(FINE_TO_COARSE.get(n) == coarse for n in names)
        colours = f.of_kind("colour")
        coloured += bool(colours)  # only a colour covering most of the garment is named
        assert all(c.name in COLOUR_NAMES and c.score >= SHOWN.colour_share for c in colours)
        assert len(colours) <= 1
        assert "clothing model" in reasons.text(garments[0].because)
    assert gated >= 0.85 * len(rows) and coloured >= 0.5 * gated
    # training photos: the app's path must give back (nearly) what the model learned
    assert fine_ok / gated >= 0.9
    assert type_ok / n_type >= 0.9


def test_clothing_model_outputs_are_probabilities(shared_datasets):
    analyzer = PictureAnalyzer()
    rows = garment_rows(shared_datasets, per_class=1)
    x = np.stack([analyzer.clothing_crop(decode_image(shared_datasets / "clothing" / "images" / r["file"]).pixels)
                  for r in rows])
    fine, hat = analyzer.clothing.predict(x)
    assert fine.shape == (len(rows), 10) and hat.shape == (len(rows),)
    assert np.allclose(fine.sum(1), 1, atol=1e-4) and ((hat >= 0) & (hat <= 1)).all()
    checked = hat_checked(fine, hat)
    assert np.allclose(checked.sum(1), 1, atol=1e-4) and np.allclose(coarse_probs(checked).sum(1), 1, atol=1e-4)


def test_coarse_blend_moves_the_type_and_keeps_the_fine_order_inside_it():
    rng = np.random.default_rng(0)
    fine = rng.dirichlet(np.ones(10), size=50)
    fine[0] = np.eye(10)[FINE_CLASSES.index("t-shirt")]  # "dress", "outwear"... are exactly 0
    coarse = rng.dirichlet(np.ones(5), size=50)
    blended = blend_coarse(fine, coarse)
    assert np.allclose(blended.sum(1), 1)
    assert np.allclose(coarse_probs(blended)[1:], (coarse_probs(fine)[1:] + coarse[1:]) / 2)
    assert np.allclose(blended[0], fine[0])  # nothing to rescale in the types ruled out
    for group in ({"t-shirt", "shirt", "longsleeve"}, {"pants", "shorts", "skirt"}):
        cols = [FINE_CLASSES.index(f) for f in sorted(group)]
        assert (blended[:, cols].argmax(1) == fine[:, cols].argmax(1)).all()


def test_the_fine_class_always_belongs_to_the_garment_type():
    dress, tshirt, shirt, longsleeve = (FINE_CLASSES.index(f) for f in ("dress", "t-shirt", "shirt", "longsleeve"))
    p = np.full(10, 0.02)
    p[[dress, tshirt, shirt, longsleeve]] = 0.3, 0.22, 0.18, 0.14  # the dress alone is the best class
    fine, coarse = decide(p)
    assert (FINE_CLASSES[fine], COARSE_CLASSES[coarse]) == ("t-shirt", "top")
    batch = np.random.default_rng(1).dirichlet(np.ones(10) * 0.3, size=200)
    fine, coarse = decide(batch)
    assert all(COARSE_CLASSES[c] == FINE_TO_COARSE[FINE_CLASSES[f]] for f, c in zip(fine, coarse, strict=True))
    assert (coarse == coarse_probs(batch).argmax(1)).all()
    tags = describe(np.full(1000, 1e-3, np.float32), fine_probs=p, people=True).of_kind("clothing")
    assert sorted(t.name for t in tags) == ["t-shirt", "top"]


def test_bare_heads_are_not_hats_but_worn_hats_are(shared_datasets):
    """The clothing set shows garments, not people: without the hat check every face
    close-up came out as "hat". The faces set (close-ups, no hats) is not trained on; the
    hats are training photos."""
    faces = sorted((shared_datasets / "faces" / "images").iterdir())[::4]
    hats = [r for r in garment_rows(shared_datasets, per_class=12) if r["fine_label"] == "hat"]
    analyzer = PictureAnalyzer()
    face_facts = picture_facts(analyzer, faces)
    said_hat = [f for f in face_facts if any(g.name == "hat" for g in f.of_kind("clothing"))]
    # most reach the clothing model (the picture gate lets them by), and none is called a hat
    gated = [f for f in face_facts if max(f.score("scene:clothing"), f.score("scene:person")) >= CLOTHING_GATE]
    assert len(faces) == 30 and len(gated) >= 20
    assert not said_hat
    x = np.stack([analyzer.clothing_crop(decode_image(shared_datasets / "clothing" / "images" / r["file"]).pixels)
                  for r in hats])
    fine = hat_checked(*analyzer.clothing.predict(x))
    assert len(hats) == 12 and np.sum(fine.argmax(1) == FINE_CLASSES.index("hat")) >= 11


def test_a_garment_type_is_not_repeated_under_the_fine_name():
    probs = np.zeros(1000, np.float32)
    probs[0] = 1.0
    fine = np.zeros(10, np.float32)
    for name, expected in (("outwear", {"outwear"}), ("dress", {"dress"}), ("t-shirt", {"t-shirt", "top"})):
        fine[:] = 0.0
        fine[FINE_CLASSES.index(name)] = 1.0
        facts = describe(probs, fine, [], people=True, scores=scene_scores(probs))
        names = {f.name for f in facts.of_kind("clothing")}
        assert names == expected
        assert len({FINE_NAMES.get(n, COARSE_NAMES.get(n)) for n in names}) == len(names)


# Photos of people, described by their captions (benchmarks/quality_clothing_people.py
# scores the rule on 1,636 of them). The clothing model, trained on product photos, calls
# a swimmer's bare chest or swimsuit a T-shirt, and a boy's or a man's shirt outerwear.
SWIMMERS = ("captioned/images/1408958345_68eea9a4e4.jpg",  # "a girl ... in her swimsuit"
            "captioned/images/131632409_4de0d4e710.jpg",  # "a girl in a bikini walks along the beach"
            "hashtags/images/rlnzler__2675190069_d5c3b2c876.jpg")  # "a woman in a bikini sits in shallow water"
SHIRTS = ("hashtags/images/rlnzler__2420730259_86e7f8a815.jpg",  # "a man in a green shirt is kissing..."
          "hashtags/images/rlnzler__3245266444_2e798096e6.jpg")  # "a boy in a green shirt..."
DRESSES = {"hashtags/images/rlnzler__2991994415_504d1c0a03.jpg": {"red"},  # "a girl ... in a red dress"
           "captioned/images/1339596997_8ac29c1841.jpg": {"grey"}}  # "three women in dresses and head scarves"


def test_clothes_on_people_are_shown_only_where_the_model_is_sure_enough(shared_datasets, library):
    from pose_desktop.vocab.clothing import UPPER, ClothingRule

    analyzer = PictureAnalyzer()
    for name, garment in [(n, "t-shirt") for n in SWIMMERS] + [(n, "outwear") for n in SHIRTS]:
        facts = library.pictures.image_facts(shared_datasets / name)
        assert not facts.of_kind("clothing") and not facts.of_kind("colour"), (name, facts.facts)
        # the model's own answer, shown under the rule before (every cut 0, no swimwear guard)
        item = AnalysisItem(PhotoRef(0, "", str(shared_datasets / name)), decode_image(shared_datasets / name))
        pixels = analyzer.early_batch([item])[0]
        before = describe(pixels.probs[0], pixels.fine[0], [], people=True, rule=ClothingRule())
        after = describe(pixels.probs[0], pixels.fine[0], [], people=True, rule=SHOWN)
        assert garment in {f.name for f in before.of_kind("clothing")}, (name, before.facts)
        assert not {f.name for f in after.of_kind("clothing")} & UPPER, (name, after.facts)
    for name, colours in DRESSES.items():
        facts = library.pictures.image_facts(shared_datasets / name)
        assert [f.name for f in facts.of_kind("clothing")] == ["dress"], (name, facts.facts)
        # only the colour covering most of the garment (the second, under a third of it, goes)
        assert {f.name for f in facts.of_kind("colour")} == colours, (name, facts.facts)
