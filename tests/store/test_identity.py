"""Incident identity without source ids, and data-quality flags on accepted rows (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.sources.base import SourceBatch
from analytics.store import Store
from tests.strategies import strike_places

HEADER = "source,occurred_on,oblast_code,region_raw,settlement,strike_type,killed\n"


def _csv(tmp_path: Path, body: str, name: str = "x.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_two_strikes_one_day_two_oblasts_are_two_incidents(tmp_path: Path) -> None:
    # Same source, day and type, no source id: only the oblast tells them apart.
    path = _csv(tmp_path, "u,2024-05-01,UA-63,,,drone,1\nu,2024-05-01,UA-51,,,drone,1\n")
    with Store(":memory:") as s:
        first = s.ingest_file("csv", path)
        assert (first.rows_new, first.rows_revised, first.rows_quarantined) == (2, 0, 0)
        got = s.query("select oblast_code, killed from incidents order by oblast_code")
        assert got.rows() == [("UA-51", 1), ("UA-63", 1)]
        assert s.query("select sum(killed) from incidents").item() == 2  # 1 + 1
        again = s.ingest_file("csv", path)  # re-ingest adds nothing
        assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, 2)
        assert s.query("select count(*) from incident_revisions").item() == 2


def test_identical_rows_in_one_file_are_two_incidents_and_a_count_fix_revises(
    tmp_path: Path,
) -> None:
    # The documented rule: two identical rows are two listed strikes (the n-th occurrence is
    # part of the identity), and casualty counts are not identity: a corrected file revises.
    path = _csv(tmp_path, "u,2024-05-01,UA-63,,,drone,1\nu,2024-05-01,UA-63,,,drone,1\n")
    fixed = _csv(tmp_path, "u,2024-05-01,UA-63,,,drone,1\nu,2024-05-01,UA-63,,,drone,3\n", "y.csv")
    with Store(":memory:") as s:
        assert s.ingest_file("csv", path).rows_new == 2
        r = s.ingest_file("csv", fixed)
        assert (r.rows_new, r.rows_revised, r.rows_unchanged) == (0, 1, 1)
        assert sorted(s.query("select killed from incidents")["killed"]) == [1, 3]


@settings(max_examples=40)
@given(st.lists(strike_places, min_size=1, max_size=12))
def test_property_distinct_rows_never_merge_and_reingest_adds_nothing(rows: list[tuple]) -> None:
    frame = pl.DataFrame(
        {
            "_row": list(range(2, len(rows) + 2)),
            "source": ["p"] * len(rows),
            "occurred_on": [dt.date(2024, 1, 1) + dt.timedelta(days=r[3]) for r in rows],
            "oblast_code": [r[0] for r in rows],
            "settlement": [r[1] for r in rows],
            "strike_type": [r[2] for r in rows],
            "killed": [r[4] for r in rows],
        },
        schema_overrides={"_row": pl.Int64, "killed": pl.Int64},
    )
    batch = SourceBatch(source="p", file="mem", sha256="x", rows_read=len(rows), incidents=frame)
    with Store(":memory:") as s:
        r1 = s.ingest(batch)
        # every row is its own incident: no two rows (distinct or identical) merge
        assert r1.rows_new == len(rows) and r1.rows_revised == 0
        assert s.query("select count(*) from incidents").item() == len(rows)
        assert s.query("select sum(killed) from incidents").item() == sum(r[4] for r in rows)
        r2 = s.ingest(batch)
        assert (r2.rows_new, r2.rows_revised) == (0, 0)
        assert s.query("select count(*) from incident_revisions").item() == len(rows)


def _flag_batch(flag: str | None, low: int | None) -> SourceBatch:
    frame = pl.DataFrame(
        {
            "_row": [2, 3],
            "source": ["ucdp-test", "ucdp-test"],
            "source_event_id": ["1", "2"],
            "occurred_on": [dt.date(2022, 9, 1), dt.date(2022, 9, 2)],
            "strike_type": ["unknown", "unknown"],
            "killed": [10, 4],
            "killed_low": [low, 4],
            "killed_high": [12, 4],
            "quality_flag": [flag, None],
        },
        schema_overrides={"killed_low": pl.Int64, "quality_flag": pl.String},
    )
    return SourceBatch(source="ucdp-test", file="mem", sha256="f", rows_read=2, incidents=frame)


def test_flagged_rows_are_accepted_counted_and_listed() -> None:
    with Store(":memory:") as s:
        r = s.ingest(_flag_batch("low 15 > best 10", None))
        assert (r.rows_new, r.rows_quarantined) == (2, 0)
        assert s.query("select sum(killed) from incidents").item() == 14  # 10 + 4
        flagged = s.query("select incident_id, killed, reason from flagged_incidents")
        assert flagged.rows() == [("ucdp-test:1", 10, "low 15 > best 10")]
        s.ingest(_flag_batch("low 15 > best 10", None))  # re-ingest: still one flagged row
        assert s.query("select count(*) from flagged_incidents").item() == 1
        # a later release with a consistent low revises the row: the flag no longer applies
        s.ingest(_flag_batch(None, 8))
        assert s.query("select count(*) from flagged_incidents").item() == 0
        month = s.query("select killed, killed_low, killed_high from monthly_oblast")
        # killed 10 + 4; low 8 + 4; high 12 + 4 (hand sums)
        assert month.rows() == [(14, 12, 16)]
