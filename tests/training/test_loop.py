"""The Qt-free training loop, synchronously (deterministic), served on a thread, and in a spawned
child process through ``ProcessRunner``."""

from __future__ import annotations

import queue
import threading
import time

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import load_project
from nnsim.training import Snapshot, Trainer
from nnsim.training.loop import Event, TrainingLoop, progress, trainer_from_dict, user_message
from nnsim.training.process_runner import ProcessRunner


def example(name: str, **training):
    p = load_project(resource_path("examples", f"{name}.json"))
    p.training.update(training)
    return p


class Log(list):
    def kinds(self):
        return [e.kind for e in self]

    def of(self, kind):
        return [e.payload for e in self if e.kind == kind]

    def snaps(self) -> list[Snapshot]:
        return self.of("snapshot")


@pytest.fixture
def loop():
    log = Log()
    lp = TrainingLoop(log.append)
    lp.log = log
    return lp


def loaded(lp, name="xor", **training):
    lp.post("load", example(name, **training).to_dict(), None)
    lp.process_pending()
    return lp


# --------------------------------------------------------------------------- synchronous mode


def test_load_sends_idle_and_a_first_snapshot(loop):
    loaded(loop)
    assert loop.log.kinds() == ["state", "snapshot"]
    assert loop.log.of("state") == ["idle"]
    s = loop.log.snaps()[0]
    assert s.step == 0 and s.state == "idle" and s.view["kind"] == "surface"


def test_commands_drive_the_run_deterministically(loop):
    loaded(loop, steps=10**6)
    loop.post("start")
    assert loop.run_for(100) == 100
    assert loop.state == "running" and loop.log.snaps()[-1].step == 100
    loop.post("pause")
    assert loop.run_for(100) == 0  # paused: nothing trains
    assert loop.state == "paused" and loop.log.snaps()[-1].state == "paused"
    loop.post("step", 1)
    loop.process_pending()
    assert loop.log.snaps()[-1].step == 101 and loop.state == "paused"
    loop.post("step", 5)
    loop.run_for(1000)  # runs to the target, then pauses
    assert loop.trainer.step_count == 106 and loop.state == "paused"
    loop.post("set", "learning_rate", 0.2)
    loop.post("set", "batch_size", 8.0)  # a whole float from a spin box is fine
    loop.post("set", "optimizer", "rmsprop")
    loop.process_pending()
    s = loop.log.snaps()[-1]
    assert (s.learning_rate, s.batch_size, s.optimizer, s.step) == (0.2, 8, "rmsprop", 106)
    loop.post("stop")
    loop.process_pending()
    assert loop.state == "stopped"
    assert loop.log.of("state") == ["idle", "running", "paused", "running", "paused", "stopped"]
    # every step's loss once, in order
    steps = np.concatenate([s.new_steps for s in loop.log.snaps()])
    assert np.array_equal(steps, np.arange(1, 107))


def test_same_commands_same_numbers():
    runs = []
    for _ in range(2):
        log = Log()
        lp = loaded(TrainingLoop(log.append), "spirals")
        lp.post("step", 1)
        lp.post("set", "learning_rate", 0.05)
        lp.post("start")
        lp.run_for(40)
        runs.append(np.concatenate([s.new_losses for s in log.snaps()]))
    np.testing.assert_array_equal(*runs)


def test_a_single_step_while_running_pauses_first(loop):
    loaded(loop, steps=10**6)
    loop.post("start")
    loop.run_for(10)
    loop.post("step", 1)
    loop.process_pending()
    assert loop.state == "paused" and loop.log.snaps()[-1].step == 11


def test_budget_finishes_then_start_adds_another_round(loop):
    loaded(loop, steps=50)
    loop.post("start")
    assert loop.run_for(1000) == 50
    assert loop.state == "finished" and loop.log.of("finished") == [50]
    loop.post("start")
    assert loop.run_for(1000) == 50
    assert loop.trainer.step_count == 100 and loop.state == "finished"
    assert loop.log.snaps()[-1].budget == 100


def test_stop_then_start_is_a_fresh_run_but_resume_goes_on(loop):
    loaded(loop, steps=10**6)
    loop.post("start")
    loop.run_for(20)
    loop.post("stop")
    loop.post("resume")
    loop.run_for(5)
    assert loop.trainer.step_count == 25 and loop.trainer.run_id == 0
    loop.post("stop")
    loop.post("start")
    loop.run_for(5)
    assert loop.trainer.step_count == 5 and loop.trainer.run_id == 1


def test_reset_weights_keeps_running_or_goes_idle(loop):
    loaded(loop, steps=10**6)
    loop.post("start")
    loop.run_for(10)
    loop.post("reset_weights", None)
    loop.run_for(3)
    assert loop.state == "running" and loop.trainer.step_count == 3
    loop.post("pause")
    loop.post("reset_weights", 4)
    loop.process_pending()
    assert loop.state == "idle" and loop.log.snaps()[-1].step == 0
    assert loop.trainer.seed == 4


def test_nan_diverges_within_the_step_and_names_the_layer(loop):
    loaded(loop, "deep_sigmoid", steps=10**6)
    loop.post("step", 1)
    w = np.zeros((16, 16))
    w[3, 3] = np.inf
    loop.post("set_param", "dense6.W", w)
    loop.post("start")
    assert loop.run_for(100) == 1
    assert loop.state == "diverged"
    diag = loop.log.of("diverged")[0]
    assert diag.layer == "dense6"
    s = loop.log.snaps()[-1]
    assert s.state == "diverged" and s.warnings[0] == diag and s.step == 2
    assert loop.run_for(100) == 0  # stays halted
    # a fix and a resume: training goes on
    loop.post("set_param", "dense6.W", np.zeros((16, 16)))
    loop.post("resume")
    assert loop.run_for(10) == 10 and loop.state == "running"


def test_errors_become_one_sentence_and_the_loop_goes_on(loop):
    loop.post("start")
    loop.post("set", "learning_rate", 0.1)
    loop.process_pending()
    assert loop.log.of("error") == ["Load a project before starting training.",
                                    "Could not change the learning rate: no project is loaded."]
    loaded(loop)
    for cmd in [("set", "learning_rate", -1), ("set", "batch_size", 0), ("set", "colour", 1),
                ("set_param", "dense9.W", [1.0]), ("step", 0), ("nonsense",)]:
        loop.post(*cmd)
    loop.process_pending()
    errors = loop.log.of("error")[2:]
    assert len(errors) == 6
    assert errors[0].startswith("Could not change the learning rate: ")
    assert "batch size" in errors[1] and "colour" in errors[2] and "dense9.W" in errors[3]
    assert "number of steps" in errors[4]
    assert all(e[0].isupper() and e.endswith(".") for e in errors)
    loop.post("step", 1)
    loop.process_pending()
    assert loop.log.snaps()[-1].step == 1


def test_a_project_that_cannot_be_built_leaves_no_trainer(loop):
    loaded(loop)
    bad = example("xor").to_dict()
    bad["nodes"][1]["params"]["units"] = -4
    loop.post("load", bad, None)
    loop.post("load", {"format": "nope"}, None)
    loop.process_pending()
    errors = loop.log.of("error")
    assert errors[0].startswith("The network is not valid")
    assert "not an nnsim project" in errors[1]
    assert loop.trainer is None and loop.state == "idle"


def test_an_exception_while_training_pauses_and_is_reported(loop, monkeypatch):
    loaded(loop, steps=10**6)
    real = Trainer.step
    n = {"calls": 0}

    def flaky(self):
        n["calls"] += 1
        if n["calls"] == 7:
            raise ZeroDivisionError("boom")
        return real(self)

    monkeypatch.setattr(Trainer, "step", flaky)
    loop.post("start")
    loop.run_for(20)
    assert loop.state == "paused"
    (err,) = loop.log.of("error")
    assert "internal error" in err and "ZeroDivisionError: boom" in err
    loop.post("resume")
    assert loop.run_for(20) == 20


def test_a_failing_snapshot_is_reported_too(loop, monkeypatch):
    loaded(loop, steps=10**6)
    monkeypatch.setattr(Trainer, "snapshot", lambda *a, **k: 1 / 0)
    loop.post("start")
    loop.run_for(5)
    assert loop.state == "paused" and "ZeroDivisionError" in loop.log.of("error")[0]


def test_weights_travel_with_the_project():
    t = Trainer(example("xor"))
    t.run(30)
    weights = t.net.state_dict()
    rebuilt = trainer_from_dict(t.project.to_dict(), weights)
    np.testing.assert_array_equal(rebuilt.net.param_vector, t.net.param_vector)


def test_progress_for_the_status_bar():
    t = Trainer(example("xor", steps=1000))
    t.run(250)
    s = t.snapshot("running", full=False, steps_per_second=500.0)
    assert progress(s) == {"step": 250, "epoch": pytest.approx(12.5), "steps_per_second": 500.0,
                           "eta_seconds": pytest.approx(1.5), "budget": 1000}
    assert progress(t.snapshot("paused", steps_per_second=0.0))["eta_seconds"] is None
    t.budget = 0
    assert progress(t.snapshot("running", steps_per_second=500.0))["eta_seconds"] is None


def test_user_messages():
    assert user_message(ValueError("bad thing"), "change the batch size") == \
        "Could not change the batch size: bad thing."
    assert user_message(MemoryError()).startswith("Not enough memory")
    assert "internal error (RuntimeError: x)" in user_message(RuntimeError("x"))


# --------------------------------------------------------------------------- served on a thread


def serve_in_thread(lp):
    th = threading.Thread(target=lp.serve, name="loop-under-test")
    th.start()
    return th


def wait_for(cond, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.005)
    raise AssertionError("condition not met in time")


def test_served_snapshots_are_throttled_and_bounded_by_credits():
    log = Log()
    credits = threading.Semaphore(2)  # never released by this consumer
    lp = TrainingLoop(log.append, credits=credits)
    loaded(lp, steps=10**7)
    log.clear()
    th = serve_in_thread(lp)
    try:
        lp.post("start")
        wait_for(lambda: lp.trainer.step_count > 200)
        time.sleep(0.3)
        # one snapshot for the "start" command, then periodic ones only while credits last
        assert len(log.snaps()) <= 3
        for _ in range(50):
            credits.release()
        t0 = time.monotonic()
        time.sleep(0.5)
        n = len(log.snaps())
        rate = (n - 3) / (time.monotonic() - t0)
        assert 3 < n and rate <= 36  # at most ~30 a second while running
        lp.post("pause")
        wait_for(lambda: lp.state == "paused" and log.snaps()[-1].state == "paused")
    finally:
        lp.post("quit")
        th.join(5)
    assert not th.is_alive() and log.kinds()[-1] == "exited"
    steps = np.concatenate([s.new_steps for s in log.snaps()])
    assert np.array_equal(steps, np.arange(1, lp.trainer.step_count + 1))  # nothing lost


def blas_threads_here() -> list[int]:
    """The BLAS thread count calls from this thread get: OpenBLAS's per-thread setting when it
    has one (0 = none), else the pools' process-wide setting."""
    import ctypes

    from threadpoolctl import threadpool_info

    out = []
    for info in threadpool_info():
        local = 0
        if info.get("internal_api") == "openblas":
            fn = getattr(ctypes.CDLL(info["filepath"]), "openblas_set_num_threads_local", None)
            if fn is not None:
                local = fn(0)  # read it (and clear it) ...
                fn(local)  # ... and put it back
        out.append(local or info["num_threads"])
    return out


def test_serve_limits_blas_to_one_thread_and_stops_on_request(monkeypatch):
    seen = []
    real = Trainer.step

    def spy(self):
        if not seen:
            seen.append(blas_threads_here())
        return real(self)

    monkeypatch.setattr(Trainer, "step", spy)
    stop = threading.Event()
    log = Log()
    lp = TrainingLoop(log.append, should_stop=stop.is_set)
    loaded(lp, steps=10**7)
    th = serve_in_thread(lp)
    try:
        lp.post("start")
        wait_for(lambda: seen)
        t0 = time.monotonic()
        stop.set()
        th.join(2)
        assert time.monotonic() - t0 < 0.5
    finally:
        stop.set()
        th.join(5)
    assert not th.is_alive()
    assert seen[0] and all(n == 1 for n in seen[0])


# --------------------------------------------------------------------------- in a child process


def test_process_runner_runs_the_same_loop_and_shuts_down_fast():
    r = ProcessRunner()
    events: list[Event] = []
    try:
        r.start()
        r.send("load", example("xor", steps=10**7).to_dict(), None)
        r.send("step", 1)
        r.send("set", "learning_rate", 0.07)
        r.send("start")

        def snaps():
            return [e.payload for e in events if e.kind == "snapshot"]

        end = time.monotonic() + 20
        while time.monotonic() < end and not any(s.step > 100 for s in snaps()):
            events.extend(r.poll())
            time.sleep(0.01)
        s = snaps()
        # commands that arrive together are answered by one snapshot, after the last of them
        assert s[0].step in (0, 1) and s[-1].step > 100
        assert s[-1].learning_rate == 0.07 and s[-1].state == "running"
        assert r.alive
    finally:
        t0 = time.monotonic()
        events.extend(r.shutdown(1.0))
        elapsed = time.monotonic() - t0
    assert elapsed < 1.0 and not r.alive and r.exitcode == 0
    assert events[-1].kind == "exited"
    assert r.shutdown() == []  # idempotent
    steps = np.concatenate([e.payload.new_steps for e in events if e.kind == "snapshot"])
    assert np.array_equal(steps, np.arange(1, steps[-1] + 1))
