"""The ``strike-analytics`` command line (typer + rich): the only module that knows the terminal.

Exit codes: 0 success (quarantined rows are not an error), 1 unexpected failure,
2 input that cannot be read as the requested kind (nothing written), 3 nothing to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from analytics.config import Settings

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
console = Console()
err_console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        from analytics import __version__

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


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB file. Default: $STRIKE_ANALYTICS_DB, else strikes.duckdb in the working directory.",
        show_default=False,
    ),
]


def _settings(db: Path | None) -> Settings:
    return Settings().with_db(db)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".")  # display only; csv/json keep full values
    return str(value)


def _frame_table(frame: object, title: str) -> Table:
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    table = Table(title=title, title_justify="left", box=None, header_style="bold")
    cells = [["" if v is None else _cell(v) for v in row] for row in frame.iter_rows()]
    for i, (col, dtype) in enumerate(zip(frame.columns, frame.dtypes, strict=True)):
        widest = max((len(r[i]) for r in cells), default=0)
        # never break a value in the middle: headers wrap at "_", values keep their width
        table.add_column(
            col.replace("_", " "),
            justify="right" if dtype.is_numeric() else "left",
            min_width=min(widest, 16),
        )
    for row in cells:
        table.add_row(*row)
    return table


@app.command()
def ingest(
    kind: Annotated[
        str,
        typer.Argument(
            help="Source kind: csv (canonical columns), acled, ucdp, missiles, alerts, "
            "mapped (needs --mapping), bulletin."
        ),
    ],
    paths: Annotated[list[Path], typer.Argument(help="Files to ingest, each in one transaction.")],
    db: DbOption = None,
    mapping: Annotated[
        Path | None, typer.Option(help="TOML column mapping for kind 'mapped'.")
    ] = None,
) -> None:
    """Read source files, validate them and append them to the database.

    Each file is one transaction: either all its rows are recorded (accepted or quarantined
    with a reason) or nothing is. Re-ingesting a file adds nothing; a newer release adds new
    incidents and new revisions of changed ones. Exit 2 when a file cannot be read as KIND.
    """
    from analytics.sources.base import ADAPTERS, SourceFormatError
    from analytics.store import Store

    if kind == "csv" and mapping is not None:
        kind = "mapped"  # `ingest csv --mapping FILE.toml` is the mapped CSV adapter
    if kind not in ADAPTERS:
        err_console.print(
            f"[bold red]error:[/] unknown source kind {kind!r}; choose one of {sorted(ADAPTERS)}"
        )
        raise typer.Exit(2)
    if kind == "mapped" and mapping is None:
        err_console.print(
            "[bold red]error:[/] kind 'mapped' needs --mapping FILE.toml (see docs/mapped_csv.md)"
        )
        raise typer.Exit(2)
    options = {"mapping": mapping} if mapping is not None else {}
    settings = _settings(db)
    table = Table("file", "read", "new", "revised", "unchanged", "quarantined", title="Ingest")
    with Store(settings.db_path) as store, _progress() as progress:
        task = progress.add_task("ingest", total=len(paths))
        for path in paths:
            progress.update(task, description=f"{kind}: {path.name}")
            try:
                result = store.ingest_file(
                    kind,
                    path,
                    progress=lambda msg, name=path.name: progress.update(
                        task, description=f"{name}: {msg}"
                    ),
                    **options,
                )
            except (SourceFormatError, ValueError, OSError) as err:
                progress.stop()
                if table.row_count:  # earlier files were committed: say so
                    console.print(table)
                    console.print(f"database: {settings.db_path} (the files above were ingested)")
                why = err if isinstance(err, ValueError) else f"{path}: {err}"
                err_console.print(f"[bold red]error:[/] {why}")
                err_console.print(f"Nothing was written for {path}.")
                raise typer.Exit(2) from None
            progress.advance(task)
            table.add_row(
                path.name,
                f"{result.rows_read:,}",
                f"{result.rows_new:,}",
                f"{result.rows_revised:,}",
                f"{result.rows_unchanged:,}",
                f"{result.rows_quarantined:,}",
            )
            for warning in result.warnings:
                err_console.print(f"[yellow]warning:[/] {path.name}: {warning}")
    console.print(table)
    console.print(f"database: {settings.db_path}")


@app.command()
def status(db: DbOption = None) -> None:
    """Show what the database holds and how trustworthy it is.

    Incidents by source and date range, how region names resolved (to an oblast, to a named
    non-oblast target, or not at all) per table and source, every ingest, quarantined rows by
    reason, and the most common region names that did not resolve.
    """
    from analytics.store import Store

    settings = _settings(db)
    if not settings.db_path.exists():
        err_console.print(f"[red]no database at {settings.db_path}[/]")
        raise typer.Exit(1)
    with Store(settings.db_path, read_only=True) as store:
        for name, frame in store.status().items():
            console.print(_status_table(frame, name))


def _status_table(frame: object, title: str) -> Table:
    """A compact table that stays readable in an 80-column terminal: numbers right-aligned
    with thousands separators and never wrapped, text folded, headers wrapped at spaces."""
    import polars as pl
    from rich import box

    assert isinstance(frame, pl.DataFrame)
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
        # numbers are never broken, text wraps at spaces (long tokens fold), headers at spaces
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


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Folder for the synthetic sample CSV.")] = Path(
        "data/sample"
    ),
    db: Annotated[Path, typer.Option("--db", help="Demo database to (re)create.")] = Path(
        "data/demo.duckdb"
    ),
    days: Annotated[int, typer.Option(help="Days of synthetic history.")] = 730,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same data).")] = 20220224,
) -> None:
    """Write a deterministic, clearly labelled SYNTHETIC sample and ingest it into a demo database.

    The sample is invented (negative-binomial daily counts per oblast, front-line oblasts
    hotter, a weekly pattern, a rising drone share, zero-heavy casualties). It is for trying
    the package, never for conclusions about real events.
    """
    from analytics.demo import SYNTHETIC_SOURCE, write_demo
    from analytics.store import Store

    if db.exists():  # never delete a database that holds anything but the synthetic demo
        with Store(db, read_only=True) as old:
            others = old.query(
                "select distinct source from ingests where source <> ? order by 1",
                [SYNTHETIC_SOURCE],
            )["source"].to_list()
        if others:
            err_console.print(
                f"[bold red]error:[/] {db} holds real ingests ({', '.join(others)}); the demo "
                "only replaces a demo database. Choose another --db."
            )
            raise typer.Exit(2)
    with console.status("generating synthetic sample"):
        path = write_demo(out, days=days, seed=seed)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with Store(db) as store, console.status("ingesting"):
        result = store.ingest_file("csv", path)
    console.print(
        f"[bold]SYNTHETIC[/] sample: {path} ({result.rows_read:,} rows)\n"
        f"demo database: {db} ({result.rows_new:,} incidents, "
        f"{result.rows_quarantined} quarantined on purpose)"
    )


@app.command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Output folder for Parquet files.")],
    db: DbOption = None,
) -> None:
    """Export the latest revision of every incident as Parquet, partitioned by year and month.

    Hive layout (year=2024/month=3/...), readable by Spark, Trino, pandas or polars.
    """
    from analytics.store import Store

    db_path = _settings(db).db_path
    if not db_path.is_file():
        err_console.print(f"[bold red]error:[/] no database at {db_path}")
        raise typer.Exit(1)
    with Store(db_path, read_only=True) as store:
        try:
            out = store.export_parquet(parquet)
        except FileExistsError as err:
            err_console.print(f"[bold red]error:[/] {err}")
            raise typer.Exit(2) from None
        n = int(store.query("select count(*) as n from incidents")["n"][0])
    console.print(f"wrote {n:,} incidents to {out} (replacing any previous export there)")


@app.command()
def fetch(
    source: Annotated[str, typer.Argument(help="alerts, ucdp or acled.")],
    db: DbOption = None,
    dest: Annotated[
        Path | None, typer.Option(help="Download folder (default data/raw/<source>).")
    ] = None,
    ingest_after: Annotated[
        bool, typer.Option("--ingest/--no-ingest", help="Ingest what was downloaded.")
    ] = True,
) -> None:
    """Download a public source into data/raw/ (with sha256 and retrieval time), then ingest it.

    ACLED needs ACLED_USERNAME and ACLED_PASSWORD (OAuth); UCDP uses UCDP_ACCESS_TOKEN when set.
    A failed or incomplete download leaves no file and ingests nothing.
    """
    from analytics.sources.fetch import FetchError
    from analytics.sources.fetch import fetch as do_fetch
    from analytics.store import Store

    settings = _settings(db)
    from analytics.sources.fetch import SOURCES

    if source not in SOURCES:
        err_console.print(
            f"[bold red]error:[/] unknown source {source!r}; choose one of {sorted(SOURCES)}"
        )
        raise typer.Exit(2)
    target = dest or settings.data_dir / "raw" / source
    try:
        with _progress() as progress:
            task = progress.add_task(f"download {source}", total=None)
            files = do_fetch(
                source,
                dest=target,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
    except FetchError as err:
        err_console.print(f"[bold red]fetch failed:[/] {err}")
        raise typer.Exit(1) from None
    for f in files:
        console.print(f"downloaded {f.path} ({f.bytes:,} bytes, sha256 {f.sha256[:12]}…)")
    if ingest_after:
        from analytics.sources.base import SourceFormatError

        with Store(settings.db_path) as store:
            for f in files:
                try:
                    result = store.ingest_file(f.kind, f.path)
                except SourceFormatError as err:
                    err_console.print(
                        f"[bold red]error:[/] the download is not a {f.kind} file: {err}"
                    )
                    err_console.print(f"Nothing was ingested from {f.path} (kept for inspection).")
                    raise typer.Exit(2) from None
                console.print(
                    f"ingested {f.path.name}: read {result.rows_read:,}, new {result.rows_new:,}, "
                    f"revised {result.rows_revised:,}, quarantined {result.rows_quarantined:,}"
                )


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


# -- commands added by the models and report modules follow ---------------------------------


_FORECAST_CSV = ("metric", "oblast_code", "period_start", "mean", "lo80", "hi80", "lo95", "hi95")


def _metric_series(db: Path | None, metric: str, freq: str, train_end: str | None) -> object:
    import datetime as dt

    import polars as pl

    from analytics.aggregate import METRICS, metric_panel
    from analytics.store import Store

    if metric not in METRICS:
        err_console.print(f"[bold red]error:[/] --metric must be one of {', '.join(METRICS)}")
        raise typer.Exit(2)
    if freq not in ("week", "month"):
        err_console.print("[bold red]error:[/] --freq must be week or month")
        raise typer.Exit(2)
    end: dt.date | None = None
    if train_end:
        try:
            end = dt.date.fromisoformat(train_end)
        except ValueError:
            err_console.print(
                f"[bold red]error:[/] --train-end {train_end!r} is not a date (YYYY-MM-DD)"
            )
            raise typer.Exit(2) from None
    settings = _settings(db)
    if not settings.db_path.exists():
        err_console.print(f"[red]no database at {settings.db_path}[/]")
        raise typer.Exit(1)
    with Store(settings.db_path, read_only=True) as store:
        try:
            panel = metric_panel(store, metric, freq=freq)  # type: ignore[arg-type]
        except ValueError as err:
            err_console.print(f"[bold red]error:[/] {err}")
            raise typer.Exit(3) from None
    if end is not None:  # a period that ends after --train-end is left out entirely
        period_end = (
            pl.col("period") + pl.duration(days=6)
            if freq == "week"
            else pl.col("period").dt.month_end()
        )
        panel = panel.filter(period_end <= end)
    return panel


def _check_output(fmt: str, horizon: int) -> None:
    if fmt not in ("table", "csv", "json"):
        err_console.print(f"[bold red]error:[/] --format must be table, csv or json, not {fmt!r}")
        raise typer.Exit(2)
    if horizon < 1:
        err_console.print("[bold red]error:[/] --horizon must be at least 1")
        raise typer.Exit(2)


def _oblast_option(oblast: str) -> str:
    """national | all | an ISO code; a name ("Kharkiv", "Сумська область") is resolved."""
    import re

    from analytics.oblasts import resolve_oblast

    if oblast in {"national", "all"} or re.fullmatch(r"UA(-\d\d)?", oblast):
        return oblast
    code = resolve_oblast(oblast)
    if code is None:
        err_console.print(
            f"[bold red]error:[/] {oblast!r} names no single oblast; give national, all, "
            "an ISO code such as UA-63 or an oblast name"
        )
        raise typer.Exit(2)
    return code


def _select_series(panel: object, oblast: str) -> tuple[object, bool]:
    """(frame to model, pooled?) for --oblast national|all|CODE."""
    import polars as pl

    assert isinstance(panel, pl.DataFrame)
    if oblast == "national" or oblast == "UA":
        return panel.filter(pl.col("oblast_code") == "UA"), False
    regional = panel.filter(pl.col("oblast_code") != "UA")
    if regional.height == 0:
        err_console.print("[bold red]error:[/] this metric has a national series only")
        raise typer.Exit(2)
    if oblast != "all" and oblast not in set(regional["oblast_code"]):
        err_console.print(f"[bold red]error:[/] unknown oblast code {oblast!r}")
        raise typer.Exit(2)
    return regional, True


def _emit(frame: object, fmt: str, title: str) -> None:
    import polars as pl

    assert isinstance(frame, pl.DataFrame)
    if fmt == "csv":
        typer.echo(frame.write_csv(), nl=False)
    elif fmt == "json":
        typer.echo(frame.write_json())
    else:
        console.print(_frame_table(frame, title))


MetricOption = Annotated[
    str,
    typer.Option(help="incidents, killed, injured, alerts, alert_minutes, waves or launched."),
]
OblastOption = Annotated[
    str, typer.Option(help="An oblast code (UA-63), 'all' (pooled model) or 'national'.")
]
FreqOption = Annotated[str, typer.Option(help="week or month.")]
TrainEndOption = Annotated[
    str | None, typer.Option(help="Fit only on periods ending on or before this date (ISO).")
]
FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json.")]


@app.command()
def forecast(
    metric: MetricOption,
    oblast: OblastOption = "national",
    freq: FreqOption = "week",
    horizon: Annotated[int, typer.Option(help="Periods ahead.")] = 8,
    train_end: TrainEndOption = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Forecast a series with 80% and 95% prediction intervals (integer quantiles).

    A negative binomial autoregression (Poisson when there is no overdispersion); 'all' and
    single oblasts use the pooled model, in which sparse oblasts borrow strength from the rest.
    The csv columns are metric,oblast_code,period_start,mean,lo80,hi80,lo95,hi95.
    """
    import polars as pl

    from analytics.forecast import forecast as do_forecast
    from analytics.forecast import forecast_pooled

    _check_output(fmt, horizon)
    panel = _metric_series(db, metric, freq, train_end)
    oblast = _oblast_option(oblast)
    series, pooled = _select_series(panel, oblast)
    assert isinstance(series, pl.DataFrame)
    if series.height == 0:
        err_console.print("[bold red]error:[/] no complete periods to fit")
        raise typer.Exit(3)
    try:
        if pooled:
            result = forecast_pooled(series, freq=freq, horizon=horizon, metric=metric)
        else:
            result = do_forecast(series, freq=freq, horizon=horizon, metric=metric, key="UA")
    except ValueError as err:
        err_console.print(f"[bold red]error:[/] cannot forecast {metric}: {err}")
        raise typer.Exit(3) from None
    out = result.forecasts
    if oblast not in ("all", "national", "UA"):
        out = out.filter(pl.col("oblast_code") == oblast)
    if fmt != "table":
        out = out.select(_FORECAST_CSV)
    else:
        err_console.print(f"model: {result.model} — {result.reason}")
    _emit(out, fmt, f"forecast: {metric} ({freq})")


@app.command()
def backtest(
    metric: MetricOption,
    oblast: OblastOption = "national",
    freq: FreqOption = "week",
    horizon: Annotated[int, typer.Option(help="Periods ahead at each origin.")] = 4,
    train_end: TrainEndOption = None,
    origins: Annotated[int, typer.Option(help="Number of rolling origins.")] = 12,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Rolling-origin backtest of the forecast model against simple baselines.

    Baselines: naive, seasonal naive and historical mean. Scores: MAE, MASE, CRPS and 80%/95%
    interval coverage, per series and model.
    """
    import polars as pl

    from analytics.backtest import backtest as do_backtest

    _check_output(fmt, horizon)
    if origins < 1:
        err_console.print("[bold red]error:[/] --origins must be at least 1")
        raise typer.Exit(2)
    panel = _metric_series(db, metric, freq, train_end)
    oblast = _oblast_option(oblast)
    series, pooled = _select_series(panel, oblast)
    assert isinstance(series, pl.DataFrame)
    try:
        result = do_backtest(
            series, freq=freq, horizon=horizon, n_origins=origins, metric=metric, pooled=pooled
        )
    except ValueError as err:
        err_console.print(f"[bold red]error:[/] cannot backtest {metric}: {err}")
        raise typer.Exit(3) from None
    table = result.table
    if oblast not in ("all", "national", "UA"):
        table = table.filter(pl.col("oblast_code") == oblast)
    if fmt == "table":
        err_console.print(result.model_note)
        table = table.with_columns(pl.selectors.float().round(3))
    _emit(table, fmt, f"backtest: {metric} ({freq}, horizon {horizon})")


@app.command()
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
    from analytics.report import ReportError, ReportLocked, build_report

    settings = _settings(db)
    root = out or settings.reports_dir
    try:
        with console.status("building report"):
            result = build_report(
                settings.db_path, period=period, as_of=as_of, known_at=known_at, out=root,
                formats=fmt, if_changed=if_changed,
            )  # fmt: skip
    except ReportLocked as err:
        err_console.print(f"[bold yellow]locked:[/] {err}")
        raise typer.Exit(4) from None
    except (ReportError, ValueError) as err:
        err_console.print(f"[bold red]error:[/] {err}")
        raise typer.Exit(1) from None
    if result.skipped:
        console.print(f"skipped: {result.message}")
        raise typer.Exit(3)
    if result.synthetic:
        console.print("[bold]SYNTHETIC DATA[/] (demo source): not real events")
    console.print(f"report {result.period.label} written to {result.directory}")
    for path in result.paths:
        console.print(f"  {path}")
