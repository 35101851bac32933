"""The fact analyzers' raw results on every labelled photo of a datasets folder, cached.

Used by benchmarks/quality_people_layout.py: each photo of DIR/hashtags and DIR/captioned
goes through the app's own graph for a dropped photo (``registry.fact_names()``: faces,
face ages, the COCO detector, the picture analyzer with the hashtag head; decoded by
``decode_image`` at the graph's size, ``runner.analyze_image``), and what the people
layout and the rules read is kept, one JSON line per photo, in FILE:

- ``det``: every detection (``tagging.objects.encode_detections``: class, score, box);
- ``faces``: each face's box and landmarks as fractions of the upright photo, its score
  and estimated age;
- ``facts``: the photo's facts without the people ones (scenes, objects, clothing,
  hashtag head probabilities), as ``PictureFacts.to_json`` writes them.

A FILE that exists is extended (photos already in it are not run again), so an
interrupted run resumes.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pose_desktop.analysis import registry  # noqa: E402
from pose_desktop.analysis.facts import image_facts  # noqa: E402
from pose_desktop.analysis.runner import analyze_image  # noqa: E402
from pose_desktop.inference.decode import DEFAULT_MAX_SIDE, decode_image  # noqa: E402
from pose_desktop.tagging.objects import encode_detections  # noqa: E402

PEOPLE_KINDS = ("face", "people")  # recomputed from the raw boxes by the benchmark


def photo_entry(analyzers: list, path: Path) -> dict:
    """The cached results of one photo (see the module docstring)."""
    side = max(getattr(a, "max_side", DEFAULT_MAX_SIDE) for a in analyzers)
    image = decode_image(path, side)
    results, failed = analyze_image(image, analyzers, str(path))
    if failed:
        return {"error": "; ".join(f"{k}: {v}" for k, v in failed.items())}
    w, h = image.original_size
    ages = [a for _, a in results.get("face_age") or []]
    faces = []
    for k, f in enumerate(results.get("faces") or []):
        x1, y1, x2, y2 = (float(v) for v in f.box[:4])
        marks = [round(float(v) / (w if j % 2 == 0 else h), 4)
                 for j, v in enumerate(f.landmarks.reshape(-1))]
        faces.append({"box": [round(x1 / w, 4), round(y1 / h, 4), round(x2 / w, 4), round(y2 / h, 4)],
                      "score": round(float(f.score), 4), "marks": marks,
                      "age": ages[k] if k < len(ages) else None})
    facts = image_facts(analyzers, results, image)
    facts.facts = [f for f in facts.facts if f.kind not in PEOPLE_KINDS]
    return {"w": w, "h": h, "det": encode_detections(results["objects"]), "faces": faces,
            "facts": facts.to_json()}


def build_cache(paths: dict[str, Path], cache: Path, log=print) -> dict[str, dict]:
    """``{key: entry}`` for every ``{key: image path}``, running the photos missing from
    ``cache`` and appending them to it."""
    done: dict[str, dict] = {}
    if cache.exists():
        lines = cache.read_text(encoding="utf-8").splitlines()
        for line in lines:
            try:
                row = json.loads(line)
            except json.JSONDecodeError:  # the last line of a run that was stopped
                continue
            done[row["key"]] = row
        # rewrite the complete lines only, so the lines appended below start on their own
        cache.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in done.values()),
                         encoding="utf-8")
    todo = [k for k in paths if k not in done]
    if todo:
        analyzers = registry.build(registry.fact_names())
        for a in analyzers:
            a.load()
        start = time.perf_counter()
        with open(cache, "a", encoding="utf-8") as out:
            for n, key in enumerate(todo, 1):
                row = {"key": key, **photo_entry(analyzers, paths[key])}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                done[key] = row
                if n % 200 == 0:
                    out.flush()
                    rate = (time.perf_counter() - start) / n
                    log(f"  {n}/{len(todo)} photos analysed, {rate * 1000:.0f} ms each", flush=True)
    return {k: done[k] for k in paths}
