"""One-click profile import: instaloader's real classes against recorded Instagram responses."""

from __future__ import annotations

import json
import os
import stat

import instaloader
import pytest
import requests

from pose_desktop.ingest.instagram import (
    CancelToken,
    InstagramError,
    LoginOptions,
    NoWaitRateController,
)
from pose_desktop.ingest.instagram.profile import RESUME_FILE, STATE_FILE, profile_folder
from pose_desktop.paths import config_dir, data_dir

from .instagram_data import all_files_text
from .instagram_transport import install

PASSWORD = "s3cr3t-PW!ünïque"


class CountingRateController(NoWaitRateController):
    """instaloader's rate controller, counting queries instead of sleeping."""

    queries: list[str] = []

    def wait_before_query(self, query_type: str) -> None:
        CountingRateController.queries.append(query_type)
        super().wait_before_query(query_type)


@pytest.fixture
def insta(monkeypatch):
    CountingRateController.queries = []
    return install(monkeypatch)


def run(library, profile="tester", **kw):
    kw.setdefault("sleep", False)
    kw.setdefault("rate_controller", lambda ctx: CountingRateController(ctx))
    return list(library.instagram.import_instagram(profile, **kw))


def fail(library, profile="tester", **kw) -> InstagramError:
    with pytest.raises(InstagramError) as info:
        run(library, profile, **kw)
    return info.value


def test_public_profile_with_carousel_and_video(library, insta):
    events = run(library)
    assert events[-1].phase == "done"
    assert events[-1].posts_downloaded == 4 and events[-1].posts_added == 4
    posts = {p.shortcode: p for p in library.instagram.posts()}
    assert set(posts) == {"DAbCdEf0001", "DAbCdEf0002", "DAbCdEf0003", "DAbCdEf0004"}
    carousel = posts["DAbCdEf0001"]
    assert carousel.caption.startswith("서울 여행 첫날")
    assert carousel.url == "https://www.instagram.com/p/DAbCdEf0001/"
    assert carousel.owner == "tester"
    assert (carousel.likes, carousel.comments) == (321, 12)
    assert carousel.location == "Gyeongbokgung Palace"
    assert carousel.tagged_users == ["minji.k"] and carousel.mentions == ["minji.k"]
    assert carousel.sources == ["profile"]
    # every image of the carousel, in order, and its video (recorded with its poster frame)
    kinds = [library.photos.photo(pid).media_type for pid in carousel.photo_ids]
    assert kinds == ["image", "image", "video"]
    video = library.photos.photo(carousel.photo_ids[2])
    assert video.thumbnail is not None and video.thumbnail.exists()
    first = library.photos.photo(carousel.photo_ids[0])
    assert first.caption == carousel.caption and "여행" in first.hashtags
    assert first.date_source == "instagram" and first.taken_at.startswith("2023-11-1")
    assert first.files[0].source == "instagram:profile"
    assert [p.tagged_users for p in library.instagram.posts_of_photo(first.id)] == [["minji.k"]]
    assert any(t.kind == "hashtag" and t.name == "여행" for t in first.tags)
    reel = posts["DAbCdEf0002"]
    assert [library.photos.photo(p).media_type for p in reel.photo_ids] == ["video"]
    assert posts["DAbCdEf0004"].caption is None
    # downloaded into the managed folder beside the catalog, in instaloader's layout
    folder = profile_folder(library.path, "tester")
    names = sorted(os.listdir(folder))
    assert any(n.endswith("_UTC_1.jpg") for n in names) and any(n.endswith("_UTC_3.mp4") for n in names)
    assert any(n.endswith(".json.xz") for n in names)
    # requests went through instaloader's rate controller; only Instagram was contacted
    assert CountingRateController.queries.count("27128499623469141") == 4
    assert all("instagram.com" in url for _, url, _ in insta.log)


def test_reimport_is_fast_update_and_adds_nothing(library, insta):
    run(library)
    photos = library.photos.stats().photos + library.photos.stats().videos
    media_requests = insta.count(r"cdninstagram")
    events = run(library)
    assert insta.count(r"cdninstagram") == media_requests  # nothing downloaded again
    assert events[-1].posts_added == 0 and events[-1].photos_added == 0
    assert library.photos.stats().photos + library.photos.stats().videos == photos
    assert len(library.instagram.posts()) == 4


def test_resume_after_interruption(library, insta):
    gen = library.instagram.import_instagram("tester", sleep=False,
                                   rate_controller=lambda ctx: CountingRateController(ctx))
    for ev in gen:
        if ev.phase == "downloading" and ev.posts_downloaded == 2:
            gen.close()  # the user pressed Cancel (or the app was closed)
            break
    folder = profile_folder(library.path, "tester")
    assert (folder / RESUME_FILE).exists()
    assert len(json.loads((folder / STATE_FILE).read_text())["downloaded"]) == 2
    first_post_media = insta.count(r"DAbCdEf0001_\d\.(jpg|mp4)")
    events = run(library)
    assert insta.count(r"DAbCdEf0001_\d\.(jpg|mp4)") == first_post_media  # not fetched again
    assert events[-1].posts_downloaded == 2 and events[-1].posts_skipped >= 1
    assert {p.shortcode for p in library.instagram.posts()} == {f"DAbCdEf000{i}" for i in range(1, 5)}
    assert not (folder / RESUME_FILE).exists()


def test_resume_after_network_failure_mid_download(library, insta):
    insta.fail["media:DAbCdEf0003"] = requests.exceptions.ConnectionError("Network is unreachable")
    err = fail(library)
    assert err.kind == "network" and "network" in str(err) and "continues" in str(err)
    assert err.imported == 2  # what was downloaded before the failure is imported
    assert len(library.instagram.posts()) == 2
    del insta.fail["media:DAbCdEf0003"]
    run(library)
    assert len(library.instagram.posts()) == 4


def test_cancel_token_stops_the_import(library, insta):
    token = CancelToken()
    gen = library.instagram.import_instagram("tester", sleep=False, cancel=token,
                                   rate_controller=lambda ctx: CountingRateController(ctx))
    with pytest.raises(InstagramError) as info:
        for ev in gen:
            if ev.phase == "downloading":
                token.cancel()
    assert info.value.kind == "cancelled"
    assert (profile_folder(library.path, "tester") / RESUME_FILE).exists()


def test_private_profile_anonymous(library, insta):
    err = fail(library, "secret")
    assert err.kind == "private"
    assert "private" in str(err) and "--login" in str(err) and "import-export" in str(err)
    assert "Traceback" not in str(err)


def test_not_found(library, insta):
    err = fail(library, "nobody_here")
    assert err.kind == "not_found" and "nobody_here" in str(err) and "spelling" in str(err)


def test_429_stops_with_advice_and_no_retry_loop(library, insta):
    insta.fail["doc:27128499623469141"] = 429
    err = fail(library)
    assert err.kind == "rate_limited"
    assert "429" in str(err) and "Wait" in str(err) and "continues where it stopped" in str(err)
    assert insta.count(r"doc_id=27128499623469141") == 1  # asked once, then stopped


def test_429_on_profile_page(library, insta):
    insta.fail["page:tester"] = 429
    err = fail(library)
    assert err.kind == "rate_limited"
    assert insta.count(r"www\.instagram\.com/tester/") == 1


def test_401_says_log_in_again(library, insta):
    insta.fail["doc:27128499623469141"] = 401
    err = fail(library)
    assert err.kind == "unauthorized"
    assert "401" in str(err) and "log in" in str(err).lower()
    assert insta.count(r"doc_id=27128499623469141") == 1


def test_401_on_profile_page(library, insta):
    insta.fail["page:tester"] = 401
    assert fail(library).kind == "unauthorized"


def test_403_forbidden(library, insta):
    insta.fail["doc:27128499623469141"] = 403
    err = fail(library)
    assert err.kind == "forbidden" and "403" in str(err)


def test_checkpoint(library, insta):
    insta.fail["doc:27128499623469141"] = 400  # {"message": "checkpoint_required"}
    err = fail(library)
    assert err.kind == "checkpoint" and "browser" in str(err)


def test_network_down(library, insta):
    insta.fail["page:tester"] = requests.exceptions.ConnectionError("Name or service not known")
    err = fail(library)
    assert err.kind == "network" and "internet connection" in str(err)


def _login(ask_password=lambda user, problem: PASSWORD, code="123456", **kw):
    return LoginOptions(username="me", ask_password=ask_password,
                        ask_two_factor=lambda user, problem: code, **kw)


def test_login_with_two_factor_saves_a_private_session_and_never_the_password(
        library, insta, tmp_path, tmp_path_factory, capfd):
    insta.two_factor = True
    asked = []
    opts = _login(ask_password=lambda user, problem: asked.append(user) or PASSWORD)
    events = run(library, "tester", login=opts)
    assert asked == ["me"]
    assert events[-1].posts_added == 4
    assert insta.count(r"accounts/login/ajax/two_factor") == 1
    session = config_dir() / "instagram" / "session-me"
    assert stat.S_IMODE(session.stat().st_mode) == 0o600
    assert stat.S_IMODE(session.parent.stat().st_mode) == 0o700
    assert library.instagram.sessions() == ["me"]
    # the password went to Instagram's login form and nowhere else
    secret = PASSWORD.encode()
    assert any(PASSWORD.encode("ascii", "ignore")[:6].decode() in body for _, _, body in insta.log)
    # every file any test wrote so far (catalogs, WAL, downloads, sessions), and the logs
    written = all_files_text(tmp_path, config_dir(), data_dir(), tmp_path_factory.getbasetemp())
    assert secret not in written and PASSWORD.encode("latin-1", "ignore") not in written
    assert PASSWORD.encode("utf-16-le") not in written
    assert all(PASSWORD not in (ev.message or "") + " ".join(ev.notes) for ev in events)
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err
    # next time the saved session is used: no password, no login request
    logins = insta.count(r"accounts/login/ajax")
    run(library, "tester", login=LoginOptions(username="me"))
    assert insta.count(r"accounts/login/ajax") == logins


def test_wrong_two_factor_code(library, insta):
    insta.two_factor = True
    err = fail(library, "tester", login=_login(code="000000"))
    assert err.kind == "two_factor"
    assert not (config_dir() / "instagram" / "session-me").exists()


def test_wrong_password_asks_again_then_gives_up(library, insta):
    insta.wrong_password = True
    problems = []
    opts = _login(ask_password=lambda user, problem: problems.append(problem) or "nope")
    err = fail(library, "tester", login=opts)
    assert err.kind == "bad_credentials"
    assert problems[0] is None and len(problems) == 3 and "not accept" in problems[1]


def test_login_needed_but_no_prompt(library, insta):
    err = fail(library, "tester", login=LoginOptions(username="me"))
    assert err.kind == "login_required" and "--login me" in str(err)


def test_private_profile_logged_in_not_followed(library, insta):
    run(library, "tester", login=_login())  # logs in, saves the session
    err = fail(library, "secret", login=LoginOptions(username="me"))
    assert err.kind == "private" and "does not follow" in str(err)


def test_session_file_option(library, insta, tmp_path):
    run(library, "tester", login=_login())
    copy = tmp_path / "my-session"
    copy.write_bytes((config_dir() / "instagram" / "session-me").read_bytes())
    (config_dir() / "instagram" / "session-me").unlink()
    logins = insta.count(r"accounts/login/ajax")
    run(library, "tester", login=LoginOptions(session_file=str(copy)))
    assert insta.count(r"accounts/login/ajax") == logins
    assert stat.S_IMODE((config_dir() / "instagram" / "session-me").stat().st_mode) == 0o600


def test_cli_prints_plain_message(catalog_path, insta, monkeypatch, capsys):
    from pose_desktop import cli
    from pose_desktop.ingest.instagram import profile

    monkeypatch.setattr(profile, "PoliteRateController", NoWaitRateController)
    # the CLI keeps instaloader's polite random pauses; skip them here
    monkeypatch.setattr(instaloader.InstaloaderContext, "do_sleep", lambda self: None)
    rc = cli.main(["--catalog", str(catalog_path), "-q", "import-instagram", "secret"])
    err = capsys.readouterr().err
    assert rc == 1 and "private profile" in err and "Traceback" not in err


def test_browser_login_without_browser_cookie3(library, insta, monkeypatch):
    import instaloader.__main__ as il_main

    monkeypatch.setattr(il_main, "bc3_library", False)
    err = fail(library, "tester", login=LoginOptions(browser="firefox"))
    assert err.kind == "login_required" and "browser_cookie3" in str(err)


def test_missing_session_file(library, insta, tmp_path):
    err = fail(library, "tester", login=LoginOptions(session_file=str(tmp_path / "nope")))
    assert err.kind == "login_required" and "does not exist" in str(err)


def test_cli_login_without_terminal_says_how(catalog_path, insta, monkeypatch, capsys):
    from pose_desktop import cli
    from pose_desktop.ingest.instagram import profile

    monkeypatch.setattr(profile, "PoliteRateController", NoWaitRateController)
    monkeypatch.setattr(instaloader.InstaloaderContext, "do_sleep", lambda self: None)
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    rc = cli.main(["--catalog", str(catalog_path), "-q", "import-instagram", "tester", "--login", "me"])
    err = capsys.readouterr().err
    assert rc == 1 and "--session" in err and "Traceback" not in err


def test_cli_download_and_login_prompt_speak_korean(catalog_path, insta, monkeypatch, capsys):
    """QA: "N downloaded, M already there" and the login prompt's refusal were English
    under --lang ko."""
    from pose_desktop import cli
    from pose_desktop.ingest.instagram import profile

    monkeypatch.setattr(profile, "PoliteRateController", NoWaitRateController)
    monkeypatch.setattr(instaloader.InstaloaderContext, "do_sleep", lambda self: None)
    ko = ["--catalog", str(catalog_path), "--lang", "ko"]
    assert cli.main([*ko, "-q", "import-instagram", "tester"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("게시물 추가 4, ") and out[1] == "내려받음 4, 이미 있음 0; 동영상 2개 (기록함, 분석하지 않음)"
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    assert cli.main([*ko, "-q", "import-instagram", "tester", "--login", "me"]) == 1
    err = capsys.readouterr().err
    assert "비밀번호을(를) 요구하지만 물어볼 터미널이 없습니다" in err and "--session" in err
    assert "no terminal" not in err


def test_catalog_folder_with_braces(tmp_path, insta):
    from pose_desktop.services import Library

    with Library(tmp_path / "my {photos}" / "catalog.sqlite") as lib:
        assert run(lib)[-1].posts_added == 4


def test_a_post_instagram_cannot_give_is_skipped_with_a_note(library, insta):
    insta.fail["post:DAbCdEf0002"] = lambda: 404
    ev = run(library)[-1]
    assert ev.phase == "done" and ev.posts_added == 3
    assert any("skipped" in n for n in ev.notes)
    assert "DAbCdEf0002" not in {p.shortcode for p in library.instagram.posts()}


def test_state_is_saved_while_downloading(library, insta, monkeypatch):
    from pose_desktop.ingest.instagram import profile

    monkeypatch.setattr(profile, "SAVE_EVERY", 1)
    gen = library.instagram.import_instagram("tester", sleep=False,
                                   rate_controller=lambda ctx: CountingRateController(ctx))
    folder = profile_folder(library.path, "tester")
    for ev in gen:
        if ev.phase == "downloading" and ev.posts_downloaded == 1:
            # as if the process were killed here: nothing runs after this point
            assert json.loads((folder / STATE_FILE).read_text())["downloaded"] == ["DAbCdEf0001"]
            assert (folder / RESUME_FILE).exists()
            break
    gen.close()


@pytest.mark.parametrize("typed", ["tester", "@Tester", "https://www.instagram.com/tester/",
                                   "instagram.com/tester?igsh=abc123"])
def test_profile_name_forms(typed):
    from pose_desktop.ingest.instagram.profile import profile_name

    assert profile_name(typed) == "tester"


def test_profile_name_that_cannot_exist(library, insta):
    err = fail(library, "not a name!")
    assert err.kind == "not_found" and "not an Instagram profile name" in str(err)
    assert insta.log == []  # refused before asking Instagram


def test_rate_limit_wait_is_reported_and_cancellable(library, insta, monkeypatch):
    from pose_desktop.ingest.instagram.profile import PoliteRateController

    monkeypatch.setattr(PoliteRateController, "query_waittime", lambda self, *a, **k: 600.0)
    token, waits = CancelToken(), []

    def notify(ev):
        waits.append(ev)
        token.cancel()  # the user presses Cancel while we wait

    with pytest.raises(InstagramError) as info:
        list(library.instagram.import_instagram("tester", sleep=False, cancel=token, notify=notify))
    assert info.value.kind == "cancelled"
    assert waits[0].phase == "waiting" and "10 min" in waits[0].message
    assert insta.log == []  # cancelled during the wait, before the request



def test_feedback_required(library, insta):
    insta.fail["doc:27128499623469141"] = (400, {"message": "feedback_required", "spam": True,
                                                 "status": "fail"})
    err = fail(library)
    assert err.kind == "rate_limited" and "feedback_required" in str(err)
    assert insta.count(r"doc_id=27128499623469141") == 1


def test_login_redirect_for_a_logged_out_visitor(library, insta):
    insta.fail["page:tester"] = (302, {"location": "https://www.instagram.com/accounts/login/"})
    err = fail(library)
    assert err.kind == "login_required" and "--login" in str(err)


def test_expired_session_falls_back_to_the_password(library, insta):
    import pickle

    from pose_desktop.ingest.instagram.session import session_path

    path = session_path("me")
    path.write_bytes(pickle.dumps({"sessionid": "EXPIRED", "csrftoken": "x", "ds_user_id": "5550009"}))
    asked = []
    run(library, "tester", login=_login(ask_password=lambda user, problem: asked.append(user) or PASSWORD))
    assert asked == ["me"]
    assert b"SESSION" in path.read_bytes()  # the new session replaced the expired one
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_server_error(library, insta):
    insta.fail["doc:27128499623469141"] = 500
    err = fail(library)
    assert err.kind == "unavailable" and "500" in str(err)
    assert insta.count(r"doc_id=27128499623469141") == 2  # one retry, reported, then stop


def test_cli_login_problems_speak_korean(catalog_path, insta, monkeypatch, capsys):
    """`pose --lang ko import-instagram --login` said "Instagram did not accept that
    password." and the refused code in English between its Korean prompts."""
    import getpass

    from pose_desktop import cli

    insta.wrong_password = True
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt: "nope")
    assert cli.main(["--catalog", str(catalog_path), "--lang", "ko", "-q", "import-instagram",
                     "tester", "--login", "me"]) == 1
    err = capsys.readouterr().err
    assert err.count("pose: 인스타그램이 그 비밀번호를 받아들이지 않았습니다.\n") == 2, err
    assert "did not accept that password" not in err
    insta.wrong_password, insta.two_factor = False, True
    monkeypatch.setattr(getpass, "getpass", lambda prompt: PASSWORD)
    monkeypatch.setattr("builtins.input", lambda prompt: "000000")
    assert cli.main(["--catalog", str(catalog_path), "--lang", "ko", "-q", "import-instagram",
                     "tester", "--login", "me"]) == 1
    err = capsys.readouterr().err
    assert "pose: 그 코드는 받아들여지지 않았습니다. 가장 최근 코드를 입력하세요.\n" in err, err
