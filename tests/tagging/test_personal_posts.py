"""The personal hashtag model on real Instagram posts, through the app's own path: the
posts imported as Instagram's data export, analysed by the library, the model trained by
``train_hashtags`` on some posts and suggesting the others' own hashtags better than the
user's most frequent hashtags (benchmarks/quality_personal.py measures it on every post)."""

from __future__ import annotations

import csv
import json
import shutil

import numpy as np

from pose_desktop.tagging import personal
from pose_desktop.vocab.hashtags import HashtagNormalizer, extract_hashtags

PER_THEME = 40


def _posts(shared_datasets) -> list[dict]:
    """The first PER_THEME posts (by file name) of each search word that have real hashtags."""
    folder = shared_datasets / "hashtags"
    norm = HashtagNormalizer()
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["file"])
    by_theme: dict[str, list[dict]] = {}
    for r in rows:
        raw = extract_hashtags(r.get("instagram_hashtags"))
        if raw and (folder / "images" / r["file"]).exists():
            theme = r["origin"].rsplit("/", 2)[-2]
            by_theme.setdefault(theme, []).append(
                r | {"tags": sorted({norm.normalize(t) for t in raw} - {""})})
    return [p for posts in by_theme.values() if len(posts) >= PER_THEME for p in posts[:PER_THEME]]


def _import(library, posts, images, target):
    """The posts as an unpacked Instagram export (caption = the post's hashtags), imported
    and analysed; the photo id of each post."""
    entries = []
    for i, p in enumerate(posts):
        uri = f"media/posts/201906/{i:04d}.jpg"
        (target / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(images / p["file"], target / uri)
        entries.append({"media": [{"uri": uri, "creation_timestamp": 1_560_000_000 + i * 3600,
                                   "title": p["instagram_hashtags"].encode("utf-8").decode("latin-1")}]})
    content = target / "your_instagram_activity" / "content"
    content.mkdir(parents=True)
    (content / "posts_1.json").write_text(json.dumps(entries), encoding="utf-8")
    list(library.instagram.import_export(target))
    list(library.analysis.analyze_pictures())
    return [library.photos.resolve(str(target / f"media/posts/201906/{i:04d}.jpg")) for i in range(len(posts))]


def test_beats_the_most_frequent_hashtags_on_held_out_real_posts(shared_datasets, library, tmp_path):
    posts = _posts(shared_datasets)
    assert len(posts) >= 2 * PER_THEME, "the dev posts with their own hashtags are missing"
    ids = _import(library, posts, shared_datasets / "hashtags" / "images", tmp_path / "export")
    assert None not in ids and len(set(ids)) == len(ids)
    learned, frequent = [], []
    said, right = [], []  # the personal suggestions' scores, and whether the post has the tag
    for seed in range(3):
        order = np.random.default_rng(seed).permutation(len(posts))
        held = set(order[: len(posts) // 4].tolist())
        for i, pid in enumerate(ids):  # the catalog holds no hashtag of a held-out post
            library.photos.set_caption(pid, "" if i in held else posts[i]["instagram_hashtags"])
        result = library.pictures.train_hashtags()
        assert result.method is not None and 0 < result.n_photos <= len(posts) - len(held)
        vocab = personal.build_vocabulary([posts[i]["tags"] for i in range(len(posts)) if i not in held])
        for i in sorted(held):
            truth = set(vocab) & set(posts[i]["tags"])
            if not truth:
                continue
            sugg = library.pictures.suggest_for_photo(ids[i], top=15, new_only=False).suggestions
            mine = [s.tag for s in sugg if s.source != "builtin"][:5]
            for s in sugg:
                if s.source in ("personal", "habit") and s.tag in mine:
                    said.append(s.score)
                    right.append(s.tag in truth)
            assert all(s.because for s in sugg)
            learned.append(len(truth & set(mine)) / len(truth))
            frequent.append(len(truth & set(vocab[:5])) / len(truth))
    assert len(learned) >= 60
    # recall@5 of the posts' own hashtags: better than the 5 most frequent, on every post
    # measured together (3 splits)
    assert np.mean(learned) > np.mean(frequent) + 0.01, (np.mean(learned), np.mean(frequent))
    assert np.mean(np.array(learned) > 0) >= np.mean(np.array(frequent) > 0)
    # the personal scores mean something: on the held-out posts, the sure ones (>= 0.5) are
    # right far more often than the others (tests/tagging/test_personal.py checks the
    # calibration itself)
    said, right = np.array(said), np.array(right)
    assert len(said) >= 200
    sure = said >= 0.5
    assert sure.sum() >= 20 and right[sure].mean() > right[~sure].mean() + 0.2, (right[sure].mean(), right[~sure].mean())
