"""Random initialisation of weights and biases (the seed: "一开始用随机值初始化权值矩阵W和偏置项b").

All draws come from a ``numpy.random.Generator`` the network seeds, so the same seed gives
bit-identical weights and therefore bit-identical training.
"""

from __future__ import annotations

import numpy as np

INITIALISERS = ("normal", "uniform", "xavier", "he", "zeros")

DESCRIPTIONS = {
    "normal": "W ~ N(0, scale^2); scale 0.01..1 (default 0.1)",
    "uniform": "W ~ U(-scale, scale)",
    "xavier": "Glorot: W ~ U(-l, l), l = sqrt(6 / (fan_in + fan_out)); suits tanh and sigmoid",
    "he": "He: W ~ N(0, 2 / fan_in); suits ReLU",
    "zeros": "W = 0 (every unit learns the same thing: a lesson, not a choice)",
}


def initialise(
    name: str,
    shape: tuple[int, ...],
    fan_in: int,
    fan_out: int,
    rng: np.random.Generator,
    dtype,
    scale: float = 0.1,
) -> np.ndarray:
    """A new array of ``shape`` drawn by the initialiser ``name``."""
    if name == "normal":
        w = rng.normal(0.0, scale, size=shape)
    elif name == "uniform":
        w = rng.uniform(-scale, scale, size=shape)
    elif name == "xavier":
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        w = rng.uniform(-limit, limit, size=shape)
    elif name == "he":
        w = rng.normal(0.0, np.sqrt(2.0 / fan_in), size=shape)
    elif name == "zeros":
        w = np.zeros(shape)
    else:
        raise ValueError(f"unknown initialiser {name!r}; choose one of {', '.join(INITIALISERS)}")
    return w.astype(dtype, copy=False)
