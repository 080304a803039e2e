"""Soak: the full app trains for a long run; does anything grow or slow down?

Opens the main window (offscreen unless a display is set) on the XOR example with a budget of
``--steps`` (default 1,000,000) and trains it live with every plot updating, in the thread runner
(``--runner process`` for the child-process runner). After a warm-up and again at the end it
measures, side by side:

- resident memory of the app (plus the training child in process mode), from /proc;
- live Python objects (``gc.get_objects()``), Qt widgets and graphics items in every scene;
- the GUI's frame interval: a 30 Hz timer measuring its own lateness for ``--window`` seconds
  (p50 / p99 of the interval).

Targets (issue 9): memory growth below 5 %, frame interval unchanged.
``--minutes`` caps the run's length (default 30).

    .venv/bin/python bench/soak.py [--steps 1000000] [--minutes 30] [--runner thread|process]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not (os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-soak-"))


def rss_mb(pid: int) -> float:
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def memory_mb(window) -> float:
    total = rss_mb(os.getpid())
    import multiprocessing

    for child in multiprocessing.active_children():
        total += rss_mb(child.pid)
    return total


def count_items(app) -> tuple[int, int]:
    from PySide6.QtWidgets import QGraphicsView

    widgets = app.allWidgets()
    scenes = {w.scene() for w in widgets if isinstance(w, QGraphicsView) and w.scene()}
    return len(widgets), sum(len(s.items()) for s in scenes)


def wait(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def frame_intervals(app, seconds: float) -> list[float]:
    """Intervals (ms) between ticks of a 30 Hz timer while the app keeps working."""
    from PySide6.QtCore import QEventLoop, QTimer

    stamps: list[float] = []
    timer = QTimer()
    timer.setInterval(33)
    timer.timeout.connect(lambda: stamps.append(time.perf_counter()))
    timer.start()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    timer.stop()
    return [(b - a) * 1000 for a, b in zip(stamps, stamps[1:])]


def p99(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.99 * (len(xs) - 1))))] if xs else float("nan")


def measure(app, window, seconds: float) -> dict:
    gc.collect()
    widgets, items = count_items(app)
    intervals = frame_intervals(app, seconds)
    snap = window.sim.latest
    return {
        "step": snap.step if snap is not None else 0,
        "memory_mb": round(memory_mb(window), 1),
        "python_objects": len(gc.get_objects()),
        "qt_widgets": widgets,
        "scene_items": items,
        "frame_p50_ms": round(statistics.median(intervals), 2) if intervals else None,
        "frame_p99_ms": round(p99(intervals), 2),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--steps", type=int, default=1_000_000)
    ap.add_argument("--minutes", type=float, default=30.0)
    ap.add_argument("--runner", choices=("thread", "process"), default="thread")
    ap.add_argument("--warmup", type=int, default=20_000, help="steps before the first measure")
    ap.add_argument("--window", type=float, default=10.0, help="seconds of frame measurement")
    ap.add_argument("--switch-interval", type=float, default=None,
                    help="sys.setswitchinterval for the run (seconds; Python's default 0.005)")
    args = ap.parse_args()
    if args.switch_interval:
        sys.setswitchinterval(args.switch_interval)

    from nnsim.paths import resource_path
    from nnsim.spec import load_project, save_project
    from nnsim.ui.app import make_app
    from nnsim.ui.main_window import MainWindow

    project = load_project(resource_path("examples", "xor.json"))
    # the budget runs past --steps so the end is measured while training still runs
    project.training["steps"] = args.steps * 2
    path = Path(os.environ["NNSIM_DATA_DIR"]) / "soak.json"
    save_project(project, path)

    app = make_app()
    window = MainWindow(str(path), recover=False, runner=args.runner, remember_layout=False)
    window.resize(1600, 1000)
    window.show()
    wait(app, 1.0)
    window.toggle_training()
    t0 = time.perf_counter()
    deadline = t0 + args.minutes * 60

    def step():
        return window.sim.latest.step if window.sim.latest is not None else 0

    while step() < min(args.warmup, args.steps) and time.perf_counter() < deadline:
        wait(app, 0.2)
    start = measure(app, window, args.window)
    print("start", json.dumps(start), flush=True)
    last_report = time.perf_counter()
    while window._state == "running" and step() < args.steps and time.perf_counter() < deadline:
        wait(app, 0.5)
        if time.perf_counter() - last_report > 60:
            last_report = time.perf_counter()
            print(f"  step {step():,}  memory {memory_mb(window):.1f} MB  "
                  f"{(time.perf_counter() - t0) / 60:.1f} min", flush=True)
    end = measure(app, window, args.window)  # still training, every plot live
    print("end  ", json.dumps(end), flush=True)
    growth = (end["memory_mb"] - start["memory_mb"]) / start["memory_mb"] * 100
    minutes = (time.perf_counter() - t0) / 60
    print()
    print(f"soak: {end['step']:,} steps of the XOR MLP in {minutes:.1f} min, runner "
          f"{args.runner}, every plot live")
    print(f"  memory          {start['memory_mb']:8.1f} MB -> {end['memory_mb']:8.1f} MB "
          f"({growth:+.1f} %, target < 5 %)")
    print(f"  Python objects  {start['python_objects']:8,} -> {end['python_objects']:8,}")
    print(f"  Qt widgets      {start['qt_widgets']:8,} -> {end['qt_widgets']:8,}")
    print(f"  scene items     {start['scene_items']:8,} -> {end['scene_items']:8,}")
    print(f"  frame p50       {start['frame_p50_ms']:8} ms -> {end['frame_p50_ms']:8} ms")
    print(f"  frame p99       {start['frame_p99_ms']:8} ms -> {end['frame_p99_ms']:8} ms")
    window.sim.pause()
    window.stack.setClean()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
