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
    assert out["menus"] == ["文件(&F)", "编辑(&E)", "视图(&V)", "训练(&T)", "学习(&L)", "帮助(&H)"]
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
    assert out["menus"] == ["&File", "&Edit", "&View", "&Train", "&Learn", "&Help"]
    assert out["docks"] == ["Layers", "Inspector"]


# -- the dashboards and the understanding docks in Chinese (the second pass) --------------------

EXAMPLES = ROOT / "resources" / "examples"
#: words that stay as they are in the Chinese interface (identifiers, activation names)
_KEPT = {"tanh", "sigmoid", "softmax", "delta", "theta", "relu", "ReLU", "linear", "adam",
         "Dropout", "LSTM", "mean", "dtheta"}


def _english_words(text: str) -> set[str]:
    """Words of four or more Latin letters left in ``text`` (HTML tags aside)."""
    import re

    return set(re.findall(r"\b[A-Za-z]{4,}\b", re.sub(r"<[^>]*>", " ", text))) - _KEPT


def test_a_marker_with_a_variable_is_reported(tmp_path):
    script = _script()
    src = tmp_path / "marks.py"
    src.write_text("C = 'Ctx'\nA = QT_TRANSLATE_NOOP(C, 'text')\n"
                   "B = QT_TRANSLATE_NOOP('Ctx', 'fine')\n", encoding="utf-8")
    found = script.fstring_calls([src])
    assert len(found) == 1 and ":2:" in found[0] and "not a literal" in found[0]


def test_the_panels_show_loss_names_diagnoses_and_data_names_in_chinese(chinese, qtbot):
    import numpy as np

    from nnsim.data import make_dataset
    from nnsim.spec import load_project
    from nnsim.training.diagnosis import _VANISHING, _VANISHING_ADVICE
    from nnsim.training.snapshot import Diagnosis, LayerStats, Snapshot
    from nnsim.ui.i18n import data_name
    from nnsim.ui.panels import Context, GradientsPanel, LossPanel

    project = load_project(EXAMPLES / "spirals.json")
    ds = make_dataset(project.dataset.name, **project.dataset.params)
    loss = LossPanel()
    qtbot.addWidget(loss)
    loss.set_context(Context.build(project, ds))
    assert loss.loss_plot.getAxis("left").labelText == "损失（交叉熵）"

    layers = (LayerStats("dense1", "Dense", params={"W": np.ones((2, 2))}, grad_norm=1e-9),
              LayerStats("dense3", "Dense", params={"W": np.ones((2, 2))}, grad_norm=1.0))
    message = _VANISHING.format(name="dense1", orders="5", top="dense3")
    snap = Snapshot(step=10, epoch=0.0, state="running", learning_rate=0.01, batch_size=8,
                    optimizer="adam", train_loss=1.0, val_loss=float("nan"),
                    train_accuracy=None, val_accuracy=None, steps_per_second=0.0,
                    new_steps=np.array([10]), new_losses=np.array([1.0]),
                    new_evals=np.zeros((0, 5)), layers=layers,
                    warnings=(Diagnosis("vanishing", message, "dense1", _VANISHING_ADVICE),),
                    view={}, probe={}, run_id=1)
    grads = GradientsPanel()
    qtbot.addWidget(grads)
    grads.history.append(snap)
    grads.show_snapshot(snap, force=True)
    text = grads.warning_text()
    assert "梯度消失：“dense1”得到的梯度比“dense3”小 5 个数量级" in text
    assert not _english_words(text), text
    assert grads.flags["dense1"].textItem.toPlainText().endswith("dense1: 梯度消失")

    assert [data_name(n) for n in ("class 1", "value", "next value", "x1", "next price")] == \
        ["类别 1", "值", "下一个值", "x1", "下一个price"]


def test_run_changes_labels_and_lesson_buttons_in_chinese(chinese, qtbot):
    from nnsim.spec import load_project
    from nnsim.training.lessons import LESSONS
    from nnsim.training.runs import RunRegistry
    from nnsim.ui.understanding.lessons import LessonCard
    from nnsim.ui.understanding.runs import change_text, run_label

    assert change_text("learning rate 0.01 → 0.003") == "学习率 0.01 → 0.003"
    assert change_text("step 1,200: batch size 32 → 64") == "第 1,200 步：批量大小 32 → 64"
    assert change_text("dense2 activation sigmoid → relu") == "dense2 的激活函数 sigmoid → relu"
    assert change_text("+ Dense layer dense4") == "+ 全连接层 dense4"
    assert change_text("dense2 Dense → Dropout") == "dense2 全连接层 → Dropout"
    assert change_text("connections changed") == "连接已改变"
    assert change_text("something new → else") == "something new → else"  # unknown: as it is

    a = load_project(EXAMPLES / "xor.json")
    b = a.copy()
    b.training["learning_rate"] = 0.003
    reg = RunRegistry()
    first = reg.start_run(a)
    first.last_step = 100  # trained (a run that never stepped is replaced by the next)
    second = reg.start_run(b)
    assert run_label(first) == "运行 1：异或 (XOR)"
    assert run_label(second) == "运行 2：学习率 {0:g} → 0.003".format(a.training["learning_rate"])

    card = LessonCard()
    qtbot.addWidget(card)
    card.resize(600, 800)
    card.show_lesson(next(l for l in LESSONS if l.id == "vanishing"))
    titles = [b.property("full_text") for b in card.project_buttons]
    assert titles == ["✔ 已打开“梯度消失：深层 sigmoid”", "打开“解药：深层 ReLU 配合 He 初始化”"]
    assert "动手试试" in card.body.text() and "本课的项目" in card.body.text()


def test_training_errors_and_stepthrough_stages_in_chinese(chinese):
    from nnsim.data import make_dataset
    from nnsim.spec import load_project
    from nnsim.training.loop import user_message
    from nnsim.training.stepthrough import StepThrough
    from nnsim.ui.simulation import loop_error_text
    from nnsim.ui.understanding.stepthrough_panel import stage_text

    assert loop_error_text(user_message(ValueError("must be positive"),
                                        "change the learning rate")) == \
        "无法修改学习率：must be positive."
    assert loop_error_text(user_message(MemoryError())) == \
        "内存不足以容纳这个网络和数据集：请把它们改小一些。"
    assert loop_error_text("Something nobody templated.") == "Something nobody templated."

    for name in ("xor.json", "adding_lstm.json"):
        project = load_project(EXAMPLES / name)
        params = dict(project.dataset.params)
        if "length" in params:
            params["length"] = 5
        ds = make_dataset(project.dataset.name, **params)
        st = StepThrough(project, ds)
        assert st.stages
        for s in st.stages:
            for text in (s.title, s.note, s.formula):
                shown = stage_text(text)
                assert not _english_words(shown), (text, shown)


def test_long_text_is_cut_or_wrapped_never_clipped(qtbot):
    from nnsim.ui import plot_style as S

    label = S.quiet_label("第 1,500 步  ·  损失 0.6931  ·  验证 0.6932  ·  验证准确率 50.0%")
    qtbot.addWidget(label)
    label.resize(120, 20)
    label.show()
    label.grab()  # paints: the label cuts its text and puts the whole of it in the tooltip
    assert label.shown_text().endswith("…") and label.elided
    assert label.toolTip() == label.text()

    view = S.graphics_layout()
    qtbot.addWidget(view)
    plot = view.addPlot()
    S.style_plot(plot, bottom="训练步", left="更新量 / 权重 ||Δθ||/||θ||")
    ax = plot.getAxis("left")
    for height, lines in ((600, 1), (170, 2), (90, None)):
        view.resize(400, height)
        view.show()
        qtbot.wait(20)
        shown = ax.label.toPlainText().strip()
        room = ax.size().height()
        assert ax.label.boundingRect().width() <= room, (height, shown)
        if lines is None:  # too short even for two lines: cut, the whole label in the tooltip
            assert shown.endswith("…") and ax.label.toolTip() == "更新量 / 权重 ||Δθ||/||θ||"
        else:
            assert shown.count("\n") + 1 == lines
            assert shown.replace("\n", " ") == "更新量 / 权重 ||Δθ||/||θ||"
    assert ax.labelText == "更新量 / 权重 ||Δθ||/||θ||"  # what the code set stays as it was

    legend = S.legend_row(view.ci, row=0, columns=10)
    for k in range(9):
        S.live_curve(plot, "#000000", name=f"dense{k + 1}", legend=legend)
    view.resize(360, 400)
    qtbot.wait(20)
    assert legend.columnCount < 9
    assert legend.boundingRect().width() <= 360
