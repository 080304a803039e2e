"""What every dashboard panel shares: a toolbar, a "why am I empty" placeholder, PNG export, and
drawing only when visible.

A panel never trains and never owns run state: the ``Dashboard`` hands it the newest ``Snapshot``
(``show_snapshot``) and a shared ``RunHistory``; the panel draws when it is visible and remembers
that it owes a drawing when it is not (tabbed behind another dock, collapsed), catching up as soon
as it is shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401  (registers ImageExporter)
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QStackedWidget, QVBoxLayout, QWidget)

from ...training.history import RunHistory
from .. import plot_style as S
from ..i18n import translate


@dataclass
class LayerInfo:
    """One layer of the drawn network, in data-flow order."""

    name: str
    type: str
    params: dict = field(default_factory=dict)
    inputs: tuple = ()


@dataclass
class Context:
    """What panels need to know about the project and data set (``Dashboard.set_context``)."""

    project: object = None
    dataset: object = None
    layers: list = field(default_factory=list)     # LayerInfo, Input/Output excluded
    loss: str = ""

    @property
    def meta(self) -> dict:
        return dict(self.dataset.meta) if self.dataset is not None else {}

    @property
    def kind(self) -> str:
        return self.dataset.kind if self.dataset is not None else ""

    @property
    def is_sequence(self) -> bool:
        return bool(self.dataset is not None and self.dataset.is_sequence)

    @property
    def n_classes(self) -> int:
        return int(self.dataset.n_classes) if self.dataset is not None else 0

    @property
    def image_shape(self):
        s = self.meta.get("image_shape")
        return tuple(int(v) for v in s) if s else None

    def layer_types(self) -> set:
        return {l.type for l in self.layers}

    @classmethod
    def build(cls, project, dataset) -> "Context":
        layers, loss = [], ""
        if project is not None:
            order = _data_flow_order(project)
            for n in order:
                if n.type == "Output":
                    loss = n.params.get("loss", "")
                if n.type in ("Input", "Output"):
                    continue
                layers.append(LayerInfo(n.id, n.type, dict(n.params),
                                        tuple(project.inputs_of(n.id))))
        return cls(project=project, dataset=dataset, layers=layers, loss=loss)


def _data_flow_order(project) -> list:
    """Nodes in topological order (Kahn's algorithm, ties in file order); cycles left out."""
    nodes = list(project.nodes)
    indeg = {n.id: 0 for n in nodes}
    for l in project.links:
        if l.dst in indeg and l.src in indeg:
            indeg[l.dst] += 1
    ready = [n for n in nodes if indeg[n.id] == 0]
    out = []
    by_id = {n.id: n for n in nodes}
    while ready:
        n = ready.pop(0)
        out.append(n)
        for l in project.links:
            if l.src == n.id and l.dst in indeg:
                indeg[l.dst] -= 1
                if indeg[l.dst] == 0:
                    ready.append(by_id[l.dst])
    return out


def ask_png_path(parent, title: str) -> str:
    """The save dialog (a function, so tests can replace it)."""
    path, _ = QFileDialog.getSaveFileName(parent, title, f"{title}.png",
                                          translate("Panel", "PNG image (*.png)"))
    if path and not path.lower().endswith(".png"):
        path += ".png"
    return path


#: a panel due within this many seconds is due now (timers fire a little early or late)
DUE_SLACK_S = 0.005


class Panel(QWidget):
    """Base class: subclasses set ``panel_id``/``title``, build their plots into
    ``self.content`` and implement ``draw(snapshot)`` (and ``clear``/``set_context``)."""

    panel_id = "panel"
    title = "Panel"
    #: at most this many drawings a second (slow-changing pictures need fewer than 30)
    max_hz = 30.0
    #: emitted with (relevant, reason) when the panel starts or stops applying to the network
    relevance_changed = Signal(bool, str)
    #: after each drawing (tests, benchmarks)
    drawn = Signal()

    def __init__(self, history: RunHistory | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName(f"panel-{self.panel_id}")
        self.history = history if history is not None else RunHistory()
        self.context = Context()
        self.relevant = True
        self.reason = ""
        self.snapshot = None        # newest snapshot handed in
        self._drawn_snapshot = None  # the one last drawn
        self._last_draw = -1e9       # when the last drawing ended, on the frame clock
        #: CPU ms one drawing costs (its ``draw`` plus the paint events that follow), learned
        #: as the panel draws (``settle_cost``); the Dashboard schedules drawings by it
        self.cost_ms = 8.0
        self.last_cost_ms = 0.0
        self._unsettled: tuple[float, float] | None = None  # (render s, paint mark) of the last
        outer = QVBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        outer.setSpacing(2)
        self.toolbar = QHBoxLayout()
        self.toolbar.setContentsMargins(4, 0, 4, 0)
        self.toolbar.setSpacing(8)
        outer.addLayout(self.toolbar)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)
        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.content_layout.setSpacing(2)
        self.stack.addWidget(self.content)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet(f"color: {S.MUTED}; font-size: 11pt; padding: 24px;")
        self.stack.addWidget(self.placeholder)
        self.export_button = QPushButton(self.tr("Export PNG"))
        self.export_button.setToolTip(self.tr("Save this panel as a PNG image"))
        self.export_button.clicked.connect(self._export_clicked)
        self._toolbar_tail_added = False

    # -- building helpers ---------------------------------------------------------------------------
    def finish_toolbar(self, stretch: bool = True) -> None:
        """Stretch (unless a read-out added with a stretch already fills the row), then the
        export button (call after adding the panel's own controls)."""
        if not self._toolbar_tail_added:
            if stretch:
                self.toolbar.addStretch(1)
            self.toolbar.addWidget(self.export_button)
            self._toolbar_tail_added = True

    def add_graphics(self) -> pg.GraphicsLayoutWidget:
        w = S.graphics_layout()
        w.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.content_layout.addWidget(w, 1)
        return w

    # -- relevance ------------------------------------------------------------------------------------
    def set_relevant(self, relevant: bool, reason: str = "") -> None:
        changed = relevant != self.relevant or reason != self.reason
        self.relevant, self.reason = bool(relevant), reason
        self.placeholder.setText(reason)
        self.stack.setCurrentWidget(self.content if relevant else self.placeholder)
        self.export_button.setEnabled(relevant)
        if changed:
            self.relevance_changed.emit(self.relevant, self.reason)

    # -- the Dashboard's calls ------------------------------------------------------------------------
    #: layer types the panel needs (None: any network); without them it says ``self.reason``
    needs_layer_types: frozenset | None = None
    #: the layers with weights (what the weight and gradient panels need)
    WEIGHTED = frozenset({"Dense", "SimpleRNN", "LSTM"})

    def set_context(self, context: Context) -> None:
        self.context = context
        if self.needs_layer_types and context.layers:
            has = bool(context.layer_types() & self.needs_layer_types)
            self.set_relevant(has, "" if has else self.reason)

    def carries_data(self, snap) -> bool:
        """Whether ``snap`` holds what this panel draws: a panel that said it does not apply
        (from the project alone) applies after all once a snapshot brings its data."""
        return False

    def take(self, snap) -> None:
        """Remember ``snap`` as the newest (drawn now or later), and apply once it carries this
        panel's data. The Dashboard hands every snapshot to every panel through here."""
        self.snapshot = snap
        if snap is not None and not self.relevant and self.carries_data(snap):
            self.set_relevant(True)

    def show_snapshot(self, snap, force: bool = False, now: float | None = None) -> bool:
        """Remember ``snap`` and draw it if the panel is on screen (or ``force``). With ``now``
        (the Dashboard's frame clock), a panel drawn less than ``1 / max_hz`` ago waits for a
        later frame. Returns True if it drew."""
        self.take(snap)
        if snap is None or not self.relevant:
            return False
        if not (force or self.is_on_screen()):
            return False
        if snap is self._drawn_snapshot and not force:
            return False
        if now is not None and not force and self.due_in(now) > DUE_SLACK_S:
            return False
        self.settle_cost()  # (a drawing before this one, not yet accounted for)
        mark = self.paint_cpu()
        t, w = time.thread_time(), time.perf_counter()
        self.draw(snap)
        self._unsettled = (time.thread_time() - t, mark)
        self._drawn_snapshot = snap
        # the frame clock at the end of the drawing (a slow drawing waits longer)
        w1 = time.perf_counter()
        self._last_draw = w1 if now is None else now + (w1 - w)
        self.drawn.emit()
        return True

    @property
    def owes_drawing(self) -> bool:
        """On screen, relevant, and the newest snapshot is not drawn yet."""
        return (self.snapshot is not None and self.snapshot is not self._drawn_snapshot
                and self.relevant and self.is_on_screen())

    def due_in(self, now: float) -> float:
        """Seconds until ``1 / max_hz`` has passed since the last drawing (<= 0: due now)."""
        return self._last_draw + 1.0 / self.max_hz - now

    # -- what drawing costs ---------------------------------------------------------------------------
    def paint_cpu(self) -> float:
        """CPU seconds the panel's plots have spent painting so far."""
        return sum(v.paint_cpu for v in self.findChildren(S.TimedLayoutWidget))

    def settle_cost(self) -> float | None:
        """Account for the last drawing once its paint events have run: its CPU time (``draw``
        plus painting) moves ``cost_ms``. One slow drawing (the first, a resize) moves the
        estimate by at most a factor of 1.6, so it cannot starve the panel for long
        (``last_cost_ms``: the measure, clipped at three times the estimate, is what the
        Dashboard's budget is charged). Returns the measured ms, or None when there was nothing
        to settle."""
        if self._unsettled is None:
            return None
        render, mark = self._unsettled
        self._unsettled = None
        ms = (render + max(self.paint_cpu() - mark, 0.0)) * 1e3
        self.last_cost_ms = min(ms, 3.0 * self.cost_ms)
        self.cost_ms = 0.7 * self.cost_ms + 0.3 * self.last_cost_ms
        return ms

    def is_on_screen(self) -> bool:
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def showEvent(self, event) -> None:  # catch up with what arrived while hidden
        super().showEvent(event)
        if self.snapshot is not None and self.snapshot is not self._drawn_snapshot \
                and self.relevant:
            self.draw(self.snapshot)
            self._drawn_snapshot = self.snapshot

    def draw(self, snap) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def clear(self) -> None:
        """A new run: forget what was drawn (the history is cleared by the Dashboard)."""
        self.snapshot = None
        self._drawn_snapshot = None

    # -- export -----------------------------------------------------------------------------------------
    def export_target(self):
        """What ``export_png`` renders: the scene of the panel's first graphics view."""
        views = self.content.findChildren(pg.GraphicsView)
        return views[0].scene() if views else None

    def export_png(self, path, scale: float = 2.0) -> str:
        """Save the panel's plots as a PNG with pyqtgraph's ``ImageExporter`` at ``scale`` times
        the on-screen size (sharp on slides). Panels without plots save a picture of the widget."""
        path = str(path)
        target = self.export_target()
        if target is None or not self.relevant:
            self.grab().save(path, "PNG")
            return path
        exp = pg.exporters.ImageExporter(target)
        w = int(exp.parameters()["width"])
        if w > 0:
            exp.parameters()["width"] = int(w * scale)
        exp.export(path)
        return path

    def _export_clicked(self) -> None:
        path = ask_png_path(self, self.title)
        if path:
            self.export_png(path)
