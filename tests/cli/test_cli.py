"""The command line: exit codes, messages, and the demo."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from analytics.cli import app
from analytics.store import Store

FIX = Path(__file__).parents[1] / "fixtures" / "canonical"
runner = CliRunner()


def test_help_explains_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "status", "demo", "export", "fetch"):
        assert command in result.output
    ingest_help = runner.invoke(app, ["ingest", "--help"])
    assert "transaction" in ingest_help.output


def test_ingest_twice_reports_zero_new(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    first = runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    assert first.exit_code == 0, first.output
    second = runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    assert second.exit_code == 0
    with Store(db, read_only=True) as s:
        rows = s.query(
            "select rows_new, rows_revised, rows_unchanged from ingests order by ingest_id"
        )
    assert rows.rows() == [(5, 0, 0), (0, 0, 5)]


def test_malformed_file_exits_2_and_leaves_db_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    with Store(db, read_only=True) as s:
        before = s.query("select count(*) from incident_revisions").item()
    result = runner.invoke(app, ["ingest", "csv", str(FIX / "malformed.csv"), "--db", str(db)])
    assert result.exit_code == 2
    assert "malformed.csv, line 3" in result.output
    with Store(db, read_only=True) as s:
        assert s.query("select count(*) from incident_revisions").item() == before
        assert s.query("select count(*) from ingests").item() == 1


def test_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("STRIKE_ANALYTICS_DB", str(db))
    result = runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv")])
    assert result.exit_code == 0, result.output
    assert db.exists()
    status = runner.invoke(app, ["status"])
    assert status.exit_code == 0
    assert "fixture" in status.output and "south" in status.output


@pytest.mark.slow
def test_demo_is_deterministic_and_labelled(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        r = runner.invoke(
            app, ["demo", "--out", str(d), "--db", str(d / "demo.duckdb"), "--days", "120"]
        )
        assert r.exit_code == 0, r.output
        assert "SYNTHETIC" in r.output
    assert (a / "synthetic_incidents.csv").read_bytes() == (
        b / "synthetic_incidents.csv"
    ).read_bytes()
    sample = pl.read_csv(a / "synthetic_incidents.csv")
    assert sample["notes"].str.contains("SYNTHETIC").all()
    with Store(a / "demo.duckdb", read_only=True) as s:
        ing = s.query("select rows_read, rows_quarantined from ingests").row(0)
        assert ing == (sample.height, 3)  # the three rows invalid on purpose
        # counts are over-dispersed (negative binomial) and front-line oblasts are hotter
        per = s.query("select oblast_code, count(*) as n from incidents group by 1 order by n desc")
        assert per["oblast_code"][0] in {"UA-14", "UA-63", "UA-23"}
        daily = s.query(
            "select count(*) as n from incidents where oblast_code='UA-14' group by occurred_on"
        )["n"]
        assert daily.var() > daily.mean()


@pytest.mark.cli
def test_console_script_is_installed() -> None:
    exe = shutil.which("strike-analytics", path=str(Path(sys.executable).parent))
    assert exe is not None
    out = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and "ingest" in out.stdout


def test_version_option_prints_the_package_version() -> None:
    from analytics import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"strike-analytics {__version__}"


def _db_counts(db: Path) -> tuple[int, int, int]:
    with Store(db, read_only=True) as s:
        return s.query(
            """select (select count(*) from ingests), (select count(*) from incident_revisions),
                      (select count(*) from quarantine)"""
        ).row(0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mapped", "{basic}"], "needs --mapping"),
        (["ucpd", "{basic}"], "unknown source kind 'ucpd'"),
        (["ucdp", "{dir}"], "this is a directory"),
        (["alerts", "{missing}"], "file not found"),
        (["ucdp", "{alerts}"], "line 1, column 'id'"),
        (["acled", "{empty}"], "line 1"),
    ],
)
def test_unreadable_input_exits_2_names_it_and_writes_nothing(
    tmp_path: Path, args: list[str], message: str
) -> None:
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    before = _db_counts(db)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    names = {
        "basic": FIX / "basic.csv",
        "dir": tmp_path,
        "missing": tmp_path / "nope.csv",
        "alerts": FIX.parent / "alerts" / "official_en.csv",
        "empty": empty,
    }
    argv = ["ingest", *[a.format(**names) for a in args], "--db", str(db)]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert _db_counts(db) == before


def test_unknown_kind_creates_no_database(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    result = runner.invoke(app, ["ingest", "mapped", str(FIX / "basic.csv"), "--db", str(db)])
    assert result.exit_code == 2
    assert not db.exists()


def test_csv_with_mapping_uses_the_mapped_adapter(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    mapped = FIX.parent / "mapped"
    result = runner.invoke(
        app,
        ["ingest", "csv", str(mapped / "volunteers.csv"), "--mapping",
         str(mapped / "volunteers.toml"), "--db", str(db)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as s:
        assert s.query("select kind from ingests").item() == "mapped"


def test_a_failing_second_file_keeps_the_first_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    result = runner.invoke(
        app,
        ["ingest", "csv", str(FIX / "basic.csv"), str(FIX / "malformed.csv"), "--db", str(db)],
    )
    assert result.exit_code == 2
    out = " ".join(result.output.split())
    assert "the files above were ingested" in out and "malformed.csv" in out
    assert _db_counts(db)[:2] == (1, 5)


def test_status_prints_unresolved_rate_and_fits_80_columns(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    result = runner.invoke(app, ["status", "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    # basic.csv: 5 accepted incidents, one ("south") unresolved -> 20.0 %
    row = next(line for line in lines if line.lstrip().startswith("incidents: fixture"))
    assert row.split()[-2:] == ["1", "20.0"]
    assert any("south" in line for line in lines)


def test_export_twice_replaces_and_missing_db_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    out = tmp_path / "pq"
    for _ in range(2):
        result = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(db)])
        assert result.exit_code == 0, result.output
    assert pl.read_parquet(out / "**" / "*.parquet").height == 5
    missing = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(tmp_path / "x")])
    assert missing.exit_code == 1 and "no database" in missing.output


def test_demo_refuses_to_replace_a_real_database(tmp_path: Path) -> None:
    db = tmp_path / "real.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    before = _db_counts(db)
    result = runner.invoke(app, ["demo", "--db", str(db), "--out", str(tmp_path / "s")])
    assert result.exit_code == 2 and "holds real ingests" in " ".join(result.output.split())
    assert _db_counts(db) == before


def test_fetch_unknown_source_is_a_clear_error(tmp_path: Path) -> None:
    dest = tmp_path / "raw"
    result = runner.invoke(app, ["fetch", "missiles", "--dest", str(dest)])
    assert result.exit_code == 2
    assert "unknown source 'missiles'" in result.output and "Traceback" not in result.output
    assert not dest.exists()


def test_report_outside_the_data_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    out = tmp_path / "reports"
    result = runner.invoke(
        app, ["report", "--db", str(db), "--as-of", "2030-01-01", "--out", str(out)]
    )
    assert result.exit_code == 1
    assert "outside the data" in result.output
    assert not (out / "latest").exists()


def test_forecast_oblast_accepts_names_and_refuses_non_oblasts(tmp_path: Path) -> None:
    from analytics.cli.models import oblast_option

    assert oblast_option("Kharkiv") == "UA-63"
    assert oblast_option("Сумська область") == "UA-59"
    assert oblast_option("UA-14") == "UA-14" and oblast_option("all") == "all"
    db = tmp_path / "c.duckdb"
    runner.invoke(app, ["ingest", "csv", str(FIX / "basic.csv"), "--db", str(db)])
    result = runner.invoke(
        app, ["forecast", "--metric", "incidents", "--oblast", "south", "--db", str(db)]
    )
    assert result.exit_code == 2
    assert "names no single oblast" in result.output
