"""ONNX export shared by the segmentation and embedding models (timm's recipe): eval(),
one trial forward, named inputs and outputs, dynamic axes, onnx.checker, and a parity
fixture (input + PyTorch output) that test/models/parity.test.ts replays in
onnxruntime-node, so the runtime the server uses is compared with PyTorch.
"""
import json
from pathlib import Path
from typing import Dict

import numpy as np
import onnx
import torch

OPSET = 17


def export(model: torch.nn.Module, example: torch.Tensor, path: Path, input_name: str,
           output_name: str, dynamic_axes: Dict[str, Dict[int, str]]) -> None:
    model.eval()
    with torch.no_grad():
        model(example)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(model, example, str(path), input_names=[input_name], output_names=[output_name],
                      dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)))


def write_parity_fixture(model: torch.nn.Module, x: torch.Tensor, out_dir: Path, name: str) -> None:
    """<name>.input.bin / <name>.output.bin (float32 little-endian) + <name>.json (shapes)."""
    model.eval()
    with torch.no_grad():
        y = model(x)
    out_dir.mkdir(parents=True, exist_ok=True)
    x.numpy().astype("<f4").tofile(out_dir / f"{name}.input.bin")
    y.numpy().astype("<f4").tofile(out_dir / f"{name}.output.bin")
    (out_dir / f"{name}.json").write_text(json.dumps(
        {"inputShape": list(x.shape), "outputShape": list(y.shape)}, indent=2) + "\n")


def write_manifest(path: Path, manifest: dict) -> None:
    path.write_text(json.dumps(manifest, indent=2) + "\n")
