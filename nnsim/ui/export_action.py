"""File ▸ Export to PyTorch…: the open project, with the weights of the newest training step, as
a self-contained PyTorch script (``nnsim.export``; the CLI's ``nnsim export`` does the same)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..data import DataError
from ..export import export_pytorch_to_file
from ..spec import SpecError


def _tr(text: str) -> str:
    return QCoreApplication.translate("Export", text)


def ask_script_path(parent: QWidget | None, suggested: str) -> str:
    """The file to write (a small function so tests can answer it)."""
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Export to PyTorch"), suggested,
                                          _tr("Python script (*.py)"))
    if path and not path.endswith(".py"):
        path += ".py"
    return path


def show_result(parent: QWidget | None, ok: bool, text: str) -> None:
    box = QMessageBox.information if ok else QMessageBox.warning
    box(parent, _tr("Export to PyTorch"), text)


def newest_weights(window) -> dict | None:
    """``{"layer.W": array}`` of the newest snapshot, or None before any training."""
    snap = getattr(getattr(window, "sim", None), "latest", None)
    if snap is None:
        return None
    return {f"{l.name}.{k}": v for l in snap.layers for k, v in l.params.items()}


def export_to_pytorch(window) -> list[Path]:
    """Ask for a file and write the script; says what happened. Returns the files written."""
    project = window.doc.project
    if not window.doc.validation.ok:
        show_result(window, False, _tr("The network is not valid, so it cannot be exported: "
                                       "see the problems under the canvas."))
        return []
    stem = re.sub(r"[^A-Za-z0-9_]+", "_", project.name).strip("_").lower() or "network"
    path = ask_script_path(window, f"{stem}_pytorch.py")
    if not path:
        return []
    try:
        written = export_pytorch_to_file(window.doc.snapshot(), path, window.doc.dataset(),
                                         newest_weights(window))
    except (SpecError, DataError) as e:
        show_result(window, False, str(e))
        return []
    except OSError as e:
        show_result(window, False, _tr("Could not write {0}: {1}").format(
            path, e.strerror or str(e)))
        return []
    show_result(window, True, _tr("Wrote {0}. Run it with: python {1}").format(
        ", ".join(str(p) for p in written), Path(written[0]).name))
    return written
