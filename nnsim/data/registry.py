"""The catalogue of datasets the spec and the UI offer, and `make_dataset`, which checks parameters.

``DATASETS[name]`` is a `DatasetInfo`; its ``params`` map each parameter to a `ParamInfo` (default,
type, range, choices, help) from which the UI builds its form. `make_dataset` fills defaults,
checks every value and raises `DataError` naming the dataset, the parameter, the value and what is
allowed. The validated parameters are stored in ``dataset.meta["params"]``, so that
``make_dataset(ds.name, **ds.meta["params"])`` rebuilds the same arrays.

Titles, groups, descriptions and help are marked ``QT_TRANSLATE_NOOP("Datasets", ...)`` for Qt
Linguist's tools; the UI translates them when it shows them.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnsim.data import csv_import, digits, regression, sequences, text, toy2d
from nnsim.data.dataset import DataError, Dataset


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation without needing Qt here (the UI translates it)."""
    return text


MAX_SAMPLES = 100_000
MAX_LENGTH = 1_000
MAX_SEED = 2**32 - 1
TYPES = ("int", "float", "str", "bool")


@dataclass(frozen=True)
class ParamInfo:
    """One dataset parameter: its default, type ("int" | "float" | "str" | "bool"), inclusive
    range (``min``/``max``, None = open), allowed ``choices`` (str) and a one-line ``help``."""

    default: Any
    type: str
    min: float | None = None
    max: float | None = None
    choices: tuple | None = None
    help: str = ""

    def describe(self) -> str:
        """What values are allowed, in words: "an int from 20 to 100000"."""
        if self.choices:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        kind = {"int": "a whole number", "float": "a number", "str": "text",
                "bool": "true or false"}[self.type]
        lo, hi = _fmt(self.min), _fmt(self.max)
        if lo is not None and hi is not None:
            return f"{kind} from {lo} to {hi}"
        if lo is not None:
            return f"{kind} >= {lo}"
        if hi is not None:
            return f"{kind} <= {hi}"
        return kind


def _fmt(v: float | None) -> str | None:
    if v is None:
        return None
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


@dataclass(frozen=True)
class DatasetInfo:
    """A catalogue entry. ``kind`` is "classification", "regression", or "auto" (CSV: decided by
    the file). ``make`` builds the dataset from validated keyword parameters."""

    name: str
    title: str
    kind: str
    group: str
    description: str
    params: dict[str, ParamInfo]
    make: Callable[..., Dataset] = field(repr=False, compare=False, default=None)

    def defaults(self) -> dict[str, Any]:
        return {k: p.default for k, p in self.params.items()}


# -- common parameters -------------------------------------------------------------------------

def _n(default: int, lo: int = 20) -> ParamInfo:
    return ParamInfo(default, "int", lo, MAX_SAMPLES,
                     help=QT_TRANSLATE_NOOP("Datasets", "number of examples (train + validation)"))


_JITTER = QT_TRANSLATE_NOOP("Datasets", "std of Gaussian jitter")
_Y_NOISE = QT_TRANSLATE_NOOP("Datasets", "std of noise added to y")
_INPUT_NOISE = QT_TRANSLATE_NOOP("Datasets", "std of input noise")


def _noise(default: float, hi: float = 1.0, what: str = _JITTER) -> ParamInfo:
    return ParamInfo(default, "float", 0.0, hi, help=what)


VAL = ParamInfo(0.2, "float", 0.05, 0.9,
                help=QT_TRANSLATE_NOOP("Datasets", "fraction of examples kept aside for "
                                                   "validation"))
SEED = ParamInfo(0, "int", 0, MAX_SEED,
                 help=QT_TRANSLATE_NOOP("Datasets", "random seed: the same seed gives the same "
                                                    "data"))


def _length(default: int, lo: int = 2, hi: int = MAX_LENGTH,
            what: str = QT_TRANSLATE_NOOP("Datasets", "time steps per sequence")) -> ParamInfo:
    return ParamInfo(default, "int", lo, hi, help=what)


def _lag(default: int) -> ParamInfo:
    return ParamInfo(default, "int", 1, MAX_LENGTH - 1,
                     help=QT_TRANSLATE_NOOP("Datasets", "steps between the information and the "
                                                        "answer (sequence = lag + 1)"))


_PATH = ParamInfo("", "str", help=QT_TRANSLATE_NOOP("Datasets", "CSV file to read"))
_2D = QT_TRANSLATE_NOOP("Datasets", "2-D classification")
_REGRESSION = QT_TRANSLATE_NOOP("Datasets", "Regression")
_IMAGES = QT_TRANSLATE_NOOP("Datasets", "Images")
_SEQ = QT_TRANSLATE_NOOP("Datasets", "Sequences")
_YOURS = QT_TRANSLATE_NOOP("Datasets", "Your data")


def _entry(name, title, kind, group, make, description, **params) -> DatasetInfo:
    return DatasetInfo(name, title, kind, group, description, params, make)


_ENTRIES = [
    _entry("xor", QT_TRANSLATE_NOOP("Datasets", "XOR"), "classification", _2D, toy2d.xor,
           QT_TRANSLATE_NOOP("Datasets", "Four quadrants, opposite corners share a class."),
           n_samples=_n(400), noise=_noise(0.05), val_fraction=VAL, seed=SEED),
    _entry("circles", QT_TRANSLATE_NOOP("Datasets", "Circle"), "classification", _2D,
           toy2d.circles,
           QT_TRANSLATE_NOOP("Datasets", "A disk of one class inside a ring of the other."),
           n_samples=_n(400), noise=_noise(0.05), val_fraction=VAL, seed=SEED),
    _entry("gaussians", QT_TRANSLATE_NOOP("Datasets", "Gaussian clusters"), "classification", _2D,
           toy2d.gaussians,
           QT_TRANSLATE_NOOP("Datasets", "Round clusters, one per class; noise widens them until "
                                         "they overlap."),
           n_samples=_n(400),
           noise=_noise(0.15, what=QT_TRANSLATE_NOOP("Datasets", "std of each cluster")),
           n_classes=ParamInfo(2, "int", 2, 6,
                               help=QT_TRANSLATE_NOOP("Datasets", "number of clusters (classes)")),
           val_fraction=VAL, seed=SEED),
    _entry("spirals", QT_TRANSLATE_NOOP("Datasets", "Spirals"), "classification", _2D,
           toy2d.spirals,
           QT_TRANSLATE_NOOP("Datasets", "Two interleaved spirals."),
           n_samples=_n(400), noise=_noise(0.03),
           turns=ParamInfo(1.5, "float", 0.25, 4.0,
                           help=QT_TRANSLATE_NOOP("Datasets", "turns of each spiral")),
           val_fraction=VAL, seed=SEED),
    _entry("moons", QT_TRANSLATE_NOOP("Datasets", "Two moons"), "classification", _2D, toy2d.moons,
           QT_TRANSLATE_NOOP("Datasets", "Two interleaving half circles."),
           n_samples=_n(400), noise=_noise(0.08), val_fraction=VAL, seed=SEED),
    _entry("checkerboard", QT_TRANSLATE_NOOP("Datasets", "Checkerboard"), "classification", _2D,
           toy2d.checkerboard,
           QT_TRANSLATE_NOOP("Datasets", "Squares of alternating class."),
           n_samples=_n(600), noise=_noise(0.0),
           cells=ParamInfo(4, "int", 2, 10,
                           help=QT_TRANSLATE_NOOP("Datasets", "squares along each side")),
           val_fraction=VAL, seed=SEED),
    _entry("sine", QT_TRANSLATE_NOOP("Datasets", "Sine curve"), "regression", _REGRESSION,
           regression.sine,
           QT_TRANSLATE_NOOP("Datasets", "Fit y = sin(freq·π·x) on [-1, 1] from noisy samples."),
           n_samples=_n(200), noise=_noise(0.1, what=_Y_NOISE),
           freq=ParamInfo(1.0, "float", 0.25, 5.0,
                          help=QT_TRANSLATE_NOOP("Datasets", "half-periods of the sine on "
                                                             "[-1, 1]")),
           val_fraction=VAL, seed=SEED),
    _entry("surface", QT_TRANSLATE_NOOP("Datasets", "Bump surface"), "regression", _REGRESSION,
           regression.surface,
           QT_TRANSLATE_NOOP("Datasets", "Fit a smooth 2-D surface (a hill and a pit) from noisy "
                                         "samples."),
           n_samples=_n(500), noise=_noise(0.05, what=_Y_NOISE),
           val_fraction=VAL, seed=SEED),
    _entry("digits", QT_TRANSLATE_NOOP("Datasets", "Digits (8x8)"), "classification", _IMAGES,
           digits.digits,
           QT_TRANSLATE_NOOP("Datasets", "1,797 handwritten digits as 8x8 images (UCI), 10 "
                                         "classes."),
           val_fraction=VAL, seed=SEED),
    _entry("sine_wave", QT_TRANSLATE_NOOP("Datasets", "Sine wave"), "regression", _SEQ,
           sequences.sine_wave,
           QT_TRANSLATE_NOOP("Datasets", "Predict the next value of a noisy sine wave at every "
                                         "step."),
           n_samples=_n(300), length=_length(40), noise=_noise(0.05, what=_INPUT_NOISE),
           val_fraction=VAL, seed=SEED),
    _entry("adding", QT_TRANSLATE_NOOP("Datasets", "Adding problem"), "regression", _SEQ,
           sequences.adding,
           QT_TRANSLATE_NOOP("Datasets", "Add the two marked numbers of a long sequence "
                                         "(Hochreiter & Schmidhuber 1997)."),
           n_samples=_n(1000), length=_length(30), val_fraction=VAL, seed=SEED),
    _entry("memory", QT_TRANSLATE_NOOP("Datasets", "Memory"), "classification", _SEQ,
           sequences.memory,
           QT_TRANSLATE_NOOP("Datasets", "Name the symbol seen lag steps ago."),
           n_samples=_n(500), lag=_lag(10),
           n_symbols=ParamInfo(4, "int", 2, 8,
                               help=QT_TRANSLATE_NOOP("Datasets", "number of different symbols "
                                                                  "(classes)")),
           noise=_noise(0.0, what=_INPUT_NOISE), val_fraction=VAL, seed=SEED),
    _entry("delayed_xor", QT_TRANSLATE_NOOP("Datasets", "Delayed XOR / parity"), "classification",
           _SEQ, sequences.delayed_xor,
           QT_TRANSLATE_NOOP("Datasets", "A bit stream: XOR of the first and last bit, or the "
                                         "parity of all bits."),
           n_samples=_n(500), lag=_lag(5),
           mode=ParamInfo("xor", "str", choices=("xor", "parity"),
                          help=QT_TRANSLATE_NOOP("Datasets", "xor: first bit XOR last bit; "
                                                             "parity: XOR of all bits")),
           noise=_noise(0.0, what=_INPUT_NOISE), val_fraction=VAL, seed=SEED),
    _entry("text", QT_TRANSLATE_NOOP("Datasets", "Text"), "classification", _SEQ, text.text,
           QT_TRANSLATE_NOOP("Datasets", "Predict the next character of a short English text."),
           n_samples=_n(1000),
           length=_length(40, hi=200,
                          what=QT_TRANSLATE_NOOP("Datasets", "characters per window")),
           lowercase=ParamInfo(True, "bool",
                               help=QT_TRANSLATE_NOOP("Datasets", "fold capitals to lower case "
                                                                  "(fewer symbols)")),
           val_fraction=VAL, seed=SEED),
    _entry("csv_series", QT_TRANSLATE_NOOP("Datasets", "CSV time series"), "regression", _SEQ,
           sequences.csv_series,
           QT_TRANSLATE_NOOP("Datasets", "Predict the next value of a numeric column of your CSV "
                                         "file from the previous ones."),
           path=_PATH,
           column=ParamInfo("", "str",
                            help=QT_TRANSLATE_NOOP("Datasets", "column name or 0-based index; "
                                                               "empty = last column")),
           length=_length(20, what=QT_TRANSLATE_NOOP("Datasets", "past values per window")),
           val_fraction=VAL, seed=SEED),
    _entry("csv", QT_TRANSLATE_NOOP("Datasets", "CSV file"), "auto", _YOURS,
           csv_import.load_csv,
           QT_TRANSLATE_NOOP("Datasets", "Features and a target column from your own CSV file."),
           path=_PATH,
           target=ParamInfo("", "str",
                            help=QT_TRANSLATE_NOOP("Datasets", "target column name or 0-based "
                                                               "index; empty = last column")),
           task=ParamInfo("auto", "str", choices=csv_import.TASKS,
                          help=QT_TRANSLATE_NOOP("Datasets", "auto: classes if the target has "
                                                             "text or few whole numbers")),
           val_fraction=VAL, seed=SEED),
]

DATASETS: dict[str, DatasetInfo] = {e.name: e for e in _ENTRIES}


def groups() -> dict[str, list[str]]:
    """Dataset names by group, in catalogue order: {"2-D classification": ["xor", ...], ...}."""
    out: dict[str, list[str]] = {}
    for info in DATASETS.values():
        out.setdefault(info.group, []).append(info.name)
    return out


def _check_value(dataset: str, key: str, p: ParamInfo, value: Any) -> Any:
    """``value`` converted to the parameter's Python type, or a `DataError`."""
    def bad(reason: str = "of the wrong type") -> DataError:
        return DataError(f"{dataset}: {key} = {value!r} is {reason}; expected {p.describe()}")

    if p.type == "bool":
        if not isinstance(value, (bool, np.bool_)):
            raise bad()
        return bool(value)
    if p.type == "str":
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        elif not p.choices and isinstance(value, (int, np.integer)) \
                and not isinstance(value, (bool, np.bool_)):
            value = str(int(value))  # a column index given as a number
        if not isinstance(value, str):
            raise bad()
        if p.choices and value not in p.choices:
            raise bad("not allowed")
        return value
    if isinstance(value, (bool, np.bool_)):
        raise bad()
    if p.type == "int":
        if isinstance(value, (float, np.floating)) and math.isfinite(value) and value == int(value):
            value = int(value)  # 400.0 from a float spin box is fine
        if not isinstance(value, (int, np.integer)):
            raise bad()
        value = int(value)
    else:
        if not isinstance(value, (int, float, np.integer, np.floating)):
            raise bad()
        value = float(value)
        if not math.isfinite(value):
            raise bad("not a finite number")
    if (p.min is not None and value < p.min) or (p.max is not None and value > p.max):
        raise bad("out of range")
    return value


def validate_params(name: str, **params: Any) -> dict[str, Any]:
    """All parameters of dataset ``name``, defaults filled in, each checked. Raises `DataError`."""
    info = DATASETS.get(name) if isinstance(name, str) else None
    if info is None:
        raise DataError(f"unknown dataset {name!r}; available: {', '.join(DATASETS)}")
    unknown = sorted(set(params) - set(info.params))
    if unknown:
        key = unknown[0]
        raise DataError(f"{name}: unknown parameter {key!r} (= {params[key]!r}); {name} takes "
                        f"{', '.join(info.params) or 'no parameters'}")
    return {k: _check_value(name, k, p, params.get(k, p.default)) for k, p in info.params.items()}


def make_dataset(name: str, **params: Any) -> Dataset:
    """Build dataset ``name`` (a key of `DATASETS`) with ``params`` over the defaults.

    >>> ds = make_dataset("spirals", n_samples=200, noise=0.1, seed=3)
    """
    values = validate_params(name, **params)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # checked just below
        ds = DATASETS[name].make(**values)
    # Last line of defence: a set with NaN or infinity would only train to NaN. The generators
    # never make one; a file's numbers can (1e308 overflows when standardised).
    for part in (ds.x_train, ds.y_train, ds.x_val, ds.y_val):
        if part.dtype.kind == "f" and not np.isfinite(part).all():
            raise DataError(f"{name}: the data hold numbers too large to work with (they "
                            "overflow to infinity when standardised); rescale the values in "
                            "the file")
    ds.meta["params"] = dict(values)
    return ds
