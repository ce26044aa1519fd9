"""The campaign's memory: weights survive fp16 and ONNX round trips; legs are rewritten in place."""
import torch

from segmentation import ledger
from segmentation.model import Tiramisu, config_for

TINY = dict(down_layers=[2, 2], bottleneck_layers=2, growth_rate=4, first_channels=8, dropout=0.0)


def test_weights_round_trip_in_fp16(tmp_path):
    model = Tiramisu(config_for("fcd56", **TINY)).eval()
    path = tmp_path / "w.pt"
    ledger.save_weights(model, path, meta={"leg": 3})
    back = ledger.load_weights(path).eval()
    assert back.cfg == model.cfg
    x = torch.randn(1, 3, 16, 16)
    with torch.no_grad():
        assert torch.allclose(model(x), back(x), atol=2e-2)
    assert not list(tmp_path.glob("*.tmp")), "written atomically, no temporary left"


def test_weights_recovered_from_an_exported_onnx_file(tmp_path):
    model = Tiramisu(config_for("fcd56", **TINY)).eval()
    with torch.no_grad():
        # Trained-like values: the exporter merges initialisers with equal values (as fresh BN
        # weights are), which a trained model never has; BN statistics must come back too.
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-1, 1), m.running_var.uniform_(0.5, 2)
                m.weight.uniform_(0.5, 1.5), m.bias.uniform_(-0.5, 0.5)
    onnx_path = tmp_path / "m.onnx"
    torch.onnx.export(model, torch.zeros(1, 3, 16, 16), str(onnx_path), opset_version=17, do_constant_folding=True)
    back = ledger.from_onnx(onnx_path, model.cfg).eval()
    x = torch.randn(2, 3, 16, 16)
    with torch.no_grad():
        assert torch.allclose(model(x), back(x), atol=1e-5)


def test_legs_are_inserted_and_replaced_by_id(tmp_path):
    path = tmp_path / "legs.jsonl"
    ledger.write_leg({"id": 1, "samples": 10, "best": None}, path)
    ledger.write_leg({"id": 2, "samples": 5, "best": {"score": 0.7}}, path)
    ledger.write_leg({"id": 1, "samples": 20, "best": {"score": 0.6}}, path)
    legs = ledger.read_legs(path)
    assert [(l["id"], l["samples"]) for l in legs] == [(1, 20), (2, 5)]
    assert ledger.best_so_far(legs) == {"score": 0.7}
