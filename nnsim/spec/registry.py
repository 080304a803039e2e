"""The layer types a user can draw, with their parameters, ranges and explanations.

This table drives the palette, the inspector's editors, validation and ``compile()``: add a
layer type here and every floor above knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.activations import ACTIVATIONS
from ..engine.init import INITIALISERS
from ..engine.losses import LOSSES


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
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"must be true or false, got {value!r}"
        if self.kind == "choice":
            if value in self.choices:
                return None
            return f"must be one of {', '.join(self.choices)}, got {value!r}"
        if self.kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
            what = "a whole number"
        else:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            what = "a number"
        if not ok or value != value or value in (float("inf"), float("-inf")):
            return f"must be {what} from {self.min:g} to {self.max:g}, got {value!r}"
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            return f"must be from {self.min:g} to {self.max:g}, got {value!r}"
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

_ACT = ParamSpec("choice", "tanh", choices=tuple(ACTIVATIONS), label="Activation",
                 help="f in a = f(z): the nonlinearity applied after the weighted sum")
_INIT = ParamSpec("choice", "xavier", choices=INITIALISERS, label="Initialiser",
                  help="How W is drawn at random before training (b starts at 0)")
_UNITS = ParamSpec("int", 16, 1, MAX_UNITS, label="Units", help="Number of neurons in the layer")
_BPTT = ParamSpec("int", 0, 0, 1000, label="BPTT steps",
                  help="Backpropagation through time: 0 = all steps, k = only the last k")
_RETSEQ = ParamSpec("bool", False, label="Return sequences",
                    help="Output every time step (for another recurrent layer or per-step "
                         "targets) instead of the last state only")

LAYER_TYPES: dict[str, LayerType] = {
    t.name: t
    for t in [
        LayerType(
            "Input", "Input / output", "Input",
            "The data set's features enter here; its shape comes from the data set.",
            "n^0 = x", n_inputs=0,
        ),
        LayerType(
            "Dense", "Layers", "Dense",
            "Fully connected layer: every output is the weighted sum of all inputs plus a bias, "
            "passed through the activation.",
            "z = W x + b,  a = f(z)",
            {
                "units": _UNITS,
                "activation": _ACT,
                "init": _INIT,
                "init_scale": ParamSpec("float", 0.1, 1e-4, 10.0, label="Init scale",
                                        help="sigma for 'normal', limit for 'uniform'"),
            },
        ),
        LayerType(
            "Activation", "Layers", "Activation",
            "Applies an activation function element by element.", "a = f(z)",
            {"activation": ParamSpec("choice", "relu", choices=tuple(ACTIVATIONS),
                                     label="Activation")},
        ),
        LayerType(
            "Dropout", "Layers", "Dropout",
            "During training each unit is dropped with probability 'rate' (the rest are scaled "
            "by 1/(1-rate)); at prediction every unit is used. Reduces over-fitting.",
            "y = x * m / (1 - rate),  m ~ Bernoulli(1 - rate)",
            {"rate": ParamSpec("float", 0.5, 0.0, 0.95, label="Rate",
                               help="Probability of dropping each unit during training")},
        ),
        LayerType(
            "SimpleRNN", "Recurrent", "Simple RNN",
            "A tanh recurrent layer: the hidden state of the previous step feeds the next.",
            "h_t = tanh(W_x x_t + W_h h_{t-1} + b)",
            {"units": _UNITS, "return_sequences": _RETSEQ, "bptt_steps": _BPTT},
        ),
        LayerType(
            "LSTM", "Recurrent", "LSTM",
            "Long short-term memory: a cell state C guarded by forget, input and output gates "
            "carries information over long time lags.",
            "f,i,o = sigmoid(W [h_{t-1}, x_t] + b);  C~ = tanh(...);  "
            "C_t = f C_{t-1} + i C~;  h_t = o tanh(C_t)",
            {
                "units": _UNITS,
                "return_sequences": _RETSEQ,
                "forget_bias": ParamSpec("float", 1.0, -10.0, 10.0, label="Forget bias",
                                         help="Initial b_f: 1 keeps memory from the start; "
                                              "0 reproduces the classic failure"),
                "bptt_steps": _BPTT,
            },
        ),
        LayerType(
            "Add", "Merge", "Add",
            "Adds two or more inputs of the same shape element by element (a skip connection).",
            "y = x_1 + x_2 + ...", n_inputs=None,
        ),
        LayerType(
            "Concatenate", "Merge", "Concatenate",
            "Joins two or more inputs along the feature axis.",
            "y = [x_1, x_2, ...]", n_inputs=None,
        ),
        LayerType(
            "Output", "Input / output", "Output / loss",
            "Compares the network's output with the target. Cross-entropy applies softmax "
            "itself, binary cross-entropy applies sigmoid: the layer before stays linear.",
            "L(y, y_hat)",
            {"loss": ParamSpec("choice", "cross_entropy", choices=tuple(LOSSES), label="Loss")},
            has_output=False,
        ),
    ]
}

OPTIMIZER_NAMES = ("sgd", "momentum", "nesterov", "rmsprop", "adam")

TRAINING_PARAMS: dict[str, ParamSpec] = {
    "optimizer": ParamSpec("choice", "adam", choices=OPTIMIZER_NAMES, label="Optimiser"),
    "learning_rate": ParamSpec("float", 0.01, 1e-6, 10.0, label="Learning rate"),
    "batch_size": ParamSpec("int", 32, 1, 4096, label="Batch size"),
    "steps": ParamSpec("int", 2000, 1, 10_000_000, label="Steps",
                       help="Training budget in mini-batch steps"),
    "seed": ParamSpec("int", 0, 0, 2**31 - 1, label="Seed",
                      help="Same seed, same initial weights and batches: identical runs"),
    "weight_decay": ParamSpec("float", 0.0, 0.0, 1.0, label="L2 weight decay"),
    "clip_norm": ParamSpec("float", 0.0, 0.0, 1e6, label="Clip gradient norm",
                           help="0 = off; otherwise the gradient is rescaled to this norm"),
    "dtype": ParamSpec("choice", "float32", choices=("float32", "float64"), label="Precision"),
    "eval_every": ParamSpec("int", 50, 1, 100_000, label="Evaluate every",
                            help="Steps between validation passes"),
}
