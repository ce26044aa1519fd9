import sys
from pathlib import Path

# Run as `cd training && python3 -m pytest tests`; this also makes a run from the repo root work.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
