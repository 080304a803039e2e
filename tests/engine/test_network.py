"""The network: backprop through a DAG, the seed's delta formula, parameters by name, graph
validation, evaluation, and training that actually learns."""

import numpy as np
import pytest

from nnsim.engine.gradcheck import check_network
from nnsim.engine.layers import Activation, Add, Concatenate, Dense, Dropout
from nnsim.engine.network import Network, Node
from nnsim.engine.optim import make_optimizer

TOL = 1e-6


def chain(dtype="float64", seed=0, loss="cross_entropy"):
    """input(3) -> dense1 tanh(5) -> dense2 sigmoid(4) -> dense3 linear(2)."""
    return Network.sequential(
        (3,), [Dense(5, "tanh"), Dense(4, "sigmoid"), Dense(2)], loss=loss, seed=seed, dtype=dtype
    )


def skip_dag(dropout=0.0, dtype="float64"):
    """A skip connection (Add) and a Concatenate of two branches::

        input -> h1 -> h2 -> add(h1, h2) -> cat(add, side) -> out
              \\-> side ----------------------/
    """
    nodes = [
        Node("h1", Dense(4, "tanh"), ["input"]),
        Node("h2", Dense(4, "relu"), ["h1"]),
        Node("add", Add(), ["h1", "h2"]),
        Node("side", Dense(2, "sigmoid"), ["input"]),
        Node("cat", Concatenate(), ["add", "side"]),
    ]
    if dropout:
        nodes.append(Node("drop", Dropout(dropout), ["cat"]))
    nodes.append(Node("out", Dense(3), [nodes[-1].name]))
    return Network(nodes, input_shape=(3,), loss="cross_entropy", seed=1, dtype=dtype)


def data(n=6, k=2, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, 3)), rng.integers(0, k, size=n)


# -- gradients through the graph ------------------------------------------------------------------
def test_chain_gradients():
    errors = check_network(chain(), *data())
    assert set(errors) == {f"dense{i}.{p}" for i in ("", "2", "3") for p in "Wb"}
    assert max(errors.values()) < TOL, errors


def test_dag_with_skip_connection_and_concatenate_gradients():
    x, y = data(k=3)
    errors = check_network(skip_dag(), x, y)
    assert max(errors.values()) < TOL, errors


def test_dag_with_dropout_gradients_frozen_mask():
    x, y = data(n=8, k=3)
    errors = check_network(skip_dag(dropout=0.3), x, y, training=True)
    assert max(errors.values()) < TOL, errors


def test_stand_alone_activation_layers_in_a_chain():
    layers = [Dense(4), Activation("leaky_relu"), Dense(3), Activation("softmax"), Dense(2)]
    net = Network.sequential((3,), layers, loss="cross_entropy", dtype="float64")
    assert max(check_network(net, *data()).values()) < TOL


def test_gradient_check_notices_a_wrong_backward_pass():
    net = chain()

    class HalfGradient(type(net.loss)):  # the right loss, but half its gradient
        def backward(self):
            return 0.5 * super().backward()

    net.loss = HalfGradient()
    errors = check_network(net, *data())
    assert min(errors.values()) > 0.1, errors


def test_gradient_check_needs_float64():
    with pytest.raises(ValueError, match="float64"):
        check_network(chain(dtype="float32"), *data())


def test_gradients_are_overwritten_not_accumulated():
    net = skip_dag()
    x, y = data(k=3)
    net.compute_gradients(x, y)
    first = net.grad_vector.copy()
    net.compute_gradients(x, y)
    np.testing.assert_allclose(net.grad_vector, first, rtol=1e-12)


# -- the seed's backprop formula, checked by hand --------------------------------------------------
def test_each_dense_delta_is_next_layers_delta_pulled_back_through_W():
    """delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k), and dL/dW_k = x_k^T delta_k.

    The seed writes column vectors; with a batch of row vectors the same formula reads
    ``delta_k = (delta_{k+1} @ W_{k+1}.T) * f'_k(z_k)``.
    """
    net = chain()
    x, y = data(n=5)
    net.compute_gradients(x, y)
    d1, d2, d3 = net.layers["dense"], net.layers["dense2"], net.layers["dense3"]

    # output layer: softmax + cross-entropy, delta_3 = (softmax(z_3) - onehot(y)) / batch
    z3 = d3.trace["z"]
    p = np.exp(z3) / np.exp(z3).sum(axis=1, keepdims=True)
    np.testing.assert_allclose(d3.trace["delta"], (p - np.eye(2)[y]) / len(x), rtol=1e-12)

    # dense2 (sigmoid): f'(z) = s(z) (1 - s(z))
    s = 1.0 / (1.0 + np.exp(-d2.trace["z"]))
    delta2 = (d3.trace["delta"] @ d3.params["W"].T) * (s * (1.0 - s))
    np.testing.assert_allclose(d2.trace["delta"], delta2, rtol=1e-10)

    # dense1 (tanh): f'(z) = 1 - tanh(z)^2
    delta1 = (delta2 @ d2.params["W"].T) * (1.0 - np.tanh(d1.trace["z"]) ** 2)
    np.testing.assert_allclose(d1.trace["delta"], delta1, rtol=1e-10)

    # and the weight gradients are input^T delta, the bias gradients the summed deltas
    for layer, delta, inp in ((d1, delta1, x), (d2, delta2, d1.trace["a"])):
        np.testing.assert_allclose(layer.grads["W"], inp.T @ delta, rtol=1e-10)
        np.testing.assert_allclose(layer.grads["b"], delta.sum(axis=0), rtol=1e-10)


# -- parameters by name ---------------------------------------------------------------------------
def test_get_and_set_param_by_name():
    net = chain()
    W = net.get_param("dense2.W")
    assert W.shape == (5, 4)
    W[...] = 0.0  # a copy: the network is unchanged
    assert np.any(net.get_param("dense2.W") != 0)
    net.set_param("dense2.b", [1.0, 2.0, 3.0, 4.0])
    np.testing.assert_array_equal(net.layers["dense2"].params["b"], [1, 2, 3, 4])


def test_param_names_errors_are_clear():
    net = chain()
    with pytest.raises(KeyError, match="no parameter 'dense9.W'.*dense.W.*dense3.b"):
        net.get_param("dense9.W")
    with pytest.raises(KeyError, match="no parameter"):
        net.set_param("nope", 0.0)
    with pytest.raises(ValueError, match=r"dense2.W has shape \(5, 4\), got \(4, 5\)"):
        net.set_param("dense2.W", np.zeros((4, 5)))


def test_named_parameters_are_live_views():
    net = chain(loss="mse")
    x, _ = data()
    before = net.predict(x)
    params = net.named_parameters()
    assert list(params) == ["dense.W", "dense.b", "dense2.W", "dense2.b", "dense3.W", "dense3.b"]
    params["dense3.b"][...] += 1.0
    np.testing.assert_allclose(net.predict(x), before + 1.0, rtol=1e-12)
    assert np.shares_memory(params["dense.W"], net.param_vector)
    assert np.shares_memory(net.named_gradients()["dense.W"], net.grad_vector)


def test_state_dict_round_trip():
    a, b = chain(seed=1), chain(seed=2)
    x, _ = data()
    b.load_state_dict(a.state_dict())
    np.testing.assert_array_equal(a.predict(x), b.predict(x))
    with pytest.raises(ValueError, match="missing dense3.b"):
        b.load_state_dict({k: v for k, v in a.state_dict().items() if k != "dense3.b"})


def test_predict_returns_a_fresh_array():
    net = chain(loss="mse")
    x1, _ = data(seed=1)
    x2, _ = data(seed=2)
    p1 = net.predict(x1)
    keep = p1.copy()
    net.predict(x2)
    np.testing.assert_array_equal(p1, keep)


# -- graph validation ------------------------------------------------------------------------------
def test_dead_branch_is_rejected():
    nodes = [
        Node("h", Dense(3), ["input"]),
        Node("orphan", Dense(2), ["h"]),  # computed, but nothing reads it
        Node("out", Dense(2), ["h"]),
    ]
    with pytest.raises(ValueError, match="orphan do not lead to the output"):
        Network(nodes, input_shape=(2,), loss="mse")


def test_unknown_or_later_source_is_rejected():
    nodes = [Node("a", Dense(3), ["b"]), Node("b", Dense(3), ["input"])]
    with pytest.raises(ValueError, match="'a' reads 'b', which is not computed before it"):
        Network(nodes, input_shape=(2,))


def test_wrong_number_of_inputs_is_rejected():
    with pytest.raises(ValueError, match="'add' takes two or more input"):
        Network([Node("add", Add(), ["input"])], input_shape=(2,))
    nodes = [Node("h", Dense(2), ["input"]), Node("d", Dense(2), ["input", "h"])]
    with pytest.raises(ValueError, match="'d' takes 1 input"):
        Network(nodes, input_shape=(2,))


def test_unknown_output_and_dtype_are_rejected():
    with pytest.raises(ValueError, match="output node 'zz'"):
        Network([Node("h", Dense(2), ["input"])], input_shape=(2,), output="zz")
    with pytest.raises(ValueError, match="float32 or float64"):
        Network([Node("h", Dense(2), ["input"])], input_shape=(2,), dtype="float16")


def test_sequential_names_are_unique():
    net = Network.sequential((2,), [Dense(3), Dropout(0.1), Dense(3), Dense(1)])
    assert [n.name for n in net.nodes] == ["dense", "dropout", "dense2", "dense3"]
    assert "dense3: Dense 1 linear -> (1,)" in net.summary()


# -- evaluate and learning --------------------------------------------------------------------------
def test_evaluate_returns_loss_and_accuracy_over_all_batches():
    net = chain()
    x, y = data(n=11)
    loss, acc = net.evaluate(x, y, batch_size=4)  # 4 + 4 + 3
    out = net.forward(x)
    p = np.exp(out) / np.exp(out).sum(axis=1, keepdims=True)
    assert loss == pytest.approx(-np.mean(np.log(p[np.arange(11), y])), rel=1e-12)
    assert acc == pytest.approx(np.mean(out.argmax(axis=1) == y))
    reg = chain(loss="mse")
    loss, acc = reg.evaluate(x, np.zeros((11, 2)))
    assert acc is None and loss == pytest.approx(np.mean(reg.forward(x) ** 2), rel=1e-12)
    assert net.evaluate(x[:0], y[:0])[1] is None


def test_evaluate_is_prediction_mode():
    net = skip_dag(dropout=0.5)
    x, y = data(n=20, k=3)
    assert net.evaluate(x, y) == net.evaluate(x, y)  # no dropout noise


def xor_data(n=200, seed=0):
    """Points in the four quadrants; class 1 where x1 and x2 have the same sign."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    x += 0.2 * np.sign(x)  # a margin around the axes
    return x, (x[:, 0] * x[:, 1] > 0).astype(int)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_xor_reaches_full_accuracy_with_adam(dtype):
    x, y = xor_data()
    net = Network.sequential((2,), [Dense(8, "tanh"), Dense(2)], loss="cross_entropy", seed=0,
                             dtype=dtype)
    opt = make_optimizer("adam", net, learning_rate=0.05)
    first = net.evaluate(x, y)[0]
    for _ in range(300):
        net.compute_gradients(x, y)
        opt.step()
    loss, acc = net.evaluate(x, y)
    assert acc == 1.0
    assert loss < first / 5
    assert net.param_vector.dtype == np.dtype(dtype)


def test_bce_network_learns_xor_too():
    x, y = xor_data()
    net = Network.sequential((2,), [Dense(8, "tanh"), Dense(1)], loss="bce", seed=0)
    opt = make_optimizer("adam", net, learning_rate=0.05)
    for _ in range(300):
        net.compute_gradients(x, y)
        opt.step()
    assert net.evaluate(x, y)[1] == 1.0
    p = net.predict(x)
    assert p.shape == (200, 1) and np.all((p > 0) & (p < 1))
