"""Build the snapshot -> studio retrieval benchmark (BENCHMARK.md section 2) as files.

    cd training && /usr/bin/python3 -m retrieval.build --out ../bench/data/retrieval

From every cds_val photo with a usable reference mask (segmentation.data.items_for: built
and not rejected in labels/review.txt) it writes
  - catalogue/<id>.jpg: the studio image (garment cut out with the reference mask onto
    white, box + 8% margin, square, 512x512, white balance/brightness within ±8%);
  - queries/<id>.jpg: the snapshot (the photo with its background, rotated ±10°, a crop of
    80-100% of the area that keeps the garment's box, brightness/contrast ±20%, JPEG 60-90);
  - queries/<id>.mask.png: the reference mask moved with the snapshot (255 garment), for
    a sanity row with perfect segmentation (bench/retrieval.ts --segmentation reference);
and the same studio image for --distractors cds_train photos with masks (catalogue only).
manifest.json maps each query to its item. Everything is seeded by the photo's name, so
a rebuild gives the same bytes; bench/retrieval.ts scores a pipeline on it.
"""
import argparse
import hashlib
import json
import random
from pathlib import Path

import cv2
import numpy as np

from common.paths import REPO
from embedding.data import mask_box, studio_crop, white_balance
from segmentation.data import items_for, photo_and_mask

STUDIO_SIDE = 512


def item_id(relpath: str) -> str:
    return hashlib.sha1(relpath.encode()).hexdigest()[:12]


def rng_for(relpath: str, purpose: str) -> np.random.Generator:
    digest = hashlib.sha256(f"retrieval-v1:{purpose}:{relpath}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def studio_image(rgb: np.ndarray, mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return studio_crop(white_balance(rgb, rng, 0.08), mask, STUDIO_SIDE)


def snapshot(rgb: np.ndarray, mask: np.ndarray, rng: np.random.Generator):
    """(RGB photo, its reference mask, JPEG quality): rotated, cropped, relit; the background stays."""
    h, w = mask.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-10, 10), 1.0)
    rgb = cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    mask = cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    x0, y0, x1, y1 = mask_box(mask)
    # The largest crop of the asked area that still holds the box; the box wins if it is bigger.
    area = rng.uniform(0.8, 1.0)
    aspect = w / h
    ch = int(round(min(h, max(y1 - y0, np.sqrt(area * w * h / aspect)))))
    cw = int(round(min(w, max(x1 - x0, area * w * h / ch))))
    cx = int(rng.integers(max(0, x1 - cw), min(x0, w - cw) + 1)) if min(x0, w - cw) >= max(0, x1 - cw) else 0
    cy = int(rng.integers(max(0, y1 - ch), min(y0, h - ch) + 1)) if min(y0, h - ch) >= max(0, y1 - ch) else 0
    rgb, mask = rgb[cy:cy + ch, cx:cx + cw].astype(np.float32), mask[cy:cy + ch, cx:cx + cw]
    mean = rgb.mean()
    rgb = (rgb - mean) * rng.uniform(0.8, 1.2) + mean  # contrast
    rgb = rgb * rng.uniform(0.8, 1.2)  # brightness
    return np.clip(rgb, 0, 255).astype(np.uint8), mask, int(rng.integers(60, 91))


def write_jpeg(path: Path, rgb: np.ndarray, quality: int) -> None:
    ok = cv2.imwrite(str(path), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok, f"cannot write {path}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "data" / "retrieval")
    ap.add_argument("--distractors", type=int, default=800, help="cds_train photos with masks, catalogue only")
    ap.add_argument("--seed", type=int, default=0, help="chooses the distractors")
    args = ap.parse_args()

    queries = [item for _, item in items_for("cds_val")]
    pool = [item for _, item in items_for("cds_train")]
    assert len(pool) >= args.distractors, f"only {len(pool)} cds_train photos have masks; ask for fewer distractors"
    distractors = sorted(random.Random(args.seed).sample(pool, args.distractors))
    (args.out / "catalogue").mkdir(parents=True, exist_ok=True)
    (args.out / "queries").mkdir(parents=True, exist_ok=True)

    items, pairs = [], []
    for k, relpath in enumerate(queries + distractors, 1):
        rgb, mask = photo_and_mask("cds", relpath)
        iid = item_id(relpath)
        write_jpeg(args.out / "catalogue" / f"{iid}.jpg", studio_image(rgb, mask, rng_for(relpath, "studio")), 95)
        is_query = k <= len(queries)
        items.append({"id": iid, "photo": relpath, "role": "query" if is_query else "distractor"})
        if is_query:
            snap, snap_mask, quality = snapshot(rgb, mask, rng_for(relpath, "snapshot"))
            write_jpeg(args.out / "queries" / f"{iid}.jpg", snap, quality)
            cv2.imwrite(str(args.out / "queries" / f"{iid}.mask.png"), snap_mask * 255)
            pairs.append({"query": f"queries/{iid}.jpg", "mask": f"queries/{iid}.mask.png", "item": iid})
        if k % 200 == 0:
            print(f"{k}/{len(queries) + len(distractors)}", flush=True)
    manifest = {
        "benchmark": "snapshot-to-studio v1 (BENCHMARK.md section 2)",
        "queries_from": "cds_val photos with a usable reference mask",
        "distractors_from": f"{len(distractors)} cds_train photos with masks (seed {args.seed})",
        "counts": {"catalogue": len(items), "queries": len(pairs), "distractors": len(distractors)},
        "items": [{**it, "file": f"catalogue/{it['id']}.jpg"} for it in items],
        "queries": pairs,
    }
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"wrote {args.out}: {len(items)} catalogue images ({len(distractors)} distractors), {len(pairs)} queries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
