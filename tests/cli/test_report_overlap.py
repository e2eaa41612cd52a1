"""``report`` draws the model-free charts in a second process by default on two or more cores
with one of them free (load average); ``--no-background`` turns it off; the files are the same
bytes either way."""

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
    monkeypatch: pytest.MonkeyPatch, db: Path, out: Path, cores: int, *flags: str,
    load: float | None = 0.0,
) -> ReportResult:  # fmt: skip
    """``report`` through the CLI with ``cores`` usable cores, a machine load average of
    ``load`` and the clock of the generated line pinned (so whole files compare); the build's
    result, as the CLI got it."""
    seen: list[ReportResult] = []

    def spy(*args: Any, **kwargs: Any) -> ReportResult:
        seen.append(
            build_report(*args, generated_at=GENERATED, today=dt.date(2026, 11, 25), **kwargs)
        )
        return seen[-1]

    monkeypatch.setattr(cli_report, "build_report", spy)
    monkeypatch.setattr(cli_report, "usable_cores", lambda: cores)
    monkeypatch.setattr(cli_report, "load_average", lambda: load)
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


def test_a_busy_machine_draws_in_process(
    demo120_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    busy = _run(monkeypatch, demo120_db, tmp_path / "a", 2, load=4.5)
    assert "charts_worker" not in busy.timings  # no free core: the worker would only cost
    forced = _run(monkeypatch, demo120_db, tmp_path / "b", 2, "--background", load=4.5)
    assert "charts_worker" in forced.timings  # --background still asks for it


@pytest.mark.parametrize(
    ("cores", "machine", "load", "expected"),
    [
        (1, 8, 0.0, False),  # one usable core: nothing to overlap with
        (2, 2, 0.0, True),
        (2, 2, 1.0, True),  # the other core is free
        (2, 2, 1.5, False),  # less than a core free
        (2, 2, 4.5, False),
        (2, 2, None, True),  # no load average on this OS: the cores decide
        (2, 8, 6.5, True),  # affinity to 2 of 8 cores, 1.5 of them free
        (2, 8, 7.5, False),
    ],
)
def test_overlap_by_default_needs_a_free_core(
    monkeypatch: pytest.MonkeyPatch, cores: int, machine: int, load: float | None, expected: bool
) -> None:
    monkeypatch.setattr(cli_report, "usable_cores", lambda: cores)
    monkeypatch.setattr(cli_report, "load_average", lambda: load)
    monkeypatch.setattr(cli_report.os, "cpu_count", lambda: machine)
    assert cli_report.overlap_by_default() is expected


def test_usable_cores_and_load_average_are_read() -> None:
    assert cli_report.usable_cores() >= 1
    load = cli_report.load_average()
    assert load is None or load >= 0.0
