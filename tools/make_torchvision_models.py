#!/usr/bin/python3
"""ImageNet-sized CNNs for bench/compare-ort-models.sh: ResNet-18, ResNet-50 and MobileNetV2 from
Debian's python3-torchvision with random weights (speed does not depend on them), 224x224 RGB,
dynamic batch, opset 13. Usage: tools/make_torchvision_models.py OUT_DIR"""
import os
import sys

import torch
import torchvision

torch.manual_seed(18)
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name in ("resnet18", "resnet50", "mobilenet_v2"):
    path = os.path.join(out, name + ".onnx")
    if os.path.exists(path):
        continue
    model = getattr(torchvision.models, name)(weights=None).eval()
    torch.onnx.export(model, torch.randn(1, 3, 224, 224), path, opset_version=13, input_names=["image"],
                      output_names=["logits"], dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}})
    print(path)
