"""Layers of a feed-forward network: the seed's fully connected layer and its companions.

Every layer follows one small protocol (see ``docs/architecture.md``):

- ``_build(in_shapes, rng) -> out_shape``: shapes exclude the batch axis.
- ``_param_shapes() -> {"W": shape, ...}``; ``_init_params(rng)`` fills ``self.params`` in place.
- ``_fwd(xs, training) -> y`` and ``_bwd(dy) -> [dL/dx per input]``, the latter filling
  ``self.grads`` in place.

``self.params`` and ``self.grads`` are views into the network's flat parameter and gradient
vectors (so one optimiser call updates everything); never rebind them. ``self.trace`` holds what
the UI shows of the last pass (references to live buffers: copy before keeping).
"""

from __future__ import annotations

import numpy as np

from .activations import get_activation
from .init import initialise


class Layer:
    """Base class: bookkeeping shared by every layer."""

    #: Number of inputs; ``None`` for merge layers taking two or more.
    n_inputs: int | None = 1
    type_name = "Layer"

    def __init__(self, name: str | None = None):
        self.name = name or self.type_name.lower()
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.trace: dict[str, np.ndarray] = {}
        self.dtype = np.dtype(np.float32)
        #: False when every input is the network's input: dL/dx is then not computed.
        self.need_dx = True
        self.in_shapes: list[tuple[int, ...]] = []
        self.out_shape: tuple[int, ...] = ()
        self._buffers: dict[tuple, np.ndarray] = {}

    # -- protocol used by Network -------------------------------------------------------------
    def build(self, in_shapes, rng: np.random.Generator, dtype) -> tuple[int, ...]:
        self.dtype = np.dtype(dtype)
        self.in_shapes = [tuple(s) for s in in_shapes]
        self.out_shape = tuple(self._build(self.in_shapes, rng))
        return self.out_shape

    def forward(self, xs: list[np.ndarray], training: bool = False) -> np.ndarray:
        return self._fwd(xs, training)

    def backward(self, dy: np.ndarray) -> list[np.ndarray | None]:
        return self._bwd(dy)

    # -- to override -------------------------------------------------------------------------
    def _build(self, in_shapes, rng):
        return in_shapes[0]

    def _param_shapes(self) -> dict[str, tuple[int, ...]]:
        return {}

    def _init_params(self, rng: np.random.Generator) -> None:
        pass

    def _fwd(self, xs, training):  # pragma: no cover - abstract
        raise NotImplementedError

    def _bwd(self, dy):  # pragma: no cover - abstract
        raise NotImplementedError

    # -- helpers -----------------------------------------------------------------------------
    def _buf(self, key: str, shape: tuple[int, ...]) -> np.ndarray:
        """A scratch buffer reused from call to call while the shape stays the same."""
        k = (key, shape)
        b = self._buffers.get(k)
        if b is None:
            if len(self._buffers) > 64:  # many batch sizes seen: start over rather than grow
                self._buffers.clear()
            b = self._buffers[k] = np.empty(shape, dtype=self.dtype)
        return b

    def describe(self) -> str:
        return self.type_name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"


class Dense(Layer):
    """Fully connected layer: ``z = x W + b``, ``a = f(z)`` (the seed's 全连接 layer).

    x: (batch, n_in) or (batch, time, n_in), applied to the last axis;
    W: (n_in, units); b: (units,). Backward receives ``dL/da`` and computes the error term
    ``delta = dL/dz = dL/da * f'(z)``, then ``dL/dW = x^T delta``, ``dL/db = sum(delta)`` and
    ``dL/dx = delta W^T``, which is the next layer down's ``W_{k+1}^T delta_{k+1}``.
    """

    type_name = "Dense"

    def __init__(
        self,
        units: int,
        activation: str = "linear",
        init: str = "xavier",
        init_scale: float = 0.1,
        bias_init: float = 0.0,
        name: str | None = None,
    ):
        super().__init__(name)
        self.units = int(units)
        self.activation = get_activation(activation)
        self.init = init
        self.init_scale = float(init_scale)
        self.bias_init = float(bias_init)
        self._linear = self.activation.name == "linear"

    def _build(self, in_shapes, rng):
        self.n_in = int(in_shapes[0][-1])
        self._by_batch: dict[int, tuple[np.ndarray, ...]] = {}
        return tuple(in_shapes[0][:-1]) + (self.units,)

    def _param_shapes(self):
        return {"W": (self.n_in, self.units), "b": (self.units,)}

    def _init_params(self, rng):
        self.params["W"][...] = initialise(
            self.init, (self.n_in, self.units), self.n_in, self.units, rng, self.dtype,
            self.init_scale,
        )
        self.params["b"][...] = self.bias_init

    def _scratch(self, m: int) -> tuple[np.ndarray, ...]:
        """Buffers for a batch of ``m`` rows: z, a, delta, dx and a vector of ``m`` ones."""
        bufs = self._by_batch.get(m)
        if bufs is None:
            if len(self._by_batch) > 8:  # many batch sizes seen: start over rather than grow
                self._by_batch.clear()
            shape = (m, self.units)
            z = np.empty(shape, self.dtype)
            a = z if self._linear else np.empty(shape, self.dtype)
            delta = np.empty(shape, self.dtype)
            dx = np.empty((m, self.n_in), self.dtype)
            bufs = self._by_batch[m] = (z, a, delta, dx, np.ones(m, self.dtype))
        return bufs

    def _fwd(self, xs, training):
        x = xs[0]
        x2 = x if x.ndim == 2 else x.reshape(-1, self.n_in)  # a time axis joins the batch
        bufs = self._scratch(x2.shape[0])
        z, a = bufs[0], bufs[1]
        np.dot(x2, self.params["W"], out=z)  # z = x W + b
        z += self.params["b"]
        if not self._linear:
            self.activation.forward(z, a)  # a = f(z)
        self._bufs = bufs
        self._x2 = x2
        self._xshape = x.shape
        trace = self.trace
        trace["x"], trace["z"], trace["a"] = x2, z, a
        return a if x.ndim == 2 else a.reshape(x.shape[:-1] + (self.units,))

    def _bwd(self, dy):
        z, a, delta, dx, ones = self._bufs
        dy2 = dy if dy.ndim == 2 else dy.reshape(-1, self.units)
        if self._linear:
            delta = dy2  # f'(z) = 1
        else:
            self.activation.backward(dy2, z, a, delta)  # delta = dL/dz = dL/da * f'(z)
        self.trace["delta"] = delta
        np.dot(self._x2.T, delta, out=self.grads["W"])  # dL/dW = x^T delta
        np.dot(ones, delta, out=self.grads["b"])  # dL/db = sum of delta over the batch
        if not self.need_dx:
            return [None]
        np.dot(delta, self.params["W"].T, out=dx)  # dL/dx = delta W^T
        return [dx if len(self._xshape) == 2 else dx.reshape(self._xshape)]

    def describe(self):
        return f"Dense {self.units} {self.activation.name}"


class Activation(Layer):
    """A stand-alone activation ``a = f(z)``; its ``delta`` is ``dL/dz``."""

    type_name = "Activation"

    def __init__(self, activation: str = "relu", name: str | None = None):
        super().__init__(name)
        self.activation = get_activation(activation)

    def _fwd(self, xs, training):
        z = xs[0]
        a = self.activation.forward(z, self._buf("a", z.shape))
        self.trace["z"] = z
        self.trace["a"] = a
        return a

    def _bwd(self, dy):
        delta = self.activation.backward(dy, self.trace["z"], self.trace["a"],
                                         self._buf("delta", dy.shape))
        self.trace["delta"] = delta
        return [delta]

    def describe(self):
        return self.activation.name


class Dropout(Layer):
    """Dropout regularisation (the seed: 每次随机选取一些神经元不参加训练).

    This is *inverted* dropout: during training each unit is kept with probability
    ``p = 1 - rate`` and the kept ones are divided by ``p``; at prediction the layer is the
    identity. The seed's formulation keeps training outputs unscaled and instead multiplies every
    output by ``p`` at prediction time. Both give the same expected activation; scaling during
    training means a trained network predicts with no extra step.
    """

    type_name = "Dropout"

    def __init__(self, rate: float = 0.5, name: str | None = None):
        super().__init__(name)
        self.rate = float(rate)
        self.rng = np.random.default_rng(0)
        self._active = False

    def _fwd(self, xs, training):
        x = xs[0]
        self._active = training and self.rate > 0.0
        if not self._active:
            self.trace.pop("mask", None)
            return x
        keep = 1.0 - self.rate
        mask = self._buf("mask", x.shape)
        # one call for the uniform draw straight into the buffer, two for the scaled 0/1 mask
        self.rng.random(out=mask, dtype=mask.dtype)
        np.less(mask, keep, out=mask, casting="unsafe")
        mask *= 1.0 / keep
        self.trace["mask"] = mask
        return np.multiply(x, mask, out=self._buf("y", x.shape))

    def _bwd(self, dy):
        if not self._active:
            return [dy]
        return [np.multiply(dy, self.trace["mask"], out=self._buf("dx", dy.shape))]

    def describe(self):
        return f"Dropout {self.rate:g}"


class Add(Layer):
    """Element-wise sum of two or more inputs of the same shape (a skip connection)."""

    type_name = "Add"
    n_inputs = None

    def _build(self, in_shapes, rng):
        if any(s != in_shapes[0] for s in in_shapes):
            raise ValueError(
                f"Add needs inputs of one shape, got {', '.join(map(str, in_shapes))}"
            )
        return in_shapes[0]

    def _fwd(self, xs, training):
        y = np.add(xs[0], xs[1], out=self._buf("y", xs[0].shape))
        for x in xs[2:]:
            y += x
        return y

    def _bwd(self, dy):
        return [dy] * len(self.in_shapes)


class Concatenate(Layer):
    """Joins inputs along the feature (last) axis."""

    type_name = "Concatenate"
    n_inputs = None

    def _build(self, in_shapes, rng):
        if any(s[:-1] != in_shapes[0][:-1] for s in in_shapes):
            raise ValueError(
                "Concatenate joins the last axis; the others must match, got "
                + ", ".join(map(str, in_shapes))
            )
        self._sizes = [int(s[-1]) for s in in_shapes]
        self._splits = np.cumsum(self._sizes)[:-1]
        return tuple(in_shapes[0][:-1]) + (sum(self._sizes),)

    def _fwd(self, xs, training):
        return np.concatenate(xs, axis=-1)

    def _bwd(self, dy):
        return np.split(dy, self._splits, axis=-1)
