#!/usr/bin/env python3
"""Golden outputs for Fusebench's encoder blocks and fusion operators, computed with PyTorch.

Each case builds the reference module in plain PyTorch (standard torch.nn layers, parameter names
identical to the C++ modules), randomizes its weights and batch-norm statistics, runs it in eval mode on
seeded inputs (some modalities missing, some text padded) and writes inputs, state_dict and outputs to
tests/reference/golden/nodes/<case>.json. The C++ test (tests/engine/nodes/test_reference.cpp) loads the same
weights into the Fusebench module and compares. Tests never run this script; rerun it only when a
node's definition changes:   /usr/bin/python3 tests/reference/make_golden.py
Needs Debian's python3-torch (1.13).
"""
import json
import math
import os
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "golden", "nodes")
B = 3


def tensor_json(t):
    t = t.detach().cpu()
    dtype = {torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}[t.dtype]
    data = t.reshape(-1).tolist()
    return {"shape": list(t.shape), "dtype": dtype, "data": data}


def masked_mean(x, mask):
    m = mask.to(x.dtype).unsqueeze(-1)
    return (x * m).sum(1) / m.sum(1).clamp_min(1.0)


def zero_missing(x, present):
    return x * present.to(x.dtype).view([-1] + [1] * (x.dim() - 1))


def safe_kpm(valid):
    none = (~valid).all(1)
    fixed = valid.clone()
    fixed[:, 0] = valid[:, 0] | none
    return ~fixed


def as_tokens(v):
    if v["value"].dim() == 3:
        return v["value"], v.get("mask", torch.ones(v["value"].shape[:2], dtype=torch.bool))
    return v["value"].unsqueeze(1), torch.ones(v["value"].shape[0], 1, dtype=torch.bool)


def masked_softmax(logits, present, dim):
    return torch.nan_to_num(torch.softmax(logits.masked_fill(~present, float("-inf")), dim), 0.0, 0.0, 0.0)


# ----- encoders -----------------------------------------------------------------------------------------

def conv_stack(in_ch, stages, convs, width, bn, pooling, max_width=512):
    layers, c_in = [], in_ch
    for s in range(stages):
        out = min(width * (2 ** s), max_width)
        for _ in range(convs):
            layers.append(nn.Conv2d(c_in, out, 3, padding=1, bias=not bn))
            if bn:
                layers.append(nn.BatchNorm2d(out))
            layers.append(nn.ReLU())
            c_in = out
        if pooling == "max":
            layers.append(nn.MaxPool2d(2))
        if pooling == "avg":
            layers.append(nn.AvgPool2d(2))
    return nn.Sequential(*layers), c_in


class Stack(nn.Module):
    def __init__(self, body):
        super().__init__()
        self.body = body


class ConvEncoder(nn.Module):
    def __init__(self, in_ch, stages, convs, width, bn, pooling, out_dim, spectrogram=False):
        super().__init__()
        body, ch = conv_stack(in_ch, stages, convs, width, bn, pooling)
        self.stack = Stack(body)
        self.proj = nn.Linear(ch, out_dim) if out_dim > 0 else None
        self.spectrogram = spectrogram

    def forward(self, ins):
        x = ins["in"]["value"]
        if self.spectrogram:
            x = x.unsqueeze(1)
        fm = self.stack.body(x)
        f = fm.mean((2, 3))
        if self.proj is not None:
            f = self.proj(f)
        tokens = fm.mean(2).transpose(1, 2) if self.spectrogram else fm.flatten(2).transpose(1, 2)
        return {"features": f, "tokens": tokens}, {"feature_map": fm}


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))
        return torch.relu(y + (self.downsample(x) if self.downsample is not None else x))


class ResNetEncoder(nn.Module):
    def __init__(self, in_ch, stages, blocks, width, out_dim):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(in_ch, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        layers, cin = [], width
        for s in range(stages):
            out = width << s
            for b in range(blocks):
                layers.append(BasicBlock(cin, out, 2 if (s > 0 and b == 0) else 1))
                cin = out
        self.blocks = nn.Sequential(*layers)
        self.proj = nn.Linear(cin, out_dim) if out_dim > 0 else None

    def forward(self, ins):
        fm = self.blocks(self.stem(ins["in"]["value"]))
        f = fm.mean((2, 3))
        if self.proj is not None:
            f = self.proj(f)
        return {"features": f, "tokens": fm.flatten(2).transpose(1, 2)}, {"feature_map": fm}


def text_outputs(tokens, v):
    t = tokens * v["mask"].unsqueeze(-1).to(tokens.dtype)
    return {"features": masked_mean(t, v["mask"]), "tokens": t}, {}


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab, dim):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim, padding_idx=0)

    def forward(self, ins):
        return text_outputs(self.embedding(ins["in"]["value"]), ins["in"])


class TextRnn(nn.Module):
    def __init__(self, vocab, dim, cell, hidden, layers, bidirectional):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim, padding_idx=0)
        rnn = nn.GRU if cell == "gru" else nn.LSTM
        self.rnn = rnn(dim, hidden, num_layers=layers, bidirectional=bidirectional, batch_first=True)

    def forward(self, ins):
        v = ins["in"]
        x = self.embedding(v["value"])
        lengths = v["mask"].sum(1).clamp_min(1)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        out, _ = self.rnn(packed)
        out, _ = nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
        return text_outputs(out, v)


def transformer_encoder(dim, heads, layers, ff):
    layer = nn.TransformerEncoderLayer(dim, heads, ff, dropout=0.0)
    return nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)


class TextTransformer(nn.Module):
    def __init__(self, vocab, length, dim, heads, layers, ff):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim, padding_idx=0)
        self.position = nn.Parameter(torch.randn(length, dim) * 0.02)
        self.encoder = transformer_encoder(dim, heads, layers, ff)

    def forward(self, ins):
        v = ins["in"]
        x = self.embedding(v["value"]) + self.position.unsqueeze(0)
        y = self.encoder(x.transpose(0, 1), src_key_padding_mask=safe_kpm(v["mask"])).transpose(0, 1)
        return text_outputs(y, v)


class WaveformCnn(nn.Module):
    def __init__(self, depth, width, k, stride, pool, out_dim):
        super().__init__()
        layers = [nn.Conv1d(1, width, k, stride, bias=False), nn.BatchNorm1d(width), nn.ReLU()]
        cin = width
        for s in range(depth):
            out = min(width << (s + 1), 512)
            layers += [nn.Conv1d(cin, out, 3, padding=1, bias=False), nn.BatchNorm1d(out), nn.ReLU(), nn.MaxPool1d(pool)]
            cin = out
        self.body = nn.Sequential(*layers)
        self.proj = nn.Linear(cin, out_dim) if out_dim > 0 else None

    def forward(self, ins):
        fm = self.body(ins["in"]["value"].unsqueeze(1))
        f = fm.mean(2)
        if self.proj is not None:
            f = self.proj(f)
        return {"features": f, "tokens": fm.transpose(1, 2)}, {"feature_map": fm}


class TabularMlp(nn.Module):
    def __init__(self, n, cards, norm, emb, hidden):
        super().__init__()
        self.norm = nn.BatchNorm1d(n) if norm == "batch" else nn.LayerNorm(n) if norm == "layer" else None
        self.embeddings = nn.ModuleList([nn.Embedding(c, emb) for c in cards])
        layers, cin = [], n + emb * len(cards)
        for h in hidden:
            layers += [nn.Linear(cin, h), nn.ReLU(), nn.Dropout(0.0)]
            cin = h
        self.mlp = nn.Sequential(*layers)

    def forward(self, ins):
        v = ins["in"]
        x = v["value"]
        if self.norm is not None:
            x = self.norm(x)
        parts = [x] + [e(v["aux"][:, k]) for k, e in enumerate(self.embeddings)]
        return {"features": self.mlp(torch.cat(parts, 1))}, {}


# ----- fusion ---------------------------------------------------------------------------------------------

def modalities(ins, base):
    out, i = [], 0
    while f"{base}{i}" in ins:
        out.append(ins[f"{base}{i}"])
        i += 1
    return out


def any_present(ms):
    p = ms[0]["present"].clone()
    for m in ms[1:]:
        p = p | m["present"]
    return p


class Concat(nn.Module):
    def forward(self, ins):
        ms = modalities(ins, "in")
        return {"out": torch.cat([zero_missing(m["value"], m["present"]) for m in ms], 1)}, {}


class Sum(nn.Module):
    def forward(self, ins):
        ms = modalities(ins, "in")
        return {"out": torch.stack([zero_missing(m["value"], m["present"]) for m in ms], 0).sum(0)}, {}


class WeightedSum(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.weights = nn.Parameter(torch.zeros(n))

    def forward(self, ins):
        ms = modalities(ins, "in")
        present = torch.stack([m["present"] for m in ms], 1)
        w = masked_softmax(self.weights.unsqueeze(0).expand(present.shape[0], -1), present, 1)
        out = (torch.stack([m["value"] for m in ms], 1) * w.unsqueeze(-1)).sum(1)
        return {"out": out}, {"modality_weights": w}


class Gmu(nn.Module):
    def __init__(self, dims, dim):
        super().__init__()
        self.proj = nn.ModuleList([nn.Linear(d, dim) for d in dims])
        self.gate = nn.Linear(sum(dims), dim * len(dims))
        self.dim = dim

    def forward(self, ins):
        ms = modalities(ins, "in")
        xs = [zero_missing(m["value"], m["present"]) for m in ms]
        hs = [torch.tanh(p(x)) for p, x in zip(self.proj, xs)]
        z = self.gate(torch.cat(xs, 1)).view(-1, len(ms), self.dim)
        present = torch.stack([m["present"] for m in ms], 1).unsqueeze(-1).expand_as(z)
        z = masked_softmax(z, present, 1)
        return {"out": (torch.stack(hs, 1) * z).sum(1)}, {"gates": z}


class Film(nn.Module):
    def __init__(self, dim, cond_dims):
        super().__init__()
        self.film = nn.Linear(sum(cond_dims), 2 * dim)

    def forward(self, ins):
        x = ins["x"]
        cs = modalities(ins, "cond")
        gamma, beta = self.film(torch.cat([zero_missing(c["value"], c["present"]) for c in cs], 1)).chunk(2, 1)
        internals = {"gamma": gamma, "beta": beta}
        if x["value"].dim() == 3:
            gamma, beta = gamma.unsqueeze(1), beta.unsqueeze(1)
        y = (1 + gamma) * x["value"] + beta
        anyp = any_present(cs).view([-1] + [1] * (x["value"].dim() - 1))
        y = torch.where(anyp, y, x["value"])
        if "mask" in x:
            y = y * x["mask"].unsqueeze(-1).to(y.dtype)
        return {"out": y}, internals


def with_one(x):
    return torch.cat([x, torch.ones(x.shape[0], 1)], 1)


class TensorFusion(nn.Module):
    def __init__(self, dims, out_dim):
        super().__init__()
        size = math.prod(d + 1 for d in dims)
        self.proj = nn.Linear(size, out_dim) if out_dim > 0 else None

    def forward(self, ins):
        z = None
        for m in modalities(ins, "in"):
            xi = with_one(zero_missing(m["value"], m["present"]))
            z = xi if z is None else (z.unsqueeze(2) * xi.unsqueeze(1)).flatten(1)
        if self.proj is not None:
            z = self.proj(z)
        return {"out": z}, {}


class LowRankTensorFusion(nn.Module):
    def __init__(self, dims, out_dim, rank):
        super().__init__()
        for i, d in enumerate(dims):
            setattr(self, f"factor{i}", nn.Parameter(nn.init.xavier_normal_(torch.empty(rank, d + 1, out_dim))))
        self.fusion_weights = nn.Parameter(nn.init.xavier_normal_(torch.empty(1, rank)))
        self.fusion_bias = nn.Parameter(torch.randn(1, out_dim) * 0.1)

    def forward(self, ins):
        prod = None
        for i, m in enumerate(modalities(ins, "in")):
            f = torch.matmul(with_one(zero_missing(m["value"], m["present"])), getattr(self, f"factor{i}"))
            prod = f if prod is None else prod * f
        out = torch.matmul(self.fusion_weights, prod.permute(1, 0, 2)).squeeze(1) + self.fusion_bias
        return {"out": out}, {}


class Mfb(nn.Module):
    def __init__(self, dims, out_dim, factor):
        super().__init__()
        self.proj = nn.ModuleList([nn.Linear(d, out_dim * factor) for d in dims])
        self.dropout = nn.Dropout(0.1)
        self.out_dim, self.factor = out_dim, factor

    def forward(self, ins):
        z = None
        for p, m in zip(self.proj, modalities(ins, "in")):
            v = p(m["value"])
            v = torch.where(m["present"].unsqueeze(1), v, torch.ones_like(v))
            z = v if z is None else z * v
        z = self.dropout(z).view(-1, self.out_dim, self.factor).sum(2)
        z = torch.sign(z) * (torch.sqrt(torch.abs(z) + 1e-8) - 1e-4)
        return {"out": F.normalize(z, dim=1)}, {}


class CrossAttention(nn.Module):
    def __init__(self, dim, ctx_dims, heads):
        super().__init__()
        self.context_proj = nn.ModuleList([nn.Linear(d, dim) for d in ctx_dims])
        self.attention = nn.MultiheadAttention(dim, heads)
        self.norm = nn.LayerNorm(dim)

    def forward(self, ins):
        q, qmask = as_tokens(ins["query"])
        keys, valid, lengths = [], [], []
        for p, m in zip(self.context_proj, modalities(ins, "context")):
            k, kmask = as_tokens(m)
            keys.append(p(k))
            valid.append(kmask & m["present"].unsqueeze(1))
            lengths.append(k.shape[1])
        K = torch.cat(keys, 1).transpose(0, 1)
        v = torch.cat(valid, 1)
        a, w = self.attention(q.transpose(0, 1), K, K, key_padding_mask=safe_kpm(v), need_weights=True)
        has = v.any(1).to(q.dtype).view(-1, 1, 1)
        a = a.transpose(0, 1) * has
        w = w * has
        y = self.norm(q + a) * qmask.unsqueeze(-1).to(q.dtype)
        return {"features": masked_mean(y, qmask), "tokens": y}, {"attention": w}


class TransformerFusion(nn.Module):
    def __init__(self, dims, dim, heads, layers, ff):
        super().__init__()
        self.proj = nn.ModuleList([nn.Linear(d, dim) for d in dims])
        self.modality_embedding = nn.Parameter(torch.randn(len(dims), dim) * 0.02)
        self.cls = nn.Parameter(torch.randn(1, dim) * 0.02)
        self.encoder = transformer_encoder(dim, heads, layers, ff)
        self.dim = dim

    def forward(self, ins):
        ms = modalities(ins, "in")
        b = ms[0]["value"].shape[0]
        seq = [self.cls.unsqueeze(0).expand(b, 1, self.dim)]
        valid = [torch.ones(b, 1, dtype=torch.bool)]
        for i, (p, m) in enumerate(zip(self.proj, ms)):
            t, mask = as_tokens(m)
            seq.append(p(t) + self.modality_embedding[i])
            valid.append(mask & m["present"].unsqueeze(1))
        x, v = torch.cat(seq, 1), torch.cat(valid, 1)
        y = self.encoder(x.transpose(0, 1), src_key_padding_mask=~v).transpose(0, 1)
        y = y * v.unsqueeze(-1).to(y.dtype)
        return {"features": y[:, 0], "tokens": y}, {}


class LateFusion(nn.Module):
    def __init__(self, dims, k):
        super().__init__()
        self.classifiers = nn.ModuleList([nn.Linear(d, k) for d in dims])

    def forward(self, ins):
        ms = modalities(ins, "in")
        l = torch.stack([c(m["value"]) for c, m in zip(self.classifiers, ms)], 1)
        p = torch.stack([m["present"].float() for m in ms], 1).unsqueeze(-1)
        return {"out": (l * p).sum(1) / p.sum(1).clamp_min(1.0)}, {"modality_logits": l}


class Head(nn.Module):
    def __init__(self, din, hidden, k):
        super().__init__()
        self.layers = nn.ModuleList()
        for h in hidden:
            self.layers.append(nn.Linear(din, h))
            din = h
        self.out = nn.Linear(din, k)
        self.dropout = nn.Dropout(0.0)

    def forward(self, ins):
        x = ins["in"]["value"]
        for l in self.layers:
            x = self.dropout(torch.relu(l(x)))
        return {"out": self.out(x)}, {}


# ----- inputs ---------------------------------------------------------------------------------------------

def features(d, missing=()):
    present = torch.ones(B, dtype=torch.bool)
    for i in missing:
        present[i] = False
    return {"kind": "features", "dims": [d], "value": torch.randn(B, d), "present": present}


def tokens(length, d, missing=(), lengths=None):
    v = features(d, missing)
    v["kind"], v["dims"] = "tokens", [length, d]
    v["value"] = torch.randn(B, length, d)
    lengths = lengths or [length, max(1, length - 2), 1]
    v["mask"] = torch.arange(length).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)
    v["value"] = v["value"] * v["mask"].unsqueeze(-1)
    return v


def text(length, vocab, lengths):
    ids = torch.randint(1, vocab, (B, length))
    mask = torch.arange(length).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)
    ids = ids * mask
    return {"kind": "text", "dims": [length], "cardinalities": [vocab], "value": ids, "mask": mask,
            "present": torch.ones(B, dtype=torch.bool)}


def image(c, h, w):
    return {"kind": "image", "dims": [c, h, w], "value": torch.randn(B, c, h, w), "present": torch.ones(B, dtype=torch.bool)}


def randomize(module):
    """Nontrivial weights and batch-norm statistics, so every term of the computation is exercised."""
    with torch.no_grad():
        for name, p in module.named_parameters():
            if p.dim() >= 1:
                p.copy_(torch.randn_like(p) * (0.5 / math.sqrt(max(1, p.shape[-1]))) + (0.0 if p.dim() > 1 else 0.1))
        for m in module.modules():
            if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
                m.running_mean.copy_(torch.randn_like(m.running_mean) * 0.1)
                m.running_var.copy_(torch.rand_like(m.running_var) + 0.5)
                m.weight.copy_(1 + 0.2 * torch.randn_like(m.weight))
                m.num_batches_tracked.fill_(7)


CASES = []


def case(name, type_, params, inputs, module):
    CASES.append((name, type_, params, inputs, module))


def build_cases():
    torch.manual_seed(1234)
    case("small_cnn_bn_max", "image.small_cnn", {"depth": 2, "width": 4, "batch_norm": True, "pooling": "max", "out_dim": 0},
         {"in": image(3, 16, 12)}, lambda: ConvEncoder(3, 2, 1, 4, True, "max", 0))
    case("small_cnn_avg_proj", "image.small_cnn", {"depth": 3, "width": 3, "batch_norm": False, "pooling": "avg", "out_dim": 5},
         {"in": image(1, 16, 16)}, lambda: ConvEncoder(1, 3, 1, 3, False, "avg", 5))
    case("vgg", "image.vgg", {"depth": 2, "convs_per_stage": 2, "width": 4, "batch_norm": True, "out_dim": 6},
         {"in": image(3, 8, 8)}, lambda: ConvEncoder(3, 2, 2, 4, True, "max", 6))
    case("resnet", "image.resnet", {"stages": 2, "blocks_per_stage": 2, "width": 4, "out_dim": 0},
         {"in": image(3, 9, 9)}, lambda: ResNetEncoder(3, 2, 2, 4, 0))
    case("bag_of_embeddings", "text.bag_of_embeddings", {"dim": 6},
         {"in": text(7, 20, [7, 3, 0])}, lambda: BagOfEmbeddings(20, 6))
    case("text_bilstm", "text.rnn", {"dim": 5, "cell": "lstm", "hidden": 4, "layers": 2, "bidirectional": True},
         {"in": text(6, 15, [6, 2, 4])}, lambda: TextRnn(15, 5, "lstm", 4, 2, True))
    case("text_gru", "text.rnn", {"dim": 5, "cell": "gru", "hidden": 3, "layers": 1, "bidirectional": False},
         {"in": text(6, 15, [3, 6, 1])}, lambda: TextRnn(15, 5, "gru", 3, 1, False))
    case("text_transformer", "text.transformer", {"dim": 8, "heads": 2, "layers": 2, "ff_dim": 16, "dropout": 0.0},
         {"in": text(5, 12, [5, 2, 0])}, lambda: TextTransformer(12, 5, 8, 2, 2, 16))
    spec = {"kind": "spectrogram", "dims": [16, 12], "value": torch.randn(B, 16, 12), "present": torch.ones(B, dtype=torch.bool)}
    case("spectrogram_cnn", "audio.spectrogram_cnn", {"depth": 2, "width": 4, "batch_norm": True, "pooling": "max", "out_dim": 3},
         {"in": spec}, lambda: ConvEncoder(1, 2, 1, 4, True, "max", 3, spectrogram=True))
    wave = {"kind": "waveform", "dims": [200], "value": torch.randn(B, 200), "present": torch.ones(B, dtype=torch.bool)}
    case("waveform_cnn", "audio.waveform_cnn", {"depth": 2, "width": 4, "first_kernel": 9, "first_stride": 2, "pool": 3, "out_dim": 0},
         {"in": wave}, lambda: WaveformCnn(2, 4, 9, 2, 3, 0))
    tab = {"kind": "tabular", "dims": [4], "cardinalities": [3, 5], "value": torch.randn(B, 4),
           "aux": torch.tensor([[0, 4], [2, 1], [1, 0]]), "present": torch.ones(B, dtype=torch.bool)}
    case("tabular_mlp", "tabular.mlp", {"normalization": "batch", "embedding_dim": 2, "hidden": [6, 5], "dropout": 0.0},
         {"in": tab}, lambda: TabularMlp(4, [3, 5], "batch", 2, [6, 5]))
    case("tabular_mlp_layer", "tabular.mlp", {"normalization": "layer", "embedding_dim": 3, "hidden": [4], "dropout": 0.0},
         {"in": tab}, lambda: TabularMlp(4, [3, 5], "layer", 3, [4]))

    case("concat", "fusion.concat", {}, {"in0": features(4, [1]), "in1": features(3), "in2": features(2, [2])}, lambda: Concat())
    case("sum", "fusion.sum", {}, {"in0": features(4, [0]), "in1": features(4)}, lambda: Sum())
    case("weighted_sum", "fusion.weighted_sum", {}, {"in0": features(5, [1]), "in1": features(5), "in2": features(5, [1])},
         lambda: WeightedSum(3))
    case("gmu", "fusion.gmu", {"dim": 4}, {"in0": features(5), "in1": features(3, [0])}, lambda: Gmu([5, 3], 4))
    case("film_features", "fusion.film", {}, {"x": features(4), "cond0": features(3, [1]), "cond1": features(2, [1])},
         lambda: Film(4, [3, 2]))
    case("film_tokens", "fusion.film", {}, {"x": tokens(5, 4), "cond0": features(3, [2])}, lambda: Film(4, [3]))
    case("tensor", "fusion.tensor", {"out_dim": 0}, {"in0": features(2), "in1": features(3, [1]), "in2": features(2)},
         lambda: TensorFusion([2, 3, 2], 0))
    case("tensor_proj", "fusion.tensor", {"out_dim": 4}, {"in0": features(3), "in1": features(2, [0])},
         lambda: TensorFusion([3, 2], 4))
    case("low_rank_tensor", "fusion.low_rank_tensor", {"out_dim": 4, "rank": 3},
         {"in0": features(3), "in1": features(5, [2]), "in2": features(2)}, lambda: LowRankTensorFusion([3, 5, 2], 4, 3))
    case("mfb", "fusion.mfb", {"out_dim": 4, "factor": 3, "dropout": 0.1}, {"in0": features(5), "in1": features(6, [1])},
         lambda: Mfb([5, 6], 4, 3))
    case("cross_attention", "fusion.cross_attention", {"heads": 2},
         {"query": tokens(4, 8, lengths=[4, 2, 3]), "context0": tokens(5, 6, missing=[1]), "context1": features(3, [1, 2])},
         lambda: CrossAttention(8, [6, 3], 2))
    case("cross_attention_features_query", "fusion.cross_attention", {"heads": 1},
         {"query": features(4), "context0": tokens(3, 5, lengths=[3, 1, 2])}, lambda: CrossAttention(4, [5], 1))
    case("transformer_fusion", "fusion.transformer", {"dim": 8, "heads": 2, "layers": 1, "ff_dim": 12, "dropout": 0.0},
         {"in0": tokens(3, 5, lengths=[3, 1, 2]), "in1": features(4, [0]), "in2": features(6)},
         lambda: TransformerFusion([5, 4, 6], 8, 2, 1, 12))
    case("late", "fusion.late", {"num_classes": 3}, {"in0": features(4, [0]), "in1": features(2)},
         lambda: LateFusion([4, 2], 3))
    case("classification_head", "head.classification", {"num_classes": 4, "hidden": [5, 3], "dropout": 0.0},
         {"in": features(6)}, lambda: Head(6, [5, 3], 4))


def main():
    os.makedirs(OUT, exist_ok=True)
    build_cases()
    for name, type_, params, inputs, make in CASES:
        torch.manual_seed(zlib.crc32(name.encode()))
        module = make()
        randomize(module)
        module.eval()
        with torch.no_grad():
            outs, internals = module({k: v for k, v in inputs.items()})
        doc = {
            "name": name,
            "type": type_,
            "params": params,
            "inputs": {
                port: {"kind": v["kind"], "dims": v["dims"], "cardinalities": v.get("cardinalities", []),
                       **{f: tensor_json(v[f]) for f in ("value", "present", "mask", "aux") if f in v}}
                for port, v in inputs.items()
            },
            "state": {k: tensor_json(t) for k, t in module.state_dict().items()},
            "outputs": {k: tensor_json(t) for k, t in outs.items()},
            "internals": {k: tensor_json(t) for k, t in internals.items()},
            "generator": f"torch {torch.__version__}",
        }
        with open(os.path.join(OUT, name + ".json"), "w") as f:
            json.dump(doc, f, separators=(",", ":"))
    print(f"wrote {len(CASES)} golden cases to {OUT}")


if __name__ == "__main__":
    sys.exit(main())
