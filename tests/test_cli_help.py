"""`pose --help` speaks the user's language: the parser's description, each command's line,
each option's help and argparse's own words ("usage:", "options", its errors) are Korean
under `--lang ko` or a Korean system, English otherwise (they were English under Korean)."""

from __future__ import annotations

import argparse
import re

import pytest

from pose_desktop.cli import build_parser, main
from pose_desktop.cli.registry import COMMANDS
from pose_desktop.cli.words import width
from tests.proc import run_pose

HANGUL = re.compile("[가-힣]")


def _help(capsys, argv: list[str]) -> str:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    return capsys.readouterr().out


def _every_help(parser: argparse.ArgumentParser) -> dict[str, str]:
    """'command option' -> help text, for the parser and every subcommand (and each
    command's line in the list of commands)."""
    out = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for line in action._choices_actions:
                out[line.dest] = line.help
            for name, sub in action.choices.items():
                out.update({f"{name} {k}": v for k, v in _every_help(sub).items()})
        elif action.help:
            out["/".join(action.option_strings) or action.dest] = action.help
    return out


def test_help_is_korean_under_korean(capsys):
    top = _help(capsys, ["--lang", "ko", "--help"])
    for words in ("사용법: pose", "위치 인수:", "옵션:", "이 도움말을 보여 주고 끝냅니다",
                  "사진 폴더를 색인합니다", "카탈로그를 읽기 전용으로 엽니다"):
        assert words in top, words
    for english in ("usage:", "positional arguments", "options:", "show this help",
                    "index a photo folder", "no progress bars"):
        assert english not in top, english

    index = _help(capsys, ["--lang=ko", "index", "--help"])
    assert index.startswith("사용법: pose index")
    assert "색인할 폴더" in index and "help message" not in index

    analyze = _help(capsys, ["--lang", "ko", "analyze", "--help"])
    assert "전에 실패한 사진도 다시 해 봅니다" in analyze
    assert "try photos that failed" not in analyze


def test_every_help_line_has_its_korean(capsys):
    korean = _every_help(build_parser("ko"))
    english = _every_help(build_parser("en"))
    assert set(korean) == set(english)
    assert {name for name in korean if " " not in name} >= set(COMMANDS)
    untranslated = {k: v for k, v in korean.items() if not HANGUL.search(v)}
    assert not untranslated, untranslated
    assert not {k: v for k, v in english.items() if HANGUL.search(v)}


def test_help_is_english_under_english_and_follows_the_system(capsys, monkeypatch):
    out = _help(capsys, ["--lang", "ko", "--lang", "en", "--help"])  # the last --lang counts
    assert "usage: pose" in out and "show this help message and exit" in out
    assert "index a photo folder" in out and not HANGUL.search(out)

    for var in ("POSE_LANG", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert "사진 폴더를 색인합니다" in _help(capsys, ["--help"])
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "index a photo folder" in _help(capsys, ["--help"])


def test_usage_errors_are_korean_and_argparse_is_left_as_it_was(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "ko", "tree", "--by", "month"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "pose tree: 오류: 인수 --by: 고를 수 없는 값입니다: 'month'" in err
    assert argparse._("usage: ") == "usage: "  # other parsers in the process stay English


def test_the_real_command_prints_korean_help_that_fits_the_terminal():
    run = run_pose("--lang", "ko", "people", "--help", env={"COLUMNS": "80"}, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "사용법: pose people" in run.stdout and "이름 없는 묶음도 보여 줍니다" in run.stdout
    widths = [sum(2 if HANGUL.match(c) else 1 for c in line) for line in run.stdout.splitlines()]
    assert max(widths) <= 80, run.stdout


def test_placeholders_are_korean_and_helps_line_up(capsys):
    top = _help(capsys, ["--lang", "ko", "--help"])
    assert "[--catalog 카탈로그]" in top and "CATALOG" not in top
    suggest = _help(capsys, ["--lang", "ko", "suggest", "--help"])
    assert "[--top 개수]" in suggest and "이미지 [이미지 ...]" in suggest
    assert "IMAGE" not in suggest and "TOP" not in suggest
    # each help starts in one column, counted in terminal columns (Hangul takes two)
    starts = [re.match(r"\s*\S.*?\s{2,}(?=\S)", line) for line in suggest.splitlines()
              if line.startswith("  -")]
    assert len(starts) == 4 and len({width(m.group()) for m in starts}) == 1, suggest
    # every placeholder of every command: no English capitals left but N and {choices}
    parser = build_parser("ko")
    english = set()
    for sub in [parser, *parser._subparsers._group_actions[0].choices.values()]:
        for action in sub._actions:
            if isinstance(action.metavar, str) and action.metavar != "N" and action.metavar.isascii():
                english.add(action.metavar)
    assert english == set() and "명령 ..." in top
    assert "--catalog CATALOG" in _help(capsys, ["--lang", "en", "--help"])
