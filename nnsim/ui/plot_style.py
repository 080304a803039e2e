"""The dashboards' look in one place: palette, colormaps, pens, fonts, and plot factories.

One palette everywhere, chosen for a projector and for colour-blind viewers:

- **sign**: orange = negative, blue = positive (as in TensorFlow Playground): weight heatmaps,
  connections in the neuron view, candidate/cell/hidden heatmaps, the two classes of a 2-D
  decision surface. White is zero.
- **train / validation**: blue / orange curves, in every plot that shows both.
- **depth**: layers get colours along a dark-to-light ramp (first layer darkest), so an ordering
  of curves by depth (vanishing gradients!) reads at a glance.
- **gates in [0, 1]**: viridis (sequential). **log magnitudes**: inferno (dark = dead).

Plots are light (white background, dark grey text): readable on a projector and in print.
Live curves use cosmetic pens of width 1 without antialiasing (GUIDE §5); only static reference
lines are dashed.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QSizePolicy
from shiboken6 import isValid

BACKGROUND = "#ffffff"
FOREGROUND = "#333333"
GRID_ALPHA = 0.15
MUTED = "#8a8a8a"
PANEL_BG = "#f4f4f4"
TILE_GAP = "#b8b8b8"       # between the 8x8 weight images of the digits

NEGATIVE = "#f59322"       # orange
POSITIVE = "#0877bd"       # blue
ZERO = "#ffffff"

TRAIN = "#1f6fb4"          # blue
VALIDATION = "#e8590c"     # orange
BASELINE = "#9e9e9e"

VANISHING = (66, 133, 244, 38)    # translucent blue band
EXPLODING = (219, 68, 55, 38)     # translucent red band
HEALTHY = (52, 168, 83, 30)       # translucent green band
WARNING = "#c62828"
WARNING_BG = "#fdecea"

#: the four LSTM gates, and the two states, in the order the panels draw them
GATE_COLORS = {
    "forget": "#d62728", "input": "#2ca02c", "candidate": "#9467bd", "output": "#1f77b4",
    "cell": "#8c564b", "hidden": "#17becf", "all": "#333333",
}

#: up to 10 distinguishable classes (Okabe-Ito + Tableau), class 0 orange and class 1 blue
CLASS_COLORS = ["#f59322", "#0877bd", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
                "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

TICK_FONT_PT = 9
LABEL_FONT_PT = 10
TITLE_FONT_PT = 10


def class_color(k: int) -> str:
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def depth_colors(n: int) -> list[QColor]:
    """``n`` colours from dark (first layer) to light (last), on plasma without its pale end."""
    cmap = pg.colormap.get("plasma")
    if n <= 1:
        return [cmap.map(0.1, mode="qcolor")]
    return [cmap.map(0.05 + 0.75 * i / (n - 1), mode="qcolor") for i in range(n)]


# -- colormaps ------------------------------------------------------------------------------------
_CMAPS: dict[str, pg.ColorMap] = {}


def diverging() -> pg.ColorMap:
    """Orange (negative) - white (0) - blue (positive); use with symmetric levels."""
    cm = _CMAPS.get("diverging")
    if cm is None:
        cm = _CMAPS["diverging"] = pg.ColorMap(
            [0.0, 0.25, 0.5, 0.75, 1.0],
            [QColor(NEGATIVE).darker(135), QColor(NEGATIVE), QColor(ZERO), QColor(POSITIVE),
             QColor(POSITIVE).darker(150)],
            name="nnsim-diverging")
    return cm


def sequential() -> pg.ColorMap:
    """For values in [0, 1] (gates): viridis."""
    return pg.colormap.get("viridis")


def magnitude() -> pg.ColorMap:
    """For log magnitudes (gradient through time): inferno, dark = vanishing."""
    return pg.colormap.get("inferno")


_LUTS: dict[str, np.ndarray] = {}


def lut(name: str) -> np.ndarray:
    """A 256-entry uint8 lookup table for ``ImageItem.setLookupTable``."""
    t = _LUTS.get(name)
    if t is None:
        cm = {"diverging": diverging, "sequential": sequential, "magnitude": magnitude}[name]()
        t = _LUTS[name] = cm.getLookupTable(0.0, 1.0, 256, alpha=False)
    return t


def symmetric_levels(a: np.ndarray, floor: float = 1e-12) -> tuple[float, float]:
    """``(-m, m)`` with ``m = max|a|`` (finite values only; ``floor`` if all zero)."""
    if a.size == 0:
        return (-1.0, 1.0)
    m = float(np.nanmax(np.abs(a))) if np.isfinite(a).any() else 0.0
    if not np.isfinite(m) or m < floor:
        m = floor if floor > 0 else 1.0
    return (-m, m)


# -- pens, fonts ------------------------------------------------------------------------------------
def pen(color, width: float = 1.0, style=Qt.PenStyle.SolidLine) -> "pg.QtGui.QPen":
    p = pg.mkPen(color, width=width)
    p.setStyle(style)
    p.setCosmetic(True)
    return p


def dashed(color, width: float = 1.0):
    return pen(color, width, Qt.PenStyle.DashLine)


def font(pt: int = TICK_FONT_PT, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSize(pt)
    f.setBold(bold)
    return f


def label_style() -> dict:
    return {"color": FOREGROUND, "font-size": f"{LABEL_FONT_PT}pt"}


# -- factories ------------------------------------------------------------------------------------
class TimedLayoutWidget(pg.GraphicsLayoutWidget):
    """A ``GraphicsLayoutWidget`` that counts the CPU time of its paint events (``paint_cpu``:
    part of what a panel's drawing costs, ``Panel.settle_cost``), and
    re-fits its ``RowLegend``s to its width when resized."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_legends: list[RowLegend] = []
        #: CPU seconds this widget spent painting (a panel's drawing cost includes it)
        self.paint_cpu = 0.0

    def paintEvent(self, ev):
        t = time.thread_time()
        try:
            super().paintEvent(ev)
        finally:
            self.paint_cpu += time.thread_time() - t

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        for leg in getattr(self, "row_legends", ()):  # (resized inside __init__ too)
            leg.fit(self.width())


def graphics_layout() -> pg.GraphicsLayoutWidget:
    """A light ``GraphicsLayoutWidget`` (no antialiasing: live data)."""
    w = TimedLayoutWidget()
    w.setBackground(BACKGROUND)
    w.ci.setContentsMargins(4, 4, 8, 4)
    w.ci.setSpacing(6)
    return w


def style_plot(p: pg.PlotItem, bottom: str | None = None, left: str | None = None,
               title: str | None = None, grid: bool = False) -> pg.PlotItem:
    """Fonts, axis colours and labels of one plot.

    No grid by default: pyqtgraph draws the grid as part of each axis' picture, over the whole
    plot, and replays it on every repaint; measured here it multiplies the cost of repainting a
    live plot five- to six-fold (about 1 ms to 6 ms)."""
    for name in ("left", "bottom", "right", "top"):
        ax = p.getAxis(name)
        ax.setPen(pen(FOREGROUND))
        ax.setTextPen(pen(FOREGROUND))
        ax.setStyle(tickFont=font(TICK_FONT_PT), tickTextOffset=4)
        ax.enableAutoSIPrefix(False)  # no "(x0.001)" on log axes and small quantities
        # painted once into a pixmap and blitted while its range stays put (StickyRange moves
        # it in jumps): replaying an axis' ticks and labels cost ~0.5 ms a repaint
        ax.setCacheMode(pg.QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache)
    for name in ("left", "bottom"):
        watch_axis_label(p.getAxis(name))
    if bottom:
        p.setLabel("bottom", bottom, **label_style())
    if left:
        p.setLabel("left", left, **label_style())
    if title:
        p.setTitle(title, color=FOREGROUND, size=f"{TITLE_FONT_PT}pt")
    p.showGrid(x=grid, y=grid, alpha=GRID_ALPHA)
    p.setMenuEnabled(False)
    p.hideButtons()
    return p


def fit_axis_label(ax: pg.AxisItem) -> None:
    """Keep an axis label within its axis instead of letting it run past the plot and be cut
    off (a short plot, a long label, a translation longer than the English): a label that fits
    stays on one line; a longer one is split at a space onto two centred lines when both fit
    ("gradient norm" over "||dL/dθ||"); else it is cut with "…" (the whole label in its
    tooltip)."""
    if not isValid(ax):  # a signal from the axis' label while the plot is being deleted
        return
    lab = getattr(ax, "label", None)
    if lab is None or getattr(ax, "_nnsim_fitting", False) or not isValid(lab):
        return
    vertical = ax.orientation in ("left", "right")
    room = float(ax.size().height() if vertical else ax.size().width()) - 8
    key = (room, ax.labelText, ax.labelUnits, lab.isVisible(), lab.document().revision())
    if key == getattr(ax, "_nnsim_fitted", None):
        return  # nothing changed along the axis (a resize across it, new tick labels)
    ax._nnsim_fitting = True
    try:
        before = (lab.textWidth(), lab.toHtml())
        lab.setHtml(ax.labelString())
        lab.setTextWidth(-1)
        lab.setToolTip("")
        if lab.isVisible() and room > 24 and lab.boundingRect().width() > room:
            plain = lab.toPlainText().strip()
            width = room - 2 * lab.document().documentMargin() - 2
            font = _label_font(ax, lab)
            for scale in (1.0, 0.85):  # two lines, else two lines of a slightly smaller font
                small = QFont(font)
                if scale != 1.0:
                    if font.pointSizeF() <= 0:
                        continue
                    small.setPointSizeF(font.pointSizeF() * scale)
                metrics = QFontMetricsF(small)
                lines = _two_lines(plain, metrics, width)
                if lines is not None:
                    size = f"{small.pointSizeF():.3g}pt" if scale != 1.0 else None
                    lab.setHtml(_label_html(ax, *lines, size=size))
                    # a text width, so that the shorter line is centred under the longer
                    lab.setTextWidth(max(metrics.horizontalAdvance(s) for s in lines)
                                     + 2 * lab.document().documentMargin() + 2)
                    break
            else:
                metrics = QFontMetricsF(font)
                lab.setHtml(_label_html(ax, metrics.elidedText(
                    plain, Qt.TextElideMode.ElideRight, max(width, 10))))
                lab.setToolTip(plain)
        if (lab.textWidth(), lab.toHtml()) != before:
            if vertical:
                ax._updateWidth()
            else:
                ax._updateHeight()
        ax.resizeEvent()  # (re)centre the label along the axis
        ax._nnsim_fitted = (room, ax.labelText, ax.labelUnits, lab.isVisible(),
                            lab.document().revision())
    finally:
        ax._nnsim_fitting = False


def _two_lines(text: str, metrics: "QFontMetricsF", width: float) -> tuple[str, str] | None:
    """``text`` split at the space that makes the longer of the two lines shortest, if both
    then fit in ``width``."""
    best = None
    for i, ch in enumerate(text):
        if ch != " ":
            continue
        a, b = text[:i].rstrip(), text[i + 1:].lstrip()
        if not a or not b:
            continue
        w = max(metrics.horizontalAdvance(a), metrics.horizontalAdvance(b))
        if w <= width and (best is None or w < best[0]):
            best = (w, a, b)
    return None if best is None else (best[1], best[2])


def _label_font(ax: pg.AxisItem, lab) -> QFont:
    f = QFont(lab.font())
    size = str(ax.labelStyle.get("font-size", ""))
    try:
        if size.endswith("pt"):
            f.setPointSizeF(float(size[:-2]))
        elif size.endswith("px"):
            f.setPixelSize(int(float(size[:-2])))
    except ValueError:
        pass
    return f


def _label_html(ax: pg.AxisItem, *lines: str, size: str | None = None) -> str:
    import html

    style = dict(ax.labelStyle)
    if size is not None:
        style["font-size"] = size
    style = ";".join(f"{k}: {v}" for k, v in style.items())
    return f"<span style='{style}'>{'<br>'.join(html.escape(s) for s in lines)}</span>"


def watch_axis_label(ax: pg.AxisItem) -> None:
    """Keep ``ax``'s label fitted (``fit_axis_label``) whenever the axis is resized or its label
    text changes."""
    lab = getattr(ax, "label", None)
    if lab is None or getattr(ax, "_nnsim_watched", False):
        return
    ax._nnsim_watched = True
    option = lab.document().defaultTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    lab.document().setDefaultTextOption(option)
    ax.geometryChanged.connect(lambda: fit_axis_label(ax))
    lab.document().contentsChanged.connect(lambda: fit_axis_label(ax))


#: a live curve hands Qt at most this many points: about twice the width of a wide plot in
#: pixels, which is all a screen can show; a long run's history holds 4096 buckets (8192 points
#: as a min/max envelope), and building and stroking a path through all of them made a frame
#: several times dearer late in a run than early (the soak's frame interval crept up)
MAX_DRAWN_POINTS = 2048


def peak_decimate(x: np.ndarray, y: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``limit`` points (+ a short tail) that draw like ``(x, y)``: consecutive points
    in equal bins, each bin drawn as its minimum at its first x then its maximum at its last x
    (the envelope a pixel column shows; spikes stay, and so do the ends). ``x`` ascending; fewer points: unchanged."""
    n = len(x)
    if n <= limit or limit < 4:
        return x, y
    k = -(-n // (limit // 2))          # points per bin
    m = n // k
    head = m * k
    yb = y[:head].reshape(m, k)
    xb = x[:head].reshape(m, k)
    xs = np.empty(2 * m)
    xs[0::2], xs[1::2] = xb[:, 0], xb[:, -1]
    ys = np.empty(2 * m)
    ys[0::2] = yb.min(axis=1)
    ys[1::2] = yb.max(axis=1)
    if head < n:
        xs = np.concatenate([xs, x[head:]])
        ys = np.concatenate([ys, y[head:]])
    return xs, ys


class LiveCurve(pg.PlotCurveItem):
    """A curve for live data: a bare ``PlotCurveItem`` (no antialiasing, cosmetic pen, no finite
    check), fed in plot coordinates (``log_x``/``log_y``: it takes data values and draws their
    log10, as ``PlotDataItem`` does in a log-mode plot).

    Why not ``PlotDataItem`` with ``setDownsampling(mode='peak')`` and ``setClipToView``
    (GUIDE §5)? Our histories are already bounded and peak-decimated at the source
    (``nnsim.training.history``: a few thousand min/max buckets however long the run), so that
    machinery has nothing left to do, and its per-call overhead is what remains: measured here
    ~0.8 ms per ``setData`` against ~0.06 ms for a bare curve, times some twenty curves a frame.
    """

    def __init__(self, color, width: float = 1.0, style=Qt.PenStyle.SolidLine,
                 log_x: bool = False, log_y: bool = False):
        self._fast_bounds = ((None, None), (None, None))
        super().__init__(pen=pen(color, width, style), antialias=False, skipFiniteCheck=True)
        self.log_x, self.log_y = log_x, log_y
        self.x_values = np.zeros(0)
        self.y_values = np.zeros(0)

    def set_values(self, x, y) -> None:
        """Data values (not log10): what tests and read-outs see as ``x_values``/``y_values``."""
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self.x_values, self.y_values = x, y
        if self.log_x:
            x = np.log10(np.maximum(x, 1e-300))
        if self.log_y:
            y = np.log10(np.maximum(y, 1e-300))
        ok = np.isfinite(x) & np.isfinite(y)
        if not ok.all():
            x, y = x[ok], y[ok]
        if len(x):
            self._fast_bounds = ((float(x.min()), float(x.max())), (float(y.min()), float(y.max())))
        else:
            self._fast_bounds = ((None, None), (None, None))
        x, y = peak_decimate(x, y, MAX_DRAWN_POINTS)
        self.setData(x, y, skipFiniteCheck=True)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        """Bounds computed once per ``set_values`` (the base class recomputes NaN-aware min/max
        whenever the view moves; our data are finite and our axes are set explicitly)."""
        return self._fast_bounds[ax]

    def clear_values(self) -> None:
        self.set_values([], [])


def live_curve(p: pg.PlotItem, color, width: float = 1.0, name: str | None = None,
               style=Qt.PenStyle.SolidLine, log_x: bool = False, log_y: bool = False,
               legend: pg.LegendItem | None = None) -> LiveCurve:
    """A ``LiveCurve`` added to ``p`` (and to ``legend`` as ``name``)."""
    c = LiveCurve(color, width, style, log_x, log_y)
    p.addItem(c)
    if name and legend is not None:
        legend.addItem(c, name)
    return c


class RowLegend(pg.LegendItem):
    """A legend laid out in rows of at most ``max_columns`` entries, and never wider than the
    room its view gives it (``fit``): entries that do not fit beside each other go on to the
    next row instead of being cut off at the edge."""

    #: what the layout's margins and the legend's own spacing take from the view's width
    MARGIN = 24

    def __init__(self, max_columns: int = 6, **kwargs):
        super().__init__(**kwargs)
        self.max_columns = max(1, int(max_columns))
        self.room: float | None = None
        self.setColumnCount(self.max_columns)

    def addItem(self, item, name):
        super().addItem(item, name)
        self.fit()

    def removeItem(self, item):
        super().removeItem(item)
        self.fit()

    def row_width(self, columns: int) -> float:
        """Width of the widest row with ``columns`` entries a row."""
        gap = self.layout.horizontalSpacing()
        widths = [s.boundingRect().width() + max(l.minimumWidth(), l.boundingRect().width())
                  + 2 * gap for s, l in self.items]
        return sum(max(widths[j::columns]) for j in range(min(columns, len(widths))))

    def fit(self, view_width: float | None = None) -> None:
        """As many entries a row as fit in ``view_width`` (default: the last one given)."""
        if view_width is not None:
            self.room = float(view_width) - self.MARGIN
        columns = self.max_columns
        if self.room is not None and self.items:
            columns = min(columns, len(self.items))
            while columns > 1 and self.row_width(columns) > self.room:
                columns -= 1
        if columns != self.columnCount:
            self.setColumnCount(columns)


def legend_row(layout: pg.GraphicsLayout, row: int, col: int = 0, colspan: int = 1,
               columns: int = 6) -> pg.LegendItem:
    """A legend in its own cell of the layout (above or below a plot), laid out in a row (of at
    most ``columns`` entries, fewer when the view is too narrow for them: ``RowLegend``).

    Not inside the plot: a legend over live data is repainted, text and all, on every frame the
    data change; in its own cell it is painted once."""
    leg = RowLegend(columns, offset=None, labelTextColor=FOREGROUND,
                    labelTextSize=f"{TICK_FONT_PT}pt", horSpacing=14, verSpacing=-4)
    views = layout.scene().views() if layout.scene() is not None else []
    for view in views:
        if isinstance(view, TimedLayoutWidget):
            view.row_legends.append(leg)
            leg.fit(view.width())
    layout.addItem(leg, row=row, col=col, colspan=colspan)
    # compact, on the left, rather than spread over the whole width
    leg.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
    layout.layout.setAlignment(leg, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return leg


def image_item(kind: str = "diverging") -> pg.ImageItem:
    """A row-major ``ImageItem`` with a 256-entry LUT of ``kind``."""
    img = pg.ImageItem(axisOrder="row-major")
    img.setLookupTable(lut(kind))
    img.setAutoDownsample(False)
    return img


def as_image(a: np.ndarray) -> np.ndarray:
    """float32, C-contiguous (what ``ImageItem.setImage`` converts fastest)."""
    return np.ascontiguousarray(a, dtype=np.float32)


def color_bar(kind: str, values=(0.0, 1.0), label: str | None = None, width: int = 12
              ) -> pg.ColorBarItem:
    cm = {"diverging": diverging, "sequential": sequential, "magnitude": magnitude}[kind]()
    bar = pg.ColorBarItem(values=values, colorMap=cm, interactive=False, width=width,
                          label=label, pen=pen(FOREGROUND), colorMapMenu=False)
    ax = bar.axis
    ax.setPen(pen(FOREGROUND))
    ax.setTextPen(pen(FOREGROUND))
    ax.setStyle(tickFont=font(TICK_FONT_PT - 1))
    ax.enableAutoSIPrefix(False)
    return bar


# -- ranges that do not move every frame -----------------------------------------------------------
_NICE = np.array([1.0, 1.1, 1.2, 1.4, 1.6, 1.8, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0,
                  8.0, 9.0, 10.0])


def nice_ceil(v: float) -> float:
    """The smallest round number (1, 1.1, 1.2, 1.4, ... 8, 9 x 10^k) that is >= v (v > 0):
    at most ~15% of an axis is left empty, and it moves ~17 times per decade of growth."""
    if not v > 0 or not np.isfinite(v):
        return 1.0
    e = 10.0 ** np.floor(np.log10(v))
    m = _NICE[np.searchsorted(_NICE, v / e - 1e-9)]
    return float(f"{m * e:.6g}")


class StickyRange:
    """Keeps one axis of a plot still while live data grow.

    Autoranging moves an axis on every new point, and a moved axis means new ticks, new labels and
    a full repaint of the plot: several times the cost of drawing the data (and a jittering axis is
    hard to read). A sticky range only changes when the data leave it, or fill less than
    ``shrink`` of it, and then jumps to rounded values with room to grow.

    ``log``: the plot is in log mode (the range is in decades). ``zero``: a linear range starts at
    0 when the data are all positive (step axes, losses)."""

    def __init__(self, plot: pg.PlotItem, axis: str, log: bool = False, zero: bool = False,
                 shrink: float = 0.35, headroom: float = 0.03):
        self.plot, self.axis, self.log, self.zero = plot, axis, log, zero
        self.shrink, self.headroom = shrink, headroom
        self.range: tuple[float, float] | None = None
        plot.enableAutoRange(axis=axis, enable=False)

    def reset(self) -> None:
        self.range = None

    def fit(self, lo: float, hi: float) -> bool:
        """Make sure ``[lo, hi]`` (data units) is shown; returns True if the axis moved."""
        if not (np.isfinite(lo) and np.isfinite(hi)):
            return False
        if self.log:
            lo, hi = np.log10(max(lo, 1e-300)), np.log10(max(hi, 1e-300))
        if self.range is not None:
            a, b = self.range
            if a <= lo and hi <= b:
                if self.log and lo - a <= 2.0 and b - hi <= 2.0:
                    return False  # at most two empty decades on either side
                if not self.log and (hi - lo) >= self.shrink * (b - a):
                    return False
        if self.log:
            a, b = np.floor(lo), np.ceil(hi)
            if b - a < 1:
                b = a + 1
        else:
            span = hi - lo
            pad = self.headroom * (span if span > 0 else max(abs(hi), 1.0))
            if self.zero and lo >= 0 and (lo <= 0.3 * hi or hi <= 0):
                a = 0.0
            else:
                a = lo - pad
                a = -nice_ceil(-a) if a < 0 else a
            b = hi + pad
            b = nice_ceil(b) if b > 0 else b
            if b <= a:
                b = a + 1.0
        self.range = (float(a), float(b))
        if self.axis == "x":
            self.plot.setXRange(*self.range, padding=0)
        else:
            self.plot.setYRange(*self.range, padding=0)
        return True


def set_rect_if_changed(item, rect, cache: dict, key) -> bool:
    """``item.setRect(rect)`` (and the caller's view range) only when the rect changed: a new
    rect re-lays out the plot and its axes."""
    r = (rect.x(), rect.y(), rect.width(), rect.height())
    if cache.get(key) == r:
        return False
    cache[key] = r
    item.setRect(rect)
    return True


class ElidedLabel(QLabel):
    """A one-line plain-text label that shows as much of its text as fits, cut with "…" (the
    whole text in its tooltip), instead of being clipped at its edge. ``text()`` is the whole
    text."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)
        self.elided = False

    def shown_text(self) -> str:
        """What fits in the label now."""
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)

    def paintEvent(self, event) -> None:
        from PySide6.QtGui import QPainter

        shown = self.shown_text()
        elided = shown != self.text()
        if elided != self.elided or (elided and self.toolTip() != self.text()):
            self.elided = elided
            self.setToolTip(self.text() if elided else "")
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), shown,
                                  self.foregroundRole())


def quiet_label(text: str = "") -> "QLabel":
    """A toolbar read-out whose changing text never re-lays out the panel (which would resize and
    repaint every plot in it); text longer than the room it gets is cut with "…"
    (``ElidedLabel``), never clipped."""
    lab = ElidedLabel(text)
    lab.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    lab.setMinimumWidth(60)
    lab.setStyleSheet(f"color: {FOREGROUND};")
    return lab


def set_text_if_changed(label, text: str) -> None:
    if label.text() != text:
        label.setText(text)
