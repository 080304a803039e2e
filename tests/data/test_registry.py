"""The catalogue: every dataset builds with its defaults, honours its seed and checks its params."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.data import DATASETS, DataError, Dataset, groups, make_dataset, validate_params

BUILTIN = [name for name in DATASETS if not name.startswith("csv")]


def test_catalogue_lists_the_promised_datasets():
    expected = {"xor", "circles", "gaussians", "spirals", "moons", "checkerboard", "sine",
                "surface", "digits", "sine_wave", "adding", "memory", "delayed_xor", "text",
                "csv_series", "csv"}
    assert expected <= set(DATASETS)
    assert groups()["2-D classification"] == ["xor", "circles", "gaussians", "spirals", "moons",
                                               "checkerboard"]
    for info in DATASETS.values():
        assert info.kind in ("classification", "regression", "auto")
        for key, p in info.params.items():
            assert p.type in ("int", "float", "str", "bool"), (info.name, key)
            assert p.help, (info.name, key)
    # every default passes its own validation
    for name in DATASETS:
        assert validate_params(name) == DATASETS[name].defaults()


@pytest.mark.parametrize("name", BUILTIN)
def test_defaults_give_a_consistent_dataset(name):
    info = DATASETS[name]
    ds = make_dataset(name)
    assert isinstance(ds, Dataset)
    assert ds.name == name and ds.kind == info.kind
    assert ds.n_train > ds.n_val > 0
    for x in (ds.x_train, ds.x_val):
        assert x.dtype == np.float64 and np.isfinite(x).all()
        assert x.shape[1:] == ds.input_shape
    if ds.kind == "classification":
        assert ds.y_train.dtype == np.int64 and ds.n_classes >= 2
        assert ds.output_dim == ds.n_classes
        assert 0 <= ds.y_train.min() and ds.y_train.max() < ds.n_classes
        assert len(ds.meta["target_names"]) == ds.n_classes
    else:
        assert ds.y_train.dtype == np.float64 and ds.n_classes == 0
        assert ds.output_dim == ds.y_train.shape[-1]
    assert ds.is_sequence == (ds.x_train.ndim == 3)
    assert isinstance(ds.meta["baseline"], float)
    assert ds.meta["baseline_kind"] in ("mse", "accuracy")
    assert ds.meta["description"]
    assert ds.meta["params"] == info.defaults()


@pytest.mark.parametrize("name", BUILTIN)
def test_same_seed_same_arrays_other_seed_other_arrays(name):
    a, b = make_dataset(name, seed=7), make_dataset(name, seed=7)
    c = make_dataset(name, seed=8)
    for attr in ("x_train", "y_train", "x_val", "y_val"):
        np.testing.assert_array_equal(getattr(a, attr), getattr(b, attr))
    assert not np.array_equal(a.x_train, c.x_train)


def test_params_in_meta_rebuild_the_same_dataset():
    ds = make_dataset("spirals", n_samples=300, noise=0.2, turns=2.5, seed=4)
    again = make_dataset(ds.name, **ds.meta["params"])
    np.testing.assert_array_equal(ds.x_train, again.x_train)


def test_arrays_are_read_only():
    ds = make_dataset("xor")
    with pytest.raises(ValueError):
        ds.x_train[0, 0] = 5.0


def test_val_fraction_sets_the_split():
    ds = make_dataset("moons", n_samples=1000, val_fraction=0.3)
    assert (ds.n_train, ds.n_val) == (700, 300)


@pytest.mark.parametrize("params, words", [
    (dict(n_samples=5), ["xor", "n_samples", "5", "out of range", "20", "100,000"]),
    (dict(n_samples=1_000_000), ["n_samples", "1000000", "100,000"]),
    (dict(noise=-0.1), ["noise", "-0.1", "from 0 to 1"]),
    (dict(noise="lots"), ["noise", "'lots'", "wrong type", "a number"]),
    (dict(noise=float("nan")), ["noise", "nan", "finite"]),
    (dict(val_fraction=0.95), ["val_fraction", "0.95", "0.05", "0.9"]),
    (dict(seed=-1), ["seed", "-1"]),
    (dict(seed=1.5), ["seed", "1.5", "whole number"]),
    (dict(n_samples=True), ["n_samples", "True", "wrong type"]),
    (dict(colour="red"), ["xor", "unknown parameter", "colour", "'red'", "n_samples"]),
])
def test_bad_parameters_are_named_with_their_value_and_range(params, words):
    with pytest.raises(DataError) as err:
        make_dataset("xor", **params)
    for word in words:
        assert word in str(err.value)


def test_choice_and_range_messages_for_other_datasets():
    with pytest.raises(DataError, match=r"delayed_xor: mode = 'and'.*'xor', 'parity'"):
        make_dataset("delayed_xor", mode="and")
    with pytest.raises(DataError, match=r"gaussians: n_classes = 7 .*from 2 to 6"):
        make_dataset("gaussians", n_classes=7)
    with pytest.raises(DataError, match=r"memory: n_symbols = 9 .*from 2 to 8"):
        make_dataset("memory", n_symbols=9)
    with pytest.raises(DataError, match=r"adding: length = 1001 .*from 2 to 1,000"):
        make_dataset("adding", length=1001)
    with pytest.raises(DataError, match="unknown dataset 'mnist'; available: xor"):
        make_dataset("mnist")
    with pytest.raises(DataError, match="unknown dataset"):
        make_dataset(["xor"])


def test_whole_floats_are_accepted_for_int_params():
    assert make_dataset("xor", n_samples=200.0).n_train == 160


def test_huge_sequence_sets_are_refused_before_allocating():
    with pytest.raises(DataError, match=r"memory.*100,000 x 1,000 x 8.*fewer samples"):
        make_dataset("memory", n_samples=100_000, lag=999, n_symbols=8)
    with pytest.raises(DataError, match="text"):
        make_dataset("text", n_samples=100_000, length=200)


def test_dataset_rejects_inconsistent_arrays():
    x = np.zeros((4, 2))
    with pytest.raises(DataError, match="differ in length"):
        Dataset("t", "t", "classification", x, np.zeros(3, int), x, np.zeros(4, int), n_classes=2)
    with pytest.raises(DataError, match=r"labels must lie in \[0, 2\)"):
        Dataset("t", "t", "classification", x, np.full(4, 2), x, np.zeros(4, int), n_classes=2)
    with pytest.raises(DataError, match="kind"):
        Dataset("t", "t", "clustering", x, np.zeros(4), x, np.zeros(4))
