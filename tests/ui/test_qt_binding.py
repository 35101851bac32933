"""The Qt binding the app runs on must not corrupt reference counts.

PySide6 6.12.0's ``SignalInstance.emit()`` returned ``True`` without a reference, so every
emit dropped one from ``True``; after a few thousand signals the interpreter aborted
("deallocating True or False"), typically while indexing. pyproject.toml excludes that
release; this test fails on it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp):
    e = _Emitter()
    seen = []
    e.happened.connect(seen.append)
    before_true, before_none = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(500):
        e.happened.emit(i)
    assert len(seen) == 500
    assert sys.getrefcount(True) - before_true >= -5
    assert sys.getrefcount(None) - before_none >= -5
