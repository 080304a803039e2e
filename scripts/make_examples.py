"""Writes the bundled example projects in resources/examples/ (run after changing one here).

The JSON files are committed; this script is how they are made, so a change to an example is a
reviewed change to this file. ``python3 scripts/make_examples.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnsim.spec import DatasetSpec, LinkSpec, NodeSpec, Project, save_project  # noqa: E402
from nnsim.spec.model import default_training  # noqa: E402

OUT = ROOT / "resources" / "examples"


def chain(name, description, layers, dataset, loss="cross_entropy", notes="", **training):
    """A left-to-right chain Input -> layers... -> Output. ``layers``: (type, params) pairs."""
    nodes = [NodeSpec.new("input", "Input", (0, 0))]
    counts: dict[str, int] = {}
    for k, (typ, params) in enumerate(layers, start=1):
        counts[typ] = counts.get(typ, 0) + 1
        nid = f"{typ.lower()}{counts[typ]}"
        nodes.append(NodeSpec.new(nid, typ, (k * 190, 0), **params))
    nodes.append(NodeSpec.new("output", "Output", ((len(layers) + 1) * 190, 0), loss=loss))
    links = [LinkSpec(a.id, b.id) for a, b in zip(nodes, nodes[1:])]
    tr = default_training()
    tr.update(training)
    return Project(name=name, description=description, nodes=nodes, links=links,
                   dataset=DatasetSpec(*dataset), training=tr, notes=notes)


def dense(units, activation="tanh", init="xavier", **kw):
    return ("Dense", dict(units=units, activation=activation, init=init, **kw))


def examples():
    yield "xor", chain(
        "XOR", "Two inputs, one hidden layer of 4 tanh units: the classic problem a single "
               "layer cannot solve.",
        [dense(4), dense(2, "linear")], ("xor", {"n_samples": 400, "noise": 0.0}),
        optimizer="adam", learning_rate=0.03, batch_size=16, steps=1500, eval_every=50,
        notes="Watch the decision surface bend: the hidden layer turns the four quadrants into "
              "a problem a straight line can separate.",
    )
    yield "spirals", chain(
        "Two spirals", "A deep tanh network (four hidden layers) untangles two interleaved "
                       "spirals.",
        [dense(16), dense(16), dense(16), dense(16), dense(2, "linear")],
        ("spirals", {"n_samples": 600, "noise": 0.03, "turns": 1.5}),
        optimizer="adam", learning_rate=0.01, batch_size=32, steps=4000, eval_every=100,
        notes="Each layer folds the plane a little more; the surface sharpens as the loss falls.",
    )
    yield "deep_sigmoid", chain(
        "Vanishing gradients: deep sigmoid", "Eight sigmoid layers with small random weights: "
        "the error term shrinks by a factor of about 4 or more at every layer on its way back.",
        [dense(16, "sigmoid", "normal", init_scale=0.5) for _ in range(8)] + [dense(2, "linear")],
        ("moons", {"n_samples": 400, "noise": 0.1}),
        optimizer="sgd", learning_rate=0.5, batch_size=32, steps=1500, eval_every=50,
        notes="delta_k = (W_{k+1}^T delta_{k+1}) * f'(z_k) and f'(z) <= 0.25 for the sigmoid: "
              "the first layers get gradients orders of magnitude below the last one and "
              "barely learn. Compare with deep_relu.",
    )
    yield "deep_relu", chain(
        "The cure: deep ReLU with He init", "The same eight layers with ReLU and He "
        "initialisation: gradients keep their size all the way down.",
        [dense(16, "relu", "he") for _ in range(8)] + [dense(2, "linear")],
        ("moons", {"n_samples": 400, "noise": 0.1}),
        optimizer="sgd", learning_rate=0.05, batch_size=32, steps=1500, eval_every=50,
        notes="ReLU's derivative is 1 where a unit is active and He init keeps the variance of "
              "z constant from layer to layer, so delta neither shrinks nor grows.",
    )
    overfit_data = ("moons", {"n_samples": 100, "noise": 0.35, "val_fraction": 0.5})
    yield "overfit", chain(
        "Over-fitting", "A big network on 50 noisy training points: training loss goes to "
                        "zero while validation loss climbs.",
        [dense(128, "relu", "he"), dense(128, "relu", "he"), dense(2, "linear")], overfit_data,
        optimizer="adam", learning_rate=0.01, batch_size=16, steps=3000, eval_every=50,
        notes="The network memorises the noise. Compare with overfit_dropout.",
    )
    yield "overfit_dropout", chain(
        "Over-fitting cured by dropout", "The same network and data with dropout after each "
                                         "hidden layer.",
        [dense(128, "relu", "he"), ("Dropout", {"rate": 0.5}), dense(128, "relu", "he"),
         ("Dropout", {"rate": 0.5}), dense(2, "linear")], overfit_data,
        optimizer="adam", learning_rate=0.01, batch_size=16, steps=3000, eval_every=50,
        notes="Dropout makes each unit useful on its own: validation loss stays lower.",
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, project in examples():
        save_project(project, OUT / f"{name}.json")
        print("wrote", OUT / f"{name}.json")


if __name__ == "__main__":
    main()
