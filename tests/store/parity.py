"""What two ingest paths must store alike: revisions, quarantine rows, ingest summaries, flags."""

from __future__ import annotations

import polars as pl

from analytics.store import Store


def store_contents(store: Store) -> dict[str, pl.DataFrame]:
    """Everything an ingest wrote, without its ids and clock times (which differ by path)."""
    return {
        "revisions": store.query(
            "select * exclude (ingest_id, recorded_at) from incident_revisions "
            "order by incident_id, revision"
        ),
        "quarantine": store.query(
            "select * exclude (ingest_id) from quarantine order by row_number"
        ),
        "ingests": store.query(
            "select * exclude (ingest_id, started_at, finished_at) from ingests order by ingest_id"
        ),
        "flags": store.query("select count(*) as n from data_flags"),
    }
