"""The hashtag head: calibrated probabilities of the built-in hashtags from the picture
pass's backbones (MobileNetV2's pooled features, the clothing graph's EfficientNet-Lite0/2
features, of the view the head names: ``HashtagHead.crop``) and the detector's people and objects
(``tagging.hashtag_inputs``), trained by ``pose_desktop.training.hashtags``
(models/build_hashtag_head.py).

The ONNX file holds a linear layer per hashtag, small networks (several seeds' averaged
in logit) and the votes of the nearest training photos, stacked into calibrated
probabilities; its metadata names the hashtags (canonical, in output order) and the
threshold of each, chosen by grouped cross-validation on the training photos.
"""

from __future__ import annotations

import json

import numpy as np

from .base import OnnxModel
from .imagenet import BACKBONE_CROP, CentreCrop

HEAD_FILE = "hashtag_head.onnx"
# (N, 1280 V) backbone features, (N, 2560 V) clothing features of the head's V views
# (``side_by_side``), (N, len(OBJECT_INPUTS)) detector
INPUTS = ("mobilenet", "clothing", "objects")


def side_by_side(mobilenet: np.ndarray, clothing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The head's picture inputs from its views' features, ``mobilenet`` (N, V, 1280) and
    ``clothing`` (N, V, 2560): each view's MobileNetV2 block at length 1/sqrt(V) side by
    side (the graph scales the whole input to unit length again), the clothing blocks as
    they come (Lite0 and Lite2 already unit length each), side by side; one view: as is."""
    n, v = mobilenet.shape[:2]
    if v == 1:
        return mobilenet[:, 0].astype(np.float32), clothing[:, 0].astype(np.float32)
    norm = np.maximum(np.linalg.norm(mobilenet, axis=-1, keepdims=True), 1e-8)
    m = (mobilenet / norm * np.float32(1 / np.sqrt(v))).astype(np.float32)
    return m.reshape(n, -1), clothing.astype(np.float32).reshape(n, -1)


class HashtagHead(OnnxModel):
    """Built-in hashtag probabilities from a photo's pooled features."""

    filename = HEAD_FILE
    version = "tags-8"
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

    @property
    def fill_thresholds(self) -> dict[str, float]:
        """The lower probability from which each hashtag may fill a photo's first few
        suggestions (chosen by cross-validation as well; the thresholds where absent)."""
        meta = self._meta()
        if "fill_thresholds" not in meta:
            return self.thresholds
        return dict(zip(self.tags, json.loads(meta["fill_thresholds"]), strict=True))

    @property
    def settings(self) -> dict:
        """The training recipe's settings (``training.hashtags.Settings``; the benchmark
        refits it by cross-validation); a head built before they were recorded: the
        defaults, without the detector's input; one before ``mlp_seeds`` was: one network."""
        meta = self._meta()
        settings = json.loads(meta["settings"]) if "settings" in meta else {"object_scale": 0.0}
        return {"mlp_seeds": 1} | settings

    @property
    def crop(self) -> CentreCrop:
        """The view of the photo whose backbone and clothing features the head takes
        (metadata ``crop`` = [side, shorter side]; a head without it: the backbone's own
        224 px crop, ``BACKBONE_CROP``)."""
        meta = self._meta()
        if "crop" not in meta:
            return BACKBONE_CROP
        side, short = json.loads(meta["crop"])
        return CentreCrop(int(side), int(short))

    @property
    def letterbox(self) -> int | None:
        """The side of the head's second view, the whole photo letterboxed
        (``imagenet.letterbox``; metadata ``letterbox``), None for a head of one view."""
        side = json.loads(self._meta().get("letterbox", "null"))
        return None if side is None else int(side)

    @property
    def object_inputs(self) -> int:
        """The length of the ``objects`` input (the columns of ``tagging.hashtag_inputs``;
        0 for a head without it)."""
        return len(json.loads(self._meta().get("object_inputs", "[]")))

    def predict(self, mobilenet: np.ndarray, clothing: np.ndarray, objects: np.ndarray) -> np.ndarray:
        """(N, T) calibrated probabilities for N photos' features and detector inputs."""
        if len(mobilenet) == 0:
            return np.zeros((0, len(self.tags)), np.float32)
        feed = {INPUTS[0]: np.ascontiguousarray(mobilenet, np.float32),
                INPUTS[1]: np.ascontiguousarray(clothing, np.float32)}
        if self.object_inputs:
            feed[INPUTS[2]] = np.ascontiguousarray(objects, np.float32)
        return self.run(feed)[0]
