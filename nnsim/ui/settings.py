"""The app's persistent settings (QSettings) and the Preferences dialog.

Keys: ``simulation/runner`` ("thread" or "process"), ``files/recent`` (newest first),
``files/autosave_seconds``, ``window/geometry``, ``window/state`` and ``ui/language`` ("system",
"en" or "zh_CN"; see ``i18n.py``).
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
KEY_LANGUAGE = "ui/language"
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
    """Edit ▸ Preferences: where training runs, how often work is autosaved, the language."""

    def __init__(self, parent=None):
        from . import i18n

        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.runner = QComboBox()
        self.runner.addItem(self.tr("In a thread of the app"), "thread")
        self.runner.addItem(self.tr("In a separate process (faster on multi-core machines)"),
                            "process")
        self.runner.setCurrentIndex(max(0, self.runner.findData(runner_mode())))
        self.autosave = QSpinBox()
        self.autosave.setRange(2, 600)
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setValue(autosave_seconds())
        self.language = QComboBox()
        system = dict(i18n.LANGUAGES)[i18n.resolve_language(i18n.SYSTEM)]
        self.language.addItem(self.tr("System language ({0})").format(system), i18n.SYSTEM)
        for code, name in i18n.LANGUAGES:  # each language in its own words
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.language_setting())))
        note = QLabel(self.tr("The training runner applies from the next time training starts. "
                              "A new language takes effect when nnsim restarts."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        form = QFormLayout()
        form.addRow(self.tr("Training runs"), self.runner)
        form.addRow(self.tr("Autosave every"), self.autosave)
        form.addRow(self.tr("Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(buttons)

    def accept(self) -> None:
        from . import i18n

        set_runner_mode(self.runner.currentData())
        settings().setValue(KEY_AUTOSAVE, int(self.autosave.value()))
        i18n.set_language_setting(self.language.currentData())
        super().accept()
