"""The small Python API: the same code the app and the CLI use, for notebooks and scripts.

>>> from nnsim import api
>>> project = api.load_project("resources/examples/xor.json")
>>> net, data = api.build(project)
>>> loss = net.compute_gradients(data.x_train[:32], data.y_train[:32])
>>> sorted(net.named_gradients())[:2]
['dense1.W', 'dense1.b']

See ``docs/api.md``.
"""

from __future__ import annotations

from .data import Dataset, make_dataset
from .engine.network import Network
from .spec import Project, compile_project, load_project, save_project
from .training import Trainer, load_dataset

__all__ = ["Dataset", "Network", "Project", "Trainer", "build", "load_dataset", "load_project",
           "make_dataset", "save_project", "train"]


def build(project: Project, dataset: Dataset | None = None) -> tuple[Network, Dataset]:
    """The project's engine network and data set (validated; raises SpecError / DataError)."""
    ds = dataset if dataset is not None else load_dataset(project.dataset)
    return compile_project(project, ds), ds


def train(project: Project, steps: int | None = None) -> Trainer:
    """Train ``project`` headless for ``steps`` (default: its budget) and return the Trainer."""
    trainer = Trainer(project)
    trainer.run(trainer.budget if steps is None else steps)
    return trainer
