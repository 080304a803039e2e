"""Writes the bundled example projects in resources/examples/ (run after changing one here).

The JSON files are committed; this script is how they are made, so a change to an example is a
reviewed change to this file. ``python3 scripts/make_examples.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnsim.spec import Project, save_project  # noqa: E402

OUT = ROOT / "resources" / "examples"


def chain(name, description, layers, dataset, loss="cross_entropy", notes="", spacing=190.0,
          **training):
    """A left-to-right chain Input -> layers... -> Output. ``layers``: (type, params) pairs.
    ``spacing``: between layers; sequence shapes such as "(batch, 100, 2)" need more room to
    sit on their links."""
    p = Project.chain(layers, loss, dataset[0], dataset[1], name=name, spacing=spacing,
                      **training)
    p.description, p.notes = description, notes
    return p


SEQ_SPACING = 225.0


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
        [dense(16, "sigmoid", "normal", init_scale=0.3) for _ in range(8)] + [dense(2, "linear")],
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

    yield "xor_linear", chain(
        "XOR without a hidden layer", "Input straight to the output: a single linear "
                                      "boundary, which cannot solve XOR.",
        [dense(2, "linear")], ("xor", {"n_samples": 400, "noise": 0.0}),
        optimizer="adam", learning_rate=0.03, batch_size=16, steps=1500, eval_every=50,
        notes="However long it trains, one straight line splits the plane: at best three "
              "quadrants are right. Add a hidden Dense layer and train again.",
    )
    circles = ("circles", {"n_samples": 400, "noise": 0.05})
    for act, init in (("sigmoid", "xavier"), ("tanh", "xavier"), ("relu", "he")):
        yield f"activation_{act}", chain(
            f"Activation: {act}", f"Two hidden layers of 8 {act} units on the circles data.",
            [dense(8, act, init), dense(8, act, init), dense(2, "linear")], circles,
            optimizer="sgd", learning_rate=0.1, batch_size=16, steps=800, eval_every=50,
            notes="Same data, same seed, same optimiser: only the activation differs. Compare "
                  "how fast the loss falls.",
        )
    exploding = [dense(32, "relu", "normal", init_scale=0.8) for _ in range(6)] + \
        [dense(1, "linear")]
    yield "exploding", chain(
        "Exploding gradients", "Six ReLU layers whose initial weights are far too large: "
                               "every layer multiplies the signal and the error by ~4.",
        exploding, ("sine", {"n_samples": 200, "noise": 0.1}), loss="mse",
        optimizer="sgd", learning_rate=0.01, batch_size=16, steps=500, eval_every=25,
        notes="The first gradients are enormous and one step throws the weights into "
              "overflow: training stops with NaN. Turn on gradient clipping (exploding_clipped).",
    )
    yield "exploding_clipped", chain(
        "Exploding gradients, clipped", "The same network with the gradient norm clipped to 1.",
        exploding, ("sine", {"n_samples": 200, "noise": 0.1}), loss="mse",
        optimizer="sgd", learning_rate=0.01, batch_size=16, steps=500, eval_every=25,
        clip_norm=1.0,
        notes="Clipping rescales any gradient longer than 1 to length 1: each step stays "
              "small, and the loss falls instead of exploding.",
    )

    adding = ("adding", {"n_samples": 2000, "length": 100})
    for kind, name in (("SimpleRNN", "rnn"), ("LSTM", "lstm")):
        yield f"adding_{name}", chain(
            f"Adding problem, lag 100: {kind}",
            f"A {kind} of 16 units must add the two marked numbers of a 100-step sequence "
            "(Hochreiter & Schmidhuber 1997). Same data and seed as its twin.",
            [(kind, {"units": 16}), dense(1, "linear")], adding, loss="mse", spacing=SEQ_SPACING,
            optimizer="adam", learning_rate=0.01, batch_size=32, steps=1000, eval_every=50,
            clip_norm=1.0,
            notes="Predicting the average (1.0) scores MSE 0.167. The simple RNN stays there: "
                  "the gradient from the answer fades before it reaches the marked steps. The "
                  "LSTM's cell state carries it: watch Gradient through time.",
        )
    yield "lstm_no_forget_bias", chain(
        "Adding problem, LSTM with forget bias 0",
        "The LSTM of adding_lstm, but its forget gates start half closed (b_f = 0).",
        [("LSTM", {"units": 16, "forget_bias": 0.0}), dense(1, "linear")], adding, loss="mse",
        spacing=SEQ_SPACING, optimizer="adam", learning_rate=0.01, batch_size=32, steps=1000, eval_every=50,
        clip_norm=1.0,
        notes="With f near 0.5 the cell state halves every step: 100 steps shrink it by 2^100. "
              "Watch the forget gate in the LSTM gates panel open as it learns.",
    )
    yield "char_lstm", chain(
        "Character-level LSTM", "An LSTM reads text one character at a time and predicts the "
                                "next; the output panel prints what it writes.",
        [("LSTM", {"units": 64, "return_sequences": True}), dense(34, "linear")],
        ("text", {"n_samples": 1000, "length": 40}), spacing=SEQ_SPACING,
        optimizer="adam", learning_rate=0.01, batch_size=32, steps=3000, eval_every=100,
        clip_norm=5.0,
        notes="Early samples are random letters, then spaces and common words appear.",
    )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, project in examples():
        save_project(project, OUT / f"{name}.json")
        print("wrote", OUT / f"{name}.json")


if __name__ == "__main__":
    main()
