"""``combo_median``: the median, level by level, of simple baselines' quantile functions."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.combination import MEDIAN_MEMBERS, Combination
from analytics.modelling.selection import candidates
from tests.modelling.members import Fixed


def test_median_combination_takes_the_middle_member_at_every_level() -> None:
    a = np.array([[1.0], [3.0], [2.0]])  # sorted 1, 2, 3
    b = np.array([[50.0], [70.0], [60.0]])  # sorted 50, 60, 70 (far off: ignored)
    c = np.array([[4.0], [8.0], [6.0]])  # sorted 4, 6, 8
    d = np.array([[0.0], [2.0], [1.0]])  # sorted 0, 1, 2
    members = (Fixed("a", a), Fixed("b", b), Fixed("c", c), Fixed("d", d), Fixed("e", None))
    combo = Combination("combo_median", members, continuous=True, median=True)
    got = combo.paths(0, 3, np.random.default_rng(0))
    # by level, the mean of the middle two of four: (1+4)/2, (2+6)/2, (3+8)/2
    assert got == pytest.approx(np.array([[2.5], [4.0], [5.5]]))
    # the mean combination is pulled up by b: (1+50+4+0)/4 at the lowest level
    mean = Combination("combo", members, continuous=True).paths(0, 3, np.random.default_rng(0))
    assert mean is not None and mean[0, 0] == pytest.approx(13.75)
    counts = Combination("combo_median", members, median=True).paths(0, 3, np.random.default_rng(0))
    assert counts is not None and counts.ravel().tolist() == [2.0, 4.0, 6.0]  # rounded half-even


def test_combo_median_is_a_model_candidate_over_simple_baselines() -> None:
    y = np.arange(60.0)
    days = np.arange(60).astype("datetime64[W]").astype("datetime64[D]")
    got = candidates(y, days, "week", 3, autoregression=False)
    kind, combo = got["combo_median"]
    assert kind == "model"
    assert isinstance(combo, Combination) and combo.median
    assert tuple(m.name for m in combo.members) == MEDIAN_MEMBERS
    assert all(got[n][0] == "baseline" for n in MEDIAN_MEMBERS)
