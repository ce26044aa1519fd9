"""The Tiramisu family: sizes as in the paper, shapes preserved, no NaNs."""
import pytest
import torch

from segmentation.model import SIZES, Tiramisu, config_for, count_parameters

# Jégou et al. 2017, Table 2, in millions. The paper's Lasagne code counts BatchNorm's
# running mean and variance as parameters too, so we count them the same way here.
PAPER_MILLIONS = {"fcd56": 1.5, "fcd67": 3.5, "fcd103": 9.4}


def paper_count(model: torch.nn.Module) -> int:
    stats = sum(b.numel() for n, b in model.named_buffers() if "running_" in n)
    return count_parameters(model) + stats


@pytest.mark.parametrize("size", sorted(SIZES))
def test_parameter_count_matches_the_paper(size):
    millions = paper_count(Tiramisu(config_for(size))) / 1e6
    # FC-DenseNet56 comes to 1.40M by the paper's own layer recipe (its table says 1.5M);
    # 67 and 103 agree to the paper's precision.
    tolerance = 0.11 if size == "fcd56" else 0.05
    assert abs(millions - PAPER_MILLIONS[size]) <= tolerance, f"{size}: {millions:.3f}M"


@pytest.mark.parametrize("size", sorted(SIZES))
def test_output_shape_equals_input_shape(size):
    model = Tiramisu(config_for(size)).eval()
    x = torch.randn(1, 3, 64, 96)
    with torch.no_grad():
        y = model(x)
    assert y.shape == (1, 2, 64, 96)
    assert torch.isfinite(y).all()


def test_configurable_layout_and_growth():
    cfg = config_for("fcd56", down_layers=[2, 2, 2], bottleneck_layers=2, growth_rate=8)
    model = Tiramisu(cfg).eval()
    assert cfg.downsampling == 8
    with torch.no_grad():
        assert model(torch.randn(2, 3, 24, 40)).shape == (2, 2, 24, 40)


def test_input_not_a_multiple_names_the_padded_shape():
    model = Tiramisu(config_for("fcd56")).eval()
    with pytest.raises(AssertionError, match="64x96"):
        model(torch.randn(1, 3, 50, 90))
