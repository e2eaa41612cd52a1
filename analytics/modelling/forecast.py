"""Published forecasts of count series: honest choice, calibrated intervals, guards.

``forecast`` (model ``auto``) publishes, per series, the best of simple baselines (naive,
seasonal naive, means of the last 4, 8 and 13 periods, a local level with drift),
level-following models (exponential smoothing on the log scale), combinations (``combo``:
quantile average of the recent means, the local drift and the smoothing; ``stack``: of the
three best candidates on past origins) and the guarded negative binomial autoregression,
chosen by rolling-origin CRPS on the origins before the forecast origin; a model replaces the
best baseline only when it beats it there. Intervals are calibrated by the
chosen method's own rolling-origin errors per horizon, and the measured coverage is reported
beside them (``Forecast.coverage``). The validated point forecast is the median
(``VALIDATED_POINT``): backtests score it; the mean is given for sums. A series never
positive in its known history forecasts 0; unknown (NULL) periods are left out, never 0.
Durations (``CONTINUOUS_METRICS``, e.g. alert minutes) get the same machinery without rounding
to counts and without the count autoregression.
No 95% bound exceeds ten times the largest value seen, and horizons are capped by
``MAX_HORIZON`` (``HorizonError`` above it). ``forecast_panel`` publishes every oblast with
errors resampled jointly (whole periods), so the national sum of the oblast paths is coherent;
there ``global_combo`` (combination weights learned on all the oblasts at once) is published
for the whole panel when it beat the honestly chosen baselines on past origins.
``model="nb_ar"`` gives the negative binomial autoregression alone (explosive or singular fits
fall back to the historical mean with a reason); ``forecast_pooled`` its pooled variant.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import polars as pl

from analytics.modelling.autoregression import (
    LAGS,
    MAX_LAG_SUM,
    ARSpec,
    ar_spec,
    clean_series,
    eb_levels,
    fit_single,
    future_dates,
    lag_sum,
    simulate_paths,
)
from analytics.modelling.baselines import known_max
from analytics.modelling.counts import NBFit, as_dates, fit_nb, html_table
from analytics.modelling.global_combination import panel_choices, with_global
from analytics.modelling.selection import (
    GUARD_FACTOR,
    WINDOW,
    Published,
    Scores,
    candidates,
    evaluation_origins,
    publish,
    score_origins,
    with_stack,
)

__all__ = [
    "LAGS",
    "MAX_HORIZON",
    "VALIDATED_POINT",
    "HorizonError",
    "check_horizon",
    "Forecast",
    "forecast",
    "forecast_frame",
    "forecast_panel",
    "forecast_pooled",
    "simulate_paths",
    "FORECAST_COLUMNS",
    "CONTINUOUS_METRICS",
    "PanelScores",
    "panel_scores",
    "series_scores",
]

#: Columns of every forecast frame (and of the CSV and JSON output), in this order.
FORECAST_COLUMNS: Final[tuple[str, ...]] = (
    "metric", "oblast_code", "period_start", "mean", "median", "lo80", "hi80", "lo95", "hi95",
    "model",
)  # fmt: skip
#: Longest horizon accepted, by frequency (a year of weeks, two years of months).
MAX_HORIZON: Final[dict[str, int]] = {"day": 90, "week": 52, "acled_week": 52, "month": 24}
#: The point forecast that backtests validate.
VALIDATED_POINT: Final = "median"
#: Metrics that are durations (continuous), not counts: forecast by ``forecast`` without
#: rounding, without the count autoregression, quantiles as floats.
CONTINUOUS_METRICS: Final[frozenset[str]] = frozenset({"alert_minutes", "alert_hours"})
#: Simulated paths per origin in the rolling-origin evaluation.
EVAL_SIMS: Final = 400
#: A panel's scores (key -> ``Scores`` with ``global_combo``) and its choice by origin.
PanelScores = tuple[dict[Any, Scores], dict[int, tuple[str, str] | None]]


class HorizonError(ValueError):
    """A horizon outside 1..MAX_HORIZON[freq] (a usage error, not "nothing to do")."""


def check_horizon(horizon: int, freq: str) -> None:
    """Raise ``HorizonError`` unless ``1 <= horizon <= MAX_HORIZON[freq]``."""
    top = MAX_HORIZON.get(freq)
    if top is None:
        raise HorizonError(f"unknown frequency {freq!r}; expected one of {sorted(MAX_HORIZON)}")
    if not 1 <= horizon <= top:
        raise HorizonError(f"horizon must be between 1 and {top} {freq}s, got {horizon}")


def _summarise(paths: np.ndarray, continuous: bool = False) -> dict[str, np.ndarray]:
    q = {
        name: np.quantile(paths, p, axis=0, method="inverted_cdf")
        for name, p in (("median", 0.5), ("lo80", 0.1), ("hi80", 0.9), ("lo95", 0.025),
                        ("hi95", 0.975))
    }  # fmt: skip
    mean = paths.mean(axis=0).round(2)
    if continuous:
        return {"mean": mean, **{k: v.astype(float).round(2) for k, v in q.items()}}
    return {"mean": mean, **{k: v.astype(np.int64) for k, v in q.items()}}


def _frame(
    metric: str, key: str, dates: np.ndarray, paths: np.ndarray | None, model: str,
    continuous: bool = False,
) -> pl.DataFrame:  # fmt: skip
    s: Mapping[str, pl.Series | np.ndarray]
    if paths is None:  # no forecast possible: NULL, not 0
        nulls = np.full(len(dates), None)
        kind = pl.Float64 if continuous else pl.Int64
        s = {"mean": pl.Series(nulls, dtype=pl.Float64)} | {
            c: pl.Series(nulls, dtype=kind) for c in ("median", "lo80", "hi80", "lo95", "hi95")
        }
    else:
        s = _summarise(paths, continuous)
    return pl.DataFrame(
        {
            "metric": metric,
            "oblast_code": key,
            "period_start": dates.astype(dt.date).tolist(),
            **s,
            "model": model,
        }
    ).with_columns(pl.col("period_start").cast(pl.Date))


@dataclass(frozen=True)
class Forecast:
    """Forecasts with 80% and 95% prediction intervals, and why this model.

    ``forecasts`` columns: ``FORECAST_COLUMNS`` (integer quantiles; ``median`` is the
    validated point). ``paths`` maps oblast_code to the predictive samples (sims x horizon).
    ``choice`` (published forecasts): per candidate, its rolling-origin CRPS and MAE on the
    past origins, and which was chosen. ``coverage``: per step, the measured coverage of the
    calibrated 80% and 95% intervals on past origins. ``levels`` (pooled only): oblast_code,
    observed, expected, raw_ratio, shrunk_ratio.
    """

    forecasts: pl.DataFrame
    model: str
    reason: str
    fit: NBFit | None
    paths: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    levels: pl.DataFrame | None = None
    choice: pl.DataFrame | None = None
    coverage: pl.DataFrame | None = None

    def _repr_html_(self) -> str:
        fam = "" if self.fit is None else f" {self.fit.reason}."
        text = f"<p><b>{html.escape(self.model)}</b>: {html.escape(self.reason + '.' + fam)}</p>"
        text += html_table(self.forecasts, "forecasts (80% and 95% prediction intervals)")
        if self.coverage is not None:
            text += html_table(self.coverage, "measured coverage on past origins")
        if self.choice is not None:
            text += html_table(self.choice, "rolling-origin evaluation")
        return text


def forecast_frame(result: Forecast) -> pl.DataFrame:
    """The output frame (CSV/JSON) of a forecast: ``FORECAST_COLUMNS`` in that order."""
    return result.forecasts.select(FORECAST_COLUMNS)


def _tables(pub: Published, key: str) -> tuple[pl.DataFrame | None, pl.DataFrame | None]:
    choice = pl.DataFrame(pub.choice).with_columns(oblast_code=pl.lit(key)) if pub.choice else None
    cover = (
        pl.DataFrame(pub.coverage).with_columns(oblast_code=pl.lit(key)) if pub.coverage else None
    )
    return choice, cover


def series_scores(
    y: np.ndarray, freq: str, horizon: int, days: np.ndarray, seed: int,
    continuous: bool = False,
) -> Scores:  # fmt: skip
    """Rolling-origin scores of every candidate on ``y`` (with ``stack``), for publishing from
    its end: origins ``evaluation_origins(len(y), len(y), horizon, WINDOW[freq])``."""
    origins = evaluation_origins(len(y), len(y), horizon, WINDOW[freq])
    cands = candidates(y, days, freq, horizon, continuous=continuous)
    scores = score_origins(
        y, cands, origins, horizon, n_sims=EVAL_SIMS, seed=seed, continuous=continuous
    )
    return with_stack(scores, WINDOW[freq])


def _publish_end(
    scores: Scores, freq: str, n_sims: int, rng: np.random.Generator,
    draws: np.ndarray | None = None, panel_choice: tuple[str, str] | None = None,
) -> Published | None:  # fmt: skip
    """The published forecast from the end of the series (None: too short for any candidate)."""
    try:
        return publish(
            scores,
            len(scores.y),
            window=WINDOW[freq],
            n_sims=n_sims,
            rng=rng,
            draws=draws,
            panel_choice=panel_choice,
        )
    except ValueError:
        return None


def _forecast_ar(
    y: np.ndarray, days: np.ndarray, future: np.ndarray, freq: str, model: str, metric: str,
    key: str, n_sims: int, seed: int,
) -> Forecast:  # fmt: skip
    rng = np.random.default_rng(seed)
    fit, spec, reason = fit_single(y, days, freq, "mean" if model == "mean" else "auto")
    if fit is None:
        paths = np.zeros((n_sims, len(future)), dtype=np.int64)
        name = "zero"
    else:
        paths = simulate_paths(fit, spec, y, future, n_sims=n_sims, rng=rng)
        name = ("nb" if fit.family == "negative_binomial" else "poisson") + (
            "_ar" if spec.ar else "_mean"
        )
    return Forecast(_frame(metric, key, future, paths, name), name, reason, fit, {key: paths})


def forecast(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key: str = "UA",
    model: str = "auto",
    n_sims: int = 2000,
    seed: int = 0,
    continuous: bool | None = None,
    scores: Scores | None = None,
) -> Forecast:
    """Forecast one complete count series (or duration series) ``horizon`` periods ahead.

    ``model``: ``auto`` (the published forecast: honest choice among baselines and models,
    calibrated intervals), ``nb_ar`` (the guarded NB/Poisson autoregression alone, historical
    mean for short or sparse series) or ``mean`` (the historical mean). The last period must
    be complete (see ``aggregate.flag_incomplete``). Raises ``HorizonError`` for a horizon
    outside ``1..MAX_HORIZON[freq]`` and ``ValueError`` when nothing is known.

    ``continuous`` (default: ``metric in CONTINUOUS_METRICS``): the values are a duration
    such as alert minutes. The same baselines, level models, combination, nested choice and
    calibration run on the ``log1p`` scale without rounding to counts and without the count
    autoregression; quantiles are floats in the unit of the input. ``model`` must be ``auto``.
    ``scores``: :func:`series_scores` of this series with the same arguments (not scored again).
    """
    check_horizon(horizon, freq)
    continuous = metric in CONTINUOUS_METRICS if continuous is None else continuous
    if continuous and model != "auto":
        raise ValueError(f"a duration ({metric}) is forecast by model auto only, not {model}")
    if model not in ("auto", "nb_ar", "mean"):
        raise ValueError(f"unknown model {model!r}; expected auto, nb_ar or mean")
    y, days = clean_series(series, period_col, value_col)
    future = future_dates(days[-1].astype(dt.date), freq, horizon)[:horizon]
    if model != "auto":
        return _forecast_ar(y, days, future, freq, model, metric, key, n_sims, seed)
    if scores is None:
        scores = series_scores(y, freq, horizon, days, seed, continuous)
    pub = _publish_end(scores, freq, n_sims, np.random.default_rng(seed))
    if pub is None and continuous:
        raise ValueError(f"too little history to forecast {metric} (a duration)")
    if pub is None:  # too short for any rolling-origin candidate
        res = _forecast_ar(y, days, future, freq, "auto", metric, key, n_sims, seed)
        why = "too short for the rolling-origin evaluation: " + res.reason
        return Forecast(res.forecasts, res.model, why, res.fit, res.paths)
    choice, cover = _tables(pub, key)
    frame = _frame(metric, key, future, pub.samples, pub.model, continuous)
    return Forecast(frame, pub.model, pub.reason, None, {key: pub.samples}, None, choice, cover)


def forecast_panel(
    panel: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    national: str | None = "UA",
    n_sims: int = 2000,
    seed: int = 0,
    scores: PanelScores | None = None,
) -> Forecast:
    """Published forecasts of every series of a panel, and their coherent national sum.

    Each series gets its own honest choice and calibration (a series never positive forecasts
    0 and borrows nothing), except that ``global_combo`` (weights learned on all the series)
    is published for every series it can forecast when, on past origins, it beat the
    honestly chosen baselines over the panel. The calibrated errors of all series are
    resampled with the same draws (whole past periods together), so summed paths keep the
    oblasts' co-movement; with
    ``national`` set, a row per period gives that sum (model ``coherent_sum``). A series that
    cannot be forecast (too little history, or no known period at all) gets NULL rows and is
    named in ``reason``; the national sum is then over the other series, and says so.
    ``scores``: :func:`panel_scores` of this panel with the same arguments (not scored again).
    """
    check_horizon(horizon, freq)
    continuous = metric in CONTINUOUS_METRICS
    panel = panel.sort(key_col, period_col)
    keys = [k for k in panel[key_col].unique(maintain_order=True).to_list() if k != national]
    draws = np.random.default_rng(seed).random(n_sims)
    frames, paths, reasons, choices, covers, blocked = [], {}, [], [], [], []
    uncovered: list[str] = []
    if panel.height == 0:
        raise ValueError("the panel is empty: nothing to forecast")
    last = as_dates(panel[period_col].sort().tail(1))[0].astype(dt.date)
    future = future_dates(last, freq, horizon)[:horizon]
    rngs = {k: np.random.default_rng(seed) for k in keys}
    cols = (key_col, period_col, value_col)
    scored, decided = scores or panel_scores(panel, keys, seed, freq, horizon, cols, continuous)
    for k in keys:
        if k not in scored:  # no period of this series is known
            uncovered.append(str(k))
            frames.append(_frame(metric, k, future, None, "not_covered", continuous))
            continue
        pub = _publish_end(scored[k], freq, n_sims, rngs[k], draws, decided.get(len(scored[k].y)))
        if pub is None:
            blocked.append(str(k))
            frames.append(_frame(metric, k, future, None, "none", continuous))
            continue
        paths[k] = pub.samples
        frames.append(_frame(metric, k, future, pub.samples, pub.model, continuous))
        reasons.append(f"{k}: {pub.reason}")
        choice, cover = _tables(pub, str(k))
        choices += [] if choice is None else [choice]
        covers += [] if cover is None else [cover]
    if national is not None:
        known = [k for k in keys if k in paths]
        total = np.sum([paths[k] for k in known], axis=0) if known else None
        frames.append(_frame(metric, national, future, total, "coherent_sum", continuous))
        if total is not None:
            paths[national] = total
    why = _panel_reason(reasons, blocked, uncovered, national is not None)
    return Forecast(
        pl.concat(frames), "published", why, None, paths, None,
        pl.concat(choices, how="diagonal") if choices else None,
        pl.concat(covers, how="diagonal") if covers else None,
    )  # fmt: skip


def _panel_reason(
    reasons: list[str], blocked: list[str], uncovered: list[str], summed: bool
) -> str:
    """``forecast_panel``'s reason: each series' own, then the series left without rows."""
    why = "per-series published forecasts, errors resampled jointly; " + " | ".join(reasons)
    if blocked:
        why += f"; no forecast (NULL rows) for {', '.join(blocked)}: too little history"
    if uncovered:
        why += f"; no forecast (NULL rows) for {', '.join(uncovered)}: no period of theirs is known"
    if summed and (blocked or uncovered):
        why += "; the national sum is over the other series only"
    return why


def panel_scores(
    panel: pl.DataFrame, keys: list[Any], seed: int, freq: str,
    horizon: int, cols: tuple[str, str, str], continuous: bool,
) -> PanelScores:  # fmt: skip
    """Every known series' scores (``global_combo`` added) and the panel's choice by origin.

    ``cols``: key, period and value columns. A series with no known period is left out.
    """
    key_col, period_col, value_col = cols
    scored: dict[Any, Scores] = {}
    grids: dict[Any, np.ndarray] = {}
    for k in keys:
        one = panel.filter(pl.col(key_col) == k)
        if one[value_col].null_count() == one.height:
            continue
        y, grids[k] = clean_series(one, period_col, value_col)
        scored[k] = series_scores(y, freq, horizon, grids[k], seed, continuous)
    scored |= _global_scores(scored, grids, WINDOW[freq])
    return scored, panel_choices(scored, WINDOW[freq])


def _global_scores(
    scored: dict[str, Scores], grids: dict[str, np.ndarray], window: int
) -> dict[str, Scores]:
    """``global_combo`` added to the series on the panel's most common period grid."""
    if len(scored) < 2:
        return scored
    counts = [sum(np.array_equal(g, h) for h in grids.values()) for g in grids.values()]
    grid = list(grids.values())[int(np.argmax(counts))]
    same = {k: s for k, s in scored.items() if np.array_equal(grids[k], grid)}
    return with_global(same, window, n_sims=EVAL_SIMS)


def _pooled_fit(
    spec: ARSpec, series: dict[str, tuple[np.ndarray, np.ndarray]], keys: list[str],
    days: np.ndarray,
) -> tuple[NBFit, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:  # fmt: skip
    """Pooled fit with empirical-Bayes level offsets; None when singular or explosive."""
    built = [spec.rows(series[k][0], days) for k in keys]
    exog = np.vstack([b[0] for b in built])
    resp = np.concatenate([b[1] for b in built])
    names = built[0][2]
    group = np.repeat(np.arange(len(keys)), [len(b[1]) for b in built])
    try:
        first = fit_nb(resp, exog, names=names)
        mu = first.mean(exog)
        observed = np.bincount(group, weights=resp, minlength=len(keys))
        expected = np.bincount(group, weights=mu, minlength=len(keys))
        shrunk = eb_levels(observed, expected)
        offset = np.log(np.maximum(shrunk, 1e-6))
        fit = fit_nb(resp, exog, names=names, offset=offset[group])
    except (np.linalg.LinAlgError, ValueError):
        return None
    if not np.all(np.isfinite(fit.params)) or (spec.ar and lag_sum(fit) >= MAX_LAG_SUM):
        return None
    return fit, offset, observed, expected, shrunk


def forecast_pooled(
    panel: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    n_sims: int = 2000,
    seed: int = 0,
) -> Forecast:
    """Forecast every series of a complete panel with one pooled model.

    Shared coefficients (lags, seasonality) and a shared alpha are fitted to all oblasts
    stacked; each oblast's level factor is its observed/expected ratio shrunk toward the
    common ratio by empirical Bayes, entering as an offset in a second fit. Simulation uses
    the same parameter draws for every oblast, so the oblast paths can be summed coherently.
    The shrunken level factors enter the simulation as known offsets: their own estimation
    error is not propagated, so intervals of sparse oblasts may be somewhat narrow.
    Unknown (NULL) values are left out of the fit; a series whose last lags hold one gets
    NULL forecast rows, and ``reason`` names it.
    """
    keys, series, days = _panel_series(panel, key_col, period_col, value_col)
    envelope = np.fmax.reduce([s[0] for s in series.values()])
    spec, reason = ar_spec(freq, envelope, days, "auto")
    # a series whose latest lags are unknown cannot start an autoregressive path
    blocked = [k for k in keys if spec.ar and not np.all(np.isfinite(series[k][0][-spec.lag :]))]
    missing = sum(int(np.sum(~np.isfinite(series[k][0]))) for k in keys)
    if not spec.ar:
        reason = reason.replace("historical mean", "pooled historical mean")
    zeros = [k for k in keys if not np.any(series[k][0][np.isfinite(series[k][0])] > 0)]
    pooled = [k for k in keys if k not in zeros]
    if not pooled:
        raise ValueError(f"every known {value_col} is 0: nothing to pool (forecast each alone)")
    got = _pooled_fit(spec, series, pooled, days)
    if got is None and spec.ar:
        spec, _ = ar_spec(freq, envelope, days, "mean")
        reason = (
            "pooled historical mean (fallback: the pooled autoregression was explosive or failed)"
        )
        blocked = []
        got = _pooled_fit(spec, series, pooled, days)
    if got is None:
        raise ValueError("the pooled count model could not be fitted")
    fit, offsets, observed, expected, shrunk = got
    offset = dict(zip(pooled, offsets, strict=True))
    rng = np.random.default_rng(seed)
    draws = fit.draw(rng, n_sims)
    future = future_dates(days[-1].astype(dt.date), freq, horizon)[:horizon]
    name = ("pooled_nb" if fit.family == "negative_binomial" else "pooled_poisson") + (
        "_ar" if spec.ar else "_mean"
    )
    frames, paths = [], {}
    exploded = []
    for k in keys:
        if k in blocked:
            frames.append(_frame(metric, k, future, None, name))
            continue
        if k in zeros:
            p = np.zeros((n_sims, horizon), dtype=np.int64)
        else:
            p = simulate_paths(
                fit, spec, series[k][0], future, n_sims=n_sims, rng=rng, offset=offset[k],
                draws=draws,
            )  # fmt: skip
            limit = GUARD_FACTOR * max(known_max(series[k][0]), 1.0)
            if np.quantile(p, 0.975, axis=0).max() > limit:
                exploded.append(str(k))
                frames.append(_frame(metric, k, future, None, name))
                continue
        paths[k] = p
        frames.append(_frame(metric, k, future, p, "zero" if k in zeros else name))
    levels = pl.DataFrame(
        {
            key_col: pooled,
            "observed": observed,
            "expected": expected,
            "raw_ratio": observed / np.maximum(expected, 1e-9),
            "shrunk_ratio": shrunk,
        }
    )
    why = _pooled_reason(
        len(pooled), reason, missing=missing, blocked=blocked, lag=spec.lag, zeros=zeros,
        exploded=exploded,
    )  # fmt: skip
    return Forecast(pl.concat(frames), name, why, fit, paths, levels)


def _panel_series(
    panel: pl.DataFrame, key_col: str, period_col: str, value_col: str
) -> tuple[list[Any], dict[Any, Any], np.ndarray]:
    """Each key's cleaned series of a panel, and the periods they all share.

    Raises
    ------
    ValueError
        When the series do not cover the same periods.
    """
    panel = panel.sort(key_col, period_col)
    keys = panel[key_col].unique(maintain_order=True).to_list()
    series = {
        k: clean_series(panel.filter(pl.col(key_col) == k), period_col, value_col) for k in keys
    }
    days = series[keys[0]][1]
    if any(len(s[1]) != len(days) or np.any(s[1] != days) for s in series.values()):
        raise ValueError("a pooled forecast needs every series over the same periods")
    return keys, series, days


def _pooled_reason(
    n_pooled: int,
    reason: str,
    *,
    missing: int,
    blocked: list[Any],
    lag: int,
    zeros: list[Any],
    exploded: list[str],
) -> str:
    """The pooled forecast's ``reason``: the model, then every series left without a path."""
    why = (
        f"pooled over {n_pooled} series ({reason}); oblast levels by empirical-Bayes gamma "
        "shrinkage of observed/expected"
    )
    if missing:
        why += (
            f"; {missing} series-periods unknown (NULL: e.g. incidents but no reported count) "
            "were left out of the fit, not counted as 0"
        )
    if blocked:
        why += (
            f"; no forecast (NULL rows) for {', '.join(map(str, blocked))}: a period among "
            f"their last {lag} is unknown, so no path can start from it"
        )
    if zeros:
        why += f"; {', '.join(map(str, zeros))} never positive: forecast 0, left out of pooling"
    if exploded:
        why += (
            f"; no forecast (NULL rows) for {', '.join(exploded)}: paths exceeded "
            f"{GUARD_FACTOR:g} times the largest value seen (explosive)"
        )
    return why
