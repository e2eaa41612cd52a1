"""Commands that model a series: forecast and backtest."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from analytics.aggregate import METRICS, ending_by, metric_panel
from analytics.cli._output import (
    DbOption,
    ExitCode,
    WaitOption,
    emit,
    err_console,
    fail,
    settings_for,
    when_free,
)  # fmt: skip
from analytics.modelling.backtest import backtest as run_backtest
from analytics.modelling.forecast import (
    HorizonError,
    check_horizon,
    forecast_frame,
    forecast_panel,
)
from analytics.modelling.forecast import forecast as forecast_one
from analytics.modelling.national import forecast_national
from analytics.reference.oblasts import resolve_oblast
from analytics.store import Store
from analytics.store.selection import resolve_sources

__all__ = ["forecast", "backtest", "oblast_option"]

MetricOption = Annotated[
    str,
    typer.Option(help="incidents, killed, injured, alerts, alert_minutes, waves or launched."),
]
OblastOption = Annotated[
    str, typer.Option(help="An oblast code (UA-63), 'all' (pooled model) or 'national'.")
]
FreqOption = Annotated[str, typer.Option(help="week or month.")]
TrainEndOption = Annotated[
    str | None, typer.Option(help="Fit only on periods ending on or before this date (ISO).")
]
FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json.")]
SourceOption = Annotated[
    str | None,
    typer.Option(
        "--source",
        help="Incident sources to read, comma-separated (incidents, killed, injured). Default: "
        "ONE source, the first of ucdp, acled, bulletin the database holds, else the one with "
        "the most incidents; several sources are summed only when named here.",
    ),
]


def _metric_series(
    db: Path | None,
    metric: str,
    freq: str,
    train_end: str | None,
    wait: float = 0,
    source: str | None = None,
) -> pl.DataFrame:
    if metric not in METRICS:
        fail(f"--metric must be one of {', '.join(METRICS)}", ExitCode.BAD_INPUT)
    if freq not in ("week", "month"):
        fail("--freq must be week or month", ExitCode.BAD_INPUT)
    end: dt.date | None = None
    if train_end:
        try:
            end = dt.date.fromisoformat(train_end)
        except ValueError:
            fail(f"--train-end {train_end!r} is not a date (YYYY-MM-DD)", ExitCode.BAD_INPUT)
    settings = settings_for(db)
    if not settings.db_path.exists():
        fail(f"no database at {settings.db_path}; ingest a file first or give --db")
    with when_free(wait, lambda: Store(settings.db_path, read_only=True)) as store:
        wanted = [x.strip() for x in source.split(",") if x.strip()] if source else None
        try:
            chosen = resolve_sources(store, metric, wanted)
        except ValueError as err:
            fail(err, ExitCode.BAD_INPUT)
        try:
            panel = metric_panel(store, metric, freq=freq, sources=chosen or None)  # type: ignore[arg-type]
        except ValueError as err:
            fail(err, ExitCode.NOTHING_TO_DO)
        if chosen:
            err_console.print(f"sources: {', '.join(chosen)}")
    return panel if end is None else ending_by(panel, end, freq)  # type: ignore[arg-type]


def _check_output(fmt: str, horizon: int, freq: str) -> None:
    if fmt not in ("table", "csv", "json"):
        fail(f"--format must be table, csv or json, not {fmt!r}", ExitCode.BAD_INPUT)
    if horizon < 1:
        fail("--horizon must be at least 1", ExitCode.BAD_INPUT)
    try:
        check_horizon(horizon, freq)
    except HorizonError as err:
        fail(err, ExitCode.BAD_INPUT)


def oblast_option(oblast: str) -> str:
    """national | all | an ISO code; a name ("Kharkiv", "Сумська область") is resolved."""
    if oblast in {"national", "all"} or re.fullmatch(r"UA(-\d\d)?", oblast):
        return oblast
    code = resolve_oblast(oblast)
    if code is None:
        fail(
            f"{oblast!r} names no single oblast; give national, all, an ISO code such as UA-63 "
            "or an oblast name",
            ExitCode.BAD_INPUT,
        )
    return code


#: Metrics whose national series is the sum of the oblasts' (every alert has an oblast), so the
#: national forecast may be the coherent sum of the oblast forecasts.
SUMMED_METRICS = frozenset({"alerts", "alert_minutes"})


def _select_series(panel: pl.DataFrame, oblast: str) -> tuple[pl.DataFrame, bool]:
    """(frame to model, pooled?) for --oblast national|all|CODE."""
    if oblast in ("national", "UA"):
        return panel.filter(pl.col("oblast_code") == "UA"), False
    regional = panel.filter(pl.col("oblast_code") != "UA")
    if regional.height == 0:
        fail("this metric has a national series only", ExitCode.BAD_INPUT)
    if oblast != "all" and oblast not in set(regional["oblast_code"]):
        fail(f"unknown oblast code {oblast!r}", ExitCode.BAD_INPUT)
    return regional, True


def forecast(
    metric: MetricOption,
    oblast: OblastOption = "national",
    freq: FreqOption = "week",
    horizon: Annotated[int, typer.Option(help="Periods ahead.")] = 8,
    train_end: TrainEndOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
    wait: WaitOption = 0,
    source: SourceOption = None,
) -> None:
    """Forecast a series with 80% and 95% prediction intervals.

    Each series publishes the model that beat the best simple baseline in a rolling-origin
    evaluation on earlier data, else that baseline (the reason says which and why); intervals
    are calibrated on past errors. The csv and json columns are
    metric,oblast_code,period_start,mean,median,lo80,hi80,lo95,hi95,model; the median is the
    point forecast the backtests validate. Counts come as whole numbers, alert minutes as a
    duration. With 'all' (or one oblast) every oblast is forecast with errors drawn jointly, and a
    national row (model coherent_sum) gives their sum; for such a panel, global_combo (one set of
    combination weights learned on all oblasts) is published when it beat the honestly chosen
    baselines on past origins. For national alerts (and alert minutes) the published national
    forecast is that coherent sum unless the direct national model scored a lower CRPS on the
    past origins both were scored on (the reason says which). Horizon at most 52 weeks or 24
    months.
    """
    _check_output(fmt, horizon, freq)
    panel = _metric_series(db, metric, freq, train_end, wait, source)
    oblast = oblast_option(oblast)
    series, pooled = _select_series(panel, oblast)
    if series.height == 0:
        fail("no complete periods to fit", ExitCode.NOTHING_TO_DO)
    try:
        if pooled:
            result = forecast_panel(series, freq=freq, horizon=horizon, metric=metric)
        elif metric in SUMMED_METRICS and panel["oblast_code"].n_unique() > 1:
            result = forecast_national(panel, freq=freq, horizon=horizon, metric=metric)
        else:
            result = forecast_one(series, freq=freq, horizon=horizon, metric=metric, key="UA")
    except ValueError as err:
        fail(f"cannot forecast {metric}: {err}", ExitCode.NOTHING_TO_DO)
    out = result.forecasts
    if oblast not in ("all", "national", "UA"):
        out = out.filter(pl.col("oblast_code") == oblast)
    if fmt != "table":
        out = forecast_frame(replace(result, forecasts=out))
    else:
        err_console.print(f"model: {result.model} — {result.reason}")
    emit(out, fmt, f"forecast: {metric} ({freq})")


def backtest(
    metric: MetricOption,
    oblast: OblastOption = "national",
    freq: FreqOption = "week",
    horizon: Annotated[int, typer.Option(help="Periods ahead at each origin.")] = 4,
    train_end: TrainEndOption = None,
    origins: Annotated[int, typer.Option(help="Number of rolling origins.")] = 12,
    fmt: FormatOption = "table",
    db: DbOption = None,
    wait: WaitOption = 0,
    source: SourceOption = None,
) -> None:
    """Rolling-origin backtest of the forecast model against simple baselines.

    Baselines: naive, seasonal naive, mean of the last 4, 8 and 13 periods and a local level
    with drift, next to the published forecast. Scores: MAE, MASE, CRPS (and its ratio to the
    best baseline) and 80%/95% interval coverage, per series and model.
    """
    _check_output(fmt, horizon, freq)
    if origins < 1:
        fail("--origins must be at least 1", ExitCode.BAD_INPUT)
    panel = _metric_series(db, metric, freq, train_end, wait, source)
    oblast = oblast_option(oblast)
    series, pooled = _select_series(panel, oblast)
    try:
        result = run_backtest(
            series, freq=freq, horizon=horizon, n_origins=origins, metric=metric, pooled=pooled
        )
    except ValueError as err:
        fail(f"cannot backtest {metric}: {err}", ExitCode.NOTHING_TO_DO)
    table = result.table
    if oblast not in ("all", "national", "UA"):
        table = table.filter(pl.col("oblast_code") == oblast)
    if fmt == "table":
        err_console.print(result.model_note)
        table = table.with_columns(pl.selectors.float().round(3))
    emit(table, fmt, f"backtest: {metric} ({freq}, horizon {horizon})")
