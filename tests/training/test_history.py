"""The bounded run history the dashboards plot: decimation keeps memory fixed and the shape."""

from __future__ import annotations

import csv
import math

import numpy as np
import pytest

from nnsim.training.history import RunHistory, Series, StepGrid, ema, saturated_fraction
from nnsim.training.snapshot import LayerStats, Snapshot


def _ema_reference(y, a, n=None):
    s = np.empty(len(y))
    s[0] = y[0]
    for t in range(1, len(y)):
        d = a ** (1 if n is None else n[t])
        s[t] = d * s[t - 1] + (1 - d) * y[t]
    return s


def test_series_keeps_every_point_until_full():
    s = Series(capacity=8)
    s.extend(np.arange(5), np.arange(5) * 2.0)
    assert len(s) == 5 and s.stride == 1
    np.testing.assert_array_equal(s.x, np.arange(5))
    np.testing.assert_array_equal(s.y, np.arange(5) * 2.0)
    np.testing.assert_array_equal(s.lo, s.y)
    np.testing.assert_array_equal(s.hi, s.y)


def test_series_decimates_by_pairs_keeping_mean_and_envelope():
    s = Series(capacity=8)
    ys = np.array([1, 5, 2, 2, 0, 9, 3, 3, 4, 4], dtype=float)
    s.extend(np.arange(10), ys)
    # 10 points in 8 buckets: the first 8 were merged into 4 pairs, then 2 new pairs
    assert s.stride == 2 and len(s) == 5
    np.testing.assert_allclose(s.y, [3, 2, 4.5, 3, 4])
    np.testing.assert_allclose(s.lo, [1, 2, 0, 3, 4])
    np.testing.assert_allclose(s.hi, [5, 2, 9, 3, 4])
    np.testing.assert_allclose(s.x, [0.5, 2.5, 4.5, 6.5, 8.5])
    assert s.count == 10


def test_series_point_by_point_equals_vectorised():
    rng = np.random.default_rng(0)
    ys = rng.normal(size=3001)
    a, b = Series(64), Series(64)
    a.extend(np.arange(3001), ys)
    for i, y in enumerate(ys):
        b.append(i, y)
    for attr in ("x", "y", "lo", "hi", "n"):
        np.testing.assert_allclose(getattr(a, attr), getattr(b, attr))
    assert a.stride == b.stride


def test_a_spike_survives_decimation():
    """A single bad step a million steps ago is still in the envelope."""
    s = Series(capacity=256)
    ys = np.full(1_000_000, 0.1)
    ys[123_456] = 50.0
    s.extend(np.arange(1_000_000), ys)
    assert len(s) <= 256
    assert s.hi.max() == 50.0
    k = int(np.argmax(s.hi))
    assert s.x[k] - s.n[k] / 2 <= 123_456 <= s.x[k] + s.n[k] / 2
    np.testing.assert_allclose(s.lo, 0.1)
    # the mean curve keeps the level
    assert np.median(s.y) == pytest.approx(0.1)


def test_series_drops_non_finite_values():
    s = Series(8)
    s.extend([1, 2, 3], [1.0, float("nan"), float("inf")])
    assert len(s) == 1 and s.dropped == 2


def test_envelope_is_a_zigzag_of_min_and_max_after_decimation():
    s = Series(4)
    s.extend(np.arange(8), [0, 2, 1, 3, 5, 5, 6, 8])
    x, y = s.envelope()
    np.testing.assert_allclose(y, [0, 2, 1, 3, 5, 5, 6, 8])
    assert len(x) == 8


@pytest.mark.parametrize("a", [0.0, 0.3, 0.9, 0.99, 0.999])
def test_ema_matches_the_recurrence(a):
    y = np.random.default_rng(1).normal(size=3000) + 3
    np.testing.assert_allclose(ema(y, a), _ema_reference(y, a), rtol=1e-9, atol=1e-12)


def test_ema_with_bucket_counts_matches_the_recurrence():
    rng = np.random.default_rng(2)
    y = rng.normal(size=2000)
    n = rng.integers(1, 300, size=2000)
    np.testing.assert_allclose(ema(y, 0.7, n), _ema_reference(y, 0.7, n), atol=1e-9)


def test_ema_does_not_overflow_on_long_series():
    y = np.random.default_rng(3).random(100_000)
    out = ema(y, 0.05)
    assert np.isfinite(out).all()


def test_step_grid_columns_span_equal_steps_and_forward_fill():
    g = StepGrid(rows=3, capacity=8)
    g.append(0, [1, 1, 1])
    g.append(3, [2, 2, 2])
    assert g.columns == 4
    np.testing.assert_array_equal(g.image[0], [1, 1, 1, 2])  # steps 1, 2 repeat step 0
    g.append(20, [5, 5, 5])  # beyond 8 columns: pairs are averaged until it fits
    assert g.stride >= 4 and g.columns <= 8
    assert g.image[0, -1] == 5
    x0, x1 = g.step_range()
    assert x0 == 0 and x1 >= 20


def test_step_grid_ignores_repeated_steps():
    g = StepGrid(rows=2, capacity=8)
    g.append(5, [1, 2])
    g.append(5, [9, 9])
    np.testing.assert_array_equal(g.image[:, -1], [1, 2])


def test_saturated_fraction():
    g = np.array([[0.01, 0.5, 0.99, 0.96]])
    assert saturated_fraction(g) == pytest.approx(0.75)


def _snap(step, losses_from, n, run_id=0, layers=(), probe=None, evals=None):
    steps = np.arange(losses_from, losses_from + n)
    return Snapshot(
        step=step, epoch=0.0, state="running", learning_rate=0.01, batch_size=8,
        optimizer="adam", train_loss=1.0, val_loss=1.0, train_accuracy=None, val_accuracy=None,
        steps_per_second=0.0, new_steps=steps, new_losses=1.0 / (1 + steps),
        new_evals=np.zeros((0, 5)) if evals is None else evals, layers=tuple(layers),
        probe=probe or {}, run_id=run_id)


def test_memory_of_the_loss_history_is_bounded_after_a_million_steps():
    h = RunHistory()
    layer = LayerStats("dense1", "Dense", params={"W": np.zeros((2, 2))}, grad_norm=1.0)
    step = 0
    for k in range(1000):  # 1,000 snapshots of 1,000 steps each
        h.append(_snap(step + 1000, step + 1, 1000, layers=[layer],
                       evals=np.array([[step + 1000, 0.5, 0.9, 0.4, 0.95]])))
        step += 1000
    assert h.train_loss.count == 1_000_000
    assert len(h.train_loss) <= h.train_loss.capacity
    assert h.train_loss.nbytes < 1_000_000
    assert h.nbytes < 5_000_000  # far below the 50 MB target
    # the shape is kept: the decimated mean follows 1/(1+step)
    s = h.train_loss
    assert s.y[0] > 10 * s.y[-1]


def test_history_restarts_on_a_new_run_id():
    h = RunHistory()
    h.append(_snap(10, 1, 10))
    h.append(_snap(10, 1, 10, run_id=1))
    assert h.train_loss.count == 10 and h.run_id == 1


def test_history_records_grids_and_gate_saturation():
    T = 5
    lstm = LayerStats("lstm1", "LSTM", params={"Wx": np.zeros((1, 8))}, grad_norm=0.5,
                      extra={"dh_norm": np.geomspace(1e-4, 1, T), "dc_norm": np.ones(T)})
    gates = {g: np.full((2, T), 0.5) for g in ("forget", "input", "candidate", "output")}
    gates["forget"] = np.full((2, T), 0.99)
    probe = {"input": np.zeros((T, 1)), "layers": {"lstm1": {**gates, "cell": np.zeros((2, T)),
                                                              "hidden": np.zeros((2, T))}}}
    h = RunHistory()
    h.append(_snap(3, 1, 3, layers=[lstm], probe=probe))
    h.append(_snap(6, 4, 3, layers=[lstm], probe=probe))
    g = h.grids["lstm1"]["dh_norm"]
    assert g.rows == T and g.columns >= 2
    np.testing.assert_allclose(g.image[:, -1], np.geomspace(1e-4, 1, T), rtol=1e-6)
    sat = h.gate_saturation["lstm1"]
    assert sat["forget"].last == 1.0 and sat["input"].last == 0.0
    assert sat["all"].last == pytest.approx(1 / 3)


def test_csv_has_every_metric_in_long_form(tmp_path):
    layer = LayerStats("dense1", "Dense", params={"W": np.zeros((2, 2))}, grad_norm=0.25,
                       update_ratio=1e-3)
    h = RunHistory()
    h.append(_snap(4, 1, 4, layers=[layer], evals=np.array([[4, 0.7, 0.5, 0.6, math.nan]])))
    path = tmp_path / "m.csv"
    n = h.to_csv(path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    assert len(rows) == n
    metrics = {r["metric"] for r in rows}
    assert {"train_loss", "val_loss", "val_accuracy", "learning_rate", "grad_norm",
            "update_ratio"} <= metrics
    tl = [r for r in rows if r["metric"] == "train_loss"]
    assert [r["step"] for r in tl] == ["1", "2", "3", "4"]
    assert float(tl[0]["value"]) == pytest.approx(0.5)
    gn = next(r for r in rows if r["metric"] == "grad_norm")
    assert gn["layer"] == "dense1" and float(gn["value"]) == 0.25


@pytest.mark.parametrize("n", [1, 7, 8, 9, 1000, 10_001])
def test_appending_points_one_by_one_equals_extending_with_them(n):
    rng = np.random.default_rng(n)
    xs, ys = np.arange(1, n + 1, dtype=float), rng.normal(size=n)
    ys[::97] = np.nan  # dropped, counted, either way
    a, b = Series(8), Series(8)
    for x, y in zip(xs, ys):
        a.append(x, y)
    b.extend(xs, ys)
    assert (len(a), a.stride, a.dropped) == (len(b), b.stride, b.dropped)
    for name in ("x", "y", "lo", "hi", "n"):
        np.testing.assert_allclose(getattr(a, name), getattr(b, name), rtol=1e-12)


def _ema_loop(y, smoothing, n):
    out = np.array(y, dtype=float)
    for t in range(1, len(y)):
        d = smoothing ** n[t]
        out[t] = d * out[t - 1] + (1 - d) * y[t]
    return out


@pytest.mark.parametrize("smoothing,stride", [(0.6, 1), (0.9, 1), (0.99, 1), (0.9, 8),
                                              (0.9, 256), (0.99, 4096), (0.3, 1)])
def test_ema_of_a_long_decimated_run_matches_the_recursion(smoothing, stride):
    rng = np.random.default_rng(stride)
    y = 1.0 / np.sqrt(np.arange(1, 4097)) + 0.1 * rng.random(4096)
    n = np.full(4096, stride)
    n[-1] = max(1, stride // 3)                       # the newest bucket is partial
    np.testing.assert_allclose(ema(y, smoothing, n), _ema_loop(y, smoothing, n),
                               rtol=1e-9, atol=1e-12)
