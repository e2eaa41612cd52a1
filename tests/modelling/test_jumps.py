"""A series' own jumps floor the width of intervals calibrated on few origins."""

from __future__ import annotations

import numpy as np

from analytics.modelling.jumps import MIN_JUMPS, own_jumps, wider


def test_own_jumps_skip_unknown_periods_never_read_as_zero() -> None:
    y = np.array([14.0, 6548.0, np.nan, 20.0, 30.0, 999.0])
    got = own_jumps(y, 5, 1)  # origin 5: y[0..4]; pairs (0,1), (3,4); NaN pairs skipped
    assert got.tolist() == [np.log1p(6548.0) - np.log1p(14.0), np.log1p(30.0) - np.log1p(20.0)]
    assert own_jumps(y, 5, 2).tolist() == [np.log1p(20.0) - np.log1p(6548.0)]


def test_wider_takes_the_jumps_only_when_they_span_more() -> None:
    calm = np.linspace(-0.1, 0.1, 24)
    jumps = np.linspace(-3.0, 3.0, MIN_JUMPS)
    assert wider(calm, jumps) is jumps
    assert wider(jumps * 10, jumps) is not jumps  # errors already wider: kept
    assert wider(calm, jumps[: MIN_JUMPS - 1]) is calm  # too few changes to judge
