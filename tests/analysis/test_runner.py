"""The analysis runner: decode once, dependencies, errors, cancel, resume after SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from pose_desktop.analysis.runner import order_analyzers, run_analysis
from pose_desktop.services import Library
from tests.photos import make_jpeg

N = 24


@pytest.fixture
def lib(tmp_path):
    for i in range(N):
        make_jpeg(tmp_path / "photos" / f"{i:02d}.jpg", seed=i, size=(320, 240))
    library = Library(tmp_path / "catalog.sqlite")
    list(library.photos.index_folder(tmp_path / "photos"))
    yield library
    library.close()


class Recorder:
    """Stores one catalog_meta row per photo: a second store of a photo would fail (PK)."""

    def __init__(self, name="rec", version="1", depends_on=(), fail_on=None):
        self.name, self.version, self.depends_on = name, version, tuple(depends_on)
        self.fail_on = fail_on
        self.seen: list[tuple[int, tuple]] = []

    def analyze_batch(self, items):
        out = []
        for it in items:
            if self.fail_on and it.photo.path.endswith(self.fail_on):
                raise ValueError("model says no")
            self.seen.append((it.photo.id, it.image.pixels.shape, dict(it.upstream)))
            out.append(it.image.pixels.shape[:2])
        return out

    def store(self, db, photo, result):
        db.execute("INSERT INTO catalog_meta (key, value) VALUES (?, ?)",
                   [f"{self.name}-{self.version}-{photo.id}", str(result)])

    def load_result(self, db, photo):
        return ("loaded", photo.id)


def _runs(lib, name):
    return dict(lib.catalog.reader().execute(
        "SELECT status, COUNT(*) FROM analysis_runs WHERE analyzer = ? GROUP BY status", [name]
    ).fetchall())


def test_every_photo_once_then_nothing_to_do(lib):
    events = list(run_analysis(lib.catalog, [Recorder()], batch_size=5))
    assert events[0].done == 0 and events[-1].done == events[-1].total == N
    assert _runs(lib, "rec") == {"ok": N}
    again = list(run_analysis(lib.catalog, [Recorder()]))
    assert again[-1].total == 0
    # a new version re-analyses everything
    assert list(run_analysis(lib.catalog, [Recorder(version="2")]))[-1].done == N


def test_dependencies_run_first_and_current_ones_are_loaded(lib):
    base, dep = Recorder("base"), Recorder("dep", depends_on=["base"])
    assert [a.name for a in order_analyzers([dep, base])] == ["base", "dep"]
    list(run_analysis(lib.catalog, [dep, base], batch_size=8))
    assert all(up["base"] == shape[:2] for _, shape, up in dep.seen)  # fresh result passed on
    dep2 = Recorder("dep", version="2", depends_on=["base"])
    base_again = Recorder("base")
    list(run_analysis(lib.catalog, [dep2, base_again]))
    assert base_again.seen == []  # base is current: not re-run ...
    assert all(up["base"] == ("loaded", pid) for pid, _, up in dep2.seen)  # ... but loaded


def test_failures_are_recorded_not_retried_unless_asked(lib, tmp_path):
    (tmp_path / "photos" / "03.jpg").write_bytes(b"not a jpeg any more")  # decode error
    rec = Recorder(fail_on="05.jpg")  # model error on one photo of a batch
    last = list(run_analysis(lib.catalog, [rec], batch_size=4))[-1]
    assert last.failed == 2 and _runs(lib, "rec") == {"ok": N - 2, "error": 2}
    errors = dict(lib.catalog.reader().execute(
        "SELECT f.path, a.error FROM analysis_runs a JOIN files f ON f.photo_id = a.photo_id "
        "WHERE a.status = 'error'").fetchall())
    assert any("model says no" in e for e in errors.values())
    assert list(run_analysis(lib.catalog, [Recorder()]))[-1].total == 0
    retry = list(run_analysis(lib.catalog, [Recorder()], retry_errors=True))[-1]
    assert retry.total == 2


def test_a_failed_photo_is_tried_again_once_its_file_changed(lib, tmp_path):
    """Analyse after a failure loaded the models and failed again on every click; now
    only a file changed since (size or mtime) is tried again, and ``retry_errors`` all."""
    broken = tmp_path / "photos" / "03.jpg"
    broken.write_bytes(b"not a jpeg any more")
    assert list(run_analysis(lib.catalog, [Recorder(fail_on="05.jpg")]))[-1].failed == 2
    class Loading(Recorder):
        loaded = 0

        def load(self):
            self.loaded += 1

    again = Loading()
    assert list(run_analysis(lib.catalog, [again]))[-1].total == 0
    assert again.loaded == 0  # no model loaded for nothing
    make_jpeg(broken, seed=3, size=(320, 240))  # the user fixed the file
    fixed = list(run_analysis(lib.catalog, [Recorder()]))[-1]
    assert (fixed.total, fixed.failed) == (1, 0) and _runs(lib, "rec") == {"ok": N - 1, "error": 1}
    assert list(run_analysis(lib.catalog, [Recorder()], retry_errors=True))[-1].done == 1  # 05.jpg


def test_stopping_the_iteration_cancels_and_keeps_committed_batches(lib):
    gen = run_analysis(lib.catalog, [Recorder()], batch_size=4)
    assert next(gen).done == 0  # start event
    assert next(gen).done == 0  # first batch analysed, not committed yet
    assert next(gen).done == 4  # first batch committed
    gen.close()
    assert _runs(lib, "rec") == {"ok": 4}
    assert list(run_analysis(lib.catalog, [Recorder()], batch_size=4))[-1].done == N - 4


CHILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from pose_desktop.services import Library
    from pose_desktop.analysis.runner import run_analysis
    from tests.analysis.test_runner import Recorder

    class Slow(Recorder):
        def analyze_batch(self, items):
            time.sleep(0.15 * len(items))
            return super().analyze_batch(items)

    lib = Library({catalog!r})
    for ev in run_analysis(lib.catalog, [Slow()], batch_size=3):
        print(ev.done, flush=True)
""")


def test_resumes_after_sigkill(lib):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = CHILD.format(root=root, catalog=str(lib.path))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line and int(line) >= 9:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = _runs(lib, "rec").get("ok", 0)
    assert 9 <= done_before < N
    rest = list(run_analysis(lib.catalog, [Recorder()], batch_size=3))[-1]
    assert rest.done == N - done_before  # only what was not committed is redone
    assert _runs(lib, "rec") == {"ok": N}
    hits = lib.catalog.reader().execute(
        "SELECT COUNT(*) FROM catalog_meta WHERE key LIKE 'rec-1-%'").fetchone()[0]
    assert hits == N  # every photo stored exactly once (a second store would have failed)
    assert lib.catalog.reader().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


class Preparing(Recorder):
    """An analyzer with a prepare step: it must run in the decode thread, not the caller's."""

    def __init__(self, fail_prepare_on=None):
        super().__init__(name="prep")
        self.fail_prepare_on = fail_prepare_on
        self.prepare_threads: set[str] = set()

    def prepare(self, image):
        import threading

        self.prepare_threads.add(threading.current_thread().name)
        if self.fail_prepare_on and image.pixels.shape[1] == self.fail_prepare_on:
            raise ValueError("cannot prepare")
        return float(image.pixels.mean())

    def analyze_batch(self, items):
        out = []
        for it in items:
            mean = it.prepared.get(self.name)
            if mean is None:  # prepare failed: do it here, as an analyzer must
                mean = float(it.image.pixels.mean())
            assert mean == pytest.approx(float(it.image.pixels.mean()))
            out.append(round(mean, 3))
        self.seen.extend((it.photo.id, self.name in it.prepared) for it in items)
        return out


def test_thumbnails_serve_analyzers_that_need_no_more(lib, tmp_path):
    """An analyzer declaring ``thumb_side`` reads the index-time thumbnail (shorter side
    256 px) when the run is given the thumbnails folder; a missing or too small thumbnail,
    or another analyzer pending for the same photo, means the original is decoded."""
    from PIL import Image

    from pose_desktop.ingest.media import thumbnail_path

    big = tmp_path / "big"
    for i in range(4):
        make_jpeg(big / f"{i}.jpg", seed=40 + i, size=(1200, 900))
    list(lib.photos.index_folder(big))
    refs = lib.catalog.reader().execute(
        "SELECT p.id, p.hash FROM photos p WHERE p.width = 1200 ORDER BY p.id").fetchall()
    thumbs = {pid: thumbnail_path(lib.thumbs_dir, h) for pid, h in refs}
    assert all(Image.open(t).size == (341, 256) for t in thumbs.values())
    (lost, _), (old, _), (broken, _) = refs[0], refs[1], refs[2]
    thumbs[lost].unlink()
    Image.new("RGB", (256, 192)).save(thumbs[old])  # an older catalog's thumbnail size
    thumbs[broken].write_bytes(thumbs[broken].read_bytes()[:300])  # a truncated thumbnail
    ids = [pid for pid, _ in refs]

    light = Recorder("light")
    light.thumb_side = 256
    list(run_analysis(lib.catalog, [light], photo_ids=ids, thumbs_dir=lib.thumbs_dir))
    shapes = {pid: shape for pid, shape, _ in light.seen}
    assert shapes[ids[3]] == (256, 341, 3)  # the thumbnail
    assert shapes[lost] == shapes[old] == shapes[broken] == (900, 1200, 3)  # the originals
    assert _runs(lib, "light") == {"ok": 4}

    # without the folder, or with a pending analyzer that needs the photo, originals
    light2, full = Recorder("light2"), Recorder("full")
    light2.thumb_side = 256
    list(run_analysis(lib.catalog, [light2, full], photo_ids=ids, thumbs_dir=lib.thumbs_dir))
    assert {s for _, s, _ in light2.seen} == {(900, 1200, 3)}


def test_prepare_runs_in_the_decode_thread_and_reaches_the_batch(lib):
    import threading

    an = Preparing()
    list(run_analysis(lib.catalog, [an], batch_size=5))
    assert an.prepare_threads and threading.current_thread().name not in an.prepare_threads
    assert all(name.startswith("pose-decode") for name in an.prepare_threads)
    assert len(an.seen) == N and all(prepared for _, prepared in an.seen)
    assert _runs(lib, "prep") == {"ok": N}


def test_a_failing_prepare_falls_back_to_the_analyzer(lib):
    an = Preparing(fail_prepare_on=320)  # every photo is 320 px wide: prepare always fails
    list(run_analysis(lib.catalog, [an], batch_size=5))
    assert len(an.seen) == N and not any(prepared for _, prepared in an.seen)
    assert _runs(lib, "prep") == {"ok": N}


def test_each_photo_is_decoded_at_the_largest_size_its_pending_analyzers_need(lib):
    small = Recorder("small")
    # 320×240 JPEGs: small alone is served libjpeg's 1/4 scale as it comes (80 px is
    # within DCT_SLACK of 100), not resampled to 100 px
    small.max_side = 100
    list(run_analysis(lib.catalog, [small]))
    assert {shape for _, shape, _ in small.seen} == {(60, 80, 3)}
    # both pending: one decode at the larger need (1/2 scale: 160 of 200 px), shared
    small2, large = Recorder("small2"), Recorder("large")
    small2.max_side, large.max_side = 100, 200
    list(run_analysis(lib.catalog, [small2, large]))
    assert {s for _, s, _ in small2.seen} == {s for _, s, _ in large.seen} == {(120, 160, 3)}
    # a need between two DCT scales is resampled down from the larger one
    odd = Recorder("odd")
    odd.max_side = 140  # 1/2 gives 160 > 140, 1/4 gives 80 < 0.75 * 140
    list(run_analysis(lib.catalog, [odd]))
    assert {s for _, s, _ in odd.seen} == {(105, 140, 3)}
    # an explicit max_side wins; analyzers without one get DEFAULT_MAX_SIDE (no upscaling)
    plain = Recorder("plain")
    list(run_analysis(lib.catalog, [plain], max_side=160))
    assert {s for _, s, _ in plain.seen} == {(120, 160, 3)}
    other = Recorder("other")
    list(run_analysis(lib.catalog, [other]))
    assert {s for _, s, _ in other.seen} == {(240, 320, 3)}


def test_the_decode_thread_runs_at_a_lower_priority():
    import threading

    from pose_desktop.analysis.runner import _lower_priority

    seen = {}

    def body():
        _lower_priority()
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    t = threading.Thread(target=body)
    t.start()
    t.join()
    assert seen["nice"] == min(19, os.getpriority(os.PRIO_PROCESS, 0) + 10)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < seen["nice"]


class Finishing(Recorder):
    """Model outputs from ``analyze_batch``, the rest in ``finish_batch`` (writer thread)."""

    def __init__(self, name="fin", fail_on=None):
        super().__init__(name)
        self.finish_fail_on = fail_on
        self.finish_threads: set[str] = set()

    def finish_batch(self, items, outputs):
        import threading

        self.finish_threads.add(threading.current_thread().name)
        out = []
        for it, o in zip(items, outputs, strict=True):
            if self.finish_fail_on and it.photo.path.endswith(self.finish_fail_on):
                raise ValueError("finish says no")
            out.append(("finished", tuple(o)))
        return out


def test_finish_batch_runs_in_the_writer_thread_and_fails_per_photo(lib):
    an = Finishing(fail_on="07.jpg")
    events = list(run_analysis(lib.catalog, [an], batch_size=5))
    assert events[-1].done == N and events[-1].failed == 1
    assert [e.done for e in events] == [0, 0, 5, 10, 15, 20, 24]  # only written batches count
    assert len(an.finish_threads) == 1 and next(iter(an.finish_threads)).startswith("pose-write")
    stored = [v for (v,) in lib.catalog.reader().execute(
        "SELECT value FROM catalog_meta WHERE key LIKE 'fin-%'")]
    assert len(stored) == N - 1 and all(v.startswith("('finished', (240, 320))") for v in stored)
    error = lib.catalog.reader().execute(
        "SELECT f.path, a.error FROM analysis_runs a JOIN files f ON f.photo_id = a.photo_id "
        "WHERE a.analyzer = 'fin' AND a.status = 'error'").fetchall()
    assert len(error) == 1 and error[0][0].endswith("07.jpg") and "finish says no" in error[0][1]
    # what another analyzer would need is only finished in the writer thread
    with pytest.raises(ValueError, match="writer thread"):
        order_analyzers([Recorder("dep", depends_on=["fin"]), Finishing()])


class Preparer(Recorder):
    """Notes the thread each photo is prepared in, holding it a moment so threads overlap."""

    def __init__(self):
        super().__init__(name="prep")
        self.threads: set[str] = set()

    def prepare(self, image):
        import threading

        self.threads.add(threading.current_thread().name)
        time.sleep(0.02)
        return image.size


@pytest.mark.parametrize("env,expected", [("1", 1), ("", min(2, os.cpu_count() or 1))])
def test_photos_decode_and_prepare_in_decode_threads(lib, monkeypatch, env, expected):
    monkeypatch.setenv("POSE_DECODE_THREADS", env)
    prep = Preparer()
    assert list(run_analysis(lib.catalog, [prep], batch_size=8))[-1].done == N
    assert all(name.startswith("pose-decode") for name in prep.threads)
    assert len(prep.threads) == expected
    assert _runs(lib, "prep") == {"ok": N}
