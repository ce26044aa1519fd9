"""Builds the small but real ONNX models the TypeScript tests load (test/fixtures/models/).

Not the production models: a tiny segmentation net trained for two or three minutes on a few cds
photos against GrabCut masks (so its output means something), and a tiny embedding CNN
trained briefly to tell the cds classes apart. Each comes with a manifest that follows
docs/model-contract.md, so tests load them exactly as the server loads models/.

    /usr/bin/python3 training/tools/make_test_models.py [--seconds-seg 150] [--seconds-embed 40]
"""
import argparse
import json
import random
import time
from pathlib import Path

import cv2
import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = Path(__file__).resolve().parents[2]
CDS_TRAIN = REPO.parent / "shared" / "datasets" / "cds" / "train"
OUT = REPO / "test" / "fixtures" / "models"
MEAN, STD, SCALE = [0.485, 0.456, 0.406], [0.229, 0.224, 0.225], 1 / 255
SEG_SIZE, EMB_SIZE, EMB_DIM = 128, 64, 32
CLASSES = sorted(p.name for p in CDS_TRAIN.iterdir() if p.is_dir())


def to_tensor(rgb_u8):
    """(H, W, 3) uint8 RGB -> (3, H, W) float, normalised as the manifests say."""
    x = torch.from_numpy(rgb_u8).float().permute(2, 0, 1) * SCALE
    return (x - torch.tensor(MEAN)[:, None, None]) / torch.tensor(STD)[:, None, None]


def load_rgb(path, size):
    bgr = cv2.imread(str(path))
    return cv2.cvtColor(cv2.resize(bgr, (size, size), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2RGB)


def grabcut_mask(rgb):
    """Garment mask from GrabCut seeded with a rectangle 5 px inside the frame."""
    h, w = rgb.shape[:2]
    mask = np.zeros((h, w), np.uint8)
    bgd, fgd = np.zeros((1, 65), np.float64), np.zeros((1, 65), np.float64)
    cv2.grabCut(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), mask, (5, 5, w - 10, h - 10), bgd, fgd, 4, cv2.GC_INIT_WITH_RECT)
    return ((mask == cv2.GC_FGD) | (mask == cv2.GC_PR_FGD)).astype(np.int64)


def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TinySegNet(nn.Module):
    """Three-level U-Net, 8x down; any input that is a multiple of 8 works."""

    def __init__(self, w=16):
        super().__init__()
        self.e1, self.e2, self.e3 = conv(3, w, 2), conv(w, 2 * w, 2), conv(2 * w, 3 * w, 2)
        self.mid = conv(3 * w, 3 * w)
        self.d2, self.d1 = conv(5 * w, 2 * w), conv(3 * w, w)
        self.head = nn.Conv2d(w, 2, 1)

    def forward(self, x):  # (B, 3, H, W)
        s1 = self.e1(x)  # (B, w, H/2, W/2)
        s2 = self.e2(s1)  # (B, 2w, H/4, W/4)
        y = self.mid(self.e3(s2))  # (B, 3w, H/8, W/8)
        y = self.d2(torch.cat([F.interpolate(y, scale_factor=2.0, mode="bilinear"), s2], 1))
        y = self.d1(torch.cat([F.interpolate(y, scale_factor=2.0, mode="bilinear"), s1], 1))
        return F.interpolate(self.head(y), scale_factor=2.0, mode="bilinear")  # (B, 2, H, W) logits


class TinyEmbedNet(nn.Module):
    def __init__(self, dim=EMB_DIM, w=16):
        super().__init__()
        self.features = nn.Sequential(conv(3, w, 2), conv(w, 2 * w, 2), conv(2 * w, 4 * w, 2), conv(4 * w, 4 * w, 2))
        self.proj = nn.Linear(4 * w, dim)

    def forward(self, x):  # (N, 3, H, W)
        y = self.features(x).mean((2, 3))  # (N, 4w) global average pool
        return F.normalize(self.proj(y), dim=1)  # (N, dim), unit length


def sample_photos(n_per_class, rng):
    return [(p, ci) for ci, c in enumerate(CLASSES) for p in rng.sample(sorted((CDS_TRAIN / c).glob("*.jpg")), n_per_class)]


def augment(x):
    """Random horizontal flip and brightness jitter on a (B, 3, H, W) batch (same flip for masks)."""
    flip = random.random() < 0.5
    x = torch.flip(x, [3]) if flip else x
    return x * (0.8 + 0.4 * random.random()), flip


def train_segmentation(photos, seconds):
    images = [load_rgb(p, SEG_SIZE) for p, _ in photos]
    xs = torch.stack([to_tensor(im) for im in images])
    ys = torch.stack([torch.from_numpy(grabcut_mask(im)) for im in images])
    model, start = TinySegNet(), time.time()
    opt = torch.optim.Adam(model.parameters(), 3e-3)
    step = 0
    while time.time() - start < seconds:
        idx = torch.randint(len(xs), (8,))
        x, flip = augment(xs[idx])
        y = torch.flip(ys[idx], [2]) if flip else ys[idx]
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
    model.eval()
    with torch.no_grad():
        acc = (model(xs).argmax(1) == ys).float().mean().item()
    print(f"segmentation: {step} steps, loss {loss.item():.3f}, pixel agreement with GrabCut {acc:.3f}")
    return model


def train_embedding(photos, seconds):
    xs = torch.stack([to_tensor(load_rgb(p, EMB_SIZE)) for p, _ in photos])
    labels = torch.tensor([c for _, c in photos])
    model, head, start = TinyEmbedNet(), nn.Linear(EMB_DIM, len(CLASSES)), time.time()
    opt = torch.optim.Adam(list(model.parameters()) + list(head.parameters()), 3e-3)
    step = 0
    while time.time() - start < seconds:
        idx = torch.randint(len(xs), (16,))
        x, _ = augment(xs[idx])
        loss = F.cross_entropy(head(model(x)) * 10, labels[idx])  # scaled cosine-softmax
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
    model.eval()
    print(f"embedding: {step} steps, loss {loss.item():.3f}")
    return model


def export(model, path, input_shape, output_name, dynamic_axes):
    torch.onnx.export(
        model, torch.zeros(input_shape), str(path), input_names=["image"], output_names=[output_name],
        dynamic_axes=dynamic_axes, opset_version=17, do_constant_folding=True,
    )
    onnx.checker.check_model(onnx.load(str(path)))
    assert path.stat().st_size < 1_000_000, f"{path} is {path.stat().st_size} bytes; keep test models under 1 MB"


def input_spec(size, **extra):
    return {
        "name": "image", "layout": "NCHW", "channels": "RGB", "dtype": "float32", "height": size, "width": size,
        **extra, "resize": "stretch", "scale": SCALE, "mean": MEAN, "std": STD,
    }


def write_manifest(name, manifest, card):
    (OUT / f"{name}.json").write_text(json.dumps(manifest, indent=2) + "\n")
    (OUT / f"{name}.md").write_text(card)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds-seg", type=float, default=150)
    ap.add_argument("--seconds-embed", type=float, default=40)
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    rng = random.Random(0)
    OUT.mkdir(parents=True, exist_ok=True)
    version = time.strftime("%Y-%m-%d") + ".test"

    seg = train_segmentation(sample_photos(4, rng), args.seconds_seg)
    export(seg, OUT / "segmentation.onnx", (1, 3, SEG_SIZE, SEG_SIZE), "logits",
           {"image": {2: "height", 3: "width"}, "logits": {2: "height", 3: "width"}})
    write_manifest("segmentation", {
        "kind": "segmentation", "name": "test-tiny-unet-grabcut", "version": version,
        "file": "segmentation.onnx", "opset": 17, "input": input_spec(SEG_SIZE, multipleOf=8),
        "output": {"name": "logits", "layout": "NCHW", "classes": ["background", "garment"], "activation": "none"},
    }, "# test-tiny-unet-grabcut\n\nTest fixture only: a 3-level U-Net (~60k parameters) trained for two or three minutes "
       "on 40 cds photos against GrabCut masks by training/tools/make_test_models.py. Not for production.\n")

    emb = train_embedding(sample_photos(8, rng), args.seconds_embed)
    export(emb, OUT / "embedding.onnx", (1, 3, EMB_SIZE, EMB_SIZE), "embedding",
           {"image": {0: "batch"}, "embedding": {0: "batch"}})
    write_manifest("embedding", {
        "kind": "embedding", "name": "test-tiny-embed-cnn", "version": version,
        "file": "embedding.onnx", "opset": 17, "input": input_spec(EMB_SIZE),
        "output": {"name": "embedding", "dim": EMB_DIM, "normalized": True},
    }, "# test-tiny-embed-cnn\n\nTest fixture only: a 4-layer CNN trained for about 40 s to tell the 10 cds classes "
       "apart by training/tools/make_test_models.py. Not for production.\n")


if __name__ == "__main__":
    main()
