"""Benchmark: the weekly report on a database of 1,000,000 incidents vs a raw DuckDB load.

Run: ``.venv/bin/python benchmarks/bench_report.py [--rows 1000000] [--keep DIR]``.
Writes the 1,000,000-row canonical CSV of ``bench_ingest.py`` (invented numbers), loads it
once with DuckDB's own ``read_csv`` + ``INSERT`` (the baseline, in a subprocess) and once with
``Store.ingest_file``, then builds the weekly report (html, md, pdf) of the last complete week.
Prints the seconds of each report stage (query, models, charts, render) and the report's total
as ratios to the baseline of the same run (target: total <= 2x). The raw load and the report are
each run ``--repeat`` times, interleaved so both see the same machine load, and the best of
each is kept (one run of each is at the mercy of whatever else the machine is doing).
``--charts both`` (the default) builds each report twice per round: the model-free charts drawn
after the models in the same process, and drawn in a worker process beside the models
(``build_report(background=True)``); both are printed. The worker's fork server starts with the
first background report of the process, so the first of those runs pays for its imports.

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

from analytics.report import ReportResult, build_report
from analytics.store import Store
from analytics.store.snapshot import data_state

#: The last day make_csv writes is 2022-02-24 + 999 days; the report runs a week later.
TODAY = dt.date(2024, 11, 26)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="Keep database and reports here.")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    parser.add_argument(
        "--charts", choices=("serial", "background", "both"), default="both",
        help="draw the model-free charts after the models, in a worker beside them, or both",
    )  # fmt: skip
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
    modes = {"serial": (False,), "background": (True,), "both": (False, True)}[args.charts]
    raws: list[float] = []
    runs: dict[bool, list[tuple[float, ReportResult]]] = {bg: [] for bg in modes}
    for i in range(args.repeat):  # interleaved: every variant sees the same machine load
        (root / f"raw{i}.duckdb").unlink(missing_ok=True)
        raws.append(raw_load(csv, root / f"raw{i}.duckdb")["seconds"])
        for bg in modes:
            out = root / f"reports{i}{'_bg' if bg else ''}"
            t0 = time.perf_counter()
            res = build_report(db, period="week", out=out, today=TODAY, background=bg)
            runs[bg].append((time.perf_counter() - t0, res))
    raw = min(raws)

    print(f"weekly report on {args.rows:,} incidents ({root}), best of {args.repeat} runs each")
    print(f"  raw duckdb read_csv+insert {raw:7.2f} s   1.00x  (baseline)")
    print(f"  ingest (Store.ingest_file) {ingest_s:7.2f} s   {ingest_s / raw:5.2f}x")
    for bg in modes:
        total, result = min(runs[bg], key=lambda run: run[0])
        how = "charts drawn beside the models" if bg else "charts drawn after the models"
        print(f"  report, {how} (all runs: {', '.join(f'{t:.2f}' for t, _ in runs[bg])} s)")
        for stage in ("query", "models", "charts", "render", "charts_worker"):
            if stage in result.timings:
                secs = result.timings[stage]
                note = "  (in the worker, overlapped)" if stage == "charts_worker" else ""
                print(f"    {stage:<24} {secs:7.2f} s   {secs / raw:5.2f}x{note}")
        print(f"    total                    {total:7.2f} s   {total / raw:5.2f}x  (target <= 2.0)")
        print(f"    written: {result.directory}")
    t0 = time.perf_counter()
    with Store(db) as store:  # writable: data_state keeps the checksums in the store
        data_state(store)
    keep_s = time.perf_counter() - t0
    warm = []
    for i in range(args.repeat):
        t0 = time.perf_counter()
        build_report(db, period="week", out=root / f"warm{i}", today=TODAY, background=modes[-1])
        warm.append(time.perf_counter() - t0)
    print(f"  data state, first compute  {keep_s:7.2f} s   {keep_s / raw:5.2f}x  (once per ingest)")
    print(f"  report total, state kept   {min(warm):7.2f} s   {min(warm) / raw:5.2f}x")


if __name__ == "__main__":
    main()
