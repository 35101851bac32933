"""``pose``: the headless command line of pose_desktop.

Exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys

from pose_desktop import __version__
from pose_desktop.cli import instagram, library, metadata, people, picture
from pose_desktop.cli.registry import COMMANDS, READ
from pose_desktop.errors import (
    CatalogDamagedError,
    CatalogLockedError,
    CatalogReadOnlyError,
    PoseError,
)
from pose_desktop.services import Library

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one subcommand per registered command."""
    p = argparse.ArgumentParser(prog="pose", description="pose_desktop photo library, headless.")
    p.add_argument("--version", action="version", version=f"pose_desktop {__version__}")
    p.add_argument("--catalog", help="catalog file (default: in the user data folder)")
    p.add_argument("--lang", choices=["en", "ko"], default=system_language(),
                   help="language of tags and messages (default: POSE_LANG, else the system's)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.add_argument("--read-only", action="store_true",
                   help="open the catalog read-only: reading commands only, nothing is changed")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    order = {m.__name__: i for i, m in enumerate(COMMAND_MODULES)}
    for cmd in sorted(COMMANDS.values(), key=lambda c: order.get(c.handler.__module__, len(order))):
        s = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help)
        if cmd.args is not None:
            cmd.args(s)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pose`` console script."""
    args = build_parser().parse_args(argv)
    _clean_text_args(args)
    cmd = COMMANDS[args.command]
    try:
        if not cmd.library:
            return cmd.handler(args)
        reads = cmd.access_for(args) == READ
        if args.read_only and not reads:
            print(f"pose: {args.command} changes the catalog, so it cannot run with --read-only. "
                  f"Reading commands: {reading_commands()}.", file=sys.stderr)
            return 2
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
            print(f"pose: {exc}\npose: showing what can still be read; nothing is written.",
                  file=sys.stderr)
            lib = Library(args.catalog, lang=args.lang, readonly=True)
        except CatalogLockedError as exc:
            if not reads:
                print(f"pose: {exc} `pose {args.command}` changes the catalog, so it waits until "
                      f"that one closes; reading commands work meanwhile: {reading_commands()}.",
                      file=sys.stderr)
                return 1
            # the app has it open: a reading command runs on a read-only catalog
            lib = Library(args.catalog, lang=args.lang, readonly=True)
        with lib:
            code = cmd.handler(lib, args)
        sys.stdout.flush()  # inside the try: a reader that went away is handled below
        return code
    except PoseError as exc:
        print(f"pose: {exc}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:  # damage found while reading
        print(f"pose: the catalog cannot be read ({exc}); it is damaged. Restore the newest "
              "good backup with `pose restore --latest`.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pose: interrupted; run the same command again to continue.", file=sys.stderr)
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


def reading_commands() -> str:
    """The commands that only read (they run beside the app), for messages."""
    names = []
    for cmd in sorted(COMMANDS.values(), key=lambda c: c.name):
        if cmd.access == READ:
            names.append(cmd.name)
        elif cmd.name == "people":
            names.append("people list")
        elif cmd.name == "flags":
            names.append("flags (without --dismiss)")
    return ", ".join(names)
