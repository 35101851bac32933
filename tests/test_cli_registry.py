"""The `pose` command registry: every command declares read or write, has help and is in
the README; `python -m pose_desktop.cli` knows every command; reading commands run while
another process holds the catalog, writing ones are refused."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from pose_desktop.cli import build_parser, main
from pose_desktop.cli.registry import COMMANDS, READ, WRITE
from pose_desktop.services import Library
from tests.photos import make_jpeg

ROOT = Path(__file__).resolve().parent.parent


def _subcommands() -> dict:
    parser = build_parser()
    return next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices


def test_every_command_declares_access_and_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subs = _subcommands()
    assert set(subs) == set(COMMANDS)
    for name, sub in subs.items():
        cmd = COMMANDS[name]
        assert cmd.help.strip(), name
        required = [a for a in sub._actions if a.required]
        argv = [name, *["1"] * sum(1 for a in required if a.option_strings == [])]
        if name == "people":
            argv = [name, "list"]
        args = build_parser().parse_args(argv)
        assert cmd.access_for(args) in (READ, WRITE), name
        assert f"pose {name}" in readme, f"README.md does not document pose {name}"


def test_python_dash_m_lists_every_command():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-m", "pose_desktop.cli", "--help"], capture_output=True,
                         text=True, cwd=ROOT, env=env)
    assert out.returncode == 0, out.stderr
    listed = {line.split()[0] for line in out.stdout.splitlines()
              if line.startswith("    ") and line.split()}
    assert set(COMMANDS) <= listed, set(COMMANDS) - listed


def test_access_follows_the_arguments():
    p = build_parser()
    assert COMMANDS["people"].access_for(p.parse_args(["people"])) == READ
    assert COMMANDS["people"].access_for(p.parse_args(["people", "faces", "1"])) == READ
    assert COMMANDS["people"].access_for(p.parse_args(["people", "name", "1", "Pat"])) == WRITE
    assert COMMANDS["flags"].access_for(p.parse_args(["flags"])) == READ
    assert COMMANDS["flags"].access_for(p.parse_args(["flags", "--dismiss", "1"])) == WRITE
    assert COMMANDS["duplicates"].access_for(p.parse_args(["duplicates"])) == READ
    assert COMMANDS["index"].access_for(p.parse_args(["index", "x"])) == WRITE


@pytest.fixture
def held_catalog(tmp_path):
    """A catalog with two photos, held for writing by another Library (as the app does)."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2020, 1, 2), seed=1)
    make_jpeg(root / "b.jpg", when=datetime(2021, 3, 4), seed=2)
    cat = tmp_path / "c.sqlite"
    assert main(["--catalog", str(cat), "-q", "index", str(root)]) == 0
    app = Library(cat, exclusive=True)
    yield cat
    app.close()


def test_reading_commands_run_while_the_app_holds_the_catalog(held_catalog, capsys):
    cat = ["--catalog", str(held_catalog)]
    capsys.readouterr()
    for argv in (["people", "list"], ["duplicates"], ["tree"], ["stats"], ["flags"],
                 ["search", "a"]):
        assert main([*cat, *argv]) == 0, (argv, capsys.readouterr().err)
    out = capsys.readouterr().out
    assert main([*cat, "photos-of", "Nobody"]) == 1  # it ran: an unknown name is an error
    assert "nobody named 'Nobody'" in capsys.readouterr().err
    assert "no near-duplicates" in out and "no people yet" in out and "no flagged posts" in out


def test_writing_commands_are_refused_while_the_app_holds_the_catalog(held_catalog, capsys):
    cat = ["--catalog", str(held_catalog)]
    capsys.readouterr()
    for argv in (["flags", "--dismiss", "1"], ["merge-hashtag", "a", "b"],
                 ["people", "name", "1", "Pat"], ["train-hashtags"]):
        assert main([*cat, *argv]) == 1, argv
        assert "pose:" in capsys.readouterr().err
