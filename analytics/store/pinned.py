"""Pinned latest revisions: the ``incidents`` view computed once for a run of many queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

import duckdb

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = ["PINNED_VIEW", "pinned_incidents"]

#: The view that :func:`pinned_incidents` materialises (see ``sql/views.sql``).
PINNED_VIEW: Final = "incidents"


@contextmanager
def pinned_incidents(store: Store) -> Iterator[bool]:
    """Compute the ``incidents`` view (latest revision of each incident) once, for a block.

    ``incidents`` is a window over every revision; a report asks it a dozen questions (date
    range, sources, oblast and type totals, coverage), each re-ranking all revisions. Inside
    the block a temporary table ``temp.incidents`` holds the view's rows. DuckDB resolves an
    unqualified name in the ``temp`` catalog first, so every query and view that reads
    ``incidents`` (``weekly_source_oblast``, ...) reads these rows instead: the same rows,
    ranked once, and all from one state of the database even if an ingest commits meanwhile.
    The table is dropped when the block ends, also on error. Works on read-only stores (the
    temp catalog is in memory).

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
    try:
        con.execute(
            f'create temp table "{PINNED_VIEW}" as select * from "{database}".main."{PINNED_VIEW}"'
        )
    except duckdb.Error:  # e.g. out of memory: the view answers as before, only slower
        yield False
        return
    try:
        yield True
    finally:
        con.execute(f'drop table if exists temp."{PINNED_VIEW}"')
