"""Pinned views: the ``incidents`` view (and small views over it) computed once for a run of
many queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

import duckdb

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = ["PINNED_VIEW", "pinned_incidents", "pinned_views"]

#: The view that :func:`pinned_incidents` materialises (see ``sql/views.sql``).
PINNED_VIEW: Final = "incidents"
#: The table of every revision that view ranks.
REVISIONS: Final = "incident_revisions"


@contextmanager
def pinned_incidents(store: Store, columns: Sequence[str] | None = None) -> Iterator[bool]:
    """Compute the ``incidents`` view (latest revision of each incident) once, for a block.

    ``incidents`` is a window over every revision; a report asks it a dozen questions (date
    range, sources, oblast and type totals, coverage), each re-ranking all revisions. Inside
    the block a temporary table ``temp.incidents`` holds the view's rows. DuckDB resolves an
    unqualified name in the ``temp`` catalog first, so every query and view that reads
    ``incidents`` (``weekly_source_oblast``, ...) reads these rows instead: the same rows,
    ranked once, and all from one state of the database even if an ingest commits meanwhile.
    The table is dropped when the block ends, also on error. Works on read-only stores (the
    temp catalog is in memory).

    ``columns``: pin only these columns of the view (default: all). Copying the long text
    columns (notes, URLs, settlements) of every latest revision is most of the pin's cost, so
    a caller that knows what it reads names it; inside the block a query or view that reads
    another column of ``incidents`` fails with DuckDB's binder error, never a silent NULL.
    Names the view does not have (a database from an older version) are left out.

    On a read-only store where no incident has been revised, the pin is a temporary *view* of
    the revisions table instead (same rows: every revision is then the latest; nothing ranked,
    nothing copied).

    Yields True when the view was pinned, False when it was left alone: the store has no
    ``incidents`` view, or a temporary ``incidents`` exists already (a caller's pin).
    """
    con = store.con
    exists = con.execute(
        "select count(*) filter (where database_name = 'temp'), "
        "count(*) filter (where database_name = current_database() and schema_name = 'main') "
        "from duckdb_views() where view_name = ?",
        [PINNED_VIEW],
    ).fetchall()[0]
    temp_tables = con.execute(
        "select count(*) from duckdb_tables() where database_name = 'temp' and table_name = ?",
        [PINNED_VIEW],
    ).fetchall()[0][0]
    if exists[0] or temp_tables or not exists[1]:
        yield False
        return
    database = str(con.execute("select current_database()").fetchall()[0][0]).replace('"', '""')
    listed = "*" if columns is None else _listed(con, columns)
    kind = "view" if _frozen_and_unrevised(store, database) else "table"
    source = REVISIONS if kind == "view" else PINNED_VIEW
    try:
        con.execute(
            f'create temp {kind} "{PINNED_VIEW}" as '
            f'select {listed} from "{database}".main."{source}"'
        )
    except duckdb.Error:  # e.g. out of memory: the view answers as before, only slower
        yield False
        return
    try:
        yield True
    finally:
        con.execute(f'drop {kind} if exists temp."{PINNED_VIEW}"')


def _frozen_and_unrevised(store: Store, database: str) -> bool:
    """True when no row of ``incident_revisions`` has a revision other than 1 and no other
    connection can add one while the pin lasts (a read-only store: DuckDB lets no process
    write a file that a read-only connection holds open).

    Then every revision is the latest and the ``incidents`` view returns the table's rows as
    they are: the pin is a temporary view of the table's columns, which ranks nothing and
    copies nothing (copying a million latest revisions was most of a report's query stage).
    """
    if not store.read_only:
        return False
    try:
        revised = _value(
            store.con,
            f'select count(*) from (select 1 from "{database}".main."{REVISIONS}" '
            "where revision <> 1 limit 1)",
        )
    except duckdb.Error:  # no such table (an older or foreign database): copy the view
        return False
    return revised == 0


def _value(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    """The first value of the first row ``sql`` returns."""
    return con.execute(sql).fetchall()[0][0]


def _listed(con: duckdb.DuckDBPyConnection, columns: Sequence[str]) -> str:
    """The select list of ``columns`` that the ``incidents`` view has, in the view's order."""
    have = [
        str(row[0])
        for row in con.execute(
            "select column_name from duckdb_columns() where database_name = current_database() "
            "and schema_name = 'main' and table_name = ? order by column_index",
            [PINNED_VIEW],
        ).fetchall()
    ]
    wanted = set(columns)
    chosen = [c for c in have if c in wanted]
    return ", ".join('"' + c.replace('"', '""') + '"' for c in chosen) or "*"


@contextmanager
def pinned_views(store: Store, names: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """Compute each of the views ``names`` once, in order, for a block (temp tables).

    For small views that several queries of a run read, each recomputing them from
    ``incidents`` (``source_gaps`` under ``source_day_coverage`` under ``incident_coverage``
    and the period coverage views): inside the block ``temp.<name>`` holds the view's rows, and
    every query and view that reads ``<name>`` reads them instead (DuckDB resolves a name in the
    ``temp`` catalog first). Pin them in dependency order, inside :func:`pinned_incidents`, so
    each is computed from the ones pinned before it and all from one state of the database.

    A name is left alone when the store has no such view, when a temporary object of that name
    exists (a caller's pin, or the temporary views a read-only store from an older version
    gets), or when computing it fails (it then answers as before). Tables are dropped when the
    block ends, also on error. Yields the names pinned.
    """
    con = store.con
    database = str(con.execute("select current_database()").fetchall()[0][0]).replace('"', '""')
    done: list[str] = []
    try:
        for name in names:
            if not _view_to_pin(con, name):
                continue
            quoted = '"' + name.replace('"', '""') + '"'
            try:
                con.execute(
                    f'create temp table {quoted} as select * from "{database}".main.{quoted}'
                )
            except duckdb.Error:  # e.g. a table the view reads is missing: left as a view
                continue
            done.append(quoted)
        yield tuple(n.strip('"') for n in done)
    finally:
        for quoted in reversed(done):
            con.execute(f"drop table if exists temp.{quoted}")


def _view_to_pin(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """True when ``name`` is a view of the main schema and no temporary object has its name."""
    views, temps = con.execute(
        "select count(*) filter (where database_name = current_database() "
        "and schema_name = 'main'), count(*) filter (where database_name = 'temp') "
        "from duckdb_views() where view_name = ?",
        [name],
    ).fetchall()[0]
    temp_tables = con.execute(
        "select count(*) from duckdb_tables() where database_name = 'temp' and table_name = ?",
        [name],
    ).fetchall()[0][0]
    return bool(views) and not temps and not temp_tables
