"""Renderings for the embedding model: the two views of one garment.

- studio view: the garment cut out with its reference mask onto white, cropped to the
  mask's box, padded to a square with a white margin, a mild white-balance/brightness
  change: what a retailer's catalogue image looks like after the server's crop stage.
- snapshot view: the photo as a warehouse phone takes it (light, colour cast, rotation,
  crop, blur, noise, JPEG), then cut out with a *perturbed* mask, because at query time the
  mask comes from our segmentation model, not from a person; with some probability the
  whole photo with its background (the server's removeBackground=false path); and, when
  the shipped segmenter's masks of the training photos are loaded (`load_segmenter_masks`,
  made by scripts/segment-training-photos.ts through the server's own stages), with some
  probability cut out with the segmenter's own mask: the errors it will be served.

Photos are cached once at a small size (long side CACHE_SIZE, aspect kept, top-left of a
square canvas) so rendering a batch costs milliseconds.
"""
from dataclasses import dataclass, replace
from pathlib import Path
from typing import List, Optional, Tuple

import cv2
import numpy as np
import torch

from common.paths import CACHE
from segmentation.data import items_for, photo_and_mask

CACHE_SIZE = 192
MARGIN = 0.08  # margin on each side of the garment box, fraction of its longer side (crop.ts)
MEAN, STD = 0.5, 0.5  # per channel, after scaling to [0, 1]; written to the manifest


# --- the crop stage, as the server does it -------------------------------------------

def mask_box(mask: np.ndarray) -> Tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the mask's nonzero pixels, the whole image when empty."""
    ys, xs = np.nonzero(mask)
    if len(xs) == 0:
        return 0, 0, mask.shape[1], mask.shape[0]
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def studio_crop(rgb: np.ndarray, mask: np.ndarray, size: int, margin: float = MARGIN,
                feather: float = 3 / 533) -> np.ndarray:
    """src/vision/crop.ts's cropGarment, then the embedder's resize to size x size.

    The box plus `margin` x its longer side on each side (clamped to the photo), the mask
    box-blurred into an alpha (radius `feather` x the photo's longer side: 3 px at 533 px),
    composed onto white and centred in a white square.
    """
    h, w = mask.shape
    x0, y0, x1, y1 = mask_box(mask)
    m = int(round(margin * max(x1 - x0, y1 - y0)))
    x0, y0, x1, y1 = max(0, x0 - m), max(0, y0 - m), min(w, x1 + m), min(h, y1 + m)
    r = max(1, int(round(feather * max(h, w))))
    alpha = cv2.blur(mask[y0:y1, x0:x1].astype(np.float32), (2 * r + 1, 2 * r + 1), borderType=cv2.BORDER_REPLICATE)
    box = 255 + (rgb[y0:y1, x0:x1].astype(np.float32) - 255) * alpha[..., None]
    side = max(box.shape[0], box.shape[1])
    canvas = np.full((side, side, 3), 255, np.uint8)
    oy, ox = (side - box.shape[0]) // 2, (side - box.shape[1]) // 2
    canvas[oy:oy + box.shape[0], ox:ox + box.shape[1]] = np.clip(box, 0, 255).astype(np.uint8)
    interp = cv2.INTER_AREA if side > size else cv2.INTER_LINEAR
    return cv2.resize(canvas, (size, size), interpolation=interp)


def white_balance(rgb: np.ndarray, rng: np.random.Generator, amount: float) -> np.ndarray:
    """Per-channel gain and overall brightness, each within ±amount."""
    gain = (1 + rng.uniform(-amount, amount, 3)) * (1 + rng.uniform(-amount, amount))
    return np.clip(rgb.astype(np.float32) * gain, 0, 255).astype(np.uint8)


# --- the cached photos ---------------------------------------------------------------

@dataclass
class Photos:
    images: np.ndarray  # (N, S, S, 3) uint8 RGB, photo at the top-left, long side S
    masks: np.ndarray  # (N, S, S) uint8 0/1
    hw: np.ndarray  # (N, 2) height and width of the photo inside the canvas
    items: List[str]
    seg: Optional[np.ndarray] = None  # (N, S, S) uint8 0/1: the shipped segmenter's masks, when loaded
    has_seg: Optional[np.ndarray] = None  # (N,) bool: which photos have one (all, once segmenting is done)

    def get(self, i: int) -> Tuple[np.ndarray, np.ndarray]:
        h, w = self.hw[i]
        return self.images[i, :h, :w], self.masks[i, :h, :w]

    def get_seg(self, i: int) -> Optional[np.ndarray]:
        h, w = self.hw[i]
        return None if self.seg is None or (self.has_seg is not None and not self.has_seg[i]) else self.seg[i, :h, :w]


def load_photos(split: str, size: int = CACHE_SIZE) -> Photos:
    """Every usable photo of a split; rows already in the cache are reused, new ones read."""
    pairs = items_for(split)
    path = CACHE / f"embed-{split}-{size}.npz"
    names = [i for _, i in pairs]
    old = {}
    if path.exists():
        z = np.load(path, allow_pickle=False)
        cached = Photos(z["images"], z["masks"], z["hw"], list(z["items"]))
        if cached.items == names:
            return cached
        old = {name: k for k, name in enumerate(cached.items)}
    images = np.full((len(pairs), size, size, 3), 255, np.uint8)
    masks = np.zeros((len(pairs), size, size), np.uint8)
    hw = np.zeros((len(pairs), 2), np.int64)
    for k, (source, item) in enumerate(pairs):
        if item in old:
            j = old[item]
            images[k], masks[k], hw[k] = cached.images[j], cached.masks[j], cached.hw[j]
            continue
        rgb, mask = photo_and_mask(source, item)
        s = size / max(rgb.shape[:2])
        h, w = max(1, round(rgb.shape[0] * s)), max(1, round(rgb.shape[1] * s))
        images[k, :h, :w] = cv2.resize(rgb, (w, h), interpolation=cv2.INTER_AREA)
        masks[k, :h, :w] = cv2.resize(mask * 255, (w, h), interpolation=cv2.INTER_AREA) >= 128
        hw[k] = h, w
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, images=images, masks=masks, hw=hw, items=np.array(names))
    return Photos(images, masks, hw, names)


def load_segmenter_masks(photos: Photos, folder: Path, allow_missing: bool = False) -> Photos:
    """`photos` with the segmenter's masks from `folder` (<photo>.png, 255 garment), scaled
    like the reference masks; cached beside the photos, per folder (one folder per model),
    once complete. allow_missing: photos not segmented yet get no mask (has_seg False)."""
    size = photos.images.shape[1]
    path = CACHE / f"embed-{folder.name}-{size}.npz"
    if path.exists():
        z = np.load(path, allow_pickle=False)
        if list(z["items"]) == photos.items:
            return replace(photos, seg=z["seg"], has_seg=np.ones(len(photos.items), bool))
    seg = np.zeros_like(photos.masks)
    has = np.zeros(len(photos.items), bool)
    for k, item in enumerate(photos.items):
        file = folder / (item.rsplit(".", 1)[0] + ".png")
        m = cv2.imread(str(file), cv2.IMREAD_GRAYSCALE) if file.exists() else None  # no OpenCV warning per missing file
        assert m is not None or allow_missing, f"no segmenter mask for {item} in {folder}: run scripts/segment-training-photos.ts"
        if m is not None:
            h, w = photos.hw[k]
            seg[k, :h, :w] = cv2.resize(m, (int(w), int(h)), interpolation=cv2.INTER_AREA) >= 128
            has[k] = True
    if has.all():
        np.savez(path, seg=seg, items=np.array(photos.items))
    return replace(photos, seg=seg, has_seg=has)


# --- the two views ---------------------------------------------------------------------

def studio_view(rgb: np.ndarray, mask: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    return studio_crop(white_balance(rgb, rng, 0.08), mask, size)


def warehouse_photo(rgb: np.ndarray, mask: np.ndarray, rng: np.random.Generator, seg: Optional[np.ndarray] = None):
    """The photo as a phone in the warehouse takes it; the mask (and `seg`, when given: the
    segmenter's mask) follows the geometry. Returns (rgb, mask) or (rgb, mask, seg)."""
    h, w = mask.shape
    # Rotation/angle and a little zoom about a point near the centre.
    angle, scale = rng.uniform(-12, 12), rng.uniform(0.9, 1.1)
    centre = (w / 2 + rng.uniform(-0.05, 0.05) * w, h / 2 + rng.uniform(-0.05, 0.05) * h)
    m = cv2.getRotationMatrix2D(centre, angle, scale)
    rgb = cv2.warpAffine(rgb, m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    mask = cv2.warpAffine(mask, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    if seg is not None:
        seg = cv2.warpAffine(seg, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    # A crop of 70-100% of the area that mostly keeps the garment's box.
    x0, y0, x1, y1 = mask_box(mask)
    frac = np.sqrt(rng.uniform(0.7, 1.0))
    cw, ch = max(x1 - x0, int(w * frac)), max(y1 - y0, int(h * frac))
    cw, ch = min(cw, w), min(ch, h)
    cx = rng.integers(max(0, x1 - cw), min(x0, w - cw) + 1) if min(x0, w - cw) >= max(0, x1 - cw) else 0
    cy = rng.integers(max(0, y1 - ch), min(y0, h - ch) + 1) if min(y0, h - ch) >= max(0, y1 - ch) else 0
    rgb, mask = rgb[cy:cy + ch, cx:cx + cw], mask[cy:cy + ch, cx:cx + cw]
    seg = None if seg is None else seg[cy:cy + ch, cx:cx + cw]
    # Light: brightness, contrast, colour cast, gamma.
    x = rgb.astype(np.float32) / 255
    x = (x - 0.5) * rng.uniform(0.75, 1.25) + 0.5 + rng.uniform(-0.2, 0.2)
    x = x * (1 + rng.uniform(-0.1, 0.1, 3))
    x = np.clip(x, 0, 1) ** rng.uniform(0.8, 1.25)
    # Creases, focus and sensor: blur and noise.
    if rng.random() < 0.4:
        x = cv2.GaussianBlur(x, (0, 0), rng.uniform(0.4, 1.2))
    if rng.random() < 0.5:
        x = x + rng.normal(0, rng.uniform(0.005, 0.03), x.shape).astype(np.float32)
    rgb = (np.clip(x, 0, 1) * 255).astype(np.uint8)
    ok, jpg = cv2.imencode(".jpg", rgb, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 95))])
    rgb = cv2.imdecode(jpg, cv2.IMREAD_UNCHANGED)
    return (rgb, mask) if seg is None else (rgb, mask, seg)


def perturb_mask(mask: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A segmentation model's kind of error: a too-tight or too-loose edge, and blotches."""
    side = max(mask.shape)
    r = int(rng.integers(-side // 40, side // 40 + 1))
    if r != 0:
        k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * abs(r) + 1, 2 * abs(r) + 1))
        mask = cv2.dilate(mask, k) if r > 0 else cv2.erode(mask, k)
    mask = mask.copy()
    x0, y0, x1, y1 = mask_box(mask)
    for _ in range(int(rng.integers(0, 4))):
        centre = (int(rng.integers(x0, max(x0 + 1, x1))), int(rng.integers(y0, max(y0 + 1, y1))))
        axes = tuple(int(a) for a in rng.uniform(0.03, 0.12, 2) * side)
        cv2.ellipse(mask, centre, axes, float(rng.uniform(0, 180)), 0, 360, int(rng.random() < 0.5), -1)
    return mask if mask.any() else np.ones_like(mask)


def snapshot_view(rgb: np.ndarray, mask: np.ndarray, size: int, rng: np.random.Generator,
                  p_whole: float = 0.25, seg: Optional[np.ndarray] = None, p_seg: float = 0.0) -> np.ndarray:
    """The whole photo with p_whole, the segmenter's mask (when given) with p_seg, else the
    reference mask perturbed."""
    if seg is None:
        rgb, mask = warehouse_photo(rgb, mask, rng)
    else:
        rgb, mask, seg = warehouse_photo(rgb, mask, rng, seg)
    u = rng.random()
    if u < p_whole:
        return studio_crop(rgb, np.ones_like(mask), size)  # the whole photo, background and all
    if seg is not None and u < p_whole + p_seg:
        # An empty mask is what the server answers with the whole photo (crop.ts, garmentFound false).
        return studio_crop(rgb, seg if seg.any() else np.ones_like(seg), size)
    return studio_crop(rgb, perturb_mask(mask, rng), size)


def to_tensor(batch: np.ndarray) -> torch.Tensor:
    """(N, H, W, 3) uint8 RGB -> (N, 3, H, W) float32, normalised as the manifest says."""
    x = (batch.astype(np.float32) / 255.0 - MEAN) / STD
    return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))


def pair_batch(photos: Photos, idx: np.ndarray, size: int, rng: np.random.Generator,
               p_whole: float = 0.25, p_seg: float = 0.0) -> Tuple[torch.Tensor, torch.Tensor]:
    studio, snap = [], []
    for i in idx:
        rgb, mask = photos.get(int(i))
        seg = photos.get_seg(int(i))
        if rng.random() < 0.5:  # a mirrored garment is just another garment: both views flip
            rgb, mask = rgb[:, ::-1].copy(), mask[:, ::-1].copy()
            seg = None if seg is None else seg[:, ::-1].copy()
        studio.append(studio_view(rgb, mask, size, rng))
        snap.append(snapshot_view(rgb, mask, size, rng, p_whole, seg, p_seg))
    return to_tensor(np.stack(studio)), to_tensor(np.stack(snap))
