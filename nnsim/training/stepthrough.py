"""Backpropagation, one stage at a time, with the user's own network and numbers.

``StepThrough(project, dataset, weights)`` takes a copy of the network (in float64, with the
weights of the moment, e.g. from the newest ``Snapshot``), pushes one sample (or one mini-batch)
through it and lays out what the seed notes describe, as a list of ``Stage``s:

1. forward, layer by layer: ``z_k = W_k a_{k-1} + b_k`` and ``a_k = f_k(z_k)``;
2. the loss ``L(y, y_hat)``;
3. backward, from the top: the error term
   ``delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k)``, with both factors shown;
   for recurrent layers, then back through time: ``||dL/dh_t||`` step by step (and the forget
   gate that lets it survive, for an LSTM);
4. the update: ``dL/dW_k = a_{k-1}^T delta_k``, ``dL/db_k = delta_k`` and the gradient-descent
   change ``-lr * dL/dW_k``.

Every number comes from the engine's own forward and backward pass; nothing is recomputed by a
second implementation except the two factors of delta, shown so the formula can be checked by eye.
The training run is not touched: this works on a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..spec import compile_project
from ..spec.model import Project

PHASES = ("forward", "loss", "backward", "through_time", "update")


@dataclass(frozen=True)
class Stage:
    phase: str
    #: the node to highlight on the canvas (None for the loss)
    layer: str | None
    title: str
    formula: str
    #: named arrays for this stage: one row per sample, e.g. {"z": (batch, units)}
    values: dict = field(default_factory=dict)
    #: Frobenius norms of the arrays, for layers too large to show number by number
    norms: dict = field(default_factory=dict)
    note: str = ""
    #: time step, for the through-time stages
    t: int | None = None


def _norms(values: dict) -> dict:
    return {k: float(np.linalg.norm(v)) for k, v in values.items() if isinstance(v, np.ndarray)}


def _stage(phase, layer, title, formula, values, note="", t=None) -> Stage:
    values = {k: np.array(v, dtype=np.float64, copy=True) for k, v in values.items()}
    return Stage(phase, layer, title, formula, values, _norms(values), note, t)


class StepThrough:
    """The stages of one forward/backward/update pass; ``next()``/``prev()`` walk them."""

    def __init__(self, project: Project, dataset, weights: dict | None = None,
                 sample: int = 0, batch: int = 1, learning_rate: float | None = None,
                 optimizer: str | None = None):
        p = project.copy()
        p.training["dtype"] = "float64"
        p.weights = None
        self.net = net = compile_project(p, dataset)
        if weights:
            net.load_state_dict({k: np.asarray(v, dtype=np.float64) for k, v in weights.items()
                                 if k in net._slices})
        n = len(dataset.x_train)
        sample = int(sample) % n
        batch = max(1, min(int(batch), n - sample))
        self.sample, self.batch = sample, batch
        self.x = np.asarray(dataset.x_train[sample:sample + batch], dtype=np.float64)
        self.y = dataset.y_train[sample:sample + batch]
        self.learning_rate = float(learning_rate if learning_rate is not None
                                   else project.training["learning_rate"])
        self.optimizer = optimizer or project.training["optimizer"]
        self.stages = self._run()
        self.index = 0

    # -- walking --------------------------------------------------------------------------------
    @property
    def current(self) -> Stage:
        return self.stages[self.index]

    def next(self) -> Stage:
        self.index = min(self.index + 1, len(self.stages) - 1)
        return self.current

    def prev(self) -> Stage:
        self.index = max(self.index - 1, 0)
        return self.current

    def go(self, index: int) -> Stage:
        self.index = max(0, min(int(index), len(self.stages) - 1))
        return self.current

    def first_of(self, phase: str) -> int:
        """Index of the first stage of ``phase`` (-1 if the network has none)."""
        return next((i for i, s in enumerate(self.stages) if s.phase == phase), -1)

    # -- the pass ------------------------------------------------------------------------------
    def _run(self) -> list[Stage]:
        net = self.net
        # forward in prediction mode: dropout is the identity here, so the numbers are stable
        out = net.forward(self.x, training=False)
        stages: list[Stage] = []
        a_prev = {net.input_name: self.x}
        for node in net.nodes:
            layer, tr = node.layer, node.layer.trace
            kind = layer.type_name
            if kind == "Dense":
                stages.append(_stage(
                    "forward", node.name, f"Forward through '{node.name}'",
                    f"z = a_prev W + b,   a = {layer.activation.name}(z)",
                    {"a_prev": a_prev[node.inputs[0]], "z": tr["z"], "a": tr["a"]}))
            else:
                stages.append(_stage(
                    "forward", node.name, f"Forward through '{node.name}' ({kind})",
                    _FORWARD_FORMULA.get(kind, "y = f(x)"),
                    {"output": net._values[net._index[node.name]]}))
            a_prev[node.name] = net._values[net._index[node.name]]
        loss = net.loss.forward(out, self.y)
        dout = net.loss.backward()
        y_hat = net.loss.predict(out)
        stages.append(_stage(
            "loss", None, f"Loss: {net.loss.name} = {loss:.6g}", net.loss.formula,
            {"y_hat": y_hat, "y": _targets(self.y, y_hat), "dL/d(output)": dout},
            note=_LOSS_NOTE.get(net.loss.name, "")))
        self.loss = loss

        # backward: the engine's own pass, recording what reaches each layer (dL/da)
        upstream = self._backward(dout)
        next_dense: dict[str, str] = {}
        for node in reversed(net.nodes):
            layer, tr = node.layer, node.layer.trace
            g = upstream.get(node.name)
            if g is None:
                continue
            if layer.type_name == "Dense":
                fprime = _derivative(layer)
                values = {"dL/da": g.reshape(tr["delta"].shape), "delta": tr["delta"]}
                if fprime is not None:
                    values["f'(z)"] = fprime
                consumer = _single_dense_consumer(net, node.name)
                if consumer is not None:
                    formula = (f"delta_{node.name} = (W_{consumer}^T delta_{consumer}) * "
                               f"{layer.activation.name}'(z)")
                    note = (f"dL/da = W_{consumer}^T delta_{consumer}: the error of the layer "
                            "above, sent back through its weights.")
                elif node.name == net.output:
                    formula = "delta = dL/dz, straight from the loss"
                    note = _LOSS_NOTE.get(net.loss.name, "")
                else:
                    formula = f"delta_{node.name} = dL/da * {layer.activation.name}'(z)"
                    note = "dL/da sums what every layer fed by this one sends back."
                stages.append(_stage("backward", node.name,
                                     f"Error term of '{node.name}'", formula, values, note))
            else:
                stages.append(_stage("backward", node.name,
                                     f"Gradient through '{node.name}' ({layer.type_name})",
                                     "dL/dx = dL/dy * dy/dx", {"dL/dy": g}))
                if layer.type_name in ("SimpleRNN", "LSTM"):
                    stages.extend(self._through_time(node.name, layer))
        # update
        lr = self.learning_rate
        for node in net.nodes:
            layer = node.layer
            if not layer.params:
                continue
            values = {}
            for k in layer.params:
                values[f"dL/d{k}"] = layer.grads[k]
                values[f"change {k}"] = -lr * layer.grads[k]
            note = ("" if self.optimizer == "sgd" else
                    f"Your optimiser ({self.optimizer}) rescales each weight's step; shown is "
                    "the plain gradient-descent step -lr * dL/dW.")
            formula = ("dL/dW = a_prev^T delta,  dL/db = sum(delta),  W <- W - lr dL/dW"
                       if layer.type_name == "Dense" else "theta <- theta - lr dL/dtheta")
            stages.append(_stage("update", node.name, f"Update of '{node.name}' (lr = {lr:g})",
                                 formula, values, note))
        return stages

    def _backward(self, dout) -> dict[str, np.ndarray]:
        """Network.backward, keeping the gradient that reaches each layer's output."""
        net = self.net
        douts: list = [None] * len(net._values)
        douts[net._out_index] = dout
        upstream = {}
        for pos in range(len(net._plan), 0, -1):
            dy = douts[pos]
            if dy is None:
                continue
            layer, idx = net._plan[pos - 1]
            upstream[net.nodes[pos - 1].name] = np.array(dy, copy=True)
            for i, dx in zip(idx, layer._bwd(dy)):
                if i == 0 or dx is None:
                    continue
                douts[i] = dx if douts[i] is None else douts[i] + dx
        return upstream

    def _through_time(self, name, layer) -> list[Stage]:
        tr = layer.trace
        dh = np.asarray(tr.get("dh_norm", []), dtype=np.float64)
        dc = tr.get("dc_norm")
        T = len(dh)
        out = []
        for t in range(T - 1, -1, -1):
            values = {"||dL/dh_t||": np.array([dh[t]])}
            if layer.type_name == "LSTM":
                values["forget gate f_t"] = layer.gate_trace("forget")[:, t]
                values["||dL/dC_t||"] = np.array([dc[t]])
                formula = ("dL/dC_{t-1} = dL/dC_t * f_t + ...: the forget gate decides how much "
                           "of the gradient survives one step back")
            else:
                values["tanh'(z_t)"] = 1.0 - tr["h"][:, t] ** 2
                formula = "dL/dh_{t-1} = (dL/dh_t * tanh'(z_t)) W_h^T: shrinks when |W_h| < 1"
            ratio = dh[t] / dh[-1] if dh[-1] else float("nan")
            out.append(_stage("through_time", name, f"'{name}' at time step {t}", formula, values,
                              note=f"||dL/dh_{t}|| is {ratio:.3g} times the last step's.", t=t))
        return out


_FORWARD_FORMULA = {
    "Activation": "a = f(z)",
    "Dropout": "y = x at prediction (dropout only acts during training)",
    "Add": "y = x_1 + x_2 + ...",
    "Concatenate": "y = [x_1, x_2, ...]",
    "SimpleRNN": "h_t = tanh(x_t W_x + h_{t-1} W_h + b)",
    "LSTM": "C_t = f_t C_{t-1} + i_t C~_t,   h_t = o_t tanh(C_t)",
}

_LOSS_NOTE = {
    "cross_entropy": "For softmax with cross-entropy, dL/dz = (y_hat - y) / n: the error is "
                     "simply the predicted probabilities minus the one-hot truth.",
    "bce": "For sigmoid with binary cross-entropy, dL/dz = (y_hat - y) / n.",
    "mse": "For mean squared error, dL/dy_hat = 2 (y_hat - y) / n.",
}


def _targets(y, y_hat):
    """Targets in the shape of the prediction (one-hot for classes)."""
    y = np.asarray(y)
    if y.shape == y_hat.shape:
        return y
    if y_hat.shape[-1] == 1:  # bce
        return y.reshape(y_hat.shape)
    onehot = np.zeros(y_hat.shape)
    np.put_along_axis(onehot.reshape(-1, y_hat.shape[-1]), y.reshape(-1, 1).astype(int), 1.0,
                      axis=1)
    return onehot


def _derivative(layer) -> np.ndarray | None:
    """f'(z) element by element (None for softmax, whose derivative is a matrix)."""
    act = layer.activation
    if act.name == "softmax":
        return None
    z, a = layer.trace["z"], layer.trace["a"]
    out = np.empty_like(z)
    return act.backward(np.ones_like(z), z, a, out)


def _single_dense_consumer(net, name: str) -> str | None:
    """The one Dense layer fed by ``name``, if that is all it feeds (a plain chain)."""
    consumers = [n for n in net.nodes if name in n.inputs]
    if len(consumers) == 1 and consumers[0].layer.type_name == "Dense":
        return consumers[0].name
    return None
