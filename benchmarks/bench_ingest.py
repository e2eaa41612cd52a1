"""Benchmark: 1,000,000 canonical rows from CSV, validated into DuckDB, vs a raw DuckDB load.

Prints the package's ingest time, the time of a bare ``read_csv`` + ``INSERT`` of the same
file into a table of the same shape in the same run, and the ratio (target: at most 2.0x).

    python benchmarks/bench_ingest.py [--rows N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from analytics.store import Store


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    from analytics.reference.oblasts import oblasts

    codes = oblasts()["code"].to_numpy()
    start = dt.date(2022, 2, 24)
    killed = rng.negative_binomial(0.3, 0.4, rows).astype("float")
    killed[rng.random(rows) < 0.1] = np.nan
    injured = rng.negative_binomial(0.4, 0.3, rows).astype("float")
    injured[rng.random(rows) < 0.3] = np.nan
    frame = pl.DataFrame({"source_event_id": [f"E{i}" for i in range(rows)]}).select(
        source=pl.lit("bench"), source_event_id=pl.col("source_event_id")
    )
    days = rng.integers(0, 1000, rows)
    frame = frame.with_columns(
        occurred_on=pl.lit(start) + pl.duration(days=pl.Series(days)),
        oblast_code=pl.Series(rng.choice(codes, rows)),
        strike_type=pl.Series(rng.choice(["drone", "missile", "artillery", "air_strike"], rows)),
        killed=pl.Series(killed).fill_nan(None).cast(pl.Int64),
        injured=pl.Series(injured).fill_nan(None).cast(pl.Int64),
        notes=pl.lit("benchmark row"),
    )
    frame.write_csv(path)


def raw_load(path: Path, db: Path) -> float:
    con = duckdb.connect(str(db))
    con.execute(
        """create table t (source varchar, source_event_id varchar, occurred_on date,
           oblast_code varchar, strike_type varchar, killed bigint, injured bigint, notes varchar)"""
    )
    t0 = time.perf_counter()
    con.execute(f"insert into t select * from read_csv('{path}', header=true)")
    con.execute("checkpoint")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def package_load(path: Path, db: Path) -> tuple[float, int]:
    t0 = time.perf_counter()
    with Store(db) as store:
        result = store.ingest_file("csv", path)
        store.con.execute("checkpoint")
    return time.perf_counter() - t0, result.accepted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "incidents.csv"
        make_csv(csv_path, args.rows)
        Store(Path(tmp) / "warm.duckdb").close()  # schema + gazetteer load outside the timing
        raws, ours_runs = [], []
        for i in range(args.repeat):  # interleaved, so both see the same machine load
            raws.append(raw_load(csv_path, Path(tmp) / f"raw{i}.duckdb"))
            seconds, accepted = package_load(csv_path, Path(tmp) / f"ours{i}.duckdb")
            assert accepted == args.rows, f"accepted {accepted} of {args.rows}"
            ours_runs.append(seconds)
        raw, ours = min(raws), min(ours_runs)
    print(f"rows                     {args.rows:>12,}   (best of {args.repeat} runs each)")
    print(f"raw duckdb read_csv+insert {raw:>10.2f} s")
    print(f"strike-analytics ingest    {ours:>10.2f} s  (parsed, resolved, validated, versioned)")
    print(f"ratio                      {ours / raw:>10.2f} x  (target <= 2.0)")


if __name__ == "__main__":
    main()
