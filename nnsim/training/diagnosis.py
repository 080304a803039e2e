"""Telling the user, in words, when training goes wrong (the seed's 梯度消失 / 梯度爆炸).

- Non-finite loss or gradients: ``locate_non_finite`` names the layer where it started.
- Vanishing: a layer's gradient norm orders of magnitude below the top layer's.
- Exploding: the gradient norm growing step over step by orders of magnitude.
- Saturation: most units of a sigmoid/tanh layer stuck where the derivative is ~0.

Messages and advice are English; their templates are marked ``QT_TRANSLATE_NOOP("Diagnosis",
...)`` and ``translate_message`` gives a message in the UI's language (it finds the template a
message was made from and puts the message's values into the translated template), so the
``Diagnosis`` a trainer sends stays plain data.
"""

from __future__ import annotations

import math
import re

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



def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation without needing Qt here."""
    return text


#: the translation context of the messages (a literal in each call: lupdate needs it)
CONTEXT = "Diagnosis"

NAN_ADVICE = QT_TRANSLATE_NOOP("Diagnosis", "Lower the learning rate (try 10x smaller), turn on "
                                            "gradient clipping, or use an initialiser with "
                                            "smaller weights (Xavier / He). The weights were "
                                            "restored to what they were before the failing step.")
_NAN_WEIGHTS = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the weights '{name}.{param}' are "
                                              "NaN or infinite, so layer '{name}' computes NaN.")
_NAN_WEIGHTS_ADVICE = QT_TRANSLATE_NOOP("Diagnosis", "Reset the weights, or set that weight to a "
                                                     "finite value.")
_NAN_FORWARD = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the values of layer '{name}' "
                                              "became NaN or infinite in the forward pass (they "
                                              "grew too large to represent).")
_NAN_LOSS = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the loss became NaN or infinite "
                                           "although the network's outputs are finite (check the "
                                           "targets of the data set).")
_NAN_GRADIENT = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the gradient of "
                                               "'{name}.{param}' became NaN or infinite in the "
                                               "backward pass.")
_NAN_DELTA = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the error term of layer '{name}' "
                                            "became NaN or infinite in the backward pass.")
_NAN_NORM = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the gradients are too large to "
                                           "measure (largest {largest}, in layer '{name}'): they "
                                           "exploded.")
_NAN_ANY = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the loss became NaN or infinite.")
_NAN_UPDATE = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: the update made the weights "
                                             "'{name}.{param}' NaN or infinite (the step was too "
                                             "large).")
_NAN_UPDATE_ANY = QT_TRANSLATE_NOOP("Diagnosis", "Training stopped: an update made the weights "
                                                 "NaN or infinite.")
_VANISHING = QT_TRANSLATE_NOOP("Diagnosis", "Vanishing gradients: '{name}' gets a gradient "
                                            "{orders} orders of magnitude smaller than '{top}', so "
                                            "it barely learns.")
_VANISHING_ADVICE = QT_TRANSLATE_NOOP("Diagnosis", "Use ReLU activations with He initialisation, "
                                                   "fewer layers, or a skip connection (Add).")
_EXPLODING = QT_TRANSLATE_NOOP("Diagnosis", "Exploding gradients: the gradient norm grew from "
                                            "{early} to {late} within the last {steps} steps.")
_EXPLODING_ADVICE = QT_TRANSLATE_NOOP("Diagnosis", "Lower the learning rate or turn on gradient "
                                                   "clipping (e.g. clip norm 1).")
_SATURATION = QT_TRANSLATE_NOOP("Diagnosis", "'{name}': {share} of its {activation} units are "
                                             "saturated (derivative near 0): their gradients "
                                             "vanish.")
_SATURATION_ADVICE = QT_TRANSLATE_NOOP("Diagnosis", "Use smaller initial weights (Xavier), "
                                                    "normalised inputs, or ReLU.")

#: every template a message or an advice is made from, most specific first
TEMPLATES = (NAN_ADVICE, _NAN_WEIGHTS, _NAN_WEIGHTS_ADVICE, _NAN_FORWARD, _NAN_LOSS,
             _NAN_GRADIENT, _NAN_DELTA, _NAN_NORM, _NAN_ANY, _NAN_UPDATE, _NAN_UPDATE_ANY,
             _VANISHING, _VANISHING_ADVICE, _EXPLODING, _EXPLODING_ADVICE, _SATURATION,
             _SATURATION_ADVICE)
_FIELD = re.compile(r"\{(\w+)\}")


def _pattern(template: str) -> re.Pattern:
    parts, seen, pos = [], set(), 0
    for m in _FIELD.finditer(template):
        parts.append(re.escape(template[pos:m.start()]))
        name = m.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS = [(t, _pattern(t)) for t in TEMPLATES]


def translate_message(text: str, translate) -> str:
    """``text`` (a ``Diagnosis``'s ``message`` or ``advice``) translated with
    ``translate(context, source)`` (``QCoreApplication.translate``); unknown text, or a
    translation that does not fit, comes back as it is."""
    for template, pattern in _PATTERNS:
        m = pattern.fullmatch(text)
        if m is None:
            continue
        try:
            return translate(CONTEXT, template).format(**m.groupdict())
        except (KeyError, IndexError, ValueError):
            return text
    return text


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
                return Diagnosis("nan", _NAN_WEIGHTS.format(name=n.name, param=bad_w[0]),
                                 n.name, _NAN_WEIGHTS_ADVICE)
            return Diagnosis("nan", _NAN_FORWARD.format(name=n.name), n.name, NAN_ADVICE)
    if loss is not None and not np.isfinite(loss):
        return Diagnosis("nan", _NAN_LOSS, None, NAN_ADVICE)
    for n in reversed(nodes):
        key = _first_bad(n.layer.trace, BACKWARD_TRACES)
        grads = [k for k, g in n.layer.grads.items() if _bad(g)]
        if key is not None or grads:
            message = _NAN_GRADIENT.format(name=n.name, param=grads[0]) if grads else \
                _NAN_DELTA.format(name=n.name)
            return Diagnosis("nan", message, n.name, NAN_ADVICE)
    # every gradient finite: the norm overflowed (float32 tops out near 3e38)
    biggest, big_name = -1.0, None
    for n in nodes:
        for g in n.layer.grads.values():
            m = float(np.max(np.abs(g))) if g.size else 0.0
            if m > biggest:
                biggest, big_name = m, n.name
    if big_name is not None and biggest > 1e15:
        return Diagnosis("nan", _NAN_NORM.format(largest=f"{biggest:.3g}", name=big_name),
                         big_name, NAN_ADVICE)
    return Diagnosis("nan", _NAN_ANY, None, NAN_ADVICE)


def locate_bad_update(net) -> Diagnosis:
    """The update of a finite step overflowed some weights: name the first such layer.

    Call it before restoring the weights."""
    for n in net.nodes:
        bad_w = [k for k, p in n.layer.params.items() if _bad(p)]
        if bad_w:
            return Diagnosis("nan", _NAN_UPDATE.format(name=n.name, param=bad_w[0]), n.name,
                             NAN_ADVICE)
    return Diagnosis("nan", _NAN_UPDATE_ANY, None, NAN_ADVICE)


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
                    _VANISHING.format(name=worst.name, orders=f"{orders:.0f}", top=top.name),
                    worst.name,
                    _VANISHING_ADVICE,
                ))
    h = [x for x in grad_norm_history[-60:] if math.isfinite(x) and x > 0]
    if len(h) >= 20:
        early = float(np.median(h[:10]))
        late = float(np.median(h[-5:]))
        if late > EXPLODING_MIN_NORM and late > EXPLODING_GROWTH * early:
            out.append(Diagnosis(
                "exploding",
                _EXPLODING.format(early=f"{early:.3g}", late=f"{late:.3g}", steps=len(h)),
                None,
                _EXPLODING_ADVICE,
            ))
    for l in layers:
        if l.type in ("Dense", "Activation") and l.saturated == l.saturated \
                and l.saturated > SATURATION_LIMIT and l.extra.get("activation") in ("sigmoid",
                                                                                    "tanh"):
            out.append(Diagnosis(
                "saturation",
                _SATURATION.format(name=l.name, share=f"{l.saturated:.0%}",
                                   activation=l.extra["activation"]),
                l.name,
                _SATURATION_ADVICE,
            ))
    return out
