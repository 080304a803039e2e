"""Every kind of edit, undone and redone through the one QUndoStack, gives back the identical
project (``Project.__eq__``), link order included."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from nnsim.paths import resource_path
from nnsim.spec import LinkSpec, NodeSpec, load_project
from nnsim.spec.model import DatasetSpec
from nnsim.ui.commands import (AddLinkCommand, AddNodeCommand, MoveNodesCommand, RemoveCommand,
                               SetDatasetCommand, SetParamCommand, SetTrainingCommand,
                               connect_command, copy_fragment, paste_command)
from nnsim.ui.document import Document


@pytest.fixture
def doc(qapp):
    return Document(load_project(resource_path("examples", "spirals.json")))


@pytest.fixture
def stack(qapp):
    return QUndoStack()


def _round_trip(doc, stack, make_command):
    before = doc.snapshot()
    stack.push(make_command())
    after = doc.snapshot()
    assert after != before, "the edit changed nothing"
    stack.undo()
    assert doc.project == before
    stack.redo()
    assert doc.project == after
    stack.undo()
    assert doc.project == before
    return after


def test_add_node(doc, stack):
    after = _round_trip(doc, stack, lambda: AddNodeCommand(doc, NodeSpec.new("lstm1", "LSTM",
                                                                              (5, 6))))
    assert after.node("lstm1").params["units"] == 16


def test_remove_node_restores_its_links_in_order(doc, stack):
    # dense3 sits between dense2 and dense4: deleting it takes both links
    after = _round_trip(doc, stack, lambda: RemoveCommand(doc, ["dense3"]))
    assert not after.has_node("dense3")
    assert all("dense3" not in (l.src, l.dst) for l in after.links)


def test_remove_many_nodes_and_a_link(doc, stack):
    _round_trip(doc, stack, lambda: RemoveCommand(doc, ["input", "output"],
                                                  [LinkSpec("dense2", "dense3")]))


def test_move(doc, stack):
    after = _round_trip(doc, stack, lambda: MoveNodesCommand(
        doc, {"dense1": ((190.0, 0.0), (200.5, 40.0)), "dense2": ((380.0, 0.0), (1.0, 2.0))}))
    assert after.node("dense1").pos == (200.5, 40.0)


def test_connect_and_disconnect(doc, stack):
    stack.push(AddNodeCommand(doc, NodeSpec.new("add1", "Add", (0, 200))))
    _round_trip(doc, stack, lambda: AddLinkCommand(doc, LinkSpec("dense1", "add1")))
    _round_trip(doc, stack, lambda: RemoveCommand(doc, links=[LinkSpec("dense4", "dense5")]))


def test_connect_replaces_a_single_input_in_place(doc, stack):
    order = list(doc.project.links)
    after = _round_trip(doc, stack, lambda: connect_command(doc, "dense1", "dense3"))
    assert LinkSpec("dense2", "dense3") not in after.links
    k = order.index(LinkSpec("dense2", "dense3"))
    assert after.links[k] == LinkSpec("dense1", "dense3")


@pytest.mark.parametrize("src,dst", [("dense1", "dense1"), ("dense1", "input"),
                                     ("output", "dense1"), ("input", "dense1")])
def test_connect_refuses_nonsense(doc, src, dst):
    assert connect_command(doc, src, dst) is None


def test_param_change_and_merge(doc, stack):
    _round_trip(doc, stack, lambda: SetParamCommand(doc, "dense1", "units", 32))
    before = doc.snapshot()
    stack.push(SetParamCommand(doc, "dense1", "activation", "relu"))
    stack.push(SetParamCommand(doc, "dense1", "activation", "sigmoid"))
    assert stack.count() == 1  # the two edits of one value merged into one step
    stack.undo()
    assert doc.project == before


def test_paste(doc, stack):
    fragment = copy_fragment(doc, ["dense1", "dense2"])
    cmd, ids = paste_command(doc, fragment)
    after = _round_trip(doc, stack, lambda: cmd)
    assert ids == ["dense6", "dense7"]
    assert LinkSpec("dense6", "dense7") in after.links
    assert after.node("dense6").pos == (220.0, 30.0)


def test_dataset_change(doc, stack):
    after = _round_trip(doc, stack, lambda: SetDatasetCommand(doc, DatasetSpec("moons",
                                                                               {"noise": 0.2})))
    assert after.dataset.name == "moons"


def test_training_change(doc, stack):
    after = _round_trip(doc, stack, lambda: SetTrainingCommand(doc, "learning_rate", 0.1))
    assert after.training["learning_rate"] == 0.1


def test_signals_are_past_tense_and_validation_follows(doc, stack, qtbot):
    events = []
    for name in ("node_added", "node_removed", "link_added", "link_removed", "param_changed"):
        getattr(doc, name).connect(lambda *a, n=name: events.append(n))
    assert doc.validation.ok
    with qtbot.waitSignal(doc.validated) as blocker:
        stack.push(SetParamCommand(doc, "dense5", "units", 3))
    assert not blocker.args[0].ok
    assert "set units of 'dense5' to 2" in " ".join(blocker.args[0].messages())
    stack.push(RemoveCommand(doc, ["dense3"]))
    stack.undo()
    assert events == ["param_changed", "link_removed", "link_removed", "node_removed",
                      "node_added", "link_added", "link_added"]


def test_dataset_is_built_once_per_parameters(doc, monkeypatch):
    import nnsim.ui.document as document

    calls = []
    real = document.load_dataset
    monkeypatch.setattr(document, "load_dataset", lambda spec: calls.append(spec) or real(spec))
    d = Document(doc.project)
    d.set_param("dense1", "units", 8)
    d.set_param("dense1", "units", 9)
    assert len(calls) == 1


def test_a_dataset_that_cannot_be_made_is_a_problem(doc):
    doc.set_dataset(DatasetSpec("csv", {"path": "/nowhere/at/all.csv"}))
    v = doc.validation
    assert not v.ok
    assert v.problems[0].message.startswith("Data set:")
    assert doc.dataset() is None
