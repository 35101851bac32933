"""``pose set-date``: metadata the user sets by hand."""

from __future__ import annotations

import sys

from pose_desktop.cli.registry import WRITE, command
from pose_desktop.cli.words import say
from pose_desktop.services import parse_user_date


def _set_date_args(s) -> None:
    s.add_argument("date", help="2019-07-14, '2019-07-14 18:03' or 2019-07-14T18:03:22+09:00")
    s.add_argument("photos", nargs="+", metavar="PHOTO", help="photo id, hash (prefix) or path")


@command("set-date", "set the date of photos by hand (kept over indexing; written to XMP)", WRITE,
         args=_set_date_args)
def cmd_set_date(lib, args) -> int:
    try:
        when, offset = parse_user_date(args.date)
    except ValueError:
        print("pose: " + say(lib, "not a date: {text!r} (write 2019-07-14 or 2019-07-14 18:03)",
                             text=args.date), file=sys.stderr)
        return 2
    ids = []
    for ref in args.photos:
        pid = lib.photos.resolve(ref)
        if pid is None:
            print("pose: " + say(lib, "no photo matches {ref!r} (give an id, a hash or a path)",
                                 ref=ref), file=sys.stderr)
            return 1
        ids.append(pid)
    lib.photos.set_date(ids, when, offset)
    print(say(lib, "{n} photo(s) dated {when}", n=len(ids),
              when=when.isoformat(sep=" ") + (" " + offset if offset else "")))
    return 0
