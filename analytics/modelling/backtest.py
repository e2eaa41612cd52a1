"""Rolling-origin backtests of the published forecast, every model and every baseline.

At each origin every method sees only the periods up to it and forecasts ``horizon``
periods. Rows: the baselines (naive, seasonal naive, means of the last 4, 8 and 13 periods,
local level with drift), the models (level-following exponential smoothing, the guarded NB
autoregression; with several series also the pooled autoregression, ``pooled_nb_ar``) and
``published``: the forecast ``analytics.modelling.forecast.forecast`` would have published at that
origin, i.e. the honest choice and calibration made on earlier origins only (nested; with
several series over the same periods, also ``global_combo`` and the panel's decision to
publish it, see :mod:`analytics.modelling.global_combination`). A
method that cannot forecast at an origin (too little history, refused as explosive) has no
row there. Scores: MAE of the median (the validated point forecast), MASE (errors scaled by
the in-sample MAE of the seasonal-naive rule; lag 1 when the training series is too short
for the seasonal lag, as ``scale_lag`` says), sample CRPS and the coverage of the 80% and 95%
intervals; ``rel_mae`` is the MAE over seasonal naive's on the same forecasts (NULL without
seasonal naive) and ``crps_vs_best_baseline`` the CRPS over the best baseline's CRPS on that
series. Unknown (NULL) values are never scored nor used as 0.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

from analytics.modelling.baselines import BASELINE_NAMES
from analytics.modelling.counts import SEASONAL_PERIOD, as_dates, html_table
from analytics.modelling.forecast import CONTINUOUS_METRICS, EVAL_SIMS, forecast_pooled
from analytics.modelling.global_combination import panel_choices, with_global
from analytics.modelling.sample_scores import crps_sample, interval_bounds
from analytics.modelling.selection import (
    WINDOW,
    Scores,
    candidates,
    evaluation_origins,
    publish,
    score_origins,
    with_stack,
)

__all__ = ["Backtest", "backtest", "crps_sample", "BASELINES", "ScoredSeries", "score_series"]

BASELINES: Final[tuple[str, ...]] = BASELINE_NAMES
#: One series' rolling-origin scores, its period dates and the origins a backtest scores.
ScoredSeries = tuple[Scores, np.ndarray, list[int]]
_MIN_SEASONAL_DIFFS: Final = 13


def _scale(train: np.ndarray, m: int) -> tuple[float, int]:
    lag = m if len(train) - m >= _MIN_SEASONAL_DIFFS else 1
    diffs = np.abs(train[lag:] - train[:-lag])
    diffs = diffs[np.isfinite(diffs)]  # pairs with an unknown (NULL) value are left out
    return (float(diffs.mean()) if len(diffs) else np.nan), lag


@dataclass(frozen=True)
class Backtest:
    """Backtest results.

    ``forecasts``: one row per series, model, origin and step: oblast_code, model (``nb_ar`` or
    ``pooled_nb_ar``: the NB/Poisson autoregression, or a baseline), fitted_as (the family the
    auto choice took at that origin), origin,
    h, period_start, actual, point, lo80, hi80, lo95, hi95, abs_error, scaled_error,
    scale_lag, crps, in80, in95. ``table``: one row per series and model: metric,
    oblast_code, model, n, mae, mase, crps, coverage80, coverage95, rel_mae (MAE over the
    seasonal-naive MAE on the same forecasts). ``overall``: per model, pooled over series.
    """

    forecasts: pl.DataFrame
    table: pl.DataFrame
    overall: pl.DataFrame
    model_note: str

    def _repr_html_(self) -> str:
        return (
            f"<p>{html.escape(self.model_note)}</p>"
            + html_table(self.overall, "overall by model")
            + html_table(self.table, "by series and model")
        )


def _summaries(rows: pl.DataFrame, metric: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    aggs = [
        pl.len().alias("n"),
        pl.col("abs_error").mean().alias("mae"),
        pl.col("scaled_error").mean().alias("mase"),
        pl.col("crps").mean().alias("crps"),
        pl.col("in80").mean().alias("coverage80"),
        pl.col("in95").mean().alias("coverage95"),
    ]
    snaive = rows.filter(pl.col("model") == "seasonal_naive").select(
        "oblast_code", "origin", "h", pl.col("abs_error").alias("_sn")
    )
    with_sn = rows.join(snaive, on=["oblast_code", "origin", "h"], how="left")
    rel = pl.col("abs_error").filter(pl.col("_sn").is_not_null()).mean() / pl.col("_sn").mean()
    table = (
        with_sn.group_by("oblast_code", "model")
        .agg(*aggs, rel.alias("rel_mae"))
        .with_columns(pl.lit(metric).alias("metric"))
        .select("metric", "oblast_code", "model", "n", "mae", "mase", "crps", "coverage80",
                "coverage95", "rel_mae")
        .with_columns(
            crps_vs_best_baseline=pl.col("crps")
            / pl.col("crps").filter(pl.col("model").is_in(BASELINE_NAMES)).min().over("oblast_code")
        )
        .sort("oblast_code", "model")
    )  # fmt: skip
    overall = (
        table.group_by("model")
        .agg(
            pl.len().alias("series"),
            pl.col("mase").median().alias("median_mase"),
            pl.col("mase").mean().alias("mean_mase"),
            (pl.col("mase") < 1).mean().alias("share_mase_below_1"),
            pl.col("crps").mean().alias("mean_crps"),
            pl.col("coverage80").mean().alias("coverage80"),
            pl.col("coverage95").mean().alias("coverage95"),
        )
        .sort("median_mase")
    )
    return table, overall


def _rows(
    key: str, label: str, fitted_as: str, t: int, days: np.ndarray, y: np.ndarray,
    samples: np.ndarray, scale: tuple[float, int],
) -> list[dict[str, object]]:  # fmt: skip
    """Scored rows of one method's forecast from origin ``t`` (unknown targets skipped)."""
    horizon = samples.shape[1]
    actual = y[t : t + horizon]
    b = interval_bounds(samples)
    covered = np.flatnonzero(np.isfinite(actual))  # an uncovered target is left out, never 0
    crps = np.full(horizon, np.nan)
    crps[covered] = crps_sample(samples[:, covered], actual[covered])
    out = []
    for h in covered.tolist():
        err = abs(float(b["median"][h]) - float(actual[h]))
        out.append({
            "oblast_code": key, "model": label, "fitted_as": fitted_as,
            "origin": days[t - 1].astype(dt.date), "h": h + 1,
            "period_start": days[t + h].astype(dt.date), "actual": float(actual[h]),
            "point": float(b["median"][h]),
            **{q: float(b[q][h]) for q in ("lo80", "hi80", "lo95", "hi95")},
            "abs_error": err, "scaled_error": err / scale[0] if scale[0] > 0 else None,
            "scale_lag": scale[1], "crps": float(crps[h]),
            "in80": bool(b["lo80"][h] <= actual[h] <= b["hi80"][h]),
            "in95": bool(b["lo95"][h] <= actual[h] <= b["hi95"][h]),
        })  # fmt: skip
    return out


def _series_scores(
    y: np.ndarray, days: np.ndarray, origins: list[int], freq: str, horizon: int,
    n_sims: int, rng: np.random.Generator, baselines: tuple[str, ...], continuous: bool,
) -> Scores:  # fmt: skip
    """Rolling-origin scores of every candidate (and ``stack``) on one series."""
    cands = {
        n: c for n, c in candidates(y, days, freq, horizon, continuous=continuous).items()
        if c[0] == "model" or n in baselines
    }  # fmt: skip
    window = WINDOW[freq]
    evals = evaluation_origins(len(y), min(origins), horizon, window)
    scores = score_origins(
        y, cands, evals, horizon, n_sims=min(n_sims, EVAL_SIMS), rng=rng, continuous=continuous
    )
    return with_stack(scores, window)


def _score_key(
    part: pl.DataFrame, cols: tuple[str, str], freq: str, horizon: int,
    spacing: tuple[int, int], n_sims: int, rng: np.random.Generator,
    baselines: tuple[str, ...], continuous: bool,
) -> tuple[Scores, np.ndarray, list[int]] | None:  # fmt: skip
    """One series' scores, period dates and scored origins (``spacing``: count and step);
    None when no origin leaves a full horizon."""
    period_col, value_col = cols
    y = part[value_col].cast(pl.Float64).fill_null(np.nan).to_numpy()
    last = len(y) - horizon
    n_origins, step = spacing
    origins = [t for t in range(last - (n_origins - 1) * step, last + 1, step) if t > 0]
    if not origins:
        return None
    days = as_dates(part[period_col])
    scores = _series_scores(y, days, origins, freq, horizon, n_sims, rng, baselines, continuous)
    return scores, days, origins


def _series_rows(
    key: str, scores: Scores, days: np.ndarray, origins: list[int], freq: str, n_sims: int,
    rng: np.random.Generator, seed: int, choices: dict[int, tuple[str, str] | None],
) -> tuple[list[dict[str, object]], str, dict[int, np.ndarray]]:  # fmt: skip
    """Rows of every candidate and of the published forecast on one series.

    Also the published samples by origin: every series draws its calibrated errors with the
    same uniforms at an origin (``_shared_draws``), so the samples of several series can be summed.
    """
    y = scores.y
    rows: list[dict[str, object]] = []
    note = ""
    published: dict[int, np.ndarray] = {}
    m = SEASONAL_PERIOD[freq]
    for t in origins:
        scale = _scale(y[:t], m)
        i = int(np.flatnonzero(scores.origins == t)[0])
        for c, name in enumerate(scores.names):
            if (c, i) in scores.paths:
                rows += _rows(key, name, name, t, days, y, scores.paths[(c, i)], scale)
        try:
            pub = publish(
                scores, t, window=WINDOW[freq], n_sims=n_sims, rng=rng,
                draws=_shared_draws(seed, t, n_sims), panel_choice=choices.get(t),
                coverage=False,  # rows score the samples; the measured coverage is not kept
            )  # fmt: skip
        except ValueError:
            continue
        rows += _rows(key, "published", pub.model, t, days, y, pub.samples, scale)
        published[t] = pub.samples
        note = pub.reason
    return rows, note, published


def _global(
    scored: Mapping[str, ScoredSeries], window: int, n_sims: int,
    pool: Mapping[str, ScoredSeries] | None = None,
) -> dict[str, Scores]:  # fmt: skip
    """Scores with ``global_combo`` added on the series that share one period grid; with a
    ``pool`` of more series, on every series, the weights fitted on all lined up by period."""
    scores = {k: v[0] for k, v in scored.items()}
    if pool:
        extra = {f"pool:{k}": v for k, v in pool.items()}
        dates = {k: v[1] for k, v in scored.items()} | {k: v[1] for k, v in extra.items()}
        return with_global(scores, window, n_sims=n_sims, dates=dates,
                           pool={k: v[0] for k, v in extra.items()})  # fmt: skip
    if len(scored) < 2:
        return scores
    grid = max(
        (v[1] for v in scored.values()),
        key=lambda d: sum(len(v[1]) == len(d) and np.array_equal(v[1], d) for v in scored.values()),
    )
    same = {k: s for k, s in scores.items() if np.array_equal(scored[k][1], grid)}
    same = {
        k: s
        for k, s in same.items()
        if np.array_equal(s.origins, next(iter(same.values())).origins)
    }
    return scores | with_global(same, window, n_sims=n_sims)


def _shared_draws(seed: int, origin: int, n_sims: int) -> np.ndarray:
    """The uniforms every series uses at ``origin`` to pick its calibrated errors."""
    return np.random.default_rng([seed, origin]).random(n_sims)


def _coherent_rows(
    key: str, values: dict[str, np.ndarray], published: dict[str, dict[int, np.ndarray]],
    days: np.ndarray, freq: str,
) -> list[dict[str, object]]:  # fmt: skip
    """Rows of the coherent sum: the oblasts' published samples summed, per origin and step.

    The target of a step is the sum of the series covered there (an uncovered series is left
    out of both the target and the sum, as the coverage calendar says); a step where a covered
    series has no published forecast is not scored.
    """
    stack = np.vstack(list(values.values()))
    known = np.isfinite(stack)
    total = np.where(known.any(axis=0), np.where(known, stack, 0.0).sum(axis=0), np.nan)
    origins = sorted(set.union(*(set(p) for p in published.values())))
    scale_lag = SEASONAL_PERIOD[freq]
    rows: list[dict[str, object]] = []
    for t in origins:  # origins leave a full horizon of periods
        n_sims, horizon = next(p[t] for p in published.values() if t in p).shape
        target = total[t : t + horizon].copy()
        sums = np.zeros((n_sims, horizon))
        for k, y in values.items():
            cover = np.isfinite(y[t : t + horizon])
            if t in published[k]:
                sums += np.where(cover[None, :], published[k][t], 0.0)
            else:
                target[cover] = np.nan  # a covered series without a forecast: not scored
        y_t = total.copy()
        y_t[t : t + horizon] = target
        rows += _rows(key, "coherent_sum", "coherent_sum", t, days, y_t, sums,
                      _scale(total[:t], scale_lag))  # fmt: skip
    return rows


def score_series(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 4,
    n_origins: int = 12,
    step: int = 1,
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    baselines: tuple[str, ...] = BASELINES,
    n_sims: int = 1000,
    seed: int = 0,
    continuous: bool = False,
) -> dict[str, ScoredSeries]:
    """Every series' rolling-origin scores (``backtest``'s first stage, same arguments).

    Give them to ``backtest(..., scored=...)`` to skip scoring again, or as another
    backtest's ``pool`` (series whose past forecasts enter the global weights).
    """
    if key_col not in series.columns:
        series = series.with_columns(pl.lit("UA").alias(key_col))
    series = series.sort(key_col, period_col)
    rng = np.random.default_rng(seed)
    return {
        k: one for k in series[key_col].unique(maintain_order=True).to_list()
        if (one := _score_key(
            series.filter(pl.col(key_col) == k), (period_col, value_col), freq, horizon,
            (n_origins, step), n_sims, rng, baselines, continuous,
        )) is not None
    }  # fmt: skip


def backtest(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    horizon: int = 4,
    n_origins: int = 12,
    step: int = 1,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    pooled: bool | None = None,
    baselines: tuple[str, ...] = BASELINES,
    n_sims: int = 1000,
    seed: int = 0,
    continuous: bool | None = None,
    coherent: str | None = None,
    scored: Mapping[str, ScoredSeries] | None = None,
    pool: Mapping[str, ScoredSeries] | None = None,
) -> Backtest:
    """Rolling-origin backtest of the published forecast, the models and the baselines.

    ``series`` is a complete frame of ``period``, ``value`` and (for several series) ``key_col``.
    Every series is evaluated on its own periods; with several series (``pooled`` not False)
    the pooled autoregression is also refitted at each origin, which needs every series over
    the same periods. Origins are the last ``n_origins`` (every ``step``) that leave a full
    ``horizon`` of held-back periods. ``continuous`` (default: ``metric`` is a duration such
    as ``alert_minutes``): unrounded samples, no count autoregression, no pooling.
    ``coherent`` (a key, e.g. ``"UA"``): also score the coherent sum of the series' published
    forecasts (model ``coherent_sum``, errors drawn jointly) against the sum of the series
    covered at each target, under that key; it needs every series over the same periods.
    ``scored``: these series' scores from ``score_series`` with the same arguments (not
    scored again). ``pool``: more series' scores (``score_series``, same frequency and
    horizon) pooled into the weights of ``global_combo``, which every series then gets as a
    candidate (published only where it beat the best baseline on past origins, or by the
    panel's decision); the series are lined up by period.
    """
    continuous = metric in CONTINUOUS_METRICS if continuous is None else continuous
    if key_col not in series.columns:
        series = series.with_columns(pl.lit("UA").alias(key_col))
    series = series.sort(key_col, period_col)
    keys = series[key_col].unique(maintain_order=True).to_list()
    pooled = len(keys) > 1 and not continuous if pooled is None else pooled
    if pooled and series.group_by(key_col).agg(pl.col(period_col).n_unique())[
        period_col
    ].n_unique() > 1:  # fmt: skip
        raise ValueError("a pooled backtest needs every series over the same periods")
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    note = ""
    published: dict[str, dict[int, np.ndarray]] = {}
    if scored is None:
        scored = score_series(
            series, freq=freq, horizon=horizon, n_origins=n_origins, step=step,
            value_col=value_col, period_col=period_col, key_col=key_col, baselines=baselines,
            n_sims=n_sims, seed=seed, continuous=continuous,
        )  # fmt: skip
    values = {k: v[0].y for k, v in scored.items()}
    pooled_scores = _global(scored, WINDOW[freq], min(n_sims, EVAL_SIMS), pool)
    choices = panel_choices(pooled_scores, WINDOW[freq])
    for k, (_, days, origins) in scored.items():
        got, why, published[k] = _series_rows(
            k, pooled_scores[k], days, origins, freq, n_sims, rng, seed, choices
        )
        rows += got
        note = note or why
    if coherent is not None and len(values) > 1:
        if len({len(v) for v in values.values()}) > 1:
            raise ValueError("a coherent sum needs every series over the same periods")
        rows += _coherent_rows(coherent, values, published, days, freq)
    if pooled and len(keys) > 1:
        rows += _pooled_rows(series, keys, freq, horizon, n_origins, step, value_col,
                             period_col, key_col, n_sims, seed)  # fmt: skip
    if not rows:
        raise ValueError("nothing to score: every held-back value is unknown (NULL)")
    frame = pl.DataFrame(rows, infer_schema_length=None).with_columns(
        pl.col("scaled_error").cast(pl.Float64)
    )
    table, overall = _summaries(frame, metric)
    return Backtest(frame, table, overall, f"published forecast at the last origin: {note}")


def _pooled_rows(
    series: pl.DataFrame, keys: list[str], freq: str, horizon: int, n_origins: int, step: int,
    value_col: str, period_col: str, key_col: str, n_sims: int, seed: int,
) -> list[dict[str, object]]:  # fmt: skip
    """Rows of the pooled autoregression, refitted at every origin."""
    days = as_dates(series.filter(pl.col(key_col) == keys[0])[period_col])
    data = {
        k: series.filter(pl.col(key_col) == k)[value_col].cast(pl.Float64).fill_null(np.nan)
        .to_numpy() for k in keys
    }  # fmt: skip
    last = len(days) - horizon
    rows: list[dict[str, object]] = []
    m = SEASONAL_PERIOD[freq]
    for t in [t for t in range(last - (n_origins - 1) * step, last + 1, step) if t > 0]:
        train = series.filter(pl.col(period_col) <= days[t - 1].astype(dt.date))
        try:
            res = forecast_pooled(
                train, freq=freq, horizon=horizon, value_col=value_col, period_col=period_col,
                key_col=key_col, n_sims=n_sims, seed=seed + t,
            )  # fmt: skip
        except ValueError:
            continue
        for k in keys:
            p = res.paths.get(k)
            if p is not None:
                scale = _scale(data[k][:t], m)
                rows += _rows(k, "pooled_nb_ar", res.model, t, days, data[k], p, scale)
    return rows
