"""The Qt binding nnsim runs on: the PySide6 pin in pyproject.toml and why it is there.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every call of a Qt method that
returns void. A live pyqtgraph plot makes millions of such calls, ``None``'s reference count
reaches zero and the interpreter dies with ``Fatal Python error: none_dealloc``. 6.11.x is clean.
pyproject.toml therefore pins ``PySide6-Essentials>=6.7,<6.12``; these tests keep that pin honest.
"""

from __future__ import annotations

import sys
from importlib import metadata

import pytest

QtCore = pytest.importorskip("PySide6.QtCore")

CALLS = 10_000
# A clean binding leaves None's count where it was, give or take what the interpreter itself does
# in between (a garbage collection, a cache); the broken one loses one reference per call.
TOLERANCE = 100


def test_void_qt_calls_keep_none_refcount():
    obj = QtCore.QObject()
    set_name = obj.setObjectName  # returns void: the binding hands back Py_None
    for _ in range(100):  # warm up caches before measuring
        set_name("warm-up")

    before = sys.getrefcount(None)
    for _ in range(CALLS):
        set_name("nnsim")
    after = sys.getrefcount(None)

    lost = before - after
    assert lost <= TOLERANCE, (
        f"{CALLS} calls of the void QObject.setObjectName lost {lost} references to None "
        f"(PySide6 {QtCore.qVersion()} / binding {_pyside_version()}). This is the PySide6 6.12 "
        "refcount bug that kills a live pyqtgraph plot with 'Fatal Python error: none_dealloc': "
        "the PySide6-Essentials pin (<6.12) in pyproject.toml must stay."
    )


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


def _pyside_requirement():
    """The PySide6-Essentials requirement nnsim declares (installed metadata or pyproject.toml)."""
    from packaging.requirements import Requirement

    try:
        declared = metadata.requires("nnsim") or []
    except metadata.PackageNotFoundError:
        declared = _requirements_from_pyproject()
    for line in declared:
        req = Requirement(line)
        if req.name.lower() == "pyside6-essentials" and req.marker is None:
            return req
    pytest.fail("pyproject.toml no longer declares PySide6-Essentials as a dependency")


def _requirements_from_pyproject() -> list[str]:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    return tomllib.loads(pyproject.read_text())["project"]["dependencies"]


def test_installed_pyside6_satisfies_the_pin():
    req = _pyside_requirement()
    installed = _pyside_version()
    assert req.specifier.contains(installed, prereleases=True), (
        f"PySide6 {installed} is installed but nnsim requires {req}; "
        "reinstall with `python3 scripts/dev.py test` (or pip install -e '.[test]')"
    )
    assert not req.specifier.contains("6.12.0"), (
        f"the pin {req} admits PySide6 6.12.0, whose none_dealloc bug kills live plots; "
        "lift it only for a release on which test_void_qt_calls_keep_none_refcount passes"
    )
