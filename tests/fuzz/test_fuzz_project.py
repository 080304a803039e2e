"""Fuzz: broken project files give one clear ``ProjectError`` or a project that validates.

Properties, for every generated file:

- ``load_project`` returns a ``Project`` or raises ``ProjectError`` with a message; no other
  exception escapes, it allocates less than ``PEAK_LIMIT``, and it writes nothing (the folder is
  byte-for-byte the same afterwards);
- a loaded project validates to a list of non-empty messages, its data set parameters are
  accepted or refused with a ``DataError``, and, when it is valid on its (unchanged) data set, it
  compiles within the memory validation estimated; it saves and loads back equal;
- saving a project object broken in memory either writes a file that loads back or raises
  ``ProjectError`` leaving the old file (and its weights file) untouched.

Examples per CI run: 500 mutated files + 300 corrupted byte strings + 200 random graphs +
150 broken saves + 150 data set parameter sets = 1,300 (derandomized: the same examples every
run).
"""

from __future__ import annotations

import base64
import io
import json
import math
import os
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nnsim.data import DATASETS, DataError, make_dataset, validate_params
from nnsim.spec import (DataShape, Project, ProjectError, SpecError, compile_project,
                        load_project, project_from_json, save_project, validate)

from .strategies import (HUGE_NUMBERS, PEAK_LIMIT, PeakMemory, corrupted_bytes, example_dict,
                         examples, mutated_project_text, random_graph_dict, snapshot_dir, to_text)

FUZZ = dict(derandomize=True, database=None, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                   HealthCheck.large_base_example])


@lru_cache(maxsize=None)
def _shape_of(name: str, params_json: str) -> DataShape:
    return DataShape.of(make_dataset(name, **json.loads(params_json)))


@lru_cache(maxsize=1)
def _known_datasets() -> dict:
    """The data sets of the bundled examples: the only ones built (the rest are only checked)."""
    from .strategies import example_paths

    out = {}
    for path in example_paths():
        ds = example_dict(path)["dataset"]
        out[(ds["name"], json.dumps(ds.get("params", {}), sort_keys=True))] = True
    return out


def check_messages(messages) -> None:
    assert messages, "a refusal must say why"
    for m in messages:
        assert isinstance(m, str) and m.strip(), f"empty message in {messages!r}"


def check_project(project: Project, folder: Path) -> int:
    """What must hold for any project the loader accepts. Returns the memory validation
    estimated for training it (0 when not valid on a known data set)."""
    estimate = 0
    v = validate(project)
    if not v.ok:
        check_messages(v.messages())
    ds = project.dataset
    try:
        validate_params(ds.name, **ds.params)
    except DataError as e:
        check_messages([str(e)])
    key = (ds.name, json.dumps(ds.params, sort_keys=True))
    if key in _known_datasets():
        shape = _shape_of(*key)
        v = validate(project, shape)
        event("valid network" if v.ok else "validation problems")
        if v.ok:
            assert v.n_params > 0 or not any(n.type == "Dense" for n in project.nodes)
            try:
                net = compile_project(project, shape)
            except SpecError as e:  # only stored weights that do not fit may still refuse
                assert project.weights, e
                check_messages([p.message for p in e.problems])
            else:
                assert net.n_params == v.n_params
                estimate = v.memory_bytes
        else:
            check_messages(v.messages())
            try:
                compile_project(project, shape)
            except SpecError as e:
                check_messages([p.message for p in e.problems])
            else:
                raise AssertionError("compile accepted what validate refused")
    # a loaded project saves, and loads back the same
    copy_path = folder / "copy.json"
    save_project(project, copy_path)
    assert load_project(copy_path) == project
    return estimate


def load_and_check(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "fuzzed.json"
        path.write_bytes(raw)
        (folder / "beside.weights.npz").write_bytes(b"not a zip")
        before = snapshot_dir(folder)
        with PeakMemory() as mem:
            try:
                project = load_project(path)
            except ProjectError as e:
                project = None
                check_messages([str(e)])
                event("ProjectError")
        assert snapshot_dir(folder) == before, "loading a file changed the folder"
        assert mem.peak < PEAK_LIMIT, f"loading allocated {mem.peak / 2**20:.0f} MB"
        if project is not None:
            with PeakMemory() as mem:
                estimate = check_project(project, folder)
            # a valid network may be big (4096 x 4096 units is allowed): then what compiling
            # it takes must stay within what validation estimated for training it
            allowed = max(PEAK_LIMIT, 1.25 * estimate)
            assert mem.peak < allowed, (f"checking allocated {mem.peak / 2**20:.0f} MB, "
                                        f"validation estimated {estimate / 2**20:.0f} MB")


@settings(max_examples=500, **FUZZ)
@given(mutated_project_text())
def test_mutated_project_files(text):
    load_and_check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=300, **FUZZ)
@given(corrupted_bytes())
def test_corrupted_bytes(raw):
    load_and_check(raw)


@settings(max_examples=200, **FUZZ)
@given(random_graph_dict())
def test_random_graphs(data):
    load_and_check(to_text(data).encode("utf-8", "surrogatepass"))


def test_examples_load_validate_and_compile():
    """The unmutated examples are the baseline the fuzzers break: they must all be fine."""
    from .strategies import example_paths

    assert len(example_paths()) >= 5
    for path in example_paths():
        p = load_project(path)
        ds = p.dataset
        shape = _shape_of(ds.name, json.dumps(ds.params, sort_keys=True))
        assert validate(p, shape).ok, (path.name, validate(p, shape).messages())
        compile_project(p, shape)


# --------------------------------------------------------------------------- broken saves

_breakage = st.sampled_from([
    ("param", object()), ("param", float("nan")), ("param", float("inf")), ("param", [1, 2]),
    ("param", {"a": {"b": 1}}), ("param", np.float32(0.5)), ("param", np.arange(3)),
    ("param", b"bytes"), ("param", "\ud800"), ("param", 10**5000), ("param", set()),
    ("node_id", 7), ("node_id", None), ("node_id", ""), ("node_id", "x" * 100),
    ("node", None), ("node", "not a node"), ("link", ("a", "b")), ("link", None),
    ("name", None), ("name", 3), ("name", "\ud800"), ("training", float("nan")),
    ("training", object()), ("dataset", None), ("dataset_param", float("inf")),
    ("weights", {"d.W": np.array([1.0, np.nan])}), ("weights", {"d.W": np.array([object()])}),
    ("weights", {"d.W": "text"}), ("weights", {"d.W": np.arange(4)}),
    ("weights", {"": np.zeros(2)}), ("weights", {"d.W": np.zeros((2, 2), np.float32)}),
    ("weights", "not a dict"), ("weights", {"d.W": np.array(["a", "b"])}),
    ("pos", (float("nan"), 0.0)), ("pos", (1e9, 0.0)), ("pos", None),
])


def _break(project: Project, what: str, value) -> None:
    from nnsim.spec import LinkSpec, NodeSpec

    node = [n for n in project.nodes if isinstance(n, NodeSpec)][-1]
    if what == "param":
        node.params["units" if "units" in node.params else "x"] = value
    elif what == "node_id":
        node.id = value
    elif what == "node":
        project.nodes.append(value)
    elif what == "link":
        project.links.append(value if value is None else LinkSpec(*value))
    elif what == "name":
        project.name = value
    elif what == "training":
        project.training["learning_rate"] = value
    elif what == "dataset":
        project.dataset = value
    elif what == "dataset_param" and project.dataset is not None:
        project.dataset.params["noise"] = value
    elif what == "weights":
        project.weights = value
    elif what == "pos":
        node.pos = value


@settings(max_examples=150, **FUZZ)
@given(examples, st.lists(_breakage, min_size=1, max_size=3),
       st.sampled_from(["inside", "beside", "none"]))
def test_saving_a_broken_project_never_clobbers_the_old_file(path, breakages, weights):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder / "project.json"
        good = load_project(path)
        good.weights = {"d.W": np.ones((2, 2), np.float32)}
        save_project(good, target, weights="beside")
        broken = load_project(path)
        for what, value in breakages:
            _break(broken, what, value)
        before = snapshot_dir(folder)
        try:
            save_project(broken, target, weights=weights)
        except ProjectError as e:
            check_messages([str(e)])
            assert snapshot_dir(folder) == before, "a refused save changed the files"
        else:
            loaded = load_project(target)  # whatever was written must open again
            assert isinstance(loaded, Project)
        leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
        assert not leftovers, f"temporary files left behind: {leftovers}"


# --------------------------------------------------------------------------- found by fuzzing
# Each of these escaped as a raw exception, allocated gigabytes, or wrote an unreadable file
# before the fix named in its docstring.


def _example_text():
    from .strategies import example_paths

    return example_paths()[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400",
                                     "1" + "0" * 5000])
def test_numbers_json_cannot_hold_are_one_clear_error(literal):
    """A 5,000-digit integer raised ValueError from json.loads (Python's int-from-string limit);
    NaN / Infinity / 1e400 were accepted and reached the project."""
    text = _example_text().replace('"seed": 0', f'"seed": {literal}')
    assert literal in text
    with pytest.raises(ProjectError, match="not a usable number"):
        project_from_json(text)


def _npz(name: str, payload: bytes) -> str:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(name, payload)
    return base64.b64encode(buf.getvalue()).decode()


def test_weights_header_is_checked_before_the_array_is_allocated():
    """A 200-byte .npz declaring 10^9 float64 values made the loader allocate 7.6 GB."""
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (10**9,)})
    d = json.loads(_example_text())
    d["weights"] = {"npz_base64": _npz("w.npy", header.getvalue() + b"\0" * 64)}
    with PeakMemory() as mem, pytest.raises(ProjectError, match="weights are too large"):
        project_from_json(json.dumps(d))
    assert mem.peak < 10 * 2**20


def test_weights_that_are_not_arrays_are_refused():
    """A non-.npy member of the .npz came back as bytes and raised AttributeError."""
    d = json.loads(_example_text())
    d["weights"] = {"npz_base64": _npz("w.txt", b"x" * 1000)}
    with pytest.raises(ProjectError, match="not an array"):
        project_from_json(json.dumps(d))


@pytest.mark.parametrize("weights,message", [
    ({"d.W": np.array([object()])}, "not an array of numbers"),
    ({"d.W": np.array([1.0, np.nan])}, "NaN or infinite"),
])
@pytest.mark.parametrize("where", ["inside", "beside"])
def test_a_save_that_would_not_load_again_is_refused(tmp_path, weights, message, where):
    """Object weights were pickled into the .npz and NaN weights written: the file (saved over a
    good one) then failed to open. Beside-weights were written before the project text failed."""
    from .strategies import example_paths

    good = load_project(example_paths()[0])
    good.weights = {"d.W": np.ones(2)}
    save_project(good, tmp_path / "p.json", weights="beside")
    before = snapshot_dir(tmp_path)
    good.weights = weights
    with pytest.raises(ProjectError, match=message):
        save_project(good, tmp_path / "p.json", weights=where)
    assert snapshot_dir(tmp_path) == before


def test_a_project_object_holding_non_data_is_refused_not_crashed(tmp_path):
    """TypeError escaped from json.dumps (and NaN was written as a bare NaN)."""
    from .strategies import example_paths

    p = load_project(example_paths()[0])
    p.nodes[-1].params["loss"] = object()
    with pytest.raises(ProjectError, match="not data"):
        save_project(p, tmp_path / "p.json")
    p = load_project(example_paths()[0])
    p.training["learning_rate"] = float("nan")
    with pytest.raises(ProjectError, match="learning_rate is nan"):
        save_project(p, tmp_path / "p.json")
    p = load_project(example_paths()[0])
    p.training["learning_rate"] = np.float32(0.5)  # a NumPy scalar is a number: saved as one
    save_project(p, tmp_path / "p.json")
    assert load_project(tmp_path / "p.json").training["learning_rate"] == 0.5
    assert not list(tmp_path.glob("*.tmp"))


def test_lone_surrogates_are_refused_at_load_not_at_the_next_save(tmp_path):
    """A "\\ud800" escape loaded fine, then every save failed: UTF-8 cannot hold it."""
    text = _example_text()
    name = json.loads(text)["name"]
    bad = text.replace(json.dumps(name), '"x\\ud800"', 1)
    with pytest.raises(ProjectError, match="unpaired surrogate"):
        project_from_json(bad)
    ok = text.replace(json.dumps(name), '"x\\ud83d\\ude00"', 1)  # a proper pair: an emoji
    p = project_from_json(ok)
    save_project(p, tmp_path / "p.json")
    assert load_project(tmp_path / "p.json").name == "x\U0001f600"


# --------------------------------------------------------------------------- data set parameters

_ds_names = st.one_of(st.sampled_from(sorted(DATASETS)), st.text(max_size=8))
_ds_params = st.dictionaries(
    st.one_of(st.sampled_from(["n_samples", "noise", "length", "lag", "n_symbols", "n_classes",
                               "turns", "cells", "freq", "val_fraction", "seed", "mode",
                               "lowercase", "path", "target", "task", "column"]),
              st.text(max_size=6)),
    st.one_of(st.sampled_from(HUGE_NUMBERS + (float("nan"), float("inf"))),
              st.integers(-10, 2000), st.floats(allow_nan=True, allow_infinity=True),
              st.booleans(), st.text(max_size=6), st.none()),
    max_size=5)


@settings(max_examples=150, **FUZZ)
@given(_ds_names, _ds_params)
def test_dataset_parameters_are_checked_before_anything_is_built(name, params):
    """What a project file says about its data set is checked by arithmetic before any array is
    made: accepted values are finite and in range, refusals are one DataError."""
    with PeakMemory() as mem:
        try:
            values = validate_params(name, **params)
        except DataError as e:
            check_messages([str(e)])
            values = None
    assert mem.peak < 2**20
    if values is not None:
        for k, v in values.items():
            p = DATASETS[name].params[k]
            if p.type in ("int", "float"):
                assert math.isfinite(v) and (p.min is None or v >= p.min) \
                    and (p.max is None or v <= p.max), (k, v)


# --------------------------------------------------------------------------- faults on save


def _fault(monkeypatch, fault: str, n_files: int) -> None:
    """Make the save fail the way a full or read-only disk does."""
    import errno
    import os as _os

    import nnsim.spec.io as spec_io

    calls = {"n": 0}
    real_mkstemp, real_fdopen, real_replace = (spec_io.tempfile.mkstemp, _os.fdopen,
                                               _os.replace)

    def mkstemp(*a, **k):
        calls["n"] += 1
        if fault == "read-only folder" or (fault == "no room for the last file"
                                           and calls["n"] == n_files):
            code = errno.EROFS if fault == "read-only folder" else errno.EDQUOT
            raise OSError(code, os.strerror(code))
        return real_mkstemp(*a, **k)

    class FullDisk:
        def __init__(self, f):
            self.f = f

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.f.close()

        def write(self, data):
            self.f.write(data[: len(data) // 2])  # half of it made it, then the disk was full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd, *a, **k):
        f = real_fdopen(fd, *a, **k)
        return FullDisk(f) if fault == "disk full while writing" else f

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def replace(src, dst):
        raise OSError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(spec_io.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(spec_io.os, "fdopen", fdopen)
    if fault == "disk full at fsync":
        monkeypatch.setattr(spec_io.os, "fsync", fsync)
    if fault == "rename refused":
        monkeypatch.setattr(spec_io.os, "replace", replace)
    del real_replace


@pytest.mark.parametrize("fault", ["read-only folder", "disk full while writing",
                                   "disk full at fsync", "no room for the last file",
                                   "rename refused"])
@pytest.mark.parametrize("where", ["inside", "beside"])
def test_a_full_or_read_only_disk_on_save_loses_nothing(tmp_path, monkeypatch, fault, where):
    """Nothing lost: the save says why it failed, the old project and weights files are byte for
    byte what they were, no temporary file is left, and the old project opens. (With weights
    beside, the weights file was replaced before the project text was written: a failure then
    paired the old project with the new weights. Both are now written before either is
    renamed.)"""
    from .strategies import example_paths

    target = tmp_path / "p.json"
    p = load_project(example_paths()[0])
    p.weights = {"d.W": np.ones((2, 2))}
    save_project(p, target, weights="beside")
    before = snapshot_dir(tmp_path)
    changed = load_project(target)
    changed.name = "changed"
    changed.weights = {"d.W": np.zeros((2, 2))}
    with monkeypatch.context() as m:
        _fault(m, fault, n_files=2 if where == "beside" else 1)
        with pytest.raises(ProjectError, match="The previous file is unchanged") as info:
            save_project(changed, target, weights=where)
    assert "Could not save p.json" in str(info.value)
    assert snapshot_dir(tmp_path) == before
    reopened = load_project(target)
    assert reopened.name == p.name and np.array_equal(reopened.weights["d.W"], np.ones((2, 2)))
