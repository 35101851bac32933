"""The face models: MTCNN detector (5 landmarks), identity embedder, emotion classifiers.

Each class owns its ONNX files through ``OnnxModel`` and only chains the pure functions of
``transforms``. Inputs are decoded RGB ``uint8`` images (``H×W×3``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.vocab.emotion import EMOTIONS, MOOD_OF

from . import transforms as T
from .base import OnnxModel


@dataclass(frozen=True)
class FaceDetection:
    """One detected face in image pixels."""

    box: np.ndarray  # [x1, y1, x2, y2] float32
    score: float
    landmarks: np.ndarray  # 5×2 float32: left eye, right eye, nose, mouth left, mouth right

    @property
    def size(self) -> float:
        """The shorter side of the box in pixels."""
        return float(min(self.box[2] - self.box[0], self.box[3] - self.box[1]))


class _PNet(OnnxModel):
    filename = "face_pnet.onnx"


class _RNet(OnnxModel):
    filename = "face_rnet.onnx"
    # 64 windows a run: the same outputs bit for bit as 256 and no slower, and a quarter of
    # the maps ONNX Runtime holds (its first layer's 28 channels stay in plain NCHW, each
    # PReLU there three maps: 256 windows held ~95 MB, 64 ~28; models/MODELS.md, face_rnet.onnx)
    batch_size = 64


class _ONet(OnnxModel):
    filename = "face_onet.onnx"
    batch_size = 64


@dataclass(frozen=True)
class Pyramid:
    """An RGB image's size ``(width, height)``, its P-Net levels ``(scale, 3×h×w uint8
    planes)`` and its summed-area table (``transforms.integral_image``) for the R-Net and
    O-Net crops."""

    size: tuple[int, int]
    levels: list[tuple[float, np.ndarray]]
    sat: np.ndarray


# P-Net does not search the pyramid's levels for faces under this share of the photo's
# longer side: none up to 1000 px (every dev and benchmark photo is at most 640), the
# largest on a larger photo (a 12 MP photo decoded at 1000 px: faces from 22 px there, no
# longer 15.6), half of P-Net's work (models/MODELS.md, face_pnet.onnx)
MIN_FACE_SHARE = 0.02


class FaceDetector:
    """MTCNN cascade (P-Net pyramid → R-Net → O-Net) returning boxes and 5 landmarks."""

    version = "mtcnn-2"  # 2: R-Net/O-Net crops by area averaging of the box cut to the image

    def __init__(
        self,
        models_dir: Path | None = None,
        *,
        min_face: float = 20.0,
        min_share: float = MIN_FACE_SHARE,
        thresholds: tuple[float, float, float] = (0.5, 0.6, 0.7),
        factor: float = 0.709,
        device: str | None = None,
        threads: int | None = None,
    ) -> None:
        self.pnet = _PNet(models_dir, device=device, threads=threads)
        self.rnet = _RNet(models_dir, device=device, threads=threads)
        self.onet = _ONet(models_dir, device=device, threads=threads)
        self.min_face = min_face
        self.min_share = min_share
        self.thresholds = thresholds
        # Busy scenes give P-Net thousands of weak windows; R-Net sees the best ones only
        # (measured: no face of the dev sets is lost, R-Net work drops ~4x on 12 MP scenes).
        self.max_candidates = 300
        self.factor = factor

    def load(self) -> None:
        """Create the three sessions now (otherwise on first use)."""
        for net in (self.pnet, self.rnet, self.onet):
            net.load()

    @property
    def info(self):
        """Provider info of the detector's sessions."""
        return self.pnet.info

    def pyramid(self, image: np.ndarray | Image.Image, min_face: float | None = None) -> Pyramid:
        """The image's size, P-Net pyramid and summed-area table: everything the detector
        derives from the pixels alone (callable ahead, e.g. in a decode thread). The levels
        are ``factor`` apart from faces of ``min_face`` px (default the detector's) up; those
        for faces under ``min_share`` of the longer side are made (smaller levels are
        resampled from them) but not searched."""
        image = T.as_rgb(image)
        source = image if isinstance(image, Image.Image) else Image.fromarray(image)
        w, h = source.size
        smallest = self.min_share * max(w, h) - 1e-6
        levels: list[tuple[float, np.ndarray]] = []
        made: list[Image.Image] = []
        for scale in T.mtcnn_scales(w, h, min_face or self.min_face, self.factor):
            sw, sh = int(w * scale + 1), int(h * scale + 1)
            # Each level is resampled from the smallest earlier level still >= 3x its size
            # (else the full image): several times cheaper than always from the full image,
            # and unlike level-from-previous-level it loses none of the dev faces.
            for lv in made:
                if lv.width >= 3 * sw and lv.width < source.width:
                    source = lv
            level_img = source.resize((sw, sh), Image.BILINEAR)
            made.append(level_img)
            if 12.0 / scale >= smallest:
                levels.append((scale, T.planes(level_img)))
        return Pyramid((w, h), levels, T.integral_image(image))

    def detect(
        self, image: np.ndarray | Image.Image | Pyramid, min_face: float | None = None
    ) -> list[FaceDetection]:
        """Every face of ``image`` (RGB uint8 array, PIL image, or its ``pyramid``) at least
        ``min_face`` px (``pyramid``), best score first."""
        pyr = image if isinstance(image, Pyramid) else self.pyramid(image, min_face)
        w, h = pyr.size
        t1, t2, t3 = self.thresholds
        # Stage 1: P-Net over the pyramid.
        found = []
        for scale, level_arr in pyr.levels:
            prob, reg = self.pnet.run(T.planes_to_nchw(level_arr, 127.5, 1 / 128))
            cand = T.mtcnn_candidates(prob[0], reg[0], scale, t1)
            if len(cand):
                cand = cand[np.argsort(-cand[:, 4])[: self.max_candidates * 2]]
                found.append(cand[T.nms(cand[:, :4], cand[:, 4], 0.5)])
        if not found:
            return []
        cand = np.concatenate(found)
        cand = cand[T.nms(cand[:, :4], cand[:, 4], 0.7, limit=self.max_candidates)]
        boxes = T.square_boxes(T.apply_box_regression(cand[:, :4], cand[:, 5:9]))
        # R-Net and O-Net see area-averaged crops (the way facenet-pytorch, the weights'
        # source, feeds them) of each box cut to the image, and their outputs are read
        # against that cut box (measured on the dev faces: recall 100 % where zero-padding
        # missed a face filling the frame, identification unchanged).
        sat = pyr.sat
        # Stage 2: R-Net refines.
        boxes = T.clip_boxes(np.floor(boxes), w, h)
        prob, reg = self.rnet.run_batched(T.area_patches(sat, boxes, 24, 127.5, 1 / 128))
        keep = prob > t2
        if not keep.any():
            return []
        boxes, scores, reg = boxes[keep], prob[keep], reg[keep]
        pick = T.nms(boxes, scores, 0.7)
        boxes = T.square_boxes(T.apply_box_regression(boxes[pick], reg[pick]))
        # Stage 3: O-Net scores, regresses and places the landmarks.
        boxes = T.clip_boxes(np.floor(boxes), w, h)
        prob, reg, points = self.onet.run_batched(
            T.area_patches(sat, boxes, 48, 127.5, 1 / 128)
        )
        keep = prob > t3
        if not keep.any():
            return []
        boxes, scores, reg, points = boxes[keep], prob[keep], reg[keep], points[keep]
        marks = T.mtcnn_landmarks(boxes, points)
        boxes = T.apply_box_regression(boxes, reg)
        pick = T.nms(boxes, scores, 0.7, mode="min")
        out = []
        for i in pick:
            box = boxes[i].astype(np.float32).copy()
            box[[0, 2]] = np.clip(box[[0, 2]], 0, w)
            box[[1, 3]] = np.clip(box[[1, 3]], 0, h)
            out.append(FaceDetection(box, float(scores[i]), marks[i]))
        return out


class FaceEmbedder(OnnxModel):
    """128-d identity embedding (dlib's face recognition ResNet) of a 150×150 RGB face chip.

    The chip is the one dlib's ``get_face_chip_details(shape, 150, 0.25)`` cuts from its own
    5-point landmarks, reached here from MTCNN's 5 points: ``CHIP_TEMPLATE`` is where MTCNN's
    eyes, nose tip and mouth corners fall in dlib's chips (the median over the 234 photos of
    ../shared/datasets/emotion where both found the face; ``models/build_face_embedder.py
    --check`` refits it and measures the chips against dlib's own, see MODELS.md).
    """

    filename = "face_embedder.onnx"
    version = "dlib-resnet-1"
    batch_size = 32
    input_size = 150
    dim = 128
    CHIP_TEMPLATE = np.array(
        [
            [47.638, 45.889],  # left eye (image left)
            [101.430, 45.556],  # right eye
            [74.030, 77.182],  # nose tip
            [52.075, 107.543],  # mouth, left corner
            [97.197, 107.275],  # mouth, right corner
        ],
        dtype=np.float32,
    )

    def align(self, image: np.ndarray | Image.Image, landmarks: np.ndarray) -> np.ndarray:
        """The 150×150 chip the embedder expects (from an RGB array or PIL image)."""
        return T.align_chip(T.as_rgb(image), landmarks, self.CHIP_TEMPLATE, self.input_size)

    def embed(self, crops: np.ndarray) -> np.ndarray:
        """``N×150×150×3`` uint8 chips → ``N×128`` unit embeddings (float32)."""
        if len(crops) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        (emb,) = self.run_batched(np.ascontiguousarray(crops, dtype=np.uint8), outputs=["embedding"])
        return T.l2_normalize(emb)

    def features(self, crops: np.ndarray) -> np.ndarray:
        """``N×150×150×3`` uint8 chips → ``N×256`` pooled maps before the last layer."""
        (feats,) = self.run_batched(np.ascontiguousarray(crops, dtype=np.uint8), outputs=["features"])
        return feats


class FerEmotion(OnnxModel):
    """fer's mini-Xception as shipped (the baseline): grey 64×64 face → 7 probabilities."""

    filename = "emotion_fer.onnx"
    version = "fer-1"
    batch_size = 64
    input_size = 64

    def crop(self, image: np.ndarray | Image.Image, box: np.ndarray) -> np.ndarray:
        """The grey ``64×64`` face crop (box grown by 10 % on each side) of an RGB image."""
        image = T.as_rgb(image)
        grown = T.expand_box(np.asarray(box), 0.1, *T.image_size(image))
        return T.to_grey(T.crop_patches(image, grown[None], self.input_size)[0])

    @staticmethod
    def prepare(crops: np.ndarray) -> np.ndarray:
        """uint8 ``N×64×64`` → float32 ``N×64×64×1`` in fer's (x/255 - 0.5) * 2."""
        return ((np.asarray(crops, dtype=np.float32) / 255.0 - 0.5) * 2.0)[..., None]

    # The scores shown are the probabilities to this power, renormalised (``calibrate``); the
    # mood and emotion are decided on the probabilities themselves (``mood_and_emotion``).
    score_power = 1.0
    # The balance of moods (positive, neutral, negative) the probabilities assume, and how
    # many faces' worth of evidence it counts for when a library's own balance is estimated
    # (``tagging.emotion.library_prior``); None: the probabilities are shown as they are.
    mood_reference: tuple[float, float, float] | None = None
    prior_strength = 0.0

    def calibrate(self, probs: np.ndarray) -> np.ndarray:
        """The scores to show for ``probs`` (one face's 7 or ``N×7``): each to
        ``score_power``, renormalised; the order and the largest class are kept."""
        p = np.maximum(np.asarray(probs, dtype=np.float64), 1e-12) ** self.score_power
        return (p / p.sum(-1, keepdims=True)).astype(np.float32)

    def classify(self, crops) -> np.ndarray:
        """``N×64×64`` uint8 grey crops → ``N×7`` probabilities in ``EMOTIONS`` order."""
        if len(crops) == 0:
            return np.zeros((0, len(EMOTIONS)), dtype=np.float32)
        (probs,) = self.run_batched(self.prepare(np.stack(crops)))
        return probs.astype(np.float32)


class EmotionClassifier(FerEmotion):
    """Our head: a logistic regression on fer's features (grey 64 px crop) and face-api's
    expression features (RGB 112 px box crop), each of the crop and of its mirror."""

    filename = "emotion.onnx"
    # 7: C 0.003 again, now under the library balance (the same weights as 5);
    # 6: C back to 0.01 (0.003 leaned toward negative on real photos); 5: C 0.003;
    # 4: ⊕ face-api's features (3: fer only)
    version = "fer-faceapi-head-7"
    rgb_size = 112
    # The head is under-confident: out of fold, the shown emotion's probability averaged
    # 0.499 where it was right 62.5 % of the time. This power, fitted on the out-of-fold
    # probabilities by models/build_emotion.py (least negative log-likelihood), brings the
    # scores closer (ECE 0.127 -> 0.060, mood 0.160 -> 0.095; MODELS.md, emotion.onnx).
    score_power = 1.5
    # The head's mean mood probabilities on the dev crops out of fold (models/build_emotion.py
    # prints them; 6 x grouped 5-fold): a library with the dev set's balance keeps its
    # probabilities. 200 pseudo-faces: chosen on the dev CV and 250 real faces labelled by eye
    # (MODELS.md, emotion.onnx, "library balance" and "200 pseudo-faces").
    mood_reference = (0.3433, 0.1809, 0.4757)
    prior_strength = 200.0

    def crop(self, image: np.ndarray | Image.Image, box: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(fer's grey ``64×64`` crop, the RGB ``112×112`` crop of the box's square)."""
        image = T.as_rgb(image)
        w, h = T.image_size(image)
        box = np.asarray(box)
        boxes = np.stack([T.expand_box(box, 0.1, w, h), T.expand_box(box, 0.0, w, h)])
        grey = T.to_grey(T.crop_patches(image, boxes[:1], self.input_size)[0])
        return grey, T.crop_patches(image, boxes[1:], self.rgb_size)[0]

    def classify(self, crops) -> np.ndarray:
        """``crop`` pairs → ``N×7`` probabilities in ``EMOTIONS`` order."""
        if len(crops) == 0:
            return np.zeros((0, len(EMOTIONS)), dtype=np.float32)
        face = self.prepare(np.stack([c[0] for c in crops]))
        face_rgb = np.ascontiguousarray(np.stack([c[1] for c in crops]), dtype=np.uint8)
        (probs,) = self.run_batched({"face": face, "face_rgb": face_rgb})
        return probs.astype(np.float32)


def fold_mood(probs: np.ndarray) -> tuple[str, dict[str, float]]:
    """7 probabilities → (positive / neutral / negative, the three summed scores).

    The mood is the group with the largest summed probability (the original project's
    three classes; surprise counts as positive), which measured better than folding the
    7-class argmax (see MODELS.md, emotion.onnx).
    """
    sums = {"positive": 0.0, "neutral": 0.0, "negative": 0.0}
    for e, p in zip(EMOTIONS, np.asarray(probs, dtype=np.float64), strict=False):
        sums[MOOD_OF[e]] += float(p)
    return max(sums, key=sums.get), sums


def mood_and_emotion(probs: np.ndarray) -> tuple[str, str, dict[str, float]]:
    """(mood, emotion, the three mood sums) that never contradict each other, decided
    together: the emotion with the largest probability plus its mood's summed probability,
    and that emotion's mood. Deciding the mood first by the largest sum and then the best
    emotion of that mood (until 2026-12-06) showed the right emotion less often: grouped
    5-fold x3 CV on the dev crops, emotion as shown 61.0 / 59.7 / 61.7 % -> 62.1 / 60.7 /
    63.1 %, mood 78.6 / 77.2 / 79.3 % -> 79.0 / 77.2 / 79.3 % (MODELS.md, emotion.onnx)."""
    _, sums = fold_mood(probs)
    p = np.asarray(probs, dtype=np.float64)
    emotion = max(EMOTIONS, key=lambda e: p[EMOTIONS.index(e)] + sums[MOOD_OF[e]])
    return MOOD_OF[emotion], emotion, sums
