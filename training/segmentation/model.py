"""FC-DenseNet ("Tiramisu"), Jégou et al. 2017, "The One Hundred Layers Tiramisu".

Reads top to bottom: the small blocks first, then the network that zips them together.
Sizes of the family are data (SIZES below); the parameter counts in the comments are the
paper's Table 2 figures and are checked by tests/test_model.py.
"""
from dataclasses import dataclass, field, replace
from typing import List

import torch
import torch.nn as nn


@dataclass
class TiramisuConfig:
    down_layers: List[int] = field(default_factory=lambda: [4, 5, 7, 10, 12])
    bottleneck_layers: int = 15
    growth_rate: int = 16
    first_channels: int = 48
    n_classes: int = 2
    dropout: float = 0.2

    @property
    def up_layers(self) -> List[int]:
        return list(reversed(self.down_layers))

    @property
    def downsampling(self) -> int:
        """Input height and width must be a multiple of this."""
        return 2 ** len(self.down_layers)


SIZES = {
    "fcd56": TiramisuConfig([4] * 5, 4, 12),  # 1.5M parameters
    "fcd67": TiramisuConfig([5] * 5, 5, 16),  # 3.5M parameters
    "fcd103": TiramisuConfig([4, 5, 7, 10, 12], 15, 16),  # 9.4M parameters (the seed's)
}


def config_for(size: str, **overrides) -> TiramisuConfig:
    assert size in SIZES, f"unknown size {size!r}: choose one of {sorted(SIZES)}"
    return replace(SIZES[size], **overrides)


class DenseLayer(nn.Sequential):
    """BN, ReLU, 3x3 conv to `growth` channels, dropout."""

    def __init__(self, in_channels: int, growth: int, dropout: float):
        super().__init__(
            nn.BatchNorm2d(in_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(in_channels, growth, 3, padding=1, bias=True),
            nn.Dropout2d(dropout),
        )


class DenseBlock(nn.Module):
    """Each layer sees the concatenation of the block input and all earlier layers.

    Returns the input concatenated with the new features, or only the new features
    (`new_only`, used before upsampling so the up path does not explode in width).
    """

    def __init__(self, in_channels: int, n_layers: int, growth: int, dropout: float, new_only: bool):
        super().__init__()
        self.new_only = new_only
        self.layers = nn.ModuleList(
            DenseLayer(in_channels + i * growth, growth, dropout) for i in range(n_layers)
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        new = []
        for layer in self.layers:
            out = layer(x)  # (B, growth, H, W)
            x = torch.cat([x, out], 1)
            new.append(out)
        return torch.cat(new, 1) if self.new_only else x


class TransitionDown(nn.Sequential):
    """BN, ReLU, 1x1 conv, dropout, 2x2 max pool: halves H and W, keeps channels."""

    def __init__(self, channels: int, dropout: float):
        super().__init__(
            nn.BatchNorm2d(channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(channels, channels, 1, bias=True),
            nn.Dropout2d(dropout),
            nn.MaxPool2d(2),
        )


class TransitionUp(nn.Module):
    """3x3 transposed conv, stride 2, then concatenation with the skip connection.

    padding=1 with output_padding=1 doubles H and W exactly, so no crop is needed and the
    ONNX graph stays simple for any input that is a multiple of the downsampling factor.
    """

    def __init__(self, channels: int):
        super().__init__()
        self.up = nn.ConvTranspose2d(channels, channels, 3, stride=2, padding=1, output_padding=1)

    def forward(self, x: torch.Tensor, skip: torch.Tensor) -> torch.Tensor:
        return torch.cat([self.up(x), skip], 1)


class Tiramisu(nn.Module):
    def __init__(self, cfg: TiramisuConfig):
        super().__init__()
        self.cfg = cfg
        g, p = cfg.growth_rate, cfg.dropout
        self.first = nn.Conv2d(3, cfg.first_channels, 3, padding=1, bias=True)

        channels, skips = cfg.first_channels, []
        self.down_blocks, self.trans_down = nn.ModuleList(), nn.ModuleList()
        for n in cfg.down_layers:
            self.down_blocks.append(DenseBlock(channels, n, g, p, new_only=False))
            channels += n * g
            skips.append(channels)
            self.trans_down.append(TransitionDown(channels, p))

        self.bottleneck = DenseBlock(channels, cfg.bottleneck_layers, g, p, new_only=True)
        prev_new = cfg.bottleneck_layers * g

        self.trans_up, self.up_blocks = nn.ModuleList(), nn.ModuleList()
        for i, (n, skip) in enumerate(zip(cfg.up_layers, reversed(skips))):
            last = i == len(cfg.up_layers) - 1
            self.trans_up.append(TransitionUp(prev_new))
            self.up_blocks.append(DenseBlock(prev_new + skip, n, g, p, new_only=not last))
            channels = prev_new + skip + n * g  # the last block's output width
            prev_new = n * g

        self.classify = nn.Conv2d(channels, cfg.n_classes, 1, bias=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, C, H, W = x.shape
        k = self.cfg.downsampling
        assert H % k == 0 and W % k == 0, (
            f"input {H}x{W} must be a multiple of {k}: pad or resize to "
            f"{-(-H // k) * k}x{-(-W // k) * k}"
        )
        x = self.first(x)  # (B, 48, H, W)
        skips = []
        for block, down in zip(self.down_blocks, self.trans_down):
            x = block(x)
            skips.append(x)
            x = down(x)
        x = self.bottleneck(x)  # (B, 15*g, H/32, W/32): new features only
        for up, block, skip in zip(self.trans_up, self.up_blocks, reversed(skips)):
            x = block(up(x, skip))
        return self.classify(x)  # (B, n_classes, H, W) logits


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
