"""Files: save and reopen, atomic saves that fail safely, refused files, autosave, crash
recovery, the unsaved-changes prompt, recent files and examples."""

from __future__ import annotations

import json
import os
from types import SimpleNamespace

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from nnsim.paths import resource_path
from nnsim.spec import load_project
from nnsim.ui import files
from nnsim.ui import settings as st
from nnsim.ui.commands import SetParamCommand
from nnsim.ui.main_window import MainWindow


@pytest.fixture
def dialogs(monkeypatch):
    """Every dialog replaced by a recorder; answers set per test."""
    rec = SimpleNamespace(errors=[], save_answer="discard", restore_answer=True, asked_save=[],
                          asked_restore=[], open_path="", save_path="")

    def ask_save(parent, name):
        rec.asked_save.append(name)
        return rec.save_answer

    def ask_restore(parent, description):
        rec.asked_restore.append(description)
        return rec.restore_answer

    monkeypatch.setattr(files, "show_error", lambda p, title, text: rec.errors.append(text))
    monkeypatch.setattr(files, "ask_save_changes", ask_save)
    monkeypatch.setattr(files, "ask_restore", ask_restore)
    monkeypatch.setattr(files, "ask_open_path", lambda p, d: rec.open_path)
    monkeypatch.setattr(files, "ask_save_path", lambda p, s: rec.save_path)
    return rec


@pytest.fixture
def make_window(qtbot, dialogs):
    made = []

    def make(*args, track=True, **kwargs):
        kwargs.setdefault("plots", False)
        w = MainWindow(*args, **kwargs)
        if track:
            qtbot.addWidget(w)
            made.append(w)
        return w

    yield make
    dialogs.save_answer = "discard"
    for w in made:
        if shiboken6.isValid(w):
            w.close()


def edit(window, units=24):
    window.stack.push(SetParamCommand(window.doc, "dense1", "units", units))


def crash(window) -> None:
    """The window goes away without closeEvent (no clean shutdown), as in a crash."""
    if window.sim is not None:
        window.sim.shutdown()  # the test process must not keep threads; a crash would kill them
    shiboken6.delete(window)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_save_reopen_identical(make_window, tmp_path, dialogs):
    w = make_window()
    edit(w)
    assert w.isWindowModified() or w.files.is_modified()
    target = tmp_path / "mine.json"
    assert w.files.save_as(target)
    assert not w.files.is_modified()
    assert w.files.path == target.resolve()
    assert "mine.json" in w.windowTitle()
    saved = w.doc.snapshot()
    assert load_project(target) == saved
    w2 = make_window(str(target))
    assert w2.doc.project == saved
    assert not w2.files.is_modified()
    assert st.recent_files()[0] == str(target.resolve())
    assert dialogs.errors == []


def test_save_asks_for_a_name_the_first_time(make_window, tmp_path, dialogs):
    w = make_window()  # the default example: untitled, never saved over the bundled file
    assert w.files.path is None and "(example)" in w.windowTitle()
    edit(w)
    dialogs.save_path = str(tmp_path / "copy.json")
    assert w.files.save()
    assert (tmp_path / "copy.json").is_file()
    assert load_project(resource_path("examples", "spirals.json")).node("dense1").params[
        "units"] == 16


def test_failed_save_leaves_the_old_file_intact(make_window, tmp_path, dialogs, monkeypatch):
    w = make_window()
    target = tmp_path / "net.json"
    assert w.files.save_as(target)
    old = target.read_bytes()
    edit(w, 40)
    import nnsim.spec.io as io

    def no_space(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(io.os, "fsync", no_space)  # the disk fills up mid-write
    assert not w.files.save()
    assert target.read_bytes() == old
    assert w.files.is_modified()
    assert dialogs.errors and "No space left on device" in dialogs.errors[-1]
    assert "previous file is unchanged" in dialogs.errors[-1]
    assert [p.name for p in tmp_path.iterdir()] == ["net.json"]  # no temporary file left


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_read_only_folder(make_window, tmp_path, dialogs):
    w = make_window()
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "net.json"
    assert w.files.save_as(target)
    old = target.read_bytes()
    edit(w)
    folder.chmod(0o555)
    try:
        assert not w.files.save()
    finally:
        folder.chmod(0o755)
    assert target.read_bytes() == old
    assert "Permission denied" in dialogs.errors[-1]


def test_read_only_target_as_root_too(make_window, tmp_path, dialogs, monkeypatch):
    """Root ignores permissions, so the refusal is simulated where the OS would raise it."""
    w = make_window()
    target = tmp_path / "net.json"
    assert w.files.save_as(target)
    old = target.read_bytes()
    edit(w)
    import nnsim.spec.io as io

    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(io.tempfile, "mkstemp", denied)
    assert not w.files.save()
    assert target.read_bytes() == old
    assert "Permission denied" in dialogs.errors[-1]
    assert "Permission denied" in w.statusBar().currentMessage()


def _write(path, data) -> None:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")


@pytest.mark.parametrize("content,words", [
    ({"format": "nnsim", "version": 99, "nodes": []}, "newer nnsim"),
    ("{ not json", "not valid JSON"),
    ({"format": "something else", "version": 1}, "not an nnsim project"),
])
def test_bad_files_are_refused_and_nothing_changes(make_window, tmp_path, dialogs, content, words):
    w = make_window()
    edit(w)
    before, path_before, undo_before = w.doc.snapshot(), w.files.path, w.stack.count()
    bad = tmp_path / "bad.json"
    _write(bad, content)
    dialogs.save_answer = "discard"
    assert not w.files.open(bad)
    assert w.doc.project == before
    assert w.files.path == path_before
    assert w.stack.count() == undo_before and w.files.is_modified()
    assert words in dialogs.errors[-1]


def test_unsaved_changes_prompt_on_close(make_window, tmp_path, dialogs, qtbot):
    w = make_window()
    w.show()
    edit(w)
    dialogs.save_answer = "cancel"
    assert not w.close()
    assert w.isVisible()
    assert dialogs.asked_save == ["Two spirals (example)"]
    dialogs.save_answer = "save"
    dialogs.save_path = str(tmp_path / "kept.json")
    assert w.close()
    assert load_project(tmp_path / "kept.json").node("dense1").params["units"] == 24


def test_unchanged_document_closes_without_asking(make_window, dialogs):
    w = make_window()
    w.show()
    assert w.close()
    assert dialogs.asked_save == []


def test_open_asks_about_unsaved_changes_first(make_window, tmp_path, dialogs):
    w = make_window()
    edit(w)
    other = tmp_path / "xor.json"
    other.write_bytes(resource_path("examples", "xor.json").read_bytes())
    dialogs.save_answer = "cancel"
    assert not w.files.open(other)
    assert w.doc.project.node("dense1").params["units"] == 24
    dialogs.save_answer = "discard"
    assert w.files.open(other)
    assert w.doc.project == load_project(other)
    assert w.stack.count() == 0


def test_autosave_only_when_modified(make_window):
    w = make_window()
    assert w.files.autosave() is None
    edit(w)
    path = w.files.autosave()
    assert path is not None and path.is_file()
    assert path.parent == files.autosave_dir()
    assert str(path).startswith(os.environ["NNSIM_DATA_DIR"])
    assert w.files.autosave() is None  # nothing new since
    assert path.is_file()
    w.stack.undo()  # back to the saved state: nothing unsaved, the autosave goes
    assert w.files.autosave() is None
    assert not path.exists()


def test_crash_then_restart_offers_recovery(make_window, dialogs):
    w1 = make_window(track=False)
    edit(w1, 33)
    w1.stack.push(SetParamCommand(w1.doc, "dense2", "activation", "relu"))
    expected = w1.doc.snapshot()
    autosave = w1.files.autosave()
    assert autosave.is_file()
    crash(w1)
    assert autosave.is_file(), "a crash leaves the autosave behind"

    w2 = make_window()
    assert len(dialogs.asked_restore) == 1
    assert "Two spirals" in dialogs.asked_restore[0]
    assert w2.doc.project == expected
    assert w2.files.is_modified()
    assert w2.isWindowModified()
    assert not autosave.exists()
    assert [n for n, i in w2.view.scene().nodes.items()] == [n.id for n in expected.nodes]


def test_recovery_declined_discards(make_window, dialogs):
    w1 = make_window(track=False)
    edit(w1)
    autosave = w1.files.autosave()
    crash(w1)
    dialogs.restore_answer = False
    w2 = make_window()
    assert dialogs.asked_restore
    assert w2.doc.project.node("dense1").params["units"] == 16
    assert not autosave.exists()
    w3 = make_window()
    assert len(dialogs.asked_restore) == 1  # asked once only


def test_a_live_session_is_not_offered_as_a_crash(make_window, dialogs):
    w1 = make_window()
    edit(w1)
    assert w1.files.autosave() is not None
    make_window()
    assert dialogs.asked_restore == []


def test_clean_close_leaves_no_autosave(make_window, dialogs):
    w = make_window()
    edit(w)
    path = w.files.autosave()
    dialogs.save_answer = "discard"
    assert w.close()
    assert not path.exists()
    assert not list(files.autosave_dir().glob("*"))


def test_new_and_examples_and_recent_menu(make_window, tmp_path, dialogs):
    w = make_window()
    w.act_new.trigger()
    assert {n.type for n in w.doc.project.nodes} == {"Input", "Dense", "Output"}
    assert w.doc.validation.ok
    titles = [a.text() for a in w.examples_menu.actions()]
    assert "Two spirals" in titles and len(titles) >= 5
    xor = next(a for a in w.examples_menu.actions() if "XOR" in a.text())
    xor.trigger()
    assert w.files.path is None and "(example)" in w.windowTitle()
    saved = tmp_path / "a.json"
    w.files.save_as(saved)
    recent = [a.toolTip() for a in w.recent_menu.actions() if a.toolTip()]
    assert recent[0] == str(saved.resolve())


def test_missing_recent_file_is_dropped(make_window, tmp_path, dialogs):
    gone = tmp_path / "gone.json"
    st.add_recent(str(gone))
    w = make_window()
    assert not w.files.open(str(gone))
    assert str(gone.resolve()) not in st.recent_files()
    assert "does not exist" in dialogs.errors[-1]
