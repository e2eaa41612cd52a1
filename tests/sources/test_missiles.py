"""Tests for the missile-attack adapter, the weapon-class map and the attack-wave views."""

from __future__ import annotations

import csv
import datetime as dt
import math
import subprocess
from collections import defaultdict
from pathlib import Path

import polars as pl
import pytest

from analytics.aggregate import attack_series
from analytics.reference.weapons import weapon_class, weapon_family
from analytics.sources.base import SourceFormatError
from analytics.sources.missiles import (
    MissilesAdapter,
    parse_count,
    parse_literal,
    parse_wave_time,
    reporter_of,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "missiles" / "waves.csv"
REAL = ROOT.parent / "shared" / "data" / "missile-attacks" / "missile_attacks_daily.csv"
DUCKDB_CLI = ROOT / ".venv" / "bin" / "duckdb"


def _real() -> Path:
    if not REAL.is_file():
        pytest.skip(f"real missile-attack file not found at {REAL}")
    return REAL


# -- parsing helpers -------------------------------------------------------------------------
def test_parse_literal_replaces_bare_nan_but_not_inside_strings() -> None:
    assert parse_literal("{'south': 27, 'north': NaN, 'east': nan, 'w': -inf}") == {
        "south": 27,
        "north": None,
        "east": None,
        "w": None,
    }
    assert parse_literal("['NaN town', \"inf city\"]") == ["NaN town", "inf city"]
    assert parse_literal("{'a':    1,\n   'b': 2.0}") == {"a": 1, "b": 2.0}
    assert parse_literal("") is None


@pytest.mark.parametrize(
    "text", ["__import__('os').system('true')", "{'a': open('x')}", "{'a': 1", "NaN + 1"]
)
def test_parse_literal_never_evaluates_code(text: str) -> None:
    with pytest.raises(ValueError, match="not a Python literal"):
        parse_literal(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-06-30 21:00", (dt.datetime(2025, 6, 30, 21, 0), "minute")),
        ("2025-03-06 21:00 ", (dt.datetime(2025, 3, 6, 21, 0), "minute")),
        ("2023-05-16 3:30", (dt.datetime(2023, 5, 16, 3, 30), "minute")),
        ("2024-05-16 ", (dt.datetime(2024, 5, 16), "date")),
        ("", (None, None)),
    ],
)
def test_parse_wave_time_accepts_date_and_minute(
    text: str, expected: tuple[dt.datetime | None, str | None]
) -> None:
    assert parse_wave_time(text) == expected


@pytest.mark.parametrize("text", ["29.03.2024", "2024-03-27 25:00", "2023-02-30", "soon"])
def test_parse_wave_time_rejects_what_it_cannot_understand(text: str) -> None:
    with pytest.raises(ValueError):
        parse_wave_time(text)


def test_parse_count_keeps_null_apart_from_zero() -> None:
    assert [parse_count(t) for t in ["52.0", "0.0", "", None, "nan"]] == [52, 0, None, None, None]
    for bad in ["2.5", "-1.0", "many", "inf"]:
        with pytest.raises(ValueError):
            parse_count(bad)


def test_reporter_levels() -> None:
    assert reporter_of("kpszsu/posts/x") == ("kpszsu", "national")
    assert reporter_of("GeneralStaff.ua/posts/x") == ("generalstaff.ua", "national")
    assert reporter_of("pvkshid/posts/x") == ("pvkshid", "regional")
    assert reporter_of("kharkivoda.gov.ua/news/1") == ("kharkivoda.gov.ua", "regional")
    assert reporter_of("https://t.me/war_monitor/1") == ("war_monitor", "unknown")
    assert reporter_of("watch/?v=1") == (None, "unknown")
    assert reporter_of(None) == (None, "unknown")


# -- weapon classes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("model", "cls"),
    [
        ("Shahed-136/131", "attack_drone"),
        ("Geran-2", "attack_drone"),
        ("Lancet", "attack_drone"),
        ("Молнія", "attack_drone"),
        ("Gerbera", "decoy_or_recon_drone"),
        ("Orlan-10 and ZALA and Supercam", "decoy_or_recon_drone"),
        ("Reconnaissance UAV", "decoy_or_recon_drone"),
        ("Iskander-M/KN-23", "ballistic_missile"),
        ("X-47 Kinzhal", "ballistic_missile"),
        ("Х-47 Кинжал", "ballistic_missile"),
        ("Tochka-U", "ballistic_missile"),
        ("Intercontinental Ballistic Missile", "ballistic_missile"),
        ("X-101/X-555 and Kalibr", "cruise_missile"),
        ("Kh-101", "cruise_missile"),
        ("Х-101", "cruise_missile"),
        ("Kh-55", "cruise_missile"),
        ("X-22 and X-32", "cruise_missile"),
        ("P-800 Oniks", "cruise_missile"),
        ("Iskander-K", "cruise_missile"),
        ("3M22 Zircon", "cruise_missile"),
        ("C-300", "sam_ground_attack"),
        ("С-400", "sam_ground_attack"),
        ("KAB-500", "guided_air_bomb"),
        ("UMPK", "guided_air_bomb"),
        ("X-31P", "other"),
        ("Unknown UAV", "other"),
        ("Iskander-M and Iskander-K", "mixed"),
        ("C-300/C-400 and Iskander-M", "mixed"),
        ("", None),
    ],
)
def test_weapon_class_map(model: str, cls: str | None) -> None:
    assert weapon_class(model) == cls


def test_weapon_family_keeps_unknown_drones_as_drones() -> None:
    assert weapon_family("Unknown UAV") == "drone"
    assert weapon_family("Unknown Missile") == "missile"
    assert weapon_family("KAB-500") == "bomb"
    assert weapon_family("Shahed-136/131 and Iskander-M") == "mixed"


# -- the fixture ------------------------------------------------------------------------------
def test_fixture_read_accepts_and_quarantines_with_reasons() -> None:
    batch = MissilesAdapter().read(FIXTURE)
    waves = batch.extra_tables["attack_waves"]
    assert batch.rows_read == 12
    assert waves.height == 8
    reasons = dict(zip(batch.rejected["_row"], batch.rejected["reason"], strict=True))
    assert sorted(reasons) == [9, 10, 11, 12]
    assert "time_start" in reasons[9] and "29.03.2024" in reasons[9]
    assert "time_start" in reasons[10] and "not a valid date or time" in reasons[10]
    assert "launched" in reasons[11] and "whole number" in reasons[11]
    assert "time_end" in reasons[12] and "before time_start" in reasons[12]
    by_row = {r["source_row"]: r for r in waves.iter_rows(named=True)}
    assert by_row[4]["time_start"] == dt.datetime(2024, 3, 30, 3, 30)
    assert by_row[5]["time_precision"] == "date"  # "2024-03-30 " (trailing space)
    assert by_row[8]["weapon_class"] == "cruise_missile"  # Cyrillic Х-59
    assert by_row[8]["destroyed"] is None and by_row[5]["destroyed"] == 0  # NULL is not 0
    assert by_row[13]["launched"] is None
    assert by_row[2]["reporter_level"] == "national" and by_row[3]["reporter_level"] == "regional"
    # two identical rows stay two waves with distinct keys
    assert by_row[6]["row_key"] != by_row[7]["row_key"]
    assert waves["row_key"].n_unique() == waves.height


def test_fixture_targets_long_table() -> None:
    batch = MissilesAdapter().read(FIXTURE)
    waves = batch.extra_tables["attack_waves"]
    targets = batch.extra_tables["attack_wave_targets"]
    key = dict(zip(waves["source_row"], waves["row_key"], strict=True))

    def rows(source_row: int, field: str) -> list[tuple[str | None, str | None, int | None]]:
        sel = targets.filter((pl.col("wave_key") == key[source_row]) & (pl.col("field") == field))
        return list(sel.sort("position").select("oblast_code", "target_label", "count").iter_rows())

    assert rows(4, "target") == [("UA-51", None, None), ("UA-48", None, None)]
    assert rows(2, "target") == [(None, "Ukraine", None)]
    assert rows(2, "affected_region") == [("UA-63", None, None), ("UA-51", None, None)]
    assert rows(2, "destroyed_details") == [
        (None, "macro-region:south", 12),
        (None, "macro-region:north", None),
        (None, "macro-region:east", None),
    ]
    launched = targets.filter(
        (pl.col("wave_key") == key[4]) & (pl.col("field") == "launched_details")
    ).sort("position")
    assert launched.select("text", "weapon_class", "count").rows() == [
        ("X-101/X-555", "cruise_missile", 14),
        ("Kalibr", "cruise_missile", 6),
    ]
    assert rows(5, "target_main") == [("UA-63", None, None)]
    assert rows(13, "target") == [("UA-14", None, None), (None, "macro-region:north", None)]
    # one count for two oblasts cannot be attributed: NULL, not duplicated
    assert rows(13, "destroyed_details") == [
        ("UA-14", None, 1),
        ("UA-63", None, None),
        ("UA-59", None, None),
    ]
    assert targets["row_key"].n_unique() == targets.height


def test_fixture_views(store) -> None:  # type: ignore[no-untyped-def]
    result = store.ingest_file("missiles", FIXTURE)
    assert (result.rows_read, result.accepted, result.rows_quarantined) == (12, 8, 4)
    weekly = store.query("select * from weekly_attacks order by week, weapon_class, reporter_level")
    cruise = weekly.filter(
        (pl.col("week") == dt.date(2024, 3, 25)) & (pl.col("weapon_class") == "cruise_missile")
    ).row(0, named=True)
    # Kalibr+X-101 (20 launched, 15 destroyed) and Х-59 (3 launched, destroyed not reported)
    assert (cruise["waves"], cruise["launched"], cruise["destroyed"]) == (2, 23, 15)
    assert cruise["waves_with_both"] == 1 and cruise["interception_rate"] == pytest.approx(0.75)
    bomb = weekly.filter(pl.col("weapon_class") == "guided_air_bomb").row(0, named=True)
    assert bomb["launched"] is None and bomb["interception_rate"] is None  # not 0
    assert weekly.filter(pl.col("week") == dt.date(2024, 4, 1))["waves"].to_list() == [1]
    assert weekly["waves"].sum() == 8
    national = store.query("select count(*) as n from attack_waves_national")["n"][0]
    assert national == 3
    oblast = store.query(
        """select oblast_code, waves, launched_whole_wave from weekly_attacks_oblast
           where weapon_class = 'cruise_missile' order by oblast_code nulls last"""
    )
    # the two-oblast wave counts once in each oblast, launched not split; Х-59 -> Sumy
    assert oblast.rows() == [("UA-48", 1, 20), ("UA-51", 1, 20), ("UA-59", 1, 3)]
    unnamed = store.query(
        "select cast(sum(waves) as bigint) as n from weekly_attacks_oblast where oblast_code is null"
    )["n"][0]
    assert unnamed == 4  # Ukraine, south (Unknown UAV), east (Orlan x2)


def test_not_a_missile_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="missile-attack columns"):
        MissilesAdapter().read(path)


# -- re-ingest --------------------------------------------------------------------------------
def _modified_copy(src: Path, dst: Path) -> None:
    """Change `destroyed` of 2 rows and add 1 new row at the top (rows are newest first)."""
    with src.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        rows = list(reader)
    changed = 0
    for row in rows:
        if changed < 2 and row["destroyed"] and row["launched"]:
            row["destroyed"] = str(float(row["destroyed"]) + 1 if row["destroyed"] != row[
                "launched"] else float(row["destroyed"]) - 1)  # fmt: skip
            changed += 1
    new = dict.fromkeys(header, "")
    # a new wave after the end of every file used here, but not in the future (quarantined)
    new.update(time_start="2025-12-31 20:00", time_end="2026-01-01 06:00", model="Shahed-136/131",
               target="Ukraine", launched="7.0", destroyed="7.0", source="kpszsu/posts/new")  # fmt: skip
    with dst.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows([new, *rows])


@pytest.mark.parametrize("which", ["fixture", pytest.param("real", marks=pytest.mark.realdata)])
def test_reingest_same_and_modified(store, tmp_path: Path, which: str) -> None:  # type: ignore[no-untyped-def]
    src = FIXTURE if which == "fixture" else _real()
    first = store.ingest_file("missiles", src)
    assert first.rows_new == first.accepted
    again = store.ingest_file("missiles", src)
    assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, first.accepted)
    n_targets = store.query("select count(*) as n from attack_wave_targets")["n"][0]
    copy = tmp_path / "modified.csv"
    _modified_copy(src, copy)
    changed = store.ingest_file("missiles", copy)
    assert (changed.rows_new, changed.rows_revised) == (1, 2)
    assert changed.rows_quarantined == first.rows_quarantined
    # the new wave brings exactly one target row ("Ukraine"); details of the others unchanged
    assert store.query("select count(*) as n from attack_wave_targets")["n"][0] == n_targets + 1
    latest = store.query("select count(*) as n from attack_waves_latest")["n"][0]
    assert latest == first.accepted + 1


# -- real data --------------------------------------------------------------------------------
def _independent_monthly(path: Path) -> tuple[dict[str, float], dict[str, int], int]:
    """Launched per month and waves per month by plain csv, own float parsing."""
    launched: dict[str, float] = defaultdict(float)
    waves: dict[str, int] = defaultdict(int)
    bad = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            start = row["time_start"].strip()
            try:
                day = dt.date.fromisoformat(start[:10])
                if len(start) > 10:
                    hh, mm = start[11:].split(":")
                    assert 0 <= int(hh) < 24 and 0 <= int(mm) < 60
                end = row["time_end"].strip()
                if end and dt.date.fromisoformat(end[:10]) < day:
                    raise ValueError(end)
                for col in ("launched", "destroyed", "not_reach_goal", "still_attacking"):
                    v = row[col].strip()
                    if v and (float(v) != math.floor(float(v)) or float(v) < 0):
                        raise ValueError(v)
            except (ValueError, AssertionError):
                bad += 1
                continue
            month = day.strftime("%Y-%m-01")
            waves[month] += 1
            if row["launched"].strip():
                launched[month] += float(row["launched"])
    return launched, waves, bad


@pytest.mark.realdata
@pytest.mark.slow
def test_real_file_monthly_launched_matches_plain_csv(store) -> None:  # type: ignore[no-untyped-def]
    path = _real()
    result = store.ingest_file("missiles", path)
    assert result.rows_read == 2617
    assert result.accepted + result.rows_quarantined == result.rows_read
    launched, waves, bad = _independent_monthly(path)
    assert result.rows_quarantined == bad
    monthly = store.query(
        """select strftime(month, '%Y-%m-01') as month, sum(waves) as waves,
                  sum(launched) as launched
           from monthly_attacks group by 1 order by 1"""
    )
    assert dict(zip(monthly["month"], monthly["waves"], strict=True)) == waves
    got = dict(zip(monthly["month"], monthly["launched"], strict=True))
    assert got == {m: int(v) for m, v in launched.items()}
    weekly_total = store.query("select sum(launched) as n from weekly_attacks")["n"][0]
    assert weekly_total == int(sum(launched.values()))
    # every wave of every week lands in exactly one ISO week starting on a Monday
    weeks = store.query("select distinct week from weekly_attacks")["week"].to_list()
    assert all(w.weekday() == 0 for w in weeks)
    # the weapon map leaves few waves unclassified
    other = store.query(
        "select avg(case when weapon_class = 'other' then 1.0 else 0 end) as s from attack_waves"
    )["s"][0]
    assert other < 0.08


@pytest.mark.realdata
def test_real_file_targets_resolve() -> None:
    batch = MissilesAdapter().read(_real())
    targets = batch.extra_tables["attack_wave_targets"].filter(pl.col("field") == "target")
    unresolved = targets.filter(pl.col("oblast_code").is_null() & pl.col("target_label").is_null())
    share = unresolved.height / targets.height
    assert share < 0.05, unresolved["text"].value_counts(sort=True).head(10)
    labels = set(targets["target_label"].drop_nulls())
    assert {"Ukraine", "macro-region:south"} <= labels
    waves = batch.extra_tables["attack_waves"]
    assert set(waves["reporter_level"]) <= {"national", "regional", "unknown"}
    assert waves.filter(pl.col("reporter_level") == "regional").height > 500


# -- DuckDB CLI -------------------------------------------------------------------------------
@pytest.mark.cli
def test_views_queryable_from_duckdb_cli(db_path: Path) -> None:
    from analytics.store import Store

    if not DUCKDB_CLI.is_file():
        pytest.skip(f"duckdb CLI not found at {DUCKDB_CLI}")
    with Store(db_path) as store:
        store.ingest_file("missiles", FIXTURE)
    sql = (
        "select count(*) from weekly_attacks; select count(*) from weekly_attacks_oblast; "
        "select count(*) from monthly_attacks; select count(*) from attack_waves_national; "
        "select count(*) from attack_wave_targets_latest;"
    )
    out = subprocess.run(
        [str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(db_path), "-c", sql],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["6", "8", "6", "3", "21"]
    # the SQL file also runs by hand on an existing database (idempotent)
    again = subprocess.run(
        [str(DUCKDB_CLI), str(db_path), "-f", str(ROOT / "sql" / "attack_waves.sql")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr


def test_not_reached_and_neutralised_rate(store) -> None:  # type: ignore[no-untyped-def]
    store.ingest_file("missiles", FIXTURE)
    weekly = store.query("select * from weekly_attacks order by week, weapon_class, reporter_level")
    drone = weekly.filter(pl.col("weapon_class") == "attack_drone").row(0, named=True)
    # the Shahed wave of 2024-03-31: 40 launched, 30 destroyed, 8 lost to electronic warfare
    assert (drone["launched"], drone["destroyed"], drone["not_reach_goal"]) == (40, 30, 8)
    assert drone["interception_rate"] == pytest.approx(30 / 40)
    assert drone["neutralised_rate"] == pytest.approx((30 + 8) / 40)
    cruise = weekly.filter(pl.col("weapon_class") == "cruise_missile").row(0, named=True)
    # no wave reports not_reach_goal: the sum is unknown (NULL), the rate counts none lost
    assert cruise["not_reach_goal"] is None
    assert cruise["neutralised_rate"] == pytest.approx(cruise["interception_rate"])
    assert (weekly["neutralised_rate"] >= weekly["interception_rate"]).all()
    # the polars series over the national drone waves gives the same figures
    national = weekly.filter(
        (pl.col("reporter_level") == "national") & (pl.col("weapon_class") == "attack_drone")
    )
    got = attack_series(national.drop("interception_rate", "neutralised_rate"), freq="week")
    assert got.select("launched", "destroyed", "not_reach_goal").row(0) == (40, 30, 8)
    assert got["neutralised_rate"][0] == pytest.approx(drone["neutralised_rate"])
