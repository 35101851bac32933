"""`pose analyze`, `pose people`, `pose photos-of` on real faces (skipped without ../shared)."""

from __future__ import annotations

import shutil

from pose_desktop.cli import main


def test_analyze_people_photos_of(tmp_path, capsys, shared_datasets):
    src = shared_datasets / "faces" / "images"
    root = tmp_path / "pics"
    root.mkdir()
    files = sorted(src.glob("Andre_Agassi_*.jpg"))[:4] + sorted(src.glob("Winona_Ryder_*.jpg"))[:4]
    for f in files:
        shutil.copy(f, root / f.name)
    cat = ["--catalog", str(tmp_path / "c.sqlite")]
    assert main([*cat, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main([*cat, "-q", "analyze", "--models", "faces,emotion"]) == 0
    out = capsys.readouterr().out
    assert "8 photo(s) analysed on CPU" in out and "0 failed" in out
    assert out.splitlines()[-1].endswith(" groups of faces")  # the faces' after-run count
    assert main([*cat, "-q", "analyze", "--models", "faces"]) == 0
    assert "nothing to analyse" in capsys.readouterr().out

    assert main([*cat, "people", "list", "--unnamed"]) == 0
    out = capsys.readouterr().out
    assert "unnamed group" in out
    group = out.split()[0]
    assert main([*cat, "people", "name", group, "Pat"]) == 0
    assert "named Pat" in capsys.readouterr().out
    assert main([*cat, "people"]) == 0
    assert "Pat:" in capsys.readouterr().out

    assert main([*cat, "photos-of", "Pat", "--paths"]) == 0
    paths = capsys.readouterr().out.split()
    assert len(paths) >= 3
    assert len({p.rsplit("/", 1)[-1].rsplit("_", 1)[0] for p in paths}) == 1  # one person
    assert main([*cat, "photos-of", "pat", "--paths"]) == 0  # case forgiven
    assert capsys.readouterr().out.split() == paths
    # undated photos are said so in the user's language ('undated' in Korean output before)
    assert main([*cat, "--lang", "ko", "photos-of", "Pat"]) == 0
    listing = capsys.readouterr().out
    assert listing.count("날짜 없음") >= 3 and "undated" not in listing, listing
    assert main([*cat, "photos-of", "Nobody"]) == 1
    assert "nobody named 'Nobody'" in capsys.readouterr().err
    assert main([*cat, "people", "merge", "Nobody", "Pat"]) != 0


def test_analyze_says_its_face_groups_in_korean(tmp_path, capsys, shared_datasets):
    """QA: `pose --lang ko analyze` ended with "11 groups of faces" in English."""
    src = shared_datasets / "faces" / "images"
    root = tmp_path / "pics"
    root.mkdir()
    for f in sorted(src.glob("Andre_Agassi_*.jpg"))[:2]:
        shutil.copy(f, root / f.name)
    ko = ["--catalog", str(tmp_path / "c.sqlite"), "--lang", "ko"]
    assert main([*ko, "-q", "index", str(root)]) == 0
    capsys.readouterr()
    assert main([*ko, "-q", "analyze", "--models", "faces"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("사진 2장 분석")
    assert lines[-1].startswith("얼굴 묶음 ") and lines[-1].endswith("개")
    assert "groups" not in "\n".join(lines)


def test_face_commands_with_a_wrong_face_say_so_in_the_users_language(tmp_path, capsys):
    """A word or an unknown number where a face belongs gave a Python traceback (ValueError,
    KeyError), and `split` an empty new person; a missing argument said 'wrong arguments []';
    an empty name, a ValueError traceback."""
    cat = ["--catalog", str(tmp_path / "c.sqlite")]
    assert main([*cat, "people", "name-face", "abc", "Pat"]) == 1
    assert capsys.readouterr().err == (
        "pose: 'abc' is not a face number (`pose people faces PERSON` lists a person's faces)\n")
    for argv in (["split", "99999"], ["reject", "99999"], ["name-face", "99999", "Pat"]):
        assert main([*cat, "--lang", "ko", "people", *argv]) == 1
        assert capsys.readouterr().err == (
            "pose: 얼굴 99999이(가) 없습니다 (`pose people faces 사람`이 그 사람의 얼굴을 보여 줍니다)\n")
    assert main([*cat, "people", "list", "--unnamed"]) == 0
    assert capsys.readouterr().out == "no people yet: run pose analyze\n"  # no empty person made
    assert main([*cat, "people", "faces"]) == 2
    assert capsys.readouterr().err == "pose people faces: write it as pose people faces PERSON\n"
    assert main([*cat, "--lang", "ko", "people", "name", "999", "Pat"]) == 1
    assert "'999'(이)라는 사람이나 묶음이 없습니다" in capsys.readouterr().err
    for argv in (["name", "1", "  "], ["name-face", "1", ""]):  # a ValueError traceback before
        assert main([*cat, "people", *argv]) == 2
        assert capsys.readouterr().err == "pose: a person's name cannot be empty\n"


def test_no_people_after_an_analysis_does_not_send_the_user_to_analyse_again(tmp_path, capsys):
    from pose_desktop.catalog.analysis import record_runs
    from pose_desktop.services import Library
    from tests.photos import make_jpeg

    make_jpeg(tmp_path / "p" / "a.jpg", seed=1)
    cat = ["--catalog", str(tmp_path / "c.sqlite"), "--lang", "ko"]
    assert main([*cat, "-q", "index", str(tmp_path / "p")]) == 0
    with Library(tmp_path / "c.sqlite") as lib, lib.catalog.write() as db:
        record_runs(db, "faces", "1", [(1, None)])  # the face model looked: no face
    capsys.readouterr()
    assert main([*cat, "people", "list"]) == 0
    assert capsys.readouterr().out == "아직 사람이 없습니다: 분석한 사진에서 얼굴을 찾지 못했습니다\n"
