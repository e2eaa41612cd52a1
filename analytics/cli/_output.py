"""What every command shares: the consoles, one way to fail, exit codes, tables, progress.

Every failure goes through :func:`fail`: one plain sentence on stderr naming the file or
resource and what to do, and an :class:`ExitCode` (docs/cli_errors.md lists them all).
:func:`guarded` wraps each command so that an exception no command handles still ends that
way, never as a traceback.
"""

from __future__ import annotations

import errno
import functools
import os
import time
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Annotated, NoReturn, ParamSpec, TypeVar

import duckdb
import polars as pl
import typer
from rich import box
from rich.console import Console, ConsoleDimensions
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from analytics.config import Settings
from analytics.store.database import (
    DatabaseBusy,
    DatabaseError,
    DatabaseFull,
    DatabaseUnusable,
    open_error,
)

__all__ = [
    "ExitCode", "console", "err_console", "fail", "warn", "settings_for", "frame_table",
    "status_table", "progress", "emit", "DbOption", "WaitOption", "guarded", "when_free",
    "PipeConsole", "PIPE_WIDTH",
]  # fmt: skip

P = ParamSpec("P")
T = TypeVar("T")

#: Line width when stdout is not a terminal and $COLUMNS is unset: wide enough that no path,
#: URL or table cell is ever wrapped or cut in a pipe, a log or a cron mail.
PIPE_WIDTH = 10_000


class PipeConsole(Console):
    """A rich console that wraps only for a terminal.

    In a terminal it behaves as rich does (the terminal's width). When the output goes to a
    pipe or a file it uses ``$COLUMNS`` when set, else :data:`PIPE_WIDTH`. Text is never
    wrapped by rich (``soft_wrap``), so a message or log line holds a whole path or URL;
    tables fit the width and fold, never cut, a cell that does not fit.
    """

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("soft_wrap", True)  # text is never broken; tables fit the width
        super().__init__(**kwargs)  # type: ignore[arg-type]

    @property
    def size(self) -> ConsoleDimensions:
        dims = super().size
        if self.is_terminal or os.environ.get("COLUMNS", "").isdigit() or self._width:
            return dims
        return ConsoleDimensions(PIPE_WIDTH, dims.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


console = PipeConsole()
err_console = PipeConsole(stderr=True)


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
    #: Another process is using the database (DuckDB: one writer process at a time); --wait.
    DB_BUSY = 5
    #: --db is a directory, not a DuckDB database, or a damaged one (it was not changed).
    DB_UNUSABLE = 6
    #: The disk is full; the transaction was rolled back or the report left unpublished.
    NO_SPACE = 7
    #: A download failed, was cut off, too slow or too large (nothing saved or ingested).
    FETCH_FAILED = 8
    #: Interrupted (Ctrl-C or SIGINT); an open transaction was rolled back.
    INTERRUPTED = 130


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB file. Default: $STRIKE_ANALYTICS_DB, else strikes.duckdb in the working directory.",
        show_default=False,
    ),
]


WaitOption = Annotated[
    float,
    typer.Option(
        "--wait",
        min=0,
        max=86_400,
        help="When another process is using the database, retry for up to SECONDS "
        "(default 0: exit 5 at once).",
        metavar="SECONDS",
    ),
]

_WAITING = (ExitCode.LOCKED, ExitCode.DB_BUSY)


def fail(message: object, code: ExitCode = ExitCode.ERROR, *, label: str = "error") -> NoReturn:
    """Print one plain sentence on stderr and exit with ``code``."""
    colour = "yellow" if code in _WAITING else "red"
    text = " ".join(str(message).split())  # one line, whatever the exception text held
    err_console.print(f"[bold {colour}]{escape(label)}:[/] {escape(text)}", highlight=False)
    raise typer.Exit(int(code))


def when_free(wait: float, open_: Callable[[], T]) -> T:
    """``open_()``, retried while it raises :class:`DatabaseBusy`, for up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return open_()
        except DatabaseBusy as err:
            left = deadline - time.monotonic()
            if left <= 0:
                raise
            if not told:
                err_console.print(f"waiting up to {wait:g} s: {err}", highlight=False)
                told = True
            time.sleep(min(0.5, left))


def _database_failure(err: DatabaseError) -> NoReturn:
    if isinstance(err, DatabaseBusy):
        fail(err, ExitCode.DB_BUSY, label="database busy")
    if isinstance(err, DatabaseFull):
        fail(err, ExitCode.NO_SPACE, label="disk full")
    if isinstance(err, DatabaseUnusable):
        fail(err, ExitCode.DB_UNUSABLE, label="database unusable")
    fail(err)


def _os_failure(err: OSError) -> NoReturn:
    where = err.filename or "a file"
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        fail(
            f"the disk is full (writing {where}); free some space and run the command again "
            "(nothing was left half-written)",
            ExitCode.NO_SPACE,
            label="disk full",
        )
    if err.errno in (errno.EEXIST, errno.ENOTDIR):
        path = Path(str(where))
        blocking = next((p for p in (path, *path.parents) if p.is_file()), None)
        if blocking is not None:
            needed = "" if blocking == path else f" (for {path})"
            fail(f"{blocking} is a file where a folder is needed{needed}; choose another path")
    reason = err.strerror or str(err)
    fail(f"cannot use {where}: {reason}; check the path and its permissions")


def guarded(command: Callable[P, None]) -> Callable[P, None]:
    """Run ``command`` so that every failure ends in :func:`fail`, never in a traceback.

    Database errors, a full disk and other OS errors get their documented codes; anything else
    is reported as an internal error in one line (set ``STRIKE_ANALYTICS_DEBUG=1`` to see the
    traceback).
    """

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.TyperException):  # typer's own usage errors
            raise
        except KeyboardInterrupt:
            fail("interrupted; nothing was left half-written", ExitCode.INTERRUPTED)
        except DatabaseError as err:
            _database_failure(err)
        except OSError as err:  # names its own file: a full disk, a permission, a bad path
            _os_failure(err)
        except duckdb.Error as err:  # DuckDB found its file busy, damaged or its disk full
            db = kwargs.get("db")
            known = open_error(settings_for(db if isinstance(db, Path) else None).db_path, err)
            if known is not None:
                _database_failure(known)
            _internal(err)
        except Exception as err:  # the last resort: still one sentence, no traceback
            _internal(err)

    return run


def _internal(err: BaseException) -> NoReturn:
    if os.environ.get("STRIKE_ANALYTICS_DEBUG"):
        raise err
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    fail(
        f"unexpected {type(err).__name__}{': ' + first if first else ''}. This is a bug: please "
        "report it with the command you ran (STRIKE_ANALYTICS_DEBUG=1 shows the details); "
        "the database was left as it was",
        label="internal error",
    )


def warn(message: object) -> None:
    """Print a warning on stderr (the command goes on)."""
    err_console.print(f"[yellow]warning:[/] {escape(str(message))}", highlight=False)


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
            overflow="fold",  # a narrow terminal folds a cell; nothing is ever cut
        )
    for row in cells:
        table.add_row(*(Text(c) for c in row))  # cells are data, never rich markup
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
        table.add_row(*(Text(c) for c in row_cells))
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
