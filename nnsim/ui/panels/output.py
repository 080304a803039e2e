"""Output view: "what does the network predict?", drawn the way the data set asks for.

- 2-D classification: the decision surface, as in TensorFlow Playground. The background blends
  the class colours by the predicted probabilities (two classes: orange = class 0, white = unsure,
  blue = class 1), training points are filled dots with a white outline, validation points hollow
  rings.
- 2-D regression: the predicted surface (orange low, blue high) with the data points coloured by
  their target on the same scale.
- 1-D regression: the fitted curve over the training (dots) and validation (rings) data.
- Sequence tasks, a target at every step: input, true and predicted sequence of one validation
  sample; a target at the last step: predicted against true for up to 200 validation samples.
- The character model: text sampled from the network, after the seed text it started from.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextEdit

from .. import plot_style as S
from ..i18n import data_name
from .base import Panel

MAX_POINTS = 1500  # data points drawn over a surface / curve
UPSAMPLE = 3      # the 64x64 prediction grid is drawn bilinearly interpolated 3x


def _interp_matrix(n: int, m: int) -> np.ndarray:
    """(m, n) matrix of linear interpolation from n samples to m (same end points)."""
    pos = np.linspace(0, n - 1, m)
    i0 = np.clip(np.floor(pos).astype(int), 0, n - 2) if n > 1 else np.zeros(m, int)
    f = pos - i0
    M = np.zeros((m, n))
    M[np.arange(m), i0] = 1 - f
    if n > 1:
        M[np.arange(m), i0 + 1] += f
    return M


def upsample(a: np.ndarray, k: int = UPSAMPLE) -> np.ndarray:
    """Bilinear k-times upsampling of a (ny, nx) or (ny, nx, C) grid (two small matmuls)."""
    ny, nx = a.shape[:2]
    Ry, Rx = _interp_matrix(ny, ny * k), _interp_matrix(nx, nx * k)
    if a.ndim == 2:
        return Ry @ a @ Rx.T
    return np.einsum("yi,ijc,xj->yxc", Ry, a, Rx, optimize=True)


def surface_colors(n_classes: int) -> np.ndarray:
    """(C, 3) float RGB of the class colours, softened towards white for a background."""
    cols = np.array([QColor(S.class_color(k)).getRgbF()[:3] for k in range(n_classes)])
    return cols * 0.75 + 0.25


def blend_probabilities(p: np.ndarray) -> np.ndarray:
    """(ny, nx, C) probabilities -> (ny, nx, 3) uint8 RGB: class colours mixed by probability
    and washed towards white where the network is unsure (max probability near 1/C)."""
    ny, nx, C = p.shape
    cols = surface_colors(C)
    rgb = p.reshape(-1, C) @ cols
    conf = (p.max(axis=-1).reshape(-1, 1) - 1.0 / C) * (C / (C - 1.0))   # 0 unsure .. 1 certain
    conf = np.clip(conf, 0.0, 1.0) ** 0.8
    rgb = 1.0 - (1.0 - rgb) * (0.25 + 0.75 * conf)
    return np.ascontiguousarray((np.clip(rgb, 0, 1) * 255).astype(np.uint8).reshape(ny, nx, 3))


def surface_lut() -> np.ndarray:
    """256 x 3 LUT for P(class 1) of a two-class surface: soft orange - white - soft blue."""
    c0, c1 = surface_colors(2)
    t = np.linspace(0, 1, 256)[:, None]
    left = 1.0 - (1.0 - c0) * np.clip(1 - 2 * t, 0, 1)
    right = 1.0 - (1.0 - c1) * np.clip(2 * t - 1, 0, 1)
    rgb = np.where(t < 0.5, left, right)
    return (rgb * 255).astype(np.uint8)


class OutputPanel(Panel):
    panel_id = "output"

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Output")
        self.readout = S.quiet_label()
        self.toolbar.addWidget(self.readout, 1)
        self.finish_toolbar(stretch=False)
        self.pages = QStackedWidget()
        self.content_layout.addWidget(self.pages, 1)
        self.view = S.graphics_layout()
        self.pages.addWidget(self.view)
        self.text = QTextEdit()
        self.text.setReadOnly(True)
        self.text.setStyleSheet("QTextEdit { background: white; border: none; padding: 10px;"
                                " font-family: 'DejaVu Sans Mono', monospace; font-size: 13pt; }")
        self.pages.addWidget(self.text)
        self.legend = S.legend_row(self.view.ci, row=0)
        p = self.plot = self.view.addPlot(row=1, col=0)
        S.style_plot(p)
        self.surface = pg.ImageItem(axisOrder="row-major")
        self.surface.setZValue(-20)
        p.addItem(self.surface)
        self.field_bar = None
        self.train_points = pg.ScatterPlotItem(size=7, pxMode=True, antialias=True)
        self.val_points = pg.ScatterPlotItem(size=7, pxMode=True, antialias=True)
        p.addItem(self.train_points)
        p.addItem(self.val_points)
        self.curve = S.live_curve(p, S.TRAIN, 2.5, name=None)
        self.true_curve = S.live_curve(p, S.FOREGROUND, 2.0)
        self.input_curve = S.live_curve(p, S.MUTED, 1.0, style=Qt.PenStyle.DashLine)
        self.diagonal = pg.PlotDataItem([], [], pen=S.dashed(S.MUTED, 1.0))
        p.addItem(self.diagonal)
        # legend samples for multi-coloured points: neutral grey
        self.train_key = pg.ScatterPlotItem(size=8, brush=pg.mkBrush("#777777"),
                                            pen=S.pen("#ffffff", 1.2))
        self.val_key = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(255, 255, 255, 160),
                                          pen=S.pen("#777777", 2.0))
        self.kind = None
        self._points_for = None
        self._rects: dict = {}
        self.x_range = S.StickyRange(p, "x")
        self.y_range = S.StickyRange(p, "y")
        self.set_relevant(True)

    # -- context: the data points ---------------------------------------------------------------------
    def set_context(self, context) -> None:
        super().set_context(context)
        self.kind = None
        self._points_for = None
        ds = context.dataset
        if ds is None:
            return
        if ds.is_sequence or ds.input_shape in ((1,), (2,)):
            self.set_relevant(True)
            # the data is there before any training: show it, so the panel is never empty
            bounds = ds.meta.get("bounds")
            if not ds.is_sequence and bounds:
                kind = ("curve" if ds.input_shape == (1,) else
                        "surface" if ds.kind == "classification" else "field")
                self._set_points(kind)
                if ds.input_shape == (2,):
                    (x0, x1), (y0, y1) = bounds
                    self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        else:
            self.set_relevant(False, self.tr(
                "The output view draws 2-D data (decision surface), 1-D regression (fitted "
                "curve), sequences and text. This data set has {0} input features: see the "
                "loss and accuracy instead.").format(ds.input_shape[0]))

    def _sample(self, x, y, n):
        if len(x) > n:
            idx = np.linspace(0, len(x) - 1, n).astype(int)
            return x[idx], y[idx]
        return x, y

    def _set_points(self, kind: str) -> None:
        ds = self.context.dataset
        key = (id(ds), kind)
        if key == self._points_for:
            return
        self._points_for = key
        self.train_points.clear()
        self.val_points.clear()
        if ds is None:
            return
        xt, yt = self._sample(ds.x_train, ds.y_train, MAX_POINTS)
        xv, yv = self._sample(ds.x_val, ds.y_val, MAX_POINTS // 2)
        if kind == "surface":
            white = S.pen("#ffffff", 1.2)
            self.train_points.setData(
                x=xt[:, 0], y=xt[:, 1], pen=white, size=7,
                brush=[pg.mkBrush(S.class_color(int(k))) for k in yt])
            self.val_points.setData(
                x=xv[:, 0], y=xv[:, 1], brush=pg.mkBrush(255, 255, 255, 160), size=7,
                pen=[S.pen(S.class_color(int(k)), 2.0) for k in yv])
        elif kind == "field":
            lo, hi = self._field_levels()
            lut = S.lut("diverging")

            def brush(v):
                i = int(np.clip((v - lo) / (hi - lo) * 255, 0, 255))
                return pg.mkBrush(*lut[i])

            self.train_points.setData(x=xt[:, 0], y=xt[:, 1], pen=S.pen("#ffffff", 1.0),
                                      brush=[brush(float(v)) for v in yt[:, 0]], size=7)
            self.val_points.setData(x=xv[:, 0], y=xv[:, 1], brush=pg.mkBrush(255, 255, 255, 160),
                                    pen=[S.pen(lut[int(np.clip((float(v) - lo) / (hi - lo) * 255,
                                                              0, 255))], 2.0) for v in yv[:, 0]],
                                    size=7)
        elif kind == "curve":
            self.train_points.setData(x=xt[:, 0], y=yt[:, 0], brush=pg.mkBrush(S.FOREGROUND),
                                      pen=S.pen("#ffffff", 1.0), size=6, name=self.tr("training"))
            self.val_points.setData(x=xv[:, 0], y=yv[:, 0], brush=pg.mkBrush(255, 255, 255, 0),
                                    pen=S.pen(S.VALIDATION, 1.5), size=7,
                                    name=self.tr("validation"))

    def _field_levels(self):
        ds = self.context.dataset
        if ds is None:
            return (-1.0, 1.0)
        m = float(np.abs(ds.y_train).max()) or 1.0
        return (-m, m)

    # -- drawing -----------------------------------------------------------------------------------
    def _switch(self, kind: str) -> None:
        if kind == self.kind:
            return
        self.kind = kind
        p = self.plot
        for item in (self.surface, self.train_points, self.val_points, self.curve,
                     self.true_curve, self.input_curve, self.diagonal):
            item.setVisible(False)
        for c in (self.curve, self.true_curve, self.input_curve):
            c.clear_values()
        self.diagonal.setData([], [])
        self.legend.clear()
        self.legend.setVisible(False)
        p.setAspectLocked(False)
        self._rects.clear()
        self.x_range.reset()
        self.y_range.reset()
        self.pages.setCurrentWidget(self.text if kind == "text" else self.view)
        meta = self.context.meta
        feats = [data_name(f) for f in meta.get("feature_names") or ["x1", "x2"]]
        targets = [data_name(f) for f in meta.get("target_names") or ["y"]]
        if kind in ("surface", "field"):
            self.surface.setVisible(True)
            self.train_points.setVisible(True)
            self.val_points.setVisible(True)
            p.setAspectLocked(True)
            S.style_plot(p, bottom=feats[0], left=feats[1] if len(feats) > 1 else "x2",
                         grid=False)
            self.legend.setVisible(True)
            self.legend.addItem(self.train_key, self.tr("training"))
            self.legend.addItem(self.val_key, self.tr("validation"))
        elif kind == "curve":
            self.train_points.setVisible(True)
            self.val_points.setVisible(True)
            self.curve.setVisible(True)
            S.style_plot(p, bottom=feats[0], left=targets[0])
            self.legend.setVisible(True)
            self.legend.addItem(self.train_points, self.tr("training data"))
            self.legend.addItem(self.val_points, self.tr("validation data"))
            self.legend.addItem(self.curve, self.tr("network"))
            (x0, x1), = meta.get("bounds") or ((-1.0, 1.0),)
            self.x_range.fit(x0, x1)
            yb = meta.get("y_bounds")
            if yb:
                self.y_range.fit(*yb)
        elif kind == "sequence":
            for c in (self.curve, self.true_curve, self.input_curve):
                c.setVisible(True)
            S.style_plot(p, bottom=self.tr("time step t"), left=self.tr("value"))
            self.legend.setVisible(True)
            self.legend.addItem(self.input_curve, self.tr("input"))
            self.legend.addItem(self.true_curve, self.tr("target"))
            self.legend.addItem(self.curve, self.tr("prediction"))
        elif kind == "scatter":
            self.train_points.setVisible(True)
            self.diagonal.setVisible(True)
            S.style_plot(p, bottom=self.tr("true value"), left=self.tr("predicted value"))
        if kind in ("surface", "field", "curve"):
            self._points_for = None
            self._set_points(kind)

    def draw(self, snap) -> None:
        v = snap.view
        if not v:  # this snapshot carries no view (a cheap one): keep the last picture
            return
        kind = v.get("kind", "none")
        if kind == "none":
            ds = self.context.dataset
            if ds is not None and ds.is_sequence and ds.kind == "classification":
                self.set_relevant(False, self.tr(
                    "One label per sequence: there is no picture to draw here. Watch the accuracy "
                    "in Loss & metrics, and the LSTM gates for what the network keeps in memory."))
            else:
                self.set_relevant(False, self.tr("No output view for this data set and network."))
            return
        self._switch(kind)
        getattr(self, f"_draw_{kind}", lambda v: None)(v)

    def carries_data(self, snap) -> bool:
        return bool(snap.view) and snap.view.get("kind", "none") != "none"

    def _grid_rect(self, xs, ys) -> QRectF:
        """The plane the prediction grid covers (its first and last samples at the edges)."""
        return QRectF(xs[0], ys[0], xs[-1] - xs[0], ys[-1] - ys[0])

    def _draw_surface(self, v) -> None:
        pred = np.asarray(v.get("pred", v.get("probs")))
        if pred.ndim == 2:
            pred = pred[..., None]
        C = pred.shape[-1]
        if C == 1:  # a sigmoid output: P(class 1)
            pred = np.concatenate([1 - pred, pred], axis=-1)
            C = 2
        if C == 2:
            self.surface.setLookupTable(surface_lut())
            self.surface.setImage(S.as_image(upsample(pred[..., 1])), autoLevels=False,
                                  levels=(0.0, 1.0))
        else:
            self.surface.setLookupTable(None)
            self.surface.setImage(blend_probabilities(np.clip(upsample(pred), 0, 1)),
                                  autoLevels=False, levels=(0, 255))
        self._place_surface(v)
        S.set_text_if_changed(self.readout, self._accuracy_text())

    def _draw_field(self, v) -> None:
        pred = np.asarray(v["pred"])[..., 0]
        self.surface.setLookupTable(S.lut("diverging"))
        self.surface.setImage(S.as_image(upsample(pred)), autoLevels=False,
                              levels=self._field_levels())
        self._place_surface(v)
        S.set_text_if_changed(self.readout, self._loss_text())

    def _place_surface(self, v) -> None:
        rect = self._grid_rect(np.asarray(v["xs"]), np.asarray(v["ys"]))
        if S.set_rect_if_changed(self.surface, rect, self._rects, "surface"):
            self.plot.getViewBox().setRange(rect, padding=0)

    def _draw_curve(self, v) -> None:
        y = np.asarray(v["y_pred"])
        self.curve.set_values(np.asarray(v["x"]), y)
        if not self.context.meta.get("y_bounds") and y.size:
            self.y_range.fit(float(y.min()), float(y.max()))
        S.set_text_if_changed(self.readout, self._loss_text())

    def _draw_sequence(self, v) -> None:
        true = np.asarray(v["true"])
        t = np.arange(len(true))
        if "input" in v:
            self.input_curve.set_values(t, np.asarray(v["input"]))
        self.true_curve.set_values(t, true)
        pred = np.asarray(v["pred"])
        self.curve.set_values(t, pred)
        if len(t):
            self.x_range.fit(0.0, float(t[-1]))
            parts = [true, pred] + ([np.asarray(v["input"])] if "input" in v else [])
            self.y_range.fit(min(float(a.min()) for a in parts),
                             max(float(a.max()) for a in parts))
        S.set_text_if_changed(self.readout, self._loss_text())

    def _draw_scatter(self, v) -> None:
        true, pred = np.asarray(v["true"]), np.asarray(v["pred"])
        if self._points_for != "scatter":  # style once; then only positions change
            self._points_for = "scatter"
            self.train_points.setData(x=true, y=pred, brush=pg.mkBrush(S.TRAIN),
                                      pen=S.pen("#ffffff", 0.8), size=6)
        else:
            self.train_points.setData(x=true, y=pred)
        lo = float(min(true.min(), pred.min())) if true.size else 0.0
        hi = float(max(true.max(), pred.max())) if true.size else 1.0
        self.diagonal.setData([lo, hi], [lo, hi])
        self.x_range.fit(lo, hi)
        self.y_range.fit(lo, hi)
        if true.size > 1 and np.std(true) > 0 and np.std(pred) > 0:
            r = float(np.corrcoef(true, pred)[0, 1])
            S.set_text_if_changed(self.readout, self.tr(
                "correlation r = {0:.3f}  ·  on the dashed line: perfect").format(r))

    def _draw_text(self, v) -> None:
        sample = str(v.get("sample", ""))
        seed, _, gen = sample.partition("|")
        esc = lambda s: (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                         .replace("\n", "⏎<br>"))
        seed_head = self.tr("seed text (from the data):")
        continues = self.tr("the network continues:")
        self.text.setHtml(
            f"<p style='color:{S.MUTED}'>{seed_head}</p>"
            f"<p style='color:{S.MUTED}'>{esc(seed)}</p>"
            f"<p style='color:{S.MUTED}'>{continues}</p>"
            f"<p style='color:{S.TRAIN}'><b>{esc(gen)}</b></p>")
        S.set_text_if_changed(self.readout,
                              self.tr("sampled at temperature 0.7, refreshed every 2 s"))

    def _accuracy_text(self) -> str:
        s = self.snapshot
        if s is not None and s.val_accuracy is not None and s.val_accuracy == s.val_accuracy:
            return self.tr("validation accuracy {0:.1f}%").format(100 * s.val_accuracy)
        return ""

    def _loss_text(self) -> str:
        s = self.snapshot
        if s is not None and s.val_loss == s.val_loss:
            return self.tr("validation loss {0:.4g}").format(s.val_loss)
        return ""

    def text_shown(self) -> str:
        return self.text.toPlainText()

    def clear(self) -> None:
        super().clear()
        self.surface.clear()
        for c in (self.curve, self.true_curve, self.input_curve):
            c.clear_values()
        self.readout.setText("")
