"""Command line: ``nnsim`` (the app), ``nnsim train PROJECT``, ``nnsim validate PROJECT``,
``nnsim export PROJECT [-o OUT.py] [--train-steps N]`` (a PyTorch script, see docs/export.md).

``python -m nnsim train PROJECT [--steps N | --epochs N] [--seed S] [--json]`` trains exactly
as the app does (same Trainer) and prints progress; with ``--json`` one JSON object per line and a
final summary. Bad input gives one clear message on stderr and a non-zero exit code, never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time

from . import __version__

EXIT_OK, EXIT_BAD_INPUT, EXIT_DIVERGED = 0, 2, 3


def _load(path: str, seed: int | None):
    """(project, dataset) or raise one of the user-facing errors."""
    from .spec import load_project

    project = load_project(path)
    if seed is not None:
        project.training["seed"] = seed
    return project


def _clean(x):
    """JSON has no NaN: write null for it."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def cmd_train(args) -> int:
    from .data import DataError
    from .spec import ProjectError, SpecError
    from .training import Trainer

    try:
        project = _load(args.project, args.seed)
        trainer = Trainer(project)
    except (ProjectError, DataError) as e:
        return _fail(str(e))
    except SpecError as e:
        return _fail("The network is not valid:\n  " + "\n  ".join(
            p.message for p in e.problems))
    if args.epochs is not None:
        per_epoch = max(1, len(trainer._x) // min(trainer.batch_size, len(trainer._x)))
        steps = args.epochs * per_epoch
    else:
        steps = args.steps if args.steps is not None else trainer.budget
    trainer.budget = steps
    every = max(1, min(trainer.eval_every, steps // 20 or 1))
    trainer.eval_every = every
    out = sys.stdout
    if not args.json:
        print(f"{project.name}: {trainer.net.n_params} parameters, data set "
              f"{trainer.dataset.title} ({trainer.dataset.n_train} train / "
              f"{trainer.dataset.meta.get('n_val', len(trainer.dataset.x_val))} validation), "
              f"{steps} steps", file=out)
    t0 = time.perf_counter()

    writes_text = trainer.dataset.is_sequence and "vocab" in trainer.dataset.meta

    def report(tr):
        rec = {"event": "progress", "step": tr.step_count, "epoch": round(tr.epoch, 3),
               "train_loss": _clean(tr.train_loss), "val_loss": _clean(tr.val_loss)}
        if tr.val_accuracy is not None:
            rec["val_accuracy"] = tr.val_accuracy
        if writes_text:  # a character model: show what it writes by now
            rec["sample"] = tr.sample_text(60).split("|", 1)[1]
        if args.json:
            print(json.dumps(rec, ensure_ascii=False), file=out, flush=True)
        else:
            acc = f"  val acc {tr.val_accuracy:.3f}" if tr.val_accuracy is not None else ""
            print(f"step {tr.step_count:>7}  epoch {tr.epoch:7.2f}  train loss "
                  f"{tr.train_loss:.4g}  val loss {tr.val_loss:.4g}{acc}", file=out, flush=True)
            if writes_text:
                print(f"    sample: {rec['sample']!r}", file=out, flush=True)

    import numpy as np

    with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported in words below
        trainer.run(steps, callback=report)
    summary = trainer.summary()
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    if args.json:
        print(json.dumps({"event": "summary", **{k: _clean(v) for k, v in summary.items()}}),
              file=out, flush=True)
    else:
        acc = f", validation accuracy {summary['accuracy']:.3f}" if "accuracy" in summary else ""
        print(f"done: {summary['steps']} steps, train loss {summary['train_loss']:.4g}, "
              f"validation loss {summary['val_loss']:.4g}{acc}", file=out)
    if trainer.diverged is not None:
        print(f"nnsim: {trainer.diverged.message} {trainer.diverged.advice}", file=sys.stderr)
        return EXIT_DIVERGED
    return EXIT_OK


def cmd_validate(args) -> int:
    from .data import DataError
    from .spec import DataShape, ProjectError, validate
    from .training import load_dataset

    try:
        project = _load(args.project, None)
        ds = load_dataset(project.dataset)
    except (ProjectError, DataError) as e:
        return _fail(str(e))
    v = validate(project, DataShape.of(ds))
    if not v.ok:
        return _fail("The network is not valid:\n  " + "\n  ".join(v.messages()))
    print(f"{project.name}: valid, {v.n_params} parameters")
    for nid in v.order:
        print(f"  {nid:<16} {project.node(nid).type:<12} -> {v.shapes[nid]}")
    return EXIT_OK


def cmd_export(args) -> int:
    """Write the project as a self-contained PyTorch script (optionally trained first)."""
    from pathlib import Path

    from .data import DataError
    from .export import export_pytorch_to_file
    from .spec import ProjectError, SpecError
    from .training import Trainer, load_dataset

    src = Path(args.project)
    out = Path(args.output) if args.output else Path(src.stem + "_pytorch.py")
    if out.is_dir():
        out = out / (src.stem + "_pytorch.py")
    if out.suffix != ".py":
        return _fail(f"the output must be a Python file ending in .py, not {out.name}")
    if not out.parent.is_dir():
        return _fail(f"cannot write {out}: the folder {out.parent} does not exist")
    try:
        if out.resolve() == src.resolve():
            return _fail("the output would overwrite the project file: choose another -o")
    except OSError:
        pass
    try:
        project = _load(args.project, None)
        weights = None
        if args.train_steps:
            trainer = Trainer(project)
            print(f"training {project.name} for {args.train_steps} steps with nnsim ...",
                  file=sys.stderr)
            trainer.run(args.train_steps)
            if trainer.diverged is not None:
                print(f"nnsim: {trainer.diverged.message} {trainer.diverged.advice}",
                      file=sys.stderr)
                return EXIT_DIVERGED
            s = trainer.summary()
            acc = f", validation accuracy {s['accuracy']:.3f}" if "accuracy" in s else ""
            print(f"trained: validation loss {s['val_loss']:.4g}{acc}", file=sys.stderr)
            dataset, weights = trainer.dataset, trainer.net.state_dict()
        else:
            dataset = load_dataset(project.dataset)
        files = export_pytorch_to_file(project, out, dataset, weights, source=src.name)
    except (ProjectError, DataError) as e:
        return _fail(str(e))
    except SpecError as e:
        return _fail("The network cannot be exported:\n  " + "\n  ".join(
            p.message for p in e.problems))
    except OSError as e:
        return _fail(f"cannot write {out}: {e.strerror or e}")
    for f in files:
        print(f)
    return EXIT_OK


def cmd_desktop(args) -> int:
    """Install (or print) the desktop entry and icon for the current user."""
    import shutil
    from pathlib import Path

    from .paths import resource_path

    entry = resource_path("desktop", "nnsim.desktop").read_text(encoding="utf-8")
    exe = shutil.which("nnsim") or f"{sys.executable} -m nnsim"
    entry = entry.replace("Exec=nnsim %f", f"Exec={exe} %f")
    if not args.install:
        print(entry, end="")
        return EXIT_OK
    share = Path(args.prefix).expanduser() if args.prefix else Path.home() / ".local" / "share"
    apps, icons = share / "applications", share / "icons" / "hicolor" / "scalable" / "apps"
    try:
        apps.mkdir(parents=True, exist_ok=True)
        icons.mkdir(parents=True, exist_ok=True)
        (apps / "nnsim.desktop").write_text(entry, encoding="utf-8")
        shutil.copyfile(resource_path("desktop", "nnsim.svg"), icons / "nnsim.svg")
    except OSError as e:
        return _fail(f"could not install the desktop entry: {e.strerror or e}")
    print(f"installed {apps / 'nnsim.desktop'} and {icons / 'nnsim.svg'}")
    return EXIT_OK


def cmd_gui(args, rest) -> int:
    from .ui.app import main as gui_main

    return gui_main(rest)


def _fail(message: str) -> int:
    print(f"nnsim: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="nnsim",
        description="A neural-network simulator: draw a network, train it with nnsim's own "
                    "NumPy engine, watch it learn. With no command, opens the app.",
        epilog="app: nnsim [PROJECT.json] [--screenshot PATH [--train-seconds N]]  "
               "(--screenshot trains N seconds, default 5, saves the window as PNG and exits; "
               "it works without a display)",
    )
    p.add_argument("--version", action="version", version=f"nnsim {__version__}")
    sub = p.add_subparsers(dest="command")
    t = sub.add_parser("train", help="train a project headless and print progress")
    t.add_argument("project", help="a project file (.json)")
    g = t.add_mutually_exclusive_group()
    g.add_argument("--steps", type=int, help="mini-batch steps to train (default: the project's)")
    g.add_argument("--epochs", type=int, help="passes over the training set")
    t.add_argument("--seed", type=int, help="override the project's seed")
    t.add_argument("--json", action="store_true", help="one JSON object per line")
    v = sub.add_parser("validate", help="check a project and print its layer shapes")
    v.add_argument("project")
    e = sub.add_parser("export", help="write the project as a self-contained PyTorch script")
    e.add_argument("project", help="a project file (.json)")
    e.add_argument("-o", "--output", metavar="OUT.py",
                   help="the script to write (default: PROJECT_pytorch.py here)")
    e.add_argument("--train-steps", type=int, default=0, metavar="N",
                   help="train N steps with nnsim first, so the script carries trained weights")
    d = sub.add_parser("desktop", help="print or install the desktop entry and icon")
    d.add_argument("--install", action="store_true",
                   help="write them under ~/.local/share (or --prefix)")
    d.add_argument("--prefix", help="a share folder other than ~/.local/share")
    sub.add_parser("gui", help="open the app (the default)", add_help=False)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or argv[0] not in ("train", "validate", "export", "desktop", "-h", "--help",
                                   "--version"):
        rest = argv[1:] if argv and argv[0] == "gui" else argv
        return cmd_gui(None, rest)
    args = parser.parse_args(argv)
    for name in ("steps", "epochs"):
        val = getattr(args, name, None)
        if val is not None and val < 1:
            return _fail(f"--{name} must be at least 1")
    if getattr(args, "train_steps", 0) < 0:
        return _fail("--train-steps must be 0 (no training) or more")
    try:
        if args.command == "train":
            return cmd_train(args)
        if args.command == "validate":
            return cmd_validate(args)
        if args.command == "desktop":
            return cmd_desktop(args)
        if args.command == "export":
            return cmd_export(args)
    except KeyboardInterrupt:
        print("nnsim: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        return _fail("not enough memory for this network and data set: make them smaller")
    except Exception as e:  # a bug of ours: say so in one line, not a traceback
        print(f"nnsim: internal error ({type(e).__name__}: {e}). Please report it.",
              file=sys.stderr)
        return 1
    parser.print_help()
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
