"""Cheaper rolling origins: warm-started, cached refits, per-origin random streams, sorted
quantiles and vectorised sample paths give the same answers as the direct computations."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.modelling.autoregression import (
    FIT_CACHE,
    ARCandidate,
    FitCache,
    ar_spec,
    fit_single,
    refit_base,
    simulate_paths,
)
from analytics.modelling.baselines import ERROR_WINDOW, baseline_rule
from analytics.modelling.combination import Combination, quantile_average
from analytics.modelling.counts import fit_nb
from analytics.modelling.sample_scores import sorted_quantiles
from analytics.modelling.selection import candidates, origin_stream, score_origins
from analytics.modelling.surge import surge_alerts

START = np.datetime64("2021-01-04")


def _nb_ar_series(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A negative binomial series whose log mean follows its own last count (weekly dates)."""
    rng = np.random.default_rng(seed)
    y, prev = np.zeros(n), 10.0
    for t in range(n):
        mu = np.exp(1.2 + 0.5 * np.log1p(prev))
        y[t] = rng.negative_binomial(4, 4 / (4 + mu))
        prev = y[t]
    return y, START + 7 * np.arange(n)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_warm_started_fit_reaches_the_cold_fit(seed: int) -> None:
    # a refit started from the previous prefix's estimates must land on the same maximum
    y, days = _nb_ar_series(140, seed)
    spec, _ = ar_spec("week", y, days, "auto")
    exog_a, resp_a, names = spec.rows(y[:128], days[:128])
    exog_b, resp_b, _ = spec.rows(y, days)
    earlier = fit_nb(resp_a, exog_a, names=names)
    cold = fit_nb(resp_b, exog_b, names=names)
    warm = fit_nb(resp_b, exog_b, names=names, warm=earlier)
    assert warm.family == cold.family
    assert warm.llf == pytest.approx(cold.llf, abs=1e-6)
    assert warm.params == pytest.approx(cold.params, abs=1e-4)
    assert warm.alpha == pytest.approx(cold.alpha, rel=1e-3, abs=1e-6)


def test_warm_start_after_a_poisson_fit_reaches_the_cold_fit() -> None:
    # large counts without overdispersion: the earlier fit's alpha sits at the boundary, so
    # the refit goes to BFGS on log alpha at once; it must still land where the cold fit does
    rng = np.random.default_rng(12)
    y, prev = np.zeros(130), 500.0
    for t in range(130):
        prev = y[t] = rng.poisson(np.exp(3.0 + 0.5 * np.log1p(prev)))
    days = START + 7 * np.arange(130)
    spec, _ = ar_spec("week", y, days, "auto")
    exog_a, resp_a, names = spec.rows(y[:120], days[:120])
    exog_b, resp_b, _ = spec.rows(y, days)
    earlier = fit_nb(resp_a, exog_a, names=names)
    assert earlier.family == "poisson"
    assert earlier.estimates is not None and earlier.estimates[1] is not None
    pois, nb = earlier.estimates
    earlier = replace(earlier, estimates=(pois, np.append(nb[:-1], 1e-8)))  # at the boundary
    cold = fit_nb(resp_b, exog_b, names=names)
    warm = fit_nb(resp_b, exog_b, names=names, warm=earlier)
    assert warm.family == cold.family == "poisson"
    assert warm.params == pytest.approx(cold.params, abs=1e-6)
    assert warm.lr_p_value == pytest.approx(cold.lr_p_value, abs=1e-3)


def test_warm_start_of_another_design_is_ignored() -> None:
    y, days = _nb_ar_series(120, 4)
    spec, _ = ar_spec("week", y, days, "auto")
    exog, resp, names = spec.rows(y, days)
    other = fit_nb(resp, exog[:, :2], names=names[:2])  # two regressors, not five
    cold = fit_nb(resp, exog, names=names)
    warm = fit_nb(resp, exog, names=names, warm=other)
    assert warm.params == pytest.approx(cold.params, abs=1e-10)


def test_fit_cache_fits_each_prefix_once_and_is_bounded() -> None:
    y, days = _nb_ar_series(100, 5)
    cache = FitCache(size=2)
    first = cache.fit(y[:80], days[:80], "week", "auto")
    again = cache.fit(y[:80].copy(), days[:80].copy(), "week", "auto")
    assert again is first  # same values and dates: the very same fit
    assert first[0] is not None
    direct = fit_single(y[:80], days[:80], "week", "auto")
    assert first[0].params == pytest.approx(direct[0].params, abs=1e-10)  # type: ignore[union-attr]
    changed = y[:80].copy()
    changed[10] += 1  # another prefix: another fit
    assert cache.fit(changed, days[:80], "week", "auto") is not first
    assert len(cache.entries) == 2
    cache.fit(y[:60], days[:60], "week", "auto")
    assert len(cache.entries) == 2  # bounded: the least recent went out
    zeros = np.zeros(30)
    none = cache.fit(zeros, days[:30], "week", "auto")
    assert none[0] is None and "forecast is 0" in none[2]  # kept like any fit
    assert cache.fit(zeros, days[:30], "week", "auto") is none


@given(origin=st.integers(1, 400), every=st.integers(1, 8))
def test_refit_base_is_the_last_multiple_before_the_origin(origin: int, every: int) -> None:
    base = refit_base(origin, every, "week")
    assert base <= origin
    if base != origin or origin % every == 0:
        assert base % every == 0 and origin - base < every
    else:  # too short for dynamics (fewer than 2 * 4 + 8 weeks): the origin itself
        assert origin - origin % every < 16


def _scores_at(origins: np.ndarray, seed: int = 7) -> dict[str, np.ndarray]:
    y, days = _nb_ar_series(90, 6)
    cands = {
        n: c
        for n, c in candidates(y, days, "week", 3).items()
        if n in ("naive", "mean_4", "local_drift", "ets_level", "nb_ar")
    }
    s = score_origins(y, cands, origins, 3, n_sims=300, seed=seed)
    return {n: s.crps[c] for c, n in enumerate(s.names)}


def test_scores_at_an_origin_do_not_depend_on_the_other_origins() -> None:
    every = _scores_at(np.arange(40, 88))
    some = _scores_at(np.array([47, 60, 87]))
    for name, crps in some.items():
        for j, t in enumerate((47, 60, 87)):
            assert np.array_equal(crps[j], every[name][t - 40], equal_nan=True), name
    assert not np.array_equal(every["naive"], _scores_at(np.arange(40, 88), seed=8)["naive"])


def test_origin_streams_differ_by_candidate_and_origin() -> None:
    draws = {
        (n, t): origin_stream(3, n, t).random(4).tolist()
        for n in ("naive", "mean_4")
        for t in (10, 11)
    }
    assert len({tuple(v) for v in draws.values()}) == 4
    assert origin_stream(3, "naive", 10).random(4).tolist() == draws[("naive", 10)]


def test_combination_of_drawn_members_is_their_quantile_average() -> None:
    a = np.array([[3.0, 1.0], [1.0, 5.0]])
    b = np.array([[2.0, 2.0], [6.0, 0.0]])
    combo = Combination("combo", ())
    # sorted columns: a -> [1, 3], [1, 5]; b -> [2, 6], [0, 2]; means 1.5, 4.5 and 0.5, 3.5
    got = combo.combine([a, None, b])
    assert got is not None
    assert got.tolist() == np.round(quantile_average([a, b])).tolist() == [[2.0, 0.0], [4.0, 4.0]]
    assert combo.combine([a, None]) is None  # fewer than two members


@settings(max_examples=60)
@given(
    n=st.integers(1, 300),
    level=st.sampled_from([0.5, 0.1, 0.9, 0.025, 0.975, 0.0, 1.0, 0.3]),
    seed=st.integers(0, 1000),
)
def test_sorted_quantiles_equal_numpy_inverted_cdf(n: int, level: float, seed: int) -> None:
    x = np.sort(np.random.default_rng(seed).poisson(3.0, size=(n, 2)).astype(float), axis=0)
    want = np.quantile(x, [level], axis=0, method="inverted_cdf")
    assert np.array_equal(sorted_quantiles(x, [level]), want)


def _loop_errors(y: np.ndarray, points: np.ndarray, origin: int, h: int) -> np.ndarray:
    """The step-h log errors as the one-step-at-a-time rule took them (independent loop)."""
    out = []
    for ts in range(max(origin - h + 1 - ERROR_WINDOW, 0), origin - h + 1):
        e = np.log1p(y[ts + h - 1]) - np.log1p(points[ts, h - 1])
        if np.isfinite(e):
            out.append(e)
    return np.array(out)


def test_resampled_baseline_draws_only_its_own_past_errors_at_each_step() -> None:
    y, _ = _nb_ar_series(150, 8)
    y[[20, 75, 140]] = np.nan  # unknown periods are skipped, never 0
    rule = baseline_rule("mean_4", y, 4, 52)
    got = rule.paths(148, 4000, np.random.default_rng(0))
    assert got is not None
    for h in range(1, 5):
        errs = _loop_errors(y, rule.points, 148, h)
        allowed = set(np.round(np.expm1(np.log1p(rule.points[148, h - 1]) + errs)).tolist())
        seen = set(got[:, h - 1].tolist())
        assert seen <= allowed
        assert len(seen) >= 0.8 * len(allowed)  # 4,000 draws reach nearly every error
    assert rule.paths(3, 100, np.random.default_rng(0)) is None  # fewer than 4 errors


def test_local_drift_draws_are_negative_binomial_around_the_point() -> None:
    y, _ = _nb_ar_series(150, 9)
    rule = baseline_rule("local_drift", y, 3, 52)
    got = rule.paths(150, 40000, np.random.default_rng(1))
    assert got is not None
    point = rule.points[150]
    for h in range(3):  # moment alpha of the step's past errors, computed here by a loop
        ts = np.arange(150 - h - ERROR_WINDOW, 150 - h)
        a, p = y[ts + h], rule.points[ts, h]
        alpha = max(float(np.sum((a - p) ** 2 - p) / np.sum(p**2)), 1e-6)
        var = point[h] + alpha * point[h] ** 2
        assert got[:, h].mean() == pytest.approx(point[h], abs=5 * np.sqrt(var / 40000) + 0.5)
        assert got[:, h].var() == pytest.approx(var, rel=0.1)


def test_surge_checks_refit_the_prefixes_the_selection_refits() -> None:
    y, days = _nb_ar_series(70, 10)
    FIT_CACHE.entries.clear()
    surge_alerts(pl.DataFrame({"period": days, "value": y}), history=30, refit_every=4)
    after_surge = set(FIT_CACHE.entries)
    cand = ARCandidate(y, days, "week", 2)
    for t in range(40, 71):
        cand.paths(t, 10, np.random.default_rng(0))
    assert set(FIT_CACHE.entries) == after_surge  # every refit was already there


def _paths_by_design_rows(fit, spec, history, future, n_sims, rng):  # type: ignore[no-untyped-def]
    """Paths built as the model is written: a full design row per path and step."""
    beta, alpha = fit.draw(rng, n_sims)
    det, _ = spec.deterministic(future)
    hist = np.tile(np.asarray(history[-spec.lag :], dtype=float), (n_sims, 1))
    out = np.empty((n_sims, len(future)), dtype=np.int64)
    for h in range(len(future)):
        lags = np.column_stack([np.log1p(hist[:, -1]), np.log1p(hist[:, -spec.lag :].mean(1))])
        x = np.column_stack([np.ones(n_sims), lags, np.tile(det[h, 1:], (n_sims, 1))])
        mu = np.exp(np.clip(np.einsum("ij,ij->i", x, beta), -30, 20))
        lam = np.where(alpha > 0, rng.gamma(1 / np.maximum(alpha, 1e-12), alpha * mu), mu)
        out[:, h] = rng.poisson(lam)
        hist = np.column_stack([hist[:, 1:], out[:, h]])
    return out


def test_simulated_paths_equal_the_design_row_computation() -> None:
    y, days = _nb_ar_series(130, 11)
    fit, spec, _ = fit_single(y, days, "week", "auto")
    assert fit is not None and spec.ar
    future = days[-1] + 7 * np.arange(1, 9)
    got = simulate_paths(fit, spec, y, future, n_sims=300, rng=np.random.default_rng(2))
    want = _paths_by_design_rows(fit, spec, y, future, 300, np.random.default_rng(2))
    assert np.array_equal(got, want)
