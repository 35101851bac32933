"""The personal hashtag model learns the user's own hashtags from captioned photos."""

from __future__ import annotations

import csv
import shutil

import numpy as np

from pose_desktop.analysis.picture import PictureAnalyzer
from pose_desktop.analysis.runner import run_analysis
from pose_desktop.tagging import personal
from pose_desktop.vocab import reasons


def test_choose_and_fit_learns_clusters_and_measures_the_learners():
    rng = np.random.default_rng(0)
    centres = rng.random((4, 64)) * 4
    x = np.concatenate([c + rng.normal(0, 0.3, (30, 64)) for c in centres]).astype(np.float32)
    tags = [[f"tag{i // 30}"] for i in range(120)]
    model = personal.choose_and_fit(x, tags)
    assert model is not None and set(model.meta["validation"]) == {"knn", "blend", "most_frequent"}
    assert model.meta["validation"]["knn"]["top3_hit"] > 0.9
    guess = model.predict(centres[2].astype(np.float32))
    assert guess[0].tag == "tag2" and "tag2" in reasons.text(guess[0].because)
    # stored and loaded back through the blob format
    back = personal.PersonalModel.from_blob(model.method, model.tags, model.to_blob(), model.meta)
    assert np.allclose(back.scores(x[:5]), model.scores(x[:5]), atol=1e-3)


def test_too_little_data_gives_no_model():
    x = np.zeros((3, 8), np.float32)
    assert personal.choose_and_fit(x, [["a"], ["b"], ["c"]]) is None


def _captioned(shared_datasets):
    folder = shared_datasets / "captioned"
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    def mentions(r, word):
        return sum(word in c.lower().split() for c in r["captions"].split(" | ")) >= 3
    dogs = [r["file"] for r in rows if mentions(r, "dog")]
    water = [r["file"] for r in rows if mentions(r, "water") and not mentions(r, "dog")]
    people = [r["file"] for r in rows if (mentions(r, "man") or mentions(r, "woman"))
              and not mentions(r, "dog") and not mentions(r, "water")]
    return folder / "images", dogs, water, people


def _captioned_library(library, images, train: dict[str, str], folder) -> None:
    """``library`` holds the photos ``train`` names (copied from ``images`` to ``folder``),
    analysed and captioned as ``train`` says."""
    folder.mkdir()
    for f in train:
        shutil.copy(images / f, folder / f)
    list(library.photos.index_folder(folder))
    list(run_analysis(library.catalog, [PictureAnalyzer()], batch_size=8))
    for f, caption in train.items():
        library.photos.set_caption(library.photos.resolve(str(folder / f)), caption)


def test_learns_a_new_hashtag_from_a_handful_of_photos(shared_datasets, library, tmp_path):
    images, dogs, water, people = _captioned(shared_datasets)
    train = {f: "우리 몽실이 산책 #몽실이 #산책" for f in dogs[:6]}
    train |= {f: "물놀이 #물놀이" for f in water[:8]}
    train |= {f: "오늘 #일상" for f in people[:10]}
    new_dog = dogs[6]
    _captioned_library(library, images, train, tmp_path / "posts")

    result = library.pictures.train_hashtags()
    assert result.method in ("knn", "head", "blend") and result.n_photos == len(train)
    suggestions = library.pictures.suggest_files([images / new_dog], faces=False)[0].suggestions
    top3 = [s.tag for s in suggestions if s.source != "builtin"][:3]
    assert "몽실이" in top3
    mongsil = next(s for s in suggestions if s.tag == "몽실이")
    assert "몽실이" in mongsil.because and mongsil.source in ("personal", "builtin+personal")


def test_retrains_when_more_photos_are_captioned(shared_datasets, library, tmp_path):
    images, dogs, water, _people = _captioned(shared_datasets)
    folder = tmp_path / "posts"
    folder.mkdir()
    files = dogs[:4] + water[:4]
    for f in files:
        shutil.copy(images / f, folder / f)
    list(library.photos.index_folder(folder))
    list(run_analysis(library.catalog, [PictureAnalyzer()], batch_size=8))
    for f in dogs[:4]:
        library.photos.set_caption(library.photos.resolve(str(folder / f)), "#몽실이")
    library.pictures.train_hashtags()
    assert personal.load_model(library.catalog.reader()).tags == ["몽실이"]
    assert not personal.needs_training(library.catalog.reader())
    for f in water[:4]:
        library.photos.set_caption(library.photos.resolve(str(folder / f)), "#물놀이 #여름")
    assert personal.needs_training(library.catalog.reader())
    library.pictures.suggest_files([images / water[5]], faces=False)  # retrains on the way
    assert "물놀이" in personal.load_model(library.catalog.reader()).tags


def test_blend_offers_habits_and_the_hashtags_the_user_adds_to_what_the_picture_shows():
    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, (60, 32)).astype(np.float32)  # features say nothing here
    food = [i % 2 == 0 for i in range(60)]
    noise = [[f"잡담{k}" for k in rng.choice(12, 2, replace=False)] for _ in range(60)]
    tags = [["데일리"] + (["맛스타", "음식"] if f else ["산책", "강아지"]) + n
            for f, n in zip(food, noise, strict=True)]
    shown = [{"음식": 0.9} if f else {"강아지": 0.8} for f in food]
    model = personal.choose_and_fit(x, tags, shown=shown, shown_tags=["음식", "강아지"])
    assert model.method == "blend" and set(model.meta["validation"]) == {"knn", "blend", "most_frequent"}
    v = model.meta["validation"]
    assert v["blend"]["recall5"] > v["knn"]["recall5"]
    assert v["blend"]["recall5"] > v["most_frequent"]["recall5"]
    # the weights, chosen by cross-validation on these photos, lean on the co-occurrence
    # with what the picture shows (the features say nothing here)
    assert model.meta["blend_weights"][1] > 0 and model.meta["blend_cv_recall5"]
    guesses = {g.tag: g for g in model.predict(rng.normal(0, 1, 32).astype(np.float32), shown={"음식": 0.95})}
    assert "맛스타" in guesses and "#음식 photos" in reasons.text(guesses["맛스타"].because)
    assert reasons.text(guesses["데일리"].because).startswith("your habit: #데일리 on 100%")
    assert reasons.text(guesses["데일리"].because, "ko").startswith("자주 쓰는 태그: 내 게시물의 100%에 #데일리")
    assert "산책" not in guesses or guesses["맛스타"].score > guesses["산책"].score
    back = personal.PersonalModel.from_blob(model.method, model.tags, model.to_blob(),
                                            dict(model.meta) | {"shown_tags": model.shown_tags})
    assert np.allclose(back.scores(x[:5], shown[:5]), model.scores(x[:5], shown[:5]), atol=1e-3)


def test_blend_scores_are_calibrated_probabilities_on_new_photos():
    # four kinds of picture, each with its own hashtags at its own rates, and chatter: the
    # blend's first five hashtags for new photos are right as often as their scores say
    rng = np.random.default_rng(3)
    centres = rng.normal(0, 1, (4, 48)) * 3
    rates = rng.random((4, 12)) ** 2  # hashtag j on a photo of kind k with rates[k, j]

    def posts(n):
        kind = rng.integers(0, 4, n)
        x = (centres[kind] + rng.normal(0, 1.5, (n, 48))).astype(np.float32)
        has = rng.random((n, 12)) < rates[kind]
        return x, [[f"태그{j}" for j in np.flatnonzero(h)] + [f"잡담{rng.integers(20)}"] for h in has]

    x, tags = posts(500)
    model = personal.choose_and_fit(x, tags)
    assert model.method == "blend" and model.meta["calibration"] is not None
    new_x, new_tags = posts(400)
    s = model.scores(new_x)
    top = np.argsort(-s, axis=1)[:, :5]
    said = np.take_along_axis(s, top, axis=1).ravel()
    right = np.array([model.tags[t] in new_tags[i] for i, row in enumerate(top) for t in row])
    for band in (said < 0.5, said >= 0.5):
        assert band.sum() >= 100
        assert abs(said[band].mean() - right[band].mean()) < 0.08, (said[band].mean(), right[band].mean())
    # the grid's choice and calibration are stored with the model and read back
    back = personal.PersonalModel.from_blob(model.method, model.tags, model.to_blob(), model.meta)
    assert np.allclose(back.scores(new_x[:5]), model.scores(new_x[:5]), atol=1e-3)
    assert back.meta["knn_k"] in personal.KNN_KS and back.meta["label_power"] in personal.LABEL_POWERS


def test_platt_scaling_recovers_probabilities_from_a_distorted_score():
    rng = np.random.default_rng(4)
    p = rng.uniform(0.02, 0.98, 20000)
    y = rng.random(len(p)) < p
    score = (np.log(p / (1 - p)) - 1.0) / 3.0  # increasing in p, far from a probability
    a, b = personal.platt(score, y)
    assert abs(a - 3.0) < 0.3 and abs(b - 1.0) < 0.2
    back = 1 / (1 + np.exp(-(a * score + b)))
    for lo in (0.0, 0.25, 0.5, 0.75):
        band = (back >= lo) & (back < lo + 0.25)
        assert abs(back[band].mean() - y[band].mean()) < 0.03
    assert personal.platt(-score, y) is None  # a score that falls as the chance rises
    assert personal.platt(score, np.zeros(len(p), bool)) is None


def test_pose_train_hashtags_says_how_well_it_learnt_in_korean(shared_datasets, library, tmp_path, capsys):
    """With 40+ captioned photos `pose train-hashtags` reports held-out figures; under
    --lang ko they were the one English line left."""
    from pose_desktop.cli import main

    images, dogs, water, people = _captioned(shared_datasets)
    train = {f: "#몽실이" for f in dogs[:14]} | {f: "#물놀이" for f in water[:14]}
    train |= {f: "#일상" for f in people[:14]}
    _captioned_library(library, images, train, tmp_path / "posts")
    assert main(["--catalog", str(library.path), "--lang", "ko", "train-hashtags"]) == 0
    said = capsys.readouterr().out
    assert "  따로 떼어 둔 사진으로 검증한 knn: 상위 5개 재현율 " in said, said
    assert "held-out" not in said and "recall" not in said, said
