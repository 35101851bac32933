"""face-api.js's face expression network rebuilt in torch from its weights.

Source: ``model/face_expression_model-weights_manifest.json`` + ``face_expression_model.bin``
of the npm package ``@vladmandic/face-api`` (MIT; the maintained fork of face-api.js by
justadudewhohacks, same weights). The architecture follows the package's own source
(``src/faceFeatureExtractor/FaceFeatureExtractor.ts``, ``denseBlock.ts``,
``src/faceExpressionNet/FaceExpressionNet.ts``): RGB 112×112 minus the mean colour, / 255;
four dense blocks of TF-"same" (depthwise-separable) 3×3 convolutions, each halving the
size (32, 64, 128, 256 channels); a 7×7 average pool (256-d); a fully connected layer to 7
logits in face-api's order (neutral, happy, sad, angry, fearful, disgusted, surprised).

Used by ``build_emotion.py``; needs torch. The forward pass matches face-api.js's own
(TF.js CPU backend) to 2e-6 in probability on the dev crops (see MODELS.md, emotion.onnx).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

LABELS = ("neutral", "happy", "sad", "angry", "fearful", "disgusted", "surprised")
MEAN_RGB = (122.782, 117.001, 104.298)
INPUT_SIZE = 112


def load_weights(manifest: dict, blob: bytes) -> dict[str, np.ndarray]:
    """The TF.js weights manifest's tensors (uint8-quantised ones dequantised) by name."""
    out: dict[str, np.ndarray] = {}
    offset = 0
    for group in manifest:
        for w in group["weights"]:
            n = int(np.prod(w["shape"]))
            q = w.get("quantization")
            if q:
                dtype = np.dtype(q["dtype"])
                raw = np.frombuffer(blob, dtype, n, offset)
                arr = raw.astype(np.float32) * np.float32(q["scale"]) + np.float32(q["min"])
            else:
                dtype = np.dtype(w["dtype"])
                arr = np.frombuffer(blob, dtype, n, offset).astype(np.float32)
            offset += n * dtype.itemsize
            out[w["name"]] = arr.reshape(w["shape"])
    if offset != len(blob):
        raise ValueError(f"weights manifest covers {offset} of {len(blob)} bytes")
    return out


def _same_pad(x: torch.Tensor, stride: int) -> torch.Tensor:
    """TF's 'same' padding of a 3×3 kernel (the odd pixel goes to the bottom/right)."""
    n = x.shape[-1]
    total = max((-(-n // stride) - 1) * stride + 3 - n, 0)
    a = total // 2
    return F.pad(x, (a, total - a, a, total - a))


class _SepConv(nn.Module):
    def __init__(self, w: dict, prefix: str, stride: int):
        super().__init__()
        dw = w[prefix + "/depthwise_filter"]  # 3, 3, C, 1
        pw = w[prefix + "/pointwise_filter"]  # 1, 1, C, O
        self.register_buffer("dw", torch.from_numpy(dw.transpose(2, 3, 0, 1).copy()))
        self.register_buffer("pw", torch.from_numpy(pw.transpose(3, 2, 0, 1).copy()))
        self.register_buffer("bias", torch.from_numpy(w[prefix + "/bias"].copy()))
        self.stride = stride
        self.channels = dw.shape[2]

    def forward(self, x):
        x = F.conv2d(_same_pad(x, self.stride), self.dw, stride=self.stride, groups=self.channels)
        return F.conv2d(x, self.pw, self.bias)


class _FirstConv(nn.Module):
    def __init__(self, w: dict, prefix: str):
        super().__init__()
        self.register_buffer("filters", torch.from_numpy(w[prefix + "/filters"].transpose(3, 2, 0, 1).copy()))
        self.register_buffer("bias", torch.from_numpy(w[prefix + "/bias"].copy()))

    def forward(self, x):
        return F.conv2d(_same_pad(x, 2), self.filters, self.bias, stride=2)


class _DenseBlock4(nn.Module):
    def __init__(self, w: dict, name: str, first: bool):
        super().__init__()
        self.conv0 = _FirstConv(w, name + "/conv0") if first else _SepConv(w, name + "/conv0", 2)
        self.conv1 = _SepConv(w, name + "/conv1", 1)
        self.conv2 = _SepConv(w, name + "/conv2", 1)
        self.conv3 = _SepConv(w, name + "/conv3", 1)

    def forward(self, x):
        out1 = F.relu(self.conv0(x))
        out2 = self.conv1(out1)
        out3 = self.conv2(F.relu(out1 + out2))
        out4 = self.conv3(F.relu(out1 + out2 + out3))
        return F.relu(out1 + out2 + out3 + out4)


class FaceExpressionNet(nn.Module):
    """float32 NCHW RGB 0..255 [N, 3, 112, 112] → 7 logits (``LABELS`` order) and, with
    ``features=True``, also the 256-d pooled features."""

    def __init__(self, weights: dict[str, np.ndarray]):
        super().__init__()
        self.blocks = nn.ModuleList([_DenseBlock4(weights, f"dense{i}", i == 0) for i in range(4)])
        self.register_buffer("fc_w", torch.from_numpy(weights["fc/weights"].copy()))
        self.register_buffer("fc_b", torch.from_numpy(weights["fc/bias"].copy()))
        self.register_buffer("mean", torch.tensor(MEAN_RGB).view(1, 3, 1, 1))

    def forward(self, x, features: bool = False):
        x = (x - self.mean) / 255.0
        for block in self.blocks:
            x = block(x)
        pooled = F.avg_pool2d(x, 7, 2).flatten(1)
        logits = pooled @ self.fc_w + self.fc_b
        return (logits, pooled) if features else logits


def load_from_npm(tgz: Path) -> FaceExpressionNet:
    """The network from the npm tarball (``npm pack @vladmandic/face-api@1.7.15``)."""
    import tarfile

    with tarfile.open(tgz) as tar:
        manifest = json.load(tar.extractfile("package/model/face_expression_model-weights_manifest.json"))
        blob = tar.extractfile("package/model/face_expression_model.bin").read()
    return FaceExpressionNet(load_weights(manifest, blob)).eval()
