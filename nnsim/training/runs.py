"""Every training run of the session, kept so that runs can be compared. Qt-free.

A *run* is one stretch of training from fresh weights: it starts when the snapshots' ``run_id``
changes (weights reset), when the step count goes backwards (a new trainer: the project was
reloaded) or when the UI says a new project was opened (``new_project``). For each run the
``RunRegistry`` keeps

- its settings: project name, training dict, data set, layers (type and parameters), and what
  changed against the previous run (``Run.changes``, e.g. ``"learning rate 0.03 → 0.1"``);
  settings changed live during the run are listed in ``Run.live_changes``;
- its metrics, bounded however long the run: the per-step training loss (``Trace``: neighbouring
  points averaged in pairs when full, so memory is fixed and the curve keeps its shape), every
  evaluation, each layer's gradient norm sampled at every snapshot, and for recurrent layers the
  ``||dL/dh_t||`` profile sampled over training (``ProfileGrid``, for the race's heatmaps).

    reg = RunRegistry()
    reg.consume(snapshot, project=lambda: doc.snapshot())   # every snapshot, in order
    for run in reg.runs: print(run.label, run.final_val_loss)

``project`` is only called when a snapshot starts a new run (the settings of that run).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from .history import ema as history_ema

LOSS_CAPACITY = 2048
LAYER_CAPACITY = 1024
GRID_COLUMNS = 200
MAX_RUNS = 100
MAX_EVALS = 2048  # evaluation rows kept per run (thinned by halves beyond)

#: the names users read in the inspector
TRAINING_LABELS = {"learning_rate": "learning rate", "batch_size": "batch size",
                   "optimizer": "optimiser", "steps": "steps", "seed": "seed",
                   "weight_decay": "weight decay", "clip_norm": "clip norm",
                   "dtype": "precision", "eval_every": "evaluate every"}
#: settings a run can change while it trains (the snapshot carries them)
LIVE_SETTINGS = ("learning_rate", "batch_size", "optimizer")


class Trace:
    """``(x, y)`` points in increasing ``x``, at most ``capacity`` stored (+1 partial) buckets.

    While there is room every point is its own bucket; when full, neighbouring buckets are
    averaged in pairs and later buckets hold twice as many points. Non-finite ``y`` are skipped.
    """

    def __init__(self, capacity: int = LOSS_CAPACITY):
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number >= 2")
        self.capacity = int(capacity)
        self.stride = 1
        self._x = np.empty(self.capacity)
        self._y = np.empty(self.capacity)
        self._size = 0
        self._px = self._py = 0.0  # the partial bucket's sums
        self._pn = 0
        self.count = 0  # raw points taken

    def __len__(self) -> int:
        return self._size + (1 if self._pn else 0)

    @property
    def x(self) -> np.ndarray:
        return self._view(self._x, self._px)

    @property
    def y(self) -> np.ndarray:
        return self._view(self._y, self._py)

    def _view(self, buf, partial) -> np.ndarray:
        if not self._pn:
            return buf[:self._size].copy()
        return np.append(buf[:self._size], partial / self._pn)

    @property
    def last(self) -> float:
        y = self.y
        return float(y[-1]) if len(y) else float("nan")

    def append(self, x: float, y: float) -> None:
        self.extend([x], [y])

    def extend(self, xs, ys) -> None:
        xs = np.asarray(xs, dtype=np.float64).ravel()
        ys = np.asarray(ys, dtype=np.float64).ravel()
        ok = np.isfinite(xs) & np.isfinite(ys)
        if not ok.all():
            xs, ys = xs[ok], ys[ok]
        n, i = len(xs), 0
        self.count += n
        while i < n:
            s = self.stride
            if self._pn or n - i < s:
                take = min(s - self._pn, n - i)
                self._px += float(xs[i:i + take].sum())
                self._py += float(ys[i:i + take].sum())
                self._pn += take
                i += take
                if self._pn == s:
                    self._push(np.array([self._px / s]), np.array([self._py / s]))
                    self._px = self._py = 0.0
                    self._pn = 0
                continue
            k = min((n - i) // s, self.capacity - self._size)
            self._push(xs[i:i + k * s].reshape(k, s).mean(axis=1),
                       ys[i:i + k * s].reshape(k, s).mean(axis=1))
            i += k * s

    def _push(self, bx: np.ndarray, by: np.ndarray) -> None:
        k = len(bx)
        self._x[self._size:self._size + k] = bx
        self._y[self._size:self._size + k] = by
        self._size += k
        if self._size == self.capacity:  # full: merge pairs, buckets twice as wide from now on
            h = self.capacity // 2
            self._x[:h] = self._x[:self.capacity].reshape(h, 2).mean(axis=1)
            self._y[:h] = self._y[:self.capacity].reshape(h, 2).mean(axis=1)
            self._size = h
            self.stride *= 2


class ProfileGrid:
    """A vector per sampled step (``||dL/dh_t||`` over t), at most ``capacity`` columns: when
    full, neighbouring columns are averaged in pairs."""

    def __init__(self, rows: int, capacity: int = GRID_COLUMNS):
        self.rows = int(rows)
        self.capacity = int(capacity)
        self.steps: list[float] = []
        self.columns: list[np.ndarray] = []

    def append(self, step: float, vec) -> None:
        vec = np.asarray(vec, dtype=np.float64).ravel()
        if len(vec) != self.rows:
            return
        self.steps.append(float(step))
        self.columns.append(vec.copy())
        if len(self.columns) >= self.capacity:
            self.steps = [(a + b) / 2 for a, b in zip(self.steps[::2], self.steps[1::2])]
            self.columns = [(a + b) / 2 for a, b in zip(self.columns[::2], self.columns[1::2])]

    @property
    def image(self) -> np.ndarray:
        """``(rows, columns)``: time step t down the rows, training step along the columns."""
        if not self.columns:
            return np.zeros((self.rows, 0))
        return np.stack(self.columns, axis=1)

    def __len__(self) -> int:
        return len(self.columns)


def ema(y: np.ndarray, smoothing: float) -> np.ndarray:
    """Exponential moving average with TensorBoard's debiasing (0 = raw): the average started
    from 0 (``history.ema`` of the values behind a 0), divided by the weight it has gathered,
    ``1 - smoothing**(t+1)``. Vectorised: the runs overlay smooths every run on each refresh."""
    y = np.asarray(y, dtype=np.float64)
    if smoothing <= 0 or len(y) == 0:
        return y.copy()
    acc = history_ema(np.concatenate([[0.0], y]), smoothing)[1:]
    return acc / -np.expm1(np.arange(1, len(y) + 1) * math.log(min(smoothing, 0.9999)))


# -- settings and their differences ---------------------------------------------------------------

def settings_of(project) -> dict:
    """What identifies a run's setup: plain, comparable data taken from a ``Project``."""
    layers = {n.id: (n.type, dict(n.params)) for n in project.nodes}
    return {"project": project.name,
            "training": dict(project.training),
            "dataset": {"name": project.dataset.name, "params": dict(project.dataset.params)},
            "layers": layers,
            "links": sorted((l.src, l.dst) for l in project.links)}


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def describe_changes(old: dict | None, new: dict) -> tuple[str, ...]:
    """What differs from ``old`` to ``new`` (both from ``settings_of``), one phrase each."""
    if old is None:
        return ()
    if old["project"] != new["project"]:
        return (f"project “{new['project']}”",)
    out = []
    ot, nt = old["training"], new["training"]
    for k in list(TRAINING_LABELS) + sorted(set(nt) - set(TRAINING_LABELS)):
        if k in ot or k in nt:
            a, b = ot.get(k), nt.get(k)
            if a != b:
                out.append(f"{TRAINING_LABELS.get(k, k)} {_fmt(a)} → {_fmt(b)}")
    od, nd = old["dataset"], new["dataset"]
    if od["name"] != nd["name"]:
        out.append(f"data set {od['name']} → {nd['name']}")
    else:
        for k in sorted(set(od["params"]) | set(nd["params"])):
            a, b = od["params"].get(k), nd["params"].get(k)
            if a != b:
                out.append(f"data {k} {_fmt(a)} → {_fmt(b)}")
    ol, nl = old["layers"], new["layers"]
    for nid in nl:
        if nid not in ol:
            out.append(f"+ {nl[nid][0]} layer {nid}")
            continue
        (ta, pa), (tb, pb) = ol[nid], nl[nid]
        if ta != tb:
            out.append(f"{nid} {ta} → {tb}")
            continue
        for k in sorted(set(pa) | set(pb)):
            if pa.get(k) != pb.get(k):
                out.append(f"{nid} {k} {_fmt(pa.get(k))} → {_fmt(pb.get(k))}")
    for nid in ol:
        if nid not in nl:
            out.append(f"− {ol[nid][0]} layer {nid}")
    if old["links"] != new["links"] and not any(c[0] in "+−" for c in out):
        out.append("connections changed")
    return tuple(out)


# -- runs -------------------------------------------------------------------------------------------

@dataclass
class Run:
    number: int
    settings: dict
    #: what differs from the run before it (empty for the first)
    changes: tuple = ()
    #: the snapshots' run_id while this run lasts
    run_id: int | None = None
    loss: Trace = field(default_factory=Trace)
    #: rows (step, val_loss, val_accuracy or nan, train_loss, train_accuracy or nan)
    evals: list = field(default_factory=list)
    grad_norms: dict = field(default_factory=dict)      # layer -> Trace
    dh_norm: dict = field(default_factory=dict)         # recurrent layer -> ProfileGrid
    #: "step N: learning rate a → b" for settings changed while it trained
    live_changes: list = field(default_factory=list)
    last_step: int = -1
    state: str = "idle"
    diverged: str | None = None
    budget: int = 0
    #: free text the UI adds (e.g. "restarted with one change")
    note: str = ""
    _live: dict = field(default_factory=dict, repr=False)

    @property
    def project_name(self) -> str:
        return self.settings["project"]

    @property
    def training(self) -> dict:
        return self.settings["training"]

    @property
    def dataset(self) -> dict:
        return self.settings["dataset"]

    @property
    def steps(self) -> int:
        return max(self.last_step, 0)

    @property
    def label(self) -> str:
        """``"Run 3: learning rate 0.03 → 0.1"``; the first run of a project names it."""
        what = "; ".join(self.changes[:3]) if self.changes else self.project_name
        if len(self.changes) > 3:
            what += f" (+{len(self.changes) - 3} more)"
        return f"Run {self.number}: {what}"

    def _eval(self, col: int) -> float:
        for row in reversed(self.evals):
            v = row[col]
            if v == v:
                return float(v)
        return float("nan")

    @property
    def final_val_loss(self) -> float:
        return self._eval(1)

    @property
    def final_val_accuracy(self) -> float:
        return self._eval(2)

    @property
    def final_train_loss(self) -> float:
        return self._eval(3)

    @property
    def recent_loss(self) -> float:
        """Mean training loss over (about) the last 5% of the run's stored points."""
        y = self.loss.y
        if not len(y):
            return float("nan")
        k = max(1, len(y) // 20)
        return float(np.mean(y[-k:]))

    def score(self) -> float:
        """What a race compares (lower is better): the last validation loss, else the recent
        training loss; a diverged run scores +inf."""
        if self.diverged:
            return math.inf
        v = self.final_val_loss
        return v if v == v else self.recent_loss

    def eval_series(self, col: int = 1) -> tuple[np.ndarray, np.ndarray]:
        rows = np.asarray(self.evals, dtype=np.float64).reshape(-1, 5)
        ok = np.isfinite(rows[:, col])
        return rows[ok, 0], rows[ok, col]

    # -- filling --------------------------------------------------------------------------------
    def add(self, snap) -> None:
        if len(snap.new_steps):
            self.loss.extend(snap.new_steps, snap.new_losses)
        ev = np.asarray(snap.new_evals, dtype=np.float64).reshape(-1, 5)
        self.evals.extend(tuple(float(v) for v in row) for row in ev)
        if len(self.evals) > MAX_EVALS:
            # a long run evaluates tens of thousands of times: keep every other row (and the
            # newest), so memory stays bounded and the curve keeps its shape (the soak found the
            # list growing ~1 MB a minute)
            self.evals = self.evals[:-1:2] + self.evals[-1:]
        self.state = snap.state
        self.budget = int(getattr(snap, "budget", 0) or 0)
        if snap.warnings and snap.state == "diverged":
            self.diverged = snap.warnings[0].message
        for k in LIVE_SETTINGS:
            v = getattr(snap, k, None)
            if v is None:
                continue
            before = self._live.get(k, self.training.get(k))
            if before is not None and v != before and snap.step > 0:
                self.live_changes.append(
                    f"step {snap.step:,}: {TRAINING_LABELS[k]} {_fmt(before)} → {_fmt(v)}")
            self._live[k] = v
        if snap.step <= self.last_step:
            return
        self.last_step = snap.step
        if snap.step == 0:
            return
        for l in snap.layers:
            if l.params:
                tr = self.grad_norms.get(l.name)
                if tr is None:
                    tr = self.grad_norms[l.name] = Trace(LAYER_CAPACITY)
                tr.append(snap.step, l.grad_norm)
            dh = l.extra.get("dh_norm") if l.extra else None
            if dh is not None:
                g = self.dh_norm.get(l.name)
                if g is None or g.rows != len(dh):
                    g = self.dh_norm[l.name] = ProfileGrid(len(dh))
                g.append(snap.step, dh)


class RunRegistry:
    """The session's runs, oldest first. Feed it every snapshot with ``consume``."""

    def __init__(self, max_runs: int = MAX_RUNS):
        self.max_runs = max_runs
        self.runs: list[Run] = []
        self.current: Run | None = None
        #: increases on every change (views redraw when it moved)
        self.version = 0
        self._new_pending = False
        self._numbers = 0
        self._listeners: list[Callable[[Run], None]] = []

    def __len__(self) -> int:
        return len(self.runs)

    def __iter__(self):
        return iter(self.runs)

    def run(self, number: int) -> Run:
        for r in self.runs:
            if r.number == number:
                return r
        raise KeyError(number)

    def on_new_run(self, callback: Callable[[Run], None]) -> None:
        """``callback(run)`` whenever a run starts."""
        self._listeners.append(callback)

    def new_project(self) -> None:
        """A project was opened: the next snapshot starts a new run whatever its run_id."""
        self._new_pending = True

    def start_run(self, project, run_id: int | None = None, note: str = "") -> Run:
        """Start a run with ``project``'s settings (``consume`` does this by itself)."""
        settings = settings_of(project)
        cur = self.current
        if cur is not None and cur.steps == 0:  # nothing trained: it is not worth a row
            self.runs.remove(cur)
            self._numbers -= 1
        previous = self.runs[-1] if self.runs else None
        self._numbers += 1
        run = Run(self._numbers, settings,
                  describe_changes(previous.settings if previous else None, settings),
                  run_id=run_id, note=note)
        self.runs.append(run)
        self.current = run
        while len(self.runs) > self.max_runs:
            self.runs.pop(0)
        self._new_pending = False
        self.version += 1
        for cb in self._listeners:
            cb(run)
        return run

    def consume(self, snap, project=None) -> Run:
        """Record one snapshot (every one, in order). ``project``: the ``Project`` the run
        trains, or a callable returning it; used only when this snapshot starts a new run."""
        cur = self.current
        if (cur is None or self._new_pending or snap.run_id != cur.run_id
                or snap.step < cur.last_step):
            p = project() if callable(project) else project
            if p is None:
                raise ValueError("a new run needs its project")
            cur = self.start_run(p, snap.run_id)
        cur.add(snap)
        self.version += 1
        return cur

    def pending_changes(self, project) -> tuple[str, ...]:
        """What ``project`` changes against the current run (what a restart would try)."""
        if self.current is None:
            return ()
        return describe_changes(self.current.settings, settings_of(project))

    def clear(self) -> None:
        self.runs.clear()
        self.current = None
        self._numbers = 0
        self.version += 1
