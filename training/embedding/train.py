"""Train the garment embedding by instance discrimination (NT-Xent, in-batch negatives).

Each garment photo gives two views (data.py): a studio rendering and a snapshot rendering.
The loss pulls the two together and pushes them from the other 2B-2 views of the batch.
The learning rate follows a cosine over the time budget (--max-minutes) or the epochs,
whichever ends first, so a run on a busy CPU still ends with a cooled-down model.

    cd training && nice -n 19 /usr/bin/python3 -m embedding.train --run embed-m96 --max-minutes 45

Resumable: rerunning the same command continues from training/runs/<run>/last.pt.
Never trains on cds_val (the retrieval benchmark's queries); a hashed hold-out of cds_train
(--holdout-fraction) is what the per-epoch recall in log.csv is measured on, against a
gallery of its own studio views plus --holdout-distractors training photos (as the
benchmark's catalogue holds distractors); best.pt is the epoch with the best hold-out score
(the segmenter-mask recall when --seg-masks is given, else the perturbed-mask recall).

Fine-tuning for a segmenter (embedding/retrain_for_segmenter.py runs this): --init starts
from committed weights (embedding.weights), --seg-masks names a folder of the segmenter's
masks of the training photos (scripts/segment-training-photos.ts), and --p-seg is the share
of snapshot views cut out with them. The folder may still be filling (masks made while
training, hold-out first): it is re-read each epoch, a photo without its mask yet gets the
perturbed reference mask instead, and log.csv's seg_photos counts those with one.
"""
import argparse
import hashlib
import csv
import time
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from common.paths import RUNS
from embedding.data import Photos, load_photos, load_segmenter_masks, pair_batch, snapshot_view, studio_view, to_tensor
from embedding.model import build
from embedding.weights import load_weights
from segmentation.data import items_for


def is_holdout(name: str, fraction: float) -> bool:
    """A stable choice: the same photos stay out however many others get masks."""
    return hashlib.sha256(f"embed-holdout:{name}".encode()).digest()[0] < fraction * 256


@dataclass
class TrainConfig:
    run: str = "embed-m96"
    size: str = "m"  # model size, see model.SIZES
    input_size: int = 96
    batch: int = 64
    epochs: int = 200
    max_minutes: float = 45.0  # wall-clock budget; the LR schedule ends with it
    lr: float = 2e-3
    weight_decay: float = 5e-4
    temperature: float = 0.1
    p_whole: float = 0.25  # chance that a snapshot view keeps its background
    p_seg: float = 0.0  # chance that a snapshot view is cut out with the segmenter's mask (needs seg_masks)
    seg_masks: str = ""  # folder of the shipped segmenter's masks of cds_train (scripts/segment-training-photos.ts)
    init: str = ""  # weights to start from when the run has no checkpoint (fine-tuning), e.g. weights/embedding.pt
    use_ccp: bool = False  # add ccp_train street photos (worn outfits) as more instances
    holdout_fraction: float = 0.08  # of cds_train, kept out of training for the per-epoch recall
    holdout_distractors: int = 800  # training photos' studio views added to the hold-out's gallery
    threads: int = 2
    seed: int = 0


def nt_xent(a: torch.Tensor, b: torch.Tensor, temperature: float) -> torch.Tensor:
    """SimCLR's loss over 2B unit vectors: row i's positive is its other view."""
    z = torch.cat([a, b])  # (2B, D)
    n = a.shape[0]
    logits = z @ z.t() / temperature  # (2B, 2B)
    logits.fill_diagonal_(float("-inf"))
    target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(logits, target)


def concat(parts) -> Photos:
    s = max(p.images.shape[1] for p in parts)
    assert all(p.images.shape[1] == s for p in parts), "all caches must share one size"
    return Photos(np.concatenate([p.images for p in parts]), np.concatenate([p.masks for p in parts]),
                  np.concatenate([p.hw for p in parts]), sum([p.items for p in parts], []))


class Holdout:
    """Fixed renderings of the hold-out (rendered once, embedded every epoch): snapshot ->
    studio Recall@1 and @10 against the hold-out's studio views plus distractors."""

    def __init__(self, photos: Photos, idx: np.ndarray, distractors: np.ndarray, size: int):
        def studio(i):
            return studio_view(*photos.get(int(i)), size, np.random.default_rng(int(i)))

        def snap(i, p_whole, p_seg):
            rgb, mask = photos.get(int(i))
            return snapshot_view(rgb, mask, size, np.random.default_rng(10_000 + int(i)), p_whole, photos.get_seg(int(i)), p_seg)

        self.gallery = np.stack([studio(i) for i in np.concatenate([idx, distractors])])
        kinds = {"masked": (0.0, 0.0), "whole": (1.0, 0.0)}
        if photos.seg is not None:
            kinds["seg"] = (0.0, 1.0)
        self.queries = {k: np.stack([snap(i, *p) for i in idx]) for k, p in kinds.items()}

    @torch.no_grad()
    def recall(self, model) -> dict:
        model.eval()
        zs = torch.cat([model(to_tensor(self.gallery[k:k + 256])) for k in range(0, len(self.gallery), 256)])
        out = {}
        for name, views in self.queries.items():
            rank = (model(to_tensor(views)) @ zs.t()).argsort(dim=1, descending=True)
            hit = rank[:, :10] == torch.arange(len(views))[:, None]
            out[f"r1_{name}"], out[f"r10_{name}"] = hit[:, 0].float().mean().item(), hit.any(dim=1).float().mean().item()
        model.train()
        return out

    @staticmethod
    def score(rec: dict) -> float:
        """What best.pt is chosen by: the path the product serves (the segmenter's mask)."""
        return rec.get("r1_seg", rec["r1_masked"])


def lr_at(cfg: TrainConfig, progress: float) -> float:
    warmup = 0.03
    if progress < warmup:
        return cfg.lr * progress / warmup
    return cfg.lr * 0.5 * (1 + np.cos(np.pi * min(1.0, (progress - warmup) / (1 - warmup))))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for f in fields(TrainConfig):
        kind = (lambda s: s.lower() in ("1", "true", "yes")) if f.type is bool else f.type
        ap.add_argument("--" + f.name.replace("_", "-"), type=kind, default=f.default)
    cfg = TrainConfig(**vars(ap.parse_args(argv)))
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)

    def data():
        """cds_train photos with masks (more appear while GrabCut labels are still being
        built: the set is re-read each epoch), the hold-out chosen by a hash of the name."""
        cds = load_photos("cds_train")
        if cfg.seg_masks:
            assert not cfg.use_ccp, "--seg-masks covers cds_train only: drop --use-ccp"
            cds = load_segmenter_masks(cds, Path(cfg.seg_masks), allow_missing=True)
        photos = concat([cds, load_photos("ccp_train")]) if cfg.use_ccp else cds
        held = np.array([k for k, n in enumerate(cds.items) if is_holdout(n, cfg.holdout_fraction)])
        train_idx = np.setdiff1d(np.arange(len(photos.items)), held)
        print(f"train: {len(train_idx)} photos ({len(cds.items) - len(held)} cds_train"
              f"{', ' + str(len(photos.items) - len(cds.items)) + ' ccp_train' if cfg.use_ccp else ''}), "
              f"hold-out: {len(held)} cds_train", flush=True)
        distractors = np.random.default_rng(0).permutation(train_idx)[:cfg.holdout_distractors]
        assert cds.has_seg is None or cds.has_seg[held].all(), (
            f"{int((~cds.has_seg[held]).sum())} hold-out photos lack a segmenter mask in {cfg.seg_masks}: segment them first")
        return photos, train_idx, Holdout(photos, held, distractors, cfg.input_size), len(cds.items)

    photos, train_idx, hold, n_cds = data()
    model = load_weights(Path(cfg.init)) if cfg.init else build(cfg.size, input_size=cfg.input_size)
    init_meta = torch.load(cfg.init, map_location="cpu").get("meta", {}) if cfg.init else {}  # for the card
    assert model.cfg.input_size == cfg.input_size, f"--init {cfg.init} works at {model.cfg.input_size} px: pass --input-size {model.cfg.input_size}"
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    run_dir = RUNS / cfg.run
    run_dir.mkdir(parents=True, exist_ok=True)
    ckpt_path, best_path, log_path = run_dir / "last.pt", run_dir / "best.pt", run_dir / "log.csv"
    epoch, elapsed, best = 0, 0.0, -1.0

    def log(row: dict) -> None:
        print(row, flush=True)
        new = not log_path.exists()
        with log_path.open("a", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(row))
            if new:
                w.writeheader()
            w.writerow(row)

    if ckpt_path.exists():
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        epoch, elapsed, best = ck["epoch"], ck["elapsed"], ck.get("best", -1.0)
        print(f"resumed at epoch {epoch}, {elapsed / 60:.1f} min", flush=True)
    elif cfg.init:
        # Epoch 0: where the fine-tune starts, on the same hold-out, so the log shows what it won.
        rec = hold.recall(model)
        best = Holdout.score(rec)
        log({"epoch": 0, "loss": "", "lr": 0.0, **{k: round(v, 4) for k, v in rec.items()}, "minutes": 0.0, "seg_photos": ""})
        torch.save({"model": model.state_dict(), "epoch": 0, "config": asdict(cfg), "model_config": asdict(model.cfg),
                    "holdout": rec}, best_path)
    budget = cfg.max_minutes * 60

    model.train()
    while epoch < cfg.epochs and elapsed < budget:
        if len(items_for("cds_train")) != n_cds:
            photos, train_idx, hold, n_cds = data()
        if photos.has_seg is not None and not photos.has_seg.all():
            photos = load_segmenter_masks(photos, Path(cfg.seg_masks), allow_missing=True)
        seg_photos = int(photos.has_seg[train_idx].sum()) if photos.has_seg is not None else ""
        steps_per_epoch = len(train_idx) // cfg.batch
        rng = np.random.default_rng(cfg.seed * 1000 + epoch)  # per epoch, so a resume replays it
        perm = rng.permutation(train_idx)
        t0, losses = time.time(), []
        for s in range(steps_per_epoch):
            progress = max((epoch + s / steps_per_epoch) / cfg.epochs, (elapsed + time.time() - t0) / budget)
            for g in opt.param_groups:
                g["lr"] = lr_at(cfg, progress)
            studio, snap = pair_batch(photos, perm[s * cfg.batch:(s + 1) * cfg.batch], cfg.input_size, rng, cfg.p_whole,
                                      cfg.p_seg)
            z = model(torch.cat([studio, snap]))
            loss = nt_xent(z[:cfg.batch], z[cfg.batch:], cfg.temperature)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            losses.append(loss.item())
        elapsed += time.time() - t0
        epoch += 1
        rec = hold.recall(model)
        log({"epoch": epoch, "loss": round(float(np.mean(losses)), 4), "lr": round(opt.param_groups[0]["lr"], 6),
             **{k: round(v, 4) for k, v in rec.items()}, "minutes": round(elapsed / 60, 2), "seg_photos": seg_photos})
        if Holdout.score(rec) >= best:
            best = Holdout.score(rec)
            torch.save({"model": model.state_dict(), "epoch": epoch, "config": asdict(cfg),
                        "model_config": asdict(model.cfg), "holdout": rec}, best_path)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch, "elapsed": elapsed,
                    "best": best, "config": asdict(cfg), "model_config": asdict(model.cfg), "init_meta": init_meta},
                   ckpt_path)
    print(f"done: {epoch} epochs, {elapsed / 60:.1f} min", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
