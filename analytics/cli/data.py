"""Commands that put data in and describe it: ingest, fetch, demo, status, export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from analytics.cli._output import (
    DbOption,
    ExitCode,
    WaitOption,
    console,
    fail,
    progress,
    settings_for,
    status_table,
    warn,
    when_free,
)  # fmt: skip
from analytics.cli.coverage import dataset_coverage
from analytics.demo import write_demo
from analytics.schema import SYNTHETIC_SOURCE
from analytics.sources.base import ADAPTERS, SourceFormatError, require_file
from analytics.sources.fetch import SOURCES, URL_ENV, FetchError
from analytics.sources.fetch import fetch as download
from analytics.store import Store

__all__ = ["ingest", "status", "demo", "export", "fetch"]


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
    wait: WaitOption = 0,
) -> None:
    """Read source files, validate them and append them to the database.

    Each file is one transaction: either all its rows are recorded (accepted or quarantined
    with a reason) or nothing is. Re-ingesting a file adds nothing; a newer release adds new
    incidents and new revisions of changed ones. Exit 2 when a file cannot be read as KIND
    (every file is checked to exist before the database is opened or created).
    """
    if kind == "csv" and mapping is not None:
        kind = "mapped"  # `ingest csv --mapping FILE.toml` is the mapped CSV adapter
    if kind not in ADAPTERS:
        fail(f"unknown source kind {kind!r}; choose one of {sorted(ADAPTERS)}", ExitCode.BAD_INPUT)
    if kind == "mapped" and mapping is None:
        fail("kind 'mapped' needs --mapping FILE.toml (see docs/mapped_csv.md)", ExitCode.BAD_INPUT)
    _check_inputs([*paths, *([mapping] if mapping is not None else [])])
    options = {"mapping": mapping} if mapping is not None else {}
    settings = settings_for(db)
    table = Table(title="Ingest")
    for name in ("file", "read", "new", "revised", "unchanged", "quarantined"):
        table.add_column(name, overflow="fold", justify="left" if name == "file" else "right")
    with when_free(wait, lambda: Store(settings.db_path)) as store, progress() as bar:
        task = bar.add_task("ingest", total=len(paths))
        for path in paths:
            bar.update(task, description=f"{kind}: {path.name}")

            def step(msg: str, name: str = path.name) -> None:
                bar.update(task, description=f"{name}: {msg}")

            try:
                result = store.ingest_file(kind, path, progress=step, **options)
            except (SourceFormatError, ValueError) as err:
                bar.stop()
                _partial(table, settings.db_path)
                fail(f"{err}. Nothing was written for {path}.", ExitCode.BAD_INPUT, label="ingest")
            except BaseException:
                bar.stop()
                _partial(table, settings.db_path)
                raise
            bar.advance(task)
            table.add_row(
                path.name,
                f"{result.rows_read:,}",
                f"{result.rows_new:,}",
                f"{result.rows_revised:,}",
                f"{result.rows_unchanged:,}",
                f"{result.rows_quarantined:,}",
            )
            for warning in result.warnings:
                warn(f"{path.name}: {warning}")
    console.print(table)
    console.print(f"database: {settings.db_path}")


def _check_inputs(paths: list[Path]) -> None:
    """Refuse (exit 2) a missing, directory or unreadable input before any database is opened."""
    for path in paths:
        try:
            require_file(path)
        except SourceFormatError as err:
            fail(f"{err}; nothing was written (check the path)", ExitCode.BAD_INPUT, label="ingest")


def _partial(table: Table, db: Path) -> None:
    """Before failing on a file, say which earlier files were committed."""
    if table.row_count:
        console.print(table)
        console.print(f"database: {db} (the files above were ingested)")


def status(db: DbOption = None, wait: WaitOption = 0) -> None:
    """Show what the database holds and how trustworthy it is.

    First every dataset's rows and date range (incidents per source, alerts per dataset,
    attack waves per reporter level: what ``report --as-of`` can cover), then incidents by
    source, how region names resolved (to an oblast, to a named non-oblast target, or not at
    all) per table and source, every ingest, quarantined rows by reason, and the most common
    region names that did not resolve.
    """
    settings = settings_for(db)
    if not settings.db_path.exists():
        fail(f"no database at {settings.db_path}; ingest a file first or give --db")
    with when_free(wait, lambda: Store(settings.db_path, read_only=True)) as store:
        console.print(status_table(dataset_coverage(store), "datasets (rows and date range)"))
        for name, frame in store.status().items():
            console.print(status_table(frame, name))


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
    if db.exists():  # never delete a database that holds anything but the synthetic demo
        with Store(db, read_only=True) as old:
            others = old.query(
                "select distinct source from ingests where source <> ? order by 1",
                [SYNTHETIC_SOURCE],
            )["source"].to_list()
        if others:
            fail(
                f"{db} holds real ingests ({', '.join(others)}); the demo only replaces a demo "
                "database. Choose another --db.",
                ExitCode.BAD_INPUT,
            )
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


def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Output folder for Parquet files.")],
    db: DbOption = None,
    wait: WaitOption = 0,
) -> None:
    """Export the latest revision of every incident as Parquet, partitioned by year and month.

    Hive layout (year=2024/month=3/...), readable by Spark, Trino, pandas or polars.
    """
    db_path = settings_for(db).db_path
    if not db_path.is_file():
        fail(f"no database at {db_path}; ingest a file first or give --db")
    with when_free(wait, lambda: Store(db_path, read_only=True)) as store:
        try:
            out = store.export_parquet(parquet)
        except FileExistsError as err:
            fail(err, ExitCode.BAD_INPUT)
        n = int(store.query("select count(*) as n from incidents")["n"][0])
    console.print(f"wrote {n:,} incidents to {out} (replacing any previous export there)")


def fetch(
    source: Annotated[str, typer.Argument(help="alerts, ucdp or acled.")],
    db: DbOption = None,
    dest: Annotated[
        Path | None, typer.Option(help="Download folder (default data/raw/<source>).")
    ] = None,
    ingest_after: Annotated[
        bool, typer.Option("--ingest/--no-ingest", help="Ingest what was downloaded.")
    ] = True,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            help="Base URL of a mirror of SOURCE (http or https). Default: "
            "$STRIKE_ANALYTICS_<SOURCE>_URL (e.g. STRIKE_ANALYTICS_UCDP_URL), else the "
            "source's own address.",
            show_default=False,
        ),
    ] = None,
    wait: WaitOption = 0,
) -> None:
    """Download a public source into data/raw/ (with sha256 and retrieval time), then ingest it.

    ACLED needs ACLED_USERNAME and ACLED_PASSWORD (OAuth); UCDP uses UCDP_ACCESS_TOKEN when set.
    A failed, incomplete, too slow or too large download leaves no file and ingests nothing
    (exit 8). --url (or STRIKE_ANALYTICS_ALERTS_URL, _UCDP_URL, _ACLED_URL) points at a mirror.
    """
    settings = settings_for(db)
    if source not in SOURCES:
        fail(f"unknown source {source!r}; choose one of {sorted(SOURCES)}", ExitCode.BAD_INPUT)
    if url is not None and not url.lower().startswith(("http://", "https://")):
        fail(f"--url {url!r} is not an http(s) address", ExitCode.BAD_INPUT)
    if ingest_after and settings.db_path.is_dir():  # before downloading, not after
        fail(f"{settings.db_path} is a directory, not a database file; give --db a file path",
             ExitCode.DB_UNUSABLE, label="database unusable")  # fmt: skip
    target = dest or settings.data_dir / "raw" / source
    try:
        with progress() as bar:
            task = bar.add_task(f"download {source}", total=None)
            files = download(
                source,
                dest=target,
                base_urls=None if url is None else {source: url},
                progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
    except FetchError as err:
        hint = (
            "" if URL_ENV[source] in str(err) else f" ({URL_ENV[source]} or --url names a mirror)"
        )
        fail(f"{err}{hint}", ExitCode.FETCH_FAILED, label="fetch failed")
    for f in files:
        console.print(f"downloaded {f.path} ({f.bytes:,} bytes, sha256 {f.sha256[:12]}…)")
    if not ingest_after:
        return
    with when_free(wait, lambda: Store(settings.db_path)) as store:
        for f in files:
            try:
                result = store.ingest_file(f.kind, f.path)
            except SourceFormatError as err:
                fail(
                    f"the download is not a {f.kind} file: {err}. Nothing was ingested from "
                    f"{f.path} (kept for inspection).",
                    ExitCode.BAD_INPUT,
                    label="ingest",
                )
            console.print(
                f"ingested {f.path.name}: read {result.rows_read:,}, new {result.rows_new:,}, "
                f"revised {result.rows_revised:,}, quarantined {result.rows_quarantined:,}"
            )
