#!/usr/bin/env python3
"""Trains BitLens's bundled sample: a small Conv+BatchNorm+ReLU CNN on Fashion-MNIST.

Reads Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, gzipped IDX), trains on
the CPU with fixed seeds, and writes into resources/sample/:
  fashion_cnn.onnx               opset 13, BatchNormalization kept, dynamic batch, with
                                 metadata_props bitlens.mean / bitlens.std / bitlens.classes
  t10k-images-idx3-ubyte.gz      the first 2,000 test images (gzipped IDX, mtime 0)
  t10k-labels-idx1-ubyte.gz      their labels
  dataset.json                   the dataset card for the subset
  expected.json                  FP32 accuracy and the torch predictions, for cross-checks

Run with Debian's interpreter (python3-torch, python3-onnx, python3-numpy):
  /usr/bin/python3 tools/train_sample.py [--epochs N] [--threads N]
Only this script uses Python; the build and the tests never do.
"""
import argparse
import gzip
import json
import os
import struct
import time

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "sample")
MEAN, STD = 0.2860, 0.3530
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
           "Ankle boot"]
SUBSET = 2000


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    ndim = magic & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if arr.size != int(np.prod(dims)):
        raise SystemExit(f"{path}: {arr.size} bytes of data for dims {dims}")
    return arr.reshape(dims)


def write_idx_gz(path, arr):
    header = struct.pack(">I", 0x0800 | arr.ndim) + struct.pack(">" + "I" * arr.ndim, *arr.shape)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
            f.write(header + arr.astype(np.uint8).tobytes())


class FashionCNN(nn.Module):
    """Four Conv+BN+ReLU blocks, two max-pools, global average pool, a Gemm classifier (111k weights)."""

    def __init__(self):
        super().__init__()
        def block(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
        self.features = nn.Sequential(
            *block(1, 32), nn.MaxPool2d(2),                           # 14x14
            *block(32, 64), nn.MaxPool2d(2),                          # 7x7
            *block(64, 80), *block(80, 64),
        )
        self.classifier = nn.Linear(64, 10)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.classifier(x)


def add_bitlens_metadata(model, producer):
    """bitlens.mean/std/classes as JSON arrays in metadata_props (DESIGN.md), then onnx.checker."""
    for key, value in (("bitlens.mean", json.dumps([MEAN])), ("bitlens.std", json.dumps([STD])),
                       ("bitlens.classes", json.dumps(CLASSES))):
        p = model.metadata_props.add()
        p.key, p.value = key, value
    model.producer_name = producer
    onnx.checker.check_model(model)


def export_onnx(model, example, path, producer):
    """Opset 13, input "input", output "logits", dynamic batch N, BatchNormalization kept (no
    constant folding), bitlens.* metadata; returns the loaded onnx.ModelProto, not yet saved."""
    torch.onnx.export(model, example, path, opset_version=13, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    m = onnx.load(path)
    add_bitlens_metadata(m, producer)
    return m


def preprocess(u8):
    return torch.from_numpy(((u8.astype(np.float32) / 255.0 - MEAN) / STD)[:, None, :, :])


def accuracy(model, x, y, batch=1000):
    model.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            preds.append(model(x[i:i + batch]).argmax(1))
    p = torch.cat(preds)
    return (p == y).float().mean().item(), p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.manual_seed(0)
    np.random.seed(0)
    torch.set_num_threads(args.threads)

    xtr = preprocess(read_idx(f"{DATA}/train-images-idx3-ubyte.gz"))
    ytr = torch.from_numpy(read_idx(f"{DATA}/train-labels-idx1-ubyte.gz").astype(np.int64))
    test_u8 = read_idx(f"{DATA}/t10k-images-idx3-ubyte.gz")
    test_labels = read_idx(f"{DATA}/t10k-labels-idx1-ubyte.gz")
    xte = preprocess(test_u8)
    yte = torch.from_numpy(test_labels.astype(np.int64))

    model = FashionCNN()
    params = sum(p.numel() for p in model.parameters())
    print(f"parameters: {params}")
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps_per_epoch = (len(xtr) + 127) // 128
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=args.epochs * steps_per_epoch)
    start = time.time()
    for epoch in range(args.epochs):
        model.train()
        perm = torch.randperm(len(xtr))
        total = 0.0
        for i in range(0, len(xtr), 128):
            idx = perm[i:i + 128]
            xb = xtr[idx]
            # light augmentation: random horizontal flip
            flip = torch.rand(len(xb)) < 0.5
            xb = torch.where(flip[:, None, None, None], xb.flip(3), xb)
            loss = F.cross_entropy(model(xb), ytr[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        acc, _ = accuracy(model, xte, yte)
        print(f"epoch {epoch + 1}: loss {total / len(xtr):.4f}, test top-1 {acc:.4f}, "
              f"{time.time() - start:.0f} s", flush=True)

    acc_full, preds = accuracy(model, xte, yte)
    acc_subset = (preds[:SUBSET] == yte[:SUBSET]).float().mean().item()
    if acc_full < 0.90:
        raise SystemExit(f"test top-1 {acc_full:.4f} is below 0.90")

    os.makedirs(OUT, exist_ok=True)
    model.eval()
    path = os.path.join(OUT, "fashion_cnn.onnx")
    m = export_onnx(model, xte[:1], path, "bitlens tools/train_sample.py")
    m.producer_version = "1"
    ops = [n.op_type for n in m.graph.node]
    if "BatchNormalization" not in ops:
        raise SystemExit("the export fused BatchNormalization; it must be kept")
    onnx.save(m, path)
    print("nodes:", ops)
    for t in m.graph.initializer:
        print(f"  {t.name} {list(t.dims)}")

    write_idx_gz(os.path.join(OUT, "t10k-images-idx3-ubyte.gz"), test_u8[:SUBSET])
    write_idx_gz(os.path.join(OUT, "t10k-labels-idx1-ubyte.gz"), test_labels[:SUBSET])
    card = {"name": f"Fashion-MNIST test subset (first {SUBSET})", "mean": [MEAN], "std": [STD],
            "classes": CLASSES, "images": "t10k-images-idx3-ubyte.gz", "labels": "t10k-labels-idx1-ubyte.gz"}
    with open(os.path.join(OUT, "dataset.json"), "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    expected = {"parameters": params, "top1_test_10000": acc_full, f"top1_first_{SUBSET}": acc_subset,
                "predictions_first_2000": preds[:SUBSET].tolist()}
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f)
        f.write("\n")
    print(f"top-1: {acc_full:.4f} on 10,000, {acc_subset:.4f} on the first {SUBSET}; "
          f"{time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
