"""The worker bridge: progress, finish, failure and cancel of core generators."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QCoreApplication

from pose_desktop.errors import CatalogError
from pose_desktop.progress import Progress
from pose_desktop.ui.workers import EtaEstimator, GeneratorWorker, run_task, wait_for_all


@dataclass
class Ev(Progress):
    phase: str
    done: int = 0
    total: int = 0
    photo_ids: list = field(default_factory=list)


def counting(
    n: int, delay: float, closed: threading.Event | None = None, fail_at: int | None = None
):
    def make():
        try:
            for i in range(n):
                if fail_at is not None and i == fail_at:
                    raise CatalogError("The disk holding the catalog is full; free some space.")
                time.sleep(delay)
                yield Ev("indexing", i + 1, n)
        finally:
            if closed is not None:
                closed.set()

    return make


def test_worker_reports_progress_then_finished(qtbot):
    worker = GeneratorWorker(counting(5, 0.01))
    seen = []
    worker.progressed.connect(lambda ev: seen.append(ev.done))
    with qtbot.waitSignal(worker.finished, timeout=5000) as blocker:
        worker.start()
    assert blocker.args[0].done == 5
    assert seen and seen[-1] == 5 and seen == sorted(seen)
    assert not worker.running


def test_worker_cancel_closes_the_generator_on_its_thread(qtbot):
    closed = threading.Event()
    worker = GeneratorWorker(counting(10_000, 0.005, closed))
    progressed = []
    worker.progressed.connect(progressed.append)
    worker.start()
    qtbot.waitUntil(lambda: len(progressed) >= 1, timeout=5000)
    with qtbot.waitSignal(worker.cancelled, timeout=5000):
        worker.cancel()
    assert closed.is_set()  # the generator's finally ran: finished work is committed
    assert progressed[-1].done < 10_000


def test_worker_failure_is_reported_with_the_user_message(qtbot):
    worker = GeneratorWorker(counting(10, 0.0, fail_at=3))
    with qtbot.waitSignal(worker.failed, timeout=5000) as blocker:
        worker.start()
    assert "disk holding the catalog is full" in blocker.args[0]


def test_run_task_returns_result_or_error_on_gui_thread(qtbot):
    results, errors = [], []
    gui = threading.get_ident()
    run_task(
        lambda: (threading.get_ident(), 42),
        on_done=lambda r: results.append((r, threading.get_ident())),
    )
    run_task(lambda: 1 / 0, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(results and errors), timeout=5000)
    (worker_thread, value), callback_thread = results[0]
    assert value == 42 and worker_thread != gui and callback_thread == gui
    assert "ZeroDivisionError" in errors[0]
    wait_for_all()


def test_eta_uses_recent_rate():
    now = [0.0]
    eta = EtaEstimator(clock=lambda: now[0])
    assert eta.update(0, 100) is None
    now[0] = 10.0
    assert eta.update(50, 100) == pytest.approx(10.0)
    now[0] = 20.0
    assert eta.update(100, 100) == 0.0


def test_indexing_job_shows_progress_and_new_photos_appear(window, qtbot, tmp_path):
    """A real folder indexed through the window: status-bar progress, then the grid grows."""
    from datetime import datetime

    from tests.photos import make_jpeg

    more = tmp_path / "more"
    for i in range(70):
        make_jpeg(
            more / f"m{i}.jpg",
            when=datetime(2022, 1, 1 + i % 28, 9, 0),
            size=(160, 120),
            seed=500 + i,
        )
    before = window.grid_model.total()
    window.settings.set("analyse_automatically", False)  # this test is about indexing
    worker = window.add_folder(str(more))
    assert window.tasks_layout.count() == 1  # progress, ETA and Cancel in the status bar
    with qtbot.waitSignal(window.job_ended, timeout=60_000) as blocker:
        pass
    assert blocker.args[1] == "finished" and not worker.running
    qtbot.waitUntil(lambda: window.grid_model.total() == before + 70, timeout=10_000)
    assert window.tasks_layout.count() == 0
    assert str(more) in window.library_folders()  # kept in the catalog


def test_indexing_job_can_be_cancelled_from_the_status_bar(window, qtbot, tmp_path):
    from datetime import datetime

    from pose_desktop.ui.task_bar import TaskProgressWidget
    from tests.photos import make_jpeg

    more = tmp_path / "many"
    for i in range(300):
        make_jpeg(
            more / f"c{i}.jpg", when=datetime(2021, 3, 1, 9, i % 60), size=(400, 300), seed=900 + i
        )
    window.add_folder(str(more))
    widget = window.tasks_box.findChild(TaskProgressWidget)
    assert widget is not None
    qtbot.waitUntil(lambda: widget.bar.maximum() > 0, timeout=20_000)
    with qtbot.waitSignal(window.job_ended, timeout=30_000) as blocker:
        widget.cancel_button.click()
    assert blocker.args[1] == "cancelled"
    assert window.library.photos.count() < 6 + 300  # stopped early; what was finished is kept


def test_typed_errors_are_said_in_the_window_language(qapp):
    """Every typed error's template is in the Korean .qm; describe_error fills it in."""
    from pose_desktop import errors
    from pose_desktop.ui import i18n
    from pose_desktop.ui.workers import describe_error

    classes = [cls for cls in vars(errors).values()
               if isinstance(cls, type) and issubclass(cls, errors.PoseError) and cls.template != "{text}"]
    i18n.set_language("ko")
    try:
        untranslated = [c.__name__ for c in classes
                        if QCoreApplication.translate("Errors", c.template) == c.template]
        said = describe_error(errors.CatalogLockedError(path="/x/c.sqlite"))
    finally:
        i18n.set_language("en")
    assert len(classes) > 15 and untranslated == []
    assert said == "다른 창이나 프로세스의 pose_desktop이 /x/c.sqlite을(를) 이미 열어 두었습니다."
    assert describe_error(errors.CatalogLockedError(path="/x/c.sqlite")).startswith("pose_desktop is already open")
