#!/usr/bin/env python3
"""Small TorchScript encoders and their PyTorch outputs, for the tests of the *.torchscript node types.

Each case is a tiny backbone written in plain PyTorch, with seeded weights and batch-norm statistics that are
not the defaults, compiled with torch.jit.script (one with torch.jit.trace, as users' files often are) and
saved to tests/reference/golden/torchscript/<case>.pt. Beside it, <case>.json holds seeded inputs and the
module's eval-mode output on them, so tests/engine/nodes/test_torchscript_encoders.cpp can check that the node
runs the file exactly as PyTorch does. Files are a few kilobytes each; tests never run this script. Rerun only
when a case changes:   /usr/bin/python3 tests/reference/make_torchscript_encoders.py
Needs Debian's python3-torch (1.13): a file saved by a newer PyTorch may use operators LibTorch 1.13 lacks.
"""
import json
import os
from typing import Dict, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "torchscript")


def tensor_json(t):
    t = t.detach().cpu()
    dtype = {torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}[t.dtype]
    return {"shape": list(t.shape), "dtype": dtype, "data": t.reshape(-1).tolist()}


def randomize(module, seed):
    """Weights and batch-norm statistics away from their defaults, so a skipped layer or a train-mode batch norm
    shows in the outputs."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.3)
        for m in module.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.copy_(torch.randn(m.num_features, generator=g) * 0.2)
                m.running_var.copy_(torch.rand(m.num_features, generator=g) + 0.5)


class GrayFeatureMap(nn.Module):
    """[B, 1, 28, 28] -> feature map [B, 12, 7, 7]: conv, batch norm, ReLU, pooling twice."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.conv2 = nn.Conv2d(8, 12, 3, padding=1)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 2)
        return F.max_pool2d(F.relu(self.conv2(x)), 2)


class RgbPooled(nn.Module):
    """[B, 3, H, W] -> pooled features [B, 16] (any size; ImageNet-style input)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.bn = nn.BatchNorm2d(16)

    def forward(self, x):
        return F.adaptive_avg_pool2d(F.relu(self.bn(self.conv(x))), 1).flatten(1)


class TupleOutput(nn.Module):
    """A backbone returning (pooled, feature map) as many detection backbones do."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 6, 3, padding=1)

    def forward(self, x) -> Tuple[torch.Tensor, torch.Tensor]:
        fm = torch.tanh(self.conv(x))
        return fm.mean([2, 3]), fm


class DictOutput(nn.Module):
    """A backbone returning named outputs, as Hugging Face models traced with return_dict do."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 5, 3, padding=1)

    def forward(self, x) -> Dict[str, torch.Tensor]:
        fm = torch.sigmoid(self.conv(x))
        return {"feature_map": fm, "pooled": fm.amax([2, 3])}


class ScalarOutput(nn.Module):
    """Unusable: one number for the whole batch."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        return (x * self.scale).sum()


class TextTokens(nn.Module):
    """Token ids [B, L] and mask [B, L] (1 = real token) -> token vectors [B, L, 8]; vocabulary 60."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(60, 8, padding_idx=0)
        self.mix = nn.Linear(8, 8)

    def forward(self, ids, mask):
        h = torch.tanh(self.mix(self.embed(ids)))
        return h * mask.unsqueeze(-1).to(h.dtype)


class TextPooled(nn.Module):
    """Token ids [B, L] -> one vector [B, 6]: mean of the embeddings of non-padding ids; vocabulary 60."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(60, 6)

    def forward(self, ids):
        m = (ids != 0).unsqueeze(-1).to(torch.float32)
        return (self.embed(ids) * m).sum(1) / m.sum(1).clamp_min(1.0)


class SpectrogramPooled(nn.Module):
    """Log-mel [B, 1, M, T] -> [B, 10] for any number of frames T."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 10, 3, padding=1)
        self.bn = nn.BatchNorm2d(10)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x))).mean([2, 3])


def image_input(seed, channels, size):
    g = torch.Generator().manual_seed(seed)
    return torch.rand((3, channels, size, size), generator=g)


def text_input(seed):
    g = torch.Generator().manual_seed(seed)
    ids = torch.randint(2, 60, (3, 9), generator=g)
    lengths = torch.tensor([9, 5, 1])
    mask = torch.arange(9).unsqueeze(0) < lengths.unsqueeze(1)
    return ids * mask, mask


def save_case(name, module, compile_with, inputs):
    module.eval()
    scripted = torch.jit.trace(module, inputs) if compile_with == "trace" else torch.jit.script(module)
    scripted.save(os.path.join(OUT, name + ".pt"))
    with torch.no_grad():
        out = module(*inputs)
    if isinstance(out, torch.Tensor):
        outputs = {"": out}
    elif isinstance(out, tuple):
        outputs = {str(i): t for i, t in enumerate(out)}
    else:
        outputs = dict(out)
    case = {"compiled_with": compile_with, "inputs": [tensor_json(t) for t in inputs],
            "outputs": {k: tensor_json(v) for k, v in outputs.items()}}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f)
    print(f"{name}: {compile_with}, outputs {[tuple(v.shape) for v in outputs.values()]}")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    cases = [
        ("gray_feature_map", GrayFeatureMap(), "script", (image_input(1, 1, 28),)),
        ("gray_feature_map_traced", GrayFeatureMap(), "trace", (image_input(2, 1, 28),)),
        ("rgb_pooled", RgbPooled(), "script", (image_input(3, 3, 20),)),
        ("tuple_output", TupleOutput(), "script", (image_input(4, 1, 12),)),
        ("dict_output", DictOutput(), "script", (image_input(5, 1, 12),)),
        ("scalar_output", ScalarOutput(), "script", (image_input(6, 1, 12),)),
        ("text_tokens", TextTokens(), "script", text_input(7)),
        ("text_pooled", TextPooled(), "script", text_input(8)[:1]),
        ("spectrogram_pooled", SpectrogramPooled(), "script",
         (torch.randn((3, 1, 16, 40), generator=torch.Generator().manual_seed(9)),)),
    ]
    for i, (name, module, how, inputs) in enumerate(cases):
        randomize(module, 100 + i)
        if isinstance(module, TextTokens):
            with torch.no_grad():
                module.embed.weight[0].zero_()
        save_case(name, module, how, inputs)
    # Not TorchScript: what torch.save writes for a state dict, a common mistake the node must explain.
    torch.save(GrayFeatureMap().state_dict(), os.path.join(OUT, "state_dict.pt"))


if __name__ == "__main__":
    main()
