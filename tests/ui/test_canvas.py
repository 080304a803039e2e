"""The canvas with real events: drops from the palette, links drawn with the mouse, moves,
rubber-band selection, delete, copy/paste, zoom, tidy, and validation shown on the items."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from nnsim.paths import resource_path
from nnsim.spec import LAYER_TYPES, LinkSpec, NodeSpec, Project, load_project
from nnsim.ui.canvas import CanvasView, layer_mime, tidy_positions
from nnsim.ui.commands import MoveNodesCommand, SetParamCommand
from nnsim.ui.document import Document
from nnsim.ui.palette import Palette, PaletteTree

LEFT = Qt.MouseButton.LeftButton
NOMOD = Qt.KeyboardModifier.NoModifier


def make_view(qtbot, project=None):
    doc = Document(project if project is not None else Project())
    stack = QUndoStack()
    view = CanvasView(doc, stack)
    view.resize(1000, 700)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.set_zoom(1.0)
    view.centerOn(0, 0)
    view._test_stack = stack  # keep it alive with the view
    return doc, stack, view


@pytest.fixture
def spirals(qtbot):
    return make_view(qtbot, load_project(resource_path("examples", "spirals.json")))


def drop(view, type_name: str, pos: QPoint) -> None:
    """A palette drag arriving on the viewport: enter, move, drop (GUIDE.md section 6)."""
    mime = layer_mime(type_name)
    vp = view.viewport()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(pos, actions, mime, LEFT, NOMOD)
    QApplication.sendEvent(vp, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, actions, mime, LEFT, NOMOD)
    QApplication.sendEvent(vp, move)
    assert move.isAccepted()
    ev = QDropEvent(QPointF(pos), actions, mime, LEFT, NOMOD, QEvent.Type.Drop)
    QApplication.sendEvent(vp, ev)


def vp_pos(view, scene_point) -> QPoint:
    return view.mapFromScene(scene_point)


def drag(view, a: QPoint, b: QPoint, steps: int = 6) -> None:
    vp = view.viewport()
    QTest.mousePress(vp, LEFT, NOMOD, a)
    for k in range(1, steps + 1):
        QTest.mouseMove(vp, a + (b - a) * k / steps)
    QTest.mouseRelease(vp, LEFT, NOMOD, b)


def test_drop_every_palette_type(qtbot):
    doc, stack, view = make_view(qtbot)
    palette_types = set(PaletteTree().type_items())
    assert palette_types == set(LAYER_TYPES)
    for k, name in enumerate(LAYER_TYPES):
        pos = QPoint(80 + 90 * k, 120 + 40 * (k % 3))
        drop(view, name, pos)
        node = doc.project.nodes[-1]
        assert node.type == name
        assert node.params == LAYER_TYPES[name].defaults()
        expected = view.mapToScene(pos)
        assert node.pos == (round(expected.x()), round(expected.y()))
        assert node.id in view.scene().nodes
        assert view.scene().selected_node_ids() == [node.id]
    assert [n.type for n in doc.project.nodes] == list(LAYER_TYPES)
    assert stack.count() == len(LAYER_TYPES)
    stack.undo()
    assert len(doc.project.nodes) == len(LAYER_TYPES) - 1


def test_drop_of_something_else_is_refused(qtbot):
    doc, stack, view = make_view(qtbot)
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setText("Dense")
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, LEFT, NOMOD)
    QApplication.sendEvent(view.viewport(), enter)
    assert not enter.isAccepted()
    assert doc.project.nodes == []


def test_connect_ports_by_mouse(qtbot):
    p = Project(nodes=[NodeSpec.new("input", "Input", (0, 0)),
                       NodeSpec.new("dense1", "Dense", (250, 60))])
    doc, stack, view = make_view(qtbot, p)
    items = view.scene().nodes
    drag(view, vp_pos(view, items["input"].output_pos()), vp_pos(view, items["dense1"].input_pos()))
    assert doc.project.links == [LinkSpec("input", "dense1")]
    assert LinkSpec("input", "dense1") in view.scene().links
    stack.undo()
    assert doc.project.links == []
    assert not view.scene().links
    # backwards, from an input port to an output port, and dropped on the layer's body
    drag(view, vp_pos(view, items["dense1"].input_pos()), vp_pos(view, items["input"].pos()))
    assert doc.project.links == [LinkSpec("input", "dense1")]


def test_link_drag_to_nowhere_or_nonsense_adds_nothing(qtbot):
    p = Project(nodes=[NodeSpec.new("input", "Input", (0, 0)),
                       NodeSpec.new("output", "Output", (250, 0))])
    doc, stack, view = make_view(qtbot, p)
    items = view.scene().nodes
    drag(view, vp_pos(view, items["input"].output_pos()), QPoint(900, 650))
    # Output has no output port; from Input's output into Input itself is refused
    drag(view, vp_pos(view, items["input"].output_pos()), vp_pos(view, items["input"].pos()))
    assert doc.project.links == []
    assert stack.count() == 0
    assert items["output"].output_port is None and items["input"].input_port is None


def test_move_by_mouse_is_one_undo_step(spirals, qtbot):
    doc, stack, view = spirals
    item = view.scene().nodes["dense2"]
    start = item.pos()
    a = vp_pos(view, start + QPointF(0, -20))
    drag(view, a, a + QPoint(40, 90))
    moved = doc.project.node("dense2").pos
    assert moved == (start.x() + 40, start.y() + 90)
    link = view.scene().links[LinkSpec("dense1", "dense2")]
    assert link.boundingRect().contains(link.mapFromScene(item.input_pos()))
    stack.undo()
    assert doc.project.node("dense2").pos == (start.x(), start.y())
    assert item.pos() == start


def test_rubber_band_select_and_delete(spirals, qtbot):
    doc, stack, view = spirals
    before = doc.snapshot()
    nodes = view.scene().nodes
    a = vp_pos(view, nodes["dense2"].pos() + QPointF(-80, -60))
    b = vp_pos(view, nodes["dense3"].pos() + QPointF(80, 60))
    drag(view, a, b)
    assert view.scene().selected_node_ids() == ["dense2", "dense3"]
    view.delete_selected()
    assert not doc.project.has_node("dense2") and not doc.project.has_node("dense3")
    assert "dense2" not in view.scene().nodes
    assert all("dense3" not in (l.src, l.dst) for l in doc.project.links)
    assert not doc.validation.ok  # dense4 lost its input
    stack.undo()
    assert doc.project == before
    assert set(view.scene().nodes) == {n.id for n in before.nodes}
    assert set(view.scene().links) == set(before.links)


def test_delete_a_link_by_selecting_it(spirals):
    doc, stack, view = spirals
    link = view.scene().links[LinkSpec("dense3", "dense4")]
    view.scene().clearSelection()
    link.setSelected(True)
    view.delete_selected()
    assert LinkSpec("dense3", "dense4") not in doc.project.links
    assert LinkSpec("dense3", "dense4") not in view.scene().links


def test_copy_paste_gives_new_ids_offset(spirals):
    doc, stack, view = spirals
    view.scene().select_nodes(["dense1", "dense2"])
    assert view.copy()
    ids = view.paste()
    assert ids == ["dense6", "dense7"]
    assert LinkSpec("dense6", "dense7") in doc.project.links
    assert doc.project.node("dense6").pos == (220.0, 30.0)
    assert doc.project.node("dense6").params == doc.project.node("dense1").params
    assert view.scene().selected_node_ids() == ids
    ids2 = view.paste()
    assert doc.project.node(ids2[0]).pos == (250.0, 60.0)
    stack.undo()
    stack.undo()
    assert not doc.project.has_node("dense6")


def test_cut(spirals):
    doc, stack, view = spirals
    view.scene().select_nodes(["dense5"])
    view.cut()
    assert not doc.project.has_node("dense5")
    view.paste()
    assert doc.project.node("dense5").params["units"] == 2


def test_zoom_and_fit(spirals, qtbot):
    doc, stack, view = spirals
    view.set_zoom(1.0)
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_out()
    assert view.zoom() == pytest.approx(1.0)
    for _ in range(40):
        view.zoom_out()
    assert view.zoom() >= 0.15
    view.fit()
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for item in view.scene().nodes.values():
        assert visible.contains(item.sceneBoundingRect())


def test_wheel_zooms(spirals, qtbot):
    from PySide6.QtGui import QWheelEvent

    doc, stack, view = spirals
    view.set_zoom(1.0)
    c = QPointF(view.viewport().rect().center())
    ev = QWheelEvent(c, view.viewport().mapToGlobal(c), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                     NOMOD, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), ev)
    assert view.zoom() > 1.1


def test_middle_button_pans(spirals):
    doc, stack, view = spirals
    before = view.mapToScene(view.viewport().rect().center())
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.MiddleButton, NOMOD, QPoint(500, 300))
    QTest.mouseMove(vp, QPoint(400, 250))
    QTest.mouseRelease(vp, Qt.MouseButton.MiddleButton, NOMOD, QPoint(400, 250))
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() - before.x() == pytest.approx(100, abs=2)
    assert after.y() - before.y() == pytest.approx(50, abs=2)
    assert doc.project == load_project(resource_path("examples", "spirals.json"))


def test_tidy_lays_out_left_to_right(qtbot):
    p = Project(nodes=[NodeSpec.new("output", "Output", (5, 5)),
                       NodeSpec.new("dense1", "Dense", (0, 0)),
                       NodeSpec.new("dense2", "Dense", (0, 0)),
                       NodeSpec.new("add1", "Add", (3, 3)),
                       NodeSpec.new("input", "Input", (9, 9))],
                links=[LinkSpec("input", "dense1"), LinkSpec("input", "dense2"),
                       LinkSpec("dense1", "add1"), LinkSpec("dense2", "add1"),
                       LinkSpec("add1", "output")])
    pos = tidy_positions(p)
    xs = {k: v[0] for k, v in pos.items()}
    assert xs["input"] < xs["dense1"] == xs["dense2"] < xs["add1"] < xs["output"]
    assert pos["dense1"][1] != pos["dense2"][1]
    doc, stack, view = make_view(qtbot, p)
    before = doc.snapshot()
    view.tidy()
    after = {n.id: n.pos for n in doc.project.nodes}
    column = after["dense1"][0] - after["input"][0]
    assert column >= 200  # room for the widest shape label between the layers
    assert after == tidy_positions(p, column=column)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    assert all(visible.contains(i.sceneBoundingRect()) for i in view.scene().nodes.values())
    stack.undo()
    assert doc.project == before


def test_links_show_tensor_shapes(spirals):
    doc, stack, view = spirals
    links = view.scene().links
    assert links[LinkSpec("input", "dense1")].label() == "(batch, 2)"
    assert links[LinkSpec("dense1", "dense2")].label() == "(batch, 16)"
    stack.push(SetParamCommand(doc, "dense1", "units", 32))
    assert links[LinkSpec("dense1", "dense2")].label() == "(batch, 32)"
    assert view.scene().nodes["dense1"].summary() == "32 · tanh"


def test_sequence_shapes_on_links(qtbot):
    from nnsim.spec.model import DatasetSpec

    p = Project(nodes=[NodeSpec.new("input", "Input"),
                       NodeSpec.new("lstm1", "LSTM", units=32, return_sequences=True),
                       NodeSpec.new("lstm2", "LSTM", units=8),
                       NodeSpec.new("dense1", "Dense", units=1, activation="linear"),
                       NodeSpec.new("output", "Output", loss="mse")],
                links=[LinkSpec("input", "lstm1"), LinkSpec("lstm1", "lstm2"),
                       LinkSpec("lstm2", "dense1"), LinkSpec("dense1", "output")],
                dataset=DatasetSpec("adding", {"length": 50}))
    doc, stack, view = make_view(qtbot, p)
    assert doc.validation.ok, doc.validation.messages()
    labels = {(l.src, l.dst): item.label() for l, item in view.scene().links.items()}
    assert labels[("input", "lstm1")] == "(batch, 50, 2)"
    assert labels[("lstm1", "lstm2")] == "(batch, 50, 32)"
    assert labels[("lstm2", "dense1")] == "(batch, 8)"
    assert view.scene().nodes["input"].summary() == "50 steps × 2"


def test_broken_network_is_marked_on_the_canvas(spirals):
    doc, stack, view = spirals
    stack.push(SetParamCommand(doc, "dense5", "units", 3))
    out = view.scene().nodes["output"]
    assert out.problems(), "the Output item shows the problem"
    msg = out.problems()[0]
    assert "set units of 'dense5' to 2" in msg
    assert "set units of 'dense5' to 2" in out.toolTip()
    link = view.scene().links[LinkSpec("dense5", "output")]
    assert link.problems() == [msg]
    assert not view.scene().nodes["dense1"].problems()
    stack.undo()
    assert not out.problems() and not link.problems()


def test_layer_health_and_highlight(spirals):
    doc, stack, view = spirals
    view.set_layer_health({"dense1": ("vanishing", "dense1's gradient is 1e-6 of the top's")})
    item = view.scene().nodes["dense1"]
    assert item.health()[0] == "vanishing"
    assert "1e-6" in item.toolTip()
    assert view.scene().nodes["dense2"].health() is None
    view.set_layer_health({})
    assert item.health() is None
    view.highlight(["dense2", "dense3"])
    assert [n for n, i in view.scene().nodes.items() if i.is_highlighted()] == ["dense2", "dense3"]
    view.highlight(())
    assert not any(i.is_highlighted() for i in view.scene().nodes.values())


def test_scene_follows_project_replaced(spirals):
    doc, stack, view = spirals
    doc.replace_project(load_project(resource_path("examples", "xor.json")))
    assert set(view.scene().nodes) == {n.id for n in doc.project.nodes}
    assert set(view.scene().links) == set(doc.project.links)


def test_palette_double_click_adds_in_the_middle(qtbot):
    doc, stack, view = make_view(qtbot)
    palette = Palette()
    qtbot.addWidget(palette)
    palette.layer_activated.connect(view.add_layer)
    item = palette.tree.type_items()["LSTM"]
    palette.tree.itemActivated.emit(item, 0)
    assert [n.type for n in doc.project.nodes] == ["LSTM"]
    assert "Long short-term memory" in item.toolTip(0)
    assert "h_t = o tanh(C_t)" in item.toolTip(0)


def test_skip_connection_arches_over_the_layers_between(qtbot):
    p = Project(nodes=[NodeSpec.new("input", "Input", (0, 0)),
                       NodeSpec.new("dense1", "Dense", (200, 0)),
                       NodeSpec.new("dense2", "Dense", (400, 0)),
                       NodeSpec.new("add1", "Add", (600, 0))],
                links=[LinkSpec("input", "dense1"), LinkSpec("dense1", "dense2"),
                       LinkSpec("dense2", "add1"), LinkSpec("dense1", "add1")])
    doc, stack, view = make_view(qtbot, p)
    skip = view.scene().links[LinkSpec("dense1", "add1")]
    middle = view.scene().nodes["dense2"].sceneBoundingRect()
    qtbot.waitUntil(lambda: not skip.shape().intersects(skip.mapRectFromScene(middle)))
    assert skip.sceneBoundingRect().top() < middle.top()
    # moved out of the way, the link is an ordinary curve again
    stack.push(MoveNodesCommand(doc, {"dense2": ((400.0, 0.0), (400.0, 300.0))}))
    qtbot.waitUntil(lambda: skip.sceneBoundingRect().top() > -40)


def test_space_and_drag_pans_without_editing(spirals, qtbot):
    doc, stack, view = spirals
    before = view.mapToScene(view.viewport().rect().center())
    QTest.keyPress(view, Qt.Key.Key_Space)
    assert view.space_held
    item = view.scene().nodes["dense2"]
    a = vp_pos(view, item.pos())
    drag(view, a, a + QPoint(-120, 0))  # starts on a layer: still a pan, not a move
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert not view.space_held
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() - before.x() == pytest.approx(120, abs=2)
    assert stack.count() == 0


def test_escape_cancels_a_link_being_drawn(qtbot):
    p = Project(nodes=[NodeSpec.new("input", "Input", (0, 0)),
                       NodeSpec.new("dense1", "Dense", (250, 0))])
    doc, stack, view = make_view(qtbot, p)
    vp = view.viewport()
    a = vp_pos(view, view.scene().nodes["input"].output_pos())
    QTest.mousePress(vp, LEFT, NOMOD, a)
    QTest.mouseMove(vp, a + QPoint(60, 10))
    n_items = len(view.scene().items())
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert len(view.scene().items()) == n_items - 1  # the rubber link is gone
    QTest.mouseRelease(vp, LEFT, NOMOD, vp_pos(view, view.scene().nodes["dense1"].input_pos()))
    assert doc.project.links == []


def test_a_shape_label_is_never_hidden_under_a_layer(qtbot):
    """Layers placed closer than "(batch, 100, 2)" is wide: the label goes above them; with
    room (as the example is laid out), it sits on its link."""
    _, _, view = make_view(qtbot, load_project(resource_path("examples", "adding_lstm.json")))
    scene = view.scene()
    link = next(l for spec, l in scene.links.items() if spec.dst == "lstm1")
    assert "100" in link._shape_text
    src, dst = link.src, link.dst
    shift = src.output_pos().x() + 40 - dst.input_pos().x()   # 40 px between the two layers
    dst.setPos(dst.pos().x() + shift, dst.pos().y())
    link.update_path()
    gap = dst.input_pos().x() - src.output_pos().x()
    assert 0 < gap < link._label_rect.width()             # (the case this is about)
    for node in (src, dst):
        assert not link._label_rect.intersects(node.sceneBoundingRect())
    dst.setPos(dst.pos().x() + 400, dst.pos().y())         # room now
    link.update_path()
    mid = link._path.pointAtPercent(0.5)
    assert abs(link._label_rect.bottom() - (mid.y() - 4)) < 1e-6
    for node in (src, dst):
        assert not link._label_rect.intersects(node.sceneBoundingRect())
