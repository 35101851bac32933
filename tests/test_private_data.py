"""Private data stays private: nothing is written outside the app's own folders (no
ONNX Runtime telemetry in ~/.cache/Microsoft), and what the app keeps (catalog, its
copies, thumbnails, extracted media, logs, settings) is owner-only."""

from __future__ import annotations

import os
import stat
from datetime import datetime
from pathlib import Path

from tests.photos import make_jpeg
from tests.proc import run_pose


def _home_env(home: Path) -> dict:
    env = {"HOME": str(home), "POSE_DATA_DIR": "", "POSE_CONFIG_DIR": "", "POSE_LOG_DIR": ""}
    for k in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[k] = ""
    return env


def _clean_env(env: dict) -> dict:
    out = {k: v for k, v in os.environ.items()
           if k not in env and not k.startswith(("POSE_", "XDG_"))}
    out.update({k: v for k, v in env.items() if v})
    return out


def test_models_write_nothing_outside_our_folders(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    photos = tmp_path / "photos"
    for i in range(2):
        make_jpeg(photos / f"{i}.jpg", when=datetime(2020, 1, 1), seed=i, size=(320, 240))
    for k in list(os.environ):
        if k.startswith(("POSE_", "XDG_")):
            monkeypatch.delenv(k)
    monkeypatch.setenv("HOME", str(home))
    for args in (["-q", "index", str(photos)], ["-q", "analyze"], ["suggest", str(photos / "0.jpg")]):
        run = run_pose(*args)
        assert run.returncode == 0, run.stderr
    ours = [home / ".local" / "share" / "pose_desktop", home / ".config" / "pose_desktop",
            home / ".local" / "state" / "pose_desktop"]
    written = [p for p in home.rglob("*") if p.is_file()]
    assert written, "the commands wrote nothing at all?"
    stray = [str(p.relative_to(home)) for p in written if not any(o in p.parents for o in ours)]
    assert stray == []  # e.g. .cache/Microsoft/DeveloperTools/.onnxruntime/deviceid


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_catalog_copies_thumbnails_and_logs_are_owner_only(tmp_path, monkeypatch):
    monkeypatch.setenv("POSE_DATA_DIR", str(tmp_path / "data"))
    old = os.umask(0o022)  # the usual desktop umask: new files 0644, folders 0755
    try:
        photos = tmp_path / "photos"
        make_jpeg(photos / "a.jpg", when=datetime(2020, 1, 1))
        for args in (["-q", "index", str(photos)], ["backup"]):
            run = run_pose(*args)
            assert run.returncode == 0, run.stderr
    finally:
        os.umask(old)
    data = tmp_path / "data"
    cat = data / "catalog.sqlite"
    assert _mode(data) == 0o700
    assert _mode(cat) == 0o600
    for p in [*data.rglob("*")]:
        if p.name.endswith(".lock"):
            continue
        if p.is_dir():
            assert _mode(p) & 0o077 == 0, (p, oct(_mode(p)))
        else:
            assert _mode(p) & 0o077 == 0, (p, oct(_mode(p)))
    assert list((data / "catalog.thumbs").rglob("*.jpg"))
    assert list((data / "backups").glob("*.sqlite"))


def test_an_existing_world_readable_catalog_is_tightened(tmp_path, monkeypatch):
    monkeypatch.setenv("POSE_DATA_DIR", str(tmp_path / "data"))
    assert run_pose("stats").returncode == 0
    data = tmp_path / "data"
    os.chmod(data, 0o755)
    os.chmod(data / "catalog.sqlite", 0o644)  # as an older version left it
    assert run_pose("stats").returncode == 0
    assert _mode(data) == 0o700 and _mode(data / "catalog.sqlite") == 0o600
