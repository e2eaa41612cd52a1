"""The staged (SQL) ingest of a canonical CSV stores exactly what the Python path stores.

``ingest_canonical_csv`` reads a canonical CSV through a staging table in the store's DuckDB;
``Store.ingest(CanonicalCsvAdapter().read(...))`` is the polars + pandera path
(``Store.ingest_file("csv", ...)``). Each messy file below is ingested both ways into fresh stores, and the
revisions, quarantine rows (with their JSON and reasons), flags and ingest summaries must be
equal. The files are written by hand: each row exercises one rule (comments say which).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from analytics.sources.canonical import CanonicalCsvAdapter
from analytics.store import Store
from analytics.store.ingest import ingest_canonical_csv
from tests.store.parity import store_contents

HEADER = (
    "source,source_event_id,occurred_on,occurred_at,oblast_code,region_raw,settlement,"
    "latitude,longitude,strike_type,killed,killed_low,killed_high,injured,civilian,"
    "reported_at,notes,extra"
)
#: Rows every variant holds: plain rows (accepted in SQL) and rows only Python can judge.
ROWS = [
    "s,E1,2024-03-01,2024-03-01T02:10:00,UA-63,,Kharkiv,49.99,36.23,drone,1,1,2,4,true,,plain,x",
    "s,E1,2024-03-01,2024-03-01T02:10:00,UA-63,,Kharkiv,49.99,36.23,drone,2,1,2,4,true,,v2,x",
    "s,E1,2024-03-01,2024-03-01T02:10:00,UA-63,,Kharkiv,49.99,36.23,drone,1,1,2,4,true,,plain,x",
    "s,,2024-03-02,,,Sumy oblast,,,,artillery,,,,,,,no id,",
    "s,,2024-03-02,,,Sumy oblast,,,,artillery,,,,,,,no id,",  # identical: a second incident
    "s,,2024-03-02,,,Sumy oblast,,,,ARTILLERY,3.0,,,,Yes,,spreadsheet count,",
    "s,E2,2024-03-03,2024-03-03T10:00+02:00,ua-51,,,,,missile,0,,,2,f,2024-03-03 12:00Z,tz,",
    "s,E3,2024-03-04,,,Donetsk oblast,Pokrovsk,,,air_strike, 3 ,,,,,,blank-padded count,",
    "s,E4,2024-03-05,,,south,,,,missile,,,,,,,unresolved region,",
    "s,E5,2024-03-06,,,Kherson oblast,,,,drone,-1,,,1,true,,negative count,",
    "s,E6,2013-12-31,,,Kyiv,,,,missile,,,,,,,before 2014,",
    "s,E7,2024-03-07,,,Lviv oblast,,10.0,24.0,missile,,,,,,,outside Ukraine,",
    "s,E8,2024-03-08,,,Poltava oblast,,,,catapult,,,,,,,unknown strike type,",
    "s,E9,2024-03-09,,,,,,,missile,5,6,9,,,,low > best,",
    "s,E10,2024-03-10,,,,,50.1,,missile,,,,,,,latitude alone,",
    "s,E11,2024-03-11,,UA-99,,,,,missile,,,,,,,unknown unit,",
    "s,E12,2024-03-12,,,,,,,drone,3.5,,,,,,fractional count,",
    "s,E13,2024-03-13,not a time,,,,,,drone,,,,,maybe,,bad time and flag,",
    "s,E14,2099-01-01,,,,,,,drone,,,,,,,future,",
    "s,E15,2024-03-14,2010-01-01T00:00:00,,,,,,drone,,,,,,,occurred_at too early,",
    ",E16,2024-03-15,,,,,,,drone,,,,,,,no source,",
    's,E17,2024-03-16,,,"Kyiv, city",,,,drone,100001,,,,,,"over the ceiling, quoted",',
    "s,E18,2024-03-17,,,,,NaN,NaN,drone,,,,,,,NaN coordinates,",
]
VARIANTS = {
    # every date and coordinate plain: the typed read is decided in SQL
    "plain": ROWS,
    # a date DuckDB's typed read refuses: the whole file is parsed as text by the adapter
    "text": [*ROWS, "s,E19,not-a-date,,,,,,,drone,,,,,,,bad date,"],
    # a padded date DuckDB reads: its typed read of the file is used, as in the adapter
    "typed": [*ROWS, "s,E20, 2024-03-18,,,,,,,drone,,,,,,,padded date,"],
}


def _write(tmp_path: Path, rows: list[str], name: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("source", [None, "given"])
def test_staged_ingest_stores_what_the_python_path_stores(
    tmp_path: Path, variant: str, source: str | None
) -> None:
    first = _write(tmp_path, VARIANTS[variant], "r1.csv")
    # a second release: one count corrected, one row dropped, one added
    later = [r.replace(",1,1,2,4,", ",2,1,2,4,") for r in VARIANTS[variant][3:]]
    second = _write(tmp_path, [*later, "s,E30,2024-03-20,,,,,,,drone,1,,,,,,new,"], "r2.csv")
    options = {"source": source} if source else {}
    got, want = {}, {}
    with Store(":memory:") as staged, Store(":memory:") as python:
        for path in (first, second, first):
            got[path.name] = ingest_canonical_csv(staged, path, source=source)
            batch = CanonicalCsvAdapter(**options).read(path)
            want[path.name] = python.ingest(batch, kind="csv")
        for name in got:
            a, b = got[name], want[name]
            assert (a.source, a.rows_read, a.rows_new, a.rows_revised, a.rows_unchanged) == (
                b.source, b.rows_read, b.rows_new, b.rows_revised, b.rows_unchanged
            )  # fmt: skip
            assert (a.rows_quarantined, a.warnings) == (b.rows_quarantined, b.warnings)
        ours, theirs = store_contents(staged), store_contents(python)
    for table, frame in ours.items():
        assert frame.equals(theirs[table]), table
    # Hand count of ROWS: E5-E18 (14 rows) fail a rule each; E3's padded count and E2's
    # offsets parse. "text" adds a bad date (E19); "typed" a padded date DuckDB reads (E20);
    # a source given on the command line fills E16's missing one.
    assert got["r1.csv"].rows_quarantined == 14 + (variant == "text") - (source is not None)
    # three rows without a source id: three hashed incidents (two of them identical rows)
    assert ours["revisions"].filter(pl.col("incident_id").str.contains(":h")).height >= 3


def test_a_row_sql_accepts_equals_its_python_parse(tmp_path: Path) -> None:
    """The plain rows alone: every one accepted by SQL, stored as the adapter parses them."""
    path = _write(tmp_path, ROWS[:5], "plain.csv")
    with Store(":memory:") as staged, Store(":memory:") as python:
        result = ingest_canonical_csv(staged, path)
        python.ingest(CanonicalCsvAdapter().read(path), kind="csv")
        # E1 three versions (the third repeats the first: a revision back), two hashed rows
        assert (result.rows_new, result.rows_revised, result.rows_quarantined) == (3, 2, 0)
        assert store_contents(staged)["revisions"].equals(store_contents(python)["revisions"])
