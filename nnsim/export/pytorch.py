"""Export a project to a self-contained, readable PyTorch script.

``export_pytorch(project, dataset=None, weights=None) -> str`` returns the text of a Python file
that needs only NumPy and PyTorch (it never imports nnsim) and holds:

- ``Net``, an ``nn.Module`` with one sub-module per drawn layer (attribute names are the node ids,
  made into Python names), whose ``forward`` runs the graph in the same topological order as
  nnsim's engine: Dense -> ``nn.Linear`` + activation, Dropout -> ``nn.Dropout``, SimpleRNN ->
  ``nn.RNN(batch_first=True)``, LSTM -> ``nn.LSTM(batch_first=True)``, Add -> ``+``,
  Concatenate -> ``torch.cat(dim=-1)``. It returns the raw output (logits for the fused losses).
- ``NNSIM_WEIGHTS`` in nnsim's own layout and names (``"dense1.W"``; nested lists for a small
  network, a base64 ``.npz`` for a larger one) and ``torch_state_from_nnsim()``, which converts
  them to PyTorch's layout in plain sight (transposes, LSTM gate order, the second bias).
- ``load_data()``: the exact arrays nnsim trained on, embedded as a base64 ``.npz``, read from a
  ``.npz`` beside the script (large data sets), or, for a CSV project, read from the CSV file by
  nnsim's rules (same columns, classes, split and standardisation with the stored mean and std).
- ``loss_fn``/``accuracy``/``make_optimizer``/``train``/``evaluate`` with nnsim's definitions and
  hyper-parameters, and a ``main()`` behind ``if __name__ == "__main__":``.

The weights exported are, in order of preference, ``weights`` (an nnsim state dict such as
``trainer.net.state_dict()``), ``project.weights``, or nnsim's seeded initial weights (so the
script starts exactly where an nnsim run would).

``export_pytorch_to_file(project, path, ...)`` writes the script atomically and, when the data set
compresses to more than ``EMBED_LIMIT`` bytes, ``<stem>.data.npz`` beside it. See docs/export.md.
"""

from __future__ import annotations

import base64
import io
import keyword
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .. import __version__
from ..data import Dataset, make_dataset
from ..spec import DataShape, Problem, Project, SpecError, compile_project, validate
from ..spec.io import atomic_write

#: Data sets whose compressed ``.npz`` is larger than this go in a file beside the script.
EMBED_LIMIT = 3 * 2**20
#: Networks with at most this many parameter values get their weights as readable nested lists.
LIST_LIMIT = 4096
#: Characters per line of an embedded base64 blob.
B64_LINE = 96

# Names a layer attribute or a local variable of ``forward`` must not take: Python keywords,
# the script's own globals, and nn.Module attributes that a sub-module would shadow.
_RESERVED = set(keyword.kwlist) | set(dir(__builtins__) if isinstance(__builtins__, dict) else
                                      dir(__builtins__)) | {
    "x", "self", "np", "nn", "torch", "math", "io", "os", "sys", "csv", "base64", "argparse",
    "forward", "training", "train", "eval", "to", "cpu", "cuda", "double", "float", "half",
    "type", "apply", "parameters", "named_parameters", "buffers", "children", "modules",
    "state_dict", "load_state_dict", "zero_grad", "register_buffer", "register_parameter",
    "add_module", "requires_grad_", "extra_repr", "dump_patches", "call_super_init",
}

_ACT_DOC = {
    "linear": "a = z",
    "sigmoid": "a = sigmoid(z) = 1 / (1 + e^-z)",
    "tanh": "a = tanh(z)",
    "relu": "a = max(0, z)",
    "leaky_relu": "a = z if z > 0 else 0.01 z",
    "softmax": "a = softmax(z) over the last axis",
}


def _act_expr(name: str, inner: str) -> str:
    """PyTorch code applying nnsim's activation ``name`` to the expression ``inner``."""
    return {
        "linear": inner,
        "sigmoid": f"torch.sigmoid({inner})",
        "tanh": f"torch.tanh({inner})",
        "relu": f"torch.relu({inner})",
        "leaky_relu": f"nn.functional.leaky_relu({inner}, 0.01)",
        "softmax": f"torch.softmax({inner}, dim=-1)",
    }[name]


# -- small text helpers -------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\x85]")


def _one_line(s) -> str:
    """``s`` made safe for one comment line: no line breaks or control characters."""
    return _CONTROL.sub(" ", str(s).replace("\r", " ").replace("\n", " ").replace("\t", " "))


def _comment_block(text: str, prefix: str = "# ") -> list[str]:
    return [(prefix + _one_line(line)).rstrip() for line in str(text).splitlines() if line.strip()]


def _doc_escape(s: str) -> str:
    """``s`` safe inside a triple-quoted (non-raw) string literal."""
    return _one_line(s).replace("\\", "\\\\").replace('"', '\\"')


def _py_name(node_id: str, taken: set[str]) -> str:
    """A readable Python identifier for ``node_id``, unique within ``taken`` (which it joins)."""
    name = re.sub(r"\W", "_", node_id, flags=re.ASCII)
    if not name or name[0].isdigit():
        name = "layer_" + name
    if name in _RESERVED or name.startswith("_"):
        name = name.lstrip("_") or "layer"
        if name in _RESERVED:
            name += "_"
    base, k = name, 2
    while name in taken:
        name = f"{base}_{k}"
        k += 1
    taken.add(name)
    return name


def _shape_str(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(["batch"] + [str(int(s)) for s in shape]) + ")"


def _float_str(v) -> str:
    """The shortest text that reads back as exactly ``v`` in ``v``'s own precision."""
    s = str(v)  # NumPy scalars print their shortest round-trip form
    return s if ("." in s or "e" in s or "n" in s) else s + ".0"


def _wrap_numbers(items: list[str], indent: str, first: str, last: str,
                  width: int = 100) -> list[str]:
    """``first`` + comma-separated ``items`` + ``last``, in lines of at most ``width`` characters
    (continuation lines start with ``indent``)."""
    lines, cur = [], first
    for k, it in enumerate(items):
        piece = it + ("," if k < len(items) - 1 else "")
        if len(cur) + len(piece) + 1 > width and cur.strip() and cur != first:
            lines.append(cur.rstrip())
            cur = indent
        cur += piece + " "
    lines.append(cur.rstrip() + last)
    return lines


def _array_literal(a: np.ndarray, head: str, indent: str) -> list[str]:
    """Source lines ``head[...],`` for a 1-D or 2-D float array, one matrix row per line (or
    group of lines)."""
    if a.ndim == 1:
        return _wrap_numbers([_float_str(v) for v in a], indent + "    ", head + "[", "],")
    lines = [head + "["]
    for row in a:
        lines.extend(_wrap_numbers([_float_str(v) for v in row], indent + "     ",
                                   indent + "    [", "],"))
    lines.append(indent + "],")
    return lines


def _qlist(items) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _q(s: str) -> str:
    """A string literal, in double quotes when that needs no escaping."""
    s = str(s)
    if s.isprintable() and '"' not in s and "\\" not in s:
        return '"' + s + '"'
    return repr(s)


def _b64_lines(blob: bytes, name: str) -> list[str]:
    text = base64.b64encode(blob).decode("ascii")
    out = [f"{name} = ("]
    for i in range(0, len(text), B64_LINE):
        out.append(f'    "{text[i:i + B64_LINE]}"')
    out.append(")")
    return out


def _npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


# -- what the exporter knows about the project ---------------------------------------------------

@dataclass
class _Layer:
    id: str
    attr: str  # the nn.Module attribute / forward variable
    type: str
    params: dict
    inputs: list[str]  # node ids
    shape: tuple[int, ...]  # output shape without the batch axis
    in_shapes: list[tuple[int, ...]]


@dataclass
class _Plan:
    project: Project
    dataset: Dataset
    layers: list[_Layer]
    input_id: str
    input_shape: tuple[int, ...]
    output_src: str  # node id feeding the Output
    loss: str
    dtype: str
    state: dict[str, np.ndarray]  # nnsim names -> arrays, in the project's dtype
    weights_origin: str  # "trained" | "initial"
    n_params: int


def _load_dataset(project: Project) -> Dataset:
    return make_dataset(project.dataset.name, **project.dataset.params)


def _plan(project: Project, dataset: Dataset | None, weights: dict | None) -> _Plan:
    ds = dataset if dataset is not None else _load_dataset(project)
    shape = DataShape.of(ds)
    v = validate(project, shape)
    if not v.ok:
        raise SpecError(v.problems)
    bare = project.copy()
    bare.weights = None
    if weights is None and project.weights:
        bare.weights = project.weights  # compile_project checks they fit
    net = compile_project(bare, ds)
    origin = "trained" if (weights is not None or project.weights) else "initial"
    if weights is not None:
        try:
            net.load_state_dict(weights)
        except (ValueError, KeyError) as e:
            raise SpecError([Problem(f"The weights do not fit this network: {e}")]) from None
    state = net.state_dict()
    bad = [k for k, a in state.items() if not np.isfinite(a).all()]
    if bad:
        raise SpecError([Problem(f"The weights of {', '.join(bad)} contain NaN or infinite "
                                 "values: reset the weights or train again before exporting")])
    types = {n.id: n for n in project.nodes}
    input_id = next(i for i in v.order if types[i].type == "Input")
    output_id = next(i for i in v.order if types[i].type == "Output")
    taken: set[str] = set()
    attrs = {input_id: "x"}
    layers = []
    for i in v.order:
        n = types[i]
        if n.type in ("Input", "Output"):
            continue
        attrs[i] = _py_name(i, taken)
        srcs = project.inputs_of(i)
        layers.append(_Layer(i, attrs[i], n.type, dict(n.params), srcs, tuple(v.shapes[i]),
                             [tuple(v.shapes[s]) for s in srcs]))
    return _Plan(project, ds, layers, input_id, tuple(ds.input_shape),
                 project.inputs_of(output_id)[0], types[output_id].params["loss"],
                 project.training["dtype"], state, origin, net.n_params)


# -- the public API --------------------------------------------------------------------------------

def dataset_npz(project: Project, dataset: Dataset | None = None) -> bytes:
    """The arrays the script trains on as ``.npz`` bytes (``x_train, y_train, x_val, y_val``):
    inputs and regression targets in the project's precision, class labels as int64."""
    ds = dataset if dataset is not None else _load_dataset(project)
    dt = np.dtype(project.training["dtype"])
    ydt = np.int64 if ds.kind == "classification" else dt
    return _npz_bytes({"x_train": ds.x_train.astype(dt), "y_train": ds.y_train.astype(ydt),
                       "x_val": ds.x_val.astype(dt), "y_val": ds.y_val.astype(ydt)})


def export_pytorch(project: Project, dataset: Dataset | None = None, weights: dict | None = None,
                   *, data_file: str | None = None, source: str = "", filename: str = "") -> str:
    """The text of a self-contained PyTorch script for ``project`` (see the module docstring).

    ``dataset``: the project's data set if already loaded (else it is made from the project).
    ``weights``: an nnsim state dict (``{"dense1.W": array}``) to export instead of the project's.
    ``data_file``: for a built-in data set, the name of a ``.npz`` (from `dataset_npz`) the script
    reads from its own folder instead of carrying the arrays inside; ignored for CSV projects.
    ``source``: the project file name, mentioned in the script's header; ``filename``: the
    script's own file name, used in its usage notes.

    Raises ``SpecError`` when the network is not valid or the weights do not fit, and
    ``DataError`` when the data set cannot be made.
    """
    plan = _plan(project, dataset, weights)
    return _ScriptWriter(plan, data_file, source, filename).text()


def export_pytorch_to_file(project: Project, path, dataset: Dataset | None = None,
                           weights: dict | None = None, *, embed_limit: int = EMBED_LIMIT,
                           source: str = "") -> list[Path]:
    """Write the script to ``path`` (atomically) and return the files written, the script first.

    A built-in data set that compresses to more than ``embed_limit`` bytes is written beside the
    script as ``<stem>.data.npz`` (the script reads it from its own folder); a smaller one is
    embedded; a CSV project's script reads the CSV file itself.
    """
    path = Path(path)
    ds = dataset if dataset is not None else _load_dataset(project)
    written = [path]
    data_file = None
    if ds.name != "csv":
        blob = dataset_npz(project, ds)
        if len(blob) > embed_limit:
            data_file = path.stem + ".data.npz"
            text = export_pytorch(project, ds, weights, data_file=data_file, source=source,
                                  filename=path.name)
            atomic_write(path.parent / data_file, blob)
            written.append(path.parent / data_file)
            atomic_write(path, text.encode("utf-8"))
            return written
    text = export_pytorch(project, ds, weights, source=source, filename=path.name)
    atomic_write(path, text.encode("utf-8"))
    return written


# -- the writer ----------------------------------------------------------------------------------

_OPT_DOC = {
    "sgd": "plain gradient descent: theta <- theta - lr g",
    "momentum": "momentum 0.9: v <- 0.9 v - lr g; theta <- theta + v",
    "nesterov": "Nesterov momentum 0.9 (the look-ahead form)",
    "rmsprop": "RMSprop: s <- 0.9 s + 0.1 g^2; theta <- theta - lr g / (sqrt(s) + 1e-8)",
    "adam": "Adam: beta1 0.9, beta2 0.999, eps 1e-8, bias-corrected moments",
}


class _ScriptWriter:
    def __init__(self, plan: _Plan, data_file: str | None, source: str, filename: str = ""):
        self.p = plan
        self.ds = plan.dataset
        self.csv = plan.dataset.name == "csv"
        self.data_file = None if self.csv else data_file
        self.source = source
        self.filename = _one_line(filename) or "this_file.py"
        self.tr = plan.project.training
        self.lines: list[str] = []
        self.attr = {l.id: l.attr for l in plan.layers}
        self.attr[plan.input_id] = "x"
        self.recurrent = [l for l in plan.layers if l.type in ("SimpleRNN", "LSTM")]

    # helpers
    def w(self, *lines: str) -> None:
        self.lines.extend(lines)

    def blank(self, n: int = 1) -> None:
        self.lines.extend([""] * n)

    def text(self) -> str:
        self.header()
        self.settings()
        self.data_section()
        self.model_section()
        self.weights_section()
        self.loss_section()
        self.training_section()
        self.main_section()
        self.blobs()
        self.w("", "", 'if __name__ == "__main__":', "    main()")
        return "\n".join(self.lines) + "\n"

    # -- sections -----------------------------------------------------------------------------
    def header(self) -> None:
        p, proj = self.p, self.p.project
        name = _doc_escape(proj.name)
        run = _doc_escape(self.filename if " " not in self.filename else repr(self.filename))
        stem = Path(self.filename).stem
        steps = int(self.tr["steps"])
        if self.csv:
            data = "read from the CSV file by nnsim's rules (see load_data)"
        elif self.data_file:
            data = f"read from {_doc_escape(self.data_file)} beside this file"
        else:
            data = "embedded at the end of this file"
        trained = ("the weights nnsim trained" if p.weights_origin == "trained"
                   else f"nnsim's untrained initial weights (seed {int(self.tr['seed'])})")
        self.w(
            "#!/usr/bin/env python3",
            f'"""{name}: a PyTorch version of an nnsim project.',
            "",
            f"Exported by nnsim {__version__}"
            + (f" from {_doc_escape(self.source)}" if self.source else "") + ". It needs only "
            "NumPy and PyTorch.",
            "",
            "Run it:",
            f"    python {run}  # evaluate the exported weights, then train {steps} steps",
            f"    python {run} --steps 0  # only evaluate",
            f"    python {run} --help  # all options (steps, device, saving)",
            "",
            "What is inside, top to bottom:",
            f"    load_data()               the data set, {data}",
            "    Net                       the network as a torch.nn.Module, layer for layer",
            f"    nnsim_weights()           {trained}, in nnsim's layout",
            "    torch_state_from_nnsim()  the same weights in PyTorch's layout",
            "    loss_fn(), accuracy()     the loss and the score nnsim reports",
            "    make_optimizer(), train(), evaluate()  nnsim's optimiser and training loop",
            "    main()                    what runs when you start the file",
            *(["", f"Import it to reuse the pieces: `from {stem} import Net, build_model, "
                "load_data`."] if stem.isidentifier() and not keyword.iskeyword(stem) else []),
            '"""',
        )
        extra = []
        if proj.description:
            extra += _comment_block(proj.description)
        if proj.notes:
            extra += ["#"] + _comment_block(proj.notes)
        if extra:
            self.w("", "# About this project (from nnsim):", *extra)
        self.w(
            "",
            "import argparse",
            "import base64",
            "import io",
            "import math",
            "import os",
            "import sys",
        )
        if self.csv:
            self.w("import csv")
        self.w(
            "",
            "import numpy as np",
            "import torch",
            "from torch import nn",
        )

    def settings(self) -> None:
        tr = self.tr
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# Training settings, as set in nnsim",
            "# ---------------------------------------------------------------------------------",
            f"DTYPE = torch.{tr['dtype']}  # nnsim's Precision setting",
            f"SEED = {int(tr['seed'])}  # seeds the batch order and dropout",
            f"OPTIMIZER = {_q(tr['optimizer'])}  # {_OPT_DOC[tr['optimizer']]}",
            f"LEARNING_RATE = {float(tr['learning_rate'])!r}",
            f"BATCH_SIZE = {int(tr['batch_size'])}",
            f"STEPS = {int(tr['steps'])}  # training budget in mini-batch steps",
            f"EVAL_EVERY = {int(tr['eval_every'])}  # steps between validation passes",
            f"WEIGHT_DECAY = {float(tr['weight_decay'])!r}  # L2 on weights (not biases), "
            "added to the gradient",
            f"CLIP_NORM = {float(tr['clip_norm'])!r}  # 0 = off; else the whole gradient is "
            "rescaled to this norm",
            f"LOSS = {_q(self.p.loss)}",
            f"TASK = {_q(self.ds.kind)}",
        )
        if self.ds.kind == "classification":
            self.w(f"N_CLASSES = {int(self.ds.n_classes)}")
            names = self.ds.meta.get("target_names")
            if isinstance(names, (list, tuple)) and len(names) == self.ds.n_classes:
                self.w(f"CLASS_NAMES = {_qlist(names)}  # class i is CLASS_NAMES[i]")

    # -- data ---------------------------------------------------------------------------------
    def data_section(self) -> None:
        ds = self.ds
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# The data set",
            "# ---------------------------------------------------------------------------------",
        )
        x_desc = "(n, " + ", ".join(str(s) for s in ds.input_shape) + ")"
        if len(ds.input_shape) == 2:
            x_desc += " = (examples, time steps, features)"
        else:
            x_desc += " = (examples, features)"
        if ds.kind == "classification":
            y_desc = "(n, " + ", ".join(str(s) for s in ds.y_train.shape[1:]) + \
                (")" if ds.y_train.ndim > 1 else ")")
            y_desc = "(n,)" if ds.y_train.ndim == 1 else y_desc
            y_desc += f" class labels 0..{ds.n_classes - 1}"
            if ds.y_train.ndim > 1:
                y_desc += ", one per time step"
        else:
            y_desc = "(n, " + ", ".join(str(s) for s in ds.y_train.shape[1:]) + ") values"
            if ds.y_train.ndim == 3:
                y_desc += ", one per time step"
        params = ds.meta.get("params") or dict(self.p.project.dataset.params)
        self.w(f"# {_one_line(ds.title)} (nnsim data set {ds.name!r}"
               + (", " + _one_line(", ".join(f"{k}={v!r}" for k, v in params.items()
                                            if k != "path")) if params else "") + ").")
        self.w(*_comment_block(ds.meta.get("description", "")))
        self.w(f"# x: {x_desc}; y: {y_desc}.",
               f"# nnsim split it into {ds.n_train} training and {ds.n_val} validation examples.")
        if self.csv:
            self.csv_loader(params)
        elif self.data_file:
            self.w(
                "# The arrays are those nnsim trained on; they are too large to embed, so they",
                "# live in a .npz file that must stay in the same folder as this script.",
                f"DATA_FILE = {_q(self.data_file)}",
                "",
                "",
                "def load_data(path=None):",
                '    """(x_train, y_train, x_val, y_val): NumPy arrays, exactly as in nnsim."""',
                "    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "
                "DATA_FILE)",
                "    with np.load(path, allow_pickle=False) as z:",
                '        return z["x_train"], z["y_train"], z["x_val"], z["y_val"]',
            )
        else:
            self.w(
                "# The arrays are those nnsim trained on (the generator is part of nnsim, so the",
                "# data travel with the script): a base64 .npz, DATA_NPZ_BASE64 at the end.",
                "",
                "",
                "def load_data():",
                '    """(x_train, y_train, x_val, y_val): NumPy arrays, exactly as in nnsim."""',
                '    blob = base64.b64decode(DATA_NPZ_BASE64)',
                "    with np.load(io.BytesIO(blob), allow_pickle=False) as z:",
                '        return z["x_train"], z["y_train"], z["x_val"], z["y_val"]',
            )

    def csv_loader(self, params: dict) -> None:
        ds = self.ds
        meta = ds.meta
        path = meta.get("source") or params.get("path", "")
        try:
            path = str(Path(path).resolve())
        except (OSError, RuntimeError):
            path = str(path)
        names = list(meta.get("feature_names", []))
        target = meta.get("target_name", "")
        task = meta.get("task", ds.kind)
        vf = float(params.get("val_fraction", 0.2))
        seed = int(params.get("seed", 0))
        class_names = [str(n) for n in meta.get("target_names") or []]
        numeric = bool(class_names) and all(_is_number(c) for c in class_names)
        self.w(
            "# Read from your CSV file every time, by the rules nnsim used to import it: UTF-8,",
            "# the delimiter (comma, semicolon or tab) that the first line uses most, blank rows",
            "# skipped, columns empty everywhere dropped, the same target and feature columns,",
            "# the same random split, and the features standardised with the mean and standard",
            "# deviation nnsim computed on the training split (stored below, so new data is",
            "# scaled exactly like the data the network learned from).",
            f"CSV_PATH = {_q(path)}",
            f"CSV_HAS_HEADER = {bool(meta.get('has_header', False))!r}",
            f"FEATURE_COLUMNS = {_qlist(names)}",
            f"TARGET_COLUMN = {_q(target)}",
            f"CSV_TASK = {_q(task)}",
            f"VAL_FRACTION = {vf!r}",
            f"DATA_SEED = {seed}",
            f"FEATURE_MEAN = {[float(v) for v in meta.get('feature_mean', [])]!r}",
            f"FEATURE_STD = {[float(v) for v in meta.get('feature_std', [])]!r}",
        )
        if task == "classification":
            self.w(f"CLASSES_ARE_NUMBERS = {numeric!r}  # then '1' and '1.0' are one class")
        self.w(
            "",
            "",
            "def read_csv_columns(path):",
            '    """{column name: list of cells} of the CSV file, read as nnsim reads it."""',
            '    with open(path, encoding="utf-8-sig", newline="") as f:',
            "        text = f.read()",
            '    first = next((line for line in text.splitlines() if line.strip()), "")',
            '    delimiter = max([",", ";", "\\t"], key=lambda d: (first.count(d), d == ","))',
            "    if not first.count(delimiter):",
            '        delimiter = ","',
            "    rows = [[cell.strip() for cell in row]",
            "            for row in csv.reader(io.StringIO(text, newline=\"\"), "
            "delimiter=delimiter)]",
            "    rows = [row for row in rows if any(row)]",
            "    if CSV_HAS_HEADER:",
            "        header, rows = rows[0], rows[1:]",
            "    else:",
            '        header = [""] * len(rows[0])',
            "    # a column empty everywhere (a trailing delimiter) is dropped",
            "    keep = [j for j in range(len(header)) if header[j] or any(r[j] for r in rows)]",
            "    if CSV_HAS_HEADER:",
            '        names = [header[j] or f"column {k + 1}" for k, j in enumerate(keep)]',
            "    else:",
            '        names = [f"column {k + 1}" for k in range(len(keep))]',
            "    return {name: [row[j] for row in rows] for name, j in zip(names, keep)}",
            "",
            "",
            "def load_data(path=None):",
            '    """(x_train, y_train, x_val, y_val) from the CSV file, as nnsim imported it."""',
            "    path = path or CSV_PATH",
            "    if not os.path.isfile(path):",
            '        sys.exit(f"CSV file not found: {path}; pass its new place with --csv PATH")',
            "    columns = read_csv_columns(path)",
            "    x = np.array([[float(c) for c in columns[name]] for name in FEATURE_COLUMNS],",
            "                 dtype=np.float64).T",
            "    cells = columns[TARGET_COLUMN]",
        )
        if task == "classification":
            self.w(
                "    if CLASSES_ARE_NUMBERS:",
                '        cells = [f"{float(c):g}" for c in cells]',
                "    unknown = sorted(set(cells) - set(CLASS_NAMES))",
                "    if unknown:",
                '        sys.exit(f"{path}: class(es) {unknown} were not in the data nnsim '
                'trained on")',
                "    y = np.array([CLASS_NAMES.index(c) for c in cells], dtype=np.int64)",
            )
        else:
            self.w("    y = np.array([float(c) for c in cells], dtype=np.float64)[:, None]")
        self.w(
            "    # nnsim's split: one random permutation, the first n_val examples validate",
            "    rng = np.random.default_rng(DATA_SEED)",
            "    order = rng.permutation(len(x))",
            "    n_val = int(min(max(round(len(x) * VAL_FRACTION), 1), len(x) - 1))",
            "    train, val = order[n_val:], order[:n_val]",
            "    # standardise with the training split's statistics stored at export time",
            "    mean, std = np.array(FEATURE_MEAN), np.array(FEATURE_STD)",
            "    x = (x - mean) / std",
            "    return x[train], y[train], x[val], y[val]",
        )

    # -- model --------------------------------------------------------------------------------
    def model_section(self) -> None:
        p = self.p
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# The network",
            "# ---------------------------------------------------------------------------------",
            "class Net(nn.Module):",
            f'    """The network drawn in nnsim ({p.n_params:,} parameters), layer for layer.',
            "",
            "    forward(x) takes x: " + _shape_str(p.input_shape) + " and returns the raw "
            "output " + _shape_str(dict((l.id, l.shape) for l in p.layers)[p.output_src]),
        )
        self.w({
            "cross_entropy": "    (logits: the loss applies softmax itself; predict() gives "
                             "probabilities).",
            "bce": "    (the logit of class 1: the loss applies sigmoid itself; predict() gives "
                   "P(class 1)).",
            "mse": "    (the predicted values).",
        }[p.loss])
        self.w('    """', "", "    def __init__(self):", "        super().__init__()")
        for l in p.layers:
            self.w(*self.init_lines(l))
        self.w("", "    def forward(self, x):", f"        # x: {_shape_str(p.input_shape)}")
        for l in p.layers:
            self.w(*self.forward_lines(l))
        self.w(f"        return {self.attr[p.output_src]}")
        self.blank(2)
        out_act = {"cross_entropy": "torch.softmax(out, dim=-1)", "bce": "torch.sigmoid(out)",
                   "mse": "out"}[p.loss]
        what = {"cross_entropy": "class probabilities", "bce": "P(class 1)",
                "mse": "the predicted values"}[p.loss]
        self.w(
            "def predict(model, x):",
            f'    """What nnsim shows as the prediction: {what}."""',
            "    model.eval()",
            "    with torch.no_grad():",
            "        out = model(x)",
            f"    return {out_act}",
        )

    def init_lines(self, l: _Layer) -> list[str]:
        a, P, ind = l.attr, l.params, "        "
        head = f"{ind}# {_one_line(l.id)}: "
        n_in = l.in_shapes[0][-1] if l.in_shapes else 0
        if l.type == "Dense":
            act = P["activation"]
            return [head + f"Dense, {P['units']} units, {act}:  z = x W + b,  {_ACT_DOC[act]}",
                    f"{ind}self.{a} = nn.Linear({n_in}, {P['units']})"]
        if l.type == "Dropout":
            return [head + f"Dropout, rate {P['rate']:g}: in model.train() each unit is dropped "
                           f"with probability {P['rate']:g}",
                    f"{ind}# and the rest scaled by 1/(1 - rate) (inverted dropout, as in "
                    "nnsim); identity in model.eval()",
                    f"{ind}self.{a} = nn.Dropout(p={float(P['rate'])!r})"]
        if l.type in ("SimpleRNN", "LSTM"):
            u = P["units"]
            if l.type == "SimpleRNN":
                lines = [head + f"SimpleRNN, {u} units:  h_t = tanh(x_t Wx + h_(t-1) Wh + b), "
                                "h_0 = 0",
                         f'{ind}self.{a} = nn.RNN({n_in}, {u}, batch_first=True, '
                         'nonlinearity="tanh")']
            else:
                lines = [head + f"LSTM, {u} units: forget, input and output gates and a "
                                "candidate C~ guard",
                         f"{ind}# the cell state: C_t = f C_(t-1) + i C~,  h_t = o tanh(C_t); "
                         "h_0 = C_0 = 0",
                         f"{ind}self.{a} = nn.LSTM({n_in}, {u}, batch_first=True)"]
            lines += [
                f"{ind}# nnsim has one bias b; PyTorch adds two (bias_ih + bias_hh). bias_hh "
                "stays 0 and",
                f"{ind}# frozen, so the model has nnsim's parameters and trains the way it "
                "does.",
                f"{ind}nn.init.zeros_(self.{a}.bias_hh_l0)",
                f"{ind}self.{a}.bias_hh_l0.requires_grad_(False)",
            ]
            if int(P.get("bptt_steps", 0)) > 0:
                lines.append(
                    f"{ind}# (nnsim truncated backpropagation to the last {P['bptt_steps']} "
                    "steps; this trains with full BPTT)")
            return lines
        if l.type == "Activation":
            return [head + f"Activation {P['activation']}: {_ACT_DOC[P['activation']]} "
                           "(no parameters; applied in forward)"]
        if l.type == "Add":
            return [head + "Add: y = " + " + ".join(_one_line(s) for s in l.inputs)
                    + " (no parameters)"]
        if l.type == "Concatenate":
            return [head + "Concatenate [" + ", ".join(_one_line(s) for s in l.inputs)
                    + "] along the feature axis (no parameters)"]
        raise ValueError(f"the PyTorch export does not know layer type {l.type!r}")

    def forward_lines(self, l: _Layer) -> list[str]:
        a, P, ind = l.attr, l.params, "        "
        ins = [self.attr[s] for s in l.inputs]
        shape = f"  # {_shape_str(l.shape)}"
        if l.type == "Dense":
            return [f"{ind}{a} = {_act_expr(P['activation'], f'self.{a}({ins[0]})')}{shape}"]
        if l.type == "Activation":
            return [f"{ind}{a} = {_act_expr(P['activation'], ins[0])}{shape}"]
        if l.type == "Dropout":
            return [f"{ind}{a} = self.{a}({ins[0]}){shape}"]
        if l.type in ("SimpleRNN", "LSTM"):
            if P["return_sequences"]:
                return [f"{ind}{a}, _ = self.{a}({ins[0]})  # every hidden state h_t: "
                        f"{_shape_str(l.shape)}"]
            return [f"{ind}{a}, _ = self.{a}({ins[0]})  # every hidden state h_t",
                    f"{ind}{a} = {a}[:, -1]  # the last state only (return_sequences off): "
                    f"{_shape_str(l.shape)}"]
        if l.type == "Add":
            return [f"{ind}{a} = {' + '.join(ins)}{shape}"]
        if l.type == "Concatenate":
            return [f"{ind}{a} = torch.cat([{', '.join(ins)}], dim=-1){shape}"]
        raise ValueError(f"the PyTorch export does not know layer type {l.type!r}")

    # -- weights ------------------------------------------------------------------------------
    def weights_section(self) -> None:
        p = self.p
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# The weights",
            "# ---------------------------------------------------------------------------------",
        )
        if p.weights_origin == "trained":
            self.w("# The weights nnsim trained, in nnsim's layout and names (\"<layer>.W\"): "
                   "NNSIM_WEIGHTS at the end.")
        else:
            self.w(f"# nnsim's initial weights for seed {int(self.tr['seed'])} (the project "
                   "had not been trained): the run",
                   "# starts exactly where nnsim's would. NNSIM_WEIGHTS at the end.")
        self.w(
            "",
            "",
            "def nnsim_weights():",
            '    """{"<layer>.<W|b|Wx|Wh>": NumPy array}, exactly as nnsim stores them."""',
        )
        if self.lists:
            self.w("    return {k: np.array(v, dtype=np.float64) for k, v in "
                   "NNSIM_WEIGHTS.items()}")
        else:
            self.w(
                '    blob = base64.b64decode(NNSIM_WEIGHTS)',
                "    with np.load(io.BytesIO(blob), allow_pickle=False) as z:",
                "        return {k: z[k] for k in z.files}",
            )
        if self.recurrent and any(l.type == "LSTM" for l in self.recurrent):
            self.w(
                "",
                "",
                "def lstm_gates_to_torch(m):",
                '    """nnsim keeps the four LSTM gates side by side as (forget, input, candidate,',
                "    output); PyTorch stacks them as (input, forget, cell, output): swap the first "
                "two.",
                '    """',
                "    f, i, g, o = m.chunk(4, dim=0)",
                "    return torch.cat([i, f, g, o], dim=0)",
            )
        self.w(
            "",
            "",
            "def torch_state_from_nnsim(w):",
            '    """nnsim\'s weights (from nnsim_weights()) as a state_dict for Net.',
            "",
            "    nnsim computes z = x W + b with W: (inputs, units); nn.Linear and the recurrent",
            "    layers keep weight: (units, inputs) and compute x weight^T, hence the "
            "transposes.",
            '    """',
            "    def t(name):",
            "        return torch.as_tensor(np.asarray(w[name]), dtype=DTYPE)",
            "",
            "    return {",
        )
        ind = "        "
        for l in p.layers:
            k, a = _q, l.attr
            if l.type == "Dense":
                self.w(f"{ind}# {_one_line(l.id)}: W {tuple(p.state[l.id + '.W'].shape)} -> "
                       "weight = W^T",
                       f"{ind}\"{a}.weight\": t({k(l.id + '.W')}).T,",
                       f"{ind}\"{a}.bias\": t({k(l.id + '.b')}),")
            elif l.type == "SimpleRNN":
                self.w(f"{ind}# {_one_line(l.id)}: Wx -> weight_ih = Wx^T, Wh -> weight_hh = "
                       "Wh^T, b -> bias_ih, bias_hh = 0",
                       f"{ind}\"{a}.weight_ih_l0\": t({k(l.id + '.Wx')}).T,",
                       f"{ind}\"{a}.weight_hh_l0\": t({k(l.id + '.Wh')}).T,",
                       f"{ind}\"{a}.bias_ih_l0\": t({k(l.id + '.b')}),",
                       f"{ind}\"{a}.bias_hh_l0\": torch.zeros_like(t({k(l.id + '.b')})),")
            elif l.type == "LSTM":
                self.w(f"{ind}# {_one_line(l.id)}: as for a SimpleRNN, with the gate blocks "
                       "reordered (f, i, g, o) -> (i, f, g, o)",
                       f"{ind}\"{a}.weight_ih_l0\": lstm_gates_to_torch(t({k(l.id + '.Wx')}).T),",
                       f"{ind}\"{a}.weight_hh_l0\": lstm_gates_to_torch(t({k(l.id + '.Wh')}).T),",
                       f"{ind}\"{a}.bias_ih_l0\": lstm_gates_to_torch(t({k(l.id + '.b')})),",
                       f"{ind}\"{a}.bias_hh_l0\": torch.zeros_like(t({k(l.id + '.b')})),")
        self.w("    }")

    @property
    def lists(self) -> bool:
        return sum(a.size for a in self.p.state.values()) <= LIST_LIMIT

    # -- loss ---------------------------------------------------------------------------------
    def loss_section(self) -> None:
        loss = self.p.loss
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# The loss and the score",
            "# ---------------------------------------------------------------------------------",
        )
        if loss == "cross_entropy":
            self.w(
                "# nnsim's cross_entropy: softmax and cross-entropy fused on the logits, "
                "L = -mean(log softmax(z)_y);",
                "# with a time axis every step counts as a sample.",
                "CRITERION = nn.CrossEntropyLoss()",
                "",
                "",
                "def loss_fn(out, y):",
                "    return CRITERION(out.reshape(-1, out.shape[-1]), y.reshape(-1))",
                "",
                "",
                "def accuracy(out, y):",
                '    """Fraction of examples (and time steps) whose largest logit is the true '
                'class."""',
                "    return (out.argmax(dim=-1) == y.reshape(out.shape[:-1])).double().mean()"
                ".item()",
            )
        elif loss == "bce":
            self.w(
                "# nnsim's bce: sigmoid and binary cross-entropy fused on one logit,",
                "# L = -mean(y log s(z) + (1 - y) log(1 - s(z))).",
                "CRITERION = nn.BCEWithLogitsLoss()",
                "",
                "",
                "def loss_fn(out, y):",
                "    return CRITERION(out, y.reshape(out.shape).to(out.dtype))",
                "",
                "",
                "def accuracy(out, y):",
                '    """Fraction of examples where (logit > 0) matches (label > 0.5)."""',
                "    return ((out.reshape(-1) > 0) == (y.reshape(-1) > 0.5)).double().mean()"
                ".item()",
            )
        else:
            self.w(
                "# nnsim's mse: L = mean((y_hat - y)^2) over every output value.",
                "CRITERION = nn.MSELoss()",
                "",
                "",
                "def loss_fn(out, y):",
                "    return CRITERION(out, y.reshape(out.shape).to(out.dtype))",
                "",
                "",
                "def accuracy(out, y):",
                '    """Regression has no accuracy."""',
                "    return None",
            )

    # -- optimiser and loop -------------------------------------------------------------------
    def training_section(self) -> None:
        opt = self.tr["optimizer"]
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# The optimiser and the training loop",
            "# ---------------------------------------------------------------------------------",
            "def make_optimizer(model):",
            f'    """nnsim\'s {opt!r}: {_OPT_DOC[opt]}."""',
            "    params = [p for p in model.parameters() if p.requires_grad]",
        )
        self.w(*{
            "sgd": ["    return torch.optim.SGD(params, lr=LEARNING_RATE)"],
            "momentum": [
                "    # nnsim: v <- mu v - lr g, theta += v; PyTorch: b <- mu b + g, theta -= lr b:",
                "    # the same steps (v = -lr b) while the learning rate is constant",
                "    return torch.optim.SGD(params, lr=LEARNING_RATE, momentum=0.9)"],
            "nesterov": [
                "    # nnsim: theta += -mu v_old + (1 + mu) v_new, which equals PyTorch's "
                "nesterov=True",
                "    return torch.optim.SGD(params, lr=LEARNING_RATE, momentum=0.9, "
                "nesterov=True)"],
            "rmsprop": [
                "    # nnsim's rho is 0.9 (PyTorch's alpha, whose default is 0.99); eps is added "
                "outside",
                "    # the square root in both",
                "    return torch.optim.RMSprop(params, lr=LEARNING_RATE, alpha=0.9, eps=1e-8)"],
            "adam": [
                "    # (nnsim folds the bias correction into the step size, so its eps acts as "
                "1e-8 / sqrt(1 - 0.999^t):",
                "    # a difference that only shows when gradients are as small as 1e-8)",
                "    return torch.optim.Adam(params, lr=LEARNING_RATE, betas=(0.9, 0.999), "
                "eps=1e-8)"],
        }[opt])
        self.w(
            "",
            "",
            "def batches(n, batch_size, seed=SEED):",
            '    """Index arrays of mini-batches, forever, drawn as nnsim draws them: a fresh '
            "shuffle",
            "    each epoch (the same NumPy generator and seed, so the same order), an incomplete",
            '    last batch skipped."""',
            "    rng = np.random.default_rng([seed, 3])",
            "    size = min(batch_size, n)",
            "    while True:",
            "        order = rng.permutation(n)",
            "        for start in range(0, n - size + 1, size):",
            "            yield order[start:start + size]",
            "",
            "",
            "def evaluate(model, x, y, batch_size=4096):",
            '    """(mean loss, accuracy or None) over a whole data set, in eval mode."""',
            "    model.eval()",
            "    total, correct, count = 0.0, 0.0, 0",
            "    with torch.no_grad():",
            "        for s in range(0, len(x), batch_size):",
            "            xb, yb = x[s:s + batch_size], y[s:s + batch_size]",
            "            out = model(xb)",
            "            total += loss_fn(out, yb).item() * len(xb)",
            "            acc = accuracy(out, yb)",
            "            correct += 0.0 if acc is None else acc * len(xb)",
            "            count += len(xb)",
            '    return total / count, (correct / count if TASK == "classification" and LOSS != '
            '"mse" else None)',
            "",
            "",
            "def report(step, model, data):",
            "    x_train, y_train, x_val, y_val = data",
            "    train_loss, _ = evaluate(model, x_train[:1000], y_train[:1000])",
            "    val_loss, val_acc = evaluate(model, x_val, y_val)",
            '    acc = "" if val_acc is None else f"  val acc {val_acc:.3f}"',
            '    print(f"step {step:>7}  train loss {train_loss:.4g}  val loss {val_loss:.4g}'
            '{acc}", flush=True)',
            "    return val_loss, val_acc",
            "",
            "",
            "def train(model, data, steps=STEPS, seed=SEED):",
            '    """Mini-batch training as nnsim does it: forward in train mode, the loss, '
            "backward,",
            "    L2 weight decay on the weights (not the biases) added to the gradient, "
            "clipping of",
            '    the whole gradient, one optimiser step. Evaluates every EVAL_EVERY steps."""',
            "    x_train, y_train, x_val, y_val = data",
            "    optimizer = make_optimizer(model)",
            "    params = [p for p in model.parameters() if p.requires_grad]",
            "    decayed = [p for p in params if p.dim() >= 2]  # weights decay, biases do not",
            "    step = 0",
            "    for step, idx in zip(range(1, steps + 1), batches(len(x_train), BATCH_SIZE, "
            "seed)):",
            "        idx = torch.as_tensor(idx, device=x_train.device)",
            "        model.train()",
            "        loss = loss_fn(model(x_train[idx]), y_train[idx])",
            "        optimizer.zero_grad()",
            "        loss.backward()",
            "        if WEIGHT_DECAY:",
            "            with torch.no_grad():",
            "                for p in decayed:",
            "                    p.grad.add_(p, alpha=WEIGHT_DECAY)",
            "        if CLIP_NORM:",
            "            nn.utils.clip_grad_norm_(params, CLIP_NORM)",
            "        optimizer.step()",
            "        if not math.isfinite(loss.item()):",
            '            print(f"step {step}: the loss is {loss.item()}; training stopped '
            '(try a smaller learning rate)")',
            "            break",
            "        if step % EVAL_EVERY == 0 or step == steps:",
            "            report(step, model, data)",
            "    return step",
        )

    def main_section(self) -> None:
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# Running the file",
            "# ---------------------------------------------------------------------------------",
            "def to_tensors(arrays, device):",
            '    """NumPy (x_train, y_train, x_val, y_val) as tensors (copies): inputs in DTYPE, '
            'labels as int64."""',
            "    x_train, y_train, x_val, y_val = arrays",
            '    ydtype = torch.long if TASK == "classification" else DTYPE',
            "    return (torch.tensor(x_train, dtype=DTYPE, device=device),",
            "            torch.tensor(y_train, dtype=ydtype, device=device),",
            "            torch.tensor(x_val, dtype=DTYPE, device=device),",
            "            torch.tensor(y_val, dtype=ydtype, device=device))",
            "",
            "",
            "def build_model(device=\"cpu\"):",
            '    """Net with the exported weights loaded."""',
            "    model = Net().to(dtype=DTYPE)",
            "    model.load_state_dict(torch_state_from_nnsim(nnsim_weights()))",
            "    return model.to(device)",
            "",
            "",
            "def main(argv=None):",
            "    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])",
            '    parser.add_argument("--steps", type=int, '
            'default=int(os.environ.get("NNSIM_EXPORT_STEPS", STEPS)),',
            '                        help=f"mini-batch steps to train (default {STEPS}; 0 = only '
            'evaluate)")',
            '    parser.add_argument("--device", default="cpu", help="cpu, cuda, mps, ...")',
            '    parser.add_argument("--save", metavar="FILE.pt", help="save the trained '
            'state_dict there")',
        )
        if self.csv:
            self.w('    parser.add_argument("--csv", default=CSV_PATH, help="the CSV file '
                   '(default: where it was when exported)")')
        self.w(
            "    args = parser.parse_args(argv)",
            "    torch.manual_seed(SEED)  # dropout masks",
            "    data = to_tensors(load_data(" + ("args.csv" if self.csv else "") + "), "
            "args.device)",
            "    model = build_model(args.device)",
            '    print(f"{sum(p.numel() for p in model.parameters() if p.requires_grad):,} '
            'parameters; "',
            '          f"{len(data[0])} training and {len(data[2])} validation examples")',
            '    print("the exported weights:")',
            "    report(0, model, data)",
            "    if args.steps > 0:",
            "        train(model, data, args.steps)",
            "    if args.save:",
            "        torch.save(model.state_dict(), args.save)",
            '        print(f"saved {args.save}")',
        )

    def blobs(self) -> None:
        p = self.p
        self.blank(2)
        self.w(
            "# ---------------------------------------------------------------------------------",
            "# Embedded data (generated by nnsim)",
            "# ---------------------------------------------------------------------------------",
        )
        if self.lists:
            self.w("NNSIM_WEIGHTS = {")
            for l in p.layers:
                for key in (k for k in p.state if k.startswith(l.id + ".")
                            and k[len(l.id) + 1:] in ("W", "b", "Wx", "Wh")):
                    a = p.state[key]
                    note = ""
                    if l.type == "LSTM":
                        u = l.params["units"]
                        note = f", gate blocks of {u}: forget, input, candidate, output"
                    self.w(f"    # {_one_line(key)}: {a.shape}{note}")
                    self.w(*_array_literal(a, f"    {_q(key)}: ", "    "))
            self.w("}")
        else:
            self.w("# nnsim's weights as a base64 .npz ({\"<layer>.W\": array}).")
            self.w(*_b64_lines(_npz_bytes(dict(p.state)), "NNSIM_WEIGHTS"))
        if not self.csv and not self.data_file:
            self.w("", "# The data set as a base64 .npz: x_train, y_train, x_val, y_val.")
            self.w(*_b64_lines(dataset_npz(p.project, self.ds), "DATA_NPZ_BASE64"))


def _is_number(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True
