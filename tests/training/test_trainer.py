"""The Trainer: deterministic steps, budget, evaluation, live controls, copied snapshots, and the
diagnosis of NaN (the layer where it started), vanishing and exploding gradients."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, load_project
from nnsim.training import Trainer
from nnsim.training.diagnosis import locate_bad_update, locate_non_finite


def example(name: str, **training) -> Project:
    p = load_project(resource_path("examples", f"{name}.json"))
    p.training.update(training)
    return p


def linear_regression(lr: float) -> Project:
    """One linear unit fitted by full-batch SGD: above lr ~1.2 every step multiplies the error
    by a constant factor: gradients explode geometrically (slowly enough to see it coming)."""
    p = Project(
        name="linear",
        nodes=[NodeSpec.new("input", "Input"),
               NodeSpec.new("dense1", "Dense", units=1, activation="linear"),
               NodeSpec.new("output", "Output", loss="mse")],
        links=[LinkSpec("input", "dense1"), LinkSpec("dense1", "output")],
        dataset=DatasetSpec("surface", {}),
    )
    p.training.update(optimizer="sgd", learning_rate=lr, batch_size=400, steps=1000)
    return p


def losses(t: Trainer, n: int) -> list[float]:
    return [t.step() for _ in range(n)]


# --------------------------------------------------------------------------- training


def test_same_seed_same_run_other_seed_other_run():
    a, b = Trainer(example("spirals")), Trainer(example("spirals"))
    la, lb = losses(a, 60), losses(b, 60)
    assert la == lb
    assert np.array_equal(a.net.param_vector, b.net.param_vector)
    c = Trainer(example("spirals", seed=7))
    assert losses(c, 60) != la


def test_reset_weights_replays_the_same_run():
    t = Trainer(example("xor"))
    first = losses(t, 30)
    w0 = t.snapshot().layer("dense1").params["W"]
    t.reset_weights()
    assert t.step_count == 0 and t.run_id == 1
    assert losses(t, 30) == first
    t.reset_weights(seed=5)
    assert t.project.training["seed"] == 5
    assert not np.array_equal(t.snapshot().layer("dense1").params["W"], w0)


def test_run_stops_at_its_budget_and_evaluates_on_schedule():
    t = Trainer(example("xor", steps=120, eval_every=50))
    assert not t.finished
    t.run(t.budget)
    assert t.step_count == 120 and t.finished
    evals = t.snapshot().new_evals
    # every eval_every steps, and at the end of the budget
    assert list(evals[:, 0]) == [50, 100, 120]
    val_loss, val_acc = t.net.evaluate(t._xv, t._yv)
    assert evals[-1, 1] == pytest.approx(val_loss) and evals[-1, 2] == pytest.approx(val_acc)
    assert 0.0 <= t.val_accuracy <= 1.0
    assert t.epoch == pytest.approx(120 * 16 / len(t._x))


def test_training_learns_xor():
    t = Trainer(example("xor"))
    t.run(t.budget)
    assert t.summary()["accuracy"] > 0.95


# --------------------------------------------------------------------------- live controls


def test_learning_rate_batch_size_optimiser_live():
    t = Trainer(example("xor"))
    losses(t, 5)
    t.set_learning_rate(0.25)
    t.set_batch_size(40)
    t.set_optimizer("momentum")
    seen = t.samples_seen
    t.step()
    assert t.samples_seen == seen + 40
    s = t.snapshot()
    assert (s.learning_rate, s.batch_size, s.optimizer) == (0.25, 40, "momentum")
    assert t.opt.learning_rate == 0.25  # the new optimiser keeps the learning rate
    assert t.project.training["optimizer"] == "momentum"
    for bad in (0.0, -1.0, float("nan"), float("inf")):
        with pytest.raises(ValueError, match="learning rate"):
            t.set_learning_rate(bad)
    for bad in (0, -3, 5000, 2.5):
        with pytest.raises(ValueError, match="batch size"):
            t.set_batch_size(bad)
    with pytest.raises(ValueError):
        t.set_optimizer("nonsense")
    assert t.snapshot().learning_rate == 0.25


def test_clip_norm_limits_the_update():
    t = Trainer(example("xor", optimizer="sgd", learning_rate=1.0))
    t.set_clip_norm(1e-3)
    before = t.net.param_vector.copy()
    t.step()
    assert t.opt.last_clipped
    moved = np.linalg.norm(t.net.param_vector - before)
    assert moved == pytest.approx(1e-3, rel=1e-3)  # lr 1 x a gradient clipped to norm 1e-3
    t.set_clip_norm(0)
    assert t.opt.clip_norm is None


def test_dropout_rate_live():
    t = Trainer(example("overfit_dropout"))
    t.set_dropout(0.0)
    t.step()
    drop = [l for l in t.snapshot().layers if l.type == "Dropout"]
    # rate 0 keeps every unit (the layer then makes no mask at all)
    assert drop and all(l.dropout_mask is None or l.dropout_mask.all() for l in drop)
    t.set_dropout(0.9)
    t.step()
    drop = [l for l in t.snapshot().layers if l.type == "Dropout"]
    assert all(l.dropout_mask.mean() < 0.5 for l in drop)
    with pytest.raises(ValueError, match="dropout"):
        t.set_dropout(1.0)


# --------------------------------------------------------------------------- snapshots


def test_snapshots_are_copies():
    t = Trainer(example("spirals"))
    losses(t, 10)
    s = t.snapshot()
    w = s.layer("dense1").params["W"].copy()
    pred = s.view["pred"].copy()
    act = s.layer("dense1").activations.copy()
    t.set_param("dense1.W", np.zeros_like(w))
    losses(t, 10)
    t.net.param_vector[:] = 123.0
    t.snapshot()
    assert np.array_equal(s.layer("dense1").params["W"], w)
    assert np.array_equal(s.view["pred"], pred)
    assert np.array_equal(s.layer("dense1").activations, act)
    for layer in s.layers:
        for v in layer.params.values():
            assert not np.shares_memory(v, t.net.param_vector)


def test_snapshot_losses_cover_every_step_once():
    t = Trainer(example("xor"))
    parts = []
    for n in (3, 1, 7, 0, 5):
        losses(t, n)
        parts.append(t.snapshot(full=False))
    steps = np.concatenate([s.new_steps for s in parts])
    assert np.array_equal(steps, np.arange(1, 17))
    assert all(len(s.new_steps) == len(s.new_losses) for s in parts)


def test_snapshot_view_is_cached_between_full_snapshots():
    t = Trainer(example("xor"))
    t.step()
    full = t.snapshot(full=True)
    t.step()
    quick = t.snapshot(full=False)
    assert quick.view is full.view and quick.view["step"] == 1  # reused, and says when from
    later = t.snapshot(full=True)
    assert later.view["step"] == 2 and later.view["kind"] == "surface"
    assert later.view["pred"].shape == (64, 64, 2)
    t.reset_weights()
    assert t.snapshot(full=False).view["step"] == 0  # a new run never shows the old view


def test_hand_edit_shows_in_the_next_snapshot():
    t = Trainer(example("xor"))
    t.step()
    t.snapshot()
    t.set_param("dense2.b", [5.0, -5.0])
    assert list(t.snapshot().layer("dense2").params["b"]) == [5.0, -5.0]


# --------------------------------------------------------------------------- diagnosis


def test_nan_weight_stops_within_the_step_naming_the_layer():
    t = Trainer(example("deep_sigmoid"))
    losses(t, 3)
    w = t.net.get_param("dense4.W")
    w[1, 2] = np.nan
    t.set_param("dense4.W", w)
    before = t.net.param_vector.copy()
    t.step()
    d = t.diverged
    assert d is not None and d.kind == "nan" and d.layer == "dense4"
    assert "dense4.W" in d.message and d.advice
    # the weights are back to what the failing step used; further steps do nothing
    np.testing.assert_array_equal(t.net.param_vector, before)
    n = t.step_count
    t.step()
    assert t.step_count == n
    s = t.snapshot()
    assert s.state == "diverged" and s.warnings[0] is d


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize("lr", [1e3, 1e6, 1e30])
def test_huge_learning_rate_names_the_first_layer_that_overflowed(lr):
    t = Trainer(example("deep_relu"))
    t.set_learning_rate(lr)
    for _ in range(50):
        t.step()
        if t.diverged:
            break
    d = t.diverged
    assert d is not None and d.layer is not None and "learning rate" in d.advice
    # check independently: forward the failing batch again with the restored weights and find
    # the first layer whose values are not finite
    x = t.net.nodes[0].layer.trace["x"].copy()
    with np.errstate(all="ignore"):
        t.net.forward(x, training=False)
    first_bad = next(n.name for n in t.net.nodes
                     if not np.isfinite(n.layer.trace["z"]).all()
                     or not np.isfinite(n.layer.trace["a"]).all())
    assert d.layer == first_bad


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_update_overflow_is_caught_in_the_same_step():
    t = Trainer(linear_regression(lr=1.0))
    t.step()
    t.set_param("dense1.W", np.full((2, 1), 1e3))  # a large error: gradients in the thousands
    t.set_learning_rate(3e38)  # finite, but such a gradient times it overflows float32
    t.step()
    d = t.diverged
    assert d is not None and d.layer == "dense1" and "update" in d.message
    assert np.isfinite(t.net.param_vector).all()  # restored


def test_locate_helpers_on_a_hand_made_state():
    t = Trainer(example("xor"))
    t.step()
    t.net.param_vector[-1] = np.inf  # dense2.b
    assert locate_bad_update(t.net).layer == "dense2"
    t.net.layers["dense2"].trace["delta"][0, 0] = np.nan
    t.net.param_vector[-1] = 0.0
    d = locate_non_finite(t.net, loss=1.0)
    assert d.layer == "dense2" and "backward" in d.message
    # a NaN loss from finite outputs is the loss's (the data's) doing
    t.step()
    assert "targets" in locate_non_finite(t.net, loss=float("nan")).message


def test_vanishing_gradients_are_reported_on_the_deep_sigmoid():
    t = Trainer(example("deep_sigmoid"))
    losses(t, 5)
    warn = [w for w in t.snapshot().warnings if w.kind == "vanishing"]
    assert warn and warn[0].layer == "dense1"
    assert "orders of magnitude" in warn[0].message and "ReLU" in warn[0].advice
    # the same depth with ReLU and He initialisation does not vanish
    r = Trainer(example("deep_relu"))
    losses(r, 5)
    assert not [w for w in r.snapshot().warnings if w.kind == "vanishing"]


def test_exploding_gradients_are_reported_before_they_overflow():
    t = Trainer(linear_regression(lr=1.5))
    kinds = []
    for _ in range(60):
        t.step()
        assert t.diverged is None
        kinds = [w.kind for w in t.snapshot(full=False).warnings]
        if "exploding" in kinds:
            break
    assert "exploding" in kinds
    healthy = Trainer(linear_regression(lr=0.1))
    losses(healthy, 60)
    assert "exploding" not in [w.kind for w in healthy.snapshot().warnings]
