"""Optimisers: each one against a plain reference of its formula, weight decay on weights only,
clipping by global norm, and bit-identical training for a given seed."""

import math

import numpy as np
import pytest

from nnsim.engine.layers import Dense, Dropout
from nnsim.engine.network import Network
from nnsim.engine.optim import OPTIMIZERS, Optimizer, make_optimizer

LR = 0.1


# -- plain references, one formula per line -----------------------------------------------------------
def reference_steps(name, theta, grads, lr=LR, mu=0.9, rho=0.9, b1=0.9, b2=0.999, eps=1e-8):
    """theta after one step per gradient in ``grads``, written as the textbooks write it."""
    theta = theta.copy()
    v = np.zeros_like(theta)  # velocity / running square
    m = np.zeros_like(theta)  # adam's first moment
    for t, g in enumerate(grads, start=1):
        if name == "sgd":
            theta = theta - lr * g
        elif name == "momentum":
            v = mu * v - lr * g
            theta = theta + v
        elif name == "nesterov":
            v_old = v
            v = mu * v - lr * g
            theta = theta - mu * v_old + (1 + mu) * v
        elif name == "rmsprop":
            v = rho * v + (1 - rho) * g**2
            theta = theta - lr * g / (np.sqrt(v) + eps)
        elif name == "adam":
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g**2
            m_hat = m / (1 - b1**t)
            v_hat = v / (1 - b2**t)
            theta = theta - lr * m_hat / (np.sqrt(v_hat) + eps)
    return theta


def run_steps(name, theta0, grads, **kwargs):
    theta = theta0.copy()
    grad = np.zeros_like(theta)
    opt = Optimizer(name, theta, grad, learning_rate=LR, **kwargs)
    for g in grads:
        grad[...] = g  # the network overwrites its gradient vector every step
        opt.step()
    return theta


@pytest.mark.parametrize("name", OPTIMIZERS)
@pytest.mark.parametrize("n_steps", [1, 2, 3])
def test_optimizer_matches_reference(name, n_steps):
    rng = np.random.default_rng(n_steps)
    theta0 = rng.normal(size=7)
    grads = [rng.normal(size=7) for _ in range(n_steps)]
    np.testing.assert_allclose(run_steps(name, theta0, grads), reference_steps(name, theta0, grads),
                               rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", ["rmsprop", "adam"])
def test_adaptive_optimizers_match_reference_on_tiny_gradients(name):
    """Where eps matters (|g| ~ eps) the bias-corrected form must be the textbook one."""
    rng = np.random.default_rng(0)
    theta0 = rng.normal(size=5)
    grads = [rng.normal(size=5) * 1e-8 for _ in range(3)]
    np.testing.assert_allclose(run_steps(name, theta0, grads), reference_steps(name, theta0, grads),
                               rtol=1e-12, atol=1e-15)


def test_unknown_optimizer_is_refused():
    with pytest.raises(ValueError, match="unknown optimiser 'adagrad'.*adam"):
        Optimizer("adagrad", np.zeros(2), np.zeros(2))


def test_reset_forgets_the_moving_averages():
    theta = np.zeros(3)
    grad = np.ones(3)
    opt = Optimizer("momentum", theta, grad, learning_rate=1.0)
    opt.step()
    opt.step()
    opt.reset()
    before = theta.copy()
    opt.step()
    np.testing.assert_allclose(theta - before, -1.0)  # a first step again: no velocity left


# -- weight decay and clipping, on a real network --------------------------------------------------
def small_net(dtype="float64", seed=0, dropout=0.0):
    layers = [Dense(6, "tanh")]
    if dropout:
        layers.append(Dropout(dropout))
    layers += [Dense(3, "relu"), Dense(2)]
    return Network.sequential((4,), layers, loss="cross_entropy", seed=seed, dtype=dtype)


def test_weight_decay_shrinks_weights_but_not_biases():
    net = small_net()
    net.param_vector[...] = np.random.default_rng(0).normal(size=net.n_params)
    before = net.named_parameters()
    before = {k: v.copy() for k, v in before.items()}
    opt = make_optimizer("sgd", net, learning_rate=0.1, weight_decay=0.5)
    net.grad_vector.fill(0.0)  # no data gradient: only the decay acts
    opt.step()
    for name, value in net.named_parameters().items():
        if name.endswith(".W"):
            np.testing.assert_allclose(value, before[name] * (1 - 0.1 * 0.5), rtol=1e-12)
        else:
            np.testing.assert_array_equal(value, before[name])


def test_clipping_caps_the_global_norm():
    theta = np.zeros(4)
    grad = np.array([3.0, 4.0, 0.0, 12.0])  # norm 13
    opt = Optimizer("sgd", theta, grad, learning_rate=1.0, clip_norm=1.0)
    opt.step()
    assert opt.last_grad_norm == pytest.approx(13.0)
    assert opt.last_clipped
    np.testing.assert_allclose(np.linalg.norm(theta), 1.0)
    np.testing.assert_allclose(theta, -np.array([3.0, 4.0, 0.0, 12.0]) / 13)


def test_clipping_leaves_a_small_gradient_alone():
    theta = np.zeros(2)
    grad = np.array([0.3, 0.4])
    opt = Optimizer("sgd", theta, grad, learning_rate=1.0, clip_norm=1.0)
    opt.step()
    assert not opt.last_clipped
    np.testing.assert_allclose(theta, [-0.3, -0.4])


# -- determinism ----------------------------------------------------------------------------------
def train(name, seed, dtype="float32", steps=200):
    net = small_net(dtype=dtype, seed=seed, dropout=0.2)
    opt = make_optimizer(name, net, learning_rate=0.01, weight_decay=1e-3, clip_norm=5.0)
    rng = np.random.default_rng(42)  # the data: the same for every run
    x = rng.normal(size=(256, 4)).astype(dtype)
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    for s in range(steps):
        sl = slice((s * 32) % 256, (s * 32) % 256 + 32)
        net.compute_gradients(x[sl], y[sl])
        opt.step()
    return net.param_vector.copy()


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_same_seed_trains_bit_identically(name):
    a, b = train(name, seed=7), train(name, seed=7)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, train(name, seed=8))


def test_same_seed_gives_bit_identical_weights():
    assert np.array_equal(small_net(seed=3).param_vector, small_net(seed=3).param_vector)
    assert not np.array_equal(small_net(seed=3).param_vector, small_net(seed=4).param_vector)
    # and reset(seed) returns to them
    net = small_net(seed=4)
    net.reset(3)
    assert np.array_equal(net.param_vector, small_net(seed=3).param_vector)


def test_optimizer_state_matches_network_dtype():
    net = small_net(dtype="float32")
    opt = make_optimizer("adam", net)
    net.grad_vector[...] = 1.0
    opt.step()
    assert net.param_vector.dtype == np.float32
    assert math.isfinite(opt.last_grad_norm)


def test_clipping_survives_a_gradient_whose_square_overflows_float32():
    """A huge but finite float32 gradient is still measured and clipped, not called NaN."""
    theta = np.zeros(4, np.float32)
    grad = np.full(4, 1e20, np.float32)  # finite; its squared norm (4e40) is not in float32
    opt = Optimizer("sgd", theta, grad, learning_rate=0.1, clip_norm=1.0)
    opt.step()
    assert math.isfinite(opt.last_grad_norm) and opt.last_grad_norm == pytest.approx(2e20,
                                                                                      rel=1e-6)
    assert opt.last_clipped
    np.testing.assert_allclose(theta, -0.1 * 0.5, rtol=1e-6)
