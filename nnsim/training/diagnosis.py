"""Telling the user, in words, when training goes wrong (the seed's 梯度消失 / 梯度爆炸).

- Non-finite loss or gradients: ``locate_non_finite`` names the layer where it started.
- Vanishing: a layer's gradient norm orders of magnitude below the top layer's.
- Exploding: the gradient norm growing step over step by orders of magnitude.
- Saturation: most units of a sigmoid/tanh layer stuck where the derivative is ~0.
"""

from __future__ import annotations

import math

import numpy as np

from .snapshot import Diagnosis, LayerStats

#: A layer whose gradient norm is this many times below the top layer's is "vanishing".
VANISHING_RATIO = 1e-3
#: Growth of the gradient norm, within the recent window, that counts as "exploding".
EXPLODING_GROWTH = 100.0
EXPLODING_MIN_NORM = 10.0
SATURATION_LIMIT = 0.9


#: what a layer's trace holds from the forward pass, and from the backward pass
FORWARD_TRACES = ("z", "a", "h", "c", "gates", "tanh_c")
BACKWARD_TRACES = ("delta", "dz", "dh_norm", "dc_norm")

NAN_ADVICE = ("Lower the learning rate (try 10x smaller), turn on gradient clipping, or use an "
              "initialiser with smaller weights (Xavier / He). The weights were restored to what "
              "they were before the failing step.")


def _bad(arr) -> bool:
    return isinstance(arr, np.ndarray) and arr.dtype.kind in "fc" and not np.isfinite(arr).all()


def _first_bad(arrays: dict, keys) -> str | None:
    for key in keys:
        if _bad(arrays.get(key)):
            return key
    return None


def locate_non_finite(net, loss: float | None = None) -> Diagnosis:
    """Where the first NaN/inf of the last training step came from, in the order it was made.

    Call it right after the failing step, with the weights that step used back in place (not
    the updated ones) and before any other forward pass (which would overwrite the layers'
    traces). In order: the forward pass, layer by layer from the input (naming non-finite
    weights going in, e.g. a hand edit); the loss; the backward pass, from the output down; the
    gradient norm overflowing although every gradient is finite. ``locate_bad_update`` covers
    a finite step whose update overflowed.
    """
    nodes = list(net.nodes)
    for n in nodes:
        key = _first_bad(n.layer.trace, FORWARD_TRACES)
        if key is not None:
            bad_w = [k for k, g in n.layer.params.items() if _bad(g)]
            if bad_w:
                return Diagnosis("nan", f"Training stopped: the weights '{n.name}.{bad_w[0]}' "
                                        "are NaN or infinite, so layer "
                                        f"'{n.name}' computes NaN.", n.name,
                                 "Reset the weights, or set that weight to a finite value.")
            return Diagnosis("nan", f"Training stopped: the values of layer '{n.name}' became "
                                    "NaN or infinite in the forward pass (they grew too large "
                                    "to represent).", n.name, NAN_ADVICE)
    if loss is not None and not np.isfinite(loss):
        return Diagnosis("nan", "Training stopped: the loss became NaN or infinite although the "
                                "network's outputs are finite (check the targets of the data "
                                "set).", None, NAN_ADVICE)
    for n in reversed(nodes):
        key = _first_bad(n.layer.trace, BACKWARD_TRACES)
        grads = [k for k, g in n.layer.grads.items() if _bad(g)]
        if key is not None or grads:
            what = f"the gradient of '{n.name}.{grads[0]}'" if grads else \
                f"the error term of layer '{n.name}'"
            return Diagnosis("nan", f"Training stopped: {what} became NaN or infinite in the "
                                    "backward pass.", n.name, NAN_ADVICE)
    # every gradient finite: the norm overflowed (float32 tops out near 3e38)
    biggest, big_name = -1.0, None
    for n in nodes:
        for g in n.layer.grads.values():
            m = float(np.max(np.abs(g))) if g.size else 0.0
            if m > biggest:
                biggest, big_name = m, n.name
    if big_name is not None and biggest > 1e15:
        return Diagnosis("nan", f"Training stopped: the gradients are too large to measure "
                                f"(largest {biggest:.3g}, in layer '{big_name}'): they exploded.",
                         big_name, NAN_ADVICE)
    return Diagnosis("nan", "Training stopped: the loss became NaN or infinite.", None,
                     NAN_ADVICE)


def locate_bad_update(net) -> Diagnosis:
    """The update of a finite step overflowed some weights: name the first such layer.

    Call it before restoring the weights."""
    for n in net.nodes:
        bad_w = [k for k, p in n.layer.params.items() if _bad(p)]
        if bad_w:
            return Diagnosis("nan", f"Training stopped: the update made the weights "
                                    f"'{n.name}.{bad_w[0]}' NaN or infinite (the step was too "
                                    "large).", n.name, NAN_ADVICE)
    return Diagnosis("nan", "Training stopped: an update made the weights NaN or infinite.",
                     None, NAN_ADVICE)


def diagnose(layers: tuple[LayerStats, ...], grad_norm_history: list[float]) -> list[Diagnosis]:
    out: list[Diagnosis] = []
    weighted = [l for l in layers if l.params]
    if len(weighted) >= 2:
        top = weighted[-1]
        if top.grad_norm > 0:
            low = [l for l in weighted[:-1] if l.grad_norm < VANISHING_RATIO * top.grad_norm]
            if low:
                worst = min(low, key=lambda l: l.grad_norm)
                ratio = worst.grad_norm / top.grad_norm if top.grad_norm else 0.0
                orders = -math.log10(ratio) if ratio > 0 else float("inf")
                out.append(Diagnosis(
                    "vanishing",
                    f"Vanishing gradients: '{worst.name}' gets a gradient {orders:.0f} orders of "
                    f"magnitude smaller than '{top.name}', so it barely learns.",
                    worst.name,
                    "Use ReLU activations with He initialisation, fewer layers, or a skip "
                    "connection (Add).",
                ))
    h = [x for x in grad_norm_history[-60:] if math.isfinite(x) and x > 0]
    if len(h) >= 20:
        early = float(np.median(h[:10]))
        late = float(np.median(h[-5:]))
        if late > EXPLODING_MIN_NORM and late > EXPLODING_GROWTH * early:
            out.append(Diagnosis(
                "exploding",
                f"Exploding gradients: the gradient norm grew from {early:.3g} to {late:.3g} "
                f"within the last {len(h)} steps.",
                None,
                "Lower the learning rate or turn on gradient clipping (e.g. clip norm 1).",
            ))
    for l in layers:
        if l.type in ("Dense", "Activation") and l.saturated == l.saturated \
                and l.saturated > SATURATION_LIMIT and l.extra.get("activation") in ("sigmoid",
                                                                                    "tanh"):
            out.append(Diagnosis(
                "saturation",
                f"'{l.name}': {l.saturated:.0%} of its {l.extra['activation']} units are "
                "saturated (derivative near 0): their gradients vanish.",
                l.name,
                "Use smaller initial weights (Xavier), normalised inputs, or ReLU.",
            ))
    return out
