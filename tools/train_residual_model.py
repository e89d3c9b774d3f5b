#!/usr/bin/env python3
"""A small MobileNetV2-style Fashion-MNIST model with residual Adds, depthwise convolutions,
ReLU6 (Clip) and HardSwish, for the engine's agreement test with ONNX Runtime.

Writes tests/data/mobilenet_tiny.onnx (opset 13, BatchNormalization kept, dynamic batch,
bitlens.* metadata). One short epoch on the CPU: the test needs the ops and realistic weights,
not accuracy. Reference predictions then come from tools/ort_predictions.mjs.
  /usr/bin/python3 tools/train_residual_model.py
"""
import os
import sys

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_sample import DATA, export_onnx, preprocess, read_idx  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "mobilenet_tiny.onnx")


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        self.use_residual = stride == 1 and cin == cout
        self.block = nn.Sequential(
            nn.Conv2d(cin, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(),
            nn.Conv2d(hidden, cout, 1, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.block(x)
        return x + y if self.use_residual else y


class TinyMobileNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.Hardswish())
        self.blocks = nn.Sequential(
            InvertedResidual(16, 16, 1, 2), InvertedResidual(16, 24, 2, 3), InvertedResidual(24, 24, 1, 3),
            InvertedResidual(24, 32, 2, 3), InvertedResidual(32, 32, 1, 3))
        self.head = nn.Linear(32, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def main():
    torch.manual_seed(0)
    torch.set_num_threads(2)
    x = preprocess(read_idx(f"{DATA}/train-images-idx3-ubyte.gz"))
    y = torch.from_numpy(read_idx(f"{DATA}/train-labels-idx1-ubyte.gz").astype("int64"))
    model = TinyMobileNet()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    perm = torch.randperm(len(x))[:20000]  # a short epoch: the test checks agreement, not accuracy
    for i in range(0, len(perm), 128):
        idx = perm[i:i + 128]
        loss = F.cross_entropy(model(x[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    m = export_onnx(model, x[:1], OUT, "bitlens tools/train_residual_model.py")
    onnx.save(m, OUT)
    print(sorted({n.op_type for n in m.graph.node}), sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
