"""Layers: every activation and layer passes a float64 finite-difference check; dropout behaves
as inverted dropout; layers keep their results correct across batch sizes."""

import numpy as np
import pytest

from nnsim.engine.activations import ACTIVATIONS, get_activation
from nnsim.engine.gradcheck import check_layer
from nnsim.engine.layers import Activation, Add, Concatenate, Dense, Dropout

TOL = 1e-6
ACTS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"]


def test_every_documented_activation_exists():
    assert sorted(ACTIVATIONS) == sorted(ACTS)
    with pytest.raises(ValueError, match="unknown activation 'swish'.*relu"):
        get_activation("swish")


# -- gradient checks ------------------------------------------------------------------------------
@pytest.mark.parametrize("act", ACTS)
def test_dense_gradients(act):
    errors = check_layer(Dense(4, act), [(3,)], batch=5)
    assert set(errors) == {"x0", "W", "b"}
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("act", ACTS)
def test_dense_gradients_with_time_axis(act):
    # (batch, time, features): the layer applies to the last axis at every step
    errors = check_layer(Dense(3, act), [(4, 2)], batch=3)
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("act", ACTS)
def test_activation_layer_gradients(act):
    errors = check_layer(Activation(act), [(6,)], batch=4)
    assert max(errors.values()) < TOL, errors


def test_dropout_gradients_with_frozen_mask():
    errors = check_layer(Dropout(0.4), [(8,)], batch=6, training=True)
    assert max(errors.values()) < TOL, errors


def test_add_gradients_two_and_three_inputs():
    assert max(check_layer(Add(), [(5,), (5,)]).values()) < TOL
    errors = check_layer(Add(), [(2, 3), (2, 3), (2, 3)])
    assert set(errors) == {"x0", "x1", "x2"}
    assert max(errors.values()) < TOL, errors


def test_concatenate_gradients():
    errors = check_layer(Concatenate(), [(3,), (2,), (4,)])
    assert max(errors.values()) < TOL, errors
    assert max(check_layer(Concatenate(), [(5, 2), (5, 3)]).values()) < TOL


def test_gradient_check_notices_a_wrong_gradient():
    """The check is worth something only if it fails on a wrong derivative."""

    class WrongTanh(type(get_activation("tanh"))):
        def backward(self, dy, z, a, out):
            np.multiply(dy, 1.0 - a, out=out)  # should be 1 - a^2
            return out

    layer = Dense(4, "tanh")
    layer.activation = WrongTanh()
    assert max(check_layer(layer, [(3,)]).values()) > 1e-2


# -- forward values a user reads --------------------------------------------------------------------
def test_activation_values_match_their_formulas():
    z = np.array([[-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0]])
    out = np.empty_like(z)
    expect = {
        "linear": z,
        "sigmoid": 1.0 / (1.0 + np.exp(-z)),
        "tanh": np.tanh(z),
        "relu": np.where(z > 0, z, 0.0),
        "leaky_relu": np.where(z > 0, z, 0.01 * z),
        "softmax": np.exp(z) / np.exp(z).sum(),
    }
    for name, want in expect.items():
        np.testing.assert_allclose(ACTIVATIONS[name].forward(z, out), want, rtol=1e-12,
                                   atol=1e-15, err_msg=name)


def test_sigmoid_and_softmax_do_not_overflow():
    z = np.array([[-1e4, 0.0, 1e4]])
    out = np.empty_like(z)
    with np.errstate(over="raise", invalid="raise"):  # underflow to 0 is the right answer
        np.testing.assert_array_equal(ACTIVATIONS["sigmoid"].forward(z, out), [[0.0, 0.5, 1.0]])
        np.testing.assert_array_equal(ACTIVATIONS["softmax"].forward(z, out), [[0.0, 0.0, 1.0]])


def test_dense_computes_xw_plus_b_and_keeps_its_trace():
    layer = Dense(3, "tanh")
    rng = np.random.default_rng(0)
    _bind(layer, [(2,)], rng)
    x = rng.normal(size=(4, 2))
    a = layer.forward([x], training=False)
    z = x @ layer.params["W"] + layer.params["b"]
    np.testing.assert_allclose(a, np.tanh(z), rtol=1e-12)
    np.testing.assert_allclose(layer.trace["z"], z, rtol=1e-12)
    assert layer.trace["x"] is x and layer.trace["a"] is a


def test_dense_is_right_after_the_batch_size_changes():
    """Scratch buffers are reused per batch size; switching sizes must not mix results."""
    layer = Dense(3, "relu")
    rng = np.random.default_rng(1)
    _bind(layer, [(2,)], rng)
    W, b = layer.params["W"], layer.params["b"]
    for m in (5, 2, 5, 1, 2):
        x = rng.normal(size=(m, 2))
        np.testing.assert_allclose(layer.forward([x]), np.maximum(x @ W + b, 0), rtol=1e-12)
        dy = rng.normal(size=(m, 3))
        (dx,) = layer.backward(dy)
        delta = dy * (x @ W + b > 0)
        np.testing.assert_allclose(layer.grads["W"], x.T @ delta, rtol=1e-12)
        np.testing.assert_allclose(layer.grads["b"], delta.sum(axis=0), rtol=1e-12)
        np.testing.assert_allclose(dx, delta @ W.T, rtol=1e-12)


def test_dense_skips_dx_when_its_input_is_the_data():
    layer = Dense(3)
    _bind(layer, [(2,)], np.random.default_rng(0))
    layer.need_dx = False
    layer.forward([np.ones((4, 2))])
    assert layer.backward(np.ones((4, 3))) == [None]
    np.testing.assert_allclose(layer.grads["b"], [4.0, 4.0, 4.0])


# -- dropout --------------------------------------------------------------------------------------
def test_dropout_is_the_identity_at_prediction():
    layer = Dropout(0.5)
    layer.build([(10,)], np.random.default_rng(0), np.float64)
    x = np.random.default_rng(1).normal(size=(7, 10))
    np.testing.assert_array_equal(layer.forward([x], training=False), x)
    np.testing.assert_array_equal(layer.backward(np.ones_like(x))[0], np.ones_like(x))


@pytest.mark.parametrize("rate", [0.1, 0.5, 0.8])
def test_dropout_keeps_one_minus_rate_and_preserves_the_mean(rate):
    layer = Dropout(rate)
    layer.build([(500,)], np.random.default_rng(0), np.float32)
    x = np.ones((200, 500), dtype=np.float32)
    y = layer.forward([x], training=True)
    kept = y != 0
    assert abs(kept.mean() - (1 - rate)) < 0.01
    # inverted dropout: the kept units are scaled by 1 / (1 - rate) ...
    np.testing.assert_allclose(y[kept], 1.0 / (1.0 - rate), rtol=1e-6)
    # ... so the expected activation is unchanged
    assert abs(y.mean() - 1.0) < 0.03
    # backward lets the gradient through exactly where the forward let the value through
    (dx,) = layer.backward(np.ones_like(x))
    np.testing.assert_array_equal(dx, y)


def test_dropout_draws_a_new_mask_each_training_pass():
    layer = Dropout(0.5)
    layer.build([(50,)], np.random.default_rng(0), np.float64)
    x = np.ones((4, 50))
    first = layer.forward([x], training=True).copy()
    second = layer.forward([x], training=True)
    assert not np.array_equal(first, second)


def test_dropout_rate_zero_is_the_identity_in_training():
    layer = Dropout(0.0)
    layer.build([(5,)], np.random.default_rng(0), np.float64)
    x = np.arange(10.0).reshape(2, 5)
    np.testing.assert_array_equal(layer.forward([x], training=True), x)


# -- merge layers ---------------------------------------------------------------------------------
def test_add_and_concatenate_values():
    a, b = np.ones((2, 3)), np.arange(6.0).reshape(2, 3)
    add, cat = Add(), Concatenate()
    add.build([(3,), (3,)], None, np.float64)
    cat.build([(3,), (3,)], None, np.float64)
    np.testing.assert_array_equal(add.forward([a, b]), a + b)
    np.testing.assert_array_equal(cat.forward([a, b]), np.hstack([a, b]))
    da, db = cat.backward(np.arange(12.0).reshape(2, 6))
    np.testing.assert_array_equal(da, [[0, 1, 2], [6, 7, 8]])
    np.testing.assert_array_equal(db, [[3, 4, 5], [9, 10, 11]])


def test_merge_layers_refuse_mismatched_shapes():
    with pytest.raises(ValueError, match="Add needs inputs of one shape"):
        Add().build([(3,), (4,)], None, np.float64)
    with pytest.raises(ValueError, match="Concatenate joins the last axis"):
        Concatenate().build([(5, 3), (4, 3)], None, np.float64)
    assert Concatenate().build([(5, 3), (5, 1)], None, np.float64) == (5, 4)


def _bind(layer, in_shapes, rng, dtype=np.float64):
    """Build a lone layer with its own parameter arrays, as a Network would."""
    layer.build(in_shapes, rng, dtype)
    for k, s in layer._param_shapes().items():
        layer.params[k] = np.zeros(s, dtype)
        layer.grads[k] = np.zeros(s, dtype)
    layer._init_params(rng)
    layer.params["b"][...] = rng.normal(0, 0.1, size=layer.params["b"].shape)
