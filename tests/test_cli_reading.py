"""The CLI beside a running app: reading commands work, writing ones say why they wait,
``--read-only`` is real, names are forgiven, a closed pipe ends quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from pose_desktop.cli import main
from pose_desktop.services import Library
from pose_desktop.tagging import people
from tests.photos import make_jpeg

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def library(tmp_path):
    root = tmp_path / "pics"
    for i in range(3):
        make_jpeg(root / f"p{i}.jpg", when=datetime(2021, 3, 1 + i), seed=i)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    return cat


@pytest.fixture
def held(library):
    """The catalog held by another process, as the open app holds it."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import time; from pose_desktop.services import Library;"
         f"lib = Library({library!r}, exclusive=True); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert holder.stdout.readline().strip() == "ready"
    yield library
    holder.kill()
    holder.wait()


def test_index_says_what_comes_next(tmp_path, capsys):
    make_jpeg(tmp_path / "pics" / "a.jpg", seed=1)
    assert main(["--catalog", str(tmp_path / "c.sqlite"), "-q", "index", str(tmp_path / "pics")]) == 0
    assert "pose analyze" in capsys.readouterr().out


def test_reading_commands_run_while_the_app_holds_the_catalog(held, capsys):
    cat = ["--catalog", held]
    for argv in (["people", "list"], ["duplicates"], ["suggest", "1", "--top", "3"], ["tree"],
                 ["flags"], ["stats"]):
        code = main([*cat, *argv])
        cap = capsys.readouterr()
        assert code == 0, (argv, cap.err)
        assert "already open" not in cap.err
    # a writing command is refused with the reason and what still works; nothing changed
    assert main([*cat, "people", "name", "1", "Ann"]) == 1
    err = capsys.readouterr().err
    assert "already open" in err and "people list" in err and "read-only" not in err
    assert main([*cat, "merge-hashtag", "a", "b"]) == 1


def test_a_held_catalog_is_explained_in_korean(held, capsys):
    assert main(["--catalog", held, "--lang", "ko", "merge-hashtag", "a", "b"]) == 1
    err = capsys.readouterr().err
    assert "이미 열어 두었습니다" in err and "그쪽을 닫은 뒤에만" in err and "flags (--dismiss 없이)" in err
    assert "already open" not in err and "changes the catalog" not in err


def test_read_only_speaks_korean(library, capsys):
    ko = ["--catalog", library, "--lang", "ko", "--read-only"]
    assert main([*ko, "merge-hashtag", "a", "b"]) == 2
    err = capsys.readouterr().err
    assert "--read-only로 실행할 수 없습니다. 읽기 명령: " in err and "cannot run" not in err
    assert main([*ko, "people", "name", "1", "Ann"]) == 2
    assert capsys.readouterr().err.startswith("pose: people name은(는) 카탈로그를 바꾸는 명령이라")
    assert main(["--catalog", library + ".none", "--lang", "ko", "--read-only", "stats"]) == 1
    err = capsys.readouterr().err
    assert "카탈로그가 없습니다 (읽기 전용으로 열었으므로 새로 만들지 않았습니다)" in err
    assert "No catalog" not in err


def test_a_catalog_folder_that_cannot_be_made_is_explained_in_korean(tmp_path, capsys):
    (tmp_path / "a file").write_text("x")
    assert main(["--catalog", str(tmp_path / "a file" / "c.sqlite"), "--lang", "ko", "stats"]) == 1
    err = capsys.readouterr().err
    assert err == f"pose: 카탈로그 폴더 {tmp_path / 'a file'}을(를) 만들 수 없습니다: 같은 이름의 파일이 이미 있습니다\n"


def test_a_catalog_cut_short_is_said_once_with_sqlites_reason_in_korean(library, capsys):
    """A reading command on a catalog cut to 4 KB said the damage, "showing what can still
    be read", then the same damage again (nothing could be read), SQLite's reason in English."""
    os.truncate(library, 4096)
    damaged = Path(library).read_bytes()
    assert main(["--catalog", library, "--lang", "ko", "stats"]) == 1
    err = capsys.readouterr().err
    assert err.count("pose: ") == 1 and "손상되었습니다 (데이터베이스 파일의 구조가 망가졌습니다)" in err, err
    assert "아직 읽을 수 있는 것을 보여 줍니다" not in err and "malformed" not in err
    assert Path(library).read_bytes() == damaged


def test_a_mistyped_analyzer_is_named_in_korean(library, capsys):
    assert main(["--catalog", library, "--lang", "ko", "analyze", "--models", "face"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pose: 'face'(이)라는 분석기는 없습니다. 있는 분석기: faces, ") and "Unknown" not in err


def test_every_catalog_error_has_korean_words():
    """Each typed error's template (pose_desktop/errors.py) has a Korean line for the CLI."""
    from pose_desktop import errors
    from pose_desktop.cli.words import KOREAN

    templates = [cls.template for cls in vars(errors).values()
                 if isinstance(cls, type) and issubclass(cls, errors.PoseError)]
    templates.append(errors.CatalogDamagedError.no_backup)
    missing = [t for t in templates if t != "{text}" and t not in KOREAN]
    assert len(templates) > 15 and missing == []


def test_read_only_option(library, capsys):
    assert main(["--catalog", library, "--read-only", "stats"]) == 0
    assert "photos:   3" in capsys.readouterr().out
    assert main(["--catalog", library, "--read-only", "merge-hashtag", "a", "b"]) == 2
    assert "cannot run with --read-only" in capsys.readouterr().err
    with Library(library) as lib:
        assert lib.photos.hashtag_merges() == {}
    # read-only never creates a catalog
    assert main(["--catalog", library + ".none", "--read-only", "stats"]) == 1
    assert not Path(library + ".none").exists()


def test_photos_of_forgives_case_and_suggests_names(library, capsys):
    with Library(library) as lib, lib.catalog.write() as db:
        people.person_id_for(db, "Serena Williams")
        people.person_id_for(db, "Ben")
    cat = ["--catalog", library]
    assert main([*cat, "photos-of", "serena"]) == 0
    assert "of Serena Williams" in capsys.readouterr().out
    assert main([*cat, "photos-of", "SERENA williams", "ben"]) == 0
    assert main([*cat, "photos-of", "serna"]) == 1
    err = capsys.readouterr().err
    assert "nobody named 'serna'" in err and "'Serena Williams'" in err
    assert main([*cat, "photos-of", "Zed"]) == 1
    assert "did you mean" not in capsys.readouterr().err.splitlines()[0]


def test_korean_tree_counts(library, capsys):
    with Library(library) as lib:
        lib.photos.add_user_tag([1, 2], "여행")
    assert main(["--catalog", library, "--lang", "ko", "tree", "--by", "tag"]) == 0
    out = capsys.readouterr().out
    assert "태그 1개" in out and "tags)" not in out


@pytest.mark.parametrize("lines", [1, 20000])
def test_closed_pipe_ends_quietly(library, lines):
    """``pose tree | head``: the reader is gone before (or while) pose writes."""
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"  # stdout: a pipe nobody reads
        "from pose_desktop.cli import library, main\n"
        f"library.MONTHS_EN = ['x' * 10 + '\\n' * {lines}] * 12\n"  # little or a lot of output
        f"sys.exit(main(['--catalog', {library!r}, 'tree']))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 141
    assert run.stderr == ""


def test_the_first_hour_commands_speak_korean(library, capsys, tmp_path):
    make_jpeg(tmp_path / "more" / "n.jpg", seed=9)
    ko = ["--catalog", library, "--lang", "ko"]
    assert main([*ko, "-q", "index", str(tmp_path / "more")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("추가 1, ") and "pose analyze" in out and "added" not in out
    assert main([*ko, "stats"]) == 0
    out = capsys.readouterr().out
    assert "사진:     4장" in out and "photos:" not in out
    assert main([*ko, "search", "p1"]) == 0
    assert "에 맞는 사진" in capsys.readouterr().err
    with Library(library) as lib:
        lib.photos.add_user_tag([1], "grandma")
    assert main([*ko, "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "  날짜:" in out and "  date:" not in out
    assert "[있음, 폴더]" in out and "grandma  (직접 붙임)" in out and "(user)" not in out
    assert main([*ko, "people", "list"]) == 0
    assert "아직 사람이 없습니다" in capsys.readouterr().out
    assert main([*ko, "duplicates"]) == 0
    assert capsys.readouterr().out.strip().splitlines() == [
        "중복 사진이 없습니다",
        "아직 분석하지 않은 사진 4장은 비교하지 못했습니다: 먼저 `pose analyze`를 실행하세요"]
    assert main([*ko, "photos-of", "Zed"]) == 1
    assert "'Zed'(이)라는 사람이 없습니다" in capsys.readouterr().err


def test_index_progress_draws_each_state_once(tmp_path):
    """QA: `pose index` printed its 0 % line twice (tqdm draws a new bar; a redraw of the
    unchanged bar drew it again)."""
    for i in range(3):
        make_jpeg(tmp_path / "pics" / f"{i}.jpg", seed=i)
    run = subprocess.run([sys.executable, "-m", "pose_desktop.cli", "--catalog",
                          str(tmp_path / "c.sqlite"), "index", str(tmp_path / "pics")],
                         capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO), "POSE_LANG": "en"})
    assert run.returncode == 0, run.stderr
    frames = [f for f in run.stderr.splitlines() if f.strip()]  # text mode: \r ends a line
    assert sum(" 0%|" in f for f in frames) == 1, frames
    assert run.stdout.startswith("3 added, ")
