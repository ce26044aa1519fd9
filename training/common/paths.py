"""Where the data lives. The datasets are read from ../shared/datasets (never copied)."""
import os
from pathlib import Path

TRAINING = Path(__file__).resolve().parents[1]
REPO = TRAINING.parent
DATASETS = Path(os.environ.get("CATALOGUE_DATASETS", REPO.parent / "shared" / "datasets")).resolve()
CDS = DATASETS / "cds"
CCP = DATASETS / "ccp"
SPLITS = TRAINING / "splits"
LABELS = TRAINING / "labels"  # review decisions (committed) and masks (regenerated, ignored)
MASKS = LABELS / "masks"
CACHE = TRAINING / "cache"
RUNS = TRAINING / "runs"
MODELS = REPO / "models"
