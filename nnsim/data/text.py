"""Character-level next-character prediction on a small bundled English text.

The text (``resources/data/text.txt``, about 4 KB) was written for nnsim about how neural networks
learn and is dedicated to the public domain (CC0). The task:

- ``x: (n, T, V)`` one-hot characters, ``y: (n, T)`` int64: ``y[:, t]`` is the index of the
  character after ``x[:, t]``, so there is a target at every step;
- ``meta["vocab"]`` is the string of the ``V`` characters, index ``i`` being ``vocab[i]``
  (the vocabulary of the whole text, so train and validation share it);
- windows of ``T = length`` characters start at random places. The split is by position: training
  windows come from the first ``1 - val_fraction`` of the text, validation windows from the rest,
  so no validation character was ever a training target.
- ``meta["baseline"]``: accuracy of always predicting the commonest character (a space);
  ``meta["unigram_entropy"]``: the cross-entropy in nats of predicting character frequencies.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from nnsim.data.dataset import DataError, Dataset, check_size, majority_accuracy, n_val_for
from nnsim.paths import resource_path


@lru_cache(maxsize=1)
def corpus() -> str:
    """The bundled text, read once."""
    path = resource_path("data", "text.txt")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"the bundled text {path} could not be read ({exc}); reinstall nnsim") \
            from exc


def encode(text: str, vocab: str) -> np.ndarray:
    """Character indices ``(len(text),)`` int64 of ``text`` in ``vocab``."""
    index = {c: i for i, c in enumerate(vocab)}
    return np.fromiter((index[c] for c in text), dtype=np.int64, count=len(text))


def decode(indices, vocab: str) -> str:
    """The string of character ``indices`` (any iterable of ints)."""
    return "".join(vocab[int(i)] for i in indices)


def _windows(codes: np.ndarray, n: int, length: int, rng: np.random.Generator,
             part: str) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random windows of ``codes``: inputs and next-character targets, both
    ``(n, length)``."""
    room = len(codes) - length
    if room < 1:
        raise DataError(f"text: length {length} is too long for the {part} part of the text "
                        f"({len(codes)} characters); use a shorter length or change val_fraction")
    starts = rng.integers(0, room, n)
    idx = starts[:, None] + np.arange(length)[None, :]
    return codes[idx], codes[idx + 1]


def text(n_samples: int = 1000, length: int = 40, lowercase: bool = True,
         val_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Windows of the bundled text for next-character prediction (see the module docstring)."""
    source = corpus().lower() if lowercase else corpus()
    vocab = "".join(sorted(set(source)))
    check_size("text", n_samples, length, len(vocab))
    codes = encode(source, vocab)
    cut = int(round(len(codes) * (1.0 - val_fraction)))
    n_val = n_val_for(n_samples, val_fraction)
    rng = np.random.default_rng(seed)
    it, yt = _windows(codes[:cut], n_samples - n_val, length, rng, "training")
    iv, yv = _windows(codes[cut:], n_val, length, rng, "validation")
    eye = np.eye(len(vocab))
    counts = np.bincount(codes, minlength=len(vocab)) / len(codes)
    meta = {
        "vocab": vocab,
        "feature_names": [repr(c) for c in vocab],
        "target_names": list(vocab),
        "baseline": majority_accuracy(codes, len(vocab)),
        "baseline_kind": "accuracy",
        "unigram_entropy": float(-(counts[counts > 0] * np.log(counts[counts > 0])).sum()),
        "description": f"Predict the next character of an English text, {length} characters at "
                       f"a time ({len(vocab)} different characters). Sample from the trained "
                       "network to see it spell.",
    }
    return Dataset("text", "Text: next character", "classification", eye[it], yt, eye[iv], yv,
                   n_classes=len(vocab), meta=meta)
