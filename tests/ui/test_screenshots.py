"""Screenshots of the main window, the drop suggestions and the people view on a small
real library (../shared/datasets), saved to artifacts/screenshots/ for a person to look at."""

from __future__ import annotations

import pytest

from tests.ui import shots


@pytest.mark.slow
def test_screenshots_of_a_small_real_library(qapp, shared_datasets, tmp_path):
    images = shared_datasets / "captioned" / "images"
    lib, _ = shots.build_library(images, tmp_path / "lib", n=24)
    try:
        drops = sorted(images.glob("*.jpg"))[200:202]
        written = shots.take(qapp, lib, "en", shots.ARTIFACTS, drops)
    finally:
        from pose_desktop.ui.workers import wait_for_all

        wait_for_all()
        lib.close()
    names = {p.name for p in written}
    assert {
        "main_window_en_light.png",
        "main_window_en_dark.png",
        "drop_suggestions_en.png",
        "people_view_en.png",
    } <= names
    for p in written:
        big = p.name.startswith(("main_window", "people_view", "drop_suggestions"))
        assert p.stat().st_size > (10_000 if big else 1_000)  # a real picture, not an empty grab
