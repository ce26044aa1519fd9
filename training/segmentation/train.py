"""Train the garment segmentation Tiramisu.

The defaults are the seed's recipe (FC-DenseNet103, Adam with amsgrad, lr 1e-4, batch 4,
100 epochs, ReduceLROnPlateau patience 10, early stopping, horizontal flips). A CPU run
overrides the size and resolution, e.g.:

    nice -n 19 python3 -m segmentation.train --run cpu-fcd56 --size fcd56 --crop 128 \
        --cache-size 192 --batch 8 --lr 1e-3 --epoch-samples 400 --plateau-patience 3 \
        --early-stop 8 --max-minutes 100

A campaign leg (the CPU case) starts from the committed best weights
(training/weights/segmentation.pt, see segmentation/ledger.py) with a fresh optimiser:

    OMP_WAIT_POLICY=PASSIVE nice -n 19 /usr/bin/python3 -m segmentation.train --run leg \
        --size fcd56 --cache-size 128 --crop 128 --batch 8 --lr 5e-4 --loss ce_dice \
        --epoch-samples 800 --max-minutes 150

Every epoch writes runs/<run>/last.pt (resumable with --resume: same leg, optimiser kept),
best.pt, log.csv and curves.png, scores garment IoU on the whole validation split of each
source, and rewrites the leg's entry in the ledger; when the mean garment IoU beats every
earlier leg, the committed weights are replaced. `--scratch` ignores the committed weights.
`--negatives 0.1` makes a tenth of the samples garment-free (segmentation/negatives.py); the
garment fraction predicted on a fixed garment-free set is reported every epoch, not scored.
"""
import argparse
import csv
import dataclasses
import json
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from common.machine import cpu_name
from common.paths import RUNS
from segmentation.data import Cached, Sampler, load_cached, normalise
from segmentation import ledger
from segmentation.model import Tiramisu, config_for, count_parameters
from segmentation.negatives import NegativeSource, evaluation_set, load_crops
from segmentation.negatives_check import garment_fraction


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
    early_stop: int = 20  # epochs without a better validation score
    loss: str = "ce"  # ce, or ce_dice: cross-entropy plus soft Dice on the garment (targets IoU)
    dice_weight: float = 1.0
    cds_weight: float = 0.6  # share of each batch from phone photos (the query domain)
    negatives: float = 0.0  # expected share of each batch that is garment-free, labelled all background
    negatives_synthetic: float = 0.25  # share of those synthetic (flat, gradient, noise, blur), the rest photo crops
    val_per_source: int = 0  # validation photos per source scored every epoch (0 = all)
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
    ap.add_argument("--scratch", action="store_true", help="ignore the committed weights")
    args = vars(ap.parse_args())
    resume, scratch = args.pop("resume"), args.pop("scratch")
    cfg = TrainConfig(**{k: v for k, v in args.items() if v is not None})
    return cfg, resume, scratch


def segmentation_loss(logits: torch.Tensor, y: torch.Tensor, cfg: TrainConfig) -> torch.Tensor:
    ce = F.cross_entropy(logits, y)
    if cfg.loss == "ce":
        return ce
    assert cfg.loss == "ce_dice", f"unknown loss {cfg.loss!r}"
    p = logits.softmax(1)[:, 1]
    t = y.float()
    inter = (p * t).sum((1, 2))
    dice = 1 - (2 * inter + 1) / (p.sum((1, 2)) + t.sum((1, 2)) + 1)
    if cfg.negatives:
        # On a garment-free image Dice is about 1 whatever the prediction (no gradient until it is
        # almost empty): it would only inflate the loss. Cross-entropy teaches those; Dice averages
        # over the images with garment. Without negatives the loss stays as earlier legs had it.
        has = (t.sum((1, 2)) > 0).float()
        return ce + cfg.dice_weight * (dice * has).sum() / has.sum().clamp(min=1)
    return ce + cfg.dice_weight * dice.mean()


def evaluate(model: Tiramisu, sets: List[Cached], names: List[str], n: int, device: str, negatives=None) -> dict:
    """Loss, pixel accuracy and garment IoU (averaged over photos, at the cache size) on
    the first n photos (0 = all) of each validation source; `score` is the mean IoU of
    the sources, the campaign's model-selection figure. `negatives` (images, kinds) adds
    the garment fraction predicted on garment-free images, reported beside, not scored."""
    model.eval()
    losses, correct, total, out = [], 0, 0, {}
    with torch.no_grad():
        for name, ds in zip(names, sets):
            m = len(ds.items) if n <= 0 else min(n, len(ds.items))
            ious, acc = [], []
            for i in range(0, m, 8):
                j = min(i + 8, m)
                x = normalise(ds.images[i:j]).to(device)
                y = torch.from_numpy(ds.masks[i:j].astype(np.int64)).to(device)
                logits = model(x)
                losses.append(F.cross_entropy(logits, y, reduction="sum").item())
                pred = logits.argmax(1)
                correct += (pred == y).sum().item()
                total += y.numel()
                for p, t in zip(pred.bool(), y.bool()):
                    union = (p | t).sum().item()
                    ious.append(1.0 if union == 0 else (p & t).sum().item() / union)
                    acc.append((p == t).float().mean().item())
            out[name] = {"garment_iou": round(float(np.mean(ious)), 4), "pixel_accuracy": round(float(np.mean(acc)), 4),
                         "photos": m}
    model.train()
    score = float(np.mean([v["garment_iou"] for v in out.values()]))
    result = {"loss": sum(losses) / total, "acc": correct / total, "score": round(score, 4), "sources": out}
    if negatives is not None:
        result["negatives"] = garment_fraction(model, *negatives, device=device)
    return result


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
    b.plot(ep, [float(r["train_acc"]) for r in rows], label="train pixel accuracy")
    b.plot(ep, [float(r["val_acc"]) for r in rows], label="validation pixel accuracy")
    if "val_score" in rows[0]:
        b.plot(ep, [float(r["val_score"]) for r in rows], label="validation garment IoU (mean of sources)")
    b.set_title("validation"), b.set_xlabel("epoch"), b.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=100)
    plt.close(fig)


def command_line() -> str:
    return "python3 -m segmentation.train " + " ".join(shlex.quote(a) for a in sys.argv[1:])


def cpu_seconds() -> float:
    """CPU time of this process, all threads: the campaign's currency (CPU-hours)."""
    return time.process_time()


def main() -> int:
    cfg, resume, scratch = parse_args()
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
    init = "scratch"
    if not resume and not scratch and ledger.WEIGHTS.exists():
        committed = ledger.load_weights(ledger.WEIGHTS, dropout=cfg.dropout)
        assert dataclasses.asdict(committed.cfg) == dataclasses.asdict(mcfg), (
            f"committed weights are {committed.cfg}, not {mcfg}: pass --scratch for a new size")
        model.load_state_dict(committed.state_dict())
        init = f"{ledger.WEIGHTS.name} sha256:{ledger.sha256(ledger.WEIGHTS)}"
    model = model.to(cfg.device)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay, amsgrad=True)
    sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="max", factor=cfg.plateau_factor,
                                                       patience=cfg.plateau_patience)

    train_sets = [load_cached("cds_train", cfg.cache_size), load_cached("ccp_train", cfg.cache_size)]
    val_names = ["cds_val", "ccp_val"]
    val_sets = [load_cached(n, cfg.cache_size) for n in val_names]
    val_negatives = evaluation_set(cfg.cache_size)  # fixed: the same images every epoch and every leg
    n_train = sum(len(s.items) for s in train_sets)
    print(f"model {cfg.size} {count_parameters(model) / 1e6:.2f}M params; train photos "
          f"{[len(s.items) for s in train_sets]}, validation {[len(s.items) for s in val_sets]}; from {init}", flush=True)
    negatives = NegativeSource(load_crops("cds_train", cfg.cache_size), cfg.negatives_synthetic) if cfg.negatives else None
    if negatives:
        print(f"garment-free samples: {cfg.negatives:.0%} of each batch, {len(negatives.crops.items)} photo crops, "
              f"{cfg.negatives_synthetic:.0%} synthetic", flush=True)
    sampler = Sampler(train_sets, [cfg.cds_weight, 1 - cfg.cds_weight], cfg.crop, cfg.seed,
                      negatives=negatives, negative_fraction=cfg.negatives)
    per_epoch = cfg.epoch_samples or n_train
    steps = max(1, per_epoch // cfg.batch)

    legs = ledger.read_legs()
    start_epoch, best, stale, wall_before, cpu_before = 1, -1.0, 0, 0.0, 0.0
    log_path = run_dir / "log.csv"
    if resume and (run_dir / "last.pt").exists():
        ck = torch.load(run_dir / "last.pt", map_location=cfg.device)
        model.load_state_dict(ck["model"]), opt.load_state_dict(ck["opt"]), sched.load_state_dict(ck["sched"])
        start_epoch, best, stale = ck["epoch"] + 1, ck["best"], ck["stale"]
        # the sampling must go on as it began (checkpoints from before the option trained without)
        was = {"negatives": 0.0, "negatives_synthetic": cfg.negatives_synthetic, **ck.get("train_config", {})}
        changed = {k: (was[k], getattr(cfg, k)) for k in ("negatives", "negatives_synthetic") if was[k] != getattr(cfg, k)}
        assert not changed or was["negatives"] == cfg.negatives == 0, (
            f"options changed since the leg began (then, now): {changed}; resume with the leg's options or start a new leg")
        wall_before, cpu_before = ck.get("elapsed", 0.0), ck.get("cpu", 0.0)
        leg = next(l for l in legs if l["id"] == ck["leg"])
        leg["commands"].append(command_line())
        sampler.rng = np.random.default_rng(cfg.seed + start_epoch)
        print(f"resumed leg {leg['id']} at epoch {start_epoch}", flush=True)
    else:
        with log_path.open("w") as f:
            f.write("epoch,train_loss,train_acc,val_loss,val_acc,val_score,lr,seconds,cpu_seconds\n")
        start = evaluate(model, val_sets, val_names, cfg.val_per_source, cfg.device, val_negatives)
        print(f"start: validation garment IoU {json.dumps(start['sources'])}; "
              f"negatives_garment_fraction {start['negatives']['garment_fraction']:.4f}", flush=True)
        leg = {"id": (max(l["id"] for l in legs) + 1) if legs else 1,
               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
               "commands": [command_line()], "init": init,
               "config": {"train": dataclasses.asdict(cfg), "model": dataclasses.asdict(mcfg)},
               "machine": machine(), "train_photos": {"cds_train": len(train_sets[0].items),
                                                      "ccp_train": len(train_sets[1].items)},
               "start": {"val": start["sources"], "score": start["score"], "negatives": start["negatives"]},
               "epochs": [], "samples": 0, "wall_hours": 0.0, "cpu_hours": 0.0, "best": None}
        # The leg starts from the committed weights, so they are replaced only by a better score
        # than theirs, measured here under this leg's settings (cache size, validation photos).
        best = start["score"] if init != "scratch" else -1.0
        ledger.write_leg(leg)
    (run_dir / "config.json").write_text(json.dumps(
        {"train": dataclasses.asdict(cfg), "model": dataclasses.asdict(mcfg), "leg": leg["id"]}, indent=2))

    t0, c0 = time.time() - wall_before, cpu_seconds() - cpu_before
    for epoch in range(start_epoch, cfg.epochs + 1):
        losses, correct, total, t_epoch = [], 0, 0, time.time()
        for _ in range(steps):
            x, y = sampler.batch(cfg.batch)
            x, y = x.to(cfg.device), y.to(cfg.device)
            logits = model(x)
            loss = segmentation_loss(logits, y, cfg)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
            correct += (logits.argmax(1) == y).sum().item()
            total += y.numel()
        train_rate = steps * cfg.batch / (time.time() - t_epoch)
        val = evaluate(model, val_sets, val_names, cfg.val_per_source, cfg.device, val_negatives)
        sched.step(val["score"])
        elapsed, cpu = time.time() - t0, cpu_seconds() - c0
        with log_path.open("a") as f:
            f.write(f"{epoch},{np.mean(losses):.5f},{correct / total:.5f},{val['loss']:.5f},"
                    f"{val['acc']:.5f},{val['score']:.4f},{opt.param_groups[0]['lr']:.2e},{elapsed:.0f},{cpu:.0f}\n")
        print(f"epoch {epoch}: train loss {np.mean(losses):.4f} acc {correct / total:.4f} "
              f"({train_rate:.2f} samples/s) | val loss {val['loss']:.4f} acc {val['acc']:.4f} "
              f"IoU {json.dumps({k: v['garment_iou'] for k, v in val['sources'].items()})} "
              f"negatives_garment_fraction {val['negatives']['garment_fraction']:.4f} | "
              f"{elapsed / 60:.1f} min, {cpu / 3600:.2f} CPU-h", flush=True)
        improved = val["score"] > best
        best, stale = (val["score"], 0) if improved else (best, stale + 1)
        leg["epochs"].append({"epoch": epoch, "samples": epoch * steps * cfg.batch, "wall_hours": round(elapsed / 3600, 4),
                              "cpu_hours": round(cpu / 3600, 4), "train_samples_per_s": round(train_rate, 3),
                              "lr": opt.param_groups[0]["lr"], "val": val["sources"], "score": val["score"],
                              "negatives": val["negatives"]})
        leg.update(samples=epoch * steps * cfg.batch, wall_hours=round(elapsed / 3600, 4), cpu_hours=round(cpu / 3600, 4),
                   ended=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        state = {"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                 "epoch": epoch, "best": best, "stale": stale, "elapsed": elapsed, "cpu": cpu, "leg": leg["id"],
                 "config": dataclasses.asdict(mcfg), "train_config": dataclasses.asdict(cfg)}
        torch.save(state, run_dir / "last.tmp")
        (run_dir / "last.tmp").replace(run_dir / "last.pt")  # atomic: a kill never leaves half a file
        if improved:
            torch.save(state, run_dir / "best.pt")
            ledger.save_weights(model, meta={"leg": leg["id"], "epoch": epoch, "score": val["score"]})
            leg["best"] = {"leg": leg["id"], "epoch": epoch, "samples": epoch * steps * cfg.batch, "cpu_hours": round(cpu / 3600, 4),
                           "val": val["sources"], "score": val["score"], "negatives": val["negatives"],
                           "weights_sha256": ledger.sha256(ledger.WEIGHTS)}
            print(f"  new best (score {val['score']:.4f}): wrote {ledger.WEIGHTS}", flush=True)
        ledger.write_leg(leg)
        plot(log_path, run_dir / "curves.png")
        if stale >= cfg.early_stop:
            print(f"early stop: no better validation score for {stale} epochs", flush=True)
            break
        if cfg.max_minutes and elapsed > cfg.max_minutes * 60:
            print(f"time limit of {cfg.max_minutes} min reached", flush=True)
            break
    return 0


def machine() -> str:
    import os
    import platform
    return f"{cpu_name()}, {os.cpu_count()} cores, torch {torch.__version__}, {platform.node()}"


if __name__ == "__main__":
    raise SystemExit(main())
