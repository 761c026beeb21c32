#!/usr/bin/env python3
"""Turns a torchvision image model into a TorchScript backbone for Fusebench's image.torchscript node.

    python3 tools/torchscript/convert_torchvision.py resnet18 --out resnet18.pt
    python3 tools/torchscript/convert_torchvision.py efficientnet_b0 --weights ~/efficientnet_b0.pth --out effb0.pt
    python3 tools/torchscript/convert_torchvision.py resnet50 --output feature_map --out r50_map.pt

The classifier is removed. `--output pooled` (the default) makes the file return one feature vector per image
[B, D]; `--output feature_map` returns the last convolutional map [B, C, H, W], which Fusebench pools itself and
also offers as tokens (one per position) to attention fusion, and to Grad-CAM.

Weights: `--weights DEFAULT` (the default) takes torchvision's pretrained weights, which torchvision downloads
into ~/.cache/torch/hub on first use (a machine with network, or a cache copied from one); `--weights FILE`
reads a state dict saved with torch.save; `--weights none` keeps a random initialization (for trying the
pipeline). The script writes FILE.json beside the .pt with the input size, the normalization to choose in the
node (`imagenet` for torchvision's weights) and the output shape.

Run it with a PyTorch no newer than the LibTorch your Fusebench is built with (Debian 12: 1.13), since a newer
PyTorch may save operators an older LibTorch cannot load. The model is compiled with torch.jit.script, so batch
norm and dropout follow Fusebench's train and eval modes; models that cannot be scripted are traced instead
(batch norm then stays in inference mode during training: freeze such a backbone).
"""
import argparse
import json
import os
import sys

import torch
import torch.nn as nn
import torchvision


class Pooled(nn.Module):
    """A backbone's feature map, pooled to [B, C]."""

    def __init__(self, features):
        super().__init__()
        self.features = features

    def forward(self, x):
        return torch.flatten(nn.functional.adaptive_avg_pool2d(self.features(x), 1), 1)


def feature_extractor(name, model):
    """The model up to (not including) its global pooling and classifier, as a module returning [B, C, H, W]."""
    if hasattr(model, "fc") and hasattr(model, "layer4"):  # ResNet, ResNeXt, Wide ResNet
        return nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool, model.layer1, model.layer2,
                             model.layer3, model.layer4)
    if hasattr(model, "features") and isinstance(model.features, nn.Module):  # VGG, DenseNet, MobileNet, EfficientNet, ConvNeXt, AlexNet
        tail = [nn.ReLU(inplace=False)] if name.startswith("densenet") else []
        return nn.Sequential(model.features, *tail)
    if hasattr(model, "trunk_output"):  # RegNet
        return nn.Sequential(model.stem, model.trunk_output)
    raise SystemExit(f"{name}: no known feature extractor (supported: ResNet/ResNeXt, VGG, DenseNet, MobileNet, "
                     "EfficientNet, ConvNeXt, AlexNet, RegNet)")


def load_model(name, weights):
    builder = getattr(torchvision.models, name, None)
    if builder is None or not callable(builder):
        raise SystemExit(f"torchvision {torchvision.__version__} has no model '{name}'")
    if weights == "none":
        return builder(weights=None)
    if weights == "DEFAULT":
        try:
            return builder(weights="DEFAULT")
        except Exception as e:  # no network and no cached copy
            raise SystemExit(f"{name}: cannot get torchvision's pretrained weights ({e}). Download them on a machine "
                             "with network (they land in ~/.cache/torch/hub/checkpoints) or pass --weights FILE")
    model = builder(weights=None)
    state = torch.load(os.path.expanduser(weights), map_location="cpu")
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    missing, unexpected = model.load_state_dict(state, strict=False)
    kept = [k for k in missing if not k.startswith(("fc.", "classifier.", "head"))]
    if kept:
        raise SystemExit(f"{weights}: the state dict lacks {len(kept)} of {name}'s tensors, e.g. {kept[:3]}")
    if unexpected:
        print(f"note: {len(unexpected)} tensors of {weights} are not {name}'s and were ignored", file=sys.stderr)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", help="torchvision model name: resnet18, resnet50, efficientnet_b0, mobilenet_v3_small, ...")
    ap.add_argument("--weights", default="DEFAULT", help="DEFAULT (torchvision's), a state-dict file, or none")
    ap.add_argument("--output", choices=["pooled", "feature_map"], default="pooled")
    ap.add_argument("--size", type=int, default=224, help="input height and width the check runs at (default 224)")
    ap.add_argument("--out", required=True, help="the TorchScript file to write")
    args = ap.parse_args()

    model = load_model(args.model, args.weights).eval()
    backbone = feature_extractor(args.model, model)
    module = (Pooled(backbone) if args.output == "pooled" else backbone).eval()
    example = torch.rand(2, 3, args.size, args.size)
    try:
        scripted, how = torch.jit.script(module), "script"
    except Exception as e:
        print(f"note: torch.jit.script failed ({str(e).splitlines()[0]}); tracing instead", file=sys.stderr)
        scripted, how = torch.jit.trace(module, example), "trace"
    with torch.no_grad():
        expected, got = module(example), scripted(example)
    if not torch.allclose(expected, got, atol=1e-5):
        raise SystemExit("the TorchScript module does not reproduce the model's output")
    scripted.save(args.out)
    info = {
        "model": args.model, "torchvision": torchvision.__version__, "torch": torch.__version__,
        "weights": args.weights, "compiled_with": how, "output": args.output,
        "input": [3, args.size, args.size], "output_shape": list(got.shape[1:]),
        "normalization": "imagenet" if args.weights != "none" else "none",
        "node": {"type": "image.torchscript", "params": {"file": os.path.basename(args.out),
                                                         "normalization": "imagenet"}},
        "note": "set the image input's channels to 3 and its normalize to false",
    }
    with open(args.out + ".json", "w") as f:
        json.dump(info, f, indent=2)
    size = os.path.getsize(args.out) / 1e6
    print(f"{args.out}: {args.model} ({args.weights} weights), {how}, output {list(got.shape[1:])}, {size:.1f} MB")


if __name__ == "__main__":
    main()
