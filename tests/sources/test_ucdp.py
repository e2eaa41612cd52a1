"""Tests for the UCDP GED adapter: a hand-made 12-row CSV, an API JSON, and the real file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import polars as pl
import pytest

from analytics.sources.base import SourceFormatError
from analytics.sources.ucdp import UcdpAdapter, parse_ucdp_date, strike_type_from_text
from analytics.store import Store

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "ucdp"
SAMPLE = FIX / "ged_sample.csv"
PAGES = FIX / "ged_api_pages.json"
REAL = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "ucdp-ged" / "UCDP-Ukraine.csv"
)


@pytest.fixture(scope="module")
def batch():
    return UcdpAdapter().read(SAMPLE)


def _by_id(batch) -> dict[str, dict]:
    return {r["source_event_id"]: r for r in batch.incidents.iter_rows(named=True)}


# -- dates and words ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/30/2022 12:00:00 AM", dt.date(2022, 9, 30)),
        ("02/12/2023 00:00", dt.date(2023, 2, 12)),  # month/day/year, not 2 December
        ("1/2/2014 12:00:00 AM", dt.date(2014, 1, 2)),
        ("2022-09-30", dt.date(2022, 9, 30)),
        ("2022-09-30 00:00:00.000", dt.date(2022, 9, 30)),
        ("2023-02-13T00:00:00", dt.date(2023, 2, 13)),
        (" 10/10/2022 12:00:00 AM ", dt.date(2022, 10, 10)),
        ("13/30/2022 12:00:00 AM", None),  # month 13
        ("2/30/2022", None),  # no 30 February
        ("30.09.2022", None),
        ("9/30/22", None),  # two-digit years are not guessed
        ("9/30/2022 25:00", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_ucdp_date(text: str | None, expected: dt.date | None) -> None:
    assert parse_ucdp_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Drone attack on Kharkiv kills one", "drone"),
        ("Russian UAVs hit Odesa", "drone"),
        ("Missile strike hits convoy", "missile"),
        ("Two killed as shells land in Donetsk", "artillery"),
        ("Mortar fire near Avdiivka", "artillery"),
        ("Air strike on Mykolaiv suburbs", "air_strike"),
        ("Missiles and shelling across the south", "unknown"),  # two kinds: not one strike type
        ("Rocket attack on Kramatorsk", "unknown"),  # 'rocket' is ambiguous on purpose
        ("Fighting near Lyman", "unknown"),
        ("Unshelled peanuts", "unknown"),  # whole words only
        (None, "unknown"),
    ],
)
def test_strike_type_from_text(text: str | None, expected: str) -> None:
    assert strike_type_from_text(text) == expected


# -- the 12-row fixture ------------------------------------------------------------------------
def test_fixture_counts(batch) -> None:
    # hand count: 12 events; 900007 has month 13 (unreadable date: quarantined); 900006 has
    # low 5 > best 3 and 900012 has a+b+civilians+unknown = 4 but best 6: both accepted with
    # their best estimate and a quality flag (issue 9: interpret, flag, don't drop).
    assert batch.rows_read == 12
    assert batch.incidents.height == 11
    assert batch.rejected["_row"].to_list() == [8]
    assert batch.incidents.height + batch.rejected.height == batch.rows_read


def test_fixture_quarantine_reasons(batch) -> None:
    reasons = dict(zip(batch.rejected["_row"], batch.rejected["reason"], strict=True))
    assert reasons[8].startswith("date_start: could not parse 13/30/2022 12:00:00 AM as a date")
    assert "date_end" in reasons[8]  # both dates are broken on that row, both are named
    raw = json.loads(batch.rejected["raw"][0])
    assert raw["id"] == "900007"  # the row as read, for a person to fix


def test_fixture_inconsistent_secondary_values_are_flagged_not_dropped(batch) -> None:
    rows = _by_id(batch)
    low = rows["900006"]  # low 5 > best 3, high 6: low set aside, best and high kept
    assert (low["killed"], low["killed_low"], low["killed_high"]) == (3, None, 6)
    assert low["quality_flag"] == "UCDP secondary values set to NULL: low 5 > best 3 (best kept)"
    assert "as given: low=5" in low["notes"]
    parts = rows["900012"]  # breakdown 1+1+1+1 = 4 but best 6: breakdown set aside
    assert (parts["killed"], parts["killed_low"], parts["killed_high"]) == (6, 6, 6)
    assert parts["civilian"] is None  # derived from deaths_civilians, which was set aside
    assert "deaths breakdown a+b+civilians+unknown = 4 but best = 6" in parts["quality_flag"]
    assert (
        "as given: deaths_a=1, deaths_b=1, deaths_civilians=1, deaths_unknown=1" in (parts["notes"])
    )
    clean = [r for i, r in rows.items() if i not in {"900006", "900012"}]
    assert all(r["quality_flag"] is None for r in clean)
    assert any(w.startswith("2 event(s) accepted with their best estimate") for w in batch.warnings)


def test_secondary_values_unreadable_or_absurd_are_flagged(tmp_path: Path) -> None:
    header, *lines = SAMPLE.read_text(encoding="utf-8", errors="replace").splitlines()
    cols = next(csv.reader([header]))
    row = next(csv.DictReader(io.StringIO(header + "\n" + lines[0])))
    row = dict(row, high="1e30", low="abc")  # best stays sound
    out = tmp_path / "g.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerow(row)
    got = UcdpAdapter().read(out)
    inc = got.incidents.row(0, named=True)
    assert (inc["killed"], inc["killed_low"], inc["killed_high"]) == (int(row["best"]), None, None)
    assert "low abc is not a whole number" in inc["quality_flag"]
    assert "high 1e30 is not a whole number" in inc["quality_flag"]
    assert got.rejected.height == 0


def test_fixture_invalid_utf8_is_counted_not_fatal(batch) -> None:
    # one bad byte (0x92) in 900004's headline, which the file holds twice (source_headline
    # and inside source_article)
    assert any(w.startswith("2 byte sequence(s) were not valid UTF-8") for w in batch.warnings)
    notes = _by_id(batch)["900004"]["notes"]
    assert "Ukraine\ufffds south" in notes


def test_fixture_dates(batch) -> None:
    rows = _by_id(batch)
    assert rows["900001"]["occurred_on"] == dt.date(2022, 9, 30)  # 9/30/2022 12:00:00 AM
    assert rows["900002"]["occurred_on"] == dt.date(2023, 2, 12)  # 02/12/2023 00:00
    assert rows["900011"]["occurred_on"] == dt.date(2022, 3, 5)  # 03/05/2022 00:00
    assert rows["900003"]["occurred_on"] == dt.date(2022, 9, 30)  # ISO
    assert rows["900004"]["occurred_on"] == dt.date(2022, 10, 1)  # ISO with .000
    assert "dates 2022-10-01 to 2022-10-03 (date_prec 2)" in rows["900004"]["notes"]
    assert "dates 2022-09-15 to 2022-09-21 (date_prec 3)" in rows["900008"]["notes"]
    assert "dates " not in rows["900001"]["notes"]  # one exact day: nothing to note


def test_fixture_counts_and_civilians(batch) -> None:
    rows = _by_id(batch)
    # nine consistent rows plus the best of the two flagged rows (900006: 3, 900012: 6)
    assert sum(r["killed"] for r in rows.values()) == 25 + 3 + 1 + 4 + 5 + 2 + 2 + 10 + 1 + 3 + 6
    assert (
        rows["900002"]["killed"],
        rows["900002"]["killed_low"],
        rows["900002"]["killed_high"],
    ) == (3, 2, 5)
    assert rows["900001"]["civilian"] is True and rows["900002"]["civilian"] is False
    assert "injured" not in batch.incidents.columns  # UCDP does not report injuries: NULL
    assert rows["900001"]["notes"].startswith("UCDP deaths: a=0, b=0, civilians=25, unknown=0")
    assert (
        'source_headline: "Missile strike hits civilian convoy in Zaporizhzhia"'
        in rows["900001"]["notes"]
    )
    assert 'source_original: "Regional governor"' in rows["900001"]["notes"]
    assert "type_of_violence 3 (one-sided)" in rows["900005"]["notes"]


def test_fixture_strike_types(batch) -> None:
    got = {k: v["strike_type"] for k, v in _by_id(batch).items()}
    assert got == {
        "900001": "missile",
        "900002": "artillery",
        "900003": "drone",
        "900004": "unknown",  # missiles and shelling: two kinds
        "900005": "missile",
        "900008": "unknown",
        "900009": "air_strike",
        "900010": "unknown",
        "900011": "unknown",
        "900006": "unknown",  # "Fighting near Lyman" names no weapon
        "900012": "unknown",  # "Clashes near Huliaipole" names no weapon
    }


def test_fixture_places(batch) -> None:
    rows = _by_id(batch)
    got = {k: (v["region_raw"], v["oblast_code"]) for k, v in rows.items()}
    assert got["900001"] == ("Zaporizhzhya oblast", "UA-23")
    assert got["900002"] == ("Donetsk oblast", "UA-14")
    assert got["900003"] == ("Kharkiv Oblast", "UA-63")
    assert got["900005"] == ("Kiev Special Republican city", "UA-30")
    assert got["900009"] == ("Mykolayiv oblast", "UA-48")
    assert got["900011"] == ("Odessa oblast", "UA-51")
    assert got["900008"] == (None, None)  # no adm_1: left NULL, never guessed
    assert rows["900001"]["settlement"] == "Zaporizhzhia town"
    assert rows["900009"]["settlement"] is None  # where_prec 4: the place is an oblast
    assert "place: Donets Basin Area (where_prec 5)" in rows["900008"]["notes"]
    assert (rows["900001"]["latitude"], rows["900001"]["longitude"]) == (47.8388, 35.1396)
    assert rows["900001"]["incident_id"] == "ucdp:900001"


def test_fixture_store_roundtrip(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        first = store.ingest_file("ucdp", SAMPLE)
        assert (first.rows_read, first.rows_new, first.rows_quarantined) == (12, 11, 1)
        q = store.query("select row_number, reason from quarantine order by row_number")
        assert q["row_number"].to_list() == [8]
        again = store.ingest_file("ucdp", SAMPLE)
        assert (again.rows_new, again.rows_revised, again.rows_unchanged) == (0, 0, 11)
        # the 9 consistent rows hold 53 deaths; the two flagged rows add their best, 3 and 6
        assert store.query("select sum(killed) as k from incidents")["k"][0] == 53 + 3 + 6


# -- API JSON ----------------------------------------------------------------------------------
def test_json_pages() -> None:
    b = UcdpAdapter().read(PAGES)
    assert b.rows_read == 3 and b.rejected.height == 0
    assert b.incidents["incident_id"].to_list() == ["ucdp:910001", "ucdp:910002", "ucdp:910003"]
    assert b.incidents["_row"].to_list() == [1, 2, 3]
    assert b.incidents["occurred_on"].to_list() == [
        dt.date(2023, 2, 12),
        dt.date(2023, 2, 13),
        dt.date(2023, 2, 12),
    ]
    assert b.incidents["killed"].to_list() == [25, 1, 10]
    assert b.incidents["oblast_code"].to_list() == ["UA-23", "UA-63", "UA-09"]
    assert b.warnings == []


def test_json_plain_list_and_incomplete_pages(tmp_path: Path) -> None:
    pages = json.loads(PAGES.read_text(encoding="utf-8"))
    plain = tmp_path / "events.json"
    plain.write_text(json.dumps(pages[0]["Result"] + pages[1]["Result"]), encoding="utf-8")
    b = UcdpAdapter().read(plain)
    assert b.incidents["source_event_id"].to_list() == ["910001", "910002", "910003"]
    first_only = tmp_path / "page0.json"
    first_only.write_text(json.dumps(pages[0]), encoding="utf-8")
    b = UcdpAdapter().read(first_only)
    assert b.rows_read == 2
    assert any("TotalCount 3 but the file holds 2" in w for w in b.warnings)
    assert any("ends before the last API page" in w for w in b.warnings)


# -- malformed files ---------------------------------------------------------------------------
def test_ragged_csv_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date_start,best\n1,2022-09-30,1\n2,2022-09-30,1,extra\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        UcdpAdapter().read(bad)
    assert err.value.line == 3


def test_missing_column_is_a_format_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,date_start\n1,2022-09-30\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        UcdpAdapter().read(bad)
    assert err.value.column == "best"


def test_not_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"Result": [', encoding="utf-8")
    with pytest.raises(SourceFormatError):
        UcdpAdapter().read(bad)


# -- real data ---------------------------------------------------------------------------------
def _real_rows() -> list[dict[str, str]]:
    if not REAL.is_file():
        pytest.skip(f"UCDP real data not found at {REAL}")
    text = REAL.read_bytes().decode("utf-8", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def _independently_bad(row: dict[str, str]) -> bool:
    """Independent check: counts out of order, breakdown not summing, or an unreadable date."""
    n = {
        k: int(row[k])
        for k in (
            "best",
            "low",
            "high",
            "deaths_a",
            "deaths_b",
            "deaths_civilians",
            "deaths_unknown",
        )
    }
    if not n["low"] <= n["best"] <= n["high"]:
        return True
    if n["deaths_a"] + n["deaths_b"] + n["deaths_civilians"] + n["deaths_unknown"] != n["best"]:
        return True
    for fmt in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d"):
        try:
            dt.datetime.strptime(row["date_start"], fmt)
            return False
        except ValueError:
            continue
    return True


def _readable_date(text: str) -> bool:
    for fmt in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M", "%Y-%m-%d"):
        try:
            dt.datetime.strptime(text, fmt)
            return True
        except ValueError:
            continue
    return False


@pytest.mark.realdata
def test_real_file(tmp_path: Path) -> None:
    rows = _real_rows()
    unreadable = {
        r["id"] for r in rows if not (r["best"].isdigit() and _readable_date(r["date_start"]))
    }
    inconsistent = {r["id"] for r in rows if r["id"] not in unreadable and _independently_bad(r)}
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("ucdp", REAL)
        assert res.rows_read == len(rows)
        assert res.rows_read == res.accepted + res.rows_quarantined
        q = store.query("select raw, reason from quarantine")
        q_ids = {json.loads(raw)["id"] for raw in q["raw"]}
        assert q_ids == unreadable
        # issue 9: rows whose estimates disagree are accepted with their best estimate
        expected_best = sum(int(r["best"]) for r in rows if r["id"] not in unreadable)
        assert store.query("select sum(killed) as k from incidents")["k"][0] == expected_best
        flagged = UcdpAdapter().read(REAL).incidents.filter(pl.col("quality_flag").is_not_null())
        assert set(flagged["source_event_id"]) == inconsistent
        shares = store.query(
            """select avg(case when oblast_code is null then 1.0 else 0 end) as all_rows,
                      avg(case when oblast_code is null then 1.0 else 0 end)
                          filter (region_raw is not null) as with_region,
                      count(*) filter (region_raw is null) as no_region
               from incidents"""
        ).row(0, named=True)
        print(
            f"\nUCDP real: read {res.rows_read}, accepted {res.accepted}, quarantined"
            f" {res.rows_quarantined}; no oblast {shares['all_rows']:.2%} of rows"
            f" ({shares['no_region']} without adm_1), unresolved adm_1 {shares['with_region']:.2%}"
        )
        assert shares["with_region"] < 0.05
        no_adm1 = sum(1 for r in rows if not r["adm_1"].strip() and r["id"] not in q_ids)
        assert shares["no_region"] == no_adm1
        again = store.ingest_file("ucdp", REAL)
        assert (again.rows_new, again.rows_revised) == (0, 0)


@pytest.mark.realdata
def test_real_newer_release(tmp_path: Path) -> None:
    rows = _real_rows()
    good = [r for r in rows if not _independently_bad(r)]
    changed = {good[10]["id"], good[500]["id"], good[2000]["id"]}
    newer = []
    for r in rows:
        r = dict(r)
        if r["id"] in changed:  # a revised estimate, kept consistent with UCDP's definitions
            r["best"] = str(int(r["best"]) + 2)
            r["deaths_unknown"] = str(int(r["deaths_unknown"]) + 2)
            r["high"] = str(max(int(r["high"]), int(r["best"])))
        newer.append(r)
    for i, r in enumerate(good[:2]):
        newer.append(dict(r, id=str(9_900_000 + i)))
    out = tmp_path / "UCDP-newer.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(newer)
    with Store(tmp_path / "x.duckdb") as store:
        base = store.ingest_file("ucdp", REAL)
        res = store.ingest_file("ucdp", out)
        assert (res.rows_new, res.rows_revised) == (2, 3)
        assert res.rows_unchanged == base.accepted - 3
        assert res.rows_quarantined == base.rows_quarantined
        revised = store.query("select incident_id from incidents where revision = 2 order by 1")
        assert set(revised["incident_id"]) == {f"ucdp:{i}" for i in changed}


@pytest.mark.parametrize("variant", ["semicolon", "upper_header", "bom_crlf", "extra_column"])
def test_other_spellings_of_the_csv_read_the_same(tmp_path: Path, variant: str) -> None:
    """Another release or a spreadsheet round trip (``;``, upper-case header, BOM + CRLF, a new
    column) must give the same incidents as the original file."""
    import csv
    import io

    with SAMPLE.open(newline="", encoding="utf-8", errors="replace") as fh:
        rows = list(csv.reader(fh))
    if variant == "upper_header":
        rows[0] = [h.upper() for h in rows[0]]
    if variant == "extra_column":
        rows = [rows[0] + ["new_in_next_release"]] + [r + ["x"] for r in rows[1:]]
    buf = io.StringIO()
    csv.writer(
        buf,
        delimiter=";" if variant == "semicolon" else ",",
        lineterminator="\r\n" if variant == "bom_crlf" else "\n",
    ).writerows(rows)
    path = tmp_path / f"{variant}.csv"
    path.write_bytes((b"\xef\xbb\xbf" if variant == "bom_crlf" else b"") + buf.getvalue().encode())
    with Store() as ref, Store() as other:
        a = ref.ingest_file("ucdp", SAMPLE)
        b = other.ingest_file("ucdp", path)
        assert (b.rows_read, b.accepted, b.rows_quarantined) == (
            a.rows_read,
            a.accepted,
            a.rows_quarantined,
        )
        assert b.rows_read == len(rows) - 1
        assert other.checksum() == ref.checksum()


@pytest.mark.realdata
def test_real_total_killed_is_every_readable_best(shared_data: Path) -> None:
    """Issue 9: after the adapter, total killed = the sum of every readable best estimate.

    Computed independently with polars from the raw file: a best estimate is readable when
    it is a whole number and its event has an id and a date_start in one of the file's two
    spreadsheet forms (month/day/year).
    """
    path = shared_data / "ucdp-ged" / "UCDP-Ukraine.csv"
    raw = pl.read_csv(path, infer_schema=False, encoding="utf8-lossy")
    start = pl.col("date_start").str.strip_chars()
    date = pl.coalesce(
        start.str.to_datetime(f, strict=False) for f in ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %H:%M")
    )
    readable = raw.filter(
        pl.col("best").str.contains(r"^\s*\d+\s*$"),
        date.is_not_null(),
        pl.col("id").str.strip_chars() != "",
    )
    expected = readable["best"].str.strip_chars().cast(pl.Int64).sum()
    batch = UcdpAdapter().read(path)
    assert batch.incidents["killed"].sum() == expected
    assert batch.incidents.height == readable.height
    assert batch.rows_read == raw.height == batch.incidents.height + batch.rejected.height
    # the rows whose secondary values disagree are among them, flagged, with their best
    flagged = batch.incidents.filter(pl.col("quality_flag").is_not_null())
    lo, b, hi = (raw[c].cast(pl.Int64) for c in ("low", "best", "high"))
    parts = sum(raw[c].cast(pl.Int64) for c in ("deaths_a", "deaths_b", "deaths_civilians",
                                                "deaths_unknown"))  # fmt: skip
    disagree = raw.filter((lo > b) | (b > hi) | (parts != b))
    assert set(flagged["source_event_id"]) == set(disagree["id"])
    assert flagged["killed"].sum() == disagree["best"].cast(pl.Int64).sum()
