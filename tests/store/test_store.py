"""The append-only store: accounting, idempotency, revisions, as-of, atomicity, CLI readability."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from analytics.sources.base import SourceBatch, SourceFormatError
from analytics.store import Store, sql_files
from analytics.store.database import CONTENT_COLUMNS
from analytics.store.hashing import hash_sql
from tests.strategies import canonical_versions

BASIC = Path(__file__).parents[1] / "fixtures" / "canonical" / "basic.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _counts(store: Store) -> tuple[int, int, int, int]:
    return tuple(  # type: ignore[return-value]
        store.query(
            """select (select count(*) from incident_revisions), (select count(*) from ingests),
                      (select count(*) from quarantine), (select count(*) from incidents)"""
        ).row(0)
    )


def test_ingest_accounts_for_every_row(store: Store) -> None:
    result = store.ingest_file("csv", BASIC)
    # Hand count of the fixture: 11 data rows, A1-A5 valid, A6-A11 invalid on purpose.
    assert result.rows_read == 11
    assert (result.rows_new, result.rows_revised, result.rows_unchanged) == (5, 0, 0)
    assert result.rows_quarantined == 6
    q = store.query("select row_number, column_name, reason from quarantine order by row_number")
    # _row is the file line: header is line 1, so A6..A11 are lines 7..12.
    assert q["row_number"].to_list() == [7, 8, 9, 10, 11, 12]
    reasons = dict(zip(q["row_number"], q["reason"], strict=True))
    # Reasons in plain words, each checkable against the fixture row by eye.
    assert reasons[7] == "killed must be ≥ 0 (got -1)"
    assert reasons[8] == "occurred_on must be ≥ 2014-01-01 (got 2013-12-31)"
    assert reasons[9] == "latitude must be between 44.2 and 52.5 (got 10.0)"
    assert reasons[10].startswith("strike_type must be one of missile, drone,")
    assert reasons[10].endswith("(got 'catapult')")
    assert reasons[11] == (
        "killed_low <= killed <= killed_high must hold (got killed_low 6, killed 5, killed_high 9)"
    )
    assert q["column_name"].to_list()[4] == "killed_low,killed,killed_high"
    assert "occurred_on" in reasons[8]
    assert "latitude" in reasons[9]
    assert "strike_type" in reasons[10]
    assert "killed_low <= killed <= killed_high" in reasons[11]
    assert "could not parse 'not-a-date'" in reasons[12]
    raw = json.loads(store.query("select raw from quarantine where row_number = 10")["raw"][0])
    assert raw["strike_type"] == "catapult"


def test_unknown_is_null_not_zero(store: Store) -> None:
    store.ingest_file("csv", BASIC)
    inc = store.incidents().sort("source_event_id")
    a3 = inc.filter(pl.col("source_event_id") == "A3").row(0, named=True)
    assert a3["killed"] is None and a3["injured"] is None
    a2 = inc.filter(pl.col("source_event_id") == "A2").row(0, named=True)
    assert a2["killed"] == 0
    # resolution: oblast from region_raw, explicit code kept, "south" stays NULL
    codes = dict(zip(inc["source_event_id"], inc["oblast_code"], strict=True))
    assert codes["A1"] == "UA-63" and codes["A2"] == "UA-51" and codes["A3"] == "UA-59"
    assert codes["A5"] is None
    unresolved = store.query("select region_raw, incidents from unresolved_regions")
    assert unresolved.row(0) == ("south", 1)


def test_same_file_twice_adds_nothing(store: Store) -> None:
    store.ingest_file("csv", BASIC)
    before = store.query("select * from incident_revisions order by incident_id")
    again = store.ingest_file("csv", BASIC)
    assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, 5)
    assert store.query("select * from incident_revisions order by incident_id").equals(before)


def test_newer_release_revises_and_adds(store: Store, tmp_path: Path) -> None:
    store.ingest_file("csv", BASIC)
    rows = _rows(BASIC)
    rows[0]["killed"], rows[0]["injured"] = "2", "3"  # an injured person died
    rows.append({**rows[1], "source_event_id": "A12", "occurred_on": "2024-03-09"})
    time.sleep(0.01)
    result = store.ingest_file("csv", _write(tmp_path / "release2.csv", rows))
    assert (result.rows_new, result.rows_revised, result.rows_unchanged) == (1, 1, 4)
    history = store.query(
        "select revision, killed, injured from incident_revisions "
        "where incident_id = 'fixture:A1' order by revision"
    )
    assert history.rows() == [(1, 1, 4), (2, 2, 3)]  # history keeps both versions
    latest = store.query("select killed, injured from incidents where incident_id = 'fixture:A1'")
    assert latest.row(0) == (2, 3)


def test_incidents_as_of_reproduces_the_past(store: Store, tmp_path: Path) -> None:
    store.ingest_file("csv", BASIC)
    first_done = store.query("select finished_at from ingests")["finished_at"][0]
    time.sleep(0.02)
    rows = _rows(BASIC)
    rows[0]["killed"] = "2"
    store.ingest_file("csv", _write(tmp_path / "r2.csv", rows))
    past = store.incidents(as_of=first_done)
    now = store.incidents()
    assert past.filter(pl.col("source_event_id") == "A1")["killed"].to_list() == [1]
    assert now.filter(pl.col("source_event_id") == "A1")["killed"].to_list() == [2]
    before_anything = store.incidents(as_of=dt.datetime(2000, 1, 1))
    assert before_anything.height == 0


def test_versions_within_one_batch_become_successive_revisions(store: Store) -> None:
    frame = pl.DataFrame(
        {
            "_row": [2, 3, 4],
            "incident_id": ["b:1", "b:1", "b:1"],
            "source": ["b"] * 3,
            "occurred_on": [dt.date(2024, 5, 1)] * 3,
            "strike_type": ["missile"] * 3,
            "killed": [0, 1, 1],
            "injured": [2, 1, 1],
        }
    )
    batch = SourceBatch(source="b", file="mem", sha256="x", rows_read=3, incidents=frame)
    first = store.ingest(batch)
    assert (first.rows_new, first.rows_revised, first.rows_unchanged) == (1, 1, 1)
    again = store.ingest(batch)
    assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, 3)
    revs = store.query("select revision, killed, injured from incident_revisions order by 1")
    assert revs.rows() == [(1, 0, 2), (2, 1, 1)]


def test_malformed_file_raises_with_line_and_leaves_db_unchanged(store: Store) -> None:
    store.ingest_file("csv", BASIC)
    before = _counts(store)
    with pytest.raises(SourceFormatError) as info:
        store.ingest_file("csv", BASIC.with_name("malformed.csv"))
    assert info.value.line == 3
    assert "malformed.csv" in str(info.value)
    assert _counts(store) == before


def test_missing_required_column_is_a_format_error(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "nohead.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="source"):
        store.ingest_file("csv", bad)
    assert _counts(store) == (0, 0, 0, 0)


def test_an_error_inside_the_transaction_rolls_back(store: Store, monkeypatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("analytics.store.ingest._write_quarantine", boom)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.ingest_file("csv", BASIC)
    assert _counts(store) == (0, 0, 0, 0)


_KILL_SCRIPT = """
import sys, time
from analytics.store import Store
import analytics.store.ingest as ingest
orig = ingest._write_quarantine
def slow(store, frame, ingest_id):
    orig(store, frame, ingest_id)
    print("WRITING", flush=True)
    time.sleep(60)
ingest._write_quarantine = slow
with Store(sys.argv[1]) as s:
    s.ingest_file("csv", sys.argv[2])
"""


@pytest.mark.slow
def test_sigkill_mid_ingest_leaves_database_unchanged(db_path: Path) -> None:
    with Store(db_path) as s:
        s.ingest_file("csv", BASIC)
        before = _counts(s)
    rows = _rows(BASIC)
    rows[3]["killed"] = "7"  # A4 has no low/high bounds
    other = _write(db_path.with_name("r2.csv"), rows)
    with subprocess.Popen(
        [sys.executable, "-c", _KILL_SCRIPT, str(db_path), str(other)],
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert line == "WRITING"  # the child was inside the transaction, rows written
    with Store(db_path) as s:
        assert _counts(s) == before
        result = s.ingest_file("csv", other)  # the next ingest completes
        assert result.rows_revised == 1
        assert s.query("select killed from incidents where incident_id='fixture:A4'").item() == 7


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(canonical_versions)
def test_properties_read_equals_accepted_plus_quarantined(rows: list[tuple]) -> None:
    frame = pl.DataFrame(
        {
            "_row": list(range(2, len(rows) + 2)),
            "source": ["h"] * len(rows),
            "source_event_id": [str(r[0]) for r in rows],
            "occurred_on": [dt.date(2024, 1, 1)] * len(rows),
            "killed": [r[1] for r in rows],
            "injured": [r[2] for r in rows],
            "strike_type": [r[3] for r in rows],
        },
        schema_overrides={"killed": pl.Int64, "injured": pl.Int64, "_row": pl.Int64},
    )
    batch = SourceBatch(source="h", file="mem", sha256="x", rows_read=len(rows), incidents=frame)
    with Store(":memory:") as s:
        r1 = s.ingest(batch)
        assert r1.accepted + r1.rows_quarantined == len(rows)
        history = s.query("select count(*) as n from incident_revisions").item()
        r2 = s.ingest(batch)  # re-ingest adds nothing
        assert r2.rows_new == r2.rows_revised == 0
        assert s.query("select count(*) as n from incident_revisions").item() == history
        # history never shrinks, and the latest view has one row per accepted incident
        valid_ids = {str(r[0]) for r in rows if r[3] != "bogus" and (r[1] is None or r[1] >= 0)}
        assert s.query("select count(*) from incidents").item() == len(valid_ids)


def test_export_parquet_partitions_by_year_and_month(store: Store, tmp_path: Path) -> None:
    store.ingest_file("csv", BASIC)
    out = store.export_parquet(tmp_path / "pq")
    assert (out / "year=2024" / "month=3").is_dir()
    back = pl.read_parquet(out / "**" / "*.parquet", hive_partitioning=True)
    assert back.height == 5
    assert set(back["incident_id"]) == set(store.incidents()["incident_id"])


def test_sql_files_are_plain_and_idempotent(store: Store) -> None:
    files = [p.name for p in sql_files()]
    assert files[:2] == ["schema.sql", "views.sql"]
    for path in sql_files():  # running them twice must not fail or duplicate
        store.con.execute(path.read_text(encoding="utf-8"))
    assert store.query("select count(*) from oblasts").item() == 27


@pytest.mark.cli
def test_duckdb_cli_opens_database_and_queries_every_view(db_path: Path) -> None:
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    if cli is None:
        pytest.fail("the duckdb CLI (pip package duckdb-cli) is a dev dependency and must exist")
    with Store(db_path) as s:
        s.ingest_file("csv", BASIC)
        views = s.query(
            "select view_name from duckdb_views() where not internal and schema_name='main'"
        )["view_name"].to_list()
        macros = s.query(
            "select distinct function_name from duckdb_functions() "
            "where function_type = 'table_macro' and not internal"
        )["function_name"].to_list()
    assert {"incidents", "weekly_oblast", "daily_oblast", "monthly_oblast"} <= set(views)
    assert "incidents_as_of" in macros
    statements = [f"select count(*) from {v};" for v in views]
    statements.append("select count(*) from incidents_as_of(now()::timestamp);")
    out = subprocess.run(
        [cli, "-csv", "-noheader", str(db_path), "-c", " ".join(statements)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "Error" not in out.stderr
    counts = [line for line in out.stdout.splitlines() if line.strip()]
    assert len(counts) == len(statements)
    assert counts[views.index("incidents")] == "5"


def test_fractional_count_is_quarantined_not_rounded(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "frac.csv"
    path.write_text(
        "source,occurred_on,killed,injured\nx,2024-03-01,3.5,1\nx,2024-03-02,2.0,\n",
        encoding="utf-8",
    )
    result = store.ingest_file("csv", path)
    assert (result.rows_new, result.rows_quarantined) == (1, 1)
    assert store.query("select killed, injured from incidents").row(0) == (2, None)
    reason = store.query("select reason from quarantine").item()
    assert "'3.5'" in reason and "whole number" in reason


def test_missing_required_value_is_quarantined_with_a_reason(store: Store) -> None:
    # A NULL in a required column once produced an empty reason: every reason must say why.
    frame = pl.DataFrame(
        {
            "_row": [2, 3],
            "source": ["t", "t"],
            "source_event_id": ["1", "2"],
            "occurred_on": [dt.date(2024, 1, 1), None],
            "strike_type": ["drone", "drone"],
            "latitude": [None, 50.0],
        },
        schema_overrides={"_row": pl.Int64, "occurred_on": pl.Date},
    )
    batch = SourceBatch(source="t", file="mem", sha256="x", rows_read=2, incidents=frame)
    result = store.ingest(batch)
    assert (result.rows_new, result.rows_quarantined) == (1, 1)
    row = store.query("select row_number, column_name, reason from quarantine").row(0)
    assert row == (
        3,
        "occurred_on,latitude,longitude",
        "occurred_on is required but missing; latitude and longitude must be both present or"
        " both missing (got latitude 50.0, longitude missing)",
    )


def test_export_parquet_rerun_replaces_and_refuses_foreign_folders(
    store: Store, tmp_path: Path
) -> None:
    store.ingest_file("csv", BASIC)
    out = tmp_path / "pq"
    store.export_parquet(out)
    first = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    stale = out / "year=1999" / "month=1"  # a month no longer in the data
    stale.mkdir(parents=True)
    (stale / "data_0.parquet").write_bytes(b"old")
    store.export_parquet(out)
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == first
    assert pl.read_parquet(out / "**" / "*.parquet").height == 5  # no duplicated rows
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="neither an empty folder"):
        store.export_parquet(foreign)
    assert [p.name for p in foreign.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".*partial*"))


@pytest.mark.cli
def test_duckdb_cli_queries_every_view_over_every_source(db_path: Path) -> None:
    """Fixtures of every source in one database; the DuckDB 1.5 CLI must run every view and
    macro and return the same row counts as the library."""
    cli = shutil.which("duckdb", path=str(Path(sys.executable).parent)) or shutil.which("duckdb")
    if cli is None:
        pytest.fail("the duckdb CLI (pip package duckdb-cli) is a dev dependency and must exist")
    fx = Path(__file__).parents[1] / "fixtures"
    inputs: list[tuple[str, Path, dict[str, Path]]] = [
        ("csv", BASIC, {}),
        ("ucdp", fx / "ucdp" / "ged_sample.csv", {}),
        ("acled", fx / "acled" / "acled_export.csv", {}),
        ("missiles", fx / "missiles" / "waves.csv", {}),
        ("alerts", fx / "alerts" / "official_en.csv", {}),
        ("alerts", fx / "alerts" / "volunteer_uk.csv", {}),
        (
            "mapped",
            fx / "mapped" / "volunteers.csv",
            {"mapping": fx / "mapped" / "volunteers.toml"},
        ),
        ("bulletin", fx / "bulletins" / "en01_kharkiv_kab.txt", {}),
    ]
    with Store(db_path) as s:
        for kind, path, options in inputs:
            result = s.ingest_file(kind, path, **options)
            assert result.accepted + result.rows_quarantined == result.rows_read > 0, kind
        views = s.query(
            "select view_name from duckdb_views() where not internal and schema_name='main' "
            "order by view_name"
        )["view_name"].to_list()
        expected = [s.query(f'select count(*) from "{v}"').item() for v in views]
        as_of = s.query("select count(*) from incidents_as_of(now()::timestamp)").item()
    must_have_rows = {
        "incidents", "weekly_oblast", "daily_alerts", "weekly_alerts", "weekly_attacks",
        "weekly_attacks_oblast", "acled_weekly_oblast", "region_resolution", "quarantine_current",
    }  # fmt: skip
    assert must_have_rows <= set(views)
    assert all(n > 0 for v, n in zip(views, expected, strict=True) if v in must_have_rows)
    statements = [f'select count(*) from "{v}";' for v in views]
    statements.append("select count(*) from incidents_as_of(now()::timestamp);")
    out = subprocess.run(
        [cli, "-readonly", "-csv", "-noheader", str(db_path), "-c", " ".join(statements)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "Error" not in out.stderr
    counts = [int(line) for line in out.stdout.splitlines() if line.strip()]
    assert counts == [*expected, as_of]


def test_store_shows_a_summary_in_notebooks(store: Store) -> None:
    store.ingest_file("csv", BASIC)
    page = store._repr_html_()
    assert "fixture" in page and "<td>5</td>" in page  # 5 accepted incidents
    assert "6 quarantined rows" in page
    assert repr(store).endswith("read-write)")


def test_status_survives_a_database_without_newer_views(db_path: Path) -> None:
    with Store(db_path) as s:
        s.ingest_file("csv", BASIC)
        s.con.execute("drop view source_gaps")  # as written by an older version
    with Store(db_path, read_only=True) as s:
        frames = s.status()  # the missing view is defined for this connection only (TEMP)
    gaps = next(v for k, v in frames.items() if k.startswith("coverage gaps"))
    assert gaps.columns == ["source", "first_empty_week", "last_empty_week", "empty_weeks"]
    assert frames["incidents by source"].height == 1
    with Store(db_path, read_only=True) as s:  # the file itself was not changed
        views = s.query("select view_name from duckdb_views() where not temporary")["view_name"]
    assert "source_gaps" not in views.to_list()


def test_source_gaps_finds_weeks_without_incidents(store: Store, tmp_path: Path) -> None:
    # incidents in ISO weeks 1, 2 and 8 of 2024: weeks 3..7 (5 weeks) are empty
    days = ["2024-01-01", "2024-01-08", "2024-02-19"]
    rows = "".join(f"g,{i},{d},Kharkiv oblast,drone\n" for i, d in enumerate(days))
    path = tmp_path / "gaps.csv"
    path.write_text("source,source_event_id,occurred_on,region_raw,strike_type\n" + rows)
    store.ingest_file("csv", path)
    gaps = store.query("select * from source_gaps where source = 'g'")
    assert gaps.rows() == [("g", dt.date(2024, 1, 15), dt.date(2024, 2, 12), 5)]


def test_data_checksum_covers_versioned_source_tables(store: Store) -> None:
    alerts = sorted((Path(__file__).parents[1] / "fixtures" / "alerts").glob("*.csv"))[0]
    empty = store.data_checksum()
    incidents_only = store.checksum()
    store.ingest_file("alerts", alerts)
    assert "alerts" in store.versioned_tables()
    after = store.data_checksum()
    assert after != empty  # alerts changed the data...
    assert store.checksum() == incidents_only  # ...but not the incident history
    store.ingest_file("alerts", alerts)  # re-ingest adds nothing, so nothing changes
    assert store.data_checksum() == after


def test_checksum_depends_on_history_not_on_row_order(tmp_path: Path) -> None:
    """The same rows in another file order give the same checksum; one changed count does not.

    The checksum is recomputed independently here from the per-revision md5 hex digests: md5
    of the row count and the sums of the upper and lower 64-bit halves, in Python integers.
    """
    rows = _rows(BASIC)[:5]  # A1-A5, the valid rows of the fixture
    forward = _write(tmp_path / "forward.csv", rows)
    backward = _write(tmp_path / "backward.csv", rows[::-1])
    changed = [dict(r) for r in rows]
    changed[2]["killed"] = str(int(changed[2]["killed"] or 0) + 1)
    altered = _write(tmp_path / "altered.csv", changed)
    sums = []
    for i, path in enumerate((forward, backward, altered)):
        with Store(tmp_path / f"{i}.duckdb") as store:
            store.ingest_file("csv", path)
            sums.append(store.checksum())
            if i == 0:
                digests = store.query(
                    "select "
                    + hash_sql(("incident_id", "revision", *CONTENT_COLUMNS))
                    + " as h from incident_revisions"
                )["h"].to_list()
                # DuckDB's md5_number reads the 16 digest bytes as a little-endian integer.
                numbers = [int.from_bytes(bytes.fromhex(h), "little") for h in digests]
                upper = sum(n >> 64 for n in numbers)
                lower = sum(n & (2**64 - 1) for n in numbers)
                expected = hashlib.md5(f"{len(digests)}:{upper}:{lower}".encode()).hexdigest()
                assert sums[0] == expected
    assert sums[0] == sums[1]
    assert sums[0] != sums[2]
