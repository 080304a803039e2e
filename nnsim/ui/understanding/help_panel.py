"""The help panel: the explanation (title, formula, a few sentences in the seed's terms) of what the
user is looking at (a layer selected on the canvas, a plot panel clicked) or picked from the list
of every topic (``nnsim.spec.explanations.TOPICS``).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QLabel, QSplitter, QTextBrowser, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...spec.explanations import QT_TRANSLATE_NOOP, TOPICS
from .formula import explanation_or_none, formula_html, render_formula, tr_expl

# (the context a literal: lupdate does not read variables)
GROUPS = (("layer", QT_TRANSLATE_NOOP("HelpPanel", "Layers")),
          ("activation", QT_TRANSLATE_NOOP("HelpPanel", "Activations")),
          ("gate", QT_TRANSLATE_NOOP("HelpPanel", "LSTM gates")),
          ("loss", QT_TRANSLATE_NOOP("HelpPanel", "Losses")),
          ("optimizer", QT_TRANSLATE_NOOP("HelpPanel", "Optimisers")),
          ("concept", QT_TRANSLATE_NOOP("HelpPanel", "Concepts")),
          ("plot", QT_TRANSLATE_NOOP("HelpPanel", "Plots")))
TOPIC_ROLE = Qt.ItemDataRole.UserRole + 3

#: what else to offer beside a topic
SEE_ALSO = {
    "layer:Dense": ("concept:backprop", "concept:vanishing"),
    "layer:LSTM": ("gate:forget", "gate:input", "gate:candidate", "gate:output", "gate:cell",
                   "plot:time", "plot:gates"),
    "layer:SimpleRNN": ("plot:time", "layer:LSTM"),
    "layer:Dropout": ("concept:overfitting",),
    "layer:Output": ("concept:backprop",),
    "activation:sigmoid": ("concept:vanishing",),
    "plot:gradients": ("concept:vanishing",),
    "plot:loss": ("concept:overfitting",),
    "plot:time": ("layer:SimpleRNN", "layer:LSTM"),
    "plot:gates": ("gate:forget", "gate:input", "gate:output"),
    "concept:vanishing": ("activation:relu", "plot:gradients"),
}


def topics_for_node(node) -> list[str]:
    """The topics of a canvas layer (``NodeSpec``): its type, then its activation or loss."""
    out = [f"layer:{node.type}"]
    act = node.params.get("activation")
    if act:
        out.append(f"activation:{act}")
    loss = node.params.get("loss")
    if loss:
        out.append(f"loss:{loss}")
    return [t for t in out if explanation_or_none(t) is not None]


class HelpPanel(QWidget):
    #: the first topic shown, after every change
    topic_shown = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("help")
        self.topics: list[str] = []
        self.heading = ""
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._link)
        self.browser.document().setDefaultStyleSheet(
            "h2 { font-size: 13pt; margin: 0 0 2px 0; } "
            "h3 { font-size: 11pt; margin: 10px 0 2px 0; } "
            ".head { color: #777; } "
            ".f { background: #f6f8fa; } a { color: #1f6fb4; text-decoration: none; }")
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(12)
        self.tree.setRootIsDecorated(True)
        self._items: dict[str, QTreeWidgetItem] = {}
        for prefix, title in GROUPS:
            group = QTreeWidgetItem(self.tree, [self.tr(title)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = group.font(0)
            f.setBold(True)
            group.setFont(0, f)
            for topic in TOPICS:
                if topic.split(":", 1)[0] != prefix:
                    continue
                e = explanation_or_none(topic)
                item = QTreeWidgetItem(group, [tr_expl(e.title)])
                item.setData(0, TOPIC_ROLE, topic)
                self._items[topic] = item
        self.tree.collapseAll()
        self.tree.currentItemChanged.connect(self._picked)
        hint = QLabel(self.tr("All topics"))
        hint.setStyleSheet("color: palette(placeholder-text); padding: 2px 2px 0 2px;")
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(0)
        ll.addWidget(hint)
        ll.addWidget(self.tree, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.browser)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split)
        self.show_topics(["concept:backprop"],
                         self.tr("Select a layer on the canvas or click a plot to see what it "
                                 "does."))

    # -- showing ---------------------------------------------------------------------------------
    def show_topics(self, topics, heading: str = "") -> None:
        """Explain ``topics`` (first is the main one); ``heading`` says what they are about."""
        topics = [t for t in topics if explanation_or_none(t) is not None]
        if not topics:
            return
        self.topics, self.heading = list(topics), heading
        parts = []
        if heading:
            parts.append(f"<p class='head'>{html.escape(heading)}</p>")
        for i, t in enumerate(topics):
            e = explanation_or_none(t)
            tag = "h2" if i == 0 else "h3"
            parts.append(f"<{tag}>{html.escape(tr_expl(e.title))}</{tag}>")
            if e.formula:
                parts.append("<table class='f' cellpadding='6' width='100%'><tr><td>"
                             f"{formula_html(e.formula, 12)}</td></tr></table>")
            parts.append(f"<p>{render_formula(tr_expl(e.text), prose=True)}</p>")
        also = [a for t in topics for a in SEE_ALSO.get(t, ()) if a not in topics]
        also = list(dict.fromkeys(a for a in also if explanation_or_none(a) is not None))
        if also:
            links = " · ".join(f"<a href='topic:{a}'>{html.escape(tr_expl(explanation_or_none(a).title))}</a>"
                               for a in also)
            see = self.tr("See also:")
            parts.append(f"<p><span class='head'>{see}</span> {links}</p>")
        self.browser.setHtml("".join(parts))
        item = self._items.get(topics[0])
        if item is not None:
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(item)
            self.tree.blockSignals(False)
        self.topic_shown.emit(topics[0])

    def show_topic(self, topic: str) -> None:
        self.show_topics([topic])

    def show_node(self, node) -> None:
        """Explain a canvas layer (a ``NodeSpec``)."""
        self.show_topics(topics_for_node(node),
                         self.tr("Layer '{0}' on the canvas").format(node.id))

    def text(self) -> str:
        return self.browser.toPlainText()

    def _picked(self, item, _prev=None) -> None:
        topic = item.data(0, TOPIC_ROLE) if item is not None else None
        if topic:
            self.show_topics([topic])

    def _link(self, url) -> None:
        s = url.toString()
        if s.startswith("topic:"):
            self.show_topic(s[len("topic:"):])
