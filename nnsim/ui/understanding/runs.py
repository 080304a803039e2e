"""Compare runs: the "Runs" panel listing every run of the session (``RunRegistry``) with a check
box each, and the overlays that draw the checked runs on the dashboards' loss and gradient plots.

The overlays are our own ``PlotDataItem``s added to the panels' public ``PlotItem``s
(``LossPanel.loss_plot``, ``GradientsPanel.norm_plot``): dashed, one colour per run (the swatch
in the list), the training loss smoothed like the live curve (the loss panel's smoothing slider),
validation as dots; on the gradient plot every layer's ``||dL/dθ||``. The panels never clear
them (they clear only their own curves), so the runs stay while a new one trains.

"Restart with this change" resets the weights with the same seed after the user changed a
setting, so the new run differs from the last in that one setting; the registry labels it with
the difference (``learning rate 0.03 → 0.1``) and the previous run is overlaid automatically.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from ...data import DATASETS
from ...spec import LAYER_TYPES, TRAINING_PARAMS
from ...spec.explanations import QT_TRANSLATE_NOOP
from ...training.runs import TRAINING_LABELS, Run, RunRegistry, ema
from .. import plot_style as S
from ..i18n import TemplateTranslator, diagnosis_text, layer_title, param_label, translate

#: run colours: none of them the live curves' blue and orange
RUN_COLORS = ("#7b3fa0", "#2e8b57", "#c2185b", "#8d6e63", "#00838f", "#9e9d24", "#5c6bc0",
              "#d84315", "#546e7a", "#6d4c41")
NUMBER_ROLE = Qt.ItemDataRole.UserRole + 11


def run_color(number: int) -> QColor:
    return QColor(RUN_COLORS[(number - 1) % len(RUN_COLORS)])


def _swatch(color: QColor) -> QIcon:
    pm = QPixmap(14, 14)
    pm.fill(color)
    return QIcon(pm)


def _num(v: float, pct: bool = False) -> str:
    if v != v:
        return "–"
    return f"{100 * v:.1f}%" if pct else f"{v:.4g}"


# -- the registry's English phrases, in the interface language ------------------------------------
#: the phrases ``nnsim.training.runs.describe_changes`` and ``Run.add`` make, word for word
_CHANGES = (
    QT_TRANSLATE_NOOP("RunsPanel", "project “{project}”"),
    QT_TRANSLATE_NOOP("RunsPanel", "step {step}: {setting} {a} → {b}"),
    QT_TRANSLATE_NOOP("RunsPanel", "{setting} {a} → {b}"),
    QT_TRANSLATE_NOOP("RunsPanel", "data set {dataset_a} → {dataset_b}"),
    QT_TRANSLATE_NOOP("RunsPanel", "data {data_key} {a} → {b}"),
    QT_TRANSLATE_NOOP("RunsPanel", "+ {type} layer {layer}"),
    QT_TRANSLATE_NOOP("RunsPanel", "− {type} layer {layer}"),
    QT_TRANSLATE_NOOP("RunsPanel", "connections changed"),
    QT_TRANSLATE_NOOP("RunsPanel", "{layer} {type_a} → {type_b}"),
    QT_TRANSLATE_NOOP("RunsPanel", "{layer} {param} {a} → {b}"),
)
_SETTING_KEYS = {label: key for key, label in TRAINING_LABELS.items()}


def _alternatives(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _setting_name(label: str) -> str:
    key = _SETTING_KEYS.get(label)
    return param_label(TRAINING_PARAMS[key], key) if key in TRAINING_PARAMS else label


def _param_name(key: str) -> str:
    for lt in LAYER_TYPES.values():
        if key in lt.params:
            return param_label(lt.params[key], key)
    return key


def _dataset_title(name: str) -> str:
    info = DATASETS.get(name)
    return translate("Datasets", info.title) if info is not None else name


def _data_param(key: str) -> str:
    from ..inspector import data_param_label

    return data_param_label(key)


def _example(name: str) -> str:
    from ..files import example_title

    return example_title(name)


change_text = TemplateTranslator(
    "RunsPanel", _CHANGES,
    fields={"setting": _alternatives(TRAINING_LABELS.values()),
            "type": _alternatives(LAYER_TYPES), "type_a": _alternatives(LAYER_TYPES),
            "type_b": _alternatives(LAYER_TYPES), "layer": r"\S+", "param": r"\S+",
            "data_key": r"\S+", "step": r"[\d,]+"},
    convert={"setting": _setting_name, "type": layer_title, "type_a": layer_title,
             "type_b": layer_title, "param": _param_name, "dataset_a": _dataset_title,
             "dataset_b": _dataset_title, "data_key": _data_param, "project": _example})
change_text.__doc__ = ("A phrase of ``Run.changes``, ``Run.live_changes`` or "
                       "``RunRegistry.pending_changes`` (\"learning rate 0.03 → 0.1\") in the "
                       "interface language.")


def changes_text(changes) -> str:
    """Several change phrases, translated and joined."""
    return QCoreApplication.translate("RunsPanel", "; ").join(change_text(c) for c in changes)


def run_label(run: Run) -> str:
    """``Run.label`` in the interface language: "Run 3: learning rate 0.03 → 0.1"."""
    if run.changes:
        what = changes_text(run.changes[:3])
        if len(run.changes) > 3:
            what = QCoreApplication.translate("RunsPanel", "{0} (+{1} more)").format(
                what, len(run.changes) - 3)
    else:
        what = _example(run.project_name)
    return QCoreApplication.translate("RunsPanel", "Run {0}: {1}").format(run.number, what)


def run_summary(run: Run) -> str:
    """``"1,500 steps · val 0.0213 · 100.0%"`` (validation loss and accuracy)."""
    bits = [QCoreApplication.translate("RunsPanel", "{0} steps").format(f"{run.steps:,}")]
    v = run.final_val_loss
    if v == v:
        bits.append(QCoreApplication.translate("RunsPanel", "val {0}").format(_num(v)))
    a = run.final_val_accuracy
    if a == a:
        bits.append(_num(a, pct=True))
    return " · ".join(bits)


def run_tooltip(run: Run) -> str:
    e = html.escape
    t = run.training
    lines = [f"<b>{e(run_label(run))}</b>", e(_example(run.project_name)),
             e(QCoreApplication.translate(
                 "RunsPanel", "{0} · learning rate {1} · batch {2} · seed {3}").format(
                 t.get("optimizer"), t.get("learning_rate"), t.get("batch_size"),
                 t.get("seed"))),
             e(QCoreApplication.translate("RunsPanel", "data: {0} {1}").format(
                 _dataset_title(run.dataset["name"]), run.dataset["params"] or ""))]
    if run.changes:
        before = QCoreApplication.translate("RunsPanel", "Changed from the run before:")
        lines.append(f"<b>{before}</b> " + e(changes_text(run.changes)))
    if run.live_changes:
        during = QCoreApplication.translate("RunsPanel", "Changed while training:")
        lines.append(f"<b>{during}</b> " + e(changes_text(run.live_changes)))
    if run.diverged:
        lines.append(f"<span style='color:#c62828'>{e(diagnosis_text(run.diverged))}</span>")
    if run.note:
        lines.append(e(run.note))
    return "<qt>" + "<br>".join(lines) + "</qt>"


def _bounds(items) -> dict[str, tuple[float, float]] | None:
    """Data bounds {"x": (lo, hi), "y": (lo, hi)} of PlotDataItems (positive y only)."""
    xs, ys = [], []
    for it in items:
        x, y = it.getOriginalDataset()
        if x is not None and len(x):
            ok = np.isfinite(x) & np.isfinite(y) & (y > 0)
            if ok.any():
                xs += [float(x[ok].min()), float(x[ok].max())]
                ys += [float(y[ok].min()), float(y[ok].max())]
    if not xs:
        return None
    return {"x": (min(xs), max(xs)), "y": (min(ys), max(ys))}


def keepers(panel, plot) -> list:
    """The panel's own axis keepers of ``plot``: objects with ``plot``, ``axis`` ("x"/"y") and
    ``fit(lo, hi)``, e.g. ``plot_style.StickyRange`` (none when the plot autoranges)."""
    if panel is None:
        return []
    return [k for k in list(vars(panel).values())
            if getattr(k, "plot", None) is plot and getattr(k, "axis", None) in ("x", "y")
            and callable(getattr(k, "fit", None))]


def _joined_fit(fit, axis: str, bounds):
    """``fit(lo, hi)`` over the union of ``[lo, hi]`` and ``bounds()[axis]``."""
    def joined(lo, hi):
        b = bounds()
        if b is not None:
            lo, hi = min(lo, b[axis][0]), max(hi, b[axis][1])
        return fit(lo, hi)
    return joined


def join_ranges(panel, plot, bounds) -> bool:
    """Make the panel's own axis keepers of ``plot`` (objects with ``plot``, ``axis`` and
    ``fit(lo, hi)``, e.g. ``plot_style.StickyRange``) also cover ``bounds()``: their ``fit`` is
    wrapped once per keeper. Returns True if a keeper was newly wrapped. Plots that autorange
    need nothing: they include every item."""
    wrapped = False
    for keeper in keepers(panel, plot):
        if getattr(keeper, "_nnsim_joined", False):
            continue
        keeper.fit = _joined_fit(keeper.fit, keeper.axis, bounds)
        keeper._nnsim_joined = True
        wrapped = True
    return wrapped


class RunOverlays(QObject):
    """Draws the chosen runs on a loss plot and a gradient-norm plot (either may be None).

    ``loss_panel``/``grad_panel``: the panels owning the plots, whose axis keepers (if they keep
    their axes still instead of autoranging) are made to cover the overlays too."""

    def __init__(self, registry: RunRegistry, loss_plot: pg.PlotItem | None = None,
                 grad_plot: pg.PlotItem | None = None, smoothing=lambda: 0.6,
                 loss_legend: pg.LegendItem | None = None, loss_panel=None, grad_panel=None,
                 parent=None):
        super().__init__(parent)
        self.loss_panel, self.grad_panel = loss_panel, grad_panel
        self.registry = registry
        self.loss_plot, self.grad_plot = loss_plot, grad_plot
        #: where the runs are named (the panel's legend, else the plot's own, if any)
        self.loss_legend = loss_legend if loss_legend is not None else \
            getattr(loss_plot, "legend", None)
        self.smoothing = smoothing
        #: run number -> (training-loss curve, validation curve)
        self.loss_items: dict[int, tuple[pg.PlotDataItem, pg.PlotDataItem]] = {}
        #: run number -> {layer: curve}
        self.grad_items: dict[int, dict[str, pg.PlotDataItem]] = {}
        self._drawn: dict[int, tuple] = {}

    @property
    def numbers(self) -> list[int]:
        return sorted(self.loss_items)

    def set_runs(self, numbers) -> None:
        want = {n for n in numbers if any(r.number == n for r in self.registry.runs)}
        for n in set(self.loss_items) - want:
            items = self.loss_items.pop(n)
            if self.loss_legend is not None:
                self.loss_legend.removeItem(items[0])
            for item in items:
                self.loss_plot.removeItem(item)
        for n in set(self.grad_items) - want:
            for item in self.grad_items.pop(n).values():
                self.grad_plot.removeItem(item)
        for n in want:
            self._drawn.pop(n, None)
        self._drawn = {k: v for k, v in self._drawn.items() if k in want}
        for n in sorted(want):
            run = self.registry.run(n)
            color = run_color(n)
            if self.loss_plot is not None and n not in self.loss_items:
                # PlotDataItems follow the plot's log mode themselves
                tr = pg.PlotDataItem([], [], pen=S.pen(color, 2.0, Qt.PenStyle.DashLine))
                va = pg.PlotDataItem([], [], pen=None, symbol="o", symbolSize=5,
                                     symbolBrush=color, symbolPen=None)
                for item in (tr, va):
                    item.setZValue(5)
                    self.loss_plot.addItem(item)
                if self.loss_legend is not None:
                    self.loss_legend.addItem(tr, self.tr("Run {0}").format(n))
                self.loss_items[n] = (tr, va)
            if self.grad_plot is not None:
                self.grad_items.setdefault(n, {})
        self._update(True)
        self._join(True)

    def loss_bounds(self):
        return _bounds(it for pair in self.loss_items.values() for it in pair)

    def grad_bounds(self):
        return _bounds(it for d in self.grad_items.values() for it in d.values())

    def _join(self, changed: bool) -> None:
        """Axis keepers cover the overlays; the panels redraw when the overlays changed."""
        for panel, plot, bounds in ((self.loss_panel, self.loss_plot, self.loss_bounds),
                                    (self.grad_panel, self.grad_plot, self.grad_bounds)):
            if panel is None or plot is None:
                continue
            if not (join_ranges(panel, plot, bounds) or changed):
                continue
            if getattr(panel, "snapshot", None) is not None:
                panel.show_snapshot(panel.snapshot, force=True)  # fits its data and ours
                continue
            b = bounds()  # nothing of its own drawn: show the overlays
            if b is not None:
                for k in keepers(panel, plot):
                    k.fit(*b[k.axis])

    def update(self, force: bool = False) -> None:
        """Refresh the curves of runs that changed (cheap when nothing did)."""
        changed = self._update(force)
        self._join(changed)

    def _update(self, force: bool) -> bool:
        smoothing = float(self.smoothing())
        changed = False
        for n in self.numbers:
            try:
                run = self.registry.run(n)
            except KeyError:
                continue
            key = (run.loss.count, run.last_step, len(run.evals), smoothing)
            if not force and self._drawn.get(n) == key:
                continue
            self._drawn[n] = key
            changed = True
            tr, va = self.loss_items[n]
            if len(run.loss):
                tr.setData(run.loss.x, np.maximum(ema(run.loss.y, smoothing), 1e-12))
            else:
                tr.setData([], [])
            x, y = run.eval_series(1)
            va.setData(x, np.maximum(y, 1e-12))
            if self.grad_plot is not None:
                self._update_grads(run)
        return changed

    def _update_grads(self, run: Run) -> None:
        items = self.grad_items.setdefault(run.number, {})
        color = run_color(run.number)
        names = list(run.grad_norms)
        for k, name in enumerate(names):
            c = QColor(color)
            # first layer strong, later layers lighter (as the live curves go dark to light)
            c.setAlphaF(1.0 - 0.55 * (k / max(1, len(names) - 1)))
            item = items.get(name)
            if item is None:
                item = items[name] = pg.PlotDataItem(
                    [], [], pen=S.pen(c, 1.5, Qt.PenStyle.DashLine))
                item.setZValue(5)
                self.grad_plot.addItem(item)
            g = run.grad_norms[name]
            item.setData(g.x, np.maximum(g.y, 1e-30))

    def clear(self) -> None:
        self.set_runs([])


class RunsPanel(QWidget):
    """The session's runs with check boxes; checked ones are overlaid."""

    #: the checked run numbers changed
    checked_changed = Signal(list)
    restart_requested = Signal()

    def __init__(self, registry: RunRegistry, parent=None):
        super().__init__(parent)
        self.setObjectName("runs")
        self.registry = registry
        self.checked: set[int] = set()
        self._version = None
        self.tree = QTreeWidget()
        self.tree.setColumnCount(1)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.itemChanged.connect(self._item_changed)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.restart_button = QPushButton(self.tr("Restart with this change"))
        self.restart_button.setToolTip(self.tr(
            "New weights from the same seed, so the next run differs from the last only in "
            "what you changed; the last run is overlaid for comparison"))
        self.restart_button.clicked.connect(self.restart_requested)
        self.none_button = QPushButton(self.tr("Overlay none"))
        self.none_button.clicked.connect(lambda: self.set_checked([]))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.restart_button)
        row.addStretch(1)
        row.addWidget(self.none_button)
        intro = QLabel(self.tr("Every training run of this session. Tick runs to overlay them "
                               "(dashed) on <i>Loss</i> and <i>Gradient health</i>."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: palette(placeholder-text);")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        lay.addWidget(intro)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.hint)
        lay.addLayout(row)
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.set_pending(())
        self.refresh()

    # -- list ------------------------------------------------------------------------------------
    def refresh(self, force: bool = False) -> None:
        if not force and self.registry.version == self._version:
            return
        self._version = self.registry.version
        runs = [r for r in self.registry.runs if r.steps > 0 or r is self.registry.current]
        gone = self.checked - {r.number for r in self.registry.runs}
        self.tree.blockSignals(True)
        try:
            while self.tree.topLevelItemCount() > len(runs):
                self.tree.takeTopLevelItem(self.tree.topLevelItemCount() - 1)
            for i, run in enumerate(runs):
                item = self.tree.topLevelItem(i)
                if item is None:
                    item = QTreeWidgetItem(self.tree)
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsSelectable)
                live = run is self.registry.current
                summary = run_summary(run) + (" · " + self.tr("current") if live else "")
                if run.diverged:
                    summary += " · ⛔ " + self.tr("diverged")
                item.setText(0, f"{run_label(run)}\n{summary}")
                item.setData(0, NUMBER_ROLE, run.number)
                item.setIcon(0, _swatch(run_color(run.number)))
                item.setToolTip(0, run_tooltip(run))
                item.setCheckState(0, Qt.CheckState.Checked if run.number in self.checked
                                   else Qt.CheckState.Unchecked)
                f = item.font(0)
                f.setBold(live)
                item.setFont(0, f)
        finally:
            self.tree.blockSignals(False)
        if gone:
            self.checked -= gone
            self.checked_changed.emit(sorted(self.checked))

    def items(self) -> dict[int, QTreeWidgetItem]:
        return {self.tree.topLevelItem(i).data(0, NUMBER_ROLE): self.tree.topLevelItem(i)
                for i in range(self.tree.topLevelItemCount())}

    def set_checked(self, numbers) -> None:
        self.checked = set(numbers)
        self.refresh(force=True)
        self.checked_changed.emit(sorted(self.checked))

    def _item_changed(self, item, column: int) -> None:
        if column != 0:
            return
        n = item.data(0, NUMBER_ROLE)
        if item.checkState(0) == Qt.CheckState.Checked:
            self.checked.add(n)
        else:
            self.checked.discard(n)
        self.checked_changed.emit(sorted(self.checked))

    # -- the restart hint ---------------------------------------------------------------------------
    def set_pending(self, changes) -> None:
        """What the project now changes against the current run (what a restart would try)."""
        changes = tuple(changes)
        if not self.registry.runs or self.registry.current is None \
                or self.registry.current.steps == 0:
            self.hint.setText("<span style='color:gray'>" + self.tr(
                "Train, change one setting (say the learning rate), then restart to "
                "compare.") + "</span>")
            self.restart_button.setEnabled(self.registry.current is not None
                                           and bool(changes))
            return
        if not changes:
            self.hint.setText("<span style='color:gray'>" + self.tr(
                "Change one setting in the inspector, then restart with it: same seed, same "
                "first weights.") + "</span>")
        elif len(changes) == 1:
            self.hint.setText(self.tr("Changed since run {0}: <b>{1}</b>").format(
                self.registry.current.number, html.escape(change_text(changes[0]))))
        else:
            listed = html.escape(changes_text(changes[:3])) + ("…" if len(changes) > 3 else "")
            self.hint.setText(self.tr(
                "<span style='color:#b06000'>{0} changes since run {1}</span> ({2}): a restart "
                "compares them all at once.").format(len(changes), self.registry.current.number,
                                                     listed))
        self.restart_button.setEnabled(bool(changes))
