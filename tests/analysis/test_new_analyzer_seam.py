"""docs/ARCHITECTURE.md "How to add a model", checked: an analyzer written in one file and
added with one registry line runs in the library pass, in a dropped photo's graph, and
adds its facts to both alike, with nothing else changed."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest

from pose_desktop.analysis import registry
from pose_desktop.analysis.facts import photo_facts
from pose_desktop.catalog import store
from pose_desktop.tagging.scenes import Fact, PictureFacts
from pose_desktop.vocab.reasons import Reason
from tests.photos import make_jpeg

BRIGHTNESS = (Reason.of("note", text="mean brightness"),)


class LightAnalyzer:
    """A model-free analyzer: is the photo light or dark (mean brightness)."""

    name = "light"
    version = "test-1"
    depends_on: tuple[str, ...] = ()
    max_side = 256

    def __init__(self, models_dir=None, *, device=None, threads=None) -> None:
        self.loaded = False

    def load(self) -> None:
        self.loaded = True

    def analyze_batch(self, items):
        return [float(it.image.pixels.mean()) / 255 for it in items]

    @staticmethod
    def _tag(level: float) -> tuple[str, float]:
        return ("light" if level >= 0.5 else "dark"), round(abs(level - 0.5) * 2, 4)

    def store(self, db, photo, level: float) -> None:
        store.set_tags(db, photo.id, "object", self.name, [self._tag(level)])

    def facts(self, results, image) -> PictureFacts:
        name, score = self._tag(results[self.name])
        return PictureFacts([Fact("object", name, score, BRIGHTNESS)])

    def stored_facts(self, db, photo_id: int) -> PictureFacts | None:
        rows = store.source_tags(db, photo_id, self.name)
        return PictureFacts([Fact(k, n, s, BRIGHTNESS) for k, n, s in rows]) if rows else None


@pytest.fixture
def registered(monkeypatch):
    """The one registry line (restored after the test)."""
    monkeypatch.setattr(registry, "ANALYZERS", dict(registry.ANALYZERS))
    registry.register(registry.AnalyzerSpec("light", LightAnalyzer, "light or dark", facts=True))


def test_one_file_and_one_registry_line_make_a_working_analyzer(registered, library, tmp_path):
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2021, 7, 1), seed=3)
    list(library.photos.index_folder(root))
    assert "light" in registry.resolve_names(None)  # part of a plain `pose analyze`
    events = list(library.analysis.analyze(["light", "picture"]))
    assert events[-1].done == 1 and events[-1].failed == 0
    pid = library.photos.photo_ids()[0]
    assert [t for t in library.photos.photo(pid).tags if t.source == "light"]

    graph = library.context.models.get(registry.fact_names())
    assert "light" in [a.name for a in graph]  # dropped photos run it too
    by_path = library.pictures.image_facts(root / "a.jpg", faces=False)
    by_id = photo_facts([a for a in graph if a.name in ("light", "picture")],
                        library.catalog.reader(), pid)
    mine = [(f.kind, f.name, f.score) for f in by_path.facts if f.because == BRIGHTNESS]
    assert mine and mine == [(f.kind, f.name, f.score) for f in by_id.facts
                             if f.because == BRIGHTNESS]
    assert np.array_equal(by_path.features, by_id.features)
