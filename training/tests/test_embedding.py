"""The embedding model and its renderings: shapes, unit norm, no NaNs, the loss's optimum.

Run from the repo root (`/usr/bin/python3 -m pytest training/tests -q`) or from training/.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # training/, for `import embedding`

import numpy as np
import pytest
import torch

from embedding.data import mask_box, pair_batch, Photos, snapshot_view, studio_crop, studio_view
from embedding.model import SIZES, build
from embedding.train import nt_xent

torch.set_num_threads(2)


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("px", [64, 96, 128])
def test_output_is_unit_vectors_of_dim(size, px):
    model = build(size).eval()
    with torch.no_grad():
        z = model(torch.randn(3, 3, px, px))
    assert z.shape == (3, SIZES[size].dim)
    assert torch.isfinite(z).all()
    assert torch.allclose(z.norm(dim=1), torch.ones(3), atol=1e-5)


def test_white_image_gives_finite_embedding():
    model = build("m").eval()
    with torch.no_grad():
        z = model(torch.ones(1, 3, 96, 96))  # an all-white crop (normalised white is 1.0)
    assert torch.isfinite(z).all()


def test_rejects_wrong_channels():
    with pytest.raises(AssertionError, match=r"\(N, 3, H, W\)"):
        build("s")(torch.zeros(1, 1, 64, 64))


def test_nt_xent_prefers_matching_pairs():
    a = torch.nn.functional.normalize(torch.randn(8, 16), dim=1)
    matched = nt_xent(a, a.clone(), 0.1)
    shuffled = nt_xent(a, a[torch.randperm(8)], 0.1)
    assert matched < shuffled


def _toy_photo(h=120, w=90):
    rgb = np.full((h, w, 3), (40, 120, 40), np.uint8)  # green "floor"
    mask = np.zeros((h, w), np.uint8)
    mask[20:100, 25:70] = 1
    rgb[mask > 0] = (200, 30, 30)  # a red garment
    return rgb, mask


def test_studio_crop_is_square_white_around_the_garment():
    rgb, mask = _toy_photo()
    out = studio_crop(rgb, mask, 64)
    assert out.shape == (64, 64, 3)
    assert (out[0, 0] == 255).all() and (out[-1, -1] == 255).all()  # white corners
    assert tuple(out[32, 32]) == (200, 30, 30)  # garment in the middle
    assert not ((out[..., 1] > 100) & (out[..., 0] < 100)).any()  # no green floor left


def test_views_have_the_model_size():
    rgb, mask = _toy_photo()
    rng = np.random.default_rng(0)
    assert studio_view(rgb, mask, 96, rng).shape == (96, 96, 3)
    for p_whole in (0.0, 1.0):
        assert snapshot_view(rgb, mask, 96, rng, p_whole).shape == (96, 96, 3)
    assert mask_box(np.zeros((5, 5), np.uint8)) == (0, 0, 5, 5)


def test_pair_batch_shapes():
    rgb, mask = _toy_photo(96, 96)
    photos = Photos(np.stack([rgb, rgb]), np.stack([mask, mask]), np.array([[96, 96], [90, 80]]), ["a", "b"])
    s, q = pair_batch(photos, np.array([0, 1]), 64, np.random.default_rng(0))
    assert s.shape == q.shape == (2, 3, 64, 64)
    assert s.min() >= -1 and s.max() <= 1


def test_snapshot_view_with_the_segmenters_mask():
    rgb, mask = _toy_photo()
    seg = np.zeros_like(mask)
    seg[30:90, 30:60] = 1  # a too-tight segmentation
    rng = np.random.default_rng(0)
    assert snapshot_view(rgb, mask, 64, rng, 0.0, seg, 1.0).shape == (64, 64, 3)
    # An empty segmentation is embedded as the whole photo, as the server's crop does.
    whole = snapshot_view(rgb, mask, 64, np.random.default_rng(1), 1.0)
    empty = snapshot_view(rgb, mask, 64, np.random.default_rng(1), 0.0, np.zeros_like(mask), 1.0)
    assert np.array_equal(whole, empty)


def test_pair_batch_with_segmenter_masks():
    rgb, mask = _toy_photo(96, 96)
    photos = Photos(np.stack([rgb, rgb]), np.stack([mask, mask]), np.array([[96, 96], [90, 80]]), ["a", "b"],
                    np.stack([mask, mask]))
    s, q = pair_batch(photos, np.array([0, 1]), 64, np.random.default_rng(0), 0.2, 0.5)
    assert s.shape == q.shape == (2, 3, 64, 64)


def test_weights_recovered_from_onnx_give_the_same_embeddings(tmp_path):
    from common.onnx_export import export
    from embedding.weights import from_onnx, load_weights, save_weights

    torch.manual_seed(0)
    model = build("s")
    model.train()
    with torch.no_grad():  # a few batches give the BatchNorms non-trivial statistics
        for _ in range(3):
            model(torch.randn(8, 3, 64, 64) * 2 + 0.3)
    model.eval()
    export(model, torch.zeros(1, 3, 96, 96), tmp_path / "e.onnx", "image", "embedding", {"image": {0: "batch"}})
    x = torch.randn(4, 3, 96, 96)
    back = from_onnx(tmp_path / "e.onnx", x, "s").eval()
    with torch.no_grad():
        assert (back(x) - model(x)).abs().max() < 1e-4
        save_weights(back, tmp_path / "w.pt")
        assert (load_weights(tmp_path / "w.pt").eval()(x) - model(x)).abs().max() < 5e-3  # fp16 on disk
