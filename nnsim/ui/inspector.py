"""The inspector: the selected layer's parameters, the data set and the training settings.

Editors are generated from the registries (``ParamSpec`` for layers and training, the data
registry's ``ParamInfo`` for data sets): spin boxes with the allowed range, combo boxes for
choices, check boxes for switches. Every change is an undoable command; the editors follow the
document's signals, so undo and redo show up here too.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSize, Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (QAbstractSpinBox, QCheckBox, QComboBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from ..data import DATASETS, groups
from ..spec import LAYER_TYPES, TRAINING_PARAMS
from ..spec.model import DatasetSpec
from .commands import SetDatasetCommand, SetParamCommand, SetTrainingCommand
from .document import Document
from .i18n import (layer_description, layer_title, param_help, param_label, problem_text,
                   shape_text, translate)
from .icons import layer_icon

INT_MAX = 2**31 - 1

#: labels of the data sets' parameters (the registry has none: the key, capitalised)
DATA_PARAM_LABELS = {
    "n_samples": QT_TRANSLATE_NOOP("DatasetParams", "N samples"),
    "noise": QT_TRANSLATE_NOOP("DatasetParams", "Noise"),
    "val_fraction": QT_TRANSLATE_NOOP("DatasetParams", "Val fraction"),
    "seed": QT_TRANSLATE_NOOP("DatasetParams", "Seed"),
    "n_classes": QT_TRANSLATE_NOOP("DatasetParams", "N classes"),
    "turns": QT_TRANSLATE_NOOP("DatasetParams", "Turns"),
    "cells": QT_TRANSLATE_NOOP("DatasetParams", "Cells"),
    "freq": QT_TRANSLATE_NOOP("DatasetParams", "Freq"),
    "length": QT_TRANSLATE_NOOP("DatasetParams", "Length"),
    "lag": QT_TRANSLATE_NOOP("DatasetParams", "Lag"),
    "n_symbols": QT_TRANSLATE_NOOP("DatasetParams", "N symbols"),
    "mode": QT_TRANSLATE_NOOP("DatasetParams", "Mode"),
    "lowercase": QT_TRANSLATE_NOOP("DatasetParams", "Lowercase"),
    "path": QT_TRANSLATE_NOOP("DatasetParams", "Path"),
    "column": QT_TRANSLATE_NOOP("DatasetParams", "Column"),
    "target": QT_TRANSLATE_NOOP("DatasetParams", "Target"),
    "task": QT_TRANSLATE_NOOP("DatasetParams", "Task"),
}


def data_param_label(key: str) -> str:
    label = DATA_PARAM_LABELS.get(key)
    return translate("DatasetParams", label) if label else key.replace("_", " ").capitalize()


def _number(v) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:g}"


def describe_param(p) -> str:
    """What values a data set parameter (``ParamInfo``) allows, in the interface language."""
    if p.choices:
        choices = ", ".join(repr(c) for c in p.choices)
        return translate("DatasetParams", "one of {0}").format(choices)
    if p.type == "str":
        return translate("DatasetParams", "text")
    if p.type == "bool":
        return translate("DatasetParams", "true or false")
    lo = None if p.min is None else _number(p.min)
    hi = None if p.max is None else _number(p.max)
    if p.type == "int":
        if lo is not None and hi is not None:
            return translate("DatasetParams", "a whole number from {0} to {1}").format(lo, hi)
        if lo is not None:
            return translate("DatasetParams", "a whole number >= {0}").format(lo)
        if hi is not None:
            return translate("DatasetParams", "a whole number <= {0}").format(hi)
        return translate("DatasetParams", "a whole number")
    if lo is not None and hi is not None:
        return translate("DatasetParams", "a number from {0} to {1}").format(lo, hi)
    if lo is not None:
        return translate("DatasetParams", "a number >= {0}").format(lo)
    if hi is not None:
        return translate("DatasetParams", "a number <= {0}").format(hi)
    return translate("DatasetParams", "a number")


# -- editors ------------------------------------------------------------------------------------

class FloatSpinBox(QDoubleSpinBox):
    """A double spin box that shows ``0.01`` and ``1e-05``, not ``0.010000``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(12)
        self.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6g}"

    def valueFromText(self, text: str) -> float:
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text, pos):
        from PySide6.QtGui import QValidator

        t = text.strip().replace(",", ".")
        if t in ("", "-", ".", "-.") or t.lower().endswith(("e", "e-", "e+")):
            return QValidator.State.Intermediate, text, pos
        try:
            v = float(t)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        if not math.isfinite(v):
            return QValidator.State.Invalid, text, pos
        if self.minimum() <= v <= self.maximum():
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Intermediate, text, pos


class Editor(QObject):
    """One value's editor widget; ``committed`` fires with the new value when the user is done
    (Enter, focus out, an arrow click, a choice), never while a number is half typed."""

    committed = Signal(object)

    def __init__(self, kind: str, lo=None, hi=None, choices=(), tip: str = ""):
        super().__init__()
        self.kind = kind
        if kind == "bool":
            w = QCheckBox()
            w.toggled.connect(lambda v: self.committed.emit(bool(v)))
        elif choices:
            w = QComboBox()
            for c in choices:
                w.addItem(str(c), c)
            w.activated.connect(lambda i: self.committed.emit(w.itemData(i)))
        elif kind == "int":
            w = QSpinBox()
            w.setRange(int(max(-INT_MAX, lo if lo is not None else -INT_MAX)),
                       int(min(INT_MAX, hi if hi is not None else INT_MAX)))
            w.setKeyboardTracking(False)
            w.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)
            w.valueChanged.connect(lambda v: self.committed.emit(int(v)))
        elif kind == "float":
            w = FloatSpinBox()
            w.setRange(lo if lo is not None else -1e12, hi if hi is not None else 1e12)
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v: self.committed.emit(float(v)))
        else:  # text
            w = QLineEdit()
            w.editingFinished.connect(lambda: self.committed.emit(w.text()))
        if tip:
            w.setToolTip(tip)
        self.widget = w
        self.setParent(w)  # dies with its widget

    def set_value(self, value) -> None:
        w = self.widget
        w.blockSignals(True)
        try:
            if isinstance(w, QCheckBox):
                w.setChecked(bool(value))
            elif isinstance(w, QComboBox):
                i = w.findData(value)
                w.setCurrentIndex(i)
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                if isinstance(value, (int, float)) and not isinstance(value, bool) \
                        and math.isfinite(value):
                    w.setValue(int(round(value)) if isinstance(w, QSpinBox) else float(value))
            else:
                w.setText("" if value is None else str(value))
        finally:
            w.blockSignals(False)

    def value(self):
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            return w.value()
        return w.text()


def _header(text: str) -> QLabel:
    label = QLabel(text)
    f = QFont(label.font())
    f.setBold(True)
    label.setFont(f)
    label.setContentsMargins(0, 10, 0, 2)
    return label


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _form() -> QFormLayout:
    form = QFormLayout()
    form.setContentsMargins(0, 2, 0, 2)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return form


def _clear(form: QFormLayout) -> None:
    while form.rowCount():
        form.removeRow(0)


# -- sections -----------------------------------------------------------------------------------

class LayerSection(QWidget):
    """The selected layer: its parameters, output shape, size and problems."""

    def __init__(self, doc: Document, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.node_id: str | None = None
        self.editors: dict[str, Editor] = {}
        self.title = _header(self.tr("Layer"))
        self.icon = QLabel()
        self.icon.setFixedSize(QSize(20, 20))
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.icon)
        head.addWidget(self.title, 1)
        self.description = _note()
        self.form = _form()
        self.shape = _note()
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c5221f;")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self.description)
        lay.addLayout(self.form)
        lay.addWidget(self.shape)
        lay.addWidget(self.problems)
        doc.param_changed.connect(self._on_param_changed)
        doc.validated.connect(lambda _v: self._show_status())
        doc.node_removed.connect(lambda nid: self.show_nodes([]) if nid == self.node_id else None)
        doc.project_replaced.connect(lambda: self.show_nodes([]))
        self.show_nodes([])

    def show_nodes(self, node_ids: list[str]) -> None:
        _clear(self.form)
        self.editors.clear()
        self.node_id = node_ids[0] if len(node_ids) == 1 else None
        if self.node_id is None or not self.doc.project.has_node(self.node_id):
            self.node_id = None
            self.icon.clear()
            self.icon.hide()
            self.title.setText(self.tr("Layer"))
            self.description.setText(
                self.tr("{0} layers selected.").format(len(node_ids)) if len(node_ids) > 1 else
                self.tr("Select a layer on the canvas to edit it."))
            self.shape.setText("")
            self.problems.setText("")
            self.shape.hide()
            self.problems.hide()
            return
        node = self.doc.project.node(self.node_id)
        lt = LAYER_TYPES.get(node.type)
        self.icon.setPixmap(layer_icon(node.type).pixmap(20, 20))
        self.icon.show()
        self.title.setText(f"{layer_title(node.type)}  ·  {node.id}")
        self.description.setText(layer_description(node.type) if lt
                                 else self.tr("Unknown layer type"))
        if lt is not None:
            for key, spec in lt.params.items():
                ed = Editor(spec.kind, spec.min, spec.max, spec.choices, param_help(spec))
                ed.set_value(node.params.get(key, spec.default))
                ed.committed.connect(lambda v, k=key: self._commit(k, v))
                self.editors[key] = ed
                self.form.addRow(param_label(spec, key), ed.widget)
            if not lt.params:
                self.form.addRow(_note(self.tr("No parameters.")))
        self._show_status()

    def _commit(self, key: str, value) -> None:
        if self.node_id is None:
            return
        current = self.doc.project.node(self.node_id).params.get(key)
        if type(current) is type(value) and current == value:
            return
        self.stack.push(SetParamCommand(self.doc, self.node_id, key, value))

    def _on_param_changed(self, node_id: str, key: str) -> None:
        if node_id == self.node_id and key in self.editors:
            self.editors[key].set_value(self.doc.project.node(node_id).params[key])

    def _show_status(self) -> None:
        if self.node_id is None or not self.doc.project.has_node(self.node_id):
            return
        v = self.doc.validation
        shape = v.shapes.get(self.node_id)
        self.shape.setText(self.tr("Output shape {0}").format(shape_text(shape))
                           if shape is not None else "")
        self.shape.setVisible(shape is not None)
        msgs = [problem_text(p) for p in v.problems if p.node == self.node_id]
        self.problems.setText("\n".join(f"⚠ {m}" for m in msgs))
        self.problems.setVisible(bool(msgs))


class DatasetSection(QWidget):
    def __init__(self, doc: Document, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.editors: dict[str, Editor] = {}
        self.combo = QComboBox()
        self.combo.setMaxVisibleItems(24)
        for g, names in groups().items():
            if self.combo.count():
                self.combo.insertSeparator(self.combo.count())
            for name in names:
                self.combo.addItem(translate("Datasets", DATASETS[name].title), name)
                self.combo.setItemData(self.combo.count() - 1,
                                       translate("Datasets", DATASETS[name].description),
                                       Qt.ItemDataRole.ToolTipRole)
        self.combo.activated.connect(self._choose)
        self.description = _note()
        self.form = _form()
        self.summary = _note()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.combo)
        lay.addWidget(self.description)
        lay.addLayout(self.form)
        lay.addWidget(self.summary)
        doc.dataset_changed.connect(self.refresh)
        doc.project_replaced.connect(self.refresh)
        doc.validated.connect(lambda _v: self._show_summary())
        self.refresh()

    def refresh(self) -> None:
        spec = self.doc.project.dataset
        info = DATASETS.get(spec.name)
        self.combo.setCurrentIndex(self.combo.findData(spec.name))
        _clear(self.form)
        self.editors.clear()
        if info is None:
            self.description.setText(self.tr("Unknown data set {0}").format(repr(spec.name)))
            return
        self.description.setText(translate("Datasets", info.description))
        for key, p in info.params.items():
            kind = {"int": "int", "float": "float", "bool": "bool"}.get(p.type, "text")
            tip = f"{translate('Datasets', p.help)} ({describe_param(p)})"
            ed = Editor(kind, p.min, p.max, p.choices or (), tip)
            ed.set_value(spec.params.get(key, p.default))
            ed.committed.connect(lambda v, k=key: self._commit(k, v))
            self.editors[key] = ed
            label = data_param_label(key)
            if key == "path":
                row = QWidget()
                h = QHBoxLayout(row)
                h.setContentsMargins(0, 0, 0, 0)
                h.addWidget(ed.widget, 1)
                browse = QPushButton("…")
                browse.setFixedWidth(28)
                browse.setToolTip(self.tr("Choose a CSV file"))
                browse.clicked.connect(lambda _=False, e=ed: self._browse(e))
                h.addWidget(browse)
                self.form.addRow(label, row)
            else:
                self.form.addRow(label, ed.widget)
        self._show_summary()

    def _browse(self, editor: Editor) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a CSV file"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            editor.set_value(path)
            editor.committed.emit(path)

    def _choose(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name and name != self.doc.project.dataset.name:
            title = translate("Datasets", DATASETS[name].title)
            self.stack.push(SetDatasetCommand(self.doc, DatasetSpec(name, {}),
                                              self.tr("Data set {0}").format(title)))

    def _commit(self, key: str, value) -> None:
        spec = self.doc.project.dataset
        params = dict(spec.params)
        info = DATASETS.get(spec.name)
        current = params.get(key, info.params[key].default if info else None)
        if type(current) is type(value) and current == value:
            return
        params[key] = value
        self.stack.push(SetDatasetCommand(self.doc, DatasetSpec(spec.name, params),
                                          self.tr("Data set {0} = {1}").format(key, value)))

    def _show_summary(self) -> None:
        problem = self.doc.data_problem
        if problem:
            self.summary.setText(f"<span style='color:#c5221f'>⚠ {problem}</span>")
            return
        ds = self.doc.dataset()
        if ds is None:
            self.summary.setText("")
            return
        shape = "×".join(str(s) for s in ds.input_shape)
        what = (self.tr("{0} classes").format(ds.n_classes) if ds.kind == "classification"
                else self.tr("regression"))
        self.summary.setText(self.tr("{0} training · {1} validation examples<br>input {2} · "
                                     "{3}").format(f"{len(ds.x_train):,}", f"{len(ds.x_val):,}",
                                                   shape, what))


class TrainingSection(QWidget):
    def __init__(self, doc: Document, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.editors: dict[str, Editor] = {}
        self.form = _form()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.form)
        for key, spec in TRAINING_PARAMS.items():
            ed = Editor(spec.kind, spec.min, spec.max, spec.choices, param_help(spec))
            ed.committed.connect(lambda v, k=key: self._commit(k, v))
            self.editors[key] = ed
            self.form.addRow(param_label(spec, key), ed.widget)
        doc.training_changed.connect(self._on_changed)
        doc.project_replaced.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        tr = self.doc.project.training
        for key, ed in self.editors.items():
            ed.set_value(tr.get(key, TRAINING_PARAMS[key].default))

    def _on_changed(self, key: str) -> None:
        if key in self.editors:
            self.editors[key].set_value(self.doc.project.training.get(key))

    def _commit(self, key: str, value) -> None:
        current = self.doc.project.training.get(key)
        if type(current) is type(value) and current == value:
            return
        self.stack.push(SetTrainingCommand(self.doc, key, value))


class Inspector(QScrollArea):
    """Layer, data set and training sections, one under the other, in a scroll area."""

    def __init__(self, doc: Document, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget()
        self.layer = LayerSection(doc, stack, body)
        self.data = DatasetSection(doc, stack, body)
        self.training = TrainingSection(doc, stack, body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(10, 4, 10, 10)
        lay.setSpacing(4)
        lay.addWidget(self.layer)
        lay.addWidget(_line())
        lay.addWidget(_header(self.tr("Data set")))
        lay.addWidget(self.data)
        lay.addWidget(_line())
        lay.addWidget(_header(self.tr("Training")))
        lay.addWidget(self.training)
        lay.addStretch(1)
        self.setWidget(body)

    def show_nodes(self, node_ids: list[str]) -> None:
        self.layer.show_nodes(node_ids)
