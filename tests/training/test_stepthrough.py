"""The backprop step-through shows the engine's own numbers, and the seed's formula holds on them."""

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, load_project
from nnsim.training import Trainer
from nnsim.training.stepthrough import PHASES, StepThrough


def trained(name, steps=50):
    t = Trainer(load_project(resource_path("examples", f"{name}.json")))
    t.run(steps)
    snap = t.snapshot(full=False)
    weights = {f"{l.name}.{k}": v for l in snap.layers for k, v in l.params.items()}
    return t, weights


def test_stages_match_the_engines_backward_pass():
    t, weights = trained("spirals")
    st = StepThrough(t.project, t.dataset, weights, sample=3)
    # the engine's own pass, on a float64 copy with the same weights
    net = st.net
    x, y = st.x, st.y
    net.compute_gradients(x, y)
    grads = {k: v.copy() for k, v in net.named_gradients().items()}
    deltas = {n.name: n.layer.trace["delta"].copy() for n in net.nodes}
    back = {s.layer: s for s in st.stages if s.phase == "backward"}
    for name, delta in deltas.items():
        np.testing.assert_allclose(back[name].values["delta"], delta, rtol=1e-12, atol=1e-15)
    upd = {s.layer: s for s in st.stages if s.phase == "update"}
    for key, g in grads.items():
        layer, p = key.split(".")
        np.testing.assert_allclose(upd[layer].values[f"dL/d{p}"], g, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(upd[layer].values[f"change {p}"], -st.learning_rate * g,
                                   rtol=1e-12, atol=1e-15)


def test_delta_is_W_transpose_delta_times_derivative():
    """delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k), checked on the numbers shown."""
    t, weights = trained("spirals")
    st = StepThrough(t.project, t.dataset, weights, sample=0)
    back = [s for s in st.stages if s.phase == "backward"]
    names = [s.layer for s in back]  # top layer first
    for upper, lower in zip(names, names[1:]):
        W_upper = st.net.get_param(f"{upper}.W")
        delta_upper = back[names.index(upper)].values["delta"]
        s = back[names.index(lower)]
        z = s.values["f'(z)"]
        expected = (delta_upper @ W_upper.T) * z
        np.testing.assert_allclose(s.values["delta"], expected, rtol=1e-10)
        assert "W_" + upper in s.formula


def test_loss_stage_and_forward_values():
    t, weights = trained("xor")
    st = StepThrough(t.project, t.dataset, weights, sample=5)
    loss = [s for s in st.stages if s.phase == "loss"][0]
    y_hat = loss.values["y_hat"]
    assert y_hat.shape == (1, 2) and y_hat.sum() == pytest.approx(1.0)
    label = int(st.y[0])
    assert st.loss == pytest.approx(-np.log(y_hat[0, label]))
    np.testing.assert_allclose(loss.values["dL/d(output)"], y_hat - loss.values["y"])
    fwd = [s for s in st.stages if s.phase == "forward"]
    assert [s.layer for s in fwd] == ["dense1", "dense2"]
    np.testing.assert_allclose(fwd[0].values["a"], np.tanh(fwd[0].values["z"]))


def test_every_stage_is_reachable_forwards_and_backwards():
    t, weights = trained("xor", 10)
    st = StepThrough(t.project, t.dataset, weights)
    n = len(st.stages)
    seen = [st.index]
    for _ in range(n + 2):
        st.next()
        seen.append(st.index)
    assert sorted(set(seen)) == list(range(n)) and st.index == n - 1
    back = []
    for _ in range(n + 2):
        back.append(st.prev().phase)
    assert st.index == 0
    order = [s.phase for s in st.stages]
    assert [p for p in PHASES if p in order] == sorted(set(order), key=PHASES.index)
    assert order.index("forward") < order.index("loss") < order.index("backward") < \
        order.index("update")


def test_minibatch_and_recurrent_through_time():
    nodes = [NodeSpec.new("input", "Input"), NodeSpec.new("lstm", "LSTM", units=3),
             NodeSpec.new("dense", "Dense", units=1, activation="linear"),
             NodeSpec.new("out", "Output", loss="mse")]
    p = Project(nodes=nodes, links=[LinkSpec("input", "lstm"), LinkSpec("lstm", "dense"),
                                    LinkSpec("dense", "out")],
                dataset=DatasetSpec("adding", {"n_samples": 100, "length": 6}))
    t = Trainer(p)
    st = StepThrough(p, t.dataset, None, sample=0, batch=4)
    tt = [s for s in st.stages if s.phase == "through_time"]
    assert [s.t for s in tt] == [5, 4, 3, 2, 1, 0]
    lstm = st.net.layers["lstm"]
    for s in tt:
        assert s.values["||dL/dh_t||"][0] == pytest.approx(lstm.trace["dh_norm"][s.t])
        np.testing.assert_allclose(s.values["forget gate f_t"], lstm.gate_trace("forget")[:, s.t])
    assert st.x.shape == (4, 6, 2)
