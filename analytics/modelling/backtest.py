"""Rolling-origin backtests of the forecasting models against naive baselines.

At each origin the models see only the periods up to it and forecast ``horizon`` periods;
baselines are naive (last value), seasonal naive (value one season back) and the historical
mean, each with a sample-based predictive (the point plus resampled in-sample errors of the
same rule, or draws from the history for the mean) so that CRPS and coverage are comparable.
The seasonal naive is left out at origins with fewer than ``m + 13`` training periods
(``m`` = 52 weeks, 12 months, 7 days), and ``rel_mae`` is then NULL.
Scores: MAE of the point forecast (the predictive median for the models), MASE (each error
scaled by the in-sample MAE of the seasonal-naive rule; lag 1 when the training series is
too short for the seasonal lag, as ``scale_lag`` says), sample CRPS and the coverage of the
80% and 95% intervals. Unknown (NULL) values are never scored nor used as 0: a held-back
NULL is not scored, and training pairs involving one are left out of scales and baselines.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import Final

import numpy as np
import polars as pl

from analytics.modelling.counts import SEASONAL_PERIOD, _as_dates, _html_table
from analytics.modelling.forecast import forecast, forecast_pooled

__all__ = ["Backtest", "backtest", "crps_sample", "BASELINES"]

BASELINES: Final[tuple[str, ...]] = ("naive", "seasonal_naive", "mean")
_MIN_SEASONAL_DIFFS: Final = 13


def crps_sample(samples: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """Continuous ranked probability score of samples (sims x H) against H observations.

    ``CRPS = E|X - y| - E|X - X'| / 2``, with the second term from the sorted samples.

    Examples
    --------
    >>> float(crps_sample(np.array([[1.0], [1.0]]), np.array([3.0]))[0])
    2.0
    """
    x = np.sort(np.asarray(samples, dtype=float), axis=0)
    s = x.shape[0]
    first = np.abs(x - observed[None, :]).mean(axis=0)
    weights = (2 * np.arange(1, s + 1) - s - 1)[:, None]
    spread = 2.0 * (weights * x).sum(axis=0) / (s * s)
    return first - 0.5 * spread


def _scale(train: np.ndarray, m: int) -> tuple[float, int]:
    lag = m if len(train) - m >= _MIN_SEASONAL_DIFFS else 1
    diffs = np.abs(train[lag:] - train[:-lag])
    diffs = diffs[np.isfinite(diffs)]  # pairs with an unknown (NULL) value are left out
    return (float(diffs.mean()) if len(diffs) else np.nan), lag


def _baseline(
    name: str, train: np.ndarray, horizon: int, m: int, n_sims: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray] | None:
    """Point forecasts (H) and predictive samples (sims x H) of a baseline rule."""
    n = len(train)
    if name == "mean":
        known = train[np.isfinite(train)]
        if not len(known):
            return None
        return np.full(horizon, known.mean()), rng.choice(known, size=(n_sims, horizon))
    points, samples = np.empty(horizon), np.empty((n_sims, horizon))
    for h in range(1, horizon + 1):
        if name == "naive":
            lag, src = h, train[-1]
        else:
            if n - m < _MIN_SEASONAL_DIFFS:
                return None
            lag, src = m, train[n - m + ((h - 1) % m)]
        errors = train[lag:] - train[:-lag]
        errors = errors[np.isfinite(errors)]
        if not len(errors):
            return None
        points[h - 1] = src
        samples[:, h - 1] = np.maximum(src + rng.choice(errors, size=n_sims), 0).round()
    return points, samples


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
            + _html_table(self.overall, "overall by model")
            + _html_table(self.table, "by series and model")
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
) -> Backtest:
    """Rolling-origin backtest of the forecasting model and baselines on one or many series.

    ``series`` is a complete frame of ``period``, ``value`` and (for several series) ``key_col``.
    With several series the pooled model is refitted at each origin (``pooled=False`` fits
    each series alone). Origins are the last ``n_origins`` (every ``step``) that leave a full
    ``horizon`` of held-back periods.
    """
    if key_col not in series.columns:
        series = series.with_columns(pl.lit("UA").alias(key_col))
    series = series.sort(key_col, period_col)
    keys = series[key_col].unique(maintain_order=True).to_list()
    pooled = len(keys) > 1 if pooled is None else pooled
    if not pooled and len(keys) > 1:  # independent series may cover different periods
        parts = [
            backtest(
                series.filter(pl.col(key_col) == k), freq=freq, horizon=horizon,
                n_origins=n_origins, step=step, metric=metric, value_col=value_col,
                period_col=period_col, key_col=key_col, pooled=False, baselines=baselines,
                n_sims=n_sims, seed=seed,
            )
            for k in keys
        ]  # fmt: skip
        rows = pl.concat([p.forecasts for p in parts])
        table, overall = _summaries(rows, metric)
        return Backtest(rows, table, overall, parts[-1].model_note)
    if series.group_by(key_col).agg(pl.col(period_col).n_unique())[period_col].n_unique() > 1:
        raise ValueError("a pooled backtest needs every series over the same periods")
    data = {
        k: series.filter(pl.col(key_col) == k)[value_col].cast(pl.Float64).to_numpy() for k in keys
    }
    days = _as_dates(series.filter(pl.col(key_col) == keys[0])[period_col])
    n = len(days)
    m = SEASONAL_PERIOD[freq]
    last = n - horizon
    origins = [t for t in range(last - (n_origins - 1) * step, last + 1, step) if t > 0]
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    note, skipped = "", 0
    model_label = "pooled_nb_ar" if pooled else "nb_ar"
    for t in origins:
        train_frame = series.filter(pl.col(period_col) <= days[t - 1].astype(dt.date))
        if pooled:
            res = forecast_pooled(
                train_frame, freq=freq, horizon=horizon, value_col=value_col,
                period_col=period_col, key_col=key_col, n_sims=n_sims, seed=seed + t,
            )  # fmt: skip
            model_paths = {k: (res.model, res.paths.get(k)) for k in keys}
            note = res.reason
        else:
            model_paths = {}
            for k in keys:
                res = forecast(
                    train_frame.filter(pl.col(key_col) == k), freq=freq, horizon=horizon,
                    value_col=value_col, period_col=period_col, key=k, n_sims=n_sims,
                    seed=seed + t,
                )  # fmt: skip
                model_paths[k] = (res.model, res.paths[k])
                note = res.reason
        future = days[t : t + horizon].astype(dt.date).tolist()
        for k in keys:
            train, actual = data[k][:t], data[k][t : t + horizon]
            scale, scale_lag = _scale(train, m)
            name, paths = model_paths[k]
            cands = {} if paths is None else {"model": (np.median(paths, axis=0), paths)}
            for b in baselines:
                out = _baseline(b, train, horizon, m, n_sims, rng)
                if out is not None:
                    cands[b] = out
            for label, (point, samples) in cands.items():
                lo80, hi80, lo95, hi95 = (
                    np.quantile(samples, q, axis=0, method="inverted_cdf")
                    for q in (0.1, 0.9, 0.025, 0.975)
                )
                crps = crps_sample(samples, actual)
                for h in range(horizon):
                    if not (np.isfinite(actual[h]) and np.isfinite(point[h])):
                        skipped += 1  # unknown value or no forecast from it: not scored
                        continue
                    err = abs(float(point[h]) - float(actual[h]))
                    rows.append(
                        {
                            "oblast_code": k,
                            "model": model_label if label == "model" else label,
                            "fitted_as": name if label == "model" else label,
                            "origin": days[t - 1].astype(dt.date),
                            "h": h + 1,
                            "period_start": future[h],
                            "actual": float(actual[h]),
                            "point": float(point[h]),
                            "lo80": float(lo80[h]), "hi80": float(hi80[h]),
                            "lo95": float(lo95[h]), "hi95": float(hi95[h]),
                            "abs_error": err,
                            "scaled_error": err / scale if scale > 0 else None,
                            "scale_lag": scale_lag,
                            "crps": float(crps[h]),
                            "in80": bool(lo80[h] <= actual[h] <= hi80[h]),
                            "in95": bool(lo95[h] <= actual[h] <= hi95[h]),
                        }
                    )  # fmt: skip
    if not rows:
        raise ValueError("nothing to score: every held-back value is unknown (NULL)")
    frame = pl.DataFrame(rows, infer_schema_length=None).with_columns(
        pl.col("scaled_error").cast(pl.Float64)
    )
    table, overall = _summaries(frame, metric)
    if skipped:
        note += (
            f"; {skipped} forecasts not scored: the held-back value was unknown (NULL) or no "
            "forecast could start from unknown recent values"
        )
    return Backtest(frame, table, overall, note)
