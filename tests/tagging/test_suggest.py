"""Suggestions for photos never seen by the catalog (a dropped file), with real sessions."""

from __future__ import annotations

import csv
from datetime import datetime

from tests.photos import make_jpeg


def test_dropped_dog_photo_suggests_dog_with_the_reason(shared_datasets, library):
    folder = shared_datasets / "captioned"
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    dog = next(r["file"] for r in rows
               if sum("dog" in c.lower().split() for c in r["captions"].split(" | ")) == 5)
    result = library.pictures.suggest_files([folder / "images" / dog], faces=False)[0]
    assert result.error is None and result.photo_id is None
    tags = {s.tag: s for s in result.suggestions}
    assert "강아지" in tags, result.suggestions
    s = tags["강아지"]
    assert s.english == "dog" and s.source == "builtin" and 0 < s.score <= 1
    assert any(ch.isdigit() for ch in s.because)  # "golden retriever 0.82"
    assert any(line.startswith("object dog") for line in result.seen)  # an object, not a scene too
    assert not any(line.startswith("scene dog") for line in result.seen)
    assert library.photos.count() == 0  # nothing was added to the catalog


def test_dropped_file_gets_the_season_from_its_date(tmp_path, library):
    path = make_jpeg(tmp_path / "spring.jpg", when=datetime(2024, 4, 12, 10, 0), size=(800, 600))
    result = library.pictures.suggest_files([path])[0]
    spring = [s for s in result.suggestions if s.tag == "봄"]
    assert spring and spring[0].because == "taken in spring"
    assert library.pictures.suggest_files([tmp_path / "missing.jpg"])[0].error


def test_korean_labels(tmp_path, catalog_path):
    from pose_desktop.services import Library

    path = make_jpeg(tmp_path / "summer.jpg", when=datetime(2024, 7, 1, 10, 0))
    with Library(catalog_path, lang="ko") as lib:
        labels = [s.label for s in lib.pictures.suggest_files([path], faces=False)[0].suggestions]
    assert "#여름" in labels
