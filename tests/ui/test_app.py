"""The app's entry points: ``main.py --self-test`` (what a packaged build is checked with)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_self_test_opens_the_catalog_loads_models_and_exits_0(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        POSE_DATA_DIR=str(tmp_path / "data"),
        POSE_CONFIG_DIR=str(tmp_path / "config"),
    )
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "main.py"),
            "--self-test",
            "--catalog",
            str(tmp_path / "c.sqlite"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        cwd=tmp_path,
    )
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0, report
    assert report["ok"] is True and report["photos"] == 0
    assert "mobilenet_v2.onnx" in report["model_files"]
    assert "models_error" not in report and report.get("models_loaded_s") is not None
    assert report["window"]
    assert (tmp_path / "c.sqlite").exists()


def test_pyinstaller_spec_bundles_resources_and_models():
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert '"resources"' in spec and '"models"' in spec and "main.py" in spec
    assert (REPO / "resources" / "pose-desktop.desktop").exists()
    assert (REPO / "resources" / "icons" / "pose-256.png").exists()
    for lang in ("ko", "en"):
        assert (REPO / "resources" / "translations" / f"pose_desktop_{lang}.qm").exists()


def test_the_app_logs_to_a_file_in_the_user_log_folder(tmp_path, monkeypatch):
    """A double-clicked app has no terminal: warnings, errors and Qt's messages reach a file."""
    import logging

    from PySide6.QtCore import qWarning

    from pose_desktop.ui.app import _qt_messages_to_log, setup_logging

    monkeypatch.setenv("POSE_DATA_DIR", str(tmp_path / "data"))
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    previous = None
    try:
        path = setup_logging("WARNING")
        assert path == tmp_path / "data" / "logs" / "pose-desktop.log"
        logging.getLogger("pose_desktop.test").info("started")
        logging.getLogger("pose_desktop.test").error("something broke")
        previous = _qt_messages_to_log()
        qWarning("a Qt warning")
        for h in root.handlers:
            h.flush()
        text = path.read_text(encoding="utf-8")
        assert "INFO pose_desktop.test: started" in text
        assert "ERROR pose_desktop.test: something broke" in text
        assert "WARNING qt: a Qt warning" in text
    finally:
        from PySide6.QtCore import qInstallMessageHandler

        qInstallMessageHandler(previous)
        for h in root.handlers[len(before):]:
            root.removeHandler(h)
            h.close()
        root.setLevel(level)
