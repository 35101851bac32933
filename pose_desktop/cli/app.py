"""``pose``: the headless command line of pose_desktop.

Exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import contextmanager

from pose_desktop import __version__
from pose_desktop.cli import instagram, library, metadata, people, picture
from pose_desktop.cli.registry import COMMANDS, READ
from pose_desktop.cli.words import error_text, placeholder, say, width
from pose_desktop.errors import (
    CatalogDamagedError,
    CatalogLockedError,
    CatalogReadOnlyError,
    PoseError,
)
from pose_desktop.services import Library
from pose_desktop.vocab.messages import os_error_text

# The modules whose commands make up ``pose`` (each registers its own on import).
COMMAND_MODULES = (library, metadata, instagram, picture, people)


def system_language(env=os.environ) -> str:
    """'ko' or 'en': ``POSE_LANG`` if set, else the locale the system speaks
    (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext reads them), like the app's window."""
    if env.get("POSE_LANG") in ("ko", "en"):
        return env["POSE_LANG"]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if env.get(var):
            return "ko" if env[var].lower().startswith("ko") else "en"
    return "en"


def argv_language(argv: list[str]) -> str:
    """The language a command line asks for (its last ``--lang``), else the system's: read
    before the parser is built, since ``pose --lang ko --help`` prints the parser's words."""
    lang = system_language()
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = arg[len("--lang="):] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in ("en", "ko"):
            lang = value
    return lang


@contextmanager
def argparse_speaks(lang: str):
    """argparse's own words ("usage:", "options", its error messages) in ``lang`` meanwhile:
    argparse asks gettext for each (``argparse._``, ``argparse.ngettext``) as it uses it."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda text: say(lang, text)
    argparse.ngettext = lambda one, many, n: say(lang, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout, with lines measured in terminal columns (Hangul takes two; the
    stock formatter counts characters, so Korean help ran past the terminal's edge)."""

    def _split_lines(self, text: str, columns: int) -> list[str]:
        lines: list[str] = []
        for word in text.split():
            if lines and width(f"{lines[-1]} {word}") <= columns:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    def _fill_text(self, text: str, columns: int, indent: str) -> str:
        return "\n".join(indent + line for line in self._split_lines(text, columns - len(indent)))

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        # the continuation lines line up under the first's arguments, past a wide "사용법: ";
        # argparse wraps by characters, so it wraps narrower until each line fits in columns
        lead = argparse._("usage: ") if prefix is None else prefix
        shift = " " * (width(lead) - len(lead))
        columns = self._width
        try:
            while True:
                first, *rest = super()._format_usage(usage, actions, groups, prefix).split("\n")
                lines = [first, *(shift + line if line.strip() else line for line in rest)]
                if self._width <= 40 or max(map(width, lines)) <= columns:
                    return "\n".join(lines)
                self._width -= 4
        finally:
            self._width = columns

    def add_argument(self, action) -> None:
        # the column of helps is as wide as the widest option in columns (``--top 개수``)
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            columns = width(self._format_action_invocation(action)) + self._current_indent
            self._action_max_length = max(self._action_max_length, columns)

    def _format_action(self, action) -> str:
        # argparse pads an option to the help column by characters: take back the columns
        # its wide characters take beyond one each, or put the help on the next line
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        lead = " " * self._current_indent + invocation
        extra = width(invocation) - len(invocation)
        first, _, rest = text.partition("\n")
        help_text = first[len(lead):].lstrip()
        if not extra or not first.startswith(lead) or not help_text:
            return text
        gap = len(first) - len(lead) - len(help_text) - extra
        if gap >= 2:
            return f"{lead}{' ' * gap}{help_text}\n{rest}"
        help_position = min(self._action_max_length + 2, self._max_help_position)
        return f"{lead}\n{' ' * help_position}{help_text}\n{rest}"


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: one subcommand per registered command, its help in ``lang``
    (default: the system's language)."""
    lang = lang or system_language()
    with argparse_speaks(lang):
        p = argparse.ArgumentParser(prog="pose", description=say(lang, "pose_desktop photo library, headless."),
                                    formatter_class=_HelpFormatter)
        p.add_argument("--version", action="version", version=f"pose_desktop {__version__}",
                       help="show program's version number and exit")
        p.add_argument("--catalog", help="catalog file (default: in the user data folder)")
        p.add_argument("--lang", choices=["en", "ko"], default=lang,
                       help="language of tags and messages (default: POSE_LANG, else the system's)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
        p.add_argument("--read-only", action="store_true",
                       help="open the catalog read-only: reading commands only, nothing is changed")
        _translate_help(p, lang)
        sub = p.add_subparsers(dest="command", required=True, metavar=placeholder(lang, "COMMAND"))
        order = {m.__name__: i for i, m in enumerate(COMMAND_MODULES)}
        for cmd in sorted(COMMANDS.values(), key=lambda c: order.get(c.handler.__module__, len(order))):
            s = sub.add_parser(cmd.name, help=say(lang, cmd.help), description=say(lang, cmd.help),
                               formatter_class=_HelpFormatter)
            if cmd.args is not None:
                cmd.args(s)
            _translate_help(s, lang)
    return p


def _translate_help(parser: argparse.ArgumentParser, lang: str) -> None:
    """Each option's help and placeholder of ``parser`` in ``lang`` (the commands declare
    them in English): ``--catalog 카탈로그``, not ``--catalog CATALOG``, under Korean help."""
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            action.help = say(lang, action.help)
        if action.nargs != 0 and not (action.choices and action.metavar is None):  # not {en,ko}
            shown = action.metavar or (action.dest.upper() if action.option_strings else action.dest)
            action.metavar = placeholder(lang, shown)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pose`` console script."""
    argv = sys.argv[1:] if argv is None else argv
    lang = argv_language(argv)
    with argparse_speaks(lang):  # --help and usage errors print while parsing
        args = build_parser(lang).parse_args(argv)
    _clean_text_args(args)
    lang = args.lang
    cmd = COMMANDS[args.command]
    try:
        reads = cmd.access_for(args) == READ
        if args.read_only and not reads:  # pose restore too, which replaces the catalog file
            print("pose: " + say(lang, "{command} changes the catalog, so it cannot run with "
                                 "--read-only. Reading commands: {commands}.",
                                 command=invocation(args), commands=reading_commands(lang)),
                  file=sys.stderr)
            return 2
        if not cmd.library:
            return cmd.handler(args)
        try:
            lib = Library(args.catalog, lang=args.lang, readonly=args.read_only,
                          exclusive=not args.read_only)
        except CatalogReadOnlyError:
            if not reads:
                raise
            lib = Library(args.catalog, lang=args.lang, readonly=True)  # a read-only disk
        except CatalogDamagedError as exc:
            if not reads:
                raise
            # (when nothing can be read, this raises the same damage, said once below)
            lib = Library(args.catalog, lang=args.lang, readonly=True)
            print(f"pose: {error_text(lang, exc)}\npose: "
                  + say(lang, "showing what can still be read; nothing is written."), file=sys.stderr)
        except CatalogLockedError as exc:
            if not reads:
                print(f"pose: {error_text(lang, exc)} " + say(
                    lang, "`pose {command}` changes the catalog, so it runs only once that one is "
                    "closed; reading commands work meanwhile: {commands}.",
                    command=invocation(args), commands=reading_commands(lang)), file=sys.stderr)
                return 1
            # the app has it open: a reading command runs on a read-only catalog
            lib = Library(args.catalog, lang=args.lang, readonly=True)
        with lib:
            code = cmd.handler(lib, args)
        sys.stdout.flush()  # inside the try: a reader that went away is handled below
        return code
    except PoseError as exc:
        print(f"pose: {error_text(lang, exc)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:  # damage found while reading
        print("pose: " + say(lang, "the catalog cannot be read ({detail}); it is damaged. Restore "
                             "the newest good backup with `pose restore --latest`.",
                             detail=os_error_text(str(exc), lang)),
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pose: " + say(lang, "interrupted; run the same command again to continue."),
              file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``pose tree | head``): stop quietly, as Unix tools do.
        # Python would flush stdout again at exit and fail, so point it at devnull first.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE: what a shell reports for a tool stopped by a closed pipe


def _clean_text_args(args: argparse.Namespace) -> None:
    """Arguments that are not valid UTF-8 (a Latin-1 terminal) reach Python as strings with
    lone surrogates, which no database or terminal takes. Those that name no existing file
    become their catalog text form (``\\xe9`` for the byte 0xE9, as non-UTF-8 paths are
    stored); file names stay as they are, for the file system."""
    def clean(value):
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                if not os.path.lexists(value):
                    return os.fsencode(value).decode("utf-8", "backslashreplace")
            return value.replace("\x00", "")
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    for key, value in vars(args).items():
        setattr(args, key, clean(value))


def invocation(args: argparse.Namespace) -> str:
    """The command as the user gave it, for messages: ``people name``, not ``people``."""
    action = getattr(args, "action", None)
    return f"{args.command} {action}" if isinstance(action, str) else args.command


def reading_commands(lang: str = "en") -> str:
    """The commands that only read (they run beside the app), for messages in ``lang``."""
    names = []
    for cmd in sorted(COMMANDS.values(), key=lambda c: c.name):
        if cmd.access == READ:
            names.append(cmd.name)
        elif cmd.name == "people":
            names.append("people list")
        elif cmd.name == "flags":
            names.append(say(lang, "flags (without --dismiss)"))
    return ", ".join(names)
