"""`pip install .` in a fresh virtual environment gives a working `nnsim` with every resource.

This builds the wheel and installs it with its dependencies into a new venv (pip's cache makes
the download a one-time cost), then runs the installed command from a folder outside the
checkout, so nothing can be found by accident in the source tree.
"""

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    out = subprocess.run([str(py), "-m", "pip", "install", "--quiet", str(ROOT)],
                         capture_output=True, text=True, timeout=1200)
    assert out.returncode == 0, out.stdout + out.stderr
    return env_dir


def run(env_dir, *args, cwd):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(list(args), capture_output=True, text=True, timeout=300, cwd=cwd,
                          env=env)


@pytest.mark.timeout(1500)
def test_installed_command_help_version_and_training(installed, tmp_path):
    bindir = installed / "bin"
    out = run(installed, str(bindir / "nnsim"), "--help", cwd=tmp_path)
    assert out.returncode == 0 and "train" in out.stdout and "--screenshot" in out.stdout
    out = run(installed, str(bindir / "python"), "-m", "nnsim", "--version", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("nnsim ")
    # the examples, data and icons are inside the installed package, not read from the checkout
    out = run(installed, str(bindir / "python"), "-c",
              "import nnsim.paths as p; r = p.resources_dir(); print(r); "
              "print(sorted(x.name for x in (r / 'examples').glob('*.json'))); "
              "print((r / 'data' / 'digits.csv.gz').is_file(), "
              "(r / 'desktop' / 'nnsim.svg').is_file())", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert str(ROOT) not in lines[0] and "site-packages" in lines[0]
    assert "xor.json" in lines[1] and lines[2] == "True True"
    example = lines[0] + "/examples/xor.json"
    out = run(installed, str(bindir / "nnsim"), "train", example, "--steps", "50", "--json",
              cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert '"event": "summary"' in out.stdout.splitlines()[-1]


@pytest.mark.timeout(1500)
def test_installed_screenshot_mode_offscreen(installed, tmp_path):
    shot = tmp_path / "shot.png"
    out = run(installed, str(installed / "bin" / "nnsim"), "--screenshot", str(shot),
              "--train-seconds", "1", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert shot.is_file() and shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
