"""``pose import-<source>`` for every import source (``services.instagram.SOURCES``):
``import-instagram``, ``import-export``, ``import-instaloader``."""

from __future__ import annotations

import getpass
import sys

from pose_desktop.cli.registry import WRITE, command
from pose_desktop.cli.words import IMPORT_PHASES_KO, say
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


def _no_terminal(lib, what: str) -> InstagramError:
    return InstagramError("login_required", say(
        lib, "Instagram needs your {what}, but there is no terminal to ask in. Run the command in "
        "a terminal once (the session is then saved), or pass --session FILE.", what=say(lib, what)))


def _asking(lib):
    """The password and two-factor prompts, in the library's language."""

    def ask_password(user: str, problem: str | None) -> str | None:
        if problem:
            print(f"pose: {say(lib, problem)}", file=sys.stderr)
        if not sys.stdin.isatty():
            raise _no_terminal(lib, "password")
        return getpass.getpass(say(lib, "Instagram password for {user}: ", user=user)) or None

    def ask_code(user: str, problem: str | None) -> str | None:
        if problem:
            print(f"pose: {say(lib, problem)}", file=sys.stderr)
        if not sys.stdin.isatty():
            raise _no_terminal(lib, "two-factor code")
        return input(say(lib, "Two-factor code for {user}: ", user=user)).strip() or None

    return ask_password, ask_code


def _phase_line(lib, ev: ImportEvent) -> str:
    """What an import is doing now: the importer's sentence, or the phase in Korean."""
    lang = lib if isinstance(lib, str) else getattr(lib, "lang", "en")
    if lang == "ko" and ev.phase in IMPORT_PHASES_KO:
        return IMPORT_PHASES_KO[ev.phase]
    return ev.message or ""


def _run(lib, events, quiet: bool) -> ImportEvent | None:
    phase = None
    last = None
    for ev in events:
        last = ev
        if not quiet and ev.phase != phase:
            phase = ev.phase
            if ev.message and ev.phase != "done":
                print(f"{_phase_line(lib, ev)}…", file=sys.stderr)
        if not quiet and ev.phase == "downloading" and ev.posts_downloaded and ev.posts_downloaded % 10 == 0:
            print("  " + say(lib, "{n} posts downloaded", n=ev.posts_downloaded), file=sys.stderr)
    return last


SUMMARY = ("{posts_added} posts added, {posts_updated} updated; photos: {photos_added} added, "
           "{photos_updated} updated, {photos_unchanged} unchanged, {failed} failed")


def _report(lib, ev: ImportEvent | None) -> int:
    if ev is None:
        return 1
    if ev.phase == "done":  # the importer's summary, from its counts, in the user's language
        print(say(lib, SUMMARY, posts_added=ev.posts_added, posts_updated=ev.posts_updated,
                  photos_added=ev.photos_added, photos_updated=ev.photos_updated,
                  photos_unchanged=ev.photos_unchanged, failed=ev.failed))
    else:
        print(ev.message or say(lib, "done"))
    extra = []
    if ev.posts_downloaded or ev.posts_skipped:
        extra.append(say(lib, "{downloaded} downloaded, {skipped} already there",
                         downloaded=ev.posts_downloaded, skipped=ev.posts_skipped))
    if ev.videos:
        extra.append(say(lib, "{n} videos (recorded, not analysed)", n=ev.videos))
    if ev.missing_files:
        extra.append(say(lib, "{n} files missing", n=ev.missing_files))
    if extra:
        print("; ".join(extra))
    for note in ev.notes[-5:]:
        print(f"  instagram: {note}")
    if ev.failed or ev.warnings or ev.missing_files:
        print(say(lib, "Run `pose stats` to see which files had problems and why."))
    return 0


def _profile_source(lib, args) -> ProfileSource:
    login = None
    if args.login or args.session or args.browser:
        ask_password, ask_code = _asking(lib)
        login = LoginOptions(username=args.login, session_file=args.session, browser=args.browser,
                             ask_password=ask_password, ask_two_factor=ask_code)
    return ProfileSource(args.target, login=login, full=args.full, max_posts=args.max_posts)


# What a source needs beyond its target: (more arguments, how to build it from them).
_OPTIONS: dict[str, tuple] = {ProfileSource.name: (_profile_options, _profile_source)}


def _register(cls: type[PostSource]) -> None:
    """``pose import-<name> TARGET``, made from the source's declaration."""
    more, build = _OPTIONS.get(cls.name, (None, lambda lib, args: cls(args.target)))

    def args_of(s) -> None:
        s.add_argument("target", metavar=cls.target, help=cls.target_help)
        if more is not None:
            more(s)

    def handler(lib, args) -> int:
        try:
            ev = _run(lib, lib.instagram.import_from(build(lib, args)), args.quiet)
        except InstagramError as exc:
            if exc.imported:
                print(say(lib, "{n} posts were imported before it stopped.", n=exc.imported))
            raise
        return _report(lib, ev)

    command(f"import-{cls.name}", cls.help, WRITE, args=args_of)(handler)


for _source in SOURCES:
    _register(_source)
