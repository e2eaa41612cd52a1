"""Hostile canonical CSVs (``ingest csv``), end to end through the store.

Each file is written here by hand: a clean row plus one hostile cell, so the expected outcome
is countable by eye. Nothing may crash with a traceback; read = accepted + quarantined; counts
are exact integers or refused with a reason; the store holds nothing from a refused file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.schema import COUNT_CEILING, UNIT_CODES
from analytics.sources.base import MAX_FIELD_CHARS, SourceFormatError
from analytics.sources.canonical import CanonicalCsvAdapter
from analytics.store import Store

HEADER = "source,source_event_id,occurred_on,occurred_at,oblast_code,strike_type,killed,injured"
CLEAN = "t,ok,2024-03-01,,UA-63,drone,2,5"


def _write(tmp_path: Path, *rows: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text("\n".join([HEADER, CLEAN, *rows]) + "\n", encoding="utf-8")
    return path


def _counts(store: Store) -> tuple[int, int, int]:
    q = store.query(
        "select (select count(*) from incidents) as i, (select count(*) from quarantine) as q,"
        " (select count(*) from ingests) as n"
    )
    return tuple(q.row(0))  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("killed", "reason"),
    [
        ("1e30", "killed: could not parse '1e30' as a whole number"),
        ("inf", "killed: could not parse 'inf' as a whole number"),
        ("NaN", "killed: could not parse 'NaN' as a whole number"),
        ("1e19", "killed: could not parse '1e19' as a whole number"),
        # beyond Int64: not a number the store can hold, refused (never wrapped or rounded)
        (
            "99999999999999999999",
            "killed: could not parse '99999999999999999999' as a whole number",
        ),
        ("9223372036854775807", "killed must be ≤ 100000 (got 9223372036854775807)"),
        ("4611686018427387904", "killed must be ≤ 100000 (got 4611686018427387904)"),
        # 2**53 + 1: a float would silently store ...992; the exact value is named instead
        ("9007199254740993", "killed must be ≤ 100000 (got 9007199254740993)"),
        ("-1", "killed must be ≥ 0 (got -1)"),
        ("100001", "killed must be ≤ 100000 (got 100001)"),
    ],
)
def test_absurd_count_is_quarantined_with_its_reason(
    tmp_path: Path, killed: str, reason: str
) -> None:
    path = _write(tmp_path, f"t,bad,2024-03-01,,UA-63,drone,{killed},1")
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", path)
        assert (res.rows_read, res.accepted, res.rows_quarantined) == (2, 1, 1)
        q = store.query("select reason, raw from quarantine")
        assert q["reason"][0] == reason
        # the value as read (text, or the exact integer), never rounded or wrapped
        assert str(json.loads(q["raw"][0])["killed"]) == killed
        assert store.query("select sum(killed) as k from incidents")["k"][0] == 2


def test_counts_are_exact_integers_up_to_the_ceiling(tmp_path: Path) -> None:
    top = COUNT_CEILING["killed"]
    path = _write(tmp_path, f"t,top,2024-03-01,,UA-63,drone,{top},{top}.0")
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", path)
        assert res.rows_quarantined == 0
        got = store.query("select killed, injured from incidents where source_event_id = 'top'")
        assert got.row(0) == (top, top)


def test_two_huge_counts_cannot_overflow_a_report_sum(tmp_path: Path) -> None:
    # issue 14: two rows of 2**62 were accepted and every sum overflowed; now both are refused
    big = str(2**62)
    path = _write(
        tmp_path, f"t,b1,2024-03-01,,UA-63,drone,{big},", f"t,b2,2024-03-01,,UA-63,drone,{big},"
    )
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", path)
        assert (res.accepted, res.rows_quarantined) == (1, 2)
        assert store.query("select sum(killed) as k from incidents")["k"][0] == 2


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("t,f,2099-01-01,,UA-63,drone,1,", "occurred_on must not be in the future (got 2099"),
        ("t,p,1900-01-01,,UA-63,drone,1,", "occurred_on must be ≥ 2014-01-01 (got 1900-01-01)"),
        ("t,a,2024-03-01,2099-01-01T00:00,,drone,1,", "occurred_at must lie between 2014-01-01"),
        ("t,u,2024-03-01,,UA-99,drone,1,", "oblast_code must be one of the 27 values"),
    ],
)
def test_time_bounds_and_unit_codes(tmp_path: Path, row: str, reason: str) -> None:
    path = _write(tmp_path, row)
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", path)
        assert (res.accepted, res.rows_quarantined) == (1, 1)
        assert reason in store.query("select reason from quarantine")["reason"][0]


def test_every_one_of_the_27_units_is_accepted(tmp_path: Path) -> None:
    rows = [f"t,u{i},2024-03-01,,{code},drone,1," for i, code in enumerate(UNIT_CODES)]
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", _write(tmp_path, *rows))
        assert (res.accepted, res.rows_quarantined) == (28, 0)


def test_iso_offsets_are_converted_to_utc(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "t,o1,2024-03-01,2024-03-01T10:00:00+02:00,UA-63,drone,1,",
        "t,o2,2024-03-01,2024-03-01 10:00:00-0500,UA-63,drone,1,",
        "t,o3,2024-03-01,2024-03-01T08:00Z,UA-63,drone,1,",
        "t,o4,2024-03-01,2024-03-01 08:00:00,UA-63,drone,1,",  # no offset: UTC already
    )
    batch = CanonicalCsvAdapter().read(path)
    assert batch.rejected.height == 0
    hours = dict(
        zip(batch.incidents["source_event_id"], batch.incidents["occurred_at"], strict=True)
    )
    assert [hours[k].hour for k in ("o1", "o2", "o3", "o4")] == [8, 15, 8, 8]


def test_invalid_utf8_names_file_line_and_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\n{CLEAN}\nt,x,2024-03-01,,UA-63,drone,1,\n".encode() + b"caf\xe9\n")
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        before = _counts(store)
        with pytest.raises(SourceFormatError) as info:
            store.ingest_file("csv", path)
        assert _counts(store) == before
    text = str(info.value)
    assert text.startswith(f"{path}, line 4: byte 0xe9")
    assert "not valid UTF-8; re-save the file as UTF-8" in text and "\n" not in text


def test_a_10_mb_field_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f"{HEADER},notes\n{CLEAN},{'x' * 10_000_000}\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"line 2: this line is longer than the limit"):
        CanonicalCsvAdapter().read(path)
    path.write_text(f"{HEADER},notes\n{CLEAN},{'x' * (MAX_FIELD_CHARS + 1)}\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match=r"line 2, column 'notes': this field has"):
        CanonicalCsvAdapter().read(path)


def test_warning_about_unknown_columns_is_capped(tmp_path: Path) -> None:
    extra = [f"extra_{i}" for i in range(1500)]
    path = tmp_path / "wide.csv"
    path.write_text(f"{HEADER},{','.join(extra)}\n{CLEAN}{',' * len(extra)}\n", encoding="utf-8")
    batch = CanonicalCsvAdapter().read(path)
    (warning,) = batch.warnings
    assert warning.endswith("'extra_9' and 1490 more")
    assert "extra_10'" not in warning


def test_too_many_columns_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wider.csv"
    path.write_text(HEADER + "".join(f",c{i}" for i in range(5000)) + "\n")
    with pytest.raises(SourceFormatError, match="header has 5,008 columns, above the limit"):
        CanonicalCsvAdapter().read(path)


def test_dates_outside_the_calendar_are_quarantined_not_a_crash(tmp_path: Path) -> None:
    # found by the property tests: DuckDB and polars read years that Python cannot hold, and
    # turning such a row into its quarantine record panicked inside polars
    path = _write(
        tmp_path,
        "t,y1,+99999-01-01,,UA-63,drone,1,",
        "t,y2,0000-01-01,0000-01-01T00:00+23:59,UA-63,drone,1,",
        "t,y3,2024-03-01,9999-12-31T23:59:59-23:59,UA-63,drone,1,",
    )
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("csv", path)
        assert (res.rows_read, res.accepted, res.rows_quarantined) == (4, 1, 3)
        reasons = store.query("select reason from quarantine order by row_number")["reason"]
        assert reasons[0] == "occurred_on: could not parse '+99999-01-01' as a date (YYYY-MM-DD)"
        assert "could not parse '9999-12-31T23:59:59-23:59' as a timestamp" in reasons[2]


@pytest.mark.parametrize("header", ["source,occurred_on,", ",source,occurred_on"])
def test_a_header_column_without_a_name_is_refused_on_both_paths(
    header: str, tmp_path: Path
) -> None:
    """An empty column name (a trailing comma in the header) is a format error naming line 1
    and the column, through the adapter and through the store's SQL path; nothing is written."""
    path = tmp_path / "empty_name.csv"
    path.write_text(f"{header}\n" + ",".join(["x", "2024-01-01"]) + ",\n", encoding="utf-8")
    column = header.split(",").index("") + 1
    with pytest.raises(SourceFormatError, match=f"column {column} of the header") as err:
        CanonicalCsvAdapter().read(path)
    assert err.value.line == 1
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(SourceFormatError, match=f"column {column} of the header"):
            store.ingest_file("csv", path)
        assert store.query("select count(*) as n from ingests")["n"][0] == 0
