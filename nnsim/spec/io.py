"""The project file: readable, versioned JSON, ``{"format": "nnsim", "version": 1, ...}``.

Trained weights, when saved, go inside the file as a base64 ``.npz`` (``"weights":
{"npz_base64": ...}``) or beside it (``"weights": {"file": "name.weights.npz"}``). Each array's
header is read first (float dtype, size within ``MAX_WEIGHT_VALUES``), then the array with
``allow_pickle=False``. No pickle, no eval: a project file is data.

Every problem with a file raises ``ProjectError`` with one clear sentence; nothing is half-loaded.
Numbers must be finite JSON numbers: ``NaN``, ``Infinity``, ``1e400`` and integers of more than
``MAX_DIGITS`` digits are refused by the parser itself.

Saving never writes a file that would not open again: the text (and weights) are made in memory
and read back by the loader first; anything the loader would refuse, or that is not data at all,
raises ``ProjectError`` before the disk is touched. The file is then written to a temporary file
in the same folder and renamed over the old one, so a failed save leaves the old file intact.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import math
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

from .model import FORMAT, VERSION, DatasetSpec, LinkSpec, NodeSpec, Project, default_training

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_NODES = 500
MAX_LINKS = 2000
MAX_TEXT = 100_000
MAX_WEIGHT_VALUES = 20_000_000
MAX_DIGITS = 400  # an integer literal longer than this is no setting, and slow to convert


class ProjectError(ValueError):
    """A project file that cannot be opened, with the reason in one sentence."""


# Older file versions are upgraded here, one step at a time: {old_version: function(dict) -> dict}.
MIGRATIONS: dict = {}


def load_project(path: str | os.PathLike) -> Project:
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ProjectError(f"{path} does not exist") from None
    except OSError as e:
        raise ProjectError(f"{path} cannot be read: {e.strerror or e}") from None
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file")
    if size > MAX_FILE_BYTES:
        raise ProjectError(f"{path.name} is {size / 2**20:.0f} MB; project files are at most "
                           f"{MAX_FILE_BYTES // 2**20} MB")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ProjectError(f"{path} cannot be read: {e.strerror or e}") from None
    return project_from_json(raw, base_dir=path.parent, source=path.name)


class _BadNumber(Exception):
    def __init__(self, literal: str):
        self.literal = literal


def _parse_int(s: str) -> int:
    if len(s) > MAX_DIGITS:
        raise _BadNumber(s)
    return int(s)


def _parse_float(s: str) -> float:
    v = float(s)
    if not math.isfinite(v):
        raise _BadNumber(s)
    return v


def _parse_constant(s: str):
    raise _BadNumber(s)


def _short(v, n: int = 40) -> str:
    r = repr(v)
    return r if len(r) <= n else r[:n - 3] + "..."


def project_from_json(raw: bytes | str, base_dir: Path | None = None,
                      source: str = "the file") -> Project:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ProjectError(f"{source} is not a text file (byte {e.start} is not UTF-8)") from None
    try:
        data = json.loads(raw, parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except json.JSONDecodeError as e:
        raise ProjectError(f"{source} is not valid JSON: {e.msg} at line {e.lineno}, "
                           f"column {e.colno}") from None
    except _BadNumber as e:
        lit = e.literal if len(e.literal) <= 24 else f"{e.literal[:12]}... ({len(e.literal)} " \
                                                      "characters)"
        raise ProjectError(f"{source} holds the number {lit}, which is not a usable number "
                           "(NaN, infinity and numbers beyond ±1.8e308 are not allowed)") from None
    except RecursionError:
        raise ProjectError(f"{source} is nested too deeply to be a project file") from None
    except (ValueError, MemoryError) as e:  # anything else the parser can object to
        raise ProjectError(f"{source} is not valid JSON ({_short(str(e), 80)})") from None
    return project_from_dict(data, base_dir=base_dir, source=source)


def _expect(cond: bool, msg: str) -> None:
    if not cond:
        raise ProjectError(msg)


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def project_from_dict(data, base_dir: Path | None = None, source: str = "the file") -> Project:
    _expect(isinstance(data, dict), f"{source} is not an nnsim project (it holds no JSON object)")
    _expect(data.get("format") == FORMAT,
            f"{source} is not an nnsim project (its \"format\" is {_short(data.get('format'))})")
    version = data.get("version")
    _expect(isinstance(version, int) and not isinstance(version, bool) and version >= 0,
            f"{source} has no valid version number")
    if version > VERSION:
        raise ProjectError(f"{source} was made by a newer nnsim (file version {version}; this "
                           f"nnsim reads versions up to {VERSION}). Update nnsim to open it.")
    while version < VERSION:
        if version not in MIGRATIONS:
            raise ProjectError(f"{source} has file version {version}, which cannot be upgraded")
        data = MIGRATIONS[version](data)
        version += 1

    def text(key, default=""):
        v = data.get(key, default)
        _expect(isinstance(v, str), f"{source}: \"{key}\" must be text")
        _expect(len(v) <= MAX_TEXT, f"{source}: \"{key}\" is too long")
        return v

    nodes_raw = data.get("nodes")
    _expect(isinstance(nodes_raw, list), f"{source}: \"nodes\" must be a list of layers")
    _expect(len(nodes_raw) <= MAX_NODES, f"{source} has {len(nodes_raw)} layers; the limit is "
                                         f"{MAX_NODES}")
    nodes = []
    for k, n in enumerate(nodes_raw):
        where = f"{source}: layer {k + 1}"
        _expect(isinstance(n, dict), f"{where} is not an object")
        nid, ntype = n.get("id"), n.get("type")
        _expect(isinstance(nid, str) and 0 < len(nid) <= 64,
                f"{where} needs an \"id\" of 1 to 64 characters")
        _expect(isinstance(ntype, str) and len(ntype) <= 64, f"{where} ('{nid}') needs a \"type\"")
        params = n.get("params", {})
        _expect(isinstance(params, dict), f"{where} ('{nid}'): \"params\" must be an object")
        for pk, pv in params.items():
            _expect(isinstance(pv, (str, int, float, bool)) and (not isinstance(pv, str)
                                                                  or len(pv) <= 200),
                    f"{where} ('{nid}'): parameter {pk!r} must be a number, text or true/false")
        pos = n.get("pos", [0, 0])
        _expect(isinstance(pos, list) and len(pos) == 2 and all(_is_num(p) and abs(p) < 1e7
                                                                 for p in pos),
                f"{where} ('{nid}'): \"pos\" must be two numbers")
        nodes.append(NodeSpec(nid, ntype, dict(params), (float(pos[0]), float(pos[1]))))

    links_raw = data.get("links", [])
    _expect(isinstance(links_raw, list), f"{source}: \"links\" must be a list")
    _expect(len(links_raw) <= MAX_LINKS, f"{source} has too many links ({len(links_raw)})")
    links = []
    for k, l in enumerate(links_raw):
        _expect(isinstance(l, dict) and isinstance(l.get("src"), str)
                and isinstance(l.get("dst"), str),
                f"{source}: link {k + 1} needs \"src\" and \"dst\" layer ids")
        links.append(LinkSpec(l["src"], l["dst"]))

    ds = data.get("dataset", {"name": "xor"})
    _expect(isinstance(ds, dict) and isinstance(ds.get("name"), str),
            f"{source}: \"dataset\" needs a \"name\"")
    ds_params = ds.get("params", {})
    _expect(isinstance(ds_params, dict) and all(
        isinstance(v, (str, int, float, bool)) for v in ds_params.values()),
        f"{source}: the data set's \"params\" must be an object of simple values")

    training = default_training()
    tr = data.get("training", {})
    _expect(isinstance(tr, dict), f"{source}: \"training\" must be an object")
    for k, v in tr.items():
        _expect(isinstance(v, (str, int, float, bool)),
                f"{source}: training setting {k!r} must be a simple value")
    training.update(tr)

    project = Project(
        name=text("name", "Untitled"), description=text("description"), notes=text("notes"),
        nodes=nodes, links=links, dataset=DatasetSpec(ds["name"], dict(ds_params)),
        training=training,
    )
    _check_unicode(project.to_dict(), source)
    if data.get("weights") is not None:
        project.weights = _read_weights(data["weights"], base_dir, source)
    return project


def _check_unicode(d, source: str) -> None:
    """JSON's ``\\ud800`` escapes make strings no UTF-8 file can hold (a lone surrogate): such a
    project could be opened but never saved again, so it is refused here."""
    try:
        json.dumps(d, ensure_ascii=False).encode("utf-8")  # fast path: C code, no walk
        return
    except UnicodeEncodeError:
        pass
    todo = [("", d)]
    while todo:
        where, v = todo.pop()
        if isinstance(v, dict):
            todo.extend((f"{where} → {k}" if where else str(k), x) for k, x in v.items())
            todo.extend((where, k) for k in v)  # the keys are text too
        elif isinstance(v, list):
            todo.extend((where, x) for x in v)
        elif isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                raise ProjectError(f"{source}: {where or 'a text'} holds an unpaired surrogate "
                                   f"(\\u{ord(v[e.start]):04x}), which is not text") from None
    raise ProjectError(f"{source} holds text that is not valid Unicode")


def _read_weights(spec, base_dir: Path | None, source: str) -> dict:
    _expect(isinstance(spec, dict), f"{source}: \"weights\" must be an object")
    if "npz_base64" in spec:
        try:
            blob = base64.b64decode(spec["npz_base64"], validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise ProjectError(f"{source}: the stored weights are damaged (bad base64)") from None
        return _load_npz(io.BytesIO(blob), source)
    if "file" in spec:
        name = spec["file"]
        _expect(isinstance(name, str) and name and "/" not in name and "\\" not in name
                and name not in (".", ".."),
                f"{source}: the weights file must be a plain file name beside the project")
        path = (base_dir or Path(".")) / name
        if not path.is_file():
            raise ProjectError(f"{source}: its weights file {name} is missing")
        return _load_npz(path, name)
    raise ProjectError(f"{source}: \"weights\" needs \"npz_base64\" or \"file\"")


def _load_npz(fp, source: str) -> dict:
    """The float arrays of an ``.npz``; every header is checked before its array is read."""
    fmt = np.lib.format
    try:
        with zipfile.ZipFile(fp) as zf:
            total = 0
            out = {}
            for info in zf.infolist():
                _expect(info.filename.endswith(".npy"),
                        f"{source}: the weights hold {_short(info.filename)}, which is not an array")
                k = info.filename[:-4]
                with zf.open(info) as f:
                    version = fmt.read_magic(f)
                    _expect(version in ((1, 0), (2, 0)),
                            f"{source}: weight {_short(k)} has an unknown format {version}")
                    read_header = (fmt.read_array_header_1_0 if version == (1, 0)
                                   else fmt.read_array_header_2_0)
                    shape, _, dtype = read_header(f)
                _expect(not dtype.hasobject, f"{source}: the weights cannot be read (weight "
                                             f"{_short(k)} holds Python objects, and nnsim "
                                             "never unpickles)")
                _expect(dtype.kind == "f" and dtype.itemsize <= 8,
                        f"{source}: weight {_short(k)} is not a float array")
                total += math.prod(shape)
                _expect(total <= MAX_WEIGHT_VALUES, f"{source}: the weights are too large")
                with zf.open(info) as f:
                    a = fmt.read_array(f, allow_pickle=False)
                _expect(bool(np.isfinite(a).all()), f"{source}: weight {_short(k)} contains NaN "
                                                    "or infinite values")
                out[k] = a
            return out
    except ProjectError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError, TypeError,
            NotImplementedError, RuntimeError) as e:
        raise ProjectError(f"{source}: the weights cannot be read ({_short(str(e), 80)})") from None
    except MemoryError:
        raise ProjectError(f"{source}: the weights are too large") from None


def weights_to_npz(weights: dict) -> bytes:
    """The ``.npz`` bytes of ``{name: float array}``; anything else raises ``ProjectError``."""
    arrays = {}
    for k, v in weights.items():
        a = np.asarray(v)
        if not isinstance(k, str) or not k:
            raise ProjectError(f"the weight name {_short(k)} is not a name")
        if a.dtype.kind != "f":
            raise ProjectError(f"weight {_short(k)} is not an array of numbers")
        arrays[k] = a
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def _json_default(o):
    """NumPy scalars (a spin box may hand one over) are written as plain numbers."""
    if isinstance(o, np.generic) and o.dtype.kind in "biuf":
        return o.item()
    raise TypeError(f"{type(o).__name__} {_short(o)} is not a number, text or true/false")


def _non_finite(d, where="") -> str | None:
    """Where in the plain data ``d`` a NaN or infinite number sits, or None."""
    if isinstance(d, (float, np.floating)) and not math.isfinite(d):
        return f"{where or 'a value'} is {float(d)}"
    if isinstance(d, dict):
        items = d.items()
    elif isinstance(d, (list, tuple)):
        items = enumerate(d)
    else:
        return None
    for k, v in items:
        found = _non_finite(v, f"{where} → {k}" if where else str(k))
        if found:
            return found
    return None


def project_to_json(project: Project, weights: str = "inside", weights_file: str = "") -> str:
    """The file text. ``weights``: ``"inside"`` (base64 npz), ``"beside"`` (named file) or ``"none"``."""
    d = project.to_dict()
    if project.weights and weights == "inside":
        d["weights"] = {"npz_base64": base64.b64encode(weights_to_npz(project.weights)).decode()}
    elif project.weights and weights == "beside":
        d["weights"] = {"file": weights_file}
    try:
        return json.dumps(d, indent=2, ensure_ascii=False, allow_nan=False,
                          default=_json_default) + "\n"
    except ValueError:  # NaN or infinity somewhere (or a circular reference): say where
        bad = _non_finite(d)
        if bad:
            raise ProjectError(f"{bad}: NaN and infinity cannot be saved") from None
        raise


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path`` and flush it to disk; its name."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path = Path(path)
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def save_project(project: Project, path: str | os.PathLike, weights: str = "inside") -> None:
    """Save atomically. ``weights="beside"`` writes ``<stem>.weights.npz`` next to the file.

    Nothing is written unless the loader accepts what would be written; a refusal raises
    ``ProjectError`` and leaves the old file (and its weights file) as they were.
    """
    path = Path(path)
    wname = path.stem + ".weights.npz"
    unchanged = "The previous file is unchanged."
    try:
        beside = bool(project.weights) and weights == "beside"
        blob = weights_to_npz(project.weights) if beside else None
        data = project_to_json(project, weights, wname).encode("utf-8")
        # read it back as the loader will: never write a file that would not open again
        check = json.loads(data)
        if beside:
            del check["weights"]  # checked as the blob below; the old file is still on disk
        project_from_dict(check, source="the project")
        if beside:
            _load_npz(io.BytesIO(blob), "the weights")
    except ProjectError as e:
        raise ProjectError(f"Could not save {path.name}: {e}. {unchanged}") from None
    except Exception as e:  # a broken project object: not data, cannot be written
        raise ProjectError(f"Could not save {path.name}: the project holds something that is "
                           f"not data ({_short(str(e) or type(e).__name__, 120)}). "
                           f"{unchanged}") from None
    # Both files are written in full first (a full disk or a read-only folder fails here, with
    # nothing replaced), then renamed into place: the weights never change without the project.
    staged: list[tuple[str, Path]] = []
    try:
        if beside:
            staged.append((_stage(path.parent / wname, blob), path.parent / wname))
        staged.append((_stage(path, data), path))
        for tmp, target in staged:
            os.replace(tmp, target)
    except OSError as e:
        for tmp, _ in staged:
            _unlink(tmp)
        raise ProjectError(f"Could not save {path.name}: {e.strerror or e}. {unchanged}") from None
