"""The hashtag head: calibrated probabilities of the built-in hashtags from the features the
picture pass already has (MobileNetV2's pooled features and the clothing graph's
EfficientNet-Lite0/2 features), trained by ``pose_desktop.training.hashtags``.

The ONNX file holds a linear layer per hashtag with its Platt calibration folded in; its
metadata names the hashtags (canonical, in output order) and the threshold of each, chosen
by grouped cross-validation on the training photos.
"""

from __future__ import annotations

import json

import numpy as np

from .base import OnnxModel

HEAD_FILE = "hashtag_head.onnx"
INPUTS = ("mobilenet", "clothing")  # (N, 1280) backbone features, (N, 2560) clothing features


class HashtagHead(OnnxModel):
    """Built-in hashtag probabilities from a photo's pooled features."""

    filename = HEAD_FILE
    version = "tags-2"
    batch_size = 256

    def _meta(self) -> dict[str, str]:
        return self.session.get_modelmeta().custom_metadata_map

    @property
    def tags(self) -> list[str]:
        """The canonical hashtags, in output order."""
        return json.loads(self._meta()["tags"])

    @property
    def thresholds(self) -> dict[str, float]:
        """The probability from which each hashtag is suggested."""
        return dict(zip(self.tags, json.loads(self._meta()["thresholds"]), strict=True))

    def predict(self, mobilenet: np.ndarray, clothing: np.ndarray) -> np.ndarray:
        """(N, T) calibrated probabilities for N photos' features."""
        if len(mobilenet) == 0:
            return np.zeros((0, len(self.tags)), np.float32)
        return self.run({INPUTS[0]: np.ascontiguousarray(mobilenet, np.float32),
                         INPUTS[1]: np.ascontiguousarray(clothing, np.float32)})[0]
