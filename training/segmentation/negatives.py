"""Garment-free samples: photos with nothing to segment, labelled all background.

The segmenter trained without them calls most of a flat grey image garment, while a
warehouse sends empty tables, blurred shots, floor only. Two kinds:
  - background crops: the largest square of a phone photo (in the stretched geometry the
    server feeds the model) where its committed label mask is zero over the whole square,
    cut from the photo at its own resolution and stored at the cache size; built once per
    split and cached on disk like the photos (segmentation/data.py);
  - synthetic: flat colours, gradients, noise, and heavily blurred background crops, made
    on the fly from the sampler's random stream (so a seed fixes them).
Training draws crops from cds_train only; the fixed evaluation set (`evaluation_set`) is
built the same way from cds_val and never trained on.
"""
from dataclasses import dataclass
from typing import List, Optional, Tuple

import cv2
import numpy as np

from common import splits
from common.paths import CACHE
from segmentation.data import augment, items_for, photo_and_mask

MIN_SIDE = 0.25  # smallest crop kept, as a share of the frame: smaller ones are mostly blur once resized
KINDS = ("flat", "gradient", "noise", "blur")
VERSION = 1  # of the crop rule, in the cache's name: a change rebuilds the cache


def largest_clear_square(garment: np.ndarray) -> Tuple[int, int, int]:
    """(y, x, side) of the largest square with no garment cell in a (S, S) bool grid."""
    clear = np.pad((~garment).astype(np.uint8), 1)  # the frame's edge counts as an obstacle
    # chessboard distance to the nearest obstacle: d at a cell means the square of side
    # 2d - 1 centred on it is clear
    dist = cv2.distanceTransform(clear, cv2.DIST_C, 3)[1:-1, 1:-1]
    d = int(dist.max())
    if d == 0:
        return 0, 0, 0
    cy, cx = np.unravel_index(int(np.argmax(dist)), dist.shape)  # first maximum: deterministic
    return int(cy) - (d - 1), int(cx) - (d - 1), 2 * d - 1


def garment_cells(mask: np.ndarray, size: int) -> np.ndarray:
    """(size, size) bool: True where any garment pixel of the full-resolution mask falls in
    the cell (area resampling), stricter than the nearest-neighbour cache masks."""
    return cv2.resize(mask.astype(np.uint8) * 255, (size, size), interpolation=cv2.INTER_AREA) > 0


def background_crop(rgb: np.ndarray, mask: np.ndarray, size: int) -> Optional[Tuple[np.ndarray, Tuple[int, int, int, int]]]:
    """The photo's largest garment-free square (in stretched coordinates) at size x size,
    with its pixel box (top, left, bottom, right), or None if it is under MIN_SIDE."""
    y, x, side = largest_clear_square(garment_cells(mask, size))
    if side < MIN_SIDE * size:
        return None
    h, w = mask.shape
    # rounded inwards, so no pixel of a neighbouring (possibly garment) cell comes along
    top, left = -(-y * h // size), -(-x * w // size)
    bottom, right = (y + side) * h // size, (x + side) * w // size
    if mask[top:bottom, left:right].any():  # the promise made to the loss, checked on the label itself
        return None
    crop = cv2.resize(rgb[top:bottom, left:right], (size, size), interpolation=cv2.INTER_AREA)
    return crop, (top, left, bottom, right)


@dataclass
class Crops:
    images: np.ndarray  # (N, S, S, 3) uint8 RGB, label all background
    items: List[str]  # "<photo>@top,left,bottom,right"


def load_crops(split: str, size: int) -> Crops:
    """Background crops of every phone photo of a split, cached as .npz."""
    assert split.startswith("cds_"), "background crops come from the phone photos and their committed masks"
    pairs = items_for(split)
    if split != "cds_val":  # never a validation photo in anything that trains
        leaked = set(splits.load("cds_val")) & {i for _, i in pairs}
        assert not leaked, f"{len(leaked)} validation photos listed in {split}, e.g. {sorted(leaked)[:2]}"
    path = CACHE / f"negatives-v{VERSION}-{split}-{size}-{len(pairs)}.npz"
    if path.exists():
        z = np.load(path, allow_pickle=False)
        if list(z["photos"]) == [i for _, i in pairs]:
            return Crops(z["images"], list(z["items"]))
    images, items = [], []
    for source, item in pairs:
        rgb, mask = photo_and_mask(source, item)
        found = background_crop(rgb, mask, size)
        if found is not None:
            images.append(found[0])
            items.append(f"{item}@{','.join(map(str, found[1]))}")
    out = Crops(np.stack(images) if images else np.zeros((0, size, size, 3), np.uint8), items)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, images=out.images, items=np.array(items), photos=np.array([i for _, i in pairs]))
    return out


def synthetic(kind: str, size: int, rng: np.random.Generator, background: Optional[np.ndarray] = None) -> np.ndarray:
    """One garment-free (size, size, 3) uint8 image of the given kind."""
    if kind == "blur":  # an out-of-focus shot of a table or floor
        assert background is not None, "blur needs a background crop"
        img = cv2.resize(background, (size, size), interpolation=cv2.INTER_AREA).astype(np.float32)
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.04, 0.12) * size)
    elif kind == "gradient":  # uneven light on a plain surface
        a, b = rng.uniform(0, 255, 3), rng.uniform(0, 255, 3)
        angle = rng.uniform(0, 2 * np.pi)
        yy, xx = np.mgrid[0:size, 0:size].astype(np.float32) / max(size - 1, 1)
        t = (np.cos(angle) * xx + np.sin(angle) * yy)
        t = (t - t.min()) / max(float(t.max() - t.min()), 1e-6)
        img = a + (b - a) * t[..., None]
    elif kind == "noise":  # a textured surface (carpet, concrete) or a dark, grainy shot
        img = rng.uniform(0, 255, 3) + rng.normal(0, rng.uniform(5, 40), (size, size, 3))
        img = cv2.GaussianBlur(img.astype(np.float32), (0, 0), rng.uniform(0.5, 2.0))
    else:
        assert kind == "flat", f"unknown kind {kind!r}"
        img = np.broadcast_to(rng.uniform(0, 255, 3), (size, size, 3))
    img = img + rng.normal(0, rng.uniform(0, 3), (size, size, 3))  # sensor noise
    return np.clip(img, 0, 255).astype(np.uint8)


class NegativeSource:
    """Draws garment-free training images; `synthetic_share` of them are synthetic."""

    def __init__(self, crops: Crops, synthetic_share: float):
        assert len(crops.items) or synthetic_share >= 1, "no background crops to draw from"
        self.crops, self.synthetic_share = crops, synthetic_share
        self.zeros = np.zeros(crops.images.shape[1:3], np.uint8)

    def sample(self, crop: int, rng: np.random.Generator) -> np.ndarray:
        if rng.random() < self.synthetic_share:
            kind = KINDS[rng.integers(len(KINDS))]
            bg = self.crops.images[rng.integers(len(self.crops.items))] if kind == "blur" else None
            return synthetic(kind, crop, rng, bg)
        i = rng.integers(len(self.crops.items))
        img, _ = augment(self.crops.images[i], self.zeros, crop, rng)  # same crop, flip, recolour as photos
        return img


def evaluation_set(size: int, crops: int = 48, per_kind: int = 4, seed: int = 0) -> Tuple[np.ndarray, List[str]]:
    """A fixed set of garment-free images for measuring, never trained on: `crops` background
    crops of validation phone photos (seeded choice) and `per_kind` synthetic images of each
    kind, the first flat one mid grey (the defect as first seen). Returns images and kinds."""
    val = load_crops("cds_val", size)
    rng = np.random.default_rng(seed)
    chosen = sorted(rng.choice(len(val.items), size=min(crops, len(val.items)), replace=False))
    images, kinds = [val.images[i] for i in chosen], ["crop"] * len(chosen)
    for kind in KINDS:
        for k in range(per_kind):
            bg = val.images[chosen[k % len(chosen)]] if chosen else None
            img = synthetic(kind, size, rng, bg)
            if kind == "flat" and k == 0:
                img = np.full((size, size, 3), 128, np.uint8)
            images.append(img)
            kinds.append(kind)
    return np.stack(images), kinds
