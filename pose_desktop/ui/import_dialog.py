"""Import from Instagram: a profile (download), an instaloader folder, or a data export.

A profile import may log in: anonymously (public profiles), with a session saved by an
earlier login, with an instaloader session file, or with a username. The password and the
two-factor code are never typed into this dialog: the importer asks for them from its
worker thread only when no saved session works (``LoginPrompts``), and the GUI thread
answers with a modal prompt. Neither is kept anywhere; the session the importer saves
(config dir, 0600) is the only thing remembered.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pose_desktop.errors import PoseError
from pose_desktop.services import Library
from pose_desktop.services.instagram import ExportSource, FolderSource, ProfileSource

from .i18n import Retranslates
from .workers import GuiCall

#: Login choices (ids of ``InstagramImportDialog.login_kind``).
ANONYMOUS, SAVED, SESSION_FILE, USERNAME = range(4)


class InstagramImportFailed(PoseError):
    """An Instagram import stopped; the message is the GUI's (translated lead + details)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# CLI advice in the importer's messages ("(--login YOUR_NAME)", "(pose import-export)")
_CLI_HINT = re.compile(r"\s*\((?:--login|--session|pose )[^)]*\)|\s*with --login \S+(?= ?\.)")


def _leads() -> dict[str, str]:
    """Translated first sentence per ``InstagramError.kind`` (built on the GUI thread)."""
    return {
        "not_found": QCoreApplication.translate("InstagramImportDialog", "Profile not found."),
        "private": QCoreApplication.translate(
            "InstagramImportDialog", "This profile is private: choose a login that follows it."
        ),
        "login_required": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram wants a login: choose one under “Log in”."
        ),
        "bad_credentials": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram did not accept the login."
        ),
        "two_factor": QCoreApplication.translate(
            "InstagramImportDialog", "The two-factor code was not accepted."
        ),
        "checkpoint": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram wants to confirm it's you."
        ),
        "unauthorized": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram asks you to log in again (401)."
        ),
        "forbidden": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram refused access (403)."
        ),
        "rate_limited": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram is limiting requests (429)."
        ),
        "network": QCoreApplication.translate("InstagramImportDialog", "Cannot reach Instagram."),
        "unavailable": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram is having trouble right now."
        ),
        "cancelled": QCoreApplication.translate("InstagramImportDialog", "Import cancelled."),
        "unexpected": QCoreApplication.translate(
            "InstagramImportDialog", "Instagram answered in an unexpected way."
        ),
    }


def plain_message(err: BaseException, leads: dict[str, str]) -> str:
    """The text shown for an importer error: a translated lead, then the importer's advice
    (without the command-line options it mentions)."""
    detail = _CLI_HINT.sub("", str(err)).strip()
    lead = leads.get(getattr(err, "kind", ""), "")
    if not lead or detail.lower().startswith(lead.lower().rstrip(".")):
        return detail or lead
    return f"{lead} {detail}" if detail else lead


class LoginPrompts:
    """The importer's ``ask_password`` / ``ask_two_factor`` callbacks for one import.

    Called on the worker thread; each shows a modal prompt on the GUI thread (through
    ``GuiCall``) and blocks until it is answered. Cancel there cancels the import (the
    ``CancelToken``). The answer is handed to the importer and not kept here.
    """

    def __init__(self, token, parent: QWidget | None = None) -> None:
        self.token = token
        self.parent = parent
        self.gui = GuiCall()
        self.cancelled_by_user = False

    def _parent(self) -> QWidget | None:
        from shiboken6 import isValid

        return self.parent if self.parent is not None and isValid(self.parent) else None

    def _ask(self, title: str, label: str, password: bool) -> str | None:
        # GUI thread
        mode = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        text, ok = QInputDialog.getText(self._parent(), title, label, mode, "")
        return text if ok and text else None

    def _call(self, title: str, label: str, password: bool) -> str | None:
        # worker thread
        if self.token.cancelled:
            return None
        answer = self.gui.call(
            lambda: self._ask(title, label, password), cancelled=lambda: self.token.cancelled
        )
        if not answer:
            self.cancelled_by_user = not self.token.cancelled
            self.token.cancel()
        return answer

    def ask_password(self, user: str, problem: str | None) -> str | None:
        return self._prompt(
            QCoreApplication.translate("InstagramImportDialog", "Log in to Instagram"),
            QCoreApplication.translate("InstagramImportDialog", "Instagram password for %1:"),
            QCoreApplication.translate(
                "InstagramImportDialog", "Instagram did not accept that password. Try again:"
            ),
            user, problem, secret=True,
        )

    def ask_two_factor(self, user: str, problem: str | None) -> str | None:
        return self._prompt(
            QCoreApplication.translate("InstagramImportDialog", "Two-factor code"),
            QCoreApplication.translate(
                "InstagramImportDialog",
                "Enter the security code for %1 from your authenticator app or SMS:",
            ),
            QCoreApplication.translate(
                "InstagramImportDialog", "That code was not accepted; enter the newest one."
            ),
            user, problem, secret=False,
        )

    def _prompt(self, title: str, question: str, refused: str, user: str, problem: str | None,
             *, secret: bool) -> str | None:
        """Ask ``question`` (``%1``: the user); after a refusal, say so above it."""
        label = question.replace("%1", user)
        return self._call(title, f"{refused}\n\n{label}" if problem else label, secret)


class InstagramImportDialog(Retranslates, QDialog):
    """Collects what to import; ``job`` is then (title, make_events) for the main window."""

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.job = None
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.kind = QButtonGroup(self)
        # one row per import source, in the order the library offers them
        self.sources = list(library.instagram.sources())
        self.radios: dict[str, QRadioButton] = {}
        self.edits: dict[str, QLineEdit] = {}
        browsers = {ExportSource.name: self._pick_export, FolderSource.name: self._pick_folder}
        grid = QGridLayout()
        for row, source in enumerate(self.sources):
            radio, edit = QRadioButton(), QLineEdit()
            self.radios[source.name], self.edits[source.name] = radio, edit
            browse = None
            if source.name in browsers:
                browse = QPushButton()
                browse.clicked.connect(browsers[source.name])
            self.kind.addButton(radio, row)
            grid.addWidget(radio, row, 0)
            grid.addWidget(edit, row, 1)
            if browse is not None:
                grid.addWidget(browse, row, 2)
            edit.textEdited.connect(lambda _=None, r=radio: r.setChecked(True))
        self.r_profile, self.profile = self.radios[ProfileSource.name], self.edits[ProfileSource.name]
        self.r_export, self.export_path = self.radios[ExportSource.name], self.edits[ExportSource.name]
        self.r_folder, self.folder_path = self.radios[FolderSource.name], self.edits[FolderSource.name]
        self.export_browse, self.folder_browse = (
            grid.itemAtPosition(self.sources.index(c), 2).widget() for c in (ExportSource, FolderSource)
        )
        self.r_export.setChecked(True)
        self.login_box = self._build_login()
        self.r_profile.toggled.connect(self._update_login_enabled)
        self.profile.textEdited.connect(lambda _=None: self._update_login_enabled())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(grid)
        lay.addWidget(self.login_box)
        lay.addWidget(self.note)
        lay.addStretch(1)
        lay.addWidget(self.buttons)
        self.reload_sessions()
        self._update_login_enabled()
        self.retranslate()
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    # login ------------------------------------------------------------------------------
    def _build_login(self) -> QGroupBox:
        box = QGroupBox()
        self.login_kind = QButtonGroup(self)
        self.l_anonymous = QRadioButton()
        self.l_saved = QRadioButton()
        self.l_file = QRadioButton()
        self.l_user = QRadioButton()
        self.saved_combo = QComboBox()
        self.saved_combo.setMinimumContentsLength(16)
        self.forget_button = QPushButton()
        self.forget_button.clicked.connect(self.forget_selected_session)
        self.session_file = QLineEdit()
        self.session_browse = QPushButton()
        self.session_browse.clicked.connect(self._pick_session_file)
        self.username = QLineEdit()
        self.username.setMaxLength(31)
        self.remember = QCheckBox()
        self.remember.setChecked(True)
        self.login_hint = QLabel()
        self.login_hint.setWordWrap(True)
        font = self.login_hint.font()
        font.setPointSizeF(font.pointSizeF() * 0.92)
        self.login_hint.setFont(font)
        self.session_file.textEdited.connect(lambda _=None: self.l_file.setChecked(True))
        self.username.textEdited.connect(lambda _=None: self.l_user.setChecked(True))
        self.saved_combo.activated.connect(lambda _=None: self.l_saved.setChecked(True))
        for i, r in enumerate((self.l_anonymous, self.l_saved, self.l_file, self.l_user)):
            self.login_kind.addButton(r, i)
        self.login_kind.idToggled.connect(lambda *_: self._update_login_enabled())
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.addWidget(self.l_anonymous, 0, 0, 1, 3)
        grid.addWidget(self.l_saved, 1, 0)
        saved = QHBoxLayout()
        saved.setContentsMargins(0, 0, 0, 0)
        saved.addWidget(self.saved_combo, 1)
        saved.addWidget(self.forget_button)
        grid.addLayout(saved, 1, 1, 1, 2)
        grid.addWidget(self.l_file, 2, 0)
        grid.addWidget(self.session_file, 2, 1)
        grid.addWidget(self.session_browse, 2, 2)
        grid.addWidget(self.l_user, 3, 0)
        grid.addWidget(self.username, 3, 1, 1, 2)
        grid.addWidget(self.remember, 4, 1, 1, 2)
        grid.addWidget(self.login_hint, 5, 0, 1, 3)
        return box

    def reload_sessions(self) -> None:
        """Fill the saved-login list from the library (accounts with a saved session)."""
        names = self.library.instagram.sessions()
        current = self.saved_combo.currentText()
        self.saved_combo.clear()
        self.saved_combo.addItems(names)
        if current in names:
            self.saved_combo.setCurrentText(current)
        has = bool(names)
        self.l_saved.setEnabled(has)
        if not has and self.l_saved.isChecked():
            self.l_anonymous.setChecked(True)
        if self.login_kind.checkedId() < 0:
            (self.l_saved if has else self.l_anonymous).setChecked(True)
        self._update_login_enabled()

    def forget_selected_session(self) -> None:
        """Delete the saved session of the chosen account (log out on this computer)."""
        name = self.saved_combo.currentText()
        if not name:
            return
        self.library.instagram.forget_session(name)
        self.reload_sessions()
        self.note.setText(
            self.tr("The saved login of %1 was removed from this computer.").replace("%1", name)
        )

    def _update_login_enabled(self, *_args) -> None:
        on = self.r_profile.isChecked()
        self.login_box.setEnabled(on)
        kind = self.login_kind.checkedId()
        has_saved = self.saved_combo.count() > 0
        self.saved_combo.setEnabled(on and has_saved)
        self.forget_button.setEnabled(on and has_saved and kind == SAVED)
        self.remember.setEnabled(on and kind == USERNAME)
        if hasattr(self, "note"):
            self._update_hint()

    def _update_hint(self) -> None:
        kind = self.login_kind.checkedId()
        self.login_hint.setText(
            {
                ANONYMOUS: self.tr(
                    "Public profiles only. Instagram may ask to log in after a few imports."
                ),
                SAVED: self.tr(
                    "Uses the login saved on this computer. If it has expired you "
                    "are asked for the password."
                ),
                SESSION_FILE: self.tr(
                    "A session file saved by instaloader --login. A private "
                    "copy is kept for next time."
                ),
                USERNAME: self.tr(
                    "When the import starts you are asked for the password and, "
                    "if your account uses it, a two-factor code. The password is "
                    "never saved."
                ),
            }.get(kind, "")
        )

    def _pick_session_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("instaloader session file"))
        if path:
            self.session_file.setText(path)
            self.l_file.setChecked(True)

    def login_options(self, token):
        """The ``LoginOptions`` of the chosen login (None: anonymous), or a message (str)
        saying what is missing."""
        from pose_desktop.services import LoginOptions

        kind = self.login_kind.checkedId()
        prompts = LoginPrompts(token, self.parentWidget() or self)
        ask = dict(ask_password=prompts.ask_password, ask_two_factor=prompts.ask_two_factor)
        if kind == SAVED:
            name = self.saved_combo.currentText()
            if not name:
                return self.tr("There is no saved login yet.")
            return LoginOptions(username=name, **ask), prompts
        if kind == SESSION_FILE:
            path = self.session_file.text().strip()
            if not path:
                return self.tr("Choose the instaloader session file.")
            return LoginOptions(session_file=path, **ask), prompts
        if kind == USERNAME:
            name = self.username.text().strip().lstrip("@")
            if not name:
                return self.tr("Enter your Instagram username.")
            return LoginOptions(
                username=name, save_session=self.remember.isChecked(), **ask
            ), prompts
        return None, prompts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import from Instagram"))
        self.intro.setText(
            self.tr(
                "Bring your posts, captions and hashtags into the library. "
                "Nothing is posted or changed on Instagram."
            )
        )
        names = {
            ProfileSource.name: self.tr("Profile name"),
            ExportSource.name: self.tr("Data export (ZIP)"),
            FolderSource.name: self.tr("Downloaded folder"),
        }
        for source in self.sources:
            self.radios[source.name].setText(names.get(source.name, source.title))
        self.profile.setPlaceholderText(
            self.tr("e.g. my.account (empty: the account you log in with)")
        )
        self.export_path.setPlaceholderText(
            self.tr("instagram-….zip from Instagram's 'Download your information'")
        )
        self.folder_path.setPlaceholderText(self.tr("a folder made by instaloader"))
        for edit in (self.profile, self.export_path, self.folder_path):
            fit_placeholder(edit)
        self.login_box.setTitle(self.tr("Log in (for private profiles and your own account)"))
        self.l_anonymous.setText(self.tr("Don't log in"))
        self.l_saved.setText(self.tr("Saved login"))
        self.l_file.setText(self.tr("Session file"))
        self.l_user.setText(self.tr("Username"))
        self.forget_button.setText(self.tr("Forget"))
        self.forget_button.setToolTip(self.tr("Remove this saved login from this computer"))
        self.session_browse.setText(self.tr("Choose…"))
        self.session_file.setPlaceholderText(self.tr("session-yourname from instaloader"))
        self.username.setPlaceholderText(self.tr("your Instagram username"))
        self.remember.setText(self.tr("Keep me logged in on this computer"))
        self.saved_combo.setPlaceholderText(self.tr("none yet"))
        self._update_hint()
        self.export_browse.setText(self.tr("Choose…"))
        self.folder_browse.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.note.setText("")

    def _pick_export(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Instagram data export"), "", "ZIP (*.zip)"
        )
        if path:
            self.export_path.setText(path)
            self.r_export.setChecked(True)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Downloaded Instagram folder"))
        if path:
            self.folder_path.setText(path)
            self.r_folder.setChecked(True)

    def accept(self) -> None:
        """Build the job: (title, make_events, on_cancel) for ``MainWindow.run_job``."""
        source = self.sources[self.kind.checkedId()]
        value = self.edits[source.name].text().strip()
        from pose_desktop.services import CancelToken

        lib, token = self.library, CancelToken()
        if source is ProfileSource:
            login = self.login_options(token)
            if isinstance(login, str):
                self.note.setText(login)
                return
            opts, prompts = login
            profile = value.lstrip("@") or (opts.username if opts is not None else "") or ""
            if not profile:
                self.note.setText(self.tr("Enter the profile name to import."))
                return
            leads = _leads()
            leads_cancel = self.tr("Login cancelled: nothing was imported.")

            def make():
                try:
                    yield from lib.instagram.import_instagram(profile, login=opts, cancel=token)
                except PoseError as err:
                    kind = getattr(err, "kind", "")
                    if kind == "cancelled" and prompts.cancelled_by_user:
                        raise InstagramImportFailed(kind, leads_cancel) from None
                    raise InstagramImportFailed(kind, plain_message(err, leads)) from None

            title = self.tr("Importing @%1").replace("%1", profile)
        elif not value:
            return
        else:
            make = lambda: lib.instagram.import_from(source(value), cancel=token)  # noqa: E731
            title = {
                ExportSource.name: self.tr("Importing the Instagram export"),
                FolderSource.name: self.tr("Importing the Instagram folder"),
            }.get(source.name, source.title)
        self.job = (title, make, token.cancel)
        super().accept()


def fit_placeholder(edit) -> None:
    """Make a line edit at least wide enough for its whole placeholder (it says what to
    type; clipped, "instagram-….zip from Instagram's 'Download your inf" said less)."""
    text = edit.placeholderText()
    margins = edit.textMargins()
    # the frame and the clear button's room, as QLineEdit's own size hint counts them
    extra = margins.left() + margins.right() + 2 * edit.fontMetrics().averageCharWidth() + 12
    edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(text) + extra)
