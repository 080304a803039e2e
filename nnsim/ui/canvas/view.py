"""The canvas widget: zoom, pan, drop from the palette, gestures, and the edit operations
(delete, copy, cut, paste, select all, tidy, fit) that the Edit and View menus call.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPainter, QPen, QTransform
from PySide6.QtWidgets import QGraphicsView, QMenu

from ...spec import LAYER_TYPES, NodeSpec
from ..commands import (AddNodeCommand, MoveNodesCommand, RemoveCommand, copy_fragment,
                        paste_command)
from ..document import Document
from ..i18n import layer_title, shape_text, translate
from ..icons import layer_icon
from .interactions import MoveTracker, NewLinkAction, PanAction
from .items import NODE_W, PORT_HIT_R, LinkItem, NodeItem, label_width
from .layout import COLUMN, tidy_positions
from .scene import CanvasScene

MIME_LAYER = "application/x-nnsim-layer"
MIME_FRAGMENT = "application/x-nnsim-fragment"
MIN_ZOOM, MAX_ZOOM, FIT_MAX_ZOOM = 0.15, 3.0, 1.25


class CanvasView(QGraphicsView):
    #: a short note for the status bar ("cannot connect ...")
    message = Signal(str)

    def __init__(self, doc: Document, undo_stack, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.undo_stack = undo_stack
        self.setScene(CanvasScene(doc, self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self._action = None
        self._move: MoveTracker | None = None
        self._paste_count = 0
        self.space_held = False
        doc.project_replaced.connect(self._after_replace)

    def scene(self) -> CanvasScene:  # typed
        return super().scene()

    # -- feedback from training ----------------------------------------------------------------
    def set_layer_health(self, health: dict) -> None:
        """``{node_id: (kind, message)}`` with kind "vanishing", "exploding", "nan", "saturation"."""
        self.scene().set_layer_health(health)

    def highlight(self, node_ids) -> None:
        """Outline these layers (the backprop step-through's current stage); () clears."""
        self.scene().highlight(node_ids)

    # -- edits ---------------------------------------------------------------------------------
    def add_layer(self, type_name: str, scene_pos: QPointF | None = None) -> str | None:
        if type_name not in LAYER_TYPES:
            return None
        if scene_pos is None:
            scene_pos = self.mapToScene(self.viewport().rect().center())
        nid = self.doc.project.new_id(type_name)
        node = NodeSpec.new(nid, type_name, (round(scene_pos.x()), round(scene_pos.y())))
        self.undo_stack.push(AddNodeCommand(self.doc, node))
        self.scene().select_nodes([nid])
        return nid

    def delete_selected(self) -> None:
        scene = self.scene()
        cmd = RemoveCommand(self.doc, scene.selected_node_ids(), scene.selected_links())
        if not cmd.is_empty():
            self.undo_stack.push(cmd)

    def select_all(self) -> None:
        for item in self.scene().nodes.values():
            item.setSelected(True)

    def copy(self) -> bool:
        ids = self.scene().selected_node_ids()
        if not ids:
            return False
        data = json.dumps(copy_fragment(self.doc, ids))
        mime = QMimeData()
        mime.setData(MIME_FRAGMENT, data.encode("utf-8"))
        mime.setText(data)
        QGuiApplication.clipboard().setMimeData(mime)
        self._paste_count = 0
        return True

    def cut(self) -> None:
        if self.copy():
            ids = self.scene().selected_node_ids()
            text = (translate("Canvas", "Cut 1 layer") if len(ids) == 1
                    else translate("Canvas", "Cut {0} layers").format(len(ids)))
            self.undo_stack.push(RemoveCommand(self.doc, ids, text=text))

    def can_paste(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        return mime is not None and mime.hasFormat(MIME_FRAGMENT)

    def paste(self) -> list[str]:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(MIME_FRAGMENT):
            return []
        try:
            fragment = json.loads(bytes(mime.data(MIME_FRAGMENT)).decode("utf-8"))
            self._paste_count += 1
            off = 30.0 * self._paste_count
            cmd, ids = paste_command(self.doc, fragment, (off, off))
        except (ValueError, KeyError, TypeError, AttributeError):
            self.message.emit(translate("Canvas", "The clipboard does not hold layers nnsim can "
                                                  "paste"))
            return []
        if ids:
            self.undo_stack.push(cmd)
            self.scene().select_nodes(ids)
            rect = QRectF()
            for nid in ids:
                rect = rect.united(self.scene().nodes[nid].sceneBoundingRect())
            self.ensureVisible(rect, 40, 40)
        return ids

    def tidy(self) -> None:
        shapes = self.doc.validation.shapes
        widest = max((label_width(shape_text(s)) for s in shapes.values()), default=0.0)
        column = max(COLUMN, NODE_W + widest + 2 * PORT_HIT_R + 16)
        pos = tidy_positions(self.doc.project, column=round(column / 10) * 10)
        moves = {nid: (self.doc.project.node(nid).pos, p) for nid, p in pos.items()
                 if tuple(self.doc.project.node(nid).pos) != tuple(p)}
        if moves:
            self.undo_stack.push(MoveNodesCommand(self.doc, moves, translate("Canvas", "Tidy")))
        self.fit()

    # -- zoom ----------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, z: float) -> None:
        z = min(MAX_ZOOM, max(MIN_ZOOM, z))
        self.setTransform(QTransform.fromScale(z, z))

    def zoom_in(self) -> None:
        self._zoom_by(1.25)

    def zoom_out(self) -> None:
        self._zoom_by(0.8)

    def _zoom_by(self, factor: float) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(self.zoom() * factor)
        self.setTransformationAnchor(anchor)

    def fit(self) -> None:
        rect = self.scene().nodes_rect()
        if rect.isNull():
            self.setTransform(QTransform())
            self.centerOn(0, 0)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        z = min(FIT_MAX_ZOOM, max(MIN_ZOOM, self.zoom()))
        self.setTransform(QTransform.fromScale(z, z))
        self.centerOn(rect.center())

    def _after_replace(self) -> None:
        self._cancel_action()
        self.fit()

    # -- events --------------------------------------------------------------------------------
    def wheelEvent(self, event):
        dy = event.angleDelta().y()
        if dy:
            self.set_zoom(self.zoom() * (1.0015 ** dy))
            event.accept()
        else:
            super().wheelEvent(event)

    def dragEnterEvent(self, event):
        if event.mimeData().hasFormat(MIME_LAYER):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        if event.mimeData().hasFormat(MIME_LAYER):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event):
        mime = event.mimeData()
        if not mime.hasFormat(MIME_LAYER):
            event.ignore()
            return
        type_name = bytes(mime.data(MIME_LAYER)).decode("utf-8", "replace")
        if self.add_layer(type_name, self.mapToScene(event.position().toPoint())) is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.setFocus()

    def mousePressEvent(self, event):
        if self._action is not None:
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton
                                                      and self.space_held):
            self._start(PanAction(self), event)
            return
        if button == Qt.MouseButton.LeftButton:
            port = self.scene().port_at(self.mapToScene(event.position().toPoint()))
            if port is not None:
                self._start(NewLinkAction(self, port), event)
                return
        super().mousePressEvent(event)
        if button == Qt.MouseButton.LeftButton:
            self._move = MoveTracker(self)

    def _start(self, action, event) -> None:
        self._action = action
        action.press(event)
        event.accept()

    def mouseMoveEvent(self, event):
        if self._action is not None:
            self._action.move(event)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if self._action is not None:
            action, self._action = self._action, None
            action.release(event)
            event.accept()
            return
        super().mouseReleaseEvent(event)
        if self._move is not None and event.button() == Qt.MouseButton.LeftButton:
            move, self._move = self._move, None
            move.finish()

    def _cancel_action(self) -> None:
        if self._action is not None:
            action, self._action = self._action, None
            action.cancel()

    def keyPressEvent(self, event):
        if event.key() == Qt.Key.Key_Escape and self._action is not None:
            self._cancel_action()
            return
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event):
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_held = False
            if self._action is None:
                self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event):
        self.space_held = False
        super().focusOutEvent(event)

    def contextMenuEvent(self, event):
        scene_pos = self.mapToScene(event.pos())
        scene = self.scene()
        hit = scene.node_at(scene_pos)
        link = next((i for i in scene.items(scene_pos) if isinstance(i, LinkItem)), None)
        menu = QMenu(self)
        if hit is not None or link is not None:
            item = hit or link
            if not item.isSelected():
                scene.clearSelection()
                item.setSelected(True)
            if hit is not None:
                menu.addAction(translate("Canvas", "Copy"), self.copy)
                menu.addAction(translate("Canvas", "Cut"), self.cut)
            menu.addAction(translate("Canvas", "Delete"), self.delete_selected)
        else:
            add = menu.addMenu(translate("Canvas", "Add layer"))
            for name in LAYER_TYPES:
                act = QAction(layer_icon(name), layer_title(name), add)
                act.triggered.connect(lambda _=False, n=name, p=scene_pos: self.add_layer(n, p))
                add.addAction(act)
            paste = menu.addAction(translate("Canvas", "Paste"), self.paste)
            paste.setEnabled(self.can_paste())
            menu.addSeparator()
            menu.addAction(translate("Canvas", "Tidy layout"), self.tidy)
            menu.addAction(translate("Canvas", "Fit to window"), self.fit)
        menu.exec(event.globalPos())

    def drawBackground(self, painter: QPainter, rect: QRectF):
        super().drawBackground(painter, rect)
        step = 24 if self.zoom() >= 0.6 else 48
        if self.zoom() < 0.3:
            return
        left = int(rect.left()) - int(rect.left()) % step
        top = int(rect.top()) - int(rect.top()) % step
        painter.setPen(QPen(QColor("#d3d9e0"), 1.6 / max(self.zoom(), 0.1)))
        points = []
        x = left
        while x < rect.right():
            y = top
            while y < rect.bottom():
                points.append(QPointF(x, y))
                y += step
            x += step
        if len(points) < 40000:
            painter.drawPoints(points)


def layer_mime(type_name: str) -> QMimeData:
    """What the palette puts in a drag (and tests use to fake one)."""
    mime = QMimeData()
    mime.setData(MIME_LAYER, type_name.encode("utf-8"))
    return mime


__all__ = ["CanvasView", "MIME_LAYER", "MIME_FRAGMENT", "NodeItem", "layer_mime"]
