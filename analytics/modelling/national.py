"""National forecasts: the direct national model or the coherent sum of the oblasts.

Issue 10 asks to evaluate both the direct national forecast (one series, its own honest
choice and calibration) and the coherent sum of the oblasts' published forecasts (errors
drawn jointly, so the sum keeps its coverage), and to publish the better one. The choice is
nested: at an origin, both are compared by mean CRPS on their rolling-origin forecasts whose
targets precede it (the last ``NATIONAL_WINDOW`` origins, the pairs both scored). The coherent
sum is published unless the direct forecast scored lower there on at least ``MIN_PAIRS``
pairs: by default the national figure is the sum of the published oblast figures (coherent
with them), and a direct model has to earn its place, as any model has to beat the baselines.

``choose_national`` makes that choice at every origin of two backtests (what a rolling-origin
evaluation of the published national forecast scores); ``forecast_national`` publishes from
the end of the series, after scoring both from the past origins of the rolling-origin scores
that publish them (the oblast panel's and the national series', computed once: round 7 of
issue 10, 25 s -> the cost of the panel forecast on the real alerts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

import numpy as np
import polars as pl

from analytics.modelling.autoregression import clean_series
from analytics.modelling.forecast import (
    CONTINUOUS_METRICS,
    Forecast,
    check_horizon,
    forecast,
    forecast_panel,
    panel_scores,
    series_scores,
)
from analytics.modelling.sample_scores import crps_sample
from analytics.modelling.selection import MIN_PAIRS, WINDOW, Scores, publish

__all__ = ["NATIONAL_WINDOW", "COHERENT", "national_choice", "choose_national", "forecast_national"]

#: Past origins on which the direct and the coherent national forecasts are compared (the
#: window of every other choice: ``selection.WINDOW``; 26 weeks chose worse on the real alerts).
NATIONAL_WINDOW: Final[dict[str, int]] = WINDOW
#: Model name of the coherent sum.
COHERENT: Final = "coherent_sum"
#: Samples per past forecast in the comparison (as ``backtest``'s default).
PAST_SIMS: Final = 1000
_KEYS: Final = ("origin", "h")


def national_choice(
    direct: pl.DataFrame, coherent: pl.DataFrame, origin: dt.date, window: int
) -> tuple[str, str]:
    """``("coherent_sum" | "direct", reason)`` at ``origin`` (the last period seen).

    ``direct`` and ``coherent``: scored rows (``origin``, ``h``, ``period_start``, ``crps``) of
    the two national forecasts. Compared on the pairs both scored whose target is at or before
    ``origin``, from the last ``window`` origins before it; the coherent sum unless the direct
    forecast scored a lower mean CRPS on at least ``MIN_PAIRS`` such pairs.
    """
    past = [
        f.filter(pl.col("period_start") <= origin).select(*_KEYS, "crps")
        for f in (direct, coherent)
    ]
    both = past[0].join(past[1], on=list(_KEYS), suffix="_sum").drop_nulls()
    recent = both["origin"].unique().sort().tail(window)
    both = both.filter(pl.col("origin").is_in(recent.implode()))
    if both.height < MIN_PAIRS:
        return COHERENT, (
            f"{COHERENT} (the oblasts' published forecasts summed, errors drawn jointly): fewer "
            f"than {MIN_PAIRS} past forecasts to compare it with the direct national model"
        )
    d, c = float(both["crps"].mean()), float(both["crps_sum"].mean())  # type: ignore[arg-type]
    if d < c:
        return "direct", (
            f"direct national model: rolling-origin CRPS {d:.4g} beat the coherent sum of the "
            f"oblasts ({c:.4g}) on {both.height} past forecasts"
        )
    return COHERENT, (
        f"{COHERENT} (the oblasts' published forecasts summed, errors drawn jointly): "
        f"rolling-origin CRPS {c:.4g}, the direct national model {d:.4g}, on {both.height} "
        "past forecasts"
    )


def choose_national(direct: pl.DataFrame, coherent: pl.DataFrame, *, window: int) -> pl.DataFrame:
    """Rows of the published national forecast at every origin of two backtests.

    ``direct``: the ``published`` rows of a backtest of the national series; ``coherent``: the
    ``coherent_sum`` rows of a backtest of the oblasts (same columns). At each origin, the rows
    of the forecast :func:`national_choice` picks from the forecasts scored before it (nested),
    as model ``published``; ``fitted_as`` says which (``coherent_sum`` or the direct choice).
    An origin where the pick has no row publishes the other.
    """
    out = []
    origins = pl.concat([direct["origin"], coherent["origin"]]).unique().sort()
    for origin in origins.to_list():
        pick, _ = national_choice(direct, coherent, origin, window)
        first, second = (coherent, direct) if pick == COHERENT else (direct, coherent)
        rows = first.filter(pl.col("origin") == origin)
        rows = rows if rows.height else second.filter(pl.col("origin") == origin)
        out.append(rows.with_columns(model=pl.lit("published")))
    return pl.concat(out, how="diagonal_relaxed")


def _past_rows(
    scores: Mapping[Any, Scores], values: Mapping[Any, np.ndarray], decided: Mapping[int, Any],
    days: np.ndarray, window: int, steps: int, seed: int,
) -> pl.DataFrame:  # fmt: skip
    """Scored rows (``origin``, ``h``, ``period_start``, ``crps``) of the forecast published
    from every past origin of ``scores`` (one series, or the coherent sum of several).

    At each origin every series publishes from its own scores (nested), its calibrated errors
    drawn with the origin's shared uniforms, and the samples are summed over the series; the
    target of a step is the sum of the series covered there (``values``), and a step where a
    covered series has no forecast is not scored. Steps ``1..steps``.
    """
    first = next(iter(scores.values()))
    n = len(first.y)
    stack = np.vstack([values[k] for k in scores])
    known = np.isfinite(stack)
    total = np.where(known.any(axis=0), np.where(known, stack, 0.0).sum(axis=0), np.nan)
    rows: list[dict[str, object]] = []
    for t in first.origins[first.origins < n].tolist():
        draws = np.random.default_rng([seed, t]).random(PAST_SIMS)
        width = min(steps, n - t)
        target = total[t : t + width].copy()
        sums = np.zeros((PAST_SIMS, width))
        for k, s in scores.items():
            cover = np.isfinite(values[k][t : t + width])
            try:
                pub = publish(s, t, window=window, n_sims=PAST_SIMS, rng=np.random.default_rng(),
                              draws=draws, panel_choice=decided.get(t), coverage=False)  # fmt: skip
            except ValueError:
                target[cover] = np.nan  # a covered series without a forecast: not scored
                continue
            sums += np.where(cover[None, :], pub.samples[:, :width], 0.0)
        ok = np.isfinite(target)
        crps = crps_sample(sums[:, ok], target[ok])
        rows += [{"origin": days[t - 1], "h": h + 1, "period_start": days[t + h], "crps": c}
                 for h, c in zip(np.flatnonzero(ok).tolist(), crps.tolist(), strict=True)]  # fmt: skip
    schema = {"origin": pl.Date, "h": pl.Int64, "period_start": pl.Date, "crps": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def forecast_national(
    panel: pl.DataFrame,
    *,
    national: str = "UA",
    freq: str = "week",
    horizon: int = 8,
    metric: str = "value",
    value_col: str = "value",
    period_col: str = "period",
    key_col: str = "oblast_code",
    n_sims: int = 2000,
    seed: int = 0,
) -> Forecast:
    """The published national forecast: the direct national model or the coherent sum.

    ``panel`` holds the oblasts and the national series (key ``national``) over the same
    periods. The rolling-origin scores that publish each forecast (the oblasts' panel, with its
    global model, and the national series) also score it: from every past origin they hold
    (nested; steps 1 to ``min(horizon, 4)``), the direct forecast and the coherent sum of the
    oblasts' published forecasts (calibrated errors drawn jointly) are scored, and
    :func:`national_choice` picks one; the result holds the national rows only (model
    ``coherent_sum`` or the direct choice), the reason says why. Without oblasts, the direct
    forecast.
    """
    check_horizon(horizon, freq)
    nat = panel.filter(pl.col(key_col) == national).drop(key_col)
    oblasts = panel.filter(pl.col(key_col) != national).sort(key_col, period_col)
    continuous = metric in CONTINUOUS_METRICS
    y, days = clean_series(nat, period_col, value_col)
    direct_kw = dict(freq=freq, horizon=horizon, metric=metric, value_col=value_col,
                     period_col=period_col, n_sims=n_sims, seed=seed)  # fmt: skip
    own = series_scores(y, freq, horizon, days, seed, continuous)
    if oblasts.height == 0:
        return forecast(nat, key=national, scores=own, **direct_kw)  # type: ignore[arg-type]
    window = NATIONAL_WINDOW[freq]
    keys = oblasts[key_col].unique(maintain_order=True).to_list()
    cols = (key_col, period_col, value_col)
    scored, decided = panel_scores(oblasts, keys, seed, freq, horizon, cols, continuous)
    if not scored:  # no oblast has a known period
        return forecast(nat, key=national, scores=own, **direct_kw)  # type: ignore[arg-type]
    values = {k: s.y for k, s in scored.items()}
    if any(len(v) != len(y) for v in values.values()):
        raise ValueError("a coherent sum needs every series over the same periods")
    dates = days.astype(dt.date).tolist()
    steps = min(horizon, 4)
    summed = _past_rows(scored, values, decided, dates, window, steps, seed)
    alone = _past_rows({national: own}, {national: y}, {}, dates, window, steps, seed)
    pick, why = national_choice(alone, summed, dates[-1], window)
    if pick == "direct":
        res = forecast(nat, key=national, scores=own, **direct_kw)  # type: ignore[arg-type]
        return Forecast(res.forecasts, res.model, f"{why}; {res.reason}", res.fit, res.paths,
                        None, res.choice, res.coverage)  # fmt: skip
    res = forecast_panel(oblasts, key_col=key_col, national=national, scores=(scored, decided),
                         **direct_kw)  # type: ignore[arg-type]  # fmt: skip
    rows = res.forecasts.filter(pl.col("oblast_code") == national)
    paths = {national: res.paths[national]} if national in res.paths else {}
    return Forecast(rows, COHERENT, f"{why}; {res.reason}", None, paths, None, res.choice,
                    res.coverage)  # fmt: skip
