"""Logging in to Instagram from the import dialog: the password and two-factor prompts are
asked from the import's worker thread and answered on the GUI thread (recorded Instagram
responses below instaloader, no network)."""

from __future__ import annotations

import stat

import instaloader
import pytest

from pose_desktop.paths import config_dir, data_dir
from tests.ingest.instagram_data import all_files_text
from tests.ingest.instagram_transport import install

PASSWORD = "gUi-s3cr3t!ünïque"


@pytest.fixture
def insta(monkeypatch):
    from pose_desktop.ingest.instagram import NoWaitRateController, profile

    # the app keeps instaloader's polite pauses; skip them here
    monkeypatch.setattr(profile, "PoliteRateController", NoWaitRateController)
    monkeypatch.setattr(instaloader.InstaloaderContext, "do_sleep", lambda self: None)
    return install(monkeypatch)


@pytest.fixture
def prompts(monkeypatch):
    """Answers QInputDialog.getText like a user: the password, then the code (or Cancel)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

    asked: list[dict] = []
    answers = {"password": (PASSWORD, True), "code": ("123 456", True)}

    def get_text(parent, title, label, echo=QLineEdit.EchoMode.Normal, text="", *a, **k):
        secret = echo == QLineEdit.EchoMode.Password
        asked.append(
            {
                "title": title,
                "label": label,
                "password": secret,
                "gui_thread": QThread.currentThread() is QApplication.instance().thread(),
            }
        )
        return answers["password" if secret else "code"]

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked, answers


def _import_through_the_dialog(window, qtbot, monkeypatch, profile="tester", user="me"):
    from pose_desktop.ui.import_dialog import USERNAME, InstagramImportDialog

    def exec_(dlg):  # the user fills the dialog and presses Import
        dlg.profile.setText(profile)
        dlg.r_profile.setChecked(True)
        dlg.login_kind.button(USERNAME).setChecked(True)
        dlg.username.setText(user)
        assert dlg.remember.isChecked() and dlg.remember.isEnabled()
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(InstagramImportDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_ended, timeout=60_000) as blocker:
        window.open_import_dialog()
    return blocker.args


def test_login_with_two_factor_through_the_dialog(
    window, qtbot, monkeypatch, insta, prompts, tmp_path, tmp_path_factory
):
    insta.two_factor = True
    asked, _ = prompts
    title, outcome = _import_through_the_dialog(window, qtbot, monkeypatch)
    assert outcome == "finished", window.problems.model.index(0, 2).data()
    assert "@tester" in title
    # asked on the GUI thread: first the password (hidden), then the code (shown)
    assert [a["password"] for a in asked] == [True, False]
    assert all(a["gui_thread"] for a in asked)
    assert "me" in asked[0]["label"] and "me" in asked[1]["label"]
    assert insta.count(r"accounts/login/ajax/two_factor") == 1
    # the posts are in the catalog
    lib = window.library
    assert {p.shortcode for p in lib.instagram.posts()} == {f"DAbCdEf000{i}" for i in range(1, 5)}
    # the session is saved privately; the dialog lists it next time
    session = config_dir() / "instagram" / "session-me"
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    from pose_desktop.ui.import_dialog import SAVED, InstagramImportDialog

    dlg = InstagramImportDialog(lib, window)
    qtbot.addWidget(dlg)
    assert dlg.saved_combo.currentText() == "me" and dlg.login_kind.checkedId() == SAVED
    assert all(PASSWORD not in str(v) for v in vars(dlg).values())
    # the password reached Instagram's login form and no file at all
    window.settings.sync() if hasattr(window.settings, "sync") else None
    written = all_files_text(tmp_path, config_dir(), data_dir(), tmp_path_factory.getbasetemp())
    for enc in ("utf-8", "utf-16-le"):
        assert PASSWORD.encode(enc) not in written
    assert PASSWORD.encode("ascii", "ignore") not in written
    # forget the saved login from the dialog
    dlg.l_saved.setChecked(True)
    dlg.forget_selected_session()
    assert not session.exists() and dlg.saved_combo.count() == 0
    assert not dlg.l_saved.isEnabled() and dlg.login_kind.checkedId() == 0


def test_cancelling_the_code_prompt_cancels_the_import(window, qtbot, monkeypatch, insta, prompts):
    insta.two_factor = True
    asked, answers = prompts
    answers["code"] = ("", False)  # Cancel in the two-factor prompt
    _, outcome = _import_through_the_dialog(window, qtbot, monkeypatch)
    assert outcome == "cancelled"
    assert len(asked) == 2
    message = window.statusBar().currentMessage()
    assert "Login cancelled" in message and "@tester" in message and "Traceback" not in message
    assert window.library.instagram.posts() == []
    assert not (config_dir() / "instagram" / "session-me").exists()
    model = window.problems.model
    assert not any(model.index(r, 0).data() == "error" for r in range(model.rowCount()))


def test_private_profile_without_login_is_a_plain_problem(window, qtbot, monkeypatch, insta):
    from pose_desktop.ui.import_dialog import InstagramImportDialog

    def exec_(dlg):
        dlg.profile.setText("secret")
        dlg.r_profile.setChecked(True)
        dlg.l_anonymous.setChecked(True)
        dlg.accept()
        return dlg.result()

    monkeypatch.setattr(InstagramImportDialog, "exec", exec_)
    with qtbot.waitSignal(window.job_ended, timeout=60_000) as blocker:
        window.open_import_dialog()
    assert blocker.args[1] == "failed"
    model = window.problems.model
    reasons = [model.index(r, 2).data() for r in range(model.rowCount())]
    text = next(r for r in reasons if "private" in r)
    assert text.startswith("This profile is private")
    assert "--login" not in text and "Traceback" not in text


def test_login_choice_needs_its_field(window, qtbot):
    from pose_desktop.ui.import_dialog import SESSION_FILE, USERNAME, InstagramImportDialog

    dlg = InstagramImportDialog(window.library, window)
    qtbot.addWidget(dlg)
    dlg.profile.setText("tester")
    dlg.r_profile.setChecked(True)
    assert dlg.login_box.isEnabled()
    dlg.login_kind.button(USERNAME).setChecked(True)
    dlg.accept()
    assert dlg.job is None and "username" in dlg.note.text()
    dlg.login_kind.button(SESSION_FILE).setChecked(True)
    dlg.accept()
    assert dlg.job is None and "session file" in dlg.note.text()
    dlg.r_export.setChecked(True)
    assert not dlg.login_box.isEnabled()


def test_work_that_stops_itself_as_cancelled_is_not_a_failure(qtbot):
    from pose_desktop.errors import PoseError
    from pose_desktop.ui.workers import GeneratorWorker

    class Stopped(PoseError):
        kind = "cancelled"

    def events():
        yield 1
        raise Stopped("Login cancelled.")

    w = GeneratorWorker(events)
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        w.start()
    assert w.cancel_reason == "Login cancelled." and not w.running


def test_gui_call_runs_on_the_gui_thread_and_gives_up_when_cancelled(qtbot):
    import threading

    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    from pose_desktop.ui.workers import GuiCall

    gui = GuiCall()
    out = {}

    def worker():
        out["answer"] = gui.call(
            lambda: QThread.currentThread() is QApplication.instance().thread()
        )
        out["gave_up"] = gui.call(lambda: "late", cancelled=lambda: True)

    t = threading.Thread(target=worker)
    t.start()
    qtbot.waitUntil(lambda: "gave_up" in out, timeout=5000)
    t.join()
    assert out == {"answer": True, "gave_up": None}
