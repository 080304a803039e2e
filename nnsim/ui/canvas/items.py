"""What the canvas draws: a layer (``NodeItem``) with its ports, and a link (``LinkItem``).

Items are views: they show what the scene tells them (text, problems, shapes, health) and never
change the document. A node's position in the document is its centre on the canvas.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath,
                           QPainterPathStroker, QPen, QPolygonF)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyle

from ...spec import LAYER_TYPES, NodeSpec
from ..i18n import layer_description, layer_title, shape_text, translate
from ..icons import paint_layer_icon, type_color

NODE_W, NODE_H = 120.0, 64.0
PORT_R = 5.0
PORT_HIT_R = 11.0
ERROR = QColor("#d93025")
SELECT = QColor("#1a73e8")
HIGHLIGHT = QColor("#f2a900")
HEALTH_COLORS = {  # fill tint, marker colour
    "vanishing": ("#e6f0ff", "#2f6fd0"),
    "exploding": ("#fff0dd", "#d9730d"),
    "nan": ("#fde4e1", "#d93025"),
    "saturation": ("#fff8d6", "#b38600"),
}
HEALTH_MARKS = {"vanishing": "↓", "exploding": "↑", "nan": "!", "saturation": "≈"}


def _short_title(type_name: str) -> str:
    """The title on a layer card: short enough for the card."""
    if type_name == "Output":
        return translate("Canvas", "Output")
    if type_name == "Concatenate":
        return translate("Canvas", "Concat")
    if type_name == "SimpleRNN":
        return translate("Canvas", "RNN")
    return layer_title(type_name)


def _loss_name(loss) -> str:
    if loss == "cross_entropy":
        return translate("Canvas", "cross-entropy")
    if loss == "bce":
        return translate("Canvas", "binary cross-ent.")
    if loss == "mse":
        return translate("Canvas", "mean sq. error")
    return str(loss if loss is not None else "")


def _font(size: float, bold: bool = False) -> QFont:
    f = QFont()
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


def node_summary(node: NodeSpec, shape: tuple | None = None) -> str:
    """The key parameters, in a few characters: ``16 · tanh``, ``rate 0.5``, ``2 features``."""
    p = node.params
    t = node.type
    if t == "Dense":
        return f"{p.get('units', '?')} · {p.get('activation', '?')}"
    if t == "Activation":
        return str(p.get("activation", "?"))
    if t == "Dropout":
        rate = p.get("rate", "?")
        rate = f"{rate:g}" if isinstance(rate, (int, float)) else str(rate)
        return translate("Canvas", "rate {0}").format(rate)
    if t in ("SimpleRNN", "LSTM"):
        units = translate("Canvas", "{0} units").format(p.get("units", "?"))
        return units + (translate("Canvas", " · seq") if p.get("return_sequences") else "")
    if t == "Input":
        if not shape:
            return translate("Canvas", "from the data")
        if len(shape) == 1:
            if shape[0] == 1:
                return translate("Canvas", "1 feature")
            return translate("Canvas", "{0} features").format(shape[0])
        return translate("Canvas", "{0} steps × {1}").format(shape[0], shape[-1])
    if t == "Output":
        return _loss_name(p.get("loss"))
    if t == "Add":
        return translate("Canvas", "sum of inputs")
    if t == "Concatenate":
        return translate("Canvas", "join features")
    return ""


class PortItem(QGraphicsItem):
    """An input (left) or output (right) port. Big enough to hit, small enough to look neat."""

    def __init__(self, node: "NodeItem", is_output: bool):
        super().__init__(node)
        self.node = node
        self.is_output = is_output
        self._hover = False
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setPos(NODE_W / 2 if is_output else -NODE_W / 2, 0)
        self.setZValue(2)
        self.setToolTip(translate("Canvas", "Drag to an input port to connect") if is_output
                        else translate("Canvas", "Drag here from an output port (or from here "
                                                 "to one)"))

    def boundingRect(self) -> QRectF:
        r = PORT_HIT_R
        return QRectF(-r, -r, 2 * r, 2 * r)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(self.boundingRect())
        return path

    def set_hover(self, on: bool) -> None:
        if on != self._hover:
            self._hover = on
            self.update()

    def hoverEnterEvent(self, event):
        self.set_hover(True)

    def hoverLeaveEvent(self, event):
        self.set_hover(False)

    def paint(self, painter: QPainter, option, widget=None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        col = type_color(self.node.spec_type)
        r = PORT_R + (2 if self._hover else 0)
        painter.setPen(QPen(col.darker(115), 1.6))
        painter.setBrush(col if self.is_output else QColor("white"))
        painter.drawEllipse(QPointF(0, 0), r, r)


class NodeItem(QGraphicsObject):
    """One layer: a rounded card with the type's colour and icon, its key parameters and id."""

    def __init__(self, node: NodeSpec):
        super().__init__()
        self.node_id = node.id
        self.spec_type = node.type
        lt = LAYER_TYPES.get(node.type)
        self._title = _short_title(node.type)
        self._summary = ""
        self._problems: list[str] = []
        self._health: tuple[str, str] | None = None
        self._highlight = False
        self.links: set[LinkItem] = set()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable
                      | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
                      | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.input_port = PortItem(self, False) if (lt is None or lt.n_inputs != 0) else None
        self.output_port = PortItem(self, True) if (lt is None or lt.has_output) else None
        self.setPos(*node.pos)
        self.update_from(node)

    # -- state set by the scene ----------------------------------------------------------------
    def update_from(self, node: NodeSpec, shape: tuple | None = None) -> None:
        self._summary = node_summary(node, shape)
        self._refresh_tooltip()
        self.update()

    def set_problems(self, messages: list[str]) -> None:
        if messages != self._problems:
            self._problems = list(messages)
            self._refresh_tooltip()
            self.update()

    def problems(self) -> list[str]:
        return list(self._problems)

    def set_health(self, health: tuple[str, str] | None) -> None:
        if health != self._health:
            self._health = health
            self._refresh_tooltip()
            self.update()

    def health(self) -> tuple[str, str] | None:
        return self._health

    def set_highlighted(self, on: bool) -> None:
        if on != self._highlight:
            self._highlight = on
            self.update()

    def is_highlighted(self) -> bool:
        return self._highlight

    def summary(self) -> str:
        return self._summary

    def _refresh_tooltip(self) -> None:
        lt = LAYER_TYPES.get(self.spec_type)
        parts = [f"<b>{self._title}</b> '{self.node_id}' — {self._summary}"]
        if lt is not None:
            parts.append(_html(layer_description(self.spec_type)))
        for m in self._problems:
            parts.append(f"<span style='color:{ERROR.name()}'>⚠ {_html(m)}</span>")
        if self._health:
            kind, msg = self._health
            colour = HEALTH_COLORS.get(kind, ("", "#555"))[1]
            parts.append(f"<span style='color:{colour}'>● {_html(msg)}</span>")
        self.setToolTip("<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>")

    # -- geometry ------------------------------------------------------------------------------
    def rect(self) -> QRectF:
        return QRectF(-NODE_W / 2, -NODE_H / 2, NODE_W, NODE_H)

    def boundingRect(self) -> QRectF:
        return self.rect().adjusted(-6, -10, 6, 6)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.rect(), 8, 8)
        return path

    def input_pos(self) -> QPointF:
        return self.mapToScene(QPointF(-NODE_W / 2, 0))

    def output_pos(self) -> QPointF:
        return self.mapToScene(QPointF(NODE_W / 2, 0))

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for link in list(self.links):
                link.update_path()
        return super().itemChange(change, value)

    # -- drawing -------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option, widget=None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        rect = self.rect()
        col = type_color(self.spec_type)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        # soft shadow
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 28))
        painter.drawRoundedRect(rect.translated(0, 2.5), 8, 8)

        if self._highlight:
            painter.setPen(QPen(HIGHLIGHT, 7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 8, 8)
        elif selected:
            halo = QColor(SELECT)
            halo.setAlpha(70)
            painter.setPen(QPen(halo, 7))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 8, 8)

        fill = QColor("white")
        if self._health and self._health[0] in HEALTH_COLORS:
            fill = QColor(HEALTH_COLORS[self._health[0]][0])
        body = QPainterPath()
        body.addRoundedRect(rect, 8, 8)
        painter.fillPath(body, fill)
        # colour band on the left
        painter.save()
        painter.setClipPath(body)
        painter.fillRect(QRectF(rect.left(), rect.top(), 6, rect.height()), col)
        painter.restore()

        if self._problems:
            border = QPen(ERROR, 2.4)
        elif selected:
            border = QPen(SELECT, 2.0)
        else:
            border = QPen(col, 1.3)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 8, 8)

        # icon, title, summary, id
        left = rect.left() + 13
        paint_layer_icon(painter, self.spec_type, QRectF(left, rect.top() + 8, 18, 18))
        text_left = left + 23
        width = rect.right() - text_left - 6
        title_font = _font(10.0, True)
        painter.setFont(title_font)
        painter.setPen(QColor("#1f2933"))
        fm = QFontMetricsF(title_font)
        painter.drawText(QRectF(text_left, rect.top() + 7, width, 20),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(self._title, Qt.TextElideMode.ElideRight, width))
        body_font = _font(9.5)
        fm = QFontMetricsF(body_font)
        full = rect.right() - left - 6
        painter.setFont(body_font)
        painter.setPen(QColor("#2b3640"))
        painter.drawText(QRectF(left, rect.top() + 27, full, 17),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(self._summary, Qt.TextElideMode.ElideRight, full))
        id_font = _font(8.0)
        fm = QFontMetricsF(id_font)
        painter.setFont(id_font)
        painter.setPen(QColor("#7b8794"))
        painter.drawText(QRectF(left, rect.top() + 44, full, 14),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(self.node_id, Qt.TextElideMode.ElideMiddle, full))

        # markers: a problem badge top right, a health dot beside it
        x = rect.right() - 11  # inside the card: an arching link rises just right of it
        if self._problems:
            self._badge(painter, QPointF(x, rect.top()), ERROR, "!")
            x -= 19
        if self._health:
            colour = QColor(HEALTH_COLORS.get(self._health[0], ("", "#666"))[1])
            self._badge(painter, QPointF(x, rect.top()), colour,
                        HEALTH_MARKS.get(self._health[0], "~"))

    @staticmethod
    def _badge(painter: QPainter, centre: QPointF, colour: QColor, text: str) -> None:
        painter.setPen(QPen(QColor("white"), 1.5))
        painter.setBrush(colour)
        painter.drawEllipse(centre, 8, 8)
        painter.setPen(QColor("white"))
        painter.setFont(_font(8.5, True))
        painter.drawText(QRectF(centre.x() - 8, centre.y() - 8, 16, 16),
                         Qt.AlignmentFlag.AlignCenter, text)


class LinkItem(QGraphicsItem):
    """A curved arrow from ``src``'s output port to ``dst``'s input port, labelled with the
    tensor shape that flows along it."""

    def __init__(self, src: NodeItem, dst: NodeItem):
        super().__init__()
        self.src, self.dst = src, dst
        self._shape_text = ""
        self._problems: list[str] = []
        self._hover = False
        self._path = QPainterPath()
        self._label_rect = QRectF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)
        src.links.add(self)
        dst.links.add(self)
        self.update_path()

    @property
    def key(self) -> tuple[str, str]:
        return self.src.node_id, self.dst.node_id

    def detach(self) -> None:
        self.src.links.discard(self)
        self.dst.links.discard(self)

    def set_tensor_shape(self, shape: tuple | None) -> None:
        text = shape_text(shape) if shape is not None else ""
        if text != self._shape_text:
            self._shape_text = text
            self.update_path()

    def label(self) -> str:
        return self._shape_text

    def set_problems(self, messages: list[str]) -> None:
        if messages != self._problems:
            self._problems = list(messages)
            self.setToolTip("\n".join(messages) if messages
                            else f"{self.src.node_id} → {self.dst.node_id}")
            self.update()

    def problems(self) -> list[str]:
        return list(self._problems)

    def hoverEnterEvent(self, event):
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event):
        self._hover = False
        self.update()

    def update_path(self) -> None:
        self.prepareGeometryChange()
        a, b = self.src.output_pos(), self.dst.input_pos()
        self._path = link_path(a, b)
        top = self._obstacle_top(self._path)
        if top is not None:  # a skip connection would run under other layers: arch over them
            self._path = arch_path(a, b, top - 28)
        if self._shape_text:
            fm = QFontMetricsF(_font(8.0))
            w = label_width(self._shape_text)
            h = fm.height() + 2
            mid = self._path.pointAtPercent(0.5)
            y = mid.y() - h - 4
            if 0 < b.x() - a.x() < w:
                # wider than the gap between the two layers (which are drawn over links): the
                # label goes above both, still centred on the gap
                top = min(self.src.sceneBoundingRect().top(), self.dst.sceneBoundingRect().top())
                y = min(y, top - h - 2)
            self._label_rect = QRectF(mid.x() - w / 2, y, w, h)
        else:
            self._label_rect = QRectF()
        if not self._problems:
            self.setToolTip(f"{self.src.node_id} → {self.dst.node_id}")
        self.update()

    def _obstacle_top(self, path: QPainterPath) -> float | None:
        """The top of the other layers ``path`` would cross, or None."""
        scene = self.scene()
        if scene is None:
            return None
        stroker = QPainterPathStroker()
        stroker.setWidth(4)
        hits = [i for i in scene.items(stroker.createStroke(path))
                if isinstance(i, NodeItem) and i is not self.src and i is not self.dst]
        if not hits:
            return None
        return min(i.sceneBoundingRect().top() for i in hits)

    def itemChange(self, change, value):
        if change == QGraphicsItem.GraphicsItemChange.ItemSceneHasChanged:
            self.update_path()
        return super().itemChange(change, value)

    def boundingRect(self) -> QRectF:
        return self._path.boundingRect().adjusted(-8, -8, 8, 8).united(self._label_rect)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        s = stroker.createStroke(self._path)
        if not self._label_rect.isNull():
            s.addRect(self._label_rect)
        return s

    def paint(self, painter: QPainter, option, widget=None):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = self.isSelected()
        if self._problems:
            colour = ERROR
        elif selected:
            colour = SELECT
        else:
            colour = QColor("#6b7785")
        width = 2.6 if (selected or self._hover) else 1.7
        pen = QPen(colour, width)
        if self._problems:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        # arrow head at the input port
        end = self._path.pointAtPercent(1.0)
        tip = QPointF(end.x() - PORT_R - 1, end.y())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(QPolygonF([tip, tip + QPointF(-8, -4.5), tip + QPointF(-8, 4.5)]))
        if self._shape_text:
            painter.setPen(QPen(QColor("#d5dae0"), 1))
            painter.setBrush(QBrush(QColor(255, 255, 255, 235)))
            painter.drawRoundedRect(self._label_rect, 4, 4)
            painter.setFont(_font(8.0))
            painter.setPen(ERROR if self._problems else QColor("#3c4650"))
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self._shape_text)


def label_width(text: str) -> float:
    """Width of a link's shape label (tidy leaves room for the widest)."""
    return QFontMetricsF(_font(8.0)).horizontalAdvance(text) + 8


def link_path(a: QPointF, b: QPointF) -> QPainterPath:
    """A smooth S-curve from an output port at ``a`` to an input port at ``b``."""
    dx = max(40.0, abs(b.x() - a.x()) * 0.5)
    path = QPainterPath(a)
    path.cubicTo(QPointF(a.x() + dx, a.y()), QPointF(b.x() - dx, b.y()), b)
    return path


def arch_path(a: QPointF, b: QPointF, top: float) -> QPainterPath:
    """A link over the layers between ``a`` and ``b``: up right beside the output port, along
    ``top``, down right beside the input port, with rounded corners (a skip connection)."""
    r, big = 6.0, 14.0
    xa, xb = a.x() + r, b.x() - r
    path = QPainterPath(a)
    path.quadTo(QPointF(xa, a.y()), QPointF(xa, a.y() - r))
    path.lineTo(xa, top + big)
    path.quadTo(QPointF(xa, top), QPointF(xa + big, top))
    path.lineTo(xb - big, top)
    path.quadTo(QPointF(xb, top), QPointF(xb, top + big))
    path.lineTo(xb, b.y() - r)
    path.quadTo(QPointF(xb, b.y()), b)
    return path


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
