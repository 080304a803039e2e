"""The run registry keeps every run of the session with its settings, diffs and metrics."""

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import load_project
from nnsim.training import Trainer
from nnsim.training.runs import RunRegistry, Trace, describe_changes, ema, settings_of


def example(name):
    return load_project(resource_path("examples", f"{name}.json"))


def feed(reg, trainer, steps, every=10, project=None):
    """Train ``steps`` steps, giving the registry a snapshot every ``every`` steps."""
    reg.consume(trainer.snapshot(state="idle", full=False), project or trainer.project)
    done = 0
    while done < steps:
        k = min(every, steps - done)
        trainer.run(k)
        done += k
        reg.consume(trainer.snapshot(full=False), project or trainer.project)


def test_trace_keeps_every_point_until_full_then_averages_pairs():
    t = Trace(8)
    t.extend(np.arange(5), np.arange(5) * 2.0)
    np.testing.assert_array_equal(t.x, np.arange(5))
    t.extend(np.arange(5, 100), np.arange(5, 100) * 2.0)
    assert len(t) <= 9 and t.count == 100
    # the mean of a linear function is kept exactly
    np.testing.assert_allclose(t.y, 2 * t.x)
    assert t.stride == 16 and t.x[0] == 7.5 and t.x[-1] > 90  # buckets of 16 points
    t.extend([100.0, 101.0], [np.nan, 202.0])  # non-finite skipped
    assert t.count == 101


def test_trace_matches_raw_mean_for_many_small_chunks():
    rng = np.random.default_rng(0)
    y = rng.random(10_000)
    a, b = Trace(64), Trace(64)
    a.extend(np.arange(len(y)), y)
    for i in range(0, len(y), 7):
        b.extend(np.arange(i, min(i + 7, len(y))), y[i:i + 7])
    np.testing.assert_allclose(a.y, b.y)
    np.testing.assert_allclose(a.x, b.x)
    assert a.y.mean() == pytest.approx(y.mean(), rel=0.05)


def test_ema():
    y = np.array([1.0, 1.0, 1.0])
    np.testing.assert_allclose(ema(y, 0.9), y)  # debiased: a constant stays constant
    np.testing.assert_allclose(ema(np.array([1.0, 3.0]), 0.0), [1.0, 3.0])


@pytest.mark.parametrize("smoothing", [0.1, 0.6, 0.9, 0.99])
def test_ema_is_the_debiased_recursion(smoothing):
    y = np.random.default_rng(1).random(3000)
    want, acc, w = np.empty_like(y), 0.0, 0.0
    for i, v in enumerate(y):
        acc = smoothing * acc + (1 - smoothing) * v
        w = smoothing * w + (1 - smoothing)
        want[i] = acc / w
    np.testing.assert_allclose(ema(y, smoothing), want, rtol=1e-10)


def test_describe_changes():
    a = example("xor")
    b = a.copy()
    b.training["learning_rate"] = 0.1
    b.nodes[1].params["activation"] = "relu"
    changes = describe_changes(settings_of(a), settings_of(b))
    assert "learning rate 0.03 → 0.1" in changes
    assert any("activation tanh → relu" in c for c in changes)
    assert describe_changes(None, settings_of(a)) == ()
    assert describe_changes(settings_of(a), settings_of(example("spirals")))[0].startswith(
        "project")


def test_registry_keeps_runs_settings_and_metrics():
    p = example("xor")
    reg = RunRegistry()
    t = Trainer(p)
    feed(reg, t, 120, every=20)
    assert len(reg) == 1
    r1 = reg.runs[0]
    assert r1.number == 1 and r1.changes == () and r1.project_name == p.name
    assert r1.steps == 120 and r1.loss.count == 120
    np.testing.assert_array_equal(r1.loss.x, np.arange(1, 121))
    assert len(r1.evals) == 2 and r1.final_val_loss == pytest.approx(r1.evals[-1][1])
    assert set(r1.grad_norms) == {"dense1", "dense2"}
    assert len(r1.grad_norms["dense1"]) == 6
    assert "Run 1" in r1.label and p.name in r1.label

    # reset weights with the same seed after one change: a new run, labelled with the change
    t.set_learning_rate(0.1)
    reg.consume(t.snapshot(state="paused", full=False), p)  # the live change reaches run 1
    p2 = p.copy()
    p2.training["learning_rate"] = 0.1
    t.reset_weights()
    feed(reg, t, 60, project=p2)
    assert len(reg) == 2 and reg.current.number == 2
    r2 = reg.runs[1]
    assert r2.changes == ("learning rate 0.03 → 0.1",)
    assert "learning rate 0.03 → 0.1" in r2.label
    assert r2.steps == 60 and r1.steps == 120  # the first run is untouched
    # the first run recorded the live change
    assert any("learning rate 0.03 → 0.1" in c for c in r1.live_changes)


def test_a_new_trainer_or_project_starts_a_new_run_and_empty_runs_are_dropped():
    reg = RunRegistry()
    started = []
    reg.on_new_run(started.append)
    t = Trainer(example("xor"))
    feed(reg, t, 20)
    # a new trainer of the same project: the step goes back to 0, same run_id
    t2 = Trainer(example("xor"))
    reg.consume(t2.snapshot(state="idle", full=False), t2.project)
    assert len(reg) == 2
    # opened another project before training: the untrained run is replaced
    reg.new_project()
    s = Trainer(example("spirals"))
    feed(reg, s, 10)
    assert [r.project_name for r in reg.runs] == [t.project.name, s.project.name]
    assert [r.number for r in reg.runs] == [1, 2]
    assert len(started) == 3
    with pytest.raises(ValueError):
        RunRegistry().consume(t.snapshot(full=False))


def test_recurrent_profiles_and_score():
    p = example("adding_rnn")
    p.dataset.params.update(n_samples=64, length=8)
    p.training["batch_size"] = 16
    reg = RunRegistry()
    t = Trainer(p)
    feed(reg, t, 6, every=2)
    r = reg.current
    grid = r.dh_norm["simplernn1"]
    assert grid.image.shape == (8, 3)
    assert grid.steps == [2.0, 4.0, 6.0]
    assert r.score() == pytest.approx(r.recent_loss)  # no evaluation yet: the training loss
    t.evaluate()
    reg.consume(t.snapshot(full=False), p)
    assert r.score() == pytest.approx(t.val_loss)


def test_a_long_run_keeps_a_bounded_thinned_list_of_evaluations(monkeypatch):
    from nnsim.training import runs

    monkeypatch.setattr(runs, "MAX_EVALS", 16)
    p = example("xor")
    p.training["eval_every"] = 5
    reg = RunRegistry()
    t = Trainer(p)
    feed(reg, t, 1000, every=20)          # 200 evaluations
    r = reg.runs[0]
    assert 8 <= len(r.evals) <= 16
    steps = [row[0] for row in r.evals]
    assert steps == sorted(steps) and steps[-1] == 1000 and steps[0] <= 100
    assert r.final_val_loss == pytest.approx(r.evals[-1][1])
