#!/usr/bin/env bash
# One-time setup for training: PyTorch and friends from Debian's packages (PyPI is not
# reachable here). They are visible to /usr/bin/python3 only.
set -euo pipefail
apt-get update
apt-get install -y python3-torch python3-torchvision python3-onnx python3-opencv \
  python3-scipy python3-pil python3-pytest python3-matplotlib
/usr/bin/python3 -c "import torch, cv2, onnx; print('torch', torch.__version__, 'opencv', cv2.__version__, 'onnx', onnx.__version__)"
