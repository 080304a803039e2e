"""Small regression sets with a picture: a 1-D sine curve and a 2-D bump surface.

Targets are float64 ``y: (n, 1)``. ``meta["baseline"]`` is the validation MSE of always predicting
the mean training target (``baseline_kind == "mse"``).
"""

from __future__ import annotations

import numpy as np

from nnsim.data.dataset import Dataset, split


def _mean_baseline(y_train: np.ndarray, y_val: np.ndarray) -> float:
    return float(np.mean((y_val - y_train.mean(axis=0)) ** 2))


def sine(n_samples: int = 200, noise: float = 0.1, freq: float = 1.0, val_fraction: float = 0.2,
         seed: int = 0) -> Dataset:
    """``x: (n, 1)`` uniform in [-1, 1], ``y = sin(freq * pi * x) + N(0, noise^2)``, ``(n, 1)``.

    ``meta["bounds"]`` is ``((-1, 1),)`` (the input axis) and ``meta["y_bounds"]`` the target's
    range, for a curve plot of the fit.
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(n_samples, 1))
    y = np.sin(freq * np.pi * x) + rng.normal(0.0, noise, size=(n_samples, 1))
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    pad = 0.1 + 2 * noise
    meta = {
        "bounds": ((-1.0, 1.0),),
        "y_bounds": (-1.0 - pad, 1.0 + pad),
        "feature_names": ["x"],
        "target_names": ["y"],
        "baseline": _mean_baseline(yt, yv),
        "baseline_kind": "mse",
        "description": f"Fit y = sin({freq:g}·π·x) from noisy samples. Higher frequency needs "
                       "more hidden units; a linear model only finds the trend.",
    }
    return Dataset("sine", "Sine curve", "regression", xt, yt, xv, yv, meta=meta)


def bump_surface(x: np.ndarray) -> np.ndarray:
    """The smooth surface of `surface`: a hill and a smaller pit. ``x: (n, 2) -> (n, 1)``."""
    a, b = x[:, 0], x[:, 1]
    hill = np.exp(-((a - 0.3) ** 2 + (b - 0.25) ** 2) / 0.18)
    pit = 0.6 * np.exp(-((a + 0.45) ** 2 + (b + 0.4) ** 2) / 0.08)
    return (hill - pit)[:, None]


def surface(n_samples: int = 500, noise: float = 0.05, val_fraction: float = 0.2,
            seed: int = 0) -> Dataset:
    """``x: (n, 2)`` uniform in [-1, 1]^2, ``y = bump_surface(x) + N(0, noise^2)``, ``(n, 1)``."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 1.0, size=(n_samples, 2))
    y = bump_surface(x) + rng.normal(0.0, noise, size=(n_samples, 1))
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    meta = {
        "bounds": ((-1.0, 1.0), (-1.0, 1.0)),
        "feature_names": ["x1", "x2"],
        "target_names": ["height"],
        "baseline": _mean_baseline(yt, yv),
        "baseline_kind": "mse",
        "description": "A smooth surface over the plane (a hill and a pit) to fit from noisy "
                       "samples.",
    }
    return Dataset("surface", "Bump surface", "regression", xt, yt, xv, yv, meta=meta)
