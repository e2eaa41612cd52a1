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
the end of the series, after backtesting both on the last ``NATIONAL_WINDOW`` origins.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import polars as pl

from analytics.modelling.backtest import backtest
from analytics.modelling.forecast import CONTINUOUS_METRICS, Forecast, forecast, forecast_panel
from analytics.modelling.selection import MIN_PAIRS, WINDOW

__all__ = ["NATIONAL_WINDOW", "COHERENT", "national_choice", "choose_national", "forecast_national"]

#: Past origins on which the direct and the coherent national forecasts are compared (the
#: window of every other choice: ``selection.WINDOW``; 26 weeks chose worse on the real alerts).
NATIONAL_WINDOW: Final[dict[str, int]] = WINDOW
#: Model name of the coherent sum.
COHERENT: Final = "coherent_sum"
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
    periods. Both forecasts are backtested on the last ``NATIONAL_WINDOW[freq]`` origins
    (each nested; steps 1 to ``min(horizon, 4)``) and :func:`national_choice` picks one from those scores; the result holds
    the national rows only (model ``coherent_sum`` or the direct choice), the reason says why.
    Without oblasts, the direct forecast.
    """
    nat = panel.filter(pl.col(key_col) == national).drop(key_col)
    oblasts = panel.filter(pl.col(key_col) != national)
    direct_kw = dict(freq=freq, horizon=horizon, metric=metric, value_col=value_col,
                     period_col=period_col, n_sims=n_sims, seed=seed)  # fmt: skip
    if oblasts.height == 0:
        return forecast(nat, key=national, **direct_kw)  # type: ignore[arg-type]
    window = NATIONAL_WINDOW[freq]
    continuous = metric in CONTINUOUS_METRICS
    common = dict(freq=freq, horizon=min(horizon, 4), n_origins=window, metric=metric,
                  value_col=value_col, period_col=period_col, pooled=False, n_sims=1000,
                  seed=seed, continuous=continuous)  # fmt: skip
    summed = backtest(oblasts, key_col=key_col, coherent=national, **common).forecasts  # type: ignore[arg-type]
    alone = backtest(nat, **common).forecasts  # type: ignore[arg-type]
    last = nat[period_col].max()
    pick, why = national_choice(
        alone.filter(pl.col("model") == "published"),
        summed.filter(pl.col("model") == COHERENT),
        last,  # type: ignore[arg-type]
        window,
    )
    if pick == "direct":
        res = forecast(nat, key=national, **direct_kw)  # type: ignore[arg-type]
        return Forecast(res.forecasts, res.model, f"{why}; {res.reason}", res.fit, res.paths,
                        None, res.choice, res.coverage)  # fmt: skip
    res = forecast_panel(oblasts, key_col=key_col, national=national, **direct_kw)  # type: ignore[arg-type]
    rows = res.forecasts.filter(pl.col("oblast_code") == national)
    paths = {national: res.paths[national]} if national in res.paths else {}
    return Forecast(rows, COHERENT, f"{why}; {res.reason}", None, paths, None, res.choice,
                    res.coverage)  # fmt: skip
