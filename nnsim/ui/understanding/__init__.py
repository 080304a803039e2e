"""Understanding: the backprop step-through, explanations where the user looks, lessons, and
comparing runs (issue 7), hooked into a ``MainWindow`` through its public attributes only.

``install_understanding(window)`` adds

- docks: "Backprop step-through" (``StepThroughPanel``), "Explanations" (``HelpPanel``),
  "Lesson" (``LessonCard``) and "Runs" (``RunsPanel``), hidden until asked for;
- a **Learn** menu: Step through backprop…, Lessons ▸ (one entry per lesson), Compare runs,
  Race two projects…, Explanations panel;
- tooltips with the explanation (title, formula, a few words) on the palette's layer types, the
  inspector's activation / loss / optimiser choices and the plot panels;
- connections: every snapshot goes to the session's ``RunRegistry``; the checked runs are
  overlaid on the loss and gradient plots; the step-through outlines its layer on the canvas; a
  layer selected on the canvas or a plot clicked is explained in the help panel.

The installed ``Understanding`` object is ``window.understanding``.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QMainWindow, QWidget

from ...paths import resource_path
from ...spec import load_project
from ...training.lessons import LESSONS, Lesson
from ...training.runs import RunRegistry, settings_of
from .formula import panel_topic, tooltip_html
from .help_panel import HelpPanel
from .lessons import LessonCard, tr_lesson
from .runs import RunOverlays, RunsPanel
from .stepthrough_panel import StepThroughPanel

__all__ = ["Understanding", "install_understanding"]

RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
STEPTHROUGH_WIDTH = 520
#: how long to wait for the paused snapshot before building from the newest one anyway
PAUSE_WAIT_MS = 1500


def install_understanding(window: QMainWindow) -> None:
    """Add issue 7's docks, menu, tooltips and connections to ``window``."""
    if getattr(window, "understanding", None) is not None:
        return
    window.understanding = Understanding(window)


def _weights_of(snap) -> dict:
    return {f"{l.name}.{k}": v for l in snap.layers for k, v in l.params.items()}


def _structure(project) -> tuple:
    s = settings_of(project)
    return (s["layers"], s["links"], s["dataset"])


class Understanding(QObject):
    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.registry = RunRegistry()
        self.race_window = None
        self._await_pause = False
        self._overlay_on_next_run: int | None = None
        self._highlight: list[str] = []
        self._stepthrough_step: int | None = None

        # -- docks ---------------------------------------------------------------------------
        self.stepthrough = StepThroughPanel()
        self.help = HelpPanel()
        self.lesson_card = LessonCard()
        self.runs_panel = RunsPanel(self.registry)
        self.stepthrough_dock = self._dock("stepthrough", self.tr("Backprop step-through"),
                                           self.stepthrough)
        self.help_dock = self._dock("help", self.tr("Explanations"), self.help)
        self.lesson_dock = self._dock("lesson", self.tr("Lesson"), self.lesson_card)
        self.runs_dock = self._dock("runs", self.tr("Runs"), self.runs_panel)
        self._place_docks()
        self.lesson: Lesson | None = None

        loss = self._panel("loss")
        grads = self._panel("gradients")
        self.overlays = RunOverlays(
            self.registry, getattr(loss, "loss_plot", None), getattr(grads, "norm_plot", None),
            smoothing=lambda: getattr(loss, "smoothing", 0.6),
            loss_legend=getattr(loss, "legend", None), loss_panel=loss, grad_panel=grads,
            parent=self)
        if loss is not None and hasattr(loss, "smooth_slider"):
            loss.smooth_slider.valueChanged.connect(lambda _v: self.overlays.update())

        self._make_menu()
        self._connect()
        self.decorate_tooltips()

    # -- construction --------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(f"dock-{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.window.addDockWidget(RIGHT, dock)
        return dock

    def _place_docks(self) -> None:
        """Step-through beside the inspector (tabs); lesson, explanations and runs under it."""
        w = self.window
        anchor = getattr(w, "inspector_dock", None)
        if anchor is not None:  # split first: a dock in a tab group cannot be split
            w.splitDockWidget(anchor, self.lesson_dock, Qt.Orientation.Vertical)
            w.tabifyDockWidget(anchor, self.stepthrough_dock)
            anchor.raise_()
        w.tabifyDockWidget(self.lesson_dock, self.help_dock)
        w.tabifyDockWidget(self.lesson_dock, self.runs_dock)
        for d in (self.stepthrough_dock, self.help_dock, self.lesson_dock, self.runs_dock):
            d.hide()

    def _panel(self, panel_id: str):
        dash = getattr(self.window, "dashboard", None)
        if dash is None:
            return None
        for p in dash.panels:
            if getattr(p, "panel_id", None) == panel_id:
                return p
        return None

    def panel_dock(self, panel_id: str) -> QDockWidget | None:
        return self.window.findChild(QDockWidget, f"dock-panel-{panel_id}")

    def _make_menu(self) -> None:
        w = self.window
        m = self.menu = w.menuBar().addMenu(self.tr("&Learn"))
        about = getattr(w, "act_about", None)  # the Help menu is the one with About
        help_menu = next((a for a in w.menuBar().actions()
                          if a.menu() is not None and about in a.menu().actions()), None)
        if help_menu is not None:  # Learn goes before Help
            w.menuBar().removeAction(m.menuAction())
            w.menuBar().insertMenu(help_menu, m)
        self.act_stepthrough = QAction(self.tr("&Step Through Backprop…"), w)
        self.act_stepthrough.setShortcut(QKeySequence("Ctrl+B"))
        self.act_stepthrough.setStatusTip(self.tr("Pause training and follow one sample through "
                                                  "forward pass, loss, backpropagation and "
                                                  "update"))
        self.act_stepthrough.triggered.connect(self.open_stepthrough)
        m.addAction(self.act_stepthrough)
        self.lessons_menu = m.addMenu(self.tr("&Lessons"))
        self.lesson_actions: dict[str, QAction] = {}
        for lesson in LESSONS:
            act = self.lessons_menu.addAction(tr_lesson(lesson.title))
            act.setStatusTip(tr_lesson(lesson.intro))
            act.triggered.connect(lambda _=False, l=lesson: self.open_lesson(l))
            self.lesson_actions[lesson.id] = act
        m.addSeparator()
        self.act_runs = QAction(self.tr("&Compare Runs"), w)
        self.act_runs.setStatusTip(self.tr("Every training run of this session; overlay them on "
                                           "the loss and gradient plots"))
        self.act_runs.triggered.connect(self.show_runs)
        m.addAction(self.act_runs)
        self.act_race = QAction(self.tr("&Race Two Projects…"), w)
        self.act_race.setStatusTip(self.tr("Train two projects side by side on the same data"))
        self.act_race.triggered.connect(lambda: self.open_race())
        m.addAction(self.act_race)
        m.addSeparator()
        self.act_help = self.help_dock.toggleViewAction()
        self.act_help.setText(self.tr("&Explanations Panel"))
        self.act_help.triggered.connect(
            lambda on: on and QTimer.singleShot(0, lambda: self._size_lower(self.help_dock, 0.5)))
        self.act_help.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        m.addAction(self.act_help)

    def _connect(self) -> None:
        w = self.window
        if w.sim is not None:
            w.sim.snapshot_received.connect(self._on_snapshot)
            w.sim.state_changed.connect(self._on_state)
        d = w.doc
        d.project_replaced.connect(self._on_project_replaced)
        for sig in (d.node_added, d.node_removed, d.link_added, d.link_removed,
                    d.dataset_changed):
            sig.connect(self._update_pending)
        d.param_changed.connect(self._on_param_changed)
        d.training_changed.connect(self._on_training_changed)
        self.registry.on_new_run(self._on_new_run)
        self.runs_panel.checked_changed.connect(self.overlays.set_runs)
        self.runs_panel.timer.timeout.connect(self.overlays.update)
        self.runs_panel.restart_requested.connect(self.restart_with_change)
        self.stepthrough.stage_changed.connect(self._on_stage)
        self.stepthrough.refresh_requested.connect(self.load_stepthrough)
        self.stepthrough_dock.visibilityChanged.connect(self._stepthrough_visible)
        scene = w.view.scene()
        scene.node_selection_changed.connect(self._on_selection)
        self.lesson_card.open_project.connect(self._open_lesson_project)
        self.lesson_card.train_requested.connect(lambda: w.toggle_training())
        self.lesson_card.race_requested.connect(self._race_lesson)
        for p in (self._panel(pid) for pid in ("loss", "weights", "gradients", "through_time",
                                               "gates", "output", "neurons")):
            if p is not None:
                self._watch_clicks(p)

    # -- tooltips ------------------------------------------------------------------------------------
    def decorate_tooltips(self) -> None:
        """Explanations as tooltips on palette items, inspector choices and plot panels."""
        w = self.window
        palette = getattr(w, "palette", None)
        tree = getattr(palette, "tree", None)
        if tree is not None and hasattr(tree, "type_items"):
            for type_name, item in tree.type_items().items():
                tip = tooltip_html(f"layer:{type_name}")
                if tip:
                    item.setToolTip(0, tip)
        for p in getattr(getattr(w, "dashboard", None), "panels", ()):
            tip = tooltip_html(panel_topic(p.panel_id),
                               self.tr("Click the plot for more in the Explanations panel (F1)."))
            if tip:
                p.setToolTip(tip)
                dock = self.panel_dock(p.panel_id)
                if dock is not None:
                    dock.setToolTip(tip)
                    dock.toggleViewAction().setToolTip(tip)
        self.decorate_inspector()

    def decorate_inspector(self) -> None:
        insp = getattr(self.window, "inspector", None)
        if insp is None:
            return
        editors = dict(getattr(getattr(insp, "layer", None), "editors", {}) or {})
        choices = [(editors.get("activation"), "activation"), (editors.get("loss"), "loss"),
                   ((getattr(getattr(insp, "training", None), "editors", {}) or {})
                    .get("optimizer"), "optimizer")]
        for ed, prefix in choices:
            combo = getattr(ed, "widget", None)
            if not isinstance(combo, QComboBox) or not shiboken6.isValid(combo):
                continue  # the inspector rebuilt its editors: this one is gone
            if combo.property("nnsim_help") is None:
                combo.setProperty("nnsim_help", combo.toolTip() or "")
                combo.currentIndexChanged.connect(
                    lambda _i, c=combo, p=prefix: self._combo_tip(c, p))
            for i in range(combo.count()):
                tip = tooltip_html(f"{prefix}:{combo.itemData(i)}")
                if tip:
                    combo.setItemData(i, tip, Qt.ItemDataRole.ToolTipRole)
            self._combo_tip(combo, prefix)

    @staticmethod
    def _combo_tip(combo: QComboBox, prefix: str) -> None:
        tip = tooltip_html(f"{prefix}:{combo.currentData()}", combo.property("nnsim_help") or "")
        if tip:
            combo.setToolTip(tip)

    # -- selection and clicks: the help panel -----------------------------------------------------------
    def _on_selection(self, node_ids) -> None:
        QTimer.singleShot(0, self.decorate_inspector)  # after the inspector built its editors
        if len(node_ids) == 1 and self.window.doc.project.has_node(node_ids[0]):
            self.help.show_node(self.window.doc.project.node(node_ids[0]))

    def _watch_clicks(self, panel: QWidget) -> None:
        panel.installEventFilter(self)
        for child in panel.findChildren(QWidget):
            child.installEventFilter(self)
        panel.setProperty("nnsim_panel_id", panel.panel_id)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            w = obj
            while w is not None and w.property("nnsim_panel_id") is None:
                w = w.parentWidget()
            if w is not None:
                self.help.show_topics([panel_topic(w.property("nnsim_panel_id"))],
                                      self.tr("The “{0}” plot").format(getattr(w, "title", "")))
        return False

    # -- snapshots, runs ---------------------------------------------------------------------------
    def _project_now(self):
        return self.window.doc.snapshot()

    def _on_snapshot(self, snap) -> None:
        self.registry.consume(snap, self._project_now)
        if snap.state == "running":
            return
        if self._await_pause:
            self._await_pause = False
            self.load_stepthrough()
        elif self.stepthrough_dock.isVisible() and snap.step != self._stepthrough_step:
            self.load_stepthrough()  # a single step (F10) or a reset while it is open

    def _on_state(self, state: str) -> None:
        if self._await_pause and state not in ("running",):
            # the paused snapshot follows the state change; give it a moment
            QTimer.singleShot(200, self._pause_fallback)

    def _pause_fallback(self) -> None:
        if self._await_pause:
            self._await_pause = False
            self.load_stepthrough()

    def _on_project_replaced(self) -> None:
        self.registry.new_project()
        self._update_pending()
        if self.lesson is not None:
            names = [load_project(p).name for p in self.lesson.project_paths()]
            name = self.window.doc.project.name
            self.lesson_card.set_current_project(names.index(name) if name in names else -1)
        if self.stepthrough_dock.isVisible():
            QTimer.singleShot(0, self.load_stepthrough)

    def _on_param_changed(self, *_args) -> None:
        self.decorate_inspector()
        self._update_pending()

    def _on_training_changed(self, *_args) -> None:
        self._update_pending()

    def _update_pending(self, *_args) -> None:
        self.runs_panel.set_pending(self.registry.pending_changes(self.window.doc.project))

    def _on_new_run(self, run) -> None:
        if self._overlay_on_next_run is not None:
            prev = self._overlay_on_next_run
            self._overlay_on_next_run = None
            run.note = self.tr("Restarted with the same seed after a change.")
            QTimer.singleShot(0, lambda: self.runs_panel.set_checked(
                self.runs_panel.checked | {prev}))
        QTimer.singleShot(0, self._update_pending)

    def _show_lower(self, dock: QDockWidget, share: float = 0.5) -> None:
        """Show one of the docks under the inspector, with ``share`` of the height."""
        dock.show()
        dock.raise_()
        QTimer.singleShot(0, lambda: self._size_lower(dock, share))

    def _size_lower(self, dock: QDockWidget, share: float) -> None:
        w = self.window
        anchor = getattr(w, "inspector_dock", None)
        if anchor is None or not anchor.isVisible() or anchor.isFloating() or dock.isFloating():
            return
        total = anchor.height() + dock.height()
        if dock.height() < share * total * 0.9:
            w.resizeDocks([anchor, dock], [int(total * (1 - share)), int(total * share)],
                          Qt.Orientation.Vertical)

    def show_runs(self) -> None:
        self._show_lower(self.runs_dock, 0.45)
        self.runs_panel.refresh(force=True)
        for pid in ("gradients", "loss"):
            d = self.panel_dock(pid)
            if d is not None:
                d.show()
                d.raise_()

    def restart_with_change(self) -> bool:
        """New weights from the same seed with the settings now in the inspector; the previous
        run is overlaid. False when the network cannot be trained."""
        w = self.window
        if w.sim is None or not w.can_train():
            return False
        prev = self.registry.current
        self._overlay_on_next_run = prev.number if prev is not None and prev.steps > 0 else None
        w.reset_weights()
        w.sim.start()
        self.show_runs()
        return True

    # -- step-through ----------------------------------------------------------------------------------
    def open_stepthrough(self) -> None:
        """Show the panel; pause training first and take the weights of the paused step."""
        w = self.window
        self.stepthrough_dock.show()
        self.stepthrough_dock.raise_()
        QTimer.singleShot(0, self._widen_stepthrough)
        if w.sim is not None and w.sim.state == "running":
            self._await_pause = True
            w.sim.pause()
            self.stepthrough.show_message(self.tr("Pausing training…"))
            QTimer.singleShot(PAUSE_WAIT_MS, self._pause_fallback)
        else:
            self.load_stepthrough()
        self.stepthrough.next_button.setFocus()

    def _widen_stepthrough(self) -> None:
        w = self.window
        docks, sizes = [self.stepthrough_dock], [STEPTHROUGH_WIDTH]
        palette = getattr(w, "palette_dock", None)
        if palette is not None and palette.isVisible():  # take the room from the canvas
            docks.insert(0, palette)
            sizes.insert(0, max(palette.width(), 190))
        w.resizeDocks(docks, sizes, Qt.Orientation.Horizontal)
        QTimer.singleShot(0, w.view.fit)  # the canvas got narrower: keep the network in view

    def load_stepthrough(self) -> bool:
        """Build the step-through from the newest snapshot (or the initial weights)."""
        w = self.window
        snap = w.sim.latest if w.sim is not None else None
        ctx = getattr(w.dashboard, "context", None) if w.dashboard is not None else None
        doc_project = w.doc.project
        self._stepthrough_step = None
        if snap is not None and ctx is not None and ctx.project is not None \
                and ctx.dataset is not None and _structure(ctx.project) == _structure(doc_project):
            self._stepthrough_step = snap.step
            return self.stepthrough.set_source(ctx.project, ctx.dataset, _weights_of(snap),
                                               snap.learning_rate, snap.step)
        if not w.doc.validation.ok or w.doc.dataset() is None:
            self.stepthrough.stepper = None
            self.stepthrough.show_message(self.tr("The network is not valid yet: fix the "
                                                  "problems marked on the canvas, then step "
                                                  "through it."))
            self.stepthrough._update_enabled()
            return False
        return self.stepthrough.set_source(w.doc.snapshot(), w.doc.dataset(), None)

    def _on_stage(self, stage) -> None:
        ids = [stage.layer] if stage.layer else [
            n.id for n in self.window.doc.project.nodes if n.type == "Output"]
        self._highlight = ids
        if self.stepthrough_dock.isVisible():
            self.window.view.highlight(ids)

    def _stepthrough_visible(self, visible: bool) -> None:
        self.window.view.highlight(self._highlight if visible else [])

    # -- lessons -----------------------------------------------------------------------------------------
    def open_lesson(self, lesson: Lesson, index: int = 0) -> bool:
        """Open project ``index`` of ``lesson`` (asking to save changes), show the card and
        raise the lesson's plots."""
        if not self.window.files.open_example(lesson.project_paths()[index]):
            return False
        self.lesson = lesson
        self.lesson_card.show_lesson(lesson, index)
        self._show_lower(self.lesson_dock, 0.6)
        for pid in reversed(lesson.panels):  # the first listed ends on top of its tab group
            d = self.panel_dock(pid)
            if d is not None:
                d.show()
                d.raise_()
        self.window.statusBar().showMessage(
            self.tr("Lesson: {0}").format(tr_lesson(lesson.title)), 6000)
        return True

    def _open_lesson_project(self, index: int) -> None:
        if self.lesson is not None:
            self.open_lesson(self.lesson, index)

    def _race_lesson(self) -> None:
        if self.lesson is not None and len(self.lesson.projects) == 2:
            a, b = (load_project(p) for p in self.lesson.project_paths())
            self.open_race(a, b)

    # -- race ----------------------------------------------------------------------------------------------
    def open_race(self, project_a=None, project_b=None):
        """The race window (one per main window), with two projects (default: the adding
        problem's SimpleRNN against its LSTM)."""
        from ..files import examples
        from .race import RaceWindow

        w = self.window
        if w.sim is not None and w.sim.state == "running":
            w.sim.pause()  # two cores are enough for two racers, not three
        if project_a is None or project_b is None:
            project_a = load_project(resource_path("examples", "adding_rnn.json"))
            project_b = load_project(resource_path("examples", "adding_lstm.json"))
        if self.race_window is not None:
            self.race_window.shutdown()
            self.race_window.close()
            self.race_window.deleteLater()
        self.race_window = RaceWindow(w, project_a, project_b, examples=examples())
        self.race_window.show()
        self.race_window.raise_()
        return self.race_window

    def shutdown(self) -> None:
        """Stop the race's training threads (the window's own are the window's business)."""
        if self.race_window is not None:
            self.race_window.shutdown()
