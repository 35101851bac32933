"""The "faces" analyzer: detect every face, align it, embed it, store it, recognise it.

Plugs into ``analysis.runner.run_analysis`` (see its docstring). Faces are found on the
runner's decoded copy (≤ 1280 px) and stored in the upright original's pixels.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.inference.face_models import FaceDetection, FaceDetector, FaceEmbedder, Pyramid
from pose_desktop.inference.transforms import box_area
from pose_desktop.tagging import people
from pose_desktop.tagging.people import FaceRecord, FoundFaces
from pose_desktop.tagging.people_facts import face_box, face_facts, faces_from_catalog
from pose_desktop.tagging.scenes import PictureFacts

# The real-face gate (models/face_gate.npy, trained by models/build_face_gate.py): a face is
# kept when MTCNN's O-Net score is >= GATE_MIN_SCORE and the gate's probability >= GATE_MIN_PROB.
GATE_FILE = "face_gate.npy"
GATE_MIN_SCORE = 0.95
GATE_MIN_PROB = 0.2
# The largest detection the gate leaves out with at least this detector score is kept
# beside the faces as ``FoundFaces.dropped``: selfie evidence only (a close face in heavy
# make-up, sunglasses, cut by the frame), never a face (models/MODELS.md, hashtag_head.onnx).
DROPPED_MIN_SCORE = 0.9
# A chip whose centre has less fine detail than this (variance of the Laplacian over the
# variance of the grey levels) counts as blurred: on the dev faces the 5th percentile is
# 0.018, after a Gaussian blur of radius 3 px the median 0.017 and the 5th percentile 0.006.
SHARP_FULL = 0.01


def search_threads() -> int:
    """Photos of a batch searched for faces at once: ``POSE_FACE_THREADS``, else 2 (1 on one core)."""
    env = os.environ.get("POSE_FACE_THREADS", "")
    return max(1, int(env)) if env.isdigit() else max(1, min(2, os.cpu_count() or 1))


def gate_inputs(embedding: np.ndarray, score: float) -> np.ndarray:
    """The gate's 129 inputs: the unit embedding and the logit of the detector's score."""
    p = float(np.clip(score, 1e-6, 1 - 1e-6))
    return np.concatenate([np.asarray(embedding, np.float64), [np.log(p / (1 - p))]])


def gate_prob(inputs: np.ndarray, params: np.ndarray) -> np.ndarray:
    """Probability that each row of ``gate_inputs`` is a real face."""
    z = np.asarray(inputs, np.float64) @ params[:-1].astype(np.float64) + float(params[-1])
    return 1.0 / (1.0 + np.exp(-z))


def sharpness(chip: np.ndarray) -> float:
    """Fine detail in the middle of a face chip: Laplacian variance / grey-level variance."""
    h, w = chip.shape[:2]
    c = np.asarray(chip[h // 4 : h - h // 4, w // 4 : w - w // 4], np.float32).mean(axis=2)
    lap = 4 * c[1:-1, 1:-1] - c[:-2, 1:-1] - c[2:, 1:-1] - c[1:-1, :-2] - c[1:-1, 2:]
    return float(lap.var()) / max(float(c.var()), 1.0)


def face_quality(det: FaceDetection, chip: np.ndarray | None = None) -> float:
    """0..1: detector confidence × size (full at 64 px) × frontality (nose between the eyes)
    × sharpness of the chip (full at ``SHARP_FULL``).

    Faces below ``people.CLUSTER_MIN_QUALITY`` are stored and recognised but not clustered;
    below ``people.AUTO_MIN_QUALITY`` they are never assigned to a person automatically.
    """
    marks = det.landmarks
    eye_mid = (marks[0] + marks[1]) / 2
    eye_dist = max(float(np.linalg.norm(marks[1] - marks[0])), 1e-3)
    yaw = abs(float(marks[2][0] - eye_mid[0])) / eye_dist
    frontal = float(np.clip(1.0 - yaw, 0.2, 1.0))
    size = float(np.clip(det.size / 64.0, 0.1, 1.0))
    sharp = 1.0 if chip is None else float(np.clip(sharpness(chip) / SHARP_FULL, 0.2, 1.0))
    return float(det.score) * size * frontal * sharp


class FaceAnalyzer:
    """MTCNN + dlib's identity ResNet over a batch of decoded photos (one embedder run per batch)."""

    name = "faces"
    # +dropped-1: the gate's largest dropped detection kept (``FoundFaces.dropped``);
    # +share-1: P-Net skips the level for faces under 2 % of the longer side (``MIN_FACE_SHARE``)
    version = f"{people.FACE_MODEL}+dropped-1+share-1"
    depends_on: tuple[str, ...] = ()

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        device: str | None = None,
        threads: int | None = None,
        min_face: float = 20.0,
        gate: bool = True,
    ) -> None:
        self.detector = FaceDetector(models_dir, min_face=min_face, device=device, threads=threads)
        self.embedder = FaceEmbedder(models_dir, device=device, threads=threads)
        self.gate = gate
        self._gate_params: np.ndarray | None = None

    def gate_params(self) -> np.ndarray:
        """The real-face gate's weights (models/face_gate.npy, sha256-checked)."""
        if self._gate_params is None:
            from pose_desktop.inference.manifest import load_manifest, verify_model_file

            root = self.embedder.models_dir
            path = root / GATE_FILE
            verify_model_file(path, load_manifest(root).get(GATE_FILE))
            self._gate_params = np.load(path, allow_pickle=False).astype(np.float64)
        return self._gate_params

    def is_real(self, embedding: np.ndarray, score: float) -> bool:
        """Whether a detection passes the real-face gate (fabric, patterns, pets do not)."""
        if score < GATE_MIN_SCORE:
            return False
        return float(gate_prob(gate_inputs(embedding, score)[None], self.gate_params())[0]) >= GATE_MIN_PROB

    def load(self) -> None:
        """Create the sessions now (otherwise on first use)."""
        self.detector.load()
        self.embedder.load()
        if self.gate:
            self.gate_params()

    def prepare(self, image) -> Pyramid:
        """The detector's image pyramid and summed-area table of one ``DecodedImage`` (run
        in the runner's decode thread, so that work overlaps the model runs of the batch before).

        A photo decoded below the runner's size (``image.detail`` < 1: e.g. 1000 px where
        1280 was asked) is searched for proportionally smaller faces, so the smallest face
        found in the original's pixels does not depend on the JPEG's DCT scale. On a photo
        over 1000 px P-Net skips the largest level (faces under 2 % of its longer side,
        ``face_models.MIN_FACE_SHARE``)."""
        return self.detector.pyramid(image.image, self.detector.min_face * image.detail)

    def detect_and_embed(
        self, images: list[np.ndarray | Image.Image], pyramids: list[Pyramid | None] | None = None
    ) -> list[FoundFaces]:
        """Faces (in the given images' pixels) of each RGB uint8 array or PIL image, embedded;
        detections that fail the real-face gate are left out (unless built with ``gate=False``),
        the largest of them scoring >= ``DROPPED_MIN_SCORE`` kept as ``dropped``.

        ``pyramids``: ``prepare``'s result per image where already made (else None); the
        list's entries are released as the photos are searched."""
        pyramids = pyramids or [None] * len(images)

        def search(k: int) -> tuple[list[FaceDetection], list[tuple[np.ndarray, float]]]:
            pyr, pyramids[k] = pyramids[k], None
            dets = self.detector.detect(pyr if pyr is not None else images[k])
            del pyr
            return dets, self._chips(images[k], dets)

        # Two photos are searched at once: ONNX Runtime lets go of the GIL, and one photo's
        # Python steps between its model runs (NMS, crops, alignment) leave a core idle.
        workers = min(search_threads(), len(images))
        if workers > 1:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pose-faces") as pool:
                searched = list(pool.map(search, range(len(images))))
        else:
            searched = [search(k) for k in range(len(images))]
        found = [dets for dets, _ in searched]
        chips = [chip for _, made in searched for chip in made]
        crops = [crop for crop, _ in chips]
        emb = self.embedder.embed(np.stack(crops)) if crops else np.zeros((0, self.embedder.dim), np.float32)
        out, k = [], 0
        for dets in found:
            faces = FoundFaces()
            for d in dets:
                if not self.gate or self.is_real(emb[k], d.score):
                    faces.append(FaceRecord(d.box.copy(), d.landmarks.copy(), d.score, chips[k][1], emb[k]))
                elif d.score >= DROPPED_MIN_SCORE and (
                        faces.dropped is None or box_area(d.box[None])[0] > box_area(faces.dropped.box[None])[0]):
                    faces.dropped = FaceRecord(d.box.copy(), d.landmarks.copy(), d.score, chips[k][1], None)
                k += 1
            out.append(faces)
        return out

    def _chips(self, image: np.ndarray | Image.Image, found: list[FaceDetection]) -> list[tuple[np.ndarray, float]]:
        """(the embedder's chip, ``face_quality``) of each detection in ``image``."""
        out = []
        for d in found:
            chip = self.embedder.align(image, d.landmarks)
            out.append((chip, face_quality(d, chip)))
        return out

    def analyze_batch(self, items: list) -> list[FoundFaces]:
        """Runner entry point: faces per item, boxes mapped back to original pixels.

        Each item's prepared pyramid is taken out of it (``prepared``) and dropped once its
        photo is searched: with its summed-area table it is the largest thing a batch holds,
        and the runner keeps the items until the batch is written."""
        results = self.detect_and_embed(
            [it.image.image for it in items],
            [it.prepared.pop(self.name, None) or self.prepare(it.image) for it in items],
        )
        for it, faces in zip(items, results, strict=False):
            s = it.image.scale
            for f in faces + ([faces.dropped] if faces.dropped is not None else []):
                f.box = f.box / s
                f.landmarks = f.landmarks / s
        return results

    def store(self, db, photo, faces: FoundFaces) -> None:
        """Replace the photo's faces (keeping the user's names and rejections) and its
        dropped face, recognise."""
        people.replace_faces(db, photo.id, faces, people.FACE_MODEL)
        people.replace_dropped_face(db, photo.id, getattr(faces, "dropped", None))

    def load_result(self, db, photo) -> FoundFaces:
        """The stored faces of a photo, with its dropped face (for analyzers that use faces)."""
        return people.load_faces(db, photo.id)

    # --- facts (analysis.facts) -------------------------------------------------------

    def facts(self, results: dict, image) -> PictureFacts:
        """People facts (selfie, couple, group, child, adult) of this run's faces, with the
        ages ``face_age`` gave them where it ran."""
        faces = results[self.name]
        ages = [age for _, age in results.get("face_age") or []]
        ages += [None] * (len(faces) - len(ages))
        w, h = image.original_size
        return PictureFacts(face_facts([face_box(*(float(v) for v in f.box[:4]), f.score, age, w, h)
                                        for f, age in zip(faces, ages, strict=True)]))

    def stored_facts(self, db, photo_id: int) -> PictureFacts | None:
        """The same from a library photo's stored faces (None: faces never analysed)."""
        faces = faces_from_catalog(db, photo_id)
        return None if faces is None else PictureFacts(face_facts(faces))

    def after_run(self, db) -> dict[str, int]:
        """After a run: recognise named people again and regroup the unnamed faces; the
        number of groups (the CLI and UI say it in the user's language)."""
        people.recognise(db)
        return {"face_groups": people.recluster(db)}
