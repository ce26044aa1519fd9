"""The training cache is rebuilt when a phone label changes after it was written."""
import os

from segmentation import data


def test_labels_newer_than(tmp_path, monkeypatch):
    mask = tmp_path / "m.png"
    mask.write_bytes(b"x")
    monkeypatch.setattr(data, "mask_path", lambda item: mask)
    os.utime(mask, (1000, 1000))
    pairs = [("cds", "train/a.jpg"), ("ccp", "0001.jpg")]
    assert not data.labels_newer_than(pairs, 2000)
    os.utime(mask, (3000, 3000))
    assert data.labels_newer_than(pairs, 2000)
    assert not data.labels_newer_than([("ccp", "0001.jpg")], 2000)  # street labels are not built
