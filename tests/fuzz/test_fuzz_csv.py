"""Fuzz: any CSV file gives a clean ``Dataset`` or one ``DataError``, never another exception.

Generated files: random tables (1-6 columns, 0-120 rows, comma / semicolon / tab / pipe, with or
without a header, CR / LF / CRLF), ragged rows, NaN / inf / 1e309 / 400-digit cells, text in
number columns, damaged bytes, Latin-1, NUL bytes, a BOM, one column, header only, empty files and
pure junk. Each is imported as a table (``load_csv``, random target / task / split / seed) and
as a time series (``csv_series``). Examples per CI run: 350 + 150 = 500 (derandomized).

Properties: a ``Dataset`` has finite arrays of consistent shapes (and labels in range), or a
``DataError`` with a message says why; the file is never changed and nothing big is allocated.
Devices, pipes, folders and oversized files are refused before anything is read.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nnsim.data import DataError, Dataset, load_csv, make_dataset

from .strategies import PEAK_LIMIT, PeakMemory, csv_bytes, snapshot_dir

FUZZ = dict(derandomize=True, database=None, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# mostly the defaults (so that most files get as far as the numbers), sometimes anything
targets = st.one_of(st.none(), st.none(), st.none(), st.just(""), st.integers(-8, 8),
                    st.sampled_from(["a", "y", "column 1", "column 2", "target", "x", " 0 ", "-1",
                                     "1e3", "é"]), st.booleans(), st.floats(allow_nan=True))
tasks = st.sampled_from(["auto", "auto", "auto", "classification", "regression", "clustering",
                         ""])
fractions = st.one_of(st.just(0.2), st.just(0.2), st.sampled_from([0.05, 0.9, 0.5]),
                      st.floats(allow_nan=True), st.integers(-1, 2), st.booleans())
seeds = st.one_of(st.just(0), st.integers(0, 2**32 - 1), st.sampled_from([-1, 2**70, 1.5, True,
                                                                            None]))


def check_dataset(ds: Dataset) -> None:
    assert isinstance(ds, Dataset)
    for a in (ds.x_train, ds.x_val, ds.y_train, ds.y_val):
        assert np.isfinite(a).all()
    assert ds.n_train >= 1 and ds.x_train.shape[1:] == ds.x_val.shape[1:]
    names = ds.meta.get("feature_names")
    if names is not None:
        assert len(names) == ds.x_train.shape[-1]
    if ds.kind == "classification":
        assert ds.n_classes >= 2 and len(ds.meta.get("target_names", [0, 0])) == ds.n_classes
    assert isinstance(ds.meta.get("description", ""), str)


def check_error(e: DataError) -> None:
    assert str(e).strip(), "a DataError must say what is wrong"


def import_and_check(raw: bytes, call) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.csv"
        path.write_bytes(raw)
        before = snapshot_dir(tmp)
        with PeakMemory() as mem:
            try:
                ds = call(path)
            except DataError as e:
                check_error(e)
                event("DataError")
            else:
                check_dataset(ds)
                event(f"Dataset ({ds.kind})")
        assert snapshot_dir(tmp) == before, "importing a CSV file changed the folder"
        assert mem.peak < PEAK_LIMIT


arguments = st.one_of(st.just((None, "auto", 0.2, 0)), st.tuples(targets, tasks, fractions, seeds))


@settings(max_examples=350, **FUZZ)
@given(csv_bytes(), arguments)
def test_load_csv_gives_a_dataset_or_a_data_error(raw, args):
    target, task, val_fraction, seed = args
    import_and_check(raw, lambda p: load_csv(p, target=target, task=task,
                                              val_fraction=val_fraction, seed=seed))


@settings(max_examples=150, **FUZZ)
@given(csv_bytes(), st.one_of(st.just(""), st.just(""), st.integers(-3, 3),
                             st.sampled_from(["a", "y", "x"])),
       st.one_of(st.integers(2, 20), st.integers(-2, 130),
                 st.sampled_from([1000, 1001, 10**9, 2.5, "5"])))
def test_csv_series_gives_a_dataset_or_a_data_error(raw, column, length):
    import_and_check(raw, lambda p: make_dataset("csv_series", path=str(p), column=column,
                                                  length=length))


# --------------------------------------------------------------------------- special files


def _fifo(tmp_path: Path) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    path = tmp_path / "pipe.csv"
    os.mkfifo(path)
    return str(path)


def _sparse(tmp_path: Path) -> str:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(51 * 2**20)  # 51 MB, sparse: costs no disk
    return str(path)


def _symlink_to_zero(tmp_path: Path) -> str:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    return str(link)


@pytest.mark.parametrize("make,message", [
    (lambda t: "/dev/zero" if os.path.exists("/dev/zero") else pytest.skip("no /dev/zero"),
     "not a regular file"),
    (_symlink_to_zero, "not a regular file"),
    (_fifo, "not a regular file"),
    (lambda t: str(t), "is a folder"),
    (lambda t: str(t / "missing.csv"), "file not found"),
    (lambda t: "", "no CSV file chosen"),
    (_sparse, "MB"),
], ids=["dev-zero", "symlink-to-dev-zero", "fifo", "folder", "missing", "empty-name", "51MB"])
@pytest.mark.parametrize("name", ["csv", "csv_series"])
def test_files_that_never_end_or_block_are_refused_before_reading(tmp_path, make, message, name):
    """/dev/zero was read until memory ran out and a named pipe blocked the app for ever (found
    by fuzzing the data set path of project files); both are refused by their file type now."""
    path = make(tmp_path)
    result = {}

    def run():
        try:
            with PeakMemory() as mem:
                make_dataset(name, path=path)
        except DataError as e:
            result["error"] = str(e)
            result["peak"] = mem.peak
        except BaseException as e:  # reported below, not swallowed
            result["error"] = e

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(20)
    if t.is_alive():  # unblock a reader stuck on the pipe, then fail
        with open(path, "wb"):
            pass
        t.join(5)
        pytest.fail(f"reading {path} blocked")
    assert isinstance(result.get("error"), str), result
    assert message in result["error"]
    assert result["peak"] < 10 * 2**20


def test_a_series_too_large_to_standardise_is_refused(tmp_path):
    """csv_series of a column of 1e308: the mean overflowed and the data set came out all NaN
    (training then failed at step 1 with no word about the file)."""
    path = tmp_path / "big.csv"
    path.write_text("a,b\n" + "\n".join(f"1e308,{i}" for i in range(20)))
    with pytest.raises(DataError, match="too large to work with"):
        make_dataset("csv_series", path=str(path), column=0, length=2)
