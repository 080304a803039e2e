"""Gradient health: "which layer stopped learning?" (the seed's 梯度消失 / 梯度爆炸).

Top: ``||dL/dθ||`` of every layer against the step, on a log axis, one colour per layer from dark
(first layer) to light (last). The blue band at the bottom is the *vanishing* zone: below
``VANISHING_RATIO`` (1e-3) times the top layer's gradient, where the diagnosis calls a layer
vanishing; the red band at the top is the *exploding* zone (above ``EXPLODING_MIN_NORM``).
Bottom: the update/weight ratio ``||Δθ|| / ||θ||`` of each layer; about 1e-3 (the green band,
1e-4 to 1e-2) is healthy, far below means the layer is frozen, far above means it is thrashing.

The diagnosis' warnings appear in a banner above the plots and as a label on the layer's curve;
the ``Dashboard`` also emits them so the canvas can tint the layer.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QLabel

from ...training.diagnosis import EXPLODING_MIN_NORM, VANISHING_RATIO
from .. import plot_style as S
from ..i18n import diagnosis_text
from .base import Panel

KIND_ICON = {"nan": "⛔", "vanishing": "▼", "exploding": "▲", "saturation": "◆"}
HEALTHY_RATIO = (1e-4, 1e-2)
BAND_DECADES = 12  # how far the bands reach beyond their edge (log10 units)
LABEL_FILL = (255, 255, 255, 190)  # behind the band names


class GradientsPanel(Panel):
    panel_id = "gradients"
    needs_layer_types = Panel.WEIGHTED

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Gradient health")
        self.readout = S.quiet_label()
        self.toolbar.addWidget(self.readout, 1)
        self.finish_toolbar(stretch=False)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            f"background: {S.WARNING_BG}; color: {S.WARNING}; border: 1px solid {S.WARNING};"
            "border-radius: 3px; padding: 4px 8px;")
        self.banner.setVisible(False)
        self.content_layout.addWidget(self.banner)
        self.view = self.add_graphics()
        self.legend = S.legend_row(self.view.ci, row=0, columns=10)
        gp = self.norm_plot = self.view.addPlot(row=1, col=0)
        S.style_plot(gp, bottom=self.tr("training step"),
                     left=self.tr("gradient norm ||dL/dθ||"))
        gp.setLogMode(x=False, y=True)
        # bands in log10 units (the plot is in log mode: items live in log10 coordinates)
        self.vanishing_band = pg.LinearRegionItem(values=(-20, -3), orientation="horizontal",
                                                  brush=S.VANISHING, pen=S.pen((0, 0, 0, 0)),
                                                  movable=False)
        self.exploding_band = pg.LinearRegionItem(
            values=(math.log10(EXPLODING_MIN_NORM), math.log10(EXPLODING_MIN_NORM) + 20),
            orientation="horizontal", brush=S.EXPLODING, pen=S.pen((0, 0, 0, 0)), movable=False)
        for band in (self.vanishing_band, self.exploding_band):
            band.setZValue(-10)
            gp.addItem(band, ignoreBounds=True)
        # the band names on a light backing above the curves, so a curve never hides them
        self.vanishing_text = pg.TextItem(self.tr("vanishing"), color="#1a4fa0", anchor=(0, 0),
                                          fill=LABEL_FILL)
        self.exploding_text = pg.TextItem(self.tr("exploding"), color="#a32020", anchor=(0, 1),
                                          fill=LABEL_FILL)
        for t in (self.vanishing_text, self.exploding_text):
            t.setFont(S.font(S.TICK_FONT_PT, bold=True))
            t.setZValue(15)
            gp.addItem(t, ignoreBounds=True)
        rp = self.ratio_plot = self.view.addPlot(row=2, col=0)
        S.style_plot(rp, bottom=self.tr("training step"),
                     left=self.tr("update / weight ||Δθ||/||θ||"))
        rp.setLogMode(x=False, y=True)
        rp.setXLink(gp)
        self.healthy_band = pg.LinearRegionItem(
            values=tuple(math.log10(v) for v in HEALTHY_RATIO), orientation="horizontal",
            brush=S.HEALTHY, pen=S.pen((0, 0, 0, 0)), movable=False)
        self.healthy_band.setZValue(-10)
        rp.addItem(self.healthy_band, ignoreBounds=True)
        self.healthy_text = pg.TextItem(self.tr("healthy ≈ 1e-3"), color="#1e7b34", anchor=(0, 0),
                                        fill=LABEL_FILL)
        self.healthy_text.setFont(S.font(S.TICK_FONT_PT, bold=True))
        self.healthy_text.setZValue(15)
        rp.addItem(self.healthy_text, ignoreBounds=True)
        self.view.ci.layout.setRowStretchFactor(1, 3)
        self.view.ci.layout.setRowStretchFactor(2, 2)
        self.x_range = S.StickyRange(gp, "x", zero=True)
        self.norm_range = S.StickyRange(gp, "y", log=True)
        self.ratio_range = S.StickyRange(rp, "y", log=True)
        self._band_key = None
        self.norm_curves: dict[str, pg.PlotDataItem] = {}
        self.ratio_curves: dict[str, pg.PlotDataItem] = {}
        self.flags: dict[str, pg.TextItem] = {}
        self.warnings: tuple = ()
        self._layers: tuple = ()
        self._versions = None
        self.set_relevant(False, self.tr("Gradient health appears when the network has a layer "
                                         "with weights."))

    # -- structure ----------------------------------------------------------------------------------
    def _ensure_curves(self, names: tuple) -> None:
        if names == self._layers:
            return
        for plot, d in ((self.norm_plot, self.norm_curves), (self.ratio_plot, self.ratio_curves)):
            for c in d.values():
                plot.removeItem(c)
            d.clear()
        for t in self.flags.values():
            self.norm_plot.removeItem(t)
        self.flags.clear()
        self.legend.clear()
        colors = S.depth_colors(len(names))
        for name, col in zip(names, colors):
            self.norm_curves[name] = S.live_curve(self.norm_plot, col, 1.0, name=name, log_y=True,
                                                  legend=self.legend)
            self.ratio_curves[name] = S.live_curve(self.ratio_plot, col, 1.0, log_y=True)
        self._layers = names
        self._versions = None

    def carries_data(self, snap) -> bool:
        return any(l.params for l in snap.layers)

    # -- drawing ----------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        names = tuple(l.name for l in snap.layers if l.params)
        self._ensure_curves(names)
        h = self.history.layers
        versions = tuple(h[n]["grad_norm"].version if n in h else -1 for n in names)
        if versions != self._versions:
            self._versions = versions
            lims = []
            for n in names:
                d = h.get(n)
                if d is None or not len(d["grad_norm"]):
                    continue
                g, r = d["grad_norm"], d["update_ratio"]
                gy, ry = np.maximum(g.y, 1e-30), np.maximum(r.y, 1e-30)
                self.norm_curves[n].set_values(g.x, gy)
                self.ratio_curves[n].set_values(r.x, ry)
                lims.append((g.x[0], g.x[-1], gy.min(), gy.max(), ry.min(), ry.max()))
            if lims:
                L = np.array(lims)
                self.x_range.fit(L[:, 0].min(), L[:, 1].max())
                self.norm_range.fit(L[:, 2].min(), L[:, 3].max())
                self.ratio_range.fit(L[:, 4].min(), L[:, 5].max())
        self._update_bands(snap)
        self._update_warnings(snap)
        self._place_flags()
        top = [l for l in snap.layers if l.params]
        if top:
            S.set_text_if_changed(self.readout, self.tr("global norm {0:.3g}  ·  step {1:,}")
                                  .format(snap.global_grad_norm, snap.step))

    def vanishing_threshold(self, snap) -> float | None:
        """Gradient norm below which a layer counts as vanishing (relative to the top layer)."""
        weighted = [l for l in snap.layers if l.params]
        if len(weighted) < 2 or not weighted[-1].grad_norm > 0:
            return None
        return VANISHING_RATIO * weighted[-1].grad_norm

    def _update_bands(self, snap) -> None:
        thr = self.vanishing_threshold(snap)
        vb = self.norm_plot.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        # the band's edge follows the top layer's gradient, in steps of 1/20 decade (moving it
        # a hair every frame would repaint the whole plot for nothing)
        t = round(math.log10(thr) * 20) / 20 if thr else None
        key = (t, x0, y0, y1, self.ratio_plot.getViewBox().viewRange()[0][0])
        if key == self._band_key:
            return
        self._band_key = key
        self.vanishing_band.setVisible(thr is not None)
        self.vanishing_text.setVisible(thr is not None)
        if t is not None:
            self.vanishing_band.setRegion((t - BAND_DECADES, t))
            self.vanishing_text.setPos(x0, t)
        e = math.log10(EXPLODING_MIN_NORM)
        self.exploding_text.setPos(x0, max(e, y0))
        self.exploding_text.setVisible(y1 > e)
        (rx0, _), _ = self.ratio_plot.getViewBox().viewRange()
        self.healthy_text.setPos(rx0, math.log10(HEALTHY_RATIO[1]))

    def _update_warnings(self, snap) -> None:
        ws = tuple(snap.warnings)
        if ws == self.warnings:
            return
        self.warnings = ws
        if ws:
            lines = []
            for w in ws:
                icon = KIND_ICON.get(w.kind, "!")
                text = f"<b>{icon} {_esc(diagnosis_text(w.message))}</b>"
                if w.advice:
                    text += ("<br><span style='color:#5f2120'>"
                             f"{_esc(diagnosis_text(w.advice))}</span>")
                lines.append(text)
            self.banner.setText("<br>".join(lines))
        self.banner.setVisible(bool(ws))
        for t in self.flags.values():
            self.norm_plot.removeItem(t)
        self.flags.clear()
        for w in ws:
            if w.layer and w.layer in self.norm_curves and w.layer not in self.flags:
                g = self.history.layers.get(w.layer, {}).get("grad_norm")
                if g is None or not len(g):
                    continue
                kind = self.kind_name(w.kind)
                t = pg.TextItem(f"{KIND_ICON.get(w.kind, '!')} {w.layer}: {kind}",
                                color=S.WARNING, anchor=(1, 1), fill=(255, 255, 255, 200))
                t.setFont(S.font(S.TICK_FONT_PT, bold=True))
                self.norm_plot.addItem(t, ignoreBounds=True)
                self.flags[w.layer] = t
        for name, c in self.norm_curves.items():
            c.setPen(S.pen(S.depth_colors(len(self._layers))[self._layers.index(name)],
                           2.0 if name in self.flags else 1.0))

    def kind_name(self, kind: str) -> str:
        """A diagnosis kind ("vanishing", ...) in the interface language."""
        names = {"nan": self.tr("NaN"), "vanishing": self.tr("vanishing"),
                 "exploding": self.tr("exploding"), "saturation": self.tr("saturation")}
        return names.get(kind, kind)

    def _place_flags(self) -> None:
        (_, _), (y0, y1) = self.norm_plot.getViewBox().viewRange()
        for name, t in self.flags.items():
            g = self.history.layers.get(name, {}).get("grad_norm")
            if g is not None and len(g):
                y = math.log10(max(g.y[-1], 1e-30))
                # above the curve's end, or below it when that is near the top (the text would
                # be cut off at the plot's edge)
                anchor = (1, 0) if y > y0 + 0.6 * (y1 - y0) else (1, 1)
                if tuple(t.anchor) != anchor:
                    t.setAnchor(anchor)
                t.setPos(float(g.x[-1]), y)

    def warning_text(self) -> str:
        return self.banner.text() if self.banner.isVisibleTo(self) else ""

    def clear(self) -> None:
        super().clear()
        self._versions = None
        self._band_key = None
        for r in (self.x_range, self.norm_range, self.ratio_range):
            r.reset()
        for d in (self.norm_curves, self.ratio_curves):
            for c in d.values():
                c.clear_values()
        self.warnings = ()
        self.banner.setVisible(False)
        for t in self.flags.values():
            self.norm_plot.removeItem(t)
        self.flags.clear()


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
