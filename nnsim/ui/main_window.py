"""The main window: canvas in the centre, palette left, inspector right, plots docked below,
menus, toolbar and status bar; training through ``SimulationController``.

The window only wires parts together: the document (``document.py``), the undo stack
(``commands.py``), the canvas (``canvas/``), files (``files.py``) and the training controller.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow,
                               QMessageBox, QProgressBar, QSizePolicy, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from .. import __version__
from ..spec import Project, Validation
from . import files
from . import settings as st
from .canvas import CanvasView
from .document import Document
from .i18n import diagnosis_text, problem_text
from .icons import action_icon, app_icon
from .inspector import Inspector
from .palette import Palette

# training settings the running trainer takes live; the rest need a reload
LIVE_TRAINING = {"learning_rate": "set_learning_rate", "batch_size": "set_batch_size",
                 "optimizer": "set_optimizer", "clip_norm": "set_clip_norm",
                 "weight_decay": "set_weight_decay"}
MAX_STRIP_LINES = 4
LAYOUT_VERSION = 1  # bump when the docks change, so an old saved layout is not applied


def _controller_class():
    try:
        from .simulation import SimulationController
    except ImportError:
        return None
    return SimulationController


def _dashboard_class():
    try:
        from .dashboard import Dashboard
    except ImportError:
        return None
    return Dashboard


class ProblemsStrip(QFrame):
    """A slim band under the canvas listing what makes the network invalid; click a layer
    name to select it. Hidden while the network is valid."""

    def __init__(self, on_select, parent=None):
        super().__init__(parent)
        self.setObjectName("problems")
        self.setStyleSheet("#problems { background: #fdecea; border-top: 1px solid #f5c2bd; }"
                           "QLabel { color: #8c1d18; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.label.linkActivated.connect(lambda href: on_select(href.removeprefix("node:")))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 5, 10, 6)
        lay.addWidget(self.label)
        self.hide()

    def show_validation(self, v: Validation) -> None:
        if v.ok:
            self.hide()
            self.label.setText("")
            return
        lines = []
        show = self.tr("show")
        for p in v.problems[:MAX_STRIP_LINES]:
            text = _esc(problem_text(p))
            if p.node:
                text += f" &nbsp;<a href='node:{_esc(p.node)}'>{show}</a>"
            lines.append("⚠ " + text)
        more = len(v.problems) - MAX_STRIP_LINES
        if more > 0:
            lines.append(self.tr("… and {0} more").format(more))
        self.label.setText("<br>".join(lines))
        self.show()


class MainWindow(QMainWindow):
    def __init__(self, project: str | Path | None = None, *, recover: bool = True,
                 runner: str | None = None, remember_layout: bool = True, plots: bool = True,
                 parent=None):
        """``project``: a file to open (else the default example). ``recover``: offer to restore
        a crashed session's work. ``plots=False`` leaves the dashboards out (faster, for tests).
        """
        super().__init__(parent)
        self._remember_layout = remember_layout
        self.setWindowIcon(app_icon())
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        # palette and inspector run the full height; the plots sit under the canvas
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.doc = Document(Project(), self)
        self.stack = QUndoStack(self)
        self.view = CanvasView(self.doc, self.stack)
        self.strip = ProblemsStrip(self._select_node)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.strip)
        self.setCentralWidget(central)

        self.palette = Palette()
        self.inspector = Inspector(self.doc, self.stack)
        self.palette_dock = self._dock("palette", self.tr("Layers"), self.palette,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.inspector_dock = self._dock("inspector", self.tr("Inspector"), self.inspector,
                                         Qt.DockWidgetArea.RightDockWidgetArea)

        self.files = files.FileController(self.doc, self.stack, self)
        self.sim = None
        self.dashboard = None
        self.panel_docks: list[QDockWidget] = []
        self._loaded = False  # the controller holds the current network
        self._state = "idle"
        self._make_training(runner, plots)

        self._make_actions()
        self._make_menus()
        self._make_toolbar()
        self._make_statusbar()
        self._connect()
        # step-through, explanations, lessons, runs and race (issue 7) hook in through our
        # public attributes; before the layout is restored, so their docks are part of it
        from .understanding import install_understanding

        install_understanding(self)
        self._restore_geometry()

        opened = False
        if project is not None:
            opened = self.files.load(project)
        if not opened:
            self.files.open_example(files.default_example())
        if recover:
            self.files.recover()
        self._update_title()
        self._on_validated(self.doc.validation)
        self._show_context()

    def _show_context(self, *_args) -> None:
        """Before training, the plots show the data set (the points, the layers to come)."""
        if self.dashboard is None or self._loaded:
            return
        if self._state in ("running", "paused"):
            return
        try:
            self.dashboard.set_context(self.doc.snapshot(), self.doc.dataset())
        except Exception as e:  # noqa: BLE001 - a plot that cannot follow must not stop editing
            self.statusBar().showMessage(
                self.tr("The plots could not follow the change: {0}").format(e), 6000)

    # -- construction --------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title.replace("&", "&&"), self)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _make_training(self, runner: str | None, plots: bool) -> None:
        Controller = _controller_class()
        if Controller is not None:
            self.sim = Controller(self, mode=runner or st.runner_mode())
            self.sim.snapshot_received.connect(self._on_snapshot)
            self.sim.state_changed.connect(self._on_state)
            self.sim.error.connect(self._on_sim_error)
            self.sim.progress.connect(self._on_progress)
        Dashboard = _dashboard_class() if plots else None
        if Dashboard is not None:
            try:
                self.dashboard = Dashboard(self)
            except Exception as e:  # noqa: BLE001 - the plots must not take the editor down
                self.dashboard = None
                self.statusBar().showMessage(self.tr("The plots are not available: {0}").format(e))
        if self.dashboard is not None:
            self._dock_panels()
            if self.sim is not None:
                self.sim.snapshot_received.connect(self.dashboard.consume)
                if hasattr(self.dashboard, "set_runner_mode"):
                    self.dashboard.set_runner_mode(self.sim.mode)
            if hasattr(self.dashboard, "diagnosis_changed"):
                self.dashboard.diagnosis_changed.connect(self._on_diagnosis)

    def _dock_panels(self) -> None:
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        by_id = {}
        for panel in self.dashboard.panels:
            pid = getattr(panel, "panel_id", type(panel).__name__)
            dock = self._dock(f"panel-{pid}", getattr(panel, "title", pid), panel, bottom)
            self.panel_docks.append(dock)
            by_id[pid] = dock
        # loss | output side by side at the bottom; the rest as tabs behind them
        left_group = [by_id[k] for k in ("loss", "gradients", "neurons", "through_time", "gates")
                      if k in by_id]
        right_group = [by_id[k] for k in ("output", "weights") if k in by_id]
        rest = [d for d in self.panel_docks if d not in left_group + right_group]
        if left_group and right_group:
            self.splitDockWidget(left_group[0], right_group[0], Qt.Orientation.Horizontal)
        for group in (left_group + rest, right_group):
            for d in group[1:]:
                self.tabifyDockWidget(group[0], d)
            if group:
                group[0].raise_()

    def _action(self, text: str, slot, shortcut=None, icon: str | None = None,
                tip: str = "") -> QAction:
        act = QAction(text, self)
        if icon:
            act.setIcon(action_icon(icon))
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                act.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip + (f" ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                                  if not act.shortcut().isEmpty() else ""))
        act.triggered.connect(lambda _=False: slot())
        return act

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        v = self.view
        self.act_new = self._action(self.tr("&New"), self.files.new, K.New, "new",
                                    self.tr("New project"))
        self.act_open = self._action(self.tr("&Open…"), lambda: self.files.open(), K.Open, "open",
                                     self.tr("Open a project file"))
        self.act_save = self._action(self.tr("&Save"), self.files.save, K.Save, "save",
                                     self.tr("Save the project"))
        self.act_save_as = self._action(self.tr("Save &As…"), lambda: self.files.save_as(),
                                        K.SaveAs, tip=self.tr("Save the project under a new name"))
        self.act_export = self._action(self.tr("&Export to PyTorch…"), self._export_pytorch,
                                       tip=self.tr("Write the network and its trained weights as "
                                                   "a PyTorch script"))
        self.act_quit = self._action(self.tr("&Quit"), self.close, K.Quit,
                                     tip=self.tr("Quit nnsim"))
        self.act_undo = self.stack.createUndoAction(self, self.tr("&Undo"))
        self.act_undo.setShortcut(QKeySequence(K.Undo))
        self.act_undo.setIcon(action_icon("undo"))
        self.act_redo = self.stack.createRedoAction(self, self.tr("&Redo"))
        self.act_redo.setShortcuts(QKeySequence.keyBindings(K.Redo))
        self.act_redo.setIcon(action_icon("redo"))
        self.act_cut = self._action(self.tr("Cu&t"), v.cut, K.Cut)
        self.act_copy = self._action(self.tr("&Copy"), v.copy, K.Copy)
        self.act_paste = self._action(self.tr("&Paste"), v.paste, K.Paste)
        self.act_delete = self._action(self.tr("&Delete"), v.delete_selected,
                                       [QKeySequence(K.Delete), QKeySequence(Qt.Key.Key_Backspace)],
                                       "delete", self.tr("Delete the selected layers and links"))
        self.act_select_all = self._action(self.tr("Select &All"), v.select_all, K.SelectAll)
        self.act_prefs = self._action(self.tr("Pr&eferences…"), self._preferences, K.Preferences)
        self.act_fit = self._action(self.tr("&Fit to Window"), v.fit, "Ctrl+0", "fit",
                                    self.tr("Show the whole network"))
        self.act_tidy = self._action(self.tr("&Tidy Layout"), v.tidy, "Ctrl+L", "tidy",
                                     self.tr("Arrange the layers left to right"))
        self.act_zoom_in = self._action(self.tr("Zoom &In"), v.zoom_in, K.ZoomIn, "zoom_in",
                                        self.tr("Zoom in"))
        self.act_zoom_out = self._action(self.tr("Zoom &Out"), v.zoom_out, K.ZoomOut, "zoom_out",
                                         self.tr("Zoom out"))
        self.act_train = self._action(self.tr("&Train"), self.toggle_training,
                                      ["F5", "Ctrl+Return"], "train",
                                      self.tr("Train the network / pause"))
        self.act_step = self._action(self.tr("&Step"), self.step_training, "F10", "step",
                                     self.tr("Train one mini-batch step, then pause"))
        self.act_reset = self._action(self.tr("&Reset Weights"), self.reset_weights, "Ctrl+R",
                                      "reset", self.tr("New random weights; training starts "
                                                       "again from step 0"))
        self.act_about = self._action(self.tr("&About nnsim"), self._about)
        for a in (self.act_cut, self.act_copy, self.act_paste, self.act_delete,
                  self.act_select_all):
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if self.sim is None:
            for a in (self.act_train, self.act_step, self.act_reset):
                a.setEnabled(False)
                a.setStatusTip(self.tr("Training is not available in this installation"))

    def _make_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu(self.tr("&File"))
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu(self.tr("Open &Recent"))
        self.examples_menu = m.addMenu(self.tr("&Examples"))
        for title, path in files.examples():
            act = self.examples_menu.addAction(files.example_title(title))
            act.triggered.connect(lambda _=False, p=path: self.files.open_example(p))
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addAction(self.act_export)
        m.addSeparator()
        m.addAction(self.act_quit)
        self._fill_recent()

        m = mb.addMenu(self.tr("&Edit"))
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_cut, self.act_copy, self.act_paste, self.act_delete])
        m.addSeparator()
        m.addAction(self.act_select_all)
        m.addSeparator()
        m.addAction(self.act_prefs)

        m = mb.addMenu(self.tr("&View"))
        m.addActions([self.act_fit, self.act_tidy, self.act_zoom_in, self.act_zoom_out])
        m.addSeparator()
        m.addAction(self.palette_dock.toggleViewAction())
        m.addAction(self.inspector_dock.toggleViewAction())
        if self.panel_docks:
            panels = m.addMenu(self.tr("&Plots"))
            for d in self.panel_docks:
                panels.addAction(d.toggleViewAction())
        self.view_menu = m

        m = mb.addMenu(self.tr("&Train"))
        m.addActions([self.act_train, self.act_step, self.act_reset])

        m = mb.addMenu(self.tr("&Help"))
        m.addAction(self.act_about)

    def _make_toolbar(self) -> None:
        tb = QToolBar(self.tr("Main"), self)
        tb.setObjectName("toolbar-main")
        tb.setIconSize(QSize(20, 20))
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo, self.act_delete])
        tb.addSeparator()
        tb.addActions([self.act_fit, self.act_tidy, self.act_zoom_in, self.act_zoom_out])
        tb.addSeparator()
        for a in (self.act_train, self.act_step, self.act_reset):
            tb.addAction(a)
            btn = tb.widgetForAction(a)
            if isinstance(btn, QToolButton):
                btn.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(tb)
        self.toolbar = tb

    def _make_statusbar(self) -> None:
        sb = self.statusBar()
        self.valid_label = QLabel()
        self.valid_label.setContentsMargins(6, 0, 6, 0)
        self.state_label = QLabel()
        self.state_label.setContentsMargins(6, 0, 6, 0)
        self.progress = QProgressBar()
        self.progress.setFixedWidth(180)
        self.progress.setMaximumHeight(16)
        self.progress.setTextVisible(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("")
        self.progress.hide()  # shown once there is progress to show
        self.speed_label = QLabel()
        self.speed_label.setContentsMargins(6, 0, 6, 0)
        self.speed_label.setMinimumWidth(150)
        self.speed_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        for w in (self.valid_label, self.state_label, self.progress, self.speed_label):
            sb.addPermanentWidget(w)
        self._show_state("idle")

    def _connect(self) -> None:
        d = self.doc
        d.validated.connect(self._on_validated)
        for sig in (d.node_added, d.node_removed, d.link_added, d.link_removed,
                    d.dataset_changed, d.project_replaced):
            sig.connect(self._network_changed)
        d.param_changed.connect(self._on_param_changed)
        d.training_changed.connect(self._on_training_changed)
        d.project_replaced.connect(self._update_title)
        d.project_replaced.connect(self._show_context)
        d.dataset_changed.connect(self._show_context)
        self.view.scene().node_selection_changed.connect(self.inspector.show_nodes)
        self.view.message.connect(lambda m: self.statusBar().showMessage(m, 5000))
        self.palette.layer_activated.connect(lambda t: self.view.add_layer(t))
        self.files.title_changed.connect(self._update_title)
        self.files.recent_changed.connect(self._fill_recent)
        self.files.message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.stack.cleanChanged.connect(self._update_title)
        self.view.scene().selectionChanged.connect(self._update_edit_actions)
        self._update_edit_actions()

    # -- geometry --------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        s = st.settings()
        geo, state = s.value(st.KEY_GEOMETRY), s.value(st.KEY_STATE)
        if not self._remember_layout:
            geo = state = None
        self.layout().activate()  # docks hidden since construction no longer set a minimum
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1600, 1000)
        self._default_sizes = True
        if isinstance(state, QByteArray) and not state.isEmpty():
            self._default_sizes = not self.restoreState(state, LAYOUT_VERSION)

    def _apply_default_sizes(self) -> None:
        """The default dock sizes; applied once the window has its real size."""
        self.resizeDocks([self.palette_dock, self.inspector_dock], [190, 310],
                         Qt.Orientation.Horizontal)
        if self.panel_docks:
            self.resizeDocks([self.panel_docks[0]], [380], Qt.Orientation.Vertical)
            pair = [d for d in self.panel_docks if d.objectName() in
                    ("dock-panel-loss", "dock-panel-output")]
            if len(pair) == 2:
                self.resizeDocks(pair, [560, 430], Qt.Orientation.Horizontal)

    def showEvent(self, event):
        super().showEvent(event)
        if self._default_sizes:
            self._default_sizes = False
            QTimer.singleShot(0, self._apply_default_sizes)
            QTimer.singleShot(0, self.view.fit)

    def _save_geometry(self) -> None:
        if not self._remember_layout:
            return
        s = st.settings()
        s.setValue(st.KEY_GEOMETRY, self.saveGeometry())
        s.setValue(st.KEY_STATE, self.saveState(LAYOUT_VERSION))

    # -- titles, menus ---------------------------------------------------------------------------
    def _update_title(self, *_args) -> None:
        if not shiboken6.isValid(self):  # the stack says "clean" while the window is deleted
            return
        self.setWindowTitle(self.tr("{0}[*] — nnsim").format(self.files.display_name()))
        self.setWindowModified(self.files.is_modified())

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = st.recent_files()
        for path in recent:
            act = menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.setStatusTip(path)
            act.triggered.connect(lambda _=False, p=path: self.files.open(p))
        if recent:
            menu.addSeparator()
            menu.addAction(self.tr("Clear Menu"), lambda: (st.clear_recent(), self._fill_recent()))
        menu.setEnabled(bool(recent))

    def _update_edit_actions(self) -> None:
        try:
            scene = self.view.scene()
            has_nodes = bool(scene.selected_node_ids())
            has_any = has_nodes or bool(scene.selected_links())
        except RuntimeError:
            return
        self.act_cut.setEnabled(has_nodes)
        self.act_copy.setEnabled(has_nodes)
        self.act_delete.setEnabled(has_any)

    def _select_node(self, node_id: str) -> None:
        scene = self.view.scene()
        if node_id in scene.nodes:
            scene.select_nodes([node_id])
            self.view.centerOn(scene.nodes[node_id])

    def _preferences(self) -> None:
        dlg = st.PreferencesDialog(self)
        if dlg.exec():
            self.files.timer.setInterval(st.autosave_seconds() * 1000)
            if self.sim is not None and self._state != "running":
                try:
                    self.sim.mode = st.runner_mode()
                except (RuntimeError, ValueError) as e:
                    self.statusBar().showMessage(str(e), 6000)
                if self.dashboard is not None and hasattr(self.dashboard, "set_runner_mode"):
                    self.dashboard.set_runner_mode(self.sim.mode)

    def _export_pytorch(self) -> None:
        from .export_action import export_to_pytorch

        export_to_pytorch(self)

    def _about(self) -> None:
        QMessageBox.about(self, self.tr("About nnsim"),
                          f"<h3>nnsim {__version__}</h3>"
                          + self.tr("<p>A neural-network simulator: draw a network, train it "
                                    "with nnsim's own NumPy engine and watch it learn.</p><p>Drag "
                                    "layers from the palette, connect an output port to an input "
                                    "port, press <b>Train</b>.</p>"))

    # -- validation ------------------------------------------------------------------------------
    def _on_validated(self, v: Validation) -> None:
        self.strip.show_validation(v)
        if v.ok:
            n = v.n_params
            count = (self.tr("1 parameter") if n == 1
                     else self.tr("{0} parameters").format(f"{n:,}"))
            valid = self.tr("Valid")
            self.valid_label.setText(f"<span style='color:#1e7e34'>✔ {valid}</span> · {count}")
            self.valid_label.setToolTip(self.tr("The network is ready to train"))
        else:
            k = len(v.problems)
            count = self.tr("1 problem") if k == 1 else self.tr("{0} problems").format(k)
            self.valid_label.setText(f"<span style='color:#c5221f'>✖ {count}</span>")
            self.valid_label.setToolTip("\n".join(problem_text(p) for p in v.problems))

    # -- training --------------------------------------------------------------------------------
    def _network_changed(self, *_args) -> None:
        """Something the trainer was built from changed: rebuild it (restart if running)."""
        was_running = self._state == "running"
        self._loaded = False
        self.view.set_layer_health({})
        if self.sim is None or self._state == "idle":
            return
        if was_running and self.doc.validation.ok:
            QTimer.singleShot(0, self._restart)
        elif self._state in ("running", "paused", "finished", "diverged"):
            self.sim.stop()
            self.statusBar().showMessage(
                self.tr("The network changed: press Train to start again"), 6000)

    def _restart(self) -> None:
        if self._state == "running" and not self._loaded and self._load():
            self.sim.start()
            self.statusBar().showMessage(self.tr("The network changed: training restarted"),
                                         4000)

    def _on_param_changed(self, node_id: str, key: str) -> None:
        node = self.doc.project.node(node_id)
        dropouts = [n for n in self.doc.project.nodes if n.type == "Dropout"]
        if (self.sim is not None and self._loaded and node.type == "Dropout" and key == "rate"
                and len({n.params.get("rate") for n in dropouts}) == 1):
            self.sim.set_dropout(node.params["rate"])  # every Dropout layer has this rate
            return
        self._network_changed()

    def _on_training_changed(self, key: str) -> None:
        method = LIVE_TRAINING.get(key)
        if self.sim is not None and self._loaded and method and self.doc.validation.ok:
            getattr(self.sim, method)(self.doc.project.training[key])
        else:
            self._network_changed()

    def can_train(self) -> bool:
        """True when the network is valid; else tells the user why (box, status, canvas)."""
        v = self.doc.validation
        if v.ok:
            return True
        messages = [problem_text(p) for p in v.problems]
        lines = "\n".join(f"• {m}" for m in messages[:8])
        self.statusBar().showMessage(self.tr("Cannot train: {0}").format(messages[0]), 8000)
        files.show_error(self, self.tr("The network cannot be trained yet"),
                         self.tr("Fix these first (they are marked in red on the "
                                 "canvas):\n\n{0}").format(lines))
        return False

    def _load(self) -> bool:
        if not self.can_train():
            return False
        project = self.doc.snapshot()
        self.sim.load(project)
        if self.dashboard is not None:
            self.dashboard.clear()
            self.dashboard.set_context(project, self.doc.dataset())
        self.view.set_layer_health({})
        self._loaded = True
        return True

    def toggle_training(self) -> None:
        if self.sim is None:
            return
        if self._state == "running":
            self.sim.pause()
            return
        if not self._loaded:
            if not self._load():
                return
            self.sim.start()
        elif self._state == "paused":
            self.sim.resume()
        else:
            self.sim.start()
        self._show_state("running")  # optimistic: the real state follows

    def step_training(self) -> None:
        if self.sim is None:
            return
        if not self._loaded and not self._load():
            return
        self.sim.step(1)

    def reset_weights(self) -> None:
        if self.sim is None:
            return
        if not self._loaded:
            if not self._load():
                return
        else:
            self.sim.reset_weights()
        if self.dashboard is not None:
            self.dashboard.clear()
        self.view.set_layer_health({})
        self.statusBar().showMessage(self.tr("Weights reset"), 3000)

    def _on_state(self, state: str) -> None:
        self._state = state
        self._show_state(state)

    def _show_state(self, state: str) -> None:
        running = state == "running"
        self.act_train.setText(self.tr("Pause") if running else (
            self.tr("Resume") if state == "paused" else self.tr("Train")))
        self.act_train.setIcon(action_icon("pause" if running else "train"))
        names = {"idle": self.tr("Ready"), "running": self.tr("Training"),
                 "paused": self.tr("Paused"), "finished": self.tr("Finished"),
                 "diverged": self.tr("Diverged"), "stopped": self.tr("Stopped")}
        colours = {"running": "#1e7e34", "diverged": "#c5221f", "paused": "#b06000"}
        text = names.get(state, state)
        colour = colours.get(state)
        self.state_label.setText(f"<span style='color:{colour}'>{text}</span>" if colour else text)

    def _on_progress(self, p: dict) -> None:
        self.progress.show()
        step, budget = int(p.get("step", 0)), int(p.get("budget", 0) or 0)
        if budget > 0:
            self.progress.setRange(0, budget)
            self.progress.setValue(min(step, budget))
            self.progress.setFormat(self.tr("{0} / {1} steps").format(f"{step:,}", f"{budget:,}"))
        else:
            self.progress.setRange(0, 0 if self._state == "running" else 1)
            self.progress.setFormat(self.tr("{0} steps").format(f"{step:,}"))
        sps = float(p.get("steps_per_second") or 0.0)
        eta = p.get("eta_seconds")
        bits = [self.tr("epoch {0}").format(f"{float(p.get('epoch', 0.0)):.1f}")]
        if sps > 0 and self._state == "running":
            bits.append(self.tr("{0} steps/s").format(f"{sps:,.0f}"))
        if eta:
            m, s = divmod(int(round(eta)), 60)
            bits.append(self.tr("{0} left").format(f"{m}:{s:02d}"))
        self.speed_label.setText(" · ".join(bits))

    def _on_snapshot(self, snap) -> None:
        if self.dashboard is None or not hasattr(self.dashboard, "diagnosis_changed"):
            self._on_diagnosis(getattr(snap, "warnings", ()))

    def _on_diagnosis(self, diagnoses) -> None:
        health = {}
        for d in diagnoses or ():
            layer = getattr(d, "layer", None)
            if layer and self.doc.project.has_node(layer) and layer not in health:
                health[layer] = (d.kind, diagnosis_text(d.message))
        self.view.set_layer_health(health)

    def _on_sim_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        files.show_error(self, self.tr("Training"), message)

    # -- closing ---------------------------------------------------------------------------------
    def closeEvent(self, event):
        if not self.files.maybe_save():
            event.ignore()
            return
        self._save_geometry()
        if self.sim is not None:
            self.sim.shutdown()
        self.files.shutdown()
        event.accept()


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["MainWindow", "ProblemsStrip"]
