"""Import a user's CSV file as a `Dataset`, with a clear `DataError` for everything that can go
wrong.

Rules a user can rely on:

- UTF-8 text (a BOM is fine), at most 50 MB (checked before reading), 100,000 data rows and 1,000
  columns. Delimiter: comma, semicolon or tab, whichever the first line uses most.
- The header row is optional. The first row is taken as a header when some column has a non-number
  there and mostly numbers below it. Without a header, columns are called "column 1",
  "column 2", ...
- Blank lines are skipped; a column that is empty everywhere (a trailing delimiter) is dropped.
- Row numbers in messages are line numbers in the file (1 = the first line), as an editor shows.
- Feature columns must be finite numbers. The target may hold strings (class names) or numbers.
- ``task="auto"``: classification if the target has any non-number, or only whole numbers with at
  most 20 distinct values; regression otherwise.
- Features are standardised with the training split's mean and standard deviation (stored in
  ``meta["feature_mean"]`` and ``meta["feature_std"]``); regression targets are kept as they are.

Nothing but `DataError` escapes `load_csv` or `read_table`.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nnsim.data.dataset import DataError, Dataset, data_bounds, majority_accuracy, split

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
MIN_ROWS = 10
MAX_CLASSES = 100
AUTO_MAX_CLASSES = 20
TASKS = ("auto", "classification", "regression")


@dataclass(frozen=True)
class Table:
    """The text cells of a CSV file. ``rows[i][j]`` is a stripped string; ``lines[i]`` is the file
    line number of ``rows[i]``; ``names[j]`` the column name (from the header or "column j+1")."""

    path: Path
    names: list[str]
    rows: list[list[str]]
    lines: list[int]
    has_header: bool

    def column(self, j: int) -> list[str]:
        return [row[j] for row in self.rows]


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _check_file(path) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise DataError(f"a CSV path must be a file name, not {type(path).__name__}")
    if isinstance(path, str) and not path.strip():
        raise DataError("no CSV file chosen")
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataError(f"file not found: {p}") from None
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot open {p}: {exc}") from None
    if p.is_dir():
        raise DataError(f"{p} is a folder, not a CSV file")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero never ends, a pipe blocks forever
        raise DataError(f"{p} is not a regular file (a device, pipe or socket), not a CSV file")
    if st.st_size > MAX_BYTES:
        raise DataError(f"{p.name} is {st.st_size / 2**20:.1f} MB; nnsim imports CSV files of at "
                        f"most {MAX_BYTES // 2**20} MB")
    return p


def _read_text(p: Path) -> str:
    try:
        raw = p.read_bytes()  # a regular file (checked by _check_file), so it ends
    except PermissionError:
        raise DataError(f"cannot read {p}: permission denied") from None
    except OSError as exc:
        raise DataError(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(raw) > MAX_BYTES:  # grew since stat
        raise DataError(f"{p.name} is larger than {MAX_BYTES // 2**20} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(f"{p.name} is not UTF-8 text (byte 0x{raw[exc.start]:02x} at position "
                        f"{exc.start}); save it as 'CSV UTF-8'") from None
    if "\x00" in text:
        raise DataError(f"{p.name} looks like a binary file, not CSV text (it contains NUL bytes)")
    return text


def _pick_delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _drop_empty_columns(names: list[str],
                        rows: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    keep = [j for j in range(len(names)) if names[j] or any(r[j] for r in rows)]
    if len(keep) == len(names):
        return names, rows
    return [names[j] for j in keep], [[r[j] for j in keep] for r in rows]


def read_table(path) -> Table:
    """Read and check a CSV file's structure (not yet its numbers). Raises `DataError`."""
    try:
        return _read_table(path)
    except DataError:
        raise
    except MemoryError:
        raise DataError(f"{path} is too large to load") from None
    except Exception as exc:  # never let an unexpected parser error reach the user raw
        raise DataError(f"cannot read {path} as CSV: {exc}") from None


def _read_table(path) -> Table:
    p = _check_file(path)
    text = _read_text(p)
    if not text.strip():
        raise DataError(f"{p.name} is empty")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_pick_delimiter(text))
    rows: list[list[str]] = []
    lines: list[int] = []
    width = None
    try:
        for raw in reader:
            row = [cell.strip() for cell in raw]
            if not any(row):
                continue
            line = reader.line_num
            if width is None:
                width = len(row)
                if width > MAX_COLUMNS:
                    raise DataError(f"{p.name} has {width} columns; at most {MAX_COLUMNS} are "
                                    "supported")
            elif len(row) != width:
                got = f"{len(row)} column" + ("" if len(row) == 1 else "s")
                raise DataError(f"row {line} has {got}, expected {width}")
            rows.append(row)
            lines.append(line)
            if len(rows) > MAX_ROWS + 1:
                raise DataError(f"{p.name} has more than {MAX_ROWS:,} rows; nnsim keeps datasets "
                                f"small enough to train interactively")
    except csv.Error as exc:
        raise DataError(f"{p.name}, row {reader.line_num}: not valid CSV ({exc})") from None
    if not rows:
        raise DataError(f"{p.name} is empty")

    has_header = _looks_like_header(rows)
    if has_header:
        names, rows, lines = rows[0], rows[1:], lines[1:]
    else:
        names = [""] * width
    names, rows = _drop_empty_columns(names, rows)
    if has_header:
        names = [n or f"column {j + 1}" for j, n in enumerate(names)]
    else:
        names = [f"column {j + 1}" for j in range(len(names))]
    if len(rows) > MAX_ROWS:
        raise DataError(f"{p.name} has more than {MAX_ROWS:,} rows; nnsim keeps datasets small "
                        "enough to train interactively")
    if not names:
        raise DataError(f"{p.name} has no data")
    return Table(p, names, rows, lines, has_header)


def _looks_like_header(rows: list[list[str]]) -> bool:
    """True if some column has a non-number in row 0 and mostly numbers in the next 100 rows
    (mostly, so that one bad cell is reported as such rather than hiding the header)."""
    if len(rows) < 2:
        return not all(_is_number(c) for c in rows[0] if c)
    sample = rows[1:101]
    for j, cell in enumerate(rows[0]):
        if cell and not _is_number(cell):
            below = [r[j] for r in sample if r[j]]
            if below and sum(_is_number(c) for c in below) >= 0.5 * len(below):
                return True
    return False


def resolve_column(table: Table, spec, what: str = "target") -> int:
    """Index of the column ``spec`` names: None or "" = the last column; a column name; an int
    or integer string = a 0-based index (negative counts from the end)."""
    n = len(table.names)
    if spec is None or (isinstance(spec, str) and not spec.strip()):
        return n - 1
    if isinstance(spec, str):
        s = spec.strip()
        if s in table.names:
            return table.names.index(s)
        lowered = [name.lower() for name in table.names]
        if s.lower() in lowered:
            return lowered.index(s.lower())
        try:
            spec = int(s)
        except ValueError:
            raise DataError(f"{what} column {s!r} not found; the columns are: "
                            f"{', '.join(table.names)}") from None
    if isinstance(spec, (bool, np.bool_)) or not isinstance(spec, (int, np.integer)):
        raise DataError(f"{what} column must be a name or an index, not {spec!r}")
    if not -n <= spec < n:
        raise DataError(f"{what} column index {spec} is out of range: the file has {n} columns "
                        f"({', '.join(table.names)})")
    return int(spec) % n


def numeric_column(table: Table, j: int) -> np.ndarray:
    """Column ``j`` as finite float64 ``(n_rows,)``; the first bad cell raises a `DataError`."""
    cells = table.column(j)
    try:
        values = np.array([float(c) for c in cells], dtype=np.float64)
    except ValueError:
        values = None
    if values is not None and np.isfinite(values).all():
        return values
    name = table.names[j]
    for cell, line in zip(cells, table.lines):
        if not cell:
            raise DataError(f"row {line}, column {name!r} is empty (missing values are not "
                            "supported)")
        try:
            v = float(cell)
        except ValueError:
            raise DataError(f"row {line}, column {name!r}: {cell!r} is not a number") from None
        if not np.isfinite(v):
            raise DataError(f"row {line}, column {name!r}: {cell!r} is not a finite number "
                            "(NaN and infinity are not allowed)")
    raise DataError(f"column {name!r} could not be read as numbers")  # pragma: no cover


def _feature_column(table: Table, j: int) -> np.ndarray:
    """`numeric_column`, with a hint when the whole column is text (a label column)."""
    try:
        return numeric_column(table, j)
    except DataError as exc:
        if any(_is_number(c) for c in table.column(j)):
            raise
        raise DataError(f"{exc}; column {table.names[j]!r} holds text: choose it as the target, "
                        "or remove it from the file") from None


def _class_labels(table: Table, j: int) -> tuple[np.ndarray, list[str]]:
    cells = table.column(j)
    for cell, line in zip(cells, table.lines):
        if not cell:
            raise DataError(f"row {line}, column {table.names[j]!r} is empty (every row needs "
                            "a class)")
    uniq = sorted(set(cells))
    if len(uniq) > MAX_CLASSES:
        raise DataError(f"target column {table.names[j]!r} has {len(uniq)} different values; "
                        f"classification allows at most {MAX_CLASSES} classes (use task "
                        "'regression' for a numeric target)")
    if all(_is_number(c) for c in uniq):
        values = {c: float(c) for c in uniq}
        for cell, line in zip(cells, table.lines):
            if not np.isfinite(values[cell]):
                raise DataError(f"row {line}, column {table.names[j]!r}: {cell!r} is not a "
                                "finite number (NaN and infinity are not class labels)")
        # one class per distinct number: "1" and "1.0" are the same class
        numbers = sorted(set(values.values()))
        names = [f"{v:g}" for v in numbers]
        index = {v: i for i, v in enumerate(numbers)}
        labels = np.array([index[values[c]] for c in cells], dtype=np.int64)
    else:
        names = uniq
        index = {c: i for i, c in enumerate(uniq)}
        labels = np.array([index[c] for c in cells], dtype=np.int64)
    if len(names) < 2:
        raise DataError(f"target column {table.names[j]!r} has only one class ({names[0]!r}); "
                        "classification needs at least 2")
    return labels, names


def _auto_task(table: Table, j: int) -> str:
    cells = table.column(j)
    try:
        values = np.array([float(c) for c in cells], dtype=np.float64)
    except ValueError:
        return "classification"
    if not np.isfinite(values).all():
        return "regression"  # numeric_column reports the bad cell
    if np.all(values == np.round(values)) and len(np.unique(values)) <= AUTO_MAX_CLASSES:
        return "classification"
    return "regression"


def _standardise(xt: np.ndarray, xv: np.ndarray, features: list[int], table: Table):
    """``(x - mean) / std`` with the training split's statistics; constant columns keep std 1."""
    largest = np.abs(np.concatenate([xt, xv])).max(axis=0)
    scale = np.where(largest > 1e150, largest, 1.0)  # squares of 1e200 would overflow
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        st, sv = xt / scale, xv / scale
        mean, std = st.mean(axis=0), st.std(axis=0)
        std = np.where(std > 1e-12 * np.maximum(np.abs(mean), 1.0), std, 1.0)
        xt, xv = (st - mean) / std, (sv - mean) / std
        mean, std = mean * scale, std * scale
    for k, j in enumerate(features):
        if not (np.isfinite(mean[k]) and np.isfinite(std[k]) and np.isfinite(xt[:, k]).all()
                and np.isfinite(xv[:, k]).all()):
            raise DataError(f"column {table.names[j]!r} has numbers too large to work with "
                            f"(up to {largest[k]:g}); "
                            "rescale it in the file")
    return xt, xv, mean, std


def _check_common(task: str, val_fraction, seed) -> None:
    if task not in TASKS:
        raise DataError(f"task must be one of {', '.join(TASKS)}, not {task!r}")
    if isinstance(val_fraction, bool) or not isinstance(val_fraction, (int, float)) \
            or not 0.05 <= val_fraction <= 0.9:
        raise DataError(f"val_fraction must be a number from 0.05 to 0.9, not {val_fraction!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DataError(f"seed must be a whole number >= 0, not {seed!r}")


def load_csv(path, target=None, task: str = "auto", val_fraction: float = 0.2,
             seed: int = 0) -> Dataset:
    """Load a CSV file as a classification or regression `Dataset` (see the module docstring).

    ``x: (n, F)`` standardised features; ``y: (n,)`` int64 labels (names in
    ``meta["target_names"]``) or ``(n, 1)`` float64 values.
    """
    try:
        return _load_csv(path, target, task, val_fraction, seed)
    except DataError:
        raise
    except MemoryError:
        raise DataError(f"{path} is too large to load") from None
    except Exception as exc:  # never let an unexpected error reach the user raw
        raise DataError(f"cannot import {path}: {exc}") from None


def _load_csv(path, target, task, val_fraction, seed) -> Dataset:
    _check_common(task, val_fraction, seed)
    table = read_table(path)
    fname = table.path.name
    if len(table.names) < 2:
        raise DataError(f"{fname} has only one column; it needs at least one feature column "
                        "and a target column")
    if len(table.rows) < MIN_ROWS:
        raise DataError(f"{fname} has only {len(table.rows)} data rows; at least {MIN_ROWS} are "
                        "needed")
    t = resolve_column(table, target)
    features = [j for j in range(len(table.names)) if j != t]
    x = np.stack([_feature_column(table, j) for j in features], axis=1)
    if task == "auto":
        task = _auto_task(table, t)
    if task == "classification":
        y, target_names = _class_labels(table, t)
        n_classes = len(target_names)
    else:
        y, target_names, n_classes = numeric_column(table, t)[:, None], None, 0

    rng = np.random.default_rng(int(seed))
    xt, yt, xv, yv = split(x, y, float(val_fraction), rng)
    xt, xv, mean, std = _standardise(xt, xv, features, table)

    feature_names = [table.names[j] for j in features]
    meta = {
        "feature_names": feature_names,
        "target_name": table.names[t],
        "feature_mean": mean.tolist(),
        "feature_std": std.tolist(),
        "source": str(table.path),
        "has_header": table.has_header,
        "task": task,
    }
    if task == "classification":
        meta["target_names"] = target_names
        meta["baseline"] = majority_accuracy(y, n_classes)
        meta["baseline_kind"] = "accuracy"
        what = f"{n_classes} classes"
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            meta["baseline"] = float(np.mean((yv - yt.mean(axis=0)) ** 2))
        meta["baseline_kind"] = "mse"
        what = "regression"
    if len(features) == 2:
        meta["bounds"] = data_bounds(np.concatenate([xt, xv]))
    meta["description"] = (f"Imported from {fname}: {len(table.rows)} rows, {len(features)} "
                           f"features, target {table.names[t]!r} ({what}). Features are "
                           "standardised.")
    kind = "classification" if task == "classification" else "regression"
    return Dataset("csv", fname, kind, xt, yt, xv, yv, n_classes=n_classes, meta=meta)
