"""The network: a directed acyclic graph of layers, run forward in topological order and
backward in reverse (the seed's 正向传播 and 反向传播).

Every parameter lives in one flat vector ``param_vector`` and every gradient in ``grad_vector``;
layers see views of them. That makes the optimiser step, gradient clipping and weight reset a few
NumPy calls whatever the depth, which is what bounds speed on small networks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .layers import Layer
from .losses import Loss, get_loss


@dataclass
class Node:
    """One layer of the graph and the names of the nodes feeding it (in order)."""

    name: str
    layer: Layer
    inputs: list[str] = field(default_factory=list)


class Network:
    """A DAG of layers with one input, one output and a loss.

    ``nodes`` must be in topological order; the input node is implicit (``input_name``).
    """

    def __init__(
        self,
        nodes: list[Node],
        input_shape: tuple[int, ...],
        loss: str | Loss = "mse",
        output: str | None = None,
        input_name: str = "input",
        seed: int = 0,
        dtype="float32",
    ):
        self.dtype = np.dtype(dtype)
        if self.dtype not in (np.float32, np.float64):
            raise ValueError("dtype must be float32 or float64")
        self.input_name = input_name
        self.input_shape = tuple(int(s) for s in input_shape)
        self.nodes = list(nodes)
        self.output = output or self.nodes[-1].name
        self.loss = get_loss(loss) if isinstance(loss, str) else loss
        self.layers: dict[str, Layer] = {n.name: n.layer for n in self.nodes}
        self.seed = int(seed)
        for n in self.nodes:
            n.layer.name = n.name
        self._build()
        self.reset(seed)

    # -- construction ---------------------------------------------------------------------------
    @classmethod
    def sequential(cls, input_shape, layers: list[Layer], loss="mse", seed=0, dtype="float32",
                   input_name="input") -> "Network":
        """A chain ``input -> layers[0] -> layers[1] -> ...``; unnamed layers get unique names."""
        nodes, prev, seen = [], input_name, {}
        for layer in layers:
            base = layer.name
            seen[base] = seen.get(base, 0) + 1
            name = base if seen[base] == 1 and base != input_name else f"{base}{seen[base]}"
            nodes.append(Node(name, layer, [prev]))
            prev = name
        return cls(nodes, input_shape, loss=loss, seed=seed, dtype=dtype, input_name=input_name)

    def _build(self) -> None:
        shapes = {self.input_name: self.input_shape}
        rng = np.random.default_rng([self.seed, 2])
        for n in self.nodes:
            for src in n.inputs:
                if src not in shapes:
                    raise ValueError(f"node {n.name!r} reads {src!r}, which is not computed before it")
            k = n.layer.n_inputs
            if (k is not None and len(n.inputs) != k) or (k is None and len(n.inputs) < 2):
                want = k if k is not None else "two or more"
                raise ValueError(f"{n.name!r} takes {want} input(s), got {len(n.inputs)}")
            shapes[n.name] = n.layer.build([shapes[s] for s in n.inputs], rng, self.dtype)
            n.layer.need_dx = any(s != self.input_name for s in n.inputs)
        if self.output not in shapes:
            raise ValueError(f"output node {self.output!r} is not in the network")
        self.shapes = shapes
        self.output_shape = shapes[self.output]
        # the flat parameter and gradient vectors, and views for every layer
        specs = [(n.layer, k, s) for n in self.nodes for k, s in n.layer._param_shapes().items()]
        total = sum(int(np.prod(s)) for _, _, s in specs)
        self.param_vector = np.zeros(total, dtype=self.dtype)
        self.grad_vector = np.zeros(total, dtype=self.dtype)
        self.decay_mask = np.zeros(total, dtype=self.dtype)
        self._slices: dict[str, tuple[int, int, tuple]] = {}
        off = 0
        for layer, key, shape in specs:
            size = int(np.prod(shape))
            layer.params[key] = self.param_vector[off:off + size].reshape(shape)
            layer.grads[key] = self.grad_vector[off:off + size].reshape(shape)
            if len(shape) >= 2:  # weights decay, biases do not
                self.decay_mask[off:off + size] = 1.0
            self._slices[f"{layer.name}.{key}"] = (off, off + size, shape)
            off += size
        # plan: for each node, the positions of its inputs in the value list
        index = {self.input_name: 0}
        for i, n in enumerate(self.nodes, start=1):
            index[n.name] = i
        self._plan = [(n.layer, [index[s] for s in n.inputs]) for n in self.nodes]
        # backward visits the same steps last to first: (position of the node's value, layer, idx)
        self._backward_plan = [(pos, layer, idx) for pos, (layer, idx)
                               in reversed(list(enumerate(self._plan, start=1)))]
        self._index = index
        self._out_index = index[self.output]
        # nodes whose value never reaches the output have no gradient: refuse them
        needed = {self.output}
        for n in reversed(self.nodes):
            if n.name in needed:
                needed.update(n.inputs)
        dead = [n.name for n in self.nodes if n.name not in needed]
        if dead:
            raise ValueError(f"layer(s) {', '.join(dead)} do not lead to the output")

    def reset(self, seed: int | None = None) -> None:
        """Draw fresh random weights (seeded) and reseed dropout; the same seed, the same net."""
        if seed is not None:
            self.seed = int(seed)
        rng = np.random.default_rng([self.seed, 0])
        for n in self.nodes:
            n.layer._init_params(rng)
            if hasattr(n.layer, "rng"):
                n.layer.rng = np.random.default_rng([self.seed, 1, self._index[n.name]])
        self.grad_vector.fill(0.0)

    # -- computation ----------------------------------------------------------------------------
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        """Raw network output for ``x`` of shape ``(batch, *input_shape)``.

        The result is the output layer's buffer, overwritten by the next forward: copy it to keep
        it (``predict`` returns a fresh array).
        """
        values = [np.asarray(x, dtype=self.dtype)]
        for layer, idx in self._plan:
            values.append(layer._fwd([values[i] for i in idx], training))
        self._values = values
        return values[self._out_index]

    def backward(self, dout: np.ndarray) -> None:
        """Propagate ``dL/d(output)`` back through every layer, filling ``grad_vector``."""
        douts: list = [None] * len(self._values)  # dL/d(value of each node); 0 is the input
        douts[self._out_index] = dout
        for pos, layer, idx in self._backward_plan:
            dy = douts[pos]
            if dy is None:
                continue
            for i, dx in zip(idx, layer._bwd(dy)):
                if i == 0 or dx is None:  # the data needs no gradient
                    continue
                # a value read by several layers gets the sum of their gradients
                douts[i] = dx if douts[i] is None else douts[i] + dx

    def compute_gradients(self, x: np.ndarray, y: np.ndarray) -> float:
        """Forward in training mode, the loss, and backward; returns the loss."""
        out = self.forward(x, training=True)
        loss = self.loss.forward(out, y)
        self.backward(self.loss.backward())
        return loss

    def predict(self, x: np.ndarray) -> np.ndarray:
        """What a user reads: class probabilities for classification, values for regression."""
        return self.loss.predict(self.forward(x, training=False))

    def evaluate(self, x: np.ndarray, y: np.ndarray, batch_size: int = 4096):
        """(loss, accuracy or None) on a whole data set, in prediction mode."""
        n = len(x)
        if n == 0:
            return float("nan"), None
        total_loss, correct, count = 0.0, 0.0, 0
        for s in range(0, n, batch_size):
            xb, yb = x[s:s + batch_size], y[s:s + batch_size]
            out = self.forward(xb, training=False)
            m = len(xb)
            total_loss += self.loss.forward(out, yb) * m
            acc = self.loss.accuracy(out, yb)
            if acc is not None:
                correct += acc * m
            count += m
        acc = correct / count if self.loss.classification else None
        return total_loss / count, acc

    # -- parameters by name ---------------------------------------------------------------------
    def named_parameters(self) -> dict[str, np.ndarray]:
        """``{"layer.W": view, ...}`` in network order. Views: writing them changes the net."""
        return {name: self.param_vector[a:b].reshape(s) for name, (a, b, s) in self._slices.items()}

    def named_gradients(self) -> dict[str, np.ndarray]:
        return {name: self.grad_vector[a:b].reshape(s) for name, (a, b, s) in self._slices.items()}

    def get_param(self, name: str) -> np.ndarray:
        """A copy of the parameter ``name`` (e.g. ``"dense1.W"``)."""
        a, b, s = self._slice(name)
        return self.param_vector[a:b].reshape(s).copy()

    def set_param(self, name: str, value) -> None:
        a, b, s = self._slice(name)
        value = np.asarray(value, dtype=self.dtype)
        if value.shape != s:
            raise ValueError(f"{name} has shape {s}, got {value.shape}")
        self.param_vector[a:b] = value.reshape(-1)

    def _slice(self, name):
        try:
            return self._slices[name]
        except KeyError:
            raise KeyError(
                f"no parameter {name!r}; the network has {', '.join(self._slices)}"
            ) from None

    def state_dict(self) -> dict[str, np.ndarray]:
        return {k: v.copy() for k, v in self.named_parameters().items()}

    def load_state_dict(self, state: dict[str, np.ndarray]) -> None:
        missing = set(self._slices) - set(state)
        if missing:
            raise ValueError(f"weights are missing {', '.join(sorted(missing))}")
        for k in self._slices:
            self.set_param(k, state[k])

    @property
    def n_params(self) -> int:
        return int(self.param_vector.size)

    def layers_of(self, cls) -> list[Layer]:
        return [n.layer for n in self.nodes if isinstance(n.layer, cls)]

    def set_dropout(self, rate: float) -> None:
        """Change the rate of every Dropout layer (a live control)."""
        from .layers import Dropout

        for layer in self.layers_of(Dropout):
            layer.rate = float(rate)

    def summary(self) -> str:
        lines = [f"input {self.input_shape}"]
        for n in self.nodes:
            lines.append(f"{n.name}: {n.layer.describe()} -> {self.shapes[n.name]}")
        lines.append(f"loss {self.loss.name}; {self.n_params} parameters")
        return "\n".join(lines)
