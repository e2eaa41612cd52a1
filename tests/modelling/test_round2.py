"""Newey-West errors, the combination, durations (alert minutes) and uncovered targets."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest

from analytics.modelling.backtest import backtest
from analytics.modelling.combination import Combination, quantile_average
from analytics.modelling.counts import fit_counts, newey_west_lags
from analytics.modelling.forecast import FORECAST_COLUMNS, forecast, forecast_frame
from analytics.modelling.selection import GUARD_FACTOR, score_origins, with_stack
from tests.modelling.members import Fixed

START = dt.date(2021, 1, 4)  # a Monday


def _days(n: int) -> list[dt.date]:
    return [START + dt.timedelta(weeks=i) for i in range(n)]


def _autocorrelated_counts(rng: np.random.Generator, n: int, family: str) -> np.ndarray:
    """Counts whose log mean follows an AR(1) with coefficient 0.7 (correlated periods)."""
    z = np.zeros(n)
    for i in range(1, n):
        z[i] = 0.7 * z[i - 1] + rng.normal(0, 0.3)
    mu = np.exp(2.5 + z)
    if family == "poisson":
        return rng.poisson(mu).astype(float)
    return rng.negative_binomial(5, 5 / (5 + mu)).astype(float)


@pytest.mark.parametrize("family", ["negative_binomial", "poisson"])
def test_hac_errors_match_statsmodels(family: str) -> None:
    rng = np.random.default_rng(1)
    y = _autocorrelated_counts(rng, 150, family)
    model = fit_counts(y, _days(150), family=family)
    assert model.hac_lags == newey_west_lags(150) == 4  # floor(4 * 1.5 ** (2/9)) = floor(4.38)
    res = model.fit.result
    direct = res.model.fit(
        start_params=res.params, method="newton", maxiter=100, disp=0, cov_type="HAC",
        cov_kwds={"maxlags": model.hac_lags},
    )  # fmt: skip
    k = model.coefficients.height
    ours = model.coefficients["std_error_hac"].to_numpy()
    assert ours == pytest.approx(np.asarray(direct.bse)[:k], rel=1e-4)
    # the IRR bounds are exp(estimate -+ 1.96 se)
    c = model.coefficients
    z = 1.959963984540054
    assert c["irr_high_hac"].to_numpy() == pytest.approx(
        np.exp(c["estimate"].to_numpy() + z * ours), rel=1e-9
    )


def test_hac_errors_exceed_model_errors_on_the_intercept_of_correlated_counts() -> None:
    # positively autocorrelated periods carry less information than independent ones: over
    # many series the Newey-West error of the level exceeds the model-based one on average
    rng = np.random.default_rng(3)
    ratios = []
    for _ in range(12):
        y = _autocorrelated_counts(rng, 150, "negative_binomial")
        c = fit_counts(y, _days(150), fourier=0, trend=False).coefficients
        ratios.append(c["std_error_hac"][0] / c["std_error"][0])
    assert np.mean(ratios) > 1.0


def test_hac_lags_rule() -> None:
    # floor(4 (n/100)^(2/9)): 52 -> floor(3.46) = 3; 1000 -> floor(6.67) = 6
    assert newey_west_lags(52) == 3
    assert newey_west_lags(1000) == 6


def test_combination_averages_quantiles_and_needs_two_members() -> None:
    a = np.array([[1.0, 10.0], [3.0, 30.0], [2.0, 20.0]])
    b = np.array([[7.0, 0.0], [5.0, 4.0], [9.0, 2.0]])
    # sorted columns: a -> [1,2,3], [10,20,30]; b -> [5,7,9], [0,2,4]; means by rank
    expected = np.array([[3.0, 5.0], [4.5, 11.0], [6.0, 17.0]])
    assert quantile_average([a, b]) == pytest.approx(expected)
    rng = np.random.default_rng(0)
    combo = Combination("combo", (Fixed("a", a), Fixed("b", b), Fixed("c", None)))
    got = combo.paths(0, 3, rng)
    assert got is not None
    assert np.sort(got, axis=0) == pytest.approx(np.round(expected))  # counts: rounded
    cont = Combination("combo", (Fixed("a", a), Fixed("b", b)), continuous=True)
    assert cont.paths(0, 3, rng) == pytest.approx(expected)
    assert Combination("combo", (Fixed("a", a), Fixed("c", None))).paths(0, 3, rng) is None


def _minutes(rng: np.random.Generator, n: int) -> np.ndarray:
    """Weekly alert minutes: a slowly moving level times lognormal noise (not integers)."""
    level = 3000 * np.exp(np.cumsum(rng.normal(0, 0.05, n)))
    return level * np.exp(rng.normal(0, 0.3, n)) + rng.random(n)


def test_alert_minutes_are_forecast_as_a_duration() -> None:
    rng = np.random.default_rng(5)
    y = _minutes(rng, 120)
    frame = pl.DataFrame({"period": _days(120), "value": y})
    res = forecast(frame, horizon=4, metric="alert_minutes", n_sims=1000)
    out = forecast_frame(res)
    assert out.columns == list(FORECAST_COLUMNS)
    assert out["median"].dtype == pl.Float64  # not rounded to counts
    assert not out["median"].is_null().any()
    assert res.model != "nb_ar"  # the count autoregression is not a candidate for durations
    assert (out["lo95"] <= out["lo80"]).all() and (out["lo80"] <= out["median"]).all()
    assert (out["median"] <= out["hi80"]).all() and (out["hi80"] <= out["hi95"]).all()
    samples = res.paths["UA"]
    assert np.any(samples != np.round(samples))
    assert out["hi95"].max() <= GUARD_FACTOR * y.max()  # type: ignore[operator]
    # the same series as a count metric is rounded to whole numbers
    counts = forecast_frame(forecast(frame, horizon=4, metric="alerts", n_sims=500))
    assert counts["median"].dtype == pl.Int64
    with pytest.raises(ValueError, match="auto"):
        forecast(frame, horizon=4, metric="alert_minutes", model="nb_ar")


def test_backtest_of_minutes_scores_the_duration_forecast() -> None:
    rng = np.random.default_rng(6)
    frame = pl.DataFrame({"period": _days(110), "value": _minutes(rng, 110)})
    res = backtest(frame, horizon=2, n_origins=6, n_sims=300, metric="alert_minutes")
    assert "nb_ar" not in set(res.table["model"])
    assert "published" in set(res.table["model"])
    pub = res.forecasts.filter(pl.col("model") == "published")
    assert (pub["point"] != pub["point"].round(0)).any()


def test_uncovered_targets_are_left_out_of_the_backtest_never_zero() -> None:
    rng = np.random.default_rng(7)
    values: list[float | None] = list(rng.poisson(20, 90).astype(float))
    values[-3] = None  # held back and not covered: no row, no CRPS against 0
    days = _days(90)
    frame = pl.DataFrame({"period": days, "value": values}, schema_overrides={"value": pl.Float64})
    res = backtest(frame, horizon=3, n_origins=4, n_sims=300, metric="incidents")
    rows = res.forecasts
    assert rows.filter(pl.col("period_start") == days[-3]).height == 0
    assert rows["crps"].is_finite().all()
    # every other held-back period is scored by each origin whose horizon reaches it
    pub = rows.filter(pl.col("model") == "published")
    assert pub.height == 4 * 3 - 3  # origins t = 85, 86, 87 (of 84..87) reach index 87 = values[-3]


def test_coherent_sum_is_scored_against_the_covered_oblasts() -> None:
    rng = np.random.default_rng(8)
    n = 80
    days = _days(n)
    panel = []
    for code, level in (("A", 10.0), ("B", 25.0), ("C", 5.0)):
        values: list[float | None] = list(rng.poisson(level, n).astype(float))
        if code == "C":
            values[-2] = None  # C not covered that week: out of the target and of the sum
        panel.append(pl.DataFrame({"period": days, "value": values, "oblast_code": code},
                                  schema_overrides={"value": pl.Float64}))  # fmt: skip
    frame = pl.concat(panel)
    res = backtest(frame, horizon=2, n_origins=5, n_sims=300, pooled=False, coherent="UA",
                   metric="incidents")  # fmt: skip
    coh = res.forecasts.filter(pl.col("model") == "coherent_sum")
    assert set(coh["oblast_code"]) == {"UA"}
    assert coh.height == 5 * 2  # every origin and step: all three series published
    # independent target: the sum of the covered oblasts' values that week
    expected = (
        frame.group_by("period").agg(pl.col("value").sum().alias("expected"))  # sum skips NULL
    )
    got = coh.join(expected, left_on="period_start", right_on="period")
    assert (got["actual"] == got["expected"]).all()
    assert (got["lo80"] <= got["point"]).all() and (got["point"] <= got["hi80"]).all()
    assert "coherent_sum" in set(res.table["model"])


class _Shifted:
    """A candidate whose samples are ``centre`` + evenly spread offsets in [-1, 1]."""

    def __init__(self, name: str, centre: float) -> None:
        self.name = name
        self.centre = centre

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        return np.repeat((self.centre + np.linspace(-1, 1, n_sims))[:, None], 2, axis=1)


def test_stack_averages_the_three_best_candidates_on_past_origins() -> None:
    y = np.full(60, 10.0)  # every target is 10: CRPS ranks the candidates by distance from 10
    cands = {
        name: ("model", _Shifted(name, centre))
        for name, centre in (("far", 30.0), ("a", 10.0), ("b", 12.0), ("c", 14.0))
    }
    origins = np.arange(20, 59)
    scores = score_origins(y, cands, origins, 2, n_sims=101, rng=np.random.default_rng(0))
    stacked = with_stack(scores, window=10)
    s = stacked.names.index("stack")
    # the first origins have fewer than MIN_PAIRS ranked past forecasts: no stack there
    assert np.isnan(stacked.median[s, 0]).all()
    late = ~np.isnan(stacked.median[s, :, 0])
    assert late.sum() >= 30
    # mean of the quantile functions of a, b, c: centre (10 + 12 + 14) / 3 = 12, spread [-1, 1]
    assert stacked.median[s, late] == pytest.approx(12.0)
    i = int(np.flatnonzero(late)[0])
    assert stacked.paths[(s, i)].max() == pytest.approx(13.0)  # "far" (30) is never averaged


def test_uncalibrated_short_series_still_gives_n_sims_paths() -> None:
    # 12 weeks: too few past errors to calibrate; the candidate's own samples (drawn with the
    # evaluation's smaller sample count) are resampled to n_sims so series can be summed
    rng = np.random.default_rng(12)
    frame = pl.DataFrame({"period": _days(12), "value": rng.poisson(20, 12).astype(float)})
    res = forecast(frame, horizon=4, n_sims=777)
    assert "uncalibrated" in res.reason
    assert res.paths["UA"].shape == (777, 4)
