"""Audit (issue 9): nothing a user opens can run code, and no number reaches the user as a bare NaN.

``tests/test_architecture.py`` already forbids, in nnsim/: importing pickle, shelve, marshal,
dill, cloudpickle; calling ``eval``/``exec``; any ``allow_pickle=`` other than False; pandas'
``read_pickle``. This file adds what that scan does not cover:

- ``np.load`` must say ``allow_pickle=False`` explicitly (the default has changed before);
- no ``yaml.load`` without a safe loader, nor ``yaml.unsafe_load`` / ``full_load``;
- no ``compile()`` builtin, no ``__import__`` / ``importlib.import_module`` of a computed name,
  no ``runpy``, no ``torch.load`` without ``weights_only=True``, no ``joblib.load``;
- no shell: ``os.system``, ``os.popen``, ``subprocess`` with ``shell=True``;
- the same rules hold for the code nnsim *writes*: the PyTorch script exported for every
  bundled example (users run it on their data);
- the CLI's ``--json`` output is strict JSON (null, never NaN / Infinity), a null only ever
  appears with the divergence message that explains it, and a plain-text run that prints
  ``nan``/``inf`` also prints why.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nnsim"

SHELL_CALLS = {("os", "system"), ("os", "popen"), ("os", "execl"), ("os", "execv"),
               ("os", "execvp"), ("os", "spawnl"), ("os", "spawnv"), ("os", "startfile")}
YAML_UNSAFE = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
SAFE_YAML_LOADERS = {"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}


def _dotted(node) -> str:
    """``np.lib.format.read_array`` for an Attribute chain, ``name`` for a Name, else ""."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def _kw(call: ast.Call, name: str):
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    return None


def _is_const(node, value) -> bool:
    return isinstance(node, ast.Constant) and node.value is value


def audit(source: str) -> list[tuple[int, str]]:
    """(line, what) for each use the audit forbids (code only: comments and strings are not)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "runpy":
                    found.append((node.lineno, "import runpy"))
        if isinstance(node, ast.ImportFrom) and node.module == "runpy":
            found.append((node.lineno, "from runpy import ..."))
        if not isinstance(node, ast.Call):
            continue
        name = _dotted(node.func)
        head, _, last = name.rpartition(".")
        args_literal = node.args and isinstance(node.args[0], ast.Constant)
        if last == "load" and head in ("np", "numpy"):
            if not _is_const(_kw(node, "allow_pickle"), False):
                found.append((node.lineno, f"{name}(...) without allow_pickle=False"))
        elif head == "yaml" and last in YAML_UNSAFE:
            found.append((node.lineno, f"{name}(...)"))
        elif head == "yaml" and last in ("load", "load_all"):
            loader = _kw(node, "Loader") or (node.args[1] if len(node.args) > 1 else None)
            if _dotted(loader).rpartition(".")[2] not in SAFE_YAML_LOADERS:
                found.append((node.lineno, f"{name}(...) without a safe Loader"))
        elif name == "compile":
            found.append((node.lineno, "compile(...) builtin"))
        elif name in ("__import__", "importlib.import_module") and not args_literal:
            found.append((node.lineno, f"{name}(<computed name>)"))
        elif head == "runpy":
            found.append((node.lineno, f"{name}(...)"))
        elif name == "torch.load" and not _is_const(_kw(node, "weights_only"), True):
            found.append((node.lineno, "torch.load(...) without weights_only=True"))
        elif name == "joblib.load":
            found.append((node.lineno, "joblib.load(...)"))
        elif (head, last) in SHELL_CALLS:
            found.append((node.lineno, f"{name}(...)"))
        elif head == "subprocess" and _is_const(_kw(node, "shell"), True):
            found.append((node.lineno, f"{name}(..., shell=True)"))
    return found


def test_audit_sees_code_not_text():
    fine = '''
"""np.load(p), yaml.load(f), os.system("x") in a docstring."""
# compile("1", "f", "eval")
import re
np.load(path, allow_pickle=False)
numpy.load(io.BytesIO(b), allow_pickle=False)
yaml.load(f, Loader=yaml.SafeLoader)
yaml.safe_load(f)
re.compile("x")
importlib.import_module("nnsim.ui")
torch.load(p, weights_only=True)
subprocess.run([sys.executable, "-m", "nnsim"], shell=False)
'''
    assert audit(fine) == []
    bad = '''np.load(p)
numpy.load(p, allow_pickle=True)
yaml.load(f)
yaml.full_load(f)
compile(src, "f", "exec")
importlib.import_module(user_text)
__import__(name)
torch.load(p)
os.system("ls")
subprocess.call("ls", shell=True)
import runpy
joblib.load(p)
'''
    assert sorted(line for line, _ in audit(bad)) == list(range(1, 13))


def test_no_code_runs_from_data_anywhere_in_the_package():
    problems = [f"{path.relative_to(ROOT)}:{line}: {what}"
                for path in sorted(PACKAGE.rglob("*.py"))
                for line, what in audit(path.read_text(encoding="utf-8"))]
    assert not problems, "\n  ".join(["code that could run what a user opens:"] + problems)


def test_exported_scripts_follow_the_same_rules():
    """The PyTorch script nnsim writes loads the user's data: no pickle there either."""
    from nnsim.export import export_pytorch
    from nnsim.paths import resource_path
    from nnsim.spec import load_project

    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from test_architecture import _violations
    finally:
        sys.path.remove(str(ROOT / "tests"))
    checked = 0
    for path in sorted(resource_path("examples").glob("*.json")):
        project = load_project(path)
        if project.dataset.name in ("adding", "text"):  # slow to embed; same code paths
            continue
        script = export_pytorch(project)
        problems = audit(script) + _violations(script)
        assert not problems, (path.name, problems)
        checked += 1
    assert checked >= 5


# --------------------------------------------------------------------------- numbers shown


def _strict(line: str) -> dict:
    def refuse(token):
        raise AssertionError(f"{token} in the JSON output: {line}")

    return json.loads(line, parse_constant=refuse)


def _nulls(record: dict) -> list[str]:
    return [k for k, v in record.items() if v is None]


def run_cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnsim", *args], capture_output=True,
                          text=True, timeout=300, cwd=ROOT)


def test_a_diverged_run_writes_null_with_the_reason_never_nan():
    """The 'Exploding gradients' lesson diverges in a few steps, on purpose."""
    from nnsim.paths import resource_path

    path = str(resource_path("examples", "exploding.json"))
    out = run_cli("train", path, "--json", "--steps", "400")
    assert out.returncode == 3, out.stderr
    records = [_strict(line) for line in out.stdout.splitlines()]
    summary = records[-1]
    assert summary["event"] == "summary"
    for rec in records:
        if _nulls(rec):  # a number that could not be given: the record says why
            assert isinstance(rec.get("diverged"), str) and "Training stopped" in rec["diverged"]
    assert _nulls(summary), "this run is meant to diverge to non-finite losses"
    assert summary["diverged"] in out.stderr  # and the terminal says it too, with advice
    assert "Lower the learning rate" in out.stderr

    plain = run_cli("train", path, "--steps", "400")
    assert plain.returncode == 3
    shown = re.findall(r"\b(nan|inf)\b", plain.stdout, flags=re.IGNORECASE)
    assert shown, plain.stdout
    assert "Training stopped" in plain.stderr and "Traceback" not in plain.stderr


def test_a_healthy_run_has_only_finite_numbers():
    from nnsim.paths import resource_path

    out = run_cli("train", str(resource_path("examples", "xor.json")), "--json", "--steps",
                  "60")
    assert out.returncode == 0, out.stderr
    for rec in (_strict(line) for line in out.stdout.splitlines()):
        assert not _nulls(rec), rec
        assert "diverged" not in rec
