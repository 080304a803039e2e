"""Gradient through time: "does the error signal reach the early time steps?"

For each recurrent layer, a heatmap of ``||dL/dh_t||`` (the whole gradient reaching the hidden
state at time step ``t``, over the batch) with the time step ``t`` up the side and the training
step along the bottom, on a log colour scale (bright = strong, black = vanished). The loss sits at
the last time steps; going down the picture is going back in time. A plain RNN's column fades to
black a few steps back (the vanishing gradient through time); an LSTM's cell state carries it much
further, which is why the LSTM exists. Beside it, the newest profile as a curve (LSTM: the cell
state's ``||dL/dC_t||`` dashed).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QLabel

from .. import plot_style as S
from ..i18n import translate
from .base import Panel

DECADES = 8  # colour range below the strongest gradient


class _Row:
    # strings in the panel's context (``translate``: lupdate files ``panel.tr`` under this
    # class's name, where the panel never looks)
    def __init__(self, panel, name: str, kind: str):
        self.name, self.kind = name, kind
        self.plot = pg.PlotItem()
        S.style_plot(self.plot, bottom=translate("ThroughTimePanel", "training step"),
                     left=translate("ThroughTimePanel", "time step t"), grid=False)
        self.plot.setTitle(translate("ThroughTimePanel", "{0} ({1}): ||dL/dh_t||, log colour")
                           .format(name, kind), color=S.FOREGROUND, size=f"{S.TITLE_FONT_PT}pt")
        self.plot.setMouseEnabled(x=False, y=False)
        self.image = S.image_item("magnitude")
        self.plot.addItem(self.image)
        self.bar = S.color_bar("magnitude", (-DECADES, 0), label=None)
        self.bar.axis.setLabel("log₁₀ ||dL/dh||", **S.label_style())
        self.profile = pg.PlotItem()
        S.style_plot(self.profile, bottom=translate("ThroughTimePanel", "newest ||dL/dh_t||"))
        self.profile.setLogMode(x=True, y=False)
        self.profile.setYLink(self.plot)
        self.profile.hideAxis("left")
        self.profile.setMouseEnabled(x=False, y=False)
        self.profile.setFixedWidth(190)
        self.profile.enableAutoRange(axis="x", enable=False)
        self.h_curve = S.live_curve(self.profile, S.TRAIN, 2.0, log_x=True)
        self.c_curve = S.live_curve(self.profile, "#8c564b", 1.5,
                                    style=pg.QtCore.Qt.PenStyle.DashLine, log_x=True)
        self.levels = (-DECADES, 0.0)
        self.version = None
        self.rects: dict = {}
        self.x_range = S.StickyRange(self.plot, "x", zero=True)
        self.plot.enableAutoRange(axis="y", enable=False)


class ThroughTimePanel(Panel):
    needs_layer_types = frozenset({"SimpleRNN", "LSTM"})
    panel_id = "through_time"
    max_hz = 10.0  # slow-changing picture: fewer drawings, same information

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Gradient through time")
        self.readout = S.quiet_label()
        self.toolbar.addWidget(self.readout, 1)
        self.finish_toolbar(stretch=False)
        self.view = self.add_graphics()
        self.rows: dict[str, _Row] = {}
        self.set_relevant(False, self.tr("Gradient through time appears when the network has a "
                                         "recurrent layer (SimpleRNN or LSTM)."))

    def carries_data(self, snap) -> bool:
        return any("dh_norm" in l.extra for l in snap.layers)

    def _ensure_rows(self, snap) -> None:
        names = tuple(l.name for l in snap.layers if "dh_norm" in l.extra)
        if names == tuple(self.rows):
            return
        self.view.ci.clear()
        self.rows.clear()
        kinds = {l.name: l.type for l in snap.layers}
        for r, name in enumerate(names):
            row = self.rows[name] = _Row(self, name, kinds.get(name, ""))
            self.view.addItem(row.plot, row=r, col=0)
            self.view.addItem(row.bar, row=r, col=1)
            self.view.addItem(row.profile, row=r, col=2)

    def draw(self, snap) -> None:
        self._ensure_rows(snap)
        parts = []
        grids = {n: self.history.grids.get(n, {}).get("dh_norm") for n in self.rows}
        grids = {n: g for n, g in grids.items() if g is not None and g.columns}
        # one colour scale for all rows, so an RNN and an LSTM compare directly
        peak = max((float(g.image.max()) for g in grids.values()), default=1.0)
        hi = math.ceil(math.log10(peak)) if peak > 0 and math.isfinite(peak) else 0.0
        levels = (hi - DECADES, hi)
        for name, row in self.rows.items():
            g = grids.get(name)
            if g is None:
                continue
            if (g.version, levels) != row.version:
                row.version = (g.version, levels)
                img = np.log10(np.maximum(g.image, 1e-30))
                row.levels = levels
                row.image.setImage(S.as_image(img), autoLevels=False, levels=row.levels)
                x0, x1 = g.step_range()
                rect = QRectF(x0, -0.5, max(x1 - x0, 1e-9), g.rows)  # row t centred on y = t
                if S.set_rect_if_changed(row.image, rect, row.rects, "image"):
                    # the step axis only moves in rounded jumps (StickyRange)
                    row.x_range.fit(x0, x1)
                    if row.rects.get("rows") != g.rows:
                        row.rects["rows"] = g.rows
                        row.plot.setYRange(-0.5, g.rows - 0.5, padding=0)
                if row.rects.get("levels") != row.levels:
                    row.rects["levels"] = row.levels
                    row.bar.setLevels(row.levels)
                    # the profile's axis spans the colour bar's decades: curve and colours agree
                    row.profile.setXRange(*row.levels, padding=0)
            L = snap.layer(name)
            t = np.arange(len(L.extra["dh_norm"]), dtype=np.float64)
            row.h_curve.set_values(np.maximum(L.extra["dh_norm"], 1e-30), t)
            dc = L.extra.get("dc_norm")
            if dc is not None:
                row.c_curve.set_values(np.maximum(dc, 1e-30), t)
            dh = np.asarray(L.extra["dh_norm"])
            if len(dh) > 1 and dh[-1] > 0:
                ratio = dh[0] / dh[-1]
                parts.append(self.tr("{0}: ||dL/dh_0|| / ||dL/dh_T|| = {1:.1e}").format(
                    name, ratio))
        S.set_text_if_changed(self.readout, "  ·  ".join(parts))

    def clear(self) -> None:
        super().clear()
        for row in self.rows.values():
            row.version = None
            row.rects.clear()
            row.x_range.reset()
            row.image.clear()
            row.h_curve.clear_values()
            row.c_curve.clear_values()
        self.readout.setText("")
