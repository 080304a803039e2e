"""Each dashboard panel, fed recorded snapshots of real (short, seeded) training runs: assert what
is drawn (data in the items, image levels, bands, labels, warnings, colours), not how training
went."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from nnsim.spec import Project, load_project
from nnsim.training import Trainer
from nnsim.training.diagnosis import EXPLODING_MIN_NORM, VANISHING_RATIO
from nnsim.training.history import RunHistory, ema
from nnsim.training.snapshot import Diagnosis, LayerStats, Snapshot
from nnsim.ui import plot_style as S
from nnsim.ui.panels import (Context, GatesPanel, GradientsPanel, LossPanel, NeuronsPanel,
                             OutputPanel, ThroughTimePanel, WeightsPanel)
from nnsim.ui.panels import base as panel_base

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


# -- recorded runs --------------------------------------------------------------------------------
def chain(dataset, layers, loss, training=None, dataset_params=None) -> Project:
    return Project.chain(layers, loss, dataset, dataset_params, name="test",
                         **{"eval_every": 10, "batch_size": 16, **(training or {})})


class Run:
    """A trainer and the snapshots it produced, every ``every`` steps."""

    def __init__(self, project, steps=60, every=10):
        project.training["eval_every"] = every
        self.trainer = Trainer(project)
        self.snaps = []
        for _ in range(steps // every):
            self.trainer.run(every)
            self.snaps.append(self.trainer.snapshot())
        self.context = Context.build(self.trainer.project, self.trainer.dataset)

    @property
    def last(self):
        return self.snaps[-1]

    def history(self) -> RunHistory:
        h = RunHistory()
        for s in self.snaps:
            h.append(s)
        return h


@pytest.fixture(scope="module")
def xor():
    return Run(load_project(EXAMPLES / "xor.json"), 60)


@pytest.fixture(scope="module")
def deep_sigmoid():
    return Run(load_project(EXAMPLES / "deep_sigmoid.json"), 40)


@pytest.fixture(scope="module")
def digits():
    return Run(chain("digits", [("Dense", {"units": 9, "activation": "tanh"}),
                                ("Dense", {"units": 10, "activation": "linear"})],
                     "cross_entropy"), 20)


@pytest.fixture(scope="module")
def dropout_net():
    # snapshots between evaluations: an evaluation pass (training=False) clears the dropout
    # layer's mask from its trace, so a snapshot taken right after one has no mask to show
    project = chain("moons", [("Dense", {"units": 6, "activation": "tanh"}),
                              ("Dropout", {"rate": 0.5}),
                              ("Dense", {"units": 2, "activation": "linear"})], "cross_entropy")
    run = Run(project, 20)
    run.trainer.run(3)
    run.snaps.append(run.trainer.snapshot())
    return run


@pytest.fixture(scope="module")
def lstm():
    return Run(chain("adding", [("LSTM", {"units": 5}),
                                ("Dense", {"units": 1, "activation": "linear"})], "mse",
                     dataset_params={"length": 12, "n_samples": 200}), 30)


@pytest.fixture(scope="module")
def rnn():
    return Run(chain("sine_wave", [("SimpleRNN", {"units": 4, "return_sequences": True}),
                                   ("Dense", {"units": 1, "activation": "linear"})], "mse",
                     dataset_params={"length": 15, "n_samples": 60}), 20)


@pytest.fixture(scope="module")
def sine():
    return Run(chain("sine", [("Dense", {"units": 8, "activation": "tanh"}),
                              ("Dense", {"units": 1, "activation": "linear"})], "mse"), 30)


def make_panel(qtbot, cls, run=None, size=(800, 600)):
    p = cls(run.history() if run is not None else None)
    qtbot.addWidget(p)
    if run is not None:
        p.set_context(run.context)
    p.resize(*size)
    p.show()
    return p


def curve_data(item):
    """The data values handed to a curve (before any log transform for a log axis)."""
    if hasattr(item, "x_values"):
        return np.asarray(item.x_values), np.asarray(item.y_values)
    x, y = item.xData, item.yData
    return (np.array([]) if x is None else np.asarray(x)), \
        (np.array([]) if y is None else np.asarray(y))


# -- 1. loss & metrics ---------------------------------------------------------------------------------
def test_loss_panel_draws_per_step_loss_validation_and_accuracy(qtbot, xor):
    p = make_panel(qtbot, LossPanel, xor)
    assert p.show_snapshot(xor.last)
    h = p.history
    x, y = curve_data(p.train_curve)
    np.testing.assert_array_equal(x, np.arange(1, 61))
    np.testing.assert_allclose(y, ema(h.train_loss.y, p.smoothing, h.train_loss.n))
    xr, yr = curve_data(p.raw_curve)
    np.testing.assert_allclose(yr, h.train_loss.y)       # the raw per-batch losses
    xv, yv = curve_data(p.val_curve)
    np.testing.assert_array_equal(xv, np.arange(10, 61, 10))
    np.testing.assert_allclose(yv, h.evals["val_loss"].y)
    xa, ya = curve_data(p.val_acc_curve)
    np.testing.assert_allclose(ya, 100 * h.evals["val_accuracy"].y)   # percent
    assert p.acc_plot.isVisible()
    assert p.loss_plot.getAxis("bottom").labelText == "training step"
    assert p.loss_plot.getAxis("left").labelText == "loss (cross-entropy)"
    assert p.acc_plot.getAxis("left").labelText == "accuracy (%)"
    # balanced two-class data: chance at 50%
    assert p.acc_baseline.isVisible() and p.acc_baseline.value() == pytest.approx(50.0, abs=5)
    assert "step 60" in p.readout.text()


def test_loss_panel_smoothing_and_log_scale(qtbot, xor):
    p = make_panel(qtbot, LossPanel, xor)
    p.show_snapshot(xor.last)
    p.smooth_slider.setValue(0)
    _, y = curve_data(p.train_curve)
    np.testing.assert_allclose(y, p.history.train_loss.y)   # no smoothing: the raw losses
    p.smooth_slider.setValue(90)
    _, y9 = curve_data(p.train_curve)
    assert np.std(np.diff(y9)) < np.std(np.diff(y))          # smoother
    p.log_box.setChecked(True)
    assert p.loss_plot.getViewBox().state["logMode"][1]
    assert p.loss_plot.getAxis("left").logMode


def test_loss_panel_hides_accuracy_for_regression(qtbot, sine):
    p = make_panel(qtbot, LossPanel, sine)
    p.show_snapshot(sine.last)
    assert not p.acc_plot.isVisible()
    assert p.loss_plot.getAxis("left").labelText == "loss (MSE)"
    assert p.loss_baseline.isVisible()   # "predicting the mean"


# -- 2. weights -----------------------------------------------------------------------------------------
def test_weight_heatmaps_symmetric_levels_histogram_and_hover(qtbot, xor):
    p = make_panel(qtbot, WeightsPanel, xor)
    assert p.relevant
    p.show_snapshot(xor.last)
    assert set(p.entries) == {"dense1.W", "dense2.W"}
    for key, e in p.entries.items():
        W = xor.last.layer(key.split(".")[0]).params["W"]
        np.testing.assert_array_equal(e.image.image, W)       # rows = inputs, columns = units
        m = float(np.abs(W).max())
        lo, hi = e.image.getLevels()
        assert lo == pytest.approx(-m) and hi == pytest.approx(m)   # symmetric: white is 0
        assert e.hist_percent.sum() == pytest.approx(100.0)
        xs, ys = e.bars.getData()
        assert xs[0] == pytest.approx(-m) and xs[-1] == pytest.approx(m)
    e = p.entries["dense1.W"]
    W = e.values
    # hover over cell (i=1, j=2): image pixel (x=2.5, y=1.5)
    pos = e.image.mapToScene(pg_point(2.5, 1.5))
    p.view.scene().sigMouseMoved.emit(pos)
    assert p.hover_label.text() == f"dense1.W[i=1, j=2] = {W[1, 2]:+.4g}"


def pg_point(x, y):
    from PySide6.QtCore import QPointF
    return QPointF(x, y)


def test_digits_first_layer_as_8x8_images_per_unit(qtbot, digits):
    p = make_panel(qtbot, WeightsPanel, digits, size=(900, 900))
    p.show_snapshot(digits.last)
    e = p.entries["dense1.W"]
    assert e.kind == "tiles" and e.image_shape == (8, 8)
    img = e.image.image
    # 9 units -> 3 x 3 tiles of 8x8 with 1-pixel gaps
    assert img.shape == (3 * 9 - 1, 3 * 9 - 1)
    W = digits.last.layer("dense1").params["W"]
    np.testing.assert_allclose(img[:8, :8], W[:, 0].reshape(8, 8))        # unit 0, top left
    np.testing.assert_allclose(img[9:17, 9:17], W[:, 4].reshape(8, 8))    # unit 4, centre
    assert np.isnan(img[8]).all()                                        # the gap
    lo, hi = e.image.getLevels()
    assert lo == pytest.approx(-np.abs(W).max()) and hi == -lo
    # hover: unit 4, pixel (row 2, col 3)
    pos = e.image.mapToScene(pg_point(9 + 3.5, 9 + 2.5))
    p.view.scene().sigMouseMoved.emit(pos)
    assert "unit j=4" in p.hover_label.text() and "row 2, col 3" in p.hover_label.text()
    assert f"{W[2 * 8 + 3, 4]:+.4g}" in p.hover_label.text()
    # the second layer is an ordinary heatmap
    assert p.entries["dense2.W"].kind == "matrix"


def test_lstm_weights_one_heatmap_per_gate(qtbot, lstm):
    p = make_panel(qtbot, WeightsPanel, lstm)
    p.show_snapshot(lstm.last)
    L = lstm.last.layer("lstm1")
    n_in, u = L.params["Wx"].shape[0], L.params["Wh"].shape[0]
    for k, gate in enumerate(("forget", "input", "candidate", "output")):
        e = p.entries[f"lstm1.{gate}"]
        s = slice(k * u, (k + 1) * u)
        np.testing.assert_array_equal(e.image.image,
                                      np.vstack((L.params["Wx"][:, s], L.params["Wh"][:, s])))
        assert e.split == n_in
        lo, hi = e.image.getLevels()
        assert lo == -hi
    e = p.entries["lstm1.forget"]
    assert p.describe("lstm1.forget", n_in, 0).startswith("lstm1.Wh[0, 0] (forget gate)")
    # focusing on one layer hides the others
    p.layer_box.setCurrentIndex(p.layer_box.findData("dense1"))
    assert [e.key for e in p.visible_entries()] == ["dense1.W"]


def test_big_matrix_is_block_averaged_for_display_but_hover_reads_exact_weights(qtbot):
    W = np.random.default_rng(0).normal(size=(784, 300)).astype(np.float32)
    layer = LayerStats("big", "Dense", params={"W": W, "b": np.zeros(300, np.float32)})
    p = WeightsPanel()
    qtbot.addWidget(p)
    p.show_snapshot(fake_snapshot(layers=(layer,)), force=True)
    e = p.entries["big.W"]
    assert max(e.image.image.shape) <= 256
    assert e.image.getLevels()[1] == pytest.approx(float(np.abs(W).max()))
    assert p.describe("big.W", 700, 299) == f"big.W[i=700, j=299] = {W[700, 299]:+.4g}"


# -- 3. gradient health ---------------------------------------------------------------------------------
def test_gradient_norms_on_log_axis_with_bands_and_ratio(qtbot, xor):
    p = make_panel(qtbot, GradientsPanel, xor)
    p.show_snapshot(xor.last)
    h = p.history
    assert set(p.norm_curves) == {"dense1", "dense2"}
    x, y = curve_data(p.norm_curves["dense1"])
    np.testing.assert_array_equal(x, [s.step for s in xor.snaps])
    np.testing.assert_allclose(y, h.layers["dense1"]["grad_norm"].y)
    _, r = curve_data(p.ratio_curves["dense2"])
    np.testing.assert_allclose(r, h.layers["dense2"]["update_ratio"].y)
    assert p.norm_plot.getAxis("left").logMode and p.ratio_plot.getAxis("left").logMode
    # vanishing band: below VANISHING_RATIO x the top layer's gradient (log10 coordinates)
    top = xor.last.layer("dense2").grad_norm
    lo, hi = p.vanishing_band.getRegion()
    assert hi == pytest.approx(math.log10(VANISHING_RATIO * top), abs=0.03)  # 1/20 decade
    assert p.vanishing_band.isVisible()
    assert p.exploding_band.getRegion()[0] == pytest.approx(math.log10(EXPLODING_MIN_NORM))
    assert p.healthy_band.getRegion() == pytest.approx((-4, -2))
    assert p.norm_plot.getAxis("left").labelText == "gradient norm ||dL/dθ||"
    assert not p.banner.isVisibleTo(p)


def test_diagnosis_warnings_appear_on_the_plot(qtbot, deep_sigmoid):
    snap = next(s for s in deep_sigmoid.snaps if s.warnings)
    w = snap.warnings[0]
    assert w.kind == "vanishing"
    p = make_panel(qtbot, GradientsPanel, deep_sigmoid)
    p.show_snapshot(snap)
    assert p.banner.isVisibleTo(p)
    assert "Vanishing gradients" in p.warning_text() and w.layer in p.warning_text()
    assert w.layer in p.flags
    assert "vanishing" in p.flags[w.layer].toPlainText()
    assert p.norm_curves[w.layer].opts["pen"].widthF() > 1   # the layer's curve stands out


# -- 4. gradient through time ---------------------------------------------------------------------------
def test_gradient_through_time_heatmap(qtbot, lstm, xor):
    p = make_panel(qtbot, ThroughTimePanel, xor)
    assert not p.relevant and "recurrent" in p.placeholder.text()
    p = make_panel(qtbot, ThroughTimePanel, lstm)
    assert p.relevant
    p.show_snapshot(lstm.last)
    row = p.rows["lstm1"]
    g = p.history.grids["lstm1"]["dh_norm"]
    img = row.image.image
    assert img.shape == (12, g.columns)                     # time steps x training-step columns
    np.testing.assert_allclose(img, np.log10(np.maximum(g.image, 1e-30)), rtol=1e-5)
    lo, hi = row.image.getLevels()
    assert hi - lo == pytest.approx(8) and hi >= img.max()   # 8 decades of log colour
    dh = lstm.last.layer("lstm1").extra["dh_norm"]
    xs, ts = curve_data(row.h_curve)
    np.testing.assert_allclose(xs, dh)
    np.testing.assert_array_equal(ts, np.arange(12))
    assert row.plot.getAxis("left").labelText == "time step t"
    assert "||dL/dh_0|| / ||dL/dh_T||" in p.readout.text()


# -- 5. LSTM gates -------------------------------------------------------------------------------------
def test_lstm_gate_heatmaps_input_and_saturation_trend(qtbot, lstm):
    p = make_panel(qtbot, GatesPanel, lstm, size=(1000, 800))
    p.show_snapshot(lstm.last)
    tr = lstm.last.probe["layers"]["lstm1"]
    for name in ("forget", "input", "output", "candidate", "cell", "hidden"):
        np.testing.assert_allclose(p.images[name].image, tr[name], rtol=1e-6)   # units x time
        assert p.plots[name].isVisible()
    for g in ("forget", "input", "output"):
        assert tuple(p.images[g].getLevels()) == (0.0, 1.0)          # sequential in [0, 1]
    for s in ("candidate", "hidden"):
        assert tuple(p.images[s].getLevels()) == (-1.0, 1.0)         # diverging
    lo, hi = p.images["cell"].getLevels()
    assert lo == -hi and hi == pytest.approx(float(np.abs(tr["cell"]).max()), rel=1e-5)
    x = lstm.last.probe["input"]
    assert len(p.input_curves) == x.shape[1]
    np.testing.assert_allclose(curve_data(p.input_curves[0])[1], x[:, 0])
    sat = p.history.gate_saturation["lstm1"]
    xs, ys = curve_data(p.sat_curves["forget"])
    np.testing.assert_allclose(ys, 100 * sat["forget"].y)
    assert len(xs) == len(lstm.snaps)
    assert "forget" in p.readout.text()


def test_simple_rnn_shows_its_hidden_state_only(qtbot, rnn):
    p = make_panel(qtbot, GatesPanel, rnn)
    assert p.relevant
    p.show_snapshot(rnn.last)
    assert p.plots["hidden"].isVisible()
    assert not p.plots["forget"].isVisible()
    assert "no gates" in p.readout.text()


def test_gates_panel_says_why_it_is_empty(qtbot, xor):
    p = make_panel(qtbot, GatesPanel, xor)
    assert not p.relevant
    assert p.placeholder.text().startswith("LSTM gates appear when the network has an LSTM")
    assert p.stack.currentWidget() is p.placeholder


def test_gates_panel_from_a_hand_made_snapshot(qtbot):
    """Documented shapes only (no trainer): gates (units, T), input (T, F)."""
    u, T = 3, 7
    rng = np.random.default_rng(0)
    tr = {g: rng.random((u, T)) for g in ("forget", "input", "output")}
    tr.update(candidate=rng.uniform(-1, 1, (u, T)), cell=rng.normal(size=(u, T)) * 3,
              hidden=rng.uniform(-1, 1, (u, T)))
    snap = fake_snapshot(probe={"input": rng.random((T, 8)), "layers": {"enc": tr}})
    p = GatesPanel()
    qtbot.addWidget(p)
    p.show_snapshot(snap, force=True)
    assert p.relevant and p.layer == "enc"
    assert p.input_image.isVisible()                    # 8 features: drawn as a heatmap
    assert p.input_image.image.shape == (8, T)
    np.testing.assert_allclose(p.images["cell"].image, tr["cell"], rtol=1e-6)


# -- 6. output view ------------------------------------------------------------------------------------
def test_decision_surface_with_training_and_validation_points(qtbot, xor):
    p = make_panel(qtbot, OutputPanel, xor)
    p.show_snapshot(xor.last)
    assert p.kind == "surface"
    pred = xor.last.view["pred"]
    img = p.surface.image
    assert img.shape == (64 * 3, 64 * 3)                          # P(class 1), interpolated
    assert img[0, 0] == pytest.approx(pred[0, 0, 1], abs=1e-6)
    assert img[-1, -1] == pytest.approx(pred[-1, -1, 1], abs=1e-6)
    assert tuple(p.surface.getLevels()) == (0.0, 1.0)
    ds = xor.trainer.dataset
    assert len(p.train_points.data) == ds.n_train
    assert len(p.val_points.data) == ds.n_val
    tp = p.train_points.points()[0]
    assert tp.brush().color().name() == S.class_color(int(ds.y_train[0]))
    assert tp.pen().color().name() == "#ffffff"                  # white outline
    vp = p.val_points.points()[0]
    assert vp.pen().color().name() == S.class_color(int(ds.y_val[0]))    # hollow ring
    assert vp.brush().color().alpha() < 255
    r = p.surface.mapRectToParent(p.surface.boundingRect())
    (x0, x1), (y0, y1) = ds.meta["bounds"]
    assert (r.left(), r.right(), r.top(), r.bottom()) == pytest.approx((x0, x1, y0, y1))


def test_fitted_curve_for_1d_regression(qtbot, sine):
    p = make_panel(qtbot, OutputPanel, sine)
    p.show_snapshot(sine.last)
    assert p.kind == "curve"
    x, y = curve_data(p.curve)
    np.testing.assert_allclose(x, sine.last.view["x"])
    np.testing.assert_allclose(y, sine.last.view["y_pred"])
    assert len(p.train_points.data) == sine.trainer.dataset.n_train
    assert p.plot.getAxis("bottom").labelText == "x"


def test_sequence_and_scatter_views(qtbot, rnn, lstm):
    p = make_panel(qtbot, OutputPanel, rnn)
    p.show_snapshot(rnn.last)
    assert p.kind == "sequence"
    np.testing.assert_allclose(curve_data(p.true_curve)[1], rnn.last.view["true"])
    np.testing.assert_allclose(curve_data(p.curve)[1], rnn.last.view["pred"])
    q = make_panel(qtbot, OutputPanel, lstm)
    q.show_snapshot(lstm.last)
    assert q.kind == "scatter"
    assert len(q.train_points.data) == len(lstm.last.view["true"])
    assert q.plot.getAxis("bottom").labelText == "true value"


def test_text_view_shows_the_sample(qtbot):
    snap = fake_snapshot(view={"kind": "text", "sample": "the cat |sat on the mat"})
    p = OutputPanel()
    qtbot.addWidget(p)
    p.show_snapshot(snap, force=True)
    assert p.pages.currentWidget() is p.text
    assert "the cat" in p.text_shown() and "sat on the mat" in p.text_shown()


def test_output_view_keeps_the_picture_when_a_snapshot_has_no_view(qtbot, xor):
    p = make_panel(qtbot, OutputPanel, xor)
    p.show_snapshot(xor.last)
    before = p.surface.image.copy()
    p.show_snapshot(fake_snapshot(view={}))
    np.testing.assert_array_equal(p.surface.image, before)


# -- 7. neuron view ------------------------------------------------------------------------------------
def test_neurons_coloured_by_activation_connections_by_weight(qtbot, xor):
    p = make_panel(qtbot, NeuronsPanel, xor)
    assert p.relevant
    p.show_snapshot(xor.last)
    assert [c["n"] for c in p.columns] == [2, 4, 2]
    a = xor.last.layer("dense1").activations[0]
    col = p.colors[1]
    k_max, k_min = int(np.argmax(a)), int(np.argmin(a))
    if a[k_max] > 0:   # positive activation -> blue, negative -> orange (diverging)
        assert col[k_max, 2] > col[k_max, 0]
    if a[k_min] < 0:
        assert col[k_min, 0] > col[k_min, 2]
    # every connection drawn once, in the bucket of its sign
    counts = p.edge_count()
    W1 = xor.last.layer("dense1").params["W"]
    W2 = xor.last.layer("dense2").params["W"]
    assert sum(counts.values()) == W1.size + W2.size
    pos = sum(v for (sign, _), v in counts.items() if sign == 1)
    assert pos == int((W1 > 0).sum() + (W2 > 0).sum())
    # the strongest weight sits in the thickest bucket
    allw = np.concatenate([W1.ravel(), W2.ravel()])
    strongest = allw[np.abs(allw).argmax()]
    assert counts[(int(strongest > 0), 3)] >= 1


def test_dropped_out_neurons_are_grey(qtbot, dropout_net):
    p = make_panel(qtbot, NeuronsPanel, dropout_net)
    snap = dropout_net.last
    p.show_snapshot(snap)
    mask = snap.layer("dropout1").dropout_mask[0]
    assert not mask.all(), "rate 0.5 on 6 units: some unit is dropped in this seeded run"
    dropped = p.dropped[1]
    np.testing.assert_array_equal(dropped, ~mask)
    grey = QColor("#d4d4d4").getRgb()[:3]
    for k in np.flatnonzero(~mask):
        assert tuple(p.colors[1][k, :3]) == grey
    for k in np.flatnonzero(mask):
        assert tuple(p.colors[1][k, :3]) != grey


def test_neuron_view_says_why_big_or_recurrent_nets_are_hidden(qtbot, digits, lstm):
    p = make_panel(qtbot, NeuronsPanel, digits)
    assert not p.relevant and "64" in p.reason and "inputs" in p.reason
    q = make_panel(qtbot, NeuronsPanel, lstm)
    assert not q.relevant and "LSTM" in q.reason
    r = make_panel(qtbot, NeuronsPanel, Run(load_project(EXAMPLES / "overfit.json"), 10))
    assert not r.relevant and "128" in r.reason


# -- 8. export -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("cls", [LossPanel, WeightsPanel, GradientsPanel, NeuronsPanel,
                                 OutputPanel])
def test_export_png(qtbot, tmp_path, xor, cls):
    p = make_panel(qtbot, cls, xor, size=(640, 480))
    p.show_snapshot(xor.last)
    path = p.export_png(tmp_path / "out.png")
    img = QImage(path)
    assert not img.isNull()
    assert img.width() >= 640          # exported at twice the plot's on-screen size


def test_export_button_asks_for_a_path(qtbot, tmp_path, xor, monkeypatch):
    p = make_panel(qtbot, LossPanel, xor)
    p.show_snapshot(xor.last)
    target = tmp_path / "loss.png"
    monkeypatch.setattr(panel_base, "ask_png_path", lambda parent, title: str(target))
    p.export_button.click()
    assert target.exists() and target.stat().st_size > 1000


# -- helpers -------------------------------------------------------------------------------------------
def fake_snapshot(layers=(), view=None, probe=None, warnings=(), step=1, run_id=0):
    return Snapshot(
        step=step, epoch=0.0, state="running", learning_rate=0.01, batch_size=8,
        optimizer="adam", train_loss=1.0, val_loss=float("nan"), train_accuracy=None,
        val_accuracy=None, steps_per_second=0.0, new_steps=np.array([step]),
        new_losses=np.array([1.0]), new_evals=np.zeros((0, 5)), layers=tuple(layers),
        warnings=tuple(warnings), view=view or {}, probe=probe or {}, run_id=run_id)


def test_hand_made_warning_reaches_the_banner(qtbot):
    layers = (LayerStats("a", "Dense", params={"W": np.ones((2, 2))}, grad_norm=1e-9),
              LayerStats("b", "Dense", params={"W": np.ones((2, 2))}, grad_norm=1.0))
    w = Diagnosis("exploding", "Exploding gradients: the norm grew.", None, "Clip it.")
    p = GradientsPanel()
    qtbot.addWidget(p)
    p.history.append(fake_snapshot(layers=layers))
    p.show_snapshot(fake_snapshot(layers=layers, warnings=(w,)), force=True)
    assert "Exploding gradients" in p.warning_text() and "Clip it." in p.warning_text()
