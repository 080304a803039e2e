"""Hypothesis strategies for the fuzz tests: broken project files, broken CSV files, spec edits.

Everything starts from what users really have (the bundled example projects) and breaks it the
way files get broken: wrong types, missing keys, absurd sizes, NaN and infinity, deep nesting,
wrong versions, random unicode ids, duplicated ids, links to nowhere, random graphs, truncated or
corrupted bytes. Strategies only build data; the tests decide what must happen to it.
"""

from __future__ import annotations

import json
import math
import string
from functools import lru_cache

from hypothesis import strategies as st

from nnsim.paths import resource_path
from nnsim.spec.registry import LAYER_TYPES, TRAINING_PARAMS

# --------------------------------------------------------------------------- the examples


@lru_cache(maxsize=1)
def example_paths() -> tuple:
    return tuple(sorted(resource_path("examples").glob("*.json")))


@lru_cache(maxsize=None)
def _example_text(path) -> str:
    return path.read_text(encoding="utf-8")


def example_dict(path) -> dict:
    """A fresh, mutable copy of an example project as JSON data."""
    return json.loads(_example_text(path))


examples = st.sampled_from(example_paths()) if example_paths() else st.nothing()

# --------------------------------------------------------------------------- values

#: Raw JSON number literals that Python's json module writes only with help (or not at all):
#: they are spliced into the text in place of a sentinel string. 5,000 digits trips Python's
#: int-from-string limit; 1e400 overflows to infinity.
RAW_LITERALS = ("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1" + "0" * 5000,
                "-" + "9" * 4400, "1e-400", "123456789012345678901234567890",
                '"\\ud800 lone surrogate"', '"\\u0000"')
_SENTINEL = "\ue000raw:{}\ue000"

HUGE_NUMBERS = (10**12, 10**9, 2**31, 2**63, 2**64 + 1, -1, -(10**12), 0, 1, 4096, 4097,
                100_000, 100_001, 1e308, -1e308, 1e-320, 0.5, -0.0, 1.5, 3.0)

weird_text = st.one_of(
    st.text(max_size=12),                                        # random unicode
    st.sampled_from(["", " ", "\x00", "../../etc/passwd", "/dev/zero", "NaN", "∞", "名前",
                     "\U0001f600", "a" * 65, "b" * 201, "Dense", "Input", "Output", "LSTM",
                     "xor", "csv", "adam", "float16", "__class__", "con", "nul"]),
)

weird_scalar = st.one_of(
    st.none(), st.booleans(), st.sampled_from(HUGE_NUMBERS),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    weird_text,
    st.sampled_from(RAW_LITERALS).map(_SENTINEL.format),
)


def json_values(max_leaves: int = 12):
    """Any JSON value (plus raw literals), nested a little."""
    return st.recursive(
        weird_scalar,
        lambda inner: st.one_of(st.lists(inner, max_size=4),
                                st.dictionaries(weird_text, inner, max_size=4)),
        max_leaves=max_leaves,
    )


any_json = json_values(12)
small_json = json_values(4)


def deep(value, depth: int, kind: str):
    for _ in range(depth):
        value = [value] if kind == "list" else {"x": value}
    return value


# --------------------------------------------------------------------------- serialising


def to_text(data) -> str:
    """JSON text of ``data`` with the raw literals spliced in (NaN etc. written as such)."""

    def default(o):  # never reached for plain data; here for safety
        return repr(o)

    text = json.dumps(data, ensure_ascii=False, allow_nan=True, default=default)
    for lit in RAW_LITERALS:
        text = text.replace(json.dumps(_SENTINEL.format(lit), ensure_ascii=False), lit)
    return text


# --------------------------------------------------------------------------- mutations


@st.composite
def some_path(draw, data, at_least_one: bool = False):
    """A path (tuple of keys / indices) into ``data``: a random walk down from the root."""
    path, cur = (), data
    while isinstance(cur, (dict, list)) and cur:
        if not (at_least_one and not path) and draw(st.integers(0, 3)) == 0:
            break
        k = pick(draw, cur) if isinstance(cur, dict) else draw(_INDEX) % len(cur)
        path, cur = path + (k,), cur[k]
    return path


_INDEX = st.integers(0, 2**16)


def pick(draw, seq):
    """One element of ``seq`` (a module-level strategy: building strategies per draw is slow)."""
    seq = list(seq)
    return seq[draw(_INDEX) % len(seq)]


def _get(data, path):
    for k in path:
        data = data[k]
    return data


layer_types = st.one_of(st.sampled_from(tuple(LAYER_TYPES)), weird_text)

_KINDS = st.sampled_from([
    "replace", "replace", "replace", "delete", "deep", "dup_node", "unicode_id",
    "link_nowhere", "rewire", "version", "format", "huge_param", "nan_param", "type",
    "params_junk", "many_nodes", "drop_all_links", "extra_key", "weights",
    "valid_param", "valid_param", "valid_param", "valid_param",
])


@st.composite
def mutation(draw, data):
    """Apply one random mutation to ``data`` (in place when possible); return the new root."""
    kind = draw(_KINDS)
    nodes = data.get("nodes") if isinstance(data, dict) else None
    node_list = nodes if isinstance(nodes, list) and nodes else None

    if kind == "replace":
        path = draw(some_path(data))
        value = draw(any_json)
        if not path:
            return value
        _get(data, path[:-1])[path[-1]] = value
    elif kind == "delete":
        path = draw(some_path(data, at_least_one=True))
        if path:
            del _get(data, path[:-1])[path[-1]]
    elif kind == "deep":
        path = draw(some_path(data))
        depth = draw(st.sampled_from((10, 100, 500)))  # deeper: corrupted_bytes("nest")
        value = deep(draw(weird_scalar), depth, draw(st.sampled_from(("list", "dict"))))
        if not path:
            return value
        _get(data, path[:-1])[path[-1]] = value
    elif kind == "dup_node" and node_list:
        i = draw(_INDEX) % len(node_list)
        dup = node_list[i]
        node_list.insert(draw(_INDEX) % (len(node_list) + 1),
                         dict(dup) if isinstance(dup, dict) else dup)
    elif kind == "unicode_id" and node_list:
        node = pick(draw, node_list)
        if isinstance(node, dict):
            new = draw(st.one_of(st.text(min_size=1, max_size=70), weird_text))
            old = node.get("id")
            node["id"] = new
            if draw(st.booleans()):  # rename consistently: the links follow
                for link in data.get("links", []) if isinstance(data.get("links"), list) else []:
                    if isinstance(link, dict):
                        for end in ("src", "dst"):
                            if link.get(end) == old:
                                link[end] = new
    elif kind == "link_nowhere":
        links = data.setdefault("links", []) if isinstance(data, dict) else None
        if isinstance(links, list):
            links.append({"src": draw(weird_text), "dst": draw(weird_text)})
    elif kind == "rewire" and node_list:
        ids = [n.get("id") for n in node_list if isinstance(n, dict)] or ["x"]
        links = [{"src": pick(draw, ids), "dst": pick(draw, ids)}
                 for _ in range(draw(st.integers(0, 2 * len(ids))))]
        data["links"] = links
    elif kind == "version" and isinstance(data, dict):
        data["version"] = draw(st.one_of(weird_scalar, st.integers(-3, 5)))
    elif kind == "format" and isinstance(data, dict):
        data["format"] = draw(st.one_of(weird_scalar, st.just("NNSIM"), st.just("nnsim ")))
    elif kind in ("huge_param", "nan_param", "params_junk") and isinstance(data, dict):
        # node params, training settings or data set params
        targets = [n.get("params") for n in node_list or [] if isinstance(n, dict)]
        targets += [data.get("training"),
                    data.get("dataset", {}).get("params") if isinstance(data.get("dataset"),
                                                                        dict) else None]
        targets = [t for t in targets if isinstance(t, dict)]
        if targets:
            target = pick(draw, targets)
            keys = list(target) + ["units", "n_samples", "length", "steps", "batch_size", "lag"]
            key = pick(draw, keys)
            if kind == "huge_param":
                target[key] = draw(st.sampled_from(HUGE_NUMBERS))
            elif kind == "nan_param":
                target[key] = draw(st.sampled_from(RAW_LITERALS[:6]).map(_SENTINEL.format))
            else:
                target[key] = draw(small_json)
    elif kind == "valid_param" and node_list:
        node = pick(draw, node_list)
        lt = LAYER_TYPES.get(node.get("type")) if isinstance(node, dict) else None
        if lt is not None and lt.params and isinstance(node.get("params"), dict):
            key = pick(draw, lt.params)
            node["params"][key] = draw(valid_param(lt.params[key]))
    elif kind == "type" and node_list:
        node = pick(draw, node_list)
        if isinstance(node, dict):
            node["type"] = draw(layer_types)
    elif kind == "many_nodes" and node_list:
        n = draw(st.sampled_from((50, 499, 500, 501, 3000)))
        proto = node_list[min(1, len(node_list) - 1)]
        if isinstance(proto, dict):
            params = proto.get("params")
            node_list.extend({**proto, "id": f"n{i}", "params": params}
                             for i in range(n - len(node_list)))
    elif kind == "drop_all_links" and isinstance(data, dict):
        data["links"] = []
    elif kind == "extra_key" and isinstance(data, dict):
        data[draw(weird_text)] = draw(small_json)
    elif kind == "weights" and isinstance(data, dict):
        data["weights"] = draw(st.one_of(
            small_json,
            st.fixed_dictionaries({"npz_base64": st.one_of(st.text(max_size=20),
                                                          st.sampled_from(["", "UEsDBA==",
                                                                           "!!!!"]))}),
            st.fixed_dictionaries({"file": weird_text}),
        ))
    return data


@st.composite
def mutated_project_text(draw):
    """An example project, changed by 1 to 6 random mutations, as JSON text."""
    data = example_dict(draw(examples))
    for _ in range(draw(st.sampled_from((1, 1, 1, 2, 2, 3, 6)))):
        data = draw(mutation(data))
    return to_text(data)


@st.composite
def corrupted_bytes(draw):
    """An example file's bytes, truncated, with bytes flipped or junk inserted, or pure junk."""
    raw = _example_text(draw(examples)).encode("utf-8")
    how = draw(st.sampled_from(["truncate", "flip", "insert", "junk", "bom", "nest", "empty",
                                "utf16"]))
    if how == "truncate":
        return raw[:draw(st.integers(0, len(raw)))]
    if how == "flip":
        b = bytearray(raw)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(b) - 1))
            b[i] = draw(st.integers(0, 255))
        return bytes(b)
    if how == "insert":
        i = draw(st.integers(0, len(raw)))
        return raw[:i] + draw(st.binary(min_size=1, max_size=40)) + raw[i:]
    if how == "junk":
        return draw(st.binary(max_size=300))
    if how == "bom":
        return b"\xef\xbb\xbf" + raw
    if how == "nest":
        n = draw(st.sampled_from([100, 1000, 10_000, 200_000]))
        open_, close = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
        return (open_ * n + "1" + close * n).encode()
    if how == "utf16":
        return raw.decode("utf-8").encode("utf-16")
    return b""


# --------------------------------------------------------------------------- random graphs

param_value = st.one_of(
    st.integers(-5, 5000), st.sampled_from(HUGE_NUMBERS), st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True), weird_text,
)


@lru_cache(maxsize=None)
def valid_param(spec):
    """Values a ParamSpec accepts (and its boundaries)."""
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "int":
        return st.one_of(st.integers(int(spec.min), int(min(spec.max, 64))),
                         st.sampled_from([int(spec.min), int(spec.max)]))
    return st.one_of(st.floats(spec.min, spec.max, allow_nan=False),
                     st.sampled_from([spec.min, spec.max]))


@lru_cache(maxsize=None)
def any_param(spec):
    """Mostly valid, sometimes anything at all."""
    return st.one_of(valid_param(spec), valid_param(spec), param_value)


ids = st.one_of(st.sampled_from([f"n{i}" for i in range(12)]),
                st.text(min_size=1, max_size=8))


@st.composite
def random_graph_dict(draw):
    """A project whose nodes, parameters and links are random (on a real data set)."""
    base = example_dict(draw(examples))
    n = draw(st.integers(0, 12))
    nodes = []
    for _ in range(n):
        t = draw(layer_types)
        params = {}
        if t in LAYER_TYPES:
            for k, spec in LAYER_TYPES[t].params.items():
                if draw(st.integers(0, 9)):  # sometimes missing
                    params[k] = draw(any_param(spec))
        nodes.append({"id": draw(ids), "type": t, "params": params,
                      "pos": [draw(st.integers(-1000, 1000)), draw(st.integers(-1000, 1000))]})
    node_ids = [nd["id"] for nd in nodes] or ["n0"]
    def end():
        return pick(draw, node_ids) if draw(_INDEX) % 8 else draw(ids)

    links = [{"src": end(), "dst": end()} for _ in range(draw(st.integers(0, 2 * n + 1)))]
    base["nodes"], base["links"] = nodes, links
    for k, spec in TRAINING_PARAMS.items():
        if draw(st.integers(0, 3)) == 0:
            base["training"][k] = draw(any_param(spec))
    return base


# --------------------------------------------------------------------------- spec edits


@lru_cache(maxsize=None)
def edit_value(spec):
    """What an edit may set a parameter to: mostly small valid values (so that many edited
    networks are valid and get trained), sometimes a boundary, an absurd size or junk."""
    if spec.kind == "int":
        small = st.integers(int(spec.min), int(min(spec.max, 24)))
        edge = st.sampled_from((int(spec.min), int(spec.max), int(spec.max) + 1,
                                int(spec.min) - 1, 10**12, 10**9))
        return st.one_of(small, small, small, edge, param_value)
    if spec.kind == "float":
        ok = st.floats(spec.min, spec.max, allow_nan=False)
        return st.one_of(ok, ok, ok, st.sampled_from((spec.min, spec.max, 1e400, -1e400,
                                                      float("nan"), 1e-320)), param_value)
    return st.one_of(valid_param(spec), valid_param(spec), valid_param(spec), param_value)


@st.composite
def edit_params(draw, type_name):
    """Parameters for a new node of ``type_name``: the registry's defaults, some edited."""
    lt = LAYER_TYPES.get(type_name)
    if lt is None:
        return {}
    params = lt.defaults()
    for k, spec in lt.params.items():
        if draw(_INDEX) % 3 == 0:
            params[k] = draw(edit_value(spec))
    return params


_EDIT_TYPES = st.sampled_from(("Dense", "Dense", "Dense", "Activation", "Activation", "Dropout",
                               "SimpleRNN", "LSTM", "Add", "Concatenate", "Input", "Output"))


@st.composite
def spec_edit(draw):
    """One edit as plain data: ``(kind, ...)``; indices are taken modulo the current sizes."""
    kind = draw(st.sampled_from(("add", "remove", "link", "unlink", "insert", "insert", "insert",
                                 "param", "param", "param", "param", "train", "train")))
    if kind in ("add", "insert"):
        t = draw(_EDIT_TYPES)
        new_id = draw(st.one_of(st.just(None), st.just(None), ids))  # None: a fresh id
        return (kind, draw(_INDEX), t, new_id, draw(edit_params(t)))
    if kind in ("remove", "unlink"):
        return (kind, draw(_INDEX), draw(st.booleans()))
    if kind == "link":
        return (kind, draw(_INDEX), draw(_INDEX), draw(_INDEX) % 10 == 0)
    if kind == "param":
        return (kind, draw(_INDEX), draw(_INDEX), draw(_INDEX))
    key = pick(draw, TRAINING_PARAMS)
    return (kind, key, draw(edit_value(TRAINING_PARAMS[key])))


def apply_edits(project, edits):
    """Apply ``edits`` (from ``spec_edit``) to ``project`` in place, as the canvas would: new ids
    from ``new_id``, removing a node removes its links (or, with the flag, leaves them dangling,
    as a buggy command would), inserting splits a link."""
    from nnsim.spec import LinkSpec, NodeSpec

    for edit in edits:
        kind = edit[0]
        nodes, links = project.nodes, project.links
        if kind == "add":
            _, _, t, new_id, params = edit
            nid = new_id or project.new_id(t)
            nodes.append(NodeSpec(nid, t, dict(params)))
        elif kind == "insert" and links:
            _, k, t, new_id, params = edit
            link = links[k % len(links)]
            nid = new_id or project.new_id(t)
            nodes.append(NodeSpec(nid, t, dict(params)))
            links.remove(link)
            links.extend([LinkSpec(link.src, nid), LinkSpec(nid, link.dst)])
        elif kind == "remove" and nodes:
            _, k, keep_links = edit
            node = nodes.pop(k % len(nodes))
            if not keep_links:
                project.links = [l for l in links if node.id not in (l.src, l.dst)]
        elif kind == "link" and nodes:
            _, a, b, nowhere = edit
            src = nodes[a % len(nodes)].id
            dst = "nowhere" if nowhere else nodes[b % len(nodes)].id
            links.append(LinkSpec(src, dst))
        elif kind == "unlink" and links:
            links.pop(edit[1] % len(links))
        elif kind == "param" and nodes:
            _, k, key_index, value_index = edit
            node = nodes[k % len(nodes)]
            lt = LAYER_TYPES.get(node.type)
            if lt is not None and lt.params:
                keys = list(lt.params)
                key = keys[key_index % len(keys)]
                spec = lt.params[key]
                if value_index % 3:  # two edits in three set a value the inspector would offer
                    node.params[key] = _offered_value(spec, value_index)
                else:
                    values = EDIT_VALUES[spec.kind]
                    node.params[key] = values[value_index % len(values)]
        elif kind == "train":
            _, key, value = edit
            project.training[key] = value
    return project


def _offered_value(spec, k: int):
    """A value within the parameter's range, chosen by ``k``."""
    if spec.kind == "bool":
        return bool(k % 2)
    if spec.kind == "choice":
        return spec.choices[k % len(spec.choices)]
    if spec.kind == "int":
        return int(spec.min) + k % int(min(16, spec.max - spec.min + 1))
    return spec.min + (spec.max - spec.min) * ((k % 11) / 10)


#: Values a "param" edit picks from, by parameter kind (fixed lists: the edit stays plain data).
EDIT_VALUES = {
    "int": (1, 2, 3, 4, 8, 16, 0, -1, 4096, 4097, 10**12, 2.0, float("nan"), "8", True, None),
    "float": (0.0, 0.1, 0.5, 0.9, 1.0, 1e-4, 10.0, -1.0, 1e400, float("nan"), "0.5", None),
    "bool": (True, False, 0, 1, "true", None),
    "choice": ("tanh", "relu", "sigmoid", "linear", "softmax", "leaky_relu", "xavier", "he",
               "normal", "uniform", "zeros", "mse", "cross_entropy", "bce", "gelu", "", None, 3),
}


# --------------------------------------------------------------------------- CSV files

_cell = st.one_of(
    st.integers(-1000, 1000).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["", " ", "nan", "NaN", "inf", "-inf", "1e308", "1e309", "-1e400", "1e-400",
                     "9" * 400, "abc", "a,b", '"q"', '"', "x\ny", "0x10", "1_000", "１２",
                     "True", "\u00a0", "é", "1,5", "--1", "1e", "0"]),
    st.text(alphabet=string.printable, max_size=6),
)


@st.composite
def csv_text(draw):
    """A CSV file as text: random shape, delimiter, header, ragged rows, junk cells."""
    delim = draw(st.sampled_from((",", ",", ";", "\t", "|")))
    n_cols = draw(st.integers(1, 6))
    n_rows = draw(st.sampled_from((0, 2, 9, 10, 11, 30, 30, 60, 60, 120)))
    rows = []
    if draw(st.booleans()):
        rows.append([draw(st.text(alphabet=string.ascii_letters + " é_", max_size=6))
                     for _ in range(n_cols)])
    style = draw(st.sampled_from(("numbers", "numbers", "classes", "classes", "junk")))
    dirty = draw(st.sampled_from((0, 0, 0, 1)))  # one table in four has stray bad cells
    for _ in range(n_rows):
        ragged = dirty and draw(st.integers(0, 15)) == 0
        width = draw(st.integers(0, n_cols + 2)) if ragged else n_cols
        row = []
        for j in range(width):
            if style == "junk" or (dirty and draw(st.integers(0, 25)) == 0):
                row.append(draw(_cell))
            elif style == "classes" and j == width - 1:
                row.append(draw(st.sampled_from(("a", "b", "c", "0", "1"))))
            else:
                row.append(repr(draw(st.floats(-1e3, 1e3, allow_nan=False))))
        rows.append(row)
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(delim.join(r) for r in rows)
    if draw(st.booleans()):
        text += newline
    return text


@st.composite
def csv_bytes(draw):
    """CSV bytes: a generated table, sometimes damaged, or junk."""
    how = draw(st.sampled_from(["table"] * 8 + ["junk", "damaged", "bom", "latin1",
                                "nul", "big_numbers", "one_column", "header_only", "empty"]))
    if how == "junk":
        return draw(st.binary(max_size=400))
    if how == "empty":
        return draw(st.sampled_from([b"", b"\n\n", b" ", b",,,\n,,,", b"\xef\xbb\xbf"]))
    if how == "header_only":
        return b"a,b,c\n"
    if how == "one_column":
        return ("x\n" + "\n".join(str(i) for i in range(draw(st.integers(0, 30))))).encode()
    if how == "big_numbers":
        big = draw(st.sampled_from(["1e308", "1.7e308", "-1e308", "1e200", "9" * 300]))
        lines = ["a,b,y"] + [f"{big},{i},{i % 2}" for i in range(20)]
        return "\n".join(lines).encode()
    text = draw(csv_text())
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode()
    if how == "latin1":
        return (text + "\ncafé,1").encode("latin-1", "replace")
    if how == "nul":
        return text.encode() + b"\x00"
    raw = text.encode()
    if how == "damaged" and raw:
        b = bytearray(raw)
        for _ in range(draw(st.integers(1, 5))):
            b[draw(st.integers(0, len(b) - 1))] = draw(st.integers(0, 255))
        raw = bytes(b)
    return raw


def finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


# --------------------------------------------------------------------------- test helpers

MB = 2**20
#: No fuzz example may allocate more than this (Python objects and NumPy arrays, tracemalloc).
PEAK_LIMIT = 200 * MB


class PeakMemory:
    """``with PeakMemory() as m: ...`` then ``m.peak``: bytes allocated at the high-water mark.

    tracemalloc runs only inside the block (it slows every allocation down); NumPy reports its
    array buffers to it, so a huge ``np.empty`` counts even if never touched.
    """

    def __enter__(self):
        import tracemalloc

        self._tm = tracemalloc
        self._was_tracing = tracemalloc.is_tracing()
        if not self._was_tracing:
            tracemalloc.start()
        tracemalloc.reset_peak()
        self._base = tracemalloc.get_traced_memory()[0]
        self.peak = 0
        return self

    def __exit__(self, *exc):
        self.peak = max(0, self._tm.get_traced_memory()[1] - self._base)
        if not self._was_tracing:
            self._tm.stop()
        return False


def snapshot_dir(folder) -> dict:
    """``{name: (bytes, mtime_ns)}`` of every file in ``folder``: to prove nothing was written."""
    from pathlib import Path

    out = {}
    for p in sorted(Path(folder).iterdir()):
        st_ = p.stat()
        out[p.name] = (p.read_bytes() if p.is_file() else None, st_.st_mtime_ns)
    return out
