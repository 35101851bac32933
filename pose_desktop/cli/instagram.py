"""``pose import-<source>`` for every import source (``services.instagram.SOURCES``):
``import-instagram``, ``import-export``, ``import-instaloader``."""

from __future__ import annotations

import getpass
import sys

from pose_desktop.cli.registry import WRITE, command
from pose_desktop.services import ImportEvent, InstagramError, LoginOptions
from pose_desktop.services.instagram import SOURCES, PostSource, ProfileSource


def _profile_options(s) -> None:
    s.add_argument("--login", metavar="USER", help="log in as USER (saved session, else password prompt)")
    s.add_argument("--session", metavar="FILE", help="use this instaloader session file")
    s.add_argument("--browser", metavar="NAME", help="use the Instagram login of this browser "
                                                     "(firefox, chrome…; needs browser_cookie3)")
    s.add_argument("--full", action="store_true",
                   help="walk every post again (refresh captions, likes, comments)")
    s.add_argument("--max-posts", type=int, metavar="N", help="stop after the newest N posts")


def _no_terminal(what: str) -> InstagramError:
    return InstagramError("login_required", f"Instagram needs your {what}, but there is no terminal "
                                            "to ask in. Run the command in a terminal once (the session "
                                            "is then saved), or pass --session FILE.")


def _ask_password(user: str, problem: str | None) -> str | None:
    if problem:
        print(f"pose: {problem}", file=sys.stderr)
    if not sys.stdin.isatty():
        raise _no_terminal("password")
    return getpass.getpass(f"Instagram password for {user}: ") or None


def _ask_code(user: str, problem: str | None) -> str | None:
    if problem:
        print(f"pose: {problem}", file=sys.stderr)
    if not sys.stdin.isatty():
        raise _no_terminal("two-factor code")
    return input(f"Two-factor code for {user}: ").strip() or None


def _run(events, quiet: bool) -> ImportEvent | None:
    phase = None
    last = None
    for ev in events:
        last = ev
        if not quiet and ev.phase != phase:
            phase = ev.phase
            if ev.message and ev.phase != "done":
                print(f"{ev.message}…", file=sys.stderr)
        if not quiet and ev.phase == "downloading" and ev.posts_downloaded and ev.posts_downloaded % 10 == 0:
            print(f"  {ev.posts_downloaded} posts downloaded", file=sys.stderr)
    return last


def _report(ev: ImportEvent | None) -> int:
    if ev is None:
        return 1
    print(ev.message or "done")
    extra = []
    if ev.posts_downloaded or ev.posts_skipped:
        extra.append(f"{ev.posts_downloaded} downloaded, {ev.posts_skipped} already there")
    if ev.videos:
        extra.append(f"{ev.videos} videos (recorded, not analysed)")
    if ev.missing_files:
        extra.append(f"{ev.missing_files} files missing")
    if extra:
        print("; ".join(extra))
    for note in ev.notes[-5:]:
        print(f"  instagram: {note}")
    if ev.failed or ev.warnings or ev.missing_files:
        print("Run `pose stats` to see which files had problems and why.")
    return 0


def _profile_source(args) -> ProfileSource:
    login = None
    if args.login or args.session or args.browser:
        login = LoginOptions(username=args.login, session_file=args.session, browser=args.browser,
                             ask_password=_ask_password, ask_two_factor=_ask_code)
    return ProfileSource(args.target, login=login, full=args.full, max_posts=args.max_posts)


# What a source needs beyond its target: (more arguments, how to build it from them).
_OPTIONS: dict[str, tuple] = {ProfileSource.name: (_profile_options, _profile_source)}


def _register(cls: type[PostSource]) -> None:
    """``pose import-<name> TARGET``, made from the source's declaration."""
    more, build = _OPTIONS.get(cls.name, (None, lambda args: cls(args.target)))

    def args_of(s) -> None:
        s.add_argument("target", metavar=cls.target, help=cls.target_help)
        if more is not None:
            more(s)

    def handler(lib, args) -> int:
        try:
            ev = _run(lib.instagram.import_from(build(args)), args.quiet)
        except InstagramError as exc:
            if exc.imported:
                print(f"{exc.imported} posts were imported before it stopped.")
            raise
        return _report(ev)

    command(f"import-{cls.name}", cls.help, WRITE, args=args_of)(handler)


for _source in SOURCES:
    _register(_source)
