"""Weight heatmaps: "what has each layer learned, and are its weights healthy?"

One heatmap per weight matrix (an LSTM: one per gate, its input weights ``Wx`` stacked over its
recurrent weights ``Wh``), rows = inputs ``i``, columns = units ``j``, orange negative, blue
positive, white zero, with symmetric levels ``±max|W|`` so white always means 0. Beside it, the
histogram of the same weights over the same colour strip: a spread that collapses to a spike at 0
or grows without bound shows at a glance. Hovering shows ``W[i, j]`` and its value.

For image data (``meta["image_shape"]``, the 8x8 digits) the first layer is drawn as one small
image per unit: the pattern of input pixels that unit responds to.

Big matrices are shown block-averaged down to what the screen can show (the hover still reads the
exact weight); the histogram of a big matrix is computed from an even subsample of 32,768 weights.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QLabel, QScrollArea

from .. import plot_style as S
from ..i18n import translate
from .base import Panel

HIST_BINS = 41
HIST_SAMPLE = 32768
MAX_DISPLAY = 256     # rows/columns of a displayed heatmap before block-averaging
ROW_HEIGHT = 170      # pixels per heatmap row


def fast_histogram(a: np.ndarray, m: float, bins: int = HIST_BINS, sample: int = HIST_SAMPLE):
    """Percent of the values of ``a`` in ``bins`` equal bins over ``[-m, m]`` (an even subsample
    of at most ``sample`` values). Returns ``(edges, percent)``."""
    flat = a.ravel()
    if flat.size > sample:
        flat = flat[::int(math.ceil(flat.size / sample))]
    edges = np.linspace(-m, m, bins + 1)
    if not flat.size or m <= 0:
        return edges, np.zeros(bins)
    idx = ((flat + m) * (bins / (2 * m))).astype(np.intp)
    np.clip(idx, 0, bins - 1, out=idx)
    counts = np.bincount(idx, minlength=bins)[:bins]
    return edges, counts * (100.0 / flat.size)


def block_mean(a: np.ndarray, max_rows: int, max_cols: int) -> np.ndarray:
    """``a`` averaged over blocks so that it has at most ``max_rows`` x ``max_cols`` entries
    (rows/columns that do not fill a whole block are averaged on their own)."""
    r, c = a.shape
    fr = max(1, math.ceil(r / max_rows))
    fc = max(1, math.ceil(c / max_cols))
    if fr == 1 and fc == 1:
        return a
    R, C = math.ceil(r / fr), math.ceil(c / fc)
    if R * fr != r or C * fc != c:
        pad = np.full((R * fr, C * fc), np.nan, dtype=np.float32)
        pad[:r, :c] = a
        return np.nanmean(pad.reshape(R, fr, C, fc), axis=(1, 3))
    return a.reshape(R, fr, C, fc).mean(axis=(1, 3))


def tile_images(W: np.ndarray, image_shape) -> tuple[np.ndarray, int]:
    """``W (pixels, units)`` as a grid of ``image_shape`` tiles (one per unit) separated by NaN
    gaps of one pixel. Returns ``(image, columns)``."""
    h, w = image_shape
    u = W.shape[1]
    cols = max(1, math.ceil(math.sqrt(u)))
    rows = math.ceil(u / cols)
    tiles = np.full((rows * cols, h + 1, w + 1), np.nan, dtype=np.float32)
    tiles[:u, :h, :w] = W.T.reshape(u, h, w)
    img = tiles.reshape(rows, cols, h + 1, w + 1).transpose(0, 2, 1, 3)
    img = img.reshape(rows * (h + 1), cols * (w + 1))[:-1, :-1]
    return np.ascontiguousarray(img), cols


class WeightEntry:
    """One heatmap + histogram row: ``key`` ("dense1.W", "lstm1.forget"), what it shows."""

    def __init__(self, panel, key: str, layer: str, label: str, kind: str = "matrix",
                 split: int | None = None, image_shape=None):
        self.key, self.layer, self.label, self.kind = key, layer, label, kind
        self.split = split            # Wx rows above this row, Wh rows below (recurrent)
        self.image_shape = image_shape
        self.values: np.ndarray | None = None   # the exact matrix (inputs, units)
        self.levels = (-1.0, 1.0)
        self.tile_cols = 1
        self.plot = pg.PlotItem()
        S.style_plot(self.plot, grid=False)
        self.plot.setTitle(label, color=S.FOREGROUND, size=f"{S.TITLE_FONT_PT}pt")
        self.plot.invertY(True)
        self.plot.setMouseEnabled(x=False, y=False)
        if kind == "tiles":
            self.plot.hideAxis("left")
            self.plot.hideAxis("bottom")
            self.plot.getViewBox().setAspectLocked(True)
            # grey behind the tiles only: it shows through the one-pixel gaps between them
            self.backdrop = QGraphicsRectItem(0, 0, 1, 1)
            self.backdrop.setBrush(pg.mkBrush(S.TILE_GAP))
            self.backdrop.setPen(pg.mkPen(None))
            self.backdrop.setZValue(-1)
            self.plot.addItem(self.backdrop)
        else:
            # in the panel's context (lupdate files ``panel.tr`` under this class's name)
            self.plot.setLabel("left", translate("WeightsPanel", "input i"), **S.label_style())
            self.plot.setLabel("bottom", translate("WeightsPanel", "unit j"), **S.label_style())
        self.image = S.image_item("diverging")
        self.plot.addItem(self.image)
        self.sep = None
        if split is not None:
            self.sep = pg.InfiniteLine(pos=split - 0.5, angle=0, pen=S.pen(S.FOREGROUND, 1.5))
            self.plot.addItem(self.sep)
        hp = self.hist = pg.PlotItem()
        S.style_plot(hp, bottom=translate("WeightsPanel", "weight"), left="%", grid=False)
        hp.setMouseEnabled(x=False, y=False)
        hp.setFixedWidth(170)
        self.bars = pg.PlotCurveItem(x=np.array([-1.0, 1.0]), y=np.zeros(1), stepMode="center",
                                     fillLevel=0, pen=S.pen("#555555"),
                                     brush=(90, 90, 90, 110), antialias=False)
        hp.addItem(self.bars)
        self.strip = pg.ImageItem(axisOrder="row-major")
        self.strip.setLookupTable(S.lut("diverging"))
        # the strip is a fixed ramp over [-1, 1]; set_rect stretches it over [-m, m]
        self.strip.setImage(np.linspace(-1, 1, 128, dtype=np.float32)[None, :],
                            autoLevels=False, levels=(-1, 1))
        hp.addItem(self.strip)
        self._strip_h = 0.1
        hp.addLine(x=0, pen=S.pen("#999999"))
        self.hist_edges = None
        self.hist_percent = None
        self._rects: dict = {}
        self.hist_x = S.StickyRange(hp, "x")
        self.hist_y = S.StickyRange(hp, "y", zero=True)

    def items(self):
        return self.plot, self.hist

    def update(self, W: np.ndarray) -> None:
        self.values = W
        m = max(abs(float(W.min())), abs(float(W.max()))) if W.size else 0.0
        if not math.isfinite(m):
            finite = W[np.isfinite(W)]
            m = float(np.abs(finite).max()) if finite.size else 1.0
        m = max(m, 1e-12)
        self.levels = (-m, m)
        if self.kind == "tiles":
            img, self.tile_cols = tile_images(W, self.image_shape)
            rect = QRectF(0, 0, img.shape[1], img.shape[0])
        else:
            img = block_mean(W.astype(np.float32, copy=False), MAX_DISPLAY, MAX_DISPLAY)
            # cell (i, j) centred on the integer coordinates, so ticks name rows and columns
            rect = QRectF(-0.5, -0.5, W.shape[1], W.shape[0])
        self.image.setImage(S.as_image(img), autoLevels=False, levels=self.levels)
        if S.set_rect_if_changed(self.image, rect, self._rects, "image"):
            self.plot.getViewBox().setRange(rect, padding=0)
            if self.kind == "tiles":
                self.backdrop.setRect(rect)
        edges, pct = fast_histogram(W, m)
        self.hist_edges, self.hist_percent = edges, pct
        self.bars.setData(edges, pct)
        # the axes move only in rounded steps (see StickyRange); the colour strip under the
        # bars spans exactly the image's levels, so it is the heatmap's colour key
        self.hist_x.fit(-m, m)
        top = max(float(pct.max()) if pct.size else 1.0, 1.0)
        moved = self.hist_y.fit(0.0, top)
        if moved or "strip" not in self._rects:
            a, b = self.hist_y.range or (0.0, top)
            self.hist.setYRange(-0.12 * b, b, padding=0)
            self._strip_h = 0.1 * b
        h = self._strip_h
        S.set_rect_if_changed(self.strip, QRectF(-m, -1.1 * h, 2 * m, h), self._rects, "strip")

    def index_at(self, x: float, y: float):
        """Matrix indices ``(i, j)`` (input, unit) under image coordinates (x, y), or None."""
        if self.values is None:
            return None
        if self.kind == "tiles":
            h, w = self.image_shape
            tc, tr = int(x // (w + 1)), int(y // (h + 1))
            px, py = int(x - tc * (w + 1)), int(y - tr * (h + 1))
            if not (0 <= px < w and 0 <= py < h) or tc >= self.tile_cols or x < 0 or y < 0:
                return None
            j = tr * self.tile_cols + tc
            i = py * w + px
        else:
            i, j = int(math.floor(y)), int(math.floor(x))  # image pixel coordinates
        if 0 <= i < self.values.shape[0] and 0 <= j < self.values.shape[1]:
            return i, j
        return None


class WeightsPanel(Panel):
    panel_id = "weights"
    max_hz = 10.0  # slow-changing picture: fewer drawings, same information
    needs_layer_types = Panel.WEIGHTED

    def __init__(self, history=None, parent=None):
        super().__init__(history, parent)
        self.title = self.tr("Weights")
        self.toolbar.addWidget(QLabel(self.tr("Layer")))
        self.layer_box = QComboBox()
        self.layer_box.addItem(self.tr("All layers"), "")
        self.layer_box.currentIndexChanged.connect(self._relayout)
        self.toolbar.addWidget(self.layer_box)
        self.finish_toolbar()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.view = S.graphics_layout()
        self.scroll.setWidget(self.view)
        self.content_layout.addWidget(self.scroll, 1)
        self.hover_label = QLabel(" ")
        self.hover_label.setStyleSheet(f"color: {S.FOREGROUND}; padding: 2px 6px;")
        self.content_layout.addWidget(self.hover_label)
        self.entries: dict[str, WeightEntry] = {}
        self._signature = None
        self.view.scene().sigMouseMoved.connect(self._mouse_moved)
        self.set_relevant(False, self.tr("Weights appear when the network has a layer with "
                                         "weights (Dense, SimpleRNN, LSTM)."))

    # -- structure -----------------------------------------------------------------------------------
    def _entries_for(self, snap) -> list[tuple]:
        """(key, layer, label, kind, split, image_shape, getter) for every heatmap."""
        out = []
        image_shape = self.context.image_shape
        first_dense = True
        for l in snap.layers:
            p = l.params
            if l.type == "Dense" and "W" in p:
                n_in, n_out = p["W"].shape
                if first_dense and image_shape and n_in == image_shape[0] * image_shape[1]:
                    out.append((f"{l.name}.W", l.name,
                                self.tr("{0}: what each of its {1} units looks for in the "
                                        "{2}x{3} image").format(l.name, n_out, *image_shape),
                                "tiles", None, image_shape, lambda L: L.params["W"]))
                else:
                    out.append((f"{l.name}.W", l.name,
                                self.tr("{0}.W  ({1} inputs x {2} units)").format(
                                    l.name, n_in, n_out),
                                "matrix", None, None, lambda L: L.params["W"]))
                first_dense = False
            elif l.type == "LSTM" and "Wx" in p:
                n_in = p["Wx"].shape[0]
                u = p["Wh"].shape[0]
                for k, gate in enumerate(("forget", "input", "candidate", "output")):
                    s = slice(k * u, (k + 1) * u)
                    out.append((f"{l.name}.{gate}", l.name,
                                self.tr("{0}: {1}  (Wx above the line, Wh below)").format(
                                    l.name, self.gate_name(gate)),
                                "matrix", n_in, None,
                                lambda L, s=s: np.vstack((L.params["Wx"][:, s],
                                                          L.params["Wh"][:, s]))))
            elif "Wx" in p and "Wh" in p:
                n_in = p["Wx"].shape[0]
                out.append((f"{l.name}.W", l.name,
                            self.tr("{0}  (Wx above the line, Wh below)").format(l.name),
                            "matrix", n_in, None,
                            lambda L: np.vstack((L.params["Wx"], L.params["Wh"]))))
            elif p:
                for k, v in p.items():
                    if getattr(v, "ndim", 0) == 2:
                        out.append((f"{l.name}.{k}", l.name, f"{l.name}.{k}", "matrix", None,
                                    None, lambda L, k=k: L.params[k]))
        return out

    def _rebuild(self, specs) -> None:
        self.view.ci.clear()
        self.entries.clear()
        current = self.layer_box.currentData()
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItem(self.tr("All layers"), "")
        seen = []
        for key, layer, label, kind, split, ishape, getter in specs:
            self.entries[key] = WeightEntry(self, key, layer, label, kind, split, ishape)
            self.entries[key].getter = getter
            if layer not in seen:
                seen.append(layer)
                self.layer_box.addItem(layer, layer)
        i = self.layer_box.findData(current)
        self.layer_box.setCurrentIndex(max(0, i))
        self.layer_box.blockSignals(False)
        self._relayout(redraw=False)

    def _relayout(self, *_, redraw: bool = True):
        sel = self.layer_box.currentData() or ""
        self.view.ci.clear()
        row = 0
        for e in self.entries.values():
            if sel and e.layer != sel:
                continue
            self.view.addItem(e.plot, row=row, col=0)
            self.view.addItem(e.hist, row=row, col=1)
            row += 1
        height = ROW_HEIGHT * (1.8 if sel else 1.0)
        if any(e.kind == "tiles" and (not sel or e.layer == sel) for e in self.entries.values()):
            row += 1.5  # the digit grid gets more room
        self.view.setMinimumHeight(int(max(1, row) * height))
        if redraw and self.snapshot is not None:  # the user picked a layer
            self.show_snapshot(self.snapshot, force=True)

    def visible_entries(self) -> list[WeightEntry]:
        sel = self.layer_box.currentData() or ""
        return [e for e in self.entries.values() if not sel or e.layer == sel]

    # -- drawing --------------------------------------------------------------------------------------
    def draw(self, snap) -> None:
        specs = self._entries_for(snap)
        sig = tuple((s[0], s[2], s[3]) for s in specs)
        if sig != self._signature:
            self._signature = sig
            self._rebuild(specs)
        by_name = {l.name: l for l in snap.layers}
        for e in self.visible_entries():
            L = by_name.get(e.layer)
            if L is not None:
                e.update(np.asarray(e.getter(L)))

    def set_context(self, context) -> None:
        super().set_context(context)
        self._signature = None

    def carries_data(self, snap) -> bool:
        return any(l.params for l in snap.layers)

    def clear(self) -> None:
        super().clear()
        self.hover_label.setText(" ")

    # -- hover ---------------------------------------------------------------------------------------
    def describe(self, key: str, i: int, j: int) -> str:
        e = self.entries[key]
        v = float(e.values[i, j])
        if e.kind == "tiles":
            h, w = e.image_shape
            return self.tr("{0}: unit j={1}, pixel (row {2}, col {3}) = input i={4}:  "
                           "W[{4}, {1}] = {5:+.4g}").format(e.layer, j, i // w, i % w, i, v)
        if e.split is not None:
            which, ii = ("Wx", i) if i < e.split else ("Wh", i - e.split)
            gate = key.split(".", 1)[1] if key.endswith(("forget", "input", "candidate",
                                                         "output")) else ""
            if gate:
                return self.tr("{0}.{1}[{2}, {3}] ({4}) = {5}").format(
                    e.layer, which, ii, j, self.gate_name(gate), f"{v:+.4g}")
            return f"{e.layer}.{which}[{ii}, {j}] = {v:+.4g}"
        return f"{key}[i={i}, j={j}] = {v:+.4g}"

    def gate_name(self, gate: str) -> str:
        """An LSTM gate ("forget", ...) in the interface language: "forget gate"."""
        names = {"forget": self.tr("forget gate"), "input": self.tr("input gate"),
                 "candidate": self.tr("candidate gate"), "output": self.tr("output gate")}
        return names.get(gate, gate)

    def _mouse_moved(self, pos) -> None:
        for key, e in self.entries.items():
            if e.plot.scene() is None or not e.image.sceneBoundingRect().contains(pos):
                continue
            p = e.image.mapFromScene(pos)
            # image pixel coordinates -> matrix coordinates (the image may be block-averaged)
            img = e.image.image
            if img is None:
                continue
            br = e.image.boundingRect()
            sx = e.values.shape[1] / br.width() if e.kind != "tiles" else 1.0
            sy = e.values.shape[0] / br.height() if e.kind != "tiles" else 1.0
            ij = e.index_at(p.x() * sx, p.y() * sy)
            if ij is not None:
                self.hover_label.setText(self.describe(key, *ij))
                return
        self.hover_label.setText(" ")
