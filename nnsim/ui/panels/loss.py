"""Loss & metrics: "is it learning?" Training loss every step, validation loss and accuracy at
every evaluation, against the training step.

The faint line is the raw per-batch loss (after decimation: its min/max envelope, so spikes stay
visible however long the run); the strong blue line is its exponential moving average (the
smoothing slider, as in TensorBoard). Orange is validation. A gap opening between blue and orange
is over-fitting. The dashed grey line is the trivial baseline of the data set (chance accuracy,
or the loss of always predicting the mean).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSlider

from ...training.history import ema
from .. import plot_style as S
from ..i18n import translate
from .base import Panel

LOSS_NAMES = {"cross_entropy": "cross-entropy", "bce": "binary cross-entropy", "mse": "MSE"}


def loss_name(key: str) -> str:
    """The loss function's name in the interface language (``LOSS_NAMES``; else the key)."""
    names = {"cross_entropy": translate("LossPanel", "cross-entropy"),
             "bce": translate("LossPanel", "binary cross-entropy"),
             "mse": translate("LossPanel", "MSE")}
    return names.get(key, key)


class LossPanel(Panel):
    panel_id = "loss"

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Loss & metrics")
        self.log_box = QCheckBox(self.tr("Log scale"))
        self.log_box.setToolTip(self.tr("Logarithmic loss axis: shows progress when the loss "
                                        "is already small"))
        self.log_box.toggled.connect(self._options_changed)
        self.toolbar.addWidget(self.log_box)
        self.toolbar.addWidget(QLabel(self.tr("Smoothing")))
        self.smooth_slider = QSlider(Qt.Orientation.Horizontal)
        self.smooth_slider.setRange(0, 99)
        self.smooth_slider.setValue(60)
        self.smooth_slider.setFixedWidth(110)
        self.smooth_slider.setToolTip(self.tr("Exponential moving average of the training loss "
                                              "(0 = raw)"))
        self.smooth_slider.valueChanged.connect(self._options_changed)
        self.toolbar.addWidget(self.smooth_slider)
        self.smooth_label = QLabel()
        self.smooth_label.setMinimumWidth(32)
        self.toolbar.addWidget(self.smooth_label)
        self.readout = S.quiet_label()
        self.toolbar.addWidget(self.readout, 1)
        self.finish_toolbar(stretch=False)

        self.view = self.add_graphics()
        self.legend = S.legend_row(self.view.ci, row=0)
        lp = self.loss_plot = self.view.addPlot(row=1, col=0)
        S.style_plot(lp, bottom=self.tr("training step"), left=self.tr("loss"))
        faint = S.pen(S.TRAIN).color()
        faint.setAlpha(70)
        self.raw_curve = S.live_curve(lp, faint, 1.0)
        self.train_curve = S.live_curve(lp, S.TRAIN, 1.0, name=self.tr("training (smoothed)"),
                                        legend=self.legend)
        self.val_curve = S.live_curve(lp, S.VALIDATION, 1.0, name=self.tr("validation"),
                                      legend=self.legend)
        self.legend.addItem(self.raw_curve, self.tr("per batch (raw)"))
        self.x_range = S.StickyRange(lp, "x", zero=True)
        self.y_range = S.StickyRange(lp, "y", zero=True)
        self.loss_baseline = pg.InfiniteLine(
            pos=0, angle=0, pen=S.dashed(S.BASELINE, 1.5),
            label=self.tr("predicting the mean"),
            labelOpts={"position": 0.03, "color": S.MUTED, "anchors": [(0, 1), (0, 1)]})
        lp.addItem(self.loss_baseline)
        self.loss_baseline.setVisible(False)

        ap = self.acc_plot = self.view.addPlot(row=2, col=0)
        S.style_plot(ap, bottom=self.tr("training step"), left=self.tr("accuracy (%)"))
        ap.setXLink(lp)
        ap.setYRange(0, 100, padding=0.02)
        ap.enableAutoRange(axis="y", enable=False)
        self.train_acc_curve = S.live_curve(ap, S.TRAIN, 1.0)
        self.val_acc_curve = S.live_curve(ap, S.VALIDATION, 1.0)
        self.acc_baseline = pg.InfiniteLine(
            pos=0, angle=0, pen=S.dashed(S.BASELINE, 1.5), label=self.tr("chance"),
            labelOpts={"position": 0.03, "color": S.MUTED, "anchors": [(0, 1), (0, 1)]})
        ap.addItem(self.acc_baseline)
        self.acc_baseline.setVisible(False)
        self.view.ci.layout.setRowStretchFactor(1, 3)
        self.view.ci.layout.setRowStretchFactor(2, 2)
        self._versions = None
        self._accuracy_shown = True
        self._update_smooth_label()

    # -- options ---------------------------------------------------------------------------------
    @property
    def smoothing(self) -> float:
        return self.smooth_slider.value() / 100.0

    @property
    def log_scale(self) -> bool:
        return self.log_box.isChecked()

    def _update_smooth_label(self):
        self.smooth_label.setText(f"{self.smoothing:.2f}")

    def _options_changed(self, *_):
        self._update_smooth_label()
        self.loss_plot.setLogMode(x=False, y=self.log_scale)
        for c in (self.raw_curve, self.train_curve, self.val_curve):
            c.log_y = self.log_scale
        self.y_range = S.StickyRange(self.loss_plot, "y", log=self.log_scale, zero=True)
        self._versions = None
        self._update_baselines()
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot, force=True)

    # -- context -----------------------------------------------------------------------------------
    def set_context(self, context) -> None:
        super().set_context(context)
        loss = loss_name(context.loss)
        self.loss_plot.setLabel("left", self.tr("loss ({0})").format(loss) if loss
                                else self.tr("loss"), **S.label_style())
        self._show_accuracy(context.kind != "regression" if context.dataset is not None else True)
        self._update_baselines()

    def _show_accuracy(self, show: bool) -> None:
        if show == self._accuracy_shown:
            return
        self._accuracy_shown = show
        if show:
            self.view.addItem(self.acc_plot, row=2, col=0)
            self.view.ci.layout.setRowStretchFactor(2, 2)
        else:
            self.view.removeItem(self.acc_plot)
        self.acc_plot.setVisible(show)

    def _update_baselines(self) -> None:
        meta = self.context.meta
        b, kind = meta.get("baseline"), meta.get("baseline_kind")
        self.acc_baseline.setVisible(False)
        self.loss_baseline.setVisible(False)
        if b is None:
            return
        if kind == "accuracy":
            self.acc_baseline.setValue(100.0 * float(b))
            self.acc_baseline.setVisible(True)
            self.acc_baseline.setToolTip(self.tr("chance: always the commonest class"))
        elif kind == "mse" and self.context.loss == "mse":
            v = float(b)
            self.loss_baseline.setValue(np.log10(v) if self.log_scale and v > 0 else v)
            self.loss_baseline.setVisible(True)
            self.loss_baseline.setToolTip(self.tr("baseline: always predicting the mean"))

    # -- drawing ------------------------------------------------------------------------------------
    def _y(self, y: np.ndarray) -> np.ndarray:
        return np.maximum(y, 1e-12) if self.log_scale else y

    def draw(self, snap) -> None:
        h = self.history
        tl, ev = h.train_loss, h.evals
        vl, va, ta = ev["val_loss"], ev["val_accuracy"], ev["train_accuracy_eval"]
        versions = (tl.version, vl.version, va.version, ta.version)
        old = self._versions or (None,) * 4
        if versions != old:
            self._versions = versions
            if tl.version != old[0]:
                x, y = tl.envelope()
                self.raw_curve.set_values(x, self._y(y))
                self.train_curve.set_values(tl.x, self._y(ema(tl.y, self.smoothing, tl.n)))
            if vl.version != old[1]:
                self.val_curve.set_values(vl.x, self._y(vl.y))
            if va.version != old[2]:
                self.val_acc_curve.set_values(va.x, 100.0 * va.y)
            if ta.version != old[3]:
                self.train_acc_curve.set_values(ta.x, 100.0 * ta.y)
            if self.context.dataset is None:
                self._show_accuracy(len(va) > 0 or len(ta) > 0 or snap.val_accuracy is not None)
            self._fit_ranges()
        S.set_text_if_changed(self.readout, self._readout(snap))

    def _fit_ranges(self) -> None:
        xs = [c.x_values for c in (self.raw_curve, self.val_curve) if len(c.x_values)]
        ys = [c.y_values for c in (self.raw_curve, self.val_curve) if len(c.y_values)]
        if xs:
            self.x_range.fit(min(float(a[0]) for a in xs), max(float(a[-1]) for a in xs))
            self.y_range.fit(min(float(a.min()) for a in ys), max(float(a.max()) for a in ys))

    def _readout(self, snap) -> str:
        parts = [self.tr("step {0:,}").format(snap.step)]
        tl = self.history.train_loss
        if len(tl):
            parts.append(self.tr("loss {0:.4g}").format(tl.last))
        if snap.val_loss == snap.val_loss:
            parts.append(self.tr("val {0:.4g}").format(snap.val_loss))
        if snap.val_accuracy is not None and snap.val_accuracy == snap.val_accuracy:
            parts.append(self.tr("val acc {0:.1f}%").format(100 * snap.val_accuracy))
        return "  ·  ".join(parts)

    def clear(self) -> None:
        super().clear()
        self._versions = None
        self.x_range.reset()
        self.y_range.reset()
        for c in (self.raw_curve, self.train_curve, self.val_curve, self.train_acc_curve,
                  self.val_acc_curve):
            c.clear_values()
        self.readout.setText("")
