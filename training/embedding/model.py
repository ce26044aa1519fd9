"""A small CNN that maps a "studio look" garment image to a unit vector.

Trained from scratch (no pretrained weights) by instance discrimination: the studio
rendering and the snapshot rendering of one photo must be nearer to each other than to
any other garment in the batch (train.py). Reads top to bottom: conv block, stage, the
network, then the size registry.
"""
from dataclasses import dataclass
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class EmbedConfig:
    widths: Tuple[int, ...] = (32, 64, 128, 256)  # stem width, then one stage per entry after it
    dim: int = 128  # embedding dimension
    input_size: int = 96  # working size (square); any size works, the network pools globally


class ConvBNReLU(nn.Sequential):
    def __init__(self, cin: int, cout: int, stride: int = 1):
        super().__init__(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Stage(nn.Sequential):
    """Halve the resolution, then one more conv at the new width."""

    def __init__(self, cin: int, cout: int):
        super().__init__(ConvBNReLU(cin, cout, stride=2), ConvBNReLU(cout, cout))


class GarmentEmbedder(nn.Module):
    def __init__(self, cfg: EmbedConfig):
        super().__init__()
        self.cfg = cfg
        w = cfg.widths
        self.stem = ConvBNReLU(3, w[0], stride=2)
        self.stages = nn.Sequential(*[Stage(a, b) for a, b in zip(w[:-1], w[1:])])
        # Average pooling says "how much of each colour/texture", max pooling "is there any";
        # both matter for telling two similar garments apart.
        self.head = nn.Linear(2 * w[-1], cfg.dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        assert x.dim() == 4 and x.shape[1] == 3, f"expected (N, 3, H, W) RGB, got {tuple(x.shape)}"
        f = self.stages(self.stem(x))  # (N, C, H/16, W/16)
        pooled = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)  # (N, 2C)
        return F.normalize(self.head(pooled), dim=1)  # (N, dim), unit norm in the graph


# Sizes as data; copy an entry before changing it.
SIZES = {
    "s": EmbedConfig(widths=(24, 48, 96, 192)),  # 0.70M parameters
    "m": EmbedConfig(widths=(32, 64, 128, 256)),  # 1.23M parameters
}


def build(size: str = "m", **overrides) -> GarmentEmbedder:
    assert size in SIZES, f"unknown size {size!r}: choose one of {sorted(SIZES)}"
    cfg = EmbedConfig(**{**SIZES[size].__dict__, **overrides})
    return GarmentEmbedder(cfg)
