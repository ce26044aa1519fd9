"""Training and validation data for garment segmentation.

Photos are stretched to a square cache size (the server stretches them the same way, see
docs/model-contract.md) and kept in memory as uint8; augmentation crops, scales, flips and
recolours them on the fly. Two sources:
  - cds: phone photos with GrabCut labels (segmentation/labels.py), the query domain;
  - ccp: street photos with human labels; garment = every label but background, hair, skin.
"""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import List, Tuple

import cv2
import numpy as np
import torch

from common import splits
from common.paths import CACHE, CCP, CDS, LABELS
from segmentation.labels import mask_path

MEAN = np.array([0.485, 0.456, 0.406], np.float32)
STD = np.array([0.229, 0.224, 0.225], np.float32)
NOT_GARMENT = ("null", "hair", "skin")


def ccp_garment_ids() -> np.ndarray:
    names = json.loads((CCP / "labels.json").read_text())["labels"]
    return np.array([i for i, n in enumerate(names) if n not in NOT_GARMENT], np.uint8)


def ccp_mask(name: str) -> np.ndarray:
    labels = cv2.imread(str(CCP / "labels" / name.replace(".jpg", ".png")), cv2.IMREAD_UNCHANGED)
    assert labels is not None, f"no label map for {name}"
    return np.isin(labels, ccp_garment_ids()).astype(np.uint8)


def cds_mask(relpath: str) -> np.ndarray:
    path = mask_path(relpath)
    m = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    assert m is not None, f"no mask at {path}: run `python3 -m segmentation.labels build` first"
    return (m >= 128).astype(np.uint8)


def photo_and_mask(source: str, item: str) -> Tuple[np.ndarray, np.ndarray]:
    """RGB photo at its own resolution and its 0/1 reference mask."""
    if source == "ccp":
        bgr, mask = cv2.imread(str(CCP / "photos" / item)), ccp_mask(item)
    else:
        bgr, mask = cv2.imread(str(CDS / item)), cds_mask(item)
    assert bgr is not None and bgr.shape[:2] == mask.shape, f"photo and mask disagree for {item}"
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), mask


def rejected(split: str) -> set:
    """Photos a reviewer rejected (labels/review.txt: `<relpath> reject`)."""
    path = LABELS / "review.txt"
    if not path.exists():
        return set()
    out = set()
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[1] == "reject":
            out.add(parts[0])
    return out


def items_for(split: str) -> List[Tuple[str, str]]:
    """(source, item) pairs; cds items are those with a built mask and not rejected."""
    source = split.split("_")[0]
    names = splits.load(split)
    if source == "cds":
        listed = LABELS / f"{split}.list"
        if listed.exists():
            names = [l for l in listed.read_text().splitlines() if l]
        bad = rejected(split)
        names = [n for n in names if n not in bad and mask_path(n).exists()]
    return [(source, n) for n in names]


@dataclass
class Cached:
    images: np.ndarray  # (N, S, S, 3) uint8 RGB
    masks: np.ndarray  # (N, S, S) uint8 0/1
    items: List[str]


def labels_newer_than(pairs: List[Tuple[str, str]], mtime: float) -> bool:
    """Whether a phone label was rebuilt (a review's correction) after the cache was written:
    the same photos with a corrected mask must not train on the stale one."""
    return any(mask_path(item).stat().st_mtime > mtime for source, item in pairs if source == "cds")


def load_cached(split: str, size: int) -> Cached:
    """All photos of a split stretched to size x size, cached on disk as .npz."""
    pairs = items_for(split)
    key = f"{split}-{size}-{len(pairs)}"
    path = CACHE / f"{key}.npz"
    if path.exists() and not labels_newer_than(pairs, path.stat().st_mtime):
        z = np.load(path, allow_pickle=False)
        if list(z["items"]) == [i for _, i in pairs]:
            return Cached(z["images"], z["masks"], list(z["items"]))
    images = np.zeros((len(pairs), size, size, 3), np.uint8)
    masks = np.zeros((len(pairs), size, size), np.uint8)
    for k, (source, item) in enumerate(pairs):
        rgb, mask = photo_and_mask(source, item)
        images[k] = cv2.resize(rgb, (size, size), interpolation=cv2.INTER_AREA)
        masks[k] = cv2.resize(mask, (size, size), interpolation=cv2.INTER_NEAREST)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, images=images, masks=masks, items=np.array([i for _, i in pairs]))
    return Cached(images, masks, [i for _, i in pairs])


def normalise(rgb: np.ndarray) -> torch.Tensor:
    """(N, H, W, 3) uint8 -> (N, 3, H, W) float32, as the manifest describes."""
    x = (rgb.astype(np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


def augment(img: np.ndarray, mask: np.ndarray, crop: int, rng: np.random.Generator):
    """A random crop at a random scale, horizontal flip, and a light/colour change."""
    s = img.shape[0]
    scale = rng.uniform(0.75, 1.25)
    side = int(round(crop / scale))
    side = min(side, s)
    y, x = rng.integers(0, s - side + 1), rng.integers(0, s - side + 1)
    img = cv2.resize(img[y:y + side, x:x + side], (crop, crop), interpolation=cv2.INTER_LINEAR)
    mask = cv2.resize(mask[y:y + side, x:x + side], (crop, crop), interpolation=cv2.INTER_NEAREST)
    if rng.random() < 0.5:
        img, mask = img[:, ::-1], mask[:, ::-1]
    f = img.astype(np.float32)
    f = f * rng.uniform(0.75, 1.25) + rng.uniform(-20, 20)  # contrast/brightness
    f = f * rng.uniform(0.9, 1.1, size=3)  # white balance
    img = np.clip(f, 0, 255).astype(np.uint8)
    return img, mask


class Sampler:
    """Endless batches mixing sources with fixed weights (the query domain weighted up).

    With `negatives` (segmentation/negatives.py: NegativeSource) each sample is, with
    probability `negative_fraction`, a garment-free image labelled all background instead."""

    def __init__(self, sets: List[Cached], weights: List[float], crop: int, seed: int,
                 negatives=None, negative_fraction: float = 0.0):
        assert negative_fraction == 0 or negatives is not None, "a negative fraction needs a NegativeSource"
        self.sets, self.crop = sets, crop
        self.p = np.array(weights, np.float64) / sum(weights)
        self.rng = np.random.default_rng(seed)
        self.negatives, self.negative_fraction = negatives, negative_fraction

    def batch(self, n: int) -> Tuple[torch.Tensor, torch.Tensor]:
        imgs, masks = [], []
        for k in self.rng.choice(len(self.sets), size=n, p=self.p):
            # without negatives no extra draw: earlier legs' random streams stay as they were
            if self.negative_fraction and self.rng.random() < self.negative_fraction:
                imgs.append(self.negatives.sample(self.crop, self.rng))
                masks.append(np.zeros((self.crop, self.crop), np.uint8))
                continue
            ds = self.sets[k]
            i = self.rng.integers(len(ds.items))
            im, m = augment(ds.images[i], ds.masks[i], self.crop, self.rng)
            imgs.append(im)
            masks.append(m)
        return normalise(np.stack(imgs)), torch.from_numpy(np.stack(masks).astype(np.int64))
