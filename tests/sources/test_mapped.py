"""Tests for the mapped-CSV adapter (a user's spreadsheet plus a TOML mapping)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.sources.base import SourceFormatError
from analytics.sources.mapped import MappedCsvAdapter, load_mapping, read_csv_text
from analytics.store import Store

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "mapped"
CSV = FIX / "volunteers.csv"
TOML = FIX / "volunteers.toml"
DOC = Path(__file__).resolve().parents[2] / "docs" / "mapped_csv.md"


@pytest.fixture(scope="module")
def batch():
    return MappedCsvAdapter(mapping=TOML).read(CSV)


def _by_id(batch) -> dict[str, dict]:
    return {r["source_event_id"]: r for r in batch.incidents.iter_rows(named=True)}


def test_counts(batch) -> None:
    # hand count: 8 rows; row 7 (№6) has killed 'x', row 8 (№7) has 32.03.2023.
    assert batch.rows_read == 8
    assert batch.incidents.height == 6
    assert sorted(batch.rejected["_row"].to_list()) == [7, 8]
    reasons = dict(zip(batch.rejected["_row"], batch.rejected["reason"], strict=True))
    assert reasons[7] == "killed: could not parse x as a whole number of people (0 or more)"
    assert reasons[8].startswith("occurred_on: could not parse 32.03.2023 as a date")


def test_values(batch) -> None:
    rows = _by_id(batch)
    r = rows["1"]
    assert r["source"] == "kharkiv-volunteers"
    assert r["occurred_on"] == dt.date(2023, 3, 16)
    assert r["occurred_at"] == dt.datetime(2023, 3, 16, 2, 30)  # 04:30 Kyiv (UTC+2) in UTC
    assert (r["killed"], r["injured"], r["civilian"]) == (2, 5, True)
    assert (r["latitude"], r["longitude"]) == (49.9935, 36.2304)  # decimal comma
    assert r["settlement"] == "Харків" and r["notes"] == "Удар по житловому будинку"
    assert rows["3"]["injured"] is None  # empty cell: not reported, never 0
    assert rows["4"]["civilian"] is False and rows["4"]["latitude"] is None
    assert rows["4"]["notes"] == "Обстріл ринку; дані ОВА"  # quoted delimiter kept


def test_strike_types_and_unmapped_warning(batch) -> None:
    got = {k: v["strike_type"] for k, v in _by_id(batch).items()}
    assert got == {
        "1": "missile",
        "2": "drone",
        "3": "missile",  # "Ракета " (case and space do not matter)
        "4": "artillery",
        "5": "unknown",  # мінометний обстріл: not in the mapping
        "8": "unknown",  # невідомо: not in the mapping
    }
    warning = next(
        w for w in batch.warnings if w.startswith("strike-type values not in the mapping")
    )
    assert "'мінометний обстріл' (1)" in warning and "'невідомо' (1)" in warning
    assert any("ignored columns not in the mapping: 'Примітка'" in w for w in batch.warnings)


def test_regions(batch) -> None:
    rows = _by_id(batch)
    assert rows["1"]["oblast_code"] == "UA-63"
    assert rows["2"]["oblast_code"] == "UA-30"  # bare "Київ" with bare_kyiv = "city"
    assert (rows["8"]["region_raw"], rows["8"]["oblast_code"]) == ("південь", None)


def test_store_roundtrip(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        res = store.ingest_file("mapped", CSV, mapping=TOML)
        assert (res.rows_read, res.rows_new, res.rows_quarantined) == (8, 6, 2)
        again = store.ingest_file("mapped", CSV, mapping=TOML)
        assert (again.rows_new, again.rows_revised) == (0, 0)
        ids = store.query("select incident_id from incidents order by 1")["incident_id"]
        assert ids[0] == "kharkiv-volunteers:1"


def _mapping(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "m.toml"
    p.write_text(body, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('source = "x"\n[columns]\n"a" = "date"\n', "columns.a"),
        ('source = "x"\n[columns]\n"a" = "killed"\n', "columns"),  # no occurred_on
        ('[columns]\n"a" = "occurred_on"\n', "source"),
        (
            'source = "x"\n[columns]\n"a" = "occurred_on"\n[strike_types]\n"b" = "bomb"\n',
            "strike_types.b",
        ),
        ('source = "x"\ndelimiter = ";;"\n[columns]\n"a" = "occurred_on"\n', "delimiter"),
        ('source = "x"\nsep = ";"\n[columns]\n"a" = "occurred_on"\n', "sep"),
    ],
)
def test_bad_mappings(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(SourceFormatError) as err:
        load_mapping(_mapping(tmp_path, body))
    assert err.value.column == key


def test_mapped_column_missing_from_file(tmp_path: Path) -> None:
    m = _mapping(tmp_path, 'source = "x"\n[columns]\n"Date" = "occurred_on"\n')
    f = tmp_path / "f.csv"
    f.write_text("When,killed\n2023-03-16,1\n", encoding="utf-8")
    with pytest.raises(SourceFormatError) as err:
        MappedCsvAdapter(mapping=m).read(f)
    assert (err.value.line, err.value.column) == (1, "Date")


def test_read_csv_text_blank_rows_and_rows() -> None:
    frame, blank = read_csv_text("a,b\n1,2\n,\n3,4\n", "t.csv")
    assert blank == 1 and frame["_row"].to_list() == [2, 4]


def test_doc_example_is_the_fixture_mapping() -> None:
    # the documented example must stay a working mapping
    if not DOC.is_file():
        pytest.fail(f"{DOC} is missing")
    assert TOML.read_text(encoding="utf-8").strip() in DOC.read_text(encoding="utf-8")


def test_newer_release_revises_and_adds(tmp_path: Path) -> None:
    # The next export of the same sheet: row 1's killed 2 -> 3 (an injured person died) and a
    # new row 9. Expect 1 revised, 1 new, the other 5 accepted rows unchanged, history of 2.
    lines = CSV.read_bytes().decode("cp1251").splitlines()
    first = lines[1].split(";")
    assert first[0] == "1" and first[6] == "2"
    first[6] = "3"
    lines[1] = ";".join(first)
    new_row = lines[2].split(";")
    new_row[0], new_row[1] = "9", "20.03.2023"
    newer = tmp_path / "volunteers_newer.csv"
    newer.write_bytes(("\n".join([*lines, ";".join(new_row)]) + "\n").encode("cp1251"))
    with Store(tmp_path / "x.duckdb") as store:
        store.ingest_file("mapped", CSV, mapping=TOML)
        res = store.ingest_file("mapped", newer, mapping=TOML)
        assert (res.rows_read, res.rows_new, res.rows_revised, res.rows_unchanged) == (9, 1, 1, 5)
        assert res.rows_quarantined == 2
        history = store.query(
            "select revision, killed from incident_revisions "
            "where incident_id = 'kharkiv-volunteers:1' order by revision"
        ).rows()
        assert history == [(1, 2), (2, 3)]
        assert store.query("select count(*) from incidents").item() == 7
