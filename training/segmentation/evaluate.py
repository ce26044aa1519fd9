"""Segmentation metrics of ../shared/BENCHMARK.md section 1, per dataset.

Scores predicted masks (PNG files named <photo stem>.png, at any size: resized to the
photo with nearest-neighbour) against the reference masks of our validation split:
  - phone photos (cds_val): reviewed GrabCut labels (rejected ones left out);
  - street photos (ccp_val): human labels, garment = all but background, hair, skin.
`--method grabcut` scores the baseline instead: a rectangle 5 px inside the frame,
5 iterations, no human correction, at the photo's own resolution.

    python3 -m segmentation.evaluate --pred /tmp/masks --json out.json
    python3 -m segmentation.evaluate --method grabcut --json grabcut.json
"""
import argparse
import json
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Dict, Optional, Tuple

import cv2
import numpy as np

from segmentation.data import items_for, photo_and_mask
from segmentation.labels import grabcut


def boundary(mask: np.ndarray) -> np.ndarray:
    eroded = cv2.erode(mask, np.ones((3, 3), np.uint8), borderType=cv2.BORDER_CONSTANT, borderValue=0)
    return (mask > 0) & (eroded == 0)


def boundary_f1(pred: np.ndarray, ref: np.ndarray, tol: float) -> float:
    bp, br = boundary(pred), boundary(ref)
    if not bp.any() and not br.any():
        return 1.0
    if not bp.any() or not br.any():
        return 0.0
    # distance of every pixel to the nearest boundary pixel of the other mask
    dist_to_ref = cv2.distanceTransform((~br).astype(np.uint8), cv2.DIST_L2, 3)
    dist_to_pred = cv2.distanceTransform((~bp).astype(np.uint8), cv2.DIST_L2, 3)
    precision = (dist_to_ref[bp] <= tol).mean()
    recall = (dist_to_pred[br] <= tol).mean()
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def iou(a: np.ndarray, b: np.ndarray) -> float:
    union = np.logical_or(a, b).sum()
    return 1.0 if union == 0 else np.logical_and(a, b).sum() / union


def score(pred: np.ndarray, ref: np.ndarray) -> Dict[str, float]:
    p, r = pred > 0, ref > 0
    tol = 0.01 * float(np.hypot(*ref.shape))
    g, b = iou(p, r), iou(~p, ~r)
    return {"pixel_accuracy": float((p == r).mean()), "garment_iou": float(g), "mean_iou": float((g + b) / 2),
            "boundary_f1": float(boundary_f1(p.astype(np.uint8), r.astype(np.uint8), tol))}


def _one(args: Tuple[str, str, Optional[str]]) -> Optional[Dict[str, float]]:
    source, item, pred_dir = args
    rgb, ref = photo_and_mask(source, item)
    t = time.time()
    if pred_dir is None:
        pred = grabcut(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), margin=5, iterations=5)
    else:
        path = Path(pred_dir) / (Path(item).stem + ".png")
        m = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
        if m is None:
            return None
        pred = cv2.resize(m, ref.shape[::-1], interpolation=cv2.INTER_NEAREST) >= 128
    out = score(pred.astype(np.uint8), ref)
    out["seconds"] = time.time() - t
    return out


def evaluate(split: str, pred_dir: Optional[str], workers: int) -> dict:
    items = items_for(split)
    with Pool(workers) as pool:
        rows = pool.map(_one, [(s, i, pred_dir) for s, i in items], chunksize=4)
    found = [r for r in rows if r is not None]
    assert found, f"no predicted masks for {split} in {pred_dir}"
    summary = {k: float(np.mean([r[k] for r in found])) for k in found[0]}
    summary["photos"] = len(found)
    summary["missing"] = len(rows) - len(found)
    return summary


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", help="folder of predicted masks")
    ap.add_argument("--method", choices=["pred", "grabcut"], default="pred")
    ap.add_argument("--splits", default="cds_val,ccp_val")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    assert args.method == "grabcut" or args.pred, "give --pred <folder> or --method grabcut"
    result = {}
    for split in args.splits.split(","):
        result[split] = evaluate(split, None if args.method == "grabcut" else args.pred, args.workers)
        r = result[split]
        print(f"{args.method:8s} {split:8s} n={r['photos']:4d} acc={r['pixel_accuracy']:.4f} "
              f"gIoU={r['garment_iou']:.4f} mIoU={r['mean_iou']:.4f} bF1={r['boundary_f1']:.4f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
