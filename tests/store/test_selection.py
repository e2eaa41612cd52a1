"""Sources explicit: one source by default, several only when named (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from analytics.aggregate import metric_panel
from analytics.cli import app
from analytics.store import Store
from analytics.store.selection import INCIDENT_PRECEDENCE, resolve_sources

# The same two strikes reported by ACLED-like and user sources, one week apart, and a third
# week with only the user's report. Mondays: 2024-03-04, 03-11, 03-18, 03-25.
CSV = (
    "source,source_event_id,occurred_on,oblast_code,strike_type,killed\n"
    "acled,a1,2024-03-04,UA-63,drone,3\n"
    "mine,m1,2024-03-04,UA-63,drone,3\n"
    "acled,a2,2024-03-11,UA-63,drone,2\n"
    "mine,m2,2024-03-11,UA-63,drone,2\n"
    "acled,a3,2024-03-25,UA-63,drone,1\n"
    "mine,m3,2024-03-25,UA-63,drone,1\n"
)


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    path = tmp_path / "two.csv"
    path.write_text(CSV, encoding="utf-8")
    db = tmp_path / "db.duckdb"
    with Store(db) as s:
        s.ingest_file("csv", path)
    return db


def _week(panel: pl.DataFrame, day: dt.date) -> float | None:
    return panel.filter((pl.col("oblast_code") == "UA") & (pl.col("period") == day))["value"][0]


def test_default_is_one_source_by_precedence(two_sources: Path) -> None:
    assert INCIDENT_PRECEDENCE.index("acled") >= 0
    with Store(two_sources, read_only=True) as s:
        assert resolve_sources(s, "killed") == ("acled",)
        assert resolve_sources(s, "alerts") == ()  # alert datasets are merged, not chosen
        default = metric_panel(s, "killed")
        both = metric_panel(s, "killed", sources=["acled", "mine"])
        with pytest.raises(ValueError, match="no incidents from source 'ucdp'"):
            resolve_sources(s, "killed", ["ucdp"])
    assert _week(default, dt.date(2024, 3, 4)) == 3.0  # acled alone, not 3 + 3
    assert _week(both, dt.date(2024, 3, 4)) == 6.0  # summed only because both were named
    assert _week(default, dt.date(2024, 3, 18)) == 0.0  # a quiet covered week


def test_cli_source_option(two_sources: Path) -> None:
    runner = CliRunner()
    args = ["forecast", "--metric", "killed", "--horizon", "1", "--format", "csv"]
    ok = runner.invoke(app, [*args, "--source", "mine", "--db", str(two_sources)])
    assert ok.exit_code == 0 and "sources: mine" in ok.output
    bad = runner.invoke(app, [*args, "--source", "nobody", "--db", str(two_sources)])
    assert bad.exit_code == 2 and "nobody" in bad.output


def test_later_volunteer_release_extends_alert_series(tmp_path: Path) -> None:
    # Official alerts in June 2023 only; a later volunteer release runs further. Alerts every
    # third day from Monday 06-05 in both oblasts: the last on Saturday 07-29.
    official = ["oblast,raion,hromada,level,started_at,finished_at,source"]
    volunteer = ["region,started_at,finished_at,naive"]
    day = dt.date(2023, 6, 5)
    while day <= dt.date(2023, 7, 30):
        for name in ("Kyiv City", "Kharkivska oblast"):
            start, end = f"{day} 10:00:00+00:00", f"{day} 10:30:00+00:00"
            if day <= dt.date(2023, 6, 30):
                official.append(f"{name},,,oblast,{start},{end},official")
            volunteer.append(f"{name},{start},{end},False")
        day += dt.timedelta(days=3)
    (tmp_path / "o.csv").write_text("\n".join(official) + "\n", encoding="utf-8")
    (tmp_path / "v.csv").write_text("\n".join(volunteer) + "\n", encoding="utf-8")
    with Store(":memory:") as s:
        s.ingest_file("alerts", tmp_path / "o.csv")
        s.ingest_file("alerts", tmp_path / "v.csv")
        panel = metric_panel(s, "alerts", freq="week")
        by_dataset = s.query(
            "select dataset, max(period) as last from daily_alerts_by_dataset group by 1 order by 1"
        ).rows()
    assert by_dataset == [("official", dt.date(2023, 6, 29)), ("volunteer", dt.date(2023, 7, 29))]
    nat = panel.filter(pl.col("oblast_code") == "UA")
    # the newest complete week either dataset covers: 07-29 is a Saturday, so the week of
    # 07-24 is incomplete and the series ends with the week of 07-17 (official alone: 06-19)
    assert nat["period"].max() == dt.date(2023, 7, 17)
    # overlapping June alerts count once: 2 oblasts x alerts every third day, not twice that
    june = nat.filter(pl.col("period") == dt.date(2023, 6, 5))["value"][0]
    assert june == 2 * 3  # 06-05, 06-08, 06-11 in the week of 06-05
    # oblasts neither dataset lists are missing, not zero
    assert panel.filter(pl.col("oblast_code") == "UA-40")["value"].null_count() > 0
