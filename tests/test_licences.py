"""The app's own licence and the third-party notices a build ships."""

from __future__ import annotations

import runpy
from pathlib import Path

import tomllib
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]


def test_licence_file_matches_pyproject():
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert meta["license"] == "MIT"
    assert (REPO / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_notices_cover_every_shipped_package(tmp_path):
    tool = runpy.run_path(str(REPO / "resources" / "licenses" / "build_notices.py"))
    out = tool["write_notices"](tmp_path / "THIRD_PARTY_NOTICES.txt")
    text = out.read_text(encoding="utf-8")
    head = text.split("\n\n=====", 1)[0]
    listed = {canonicalize_name(line.split()[0]) for line in head.splitlines()
              if line.startswith("  ")}
    roots = tool["shipped_distributions"](tool["runtime_requirements"]())
    assert {canonicalize_name(d.metadata["Name"]) for d in roots} <= listed
    for name in ("pyside6-essentials", "numpy", "pillow", "pi-heif", "sqlite-utils"):
        assert name in listed, name
    assert any(n.startswith("onnxruntime") for n in listed)
    assert "pillow-heif" not in listed  # only a test dependency: its wheels bundle GPL x265
    assert "x265" not in text
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text  # Qt, libheif, libde265
    assert "Version 3, 29 June 2007" in text
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in text
    assert "--- pi_heif-" in text and "LICENSES_bundled" in text  # the wheel's own list


def test_build_puts_licence_and_notices_beside_the_app():
    spec = (REPO / "build.spec").read_text(encoding="utf-8")
    assert '"build_notices.py"' in spec and '"THIRD_PARTY_NOTICES.txt"' in spec
    assert 'ROOT / "LICENSE"' in spec
    assert '"pi_heif"' in spec and "pillow_heif" not in spec
