"""Cancelling the analysis while its models load stops it at the next model, not after
all of them and the first batches: the real window's analysis job on real photos."""

from __future__ import annotations

import shutil
import time

import pytest

from pose_desktop.ui.task_bar import TaskProgressWidget


@pytest.mark.slow
def test_cancel_while_the_models_load_ends_the_job_promptly(window, qtbot, shared_datasets, tmp_path):
    lib = window.library
    folder = tmp_path / "real"
    folder.mkdir()
    for path in sorted((shared_datasets / "captioned" / "images").glob("*.jpg"))[:24]:
        shutil.copy(path, folder / path.name)
    list(lib.photos.index_folder(folder))

    seen: list[tuple[str, str, int]] = []  # (phase, status bar's text, done) of each event shown
    worker = window.start_analysis()
    widget = window.tasks_box.findChild(TaskProgressWidget)
    assert worker is not None and widget is not None
    worker.progressed.connect(lambda ev: seen.append((ev.phase, widget.label.text(), ev.done)))
    qtbot.waitUntil(lambda: any(phase == "loading" for phase, _, _ in seen), timeout=60_000)
    loading = next(text for phase, text, _ in seen if phase == "loading")
    assert loading.endswith("loading the models…"), loading

    start = time.monotonic()
    with qtbot.waitSignal(window.job_ended, timeout=60_000) as blocker:
        widget.cancel_button.click()
    waited = time.monotonic() - start
    assert blocker.args[1] == "cancelled"
    # it stopped while loading: no batch was analysed, nothing was committed
    assert all(done == 0 for _, _, done in seen), seen
    assert lib.analysis.status() == {}
    # the latency is at most one model's load (before: every model plus two batches, > 20 s
    # on a busy machine); generous for a loaded test machine
    assert waited < 8.0, f"cancel took {waited:.1f} s"
