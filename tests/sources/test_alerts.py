"""Tests for the air-raid alert adapter and the daily/weekly alert views (Kyiv local days)."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import polars as pl
import pytest

from analytics.sources.alerts import AlertsAdapter, detect_format
from analytics.sources.base import SourceFormatError

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "alerts"
REAL = ROOT.parent / "shared" / "data" / "air-raid-sirens"
DUCKDB_CLI = ROOT / ".venv" / "bin" / "duckdb"
KYIV = ZoneInfo("Europe/Kyiv")
UTC = dt.UTC


def _real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real alert file not found at {path}")
    return path


def _daily(store, dataset: str | None = None) -> dict[tuple[str, dt.date], tuple[int, float]]:  # type: ignore[no-untyped-def]
    view = "daily_alerts" if dataset is None else "daily_alerts_by_dataset"
    where = "" if dataset is None else f"where dataset = '{dataset}'"
    frame = store.query(f"select oblast_code, period, alerts, alert_minutes from {view} {where}")
    return {(o, p): (a, m) for o, p, a, m in frame.iter_rows()}


# -- formats ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "dataset", "lang"),
    [
        ("official_en.csv", "official", "en"),
        ("official_uk.csv", "official", "uk"),
        ("volunteer_en.csv", "volunteer", "en"),
        ("volunteer_uk.csv", "volunteer", "uk"),
    ],
)
def test_four_formats_detected_and_read(name: str, dataset: str, lang: str) -> None:
    batch = AlertsAdapter().read(FIXTURES / name)
    alerts = batch.extra_tables["alerts"]
    assert batch.rejected.height == 0
    assert batch.rows_read == alerts.height
    assert set(alerts["dataset"]) == {dataset} and set(alerts["lang"]) == {lang}
    assert batch.source == f"air_raid_alerts:{dataset}:{lang}"
    assert alerts["oblast_code"].null_count() == 0
    assert alerts["row_key"].n_unique() == alerts.height
    first = alerts.row(0, named=True)
    assert first["oblast_code"] == "UA-30"  # Kyiv City / м. Київ / Київ
    if dataset == "official":
        assert alerts["level"].to_list() == ["oblast", "oblast", "raion", "hromada", "oblast"]
        assert alerts["naive"].null_count() == alerts.height and first["source"] == "official"
        assert first["started_at"] == dt.datetime(2023, 6, 1, 0, 10)
    else:
        assert alerts["naive"].to_list() == [False, True, False]
        assert set(alerts["level"]) == {"oblast"} and first["source"] is None


def test_detect_format_unknown_header_raises() -> None:
    assert detect_format(["oblast", "raion"], ["x"]) is None
    with pytest.raises(SourceFormatError, match="air-raid alert header"):
        AlertsAdapter().read(FIXTURES / "unknown_header.csv")


def test_malformed_rows_are_quarantined_with_reasons(store) -> None:  # type: ignore[no-untyped-def]
    result = store.ingest_file("alerts", FIXTURES / "malformed.csv")
    assert (result.rows_read, result.accepted, result.rows_quarantined) == (8, 2, 6)
    q = store.query("select row_number, column_name, reason from quarantine order by row_number")
    reasons = dict(zip(q["row_number"], q["reason"], strict=True))
    assert "holds a raion name (Lubenskyi raion)" in reasons[3] and "not guessed" in reasons[3]
    assert "before it starts" in reasons[4]
    assert "started_at: could not parse June 1st" in reasons[5]
    assert "missing end" in reasons[6]
    assert "Atlantis oblast is not an oblast the gazetteer knows" in reasons[7]
    assert "unknown level district" in reasons[8]
    assert set(q["row_number"]) == {3, 4, 5, 6, 7, 8}


# -- daily split ------------------------------------------------------------------------------
def test_official_fixture_daily_kyiv_days(store) -> None:  # type: ignore[no-untyped-def]
    store.ingest_file("alerts", FIXTURES / "official_en.csv")
    daily = _daily(store)
    assert daily == {
        ("UA-30", dt.date(2023, 6, 1)): (1, 90.0),
        ("UA-63", dt.date(2023, 6, 1)): (1, 30.0),  # 23:30-01:00 Kyiv time: split at midnight
        ("UA-63", dt.date(2023, 6, 2)): (0, 60.0),
        ("UA-51", dt.date(2023, 6, 3)): (1, 135.5),  # starts 2 June UTC, 3 June in Kyiv
    }
    # raion and hromada alerts are not in the oblast series
    assert store.query("select count(*) as n from alerts where level <> 'oblast'")["n"][0] == 2


def test_dst_nights_add_up_exactly(store) -> None:  # type: ignore[no-untyped-def]
    store.ingest_file("alerts", FIXTURES / "dst.csv")
    daily = _daily(store)
    assert daily == {
        ("UA-30", dt.date(2024, 3, 30)): (1, 30.0),
        ("UA-30", dt.date(2024, 3, 31)): (0, 210.0),  # 23-hour day
        ("UA-30", dt.date(2024, 10, 26)): (1, 60.0),
        ("UA-30", dt.date(2024, 10, 27)): (0, 1500.0),  # the whole 25-hour day
        ("UA-30", dt.date(2024, 10, 28)): (0, 60.0),
        ("UA-46", dt.date(2024, 3, 31)): (1, 60.0),  # 02:30 -> 04:30 on the wall: 60 minutes
        ("UA-46", dt.date(2024, 10, 27)): (1, 60.0),  # 03:30 -> 03:30 on the wall: 60 minutes
    }
    durations = store.query(
        """select oblast_code, sum(epoch(finished_at) - epoch(started_at)) / 60 as m
           from alerts group by 1"""
    )
    per_oblast = defaultdict(float)
    for (oblast, _), (_, minutes) in daily.items():
        per_oblast[oblast] += minutes
    assert per_oblast == dict(durations.iter_rows())
    assert per_oblast["UA-30"] == 240 + 1620
    weekly = store.query("select period, alerts, alert_minutes from weekly_alerts "
                         "where oblast_code = 'UA-30' order by period")  # fmt: skip
    assert weekly.rows() == [
        (dt.date(2024, 3, 25), 1, 240.0),
        (dt.date(2024, 10, 21), 1, 1560.0),
        (dt.date(2024, 10, 28), 0, 60.0),
    ]


def test_languages_and_datasets_are_not_added_together(store) -> None:  # type: ignore[no-untyped-def]
    for name in ("official_en.csv", "official_uk.csv", "volunteer_en.csv", "volunteer_uk.csv"):
        store.ingest_file("alerts", FIXTURES / name)
    official_only = _daily(store, "official")
    # en + uk copies of the same alert count once
    assert official_only[("UA-30", dt.date(2023, 6, 1))] == (1, 90.0)
    volunteer = _daily(store, "volunteer")
    assert volunteer == {
        ("UA-30", dt.date(2023, 6, 1)): (1, 90.0),
        ("UA-63", dt.date(2023, 6, 1)): (1, 29.0),
        ("UA-63", dt.date(2023, 6, 2)): (0, 1.0),
        ("UA-46", dt.date(2023, 6, 2)): (1, 45.0),
    }
    # The default series is the union of intervals of both datasets, hand-merged from the
    # fixtures: Kyiv official 00:10-01:40 + volunteer 00:11-01:41 UTC = one alert 00:10-01:41
    # (91 min, not 90 + 90); Kharkiv volunteer 20:31-21:01 lies inside official 20:30-22:00;
    # Lviv only in the volunteer file, Odesa only in the official one.
    assert _daily(store) == {
        ("UA-30", dt.date(2023, 6, 1)): (1, 91.0),
        ("UA-63", dt.date(2023, 6, 1)): (1, 30.0),
        ("UA-63", dt.date(2023, 6, 2)): (0, 60.0),
        ("UA-46", dt.date(2023, 6, 2)): (1, 45.0),
        ("UA-51", dt.date(2023, 6, 3)): (1, 135.5),
    }
    datasets = dict(
        store.query("select oblast_code || ' ' || period, dataset from daily_alerts").rows()
    )
    assert datasets["UA-30 2023-06-01"] == "official,volunteer"
    assert datasets["UA-46 2023-06-02"] == "volunteer"
    assert datasets["UA-51 2023-06-03"] == "official"
    # the naive Kharkiv alert lies inside a measured one: no minute rests on an imputed end
    assert store.query("select sum(imputed_minutes) from daily_alerts").item() == 0.0


def test_imputed_ends_are_flagged_with_their_share(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "volunteer.csv"
    path.write_text(
        "region,started_at,finished_at,naive\n"
        "Kyiv City,2023-06-01 10:00:00+00:00,2023-06-01 10:20:00+00:00,False\n"
        "Kyiv City,2023-06-01 10:10:00+00:00,2023-06-01 10:40:00+00:00,True\n"
        "Lvivska oblast,2023-06-01 12:00:00+00:00,2023-06-01 12:30:00+00:00,True\n",
        encoding="utf-8",
    )
    store.ingest_file("alerts", path)
    got = store.query(
        "select oblast_code, alerts, alert_minutes, imputed_minutes, imputed_share "
        "from daily_alerts order by oblast_code"
    )
    # Kyiv: union 10:00-10:40 = 40 min, measured 10:00-10:20 = 20, so 20 imputed (share 0.5);
    # Lviv: one naive alert, all 30 minutes imputed.
    assert got.rows() == [("UA-30", 1, 40.0, 20.0, 0.5), ("UA-46", 1, 30.0, 30.0, 1.0)]
    by_dataset = store.query("select sum(imputed_minutes) from daily_alerts_by_dataset").item()
    assert by_dataset == 60.0  # the two naive alerts, 30 min each, before the union


def test_alert_coverage_never_lists_units_without_alerts(store) -> None:  # type: ignore[no-untyped-def]
    for name in ("official_en.csv", "volunteer_en.csv"):
        store.ingest_file("alerts", FIXTURES / name)
    cov = store.query(
        "select oblast_code, bool_or(covered) as c, any_value(not_covered_because) as why "
        "from alert_coverage group by all"
    )
    covered = set(cov.filter(pl.col("c"))["oblast_code"])
    assert covered == {"UA-30", "UA-63", "UA-51", "UA-46"}  # the units the two files name
    sev = cov.filter(pl.col("oblast_code") == "UA-40").row(0)
    assert sev == ("UA-40", False, "unit never listed")
    periods = store.query("select dataset, period, covered_days from alert_dataset_periods")
    # official: Kyiv days 2023-06-01..03; volunteer: 06-01..02 (hand-read from the files)
    assert sorted(periods.rows()) == [
        ("official", dt.date(2023, 6, 1), 3), ("volunteer", dt.date(2023, 6, 1), 2),
    ]  # fmt: skip


def test_volunteer_only_database_uses_volunteer(store) -> None:  # type: ignore[no-untyped-def]
    store.ingest_file("alerts", FIXTURES / "volunteer_uk.csv")
    assert set(store.query("select dataset from daily_alerts")["dataset"]) == {"volunteer"}


# -- re-ingest --------------------------------------------------------------------------------
def test_reingest_same_and_modified(store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = FIXTURES / "official_en.csv"
    first = store.ingest_file("alerts", src)
    again = store.ingest_file("alerts", src)
    assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, first.accepted)
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("01:40:00", "01:45:00")
    lines[2] = lines[2].replace("22:00:00", "22:05:00")
    lines.append(
        "Sumska oblast,,,oblast,2023-06-04 10:00:00+00:00,2023-06-04 10:30:00+00:00,official"
    )
    copy = tmp_path / "official_en.csv"
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = store.ingest_file("alerts", copy)
    assert (changed.rows_new, changed.rows_revised) == (1, 2)
    assert _daily(store)[("UA-30", dt.date(2023, 6, 1))] == (1, 95.0)  # the latest version


# -- real data --------------------------------------------------------------------------------
def _independent_daily(path: Path) -> tuple[dict[tuple[str, dt.date], list[float]], int]:
    """Alert minutes and starts per (region name, Kyiv day), interval by interval."""
    out: dict[tuple[str, dt.date], list[float]] = defaultdict(lambda: [0, 0.0])
    skipped = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("level", "oblast") != "oblast":
                continue
            region = row.get("oblast") or row["region"]
            start = dt.datetime.fromisoformat(row["started_at"]).astimezone(UTC)
            end = dt.datetime.fromisoformat(row["finished_at"]).astimezone(UTC)
            if end < start:
                skipped += 1
                continue
            day = start.astimezone(KYIV).date()
            out[(region, day)][0] += 1
            while True:
                # to UTC before subtracting: aware datetimes sharing one tzinfo subtract as
                # wall-clock times, which would make every DST day 24 hours long
                next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), KYIV)
                next_midnight = next_midnight.astimezone(UTC)
                day_start = dt.datetime.combine(day, dt.time(), KYIV).astimezone(UTC)
                piece = (min(end, next_midnight) - max(start, day_start)).total_seconds() / 60
                if piece > 0 or day == start.astimezone(KYIV).date():
                    out[(region, day)][1] += piece
                if end <= next_midnight:
                    break
                day += dt.timedelta(days=1)
    return out, skipped


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.parametrize("name", ["official_data_en.csv", "volunteer_data_uk.csv"])
def test_real_daily_minutes_match_zoneinfo(store, name: str) -> None:  # type: ignore[no-untyped-def]
    path = _real(name)
    result = store.ingest_file("alerts", path)
    assert result.accepted + result.rows_quarantined == result.rows_read
    expected, _ = _independent_daily(path)
    names = store.query(
        "select distinct region_raw, oblast_code from alerts where level = 'oblast'"
    )
    code_of = dict(names.iter_rows())
    got = _daily(store)
    want = {
        (code_of[region], day): (int(n), minutes)
        for (region, day), (n, minutes) in expected.items()
        if region in code_of
    }
    assert got.keys() == want.keys()
    for key, (n, minutes) in want.items():
        assert got[key][0] == n, key
        assert got[key][1] == pytest.approx(minutes, abs=1e-6), key
    # minutes add up per oblast to the alerts' total duration
    totals = store.query(
        """select (select sum(alert_minutes) from daily_alerts) as by_day,
                  (select sum(epoch(finished_at) - epoch(started_at)) / 60 from oblast_alerts)
                      as by_alert"""
    ).row(0)
    assert totals[0] == pytest.approx(totals[1], rel=1e-12)


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("name", "rows", "quarantined"),
    [
        ("official_data_en.csv", 33978, 1),
        ("official_data_uk.csv", 33978, 1),
        ("volunteer_data_en.csv", 33369, 0),
        ("volunteer_data_uk.csv", 33369, 0),
    ],
)
def test_real_files_read_equals_accepted_plus_quarantined(
    name: str, rows: int, quarantined: int
) -> None:
    batch = AlertsAdapter().read(_real(name))
    alerts = batch.extra_tables["alerts"]
    assert batch.rows_read == rows
    assert alerts.height + batch.rejected.height == rows
    assert batch.rejected.height == quarantined
    if quarantined:
        assert batch.rejected["reason"][0].startswith("oblast: holds a raion name")
    assert alerts["oblast_code"].null_count() == 0
    assert alerts["row_key"].n_unique() == alerts.height
    assert alerts["oblast_code"].n_unique() == 25  # no Crimea or Sevastopol in the data
    assert alerts.filter(pl.col("finished_at") < pl.col("started_at")).height == 0


# -- DuckDB CLI -------------------------------------------------------------------------------
@pytest.mark.cli
def test_views_queryable_from_duckdb_cli(db_path: Path) -> None:
    from analytics.store import Store

    if not DUCKDB_CLI.is_file():
        pytest.skip(f"duckdb CLI not found at {DUCKDB_CLI}")
    with Store(db_path) as store:
        store.ingest_file("alerts", FIXTURES / "dst.csv")
    sql = (
        "select * from daily_alerts limit 1; "
        "select sum(alert_minutes) from daily_alerts where oblast_code = 'UA-30'; "
        "select count(*) from weekly_alerts; select count(*) from daily_alerts_by_dataset;"
    )
    out = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(db_path), "-c", sql],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    lines = out.stdout.split()
    assert lines[1:] == ["1860.0", "5", "7"]
    again = subprocess.run(
        [str(DUCKDB_CLI), str(db_path), "-f", str(ROOT / "sql" / "alerts.sql")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
