"""Where nnsim finds its bundled resources (examples, data, icons, translations).

In a source checkout they live in ``resources/`` at the top of the repository; an installed wheel
carries them inside the package as ``nnsim/resources`` (see ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The folder holding ``examples/``, ``data/``, ``icons/`` and ``i18n/``."""
    installed = _PACKAGE / "resources"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def resource_path(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource_path("data", "digits.csv.gz")``."""
    return resources_dir().joinpath(*parts)
