"""How much garment a segmenter sees where there is none.

Runs the model on the fixed garment-free evaluation set (segmentation/negatives.py:
background crops of the validation phone photos plus synthetic images, never trained on)
and reports the share of pixels it calls garment: `negatives_garment_fraction`, the mean
over images (0 is right), also per kind and on the flat grey image alone. train.py
reports it every epoch beside the validation IoU; it is not part of the selection score.

    python3 -m segmentation.negatives_check                                    # weights/segmentation.pt
    python3 -m segmentation.negatives_check --onnx ../models/segmentation.onnx  # the shipped model
    python3 -m segmentation.negatives_check --write-pngs /tmp/negatives  # the set as PNGs, for bench/
"""
import argparse
import json
from pathlib import Path
from typing import List

import cv2
import numpy as np
import torch

from segmentation import ledger
from segmentation.data import normalise
from segmentation.model import config_for
from segmentation.negatives import evaluation_set


def garment_fraction(model: torch.nn.Module, images: np.ndarray, kinds: List[str], device: str = "cpu") -> dict:
    """Share of pixels predicted garment, per image, averaged: overall, per kind, grey."""
    was_training = model.training
    model.eval()
    fractions = []
    with torch.no_grad():
        for i in range(0, len(images), 8):
            pred = model(normalise(images[i:i + 8]).to(device)).argmax(1)
            fractions += pred.float().mean((1, 2)).tolist()
    model.train(was_training)
    f = np.array(fractions)
    per_kind = {k: round(float(f[[j for j, x in enumerate(kinds) if x == k]].mean()), 4) for k in dict.fromkeys(kinds)}
    return {"garment_fraction": round(float(f.mean()), 4), "per_kind": per_kind,
            "grey": round(float(f[kinds.index("flat")]), 4), "images": len(kinds)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--weights", type=Path, default=ledger.WEIGHTS)
    ap.add_argument("--onnx", type=Path, help="an exported model instead (its weights rebuilt in PyTorch)")
    ap.add_argument("--size", default="fcd56", help="the ONNX model's size")
    ap.add_argument("--size-px", type=int, default=128, help="input side, as the manifest's input.height")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--write-pngs", type=Path, help="write the set as <index>-<kind>.png here and stop")
    args = ap.parse_args()
    if args.write_pngs:
        images, kinds = evaluation_set(args.size_px)
        args.write_pngs.mkdir(parents=True, exist_ok=True)
        for k, (img, kind) in enumerate(zip(images, kinds)):
            cv2.imwrite(str(args.write_pngs / f"{k:03d}-{kind}.png"), cv2.cvtColor(img, cv2.COLOR_RGB2BGR))
        print(f"wrote {len(kinds)} garment-free images to {args.write_pngs}")
        return 0
    torch.set_num_threads(args.threads)
    if args.onnx:
        model, name = ledger.from_onnx(args.onnx, config_for(args.size, dropout=0.0)), str(args.onnx)
    else:
        model, name = ledger.load_weights(args.weights, dropout=0.0), str(args.weights)
    images, kinds = evaluation_set(args.size_px)
    out = {"model": name, "size_px": args.size_px, **garment_fraction(model, images, kinds)}
    print(f"negatives_garment_fraction {out['garment_fraction']:.4f} on {out['images']} garment-free images "
          f"(grey {out['grey']:.4f}; {json.dumps(out['per_kind'])}) for {name} at {args.size_px} px", flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
