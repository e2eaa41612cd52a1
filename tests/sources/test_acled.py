"""Tests for the ACLED export adapter on a hand-made 22-row export (ACLED codebook columns)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from analytics.sources.acled import (
    OTHER_EVENTS_TABLE,
    AcledAdapter,
    acled_strike_type,
    parse_acled_date,
)
from analytics.sources.base import SourceFormatError
from analytics.store import Store

EXPORT = Path(__file__).resolve().parents[1] / "fixtures" / "acled" / "acled_export.csv"

#: hand-classified fixture rows: 13 incidents, 7 other events, 2 quarantined = 22 read.
INCIDENT_TYPES = {
    "UKR1001": "drone",  # Air/drone strike, notes: Shahed-136 drones
    "UKR1002": "air_strike",  # Air/drone strike, notes: guided aerial bombs
    "UKR1003": "missile",  # Shelling/artillery/missile attack, notes: Kalibr cruise missiles
    "UKR1004": "artillery",  # Shelling/..., notes: artillery
    "UKR1005": "explosive",  # Remote explosive/landmine/IED
    "UKR1006": "explosive",  # Grenade (dropped from a drone: still the codebook's Grenade)
    "UKR1007": "explosive",  # Suicide bomb
    "UKR1008": "other",  # Chemical weapon
    "UKR1009": "ground_clash",  # Armed clash
    "UKR1010": "ground_clash",  # Government regains territory
    "UKR1011": "ground_clash",  # Non-state actor overtakes territory
    "UKR1012": "other",  # Violence against civilians / Attack
    "UKR1022": "unknown",  # "Drone swarm" is not in the codebook
}
OTHER = {"UKR1013", "UKR1014", "UKR1015", "UKR1016", "UKR1017", "UKR1019", "UKR1020"}


@pytest.fixture(scope="module")
def batch():
    return AcledAdapter().read(EXPORT)


def _by_id(batch) -> dict[str, dict]:
    return {r["source_event_id"]: r for r in batch.incidents.iter_rows(named=True)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-16", dt.date(2023, 3, 16)),
        ("16/03/2023 00:00:00", dt.date(2023, 3, 16)),
        ("16/03/2023", dt.date(2023, 3, 16)),
        ("05/03/2023", dt.date(2023, 3, 5)),  # day/month: 5 March, not 3 May
        ("16 March 2023", dt.date(2023, 3, 16)),
        ("6 Sep 2022", dt.date(2022, 9, 6)),
        ("03/16/2023", None),  # month/day is not ACLED's order
        ("31/02/2023 00:00:00", None),
        ("16 Mars 2023", None),
        ("", None),
    ],
)
def test_parse_acled_date(text: str, expected: dt.date | None) -> None:
    assert parse_acled_date(text) == expected


@pytest.mark.parametrize(
    ("sub", "notes", "expected"),
    [
        ("Air/drone strike", "launched UAVs at Odesa", "drone"),
        ("Air/drone strike", "Su-34 aircraft dropped bombs", "air_strike"),
        ("Shelling/artillery/missile attack", "an Iskander-M hit Dnipro", "missile"),
        ("Shelling/artillery/missile attack", "MLRS fire on Nikopol", "artillery"),
        ("Armed clash", None, "ground_clash"),
        ("Peaceful protest", "", None),
    ],
)
def test_acled_strike_type(sub: str, notes: str | None, expected: str | None) -> None:
    assert acled_strike_type(sub, notes) == expected


def test_counts(batch) -> None:
    others = batch.extra_tables[OTHER_EVENTS_TABLE]
    assert batch.rows_read == 22
    assert batch.incidents.height == 13
    assert others.height == 7
    assert batch.rejected.height == 2
    assert batch.primary_tables == (OTHER_EVENTS_TABLE,)
    assert batch.incidents.height + others.height + batch.rejected.height == batch.rows_read


def test_strike_types(batch) -> None:
    assert {k: v["strike_type"] for k, v in _by_id(batch).items()} == INCIDENT_TYPES
    assert any("'Drone swarm' (1)" in w for w in batch.warnings)


def test_dates_all_three_styles(batch) -> None:
    rows = _by_id(batch)
    assert rows["UKR1001"]["occurred_on"] == dt.date(2023, 3, 16)  # ISO
    assert rows["UKR1002"]["occurred_on"] == dt.date(2023, 3, 16)  # 16/03/2023 00:00:00
    assert rows["UKR1003"]["occurred_on"] == dt.date(2023, 3, 16)  # 16 March 2023


def test_kyiv_city_vs_oblast(batch) -> None:
    rows = _by_id(batch)
    assert (rows["UKR1001"]["region_raw"], rows["UKR1001"]["oblast_code"]) == ("Kyiv City", "UA-30")
    assert (rows["UKR1007"]["region_raw"], rows["UKR1007"]["oblast_code"]) == ("Kyiv", "UA-32")
    assert (rows["UKR1012"]["region_raw"], rows["UKR1012"]["oblast_code"]) == ("Kyiv", "UA-32")
    assert rows["UKR1003"]["oblast_code"] == "UA-51"
    assert rows["UKR1001"]["settlement"] == "Kyiv"


def test_values(batch) -> None:
    rows = _by_id(batch)
    r = rows["UKR1001"]
    assert (r["killed"], r["injured"], r["civilian"]) == (2, None, True)
    assert rows["UKR1002"]["civilian"] is None  # empty civilian_targeting: not stated
    assert r["reported_at"] == dt.datetime(2023, 3, 20, 0, 0)  # 1679270400
    assert (r["latitude"], r["longitude"]) == (50.4501, 30.5234)
    assert r["incident_id"] == "acled:UKR1001"
    assert r["notes"].startswith("On 16 March 2023, Russian forces launched Shahed-136 drones")
    assert "source: Ukrainska Pravda (National)" in r["notes"]
    assert "ACLED Explosions/Remote violence / Air/drone strike" in r["notes"]
    assert batch.incidents["injured"].null_count() == batch.incidents.height


def test_other_events(batch) -> None:
    others = batch.extra_tables[OTHER_EVENTS_TABLE]
    assert set(others["row_key"]) == OTHER
    why = dict(zip(others["row_key"], others["kept_out_because"], strict=True))
    assert why["UKR1015"] == "not a strike: Protests / Peaceful protest"
    assert why["UKR1013"] == "not a strike: Violence against civilians / Sexual violence"
    assert why["UKR1020"] == "outside Ukraine: Russia"
    assert others.filter(pl.col("row_key") == "UKR1015")["oblast_code"][0] == "UA-46"


def test_quarantine_reasons(batch) -> None:
    reasons = dict(zip(batch.rejected["_row"], batch.rejected["reason"], strict=True))
    assert reasons[19] == "fatalities: could not parse three as a whole number of deaths"
    assert reasons[22].startswith("event_date: could not parse 31/02/2023 00:00:00 as a date")
    assert (
        json.loads(batch.rejected.filter(pl.col("_row") == 19)["raw"][0])["event_id_cnty"]
        == "UKR1018"
    )


def test_store_accounting_and_reingest(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("acled", EXPORT)
        assert (res.rows_read, res.rows_new, res.rows_quarantined) == (22, 13 + 7, 2)
        assert res.rows_read == res.accepted + res.rows_quarantined
        n = store.query("select count(*) as n from incidents where source = 'acled'")["n"][0]
        assert n == 13
        other = store.query(f"select count(*) as n from {OTHER_EVENTS_TABLE}_latest")["n"][0]
        assert other == 7
        again = store.ingest_file("acled", EXPORT)
        assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, 20)


def test_revised_other_event(tmp_path: Path) -> None:
    text = EXPORT.read_text(encoding="utf-8").replace("about 100 people", "about 300 people")
    newer = tmp_path / "acled_newer.csv"
    newer.write_text(text, encoding="utf-8")
    with Store(tmp_path / "x.duckdb") as store:
        store.ingest_file("acled", EXPORT)
        res = store.ingest_file("acled", newer)
        assert (res.rows_new, res.rows_revised) == (0, 1)
        notes = store.query(
            f"select notes from {OTHER_EVENTS_TABLE}_latest where event_id_cnty = 'UKR1015'"
        )["notes"][0]
        assert "about 300 people" in notes


def test_missing_required_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "event_id_cnty,event_date,event_type\nUKR1,2023-03-16,Battles\n", encoding="utf-8"
    )
    with pytest.raises(SourceFormatError) as err:
        AcledAdapter().read(bad)
    assert err.value.column == "sub_event_type"


@pytest.mark.parametrize("variant", ["semicolon", "upper_header", "bom_crlf"])
def test_other_spellings_of_the_export_read_the_same(tmp_path: Path, variant: str) -> None:
    """A spreadsheet round trip (``;`` delimiter, upper-case header, BOM + CRLF) must give the
    same incidents as the original export, not a crash or a misleading error."""
    import csv
    import io

    with EXPORT.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if variant == "upper_header":
        rows[0] = [h.upper() for h in rows[0]]
    buf = io.StringIO()
    csv.writer(
        buf,
        delimiter=";" if variant == "semicolon" else ",",
        lineterminator="\r\n" if variant == "bom_crlf" else "\n",
    ).writerows(rows)
    path = tmp_path / f"{variant}.csv"
    path.write_bytes((b"\xef\xbb\xbf" if variant == "bom_crlf" else b"") + buf.getvalue().encode())
    with Store() as ref, Store() as other:
        a = ref.ingest_file("acled", EXPORT)
        b = other.ingest_file("acled", path)
        assert (b.rows_read, b.accepted, b.rows_quarantined) == (22, 20, 2)
        assert (a.rows_read, a.accepted, a.rows_quarantined) == (22, 20, 2)
        assert other.checksum() == ref.checksum()


def test_newer_release_revises_incidents_and_adds_new_ones(tmp_path: Path) -> None:
    # Next export: UKR1001's fatalities 2 -> 3, one new strike event; everything else as before.
    import csv
    import io

    with EXPORT.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = list(rows[0])
    assert rows[0]["event_id_cnty"] == "UKR1001" and rows[0]["fatalities"] == "2"
    rows[0]["fatalities"] = "3"
    added = dict(rows[0], event_id_cnty="UKR9001", event_date="2023-03-20")
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows([*rows, added])
    newer = tmp_path / "acled_newer.csv"
    newer.write_text(buf.getvalue(), encoding="utf-8")
    with Store(tmp_path / "x.duckdb") as store:
        store.ingest_file("acled", EXPORT)
        res = store.ingest_file("acled", newer)
        assert (res.rows_read, res.rows_new, res.rows_revised, res.rows_unchanged) == (23, 1, 1, 19)
        history = store.query(
            "select revision, killed, injured from incident_revisions "
            "where incident_id = 'acled:UKR1001' order by revision"
        ).rows()
        assert history == [(1, 2, None), (2, 3, None)]  # injured stays NULL: ACLED has none
        assert store.query("select count(*) from incidents").item() == 14
