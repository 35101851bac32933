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
    assert "2019-07-14 18:03:00  (source: the camera (EXIF))" in out

    assert main(["--catalog", cat, "stats"]) == 0
    out = capsys.readouterr().out
    assert "photos:   2" in out and "bad.jpg" in out and "1 not indexed" in out


def test_errors_have_messages_and_exit_codes(tmp_path, capsys):
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "index", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"pose: {tmp_path / 'missing'} does not exist\n"
    assert main(["--catalog", cat, "--lang", "ko", "index", str(tmp_path / "missing")]) == 1
    assert capsys.readouterr().err == f"pose: {tmp_path / 'missing'}이(가) 없습니다\n"
    (tmp_path / "notes.txt").write_text("a file")
    assert main(["--catalog", cat, "index", str(tmp_path / "notes.txt")]) == 1
    assert "notes.txt is not a folder" in capsys.readouterr().err
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


def test_a_folder_without_photos_says_so_instead_of_zero_counts(tmp_path, capsys):
    """A new user's wrong folder (documents, an empty one) printed only '0 added, 0 updated …'."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.md").write_text("# not a photo\n")
    cat = str(tmp_path / "c.sqlite")
    for lang, expect in (("en", f"No photos or videos in {folder}: pose_desktop reads JPEG"),
                         ("ko", f"{folder}에 사진이나 동영상이 없습니다: ")):
        assert main(["--catalog", cat, "--lang", lang, "-q", "index", str(folder)]) == 0
        out = capsys.readouterr().out
        assert out.splitlines()[1].startswith(expect), out
    make_jpeg(folder / "a.jpg")
    assert main(["--catalog", cat, "-q", "index", str(folder)]) == 0
    assert "No photos" not in capsys.readouterr().out


def test_date_sources_are_words_in_the_users_language(tmp_path, capsys):
    """`pose show` and `pose stats` say where a date came from in words, not the catalog's
    keys ('file mtime', 'folder name:year'), and in Korean with --lang ko."""
    root = tmp_path / "pics"
    make_jpeg(root / "2019-trip" / "a.jpg", seed=1)
    make_jpeg(root / "misc" / "b.jpg", seed=2)
    make_jpeg(root / "misc" / "c.jpg", seed=3, when=datetime(2020, 2, 1))
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()

    assert main(["--catalog", cat, "stats"]) == 0
    out = capsys.readouterr().out
    assert "dated by: the camera (EXIF) 1, undated 1, the folder's name (year) 1" in out
    assert main(["--catalog", cat, "--lang", "ko", "stats"]) == 0
    out = capsys.readouterr().out
    assert "날짜 출처: 카메라 (EXIF) 1, 날짜 없음 1, 폴더 이름 (연도) 1" in out

    assert main(["--catalog", cat, "--lang", "ko", "show", str(root / "2019-trip" / "a.jpg")]) == 0
    out = capsys.readouterr().out
    assert "2019?  (출처: 폴더 이름 (연도))  (추정)" in out and "folder name" not in out
    assert main(["--catalog", cat, "--lang", "ko", "show", str(root / "misc" / "b.jpg")]) == 0
    out = capsys.readouterr().out
    assert "날짜 없음 (파일에 날짜가 없음" in out and "undated" not in out


def test_a_copy_is_not_reported_as_an_update(tmp_path, capsys):
    """A first index of a folder holding a photo twice said '1 added, 1 updated': nothing
    was updated; the second file is a copy of the first, and the summary says so."""
    import shutil

    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    shutil.copy(root / "a.jpg", root / "copy of a.jpg")
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    out = capsys.readouterr().out
    assert "1 added, 0 updated" in out
    assert "1 file(s) show a picture the library already has" in out

    make_jpeg(root / "b.jpg", when=datetime(2019, 7, 15), seed=2)
    assert main(["--catalog", cat, "-q", "--lang", "ko", "index", str(root)]) == 0
    out = capsys.readouterr().out
    assert "추가 1, 갱신 0, 그대로 2" in out and "이미 라이브러리에 있는" not in out


def test_tag_tree_shows_no_model_label_keys(tmp_path, capsys):
    """`pose --lang ko tree --by tag` printed every model tag with its internal key beside
    it ('공 [sports ball]', '아우터 [outwear]', 'TV [tv]'): raw model labels in front of
    the user. Only the names a user reads are printed."""
    from pose_desktop.catalog import store
    from pose_desktop.services import Library

    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    with Library(cat) as lib:
        pid = lib.photos.resolve(str(root / "a.jpg"))
        lib.photos.add_user_tag([pid], "바다 여행")
        with lib.catalog.write() as db:
            store.set_tags(db, pid, "object", "objects", [("sports ball", 0.9)])
            store.set_tags(db, pid, "clothing", "picture", [("outwear", 0.8)])
    capsys.readouterr()
    for lang, wanted in (("ko", ("  공  (1)", "  아우터  (1)")), ("en", ("  ball  (1)", "  outerwear  (1)"))):
        assert main(["--catalog", cat, "--lang", lang, "tree", "--by", "tag"]) == 0
        out = capsys.readouterr().out
        assert all(w in out for w in wanted), out
        assert "sports ball" not in out and "[outwear]" not in out, out


def test_tag_tree_lists_each_moods_emotions_under_it(tmp_path, capsys):
    """`pose tree --by tag` printed the three moods but not the emotions under them (the
    services' tree has two levels: mood, then the emotions that fold into it)."""
    from pose_desktop.catalog import store
    from pose_desktop.services import Library

    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    make_jpeg(root / "b.jpg", when=datetime(2019, 7, 15), seed=2)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    with Library(cat) as lib:
        a, b = (lib.photos.resolve(str(root / n)) for n in ("a.jpg", "b.jpg"))
        with lib.catalog.write() as db:
            store.set_tags(db, a, "mood", "emotion", [("positive", 0.8)])
            store.set_tags(db, a, "emotion", "emotion", [("happy", 0.8)])
            store.set_tags(db, b, "mood", "emotion", [("negative", 0.7)])
            store.set_tags(db, b, "emotion", "emotion", [("sad", 0.7)])
    capsys.readouterr()
    for lang, lines in (("en", ["  positive  (1)", "    happy  (1)", "  negative  (1)", "    sad  (1)"]),
                        ("ko", ["  긍정  (1)", "    행복  (1)", "  부정  (1)", "    슬픔  (1)"])):
        assert main(["--catalog", cat, "--lang", lang, "tree", "--by", "tag"]) == 0
        out = capsys.readouterr().out.splitlines()
        for mood, emotion in (lines[:2], lines[2:]):
            assert out[out.index(mood) + 1] == emotion, out


def test_picture_commands_speak_korean(tmp_path, capsys):
    """`pose --lang ko similar/flags/duplicates` answered in English ('no photo 'x' in the
    library', 'no flagged posts')."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main(["--catalog", cat, "--lang", "ko", "similar", "nope"]) == 1
    assert "라이브러리에 'nope' 사진이 없습니다" in capsys.readouterr().err
    assert main(["--catalog", cat, "--lang", "ko", "similar", "1"]) == 0
    assert "먼저 `pose analyze`" in capsys.readouterr().out
    assert main(["--catalog", cat, "--lang", "ko", "flags"]) == 0
    assert capsys.readouterr().out.strip() == "표시된 게시물이 없습니다"


def test_pose_speaks_the_systems_language(tmp_path, capsys, monkeypatch):
    """The window follows the system's language, `pose` did not: with LANG=ko_KR.UTF-8 it
    answered in English unless given --lang ko. POSE_LANG and --lang still choose."""
    from pose_desktop.cli.app import system_language

    assert system_language({"LANG": "ko_KR.UTF-8"}) == "ko"
    assert system_language({"LANG": "en_US.UTF-8"}) == "en"
    assert system_language({"LC_ALL": "C.UTF-8", "LANG": "ko_KR.UTF-8"}) == "en"
    assert system_language({"POSE_LANG": "en", "LANG": "ko_KR.UTF-8"}) == "en"
    assert system_language({}) == "en"

    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", seed=1)
    cat = str(tmp_path / "c.sqlite")
    monkeypatch.delenv("POSE_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    assert "추가 1" in capsys.readouterr().out
    assert main(["--catalog", cat, "--lang", "en", "tree"]) == 0
    assert "Undated  (1)" in capsys.readouterr().out


def test_an_empty_place_tree_says_why(tmp_path, capsys):
    """`pose tree --by place` printed nothing at all for a library without GPS points."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main(["--catalog", cat, "tree", "--by", "place"]) == 0
    assert capsys.readouterr().out.startswith("No places yet: a photo gets its place from its GPS")
    assert main(["--catalog", cat, "--lang", "ko", "tree", "--by", "place"]) == 0
    assert capsys.readouterr().out.startswith("아직 장소가 없습니다")
    make_jpeg(root / "b.jpg", when=datetime(2019, 7, 15), seed=2, gps=(33.4996, 126.5312))
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main(["--catalog", cat, "--lang", "ko", "tree", "--by", "place"]) == 0
    out = capsys.readouterr().out
    assert "대한민국  (1)" in out and "장소가 없습니다" not in out


def test_stats_of_an_empty_library_says_what_to_do(tmp_path, capsys):
    """The quick start's first `pose stats` printed a bare 'dated by: ' line and nothing
    about what to do next."""
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "stats"]) == 0
    out = capsys.readouterr().out
    assert "dated by" not in out and "The library is empty: add photos with `pose index FOLDER`." in out
    assert main(["--catalog", cat, "--lang", "ko", "stats"]) == 0
    assert "라이브러리가 비어 있습니다" in capsys.readouterr().out


def test_korean_columns_line_up(tmp_path, capsys):
    """Columns were padded by characters, so Korean labels (two terminal columns per
    syllable) pushed their values out of line: `pose --lang ko show` values start in one
    terminal column, as the English ones do."""
    from pose_desktop.cli.words import width

    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    for lang in ("ko", "en"):
        assert main(["--catalog", cat, "--lang", lang, "show", "1"]) == 0
        lines = capsys.readouterr().out.splitlines()[1:]
        starts = {width(line[: len(line) - len(line.split(":", 1)[1].lstrip())]) for line in lines}
        assert starts == {12}, lines


def test_writing_commands_speak_korean(tmp_path, capsys):
    """Under a Korean locale `pose` now speaks Korean, and these answered in English:
    set-date, merge-hashtag, backup, export-xmp."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", seed=1)
    cat = str(tmp_path / "c.sqlite")
    ko = ["--catalog", cat, "--lang", "ko"]
    assert main([*ko, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main([*ko, "set-date", "2019-07-14", "1"]) == 0
    assert capsys.readouterr().out.strip() == "사진 1장의 날짜를 2019-07-14 00:00:00(으)로 정했습니다"
    assert main([*ko, "set-date", "2019-07-14", "nope"]) == 1
    assert "'nope'에 맞는 사진이 없습니다" in capsys.readouterr().err
    assert main([*ko, "merge-hashtag", "바닷가", "바다"]) == 0
    assert "#바닷가은(는) 이제 #바다(으)로 셉니다" in capsys.readouterr().out
    assert main([*ko, "backup", str(tmp_path / "b.sqlite")]) == 0
    assert capsys.readouterr().out.startswith("카탈로그를 ")
    assert main([*ko, "export-xmp", "--dest", str(tmp_path / "x")]) == 0
    assert "XMP 사이드카 1개 씀, 0개 건너뜀" in capsys.readouterr().out


def test_an_unanalysed_library_says_so(tmp_path, capsys):
    """Before `pose analyze`, `pose tree --by tag` printed nothing and `pose duplicates`
    said 'no near-duplicates' about photos it had not compared."""
    root = tmp_path / "pics"
    make_jpeg(root / "a.jpg", when=datetime(2019, 7, 14), seed=1)
    make_jpeg(root / "b.jpg", when=datetime(2019, 7, 15), seed=2)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main(["--catalog", cat, "tree", "--by", "tag"]) == 0
    assert capsys.readouterr().out.startswith("No tags yet: `pose analyze` finds people")
    assert main(["--catalog", cat, "--lang", "ko", "tree", "--by", "tag"]) == 0
    assert capsys.readouterr().out.startswith("아직 태그가 없습니다")
    assert main(["--catalog", cat, "duplicates"]) == 0
    out = capsys.readouterr().out
    assert "2 photo(s) not analysed yet could not be compared: run `pose analyze` first" in out


def test_stats_lists_bad_files_in_korean(tmp_path, capsys):
    """`pose --lang ko stats`: the files that could not be indexed, why, in Korean."""
    root = tmp_path / "photos"
    make_jpeg(root / "ok.jpg", when=datetime(2024, 1, 2))
    (root / "broken.jpg").write_text("not really a jpeg\n")
    cat = str(tmp_path / "c.sqlite")
    main(["--catalog", cat, "-q", "index", str(root)])
    capsys.readouterr()
    assert main(["--catalog", cat, "--lang", "ko", "stats"]) == 0
    out = capsys.readouterr().out
    assert f"[오류] {root / 'broken.jpg'}: 사진이 아닙니다 (알려진 이미지 형식이 아닙니다)" in out
    assert "[error]" not in out and "not an image" not in out
    assert main(["--catalog", cat, "stats"]) == 0
    assert "[error] " in capsys.readouterr().out  # English as before


def test_merging_an_empty_hashtag_is_refused(tmp_path, capsys):
    """'pose merge-hashtag "" x' said '# now counts as #x' (and did nothing)."""
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "merge-hashtag", "", "dog"]) == 2
    assert capsys.readouterr().err == "pose: a hashtag cannot be empty\n"
    assert main(["--catalog", cat, "--lang", "ko", "merge-hashtag", "dog", "#"]) == 2
    assert capsys.readouterr().err == "pose: 해시태그는 비워 둘 수 없습니다\n"


def test_export_xmp_to_a_place_it_cannot_write_says_so_once(tmp_path, capsys):
    """A --dest that cannot be made printed one English line per photo, then '0 XMP sidecar(s)
    written, 2 skipped' and exit 0."""
    make_jpeg(tmp_path / "pics" / "a.jpg", seed=1)
    make_jpeg(tmp_path / "pics" / "b.jpg", seed=2)
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(tmp_path / "pics")]) == 0
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    dest = tmp_path / "notes.txt" / "xmp"
    capsys.readouterr()
    assert main(["--catalog", cat, "export-xmp", "--dest", str(dest)]) == 1
    assert capsys.readouterr().err == f"pose: cannot write to {dest}: Not a directory\n"
    assert main(["--catalog", cat, "--lang", "ko", "export-xmp", "--dest", str(dest)]) == 1
    assert capsys.readouterr().err == f"pose: {dest}에 쓸 수 없습니다: 폴더가 아닙니다\n"
    assert main(["--catalog", cat, "export-xmp", "--dest", str(tmp_path / "xmp")]) == 0
    assert "2 XMP sidecar(s) written, 0 skipped" in capsys.readouterr().out


def test_set_date_and_train_hashtags_speak_korean(tmp_path, capsys):
    """Under --lang ko these answered in English ('not a date: …', 'not enough captioned photos')."""
    make_jpeg(tmp_path / "pics" / "a.jpg")
    cat = str(tmp_path / "c.sqlite")
    assert main(["--catalog", cat, "-q", "index", str(tmp_path / "pics")]) == 0
    capsys.readouterr()
    assert main(["--catalog", cat, "--lang", "ko", "set-date", "yesterday", "1"]) == 2
    assert capsys.readouterr().err == ("pose: 날짜가 아닙니다: 'yesterday' "
                                       "(2019-07-14 또는 2019-07-14 18:03 처럼 쓰세요)\n")
    assert main(["--catalog", cat, "--lang", "ko", "train-hashtags"]) == 0
    assert capsys.readouterr().out.startswith("배울 캡션 사진이 모자랍니다 (해시태그가 있는 분석된 사진 0장;")
    assert main(["--catalog", cat, "train-hashtags"]) == 0
    assert "caption photos or import Instagram posts" in capsys.readouterr().out
