"""Architecture rules that hold for the whole package (docs/architecture.md, GUIDE.md 1 and 7).

- The import contracts in pyproject.toml (import-linter): the Qt-free floors never import Qt or
  pyqtgraph, and imports only go down ``ui > training > spec > data > engine``.
- No module under nnsim/ uses pickle, ``eval``/``exec`` or ``allow_pickle=True``: nnsim opens
  files users share, and none of them may run code.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "nnsim"


def _lint_imports(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        found = shutil.which("lint-imports")
        if found is None:
            pytest.fail("lint-imports not found: install the test extra (pip install -e '.[test]')")
        exe = Path(found)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=100,
    )


def test_import_contracts_hold():
    proc = _lint_imports(ROOT, "--no-cache")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"import contracts broken (see pyproject.toml):\n{out}"
    summary = re.search(r"Contracts: (\d+) kept, (\d+) broken", out)
    assert summary, out
    assert int(summary[1]) >= 2 and int(summary[2]) == 0, out


def test_import_contracts_catch_qt_in_the_engine(tmp_path):
    """The forbidden contract really fires: a copy of the package with Qt imported in engine/."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PACKAGE, tmp_path / "nnsim", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "nnsim" / "engine" / "_leak.py").write_text("from PySide6 import QtCore\n")
    (tmp_path / "nnsim" / "data" / "_upward.py").write_text("import nnsim.spec\n")

    proc = _lint_imports(tmp_path, "--no-cache")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "nnsim.engine._leak -> PySide6" in out, out
    assert "nnsim.data._upward -> nnsim.spec" in out, out


# --------------------------------------------------------------------------- no code execution

FORBIDDEN_MODULES = {"pickle", "cPickle", "_pickle", "cloudpickle", "dill", "shelve", "marshal"}
FORBIDDEN_BUILTINS = {"eval", "exec"}


def _violations(source: str) -> list[tuple[int, str]]:
    """(line, what) for each forbidden use; comments and docstrings are not code, so not seen."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module and node.module.split(".")[0] in FORBIDDEN_MODULES:
                found.append((node.lineno, f"from {node.module} import ..."))
        elif isinstance(node, ast.Call):
            func = node.func
            # eval(...) / exec(...) and builtins.eval(...); not Qt's dialog.exec(), a method.
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_BUILTINS:
                found.append((node.lineno, f"{func.id}(...)"))
            elif (
                isinstance(func, ast.Attribute)
                and func.attr in FORBIDDEN_BUILTINS
                and isinstance(func.value, ast.Name)
                and func.value.id == "builtins"
            ):
                found.append((node.lineno, f"builtins.{func.attr}(...)"))
            for kw in node.keywords:
                if kw.arg == "allow_pickle" and not (
                    isinstance(kw.value, ast.Constant) and kw.value.value is False
                ):
                    found.append((node.lineno, f"allow_pickle={ast.unparse(kw.value)}"))
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            # np.load's pickle path, or pandas' read_pickle, by attribute
            if node.attr in {"read_pickle", "to_pickle"}:
                found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return found


def test_scanner_sees_code_not_comments():
    source = '''
"""Docstring mentioning pickle, eval(x), exec(y) and allow_pickle=True."""
# import pickle; eval("1")
import json
dialog.exec()
np.load(path, allow_pickle=False)
'''
    assert _violations(source) == []
    bad = "import pickle\nfrom dill import loads\neval('1')\nexec('x=1')\nnp.load(p, allow_pickle=True)\n"
    assert [line for line, _ in _violations(bad)] == [1, 2, 3, 4, 5]


def test_no_pickle_eval_or_exec_in_the_package():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT)
        for line, what in _violations(path.read_text(encoding="utf-8")):
            problems.append(f"{rel}:{line}: {what}")
    assert not problems, (
        "nnsim never unpickles or evaluates code (users open files others made):\n  "
        + "\n  ".join(problems)
    )
