"""The problems panel: files that could not be indexed, photos the models could not
analyse and jobs that failed, in one list instead of one dialog per error."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.services import IndexIssue

from .i18n import Retranslates

_ROOT = QModelIndex()  # the invisible root index (default argument of the model API)


@dataclass(frozen=True)
class Problem:
    """One row of the panel."""

    severity: str  # 'error' | 'warning'
    where: str
    reason: str
    not_analysed: bool = False  # the models could not analyse the photo (it is indexed)


def read_problems(library) -> tuple[list[IndexIssue], list[IndexIssue]]:
    """The catalog's problems, for ``ProblemModel.set_issues`` (any thread): the files that
    could not be (fully) indexed and the photos the models could not analyse."""
    return library.photos.issues(limit=5000), library.analysis.failures(limit=5000)


class ProblemModel(QAbstractTableModel):
    """Index issues and analysis failures from the catalog plus errors from background jobs
    of this session."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._issues: list[Problem] = []
        self._session: list[Problem] = []
        self._headers = ("", "", "")
        #: 'error' / 'warning' as the interface language names them
        self.severity_names: dict[str, str] = {}
        #: an analysis failure's reason in the interface language ("%1": the reason)
        self.not_analysed = "%1"

    def set_headers(self, headers: tuple[str, str, str], severities: dict[str, str] | None = None,
                    not_analysed: str | None = None) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        if severities is not None:
            self.severity_names = severities
        if not_analysed is not None:
            self.not_analysed = not_analysed
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 2))

    def set_issues(self, issues: list[IndexIssue], not_analysed: list[IndexIssue] = ()) -> None:
        """Replace the catalog's problems: index issues, and photos not analysed (the
        analysis failed; a later analysis that succeeds takes them off the catalog's list)."""
        self.beginResetModel()
        self._issues = [Problem(i.severity, i.path, i.reason) for i in issues]
        self._issues += [Problem(i.severity, i.path, i.reason, not_analysed=True) for i in not_analysed]
        self.endResetModel()

    def add(self, problem: Problem) -> None:
        """Add an error of this session (a job that failed)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._session.insert(0, problem)
        self.endInsertRows()

    def clear_session(self) -> None:
        self.beginResetModel()
        self._session.clear()
        self.endResetModel()

    def _rows(self) -> list[Problem]:
        return self._session + self._issues

    def not_analysed_count(self) -> int:
        """Photos the models could not analyse (listed from the catalog)."""
        return sum(1 for p in self._issues if p.not_analysed)

    def counts(self) -> tuple[int, int]:
        """(errors, warnings)."""
        rows = self._rows()
        errors = sum(1 for p in rows if p.severity == "error")
        return errors, len(rows) - errors

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self._session) + len(self._issues)

    def columnCount(self, parent=_ROOT) -> int:
        return 3

    def data(self, index, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        p = self._rows()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            severity = self.severity_names.get(p.severity, p.severity)
            reason = self.not_analysed.replace("%1", p.reason) if p.not_analysed else p.reason
            return (severity, p.where, reason)[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
            from PySide6.QtGui import QColor

            return QColor(200, 60, 50) if p.severity == "error" else QColor(190, 130, 20)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class ProblemsPanel(Retranslates, QWidget):
    """A table of problems with a short explanation, a Clear button, and (while photos the
    models could not analyse are listed) a Try again button: Analyse tries such a photo
    again by itself only once its file changed."""

    counts_changed = Signal(int, int)
    retry_requested = Signal()  # analyse the photos that failed now, changed or not

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ProblemModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        h = self.view.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        h.setStretchLastSection(True)
        h.resizeSection(1, 420)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.model.clear_session)
        self.retry_button = QPushButton()
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.hide()
        self.model.modelReset.connect(
            lambda: self.retry_button.setVisible(self.model.not_analysed_count() > 0))
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.retry_button)
        top.addWidget(self.clear_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.view)
        for sig in (self.model.modelReset, self.model.rowsInserted):
            sig.connect(lambda *a: self.counts_changed.emit(*self.model.counts()))
        self.retranslate()

    def retranslate(self) -> None:
        self.model.set_headers(
            (self.tr("Severity"), self.tr("File or job"), self.tr("What happened")),
            {"error": self.tr("error"), "warning": self.tr("warning")},
            self.tr("Not analysed: %1"),
        )
        self.hint.setText(
            self.tr(
                "Files that could not be read or analysed are listed here; the rest of the "
                "library is fine. Fix or move them, then add the folder again. A photo the "
                "models could not analyse is tried again when its file changes, or now with "
                "Try again."
            )
        )
        self.clear_button.setText(self.tr("Clear job errors"))
        self.retry_button.setText(self.tr("Try again"))
