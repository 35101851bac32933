"""``pose suggest``, ``pose similar``, ``pose duplicates``, ``pose flags``, ``pose train-hashtags``."""

from __future__ import annotations

import json
import sys

from pose_desktop.cli.registry import READ, WRITE, command
from pose_desktop.cli.words import pad, say


def _suggest_args(s) -> None:
    s.add_argument("images", nargs="+", metavar="IMAGE",
                   help="image file, or a library photo (id or hash): then only hashtags it lacks")
    s.add_argument("--top", type=int, default=10, help="suggestions per image")
    s.add_argument("--no-faces", action="store_true", help="skip face detection (faster)")
    s.add_argument("--json", action="store_true", help="one JSON object per image")


def _similar_args(s) -> None:
    s.add_argument("photo", metavar="PHOTO", help="photo id, hash, path, or any image file")
    s.add_argument("--limit", type=int, default=12, help="list at most this many photos")


def _duplicates_args(s) -> None:
    s.add_argument("--threshold", type=float, default=None,
                   help="feature cosine at least this (default 0.85); thumbnails must match too")


def _flags_args(s) -> None:
    s.add_argument("--all", action="store_true", help="include dismissed flags")
    s.add_argument("--dismiss", metavar="PHOTO", help="dismiss the flags of this photo")
    s.add_argument("--hashtag", help="with --dismiss: only this hashtag's flag")


def _train_args(s) -> None:
    s.add_argument("--method", choices=["auto", "blend", "knn", "head"], default="auto",
                   help="auto: the blend, its weights chosen by cross-validation on your photos")




# Suggesting retrains the personal hashtag model when its training data changed, if it
# may write; on a read-only catalog (beside the app, --read-only) it uses the model as is.
@command("suggest", "suggest hashtags for image files (in the library or not)", READ,
         args=_suggest_args)
def cmd_suggest(lib, args) -> int:
    import os

    results = []
    for ref in args.images:
        photo_id = None if os.path.isfile(ref) else lib.photos.resolve(ref)
        if photo_id is not None:  # a library photo: from its stored analysis, new tags only
            results.append(lib.pictures.suggest_for_photo(photo_id, top=args.top))
        else:
            results.extend(lib.pictures.suggest_files([ref], top=args.top, faces=not args.no_faces))
    failed = 0
    for r in results:
        if args.json:
            print(json.dumps({
                "path": r.path, "photo_id": r.photo_id, "error": r.error, "seconds": round(r.seconds, 3), "seen": r.seen,
                "suggestions": [s.__dict__ for s in r.suggestions],
            }, ensure_ascii=False))
            failed += r.error is not None
            continue
        print(r.path or say(lib, "photo {id}", id=r.photo_id))
        if r.error:
            print(f"  {say(lib, 'error')}: {r.error}")
            failed += 1
            continue
        if not r.suggestions:
            print(say(lib, "  (no suggestion)"))
        for s in r.suggestions:
            print(f"  {pad(s.label, 28)} {s.score:.2f}  {say(lib, 'because')}: {s.because}")
    return 1 if failed == len(results) else 0


@command("similar", "photos that look like PHOTO (id, hash, path, or any image file)", READ,
         args=_similar_args)
def cmd_similar(lib, args) -> int:
    import os

    photo_id = lib.photos.resolve(args.photo)
    if photo_id is not None:
        hits = lib.pictures.similar(photo_id, args.limit)
    elif os.path.isfile(args.photo):
        hits = lib.pictures.similar_to_file(args.photo, args.limit)
    else:
        print("pose: " + say(lib, "no photo {ref!r} in the library", ref=args.photo), file=sys.stderr)
        return 1
    if not hits:
        print(say(lib, "no analysed photos to compare with (run `pose analyze` first)"))
    for h in hits:
        print(f"{h.photo_id:>8}  {h.score:.3f}  {h.path or ''}")
    return 0


@command("duplicates", "groups of near-duplicate photos", READ, args=_duplicates_args)
def cmd_duplicates(lib, args) -> int:
    groups = lib.pictures.duplicate_groups(args.threshold)
    for g in groups:
        paths = [s.path or str(s.id) for s in lib.photos.summaries(g)]
        print(say(lib, "{n} photos: ", n=len(g)) + "  ".join(paths))
    if not groups:
        print(say(lib, "no near-duplicates"))
    if missing := lib.pictures.not_comparable():
        print(say(lib, "{n} photo(s) not analysed yet could not be compared: run `pose analyze` "
                  "first", n=missing))
    return 0


# Listing refreshes the flags first when the catalog is writable; on a read-only catalog
# (the app has it open) it lists them as they are. Dismissing writes.
@command("flags", "posts whose hashtags don't match the photo; dismiss a flag",
         lambda a: WRITE if a.dismiss else READ, args=_flags_args)
def cmd_flags(lib, args) -> int:
    if args.dismiss:
        photo_id = lib.photos.resolve(args.dismiss)
        if photo_id is None:
            print("pose: " + say(lib, "no photo {ref!r} in the library", ref=args.dismiss), file=sys.stderr)
            return 1
        n = lib.pictures.dismiss_flag(photo_id, args.hashtag)
        print(say(lib, "dismissed {n} flag(s)", n=n))
        return 0
    flags = lib.pictures.flags(include_dismissed=args.all)
    for f in flags:
        state = "" if f.status == "open" else f" [{f.status}]"
        print(f"{f.photo_id:>8}  #{f.hashtag}  {_flag_reason(lib, f.reason)} ({say(lib, f.rule)})"
              f"{state}  {f.path or ''}")
    if not flags:
        print(say(lib, "no flagged posts"))
    return 0


def _flag_reason(lib, reason: str) -> str:
    """A flag's reason ("#카페: no food or drink seen; the photo shows …") in the library's
    language (what the photo shows is the models' words, as stored)."""
    head, _, shows = reason.partition("; the photo shows ")
    tag, _, missing = head.partition(": ")
    said = f"{tag}: {say(lib, missing)}"
    return said + say(lib, "; the photo shows {what}", what=shows) if shows else said


@command("train-hashtags", "learn your own hashtags from your captioned photos", WRITE,
         args=_train_args)
def cmd_train_hashtags(lib, args) -> int:
    r = lib.pictures.train_hashtags(args.method)
    if r.method is None:
        print(say(lib, "not enough captioned photos to learn from ({n} analysed with hashtags; each "
                  "hashtag needs 3 photos): caption photos or import Instagram posts, then "
                  "`pose analyze`", n=r.n_photos))
        return 0
    print(say(lib, "trained {method} on {n} photos, {tags} hashtags in {seconds:.1f} s",
              method=r.method, n=r.n_photos, tags=r.n_tags, seconds=r.seconds))
    for name, v in r.validation.items():
        print(say(lib, "  held-out {name}: recall@5 {recall5:.1%}, top-3 hit {top3_hit:.1%}, "
                  "precision@3 {precision3:.1%} (n={n})", name=name, **v))
    return 0
