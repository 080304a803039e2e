"""The Trainer: mini-batch gradient descent on a compiled project, one step at a time.

Plain Python, no Qt. The CLI calls ``run``; the app's runners (a QThread or a child process)
drive the same object through ``training.loop``. ``snapshot()`` copies out everything the
dashboards draw; it is called at most a few dozen times a second, so the hot path (``step``) stays
a forward pass, a backward pass and one optimiser call.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..data import Dataset, make_dataset
from ..engine.optim import make_optimizer
from ..spec import Project, compile_project
from ..spec.model import DatasetSpec
from .diagnosis import diagnose, locate_bad_update, locate_non_finite
from .snapshot import Diagnosis, LayerStats, Snapshot

GRID = 64  # decision-surface resolution
CURVE_POINTS = 200
TRAIN_EVAL_MAX = 1000  # training samples scored at each evaluation (an estimate, kept cheap)


def load_dataset(spec: DatasetSpec) -> Dataset:
    """The project's data set (raises ``DataError`` with a clear message)."""
    return make_dataset(spec.name, **spec.params)


class Trainer:
    def __init__(self, project: Project, dataset: Dataset | None = None):
        self.project = project.copy()
        self.dataset = dataset if dataset is not None else load_dataset(self.project.dataset)
        self.net = compile_project(self.project, self.dataset)
        tr = self.project.training
        self.budget = int(tr["steps"])
        self.eval_every = int(tr["eval_every"])
        self.batch_size = int(tr["batch_size"])
        self.seed = int(tr["seed"])
        dt = self.net.dtype
        ds = self.dataset
        ydt = np.int64 if ds.kind == "classification" else dt
        self._x, self._y = ds.x_train.astype(dt), ds.y_train.astype(ydt)
        self._xv, self._yv = ds.x_val.astype(dt), ds.y_val.astype(ydt)
        self.opt = make_optimizer(
            tr["optimizer"], self.net, learning_rate=tr["learning_rate"],
            weight_decay=tr["weight_decay"], clip_norm=tr["clip_norm"] or None,
        )
        self._prev = np.empty_like(self.net.param_vector)
        self._finite = np.empty(self.net.param_vector.shape, dtype=bool)
        self.run_id = 0
        #: bumped by hand edits of the weights (``set_param``), so snapshots show them
        self._edits = 0
        self._reset_counters()

    # -- state ------------------------------------------------------------------------------------
    def _reset_counters(self) -> None:
        self.step_count = 0
        self.samples_seen = 0
        self._rng = np.random.default_rng([self.seed, 3])
        self._pos = len(self._x)  # forces a shuffle on the first step
        self._xs = self._ys = None
        self._log_steps: list[int] = []
        self._log_losses: list[float] = []
        self._evals: list[tuple] = []
        self.grad_norms: list[float] = []
        self.last_loss = float("nan")
        self.val_loss = self.train_loss = float("nan")
        self.val_accuracy = self.train_accuracy = None
        self.diverged: Diagnosis | None = None
        self._rate_mark = (time.perf_counter(), 0)
        self.steps_per_second = 0.0
        self._last_text_time = 0.0
        self._last_text = ""
        self._stats_key = None
        self._stats = ()
        self._view_key = None
        self._view_cache: tuple[dict, dict] = ({}, {})
        np.copyto(self._prev, self.net.param_vector)

    @property
    def epoch(self) -> float:
        return self.samples_seen / max(1, len(self._x))

    @property
    def finished(self) -> bool:
        return self.budget > 0 and self.step_count >= self.budget

    # -- live controls ----------------------------------------------------------------------------
    def set_learning_rate(self, lr: float) -> None:
        if not (lr > 0 and math.isfinite(lr)):
            raise ValueError(f"the learning rate must be a positive number, got {lr!r}")
        self.opt.learning_rate = float(lr)
        self.project.training["learning_rate"] = float(lr)

    def set_batch_size(self, n: int) -> None:
        if not (isinstance(n, int) and 1 <= n <= 4096):
            raise ValueError(f"the batch size must be a whole number from 1 to 4096, got {n!r}")
        self.batch_size = n
        self.project.training["batch_size"] = n

    def set_optimizer(self, name: str) -> None:
        old = self.opt
        self.opt = make_optimizer(name, self.net, learning_rate=old.learning_rate,
                                  weight_decay=old.weight_decay, clip_norm=old.clip_norm)
        self.project.training["optimizer"] = name

    def set_dropout(self, rate: float) -> None:
        if not (0.0 <= rate <= 0.95):
            raise ValueError(f"the dropout rate must be from 0 to 0.95, got {rate!r}")
        self.net.set_dropout(rate)
        for n in self.project.nodes:
            if n.type == "Dropout":
                n.params["rate"] = float(rate)

    def set_clip_norm(self, c: float | None) -> None:
        self.opt.clip_norm = c or None
        self.project.training["clip_norm"] = float(c or 0.0)

    def set_param(self, name: str, value) -> None:
        """Overwrite one parameter by name (``"dense1.W"``): a hand edit, shown by the next snapshot."""
        self.net.set_param(name, value)
        self._edits += 1

    def set_weight_decay(self, wd: float) -> None:
        self.opt.weight_decay = float(wd)
        self.project.training["weight_decay"] = float(wd)

    def reset_weights(self, seed: int | None = None) -> None:
        """Fresh random weights (same seed: the same ones), step count and history restart."""
        if seed is not None:
            self.seed = int(seed)
            self.project.training["seed"] = self.seed
        self.net.reset(self.seed)
        self.opt.reset()
        self.run_id += 1
        self._reset_counters()

    # -- training ---------------------------------------------------------------------------------
    def _next_batch(self):
        n, bs = len(self._x), min(self.batch_size, len(self._x))
        if self._pos + bs > n:
            perm = self._rng.permutation(n)
            self._xs, self._ys = self._x[perm], self._y[perm]
            self._pos = 0
        s = self._pos
        self._pos = s + bs
        return self._xs[s:s + bs], self._ys[s:s + bs]

    def step(self) -> float:
        """One mini-batch: forward, loss, backward, update. Returns the batch loss.

        A non-finite loss, gradient or updated weight stops here, within this step:
        ``diverged`` says where it began (``locate_non_finite``) and the weights are restored to
        what they were before this step's update.
        """
        if self.diverged is not None:
            return self.last_loss
        xb, yb = self._next_batch()
        net = self.net
        loss = net.compute_gradients(xb, yb)
        theta = net.param_vector
        np.copyto(self._prev, theta)
        self.opt.step()
        gn = self.opt.last_grad_norm
        self.step_count += 1
        self.samples_seen += len(xb)
        self.last_loss = loss
        self._log_steps.append(self.step_count)
        self._log_losses.append(loss)
        self.grad_norms.append(gn)
        if len(self.grad_norms) > 256:
            del self.grad_norms[:128]
        if not (math.isfinite(loss) and math.isfinite(gn)):
            np.copyto(theta, self._prev)  # the weights this step used, for the diagnosis
            self.diverged = locate_non_finite(net, loss)
            return loss
        np.isfinite(theta, out=self._finite)  # an update can overflow finite weights into inf
        if not self._finite.all():
            self.diverged = locate_bad_update(net)
            np.copyto(theta, self._prev)
            return loss
        if self.step_count % self.eval_every == 0 or self.step_count == self.budget:
            self.evaluate()
        return loss

    def clear_divergence(self) -> None:
        """Allow training to go on after a divergence (e.g. once the learning rate is lower)."""
        self.diverged = None

    def run(self, steps: int, callback=None) -> None:
        """Train ``steps`` steps (or until divergence), calling ``callback(self)`` after evals."""
        with np.errstate(all="ignore"):  # divergence is reported by ``diverged``, not warnings
            for _ in range(int(steps)):
                self.step()
                if self.diverged is not None:
                    break
                if callback is not None and self.step_count % self.eval_every == 0:
                    callback(self)

    def evaluate(self) -> None:
        """Validation loss/accuracy, and the same on (up to 1,000 samples of) the training set."""
        net = self.net
        self.train_loss, self.train_accuracy = net.evaluate(self._x[:TRAIN_EVAL_MAX],
                                                            self._y[:TRAIN_EVAL_MAX])
        if len(self._xv):
            self.val_loss, self.val_accuracy = net.evaluate(self._xv, self._yv)
        nan = float("nan")
        self._evals.append((self.step_count, self.val_loss,
                            nan if self.val_accuracy is None else self.val_accuracy,
                            self.train_loss,
                            nan if self.train_accuracy is None else self.train_accuracy))

    def summary(self) -> dict:
        """The numbers the CLI prints at the end (validation accuracy as ``accuracy``)."""
        if not self._evals or self._evals[-1][0] != self.step_count:
            self.evaluate()
        out = {"steps": self.step_count, "epoch": round(self.epoch, 3),
               "train_loss": self.train_loss, "val_loss": self.val_loss}
        if self.val_accuracy is not None:
            out["accuracy"] = self.val_accuracy
            out["train_accuracy"] = self.train_accuracy
        if self.diverged is not None:
            out["diverged"] = self.diverged.message
        return out

    # -- snapshots --------------------------------------------------------------------------------
    def snapshot(self, state: str = "running", full: bool = True,
                 steps_per_second: float | None = None) -> Snapshot:
        """Copy out the current state.

        ``full=False`` reuses the last data view and probe (they cost a forward pass over a 64x64
        grid; the loop refreshes them at a lower rate than the rest); the view's ``"step"`` says
        when it was computed. ``steps_per_second``: the caller's measured rate (the training
        loop measures running time only); by default the Trainer's own meter.
        """
        if steps_per_second is None:
            now = time.perf_counter()
            t0, s0 = self._rate_mark
            if now - t0 > 0.25:
                rate = (self.step_count - s0) / (now - t0)
                self.steps_per_second = rate if self.steps_per_second == 0 else \
                    0.5 * self.steps_per_second + 0.5 * rate
                self._rate_mark = (now, self.step_count)
        else:
            self.steps_per_second = float(steps_per_second)
        # layer statistics describe the last training batch: forward passes for the view and
        # the probe (below) overwrite the layers' traces, so keep the stats of this step
        key = (self.run_id, self.step_count, self._edits)
        if self._stats_key != key:
            self._stats = tuple(self._layer_stats())
            self._stats_key = key
        layers = self._stats
        warnings = list(diagnose(layers, self.grad_norms))
        if self.diverged is not None:
            warnings.insert(0, self.diverged)
            state = "diverged"
        if full or self._view_key is None or self._view_key[0] != self.run_id:
            if self._view_key != key:
                view = self._view()
                view["step"] = self.step_count
                self._view_cache = (view, self._probe())
                self._view_key = key
        view, probe = self._view_cache
        snap = Snapshot(
            step=self.step_count, epoch=self.epoch, state=state,
            learning_rate=self.opt.learning_rate, batch_size=self.batch_size,
            optimizer=self.opt.name, train_loss=self.train_loss, val_loss=self.val_loss,
            train_accuracy=self.train_accuracy, val_accuracy=self.val_accuracy,
            steps_per_second=self.steps_per_second,
            new_steps=np.array(self._log_steps, dtype=np.int64),
            new_losses=np.array(self._log_losses, dtype=np.float64),
            new_evals=np.array(self._evals, dtype=np.float64).reshape(-1, 5),
            layers=layers, warnings=tuple(warnings), view=view, probe=probe,
            budget=self.budget, global_grad_norm=self.grad_norms[-1] if self.grad_norms else 0.0,
            run_id=self.run_id,
        )
        self._log_steps, self._log_losses, self._evals = [], [], []
        return snap

    def _layer_stats(self):
        net = self.net
        theta, prev, grad = net.param_vector, self._prev, net.grad_vector
        slices = net._slices
        for n in net.nodes:
            layer = n.layer
            keys = [f"{n.name}.{k}" for k in layer.params]
            gsq = usq = psq = 0.0
            for k in keys:
                a, b, _ = slices[k]
                g = grad[a:b]
                d = theta[a:b] - prev[a:b]
                gsq += float(np.dot(g, g))
                usq += float(np.dot(d, d))
                psq += float(np.dot(theta[a:b], theta[a:b]))
            tr = layer.trace
            extra = {}
            act = getattr(layer, "activation", None)
            stats = {}
            a = tr.get("a")
            if act is not None and isinstance(a, np.ndarray):
                extra["activation"] = act.name
                stats = dict(act_mean=float(a.mean()), act_std=float(a.std()),
                             saturated=act.saturated_fraction(tr["z"], a),
                             activations=np.array(a[:1], dtype=np.float32))
            delta = tr.get("delta")
            mask = tr.get("mask") if layer.type_name == "Dropout" else None
            for k in ("dh_norm", "dc_norm"):
                if k in tr:
                    extra[k] = np.array(tr[k], dtype=np.float64)
            if hasattr(layer, "gate_grad_norms"):
                extra["gate_grad_norms"] = dict(layer.gate_grad_norms())
            yield LayerStats(
                name=n.name, type=layer.type_name,
                params={k: v.copy() for k, v in layer.params.items()},
                grad_norm=math.sqrt(gsq), update_ratio=math.sqrt(usq / psq) if psq else 0.0,
                delta_norm=float(np.linalg.norm(delta)) if isinstance(delta, np.ndarray)
                else float("nan"),
                dropout_mask=None if mask is None else np.array(mask[:1] > 0, dtype=bool),
                extra=extra, **stats,
            )

    # -- what the output view draws -----------------------------------------------------------
    def _view(self) -> dict:
        ds, net = self.dataset, self.net
        bounds = ds.meta.get("bounds")
        try:
            if not ds.is_sequence and ds.input_shape == (2,) and bounds:
                (x0, x1), (y0, y1) = bounds
                xs = np.linspace(x0, x1, GRID)
                ys = np.linspace(y0, y1, GRID)
                gx, gy = np.meshgrid(xs, ys)
                pts = np.stack([gx.ravel(), gy.ravel()], axis=1)
                pred = net.predict(pts)
                return {"kind": "surface" if ds.kind == "classification" else "field",
                        "xs": xs, "ys": ys, "pred": pred.reshape(GRID, GRID, -1).astype(np.float32)}
            if not ds.is_sequence and ds.input_shape == (1,) and bounds:
                (x0, x1), = bounds
                x = np.linspace(x0, x1, CURVE_POINTS)
                return {"kind": "curve", "x": x, "y_pred": net.predict(x[:, None])[:, 0].copy()}
            if ds.is_sequence and "vocab" in ds.meta:
                return self._text_view()
            if ds.is_sequence and ds.kind == "regression":
                k = min(len(self._xv), 200) or min(len(self._x), 200)
                src_x, src_y = (self._xv, self._yv) if len(self._xv) else (self._x, self._y)
                pred = net.predict(src_x[:k])
                if ds.per_step:
                    return {"kind": "sequence", "input": src_x[0, :, 0].copy(),
                            "true": np.asarray(src_y[0, :, 0], dtype=np.float64),
                            "pred": np.asarray(pred[0, :, 0], dtype=np.float64)}
                return {"kind": "scatter", "true": np.asarray(src_y[:k, 0], dtype=np.float64),
                        "pred": np.asarray(pred[:, 0], dtype=np.float64)}
        except (ValueError, FloatingPointError):
            pass
        return {"kind": "none"}

    def _text_view(self) -> dict:
        now = time.perf_counter()
        if now - self._last_text_time > 2.0:
            self._last_text_time = now
            self._last_text = self.sample_text(80)
        return {"kind": "text", "sample": self._last_text}

    def sample_text(self, n_chars: int = 80, temperature: float = 0.7) -> str:
        """Generate text one character at a time from the first validation sequence."""
        vocab = self.dataset.meta["vocab"]
        src = self._xv if len(self._xv) else self._x
        window = src[:1].copy()  # (1, T, V)
        rng = np.random.default_rng(self.step_count)
        out = []
        for _ in range(n_chars):
            p = self.net.predict(window)
            p = p[0, -1] if p.ndim == 3 else p[0]
            logits = np.log(np.maximum(p.astype(np.float64), 1e-12)) / temperature
            q = np.exp(logits - logits.max())
            q /= q.sum()
            i = int(rng.choice(len(q), p=q))
            out.append(vocab[i])
            window = np.roll(window, -1, axis=1)
            window[0, -1] = 0
            window[0, -1, i] = 1
        seed_text = "".join(vocab[int(j)] for j in src[0].argmax(axis=-1))
        return seed_text + "|" + "".join(out)

    def probe_input(self) -> np.ndarray | None:
        """The probe sequence (1, T, F): the first validation sample."""
        if not self.dataset.is_sequence:
            return None
        src = self._xv if len(self._xv) else self._x
        return src[:1]

    def _probe(self) -> dict:
        x = self.probe_input()
        if x is None:
            return {}
        try:
            from ..engine.recurrent import probe_network
        except ImportError:
            return {}
        traces = probe_network(self.net, x)
        if not traces:
            return {}
        return {"input": np.array(x[0], dtype=np.float32), "layers": traces}
