"""The PyTorch export: the script is valid Python that never imports nnsim, carries the exact
weights and data, and (where PyTorch is installed) computes what nnsim computes: the same
forward pass to 1e-5, the same loss, the same training steps; and it runs as a program.
"""

from __future__ import annotations

import ast
import base64
import io
import os
import runpy
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnsim import cli
from nnsim.data import make_dataset
from nnsim.export import dataset_npz, export_pytorch, export_pytorch_to_file
from nnsim.spec import (DatasetSpec, LinkSpec, NodeSpec, Project, SpecError, compile_project,
                        load_project)
from nnsim.spec.model import default_training
from nnsim.training import Trainer

ROOT = Path(__file__).resolve().parents[2]
SPIRALS = ROOT / "resources" / "examples" / "spirals.json"
ALLOWED_IMPORTS = {"argparse", "base64", "csv", "io", "math", "os", "sys", "numpy", "torch"}


# -- building projects --------------------------------------------------------------------------

def chain(layers, dataset, loss, dtype="float32", training=None, **dataset_params) -> Project:
    """Input -> layers (``(id, type, params)``) -> Output(loss) on ``dataset``."""
    nodes = [NodeSpec.new("input", "Input")]
    nodes += [NodeSpec.new(i, t, **p) for i, t, p in layers]
    nodes.append(NodeSpec.new("output", "Output", loss=loss))
    links = [LinkSpec(a.id, b.id) for a, b in zip(nodes, nodes[1:])]
    tr = default_training()
    tr.update(dtype=dtype, **(training or {}))
    return Project(name="test", nodes=nodes, links=links,
                   dataset=DatasetSpec(dataset, dict(dataset_params)), training=tr)


def dag_project(dtype="float32") -> Project:
    """A DAG with Dropout, Activation (softmax, sigmoid), Add and Concatenate, bce on moons:

    input -> a (relu) -> drop -> b (tanh) --+
    input -> c (leaky_relu) -> soft --------+-> add -> sig --+
    a ------------------------------------------------------+-> cat -> out (1) -> bce
    """
    n = NodeSpec.new
    nodes = [
        n("input", "Input"),
        n("a", "Dense", units=8, activation="relu"),
        n("drop", "Dropout", rate=0.3),
        n("b", "Dense", units=6, activation="tanh"),
        n("c", "Dense", units=6, activation="leaky_relu"),
        n("soft", "Activation", activation="softmax"),
        n("add", "Add"),
        n("sig", "Activation", activation="sigmoid"),
        n("cat", "Concatenate"),
        n("out", "Dense", units=1, activation="linear"),
        n("output", "Output", loss="bce"),
    ]
    links = [("input", "a"), ("a", "drop"), ("drop", "b"), ("input", "c"), ("c", "soft"),
             ("b", "add"), ("soft", "add"), ("add", "sig"), ("sig", "cat"), ("a", "cat"),
             ("cat", "out"), ("out", "output")]
    tr = default_training()
    tr["dtype"] = dtype
    return Project(name="dag", nodes=nodes, links=[LinkSpec(s, d) for s, d in links],
                   dataset=DatasetSpec("moons", {"n_samples": 120}), training=tr)


RNN_SEQ = (
    "rnn_seq",
    [("rnn1", "SimpleRNN", dict(units=8, return_sequences=True)),
     ("dense1", "Dense", dict(units=1, activation="linear"))],
    "sine_wave", "mse", dict(n_samples=60, length=12))
RNN_LAST = (
    "rnn_last",
    [("rnn1", "SimpleRNN", dict(units=8)), ("dense1", "Dense", dict(units=1, activation="linear"))],
    "adding", "mse", dict(n_samples=60, length=10))
LSTM_LAST = (
    "lstm_last",
    [("lstm1", "LSTM", dict(units=6)), ("dense1", "Dense", dict(units=3, activation="linear"))],
    "memory", "cross_entropy", dict(n_samples=60, lag=4, n_symbols=3))
LSTM_SEQ = (
    "lstm_seq",
    [("lstm1", "LSTM", dict(units=5, return_sequences=True, forget_bias=0.5)),
     ("dense1", "Dense", dict(units=1, activation="linear"))],
    "sine_wave", "mse", dict(n_samples=60, length=12))
STACKED = (
    "lstm_rnn_stacked",
    [("lstm1", "LSTM", dict(units=5, return_sequences=True)),
     ("rnn1", "SimpleRNN", dict(units=4)),
     ("dense1", "Dense", dict(units=3, activation="linear"))],
    "memory", "cross_entropy", dict(n_samples=60, lag=3, n_symbols=3))
RECURRENT = [RNN_SEQ, RNN_LAST, LSTM_LAST, LSTM_SEQ, STACKED]


def recurrent_project(case, dtype="float32", training=None) -> Project:
    _, layers, ds, loss, params = case
    return chain(layers, ds, loss, dtype=dtype, training=training, **params)


def trained(project: Project, steps: int):
    """(dataset, nnsim network, state dict) after ``steps`` steps of nnsim's Trainer."""
    tr = Trainer(project)
    tr.run(steps)
    assert tr.diverged is None
    return tr.dataset, tr.net, tr.net.state_dict()


def write_csv(path: Path) -> Path:
    """A semicolon CSV with a header, a text class column in the middle and a trailing
    delimiter (an empty column nnsim drops)."""
    rng = np.random.default_rng(5)
    lines = ["height;kind;weight;age;"]
    for k in range(40):
        kind = ["cat", "dog", "fox"][k % 3]
        h, w, a = rng.normal(30 + 5 * (k % 3), 3), rng.normal(4, 1), rng.integers(1, 15)
        lines.append(f"{h:.3f};{kind};{w:.4f};{a};")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# -- reading the script without running it ------------------------------------------------------

def module_ast(text: str) -> ast.Module:
    return ast.parse(text)


def constant(text: str, name: str):
    """The literal value assigned to the module-level ``name`` in the script."""
    for node in module_ast(text).body:
        if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise KeyError(name)


def imported_modules(text: str) -> set[str]:
    found = set()
    for node in ast.walk(module_ast(text)):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add((node.module or "").split(".")[0])
    return found


def all_projects():
    return {
        "spirals": load_project(SPIRALS),
        "dag": dag_project(),
        **{c[0]: recurrent_project(c) for c in RECURRENT},
    }


# == without PyTorch ==============================================================================

@pytest.mark.parametrize("name", list(all_projects()))
def test_script_compiles_and_imports_only_numpy_and_torch(name):
    text = export_pytorch(all_projects()[name], filename="model_export.py")
    compile(text, "model_export.py", "exec")
    mods = imported_modules(text)
    assert "nnsim" not in mods
    assert mods <= ALLOWED_IMPORTS, mods - ALLOWED_IMPORTS
    assert 'if __name__ == "__main__":' in text
    assert "class Net(nn.Module):" in text


def test_odd_names_and_text_still_make_valid_python():
    """Node ids are free text and project names may hold quotes, backslashes and newlines."""
    n = NodeSpec.new
    ids = ["my layer", "class", "forward", "a-b", "a_b", "1st", "x"]
    nodes = [n("in put", "Input")] + [n(i, "Dense", units=3, activation="tanh") for i in ids]
    nodes += [n("out", "Dense", units=2, activation="linear"), n("output", "Output")]
    links = [LinkSpec(a.id, b.id) for a, b in zip(nodes, nodes[1:])]
    p = Project(name='He said """hi""" \\ and\nleft"', description='"""\\x00 \x00 end\\',
                nodes=nodes, links=links, dataset=DatasetSpec("xor", {"n_samples": 40}))
    text = export_pytorch(p, source='we"ird\\name.json', filename="weird name.py")
    compile(text, "weird.py", "exec")
    tree = module_ast(text)
    net = next(c for c in tree.body if isinstance(c, ast.ClassDef) and c.name == "Net")
    init = next(f for f in net.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
    attrs = [t.attr for s in init.body if isinstance(s, ast.Assign) for t in s.targets
             if isinstance(t, ast.Attribute)]
    assert len(attrs) == len(set(attrs)) == len(ids) + 1
    assert all(a.isidentifier() and a not in ("class", "forward", "x") for a in attrs)
    assert set(constant(text, "NNSIM_WEIGHTS")) == {f"{i}.{k}" for i in ids + ["out"]
                                                    for k in ("W", "b")}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_small_network_weights_are_readable_lists_with_exact_values(dtype):
    p = load_project(SPIRALS)
    p.training["dtype"] = dtype
    ds = make_dataset(p.dataset.name, **p.dataset.params)
    net = compile_project(p, ds)
    rng = np.random.default_rng(3)
    for v in net.named_parameters().values():
        v[...] = rng.normal(0.0, 0.7, v.shape)
    state = net.state_dict()
    text = export_pytorch(p, ds, state)
    lists = constant(text, "NNSIM_WEIGHTS")
    assert lists.keys() == state.keys()
    for k, a in state.items():
        np.testing.assert_array_equal(np.array(lists[k], dtype=a.dtype), a)  # bit for bit
    assert "the weights nnsim trained" in text


def test_large_network_weights_are_an_npz():
    p = chain([("wide", "Dense", dict(units=1500, activation="relu")),
               ("out", "Dense", dict(units=2, activation="linear"))],
              "xor", "cross_entropy", n_samples=40)
    ds = make_dataset("xor", n_samples=40)
    net = compile_project(p, ds)
    text = export_pytorch(p, ds)
    blob = base64.b64decode(constant(text, "NNSIM_WEIGHTS"))
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        for k, a in net.state_dict().items():  # untrained: nnsim's seeded initial weights
            np.testing.assert_array_equal(z[k], a)
    assert "untrained initial weights (seed 0)" in text


def test_embedded_data_are_the_arrays_nnsim_trains_on():
    p = recurrent_project(LSTM_LAST)
    ds = make_dataset(p.dataset.name, **p.dataset.params)
    text = export_pytorch(p, ds)
    blob = base64.b64decode(constant(text, "DATA_NPZ_BASE64"))
    with np.load(io.BytesIO(blob), allow_pickle=False) as z:
        np.testing.assert_array_equal(z["x_train"], ds.x_train.astype(np.float32))
        np.testing.assert_array_equal(z["y_val"], ds.y_val)
        assert z["y_train"].dtype == np.int64


def test_large_data_set_is_written_beside_the_script(tmp_path):
    p = load_project(SPIRALS)
    files = export_pytorch_to_file(p, tmp_path / "big.py", embed_limit=1000)
    assert files == [tmp_path / "big.py", tmp_path / "big.data.npz"]
    text = files[0].read_text(encoding="utf-8")
    assert constant(text, "DATA_FILE") == "big.data.npz"
    assert "DATA_NPZ_BASE64" not in text
    assert files[1].read_bytes() == dataset_npz(p)
    # small enough: embedded, one file
    assert export_pytorch_to_file(p, tmp_path / "small.py") == [tmp_path / "small.py"]


def test_invalid_network_or_weights_raise_spec_error():
    p = load_project(SPIRALS)
    p.links = p.links[:-1]  # the Output is cut off
    with pytest.raises(SpecError):
        export_pytorch(p)
    p = load_project(SPIRALS)
    with pytest.raises(SpecError, match="do not fit"):
        export_pytorch(p, weights={"dense1.W": np.zeros((3, 3))})
    ds = make_dataset(p.dataset.name, **p.dataset.params)
    state = compile_project(p, ds).state_dict()
    state["dense2.b"][0] = np.nan
    with pytest.raises(SpecError, match="NaN"):
        export_pytorch(p, ds, state)


# -- the CLI ------------------------------------------------------------------------------------

def test_cli_export_writes_the_script_and_prints_its_path(tmp_path, capsys):
    out = tmp_path / "spirals_torch.py"
    assert cli.main(["export", str(SPIRALS), "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = out.read_text(encoding="utf-8")
    compile(text, str(out), "exec")
    assert "untrained initial weights" in text


def test_cli_export_default_name_and_folder_output(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["export", str(SPIRALS)]) == 0
    assert (tmp_path / "spirals_pytorch.py").is_file()
    (tmp_path / "sub").mkdir()
    assert cli.main(["export", str(SPIRALS), "-o", "sub"]) == 0
    assert (tmp_path / "sub" / "spirals_pytorch.py").is_file()


def test_cli_export_train_steps_exports_trained_weights(tmp_path, capsys):
    out = tmp_path / "t.py"
    assert cli.main(["export", str(SPIRALS), "-o", str(out), "--train-steps", "20"]) == 0
    captured = capsys.readouterr()
    assert "training" in captured.err and "trained: validation loss" in captured.err
    text = out.read_text(encoding="utf-8")
    assert "the weights nnsim trained" in text
    p = load_project(SPIRALS)
    ds = make_dataset(p.dataset.name, **p.dataset.params)
    initial = compile_project(p, ds).state_dict()
    lists = constant(text, "NNSIM_WEIGHTS")
    assert not np.array_equal(np.array(lists["dense1.W"], np.float32), initial["dense1.W"])


@pytest.mark.parametrize("args, message", [
    (["export", "{tmp}/missing.json"], "does not exist"),
    (["export", "{tmp}/bad.json"], "not valid JSON"),
    (["export", "{tmp}/broken.json"], "cannot be exported"),
    (["export", "{spirals}", "-o", "{tmp}/nofolder/x.py"], "does not exist"),
    (["export", "{spirals}", "-o", "{tmp}/x.txt"], "ending in .py"),
    (["export", "{spirals}", "--train-steps", "-1"], "--train-steps"),
    (["export", "{tmp}/same.py", "-o", "{tmp}/same.py"], "overwrite the project"),
])
def test_cli_export_errors_are_one_clear_line(tmp_path, capsys, args, message):
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    broken = load_project(SPIRALS)
    broken.links = broken.links[:-1]
    from nnsim.spec import save_project
    save_project(broken, tmp_path / "broken.json")
    (tmp_path / "same.py").write_text("{}", encoding="utf-8")
    argv = [a.format(tmp=tmp_path, spirals=SPIRALS) for a in args]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("nnsim: ") and message in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.txt").exists()


# == with PyTorch ================================================================================

@pytest.fixture(scope="module")
def torch():
    torch = pytest.importorskip("torch")
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # the machine is shared; these nets are tiny
    yield torch
    torch.set_num_threads(threads)


def load_script(text: str, tmp_path: Path, name: str = "exported.py") -> dict:
    """The script's globals, run under a name that does not start main()."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return runpy.run_path(str(path), run_name="nnsim_export_under_test")


def torch_forward(g, torch, x):
    model = g["build_model"]().eval()
    with torch.no_grad():
        return model(torch.as_tensor(np.array(x), dtype=g["DTYPE"])).numpy()


def check_same_forward_and_loss(g, torch, net, ds, atol):
    x, y = ds.x_val, ds.y_val
    ours = net.forward(x, training=False)
    theirs = torch_forward(g, torch, x)
    assert theirs.shape == ours.shape
    np.testing.assert_allclose(theirs, ours, rtol=0, atol=atol)
    # the loss on the same weights and batch
    xv, yv = g["to_tensors"]((ds.x_train, ds.y_train, x, y), "cpu")[2:]
    model = g["build_model"]().eval()
    with torch.no_grad():
        t_loss = g["loss_fn"](model(xv), yv).item()
    n_loss = net.loss.forward(net.forward(x, training=False), y)
    assert t_loss == pytest.approx(n_loss, rel=max(atol, 1e-12), abs=atol)
    acc = net.loss.accuracy(ours, y)
    if acc is not None:
        with torch.no_grad():
            assert g["accuracy"](model(xv), yv) == pytest.approx(acc, abs=1e-12)


def test_dense_spirals_round_trip(torch, tmp_path):
    """The spirals example trained 300 steps: same logits to 1e-5, same loss."""
    p = load_project(SPIRALS)
    ds, net, state = trained(p, 300)
    g = load_script(export_pytorch(p, ds, state), tmp_path)
    check_same_forward_and_loss(g, torch, net, ds, atol=1e-5)
    # and its data loader gives nnsim's arrays
    xt, yt, xv, yv = g["load_data"]()
    np.testing.assert_array_equal(xt, ds.x_train.astype(np.float32))
    np.testing.assert_array_equal(yv, ds.y_val)


@pytest.mark.parametrize("case", RECURRENT, ids=[c[0] for c in RECURRENT])
@pytest.mark.parametrize("dtype, atol", [("float32", 1e-5), ("float64", 1e-12)])
def test_recurrent_round_trip(torch, tmp_path, case, dtype, atol):
    """SimpleRNN and LSTM, last state or every state, alone or stacked, after a little nnsim
    training: PyTorch's nn.RNN/nn.LSTM with the converted weights give nnsim's outputs."""
    p = recurrent_project(case, dtype=dtype)
    ds, net, state = trained(p, 15)
    g = load_script(export_pytorch(p, ds, state), tmp_path)
    check_same_forward_and_loss(g, torch, net, ds, atol=atol)


@pytest.mark.parametrize("dtype, atol", [("float32", 1e-5), ("float64", 1e-12)])
def test_dag_with_merges_and_dropout_round_trip(torch, tmp_path, dtype, atol):
    p = dag_project(dtype)
    ds, net, state = trained(p, 40)
    text = export_pytorch(p, ds, state)
    assert "torch.cat([sig, a], dim=-1)" in text and "add = b + soft" in text
    g = load_script(text, tmp_path)
    check_same_forward_and_loss(g, torch, net, ds, atol=atol)
    # dropout is active in train mode only, as in nnsim
    model = g["build_model"]().train()
    x = torch.as_tensor(np.array(ds.x_val), dtype=g["DTYPE"])
    with torch.no_grad():
        assert not torch.allclose(model(x), model.eval()(x))


LSTM_TRAINING = ("lstm_training", [("lstm1", "LSTM", dict(units=4)),
                                   ("dense1", "Dense", dict(units=1, activation="linear"))],
                 "adding", "mse", dict(n_samples=40, length=6))


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "nesterov", "rmsprop", "adam"])
@pytest.mark.parametrize("arch", ["dense", "lstm"])
def test_training_steps_match_nnsim(torch, tmp_path, optimizer, arch, capsys):
    """From the same weights, the script's train() takes the same steps as nnsim's Trainer:
    same batches, same optimiser, weight decay on weights only, then clipping."""
    settings = dict(optimizer=optimizer, learning_rate=0.05, batch_size=16, weight_decay=0.01,
                    clip_norm=1.0, eval_every=1000)
    if arch == "dense":
        p = chain([("h", "Dense", dict(units=6, activation="tanh")),
                   ("o", "Dense", dict(units=3, activation="linear"))],
                  "gaussians", "cross_entropy", dtype="float64", training=settings,
                  n_samples=80, n_classes=3)
    else:
        p = recurrent_project(LSTM_TRAINING, dtype="float64", training=settings)
    tr = Trainer(p)
    start = tr.net.state_dict()
    g = load_script(export_pytorch(p, tr.dataset, start), tmp_path)
    model = g["build_model"]()
    data = g["to_tensors"](g["load_data"](), "cpu")
    steps = 6
    g["train"](model, data, steps)
    tr.run(steps)
    ours = g["torch_state_from_nnsim"](tr.net.state_dict())
    theirs = model.state_dict()
    # RMSprop and Adam divide by the gradient's RMS, so where a gradient is nearly 0 a rounding
    # difference (and Adam's eps, which nnsim applies after the bias correction) moves a weight
    # by ~1e-8: still a millionth of a step of lr 0.05
    atol = 1e-6 if optimizer in ("rmsprop", "adam") else 1e-9
    for k, v in ours.items():
        np.testing.assert_allclose(theirs[k].numpy(), v.numpy(), rtol=1e-6, atol=atol,
                                   err_msg=k)
    assert f"step {steps:>7}" in capsys.readouterr().out


def test_csv_project_loader_reads_the_file_as_nnsim_does(torch, tmp_path):
    csv_path = write_csv(tmp_path / "animals.csv")
    p = chain([("h", "Dense", dict(units=5, activation="tanh")),
               ("o", "Dense", dict(units=3, activation="linear"))],
              "csv", "cross_entropy", path=str(csv_path), target="kind", val_fraction=0.25,
              seed=4)
    ds = make_dataset("csv", **p.dataset.params)
    assert ds.n_classes == 3
    text = export_pytorch(p, ds)
    assert "DATA_NPZ_BASE64" not in text
    g = load_script(text, tmp_path)
    for got, want in zip(g["load_data"](), (ds.x_train, ds.y_train, ds.x_val, ds.y_val)):
        np.testing.assert_array_equal(got, want)
    assert g["CLASS_NAMES"] == ["cat", "dog", "fox"]
    # numeric classes ("1" and "1.0" are one class) and a regression target
    rows = ["a,b,c"] + [f"{k % 5},{(k * 7) % 3}{'.0' if k % 2 else ''},{k * 0.37:.2f}"
                        for k in range(30)]
    (tmp_path / "n.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for target, loss, units in (("b", "cross_entropy", 3), ("c", "mse", 1)):
        p2 = chain([("o", "Dense", dict(units=units, activation="linear"))], "csv", loss,
                   path=str(tmp_path / "n.csv"), target=target)
        ds2 = make_dataset("csv", **p2.dataset.params)
        g2 = load_script(export_pytorch(p2, ds2), tmp_path, f"n_{target}.py")
        for got, want in zip(g2["load_data"](), (ds2.x_train, ds2.y_train, ds2.x_val,
                                                 ds2.y_val)):
            np.testing.assert_array_equal(got, want)


def run_script(path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True,
                          timeout=300, cwd=path.parent, env=env)


@pytest.mark.timeout(600)  # two fresh interpreters importing torch on a shared machine
def test_script_runs_as_a_program(torch, tmp_path):
    """As a program: a DAG with dropout whose data lie beside the script, and a CSV project
    whose file has moved (--csv): evaluate, train a few steps, save."""
    files = export_pytorch_to_file(dag_project(), tmp_path / "dag_export.py", embed_limit=100)
    assert len(files) == 2
    r = run_script(files[0], "--steps", "5", "--save", "trained.pt")
    assert r.returncode == 0, r.stderr
    assert "step       0" in r.stdout and "step       5" in r.stdout and "val acc" in r.stdout
    assert (tmp_path / "trained.pt").is_file()

    csv_path = write_csv(tmp_path / "animals.csv")
    p = chain([("o", "Dense", dict(units=3, activation="linear"))], "csv", "cross_entropy",
              path=str(csv_path), target="kind")
    out = tmp_path / "csv_export.py"
    export_pytorch_to_file(p, out)
    moved = tmp_path / "moved.csv"
    csv_path.rename(moved)
    r = run_script(out, "--steps", "2", "--csv", str(moved))
    assert r.returncode == 0, r.stderr
    assert "step       2" in r.stdout


def test_main_trains_and_says_where_a_missing_csv_went(torch, tmp_path, capsys):
    """main() in-process: an LSTM trains 3 steps; a CSV project whose file is gone stops with a
    message naming --csv."""
    g = load_script(export_pytorch(recurrent_project(LSTM_SEQ)), tmp_path, "lstm_export.py")
    g["main"](["--steps", "3"])
    out = capsys.readouterr().out
    assert "step       0" in out and "step       3" in out

    csv_path = write_csv(tmp_path / "animals.csv")
    p = chain([("o", "Dense", dict(units=3, activation="linear"))], "csv", "cross_entropy",
              path=str(csv_path), target="kind")
    g = load_script(export_pytorch(p), tmp_path, "csv_export.py")
    csv_path.unlink()
    with pytest.raises(SystemExit, match="--csv"):
        g["main"](["--steps", "2"])
