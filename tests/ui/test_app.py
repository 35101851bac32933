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
