"""Helpers every panel draws with: long live curves are drawn decimated, spikes kept."""

from __future__ import annotations

import numpy as np

from nnsim.ui import plot_style as S


def test_peak_decimation_keeps_the_spike_and_the_extent():
    x = np.arange(10_000, dtype=float)
    y = np.sin(x / 500.0)
    y[7_321] = 40.0                              # one loss spike late in a run
    xs, ys = S.peak_decimate(x, y, 1000)
    assert len(xs) <= 1000 + 20                  # (a short raw tail may follow the bins)
    assert ys.max() == 40.0 and ys.min() == y.min()
    assert xs[0] >= x[0] and xs[-1] == x[-1]
    assert np.all(np.diff(xs) >= 0)


def test_short_curves_are_drawn_as_they_are():
    x, y = np.arange(50.0), np.random.default_rng(0).normal(size=50)
    xs, ys = S.peak_decimate(x, y, 1000)
    assert xs is x and ys is y


def test_a_live_curve_keeps_every_value_and_hands_qt_a_screenful(qtbot):
    c = S.LiveCurve("#000000")
    x = np.arange(1, 8193, dtype=float)
    y = 1.0 / np.sqrt(x)
    c.set_values(x, y)
    assert len(c.x_values) == 8192                # read-outs and tests see the data
    drawn_x, drawn_y = c.getData()
    assert len(drawn_x) <= S.MAX_DRAWN_POINTS + 8
    assert drawn_y.max() == y.max() and drawn_y.min() == y.min()
    assert c.dataBounds(0) == (1.0, 8192.0)
