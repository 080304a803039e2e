"""The project file: readable, versioned JSON, ``{"format": "nnsim", "version": 1, ...}``.

Trained weights, when saved, go inside the file as a base64 ``.npz`` (``"weights":
{"npz_base64": ...}``) or beside it (``"weights": {"file": "name.weights.npz"}``). They are read
with ``np.load(..., allow_pickle=False)``. No pickle, no eval: a project file is data.

Every problem with a file raises ``ProjectError`` with one clear sentence; nothing is half-loaded.
Saving writes a temporary file in the same folder and renames it over the old one, so a failed
save leaves the old file intact.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
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


def project_from_json(raw: bytes | str, base_dir: Path | None = None,
                      source: str = "the file") -> Project:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ProjectError(f"{source} is not a text file (byte {e.start} is not UTF-8)") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise ProjectError(f"{source} is not valid JSON: {e.msg} at line {e.lineno}, "
                           f"column {e.colno}") from None
    except RecursionError:
        raise ProjectError(f"{source} is nested too deeply to be a project file") from None
    return project_from_dict(data, base_dir=base_dir, source=source)


def _expect(cond: bool, msg: str) -> None:
    if not cond:
        raise ProjectError(msg)


def _is_num(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def project_from_dict(data, base_dir: Path | None = None, source: str = "the file") -> Project:
    _expect(isinstance(data, dict), f"{source} is not an nnsim project (it holds no JSON object)")
    _expect(data.get("format") == FORMAT,
            f"{source} is not an nnsim project (its \"format\" is {data.get('format')!r})")
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
    if data.get("weights") is not None:
        project.weights = _read_weights(data["weights"], base_dir, source)
    return project


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
    try:
        with np.load(fp, allow_pickle=False) as z:
            total = 0
            out = {}
            for k in z.files:
                a = z[k]
                total += a.size
                _expect(total <= MAX_WEIGHT_VALUES, f"{source}: the weights are too large")
                _expect(a.dtype.kind == "f", f"{source}: weight {k!r} is not a float array")
                _expect(bool(np.isfinite(a).all()), f"{source}: weight {k!r} contains NaN or "
                                                    "infinite values")
                out[k] = a
            return out
    except ProjectError:
        raise
    except (OSError, ValueError, zipfile.BadZipFile, EOFError, KeyError) as e:
        raise ProjectError(f"{source}: the weights cannot be read ({e})") from None


def weights_to_npz(weights: dict) -> bytes:
    buf = io.BytesIO()
    np.savez_compressed(buf, **{k: np.asarray(v) for k, v in weights.items()})
    return buf.getvalue()


def project_to_json(project: Project, weights: str = "inside", weights_file: str = "") -> str:
    """The file text. ``weights``: ``"inside"`` (base64 npz), ``"beside"`` (named file) or ``"none"``."""
    d = project.to_dict()
    if project.weights and weights == "inside":
        d["weights"] = {"npz_base64": base64.b64encode(weights_to_npz(project.weights)).decode()}
    elif project.weights and weights == "beside":
        d["weights"] = {"file": weights_file}
    return json.dumps(d, indent=2, ensure_ascii=False) + "\n"


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def save_project(project: Project, path: str | os.PathLike, weights: str = "inside") -> None:
    """Save atomically. ``weights="beside"`` writes ``<stem>.weights.npz`` next to the file."""
    path = Path(path)
    wname = path.stem + ".weights.npz"
    try:
        if project.weights and weights == "beside":
            atomic_write(path.parent / wname, weights_to_npz(project.weights))
        atomic_write(path, project_to_json(project, weights, wname).encode("utf-8"))
    except OSError as e:
        raise ProjectError(f"Could not save {path.name}: {e.strerror or e}. The previous file "
                           "is unchanged.") from None
