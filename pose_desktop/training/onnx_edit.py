"""Edits of exported ONNX graphs that leave their weights and operators as they are."""

from __future__ import annotations

from pathlib import Path


def free_input_sides(path: Path, input_name: str = "input", dims: tuple[int, int] = (1, 2)) -> str:
    """Declare the ``dims`` (height, width of an NHWC input) of ``input_name`` free
    (``height``, ``width``) instead of the sizes the graph was exported at, so the same
    graph takes larger crops (global pooling makes the rest size-agnostic); drop the
    inferred shapes of inner tensors, which were worked out at the export's size. Nothing
    else changes: at the exported size the outputs are bit-identical. Rewrites ``path``
    and returns its sha256."""
    import hashlib

    import onnx

    model = onnx.load(str(path))
    graph_input = next(i for i in model.graph.input if i.name == input_name)
    shape = graph_input.type.tensor_type.shape.dim
    for d, name in zip(dims, ("height", "width"), strict=True):
        shape[d].ClearField("dim_value")
        shape[d].dim_param = name
    del model.graph.value_info[:]
    onnx.checker.check_model(model)
    onnx.save(model, str(path))
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
