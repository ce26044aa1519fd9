"""Write the demo catalogue in demo/: studio images of 30 CC0 phone photos and 5 snapshots.

    cd training && /usr/bin/python3 -m retrieval.demo

Three items per class from our validation split (never trained on), each a studio image
made like the benchmark's (reference-mask cutout on white, 512x512), listed in
demo/catalogue.csv in the `catalogue-search import` format; demo/snapshots/ holds the
original phone photos (background and all) of five of them, to match against. Seeded, so
a rebuild writes the same files.
"""
import csv
from pathlib import Path

import cv2

from common.paths import CDS, REPO
from retrieval.build import item_id, rng_for, studio_image, write_jpeg
from segmentation.data import items_for, photo_and_mask

DEMO = REPO / "demo"
PER_CLASS = 3
SNAPSHOTS = ["dress", "pants", "shoes", "t-shirt", "outwear"]


def main() -> int:
    by_class: dict = {}
    for source, item in items_for("cds_val"):
        by_class.setdefault(item.split("/")[1], []).append(item)
    (DEMO / "studio").mkdir(parents=True, exist_ok=True)
    (DEMO / "snapshots").mkdir(parents=True, exist_ok=True)
    rows = []
    for cls in sorted(by_class):
        for n, relpath in enumerate(by_class[cls][:PER_CLASS], 1):
            rgb, mask = photo_and_mask("cds", relpath)
            sku = f"DEMO-{cls.upper()}-{n}"
            write_jpeg(DEMO / "studio" / f"{sku}.jpg", studio_image(rgb, mask, rng_for(relpath, "studio")), 90)
            rows.append({"sku": sku, "name": f"Demo {cls} {n}", "category": cls, "quantity": 1 + (n % 3),
                         "image": f"studio/{sku}.jpg", "source_photo": f"cds/{relpath}"})
            if cls in SNAPSHOTS and n == 1:
                (DEMO / "snapshots" / f"{sku}.jpg").write_bytes((CDS / relpath).read_bytes())
    with (DEMO / "catalogue.csv").open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} items to {DEMO / 'catalogue.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
