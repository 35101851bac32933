"""The analysis job runner: every photo lacking a current result, each decoded once.

How to add an analyzer
----------------------
An analyzer is any object with these attributes (see ``Analyzer`` below)::

    class SceneAnalyzer:
        name = "scenes"            # unique; also the key in analysis_runs and the registry
        version = "mnv2-1"         # bump it and every photo is analysed again
        depends_on = ()            # names of analyzers whose results ``analyze`` receives

        def analyze_batch(self, items: list[AnalysisItem]) -> list[object]:
            # items[i].image.pixels is the decoded RGB uint8 array (≤ max_side px),
            # items[i].photo the PhotoRef, items[i].upstream {dep name: dep result}.
            # Return one result per item (any Python object). Batch the model calls here.
            ...

        def store(self, db, photo: PhotoRef, result) -> None:
            # Called inside a Catalog.write() transaction (db is sqlite_utils.Database).
            # Replace this analyzer's previous rows for the photo (idempotent), e.g. with
            # pose_desktop.catalog.store.set_tags(db, photo.id, "scene", self.name, tags).
            ...

        # Optional: store the results of a whole batch at once (in a few statements);
        # used instead of ``store`` when present. items: [(PhotoRef, result), ...].
        def store_batch(self, db, items: list[tuple[PhotoRef, object]]) -> None: ...

        # Optional: CPU-side work on analyze_batch's outputs (naming colours, building
        # facts). It runs in the writer thread, while the next batch's models run, and
        # its results are what ``store`` gets. An analyzer with it cannot be a dependency.
        def finish_batch(self, items, outputs: list[object]) -> list[object]: ...

        # Optional, only if another analyzer depends on this one: rebuild the result of a
        # current (already stored) run so dependents can use it without re-running.
        def load_result(self, db, photo: PhotoRef) -> object: ...

        # Optional: create the ONNX sessions up front (otherwise on first use).
        def load(self) -> None: ...

        # Optional: analyzers whose results this one takes when they are in the same run
        # (ordered before it, fed forward like ``depends_on``) without requiring them;
        # items[i].upstream lacks the name when they are not.
        uses = ("faces",)

        # Optional: a step after a whole run (inside one write), e.g. regrouping faces;
        # returns counts for the last progress event's ``after`` (e.g. {"face_groups": 11}),
        # or None. Data, not a sentence: the CLI and the UI put it in the user's language.
        def after_run(self, db) -> dict[str, int] | None: ...

        # Optional: the longest side (px) the analyzer needs decoded (default 1280). A photo
        # is decoded at the largest need among its pending analyzers, so a run of cheap
        # analyzers alone lets libjpeg decode 12 MP photos at 1/4 or 1/8 of their size.
        max_side = 768

        # Optional: the shorter side (px) the analyzer needs. When every analyzer pending
        # for a photo declares it and the run is given the catalog's thumbnails folder, the
        # photo's thumbnail is decoded instead of the original if it is at least this large.
        thumb_side = 256

        # Optional: prepare(image) -> object, run in the decode thread right after the
        # photo is decoded; the result is items[i].prepared[name] (e.g. the input tensor).

        # Optional: early_batch(items) -> list, the part of ``analyze_batch``'s model runs
        # that needs the pixels alone (not items[i].upstream). For one image outside the
        # catalog (``analyze_image``) the runner starts it at once, beside the analyzers
        # this one depends on or uses, and hands its result per item to ``analyze_batch``
        # as items[i].early[name]; where that is missing (the library pass never calls
        # early_batch), ``analyze_batch`` runs the same step itself.

Register it in ``pose_desktop/analysis/registry.py`` (``ANALYZERS``) so ``pose analyze
--models scenes``, the GUI and dropped photos find it. ``feed_forward`` is the one loop
that runs a graph of analyzers over a batch, each after what it depends on, feeding
results forward; ``run_analysis`` uses it for the library and ``analyze_image`` for one
image outside the catalog (a dropped photo), so both get the same results. For that one
image, ``analyze_image`` runs the same graph in two threads (``drop_threads``): what does
not wait on an analyzer (another branch of the graph, an ``early_batch`` step) runs beside
it, and the results and errors are those of ``feed_forward``.
``run_analysis`` does the rest: it selects the
photos lacking a row ``(photo, analyzer, version)`` in ``analysis_runs``, decodes each once
for all analyzers (in prefetch threads, overlapping the model runs), finishes and
commits each batch's results and ``analysis_runs`` rows together in one small transaction
(in a writer thread, overlapping the next batch's model runs), and yields
``AnalysisProgress`` events. Stopping the iteration cancels; a killed run resumes where it
stopped because only whole committed batches count as done. A photo whose analysis raised
is recorded with status ``error`` (the message, and its file's size and mtime) so it is
not retried on every run, only once its file changed; ``run_analysis(...,
retry_errors=True)`` tries them all again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pose_desktop.catalog import analysis as runs
from pose_desktop.catalog.analysis import PhotoRef
from pose_desktop.catalog.db import Catalog
from pose_desktop.inference.decode import (
    DEFAULT_MAX_SIDE,
    DecodedImage,
    decode_image,
    decode_thumbnail,
)
from pose_desktop.inference.sessions import intra_op_threads
from pose_desktop.ingest.media import thumbnail_path, unreadable_reason
from pose_desktop.progress import Progress

log = logging.getLogger(__name__)


@dataclass
class AnalysisItem:
    """One photo in a batch: its decoded pixels and the results of its dependencies."""

    photo: PhotoRef
    image: DecodedImage
    upstream: dict[str, Any] = field(default_factory=dict)
    prepared: dict[str, Any] = field(default_factory=dict)
    early: dict[str, Any] = field(default_factory=dict)  # {name: its early_batch result}


def early_results(items: Sequence[AnalysisItem], name: str) -> list[Any] | None:
    """The ``early_batch`` results of analyzer ``name`` for every item, in order, or None
    where the runner did not make one for each (the library pass never does): then
    ``analyze_batch`` runs that step itself."""
    early = [it.early.get(name) for it in items]
    return early if items and all(e is not None for e in early) else None


@runtime_checkable
class Analyzer(Protocol):
    """What the runner needs from an analyzer (see the module docstring)."""

    name: str
    version: str
    depends_on: tuple[str, ...]

    def analyze_batch(self, items: list[AnalysisItem]) -> list[Any]: ...

    def store(self, db: Any, photo: PhotoRef, result: Any) -> None: ...


@dataclass(frozen=True)
class AnalysisProgress(Progress):
    """One progress event: at the start, as each analyzer's models load (phase
    ``loading``), and as each batch is analysed (``run_analysis``)."""

    done: int
    total: int
    failed: int
    elapsed: float
    photo_id: int | None = None
    path: str | None = None
    message: str = ""
    phase: str = "analysing"
    photo_ids: list[int] = field(default_factory=list)
    # what the analyzers' after-run steps counted (last event only), e.g. {"face_groups": 11}
    after: dict[str, int] = field(default_factory=dict)


def inputs_of(analyzer: Analyzer, present: Iterable[str]) -> tuple[str, ...]:
    """The analyzers whose results ``analyzer`` receives: all it depends on, and those it
    ``uses`` that are ``present`` (in the same run)."""
    present = set(present)
    uses = tuple(n for n in getattr(analyzer, "uses", ()) if n in present and n not in analyzer.depends_on)
    return tuple(analyzer.depends_on) + uses


def order_analyzers(analyzers: Sequence[Analyzer]) -> list[Analyzer]:
    """``analyzers`` sorted so each comes after what it depends on (all must be present)
    and after what it ``uses`` (where present)."""
    by_name = {a.name: a for a in analyzers}
    ordered: list[Analyzer] = []
    state: dict[str, int] = {}

    def visit(a: Analyzer, chain: tuple[str, ...]) -> None:
        if state.get(a.name) == 2:
            return
        if state.get(a.name) == 1:
            raise ValueError(f"analyzer dependency cycle: {' -> '.join(chain + (a.name,))}")
        state[a.name] = 1
        for dep in inputs_of(a, by_name):
            if dep not in by_name:
                raise ValueError(f"analyzer {a.name!r} needs {dep!r}, which is not in the run")
            if hasattr(by_name[dep], "finish_batch"):
                raise ValueError(f"analyzer {a.name!r} needs {dep!r}, whose results are only "
                                 "finished in the writer thread")
            visit(by_name[dep], chain + (a.name,))
        state[a.name] = 2
        ordered.append(a)

    for a in analyzers:
        visit(a, ())
    return ordered


def record_runs(db, analyzer: Analyzer, outcomes: list[tuple[int, str | None]],
                paths: dict[int, str] | None = None) -> None:
    """Mark ``analyzer``'s current version as done for each ``(photo_id, error)``: status
    ``ok`` where error is None, else ``error`` with the message and the size and mtime of
    its file (``paths``: photo id -> the file analysed) (inside a write)."""
    paths = paths or {}
    stats = {pid: file_stat(paths[pid]) for pid, err in outcomes if err is not None and pid in paths}
    runs.record_runs(db, analyzer.name, analyzer.version, outcomes, stats)


def file_stat(path: str) -> tuple[int | None, int | None]:
    """(size, mtime_ns) of ``path``, (None, None) when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    return st.st_size, st.st_mtime_ns


def changed_since_failure(db, analyzers: Sequence[tuple[str, str]]) -> dict[int, set[str]]:
    """``{photo_id: analyzers}`` of the failed runs whose file changed since (size or mtime;
    a failure recorded without them counts as changed): those are worth trying again."""
    out: dict[int, set[str]] = {}
    for pid, name, path, size, mtime_ns in runs.failed_runs(db, analyzers):
        if file_stat(path) != (size, mtime_ns):
            out.setdefault(pid, set()).add(name)
    return out


def decode_threads() -> int:
    """Photos decoded (and prepared) at once: ``POSE_DECODE_THREADS``, else 2 (1 on one
    core). While the models run, the decode threads fill the cores the models leave idle;
    before the first batch, which the models wait for, two decode it about twice as fast
    as one (~0.3 s less at the start of every run of 12 MP photos with faces on 2 cores)."""
    env = os.environ.get("POSE_DECODE_THREADS", "")
    return max(1, int(env)) if env.isdigit() else max(1, min(2, os.cpu_count() or 1))


def _lower_priority() -> None:
    """Run a decode thread at a lower OS priority (Linux: a thread's own nice value).

    Decoding then fills the cores the model leaves idle (between operators, during the
    main thread's Python work) instead of taking cores from the model's own threads.
    """
    step = int(os.environ.get("POSE_DECODE_NICE", "10"))
    if step and hasattr(os, "setpriority") and hasattr(threading, "get_native_id"):
        tid = threading.get_native_id()
        try:
            os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + step))
        except OSError:  # not allowed here: decode at normal priority
            pass


def _decode(
    ref: PhotoRef, max_side: int, preparers: Sequence[Analyzer] = (),
    thumb: tuple[Path, int] | None = None,
) -> tuple[DecodedImage, dict[str, Any]] | Exception:
    """Decode one photo (its thumbnail where ``thumb`` = (path, shorter side needed) serves)
    and run the analyzers' ``prepare`` steps on it (a prefetch thread)."""
    try:
        image = None
        if thumb is not None and ref.width and ref.height:
            image = decode_thumbnail(thumb[0], (ref.width, ref.height), thumb[1], ref.path)
        if image is None:
            image = decode_image(ref.path, max_side)
    except Exception as exc:  # reported per photo, never stops the run
        return exc
    prepared: dict[str, Any] = {}
    for analyzer in preparers:
        try:
            prepared[analyzer.name] = analyzer.prepare(image)  # type: ignore[attr-defined]
        except Exception:  # the analyzer prepares it again itself and reports the error
            pass
    return image, prepared


def _isolate(name: str, step: Callable[..., Sequence[Any]], items: list[AnalysisItem],
             *aligned: list[Any]) -> list[Any | Exception]:
    """``step(items, *aligned)`` results per item (``aligned``: lists matching ``items``);
    a failing batch is retried item by item to isolate the bad photo."""
    try:
        results = step(items, *aligned)
        if len(results) != len(items):
            raise RuntimeError(f"{name} returned {len(results)} results for {len(items)}")
        return list(results)
    except Exception as exc:
        if len(items) == 1:
            return [exc]
    out: list[Any | Exception] = []
    for i, item in enumerate(items):
        try:
            out.append(step([item], *([a[i]] for a in aligned))[0])
        except Exception as exc:
            out.append(exc)
    return out


def _collect(name: str, items: list[AnalysisItem], outcomes: list[Any | Exception],
             results: dict[tuple[int, str], Any], errors: dict[int, str]) -> None:
    """File each item's outcome under ``results`` or, for an exception, ``errors``."""
    for item, res in zip(items, outcomes, strict=True):
        if isinstance(res, Exception):
            log.warning("%s failed on %s: %s", name, item.photo.path, res)
            errors[item.photo.id] = f"{name}: {res}"
        else:
            results[(item.photo.id, name)] = res


def _commit(
    catalog: Catalog, ordered: Sequence[Analyzer], todo: dict[int, set[str]],
    batch: list[PhotoRef], items: dict[int, AnalysisItem],
    results: dict[tuple[int, str], Any], errors: dict[int, str],
) -> None:
    """Finish one analysed batch (``finish_batch`` steps) and store its results and
    ``analysis_runs`` rows in one transaction. Runs in the writer thread, while the main
    thread runs the models on the next batch."""
    for analyzer in ordered:
        finish = getattr(analyzer, "finish_batch", None)
        if finish is None:
            continue
        mine = [items[r.id] for r in batch if (r.id, analyzer.name) in results]
        if mine:
            raw = [results.pop((it.photo.id, analyzer.name)) for it in mine]
            _collect(analyzer.name, mine, _isolate(analyzer.name, finish, mine, raw), results, errors)
    with catalog.write() as db:
        for analyzer in ordered:
            mine_refs = [r for r in batch if analyzer.name in todo[r.id]]
            ok = [(r, results[(r.id, analyzer.name)]) for r in mine_refs if (r.id, analyzer.name) in results]
            store_batch = getattr(analyzer, "store_batch", None)
            if store_batch is not None:
                store_batch(db, ok)
            else:
                for ref, result in ok:
                    analyzer.store(db, ref, result)
            record_runs(db, analyzer, [
                (r.id, None if (r.id, analyzer.name) in results else errors.get(r.id, "skipped"))
                for r in mine_refs
            ], {r.id: r.path for r in mine_refs})


def run_analysis(
    catalog: Catalog,
    analyzers: Sequence[Analyzer],
    *,
    batch_size: int = 8,
    max_side: int | None = None,
    prefetch: int = 2,
    retry_errors: bool = False,
    photo_ids: Iterable[int] | None = None,
    limit: int | None = None,
    thumbs_dir: Path | None = None,
) -> Iterator[AnalysisProgress]:
    """Run ``analyzers`` over every photo lacking a current result; yield progress.

    ``batch_size`` photos are analysed and committed together; ``prefetch`` batches are
    decoded ahead in background threads (``decode_threads``), each photo at ``max_side`` if given, else at the
    largest ``max_side`` its pending analyzers declare (``DEFAULT_MAX_SIDE`` for those
    that declare none); with ``thumbs_dir`` (the catalog's thumbnails), a photo whose
    pending analyzers all declare a ``thumb_side`` its thumbnail meets is read from the
    thumbnail instead. Stop iterating to cancel (the batch in flight is
    discarded, everything committed stays). ``limit`` caps how many photos this call does.

    Events: one at the start; one (phase ``loading``) after each analyzer's models load;
    then one as each batch's models have run: the previous batch committed (for the first
    batch, an event with nothing committed yet), so a cancel waits at most one batch.
    """
    ordered = order_analyzers(analyzers)
    by_name = {a.name: a for a in ordered}
    start = time.monotonic()
    reader = catalog.reader()
    current = [(a.name, a.version) for a in ordered]
    wanted = None if photo_ids is None else set(photo_ids)
    todo = runs.pending_photos(reader, current, retry_errors=retry_errors, photo_ids=wanted)
    if not retry_errors:  # a photo the models failed on, once its file changed
        for pid, names in changed_since_failure(reader, current).items():
            if wanted is None or pid in wanted:
                todo.setdefault(pid, set()).update(names)
    ids = sorted(todo)
    if limit is not None:
        ids = ids[:limit]
    refs = runs.photo_refs(reader, ids)
    total = len(refs)
    yield AnalysisProgress(0, total, 0, 0.0, message="starting")
    if not refs:
        yield from _after_run(catalog, ordered, AnalysisProgress(0, 0, 0, time.monotonic() - start))
        return
    batches = [refs[i : i + batch_size] for i in range(0, total, batch_size)]
    pool = ThreadPoolExecutor(max_workers=decode_threads(), thread_name_prefix="pose-decode",
                              initializer=_lower_priority)
    futures: list[list[Future]] = []

    preparing = [a for a in ordered if callable(getattr(a, "prepare", None))]

    def side(photo_id: int) -> int:
        if max_side is not None:
            return max_side
        return max(getattr(by_name[n], "max_side", DEFAULT_MAX_SIDE) for n in todo[photo_id])

    def thumb(ref: PhotoRef) -> tuple[Path, int] | None:
        sides = [getattr(by_name[n], "thumb_side", None) for n in todo[ref.id]]
        if thumbs_dir is None or max_side is not None or None in sides:
            return None
        return thumbnail_path(thumbs_dir, ref.hash), max(sides)

    def submit(k: int) -> None:
        if k < len(batches):
            futures.append([
                pool.submit(_decode, r, side(r.id), [a for a in preparing if a.name in todo[r.id]],
                            thumb(r))
                for r in batches[k]
            ])

    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pose-write")
    writing: tuple[Future, list[PhotoRef], dict[int, str]] | None = None
    done = failed = 0

    def committed() -> AnalysisProgress:
        """Wait for the batch being written; its progress event."""
        nonlocal done, failed, writing
        assert writing is not None
        future, batch, errors = writing
        writing = None
        future.result()  # re-raises a failed write
        done += len(batch)
        failed += sum(1 for r in batch if r.id in errors)
        last = batch[-1]
        return AnalysisProgress(done, total, failed, time.monotonic() - start, last.id, last.path)

    try:
        for k in range(min(prefetch, len(batches))):
            submit(k)  # the first photos decode while the models load
        # The models of the analyzers this run needs, one analyzer at a time, an event
        # after each: a cancel while the models load takes effect after the one loading
        # now, not after all of them and the first batches (seconds each on a busy machine).
        needed = set().union(*(todo[r.id] for r in refs))
        for analyzer in ordered:
            loader = getattr(analyzer, "load", None)
            if analyzer.name in needed and callable(loader):
                try:
                    loader()
                except Exception as exc:  # noqa: BLE001 - its photos fail with it in the pass
                    log.warning("loading %s failed: %s", analyzer.name, exc)
                yield AnalysisProgress(0, total, 0, time.monotonic() - start, message=analyzer.name,
                                       phase="loading")
        for k, batch in enumerate(batches):
            decoded = [f.result() for f in futures[k]]
            futures[k] = []
            submit(k + prefetch)
            results: dict[tuple[int, str], Any] = {}
            errors: dict[int, str] = {}
            items: dict[int, AnalysisItem] = {}
            for ref, dec in zip(batch, decoded, strict=False):
                if isinstance(dec, Exception):  # in the Problems panel's words (pose analyze lists it)
                    errors[ref.id] = unreadable_reason(dec)
                else:
                    items[ref.id] = AnalysisItem(ref, dec[0], prepared=dec[1])

            def load(dep: Analyzer, item: AnalysisItem) -> Any:
                # a dependency that is current (not in this run for the photo) is loaded
                loader = getattr(dep, "load_result", None)
                return loader(reader, item.photo) if loader else dep.analyze_batch([item])[0]

            feed_forward(ordered, [items[r.id] for r in batch if r.id in items],
                         lambda pid, name: name in todo[pid], results, errors, load)
            if writing is None:  # the first batch: nothing committed to report yet
                yield AnalysisProgress(done, total, failed, time.monotonic() - start)
            # The previous batch was finished and written meanwhile; report it, then hand
            # this one to the writer. (Stopping at that report drops this batch: only
            # written batches count as done.)
            if writing is not None:
                yield committed()
            writing = (writer.submit(_commit, catalog, ordered, todo, batch, items, results, errors),
                       batch, errors)
        last = committed() if writing is not None else None
        if last is not None:
            yield last
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        writer.shutdown(wait=True)
    yield from _after_run(catalog, ordered, last)


def _after_run(catalog: Catalog, ordered: Sequence[Analyzer],
               last: AnalysisProgress | None) -> Iterator[AnalysisProgress]:
    """The analyzers' ``after_run`` steps, in one write; one more event, with their counts
    in ``after``, if they counted something."""
    steps = [a for a in ordered if callable(getattr(a, "after_run", None))]
    if not steps:
        return
    with catalog.write() as db:
        after: dict[str, int] = {}
        for a in steps:
            after.update(a.after_run(db) or {})
    if after and last is not None:
        yield AnalysisProgress(last.done, last.total, last.failed, last.elapsed, after=after)


def feed_forward(
    ordered: Sequence[Analyzer], items: list[AnalysisItem], pending: Callable[[int, str], bool],
    results: dict[tuple[int, str], Any], errors: dict[int, str],
    load: Callable[[Analyzer, AnalysisItem], Any] | None = None,
) -> None:
    """THE loop: run ``ordered`` analyzers (``order_analyzers``) over ``items``, each on the
    items for which it is ``pending(photo_id, name)``, feeding each one the results of
    what it depends on and uses: from this pass (``results``) or, for a photo where the
    dependency is not pending (current in the catalog), from ``load(dep, item)``. Results
    land in ``results[(photo_id, name)]``; a photo whose step failed lands in ``errors``
    and gets no further steps. Batched: one ``analyze_batch`` call per analyzer."""
    by_name = {a.name: a for a in ordered}
    for analyzer in ordered:
        need = [it for it in items if it.photo.id not in errors and pending(it.photo.id, analyzer.name)]
        if not need:
            continue
        optional = set(inputs_of(analyzer, by_name)) - set(analyzer.depends_on)
        for item in need:
            for dep in inputs_of(analyzer, by_name):
                if (item.photo.id, dep) in results:
                    item.upstream[dep] = results[(item.photo.id, dep)]
                elif not pending(item.photo.id, dep) and load is not None:
                    if dep in optional and getattr(by_name[dep], "load_result", None) is None:
                        continue  # not worth running a model for an optional input
                    item.upstream[dep] = load(by_name[dep], item)
        _collect(analyzer.name, need, _isolate(analyzer.name, analyzer.analyze_batch, need),
                 results, errors)


def drop_threads() -> int:
    """Threads that analyse one image outside the catalog (``analyze_image``):
    ``POSE_DROP_THREADS``, else 2 (1 on one core). ONNX Runtime lets go of the GIL, and
    one photo's many small operators fill two cores only when two analyzers run at once."""
    env = os.environ.get("POSE_DROP_THREADS", "")
    return max(1, int(env)) if env.isdigit() else max(1, min(2, os.cpu_count() or 1))


def drop_op_threads(analyzer: type | object | None = None) -> int:
    """Intra-op threads of a session that analyses one image outside the catalog (the
    library's model cache, ``analysis.cache``), at most ``POSE_THREADS``
    (``sessions.intra_op_threads``). The graph's lead (``drop_lead``: the picture analyzer,
    its longest piece with or without faces, and its last step) keeps every core, and so does
    ``drop_tail`` (the detector: it runs after the faces or the lead's pixels, mostly beside
    nothing, where one thread left a core idle; a dropped 12 MP photo in six paired runs on a
    quiet 2-core machine, 40 rounds each: -10 ms median, 0 to -39); the others,
    which run beside it, share out the cores among the graph's ``drop_threads``, at least
    one: two analyzers at once on two-thread sessions put four threads on two cores, where an
    operator's threads wait for one another. The same results (a session's thread count does
    not change its outputs); on a quiet 2-core AVX2 machine, a dropped 12 MP photo's CPU time
    -7 to -12 % with faces, and without faces as fast as with every session on two threads
    (models/MODELS.md, hashtag_head.onnx)."""
    if getattr(analyzer, "drop_lead", False) or getattr(analyzer, "drop_tail", False):
        return intra_op_threads()
    return max(1, min(intra_op_threads(), (os.cpu_count() or 1) // drop_threads()))


def analyze_image(image: DecodedImage, analyzers: Sequence[Analyzer], path: str = "",
                  *, threads: int | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """Every analyzer's finished result for one decoded image outside the catalog (a
    dropped photo), through the same graph as the library pass: ``({name: result},
    {name: error})``. Nothing is stored.

    With ``threads`` > 1 (default ``drop_threads()``) the graph runs in that many threads
    (``_feed_concurrently``); the results and the error are those of ``feed_forward``, the
    one loop, which runs it with ``threads=1``."""
    ordered = order_analyzers(analyzers)
    w, h = image.original_size
    item = AnalysisItem(PhotoRef(0, "", path or image.path, w, h), image)
    results: dict[tuple[int, str], Any] = {}
    errors: dict[int, str] = {}
    failed: dict[str, str] = {}
    workers = drop_threads() if threads is None else max(1, threads)
    items = {a.name: item for a in ordered}
    if workers > 1 and len(ordered) > 1:
        items = _feed_concurrently(ordered, item, results, errors, workers)
    else:
        feed_forward(ordered, [item], lambda pid, name: True, results, errors)
    for analyzer in ordered:
        finish = getattr(analyzer, "finish_batch", None)
        if finish is not None and (0, analyzer.name) in results:
            mine = [items[analyzer.name]]
            raw = [results.pop((0, analyzer.name))]
            _collect(analyzer.name, mine, _isolate(analyzer.name, finish, mine, raw), results, errors)
    if 0 in errors:
        name, _, message = errors[0].partition(": ")
        failed[name] = message
    return {name: r for (_, name), r in results.items()}, failed


def _feed_concurrently(ordered: Sequence[Analyzer], item: AnalysisItem,
                       results: dict[tuple[int, str], Any], errors: dict[int, str],
                       workers: int) -> dict[str, AnalysisItem]:
    """``feed_forward`` of ``ordered`` over one item, in ``workers`` threads: each
    analyzer's ``early_batch`` from the start, each ``analyze_batch`` once its inputs and
    its own early step are done, in ``ordered`` order among those ready but for the lead's
    early step (``drop_lead``: the graph's longest piece), which goes first. Each analyzer gets
    its own copy of ``item`` holding its inputs alone (returned by name, for the finish
    steps). ``results`` and ``errors`` end up as ``feed_forward`` leaves them: the
    results of the analyzers ordered before the first that failed, and its error (an
    analyzer ordered after it may have run meanwhile: its result is dropped). A failing
    early step is left out; ``analyze_batch`` then runs (and reports) it itself."""
    by_name = {a.name: a for a in ordered}
    mine = {a.name: AnalysisItem(item.photo, item.image, prepared=item.prepared) for a in ordered}
    outcome: dict[str, Any] = {}  # name -> analyze_batch's result or exception
    # task (step, name) -> the tasks it waits for, in the order the pool takes those ready
    # (its queue is FIFO): the lead's early step first, so that the other analyzers run one
    # after another beside it (a dropped 12 MP photo: faces then the detector beside the
    # picture analyzer's pixels, not the detector then the pixels beside faces; paired in
    # one process, two runs of 60 rounds: 18 and 9 ms less), then ``ordered`` order
    waits: dict[tuple[str, str], set[tuple[str, str]]] = {
        ("early", a.name): set() for a in ordered
        if getattr(a, "drop_lead", False) and callable(getattr(a, "early_batch", None))}
    for a in ordered:
        deps = {("run", d) for d in inputs_of(a, by_name)}
        if callable(getattr(a, "early_batch", None)):
            waits.setdefault(("early", a.name), set())
            deps.add(("early", a.name))
        waits[("run", a.name)] = deps

    def early(a: Analyzer) -> None:
        it = mine[a.name]
        try:
            it.early[a.name] = a.early_batch([it])[0]  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - analyze_batch runs the step and reports it
            log.debug("%s early step failed on %s: %s", a.name, it.photo.path, exc)

    def run(a: Analyzer) -> None:
        outcome[a.name] = _isolate(a.name, a.analyze_batch, [mine[a.name]])[0]

    done: set[tuple[str, str]] = set()
    running: dict[Future, tuple[str, str]] = {}
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pose-drop") as pool:
        while waits or running:
            for task in [t for t, deps in waits.items() if deps <= done]:
                del waits[task]
                step, name = task
                a = by_name[name]
                if step == "early":
                    running[pool.submit(early, a)] = task
                    continue
                inputs = inputs_of(a, by_name)
                if any(isinstance(outcome.get(d), Exception) or d not in outcome for d in inputs):
                    done.add(task)  # an input failed: it never runs (nor what needs it)
                    continue
                mine[name].upstream.update({d: outcome[d] for d in inputs})
                running[pool.submit(run, a)] = task
            if not running:
                if waits and not any(deps <= done for deps in waits.values()):
                    raise RuntimeError("analyzer graph cannot proceed")  # order_analyzers forbids it
                continue
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                future.result()  # the steps catch what the analyzers raise
                done.add(running.pop(future))
    for a in ordered:
        if a.name not in outcome:
            break  # after a failed input: feed_forward stopped before it
        _collect(a.name, [mine[a.name]], [outcome[a.name]], results, errors)
        if 0 in errors:
            break
    return mine
