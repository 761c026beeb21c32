#!/usr/bin/env python3
"""The same architectures and recipe as bench_train, in PyTorch (Debian's python3-torch), same threads.
   /usr/bin/python3 tests/bench/bench_train_python.py conv|fusion [--threads N] [--steps N] [--device cpu|cuda]
                                                      [--precision fp32|bf16]
--precision bf16: forward and loss under torch.autocast(dtype=torch.bfloat16), float32 weights, as Fusebench.
The modules come from tests/reference/make_golden.py, whose parameter names and computations match
Fusebench's node by node (that is what the golden tests check)."""
import json
import os
import sys
import time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import make_golden as ref  # noqa: E402


class Mlp(nn.Module):
    def __init__(self, din, hidden, dropout=0.0):
        super().__init__()
        self.layers = nn.ModuleList()
        for h in hidden:
            self.layers.append(nn.Linear(din, h))
            din = h
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        for l in self.layers:
            x = self.dropout(torch.relu(l(x)))
        return x


class Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn = ref.ConvEncoder(1, 2, 2, 32, True, "max", 0)
        self.mlp = Mlp(64, [128], 0.3)
        self.head = ref.Head(128, [], 10)

    def forward(self, x):
        f, _ = self.cnn({"in": {"value": x}})
        return self.head({"in": {"value": self.mlp(f["features"])}})[0]["out"]


class Fusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.ea = ref.TabularMlp(16, [], "batch", 8, [64])
        self.eb = ref.TabularMlp(16, [], "batch", 8, [64])
        self.mlp = Mlp(128, [64])
        self.head = ref.Head(64, [], 4)

    def forward(self, a, b):
        fa = self.ea({"in": {"value": a, "aux": None}})[0]["features"]
        fb = self.eb({"in": {"value": b, "aux": None}})[0]["features"]
        present = torch.ones(a.shape[0], dtype=torch.bool, device=a.device)
        fused = ref.Concat()({"in0": {"value": fa, "present": present}, "in1": {"value": fb, "present": present}})[0]["out"]
        return self.head({"in": {"value": self.mlp(fused)}})[0]["out"]


def main():
    which = sys.argv[1] if len(sys.argv) > 1 else "conv"
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    steps = int(sys.argv[sys.argv.index("--steps") + 1]) if "--steps" in sys.argv else 60
    precision = sys.argv[sys.argv.index("--precision") + 1] if "--precision" in sys.argv else "fp32"
    device = torch.device(sys.argv[sys.argv.index("--device") + 1] if "--device" in sys.argv else "cpu")
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if which == "conv":
        model, batch = Conv(), 128
        inputs = (torch.randn(batch, 1, 28, 28),)
        target = torch.randint(0, 10, (batch,))
    else:
        model, batch = Fusion(), 64
        inputs = (torch.randn(batch, 16), torch.randn(batch, 16))
        target = torch.randint(0, 4, (batch,))
    model = model.to(device)
    inputs = tuple(t.to(device) for t in inputs)
    target = target.to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    model.train()

    def step():
        opt.zero_grad()
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=precision == "bf16"):
            loss = nn.functional.cross_entropy(model(*inputs).float(), target)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(5):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    s = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch", "device": str(device), "model": which, "precision": precision, "threads": threads, "batch": batch,
                      "steps_per_s": steps / s}))


if __name__ == "__main__":
    main()
