"""Losses: values against their formulas written by hand, gradients against finite differences,
stability on huge logits, and the time axis (every step counts as a sample)."""

import numpy as np
import pytest

from nnsim.engine.gradcheck import check_network, relative_error
from nnsim.engine.layers import Dense
from nnsim.engine.losses import LOSSES, get_loss
from nnsim.engine.network import Network

TOL = 1e-6


def numeric_grad(loss, out, y, eps=1e-6):
    """Central differences of ``loss.forward(out, y)`` with respect to ``out`` (float64)."""
    g = np.zeros_like(out)
    for i in np.ndindex(out.shape):
        old = out[i]
        out[i] = old + eps
        plus = loss.forward(out, y)
        out[i] = old - eps
        minus = loss.forward(out, y)
        out[i] = old
        g[i] = (plus - minus) / (2 * eps)
    return g


def sample(name, shape, rng):
    """Logits ``out`` of ``shape`` and matching targets for the loss ``name``."""
    out = rng.normal(0, 2, size=shape)
    if name == "cross_entropy":
        y = rng.integers(0, shape[-1], size=shape[:-1])  # an int label per sample (and step)
    elif name == "bce":
        y = rng.integers(0, 2, size=shape).astype(float)
    else:
        y = rng.normal(size=shape)
    return out, y


def test_registry_and_unknown_name():
    assert sorted(LOSSES) == ["bce", "cross_entropy", "mse"]
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        get_loss("hinge")


# -- gradients ------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["mse", "cross_entropy", "bce"])
@pytest.mark.parametrize("shape", [(5, 3), (4, 3, 3)], ids=["batch", "batch-time"])
def test_loss_gradient_matches_finite_differences(name, shape):
    if name == "bce":
        shape = shape[:-1] + (1,)
    rng = np.random.default_rng(0)
    out, y = sample(name, shape, rng)
    loss = get_loss(name)
    loss.forward(out, y)
    analytic = loss.backward().copy()
    assert analytic.shape == out.shape
    assert relative_error(analytic, numeric_grad(loss, out, y)) < TOL


@pytest.mark.parametrize("name", ["mse", "cross_entropy", "bce"])
def test_loss_through_a_network_with_a_time_axis(name):
    """(batch, time, features) in; Dense applies at every step; per-step targets."""
    k = 1 if name == "bce" else 3
    net = Network.sequential((4, 2), [Dense(5, "tanh"), Dense(k)], loss=name, seed=3,
                             dtype="float64")
    rng = np.random.default_rng(1)
    x = rng.normal(size=(3, 4, 2))
    _, y = sample(name, (3, 4, k), rng)
    errors = check_network(net, x, y)
    assert max(errors.values()) < TOL, errors


# -- values against the formulas ------------------------------------------------------------------
def test_cross_entropy_is_minus_log_probability_of_the_true_class():
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0]])
    y = np.array([0, 2])
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    by_hand = -(np.log(p[0, 0]) + np.log(p[1, 2])) / 2
    ce = get_loss("cross_entropy")
    assert ce.forward(z, y) == pytest.approx(by_hand, rel=1e-12)
    onehot = np.array([[1.0, 0, 0], [0, 0, 1.0]])
    np.testing.assert_allclose(ce.backward(), (p - onehot) / 2, rtol=1e-12)
    np.testing.assert_allclose(ce.predict(z), p, rtol=1e-12)
    assert ce.accuracy(z, y) == 0.5


def test_cross_entropy_with_time_axis_counts_every_step():
    z = np.random.default_rng(0).normal(size=(2, 3, 4))
    y = np.array([[0, 1, 3], [2, 2, 0]])
    ce = get_loss("cross_entropy")
    flat = get_loss("cross_entropy").forward(z.reshape(6, 4), y.reshape(6))
    assert ce.forward(z, y) == pytest.approx(flat, rel=1e-12)
    assert ce.backward().shape == (2, 3, 4)


def test_cross_entropy_refuses_a_label_out_of_range():
    with pytest.raises(IndexError):
        get_loss("cross_entropy").forward(np.zeros((2, 3)), np.array([0, 3]))


def test_bce_matches_its_formula():
    z = np.array([[-3.0], [-0.2], [0.0], [1.5], [4.0]])
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0])
    s = 1.0 / (1.0 + np.exp(-z[:, 0]))
    by_hand = -np.mean(y * np.log(s) + (1 - y) * np.log(1 - s))
    bce = get_loss("bce")
    assert bce.forward(z, y) == pytest.approx(by_hand, rel=1e-12)
    np.testing.assert_allclose(bce.backward()[:, 0], (s - y) / 5, rtol=1e-12)
    np.testing.assert_allclose(bce.predict(z)[:, 0], s, rtol=1e-12)
    assert bce.accuracy(z, y) == pytest.approx(2 / 5)  # predicts 0,0,0,1,1


def test_mse_matches_its_formula_and_predict_returns_a_copy():
    out = np.array([[1.0, 2.0], [3.0, 5.0]])
    y = np.array([[1.5, 2.0], [2.0, 1.0]])
    mse = get_loss("mse")
    assert mse.forward(out, y) == pytest.approx((0.25 + 0 + 1 + 16) / 4)
    np.testing.assert_allclose(mse.backward(), 2 * (out - y) / 4)
    p = mse.predict(out)
    np.testing.assert_array_equal(p, out)
    out[0, 0] = 99.0
    assert p[0, 0] == 1.0
    assert mse.accuracy(out, y) is None


# -- stability ------------------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_cross_entropy_is_stable_on_huge_logits(dtype):
    z = np.array([[1e4, 0.0, -1e4], [1e4, 0.0, -1e4], [-1e4, -1e4, 1e4]], dtype=dtype)
    y = np.array([0, 1, 2])
    ce = get_loss("cross_entropy")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss = ce.forward(z, y)
    g = ce.backward()
    assert np.isfinite(loss) and np.all(np.isfinite(g))
    # rows 0 and 2 are right and certain (loss 0); row 1 is wrong by 1e4
    assert loss == pytest.approx(1e4 / 3, rel=1e-6)
    np.testing.assert_allclose(g[1], np.array([1.0, -1.0, 0.0]) / 3, atol=1e-7)
    assert np.all(np.isfinite(ce.predict(z)))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_bce_is_stable_on_huge_logits(dtype):
    z = np.array([[1e4], [-1e4], [1e4], [-1e4]], dtype=dtype)
    y = np.array([1.0, 0.0, 0.0, 1.0])
    bce = get_loss("bce")
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        loss = bce.forward(z, y)
    g = bce.backward()
    assert np.isfinite(loss) and np.all(np.isfinite(g))
    assert loss == pytest.approx(2e4 / 4, rel=1e-6)  # two right (0), two wrong by 1e4
    np.testing.assert_allclose(g[:, 0], [0.0, 0.0, 0.25, -0.25], atol=1e-7)


def test_loss_gradients_keep_the_network_dtype():
    rng = np.random.default_rng(0)
    for name in LOSSES:
        shape = (4, 1) if name == "bce" else (4, 3)
        out, y = sample(name, shape, rng)
        loss = get_loss(name)
        loss.forward(out.astype(np.float32), y)
        assert loss.backward().dtype == np.float32, name


def test_cross_entropy_right_after_the_batch_size_changes():
    """The fused loss reuses buffers per batch size; switching sizes must not mix results."""
    rng = np.random.default_rng(2)
    ce = get_loss("cross_entropy")
    for m in (4, 7, 4, 1):
        z = rng.normal(size=(m, 3))
        y = rng.integers(0, 3, size=m)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        assert ce.forward(z, y) == pytest.approx(-np.mean(np.log(p[np.arange(m), y])), rel=1e-12)
        np.testing.assert_allclose(ce.backward(), (p - np.eye(3)[y]) / m, rtol=1e-10, atol=1e-15)
