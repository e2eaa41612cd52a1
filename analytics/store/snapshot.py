"""What a database knew at a moment, and a fingerprint of what it holds now.

:func:`snapshot` copies into an in-memory store only the rows of ingests that had *finished*
by a moment (an ingest is one transaction, so rows of an ingest still running then were not
visible); reports and queries over it reproduce what was published at that moment.
:func:`data_state` is the fingerprint a report records (newest ingest, checksums).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from analytics.store.database import Store

__all__ = ["SnapshotError", "snapshot", "data_state"]


class SnapshotError(RuntimeError):
    """The database cannot be copied as of a moment (written by another version)."""


_COPY_SKIP: Final = frozenset({"oblasts", "oblast_aliases"})


def snapshot(store: Store, known_at: dt.datetime) -> Store:
    """An in-memory store holding only what ``store`` knew at ``known_at`` (UTC).

    Rows of every table that carries ``ingest_id`` are kept when their ingest had finished by
    ``known_at``; the ``ingests`` table likewise. Views and macros are the package's own.
    """
    snap = Store(":memory:")
    ts = known_at.replace(tzinfo=None) if known_at.tzinfo is None else _naive_utc(known_at)
    tables = store.query(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' order by table_name"
    )["table_name"].to_list()
    for name in tables:
        if name in _COPY_SKIP:
            continue
        cols = _columns(store, name)
        if name == "ingests":
            where, params = "where finished_at <= ?", [ts]
        elif "ingest_id" in cols:
            where = "where ingest_id in (select ingest_id from ingests where finished_at <= ?)"
            params = [ts]
        else:
            where, params = "", []
        ours = set(_columns(snap, name))
        common = [c for c in cols if c in ours]
        if not common:
            continue
        listed = ", ".join(f'"{c}"' for c in common)
        rows = store.query(f'select {listed} from "{name}" {where}', params)
        if rows.height == 0:
            continue
        snap.con.register("_snap_rows", rows.to_arrow())
        try:
            snap.con.execute(f'insert into "{name}" by name select * from _snap_rows')
        except Exception as err:  # a database written by another version of the package
            snap.close()
            raise SnapshotError(
                f"cannot copy table {name} for --known-at (database schema differs from this "
                f"version of strike-analytics): {err}"
            ) from err
        snap.con.unregister("_snap_rows")
    return snap


def _columns(store: Store, table: str) -> list[str]:
    return store.query(
        "select column_name from duckdb_columns() where database_name = current_database() "
        "and schema_name = 'main' and table_name = ? order by column_index",
        [table],
    )["column_name"].to_list()


def _naive_utc(ts: dt.datetime) -> dt.datetime:
    return ts.astimezone(dt.UTC).replace(tzinfo=None)


def data_state(store: Store) -> dict[str, Any]:
    """What a report was built from: newest ingest id, ingest count, ``Store.checksum()``
    (incident revisions only) and ``data_checksum``, which also covers every versioned source
    table (alerts, attack waves, ...), so a database without incidents still has a checksum
    that changes with its data."""
    max_id, n = store.query(
        "select max(ingest_id) as m, cast(count(*) as bigint) as n from ingests"
    ).row(0)
    checksum = store.checksum()
    tables = store.versioned_tables()
    data = store.data_checksum(checksum=checksum, tables=tables)  # hashes revisions once
    return {"max_ingest_id": max_id, "ingests": n, "checksum": checksum, "data_checksum": data,
            "tables": tables}  # fmt: skip
