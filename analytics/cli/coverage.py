"""What each dataset covers: rows and date range, so a user can pick ``report --as-of``."""

from __future__ import annotations

import duckdb
import polars as pl

from analytics.store import Store

__all__ = ["dataset_coverage", "COVERAGE_QUERIES"]

#: One query per dataset: (dataset, part, rows, first day, last day). Alerts are dated by their
#: UTC start, attack waves by their Kyiv start as written, incidents by their day.
COVERAGE_QUERIES: dict[str, str] = {
    "incidents": """
        select 'incidents' as dataset, 'source: ' || source as part, count(*) as rows,
               min(occurred_on) as "first day", max(occurred_on) as "last day"
        from incidents group by source""",
    "alerts": """
        select 'alerts', 'dataset: ' || coalesce(dataset, '?') || ' (' || coalesce(lang, '?')
               || ')', count(*), cast(min(started_at) as date), cast(max(started_at) as date)
        from alerts_latest group by dataset, lang""",
    "attack waves": """
        select 'attack waves', 'reporter level: ' || coalesce(reporter_level, 'unknown'),
               count(*), cast(min(time_start) as date), cast(max(time_start) as date)
        from attack_waves_latest group by reporter_level""",
}


def dataset_coverage(store: Store) -> pl.DataFrame:
    """Rows and first/last day of every dataset in ``store``, one row per part.

    Incidents per source, alerts per dataset and language, attack waves per reporter level.
    A dataset with no rows gets a row of 0 with empty dates, so the table always says what is
    missing; a database too old to hold a dataset's table says so in ``part``.

    Examples
    --------
    >>> with Store(":memory:") as s:
    ...     dataset_coverage(s)["rows"].to_list()
    [0, 0, 0]
    """
    frames = []
    for name, sql in COVERAGE_QUERIES.items():
        try:
            frame = store.query(sql)
        except duckdb.CatalogException:
            frame = None
            part = "(not in this database: ingest once with this version)"
        else:
            part = "(none)"
        if frame is None or frame.height == 0:
            frame = pl.DataFrame(
                {"dataset": [name], "part": [part], "rows": [0], "first day": [None],
                 "last day": [None]},
            )  # fmt: skip
        frames.append(
            frame.rename(
                dict(
                    zip(
                        frame.columns,
                        ["dataset", "part", "rows", "first day", "last day"],
                        strict=True,
                    )
                )
            )  # fmt: skip
            .cast({"rows": pl.Int64, "first day": pl.Date, "last day": pl.Date})
            .sort("part")
        )
    return pl.concat(frames)
