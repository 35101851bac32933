"""One image outside the catalog (a dropped photo) analysed in two threads: the same
results and errors as the one loop (``feed_forward``) gives it in one."""

from __future__ import annotations

import csv
import dataclasses
import os
import threading

import numpy as np
import pytest
from PIL import Image

from pose_desktop.analysis import registry
from pose_desktop.analysis.facts import image_facts
from pose_desktop.analysis.picture import _as_stored, _faces
from pose_desktop.analysis.runner import (
    AnalysisItem,
    PhotoRef,
    analyze_image,
    drop_op_threads,
    drop_threads,
    order_analyzers,
)
from pose_desktop.inference.decode import decode_image
from pose_desktop.inference.hashtag_head import HashtagHead
from pose_desktop.inference.sessions import intra_op_threads
from pose_desktop.tagging.hashtag_inputs import object_inputs
from tests.analysis.test_one_graph import UNSURE_SELFIE

# Captioned photos of people in which faces are found: two girls hugging, two girls in
# winter coats, a boy and a girl in a wagon, two men by a fountain (6 faces)
PEOPLE = ("1569687608_0e3b3ad044.jpg", "2085726719_a57a75dbe5.jpg", "1977827746_4e13d7e19f.jpg",
          "1683444418_815f660379.jpg")


def _plain(x):
    """``x`` as nested tuples of plain values (arrays by dtype, shape and bytes), so two
    results compare exactly."""
    if isinstance(x, np.ndarray):
        return ("array", x.dtype.str, x.shape, x.tobytes())
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__name__, tuple((f.name, _plain(getattr(x, f.name))) for f in dataclasses.fields(x)))
    if isinstance(x, dict):
        return tuple(sorted((k, _plain(v)) for k, v in x.items()))
    if isinstance(x, (list, tuple)):
        extra = _plain(vars(x)) if hasattr(x, "__dict__") else ()  # FoundFaces.dropped
        return (type(x).__name__, tuple(_plain(v) for v in x), extra)
    if isinstance(x, np.generic):
        return x.item()
    return x


def _same(a, b) -> bool:
    return _plain(a) == _plain(b)


@pytest.fixture(scope="module")
def graph():
    """The analyzers a dropped photo runs through (faces, ages, detector, picture), loaded."""
    analyzers = registry.build(registry.fact_names())
    for a in analyzers:
        a.load()
    return analyzers


@pytest.fixture(scope="module")
def photos(tmp_path_factory) -> list:
    """Real dev photos, decoded as a dropped file is: people (``PEOPLE``), a garment, a
    dog, a selfie (the face the real-face gate drops), and the first photo of ``PEOPLE``
    upscaled to a 12 MP JPEG (decoded with DCT scaling)."""
    from tests.conftest import _shared_root

    data = _shared_root() / "datasets"
    if not (data / "README.md").exists():
        pytest.skip("shared datasets not available (../shared/datasets)")
    paths = [data / "captioned" / "images" / name for name in PEOPLE]
    paths.append(sorted((data / "clothing" / "images").glob("dress__*.jpg"))[0])
    paths.append(data / "hashtags" / "images" / UNSURE_SELFIE)
    with open(data / "hashtags" / "labels.csv", newline="", encoding="utf-8") as f:
        dog = next(r["file"] for r in csv.DictReader(f) if "강아지" in r["labels"].split(";"))
    paths.append(data / "hashtags" / "images" / dog)
    big = tmp_path_factory.mktemp("drop") / "drop_12mp.jpg"
    with Image.open(paths[0]) as im:
        im.convert("RGB").resize((4000, 3000), Image.Resampling.BICUBIC).save(big, quality=92)
    paths.append(big)
    return [(p, decode_image(p, 1280)) for p in paths]


def test_two_threads_give_the_one_loops_results(graph, photos):
    assert drop_threads() == min(2, os.cpu_count() or 1)
    with_faces = with_objects = 0
    for path, image in photos:
        one, failed_one = analyze_image(image, graph, str(path), threads=1)
        two, failed_two = analyze_image(image, graph, str(path), threads=2)
        assert failed_one == failed_two == {}, path.name
        assert list(one) == list(two) and set(one) == {"faces", "face_age", "objects", "picture"}
        for name in one:
            assert _same(one[name], two[name]), (path.name, name)
        facts_one, facts_two = image_facts(graph, one, image), image_facts(graph, two, image)
        assert [(f.kind, f.name, f.score, f.because) for f in facts_one.facts] == \
            [(f.kind, f.name, f.score, f.because) for f in facts_two.facts]
        assert (facts_one.features == facts_two.features).all()
        with_faces += len(one["faces"]) >= 2 and len(one["face_age"]) == len(one["faces"])
        with_objects += len(one["objects"]) > 0
    # people and ages, detections and the picture's head took part
    assert with_faces >= 5 and with_objects >= 6


class Broken:
    """A real analyzer whose ``step`` raises (everything else is the analyzer's own)."""

    def __init__(self, real, step: str) -> None:
        self._real, self._step = real, step

    def __getattr__(self, name):
        if name == self._step:
            def fail(items, *rest):
                raise ValueError(f"{self._real.name} says no")
            return fail
        return getattr(self._real, name)


@pytest.mark.parametrize(("broken", "step", "kept"), [
    ("faces", "analyze_batch", set()),  # the first in the order: nothing else is kept
    ("objects", "analyze_batch", {"faces"}),
    ("picture", "analyze_batch", {"faces", "objects"}),  # its early step ran: dropped too
    ("face_age", "analyze_batch", {"faces", "objects", "picture"}),
    ("picture", "finish_batch", {"faces", "objects", "face_age"}),
])
def test_a_failing_analyzer_reports_its_error_as_in_one_thread(graph, photos, broken, step, kept):
    path, image = photos[0]
    analyzers = [Broken(a, step) if a.name == broken else a for a in graph]
    assert [a.name for a in order_analyzers(analyzers)] == ["faces", "objects", "picture", "face_age"]
    one, failed_one = analyze_image(image, analyzers, str(path), threads=1)
    two, failed_two = analyze_image(image, analyzers, str(path), threads=2)
    assert failed_one == failed_two == {broken: f"{broken} says no"}
    assert set(one) == set(two) == kept
    assert all(_same(one[n], two[n]) for n in kept)


def test_a_failing_early_step_is_run_again_by_the_analyzer(graph, photos):
    path, image = photos[0]
    fine, _ = analyze_image(image, graph, str(path), threads=1)
    for name in ("picture", "objects"):
        analyzers = [Broken(a, "early_batch") if a.name == name else a for a in graph]
        two, failed = analyze_image(image, analyzers, str(path), threads=2)
        assert failed == {} and set(two) == set(fine)
        assert all(_same(fine[n], two[n]) for n in fine)


class Waits:
    """Stands for a slow analyzer: waits until ``ready`` is set (at most 20 s)."""

    name, version, depends_on = "slow", "1", ()

    def __init__(self, ready: threading.Event) -> None:
        self.ready = ready

    def analyze_batch(self, items):
        return [self.ready.wait(20)]

    def store(self, db, photo, result):
        pass


class Early:
    """Uses ``slow``; its pixel step sets ``ready`` and says in which thread it ran."""

    name, version, depends_on, uses = "early", "1", (), ("slow",)

    def __init__(self, ready: threading.Event) -> None:
        self.ready = ready

    def early_batch(self, items):
        self.ready.set()
        return [threading.current_thread().name for _ in items]

    def analyze_batch(self, items):
        return [(it.early.get(self.name), it.upstream.get("slow")) for it in items]

    def store(self, db, photo, result):
        pass


def test_an_early_step_runs_while_the_analyzer_it_waits_for_runs(photos):
    _, image = photos[0]
    ready = threading.Event()
    results, failed = analyze_image(image, [Early(ready), Waits(ready)], threads=2)
    # the early step ran in a second thread while "slow" waited for it; "early" then got
    # its own early result and slow's
    assert failed == {} and results["slow"] is True
    thread, upstream = results["early"]
    assert thread.startswith("pose-drop") and upstream is True
    # in one thread the early step is never called: the analyzer's own step runs alone
    ready.set()
    results, _ = analyze_image(image, [Early(ready), Waits(ready)], threads=1)
    assert results["early"] == (None, True)


class Starts:
    """Says when its steps start (``started``); the first two to start wait for each other,
    so those two are the ones the pool took first."""

    version, depends_on = "1", ()

    def __init__(self, name: str, started: list, both: threading.Barrier, early: bool = False,
                 lead: bool = False) -> None:
        self.name, self.started, self.both, self.drop_lead = name, started, both, lead
        if early:
            self.early_batch = lambda items: self._step("early", items)

    def _step(self, step: str, items):
        self.started.append((step, self.name))
        if len(self.started) <= 2:
            self.both.wait(20)
        return [step for _ in items]

    def analyze_batch(self, items):
        return self._step("run", items)

    def store(self, db, photo, result):
        pass


def test_the_leads_early_step_starts_first(photos):
    # three steps ready at once on two threads: the lead's pixels (the graph's longest piece)
    # are among the first two, whatever the order of the analyzers; the others follow in order
    _, image = photos[0]
    started: list = []
    both = threading.Barrier(2)
    graph = [Starts("faces", started, both), Starts("objects", started, both, early=True),
             Starts("picture", started, both, early=True, lead=True)]
    results, failed = analyze_image(image, graph, threads=2)
    assert failed == {} and set(results) == {"faces", "objects", "picture"}
    assert set(started[:2]) == {("early", "picture"), ("run", "faces")}
    assert started[2] == ("early", "objects")


def test_the_hashtag_head_gives_the_same_probabilities_in_any_number_of_threads(graph, photos):
    """The app runs the head in as many threads as the graphs (a dropped photo's head
    runs last, alone): the same probabilities as on one thread, for one photo or a batch,
    from the real photos' inputs."""
    picture = next(a for a in graph if a.name == "picture")
    assert picture.hashtags.info.intra_op_threads == intra_op_threads()
    heads = [HashtagHead(device="cpu", threads=n) for n in (1, 2, 4)]
    inputs = []
    for path, image in photos:
        results, _ = analyze_image(image, graph, str(path))
        item = AnalysisItem(PhotoRef(0, "", str(path), *image.original_size), image,
                            upstream={"faces": results["faces"]})
        pixels = picture.early_batch([item])[0]
        objects = object_inputs(_as_stored(results["objects"]), _faces(item))[None]
        inputs.append((pixels.head_features, pixels.head_clothing, objects))
        want = heads[0].predict(*inputs[-1])
        assert all((h.predict(*inputs[-1]) == want).all() for h in heads[1:] + [picture.hashtags]), path.name
    batch = [np.concatenate(x) for x in zip(*inputs, strict=True)]
    want = heads[0].predict(*batch)
    assert all((h.predict(*batch) == want).all() for h in heads[1:] + [picture.hashtags])


def test_the_model_cache_shares_the_cores_out_among_the_graphs_threads(monkeypatch):
    """The one-image graph's sessions (the library's model cache): the picture analyzer, the
    graph's lead, and the detector, its tail, on every core; the analyzers beside it on the cores divided by the graph's
    threads: one each on two cores, where two-thread sessions running at once put four
    threads on two cores (the results are the library pass's: test_one_graph)."""
    from pose_desktop.analysis.cache import AnalyzerCache

    cores = os.cpu_count() or 1
    assert drop_op_threads() == max(1, min(intra_op_threads(), cores // drop_threads()))
    built = {a.name: a for a in AnalyzerCache().get(["faces", "objects", "picture"])}
    faces, objects, picture = built["faces"], built["objects"], built["picture"]
    assert faces.detector.pnet.info.intra_op_threads == intra_op_threads(drop_op_threads())
    assert picture.clothing.info.intra_op_threads == picture.backbone.info.intra_op_threads == intra_op_threads()
    assert objects.detector.info.intra_op_threads == intra_op_threads()  # the graph's tail
    if cores == 2:
        assert faces.detector.pnet.info.intra_op_threads == 1
        assert picture.clothing.info.intra_op_threads == objects.detector.info.intra_op_threads == 2
    monkeypatch.setenv("POSE_DROP_THREADS", "1")  # the graph in one thread: every core per op
    (faces,) = AnalyzerCache().get(["faces"])
    assert faces.detector.pnet.info.intra_op_threads == intra_op_threads()
    monkeypatch.setenv("POSE_THREADS", "1")  # the user's cap holds
    assert drop_op_threads() == 1 and drop_op_threads(type(picture)) == 1
