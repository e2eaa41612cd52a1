"""The nested choice looks back over ``choice_span(window)`` past origins, no further."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.choice import choice_span, inner_mask, rank
from analytics.modelling.selection import FEW_ORIGINS, WINDOW, Scores, publish


def _scores(n: int = 200, horizon: int = 2, window: int = 40) -> Scores:
    """A baseline scoring CRPS 1.0 everywhere and a model scoring 0.5 on origins older than
    the last ``window`` before ``n`` and 1.1 on the recent ones (y constant 10)."""
    y = np.full(n + horizon, 10.0)
    origins = np.arange(1, n + 1)
    crps = np.ones((2, len(origins), horizon))
    recent = origins >= n - window - horizon
    crps[1] = np.where(recent[:, None], 1.1, 0.5)
    median = np.full_like(crps, 10.0)
    ok = np.ones_like(crps, dtype=bool)
    paths = {(c, i): np.full((50, horizon), 10.0) for c in range(2) for i in range(len(origins))}
    return Scores(("mean_4", "model"), ("baseline", "model"), y, origins, horizon, median, crps,
                  ok, ok, np.zeros(2, dtype=int), paths)  # fmt: skip


def test_choice_span_doubles_long_windows_only() -> None:
    assert choice_span(WINDOW["week"]) == 2 * WINDOW["week"]
    assert choice_span(WINDOW["month"]) == WINDOW["month"] < FEW_ORIGINS


def test_rank_averages_the_masked_pairs_only() -> None:
    s, window = _scores(), 40
    n = 200
    short = {r.name: r for r in rank(s, inner_mask(s, n, window))}
    assert short["model"].crps == pytest.approx(1.1) and short["mean_4"].crps == 1.0
    # the span: origins n-82 .. n-1 with targets before n; the recent ones are o >= n-42
    mask = inner_mask(s, n, choice_span(window))
    o = np.repeat(s.origins[:, None], 2, axis=1)  # the origin of each (origin, step) pair
    old = int((mask & (o < n - window - 2)).sum())
    new = int((mask & (o >= n - window - 2)).sum())
    got = {r.name: r for r in rank(s, mask)}
    assert got["model"].n == old + new
    assert got["model"].crps == pytest.approx((0.5 * old + 1.1 * new) / (old + new))


def test_publish_chooses_on_the_span_not_the_last_window() -> None:
    s = _scores()
    # span 80: 80 older pairs at 0.5 and 81 recent ones at 1.1 -> 0.80 < the baseline's 1.0
    pub = publish(s, 200, window=40, n_sims=100, rng=np.random.default_rng(0))
    assert pub.model == "model" and "beats the best baseline mean_4" in pub.reason
    # a short window (under FEW_ORIGINS) is its own span: only the recent 1.1 -> the baseline
    short = publish(s, 200, window=20, n_sims=100, rng=np.random.default_rng(0))
    assert short.model == "mean_4" and "no model beat" in short.reason
