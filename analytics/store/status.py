"""What a database holds, as named frames for people (``strike-analytics status``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb
import polars as pl

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = ["status"]


def status(store: Store) -> dict[str, pl.DataFrame]:
    """What the database holds, as named frames (used by ``strike-analytics status``).

    Column names are meant for people (``strike-analytics status`` prints them as they are).
    A view that a database written by an older version lacks gives a one-row note instead
    (any write, e.g. an ingest, brings the views up to date).
    """

    def q(sql: str) -> pl.DataFrame:
        try:
            return store.query(sql)
        except duckdb.CatalogException as err:
            first = str(err).splitlines()[0]
            return pl.DataFrame({"note": [f"not available in this database ({first})"]})

    return {
        "incidents by source": q(
            """select source, count(*) as incidents, min(occurred_on) as "first day",
                      max(occurred_on) as "last day", count(killed) as "killed reported",
                      count(injured) as "injured reported"
               from incidents group by source order by source"""
        ),
        "region resolution (unresolved rate per source)": q(
            """select case "table" when 'attack_wave_targets' then 'attack waves: '
                                  else "table" || ': ' end || source as "rows of",
                      rows, to_oblast as "to oblast", to_named_target as "named target",
                      unresolved,
                      round(100.0 * unresolved / nullif(rows, 0), 2) as "% unresolved"
               from region_resolution order by "table", source"""
        ),
        "ingests": q(
            """select ingest_id as id, regexp_extract(file, '[^/]*$') as file,
                      rows_read as read, rows_new as new, rows_revised as revised,
                      rows_unchanged as unchanged, rows_quarantined as quarantined,
                      strftime(finished_at, '%Y-%m-%d %H:%M') as "finished (UTC)"
               from ingests order by ingest_id"""
        ),
        "quarantined rows by source and column": q(
            """select source, coalesce(column_name, '(row)') as "column", count(*) as rows,
                      min(reason) as "example reason"
               from quarantine_current group by all order by rows desc, 1, 2 limit 20"""
        ),
        "unresolved region names (most common)": q(
            """select * from (
                   select source, coalesce(region_raw, '(none given)') as "region as written",
                          incidents as rows
                   from unresolved_regions
                   union all
                   select 'attack waves: ' || field, coalesce(text, '(none given)'),
                          count(*)
                   from attack_wave_targets_latest
                   where oblast_code is null and target_label is null
                     and field <> 'launched_details'
                   group by all
               ) order by rows desc, 1, 2 limit 15"""
        ),
        "coverage gaps (4+ weeks with no incident from a source)": q(
            """select source, first_empty_week, last_empty_week, empty_weeks
               from source_gaps order by source, first_empty_week"""
        ),
    }
