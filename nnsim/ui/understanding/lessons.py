"""The lesson card: a lesson of ``nnsim.training.lessons.LESSONS`` beside the network it is about.

Title, what it is about, what to try, what to watch, the effect it promises (measured by the test
suite on the projects as shipped), and a button per project of the lesson. The window wiring
opens the first project and raises the lesson's dashboards.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ...spec import load_project
from ...training.lessons import C as LESSON_CONTEXT
from ...training.lessons import Lesson
from .formula import render_formula


def tr_lesson(text: str) -> str:
    return QCoreApplication.translate(LESSON_CONTEXT, text) if text else text


def _prose(text: str) -> str:
    """A lesson text, translated, with its bits of formula rendered."""
    return render_formula(tr_lesson(text), prose=True)


def project_title(lesson: Lesson, index: int) -> str:
    """The title of the lesson's project ``index`` in the interface language (the example's
    translated title, as the window title and File ▸ Examples show it)."""
    from ..files import example_title

    try:
        return example_title(load_project(lesson.project_paths()[index]).name)
    except Exception:  # noqa: BLE001 - a title is not worth an error
        return lesson.projects[index]


def can_race(lesson: Lesson) -> bool:
    """Two projects on the same data set: they can race."""
    if len(lesson.projects) != 2:
        return False
    try:
        a, b = (load_project(p) for p in lesson.project_paths())
    except Exception:  # noqa: BLE001
        return False
    return a.dataset.name == b.dataset.name and a.dataset.params == b.dataset.params


class LessonCard(QWidget):
    #: the user asked to open project ``index`` of the lesson
    open_project = Signal(int)
    #: train / pause the open project
    train_requested = Signal()
    #: race the lesson's two projects
    race_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("lesson")
        self.lesson: Lesson | None = None
        self.current_project = -1
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setContentsMargins(10, 8, 10, 4)
        self.project_buttons: list[QPushButton] = []
        self.buttons_box = QVBoxLayout()
        self.buttons_box.setContentsMargins(10, 0, 10, 4)
        self.buttons_box.setSpacing(4)
        self.train_button = QPushButton(self.tr("▶ Train / pause"))
        self.train_button.setToolTip(self.tr("Train the open project (F5)"))
        self.train_button.clicked.connect(self.train_requested)
        self.race_button = QPushButton(self.tr("Race the two side by side…"))
        self.race_button.setToolTip(self.tr("Train both projects at the same time on the same "
                                            "data"))
        self.race_button.clicked.connect(self.race_requested)
        row = QHBoxLayout()
        row.setContentsMargins(10, 0, 10, 10)
        row.addWidget(self.train_button)
        row.addWidget(self.race_button)
        row.addStretch(1)
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.setContentsMargins(0, 0, 0, 0)
        il.setSpacing(4)
        il.addWidget(self.body)
        il.addLayout(self.buttons_box)
        il.addLayout(row)
        il.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        self.show_lesson(None)

    def show_lesson(self, lesson: Lesson | None, current_project: int = 0) -> None:
        self.lesson = lesson
        for b in self.project_buttons:
            self.buttons_box.removeWidget(b)
            b.deleteLater()
        self.project_buttons = []
        if lesson is None:
            self.body.setText("<p style='color:gray'>" + self.tr(
                "Choose a lesson from the <b>Learn ▸ Lessons</b> menu.") + "</p>")
            self.train_button.setVisible(False)
            self.race_button.setVisible(False)
            return
        e = _prose
        try_, watch, projects = self.tr("Try"), self.tr("Watch"), self.tr("Projects of this lesson")
        shows = self.tr("<b>What it shows</b> (after {0} steps each, as shipped):").format(
            f"{lesson.budget:,}")
        parts = [f"<h2 style='margin:0'>{e(lesson.title)}</h2>",
                 f"<p>{e(lesson.intro)}</p>",
                 f"<p style='margin-bottom:0'><b>{try_}</b></p>"
                 "<ol style='margin-top:2px'>"
                 + "".join(f"<li>{e(t)}</li>" for t in lesson.try_) + "</ol>",
                 f"<p style='margin-bottom:0'><b>{watch}</b></p>"
                 "<ul style='margin-top:2px'>"
                 + "".join(f"<li>{e(t)}</li>" for t in lesson.watch) + "</ul>",
                 "<table width='100%' cellpadding='6' style='background:#eef6ee'><tr><td>"
                 f"{shows} {e(lesson.claim)}</td></tr></table>",
                 f"<p style='margin-bottom:0'><b>{projects}</b></p>"]
        self.body.setText("".join(parts))
        for i in range(len(lesson.projects)):
            b = QPushButton()
            b.setStyleSheet("text-align: left; padding: 4px 8px;")
            b.clicked.connect(lambda _=False, k=i: self.open_project.emit(k))
            self.buttons_box.addWidget(b)
            self.project_buttons.append(b)
        self.train_button.setVisible(True)
        self.race_button.setVisible(can_race(lesson))
        self.set_current_project(current_project)

    def set_current_project(self, index: int) -> None:
        self.current_project = index
        for i, b in enumerate(self.project_buttons):
            b.setEnabled(i != index)
            title = project_title(self.lesson, i)
            full = (self.tr("✔ “{0}” is open") if i == index else
                    self.tr("Open “{0}”")).format(title)
            b.setProperty("full_text", full)
            b.setToolTip(full)
        self._elide()

    def _elide(self) -> None:
        """Button texts cut to the card's width (the full text is the tooltip)."""
        for b in self.project_buttons:
            full = b.property("full_text") or b.text()
            room = max(60, self.width() - 40)
            b.setText(b.fontMetrics().elidedText(full, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()
