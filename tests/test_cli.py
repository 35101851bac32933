"""The `pose` command line: real catalog, real files, exit codes and output."""

from __future__ import annotations

from datetime import datetime

from pose_desktop.cli import main
from tests.photos import make_jpeg


def test_index_tree_show_search_stats(tmp_path, capsys):
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14, 18, 3), seed=1)
    make_jpeg(root / "b.jpg", when=datetime(2020, 2, 1), seed=2, make="Apple", model="iPhone 12")
    (root / "bad.jpg").write_bytes(b"\xff\xd8 nope")
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    out = capsys.readouterr().out
    assert "2 added" in out and "1 failed" in out and "pose stats" in out

    assert main(["--catalog", cat, "tree", "--by", "date"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[:2] == ["2020  (1)", "  Feb  (1)"]
    assert main(["--catalog", cat, "--lang", "ko", "tree"]) == 0
    assert "7월  (1)" in capsys.readouterr().out

    assert main(["--catalog", cat, "search", "iphone"]) == 0
    cap = capsys.readouterr()
    assert "b.jpg" in cap.out and "1 photo(s)" in cap.err

    assert main(["--catalog", cat, "show", str(root / "a.jpg")]) == 0
    out = capsys.readouterr().out
    assert "2019-07-14 18:03:00" in out and "exif:DateTimeOriginal" in out

    assert main(["--catalog", cat, "stats"]) == 0
    out = capsys.readouterr().out
    assert "photos:   2" in out and "bad.jpg" in out and "1 not indexed" in out


def test_errors_have_messages_and_exit_codes(tmp_path, capsys):
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "index", str(tmp_path / "missing")]) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert main(["--catalog", cat, "show", "12345"]) == 1
    assert "no photo matches" in capsys.readouterr().err
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"garbage" * 1000)
    assert main(["--catalog", str(bad), "stats"]) == 1
    assert "is damaged" in capsys.readouterr().err
    try:
        main(["--catalog", cat, "frobnicate"])
    except SystemExit as exc:
        assert exc.code == 2
    else:
        raise AssertionError("bad usage must exit 2")
