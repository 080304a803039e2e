"""Regression curves and the bundled digits."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.data import make_dataset
from nnsim.data.regression import bump_surface


@pytest.mark.parametrize("freq", [0.5, 1.0, 3.0])
def test_sine_follows_its_formula_without_noise(freq):
    ds = make_dataset("sine", noise=0.0, freq=freq)
    assert ds.input_shape == (1,) and ds.y_train.shape == (ds.n_train, 1)
    np.testing.assert_allclose(ds.y_train, np.sin(freq * np.pi * ds.x_train))
    assert ds.x_train.min() >= -1.0 and ds.x_train.max() <= 1.0
    assert ds.meta["bounds"] == ((-1.0, 1.0),)
    lo, hi = ds.meta["y_bounds"]
    assert lo <= ds.y_train.min() and ds.y_train.max() <= hi


def test_sine_noise_has_the_requested_spread():
    ds = make_dataset("sine", noise=0.2, n_samples=20_000)
    resid = ds.y_train - np.sin(np.pi * ds.x_train)
    assert resid.std() == pytest.approx(0.2, rel=0.05)


def test_sine_baseline_is_the_mse_of_the_mean():
    ds = make_dataset("sine", noise=0.0, n_samples=20_000)
    assert ds.meta["baseline"] == pytest.approx(0.5, abs=0.02)  # Var(sin(pi U)) = 1/2


def test_surface_is_a_smooth_function_of_two_inputs():
    ds = make_dataset("surface", noise=0.0)
    assert ds.input_shape == (2,) and ds.output_dim == 1
    np.testing.assert_allclose(ds.y_train, bump_surface(ds.x_train))
    assert ds.y_train.max() > 0.8 and ds.y_train.min() < -0.4  # a hill and a pit
    assert ds.meta["bounds"] == ((-1.0, 1.0), (-1.0, 1.0))


def test_digits_are_the_1797_uci_images():
    ds = make_dataset("digits")
    assert ds.n_train + ds.n_val == 1797
    assert ds.input_shape == (64,) and ds.n_classes == 10
    assert ds.meta["image_shape"] == (8, 8)
    assert ds.meta["target_names"] == [str(d) for d in range(10)]
    x = np.concatenate([ds.x_train, ds.x_val])
    y = np.concatenate([ds.y_train, ds.y_val])
    assert x.min() == 0.0 and x.max() == 1.0
    np.testing.assert_allclose(x * 16, np.round(x * 16))  # integer counts 0..16, scaled
    counts = np.bincount(y, minlength=10)
    assert counts.sum() == 1797 and counts.min() >= 170  # every digit about 180 times
    assert ds.meta["baseline"] == pytest.approx(counts.max() / 1797)


def test_digits_look_like_digits():
    """The mean '0' has a hole in the middle; the mean '1' is bright there."""
    ds = make_dataset("digits")
    x = np.concatenate([ds.x_train, ds.x_val]).reshape(-1, 8, 8)
    y = np.concatenate([ds.y_train, ds.y_val])
    centre = x[:, 2:6, 3:5].mean(axis=(1, 2))
    assert centre[y == 0].mean() < 0.25 < 0.5 < centre[y == 1].mean()


def test_digits_split_depends_on_seed_and_val_fraction():
    a, b = make_dataset("digits", seed=1), make_dataset("digits", seed=2)
    assert not np.array_equal(a.y_train, b.y_train)
    assert make_dataset("digits", val_fraction=0.5).n_val in (898, 899)
