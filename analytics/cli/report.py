"""The report command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analytics.cli._output import DbOption, ExitCode, console, fail, settings_for
from analytics.report import ReportError, ReportLocked, build_report

__all__ = ["report"]


def report(
    db: DbOption = None,
    period: Annotated[str, typer.Option(help="week (ISO, Monday-Sunday) or month.")] = "week",
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="A date (YYYY-MM-DD) in the period to report. Default: the last period that "
            "is complete both before today and within the data.",
        ),
    ] = None,
    known_at: Annotated[
        str | None,
        typer.Option(
            "--known-at",
            help="Use only data ingested by this moment (ISO timestamp, UTC when naive), to "
            "reproduce a report published then.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(help="Reports root (default $STRIKE_ANALYTICS_REPORTS, else reports/)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", help="Comma-separated: html, md, pdf.")
    ] = "html,md,pdf",
    if_changed: Annotated[
        bool,
        typer.Option(
            "--if-changed", help="Skip (exit 3) when nothing was ingested since this report."
        ),
    ] = False,
) -> None:
    """Write the report of one week or month: OUT/<period>/<as-of>/report.{html,md,pdf}.

    The folder is written whole and renamed into place; OUT/latest points at the newest
    report. Exit codes: 0 written, 1 error, 3 skipped (--if-changed, nothing new),
    4 another run holds OUT/.lock.
    """
    settings = settings_for(db)
    root = out or settings.reports_dir
    try:
        with console.status("building report"):
            result = build_report(
                settings.db_path, period=period, as_of=as_of, known_at=known_at, out=root,
                formats=fmt, if_changed=if_changed,
            )  # fmt: skip
    except ReportLocked as err:
        fail(err, ExitCode.LOCKED, label="locked")
    except (ReportError, ValueError) as err:
        fail(err)
    if result.skipped:
        console.print(f"skipped: {result.message}")
        raise typer.Exit(ExitCode.NOTHING_TO_DO)
    if result.synthetic:
        console.print("[bold]SYNTHETIC DATA[/] (demo source): not real events")
    console.print(f"report {result.period.label} written to {result.directory}")
    for path in result.paths:
        console.print(f"  {path}")
