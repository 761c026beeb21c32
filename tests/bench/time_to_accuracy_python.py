#!/usr/bin/env python3
"""Time to a test accuracy on Fashion-MNIST in PyTorch, with the recipe of projects/fashion_mnist.fbproj:
the same VGG-style CNN + MLP + head (modules from tests/reference/make_golden.py), AdamW lr 0.003, weight decay
5e-4, one-cycle (PyTorch's OneCycleLR without momentum cycling, as Fusebench schedules only the LR), label
smoothing 0.05, batch 128, pixels in [0, 1] normalized by the training mean and std, the same thread count.
Evaluates the official 10,000 test images after every epoch and prints one JSON line per epoch.
--precision bf16: the forward pass and the loss under torch.autocast("cpu", torch.bfloat16), evaluation in float32,
as Fusebench's "precision": "bf16".
   /usr/bin/python3 tests/bench/time_to_accuracy_python.py [--epochs 12] [--threads 2] [--precision fp32|bf16]"""
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_train_python import Conv  # noqa: E402  (the same modules as the training benchmark)

D = "/usr/share/datasets/fashion-mnist"


def idx(name):
    with gzip.open(os.path.join(D, name)) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    epochs = int(sys.argv[sys.argv.index("--epochs") + 1]) if "--epochs" in sys.argv else 12
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    precision = sys.argv[sys.argv.index("--precision") + 1] if "--precision" in sys.argv else "fp32"
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    start = time.perf_counter()
    xtr = torch.from_numpy(idx("train-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    ytr = torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte = torch.from_numpy(idx("t10k-images-idx3-ubyte.gz").astype(np.float32) / 255.0).unsqueeze(1)
    yte = torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    mean, std = xtr.mean().item(), xtr.std().item()
    xtr, xte = (xtr - mean) / std, (xte - mean) / std
    model = Conv()
    opt = torch.optim.AdamW(model.parameters(), lr=0.003, weight_decay=5e-4)
    batch = 128
    steps_per_epoch = (len(xtr) + batch - 1) // batch
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.003, total_steps=epochs * steps_per_epoch,
                                                cycle_momentum=False)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    prep = time.perf_counter() - start
    train_seconds = 0.0
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        model.train()
        order = torch.randperm(len(xtr))
        for i in range(0, len(xtr), batch):
            idxs = order[i:i + batch]
            opt.zero_grad()
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                loss = loss_fn(model(xtr[idxs]).float(), ytr[idxs])
            loss.backward()
            opt.step()
            sched.step()
        t1 = time.perf_counter()
        model.eval()
        correct = 0
        with torch.no_grad():
            for i in range(0, len(xte), 512):
                correct += (model(xte[i:i + 512]).argmax(1) == yte[i:i + 512]).sum().item()
        train_seconds += time.perf_counter() - t0
        print(json.dumps({"framework": "pytorch", "precision": precision, "epoch": epoch, "test_accuracy": correct / len(xte),
                          "seconds": round(train_seconds, 1), "train_steps_seconds": round(t1 - t0, 1),
                          "rest_seconds": round(time.perf_counter() - t1, 1), "prepare_seconds": round(prep, 1)}),
              flush=True)


if __name__ == "__main__":
    main()
