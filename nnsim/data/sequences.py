"""Sequence tasks for recurrent networks. Inputs are ``x: (n, T, F)`` float64.

===============  ==================  =====================  =====================================
task             x                   y                      what the network must do
===============  ==================  =====================  =====================================
sine_wave        (n, T, 1)           (n, T, 1) per step     predict the next value of a sine
adding           (n, T, 2)           (n, 1)                 add the two marked numbers
memory           (n, lag+1, k)       (n,) in [0, k)         recall the symbol seen lag steps ago
delayed_xor      (n, lag+1, 1)       (n,) in {0, 1}         XOR of bits lag apart, or parity
csv_series       (n, length, 1)      (n, 1)                 next value of a CSV column
===============  ==================  =====================  =====================================

Each task has a length or lag parameter: the longer, the harder to carry information through
time (vanishing gradients make a plain RNN fail long before an LSTM does).
``meta["baseline"]`` is what a network that learned nothing scores (see each function).
"""

from __future__ import annotations

import numpy as np

from nnsim.data.csv_import import numeric_column, read_table, resolve_column
from nnsim.data.dataset import DataError, Dataset, check_size, n_val_for, split


def _mse_of_mean(y_train: np.ndarray, y_val: np.ndarray) -> float:
    axes = tuple(range(y_train.ndim - 1))
    return float(np.mean((y_val - y_train.mean(axis=axes)) ** 2))


def sine_wave(n_samples: int = 300, length: int = 40, noise: float = 0.05,
              val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Next-step prediction on sines of random period (8-32 steps), phase and amplitude (0.5-1).

    ``x[:, t, 0]`` is the wave at step ``t`` plus ``N(0, noise^2)``; ``y[:, t, 0]`` is the clean
    wave at step ``t + 1``. Baseline: MSE of always predicting the mean (about 0.3);
    ``meta["persistence_mse"]`` is the MSE of predicting "same as now".
    """
    check_size("sine_wave", n_samples, length, 1)
    rng = np.random.default_rng(seed)
    period = rng.uniform(8.0, 32.0, size=(n_samples, 1))
    phase = rng.uniform(0.0, 2 * np.pi, size=(n_samples, 1))
    amp = rng.uniform(0.5, 1.0, size=(n_samples, 1))
    steps = np.arange(length + 1)[None, :]
    wave = amp * np.sin(2 * np.pi * steps / period + phase)  # (n, T+1)
    x = (wave[:, :-1] + rng.normal(0.0, noise, size=(n_samples, length)))[:, :, None]
    y = wave[:, 1:, None]
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    meta = {
        "feature_names": ["value"],
        "target_names": ["next value"],
        "baseline": _mse_of_mean(yt, yv),
        "baseline_kind": "mse",
        "persistence_mse": float(np.mean((yv - xv) ** 2)),
        "description": "Predict the next value of a noisy sine wave at every step. Each "
                       "sequence has its own period, phase and amplitude, so the network must "
                       "infer them from what it has seen so far.",
    }
    return Dataset("sine_wave", "Sine wave: next step", "regression", xt, yt, xv, yv, meta=meta)


def adding(n_samples: int = 1000, length: int = 30, val_fraction: float = 0.2,
           seed: int = 0) -> Dataset:
    """The adding problem (Hochreiter & Schmidhuber 1997, in the form of Le et al. 2015).

    ``x[:, t, 0]`` is uniform in [0, 1); ``x[:, t, 1]`` is 1 at exactly two steps, one in the
    first half (``t < length // 2``) and one in the second half, and 0 elsewhere. ``y: (n, 1)``
    is the sum of the two marked values. Always answering 1.0 gives MSE = Var(U + U) = 1/6:
    that is ``meta["baseline"]``.
    """
    check_size("adding", n_samples, length, 2)
    rng = np.random.default_rng(seed)
    half = length // 2
    values = rng.uniform(0.0, 1.0, size=(n_samples, length))
    first = rng.integers(0, half, n_samples)
    second = rng.integers(half, length, n_samples)
    markers = np.zeros((n_samples, length))
    rows = np.arange(n_samples)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    x = np.stack([values, markers], axis=2)
    y = (values[rows, first] + values[rows, second])[:, None]
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    meta = {
        "feature_names": ["value", "marker"],
        "target_names": ["sum"],
        "baseline": 1.0 / 6.0,
        "baseline_kind": "mse",
        "description": f"Add the two numbers marked with a 1 in a sequence of {length}. A "
                       "network that only learned to answer 1.0 scores MSE 0.167; doing better "
                       "means it remembered the first marked number until the second.",
    }
    return Dataset("adding", "Adding problem", "regression", xt, yt, xv, yv, meta=meta)


def memory(n_samples: int = 500, lag: int = 10, n_symbols: int = 4, noise: float = 0.0,
           val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Recall a symbol after a delay.

    ``x: (n, lag + 1, n_symbols)``: step 0 is the one-hot symbol, steps 1..lag are blank (zeros),
    and every step gets ``N(0, noise^2)``. ``y: (n,)`` is the symbol, to be read out after the
    last step. Symbols are balanced; ``meta["baseline"]`` is chance accuracy ``1 / n_symbols``.
    """
    steps = lag + 1
    check_size("memory", n_samples, steps, n_symbols)
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n_samples, dtype=np.int64) % n_symbols)
    x = np.zeros((n_samples, steps, n_symbols))
    x[np.arange(n_samples), 0, y] = 1.0
    if noise > 0:
        x += rng.normal(0.0, noise, size=x.shape)
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    letters = "ABCDEFGH"
    meta = {
        "feature_names": [f"symbol {letters[i]}" for i in range(n_symbols)],
        "target_names": [letters[i] for i in range(n_symbols)],
        "baseline": 1.0 / n_symbols,
        "baseline_kind": "accuracy",
        "description": f"See one of {n_symbols} symbols, wait {lag} blank steps, then name it. "
                       f"Chance is {100 / n_symbols:.0f}%.",
    }
    return Dataset("memory", "Memory (recall after a delay)", "classification", xt, yt, xv, yv,
                   n_classes=n_symbols, meta=meta)


def delayed_xor(n_samples: int = 500, lag: int = 5, mode: str = "xor", noise: float = 0.0,
                val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """A stream of random bits; classify it after the last step.

    ``x: (n, lag + 1, 1)`` holds bits 0/1 plus ``N(0, noise^2)``; ``y: (n,)``:

    - ``mode="xor"``: ``bit[0] XOR bit[lag]`` (the first and the last bit): remember one bit
      for ``lag`` steps, then combine it non-linearly with the current one;
    - ``mode="parity"``: parity of all ``lag + 1`` bits: every bit matters.

    Classes are balanced; ``meta["baseline"]`` is chance accuracy 0.5.
    """
    if mode not in ("xor", "parity"):
        raise DataError(f"delayed_xor: mode must be 'xor' or 'parity', not {mode!r}")
    steps = lag + 1
    check_size("delayed_xor", n_samples, steps, 1)
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.arange(n_samples, dtype=np.int64) % 2)
    bits = rng.integers(0, 2, size=(n_samples, steps))
    # choose the last bit so that the rule gives the balanced label y
    rest = bits[:, 0] if mode == "xor" else bits[:, :-1].sum(axis=1) % 2
    bits[:, -1] = y ^ rest
    x = bits[:, :, None].astype(np.float64)
    if noise > 0:
        x += rng.normal(0.0, noise, size=x.shape)
    xt, yt, xv, yv = split(x, y, val_fraction, rng)
    rule = (f"the first bit XOR the bit {lag} steps later" if mode == "xor"
            else f"the parity of all {steps} bits")
    meta = {
        "feature_names": ["bit"],
        "target_names": ["0", "1"],
        "baseline": 0.5,
        "baseline_kind": "accuracy",
        "mode": mode,
        "description": f"A stream of {steps} random bits; the answer is {rule}. Chance is 50%.",
    }
    return Dataset("delayed_xor", "Delayed XOR" if mode == "xor" else "Parity",
                   "classification", xt, yt, xv, yv, n_classes=2, meta=meta)


def csv_series(path: str = "", column: str = "", length: int = 20, val_fraction: float = 0.2,
               seed: int = 0) -> Dataset:
    """Windows of one numeric CSV column: ``x: (n, length, 1)`` -> the next value ``y: (n, 1)``.

    ``column``: a name, a 0-based index, or "" for the last column. The series is standardised
    with the mean and standard deviation of its training part (``meta["series_mean"]``,
    ``meta["series_std"]``; targets too, so predictions are in standard units). The split is
    chronological: the last ``val_fraction`` of the windows are validation data, so the network is
    checked on the future it has not seen; ``seed`` only shuffles the training windows.
    The CSV rules and messages are those of `nnsim.data.csv_import`.
    """
    table = read_table(path)
    j = resolve_column(table, column, what="series")
    series = numeric_column(table, j)
    n = len(series) - length
    if n < 10:
        raise DataError(f"column {table.names[j]!r} has {len(series)} values; windows of "
                        f"{length} need at least {length + 10} (or choose a shorter length)")
    check_size("csv_series", n, length, 1)
    n_val = n_val_for(n, val_fraction)
    n_train = n - n_val
    train_part = series[: n_train + length]
    mean, std = float(train_part.mean()), float(train_part.std())
    std = std if std > 1e-12 else 1.0
    z = (series - mean) / std
    idx = np.arange(n)[:, None] + np.arange(length)[None, :]
    x = z[idx][:, :, None]
    y = z[length:][:, None]
    order = np.random.default_rng(seed).permutation(n_train)
    xt, yt = x[:n_train][order], y[:n_train][order]
    xv, yv = x[n_train:], y[n_train:]
    name = table.names[j]
    meta = {
        "feature_names": [name],
        "target_names": [f"next {name}"],
        "series_mean": mean,
        "series_std": std,
        "source": str(table.path),
        "baseline": _mse_of_mean(yt, yv),
        "baseline_kind": "mse",
        "persistence_mse": float(np.mean((yv[:, 0] - xv[:, -1, 0]) ** 2)),
        "description": f"Predict the next value of column {name!r} of {table.path.name} from "
                       f"the previous {length}. Values are standardised; the last "
                       f"{n_val} windows are kept for validation.",
    }
    return Dataset("csv_series", f"{table.path.name}: {name}", "regression", xt, yt, xv, yv,
                   meta=meta)
