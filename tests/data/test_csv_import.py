"""Importing a user's CSV file: the happy paths, and a clear DataError for every bad file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnsim.data import DataError, Dataset, load_csv, make_dataset
from nnsim.data.csv_import import MAX_BYTES


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def table(n: int = 20, header: str | None = "x1,x2,label", sep: str = ",") -> str:
    """``n`` rows of two numeric features and a cat/dog label that depends on x1."""
    rows = [header] if header else []
    rows += [sep.join([f"{i * 0.5:g}", f"{(i * 7) % 5 - 2}", "cat" if i % 2 else "dog"])
             for i in range(n)]
    return "\n".join(rows) + "\n"


# --------------------------------------------------------------------------- happy paths


def test_header_string_labels_and_standardised_features(tmp_path):
    ds = load_csv(write(tmp_path, table(40)), seed=3)
    assert ds.kind == "classification" and ds.n_classes == 2
    assert ds.meta["target_names"] == ["cat", "dog"]
    assert ds.meta["feature_names"] == ["x1", "x2"] and ds.meta["target_name"] == "label"
    assert ds.meta["has_header"] is True and ds.n_train + ds.n_val == 40
    np.testing.assert_allclose(ds.x_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1.0)
    # meta mean/std map standardised values back to the file's values
    raw = ds.x_val * ds.meta["feature_std"] + ds.meta["feature_mean"]
    np.testing.assert_allclose(raw[:, 0] * 2, np.round(raw[:, 0] * 2), atol=1e-9)
    assert raw[:, 0].min() >= 0 and raw[:, 0].max() <= 19.5
    assert "bounds" in ds.meta  # two features: the decision-surface view works


def test_labels_follow_their_rows(tmp_path):
    ds = load_csv(write(tmp_path, table(40)), val_fraction=0.25)
    x1 = np.concatenate([ds.x_train, ds.x_val])[:, 0] * ds.meta["feature_std"][0] \
        + ds.meta["feature_mean"][0]
    y = np.concatenate([ds.y_train, ds.y_val])
    i = np.round(x1 / 0.5).astype(int)
    np.testing.assert_array_equal(y, np.where(i % 2, 0, 1))  # cat = 0, dog = 1
    assert ds.n_val == 10


def test_no_header_is_detected_and_columns_get_numbered(tmp_path):
    ds = load_csv(write(tmp_path, table(20, header=None)))
    assert ds.meta["has_header"] is False
    assert ds.meta["feature_names"] == ["column 1", "column 2"]
    assert ds.meta["target_name"] == "column 3"
    assert ds.n_train + ds.n_val == 20


@pytest.mark.parametrize("sep", [";", "\t"])
def test_semicolon_and_tab_separated_files(tmp_path, sep):
    ds = load_csv(write(tmp_path, table(20, header=sep.join(["a", "b", "c"]), sep=sep)))
    assert ds.meta["feature_names"] == ["a", "b"] and ds.n_classes == 2


def test_bom_blank_lines_spaces_and_trailing_delimiters_are_tolerated(tmp_path):
    lines = ["x , y , t ,"] + [f" {i} , {i % 3} , {i % 2} ," for i in range(12)]
    lines.insert(5, "")
    lines.insert(8, "   ")
    path = tmp_path / "messy.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    ds = load_csv(path)
    assert ds.meta["feature_names"] == ["x", "y"] and ds.meta["target_name"] == "t"
    assert ds.n_train + ds.n_val == 12 and ds.n_classes == 2


def test_target_by_name_index_and_negative_index(tmp_path):
    path = write(tmp_path, "a,b,c\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(20)))
    by_name = load_csv(path, target="b")
    assert by_name.meta["target_name"] == "b" and by_name.meta["feature_names"] == ["a", "c"]
    assert by_name.n_classes == 3
    assert load_csv(path, target=0).meta["target_name"] == "a"
    assert load_csv(path, target=-1).meta["target_name"] == "c"
    assert load_csv(path, target="0").meta["target_name"] == "a"
    assert load_csv(path, target="B").meta["target_name"] == "b"


def test_a_text_column_as_feature_suggests_making_it_the_target(tmp_path):
    msg = errors(write(tmp_path, table(20)), target="x2")
    assert msg.startswith("row 2, column 'label': 'dog' is not a number")
    assert "choose it as the target" in msg


def test_auto_task_numeric_targets(tmp_path):
    rows = ["a,b,y"] + [f"{i},{i * i % 7},{i * 0.37:.3f}" for i in range(30)]
    ds = load_csv(write(tmp_path, "\n".join(rows)))
    assert ds.kind == "regression" and ds.y_train.shape == (ds.n_train, 1)
    assert ds.meta["baseline_kind"] == "mse"
    rows = ["a,b,y"] + [f"{i},{i * 0.1},{i % 3}" for i in range(30)]
    ds = load_csv(write(tmp_path, "\n".join(rows)))
    assert ds.kind == "classification" and ds.meta["target_names"] == ["0", "1", "2"]
    ds = load_csv(write(tmp_path, "\n".join(rows)), task="regression")
    assert ds.kind == "regression"
    np.testing.assert_array_equal(np.unique(ds.y_train), [0.0, 1.0, 2.0])


def test_numeric_class_labels_sort_numerically(tmp_path):
    rows = ["a,y"] + [f"{i},{[2, 10, 1.0][i % 3]}" for i in range(30)]
    ds = load_csv(write(tmp_path, "\n".join(rows)), task="classification")
    assert ds.meta["target_names"] == ["1", "2", "10"]


def test_huge_and_constant_feature_values_still_standardise(tmp_path):
    rows = ["a,b,c,y"] + [f"{(i + 1) * 1e200!r},7,{1.7e308 if i % 2 else -1.7e308!r},{i % 2}"
                          for i in range(20)]
    ds = load_csv(write(tmp_path, "\n".join(rows)))
    assert np.isfinite(ds.x_train).all() and np.isfinite(ds.x_val).all()
    np.testing.assert_array_equal(ds.x_train[:, 1], 0.0)  # constant column: centred, std 1
    assert ds.meta["feature_std"][1] == 1.0


def test_regression_targets_keep_their_values(tmp_path):
    rows = ["a,y"] + [f"{i},{1000 + i}" for i in range(30)]
    ds = load_csv(write(tmp_path, "\n".join(rows)), task="regression", val_fraction=0.5)
    y = np.concatenate([ds.y_train, ds.y_val])[:, 0]
    np.testing.assert_array_equal(np.sort(y), 1000 + np.arange(30))


def test_make_dataset_csv_and_seed(tmp_path):
    path = write(tmp_path, table(50))
    a = make_dataset("csv", path=str(path), target="label", seed=5)
    b = make_dataset("csv", path=path, target="label", seed=5)
    c = make_dataset("csv", path=str(path), target="label", seed=6)
    np.testing.assert_array_equal(a.x_train, b.x_train)
    assert not np.array_equal(a.x_train, c.x_train)
    assert a.meta["params"]["path"] == str(path) and a.title == "data.csv"
    assert make_dataset("csv", path=str(path), target=-1).meta["target_name"] == "label"


# --------------------------------------------------------------------------- error messages


def errors(path, **kw) -> str:
    with pytest.raises(DataError) as err:
        load_csv(path, **kw)
    return str(err.value)


def test_missing_file(tmp_path):
    assert "file not found" in errors(tmp_path / "nope.csv")
    assert "no CSV file chosen" in errors("")


def test_folder_instead_of_file(tmp_path):
    assert "is a folder" in errors(tmp_path)


def test_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path, table())

    def deny(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert "cannot read" in errors(path) and "permission denied" in errors(path)


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("name,size\ncafé,1\n".encode("latin-1"))
    msg = errors(path)
    assert "is not UTF-8 text" in msg and "0xe9" in msg


def test_binary_file(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(b"1,2\x00\x00,3\n" * 20)
    assert "binary" in errors(path)


@pytest.mark.parametrize("content", ["", "\n\n  \n", " , , \n,,\n"])
def test_empty_file(tmp_path, content):
    msg = errors(write(tmp_path, content))
    assert "empty" in msg or "no data" in msg


def test_file_over_50_mb_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:  # sparse: no real 51 MB written
        fh.truncate(MAX_BYTES + 1024 * 1024)

    def must_not_read(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    msg = errors(path)
    assert "51.0 MB" in msg and "at most 50 MB" in msg


def test_ragged_rows(tmp_path):
    lines = ["a,b,c,d"] + ["1,2,3,4"] * 5 + ["1,2,3"] + ["1,2,3,4"] * 10
    assert errors(write(tmp_path, "\n".join(lines))) == "row 7 has 3 columns, expected 4"


def test_non_numeric_feature_cell(tmp_path):
    lines = ["x1,x2,y"] + [f"{i},{i},{i % 2}" for i in range(15)]
    lines[11] = "3,abc,1"
    assert errors(write(tmp_path, "\n".join(lines))) == "row 12, column 'x2': 'abc' is not a number"


def test_non_numeric_cell_without_header_names_the_column_by_number(tmp_path):
    lines = [f"{i},{i},{i % 2}" for i in range(15)]
    lines[3] = "oops,1,0"
    assert "row 4, column 'column 1': 'oops' is not a number" in errors(
        write(tmp_path, "\n".join(lines)))


def test_empty_feature_cell(tmp_path):
    lines = ["x1,x2,y"] + [f"{i},{i},{i % 2}" for i in range(15)]
    lines[4] = "3,,1"
    assert "row 5, column 'x2' is empty" in errors(write(tmp_path, "\n".join(lines)))


@pytest.mark.parametrize("bad", ["nan", "NaN", "inf", "-Infinity", "1e999"])
def test_nan_and_inf_are_refused(tmp_path, bad):
    lines = ["x1,x2,y"] + [f"{i},{i},{i % 2}" for i in range(15)]
    lines[9] = f"{bad},1,0"
    msg = errors(write(tmp_path, "\n".join(lines)))
    assert f"row 10, column 'x1': '{bad}' is not a finite number" in msg
    assert "NaN and infinity are not allowed" in msg


def test_nan_in_regression_target(tmp_path):
    lines = ["x,y"] + [f"{i},{i * 0.5}" for i in range(15)]
    lines[3] = "2,nan"
    assert "row 4, column 'y': 'nan' is not a finite number" in errors(
        write(tmp_path, "\n".join(lines)), task="regression")


def test_text_in_regression_target(tmp_path):
    assert "row 2, column 'label': 'dog' is not a number" in errors(
        write(tmp_path, table()), task="regression")


def test_fewer_than_ten_rows(tmp_path):
    assert "only 9 data rows; at least 10 are needed" in errors(write(tmp_path, table(9)))


def test_single_column(tmp_path):
    assert "only one column" in errors(write(tmp_path, "y\n" + "1\n" * 20))


def test_target_not_found_lists_the_columns(tmp_path):
    msg = errors(write(tmp_path, table()), target="species")
    assert msg == "target column 'species' not found; the columns are: x1, x2, label"
    assert "out of range" in errors(write(tmp_path, table()), target=3)


def test_more_than_100_classes(tmp_path):
    lines = ["x,y"] + [f"{i},class{i}" for i in range(150)]
    msg = errors(write(tmp_path, "\n".join(lines)))
    assert "150 different values" in msg and "at most 100 classes" in msg


def test_only_one_class(tmp_path):
    lines = ["x,y"] + [f"{i},yes" for i in range(20)]
    assert "only one class" in errors(write(tmp_path, "\n".join(lines)))


def test_bad_arguments(tmp_path):
    path = write(tmp_path, table())
    assert "task must be one of auto, classification, regression" in errors(path, task="cluster")
    assert "val_fraction" in errors(path, val_fraction=0.99)
    assert "seed" in errors(path, seed=-3)
    assert "file name" in errors(12345)


def test_make_dataset_csv_without_a_path():
    with pytest.raises(DataError, match="no CSV file chosen"):
        make_dataset("csv")


# --------------------------------------------------------------------------- csv_series


def test_csv_series_windows_predict_the_next_value(tmp_path):
    values = np.round(np.sin(np.arange(120) * 0.3) * 10 + 50, 3)
    lines = ["day,temp"] + [f"{i},{v}" for i, v in enumerate(values)]
    ds = make_dataset("csv_series", path=str(write(tmp_path, "\n".join(lines))), column="temp",
                      length=8, val_fraction=0.25)
    assert ds.input_shape == (8, 1) and ds.kind == "regression" and ds.y_train.shape[1] == 1
    assert ds.n_train + ds.n_val == 112
    mean, std = ds.meta["series_mean"], ds.meta["series_std"]
    back = lambda a: a * std + mean  # noqa: E731
    # validation windows are the last ones, in order: the very last target is the last value
    assert back(ds.y_val[-1, 0]) == pytest.approx(values[-1])
    np.testing.assert_allclose(back(ds.x_val[-1, :, 0]), values[-9:-1])
    # every training window is a contiguous run of the series followed by its next value
    for xw, yw in zip(back(ds.x_train[:, :, 0]), back(ds.y_train[:, 0])):
        start = int(np.argmin(np.abs(values[: len(values) - 8] - xw[0])
                              + np.abs(values[1: len(values) - 7] - xw[1])))
        np.testing.assert_allclose(xw, values[start:start + 8], atol=1e-9)
        assert yw == pytest.approx(values[start + 8])


def test_csv_series_errors(tmp_path):
    path = write(tmp_path, "v\n" + "".join(f"{i}\n" for i in range(25)))
    with pytest.raises(DataError, match="has 25 values; windows of 20 need at least 30"):
        make_dataset("csv_series", path=str(path), length=20)
    with pytest.raises(DataError, match="series column 'w' not found; the columns are: v"):
        make_dataset("csv_series", path=str(path), column="w")
    with pytest.raises(DataError, match="file not found"):
        make_dataset("csv_series", path=str(tmp_path / "gone.csv"))
    bad = write(tmp_path, "v\n" + "".join(f"{i}\n" for i in range(25)) + "x\n", "bad.csv")
    with pytest.raises(DataError, match="row 27, column 'v': 'x' is not a number"):
        make_dataset("csv_series", path=str(bad), length=5)


# --------------------------------------------------------------------------- junk never crashes

CELLS = st.one_of(
    st.integers(-10**6, 10**6).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-inf", "abc", "1e999", "\"", "\"a,b\"",
                     "0x10", "1_000", "１", "∞", "é", "\\", "'"]),
    st.text(max_size=6),
)
ROWS = st.lists(st.lists(CELLS, min_size=1, max_size=5), min_size=0, max_size=25)


def _check_valid(ds: Dataset) -> None:
    assert ds.n_train >= 1 and ds.n_val >= 1
    assert np.isfinite(ds.x_train).all() and np.isfinite(ds.x_val).all()
    if ds.kind == "classification":
        assert 2 <= ds.n_classes <= 100
    else:
        assert np.isfinite(ds.y_train).all()


def _load_or_dataerror(path: Path, **kw) -> None:
    try:
        ds = load_csv(path, **kw)
    except DataError as exc:
        assert str(exc)
    else:
        _check_valid(ds)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, sep=st.sampled_from([",", ";", "\t"]),
       target=st.one_of(st.none(), st.integers(-6, 6), st.text(max_size=4)),
       task=st.sampled_from(["auto", "classification", "regression"]))
def test_random_csv_tables_give_a_dataset_or_a_dataerror(tmp_path, rows, sep, target, task):
    path = tmp_path / "junk.csv"
    path.write_text("\n".join(sep.join(r) for r in rows), encoding="utf-8")
    _load_or_dataerror(path, target=target, task=task)


@st.composite
def nearly_valid_tables(draw) -> str:
    """Rectangular tables of numbers with a few bad cells: these reach the parsers."""
    width, n = draw(st.integers(2, 4)), draw(st.integers(8, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    kinds = rng.integers(0, 3, size=(n, width))
    numbers = np.where(kinds == 0, rng.integers(-3, 4, size=(n, width)),
                       np.where(kinds == 1, rng.normal(0, 100, size=(n, width)),
                                10.0 ** rng.uniform(-300, 300, size=(n, width))))
    rows = [[repr(float(v)) if k else str(int(v)) for v, k in zip(r, kr)]
            for r, kr in zip(numbers, kinds)]
    for _ in range(draw(st.integers(0, 3))):
        rows[draw(st.integers(0, n - 1))][draw(st.integers(0, width - 1))] = draw(CELLS)
    if draw(st.booleans()):
        rows.insert(0, [f"c{j}" for j in range(width)])
    return "\n".join(",".join(r) for r in rows)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nearly_valid_tables(), task=st.sampled_from(["auto", "classification", "regression"]))
def test_nearly_valid_tables_give_a_dataset_or_a_dataerror(tmp_path, text, task):
    path = tmp_path / "nearly.csv"
    path.write_text(text, encoding="utf-8")
    _load_or_dataerror(path, task=task)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_bytes_give_a_dataset_or_a_dataerror(tmp_path, data):
    path = tmp_path / "junk.csv"
    path.write_bytes(data)
    _load_or_dataerror(path)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.lists(st.floats(allow_nan=True, allow_infinity=True, width=32), max_size=40),
       length=st.integers(1, 30))
def test_random_series_give_a_dataset_or_a_dataerror(tmp_path, values, length):
    path = tmp_path / "series.csv"
    path.write_text("v\n" + "\n".join(repr(v) for v in values), encoding="utf-8")
    try:
        ds = make_dataset("csv_series", path=str(path), length=max(length, 2))
    except DataError:
        return
    assert np.isfinite(ds.x_train).all() and np.isfinite(ds.y_train).all()
