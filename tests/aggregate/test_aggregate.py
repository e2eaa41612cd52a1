"""Aggregates: hand-counted figures, complete panels, NULL-vs-zero casualties, SQL parity."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from analytics import aggregate as ag
from analytics.schema import INCIDENT_COLUMNS
from analytics.store.coverage import day_coverage
from tests.strategies import dated_oblast_counts

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


def _incidents(
    rows: list[tuple[str, dt.date, str | None, str, int | None, int | None]],
) -> pl.DataFrame:
    names = ["incident_id", "occurred_on", "oblast_code", "strike_type", "killed", "injured"]
    frame = pl.DataFrame(
        rows, schema={n: INCIDENT_COLUMNS[n] for n in names}, orient="row"
    ).with_columns(source=pl.lit("test"))
    missing = {
        c: pl.lit(None, dtype=t) for c, t in INCIDENT_COLUMNS.items() if c not in frame.columns
    }
    return frame.with_columns(**missing).select(list(INCIDENT_COLUMNS))


# 2024-03-04 is a Monday; 2024-03-09 a Saturday; 2024-03-15 a Friday.
ROWS = [
    ("t:1", D(2024, 3, 4), "UA-63", "missile", 2, None),
    ("t:2", D(2024, 3, 8), "UA-63", "drone", None, None),
    ("t:3", D(2024, 3, 9), "UA-63", "drone", 0, 3),
    ("t:4", D(2024, 3, 9), "UA-14", "artillery", None, 1),
    ("t:5", D(2024, 3, 15), None, "missile", 1, None),
    ("t:6", D(2024, 4, 1), "UA-14", "artillery", None, None),
]


@pytest.fixture
def incidents() -> pl.DataFrame:
    return _incidents(ROWS)


def test_period_start_each_frequency() -> None:
    frame = pl.DataFrame({"d": [D(2024, 3, 9), D(2024, 3, 10), D(2024, 3, 11)]})  # Sat, Sun, Mon
    got = {f: frame.select(ag.period_start("d", f))["d"].to_list() for f in ag.FREQS}
    assert got["week"] == [D(2024, 3, 4), D(2024, 3, 4), D(2024, 3, 11)]
    assert got["acled_week"] == [D(2024, 3, 9), D(2024, 3, 9), D(2024, 3, 9)]
    assert got["month"] == [D(2024, 3, 1)] * 3
    assert ag.period_end(D(2024, 2, 1), "month") == D(2024, 2, 29)
    with pytest.raises(ValueError, match="freq"):
        ag.period_start("d", "year")  # type: ignore[arg-type]


def test_count_by_week_keeps_null_apart_from_zero(incidents: pl.DataFrame) -> None:
    got = ag.count_by(incidents, freq="week")
    row = got.filter((pl.col("period") == D(2024, 3, 4)) & (pl.col("oblast_code") == "UA-63"))
    # t:1 and t:2 in week of Mar 4 (t:3 is Saturday of the same ISO week)
    assert row.select("incidents", "killed", "injured", "killed_reported", "injured_reported").row(
        0
    ) == (3, 2, 3, 2, 1)
    assert row["killed_reported_share"][0] == pytest.approx(2 / 3)
    only_unreported = got.filter(pl.col("period") == D(2024, 4, 1))
    assert only_unreported["killed"][0] is None  # reported by nobody: NULL, not 0
    assert only_unreported["killed_reported"][0] == 0
    assert got["incidents"].sum() == len(ROWS)
    assert got.filter(pl.col("oblast_code").is_null())["incidents"].to_list() == [1]


def test_count_by_acled_week_and_strike_type(incidents: pl.DataFrame) -> None:
    got = ag.count_by(incidents, freq="acled_week", by=("strike_type",))
    sat = got.filter(pl.col("period") == D(2024, 3, 9)).sort("strike_type")
    # Saturday 9 .. Friday 15: t:3 drone, t:4 artillery, t:5 missile
    assert sat.select("strike_type", "incidents").rows() == [
        ("artillery", 1), ("drone", 1), ("missile", 1),
    ]  # fmt: skip


def test_complete_panel_fills_counts_not_casualties(incidents: pl.DataFrame) -> None:
    pop = pl.DataFrame(
        {"oblast_code": ["UA-14", "UA-63", "UA-05"], "population_2022": [4e6, 2e6, 1e6]}
    )
    panel = ag.incident_panel(incidents, pop, freq="week")
    weeks = ag.period_range(D(2024, 3, 4), D(2024, 4, 1), "week")
    assert panel.height == 3 * len(weeks) == 15
    # UA-05: the source never names it, so nothing covers it: unknown, not zero
    unseen = panel.filter(pl.col("oblast_code") == "UA-05")
    assert unseen["incidents"].null_count() == 5
    assert unseen["covered"].to_list() == [False] * 5
    # UA-14 in the quiet weeks of Mar 11..25 (3 empty weeks: no gap) is a covered zero
    quiet = panel.filter(
        (pl.col("oblast_code") == "UA-14")
        & pl.col("period").is_between(D(2024, 3, 11), D(2024, 3, 25))
    )
    assert quiet["incidents"].to_list() == [0] * 3
    assert quiet["killed"].null_count() == 3  # nothing reported: unknown, not zero
    assert quiet["covered"].to_list() == [True] * 3
    kh = panel.filter((pl.col("oblast_code") == "UA-63") & (pl.col("period") == D(2024, 3, 4)))
    assert kh["incidents_per_100k"][0] == pytest.approx(3 / 2e6 * 1e5)
    assert panel["incidents"].sum() == len(ROWS) - 1  # the NULL-oblast incident is not in a panel
    nat = ag.national_series(
        ag.count_by(incidents, freq="week"), value_cols=["incidents", "killed"]
    )
    assert nat["incidents"].sum() == len(ROWS)
    assert nat.filter(pl.col("period") == D(2024, 4, 1))["killed"][0] is None


def test_rolling_and_weapon_mix(incidents: pl.DataFrame) -> None:
    frame = pl.DataFrame(
        {"period": ag.period_range(D(2024, 1, 1), D(2024, 1, 4), "day"), "oblast_code": "UA-05",
         "incidents": [1, 2, 3, 6]}
    )  # fmt: skip
    got = ag.rolling(frame, value_cols=["incidents"], window=3)
    assert got["incidents_roll3"].to_list() == [None, None, 2.0, pytest.approx(11 / 3)]
    summed = ag.rolling(frame, value_cols=["incidents"], window=2, how="sum")
    assert summed["incidents_roll2"].to_list() == [None, 3.0, 5.0, 9.0]
    mix = ag.weapon_mix(incidents, freq="month")
    march = mix.filter(pl.col("period") == D(2024, 3, 1))
    assert march["share"].sum() == pytest.approx(1.0)
    assert dict(march.select("strike_type", "incidents").rows()) == {
        "artillery": 1, "drone": 2, "missile": 2,
    }  # fmt: skip


def test_flag_incomplete_current_period() -> None:
    frame = pl.DataFrame({"period": [D(2024, 3, 4), D(2024, 3, 11)]})
    got = ag.flag_incomplete(frame, freq="week", through=D(2024, 3, 13))
    assert got["complete"].to_list() == [True, False]
    months = ag.flag_incomplete(pl.DataFrame({"period": [D(2024, 2, 1)]}), freq="month",
                                through=D(2024, 2, 29))  # fmt: skip
    assert months["complete"].to_list() == [True]


def test_alert_panel_and_attack_series() -> None:
    daily = pl.DataFrame(
        {
            "period": [D(2023, 1, 2), D(2023, 1, 3), D(2023, 1, 10)],
            "oblast_code": ["UA-05", "UA-05", "UA-63"],
            "alerts": [2, 1, 4],
            "alert_minutes": [90.0, 30.0, 240.0],
        }
    )
    panel = ag.alert_panel(daily, ["UA-05", "UA-63", "UA-07"], freq="week")
    assert panel.height == 6
    assert panel.filter(pl.col("oblast_code") == "UA-05")["alerts"].to_list() == [3, 0]
    assert panel.filter(pl.col("oblast_code") == "UA-05")["alert_hours"].to_list() == [2.0, 0.0]
    assert panel.filter(pl.col("oblast_code") == "UA-07")["alert_minutes"].to_list() == [0.0, 0.0]
    weekly = pl.DataFrame(
        {
            "week": [D(2023, 1, 2), D(2023, 1, 2), D(2023, 1, 16)],
            "weapon_class": ["drone", "missile", "drone"],
            "waves": [1, 2, 1],
            "launched": [10, 5, 20],
            "destroyed": [8, 5, 10],
        }
    )
    got = ag.attack_series(weekly)
    assert got["period"].to_list() == [D(2023, 1, 2), D(2023, 1, 9), D(2023, 1, 16)]
    assert got["launched"].to_list() == [15, 0, 20]
    assert got["interception_rate"].to_list() == [pytest.approx(13 / 15), None, 0.5]
    by_class = ag.attack_series(weekly, freq="month", by=("weapon_class",))
    assert by_class.select("weapon_class", "waves").rows() == [("drone", 2), ("missile", 2)]


@given(dated_oblast_counts, st.sampled_from(ag.FREQS))
@settings(max_examples=40, deadline=None)
def test_aggregation_preserves_totals(
    rows: list[tuple[int, str | None, int | None]], freq: str
) -> None:
    frame = _incidents(
        [(f"t:{i}", D(2024, 1, 1) + dt.timedelta(days=d), o, "drone", k, None)
         for i, (d, o, k) in enumerate(rows)]
    )  # fmt: skip
    got = ag.count_by(frame, freq=freq)  # type: ignore[arg-type]
    assert got["incidents"].sum() == len(rows)
    reported = [k for _, _, k in rows if k is not None]
    assert got["killed_reported"].sum() == len(reported)
    assert (got["killed"].sum() if reported else None) == (sum(reported) if reported else None)


# -- parity with the SQL views ---------------------------------------------------------------
@pytest.fixture
def con(incidents: pl.DataFrame) -> Iterator[duckdb.DuckDBPyConnection]:
    """A bare database with our SQL files only, the gazetteer, and incident revisions
    (t:2 has an older revision with other values that the views must ignore)."""
    c = duckdb.connect()
    for name in ("schema.sql", "views.sql", "coverage.sql", "aggregates.sql"):
        c.execute((ROOT / "sql" / name).read_text(encoding="utf-8"))
    obl = pl.read_csv(ROOT / "analytics" / "reference" / "data" / "oblasts.csv", infer_schema_length=0).with_columns(
        pl.col("population_2022").cast(pl.Int64), pl.col("tile_row", "tile_col").cast(pl.Int32),
        name=pl.col("name_en"),
    )  # fmt: skip
    c.register("_o", obl.to_arrow())
    c.execute("insert into oblasts by name select * from _o")
    old = incidents.filter(pl.col("incident_id") == "t:2").with_columns(
        killed=pl.lit(50, dtype=pl.Int64), oblast_code=pl.lit("UA-05"), revision=pl.lit(1)
    )
    new = incidents.with_columns(
        revision=pl.when(pl.col("incident_id") == "t:2").then(2).otherwise(1)
    )
    revs = pl.concat([old, new]).with_columns(
        ingest_id=pl.lit(1), source_row=pl.int_range(pl.len()),
        recorded_at=pl.lit(dt.datetime(2024, 5, 1)),
    )  # fmt: skip
    c.register("_r", revs.to_arrow())
    c.execute("insert into incident_revisions by name select * from _r")
    yield c
    c.close()


def _sql(con: duckdb.DuckDBPyConnection, view: str, order: str) -> pl.DataFrame:
    return con.sql(f"select * from {view} order by {order}").pl()


@pytest.mark.parametrize(
    ("view", "freq"),
    [("daily_oblast", "day"), ("weekly_oblast", "week"), ("monthly_oblast", "month"),
     ("acled_weekly_oblast", "acled_week")],
)  # fmt: skip
def test_count_by_equals_sql_view(
    con: duckdb.DuckDBPyConnection, incidents: pl.DataFrame, view: str, freq: str
) -> None:
    expected = _sql(con, view, "period, oblast_code nulls last")
    codes = con.sql("select code from oblasts").pl()["code"]
    cover = day_coverage(incidents, codes) if "covered" in expected.columns else None
    got = ag.count_by(incidents, freq=freq, coverage=cover)  # type: ignore[arg-type]
    got = got.select(expected.columns)
    assert_frame_equal(got, expected, check_dtypes=False)


def test_weapon_mix_equals_sql_view(
    con: duckdb.DuckDBPyConnection, incidents: pl.DataFrame
) -> None:
    expected = _sql(con, "weekly_strike_type", "period, strike_type")
    got = ag.weapon_mix(incidents, freq="week").select(expected.columns)
    assert_frame_equal(got, expected, check_dtypes=False)


def test_panel_equals_sql_view(con: duckdb.DuckDBPyConnection, incidents: pl.DataFrame) -> None:
    expected = _sql(con, "weekly_oblast_panel", "period, oblast_code")
    oblasts = con.sql("select code, population_2022 from oblasts").pl()
    got = ag.incident_panel(incidents, oblasts, freq="week").select(expected.columns)
    assert expected.height == 27 * 5
    assert_frame_equal(got, expected, check_dtypes=False)


def test_national_equals_sql_view(con: duckdb.DuckDBPyConnection, incidents: pl.DataFrame) -> None:
    expected = _sql(con, "weekly_national", "period")
    got = ag.national_series(
        ag.count_by(incidents, freq="week"),
        value_cols=["incidents", "killed", "injured", "killed_low", "killed_high"],
    ).select(expected.columns)
    assert_frame_equal(got, expected, check_dtypes=False)


def test_aggregates_sql_runs_in_duckdb_cli(tmp_path: Path) -> None:
    cli = ROOT / ".venv" / "bin" / "duckdb"
    if not cli.exists():
        pytest.skip("duckdb CLI not installed")
    import subprocess

    db = tmp_path / "x.duckdb"
    for name in ("schema.sql", "views.sql", "coverage.sql", "aggregates.sql", "aggregates.sql"):
        done = subprocess.run([cli, str(db), "-f", str(ROOT / "sql" / name)], capture_output=True)
        assert done.returncode == 0, done.stderr


def test_rates_with_null_population_are_null_in_sql_and_polars(
    con: duckdb.DuckDBPyConnection, incidents: pl.DataFrame
) -> None:
    con.execute("update oblasts set population_2022 = NULL where code = 'UA-63'")
    expected = _sql(con, "weekly_oblast_panel", "period, oblast_code")
    oblasts = con.sql("select code, population_2022 from oblasts").pl()
    got = ag.incident_panel(incidents, oblasts, freq="week").select(expected.columns)
    assert_frame_equal(got, expected, check_dtypes=False)
    kh = got.filter(pl.col("oblast_code") == "UA-63")
    assert kh["incidents"].sum() == 3  # t:1, t:2, t:3 (hand count from ROWS)
    assert kh["incidents_per_100k"].null_count() == kh.height  # unknown population: no rate


def test_metric_panel_casualties_null_when_unreported_and_incomplete_week_dropped(
    tmp_path: Path,
) -> None:
    from analytics.store import Store

    # Mon 2024-03-04 week: UA-63 two incidents (killed 2 and unreported, injured unreported),
    # UA-14 one (killed unreported, injured 3). Week of 03-11: UA-63 killed 0, injured
    # unreported. Wed 2024-03-20: the last day in the data, so the week of 03-18 is incomplete.
    csv_text = (
        "source,source_event_id,occurred_on,oblast_code,strike_type,killed,injured\n"
        "fx,1,2024-03-04,UA-63,drone,2,\n"
        "fx,2,2024-03-06,UA-63,drone,,\n"
        "fx,3,2024-03-07,UA-14,missile,,3\n"
        "fx,4,2024-03-12,UA-63,drone,0,\n"
        "fx,5,2024-03-20,UA-14,drone,5,1\n"
    )
    path = tmp_path / "incidents.csv"
    path.write_text(csv_text, encoding="utf-8")
    with Store(tmp_path / "db.duckdb") as store:
        store.ingest_file("csv", path)
        killed = ag.metric_panel(store, "killed")
        injured = ag.metric_panel(store, "injured")
        incidents = ag.metric_panel(store, "incidents")
        sql = store.query("select period, oblast_code, killed, injured from weekly_oblast")
    for panel in (killed, injured, incidents):
        assert sorted(set(panel["period"])) == [D(2024, 3, 4), D(2024, 3, 11)]
        assert panel["oblast_code"].n_unique() == 28  # 27 oblasts and UA

    def cell(frame: pl.DataFrame, week: dt.date, code: str) -> dict[str, object]:
        return frame.filter((pl.col("period") == week) & (pl.col("oblast_code") == code)).row(
            0, named=True
        )

    w1, w2 = D(2024, 3, 4), D(2024, 3, 11)
    assert cell(killed, w1, "UA-63") == {
        "period": w1, "oblast_code": "UA-63", "value": 2.0, "incidents": 2, "reported": 1,
        "reported_share": 0.5,
    }  # fmt: skip
    assert cell(killed, w1, "UA-14")["value"] is None  # an incident, no count: unknown
    assert cell(killed, w2, "UA-63")["value"] == 0.0  # a reported zero
    unseen = cell(killed, w1, "UA-05")  # the source never names UA-05: not covered, missing
    assert unseen["value"] is None and unseen["incidents"] is None
    quiet = cell(killed, w2, "UA-14")  # named, watched, no incident that week: a true zero
    assert quiet["value"] == 0.0 and quiet["incidents"] == 0 and quiet["reported_share"] is None
    assert cell(killed, w1, "UA")["value"] == 2.0 and cell(killed, w1, "UA")["reported"] == 1
    assert cell(injured, w1, "UA-63")["value"] is None
    assert cell(injured, w1, "UA")["value"] == 3.0
    assert cell(injured, w2, "UA")["value"] is None  # one incident, no injured count
    assert cell(incidents, w1, "UA")["value"] == 3.0
    # every known value equals the SQL view's sum of reported values
    for metric, panel in (("killed", killed), ("injured", injured)):
        joined = panel.join(sql, on=["period", "oblast_code"], how="inner")
        assert joined.height == 3
        assert joined["value"].to_list() == joined[metric].cast(pl.Float64).to_list()


def test_ranges_sum_each_incident_range_or_its_killed() -> None:
    rows = _incidents(
        [("r:1", D(2024, 3, 4), "UA-63", "drone", 10, None),
         ("r:2", D(2024, 3, 5), "UA-63", "drone", 4, None),
         ("r:3", D(2024, 3, 6), "UA-63", "drone", None, None)]
    ).with_columns(
        killed_low=pl.Series([8, None, None], dtype=pl.Int64),
        killed_high=pl.Series([15, None, None], dtype=pl.Int64),
    )  # fmt: skip
    got = ag.count_by(rows, freq="week").row(0, named=True)
    # r:1 gives its range 8..15, r:2 has none and counts 4 in both, r:3 reports nothing
    assert (got["killed_low"], got["killed"], got["killed_high"]) == (8 + 4, 10 + 4, 15 + 4)
    unreported = ag.count_by(rows.filter(pl.col("incident_id") == "r:3"), freq="week")
    assert unreported.select("killed_low", "killed", "killed_high").row(0) == (None, None, None)
