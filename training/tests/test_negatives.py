"""Garment-free samples: labelled all background, deterministic per seed, never from validation."""
import numpy as np
import pytest

from common import splits
from segmentation import negatives
from segmentation.data import Cached, Sampler
from segmentation.negatives import KINDS, Crops, NegativeSource, background_crop, largest_clear_square, synthetic


def photos(n: int, size: int, garment: int = 1) -> Cached:
    rng = np.random.default_rng(1)
    images = rng.integers(0, 255, (n, size, size, 3), dtype=np.uint8)
    return Cached(images, np.full((n, size, size), garment, np.uint8), [str(i) for i in range(n)])


def source(synthetic_share: float = 0.5) -> NegativeSource:
    return NegativeSource(Crops(photos(8, 40).images, [str(i) for i in range(8)]), synthetic_share)


def sampler(seed: int, fraction: float) -> Sampler:
    return Sampler([photos(8, 40), photos(8, 40)], [0.6, 0.4], 32, seed, negatives=source(), negative_fraction=fraction)


def test_largest_clear_square_avoids_the_garment_and_the_frame():
    garment = np.zeros((16, 16), bool)
    garment[4:, 4:] = True
    y, x, side = largest_clear_square(garment)
    assert side >= 3 and not garment[y:y + side, x:x + side].any()
    assert 0 <= y and 0 <= x and y + side <= 16 and x + side <= 16
    assert largest_clear_square(np.ones((8, 8), bool))[2] == 0
    assert largest_clear_square(np.zeros((8, 8), bool))[2] == 7  # odd sides only: a square centred on a cell


def test_background_crop_is_garment_free_on_the_full_resolution_mask():
    rng = np.random.default_rng(0)
    rgb = rng.integers(0, 255, (533, 400, 3), dtype=np.uint8)
    mask = np.zeros((533, 400), np.uint8)
    mask[100:450, 120:330] = 1
    mask[20, 390] = 1  # a single stray garment pixel: stretched cells must still see it
    img, (top, left, bottom, right) = background_crop(rgb, mask, 64)
    assert img.shape == (64, 64, 3)
    assert not mask[top:bottom, left:right].any()
    assert background_crop(rgb, np.ones_like(mask), 64) is None  # all garment: nothing to take


@pytest.mark.parametrize("kind", KINDS)
def test_synthetic_images_are_deterministic_per_seed(kind):
    bg = np.full((40, 40, 3), 90, np.uint8)
    a = synthetic(kind, 32, np.random.default_rng(3), bg)
    b = synthetic(kind, 32, np.random.default_rng(3), bg)
    assert a.shape == (32, 32, 3) and a.dtype == np.uint8
    assert np.array_equal(a, b)


def test_negative_samples_are_labelled_all_background():
    x, y = sampler(0, 1.0).batch(16)  # the photos' masks are all garment, so any 1 would come from a photo
    assert x.shape == (16, 3, 32, 32) and y.shape == (16, 32, 32)
    assert int(y.sum()) == 0


def test_fraction_of_each_batch_is_garment_free():
    s = sampler(0, 0.25)
    empty = [int(m.sum()) == 0 for _ in range(100) for m in s.batch(8)[1]]
    assert 0.18 < np.mean(empty) < 0.32


def test_batches_are_deterministic_per_seed():
    a, b, c = sampler(5, 0.5).batch(8), sampler(5, 0.5).batch(8), sampler(6, 0.5).batch(8)
    assert all(np.array_equal(u.numpy(), v.numpy()) for u, v in zip(a, b))
    assert not np.array_equal(a[0].numpy(), c[0].numpy())


def test_without_negatives_the_random_stream_is_unchanged():
    # earlier legs' samplers, reproduced by this code, see exactly the batches they saw
    plain = Sampler([photos(8, 40), photos(8, 40)], [0.6, 0.4], 32, 7)
    off = Sampler([photos(8, 40), photos(8, 40)], [0.6, 0.4], 32, 7, negatives=source(), negative_fraction=0.0)
    for _ in range(3):
        assert all(np.array_equal(u.numpy(), v.numpy()) for u, v in zip(plain.batch(4), off.batch(4)))


def test_the_committed_splits_keep_validation_photos_out_of_training():
    assert not set(splits.load("cds_train")) & set(splits.load("cds_val"))


def fake_photo(source, item):
    mask = np.zeros((64, 48), np.uint8)
    mask[20:50, 10:40] = 1
    return np.full((64, 48, 3), 100, np.uint8), mask


def test_training_crops_refuse_a_validation_photo(monkeypatch, tmp_path):
    monkeypatch.setattr(negatives, "CACHE", tmp_path)
    monkeypatch.setattr(negatives, "photo_and_mask", fake_photo)
    val = splits.load("cds_val")[0]
    monkeypatch.setattr(negatives, "items_for", lambda split: [("cds", "train/a.jpg"), ("cds", val)])
    with pytest.raises(AssertionError, match="validation photos"):
        negatives.load_crops("cds_train", 32)


def test_training_crops_come_from_the_listed_photos_only_and_are_cached(monkeypatch, tmp_path):
    read = []
    monkeypatch.setattr(negatives, "CACHE", tmp_path)
    monkeypatch.setattr(negatives, "photo_and_mask", lambda s, i: read.append(i) or fake_photo(s, i))
    monkeypatch.setattr(negatives, "items_for", lambda split: [("cds", "train/a.jpg"), ("cds", "train/b.jpg")])
    crops = negatives.load_crops("cds_train", 32)
    assert read == ["train/a.jpg", "train/b.jpg"]
    assert [i.split("@")[0] for i in crops.items] == read
    again = negatives.load_crops("cds_train", 32)  # from the cache: no photo read again
    assert read == ["train/a.jpg", "train/b.jpg"] and again.items == crops.items


def test_the_evaluation_set_is_fixed_and_built_from_validation_photos(monkeypatch):
    asked = []

    def fake_crops(split, size):
        asked.append(split)
        return Crops(np.random.default_rng(0).integers(0, 255, (20, size, size, 3), dtype=np.uint8),
                     [f"validation/x/{i}.jpg@0,0,1,1" for i in range(20)])

    monkeypatch.setattr(negatives, "load_crops", fake_crops)
    a, kinds = negatives.evaluation_set(32, crops=6, per_kind=2)
    b, _ = negatives.evaluation_set(32, crops=6, per_kind=2)
    assert set(asked) == {"cds_val"}
    assert np.array_equal(a, b) and len(kinds) == 6 + 2 * len(KINDS)
    assert (a[kinds.index("flat")] == 128).all()  # the flat grey image the defect was first seen on


def test_dice_leaves_garment_free_images_to_cross_entropy():
    import torch
    from segmentation.train import TrainConfig, segmentation_loss

    logits = torch.randn(2, 2, 8, 8)
    y = torch.zeros(2, 8, 8, dtype=torch.long)
    y[0, 2:6, 2:6] = 1  # the second image is garment-free
    cfg = TrainConfig(loss="ce_dice", negatives=0.1)
    only_first = segmentation_loss(logits[:1], y[:1], cfg) - torch.nn.functional.cross_entropy(logits[:1], y[:1])
    both = segmentation_loss(logits, y, cfg) - torch.nn.functional.cross_entropy(logits, y)
    assert torch.allclose(only_first, both)
    old = TrainConfig(loss="ce_dice")  # without negatives: Dice over every image, as before
    assert not torch.allclose(segmentation_loss(logits, y, old), segmentation_loss(logits, y, cfg))
