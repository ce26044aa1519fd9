"""The fixed train/validation split, decided once and written to training/splits/.

Phone photos (cds): the dataset's own validation/ folder is our validation split.
Street photos (ccp): 20% chosen by a seeded hash of the file name.
Never train on a photo listed in a *_val.txt file. Run `python3 -m common.splits` once;
the files are committed, so re-running only checks that they still agree.
"""
import hashlib
import sys
from pathlib import Path
from typing import List, Tuple

from .paths import CCP, CDS, SPLITS

CCP_VAL_FRACTION = 0.2


def _cds(folder: str) -> List[str]:
    return sorted(str(p.relative_to(CDS)) for p in (CDS / folder).glob("*/*.jpg"))


def _ccp_is_val(name: str) -> bool:
    digest = hashlib.sha256(f"catalogue-search-split-v1:{name}".encode()).digest()
    return digest[0] / 256 < CCP_VAL_FRACTION


def compute() -> dict:
    ccp = sorted(p.name for p in (CCP / "photos").glob("*.jpg"))
    return {
        "cds_train": _cds("train"),
        "cds_val": _cds("validation"),
        "ccp_train": [n for n in ccp if not _ccp_is_val(n)],
        "ccp_val": [n for n in ccp if _ccp_is_val(n)],
    }


def load(name: str) -> List[str]:
    path = SPLITS / f"{name}.txt"
    assert path.exists(), f"{path} missing: run `python3 -m common.splits` from training/"
    return [l for l in path.read_text().splitlines() if l]


def main() -> int:
    SPLITS.mkdir(parents=True, exist_ok=True)
    for name, items in compute().items():
        path = SPLITS / f"{name}.txt"
        text = "\n".join(items) + "\n"
        if path.exists() and path.read_text() != text:
            print(f"{path} differs from the computed split; keeping the committed one", file=sys.stderr)
            continue
        path.write_text(text)
        print(f"{name}: {len(items)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
