"""Benchmark: the weekly report on a database of 1,000,000 incidents vs a raw DuckDB load.

Run: ``.venv/bin/python benchmarks/bench_report.py [--rows 1000000] [--keep DIR]``.
Writes the 1,000,000-row canonical CSV of ``bench_ingest.py`` (invented numbers), loads it
once with DuckDB's own ``read_csv`` + ``INSERT`` (the baseline, in a subprocess) and once with
``Store.ingest_file``, then builds the weekly report (html, md, pdf) of the last complete week.
Prints the seconds of each report stage (query, models, charts, render) and the report's total
as ratios to the baseline of the same run (target: total <= 2x). The raw load and the report are
each run ``--repeat`` times, interleaved so both see the same machine load, and the best of
each is kept (one run of each is at the mercy of whatever else the machine is doing).

The report opens the database read-only, so these runs hash every incident revision for the
data checksum. A writable store keeps that checksum (``analytics.store.snapshot.data_state``);
the last lines write it once and time the report again with it kept ("warm"), and the time of
that first compute.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from bench_ingest import make_csv, raw_load

from analytics.report import build_report
from analytics.store import Store
from analytics.store.snapshot import data_state

#: The last day make_csv writes is 2022-02-24 + 999 days; the report runs a week later.
TODAY = dt.date(2024, 11, 26)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="Keep database and reports here.")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_report_"))
    root.mkdir(parents=True, exist_ok=True)
    csv, db = root / "incidents.csv", root / "bench.duckdb"
    db.unlink(missing_ok=True)
    make_csv(csv, args.rows)
    t0 = time.perf_counter()
    with Store(db) as store:
        store.ingest_file("csv", csv)
    ingest_s = time.perf_counter() - t0
    raws, totals, results = [], [], []
    for i in range(args.repeat):  # interleaved: both see the same machine load
        (root / f"raw{i}.duckdb").unlink(missing_ok=True)
        raws.append(raw_load(csv, root / f"raw{i}.duckdb")["seconds"])
        t0 = time.perf_counter()
        results.append(build_report(db, period="week", out=root / f"reports{i}", today=TODAY))
        totals.append(time.perf_counter() - t0)
    raw, total = min(raws), min(totals)
    result = results[totals.index(total)]

    print(f"weekly report on {args.rows:,} incidents ({root}), best of {args.repeat} runs each")
    print(f"  raw duckdb read_csv+insert {raw:7.2f} s   1.00x  (baseline)")
    print(f"  ingest (Store.ingest_file) {ingest_s:7.2f} s   {ingest_s / raw:5.2f}x")
    for stage in ("query", "models", "charts", "render"):
        secs = result.timings.get(stage, float("nan"))
        print(f"  report {stage:<19} {secs:7.2f} s   {secs / raw:5.2f}x")
    print(f"  report total               {total:7.2f} s   {total / raw:5.2f}x  (target <= 2.0)")
    print(f"  written: {result.directory}")
    t0 = time.perf_counter()
    with Store(db) as store:  # writable: data_state keeps the checksums in the store
        data_state(store)
    keep_s = time.perf_counter() - t0
    warm = []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        build_report(db, period="week", out=root / f"warm{i}", today=TODAY)
        warm.append(time.perf_counter() - t0)
    print(f"  data state, first compute  {keep_s:7.2f} s   {keep_s / raw:5.2f}x  (once per ingest)")
    print(f"  report total, state kept   {min(warm):7.2f} s   {min(warm) / raw:5.2f}x")


if __name__ == "__main__":
    main()
