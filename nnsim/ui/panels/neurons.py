"""Neuron view: the seed's picture of a network, alive.

Neurons are circles, one column per layer, coloured by their activation for one training sample
(orange negative, white 0, blue positive, each layer on its own symmetric scale); connections are
coloured by the sign of their weight (orange negative, blue positive) and drawn thicker and darker
the larger ``|W|`` (on one scale for the whole network). Neurons that dropout switched off for
that sample are grey. Only small plain stacks of dense layers fit on a screen: larger networks
and networks with recurrent or merge layers get a sentence saying why the view is empty.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from .. import plot_style as S
from ..i18n import data_name
from .base import Panel

MAX_LAYERS = 10   # weighted layers
MAX_UNITS = 32    # per column, inputs included
WIDTHS = (0.6, 1.3, 2.3, 3.6)          # pen widths of the |W| buckets
ALPHAS = (45, 110, 170, 230)
BUCKET_EDGES = (0.15, 0.4, 0.7)        # |W| / max|W| thresholds between buckets
DROPPED = "#d4d4d4"
NODE_SIZE = 15
ALLOWED = {"Dense", "Activation", "Dropout"}


class EdgesItem(pg.GraphicsObject):
    """Line segments in groups of one pen, drawn in device pixels with one ``drawLines`` call a
    group. (pyqtgraph's curves hand Qt the segments in data coordinates with the view's
    transform; Qt then strokes each wide line as a transformed path: ~7 ms a frame for the
    spirals net, against ~1 ms here.) Segments are ``(m, 4)`` arrays ``x0, y0, x1, y1``."""

    def __init__(self):
        super().__init__()
        self._groups: list[tuple] = []
        self._bounds = QRectF()
        self._device: tuple | None = None     # the transform the cached lines were made for
        self._lines: list[tuple] = []

    def set_groups(self, groups) -> None:
        self.prepareGeometryChange()
        self._groups = [(pen, np.asarray(seg, dtype=np.float64).reshape(-1, 4))
                        for pen, seg in groups]
        allseg = [g for _, g in self._groups if len(g)]
        if allseg:
            a = np.concatenate(allseg)
            xs, ys = a[:, 0::2], a[:, 1::2]
            self._bounds = QRectF(QPointF(xs.min(), ys.min()), QPointF(xs.max(), ys.max()))
        else:
            self._bounds = QRectF()
        self._device = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p, *args) -> None:
        t = p.transform()
        key = (t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy())
        if key != self._device:
            self._lines = []
            for pen, seg in self._groups:
                x = seg[:, 0::2] * t.m11() + seg[:, 1::2] * t.m21() + t.dx()
                y = seg[:, 0::2] * t.m12() + seg[:, 1::2] * t.m22() + t.dy()
                dev = np.stack([x[:, 0], y[:, 0], x[:, 1], y[:, 1]], axis=1)
                self._lines.append((pen, [QLineF(*r) for r in dev.tolist()]))
            self._device = key
        p.save()
        p.resetTransform()
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        for pen, lines in self._lines:
            p.setPen(pen)
            p.drawLines(lines)
        p.restore()


def _over_white(color: str, alpha: int) -> QColor:
    """The opaque colour ``color`` at ``alpha`` (0-255) looks like over a white background."""
    c = QColor(color)
    f = alpha / 255.0
    return QColor(*(round(255 - f * (255 - v)) for v in c.getRgb()[:3]))


class NeuronsPanel(Panel):
    panel_id = "neurons"
    max_hz = 5.0  # slow-changing picture with hundreds of lines: fewer drawings, same information

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Neurons")
        self.readout = QLabel(self.tr("activations for one training sample"))
        self.readout.setStyleSheet(f"color: {S.MUTED};")
        self.toolbar.addWidget(self.readout)
        self.finish_toolbar()
        self.view = self.add_graphics()
        p = self.plot = self.view.addPlot()
        S.style_plot(p, grid=False)
        for ax in ("left", "bottom"):
            p.hideAxis(ax)
        p.setMouseEnabled(x=False, y=False)
        #: (sign, |W| bucket) -> pen; the connections of each are drawn with one call
        self.edge_pens = {(sign, b): S.pen(_over_white(color, a), w)
                          for sign, color in ((0, S.NEGATIVE), (1, S.POSITIVE))
                          for b, (w, a) in enumerate(zip(WIDTHS, ALPHAS))}
        self.edges = EdgesItem()
        self.edges.setZValue(1)
        p.addItem(self.edges)
        self._edge_counts: dict = {}   # connections drawn per (sign, bucket), last drawing
        self.nodes = pg.ScatterPlotItem(size=NODE_SIZE, pxMode=True, antialias=True)
        self.nodes.setZValue(20)
        p.addItem(self.nodes)
        self.labels: list[pg.TextItem] = []
        self._structure = None
        self._pos = None               # (N, 2) neuron positions
        self._col_slices: list[slice] = []
        self._brush_cache: dict = {}
        # the same QPen objects every frame: the scatter's symbol cache is keyed by them
        self._node_pens = (S.pen("#555555", 1.0), S.pen("#b0b0b0", 1.0))
        #: per column (input first): RGBA colours of its neurons and the dropped mask, last draw
        self.colors: list[np.ndarray] = []
        self.dropped: list[np.ndarray] = []
        self.columns: list[dict] = []
        self.set_relevant(False, self.tr("The neuron view appears for small networks of dense "
                                         "layers."))

    # -- which networks fit ----------------------------------------------------------------------
    def why_not(self, layers) -> str:
        """Empty if the view can draw ``layers`` ((name, type, n_out) triples), else why not."""
        other = [t for _, t, _ in layers if t not in ALLOWED]
        if other:
            return self.tr("The neuron view draws plain stacks of dense layers; this network has "
                           "a {0} layer. The weight and gradient panels show every layer.").format(
                other[0])
        weighted = [l for l in layers if l[1] == "Dense"]
        if not weighted:
            return self.tr("The neuron view appears when the network has dense layers.")
        if len(weighted) > MAX_LAYERS:
            return self.tr("The neuron view fits networks of up to {0} dense layers; this one "
                           "has {1}.").format(MAX_LAYERS, len(weighted))
        big = max(layers, key=lambda l: l[2] or 0)
        if (big[2] or 0) > MAX_UNITS:
            return self.tr("The neuron view fits layers of up to {0} units; '{1}' has {2}. The "
                           "weight heatmaps show every weight.").format(MAX_UNITS, big[0], big[2])
        return ""

    def set_context(self, context) -> None:
        super().set_context(context)
        self._structure = None
        if not context.layers:
            return
        if any(len(l.inputs) > 1 for l in context.layers):
            self.set_relevant(False, self.tr("The neuron view draws plain stacks of layers; this "
                                             "network has a merge (Add / Concatenate)."))
            return
        layers = [(l.name, l.type, l.params.get("units", 0) if l.type == "Dense" else 0)
                  for l in context.layers]
        reason = self.why_not(layers)
        ds = context.dataset
        if not reason and ds is not None:
            n_in = int(np.prod(ds.input_shape[-1:]))
            if ds.is_sequence:
                reason = self.tr("The neuron view draws networks on plain feature vectors, not "
                                 "sequences.")
            elif n_in > MAX_UNITS:
                reason = self.tr("The neuron view fits up to {0} inputs; this data set has {1}. "
                                 "The weight heatmaps show every weight.").format(MAX_UNITS, n_in)
        self.set_relevant(not reason, reason)

    def _check_snapshot(self, snap) -> str:
        layers = []
        for l in snap.layers:
            if l.type == "Dense":
                layers.append((l.name, l.type, int(l.params["W"].shape[1])))
            else:
                layers.append((l.name, l.type, 0))
        reason = self.why_not(layers)
        if not reason:
            first = next(l for l in snap.layers if l.type == "Dense")
            n_in = first.params["W"].shape[0]
            if n_in > MAX_UNITS:
                reason = self.tr("The neuron view fits up to {0} inputs; this network has {1}. "
                                 "The weight heatmaps show every weight.").format(MAX_UNITS, n_in)
        return reason

    def take(self, snap) -> None:
        # without a project (snapshots only) the snapshot's layers decide, both ways
        if snap is not None and not self.context.layers:
            reason = self._check_snapshot(snap)
            self.set_relevant(not reason, reason or self.reason)
        super().take(snap)

    # -- structure -----------------------------------------------------------------------------------
    def _build(self, snap) -> None:
        """Columns: input, then one per Dense layer; Activation / Dropout layers attach to the
        column before them."""
        cols = []
        for l in snap.layers:
            if l.type == "Dense":
                W = l.params["W"]
                if not cols:
                    cols.append({"name": self.tr("input"), "n": W.shape[0], "layer": None,
                                 "act_from": None, "mask_from": None, "activation": ""})
                cols.append({"name": l.name, "n": W.shape[1], "layer": l.name,
                             "act_from": l.name, "mask_from": None,
                             "activation": l.extra.get("activation", "")})
            elif l.type == "Activation" and cols:
                cols[-1]["act_from"] = l.name
                cols[-1]["activation"] = l.extra.get("activation", "")
            elif l.type == "Dropout" and cols:
                cols[-1]["mask_from"] = l.name
        self.columns = cols
        nmax = max(c["n"] for c in cols)
        pos, slices = [], []
        for k, c in enumerate(cols):
            n = c["n"]
            ys = (np.arange(n) - (n - 1) / 2.0) / max(nmax - 1, 1) * 2.0 if n > 1 else np.zeros(1)
            slices.append(slice(len(pos), len(pos) + n))
            pos.extend((float(k), -float(y)) for y in ys)
        self._pos = np.array(pos)
        self._col_slices = slices
        for t in self.labels:
            self.plot.removeItem(t)
        self.labels = []
        feats = self.context.meta.get("feature_names") or []
        targets = self.context.meta.get("target_names") or []
        for k, c in enumerate(cols):
            text = f"{c['name']}\n{c['activation']}" if c["activation"] else c["name"]
            t = pg.TextItem(text, color=S.FOREGROUND, anchor=(0.5, 1.0))
            t.setFont(S.font(S.TICK_FONT_PT, bold=True))
            t.setPos(float(k), 1.0 + 0.12)
            self.plot.addItem(t)
            self.labels.append(t)
        # names of the inputs and outputs beside their neurons, when short
        for k, names, anchor, dx in ((0, feats, (1.0, 0.5), -0.06),
                                     (len(cols) - 1, targets, (0.0, 0.5), 0.06)):
            if names and len(names) == cols[k]["n"] and all(len(str(s)) <= 12 for s in names):
                for (x, y), s in zip(self._pos[slices[k]], names):
                    t = pg.TextItem(data_name(s), color=S.MUTED, anchor=anchor)
                    t.setFont(S.font(S.TICK_FONT_PT - 1))
                    t.setPos(x + dx, y)
                    self.plot.addItem(t)
                    self.labels.append(t)
        self.plot.setXRange(-0.35, len(cols) - 0.65, padding=0.05)
        self.plot.setYRange(-1.12, 1.32, padding=0)

    def _brush(self, rgba: tuple):
        b = self._brush_cache.get(rgba)
        if b is None:
            b = self._brush_cache[rgba] = pg.mkBrush(*rgba)
        return b

    # -- drawing --------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        sig = tuple((l.name, l.type, tuple(l.params["W"].shape) if "W" in l.params else None)
                    for l in snap.layers)
        if sig != self._structure:
            self._structure = sig
            self._build(snap)
        by_name = {l.name: l for l in snap.layers}
        lut = S.lut("diverging")
        colors, dropped = [], []
        for k, c in enumerate(self.columns):
            n = c["n"]
            rgba = np.full((n, 4), 255, dtype=np.uint8)
            drop = np.zeros(n, dtype=bool)
            L = by_name.get(c["act_from"]) if c["act_from"] else None
            if L is not None and L.activations is not None and L.activations.size:
                a = np.asarray(L.activations[0], dtype=np.float64)[:n]
                m = float(np.abs(a).max()) or 1.0
                idx = np.clip(((a / m) + 1.0) * 127.5, 0, 255).astype(int)
                rgba[:len(a), :3] = lut[idx][:, :3]
            elif k == 0:
                rgba[:, :3] = (238, 238, 238)
            D = by_name.get(c["mask_from"]) if c["mask_from"] else None
            if D is not None and D.dropout_mask is not None and D.dropout_mask.size:
                drop[:] = ~np.asarray(D.dropout_mask[0], dtype=bool)[:n]
                rgba[drop, :3] = QColor(DROPPED).getRgb()[:3]
            colors.append(rgba)
            dropped.append(drop)
        self.colors, self.dropped = colors, dropped
        allc = np.concatenate(colors)
        alld = np.concatenate(dropped)
        brushes = [self._brush(tuple(int(v) for v in c)) for c in allc]
        pens = [self._node_pens[int(d)] for d in alld]
        self.nodes.setData(pos=self._pos, brush=brushes, pen=pens, size=NODE_SIZE)
        self._draw_edges(by_name)

    def _draw_edges(self, by_name) -> None:
        segs = {key: [] for key in self.edge_pens}
        Ws = []
        for k, c in enumerate(self.columns[1:], start=1):
            Ws.append((k, np.asarray(by_name[c["layer"]].params["W"], dtype=np.float64)))
        m = max((float(np.abs(W).max()) for _, W in Ws if W.size), default=1.0) or 1.0
        for k, W in Ws:
            src = self._pos[self._col_slices[k - 1]]
            dst = self._pos[self._col_slices[k]]
            n_in, n_out = W.shape
            bucket = np.searchsorted(BUCKET_EDGES, np.abs(W) / m)
            sign = (W > 0).astype(int)
            ii, jj = np.meshgrid(np.arange(n_in), np.arange(n_out), indexing="ij")
            for key in segs:
                sel = (sign == key[0]) & (bucket == key[1])
                if sel.any():
                    segs[key].append(np.hstack([src[ii[sel]], dst[jj[sel]]]))
        # faint first: the heavier connections are drawn over them
        self.edges.set_groups([(self.edge_pens[key], np.concatenate(parts))
                               for key, parts in sorted(segs.items(), key=lambda kv: kv[0][1])
                               if parts])
        self._edge_counts = {key: sum(len(a) for a in parts) for key, parts in segs.items()}

    def edge_count(self) -> dict:
        """Connections drawn, per (sign, |W| bucket)."""
        return dict(self._edge_counts)

    def clear(self) -> None:
        super().clear()
        self._structure = None
