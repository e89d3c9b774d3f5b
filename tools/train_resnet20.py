#!/usr/bin/env python3
"""A ResNet-20-style Fashion-MNIST model (He et al.'s CIFAR ResNet-20 on 1 x 28 x 28 input) for the
engine's ONNX Runtime agreement test, bench/compare-ort.sh and the sweep benchmark.

Stem Conv3x3(1->16)+BN+ReLU, three stages of three BasicBlocks (16, 32, 64 channels; stride 2 at
the first block of stages 2 and 3; conv3x3+BN+ReLU+conv3x3+BN, shortcut identity or 1x1 conv
stride 2 + BN), residual Add then ReLU, global average pooling, Linear(64->10): 272,186
parameters. Two epochs (7.5 minutes on one core) reach 91.22% top-1 on the 10,000 test images.
Writes tests/data/resnet20.onnx (opset 13, BatchNormalization kept, dynamic batch, bitlens.*
metadata). Fixed seeds, one thread (so a rerun gives the same file), AdamW with a one-cycle
schedule and random horizontal flips:
  /usr/bin/python3 tools/train_resnet20.py [--epochs 2]
Reference predictions then come from tools/ort_predictions.mjs.
"""
import argparse
import os
import sys
import time

import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_sample import DATA, accuracy, export_onnx, preprocess, read_idx  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "resnet20.onnx")


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class ResNet20(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        blocks, cin = [], 16
        for cout, stride in ((16, 1), (32, 2), (64, 2)):
            for i in range(3):
                blocks.append(BasicBlock(cin, cout, stride if i == 0 else 1))
                cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=2)
    args = ap.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(1)
    x = preprocess(read_idx(f"{DATA}/train-images-idx3-ubyte.gz"))
    y = torch.from_numpy(read_idx(f"{DATA}/train-labels-idx1-ubyte.gz").astype("int64"))
    xt = preprocess(read_idx(f"{DATA}/t10k-images-idx3-ubyte.gz"))
    yt = torch.from_numpy(read_idx(f"{DATA}/t10k-labels-idx1-ubyte.gz").astype("int64"))
    model = ResNet20()
    batch = 128
    steps = args.epochs * ((len(x) + batch - 1) // batch)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    start = time.time()
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            xb = x[idx]
            flip = torch.rand(len(idx)) < 0.5
            xb[flip] = xb[flip].flip(-1)
            loss = F.cross_entropy(model(xb), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1}: loss {total / len(x):.4f}, {time.time() - start:.0f} s", flush=True)
    model.eval()
    print(f"test top-1 {accuracy(model, xt, yt)[0]:.4f}", flush=True)
    m = export_onnx(model, x[:1], OUT, "bitlens tools/train_resnet20.py")
    onnx.save(m, OUT)
    print(sorted({n.op_type for n in m.graph.node}), sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
