"""Training throughput (samples per second) of the segmentation network on this machine,
for the choices a CPU campaign has to make: size, crop, batch, threads, and the cost of
the data pipeline. Run it on an idle CPU; the result goes beside the committed weights
and the model card quotes it.

    /usr/bin/python3 -m segmentation.throughput --seconds 15
"""
import argparse
import json
import os
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from segmentation.data import Cached, Sampler
from segmentation.ledger import WEIGHTS_DIR
from segmentation.model import Tiramisu, config_for
from segmentation.negatives import Crops, NegativeSource

GRID = [
    # (size, crop, batch, threads)
    ("fcd56", 64, 8, 2),
    ("fcd56", 96, 8, 2),
    ("fcd56", 128, 8, 2),
    ("fcd56", 160, 8, 2),
    ("fcd56", 128, 2, 2),
    ("fcd56", 128, 4, 2),
    ("fcd56", 128, 16, 2),
    ("fcd56", 96, 4, 2),
    ("fcd56", 160, 4, 2),
    ("fcd56", 128, 8, 1),
    ("fcd67", 128, 8, 2),
    ("fcd67", 128, 4, 2),
    ("fcd103", 128, 4, 2),
    ("fcd103", 128, 2, 2),
]


def fake_data(n: int, size: int) -> Cached:
    rng = np.random.default_rng(0)
    images = rng.integers(0, 255, (n, size, size, 3), dtype=np.uint8)
    masks = (rng.random((n, size, size)) > 0.5).astype(np.uint8)
    return Cached(images, masks, [str(i) for i in range(n)])


def train_rate(size: str, crop: int, batch: int, threads: int, seconds: float) -> float:
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = Tiramisu(config_for(size, dropout=0.0)).train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-4, amsgrad=True)
    x = torch.randn(batch, 3, crop, crop)
    y = torch.randint(0, 2, (batch, crop, crop))

    def step():
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    step()  # warm-up: allocations, oneDNN primitives
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds or n < 2:
        step()
        n += 1
    return n * batch / (time.perf_counter() - t0)


def sampler_rate(crop: int, cache: int, seconds: float, negatives: float = 0.0) -> float:
    crops = Crops(fake_data(64, cache).images, [str(i) for i in range(64)])
    s = Sampler([fake_data(64, cache), fake_data(64, cache)], [0.6, 0.4], crop, 0,
                negatives=NegativeSource(crops, 0.25), negative_fraction=negatives)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        s.batch(8)
        n += 8
    return n / (time.perf_counter() - t0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--out", type=Path, default=WEIGHTS_DIR / "segmentation.throughput.json")
    ap.add_argument("--data-only", action="store_true",
                    help="only the data pipeline, without and with garment-free samples; prints, writes nothing")
    args = ap.parse_args()
    if args.data_only:
        for neg in (0.0, 0.1, 1.0):
            rates = {crop: round(sampler_rate(crop, int(crop * 1.25) // 32 * 32, args.seconds / 3, neg), 1) for crop in (96, 128)}
            print(f"data pipeline, negatives {neg:g}: {rates} samples/s (one thread)", flush=True)
        return 0
    load = os.getloadavg()
    rows = []
    for size, crop, batch, threads in GRID:
        rate = train_rate(size, crop, batch, threads, args.seconds)
        rows.append({"size": size, "crop": crop, "batch": batch, "threads": threads, "samples_per_s": round(rate, 3),
                     "pixels_per_s": round(rate * crop * crop)})
        print(json.dumps(rows[-1]), flush=True)
    data = {crop: round(sampler_rate(crop, int(crop * 1.25) // 32 * 32, args.seconds / 3), 1) for crop in (96, 128)}
    print(f"data pipeline (augment + normalise, one thread): {data} samples/s", flush=True)
    out = {"measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "load_average_at_start": [round(v, 2) for v in load],
           "torch": torch.__version__, "cpu_count": os.cpu_count(), "train_step": rows, "data_pipeline_samples_per_s": data,
           "command": f"python3 -m segmentation.throughput --seconds {args.seconds:g}"}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
