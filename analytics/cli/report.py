"""The report command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from analytics.cli._output import (
    DbOption,
    ExitCode,
    WaitOption,
    console,
    fail,
    settings_for,
    when_free,
)  # fmt: skip
from analytics.report import ReportError, ReportLocked, build_report

__all__ = ["report", "usable_cores", "load_average", "overlap_by_default"]


def usable_cores() -> int:
    """CPU cores this process may run on (its affinity mask where the OS has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def load_average() -> float | None:
    """The machine's 1-minute load average (runnable processes), None where the OS has none."""
    if not hasattr(os, "getloadavg"):
        return None
    try:
        return os.getloadavg()[0]
    except OSError:  # the OS could not tell
        return None


def overlap_by_default() -> bool:
    """Whether ``report`` draws the model-free charts beside the models unless told.

    The worker needs a core of its own: two or more usable cores, and (where the OS reports a
    load average) at most ``cores - 1`` processes running on the machine's cores, so one is
    free beside the report. On a saturated machine the worker would only add its start-up (a
    fresh interpreter importing the drawing code) to a report whose work it cannot overlap,
    so the charts are drawn in-process.
    """
    cores = usable_cores()
    if cores < 2:
        return False
    load = load_average()
    return load is None or load <= (os.cpu_count() or cores) - 1


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
    wait: WaitOption = 0,
    background: Annotated[
        bool | None,
        typer.Option(
            "--background/--no-background",
            help="Draw the charts that need no forecast in a second process while the models "
            "run (same files, less time where a core is free). Default: on when this process "
            "may use two or more CPU cores and the load average leaves one free.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the report of one week or month: OUT/<period>/<as-of>/report.{html,md,pdf}.

    The folder is written whole and renamed into place. OUT/week/latest and OUT/month/latest
    point at the newest report of each period; OUT/latest points at week/latest when there
    is a weekly report, else at month/latest. Exit codes: 0 written, 1 error, 3 skipped
    (--if-changed, nothing new), 4 another run holds OUT/.lock, 5 the database is in use
    (--wait retries), 6 --db is not a database, 7 disk full (see docs/cli_errors.md).
    """
    settings = settings_for(db)
    root = out or settings.reports_dir
    _check_out(root)
    if not settings.db_path.exists():
        fail(f"no database at {settings.db_path}; ingest a file first or give --db")
    try:
        with console.status("building report"):
            result = when_free(
                wait,
                lambda: build_report(
                    settings.db_path, period=period, as_of=as_of, known_at=known_at, out=root,
                    formats=fmt, if_changed=if_changed,
                    background=overlap_by_default() if background is None else background,
                ),
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


def _check_out(root: Path) -> None:
    """Refuse (exit 2) an --out that is a file or a symlink to nothing, before any work."""
    if root.is_symlink() and not root.exists():
        fail(
            f"--out {root} is a symlink to {root.readlink()}, which does not exist; create that "
            "folder or give --out another folder",
            ExitCode.BAD_INPUT,
        )
    if root.exists() and not root.is_dir():
        fail(f"--out {root} is a file, not a folder; give --out a folder for the reports",
             ExitCode.BAD_INPUT)  # fmt: skip
