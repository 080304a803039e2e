"""The backprop step-through panel: one forward/loss/backward/update pass, stage by stage, with the
network's own numbers (``nnsim.training.stepthrough.StepThrough``).

Each stage shows its title, its formula (rich text), and its arrays: layers of at most
``SMALL_UNITS`` units number by number in compact tables coloured by sign (blue positive, orange
negative) and size; bigger ones as norms. A Dense layer's backward stage shows the seed's three
factors side by side, ``∂L/∂a (= Wᵀδ of the layer above) ⊙ f'(z) = δ``. The through-time stages
of a recurrent layer draw ``||∂L/∂h_t||`` for the steps walked back so far, the current one
highlighted, and the forget gate (LSTM) or ``tanh'(z_t)`` (SimpleRNN) of that step.

The panel is fed with ``set_source(project, dataset, weights, ...)``; the window wiring
(``nnsim.ui.understanding``) pauses training, takes the newest snapshot's weights, and outlines
``stage_changed``'s layer on the canvas.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView,
                               QLabel, QPushButton, QScrollArea, QSizePolicy, QSpinBox,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...spec.explanations import QT_TRANSLATE_NOOP
from ...training.stepthrough import PHASES, Stage, StepThrough
from .. import plot_style as S
from ..i18n import TemplateTranslator, layer_title, translate
from .formula import FORMULA_FONT, format_value, formula_html, render_formula

#: layers up to this many units are shown number by number
SMALL_UNITS = 16
#: samples of a mini-batch shown as columns
MAX_SAMPLES = 8
VALUE_ROLE = Qt.ItemDataRole.UserRole + 7

PHASE_NAMES = {"forward": QT_TRANSLATE_NOOP("StepThroughPanel", "Forward"),
               "loss": QT_TRANSLATE_NOOP("StepThroughPanel", "Loss"),
               "backward": QT_TRANSLATE_NOOP("StepThroughPanel", "Backward"),
               "through_time": QT_TRANSLATE_NOOP("StepThroughPanel", "Through time"),
               "update": QT_TRANSLATE_NOOP("StepThroughPanel", "Update")}
#: what each array is, in words (shown under its name; each text a literal: lupdate reads them)
CAPTIONS = {
    "a_prev": QT_TRANSLATE_NOOP("Factor", "layer input"),
    "z": QT_TRANSLATE_NOOP("Factor", "weighted sum"),
    "a": QT_TRANSLATE_NOOP("Factor", "activation"),
    "dL/da": QT_TRANSLATE_NOOP("Factor", "W^T delta from above"),
    "f'(z)": QT_TRANSLATE_NOOP("Factor", "slope of f"),
    "delta": QT_TRANSLATE_NOOP("Factor", "error term"),
    "y_hat": QT_TRANSLATE_NOOP("Factor", "prediction"),
    "y": QT_TRANSLATE_NOOP("Factor", "truth"),
    "dL/d(output)": QT_TRANSLATE_NOOP("Factor", "backprop starts"),
    "output": QT_TRANSLATE_NOOP("Factor", "output"),
    "dL/dy": QT_TRANSLATE_NOOP("Factor", "gradient in"),
    "||dL/dh_t||": QT_TRANSLATE_NOOP("Factor", "reaching h_t"),
    "forget gate f_t": QT_TRANSLATE_NOOP("Factor", "1 = keep"),
    "||dL/dC_t||": QT_TRANSLATE_NOOP("Factor", "on the cell"),
    "tanh'(z_t)": QT_TRANSLATE_NOOP("Factor", "slope at t"),
}

#: the titles, notes and worded formulas of ``nnsim.training.stepthrough``'s stages, word for
#: word (that module builds them with f-strings; ``stage_text`` shows them translated)
_STAGE_TEXTS = (
    QT_TRANSLATE_NOOP("StepThroughPanel", "Forward through '{layer}'"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Forward through '{layer}' ({type})"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Loss: {loss} = {value}"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Error term of '{layer}'"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Gradient through '{layer}' ({type})"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Update of '{layer}' (lr = {lr})"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "'{layer}' at time step {t}"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "dL/da = W_{layer}^T delta_{layer}: the error of the "
                                          "layer above, sent back through its weights."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "dL/da sums what every layer fed by this one sends "
                                          "back."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "Your optimiser ({optimizer}) rescales each weight's "
                                          "step; shown is the plain gradient-descent step -lr * "
                                          "dL/dW."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "||dL/dh_{t}|| is {ratio} times the last step's."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "For softmax with cross-entropy, dL/dz = (y_hat - y) / "
                                          "n: the error is simply the predicted probabilities "
                                          "minus the one-hot truth."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "For sigmoid with binary cross-entropy, dL/dz = (y_hat "
                                          "- y) / n."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "For mean squared error, dL/dy_hat = 2 (y_hat - y) / "
                                          "n."),
    QT_TRANSLATE_NOOP("StepThroughPanel", "delta = dL/dz, straight from the loss"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "y = x at prediction (dropout only acts during "
                                          "training)"),
)
#: worded formulas with braces of their own (no fields): looked up as they are
_STAGE_FORMULAS = (
    QT_TRANSLATE_NOOP("StepThroughPanel", "dL/dC_{t-1} = dL/dC_t * f_t + ...: the forget gate "
                                          "decides how much of the gradient survives one step "
                                          "back"),
    QT_TRANSLATE_NOOP("StepThroughPanel", "dL/dh_{t-1} = (dL/dh_t * tanh'(z_t)) W_h^T: shrinks "
                                          "when |W_h| < 1"),
)
_LOSS_NAMES = {"cross_entropy": QT_TRANSLATE_NOOP("StepThroughPanel", "cross_entropy"),
               "bce": QT_TRANSLATE_NOOP("StepThroughPanel", "bce"),
               "mse": QT_TRANSLATE_NOOP("StepThroughPanel", "mse")}
_stage_templates = TemplateTranslator(
    "StepThroughPanel", _STAGE_TEXTS,
    fields={"layer": r"[^'\s]+", "type": r"\w+", "t": r"\d+", "loss": r"\w+"},
    convert={"type": layer_title,
             "loss": lambda k: translate("StepThroughPanel", _LOSS_NAMES.get(k, k))})


def stage_text(text: str) -> str:
    """A stage's title, note or formula in the interface language (formulas without words, and
    anything unknown, as they are)."""
    if text in _STAGE_FORMULAS:
        return translate("StepThroughPanel", text)
    return _stage_templates(text)


def _blend(c: QColor, t: float) -> QColor:
    """``t`` of the way from white to ``c``."""
    t = max(0.0, min(1.0, t))
    return QColor(round(255 + (c.red() - 255) * t), round(255 + (c.green() - 255) * t),
                  round(255 + (c.blue() - 255) * t))


class ValueTable(QTableWidget):
    """A small matrix of numbers; cell (i, j) keeps its float in ``VALUE_ROLE``.

    ``matrix`` is shown as is: rows x columns (callers transpose (batch, units) arrays so a
    sample reads as a column vector, as in the notes)."""

    def __init__(self, matrix: np.ndarray, row_label: str = "", col_labels=None, parent=None):
        super().__init__(parent)
        m = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
        self.matrix = m
        rows, cols = m.shape
        self.setRowCount(rows)
        self.setColumnCount(cols)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        f = self.font()
        f.setPointSizeF(max(7.5, f.pointSizeF() * 0.9))
        f.setFamily("DejaVu Sans Mono")
        f.setStyleHint(f.StyleHint.Monospace)
        self.setFont(f)
        vh, hh = self.verticalHeader(), self.horizontalHeader()
        for h in (vh, hh):
            hf = h.font()
            hf.setPointSizeF(max(7.0, hf.pointSizeF() * 0.8))
            h.setFont(hf)
            h.setHighlightSections(False)
        vh.setDefaultSectionSize(19)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setVerticalHeaderLabels([f"{row_label}{i}" for i in range(rows)])
        if col_labels is None or cols == 1 and col_labels == [""]:
            hh.setVisible(cols > 1)
            self.setHorizontalHeaderLabels([str(j) for j in range(cols)])
        else:
            self.setHorizontalHeaderLabels([str(c) for c in col_labels])
        scale = float(np.nanmax(np.abs(m))) if m.size and np.isfinite(m).any() else 0.0
        pos, neg = QColor(S.POSITIVE), QColor(S.NEGATIVE)
        for i in range(rows):
            for j in range(cols):
                v = float(m[i, j])
                item = QTableWidgetItem(format_value(v))
                item.setData(VALUE_ROLE, v)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                t = abs(v) / scale if scale > 0 and v == v else 0.0
                bg = _blend(pos if v >= 0 else neg, 0.85 * t)
                item.setBackground(QBrush(bg))
                item.setForeground(QBrush(QColor("#ffffff" if t > 0.6 else "#202020")))
                item.setToolTip(repr(v))
                self.setItem(i, j, item)
        self.resizeColumnsToContents()
        for j in range(cols):
            self.setColumnWidth(j, max(self.columnWidth(j) + 4, 46))
        w = vh.sizeHint().width() + sum(self.columnWidth(j) for j in range(cols)) \
            + 2 * self.frameWidth() + 2
        h = (hh.sizeHint().height() if hh.isVisible() else 0) + rows * 19 \
            + 2 * self.frameWidth() + 2
        self.setFixedSize(w, h)

    def values(self) -> np.ndarray:
        """The numbers shown, read back from the cells."""
        out = np.empty((self.rowCount(), self.columnCount()))
        for i in range(self.rowCount()):
            for j in range(self.columnCount()):
                out[i, j] = self.item(i, j).data(VALUE_ROLE)
        return out


class Factor(QWidget):
    """One named array of a stage: its name (rich text), a caption, and a table or its norm."""

    def __init__(self, key: str, value: np.ndarray, phase: str, sample0: int = 0, parent=None):
        super().__init__(parent)
        self.key = key
        self.value = np.asarray(value, dtype=np.float64)
        self.table: ValueTable | None = None
        self.norm = float(np.linalg.norm(self.value))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 0, 2, 0)
        lay.setSpacing(1)
        name = QLabel(f"<span style=\"{FORMULA_FONT} font-size: 12pt\">"
                      f"{render_formula(key)}</span>")
        name.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(name, 0, Qt.AlignmentFlag.AlignHCenter)
        caption = (self.tr(CAPTIONS[key]) if key in CAPTIONS else
                   self.tr("gradient") if key.startswith("dL/d") else
                   self.tr("step applied") if key.startswith("change") else "")
        cap = QLabel(render_formula(caption))
        cap.setTextFormat(Qt.TextFormat.RichText)
        cap.setStyleSheet(f"color: {S.MUTED}; font-size: 8pt;")
        cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(cap, 0, Qt.AlignmentFlag.AlignHCenter)
        self.sample0 = sample0
        self.shown = self._shown_matrix(phase)
        if self.shown is not None:
            matrix, row_label, cols = self.shown
            self.table = ValueTable(matrix, row_label, cols)
            lay.addWidget(self.table, 0, Qt.AlignmentFlag.AlignHCenter)
            more = self._more_note(phase)
            norm = QLabel(f"||·|| {self.norm:.3g}" + (f"<br>{more}" if more else ""))
            norm.setTextFormat(Qt.TextFormat.RichText)
            norm.setAlignment(Qt.AlignmentFlag.AlignCenter)
            norm.setStyleSheet(f"color: {S.MUTED}; font-size: 8pt;")
            lay.addWidget(norm, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            shape = "×".join(str(s) for s in self.value.shape)
            top = float(np.abs(self.value).max()) if self.value.size else 0.0
            big = QLabel(f"<span style=\"{FORMULA_FONT} font-size: 12pt\">||·|| = "
                         f"<b>{self.norm:.4g}</b></span>"
                         f"<br><span style='color:{S.MUTED}; font-size: 8pt'>"
                         + self.tr("{0} values, max |v| {1:.3g}").format(shape, top)
                         + "</span>")
            big.setTextFormat(Qt.TextFormat.RichText)
            big.setAlignment(Qt.AlignmentFlag.AlignCenter)
            big.setStyleSheet("QLabel { border: 1px solid #d0d0d0; border-radius: 3px;"
                              " padding: 6px 10px; background: #fafafa; }")
            lay.addWidget(big, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(1)

    def _shown_matrix(self, phase: str):
        """(matrix, row label, column labels) to show number by number, or None (norm only)."""
        v = self.value
        if v.ndim == 0:
            v = v.reshape(1)
        if phase == "update":  # parameter-shaped: W (n_in, n_out) as is, b as a column
            if v.ndim == 1 and len(v) <= SMALL_UNITS:
                return v.reshape(-1, 1), "", [""]
            if v.ndim == 2 and max(v.shape) <= SMALL_UNITS:
                return v, "in ", [f"out {j}" for j in range(v.shape[1])]
            return None
        if v.ndim == 1:
            return (v.reshape(-1, 1), "", [""]) if len(v) <= SMALL_UNITS else None
        if v.ndim == 2 and v.shape[1] <= SMALL_UNITS:
            k = min(len(v), MAX_SAMPLES)
            cols = [""] if k == 1 else [f"#{self.sample0 + j}" for j in range(k)]
            return v[:k].T, "", cols
        return None

    def _more_note(self, phase: str) -> str:
        v = self.value
        if phase != "update" and v.ndim == 2 and len(v) > MAX_SAMPLES:
            return self.tr("first {0} of {1} samples").format(MAX_SAMPLES, len(v))
        return ""


def _operator(text: str) -> QLabel:
    op = QLabel(text)
    op.setStyleSheet(f"{FORMULA_FONT} font-size: 16pt; color: #555; padding: 0 2px;")
    op.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return op


class TimeChart(pg.PlotWidget):
    """``||∂L/∂h_t||`` for the steps walked back so far, log scale, current step highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent, background=S.BACKGROUND)
        p = self.getPlotItem()
        S.style_plot(p, bottom=self.tr("time step t"), left="||∂L/∂h<sub>t</sub>||")
        p.setMouseEnabled(x=False, y=False)
        p.hideButtons()
        self.setMenuEnabled(False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=S.TRAIN, pen=None)
        self.current = pg.BarGraphItem(x=[], height=[], width=0.8, brush=S.VALIDATION, pen=None)
        p.addItem(self.bars)
        p.addItem(self.current)
        self.setMinimumHeight(170)
        self.setMaximumHeight(230)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.shown: dict[int, float] = {}

    def show_profile(self, norms: dict[int, float], t: int, T: int) -> None:
        """``norms``: {t: ||dL/dh_t||} walked so far."""
        self.shown = dict(norms)
        vals = {k: v for k, v in norms.items() if v > 0 and math.isfinite(v)}
        if not vals:
            self.bars.setOpts(x=[], height=[], y0=[])
            self.current.setOpts(x=[], height=[], y0=[])
            return
        logs = {k: math.log10(v) for k, v in vals.items()}
        top = math.ceil(max(logs.values()) + 0.05)
        floor = min(math.floor(min(logs.values())) - 1, top - 2)
        xs = [k for k in logs if k != t]
        self.bars.setOpts(x=xs, y0=[floor] * len(xs), height=[logs[k] - floor for k in xs])
        if t in logs:
            self.current.setOpts(x=[t], y0=[floor], height=[logs[t] - floor])
        else:
            self.current.setOpts(x=[], height=[], y0=[])
        p = self.getPlotItem()
        p.setXRange(-0.6, T - 0.4, padding=0)
        p.setYRange(floor, top, padding=0)
        step = max(1, math.ceil((top - floor) / 6))
        p.getAxis("left").setTicks([[(k, f"1e{k}") for k in range(floor, top + 1, step)], []])


class StepThroughPanel(QWidget):
    """Walk one backprop pass stage by stage. ``set_source`` builds it; Next / Previous walk."""

    #: the current ``Stage`` (after every move and rebuild)
    stage_changed = Signal(object)
    #: the user asked for the newest weights (the window wiring answers with set_source)
    refresh_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("stepthrough")
        self.stepper: StepThrough | None = None
        self.factors: dict[str, Factor] = {}
        self._source = None
        self._building = False

        # -- sample picker and source -------------------------------------------------------
        self.sample_spin = QSpinBox()
        self.sample_spin.setRange(0, 0)
        self.sample_spin.setToolTip(self.tr("Which training sample goes through the network"))
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("one sample"), 1)
        self.mode_combo.addItem(self.tr("mini-batch of"), 0)
        self.mode_combo.setToolTip(self.tr("Step one sample through, or a mini-batch (the "
                                           "gradient is then the batch mean)"))
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(2, 256)
        self.batch_spin.setValue(8)
        self.batch_spin.setEnabled(False)
        self.refresh_button = QPushButton(self.tr("Newest weights"))
        self.refresh_button.setToolTip(self.tr("Take the weights of the newest training step"))
        self.source_label = QLabel()
        self.source_label.setStyleSheet(f"color: {S.MUTED};")
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(QLabel(self.tr("Sample")))
        top.addWidget(self.sample_spin)
        top.addWidget(self.mode_combo)
        top.addWidget(self.batch_spin)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        # -- navigation --------------------------------------------------------------------------
        self.prev_button = QPushButton(self.tr("◀ Previous"))
        self.prev_button.setToolTip(self.tr("Previous stage (← or Page Up)"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Next stage (→ or Page Down)"))
        self.next_button.setDefault(True)
        self.stage_combo = QComboBox()
        self.stage_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.stage_combo.setMinimumContentsLength(18)
        self.stage_combo.setToolTip(self.tr("Jump to a stage"))
        nav = QHBoxLayout()
        nav.setSpacing(6)
        nav.addWidget(self.prev_button)
        nav.addWidget(self.stage_combo, 1)
        nav.addWidget(self.next_button)
        self.phase_label = QLabel()
        self.phase_label.setTextFormat(Qt.TextFormat.RichText)

        # -- the stage ------------------------------------------------------------------------------
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.formula_label = QLabel()
        self.formula_label.setTextFormat(Qt.TextFormat.RichText)
        self.formula_label.setWordWrap(True)
        self.formula_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula_label.setStyleSheet("QLabel { background: #f6f8fa; border: 1px solid #e1e4e8;"
                                         " border-radius: 4px; padding: 6px 8px; }")
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setTextFormat(Qt.TextFormat.RichText)
        self.note_label.setStyleSheet("color: #444;")
        self.chart = TimeChart()
        self.chart.setVisible(False)
        self.values_box = QWidget()
        self.values_layout = QHBoxLayout(self.values_box)
        self.values_layout.setContentsMargins(0, 4, 0, 4)
        self.values_layout.setSpacing(4)
        self.values_layout.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        bl = QVBoxLayout(body)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(6)
        bl.addWidget(self.title_label)
        bl.addWidget(self.formula_label)
        bl.addWidget(self.note_label)
        bl.addWidget(self.chart)
        bl.addWidget(self.values_box)
        bl.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {S.MUTED}; padding: 16px;")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setVisible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(6)
        lay.addLayout(top)
        lay.addWidget(self.source_label)
        lay.addLayout(nav)
        lay.addWidget(self.phase_label)
        lay.addWidget(self.message)
        lay.addWidget(self.scroll, 1)

        self.prev_button.clicked.connect(self.prev)
        self.next_button.clicked.connect(self.next)
        self.stage_combo.activated.connect(self.go)
        self.sample_spin.valueChanged.connect(self._rebuild)
        self.batch_spin.valueChanged.connect(self._rebuild)
        self.mode_combo.currentIndexChanged.connect(self._mode_changed)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self._update_enabled()
        self.show_message(self.tr("Train the network for a while, then step through one pass "
                                  "of backpropagation with its own numbers."))

    def keyPressEvent(self, event) -> None:
        """→ / Page Down: next stage; ← / Page Up: previous; Home / End: first / last (keys a
        focused child does not use itself arrive here)."""
        k = event.key()
        if k in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.next()
        elif k in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.prev()
        elif k == Qt.Key.Key_Home:
            self.go(0)
        elif k == Qt.Key.Key_End:
            self.go(self.stage_count() - 1)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    # -- source ----------------------------------------------------------------------------------
    def set_source(self, project, dataset, weights: dict | None, learning_rate=None,
                   step: int | None = None, keep_stage: bool = True) -> bool:
        """Build the step-through for ``project``/``dataset`` with ``weights`` (None: the
        initial ones). ``step``: the training step the weights come from (shown). Returns False
        (and says why) when it cannot be built."""
        self._source = (project, dataset, weights, learning_rate, step)
        n = len(dataset.x_train) if dataset is not None else 0
        self._building = True
        try:
            self.sample_spin.setRange(0, max(0, n - 1))
            self.batch_spin.setMaximum(max(2, min(256, n)))
        finally:
            self._building = False
        if step is None or weights is None:
            self.source_label.setText(self.tr("Initial weights: the network has not been "
                                              "trained yet."))
        else:
            from ..files import example_title  # (an example's title, translated)

            self.source_label.setText(self.tr("Weights of training step {0} · {1}").format(
                f"{step:,}", example_title(project.name)))
        return self._rebuild(keep_stage=keep_stage)

    def _mode_changed(self) -> None:
        self.batch_spin.setEnabled(self.mode_combo.currentData() == 0)
        self._rebuild()

    @property
    def batch(self) -> int:
        return 1 if self.mode_combo.currentData() == 1 else self.batch_spin.value()

    def _rebuild(self, *_args, keep_stage: bool = True) -> bool:
        if self._building or self._source is None:
            return False
        project, dataset, weights, lr, _step = self._source
        old = self.stepper.current if (keep_stage and self.stepper is not None) else None
        try:
            with np.errstate(all="ignore"):
                st = StepThrough(project, dataset, weights, sample=self.sample_spin.value(),
                                 batch=self.batch, learning_rate=lr)
        except Exception as e:  # noqa: BLE001 - an invalid network: say why, keep the panel
            self.stepper = None
            self.show_message(self.tr("Cannot step through this network: {0}").format(e))
            self._update_enabled()
            return False
        self.stepper = st
        index = 0
        if old is not None:  # stay on the same stage (same phase, layer and t) if it exists
            for i, s in enumerate(st.stages):
                if (s.phase, s.layer, s.t) == (old.phase, old.layer, old.t):
                    index = i
                    break
        self.stage_combo.blockSignals(True)
        self.stage_combo.clear()
        for i, s in enumerate(st.stages):
            self.stage_combo.addItem(f"{i + 1}/{len(st.stages)} · {stage_text(s.title)}")
        self.stage_combo.blockSignals(False)
        self.message.setVisible(False)
        self.scroll.setVisible(True)
        st.go(index)
        self._show()
        return True

    def show_message(self, text: str) -> None:
        """A sentence instead of the stages (nothing to show, or why it cannot be built)."""
        self.message.setText(text)
        self.message.setVisible(True)
        self.scroll.setVisible(self.stepper is not None)

    # -- walking -----------------------------------------------------------------------------------
    def stage_count(self) -> int:
        return len(self.stepper.stages) if self.stepper is not None else 0

    @property
    def stage(self) -> Stage | None:
        return self.stepper.current if self.stepper is not None else None

    @property
    def index(self) -> int:
        return self.stepper.index if self.stepper is not None else -1

    def next(self) -> None:
        if self.stepper is not None and self.stepper.index < self.stage_count() - 1:
            self.stepper.next()
            self._show()

    def prev(self) -> None:
        if self.stepper is not None and self.stepper.index > 0:
            self.stepper.prev()
            self._show()

    def go(self, index: int) -> None:
        if self.stepper is not None:
            self.stepper.go(index)
            self._show()

    def go_phase(self, phase: str) -> None:
        if self.stepper is not None:
            i = self.stepper.first_of(phase)
            if i >= 0:
                self.go(i)

    def _update_enabled(self) -> None:
        n, i = self.stage_count(), self.index
        self.prev_button.setEnabled(n > 0 and i > 0)
        self.next_button.setEnabled(n > 0 and i < n - 1)
        self.stage_combo.setEnabled(n > 0)

    # -- drawing ---------------------------------------------------------------------------------------
    def _show(self) -> None:
        st = self.stepper
        s = st.current
        self.stage_combo.setCurrentIndex(st.index)
        present = [p for p in PHASES if any(x.phase == p for x in st.stages)]
        self.phase_label.setText(" › ".join(
            f"<b style='color:{S.TRAIN}'>{self.tr(PHASE_NAMES[p])}</b>" if p == s.phase else
            f"<span style='color:{S.MUTED}'>{self.tr(PHASE_NAMES[p])}</span>"
            for p in present))
        self.title_label.setText(stage_text(s.title))
        self.formula_label.setText(formula_html(stage_text(s.formula), 12))
        note = stage_text(s.note)
        if s.phase == "loss":
            note = (note + "  " if note else "") + self._sample_note()
        ratio = self.passed_on(s)
        if ratio is not None:
            note = (note + "  " if note else "") + (
                self.tr("||delta|| / ||dL/da|| = {0:.2g}: the slope f'(z) passes on that share "
                        "of the gradient's size (a sigmoid at most 1/4).") if "sigmoid" in s.formula
                else self.tr("||delta|| / ||dL/da|| = {0:.2g}: the slope f'(z) passes on that "
                             "share of the gradient's size.")).format(ratio)
        self.note_label.setText(render_formula(note))
        self.note_label.setVisible(bool(note))
        self._fill_values(s)
        self._update_enabled()
        self.stage_changed.emit(s)

    @staticmethod
    def passed_on(s: Stage) -> float | None:
        """||delta|| / ||dL/da|| of a Dense layer's backward stage (None elsewhere)."""
        if s.phase != "backward" or "f'(z)" not in s.values:
            return None
        a = s.norms.get("dL/da", 0.0)
        return s.norms["delta"] / a if a > 0 else None

    def _sample_note(self) -> str:
        st = self.stepper
        if st.batch == 1:
            return self.tr("Sample {0} of the training set.").format(st.sample)
        return self.tr("Samples {0}–{1}: the loss is their mean.").format(
            st.sample, st.sample + st.batch - 1)

    def _order(self, s: Stage) -> list[str]:
        keys = list(s.values)
        if s.phase == "backward" and "delta" in keys:
            return [k for k in ("dL/da", "f'(z)", "delta") if k in keys]
        if s.phase == "update":
            ps = [k[len("dL/d"):] for k in keys if k.startswith("dL/d")]
            return [k for p in ps for k in (f"dL/d{p}", f"change {p}")]
        return keys

    def _fill_values(self, s: Stage) -> None:
        while self.values_layout.count():
            item = self.values_layout.takeAt(0)
            w = item.widget()
            if w is not None:
                w.setParent(None)
                w.deleteLater()
        self.factors = {}
        keys = self._order(s)
        if s.phase == "through_time":
            self._show_time(s)
            keys = [k for k in keys if k != "||dL/dh_t||"]
        else:
            self.chart.setVisible(False)
        sample0 = self.stepper.sample
        for i, k in enumerate(keys):
            if i:
                op = ""
                if s.phase == "backward" and "delta" in s.values:
                    op = "=" if k == "delta" else "⊙"
                elif s.phase == "forward" and "z" in s.values:
                    op = "→"
                if op:
                    self.values_layout.addWidget(_operator(op))
                elif s.phase == "update" and k.startswith("dL/d"):
                    sep = QFrame()
                    sep.setFrameShape(QFrame.Shape.VLine)
                    sep.setStyleSheet("color: #ddd;")
                    self.values_layout.addWidget(sep)
            f = Factor(k, s.values[k], s.phase, sample0)
            self.factors[k] = f
            self.values_layout.addWidget(f)
        self.values_layout.addStretch(1)

    def time_norms(self, s: Stage) -> dict[int, float]:
        """``{t: ||dL/dh_t||}`` of ``s``'s layer for the steps walked back so far (t >= s.t)."""
        out = {}
        for x in self.stepper.stages:
            if x.phase == "through_time" and x.layer == s.layer and x.t is not None \
                    and x.t >= s.t:
                out[x.t] = float(x.values["||dL/dh_t||"][0])
        return out

    def _show_time(self, s: Stage) -> None:
        T = 1 + max(x.t for x in self.stepper.stages
                    if x.phase == "through_time" and x.layer == s.layer)
        self.chart.show_profile(self.time_norms(s), s.t, T)
        self.chart.getPlotItem().setTitle(
            self.tr("{0}, walked back to t = {1}").format(s.layer, s.t), color=S.FOREGROUND,
            size=f"{S.TITLE_FONT_PT}pt")
        self.chart.setVisible(True)
