"""Sequence tasks: shapes, and that the targets really are what each task claims."""

from __future__ import annotations

import numpy as np
import pytest

from nnsim.data import make_dataset
from nnsim.data.text import corpus, decode


def _all(ds):
    return np.concatenate([ds.x_train, ds.x_val]), np.concatenate([ds.y_train, ds.y_val])


@pytest.mark.parametrize("length", [2, 7, 50])
def test_adding_targets_are_the_sum_of_the_two_marked_values(length):
    ds = make_dataset("adding", length=length, n_samples=500)
    x, y = _all(ds)
    assert ds.input_shape == (length, 2) and y.shape == (500, 1) and not ds.per_step
    values, markers = x[:, :, 0], x[:, :, 1]
    assert set(np.unique(markers)) <= {0.0, 1.0}
    assert np.all(markers.sum(axis=1) == 2)
    half = length // 2
    assert np.all(markers[:, :half].sum(axis=1) == 1)  # one in the first half
    assert np.all(markers[:, half:].sum(axis=1) == 1)  # one in the second half
    np.testing.assert_allclose(y[:, 0], (values * markers).sum(axis=1))
    assert values.min() >= 0.0 and values.max() < 1.0


def test_adding_baseline_is_what_answering_one_scores():
    ds = make_dataset("adding", n_samples=20_000)
    assert ds.meta["baseline"] == pytest.approx(1 / 6)
    assert np.mean((ds.y_train - 1.0) ** 2) == pytest.approx(1 / 6, rel=0.05)


def test_adding_marker_positions_vary():
    x, _ = _all(make_dataset("adding", length=20, n_samples=1000))
    first = x[:, :10, 1].argmax(axis=1)
    second = x[:, 10:, 1].argmax(axis=1)
    assert len(np.unique(first)) == 10 and len(np.unique(second)) == 10


@pytest.mark.parametrize("lag, k", [(1, 2), (10, 4), (40, 8)])
def test_memory_target_is_the_symbol_shown_at_step_zero(lag, k):
    ds = make_dataset("memory", lag=lag, n_symbols=k, n_samples=400)
    x, y = _all(ds)
    assert ds.input_shape == (lag + 1, k) and ds.n_classes == k and y.shape == (400,)
    np.testing.assert_array_equal(x[:, 0, :].argmax(axis=1), y)
    assert np.all(x[:, 0, :].sum(axis=1) == 1.0)
    assert np.all(x[:, 1:, :] == 0.0)  # blank while waiting
    counts = np.bincount(y, minlength=k)
    assert counts.max() - counts.min() <= 1
    assert ds.meta["baseline"] == pytest.approx(1 / k)


def test_memory_noise_fills_the_blank_steps():
    x, y = _all(make_dataset("memory", noise=0.1, n_samples=300))
    assert x[:, 1:, :].std() == pytest.approx(0.1, rel=0.1)
    assert (x[:, 0, :].argmax(axis=1) == y).mean() > 0.99


@pytest.mark.parametrize("lag", [1, 5, 30])
def test_delayed_xor_target_is_first_bit_xor_bit_lag_steps_later(lag):
    ds = make_dataset("delayed_xor", lag=lag, n_samples=400)
    x, y = _all(ds)
    bits = x[:, :, 0].astype(int)
    assert ds.input_shape == (lag + 1, 1) and set(np.unique(bits)) <= {0, 1}
    np.testing.assert_array_equal(y, bits[:, 0] ^ bits[:, lag])
    assert np.bincount(y).tolist() == [200, 200]
    assert ds.meta["baseline"] == 0.5


def test_delayed_xor_parity_mode():
    ds = make_dataset("delayed_xor", lag=9, mode="parity", n_samples=400)
    x, y = _all(ds)
    np.testing.assert_array_equal(y, x[:, :, 0].astype(int).sum(axis=1) % 2)
    assert ds.meta["mode"] == "parity" and ds.title == "Parity"
    # the middle bits are random, not constant
    assert 0.4 < x[:, 1:-1, 0].mean() < 0.6


def test_sine_wave_targets_are_the_next_clean_value():
    ds = make_dataset("sine_wave", noise=0.0, length=25)
    x, y = _all(ds)
    assert ds.input_shape == (25, 1) and y.shape == x.shape and ds.per_step
    np.testing.assert_allclose(y[:, :-1, 0], x[:, 1:, 0])
    assert np.abs(x).max() <= 1.0 and np.abs(x).max() > 0.9
    assert ds.meta["persistence_mse"] < ds.meta["baseline"]


def test_sine_wave_noise_only_touches_the_inputs():
    ds = make_dataset("sine_wave", noise=0.2, length=25)
    x, y = _all(ds)
    assert (x[:, 1:, 0] - y[:, :-1, 0]).std() == pytest.approx(0.2, rel=0.1)
    assert np.abs(y).max() <= 1.0


def test_text_is_one_hot_with_next_character_targets():
    ds = make_dataset("text", length=30, n_samples=200)
    vocab = ds.meta["vocab"]
    x, y = _all(ds)
    assert ds.input_shape == (30, len(vocab)) and y.shape == (200, 30) and ds.per_step
    assert ds.n_classes == len(vocab)
    assert np.all(x.sum(axis=2) == 1.0)
    chars = x.argmax(axis=2)
    np.testing.assert_array_equal(y[:, :-1], chars[:, 1:])
    text = corpus().lower()
    for row, target in zip(chars[:20], y[:20]):
        window = decode(row, vocab) + vocab[target[-1]]
        assert window in text


def test_text_vocab_and_case():
    lower = make_dataset("text")
    mixed = make_dataset("text", lowercase=False)
    assert lower.meta["vocab"] == "".join(sorted(set(lower.meta["vocab"])))
    assert " " in lower.meta["vocab"] and "e" in lower.meta["vocab"]
    assert not any(c.isupper() for c in lower.meta["vocab"])
    assert any(c.isupper() for c in mixed.meta["vocab"])
    assert len(lower.meta["vocab"]) < 50
    assert 0 < lower.meta["baseline"] < 0.3  # the commonest character, a space


def test_text_validation_windows_come_from_the_end_of_the_text():
    ds = make_dataset("text", length=20, n_samples=300, val_fraction=0.2)
    vocab, text = ds.meta["vocab"], corpus().lower()
    cut = int(round(len(text) * 0.8))
    for row in ds.x_val.argmax(axis=2)[:30]:
        assert decode(row, vocab) in text[cut:]


def test_every_allowed_text_length_fits_and_a_longer_one_is_a_clear_error():
    from nnsim.data import DATASETS, DataError
    from nnsim.data.text import text

    longest = DATASETS["text"].params["length"].max
    ds = make_dataset("text", length=longest, val_fraction=0.05, n_samples=100)
    assert ds.input_shape[0] == longest
    with pytest.raises(DataError, match="length 1000 is too long for the validation part"):
        text(n_samples=100, length=1000, val_fraction=0.05)
