"""Rebuild models/face_pnet.onnx, face_rnet.onnx and face_onet.onnx (MTCNN face detector).

Source: the P/R/O-Net state dicts ``facenet_pytorch/data/{pnet,rnet,onet}.pt`` inside the
PyPI wheel ``facenet-pytorch==2.6.0`` (MIT). The architectures below copy the package's
``facenet_pytorch/models/mtcnn.py`` so the wheel need not be importable (it pins an old torch).

    pip download --no-deps facenet-pytorch==2.6.0 -d /tmp/w
    python models/build_face_detector.py --wheel /tmp/w/facenet_pytorch-2.6.0-py3-none-any.whl

Needs torch + onnx (the training venv), never the app. All three graphs take float32 NCHW
RGB scaled as ``(x - 127.5) / 128``; see MODELS.md for the outputs. The PReLUs over conv
maps are written as depthwise convs, the same numbers faster (``prelu_as_convs``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import zipfile
from pathlib import Path

import torch
from torch import nn

HERE = Path(__file__).resolve().parent
EXPECTED = {
    "pnet.pt": "a2a71925e0b9996a42f63e47efc1ca19043e69558b5c523b978d611dfae49c8f",
    "rnet.pt": "bbb937de72efc9ef83b186c49f5f558467a1d7e3453a8ece0d71a886633f6a86",
    "onet.pt": "165bfbe42940416ccfb977545cf0e976d5bf321f67083ae2aaaa5c764280118d",
}


class PNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 10, kernel_size=3)
        self.prelu1 = nn.PReLU(10)
        self.pool1 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(10, 16, kernel_size=3)
        self.prelu2 = nn.PReLU(16)
        self.conv3 = nn.Conv2d(16, 32, kernel_size=3)
        self.prelu3 = nn.PReLU(32)
        self.conv4_1 = nn.Conv2d(32, 2, kernel_size=1)
        self.conv4_2 = nn.Conv2d(32, 4, kernel_size=1)

    def forward(self, x):
        x = self.prelu1(self.conv1(x))
        x = self.pool1(x)
        x = self.prelu2(self.conv2(x))
        x = self.prelu3(self.conv3(x))
        prob = torch.softmax(self.conv4_1(x), dim=1)[:, 1]
        return prob, self.conv4_2(x)


class RNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 28, kernel_size=3)
        self.prelu1 = nn.PReLU(28)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(28, 48, kernel_size=3)
        self.prelu2 = nn.PReLU(48)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3 = nn.Conv2d(48, 64, kernel_size=2)
        self.prelu3 = nn.PReLU(64)
        self.dense4 = nn.Linear(576, 128)
        self.prelu4 = nn.PReLU(128)
        self.dense5_1 = nn.Linear(128, 2)
        self.dense5_2 = nn.Linear(128, 4)

    def forward(self, x):
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.prelu3(self.conv3(x))
        x = x.permute(0, 3, 2, 1).contiguous()  # the Caffe weights expect W-major flattening
        x = self.prelu4(self.dense4(x.view(x.shape[0], -1)))
        prob = torch.softmax(self.dense5_1(x), dim=1)[:, 1]
        return prob, self.dense5_2(x)


class ONet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, kernel_size=3)
        self.prelu1 = nn.PReLU(32)
        self.pool1 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=3)
        self.prelu2 = nn.PReLU(64)
        self.pool2 = nn.MaxPool2d(3, 2, ceil_mode=True)
        self.conv3 = nn.Conv2d(64, 64, kernel_size=3)
        self.prelu3 = nn.PReLU(64)
        self.pool3 = nn.MaxPool2d(2, 2, ceil_mode=True)
        self.conv4 = nn.Conv2d(64, 128, kernel_size=2)
        self.prelu4 = nn.PReLU(128)
        self.dense5 = nn.Linear(1152, 256)
        self.prelu5 = nn.PReLU(256)
        self.dense6_1 = nn.Linear(256, 2)
        self.dense6_2 = nn.Linear(256, 4)
        self.dense6_3 = nn.Linear(256, 10)

    def forward(self, x):
        x = self.pool1(self.prelu1(self.conv1(x)))
        x = self.pool2(self.prelu2(self.conv2(x)))
        x = self.pool3(self.prelu3(self.conv3(x)))
        x = self.prelu4(self.conv4(x))
        x = x.permute(0, 3, 2, 1).contiguous()
        x = self.prelu5(self.dense5(x.view(x.shape[0], -1)))
        prob = torch.softmax(self.dense6_1(x), dim=1)[:, 1]
        return prob, self.dense6_2(x), self.dense6_3(x)


def _state_dict(wheel: zipfile.ZipFile, name: str) -> dict:
    data = wheel.read(f"facenet_pytorch/data/{name}")
    digest = hashlib.sha256(data).hexdigest()
    if digest != EXPECTED[name]:
        raise SystemExit(f"unexpected sha256 {digest} for {name}")
    return torch.load(io.BytesIO(data), map_location="cpu", weights_only=True)


def _export(net: nn.Module, size: int | None, outputs: list[str], path: Path) -> None:
    net.eval()
    side = size or 64
    dummy = torch.zeros(1, 3, side, side)
    axes = {"input": {0: "n"}}
    if size is None:
        axes = {"input": {0: "n", 2: "h", 3: "w"}}
    for o in outputs:
        axes[o] = {0: "n"} if size else {0: "n", 1 if o == "prob" else 2: "oh", (2 if o == "prob" else 3): "ow"}
    torch.onnx.export(
        net, dummy, str(path), input_names=["input"], output_names=outputs,
        dynamic_axes=axes, opset_version=17, dynamo=False,
    )
    print(f"{path.name}: sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")


def prelu_as_convs(path: Path) -> None:
    """Rewrite the ONNX file's PReLUs over conv maps (slopes (C, 1, 1)) as three 1x1
    depthwise convs, relu(y) + s * relu(b * y) with b = -|a| and s = -1 where a >= 0, else 1
    (s * b = a): the same numbers bit for bit (where y > 0 the second term is 0, where y < 0
    the first is and s * relu(b * y) = a * y, one rounding), and ONNX Runtime keeps the maps
    in its blocked layout throughout (its PRelu works on plain NCHW, slowly, and costs two
    layout reorders besides): P-Net -22 %, R-Net -30 %, O-Net -35 % CPU (MODELS.md,
    face_pnet.onnx). The PReLUs after the fully connected layers stay as they are."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(path)
    graph = model.graph
    slopes = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    nodes, replaced = [], set()
    for node in graph.node:
        a = slopes.get(node.input[1]) if node.op_type == "PRelu" else None
        if a is None or a.ndim != 3:
            nodes.append(node)
            continue
        replaced.add(node.input[1])
        x, y = node.input[0], node.output[0]
        a = a.reshape(-1, 1, 1, 1).astype(np.float32)
        for name, w in (("one", np.ones_like(a)), ("neg", -np.abs(a)),
                        ("sign", np.where(a >= 0, -1.0, 1.0).astype(np.float32))):
            graph.initializer.append(numpy_helper.from_array(w, f"{y}/{name}"))
        dw = {"group": len(a), "kernel_shape": [1, 1]}
        nodes += [helper.make_node("Conv", [x, f"{y}/one"], [f"{y}/y"], **dw),
                  helper.make_node("Relu", [f"{y}/y"], [f"{y}/pos"]),
                  helper.make_node("Conv", [x, f"{y}/neg"], [f"{y}/by"], **dw),
                  helper.make_node("Relu", [f"{y}/by"], [f"{y}/relu_by"]),
                  helper.make_node("Conv", [f"{y}/relu_by", f"{y}/sign"], [f"{y}/negpart"], **dw),
                  helper.make_node("Add", [f"{y}/pos", f"{y}/negpart"], [y])]
    kept = [i for i in graph.initializer if i.name not in replaced]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"{path.name}: {len(replaced)} PReLUs as depthwise convs, sha256 {hashlib.sha256(path.read_bytes()).hexdigest()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", required=True, type=Path)
    ap.add_argument("--out-dir", type=Path, default=HERE)
    args = ap.parse_args()
    with zipfile.ZipFile(args.wheel) as wheel:
        nets = {}
        for cls, name in ((PNet, "pnet"), (RNet, "rnet"), (ONet, "onet")):
            net = cls()
            net.load_state_dict(_state_dict(wheel, f"{name}.pt"))
            nets[name] = net
    with torch.no_grad():
        _export(nets["pnet"], None, ["prob", "reg"], args.out_dir / "face_pnet.onnx")
        _export(nets["rnet"], 24, ["prob", "reg"], args.out_dir / "face_rnet.onnx")
        _export(nets["onet"], 48, ["prob", "reg", "landmarks"], args.out_dir / "face_onet.onnx")
    for name in ("face_pnet.onnx", "face_rnet.onnx", "face_onet.onnx"):
        prelu_as_convs(args.out_dir / name)


if __name__ == "__main__":
    main()
