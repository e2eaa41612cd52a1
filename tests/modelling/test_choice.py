"""The nested choice looks back over ``choice_span(window)`` past origins, no further."""

from __future__ import annotations

import numpy as np
import pytest

from analytics.modelling.choice import baseline_pairs, choice_span, inner_mask, rank
from analytics.modelling.selection import (
    FEW_ORIGINS,
    WINDOW,
    Scores,
    honest_baseline_crps,
    publish,
)


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


def _late_baselines(n: int = 60) -> Scores:
    """One step ahead from origins 1..n: a model scoring CRPS 2.0 from the first origin, and
    baselines that start late (a short series: their past errors come later): mean_4 scores
    1.0 from origin 25 on, naive 3.0 from origin 35 on (y constant 10)."""
    origins = np.arange(1, n + 1)
    crps = np.full((3, n, 1), np.nan)
    crps[0, origins >= 25] = 1.0
    crps[1, origins >= 35] = 3.0
    crps[2] = 2.0
    median = np.where(np.isfinite(crps), 10.0, np.nan)
    ok = np.isfinite(crps)
    paths = {(c, i): np.full((50, 1), 10.0) for c in range(3) for i in range(n) if ok[c, i, 0]}
    return Scores(("mean_4", "naive", "model"), ("baseline", "baseline", "model"),
                  np.full(n + 1, 10.0), origins, 1, median, crps, ok, ok,
                  np.zeros(3, dtype=int), paths)  # fmt: skip


def test_refill_ranks_the_baselines_on_the_pairs_they_scored() -> None:
    s = _late_baselines()
    mask = inner_mask(s, 60, 100)  # origins 1..59, every one known
    plain = {r.name: r for r in rank(s, mask)}
    # mean_4 scored 35 of 59 pairs (59% < 80%): only the model is eligible, no baseline ranked
    assert plain["model"].n == 59 and plain["mean_4"].n == 0 and plain["naive"].n == 0
    assert baseline_pairs(s, mask)[:, 0].tolist() == ((s.origins >= 25) & (s.origins < 60)).tolist()
    got = {r.name: r for r in rank(s, mask, refill=True)}
    # on the 35 pairs of origins 25..59: mean_4 all of them, naive 25 (71% < 80%): left out
    assert got["mean_4"].n == got["model"].n == 35 and got["naive"].n == 0
    assert got["mean_4"].crps == 1.0 and got["model"].crps == 2.0


def test_refill_keeps_the_ranking_when_a_baseline_is_eligible() -> None:
    s = _late_baselines()
    mask = inner_mask(s, 60, 100) & (s.origins[:, None] >= 20)  # origins 20..59: 40 pairs
    # mean_4 scored 35 of 40 (88%): eligible, nothing to refill
    same, plain = rank(s, mask, refill=True), rank(s, mask)
    assert [(r.name, r.n) for r in same] == [(r.name, r.n) for r in plain]
    assert [r.n for r in plain] == [35, 0, 35]
    assert np.array_equal([r.crps for r in same], [r.crps for r in plain], equal_nan=True)


def test_honest_baseline_exists_where_a_model_started_first() -> None:
    s = _late_baselines()
    honest = honest_baseline_crps(s, 100)
    # from origin 33 on, mean_4's 8 (MIN_PAIRS) past pairs (origins 25..32) rank it
    assert np.isnan(honest[s.origins < 33]).all()
    assert (honest[s.origins >= 33] == 1.0).all()
