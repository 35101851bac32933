"""The registry of ``pose`` subcommands.

Each command registers once, with its help line, its arguments and whether it reads or
writes the catalog::

    @command("tree", "print the library by date or by tag", READ, args=_tree_args)
    def cmd_tree(lib, args) -> int: ...

``pose`` opens the catalog for writing (taking the lock); when another process (the app)
holds the lock, only a command that declared READ runs, on a read-only catalog. A command
whose access depends on its arguments gives a function of them (``pose people list``
reads, ``pose people name`` writes). A command with ``library=False`` gets only its
arguments (``pose restore`` replaces the catalog file itself).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from pose_desktop.progress import Progress

Access = Literal["read", "write"]
READ: Access = "read"
WRITE: Access = "write"


@dataclass(frozen=True)
class Command:
    """One subcommand: name, help, arguments, access and its handler."""

    name: str
    help: str
    access: Access | Callable[[argparse.Namespace], Access]
    handler: Callable[..., int]
    args: Callable[[argparse.ArgumentParser], None] | None = None
    library: bool = True  # handler(lib, args); False: handler(args)

    def access_for(self, args: argparse.Namespace) -> Access:
        """READ or WRITE for this invocation."""
        access = self.access(args) if callable(self.access) else self.access
        if access not in (READ, WRITE):
            raise ValueError(f"command {self.name!r} declared access {access!r}")
        return access


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, access: Access | Callable[[argparse.Namespace], Access], *,
            args: Callable[[argparse.ArgumentParser], None] | None = None, library: bool = True):
    """Register the decorated function as subcommand ``name``."""
    if not callable(access) and access not in (READ, WRITE):
        raise ValueError(f"command {name!r}: access must be READ or WRITE, not {access!r}")

    def deco(fn: Callable[..., int]) -> Callable[..., int]:
        if name in COMMANDS:
            raise ValueError(f"command {name!r} is registered twice")
        COMMANDS[name] = Command(name, help, access, fn, args, library)
        return fn

    return deco


def progress(events: Iterator[Progress], desc: str, quiet: bool, unit: str = "photo") -> Progress | None:
    """Drive a generator of progress events with a tqdm bar (``desc``: what it does, ``unit``:
    what it counts, in the user's language); return the last event."""
    from tqdm import tqdm

    bar = None
    last = None
    try:
        for ev in events:
            last = ev
            if quiet:
                continue
            total = ev.total or 0
            if bar is None and total:
                bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, dynamic_ncols=True)
            if bar is not None and (total != bar.total or ev.done != bar.n):
                # tqdm drew the bar when made: redrawing an unchanged one printed the 0 %
                # line twice (and each further line once per event that moved nothing)
                bar.total, bar.n = total, ev.done
                bar.refresh()
    finally:
        if bar is not None:
            bar.close()
    return last


def one_line(text: str) -> str:
    """``text`` on one line: control characters (a newline in a file name) written as
    escapes, so each result stays one line for ``grep``, ``cut`` and the eye."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
