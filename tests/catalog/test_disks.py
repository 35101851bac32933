"""A catalog on a read-only disk can be read; a full disk is called a full disk. Real file
systems: a tmpfs mounted for the test (needs root; skipped otherwise)."""

from __future__ import annotations

import subprocess
from datetime import datetime

import pytest

from pose_desktop.services import Library
from tests.photos import make_jpeg
from tests.proc import run_pose


@pytest.fixture
def mount(tmp_path):
    """Mount a small tmpfs at a fresh folder; yields (folder, remount) and unmounts."""
    point = tmp_path / "disk"
    point.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(point)],
                          capture_output=True)
    if made.returncode != 0:
        pytest.skip("cannot mount a file system here (needs root)")

    def remount(opts: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{opts}", str(point)], check=True)

    try:
        yield point, remount
    finally:
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def _library_on(folder, photos):
    cat = folder / "c.sqlite"
    with Library(cat) as lib:
        list(lib.photos.index_folder(photos))
        lib.photos.add_user_tag(lib.photos.photo_ids(), "seaside")
    return cat


def test_a_catalog_on_a_read_only_disk_can_be_read(tmp_path, mount):
    folder, remount = mount
    photos = tmp_path / "photos"
    for i in range(3):
        make_jpeg(photos / f"{i}.jpg", when=datetime(2020, 1, i + 1), seed=i, size=(64, 48))
    cat = _library_on(folder, photos)
    remount("ro")
    for args in (["stats"], ["search", "seaside"], ["tree"], ["show", "1"]):
        run = run_pose("--catalog", str(cat), *args)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (args, run.stderr)
    assert "photos:   3" in run_pose("--catalog", str(cat), "stats").stdout
    run = run_pose("--catalog", str(cat), "-q", "index", str(photos))
    assert run.returncode == 1 and "read-only disk" in run.stderr and "Traceback" not in run.stderr


def test_a_full_disk_is_called_full(tmp_path, mount):
    folder, _ = mount
    photos = tmp_path / "photos"
    make_jpeg(photos / "a.jpg", size=(64, 48))
    cat = _library_on(folder, photos)
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as fh:  # until nothing more fits
        try:
            while True:
                fh.write(b"\0" * 4096)
                fh.flush()
        except OSError:
            pass
    for args in (["stats"], ["-q", "index", str(photos)]):
        run = run_pose("--catalog", str(cat), *args)
        assert "Traceback" not in run.stderr
        if run.returncode != 0:
            assert "is full" in run.stderr, (args, run.stderr)
            assert "disk I/O error" not in run.stderr
