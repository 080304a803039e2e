"""The network a user draws: nodes, links, data set, training settings. Plain data, no Qt.

A ``Project`` is what a project file holds and what the canvas edits (through the UI's document
model, which emits events). ``to_dict``/``from_dict`` are the JSON form (``spec/io.py`` adds the
checks and the file handling).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from .registry import LAYER_TYPES, TRAINING_PARAMS

FORMAT = "nnsim"
VERSION = 1


@dataclass
class NodeSpec:
    id: str
    type: str
    params: dict = field(default_factory=dict)
    pos: tuple[float, float] = (0.0, 0.0)

    @classmethod
    def new(cls, id: str, type: str, pos=(0.0, 0.0), **params) -> "NodeSpec":
        """A node of ``type`` with the registry's defaults, overridden by ``params``."""
        merged = LAYER_TYPES[type].defaults()
        merged.update(params)
        return cls(id, type, merged, (float(pos[0]), float(pos[1])))


@dataclass(frozen=True)
class LinkSpec:
    """``src``'s output feeds ``dst``. Links into one node are its inputs, in list order."""

    src: str
    dst: str


@dataclass
class DatasetSpec:
    name: str = "xor"
    params: dict = field(default_factory=dict)


def default_training() -> dict:
    return {k: p.default for k, p in TRAINING_PARAMS.items()}


@dataclass
class Project:
    name: str = "Untitled"
    description: str = ""
    nodes: list[NodeSpec] = field(default_factory=list)
    links: list[LinkSpec] = field(default_factory=list)
    dataset: DatasetSpec = field(default_factory=DatasetSpec)
    training: dict = field(default_factory=default_training)
    #: Lesson text / notes shown beside the project (free text).
    notes: str = ""
    #: Trained weights ``{"layer.W": array}``, or None; saved beside or inside the file.
    weights: dict | None = None

    @classmethod
    def chain(cls, layers, loss: str = "cross_entropy", dataset: str = "xor",
              dataset_params: dict | None = None, name: str = "Untitled",
              spacing: float = 190.0, **training) -> "Project":
        """A left-to-right chain ``Input -> layers... -> Output(loss)``.

        ``layers``: ``(type, params)`` pairs; ids are ``dense1``, ``dense2``, ``lstm1``, ...
        ``training`` overrides the default training settings.
        """
        nodes = [NodeSpec.new("input", "Input", (0.0, 0.0))]
        counts: dict[str, int] = {}
        for k, (typ, params) in enumerate(layers, start=1):
            counts[typ] = counts.get(typ, 0) + 1
            nodes.append(NodeSpec.new(f"{typ.lower()}{counts[typ]}", typ, (k * spacing, 0.0),
                                      **params))
        nodes.append(NodeSpec.new("output", "Output", ((len(nodes)) * spacing, 0.0), loss=loss))
        links = [LinkSpec(a.id, b.id) for a, b in zip(nodes, nodes[1:])]
        tr = default_training()
        tr.update(training)
        return cls(name=name, nodes=nodes, links=links,
                   dataset=DatasetSpec(dataset, dict(dataset_params or {})), training=tr)

    # -- lookups ---------------------------------------------------------------------------------
    def node(self, node_id: str) -> NodeSpec:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def has_node(self, node_id: str) -> bool:
        return any(n.id == node_id for n in self.nodes)

    def inputs_of(self, node_id: str) -> list[str]:
        return [l.src for l in self.links if l.dst == node_id]

    def outputs_of(self, node_id: str) -> list[str]:
        return [l.dst for l in self.links if l.src == node_id]

    def new_id(self, type_name: str) -> str:
        """A readable unused id: ``dense1``, ``dense2``, ..."""
        base = type_name.lower()
        taken = {n.id for n in self.nodes}
        i = 1
        while f"{base}{i}" in taken:
            i += 1
        return f"{base}{i}"

    def copy(self) -> "Project":
        return copy.deepcopy(self)

    # -- JSON form -------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "version": VERSION,
            "name": self.name,
            "description": self.description,
            "notes": self.notes,
            "nodes": [
                {"id": n.id, "type": n.type, "params": dict(n.params), "pos": list(n.pos)}
                for n in self.nodes
            ],
            "links": [{"src": l.src, "dst": l.dst} for l in self.links],
            "dataset": {"name": self.dataset.name, "params": dict(self.dataset.params)},
            "training": dict(self.training),
        }

    def __eq__(self, other) -> bool:  # weights compared by value
        if not isinstance(other, Project):
            return NotImplemented
        if self.to_dict() != other.to_dict():
            return False
        a, b = self.weights or {}, other.weights or {}
        import numpy as np

        return a.keys() == b.keys() and all(np.array_equal(a[k], b[k]) for k in a)
