"""Export a trained segmentation checkpoint to models/ as ONNX + manifest (+ parity fixture).

    python3 -m segmentation.export --run cpu-fcd56 --size-px 192 --version 2026-11-27.1

The manifest is the contract with the server (docs/model-contract.md).
"""
import argparse
from pathlib import Path

import cv2
import numpy as np
import torch

from common.onnx_export import OPSET, export, write_manifest, write_parity_fixture
from common.paths import CDS, MODELS, REPO, RUNS
from segmentation.data import MEAN, STD, normalise
from segmentation.model import Tiramisu, TiramisuConfig

PARITY_PHOTOS = ["validation/dress/" , "validation/pants/"]  # first photo of each folder


def load(run: str, which: str = "best") -> Tiramisu:
    ck = torch.load(RUNS / run / f"{which}.pt", map_location="cpu")
    model = Tiramisu(TiramisuConfig(**ck["config"]))
    model.load_state_dict(ck["model"])
    return model.eval()


def parity_input(size: int) -> torch.Tensor:
    photos = [sorted((CDS / d).glob("*.jpg"))[0] for d in PARITY_PHOTOS]
    rgb = [cv2.cvtColor(cv2.imread(str(p)), cv2.COLOR_BGR2RGB) for p in photos]
    return normalise(np.stack([cv2.resize(im, (size, size), interpolation=cv2.INTER_AREA) for im in rgb]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", required=True)
    ap.add_argument("--which", default="best", choices=["best", "last"])
    ap.add_argument("--size-px", type=int, required=True, help="working input size (square)")
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--name", default="segmentation")
    args = ap.parse_args()

    model = load(args.run, args.which)
    cfg = model.cfg
    size_name = {(4, 12): "fcd56", (5, 16): "fcd67"}.get((cfg.down_layers[0], cfg.growth_rate), "fcd103")
    onnx_path = args.out / f"{args.name}.onnx"
    example = torch.zeros(1, 3, args.size_px, args.size_px)
    export(model, example, onnx_path, "image", "logits",
           {"image": {0: "batch", 2: "height", 3: "width"}, "logits": {0: "batch", 2: "height", 3: "width"}})
    write_manifest(args.out / f"{args.name}.json", {
        "kind": "segmentation",
        "name": f"tiramisu-{size_name}-garment",
        "version": args.version,
        "file": onnx_path.name,
        "opset": OPSET,
        "input": {
            "name": "image", "layout": "NCHW", "channels": "RGB", "dtype": "float32",
            "height": args.size_px, "width": args.size_px, "multipleOf": cfg.downsampling,
            "resize": "stretch", "scale": 1 / 255,
            "mean": [float(v) for v in MEAN], "std": [float(v) for v in STD],
        },
        "output": {"name": "logits", "layout": "NCHW", "classes": ["background", "garment"], "activation": "none"},
    })
    write_parity_fixture(model, parity_input(args.size_px), REPO / "test" / "fixtures" / "parity", args.name)
    print(f"wrote {onnx_path} ({onnx_path.stat().st_size / 1e6:.1f} MB) and its manifest")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
