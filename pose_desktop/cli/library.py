"""``pose index``, ``tree``, ``show``, ``search``, ``stats``, ``merge-hashtag``, and the
catalog's care: ``backup``, ``restore``, ``export-xmp``."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from pose_desktop.cli.registry import READ, WRITE, command, one_line, progress
from pose_desktop.cli.words import date_source, label, say
from pose_desktop.paths import default_catalog_path
from pose_desktop.services import Library, PhotoFilter, newest_backup, restore_backup, verify_backup
from pose_desktop.vocab import messages


def _index_args(s) -> None:
    s.add_argument("path", help="the folder to index")


@command("index", "index a photo folder (recursively, incrementally)", WRITE, args=_index_args)
def cmd_index(lib: Library, args) -> int:
    folder = os.path.abspath(args.path)
    if not os.path.isdir(folder):
        problem = "{path} is not a folder" if os.path.exists(folder) else "{path} does not exist"
        print("pose: " + say(lib, problem, path=args.path), file=sys.stderr)
        return 1
    ev = progress(lib.photos.index_folder(folder), say(lib, "Indexing"), args.quiet,
                  unit=say(lib, "photo"))
    if ev is None:
        return 1
    print(say(lib, "{added} added, {updated} updated, {unchanged} unchanged, {missing} now missing, "
              "{failed} failed, {warnings} warnings ({elapsed:.1f} s)", added=ev.added,
              updated=ev.updated, unchanged=ev.unchanged, missing=ev.missing, failed=ev.failed,
              warnings=ev.warnings, elapsed=ev.elapsed))
    if ev.found_nothing and not ev.message:
        print(say(lib, "No photos or videos in {path}: pose_desktop reads JPEG, HEIC, PNG, WebP, "
                  "AVIF, TIFF, GIF and BMP photos and videos, in the folder and its subfolders.",
                  path=args.path))
    if ev.copies:
        print(say(lib, "{n} file(s) show a picture the library already has (a copy, or a file "
                  "moved here): kept as another file of that photo", n=ev.copies))
    if ev.message:
        print(f"pose: {ev.path}: {messages.issue_text(ev.message, lib.lang)}", file=sys.stderr)
        return 1
    if ev.failed:
        print(say(lib, "Run `pose stats` to see which files failed and why."))
    if ev.added or ev.updated:
        print(say(lib, "Next: `pose analyze` finds people, scenes, clothing and moods in the new "
                  "photos (the tag tree fills in as it goes)."))
    return 0


NO_PLACES = ("No places yet: a photo gets its place from its GPS position (phones record "
             "one) or from its Instagram post's location, and none of these photos has either.")
NO_TAGS = ("No tags yet: `pose analyze` finds people, scenes, objects, clothing and moods; "
           "hashtags come from captions (Instagram imports) and your own tags.")
MONTHS_KO = "1월 2월 3월 4월 5월 6월 7월 8월 9월 10월 11월 12월".split()
MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def _tree_args(s) -> None:
    s.add_argument("--by", choices=["date", "tag", "place"], default="date",
                   help="how to group the photos")
    s.add_argument("--days", action="store_true", help="also list days")
    s.add_argument("--limit", type=int, default=30, help="tags shown per kind")


@command("tree", "print the library by date, by tag or by place", READ, args=_tree_args)
def cmd_tree(lib: Library, args) -> int:
    if args.by == "date":
        months = MONTHS_KO if lib.lang == "ko" else MONTHS_EN
        for y in lib.photos.date_tree():
            print(f"{y.year if y.year is not None else say(lib, 'Undated')}  ({y.count})")
            for m in y.months if y.year is not None else []:
                print(f"  {months[m.month - 1] if m.month else say(lib, '(month unknown)')}  ({m.count})")
                if args.days:
                    for d in m.days:
                        print(f"    {d.day or say(lib, '(day unknown)')}  ({d.count})")
    elif args.by == "place":
        countries = lib.photos.place_tree()
        if not countries:
            print(say(lib, NO_PLACES))
        for c in countries:
            print(f"{c.label}  ({c.count})")
            for r in c.regions[: args.limit]:
                if not r.is_city:
                    print(f"  {r.label}  ({r.count})")
                for city in r.cities[: args.limit]:
                    print(f"{'  ' if r.is_city else '    '}{city.label}  ({city.count})")
                if len(r.cities) > args.limit:
                    print("    … " + say(lib, "{n} more", n=len(r.cities) - args.limit))
            if len(c.regions) > args.limit:
                print("  … " + say(lib, "{n} more", n=len(c.regions) - args.limit))
    else:
        kinds = lib.photos.tag_tree()
        if not kinds:
            print(say(lib, NO_TAGS))
        for k in kinds:
            print(f"{k.label}  ({say(lib, '{n} tags', n=len(k.tags))})")
            for t in k.tags[: args.limit]:
                # a hashtag's own spelling (for merge-hashtag); a model's label key
                # (COCO's 'sports ball', the clothing set's 'outwear') is not for users
                shown = (f"{t.label} [{t.name}]" if t.kind == "hashtag" and t.label != t.name
                         else t.label)
                print(f"  {shown}  ({t.count})")
                for c in t.children:  # a mood's emotions, the second level
                    print(f"    {c.label}  ({c.count})")
            if len(k.tags) > args.limit:
                print("  … " + say(lib, "{n} more", n=len(k.tags) - args.limit))
    return 0


def _show_args(s) -> None:
    s.add_argument("photo", help="photo id, hash (prefix) or file path")


@command("show", "everything about one photo", READ, args=_show_args)
def cmd_show(lib: Library, args) -> int:
    pid = lib.photos.resolve(args.photo)
    if pid is None:
        print("pose: " + say(lib, "no photo matches {ref!r} (give an id, a hash or a path)",
                             ref=args.photo), file=sys.stderr)
        return 1
    p = lib.photos.photo(pid)
    print(f"{say(lib, 'Photo')} {p.id}  {p.hash}")
    if p.date_label:
        guess = say(lib, "  (a guess)") if p.date_guessed else ""
        print(label(lib, "date") + say(lib, "{date}  (source: {source})", date=p.date_label,
                                       source=date_source(lib, p.date_source)) + guess)
    else:
        print(label(lib, "date") + say(
            lib, "undated (no date in the file; the file was last changed {time})",
            time=(p.taken_at or "-").replace("T", " ")))
    print(f"{label(lib, 'size')}{p.width}×{p.height}  {p.format or ''}  "
          + say(lib, "{n:,} bytes", n=p.size))
    if p.duration:
        print(f"{label(lib, 'length')}{p.duration:.1f} s")
    if p.camera:
        print(f"{label(lib, 'camera')}{p.camera}")
    if p.gps:
        print(f"  GPS:      {p.gps[0]:.5f}, {p.gps[1]:.5f}")
    if p.place:
        print(f"{label(lib, 'place')}{p.place}")
    if p.caption:
        print(f"{label(lib, 'caption')}{p.caption}")
    if p.hashtags:
        print(label(lib, "hashtags") + " ".join("#" + h for h in p.hashtags))
    for post in lib.instagram.posts_of_photo(p.id):
        counts = ", ".join(say(lib, w, n=n) for n, w in ((post.likes, "{n} likes"),
                                                          (post.comments, "{n} comments"))
                           if n is not None)
        print(f"{label(lib, 'post')}{post.url or say(lib, '(from the data export)')}  {post.posted_at or ''}"
              f"{f'  ({counts})' if counts else ''}")
        if post.location:
            print(f"{label(lib, 'place')}{post.location}")
        if post.tagged_users:
            print(label(lib, "tagged") + " ".join("@" + u for u in post.tagged_users))
    for f in p.files:
        print(f"{label(lib, 'file')}{f.path}  [{say(lib, f.status)}, {say(lib, f.source)}]")
    for t in p.tags:
        score = f" {t.percent} %" if t.percent is not None else ""
        print(f"{label(lib, 'tag')}{lib.photos.kind_label(t.kind) if lib.lang == 'ko' else t.kind}: "
              f"{t.label}{score}  ({say(lib, t.source)})")
    return 0


def _search_args(s) -> None:
    s.add_argument("text", nargs="+", help="words to look for")
    s.add_argument("--limit", type=int, default=50, help="list at most this many photos")


@command("search", "find photos by caption, hashtag, tag or name", READ, args=_search_args)
def cmd_search(lib: Library, args) -> int:
    text = " ".join(args.text)
    total = lib.photos.count(PhotoFilter(text=text))
    for p in lib.photos.search(text, limit=args.limit):
        print(f"{p.id}\t{p.date_label or say(lib, 'undated')}\t{one_line(p.path) if p.path else '-'}")
    print(say(lib, "{n} photo(s) match {text!r}", n=total, text=text), file=sys.stderr)
    return 0


def _stats_args(s) -> None:
    s.add_argument("--all", action="store_true", help="list every problem, not only the first 20")


@command("stats", "library counts and files that could not be indexed", READ, args=_stats_args)
def cmd_stats(lib: Library, args) -> int:
    s = lib.photos.stats()
    print(say(lib, "catalog:  {path}", path=lib.path))
    print(say(lib, "photos:   {photos} ({videos} videos), {missing} missing, {hidden} removed",
              photos=s.photos, videos=s.videos, missing=s.missing, hidden=s.hidden))
    print(say(lib, "files:    {files}   tags: {tags}", files=s.files, tags=s.tags))
    if s.dated_by:  # an empty library has no dates to speak of
        print(say(lib, "dated by: ") + ", ".join(
            f"{date_source(lib, k)} {v}" for k, v in sorted(s.dated_by.items(), key=lambda kv: (-kv[1], kv[0]))))
    print(say(lib, "problems: {errors} not indexed, {warnings} with warnings", errors=s.errors,
              warnings=s.warnings))
    for i in lib.photos.issues(limit=None if args.all else 20):
        print(f"  [{say(lib, i.severity)}] {i.path}: {i.reason}")
    if not s.photos and not s.errors:
        print(say(lib, "The library is empty: add photos with `pose index FOLDER`."))
    if not args.all and s.errors + s.warnings > 20:
        print(say(lib, "  … (pose stats --all lists every one)"))
    return 0


def _merge_args(s) -> None:
    s.add_argument("variant", help="the hashtag to fold in")
    s.add_argument("canonical", help="the hashtag it counts as from now on")


@command("merge-hashtag", "fold one hashtag into another", WRITE, args=_merge_args)
def cmd_merge(lib: Library, args) -> int:
    if not args.variant.strip("# ") or not args.canonical.strip("# "):  # said '# now counts as …'
        print("pose: " + say(lib, "a hashtag cannot be empty"), file=sys.stderr)
        return 2
    target = lib.photos.merge_hashtags(args.variant, args.canonical)
    print(say(lib, "#{variant} now counts as #{target}", variant=args.variant, target=target))
    return 0


def _backup_args(s) -> None:
    s.add_argument("dest", nargs="?", type=Path, help="file to write (default: backups/ beside the catalog)")


@command("backup", "write a consistent copy of the catalog", READ, args=_backup_args)
def cmd_backup(lib: Library, args) -> int:
    written = lib.photos.backup(args.dest)
    print(say(lib, "catalog backed up to {path}", path=written))
    return 0


def _restore_args(s) -> None:
    s.add_argument("backup", type=Path, nargs="?", help="the backup file to put back")
    s.add_argument("--latest", action="store_true",
                   help="the newest good backup (pose backup copies and automatic ones)")


@command("restore", "replace the catalog with a backup (the current one is kept aside)", WRITE,
         args=_restore_args, library=False)
def cmd_restore(args) -> int:
    catalog = Path(args.catalog).expanduser().resolve() if args.catalog else default_catalog_path()
    source = args.backup
    if source is None:
        if not args.latest:
            print("pose: " + say(args.lang, "name the backup to restore, or give --latest for the "
                                 "newest good one"), file=sys.stderr)
            return 2
        source = newest_backup(catalog)
        if source is None:
            print("pose: " + say(args.lang, "no good backup of {catalog} was found (looked in "
                                 "{folder} and beside the catalog)", catalog=catalog,
                                 folder=catalog.parent / "backups"), file=sys.stderr)
            return 1
    n = verify_backup(source)
    saved = restore_backup(catalog, source)
    print(say(args.lang, "restored {catalog} from {source} ({n} photos)", catalog=catalog,
              source=source, n=n))
    if saved:
        print(say(args.lang, "the previous catalog was kept as {saved}", saved=saved))
    return 0


def _xmp_args(s) -> None:
    s.add_argument("--search", help="only photos matching this text")
    s.add_argument("--dest", help="write sidecars under this folder instead of next to the photos")
    s.add_argument("--root", help="with --dest: the photo folder whose layout is mirrored")
    s.add_argument("--naming", choices=["digikam", "lightroom"], default="digikam",
                   help="photo.jpg.xmp (digiKam, darktable) or photo.xmp (Lightroom)")
    s.add_argument("--force", action="store_true", help="overwrite sidecars written by other programs")


@command("export-xmp", "write XMP sidecars (keywords, people) for digiKam/Lightroom", READ,
         args=_xmp_args)
def cmd_export_xmp(lib: Library, args) -> int:
    f = PhotoFilter(text=args.search) if args.search else PhotoFilter()
    written = skipped = 0
    dest = Path(args.dest).resolve() if args.dest else None
    root = Path(args.root).resolve() if args.root else None
    for path, outcome in lib.photos.export_xmp(f, naming=args.naming, dest=dest, root=root,
                                               force=args.force):
        if outcome == "written":
            written += 1
        else:
            skipped += 1
            print(f"  {path}: {outcome}", file=sys.stderr)
    print(say(lib, "{written} XMP sidecar(s) written, {skipped} skipped", written=written, skipped=skipped))
    return 0
