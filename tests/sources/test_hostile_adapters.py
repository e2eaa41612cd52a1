"""Every adapter against random and adversarial bytes (hypothesis), plus named hostile cases.

Property, for each adapter kind (csv, acled, ucdp, missiles, alerts, mapped): reading any
file either raises the package's documented :class:`SourceFormatError` (a one-line message)
or returns a batch where rows read = rows accepted + rows quarantined. Nothing else may
escape: no polars, DuckDB, csv or Unicode traceback. Each example runs under a hang guard
(hypothesis' per-example deadline, far above the normal milliseconds; it catches hangs, it
does not time anything).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analytics.schema import DATA_START, WAVE_COUNT_CEILING
from analytics.sources.alerts import FORMATS, AlertsAdapter
from analytics.sources.base import SourceBatch, SourceFormatError, get_adapter, listing
from analytics.sources.mapped import load_mapping
from analytics.sources.missiles import parse_count
from analytics.sources.ucdp import UcdpAdapter
from tests.strategies import cell

HANG_GUARD = dt.timedelta(seconds=60)
# found by walking up, so the file can move into a tests/ subfolder unchanged
FIX = next(p for p in Path(__file__).resolve().parents if p.name == "tests") / "fixtures"

MAPPING = """source = "prop"
[columns]
date = "occurred_on"
killed = "killed"
when = "occurred_at"
region = "region_raw"
"""

#: kind -> header of a file of that kind (the first line decides how a file is read).
HEADERS: dict[str, list[str]] = {
    "csv": ["source", "occurred_on", "occurred_at", "oblast_code", "killed", "injured",
            "latitude", "longitude", "civilian", "strike_type"],
    "acled": ["event_id_cnty", "event_date", "event_type", "sub_event_type", "admin1",
              "fatalities", "latitude", "longitude", "timestamp", "notes"],
    "ucdp": ["id", "date_start", "date_end", "best", "low", "high", "deaths_a", "deaths_b",
             "deaths_civilians", "deaths_unknown", "adm_1", "latitude", "longitude"],
    "missiles": (FIX / "missiles" / "waves.csv").read_text().splitlines()[0].split(","),
    "alerts": list(FORMATS["volunteer"]),
    "mapped": ["date", "killed", "when", "region"],
}  # fmt: skip


@st.composite
def csv_bytes(draw: st.DrawFn, kind: str) -> bytes:
    """A file with the kind's header and hostile rows, sometimes damaged at the byte level."""
    header = HEADERS[kind]
    extra = draw(st.sampled_from([None, None, "*", "_row", "^x$", "notes"]))
    header = header + [extra] if extra and extra not in header else header
    delimiter = ";" if kind == "mapped" else ","
    rows = draw(st.lists(st.lists(cell, min_size=len(header), max_size=len(header)), max_size=6))
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    damage = draw(st.sampled_from(["none", "none", "insert", "truncate", "ragged"]))
    if damage == "insert" and data:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif damage == "truncate" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif damage == "ragged":
        data += delimiter.join(draw(st.lists(st.sampled_from(["1", "x"]), max_size=3))).encode()
    return data


def _counted(batch: SourceBatch) -> int:
    tables = batch.counted_tables()
    return batch.incidents.height + sum(batch.extra_tables[t].height for t in tables)


def _read(kind: str, data: bytes, tmp: Path) -> SourceBatch | None:
    path = tmp / f"in.{kind}.csv"
    path.write_bytes(data)
    options = {}
    if kind == "mapped":
        toml = tmp / "m.toml"
        toml.write_text(MAPPING.replace('source = "prop"', 'source = "prop"\ndelimiter = ";"'))
        options["mapping"] = toml
    try:
        return get_adapter(kind, **options).read(path)
    except SourceFormatError as err:
        text = str(err)
        assert text and "\n" not in text.strip() and "Traceback" not in text
        return None


def _check(batch: SourceBatch | None) -> None:
    if batch is None:
        return
    other = batch.extra_tables.get("acled_other_events")
    others = 0 if other is None or "acled_other_events" in batch.counted_tables() else other.height
    assert batch.rows_read == _counted(batch) + others + batch.rejected.height
    assert batch.rejected["reason"].null_count() == 0
    for w in batch.warnings:
        assert len(w) < 2000  # warnings are capped, never a wall of names


@pytest.mark.parametrize("kind", list(HEADERS))
@settings(
    max_examples=60,
    deadline=HANG_GUARD,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_adversarial_rows_never_escape(kind: str, data: st.DataObject, tmp_path: Path) -> None:
    _check(_read(kind, data.draw(csv_bytes(kind)), tmp_path))


@pytest.mark.parametrize("kind", list(HEADERS))
@settings(
    max_examples=25,
    deadline=HANG_GUARD,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=st.binary(max_size=400))
@example(raw=b'"\n\x00')  # a quoted newline in the header line once escaped the sniffer
def test_random_bytes_never_escape(kind: str, raw: bytes, tmp_path: Path) -> None:
    _check(_read(kind, raw, tmp_path))


@settings(
    max_examples=15,
    deadline=HANG_GUARD,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_store_accounts_for_every_row_of_hostile_csv(data: st.DataObject, tmp_path: Path) -> None:
    """Through the store too: read = accepted + quarantined, or nothing written on refusal."""
    from analytics.store import Store

    raw = data.draw(csv_bytes("csv"))
    path = tmp_path / "s.csv"
    path.write_bytes(raw)
    with Store(tmp_path / f"s{abs(hash(raw))}.duckdb") as store:
        try:
            res = store.ingest_file("csv", path, source="prop")
        except SourceFormatError:
            assert store.query("select count(*) as n from incidents")["n"][0] == 0
            return
        assert res.rows_read == res.accepted + res.rows_quarantined
        n = store.query("select count(*) as n, max(killed) as k from incidents").row(0)
        assert n[0] <= res.accepted and (n[1] is None or n[1] <= 100_000)


# -- named hostile cases ---------------------------------------------------------------------


def test_json_nested_deeply_is_a_format_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SourceFormatError, match="deep.json"):
        UcdpAdapter().read(path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("timezone = 5", "column 'timezone': expected an IANA time zone name in quotes"),
        ('timezone = "Mars/Olympus"', "an IANA time zone such as"),
        ('decimal_comma = "yes"', "column 'decimal_comma': true or false (got 'yes')"),
        ("true_values = [1, 2]", "a list of strings"),
        ("encoding = 1251", "a text encoding name"),
    ],
)
def test_mapping_values_of_the_wrong_type_are_clear_errors(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "m.toml"
    path.write_text(line + "\n" + MAPPING)
    with pytest.raises(SourceFormatError) as info:
        load_mapping(path)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_mapping_with_offsets_in_the_data_converts_to_utc(tmp_path: Path) -> None:
    toml = tmp_path / "m.toml"
    toml.write_text(
        'timezone = "Europe/Kyiv"\ndate_formats = ["%Y-%m-%d", "%Y-%m-%dT%H:%M%z"]\n' + MAPPING
    )
    data = tmp_path / "d.csv"
    # 10:00 at +00:00 keeps its own offset (10:00 UTC); 10:00 without one is Kyiv time (EET,
    # UTC+2 in March): 08:00 UTC
    data.write_text(
        "date,killed,when,region\n2024-03-01,1,2024-03-01T10:00+0000,\n"
        "2024-03-01,1,2024-03-01T10:00+0200,\n"
    )
    batch = get_adapter("mapped", mapping=toml).read(data)
    assert batch.incidents["occurred_at"].dt.hour().to_list() == [10, 8]


def test_alerts_outside_the_time_range_are_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_text(
        "region,started_at,finished_at,naive\n"
        "Kharkivska oblast,2024-01-02 03:10:00+00:00,2024-01-02 04:00:00+00:00,False\n"
        "Kharkivska oblast,2099-01-02 03:10:00+00:00,2099-01-02 04:00:00+00:00,False\n"
        "Kharkivska oblast,1900-01-02 03:10:00+00:00,1900-01-02 04:00:00+00:00,False\n"
        "Kharkivska oblast,2024-01-02 03:10:00+00:00,2099-01-02 04:00:00+00:00,False\n"
        "Kharkivska oblast,2024-01-02T05:10:00+02:00,2024-01-02T06:00:00+0200,False\n"
    )
    batch = AlertsAdapter().read(path)
    alerts = batch.extra_tables["alerts"]
    assert batch.rejected["_row"].to_list() == [3, 4, 5]
    reasons = batch.rejected["reason"].to_list()
    assert f"outside the data's time range ({DATA_START} to tomorrow)" in reasons[0]
    assert "outside the data's time range" in reasons[1]
    assert "2099-01-02 04:00:00+00:00 is in the future" in reasons[2]
    # the last row is the first one written with +02:00 offsets: the same UTC times
    assert alerts["started_at"].to_list() == [dt.datetime(2024, 1, 2, 3, 10)] * 2
    assert alerts["finished_at"].to_list() == [dt.datetime(2024, 1, 2, 4, 0)] * 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9007199254740993", None), ("1e30", None), ("inf", None), (str(WAVE_COUNT_CEILING), 10_000),
     ("52.0", 52), ("NaN", "missing")],
)  # fmt: skip
def test_wave_counts_exact_or_refused(text: str, expected: int | str | None) -> None:
    if expected is None:
        with pytest.raises(ValueError, match=repr(text)):
            parse_count(text)
    elif expected == "missing":
        assert parse_count(text) is None  # the dataset's own marker for "not reported"
    else:
        assert parse_count(text) == expected


def test_listing_caps_long_lists() -> None:
    names = [f"c{i}" for i in range(100_000)]
    text = listing(names)
    assert text.endswith("'c9' and 99990 more") and len(text) < 200


def test_ucdp_offsets_and_future_dates_reach_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text(
        "id,date_start,best\n1,2024-05-01T00:00:00+00:00,3\n2,2099-01-01,3\n3,1900-01-01,1\n"
    )
    batch = UcdpAdapter().read(path)
    # the adapter reads the dates; the store's schema quarantines the future and the past
    assert batch.incidents.filter(pl.col("killed") == 3).height == 2
    from analytics.schema import conform, failure_rows

    fails = failure_rows(conform(batch.incidents.with_columns(incident_id=pl.lit("ucdp:x"))))
    assert sorted(fails["index"].to_list()) == [1, 2]


def test_ucdp_rows_without_id_twice_are_quarantined_not_a_crash(tmp_path: Path) -> None:
    # found by the property tests: two empty ids made the duplicate-id warning sort None
    path = tmp_path / "g.csv"
    path.write_text("id,date_start,best\n,2024-05-01,3\n,2024-05-02,4\n7,2024-05-03,1\n")
    batch = UcdpAdapter().read(path)
    assert batch.rejected["_row"].to_list() == [2, 3]
    assert all("id is empty" in r for r in batch.rejected["reason"])
    assert batch.incidents["killed"].to_list() == [1]


@pytest.mark.parametrize("name", ["*", "_row", "^a$"])
def test_header_names_polars_reads_as_patterns_are_plain_columns(tmp_path: Path, name: str) -> None:
    # found by the property tests: a column named "*" was a wildcard to pl.col, "_row" clashed
    # with the adapters' line numbers
    path = tmp_path / "c.csv"
    path.write_text(f"source,occurred_on,killed,{name}\nt,2024-03-01,2,x\n")
    batch = get_adapter("csv").read(path)
    assert batch.incidents["killed"].to_list() == [2]
    assert batch.warnings == [f"ignored columns not in the canonical schema: '{name} (column 4)'"]
