"""Every edit as a ``QUndoCommand`` on one ``QUndoStack`` (GUIDE.md section 3).

``redo`` and ``undo`` call ``Document`` methods only; the canvas and the inspector follow through
the document's signals. Commands store plain values (ids, copies of nodes, indices), so undoing
restores the identical project, link order included (links into a node are its inputs, in order).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..spec import LAYER_TYPES, LinkSpec, NodeSpec
from ..spec.model import DatasetSpec
from .document import Document, _copy_node
from .i18n import layer_title, translate

# ids for mergeWith: consecutive edits of one value merge into one undo step
_MERGE_PARAM = 1001
_MERGE_TRAINING = 1002


class MacroCommand(QUndoCommand):
    """Several commands as one undo step. Python keeps the parts (Qt's parent/child commands
    would let PySide drop the Python side of a child and crash on redo)."""

    def __init__(self, doc: Document, text: str, parts=()):
        super().__init__(text)
        self.doc = doc
        self.parts: list[QUndoCommand] = list(parts)

    def add(self, part: QUndoCommand) -> QUndoCommand:
        self.parts.append(part)
        return part

    def redo(self):
        with self.doc.batch():
            for part in self.parts:
                part.redo()

    def undo(self):
        with self.doc.batch():
            for part in reversed(self.parts):
                part.undo()


class AddNodeCommand(QUndoCommand):
    def __init__(self, doc: Document, node: NodeSpec):
        super().__init__(translate("Commands", "Add {0}").format(layer_title(node.type)))
        self.doc, self.node = doc, _copy_node(node)

    def redo(self):
        self.doc.add_node(self.node)

    def undo(self):
        self.doc.remove_node(self.node.id)


class AddLinkCommand(QUndoCommand):
    def __init__(self, doc: Document, link: LinkSpec, index: int | None = None):
        super().__init__(translate("Commands", "Connect {0} → {1}").format(link.src, link.dst))
        self.doc, self.link, self.index = doc, link, index

    def redo(self):
        self.doc.add_link(self.link, self.index)

    def undo(self):
        self.doc.remove_link(self.link)


class RemoveCommand(QUndoCommand):
    """Delete nodes (with every link touching them) and links; undo puts all back in place."""

    def __init__(self, doc: Document, node_ids=(), links=(), text: str = ""):
        super().__init__()
        p = doc.project
        node_ids = [n.id for n in p.nodes if n.id in set(node_ids)]
        gone = set(node_ids)
        wanted = set(links)
        #: (index, link) of every link removed, ascending
        self.links = [(i, l) for i, l in enumerate(p.links)
                      if l in wanted or l.src in gone or l.dst in gone]
        #: (index, node) ascending
        self.nodes = [(i, _copy_node(n)) for i, n in enumerate(p.nodes) if n.id in gone]
        self.doc = doc
        if not text:
            if len(self.nodes) == 1:
                text = translate("Commands", "Delete {0}").format(self.nodes[0][1].id)
            elif self.nodes:
                text = translate("Commands", "Delete {0} layers").format(len(self.nodes))
            elif len(self.links) == 1:
                l = self.links[0][1]
                text = translate("Commands", "Disconnect {0} → {1}").format(l.src, l.dst)
            else:
                text = translate("Commands", "Delete {0} links").format(len(self.links))
        self.setText(text)

    def is_empty(self) -> bool:
        return not (self.nodes or self.links)

    def redo(self):
        with self.doc.batch():
            for _, link in reversed(self.links):
                self.doc.remove_link(link)
            for _, node in reversed(self.nodes):
                self.doc.remove_node(node.id)

    def undo(self):
        with self.doc.batch():
            for i, node in self.nodes:
                self.doc.add_node(node, i)
            for i, link in self.links:
                self.doc.add_link(link, i)


class MoveNodesCommand(QUndoCommand):
    def __init__(self, doc: Document, moves: dict, text: str = ""):
        """``moves``: ``{node_id: (old_pos, new_pos)}``."""
        super().__init__(text or (
            translate("Commands", "Move {0}").format(next(iter(moves))) if len(moves) == 1
            else translate("Commands", "Move {0} layers").format(len(moves))))
        self.doc = doc
        self.moves = {k: (tuple(map(float, a)), tuple(map(float, b))) for k, (a, b) in moves.items()}

    def redo(self):
        for nid, (_, new) in self.moves.items():
            self.doc.move_node(nid, new)

    def undo(self):
        for nid, (old, _) in self.moves.items():
            self.doc.move_node(nid, old)


class SetParamCommand(QUndoCommand):
    def __init__(self, doc: Document, node_id: str, key: str, value):
        super().__init__()
        self.doc, self.node_id, self.key, self.new = doc, node_id, key, value
        params = doc.project.node(node_id).params
        self.had = key in params
        self.old = params.get(key)
        self._title()

    def _title(self):
        self.setText(translate("Commands", "Set {0}.{1} = {2}").format(self.node_id, self.key,
                                                                      self.new))

    def id(self):
        return _MERGE_PARAM

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetParamCommand) or (other.node_id, other.key) != (self.node_id,
                                                                                    self.key):
            return False
        self.new = other.new
        self._title()
        return True

    def redo(self):
        self.doc.set_param(self.node_id, self.key, self.new)

    def undo(self):
        if self.had:
            self.doc.set_param(self.node_id, self.key, self.old)


class SetTrainingCommand(QUndoCommand):
    def __init__(self, doc: Document, key: str, value):
        super().__init__(translate("Commands", "Set {0} = {1}").format(key, value))
        self.doc, self.key, self.new = doc, key, value
        self.old = doc.project.training.get(key)

    def id(self):
        return _MERGE_TRAINING

    def mergeWith(self, other) -> bool:
        if not isinstance(other, SetTrainingCommand) or other.key != self.key:
            return False
        self.new = other.new
        self.setText(translate("Commands", "Set {0} = {1}").format(self.key, self.new))
        return True

    def redo(self):
        self.doc.set_training(self.key, self.new)

    def undo(self):
        self.doc.set_training(self.key, self.old)


class SetDatasetCommand(QUndoCommand):
    def __init__(self, doc: Document, spec: DatasetSpec, text: str = ""):
        super().__init__(text or translate("Commands", "Data set {0}").format(spec.name))
        old = doc.project.dataset
        self.doc = doc
        self.old = DatasetSpec(old.name, dict(old.params))
        self.new = DatasetSpec(spec.name, dict(spec.params))

    def redo(self):
        self.doc.set_dataset(self.new)

    def undo(self):
        self.doc.set_dataset(self.old)


def paste_command(doc: Document, fragment: dict, offset=(30.0, 30.0)) -> tuple[MacroCommand, list]:
    """A "Paste" macro adding ``fragment``'s nodes (with fresh ids) and its inner links.

    ``fragment``: ``{"nodes": [node dicts], "links": [{"src", "dst"}]}`` as ``copy_fragment``
    makes it. Returns the command and the new node ids (the caller selects them).
    """
    macro = MacroCommand(doc, translate("Commands", "Paste"))
    taken = {n.id for n in doc.project.nodes}
    renamed = {}
    for n in fragment.get("nodes", []):
        t = n["type"]
        if t not in LAYER_TYPES:
            continue
        base, i = t.lower(), 1
        while f"{base}{i}" in taken:
            i += 1
        new_id = f"{base}{i}"
        taken.add(new_id)
        renamed[n["id"]] = new_id
        params = LAYER_TYPES[t].defaults()
        params.update({k: v for k, v in n.get("params", {}).items() if k in params})
        x, y = n.get("pos", (0, 0))
        macro.add(AddNodeCommand(doc, NodeSpec(new_id, t, params,
                                               (x + offset[0], y + offset[1]))))
    for l in fragment.get("links", []):
        if l["src"] in renamed and l["dst"] in renamed:
            macro.add(AddLinkCommand(doc, LinkSpec(renamed[l["src"]], renamed[l["dst"]])))
    macro.setText(translate("Commands", "Paste 1 layer") if len(renamed) == 1
                  else translate("Commands", "Paste {0} layers").format(len(renamed)))
    return macro, list(renamed.values())


def copy_fragment(doc: Document, node_ids) -> dict:
    """The selected nodes and the links between them, as plain JSON-able data."""
    ids = set(node_ids)
    p = doc.project
    return {
        "nodes": [{"id": n.id, "type": n.type, "params": dict(n.params), "pos": list(n.pos)}
                  for n in p.nodes if n.id in ids],
        "links": [{"src": l.src, "dst": l.dst} for l in p.links if l.src in ids and l.dst in ids],
    }


def connect_command(doc: Document, src: str, dst: str) -> QUndoCommand | None:
    """Connect ``src`` → ``dst``; a one-input layer's old input is replaced (one undo step).

    None when the link makes no sense (itself, a duplicate, into an Input, out of an Output).
    """
    p = doc.project
    if src == dst or not (p.has_node(src) and p.has_node(dst)):
        return None
    s, d = LAYER_TYPES.get(p.node(src).type), LAYER_TYPES.get(p.node(dst).type)
    if s is None or d is None or not s.has_output or d.n_inputs == 0:
        return None
    link = LinkSpec(src, dst)
    if link in p.links:
        return None
    old = [l for l in p.links if l.dst == dst] if d.n_inputs == 1 else []
    if not old:
        return AddLinkCommand(doc, link)
    index = p.links.index(old[0])
    return MacroCommand(doc, translate("Commands", "Connect {0} → {1}").format(src, dst),
                        [RemoveCommand(doc, links=old), AddLinkCommand(doc, link, index)])
