"""Review GrabCut labels on contact sheets; record accept/reject in labels/review.txt.

    python3 -m segmentation.review sheets --split cds_val --out labels/sheets
        writes sheet-000.png, ... : each tile is the photo with its mask's outline and the
        background dimmed, numbered; and sheet-000.txt listing tile number -> photo.
    python3 -m segmentation.review decide --sheet labels/sheets/sheet-000.txt --reject 3,17
        records every photo of the sheet as accepted except the listed tiles (rejected).

The correction loop at scale (the seed's, with the model in the loop):
    python3 -m segmentation.review disagree --split cds_train --top 48
        scores the committed model against every label, and for the photos where they
        disagree most makes a candidate label: GrabCut started from the model's mask (sure
        garment = the mask eroded, sure background = outside it dilated); writes sheets of
        pairs (left: the current label, right: the candidate) to labels/sheets/disagree-*.
    python3 -m segmentation.review decide --sheet labels/sheets/disagree-000.txt --take 2,5 --reject 7
        takes the listed candidates as corrections (labels/corrections/, recorded `fixed`),
        rejects the listed photos, accepts the rest as they are.

The built masks (labels/masks/, 1-bit PNGs) and the corrections are committed, so a fresh machine
does not redo GrabCut; `labels build` rebuilds a mask older than its correction. (labels.py's own
docstring still says the masks are never committed: it is part of the GrabCut baseline's cache key
in bench/segmentation.ts, so it is left as the cached half hour of GrabCut was measured with.)

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
CANDIDATES = LABELS / "candidates"  # model-initialised GrabCut masks awaiting a decision (not committed)
CORRECTIONS = LABELS / "corrections"
TILE = 160


def tile(relpath: str, number: int) -> np.ndarray:
    return outlined(relpath, cds_mask(relpath), str(number))


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


def model_masks(split: str, size: int = 128):
    """The committed model's masks for a split at size x size, and each photo's IoU with its label."""
    import torch
    from segmentation.data import load_cached, normalise
    from segmentation.ledger import load_weights

    torch.set_num_threads(2)
    model = load_weights().eval()
    ds = load_cached(split, size)
    preds, ious = [], []
    with torch.no_grad():
        for i in range(0, len(ds.items), 16):
            pred = model(normalise(ds.images[i:i + 16])).argmax(1).numpy().astype(np.uint8)
            for p, t in zip(pred, ds.masks[i:i + 16]):
                union = np.logical_or(p, t).sum()
                ious.append(1.0 if union == 0 else np.logical_and(p, t).sum() / union)
            preds.extend(pred)
    return ds.items, preds, ious


def candidate(relpath: str, model_mask: np.ndarray, work_size: int = 320, band: float = 0.06) -> np.ndarray:
    """GrabCut started from the model's mask, at the photo's resolution (0/1)."""
    from segmentation.labels import clean

    bgr = cv2.imread(str(CDS / relpath))
    h, w = bgr.shape[:2]
    scale = min(1.0, work_size / max(h, w))
    small = cv2.resize(bgr, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA)
    m = cv2.resize(model_mask, small.shape[1::-1], interpolation=cv2.INTER_NEAREST)
    r = max(1, round(band * np.hypot(*small.shape[:2])))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    sure_fg, maybe = cv2.erode(m, kernel), cv2.dilate(m, kernel)
    gc = np.full(m.shape, cv2.GC_BGD, np.uint8)
    gc[maybe > 0] = cv2.GC_PR_BGD
    gc[m > 0] = cv2.GC_PR_FGD
    gc[sure_fg > 0] = cv2.GC_FGD
    if not (gc == cv2.GC_FGD).any() or not (gc == cv2.GC_BGD).any():
        return (cv2.resize(model_mask, (w, h), interpolation=cv2.INTER_NEAREST) > 0).astype(np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.setRNGSeed(0)
    cv2.grabCut(small, gc, None, bgd, fgd, 3, cv2.GC_INIT_WITH_MASK)
    out = clean(((gc == cv2.GC_FGD) | (gc == cv2.GC_PR_FGD)).astype(np.uint8))
    return (cv2.resize(out * 255, (w, h), interpolation=cv2.INTER_LINEAR) >= 128).astype(np.uint8)


def outlined(relpath: str, mask: np.ndarray, number: str) -> np.ndarray:
    """The photo with the mask's outline and the background dimmed, numbered, on a TILE square."""
    bgr = cv2.imread(str(CDS / relpath))
    scale = TILE / max(bgr.shape[:2])
    size = (round(bgr.shape[1] * scale), round(bgr.shape[0] * scale))
    bgr, mask = cv2.resize(bgr, size), cv2.resize(mask, size, interpolation=cv2.INTER_NEAREST)
    shown = bgr.copy()
    shown[mask == 0] = (shown[mask == 0] * 0.3).astype(np.uint8)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    cv2.drawContours(shown, contours, -1, (0, 255, 0), 1)
    out = np.full((TILE, TILE, 3), 255, np.uint8)
    out[:size[1], :size[0]] = shown
    cv2.putText(out, number, (3, 14), cv2.FONT_HERSHEY_SIMPLEX, 0.45, (0, 0, 255), 1)
    return out


def disagree(split: str, top: int, out: Path, per_sheet: int = 16) -> None:
    from segmentation.labels import write_mask

    items, preds, ious = model_masks(split)
    order = np.argsort(ious)
    (LABELS / f"disagree-{split}.txt").write_text(
        "".join(f"{ious[k]:.4f} {items[k]}\n" for k in order))
    # A photo already decided is not shown again: each run goes further down the list.
    decided = reviewed()
    order = [k for k in order if items[k] not in decided]
    top = min(top, len(order))
    worst = [items[k] for k in order[:top]]
    print(f"{split}: median model-label IoU {np.median(ious):.3f}; {len(decided)} photos already reviewed; "
          f"the {top} lowest of the rest from {ious[order[0]]:.3f} to {ious[order[top - 1]]:.3f}")
    out.mkdir(parents=True, exist_ok=True)
    for s in range(0, len(worst), per_sheet):
        chunk, tiles, lines = worst[s:s + per_sheet], [], []
        for k, relpath in enumerate(chunk):
            pred = preds[items.index(relpath)]
            cand = candidate(relpath, pred)
            path = CANDIDATES / (relpath + ".png")
            path.parent.mkdir(parents=True, exist_ok=True)
            write_mask(path, cand)
            tiles += [outlined(relpath, cds_mask(relpath), f"{k} now"), outlined(relpath, cand, f"{k} new")]
            lines.append(f"{k} {relpath}\n")
        tiles += [np.full((TILE, TILE, 3), 255, np.uint8)] * (-len(tiles) % 8)
        rows = [np.hstack(tiles[r:r + 8]) for r in range(0, len(tiles), 8)]
        name = out / f"disagree-{s // per_sheet:03d}"
        cv2.imwrite(str(name) + ".png", np.vstack(rows))
        Path(str(name) + ".txt").write_text("".join(lines))
        print(str(name) + ".png")


def reviewed() -> dict:
    """Photo -> its recorded verdict (accept, reject or fixed)."""
    out = {}
    if REVIEW.exists():
        for line in REVIEW.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                path, verdict = line.split()[:2]
                out[path] = verdict
    return out


def counts(split: str) -> dict:
    """How many of a split's photos were reviewed, and with which verdict (for the model card)."""
    from common import splits

    names = set(splits.load(split))
    verdicts = [v for p, v in reviewed().items() if p in names]
    return {"photos": len(names), "reviewed": len(verdicts), "accepted": verdicts.count("accept"),
            "corrected": verdicts.count("fixed"), "rejected": verdicts.count("reject")}


def record(decisions: dict) -> None:
    """Merge decisions into review.txt, one `<relpath> accept|reject|fixed` line a photo."""
    current = reviewed()
    current.update(decisions)
    header = "# GrabCut label review: <photo> accept|reject|fixed (see segmentation/review.py)\n"
    REVIEW.write_text(header + "".join(f"{p} {v}\n" for p, v in sorted(current.items())))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sheets")
    s.add_argument("--split", required=True)
    s.add_argument("--out", type=Path, default=LABELS / "sheets")
    g = sub.add_parser("disagree")
    g.add_argument("--split", default="cds_train")
    g.add_argument("--top", type=int, default=48)
    g.add_argument("--out", type=Path, default=LABELS / "sheets")
    d = sub.add_parser("decide")
    d.add_argument("--sheet", type=Path)
    d.add_argument("--reject", default="", help="comma-separated tile numbers")
    d.add_argument("--fixed", nargs="*", default=[], help="photos whose correction is in place")
    d.add_argument("--take", default="", help="comma-separated tiles whose candidate becomes the correction")
    args = ap.parse_args()
    if args.cmd == "sheets":
        sheets(args.split, args.out)
        return 0
    if args.cmd == "disagree":
        disagree(args.split, args.top, args.out)
        return 0
    decisions = {p: "fixed" for p in args.fixed}
    if args.sheet:
        rejected = {int(x) for x in args.reject.split(",") if x.strip()}
        taken = {int(x) for x in args.take.split(",") if x.strip()}
        for line in args.sheet.read_text().splitlines():
            k, path = line.split(maxsplit=1)
            if int(k) in taken:
                # The candidate becomes the photo's replacement mask; its committed mask is rebuilt from it.
                source, target = CANDIDATES / (path + ".png"), CORRECTIONS / (path + ".png")
                assert source.exists(), f"no candidate for {path}: run `review disagree` first"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
                decisions[path] = "fixed"
            else:
                decisions[path] = "reject" if int(k) in rejected else "accept"
    record(decisions)
    print(f"recorded {len(decisions)} decisions in {REVIEW}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
