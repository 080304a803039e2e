"""The layer types a user can draw, with their parameters, ranges and explanations.

This table drives the palette, the inspector's editors, validation and ``compile()``: add a
layer type here and every floor above knows it.

Titles, groups and descriptions are marked ``QT_TRANSLATE_NOOP("LayerTypes", ...)``, parameter
labels and help ``QT_TRANSLATE_NOOP("Parameters", ...)``: Qt Linguist's tools collect them, the
UI translates them when it shows them (``docs/i18n.md``). ``Text`` keeps a message translatable
with its arguments (validation uses it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.activations import ACTIVATIONS
from ..engine.init import INITIALISERS
from ..engine.losses import LOSSES


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation without needing Qt here."""
    return text


#: translation contexts of this module
TYPES_CONTEXT = "LayerTypes"
PARAMS_CONTEXT = "Parameters"
VALIDATION_CONTEXT = "Validation"


@dataclass(frozen=True)
class Text:
    """A message kept translatable: a ``template`` with ``{name}`` fields, marked with
    ``QT_TRANSLATE_NOOP(context, template)`` where it is written, and the ``args`` that fill it
    (strings, numbers, or ``Text`` themselves, translated in turn).

    ``str(text)`` is the English message; the UI shows ``text.render(translate)`` with
    ``QCoreApplication.translate``. A translation whose fields do not fit falls back to English.
    """

    context: str
    template: str
    #: (name, value) pairs; a value that is a list or tuple is joined with ", "
    args: tuple[tuple[str, object], ...] = ()

    @classmethod
    def make(cls, context: str, template: str, **args) -> "Text":
        return cls(context, template, tuple(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in args.items()))

    def render(self, translate=None) -> str:
        def value(v):
            if isinstance(v, Text):
                return v.render(translate)
            if isinstance(v, tuple):
                return ", ".join(str(value(x)) for x in v)
            return v

        values = {k: value(v) for k, v in self.args}
        if translate is not None:
            try:
                return translate(self.context, self.template).format(**values)
            except (KeyError, IndexError, ValueError):
                pass
        return self.template.format(**values)

    def __str__(self) -> str:
        return self.render()


def _v(template: str, **args) -> Text:
    return Text.make(VALIDATION_CONTEXT, template, **args)


@dataclass(frozen=True)
class ParamSpec:
    """One editable parameter: its kind (``int``, ``float``, ``bool``, ``choice``), default and range."""

    kind: str
    default: object
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] = ()
    label: str = ""
    help: str = ""

    def check(self, value) -> str | None:
        """None when ``value`` is acceptable, else what is wrong (without the owner's name)."""
        text = self.check_text(value)
        return None if text is None else str(text)

    def check_text(self, value) -> Text | None:
        """``check`` as a translatable ``Text``."""
        if self.kind == "bool":
            if isinstance(value, bool):
                return None
            return _v(QT_TRANSLATE_NOOP("Validation", "must be true or false, got {value}"),
                      value=repr(value))
        if self.kind == "choice":
            if value in self.choices:
                return None
            return _v(QT_TRANSLATE_NOOP("Validation", "must be one of {choices}, got {value}"),
                      choices=", ".join(self.choices), value=repr(value))
        if self.kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            what = QT_TRANSLATE_NOOP("Validation",
                                     "must be a whole number from {min} to {max}, got {value}")
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            what = QT_TRANSLATE_NOOP("Validation",
                                     "must be a number from {min} to {max}, got {value}")
        if not ok or value != value or value in (float("inf"), float("-inf")):
            return _v(what, min=f"{self.min:g}", max=f"{self.max:g}", value=repr(value))
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            return _v(QT_TRANSLATE_NOOP("Validation", "must be from {min} to {max}, got {value}"),
                      min=f"{self.min:g}", max=f"{self.max:g}", value=repr(value))
        return None


@dataclass(frozen=True)
class LayerType:
    name: str
    group: str
    title: str
    description: str
    formula: str = ""
    params: dict[str, ParamSpec] = field(default_factory=dict)
    #: inputs accepted: 0 (Input), 1, or None for two or more (merge layers)
    n_inputs: int | None = 1
    #: False for the Output node, which feeds nothing
    has_output: bool = True

    def defaults(self) -> dict:
        return {k: p.default for k, p in self.params.items()}


MAX_UNITS = 4096
MAX_PARAMETERS = 20_000_000

_ACT = ParamSpec(
    "choice", "tanh", choices=tuple(ACTIVATIONS),
    label=QT_TRANSLATE_NOOP("Parameters", "Activation"),
    help=QT_TRANSLATE_NOOP("Parameters", "f in a = f(z): the nonlinearity applied after the "
                                         "weighted sum"))
_INIT = ParamSpec(
    "choice", "xavier", choices=INITIALISERS,
    label=QT_TRANSLATE_NOOP("Parameters", "Initialiser"),
    help=QT_TRANSLATE_NOOP("Parameters", "How W is drawn at random before training (b starts "
                                         "at 0)"))
_UNITS = ParamSpec(
    "int", 16, 1, MAX_UNITS, label=QT_TRANSLATE_NOOP("Parameters", "Units"),
    help=QT_TRANSLATE_NOOP("Parameters", "Number of neurons in the layer"))
_BPTT = ParamSpec(
    "int", 0, 0, 1000, label=QT_TRANSLATE_NOOP("Parameters", "BPTT steps"),
    help=QT_TRANSLATE_NOOP("Parameters", "Backpropagation through time: 0 = all steps, k = only "
                                         "the last k"))
_RETSEQ = ParamSpec(
    "bool", False, label=QT_TRANSLATE_NOOP("Parameters", "Return sequences"),
    help=QT_TRANSLATE_NOOP("Parameters", "Output every time step (for another recurrent layer or "
                                         "per-step targets) instead of the last state only"))

_IO = QT_TRANSLATE_NOOP("LayerTypes", "Input / output")
_LAYERS = QT_TRANSLATE_NOOP("LayerTypes", "Layers")
_RECURRENT = QT_TRANSLATE_NOOP("LayerTypes", "Recurrent")
_MERGE = QT_TRANSLATE_NOOP("LayerTypes", "Merge")

LAYER_TYPES: dict[str, LayerType] = {
    t.name: t
    for t in [
        LayerType(
            "Input", _IO, QT_TRANSLATE_NOOP("LayerTypes", "Input"),
            QT_TRANSLATE_NOOP("LayerTypes", "The data set's features enter here; its shape comes "
                                            "from the data set."),
            "n^0 = x", n_inputs=0,
        ),
        LayerType(
            "Dense", _LAYERS, QT_TRANSLATE_NOOP("LayerTypes", "Dense"),
            QT_TRANSLATE_NOOP("LayerTypes", "Fully connected layer: every output is the weighted "
                                            "sum of all inputs plus a bias, passed through the "
                                            "activation."),
            "z = W x + b,  a = f(z)",
            {
                "units": _UNITS,
                "activation": _ACT,
                "init": _INIT,
                "init_scale": ParamSpec(
                    "float", 0.1, 1e-4, 10.0, label=QT_TRANSLATE_NOOP("Parameters", "Init scale"),
                    help=QT_TRANSLATE_NOOP("Parameters", "sigma for 'normal', limit for "
                                                         "'uniform'")),
            },
        ),
        LayerType(
            "Activation", _LAYERS, QT_TRANSLATE_NOOP("LayerTypes", "Activation"),
            QT_TRANSLATE_NOOP("LayerTypes", "Applies an activation function element by element."),
            "a = f(z)",
            {"activation": ParamSpec("choice", "relu", choices=tuple(ACTIVATIONS),
                                     label=QT_TRANSLATE_NOOP("Parameters", "Activation"))},
        ),
        LayerType(
            "Dropout", _LAYERS, QT_TRANSLATE_NOOP("LayerTypes", "Dropout"),
            QT_TRANSLATE_NOOP("LayerTypes", "During training each unit is dropped with probability "
                                            "'rate' (the rest are scaled by 1/(1-rate)); at "
                                            "prediction every unit is used. Reduces "
                                            "over-fitting."),
            "y = x * m / (1 - rate),  m ~ Bernoulli(1 - rate)",
            {"rate": ParamSpec(
                "float", 0.5, 0.0, 0.95, label=QT_TRANSLATE_NOOP("Parameters", "Rate"),
                help=QT_TRANSLATE_NOOP("Parameters", "Probability of dropping each unit during "
                                                     "training"))},
        ),
        LayerType(
            "SimpleRNN", _RECURRENT, QT_TRANSLATE_NOOP("LayerTypes", "Simple RNN"),
            QT_TRANSLATE_NOOP("LayerTypes", "A tanh recurrent layer: the hidden state of the "
                                            "previous step feeds the next."),
            "h_t = tanh(W_x x_t + W_h h_{t-1} + b)",
            {"units": _UNITS, "return_sequences": _RETSEQ, "bptt_steps": _BPTT},
        ),
        LayerType(
            "LSTM", _RECURRENT, QT_TRANSLATE_NOOP("LayerTypes", "LSTM"),
            QT_TRANSLATE_NOOP("LayerTypes", "Long short-term memory: a cell state C guarded by "
                                            "forget, input and output gates carries information "
                                            "over long time lags."),
            "f,i,o = sigmoid(W [h_{t-1}, x_t] + b);  C~ = tanh(...);  "
            "C_t = f C_{t-1} + i C~;  h_t = o tanh(C_t)",
            {
                "units": _UNITS,
                "return_sequences": _RETSEQ,
                "forget_bias": ParamSpec(
                    "float", 1.0, -10.0, 10.0, label=QT_TRANSLATE_NOOP("Parameters", "Forget bias"),
                    help=QT_TRANSLATE_NOOP("Parameters", "Initial b_f: 1 keeps memory from the "
                                                         "start; 0 reproduces the classic "
                                                         "failure")),
                "bptt_steps": _BPTT,
            },
        ),
        LayerType(
            "Add", _MERGE, QT_TRANSLATE_NOOP("LayerTypes", "Add"),
            QT_TRANSLATE_NOOP("LayerTypes", "Adds two or more inputs of the same shape element by "
                                            "element (a skip connection)."),
            "y = x_1 + x_2 + ...", n_inputs=None,
        ),
        LayerType(
            "Concatenate", _MERGE, QT_TRANSLATE_NOOP("LayerTypes", "Concatenate"),
            QT_TRANSLATE_NOOP("LayerTypes", "Joins two or more inputs along the feature axis."),
            "y = [x_1, x_2, ...]", n_inputs=None,
        ),
        LayerType(
            "Output", _IO, QT_TRANSLATE_NOOP("LayerTypes", "Output / loss"),
            QT_TRANSLATE_NOOP("LayerTypes", "Compares the network's output with the target. "
                                            "Cross-entropy applies softmax itself, binary "
                                            "cross-entropy applies sigmoid: the layer before "
                                            "stays linear."),
            "L(y, y_hat)",
            {"loss": ParamSpec("choice", "cross_entropy", choices=tuple(LOSSES),
                               label=QT_TRANSLATE_NOOP("Parameters", "Loss"))},
            has_output=False,
        ),
    ]
}

OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "rmsprop", "adam")

TRAINING_PARAMS: dict[str, ParamSpec] = {
    "optimizer": ParamSpec("choice", "adam", choices=OPTIMIZER_NAMES,
                           label=QT_TRANSLATE_NOOP("Parameters", "Optimiser")),
    "learning_rate": ParamSpec("float", 0.01, 1e-6, 10.0,
                               label=QT_TRANSLATE_NOOP("Parameters", "Learning rate")),
    "batch_size": ParamSpec("int", 32, 1, 4096, label=QT_TRANSLATE_NOOP("Parameters", "Batch size")),
    "steps": ParamSpec("int", 2000, 1, 10_000_000, label=QT_TRANSLATE_NOOP("Parameters", "Steps"),
                       help=QT_TRANSLATE_NOOP("Parameters", "Training budget in mini-batch steps")),
    "seed": ParamSpec("int", 0, 0, 2**31 - 1, label=QT_TRANSLATE_NOOP("Parameters", "Seed"),
                      help=QT_TRANSLATE_NOOP("Parameters", "Same seed, same initial weights and "
                                                           "batches: identical runs")),
    "weight_decay": ParamSpec("float", 0.0, 0.0, 1.0,
                              label=QT_TRANSLATE_NOOP("Parameters", "L2 weight decay")),
    "clip_norm": ParamSpec("float", 0.0, 0.0, 1e6,
                           label=QT_TRANSLATE_NOOP("Parameters", "Clip gradient norm"),
                           help=QT_TRANSLATE_NOOP("Parameters", "0 = off; otherwise the gradient is "
                                                                "rescaled to this norm")),
    "dtype": ParamSpec("choice", "float32", choices=("float32", "float64"),
                       label=QT_TRANSLATE_NOOP("Parameters", "Precision")),
    "eval_every": ParamSpec("int", 50, 1, 100_000,
                            label=QT_TRANSLATE_NOOP("Parameters", "Evaluate every"),
                            help=QT_TRANSLATE_NOOP("Parameters", "Steps between validation passes")),
}
