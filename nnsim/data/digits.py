"""The 8x8 handwritten digits (1,797 images, 10 classes) bundled in ``resources/data``.

Source: the test set of the UCI "Optical Recognition of Handwritten Digits" data (E. Alpaydin and
C. Kaynak, 1998) as redistributed by scikit-learn; see ``resources/data/LICENSE-digits.txt``.
The file is 1,797 lines of 65 integers: 64 pixel counts in 0..16 (row-major 8x8), then the digit.
"""

from __future__ import annotations

import gzip
from functools import lru_cache

import numpy as np

from nnsim.data.dataset import DataError, Dataset, majority_accuracy, split
from nnsim.paths import resource_path

N_DIGITS = 1797


@lru_cache(maxsize=1)
def load_digits_raw() -> tuple[np.ndarray, np.ndarray]:
    """Pixels ``(1797, 64)`` float64 in 0..16 and labels ``(1797,)`` int64, read once."""
    path = resource_path("data", "digits.csv.gz")
    try:
        with gzip.open(path, "rt", encoding="ascii") as fh:
            table = np.loadtxt(fh, delimiter=",", dtype=np.float64)
    except (OSError, ValueError, EOFError) as exc:
        raise DataError(f"the bundled digits file {path} could not be read ({exc}); "
                        "reinstall nnsim") from exc
    if table.shape != (N_DIGITS, 65):
        raise DataError(f"the bundled digits file {path} has shape {table.shape}, "
                        f"expected ({N_DIGITS}, 65); reinstall nnsim")
    pixels, labels = table[:, :64], table[:, 64].astype(np.int64)
    pixels.flags.writeable = False
    labels.flags.writeable = False
    return pixels, labels


def digits(val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """``x: (n, 64)`` pixels scaled to [0, 1] (reshape a row to ``meta["image_shape"]`` = (8, 8)
    to see it), ``y: (n,)`` the digit 0-9."""
    pixels, labels = load_digits_raw()
    rng = np.random.default_rng(seed)
    xt, yt, xv, yv = split(pixels / 16.0, labels, val_fraction, rng)
    meta = {
        "image_shape": (8, 8),
        "feature_names": [f"pixel {r},{c}" for r in range(8) for c in range(8)],
        "target_names": [str(d) for d in range(10)],
        "baseline": majority_accuracy(labels, 10),
        "baseline_kind": "accuracy",
        "description": "1,797 handwritten digits as 8x8 grey images (UCI, Alpaydin & Kaynak "
                       "1998). Ten classes; a small MLP reaches about 97% on held-out images.",
        "source": "UCI ML hand-written digits via scikit-learn (see LICENSE-digits.txt)",
    }
    return Dataset("digits", "Handwritten digits (8x8)", "classification", xt, yt, xv, yv,
                   n_classes=10, meta=meta)
