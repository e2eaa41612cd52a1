"""Benchmark: the weekly report from a database of 1,000,000 synthetic incidents.

Run: ``.venv/bin/python benchmarks/bench_report.py [--rows 1000000] [--keep DIR]``.
Generates canonical incident rows with numpy/polars (invented numbers, labelled as the
synthetic demo source), ingests them through ``Store.ingest`` and builds the weekly report
(html, md, pdf). Prints the seconds of each stage (query, models, charts, render) next to
the bare SQL aggregation ``select ... from weekly_oblast``, as ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import numpy as np
import polars as pl

from analytics.demo import SYNTHETIC_SOURCE
from analytics.report import build_report
from analytics.sources.base import SourceBatch
from analytics.store import Store

CODES = [
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
    "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
    "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
]  # fmt: skip
TYPES = ["artillery", "drone", "missile", "air_strike", "explosive"]
END = dt.date(2026, 11, 22)


def incidents(rows: int, *, days: int = 1000, seed: int = 7) -> pl.DataFrame:
    """Canonical incident rows: skewed oblasts, NULL-heavy casualties, a rising trend."""
    rng = np.random.default_rng(seed)
    weights = 0.8 ** np.arange(len(CODES))
    oblast = rng.choice(len(CODES) + 1, rows, p=np.append(weights, 0.3) / (weights.sum() + 0.3))
    age = np.floor(days * (1 - np.sqrt(rng.random(rows)))).astype("int64")  # more recent rows
    occurred = np.datetime64(END) - age.astype("timedelta64[D]")
    killed = rng.poisson(0.3, rows).astype("float64")
    killed[rng.random(rows) < 0.3] = np.nan
    injured = rng.poisson(0.8, rows).astype("float64")
    injured[rng.random(rows) < 0.4] = np.nan
    codes = np.array([*CODES, None], dtype=object)[oblast]
    return pl.DataFrame(
        {
            "source": SYNTHETIC_SOURCE,
            "source_event_id": [f"B{i:08d}" for i in range(rows)],
            "occurred_on": occurred,
            "oblast_code": codes,
            "region_raw": np.where(codes == None, "south", codes),  # noqa: E711
            "strike_type": np.array(TYPES)[rng.integers(0, len(TYPES), rows)],
            "killed": killed,
            "injured": injured,
            "notes": "SYNTHETIC: benchmark row",
        }
    ).with_columns(
        pl.col("occurred_on").cast(pl.Date),
        pl.col("killed", "injured").fill_nan(None).cast(pl.Int64),
        pl.int_range(2, rows + 2, dtype=pl.Int64).alias("_row"),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--keep", type=Path, default=None, help="Keep the database and reports here."
    )
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_report_"))
    root.mkdir(parents=True, exist_ok=True)
    db = root / "bench.duckdb"
    db.unlink(missing_ok=True)

    t0 = time.perf_counter()
    frame = incidents(args.rows)
    gen_s = time.perf_counter() - t0
    batch = SourceBatch(SYNTHETIC_SOURCE, "bench.csv", "0" * 64, frame.height, frame)
    t0 = time.perf_counter()
    with Store(db) as store:
        store.ingest(batch, kind="csv")
    ingest_s = time.perf_counter() - t0

    sql = (
        "select period, oblast_code, incidents, killed, injured, killed_reported, "
        "injured_reported from weekly_oblast"
    )
    with Store(db, read_only=True) as store:
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            store.query(sql)
            best = min(best, time.perf_counter() - t0)
    sql_s = best

    t0 = time.perf_counter()
    result = build_report(db, period="week", out=root / "reports", today=dt.date(2026, 11, 25))
    total_s = time.perf_counter() - t0

    print(f"weekly report from {args.rows:,} synthetic incidents ({root})")
    print(f"  generate rows            {gen_s:7.2f} s")
    print(f"  ingest (Store.ingest)    {ingest_s:7.2f} s")
    print(f"  bare SQL: weekly_oblast  {sql_s:7.3f} s   1.00x")
    for stage in ("query", "models", "charts", "render"):
        secs = result.timings.get(stage, float("nan"))
        print(f"  report {stage:<17} {secs:7.2f} s   {secs / sql_s:6.1f}x bare SQL")
    print(f"  report total             {total_s:7.2f} s   {total_s / sql_s:6.1f}x bare SQL")
    print(f"  written: {result.directory}")


if __name__ == "__main__":
    main()
