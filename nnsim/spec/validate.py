"""Validation and shape inference for a drawn network.

``validate(project, data)`` returns every problem as a ``Problem`` with one specific message and
the node or link it belongs to (the canvas marks them), plus the inferred tensor shape of every
node's output (the canvas labels links with them). Nothing is allocated: sizes are checked by
arithmetic first, so an absurd network is refused before it can eat the memory: the number of
parameters (``MAX_PARAMETERS``) and the memory training would need (``MAX_MEMORY_BYTES``,
estimated in ``_memory_estimate``: weights, gradients and optimiser state, plus the buffers the
engine keeps per batch size for every layer, for the training batch, the evaluation chunks and
the output view).

``Problem.message`` is English. ``Problem.text`` keeps it translatable: a template marked
``QT_TRANSLATE_NOOP("Validation", ...)`` and its arguments; the UI shows
``text.render(translate)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Project
from .registry import LAYER_TYPES, MAX_PARAMETERS, QT_TRANSLATE_NOOP, TRAINING_PARAMS, Text

#: What training a network may need (``_memory_estimate``); more is refused with a message.
MAX_MEMORY_BYTES = 2 << 30
#: Rows of one evaluation chunk (``Network.evaluate``) and of the decision-surface grid (64 x 64).
EVAL_ROWS = 4096
#: Copies of the parameter vector training keeps: weights, gradients, weight-decay mask, the
#: previous step's weights, two optimiser moments (Adam), a snapshot copy.
PARAM_COPIES = 7


@dataclass(frozen=True)
class DataShape:
    """What validation needs to know of a data set (see ``nnsim.data.Dataset``)."""

    input_shape: tuple[int, ...]
    kind: str  # "classification" | "regression"
    n_classes: int
    target_dim: int
    per_step: bool
    name: str = "the data set"
    #: training / validation samples; 0 = unknown (the memory estimate then assumes the most)
    n_train: int = 0
    n_val: int = 0

    @classmethod
    def of(cls, ds) -> "DataShape":
        return cls(tuple(ds.input_shape), ds.kind, int(ds.n_classes), int(ds.output_dim),
                   bool(ds.per_step), ds.name, int(ds.n_train), int(ds.n_val))


@dataclass(frozen=True)
class Problem:
    message: str
    node: str | None = None
    link: tuple[str, str] | None = None
    #: the message kept translatable (``Text``: template and arguments); ``message`` is its
    #: English. None for a message made elsewhere (the UI shows ``message`` then).
    text: Text | None = field(default=None, compare=False, repr=False)


@dataclass
class Validation:
    problems: list[Problem] = field(default_factory=list)
    #: output shape of each node, batch axis excluded: ``{"dense1": (16,)}``
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: topological order of node ids (when there is no cycle)
    order: list[str] = field(default_factory=list)
    n_params: int = 0
    #: rough upper estimate of the memory training needs, in bytes (0 until shapes are known)
    memory_bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self) -> list[str]:
        return [p.message for p in self.problems]

    def for_node(self, node_id: str) -> list[str]:
        return [p.message for p in self.problems if p.node == node_id]


def format_shape(shape: tuple[int, ...]) -> str:
    """``(16,)`` -> ``(batch, 16)``; ``(50, 32)`` -> ``(batch, 50, 32)``."""
    return "(" + ", ".join(["batch"] + [str(s) for s in shape]) + ")"


def shape_text(shape: tuple[int, ...]) -> Text:
    """``format_shape`` as a translatable ``Text``."""
    if not shape:
        return Text.make("Validation", QT_TRANSLATE_NOOP("Validation", "(batch)"))
    return Text.make("Validation", QT_TRANSLATE_NOOP("Validation", "(batch, {dims})"),
                     dims=", ".join(str(s) for s in shape))


def _problem(template: str, node: str | None = None, link: tuple[str, str] | None = None,
             **args) -> Problem:
    """A problem whose message is ``template`` (marked ``QT_TRANSLATE_NOOP("Validation", ...)``)
    filled with ``args``."""
    text = Text.make("Validation", template, **args)
    return Problem(str(text), node, link, text)


def _layer(title: str, node_id: str) -> Text:
    return Text.make("Validation", QT_TRANSLATE_NOOP("Validation", "{title} '{name}'"),
                     title=Text("LayerTypes", title), name=node_id)


def _label(project: Project, node_id: str) -> Text | str:
    try:
        t = project.node(node_id).type
    except KeyError:
        return repr(node_id)
    if t in LAYER_TYPES:
        return _layer(LAYER_TYPES[t].title, node_id)
    return Text.make("Validation", "{title} '{name}'", title=t, name=node_id)


def _param(spec, key: str) -> Text | str:
    return Text("Parameters", spec.label) if spec.label else key


def _data_name(data: "DataShape") -> Text | str:
    if data.name == "the data set":
        return Text("Validation", QT_TRANSLATE_NOOP("Validation", "the data set"))
    return data.name


def _parts(shapes, sources) -> list[Text]:
    """``(batch, 4) from 'a', (batch, 5) from 'b'`` (the inputs of a merge layer)."""
    return [Text.make("Validation", QT_TRANSLATE_NOOP("Validation", "{shape} from '{name}'"),
                      shape=shape_text(s), name=src) for s, src in zip(shapes, sources)]


def validate(project: Project, data: DataShape | None = None) -> Validation:
    v = Validation()
    add = v.problems.append
    ids = [n.id for n in project.nodes]
    known = set()
    for n in project.nodes:
        if not isinstance(n.id, str) or not n.id:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "Every layer needs a non-empty name")))
            continue
        if n.id in known:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "Two layers are named '{name}': names must be "
                                                "unique"),
                n.id, name=n.id))
        known.add(n.id)
        if n.type not in LAYER_TYPES:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "'{name}' has an unknown layer type {type}; "
                                                "known types are {types}"),
                n.id, name=n.id, type=repr(n.type), types=", ".join(LAYER_TYPES)))
            continue
        lt = LAYER_TYPES[n.type]
        for key in n.params:
            if key not in lt.params:
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer} has no parameter {key}"),
                    n.id, layer=_layer(lt.title, n.id), key=repr(key)))
        for key, spec in lt.params.items():
            if key not in n.params:
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer} is missing its parameter {key}"),
                    n.id, layer=_layer(lt.title, n.id), key=repr(key)))
                continue
            err = spec.check_text(n.params[key])
            if err:
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer}: {param} {error}"),
                    n.id, layer=_layer(lt.title, n.id), param=_param(spec, key), error=err))
    for key, spec in TRAINING_PARAMS.items():
        if key not in project.training:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "Training setting {key} is missing"),
                key=repr(key)))
        else:
            err = spec.check_text(project.training[key])
            if err:
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "Training: {param} {error}"),
                    param=_param(spec, key), error=err))
    if v.problems:
        return v  # types or parameters are wrong: shapes would only add noise

    types = {n.id: n.type for n in project.nodes}
    inputs = [i for i in ids if types[i] == "Input"]
    outputs = [i for i in ids if types[i] == "Output"]
    if not inputs:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The network has no Input layer: drag one from the "
                                            "palette")))
    elif len(inputs) > 1:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "Only one Input layer is allowed; found {names}"),
            inputs[1], names=", ".join(inputs)))
    if not outputs:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The network has no Output / loss layer: drag one "
                                            "from the palette")))
    elif len(outputs) > 1:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "Only one Output layer is allowed; found {names}"),
            outputs[1], names=", ".join(outputs)))

    seen_links = set()
    for l in project.links:
        if l.src not in types or l.dst not in types:
            missing = l.src if l.src not in types else l.dst
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "A link refers to a layer '{name}' that does "
                                                "not exist"),
                link=(l.src, l.dst), name=missing))
            continue
        if l.src == l.dst:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} is linked to itself"),
                l.src, (l.src, l.dst), layer=_label(project, l.src)))
        if (l.src, l.dst) in seen_links:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} is linked to {other} twice"),
                l.dst, (l.src, l.dst), layer=_label(project, l.src),
                other=_label(project, l.dst)))
        seen_links.add((l.src, l.dst))
        if not LAYER_TYPES[types[l.src]].has_output:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "The Output layer '{name}' cannot feed another "
                                                "layer"),
                l.src, (l.src, l.dst), name=l.src))
        if LAYER_TYPES[types[l.dst]].n_inputs == 0:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "The Input layer '{name}' cannot receive a link"),
                l.dst, (l.src, l.dst), name=l.dst))
    for i in ids:
        lt = LAYER_TYPES[types[i]]
        k = len(project.inputs_of(i))
        if lt.n_inputs == 1 and k == 0:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} has no input: connect a layer to it"),
                i, layer=_label(project, i)))
        elif lt.n_inputs == 1 and k > 1:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} has {count} inputs; only Add and "
                                                "Concatenate merge several"),
                i, layer=_label(project, i), count=k))
        elif lt.n_inputs is None and k < 2:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} needs two or more inputs, has {count}"),
                i, layer=_label(project, i), count=k))
    if v.problems:
        return v

    # cycles (Kahn's algorithm); what is left over lies on or behind a cycle
    indeg = {i: 0 for i in ids}
    for l in project.links:
        indeg[l.dst] += 1
    ready = [i for i in ids if indeg[i] == 0]
    order = []
    while ready:
        i = ready.pop(0)
        order.append(i)
        for l in project.links:
            if l.src == i:
                indeg[l.dst] -= 1
                if indeg[l.dst] == 0:
                    ready.append(l.dst)
    if len(order) < len(ids):
        cyc = _find_cycle(project, [i for i in ids if i not in order])
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The links {path} form a cycle: data must flow one "
                                            "way, from Input to Output"),
            cyc[0], path=" → ".join(cyc + [cyc[0]])))
        return v
    v.order = order

    # everything must lie on a path from the Input to the Output
    fwd, back = _reach(project, inputs[0], "fwd"), _reach(project, outputs[0], "back")
    for i in ids:
        if i not in fwd:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} is not connected to the Input"),
                i, layer=_label(project, i)))
        elif i not in back:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "{layer} does not lead to the Output"),
                i, layer=_label(project, i)))
    if v.problems or data is None:
        return v
    _infer_shapes(project, data, v)
    return v


def _find_cycle(project: Project, candidates: list[str]) -> list[str]:
    succ = {i: [l.dst for l in project.links if l.src == i and l.dst in candidates]
            for i in candidates}
    path, on_path = [], set()

    def dfs(i):
        path.append(i)
        on_path.add(i)
        for j in succ[i]:
            if j in on_path:
                return path[path.index(j):]
            found = dfs(j)
            if found:
                return found
        path.pop()
        on_path.discard(i)
        return None

    for c in candidates:
        found = dfs(c)
        if found:
            return found
    return candidates[:1]


def _reach(project: Project, start: str, direction: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        i = todo.pop()
        nxt = project.outputs_of(i) if direction == "fwd" else project.inputs_of(i)
        for j in nxt:
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return seen


def _size(shape: tuple[int, ...]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _infer_shapes(project: Project, data: DataShape, v: Validation) -> None:
    add = v.problems.append
    shapes = v.shapes
    n_params = 0
    per_row = 0  # numbers the engine keeps per sample of a batch, all layers together
    per_batch = 0  # numbers kept once per batch size (recurrent weight-gradient partials)
    for i in v.order:
        node = project.node(i)
        p = node.params
        srcs = project.inputs_of(i)
        ins = [shapes[s] for s in srcs]
        label = _label(project, i)
        if node.type == "Input":
            shapes[i] = tuple(data.input_shape)
        elif node.type == "Dense":
            shapes[i] = ins[0][:-1] + (p["units"],)
            n_params += (ins[0][-1] + 1) * p["units"]
            per_row += 3 * _size(shapes[i]) + _size(ins[0])  # z, a, delta; dx
        elif node.type in ("Activation", "Dropout"):
            shapes[i] = ins[0]
            per_row += 3 * _size(ins[0])
        elif node.type in ("SimpleRNN", "LSTM"):
            if len(ins[0]) != 2:
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer} needs a sequence (batch, time, "
                                                    "features) but '{source}' gives {shape}: "
                                                    "use a sequence data set, or "
                                                    "return_sequences on the layer before"),
                    i, (srcs[0], i), layer=label, source=srcs[0], shape=shape_text(ins[0])))
                return
            u, f = p["units"], ins[0][-1]
            t = ins[0][0]
            gates = 4 if node.type == "LSTM" else 1
            n_params += gates * u * (f + u + 1)
            shapes[i] = (t, u) if p["return_sequences"] else (u,)
            if node.type == "LSTM":  # gates, c, h, tanh(c), dh, dc, dz, r, q; input and dx
                per_row += t * (18 * u + 2 * f + 1) + 2 * u
                per_batch += t * 4 * u * (f + 1 + u)  # per-step weight-gradient partials
            else:  # z, h, dh, dz, tanh'; input and dx
                per_row += t * (5 * u + 2 * f) + u
        elif node.type == "Add":
            if any(s != ins[0] for s in ins):
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer} joins {parts}: the shapes must be "
                                                    "equal"),
                    i, layer=label, parts=_parts(ins, srcs)))
                return
            shapes[i] = ins[0]
            per_row += (1 + len(ins)) * _size(ins[0])
        elif node.type == "Concatenate":
            if any(s[:-1] != ins[0][:-1] for s in ins):
                add(_problem(
                    QT_TRANSLATE_NOOP("Validation", "{layer} joins {parts}: all but the last "
                                                    "axis must be equal"),
                    i, layer=label, parts=_parts(ins, srcs)))
                return
            shapes[i] = ins[0][:-1] + (sum(s[-1] for s in ins),)
            per_row += 2 * _size(shapes[i])
        elif node.type == "Output":
            shapes[i] = ins[0]
            per_row += 3 * _size(ins[0])  # probabilities, gradient, one-hot targets
            _check_output(project, node, srcs[0], ins[0], data, add)
        if n_params > MAX_PARAMETERS:
            add(_problem(
                QT_TRANSLATE_NOOP("Validation", "The network would have more than {count} "
                                                "parameters at {layer}; the limit is {limit}: "
                                                "use fewer units"),
                i, count=f"{n_params:,}", layer=label, limit=f"{MAX_PARAMETERS:,}"))
            return
    v.n_params = n_params
    v.memory_bytes = _memory_estimate(project, data, n_params, per_row, per_batch)
    if v.memory_bytes > MAX_MEMORY_BYTES and not v.problems:
        big = max((n for n in project.nodes if n.type in ("Dense", "SimpleRNN", "LSTM")),
                  key=lambda n: n.params.get("units", 0), default=None)
        seq = len(data.input_shape) > 1
        if big is not None and seq:
            template = QT_TRANSLATE_NOOP("Validation", "Training this network would need about "
                                                       "{size} MB of memory (the largest layer "
                                                       "is '{name}', {units} units); the limit "
                                                       "is {limit} MB: use fewer units, shorter "
                                                       "sequences or fewer samples")
        elif big is not None:
            template = QT_TRANSLATE_NOOP("Validation", "Training this network would need about "
                                                       "{size} MB of memory (the largest layer "
                                                       "is '{name}', {units} units); the limit "
                                                       "is {limit} MB: use fewer units or layers")
        elif seq:
            template = QT_TRANSLATE_NOOP("Validation", "Training this network would need about "
                                                       "{size} MB of memory; the limit is "
                                                       "{limit} MB: use fewer units, shorter "
                                                       "sequences or fewer samples")
        else:
            template = QT_TRANSLATE_NOOP("Validation", "Training this network would need about "
                                                       "{size} MB of memory; the limit is "
                                                       "{limit} MB: use fewer units or layers")
        extra = {"name": big.id, "units": big.params["units"]} if big is not None else {}
        add(_problem(template, big.id if big else None,
                     size=f"{v.memory_bytes / 2**20:,.0f}",
                     limit=f"{MAX_MEMORY_BYTES / 2**20:,.0f}", **extra))


def _memory_estimate(project: Project, data: DataShape, n_params: int, per_row: int,
                     per_batch: int) -> int:
    """Bytes training needs, roughly and from above (see the module docstring).

    The engine keeps a layer's buffers per batch size: the training batch, an evaluation chunk
    of the training set and one of the validation set (each at most ``EVAL_ROWS`` rows) and the
    output view (the 64 x 64 decision surface for 2-D inputs). Unknown set sizes count as the
    most. The Trainer holds the data cast to the network's precision, plus a shuffled copy of
    the training set.
    """
    tr = project.training
    itemsize = 8 if tr.get("dtype") == "float64" else 4
    n_train = data.n_train or EVAL_ROWS
    n_val = data.n_val or EVAL_ROWS
    view = EVAL_ROWS if tuple(data.input_shape) == (2,) else 200
    batch = tr.get("batch_size", 32) if isinstance(tr.get("batch_size"), int) else EVAL_ROWS
    rows = [min(batch, n_train), min(n_train, EVAL_ROWS), min(n_val, EVAL_ROWS), view]
    numbers = (PARAM_COPIES * n_params + per_row * sum(rows) + per_batch * len(rows)
               + _size(tuple(data.input_shape)) * (2 * (data.n_train or 0) + (data.n_val or 0)))
    return int(numbers * itemsize)


def _check_output(project, node, src, shape, data: DataShape, add) -> None:
    loss = node.params["loss"]
    src_node = project.node(src)
    src_act = src_node.params.get("activation")
    name = _data_name(data)
    if loss in ("cross_entropy", "bce") and data.kind != "classification":
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "{data} is a regression task: choose the mse loss "
                                            "on the Output"),
            node.id, data=name))
        return
    if loss == "mse" and data.kind == "classification":
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "{data} is a classification task: choose "
                                            "cross_entropy (or bce for two classes) on the "
                                            "Output"),
            node.id, data=name))
        return
    if loss == "bce" and data.n_classes != 2:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "bce needs two classes; {data} has {count}: use "
                                            "cross_entropy"),
            node.id, data=name, count=data.n_classes))
        return
    if loss == "cross_entropy" and src_act == "softmax":
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The cross-entropy loss applies softmax itself: set "
                                            "the activation of '{name}' to linear"),
            src, (src, node.id), name=src))
        return
    if loss == "bce" and src_act == "sigmoid":
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The bce loss applies sigmoid itself: set the "
                                            "activation of '{name}' to linear"),
            src, (src, node.id), name=src))
        return
    want_units = 1 if loss == "bce" else data.target_dim
    want = ((data.input_shape[0],) if data.per_step else ()) + (want_units,)
    if data.per_step and len(shape) != 2:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "{data} has a target at every time step, but "
                                            "'{name}' gives {shape}: turn on return_sequences "
                                            "in the recurrent layer"),
            node.id, (src, node.id), data=name, name=src, shape=shape_text(shape)))
    elif not data.per_step and len(shape) != 1:
        add(_problem(
            QT_TRANSLATE_NOOP("Validation", "The output still has a time axis {shape}: turn off "
                                            "return_sequences in the last recurrent layer"),
            node.id, (src, node.id), shape=shape_text(shape)))
    elif shape[-1] != want_units:
        if loss == "cross_entropy":
            what = Text.make(
                "Validation", QT_TRANSLATE_NOOP("Validation", "the {count} classes of {data}"),
                count=data.n_classes, data=name)
        elif loss == "bce":
            what = Text("Validation",
                        QT_TRANSLATE_NOOP("Validation", "binary cross-entropy (one unit: the logit "
                                                        "of class 1)"))
        else:
            what = Text.make(
                "Validation", QT_TRANSLATE_NOOP("Validation", "the {count} target value(s) of "
                                                              "{data}"),
                count=data.target_dim, data=name)
        if src_node.type == "Dense":
            template = QT_TRANSLATE_NOOP("Validation", "The Output expects {want} for {what}, "
                                                       "but '{name}' gives {shape}: set units "
                                                       "of '{name}' to {units}")
        else:
            template = QT_TRANSLATE_NOOP("Validation", "The Output expects {want} for {what}, "
                                                       "but '{name}' gives {shape}")
        add(_problem(template, node.id, (src, node.id), want=shape_text(want), what=what,
                     name=src, shape=shape_text(shape), units=want_units))
