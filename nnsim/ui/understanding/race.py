"""The race: two projects trained side by side on the same data (say a SimpleRNN against an LSTM
on the adding problem), each by its own ``SimulationController`` (a training thread each, so the
window stays responsive however slow a step is).

One loss plot carries both runs (the training loss smoothed, validation as dots, log scale); under
it the two ``||dL/dh_t||`` heatmaps side by side on one shared colour scale, so "the RNN's
gradient dies going back in time, the LSTM's survives" is visible at a glance (projects without a
recurrent layer show their layers' gradient norms instead). When both have used their budget the
lower validation loss wins (a diverged run loses), and the label says by how much.
"""

from __future__ import annotations

import math
import os

import numpy as np
from PySide6.QtCore import QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...spec import load_project
from ...training.runs import RunRegistry, ema
from ...data import DATASETS
from .. import plot_style as S
from ..i18n import translate
from ..simulation import SimulationController

COLORS = (S.TRAIN, S.VALIDATION)
DECADES = 8
DONE = ("finished", "diverged", "stopped")
FINAL_SNAPSHOT_WAIT_MS = 2000
#: scores within this ratio are a tie
TIE = 0.95
LOSS_NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy", "bce": "binary cross-entropy"}
#: where a project name may be cut (Chinese titles use full-width punctuation)
_SEPARATORS = (":", ",", " ", "(", "—", "-", "：", "，", "（")
_STRIP = " :,-—()：，（）"


def short_names(a: str, b: str) -> tuple[str, str]:
    """Drop the words two project names share at the start: "Adding …: SimpleRNN" vs "…: LSTM"."""
    if a == b:
        return a + " (A)", b + " (B)"
    p = os.path.commonprefix([a, b])
    cut = max(p.rfind(c) for c in _SEPARATORS)
    if cut <= 0:
        return a, b
    sa, sb = a[cut + 1:].strip(_STRIP), b[cut + 1:].strip(_STRIP)
    return (sa or a), (sb or b)


def loss_name(project) -> str:
    """The project's loss function in the interface language ("loss" when it has none)."""
    for n in project.nodes:
        if n.type == "Output":
            key = n.params.get("loss")
            names = {"mse": translate("RaceWindow", "MSE"),
                     "cross_entropy": translate("RaceWindow", "cross-entropy"),
                     "bce": translate("RaceWindow", "binary cross-entropy")}
            return names.get(key, translate("RaceWindow", "loss"))
    return translate("RaceWindow", "loss")


def project_name(project) -> str:
    """A project's name in the interface language (an example's translated title)."""
    from ..files import example_title

    return example_title(project.name)


def _example_title(name: str) -> str:
    from ..files import example_title

    return example_title(name)


def _dataset_title(name: str) -> str:
    info = DATASETS.get(name)
    return translate("Datasets", info.title) if info is not None else name


def recurrent_layer(project) -> str | None:
    for n in project.nodes:
        if n.type in ("SimpleRNN", "LSTM"):
            return n.id
    return None


class Racer(QObject):
    """One side of the race: a project, its own controller and its own run record."""

    changed = Signal()

    def __init__(self, project, parent=None):
        super().__init__(parent)
        self.project = project
        self.registry = RunRegistry()
        self.state = "idle"
        self.error = ""
        self._grace_over = False
        self.sim = SimulationController(self, mode="thread")
        self.sim.snapshot_received.connect(self._snap)
        self.sim.state_changed.connect(self._state)
        self.sim.error.connect(self._error)

    @property
    def run(self):
        return self.registry.current

    @property
    def done(self) -> bool:
        """Finished, diverged, stopped or failed, and the last snapshot (which follows the
        state change and carries the final evaluation) is in."""
        if self.error:
            return True
        if self.state not in DONE:
            return False
        run = self.run
        return self._grace_over or (run is not None and run.state == self.state)

    def start(self) -> None:
        self.registry.clear()
        self.registry.new_project()
        self.state = "loading"
        self.error = ""
        self.sim.load(self.project)
        self.sim.start()

    def stop(self) -> None:
        self.sim.stop()

    def shutdown(self) -> None:
        self.sim.shutdown()

    def _snap(self, snap) -> None:
        self.registry.consume(snap, self.project)
        self.changed.emit()

    def _state(self, state: str) -> None:
        self.state = state
        self._grace_over = False
        if state in DONE:  # the final snapshot follows; do not wait for it forever
            QTimer.singleShot(FINAL_SNAPSHOT_WAIT_MS, self._grace)
        self.changed.emit()

    def _grace(self) -> None:
        if self.state in DONE and not self._grace_over:
            self._grace_over = True
            self.changed.emit()

    def _error(self, message: str) -> None:
        self.error = message
        self.changed.emit()


class RaceWindow(QWidget):
    """Two projects, one data set, trained side by side; a winner at the end."""

    #: "a", "b" or "tie" once both are done
    finished = Signal(str)

    def __init__(self, parent=None, project_a=None, project_b=None, steps: int | None = None,
                 examples=()):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("race")
        self.setWindowTitle(self.tr("Race two projects — nnsim"))
        self.resize(1100, 760)
        self.examples = list(examples)  # (title, path)
        self.racers: list[Racer] = []
        self.projects = [project_a, project_b]
        self.winner: str | None = None
        self.names = ("A", "B")
        self._note = ""

        # -- choice -----------------------------------------------------------------------------
        self.combos = [QComboBox(), QComboBox()]
        for combo, proj in zip(self.combos, self.projects):
            if proj is not None:
                combo.addItem(project_name(proj), proj)
            for title, path in self.examples:
                combo.addItem(_example_title(title), str(path))
            combo.setMinimumContentsLength(24)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._choice_changed)
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 1_000_000)
        self.steps_spin.setSingleStep(100)
        self.steps_spin.setSuffix(self.tr(" steps"))
        self.steps_spin.setToolTip(self.tr("Training budget of each project"))
        self.start_button = QPushButton(self.tr("▶ Start race"))
        self.stop_button = QPushButton(self.tr("■ Stop"))
        self.stop_button.setEnabled(False)
        self.start_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        top = QHBoxLayout()
        top.addWidget(self._swatch(0))
        top.addWidget(self.combos[0], 1)
        vs = QLabel(self.tr("vs"))
        vs.setStyleSheet("font-weight: 600; padding: 0 6px;")
        top.addWidget(vs)
        top.addWidget(self._swatch(1))
        top.addWidget(self.combos[1], 1)
        top.addWidget(self.steps_spin)
        top.addWidget(self.start_button)
        top.addWidget(self.stop_button)

        self.winner_label = QLabel()
        self.winner_label.setWordWrap(True)
        self.winner_label.setTextFormat(Qt.TextFormat.RichText)
        self.winner_label.setStyleSheet("font-size: 13pt; padding: 4px 2px;")
        self.status = [QLabel(), QLabel()]
        srow = QHBoxLayout()
        for i, s in enumerate(self.status):
            s.setTextFormat(Qt.TextFormat.RichText)
            srow.addWidget(s, 1)

        # -- plots -------------------------------------------------------------------------------
        self.view = S.graphics_layout()
        lp = self.loss_plot = self.view.addPlot(row=0, col=0, colspan=3)
        S.style_plot(lp, bottom=self.tr("training step"), left=self.tr("loss (log scale)"))
        lp.setLogMode(x=False, y=True)
        self.legend = lp.addLegend(offset=(-8, 8), labelTextColor=S.FOREGROUND,
                                   brush=(255, 255, 255, 210), pen=S.pen("#cccccc"))
        self.legend.setLabelTextSize(f"{S.TICK_FONT_PT}pt")
        self.train_curves, self.val_curves = [], []
        for i in range(2):
            # PlotDataItems: they follow the plot's log mode themselves
            self.train_curves.append(lp.plot([], [], pen=S.pen(COLORS[i], 2.0)))
            v = lp.plot([], [], pen=S.pen(COLORS[i], 1.0, Qt.PenStyle.DotLine), symbol="o",
                        symbolSize=5, symbolBrush=COLORS[i], symbolPen=None)
            self.val_curves.append(v)
        self.baseline = lp.addLine(y=0, pen=S.dashed(S.BASELINE, 1.5))
        self.baseline.setVisible(False)
        self.heat_plots, self.images, self.grad_curves = [], [], [{}, {}]
        for i in range(2):
            hp = self.view.addPlot(row=1, col=i)
            S.style_plot(hp, bottom=self.tr("training step"), left=self.tr("time step t"),
                         grid=False)
            hp.setMouseEnabled(x=False, y=False)
            img = S.image_item("magnitude")
            hp.addItem(img)
            self.heat_plots.append(hp)
            self.images.append(img)
        self.bar = S.color_bar("magnitude", (-DECADES, 0))
        self.bar.axis.setLabel("log₁₀ ‖∂L/∂h<sub>t</sub>‖", **S.label_style())
        self.view.addItem(self.bar, row=1, col=2)
        self.view.ci.layout.setRowStretchFactor(0, 5)
        self.view.ci.layout.setRowStretchFactor(1, 4)

        explain = QLabel(self.tr("Both train on the same data, from their own seeds, each in its "
                                 "own thread. Below: how much gradient reaches each time step t "
                                 "(bright = strong, black = vanished), on one colour scale for "
                                 "both."))
        explain.setWordWrap(True)
        explain.setStyleSheet(f"color: {S.MUTED};")
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.winner_label)
        lay.addLayout(srow)
        lay.addWidget(self.view, 1)
        lay.addWidget(explain)

        self.timer = QTimer(self)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self.render)
        self._choice_changed()

    def _swatch(self, i: int) -> QLabel:
        sw = QLabel("A" if i == 0 else "B")
        sw.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sw.setFixedSize(22, 22)
        sw.setStyleSheet(f"background: {COLORS[i]}; color: white; font-weight: 700;"
                         "border-radius: 3px;")
        return sw

    # -- choosing ----------------------------------------------------------------------------------
    def chosen(self, i: int):
        data = self.combos[i].currentData()
        if data is None:
            return None
        if isinstance(data, str):
            return load_project(data)
        return data.copy()

    def _choice_changed(self, *_args) -> None:
        if any(r.state == "running" for r in self.racers):
            return
        try:
            a, b = self.chosen(0), self.chosen(1)
        except Exception as e:  # noqa: BLE001 - a broken example file: say so
            self.winner_label.setText(f"<span style='color:#c62828'>{e}</span>")
            return
        if a is None or b is None:
            return
        self.names = short_names(project_name(a), project_name(b))
        self.steps_spin.setValue(min(int(a.training["steps"]), int(b.training["steps"])))
        self._note = ""
        if (a.dataset.name, a.dataset.params) != (b.dataset.name, b.dataset.params):
            self._note = " " + self.tr("(B trains on A's data set, {0})").format(
                _dataset_title(a.dataset.name))
        self.winner_label.setText(
            self.tr("<b>{0}</b> against <b>{1}</b>: press Start.").format(*self.names)
            + f"<span style='color:{S.MUTED}; font-size: 10pt'>{self._note}</span>")
        self._label_plots(a, b)

    def _label_plots(self, a, b) -> None:
        for i, p in enumerate((a, b)):
            layer = recurrent_layer(p)
            what = (self.tr("{0} ({1}): gradient reaching each time step, "
                            "‖∂L/∂h<sub>t</sub>‖").format(self.names[i], layer) if layer else
                    self.tr("{0}: gradient norm per layer").format(self.names[i]))
            self.heat_plots[i].setTitle(what, color=COLORS[i], size=f"{S.TITLE_FONT_PT}pt")
            self.heat_plots[i].setLabel("left", self.tr("time step t") if layer else "‖∂L/∂θ‖",
                                        **S.label_style())
            self.heat_plots[i].setLogMode(x=False, y=layer is None)
        self.legend.clear()
        for i in range(2):
            self.legend.addItem(self.train_curves[i],
                                self.tr("{0} training").format(self.names[i]))
            self.legend.addItem(self.val_curves[i],
                                self.tr("{0} validation").format(self.names[i]))
        self.loss_plot.setLabel("left", self.tr("{0} (log scale)").format(loss_name(a)),
                                **S.label_style())

    # -- racing --------------------------------------------------------------------------------------
    def start(self) -> None:
        self.stop(shutdown=True)
        a, b = self.chosen(0), self.chosen(1)
        if a is None or b is None:
            return
        steps = self.steps_spin.value()
        b.dataset = type(a.dataset)(a.dataset.name, dict(a.dataset.params))
        for p in (a, b):
            p.training["steps"] = steps
            p.weights = None
        self.projects = [a, b]
        self.names = short_names(project_name(a), project_name(b))
        self._label_plots(a, b)
        self.winner = None
        for c in self.train_curves + self.val_curves:
            c.setData([], [])
        for img in self.images:
            img.clear()
        self.racers = [Racer(a, self), Racer(b, self)]
        for r in self.racers:
            r.changed.connect(self._racer_changed)
        for r in self.racers:
            r.start()
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        for c in self.combos:
            c.setEnabled(False)
        self.steps_spin.setEnabled(False)
        self.winner_label.setText(self.tr("Racing <b>{0}</b> against <b>{1}</b> for {2} steps "
                                          "each…").format(self.names[0], self.names[1],
                                                          f"{steps:,}"))
        self.timer.start()

    def stop(self, shutdown: bool = False) -> None:
        for r in self.racers:
            if shutdown:
                r.shutdown()
            elif not r.done:
                r.stop()
        if shutdown:
            self.racers = []
            self.timer.stop()
        self._controls_idle()

    def _controls_idle(self) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        for c in self.combos:
            c.setEnabled(True)
        self.steps_spin.setEnabled(True)

    def shutdown(self) -> None:
        self.stop(shutdown=True)

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    @property
    def running(self) -> bool:
        return any(not r.done for r in self.racers)

    def _racer_changed(self) -> None:
        if self.racers and self.winner is None and all(r.done for r in self.racers):
            self.render()  # draws the final snapshots, then decides

    # -- drawing ---------------------------------------------------------------------------------------
    def render(self) -> None:
        if not self.racers:
            return
        grids = []
        for i, r in enumerate(self.racers):
            run = r.run
            if run is None:
                continue
            if len(run.loss):
                self.train_curves[i].setData(run.loss.x,
                                             np.maximum(ema(run.loss.y, 0.6), 1e-12))
            x, y = run.eval_series(1)
            self.val_curves[i].setData(x, np.maximum(y, 1e-12))
            layer = recurrent_layer(r.project)
            if layer is not None and layer in run.dh_norm and len(run.dh_norm[layer]):
                grids.append((i, run.dh_norm[layer]))
            elif layer is None:
                self._draw_grads(i, run)
            self.status[i].setText(self._status(i, r))
        self._draw_heatmaps(grids)
        if self.winner is None and self.racers and all(r.done for r in self.racers):
            self._decide()

    def _draw_heatmaps(self, grids) -> None:
        if not grids:
            return
        logs = {i: np.log10(np.maximum(g.image, 1e-30)) for i, g in grids}
        top = max(float(v.max()) for v in logs.values())
        hi = math.ceil(top) if math.isfinite(top) else 0.0
        levels = (hi - DECADES, hi)
        self.bar.setLevels(levels)
        for i, g in grids:
            img = self.images[i]
            img.setImage(S.as_image(logs[i]), autoLevels=False, levels=levels)
            x0, x1 = g.steps[0], g.steps[-1]
            w = max(x1 - x0, 1.0)
            if len(g) > 1:  # columns are centred on their steps
                w = w * len(g) / (len(g) - 1)
                x0 -= w / len(g) / 2
            rect = QRectF(x0, 0, w, g.rows)
            img.setRect(rect)
            self.heat_plots[i].getViewBox().setRange(rect, padding=0)

    def _draw_grads(self, i: int, run) -> None:
        curves = self.grad_curves[i]
        names = list(run.grad_norms)
        colors = S.depth_colors(len(names))
        for name, c in zip(names, colors):
            if name not in curves:
                curves[name] = self.heat_plots[i].plot([], [], pen=S.pen(c, 1.5))
            g = run.grad_norms[name]
            curves[name].setData(g.x, np.maximum(g.y, 1e-30))

    def _status(self, i: int, r: Racer) -> str:
        run = r.run
        c = COLORS[i]
        head = f"<b style='color:{c}'>{self.names[i]}</b>"
        if r.error:
            return f"{head}: <span style='color:#c62828'>{r.error}</span>"
        if run is None:
            return f"{head}: " + self.tr("starting…")
        bits = [self.tr("step {0}").format(f"{run.steps:,}")]
        v = run.final_val_loss
        if v == v:
            bits.append(self.tr("validation {0} {1:.4g}").format(loss_name(r.project), v))
        acc = run.final_val_accuracy
        if acc == acc:
            bits.append(self.tr("accuracy {0:.1f}%").format(100 * acc))
        if run.diverged:
            diverged = self.tr("diverged")
            bits.append(f"<span style='color:#c62828'>{diverged}</span>")
        elif r.state == "finished":
            bits.append(self.tr("done"))
        return f"{head}: " + " · ".join(bits)

    def _after(self, a, b) -> str:
        sa, sb = (r.steps if r is not None else 0 for r in (a, b))
        if sa == sb:
            return self.tr("after {0} steps each").format(f"{sa:,}")
        return self.tr("after {0} and {1} steps").format(f"{sa:,}", f"{sb:,}")

    def _decide(self) -> None:
        a, b = (r.run for r in self.racers)
        sa = a.score() if a is not None else math.inf
        sb = b.score() if b is not None else math.inf
        if r_err := [r for r in self.racers if r.error]:
            sa = math.inf if self.racers[0] in r_err else sa
            sb = math.inf if self.racers[1] in r_err else sb
        name = loss_name(self.projects[0])
        if not (math.isfinite(sa) or math.isfinite(sb)):
            self.winner = "tie"
            text = self.tr("No winner: neither run finished cleanly.")
        elif math.isfinite(sa) and math.isfinite(sb) and min(sa, sb) / max(sa, sb) > TIE:
            self.winner = "tie"
            text = self.tr("Too close to call: validation {0} {1:.4g} ({2}) and {3:.4g} ({4}), "
                           "{5}.").format(name, sa, self.names[0], sb, self.names[1],
                                          self._after(a, b))
        else:
            k = 0 if sa < sb else 1
            self.winner = "ab"[k]
            win, lose = (sa, sb) if k == 0 else (sb, sa)
            loser = self.names[1 - k]
            if math.isfinite(lose):
                how = self.tr("validation {0} {1:.4g} against {2:.4g}").format(name, win, lose)
                if win > 0:
                    how += " " + self.tr("({0:.1f}× lower)").format(lose / win)
            else:
                how = self.tr("{0} did not finish (diverged or failed)").format(loser)
            wins = self.tr("{0} wins").format(self.names[k])
            text = "★ " + self.tr("{0}: {1}, {2}.").format(
                f"<b style='color:{COLORS[k]}'>{wins}</b>", how, self._after(a, b))
        self.winner_label.setText(text)
        self.timer.stop()
        self._controls_idle()
        self.finished.emit(self.winner)
