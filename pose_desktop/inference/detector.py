"""The COCO object detector: boxes, scores and classes of 80 everyday things.

``models/object_detector.onnx`` (NanoDet, models/build_detector.py) takes the whole photo
stretched to its square input as uint8 RGB and returns, per anchor point, a box in 0..1
of the image and 80 class scores; this class keeps the (anchor, class) pairs above
``min_score`` and runs non-maximum suppression per class. Inputs are decoded upright RGB
images (``H×W×3`` uint8 arrays or PIL images).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from . import transforms as T
from .base import OnnxModel

DETECTOR_FILE = "object_detector.onnx"

# The 80 COCO classes in the models' contiguous order (class id = index).
COCO_CLASSES: tuple[str, ...] = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat",
    "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack",
    "umbrella", "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball",
    "kite", "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket",
    "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair",
    "couch", "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse",
    "remote", "keyboard", "cell phone", "microwave", "oven", "toaster", "sink",
    "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush",
)
PERSON = 0


@dataclass(frozen=True)
class Detections:
    """The objects found in one image, best score first.

    ``boxes``: float32 ``N×4`` x1, y1, x2, y2 in 0..1 of the image's width and height;
    ``scores``: float32 ``N``; ``classes``: int64 ``N``, indices into ``COCO_CLASSES``.
    """

    boxes: np.ndarray
    scores: np.ndarray
    classes: np.ndarray

    def __len__(self) -> int:
        return len(self.scores)

    @property
    def labels(self) -> list[str]:
        """The COCO class name of each detection."""
        return [COCO_CLASSES[int(c)] for c in self.classes]

    def of_class(self, class_id: int, min_score: float = 0.0) -> Detections:
        """The detections of one class scoring at least ``min_score``."""
        keep = (self.classes == class_id) & (self.scores >= min_score)
        return Detections(self.boxes[keep], self.scores[keep], self.classes[keep])

    @staticmethod
    def empty() -> Detections:
        """No detections."""
        return Detections(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64))


class ObjectDetector(OnnxModel):
    """NanoDet COCO detector: ``detect(rgb)`` → ``Detections`` (see the module docstring)."""

    filename = DETECTOR_FILE
    version = "nanodet-1"
    batch_size = 8

    def __init__(
        self, models_dir: Path | None = None, *, device: str | None = None,
        threads: int | None = None, verify: bool = True,
        min_score: float = 0.2, iou: float = 0.6, max_candidates: int = 1000,
    ) -> None:
        super().__init__(models_dir, device=device, threads=threads, verify=verify)
        self.min_score = min_score
        self.iou = iou
        self.max_candidates = max_candidates

    @property
    def input_size(self) -> int:
        """The side of the square input (from the graph: 416 for NanoDet)."""
        return int(self.session.get_inputs()[0].shape[1])

    def prepare(self, image: np.ndarray | Image.Image) -> np.ndarray:
        """The model's input for one upright RGB image: uint8 ``S×S×3``, stretched."""
        size = self.input_size
        if isinstance(image, np.ndarray):
            if image.shape[:2] == (size, size):
                return np.ascontiguousarray(image[..., :3])
            image = Image.fromarray(image)
        if image.mode != "RGB":
            image = image.convert("RGB")
        # reducing_gap: a cheap box pre-shrink first, so a large photo costs milliseconds
        return np.asarray(image.resize((size, size), Image.Resampling.BILINEAR, reducing_gap=3.0))

    def detect(self, image: np.ndarray | Image.Image) -> Detections:
        """The objects in one upright RGB image."""
        return self.detect_batch([image])[0]

    def detect_batch(
        self, images: list[np.ndarray | Image.Image], tensors: list[np.ndarray | None] | None = None,
    ) -> list[Detections]:
        """``detect`` for several images in batched runs; ``tensors``: inputs already made
        by ``prepare`` (None where missing)."""
        if not images:
            return []
        tensors = tensors or [None] * len(images)
        x = np.stack([t if t is not None else self.prepare(img)
                      for img, t in zip(images, tensors, strict=True)])
        fixed = self.session.get_inputs()[0].shape[0]
        size = fixed if isinstance(fixed, int) else self.batch_size
        boxes, scores = self.run_batched(x, size)
        return [self.postprocess(b, s) for b, s in zip(boxes, scores, strict=True)]

    def postprocess(self, boxes: np.ndarray, scores: np.ndarray) -> Detections:
        """Keep (box, class) pairs scoring ``min_score`` or more; NMS per class."""
        rows, cls = np.nonzero(scores >= self.min_score)
        if not len(rows):
            return Detections.empty()
        sc = scores[rows, cls]
        if len(sc) > self.max_candidates:
            top = np.argpartition(-sc, self.max_candidates)[: self.max_candidates]
            rows, cls, sc = rows[top], cls[top], sc[top]
        bx = boxes[rows]
        # per-class NMS in one pass: shift each class to its own region of the plane
        keep = T.nms(bx + cls[:, None].astype(np.float32) * 2.0, sc, self.iou)
        return Detections(bx[keep].astype(np.float32), sc[keep].astype(np.float32),
                          cls[keep].astype(np.int64))
