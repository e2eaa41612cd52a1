"""Monthly series: a candidate is ranked and calibrated on what was published where it had no
forecast (the jumps after gaps)."""

from __future__ import annotations

import numpy as np

from analytics.modelling.choice import inner_mask, rank
from analytics.modelling.gaps import published_fill
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


def test_published_choice_replays_the_nested_choice() -> None:
    got = published_fill(_scores(), WINDOW["month"]).chosen
    assert got[SPIKE - 1] == 0  # only the baseline could forecast there: it was published
    assert got[0] == 0  # no past pair yet: the fallback baseline
    assert np.all(got[30 : SPIKE - 1] == 1)  # the model, better on the pairs both scored


def test_published_fill_only_where_no_forecast() -> None:
    s = _scores()
    filled = published_fill(s, WINDOW["month"])
    median, crps = filled.median, filled.crps
    assert median[1, SPIKE - 1, 0] == 10.0 and crps[1, SPIKE - 1, 0] == 60.0  # the baseline's
    untouched = np.ones(median.shape, dtype=bool)
    untouched[1, SPIKE - 1] = False
    assert np.array_equal(median[untouched], s.median[untouched])
    assert np.array_equal(crps[untouched], s.crps[untouched])
    # the model's pool now holds the fallback's miss: log1p(MISS) - log1p(10) = 2
    mask = inner_mask(s, N - 1, WINDOW["month"])
    own = residual_pools(s, 1, mask, True)[0][0]
    more = residual_pools(Scores(**{**s.__dict__, "median": median}), 1, mask, True)[0][0]
    assert len(more) == len(own) + 1 and np.isclose(more.max(), 2.0) and own.max() == 0.0


def test_fill_is_nested_origin_by_origin() -> None:
    """The fill at an origin does not read later origins: cutting the scores at origin 75
    leaves every filled value before it unchanged, and the original arrays are not written."""
    s = _scores()
    before = s.median.copy()
    full = published_fill(s, WINDOW["month"])
    cut = Scores(**{**s.__dict__, "origins": s.origins[:74], "median": s.median[:, :74],
                    "crps": s.crps[:, :74], "y": s.y[:75]})  # fmt: skip
    part = published_fill(cut, WINDOW["month"])
    assert np.array_equal(part.median, full.median[:, :74], equal_nan=True)
    assert np.array_equal(part.chosen, full.chosen[:74])
    assert np.array_equal(s.median, before, equal_nan=True)


def test_published_interval_widens_after_the_fallbacks_miss() -> None:
    """Origin 80: the model is chosen (CRPS 0.5 vs 1.0 on the 24 pairs both scored; charged
    the baseline's 60 at origin 70, (24 * 0.5 + 60) / 25 against (24 + 60) / 25); its pool is
    24 errors of 0 and the baseline's miss of 2, so 1 draw in 25 is MISS (rounded, 80): the
    95% bound reaches it, the 80% one does not. Without the fill every draw is 10."""
    s = _scores()
    rows = rank(s, inner_mask(s, N - 1, WINDOW["month"]))
    assert {r.name: r.crps for r in rows} == {"mean_4": 1.0, "model": 0.5}  # unfilled
    pub = publish(s, N - 1, window=WINDOW["month"], n_sims=4000, rng=np.random.default_rng(0))
    assert pub.model == "model"
    hi80, hi95 = np.quantile(pub.samples[:, 0], [0.9, 0.975], method="inverted_cdf")
    assert hi80 == 10.0 and hi95 == round(MISS) == 80.0
    assert np.median(pub.samples) == 10.0  # the point stays the model's own


def test_a_model_answers_for_the_fallbacks_miss_in_the_choice() -> None:
    """A second baseline, naive (CRPS 1.2, but 2 at origin 70 where mean_4, published there
    as the better baseline until then, scored 60). Charged mean_4's 60 at 70, the model's
    mean is (24 * 0.5 + 60) / 25 = 2.88 over the 25 pairs, naive's (24 * 1.2 + 2) / 25 = 1.23:
    naive is published. Compared on the 24 pairs all three scored, the model (0.5) was."""
    s = _scores()
    y, o = s.y, s.origins
    median = np.concatenate([s.median, np.full((1, len(o), 1), 10.0)])
    naive = np.full((1, len(o), 1), 1.2)
    naive[0, SPIKE - 1] = 2.0
    crps = np.concatenate([s.crps, naive])
    ok = np.ones_like(median, dtype=bool)
    paths = s.paths | {(2, i): np.full((50, 1), 10.0) for i in range(len(o))}
    three = Scores(("mean_4", "model", "naive"), ("baseline", "model", "baseline"), y, o, 1,
                   median, crps, ok, ok, np.zeros(3, dtype=int), paths)  # fmt: skip
    unfilled = rank(three, inner_mask(three, N - 1, WINDOW["month"]))
    assert {r.name: r.n for r in unfilled}["model"] == 24
    assert min(unfilled, key=lambda r: r.crps).name == "model"
    assert published_fill(three, WINDOW["month"]).chosen[SPIKE - 1] == 0  # mean_4 there
    pub = publish(three, N - 1, window=WINDOW["month"], n_sims=500, rng=np.random.default_rng(0))
    assert pub.model == "naive"
    got = {r["name"]: r["crps"] for r in pub.choice}
    assert np.isclose(got["model"], (24 * 0.5 + 60) / 25)
    assert np.isclose(got["naive"], (24 * 1.2 + 2) / 25)
