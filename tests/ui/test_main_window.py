"""The main window: what it opens on, its menus and shortcuts, the inspector's editors, training
refused on an invalid network, live settings sent to the trainer, layer health on the canvas,
settings kept, and ``main()`` (bad paths, ``--screenshot``)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QSpinBox

from nnsim.paths import resource_path
from nnsim.spec import LAYER_TYPES, TRAINING_PARAMS, load_project
from nnsim.training import Diagnosis
from nnsim.ui import files
from nnsim.ui import main_window as mw
from nnsim.ui import settings as st
from nnsim.ui.commands import SetParamCommand
from nnsim.ui.main_window import MainWindow


class FakeController(QObject):
    """Records what the window asks of the training controller."""

    snapshot_received = Signal(object)
    state_changed = Signal(str)
    error = Signal(str)
    progress = Signal(dict)

    def __init__(self, parent=None, mode="thread"):
        super().__init__(parent)
        self.mode = mode
        self.state = "idle"
        self.latest = None
        self.calls = []

    def _record(name):  # noqa: N805
        def method(self, *args):
            self.calls.append((name, *args))
            new = {"start": "running", "resume": "running", "pause": "paused",
                   "stop": "stopped", "load": "idle"}.get(name)
            if new:
                self.state = new
                self.state_changed.emit(new)
        return method

    for _n in ("load", "start", "pause", "resume", "step", "stop", "reset_weights",
               "set_learning_rate", "set_batch_size", "set_optimizer", "set_dropout",
               "set_clip_norm", "set_weight_decay", "shutdown"):
        locals()[_n] = _record(_n)
    del _n

    def names(self):
        return [c[0] for c in self.calls]


@pytest.fixture
def dialogs(monkeypatch):
    rec = SimpleNamespace(errors=[], save_answer="discard")
    monkeypatch.setattr(files, "show_error", lambda p, title, text: rec.errors.append(text))
    monkeypatch.setattr(files, "ask_save_changes", lambda p, name: rec.save_answer)
    monkeypatch.setattr(files, "ask_restore", lambda p, d: True)
    return rec


@pytest.fixture
def window(qtbot, dialogs, monkeypatch):
    monkeypatch.setattr(mw, "_controller_class", lambda: FakeController)
    w = MainWindow(plots=False)
    qtbot.addWidget(w)
    yield w
    if shiboken6.isValid(w):
        w.close()


def test_opens_on_the_default_example_ready_to_train(window):
    w = window
    assert w.doc.project == load_project(resource_path("examples", "spirals.json"))
    assert w.doc.validation.ok
    assert "Two spirals" in w.windowTitle()
    assert w.act_train.isEnabled() and w.act_train.text() == "Train"
    assert "Valid" in w.valid_label.text()
    assert not w.strip.isVisibleTo(w)
    assert w.findChild(QDockWidget, "dock-palette").widget() is w.palette
    assert w.findChild(QDockWidget, "dock-inspector").widget() is w.inspector


def test_menus_and_standard_shortcuts(window):
    w = window
    menus = {a.text().replace("&", ""): a.menu() for a in w.menuBar().actions()}
    assert list(menus) == ["File", "Edit", "View", "Train", "Learn", "Help"]

    def texts(menu):
        return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]

    assert texts(menus["File"]) == ["New", "Open…", "Open Recent", "Examples", "Save",
                                    "Save As…", "Export to PyTorch…", "Quit"]
    edit = texts(menus["Edit"])
    for t in ("Cut", "Copy", "Paste", "Delete", "Select All", "Preferences…"):
        assert t in edit
    assert edit[0].startswith("Undo") and edit[1].startswith("Redo")
    assert {"Fit to Window", "Tidy Layout", "Zoom In", "Zoom Out", "Layers",
            "Inspector"} <= set(texts(menus["View"]))
    assert texts(menus["Train"]) == ["Train", "Step", "Reset Weights"]
    K = QKeySequence.StandardKey
    assert w.act_save.shortcut() == QKeySequence(K.Save)
    assert w.act_open.shortcut() == QKeySequence(K.Open)
    assert w.act_undo.shortcut() == QKeySequence(K.Undo)
    assert w.act_paste.shortcut() == QKeySequence(K.Paste)
    assert w.act_select_all.shortcut() == QKeySequence(K.SelectAll)
    tb = [a for a in w.toolbar.actions() if not a.isSeparator()]
    assert w.act_train in tb and w.act_step in tb and w.act_reset in tb and w.act_undo in tb


def test_undo_redo_actions_follow_the_stack(window):
    w = window
    assert not w.act_undo.isEnabled()
    w.stack.push(SetParamCommand(w.doc, "dense1", "units", 20))
    assert w.act_undo.isEnabled() and w.isWindowModified()
    w.act_undo.trigger()
    assert w.doc.project.node("dense1").params["units"] == 16
    assert not w.isWindowModified()
    w.act_redo.trigger()
    assert w.doc.project.node("dense1").params["units"] == 20


def test_inspector_edits_every_parameter_as_undoable_commands(window):
    w = window
    scene = w.view.scene()
    scene.select_nodes(["dense1"])
    layer = w.inspector.layer
    assert layer.node_id == "dense1"
    assert set(layer.editors) == set(LAYER_TYPES["Dense"].params)
    units = layer.editors["units"].widget
    assert isinstance(units, QSpinBox) and units.maximum() == LAYER_TYPES["Dense"].params[
        "units"].max and units.minimum() == 1
    units.setValue(24)
    assert w.doc.project.node("dense1").params["units"] == 24
    act = layer.editors["activation"].widget
    assert isinstance(act, QComboBox)
    act.activated.emit(act.findText("relu"))
    assert w.doc.project.node("dense1").params["activation"] == "relu"
    assert scene.nodes["dense1"].summary() == "24 · relu"
    w.stack.undo()
    w.stack.undo()
    assert w.doc.project.node("dense1").params == {"units": 16, "activation": "tanh",
                                                   "init": "xavier", "init_scale": 0.1}
    assert units.value() == 16 and act.currentText() == "tanh"  # the editors follow undo


def test_inspector_for_each_layer_type(window):
    w = window
    for name in LAYER_TYPES:
        nid = w.view.add_layer(name)
        eds = w.inspector.layer.editors
        assert set(eds) == set(LAYER_TYPES[name].params)
        for key, spec in LAYER_TYPES[name].params.items():
            widget = eds[key].widget
            if spec.kind == "bool":
                assert isinstance(widget, QCheckBox)
                widget.setChecked(not widget.isChecked())
                assert w.doc.project.node(nid).params[key] is (not spec.default)
            elif spec.choices:
                assert [widget.itemText(i) for i in range(widget.count())] == list(spec.choices)


def test_dataset_and_training_panels(window):
    w = window
    data = w.inspector.data
    combo = data.combo
    combo.activated.emit(combo.findData("moons"))
    assert w.doc.project.dataset.name == "moons"
    assert "noise" in data.editors
    data.editors["noise"].widget.setValue(0.2)
    assert w.doc.project.dataset.params == {"noise": 0.2}
    tr = w.inspector.training
    assert set(tr.editors) == set(TRAINING_PARAMS)
    tr.editors["learning_rate"].widget.setValue(0.003)
    assert w.doc.project.training["learning_rate"] == pytest.approx(0.003)
    tr.editors["optimizer"].widget.activated.emit(
        tr.editors["optimizer"].widget.findText("sgd"))
    assert w.doc.project.training["optimizer"] == "sgd"
    before = load_project(resource_path("examples", "spirals.json"))
    for _ in range(4):
        w.stack.undo()
    assert w.doc.project == before
    assert combo.currentData() == "spirals"
    assert tr.editors["optimizer"].widget.currentText() == "adam"


def test_float_editor_shows_small_numbers_plainly(window):
    lr = window.inspector.training.editors["learning_rate"].widget
    lr.setValue(1e-5)
    assert lr.text() == "1e-05"
    lr.setValue(0.01)
    assert lr.text() == "0.01"


def test_training_is_refused_on_an_invalid_network(window, dialogs):
    w = window
    w.stack.push(SetParamCommand(w.doc, "dense5", "units", 3))
    assert w.strip.isVisibleTo(w)
    assert "set units of 'dense5' to 2" in w.strip.label.text()
    assert "problem" in w.valid_label.text()
    w.act_train.trigger()
    assert w.sim.calls == []
    assert dialogs.errors and "set units of 'dense5' to 2" in dialogs.errors[0]
    assert "Cannot train" in w.statusBar().currentMessage()
    assert w.view.scene().nodes["output"].problems()


def test_train_pause_resume_step_reset(window):
    w = window
    w.act_train.trigger()
    assert w.sim.names() == ["load", "start"]
    assert w.sim.calls[0][1] == w.doc.project
    assert w.act_train.text() == "Pause"
    w.act_train.trigger()
    assert w.sim.names()[-1] == "pause" and w.act_train.text() == "Resume"
    w.act_train.trigger()
    assert w.sim.names()[-1] == "resume"
    w.act_step.trigger()
    assert w.sim.calls[-1] == ("step", 1)
    w.act_reset.trigger()
    assert w.sim.names()[-1] == "reset_weights"
    assert w.sim.names().count("load") == 1


def test_live_settings_go_to_the_running_trainer(window):
    w = window
    w.act_train.trigger()
    w.inspector.training.editors["learning_rate"].widget.setValue(0.05)
    assert w.sim.calls[-1] == ("set_learning_rate", 0.05)
    w.inspector.training.editors["batch_size"].widget.setValue(64)
    assert w.sim.calls[-1] == ("set_batch_size", 64)
    assert w.sim.names().count("load") == 1


def test_changing_the_network_while_training_restarts_it(window, qtbot):
    w = window
    w.act_train.trigger()
    w.stack.push(SetParamCommand(w.doc, "dense1", "units", 8))
    qtbot.waitUntil(lambda: w.sim.names().count("load") == 2)
    assert w.sim.calls[-2][1].node("dense1").params["units"] == 8
    assert w.sim.names()[-1] == "start"
    # breaking it stops training instead
    w.stack.push(SetParamCommand(w.doc, "dense5", "units", 3))
    assert w.sim.names()[-1] == "stop"


def test_progress_and_health_in_the_window(window):
    w = window
    w.act_train.trigger()
    w.sim.progress.emit({"step": 1200, "epoch": 80.0, "steps_per_second": 900.0,
                         "eta_seconds": 31.0, "budget": 4000})
    assert w.progress.maximum() == 4000 and w.progress.value() == 1200
    assert "900 steps/s" in w.speed_label.text() and "0:31 left" in w.speed_label.text()
    import dataclasses

    from nnsim.training import Trainer

    real = Trainer(w.doc.project).snapshot(full=False)
    snap = dataclasses.replace(real, warnings=(Diagnosis("vanishing",
                                                         "dense1 learns 1000x slower",
                                                         "dense1"),))
    w.sim.snapshot_received.emit(snap)
    assert w.view.scene().nodes["dense1"].health() == ("vanishing",
                                                       "dense1 learns 1000x slower")
    w._on_diagnosis(())
    assert w.view.scene().nodes["dense1"].health() is None


def test_problems_strip_link_selects_the_layer(window):
    w = window
    w.stack.push(SetParamCommand(w.doc, "dense5", "units", 3))
    w.strip.label.linkActivated.emit("node:output")
    assert w.view.scene().selected_node_ids() == ["output"]
    assert w.inspector.layer.node_id == "output"
    assert any("set units" in m for m in [w.inspector.layer.problems.text()])


def test_window_layout_is_remembered(qtbot, dialogs, monkeypatch):
    monkeypatch.setattr(mw, "_controller_class", lambda: FakeController)
    w = MainWindow(plots=False)
    qtbot.addWidget(w)
    w.show()
    w.resize(720, 520)  # within the offscreen screen (800 x 600)
    w.inspector_dock.hide()
    assert w.close()
    assert st.settings().value(st.KEY_GEOMETRY) is not None
    w2 = MainWindow(plots=False)
    qtbot.addWidget(w2)
    w2.show()
    assert not w2.inspector_dock.isVisible()
    assert (w2.width(), w2.height()) == (720, 520)
    w2.close()


def test_window_shuts_the_controller_down_on_close(window):
    window.act_train.trigger()
    assert window.close()
    assert window.sim.names()[-1] == "shutdown"


def test_real_training_run_and_clean_close(qtbot, dialogs):
    """The real controller and plots: train, see steps arrive, close mid-training."""
    w = MainWindow(runner="thread")
    qtbot.addWidget(w)
    w.show()
    w.act_train.trigger()
    qtbot.waitUntil(lambda: w.sim.latest is not None and w.sim.latest.step > 20, timeout=20000)
    assert w._state == "running"
    assert w.progress.value() > 0
    # the plots draw within the thread runner's share of a core (it shares the GIL)
    from nnsim.ui.dashboard import FRAME_BUDGETS
    assert w.dashboard.frame_budget == FRAME_BUDGETS["thread"] < FRAME_BUDGETS["process"]
    assert w.close()
    assert w.sim.state in ("stopped", "running", "paused", "idle")


def test_main_refuses_bad_paths(capsys, tmp_path):
    from nnsim.ui.app import main

    assert main([str(tmp_path / "nope.json")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main([str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["--screenshot", str(tmp_path / "no" / "where.png")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_main_screenshot(capsys, tmp_path, dialogs):
    from PySide6.QtGui import QImage

    from nnsim.ui.app import main

    out = tmp_path / "shot.png"
    assert main(["--screenshot", str(out), "--train-seconds", "1"]) == 0
    assert capsys.readouterr().out.strip() == str(out.resolve())
    img = QImage(str(out))
    assert img.width() == 1600 and img.height() == 1000


def test_preferences_are_stored(qtbot):
    dlg = st.PreferencesDialog()
    qtbot.addWidget(dlg)
    dlg.runner.setCurrentIndex(dlg.runner.findData("process"))
    dlg.autosave.setValue(30)
    dlg.accept()
    assert st.runner_mode() == "process"
    assert st.autosave_seconds() == 30


def test_delete_key_removes_the_selected_layer(window, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    w = window
    w.show()
    with qtbot.waitActive(w):
        w.activateWindow()
    w.view.setFocus()
    w.view.scene().select_nodes(["dense3"])
    assert w.act_delete.isEnabled()
    QTest.keyClick(w.view, Qt.Key.Key_Delete)
    assert not w.doc.project.has_node("dense3")
    QTest.keyClick(w.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.project.has_node("dense3")


def test_no_display_window_refused_screenshot_falls_back_offscreen(tmp_path):
    """Without a display: a clear message for the window, an offscreen picture for --screenshot."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "main.py"], capture_output=True, text=True, env=env,
                         timeout=120, cwd=os.path.dirname(os.path.dirname(os.path.dirname(
                             os.path.abspath(__file__)))))
    assert out.returncode == 2
    assert "there is no display" in out.stderr and "Traceback" not in out.stderr
    shot = tmp_path / "s.png"
    out = subprocess.run([sys.executable, "-m", "nnsim", "--screenshot", str(shot),
                          "--train-seconds", "0.5"], capture_output=True, text=True, env=env,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert shot.read_bytes()[:4] == b"\x89PNG"
    assert "propagateSizeHints" not in out.stderr


def test_file_export_to_pytorch_writes_a_runnable_script(window, tmp_path, monkeypatch):
    """File ▸ Export to PyTorch… writes the project as a script that never imports nnsim."""
    from nnsim.ui import export_action

    target = tmp_path / "spirals_net.py"
    said = []
    monkeypatch.setattr(export_action, "ask_script_path", lambda parent, suggested: str(target))
    monkeypatch.setattr(export_action, "show_result", lambda parent, ok, text: said.append(ok))
    window.act_export.trigger()
    assert said == [True]
    text = target.read_text()
    compile(text, str(target), "exec")
    import re

    assert "import torch" in text
    assert not re.search(r"^\s*(import|from)\s+nnsim", text, re.M)
