"""Cost of one full dashboard refresh, and memory of a long run's loss history.

A refresh is what the Dashboard's 30 Hz timer does when a snapshot arrived: ``consume`` it (record
its metrics), ``render()`` the newest snapshot on every visible panel, and Qt painting what
changed (the paint events ``render`` posted, and the follow-up repaints they post, run by
``processEvents()`` until the loop is quiet). All seven panels are on screen at once in a 1600x1000 window
(offscreen platform: real painting into the backing store, no display needed). Two networks:

- **MLP 784-256-128-10** (ReLU) on the digits upscaled to 28x28 (784 inputs, so the first layer's
  weights are drawn as 256 tiles of 28x28), and
- **LSTM, 64 units over 50 time steps** on the adding problem (gate heatmaps 64 x 50, gradient
  through time over 50 steps).

The snapshots are real (``Trainer.snapshot()`` after real training steps, with the data view and
the probe); the timed loop replays them with increasing step numbers so every frame has new data.
Figures are medians over the frames; time is this thread's CPU time (the GUI thread's work;
elapsed time on a shared 2-core machine mostly measures the neighbours), elapsed time printed
beside it. Targets: median refresh < 8 ms (so 30 Hz takes under a quarter of a core) and
< 50 MB for the loss history after 1,000,000 steps.

    .venv/bin/python bench/bench_dashboard.py
    .venv/bin/python bench/bench_dashboard.py --frames 300
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from nnsim.data import Dataset, make_dataset  # noqa: E402
from nnsim.spec import Project  # noqa: E402
from nnsim.training import LayerStats, Snapshot, Trainer  # noqa: E402
from nnsim.training.history import RunHistory  # noqa: E402

TARGET_MS = 8.0
TARGET_MB = 50.0


def _interp(n, m):
    pos = np.linspace(0, n - 1, m)
    i0 = np.clip(np.floor(pos).astype(int), 0, n - 2)
    f = pos - i0
    M = np.zeros((m, n))
    M[np.arange(m), i0] = 1 - f
    M[np.arange(m), i0 + 1] += f
    return M


def digits_28() -> Dataset:
    """The bundled 8x8 digits, bilinearly upscaled to 28x28 = 784 inputs (MNIST's size)."""
    d = make_dataset("digits")
    R = _interp(8, 28)

    def up(x):
        return np.einsum("ai,nij,bj->nab", R, x.reshape(-1, 8, 8), R).reshape(len(x), 784)

    meta = {k: v for k, v in d.meta.items() if k not in ("feature_names", "params")}
    meta["image_shape"] = (28, 28)
    return Dataset("digits28", "Digits 28x28", "classification", up(d.x_train), d.y_train,
                   up(d.x_val), d.y_val, n_classes=10, meta=meta)


def chain(layers, loss, dataset_name, dataset_params=None) -> Project:
    return Project.chain(layers, loss, dataset_name, dataset_params, name="bench",
                         batch_size=64, eval_every=10, learning_rate=0.001)


def scenario(name: str):
    if name == "mlp":
        ds = digits_28()
        project = chain([("Dense", dict(units=256, activation="relu", init="he")),
                         ("Dense", dict(units=128, activation="relu", init="he")),
                         ("Dense", dict(units=10, activation="linear"))],
                        "cross_entropy", "digits")
        return "MLP 784-256-128-10 (digits 28x28)", Trainer(project, ds)
    project = chain([("LSTM", dict(units=64)), ("Dense", dict(units=1, activation="linear"))],
                    "mse", "adding", {"length": 50, "n_samples": 400})
    return "LSTM 64 units x 50 steps (adding)", Trainer(project)


def record(trainer, n=12, every=3) -> list[Snapshot]:
    out = []
    for _ in range(n):
        trainer.run(every)
        out.append(trainer.snapshot())
    return out


def replay(snaps, frames, every):
    """Snapshots for ``frames`` frames: the recorded ones in turn, renumbered so steps grow."""
    for k in range(frames):
        s = snaps[k % len(snaps)]
        step = (k + 1) * every
        yield dataclasses.replace(s, step=step, new_steps=np.arange(step - every + 1, step + 1),
                                  new_losses=np.resize(s.new_losses, every) if len(s.new_losses)
                                  else np.full(every, s.train_loss),
                                  new_evals=np.array([[step, s.val_loss, 0.5, s.train_loss, 0.5]]))


def reference_ms() -> float:
    """A fixed pure-Python loop (10^6 additions): how fast this machine is right now."""
    best = float("inf")
    for _ in range(3):
        t = time.thread_time()
        acc = 0
        for i in range(1_000_000):
            acc += i
        best = min(best, time.thread_time() - t)
    return best * 1e3


def settle(app, rounds: int = 4) -> None:
    """Run the event loop until the repaints a frame caused are done: pyqtgraph often posts a
    second, smaller repaint while painting the first (a plain ``processEvents()`` would leave it
    for the next frame and the figure would look cheaper than the app is)."""
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.001)


def dashboard_window(trainer):
    from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

    from nnsim.ui.dashboard import Dashboard

    app = QApplication.instance() or QApplication([])
    dash = Dashboard()
    dash.set_context(trainer.project, trainer.dataset)
    win = QWidget()
    grid = QGridLayout(win)
    grid.setContentsMargins(0, 0, 0, 0)
    for k, p in enumerate(dash.panels):
        grid.addWidget(p, k // 3, k % 3)
    win.resize(1600, 1000)
    win.show()
    app.processEvents()
    return app, dash, win


def bench_refresh(label, trainer, frames, warmup, live_seconds):
    snaps = record(trainer)
    app, dash, win = dashboard_window(trainer)
    cpu, wall, render_cpu, paint_cpu = [], [], [], []
    for k, snap in enumerate(replay(snaps, frames + warmup, every=10)):
        w0, c0 = time.perf_counter(), time.thread_time()
        dash.consume(snap)
        dash.render(force=True)  # every panel draws, every frame
        c1 = time.thread_time()
        settle(app)  # the paint events the drawing posted, and the ones those post
        c2, w2 = time.thread_time(), time.perf_counter()
        if k >= warmup:
            cpu.append((c2 - c0) * 1e3)
            wall.append((w2 - w0) * 1e3)
            render_cpu.append((c1 - c0) * 1e3)
            paint_cpu.append((c2 - c1) * 1e3)
    irrelevant = [p.panel_id for p in dash.panels if not p.relevant]
    win.close()
    dash.timer.stop()
    med = statistics.median(cpu)
    print(f"{label}")
    print(f"  full refresh (every panel draws; consume + render + paint), CPU ms: median "
          f"{med:.2f}   p25 {np.percentile(cpu, 25):.2f}   p90 {np.percentile(cpu, 90):.2f}   "
          f"[render {statistics.median(render_cpu):.2f} + paint "
          f"{statistics.median(paint_cpu):.2f}]   elapsed median {statistics.median(wall):.2f}")
    print(f"  every panel at 30 Hz would take {med * 30 / 10:.0f}% of one core;   "
          f"target median < {TARGET_MS:g} ms: {'met' if med < TARGET_MS else 'NOT met'}")
    if irrelevant:
        print(f"  panels showing their 'not for this network' note: {', '.join(irrelevant)}")
    if live_seconds > 0:
        bench_live(trainer, snaps, live_seconds)
    return med


def bench_live(trainer, snaps, seconds, snapshot_hz=30, mode="process"):
    """The Dashboard as the app runs it: snapshots arrive at ``snapshot_hz``, its own timer
    draws (the scheduler: panel rates, tick size, the ``mode`` runner's budget); measured: this
    thread's CPU share and what each panel drew."""
    from PySide6.QtCore import QTimer

    app, dash, win = dashboard_window(trainer)
    dash.set_runner_mode(mode)
    counts = {p.panel_id: 0 for p in dash.panels}
    frames = [0]
    dash.rendered.connect(lambda: frames.__setitem__(0, frames[0] + 1))
    for p in dash.panels:
        p.drawn.connect(lambda pid=p.panel_id: counts.__setitem__(pid, counts[pid] + 1))
    feed = replay(snaps, 10**9, every=10)
    src = QTimer()
    src.setInterval(int(1000 / snapshot_hz))
    src.timeout.connect(lambda: dash.consume(next(feed)))
    for _ in range(20):  # warm up
        dash.consume(next(feed))
        dash.render(force=True)
        app.processEvents()
    for k in counts:
        counts[k] = 0
    frames[0] = 0
    w0, c0 = time.perf_counter(), time.thread_time()
    src.start()
    while time.perf_counter() - w0 < seconds:
        app.processEvents()
        time.sleep(0.002)
    src.stop()
    wall, cpu = time.perf_counter() - w0, time.thread_time() - c0
    dash.timer.stop()
    win.close()
    rates = ", ".join(f"{pid} {n / wall:.0f}" for pid, n in counts.items() if n)
    costs = ", ".join(f"{p.panel_id} {p.cost_ms:.1f}" for p in dash.panels if counts[p.panel_id])
    print(f"  live ({seconds:g} s, snapshots at {snapshot_hz} Hz, the Dashboard's own timer, "
          f"{mode} runner's budget): GUI thread {100 * cpu / wall:.0f}% of one core (drawing "
          f"budget {100 * dash.frame_budget:.0f}%, plus consuming the snapshots); learned cost "
          f"of one drawing (ms): {costs}")
    print(f"  frames per second {frames[0] / wall:.1f}; drawings per second: {rates}")


def bench_memory(steps=1_000_000, per_snapshot=1000):
    """Loss history (and the per-layer series of a 3-layer net) after ``steps`` steps."""
    layers = tuple(LayerStats(f"dense{i}", "Dense", params={"W": np.zeros((1, 1))},
                              grad_norm=1.0, update_ratio=1e-3) for i in range(1, 4))
    base = dict(epoch=0.0, state="running", learning_rate=0.01, batch_size=32, optimizer="adam",
                train_loss=1.0, val_loss=1.0, train_accuracy=0.5, val_accuracy=0.5,
                steps_per_second=0.0, layers=layers)
    rng = np.random.default_rng(0)
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    h = RunHistory()
    for k in range(steps // per_snapshot):
        s0 = k * per_snapshot
        steps_k = np.arange(s0 + 1, s0 + per_snapshot + 1)
        h.append(Snapshot(step=s0 + per_snapshot, new_steps=steps_k,
                          new_losses=1.0 / np.sqrt(steps_k) + 0.05 * rng.random(per_snapshot),
                          new_evals=np.array([[s0 + per_snapshot, 0.5, 0.8, 0.4, 0.9]]),
                          **base))
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    traced = sum(st.size_diff for st in after.compare_to(before, "filename")) / 1e6
    loss_mb = h.train_loss.nbytes / 1e6
    print(f"History after {h.train_loss.count:,} steps: loss series {len(h.train_loss):,} "
          f"buckets of {h.train_loss.stride:,} steps = {loss_mb:.3f} MB; whole run history "
          f"{h.nbytes / 1e6:.3f} MB (traced allocations {traced:.3f} MB)   target < "
          f"{TARGET_MB:g} MB: {'met' if max(traced, h.nbytes / 1e6) < TARGET_MB else 'NOT met'}")
    return traced


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=150)
    ap.add_argument("--warmup", type=int, default=15)
    ap.add_argument("--live-seconds", type=float, default=8.0)
    ap.add_argument("--only", choices=("mlp", "lstm", "memory"))
    args = ap.parse_args(argv)
    print(f"Machine reference: a pure-Python loop of 10^6 additions takes {reference_ms():.0f} ms "
          f"of CPU here (shared 2-core machine; the figures below scale with it)")
    with threadpool_limits(1):
        for name in ("mlp", "lstm"):
            if args.only in (None, name):
                label, trainer = scenario(name)
                bench_refresh(label, trainer, args.frames, args.warmup, args.live_seconds)
        if args.only in (None, "memory"):
            bench_memory()
    return 0


if __name__ == "__main__":
    sys.exit(main())
