"""MobileNetV2 ImageNet backbone: 1000 labels + the 1280-d image embedding.

Pre-processing is the torchvision evaluation recipe (shorter side to 256, centre crop
224, ImageNet mean/std) so the shipped weights see what they were trained on; the
trained heads (clothing, personal hashtags) are trained on features made by this same
function, so changing it means retraining them. The model takes the crop's uint8 pixels
and normalises them inside the graph (models/build_mobilenet_v2.py), on the session's
threads, so Python only resizes and crops.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from pose_desktop.paths import models_dir

from .base import OnnxModel

BACKBONE_FILE = "mobilenet_v2.onnx"
CLOTHING_FILE = "clothing_head.onnx"
CLOTHING_OUTPUTS = ("fine_probs", "hat_prob", "features")  # the features: Lite0 + Lite2, unit length each
LABELS_FILE = "imagenet_labels.json"
FEATURE_DIM = 1280
INPUT_SIZE = 224
RESIZE_SHORT = 256  # the shorter side is resized to this, then the centre crop is taken
# ImageNet mean/std of RGB in 0..1; the models normalise their uint8 input with these
# inside the graph (models/build_mobilenet_v2.py, pose_desktop.training.clothing)
MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


@dataclass(frozen=True)
class CentreCrop:
    """A view of a photo: the shorter side resized to ``short``, then the centre square of
    ``side`` px (the same field of view, 7/8 of the shorter side, at any size)."""

    side: int
    short: int


BACKBONE_CROP = CentreCrop(INPUT_SIZE, RESIZE_SHORT)  # what the weights were trained on
# The hashtag head's view since hashtags tags-6: MobileNetV2 and EfficientNet-Lite0 at
# 288 px, Lite2 at its 260 (resized in the clothing graph), the same field of view from
# more of the photo's pixels (models/MODELS.md, hashtag_head.onnx, "features"). Since
# tags-7 the head also takes the whole photo letterboxed at the crop's side (``letterbox``).
HASHTAG_CROP = CentreCrop(288, 329)
HASHTAG_LETTERBOX = 288
# The view the clothing classifiers are trained on and the app's clothing facts come from
# (since cloth-6: the clothing graph's run on the hashtag head's crop gives both the head's
# clothing input and the facts; before, a run on the 224 px crop gave the facts)
CLOTHING_CROP = HASHTAG_CROP


def centre_crop(image: Image.Image | np.ndarray, crop: CentreCrop = BACKBONE_CROP, *,
                flip: bool = False) -> np.ndarray:
    """Return ``crop`` of an RGB image as uint8 pixels (side, side, 3).

    Args:
        image: decoded, already upright image: PIL (any mode) or an H×W×3 uint8 array.
        crop: the view (``BACKBONE_CROP`` for the backbone's input).
        flip: mirror horizontally (used for training-time augmentation).
    """
    side, short = crop.side, crop.short
    if isinstance(image, np.ndarray):
        h, w = image.shape[:2]
        if min(w, h) == short:  # already at the size (a thumbnail made for it): just crop
            left, top = (w - side) // 2, (h - side) // 2
            out = image[top : top + side, left : left + side]
            return np.ascontiguousarray(out[:, ::-1] if flip else out)
        image = Image.fromarray(image)
    if image.mode != "RGB":
        image = image.convert("RGB")
    w, h = image.size
    scale = short / min(w, h)
    nw, nh = max(short, round(w * scale)), max(short, round(h * scale))
    if (nw, nh) != (w, h):
        # reducing_gap: a cheap box pre-shrink first, so a 12 MP photo costs milliseconds.
        image = image.resize((nw, nh), Image.Resampling.BILINEAR, reducing_gap=3.0)
    left, top = (nw - side) // 2, (nh - side) // 2
    image = image.crop((left, top, left + side, top + side))
    if flip:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return np.asarray(image)


# The grey of the letterboxed view's bars: the ImageNet mean colour (zero once normalised)
LETTERBOX_GREY = tuple(int(round(m * 255)) for m in MEAN)


def letterbox(image: Image.Image | np.ndarray, side: int) -> np.ndarray:
    """The whole photo as uint8 pixels (side, side, 3): its longer side resized to ``side``,
    centred on a square of ``LETTERBOX_GREY`` (the hashtag head's second view: what the
    centre crop cuts off, at the crop's size)."""
    if isinstance(image, np.ndarray):
        image = Image.fromarray(image)
    if image.mode != "RGB":
        image = image.convert("RGB")
    w, h = image.size
    scale = side / max(w, h)
    nw, nh = max(1, round(w * scale)), max(1, round(h * scale))
    small = image.resize((nw, nh), Image.Resampling.BILINEAR, reducing_gap=3.0)
    canvas = Image.new("RGB", (side, side), LETTERBOX_GREY)
    canvas.paste(small, ((side - nw) // 2, (side - nh) // 2))
    return np.asarray(canvas)


def preprocess_imagenet(image: Image.Image | np.ndarray, *, flip: bool = False) -> np.ndarray:
    """Return the backbone's input for an RGB image: uint8 pixels (224, 224, 3), the
    shorter side resized to 256 and the centre crop taken (``centre_crop``)."""
    return centre_crop(image, BACKBONE_CROP, flip=flip)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Row-wise softmax, numerically stable."""
    z = logits - logits.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@lru_cache(maxsize=1)
def imagenet_labels(path: str | None = None) -> tuple[str, ...]:
    """The 1000 ImageNet-1k class names (English), index = logit position."""
    p = Path(path) if path else models_dir() / LABELS_FILE
    labels = json.loads(p.read_text(encoding="utf-8"))
    if len(labels) != 1000:
        raise ValueError(f"{p}: expected 1000 labels, got {len(labels)}")
    return tuple(labels)


class ImageNetBackbone(OnnxModel):
    """MobileNetV2 (ImageNet-1k): class probabilities and pooled features."""

    filename = BACKBONE_FILE
    version = "mnv2-1"
    # ONNX Runtime's arena keeps the largest run's activations: runs of 16 rows of the
    # hashtag head's 288 px views held ~0.2-0.3 GB more than runs of 8, this graph and the
    # clothing graph together, at the same CPU time (speed_tags.py's app memory)
    batch_size = 8

    def predict(self, tensors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(probs (N,1000), features (N,1280))`` for N×224×224×3 uint8 crops
        (``preprocess_imagenet``)."""
        if len(tensors) == 0:
            empty = np.zeros((0,), np.float32)
            return empty.reshape(0, 1000), empty.reshape(0, FEATURE_DIM)
        logits, feats = self.run_batched(tensors)
        return softmax(logits), feats

    def features(self, tensors: np.ndarray) -> np.ndarray:
        """The pooled features (N, 1280) alone, of crops of any size (the graph's height
        and width are free): the hashtag head's view (``HASHTAG_CROP``)."""
        if len(tensors) == 0:
            return np.zeros((0, FEATURE_DIM), np.float32)
        return self.run_batched(tensors, outputs=["features"])[0]


class ClothingModel(OnnxModel):
    """Garment fine-class probabilities from the 288 px centre crop (``CLOTHING_CROP``, the
    hashtag head's crop: one run gives the head its clothing input and the app its
    clothing facts): EfficientNet-Lite0 and -Lite2 (frozen ImageNet weights, int8) +
    logistic regressions (fine classes, coarse types) trained on that view of the CC0
    clothing set, and the probability that a hat is really there (a bare head is not one)
    (pose_desktop.training.clothing)."""

    filename = CLOTHING_FILE
    # cloth-6: the classifiers trained on the 288 px crop (the int8 layers as cloth-5's);
    # +exact-1: its int8 layers' exact results on any CPU
    version = "cloth-6+exact-1"
    batch_size = ImageNetBackbone.batch_size  # the arena's memory, as the backbone's
    # Its EfficientNets are int8 (QDQ: uint8 activations, int8 weights). On x86-64 CPUs
    # without VNNI, ONNX Runtime's fused uint8 x int8 kernels (vpmaddubsw, 16-bit pair sums)
    # saturate by default, and the features drift from those the classifiers and the hashtag
    # head were trained on: on an AVX2-only AMD EPYC, the cosine to the head's stored
    # training inputs was 0.913 (median) and 0.718 (worst) over 80 of its photos. With
    # ``session.x64quantprecision`` ONNX Runtime takes its uint8 x uint8 kernels there (no
    # saturation): cosine 1.00000, the stored inputs exactly, at 1.26x the saturating
    # kernels' time; elsewhere (VNNI, ARM) the option changes nothing (models/MODELS.md,
    # clothing_head.onnx, "any CPU").
    session_config = {"session.x64quantprecision": "1"}

    def predict(self, tensors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(fine_probs (N,10), hat_prob (N,))`` for N uint8 crops (N, side, side, 3), the
        app's: ``CLOTHING_CROP`` (``PictureAnalyzer.clothing_crop``), fine classes in
        ``clothing_labels`` order; the fine
        probabilities are the classifier's (their coarse sums already blended with the
        coarse model's), ``clothing_labels.hat_checked`` applies the hat check."""
        if len(tensors) == 0:
            return np.zeros((0, 10), np.float32), np.zeros((0,), np.float32)
        fine, hat = self.run_batched(tensors, outputs=list(CLOTHING_OUTPUTS[:2]))
        return fine, hat

    def predict_all(self, tensors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``predict``'s two outputs and ``features``, in one run."""
        if len(tensors) == 0:
            return (np.zeros((0, 10), np.float32), np.zeros((0,), np.float32),
                    np.zeros((0, 2 * FEATURE_DIM), np.float32))
        fine, hat, feats = self.run_batched(tensors, outputs=list(CLOTHING_OUTPUTS))
        return fine, hat, feats

    def features(self, tensors: np.ndarray) -> np.ndarray:
        """The pooled features the classifier and the hat check see (N, 2560), of crops of
        any size (Lite0 takes them as they come, Lite2 resized to 260 in the graph; the
        same for any build of the classifiers: the int8 layers are calibrated on the 224 px
        crops, whatever view the classifiers are trained on): for refitting the classifier
        in cross-validation (benchmarks/quality_tags.py) and the hashtag head's views."""
        if len(tensors) == 0:
            return np.zeros((0, 2 * FEATURE_DIM), np.float32)
        return self.run_batched(tensors, outputs=[CLOTHING_OUTPUTS[2]])[0]
