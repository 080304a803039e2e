"""Training speed of nnsim's NumPy engine against PyTorch (CPU) on the same small MLPs.

One training step is: take the next minibatch slice of a fixed random data set, forward, loss,
backward, and one plain SGD update. Both sides run the same model, batch size and dtype
(float32), one thread each (``torch.set_num_threads(1)`` and every BLAS/OpenMP pool limited to
one thread with threadpoolctl, as the app's trainer does). Timing alternates between the two
sides round by round so that a noisy neighbour on a shared machine hurts both alike; each
figure is the median steps/second over the rounds. Time is this process's CPU time by default
(both sides run on one thread, so it is their work; elapsed time on a busy 2-core machine mostly
measures the neighbours); ``--clock wall`` measures elapsed time instead.

    .venv/bin/python bench/bench_mlp.py              # both models, environment as it is
    .venv/bin/python bench/bench_mlp.py --rounds 9   # more rounds, steadier medians
    .venv/bin/python bench/bench_mlp.py --no-env-compare

When ``OPENBLAS_CORETYPE`` or ``OPENBLAS_L2_SIZE`` is set, the script also reruns itself in a
subprocess with both removed and prints that figure as a second, secondary table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from nnsim.engine.layers import Dense  # noqa: E402
from nnsim.engine.network import Network  # noqa: E402
from nnsim.engine.optim import make_optimizer  # noqa: E402

OPENBLAS_VARS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")

#: name, layer sizes, activation, batch size, steps per timed round, target ratio (ours / torch)
MODELS = [
    ("a", "MLP 2-16-16-2 tanh", (2, 16, 16, 2), "tanh", 32, 4000, 5.0),
    ("b", "MLP 784-256-128-10 relu", (784, 256, 128, 10), "relu", 128, 150, 1.2),
]
N_SAMPLES = 4096
LR = 0.01


def make_data(sizes, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N_SAMPLES, sizes[0])).astype(np.float32)
    y = rng.integers(0, sizes[-1], size=N_SAMPLES)
    return x, y


def engine_stepper(sizes, act, batch, x, y):
    layers = [Dense(n, act) for n in sizes[1:-1]] + [Dense(sizes[-1])]
    net = Network.sequential((sizes[0],), layers, loss="cross_entropy", seed=0, dtype="float32")
    opt = make_optimizer("sgd", net, learning_rate=LR)
    n_batches = len(x) // batch
    xs = [x[i * batch:(i + 1) * batch] for i in range(n_batches)]
    ys = [y[i * batch:(i + 1) * batch] for i in range(n_batches)]

    def run(steps):
        loss = 0.0
        for s in range(steps):
            k = s % n_batches
            loss = net.compute_gradients(xs[k], ys[k])
            opt.step()
        return loss

    return run


def torch_stepper(torch, sizes, act, batch, x, y):
    torch.manual_seed(0)
    mods = []
    for i in range(len(sizes) - 1):
        mods.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            mods.append(torch.nn.Tanh() if act == "tanh" else torch.nn.ReLU())
    model = torch.nn.Sequential(*mods)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    n_batches = len(x) // batch
    tx, ty = torch.from_numpy(x), torch.from_numpy(y)
    xs = [tx[i * batch:(i + 1) * batch] for i in range(n_batches)]
    ys = [ty[i * batch:(i + 1) * batch] for i in range(n_batches)]

    def run(steps):
        loss = 0.0
        for s in range(steps):
            k = s % n_batches
            opt.zero_grad()
            out = model(xs[k])
            l = loss_fn(out, ys[k])
            l.backward()
            opt.step()
            loss = l.item()  # the engine returns the loss as a float every step too
        return loss

    return run


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


def timed(run, steps):
    t0 = clock()
    run(steps)
    return steps / (clock() - t0)


def measure(torch, rounds, scale, only=None):
    """{model key: (ours steps/s, torch steps/s)}, medians over interleaved rounds."""
    results = {}
    for key, title, sizes, act, batch, steps, _target in MODELS:
        if only and key not in only:
            continue
        steps = max(1, int(steps * scale))
        x, y = make_data(sizes)
        ours = engine_stepper(sizes, act, batch, x, y)
        theirs = torch_stepper(torch, sizes, act, batch, x, y)
        ours(steps // 4 + 1)  # warm up: buffers, caches, torch's lazy init
        theirs(steps // 4 + 1)
        a, b = [], []
        for r in range(rounds):
            order = (ours, theirs) if r % 2 == 0 else (theirs, ours)
            for fn in order:
                (a if fn is ours else b).append(timed(fn, steps))
        results[key] = (statistics.median(a), statistics.median(b))
    return results


def print_table(results, header):
    print(header)
    print(f"  {'model':<30}{'batch':>6}{'nnsim steps/s':>15}{'torch steps/s':>15}{'ratio':>8}"
          f"{'target':>8}")
    for key, title, sizes, act, batch, steps, target in MODELS:
        if key not in results:
            continue
        ours, theirs = results[key]
        ratio = ours / theirs
        mark = "ok" if ratio >= target else "below"
        print(f"  ({key}) {title:<26}{batch:>6}{ours:>15,.0f}{theirs:>15,.0f}{ratio:>7.2f}x"
              f"{target:>6.1f}x {mark}")


def blas_kernels():
    return ", ".join(
        f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture', '-')}, "
        f"{i.get('num_threads')} thr)"
        for i in threadpool_info()
    )


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rounds", type=int, default=7, help="interleaved timing rounds (median)")
    p.add_argument("--scale", type=float, default=1.0, help="multiply the steps per round")
    p.add_argument("--only", default="", help="model keys to run, e.g. 'a' or 'ab'")
    p.add_argument("--clock", choices=sorted(CLOCKS), default="cpu",
                   help="cpu: this process's CPU time (steady on a shared machine); wall: elapsed")
    p.add_argument("--no-env-compare", action="store_true",
                   help="do not rerun with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE unset")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    global clock
    clock = CLOCKS[args.clock]

    try:
        import torch
    except ImportError:
        print("bench_mlp: PyTorch is not installed; skipping the comparison "
              "(pip install -e '.[bench]' brings the CPU wheel).")
        return 0

    torch.set_num_threads(1)
    with threadpool_limits(limits=1):
        if not args.child:
            print(f"nnsim engine vs PyTorch {torch.__version__} (CPU), float32, plain SGD, "
                  f"loss read every step")
            print("threads: torch.set_num_threads(1); NumPy BLAS and OpenMP limited to 1 thread "
                  "(threadpoolctl), as in the app's trainer")
            print(f"numpy {np.__version__}; pools: {blas_kernels()}")
            env = {k: os.environ[k] for k in OPENBLAS_VARS if k in os.environ}
            print(f"environment: {env or 'no OPENBLAS_* variables set'}")
            what = ("this process's CPU time; both sides single-threaded" if args.clock == "cpu"
                    else "elapsed time")
            print(f"median of {args.rounds} interleaved rounds; clock: {what}\n")
        kernels = blas_kernels()
        results = measure(torch, args.rounds, args.scale, args.only or None)

    if args.child:
        print_table(results, f"with {' and '.join(OPENBLAS_VARS)} unset (pools: {kernels}):")
        return 0
    print_table(results, "environment as is (primary figure):")
    if not args.no_env_compare and any(k in os.environ for k in OPENBLAS_VARS):
        print()
        sys.stdout.flush()
        env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_VARS}
        cmd = [sys.executable, __file__, "--child", "--rounds", str(args.rounds),
               "--scale", str(args.scale), "--only", args.only, "--clock", args.clock]
        subprocess.run(cmd, env=env, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
