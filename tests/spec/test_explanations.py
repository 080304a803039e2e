"""Every layer type, activation, gate, loss, optimiser and plot has an explanation with a formula."""

from nnsim.engine.activations import ACTIVATIONS
from nnsim.engine.losses import LOSSES
from nnsim.engine.optim import OPTIMIZERS
from nnsim.engine.recurrent import LSTM
from nnsim.spec.explanations import EXPLANATIONS, explain
from nnsim.spec.registry import LAYER_TYPES


def test_everything_a_user_meets_is_explained():
    topics = ([f"layer:{t}" for t in LAYER_TYPES] + [f"activation:{a}" for a in ACTIVATIONS]
              + [f"gate:{g}" for g in LSTM.GATES] + ["gate:cell"]
              + [f"loss:{l}" for l in LOSSES] + [f"optimizer:{o}" for o in OPTIMIZERS]
              + ["concept:backprop", "concept:vanishing", "concept:overfitting"])
    for topic in topics:
        e = explain(topic)
        assert e.title and e.text and e.formula, topic


def test_backprop_explanation_carries_the_seed_formula():
    assert "delta_k = (W_{k+1}^T delta_{k+1}) * f'_k(z_k)" in explain("concept:backprop").formula
    assert all(e.topic == k for k, e in EXPLANATIONS.items())
