"""Benchmark: 1,000,000 canonical rows from CSV, validated into DuckDB, vs a raw DuckDB load.

Each load runs in its own subprocess and reports its own peak resident memory (``VmHWM``;
``ru_maxrss`` would keep the parent's peak across exec, hiding a child's smaller one).
Prints, from one run, the time and peak memory of a bare ``read_csv`` + ``INSERT`` of the file
into a table of the same shape (the baseline) and of ``Store.ingest_file`` (parsed, resolved,
validated, versioned: for a canonical CSV the staged SQL path, ``ingest_canonical_csv``), and the
ratios (targets: time <= 1.5x, memory <= 2x). For a like-with-like view it also prints the same
bare load into the store's own ``incident_revisions`` table (25 columns, from sql/schema.sql)
and our ratios to it; ``--python`` adds the adapter path (polars read, pandera validation,
``analytics.store.ingest.ingest``), the default before the staged path replaced it.

``--before DIR`` also times the same ingest with the package found in DIR (e.g. main's
tree from ``git archive main analytics sql | tar -x -C DIR``), interleaved in the same run,
for a before/after ratio.

``--parts`` splits the direct path's one ``INSERT ... SELECT`` (``append_plain_csv``) into its
parts, each a fresh process timed with its ``COMMIT`` and ``CHECKPOINT``, interleaved, best of
``--repeat``, as ratios to the raw load of the same run (see :data:`PART`).

    python benchmarks/bench_ingest.py [--rows N] [--repeat N] [--stages] [--parts] [--python]
        [--before DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

from analytics.reference.oblasts import oblasts

SCHEMA_SQL = Path(__file__).resolve().parent.parent / "sql" / "schema.sql"

#: The first lines of every child program: its own peak RSS (VmHWM is this program's own peak;
#: ru_maxrss keeps the parent's across exec).
PEAK = """
import resource
def peak_kib():
    try:
        return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

#: Child programs: each prints {"seconds": ..., "rows": ..., "rss_kib": its own peak RSS}.
RAW = (
    PEAK
    + """
import json, sys, time, duckdb, resource
path, db, target = sys.argv[1], sys.argv[2], sys.argv[3]
con = duckdb.connect(db)
con.execute("set enable_progress_bar = false")
if target == "csv":  # a table of the CSV's own columns
    con.execute('''create table t (source varchar, source_event_id varchar, occurred_on date,
        oblast_code varchar, strike_type varchar, killed bigint, injured bigint, notes varchar)''')
    table, load = "t", f"insert into t select * from read_csv('{path}', header=true)"
else:  # the store's own table (sql/schema.sql), ids and bookkeeping as plain expressions
    con.execute(open(target, encoding="utf-8").read())
    table = "incident_revisions"
    load = f'''insert into incident_revisions by name select source || ':' || source_event_id as incident_id,
        1 as revision, 1 as ingest_id, 0 as source_row, now()::timestamp as recorded_at, *
        from read_csv('{path}', header=true)'''
t0 = time.perf_counter()
con.execute(load)
con.execute("checkpoint")
seconds = time.perf_counter() - t0
rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
con.close()
rss = peak_kib()
cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
print(json.dumps({"seconds": seconds, "rows": rows, "rss_kib": rss, "cpu": cpu}))
"""
)
OURS = (
    PEAK
    + """
import json, sys, time, resource
from analytics.store import Store
path, db = sys.argv[1], sys.argv[2]
Store(db).close()  # schema and gazetteer outside the timing, as the raw load's CREATE TABLE
t0 = time.perf_counter()
with Store(db) as store:
    store.con.execute("set enable_progress_bar = false")
    result = store.ingest_file("csv", path)
    store.con.execute("checkpoint")
seconds = time.perf_counter() - t0
rss = peak_kib()
cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
print(json.dumps({"seconds": seconds, "rows": result.accepted, "rss_kib": rss, "cpu": cpu}))
"""
)

#: The adapter path (the canonical adapter's polars read, then ``ingest``: pandera validation,
#: revisions planned in SQL from an Arrow frame), for comparison: ``--python``.
PYTHON = (
    PEAK
    + """
import json, sys, time, resource
from pathlib import Path
from analytics.sources.base import get_adapter
from analytics.store import Store
from analytics.store.ingest import ingest
path, db = sys.argv[1], sys.argv[2]
Store(db).close()
t0 = time.perf_counter()
with Store(db) as store:
    store.con.execute("set enable_progress_bar = false")
    result = ingest(store, get_adapter("csv").read(Path(path)), kind="csv")
    store.con.execute("checkpoint")
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rows": result.accepted, "rss_kib": peak_kib()}))
"""
)

#: Child program for ``--stages``: the peak RSS (MiB) after each step of the adapter path, so a
#: change can be aimed at the step that sets the peak (the adapter path of ``--python``).
STAGES = (
    PEAK
    + """
import json, sys, time, resource
from pathlib import Path
from typing import Any
from analytics.sources.base import get_adapter
from analytics.store import Store
from analytics.store.ingest import ingest
path, db = sys.argv[1], sys.argv[2]
Store(db).close()
peak = lambda: peak_kib() // 1024
out, t0 = {"import": [0.0, peak()]}, time.perf_counter()
with Store(db) as store:
    out["open store"] = [time.perf_counter() - t0, peak()]
    t0 = time.perf_counter()
    batch = get_adapter("csv").read(Path(path))
    out["adapter read"] = [time.perf_counter() - t0, peak()]
    t0 = time.perf_counter()
    ingest(store, batch, kind="csv")
    store.con.execute("checkpoint")
    out["validate + write"] = [time.perf_counter() - t0, peak()]
print(json.dumps(out))
"""
)


#: Child program for ``--stages``: the default path (``Store.ingest_file``) statement by
#: statement: the store's connection is wrapped so that every ``execute`` is timed (its first
#: words name it), and the file's text check (UTF-8, sha256, lines) is timed alone, though
#: the direct path runs it in a thread beside the insert.
STATEMENTS = (
    PEAK
    + """
import json, sys, time
from pathlib import Path
from analytics.sources.canonical import check_csv_text
from analytics.store import Store
path, db = sys.argv[1], sys.argv[2]
Store(db).close()
class Timed:
    def __init__(self, con):
        self.con, self.times = con, []
    def execute(self, query, *args, **kwargs):
        t0 = time.perf_counter()
        result = self.con.execute(query, *args, **kwargs)
        self.times.append([" ".join(query.split())[:60], time.perf_counter() - t0])
        return result
    def __getattr__(self, name):
        return getattr(self.con, name)
t0 = time.perf_counter()
check_csv_text(Path(path))
text = time.perf_counter() - t0
t0 = time.perf_counter()
store = Store(db)
opened = time.perf_counter() - t0
store.con.execute("set enable_progress_bar = false")
timed = Timed(store.con)
store.con = timed
t0 = time.perf_counter()
store.ingest_file("csv", path)
timed.execute("checkpoint")
total = time.perf_counter() - t0
store.con = timed.con
store.close()
print(json.dumps({"text check alone": text, "open store": opened, "ingest + checkpoint": total,
                  "statements": timed.times, "rss_kib": peak_kib()}))
"""
)


#: Child program for ``--parts``: one form of the direct path's insert (argv[1]), timed with
#: its commit and checkpoint; the statement text is the package's own (``typed_sql`` over the
#: strict read of ``csv_read_sql`` with ``READ_BUFFER_BYTES``), cut down part by part.
PART = (
    PEAK
    + """
import json, sys, tempfile, time, resource
from pathlib import Path
import duckdb
from analytics.sources.canonical import csv_header_names, csv_read_sql
from analytics.store import Store
from analytics.store.direct import READ_BUFFER_BYTES, SPLIT_MIN_BYTES
from analytics.store.parts import part_bounds, write_parts
from analytics.store.staging import quote, stored_columns, typed_sql
part, path, db = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
Store(db).close()
con = duckdb.connect(db)
con.execute("set enable_progress_bar = false")
header = csv_header_names(path)
listed = ", ".join(c for c in stored_columns(header) if c != "incident_id")
strict = csv_read_sql(header, buffer_size=READ_BUFFER_BYTES).replace(
    "read_csv(?", f"read_csv('{quote(str(path))}'", 1)
typed = typed_sql(header, strict, None)
def typed_part(part):
    read = csv_read_sql(header, buffer_size=READ_BUFFER_BYTES).replace(
        "read_csv(?", f"read_csv('{quote(str(part.path))}'", 1)
    return (f"(select row_number() over () + {part.first_line - 1} as _row, * from "
            f"({typed_sql(header, read, None)}))")
into = ("insert into incident_revisions (incident_id, revision, ingest_id, source_row, "
        f"recorded_at, {listed}) ")
plain = "where _ok and incident_id is not null"
row = "row_number() over () + 1"
bare = f"select source || ':' || source_event_id as incident_id, * from ({strict})"
queries = {
    "strict read only (count)": f"select count(*) from ({strict})",
    "typed + checks, no insert": f"select count(*), count(*) filter (_ok) from ({typed})",
    "bare load (no typing, no numbering)": into + f"select incident_id, 1, 1, 0, now(), {listed} from ({bare})",
    "bare load + row_number window": into + f"select incident_id, 1, 1, {row}, now(), {listed} from ({bare})",
    "typed + checks, no numbering": into + f"select incident_id, 1, 1, 0, now(), {listed} from ({typed}) {plain}",
    "the direct insert (typed + window)": into + f"select incident_id, 1, 1, _row, now(), {listed} "
        f"from (select {row} as _row, * from ({typed})) {plain}",
    "the direct insert cut into parts": None,
}
con.execute("set preserve_insertion_order = false")
tmp = tempfile.TemporaryDirectory()
t0 = time.perf_counter()
if queries[part] is None:  # as append_plain_csv does it: the cut and the copies timed too
    threads = int(con.execute("select current_setting('threads')").fetchall()[0][0])
    cut = write_parts(path, part_bounds(path, threads, min_bytes=SPLIT_MIN_BYTES), Path(tmp.name))
    queries[part] = into + f"select incident_id, 1, 1, _row, now(), {listed} from (" + (
        " union all ".join(typed_part(p) for p in cut)) + f") {plain}"
con.execute("begin")
con.execute(queries[part]).fetchall()
con.execute("commit")
con.execute("checkpoint")
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "rss_kib": peak_kib(), "parts": list(queries)}))
"""
)


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    """Write ``rows`` canonical incident rows (invented numbers) as CSV."""
    rng = np.random.default_rng(seed)
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


def run_child(program: str, *args: str, tree: str | None = None) -> dict[str, Any]:
    """Run ``program`` in a fresh Python (importing the package from ``tree`` when given);
    its JSON line (seconds, rows, peak RSS in KiB)."""
    env = dict(os.environ, PYTHONPATH=tree) if tree else None
    # `python -c` puts its working directory first on sys.path: start in ``tree`` so that the
    # package imported is the one in ``tree``, not the one in the current directory.
    done = subprocess.run(
        [sys.executable, "-c", program, *args],
        check=True, capture_output=True, text=True, env=env, cwd=tree,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def raw_load(csv: Path, db: Path, *, store_table: bool = False) -> dict[str, float]:
    """DuckDB's own read_csv + INSERT of ``csv`` into a fresh database (the baseline): into a
    table of the CSV's columns, or (``store_table``) into the store's ``incident_revisions``."""
    target = str(SCHEMA_SQL) if store_table else "csv"
    return run_child(RAW, str(csv), str(db), target)


def package_load(csv: Path, db: Path) -> dict[str, float]:
    """``Store.ingest_file("csv", ...)`` of ``csv`` into a fresh database."""
    return run_child(OURS, str(csv), str(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is kept")
    parser.add_argument(
        "--stages", action="store_true", help="each statement's time, and peak RSS by step"
    )
    parser.add_argument(
        "--parts", action="store_true", help="the direct insert's parts, as ratios to the raw load"
    )
    parser.add_argument(
        "--python", action="store_true", help="also time the adapter path (polars + pandera)"
    )
    parser.add_argument("--before", help="a tree holding the package to compare against")
    args = parser.parse_args()
    if args.stages:
        stages(args.rows)
        return
    if args.parts:
        parts(args.rows, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "incidents.csv"
        make_csv(csv_path, args.rows)
        raws, ours, pythons, wides, befores = [], [], [], [], []
        for i in range(args.repeat):  # interleaved, so all see the same machine load
            raws.append(raw_load(csv_path, Path(tmp) / f"raw{i}.duckdb"))
            db = Path(tmp) / f"wide{i}.duckdb"
            wides.append(raw_load(csv_path, db, store_table=True))
            ours.append(package_load(csv_path, Path(tmp) / f"ours{i}.duckdb"))
            assert ours[-1]["rows"] == args.rows, f"accepted {ours[-1]['rows']} of {args.rows}"
            if args.before:
                db = Path(tmp) / f"before{i}.duckdb"
                befores.append(run_child(OURS, str(csv_path), str(db), tree=args.before))
            if args.python:
                db = Path(tmp) / f"python{i}.duckdb"
                pythons.append(run_child(PYTHON, str(csv_path), str(db)))
    raw_s, our_s = min(r["seconds"] for r in raws), min(r["seconds"] for r in ours)
    raw_m, our_m = min(r["rss_kib"] for r in raws) / 1024, min(r["rss_kib"] for r in ours) / 1024
    print(f"rows                        {args.rows:>10,}   (best of {args.repeat} runs each)")
    print(f"raw duckdb read_csv+insert  {raw_s:>8.2f} s   peak RSS {raw_m:>7,.0f} MiB")
    print(f"strike-analytics ingest     {our_s:>8.2f} s   peak RSS {our_m:>7,.0f} MiB")
    print(f"ratio time                  {our_s / raw_s:>8.2f} x  (target <= 1.5)")
    print(f"ratio peak memory           {our_m / raw_m:>8.2f} x  (target <= 2.0)")
    raw_c, our_c = min(r["cpu"] for r in raws), min(r["cpu"] for r in ours)
    print(f"process CPU (child, imports){our_c:>8.2f} s   raw {raw_c:.2f} s: {our_c / raw_c:.2f} x"
          "  (what the time ratio tends to when other work holds every core)")  # fmt: skip
    wide_s, wide_m = min(r["seconds"] for r in wides), min(r["rss_kib"] for r in wides) / 1024
    print(f"raw into the store's table  {wide_s:>8.2f} s   peak RSS {wide_m:>7,.0f} MiB"
          f"   (ours: {our_s / wide_s:.2f} x time {our_m / wide_m:.2f} x memory)")  # fmt: skip
    if befores:
        b_s, b_m = min(r["seconds"] for r in befores), min(r["rss_kib"] for r in befores) / 1024
        print(f"before ({args.before})  {b_s:>8.2f} s   peak RSS {b_m:>7,.0f} MiB")
        b_c, our_c = min(r["cpu"] for r in befores), min(r["cpu"] for r in ours)
        print(f"  process CPU (all threads, whole child): before {b_c:.2f} s, after {our_c:.2f} s")
        print(f"  its ratios                {b_s / raw_s:>8.2f} x time {b_m / raw_m:>6.2f} x memory"
              f"   (after/before: {our_s / b_s:.2f} x time)")  # fmt: skip
    if pythons:
        py_s = min(r["seconds"] for r in pythons)
        py_m = min(r["rss_kib"] for r in pythons) / 1024
        print(f"adapter path (polars)       {py_s:>8.2f} s   peak RSS {py_m:>7,.0f} MiB")
        print(
            f"  its ratios                {py_s / raw_s:>8.2f} x time {py_m / raw_m:>6.2f} x memory"
        )


def parts(rows: int, repeat: int) -> None:
    """Print the best time of each part of the direct insert (:data:`PART`) and of the raw
    load, all interleaved in one run, with each one's ratio to the raw load."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "incidents.csv"
        make_csv(csv_path, rows)
        names = run_child(
            PART, "strict read only (count)", str(csv_path), str(Path(tmp) / "p.duckdb")
        )
        times: dict[str, list[dict[str, Any]]] = {"raw duckdb read_csv+insert": []}
        times.update({name: [] for name in names["parts"]})
        for i in range(repeat):
            for name in times:
                db = Path(tmp) / f"part{i}-{len(times[name])}-{abs(hash(name))}.duckdb"
                if name == "raw duckdb read_csv+insert":
                    times[name].append(raw_load(csv_path, db))
                else:
                    times[name].append(run_child(PART, name, str(csv_path), str(db)))
    raw = min(r["seconds"] for r in times["raw duckdb read_csv+insert"])
    print(f"rows {rows:,}, best of {repeat} runs each, interleaved; commit and checkpoint included")
    for name, runs in times.items():
        best = min(r["seconds"] for r in runs)
        peak = min(r["rss_kib"] for r in runs) / 1024
        print(f"  {name:<38} {best:>6.2f} s  {best / raw:>5.2f} x raw   peak RSS {peak:>5,.0f} MiB")


def stages(rows: int) -> None:
    """Print the seconds of each statement of one default ingest of ``rows`` rows (and the
    rest, Python's share), then the seconds and peak RSS after each step of the adapter path."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "incidents.csv"
        make_csv(csv_path, rows)
        raw = raw_load(csv_path, Path(tmp) / "raw.duckdb")
        ours = run_child(STATEMENTS, str(csv_path), str(Path(tmp) / "statements.duckdb"))
        steps = run_child(STAGES, str(csv_path), str(Path(tmp) / "ours.duckdb"))
    print(f"raw duckdb read_csv+insert  {raw['seconds']:>8.2f} s   peak RSS "
          f"{raw['rss_kib'] / 1024:>7,.0f} MiB")  # fmt: skip
    print("default path (Store.ingest_file), statement by statement:")
    for name in ("text check alone", "open store", "ingest + checkpoint"):
        print(f"  {name:<62} {ours[name]:>6.3f} s")
    for query, seconds in ours["statements"]:
        if seconds >= 0.005:
            print(f"    {query:<60} {seconds:>6.3f} s")
    rest = ours["ingest + checkpoint"] - sum(seconds for _, seconds in ours["statements"])
    print(f"    {'the rest (Python, and statements under 5 ms)':<60} {rest:>6.3f} s")
    print(f"  peak RSS {ours['rss_kib'] / 1024:,.0f} MiB")
    print("adapter path (polars read, pandera), step by step:")
    for name, (seconds, peak) in steps.items():
        print(f"{name:<27} {seconds:>8.2f} s   peak RSS {peak:>7,.0f} MiB")


if __name__ == "__main__":
    main()
