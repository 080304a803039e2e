"""Icons and colours, drawn with QPainter at whatever size is asked (no image files to ship).

``layer_icon("Dense")`` is the palette's and the canvas's picture of a layer type, in the type's
colour (``type_color``); ``action_icon("train")`` the toolbar's. Each icon is a function painting
into a 24 x 24 box; ``_PaintedIcon`` scales it, so icons stay sharp on any screen.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (QColor, QIcon, QIconEngine, QPainter, QPainterPath, QPen, QPixmap,
                           QPolygonF)

TYPE_COLORS = {
    "Input": "#2f9e5b",
    "Dense": "#3b78d8",
    "Activation": "#e08a1e",
    "Dropout": "#8a63c9",
    "SimpleRNN": "#15a0a8",
    "LSTM": "#0b7b8f",
    "Add": "#d2477f",
    "Concatenate": "#b4539e",
    "Output": "#c8462e",
}
_UNKNOWN = "#7a7a7a"
INK = "#37414d"  # toolbar icons


def type_color(type_name: str) -> QColor:
    return QColor(TYPE_COLORS.get(type_name, _UNKNOWN))


def _pen(color, width=1.6) -> QPen:
    pen = QPen(QColor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _dot(p: QPainter, x, y, r, color, fill=True):
    p.setBrush(QColor(color) if fill else Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(x, y), r, r)


# -- layer types (24 x 24) --------------------------------------------------------------------

def _input(p, c):
    p.setPen(_pen(c, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(11, 4, 10, 16), 2.5, 2.5)
    p.drawLine(QPointF(2.5, 12), QPointF(14.5, 12))
    p.drawPolyline(QPolygonF([QPointF(10.5, 8), QPointF(14.5, 12), QPointF(10.5, 16)]))


def _dense(p, c):
    left = [(5, 6), (5, 12), (5, 18)]
    right = [(19, 8.5), (19, 15.5)]
    p.setPen(_pen(c, 1.0))
    for a in left:
        for b in right:
            p.drawLine(QPointF(*a), QPointF(*b))
    p.setPen(_pen(c, 1.2))
    for x, y in left + right:
        _dot(p, x, y, 2.6, c)


def _activation(p, c):
    p.setPen(_pen("#9aa3ad", 1.0))
    p.drawLine(QPointF(3, 12), QPointF(21, 12))
    p.drawLine(QPointF(12, 3), QPointF(12, 21))
    path = QPainterPath()
    for i in range(41):
        x = -3 + 6 * i / 40
        y = math.tanh(1.6 * x)
        pt = QPointF(12 + x * 3, 12 - y * 7.5)
        path.moveTo(pt) if i == 0 else path.lineTo(pt)
    p.setPen(_pen(c, 2.0))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)


def _dropout(p, c):
    p.setPen(_pen(c, 1.3))
    dropped = {(0, 1), (1, 2), (2, 0)}
    for i in range(3):
        for j in range(3):
            _dot(p, 6 + 6 * i, 6 + 6 * j, 2.4, c, fill=(i, j) not in dropped)


def _loop(p, c, box: bool):
    p.setPen(_pen(c, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    if box:
        p.drawRoundedRect(QRectF(6, 9, 12, 11), 2, 2)
        p.drawLine(QPointF(10, 9), QPointF(10, 20))
        p.drawLine(QPointF(14, 9), QPointF(14, 20))
    else:
        _dot(p, 12, 15, 4.5, c, fill=False)
    arc = QPainterPath()
    arc.moveTo(16, 8 if box else 12)
    arc.cubicTo(20, 1, 4, 1, 8, 8 if box else 12)
    p.drawPath(arc)
    tip = QPointF(8, 8 if box else 12)
    p.drawPolyline(QPolygonF([tip + QPointF(-2.5, -3), tip, tip + QPointF(2.8, -2)]))


def _rnn(p, c):
    _loop(p, c, box=False)


def _lstm(p, c):
    _loop(p, c, box=True)


def _add(p, c):
    p.setPen(_pen(c, 1.8))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(12, 12), 8, 8)
    p.setPen(_pen(c, 2.2))
    p.drawLine(QPointF(12, 7.5), QPointF(12, 16.5))
    p.drawLine(QPointF(7.5, 12), QPointF(16.5, 12))


def _concat(p, c):
    p.setPen(Qt.PenStyle.NoPen)
    col = QColor(c)
    p.setBrush(col)
    p.drawRoundedRect(QRectF(4, 5, 7, 14), 1.5, 1.5)
    col2 = QColor(c)
    col2.setAlpha(120)
    p.setBrush(col2)
    p.drawRoundedRect(QRectF(13, 5, 7, 14), 1.5, 1.5)


def _output(p, c):
    p.setPen(_pen(c, 1.7))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(12, 12), 8.5, 8.5)
    p.drawEllipse(QPointF(12, 12), 4.5, 4.5)
    _dot(p, 12, 12, 1.6, c)


_LAYER_PAINTERS = {
    "Input": _input, "Dense": _dense, "Activation": _activation, "Dropout": _dropout,
    "SimpleRNN": _rnn, "LSTM": _lstm, "Add": _add, "Concatenate": _concat, "Output": _output,
}


# -- actions (24 x 24) ------------------------------------------------------------------------

def _a_new(p, c):
    p.setPen(_pen(c))
    p.setBrush(QColor("white"))
    p.drawPolygon(QPolygonF([QPointF(6, 3), QPointF(14, 3), QPointF(19, 8), QPointF(19, 21),
                             QPointF(6, 21)]))
    p.drawPolyline(QPolygonF([QPointF(14, 3), QPointF(14, 8), QPointF(19, 8)]))


def _a_open(p, c):
    p.setPen(_pen(c))
    p.setBrush(QColor("#f3d58a"))
    p.drawPolygon(QPolygonF([QPointF(3, 6), QPointF(9, 6), QPointF(11, 8), QPointF(20, 8),
                             QPointF(20, 19), QPointF(3, 19)]))
    p.setBrush(QColor("#f8e3a8"))
    p.drawPolygon(QPolygonF([QPointF(3, 19), QPointF(6, 11), QPointF(22, 11), QPointF(20, 19)]))


def _a_save(p, c):
    p.setPen(_pen(c))
    p.setBrush(QColor("#dfe8f5"))
    p.drawRoundedRect(QRectF(4, 4, 16, 16), 2, 2)
    p.setBrush(QColor("white"))
    p.drawRect(QRectF(8, 4, 8, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


def _curved_arrow(p, c, mirror: bool):
    p.save()
    if mirror:
        p.translate(24, 0)
        p.scale(-1, 1)
    p.setPen(_pen(c, 1.9))
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(6, 10))
    path.cubicTo(10, 5, 20, 6, 19, 13)
    path.cubicTo(18.5, 17, 15, 19, 12, 19)
    p.drawPath(path)
    p.drawPolyline(QPolygonF([QPointF(5.5, 4.5), QPointF(6, 10), QPointF(11.5, 9.5)]))
    p.restore()


def _a_undo(p, c):
    _curved_arrow(p, c, False)


def _a_redo(p, c):
    _curved_arrow(p, c, True)


def _a_train(p, c):
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2f9e5b"))
    p.drawPolygon(QPolygonF([QPointF(7, 4.5), QPointF(19.5, 12), QPointF(7, 19.5)]))


def _a_pause(p, c):
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#d08a16"))
    p.drawRoundedRect(QRectF(6.5, 5, 4, 14), 1, 1)
    p.drawRoundedRect(QRectF(13.5, 5, 4, 14), 1, 1)


def _a_step(p, c):
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#3b78d8"))
    p.drawPolygon(QPolygonF([QPointF(5, 5), QPointF(15, 12), QPointF(5, 19)]))
    p.drawRoundedRect(QRectF(16, 5, 3.5, 14), 1, 1)


def _a_reset(p, c):
    p.setPen(_pen(c, 1.9))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawArc(QRectF(5, 5, 14, 14), 100 * 16, 290 * 16)
    p.drawPolyline(QPolygonF([QPointF(8.5, 2.5), QPointF(11.5, 5.2), QPointF(8.5, 8.3)]))


def _a_fit(p, c):
    p.setPen(_pen(c, 1.8))
    for sx, sy in ((1, 1), (-1, 1), (1, -1), (-1, -1)):
        x0, y0 = 12 - sx * 8, 12 - sy * 8
        p.drawPolyline(QPolygonF([QPointF(x0, y0 + sy * 5), QPointF(x0, y0),
                                  QPointF(x0 + sx * 5, y0)]))
    p.setBrush(QColor(c))
    p.drawRoundedRect(QRectF(9, 9, 6, 6), 1, 1)


def _a_tidy(p, c):
    p.setPen(_pen(c, 1.3))
    p.drawLine(QPointF(7, 12), QPointF(11, 7))
    p.drawLine(QPointF(7, 12), QPointF(11, 17))
    p.drawLine(QPointF(13, 7), QPointF(17, 12))
    p.drawLine(QPointF(13, 17), QPointF(17, 12))
    p.setBrush(QColor(c))
    for x, y in ((4, 12), (12, 6), (12, 18), (20, 12)):
        p.drawRoundedRect(QRectF(x - 2.8, y - 2.8, 5.6, 5.6), 1.2, 1.2)


def _zoom(p, c, plus):
    p.setPen(_pen(c, 1.9))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QPointF(10, 10), 6, 6)
    p.drawLine(QPointF(14.5, 14.5), QPointF(20, 20))
    p.setPen(_pen(c, 1.6))
    p.drawLine(QPointF(7, 10), QPointF(13, 10))
    if plus:
        p.drawLine(QPointF(10, 7), QPointF(10, 13))


def _a_zoom_in(p, c):
    _zoom(p, c, True)


def _a_zoom_out(p, c):
    _zoom(p, c, False)


def _a_delete(p, c):
    p.setPen(_pen("#c8462e", 2.2))
    p.drawLine(QPointF(6, 6), QPointF(18, 18))
    p.drawLine(QPointF(18, 6), QPointF(6, 18))


def _a_app(p, c):
    # the app icon: three layers of neurons, coloured like the layer types
    cols = [TYPE_COLORS["Input"], TYPE_COLORS["Dense"], TYPE_COLORS["Output"]]
    layers = [[7, 17], [5, 12, 19], [12]]
    xs = [4, 12, 20]
    p.setPen(_pen("#8894a0", 0.8))
    for k in range(2):
        for y0 in layers[k]:
            for y1 in layers[k + 1]:
                p.drawLine(QPointF(xs[k], y0), QPointF(xs[k + 1], y1))
    p.setPen(_pen("white", 0.8))
    for k, ys in enumerate(layers):
        for y in ys:
            _dot(p, xs[k], y, 2.8, cols[k])


_ACTION_PAINTERS = {
    "new": _a_new, "open": _a_open, "save": _a_save, "undo": _a_undo, "redo": _a_redo,
    "train": _a_train, "pause": _a_pause, "step": _a_step, "reset": _a_reset, "fit": _a_fit,
    "tidy": _a_tidy, "zoom_in": _a_zoom_in, "zoom_out": _a_zoom_out, "delete": _a_delete,
    "app": _a_app,
}


class _PaintedIcon(QIconEngine):
    """Paints ``draw(painter, color)`` (24 x 24 units) into any rectangle; greys when disabled."""

    def __init__(self, draw, color: str):
        super().__init__()
        self._draw, self._color = draw, color

    def paint(self, painter: QPainter, rect: QRect, mode, state):
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(rect.width(), rect.height())
        painter.translate(rect.x() + (rect.width() - side) / 2,
                          rect.y() + (rect.height() - side) / 2)
        painter.scale(side / 24.0, side / 24.0)
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.35)
        self._draw(painter, self._color)
        painter.restore()

    def pixmap(self, size: QSize, mode, state) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        self.paint(p, QRect(0, 0, size.width(), size.height()), mode, state)
        p.end()
        return pm

    def clone(self):
        return _PaintedIcon(self._draw, self._color)


_cache: dict[str, QIcon] = {}


def layer_icon(type_name: str) -> QIcon:
    key = "layer:" + type_name
    if key not in _cache:
        draw = _LAYER_PAINTERS.get(type_name, _dense)
        _cache[key] = QIcon(_PaintedIcon(draw, TYPE_COLORS.get(type_name, _UNKNOWN)))
    return _cache[key]


def action_icon(name: str) -> QIcon:
    key = "action:" + name
    if key not in _cache:
        _cache[key] = QIcon(_PaintedIcon(_ACTION_PAINTERS[name], INK))
    return _cache[key]


def app_icon() -> QIcon:
    """The app's icon (``resources/desktop/nnsim.svg``), or a painted stand-in."""
    if "app" not in _cache:
        from ..paths import resource_path

        path = resource_path("desktop", "nnsim.svg")
        icon = QIcon(str(path)) if path.is_file() else QIcon()
        _cache["app"] = icon if not icon.isNull() else action_icon("app")
    return _cache["app"]


def paint_layer_icon(painter: QPainter, type_name: str, rect: QRectF) -> None:
    """Draw a layer type's icon straight into ``rect`` (the canvas items use this)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    painter.translate(rect.x(), rect.y())
    painter.scale(side / 24.0, side / 24.0)
    _LAYER_PAINTERS.get(type_name, _dense)(painter, TYPE_COLORS.get(type_name, _UNKNOWN))
    painter.restore()

