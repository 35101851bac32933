"""Attack benchmark: hostile inputs through the real ``pose`` command, one process per case.

    python benchmarks/fuzz_bench.py [--cases 200] [--seed 1] [--flips 30]
                                    [--baseline-tree DIR] [--quick]

Classes (issue 20): decompression bombs in every format (index, and analyze / suggest /
similar for the PNG one), huge and zero-filled files (a 2.5 GB video, a 2 GB 'JPEG' of
zeros), damaged catalogs (truncated, emptied, random byte flips), photos edited in place,
nested JSON in Instagram exports, control characters and non-UTF-8 arguments, a network that
never answers; plus the random image mutations of tests/ingest/test_fuzz_media.py through
the indexer's reader (``--cases`` per format).

Each case runs ``python -m pose_desktop`` in a subprocess; its peak RSS comes from the kernel
(wait4), and a watchdog kills it above ``--rss-cap`` MB or after ``--time-cap`` s (recorded as
such, not waited for). A violation: a traceback, an exit code other than 0/1/2, peak RSS over
600 MB, a damaged catalog written to or silently replaced, a phantom photo, a stopped
import, a hung network call (over 30 s). ``--baseline-tree DIR`` runs the same cases against
another checkout (e.g. the commit before the fixes) in the same run, for before/after
figures. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import random
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zlib
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

RSS_LIMIT_MB = 600  # the target for any single input
NETWORK_LIMIT_S = 30


@dataclass
class Case:
    name: str
    cls: str
    rc: int | None = None
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    killed: str | None = None  # "rss" / "time" when the watchdog stopped it
    violations: list[str] = field(default_factory=list)


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(tree: Path, args: list, *, env: dict | None = None, rss_cap: float, time_cap: float,
        stdin: bytes = b"") -> tuple[int | None, str, str, float, float, str | None]:
    """(rc, stdout, stderr, peak RSS MB, seconds, killed) of ``pose ARGS`` from ``tree``."""
    full_env = {**os.environ, "PYTHONPATH": str(tree), **(env or {})}
    argv = [os.fsencode(sys.executable), b"-m", b"pose_desktop",
            *[a if isinstance(a, bytes) else os.fsencode(str(a)) for a in args]]
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=full_env, cwd=tree, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdin.write(stdin)
    proc.stdin.close()
    out: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda k=k, f=f: out.__setitem__(k, f.read()))
               for k, f in (("out", proc.stdout), ("err", proc.stderr))]
    for t in readers:
        t.start()
    killed: list[str] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if _rss_mb(proc.pid) > rss_cap:
                killed.append("rss")
            elif time.monotonic() - start > time_cap:
                killed.append("time")
            else:
                continue
            proc.kill()
            return

    w = threading.Thread(target=watch)
    w.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    w.join()
    for t in readers:
        t.join()
    rc = None if killed else os.waitstatus_to_exitcode(status)
    return (rc, out["out"].decode("utf-8", "replace"), out["err"].decode("utf-8", "replace"),
            usage.ru_maxrss / 1024, time.monotonic() - start, killed[0] if killed else None)


# --- inputs ---------------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(path: Path, side: int) -> Path:
    comp = zlib.compressobj(1)  # zeros deflate ~1000:1 at any level; level 1 is quick
    row = bytes(side + 1)
    idat = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
                     + _chunk(b"IDAT", idat) + _chunk(b"IEND", b""))
    return path


def tiff_bomb(path: Path, side: int) -> Path:
    """Greyscale TIFF, one deflate strip of zeros (decodes to side² bytes)."""
    comp = zlib.compressobj(1)
    row = bytes(side)
    data = b"".join(comp.compress(row) for _ in range(side)) + comp.flush()
    entries = [(256, 4, 1, side), (257, 4, 1, side), (258, 3, 1, 8), (259, 3, 1, 8),
               (262, 3, 1, 1), (273, 4, 1, 0), (277, 3, 1, 1), (278, 4, 1, side), (279, 4, 1, len(data))]
    ifd_off = 8
    data_off = ifd_off + 2 + 12 * len(entries) + 4
    ifd = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        if tag == 273:
            value = data_off
        if typ == 3:
            ifd += struct.pack("<HHIHH", tag, typ, count, value, 0)
        else:
            ifd += struct.pack("<HHII", tag, typ, count, value)
    path.write_bytes(b"II*\x00" + struct.pack("<I", ifd_off) + ifd + b"\x00\x00\x00\x00" + data)
    return path


def bmp_rle_bomb(path: Path, side: int) -> Path:
    """8-bit RLE BMP: runs of 255 pixels (2 bytes each), ~1/128 of its decoded size."""
    row = b"\xff\x00" * (side // 255) + (bytes([side % 255, 0]) if side % 255 else b"") + b"\x00\x00"
    pixels = row * side + b"\x00\x01"
    palette = b"\x00\x00\x00\x00" * 256
    header_size = 14 + 40 + len(palette)
    info = struct.pack("<IiiHHIIiiII", 40, side, side, 1, 8, 1, len(pixels), 2835, 2835, 256, 0)
    path.write_bytes(b"BM" + struct.pack("<IHHI", header_size + len(pixels), 0, 0, header_size)
                     + info + palette + pixels)
    return path


def gif_bomb(path: Path, side: int = 65535) -> Path:
    """A GIF whose one frame declares ``side``² pixels (the format's maximum)."""
    lzw = bytes([2, 2, 0x4C, 0x01, 0x00])  # min code size 2, a clear + end: a tiny frame
    path.write_bytes(b"GIF89a" + struct.pack("<HHBBB", side, side, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
                     + b"," + struct.pack("<HHHHB", 0, 0, side, side, 0) + lzw + b"\x00;")
    return path


def webp_bomb(path: Path) -> Path:
    """A lossless WebP that declares 16383² pixels (the format's maximum) over a tiny stream."""
    from PIL import Image

    small = tempfile.mktemp(suffix=".webp")
    Image.new("L", (16, 16)).save(small, "WEBP", lossless=True)
    data = bytearray(Path(small).read_bytes())
    os.unlink(small)
    i = data.index(b"VP8L") + 8
    bits = (16383 - 1) | ((16383 - 1) << 14)
    data[i + 1:i + 5] = struct.pack("<I", bits | (struct.unpack("<I", bytes(data[i + 1:i + 5]))[0] & ~0x0FFFFFFF))
    path.write_bytes(bytes(data))
    return path


def jpeg(path: Path, seed: int, size=(640, 480)) -> Path:
    from datetime import datetime

    from tests.photos import make_jpeg

    return make_jpeg(path, when=datetime(2021, 5, 1 + seed % 27), seed=seed, size=size)


# --- the cases ------------------------------------------------------------------------------


class Bench:
    def __init__(self, work: Path, trees: dict[str, Path], rss_cap: float, time_cap: float) -> None:
        self.work, self.trees = work, trees
        self.rss_cap, self.time_cap = rss_cap, time_cap
        self.results: dict[str, list[Case]] = {k: [] for k in trees}

    def pose(self, label: str, name: str, cls: str, args: list, *, env=None, ok_codes=(0, 1, 2),
             time_cap: float | None = None, check=None) -> Case:
        tree = self.trees[label]
        rc, out, err, rss, secs, killed = run(tree, args, env=env, rss_cap=self.rss_cap,
                                              time_cap=time_cap or self.time_cap)
        case = Case(name, cls, rc, round(rss, 1), round(secs, 2), killed)
        if killed:
            why = f"over {self.rss_cap:.0f} MB" if killed == "rss" else "too slow"
            case.violations.append(f"killed ({why})")
        elif rc not in ok_codes:
            case.violations.append(f"exit code {rc}")
        if "Traceback" in err:
            case.violations.append("traceback: " + err.strip().splitlines()[-1][:160])
        if rss > RSS_LIMIT_MB:
            case.violations.append(f"peak RSS {rss:.0f} MB > {RSS_LIMIT_MB} MB")
        if check is not None and not killed:
            problem = check(rc, out, err)
            if problem:
                case.violations.append(problem)
        self.results[label].append(case)
        return case

    # bombs in every format -------------------------------------------------------------
    def bombs(self) -> None:
        src = self.work / "bombs-src"
        src.mkdir()
        files = {
            "png_20000": png_bomb(src / "b20000.png", 20000),
            "png_60000": png_bomb(src / "b60000.png", 60000),
            "tiff_20000": tiff_bomb(src / "b.tif", 20000),
            "bmp_rle_20000": bmp_rle_bomb(src / "b.bmp", 20000),
            "gif_65535": gif_bomb(src / "b.gif"),
            "webp_16383": webp_bomb(src / "b.webp"),
        }
        for label in self.trees:
            for name, path in files.items():
                folder = self.work / f"{label}-bomb-{name}"
                folder.mkdir()
                shutil.copy(path, folder / path.name)
                cat = self.work / f"{label}-bomb-{name}.sqlite"
                self.pose(label, f"index {name} ({path.stat().st_size // 1024} kB)", "bomb",
                          ["--catalog", cat, "-q", "index", folder])
            cat = self.work / f"{label}-bomb-analyze.sqlite"
            folder = self.work / f"{label}-bomb-analyze"
            folder.mkdir()
            shutil.copy(files["png_20000"], folder / "b.png")
            jpeg(folder / "ok.jpg", 1)
            run(self.trees[label], ["--catalog", cat, "-q", "index", folder], rss_cap=self.rss_cap,
                time_cap=self.time_cap)
            self.pose(label, "analyze png_20000", "bomb", ["--catalog", cat, "-q", "analyze"])
            self.pose(label, "suggest png_20000", "bomb", ["--catalog", cat, "suggest", files["png_20000"]])
            self.pose(label, "similar png_20000", "bomb", ["--catalog", cat, "similar", files["png_20000"]])

    # huge and zero-filled files --------------------------------------------------------
    def huge(self) -> None:
        for label in self.trees:
            folder = self.work / f"{label}-huge"
            folder.mkdir()
            for name in ("a.mp4", "b.mp4"):
                with open(folder / name, "wb") as fh:
                    fh.truncate(2500 * 1024 * 1024)
            with open(folder / "download.jpg", "wb") as fh:
                fh.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
                fh.truncate(2000 * 1024 * 1024)
            self.pose(label, "index 2×2.5 GB videos + 2 GB zero-filled JPEG", "huge",
                      ["--catalog", self.work / f"{label}-huge.sqlite", "-q", "index", folder],
                      time_cap=max(self.time_cap, 300))
            shutil.rmtree(folder)

    # damaged catalogs --------------------------------------------------------------------
    def catalogs(self, flips: int, rnd: random.Random) -> None:
        photos = self.work / "cat-photos"
        for i in range(12):
            jpeg(photos / f"{i}.jpg", i, size=(96, 72))
        for label, tree in self.trees.items():
            base = self.work / f"{label}-catalog-good"
            base.mkdir()
            good = base / "c.sqlite"
            run(tree, ["--catalog", good, "-q", "index", photos], rss_cap=self.rss_cap, time_cap=self.time_cap)
            run(tree, ["--catalog", good, "backup"], rss_cap=self.rss_cap, time_cap=self.time_cap)
            with sqlite3.connect(good) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            pristine = good.read_bytes()
            variants: list[tuple[str, bytes]] = [("truncated to 4 kB", pristine[:4096]), ("0 bytes", b"")]
            for k in range(flips):
                data = bytearray(pristine)
                for _ in range(rnd.randint(1, 8)):
                    data[rnd.randrange(len(data))] ^= 1 << rnd.randrange(8)
                variants.append((f"byte flips #{k}", bytes(data)))
            for vname, data in variants:
                folder = self.work / f"{label}-cat-{len(self.results[label])}"
                shutil.copytree(base, folder)
                cat = folder / "c.sqlite"
                cat.write_bytes(data)
                damaged = _damaged(cat)
                for cmd in (["stats"], ["search", "canon"], ["-q", "index", photos]):
                    before = cat.read_bytes()

                    def check(rc, out, err, before=before, cat=cat, damaged=damaged, cmd=cmd):
                        if damaged and cat.read_bytes() != before:
                            return "damaged catalog was written to or replaced"
                        if damaged and rc == 0 and cmd[-1] == str(photos):
                            return "a write to a damaged catalog went ahead"
                        return None

                    self.pose(label, f"catalog {vname}: {cmd[0] if cmd[0] != '-q' else 'index'}",
                              "catalog", ["--catalog", cat, *cmd], check=check)

    # edited photos ---------------------------------------------------------------------
    def edited(self) -> None:
        from PIL import Image

        for label, tree in self.trees.items():
            folder = self.work / f"{label}-edit"
            p = jpeg(folder / "a.jpg", 3)
            jpeg(folder / "b.jpg", 4)
            cat = self.work / f"{label}-edit.sqlite"
            run(tree, ["--catalog", cat, "-q", "index", folder], rss_cap=self.rss_cap, time_cap=self.time_cap)
            with Image.open(p) as im:
                im.rotate(90, expand=True).save(p, "JPEG", quality=90)
            st = os.stat(folder / "b.jpg")
            data = bytearray((folder / "b.jpg").read_bytes())
            data[-10] ^= 0xFF
            (folder / "b.jpg").write_bytes(bytes(data))
            os.utime(folder / "b.jpg", ns=(st.st_atime_ns, st.st_mtime_ns))

            def check(rc, out, err, cat=cat, folder=folder):
                with sqlite3.connect(cat) as conn:
                    phantoms = conn.execute(
                        "SELECT COUNT(*) FROM photos p WHERE status='ok' AND NOT EXISTS (SELECT 1 FROM"
                        " files f WHERE f.photo_id=p.id AND f.status='ok')").fetchone()[0]
                    hashes = {r[0] for r in conn.execute("SELECT hash FROM photos WHERE status='ok'")}
                import hashlib
                now = {hashlib.blake2b((folder / n).read_bytes(), digest_size=20).hexdigest()
                       for n in ("a.jpg", "b.jpg")}
                if phantoms:
                    return f"{phantoms} phantom photo(s)"
                if hashes != now:
                    return "the catalog does not show the files as they are now"
                return None

            self.pose(label, "index after rotate in place + same-size/mtime replacement", "edited",
                      ["--catalog", cat, "-q", "index", folder], check=check)

    # nested JSON -----------------------------------------------------------------------
    def nested(self) -> None:
        from tests.ingest.instagram_data import export_posts, make_export, make_instaloader_folder

        nest = b"[" * 200_000 + b"]" * 200_000
        entries, files = export_posts(4, carousel_every=0, video_every=0)
        zpath = make_export(self.work / "nested.zip", entries, files, owner=None, extra={
            "your_instagram_activity/content/posts_2.json": nest,
            "personal_information/personal_information/personal_information.json": nest})
        folder = self.work / "nested-instaloader"
        make_instaloader_folder(folder, 3, carousel_every=0, video_every=0)
        with lzma.open(sorted(folder.glob("*.json.xz"))[0], "wb") as fh:
            fh.write(b'{"node": ' + nest + b"}")
        for label in self.trees:
            def posts(n):
                return lambda rc, out, err: None if rc == 0 and f"{n} posts added" in out else "import stopped"
            self.pose(label, "import-export with nested posts_2.json + personal_information.json",
                      "nested", ["--catalog", self.work / f"{label}-nested1.sqlite", "-q", "import-export", zpath],
                      check=posts(4))
            self.pose(label, "import-instaloader with one nested .json.xz", "nested",
                      ["--catalog", self.work / f"{label}-nested2.sqlite", "-q", "import-instaloader", folder],
                      check=posts(3))

    # control characters, non-UTF-8 -------------------------------------------------------
    def text(self) -> None:
        folder = self.work / "text-photos"
        jpeg(folder / "two\nlines.jpg", 5)
        latin = os.fsencode(str(folder)) + b"/caf\xe9.jpg"
        with open(latin, "wb") as fh:
            fh.write(jpeg(self.work / "x.jpg", 6).read_bytes())
        args = [["search", b"caf\xe9"], ["search", "a\x01\x1bb"], ["show", b"\xff\xfe"], ["show", latin],
                ["merge-hashtag", b"\xe9t\xe9", "summer"], ["people", "name", "1", b"J\xf6rg"],
                ["search", "canon"]]
        for label, tree in self.trees.items():
            cat = self.work / f"{label}-text.sqlite"
            run(tree, ["--catalog", cat, "-q", "index", folder], rss_cap=self.rss_cap, time_cap=self.time_cap)
            for a in args:
                def check(rc, out, err, a=a):
                    if a == ["search", "canon"] and len(out.splitlines()) != 2:
                        return "a file name split a result line"
                    return None
                self.pose(label, "args " + repr(a)[:60], "text", ["--catalog", cat, *a], check=check)

    # a network that never answers ------------------------------------------------------
    def network(self) -> None:
        server = socket.socket()
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        held = []
        stop = threading.Event()

        def serve():
            server.settimeout(0.2)
            while not stop.is_set():
                try:
                    held.append(server.accept()[0])
                except OSError:
                    continue

        t = threading.Thread(target=serve, daemon=True)
        t.start()
        proxy = f"http://127.0.0.1:{server.getsockname()[1]}"
        env = {"HTTPS_PROXY": proxy, "HTTP_PROXY": proxy, "https_proxy": proxy, "http_proxy": proxy,
               "NO_PROXY": "", "no_proxy": ""}
        try:
            for label in self.trees:
                def check(rc, out, err):
                    return None if rc == 1 and "did not answer" in err else "no sentence about the network"
                self.pose(label, "import-instagram through a silent proxy", "network",
                          ["--catalog", self.work / f"{label}-net.sqlite", "import-instagram", "someone"],
                          env=env, time_cap=NETWORK_LIMIT_S + 5, check=check)
        finally:
            stop.set()
            t.join()
            for c in held:
                c.close()
            server.close()


def _damaged(cat: Path) -> bool:
    if cat.stat().st_size == 0:
        return True
    try:
        with sqlite3.connect(f"file:{cat}?mode=ro", uri=True) as conn:
            conn.text_factory = bytes  # its report may quote damaged text
            return conn.execute("PRAGMA quick_check").fetchone()[0] != b"ok"
    except sqlite3.DatabaseError:
        return True


def mutations(cases: int, rnd: random.Random) -> dict:
    """The random image mutations through the indexer's reader (in this process)."""
    from tests.ingest.test_fuzz_media import SEEDS, check_one, mutate

    def ops():
        out = []
        for _ in range(rnd.randint(1, 6)):
            kind = rnd.choice(["flip", "truncate", "insert", "big"])
            if kind == "insert":
                out.append((kind, rnd.randrange(10**6), rnd.randbytes(rnd.randint(1, 64))))
            else:
                out.append((kind, rnd.randrange(10**6), rnd.randint(1, 255)))
        return out

    per, failures, start = {}, [], time.perf_counter()
    for ext, seed in sorted(SEEDS.items()):
        bad = 0
        for _ in range(cases):
            with tempfile.TemporaryDirectory() as tmp:
                try:
                    check_one(Path(tmp), ext, mutate(seed, ops()))
                except Exception:
                    bad += 1
                    failures.append((ext, traceback.format_exc(limit=3)))
        per[ext] = {"cases": cases, "violations": bad}
    for ext, tb in failures[:3]:
        print(f"--- {ext}\n{tb}")
    n = cases * len(SEEDS)
    return {"cases": n, "violations": len(failures), "per_format": per,
            "cases_per_s": round(n / (time.perf_counter() - start), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=200, help="random image mutations per format")
    ap.add_argument("--flips", type=int, default=30, help="random byte-flip catalogs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--baseline-tree", type=Path, help="another checkout to run the same cases on")
    ap.add_argument("--rss-cap", type=float, default=3000, help="MB at which a case is killed")
    ap.add_argument("--time-cap", type=float, default=120, help="seconds after which a case is killed")
    ap.add_argument("--only", nargs="*", help="classes: bombs huge catalogs edited nested text network")
    ap.add_argument("--data", type=Path, help="unused (the inputs are generated); accepted for symmetry")
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    trees = {"after": REPO}
    if args.baseline_tree:
        trees["before"] = args.baseline_tree.resolve()
    work = Path(tempfile.mkdtemp(prefix="pose-attack-"))
    bench = Bench(work, trees, args.rss_cap, args.time_cap)
    classes = args.only or ["bombs", "huge", "catalogs", "edited", "nested", "text", "network"]
    try:
        for cls in classes:
            t = time.monotonic()
            try:
                if cls == "catalogs":
                    bench.catalogs(args.flips, random.Random(args.seed))
                else:
                    getattr(bench, cls)()
            except Exception:  # the benchmark's own bug: report it, keep the other classes
                traceback.print_exc()
                for label in trees:
                    bench.results[label].append(Case(f"{cls}: benchmark error", cls, violations=["benchmark error"]))
            print(f"[{cls}] {time.monotonic() - t:.0f} s", file=sys.stderr)
            for label, cases in bench.results.items():  # as it goes, in case of a stop
                for c in cases:
                    if c.cls == cls:
                        print(f"  {label}: {c.name[:60]:60} rc={c.rc} {c.peak_rss_mb:.0f} MB "
                              f"{c.seconds:.1f} s {'; '.join(c.violations)}", file=sys.stderr)
        mut = mutations(args.cases, rnd) if args.cases else {"cases": 0, "violations": 0}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {}
    for label, cases in bench.results.items():
        print(f"\n== {label} ({trees[label]})")
        for c in cases:
            flag = "OK " if not c.violations else "BAD"
            print(f"  {flag} {c.cls:8} {c.name[:70]:70} rc={c.rc} {c.peak_rss_mb:7.0f} MB "
                  f"{c.seconds:6.1f} s {'; '.join(c.violations)}")
        summary[label] = {
            "cases": len(cases),
            "violations": sum(1 for c in cases if c.violations),
            "tracebacks": sum(1 for c in cases if any(v.startswith("traceback") for v in c.violations)),
            "max_peak_rss_mb": max((c.peak_rss_mb for c in cases), default=0),
            "per_case": {f"{c.cls}: {c.name}": {"rss_mb": c.peak_rss_mb, "s": c.seconds, "rc": c.rc,
                                                 **({"killed": c.killed} if c.killed else {}),
                                                 **({"violations": c.violations} if c.violations else {})}
                         for c in cases if c.cls != "catalog" or c.violations},
        }
        net = [c for c in cases if c.cls == "network"]
        if net:
            summary[label]["silent_network_s"] = net[0].seconds
    print(f"\nimage mutations: {mut['cases']} cases, {mut['violations']} violations")
    print(json.dumps({"attack": summary, "mutations": mut}, ensure_ascii=False))


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.default_int_handler)
    main()
