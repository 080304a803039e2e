"""Pictures of each dashboard panel during a real training run, for docs/dashboards.md.

    python docs/shoot_panels.py                      # every panel, offscreen or on $DISPLAY
    /work/shared/tools/xshot /tmp/x.png 60 .venv/bin/python docs/shoot_panels.py   # under Xvfb
    python docs/shoot_panels.py --only gates --show  # one panel, left on screen

For each panel a network and data set that make it worth looking at is trained in the GUI thread
(a few steps per frame, a full snapshot per frame, exactly what the app's runner hands the
``Dashboard``), the panel is shown in a window of a fixed size, and after the given number of
training steps the window is saved to ``docs/screenshots/panel-<id>.png``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, load_project  # noqa: E402
from nnsim.training import Trainer  # noqa: E402
from nnsim.ui.dashboard import Dashboard  # noqa: E402

EXAMPLES = ROOT / "resources" / "examples"
OUT = ROOT / "docs" / "screenshots"


def chain(name, dataset, layers, loss, training=None, dataset_params=None) -> Project:
    """A sequential project: Input -> layers (type, params) -> Output."""
    return Project.chain(layers, loss, dataset, dataset_params, name=name, **(training or {}))


def rnn_vs_lstm() -> Project:
    """Input feeds a SimpleRNN and an LSTM side by side (same task, same data): their gradients
    through time, one above the other."""
    p = Project(name="RNN vs LSTM")
    p.nodes = [NodeSpec.new("input", "Input"),
               NodeSpec.new("rnn", "SimpleRNN", units=16),
               NodeSpec.new("lstm", "LSTM", units=16),
               NodeSpec.new("concat", "Concatenate"),
               NodeSpec.new("dense1", "Dense", units=1, activation="linear"),
               NodeSpec.new("output", "Output", loss="mse")]
    p.links = [LinkSpec("input", "rnn"), LinkSpec("input", "lstm"), LinkSpec("rnn", "concat"),
               LinkSpec("lstm", "concat"), LinkSpec("concat", "dense1"),
               LinkSpec("dense1", "output")]
    p.dataset = DatasetSpec("adding", {"length": 30})
    p.training.update(learning_rate=0.01, batch_size=32, eval_every=25)
    return p


def scenes():
    """panel id -> (project, steps to train, steps per frame)."""
    # small initial weights: pixels that are always blank keep weights ~0 (white), so the tiles
    # show what was learned rather than the random start
    digits = chain("Digits", "digits", [("Dense", dict(units=16, activation="tanh",
                                                       init="normal", init_scale=0.01)),
                                        ("Dense", dict(units=10, activation="linear"))],
                   "cross_entropy", dict(optimizer="momentum", learning_rate=0.05,
                                         batch_size=32, eval_every=25))
    small = chain("Moons with dropout", "moons",
                  [("Dense", dict(units=8, activation="tanh")), ("Dropout", dict(rate=0.25)),
                   ("Dense", dict(units=8, activation="tanh")),
                   ("Dense", dict(units=2, activation="linear"))],
                  "cross_entropy", dict(learning_rate=0.02, batch_size=16, eval_every=25))
    lstm = chain("LSTM on the adding problem", "adding",
                 [("LSTM", dict(units=12)), ("Dense", dict(units=1, activation="linear"))],
                 "mse", dict(learning_rate=0.01, batch_size=32, eval_every=25),
                 dict(length=24))
    return {
        "loss": (load_project(EXAMPLES / "overfit.json"), 1500, 20),
        "output": (load_project(EXAMPLES / "spirals.json"), 2500, 25),
        "gradients": (load_project(EXAMPLES / "deep_sigmoid.json"), 600, 10),
        "weights": (digits, 600, 10),
        "neurons": (small, 397, 10),  # not an evaluation step: the dropout mask is shown
        "through_time": (rnn_vs_lstm(), 1200, 8),
        "gates": (lstm, 400, 4),
    }


SIZES = {"weights": (1000, 900), "gates": (1100, 860), "through_time": (1100, 700),
         "neurons": (1000, 640)}


class Shooter:
    def __init__(self, app, panel_id, project, steps, per_frame, out: Path, show=False):
        self.app, self.panel_id, self.steps, self.per_frame = app, panel_id, steps, per_frame
        self.out, self.show = out, show
        self.trainer = Trainer(project)
        self.dash = Dashboard()
        self.dash.set_context(self.trainer.project, self.trainer.dataset)
        self.panel = self.dash.panel(panel_id)
        self.panel.setWindowTitle(f"{self.panel.title} - {project.name}")
        self.panel.resize(*SIZES.get(panel_id, (1000, 680)))
        self.panel.show()
        self.timer = QTimer()
        self.timer.timeout.connect(self.frame)
        self.timer.start(10)

    def frame(self):
        t = self.trainer
        for _ in range(self.per_frame):
            if t.step_count >= self.steps or t.diverged is not None:
                break
            t.step()
        self.dash.consume(t.snapshot())
        self.dash.render()
        if t.step_count >= self.steps or t.diverged is not None:
            self.timer.stop()
            QTimer.singleShot(300, self.save)

    def save(self):
        self.dash.render(force=True)
        self.app.processEvents()
        path = self.out / f"panel-{self.panel_id}.png"
        self.panel.grab().save(str(path))
        print(f"saved {path} at step {self.trainer.step_count}", flush=True)
        if not self.show:
            self.panel.close()
            self.app.quit()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", help="panel id (repeatable)")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--show", action="store_true", help="leave the window open")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY")
                          else "xcb")
    app = QApplication.instance() or QApplication([])

    def fail(*exc):  # an exception in a slot: report it and stop, do not wait forever
        sys.__excepthook__(*exc)
        app.exit(1)
        os._exit(1)

    sys.excepthook = fail
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    todo = scenes()
    for pid in args.only or list(todo):
        project, steps, per_frame = todo[pid]
        s = Shooter(app, pid, project, steps, per_frame, out, show=args.show)  # noqa: F841
        app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
