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

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

BACKGROUND = "#ffffff"
FOREGROUND = "#333333"
GRID_ALPHA = 0.15
MUTED = "#8a8a8a"
PANEL_BG = "#f4f4f4"       # behind image grids (gaps between 8x8 digit tiles)

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
def graphics_layout() -> pg.GraphicsLayoutWidget:
    """A light ``GraphicsLayoutWidget`` (no antialiasing: live data)."""
    w = pg.GraphicsLayoutWidget()
    w.setBackground(BACKGROUND)
    w.ci.setContentsMargins(4, 4, 8, 4)
    w.ci.setSpacing(6)
    return w


def style_plot(p: pg.PlotItem, bottom: str | None = None, left: str | None = None,
               title: str | None = None, grid: bool = True) -> pg.PlotItem:
    """Fonts, axis colours, labels and grid of one plot."""
    for name in ("left", "bottom", "right", "top"):
        ax = p.getAxis(name)
        ax.setPen(pen(FOREGROUND))
        ax.setTextPen(pen(FOREGROUND))
        ax.setStyle(tickFont=font(TICK_FONT_PT), tickTextOffset=4)
        ax.enableAutoSIPrefix(False)  # no "(x0.001)" on log axes and small quantities
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


def live_curve(p: pg.PlotItem, color, width: float = 1.0, name: str | None = None,
               style=Qt.PenStyle.SolidLine) -> pg.PlotDataItem:
    """A curve for live data: peak downsampling, clip to view, finite values skip the check."""
    c = p.plot([], [], pen=pen(color, width, style), name=name, antialias=False)
    c.setDownsampling(auto=True, method="peak")
    c.setClipToView(True)
    c.setSkipFiniteCheck(True)
    return c


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
