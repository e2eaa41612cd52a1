"""Benchmark: the weekly report on a database of 1,000,000 incidents vs a raw DuckDB load.

Run: ``.venv/bin/python benchmarks/bench_report.py [--rows 1000000] [--keep DIR]``.
Writes the 1,000,000-row canonical CSV of ``bench_ingest.py`` (invented numbers), loads it
once with DuckDB's own ``read_csv`` + ``INSERT`` (the baseline, in a subprocess) and once with
``Store.ingest_file``, then builds the weekly report (html, md, pdf) of the last complete week.
Prints the seconds of each report stage (query, models, charts, render) and the report's total
as ratios to the baseline of the same run (target: total <= 2x). The raw load and the report are
each run ``--repeat`` times, interleaved so both see the same machine load, and the best of
each is kept (one run of each is at the mercy of whatever else the machine is doing).
The models keep a process-wide cache of refits, so only the first report of this process
fits them cold (as every CLI run does); ``--before`` runs each report in a fresh process.
``--charts both`` (the default) builds each report twice per round, in alternating order: the
model-free charts drawn after the models in the same process, and drawn in a worker process
beside the models (``build_report(background=True)``); both are printed. Each background report starts its own
worker interpreter (it imports the drawing code, not this script); the report's timings give
the worker's start-up (``worker_start``, from the report's start to its imports done) and how
long the charts sent to it waited for that (``worker_late``).

``--before DIR`` also builds the same report with the package found in DIR (e.g. main's tree
from ``git archive main analytics | tar -x -C DIR``), each run in a fresh process as the CLI
runs it (imports not timed), interleaved with the same runs of this tree, and prints the
after/before ratio of wall time and of the process's CPU time (all its threads; with
``--charts serial`` that is all the report's work, a figure a busy machine distorts less).
The before runs read a copy of the database whose views are the before tree's own.
``--warm`` also builds each round's report a second time into the folder of its first, serial
build: every chart is then read back from the chart cache (``out/.cache/charts``, keyed by a
hash of the chart's inputs), as when a scheduled job re-renders charts whose data did not
change; printed apart from the cold runs, whose folders (and caches) are new each time.
Each report's CPU (its process, all threads, and its chart worker) is printed with the floor
it sets: that CPU spread over the machine's cores, the wall time no schedule of the same work
can beat (``--before``: per tree).
``--state`` times ``data_state`` against the content checksums it replaced
(``Store.checksum()`` and ``Store.data_checksum()``) on the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from bench_ingest import make_csv, raw_load

from analytics.report import ReportResult, build_report
from analytics.store import Store
from analytics.store.snapshot import data_state

#: The last day make_csv writes is 2022-02-24 + 999 days; the report runs a week later.
TODAY = dt.date(2024, 11, 26)

#: Child program: one report in a fresh process, timed from after the imports; prints JSON.
REPORT = """
import datetime as dt, json, resource, sys, time
import analytics
from analytics.report import build_report
def children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
if __name__ == "__main__":
    db, out, background = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    t0, c0, w0 = time.perf_counter(), time.process_time(), children()
    res = build_report(db, period="week", out=out, today=dt.date.fromisoformat(sys.argv[4]),
                       background=background)
    print(json.dumps({"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
                      "worker_cpu": children() - w0, "timings": res.timings,
                      "package": analytics.__file__}))
"""


def _child(program: str, *args: str, tree: str, cwd: Path) -> dict[str, object]:
    """Run ``program`` in a fresh Python that imports the package from ``tree`` (``""``: the
    installed one, this tree), from ``cwd``; its JSON line. ``python -c`` puts its working
    directory first on ``sys.path``, so a run started in this tree would import this tree's
    package whatever ``PYTHONPATH`` says: each run starts in ``cwd`` (the before tree, or a
    folder with no package)."""
    env = dict(os.environ, PYTHONPATH=tree) if tree else None
    done = subprocess.run([sys.executable, "-c", program, *args], check=True,
                          capture_output=True, text=True, env=env, cwd=cwd)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _print_run(label: str, total: float, timings: dict[str, float], raw: float) -> None:
    print(f"  {label}")
    stages = ("query", "models", "charts", "render", "models_thread", "charts_worker",
              "worker_start", "worker_late", "charts_here")  # fmt: skip
    for stage in stages:
        if stage in timings:
            note = {
                "charts_worker": "  (in the worker, overlapped)",
                "models_thread": "  (in a thread, overlapped)",
                "worker_start": "  (the worker's start-up: imports, from the report's start)",
                "worker_late": "  (charts sent before the worker was ready: their wait)",
                "charts_here": f"  ({timings.get('charts_here_count', 0):.0f} of the worker's "
                "charts drawn by the report's process, from the last one back)",
            }.get(stage, "")
            print(f"    {stage:<24} {timings[stage]:7.2f} s   {timings[stage] / raw:5.2f}x{note}")
    print(f"    total                    {total:7.2f} s   {total / raw:5.2f}x  (target <= 2.0)")


def _print_floor(label: str, cpu: float, raw: float) -> None:
    """The CPU of a report, its process and its chart worker together, and the wall time no
    schedule can beat on the machine's cores: that CPU spread evenly over them."""
    cores = os.cpu_count() or 1
    floor = cpu / cores
    print(f"  {label}: CPU {cpu:.2f} s (report process and chart worker); / {cores} cores = "
          f"floor {floor:.2f} s = {floor / raw:.2f}x the raw load")  # fmt: skip


def _children_cpu() -> float:
    """CPU seconds of this process's ended (waited-for) children: the chart workers."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _before_after(args: argparse.Namespace, root: Path, csv: Path, db: Path) -> None:
    """Reports of ``--before`` and of this tree, each in a fresh process, interleaved."""
    bg = "0" if args.charts == "serial" else "1"
    # Views are stored in the database by the version that wrote it: the before runs read a
    # copy whose views are the before tree's own (its views.sql run on the copy).
    before_db = root / "before.duckdb"
    shutil.copyfile(db, before_db)
    with duckdb.connect(str(before_db)) as con:
        con.execute((Path(args.before) / "analytics" / "sql" / "views.sql").read_text())
    raws: list[float] = []
    runs: dict[str, list[dict[str, object]]] = {"before": [], "after": []}
    for i in range(args.repeat):
        (root / f"raw{i}.duckdb").unlink(missing_ok=True)
        raws.append(raw_load(csv, root / f"raw{i}.duckdb")["seconds"])
        for name, tree, base in (("before", args.before, before_db), ("after", None, db)):
            out = str(root / f"{name}{i}")
            shutil.rmtree(out, ignore_errors=True)  # a cold run: no chart cache of an earlier one
            where = Path(tree) if tree else root
            run = _child(REPORT, str(base), out, bg, TODAY.isoformat(), tree=tree or "", cwd=where)
            if tree and not str(run["package"]).startswith(str(Path(tree).resolve())):
                raise SystemExit(f"the before run imported {run['package']}, not {tree}")
            runs[name].append(run)
    raw = min(raws)
    print(f"weekly report on {args.rows:,} incidents, fresh process per run, best of "
          f"{args.repeat}; background={bg == '1'}")  # fmt: skip
    print(f"  raw duckdb read_csv+insert {raw:7.2f} s   1.00x  (baseline; all {raws})")
    best = {}
    for name, got in runs.items():
        run = min(got, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
        best[name] = float(run["seconds"])  # type: ignore[arg-type]
        seen = ", ".join(f"{float(r['seconds']):.2f}" for r in got)  # type: ignore[arg-type]
        where = args.before if name == "before" else "this tree"
        _print_run(f"{name} ({where}; all runs: {seen} s)", best[name], run["timings"], raw)  # type: ignore[arg-type]
    cpu = {name: min(float(r["cpu"]) for r in got) for name, got in runs.items()}  # type: ignore[arg-type]
    print(f"  after / before             {best['after'] / best['before']:7.2f}  (wall time)")
    print(f"  process CPU, all threads of the report's process (the chart worker not included): "
          f"before {cpu['before']:.2f} s, after {cpu['after']:.2f} s, "
          f"after / before {cpu['after'] / cpu['before']:.2f}")  # fmt: skip
    for name, got in runs.items():
        total = min(float(r["cpu"]) + float(r.get("worker_cpu", 0.0)) for r in got)  # type: ignore[arg-type]
        _print_floor(name, total, raw)


def _state(db: Path, repeat: int) -> None:
    """``data_state`` against the content checksums it replaced, interleaved."""
    new, old = [], []
    with Store(db, read_only=True) as store:
        for _ in range(repeat):
            t0 = time.perf_counter()
            data_state(store)
            new.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            store.data_checksum(checksum=store.checksum())
            old.append(time.perf_counter() - t0)
    print(f"  data state (ingest history) {min(new):7.3f} s; content checksums "
          f"{min(old):7.3f} s; ratio {min(new) / min(old):.3f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, default=None, help="Keep database and reports here.")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    parser.add_argument(
        "--charts", choices=("serial", "background", "both"), default="both",
        help="draw the model-free charts after the models, in a worker beside them, or both",
    )  # fmt: skip
    parser.add_argument("--before", help="a tree holding the package to compare against")
    parser.add_argument("--state", action="store_true", help="time data_state vs checksums")
    parser.add_argument("--reuse", action="store_true", help="keep --keep's CSV and database")
    parser.add_argument("--warm", action="store_true", help="also re-run with the chart cache")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_report_"))
    root.mkdir(parents=True, exist_ok=True)
    csv, db = root / "incidents.csv", root / "bench.duckdb"
    ingest_s = None
    if not (args.reuse and csv.exists() and db.exists()):
        db.unlink(missing_ok=True)
        make_csv(csv, args.rows)
        t0 = time.perf_counter()
        with Store(db) as store:
            store.ingest_file("csv", csv)
        ingest_s = time.perf_counter() - t0
    if args.state:
        _state(db, args.repeat)
    if args.before:
        _before_after(args, root, csv, db)
        return
    modes = {"serial": (False,), "background": (True,), "both": (False, True)}[args.charts]
    raws: list[float] = []
    runs: dict[bool, list[tuple[float, ReportResult]]] = {bg: [] for bg in modes}
    cpus: dict[bool, list[float]] = {bg: [] for bg in modes}
    warm: list[tuple[float, ReportResult]] = []
    for i in range(args.repeat):  # interleaved: every variant sees the same machine load
        (root / f"raw{i}.duckdb").unlink(missing_ok=True)
        raws.append(raw_load(csv, root / f"raw{i}.duckdb")["seconds"])
        # Modes alternate which goes first: the first report of the process fits the models
        # cold, later ones reuse analytics.modelling's process-wide refit cache.
        for bg in modes if i % 2 == 0 else modes[::-1]:
            out = root / f"reports{i}{'_bg' if bg else ''}"
            shutil.rmtree(out, ignore_errors=True)  # a cold run: no chart cache of an earlier one
            t0, c0, w0 = time.perf_counter(), time.process_time(), _children_cpu()
            res = build_report(db, period="week", out=out, today=TODAY, background=bg)
            runs[bg].append((time.perf_counter() - t0, res))
            cpus[bg].append(time.process_time() - c0 + _children_cpu() - w0)
        if args.warm:  # the same report again, into the first run's folder: charts read back
            t0 = time.perf_counter()
            first = root / f"reports{i}{'_bg' if modes[0] else ''}"
            res = build_report(db, period="week", out=first, today=TODAY, background=modes[0])
            warm.append((time.perf_counter() - t0, res))
    raw = min(raws)

    print(f"weekly report on {args.rows:,} incidents ({root}), best of {args.repeat} runs each")
    print(f"  raw duckdb read_csv+insert {raw:7.2f} s   1.00x  (baseline)")
    if ingest_s is not None:
        print(f"  ingest (Store.ingest_file) {ingest_s:7.2f} s   {ingest_s / raw:5.2f}x")
    for bg in modes:
        total, result = min(runs[bg], key=lambda run: run[0])
        how = "charts drawn beside the models" if bg else "charts drawn after the models"
        seen = ", ".join(f"{t:.2f}" for t, _ in runs[bg])
        _print_run(f"report, {how} (all runs: {seen} s)", total, result.timings, raw)
        print(f"    written: {result.directory}")
        _print_floor("  least", min(cpus[bg]), raw)
    if warm:
        total, result = min(warm, key=lambda run: run[0])
        seen = ", ".join(f"{t:.2f}" for t, _ in warm)
        _print_run(f"report again, every chart read back from the cache (all runs: {seen} s)",
                   total, result.timings, raw)  # fmt: skip


if __name__ == "__main__":
    main()
