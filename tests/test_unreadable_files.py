"""Files a new user hands ``pose suggest`` / ``pose similar`` that are no photos: each is
named with the reason in plain words, in the user's language (the Problems panel's words),
never Python's ("cannot identify image file <_io.BufferedReader>", "[Errno 21]")."""

from __future__ import annotations

import os

import pytest

from tests.photos import make_jpeg
from tests.proc import run_pose


def _bad_files(tmp_path):
    good = make_jpeg(tmp_path / "good.jpg", size=(640, 480))
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(good.read_bytes()[:4000])
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo\n")
    folder = tmp_path / "a folder.jpg"
    folder.mkdir()
    return [cut, text, tmp_path / "gone.jpg", folder]


EN = ["the file is truncated (incomplete copy?)",
      "not an image (the content is no known image format)",
      "cannot read the file: No such file or directory",
      "cannot read the file: Is a directory"]
KO = ["파일이 중간에 잘려 있습니다 (복사가 덜 되었나요?)",
      "사진이 아닙니다 (알려진 이미지 형식이 아닙니다)",
      "파일을 읽을 수 없습니다: 그런 파일이나 폴더가 없습니다",
      "파일을 읽을 수 없습니다: 파일이 아니라 폴더입니다"]


def test_suggest_names_each_unreadable_file_with_a_plain_reason(tmp_path):
    bad = _bad_files(tmp_path)
    for lang, reasons, error in (("en", EN, "error"), ("ko", KO, "오류")):
        run = run_pose("--catalog", str(tmp_path / "c.sqlite"), "--lang", lang, "suggest",
                       *map(str, bad))
        assert run.returncode == 1, run.stderr  # nothing could be suggested
        assert "Traceback" not in run.stderr
        lines = run.stdout.splitlines()
        assert lines == [x for path, reason in zip(bad, reasons, strict=True)
                         for x in (str(path), f"  {error}: {reason}")], run.stdout


def test_similar_to_a_text_file_says_it_is_no_image_in_korean(tmp_path):
    text = _bad_files(tmp_path)[1]
    run = run_pose("--catalog", str(tmp_path / "c.sqlite"), "--lang", "ko", "similar", str(text))
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"pose: {text}: {KO[1]}"


def test_analyze_names_the_photo_it_could_not_analyse_and_why(tmp_path):
    """A JPEG cut short is indexed (with a warning) but cannot be analysed: ``pose analyze``
    said "1 failed" and nothing said which; ``pose duplicates`` told the user to run
    ``pose analyze`` for it, which never helps."""
    photos = tmp_path / "photos"
    good = make_jpeg(photos / "good.jpg", size=(640, 480))
    cut = photos / "cut.jpg"
    cut.write_bytes(make_jpeg(tmp_path / "big.jpg", size=(1600, 1200)).read_bytes()[:20000])
    cat = str(tmp_path / "c.sqlite")
    assert run_pose("--catalog", cat, "-q", "index", str(photos)).returncode == 0
    run = run_pose("--catalog", cat, "-q", "analyze", "--models", "picture")
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert "1 failed" in lines[0], run.stdout
    assert lines[1:] == ["Not analysed (tried again once the file changes; `pose analyze "
                         "--retry-errors` tries them now):",
                         f"  {cut}: {EN[0]}"], run.stdout
    run = run_pose("--catalog", cat, "--lang", "ko", "-q", "analyze", "--models", "picture")
    assert run.stdout.splitlines()[1:] == [
        "분석하지 못한 사진 (파일이 바뀌면 다시 해 봅니다. 지금 다시 하려면 "
        "`pose analyze --retry-errors`):",
        f"  {cut}: {KO[0]}"], run.stdout
    run = run_pose("--catalog", cat, "duplicates")
    assert run.returncode == 0 and "pose analyze" not in run.stdout, run.stdout
    assert str(good) not in run.stdout  # one good photo: no duplicates


def test_a_known_unreadable_file_is_announced_only_when_new_or_changed(tmp_path, capsys):
    """A truncated JPEG was announced as a new failure at every index run (and every start
    of the app, which indexes the library folders again): now it is listed by `pose stats`
    and in Problems each time, announced only when new or changed since."""
    from pose_desktop.cli import main
    from pose_desktop.services import Library

    photos = tmp_path / "photos"
    make_jpeg(photos / "good.jpg", size=(640, 480))
    cut = photos / "cut.jpg"
    whole = make_jpeg(tmp_path / "whole.jpg", size=(640, 480), seed=5).read_bytes()
    cut.write_bytes(whole[:400])  # cut inside its header: not indexed at all
    reason = EN[0]  # not Pillow's "unreadable image header: Truncated File Read"
    cat = str(tmp_path / "c.sqlite")

    def index() -> str:
        assert main(["--catalog", cat, "-q", "index", str(photos)]) == 0
        return capsys.readouterr().out

    first = index()
    assert "1 added, 0 updated, 0 unchanged, 0 now missing, 1 failed" in first, first
    assert "Run `pose stats` to see which files failed and why." in first

    again = index()
    assert "0 added, 0 updated, 2 unchanged, 0 now missing, 0 failed" in again, again
    assert "pose stats" not in again
    assert main(["--catalog", cat, "stats"]) == 0  # still listed, with its reason
    assert f"  [error] {cut}: {reason}" in capsys.readouterr().out.splitlines()
    assert main(["--catalog", cat, "--lang", "ko", "stats"]) == 0  # no English left in it
    assert f"  [오류] {cut}: {KO[0]}" in capsys.readouterr().out.splitlines()
    with Library(cat) as lib:
        assert [(i.path, i.reason) for i in lib.photos.issues()] == [(str(cut), reason)]
        events = list(lib.photos.index_folder(photos))  # as the app does at every start
        assert events[-1].failed == 0 and events[-1].unchanged == 2

    cut.write_bytes(whole[:300])  # copied again, cut shorter: a change, announced
    changed = index()
    assert "1 unchanged, 0 now missing, 1 failed" in changed, changed
    assert "1 failed" not in index()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder; permissions can't be tested")
def test_index_of_a_folder_it_may_not_read_says_why_in_korean(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    try:
        run = run_pose("--catalog", str(tmp_path / "c.sqlite"), "--lang", "ko", "-q", "index", str(locked))
    finally:
        locked.chmod(0o700)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert f"pose: {locked}: 폴더를 " in run.stderr and "읽을 권한이 없습니다" in run.stderr, run.stderr
    assert "Permission denied" not in run.stderr and "cannot" not in run.stderr
