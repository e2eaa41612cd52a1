"""The coverage calendar: each source's range, internal gaps and units, SQL = polars (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from analytics.store import Store
from analytics.store.coverage import day_coverage, incident_coverage, period_coverage, source_gaps

# Source "s": Mondays 2024-01-01 and 01-08 (Kharkiv, Odesa), then nothing for the 5 weeks of
# 01-15 .. 02-12, then 02-19 (Kharkiv). Source "t": one incident 2024-01-10 (Kyiv city).
CSV = (
    "source,source_event_id,occurred_on,oblast_code,strike_type,killed\n"
    "s,1,2024-01-01,UA-63,drone,1\n"
    "s,2,2024-01-08,UA-51,drone,2\n"
    "s,3,2024-02-19,UA-63,drone,0\n"
    "t,1,2024-01-10,UA-30,missile,4\n"
)


def test_calendar_from_range_gaps_and_units(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(CSV, encoding="utf-8")
    with Store(":memory:") as s:
        s.ingest_file("csv", path)
        sql = s.query("select * from incident_coverage order by source, oblast_code, day")
        gaps = s.query("select * from source_gaps order by source")
        weekly = s.query("select * from weekly_coverage order by period, oblast_code")
        inc = s.query("select source, occurred_on, oblast_code from incidents")
        codes = s.query("select code from oblasts")["code"]
        panel = s.query(
            "select period, oblast_code, incidents, covered from weekly_oblast_panel "
            "where oblast_code in ('UA-63', 'UA-05') order by period, oblast_code"
        )
    assert gaps.select("source", "first_empty_week", "last_empty_week", "empty_weeks").rows() == [
        ("s", dt.date(2024, 1, 15), dt.date(2024, 2, 12), 5)
    ]
    # s: 50 days (01-01 .. 02-19) x 27 units; t: 1 day x 27 units
    assert sql.filter(pl.col("source") == "s").height == 50 * 27
    assert sql.filter(pl.col("source") == "t").height == 27
    day = {(r["source"], r["oblast_code"], r["day"]): r for r in sql.iter_rows(named=True)}
    assert day[("s", "UA-63", dt.date(2024, 1, 3))]["covered"]
    assert day[("s", "UA-63", dt.date(2024, 1, 20))]["not_covered_because"] == "gap"
    assert day[("s", "UA-05", dt.date(2024, 1, 3))]["not_covered_because"] == "unit never listed"
    # polars gives the same calendar and gaps
    got = incident_coverage(inc, codes).sort("source", "oblast_code", "day")
    assert_frame_equal(got, sql.select(got.columns), check_dtypes=False)
    assert_frame_equal(source_gaps(inc), gaps, check_dtypes=False)
    polars_weekly = period_coverage(day_coverage(inc, codes), freq="week")
    assert_frame_equal(
        polars_weekly.sort("period", "oblast_code"),
        weekly.select(polars_weekly.columns),
        check_dtypes=False,
    )
    # the panel: a gap week is NULL (not 0), an unlisted unit is NULL, a quiet covered week 0
    cell = {(r[0], r[1]): (r[2], r[3]) for r in panel.rows()}
    assert cell[(dt.date(2024, 1, 22), "UA-63")] == (None, False)
    assert cell[(dt.date(2024, 1, 1), "UA-05")] == (None, False)
    assert cell[(dt.date(2024, 1, 8), "UA-63")] == (0, True)
