"""Monthly calibration counts the misses of what was published where a candidate had none."""

from __future__ import annotations

import numpy as np

from analytics.modelling.choice import inner_mask, rank
from analytics.modelling.gaps import fill_unforecast, published_errors, published_medians
from analytics.modelling.selection import WINDOW, Scores, publish
from analytics.modelling.vincent import residual_pools

N, SPIKE = 81, 70  # periods 0..80; the model has no forecast from origin 70 (target y[70])
MISS = 11.0 * np.e**2 - 1.0  # log1p(MISS) - log1p(10) = 2 exactly


def _scores() -> Scores:
    """A baseline and a model, both with median 10 at every origin (horizon 1) on a series
    of 10s that jumps once to ``MISS`` at period 70, the one period the model could not
    forecast (as after an uncovered month): only the baseline, published there, missed it."""
    y = np.full(N, 10.0)
    y[SPIKE] = MISS
    origins = np.arange(1, N)  # origin t forecasts y[t] from y[:t]
    median = np.full((2, len(origins), 1), 10.0)
    crps = np.stack([np.full((len(origins), 1), 1.0), np.full((len(origins), 1), 0.5)])
    i_spike = SPIKE - 1
    median[1, i_spike], crps[1, i_spike] = np.nan, np.nan
    crps[0, i_spike] = 60.0
    ok = np.ones_like(median, dtype=bool)
    paths = {(c, i): np.full((50, 1), 10.0) for c in (0, 1) for i in range(len(origins))}
    del paths[(1, i_spike)]
    return Scores(("mean_4", "model"), ("baseline", "model"), y, origins, 1, median, crps, ok,
                  ok, np.zeros(2, dtype=int), paths)  # fmt: skip


def test_published_medians_replay_the_nested_choice() -> None:
    s = _scores()
    got = published_medians(s, WINDOW["month"])
    assert got[SPIKE - 1, 0] == 10.0  # only the baseline could forecast: it was published
    assert np.all(got == 10.0)  # everywhere else some candidate (both at 10) was published


def test_published_errors_fill_only_where_no_forecast() -> None:
    s = _scores()
    filled = published_errors(s, WINDOW["month"])
    assert filled[1, SPIKE - 1, 0] == 10.0  # the model's hole: the baseline's median
    untouched = np.ones(filled.shape, dtype=bool)
    untouched[1, SPIKE - 1] = False
    assert np.array_equal(filled[untouched], s.median[untouched])
    # a candidate's pool now holds the fallback's miss: log1p(MISS) - log1p(10) = 2
    mask = inner_mask(s, N - 1, WINDOW["month"])
    own = residual_pools(s, 1, mask, True)[0][0]
    more = residual_pools(Scores(**{**s.__dict__, "median": filled}), 1, mask, True)[0][0]
    assert len(more) == len(own) + 1 and np.isclose(more.max(), 2.0) and own.max() == 0.0


def test_fill_leaves_origins_with_any_forecast() -> None:
    med = np.array([[[1.0, np.nan]], [[np.nan, np.nan]]])
    got = fill_unforecast(med, np.array([[7.0, 8.0]]))
    assert np.isnan(got[0, 0, 1]) and got[1, 0].tolist() == [7.0, 8.0]


def test_published_interval_widens_after_the_fallbacks_miss() -> None:
    """Origin 80: the model is chosen (CRPS 0.5 vs 1.0 on the 23 pairs both scored); its pool
    is 24 errors of 0 and the baseline's miss of 2, so 1 draw in 25 is MISS (rounded, 80):
    the 95% bound reaches it, the 80% one does not. Without the fill every draw is 10."""
    s = _scores()
    rows = rank(s, inner_mask(s, N - 1, WINDOW["month"]))
    assert {r.name: r.crps for r in rows} == {"mean_4": 1.0, "model": 0.5}
    pub = publish(s, N - 1, window=WINDOW["month"], n_sims=4000, rng=np.random.default_rng(0))
    assert pub.model == "model"
    hi80, hi95 = np.quantile(pub.samples[:, 0], [0.9, 0.975], method="inverted_cdf")
    assert hi80 == 10.0 and hi95 == round(MISS) == 80.0
    assert np.median(pub.samples) == 10.0  # the point stays the model's own
