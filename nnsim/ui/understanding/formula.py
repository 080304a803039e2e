"""Formulas as rich text, and explanations as tooltips.

The Qt-free floors write formulas in plain ASCII (``delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k)``)
so they read in a terminal and in translations. ``render_formula`` turns them into the rich text
Qt labels show: sub- and superscripts, Greek letters, ∂, ⊙ for the element-wise product, arrows.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication

from ...spec.explanations import CONTEXT, Explanation, explain

FORMULA_FONT = "font-family: 'DejaVu Serif', 'Cambria Math', 'Times New Roman', serif;"

_WORDS = [("delta", "δ"), ("theta", "θ"), ("sigma", "σ"), ("mu", "μ"), ("eps", "ε"),
          ("sum", "Σ"), ("prod", "∏"), ("sqrt", "√")]
_HATS = [("y_hat", "ŷ"), ("m_hat", "m̂"), ("v_hat", "v̂")]


def _word(w: str) -> re.Pattern:
    return re.compile(rf"(?<![A-Za-z]){w}(?![A-Za-z])")


_WORD_RES = [(_word(w), g) for w, g in _WORDS]


def render_formula(text: str, prose: bool = False) -> str:
    """Plain-ASCII formula -> Qt rich text (no surrounding tags).

    ``prose``: the text is sentences with bits of formulas in them: only sub/superscripts,
    arrows, comparisons and δ/θ are rendered (no Σ for "sum", no ⊙ for "*")."""
    if not text:
        return ""
    s = text
    for a, b in (("<-", "←"), ("->", "→"), ("<=", "≤"), (">=", "≥"), ("!=", "≠")):
        s = s.replace(a, b)
    s = html.escape(s, quote=False)
    for a, b in _HATS:
        s = s.replace(a, b)
    s = re.sub(r"([A-Za-z])~", "\\1\u0303", s)  # C~_t -> C̃_t
    s = re.sub(r"(?<![A-Za-z])d(L|y|h|C)/d", "∂\\1/∂", s)
    for rx, g in (_WORD_RES[:2] if prose else _WORD_RES):
        s = rx.sub(g, s)
    if not prose:
        # scalar products read as a dot, element-wise ones as ⊙
        s = re.sub(r"((?<![A-Za-z])(?:lr|mu|μ|\d)|\|)\s*\*\s*", "\\1 · ", s)
        s = s.replace(" - ", " − ")
        s = re.sub(r"\s*\*\s*", " ⊙ ", s)
    # braces first (innermost out), then single tokens
    prev = None
    while prev != s:
        prev = s
        s = re.sub(r"_\{([^{}]*)\}", r"<sub>\1</sub>", s)
        s = re.sub(r"\^\{([^{}]*)\}", r"<sup>\1</sup>", s)
    s = re.sub(r"_([A-Za-z0-9]+)", r"<sub>\1</sub>", s)
    s = re.sub(r"\^(-?[A-Za-z0-9]+'?)", r"<sup>\1</sup>", s)
    return s


def formula_html(text: str, size_pt: float | None = None) -> str:
    """``render_formula`` in the formula font."""
    size = f" font-size: {size_pt}pt;" if size_pt else ""
    return f"<span style=\"{FORMULA_FONT}{size}\">{render_formula(text)}</span>"


def tr_expl(text: str) -> str:
    """An explanation string, translated (they are marked with QT_TRANSLATE_NOOP)."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def explanation_or_none(topic: str) -> Explanation | None:
    try:
        return explain(topic)
    except KeyError:
        return None


def tooltip_html(topic: str, extra: str = "") -> str:
    """Title, formula and text of ``topic`` as a tooltip ("" when there is none)."""
    e = explanation_or_none(topic)
    if e is None:
        return ""
    parts = [f"<b>{html.escape(tr_expl(e.title))}</b>"]
    if e.formula:
        parts.append(formula_html(e.formula))
    parts.append(render_formula(tr_expl(e.text), prose=True))
    if extra:
        parts.append(f"<span style='color:#666'>{html.escape(extra)}</span>")
    return "<qt>" + "<br>".join(parts) + "</qt>"


def panel_topic(panel_id: str) -> str:
    """The explanation topic of a dashboard panel."""
    return {"through_time": "plot:time"}.get(panel_id, f"plot:{panel_id}")


def format_value(v: float) -> str:
    """A compact, sign-aligned number for the value tables."""
    if v != v:
        return "nan"
    a = abs(v)
    if a == 0:
        return "0"
    if 1e-3 <= a < 1e4:
        return f"{v:+.3f}" if a < 10 else f"{v:+.1f}"
    return re.sub(r"e([+-])0*(\d)", r"e\1\2", f"{v:+.1e}").replace("e+", "e")
