"""``pose``: the headless command line of pose_desktop.

Exit codes: 0 success, 1 the work failed (message on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from pose_desktop import __version__
from pose_desktop.errors import CatalogLockedError, PoseError
from pose_desktop.services import Library, PhotoFilter

COMMANDS: dict[str, Callable[[Library, argparse.Namespace], int]] = {}
# Commands that work without opening the catalog as a Library (e.g. restore).
STANDALONE: dict[str, Callable[[argparse.Namespace], int]] = {}
# Commands that only read: they still run while the app holds the catalog.
READ_ONLY_COMMANDS = {"tree", "show", "search", "stats", "photos-of", "similar", "flags", "people-list",
                      "backup", "export-xmp"}


def command(name: str):
    """Register a subcommand handler."""
    def deco(fn):
        COMMANDS[name] = fn
        return fn
    return deco


def _progress(events, desc: str, quiet: bool):
    """Drive a generator of progress events with a tqdm bar; return the last event."""
    from tqdm import tqdm

    bar = None
    last = None
    try:
        for ev in events:
            last = ev
            if quiet:
                continue
            total = getattr(ev, "total", 0) or 0
            if bar is None and total:
                bar = tqdm(total=total, desc=desc, unit="photo", file=sys.stderr, dynamic_ncols=True)
            if bar is not None:
                if total != bar.total:
                    bar.total = total
                bar.n = getattr(ev, "done", 0)
                bar.refresh()
    finally:
        if bar is not None:
            bar.close()
    return last


@command("index")
def cmd_index(lib: Library, args) -> int:
    folder = os.path.abspath(args.path)
    if not os.path.isdir(folder):
        print(f"pose: {args.path} is not a folder", file=sys.stderr)
        return 1
    ev = _progress(lib.index_folder(folder), "Indexing", args.quiet)
    if ev is None:
        return 1
    print(f"{ev.added} added, {ev.updated} updated, {ev.unchanged} unchanged, "
          f"{ev.missing} now missing, {ev.failed} failed, {ev.warnings} warnings "
          f"({ev.elapsed:.1f} s)")
    if ev.message:
        print(f"pose: {ev.message}", file=sys.stderr)
        return 1
    if ev.failed:
        print("Run `pose stats` to see which files failed and why.")
    return 0


MONTHS_KO = "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월".split()
MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@command("tree")
def cmd_tree(lib: Library, args) -> int:
    if args.by == "date":
        months = MONTHS_KO if lib.lang == "ko" else MONTHS_EN
        for y in lib.date_tree():
            print(f"{y.year if y.year is not None else '(no date)'}  ({y.count})")
            for m in y.months:
                print(f"  {months[m.month - 1] if m.month else '?'}  ({m.count})")
                if args.days:
                    for d in m.days:
                        print(f"    {d.day}  ({d.count})")
    else:
        for k in lib.tag_tree():
            print(f"{k.label}  ({len(k.tags)} tags)")
            for t in k.tags[: args.limit]:
                shown = t.label if t.label == t.name else f"{t.label} [{t.name}]"
                print(f"  {shown}  ({t.count})")
            if len(k.tags) > args.limit:
                print(f"  … {len(k.tags) - args.limit} more")
    return 0


@command("show")
def cmd_show(lib: Library, args) -> int:
    pid = lib.resolve(args.photo)
    if pid is None:
        print(f"pose: no photo matches {args.photo!r} (give an id, a hash or a path)", file=sys.stderr)
        return 1
    p = lib.photo(pid)
    print(f"Photo {p.id}  {p.hash}")
    print(f"  date:     {p.taken_at or '-'}  (from {p.date_source or '-'})")
    print(f"  size:     {p.width}×{p.height}  {p.format or ''}  {p.size:,} bytes")
    if p.camera:
        print(f"  camera:   {p.camera}")
    if p.gps:
        print(f"  GPS:      {p.gps[0]:.5f}, {p.gps[1]:.5f}")
    if p.caption:
        print(f"  caption:  {p.caption}")
    if p.hashtags:
        print("  hashtags: " + " ".join("#" + h for h in p.hashtags))
    for post in lib.posts_of_photo(p.id):
        counts = ", ".join(f"{n} {w}" for n, w in ((post.likes, "likes"), (post.comments, "comments"))
                           if n is not None)
        print(f"  post:     {post.url or '(from the data export)'}  {post.posted_at or ''}"
              f"{f'  ({counts})' if counts else ''}")
        if post.location:
            print(f"  place:    {post.location}")
        if post.tagged_users:
            print("  tagged:   " + " ".join("@" + u for u in post.tagged_users))
    for f in p.files:
        print(f"  file:     {f.path}  [{f.status}, {f.source}]")
    for t in p.tags:
        score = f" {t.score:.2f}" if t.score is not None else ""
        print(f"  tag:      {t.kind}: {t.label}{score}  ({t.source})")
    return 0


@command("search")
def cmd_search(lib: Library, args) -> int:
    text = " ".join(args.text)
    total = lib.count(PhotoFilter(text=text))
    for p in lib.search(text, limit=args.limit):
        print(f"{p.id}\t{p.taken_at or '-'}\t{p.path or '-'}")
    print(f"{total} photo(s) match {text!r}", file=sys.stderr)
    return 0


@command("stats")
def cmd_stats(lib: Library, args) -> int:
    s = lib.stats()
    print(f"catalog:  {lib.path}")
    print(f"photos:   {s.photos} ({s.videos} videos), {s.missing} missing, {s.hidden} removed")
    print(f"files:    {s.files}   tags: {s.tags}")
    print("dated by: " + ", ".join(f"{k} {v}" for k, v in sorted(s.dated_by.items(), key=str)))
    print(f"problems: {s.errors} not indexed, {s.warnings} with warnings")
    for i in lib.issues(limit=None if args.all else 20):
        print(f"  [{i.severity}] {i.path}: {i.reason}")
    if not args.all and s.errors + s.warnings > 20:
        print("  … (pose stats --all lists every one)")
    return 0


@command("merge-hashtag")
def cmd_merge(lib: Library, args) -> int:
    target = lib.merge_hashtags(args.variant, args.canonical)
    print(f"#{args.variant} now counts as #{target}")
    return 0


@command("backup")
def cmd_backup(lib: Library, args) -> int:
    from pose_desktop.catalog.backup import default_backup_path

    target = args.dest or default_backup_path(lib.path)
    target.parent.mkdir(parents=True, exist_ok=True)
    lib.catalog.backup(target)
    print(f"catalog backed up to {target}")
    return 0


def cmd_restore(args) -> int:
    from pathlib import Path

    from pose_desktop.catalog.backup import restore_catalog, verify_catalog_file
    from pose_desktop.paths import default_catalog_path

    catalog = Path(args.catalog) if args.catalog else default_catalog_path()
    n = verify_catalog_file(args.backup)
    saved = restore_catalog(catalog, args.backup)
    print(f"restored {catalog} from {args.backup} ({n} photos)")
    if saved:
        print(f"the previous catalog was kept as {saved}")
    return 0


STANDALONE["restore"] = cmd_restore


@command("export-xmp")
def cmd_export_xmp(lib: Library, args) -> int:
    from pathlib import Path

    from pose_desktop.catalog.xmp import export_xmp

    f = PhotoFilter(text=args.search) if args.search else PhotoFilter()
    ids = lib.photo_ids(f)
    written = skipped = 0
    dest = Path(args.dest).resolve() if args.dest else None
    root = Path(args.root).resolve() if args.root else None
    for path, outcome in export_xmp(lib.catalog.reader(), ids, naming=args.naming, dest=dest,
                                    root=root, force=args.force):
        if outcome == "written":
            written += 1
        else:
            skipped += 1
            print(f"  {path}: {outcome}", file=sys.stderr)
    print(f"{written} XMP sidecar(s) written, {skipped} skipped")
    return 0


def _maintenance_parsers(sub) -> None:
    from pathlib import Path

    s = sub.add_parser("backup", help="write a consistent copy of the catalog")
    s.add_argument("dest", nargs="?", type=Path, help="file to write (default: backups/ beside the catalog)")
    s = sub.add_parser("restore", help="replace the catalog with a backup (the current one is kept aside)")
    s.add_argument("backup", type=Path)
    s = sub.add_parser("export-xmp", help="write XMP sidecars (keywords, people) for digiKam/Lightroom")
    s.add_argument("--search", help="only photos matching this text")
    s.add_argument("--dest", help="write sidecars under this folder instead of next to the photos")
    s.add_argument("--root", help="with --dest: the photo folder whose layout is mirrored")
    s.add_argument("--naming", choices=["digikam", "lightroom"], default="digikam",
                   help="photo.jpg.xmp (digiKam, darktable) or photo.xmp (Lightroom)")
    s.add_argument("--force", action="store_true", help="overwrite sidecars written by other programs")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (other modules add subcommands through ``EXTRA_PARSERS``)."""
    p = argparse.ArgumentParser(prog="pose", description="pose_desktop photo library, headless.")
    p.add_argument("--version", action="version", version=f"pose_desktop {__version__}")
    p.add_argument("--catalog", help="catalog file (default: in the user data folder)")
    p.add_argument("--lang", choices=["en", "ko"], default=os.environ.get("POSE_LANG", "en"))
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    s = sub.add_parser("index", help="index a photo folder (recursively, incrementally)")
    s.add_argument("path")
    s = sub.add_parser("tree", help="print the library by date or by tag")
    s.add_argument("--by", choices=["date", "tag"], default="date")
    s.add_argument("--days", action="store_true", help="also list days")
    s.add_argument("--limit", type=int, default=30, help="tags shown per kind")
    s = sub.add_parser("show", help="everything about one photo")
    s.add_argument("photo", help="photo id, hash (prefix) or file path")
    s = sub.add_parser("search", help="find photos by caption, hashtag, tag or name")
    s.add_argument("text", nargs="+")
    s.add_argument("--limit", type=int, default=50)
    s = sub.add_parser("stats", help="library counts and files that could not be indexed")
    s.add_argument("--all", action="store_true")
    s = sub.add_parser("merge-hashtag", help="fold one hashtag into another")
    s.add_argument("variant")
    s.add_argument("canonical")
    for extra in EXTRA_PARSERS:
        extra(sub)
    return p


# Functions (subparsers) -> None that add subcommands; their handlers register with @command.
EXTRA_PARSERS: list[Callable] = [_maintenance_parsers]


# The command modules register their subcommands on import: import-*; analyze, people,
# photos-of; suggest, similar, flags, train-hashtags.
from pose_desktop import cli_instagram, cli_people, cli_picture  # noqa: E402,F401,I001


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``pose`` console script."""
    args = build_parser().parse_args(argv)
    try:
        if args.command in STANDALONE:
            return STANDALONE[args.command](args)
        try:
            lib = Library(args.catalog, lang=args.lang, exclusive=True)
        except CatalogLockedError:
            if args.command not in READ_ONLY_COMMANDS:
                raise
            lib = Library(args.catalog, lang=args.lang)  # the app has it open; reading is fine
        if lib.catalog.restored_from:
            print(f"pose: the catalog was damaged and has been restored from "
                  f"{lib.catalog.restored_from}", file=sys.stderr)
        with lib:
            return COMMANDS[args.command](lib, args)
    except PoseError as exc:
        print(f"pose: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("pose: interrupted; run the same command again to continue.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
