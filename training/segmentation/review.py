"""Review GrabCut labels on contact sheets; record accept/reject in labels/review.txt.

    python3 -m segmentation.review sheets --split cds_val --out labels/sheets
        writes sheet-000.png, ... : each tile is the photo with its mask's outline and the
        background dimmed, numbered; and sheet-000.txt listing tile number -> photo.
    python3 -m segmentation.review decide --sheet labels/sheets/sheet-000.txt --reject 3,17
        records every photo of the sheet as accepted except the listed tiles (rejected).

A rejected photo is left out of training and evaluation until it is corrected: either a
scribble (labels/scribbles/<relpath>.png: 255 sure garment, 0 sure background, 128
unknown) that GrabCut starts from, or a replacement mask (labels/corrections/<relpath>.png).
After a correction, `decide --fixed <relpath>` marks it fixed and `labels build` plus
`train` retrain from the corrected set.
"""
import argparse
from pathlib import Path

import cv2
import numpy as np

from common.paths import CDS, LABELS
from segmentation.data import cds_mask, items_for

REVIEW = LABELS / "review.txt"
TILE = 160


def tile(relpath: str, number: int) -> np.ndarray:
    bgr = cv2.imread(str(CDS / relpath))
    mask = cds_mask(relpath)
    scale = TILE / max(bgr.shape[:2])
    size = (round(bgr.shape[1] * scale), round(bgr.shape[0] * scale))
    bgr, mask = cv2.resize(bgr, size), cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    shown = bgr.copy()
    shown[mask == 0] = (shown[mask == 0] * 0.3).astype(np.uint8)  # background dimmed
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(shown, contours, -1, (0, 255, 0), 1)
    out = np.full((TILE, TILE, 3), 255, np.uint8)
    out[:size[1], :size[0]] = shown
    cv2.putText(out, str(number), (3, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 255), 1)
    return out


def sheets(split: str, out: Path, per_sheet: int = 48, cols: int = 8) -> None:
    out.mkdir(parents=True, exist_ok=True)
    items = [i for _, i in items_for(split)]
    for s in range(0, len(items), per_sheet):
        chunk = items[s:s + per_sheet]
        tiles = [tile(p, k) for k, p in enumerate(chunk)]
        tiles += [np.full((TILE, TILE, 3), 255, np.uint8)] * (-len(tiles) % cols)
        rows = [np.hstack(tiles[r:r + cols]) for r in range(0, len(tiles), cols)]
        name = out / f"sheet-{s // per_sheet:03d}"
        cv2.imwrite(str(name) + ".png", np.vstack(rows))
        Path(str(name) + ".txt").write_text("".join(f"{k} {p}\n" for k, p in enumerate(chunk)))
        print(str(name) + ".png")


def record(decisions: dict) -> None:
    """Merge decisions into review.txt, one `<relpath> accept|reject|fixed` line a photo."""
    current = {}
    if REVIEW.exists():
        for line in REVIEW.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                path, verdict = line.split()[:2]
                current[path] = verdict
    current.update(decisions)
    header = "# GrabCut label review: <photo> accept|reject|fixed (see segmentation/review.py)\n"
    REVIEW.write_text(header + "".join(f"{p} {v}\n" for p, v in sorted(current.items())))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sheets")
    s.add_argument("--split", required=True)
    s.add_argument("--out", type=Path, default=LABELS / "sheets")
    d = sub.add_parser("decide")
    d.add_argument("--sheet", type=Path)
    d.add_argument("--reject", default="", help="comma-separated tile numbers")
    d.add_argument("--fixed", nargs="*", default=[], help="photos whose correction is in place")
    args = ap.parse_args()
    if args.cmd == "sheets":
        sheets(args.split, args.out)
        return 0
    decisions = {p: "fixed" for p in args.fixed}
    if args.sheet:
        rejected = {int(x) for x in args.reject.split(",") if x.strip()}
        for line in args.sheet.read_text().splitlines():
            k, path = line.split(maxsplit=1)
            decisions[path] = "reject" if int(k) in rejected else "accept"
    record(decisions)
    print(f"recorded {len(decisions)} decisions in {REVIEW}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
