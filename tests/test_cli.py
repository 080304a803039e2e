"""The headless CLI trains exactly as the app does, and bad input gets a message, not a traceback."""

import json
import subprocess
import sys

import pytest

from nnsim.paths import resource_path


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "nnsim", *args], capture_output=True, text=True,
                          timeout=300, cwd=cwd)


def summary(stdout):
    lines = [json.loads(l) for l in stdout.splitlines()]
    assert all(isinstance(l, dict) for l in lines)
    assert lines[-1]["event"] == "summary"
    return lines


def test_spirals_reaches_95_percent_and_is_deterministic():
    path = str(resource_path("examples", "spirals.json"))
    first = run("train", path, "--json")
    assert first.returncode == 0, first.stderr
    lines = summary(first.stdout)
    final = lines[-1]
    assert {"steps", "train_loss", "val_loss", "accuracy"} <= final.keys()
    assert final["accuracy"] >= 0.95
    assert any(l["event"] == "progress" for l in lines)
    second = run("train", path, "--json")
    strip = lambda s: [{k: v for k, v in json.loads(l).items() if k != "seconds"}
                       for l in s.splitlines()]
    assert strip(first.stdout) == strip(second.stdout)


def test_xor_reaches_full_accuracy():
    out = run("train", str(resource_path("examples", "xor.json")), "--json")
    assert out.returncode == 0, out.stderr
    assert summary(out.stdout)[-1]["accuracy"] == 1.0


def test_seed_and_steps_options():
    path = str(resource_path("examples", "xor.json"))
    a = summary(run("train", path, "--json", "--steps", "30", "--seed", "1").stdout)[-1]
    b = summary(run("train", path, "--json", "--steps", "30", "--seed", "2").stdout)[-1]
    assert a["steps"] == b["steps"] == 30
    assert a["train_loss"] != b["train_loss"]
    e = summary(run("train", path, "--json", "--epochs", "2").stdout)[-1]
    assert e["epoch"] == pytest.approx(2.0, abs=0.1)


def test_plain_output_is_readable():
    out = run("train", str(resource_path("examples", "xor.json")), "--steps", "100")
    assert out.returncode == 0
    assert out.stdout.splitlines()[-1].startswith("done: 100 steps, train loss")


@pytest.mark.parametrize("content,message", [
    ("{not json", "is not valid JSON"),
    ('{"format": "nnsim", "version": 99, "nodes": []}', "was made by a newer nnsim"),
])
def test_corrupt_file_exits_nonzero_with_one_message(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    out = run("train", str(path))
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr + out.stdout


def test_invalid_network_lists_the_problem(tmp_path):
    d = json.loads(resource_path("examples", "xor.json").read_text())
    d["nodes"][2]["params"]["units"] = 3  # output layer no longer matches the 2 classes
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(d))
    out = run("train", str(path))
    assert out.returncode == 2
    assert "The network is not valid" in out.stderr
    assert "set units of 'dense2' to 2" in out.stderr
    assert "Traceback" not in out.stderr
    v = run("validate", str(path))
    assert v.returncode == 2 and "set units of 'dense2' to 2" in v.stderr


def test_validate_prints_shapes():
    out = run("validate", str(resource_path("examples", "spirals.json")))
    assert out.returncode == 0
    assert "valid" in out.stdout and "(16,)" in out.stdout


def test_missing_file_and_bad_numbers():
    out = run("train", "no/such/file.json")
    assert out.returncode == 2 and "does not exist" in out.stderr
    out = run("train", str(resource_path("examples", "xor.json")), "--steps", "0")
    assert out.returncode == 2 and "--steps must be at least 1" in out.stderr


def test_divergence_exits_3_with_advice(tmp_path):
    from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, save_project

    nodes = [NodeSpec.new("input", "Input"),
             NodeSpec.new("hidden", "Dense", units=16, activation="relu", init="he"),
             NodeSpec.new("dense", "Dense", units=1, activation="linear"),
             NodeSpec.new("out", "Output", loss="mse")]
    p = Project(name="wild", nodes=nodes, dataset=DatasetSpec("sine", {}),
                links=[LinkSpec("input", "hidden"), LinkSpec("hidden", "dense"),
                       LinkSpec("dense", "out")])
    p.training.update(optimizer="sgd", learning_rate=5.0)
    save_project(p, tmp_path / "wild.json")
    out = run("train", str(tmp_path / "wild.json"), "--steps", "3000", "--json")
    assert out.returncode == 3
    assert "Lower the learning rate" in out.stderr
    assert "Traceback" not in out.stderr
    final = json.loads(out.stdout.splitlines()[-1])
    assert final["steps"] < 100 and "diverged" in final


def test_version_flag():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("nnsim ")


def test_character_model_prints_samples():
    out = run("train", str(resource_path("examples", "char_lstm.json")), "--steps", "6",
              "--json")
    assert out.returncode == 0, out.stderr
    progress = [json.loads(l) for l in out.stdout.splitlines()[:-1]]
    samples = [p["sample"] for p in progress]
    assert samples and all(isinstance(s, str) and len(s) == 60 for s in samples)
    plain = run("train", str(resource_path("examples", "char_lstm.json")), "--steps", "2")
    assert "    sample: '" in plain.stdout
