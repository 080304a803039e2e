"""The canvas: a QGraphicsScene mirroring the document, its items, gestures and the view.

``CanvasView(doc, undo_stack)`` is the widget; ``view.scene()`` the ``CanvasScene`` with its
``nodes`` (id -> ``NodeItem``) and ``links`` (``LinkSpec`` -> ``LinkItem``) maps.
"""

from .items import LinkItem, NodeItem, PortItem, node_summary
from .layout import tidy_positions
from .scene import CanvasScene
from .view import MIME_FRAGMENT, MIME_LAYER, CanvasView, layer_mime

__all__ = ["CanvasScene", "CanvasView", "LinkItem", "MIME_FRAGMENT", "MIME_LAYER", "NodeItem",
           "PortItem", "layer_mime", "node_summary", "tidy_positions"]
