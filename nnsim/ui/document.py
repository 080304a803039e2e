"""The document the canvas edits: a ``Project`` plus past-tense Qt signals (GUIDE.md section 3).

Views (the canvas scene, the inspector, the status bar) take a ``Document``, connect to its
signals and never own state. Every user edit goes through a ``QUndoCommand`` (``commands.py``)
whose ``redo``/``undo`` call the mutation methods below, and only those.

After each change the document re-validates the network against the shape of its data set
(``nnsim.spec.validate``) and emits ``validated``. The data set is built once per (name, params)
and cached: a parameter edit does not regenerate 1,800 digits.
"""

from __future__ import annotations

import contextlib
import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from ..data import DataError, Dataset
from ..spec import DataShape, LinkSpec, NodeSpec, Problem, Project, Validation, validate
from ..spec.registry import Text
from ..spec.model import DatasetSpec
from ..training import load_dataset


class DatasetCache:
    """The data sets built so far, keyed by (name, params); a few at most."""

    MAX_ENTRIES = 4

    def __init__(self):
        self._entries: dict[tuple, Dataset | DataError] = {}

    @staticmethod
    def key(spec: DatasetSpec) -> tuple:
        return spec.name, json.dumps(spec.params, sort_keys=True, default=str)

    def get(self, spec: DatasetSpec) -> Dataset:
        """The data set for ``spec``; raises ``DataError`` (also cached) when it cannot be made."""
        k = self.key(spec)
        if k not in self._entries:
            try:
                value = load_dataset(spec)
            except DataError as e:
                value = e
            except (KeyError, TypeError) as e:  # unknown name or parameter
                value = DataError(f"Data set {spec.name!r} cannot be made: {e}")
            if len(self._entries) >= self.MAX_ENTRIES:
                self._entries.pop(next(iter(self._entries)))
            self._entries[k] = value
        value = self._entries[k]
        if isinstance(value, DataError):
            raise value
        return value


class Document(QObject):
    """A project being edited. Node ids are the handles the signals carry."""

    node_added = Signal(str)
    node_removed = Signal(str)
    node_moved = Signal(str)
    link_added = Signal(object)  # LinkSpec
    link_removed = Signal(object)  # LinkSpec
    param_changed = Signal(str, str)  # node id, parameter name
    dataset_changed = Signal()
    training_changed = Signal(str)  # training setting name
    project_replaced = Signal()
    #: after every change (or batch of changes): the new ``Validation``
    validated = Signal(object)

    def __init__(self, project: Project | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._project = project.copy() if project is not None else Project()
        self._datasets = DatasetCache()
        self._batch_depth = 0
        self._stale = False
        self._validation = Validation()
        self._data_problem: str | None = None
        self._revalidate()

    # -- reading -------------------------------------------------------------------------------
    @property
    def project(self) -> Project:
        """The live project. Read it; change it only through the methods below."""
        return self._project

    def snapshot(self) -> Project:
        """A deep copy, for saving, training and comparisons."""
        return self._project.copy()

    @property
    def validation(self) -> Validation:
        """Always current: a listener of an event that reads it gets the new state."""
        if self._stale:
            self._revalidate()
        return self._validation

    def dataset(self) -> Dataset | None:
        """The project's data set, or None when it cannot be made (see ``data_problem``)."""
        try:
            return self._datasets.get(self._project.dataset)
        except DataError:
            return None

    @property
    def data_problem(self) -> str | None:
        return self._data_problem

    # -- mutations (called by commands) ------------------------------------------------------
    def add_node(self, node: NodeSpec, index: int | None = None) -> None:
        if self._project.has_node(node.id):
            raise ValueError(f"a layer named {node.id!r} exists already")
        nodes = self._project.nodes
        nodes.insert(len(nodes) if index is None else index, _copy_node(node))
        self._stale = True  # listeners reading .validation get the new one
        self.node_added.emit(node.id)
        self._changed()

    def remove_node(self, node_id: str) -> tuple[NodeSpec, int]:
        """Remove a node with no links left; returns it and its index (for undo)."""
        if any(node_id in (l.src, l.dst) for l in self._project.links):
            raise ValueError(f"remove the links of {node_id!r} first")
        nodes = self._project.nodes
        index = next(i for i, n in enumerate(nodes) if n.id == node_id)
        node = nodes.pop(index)
        self._stale = True
        self.node_removed.emit(node_id)
        self._changed()
        return node, index

    def move_node(self, node_id: str, pos) -> None:
        node = self._project.node(node_id)
        pos = (float(pos[0]), float(pos[1]))
        if node.pos != pos:
            node.pos = pos
            self.node_moved.emit(node_id)  # moves do not change validity

    def add_link(self, link: LinkSpec, index: int | None = None) -> None:
        links = self._project.links
        links.insert(len(links) if index is None else index, link)
        self._stale = True
        self.link_added.emit(link)
        self._changed()

    def remove_link(self, link: LinkSpec) -> int:
        """Remove (the last copy of) ``link``; returns its index (for undo)."""
        links = self._project.links
        index = max(i for i, l in enumerate(links) if l == link)
        links.pop(index)
        self._stale = True
        self.link_removed.emit(link)
        self._changed()
        return index

    def set_param(self, node_id: str, key: str, value) -> None:
        node = self._project.node(node_id)
        if key in node.params and _same(node.params[key], value):
            return
        node.params[key] = value
        self._stale = True
        self.param_changed.emit(node_id, key)
        self._changed()

    def set_dataset(self, spec: DatasetSpec) -> None:
        self._project.dataset = DatasetSpec(spec.name, dict(spec.params))
        self._stale = True
        self.dataset_changed.emit()
        self._changed()

    def set_training(self, key: str, value) -> None:
        tr = self._project.training
        if key in tr and _same(tr[key], value):
            return
        tr[key] = value
        self._stale = True
        self.training_changed.emit(key)
        self._changed()

    def replace_project(self, project: Project) -> None:
        """A whole new project (file opened, New, recovery): views rebuild from scratch."""
        self._project = project.copy()
        self._stale = True
        self.project_replaced.emit()
        self._changed()

    @contextlib.contextmanager
    def batch(self):
        """Validate once after several changes (a paste, a deletion of many layers)."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._stale:
                self._revalidate()

    # -- validation ----------------------------------------------------------------------------
    def _changed(self) -> None:
        """After an event: validate now (and emit ``validated``) unless a listener already
        did or a batch is open."""
        if self._batch_depth == 0 and self._stale:
            self._revalidate()

    def _revalidate(self) -> None:
        self._stale = False
        shape = None
        self._data_problem = None
        try:
            shape = DataShape.of(self._datasets.get(self._project.dataset))
        except DataError as e:
            self._data_problem = str(e)
        v = validate(self._project, shape)
        if self._data_problem:
            text = Text.make("Document", QT_TRANSLATE_NOOP("Document", "Data set: {problem}"),
                             problem=self._data_problem)
            v.problems.insert(0, Problem(str(text), text=text))
        self._validation = v
        self.validated.emit(v)


def _copy_node(node: NodeSpec) -> NodeSpec:
    return NodeSpec(node.id, node.type, dict(node.params), (float(node.pos[0]), float(node.pos[1])))


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b
