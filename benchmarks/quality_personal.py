"""Personal hashtags on real posts: does learning the user's own hashtags beat simply
offering their most frequent ones? (issue 21)

    python benchmarks/quality_personal.py [--data DIR] [--seeds 5] [--users mixed,theme]

DIR (default ../shared/datasets from the repository root) is any folder laid out like the
shared datasets; this reads ``hashtags/`` (images/ + labels.csv). The posts are the rows
whose ``instagram_hashtags`` holds real hashtags (rows that carry only a search word,
without '#', are no posts' hashtags and are left out).

Everything runs through the app's own path: the posts are written as Instagram's data
export (``posts_1.json`` with each post's hashtags as its caption, mojibake as Instagram
writes it) and imported with ``Library.instagram.import_export``; the picture analysis is
the library's (``Library.analysis.analyze_pictures``: features and facts stored in the
catalog); the personal model is trained with ``Library.pictures.train_hashtags`` (what
``pose train-hashtags`` runs) on the training posts only (the held-out posts' captions
are emptied with ``Library.photos.set_caption`` first, so the catalog holds no hashtag of
theirs), and the suggestions come from ``Library.pictures.suggest_for_photo`` (what
``pose suggest PHOTO`` shows).

A "user": the dev posts were collected by searching Instagram for #food, #travel,
#selfie (and others); the source records no owner, so the posts come from many strangers
and no real account can be rebuilt from them. Two stand-ins are measured:
- ``mixed``: every post as one account with several interests (what earlier figures used);
- ``theme``: each search word's posts (``origin`` folder) as one account that posts on one
  theme (a food account, a travel account...), each trained and measured on its own.

Per user, each of ``--seeds`` random splits trains on 75 % of the posts and measures the
other 25 %: recall@5 (share of a post's own hashtags among the first 5 suggestions) and
hit@5 (at least one), counting the post's own hashtags (normalised as the app does) that
the model could know (used on at least 3 training posts). Measured:
- ``personal``: the first 5 suggestions that come from the personal model (source personal,
  habit or builtin+personal), in the app's order;
- ``shown``: the first 5 suggestions the app shows, whatever their source;
- baseline ``most_frequent``: the 5 hashtags used most on the training posts;
- ceiling ``theme_frequent``: the 5 most frequent hashtags of the training posts of the
  post's own theme, knowing the theme for sure (what a picture learner that only
  recognises the theme perfectly could reach on ``mixed``);
- ceiling ``same_block``: knowing the held-out post's own hashtags, the training post
  whose hashtags overlap them most (Jaccard) and its 5 most used hashtags: what
  recognising the account behind a post (its block of hashtags) would give. Printed with
  how often the picture finds such a post: of the held-out posts with a training post
  sharing at least half of their hashtags (Jaccard >= 0.5), the share whose most similar
  training picture (cosine of the stored features) is one. For most posts this ceiling is
  a peek, not a reachable figure: 355 of the 457 dev posts share half their hashtags with
  no other post, so the training post is picked by the held-out post's own hashtags (what
  was tried to come closer: tagging/personal.py).

Photos the shipped hashtag head was trained on (models/hashtag_head.train.txt, by
sha256: all of the dev posts) lose the head's hashtag facts before training and
suggesting: the head saw their hashtags, so its facts would leak them; the personal model
then works from the stored features alone. Held-out photos keep them.

Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pose_desktop.catalog import analysis as catalog_analysis  # noqa: E402
from pose_desktop.services import Library  # noqa: E402
from pose_desktop.tagging import personal  # noqa: E402
from pose_desktop.tagging.similar import FEATURE_MODEL  # noqa: E402
from pose_desktop.vocab.hashtags import HashtagNormalizer, extract_hashtags  # noqa: E402

BASE_TS = 1_560_000_000  # 2019-06-08, when the dev posts were collected
HEAD_TRAINED = REPO / "models" / "hashtag_head.train.txt"


def read_posts(folder: Path) -> list[dict]:
    """Rows of ``folder``/labels.csv with real hashtags and an image, with ``theme`` (the
    origin's folder, e.g. 'food') and ``tags`` (normalised as the app does)."""
    norm = HashtagNormalizer()
    with open(folder / "labels.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        raw = extract_hashtags(r.get("instagram_hashtags"))
        if not raw or not (folder / "images" / r["file"]).exists():
            continue
        origin = (r.get("origin") or "").rsplit(":", 1)[-1].split("/")
        theme = origin[-2] if len(origin) >= 2 else "all"
        tags = sorted({norm.normalize(t) for t in raw} - {""})
        out.append(r | {"theme": theme, "tags": tags})
    return out


def mojibake(text: str) -> str:
    """How Instagram's export writes non-ASCII text: each UTF-8 byte as one Latin-1 char."""
    return text.encode("utf-8").decode("latin-1")


def write_export(posts: list[dict], images: Path, target: Path) -> list[Path]:
    """An unpacked Instagram data export of ``posts`` (caption = the post's hashtags);
    returns each post's media file."""
    entries, files = [], []
    for i, p in enumerate(posts):
        ts = BASE_TS + i * 3600
        uri = f"media/posts/201906/{i:05d}_{p['file']}"
        dest = target / uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(images / p["file"], dest)
        files.append(dest)
        entries.append({"media": [{"uri": uri, "creation_timestamp": ts,
                                   "title": mojibake(p["instagram_hashtags"])}]})
    content = target / "your_instagram_activity" / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "posts_1.json").write_text(json.dumps(entries), encoding="utf-8")
    return files


def strip_head_facts(lib: Library, photo_ids: list[int]) -> int:
    """Remove the hashtag head's facts of ``photo_ids`` from the catalog (they were in
    its training set); returns how many photos had some."""
    changed = []
    db = lib.catalog.reader()
    for pid in photo_ids:
        row = catalog_analysis.picture_row(db, pid, FEATURE_MODEL)
        if row is None or not row[1]:
            continue
        facts = json.loads(row[1])
        kept = [f for f in facts if f[0] != "hashtag"]
        if len(kept) != len(facts):
            changed.append((pid, len(row[0]) // 2, row[0], json.dumps(kept, ensure_ascii=False)))
    with lib.catalog.write() as w:
        catalog_analysis.store_picture_rows(w, FEATURE_MODEL, changed)
    return len(changed)


def recall_hit(picks: list[list[str]], truth: list[set[str]]) -> tuple[float, float]:
    hits = [len(set(p[:5]) & t) for p, t in zip(picks, truth, strict=True)]
    return (float(np.mean([h / len(t) for h, t in zip(hits, truth, strict=True)])),
            float(np.mean([h > 0 for h in hits])))


class Captions:
    """The catalog's captions, changed only where they differ (each change re-reads the
    photo's hashtags, as a user editing a caption would)."""

    def __init__(self, lib: Library, ids: list[int]):
        self.lib, self.now = lib, dict.fromkeys(ids, None)

    def set(self, pid: int, caption: str) -> None:
        if self.now[pid] != caption:
            self.lib.photos.set_caption(pid, caption)
            self.now[pid] = caption


def vector(lib: Library, photo_id: int) -> np.ndarray:
    """A photo's stored picture features, at unit length."""
    row = catalog_analysis.picture_row(lib.catalog.reader(), photo_id, FEATURE_MODEL)
    v = np.frombuffer(row[0], dtype="<f2").astype(np.float32)
    return v / max(float(np.linalg.norm(v)), 1e-9)


def measure_user(lib: Library, captions: Captions, posts: list[dict], ids: list[int], members: list[int],
                 seeds: int) -> dict:
    """Splits of one user's posts (``members``: indexes into posts/ids); the library holds
    only that user's training captions while it trains."""
    res: dict[str, list[tuple[float, float]]] = {}
    methods: Counter = Counter()
    n_test_total = 0
    train_s = []
    block_found: list[bool] = []
    for seed in range(seeds):
        order = np.random.default_rng(seed).permutation(members)
        n_test = len(order) // 4
        te, tr = order[:n_test], order[n_test:]
        train = set(tr.tolist())
        for i in range(len(posts)):
            captions.set(ids[i], posts[i]["instagram_hashtags"] if i in train else "")
        result = lib.pictures.train_hashtags()
        methods[result.method] += 1
        train_s.append(result.seconds)
        vocab = personal.build_vocabulary([posts[i]["tags"] for i in tr])
        known = set(vocab)
        te = [i for i in te if known & set(posts[i]["tags"])]
        truth = [known & set(posts[i]["tags"]) for i in te]
        frequent = vocab[:5]
        by_theme = {}
        for th in {posts[i]["theme"] for i in tr}:
            by_theme[th] = personal.build_vocabulary([posts[i]["tags"] for i in tr if posts[i]["theme"] == th], 1)
        picks: dict[str, list[list[str]]] = {"personal": [], "shown": [], "most_frequent": [],
                                            "theme_frequent": [], "same_block": []}
        known_sets = [known & set(posts[j]["tags"]) for j in tr]
        vectors = np.stack([vector(lib, ids[j]) for j in tr])
        for i in te:
            sugg = lib.pictures.suggest_for_photo(ids[i], top=15, new_only=False).suggestions
            picks["personal"].append([s.tag for s in sugg if s.source != "builtin"])
            picks["shown"].append([s.tag for s in sugg])
            picks["most_frequent"].append(frequent)
            picks["theme_frequent"].append([t for t in by_theme.get(posts[i]["theme"], []) if t in known][:5])
            t_i = known & set(posts[i]["tags"])
            overlap = np.array([len(t_i & k) / len(t_i | k) if k else 0.0 for k in known_sets])
            picks["same_block"].append([t for t in vocab if t in known_sets[int(np.argmax(overlap))]][:5])
            if overlap.max() >= 0.5:
                nearest = int(np.argmax(vectors @ vector(lib, ids[i])))
                block_found.append(overlap[nearest] >= 0.5)
        for name, p in picks.items():
            res.setdefault(name, []).append(recall_hit(p, truth))
        n_test_total += len(te)
    out = {"n_posts": len(members), "seeds": seeds, "held_out_per_split": n_test_total / seeds,
           "methods_chosen": dict(methods), "train_s": round(float(np.mean(train_s)), 2),
           "held_out_with_block": len(block_found) / seeds,
           "block_found_by_picture": float(np.mean(block_found)) if block_found else None}
    for name, v in res.items():
        a = np.array(v)
        out[name] = {"recall5": float(a[:, 0].mean()), "hit5": float(a[:, 1].mean()),
                     "recall5_per_seed": a[:, 0].round(3).tolist()}
    out["recall5_gain_points"] = round((out["personal"]["recall5"] - out["most_frequent"]["recall5"]) * 100, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "datasets")
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--users", default="mixed,theme", help="which stand-ins for a user: mixed, theme")
    args = ap.parse_args(argv)
    folder = args.data.resolve() / "hashtags"
    result: dict = {"data": str(folder)}
    posts = read_posts(folder) if (folder / "labels.csv").exists() else []
    if len(posts) < 20:
        print(f"too few posts with their own hashtags in {folder} ({len(posts)})")
        print(json.dumps(result | {"error": "too few posts"}, ensure_ascii=False))
        return 1
    start = time.perf_counter()
    trained = ({line.split()[0] for line in HEAD_TRAINED.read_text(encoding="utf-8").splitlines() if line.strip()}
               if HEAD_TRAINED.exists() else set())
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "catalog.sqlite") as lib:
        files = write_export(posts, folder / "images", Path(tmp) / "export")
        for _ in lib.instagram.import_export(Path(tmp) / "export"):
            pass
        for _ in lib.analysis.analyze_pictures():
            pass
        ids_all = [lib.photos.resolve(str(f)) for f in files]
        # one photo, one post: a photo posted twice (same bytes) keeps its first post
        seen: set[int] = set()
        keep = [i for i, pid in enumerate(ids_all) if pid is not None and not (pid in seen or seen.add(pid))]
        posts, ids = [posts[i] for i in keep], [ids_all[i] for i in keep]
        head_seen = [pid for pid, f in zip(ids, [files[i] for i in keep], strict=True)
                     if hashlib.sha256(f.read_bytes()).hexdigest() in trained]
        stripped = strip_head_facts(lib, head_seen)
        prepared = time.perf_counter() - start
        captions = Captions(lib, ids)
        themes = Counter(p["theme"] for p in posts)
        result |= {"n_posts": len(posts), "themes": dict(themes), "head_facts_stripped": stripped,
                   "mean_hashtags_per_post": float(np.mean([len(p["tags"]) for p in posts])),
                   "import_and_analysis_s": round(prepared, 1), "users": {}}
        print(f"personal hashtags on real posts: {len(posts)} posts ({', '.join(f'{k} {v}' for k, v in themes.items())}),"
              f" {result['mean_hashtags_per_post']:.1f} hashtags each; imported as an Instagram export and analysed"
              f" in {prepared:.0f} s; the head's hashtag facts removed from {stripped} photos it was trained on")
        users: list[tuple[str, list[int]]] = []
        if "mixed" in args.users:
            users.append(("mixed (all posts, one account)", list(range(len(posts)))))
        if "theme" in args.users:
            users += [(f"theme {th}", [i for i, p in enumerate(posts) if p["theme"] == th])
                      for th, n in themes.most_common() if n >= 40]
        for name, members in users:
            u = measure_user(lib, captions, posts, ids, members, args.seeds)
            result["users"][name] = u
            b = u["most_frequent"]
            print(f"{name}: {u['n_posts']} posts, {args.seeds} splits 75/25 ({u['held_out_per_split']:.0f} held out"
                  f" each), learner chosen {u['methods_chosen']}, trained in {u['train_s']:.1f} s")
            for k in ("personal", "shown", "most_frequent", "theme_frequent", "same_block"):
                v = u[k]
                gain = f" ({(v['recall5'] - b['recall5']) * 100:+.1f} points)" if k != "most_frequent" else ""
                print(f"  {k:<15} recall@5 {v['recall5']:.1%}{gain}  hit@5 {v['hit5']:.1%}")
            if u["block_found_by_picture"] is not None:
                print(f"  {u['held_out_with_block']:.0f} held-out posts a split share half their hashtags with a"
                      f" training post; the most similar training picture is such a post for"
                      f" {u['block_found_by_picture']:.0%} of them")
    result["seconds"] = round(time.perf_counter() - start, 1)
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
