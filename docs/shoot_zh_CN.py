"""The main window in Simplified Chinese with a lesson open, for docs/i18n.md (issue 8).

    /work/shared/tools/xshot /tmp/screen.png 90 .venv/bin/python docs/shoot_zh_CN.py
    QT_QPA_PLATFORM=offscreen python docs/shoot_zh_CN.py --seconds 20 --out /tmp/x.png

Starts the app the way a user with a Chinese desktop would (``LANG=zh_CN.UTF-8``, a fresh
settings and data folder in a temporary directory), 1600×1000, opens Learn ▸ Lessons ▸ the
vanishing-gradients lesson, gives the plots ``--plots`` of the window's height and ends the
inspector between two of its sections, trains for ``--seconds``, pauses, and saves
``window.grab()`` to ``docs/screenshots/main-window-zh_CN.png`` (``--out``). It also prints every
visible string of the window that still holds a word of Latin letters other than identifiers
(labels, buttons, tabs, dock titles, combo boxes, tree rows, plot titles, axis labels, legends,
plot text), so what is left in English can be checked, not only looked for in the picture.
``--tour`` then raises every dashboard panel, the Runs and Explanations docks and the
step-through, and checks each the same way. ``--lesson`` picks another lesson by id.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

for key in ("LANGUAGE", "LC_MESSAGES"):
    os.environ.pop(key, None)
os.environ["LANG"] = os.environ["LC_ALL"] = "zh_CN.UTF-8"
_TMP = tempfile.mkdtemp(prefix="nnsim-zh-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_TMP, "config")
os.environ["NNSIM_DATA_DIR"] = os.path.join(_TMP, "data")
os.environ["HOME"] = _TMP

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QLabel,  # noqa: E402
                               QTabBar, QTreeWidget, QWidget)

from nnsim.training.lessons import LESSONS  # noqa: E402
from nnsim.ui import i18n  # noqa: E402
from nnsim.ui.app import make_app  # noqa: E402
from nnsim.ui.main_window import MainWindow  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "main-window-zh_CN.png"
#: identifiers that may stay as they are (layer names, activations, optimisers, formulas)
ALLOWED = re.compile(
    r"\b(?:nnsim|dense\d*|lstm\d*|rnn\d*|input|output|tanh|sigmoid|relu|linear|softmax|adam|sgd|"
    r"momentum|rmsprop|LSTM|RNN|SimpleRNN|ReLU|He|Xavier|MSE|PNG|CSV|NaN|dL|dh|d[θ\w]*|"
    r"W[xh]?|b|x\d?|y|t|T|h|C|e|r|i|j|f|o|max|log|float\d+|seed|batch|val|a|prev|z)\b")


def _plain(text: str) -> str:
    text = re.sub(r"<[^>]*>", " ", text or "")
    return re.sub(r"&\w+;|&#\d+;", " ", text)


def english_left(text: str) -> bool:
    """Whether ``text`` still holds a word of three or more Latin letters that is not an
    identifier allowed to stay."""
    rest = ALLOWED.sub(" ", _plain(text))
    return re.search(r"[A-Za-z]{3,}", rest) is not None


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every string a user can see in the window right now."""
    import pyqtgraph as pg

    out = []

    def seen(w: QWidget) -> bool:
        return w.isVisible() and not w.visibleRegion().isEmpty()

    for bar in window.findChildren(QTabBar):
        if seen(bar):
            out += [("tab", bar.tabText(i)) for i in range(bar.count())]
    for d in window.findChildren(QDockWidget):
        if d.isVisible():
            out.append(("dock", d.windowTitle()))
    out += [("menu", a.text()) for a in window.menuBar().actions()]
    for w in window.findChildren(QLabel):
        if seen(w) and w.text().strip():
            out.append((type(w).__name__, w.text()))
    for w in window.findChildren(QAbstractButton):
        if seen(w) and w.text().strip():
            out.append(("button", w.text()))
    for w in window.findChildren(QComboBox):
        if seen(w):
            out.append(("combo", w.currentText()))
    for t in window.findChildren(QTreeWidget):
        if not seen(t):
            continue
        stack = [t.topLevelItem(i) for i in range(t.topLevelItemCount())]
        while stack:
            it = stack.pop()
            out.append(("tree", it.text(0)))
            if it.isExpanded():
                stack += [it.child(i) for i in range(it.childCount())]
    for v in window.findChildren(pg.GraphicsView):
        if not seen(v):
            continue
        for item in v.scene().items():
            if not item.isVisible():
                continue
            if isinstance(item, pg.LabelItem):
                out.append(("plot label", item.text))
            elif isinstance(item, pg.TextItem):
                out.append(("plot text", item.textItem.toPlainText()))
            elif isinstance(item, pg.AxisItem) and item.label.isVisible():
                out.append(("axis", item.label.toPlainText()))
    return [(k, t) for k, t in out if t and t.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=25.0, help="how long to train")
    parser.add_argument("--out", default=str(OUT))
    parser.add_argument("--lesson", default="vanishing")
    parser.add_argument("--tour", action="store_true",
                        help="after the picture, raise every panel and dock and check them too")
    parser.add_argument("--tour-out", help="save the window at the end of the tour here")
    parser.add_argument("--plots", type=float, default=0.5,
                        help="share of the window's height for the plots (0: leave the layout)")
    args = parser.parse_args()

    app = make_app()
    assert i18n.current_language() == "zh_CN", i18n.current_language()
    window = MainWindow(recover=False, remember_layout=False)
    window.resize(1600, 1000)
    window.showMaximized()
    lesson = next(l for l in LESSONS if l.id == args.lesson)

    def open_lesson():
        window.understanding.open_lesson(lesson)
        QTimer.singleShot(300, give_plots_room)
        QTimer.singleShot(1500, window.toggle_training)
        QTimer.singleShot(int(1500 + args.seconds * 1000), pause)

    def give_plots_room():
        """The plot docks under the canvas get ``--plots`` of the window's height (the default
        layout gives them about a third; the lesson's gradient plot wants more)."""
        docks = [d for d in (window.understanding.panel_dock(pid) for pid in lesson.panels)
                 if d is not None and d.isVisible()]
        if docks and args.plots > 0:
            window.resizeDocks(docks[:1], [int(args.plots * window.height())],
                               Qt.Orientation.Vertical)
        QTimer.singleShot(300, end_inspector_between_sections)

    def end_inspector_between_sections():
        """The inspector (a scroll area) above the lesson card ends below its data set section
        rather than half-way through a row of the training section (the rest is a scroll
        away)."""
        insp, dock = window.inspector, window.inspector_dock
        cut = insp.data.geometry().bottom() + 8 - insp.widget().y()
        delta = insp.viewport().height() - cut
        lesson = window.understanding.lesson_dock
        if delta > 0 and lesson.isVisible():
            window.resizeDocks([dock, lesson], [dock.height() - delta, lesson.height() + delta],
                               Qt.Orientation.Vertical)

    def pause():
        if window.sim is not None and window.sim.state == "running":
            window.toggle_training()
        QTimer.singleShot(2500, shoot)

    def report(what: str) -> None:
        left = [(k, t) for k, t in visible_texts(window) if english_left(t)]
        print(f"{what}: {len(left)} visible strings with English left")
        for k, t in left:
            print(f"  [{k}] {_plain(t).strip()[:200]!r}")

    def shoot():
        window.grab().save(args.out)
        print(f"saved {args.out} ({window.width()}x{window.height()})")
        report("the window")
        if args.tour:
            tour()
        window.stack.setClean()
        window.close()
        app.quit()

    def tour():
        """Every dashboard panel and understanding dock raised in turn, checked the same way."""
        u = window.understanding
        for dock in window.panel_docks:
            dock.show()
            dock.raise_()
            window.dashboard.render(force=True)
            app.processEvents()
            report(f"panel {dock.windowTitle()}")
        for show, dock in ((u.show_runs, u.runs_dock),
                           (lambda: u.help_dock.show(), u.help_dock),
                           (u.open_stepthrough, u.stepthrough_dock)):
            show()
            dock.raise_()
            for _ in range(20):
                app.processEvents()
            report(f"dock {dock.windowTitle()}")
        if args.tour_out:
            window.grab().save(args.tour_out)

    QTimer.singleShot(800, open_lesson)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
