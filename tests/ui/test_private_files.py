"""The app's own files are owner-only: settings.ini and the log name photos, people and
folders (the usual desktop umask would make them 0644)."""

from __future__ import annotations

import logging
import os
import stat

from pose_desktop.ui.app import setup_logging
from pose_desktop.ui.settings import Settings


def test_settings_and_log_are_owner_only(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("POSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("POSE_LOG_DIR", str(tmp_path / "logs"))
    old = os.umask(0o022)
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        s = Settings()
        s.set("theme", "dark")
        s.qsettings.sync()
        log = setup_logging("WARNING")
        logging.getLogger("pose_desktop.test").warning("a line naming /home/me/photos")
    finally:
        os.umask(old)
        for h in root.handlers[:]:
            if h not in handlers:
                h.close()
                root.removeHandler(h)
    ini = tmp_path / "config" / "settings.ini"
    assert ini.read_text()  # really written
    assert stat.S_IMODE(ini.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "config").stat().st_mode) == 0o700
    assert log is not None and log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
