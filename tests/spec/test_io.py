"""Project files: round trips, weights inside and beside, and one clear message per broken file."""

import base64
import io
import json
import os

import numpy as np
import pytest

from nnsim.paths import resource_path
from nnsim.spec import ProjectError, load_project, project_from_json, save_project
from nnsim.spec.io import MAX_FILE_BYTES, project_to_json

EXAMPLES = sorted(resource_path("examples").glob("*.json"))


def xor():
    return load_project(resource_path("examples", "xor.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_round_trips(path, tmp_path):
    p = load_project(path)
    save_project(p, tmp_path / "copy.json")
    assert load_project(tmp_path / "copy.json") == p
    head = json.loads(path.read_text())
    assert head["format"] == "nnsim" and head["version"] == 1


@pytest.mark.parametrize("where", ["inside", "beside"])
def test_weights_inside_or_beside(where, tmp_path):
    p = xor()
    p.weights = {"dense1.W": np.arange(8, dtype=np.float32).reshape(2, 4),
                 "dense1.b": np.zeros(4, np.float32)}
    save_project(p, tmp_path / "w.json", weights=where)
    q = load_project(tmp_path / "w.json")
    assert q == p
    assert (tmp_path / "w.weights.npz").exists() == (where == "beside")


def test_save_is_atomic_old_file_survives_a_failed_save(tmp_path, monkeypatch):
    target = tmp_path / "p.json"
    save_project(xor(), target)
    before = target.read_bytes()

    def broken(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken)
    p = xor()
    p.name = "changed"
    with pytest.raises(ProjectError, match="No space left on device. The previous file is "
                                           "unchanged"):
        save_project(p, target)
    assert target.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["p.json"]  # no temp file left behind


def test_read_only_folder(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    d = tmp_path / "ro"
    d.mkdir()
    d.chmod(0o500)
    try:
        with pytest.raises(ProjectError, match="Could not save"):
            save_project(xor(), d / "p.json")
    finally:
        d.chmod(0o700)


def good_dict():
    return json.loads(project_to_json(xor()))


@pytest.mark.parametrize("mutate,message", [
    (lambda d: "{", "is not valid JSON: Expecting property name enclosed in double quotes at "
                    "line 1, column 2"),
    (lambda d: [], "is not an nnsim project (it holds no JSON object)"),
    (lambda d: {**d, "format": "keras"}, "is not an nnsim project (its \"format\" is 'keras')"),
    (lambda d: {**d, "version": 2}, "was made by a newer nnsim (file version 2; this nnsim reads "
                                    "versions up to 1). Update nnsim to open it."),
    (lambda d: {**d, "version": "1"}, "has no valid version number"),
    (lambda d: {**d, "nodes": {}}, "\"nodes\" must be a list of layers"),
    (lambda d: {**d, "nodes": [1]}, "layer 1 is not an object"),
    (lambda d: {**d, "nodes": [{"type": "Dense"}]}, "layer 1 needs an \"id\""),
    (lambda d: {**d, "nodes": [{"id": "a", "type": "Dense", "params": {"units": [1]}}]},
     "parameter 'units' must be a number, text or true/false"),
    (lambda d: {**d, "links": [{"src": 1}]}, "link 1 needs \"src\" and \"dst\" layer ids"),
    (lambda d: {**d, "dataset": 5}, "\"dataset\" needs a \"name\""),
    (lambda d: {**d, "training": []}, "\"training\" must be an object"),
    (lambda d: {**d, "weights": {"npz_base64": "@@@"}}, "the stored weights are damaged"),
    (lambda d: {**d, "weights": {"npz_base64": base64.b64encode(b"junk").decode()}},
     "the weights cannot be read"),
    (lambda d: {**d, "weights": {"file": "../../etc/passwd"}}, "must be a plain file name"),
    (lambda d: {**d, "weights": {"file": "gone.npz"}}, "its weights file gone.npz is missing"),
])
def test_broken_files_give_one_clear_message(mutate, message, tmp_path):
    d = mutate(good_dict())
    path = tmp_path / "bad.json"
    path.write_text(d if isinstance(d, str) else json.dumps(d))
    with pytest.raises(ProjectError) as e:
        load_project(path)
    assert message in str(e.value)
    assert "bad.json" in str(e.value)


def test_weights_with_nan_or_objects_are_refused(tmp_path):
    buf = io.BytesIO()
    np.savez(buf, w=np.array([1.0, np.nan]))
    d = good_dict()
    d["weights"] = {"npz_base64": base64.b64encode(buf.getvalue()).decode()}
    with pytest.raises(ProjectError, match="contains NaN"):
        project_from_json(json.dumps(d))
    buf = io.BytesIO()
    np.savez(buf, w=np.array([{"a": 1}], dtype=object))
    d["weights"] = {"npz_base64": base64.b64encode(buf.getvalue()).decode()}
    with pytest.raises(ProjectError, match="cannot be read"):  # pickle refused
        project_from_json(json.dumps(d))


def test_not_utf8_missing_folder_and_huge(tmp_path):
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00junk")
    with pytest.raises(ProjectError, match="not a text file"):
        load_project(tmp_path / "bin.json")
    with pytest.raises(ProjectError, match="does not exist"):
        load_project(tmp_path / "nope.json")
    with pytest.raises(ProjectError, match="is a folder"):
        load_project(tmp_path)
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ProjectError, match="project files are at most 64 MB"):
        load_project(big)


def test_deep_nesting_is_refused_not_crashing():
    with pytest.raises(ProjectError, match="nested too deeply"):
        project_from_json("[" * 200_000)
