"""Benchmark: models on 27 oblasts, and weekly aggregation in polars vs DuckDB vs pandas.

Run: ``.venv/bin/python benchmarks/bench_models.py [--rows 10000000] [--weeks 150]``.
Data are synthetic (no real data needed). Prints seconds per series for fit, forecast and
backtest, the models of a weekly report (the 8-week forecast through the last week, the
1-week headline forecast of the last week from the weeks before it, and the surge check),
and the aggregation time of ``analytics.aggregate.count_by`` next to the equivalent
DuckDB SQL (``weekly_oblast``) and a plain pandas groupby on the same rows, as ratios.
``--rows 0`` leaves the aggregation out. The national line times ``forecast_national`` (the
oblast panel scored once) against round 6's way (separate backtests of the oblasts and the
national series, then the chosen forecast scored again), interleaved in the same run.

Each timing starts with an empty cache of refits (``FIT_CACHE``): a section never reuses the
fits of the one before, so every figure is what that work costs on its own. Within the report
line the three calls share refits, as they do in a report.

``--before DIR`` (a tree from ``git archive main analytics | tar -x -C DIR``) times the report
line in fresh processes, the before tree's package and this tree's in turn (interleaved), and
prints after / before of wall time and of the process's CPU time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import polars as pl

from analytics.aggregate import count_by
from analytics.modelling.autoregression import FIT_CACHE
from analytics.modelling.backtest import backtest
from analytics.modelling.counts import fit_counts
from analytics.modelling.forecast import forecast, forecast_panel, forecast_pooled
from analytics.modelling.national import COHERENT, forecast_national, national_choice
from analytics.modelling.surge import surge_alerts

CODES = [
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
    "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
    "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
]  # fmt: skip


def _panel(weeks: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    start = dt.date(2022, 3, 7)
    periods = pl.date_range(start, start + dt.timedelta(weeks=weeks - 1), "1w", eager=True)
    frames = []
    for i, code in enumerate(CODES):
        level = 40 * 0.8**i + 0.2
        y, prev = np.zeros(weeks), level
        for t in range(weeks):
            mu = np.exp(
                0.5 * np.log(level) + 0.5 * np.log1p(prev) + 0.2 * np.sin(2 * np.pi * t / 52)
            )
            y[t] = rng.poisson(rng.gamma(5.0, mu / 5.0))
            prev = y[t]
        frames.append(pl.DataFrame({"period": periods, "oblast_code": code, "value": y}))
    return pl.concat(frames)


def _timed(fn: object) -> float:
    """Seconds of one call, from an empty refit cache."""
    FIT_CACHE.entries.clear()
    t0 = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t0


def _report_models(by: list[pl.DataFrame]) -> None:
    """What a weekly report asks of the models for each series."""
    for s in by:
        forecast(s, horizon=8, n_sims=2000)
        forecast(s.head(s.height - 1), horizon=1, n_sims=2000)
        surge_alerts(s, history=52)


def _national_round6(panel: pl.DataFrame) -> str:
    """Round 6's ``forecast_national``: the oblasts and the national series backtested apart
    (52 origins, steps 1-4), then the chosen forecast scored and published again."""
    nat = panel.filter(pl.col("oblast_code") == "UA").drop("oblast_code")
    oblasts = panel.filter(pl.col("oblast_code") != "UA")
    common = dict(horizon=4, n_origins=52, pooled=False, n_sims=1000, seed=0)
    summed = backtest(oblasts, coherent="UA", **common).forecasts  # type: ignore[arg-type]
    alone = backtest(nat, **common).forecasts  # type: ignore[arg-type]
    pick, _ = national_choice(
        alone.filter(pl.col("model") == "published"),
        summed.filter(pl.col("model") == COHERENT),
        nat["period"].max(),  # type: ignore[arg-type]
        52,
    )
    if pick == "direct":
        forecast(nat, horizon=8, n_sims=2000)
    else:
        forecast_panel(oblasts, horizon=8, n_sims=2000)
    return pick


def bench_national(weeks: int) -> None:
    """``forecast_national`` (one scoring of the panel) next to round 6's separate backtests,
    on the synthetic oblasts and their national sum, interleaved, same run."""
    oblasts = _panel(weeks, 1)
    total = (
        oblasts.group_by("period").agg(pl.col("value").sum()).with_columns(oblast_code=pl.lit("UA"))
    )
    panel = pl.concat([oblasts, total.select(oblasts.columns)])
    picks: dict[str, str] = {}
    new = old = 0.0
    for _ in range(2):  # interleaved: the machine's load moves both alike
        old += _timed(lambda: picks.update(old=_national_round6(panel)))
        new += _timed(lambda: picks.update(new=forecast_national(panel).model))
    alone = _timed(lambda: forecast_panel(oblasts, horizon=8, n_sims=2000))
    print(f"national forecast: {len(CODES)} oblasts + their sum x {weeks} weeks (8 weeks ahead)")
    print(f"  forecast_national (one panel scoring)      {new / 2:7.2f} s   picks {picks['new']}")
    print(f"  round 6 (backtests, then publish again)    {old / 2:7.2f} s   picks {picks['old']}")
    print(f"  ratio new / round 6                        {new / old:7.2f}x")
    print(f"  forecast_panel alone (the floor)           {alone:7.2f} s")


def bench_models(weeks: int) -> None:
    panel = _panel(weeks, 1)
    by = panel.partition_by("oblast_code", as_dict=False)
    timings = {
        "fit (NB regression, trend + Fourier)": _timed(
            lambda: [fit_counts(s["value"], s["period"], freq="week") for s in by]
        ),
        "forecast (fit + 2000 paths x 8 weeks)": _timed(
            lambda: [forecast(s, horizon=8, n_sims=2000) for s in by]
        ),
        "backtest (12 origins, 4 models)": _timed(
            lambda: [backtest(s, horizon=4, n_origins=12, n_sims=1000) for s in by]
        ),
        "report models (forecasts 8 + 1, surge)": _timed(lambda: _report_models(by)),
    }
    pooled_forecast = _timed(lambda: forecast_pooled(panel, horizon=8, n_sims=2000))
    pooled_backtest = _timed(lambda: backtest(panel, horizon=4, n_origins=12, n_sims=1000))
    print(f"models: {len(by)} oblast series x {weeks} weeks (synthetic NB autoregressions)")
    for name, secs in timings.items():
        print(f"  {name:<42} {secs / len(by):8.3f} s per series  ({secs:6.2f} s total)")
    for name, secs in (("pooled forecast", pooled_forecast), ("pooled backtest", pooled_backtest)):
        label = f"{name}, all {len(by)} at once"
        print(f"  {label:<42} {secs / len(by):8.3f} s per series  ({secs:6.2f} s total)")


def _incidents(rows: int, seed: int) -> pl.DataFrame:
    rng = np.random.default_rng(seed)
    day0 = np.datetime64("2022-02-24")
    days = day0 + rng.integers(0, 1000, rows).astype("timedelta64[D]")
    killed = rng.poisson(0.3, rows).astype("float64")
    killed[rng.random(rows) < 0.4] = np.nan  # not reported
    injured = rng.poisson(0.8, rows).astype("float64")
    injured[rng.random(rows) < 0.5] = np.nan
    return pl.DataFrame(
        {
            "occurred_on": days,
            "oblast_code": np.array(CODES + [None], dtype=object)[rng.integers(0, 28, rows)],
            "killed": killed,
            "injured": injured,
        }
    ).with_columns(
        pl.col("occurred_on").cast(pl.Date),
        pl.col("killed", "injured").fill_nan(None).cast(pl.Int64),
    )


def _best(fn: object, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def bench_aggregation(rows: int) -> None:
    frame = _incidents(rows, 2)
    con = duckdb.connect()
    con.register("incidents", frame.to_arrow())
    sql = """
        select cast(date_trunc('week', occurred_on) as date) as period, oblast_code,
               count(*) as incidents, sum(killed) as killed, sum(injured) as injured,
               count(killed) as killed_reported, count(injured) as injured_reported
        from incidents group by all"""
    pdf = frame.to_pandas()

    def pandas_groupby() -> pd.DataFrame:
        days = pdf["occurred_on"]
        week = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
        g = pdf.assign(period=week).groupby(["period", "oblast_code"], dropna=False)
        sums = g[["killed", "injured"]].sum(min_count=1)  # NULL stays NULL
        counts = g[["killed", "injured"]].count().add_suffix("_reported")
        return pd.concat([g.size().rename("incidents"), sums, counts], axis=1)

    polars_s = _best(lambda: count_by(frame, freq="week"))
    duck_s = _best(lambda: con.sql(sql).pl())
    pandas_s = _best(pandas_groupby, repeat=1)
    a = count_by(frame, freq="week").sort("period", "oblast_code", nulls_last=True)
    b = con.sql(sql + " order by period, oblast_code nulls last").pl()
    assert a["incidents"].to_list() == b["incidents"].to_list(), "polars and DuckDB disagree"
    print(f"aggregation: {rows:,} synthetic incidents -> weekly x oblast (counts, NULL-aware sums)")
    print(f"  polars count_by     {polars_s:7.3f} s   1.00x")
    print(f"  DuckDB SQL (.pl())  {duck_s:7.3f} s   {duck_s / polars_s:5.2f}x polars")
    print(f"  pandas groupby      {pandas_s:7.3f} s   {pandas_s / polars_s:5.2f}x polars")
    con.close()


_REPORT_LINE = """
import sys, time
sys.path.insert(0, {bench!r})
from bench_models import _panel, _report_models, _timed
by = _panel({weeks}, 1).partition_by("oblast_code", as_dict=False)
c0 = time.process_time()
wall = _timed(lambda: _report_models(by))
print(wall, time.process_time() - c0)
"""


def bench_before(before: Path, weeks: int, rounds: int = 3) -> None:
    """The report line in fresh processes, ``before``'s package and this tree's in turn."""
    here = Path(__file__).resolve().parents[1]
    code = _REPORT_LINE.format(bench=str(here / "benchmarks"), weeks=weeks)
    runs: dict[str, list[float]] = {"before": [], "after": []}
    cpu: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(rounds):  # interleaved: the machine's load moves both alike
        for label, tree in (("before", before.resolve()), ("after", here)):
            env = os.environ | {"PYTHONPATH": str(tree)}
            out = subprocess.run(
                [sys.executable, "-c", code], cwd=tree, env=env, check=True,
                capture_output=True, text=True,
            )  # fmt: skip
            wall, secs = out.stdout.split()[-2:]
            runs[label].append(float(wall))
            cpu[label].append(float(secs))
    b, a = min(runs["before"]), min(runs["after"])
    print(f"report models, {len(CODES)} series x {weeks} weeks, fresh process, best of {rounds}")
    for label, secs in (("before", b), ("after (this tree)", a)):
        every = ", ".join(f"{x:.2f}" for x in runs[label.split()[0]])
        used = min(cpu[label.split()[0]])
        print(f"  {label:<18} {secs:7.2f} s   CPU {used:7.2f} s   (all runs: {every})")
    print(f"  after / before     {a / b:7.2f}   CPU {min(cpu['after']) / min(cpu['before']):7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--rows", type=int, default=10_000_000, help="synthetic incidents (default 10M)"
    )
    parser.add_argument("--weeks", type=int, default=150)
    parser.add_argument("--before", type=Path, help="a tree holding the package to compare")
    args = parser.parse_args()
    if args.before:
        bench_before(args.before, args.weeks)
        return
    bench_models(args.weeks)
    bench_national(args.weeks)
    if args.rows:
        bench_aggregation(args.rows)


if __name__ == "__main__":
    main()
