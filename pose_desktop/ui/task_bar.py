"""Status-bar widget for one background job: what, how far, how long, and Cancel."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QToolButton, QWidget

from .i18n import Retranslates
from .workers import EtaEstimator, GeneratorWorker, format_eta, progress_of


class TaskProgressWidget(Retranslates, QWidget):
    """Shows a ``GeneratorWorker``'s progress bar, ETA and a Cancel button."""

    def __init__(self, worker: GeneratorWorker, title: str, parent=None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.title = title
        self.eta = EtaEstimator()
        self.label = QLabel(title)
        self.bar = QProgressBar()
        self.bar.setFixedWidth(180)
        self.bar.setMaximumHeight(16)
        self.bar.setRange(0, 0)  # busy until a total is known
        self.bar.setTextVisible(False)
        self.eta_label = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.setAutoRaise(False)
        self.cancel_button.clicked.connect(self._cancel)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(6, 0, 6, 0)
        lay.setSpacing(8)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.eta_label)
        lay.addWidget(self.cancel_button)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        worker.progressed.connect(self.on_progress)
        self._done = self._total = 0
        self._phase = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this work; what is finished is kept"))
        self._update_text()

    def on_progress(self, ev: Any) -> None:
        done, total, phase = progress_of(ev)
        self._done, self._total, self._phase = done, total, phase
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            left = self.eta.update(done, total)
            self.eta_label.setText(
                self.tr("about %1 left").replace(
                    "%1", format_eta(left, (self.tr("%1 s"), self.tr("%1 min"), self.tr("%1 h")))
                )
                if left
                else ""
            )
        else:
            self.bar.setRange(0, 0)
            self.eta_label.setText("")
        self._update_text()

    def _update_text(self) -> None:
        loc = QLocale()
        if self.worker.cancelling:
            text = self.tr("%1: stopping…").replace("%1", self.title)
        elif self._total and self._phase != "loading":
            text = f"{self.title}: {loc.toString(self._done)} / {loc.toString(self._total)}"
        elif self._phase == "scanning":
            text = self.tr("%1: looking for photos…").replace("%1", self.title)
        elif self._phase == "loading":
            text = self.tr("%1: loading the models…").replace("%1", self.title)
        else:
            text = self.title
        self.label.setText(text)

    def _cancel(self) -> None:
        self.worker.cancel()
        self.cancel_button.setEnabled(False)
        self._update_text()

    def sizeHint(self):
        hint = super().sizeHint()
        hint.setHeight(max(hint.height(), 22))
        return hint


__all__ = ["TaskProgressWidget", "Qt"]
