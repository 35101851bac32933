"""Age (and gender) from a face crop: models/face_age.onnx ("faceres" of human-models)."""

from __future__ import annotations

import numpy as np
from PIL import Image

from .base import OnnxModel

INPUT = 224
_AGES = np.arange(100, dtype=np.float32)


def face_crop(image: np.ndarray, box: np.ndarray, size: int = INPUT) -> np.ndarray:
    """A square crop around a face box (its longer side), resized; float32 RGB 0..255."""
    h, w = image.shape[:2]
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half = max(box[2] - box[0], box[3] - box[1]) / 2
    x1, y1 = int(max(0, cx - half)), int(max(0, cy - half))
    x2, y2 = int(min(w, cx + half)), int(min(h, cy + half))
    if x2 - x1 < 2 or y2 - y1 < 2:
        return np.zeros((size, size, 3), np.float32)
    crop = Image.fromarray(image[y1:y2, x1:x2]).resize((size, size), Image.Resampling.BILINEAR)
    return np.asarray(crop, dtype=np.float32)


class FaceAgeModel(OnnxModel):
    """Expected age in years for face crops (NHWC 224, RGB 0..255)."""

    filename = "face_age.onnx"
    version = "faceres-1"
    batch_size = 16

    def ages(self, image: np.ndarray, boxes: list[np.ndarray]) -> np.ndarray:
        """Ages (float years) of the faces at ``boxes`` (pixels of ``image``)."""
        if not boxes:
            return np.zeros(0, np.float32)
        crops = np.stack([face_crop(image, np.asarray(b, dtype=np.float32)) for b in boxes])
        probs = self.run_batched(crops)[0]
        return probs @ _AGES
