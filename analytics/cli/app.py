"""The ``strike-analytics`` command line (typer + rich): the only package that knows the terminal.

Exit codes (:class:`~analytics.cli._output.ExitCode`, docs/cli_errors.md): 0 success
(quarantined rows are not an error), 1 error, 2 input that cannot be read as the requested kind
or an invalid option (nothing written), 3 nothing to do, 4 another run holds the reports lock,
5 another process is using the database (``--wait SECONDS`` retries), 6 ``--db`` is not a
usable database, 7 disk full, 8 download failed, 130 interrupted. Every failure prints one
sentence on stderr, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from analytics._version import __version__
from analytics.cli._output import console, guarded
from analytics.cli.data import demo, export, fetch, ingest, status
from analytics.cli.models import backtest, forecast
from analytics.cli.report import report

__all__ = ["app"]

app = typer.Typer(
    name="strike-analytics",
    help=(
        "Trustworthy statistics on strikes on Ukraine: ingest sources into an append-only DuckDB "
        "database, aggregate, model, and publish reports. Every figure traces back to source rows."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        console.print(f"strike-analytics {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Trustworthy statistics on strikes on Ukraine: ingest sources into an append-only DuckDB
    database, aggregate, model, and publish reports. Every figure traces back to source rows."""


for command in (ingest, status, demo, export, fetch, forecast, backtest, report):
    app.command()(guarded(command))
