"""Photos through the app's own analysis, once: what the hashtag benchmark and the hashtag
head's build script (models/build_hashtag_head.py) need of each photo, cached.

``photo_records(paths)`` runs every file through ``Library.pictures.image_analysis`` (the
path ``pose suggest`` takes for a dropped file: one analysis graph with faces, ages, the
COCO detector and the picture analyzer) and keeps, per photo: its facts without the
hashtag head's (the head is re-run on the kept inputs, so a retrained head reuses the
cache; the people facts are derived again from the kept detections and faces, so re-tuned
people rules reuse it too: ``facts_of``), the head's inputs (backbone features, clothing features, the detections and the
faces with their ages, the face the real-face gate dropped) and the real date (EXIF). The head's backbone inputs are kept for both
views it may take: the 224 px crop (``mobilenet`` is also the photo's stored features) and
``HASHTAG_CROP`` with the whole photo letterboxed at ``HASHTAG_LETTERBOX`` px
(``hashtag_mobilenet``, ``hashtag_clothing``: the picture analyzer's second pass over both
views, side by side as the head takes them, ``hashtag_head.side_by_side``); ``head_inputs``
picks the view a head names. The cache is one .npz per graph version (every fact
analyzer's version but the head's, ``HASHTAG_CROP`` and ``HASHTAG_LETTERBOX``) under
``artifacts/bench_cache`` (ignored by git), keyed by each file's sha256: a renamed copy is
found, an edited file is not.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO / "artifacts" / "bench_cache"
FIELDS = ("facts", "mobilenet", "clothing", "hashtag_mobilenet", "hashtag_clothing", "detections", "faces",
          "dropped_face", "taken")
ARRAYS = ("mobilenet", "clothing", "hashtag_mobilenet", "hashtag_clothing")
SAVE_EVERY = 200


def graph_version(graph: list) -> str:
    """What the cached outputs depend on: every fact analyzer's version, the hashtag head's
    left out (the head is re-run on the cached inputs), and so are the rules of the object
    tags beyond the detections (the cache keeps the detections, not those tags) and the
    head's check of the backbone's dog and cat (``tagging.objects.head_checked``: the
    benchmarks apply it to the head's outputs they score, out-of-fold ones included; a
    record made since keeps the facts the shipped head left); the hashtag view's crop is in."""
    from pose_desktop.analysis.objects import TAGS_VERSION
    from pose_desktop.analysis.picture import CHECK_VERSION
    from pose_desktop.inference.hashtag_head import HashtagHead
    from pose_desktop.inference.imagenet import HASHTAG_CROP, HASHTAG_LETTERBOX

    return "|".join([f"{a.name}={a.version}".replace(f"+{HashtagHead.version}", "").replace(f"+{TAGS_VERSION}", "")
                     .replace(f"+{CHECK_VERSION}", "")
                     for a in graph] + [f"hashtag_crop={HASHTAG_CROP.side}/{HASHTAG_CROP.short}"
                                        f"+letterbox={HASHTAG_LETTERBOX}"])


def _record(lib, picture, path: Path) -> dict:
    """One photo through the app's path for a dropped file, as the cache keeps it."""
    from pose_desktop.analysis.picture import hashtag_views
    from pose_desktop.inference.imagenet import HASHTAG_CROP, HASHTAG_LETTERBOX, preprocess_imagenet
    from pose_desktop.services.pictures import taken_at
    from pose_desktop.tagging.objects import encode_detections

    facts, results, image = lib.pictures.image_analysis(path)
    det, faces = results.get("objects"), results.get("faces")
    w, h = image.original_size
    ages = [a for _box, a in results.get("face_age") or []]
    hashtag_mobilenet, hashtag_clothing = picture.hashtag_features(
        None, hashtag_views(image.native, HASHTAG_CROP, HASHTAG_LETTERBOX)[None])
    return {
        "facts": type(facts)([f for f in facts.facts if f.kind != "hashtag"]).to_json(),
        "mobilenet": results["picture"].features.astype(np.float32),
        "clothing": picture.clothing.features(preprocess_imagenet(image.native)[None])[0].astype(np.float32),
        "hashtag_mobilenet": hashtag_mobilenet[0].astype(np.float32),
        "hashtag_clothing": hashtag_clothing[0].astype(np.float32),
        "detections": "" if det is None else encode_detections(det),
        "faces": "" if faces is None else json.dumps(
            [[round(float(f.box[0]) / w, 4), round(float(f.box[1]) / h, 4), round(float(f.box[2]) / w, 4),
              round(float(f.box[3]) / h, 4), round(float(f.score), 4), ages[k] if k < len(ages) else None]
             for k, f in enumerate(faces)]),
        "dropped_face": _dropped_json(getattr(faces, "dropped", None), w, h),
        "taken": taken_at(path) or "",
    }


def _dropped_json(face, w: int, h: int) -> str:
    """The gate-dropped face as the cache keeps it: [x1, y1, x2, y2, score], fractions."""
    if face is None:
        return ""
    x1, y1, x2, y2 = (float(v) for v in face.box[:4])
    return json.dumps([round(x1 / w, 4), round(y1 / h, 4), round(x2 / w, 4), round(y2 / h, 4), round(float(face.score), 4)])


def photo_records(paths: list[Path], cache_dir: Path | None = CACHE_DIR, lib=None) -> list[dict]:
    """The record of every file (see the module docstring) with its ``sha``, from the cache
    where it holds the file, the rest computed now and added (saved every ``SAVE_EVERY``
    photos, so a stopped run keeps its work). ``cache_dir`` None: no cache. ``lib``: a
    ``Library`` to run the models in (default: a temporary one)."""
    from pose_desktop.services import Library

    if lib is None:
        with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "c.sqlite") as temp:
            return photo_records(paths, cache_dir, temp)
    graph = lib.pictures._fact_analyzers()
    picture = next(a for a in graph if a.name == "picture")
    key = hashlib.sha256(graph_version(graph).encode()).hexdigest()[:16]
    file = cache_dir / f"photos-{key}.npz" if cache_dir is not None else None
    known: dict[str, dict] = {}
    if file is not None and file.exists():
        with np.load(file, allow_pickle=False) as z:
            cols = {k: z[k] for k in z.files}
        for i, sha in enumerate(cols["sha"]):
            known[str(sha)] = {k: cols[k][i] if cols[k].dtype.kind == "f" else str(cols[k][i]) for k in FIELDS}

    def save() -> None:
        if file is None or not known:
            return
        file.parent.mkdir(parents=True, exist_ok=True)
        shas = sorted(known)
        tmp = file.with_name(file.stem + ".partial.npz")
        np.savez(tmp, sha=np.array(shas), **{
            k: np.stack([known[s][k] for s in shas]) if k in ARRAYS
            else np.array([known[s][k] for s in shas]) for k in FIELDS})
        tmp.replace(file)

    out, fresh = [], 0
    for path in paths:
        sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        if sha not in known:
            known[sha] = _record(lib, picture, Path(path))
            fresh += 1
            if fresh % SAVE_EVERY == 0:
                save()
        out.append(known[sha] | {"sha": sha})
    if fresh:
        save()
    return out


def faces_of(record: dict) -> list | None:
    """The record's faces as ``FaceBox`` (None where the faces analyzer did not run)."""
    from pose_desktop.tagging.people_facts import FaceBox

    if not record["faces"]:
        return None
    return [FaceBox(max(0.0, (x2 - x1) * (y2 - y1)), score, age, (x1, y1, x2, y2))
            for x1, y1, x2, y2, score, age in json.loads(record["faces"])]


def dropped_face_of(record: dict):
    """The record's gate-dropped face as a ``FaceBox`` (None: none)."""
    from pose_desktop.tagging.people_facts import FaceBox

    if not record.get("dropped_face"):
        return None
    x1, y1, x2, y2, score = json.loads(record["dropped_face"])
    return FaceBox(max(0.0, (x2 - x1) * (y2 - y1)), score, None, (x1, y1, x2, y2))


def facts_of(record: dict):
    """The record's facts without the head's (``PictureFacts``), the people facts derived
    now from its detections and faces by the current rules (``tagging.objects.layout_facts``),
    as a library photo's are from what was stored; the rest as the analyzers gave them."""
    from pose_desktop.tagging.objects import decode_detections, layout_facts
    from pose_desktop.tagging.scenes import PictureFacts

    facts = PictureFacts.from_json(record["facts"])
    if record["detections"]:
        facts.facts = [f for f in facts.facts if f.kind != "people"] + layout_facts(
            decode_detections(record["detections"]), faces_of(record), dropped_face_of(record))
    return facts


def head_inputs(records: list[dict], crop=None):
    """``training.hashtags.HeadInputs`` of records, as the picture analyzer builds them for
    a head that takes ``crop`` (``HashtagHead.crop``; default ``HASHTAG_CROP``, the view
    the recipe trains on; ``BACKBONE_CROP`` for a head on the 224 px crop's features)."""
    from pose_desktop.inference.imagenet import BACKBONE_CROP, HASHTAG_CROP
    from pose_desktop.tagging.hashtag_inputs import object_inputs
    from pose_desktop.tagging.objects import decode_detections
    from pose_desktop.training.hashtags import HeadInputs

    crop = crop or HASHTAG_CROP
    if crop not in (BACKBONE_CROP, HASHTAG_CROP):
        raise ValueError(f"no cached features of the crop {crop}")
    prefix = "" if crop == BACKBONE_CROP else "hashtag_"
    return HeadInputs(
        np.stack([r[prefix + "mobilenet"] for r in records]).astype(np.float32),
        np.stack([r[prefix + "clothing"] for r in records]).astype(np.float32),
        np.stack([object_inputs(decode_detections(r["detections"]) if r["detections"] else None, faces_of(r))
                  for r in records]))


def duplicate_groups(records: list[dict]) -> np.ndarray:
    """``training.hashtags.duplicate_groups`` of records by their stored (224 px) features:
    the same folds whichever view the head takes."""
    from pose_desktop.training.hashtags import duplicate_groups as groups

    return groups(np.stack([r["mobilenet"] for r in records]).astype(np.float32))
