"""Issue 7's UI: the backprop step-through shows the engine's own numbers and walks every stage,
the canvas follows it, explanations appear where the user looks, lessons open their projects and
plots, runs are kept and overlaid, and a race of two projects names a winner.

Every test that starts training shuts its controllers down (the autouse leak guard in
tests/conftest.py fails a test that leaves a thread running).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from nnsim.paths import resource_path
from nnsim.spec import compile_project, load_project
from nnsim.training import Trainer
from nnsim.training.lessons import LESSONS
from nnsim.training.runs import ema
from nnsim.ui import files
from nnsim.ui.main_window import MainWindow
from nnsim.ui.understanding import install_understanding
from nnsim.ui.understanding.formula import render_formula, tooltip_html
from nnsim.ui.understanding.race import RaceWindow, short_names
from nnsim.ui.understanding.stepthrough_panel import SMALL_UNITS, StepThroughPanel

T = 30_000  # ms: a shared 2-core machine


def example(name):
    return load_project(resource_path("examples", f"{name}.json"))


def trained(name, steps=60):
    t = Trainer(example(name))
    t.run(steps)
    snap = t.snapshot(full=False)
    return t, {f"{l.name}.{k}": v for l in snap.layers for k, v in l.params.items()}


@pytest.fixture
def window(qtbot, monkeypatch):
    monkeypatch.setattr(files, "ask_save_changes", lambda *a: "discard")
    monkeypatch.setattr(files, "show_error", lambda *a: None)
    w = MainWindow(recover=False, remember_layout=False, runner="thread")
    install_understanding(w)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.understanding.shutdown()
    if w.sim is not None:
        w.sim.shutdown()


def open_example(w, name):
    assert w.files.open_example(resource_path("examples", f"{name}.json"))


def train_until(w, qtbot, steps):
    w.toggle_training()
    qtbot.waitUntil(lambda: w.sim.latest is not None and w.sim.latest.step >= steps, timeout=T)


# -- formulas ---------------------------------------------------------------------------------------

def test_formulas_render_with_subscripts_and_symbols():
    html = render_formula("delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k)")
    assert html == ("δ<sub>k</sub> = (W<sub>k+1</sub><sup>T</sup> δ<sub>k+1</sub>) ⊙ "
                    "f'<sub>k</sub>(z<sub>k</sub>)")
    assert render_formula("W <- W - lr dL/dW") == "W ← W − lr ∂L/∂W"
    assert "ŷ" in render_formula("(y_hat - y)/n")
    tip = tooltip_html("activation:sigmoid")
    assert "Sigmoid" in tip and "1/4" in tip


# -- the step-through panel ------------------------------------------------------------------------

def engine_pass(project, dataset, weights, x, y):
    """The engine's own forward and backward pass, in float64, with the same weights."""
    p = project.copy()
    p.training["dtype"] = "float64"
    net = compile_project(p, dataset)
    net.load_state_dict({k: np.asarray(v, dtype=np.float64) for k, v in weights.items()})
    net.compute_gradients(x, y)
    traces = {n.name: {k: np.array(v) for k, v in n.layer.trace.items()
                       if isinstance(v, np.ndarray)} for n in net.nodes}
    grads = {k: v.copy() for k, v in net.named_gradients().items()}
    return net, traces, grads


@pytest.mark.parametrize("batch", [1, 4])
def test_tables_show_the_engines_own_numbers(qtbot, batch):
    t, weights = trained("xor")
    panel = StepThroughPanel()
    qtbot.addWidget(panel)
    if batch > 1:
        panel.mode_combo.setCurrentIndex(1)
        panel.batch_spin.setValue(batch)
    assert panel.set_source(t.project, t.dataset, weights, 0.03, t.step_count)
    panel.sample_spin.setValue(5)
    st = panel.stepper
    assert (st.sample, st.batch) == (5, batch)
    net, traces, grads = engine_pass(t.project, t.dataset, weights, st.x, st.y)
    checked = 0
    for i in range(panel.stage_count()):
        panel.go(i)
        s = panel.stage
        f = panel.factors
        if s.phase == "forward":
            tr = traces[s.layer]
            np.testing.assert_allclose(f["z"].table.values(), tr["z"].T, rtol=1e-12)
            np.testing.assert_allclose(f["a"].table.values(), tr["a"].T, rtol=1e-12)
            checked += 2
        elif s.phase == "backward":
            tr = traces[s.layer]
            # the three factors side by side: dL/da, f'(z), delta
            assert list(f) == ["dL/da", "f'(z)", "delta"]
            np.testing.assert_allclose(f["delta"].table.values(), tr["delta"].T, rtol=1e-10,
                                       atol=1e-14)
            np.testing.assert_allclose(f["dL/da"].table.values() * f["f'(z)"].table.values(),
                                       f["delta"].table.values(), rtol=1e-10, atol=1e-14)
            if s.layer != net.output:  # dL/da = W_above^T delta_above, on the numbers shown
                above = {"dense1": "dense2"}[s.layer]
                W = net.get_param(f"{above}.W")
                np.testing.assert_allclose(f["dL/da"].table.values(),
                                           (traces[above]["delta"] @ W.T).T, rtol=1e-10)
            checked += 3
        elif s.phase == "update":
            for p in ("W", "b"):
                g = grads[f"{s.layer}.{p}"]
                shown = f[f"dL/d{p}"].table.values()
                np.testing.assert_allclose(shown, g.reshape(shown.shape), rtol=1e-12,
                                           atol=1e-15)
                np.testing.assert_allclose(f[f"change {p}"].table.values(),
                                           -0.03 * g.reshape(shown.shape), rtol=1e-12,
                                           atol=1e-15)
                checked += 2
        elif s.phase == "loss":
            assert f["y_hat"].table.values().shape == (2, batch)
            np.testing.assert_allclose(f["y_hat"].table.values().sum(axis=0), 1.0)
    assert checked == 2 * 2 + 3 * 2 + 4 * 2


def test_every_stage_reachable_with_buttons_and_keys(qtbot):
    t, weights = trained("spirals", 20)
    panel = StepThroughPanel()
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_source(t.project, t.dataset, weights, None, t.step_count)
    n = panel.stage_count()
    seen = [panel.index]
    shown = []
    panel.stage_changed.connect(shown.append)
    assert not panel.prev_button.isEnabled()
    while panel.next_button.isEnabled():
        QTest.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
        seen.append(panel.index)
    assert seen == list(range(n))
    assert [s.title for s in shown] == [s.title for s in panel.stepper.stages[1:]]
    back = []
    while panel.prev_button.isEnabled():
        QTest.mouseClick(panel.prev_button, Qt.MouseButton.LeftButton)
        back.append(panel.index)
    assert back == list(range(n - 2, -1, -1))
    # keyboard: Right / Page Down forwards, Left back, End / Home
    QTest.keyClick(panel, Qt.Key.Key_Right)
    QTest.keyClick(panel, Qt.Key.Key_PageDown)
    assert panel.index == 2
    QTest.keyClick(panel, Qt.Key.Key_Left)
    assert panel.index == 1
    QTest.keyClick(panel, Qt.Key.Key_End)
    assert panel.index == n - 1
    QTest.keyClick(panel, Qt.Key.Key_Home)
    assert panel.index == 0
    # the stage list jumps anywhere
    panel.stage_combo.activated.emit(7)
    assert panel.index == 7


def test_large_layers_show_norms_and_recurrent_steps_a_time_chart(qtbot):
    p = example("adding_lstm")
    p.dataset.params.update(n_samples=40, length=12)
    t = Trainer(p)
    t.run(3)
    snap = t.snapshot(full=False)
    weights = {f"{l.name}.{k}": v for l in snap.layers for k, v in l.params.items()}
    panel = StepThroughPanel()
    qtbot.addWidget(panel)
    panel.set_source(p, t.dataset, weights, None, 3)
    st = panel.stepper
    panel.go(st.first_of("update"))
    big = [k for k, f in panel.factors.items() if f.table is None]
    assert big, "LSTM weight matrices are larger than 16x16: norms"
    for k in big:
        assert panel.factors[k].norm == pytest.approx(np.linalg.norm(panel.stage.values[k]))
    first = st.first_of("through_time")
    panel.go(first + 3)
    s = panel.stage
    assert s.t == 12 - 1 - 3 and panel.chart.isVisibleTo(panel)
    assert sorted(panel.chart.shown) == [8, 9, 10, 11]
    lstm = [x for x in st.stages if x.phase == "through_time"]
    for x in lstm[:4]:
        assert panel.chart.shown[x.t] == pytest.approx(x.values["||dL/dh_t||"][0])
    forget = panel.factors["forget gate f_t"].table.values()
    np.testing.assert_allclose(forget, s.values["forget gate f_t"].T)
    assert forget.shape[0] <= SMALL_UNITS


# -- in the window ------------------------------------------------------------------------------------

def test_stepthrough_pauses_training_and_highlights_each_stage(window, qtbot):
    w = window
    u = w.understanding
    open_example(w, "xor")
    w.doc.set_training("steps", 10**6)
    train_until(w, qtbot, 30)
    u.act_stepthrough.trigger()
    qtbot.waitUntil(lambda: w.sim.state == "paused" and u.stepthrough.stepper is not None,
                    timeout=T)
    panel = u.stepthrough
    qtbot.waitUntil(lambda: f"step {w.sim.latest.step:,}" in panel.source_label.text(),
                    timeout=T)
    assert u.stepthrough_dock.isVisible()
    # the weights are the paused snapshot's
    snap = w.sim.latest
    np.testing.assert_allclose(panel.stepper.net.get_param("dense1.W"),
                               snap.layer("dense1").params["W"], rtol=1e-6)
    nodes = w.view.scene().nodes
    for i in range(panel.stage_count()):
        panel.go(i)
        s = panel.stage
        want = {s.layer} if s.layer else {"output"}
        assert {k for k, item in nodes.items() if item.is_highlighted()} == want
    # one more training step (F10) while it is open: it follows, on the same stage
    panel.go(panel.stepper.first_of("backward"))
    before = w.sim.latest.step
    w.step_training()
    qtbot.waitUntil(lambda: f"step {before + 1:,}" in panel.source_label.text(), timeout=T)
    assert panel.stage.phase == "backward"
    np.testing.assert_allclose(panel.stepper.net.get_param("dense1.W"),
                               w.sim.latest.layer("dense1").params["W"], rtol=1e-6)
    u.stepthrough_dock.close()
    assert not any(item.is_highlighted() for item in nodes.values())


def test_stepthrough_before_training_uses_the_initial_weights(window, qtbot):
    u = window.understanding
    open_example(window, "xor")
    u.open_stepthrough()
    assert u.stepthrough.stepper is not None
    assert "not been trained" in u.stepthrough.source_label.text()
    assert window.sim.state == "idle"


def test_help_panel_explains_the_selection_and_clicked_plots(window, qtbot):
    w = window
    u = w.understanding
    open_example(w, "xor")
    w.view.scene().select_nodes(["dense1"])
    assert u.help.topics == ["layer:Dense", "activation:tanh"]
    assert "Dense (fully connected) layer" in u.help.text()
    w.view.scene().select_nodes(["output"])
    assert u.help.topics == ["layer:Output", "loss:cross_entropy"]
    # a click on a plot explains that plot
    loss_dock = u.panel_dock("loss")
    loss_dock.show()
    loss_dock.raise_()
    panel = u._panel("loss")
    vp = panel.view.viewport()
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(vp.width() // 2, vp.height() // 2))
    assert u.help.topics == ["plot:loss"]
    # the topic list
    item = u.help._items["gate:forget"]
    u.help.tree.setCurrentItem(item)
    assert u.help.topics == ["gate:forget"] and "Forget gate" in u.help.text()


def test_tooltips_carry_the_explanations(window, qtbot):
    w = window
    u = w.understanding
    open_example(w, "xor")
    items = w.palette.tree.type_items()
    assert "<b>LSTM (long short-term memory)</b>" in items["LSTM"].toolTip(0)
    assert "C<sub>t</sub>" in items["LSTM"].toolTip(0)
    w.view.scene().select_nodes(["dense1"])
    qtbot.wait(10)
    combo = w.inspector.layer.editors["activation"].widget
    for i in range(combo.count()):
        tip = combo.itemData(i, Qt.ItemDataRole.ToolTipRole)
        assert tip == tooltip_html(f"activation:{combo.itemData(i)}")
    assert "Tanh" in combo.toolTip()
    opt = w.inspector.training.editors["optimizer"].widget
    assert "Adam" in opt.toolTip()
    for p in w.dashboard.panels:
        assert p.toolTip(), p.panel_id
    assert "Gradient health" in u._panel("gradients").toolTip()


def test_each_lesson_opens_its_project_card_and_plots(window, qtbot):
    w = window
    u = w.understanding
    assert [a.text() for a in u.lessons_menu.actions()] == [l.title for l in LESSONS]
    for lesson in LESSONS:
        u.lesson_actions[lesson.id].trigger()
        first = load_project(lesson.project_paths()[0])
        assert w.doc.project.name == first.name, lesson.id
        assert u.lesson_dock.isVisible() and u.lesson_card.lesson is lesson
        assert lesson.title in u.lesson_card.body.text()
        top = u.panel_dock(lesson.panels[0])
        assert top.isVisible() and not top.visibleRegion().isEmpty(), lesson.id
        buttons = u.lesson_card.project_buttons
        assert len(buttons) == len(lesson.projects)
        assert not buttons[0].isEnabled()
    # a project button opens the lesson's other project
    lesson = LESSONS[0]
    u.lesson_actions[lesson.id].trigger()
    QTest.mouseClick(u.lesson_card.project_buttons[1], Qt.MouseButton.LeftButton)
    assert w.doc.project.name == load_project(lesson.project_paths()[1]).name
    assert u.lesson_card.current_project == 1
    assert u.lesson_card.race_button.isVisibleTo(u.lesson_card)  # same data set: they can race


def test_runs_are_kept_restarted_with_one_change_and_overlaid(window, qtbot):
    w = window
    u = w.understanding
    open_example(w, "xor")
    w.doc.set_training("steps", 10**6)
    train_until(w, qtbot, 120)
    w.sim.pause()
    qtbot.waitUntil(lambda: w.sim.state == "paused", timeout=T)
    reg = u.registry
    assert len(reg) == 1 and reg.current.steps >= 120
    # one change in the inspector, then restart with it
    from nnsim.ui.commands import SetTrainingCommand
    w.stack.push(SetTrainingCommand(w.doc, "learning_rate", 0.1))
    assert "learning rate 0.03 → 0.1" in u.runs_panel.hint.text()
    assert u.runs_panel.restart_button.isEnabled()
    QTest.mouseClick(u.runs_panel.restart_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(reg) == 2 and reg.current.steps >= 60, timeout=T)
    w.sim.pause()
    qtbot.waitUntil(lambda: w.sim.state == "paused", timeout=T)
    r1, r2 = reg.runs
    assert r2.changes == ("learning rate 0.03 → 0.1",)
    assert r2.training["learning_rate"] == 0.1 and r2.training["seed"] == r1.training["seed"]
    u.runs_panel.refresh(force=True)
    assert u.runs_dock.isVisible()
    labels = [it.text(0) for it in u.runs_panel.items().values()]
    assert len(labels) == 2 and "learning rate 0.03 → 0.1" in labels[1]
    # the previous run is overlaid on the loss and gradient plots
    qtbot.waitUntil(lambda: u.overlays.numbers == [1], timeout=T)
    loss_plot = u._panel("loss").loss_plot
    train_curve, val_curve = u.overlays.loss_items[1]
    assert train_curve in loss_plot.items and val_curve in loss_plot.items
    x, y = train_curve.getOriginalDataset()
    np.testing.assert_allclose(x, r1.loss.x)
    np.testing.assert_allclose(y, ema(r1.loss.y, u._panel("loss").smoothing))
    legend = u._panel("loss").legend
    assert any(label.text == "Run 1" for _, label in legend.items)
    # the axes show the whole overlaid run, even after the current one was cleared
    w.dashboard.clear()
    u.overlays.update(force=True)
    qtbot.waitUntil(lambda: loss_plot.getViewBox().viewRange()[0][1] >= r1.loss.x[-1] * 0.99,
                    timeout=5000)
    grads = u.overlays.grad_items[1]
    assert set(grads) == {"dense1", "dense2"}
    norm_plot = u._panel("gradients").norm_plot
    assert all(c in norm_plot.items for c in grads.values())
    gx, gy = grads["dense1"].getOriginalDataset()
    np.testing.assert_allclose(gy, r1.grad_norms["dense1"].y)
    # tick the second run too, then none
    item = u.runs_panel.items()[2]
    item.setCheckState(0, Qt.CheckState.Checked)
    assert u.overlays.numbers == [1, 2]
    QTest.mouseClick(u.runs_panel.none_button, Qt.MouseButton.LeftButton)
    assert u.overlays.numbers == [] and train_curve not in loss_plot.items
    assert not any(c in norm_plot.items for c in grads.values())


def small_adding(name, steps=40):
    p = example(name)
    p.dataset.params.update(n_samples=200, length=10)
    p.training.update(steps=steps, eval_every=20, batch_size=16)
    return p


def test_race_trains_both_and_names_a_winner(qtbot):
    assert short_names("Adding problem, lag 100: SimpleRNN",
                       "Adding problem, lag 100: LSTM") == ("SimpleRNN", "LSTM")
    race = RaceWindow(None, small_adding("adding_rnn"), small_adding("adding_lstm"))
    qtbot.addWidget(race)
    try:
        assert race.steps_spin.value() == 40
        race.steps_spin.setValue(30)
        with qtbot.waitSignal(race.finished, timeout=90_000) as sig:
            QTest.mouseClick(race.start_button, Qt.MouseButton.LeftButton)
        assert sig.args[0] in ("a", "b", "tie") and race.winner == sig.args[0]
        runs = [r.run for r in race.racers]
        assert [r.steps for r in runs] == [30, 30]
        text = race.winner_label.text()
        if race.winner == "tie":
            assert "close" in text
        else:
            k = "ab".index(race.winner)
            assert f"{race.names[k]} wins" in text
            assert runs[k].score() < runs[1 - k].score()
        # both loss curves on one plot, both heatmaps side by side
        for i in range(2):
            assert len(race.train_curves[i].getOriginalDataset()[0]) > 0
            img = race.images[i].image
            assert img is not None and img.shape[0] == 10
        assert race.start_button.isEnabled()
    finally:
        race.shutdown()


def test_race_menu_opens_the_adding_race(window, qtbot):
    u = window.understanding
    u.act_race.trigger()
    race = u.race_window
    assert race is not None and race.isVisible()
    assert race.names == ("SimpleRNN", "LSTM")
    assert race.combos[0].currentText().endswith("SimpleRNN")
    race.close()
