"""Mouse gestures as small objects with press / move / release / cancel (orange-canvas-core's
``interactions.py`` pattern), so the view's event handlers stay short.

- ``NewLinkAction``: drag from an output port to an input port (or the other way round), or drop
  on the layer's body. A one-input layer's old input is replaced.
- ``PanAction``: middle-button drag, or left drag while Space is held.
- ``MoveTracker``: Qt moves the selected items; on release one ``MoveNodesCommand`` records it.

Rubber-band selection is QGraphicsView's own ``RubberBandDrag``.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from ...spec import LAYER_TYPES
from ..commands import MoveNodesCommand, connect_command
from ..i18n import translate
from .items import NodeItem, PortItem, link_path


class Interaction:
    def __init__(self, view):
        self.view = view

    def press(self, event) -> None: ...

    def move(self, event) -> None: ...

    def release(self, event) -> None: ...

    def cancel(self) -> None: ...

    def scene_pos(self, event) -> QPointF:
        return self.view.mapToScene(event.position().toPoint())


class NewLinkAction(Interaction):
    def __init__(self, view, port: PortItem):
        super().__init__(view)
        self.port = port
        self.anchor = port.scenePos()
        self.from_output = port.is_output
        self.line = QGraphicsPathItem()
        pen = QPen(QColor("#1a73e8"), 2.0, Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self.line.setPen(pen)
        self.line.setZValue(5)
        self._target: PortItem | None = None

    def press(self, event) -> None:
        self.view.scene().addItem(self.line)
        self._draw(self.anchor)

    def _draw(self, pos: QPointF) -> None:
        a, b = (self.anchor, pos) if self.from_output else (pos, self.anchor)
        self.line.setPath(link_path(a, b))

    def _target_node(self, pos: QPointF) -> NodeItem | None:
        node = self.view.scene().node_at(pos)
        if node is None or node is self.port.node:
            return None
        lt = LAYER_TYPES.get(node.spec_type)
        if lt is None:
            return None
        if self.from_output and lt.n_inputs == 0:
            return None
        if not self.from_output and not lt.has_output:
            return None
        return node

    def move(self, event) -> None:
        pos = self.scene_pos(event)
        node = self._target_node(pos)
        port = None
        if node is not None:
            port = node.input_port if self.from_output else node.output_port
        if port is not self._target:
            if self._target is not None:
                self._target.set_hover(False)
            if port is not None:
                port.set_hover(True)
            self._target = port
        self._draw(port.scenePos() if port is not None else pos)

    def release(self, event) -> None:
        pos = self.scene_pos(event)
        node = self._target_node(pos)
        self.cancel()
        if node is None:
            return
        src, dst = ((self.port.node.node_id, node.node_id) if self.from_output
                    else (node.node_id, self.port.node.node_id))
        cmd = connect_command(self.view.doc, src, dst)
        if cmd is None:
            self.view.message.emit(translate("Canvas", "{0} → {1} is connected already or cannot "
                                                       "be connected").format(src, dst))
            return
        self.view.undo_stack.push(cmd)

    def cancel(self) -> None:
        if self._target is not None:
            self._target.set_hover(False)
            self._target = None
        if self.line.scene() is not None:
            self.line.scene().removeItem(self.line)


class PanAction(Interaction):
    def press(self, event) -> None:
        self._last = event.position()
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event) -> None:
        d = event.position() - self._last
        self._last = event.position()
        h, v = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
        h.setValue(h.value() - round(d.x()))
        v.setValue(v.value() - round(d.y()))

    def release(self, event) -> None:
        self.cancel()

    def cancel(self) -> None:
        self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor if self.view.space_held
                                       else Qt.CursorShape.ArrowCursor)


class MoveTracker:
    """Remembers where the selected layers were when the button went down."""

    def __init__(self, view):
        self.view = view
        self.start = {i.node_id: (i.pos().x(), i.pos().y())
                      for i in view.scene().selectedItems() if isinstance(i, NodeItem)}

    def finish(self) -> None:
        nodes = self.view.scene().nodes
        moves = {}
        for nid, old in self.start.items():
            item = nodes.get(nid)
            if item is None:
                continue
            new = (item.pos().x(), item.pos().y())
            if new != old:
                moves[nid] = (old, new)
        if moves:
            self.view.undo_stack.push(MoveNodesCommand(self.view.doc, moves))
