"""The palette: every layer type of ``nnsim.spec.LAYER_TYPES``, grouped, with icons and tooltips.

Drag a type onto the canvas (mime type ``application/x-nnsim-layer``), or double-click it to
add it in the middle of the canvas. Below the list, the highlighted type's explanation and
formula.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDrag, QFont
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QLabel, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ..spec import LAYER_TYPES
from .canvas.view import layer_mime
from .i18n import layer_description, layer_title, translate
from .icons import layer_icon

TYPE_ROLE = Qt.ItemDataRole.UserRole + 1


def layer_tooltip(type_name: str) -> str:
    lt = LAYER_TYPES[type_name]
    html = f"<b>{layer_title(type_name)}</b><br>{_esc(layer_description(type_name))}"
    if lt.formula:
        html += f"<br><br><code>{_esc(lt.formula)}</code>"
    return f"<p style='white-space:pre-wrap'>{html}</p>"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PaletteTree(QTreeWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(6)
        self.setIconSize(QSize(22, 22))
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformRowHeights(False)
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont(self.font())
        bold.setBold(True)
        for name, lt in LAYER_TYPES.items():
            group = groups.get(lt.group)
            if group is None:
                group = QTreeWidgetItem(self, [translate("LayerTypes", lt.group).upper()])
                f = QFont(bold)
                f.setPointSizeF(max(7.0, f.pointSizeF() * 0.85))
                group.setFont(0, f)
                group.setForeground(0, self.palette().placeholderText())
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setSizeHint(0, QSize(0, 26))
                groups[lt.group] = group
            item = QTreeWidgetItem(group, [layer_title(name)])
            item.setIcon(0, layer_icon(name))
            item.setToolTip(0, layer_tooltip(name))
            item.setData(0, TYPE_ROLE, name)
            item.setSizeHint(0, QSize(0, 30))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsDragEnabled)
        self.expandAll()
        self.setItemsExpandable(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def content_height(self) -> int:
        h = 0
        for g in range(self.topLevelItemCount()):
            group = self.topLevelItem(g)
            h += group.sizeHint(0).height()
            for k in range(group.childCount()):
                h += group.child(k).sizeHint(0).height()
        return h + 2 * self.frameWidth() + 4

    def type_items(self) -> dict[str, QTreeWidgetItem]:
        out = {}
        for g in range(self.topLevelItemCount()):
            group = self.topLevelItem(g)
            for k in range(group.childCount()):
                item = group.child(k)
                out[item.data(0, TYPE_ROLE)] = item
        return out

    def mimeTypes(self):
        return ["application/x-nnsim-layer"]

    def startDrag(self, actions):
        item = self.currentItem()
        name = item.data(0, TYPE_ROLE) if item is not None else None
        if not name:
            return
        drag = QDrag(self)
        drag.setMimeData(layer_mime(name))
        drag.setPixmap(layer_icon(name).pixmap(32, 32))
        drag.exec(Qt.DropAction.CopyAction)


class Palette(QWidget):
    #: a layer type was double-clicked (or Enter pressed on it)
    layer_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.tree = PaletteTree(self)
        self.info = QLabel(self)
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.TextFormat.RichText)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info.setContentsMargins(8, 6, 8, 8)
        self.info.setMinimumHeight(150)
        self.info.setStyleSheet("QLabel { background: palette(base); color: palette(text);"
                                " border-top: 1px solid palette(mid); }")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.info)
        h = self.tree.content_height()
        self.tree.setMinimumHeight(min(h, 220))
        self.tree.setMaximumHeight(h)
        self.tree.currentItemChanged.connect(self._show_info)
        self.tree.itemActivated.connect(self._activated)
        self._show_info(None)

    def _show_info(self, item, _prev=None):
        name = item.data(0, TYPE_ROLE) if item is not None else None
        if not name:
            hint = self.tr("Drag a layer onto the canvas, or double-click it. Connect layers by "
                           "dragging from an output port (right) to an input port (left).")
            self.info.setText(f"<span style='color:gray'>{hint}</span>")
            return
        lt = LAYER_TYPES[name]
        html = f"<b>{layer_title(name)}</b><p>{_esc(layer_description(name))}</p>"
        if lt.formula:
            html += f"<p><code>{_esc(lt.formula)}</code></p>"
        self.info.setText(html)

    def _activated(self, item, _col=0):
        name = item.data(0, TYPE_ROLE)
        if name:
            self.layer_activated.emit(name)
