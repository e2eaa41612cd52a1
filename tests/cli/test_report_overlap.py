"""``report`` draws the model-free charts in a second process by default on two or more cores;
``--no-background`` turns it off; the files are the same bytes either way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import analytics.cli.report as cli_report
from analytics.cli import app
from analytics.report import ReportResult, build_report

runner = CliRunner()
GENERATED = dt.datetime(2026, 11, 25, 12, 0, 0)


def _run(
    monkeypatch: pytest.MonkeyPatch, db: Path, out: Path, cores: int, *flags: str
) -> ReportResult:
    """``report`` through the CLI with ``cores`` usable cores and the clock of the generated
    line pinned (so whole files compare); the build's result, as the CLI got it."""
    seen: list[ReportResult] = []

    def spy(*args: Any, **kwargs: Any) -> ReportResult:
        seen.append(
            build_report(*args, generated_at=GENERATED, today=dt.date(2026, 11, 25), **kwargs)
        )
        return seen[-1]

    monkeypatch.setattr(cli_report, "build_report", spy)
    monkeypatch.setattr(cli_report, "usable_cores", lambda: cores)
    result = runner.invoke(app, ["report", "--db", str(db), "--out", str(out), *flags])
    assert result.exit_code == 0, result.output
    assert len(seen) == 1
    return seen[0]


def test_overlap_is_the_default_on_two_cores_with_the_same_files(
    demo120_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overlapped = _run(monkeypatch, demo120_db, tmp_path / "a", 2)
    serial = _run(monkeypatch, demo120_db, tmp_path / "b", 2, "--no-background")
    one_core = _run(monkeypatch, demo120_db, tmp_path / "c", 1)
    assert "charts_worker" in overlapped.timings  # drawn in the worker by default
    assert "charts_worker" not in serial.timings  # --no-background: drawn after the models
    assert "charts_worker" not in one_core.timings  # one core: nothing to overlap with
    forced = _run(monkeypatch, demo120_db, tmp_path / "d", 1, "--background")
    assert "charts_worker" in forced.timings
    names = sorted(p.name for p in overlapped.directory.iterdir() if p.is_file())
    assert names == sorted(p.name for p in serial.directory.iterdir() if p.is_file())
    assert {"report.md", "report.html", "report.pdf"} <= set(names)
    assert any(n.endswith(".png") for n in names)
    for name in names:
        same = (overlapped.directory / name).read_bytes() == (serial.directory / name).read_bytes()
        assert same, name


def test_usable_cores_counts_at_least_one() -> None:
    assert cli_report.usable_cores() >= 1
    assert cli_report.overlap_by_default() == (cli_report.usable_cores() >= 2)
