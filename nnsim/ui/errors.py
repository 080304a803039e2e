"""The app's last line of defence: an exception nobody caught is logged, the document autosaved,
the user told in one short message, and the app keeps running.

``install_excepthook(app, on_error=None, autosave=None, log_dir=None)`` replaces
``sys.excepthook`` and ``threading.excepthook``. PySide6 hands an exception raised in a slot, an
event handler or a ``QThread.run`` to ``sys.excepthook`` (and goes on with the event loop), and
``threading`` hands a dying thread's exception to ``threading.excepthook``, so one handler sees
them all. For each exception the handler:

1. writes the traceback, with the time, nnsim's version and the thread, to ``nnsim-errors.log``
   in ``log_dir`` (default: the user's data folder, ``$NNSIM_DATA_DIR`` or Qt's
   AppDataLocation, see ``nnsim.ui.files.data_dir``). The log is capped at ``MAX_LOG_BYTES``: a
   full log moves to ``nnsim-errors.log.1`` (one old log kept). An exception repeating within
   ``REPEAT_SECONDS`` (a paint handler failing at every frame) is written once and counted;
2. calls ``autosave()`` on the GUI thread (the main window passes ``FileController.autosave``:
   no arguments; a returned ``Path`` means the document was written there, ``None`` that there
   was nothing to write);
3. calls ``on_error(exc, traceback_text)`` on the GUI thread, if given (e.g. for the status bar);
4. shows a short, non-blocking message through ``show_error_message(parent, text)`` (one at a
   time: while one is open, later errors only go to the log). Tests replace that function.

KeyboardInterrupt and SystemExit go to the previous hook unchanged. The handler never raises:
each step is guarded, a failure in one (a full disk, a broken autosave) is noted and the next
step still runs, and an exception raised while handling one (from ``on_error``, say) is only
printed, never handled recursively. Exceptions from other threads are logged at once and the
rest is done on the GUI thread through a queued signal.

``install_excepthook`` returns the ``ExceptionHandler``; ``handler.uninstall()`` puts the previous
hooks back (if nothing replaced them since). Wiring in the app::

    handler = install_excepthook(app, autosave=window.files.autosave)
"""

from __future__ import annotations

import datetime as _dt
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

LOG_NAME = "nnsim-errors.log"
MAX_LOG_BYTES = 1_000_000
MAX_ENTRY_CHARS = 50_000  # one traceback at most (a RecursionError's is long)
REPEAT_SECONDS = 5.0

_open_boxes: list[QMessageBox] = []


def _stderr():
    """Where a last-resort message goes (``sys.stderr`` is None in a windowed app)."""
    return sys.stderr if sys.stderr is not None else sys.__stderr__


def default_log_dir() -> Path:
    """The user's data folder (``$NNSIM_DATA_DIR`` or Qt's AppDataLocation)."""
    from .files import data_dir

    return data_dir()


def show_error_message(parent: QWidget | None, text: str) -> None:
    """Show ``text`` in a small warning box that does not block: the event loop (training, the
    plots) goes on while it is open. One box at a time; a second error while one is open only
    goes to the log. Tests replace this function with ``monkeypatch``."""
    if any(box.isVisible() for box in _open_boxes):
        return
    title = QCoreApplication.translate("Errors", "nnsim: something went wrong")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    _open_boxes.append(box)
    box.finished.connect(lambda *_: _open_boxes.remove(box) if box in _open_boxes else None)
    box.show()  # never exec(): a modal loop inside an exception handler is asking for trouble


class _Bridge(QObject):
    """Carries an error from any thread to the GUI thread (it lives there, so a signal emitted
    elsewhere is queued to it)."""

    reported = Signal(object, str, str)  # exception, traceback text, log path ("" = no log)

    def __init__(self, handler: "ExceptionHandler"):
        super().__init__()
        self._handler = handler
        self.reported.connect(self._deliver)

    @Slot(object, str, str)
    def _deliver(self, exc, text: str, log_path: str) -> None:
        self._handler._on_gui_thread(exc, text, log_path)


class ExceptionHandler:
    """``sys.excepthook`` / ``threading.excepthook`` for the app: see the module docstring."""

    def __init__(self, app, on_error=None, autosave=None, log_dir=None):
        self.app = app
        self.on_error = on_error
        self.autosave = autosave
        self._log_dir = Path(log_dir) if log_dir is not None else None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._last: tuple[str, float] | None = None
        self._repeats = 0
        self.handled = 0  #: exceptions handled so far
        self._previous = None
        self._previous_thread_hook = None
        self._bridge = _Bridge(self)
        if app is not None and self._bridge.thread() is not app.thread():
            self._bridge.moveToThread(app.thread())

    # -- installing -------------------------------------------------------------------------------
    def install(self) -> "ExceptionHandler":
        self._previous, sys.excepthook = sys.excepthook, self
        self._previous_thread_hook, threading.excepthook = threading.excepthook, self.thread_hook
        return self

    def uninstall(self) -> None:
        """Put the previous hooks back, unless something else replaced ours since."""
        if sys.excepthook is self and self._previous is not None:
            sys.excepthook = self._previous
        if threading.excepthook == self.thread_hook and self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    @property
    def log_path(self) -> Path:
        return (self._log_dir if self._log_dir is not None else default_log_dir()) / LOG_NAME

    # -- the hooks --------------------------------------------------------------------------------
    def __call__(self, exc_type, exc, tb) -> None:
        self._handle(exc_type, exc, tb, threading.current_thread().name)

    def thread_hook(self, args) -> None:
        """``threading.excepthook``: ``args`` has exc_type, exc_value, exc_traceback, thread."""
        try:
            if args.exc_type is not None and not issubclass(args.exc_type, Exception):
                (self._previous_thread_hook or threading.__excepthook__)(args)
                return
            name = args.thread.name if args.thread is not None else "a thread"
        except BaseException:
            name = "a thread"
        self._handle(args.exc_type, args.exc_value, args.exc_traceback, name)

    def _handle(self, exc_type, exc, tb, thread_name: str) -> None:
        try:
            if exc_type is not None and not issubclass(exc_type, Exception):
                # KeyboardInterrupt, SystemExit: not errors of the app; as before
                previous = self._previous or sys.__excepthook__
                previous(exc_type, exc, tb)
                return
            if getattr(self._local, "busy", False):  # an error while handling one
                self._print(exc_type, exc, tb, "(while handling another error)")
                return
            self._local.busy = True
            try:
                self.handled += 1
                text = self._format(exc_type, exc, tb)
                logged = self._write_log(text, thread_name)
                if self._on_app_thread():
                    self._on_gui_thread(exc, text, str(logged or ""))
                else:
                    self._bridge.reported.emit(exc, text, str(logged or ""))
            finally:
                self._local.busy = False
        except BaseException:  # the handler itself must never raise
            try:
                self._print(exc_type, exc, tb, "(the error handler failed too)")
            except BaseException:
                pass

    # -- steps --------------------------------------------------------------------------------------
    def _on_app_thread(self) -> bool:
        app = self.app or QCoreApplication.instance()
        return app is None or QThread.currentThread() == app.thread()

    @staticmethod
    def _format(exc_type, exc, tb) -> str:
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        if len(text) > MAX_ENTRY_CHARS:
            half = MAX_ENTRY_CHARS // 2
            text = text[:half] + "\n[... traceback shortened ...]\n" + text[-half:]
        return text

    def _write_log(self, text: str, thread_name: str) -> Path | None:
        """Append the entry; None if the log cannot be written (then it goes to stderr)."""
        from .. import __version__

        now = time.monotonic()
        with self._lock:
            if self._last is not None and self._last[0] == text \
                    and now - self._last[1] < REPEAT_SECONDS:
                self._repeats += 1
                self._last = (text, now)
                return self.log_path
            stamp = _dt.datetime.now().isoformat(timespec="seconds")
            entry = ""
            if self._repeats:
                entry += f"[the error before repeated {self._repeats} more times]\n"
            entry += f"=== {stamp}  nnsim {__version__}  thread {thread_name}\n{text}\n"
            self._last, self._repeats = (text, now), 0
            try:
                path = self.log_path
                path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    if path.stat().st_size + len(entry) > MAX_LOG_BYTES:
                        os.replace(path, path.with_name(LOG_NAME + ".1"))
                except FileNotFoundError:
                    pass
                with open(path, "a", encoding="utf-8", errors="replace") as f:
                    f.write(entry)
                return path
            except (OSError, ValueError) as e:
                err = _stderr()
                if err is not None:
                    err.write(f"nnsim: could not write the error log ({e}):\n{entry}")
                return None

    def _on_gui_thread(self, exc, text: str, log_path: str) -> None:
        if getattr(self._local, "gui_busy", False):
            return
        self._local.gui_busy = True
        try:
            saved = self._autosave()
            if self.on_error is not None:
                try:
                    self.on_error(exc, text)
                except Exception as e:  # noqa: BLE001 - reported, not raised
                    self._write_log(f"on_error failed: {e!r}\n", threading.current_thread().name)
            try:
                show_error_message(self._parent(), self._message(exc, saved, log_path))
            except Exception as e:  # noqa: BLE001
                self._write_log(f"could not show the error message: {e!r}\n",
                                threading.current_thread().name)
        finally:
            self._local.gui_busy = False

    def _autosave(self) -> str:
        """"saved" / "nothing" / "failed: ..." / "" (no autosave given)."""
        if self.autosave is None:
            return ""
        try:
            result = self.autosave()
        except Exception as e:  # noqa: BLE001
            self._write_log(f"autosave after the error failed: {e!r}\n",
                            threading.current_thread().name)
            return f"failed: {e}"
        return "saved" if result else "nothing"

    def _parent(self) -> QWidget | None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            return app.activeWindow()
        return None

    @staticmethod
    def _message(exc, saved: str, log_path: str) -> str:
        what = f"{type(exc).__name__}: {exc}" if exc is not None else "unknown error"
        if len(what) > 200:
            what = what[:197] + "..."
        lines = [QCoreApplication.translate(
                     "Errors", "Something went wrong, but nnsim is still running."), what]
        if saved == "saved":
            lines.append(QCoreApplication.translate("Errors", "Your work was autosaved."))
        elif saved.startswith("failed"):
            lines.append(QCoreApplication.translate(
                "Errors", "Autosave failed too: save your work with File > Save As."))
        if log_path:
            lines.append(QCoreApplication.translate("Errors", "Details are in {0}.")
                         .format(log_path))
        else:
            lines.append(QCoreApplication.translate(
                "Errors", "The details could not be written to the log."))
        return "\n".join(lines)

    @staticmethod
    def _print(exc_type, exc, tb, note: str) -> None:
        err = _stderr()
        if err is not None:
            err.write(f"nnsim: {note}\n")
            traceback.print_exception(exc_type, exc, tb, file=err)


def install_excepthook(app, on_error=None, autosave=None, log_dir=None) -> ExceptionHandler:
    """Catch every uncaught exception of the app (see the module docstring).

    ``app``: the QApplication (its thread is the GUI thread). ``on_error(exc, traceback_text)``:
    called on the GUI thread after logging. ``autosave()``: called on the GUI thread; returns
    the autosave's path, or None when there was nothing to save. ``log_dir``: where
    ``nnsim-errors.log`` goes (default: the user's data folder). Returns the handler;
    ``handler.uninstall()`` restores the previous hooks.
    """
    return ExceptionHandler(app, on_error=on_error, autosave=autosave, log_dir=log_dir).install()
