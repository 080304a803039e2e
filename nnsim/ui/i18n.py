"""The interface language: Qt translators for nnsim's strings and for Qt's standard dialogs.

English is the source language; ``resources/i18n/nnsim_<language>.qm`` holds a translation
(``docs/i18n.md`` says how to make and update one). The language is the Preferences setting
``ui/language`` ("system", "en" or "zh_CN"); "system" follows ``QLocale.system()`` (``LANG``,
``LC_ALL``, ``LC_MESSAGES``, or the desktop's language). It is read when the app starts: a change
in Preferences takes effect when nnsim restarts.

``install_translators(app)`` installs nnsim's translator and Qt's own ``qtbase_<language>.qm``
(the buttons of message boxes and file dialogs) from the Qt installation, when it has one.

Strings of the Qt-free floors are marked with ``QT_TRANSLATE_NOOP(context, text)`` and shown with
``translate(context, text)``; validation problems with ``problem_text``, training diagnoses with
``diagnosis_text``.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..paths import resource_path
from ..spec import LAYER_TYPES
from ..spec.validate import shape_text as _shape_text
from ..training.diagnosis import translate_message
from . import settings as st


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation; ``translate(context, text)`` shows it."""
    return text


#: languages nnsim has, as (code, name in that language); English is the source language
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"))
CODES = tuple(code for code, _ in LANGUAGES)
SYSTEM = "system"

_installed: list[QTranslator] = []
_current = "en"


def translations_dir() -> Path:
    return resource_path("i18n")


def qm_path(language: str) -> Path:
    return translations_dir() / f"nnsim_{language}.qm"


def language_setting() -> str:
    """The Preferences choice: "system", "en" or "zh_CN"."""
    value = st.settings().value(st.KEY_LANGUAGE, SYSTEM)
    return value if value in CODES or value == SYSTEM else SYSTEM


def set_language_setting(value: str) -> None:
    if value != SYSTEM and value not in CODES:
        raise ValueError(f"language must be {SYSTEM!r} or one of {CODES}")
    st.settings().setValue(st.KEY_LANGUAGE, value)


def language_for_locale(locale: QLocale) -> str:
    """The language nnsim shows for ``locale``: the first of its UI languages nnsim has, else
    English. Every Chinese locale gets Simplified Chinese (the only Chinese translation so far;
    Qt lists plain "zh" among the UI languages of zh_TW and zh_HK too)."""
    for name in locale.uiLanguages() or [locale.name()]:
        language = QLocale(name).language()
        if language == QLocale.Language.English:
            return "en"
        if language == QLocale.Language.Chinese:
            return "zh_CN"
    return "en"


def resolve_language(setting: str | None = None, locale: QLocale | None = None) -> str:
    """The language to show for a setting ("system", "en", "zh_CN"; default: the saved one)."""
    setting = language_setting() if setting is None else setting
    if setting in CODES:
        return setting
    return language_for_locale(QLocale.system() if locale is None else locale)


def current_language() -> str:
    """The language of the installed translators ("en" when none is installed)."""
    return _current


def remove_translators(app: QCoreApplication | None = None) -> None:
    global _current
    app = app or QCoreApplication.instance()
    for t in _installed:
        if app is not None:
            app.removeTranslator(t)
    _installed.clear()
    _current = "en"


def install_translators(app: QCoreApplication | None = None, language: str | None = None) -> str:
    """Install the translators for ``language`` (default: ``resolve_language()``), replacing
    those installed before; returns the language in use ("en" if its file is missing)."""
    global _current
    app = app or QCoreApplication.instance()
    language = resolve_language() if language is None else resolve_language(language)
    remove_translators(app)
    if language == "en" or app is None:
        return _current
    ours = QTranslator(app)
    if not ours.load(str(qm_path(language))):
        return _current  # no such translation: stay in English
    app.installTranslator(ours)
    _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt_dir and qt.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    _current = language
    return _current


def translate(context: str, text: str) -> str:
    """A string marked ``QT_TRANSLATE_NOOP(context, text)``, in the interface language."""
    return QCoreApplication.translate(context, text) if text else text


def layer_title(type_name: str) -> str:
    """A layer type's title in the interface language (an unknown type as it is)."""
    lt = LAYER_TYPES.get(type_name)
    return translate("LayerTypes", lt.title) if lt is not None else type_name


def layer_description(type_name: str) -> str:
    lt = LAYER_TYPES.get(type_name)
    return translate("LayerTypes", lt.description) if lt is not None else ""


def param_label(spec, key: str) -> str:
    """A ``ParamSpec``'s label (else its key) in the interface language."""
    return translate("Parameters", spec.label) if spec.label else key


def param_help(spec) -> str:
    return translate("Parameters", spec.help) if spec.help else ""


def shape_text(shape) -> str:
    """``format_shape`` in the interface language: ``(batch, 16)``."""
    return _shape_text(tuple(shape)).render(translate)


def problem_text(problem) -> str:
    """A validation ``Problem``'s message in the interface language."""
    text = getattr(problem, "text", None)
    return text.render(translate) if text is not None else problem.message


def diagnosis_text(text: str) -> str:
    """A ``Diagnosis`` message or advice in the interface language."""
    return translate_message(text, translate) if text else text


_FIELD = re.compile(r"\{(\w+)\}")


class TemplateTranslator:
    """Translates English texts that a Qt-free module builds from f-strings (run changes, the
    step-through's stage titles): it finds the template a text was made from, translates the
    template (``translate(context, template)``) and fills in the text's values, each passed
    through ``convert[field]`` if given (a layer type -> its title). ``fields`` gives the regular
    expression of a field that the default (any text) would match too loosely. The templates
    must be marked with ``QT_TRANSLATE_NOOP(context, ...)`` where they are listed, and follow the
    English word for word: a text no template matches, or any text while the interface is in
    English, comes back as it is."""

    def __init__(self, context: str, templates, fields: dict | None = None,
                 convert: dict | None = None):
        self.context = context
        self.fields = dict(fields or {})
        self.convert = dict(convert or {})
        self.templates = tuple(templates)
        self._patterns = [(t, self._pattern(t)) for t in self.templates]

    def _pattern(self, template: str) -> re.Pattern:
        parts, seen, pos = [], set(), 0
        for m in _FIELD.finditer(template):
            parts.append(re.escape(template[pos:m.start()]))
            name = m.group(1)
            body = self.fields.get(name, ".+?")
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>{body})")
            seen.add(name)
            pos = m.end()
        parts.append(re.escape(template[pos:]))
        return re.compile("".join(parts), re.DOTALL)

    def __call__(self, text: str) -> str:
        if not text or current_language() == "en":
            return text
        for template, pattern in self._patterns:
            m = pattern.fullmatch(text)
            if m is None:
                continue
            values = {k: self.convert[k](v) if k in self.convert else v
                      for k, v in m.groupdict().items()}
            try:
                return translate(self.context, template).format(**values)
            except (KeyError, IndexError, ValueError):
                return text
        return text


#: the names the built-in data sets give their features and targets (``meta["feature_names"]``,
#: ``meta["target_names"]``), shown beside neurons and on the plots' axes
_DATA_NAMES = {
    "value": QT_TRANSLATE_NOOP("DataNames", "value"),
    "marker": QT_TRANSLATE_NOOP("DataNames", "marker"),
    "sum": QT_TRANSLATE_NOOP("DataNames", "sum"),
    "next value": QT_TRANSLATE_NOOP("DataNames", "next value"),
    "height": QT_TRANSLATE_NOOP("DataNames", "height"),
    "bit": QT_TRANSLATE_NOOP("DataNames", "bit"),
}
#: names with a number or a letter in them: (prefix, template)
_DATA_PATTERNS = (
    ("class ", QT_TRANSLATE_NOOP("DataNames", "class {0}")),
    ("symbol ", QT_TRANSLATE_NOOP("DataNames", "symbol {0}")),
    ("pixel ", QT_TRANSLATE_NOOP("DataNames", "pixel {0}")),
    ("next ", QT_TRANSLATE_NOOP("DataNames", "next {0}")),
)


def data_name(name) -> str:
    """A data set's feature or target name in the interface language ("class 1" -> "类别 1");
    names from a CSV file's header, and anything else unknown, stay as they are."""
    name = str(name)
    if name in _DATA_NAMES:
        return translate("DataNames", _DATA_NAMES[name])
    for prefix, template in _DATA_PATTERNS:
        if name.startswith(prefix) and len(name) > len(prefix):
            rest = name[len(prefix):]
            if prefix == "next ":
                rest = data_name(rest)
            return translate("DataNames", template).format(rest)
    return name


__all__ = ["CODES", "LANGUAGES", "SYSTEM", "current_language", "data_name", "diagnosis_text",
           "install_translators", "language_for_locale", "language_setting", "layer_description",
           "layer_title", "param_help", "param_label", "problem_text", "qm_path",
           "remove_translators", "resolve_language", "set_language_setting", "shape_text",
           "TemplateTranslator", "translate", "translations_dir"]
