"""Training speed of the engine's recurrent layers against PyTorch CPU, side by side.

One training step = forward + backward + SGD update, on a recurrent layer with a Linear/Dense head
reading the last hidden state and an MSE loss (the same model on both sides). Both run
single-threaded (``torch.set_num_threads(1)``; NumPy's BLAS limited to one thread with
threadpoolctl) so the figure compares the implementations, not the thread pools. Rounds of the two
are interleaved and the median of the rounds is reported, with the ratio engine / PyTorch.

Run: ``.venv/bin/python bench/bench_recurrent.py [--rounds N] [--steps N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from nnsim.engine import Dense, Network, make_optimizer  # noqa: E402
from nnsim.engine.recurrent import LSTM, SimpleRNN  # noqa: E402

N_IN = 8
LR = 0.01

CASES = [
    # name, kind, hidden, time steps, batch, dtype, target ratio (engine / torch)
    ("RNN  h64  T100 B16 float32", "rnn", 64, 100, 16, "float32", 3.0),
    ("LSTM h32  T50  B32 float32", "lstm", 32, 50, 32, "float32", 0.7),
    ("LSTM h32  T50  B32 float64", "lstm", 32, 50, 32, "float64", 2.0),
]


def engine_step_fn(kind, hidden, T, B, dtype):
    layer = SimpleRNN(hidden) if kind == "rnn" else LSTM(hidden)
    net = Network.sequential(input_shape=(T, N_IN), layers=[layer, Dense(1)], loss="mse",
                             seed=0, dtype=dtype)
    opt = make_optimizer("sgd", net, learning_rate=LR)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(B, T, N_IN)).astype(dtype)
    y = rng.normal(size=(B, 1)).astype(dtype)

    def step():
        net.compute_gradients(x, y)
        opt.step()

    return step


def torch_step_fn(torch, kind, hidden, T, B, dtype):
    tdtype = getattr(torch, dtype)
    torch.manual_seed(0)
    cls = torch.nn.RNN if kind == "rnn" else torch.nn.LSTM
    rnn = cls(N_IN, hidden, batch_first=True).to(tdtype)
    head = torch.nn.Linear(hidden, 1).to(tdtype)
    opt = torch.optim.SGD(list(rnn.parameters()) + list(head.parameters()), lr=LR)
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(B, T, N_IN, generator=gen, dtype=tdtype)
    y = torch.randn(B, 1, generator=gen, dtype=tdtype)
    mse = torch.nn.functional.mse_loss

    def step():
        opt.zero_grad(set_to_none=False)
        out, _ = rnn(x)
        loss = mse(head(out[:, -1]), y)
        loss.backward()
        opt.step()

    return step


def steps_per_second(step, n):
    t = time.perf_counter()
    for _ in range(n):
        step()
    return n / (time.perf_counter() - t)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=7, help="interleaved rounds (median reported)")
    ap.add_argument("--seconds", type=float, default=0.5, help="rough length of one round")
    args = ap.parse_args(argv)

    try:
        import torch
    except ImportError:
        print("bench_recurrent: PyTorch is not installed, so there is nothing to compare with; "
              "skipped. (pip install '.[bench]' installs the CPU build.)")
        return 0
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        threadpool_limits = None

    torch.set_num_threads(1)
    limiter = threadpool_limits(limits=1) if threadpool_limits else None
    print(f"nnsim recurrent layers vs PyTorch {torch.__version__} CPU")
    print("single-threaded: torch.set_num_threads(1); NumPy BLAS limited to 1 thread "
          + ("(threadpoolctl)" if limiter else "(threadpoolctl missing: NOT limited)"))
    print(f"numpy {np.__version__}; OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '-')}")
    print("one step = forward + backward + SGD update; recurrent layer -> Linear(1) on the last "
          f"state, MSE; {N_IN} input features; median of {args.rounds} interleaved rounds\n")
    print(f"{'case':28s} {'engine step/s':>14s} {'torch step/s':>13s} {'ratio':>7s} "
          f"{'target':>7s}")
    ok = True
    for name, kind, hidden, T, B, dtype, target in CASES:
        ours = engine_step_fn(kind, hidden, T, B, dtype)
        theirs = torch_step_fn(torch, kind, hidden, T, B, dtype)
        # warm up, and size a round to about args.seconds for each side
        n = {}
        for key, fn in (("engine", ours), ("torch", theirs)):
            for _ in range(3):
                fn()
            rate = steps_per_second(fn, 5)
            n[key] = max(3, int(rate * args.seconds))
        rates = {"engine": [], "torch": []}
        for _ in range(args.rounds):
            rates["engine"].append(steps_per_second(ours, n["engine"]))
            rates["torch"].append(steps_per_second(theirs, n["torch"]))
        e, t = statistics.median(rates["engine"]), statistics.median(rates["torch"])
        ratio = e / t
        met = ratio >= target
        ok &= met
        print(f"{name:28s} {e:14.1f} {t:13.1f} {ratio:6.2f}x {target:5.1f}x "
              f"{'met' if met else 'MISSED'}")
    if limiter is not None:
        limiter.restore_original_limits()
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
