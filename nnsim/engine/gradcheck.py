"""Central finite-difference gradient checks, in float64.

``dL/dtheta_i ~ (L(theta + eps e_i) - L(theta - eps e_i)) / (2 eps)``, compared with the
analytic gradient by ``||a - n|| / max(||a|| + ||n||, tiny)``; below 1e-6 the two agree to about
six significant digits. Dropout masks are frozen (the layer's random state is restored before
every evaluation) so the function being differentiated does not change under our feet.
"""

from __future__ import annotations

import numpy as np

from .layers import Layer
from .network import Network


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    a, n = np.ravel(analytic), np.ravel(numeric)
    denom = max(float(np.linalg.norm(a) + np.linalg.norm(n)), 1e-12)
    return float(np.linalg.norm(a - n)) / denom


def _numeric(f, v: np.ndarray, eps: float) -> np.ndarray:
    """Central differences of scalar ``f()`` with respect to array ``v`` (changed in place)."""
    g = np.zeros_like(v)
    flat, gflat = v.reshape(-1), g.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        plus = f()
        flat[i] = old - eps
        minus = f()
        flat[i] = old
        gflat[i] = (plus - minus) / (2 * eps)
    return g


def _frozen_rngs(layers):
    rngs = [(layer, layer.rng.bit_generator.state) for layer in layers if hasattr(layer, "rng")]

    def restore():
        for layer, state in rngs:
            layer.rng.bit_generator.state = state

    return restore


def check_network(net: Network, x: np.ndarray, y: np.ndarray, eps: float = 1e-6,
                  training: bool = True) -> dict[str, float]:
    """Relative error of every parameter's gradient, ``{"dense1.W": err, ...}``.

    The network must be float64. ``training=True`` checks with dropout active (masks frozen).
    """
    if net.dtype != np.float64:
        raise ValueError("gradient checks need a float64 network")
    restore = _frozen_rngs(net.layers.values())

    def loss():
        restore()
        return net.loss.forward(net.forward(x, training=training), y)

    restore()
    out = net.forward(x, training=training)
    net.loss.forward(out, y)
    net.backward(net.loss.backward())
    analytic = {k: g.copy() for k, g in net.named_gradients().items()}
    errors = {}
    for name, p in net.named_parameters().items():
        errors[name] = relative_error(analytic[name], _numeric(loss, p, eps))
    return errors


def check_layer(layer: Layer, in_shapes: list[tuple[int, ...]], batch: int = 3, seed: int = 0,
                eps: float = 1e-6, training: bool = True) -> dict[str, float]:
    """Check one layer alone: ``L = sum(R * layer(x))`` for a fixed random ``R``.

    Returns relative errors for every input (``"x0"``, ``"x1"``, ...) and every parameter.
    """
    rng = np.random.default_rng(seed)
    out_shape = layer.build(in_shapes, rng, np.float64)
    sizes = {k: int(np.prod(s)) for k, s in layer._param_shapes().items()}
    theta = np.zeros(sum(sizes.values()))
    grad = np.zeros_like(theta)
    off = 0
    for k, s in layer._param_shapes().items():
        layer.params[k] = theta[off:off + sizes[k]].reshape(s)
        layer.grads[k] = grad[off:off + sizes[k]].reshape(s)
        off += sizes[k]
    layer._init_params(rng)
    # nudge biases and weights away from zero so every path carries gradient
    theta += rng.normal(0, 0.1, size=theta.shape)
    xs = [rng.normal(0, 1, size=(batch,) + tuple(s)) for s in in_shapes]
    r = rng.normal(0, 1, size=(batch,) + tuple(out_shape))
    layer.need_dx = True
    restore = _frozen_rngs([layer])

    def loss():
        restore()
        return float(np.sum(r * layer._fwd(xs, training)))

    restore()
    layer._fwd(xs, training)
    dxs = [None if d is None else np.array(d, copy=True) for d in layer._bwd(r.copy())]
    analytic_params = {k: g.copy() for k, g in layer.grads.items()}
    errors = {}
    for i, x in enumerate(xs):
        errors[f"x{i}"] = relative_error(dxs[i], _numeric(loss, x, eps))
    for k, p in layer.params.items():
        errors[k] = relative_error(analytic_params[k], _numeric(loss, p, eps))
    return errors
