"""Train the garment segmentation Tiramisu.

The defaults are the seed's recipe (FC-DenseNet103, Adam with amsgrad, lr 1e-4, batch 4,
100 epochs, ReduceLROnPlateau patience 10, early stopping, horizontal flips). A CPU run
overrides the size and resolution, e.g.:

    nice -n 19 python3 -m segmentation.train --run cpu-fcd56 --size fcd56 --crop 128 \
        --cache-size 192 --batch 8 --lr 1e-3 --epoch-samples 400 --plateau-patience 3 \
        --early-stop 8 --max-minutes 100

Every epoch writes runs/<run>/last.pt (resumable with --resume), best.pt (lowest
validation loss), log.csv and curves.png.
"""
import argparse
import csv
import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from common.paths import RUNS
from segmentation.data import Cached, Sampler, load_cached, normalise
from segmentation.model import Tiramisu, config_for, count_parameters


@dataclass
class TrainConfig:
    run: str = "seed-fcd103"
    size: str = "fcd103"
    growth_rate: Optional[int] = None  # overrides the size's growth rate
    dropout: float = 0.2  # the paper's; a short CPU run converges faster without it
    cache_size: int = 224  # photos stretched to this square once; validation runs at it
    crop: int = 224  # training crop side (multiple of 32)
    batch: int = 4
    lr: float = 1e-4
    weight_decay: float = 1e-4
    epochs: int = 100
    epoch_samples: int = 0  # 0 = one pass over the training photos
    plateau_patience: int = 10
    plateau_factor: float = 0.5
    early_stop: int = 20  # epochs without a better validation loss
    cds_weight: float = 0.6  # share of each batch from phone photos (the query domain)
    val_per_source: int = 100  # validation photos per source scored every epoch
    max_minutes: float = 0  # 0 = no time limit
    threads: int = 2
    seed: int = 0
    device: str = "cpu"


def parse_args() -> tuple:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for f in dataclasses.fields(TrainConfig):
        kind = int if f.default is None else type(f.default)  # Optional fields here are ints
        ap.add_argument("--" + f.name.replace("_", "-"), type=kind, default=None)
    ap.add_argument("--resume", action="store_true", help="continue from runs/<run>/last.pt")
    args = vars(ap.parse_args())
    resume = args.pop("resume")
    cfg = TrainConfig(**{k: v for k, v in args.items() if v is not None})
    return cfg, resume


def evaluate(model: Tiramisu, sets: List[Cached], n: int, device: str) -> dict:
    """Loss and pixel accuracy on the first n photos of each validation source."""
    model.eval()
    losses, correct, total = [], 0, 0
    with torch.no_grad():
        for ds in sets:
            for i in range(0, min(n, len(ds.items)), 8):
                j = min(i + 8, n, len(ds.items))
                x = normalise(ds.images[i:j]).to(device)
                y = torch.from_numpy(ds.masks[i:j].astype(np.int64)).to(device)
                logits = model(x)
                losses.append(F.cross_entropy(logits, y, reduction="sum").item())
                correct += (logits.argmax(1) == y).sum().item()
                total += y.numel()
    model.train()
    return {"loss": sum(losses) / total, "acc": correct / total}


def plot(log_path: Path, out: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = list(csv.DictReader(log_path.open()))
    if not rows:
        return
    ep = [int(r["epoch"]) for r in rows]
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot(ep, [float(r["train_loss"]) for r in rows], label="train")
    a.plot(ep, [float(r["val_loss"]) for r in rows], label="validation")
    a.set_title("loss"), a.set_xlabel("epoch"), a.legend()
    b.plot(ep, [float(r["train_acc"]) for r in rows], label="train")
    b.plot(ep, [float(r["val_acc"]) for r in rows], label="validation")
    b.set_title("pixel accuracy"), b.set_xlabel("epoch"), b.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def main() -> int:
    cfg, resume = parse_args()
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    run_dir = RUNS / cfg.run
    run_dir.mkdir(parents=True, exist_ok=True)
    overrides = {"growth_rate": cfg.growth_rate} if cfg.growth_rate else {}
    overrides["dropout"] = cfg.dropout
    mcfg = config_for(cfg.size, **overrides)
    assert cfg.crop % mcfg.downsampling == 0 and cfg.cache_size % mcfg.downsampling == 0, (
        f"crop and cache size must be multiples of {mcfg.downsampling}")
    model = Tiramisu(mcfg).to(cfg.device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, amsgrad=True)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, factor=cfg.plateau_factor, patience=cfg.plateau_patience)

    train_sets = [load_cached("cds_train", cfg.cache_size), load_cached("ccp_train", cfg.cache_size)]
    val_sets = [load_cached("cds_val", cfg.cache_size), load_cached("ccp_val", cfg.cache_size)]
    n_train = sum(len(s.items) for s in train_sets)
    print(f"model {cfg.size} {count_parameters(model) / 1e6:.2f}M params; train photos "
          f"{[len(s.items) for s in train_sets]}, validation {[len(s.items) for s in val_sets]}", flush=True)
    sampler = Sampler(train_sets, [cfg.cds_weight, 1 - cfg.cds_weight], cfg.crop, cfg.seed)
    per_epoch = cfg.epoch_samples or n_train

    start_epoch, best, stale, elapsed_before = 1, float("inf"), 0, 0.0
    log_path = run_dir / "log.csv"
    if resume and (run_dir / "last.pt").exists():
        ck = torch.load(run_dir / "last.pt", map_location=cfg.device)
        model.load_state_dict(ck["model"]), opt.load_state_dict(ck["opt"]), sched.load_state_dict(ck["sched"])
        start_epoch, best, stale = ck["epoch"] + 1, ck["best"], ck["stale"]
        elapsed_before = ck.get("elapsed", 0.0)
        sampler.rng = np.random.default_rng(cfg.seed + start_epoch)
        print(f"resumed at epoch {start_epoch}", flush=True)
    else:
        with log_path.open("w") as f:
            f.write("epoch,train_loss,train_acc,val_loss,val_acc,lr,seconds\n")
    (run_dir / "config.json").write_text(json.dumps(
        {"train": dataclasses.asdict(cfg), "model": dataclasses.asdict(mcfg)}, indent=2))

    t0 = time.time() - elapsed_before
    for epoch in range(start_epoch, cfg.epochs + 1):
        losses, correct, total = [], 0, 0
        for _ in range(max(1, per_epoch // cfg.batch)):
            x, y = sampler.batch(cfg.batch)
            x, y = x.to(cfg.device), y.to(cfg.device)
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            correct += (logits.argmax(1) == y).sum().item()
            total += y.numel()
        val = evaluate(model, val_sets, cfg.val_per_source, cfg.device)
        sched.step(val["loss"])
        elapsed = time.time() - t0
        with log_path.open("a") as f:
            f.write(f"{epoch},{np.mean(losses):.5f},{correct / total:.5f},{val['loss']:.5f},"
                    f"{val['acc']:.5f},{opt.param_groups[0]['lr']:.2e},{elapsed:.0f}\n")
        print(f"epoch {epoch}: train loss {np.mean(losses):.4f} acc {correct / total:.4f} | "
              f"val loss {val['loss']:.4f} acc {val['acc']:.4f} | {elapsed / 60:.1f} min", flush=True)
        improved = val["loss"] < best
        best, stale = (val["loss"], 0) if improved else (best, stale + 1)
        state = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                 "epoch": epoch, "best": best, "stale": stale, "elapsed": elapsed,
                 "config": dataclasses.asdict(mcfg), "train_config": dataclasses.asdict(cfg)}
        torch.save(state, run_dir / "last.tmp")
        (run_dir / "last.tmp").replace(run_dir / "last.pt")  # atomic: a kill never leaves half a file
        if improved:
            torch.save(state, run_dir / "best.pt")
        plot(log_path, run_dir / "curves.png")
        if stale >= cfg.early_stop:
            print(f"early stop: no better validation loss for {stale} epochs", flush=True)
            break
        if cfg.max_minutes and elapsed > cfg.max_minutes * 60:
            print(f"time limit of {cfg.max_minutes} min reached", flush=True)
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
