#!/usr/bin/python3
"""Small transformer models for the engine tests (issue 18): a ViT, a BERT-style encoder and a
GPT-style decoder with random weights, exported by Debian's python3-torch without constant
folding (so every Linear weight reaches its MatMul through a Transpose, as in users' exports).
These test operators and numerics, not accuracy.

Usage: tools/make_transformer_models.py OUT_DIR
Writes OUT_DIR/<model>/model.onnx and OUT_DIR/<model>/test_data_set_0/input_N.npy (seeded); the
reference outputs come from ONNX Runtime (tools/make_transformer_models.sh runs the whole chain).
"""
import math
import os
import sys

import numpy as np
import torch
from torch import nn

torch.manual_seed(18)
DIM, HEADS, LAYERS, FF = 64, 4, 2, 128


class Attention(nn.Module):
    def __init__(self, causal):
        super().__init__()
        self.q, self.k, self.v, self.o = (nn.Linear(DIM, DIM) for _ in range(4))
        self.causal = causal

    def forward(self, x, mask=None):
        b, t, _ = x.shape
        split = lambda y: y.reshape(b, t, HEADS, DIM // HEADS).transpose(1, 2)
        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(DIM // HEADS)
        if self.causal:  # exported as Range/Trilu/Where on the sequence length
            allowed = torch.ones(t, t, dtype=torch.bool).tril()
            scores = scores.masked_fill(~allowed, float("-inf"))
        if mask is not None:  # [b, t] of 0/1 -> additive mask on the keys
            scores = scores + (1.0 - mask[:, None, None, :].to(scores.dtype)) * -10000.0
        y = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, t, DIM)
        return self.o(y)


class Block(nn.Module):
    def __init__(self, causal=False, pre_norm=True):
        super().__init__()
        self.attn = Attention(causal)
        self.norm1, self.norm2 = nn.LayerNorm(DIM), nn.LayerNorm(DIM)
        self.ff = nn.Sequential(nn.Linear(DIM, FF), nn.GELU(), nn.Linear(FF, DIM))
        self.pre_norm = pre_norm

    def forward(self, x, mask=None):
        if self.pre_norm:
            x = x + self.attn(self.norm1(x), mask)
            return x + self.ff(self.norm2(x))
        x = self.norm1(x + self.attn(x, mask))
        return self.norm2(x + self.ff(x))


class ViT(nn.Module):  # 32x32 RGB, 8x8 patches, class token, 10 classes
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, DIM, 8, stride=8)
        self.cls = nn.Parameter(torch.randn(1, 1, DIM) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, 17, DIM) * 0.02)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.norm, self.head = nn.LayerNorm(DIM), nn.Linear(DIM, 10)

    def forward(self, image):
        x = self.patch(image).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1) + self.pos
        for blk in self.blocks:
            x = blk(x)
        return self.head(self.norm(x)[:, 0])


class Bert(nn.Module):  # post-norm encoder; outputs hidden states, pooled vector, 3 class logits
    def __init__(self, vocab=512, max_len=32):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, DIM), nn.Embedding(max_len, DIM)
        self.norm = nn.LayerNorm(DIM)
        self.blocks = nn.ModuleList(Block(pre_norm=False) for _ in range(LAYERS))
        self.pool, self.cls = nn.Linear(DIM, DIM), nn.Linear(DIM, 3)

    def forward(self, input_ids, attention_mask):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.norm(self.tok(input_ids) + self.pos(positions)[None])
        for blk in self.blocks:
            x = blk(x, attention_mask)
        pooled = torch.tanh(self.pool(x[:, 0]))
        return x, pooled, self.cls(pooled)


class Gpt(nn.Module):  # pre-norm decoder with a causal mask and a head tied to the embedding
    def __init__(self, vocab=512, max_len=32):
        super().__init__()
        self.tok, self.pos = nn.Embedding(vocab, DIM), nn.Embedding(max_len, DIM)
        self.blocks = nn.ModuleList(Block(causal=True) for _ in range(LAYERS))
        self.norm = nn.LayerNorm(DIM)

    def forward(self, input_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.tok(input_ids) + self.pos(positions)[None]
        for blk in self.blocks:
            x = blk(x)
        return self.norm(x) @ self.tok.weight.t()


def export(model, inputs, names, outputs, dynamic, out_dir):
    os.makedirs(os.path.join(out_dir, "test_data_set_0"), exist_ok=True)
    model.eval()
    torch.onnx.export(model, inputs, os.path.join(out_dir, "model.onnx"), opset_version=17,
                      do_constant_folding=False, input_names=names, output_names=outputs,
                      dynamic_axes=dynamic)
    for i, t in enumerate(inputs):
        np.save(os.path.join(out_dir, "test_data_set_0", f"input_{i}.npy"), t.numpy())


def main(out):
    rng = np.random.default_rng(18)
    image = torch.from_numpy(rng.standard_normal((2, 3, 32, 32)).astype(np.float32))
    export(ViT(), (image,), ["image"], ["logits"], {"image": {0: "batch"}, "logits": {0: "batch"}},
           os.path.join(out, "vit_tiny"))
    ids = torch.from_numpy(rng.integers(0, 512, (2, 12)).astype(np.int64))
    mask = torch.ones(2, 12, dtype=torch.int64)
    mask[1, 9:] = 0  # the second sequence is padded
    seq = {0: "batch", 1: "sequence"}
    export(Bert(), (ids, mask), ["input_ids", "attention_mask"], ["last_hidden_state", "pooled", "logits"],
           {"input_ids": seq, "attention_mask": seq, "last_hidden_state": seq, "pooled": {0: "batch"},
            "logits": {0: "batch"}}, os.path.join(out, "bert_tiny"))
    export(Gpt(), (ids,), ["input_ids"], ["logits"], {"input_ids": seq, "logits": seq},
           os.path.join(out, "gpt_tiny"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
