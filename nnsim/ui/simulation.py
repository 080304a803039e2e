"""The simulation runner the app uses: ``SimulationController``, the Qt facade over the training loop.

Two runner modes drive the identical Qt-free ``nnsim.training.loop.TrainingLoop``:

- ``"thread"``: a ``QThread`` in this process (the design's "simulation thread"). Snapshots reach
  the GUI thread through a queued signal; commands go down through a ``queue.Queue``.
- ``"process"``: a spawned child process (``nnsim.training.process_runner``), polled by a ~30 Hz
  ``QTimer``. Training does not compete with the GUI for the GIL.

Either way the worker never touches a widget, nothing mutable is shared (snapshots are copies;
the project crosses over in its ``to_dict()`` form plus copied weights), no side ever blocks on
the other, and a credit semaphore bounds the snapshots in flight so a busy GUI never lets them
pile up (each snapshot carries the losses since the previous one, so none are lost).

Every snapshot that arrives is re-emitted, in order, by ``snapshot_received`` (at most ~30 a
second while running); views keep the newest and draw it from their own timer.

``shutdown()`` stops the worker in well under a second (thread: a "quit" command plus
``requestInterruption``, then ``wait``; process: "quit", a join while draining, terminate as a
last resort). It is idempotent, runs on ``QCoreApplication.aboutToQuit`` as well, and never lets
a running ``QThread`` be destroyed (which would abort the process).
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
import weakref

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from ..training.loop import Event, TrainingLoop, limit_blas_threads, progress
from ..training.process_runner import ProcessRunner
from .i18n import QT_TRANSLATE_NOOP, TemplateTranslator

log = logging.getLogger(__name__)

MODES = ("thread", "process")
MAX_IN_FLIGHT = 4
POLL_MS = 33  # process mode: how often the GUI reads the child's events

# QThreads that would not stop in time: kept referenced so they are never destroyed running
_ORPHANS: list = []
_LIVE: "weakref.WeakSet[SimulationController]" = weakref.WeakSet()
# every runner not yet shut down, strongly referenced: a controller dropped without shutdown()
# must not take a running QThread down with it (that aborts the process)
_ACTIVE: set = set()
_HOOKED = None


#: the sentences the training loop (``nnsim.training.loop.user_message``) and the child process
#: send in "error" events, word for word, so the user reads them in the interface language
_LOOP_ERRORS = (
    QT_TRANSLATE_NOOP("SimulationController", "Load a project before starting training."),
    QT_TRANSLATE_NOOP("SimulationController", "Not enough memory for this network and data set: "
                                              "make them smaller."),
    QT_TRANSLATE_NOOP("SimulationController", "The network is not valid: {problems}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not load the project: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the learning rate: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the batch size: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the optimiser: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the dropout rate: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the clipping norm: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not change the weight decay: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not reset the weights: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not set {parameter}: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Could not step: {message}"),
    QT_TRANSLATE_NOOP("SimulationController", "Training hit an internal error ({error}) and was "
                                              "paused; please report it."),
    QT_TRANSLATE_NOOP("SimulationController", "The training process failed: {error}."),
)
loop_error_text = TemplateTranslator("SimulationController", _LOOP_ERRORS,
                                     fields={"parameter": r"\S+"})


def _shutdown_active(timeout: float = 1.0) -> None:
    """Stop every runner still going (the app quitting, the interpreter exiting)."""
    for runner in list(_ACTIVE):
        try:
            runner.shutdown(timeout)
        except Exception:  # noqa: BLE001 - keep stopping the others
            log.exception("shutting a runner down failed")
        _ACTIVE.discard(runner)


#: snapshots a second from a training thread: each one is consumed by the GUI thread under the
#: GIL the trainer needs, and with the thread runner's drawing budget (``FRAME_BUDGETS``) the
#: panels draw at most ~15 times a second anyway; no loss value is lost at any rate (a snapshot
#: carries every step's loss since the last). The process runner keeps ``SNAPSHOT_HZ`` (30).
THREAD_SNAPSHOT_HZ = 15.0

_GUI_BLAS_LIMITED = False


def _one_blas_thread_for_the_gui() -> None:
    """The GUI thread's own NumPy (the dashboards' upsampling, histograms) on one BLAS thread,
    for good: training keeps a core busy, and a second BLAS thread spinning beside the GUI's
    made drawing the decision surface ten times dearer (1 -> 11 ms of CPU, 22 ms of wall time,
    measured in bench_simulation with a training process)."""
    global _GUI_BLAS_LIMITED
    if not _GUI_BLAS_LIMITED:
        _GUI_BLAS_LIMITED = True
        limit_blas_threads()


def _hook_exit() -> None:
    """Stop the runners when the application quits (once per application)."""
    global _HOOKED
    app = QCoreApplication.instance()
    if app is None or _HOOKED is app:
        return
    app.aboutToQuit.connect(_shutdown_active)
    _HOOKED = app


# and when the interpreter exits without a quitting application (runs before PySide's own
# clean-up, which was registered earlier, when QtCore was imported)
atexit.register(_shutdown_active)


class _LoopThread(QThread):
    """The QThread whose ``run`` is ``TrainingLoop.serve``."""

    event = Signal(object)

    def __init__(self, commands: queue.Queue, credits: threading.Semaphore):
        super().__init__()
        self.setObjectName("nnsim-training")
        self._commands = commands
        self._credits = credits

    def run(self) -> None:  # in the worker thread
        try:
            loop = TrainingLoop(self.event.emit, self._commands, credits=self._credits,
                                should_stop=self.isInterruptionRequested, share_gil=True,
                                snapshot_hz=THREAD_SNAPSHOT_HZ)
            loop.serve()  # emits "exited" last, whatever happens inside
        except Exception as e:  # noqa: BLE001 - serve itself broke: say so, then end
            log.exception("training thread failed")
            self.event.emit(Event("error", self.tr("The training thread failed: {0}: {1}.")
                                  .format(type(e).__name__, e)))
            self.event.emit(Event("exited"))


class _ThreadRunner(QObject):
    """Runs the loop in a QThread; re-emits its events in the GUI thread."""

    event = Signal(object)

    def __init__(self):
        super().__init__()
        self.commands: queue.Queue = queue.Queue()
        self.credits = threading.Semaphore(MAX_IN_FLIGHT)
        self.thread = _LoopThread(self.commands, self.credits)
        # the thread object lives in the GUI thread, so this connection is queued
        self.thread.event.connect(self._relay)
        self.closed = False
        self.exited = False

    def start(self) -> None:
        self.thread.start()

    def send(self, *command) -> None:
        self.commands.put(tuple(command))

    @property
    def alive(self) -> bool:
        return not self.closed and not self.exited

    @Slot(object)
    def _relay(self, ev: Event) -> None:  # GUI thread
        if ev.credit:
            self.credits.release()
        if self.closed:
            return
        if ev.kind == "exited":
            self.exited = True
        self.event.emit(ev)

    def shutdown(self, timeout: float) -> None:
        self.closed = True
        th = self.thread
        self.commands.put(("quit",))
        th.requestInterruption()
        th.quit()
        if th.wait(max(1, int(timeout * 1000))):
            return
        # a step or a snapshot is taking long: wait more rather than abort the whole process
        log.warning("training thread did not stop within %.1f s; waiting longer", timeout)
        if not th.wait(5000):
            log.error("training thread is stuck; leaving it to finish on its own")
            _ORPHANS.append(th)


class _ProcessRunnerQt(QObject):
    """Runs the loop in a child process; a QTimer reads its events in the GUI thread."""

    event = Signal(object)

    def __init__(self):
        super().__init__()
        self.runner = ProcessRunner(max_in_flight=MAX_IN_FLIGHT)
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.closed = False

    def start(self) -> None:
        self.runner.start()
        self.timer.start()

    def send(self, *command) -> None:
        self.runner.send(*command)

    @property
    def alive(self) -> bool:
        return not self.closed and not self.runner.exited

    @Slot()
    def _poll(self) -> None:
        if self.closed:
            return
        for ev in self.runner.poll():
            if self.closed:  # a slot shut us down
                return
            self.event.emit(ev)
        if not self.closed and not self.runner.exited and not self.runner.alive:
            code = self.runner.exitcode
            self.event.emit(Event("error", self.tr(
                "The training process stopped unexpectedly (exit code {0}); start again to "
                "restart it.").format(code)))
            self.runner.exited = True
            self.event.emit(Event("exited"))

    def shutdown(self, timeout: float) -> None:
        self.closed = True
        self.runner.shutdown(timeout)
        try:
            self.timer.stop()
        except RuntimeError:  # at exit the C++ timer may be gone already
            pass


def _weights_from(snapshot) -> dict:
    """``{"layer.W": array}`` from a snapshot's per-layer copies (to carry them across modes)."""
    return {f"{l.name}.{k}": np.array(v) for l in snapshot.layers for k, v in l.params.items()}


class SimulationController(QObject):
    """Start, pause, step and steer a training run; receive its snapshots in the GUI thread."""

    snapshot_received = Signal(object)  # every Snapshot that arrives, in order (<= ~30/s)
    state_changed = Signal(str)  # "idle","running","paused","finished","diverged","stopped"
    error = Signal(str)  # one user-facing sentence
    progress = Signal(dict)  # {"step","epoch","steps_per_second","eta_seconds","budget"}

    def __init__(self, parent=None, mode: str = "thread"):
        super().__init__(parent)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        self._mode = mode
        self.state = "idle"
        self.latest = None
        self._project = None  # the last project given to load() (a copy)
        self._runner = None
        self._loaded = False  # the current runner has been sent the project
        _LIVE.add(self)
        _hook_exit()
        _one_blas_thread_for_the_gui()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # -- mode -------------------------------------------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if mode == self._mode:
            return
        if self.state == "running":
            raise RuntimeError("pause training before changing the runner mode")
        had_runner = self._runner is not None
        if self._project is not None and self.latest is not None and self.latest.step > 0:
            # the new runner goes on from the weights trained so far
            self._project.weights = _weights_from(self.latest)
        self._stop_runner(1.0)
        self._mode = mode
        if had_runner and self._project is not None:
            self._ensure_loaded()

    # -- commands ---------------------------------------------------------------------------------
    def load(self, project) -> None:
        """(Re)build the trainer for ``project``; state "idle". Problems arrive via ``error``."""
        try:
            self._project = project.copy()
            self._send_load()
        except Exception as e:  # noqa: BLE001 - e.g. a runner that cannot start
            log.exception("load failed")
            self.error.emit(self.tr("Could not load the project: {0}.").format(e))

    def start(self) -> None:
        """Start (or resume) training; loads the project first if the runner does not have it."""
        if self._ensure_loaded():
            self._send("start")

    def pause(self) -> None:
        self._send("pause")

    def resume(self) -> None:
        if self._ensure_loaded():
            self._send("resume")

    def step(self, n: int = 1) -> None:
        """``n`` steps, then paused (running training pauses first)."""
        if self._ensure_loaded():
            self._send("step", int(n) if isinstance(n, (int, np.integer)) else n)

    def stop(self) -> None:
        self._send("stop")

    def reset_weights(self, seed: int | None = None) -> None:
        if self._ensure_loaded():
            self._send("reset_weights", seed)

    def set_learning_rate(self, lr: float) -> None:
        self._set("learning_rate", lr)

    def set_batch_size(self, n: int) -> None:
        self._set("batch_size", n)

    def set_optimizer(self, name: str) -> None:
        self._set("optimizer", name)

    def set_dropout(self, rate: float) -> None:
        self._set("dropout", rate)

    def set_clip_norm(self, c: float) -> None:
        self._set("clip_norm", c)

    def set_weight_decay(self, wd: float) -> None:
        self._set("weight_decay", wd)

    def set_param(self, name: str, value) -> None:
        """Overwrite one parameter (``"dense1.W"``) by hand; the next snapshot shows it."""
        if self._ensure_loaded():
            self._send("set_param", name, np.array(value, copy=True))

    def shutdown(self, timeout: float = 1.0) -> None:
        """Stop the worker (thread or process) cleanly; idempotent. No signals are emitted."""
        self._stop_runner(timeout)
        if self.state == "running":
            self.state = "stopped"

    # -- internals --------------------------------------------------------------------------------
    def _set(self, what: str, value) -> None:
        if self._ensure_loaded():
            self._send("set", what, value)

    def _send(self, *command) -> None:
        if self._runner is None and self._project is None:
            if command[0] not in ("pause", "stop"):
                self.error.emit(self.tr("Load a project first."))
            return
        try:
            self._ensure_runner().send(*command)
        except Exception as e:  # noqa: BLE001
            log.exception("sending %r failed", command[:1])
            self.error.emit(self.tr("The training runner is not available: {0}.").format(e))

    def _send_load(self) -> None:
        p = self._project
        weights = None if not p.weights else {k: np.array(v, copy=True)
                                               for k, v in p.weights.items()}
        self._ensure_runner().send("load", p.to_dict(), weights)
        self._loaded = True

    def _ensure_loaded(self) -> bool:
        if self._project is None:
            self.error.emit(self.tr("Load a project first."))
            return False
        if self._runner is None or not self._loaded:
            try:
                self._send_load()
            except Exception as e:  # noqa: BLE001
                log.exception("load failed")
                self.error.emit(self.tr("Could not load the project: {0}.").format(e))
                return False
        return True

    def _ensure_runner(self):
        if self._runner is None:
            runner = _ThreadRunner() if self._mode == "thread" else _ProcessRunnerQt()
            runner.event.connect(self._on_event)
            _ACTIVE.add(runner)
            runner.start()
            self._runner = runner
            self._loaded = False
        return self._runner

    def _stop_runner(self, timeout: float) -> None:
        runner, self._runner = self._runner, None
        self._loaded = False
        if runner is not None:
            try:
                runner.event.disconnect(self._on_event)
            except (RuntimeError, TypeError):
                pass
            try:
                runner.shutdown(timeout)
            finally:
                _ACTIVE.discard(runner)

    @Slot(object)
    def _on_event(self, ev: Event) -> None:
        kind = ev.kind
        if kind == "snapshot":
            snap = ev.payload
            self.latest = snap
            self.snapshot_received.emit(snap)
            self.progress.emit(progress(snap))
        elif kind == "state":
            self.state = ev.payload
            self.state_changed.emit(ev.payload)
        elif kind == "error":  # the loop's sentence, in the interface language
            self.error.emit(loop_error_text(str(ev.payload)))
        elif kind == "exited":
            runner = self.sender()
            if runner is self._runner or runner is None:
                # the worker ended without being asked: next command starts a new one
                self._stop_runner(0.5)
                if self.state == "running":
                    self.state = "stopped"
                    self.state_changed.emit("stopped")
        # "finished" and "diverged" arrive with their "state" event; the snapshot carries the
        # diagnosis (``snapshot.warnings[0]``)


def shutdown_all(timeout: float = 1.0) -> None:
    """Shut down every live controller (a safety net for tests and abnormal exits)."""
    for c in list(_LIVE):
        c.shutdown(timeout)
