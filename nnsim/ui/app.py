"""Start the app: ``python main.py [PROJECT]`` or ``nnsim [PROJECT]``.

``--screenshot PATH [--train-seconds N]`` opens the project (the default example when none is
given), trains it live for N seconds (default 5) with the plots updating, saves the window as a
PNG, prints the path and exits: it works offscreen (``QT_QPA_PLATFORM=offscreen``) and under
Xvfb, and makes the README's pictures.

The interface language is the Preferences setting, else the system locale (``LANG=zh_CN.UTF-8``
gives Chinese); ``make_app`` installs the translators (``i18n.py``).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nnsim", description="Open the nnsim app.")
    p.add_argument("project", nargs="?", help="a project file (.json) to open")
    p.add_argument("--screenshot", metavar="PATH",
                   help="train for a few seconds, save the window as a PNG at PATH and exit")
    p.add_argument("--train-seconds", type=float, default=5.0, metavar="N",
                   help="with --screenshot: seconds of training before the picture (default 5)")
    p.add_argument("--runner", choices=("thread", "process"),
                   help="where training runs (default: the Preferences setting)")
    return p


def _fail(message: str) -> int:
    print(f"nnsim: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _check_args(args) -> str | None:
    if args.project is not None:
        path = Path(args.project)
        if not path.exists():
            return f"{path} does not exist"
        if path.is_dir():
            return f"{path} is a folder, not a project file"
    if args.screenshot is not None:
        out = Path(args.screenshot)
        if out.is_dir():
            return f"--screenshot {out} is a folder; give a file name ending in .png"
        if not out.parent.exists() and str(out.parent) not in ("", "."):
            return f"--screenshot: the folder {out.parent} does not exist"
        if not (args.train_seconds >= 0 and args.train_seconds <= 3600):
            return "--train-seconds must be from 0 to 3600"
    return None


def _choose_platform(args) -> str | None:
    """Without a display, a screenshot is taken offscreen; a window cannot be shown at all."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    return ("there is no display to open a window on. Run 'python3 scripts/dev.py app' (it "
            "starts a virtual display), or take a picture with 'nnsim --screenshot out.png'.")


_QUIET = ("This plugin does not support propagateSizeHints()",)


def _qt_messages(mode, context, message) -> None:
    """Qt's own log, minus the offscreen plugin's harmless notices."""
    if not message.startswith(_QUIET):
        print(message, file=sys.stderr)


def _release_clipboard() -> None:
    """Hand a copied fragment back to Qt as plain text before quitting: a QMimeData made in
    Python and deleted by QClipboard's destructor at exit crashes the process."""
    from PySide6.QtGui import QGuiApplication

    from .canvas.view import MIME_FRAGMENT

    clip = QGuiApplication.clipboard()
    mime = clip.mimeData()
    if mime is not None and mime.hasFormat(MIME_FRAGMENT):
        clip.setText(mime.text())


def make_app(argv0: str = "nnsim"):
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_qt_messages)

    app = QApplication.instance()
    if app is not None:  # a host (a test, an embedding app) owns the style, names and language
        return app
    app = QApplication([argv0])
    app.aboutToQuit.connect(_release_clipboard)
    app.setOrganizationName("nnsim")
    app.setApplicationName("nnsim")
    app.setApplicationDisplayName("nnsim")
    if "fusion" in [s.lower() for s in _styles()]:
        app.setStyle("Fusion")  # the same look on every platform
    from .i18n import install_translators

    install_translators(app)  # the Preferences language, else the system's
    return app


def _styles() -> list[str]:
    from PySide6.QtWidgets import QStyleFactory

    return QStyleFactory.keys()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:  # --help or a usage error: argparse has printed it
        return int(e.code or 0)
    problem = _check_args(args) or _choose_platform(args)
    if problem:
        return _fail(problem)

    from PySide6.QtCore import QTimer

    from .icons import app_icon
    from .main_window import MainWindow

    app = make_app()
    app.setWindowIcon(app_icon())
    if args.screenshot:
        return _screenshot(app, args)

    window = MainWindow(args.project, runner=args.runner)
    handler = guard(app, window)  # noqa: F841 - stays installed for the app's life
    window.show()
    QTimer.singleShot(0, window.view.fit)
    # Ctrl+C in the terminal closes the window the normal way (unsaved changes are asked about)
    signal.signal(signal.SIGINT, lambda *_a: window.close())
    tick = QTimer()
    tick.timeout.connect(lambda: None)  # lets Python run its signal handlers
    tick.start(250)
    return app.exec()


def guard(app, window):
    """Install the last line of defence: an exception nobody caught is logged to the data
    folder, the document autosaved, the user told in one line, and the app goes on."""
    from PySide6.QtCore import QCoreApplication

    from .errors import install_excepthook

    def on_error(exc, text) -> None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "App", "An internal error was caught: your work is autosaved and the details are "
                   "in the error log."), 15000)

    return install_excepthook(app, on_error=on_error, autosave=window.files.autosave)


def _screenshot(app, args) -> int:
    from PySide6.QtCore import QEventLoop

    from .main_window import MainWindow

    window = MainWindow(args.project, recover=False, runner=args.runner, remember_layout=False)
    window.resize(1600, 1000)
    window.show()
    _wait(app, 300)
    window.view.fit()
    if window.sim is not None and window.doc.validation.ok and args.train_seconds > 0:
        window.toggle_training()
        _wait(app, int(args.train_seconds * 1000))
        if window._state == "running":
            window.toggle_training()  # pause: the picture shows a settled frame
        _wait(app, 400)
        if getattr(window, "dashboard", None) is not None:
            window.dashboard.render()  # every visible panel at the newest snapshot, now
            _wait(app, 100)
    else:
        _wait(app, 200)
    out = Path(args.screenshot).resolve()
    ok = window.grab().save(str(out))
    window.stack.setClean()  # nothing to ask about on the way out
    window.close()
    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
    if not ok:
        return _fail(f"could not write {out}")
    print(out)
    return EXIT_OK


def _wait(app, ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["build_parser", "main", "make_app"]
