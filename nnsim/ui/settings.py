"""The app's persistent settings (QSettings) and the Preferences dialog.

Keys: ``simulation/runner`` ("thread" or "process"), ``files/recent`` (newest first),
``files/autosave_seconds``, ``window/geometry`` and ``window/state``.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QSpinBox, QVBoxLayout)

ORG = APP = "nnsim"
KEY_RUNNER = "simulation/runner"
KEY_RECENT = "files/recent"
KEY_AUTOSAVE = "files/autosave_seconds"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
RUNNERS = ("thread", "process")
MAX_RECENT = 10
DEFAULT_AUTOSAVE_SECONDS = 5


def settings() -> QSettings:
    return QSettings(ORG, APP)


def runner_mode() -> str:
    mode = settings().value(KEY_RUNNER, "thread")
    return mode if mode in RUNNERS else "thread"


def set_runner_mode(mode: str) -> None:
    if mode not in RUNNERS:
        raise ValueError(f"runner must be one of {RUNNERS}")
    settings().setValue(KEY_RUNNER, mode)


def autosave_seconds() -> int:
    try:
        v = int(settings().value(KEY_AUTOSAVE, DEFAULT_AUTOSAVE_SECONDS))
    except (TypeError, ValueError):
        v = DEFAULT_AUTOSAVE_SECONDS
    return min(600, max(2, v))


def recent_files() -> list[str]:
    value = settings().value(KEY_RECENT, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    return [str(v) for v in (value or []) if v][:MAX_RECENT]


def add_recent(path: str) -> None:
    path = os.path.abspath(path)
    items = [p for p in recent_files() if os.path.abspath(p) != path]
    settings().setValue(KEY_RECENT, ([path] + items)[:MAX_RECENT])


def remove_recent(path: str) -> None:
    path = os.path.abspath(path)
    settings().setValue(KEY_RECENT, [p for p in recent_files() if os.path.abspath(p) != path])


def clear_recent() -> None:
    settings().setValue(KEY_RECENT, [])


class PreferencesDialog(QDialog):
    """Edit ▸ Preferences: where training runs, how often work is autosaved."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.runner = QComboBox()
        self.runner.addItem("In a thread of the app", "thread")
        self.runner.addItem("In a separate process (faster on multi-core machines)", "process")
        self.runner.setCurrentIndex(max(0, self.runner.findData(runner_mode())))
        self.autosave = QSpinBox()
        self.autosave.setRange(2, 600)
        self.autosave.setSuffix(" s")
        self.autosave.setValue(autosave_seconds())
        note = QLabel("The training runner applies from the next time training starts.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow("Training runs", self.runner)
        form.addRow("Autosave every", self.autosave)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def accept(self) -> None:
        set_runner_mode(self.runner.currentData())
        settings().setValue(KEY_AUTOSAVE, int(self.autosave.value()))
        super().accept()
