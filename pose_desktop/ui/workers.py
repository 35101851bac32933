"""The one bridge between core work and the GUI thread.

Two shapes of work, both off the GUI thread:

* ``run_task(fn, ...)``: a plain function run on a pool; its result (or its error) is
  handed back to the GUI thread in one callback (Picard's ``thread.run_task``). The
  function does I/O and returns data; only the callback changes widgets.
* ``GeneratorWorker``: a core generator of progress events (indexing, analysis,
  Instagram import) driven on its own pool thread. It emits ``progressed`` (throttled),
  then exactly one of ``finished`` / ``failed`` / ``cancelled``. ``cancel()`` stops it at
  the next event by closing the generator *on the worker thread*, which is how the core
  generators want to be cancelled (finished work committed, nothing doubled).

Pools by purpose: ``task_pool`` for quick reads (trees, previews, suggestions),
``long_pool`` for the long generators, so a long job never delays a preview.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThread, QThreadPool, Signal

from pose_desktop.errors import PoseError
from pose_desktop.progress import Progress
from pose_desktop.vocab.messages import error_values

from .i18n import current_language

log = logging.getLogger(__name__)

#: Minimum seconds between two ``progressed`` signals (the last event always goes out).
PROGRESS_INTERVAL = 0.1

_pools: dict[str, QThreadPool] = {}
# Keeps Python wrappers alive until their work has reported back.
_alive: set[object] = set()
_alive_lock = threading.Lock()


def pool(purpose: str) -> QThreadPool:
    """The thread pool for ``purpose``: 'task' (quick reads) or 'long' (generators)."""
    if purpose not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(2 if purpose == "task" else 2)
        p.setExpiryTimeout(-1)  # keep threads (and their catalog read connections) alive
        _pools[purpose] = p
    return _pools[purpose]


def wait_for_all(msecs: int = 30_000) -> bool:
    """Wait until every pool is idle (used when closing the window and in tests)."""
    ok = True
    for p in _pools.values():
        ok = p.waitForDone(msecs) and ok
    return ok


def describe_error(exc: BaseException) -> str:
    """A message for the user, in the window's language: ours say what to do (a typed
    error's template translated, then filled in, the system's reason in it too); others get
    their type name."""
    if isinstance(exc, PoseError):
        values = error_values(exc.values, current_language())
        return QCoreApplication.translate("Errors", exc.template).format(**values)
    return f"{type(exc).__name__}: {exc}"


def _keep(obj: object) -> None:
    with _alive_lock:
        _alive.add(obj)


def _drop(obj: object) -> None:
    with _alive_lock:
        _alive.discard(obj)


class _TaskSignals(QObject):
    done = Signal(object)
    error = Signal(str)


class _TaskRunnable(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _TaskSignals) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # everything goes back to the GUI thread
            log.debug("task failed:\n%s", traceback.format_exc())
            self.signals.error.emit(describe_error(exc))
        else:
            self.signals.done.emit(result)


class Task(QObject):
    """Handle of a ``run_task`` call; ``discard()`` drops the callback (result ignored)."""

    def __init__(self) -> None:
        super().__init__()
        self.discarded = False

    def discard(self) -> None:
        """Forget the callback: the result of stale work is thrown away."""
        self.discarded = True


def run_task(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[str], None] | None = None,
    purpose: str = "task",
    owner: QObject | None = None,
    **kwargs: Any,
) -> Task:
    """Run ``fn(*args, **kwargs)`` on a pool; call ``on_done(result)`` or
    ``on_error(message)`` on the GUI thread. Returns a ``Task`` whose ``discard()``
    cancels the callback. With ``owner``, the callback is skipped once that Qt object
    has been deleted (a window closed while its work was still running)."""
    task = Task()
    if owner is not None:
        from shiboken6 import isValid

        alive = lambda: isValid(owner)  # noqa: E731
    else:
        alive = lambda: True  # noqa: E731
    signals = _TaskSignals()

    def finish() -> None:
        _drop(task)
        _drop(signals)

    def done(result: Any) -> None:
        finish()
        if not task.discarded and on_done is not None and alive():
            on_done(result)

    def error(message: str) -> None:
        finish()
        if task.discarded or not alive():
            return
        if on_error is not None:
            on_error(message)
        else:
            log.error("background task failed: %s", message)

    signals.done.connect(done)
    signals.error.connect(error)
    _keep(task)
    _keep(signals)
    pool(purpose).start(_TaskRunnable(lambda: fn(*args, **kwargs), signals))
    return task


class EtaEstimator:
    """Remaining-time estimate from (done, total) samples: rate over a sliding window,
    so a slow start (scanning, model loading) does not haunt the whole estimate."""

    def __init__(self, window: float = 20.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.clock = clock
        self.samples: list[tuple[float, int]] = []

    def update(self, done: int, total: int) -> float | None:
        """Record a sample; return the estimated seconds left (None while unknown)."""
        now = self.clock()
        if self.samples and done < self.samples[-1][1]:
            self.samples.clear()  # a new phase restarted the count
        self.samples.append((now, done))
        while len(self.samples) > 2 and now - self.samples[0][0] > self.window:
            self.samples.pop(0)
        t0, d0 = self.samples[0]
        if total <= 0 or done >= total:
            return 0.0 if total and done >= total else None
        if now - t0 < 0.5 or done <= d0:
            return None
        rate = (done - d0) / (now - t0)
        return (total - done) / rate


def format_eta(
    seconds: float | None, units: tuple[str, str, str] = ("%1 s", "%1 min", "%1 h")
) -> str:
    """'12 s', '3 min', '1.5 h' (``units`` are the translated patterns); '' when unknown."""
    if seconds is None:
        return ""
    if seconds < 60:
        return units[0].replace("%1", str(max(1, round(seconds))))
    if seconds < 3600:
        return units[1].replace("%1", str(round(seconds / 60)))
    return units[2].replace("%1", f"{seconds / 3600:.1f}")


class GuiCall(QObject):
    """Lets a worker thread ask the GUI thread something and wait for the answer.

    Create it on the GUI thread. ``call(fn)`` from a worker runs ``fn()`` on the GUI thread
    (e.g. a modal ``QInputDialog``) and blocks until it returns; its result comes back to
    the worker and is not kept here. ``cancelled`` (polled while waiting) lets a cancelled
    job stop waiting: ``call`` then returns None. Used for the Instagram password and
    two-factor prompts.
    """

    _request = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._request.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _run(request: list) -> None:
        fn, done = request[0], request[2]
        try:
            request[1] = fn()
        except BaseException:  # never let a prompt's failure leave the worker waiting
            log.warning("GUI call failed:\n%s", traceback.format_exc())
            request[1] = None
        finally:
            request[0] = None
            done.set()

    def call(self, fn: Callable[[], Any], cancelled: Callable[[], bool] = lambda: False) -> Any:
        """``fn()`` run on the GUI thread; None if ``cancelled()`` becomes true first."""
        if QThread.currentThread() is self.thread():
            return fn()
        if cancelled():
            return None
        done = threading.Event()
        request: list = [fn, None, done]
        self._request.emit(request)
        while not done.wait(0.05):
            if cancelled():
                return None
        result, request[1] = request[1], None
        return result


class _WorkerSignals(QObject):
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    reason = Signal(str)


class GeneratorWorker(QObject):
    """Drives a core generator off the GUI thread and reports through signals.

    Signals (all delivered on the GUI thread):
      ``progressed(event)`` at most every ``PROGRESS_INTERVAL`` seconds, plus every event
      that carries new ``photo_ids`` (so new photos show up while the work goes on);
      ``finished(last_event)``; ``failed(message)``; ``cancelled()``.
    """

    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    #: Why the work stopped when it stopped itself as cancelled (e.g. "Login cancelled.").
    cancel_reason: str = ""

    def __init__(
        self,
        make_events: Callable[[], Iterator[Any]],
        title: str = "",
        parent: QObject | None = None,
        *,
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._on_cancel = on_cancel
        self._make_events = make_events
        self._cancel = threading.Event()
        self._signals = _WorkerSignals()
        self._signals.progressed.connect(self.progressed)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)
        self._signals.reason.connect(self._set_reason)
        self.running = False

    def start(self) -> GeneratorWorker:
        """Start on the long-work pool; returns self."""
        self.running = True
        _keep(self)
        signals, make, cancel = self._signals, self._make_events, self._cancel

        class _Run(QRunnable):
            def run(self_) -> None:  # noqa: N805 - nested runnable
                GeneratorWorker._drive(make, cancel, signals)

        runnable = _Run()
        runnable.setAutoDelete(True)
        pool("long").start(runnable)
        return self

    @staticmethod
    def _drive(
        make: Callable[[], Iterator[Any]], cancel: threading.Event, signals: _WorkerSignals
    ) -> None:
        lower_thread_priority()
        last = None
        last_emit = 0.0
        gen = None
        try:
            gen = make()
            for ev in gen:
                last = ev
                now = time.monotonic()
                if now - last_emit >= PROGRESS_INTERVAL or ev.photo_ids:
                    last_emit = now
                    signals.progressed.emit(_snapshot(ev))
                if cancel.is_set():
                    gen.close()  # on this thread: the generator commits what is done
                    signals.cancelled.emit()
                    return
            if cancel.is_set():
                signals.cancelled.emit()
                return
        except BaseException as exc:
            if getattr(exc, "kind", None) == "cancelled" or cancel.is_set():
                # the user said stop (e.g. Cancel in a login prompt): not a failure
                if not cancel.is_set():  # it stopped itself: say why
                    signals.reason.emit(describe_error(exc))
                signals.cancelled.emit()
                return
            log.warning("background work failed:\n%s", traceback.format_exc())
            signals.failed.emit(describe_error(exc))
            return
        if last is not None:
            signals.progressed.emit(_snapshot(last))
        signals.finished.emit(_snapshot(last))

    def cancel(self) -> None:
        """Ask the work to stop at its next progress event (and wake it from a wait)."""
        self._cancel.set()
        if self._on_cancel is not None:
            self._on_cancel()

    @property
    def cancelling(self) -> bool:
        """True once ``cancel()`` was called."""
        return self._cancel.is_set()

    def _end(self) -> None:
        self.running = False
        _drop(self)

    def _on_finished(self, ev: Any) -> None:
        self._end()
        self.finished.emit(ev)

    def _on_failed(self, message: str) -> None:
        self._end()
        self.failed.emit(message)

    def _set_reason(self, reason: str) -> None:
        self.cancel_reason = reason

    def _on_cancelled(self) -> None:
        self._end()
        self.cancelled.emit()


#: Nice value of long background work (its helper threads inherit it on Linux).
BACKGROUND_NICE = 10


def lower_thread_priority(nice: int = BACKGROUND_NICE) -> None:
    """Run the calling thread (and the threads it starts) at a lower CPU priority, so on a
    busy machine the GUI thread is scheduled first. Linux only; a no-op elsewhere."""
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, max(current, nice))
    except (OSError, AttributeError):
        pass


def _snapshot(ev: Any) -> Any:
    """A copy of a (mutable, reused) progress event, safe to read on the GUI thread."""
    import copy

    try:
        return copy.copy(ev)
    except Exception:
        return ev


def progress_of(ev: Progress) -> tuple[int, int, str]:
    """(done, total, phase) of a progress event (indexing, analysis or an import)."""
    return int(ev.done or 0), int(ev.total or 0), ev.phase or ""
