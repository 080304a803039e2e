"""The `Dataset` every nnsim data source returns, the `DataError` it raises, and split helpers.

Array conventions (``n`` samples, ``T`` time steps, ``F`` features, ``d`` regression outputs):

=====================  ===================  ===================================================
task                   x                    y
=====================  ===================  ===================================================
classification         (n, F) float64       (n,) int64 labels in ``[0, n_classes)``
regression             (n, F) float64       (n, d) float64
sequence, last step    (n, T, F) float64    (n,) int64 or (n, d) float64
sequence, every step   (n, T, F) float64    (n, T) int64 or (n, T, d) float64
=====================  ===================  ===================================================

The arrays of a `Dataset` are read-only: copy them (the engine casts to its dtype anyway).

``meta`` keys the UI reads (all optional):

- ``bounds``: ``((xmin, xmax), (ymin, ymax))`` of the two input features (decision-surface view);
  ``((xmin, xmax),)`` for a 1-D regression input, with ``y_bounds`` = ``(ymin, ymax)`` of the
  target.
- ``image_shape``: e.g. ``(8, 8)`` when each input row is an image.
- ``feature_names``: list of str, one per input feature.
- ``target_names``: list of str, one per class (classification).
- ``vocab``: str, the characters of a text task (index ``i`` is ``vocab[i]``).
- ``baseline``: float, the score of a trivial predictor; ``baseline_kind`` says which score:
  ``"mse"`` (predicting the mean target) or ``"accuracy"`` (always the commonest class / chance).
- ``description``: one or two sentences for the user.
- ``params``: the full, validated parameters the dataset was made with (for project files).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

KINDS = ("classification", "regression")
MAX_ELEMENTS = 10_000_000  # per input array: 80 MB of float64




class DataError(ValueError):
    """A clear, user-facing message about bad data or bad dataset parameters."""


@dataclass(frozen=True, eq=False)
class Dataset:
    """A train/validation split ready for the engine. See the module docstring for shapes."""

    name: str
    title: str
    kind: str  # "classification" | "regression"
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    n_classes: int = 0  # 0 for regression
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise DataError(f"dataset {self.name!r}: kind must be one of {KINDS}, "
                            f"not {self.kind!r}")
        ydtype = np.int64 if self.kind == "classification" else np.float64
        for attr, dtype in (("x_train", np.float64), ("x_val", np.float64),
                            ("y_train", ydtype), ("y_val", ydtype)):
            arr = np.array(getattr(self, attr), dtype=dtype, copy=True)
            arr.flags.writeable = False
            object.__setattr__(self, attr, arr)
        self._check_shapes()

    def _check_shapes(self) -> None:
        where = f"dataset {self.name!r}"
        xt, yt, xv, yv = self.x_train, self.y_train, self.x_val, self.y_val
        if xt.ndim not in (2, 3) or xv.shape[1:] != xt.shape[1:]:
            raise DataError(f"{where}: inputs must be (n, features) or (n, time, features), "
                            f"got {xt.shape} and {xv.shape}")
        if len(xt) != len(yt) or len(xv) != len(yv):
            raise DataError(f"{where}: inputs and targets differ in length "
                            f"({len(xt)} vs {len(yt)}, {len(xv)} vs {len(yv)})")
        if yt.shape[1:] != yv.shape[1:]:
            raise DataError(f"{where}: train and validation targets differ in shape")
        if len(xt) == 0:
            raise DataError(f"{where}: no training samples")
        if self.kind == "classification":
            if self.n_classes < 2:
                raise DataError(f"{where}: a classification task needs at least 2 classes")
            for y in (yt, yv):
                if y.size and (y.min() < 0 or y.max() >= self.n_classes):
                    raise DataError(f"{where}: labels must lie in [0, {self.n_classes})")
            if yt.ndim not in (1, 2):
                raise DataError(f"{where}: labels must be (n,) or (n, T), got {yt.shape}")
        elif yt.ndim not in (2, 3):
            raise DataError(f"{where}: regression targets must be (n, d) or (n, T, d), "
                            f"got {yt.shape}")
        if self.per_step and (not self.is_sequence or yt.shape[1] != xt.shape[1]):
            raise DataError(f"{where}: per-step targets need a matching time axis, "
                            f"got x {xt.shape} and y {yt.shape}")

    @property
    def input_shape(self) -> tuple[int, ...]:
        """Shape of one sample without the batch axis: ``(F,)`` or ``(T, F)``."""
        return tuple(self.x_train.shape[1:])

    @property
    def output_dim(self) -> int:
        """Number of network outputs: classes, or the last axis of the regression target."""
        return self.n_classes if self.kind == "classification" else int(self.y_train.shape[-1])

    @property
    def is_sequence(self) -> bool:
        """True when inputs are ``(n, T, F)``."""
        return self.x_train.ndim == 3

    @property
    def per_step(self) -> bool:
        """True when there is a target for every time step (``y`` has a time axis)."""
        return self.y_train.ndim == (2 if self.kind == "classification" else 3)

    @property
    def n_train(self) -> int:
        return int(len(self.x_train))

    @property
    def n_val(self) -> int:
        return int(len(self.x_val))

    def __repr__(self) -> str:
        return (f"Dataset({self.name!r}, kind={self.kind!r}, x_train={self.x_train.shape}, "
                f"y_train={self.y_train.shape}, n_val={self.n_val}, n_classes={self.n_classes})")


def check_size(name: str, *shape: int) -> None:
    """Refuse to build an input array of ``shape`` with more than `MAX_ELEMENTS` numbers."""
    total = int(np.prod([int(s) for s in shape], dtype=np.float64))
    if total > MAX_ELEMENTS:
        dims = " x ".join(f"{int(s):,}" for s in shape)
        raise DataError(f"dataset {name!r} would hold {dims} = {total:,} numbers, more than the "
                        f"{MAX_ELEMENTS:,} nnsim allows; use fewer samples or shorter sequences")


def n_val_for(n: int, val_fraction: float) -> int:
    """Validation size: ``round(n * val_fraction)``, but leave at least one sample on each side."""
    return int(min(max(round(n * val_fraction), 1), n - 1))


def split(x: np.ndarray, y: np.ndarray, val_fraction: float,
          rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle ``x, y`` (first axis) and cut off ``val_fraction`` of them as validation data.

    Returns ``x_train, y_train, x_val, y_val``.
    """
    n = len(x)
    order = rng.permutation(n)
    n_val = n_val_for(n, val_fraction)
    tr, va = order[n_val:], order[:n_val]
    return x[tr], y[tr], x[va], y[va]


def majority_accuracy(labels: np.ndarray, n_classes: int) -> float:
    """Accuracy of always predicting the commonest class of ``labels`` (any shape): the
    classification ``baseline``. Computed over the whole dataset, so balanced data give 1/k."""
    counts = np.bincount(np.asarray(labels).ravel(), minlength=n_classes)
    return float(counts.max() / max(counts.sum(), 1))


def square_bounds(x: np.ndarray, at_least: float = 1.0,
                  margin: float = 0.1) -> tuple[tuple[float, float], tuple[float, float]]:
    """Square plot bounds ``((-r, r), (-r, r))`` around centred 2-D inputs ``x: (n, 2)``."""
    r = max(at_least, float(np.abs(x).max()) if x.size else at_least) * (1.0 + margin)
    r = float(np.ceil(r * 10.0) / 10.0)
    return ((-r, r), (-r, r))


def data_bounds(x: np.ndarray, margin: float = 0.1) -> tuple[tuple[float, float], ...]:
    """Per-feature ``(min, max)`` of ``x: (n, F)`` widened by ``margin`` of the range."""
    out = []
    for col in np.asarray(x, dtype=np.float64).T:
        lo, hi = float(col.min()), float(col.max())
        pad = margin * (hi - lo) if hi > lo else 1.0
        out.append((lo - pad, hi + pad))
    return tuple(out)
