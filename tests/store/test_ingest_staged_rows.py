"""The one-pass staged ingest of a canonical CSV (``ingest_canonical_csv``): row numbers over many blocks, overlong fields.

Row numbers of the staged path are the staging table's ``rowid`` (DuckDB keeps the file's order
when a table is created from a parallel CSV scan); a file large enough to be read in several
blocks checks that every stored and quarantined row still names its own line. Overlong fields
are refused (or not) exactly as the adapter does, wherever they sit.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.sources.base import MAX_FIELD_CHARS, SourceFormatError
from analytics.sources.canonical import CanonicalCsvAdapter
from analytics.store import Store
from analytics.store.ingest import ingest_canonical_csv

HEADER = "source,source_event_id,occurred_on,latitude,longitude,strike_type,killed,notes,extra"


def test_every_row_keeps_its_own_line_over_many_blocks(tmp_path: Path) -> None:
    # 300,000 rows (several of DuckDB's 122,880-row groups); the event id is the line number,
    # and every 25,000th line carries a negative count (quarantined by the schema, in Python)
    rows = 300_000
    lines = range(2, rows + 2)
    bad = {line for line in lines if line % 25_000 == 0}
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(HEADER + "\n")
        for line in lines:
            killed = "-1" if line in bad else str(line % 7)
            fh.write(f"s,{line},2024-03-01,50.4,30.5,drone,{killed},n,\n")
    with Store(tmp_path / "x.duckdb") as store:
        result = ingest_canonical_csv(store, path)
        stored = store.query(
            "select count(*) as n, count(*) filter (source_row::varchar <> source_event_id) "
            "as wrong, count(*) filter (killed <> source_row % 7) as wrong_count "
            "from incident_revisions"
        )
        quarantined = store.query("select row_number from quarantine order by row_number")
    assert (result.rows_read, result.rows_new, result.rows_quarantined) == (
        rows, rows - len(bad), len(bad)
    )  # fmt: skip
    assert stored.row(0) == (rows - len(bad), 0, 0)
    assert quarantined["row_number"].to_list() == sorted(bad)


def _write(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


LONG = "x" * (MAX_FIELD_CHARS + 1)
CLEAN = "s,E1,2024-03-01,50.4,30.5,drone,1,n,"


@pytest.mark.parametrize(
    "row",
    [
        f"s,E2,2024-03-02,50.4,30.5,drone,1,{LONG},",  # a plain row but for its notes
        f"s,E2,2024-03-02,50.4,30.5,drone,1,n,{LONG}",  # in a column the schema ignores
        f"s,E2,{LONG},50.4,30.5,drone,1,n,",  # in a typed column
    ],
    ids=["notes", "ignored column", "date"],
)
def test_an_overlong_field_is_refused_as_the_adapter_refuses_it(tmp_path: Path, row: str) -> None:
    path = _write(tmp_path, "long.csv", CLEAN, CLEAN.replace("E1", "E3"), row)
    with pytest.raises(SourceFormatError) as want:
        CanonicalCsvAdapter().read(path)
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(SourceFormatError) as got:
            ingest_canonical_csv(store, path)
        assert store.query("select count(*) as n from incident_revisions")["n"][0] == 0
    assert str(got.value) == str(want.value)
    assert got.value.line == 4  # the third data row


def test_an_overlong_number_the_typed_read_takes_is_kept(tmp_path: Path) -> None:
    # DuckDB's typed read takes a 10,001-digit latitude as 50.0, so the adapter does not refuse
    # the file (the field is not text); the staged path must store the same row
    latitude = "50." + "0" * (MAX_FIELD_CHARS - 2)
    path = _write(tmp_path, "wide.csv", CLEAN, f"s,E2,2024-03-02,{latitude},30.5,drone,1,n,")
    with Store(":memory:") as staged, Store(":memory:") as python:
        got = ingest_canonical_csv(staged, path)
        want = python.ingest(CanonicalCsvAdapter().read(path), kind="csv")
        query = "select * exclude (ingest_id, recorded_at) from incident_revisions order by 1"
        assert staged.query(query).equals(python.query(query))
    assert (got.rows_new, got.rows_quarantined) == (want.rows_new, want.rows_quarantined) == (2, 0)
