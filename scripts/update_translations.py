#!/usr/bin/env python3
"""Update nnsim's translations with Qt Linguist's tools (docs/i18n.md).

    python scripts/update_translations.py            lupdate the .ts files from the sources, then
                                                     lrelease them into .qm files
    python scripts/update_translations.py --check    change nothing; list every string without a
                                                     translation and say whether the .qm files are
                                                     up to date (exit 1 if not)

The sources are the globs of ``resources/i18n/sources.txt``; the translations are
``resources/i18n/nnsim_<language>.ts`` (English is the source language: no English file). After
``lupdate``, new or changed strings are ``type="unfinished"`` in the .ts: translate them (Qt
Linguist, ``pyside6-linguist``, or any editor), then run this script again to compile the .qm.

The functions are what ``tests/test_i18n.py`` checks with.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
SOURCES = I18N / "sources.txt"
#: the calls whose literal arguments lupdate collects (and that must not get f-strings)
TR_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
#: the markers, which exist only for lupdate: their arguments must all be literals
MARKERS = {"QT_TRANSLATE_NOOP", "QT_TR_NOOP"}


def tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease``: beside this Python first, then on PATH."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    if here.exists():
        return str(here)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: it comes with PySide6 (pip install PySide6)")
    return found


def _read_sources() -> tuple[list[str], list[str]]:
    globs: list[str] = []
    waiting: list[str] = []
    part = globs
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line == "[pending]":
            part = waiting
            continue
        part.append(line)
    return globs, waiting


def _expand(globs: list[str]) -> list[Path]:
    out = []
    for g in globs:
        out += [p for p in sorted(ROOT.glob(g)) if p.is_file()]
    return list(dict.fromkeys(out))


def sources() -> list[Path]:
    """Every file lupdate reads."""
    return _expand(_read_sources()[0])


def pending() -> set[Path]:
    """Files whose untranslated strings are reported but not failed."""
    return set(_expand(_read_sources()[1]))


def ts_files() -> list[Path]:
    return sorted(I18N.glob("nnsim_*.ts"))


def language_of(ts: Path) -> str:
    return ts.stem.removeprefix("nnsim_")


def lupdate(ts: Path, files: list[Path] | None = None) -> str:
    """Merge the sources' strings into ``ts`` (new ones unfinished; vanished ones dropped)."""
    files = sources() if files is None else files
    with tempfile.TemporaryDirectory() as tmp:
        lst = Path(tmp) / "sources.lst"
        lst.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
        proc = subprocess.run(
            [tool("lupdate"), "-silent", "-no-obsolete", "-locations", "absolute",
             "-source-language", "en", "-target-language", language_of(ts), f"@{lst}",
             "-ts", str(ts)],
            capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"lupdate failed:\n{proc.stdout}{proc.stderr}")
    return proc.stdout + proc.stderr


def lrelease(ts: Path, qm: Path) -> None:
    proc = subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not qm.exists():
        raise RuntimeError(f"lrelease failed:\n{proc.stdout}{proc.stderr}")


# -- reading a .ts ------------------------------------------------------------------------------


@dataclass
class Message:
    context: str
    source: str
    translations: list[str]
    kind: str  # "" (finished), "unfinished", "vanished", "obsolete"
    files: list[Path]
    line: int

    def where(self) -> str:
        f = self.files[0].relative_to(ROOT) if self.files and self.files[0].is_relative_to(ROOT) \
            else (self.files[0] if self.files else "?")
        return f"{f}:{self.line}" if self.files else "no location"

    def __str__(self) -> str:
        return f"[{self.context}] {self.source!r} ({self.where()})"


def read_ts(ts: Path) -> list[Message]:
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None:
                texts, kind = [], "unfinished"
            else:
                kind = tr.get("type", "")
                forms = tr.findall("numerusform")
                texts = [f.text or "" for f in forms] if forms else [tr.text or ""]
            files, line = [], 0
            for loc in m.findall("location"):
                if loc.get("filename"):
                    files.append((ts.parent / loc.get("filename")).resolve())
                    line = line or int(loc.get("line") or 0)
            out.append(Message(name, m.findtext("source") or "", texts, kind, files, line))
    return out


def untranslated(messages: list[Message]) -> list[Message]:
    """Messages in use without a finished, non-empty translation."""
    return [m for m in messages if m.kind not in ("vanished", "obsolete")
            and (m.kind == "unfinished" or not m.translations
                 or any(not t.strip() for t in m.translations))]


_FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
_ACCEL = re.compile(r"&(?!&|[a-zA-Z]+;|#\d+;)\w")


def mismatches(messages: list[Message]) -> list[tuple[Message, str]]:
    """Finished translations whose ``{fields}``, HTML tags or ``&`` shortcut differ from the
    source's (a missing field would raise, or drop a number, when the UI formats it)."""
    out = []
    for m in messages:
        if m.kind or not m.translations:
            continue
        for t in m.translations:
            if sorted(_FIELD.findall(m.source)) != sorted(_FIELD.findall(t)):
                out.append((m, f"fields {sorted(set(_FIELD.findall(m.source)))} in the source, "
                               f"{sorted(set(_FIELD.findall(t)))} in {t!r}"))
            elif set(_TAG.findall(m.source)) != set(_TAG.findall(t)):
                out.append((m, f"HTML tags differ in {t!r}"))
            elif bool(_ACCEL.search(m.source)) != bool(_ACCEL.search(t)):
                out.append((m, f"the & shortcut is missing or extra in {t!r}"))
    return out


def _call_name(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def _literal_text(call: ast.Call) -> bool:
    """A tr-like call whose text is a literal (what lupdate would collect)."""
    name = _call_name(call)
    if name not in TR_CALLS:
        return False
    i = 0 if name in ("tr", "QT_TR_NOOP") else 1
    arg = call.args[i] if len(call.args) > i else None
    return isinstance(arg, ast.Constant) and isinstance(arg.value, str)


def fstring_calls(files: list[Path]) -> list[str]:
    """tr()/translate()/QT_TRANSLATE_NOOP() given an f-string (lupdate records the unformatted
    text, which never matches at run time) or called with a literal inside an f-string (lupdate
    does not look inside f-strings, so the string never reaches the .ts); and
    QT_TRANSLATE_NOOP()/QT_TR_NOOP() given anything but literals (a marker whose context or text
    is a variable marks nothing)."""
    out = []
    for path in files:
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in TR_CALLS \
                    and any(isinstance(a, ast.JoinedStr) for a in node.args):
                out.append(f"{where}:{node.lineno}: {_call_name(node)}() given an f-string")
            elif isinstance(node, ast.Call) and _call_name(node) in MARKERS and not all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                out.append(f"{where}:{node.lineno}: {_call_name(node)}() with a context or text "
                           "that is not a literal (it marks nothing: lupdate does not see it)")
            elif isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and _literal_text(inner):
                        out.append(f"{where}:{inner.lineno}: {_call_name(inner)}() inside an "
                                   "f-string (lupdate does not see it)")
    return out


def check(ts: Path) -> dict:
    """What ``--check`` and the test report for one .ts, changing nothing: lupdate into a copy
    of it, then untranslated strings (checked, and in pending files only), strings without a
    context, mismatched translations, f-strings meeting tr(), and whether the committed .qm is
    what lrelease makes of the committed .ts."""
    all_files = sources()
    waiting = pending()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / ts.name
        shutil.copy2(ts, copy)
        log = lupdate(copy, all_files)
        messages = read_ts(copy)
        qm = Path(tmp) / (ts.stem + ".qm")
        lrelease(ts, qm)
        built = qm.read_bytes()
    committed = ts.with_suffix(".qm")
    missing = untranslated(messages)

    def is_pending(m: Message) -> bool:
        return bool(m.files) and all(f in waiting for f in m.files)

    nameless = [m for m in messages if not m.context and m.kind not in ("vanished", "obsolete")]
    return {
        "lupdate": log,
        "messages": messages,
        # tr() outside a class, or lupdate lost the class (a def inside a for loop does that)
        "no_context": [m for m in nameless if not is_pending(m)],
        "no_context_pending": [m for m in nameless if is_pending(m)],
        "untranslated": [m for m in missing if not is_pending(m)],
        "pending": [m for m in missing if is_pending(m)],
        "mismatches": mismatches(messages),
        "fstrings": fstring_calls([f for f in all_files if f not in waiting]),
        "fstrings_pending": fstring_calls([f for f in all_files if f in waiting]),
        "qm_current": committed.exists() and committed.read_bytes() == built,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; report untranslated strings and stale .qm files")
    args = parser.parse_args(argv)
    if not ts_files():
        print(f"no nnsim_*.ts in {I18N}", file=sys.stderr)
        return 1
    failed = False
    for ts in ts_files():
        if args.check:
            r = check(ts)
            for key, title in (("untranslated", "without a translation"),
                               ("pending", "without a translation, in pending files")):
                if r[key]:
                    print(f"{ts.name}: {len(r[key])} strings {title}:")
                    for m in r[key]:
                        print(f"  {m}")
            for m in r["no_context"] + r["no_context_pending"]:
                print(f"{ts.name}: {m}: no context (lupdate lost the class; see docs/i18n.md)")
            for m, why in r["mismatches"]:
                print(f"{ts.name}: {m}: {why}")
            for line in r["fstrings"] + r["fstrings_pending"]:
                print(line)
            if not r["qm_current"]:
                print(f"{ts.with_suffix('.qm').name} is not what lrelease makes of {ts.name}: "
                      "run scripts/update_translations.py")
            failed |= bool(r["untranslated"] or r["mismatches"] or r["fstrings"]
                           or r["no_context"] or not r["qm_current"])
            continue
        log = lupdate(ts)
        if log.strip():
            print(log.strip())
        messages = read_ts(ts)
        todo = untranslated(messages)
        lrelease(ts, ts.with_suffix(".qm"))
        print(f"{ts.relative_to(ROOT)}: {len(messages)} strings, {len(todo)} to translate; "
              f"{ts.with_suffix('.qm').relative_to(ROOT)} compiled")
        for m in todo:
            print(f"  to translate: {m}")
        for m, why in mismatches(messages):
            print(f"  check: {m}: {why}")
    if args.check:
        print("translations: " + ("PROBLEMS above" if failed else "complete, .qm up to date"))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
