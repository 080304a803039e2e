"""Gradient descent and its refinements, over the network's flat parameter vector.

The network keeps every W and b as views into one flat vector ``theta`` and every gradient in
one flat vector ``g``; so an update is a handful of NumPy calls whatever the depth of the network.

- ``sgd``:      theta -= lr * g
- ``momentum``: v = mu v - lr g;  theta += v
- ``nesterov``: v_new = mu v - lr g;  theta += -mu v + (1 + mu) v_new
- ``rmsprop``:  s = rho s + (1 - rho) g^2;  theta -= lr g / (sqrt(s) + eps)
- ``adam``:     m, v moving averages of g and g^2, bias corrected;  theta -= lr m^ / (sqrt(v^) + eps)

L2 weight decay adds ``wd * W`` to the gradient of weights (not biases). Clipping rescales the
whole gradient when its norm exceeds ``clip_norm``.
"""

from __future__ import annotations

import math

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam")

DESCRIPTIONS = {
    "sgd": "theta <- theta - lr * dL/dtheta",
    "momentum": "v <- mu v - lr g; theta <- theta + v (mu = 0.9)",
    "nesterov": "momentum that looks ahead: theta <- theta - mu v + (1 + mu) v_new",
    "rmsprop": "divides each step by a running RMS of its gradient",
    "adam": "momentum plus RMS scaling, with bias correction (beta1 0.9, beta2 0.999)",
}


class Optimizer:
    """Updates ``theta`` in place from ``grad``; state sized like ``theta``."""

    def __init__(
        self,
        name: str,
        theta: np.ndarray,
        grad: np.ndarray,
        learning_rate: float = 0.01,
        weight_decay: float = 0.0,
        decay_mask: np.ndarray | None = None,
        clip_norm: float | None = None,
        momentum: float = 0.9,
        beta1: float = 0.9,
        beta2: float = 0.999,
        rho: float = 0.9,
        eps: float = 1e-8,
    ):
        if name not in OPTIMIZERS:
            raise ValueError(f"unknown optimiser {name!r}; choose one of {', '.join(OPTIMIZERS)}")
        self.name = name
        self.theta = theta
        self.grad = grad
        self.learning_rate = float(learning_rate)
        self.weight_decay = float(weight_decay)
        self.decay_mask = decay_mask
        self.clip_norm = clip_norm
        self.momentum, self.beta1, self.beta2, self.rho, self.eps = momentum, beta1, beta2, rho, eps
        self._tmp = np.empty_like(theta)
        self.reset()

    def reset(self) -> None:
        """Forget the moving averages (after a weight reset or an optimiser change)."""
        self.t = 0
        self._m = np.zeros_like(self.theta)
        self._v = np.zeros_like(self.theta) if self.name in ("rmsprop", "adam") else None
        #: Norm of the gradient of the last step, before clipping.
        self.last_grad_norm = 0.0
        self.last_clipped = False

    def step(self) -> None:
        g, theta, tmp, lr = self.grad, self.theta, self._tmp, self.learning_rate
        if self.weight_decay:
            np.multiply(theta, self.decay_mask, out=tmp)
            tmp *= self.weight_decay
            g += tmp
        sq = float(np.dot(g, g))  # the training loop and CLI silence overflow warnings
        if sq == math.inf:  # float32 squares overflow past ~1.8e19: measure in float64
            sq = float(np.dot(g.astype(np.float64), g.astype(np.float64)))
        norm = math.sqrt(sq)
        self.last_grad_norm = norm
        self.last_clipped = bool(self.clip_norm and norm > self.clip_norm)
        if self.last_clipped:
            g *= self.clip_norm / norm
        self.t += 1
        name = self.name
        if name == "sgd":
            np.multiply(g, lr, out=tmp)
            theta -= tmp
        elif name == "momentum":
            m = self._m
            m *= self.momentum
            np.multiply(g, lr, out=tmp)
            m -= tmp
            theta += m
        elif name == "nesterov":
            m, mu = self._m, self.momentum
            np.multiply(m, -mu, out=tmp)  # -mu v_old
            theta += tmp
            m *= mu
            np.multiply(g, lr, out=tmp)
            m -= tmp  # v_new = mu v_old - lr g
            np.multiply(m, 1.0 + mu, out=tmp)
            theta += tmp  # theta + (-mu v_old) + (1 + mu) v_new
        elif name == "rmsprop":
            v = self._v
            v *= self.rho
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - self.rho
            v += tmp  # s = rho s + (1 - rho) g^2
            np.sqrt(v, out=tmp)
            tmp += self.eps
            np.divide(g, tmp, out=tmp)
            tmp *= lr
            theta -= tmp
        else:  # adam
            m, v, b1, b2 = self._m, self._v, self.beta1, self.beta2
            m *= b1
            np.multiply(g, 1.0 - b1, out=tmp)
            m += tmp  # m = b1 m + (1 - b1) g
            v *= b2
            np.multiply(g, g, out=tmp)
            tmp *= 1.0 - b2
            v += tmp  # v = b2 v + (1 - b2) g^2
            # theta -= lr m^ / (sqrt(v^) + eps), m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
            np.sqrt(v, out=tmp)
            tmp *= 1.0 / math.sqrt(1.0 - b2**self.t)  # sqrt(v^)
            tmp += self.eps
            np.divide(m, tmp, out=tmp)
            tmp *= lr / (1.0 - b1**self.t)
            theta -= tmp


def make_optimizer(name: str, network, **kwargs) -> Optimizer:
    """An optimiser bound to ``network``'s flat parameter and gradient vectors."""
    return Optimizer(
        name, network.param_vector, network.grad_vector, decay_mask=network.decay_mask, **kwargs
    )
