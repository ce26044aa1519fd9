"""Fine-tune the embedder for the shipped segmenter: one command per new segmentation model.

    cd training && OMP_WAIT_POLICY=PASSIVE nice -n 19 /usr/bin/python3 -m embedding.retrain_for_segmenter \
        --version 2026-11-29.1 --max-minutes 50

1. the segmenter of models/segmentation.json cuts out every cds_train photo through the
   server's own stages (scripts/segment-training-photos.ts; cached in
   cache/seg-<name>-<version>/, photos already done are skipped);
2. training/weights/embedding.pt (the shipped embedder; recovered from its ONNX file when
   missing) is fine-tuned with snapshot views cut out by those masks (p_seg), the whole photo
   (p_whole) and perturbed reference masks (the rest), as run embed-<segmenter version>;
3. the epoch with the best hold-out score is exported as a candidate in
   runs/<run>/candidate/, to benchmark before shipping (the commands are printed at the end).
Resumable: rerun the same command after a kill. Never touches cds_val.
--masks-in-background trains while the masks are made (hold-out photos first; train.py
re-reads the folder each epoch): on a starved CPU the masks take as long as the fine-tune.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from common import splits
from common.paths import CACHE, CDS, MODELS, REPO, RUNS, TRAINING
from embedding import train
from embedding.train import is_holdout
from embedding.weights import WEIGHTS
from segmentation.data import items_for

# Why this mix: the segmenter's masks are what queries are served with, so they get half the
# snapshot views; perturbed reference masks keep errors this segmenter does not make (the next
# one makes others, and its masks of its own training photos are cleaner than of new photos);
# the whole photo keeps the removeBackground=false path.
P_SEG, P_WHOLE = 0.5, 0.2
FINE_TUNE_LR = 5e-4  # a quarter of training from scratch: start where the shipped model is
HOLDOUT_FRACTION = train.TrainConfig.holdout_fraction


def segment_training_photos(manifest: Path, background: bool = False):
    """Masks for every cds_train photo (hold-out first); returns the folder and, with
    background, the running segmenter process (it must be complete for the hold-out)."""
    seg = json.loads(manifest.read_text())
    out = CACHE / f"seg-{seg['name']}-{seg['version']}"
    photos = sorted((item for _, item in items_for("cds_train")), key=lambda p: not is_holdout(p, HOLDOUT_FRACTION))
    assert not set(photos) & set(splits.load("cds_val")), "a cds_val photo (a retrieval query) in the training list"
    CACHE.mkdir(parents=True, exist_ok=True)
    listing = CACHE / "cds_train.photos.txt"
    listing.write_text("\n".join(photos) + "\n")
    command = ["npx", "tsx", "scripts/segment-training-photos.ts", "--list", str(listing), "--root", str(CDS),
               "--segmentation", str(manifest), "--out", str(out)]
    if not background:
        subprocess.run(command, cwd=REPO, check=True)
        return out, None
    proc = subprocess.Popen(command, cwd=REPO)
    held = [p for p in photos if is_holdout(p, HOLDOUT_FRACTION)]
    while not all((out / (p.rsplit(".", 1)[0] + ".png")).exists() for p in held):
        assert proc.poll() in (None, 0), f"the segmenter stopped with exit code {proc.returncode}"
        time.sleep(10)
    return out, proc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", required=True, help="the candidate embedder's version, e.g. 2026-11-29.1")
    ap.add_argument("--max-minutes", type=float, default=50.0)
    ap.add_argument("--segmentation", type=Path, default=MODELS / "segmentation.json")
    ap.add_argument("--masks-in-background", action="store_true", help="train while the masks are made")
    args, extra = ap.parse_known_args(argv)  # anything else goes to embedding.train (--lr, --batch, ...)

    folder, segmenting = segment_training_photos(args.segmentation.resolve(), args.masks_in_background)
    if not WEIGHTS.exists():
        subprocess.run([sys.executable, "-m", "embedding.weights", "from-onnx", str(MODELS / "embedding.onnx")],
                       cwd=TRAINING, check=True)
    seg_version = json.loads(args.segmentation.read_text())["version"]
    run = f"embed-seg-{seg_version}"
    train.main(["--run", run, "--init", str(WEIGHTS.relative_to(TRAINING)), "--seg-masks", str(folder.relative_to(TRAINING)),
                "--p-seg", str(P_SEG), "--p-whole", str(P_WHOLE), "--lr", str(FINE_TUNE_LR),
                "--max-minutes", str(args.max_minutes), *extra])
    if segmenting is not None:
        assert segmenting.wait() == 0, "the segmenter failed: some photos trained without their mask"
    candidate = RUNS / run / "candidate"
    candidate.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "embedding.export", "--run", run, "--version", args.version,
                    "--out", str(candidate)], cwd=TRAINING, check=True)
    rel = candidate.relative_to(REPO)
    print(f"\ncandidate in {rel}; benchmark it against the shipped embedder, and ship it only if it wins:\n"
          f"  cd .. && npx tsx bench/retrieval.ts --data bench/data/retrieval --embedder onnx "
          f"--embedding {rel}/embedding.json --segmentation models/segmentation.json\n"
          f"  cd training && python3 -m embedding.export --run {run} --version {args.version}   # into models/\n"
          f"  cd .. && npx jest test/models --runInBand")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
