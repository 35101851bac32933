"""Odd text never gives a traceback: arguments that are not UTF-8 (a Latin-1 terminal, a
file name from an old disk), NUL characters, and file names with a newline."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime

from tests.photos import make_jpeg
from tests.proc import REPO


def _pose(*args: bytes | str) -> subprocess.CompletedProcess:
    argv = [os.fsencode(sys.executable), b"-m", b"pose_desktop",
            *[a if isinstance(a, bytes) else a.encode() for a in args]]
    return subprocess.run(argv, capture_output=True, env={**os.environ, "PYTHONPATH": str(REPO)},
                          cwd=REPO, timeout=120)


def test_non_utf8_arguments_and_paths(tmp_path):
    root = tmp_path / "p"
    root.mkdir()
    latin = os.fsencode(str(root)) + b"/caf\xe9.jpg"
    make_jpeg(tmp_path / "x.jpg", when=datetime(2020, 1, 1))
    with open(latin, "wb") as fh:
        fh.write((tmp_path / "x.jpg").read_bytes())
    cat = str(tmp_path / "c.sqlite")
    assert _pose("--catalog", cat, "-q", "index", str(root)).returncode == 0
    for args in (["search", b"caf\xe9"], ["show", b"\xff\xfe"], ["merge-hashtag", b"\xe9t\xe9", "summer"],
                 ["people", "name", "1", b"J\xf6rg"], ["search", "a\x01b"], ["show", latin]):
        run = _pose("--catalog", cat, *args)
        err = run.stderr.decode("utf-8", "replace")
        assert "Traceback" not in err, (args, err)
        assert run.returncode in (0, 1), (args, run.returncode, err)
    run = _pose("--catalog", cat, "show", latin)
    assert run.returncode == 0 and b"caf" in run.stdout


def test_a_newline_in_a_file_name_keeps_one_line_per_result(tmp_path):
    root = tmp_path / "p"
    make_jpeg(root / "two\nlines.jpg", when=datetime(2020, 1, 1))
    cat = str(tmp_path / "c.sqlite")
    assert _pose("--catalog", cat, "-q", "index", str(root)).returncode == 0
    with_tag = _pose("--catalog", cat, "search", "canon")
    lines = with_tag.stdout.decode().splitlines()
    assert len(lines) == 1 and "two\\nlines.jpg" in lines[0], lines
