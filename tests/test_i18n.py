"""Translations (docs/i18n.md): every string has a Chinese translation, the compiled .qm matches
the .ts, and the app comes up in Chinese with a zh_CN locale.

The completeness check runs ``pyside6-lupdate`` over the sources into a copy of
``resources/i18n/nnsim_zh_CN.ts`` (``scripts/update_translations.py``) and fails, naming the
strings, when one is missing, unfinished or empty. Strings found only in the files listed under
``[pending]`` in ``resources/i18n/sources.txt`` are reported as a warning.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "i18n" / "nnsim_zh_CN.ts"


def _script():
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report():
    """One lupdate run into a temporary copy of the .ts (nothing in the tree changes)."""
    script = _script()
    try:
        script.tool("lupdate")
        script.tool("lrelease")
    except SystemExit as e:  # the Linguist tools come with PySide6; without them, say so
        pytest.skip(str(e))
    return script.check(TS)


def _listing(messages) -> str:
    return "\n  ".join(str(m) for m in messages)


def test_every_string_has_a_chinese_translation(report):
    missing = report["untranslated"]
    assert not missing, (
        f"{len(missing)} strings have no finished Chinese translation in {TS.name} (run "
        "scripts/update_translations.py, translate them, run it again; docs/i18n.md):\n  "
        + _listing(missing))
    if report["pending"]:
        warnings.warn(f"{len(report['pending'])} strings of files still being written "
                      f"([pending] in sources.txt) are not translated yet:\n  "
                      + _listing(report["pending"]), stacklevel=1)


def test_the_sources_hold_strings_and_the_ts_knows_them(report):
    by_context = {}
    for m in report["messages"]:
        by_context.setdefault(m.context, set()).add(m.source)
    assert "&File" in by_context["MainWindow"]
    assert "Dense" in by_context["LayerTypes"]
    assert "Units" in by_context["Parameters"]
    assert any("{layer} has no input" in s for s in by_context["Validation"])
    assert "Forget gate" in by_context["Explanations"]
    assert "XOR needs a hidden layer" in by_context["Lessons"]
    assert "Spirals" in by_context["Datasets"]
    assert len(report["messages"]) > 400


def test_every_string_has_a_context(report):
    assert not report["no_context"], (
        "lupdate filed these strings under an empty context, so no translation is ever found "
        "for them (tr() outside a class, or a def inside a for loop earlier in the file):\n  "
        + _listing(report["no_context"]))
    if report["no_context_pending"]:
        warnings.warn("strings without a context in files still being written:\n  "
                      + _listing(report["no_context_pending"]), stacklevel=1)


def test_translations_keep_fields_tags_and_shortcuts(report):
    bad = report["mismatches"]
    assert not bad, "translations that would break when formatted:\n  " + "\n  ".join(
        f"{m}: {why}" for m, why in bad)


def test_no_f_strings_meet_tr(report):
    assert not report["fstrings"], ("tr() and f-strings do not mix (lupdate records an f-string "
                                    "unformatted, and does not look inside one):\n  "
                                    + "\n  ".join(report["fstrings"]))
    if report["fstrings_pending"]:
        warnings.warn("in files still being written:\n  "
                      + "\n  ".join(report["fstrings_pending"]), stacklevel=1)


def test_the_qm_is_compiled_from_the_ts(report):
    assert report["qm_current"], (
        "resources/i18n/nnsim_zh_CN.qm is not what pyside6-lrelease makes of nnsim_zh_CN.ts: "
        "run scripts/update_translations.py and commit both")


# -- choosing the language ------------------------------------------------------------------


def test_language_follows_the_locale(qapp):
    from PySide6.QtCore import QLocale

    from nnsim.ui import i18n

    assert i18n.language_for_locale(QLocale("zh_CN")) == "zh_CN"
    assert i18n.language_for_locale(QLocale("zh_SG")) == "zh_CN"
    assert i18n.language_for_locale(QLocale("en_GB")) == "en"
    assert i18n.language_for_locale(QLocale("de_DE")) == "en"  # no German: English
    assert i18n.language_for_locale(QLocale("zh_TW")) == "zh_CN"  # closer than English
    assert i18n.language_for_locale(QLocale("C")) == "en"
    assert i18n.resolve_language("system", QLocale("zh_CN")) == "zh_CN"
    assert i18n.resolve_language("en", QLocale("zh_CN")) == "en"
    assert i18n.resolve_language("zh_CN", QLocale("en_US")) == "zh_CN"


def test_the_setting_is_kept_and_checked(qapp):
    from nnsim.ui import i18n

    assert i18n.language_setting() == "system"
    i18n.set_language_setting("zh_CN")
    assert i18n.language_setting() == "zh_CN" and i18n.resolve_language() == "zh_CN"
    with pytest.raises(ValueError):
        i18n.set_language_setting("klingon")
    i18n.set_language_setting("system")
    assert i18n.language_setting() == "system"


def test_preferences_offer_the_languages_and_say_when_they_apply(qtbot):
    from PySide6.QtWidgets import QLabel

    from nnsim.ui import i18n
    from nnsim.ui import settings as st

    dlg = st.PreferencesDialog()
    qtbot.addWidget(dlg)
    codes = [dlg.language.itemData(i) for i in range(dlg.language.count())]
    assert codes == ["system", "en", "zh_CN"]
    assert dlg.language.itemText(2) == "简体中文"
    assert any("takes effect when nnsim restarts" in label.text()
               for label in dlg.findChildren(QLabel))
    dlg.language.setCurrentIndex(2)
    dlg.accept()
    assert i18n.language_setting() == "zh_CN"


@pytest.fixture
def chinese(qapp):
    from nnsim.ui import i18n

    assert i18n.install_translators(qapp, "zh_CN") == "zh_CN"
    yield
    i18n.remove_translators(qapp)


def test_messages_of_the_qt_free_floors_are_shown_translated(chinese):
    from nnsim.spec import Project, validate
    from nnsim.spec.model import NodeSpec
    from nnsim.spec.validate import DataShape
    from nnsim.training.diagnosis import _VANISHING
    from nnsim.ui import i18n

    p = Project()
    p.nodes = [NodeSpec.new("input", "Input", (0, 0)), NodeSpec.new("d", "Dense", (1, 0), units=0)]
    v = validate(p, DataShape((2,), "classification", 2, 2, False, "xor"))
    english = v.messages()[0]
    assert english == "Dense 'd': Units must be from 1 to 4096, got 0"
    assert i18n.problem_text(v.problems[0]) == "全连接层“d”：单元数必须在 1 到 4096 之间，当前为 0"
    message = _VANISHING.format(name="dense1", orders="5", top="dense3")
    assert i18n.diagnosis_text(message) == \
        "梯度消失：“dense1”得到的梯度比“dense3”小 5 个数量级，因此几乎学不到东西。"
    assert i18n.shape_text((50, 32)) == "(批量, 50, 32)"
    assert i18n.translate("Explanations", "Forget gate") == "遗忘门"
    assert i18n.translate("Lessons", "XOR needs a hidden layer") == "异或需要隐藏层"


def test_without_a_translator_everything_stays_english(qapp):
    from nnsim.ui import i18n

    assert i18n.current_language() == "en"
    assert i18n.translate("LayerTypes", "Dense") == "Dense"
    assert i18n.shape_text((16,)) == "(batch, 16)"


# -- the app in Chinese -------------------------------------------------------------------------

_PROBE = r"""
import json, sys
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout
from nnsim.ui.app import make_app
from nnsim.ui import i18n
from nnsim.ui.main_window import MainWindow

app = make_app()
w = MainWindow(recover=False, remember_layout=False, plots=False)
tree = w.palette.tree
box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
form = w.inspector.training.form
labels = [form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget().text()
          for i in range(form.rowCount())]
w.inspector.show_nodes(["dense1"])
layer_form = w.inspector.layer.form
layer_labels = [layer_form.itemAt(i, QFormLayout.ItemRole.LabelRole).widget().text()
                for i in range(layer_form.rowCount())]
print(json.dumps({
    "language": i18n.current_language(),
    "menus": [a.text() for a in w.menuBar().actions()],
    "groups": [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())],
    "layers": [tree.topLevelItem(0).child(i).text(0)
               for i in range(tree.topLevelItem(0).childCount())],
    "docks": [w.palette_dock.windowTitle(), w.inspector_dock.windowTitle()],
    "training_labels": labels,
    "layer_labels": layer_labels,
    "layer_title": w.inspector.layer.title.text(),
    "title": w.windowTitle(),
    "train": w.act_train.text(),
    "status": w.valid_label.text(),
    "buttons": [b.text() for b in box.buttons()],
}, ensure_ascii=False))
w.stack.setClean()
w.close()
"""


def _run_probe(tmp_path, **env_extra):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), NNSIM_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT))
    for key in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(key, None)
    env.update(env_extra)
    proc = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_app_starts_in_chinese_with_a_chinese_locale(tmp_path):
    out = _run_probe(tmp_path, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
    assert out["language"] == "zh_CN"
    assert out["menus"] == ["文件(&F)", "编辑(&E)", "视图(&V)", "训练(&T)", "帮助(&H)"]
    assert out["groups"] == ["输入 / 输出", "层", "循环层", "合并"]
    assert out["layers"] == ["输入层", "输出 / 损失"]
    assert out["docks"] == ["层", "属性"]
    assert out["training_labels"][:3] == ["优化器", "学习率", "批量大小"]
    assert out["layer_labels"] == ["单元数", "激活函数", "初始化方式", "初始化尺度"]
    assert out["layer_title"].startswith("全连接层")
    assert out["title"] == "双螺旋（示例）[*] — nnsim"
    assert out["train"] == "训练"
    assert "有效" in out["status"] and "个参数" in out["status"]
    assert out["buttons"] == ["确定", "取消"] or sorted(out["buttons"]) == ["取消", "确定"], \
        "Qt's own translation (qtbase_zh_CN.qm) is not installed"


def test_the_app_stays_english_with_an_english_locale(tmp_path):
    out = _run_probe(tmp_path, LANG="en_US.UTF-8")
    assert out["language"] == "en"
    assert out["menus"] == ["&File", "&Edit", "&View", "&Train", "&Help"]
    assert out["docks"] == ["Layers", "Inspector"]
