"""Benchmark: ingest time of each real source file next to DuckDB's own raw ``read_csv`` of it.

Reads the real datasets in ../shared/data (skips those that are absent) and prints, per file,
the package's full ingest (parse, resolve regions, validate, hash, version, write) and a bare
``create table as select * from read_csv(...)`` of the same file in the same run, as a ratio.

    python benchmarks/bench_sources.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from analytics.store import Store

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
FILES = [
    ("ucdp", "ucdp-ged/UCDP-Ukraine.csv"),
    ("missiles", "missile-attacks/missile_attacks_daily.csv"),
    ("alerts", "air-raid-sirens/official_data_en.csv"),
    ("alerts", "air-raid-sirens/official_data_uk.csv"),
    ("alerts", "air-raid-sirens/volunteer_data_en.csv"),
    ("alerts", "air-raid-sirens/volunteer_data_uk.csv"),
]


def raw_seconds(path: Path, db: Path) -> float:
    con = duckdb.connect(str(db))
    t0 = time.perf_counter()
    con.execute(
        "create table raw as select * from read_csv(?, header = true, all_varchar = true, "
        "ignore_errors = true)",
        [str(path)],
    )
    con.execute("checkpoint")
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def main() -> None:
    if not DATA.is_dir():
        print(f"skipped: real datasets not found at {DATA}")
        return
    print(f"{'file':<44} {'rows':>8} {'ingest s':>9} {'raw s':>7} {'ratio':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        Store(Path(tmp) / "warm.duckdb").close()
        for i, (kind, rel) in enumerate(FILES):
            path = DATA / rel
            if not path.exists():
                print(f"{rel:<44} absent")
                continue
            raw = raw_seconds(path, Path(tmp) / f"raw{i}.duckdb")
            t0 = time.perf_counter()
            with Store(Path(tmp) / f"ours{i}.duckdb") as store:
                result = store.ingest_file(kind, path)
                store.con.execute("checkpoint")
            ours = time.perf_counter() - t0
            print(f"{rel:<44} {result.rows_read:>8,} {ours:>9.2f} {raw:>7.2f} {ours / raw:>6.1f}x")


if __name__ == "__main__":
    main()
