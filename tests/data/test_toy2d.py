"""The 2-D classification sets look like what their names promise."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.data import make_dataset

TOY = ["xor", "circles", "gaussians", "spirals", "moons", "checkerboard"]


def _all(ds):
    return np.concatenate([ds.x_train, ds.x_val]), np.concatenate([ds.y_train, ds.y_val])


def _nearest_neighbour_accuracy(ds) -> float:
    """Validation accuracy of 1-nearest-neighbour on the training points."""
    d = ((ds.x_val[:, None, :] - ds.x_train[None, :, :]) ** 2).sum(axis=2)
    return float((ds.y_train[d.argmin(axis=1)] == ds.y_val).mean())


def _linear_accuracy(ds) -> float:
    """Training accuracy of a least-squares linear classifier (a straight boundary)."""
    a = np.c_[ds.x_train, np.ones(ds.n_train)]
    w, *_ = np.linalg.lstsq(a, 2.0 * ds.y_train - 1.0, rcond=None)
    return float(((a @ w > 0) == (ds.y_train == 1)).mean())


@pytest.mark.parametrize("name", TOY)
def test_two_features_in_the_unit_square_with_bounds(name):
    ds = make_dataset(name, noise=0.0)
    x, _ = _all(ds)
    assert ds.input_shape == (2,)
    assert np.abs(x).max() <= 1.0 + 1e-12
    (x0, x1), (y0, y1) = ds.meta["bounds"]
    assert x0 <= x[:, 0].min() and x[:, 0].max() <= x1
    assert y0 <= x[:, 1].min() and x[:, 1].max() <= y1
    assert ds.meta["feature_names"] == ["x1", "x2"]


@pytest.mark.parametrize("name", TOY)
def test_classes_are_balanced(name):
    ds = make_dataset(name, n_samples=401)
    _, y = _all(ds)
    counts = np.bincount(y, minlength=ds.n_classes)
    assert counts.max() - counts.min() <= 1
    assert ds.meta["baseline"] == pytest.approx(counts.max() / 401)


@pytest.mark.parametrize("k", [2, 3, 6])
def test_gaussians_has_the_requested_number_of_balanced_classes(k):
    ds = make_dataset("gaussians", n_classes=k, n_samples=600, noise=0.05)
    x, y = _all(ds)
    assert ds.n_classes == k and set(np.unique(y)) == set(range(k))
    assert np.all(np.bincount(y) == 600 // k)
    # tight clusters: each class's points sit around its own centre
    centres = np.array([x[y == c].mean(axis=0) for c in range(k)])
    nearest = ((x[:, None, :] - centres[None]) ** 2).sum(axis=2).argmin(axis=1)
    assert (nearest == y).mean() > 0.99


def test_xor_labels_match_quadrants():
    x, y = _all(make_dataset("xor", n_samples=1000, noise=0.0))
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] > 0).astype(int))
    # all four quadrants are populated
    quadrant = (x[:, 0] > 0) * 2 + (x[:, 1] > 0)
    assert np.all(np.bincount(quadrant, minlength=4) > 200)


def test_xor_noise_jitters_points():
    clean = make_dataset("xor", noise=0.0, seed=1)
    noisy = make_dataset("xor", noise=0.3, seed=1)
    x, y = _all(noisy)
    assert not np.array_equal(clean.x_train, noisy.x_train)
    assert (y != (x[:, 0] * x[:, 1] > 0)).any()


def test_circles_are_separated_by_radius():
    x, y = _all(make_dataset("circles", n_samples=1000, noise=0.0))
    r = np.hypot(x[:, 0], x[:, 1])
    assert r[y == 0].max() <= 0.5 < 0.7 <= r[y == 1].min()
    assert _linear_accuracy(make_dataset("circles", noise=0.0)) < 0.7


def test_spirals_are_not_linearly_separable_but_locally_consistent():
    ds = make_dataset("spirals", n_samples=1000, noise=0.0)
    assert _nearest_neighbour_accuracy(ds) > 0.95
    assert _linear_accuracy(ds) < 0.7
    # the two arms are each other rotated by 180 degrees
    x, y = _all(ds)
    r = np.hypot(x[:, 0], x[:, 1])
    assert 0.04 < r.min() and r.max() <= 1.0


@pytest.mark.parametrize("turns", [0.5, 1.5, 4.0])
def test_spiral_arms_are_archimedean_and_opposite(turns):
    """At radius r, arm 0 is at angle 2*pi*turns*r and arm 1 half a turn further."""
    x, y = _all(make_dataset("spirals", n_samples=1000, noise=0.0, turns=turns))
    r = np.hypot(x[:, 0], x[:, 1])
    expected = 2 * np.pi * turns * r + np.pi * y
    diff = np.angle(np.exp(1j * (np.arctan2(x[:, 1], x[:, 0]) - expected)))
    np.testing.assert_allclose(diff, 0.0, atol=1e-9)


def test_moons_need_a_curved_boundary():
    ds = make_dataset("moons", n_samples=1000, noise=0.0)
    assert _nearest_neighbour_accuracy(ds) > 0.98
    assert _linear_accuracy(ds) < 0.95


@pytest.mark.parametrize("cells", [2, 3, 4, 7])
def test_checkerboard_labels_follow_the_cells(cells):
    x, y = _all(make_dataset("checkerboard", cells=cells, n_samples=2000, noise=0.0))
    idx = np.floor((x + 1.0) / 2.0 * cells).clip(0, cells - 1).astype(int)
    np.testing.assert_array_equal(y, (idx[:, 0] + idx[:, 1]) % 2)
    # every cell gets points
    assert len(np.unique(idx[:, 0] * cells + idx[:, 1])) == cells * cells
