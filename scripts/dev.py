#!/usr/bin/env python3
"""Set up and run nnsim from a source checkout, on a fresh Debian 12 machine with only python3.

    python3 scripts/dev.py app  [args for main.py...]   run the app (under Xvfb with a screenshot
                                                         when there is no display)
    python3 scripts/dev.py test [args for pytest...]    run the tests, then the import contracts
    python3 scripts/dev.py bench                         run bench/*.py (installs the bench extra)

Each command first makes sure of three things, and skips what is already done:
  1. the Debian packages Qt needs (installed with apt-get when run as root; otherwise named),
  2. a virtual environment in .venv,
  3. `pip install -e ".[test]"` in it (skipped while a stamp file in .venv records the same hash
     of pyproject.toml, so a second run is fast and works offline).

Standard library only: this script runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VENV_PY = VENV / "bin" / "python"
VENV_BIN = VENV / "bin"

# docs: /work/shared/GUIDE.md section 8 (measured on a fresh Debian 12 machine).
APT_OFFSCREEN = [
    "python3-venv",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libxkbcommon0",
    "libglib2.0-0",
    "libdbus-1-3",
]
APT_XVFB = [
    "xvfb",
    "xauth",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-render-util0",
    "libxcb-render0",
    "libxcb-shape0",
    "libxcb-util1",
    "libxcb-xkb1",
    "libxkbcommon-x11-0",
    "fonts-wqy-microhei",  # CJK glyphs for the Chinese interface (docs/i18n.md)
]
XVFB_SCREEN = "-screen 0 1600x1000x24"
SCREENSHOT = Path("out") / "screenshot.png"


class SetupError(Exception):
    """A setup step failed; the message tells the user what to do."""


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def run(cmd: list[str], **kw) -> int:
    """Run a command from the repository root with no stdin (CI has none); return its exit code."""
    kw.setdefault("cwd", ROOT)
    kw.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.call(cmd, **kw)


# --------------------------------------------------------------------------- Debian packages


def _dpkg_installed(pkg: str) -> bool:
    proc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", pkg],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    return proc.returncode == 0 and proc.stdout.strip().endswith(" installed")


def _venv_needs_debian_package() -> bool:
    """True when creating .venv needs Debian's python3-venv.

    Debian's own python3 ships `venv` without `ensurepip` until python3-venv is installed; a
    pyenv or python.org interpreter has ensurepip already, and python3-venv would not help it.
    """
    if VENV_PY.exists():
        return False
    return importlib.util.find_spec("ensurepip") is None


def ensure_apt(required: list[str], wanted: list[str]) -> None:
    """Install the missing Debian packages of `wanted` when root; `required` ones must be there."""
    if sys.platform != "linux" or shutil.which("dpkg-query") is None:
        say("not a Debian-like system: skipping the system package check")
        return
    skip = set()
    if not _venv_needs_debian_package():
        skip.add("python3-venv")
    missing = [p for p in wanted if p not in skip and not _dpkg_installed(p)]
    if not missing:
        return
    if os.geteuid() == 0:
        say(f"installing Debian packages: {' '.join(missing)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        if run(["apt-get", "update"], env=env) != 0:
            raise SetupError("apt-get update failed (is the network reachable?)")
        cmd = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
        if run(cmd, env=env) != 0:
            raise SetupError(f"apt-get install failed for: {' '.join(missing)}")
        return
    hard = [p for p in missing if p in required]
    soft = [p for p in missing if p not in required]
    if soft:
        say(
            "note: these Debian packages are missing (needed to run the app under Xvfb):\n"
            f"      sudo apt-get install --no-install-recommends {' '.join(soft)}"
        )
    if hard:
        raise SetupError(
            "these Debian packages are missing and only root can install them:\n"
            f"      {' '.join(hard)}\n"
            "  run this script as root, or first:\n"
            f"      sudo apt-get install -y --no-install-recommends {' '.join(hard)}"
        )


# --------------------------------------------------------------------------- virtual environment


@contextmanager
def _venv_lock():
    """Serialise setup between concurrent runs in one tree (two pip installs would collide)."""
    try:
        import fcntl
    except ImportError:  # not on Linux: no locking
        yield
        return
    VENV.mkdir(exist_ok=True)
    with open(VENV / ".nnsim-setup.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _stamp_path(extra: str) -> Path:
    return VENV / f".nnsim-installed-{extra}"


def _stamp_value(extra: str) -> str:
    digest = hashlib.sha256()
    digest.update((ROOT / "pyproject.toml").read_bytes())
    digest.update(f"\0{extra}\0{sys.version_info[:2]}".encode())
    return digest.hexdigest()


def ensure_venv(extra: str) -> None:
    """Create .venv if needed and install nnsim editable with `extra`, unless already stamped."""
    if sys.version_info < (3, 10):
        raise SetupError(f"nnsim needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    with _venv_lock():
        if not VENV_PY.exists():
            say(f"creating {VENV.relative_to(ROOT)} with {sys.executable}")
            if run([sys.executable, "-m", "venv", str(VENV)]) != 0 or not VENV_PY.exists():
                raise SetupError(
                    "could not create the virtual environment; on Debian install python3-venv "
                    "(sudo apt-get install python3-venv), then delete .venv and run again"
                )
        stamp = _stamp_path(extra)
        want = _stamp_value(extra)
        if stamp.exists() and stamp.read_text().strip() == want:
            return
        say(f'installing nnsim and its dependencies: pip install -e ".[{extra}]"')
        cmd = [str(VENV_PY), "-m", "pip", "install", "--disable-pip-version-check"]
        if os.environ.get("CI"):
            cmd.append("--progress-bar=off")
        cmd += ["-e", f".[{extra}]"]
        if run(cmd) != 0:
            raise SetupError(f'pip install -e ".[{extra}]" failed (see pip\'s output above)')
        stamp.write_text(want + "\n")


# --------------------------------------------------------------------------- commands


def cmd_test(args: list[str]) -> int:
    ensure_apt(required=APT_OFFSCREEN, wanted=APT_OFFSCREEN + APT_XVFB)
    ensure_venv("test")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    say("pytest " + " ".join(args))
    rc_tests = run([str(VENV_PY), "-m", "pytest", *args], env=env)
    if rc_tests == 5:
        say("FAILED: pytest collected no tests (exit 5); a test run that tests nothing is a failure")

    say("lint-imports (architecture contracts in pyproject.toml)")
    rc_lint = run([str(VENV_BIN / "lint-imports")], env=env)

    failed = [name for name, rc in (("pytest", rc_tests), ("lint-imports", rc_lint)) if rc != 0]
    if failed:
        say(f"FAILED: {', '.join(failed)}")
        return 1
    say("all good: tests passed and import contracts kept")
    return 0


def cmd_app(args: list[str]) -> int:
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    ensure_apt(
        required=APT_OFFSCREEN if has_display else APT_OFFSCREEN + APT_XVFB,
        wanted=APT_OFFSCREEN + APT_XVFB,
    )
    ensure_venv("test")
    if has_display:
        return run([str(VENV_PY), "main.py", *args])

    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        raise SetupError("no display and no xvfb-run: install xvfb and xauth (as root) or set DISPLAY")
    extra = list(args)
    screenshot = None
    if "--screenshot" not in extra and not any(a.startswith("--screenshot=") for a in extra):
        screenshot = ROOT / SCREENSHOT
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        extra = ["--screenshot", str(SCREENSHOT), "--train-seconds", "5", *extra]
    say("no display: running the app under Xvfb")
    rc = run([xvfb_run, "-a", "-s", XVFB_SCREEN, str(VENV_PY), "main.py", *extra])
    if screenshot is not None:
        if rc == 0 and screenshot.exists():
            say(f"screenshot: {screenshot}")
        else:
            say(f"the app exited with {rc}; no screenshot at {screenshot}")
    return rc


def cmd_bench(args: list[str]) -> int:
    ensure_apt(required=APT_OFFSCREEN, wanted=APT_OFFSCREEN + APT_XVFB)
    ensure_venv("test,bench")
    benches = sorted((ROOT / "bench").glob("*.py"))
    if not benches:
        say("no benchmarks in bench/")
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    failed = []
    for path in benches:
        say(f"bench: {path.relative_to(ROOT)}")
        if run([str(VENV_PY), str(path), *args], env=env) != 0:
            failed.append(path.name)
    if failed:
        say(f"FAILED: {', '.join(failed)}")
        return 1
    return 0


COMMANDS = {"app": cmd_app, "test": cmd_test, "bench": cmd_bench}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except SetupError as exc:
        say(f"setup failed: {exc}")
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
