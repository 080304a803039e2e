"""Guided lessons: each is one or more example projects, the dashboards to open, what to try,
what to watch, and the effect it promises, measured by ``run_lesson`` exactly as shipped.

Qt-free. Texts are marked with ``QT_TRANSLATE_NOOP`` for Qt Linguist; the UI translates them.
The measured claim is code (a function per lesson), never evaluated text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable

from ..paths import resource_path
from ..spec import load_project
from .trainer import Trainer


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


#: the translation context of every string here (a literal in each call: lupdate needs it)
C = "Lessons"


@dataclass(frozen=True)
class LessonResult:
    ok: bool
    #: the measured numbers, by name
    figures: dict
    #: one sentence: what was measured against what was promised
    summary: str


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    #: example projects (file stems in resources/examples), opened first to last
    projects: tuple[str, ...]
    #: dashboard panels to show, by panel id
    panels: tuple[str, ...]
    intro: str
    try_: tuple[str, ...]
    watch: tuple[str, ...]
    #: steps each project trains for when the effect is measured
    budget: int
    claim: str
    measure: Callable[[dict], LessonResult] = field(repr=False, compare=False)

    def project_paths(self):
        return [resource_path("examples", f"{name}.json") for name in self.projects]


def train_projects(lesson: Lesson, budget: int | None = None,
                   cache: dict | None = None) -> dict[str, Trainer]:
    """Train every project of the lesson headless for its budget; {name: trainer}.

    ``cache`` ({(name, steps): trainer}) lets lessons that share a project train it once.
    """
    out = {}
    steps = lesson.budget if budget is None else budget
    for name, path in zip(lesson.projects, lesson.project_paths()):
        if cache is not None and (name, steps) in cache:
            out[name] = cache[(name, steps)]
            continue
        trainer = Trainer(load_project(path))
        trainer.initial_loss = trainer.net.evaluate(trainer._x, trainer._y)[0]
        trainer.run(steps)
        trainer.evaluate()
        out[name] = trainer
        if cache is not None:
            cache[(name, steps)] = trainer
    return out


def run_lesson(lesson: Lesson, cache: dict | None = None) -> LessonResult:
    """Train the lesson's projects as shipped and measure the promised effect."""
    return lesson.measure(train_projects(lesson, cache=cache))


def _grad_ratio(trainer: Trainer) -> float:
    """First layer's gradient norm over the last layer's (the vanishing-gradient figure)."""
    layers = [l for l in trainer.snapshot(full=False).layers if l.params]
    return layers[0].grad_norm / layers[-1].grad_norm if layers[-1].grad_norm else 0.0


def _xor(tr):
    lin, hid = tr["xor_linear"].val_accuracy, tr["xor"].val_accuracy
    ok = lin <= 0.8 and hid == 1.0
    return LessonResult(ok, {"accuracy without hidden layer": lin, "accuracy with it": hid},
                        f"Without a hidden layer: {lin:.0%} validation accuracy; with 4 tanh "
                        f"units: {hid:.0%}.")


def _activations(tr):
    loss = {k.split("_", 1)[1]: t.train_loss for k, t in tr.items()}
    best = min(loss["tanh"], loss["relu"])
    ok = loss["sigmoid"] > 5 * best
    return LessonResult(ok, {f"train loss {k}": v for k, v in loss.items()},
                        "Training loss after the same budget: " + ", ".join(
                            f"{k} {v:.3g}" for k, v in loss.items()) + ".")


def _vanishing(tr):
    sig, relu = _grad_ratio(tr["deep_sigmoid"]), _grad_ratio(tr["deep_relu"])
    ok = sig < 1e-3 and relu > 1e-2
    return LessonResult(ok, {"first/last gradient, sigmoid": sig, "first/last gradient, relu": relu},
                        f"First layer's gradient relative to the last: sigmoid {sig:.1e}, "
                        f"ReLU + He {relu:.2g}.")


def _exploding(tr):
    wild, clipped = tr["exploding"], tr["exploding_clipped"]
    blew = wild.diverged is not None or max(wild.grad_norms or [0]) > 1e6
    tamed = clipped.diverged is None and clipped.train_loss < 0.1 * clipped.initial_loss
    return LessonResult(blew and tamed, {
        "diverged without clipping": wild.diverged is not None,
        "loss with clipping, start": clipped.initial_loss,
        "loss with clipping, end": clipped.train_loss},
        f"Without clipping: {'stopped by NaN/overflow at step ' + str(wild.step_count) if wild.diverged else 'survived'}; "
        f"with clipping the loss fell from {clipped.initial_loss:.3g} to {clipped.train_loss:.3g}.")


def _overfitting(tr):
    plain, drop = tr["overfit"], tr["overfit_dropout"]
    gap_plain = plain.val_loss - plain.train_loss
    gap_drop = drop.val_loss - drop.train_loss
    ok = drop.val_loss < plain.val_loss and gap_drop < gap_plain
    return LessonResult(ok, {"val loss without dropout": plain.val_loss,
                             "val loss with dropout": drop.val_loss,
                             "gap without": gap_plain, "gap with": gap_drop},
                        f"Validation loss {plain.val_loss:.3g} without dropout, "
                        f"{drop.val_loss:.3g} with it; the train/validation gap shrinks from "
                        f"{gap_plain:.3g} to {gap_drop:.3g}.")


def _rnn_lstm(tr):
    rnn, lstm = tr["adding_rnn"], tr["adding_lstm"]
    base = rnn.dataset.meta.get("baseline", 1 / 6)
    ok = rnn.val_loss > 0.8 * base and lstm.val_loss < 0.25 * base
    return LessonResult(ok, {"baseline mse": base, "rnn val mse": rnn.val_loss,
                             "lstm val mse": lstm.val_loss},
                        f"Adding problem, lag 100: the simple RNN ends at MSE "
                        f"{rnn.val_loss:.3g} (the trivial baseline is {base:.3g}); the LSTM "
                        f"reaches {lstm.val_loss:.3g}.")


def _forget_gate(tr):
    with_bias, without = tr["adding_lstm"], tr["lstm_no_forget_bias"]
    probe = with_bias.snapshot().probe
    forget = next(iter(probe["layers"].values()))["forget"]
    mean_f = float(forget.mean())
    ok = mean_f > 0.6 and with_bias.val_loss < without.val_loss
    return LessonResult(ok, {"mean forget gate (bias 1)": mean_f,
                             "val mse, forget bias 1": with_bias.val_loss,
                             "val mse, forget bias 0": without.val_loss},
                        f"Trained with forget bias 1, the forget gate stays open (mean "
                        f"{mean_f:.2f}) and the MSE reaches {with_bias.val_loss:.3g}; with bias "
                        f"0 it reaches {without.val_loss:.3g} in the same steps.")


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        "xor", QT_TRANSLATE_NOOP("Lessons", "XOR needs a hidden layer"),
        ("xor_linear", "xor"), ("output", "loss"),
        QT_TRANSLATE_NOOP("Lessons", "XOR puts class 1 in two opposite quadrants. One layer "
                                     "draws one straight line, which cannot separate them."),
        (QT_TRANSLATE_NOOP("Lessons", "Train 'XOR without a hidden layer' and watch the accuracy "
                                      "stall near 50-75%."),
         QT_TRANSLATE_NOOP("Lessons", "Open 'XOR': a hidden layer of 4 tanh units. Train it.")),
        (QT_TRANSLATE_NOOP("Lessons", "The decision surface: a straight edge, then a bent one."),),
        1500, QT_TRANSLATE_NOOP("Lessons", "Without a hidden layer accuracy stays at most 80%; "
                                           "with one it reaches 100%."),
        _xor),
    Lesson(
        "activations", QT_TRANSLATE_NOOP("Lessons", "Activation functions compared"),
        ("activation_sigmoid", "activation_tanh", "activation_relu"), ("loss", "output"),
        QT_TRANSLATE_NOOP("Lessons", "The same network, data, seed and optimiser with sigmoid, "
                                     "tanh or ReLU."),
        (QT_TRANSLATE_NOOP("Lessons", "Train each and compare the loss curves (Compare runs "
                                      "overlays them)."),),
        (QT_TRANSLATE_NOOP("Lessons", "Sigmoid barely moves: its derivative is at most 1/4 and "
                                      "its output is not centred at 0."),),
        800, QT_TRANSLATE_NOOP("Lessons", "After 800 steps the sigmoid net's loss is more than "
                                          "5x that of tanh or ReLU."),
        _activations),
    Lesson(
        "vanishing", QT_TRANSLATE_NOOP("Lessons", "Vanishing gradients and the cure"),
        ("deep_sigmoid", "deep_relu"),
        ("gradients", "loss"),
        QT_TRANSLATE_NOOP("Lessons", "Backprop multiplies the error term by W^T and f'(z) at "
                                     "every layer. With sigmoid (f' <= 1/4) eight layers shrink "
                                     "it by orders of magnitude."),
        (QT_TRANSLATE_NOOP("Lessons", "Train the deep sigmoid net; open Gradient health."),
         QT_TRANSLATE_NOOP("Lessons", "Then train the ReLU + He version.")),
        (QT_TRANSLATE_NOOP("Lessons", "The first layers' gradient norms lie in the vanishing "
                                      "band; with ReLU they sit together with the last layer's."),),
        200, QT_TRANSLATE_NOOP("Lessons", "Sigmoid: first-layer gradient < 1/1000 of the last "
                                          "layer's. ReLU + He: > 1/100."),
        _vanishing),
    Lesson(
        "exploding", QT_TRANSLATE_NOOP("Lessons", "Exploding gradients and clipping"),
        ("exploding", "exploding_clipped"),
        ("gradients", "loss"),
        QT_TRANSLATE_NOOP("Lessons", "Weights that are too large multiply the error at every "
                                     "layer, so the gradient explodes and one step throws the "
                                     "weights into overflow."),
        (QT_TRANSLATE_NOOP("Lessons", "Train 'Exploding gradients': training stops with a NaN "
                                      "message naming the layer."),
         QT_TRANSLATE_NOOP("Lessons", "Train the clipped version: the same network with clip "
                                      "norm 1.")),
        (QT_TRANSLATE_NOOP("Lessons", "The gradient norm curve, and the warning on the canvas."),),
        500, QT_TRANSLATE_NOOP("Lessons", "Without clipping training diverges; with clipping the "
                                          "loss falls by 10x or more."),
        _exploding),
    Lesson(
        "overfitting", QT_TRANSLATE_NOOP("Lessons", "Over-fitting and dropout"),
        ("overfit", "overfit_dropout"),
        ("loss", "output"),
        QT_TRANSLATE_NOOP("Lessons", "A big network on 50 noisy points can memorise them."),
        (QT_TRANSLATE_NOOP("Lessons", "Train 'Over-fitting' and watch validation loss climb "
                                      "while training loss falls."),
         QT_TRANSLATE_NOOP("Lessons", "Train the dropout version.")),
        (QT_TRANSLATE_NOOP("Lessons", "The gap between the training and validation curves; the "
                                      "wiggly decision surface."),),
        3000, QT_TRANSLATE_NOOP("Lessons", "Dropout ends with a lower validation loss and a "
                                           "smaller train/validation gap."),
        _overfitting),
    Lesson(
        "rnn_lstm", QT_TRANSLATE_NOOP("Lessons", "RNN versus LSTM on a long lag"),
        ("adding_rnn", "adding_lstm"),
        ("through_time", "loss", "gates"),
        QT_TRANSLATE_NOOP("Lessons", "The adding problem: remember two numbers marked somewhere "
                                     "in 100 steps and output their sum. The long-term "
                                     "dependency problem in its purest form."),
        (QT_TRANSLATE_NOOP("Lessons", "Race the two projects (Compare runs)."),),
        (QT_TRANSLATE_NOOP("Lessons", "Gradient through time: the RNN's gradient dies out going "
                                      "back in time; the LSTM's survives."),),
        1000, QT_TRANSLATE_NOOP("Lessons", "The RNN stays at the trivial baseline; the LSTM gets "
                                           "below a quarter of it."),
        _rnn_lstm),
    Lesson(
        "forget_gate", QT_TRANSLATE_NOOP("Lessons", "The forget gate at work"),
        ("adding_lstm", "lstm_no_forget_bias"),
        ("gates", "through_time"),
        QT_TRANSLATE_NOOP("Lessons", "C_t = f_t C_{t-1} + i_t C~_t: the forget gate decides how "
                                     "much memory, and gradient, survives each step."),
        (QT_TRANSLATE_NOOP("Lessons", "Train the LSTM and open LSTM gates: the forget row stays "
                                      "bright (open)."),
         QT_TRANSLATE_NOOP("Lessons", "Train the version with forget bias 0 and compare.")),
        (QT_TRANSLATE_NOOP("Lessons", "The input gate opens only at the two marked steps."),),
        1000, QT_TRANSLATE_NOOP("Lessons", "The trained forget gate stays open (mean > 0.6) and "
                                           "forget bias 1 learns faster than 0."),
        _forget_gate),
)

BY_ID = {lesson.id: lesson for lesson in LESSONS}
