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


def locate_non_finite(net) -> Diagnosis:
    """Which layer produced the first NaN/inf: forward values first, then gradients top-down."""
    lr_advice = ("Lower the learning rate (try 10x smaller), turn on gradient clipping, or use "
                 "an initialiser with smaller weights (Xavier / He). The weights were restored "
                 "to the last finite step.")
    for n in net.nodes:
        for key in ("z", "a", "h", "c"):
            arr = n.layer.trace.get(key)
            if isinstance(arr, np.ndarray) and not np.isfinite(arr).all():
                return Diagnosis("nan", f"Training stopped: the values of layer '{n.name}' "
                                        f"became NaN or infinite in the forward pass.",
                                 n.name, lr_advice)
    for n in reversed(net.nodes):
        for k, g in n.layer.grads.items():
            if not np.isfinite(g).all():
                return Diagnosis("nan", f"Training stopped: the gradient of '{n.name}.{k}' "
                                        "became NaN or infinite.", n.name, lr_advice)
    for n in net.nodes:
        for k, p in n.layer.params.items():
            if not np.isfinite(p).all():
                return Diagnosis("nan", f"Training stopped: the weights '{n.name}.{k}' became "
                                        "NaN or infinite after an update.", n.name, lr_advice)
    return Diagnosis("nan", "Training stopped: the loss became NaN or infinite.", None, lr_advice)


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
