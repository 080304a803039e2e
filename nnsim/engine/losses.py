"""Loss functions L(y, y_hat) and their gradient with respect to the network's raw output.

- ``mse``: mean squared error over every output element.
- ``cross_entropy``: softmax followed by cross-entropy, fused and numerically stable. The network
  outputs logits z; ``dL/dz = (softmax(z) - onehot(y)) / n``.
- ``bce``: sigmoid followed by binary cross-entropy, fused and stable, on one output unit.

Outputs may carry a time axis ``(batch, time, k)``; targets then carry it too and every step
counts as a sample.
"""

from __future__ import annotations

import numpy as np


class Loss:
    name = ""
    formula = ""
    #: What the output node applies before a user reads the prediction.
    output_activation = "linear"
    classification = False

    def forward(self, out: np.ndarray, y: np.ndarray) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self) -> np.ndarray:
        """dL/d(out), same shape as ``out`` of the last ``forward``."""
        return self._grad

    def predict(self, out: np.ndarray) -> np.ndarray:
        return out

    def accuracy(self, out: np.ndarray, y: np.ndarray) -> float | None:
        return None


class MSE(Loss):
    name = "mse"
    formula = "L = mean((y_hat - y)^2)"

    def forward(self, out, y):
        y = np.asarray(y).reshape(out.shape)
        diff = np.subtract(out, y, dtype=out.dtype)
        n = diff.size
        loss = float(np.vdot(diff, diff)) / n
        diff *= 2.0 / n
        self._grad = diff
        return loss

    def predict(self, out):
        return out.copy()  # ``out`` is a layer's buffer, overwritten by the next forward


class CrossEntropy(Loss):
    name = "cross_entropy"
    formula = "L = -mean(log softmax(z)_y)"
    output_activation = "softmax"
    classification = True

    def __init__(self):
        self._shape: tuple[int, int, np.dtype] | None = None

    def forward(self, out, y):
        c = out.shape[-1]
        z = out if out.ndim == 2 else out.reshape(-1, c)  # every time step is a sample
        m = z.shape[0]
        if self._shape != (m, c, z.dtype):  # buffers for this batch, reused from step to step
            self._shape = (m, c, z.dtype)
            self._p = np.empty((m, c), z.dtype)
            self._s = np.empty((m, 1), z.dtype)
            self._eye = np.eye(c, dtype=z.dtype)
        p, s = self._p, self._s
        onehot = self._eye[np.asarray(y).reshape(-1)]  # (m, c); a label >= c raises IndexError
        np.maximum.reduce(z, 1, None, s, True)  # row max: e^(z - max) never overflows
        np.subtract(z, s, out=p)  # shifted logits z - max
        picked = float(np.vdot(onehot, p))  # sum over rows of the true class's shifted logit
        np.exp(p, out=p)
        np.add.reduce(p, 1, None, s, True)  # sum_j e^(z_j - max)
        # L = mean(log sum_j e^(z_j - max) - (z_y - max)) = mean(-log softmax(z)_y)
        loss = (float(np.add.reduce(np.log(s), None)) - picked) / m
        # dL/dz = (softmax(z) - onehot(y)) / m
        p /= s
        p -= onehot
        p *= 1.0 / m
        self._grad = p if out.ndim == 2 else p.reshape(out.shape)
        return loss

    def predict(self, out):
        shifted = out - out.max(axis=-1, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=-1, keepdims=True)

    def accuracy(self, out, y):
        return float(np.mean(out.argmax(axis=-1) == np.asarray(y).reshape(out.shape[:-1])))


class BinaryCrossEntropy(Loss):
    name = "bce"
    formula = "L = -mean(y log s(z) + (1 - y) log(1 - s(z))), s = sigmoid"
    output_activation = "sigmoid"
    classification = True

    def forward(self, out, y):
        y = np.asarray(y, dtype=out.dtype).reshape(out.shape)
        n = out.size
        # max(z, 0) - z y + log(1 + e^-|z|) never overflows
        loss = float(
            (np.maximum(out, 0) - out * y + np.log1p(np.exp(-np.abs(out)))).sum()
        ) / n
        p = self.predict(out)
        p -= y
        p *= 1.0 / n
        self._grad = p
        return loss

    def predict(self, out):
        p = np.multiply(out, 0.5)
        np.tanh(p, out=p)
        p *= 0.5
        p += 0.5
        return p

    def accuracy(self, out, y):
        return float(np.mean((out > 0).reshape(-1) == (np.asarray(y).reshape(-1) > 0.5)))


LOSSES = {cls.name: cls for cls in (MSE, CrossEntropy, BinaryCrossEntropy)}


def get_loss(name: str) -> Loss:
    try:
        return LOSSES[name]()
    except KeyError:
        raise ValueError(f"unknown loss {name!r}; choose one of {', '.join(LOSSES)}") from None
