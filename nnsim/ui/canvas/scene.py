"""The scene mirrors the document: a node -> item map, updated only on the document's events."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsScene

from ...spec import LinkSpec, Validation
from ..document import Document
from ..i18n import problem_text
from .items import LinkItem, NodeItem, PortItem


class CanvasScene(QGraphicsScene):
    #: the ids of the selected layers changed
    node_selection_changed = Signal(list)

    def __init__(self, doc: Document, parent=None):
        super().__init__(parent)
        self.doc = doc
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[LinkSpec, LinkItem] = {}
        self._health: dict[str, tuple[str, str]] = {}
        self._highlighted: set[str] = set()
        self._reroute_timer = QTimer(self)  # dies with the scene
        self._reroute_timer.setSingleShot(True)
        self._reroute_timer.setInterval(0)
        self._reroute_timer.timeout.connect(self._do_reroute)
        self.setBackgroundBrush(QColor("#f4f6f8"))
        self.setSceneRect(QRectF(-20000, -20000, 40000, 40000))
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        doc.node_added.connect(self._on_node_added)
        doc.node_removed.connect(self._on_node_removed)
        doc.node_moved.connect(self._on_node_moved)
        doc.link_added.connect(self._on_link_added)
        doc.link_removed.connect(self._on_link_removed)
        doc.param_changed.connect(self._on_param_changed)
        doc.project_replaced.connect(self.rebuild)
        doc.validated.connect(self._on_validated)
        self.selectionChanged.connect(self._on_selection_changed)
        self.rebuild()

    # -- mirror --------------------------------------------------------------------------------
    def rebuild(self) -> None:
        for link in list(self.links.values()):
            link.detach()
        self.clear()
        self.nodes.clear()
        self.links.clear()
        self._health.clear()
        self._highlighted.clear()
        for n in self.doc.project.nodes:
            self._add_node_item(n.id)
        for l in self.doc.project.links:
            self._on_link_added(l)
        self._on_validated(self.doc.validation)
        self._on_selection_changed()

    def _add_node_item(self, node_id: str) -> NodeItem:
        item = NodeItem(self.doc.project.node(node_id))
        self.nodes[node_id] = item
        self.addItem(item)
        return item

    def _on_node_added(self, node_id: str) -> None:
        self._add_node_item(node_id)
        self._reroute()

    def _on_node_removed(self, node_id: str) -> None:
        item = self.nodes.pop(node_id, None)
        if item is not None:
            for link in list(item.links):
                self._drop_link_item(link)
            self.removeItem(item)
        self._health.pop(node_id, None)
        self._highlighted.discard(node_id)

    def _on_node_moved(self, node_id: str) -> None:
        item = self.nodes.get(node_id)
        if item is not None:
            x, y = self.doc.project.node(node_id).pos
            if item.pos() != QPointF(x, y):
                item.setPos(x, y)
        self._reroute()

    def _reroute(self) -> None:
        """Links that pass other layers arch over them: re-check after layers moved."""
        self._reroute_timer.start()  # once, after the current burst of changes

    def _do_reroute(self) -> None:
        for link in self.links.values():
            link.update_path()

    def _on_link_added(self, link: LinkSpec) -> None:
        if link in self.links:
            return  # a duplicate link (validation reports it) shares the item
        src, dst = self.nodes.get(link.src), self.nodes.get(link.dst)
        if src is None or dst is None:
            return  # a link to a missing node: validation reports it
        item = LinkItem(src, dst)
        self.links[link] = item
        self.addItem(item)

    def _on_link_removed(self, link: LinkSpec) -> None:
        if link in self.doc.project.links:
            return  # another copy remains
        item = self.links.get(link)
        if item is not None:
            self._drop_link_item(item)

    def _drop_link_item(self, item: LinkItem) -> None:
        item.detach()
        self.links.pop(LinkSpec(*item.key), None)
        if item.scene() is self:
            self.removeItem(item)

    def _on_param_changed(self, node_id: str, key: str) -> None:
        item = self.nodes.get(node_id)
        if item is not None:
            item.update_from(self.doc.project.node(node_id),
                             self.doc.validation.shapes.get(node_id))

    def _on_validated(self, v: Validation) -> None:
        by_node: dict[str, list[str]] = {}
        by_link: dict[tuple, list[str]] = {}
        for p in v.problems:
            if p.link is not None:
                by_link.setdefault(tuple(p.link), []).append(problem_text(p))
            if p.node is not None:
                by_node.setdefault(p.node, []).append(problem_text(p))
        for nid, item in self.nodes.items():
            item.set_problems(by_node.get(nid, []))
            if self.doc.project.has_node(nid):
                item.update_from(self.doc.project.node(nid), v.shapes.get(nid))
        for link, item in self.links.items():
            item.set_problems(by_link.get((link.src, link.dst), []))
            item.set_tensor_shape(v.shapes.get(link.src))

    # -- training feedback ---------------------------------------------------------------------
    def set_layer_health(self, health: dict) -> None:
        """``{node_id: (kind, message)}``: tint those layers; every other layer is healthy."""
        self._health = {k: (str(v[0]), str(v[1])) for k, v in health.items()}
        for nid, item in self.nodes.items():
            item.set_health(self._health.get(nid))

    def highlight(self, node_ids) -> None:
        self._highlighted = set(node_ids or ())
        for nid, item in self.nodes.items():
            item.set_highlighted(nid in self._highlighted)

    # -- queries -------------------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        order = {n.id: i for i, n in enumerate(self.doc.project.nodes)}
        ids = [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]
        return sorted(ids, key=lambda i: order.get(i, 0))

    def selected_links(self) -> list[LinkSpec]:
        return [LinkSpec(*i.key) for i in self.selectedItems() if isinstance(i, LinkItem)]

    def select_nodes(self, node_ids) -> None:
        ids = set(node_ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for nid in ids:
                if nid in self.nodes:
                    self.nodes[nid].setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()  # once, for the whole new selection

    def port_at(self, pos: QPointF) -> PortItem | None:
        for item in self.items(pos):
            if isinstance(item, PortItem):
                return item
        return None

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem):
                return item
            if isinstance(item, PortItem):
                return item.node
        return None

    def nodes_rect(self) -> QRectF:
        rect = QRectF()
        for item in self.nodes.values():
            rect = rect.united(item.sceneBoundingRect())
        for item in self.links.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def _on_selection_changed(self) -> None:
        try:
            self.node_selection_changed.emit(self.selected_node_ids())
        except RuntimeError:  # the scene is being destroyed
            pass
