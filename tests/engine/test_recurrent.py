"""SimpleRNN and LSTM: gradients by finite differences (full and truncated BPTT), the gate traces
and gradient-through-time norms against hand computation, probes that leave training alone."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnsim.engine import Dense, Network, make_optimizer
from nnsim.engine.gradcheck import _numeric, check_layer, check_network, relative_error
from nnsim.engine.recurrent import LSTM, SimpleRNN, probe_network

TOL = 1e-6
KINDS = {"rnn": SimpleRNN, "lstm": LSTM}


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def bind(layer, T, n, seed=0, dtype=np.float64):
    """Build a layer alone, its parameters in one flat vector, nudged away from their init."""
    rng = np.random.default_rng(seed)
    layer.build([(T, n)], rng, dtype)
    shapes = layer._param_shapes()
    theta = np.zeros(sum(int(np.prod(s)) for s in shapes.values()), dtype)
    grad = np.zeros_like(theta)
    off = 0
    for k, s in shapes.items():
        size = int(np.prod(s))
        layer.params[k] = theta[off:off + size].reshape(s)
        layer.grads[k] = grad[off:off + size].reshape(s)
        off += size
    layer._init_params(rng)
    theta += rng.normal(0, 0.2, size=theta.shape)
    layer.need_dx = True
    return layer


def reference(kind, params, x, frozen=None):
    """The equations, one step at a time in plain NumPy. ``frozen`` maps a step t to constant
    (h, c) entering it: the truncated-BPTT loss is this function with the window boundaries'
    states frozen at their current values."""
    Wx, Wh, b = params["Wx"], params["Wh"], params["b"]
    B, T, _ = x.shape
    u = Wh.shape[0]
    h, c = np.zeros((B, u)), np.zeros((B, u))
    hs, cs = [], []
    for t in range(T):
        if frozen and t in frozen:
            h, c = frozen[t]
        z = x[:, t] @ Wx + h @ Wh + b
        if kind == "rnn":
            h = np.tanh(z)
        else:
            f, i = sigmoid(z[:, :u]), sigmoid(z[:, u:2 * u])
            g, o = np.tanh(z[:, 2 * u:3 * u]), sigmoid(z[:, 3 * u:])
            c = f * c + i * g
            h = o * np.tanh(c)
        hs.append(h)
        cs.append(c)
    return np.stack(hs, axis=1), np.stack(cs, axis=1)


# -- finite differences, full BPTT -------------------------------------------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seq", [False, True])
def test_layer_gradients_full_bptt(kind, seq):
    errors = check_layer(KINDS[kind](4, return_sequences=seq), [(6, 3)], batch=3, seed=1)
    assert set(errors) == {"x0", "Wx", "Wh", "b"}
    assert max(errors.values()) < TOL, errors


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seq", [False, True])
def test_truncation_at_or_beyond_length_is_full_bptt(kind, seq):
    T, n, B = 5, 3, 2
    x = np.random.default_rng(2).normal(size=(B, T, n))
    grads = []
    for k in (0, T, T + 3):
        layer = bind(KINDS[kind](4, return_sequences=seq, bptt_steps=k), T, n, seed=3)
        y = layer._fwd([x], True)
        r = np.random.default_rng(4).normal(size=y.shape)
        dx = layer._bwd(r)[0].copy()
        grads.append((dx, {k: g.copy() for k, g in layer.grads.items()},
                      layer.trace["dh_norm"].copy()))
    for dx, g, dh in grads[1:]:
        np.testing.assert_array_equal(dx, grads[0][0])
        np.testing.assert_array_equal(dh, grads[0][2])
        for key in g:
            np.testing.assert_array_equal(g[key], grads[0][1][key])


# -- truncated BPTT against finite differences of the truncated loss --------------------------------
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("k", [1, 3])
def test_truncated_bptt_matches_finite_differences_of_truncated_loss(kind, seq, k):
    T, n, B, u = 7, 2, 3, 3
    rng = np.random.default_rng(5)
    x = rng.normal(size=(B, T, n))
    layer = bind(KINDS[kind](u, return_sequences=seq, bptt_steps=k), T, n, seed=6)
    params = layer.params
    y = layer._fwd([x], True)
    # the layer's forward is the reference's
    hs, cs = reference(kind, params, x)
    np.testing.assert_allclose(y, hs if seq else hs[:, -1], rtol=0, atol=1e-12)
    r = rng.normal(size=y.shape)
    dx = layer._bwd(r.copy())[0].copy()
    analytic = {key: g.copy() for key, g in layer.grads.items()}

    # window starts counted back from the end: T-k, T-2k, ... > 0; states entering them frozen
    frozen = {s: (hs[:, s - 1].copy(), cs[:, s - 1].copy()) for s in range(T - k, 0, -k)}

    def loss():
        h, _ = reference(kind, params, x, frozen)
        return float(np.sum(r * (h if seq else h[:, -1])))

    for key in analytic:
        err = relative_error(analytic[key], _numeric(loss, params[key], 1e-6))
        assert err < TOL, (key, err)
    assert relative_error(dx, _numeric(loss, x, 1e-6)) < TOL
    if not seq:
        # backprop runs through the last k steps only
        assert not dx[:, :T - k].any()
        assert not layer.trace["dh_norm"][:T - k].any()
        assert layer.trace["dh_norm"][T - k:].all()
        assert not layer.trace["dz"][:, :T - k].any()


def test_truncation_really_drops_the_long_range_gradient():
    T, n = 8, 2
    x = np.random.default_rng(7).normal(size=(2, T, n))
    full = bind(LSTM(3), T, n, seed=8)
    trunc = bind(LSTM(3, bptt_steps=2), T, n, seed=8)
    for layer in (full, trunc):
        layer._bwd(np.ones_like(layer._fwd([x], True)))
    assert relative_error(full.grads["Wx"], trunc.grads["Wx"]) > 1e-3


# -- networks --------------------------------------------------------------------------------------
def test_stacked_rnn_lstm_dense_network_gradients():
    T, n = 5, 3
    net = Network.sequential(
        input_shape=(T, n),
        layers=[SimpleRNN(4, return_sequences=True), LSTM(3), Dense(2)],
        loss="mse", seed=1, dtype="float64",
    )
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(3, T, n)), rng.normal(size=(3, 2))
    errors = check_network(net, x, y)
    assert set(errors) == {"simplernn.Wx", "simplernn.Wh", "simplernn.b", "lstm.Wx", "lstm.Wh",
                           "lstm.b", "dense.W", "dense.b"}
    assert max(errors.values()) < TOL, errors


def test_lstm_lstm_sequence_to_sequence_gradients():
    T, n = 5, 2
    net = Network.sequential(
        input_shape=(T, n),
        layers=[LSTM(3, return_sequences=True), LSTM(3, return_sequences=True), Dense(2, "tanh")],
        loss="mse", seed=2, dtype="float64",
    )
    assert net.output_shape == (T, 2)
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(2, T, n)), rng.normal(size=(2, T, 2))
    errors = check_network(net, x, y)
    assert max(errors.values()) < TOL, errors


def test_classification_on_sequences_and_first_layer_skips_dx():
    net = Network.sequential(input_shape=(4, 2), layers=[LSTM(3), Dense(3)],
                             loss="cross_entropy", seed=0, dtype="float64")
    assert net.layers["lstm"].need_dx is False
    x = np.random.default_rng(0).normal(size=(5, 4, 2))
    y = np.array([0, 1, 2, 1, 0])
    errors = check_network(net, x, y)
    assert max(errors.values()) < TOL, errors
    assert net.layers["lstm"]._bwd(np.ones((5, 3))) == [None]


# -- hand computation -----------------------------------------------------------------------------
def test_lstm_gates_cells_and_gradient_norms_by_hand():
    # one unit, one input feature, two steps, two sequences
    lstm = bind(LSTM(1), T=2, n=1)
    wx = dict(f=0.5, i=-0.3, g=0.8, o=0.2)
    wh = dict(f=0.1, i=0.4, g=-0.6, o=0.7)
    bb = dict(f=1.0, i=0.2, g=-0.1, o=0.3)
    for k, gate in enumerate("figo"):
        lstm.params["Wx"][0, k] = wx[gate]
        lstm.params["Wh"][0, k] = wh[gate]
        lstm.params["b"][k] = bb[gate]
    xs = np.array([[0.7, -1.2], [-0.4, 0.9]])  # (batch 2, time 2)
    dy = np.array([[1.5], [-0.5]])  # dL/dh_1
    lstm._fwd([xs[:, :, None]], True)
    lstm._bwd(dy)
    act = dict(f=sigmoid, i=sigmoid, g=np.tanh, o=sigmoid)
    dh_sq, dc_sq = [0.0, 0.0], [0.0, 0.0]
    for b in range(2):
        h, c, cache = 0.0, 0.0, []
        for t in range(2):
            v = {q: act[q](wx[q] * xs[b, t] + wh[q] * h + bb[q]) for q in "figo"}
            c_prev, c = c, v["f"] * c + v["i"] * v["g"]
            h = v["o"] * math.tanh(c)
            cache.append((v, c_prev, c))
            for k, gate in enumerate("figo"):
                assert lstm.gate_trace(LSTM.GATES[k])[b, t, 0] == pytest.approx(v[gate], abs=1e-14)
                assert lstm.trace["gates"][b, t, k, 0] == pytest.approx(v[gate], abs=1e-14)
            assert lstm.trace["c"][b, t, 0] == pytest.approx(c, abs=1e-14)
            assert lstm.trace["h"][b, t, 0] == pytest.approx(h, abs=1e-14)
        # backward by hand: step 1 gets dy; step 0 gets Wh . dz_1 and f_1 dC_1
        v1, c0, c1 = cache[1]
        dh1 = dy[b, 0]
        dc1 = dh1 * v1["o"] * (1 - math.tanh(c1) ** 2)
        dz1 = dict(
            f=dc1 * c0 * v1["f"] * (1 - v1["f"]),
            i=dc1 * v1["g"] * v1["i"] * (1 - v1["i"]),
            g=dc1 * v1["i"] * (1 - v1["g"] ** 2),
            o=dh1 * math.tanh(c1) * v1["o"] * (1 - v1["o"]),
        )
        dh0 = sum(wh[q] * dz1[q] for q in "figo")
        v0, _, c0_ = cache[0]
        dc0 = dh0 * v0["o"] * (1 - math.tanh(c0_) ** 2) + dc1 * v1["f"]
        dh_sq[0] += dh0 ** 2
        dh_sq[1] += dh1 ** 2
        dc_sq[0] += dc0 ** 2
        dc_sq[1] += dc1 ** 2
    np.testing.assert_allclose(lstm.trace["dh_norm"], np.sqrt(dh_sq), rtol=1e-12)
    np.testing.assert_allclose(lstm.trace["dc_norm"], np.sqrt(dc_sq), rtol=1e-12)


def test_simple_rnn_states_and_gradient_norms_by_hand():
    rnn = bind(SimpleRNN(1), T=2, n=1)
    wx, wh, b0 = 0.9, -0.7, 0.1
    rnn.params["Wx"][...] = wx
    rnn.params["Wh"][...] = wh
    rnn.params["b"][...] = b0
    xs = np.array([[0.5, -1.0], [2.0, 0.3]])
    dy = np.array([[1.0], [2.0]])
    rnn._fwd([xs[:, :, None]], True)
    rnn._bwd(dy)
    dh_sq = [0.0, 0.0]
    for b in range(2):
        z0 = wx * xs[b, 0] + b0
        h0 = math.tanh(z0)
        z1 = wx * xs[b, 1] + wh * h0 + b0
        h1 = math.tanh(z1)
        assert rnn.trace["z"][b, 0, 0] == pytest.approx(z0, abs=1e-14)
        assert rnn.trace["z"][b, 1, 0] == pytest.approx(z1, abs=1e-14)
        assert rnn.trace["h"][b, 1, 0] == pytest.approx(h1, abs=1e-14)
        dh1 = dy[b, 0]
        dh0 = wh * dh1 * (1 - h1 ** 2)  # Wh dz_1
        dh_sq[0] += dh0 ** 2
        dh_sq[1] += dh1 ** 2
    np.testing.assert_allclose(rnn.trace["dh_norm"], np.sqrt(dh_sq), rtol=1e-12)


def test_gate_grad_norms_and_slices():
    lstm = bind(LSTM(3), T=4, n=2)
    x = np.random.default_rng(0).normal(size=(2, 4, 2))
    lstm._bwd(np.ones_like(lstm._fwd([x], True)))
    assert LSTM.GATES == ("forget", "input", "candidate", "output")
    assert lstm.gate_slice("forget") == slice(0, 3)
    assert lstm.gate_slice("candidate") == slice(6, 9)
    assert lstm.gate_slice("o") == slice(9, 12)
    norms = lstm.gate_grad_norms()
    assert list(norms) == list(LSTM.GATES)
    for name, value in norms.items():
        s = lstm.gate_slice(name)
        want = np.sqrt(np.sum(lstm.grads["Wx"][:, s] ** 2) + np.sum(lstm.grads["Wh"][:, s] ** 2))
        assert value == pytest.approx(want)
    with pytest.raises(ValueError, match="unknown gate"):
        lstm.gate_slice("remember")


# -- initialisation, shapes, determinism --------------------------------------------------------------
@pytest.mark.parametrize("fb", [1.0, 0.0, 2.5])
def test_forget_bias_is_the_initial_forget_gate_bias(fb):
    net = Network.sequential((5, 2), [LSTM(4, forget_bias=fb), Dense(1)], seed=0)
    lstm = net.layers["lstm"]
    b = net.get_param("lstm.b")
    np.testing.assert_array_equal(b[lstm.gate_slice("forget")], fb)
    for gate in ("input", "candidate", "output"):
        np.testing.assert_array_equal(b[lstm.gate_slice(gate)], 0.0)


def test_recurrent_init_is_orthogonal_by_default():
    net = Network.sequential((5, 2), [SimpleRNN(6, return_sequences=True), LSTM(3)], seed=0,
                             dtype="float64")
    Wh = net.get_param("simplernn.Wh")
    np.testing.assert_allclose(Wh @ Wh.T, np.eye(6), atol=1e-12)
    Wh = net.get_param("lstm.Wh")
    for k in range(4):
        blk = Wh[:, 3 * k:3 * (k + 1)]
        np.testing.assert_allclose(blk @ blk.T, np.eye(3), atol=1e-12)
    ident = Network.sequential((5, 2), [SimpleRNN(3, recurrent_init="identity")], seed=0)
    np.testing.assert_array_equal(ident.get_param("simplernn.Wh"), np.eye(3))
    with pytest.raises(ValueError, match="recurrent initialiser"):
        SimpleRNN(3, recurrent_init="eye")


@pytest.mark.parametrize("kind", KINDS)
def test_shapes_and_traces(kind):
    B, T, n, u = 3, 6, 2, 4
    layers = [KINDS[kind](u, return_sequences=True), KINDS[kind](u)]
    net = Network.sequential((T, n), layers + [Dense(1)], seed=0)
    assert net.shapes[layers[0].name] == (T, u)
    assert net.shapes[layers[1].name] == (u,)
    x = np.random.default_rng(0).normal(size=(B, T, n)).astype(np.float32)
    net.compute_gradients(x, np.zeros((B, 1), np.float32))
    first = layers[0]
    assert first.trace["h"].shape == (B, T, u)
    assert first.trace["dh_norm"].shape == (T,)
    assert np.all(np.isfinite(first.trace["dh_norm"]))
    # the output of the first layer is its hidden-state trace
    np.testing.assert_array_equal(net._values[1], first.trace["h"])
    if kind == "lstm":
        assert first.trace["gates"].shape == (B, T, 4, u)
        assert first.trace["c"].shape == (B, T, u)
        assert first.trace["dc_norm"].shape == (T,)
        assert first.gate_trace("forget").shape == (B, T, u)
        gates = first.trace["gates"]
        assert np.all((gates[:, :, [0, 1, 3]] > 0) & (gates[:, :, [0, 1, 3]] < 1))
        assert np.all(np.abs(gates[:, :, 2]) < 1)
    else:
        assert first.trace["z"].shape == (B, T, u)


def test_rejects_inputs_without_a_time_axis():
    with pytest.raises(ValueError, match="sequences"):
        Network.sequential((4,), [LSTM(3)])
    with pytest.raises(ValueError, match="bptt_steps"):
        SimpleRNN(3, bptt_steps=-1)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_same_seed_same_outputs(dtype):
    def run(seed):
        net = Network.sequential((6, 3), [SimpleRNN(5, return_sequences=True), LSTM(4), Dense(2)],
                                 seed=seed, dtype=dtype)
        opt = make_optimizer("sgd", net, learning_rate=0.1)
        rng = np.random.default_rng(0)
        x, y = rng.normal(size=(4, 6, 3)), rng.normal(size=(4, 2))
        for _ in range(3):
            net.compute_gradients(x, y)
            opt.step()
        return net.forward(x).copy()

    np.testing.assert_array_equal(run(1), run(1))
    assert not np.array_equal(run(1), run(2))


def test_float32_matches_float64():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3, 7, 2))
    outs = []
    for dtype in ("float32", "float64"):
        net = Network.sequential((7, 2), [LSTM(4, return_sequences=True), SimpleRNN(3)],
                                 seed=4, dtype=dtype)
        outs.append(net.forward(x))
    np.testing.assert_allclose(outs[0], outs[1], atol=1e-5)


def test_lstm_learns_to_remember_the_first_input():
    # the target is the sign of the first input, read after 8 distractor steps
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 8, 1))
    y = np.sign(x[:, :1, 0])
    net = Network.sequential((8, 1), [LSTM(8), Dense(1)], seed=0, dtype="float64")
    opt = make_optimizer("adam", net, learning_rate=0.03)
    first = net.compute_gradients(x, y)
    for _ in range(150):
        loss = net.compute_gradients(x, y)
        opt.step()
    assert loss < 0.25 * first


# -- probes ---------------------------------------------------------------------------------------
def _stack(seed=3, dtype="float64"):
    return Network.sequential(
        (6, 2), [SimpleRNN(5, return_sequences=True), LSTM(4, return_sequences=True),
                 LSTM(3), Dense(2, "tanh")],
        loss="mse", seed=seed, dtype=dtype,
    )


def test_probe_network_returns_units_by_time_copies():
    net = _stack()
    seq = np.random.default_rng(1).normal(size=(6, 2))
    probes = probe_network(net, seq)
    assert list(probes) == ["simplernn", "lstm", "lstm2"]
    assert set(probes["simplernn"]) == {"hidden"}
    assert set(probes["lstm"]) == {"forget", "input", "candidate", "output", "cell", "hidden"}
    assert probes["lstm"]["forget"].shape == (4, 6)
    assert probes["lstm2"]["hidden"].shape == (3, 6)
    # the same values a plain forward of that one sequence leaves in the traces
    ref = _stack()
    ref.forward(seq[None])
    np.testing.assert_array_equal(probes["lstm"]["cell"], ref.layers["lstm"].trace["c"][0].T)
    np.testing.assert_array_equal(probes["lstm2"]["output"],
                                  ref.layers["lstm2"].gate_trace("output")[0].T)
    np.testing.assert_array_equal(probes["simplernn"]["hidden"],
                                  ref.layers["simplernn"].trace["h"][0].T)
    # copies: a later pass does not change them
    kept = probes["lstm"]["hidden"].copy()
    net.forward(np.zeros((1, 6, 2)))
    np.testing.assert_array_equal(probes["lstm"]["hidden"], kept)
    # a layer probed alone agrees with the network probe on the first layer
    alone = net.layers["simplernn"].probe(seq)
    np.testing.assert_array_equal(alone["hidden"], probes["simplernn"]["hidden"])


@pytest.mark.parametrize("batch", [1, 4])
def test_probe_between_training_steps_changes_nothing(batch):
    # batch 1 makes the probe's shapes collide with training's: it must still use its own buffers
    a, b = _stack(), _stack()
    opts = [make_optimizer("sgd", net, learning_rate=0.1) for net in (a, b)]
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(batch, 6, 2)), rng.normal(size=(batch, 2))
    for net, opt in zip((a, b), opts):
        net.compute_gradients(x, y)
        opt.step()

    def traces(net):
        return {(name, key): np.array(v, copy=True) for name, layer in net.layers.items()
                for key, v in layer.trace.items()}

    before = traces(a)
    probe_network(a, rng.normal(size=(6, 2)))
    a.layers["lstm"].probe(rng.normal(size=(1, 6, 5)))
    after = traces(a)
    assert before.keys() == after.keys()
    for key in before:
        np.testing.assert_array_equal(before[key], after[key], err_msg=str(key))
    for net, opt in zip((a, b), opts):
        net.compute_gradients(x, y)
    np.testing.assert_array_equal(a.grad_vector, b.grad_vector)
    for net, opt in zip((a, b), opts):
        opt.step()
        net.compute_gradients(x, y)
    np.testing.assert_array_equal(a.grad_vector, b.grad_vector)
    np.testing.assert_array_equal(a.param_vector, b.param_vector)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_saturated_gates_stay_finite_without_warnings(dtype):
    # exp(-z) overflows to inf for very negative pre-activations; the gates must still come out
    # exactly 0 / -1, with no NaN and no RuntimeWarning
    net = Network.sequential((5, 2), [LSTM(3, return_sequences=True), LSTM(2), Dense(1)],
                             seed=0, dtype=dtype)
    x = np.random.default_rng(0).normal(size=(4, 5, 2)) * 1e4
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = net.compute_gradients(x, np.ones((4, 1)))
    assert np.isfinite(loss)
    assert np.all(np.isfinite(net.grad_vector))
    gates = net.layers["lstm"].trace["gates"]
    assert gates.min() >= -1.0 and gates.max() <= 1.0
    assert np.any(gates == 0.0) or np.any(gates == 1.0)


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    kind=st.sampled_from(sorted(KINDS)),
    seq=st.booleans(),
    B=st.integers(1, 3),
    T=st.integers(1, 6),
    n=st.integers(1, 3),
    u=st.integers(1, 3),
    k=st.integers(0, 7),
    seed=st.integers(0, 2**16),
)
def test_any_shape_and_truncation_matches_the_reference(kind, seq, B, T, n, u, k, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(B, T, n))
    layer = bind(KINDS[kind](u, return_sequences=seq, bptt_steps=k), T, n, seed=seed)
    y = layer._fwd([x], True)
    hs, cs = reference(kind, layer.params, x)
    np.testing.assert_allclose(y, hs if seq else hs[:, -1], rtol=0, atol=1e-12)
    r = rng.normal(size=y.shape)
    dx = layer._bwd(r.copy())[0].copy()
    kk = k if 0 < k < T else T
    frozen = {s: (hs[:, s - 1].copy(), cs[:, s - 1].copy()) for s in range(T - kk, 0, -kk)}

    def loss():
        h, _ = reference(kind, layer.params, x, frozen)
        return float(np.sum(r * (h if seq else h[:, -1])))

    analytic = {key: g.copy() for key, g in layer.grads.items()}
    for key in analytic:
        assert relative_error(analytic[key], _numeric(loss, layer.params[key], 1e-6)) < TOL, key
    assert relative_error(dx, _numeric(loss, x, 1e-6)) < TOL
