"""The live dashboards: one object that takes every snapshot and keeps the panels drawn.

The simulation controller calls ``consume(snapshot)`` for every snapshot, in order. That is cheap:
the metrics go into a bounded ``RunHistory`` and the snapshot becomes "the newest". Drawing is
decoupled from training speed (GUIDE §4): a 30 Hz ``QTimer`` runs ``render()`` only when something
new arrived, and ``render()`` draws only the panels that are on screen; a panel that was hidden
catches up when it is shown.

Frame budget. Slow-changing pictures (weights, gates, gradient through time, neurons) are drawn at
most 10-15 times a second (``Panel.max_hz``); curves at up to 30. And the timer's interval adapts:
after each frame the Dashboard measures what drawing cost (its own CPU time in ``render`` plus the
plots' paint events) and waits long enough that drawing stays under ``frame_budget`` (a quarter)
of one core: 30 Hz on a machine fast enough, fewer frames on a slow or busy one, never a GUI that
starves the training thread or the user's clicks. The main window docks ``dashboard.panels`` (each has ``panel_id``
and ``title``; ``relevant``/``reason`` say whether it applies to the current network and, if not,
why) and listens to ``diagnosis_changed`` to tint the canvas layers.

    dash = Dashboard()
    dash.set_context(project, dataset)
    runner.snapshot_ready.connect(dash.consume)
    for p in dash.panels: window.add_dock(p.title, p)
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal

from ..training.history import RunHistory
from . import plot_style as S
from .panels import PANEL_CLASSES, Context

FRAME_MS = 33  # ~30 Hz
MAX_FRAME_MS = 500  # however slow the machine, at least 2 frames a second


class Dashboard(QObject):
    #: tuple of ``nnsim.training.Diagnosis``, emitted when the set of warnings changes
    diagnosis_changed = Signal(object)
    #: after every render (benchmarks, tests)
    rendered = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.history = RunHistory()
        self.context = Context()
        self.panels = [cls(self.history) for cls in PANEL_CLASSES]
        self._by_id = {p.panel_id: p for p in self.panels}
        self.latest = None
        self._pending = False
        self._diagnosis: tuple = ()
        self._structure = None
        #: share of one core that drawing may use (the frame interval adapts to keep it)
        self.frame_budget = 0.25
        self.frame_cost_ms = 0.0     # smoothed CPU cost of one frame (render + paint)
        self._render_cpu = 0.0
        self._paint_mark = S.paint_cpu_seconds()
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)

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
        self._pending = True
        if not self.timer.isActive():
            self.timer.start()

    def _tick(self) -> None:
        if not self._pending:
            self.timer.stop()  # nothing new: sleep until the next consume
            return
        # the previous frame's cost: its render, and the paint events that followed it
        paint = S.paint_cpu_seconds() - self._paint_mark
        cost = (self._render_cpu + paint) * 1e3
        self.frame_cost_ms = cost if not self.frame_cost_ms else \
            0.7 * self.frame_cost_ms + 0.3 * cost
        t = time.thread_time()
        self.render()
        self._render_cpu = time.thread_time() - t
        self._paint_mark = S.paint_cpu_seconds()
        # period = cost / budget; the timer counts from the end of this render, so subtract it
        period = self.frame_cost_ms / max(self.frame_budget, 1e-3)
        interval = int(min(max(period - self._render_cpu * 1e3, FRAME_MS), MAX_FRAME_MS))
        if abs(interval - self.timer.interval()) > 0.15 * self.timer.interval():
            self.timer.setInterval(interval)  # (restarts the timer: only on a real change)

    def render(self, force: bool = False) -> None:
        """Draw the newest snapshot on every visible panel that is due (``force``: on every
        panel, now)."""
        snap = self.latest
        self._pending = False
        if snap is None:
            return
        diag = tuple(snap.warnings)
        if diag != self._diagnosis:
            self._diagnosis = diag
            self.diagnosis_changed.emit(diag)
        now = None if force else time.perf_counter()
        for p in self.panels:
            p.show_snapshot(snap, force=force, now=now)
            if p.owes_drawing:
                self._pending = True  # drawn less than 1/max_hz ago: on a later frame
        if self._pending and not self.timer.isActive():
            self.timer.start()
        self.rendered.emit()

    def clear(self) -> None:
        """A new run or reset weights: empty the history and every panel."""
        self.history.clear()
        self.latest = None
        self._pending = False
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
