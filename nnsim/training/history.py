"""Bounded history of a training run: what the dashboards plot against the step. Qt-free.

A run can last millions of steps; a plot needs a few thousand points. ``Series`` keeps at most
``capacity`` *buckets*: while there is room every point is its own bucket; when the buffer is
full, neighbouring buckets are merged by pairs (mean weighted by count, min of mins, max of maxes)
and every later bucket holds twice as many points. So memory is fixed, the mean curve keeps its
shape, and the min/max envelope keeps the spikes that a plain subsample would lose (a loss spike
at step 700,000 is still drawn at step 1,000,000).

``StepGrid`` does the same for one vector per step (``||dL/dh_t||`` over the time steps ``t`` of a
recurrent layer): columns cover equal spans of training steps, so the heatmap's x axis is linear
in the step; when the grid is full, pairs of columns are averaged and each column spans twice as
many steps.

``RunHistory`` holds every series a dashboard plots for one run and fills them from ``Snapshot``s
(``append``): training loss per step, the evaluations, per-layer gradient norm / update ratio /
delta norm, the learning rate, recurrent ``dh_norm``/``dc_norm`` grids and the LSTM gates'
saturation. ``to_csv`` writes them all in long ("tidy") form.
"""

from __future__ import annotations

import csv
import math

import numpy as np

#: A gate value below LOW or above HIGH counts as saturated (derivative near 0).
GATE_LOW, GATE_HIGH = 0.05, 0.95


class Series:
    """``(x, y)`` points in increasing ``x``, bounded to ``capacity`` buckets (see module doc).

    Arrays (``x``, ``y``, ``lo``, ``hi``, ``n``) are views of the first ``len(self)`` buckets:
    ``x`` the mean step of the bucket's points, ``y`` their mean, ``lo``/``hi`` their min/max and
    ``n`` how many there were. Non-finite values are counted in ``dropped`` and not stored.
    """

    __slots__ = ("capacity", "stride", "dropped", "_size", "_x", "_y", "_lo", "_hi", "_n",
                 "version")

    def __init__(self, capacity: int = 4096):
        if capacity < 4 or capacity % 2:
            raise ValueError("capacity must be an even number >= 4")
        self.capacity = int(capacity)
        self.stride = 1  # points per (complete) bucket
        self.dropped = 0
        self._size = 0
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self._lo = np.empty(capacity)
        self._hi = np.empty(capacity)
        self._n = np.zeros(capacity, dtype=np.int64)
        #: increases on every change: views redraw only when it moved
        self.version = 0

    def __len__(self) -> int:
        return self._size

    @property
    def x(self) -> np.ndarray:
        return self._x[:self._size]

    @property
    def y(self) -> np.ndarray:
        return self._y[:self._size]

    @property
    def lo(self) -> np.ndarray:
        return self._lo[:self._size]

    @property
    def hi(self) -> np.ndarray:
        return self._hi[:self._size]

    @property
    def n(self) -> np.ndarray:
        return self._n[:self._size]

    @property
    def count(self) -> int:
        """Raw points stored (not counting dropped non-finite ones)."""
        return int(self._n[:self._size].sum())

    @property
    def last(self) -> float:
        """The mean of the newest bucket (nan when empty)."""
        return float(self._y[self._size - 1]) if self._size else float("nan")

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self._x, self._y, self._lo, self._hi, self._n))

    def clear(self) -> None:
        self._size = 0
        self.stride = 1
        self.dropped = 0
        self.version += 1

    def append(self, x: float, y: float) -> None:
        """One point. Plain float arithmetic on the newest bucket (a snapshot appends a few
        dozen single points, one per layer and quantity; numpy's per-call cost would make
        that the bulk of consuming a snapshot)."""
        x, y = float(x), float(y)
        if not (math.isfinite(x) and math.isfinite(y)):
            self.dropped += 1
            return
        s = self._size - 1
        if s >= 0 and self._n[s] < self.stride:  # top up the partial newest bucket
            n0 = int(self._n[s])
            self._x[s] = (float(self._x[s]) * n0 + x) / (n0 + 1)
            self._y[s] = (float(self._y[s]) * n0 + y) / (n0 + 1)
            if y < self._lo[s]:
                self._lo[s] = y
            if y > self._hi[s]:
                self._hi[s] = y
            self._n[s] = n0 + 1
        else:
            if self._size == self.capacity:
                self._decimate()
            s = self._size
            self._x[s] = x
            self._y[s] = self._lo[s] = self._hi[s] = y
            self._n[s] = 1
            self._size += 1
        self.version += 1

    def extend(self, xs, ys) -> None:
        """Append many points at once (vectorised: a snapshot brings hundreds of losses)."""
        xs = np.asarray(xs, dtype=np.float64).ravel()
        ys = np.asarray(ys, dtype=np.float64).ravel()
        if xs.shape != ys.shape:
            raise ValueError(f"x and y differ in length: {xs.shape} vs {ys.shape}")
        ok = np.isfinite(ys) & np.isfinite(xs)
        if not ok.all():
            self.dropped += int((~ok).sum())
            xs, ys = xs[ok], ys[ok]
        if not len(xs):
            return
        self.version += 1
        i = 0
        while i < len(xs):
            i += self._top_up(xs[i:], ys[i:])
            if i >= len(xs):
                break
            if self._size == self.capacity:
                self._decimate()
            # whole buckets of `stride` points, as many as fit
            k = self.stride
            room = self.capacity - self._size
            m = min((len(xs) - i) // k, room)
            if m:
                bx = xs[i:i + m * k].reshape(m, k)
                by = ys[i:i + m * k].reshape(m, k)
                s = slice(self._size, self._size + m)
                self._x[s] = bx.mean(axis=1)
                self._y[s] = by.mean(axis=1)
                self._lo[s] = by.min(axis=1)
                self._hi[s] = by.max(axis=1)
                self._n[s] = k
                self._size += m
                i += m * k
            elif i < len(xs):
                # fewer than `stride` points left: they start a partial bucket
                s = self._size
                rest_x, rest_y = xs[i:], ys[i:]
                self._x[s] = rest_x.mean()
                self._y[s] = rest_y.mean()
                self._lo[s] = rest_y.min()
                self._hi[s] = rest_y.max()
                self._n[s] = len(rest_y)
                self._size += 1
                i = len(xs)

    def _top_up(self, xs: np.ndarray, ys: np.ndarray) -> int:
        """Fill the newest bucket if it is partial; returns how many points it took."""
        s = self._size - 1
        if s < 0 or self._n[s] >= self.stride:
            return 0
        take = int(min(self.stride - self._n[s], len(xs)))
        n0 = self._n[s]
        n1 = n0 + take
        self._x[s] = (self._x[s] * n0 + xs[:take].sum()) / n1
        self._y[s] = (self._y[s] * n0 + ys[:take].sum()) / n1
        self._lo[s] = min(self._lo[s], ys[:take].min())
        self._hi[s] = max(self._hi[s], ys[:take].max())
        self._n[s] = n1
        return take

    def _decimate(self) -> None:
        """Merge buckets pairwise: half as many, each twice as wide."""
        h = self._size // 2
        n = self._n[:2 * h].reshape(h, 2)
        w = n.sum(axis=1)
        for arr in (self._x, self._y):
            a = arr[:2 * h].reshape(h, 2)
            arr[:h] = (a * n).sum(axis=1) / w
        self._lo[:h] = self._lo[:2 * h].reshape(h, 2).min(axis=1)
        self._hi[:h] = self._hi[:2 * h].reshape(h, 2).max(axis=1)
        self._n[:h] = w
        self._size = h
        self.stride *= 2

    def envelope(self) -> tuple[np.ndarray, np.ndarray]:
        """The min/max envelope as one zig-zag line (x twice, lo then hi), which is what a
        peak-downsampled raw curve looks like. Buckets of one point give the point once."""
        if self.stride == 1 or not self._size:
            return self.x.copy(), self.y.copy()
        x = np.repeat(self.x, 2)
        y = np.empty(2 * self._size)
        y[0::2] = self.lo
        y[1::2] = self.hi
        return x, y


def ema(y: np.ndarray, smoothing: float, n: np.ndarray | None = None) -> np.ndarray:
    """Exponential moving average ``s_t = d_t s_{t-1} + (1 - d_t) y_t`` starting at ``s_0 = y_0``
    (no bias towards 0), with ``d = smoothing`` per raw point. ``n``: points per bucket (a bucket
    of ``k`` points decays by ``smoothing**k``), so the smoothing looks the same before and after
    the history is decimated. Vectorised in blocks, no Python loop per point:
    within a block starting at ``i``, ``s_t = Q_t (s_{i-1} + sum_k (1 - d_k) y_k / Q_k)`` with
    ``Q_t = d_i ... d_t``, and blocks end before ``Q`` underflows."""
    y = np.asarray(y, dtype=np.float64)
    out = y.copy()
    if smoothing <= 0 or len(y) < 2:
        return out
    logd = math.log(min(float(smoothing), 0.9999))
    logd = np.full(len(y), logd) if n is None else logd * np.asarray(n, dtype=np.float64)
    # Buckets of one width run from the start (all of them until the history is first
    # decimated; all but the newest, partial one after). When they forget fast (a long run:
    # buckets of hundreds of points, d = smoothing**n near 0), the blocks below would be a few
    # buckets long and a Python loop of thousands of them made the loss panel's drawing slower
    # the longer the run; a fixed kernel does the same in one convolution.
    i = 1
    if logd[0] < -0.5:
        m = int(np.argmax(logd != logd[0])) or len(y)
        out[:m] = _ema_fixed(y[:m], math.exp(logd[0]))
        i = max(m, 1)
    while i < len(y):
        L = np.cumsum(logd[i:])
        j = max(1, int(np.count_nonzero(L > -300.0)))  # L decreases: the first j are safe
        Q = np.exp(L[:j])
        d = np.exp(logd[i:i + j])
        out[i:i + j] = Q * (out[i - 1] + np.cumsum((1.0 - d) * y[i:i + j] / Q))
        i += j
    return out


def _ema_fixed(y: np.ndarray, d: float) -> np.ndarray:
    """``ema`` with one decay ``d`` < 1 for every point, as a convolution with the kernel
    ``(1 - d) d^k``, cut where ``d^k`` < 1e-17 (below float64's resolution); the start is exact
    (``s_0 = y_0``: the first points carry ``d^(t+1) y_0`` more)."""
    K = max(1, int(math.ceil(-39.0 / math.log(max(d, 1e-300)))))
    out = np.convolve(y, (1.0 - d) * d ** np.arange(K + 1))[:len(y)]
    t = np.arange(min(len(y), K + 1))
    out[t] += d ** (t + 1) * y[0]
    return out


class StepGrid:
    """One vector of ``rows`` numbers per training step, as a ``(rows, columns)`` image whose
    columns span equal numbers of steps (``stride``) starting at step ``origin``.

    A column holds the vector of the last step that fell into it (so the newest column is always
    the newest vector); empty columns in between repeat the column before, so the image reads as
    "what it looked like then". When ``capacity`` columns are used up, pairs are averaged.
    """

    def __init__(self, rows: int, capacity: int = 256, dtype=np.float32):
        if capacity < 4 or capacity % 2:
            raise ValueError("capacity must be an even number >= 4")
        self.rows = int(rows)
        self.capacity = int(capacity)
        self._a = np.zeros((self.rows, self.capacity), dtype=dtype)
        self.columns = 0
        self.stride = 1
        self.origin: int | None = None
        self.last_step: int | None = None
        self.version = 0

    @property
    def image(self) -> np.ndarray:
        """``(rows, columns)`` view (row-major, C-contiguous rows after ``np.ascontiguousarray``)."""
        return self._a[:, :self.columns]

    @property
    def nbytes(self) -> int:
        return self._a.nbytes

    def step_range(self) -> tuple[float, float]:
        """Training steps covered by the image's left and right edges."""
        o = self.origin or 0
        return float(o), float(o + self.columns * self.stride)

    def clear(self) -> None:
        self.columns = 0
        self.stride = 1
        self.origin = None
        self.last_step = None
        self.version += 1

    def append(self, step: int, vec) -> None:
        vec = np.asarray(vec, dtype=self._a.dtype).ravel()
        if vec.shape[0] != self.rows:
            raise ValueError(f"expected {self.rows} values, got {vec.shape[0]}")
        step = int(step)
        if self.origin is None:
            self.origin = step
        if self.last_step is not None and step <= self.last_step:
            return
        col = (step - self.origin) // self.stride
        while col >= self.capacity:
            self._decimate()
            col = (step - self.origin) // self.stride
        if col >= self.columns and self.columns:
            # forward-fill the gap with the last column
            self._a[:, self.columns:col] = self._a[:, self.columns - 1:self.columns]
        self._a[:, col] = vec
        self.columns = max(self.columns, col + 1)
        self.last_step = step
        self.version += 1

    def _decimate(self) -> None:
        h = (self.columns + 1) // 2
        if self.columns % 2:  # odd: pad by repeating the last column
            self._a[:, self.columns] = self._a[:, self.columns - 1]
        a = self._a[:, :2 * h].reshape(self.rows, h, 2)
        self._a[:, :h] = a.mean(axis=2)
        self.columns = h
        self.stride *= 2


class RunHistory:
    """All series of one run (see module doc). ``append(snapshot)`` is cheap: a few vector
    appends, no copies of weights."""

    EVAL_NAMES = ("val_loss", "val_accuracy", "train_loss_eval", "train_accuracy_eval")

    def __init__(self, capacity: int = 4096, layer_capacity: int = 2048, grid_columns: int = 256):
        self.capacity = capacity
        self.layer_capacity = layer_capacity
        self.grid_columns = grid_columns
        self.train_loss = Series(capacity)
        self.evals = {k: Series(capacity) for k in self.EVAL_NAMES}
        self.learning_rate = Series(layer_capacity)
        self.global_grad_norm = Series(layer_capacity)
        #: per layer: {"grad_norm", "update_ratio", "delta_norm"} -> Series
        self.layers: dict[str, dict[str, Series]] = {}
        #: per recurrent layer: {"dh_norm": StepGrid, "dc_norm": StepGrid}
        self.grids: dict[str, dict[str, StepGrid]] = {}
        #: per LSTM layer (probe sequence): {"forget", "input", "output", "all"} -> Series of the
        #: fraction of gate values < 0.05 or > 0.95
        self.gate_saturation: dict[str, dict[str, Series]] = {}
        self.run_id: int | None = None
        self.last_step = -1
        self.snapshots = 0

    def clear(self) -> None:
        self.train_loss.clear()
        for s in self.evals.values():
            s.clear()
        self.learning_rate.clear()
        self.global_grad_norm.clear()
        self.layers.clear()
        self.grids.clear()
        self.gate_saturation.clear()
        self.run_id = None
        self.last_step = -1
        self.snapshots = 0

    @property
    def nbytes(self) -> int:
        total = self.train_loss.nbytes + self.learning_rate.nbytes + self.global_grad_norm.nbytes
        total += sum(s.nbytes for s in self.evals.values())
        total += sum(s.nbytes for d in self.layers.values() for s in d.values())
        total += sum(g.nbytes for d in self.grids.values() for g in d.values())
        total += sum(s.nbytes for d in self.gate_saturation.values() for s in d.values())
        return total

    def append(self, snap) -> None:
        if self.run_id is not None and snap.run_id != self.run_id:
            self.clear()
        self.run_id = snap.run_id
        self.snapshots += 1
        if len(snap.new_steps):
            self.train_loss.extend(snap.new_steps, snap.new_losses)
        ev = np.asarray(snap.new_evals, dtype=np.float64).reshape(-1, 5)
        if len(ev):
            for k, name in enumerate(self.EVAL_NAMES, start=1):
                self.evals[name].extend(ev[:, 0], ev[:, k])
        if snap.step <= self.last_step:
            return  # the same step again (paused, or a repeated snapshot): nothing new per step
        self.last_step = snap.step
        step = snap.step
        self.learning_rate.append(step, snap.learning_rate)
        self.global_grad_norm.append(step, snap.global_grad_norm)
        for l in snap.layers:
            if l.params:
                d = self.layers.get(l.name)
                if d is None:
                    cap = self.layer_capacity
                    d = self.layers[l.name] = {k: Series(cap) for k in
                                               ("grad_norm", "update_ratio", "delta_norm")}
                d["grad_norm"].append(step, l.grad_norm)
                d["update_ratio"].append(step, l.update_ratio)
                d["delta_norm"].append(step, l.delta_norm)
            for key in ("dh_norm", "dc_norm"):
                v = l.extra.get(key)
                if v is None:
                    continue
                v = np.asarray(v).ravel()
                grids = self.grids.setdefault(l.name, {})
                g = grids.get(key)
                if g is None or g.rows != len(v):
                    g = grids[key] = StepGrid(len(v), self.grid_columns)
                g.append(step, v)
        layers = (snap.probe or {}).get("layers") or {}
        for name, tr in layers.items():
            if "forget" not in tr:
                continue
            sat = self.gate_saturation.get(name)
            if sat is None:
                cap = self.layer_capacity
                sat = self.gate_saturation[name] = {k: Series(cap) for k in
                                                    ("forget", "input", "output", "all")}
            fr = [saturated_fraction(tr[g]) for g in ("forget", "input", "output")]
            for g, f in zip(("forget", "input", "output"), fr):
                sat[g].append(step, f)
            sat["all"].append(step, float(np.mean(fr)))

    # -- export -----------------------------------------------------------------------------------
    def rows(self):
        """``(metric, layer, step, value, min, max, n)`` for every stored bucket."""
        def emit(metric, layer, s: Series):
            for x, y, lo, hi, n in zip(s.x, s.y, s.lo, s.hi, s.n):
                yield metric, layer, x, y, lo, hi, int(n)

        yield from emit("train_loss", "", self.train_loss)
        for name, s in self.evals.items():
            yield from emit(name, "", s)
        yield from emit("learning_rate", "", self.learning_rate)
        yield from emit("global_grad_norm", "", self.global_grad_norm)
        for layer, d in self.layers.items():
            for metric, s in d.items():
                yield from emit(metric, layer, s)
        for layer, d in self.gate_saturation.items():
            for gate, s in d.items():
                yield from emit(f"gate_saturation_{gate}", layer, s)

    def to_csv(self, path) -> int:
        """Write every series in long form: ``metric, layer, step, value, min, max, n``.

        ``n`` is how many raw points a row stands for (1 until the history was decimated; then
        ``step`` is their mean step, ``value`` their mean, ``min``/``max`` their range).
        Returns the number of data rows."""
        count = 0
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["metric", "layer", "step", "value", "min", "max", "n"])
            for metric, layer, x, y, lo, hi, n in self.rows():
                w.writerow([metric, layer, _num(x), _num(y), _num(lo), _num(hi), n])
                count += 1
        return count


def _num(v: float) -> str:
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def saturated_fraction(gate: np.ndarray) -> float:
    """Fraction of the values of a sigmoid gate below ``GATE_LOW`` or above ``GATE_HIGH``."""
    g = np.asarray(gate)
    if not g.size:
        return float("nan")
    return float(np.count_nonzero((g < GATE_LOW) | (g > GATE_HIGH)) / g.size)
