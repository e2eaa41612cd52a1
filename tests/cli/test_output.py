"""Output for pipes and logs: no wrapping mid-path, full file names, every dataset in status."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner, Result

from analytics.cli import app
from analytics.store import Store

FIX = Path(__file__).parents[1] / "fixtures"
LONG = "missile_attacks_daily_with_a_file_name_longer_than_any_terminal_column_2024.csv"
runner = CliRunner()


@pytest.fixture
def piped(monkeypatch: pytest.MonkeyPatch) -> None:
    """stdout is not a terminal (CliRunner) and no $COLUMNS: what cron and `| tee` see."""
    monkeypatch.delenv("COLUMNS", raising=False)


def invoke(*args: str | Path) -> Result:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def deep(tmp_path: Path) -> Path:
    """A folder whose path alone is wider than 80 columns."""
    folder = tmp_path / ("a_deeply_nested_folder_for_the_strike_database_" * 2) / "data"
    folder.mkdir(parents=True)
    return folder


def test_a_long_path_is_one_line_in_a_pipe(piped: None, deep: Path) -> None:
    db = deep / "strikes.duckdb"
    result = invoke("ingest", "csv", FIX / "canonical" / "basic.csv", "--db", db)
    assert len(str(db)) > 120
    assert f"database: {db}" in result.stdout.splitlines()


def test_tables_never_cut_a_file_name(piped: None, deep: Path) -> None:
    csv = deep / LONG
    shutil.copy(FIX / "missiles" / "waves.csv", csv)
    db = deep / "strikes.duckdb"
    ingest = invoke("ingest", "missiles", csv, "--db", db)
    assert any(LONG in line for line in ingest.stdout.splitlines())
    status = invoke("status", "--db", db)
    assert any(LONG in line for line in status.stdout.splitlines())
    assert "…" not in ingest.stdout + status.stdout


def test_a_narrow_terminal_folds_but_never_cuts(deep: Path) -> None:
    csv = deep / LONG
    shutil.copy(FIX / "missiles" / "waves.csv", csv)
    db = deep / "strikes.duckdb"
    result = runner.invoke(app, ["ingest", "missiles", str(csv), "--db", str(db)],
                           env={"COLUMNS": "60"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    table = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert max(len(line) for line in table) <= 60
    # the folded name, read down its column, is whole
    cells = "".join(line.split("│")[1].strip() for line in table)
    assert LONG in cells


def test_status_shows_rows_and_dates_of_every_dataset(piped: None, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    invoke("ingest", "csv", FIX / "canonical" / "basic.csv", "--db", db)
    invoke("ingest", "alerts", FIX / "alerts" / "official_en.csv", "--db", db)
    invoke("ingest", "missiles", FIX / "missiles" / "waves.csv", "--db", db)
    with Store(db, read_only=True) as s:  # the expected figures, straight from the tables
        alerts = s.query("select dataset, lang, started_at from alerts")
        waves = s.query("select reporter_level, time_start from attack_waves")
        incidents = s.query("select source, occurred_on from incident_revisions")
    expected = [
        *(("incidents", f"source: {k}", g) for (k,), g in incidents.group_by("source")),
        *(
            ("alerts", f"dataset: {d} ({lang})", g.rename({"started_at": "t"}))
            for (d, lang), g in alerts.group_by("dataset", "lang")
        ),
        *(
            ("attack waves", f"reporter level: {k}", g.rename({"time_start": "t"}))
            for (k,), g in waves.group_by("reporter_level")
        ),
    ]
    assert len(expected) >= 3
    lines = invoke("status", "--db", db).stdout.splitlines()
    for dataset, part, group in expected:
        day = group.get_column(group.columns[-1]).cast(pl.Date)
        want = f"{dataset}  {part}  {group.height:,}  {day.min()}  {day.max()}"
        assert any(" ".join(line.split()) == " ".join(want.split()) for line in lines), want
