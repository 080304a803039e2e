"""Two-feature classification sets in the spirit of TensorFlow Playground.

Every function returns a `Dataset` with inputs ``x: (n, 2)`` roughly in ``[-1, 1]`` and integer
labels ``y: (n,)``. Classes are exactly balanced (``n // k`` or one more per class). ``noise`` is
the standard deviation of Gaussian jitter added to each point after it was labelled, so with
``noise=0`` the labels follow the stated rule exactly. ``meta["bounds"]`` is a square around the
data for the decision-surface view.
"""

from __future__ import annotations

import numpy as np

from nnsim.data.dataset import Dataset, majority_accuracy, split, square_bounds


def _balanced_labels(n: int, k: int, rng: np.random.Generator) -> np.ndarray:
    """``(n,)`` int64 labels with every class ``n // k`` or ``n // k + 1`` times, shuffled."""
    return rng.permutation(np.arange(n, dtype=np.int64) % k)


def _finish(name: str, title: str, x: np.ndarray, y: np.ndarray, k: int, noise: float,
            val_fraction: float, rng: np.random.Generator, description: str,
            target_names: list[str] | None = None) -> Dataset:
    if noise > 0:
        x = x + rng.normal(0.0, noise, size=x.shape)
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    meta = {
        "bounds": square_bounds(x),
        "feature_names": ["x1", "x2"],
        "target_names": target_names or [f"class {i}" for i in range(k)],
        "baseline": majority_accuracy(y, k),
        "baseline_kind": "accuracy",
        "description": description,
    }
    return Dataset(name, title, "classification", xt, yt, xv, yv, n_classes=k, meta=meta)


def xor(n_samples: int = 400, noise: float = 0.05, val_fraction: float = 0.2,
        seed: int = 0) -> Dataset:
    """Uniform points in the four quadrants; label 1 where ``x1 * x2 > 0`` (quadrants I and III).

    Points keep a small gap (0.05) from the axes so the rule is unambiguous at ``noise=0``.
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
    gap = 0.05
    mag = rng.uniform(gap, 1.0, size=(n_samples, 2))
    s1 = rng.choice([-1.0, 1.0], size=n_samples)
    s2 = np.where(y == 1, s1, -s1)  # same sign -> product positive -> class 1
    x = mag * np.stack([s1, s2], axis=1)
    return _finish("xor", "XOR (quadrants)", x, y, 2, noise, val_fraction, rng,
                   "Class 1 in the top-right and bottom-left quadrants, class 0 in the others. "
                   "No straight line separates them: a hidden layer is needed.")


def circles(n_samples: int = 400, noise: float = 0.05, val_fraction: float = 0.2,
            seed: int = 0) -> Dataset:
    """Class 0 inside a disk of radius 0.5, class 1 on a ring of radius 0.7-1.0 around it."""
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
    r = np.where(y == 0, rng.uniform(0.0, 0.5, n_samples), rng.uniform(0.7, 1.0, n_samples))
    angle = rng.uniform(0.0, 2 * np.pi, n_samples)
    x = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
    return _finish("circles", "Circle in a ring", x, y, 2, noise, val_fraction, rng,
                   "A disk of class 0 inside a ring of class 1: separable by distance from the "
                   "centre, i.e. by x1² + x2².", ["inside", "ring"])


def gaussians(n_samples: int = 400, noise: float = 0.15, n_classes: int = 2,
              val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """``n_classes`` round Gaussian blobs with centres evenly spaced on a circle of radius 0.6.

    Here ``noise`` is the blobs' standard deviation (no extra jitter is added).
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, n_classes, rng)
    angles = 2 * np.pi * np.arange(n_classes) / n_classes + np.pi / 4
    centres = 0.6 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    x = centres[y] + rng.normal(0.0, noise, size=(n_samples, 2))
    return _finish("gaussians", "Gaussian clusters", x, y, n_classes, 0.0, val_fraction, rng,
                   f"{n_classes} Gaussian clusters; more noise makes them overlap.")


def spirals(n_samples: int = 400, noise: float = 0.03, turns: float = 1.5,
            val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Two interleaved spirals (the second is the first rotated by 180 degrees).

    A point at fraction ``t`` in ``[0, 1]`` along a spiral has radius ``t`` and angle
    ``2 * pi * turns * t`` (+ pi for class 1).
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
    t = np.sqrt(rng.uniform(0.0, 1.0, n_samples)) * 0.95 + 0.05  # even density along the arm
    angle = 2 * np.pi * turns * t + np.pi * y
    x = np.stack([t * np.cos(angle), t * np.sin(angle)], axis=1)
    return _finish("spirals", "Two spirals", x, y, 2, noise, val_fraction, rng,
                   "Two interleaved spirals, the hardest Playground set: it needs several "
                   "hidden units or layers.")


def moons(n_samples: int = 400, noise: float = 0.08, val_fraction: float = 0.2,
          seed: int = 0) -> Dataset:
    """Two interleaving half circles (like scikit-learn's ``make_moons``), scaled to [-1, 1]."""
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
    a = rng.uniform(0.0, np.pi, n_samples)
    upper = np.stack([np.cos(a), np.sin(a)], axis=1)
    lower = np.stack([1.0 - np.cos(a), 0.5 - np.sin(a)], axis=1)
    x = np.where((y == 0)[:, None], upper, lower)
    x = (x - np.array([0.5, 0.25])) / 1.5
    return _finish("moons", "Two moons", x, y, 2, noise, val_fraction, rng,
                   "Two interleaving half circles: a curved boundary is needed.",
                   ["upper moon", "lower moon"])


def checkerboard(n_samples: int = 600, noise: float = 0.0, cells: int = 4,
                 val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Uniform points on ``[-1, 1]^2`` cut into ``cells x cells`` squares of alternating class.

    The label of a point in cell ``(i, j)`` is ``(i + j) % 2``.
    """
    rng = np.random.default_rng(seed)
    y = _balanced_labels(n_samples, 2, rng)
    # a random row i, then a random column j among those whose colour (i + j) % 2 is y
    i = rng.integers(0, cells, n_samples)
    parity = (y - i) % 2
    n_cols = (cells - parity + 1) // 2  # columns p, p + 2, p + 4, ... below `cells`
    j = parity + 2 * np.floor(rng.uniform(0.0, 1.0, n_samples) * n_cols).astype(np.int64)
    size = 2.0 / cells
    u = rng.uniform(0.0, 1.0, size=(n_samples, 2))
    x = np.stack([-1.0 + (i + u[:, 0]) * size, -1.0 + (j + u[:, 1]) * size], axis=1)
    return _finish("checkerboard", "Checkerboard", x, y, 2, noise, val_fraction, rng,
                   f"A {cells}x{cells} checkerboard: XOR repeated; needs many hidden units.")
