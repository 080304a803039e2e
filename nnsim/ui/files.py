"""Files: New, Open, Save, Save As, recent files, examples, autosave and crash recovery.

- Saves are atomic (``nnsim.spec.io.save_project`` writes a temporary file and renames it): a
  failed save leaves the old file intact, and the user is told.
- A file that cannot be opened (broken, or from a newer nnsim) is refused with the
  ``ProjectError`` message; the open document is not touched.
- Autosave: every few seconds, when there are unsaved changes, the document goes to
  ``<data folder>/autosave/<session>.json``. Each session holds a ``QLockFile`` beside it. On
  start, an autosave whose lock is free belongs to a session that did not close cleanly (a
  crash, a kill, a power cut): the user is offered to restore it. A clean close deletes both.

The dialogs are small module-level functions, so tests replace them with ``monkeypatch``.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..paths import resource_path
from ..spec import LinkSpec, NodeSpec, Project, ProjectError, load_project, save_project
from ..spec.io import atomic_write, project_from_dict
from ..spec.model import DatasetSpec
from . import settings as st

AUTOSAVE_MARK = "nnsim-autosave"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


#: the bundled examples' names (their files keep the English name), marked for translation
EXAMPLE_TITLES = (
    QT_TRANSLATE_NOOP("Examples", "Activation: relu"),
    QT_TRANSLATE_NOOP("Examples", "Activation: sigmoid"),
    QT_TRANSLATE_NOOP("Examples", "Activation: tanh"),
    QT_TRANSLATE_NOOP("Examples", "Adding problem, lag 100: LSTM"),
    QT_TRANSLATE_NOOP("Examples", "Adding problem, lag 100: SimpleRNN"),
    QT_TRANSLATE_NOOP("Examples", "Character-level LSTM"),
    QT_TRANSLATE_NOOP("Examples", "The cure: deep ReLU with He init"),
    QT_TRANSLATE_NOOP("Examples", "Vanishing gradients: deep sigmoid"),
    QT_TRANSLATE_NOOP("Examples", "Exploding gradients"),
    QT_TRANSLATE_NOOP("Examples", "Exploding gradients, clipped"),
    QT_TRANSLATE_NOOP("Examples", "Adding problem, LSTM with forget bias 0"),
    QT_TRANSLATE_NOOP("Examples", "Over-fitting"),
    QT_TRANSLATE_NOOP("Examples", "Over-fitting cured by dropout"),
    QT_TRANSLATE_NOOP("Examples", "Two spirals"),
    QT_TRANSLATE_NOOP("Examples", "XOR"),
    QT_TRANSLATE_NOOP("Examples", "XOR without a hidden layer"),
)


def example_title(name: str) -> str:
    """A bundled example's name in the interface language (other names as they are)."""
    return QCoreApplication.translate("Examples", name) if name else name


def file_filter() -> str:
    return QCoreApplication.translate("Files", "nnsim projects (*.json);;All files (*)")


# -- where things go ------------------------------------------------------------------------------

def data_dir() -> Path:
    """The user's nnsim data folder: ``$NNSIM_DATA_DIR`` if set, else Qt's AppDataLocation."""
    env = os.environ.get("NNSIM_DATA_DIR")
    if env:
        path = Path(env)
    else:
        loc = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
        path = Path(loc) if loc else Path.home() / ".nnsim"
        if path.name in ("", "python", "python3"):  # no application name set
            path = path / "nnsim"
    return path


def autosave_dir() -> Path:
    return data_dir() / "autosave"


def examples() -> list[tuple[str, Path]]:
    """Bundled example projects as (title, path), sorted by title."""
    out = []
    folder = resource_path("examples")
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            name = json.loads(path.read_text(encoding="utf-8")).get("name") or path.stem
        except (OSError, ValueError, AttributeError):
            continue
        out.append((str(name), path))
    return sorted(out, key=lambda t: t[0].lower())


def default_example() -> Path:
    return resource_path("examples", "spirals.json")


def starter_project() -> Project:
    """File ▸ New: an Input and an Output on the XOR data, waiting for layers in between."""
    p = Project(name="Untitled", dataset=DatasetSpec("xor", {}))
    p.nodes = [NodeSpec.new("input", "Input", (0, 0)), NodeSpec.new("dense1", "Dense", (200, 0),
                                                                     units=8),
               NodeSpec.new("dense2", "Dense", (400, 0), units=2, activation="linear"),
               NodeSpec.new("output", "Output", (600, 0))]
    p.links = [LinkSpec("input", "dense1"), LinkSpec("dense1", "dense2"),
               LinkSpec("dense2", "output")]
    return p


# -- dialogs (monkeypatched in tests) ---------------------------------------------------------------

def ask_save_changes(parent: QWidget | None, name: str) -> str:
    """"save", "discard" or "cancel"."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Files", "Unsaved changes"))
    box.setText(QCoreApplication.translate("Files", "Save the changes to “{0}”?").format(name))
    box.setInformativeText(QCoreApplication.translate(
        "Files", "Your changes will be lost if you don't save them."))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save",
            QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel")


def ask_restore(parent: QWidget | None, description: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Files", "Restore unsaved work?"))
    box.setText(QCoreApplication.translate("Files", "nnsim did not close properly last time."))
    box.setInformativeText(description + "\n\n"
                           + QCoreApplication.translate("Files", "Restore it?"))
    restore = box.addButton(QCoreApplication.translate("Files", "Restore"),
                            QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("Files", "Discard"),
                  QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask_open_path(parent: QWidget | None, directory: str) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("Files", "Open project"), directory, file_filter())
    return path


def ask_save_path(parent: QWidget | None, suggested: str) -> str:
    path, _ = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Files", "Save project as"), suggested, file_filter())
    if path and not os.path.splitext(path)[1]:
        path += ".json"
    return path


# -- the controller -----------------------------------------------------------------------------------

def _release(lock: QLockFile, *_args) -> None:
    lock.unlock()


class FileController(QObject):
    """Owns the document's file: its path, saving, opening, autosave and recovery."""

    #: the path (or "" for an unsaved document) or the document's title changed
    title_changed = Signal()
    recent_changed = Signal()
    #: a short message for the status bar
    message = Signal(str)

    def __init__(self, doc, stack, window: QWidget | None = None):
        super().__init__(window)
        self.doc, self.stack, self.window = doc, stack, window
        self.path: Path | None = None
        self.example: str | None = None
        self.session = uuid.uuid4().hex
        self._revision = 0
        self._autosaved_revision = 0
        stack.indexChanged.connect(self._bump)
        self._lock: QLockFile | None = None
        try:
            autosave_dir().mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(str(autosave_dir() / f"{self.session}.lock"))
            self._lock.setStaleLockTime(0)
            if self._lock.tryLock(0):
                self.destroyed.connect(partial(_release, self._lock))
            else:
                self._lock = None
        except OSError:
            self._lock = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave)
        self.timer.start(st.autosave_seconds() * 1000)

    # -- naming ------------------------------------------------------------------------------------
    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        if self.example:
            return self.tr("{0} (example)").format(example_title(self.example))
        return self.doc.project.name or self.tr("Untitled")

    def is_modified(self) -> bool:
        return not self.stack.isClean()

    # -- opening -------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, unchanged)."""
        if not self.is_modified():
            return True
        answer = ask_save_changes(self.window, self.display_name())
        if answer == "save":
            return self.save()
        return answer == "discard"

    def _adopt(self, project: Project, path: Path | None, example: str | None = None) -> None:
        self.doc.replace_project(project)
        self.stack.clear()
        self.stack.setClean()
        self.path = path
        self.example = example
        self._forget_autosave()
        self.title_changed.emit()

    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self._adopt(starter_project(), None)
        self.message.emit(self.tr("New project: add layers between Input and Output"))
        return True

    def open(self, path: str | os.PathLike | None = None) -> bool:
        if path is None:
            start = str(self.path.parent) if self.path else str(st.settings().value(
                "files/last_dir", str(Path.home())))
            path = ask_open_path(self.window, start)
            if not path:
                return False
        if not self.maybe_save():
            return False
        return self.load(path)

    def load(self, path: str | os.PathLike) -> bool:
        """Open ``path`` without asking about the current document (the caller did)."""
        path = Path(path)
        try:
            project = load_project(path)
        except ProjectError as e:
            show_error(self.window, self.tr("Cannot open the project"), str(e))
            self.message.emit(self.tr("Not opened: {0}").format(e))
            if not path.exists():
                st.remove_recent(str(path))
                self.recent_changed.emit()
            return False
        self._adopt(project, path.resolve())
        st.add_recent(str(self.path))
        st.settings().setValue("files/last_dir", str(self.path.parent))
        self.recent_changed.emit()
        self.message.emit(self.tr("Opened {0}").format(self.path))
        return True

    def open_example(self, path: str | os.PathLike) -> bool:
        """An example opens as a new, untitled document (Save asks where), never in place."""
        if not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectError as e:
            show_error(self.window, self.tr("Cannot open the example"), str(e))
            return False
        self._adopt(project, None, example=project.name)
        self.message.emit(self.tr("Example “{0}” opened").format(example_title(project.name)))
        return True

    # -- saving -----------------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self, path: str | os.PathLike | None = None) -> bool:
        if path is None:
            folder = self.path.parent if self.path else Path(str(st.settings().value(
                "files/last_dir", str(Path.home()))))
            stem = "".join(c if c.isalnum() or c in "-_" else "_"
                           for c in (self.doc.project.name or "untitled").lower()).strip("_")
            path = ask_save_path(self.window, str(folder / f"{stem or 'untitled'}.json"))
            if not path:
                return False
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            save_project(self.doc.snapshot(), path)
        except ProjectError as e:
            show_error(self.window, self.tr("Could not save"), str(e))
            self.message.emit(str(e))
            return False
        self.path = path.resolve()
        self.example = None
        self.stack.setClean()
        st.add_recent(str(self.path))
        st.settings().setValue("files/last_dir", str(self.path.parent))
        self.recent_changed.emit()
        self.title_changed.emit()
        self.message.emit(self.tr("Saved {0}").format(self.path))
        return True

    # -- autosave and recovery ----------------------------------------------------------------------
    def autosave_path(self) -> Path:
        return autosave_dir() / f"{self.session}.json"

    def _bump(self, *_args) -> None:
        self._revision += 1

    def autosave(self) -> Path | None:
        """Write the document to the autosave file if it changed since the last autosave.

        With nothing unsaved (saved, or undone back to the saved state) the autosave goes.
        """
        if not self.is_modified():
            if self.autosave_path().exists():
                self._forget_autosave()
            return None
        if self._revision == self._autosaved_revision:
            return None
        record = {
            AUTOSAVE_MARK: 1,
            "path": str(self.path) if self.path else "",
            "example": self.example or "",
            "name": self.display_name(),
            "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
            "project": self.doc.project.to_dict(),
        }
        target = self.autosave_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, json.dumps(record, indent=1).encode("utf-8"))
        except OSError as e:
            self.message.emit(self.tr("Autosave failed: {0}").format(e.strerror or e))
            return None
        self._autosaved_revision = self._revision
        return target

    def _forget_autosave(self) -> None:
        self._autosaved_revision = self._revision
        try:
            self.autosave_path().unlink(missing_ok=True)
        except OSError:
            pass

    def orphans(self) -> list[Path]:
        """Autosaves left by sessions that ended without closing cleanly, newest first."""
        folder = autosave_dir()
        found = []
        for path in folder.glob("*.json") if folder.is_dir() else []:
            if path.stem == self.session:
                continue
            lock = QLockFile(str(path.with_suffix(".lock")))
            lock.setStaleLockTime(0)
            if lock.tryLock(0):  # its owner is gone
                lock.unlock()
                found.append(path)
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)

    def recover(self) -> bool:
        """Offer to restore the newest orphaned autosave. True when one was restored."""
        for path in self.orphans():
            try:
                record = json.loads(path.read_text(encoding="utf-8"))
                if not isinstance(record, dict) or record.get(AUTOSAVE_MARK) != 1:
                    raise ProjectError("not an autosave")
                project = project_from_dict(record["project"], source="the autosave")
            except (OSError, ValueError, KeyError, ProjectError):
                _discard(path)
                continue
            day, _, time = str(record.get("saved_at", "")).partition("T")
            when = self.tr("{0} at {1}").format(day, time) if time else day
            desc = self.tr("Unsaved changes to “{0}” were kept ({1}).").format(
                record.get("name") or project.name, when)
            if not ask_restore(self.window, desc):
                _discard(path)
                return False
            self.doc.replace_project(project)
            self.stack.clear()
            self.path = Path(record["path"]) if record.get("path") else None
            self.example = record.get("example") or None
            self.stack.resetClean()  # restored work is unsaved work
            self._bump()
            _discard(path)
            self.autosave()
            self.title_changed.emit()
            self.message.emit(self.tr("Unsaved work restored"))
            return True
        return False

    def shutdown(self) -> None:
        """A clean close: this session's autosave and lock go away."""
        self.timer.stop()
        try:
            self.autosave_path().unlink(missing_ok=True)
        except OSError:
            pass
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


def _discard(path: Path) -> None:
    for p in (path, path.with_suffix(".lock")):
        try:
            p.unlink(missing_ok=True)
        except OSError:
            pass
