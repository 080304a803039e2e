"""Immutable pictures of a training run, the only thing the UI receives from training.

A ``Snapshot`` holds copies (never views of live buffers), so it can cross a thread or a process
boundary and be drawn at leisure while training goes on. It is made of plain dataclasses, tuples,
dicts, numbers and NumPy arrays: picklable for the process runner's queue, which only ever
carries our own objects between our own processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class LayerStats:
    """What one layer looks like at the snapshot's step (all arrays are copies)."""

    name: str
    type: str
    #: {"W": array, "b": array} (recurrent layers: their own parameter names)
    params: dict = field(default_factory=dict)
    #: ||dL/dtheta|| of the layer's parameters on the last batch
    grad_norm: float = 0.0
    #: ||delta theta|| / ||theta|| of the last update: ~1e-3 is healthy
    update_ratio: float = 0.0
    #: ||delta|| = ||dL/dz|| of the last batch (the seed's error term); nan if not applicable
    delta_norm: float = float("nan")
    act_mean: float = float("nan")
    act_std: float = float("nan")
    #: fraction of units saturated (sigmoid/tanh) or dead (ReLU) on the last batch
    saturated: float = float("nan")
    #: per-sample activations of the first few training samples, (k, units), for the neuron view
    activations: np.ndarray | None = None
    #: dropout keep mask of the first few samples (k, units), for the neuron view
    dropout_mask: np.ndarray | None = None
    #: extras for recurrent layers: "dh_norm" (T,), "dc_norm" (T,), "gate_grad_norms" {gate: float}
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Diagnosis:
    """A diagnosis the UI shows: ``kind`` is "nan", "vanishing", "exploding" or "saturation"."""

    kind: str
    message: str
    layer: str | None = None
    advice: str = ""


@dataclass(frozen=True)
class Snapshot:
    step: int
    epoch: float
    #: "running", "paused", "finished", "diverged", "idle"
    state: str
    learning_rate: float
    batch_size: int
    optimizer: str
    train_loss: float
    val_loss: float
    train_accuracy: float | None
    val_accuracy: float | None
    steps_per_second: float
    #: per-step training loss since the previous snapshot: (steps (k,), losses (k,))
    new_steps: np.ndarray
    new_losses: np.ndarray
    #: validation evaluations since the previous snapshot: rows (step, val_loss, val_acc or nan,
    #: train_loss, train_acc or nan)
    new_evals: np.ndarray
    layers: tuple[LayerStats, ...]
    warnings: tuple[Diagnosis, ...] = ()
    #: dataset view: {"kind": "surface", "xs", "ys", "grid" (ny, nx) prob of class 1 or class id,
    #: "probs" (ny, nx, C)} / {"kind": "curve", "x", "y_pred"} / {"kind": "sequence", "true",
    #: "pred"} / {"kind": "text", "sample"} / {"kind": "none"}
    view: dict = field(default_factory=dict)
    #: LSTM / RNN traces on the probe sequence: {layer: {"forget": (u, T), ...}} and "input" (T, F)
    probe: dict = field(default_factory=dict)
    #: steps in the budget (0 = no budget)
    budget: int = 0
    #: changes when weights are reset: dashboards start a new curve
    run_id: int = 0
    global_grad_norm: float = 0.0

    def layer(self, name: str) -> LayerStats:
        for l in self.layers:
            if l.name == name:
                return l
        raise KeyError(name)
