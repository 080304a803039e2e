"""``compile()``: turn a valid drawn network into an engine ``Network``."""

from __future__ import annotations

from ..engine import layers as L
from ..engine.network import Network, Node
from .model import Project
from .validate import DataShape, Problem, validate


class SpecError(ValueError):
    """The network cannot be built; ``problems`` says why, one message each."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.message for p in self.problems))


def _layer(node):
    p = node.params
    t = node.type
    if t == "Dense":
        return L.Dense(p["units"], p["activation"], init=p["init"], init_scale=p["init_scale"])
    if t == "Activation":
        return L.Activation(p["activation"])
    if t == "Dropout":
        return L.Dropout(p["rate"])
    if t == "Add":
        return L.Add()
    if t == "Concatenate":
        return L.Concatenate()
    from ..engine import recurrent as R

    if t == "SimpleRNN":
        return R.SimpleRNN(p["units"], return_sequences=p["return_sequences"],
                           bptt_steps=p["bptt_steps"])
    if t == "LSTM":
        return R.LSTM(p["units"], return_sequences=p["return_sequences"],
                      forget_bias=p["forget_bias"], bptt_steps=p["bptt_steps"])
    raise ValueError(f"no engine layer for {t!r}")  # registry and compile out of step


def compile_project(project: Project, data, seed: int | None = None) -> Network:
    """The engine network for ``project`` on ``data`` (a ``Dataset`` or ``DataShape``).

    Raises ``SpecError`` listing every validation problem. Layer names are the node ids, so
    parameters are named ``"<node id>.W"``. Stored weights in ``project.weights`` are loaded.
    """
    shape = data if isinstance(data, DataShape) else DataShape.of(data)
    v = validate(project, shape)
    if not v.ok:
        raise SpecError(v.problems)
    types = {n.id: n for n in project.nodes}
    input_id = next(i for i in v.order if types[i].type == "Input")
    output_id = next(i for i in v.order if types[i].type == "Output")
    nodes = []
    for i in v.order:
        n = types[i]
        if n.type in ("Input", "Output"):
            continue
        nodes.append(Node(i, _layer(n), project.inputs_of(i)))
    tr = project.training
    net = Network(
        nodes, shape.input_shape, loss=types[output_id].params["loss"],
        output=project.inputs_of(output_id)[0], input_name=input_id,
        seed=tr["seed"] if seed is None else seed, dtype=tr["dtype"],
    )
    if project.weights:
        try:
            net.load_state_dict(project.weights)
        except (ValueError, KeyError) as e:
            raise SpecError([Problem(f"The saved weights do not fit this network: {e}")]) from None
    return net
