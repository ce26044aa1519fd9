"""Export a trained embedding checkpoint to models/ as ONNX + manifest + model card, and
write the parity fixture (test/fixtures/parity/embedding.*) that onnxruntime-node replays.

    cd training && /usr/bin/python3 -m embedding.export --run embed-m96 --version 2026-11-27.1

The model card quotes the run's log.csv and, when it exists, the benchmark table of
bench/results/retrieval.md (rerun with --card-only after the benchmark to refresh it).
--checkpoint best (the default when the run has one) exports the epoch with the best hold-out
score. A run trained with a segmenter's masks names that segmenter in the manifest
(`segmenter`) and the card. Sections of an existing manifest that export does not write
(a `calibration` fitted for the previous model) are kept, with a warning to refit them.
Exporting into models/ also writes the parity fixture and the committed weights
(training/weights/embedding.pt) that the next fine-tune starts from; exporting elsewhere
(--out runs/<run>/candidate) makes a candidate to benchmark before shipping.
"""
import argparse
import csv
import json
import time
from pathlib import Path

import cv2
import numpy as np
import torch

from common.machine import cpu_name
from common.onnx_export import OPSET, export, write_manifest, write_parity_fixture
from common.paths import CDS, MODELS, REPO, RUNS
from embedding.data import MEAN, STD, studio_crop, to_tensor
from embedding.model import EmbedConfig, GarmentEmbedder
from embedding.weights import save_weights
from segmentation.data import photo_and_mask

PARITY_PHOTOS = ["validation/dress", "validation/shoes"]  # first photo with a mask in each folder
RESULTS = REPO / "bench" / "results" / "retrieval.md"
WRITTEN = ("kind", "name", "version", "file", "opset", "input", "output", "segmenter")  # what export owns


def checkpoint_path(run: str, which: str) -> Path:
    best = RUNS / run / "best.pt"
    return best if which == "best" or (which == "auto" and best.exists()) else RUNS / run / "last.pt"


def load(path: Path) -> GarmentEmbedder:
    ck = torch.load(path, map_location="cpu")
    model = GarmentEmbedder(EmbedConfig(**ck["model_config"]))
    model.load_state_dict(ck["model"])
    return model.eval()


def segmenter_of(cfg: dict) -> dict:
    """{name, version} of the segmenter whose masks the run trained on, or {}."""
    stamp = Path(cfg.get("seg_masks") or "/nonexistent") / "segmenter.json"
    return {k: v for k, v in json.loads(stamp.read_text()).items() if k in ("name", "version")} if stamp.exists() else {}


def parity_input(size: int) -> torch.Tensor:
    """Two real studio-look crops: a parity check on white margins and garment pixels."""
    crops = []
    for folder in PARITY_PHOTOS:
        relpath = str(sorted((CDS / folder).glob("*.jpg"))[0].relative_to(CDS))
        rgb, mask = photo_and_mask("cds", relpath)
        crops.append(studio_crop(rgb, mask, size))
    return to_tensor(np.stack(crops))


def ms_per_image(model: torch.nn.Module, size: int, n: int = 50) -> float:
    x = torch.zeros(1, 3, size, size)
    with torch.no_grad():
        model(x)
        t = time.perf_counter()
        for _ in range(n):
            model(x)
    return (time.perf_counter() - t) / n * 1000


def write_card(path: Path, run: str, manifest: dict, params: int, onnx_bytes: int, eager_ms: float,
               chosen: Path) -> None:
    ck = torch.load(RUNS / run / "last.pt", map_location="cpu")
    cfg = ck["config"]
    with (RUNS / run / "log.csv").open() as f:
        rows = list(csv.DictReader(f))
    last = rows[-1]
    exported = torch.load(chosen, map_location="cpu")["epoch"]
    picked = next((r for r in rows if int(r["epoch"]) == exported), last)
    defaults = {"max_minutes"} | ({"init", "seg_masks", "p_seg", "p_whole", "lr", "holdout_distractors"} if cfg.get("init") else set())
    overrides = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in cfg.items() if k in defaults and k != "run")
    seg = manifest.get("segmenter")
    meta = ck.get("init_meta") or {}
    init_from = f" (then: {meta['source']} {meta.get('version') or ''}, recovered by embedding.weights from-onnx)" if meta.get("source") else ""
    lines = [
        f"# {manifest['name']} {manifest['version']}",
        "",
        "A small CNN (no pretrained weights) that maps the server's studio-look crop to a "
        f"{manifest['output']['dim']}-d unit vector; cosine similarity ranks catalogue items.",
        "",
        "## Model",
        f"- architecture: a strided 3x3 conv stem and 3 stages (a strided 3x3 conv + a 3x3 conv, BN+ReLU), widths {list(ck['model_config']['widths'])}, "
        "global average + max pooling, linear, L2 normalisation in the graph",
        f"- parameters: {params:,}; ONNX file {onnx_bytes / 1e6:.2f} MB, opset {OPSET}, dynamic batch",
        f"- input: {manifest['input']['width']}x{manifest['input']['height']} RGB, "
        f"(v/255 - {MEAN}) / {STD}; output `{manifest['output']['name']}` ({manifest['output']['dim']}-d)",
        "",
        "## Training",
        f"- command: `cd training && nice -n 19 /usr/bin/python3 -m embedding.train --run {run} {overrides}`",
        "- objective: instance discrimination, NT-Xent over the 2B views of a batch "
        f"(batch {cfg['batch']}, temperature {cfg['temperature']}), AdamW lr {cfg['lr']} "
        f"(cosine over the time budget), weight decay {cfg['weight_decay']}",
        "- views of one phone photo (training/embedding/data.py): a studio rendering (reference mask "
        "cutout on white, box + 8% margin, square, white balance ±8%) and a snapshot rendering "
        "(rotation ±12°, crop 70-100%, brightness/contrast/colour cast/gamma, blur, noise, JPEG 40-95, "
        f"then a perturbed mask cutout; the whole photo with background with p={cfg['p_whole']})",
        f"- data: cds_train phone photos with GrabCut reference masks (training/labels), minus a hashed "
        f"hold-out of {cfg['holdout_fraction']:.0%}{'; plus ccp_train street photos' if cfg['use_ccp'] else ''}. "
        "Never cds_val (the retrieval benchmark's queries).",
        f"- epochs: {last['epoch']}; training wall time {float(last['minutes']):.1f} min "
        "(training loop only; shared CPU, nice 19)",
        f"- machine: {cpu_name()}, {torch.get_num_threads()} threads, PyTorch {torch.__version__}",
        f"- exported epoch {exported} ({chosen.name}): loss {picked['loss'] or '-'}, hold-out Recall@1 snapshot->studio "
        f"{picked['r1_masked']} (perturbed-mask cutout), {picked['r1_whole']} (whole photo)"
        + (f", {picked['r1_seg']} (the segmenter's mask)" if picked.get("r1_seg") else ""),
        f"- eager PyTorch latency, one image, this CPU: {eager_ms:.1f} ms (the benchmark measures onnxruntime-node)",
        "",
        "## Retrieval benchmark (BENCHMARK.md section 2)",
    ]
    if RESULTS.exists():
        lines += ["Copied from bench/results/retrieval.md (latest runs; each with its command line):", "",
                  RESULTS.read_text().split("\n", 1)[1].strip()]
    else:
        lines += ["Not run yet: see bench/results/retrieval.md."]
    if seg:
        lines[lines.index("## Training") + 1:lines.index("## Training") + 1] = [
            f"- **trained for the segmenter {seg['name']}@{seg['version']}** (models/segmentation.json when exported): "
            f"fine-tuned from `{cfg['init']}`{init_from} with snapshot views cut out by that model's own masks of the training "
            "photos (scripts/segment-training-photos.ts: the server's decode, segmentation, GrabCut refinement and "
            f"crop) with p={cfg['p_seg']}, the whole photo with p={cfg['p_whole']}, the perturbed reference mask "
            f"otherwise. A new segmenter needs a new fine-tune: `python3 -m embedding.retrain_for_segmenter`.",
        ]
        lines += ["", "## Hold-out during the fine-tune (log.csv)",
                  f"cds_train photos never trained on ({cfg['holdout_fraction']:.0%}, hashed), snapshot -> studio against "
                  f"their studio views plus {cfg.get('holdout_distractors', 0)} training photos; epoch 0 is the starting "
                  "weights. The segmenter was trained on these photos, so its masks here may be better than on new "
                  "photos. Training photos with a segmenter mask: fewer than all while the masks were still being made "
                  "(`--masks-in-background`); the others got the perturbed reference mask.",
                  "", "| epoch | loss | R@1 seg mask | R@10 seg mask | R@1 perturbed mask | R@1 whole photo | minutes | "
                  "training photos with a segmenter mask |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {r['epoch']} | {r['loss'] or '-'} | {r.get('r1_seg', '-')} | {r.get('r10_seg', '-')} | "
                  f"{r['r1_masked']} | {r['r1_whole']} | {r['minutes']} | {r.get('seg_photos') or '-'} |" for r in rows]
    lines += ["", "## Limits",
              "- Trained on about a thousand phone photos for well under an hour of CPU: it separates "
              "garments by colour, shape and coarse texture; fine print and logos are beyond 96 px.",
              "- The benchmark's catalogue image comes from the same photo as the query, so its recall is "
              "higher than on real consumer-to-shop data."]
    path.write_text("\n".join(lines) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--name", default="embedding")
    ap.add_argument("--card-only", action="store_true", help="only rewrite the model card")
    ap.add_argument("--checkpoint", choices=("auto", "best", "last"), default="auto")
    args = ap.parse_args()
    torch.set_num_threads(2)

    chosen = checkpoint_path(args.run, args.checkpoint)
    model = load(chosen)
    cfg = torch.load(RUNS / args.run / "last.pt", map_location="cpu")["config"]
    size = model.cfg.input_size
    onnx_path = args.out / f"{args.name}.onnx"
    manifest_path = args.out / f"{args.name}.json"
    old = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest = {
        "kind": "embedding",
        "name": f"garment-embed-cnn-{args.run}",
        "version": args.version,
        "file": onnx_path.name,
        "opset": OPSET,
        "input": {"name": "image", "layout": "NCHW", "channels": "RGB", "dtype": "float32",
                  "height": size, "width": size, "resize": "stretch", "scale": 1 / 255,
                  "mean": [MEAN] * 3, "std": [STD] * 3},
        "output": {"name": "embedding", "dim": model.cfg.dim, "normalized": True},
        **({"segmenter": segmenter_of(cfg)} if segmenter_of(cfg) else {}),
    }
    kept = {k: v for k, v in old.items() if k not in WRITTEN}
    if not args.card_only:
        export(model, torch.zeros(1, 3, size, size), onnx_path, "image", "embedding",
               {"image": {0: "batch"}, "embedding": {0: "batch"}})
        write_manifest(manifest_path, {**manifest, **kept})
        print(f"wrote {onnx_path} ({onnx_path.stat().st_size / 1e6:.2f} MB) and its manifest")
        for key in kept:
            print(f"WARNING: kept the manifest's {key!r} section, made for {old.get('name')} {old.get('version')}: "
                  f"refit it for this model (a calibration's thresholds do not carry over to new weights)")
        if args.out.resolve() == MODELS.resolve():
            write_parity_fixture(model, parity_input(size), REPO / "test" / "fixtures" / "parity", args.name)
            save_weights(model, meta={"run": args.run, "checkpoint": chosen.name, "version": args.version,
                                      "segmenter": manifest.get("segmenter")})
            print(f"wrote test/fixtures/parity/{args.name}.{{input.bin,output.bin,json}} and training/weights/embedding.pt")
    else:
        manifest = json.loads(manifest_path.read_text())
    params = sum(p.numel() for p in model.parameters())
    write_card(args.out / f"{args.name}.md", args.run, manifest, params, onnx_path.stat().st_size,
               ms_per_image(model, size), chosen)
    print(f"wrote {args.out / (args.name + '.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
