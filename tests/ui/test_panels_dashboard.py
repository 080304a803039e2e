"""The Dashboard the main window and the simulation controller talk to: consume every snapshot,
render the newest on visible panels only (at ~30 Hz from its own timer), clear on a new run,
adapt to the project, emit the diagnosis, export the metrics."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, load_project
from nnsim.training import Trainer
from nnsim.ui.dashboard import Dashboard

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
IDS = {"loss", "weights", "gradients", "through_time", "gates", "output", "neurons"}


def lstm_project() -> Project:
    p = Project(name="lstm")
    p.nodes = [NodeSpec.new("input", "Input"), NodeSpec.new("lstm1", "LSTM", units=4),
               NodeSpec.new("dense1", "Dense", units=1, activation="linear"),
               NodeSpec.new("output", "Output", loss="mse")]
    p.links = [LinkSpec("input", "lstm1"), LinkSpec("lstm1", "dense1"),
               LinkSpec("dense1", "output")]
    p.dataset = DatasetSpec("adding", {"length": 10, "n_samples": 100})
    p.training.update(eval_every=5, batch_size=8)
    return p


def snapshots(trainer, n, every=5):
    out = []
    for _ in range(n):
        trainer.run(every)
        out.append(trainer.snapshot())
    return out


@pytest.fixture
def dash(qtbot):
    d = Dashboard()
    for p in d.panels:
        qtbot.addWidget(p)
    yield d
    d.timer.stop()


@pytest.fixture(scope="module")
def xor_run():
    project = load_project(EXAMPLES / "xor.json")
    project.training["eval_every"] = 5
    t = Trainer(project)
    return t, snapshots(t, 6)


def test_panels_have_ids_titles_and_reasons(dash):
    assert {p.panel_id for p in dash.panels} == IDS
    assert all(p.title for p in dash.panels)
    assert dash.panel("gates").reason.startswith("LSTM gates appear when the network has an LSTM")


def test_consume_records_every_snapshot_render_draws_the_newest(dash, xor_run):
    trainer, snaps = xor_run
    dash.set_context(trainer.project, trainer.dataset)
    loss = dash.panel("loss")
    loss.show()
    drawn = []
    loss.drawn.connect(lambda: drawn.append(loss.snapshot.step))
    for s in snaps:
        dash.consume(s)
    assert drawn == []                                # consume never draws
    assert dash.history.train_loss.count == snaps[-1].step   # ... but records every step
    dash.render()
    assert drawn == [snaps[-1].step]                  # one drawing, of the newest
    dash.render()
    assert drawn == [snaps[-1].step]                  # nothing new: nothing drawn


def test_only_visible_panels_are_drawn_hidden_ones_catch_up(dash, xor_run):
    trainer, snaps = xor_run
    dash.set_context(trainer.project, trainer.dataset)
    loss, weights = dash.panel("loss"), dash.panel("weights")
    loss.show()
    counts = {"loss": 0, "weights": 0}
    loss.drawn.connect(lambda: counts.__setitem__("loss", counts["loss"] + 1))
    weights.drawn.connect(lambda: counts.__setitem__("weights", counts["weights"] + 1))
    dash.consume(snaps[0])
    dash.render()
    assert counts == {"loss": 1, "weights": 0}
    assert weights.snapshot is snaps[0]               # remembered, not drawn
    weights.show()                                    # shown later: draws what it missed
    assert weights._drawn_snapshot is snaps[0]
    assert weights.entries["dense1.W"].values is not None


def test_the_timer_renders_at_frame_rate_only_when_something_arrived(dash, qtbot, xor_run):
    trainer, snaps = xor_run
    dash.panel("loss").show()
    with qtbot.waitSignal(dash.rendered, timeout=2000):
        dash.consume(snaps[0])
    assert dash.timer.interval() <= 50
    qtbot.waitUntil(lambda: not dash.timer.isActive(), timeout=2000)  # idle: the timer sleeps


def test_diagnosis_changed_is_emitted_when_the_set_changes(dash, qtbot):
    project = load_project(EXAMPLES / "deep_sigmoid.json")
    t = Trainer(project)
    dash.set_context(t.project, t.dataset)
    seen = []
    dash.diagnosis_changed.connect(seen.append)
    t.run(20)
    s1 = t.snapshot(full=False)
    assert s1.warnings, "the deep sigmoid example shows vanishing gradients within 20 steps"
    dash.consume(s1)
    dash.render()
    dash.consume(t.snapshot(full=False))
    dash.render()
    assert len(seen) == 1 and seen[0] == tuple(s1.warnings)
    assert seen[0][0].layer
    dash.clear()
    assert seen[-1] == ()


def test_new_run_id_or_a_step_going_back_starts_a_new_history(dash, xor_run):
    trainer, snaps = xor_run
    for s in snaps:
        dash.consume(s)
    project = load_project(EXAMPLES / "xor.json")
    t2 = Trainer(project)
    t2.run(3)
    dash.consume(t2.snapshot(full=False))            # a new trainer: step 3 < 30
    assert dash.history.train_loss.count == 3
    t2.reset_weights()
    t2.run(2)
    dash.consume(t2.snapshot(full=False))            # same trainer, new run_id
    assert dash.history.train_loss.count == 2


def test_set_context_decides_which_panels_apply(dash):
    t = Trainer(lstm_project())
    dash.set_context(t.project, t.dataset)
    rel = {p.panel_id: p.relevant for p in dash.panels}
    assert rel["gates"] and rel["through_time"] and rel["weights"] and rel["output"]
    assert not rel["neurons"] and "LSTM" in dash.panel("neurons").reason
    xor = load_project(EXAMPLES / "xor.json")
    t2 = Trainer(xor)
    dash.set_context(t2.project, t2.dataset)
    rel = {p.panel_id: p.relevant for p in dash.panels}
    assert rel["neurons"] and not rel["gates"] and not rel["through_time"]


def test_lstm_run_fills_every_recurrent_panel(dash, qtbot):
    t = Trainer(lstm_project())
    dash.set_context(t.project, t.dataset)
    for s in snapshots(t, 4):
        dash.consume(s)
    dash.render(force=True)
    gates = dash.panel("gates")
    assert gates.images["forget"].image.shape == (4, 10)
    assert dash.panel("through_time").rows["lstm1"].image.image.shape[0] == 10
    assert dash.panel("output").kind == "scatter"


def test_export_metrics_csv(dash, tmp_path, xor_run):
    trainer, snaps = xor_run
    for s in snaps:
        dash.consume(s)
    path = tmp_path / "metrics.csv"
    dash.export_metrics_csv(path)
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    tl = [r for r in rows if r["metric"] == "train_loss"]
    assert len(tl) == snaps[-1].step
    np.testing.assert_allclose([float(r["value"]) for r in tl],
                               np.concatenate([s.new_losses for s in snaps]))
    assert {r["layer"] for r in rows if r["metric"] == "grad_norm"} == {"dense1", "dense2"}
    assert any(r["metric"] == "val_accuracy" for r in rows)


def test_slow_pictures_are_drawn_at_most_max_hz_and_caught_up_later(dash, qtbot, xor_run):
    trainer, snaps = xor_run
    dash.set_context(trainer.project, trainer.dataset)
    w = dash.panel("weights")
    assert w.max_hz <= 15
    w.show()
    drawn = []
    w.drawn.connect(lambda: drawn.append(w.snapshot.step))
    dash.consume(snaps[0])
    dash.render()
    dash.consume(snaps[1])
    dash.render()                     # less than 1/max_hz later: not yet ...
    assert drawn == [snaps[0].step] and w.owes_drawing
    qtbot.waitUntil(lambda: drawn[-1] == snaps[1].step, timeout=3000)  # ... the timer catches up
    dash.consume(snaps[2])
    dash.render(force=True)           # force draws now
    assert drawn[-1] == snaps[2].step


def _scheduled(xor_run, qtbot, draw_ms: dict, seconds: float = 10.0):
    """A Dashboard on a fake clock whose visible panels cost ``draw_ms[panel_id]`` CPU ms a
    drawing (as if painted), ticked at 30 Hz for ``seconds``: (dash, drawings per panel, the
    most drawing one tick started after the first second)."""
    trainer, snaps = xor_run
    clock = [100.0]
    dash = Dashboard(clock=lambda: clock[0])
    dash.set_context(trainer.project, trainer.dataset)
    spent = {pid: 0.0 for pid in draw_ms}
    drawn = {pid: 0 for pid in draw_ms}
    for p in dash.panels:
        qtbot.addWidget(p)
        if p.panel_id in draw_ms:
            p.show()
            p.paint_cpu = lambda pid=p.panel_id: spent[pid]

            def fake_draw(snap, pid=p.panel_id):
                spent[pid] += draw_ms[pid] / 1e3
                drawn[pid] += 1
            p.draw = fake_draw
    worst = 0.0
    for k in range(int(seconds * 30)):
        dash.consume(snaps[k % len(snaps)])
        before = sum(spent.values())
        dash._tick()
        if k >= 30:  # (after a second of learning what each panel costs)
            worst = max(worst, (sum(spent.values()) - before) * 1e3)
        clock[0] += 1 / 30
    dash.timer.stop()
    return dash, drawn, worst


def test_scheduler_keeps_drawing_under_its_share_of_a_core(xor_run, qtbot):
    costs = {"loss": 30.0, "gradients": 40.0, "weights": 60.0, "output": 25.0}
    dash, drawn, worst = _scheduled(xor_run, qtbot, costs)
    used = sum(drawn[p] * costs[p] for p in costs) / 1e3 / 10.0
    assert used <= dash.frame_budget * 1.1 + 0.01      # a fifth of a core, not the 100%+ asked
    assert all(drawn[p] >= 3 for p in costs)           # ... and every panel still drawn
    assert drawn["loss"] > drawn["weights"]            # curves more often than pictures
    assert worst <= max(costs.values()) + 1e-6         # one drawing a tick when each is big


def test_scheduler_draws_cheap_panels_at_their_full_rate(xor_run, qtbot):
    costs = {"loss": 0.5, "gradients": 0.5, "weights": 0.5}
    dash, drawn, worst = _scheduled(xor_run, qtbot, costs)
    assert drawn["loss"] >= 0.9 * 30 * 10               # every tick: 30 Hz
    assert 0.8 * 10 * 10 <= drawn["weights"] <= 10 * 10 + 1  # its max_hz (10)
    assert worst <= dash.tick_ms


def test_a_slow_drawing_moves_the_cost_estimate_only_so_far(xor_run, qtbot):
    dash, drawn, _ = _scheduled(xor_run, qtbot, {"loss": 2.0}, seconds=1.0)
    loss = dash.panel("loss")
    loss._unsettled = (0.5, loss.paint_cpu())          # one drawing took half a second
    before = loss.cost_ms
    assert loss.settle_cost() >= 500
    assert before < loss.cost_ms <= 1.6 * before + 1e-9


def test_the_timer_makes_a_panel_apply_once_snapshots_bring_its_data(dash, qtbot, xor_run):
    """No project given (snapshots only): the weight panel starts with its note and, on the
    Dashboard's own timer, applies and draws once a snapshot carries weights."""
    trainer, snaps = xor_run
    w = dash.panel("weights")
    w.show()
    assert not w.relevant
    drawn = []
    w.drawn.connect(lambda: drawn.append(w.snapshot.step))
    dash.consume(snaps[0])
    qtbot.waitUntil(lambda: drawn == [snaps[0].step], timeout=3000)
    assert w.relevant
