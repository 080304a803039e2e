"""Fuzz: random edit sequences on the example projects, then validate, compile and train a step.

An edit is what the canvas and inspector do: add a node (any layer type, fresh or clashing id,
parameters edited), remove a node (with its links, or leaving them dangling), add a link (between
any two nodes, or to nowhere), remove a link, insert a node into a link, set a layer parameter or
a training setting to a random value (valid, a boundary, absurd, NaN, wrong type). One to eight
edits are applied to a copy of an example project (its data set made small so that a step is
quick). Examples per CI run: 300 (derandomized).

Properties: ``validate`` returns problems with non-empty messages, or the network compiles, a
``Trainer`` builds and takes one step (a finite loss, or a divergence it explains) and produces a
snapshot, allocating no more than validation's memory estimate says (+25%, at least 200 MB).
Plus: absurd networks that validation used to accept are refused before any allocation.
"""

from __future__ import annotations

import math
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from nnsim.data import make_dataset
from nnsim.spec import (DataShape, DatasetSpec, LinkSpec, NodeSpec, Project, SpecError,
                        compile_project, load_project, validate)
from nnsim.training import Trainer

from .strategies import PEAK_LIMIT, PeakMemory, apply_edits, example_paths, spec_edit

FUZZ = dict(derandomize=True, database=None, deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: the examples' data sets, made small: the edits are the point, not the data
SMALL = {"n_samples": 120, "length": 12}


@lru_cache(maxsize=None)
def _example(index: int):
    path = example_paths()[index]
    project = load_project(path)
    params = dict(project.dataset.params)
    for k, v in SMALL.items():
        if k in params or k == "n_samples":
            params[k] = min(params.get(k, v), v)
    if project.dataset.name == "digits":
        params.pop("n_samples", None)
    project.dataset = DatasetSpec(project.dataset.name, params)
    return project, make_dataset(project.dataset.name, **params)


def check_messages(messages) -> None:
    assert messages
    for m in messages:
        assert isinstance(m, str) and m.strip(), messages


@settings(max_examples=300, **FUZZ)
@given(st.integers(0, max(0, len(example_paths()) - 1)),
       st.sampled_from((1, 1, 2, 2, 3, 4, 8)).flatmap(
           lambda n: st.lists(spec_edit(), min_size=n, max_size=n)))
def test_edit_sequences_validate_or_train(index, edits):
    base, ds = _example(index)
    project = apply_edits(base.copy(), edits)
    shape = DataShape.of(ds)
    with PeakMemory() as mem:
        v = validate(project, shape)
        if not v.ok:
            event("validation problems")
            check_messages(v.messages())
            with pytest.raises(SpecError):
                compile_project(project, ds)
        else:
            event("trained a step")
            net = compile_project(project, ds)
            assert net.n_params == v.n_params
            trainer = Trainer(project, ds)
            trainer.run(1)
            assert trainer.step_count == 1
            if trainer.diverged is None:
                assert math.isfinite(trainer.last_loss)
            else:
                event("diverged")
                check_messages([trainer.diverged.message])
            snap = trainer.snapshot()
            assert snap.step == 1
    if v.ok:
        allowed = max(PEAK_LIMIT, 1.25 * v.memory_bytes)
        assert mem.peak <= allowed, (f"{mem.peak / 2**20:.0f} MB used, validation estimated "
                                     f"{v.memory_bytes / 2**20:.0f} MB")
    else:
        assert mem.peak < PEAK_LIMIT


# --------------------------------------------------------------------------- found by fuzzing


def _chain(layers, data="xor", params=None, batch=32):
    nodes = [NodeSpec.new("in", "Input")]
    links, prev = [], "in"
    for k, (t, p) in enumerate(layers):
        nodes.append(NodeSpec.new(f"l{k}", t, **p))
        links.append(LinkSpec(prev, f"l{k}"))
        prev = f"l{k}"
    nodes.append(NodeSpec.new("out", "Output", loss="mse" if data != "xor" else "cross_entropy"))
    links.append(LinkSpec(prev, "out"))
    p = Project(nodes=nodes, links=links, dataset=DatasetSpec(data, params or {}))
    p.training["batch_size"] = batch
    return p


def test_deep_wide_network_is_refused_by_memory_not_after_eating_it():
    """400 Dense layers of 190 units: 14.5M parameters, under the parameter limit, so it was
    accepted; its first snapshot then allocated 11 GB (measured with tracemalloc)."""
    p = _chain([("Dense", {"units": 190})] * 400 + [("Dense", {"units": 2,
                                                               "activation": "linear"})])
    shape = DataShape((2,), "classification", 2, 2, False, "xor", 4000, 1000)
    with PeakMemory() as mem:
        v = validate(p, shape)
    assert not v.ok and mem.peak < 10 * 2**20
    (msg,) = v.messages()
    assert "would need about" in msg and "MB of memory" in msg and "fewer units or layers" in msg


def test_long_sequence_lstm_is_refused_before_evaluation_runs_out_of_memory():
    """LSTM(256) on 1,000-step sequences: accepted, then MemoryError evaluating 1,600 samples."""
    p = _chain([("LSTM", {"units": 256, "return_sequences": True}),
                ("Dense", {"units": 1, "activation": "linear"})], data="sine_wave")
    shape = DataShape((1000, 1), "regression", 0, 1, True, "sine_wave", 1600, 400)
    v = validate(p, shape)
    assert not v.ok and "shorter sequences or fewer samples" in v.messages()[0]
    assert v.problems[0].node == "l0"


def test_memory_estimate_bounds_what_training_allocates():
    """The estimate is an upper bound within a few percent for a net big enough to matter."""
    p = _chain([("Dense", {"units": 256}), ("Dense", {"units": 256}),
                ("Dense", {"units": 10, "activation": "linear"})], data="digits")
    p.nodes[-1].params["loss"] = "cross_entropy"
    ds = make_dataset("digits")
    v = validate(p, DataShape.of(ds))
    assert v.ok, v.messages()
    with PeakMemory() as mem:
        trainer = Trainer(p, ds)
        trainer.run(3)
        trainer.evaluate()
        trainer.snapshot()
    assert 0.5 * v.memory_bytes < mem.peak <= 1.25 * v.memory_bytes, (mem.peak, v.memory_bytes)


def test_unknown_data_size_is_assumed_large():
    p = _chain([("Dense", {"units": 8}), ("Dense", {"units": 2, "activation": "linear"})])
    known = validate(p, DataShape((2,), "classification", 2, 2, False, "xor", 80, 20))
    unknown = validate(p, DataShape((2,), "classification", 2, 2, False, "xor"))
    assert known.ok and unknown.ok and unknown.memory_bytes > known.memory_bytes
