"""The segmentation campaign's memory: committed best weights and the ledger of legs.

Training accumulates over many working stretches on a CPU. What survives a stretch is
committed in `training/weights/`:
  - `segmentation.pt`: the best weights so far (fp16 state dict + model config; no
    optimiser state), the start of the next leg;
  - `segmentation.legs.jsonl`: one JSON object per leg (command, config, samples seen,
    wall time, CPU-hours, validation figures per epoch and at its best), rewritten in
    place while a leg runs, so a leg that is killed keeps what it recorded.
The model card and its learning curve are generated from the ledger (segmentation.export).

    python3 -m segmentation.ledger from-onnx ../models/segmentation.onnx   # recover weights
    python3 -m segmentation.ledger show
"""
import argparse
import hashlib
import json
import os
from pathlib import Path
from typing import List, Optional

import torch

from common.paths import TRAINING
from segmentation.model import Tiramisu, TiramisuConfig

# an override keeps tests and trials away from the committed files
WEIGHTS_DIR = Path(os.environ.get("SEGMENTATION_WEIGHTS_DIR", TRAINING / "weights"))
WEIGHTS = WEIGHTS_DIR / "segmentation.pt"
LEDGER = WEIGHTS_DIR / "segmentation.legs.jsonl"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def save_weights(model: Tiramisu, path: Path = WEIGHTS, meta: Optional[dict] = None) -> None:
    """fp16 weights + config, written atomically (a kill never leaves half a file)."""
    state = {k: (v.half() if v.is_floating_point() else v) for k, v in model.state_dict().items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save({"model": state, "config": model.cfg.__dict__.copy(), "meta": meta or {}}, tmp)
    os.replace(tmp, path)


def load_weights(path: Path = WEIGHTS, dropout: Optional[float] = None) -> Tiramisu:
    ck = torch.load(path, map_location="cpu")
    cfg = dict(ck["config"])
    if dropout is not None:
        cfg["dropout"] = dropout
    model = Tiramisu(TiramisuConfig(**cfg))
    model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
    return model


def read_legs(path: Path = LEDGER) -> List[dict]:
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def write_leg(leg: dict, path: Path = LEDGER) -> None:
    """Insert or replace the leg with this id, atomically."""
    legs = [l for l in read_legs(path) if l["id"] != leg["id"]] + [leg]
    legs.sort(key=lambda l: l["id"])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(l, sort_keys=True) + "\n" for l in legs))
    os.replace(tmp, path)


def best_so_far(legs: List[dict]) -> Optional[dict]:
    """The validation figures of the committed weights (the last leg that improved them)."""
    scored = [l["best"] for l in legs if l.get("best")]
    return max(scored, key=lambda b: b["score"]) if scored else None


def from_onnx(onnx_path: Path, config: TiramisuConfig) -> Tiramisu:
    """Rebuild PyTorch weights from an exported ONNX file (its initialisers keep our names)."""
    import onnx
    from onnx import numpy_helper

    model = Tiramisu(config)
    inits = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(str(onnx_path)).graph.initializer}
    state = model.state_dict()
    missing = [k for k in state if k not in inits and not k.endswith("num_batches_tracked")]
    assert not missing, f"ONNX file lacks {missing[:5]}: exported from another layout?"
    model.load_state_dict({k: inits.get(k, v) for k, v in state.items()})
    return model


def main() -> int:
    from segmentation.model import config_for

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("from-onnx", help="recover the committed weights from a shipped ONNX model")
    o.add_argument("onnx", type=Path)
    o.add_argument("--size", default="fcd56")
    sub.add_parser("show", help="print the ledger, one line per leg")
    args = ap.parse_args()
    if args.cmd == "from-onnx":
        model = from_onnx(args.onnx, config_for(args.size, dropout=0.0))
        save_weights(model, meta={"source": str(args.onnx.name), "onnx_sha256": sha256(args.onnx)})
        print(f"wrote {WEIGHTS} from {args.onnx}")
    else:
        for l in read_legs():
            b = l.get("best") or {}
            print(f"leg {l['id']}: {l.get('samples') or 0} samples, {l.get('cpu_hours') or 0:.2f} CPU-h, "
                  f"{l.get('wall_hours') or 0:.2f} h; best {json.dumps(b.get('val', {}))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
