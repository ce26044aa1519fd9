"""Semi-automatic garment masks for phone photos, as the seed made them.

GrabCut is started from a rectangle just inside the frame (the garment usually fills the
photo), then the mask is cleaned: the largest component(s) kept and holes filled. A
person then reviews contact sheets (segmentation/review.py) and may correct a mask with a
scribble or a replacement mask; `build` applies those corrections every time, so the
masks are regenerated deterministically and never committed.

    python3 -m segmentation.labels build --split cds_val
    python3 -m segmentation.labels build --split cds_train --per-class 120
"""
import argparse
import random
from multiprocessing import Pool
from pathlib import Path
from typing import Optional

import cv2
import numpy as np

from common import splits
from common.paths import CDS, LABELS, MASKS

CORRECTIONS = LABELS / "corrections"  # <relpath>.png: 255 garment, 0 background (replacement)
SCRIBBLES = LABELS / "scribbles"  # <relpath>.png: 255 sure garment, 0 sure background, 128 unknown


def grabcut(bgr: np.ndarray, margin: int = 5, iterations: int = 5,
            scribble: Optional[np.ndarray] = None) -> np.ndarray:
    """Binary mask (uint8 0/1) from GrabCut with a rectangle `margin` px inside the frame."""
    h, w = bgr.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    rect = (margin, margin, w - 2 * margin, h - 2 * margin)
    cv2.setRNGSeed(0)
    if scribble is None:
        cv2.grabCut(bgr, mask, rect, bgd, fgd, iterations, cv2.GC_INIT_WITH_RECT)
    else:
        mask[:] = cv2.GC_PR_BGD
        mask[margin:h - margin, margin:w - margin] = cv2.GC_PR_FGD
        mask[scribble >= 200] = cv2.GC_FGD
        mask[scribble <= 50] = cv2.GC_BGD
        cv2.grabCut(bgr, mask, None, bgd, fgd, iterations, cv2.GC_INIT_WITH_MASK)
    return ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)).astype(np.uint8)


def clean(mask: np.ndarray, min_fraction: float = 0.1) -> np.ndarray:
    """Keep components of at least `min_fraction` of the largest one; fill their holes."""
    n, cc, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if n <= 1:
        return mask
    areas = stats[1:, cv2.CC_STAT_AREA]
    keep = 1 + np.flatnonzero(areas >= areas.max() * min_fraction)
    kept = np.isin(cc, keep).astype(np.uint8)
    # Holes: background regions not connected to the border.
    inv = (1 - kept).astype(np.uint8)
    n_bg, bg_cc = cv2.connectedComponents(inv, connectivity=4)
    border = set(np.unique(np.concatenate([bg_cc[0], bg_cc[-1], bg_cc[:, 0], bg_cc[:, -1]])))
    holes = np.isin(bg_cc, [i for i in range(1, n_bg) if i not in border])
    kept[holes] = 1
    return kept


def label_photo(relpath: str, work_size: int = 320) -> np.ndarray:
    """The training mask for one cds photo at its own resolution (0/1)."""
    bgr = cv2.imread(str(CDS / relpath), cv2.IMREAD_COLOR)
    assert bgr is not None, f"cannot read {CDS / relpath}"
    correction = CORRECTIONS / (relpath + ".png")
    if correction.exists():
        return (cv2.imread(str(correction), cv2.IMREAD_GRAYSCALE) >= 128).astype(np.uint8)
    h, w = bgr.shape[:2]
    scale = min(1.0, work_size / max(h, w))
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    scribble_path = SCRIBBLES / (relpath + ".png")
    scribble = None
    if scribble_path.exists():
        scribble = cv2.imread(str(scribble_path), cv2.IMREAD_GRAYSCALE)
        scribble = cv2.resize(scribble, small.shape[1::-1], interpolation=cv2.INTER_NEAREST)
    mask = clean(grabcut(small, margin=max(2, round(5 * scale)), scribble=scribble))
    return (cv2.resize(mask * 255, (w, h), interpolation=cv2.INTER_LINEAR) >= 128).astype(np.uint8)


def _build_one(relpath: str) -> str:
    out = MASKS / "cds" / (relpath[:-4] + ".png")
    if out.exists() and not _corrected_since(relpath, out):
        return relpath
    out.parent.mkdir(parents=True, exist_ok=True)
    write_mask(out, label_photo(relpath))
    return relpath


def _corrected_since(relpath: str, mask: Path) -> bool:
    """A scribble or replacement newer than the mask: the mask must be rebuilt."""
    built = mask.stat().st_mtime
    return any(p.exists() and p.stat().st_mtime > built
               for p in (CORRECTIONS / (relpath + ".png"), SCRIBBLES / (relpath + ".png")))


def write_mask(path: Path, mask: np.ndarray) -> None:
    """A 1-bit PNG (a few hundred bytes to a few KB): small enough to commit, so a fresh
    machine reads the labels instead of redoing GrabCut. cv2 reads it back as 0/255."""
    from PIL import Image

    tmp = path.with_suffix(".tmp.png")
    Image.fromarray(mask.astype(bool)).save(tmp, optimize=True)
    tmp.replace(path)


def mask_path(relpath: str) -> Path:
    return MASKS / "cds" / (relpath[:-4] + ".png")


def choose(split: str, per_class: Optional[int], seed: int = 0) -> list:
    items = splits.load(split)
    if per_class is None:
        return items
    by_class: dict = {}
    for item in items:
        by_class.setdefault(item.split("/")[1], []).append(item)
    rng = random.Random(seed)
    chosen = []
    for cls in sorted(by_class):
        pool = by_class[cls]
        chosen += sorted(rng.sample(pool, min(per_class, len(pool))))
    return chosen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="write GrabCut masks (with corrections) for a split")
    b.add_argument("--split", required=True, choices=["cds_train", "cds_val"])
    b.add_argument("--per-class", type=int, default=None, help="a seeded subset per class")
    b.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    items = choose(args.split, args.per_class)
    with Pool(args.workers) as pool:
        for i, _ in enumerate(pool.imap_unordered(_build_one, items, chunksize=8), 1):
            if i % 100 == 0 or i == len(items):
                print(f"{i}/{len(items)}", flush=True)
    list_path = LABELS / f"{args.split}.list"
    list_path.write_text("\n".join(items) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
