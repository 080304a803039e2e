"""SimulationController: real training runs in both runner modes (a QThread, a spawned process).

Each test drives a real run through the public API and asserts what a user would see in the
snapshots: a start makes steps advance, a pause holds them, a single step advances exactly one,
a new learning rate shows up, stop halts, NaN pauses with the layer named, errors arrive as one
sentence and leave the controller usable, shutdown mid-run is quick and leaves nothing running
(the autouse leak guard in tests/conftest.py fails any test that leaves a thread or process).
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import load_project
from nnsim.ui.simulation import SimulationController

# a spawned child imports numpy and nnsim first: give it time on a loaded 2-core machine
T = 15_000


def example(name: str, **training):
    p = load_project(resource_path("examples", f"{name}.json"))
    p.training.update(training)
    return p


class Recorder:
    """Everything a controller emits, in order."""

    def __init__(self, c: SimulationController):
        self.c = c
        self.snaps, self.states, self.errors, self.progress = [], [], [], []
        c.snapshot_received.connect(self.snaps.append)
        c.state_changed.connect(self.states.append)
        c.error.connect(self.errors.append)
        c.progress.connect(self.progress.append)

    def last(self):
        return self.snaps[-1] if self.snaps else None

    def step(self) -> int:
        """The newest snapshot's step (-1 before the first)."""
        return self.snaps[-1].step if self.snaps else -1

    def wait(self, qtbot, cond, timeout=T):
        qtbot.waitUntil(lambda: bool(cond()), timeout=timeout)


@pytest.fixture(params=["thread", "process"])
def ctl(request, qtbot):
    c = SimulationController(mode=request.param)
    rec = Recorder(c)
    yield c, rec
    c.shutdown()


def _state(c, rec, qtbot, state):
    rec.wait(qtbot, lambda: c.state == state and rec.last() is not None
             and rec.last().state == state)


def test_start_pause_step_learning_rate_stop(ctl, qtbot):
    c, rec = ctl
    c.load(example("xor", steps=10**7))
    rec.wait(qtbot, lambda: rec.snaps)
    first = rec.snaps[0]
    assert first.step == 0 and first.state == "idle" and c.state == "idle"
    assert first.learning_rate == pytest.approx(0.03)
    assert first.view["kind"] == "surface"

    c.start()
    rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 50)
    assert rec.states == ["idle", "running"]  # a load always says "idle"

    c.pause()
    _state(c, rec, qtbot, "paused")
    held = rec.last().step
    n = len(rec.snaps)
    qtbot.wait(200)
    assert all(s.step == held for s in rec.snaps[n:])  # a paused run does not train

    c.step()
    rec.wait(qtbot, lambda: rec.last().step != held)
    assert rec.last().step == held + 1 and rec.last().state == "paused"
    assert c.state == "paused"

    c.set_learning_rate(0.123)
    rec.wait(qtbot, lambda: rec.last().learning_rate == pytest.approx(0.123))
    assert rec.last().step == held + 1  # a setting is not a step

    c.resume()
    rec.wait(qtbot, lambda: c.state == "running" and rec.step() > held + 20
             and rec.progress[-1]["steps_per_second"] > 0)
    assert rec.last().learning_rate == pytest.approx(0.123)
    running = rec.progress[-1]
    assert running["eta_seconds"] == pytest.approx(
        (running["budget"] - running["step"]) / running["steps_per_second"])

    c.stop()
    _state(c, rec, qtbot, "stopped")
    stopped_at = rec.last().step
    qtbot.wait(150)
    assert rec.last().step == stopped_at
    assert rec.states == ["idle", "running", "paused", "running", "stopped"]

    # nothing lost on the way: every step's loss arrived exactly once, in order
    steps = np.concatenate([s.new_steps for s in rec.snaps])
    assert np.array_equal(steps, np.arange(1, stopped_at + 1))
    assert not rec.errors
    # progress for the status bar came with the snapshots
    assert set(rec.progress[-1]) == {"step", "epoch", "steps_per_second", "eta_seconds",
                                     "budget"}
    assert rec.progress[-1]["steps_per_second"] == 0 and rec.progress[-1]["eta_seconds"] is None


def test_runs_to_its_budget_then_continues(ctl, qtbot):
    c, rec = ctl
    c.load(example("xor", steps=300, eval_every=100))
    c.start()
    _state(c, rec, qtbot, "finished")
    assert rec.last().step == 300 and c.latest is rec.last()
    assert rec.progress[-1]["eta_seconds"] == 0.0
    evals = np.concatenate([s.new_evals for s in rec.snaps])
    assert list(evals[:, 0]) == [100, 200, 300]
    c.start()  # another budget's worth
    rec.wait(qtbot, lambda: rec.last().step == 600)
    _state(c, rec, qtbot, "finished")
    assert rec.last().budget == 600
    assert rec.states == ["idle", "running", "finished", "running", "finished"]


def test_step_n_then_pause_and_reset(ctl, qtbot):
    c, rec = ctl
    c.load(example("xor", steps=10**6))
    c.step(25)
    rec.wait(qtbot, lambda: c.state == "paused" and rec.last().state == "paused")
    assert rec.last().step == 25
    w_trained = rec.last().layer("dense1").params["W"]
    c.reset_weights()
    rec.wait(qtbot, lambda: rec.last().step == 0 and rec.last().run_id == 1)
    assert c.state == "idle"
    assert not np.array_equal(rec.last().layer("dense1").params["W"], w_trained)
    assert np.array_equal(rec.last().layer("dense1").params["W"],
                          rec.snaps[0].layer("dense1").params["W"])  # same seed, same start


def test_nan_pauses_training_and_names_the_layer(ctl, qtbot):
    c, rec = ctl
    c.load(example("deep_sigmoid", steps=10**6))
    c.step()
    rec.wait(qtbot, lambda: rec.step() == 1)
    w = rec.last().layer("dense3").params["W"].copy()
    w[2, 5] = np.nan
    c.set_param("dense3.W", w)
    c.start()
    _state(c, rec, qtbot, "diverged")
    snap = rec.last()
    assert snap.step == 2  # paused within the step that met the NaN
    diag = snap.warnings[0]
    assert diag.kind == "nan" and diag.layer == "dense3" and "dense3" in diag.message
    assert diag.advice
    qtbot.wait(150)
    assert rec.last().step == 2  # and it stays paused


def test_exploding_learning_rate_diverges_with_advice(ctl, qtbot):
    c, rec = ctl
    c.load(example("deep_relu", steps=10**6))
    c.set_learning_rate(1e6)
    c.start()
    _state(c, rec, qtbot, "diverged")
    diag = rec.last().warnings[0]
    assert diag.kind == "nan" and diag.layer is not None
    assert "learning rate" in diag.advice
    # recoverable: a sane learning rate and fresh weights train again
    c.set_learning_rate(0.01)
    c.reset_weights()
    c.start()
    rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 20)
    assert all(w.kind != "nan" for w in rec.last().warnings)


def test_bad_command_reports_an_error_and_stays_usable(ctl, qtbot):
    c, rec = ctl
    c.load(example("xor"))
    c.set_batch_size(0)
    c.set_optimizer("nonsense")
    rec.wait(qtbot, lambda: len(rec.errors) == 2)
    assert "batch size" in rec.errors[0] and rec.errors[0].endswith(".")
    assert "optimiser" in rec.errors[1]
    c.step()
    rec.wait(qtbot, lambda: rec.step() == 1)
    assert rec.last().batch_size == 16 and rec.last().optimizer == "adam"


def test_a_project_that_cannot_be_built_is_an_error_then_a_good_one_loads(ctl, qtbot):
    c, rec = ctl
    bad = example("xor")
    bad.links = bad.links[:-1]  # the output is no longer connected
    c.load(bad)
    rec.wait(qtbot, lambda: rec.errors)
    assert "not valid" in rec.errors[0]
    c.start()
    rec.wait(qtbot, lambda: len(rec.errors) >= 2)
    c.load(example("xor", steps=100))
    c.start()
    _state(c, rec, qtbot, "finished")
    assert rec.last().step == 100


def test_shutdown_mid_training_is_quick_and_leaves_nothing_running(ctl, qtbot):
    c, rec = ctl
    c.load(example("spirals", steps=10**7))
    c.start()
    rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 10)
    t0 = time.perf_counter()
    c.shutdown()
    elapsed = time.perf_counter() - t0
    assert elapsed < 1.0
    c.shutdown()  # idempotent
    n = len(rec.snaps)
    qtbot.wait(100)
    assert len(rec.snaps) == n  # nothing arrives after shutdown
    # and the controller can be used again: a new worker, the same project
    c.step()
    rec.wait(qtbot, lambda: len(rec.snaps) > n and rec.last().step == 1)


def test_exception_inside_the_loop_reaches_error_and_training_can_go_on(qtbot, monkeypatch):
    from nnsim.training.trainer import Trainer

    c = SimulationController(mode="thread")
    rec = Recorder(c)
    try:
        real_step = Trainer.step
        calls = {"n": 0}

        def flaky_step(self):
            calls["n"] += 1
            if calls["n"] == 30:
                raise ZeroDivisionError("simulated bug")
            return real_step(self)

        monkeypatch.setattr(Trainer, "step", flaky_step)
        c.load(example("xor", steps=10**6))
        c.start()
        rec.wait(qtbot, lambda: rec.errors and c.state == "paused")
        assert "internal error" in rec.errors[0] and "simulated bug" in rec.errors[0]
        c.resume()
        rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 60)
    finally:
        c.shutdown()


def test_the_training_process_dying_is_reported_and_recovered(qtbot):
    c = SimulationController(mode="process")
    rec = Recorder(c)
    try:
        c.load(example("xor", steps=10**6))
        c.start()
        rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 10)
        os.kill(c._runner.runner.process.pid, signal.SIGKILL)
        rec.wait(qtbot, lambda: rec.errors)
        assert "stopped unexpectedly" in rec.errors[0]
        assert c.state == "stopped"
        c.start()  # a new process, the same project
        rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 10)
    finally:
        c.shutdown()


def test_mode_can_change_while_halted_and_keeps_the_weights(qtbot):
    c = SimulationController(mode="thread")
    rec = Recorder(c)
    try:
        c.load(example("xor", steps=10**6))
        c.step(40)
        rec.wait(qtbot, lambda: c.state == "paused" and rec.last().step == 40)
        trained = rec.last().layer("dense2").params["W"]
        c.mode = "process"
        rec.wait(qtbot, lambda: rec.last().step == 0 and c.state == "idle")
        assert c.mode == "process"
        assert np.array_equal(rec.last().layer("dense2").params["W"], trained)
        c.start()
        rec.wait(qtbot, lambda: c.state == "running")
        with pytest.raises(RuntimeError):
            c.mode = "thread"
    finally:
        c.shutdown()


def test_commands_before_a_project_is_loaded_say_so(qtbot):
    c = SimulationController()
    rec = Recorder(c)
    c.start()
    c.set_learning_rate(0.1)
    c.pause()  # harmless, silent
    assert rec.errors == ["Load a project first."] * 2
    assert c._runner is None  # nothing was started
    c.shutdown()


@pytest.mark.parametrize("mode", ["thread", "process"])
def test_a_controller_dropped_while_training_does_not_take_the_process_down(qtbot, mode):
    import gc

    from nnsim.ui import simulation

    c = SimulationController(mode=mode)
    rec = Recorder(c)
    c.load(example("xor", steps=10**6))
    c.start()
    rec.wait(qtbot, lambda: c.state == "running" and rec.step() > 10)
    runner = c._runner
    del c, rec
    gc.collect()
    qtbot.wait(50)
    assert runner in simulation._ACTIVE  # still referenced: never destroyed while running
    t0 = time.perf_counter()
    simulation._shutdown_active()  # what quitting the app (or the interpreter) does
    assert time.perf_counter() - t0 < 1.0
    assert not simulation._ACTIVE


QUIT_SCRIPT = r'''
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from nnsim.paths import resource_path
from nnsim.spec import load_project
from nnsim.ui.simulation import SimulationController

if __name__ == "__main__":
    app = QApplication([])
    c = SimulationController(mode=sys.argv[1])
    p = load_project(resource_path("examples", "spirals.json"))
    p.training["steps"] = 10**7
    c.load(p)
    c.start()
    stamps = {}

    def check():
        if c.latest is not None and c.latest.step > 20 and "quit" not in stamps:
            stamps["quit"] = time.perf_counter()
            if sys.argv[2] == "quit":
                app.quit()  # the app quits mid-training; nobody calls shutdown()
            else:
                app.exit(0)
                app.processEvents()

    t = QTimer()
    t.timeout.connect(check)
    t.start(20)
    app.exec()
    if sys.argv[2] == "exit":
        # leave with the runner still going: the interpreter's exit must stop it
        print("left main", flush=True)
        raise SystemExit(0)
    print(f"quit took {time.perf_counter() - stamps['quit']:.3f}", flush=True)
'''


@pytest.mark.parametrize("mode", ["thread", "process"])
@pytest.mark.parametrize("how", ["quit", "exit"])
def test_quitting_mid_training_exits_cleanly(tmp_path, mode, how):
    """The application quitting (aboutToQuit) or the interpreter exiting while training runs:
    the runner stops, no "QThread: Destroyed while thread is still running" abort, exit 0."""
    import subprocess
    import sys

    script = tmp_path / "quit_mid_training.py"
    script.write_text(QUIT_SCRIPT)
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, str(script), mode, how], capture_output=True,
                          text=True, timeout=90, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Destroyed while thread" not in proc.stderr
    if how == "quit":
        took = float(proc.stdout.split("quit took ")[1])
        assert took < 1.0


def test_the_gui_runs_blas_on_one_thread(qtbot):
    """Training keeps a core busy: a second BLAS thread of the GUI's would spin beside it and
    make drawing (the decision surface's matrix products) ten times dearer."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    c = SimulationController(mode="process")
    try:
        blas = [i for i in threadpoolctl.threadpool_info() if i.get("user_api") == "blas"]
        assert blas and all(i["num_threads"] == 1 for i in blas)
    finally:
        c.shutdown()
