"""The global exception handler: an exception in a slot is logged, the document autosaved, the
user told, and the app goes on.

pytest-qt installs its own ``sys.excepthook`` for each test and fails the test if a slot raised
(docs: "Exceptions in virtual methods"). Here the exceptions are deliberate and our handler is
what is being tested, so the module is marked ``qt_no_exception_capture``: pytest-qt leaves
``sys.excepthook`` alone and ours is the one installed. ``test_hooks_are_restored_...`` runs
inside ``qtbot.capture_exceptions()`` to show the two coexist: ours takes over while installed,
pytest-qt's is back after ``uninstall``.
"""

from __future__ import annotations

import json
import os
import sys
import threading

import pytest
from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from nnsim.ui import errors
from nnsim.ui.errors import LOG_NAME, install_excepthook

pytestmark = pytest.mark.qt_no_exception_capture


class Emitter(QObject):
    fire = Signal()


@pytest.fixture
def shown(monkeypatch):
    """Messages the handler shows (the real box is non-blocking, but tests need no windows)."""
    got = []
    monkeypatch.setattr(errors, "show_error_message", lambda parent, text: got.append(text))
    return got


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A window closed with unsaved work asks about it in a modal box: offscreen nobody answers,
    and a modal event loop is out of pytest-timeout's reach (the run hangs). Here every question
    is answered "discard" / "no"."""
    from nnsim.ui import files

    monkeypatch.setattr(files, "ask_save_changes", lambda parent, name: "discard")
    monkeypatch.setattr(files, "ask_restore", lambda parent, description: False)
    monkeypatch.setattr(files, "show_error", lambda parent, title, text: None)


@pytest.fixture
def install(qapp):
    """``install(...)`` like ``install_excepthook``; the hooks are always put back."""
    made = []

    def make(**kwargs):
        h = install_excepthook(qapp, **kwargs)
        made.append(h)
        return h

    yield make
    for h in reversed(made):
        h.uninstall()
    assert not isinstance(sys.excepthook, errors.ExceptionHandler)
    assert not isinstance(getattr(threading.excepthook, "__self__", None),
                          errors.ExceptionHandler)


def deliberate():
    raise ValueError("deliberate failure in a slot")


def test_exception_in_a_slot_is_logged_autosaved_shown_and_the_app_runs_on(qtbot, tmp_path,
                                                                          shown, install):
    saves = []

    def autosave():
        saves.append(1)
        return tmp_path / "autosave.json"

    handler = install(autosave=autosave, log_dir=tmp_path)
    em = Emitter()
    em.fire.connect(deliberate)
    QTimer.singleShot(0, em.fire.emit)  # raised inside the running event loop
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)

    assert handler.handled == 1 and saves == [1]
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "in deliberate" in log and "ValueError: deliberate failure in a slot" in log
    (text,) = shown
    assert "still running" in text and "deliberate failure" in text
    assert "autosaved" in text and str(tmp_path / LOG_NAME) in text

    # the event loop goes on: timers fire, signals deliver
    ticks = []
    QTimer.singleShot(10, lambda: ticks.append(1))
    qtbot.waitUntil(lambda: bool(ticks), timeout=5000)
    em.fire.disconnect(deliberate)
    em.fire.connect(lambda: ticks.append(2))
    em.fire.emit()
    assert ticks == [1, 2]


def test_main_window_keeps_running_with_its_document_autosaved(qtbot, monkeypatch, shown,
                                                               install):
    """The acceptance test of issue 9, with the real window and its FileController.autosave."""
    from nnsim.ui import files
    from nnsim.ui.commands import SetParamCommand
    from nnsim.ui.main_window import MainWindow

    w = MainWindow(plots=False)  # its dialogs answered by _no_blocking_dialogs
    qtbot.addWidget(w)
    w.show()
    node = next(n.id for n in w.doc.project.nodes if n.type == "Dense")
    w.stack.push(SetParamCommand(w.doc, node, "units", 23))  # unsaved work
    install(autosave=w.files.autosave)  # the log goes to the data folder ($NNSIM_DATA_DIR)

    action = QAction("Break", w)
    action.triggered.connect(deliberate)
    QTimer.singleShot(0, action.trigger)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)

    saved = json.loads(w.files.autosave_path().read_text(encoding="utf-8"))
    units = {n["id"]: n["params"].get("units") for n in saved["project"]["nodes"]}
    assert units[node] == 23
    log = files.data_dir() / LOG_NAME
    assert "ValueError: deliberate failure in a slot" in log.read_text(encoding="utf-8")
    assert "autosaved" in shown[0]
    assert w.isVisible()
    w.stack.push(SetParamCommand(w.doc, node, "units", 5))  # and it still edits
    assert w.doc.project.node(node).params["units"] == 5


def test_exception_in_a_worker_thread_is_reported_on_the_gui_thread(qtbot, tmp_path, shown,
                                                                    install):
    seen_on = []
    handler = install(log_dir=tmp_path, autosave=lambda: seen_on.append(
        QThread.currentThread() == QApplication.instance().thread()))

    t = threading.Thread(target=deliberate, name="worker-7")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert seen_on == [True]  # autosave ran on the GUI thread, not in the dying worker
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "thread worker-7" in log and "ValueError" in log
    assert handler.handled == 1


def test_the_handler_never_raises_even_when_everything_fails(qtbot, tmp_path, install,
                                                             monkeypatch, capsys):
    (tmp_path / "file").write_text("x")
    log_dir = tmp_path / "file" / "sub"  # cannot be created: a file is in the way

    def bad_autosave():
        raise OSError(28, "No space left on device")

    def bad_on_error(exc, text):
        raise RuntimeError("on_error broke")

    def bad_show(parent, text):
        raise RuntimeError("no screen")

    monkeypatch.setattr(errors, "show_error_message", bad_show)
    handler = install(log_dir=log_dir, autosave=bad_autosave, on_error=bad_on_error)
    try:
        deliberate()
    except ValueError:
        handler(*sys.exc_info())  # as sys.excepthook would be called
    assert handler.handled == 1
    err = capsys.readouterr().err
    assert "could not write the error log" in err and "deliberate failure" in err


def test_an_error_inside_the_handler_is_not_handled_recursively(qtbot, tmp_path, install, shown):
    calls = []

    def on_error(exc, text):
        calls.append(exc)
        em = Emitter()
        em.fire.connect(deliberate)
        em.fire.emit()  # a slot failing while the first error is being handled

    handler = install(log_dir=tmp_path, on_error=on_error)
    em = Emitter()
    em.fire.connect(deliberate)
    QTimer.singleShot(0, em.fire.emit)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    qtbot.wait(50)
    assert len(calls) == 1 and len(shown) == 1 and handler.handled == 1


def test_keyboard_interrupt_goes_to_the_previous_hook(qtbot, tmp_path, install, shown,
                                                      monkeypatch):
    got = []
    monkeypatch.setattr(sys, "excepthook", lambda *a: got.append(a[0]))
    handler = install(log_dir=tmp_path)
    handler(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert got == [KeyboardInterrupt] and not shown and handler.handled == 0
    assert not (tmp_path / LOG_NAME).exists()


def test_log_is_capped_and_repeats_are_counted(qtbot, tmp_path, install, shown, monkeypatch):
    monkeypatch.setattr(errors, "MAX_LOG_BYTES", 4000)
    handler = install(log_dir=tmp_path)
    for k in range(30):  # distinct errors: each written, the log rotates
        try:
            raise KeyError(f"error number {k}" + "x" * 200)
        except KeyError:
            handler(*sys.exc_info())
    log, old = tmp_path / LOG_NAME, tmp_path / (LOG_NAME + ".1")
    assert log.stat().st_size <= 4000 and old.exists() and old.stat().st_size <= 4000
    assert "error number 29" in log.read_text()

    for _ in range(50):  # the same error again and again (a paint handler at every frame)
        try:
            deliberate()
        except ValueError as e:
            handler(ValueError, e, e.__traceback__)
    deliberate_entries = log.read_text().count("ValueError: deliberate")
    assert deliberate_entries == 1


def test_hooks_are_restored_and_coexist_with_pytest_qt(qtbot, tmp_path, shown):
    before = (sys.excepthook, threading.excepthook)
    with qtbot.capture_exceptions() as captured:
        theirs = sys.excepthook
        handler = install_excepthook(QApplication.instance(), log_dir=tmp_path)
        em = Emitter()
        em.fire.connect(deliberate)
        em.fire.emit()
        assert len(shown) == 1 and not captured  # ours handled it
        handler.uninstall()
        assert sys.excepthook is theirs
        em.fire.emit()
        assert len(captured) == 1 and len(shown) == 1  # pytest-qt's again
    assert (sys.excepthook, threading.excepthook) == before


def test_real_message_box_does_not_block(qtbot):
    """show_error_message returns at once (a non-modal box), and shows one box at a time."""
    parent = None
    errors.show_error_message(parent, "first")
    errors.show_error_message(parent, "second")
    boxes = [b for b in errors._open_boxes if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].text() == "first"
    for b in boxes:
        qtbot.addWidget(b)
        b.close()
    qtbot.waitUntil(lambda: not errors._open_boxes, timeout=2000)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_default_log_dir_is_the_data_folder(qtbot, install, shown):
    handler = install()
    assert handler.log_path == errors.default_log_dir() / LOG_NAME
    assert str(handler.log_path).startswith(os.environ["NNSIM_DATA_DIR"])


def test_the_app_installs_the_handler_on_its_window(qtbot, monkeypatch, shown, tmp_path):
    """nnsim.ui.app.guard wires the handler to the real window: autosave, log and status line."""
    from nnsim.spec import NodeSpec
    from nnsim.ui import app as app_module
    from nnsim.ui.commands import AddNodeCommand
    from nnsim.ui.main_window import MainWindow

    w = MainWindow(plots=False, recover=False)
    qtbot.addWidget(w)
    w.show()
    w.stack.push(AddNodeCommand(w.doc, NodeSpec.new("extra", "Dense", (0, 300))))
    handler = app_module.guard(QApplication.instance(), w)
    try:
        em = Emitter()
        em.fire.connect(deliberate)
        em.fire.emit()
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
        assert w.isVisible()
        saved = w.files.autosave_path()
        assert saved.exists() and "extra" in saved.read_text()
        assert "deliberate failure in a slot" in handler.log_path.read_text()
        assert "autosaved" in w.statusBar().currentMessage()
    finally:
        handler.uninstall()
