"""Training speed with and without the live GUI, in both runner modes, and the GUI's frame timing.

For each runner mode (``thread``: a QThread in the GUI process; ``process``: a spawned child) the
same project trains through ``SimulationController`` in two settings:

- **headless**: the controller delivers every snapshot to the GUI thread, nothing is drawn;
- **GUI**: the real dashboards (``nnsim.ui.dashboard.Dashboard``) consume every snapshot and
  render at their own ~30 Hz, with **every panel visible at once** in one window (offscreen is
  fine: Qt still rasterises every widget), or with ``--gui window`` the app's main window as a
  user first sees it (canvas, two plot docks in front, the rest tabbed behind).

Throughout, a 30 Hz ``QTimer`` (``PreciseTimer``) in the GUI thread records when it fires; its
lateness (interval - 33.3 ms) is how long the GUI thread was busy or starved: the frame-interval
figure. Steps/s is the step count of the snapshots received over wall time. Rounds alternate
between the four settings so that a noisy neighbour on a shared machine hurts all alike; each
figure is the median over rounds (frame lateness: p99 over all frames of all rounds).

For reference it also prints the bare Trainer (``Trainer.step`` in a loop, no snapshots) and the
Qt-free ``TrainingLoop`` served on a plain thread (snapshots made, nobody consuming them).

Targets (issue 4): GUI p99 lateness < 20 ms; with the GUI, >= 90% of headless speed in process
mode and >= 80% in thread mode.

    .venv/bin/python bench/bench_simulation.py                  # spirals, 3 rounds of 4 s
    .venv/bin/python bench/bench_simulation.py --rounds 5 --seconds 6
    .venv/bin/python bench/bench_simulation.py --project resources/examples/deep_sigmoid.json
    .venv/bin/python bench/bench_simulation.py --gui window     # the app's main window
    .venv/bin/python bench/bench_simulation.py --gui light      # one curve + one image
    .venv/bin/python bench/bench_simulation.py --exclude neurons
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

FRAME_MS = 1000.0 / 30.0
GUI_NAMES = {"panels": "every dashboard panel visible", "window": "the main window",
             "light": "a light stand-in (one curve, one image)"}
TARGETS = {"process": 0.90, "thread": 0.80}
P99_TARGET_MS = 20.0


def pct(values, q):
    return float(np.percentile(np.asarray(values, dtype=float), q)) if len(values) else float("nan")


# --------------------------------------------------------------------------- references


def bare_trainer(project, seconds: float) -> float:
    from threadpoolctl import threadpool_limits

    from nnsim.training import Trainer

    t = Trainer(project)
    t.budget = 0
    with threadpool_limits(1):
        for _ in range(50):
            t.step()
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            for _ in range(20):
                t.step()
            n += 20
    return n / (time.perf_counter() - t0)


def loop_on_thread(project, seconds: float) -> float:
    from nnsim.training.loop import TrainingLoop

    got = []
    lp = TrainingLoop(lambda ev: got.append(ev) if ev.kind == "snapshot" else None)
    lp.post("load", project.to_dict(), None)
    lp.process_pending()
    th = threading.Thread(target=lp.serve, name="bench-loop")
    th.start()
    try:
        lp.post("start")
        time.sleep(0.5)
        s0, t0 = lp.trainer.step_count, time.perf_counter()
        time.sleep(seconds)
        s1, t1 = lp.trainer.step_count, time.perf_counter()
    finally:
        lp.post("quit")
        th.join()
    return (s1 - s0) / (t1 - t0)


# --------------------------------------------------------------------------- GUI settings


class FrameProbe:
    """A 30 Hz precise timer noting when it fires."""

    def __init__(self):
        from PySide6.QtCore import Qt, QTimer

        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(round(FRAME_MS))
        self.timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self):
        self.times.clear()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return list(np.diff(self.times) * 1000.0)


def spin(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def spin_until(cond, timeout: float) -> bool:
    from PySide6.QtCore import QCoreApplication

    end = time.perf_counter() + timeout
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        if cond():
            return True
        time.sleep(0.002)
    return False


def all_panels_window(project, dataset, exclude=()):
    """Every dashboard panel on screen at once, in a grid (but those in ``exclude``)."""
    from PySide6.QtWidgets import QGridLayout, QWidget

    from nnsim.ui.dashboard import Dashboard

    dash = Dashboard()
    dash.set_context(project, dataset)
    win = QWidget()
    grid = QGridLayout(win)
    cols = 3
    shown = [p for p in dash.panels if p.panel_id not in exclude]
    for p in dash.panels:
        if p not in shown:
            p.setParent(win)
            p.hide()  # hidden panels are not drawn (the dashboard draws what is on screen)
    for i, p in enumerate(shown):
        grid.addWidget(p, i // cols, i % cols)
    win.resize(1800, 1000)
    win.show()
    return dash, win


class LightGui:
    """A light stand-in for the dashboards: a loss curve and the decision surface, drawn from
    a 30 Hz timer with the newest snapshot (what a cheap view costs; isolates the runner)."""

    def __init__(self):
        import pyqtgraph as pg
        from PySide6.QtCore import QObject, QTimer, Signal

        class _Sig(QObject):
            rendered = Signal()

        self._sig = _Sig()
        self.rendered = self._sig.rendered
        self.win = pg.GraphicsLayoutWidget()
        self.curve = self.win.addPlot().plot(pen=pg.mkPen("b", width=1))
        self.curve.setDownsampling(auto=True, method="peak")
        self.curve.setClipToView(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.win.addPlot().addItem(self.image)
        self.win.resize(1200, 500)
        self.win.show()
        self.steps, self.losses = [], []
        self.latest = None
        self.timer = QTimer()
        self.timer.setInterval(33)
        self.timer.timeout.connect(self.render)
        self.timer.start()

    def consume(self, snap) -> None:
        self.steps.extend(snap.new_steps.tolist())
        self.losses.extend(snap.new_losses.tolist())
        self.latest = snap

    def render(self) -> None:
        snap, self.latest = self.latest, None
        if snap is None:
            return
        self.curve.setData(np.asarray(self.steps, float), np.asarray(self.losses, float))
        pred = snap.view.get("pred") if snap.view else None
        if pred is not None:
            self.image.setImage(np.ascontiguousarray(pred[..., -1], dtype=np.float32),
                                autoLevels=False, levels=(0.0, 1.0))
        self.rendered.emit()

    def close(self) -> None:
        self.timer.stop()
        self.win.close()

    def deleteLater(self) -> None:
        self.win.deleteLater()


def run_setting(mode: str, gui: str | None, project, project_path, dataset, seconds: float,
                warmup: float, exclude=()):
    """One measurement: (steps/s, frame intervals in ms, snapshots/s, renders/s)."""
    from nnsim.ui.simulation import SimulationController

    win = dash = None
    renders = [0]
    if gui == "panels":
        dash, win = all_panels_window(project, dataset, exclude)
        ctl = SimulationController(mode=mode)
        ctl.snapshot_received.connect(dash.consume)
    elif gui == "light":
        dash = win = LightGui()
        ctl = SimulationController(mode=mode)
        ctl.snapshot_received.connect(dash.consume)
    elif gui == "window":
        from nnsim.ui.main_window import MainWindow

        win = MainWindow(str(project_path), recover=False, runner=mode, remember_layout=False)
        win.resize(1600, 1000)
        win.show()
        ctl, dash = win.sim, win.dashboard
    else:
        ctl = SimulationController(mode=mode)
    if hasattr(dash, "set_runner_mode"):
        dash.set_runner_mode(mode)  # (as the main window does)
    if dash is not None:
        dash.rendered.connect(lambda: renders.__setitem__(0, renders[0] + 1))
    snaps = []
    ctl.snapshot_received.connect(snaps.append)
    probe = FrameProbe()
    try:
        if gui == "window":
            win._load()
            win.sim.load(project)  # with the bench's budget
        else:
            ctl.load(project)
        ctl.start()
        if not spin_until(lambda: snaps and snaps[-1].state == "running", 60):
            raise RuntimeError(f"{mode}/{gui}: training did not start")
        spin(warmup)
        s0, t0, n0, r0 = snaps[-1].step, time.perf_counter(), len(snaps), renders[0]
        probe.start()
        spin(seconds)
        frames = probe.stop()
        s1, t1, n1, r1 = snaps[-1].step, time.perf_counter(), len(snaps), renders[0]
    finally:
        ctl.shutdown()
        if dash is not None and hasattr(dash, "timer"):
            dash.timer.stop()  # (the panels go with the window)
        if win is not None:
            win.close()
            win.deleteLater()
        spin(0.05)
    dt = t1 - t0
    return (s1 - s0) / dt, frames, (n1 - n0) / dt, (r1 - r0) / dt


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--project", default=str(ROOT / "resources" / "examples" / "spirals.json"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=4.0, help="measured time per setting")
    ap.add_argument("--warmup", type=float, default=2.0,
                    help="seconds of training before measuring (the panels' first drawings, "
                         "which build their plots, fall in it)")
    ap.add_argument("--gui", choices=("panels", "window", "light"), default="panels",
                    help="panels: every dashboard panel visible; window: the app's main window; "
                         "light: one loss curve and one image (isolates the runner's cost)")
    ap.add_argument("--modes", default="thread,process")
    ap.add_argument("--exclude", default="", help="panel ids left out of --gui panels, "
                                                   "comma-separated (e.g. neurons)")
    args = ap.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from nnsim.spec import load_project
    from nnsim.training import load_dataset

    app = QApplication.instance() or QApplication([])  # noqa: F841
    project = load_project(args.project)
    project.training["steps"] = 10_000_000  # no budget to run out during the bench
    dataset = load_dataset(project.dataset)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    exclude = tuple(x.strip() for x in args.exclude.split(",") if x.strip())

    load = os.getloadavg()
    print(f"nnsim simulation bench: {project.name} ({Path(args.project).name}), "
          f"{args.rounds} rounds x {args.seconds:g} s per setting, GUI = "
          f"{GUI_NAMES[args.gui]}"
          f"{' except ' + ', '.join(exclude) if exclude and args.gui == 'panels' else ''}, "
          f"QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM')}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} "
          f"{load[2]:.2f} (other work on the machine slows every figure)")

    bare = bare_trainer(project, min(args.seconds, 3.0))
    looped = loop_on_thread(project, min(args.seconds, 3.0))
    print(f"reference: bare Trainer.step {bare:,.0f} steps/s; TrainingLoop on a plain thread "
          f"(snapshots made, none consumed) {looped:,.0f} steps/s")

    settings = [(m, g) for m in modes for g in (None, args.gui)]
    results = {s: {"sps": [], "frames": [], "snaps": [], "renders": []} for s in settings}
    for r in range(args.rounds):
        order = settings if r % 2 == 0 else settings[::-1]
        for mode, gui in order:
            sps, frames, snaps, renders = run_setting(mode, gui, project, args.project, dataset,
                                                      args.seconds, args.warmup, exclude)
            res = results[(mode, gui)]
            res["sps"].append(sps)
            res["frames"].extend(frames)
            res["snaps"].append(snaps)
            res["renders"].append(renders)
            print(f"  round {r + 1}: {mode:<7} {'GUI' if gui else 'headless':<8} "
                  f"{sps:>9,.0f} steps/s  frame p99 late {pct(frames, 99) - FRAME_MS:6.1f} ms  "
                  f"{snaps:4.1f} snapshots/s  {renders:4.1f} renders/s", flush=True)

    print()
    print("  mode     setting   steps/s (median)  vs headless  target   frame p50 / p99 / max "
          "interval (ms)  p99 lateness  snapshots/s  renders/s")
    ok_all = True
    for mode in modes:
        head = statistics.median(results[(mode, None)]["sps"])
        for gui in (None, args.gui):
            res = results[(mode, gui)]
            sps = statistics.median(res["sps"])
            fr = res["frames"]
            late = pct(fr, 99) - FRAME_MS
            ratio = sps / head if head else float("nan")
            if gui:
                ok = ratio >= TARGETS[mode]
                ok_all &= ok
                target = f">={TARGETS[mode]:.0%} {'ok' if ok else 'BELOW'}"
            else:
                target = ""
            late_ok = late < P99_TARGET_MS
            if gui:
                ok_all &= late_ok
            print(f"  {mode:<8} {'GUI' if gui else 'headless':<9} {sps:>13,.0f}  "
                  f"{ratio:>10.1%}  {target:<10} {pct(fr, 50):6.1f} / {pct(fr, 99):6.1f} / "
                  f"{max(fr) if fr else float('nan'):6.1f}        {late:6.1f} ms "
                  f"{'ok' if late_ok else 'BELOW'}   {statistics.median(res['snaps']):8.1f}  "
                  f"{statistics.median(res['renders']):8.1f}")
    print()
    print("targets: p99 lateness of the 30 Hz GUI timer < 20 ms; GUI / headless >= 90% "
          "(process), >= 80% (thread)" + ("" if ok_all else "  -- NOT ALL MET"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
