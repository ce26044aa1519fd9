"""The embedder's committed weights: what the next fine-tune starts from.

`training/weights/embedding.pt` holds the weights of the shipped embedder (fp16 state dict +
model config + where they came from; no optimiser state), so a fresh machine, whose
training/runs is empty, fine-tunes instead of training from scratch.

    python3 -m embedding.weights from-onnx ../models/embedding.onnx   # recover them from the shipped model

The ONNX export folds each BatchNorm into the conv before it, so the file holds W' = W g/s
and b' = b - m g/s, not the BatchNorm's own (g, b, m, s). Any BatchNorm with
    running_mean = mu, running_var = v, weight = sqrt(v + eps), bias = b' + mu
computes z + b' in eval mode (the ONNX function, exactly), whatever mu and v are; taking
them as the measured mean and variance of z = W'x on training views makes train mode (batch
statistics) start from the same function too, so fine-tuning starts where the model is.
"""
import argparse
import hashlib
import json
import os
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch
import torch.nn as nn

from common.paths import TRAINING
from embedding.model import EmbedConfig, GarmentEmbedder, build

# an override keeps tests and trials away from the committed file
WEIGHTS = Path(os.environ.get("EMBEDDING_WEIGHTS_DIR", TRAINING / "weights")) / "embedding.pt"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def save_weights(model: GarmentEmbedder, path: Path = WEIGHTS, meta: Optional[dict] = None) -> None:
    """fp16 weights + config, written atomically (a kill never leaves half a file)."""
    state = {k: (v.half() if v.is_floating_point() else v) for k, v in model.state_dict().items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    cfg = {**model.cfg.__dict__, "widths": list(model.cfg.widths)}
    torch.save({"model": state, "config": cfg, "meta": meta or {}}, tmp)
    os.replace(tmp, path)


def load_weights(path: Path = WEIGHTS) -> GarmentEmbedder:
    ck = torch.load(path, map_location="cpu")
    cfg = dict(ck["config"], widths=tuple(ck["config"]["widths"]))
    model = GarmentEmbedder(EmbedConfig(**cfg))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
    return model


def conv_bn_pairs(model: GarmentEmbedder) -> List[tuple]:
    """(conv, bn) in forward order: the order of the Conv nodes in the exported graph."""
    mods = list(model.modules())
    return [(m, mods[k + 1]) for k, m in enumerate(mods) if isinstance(m, nn.Conv2d)]


@torch.no_grad()
def from_onnx(onnx_path: Path, calibration: torch.Tensor, size: str = "m") -> GarmentEmbedder:
    """Rebuild the PyTorch model of an exported embedder; `calibration` (N, 3, H, W) are
    training views whose conv outputs set the unfolded BatchNorm statistics."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    convs = [n for n in graph.node if n.op_type == "Conv"]
    dim, width = inits["head.weight"].shape
    model = build(size, dim=int(dim), input_size=96)
    pairs = conv_bn_pairs(model)
    assert len(convs) == len(pairs) and width == 2 * model.cfg.widths[-1], (
        f"{onnx_path} has {len(convs)} convs and a head of {width} inputs: not an export of size {size!r}")
    for (conv, bn), node in zip(pairs, convs):
        w, b = inits[node.input[1]], inits[node.input[2]]
        assert conv.weight.shape == w.shape, f"conv {node.name}: {tuple(w.shape)} vs {tuple(conv.weight.shape)}"
        conv.weight.copy_(w)
        bn.weight.fill_(1.0), bn.bias.copy_(b), bn.running_mean.zero_(), bn.running_var.fill_(1.0 - bn.eps)
    model.head.weight.copy_(inits["head.weight"]), model.head.bias.copy_(inits["head.bias"])

    # The exact folded function is in place; now measure z = W'x at each BatchNorm's input.
    model.eval()
    stats = {}
    hooks = [bn.register_forward_hook(lambda m, inp, out, k=k: stats.__setitem__(k, inp[0]))
             for k, (_, bn) in enumerate(pairs)]
    before = model(calibration)
    for h in hooks:
        h.remove()
    for k, (_, bn) in enumerate(pairs):
        z = stats[k]  # (N, C, H, W)
        mu, var = z.mean(dim=(0, 2, 3)), z.var(dim=(0, 2, 3), unbiased=False)
        bias = bn.bias.clone()
        bn.running_mean.copy_(mu), bn.running_var.copy_(var)
        bn.weight.copy_(torch.sqrt(var + bn.eps)), bn.bias.copy_(bias + mu)
    after = model(calibration)
    assert (after - before).abs().max() < 1e-4, "unfolding the BatchNorms changed the function"
    return model


def calibration_views(n: int = 256, seed: int = 0) -> torch.Tensor:
    """Studio and snapshot views of cds_train photos, as training makes them."""
    from embedding.data import load_photos, snapshot_view, studio_view, to_tensor

    photos = load_photos("cds_train")
    rng = np.random.default_rng(seed)
    views = []
    for i in rng.choice(len(photos.items), n, replace=False):
        rgb, mask = photos.get(int(i))
        views.append(studio_view(rgb, mask, 96, rng) if len(views) % 2 else snapshot_view(rgb, mask, 96, rng))
    return to_tensor(np.stack(views))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("from-onnx", help="recover the committed weights from a shipped ONNX model")
    o.add_argument("onnx", type=Path)
    o.add_argument("--size", default="m")
    args = ap.parse_args()
    torch.set_num_threads(2)
    model = from_onnx(args.onnx, calibration_views(), args.size)
    manifest = args.onnx.with_suffix(".json")
    version = json.loads(manifest.read_text())["version"] if manifest.exists() else None
    save_weights(model, meta={"source": args.onnx.name, "onnx_sha256": sha256(args.onnx), "version": version})
    print(f"wrote {WEIGHTS} from {args.onnx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
