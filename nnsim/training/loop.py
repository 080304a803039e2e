"""The training session loop: one ``Trainer`` driven by commands from a queue, emitting events.

Qt-free. The app runs the identical loop in a QThread (``nnsim.ui.simulation``) or in a spawned
child process (``nnsim.training.process_runner``); tests and scripts run it synchronously
(``process_pending()`` / ``run_for(n)``), which makes them deterministic.

Commands are plain tuples ``(name, *args)`` (picklable; ``post`` puts one on the queue)::

    ("load", project_dict, weights_or_None)   build a new Trainer (``Project.to_dict()`` form)
    ("start",)  ("resume",)  ("pause",)  ("stop",)
    ("step", n)                               n steps from a halt, then pause (n=1: one step)
    ("reset_weights", seed_or_None)
    ("set", what, value)                      what: learning_rate, batch_size, optimizer,
                                              dropout, clip_norm, weight_decay
    ("set_param", "dense1.W", array)          a hand edit of one parameter
    ("quit",)                                 end ``serve()``

Events are ``Event(kind, payload, credit)`` handed to ``emit``:

    "state"     payload: the new state, one of ``STATES``
    "snapshot"  payload: a ``Snapshot``; ``credit`` True if it took one of the runner's credits
                (the consumer must then release one: that bounds the snapshots in flight)
    "error"     payload: one user-facing sentence; the loop keeps serving commands
    "finished"  payload: the step count (the budget was reached; state "finished")
    "diverged"  payload: the ``Diagnosis`` (NaN/inf: training paused within the step, the layer
                named; state "diverged")
    "exited"    payload: None (``serve`` returned)

States: "idle" (loaded, not started), "running", "paused", "finished" (budget reached),
"diverged", "stopped". Semantics of the commands:

- start/resume: run. From "finished" another budget's worth of steps is added; from "diverged"
  training goes on from the restored weights (lower the learning rate first); ``start`` from
  "stopped" begins a fresh run (weights reset with the same seed), ``resume`` continues.
- pause: halt, keep everything. stop: halt; the trained weights stay for saving or inspecting.
- step n: from any state; running training pauses first. The state ends "paused".
- reset_weights: fresh weights, step 0; a running run keeps running, otherwise "idle".
- load: a new Trainer, state "idle". A project that cannot be built leaves no trainer and says
  why in an "error" event.

While running, a snapshot goes out at most ``SNAPSHOT_HZ`` times a second (and only while the
consumer has credits); after every command that changes something one goes out at once, so the
UI shows e.g. a single step or a new learning rate. The costly data view (a forward pass over
the decision-surface grid) is refreshed at a rate that keeps it under ``VIEW_BUDGET`` of the
wall time; other snapshots reuse the last one (its ``view["step"]`` says when it was made).
BLAS runs single-threaded inside ``serve`` (threadpoolctl): on a 2-core machine a spinning
second OpenBLAS thread costs the GUI its frame rate.
"""

from __future__ import annotations

import logging
import math
import queue
import time
from typing import Any, Callable, NamedTuple

import numpy as np

from .snapshot import Snapshot
from .trainer import Trainer

log = logging.getLogger(__name__)

STATES = ("idle", "running", "paused", "finished", "diverged", "stopped")
SNAPSHOT_HZ = 30.0
#: most of the wall time the data view may take while running
VIEW_BUDGET = 0.08
#: while running, commands are looked at least this often (seconds)
SLICE_SECONDS = 0.010
#: the steps-per-second meter's window (seconds)
RATE_WINDOW = 0.25

SETTERS = {
    "learning_rate": ("set_learning_rate", "the learning rate", float),
    "batch_size": ("set_batch_size", "the batch size", int),
    "optimizer": ("set_optimizer", "the optimiser", str),
    "dropout": ("set_dropout", "the dropout rate", float),
    "clip_norm": ("set_clip_norm", "the clipping norm", float),
    "weight_decay": ("set_weight_decay", "the weight decay", float),
}


class LoopError(ValueError):
    """A command that cannot be carried out (no project loaded, an unknown command)."""


class Event(NamedTuple):
    kind: str
    payload: Any = None
    credit: bool = False


def progress(snap: Snapshot) -> dict:
    """What the status bar shows: step, epoch, steps/s and the time left for the budget."""
    sps = float(snap.steps_per_second)
    eta = None
    if snap.budget > 0:
        left = max(0, snap.budget - snap.step)
        if left == 0:
            eta = 0.0
        elif sps > 0 and snap.state == "running":
            eta = left / sps
    return {"step": int(snap.step), "epoch": float(snap.epoch), "steps_per_second": sps,
            "eta_seconds": eta, "budget": int(snap.budget)}


def trainer_from_dict(project_dict: dict, weights: dict | None = None) -> Trainer:
    """Rebuild the project on this side of a thread or process boundary and make its Trainer."""
    from ..spec import project_from_dict

    project = project_from_dict(project_dict, source="the project")
    if weights:
        project.weights = {str(k): np.array(v) for k, v in weights.items()}
    return Trainer(project)


def user_message(exc: BaseException, doing: str = "") -> str:
    """One sentence a user can read, for an exception raised inside the loop."""
    from ..data import DataError
    from ..spec import ProjectError, SpecError

    if isinstance(exc, SpecError):
        text = "The network is not valid: " + "; ".join(p.message for p in exc.problems)
    elif isinstance(exc, (ProjectError, DataError)):
        text = str(exc)
    elif isinstance(exc, MemoryError):
        text = "Not enough memory for this network and data set: make them smaller"
    elif isinstance(exc, (ValueError, KeyError, TypeError)) and doing:
        msg = exc.args[0] if exc.args else type(exc).__name__
        text = f"Could not {doing}: {msg}"
    else:
        text = (f"Training hit an internal error ({type(exc).__name__}: {exc}) and was "
                "paused; please report it")
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def limit_blas_threads() -> list:
    """One BLAS thread for the calling thread; returns the functions that undo it.

    threadpoolctl sets every pool's (process-wide) thread count. OpenBLAS since 0.3.26 also has
    a per-thread count, ``openblas_set_num_threads_local``, which its calls from this thread obey
    first: set it too, because a process-wide setting made from a second thread does not always
    take (seen with NumPy's OpenBLAS 0.3.31 after the main thread had set the count itself).
    """
    undo: list = []
    try:
        from threadpoolctl import threadpool_info, threadpool_limits

        undo.append(threadpool_limits(1).restore_original_limits)
        import ctypes

        for info in threadpool_info():
            if info.get("internal_api") != "openblas" or not info.get("filepath"):
                continue
            lib = ctypes.CDLL(info["filepath"])  # already loaded: the same library
            for name in ("openblas_set_num_threads_local",
                         "scipy_openblas_set_num_threads_local64_"):
                fn = getattr(lib, name, None)
                if fn is not None:
                    fn.argtypes, fn.restype = [ctypes.c_int], ctypes.c_int
                    previous = fn(1)
                    undo.append(lambda fn=fn, previous=previous: fn(previous))
                    break
    except Exception:  # noqa: BLE001 - no threadpoolctl, an odd BLAS: run with what it has
        log.debug("could not limit BLAS threads", exc_info=True)
    return undo


class _RateMeter:
    """Steps per second over running time only (pauses do not dilute it)."""

    def __init__(self):
        self.value = 0.0
        self._mark: tuple[float, int] | None = None

    def start(self, steps: int) -> None:
        self._mark = (time.perf_counter(), steps)

    def stop(self) -> None:
        self._mark = None
        self.value = 0.0

    def update(self, steps: int) -> None:
        if self._mark is None:
            return
        now = time.perf_counter()
        t0, s0 = self._mark
        dt = now - t0
        if dt >= RATE_WINDOW or (self.value == 0 and dt >= RATE_WINDOW / 5 and steps > s0):
            rate = (steps - s0) / (now - t0)
            self.value = rate if self.value == 0 else 0.5 * self.value + 0.5 * rate
            self._mark = (now, steps)


class TrainingLoop:
    """Owns a Trainer; turns commands into training and training into events.

    ``emit(event)`` is called from the loop's own thread. ``commands`` is any queue with
    ``get(timeout=)`` / ``get_nowait()`` (``queue.Queue`` or a multiprocessing queue).
    ``credits`` (optional) is a semaphore the consumer releases for each credited snapshot it
    receives; periodic snapshots wait for a credit, so a slow consumer never lets them pile up.
    ``should_stop()`` is polled: True ends ``serve`` (a QThread's interruption request, a dead
    parent process).
    """

    def __init__(self, emit: Callable[[Event], Any], commands=None,
                 make_trainer: Callable[..., Trainer] = trainer_from_dict, *, credits=None,
                 should_stop: Callable[[], bool] | None = None,
                 snapshot_hz: float = SNAPSHOT_HZ, share_gil: bool = False):
        self.emit = emit
        #: True when a GUI thread shares this process: yield the GIL after every step
        self.share_gil = share_gil
        self.commands = commands if commands is not None else queue.Queue()
        self.make_trainer = make_trainer
        self.credits = credits
        self.should_stop = should_stop or (lambda: False)
        self.snapshot_interval = 1.0 / snapshot_hz
        self.trainer: Trainer | None = None
        self.state = "idle"
        self.quit = False
        self._target: int | None = None  # "step n": pause at this step count
        self._round = 0  # the project's budget: "start" after "finished" adds this many steps
        self._rate = _RateMeter()
        self._dirty = False  # something changed: send a snapshot now
        self._last_snapshot = -math.inf
        self._last_view = -math.inf
        self._view_cost = 0.0

    # -- commands ---------------------------------------------------------------------------------
    def post(self, *command) -> None:
        """Queue a command (what a runner does from the other side)."""
        self.commands.put(tuple(command))

    def process_pending(self) -> int:
        """Handle every queued command now, then send a snapshot if one changed something.

        Returns how many were handled. Never blocks."""
        n = 0
        while not self.quit:
            try:
                cmd = self.commands.get_nowait()
            except queue.Empty:
                break
            self.handle(cmd)
            n += 1
        self._flush()
        return n

    def handle(self, cmd) -> None:
        """One command; any exception becomes an "error" event and the loop goes on."""
        try:
            name, args = cmd[0], tuple(cmd[1:])
            method = getattr(self, "_cmd_" + str(name), None)
            if method is None:
                raise LoopError(f"unknown command {name!r}")
            method(*args)
        except Exception as e:  # noqa: BLE001 - every failure is reported, the loop lives on
            doing = self._doing(cmd)
            log.debug("command %r failed", cmd, exc_info=True)
            if not isinstance(e, (ValueError, KeyError, TypeError)) or not doing:
                log.exception("training loop: command %r failed", cmd[:1])
            self._error(e, doing)

    @staticmethod
    def _doing(cmd) -> str:
        try:
            name = cmd[0]
            if name == "set":
                return "change " + SETTERS[cmd[1]][1]
            return {"load": "load the project", "set_param": f"set {cmd[1]}",
                    "reset_weights": "reset the weights", "step": "step"}.get(name, "")
        except (IndexError, KeyError, TypeError):
            return ""

    def _need_trainer(self) -> Trainer:
        if self.trainer is None:
            raise LoopError("no project is loaded")
        return self.trainer

    def _cmd_load(self, project_dict, weights=None) -> None:
        self.trainer = None
        self._target = None
        self._set_state("idle", force=True)  # a new runner's consumer may think otherwise
        self.trainer = self.make_trainer(project_dict, weights)
        self._round = self.trainer.budget
        self._dirty = True

    def _cmd_start(self) -> None:
        self._run(fresh_after_stop=True)

    def _cmd_resume(self) -> None:
        self._run(fresh_after_stop=False)

    def _run(self, fresh_after_stop: bool) -> None:
        tr = self.trainer
        if tr is None:
            self.emit(Event("error", "Load a project before starting training."))
            return
        if self.state == "running":
            return
        if self.state == "stopped" and fresh_after_stop:
            tr.reset_weights()
        tr.clear_divergence()
        if tr.budget > 0 and tr.step_count >= tr.budget:
            tr.budget = tr.step_count + (self._round or tr.budget)
        self._target = None
        self._set_state("running")

    def _cmd_pause(self) -> None:
        self._target = None
        if self.state == "running":
            self._set_state("paused")

    def _cmd_stop(self) -> None:
        self._target = None
        if self.trainer is not None and self.state != "stopped":
            self._set_state("stopped")

    def _cmd_step(self, n: int = 1) -> None:
        tr = self._need_trainer()
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"the number of steps must be a whole number of at least 1, "
                             f"got {n!r}")
        tr.clear_divergence()
        if n == 1:
            self._target = None
            self._set_state("paused")
            with np.errstate(all="ignore"):
                tr.step()
            self._after_steps()
            self._dirty = True
        else:
            self._target = tr.step_count + int(n)
            self._set_state("running")

    def _cmd_reset_weights(self, seed: int | None = None) -> None:
        tr = self._need_trainer()
        tr.reset_weights(seed)
        self._target = None
        if self.state != "running":
            self._set_state("idle")
        else:
            self._rate.start(tr.step_count)
        self._dirty = True

    def _cmd_set(self, what: str, value) -> None:
        tr = self._need_trainer()
        if what not in SETTERS:
            raise ValueError(f"unknown setting {what!r}")
        method, _, kind = SETTERS[what]
        if kind is int and isinstance(value, float) and value.is_integer():
            value = int(value)
        if kind is int and isinstance(value, np.integer):
            value = int(value)
        getattr(tr, method)(value)
        self._dirty = True

    def _cmd_set_param(self, name: str, value) -> None:
        self._need_trainer().set_param(name, value)
        self._dirty = True

    def _cmd_quit(self) -> None:
        self.quit = True

    # -- state and events -------------------------------------------------------------------------
    def _set_state(self, state: str, force: bool = False) -> None:
        if state == self.state and not force:
            return
        if state == "running":
            self._rate.start(self.trainer.step_count if self.trainer else 0)
        else:
            self._rate.stop()
        self.state = state
        self._dirty = True
        self.emit(Event("state", state))

    def _error(self, exc: BaseException, doing: str = "") -> None:
        self.emit(Event("error", user_message(exc, doing)))

    def _after_steps(self) -> None:
        """Check the trainer after steps: divergence, the budget, a "step n" target."""
        tr = self.trainer
        if tr.diverged is not None:
            self._target = None
            self._set_state("diverged")
            self.emit(Event("diverged", tr.diverged))
        elif self._target is not None and tr.step_count >= self._target:
            self._target = None
            self._set_state("paused")
        elif self.state == "running" and self._target is None and tr.finished:
            self._set_state("finished")
            self.emit(Event("finished", tr.step_count))

    def _snapshot(self, forced: bool) -> None:
        """Send a snapshot: ``forced`` ones always go, periodic ones need a credit."""
        tr = self.trainer
        if tr is None:
            return
        credit = False
        if self.credits is not None:
            credit = bool(self.credits.acquire(False))
            if not credit and not forced:
                return
        try:
            now = time.perf_counter()
            running = self.state == "running"
            # the view: always when halted (a step, an edit), at a bounded rate while running
            fresh_view = not running or (
                now - self._last_view >= max(self.snapshot_interval,
                                             self._view_cost / VIEW_BUDGET))
            self._rate.update(tr.step_count)
            with np.errstate(all="ignore"):  # NaN weights are reported, not warned about
                snap = tr.snapshot(self.state, full=fresh_view,
                                   steps_per_second=self._rate.value if running else 0.0)
            done = time.perf_counter()
            if fresh_view:
                self._view_cost = done - now
                self._last_view = done
            self._last_snapshot = done
        except BaseException:
            if credit:
                self.credits.release()
            raise
        self._dirty = False
        self.emit(Event("snapshot", snap, credit))

    def _flush(self) -> None:
        if self._dirty and self.trainer is not None:
            try:
                self._snapshot(forced=True)
            except Exception as e:  # noqa: BLE001
                log.exception("training loop: snapshot failed")
                self._dirty = False
                self._fail_running(e)
        self._dirty = False

    def _fail_running(self, exc: BaseException) -> None:
        if self.state == "running":
            self._target = None
            self._set_state("paused")
        self._error(exc)
        self._dirty = False

    # -- training ---------------------------------------------------------------------------------
    def _train(self, max_steps: int, deadline: float) -> int:
        """Steps until ``max_steps``, ``deadline`` or a reason to halt; returns how many."""
        tr = self.trainer
        n = 0
        step = tr.step
        clock = time.perf_counter
        target = self._target if self._target is not None else math.inf
        # "step n" may go past the budget; running stops at it
        budget = tr.budget if tr.budget > 0 and self._target is None else math.inf
        share = self.share_gil
        while n < max_steps:
            step()
            n += 1
            if share:
                # hand the GIL to the GUI thread if it waits: without this it waits up to the
                # interpreter's 5 ms switch interval at every Qt call of a plot repaint
                time.sleep(0)
            if tr.diverged is not None or tr.step_count >= target or tr.step_count >= budget:
                break
            if clock() >= deadline:
                break
        self._after_steps()
        return n

    def _slice(self) -> None:
        """Train for up to ``SLICE_SECONDS``, then a snapshot if one is due."""
        try:
            now = time.perf_counter()
            due = self._last_snapshot + self.snapshot_interval  # snapshots on time, not late
            self._train(1 << 30, min(now + SLICE_SECONDS, due) if due > now
                        else now + SLICE_SECONDS)
            if self.state == "running" and \
                    time.perf_counter() - self._last_snapshot >= self.snapshot_interval:
                self._snapshot(forced=False)
        except Exception as e:  # noqa: BLE001 - a bug must not kill the loop: pause, tell
            log.exception("training loop: training failed")
            self._fail_running(e)
        self._flush()

    def run_for(self, n: int) -> int:
        """Synchronous mode: handle queued commands, then train up to ``n`` steps if running
        (stopping early at the budget, a "step n" target or a divergence), then one snapshot.

        Returns the number of steps trained. Deterministic: no wall-time throttling."""
        self.process_pending()
        done = 0
        if self.state == "running" and self.trainer is not None and n > 0:
            try:
                with np.errstate(all="ignore"):
                    done = self._train(int(n), math.inf)
            except Exception as e:  # noqa: BLE001
                self._fail_running(e)
            self._dirty = True
        self._flush()
        return done

    def serve(self) -> None:
        """Run until a "quit" command or ``should_stop()``: the runners' thread/process body."""
        restore = limit_blas_threads()
        try:
            with np.errstate(all="ignore"):
                self._serve()
        finally:
            for undo in reversed(restore):
                try:
                    undo()
                except Exception:  # noqa: BLE001
                    pass
            self.emit(Event("exited"))

    def _serve(self) -> None:
        while not self.quit and not self.should_stop():
            if self.state == "running":
                self.process_pending()
                if self.state == "running" and not self.quit:
                    self._slice()
                continue
            try:
                cmd = self.commands.get(timeout=0.05)
            except queue.Empty:
                continue
            except (EOFError, OSError):  # the other side is gone
                break
            self.handle(cmd)
            self.process_pending()
