"""Indexing a large real video: peak memory and time.

    python benchmarks/video_bench.py [--mb 2000] [--dir /tmp/pose_video]

Writes (once, reused) a real MPEG-4 video of about ``--mb`` megabytes with PyAV (720p
noise at the highest quality, so every frame is large), then indexes it in a fresh child
process and reports the child's peak RSS, and, as the baseline in the same run, the peak
RSS of a child indexing a folder with one small JPEG: the difference is what the video
costs (streamed hash + PyAV poster/date/duration). Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_video(path: Path, mb: int) -> None:
    import av
    import numpy as np

    if path.exists() and path.stat().st_size >= mb * 1e6 * 0.9:
        return
    tmp = path.with_suffix(".tmp.mp4")
    rng = np.random.default_rng(0)
    frames = [rng.integers(0, 255, (720, 1280, 3), dtype=np.uint8) for _ in range(8)]
    with av.open(str(tmp), "w", options={"movflags": "use_metadata_tags"}) as out:
        out.metadata["creation_time"] = "2023-08-15T12:04:05.000000Z"
        s = out.add_stream("mpeg4", rate=30, options={"qscale": "1"})
        s.width, s.height, s.pix_fmt = 1280, 720, "yuv420p"
        s.time_base = Fraction(1, 30)
        s.codec_context.bit_rate = 400_000_000
        s.codec_context.qmin = s.codec_context.qmax = 1
        i = 0
        while not tmp.exists() or tmp.stat().st_size < mb * 1e6:
            frame = av.VideoFrame.from_ndarray(frames[i % len(frames)], format="rgb24")
            frame.pts = i
            for p in s.encode(frame):
                out.mux(p)
            i += 1
        for p in s.encode():
            out.mux(p)
    os.replace(tmp, path)


def child(folder: str) -> None:
    from collections import deque

    from pose_desktop.services import Library

    with tempfile.TemporaryDirectory() as d:
        lib = Library(Path(d) / "c.sqlite")
        t = time.perf_counter()
        ev = deque(lib.photos.index_folder(folder), maxlen=1)[0]
        took = time.perf_counter() - t
        photos = lib.photos.page()
        detail = lib.photos.photo(photos[0].id) if photos else None
        has_thumb = bool(detail and detail.thumbnail and detail.thumbnail.exists())
        lib.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"added": ev.added, "seconds": took, "peak_rss_mb": rss,
                      "duration": detail.duration if detail else None,
                      "has_thumb": has_thumb,
                      "date": detail.taken_at if detail else None}))


def run_child(folder: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=2000)
    ap.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "pose_video")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    from tests.photos import make_jpeg

    video_dir, photo_dir = args.dir / "video", args.dir / "photo"
    video_dir.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    make_video(video_dir / "big.mp4", args.mb)
    size = (video_dir / "big.mp4").stat().st_size
    print(f"video: {size / 1e6:.0f} MB ready ({time.perf_counter() - t:.0f} s)", flush=True)
    if not (photo_dir / "a.jpg").exists():
        make_jpeg(photo_dir / "a.jpg", seed=1)
    base = run_child(photo_dir)
    video = run_child(video_dir)
    extra = video["peak_rss_mb"] - base["peak_rss_mb"]
    print(f"baseline (one JPEG): peak RSS {base['peak_rss_mb']:.0f} MB")
    print(f"{size / 1e6:.0f} MB video: peak RSS {video['peak_rss_mb']:.0f} MB (+{extra:.0f} MB), "
          f"{video['seconds']:.1f} s; poster {video['has_thumb']}, duration {video['duration']} s, "
          f"date {video['date']}")
    print(json.dumps({"video_mb": size / 1e6, "baseline_rss_mb": base["peak_rss_mb"],
                      "video_rss_mb": video["peak_rss_mb"], "extra_rss_mb": extra,
                      "seconds": video["seconds"], "poster": video["has_thumb"],
                      "duration_s": video["duration"]}))


if __name__ == "__main__":
    main()
