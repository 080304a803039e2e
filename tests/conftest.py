"""Test-wide setup: headless Qt, isolated settings and data folders, and a leak guard.

- ``QT_QPA_PLATFORM=offscreen`` before anything imports Qt (no display needed).
- Every test gets its own ``NNSIM_DATA_DIR`` (the app's data/autosave folder) and, when Qt is
  loaded, its own ``QSettings`` folder for both Native and Ini formats, so no test reads or writes
  the user's real settings, recent files or autosaves.
- Every test must clean up what it starts: a test that leaves a Python thread, a running
  ``QThread`` or a live child process behind fails, naming what was left (napari's
  ``_dangling_qthreads``). A ``QThread`` destroyed while running aborts the whole process, and a
  leaked thread makes later tests flaky, so this is worth being strict about.
- A ``hypothesis`` profile "ci" (no per-example deadline: CI machines are shared and slow).

Qt is imported lazily (only when already loaded, e.g. by pytest-qt), so the Qt-free floors can be
tested with ``-p no:pytestqt`` on a machine without Qt.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import multiprocessing  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402
import weakref  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

settings.register_profile("ci", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# How long a test's threads and processes get to finish on their own after it returns.
_GRACE_SECONDS = 2.0


def _qtcore():
    """``PySide6.QtCore`` if something has loaded it already, else None (never imports Qt)."""
    return sys.modules.get("PySide6.QtCore")


# --------------------------------------------------------------------------- isolation


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """A fresh NNSIM_DATA_DIR per test, and QSettings / QStandardPaths kept out of $HOME."""
    data_dir = tmp_path_factory.mktemp("nnsim-data")
    monkeypatch.setenv("NNSIM_DATA_DIR", str(data_dir))
    QtCore = _qtcore()
    if QtCore is None:
        yield
        return
    settings_dir = tmp_path_factory.mktemp("qsettings")
    QtCore.QStandardPaths.setTestModeEnabled(True)
    QSettings = QtCore.QSettings
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, str(settings_dir))
    yield


# --------------------------------------------------------------------------- leak guard


def _is_test_infrastructure(thread: threading.Thread) -> bool:
    """Threads that pytest plugins own (pytest-timeout's timer in its "thread" method)."""
    if isinstance(thread, threading._DummyThread):
        # A foreign (e.g. QThread) thread that once ran Python code: threading keeps a dummy
        # entry for it forever. QThreads are checked through QThread.isRunning instead.
        return True
    target = getattr(thread, "_target", None) or getattr(thread, "function", None)
    module = getattr(target, "__module__", "") or ""
    return module.startswith(("pytest_timeout", "_pytest", "pytest_qt"))


def _describe_thread(thread: threading.Thread) -> str:
    target = getattr(thread, "_target", None)
    what = getattr(target, "__qualname__", None) or type(thread).__qualname__
    return f"thread {thread.name!r} (running {what}, daemon={thread.daemon})"


def _describe_process(proc) -> str:
    return f"child process {proc.name!r} pid={proc.pid} ({type(proc).__qualname__})"


def _caller() -> str:
    """Where a QThread was started: the innermost frame outside this file and Qt."""
    for frame in reversed(traceback.extract_stack()[:-2]):
        if frame.filename != __file__:
            return f"{frame.filename}:{frame.lineno} in {frame.name}"
    return "unknown place"


def _track_qthreads(monkeypatch, QtCore) -> weakref.WeakKeyDictionary:
    """Record every QThread started from Python during the test, with where it was started."""
    started: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    original_start = QtCore.QThread.start

    def start(self, *args, **kwargs):
        started[self] = _caller()
        return original_start(self, *args, **kwargs)

    monkeypatch.setattr(QtCore.QThread, "start", start)
    return started


def _running_qthreads(started) -> list:
    running = []
    for qthread, where in list(started.items()):
        try:
            if qthread.isRunning():
                running.append((qthread, where))
        except RuntimeError:  # the C++ object is gone, so it is not running
            pass
    return running


@pytest.fixture(autouse=True)
def _no_leaked_threads_or_processes(monkeypatch):
    """Fail a test that leaves a thread, a running QThread or a child process behind."""
    threads_before = set(threading.enumerate())
    children_before = set(multiprocessing.active_children())
    QtCore = _qtcore()
    started = _track_qthreads(monkeypatch, QtCore) if QtCore is not None else {}

    yield

    def leftovers():
        threads = [
            t
            for t in threading.enumerate()
            if t not in threads_before and t.is_alive() and not _is_test_infrastructure(t)
        ]
        # active_children() also reaps children that have exited.
        children = [p for p in multiprocessing.active_children() if p not in children_before]
        return threads, children, _running_qthreads(started)

    deadline = time.monotonic() + _GRACE_SECONDS
    threads, children, qthreads = leftovers()
    while (threads or children or qthreads) and time.monotonic() < deadline:
        for qthread, _ in qthreads:
            try:
                qthread.wait(50)
            except RuntimeError:
                pass
        time.sleep(0.02)
        threads, children, qthreads = leftovers()
    if not (threads or children or qthreads):
        return

    problems = [_describe_thread(t) for t in threads]
    problems += [f"QThread {q.objectName()!r} still running, started at {where}" for q, where in qthreads]
    problems += [_describe_process(p) for p in children]

    # Clean up as far as possible so the leak does not spill into later tests or abort the run.
    for qthread, _ in qthreads:
        try:
            qthread.requestInterruption()
            qthread.quit()
            qthread.wait(2000)
        except RuntimeError:
            pass
    for proc in children:
        proc.terminate()
        proc.join(2)
        if proc.is_alive():
            proc.kill()
            proc.join(2)

    pytest.fail(
        f"test left {len(problems)} thing(s) running after it returned "
        f"(waited {_GRACE_SECONDS:g} s): stop and join them in the test or its fixtures\n  - "
        + "\n  - ".join(problems),
        pytrace=False,
    )


def pytest_sessionfinish(session, exitstatus):
    """Empty the clipboard while Qt is still alive: a QMimeData set from Python (the canvas's
    copy) deleted by QClipboard's destructor at interpreter exit crashes the process (exit 139)
    after every test has passed."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
        app.processEvents()
