"""LSTM gates: "what is the forget gate doing?"

The probe sequence (the first validation sample) is run through the network at every snapshot and
each LSTM's internals are drawn as units x time heatmaps: the forget, input and output gates
(viridis, 0 = closed, 1 = open), the candidate ``C~_t``, the cell state ``C_t`` and the hidden
state ``h_t`` (orange negative / blue positive). The input sequence is drawn above them on the same
time axis (text: its characters). At the bottom, the fraction of saturated gate values (below 0.05
or above 0.95, where the sigmoid's derivative is ~0) against the training step: gates that learned
to switch hard saturate on purpose; all of them saturated from the start means they cannot learn.

A SimpleRNN has no gates: its hidden state is shown alone.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QComboBox, QLabel

from ...training.history import GATE_HIGH, GATE_LOW
from .. import plot_style as S
from ..i18n import data_name
from .base import Panel

GATES = ("forget", "input", "output")
STATES = ("candidate", "cell", "hidden")
MAX_INPUT_CURVES = 4


class GatesPanel(Panel):
    needs_layer_types = frozenset({"SimpleRNN", "LSTM"})
    panel_id = "gates"
    max_hz = 10.0  # slow-changing picture: fewer drawings, same information

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("LSTM gates")
        self.toolbar.addWidget(QLabel(self.tr("Layer")))
        self.layer_box = QComboBox()
        self.layer_box.currentIndexChanged.connect(self._layer_changed)
        self.toolbar.addWidget(self.layer_box)
        self.readout = S.quiet_label()
        self.toolbar.addWidget(self.readout, 1)
        self.finish_toolbar(stretch=False)
        self.view = self.add_graphics()
        v = self.view
        self.titles = {
            "forget": self.tr("forget gate f<sub>t</sub>"),
            "input": self.tr("input gate i<sub>t</sub>"),
            "output": self.tr("output gate o<sub>t</sub>"),
            "candidate": self.tr("candidate C&#771;<sub>t</sub>"),
            "cell": self.tr("cell state C<sub>t</sub>"),
            "hidden": self.tr("hidden state h<sub>t</sub>"),
        }
        ip = self.input_plot = v.addPlot(row=0, col=0, colspan=3)
        S.style_plot(ip, left=self.tr("input"),
                     title=self.tr("probe sequence (input x<sub>t</sub>)"))
        ip.setMouseEnabled(x=False, y=False)
        self.input_title = self.tr("probe sequence (input x<sub>t</sub>)")
        self.input_curves: list[pg.PlotDataItem] = []
        self.input_image = S.image_item("sequential")
        ip.addItem(self.input_image)
        self.input_chars: list[pg.TextItem] = []
        self.plots: dict[str, pg.PlotItem] = {}
        self.images: dict[str, pg.ImageItem] = {}
        for r, names in ((1, GATES), (2, STATES)):
            for c, name in enumerate(names):
                p = v.addPlot(row=r, col=c)
                S.style_plot(p, bottom=self.tr("time step t"), grid=False)
                p.setTitle(self.titles[name], color=S.FOREGROUND, size=f"{S.TITLE_FONT_PT}pt")
                p.setMouseEnabled(x=False, y=False)
                if c == 0:
                    p.setLabel("left", self.tr("unit"), **S.label_style())
                img = S.image_item("sequential" if r == 1 else "diverging")
                p.addItem(img)
                self.plots[name], self.images[name] = p, img
        self.gate_bar = S.color_bar("sequential", (0.0, 1.0))
        v.addItem(self.gate_bar, row=1, col=3)
        self.state_bar = S.color_bar("diverging", (-1.0, 1.0))
        v.addItem(self.state_bar, row=2, col=3)
        sp = self.sat_plot = v.addPlot(row=3, col=0, colspan=3)
        S.style_plot(sp, bottom=self.tr("training step"), left=self.tr("saturated (%)"),
                     title=self.tr("saturated gates: values &lt; {0} or &gt; {1} on the probe "
                                   "sequence").format(GATE_LOW, GATE_HIGH))
        self.sat_y = S.StickyRange(sp, "y", zero=True)
        self.sat_y.fit(0.0, 5.0)
        self.sat_legend = S.legend_row(v.ci, row=4, colspan=3)
        gate_names = {"forget": self.tr("forget gate"), "input": self.tr("input gate"),
                      "output": self.tr("output gate")}
        self.sat_curves = {g: S.live_curve(sp, S.GATE_COLORS[g], 1.0, name=gate_names[g],
                                           legend=self.sat_legend) for g in GATES}
        lay = v.ci.layout
        for r, f in ((0, 2), (1, 3), (2, 3), (3, 2)):
            lay.setRowStretchFactor(r, f)
        self.levels: dict[str, tuple] = {}
        self._rects: dict = {}
        self._titles: dict = {}
        self._input_drawn = None
        self.sat_range = S.StickyRange(sp, "x", zero=True)
        self._sat_version = None
        self._input_shape = None
        self.set_relevant(False, self.tr("LSTM gates appear when the network has an LSTM layer "
                                         "(a SimpleRNN shows its hidden state here)."))

    # -- relevance / structure -------------------------------------------------------------------
    def carries_data(self, snap) -> bool:
        return bool((snap.probe or {}).get("layers"))

    def _sync_layers(self, names) -> None:
        have = [self.layer_box.itemData(i) for i in range(self.layer_box.count())]
        if list(names) == have:
            return
        cur = self.layer_box.currentData()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        for n in names:
            self.layer_box.addItem(n, n)
        i = self.layer_box.findData(cur)
        self.layer_box.setCurrentIndex(max(0, i))
        self.layer_box.blockSignals(False)

    def _layer_changed(self, *_):
        self._sat_version = None
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot, force=True)

    @property
    def layer(self) -> str | None:
        return self.layer_box.currentData()

    # -- drawing ------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        probe = snap.probe or {}
        layers = probe.get("layers") or {}
        if layers:
            self._sync_layers(list(layers))
            name = self.layer
            tr = layers.get(name) or next(iter(layers.values()))
            self._draw_traces(tr)
            if "input" in probe:
                self._draw_input(np.asarray(probe["input"]))
        self._draw_saturation()

    def _draw_traces(self, tr: dict) -> None:
        gated = "forget" in tr
        for name in GATES + STATES:
            a = tr.get(name)
            p = self.plots[name]
            show = a is not None
            if p.isVisible() != show:
                p.setVisible(show)
            if not show:
                continue
            a = np.asarray(a)
            u, T = a.shape
            if name in GATES:
                lv = (0.0, 1.0)
            elif name == "cell":
                m = float(np.abs(a).max()) if a.size else 1.0
                lv = (-max(m, 1e-6), max(m, 1e-6))
                title = self.titles["cell"] + f"  (±{lv[1]:.2g})"
                if self._titles.get("cell") != title:
                    self._titles["cell"] = title
                    p.setTitle(title, color=S.FOREGROUND, size=f"{S.TITLE_FONT_PT}pt")
            else:
                lv = (-1.0, 1.0)
            self.levels[name] = lv
            img = self.images[name]
            img.setImage(S.as_image(a), autoLevels=False, levels=lv)
            # column t centred on x = t, like the input plot's points; unit k on y = k
            rect = QRectF(-0.5, -0.5, T, u)
            if S.set_rect_if_changed(img, rect, self._rects, name):
                p.getViewBox().setRange(rect, padding=0)
        if self.gate_bar.isVisible() != gated:
            self.gate_bar.setVisible(gated)
            self.sat_plot.setVisible(gated)
        if gated:
            f = np.asarray(tr["forget"])
            S.set_text_if_changed(self.readout, self.tr("mean forget gate {0:.2f}").format(
                float(f.mean())))
        else:
            S.set_text_if_changed(self.readout, self.tr("SimpleRNN: no gates, hidden state only"))

    def _draw_input(self, x: np.ndarray) -> None:
        """x: (T, F)."""
        T, F = x.shape
        if self._input_drawn is not None and self._input_drawn.shape == x.shape \
                and np.array_equal(self._input_drawn, x):
            return  # the probe sequence is the same every time: draw it once
        self._input_drawn = x.copy()
        vocab = self.context.meta.get("vocab")
        shape = (T, F, bool(vocab))
        p = self.input_plot
        if shape != self._input_shape:
            self._input_shape = shape
            for c in self.input_curves:
                p.removeItem(c)
            self.input_curves = []
            for t in self.input_chars:
                p.removeItem(t)
            self.input_chars = []
            if vocab and F == len(vocab):
                for t in range(T):
                    ti = pg.TextItem("", color=S.FOREGROUND, anchor=(0.5, 0.5))
                    ti.setFont(S.font(S.LABEL_FONT_PT, bold=True))
                    p.addItem(ti)
                    self.input_chars.append(ti)
                p.setYRange(0, 1)
                p.hideAxis("left")
            elif F <= MAX_INPUT_CURVES:
                feats = self.context.meta.get("feature_names") or []
                for k in range(F):
                    col = S.CLASS_COLORS[k % len(S.CLASS_COLORS)] if F > 1 else S.FOREGROUND
                    c = p.plot([], [], pen=S.pen(col, 2.0), symbol="o", symbolSize=4,
                               symbolBrush=col, symbolPen=None)
                    self.input_curves.append(c)
                # the features' names in the title, in their colours (a legend box would sit
                # on the curves)
                names = [f"<span style='color:{S.CLASS_COLORS[k % len(S.CLASS_COLORS)]}'>"
                         f"&#9473; {data_name(feats[k])}</span>"
                         for k in range(min(F, len(feats)))]
                title = self.input_title + (":&nbsp;&nbsp;" + "&nbsp;&nbsp;".join(names)
                                            if F > 1 and names else "")
                p.setTitle(title, color=S.FOREGROUND, size=f"{S.TITLE_FONT_PT}pt")
                p.showAxis("left")
            else:
                p.showAxis("left")
            self.input_image.setVisible(not vocab and F > MAX_INPUT_CURVES)
        t = np.arange(T, dtype=np.float64)
        if self.input_chars:
            idx = x.argmax(axis=1)
            for k, ti in enumerate(self.input_chars):
                ch = vocab[int(idx[k])]
                ti.setText({"\n": "⏎", " ": "␣"}.get(ch, ch))
                ti.setPos(float(t[k]), 0.5)
        elif self.input_curves:
            for k, c in enumerate(self.input_curves):
                c.setData(t, x[:, k])
        else:
            img = S.as_image(x.T)
            self.input_image.setImage(img, autoLevels=False,
                                      levels=(float(img.min()), float(img.max()) or 1.0))
            self.input_image.setRect(QRectF(-0.5, -0.5, T, F))
        p.setXRange(-0.5, T - 0.5, padding=0)

    def _draw_saturation(self) -> None:
        sat = self.history.gate_saturation.get(self.layer or "")
        if sat is None:
            return
        v = sat["all"].version
        if v == self._sat_version:
            return
        self._sat_version = v
        for g, c in self.sat_curves.items():
            s = sat[g]
            c.set_values(s.x, 100.0 * s.y)
        s = sat["all"]
        if len(s):
            self.sat_range.fit(float(s.x[0]), float(s.x[-1]))
            top = max(float(sat[g].hi.max()) for g in GATES if len(sat[g]))
            self.sat_y.fit(0.0, max(5.0, 100.0 * top))

    def clear(self) -> None:
        super().clear()
        self._sat_version = None
        self._input_drawn = None
        self.sat_range.reset()
        self.sat_y.reset()
        self.sat_y.fit(0.0, 5.0)
        for c in self.sat_curves.values():
            c.clear_values()
        for img in self.images.values():
            img.clear()
        self.readout.setText("")
