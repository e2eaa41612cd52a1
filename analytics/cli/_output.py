"""What every command shares: the consoles, one way to fail, exit codes, tables, progress."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn

import polars as pl
import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from analytics.config import Settings

__all__ = [
    "ExitCode", "console", "err_console", "fail", "warn", "settings_for", "frame_table",
    "status_table", "progress", "emit", "DbOption",
]  # fmt: skip

console = Console()
err_console = Console(stderr=True)


class ExitCode(IntEnum):
    """The documented exit codes of every command."""

    OK = 0
    #: An error: no database, a bad option value, a failed download, a report that cannot be built.
    ERROR = 1
    #: Input that cannot be read as the requested kind, or an invalid option; nothing written.
    BAD_INPUT = 2
    #: Nothing to do (no data to model, report unchanged with --if-changed).
    NOTHING_TO_DO = 3
    #: Another run holds the reports folder's lock.
    LOCKED = 4


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB file. Default: $STRIKE_ANALYTICS_DB, else strikes.duckdb in the working directory.",
        show_default=False,
    ),
]


def fail(message: object, code: ExitCode = ExitCode.ERROR, *, label: str = "error") -> NoReturn:
    """Print one plain sentence on stderr and exit with ``code``."""
    colour = "yellow" if code is ExitCode.LOCKED else "red"
    err_console.print(f"[bold {colour}]{label}:[/] {message}", highlight=False)
    raise typer.Exit(int(code))


def warn(message: object) -> None:
    """Print a warning on stderr (the command goes on)."""
    err_console.print(f"[yellow]warning:[/] {message}", highlight=False)


def settings_for(db: Path | None) -> Settings:
    """The settings with ``--db`` applied."""
    return Settings().with_db(db)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")  # display only; csv/json keep full values
    return str(value)


def frame_table(frame: pl.DataFrame, title: str) -> Table:
    """A table of a frame whose values are never broken (headers wrap at ``_``)."""
    table = Table(title=title, title_justify="left", box=None, header_style="bold")
    cells = [["" if v is None else _cell(v) for v in row] for row in frame.iter_rows()]
    for i, (col, dtype) in enumerate(zip(frame.columns, frame.dtypes, strict=True)):
        widest = max((len(r[i]) for r in cells), default=0)
        table.add_column(
            col.replace("_", " "),
            justify="right" if dtype.is_numeric() else "left",
            min_width=min(widest, 16),
        )
    for row in cells:
        table.add_row(*row)
    return table


def status_table(frame: pl.DataFrame, title: str) -> Table:
    """A compact table that stays readable in an 80-column terminal: numbers right-aligned
    with thousands separators and never wrapped, text folded, headers wrapped at spaces."""
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
    )
    numeric = [dtype.is_numeric() for dtype in frame.dtypes]
    cells = [
        ["" if v is None else (f"{v:,}" if isinstance(v, int) else str(v)) for v in row]
        for row in frame.iter_rows()
    ]
    for i, (col, is_num) in enumerate(zip(frame.columns, numeric, strict=True)):
        widest = max([len(r[i]) for r in cells] + [1])
        token = max([len(w) for r in cells for w in r[i].split()] + [1])
        header_word = max([len(w) for w in col.split()] + [1])
        table.add_column(
            col,
            justify="right" if is_num else "left",
            min_width=max(widest if is_num else min(token, 12), min(header_word, 12)),
            overflow="fold",
        )
    for row_cells in cells:
        table.add_row(*row_cells)
    if frame.height == 0:
        table.caption = "(none)"
    return table


def progress() -> Progress:
    """A transient progress bar on stderr."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def emit(frame: pl.DataFrame, fmt: str, title: str) -> None:
    """Print ``frame`` as CSV, JSON or a table on stdout."""
    if fmt == "csv":
        typer.echo(frame.write_csv(), nl=False)
    elif fmt == "json":
        typer.echo(frame.write_json())
    else:
        console.print(frame_table(frame, title))
