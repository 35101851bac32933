"""``pose analyze``, ``pose people``, ``pose photos-of``."""

from __future__ import annotations

import sys

from pose_desktop.cli.registry import READ, WRITE, command, one_line, progress
from pose_desktop.cli.words import pad, say
from pose_desktop.services.people import PersonNotFoundError


def _analyze_args(s) -> None:
    s.add_argument("--models", help="comma-separated analyzers (default: all); e.g. faces,emotion")
    s.add_argument("--device", choices=["auto", "cpu", "gpu"], default=None,
                   help="where models run (default: auto, or POSE_DEVICE)")
    s.add_argument("--batch", type=int, default=8, help="photos per batch/transaction")
    s.add_argument("--limit", type=int, default=None, help="analyse at most this many photos")
    s.add_argument("--retry-errors", action="store_true", help="try photos that failed before again")


def _people_args(s) -> None:
    s.add_argument("action", nargs="?", default="list", choices=PEOPLE_ACTIONS,
                   help="what to do (default: list)")
    s.add_argument("args", nargs="*", help="list | " + " | ".join(PEOPLE_USAGE.values()))
    s.add_argument("--as", dest="as_name", metavar="NAME", help="with split: name of the new person")
    s.add_argument("--unnamed", action="store_true", help="with list: include unnamed groups")


def _photos_of_args(s) -> None:
    s.add_argument("names", nargs="+", metavar="NAME", help="a person's name")
    s.add_argument("--mood", choices=["positive", "neutral", "negative"], help="only photos with this mood")
    s.add_argument("--paths", action="store_true", help="print file paths only")


PEOPLE_USAGE = {"name": "name GROUP NAME", "merge": "merge SOURCE TARGET", "faces": "faces PERSON",
                "name-face": "name-face FACE NAME", "reject": "reject FACE [PERSON]",
                "split": "split FACE... [--as NAME]", "delete": "delete PERSON"}
PEOPLE_ACTIONS = ["list", *PEOPLE_USAGE]
PEOPLE_READING = {"list", "faces"}  # the other actions change names or faces




@command("analyze", "run the models (faces, emotion, picture) over photos not yet analysed", WRITE,
         args=_analyze_args)
def cmd_analyze(lib, args) -> int:
    models = [m.strip() for m in args.models.split(",")] if args.models else None
    events = lib.analysis.analyze(models, device=args.device, batch_size=args.batch,
                                  limit=args.limit, retry_errors=args.retry_errors)
    last = progress(events, say(lib, "analysing"), args.quiet, unit=say(lib, "photo"))
    if last is None or last.total == 0:
        print(say(lib, "nothing to analyse: every photo has current results"))
        _say_failures(lib)
        return 0
    where = say(lib, " on {device}", device=lib.analysis.device_info())
    print(say(lib, "{done} photo(s) analysed{where} in {elapsed:.1f} s ({rate:.2f} photos/s), "
              "{failed} failed", done=last.done, where=where, elapsed=last.elapsed,
              rate=last.rate, failed=last.failed))
    if "face_groups" in last.after:
        print(say(lib, "{n} groups of faces", n=last.after["face_groups"]))
    if last.failed:
        _say_failures(lib)
    return 0


def _say_failures(lib, shown: int = 20) -> None:
    """Which photos the models could not analyse, and why ("1 failed" alone named none)."""
    failures = lib.analysis.failures(limit=shown + 1)
    if not failures:
        return
    print(say(lib, "Not analysed (tried again once the file changes; `pose analyze "
                   "--retry-errors` tries them now):"))
    for issue in failures[:shown]:
        print(f"  {one_line(issue.path)}: {issue.reason}")
    if len(failures) > shown:
        print("  …")


def _person_id(lib, ref: str) -> int:
    p = lib.people.person(ref)
    if p is None:
        raise PersonNotFoundError(say(lib, "no person or group {ref!r} (see: pose people list --unnamed)",
                                      ref=ref))
    return p.id


def _face_ids(lib, refs: list[str]) -> list[int]:
    """Face numbers as typed ('12'); a word where a number belongs is said, not a traceback."""
    for ref in refs:
        if not ref.isdigit():
            raise PersonNotFoundError(say(lib, "{ref!r} is not a face number (`pose people faces "
                                          "PERSON` lists a person's faces)", ref=ref))
    return [int(r) for r in refs]


def _print_faces(faces) -> None:
    for f in faces:
        who = f.person_name or (f"group {f.person_id}" if f.person_id else "-")
        sugg = (f"  maybe {f.suggested_name} ({f.suggested_score:.2f})"
                if f.suggested_name and f.assigned_by != "user" else "")
        emo = f"  {f.emotion}/{f.mood}" if f.emotion else ""
        print(f"face {f.id:>6}  photo {f.photo_id:>6}  {who} [{f.assigned_by or '-'}]"
              f"  q={f.quality:.2f}{emo}{sugg}")


@command("people", "list people and face groups; name, merge, split, fix faces",
         lambda a: READ if a.action in PEOPLE_READING else WRITE, args=_people_args)
def cmd_people(lib, args) -> int:
    a = args.args
    if args.action == "list":
        people = lib.people.list(include_unnamed=True)
        shown = [p for p in people if p.name or args.unnamed]
        for p in shown:
            label = p.name or say(lib, "(unnamed group {id})", id=p.id)
            extra = say(lib, ", {n} suggested", n=p.suggestions) if p.suggestions else ""
            if p.offered_name:
                extra += say(lib, "; tagged in its posts: {name} (pose people name {id} {name})",
                             name=p.offered_name, id=p.id)
            print(say(lib, "{id:>5}  {label}: {photos} photo(s), {faces} face(s){extra}", id=p.id,
                      label=label, photos=p.photo_count, faces=p.face_count, extra=extra))
        hidden = sum(1 for p in people if not p.name)
        if hidden and not args.unnamed:
            print(say(lib, "({n} unnamed group(s): pose people list --unnamed; name one with "
                      "pose people name GROUP NAME)", n=hidden))
        if not people:  # after an analysis, "run pose analyze" would send the user in circles
            looked = "faces" in lib.analysis.status()
            print(say(lib, "no people yet: no faces were found in the analysed photos" if looked
                      else "no people yet: run pose analyze"))
        return 0
    if args.action in ("name", "name-face") and len(a) == 2 and not a[1].strip():
        print("pose: " + say(lib, "a person's name cannot be empty"), file=sys.stderr)
        return 2
    if args.action == "name" and len(a) == 2:
        pid = lib.people.name_person(_person_id(lib, a[0]), a[1])
        print(say(lib, "named {name} (person {id})", name=a[1], id=pid))
        return 0
    if args.action == "merge" and len(a) == 2:
        lib.people.merge_people([_person_id(lib, a[0])], _person_id(lib, a[1]))
        print(say(lib, "merged {a} into {b}", a=a[0], b=a[1]))
        return 0
    if args.action == "faces" and len(a) == 1:
        _print_faces(lib.people.person_faces(_person_id(lib, a[0])))
        return 0
    try:
        if args.action == "name-face" and len(a) == 2:
            pid = lib.people.name_face(_face_ids(lib, a[:1])[0], a[1])
            print(say(lib, "face {face} is {name} (person {id})", face=a[0], name=a[1], id=pid))
            return 0
        if args.action == "reject" and len(a) in (1, 2):
            face = _face_ids(lib, a[:1])[0]
            lib.people.reject_face(face, _person_id(lib, a[1]) if len(a) == 2 else None)
            print(say(lib, "face {face} removed from that person (remembered)", face=a[0]))
            return 0
        if args.action == "split" and a:
            pid = lib.people.split_faces(_face_ids(lib, a), args.as_name)
            print(say(lib, "{n} face(s) moved to person {id}", n=len(a), id=pid))
            return 0
    except KeyError as exc:  # "no face 12"
        raise PersonNotFoundError(say(lib, "no face {face} (`pose people faces PERSON` lists a "
                                      "person's faces)", face=str(exc.args[0]).split()[-1])) from None
    if args.action == "delete" and len(a) == 1:
        lib.people.delete_person(_person_id(lib, a[0]))
        print(say(lib, "forgot {name}", name=a[0]))
        return 0
    print(say(lib, "pose people {action}: write it as pose people {usage}", action=args.action,
              usage=PEOPLE_USAGE[args.action]), file=sys.stderr)
    return 2


def match_names(lib, names: list[str]) -> tuple[list[str], list[str]]:
    """Library names for what the user typed (case and spaces forgiven, a first name or the
    start of one person's name is enough); and, for each name that matches nobody, a
    sentence offering the closest names."""
    import difflib

    known = [p.name for p in lib.people.list(include_unnamed=False) if p.name]
    by_key = {" ".join(n.split()).casefold(): n for n in known}
    found, missing = [], []
    for typed in names:
        key = " ".join(typed.split()).casefold()
        exact = by_key.get(key)
        starts = [n for k, n in by_key.items() if k.startswith(key)]
        if exact is not None:
            found.append(exact)
        elif key and len(starts) == 1:
            found.append(starts[0])
        else:
            words = {w: n for k, n in by_key.items() for w in (k, *k.split())}  # "serna" ~ "serena"
            close = starts or list(dict.fromkeys(
                words[w] for w in difflib.get_close_matches(key, list(words), n=3, cutoff=0.6)))
            hint = say(lib, "; did you mean {names}?",
                       names=say(lib, " or ").join(repr(c) for c in close)) if close else ""
            missing.append(say(lib, "nobody named {name!r}{hint}", name=typed, hint=hint))
    return found, missing


@command("photos-of", "photos showing a person (several names: all of them together)", READ,
         args=_photos_of_args)
def cmd_photos_of(lib, args) -> int:
    from pose_desktop.services import PhotoFilter

    names, missing = match_names(lib, args.names)
    if missing:
        for m in missing:
            print(f"pose: {m}", file=sys.stderr)
        print("pose: " + say(lib, "`pose people list` shows every name; `pose search TEXT` also "
                             "finds captions and hashtags."), file=sys.stderr)
        return 1
    args.names = names
    ids = lib.people.photos_of(names)
    if args.mood:
        moody = set(lib.photos.photo_ids(PhotoFilter(tag_kind="mood", tag_name=args.mood)))
        ids = [i for i in ids if i in moody]
    for s in lib.photos.summaries(ids):
        print(s.path if args.paths else f"{s.id:>6}  {pad(s.date_label or say(lib, 'undated'), 19)}  {s.path}")
    if not args.paths:
        print(say(lib, "{n} photo(s) of {names}", n=len(ids),
                  names=say(lib, " and ").join(args.names)))
    return 0
