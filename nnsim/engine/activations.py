"""Activation functions f(z) and their derivatives, as the seed notes use them.

Each activation has ``forward(z, out)`` writing ``a = f(z)`` into ``out`` and
``backward(dy, z, a, out)`` writing ``dL/dz = dL/da * f'(z)`` into ``out`` (``dy`` is ``dL/da``).
Derivatives are written in terms of the output ``a`` where the math allows (sigmoid, tanh), which
saves recomputing ``f``. All work in place on preallocated buffers: NumPy's per-call overhead,
not FLOPs, bounds small networks.
"""

from __future__ import annotations

import numpy as np


class Activation:
    """Base: ``name``, ``formula`` (for explanations) and the two kernels."""

    name = "linear"
    formula = "f(z) = z"
    derivative = "f'(z) = 1"
    #: An activation is "saturated" where its derivative is below 5% of its maximum.
    saturates = False

    def forward(self, z: np.ndarray, out: np.ndarray) -> np.ndarray:
        out[...] = z
        return out

    def backward(self, dy: np.ndarray, z: np.ndarray, a: np.ndarray, out: np.ndarray) -> np.ndarray:
        out[...] = dy
        return out

    def saturated_fraction(self, z: np.ndarray, a: np.ndarray) -> float:
        """Fraction of units whose derivative is (nearly) zero: saturated or dead."""
        return 0.0


class Linear(Activation):
    pass


class Sigmoid(Activation):
    name = "sigmoid"
    formula = "f(z) = 1 / (1 + e^(-z))"
    derivative = "f'(z) = f(z) (1 - f(z))"
    saturates = True

    def forward(self, z, out):
        # 0.5 * (1 + tanh(z / 2)) equals the logistic function and never overflows.
        np.multiply(z, 0.5, out=out)
        np.tanh(out, out=out)
        out *= 0.5
        out += 0.5
        return out

    def backward(self, dy, z, a, out):
        np.subtract(1.0, a, out=out)
        out *= a
        out *= dy
        return out

    def saturated_fraction(self, z, a):
        # f'(z) = a(1-a) <= 0.25; below 5% of that: a < ~0.0125 or a > ~0.9875.
        return float(np.mean(a * (1.0 - a) < 0.0125))


class Tanh(Activation):
    name = "tanh"
    formula = "f(z) = tanh(z) = (e^z - e^(-z)) / (e^z + e^(-z))"
    derivative = "f'(z) = 1 - f(z)^2"
    saturates = True

    def forward(self, z, out):
        return np.tanh(z, out=out)

    def backward(self, dy, z, a, out):
        # dy * (1 - a^2), as dy - dy a^2: three in-place calls, no temporaries
        np.multiply(a, a, out=out)
        out *= dy
        np.subtract(dy, out, out=out)
        return out

    def saturated_fraction(self, z, a):
        return float(np.mean(np.abs(a) > 0.9747))  # 1 - a^2 < 0.05


class ReLU(Activation):
    name = "relu"
    formula = "f(z) = max(0, z)"
    derivative = "f'(z) = 1 if z > 0 else 0"

    def forward(self, z, out):
        return np.maximum(z, 0.0, out=out)

    def backward(self, dy, z, a, out):
        return np.multiply(dy, z > 0.0, out=out)

    def saturated_fraction(self, z, a):
        return float(np.mean(z <= 0.0))  # "dead" for this sample


class LeakyReLU(Activation):
    name = "leaky_relu"
    formula = "f(z) = z if z > 0 else 0.01 z"
    derivative = "f'(z) = 1 if z > 0 else 0.01"
    alpha = 0.01

    def forward(self, z, out):
        np.multiply(z, self.alpha, out=out)
        return np.maximum(z, out, out=out)

    def backward(self, dy, z, a, out):
        np.greater(z, 0.0, out=out, casting="unsafe")
        out *= 1.0 - self.alpha
        out += self.alpha
        out *= dy
        return out


class Softmax(Activation):
    name = "softmax"
    formula = "f(z)_i = e^(z_i) / sum_j e^(z_j)"
    derivative = "df_i/dz_j = f_i (delta_ij - f_j)"

    def forward(self, z, out):
        np.subtract(z, z.max(axis=-1, keepdims=True), out=out)
        np.exp(out, out=out)
        out /= out.sum(axis=-1, keepdims=True)
        return out

    def backward(self, dy, z, a, out):
        # dL/dz = a * (dy - sum(dy * a))
        np.multiply(dy, a, out=out)
        s = out.sum(axis=-1, keepdims=True)
        np.subtract(dy, s, out=out)
        out *= a
        return out


ACTIVATIONS: dict[str, Activation] = {
    cls.name: cls() for cls in (Linear, Sigmoid, Tanh, ReLU, LeakyReLU, Softmax)
}


def get_activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}"
        ) from None
