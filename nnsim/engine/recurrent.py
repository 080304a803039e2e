"""Recurrent layers, trained by backpropagation through time (BPTT): ``SimpleRNN`` and ``LSTM``.

Both read sequences ``x: (batch, time, n_in)`` and return the last hidden state
``(batch, units)`` or, with ``return_sequences=True``, every hidden state ``(batch, time, units)``;
so they stack (RNN -> LSTM, LSTM -> LSTM) and feed ``Dense``. The initial state is zero.

SimpleRNN (the seed's RNN: one tanh layer repeated)::

    z_t = x_t Wx + h_{t-1} Wh + b,   h_t = tanh(z_t)

LSTM, exactly as the seed notes write it (W_* . [h_{t-1}, x_t] split into an input part ``Wx``
and a recurrent part ``Wh``)::

    f_t  = sigmoid(W_f . [h_{t-1}, x_t] + b_f)       forget gate
    i_t  = sigmoid(W_i . [h_{t-1}, x_t] + b_i)       input gate
    C~_t = tanh   (W_C . [h_{t-1}, x_t] + b_C)       candidate ("g")
    o_t  = sigmoid(W_o . [h_{t-1}, x_t] + b_o)       output gate
    C_t  = f_t * C_{t-1} + i_t * C~_t
    h_t  = o_t * tanh(C_t)

Parameters: ``Wx (n_in, 4u)``, ``Wh (u, 4u)``, ``b (4u,)``, the four gates side by side in the
order ``LSTM.GATES = ("forget", "input", "candidate", "output")``; ``lstm.gate_slice("forget")``
is the column slice of one gate. ``b_f`` starts at ``forget_bias`` (1.0; 0 shows the classic
failure to remember).

Truncated BPTT (``bptt_steps=k > 0``): the sequence is cut into windows of ``k`` steps counted
back from the last one (the last window is ``[T-k, T)``, then ``[T-2k, T-k)``, ...). Backward
treats the state handed from one window to the next as a constant (as if detached), so no
gradient crosses a window boundary; the forward pass is unchanged. With
``return_sequences=False`` only the last window receives any gradient: backprop runs through
the last ``k`` steps only (and is ``k/T`` of the cost). ``k >= T`` is full BPTT.

Instrumentation (``self.trace``, references to the buffers the math uses anyway; copy to keep):

- SimpleRNN: ``h``, ``z`` ``(batch, time, units)``; after backward ``dz`` (the seed's error term
  ``delta_t = dL/dz_t``).
- LSTM: ``gates`` ``(batch, time, 4, units)`` in ``GATES`` order (``gate_trace("forget")`` gives
  one gate ``(batch, time, units)``), ``c`` and ``h`` ``(batch, time, units)``, ``tanh_c``; after
  backward ``dz`` ``(batch, time, 4, units)``, each gate's error term ``dL/dz``.
- After backward: ``dh_norm`` ``(time,)``, ``||dL/dh_t||`` over the batch: the whole gradient
  reaching the hidden state at step t, from the output and from step t+1 (the vanishing
  gradient through time, made visible); LSTM also ``dc_norm`` for the cell state.
- ``LSTM.gate_grad_norms()``: per gate, the norm of its columns of ``dL/dWx`` and ``dL/dWh``.
- ``layer.probe(x_seq)`` and ``probe_network(net, x_seq)``: one sequence forward, returned as
  ``(units, time)`` copies for heatmaps, without disturbing the last training pass.

Speed. NumPy costs about a microsecond per call and these layers are small, so the work is
arranged to minimise calls, every one writing into a buffer kept per (batch, time) shape:

- Buffers are time-major, so a step's slice is contiguous. SimpleRNN keeps ``(time, batch,
  units)``; the LSTM keeps each step unit-major, ``(time, units, batch)``, so that each gate's
  block of a step (``g[t, k*u:(k+1)*u]``) is contiguous too.
- The input projections of all steps are one matmul (the LSTM appends a row of ones to the input
  so the bias rides along); per step there is one matmul for the recurrent term.
- One ``exp`` evaluates all four LSTM gates: ``sigmoid(z) = 1 / (1 + exp(-z))`` and
  ``tanh(z) = 2 sigmoid(2z) - 1``, with the ``-1`` / ``-2`` factors folded into scaled copies of
  the weights made once per forward; so a step's gates are exp, add, reciprocal, and two calls to
  turn the candidate's ``sigmoid(2z)`` into ``tanh(z)`` (``exp`` is cheaper than ``tanh`` here,
  by a third in float32 and by half in float64).
- Backward precomputes, for all steps at once, everything that does not depend on the gradient
  flowing back (gate derivatives times what each gate multiplies), leaving about six calls per
  step. The weight gradients come after the loop over time: SimpleRNN ``dWx = X^T dZ`` and
  ``dWh = H_prev^T dZ`` as one matmul each over every step; the LSTM one batched matmul over the
  steps and a sum over time for each.
- The gradient norms through time are one ``einsum`` over the gradients backward keeps anyway.

``bench/bench_recurrent.py`` measures all this against PyTorch's CPU ``nn.RNN``/``nn.LSTM``.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from .init import INITIALISERS, initialise
from .layers import Layer

RECURRENT_INITIALISERS = ("orthogonal", "identity") + INITIALISERS


def _orthogonal(n: int, rng: np.random.Generator) -> np.ndarray:
    """A random orthogonal ``(n, n)`` matrix (Saxe et al. 2014): QR of a Gaussian matrix, with
    the signs fixed so the draw is uniform over the orthogonal group."""
    q, r = np.linalg.qr(rng.normal(0.0, 1.0, size=(n, n)))
    return q * np.sign(np.diag(r))


def _recurrent_init(name: str, n: int, rng, dtype, scale: float = 0.1) -> np.ndarray:
    """An ``(n, n)`` recurrent matrix: ``orthogonal`` (every singular value 1: the state neither
    grows nor shrinks through the linear part), ``identity`` (IRNN, Le et al. 2015) or any
    initialiser of ``nnsim.engine.init``."""
    if name == "orthogonal":
        w = _orthogonal(n, rng)
    elif name == "identity":
        w = np.eye(n)
    elif name in INITIALISERS:
        w = initialise(name, (n, n), n, n, rng, np.float64, scale)
    else:
        raise ValueError(
            f"unknown recurrent initialiser {name!r}; choose one of {', '.join(RECURRENT_INITIALISERS)}"
        )
    return w.astype(dtype, copy=False)


class _Workspace:
    """Every buffer of one (batch, time) shape, and the per-step views into them."""

    def __init__(self, **arrays):
        self.__dict__.update(arrays)


class Recurrent(Layer):
    """What SimpleRNN and LSTM share: sequence shapes, truncation windows, probing."""

    type_name = "Recurrent"

    def __init__(self, units: int, return_sequences: bool = False, bptt_steps: int = 0,
                 name: str | None = None):
        super().__init__(name)
        self.units = int(units)
        if self.units < 1:
            raise ValueError("units must be at least 1")
        self.return_sequences = bool(return_sequences)
        self.bptt_steps = int(bptt_steps)
        if self.bptt_steps < 0:
            raise ValueError("bptt_steps must be 0 (full BPTT) or a positive number of steps")
        self._ws: dict[tuple[int, int], _Workspace] = {}
        self._last: _Workspace | None = None

    def _build(self, in_shapes, rng):
        shape = in_shapes[0]
        if len(shape) != 2:
            raise ValueError(
                f"{type(self).__name__} takes sequences (batch, time, features); got input shape "
                f"(batch, {', '.join(map(str, shape))})"
            )
        self.n_in = int(shape[-1])
        self._ws = {}
        self._last = None
        if self.return_sequences:
            return (shape[0], self.units)
        return (self.units,)

    # -- helpers shared by both layers ------------------------------------------------------------
    def _workspace(self, B: int, T: int) -> _Workspace:
        ws = self._ws.get((B, T))
        if ws is None:
            if len(self._ws) > 8:  # many shapes seen: start over rather than grow
                self._ws.clear()
            ws = self._ws[(B, T)] = self._make_workspace(B, T)
        return ws

    def _time_major(self, x: np.ndarray, ws: _Workspace) -> np.ndarray:
        """x (batch, time, n_in) as (time, batch, n_in), without a copy when x already is a
        transposed time-major array (the output of a recurrent layer below)."""
        xt = x.transpose(1, 0, 2)
        if xt.flags.c_contiguous:
            return xt
        np.copyto(ws.xt, xt)
        return ws.xt

    def _window_start(self, T: int) -> int:
        """First step that receives any gradient (later than 0 only when truncation leaves the
        early steps of a last-state-only layer out of backward altogether)."""
        k = self.bptt_steps
        if k <= 0 or k >= T:
            return 0
        return T - k if not self.return_sequences else 0

    def _cut(self, t: int, T: int) -> bool:
        """True when no gradient flows from step t+1 back into step t."""
        k = self.bptt_steps
        return t == T - 1 or (0 < k < T and (T - (t + 1)) % k == 0)

    def _output(self, H: np.ndarray) -> np.ndarray:
        """H: (T+1, B, u) with H[0] the initial state -> the layer's output."""
        if self.return_sequences:
            return H[1:].transpose(1, 0, 2)
        return H[-1]

    # -- probing ------------------------------------------------------------------------------------
    def probe(self, x_seq) -> dict[str, np.ndarray]:
        """Run one sequence ``(time, n_in)`` or ``(1, time, n_in)`` through this layer alone and
        return copies ``{name: (units, time)}``; the trace and buffers of the last training pass
        are left as they were."""
        x = np.asarray(x_seq, dtype=self.dtype)
        if x.ndim == 2:
            x = x[None]
        if x.ndim != 3 or x.shape[0] != 1:
            raise ValueError(f"probe takes one sequence (time, features); got shape {x.shape}")
        with _isolated([self]):
            self._fwd([x], False)
            return self._probe_dict()

    def _probe_dict(self) -> dict[str, np.ndarray]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _check_input(self, x):
        if x.ndim != 3 or x.shape[2] != self.n_in:
            raise ValueError(
                f"{self.name}: expected input (batch, time, {self.n_in}), got {x.shape}"
            )


class SimpleRNN(Recurrent):
    """Elman RNN ``h_t = tanh(x_t Wx + h_{t-1} Wh + b)``; see the module docstring.

    ``init`` draws ``Wx (n_in, units)`` (default xavier); ``recurrent_init`` draws
    ``Wh (units, units)``: ``orthogonal`` by default (all singular values 1, so at the start the
    gradient through time is shaped by tanh' alone, not by a random matrix's spectrum),
    ``identity`` or any initialiser of ``nnsim.engine.init``; ``b`` starts at 0.
    """

    type_name = "SimpleRNN"

    def __init__(self, units: int, return_sequences: bool = False, init: str = "xavier",
                 recurrent_init: str = "orthogonal", bptt_steps: int = 0, init_scale: float = 0.1,
                 name: str | None = None):
        super().__init__(units, return_sequences, bptt_steps, name)
        self.init = init
        self.recurrent_init = recurrent_init
        self.init_scale = float(init_scale)
        if recurrent_init not in RECURRENT_INITIALISERS:
            raise ValueError(
                f"unknown recurrent initialiser {recurrent_init!r}; choose one of "
                f"{', '.join(RECURRENT_INITIALISERS)}"
            )

    def _param_shapes(self):
        u = self.units
        return {"Wx": (self.n_in, u), "Wh": (u, u), "b": (u,)}

    def _init_params(self, rng):
        u = self.units
        self.params["Wx"][...] = initialise(self.init, (self.n_in, u), self.n_in, u, rng,
                                            self.dtype, self.init_scale)
        self.params["Wh"][...] = _recurrent_init(self.recurrent_init, u, rng, self.dtype,
                                                 self.init_scale)
        self.params["b"][...] = 0.0

    def _make_workspace(self, B, T):
        u, n, buf = self.units, self.n_in, self._buf
        z = buf("z", (T, B, u))             # pre-activations z_t
        h = buf("h", (T + 1, B, u))         # h[0] = initial state, h[t+1] = h_t
        dh = buf("dh", (T, B, u))           # dL/dh_t, total
        dz = buf("dz", (T, B, u))           # dL/dz_t, the error term delta_t
        d = buf("dtanh", (T, B, u))         # tanh'(z_t) = 1 - h_t^2
        return _Workspace(
            z=z, h=h, dh=dh, dz=dz, d=d, xt=buf("xt", (T, B, n)), dx=buf("dx", (T, B, n)),
            tmp=buf("tmp", (B, u)), wht=buf("wht", (u, u)), norm=buf("dh_norm", (T,)),
            steps=[(z[t], h[t], h[t + 1], dh[t], dz[t], d[t]) for t in range(T)],
        )

    def _fwd(self, xs, training):
        x = xs[0]
        self._check_input(x)
        B, T, n = x.shape
        u = self.units
        ws = self._workspace(B, T)
        P = self.params
        Wh = P["Wh"]
        xt = self._time_major(x, ws)
        z, h, tmp = ws.z, ws.h, ws.tmp
        np.dot(xt.reshape(T * B, n), P["Wx"], out=z.reshape(T * B, u))
        z += P["b"]
        h[0].fill(0.0)
        steps = ws.steps
        np.tanh(z[0], out=h[1])
        for t in range(1, T):
            zt, hprev, ht = steps[t][:3]
            np.dot(hprev, Wh, out=tmp)
            zt += tmp
            np.tanh(zt, out=ht)
        ws.x = xt
        self._last = ws
        tr = self.trace
        tr["h"] = h[1:].transpose(1, 0, 2)
        tr["z"] = z.transpose(1, 0, 2)
        return self._output(h)

    def _bwd(self, dy):
        ws = self._last
        T, B, u = ws.z.shape
        n = self.n_in
        P, G = self.params, self.grads
        WhT = ws.wht
        np.copyto(WhT, P["Wh"].T)  # a contiguous Wh^T: BLAS is quicker on it than on a view
        t0 = self._window_start(T)
        h, dh, dz, d, steps = ws.h, ws.dh, ws.dz, ws.d, ws.steps
        # tanh'(z) = 1 - h^2 for every step at once
        hs = h[t0 + 1:]
        np.multiply(hs, hs, out=d[t0:])
        np.subtract(1.0, d[t0:], out=d[t0:])
        seq = self.return_sequences
        dyt = dy.transpose(1, 0, 2) if seq else None
        if t0:  # steps before the last window get no gradient at all
            dh[:t0].fill(0.0)
            dz[:t0].fill(0.0)
        for t in range(T - 1, t0 - 1, -1):
            _, _, _, dht, dzt, dt = steps[t]
            if self._cut(t, T):
                np.copyto(dht, dyt[t] if seq else dy)
            else:
                np.dot(dz[t + 1], WhT, out=dht)
                if seq:
                    dht += dyt[t]
            np.multiply(dht, dt, out=dzt)
        # weight gradients: one matmul each over all steps
        dz2 = dz[t0:].reshape(-1, u)
        np.dot(ws.x[t0:].reshape(-1, n).T, dz2, out=G["Wx"])
        np.dot(h[t0:T].reshape(-1, u).T, dz2, out=G["Wh"])
        np.sum(dz2, axis=0, out=G["b"])
        np.sqrt(np.einsum("tbu,tbu->t", dh, dh, out=ws.norm), out=ws.norm)
        self.trace["dh_norm"] = ws.norm
        self.trace["dz"] = dz.transpose(1, 0, 2)
        if not self.need_dx:
            return [None]
        dx = ws.dx
        np.dot(dz2, P["Wx"].T, out=dx[t0:].reshape(-1, n))
        if t0:
            dx[:t0].fill(0.0)
        return [dx.transpose(1, 0, 2)]

    def _probe_dict(self):
        return {"hidden": np.array(self.trace["h"][0].T, copy=True)}

    def describe(self):
        return f"SimpleRNN {self.units}" + (" seq" if self.return_sequences else "")


# Gate columns inside the 4u-wide blocks: forget, input, candidate (g), output.
_F, _I, _G, _O = range(4)


class LSTM(Recurrent):
    """Long short-term memory (Hochreiter & Schmidhuber 1997) as the seed writes it; see the
    module docstring for the equations, the parameter layout and the instrumentation.

    ``init`` draws ``Wx`` gate by gate (default xavier with fan_in n_in, fan_out units);
    ``recurrent_init`` draws each gate's ``(units, units)`` block of ``Wh`` (orthogonal by
    default); ``b`` is 0 except ``b_f = forget_bias``.
    """

    type_name = "LSTM"
    GATES = ("forget", "input", "candidate", "output")
    _GATE_ALIASES = {"f": 0, "i": 1, "g": 2, "c": 2, "o": 3}

    def __init__(self, units: int, return_sequences: bool = False, forget_bias: float = 1.0,
                 init: str = "xavier", bptt_steps: int = 0, recurrent_init: str = "orthogonal",
                 init_scale: float = 0.1, name: str | None = None):
        super().__init__(units, return_sequences, bptt_steps, name)
        self.forget_bias = float(forget_bias)
        self.init = init
        self.recurrent_init = recurrent_init
        self.init_scale = float(init_scale)
        if recurrent_init not in RECURRENT_INITIALISERS:
            raise ValueError(
                f"unknown recurrent initialiser {recurrent_init!r}; choose one of "
                f"{', '.join(RECURRENT_INITIALISERS)}"
            )

    # -- gates by name ----------------------------------------------------------------------------
    @classmethod
    def gate_index(cls, name: str) -> int:
        if name in cls.GATES:
            return cls.GATES.index(name)
        if name in cls._GATE_ALIASES:
            return cls._GATE_ALIASES[name]
        raise ValueError(f"unknown gate {name!r}; choose one of {', '.join(cls.GATES)}")

    def gate_slice(self, name: str) -> slice:
        """Columns of ``Wx``, ``Wh`` and ``b`` that belong to gate ``name``."""
        k, u = self.gate_index(name), self.units
        return slice(k * u, (k + 1) * u)

    def gate_trace(self, name: str) -> np.ndarray:
        """One gate's activations of the last pass, ``(batch, time, units)`` (a view)."""
        return self.trace["gates"][:, :, self.gate_index(name)]

    def gate_grad_norms(self) -> dict[str, float]:
        """``{gate: ||(dL/dWx, dL/dWh) restricted to the gate's columns||}`` of the last backward."""
        out = {}
        for name in self.GATES:
            s = self.gate_slice(name)
            gx, gh = self.grads["Wx"][:, s], self.grads["Wh"][:, s]
            out[name] = float(np.sqrt(np.vdot(gx, gx) + np.vdot(gh, gh)))
        return out

    # -- Layer protocol ---------------------------------------------------------------------------
    def _build(self, in_shapes, rng):
        out = super()._build(in_shapes, rng)
        u = self.units
        # Scaled, negated weights turn the pre-activations into exp's argument directly:
        # sigmoid(z) = 1 / (1 + exp(-z)) and tanh(z) = 2 sigmoid(2z) - 1, so -s z with s = 1 on
        # the three sigmoid gates and s = 2 on the candidate. One exp, one add and one
        # reciprocal then evaluate all four gates (cheaper than tanh, in float64 by half).
        ns = np.full((4 * u, 1), -1.0, dtype=self.dtype)
        ns[_G * u:(_G + 1) * u] = -2.0
        self._neg_scale = ns
        # float64 tanh costs three times exp here: tanh(c) via exp too (float32 keeps np.tanh)
        self._tanh_by_exp = self.dtype == np.float64
        return out

    def _param_shapes(self):
        u = self.units
        return {"Wx": (self.n_in, 4 * u), "Wh": (u, 4 * u), "b": (4 * u,)}

    def _init_params(self, rng):
        u, n = self.units, self.n_in
        Wx, Wh, b = self.params["Wx"], self.params["Wh"], self.params["b"]
        for k in range(4):
            cols = slice(k * u, (k + 1) * u)
            Wx[:, cols] = initialise(self.init, (n, u), n, u, rng, self.dtype, self.init_scale)
            Wh[:, cols] = _recurrent_init(self.recurrent_init, u, rng, self.dtype, self.init_scale)
        b[...] = 0.0
        b[self.gate_slice("forget")] = self.forget_bias

    def _make_workspace(self, B, T):
        # Unit-major buffers: a step is (rows = units, columns = batch), so each gate's block of
        # a step is contiguous ``g[t, k*u:(k+1)*u]`` and elementwise calls never stride.
        u, n, buf = self.units, self.n_in, self._buf
        u4 = 4 * u
        g = buf("gates", (T, u4, B))      # [f; i; g; o] per step (pre-activations before)
        c = buf("c", (T + 1, u, B))       # c[0] = 0, c[t+1] = C_t
        h = buf("h", (T + 1, u, B))       # h[0] = 0, h[t+1] = h_t
        tc = buf("tanh_c", (T, u, B))
        dh = buf("dh", (T, u, B))         # dL/dh_t (total)
        dc = buf("dc", (T, u, B))         # dL/dC_t (total)
        dz = buf("dz", (T, u4, B))        # dL/dz_t, the four gates' error terms
        r = buf("r", (T, u4, B))          # dz = [dc; dc; dc; dh] * r
        q = buf("q", (T, u, B))           # dc_t gets dh_t * q_t: q = o (1 - tanh(C)^2)
        xa = buf("xa", (T, n + 1, B))     # the input, plus a row of ones for the bias
        xa[:, n] = 1.0
        dz4, r4 = dz.reshape(T, 4, u, B), r.reshape(T, 4, u, B)
        fwd, bwd = [], []
        for t in range(T):
            gt = g[t]
            fwd.append((gt, gt[:u], gt[u:2 * u], gt[2 * u:3 * u], gt[3 * u:],
                        c[t], c[t + 1], tc[t], h[t], h[t + 1]))
            bwd.append((dh[t], dc[t], dz4[t, :3], dz4[t, 3], r4[t, :3], r4[t, 3], q[t],
                        dc[t][None]))
        return _Workspace(
            g=g, c=c, h=h, tc=tc, dh=dh, dc=dc, dz=dz, r=r, q=q, xa=xa,
            g4=g.reshape(T, 4, u, B), r4=r4,
            wxa=buf("wxa", (u4, n + 1)), whs=buf("whs", (u4, u)),
            tmp=buf("tmp", (u4, B)), tmpc=buf("tmpc", (u, B)),
            pwx=buf("pwx", (T, n + 1, u4)), pwh=buf("pwh", (T, u, u4)),
            swx=buf("swx", (n + 1, u4)), dx=buf("dx", (T, n, B)),
            dh_norm=buf("dh_norm", (T,)), dc_norm=buf("dc_norm", (T,)),
            fwd=fwd, bwd=bwd,
        )

    def _fwd(self, xs, training):
        x = xs[0]
        self._check_input(x)
        B, T, n = x.shape
        ws = self._workspace(B, T)
        P, ns = self.params, self._neg_scale
        wxa, whs = ws.wxa, ws.whs
        np.multiply(P["Wx"].T, ns, out=wxa[:, :n])       # -s Wx^T
        np.multiply(P["b"][:, None], ns, out=wxa[:, n:])  # -s b
        np.multiply(P["Wh"].T, ns, out=whs)              # -s Wh^T
        np.copyto(ws.xa[:, :n], x.transpose(1, 2, 0))
        np.matmul(wxa, ws.xa, out=ws.g)                  # -s (x_t Wx + b)^T, all steps at once
        ws.h[0].fill(0.0)
        ws.c[0].fill(0.0)
        tmp, tmpc, by_exp = ws.tmp, ws.tmpc, self._tanh_by_exp
        with np.errstate(over="ignore"):  # exp(large) = inf gives the right limit, 0 or -1
            for t, (gt, f, i, g, o, cprev, ct, tct, hprev, ht) in enumerate(ws.fwd):
                if t:
                    np.dot(whs, hprev, out=tmp)
                    gt += tmp                 # -s z_t
                np.exp(gt, out=gt)
                gt += 1.0
                np.reciprocal(gt, out=gt)     # sigmoid(z) on f, i, o; sigmoid(2 z) on g
                g *= 2.0
                g -= 1.0                      # tanh(z) on the candidate
                if t:
                    np.multiply(f, cprev, out=ct)
                    np.multiply(i, g, out=tmpc)
                    ct += tmpc                # C_t = f C_{t-1} + i C~
                else:
                    np.multiply(i, g, out=ct)
                if by_exp:
                    np.multiply(ct, -2.0, out=tct)
                    np.exp(tct, out=tct)
                    tct += 1.0
                    np.divide(2.0, tct, out=tct)
                    tct -= 1.0
                else:
                    np.tanh(ct, out=tct)
                np.multiply(o, tct, out=ht)   # h_t = o tanh(C_t)
        self._last = ws
        tr = self.trace
        tr["gates"] = ws.g4.transpose(3, 0, 1, 2)
        tr["c"] = ws.c[1:].transpose(2, 0, 1)
        tr["h"] = ws.h[1:].transpose(2, 0, 1)
        tr["tanh_c"] = ws.tc.transpose(2, 0, 1)
        if self.return_sequences:
            return ws.h[1:].transpose(2, 0, 1)
        return ws.h[T].T

    def _bwd(self, dy):
        ws = self._last
        T, u4, B = ws.g.shape
        u, n = self.units, self.n_in
        P, Gr = self.params, self.grads
        t0 = self._window_start(T)
        g4, r, r4, q, tc = ws.g4[t0:], ws.r[t0:], ws.r4[t0:], ws.q[t0:], ws.tc[t0:]
        g = ws.g[t0:]
        # d gate / dz for every step at once: s (1 - s) on every gate, then 1 - g^2 on the
        # candidate; times what the gate multiplies, so that dz = [dc; dc; dc; dh] * r
        np.subtract(1.0, g, out=r)
        r *= g
        rg, gg = r4[:, _G], g4[:, _G]
        np.multiply(gg, gg, out=rg)
        np.subtract(1.0, rg, out=rg)
        r4[:, _F] *= ws.c[t0:T]     # df = dc C_{t-1}
        r4[:, _I] *= gg             # di = dc C~
        rg *= g4[:, _I]             # dC~ = dc i
        r4[:, _O] *= tc             # do = dh tanh(C)
        np.multiply(tc, tc, out=q)
        np.subtract(1.0, q, out=q)
        q *= g4[:, _O]              # dC += dh o (1 - tanh(C)^2)
        seq = self.return_sequences
        dyt = dy.transpose(1, 2, 0) if seq else dy.T  # (T, u, B) or (u, B)
        if t0:  # steps before the last window get no gradient at all
            ws.dh[:t0].fill(0.0)
            ws.dc[:t0].fill(0.0)
            ws.dz[:t0].fill(0.0)
        Wh, tmpc, dz, dc, gates = P["Wh"], ws.tmpc, ws.dz, ws.dc, ws.g
        bwd, cut_at = ws.bwd, self._cut
        for t in range(T - 1, t0 - 1, -1):
            dht, dct, dz3, dzo, r3, ro, qt, dcb = bwd[t]
            cut = cut_at(t, T)
            if cut:
                np.copyto(dht, dyt[t] if seq else dyt)
            else:
                np.dot(Wh, dz[t + 1], out=dht)       # from step t+1: Wh dz_{t+1}
                if seq:
                    dht += dyt[t]
            np.multiply(dht, qt, out=dct)
            if not cut:
                np.multiply(dc[t + 1], gates[t + 1, :u], out=tmpc)  # dC_{t+1} f_{t+1}
                dct += tmpc
            np.multiply(dcb, r3, out=dz3)
            np.multiply(dht, ro, out=dzo)
        # weight gradients: one batched matmul over the steps, then a sum over time
        dzs = dz[t0:]
        dzT = dzs.transpose(0, 2, 1)
        pwx, pwh = ws.pwx[t0:], ws.pwh[t0:]
        np.matmul(ws.xa[t0:], dzT, out=pwx)     # x_t^T dz_t, and the bias row
        np.sum(pwx, axis=0, out=ws.swx)
        Gr["Wx"][...] = ws.swx[:n]
        Gr["b"][...] = ws.swx[n]
        np.matmul(ws.h[t0:T], dzT, out=pwh)     # h_{t-1}^T dz_t
        np.sum(pwh, axis=0, out=Gr["Wh"])
        for key, arr in (("dh_norm", ws.dh), ("dc_norm", ws.dc)):
            nrm = getattr(ws, key)
            np.sqrt(np.einsum("tub,tub->t", arr, arr, out=nrm), out=nrm)
            self.trace[key] = nrm
        self.trace["dz"] = dz.reshape(T, 4, u, B).transpose(3, 0, 1, 2)
        if not self.need_dx:
            return [None]
        dx = ws.dx
        np.matmul(P["Wx"], dzs, out=dx[t0:])    # dx_t = Wx dz_t
        if t0:
            dx[:t0].fill(0.0)
        return [dx.transpose(2, 0, 1)]

    def _probe_dict(self):
        gates = self.trace["gates"][0]          # (T, 4, u)
        out = {name: np.array(gates[:, k].T, copy=True) for k, name in enumerate(self.GATES)}
        out["cell"] = np.array(self.trace["c"][0].T, copy=True)
        out["hidden"] = np.array(self.trace["h"][0].T, copy=True)
        return out

    def describe(self):
        return f"LSTM {self.units}" + (" seq" if self.return_sequences else "")


# -- probing a whole network ------------------------------------------------------------------------
#: Per-shape scratch caches of the engine's layers (Layer._buf's, Dense's, ours): a probe gets
#: empty ones, so it never writes into the buffers the last training pass's traces point at.
_CACHE_ATTRS = ("_buffers", "_by_batch", "_ws")


@contextmanager
def _isolated(layers, net=None):
    """Run something through ``layers`` on private buffers, then put every layer back as it was:
    attributes, trace contents and buffers (so a probe between two training steps changes
    nothing a UI or the next ``compute_gradients`` can see)."""
    saved = []
    for layer in layers:
        saved.append((layer, dict(layer.__dict__), dict(layer.trace)))
        for key in _CACHE_ATTRS:  # fresh scratch space, even when the probe's shapes collide
            if isinstance(layer.__dict__.get(key), dict):
                setattr(layer, key, {})
    values = net.__dict__.get("_values") if net is not None else None
    try:
        yield
    finally:
        for layer, attrs, trace in saved:
            layer.__dict__.clear()
            layer.__dict__.update(attrs)
            layer.trace.clear()
            layer.trace.update(trace)
        if net is not None:
            if values is None:
                net.__dict__.pop("_values", None)
            else:
                net._values = values


def probe_network(net, x_seq) -> dict[str, dict[str, np.ndarray]]:
    """``{layer name: probe dict}`` for every recurrent layer of ``net`` on one sequence
    ``(time, features)`` or ``(1, time, features)``, run through the whole network in prediction
    mode. Every layer's trace, buffers and state are restored afterwards, so it may run between
    two training steps; not concurrently with one (call it from the thread that trains)."""
    x = np.asarray(x_seq, dtype=net.dtype)
    if x.ndim == len(net.input_shape):
        x = x[None]
    if x.shape[0] != 1:
        raise ValueError(f"probe_network takes one sequence; got a batch of {x.shape[0]}")
    layers = [node.layer for node in net.nodes]
    with _isolated(layers, net):
        net.forward(x, training=False)
        return {
            node.name: node.layer._probe_dict()
            for node in net.nodes if isinstance(node.layer, Recurrent)
        }
