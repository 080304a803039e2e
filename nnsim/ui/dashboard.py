"""The live dashboards: one object that takes every snapshot and keeps the panels drawn.

The simulation controller calls ``consume(snapshot)`` for every snapshot, in order. That is cheap:
the metrics go into a bounded ``RunHistory`` and the snapshot becomes "the newest". Drawing is
decoupled from training speed (GUIDE §4): a 30 Hz ``QTimer`` ticks while something new waits to
be drawn, and each tick draws some of the panels that are on screen; a panel that was hidden
catches up when it is shown.

The scheduler. Each panel learns what one drawing costs it (``Panel.cost_ms``: its ``draw`` plus
the paint events that follow, in CPU time) and says how often it is worth drawing
(``Panel.max_hz``: curves 30, slow-changing pictures 5-10). A tick draws the most overdue panels
first (time since its last drawing x ``max_hz``), and stops before the tick's drawing would pass
``TICK_MS``: so the GUI thread is never busy for long in one go and a click or a timer is never
kept waiting (the frame-interval target of issue 4). Over time, drawing spends at most
``frame_budget`` of one core (a token bucket: each tick earns ``frame_budget`` x the time since
the last; each drawing spends what it really cost, up to three times its panel's estimate, so a
one-off such as a first drawing that builds the plots does not freeze them for seconds). The
budget depends on the runner (``FRAME_BUDGETS``, ``set_runner_mode``, called by the main
window). A machine that draws fast sees every panel
at its ``max_hz``, a slow or busy one sees fewer frames, never a GUI that starves the training
thread or the user's clicks. ``render(force=True)`` draws every panel now (tests, exports,
a new context). The main window docks ``dashboard.panels`` (each has ``panel_id`` and ``title``;
``relevant``/``reason`` say whether it applies to the current network and, if not, why) and
listens to ``diagnosis_changed`` to tint the canvas layers.

    dash = Dashboard()
    dash.set_context(project, dataset)
    runner.snapshot_ready.connect(dash.consume)
    for p in dash.panels: window.add_dock(p.title, p)
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from ..training.history import RunHistory
from .panels import PANEL_CLASSES, Context
from .panels.base import DUE_SLACK_S

FRAME_MS = 33  # ~30 Hz
TICK_MS = 8.0  # most drawing (CPU ms, estimated) one tick may start
#: share of one core that drawing may use, on average, by runner mode: a training thread shares
#: the GIL with the GUI, so every millisecond drawn is taken from training; a training process
#: runs on the other core
FRAME_BUDGETS = {"thread": 0.12, "process": 0.25}


class Dashboard(QObject):
    #: tuple of ``nnsim.training.Diagnosis``, emitted when the set of warnings changes
    diagnosis_changed = Signal(object)
    #: after every tick or render that drew something (benchmarks, tests)
    rendered = Signal()

    def __init__(self, parent=None, clock=time.perf_counter):
        super().__init__(parent)
        self.history = RunHistory()
        self.context = Context()
        self.panels = [cls(self.history) for cls in PANEL_CLASSES]
        self._by_id = {p.panel_id: p for p in self.panels}
        self.latest = None
        self._diagnosis: tuple = ()
        self._structure = None
        self._clock = clock
        #: share of one core that drawing may use on average (the scheduler keeps to it)
        self.frame_budget = FRAME_BUDGETS["thread"]  # (the default runner)
        self.tick_ms = TICK_MS
        self._tokens = TICK_MS     # CPU ms drawing may spend now (refilled by the clock)
        self._last_tick = clock()
        self._unsettled: list = []  # panels drawn by the last tick, cost not yet measured
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)

    def set_runner_mode(self, mode: str) -> None:
        """The drawing budget that suits the runner (``FRAME_BUDGETS``)."""
        self.frame_budget = FRAME_BUDGETS.get(mode, FRAME_BUDGETS["thread"])

    def panel(self, panel_id: str):
        return self._by_id[panel_id]

    @property
    def diagnosis(self) -> tuple:
        return self._diagnosis

    # -- the controller's calls ------------------------------------------------------------------
    def consume(self, snapshot) -> None:
        """Take one snapshot (every one, in order): record its metrics, keep it as the newest.

        A new ``run_id``, or a step count that went backwards (a new trainer), starts a new
        history."""
        h = self.history
        if h.run_id is not None and (snapshot.run_id != h.run_id
                                     or snapshot.step < h.last_step):
            self.clear()
        h.append(snapshot)
        self.latest = snapshot
        self._update_diagnosis(snapshot)
        if not self.timer.isActive():
            self.timer.start()

    def _update_diagnosis(self, snap) -> None:
        diag = tuple(snap.warnings)
        if diag != self._diagnosis:
            self._diagnosis = diag
            self.diagnosis_changed.emit(diag)

    # -- the scheduler -----------------------------------------------------------------------------
    def _owing(self) -> list:
        """Panels on screen whose drawing is behind the newest snapshot (every panel is handed
        the newest, so a hidden one can catch up when it is shown)."""
        for p in self.panels:
            p.take(self.latest)
        return [p for p in self.panels if p.owes_drawing]

    def _tick(self) -> None:
        """One frame: account for what the last one cost, then draw the most overdue panels
        that fit in this tick and in the budget. The timer stops when nothing is owed."""
        now = self._clock()
        self._settle()
        self._tokens = min(self._tokens + (now - self._last_tick) * 1e3 * self.frame_budget,
                           self.tick_ms)
        self._last_tick = now
        owing = self._owing()
        if not owing:
            self.timer.stop()  # nothing new: sleep until the next consume
            return
        due = [p for p in owing if p.due_in(now) <= DUE_SLACK_S]
        due.sort(key=lambda p: p.due_in(now) * p.max_hz)  # most overdue (in its periods) first
        planned = 0.0
        for p in due:
            if planned and planned + p.cost_ms > self.tick_ms:
                break  # a later tick
            if self._tokens - planned <= 0:
                break  # over budget: wait for the clock to earn it
            if p.show_snapshot(self.latest, now=now):
                planned += p.cost_ms
                self._unsettled.append(p)
        if planned:
            self.rendered.emit()

    def _settle(self) -> None:
        """Pay for the last tick's drawings, now that their paint events have run."""
        for p in self._unsettled:
            # (clipped at 3x the panel's estimate: a one-off, like a first drawing that builds
            # the plots in half a second, is not paid back with seconds of frozen dashboards)
            if p.settle_cost() is not None:
                self._tokens -= p.last_cost_ms
        self._unsettled = []

    def render(self, force: bool = False) -> None:
        """Draw the newest snapshot now on every visible panel that is due (``force``: on
        every panel), outside the budget; a panel drawn less than ``1 / max_hz`` ago is left to
        the timer."""
        snap = self.latest
        if snap is None:
            return
        now = None if force else self._clock()
        for p in self.panels:
            p.show_snapshot(snap, force=force, now=now)
        if any(p.owes_drawing for p in self.panels) and not self.timer.isActive():
            self.timer.start()
        self.rendered.emit()

    def clear(self) -> None:
        """A new run or reset weights: empty the history and every panel."""
        self._settle()
        self.history.clear()
        self.latest = None
        for p in self.panels:
            p.clear()
        if self._diagnosis:
            self._diagnosis = ()
            self.diagnosis_changed.emit(())

    def set_context(self, project, dataset) -> None:
        """The project and data set being trained: panels adapt (surface vs curve vs sequence vs
        text, 8x8 weight images for the digits, which layers exist, which panels apply). A
        different network or data set also starts a new history."""
        ctx = Context.build(project, dataset)
        structure = (getattr(dataset, "name", None), id(dataset),
                     tuple((l.name, l.type, tuple(sorted(map(str, l.params.items()))))
                           for l in ctx.layers))
        if self._structure is not None and structure != self._structure:
            self.clear()
        self._structure = structure
        self.context = ctx
        for p in self.panels:
            p.set_context(ctx)
        if self.latest is not None:
            self.render()

    def export_metrics_csv(self, path) -> None:
        """Every metric of the run so far, in long form (see ``RunHistory.to_csv``)."""
        self.history.to_csv(path)
