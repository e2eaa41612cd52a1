"""The report pins only the columns of ``incidents`` it reads, and the coverage views over
them, and reads the same data so."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl

from analytics.demo import write_demo
from analytics.report.content import ReportData, SeriesData, period_containing
from analytics.report.quality import with_quality
from analytics.report.series import (
    INCIDENT_COLUMNS,
    REPORT_VIEWS,
    load_report_data,
    load_series,
)
from analytics.store import Store
from analytics.store.pinned import pinned_incidents, pinned_views

#: A second source with a revision, a flag-free NULL oblast and an unresolved region, so the
#: views that read ``revision``, ``recorded_at`` and ``region_raw`` have rows to read.
EXTRA = (
    "source,source_event_id,occurred_on,oblast_code,region_raw,strike_type,killed,injured\n"
    "other,x1,{d},UA-32,Kyiv oblast,drone,1,\n"
    "other,x2,{d},,Nowhere land,missile,,2\n"
)


def _report_data(store: Store) -> ReportData:
    series = load_series(store, "week")
    p = period_containing(max(s.last_day for s in series.values() if s.last_day), "week")
    return with_quality(store, load_report_data(store, series, p), p)


def _plain(value: Any) -> Any:
    """A comparable form of a ReportData field (frames as row lists with their schema)."""
    if isinstance(value, pl.DataFrame):
        return (list(value.schema.items()), value.rows())
    if isinstance(value, SeriesData):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def test_report_reads_the_same_data_from_the_column_pin(tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    csv = write_demo(tmp_path / "sample", days=60)
    with Store(db) as store:
        store.ingest_file("csv", csv)
        last = store.query("select max(occurred_on) as d from incidents")["d"][0]
        day = last - dt.timedelta(days=2)
        first = tmp_path / "other1.csv"
        first.write_text(EXTRA.format(d=day).replace(",1,\n", ",0,\n", 1), encoding="utf-8")
        store.ingest_file("csv", first)  # x1 first with killed 0, revised below to 1
        again = tmp_path / "other2.csv"
        again.write_text(EXTRA.format(d=day), encoding="utf-8")
        store.ingest_file("csv", again)
        assert store.query("select max(revision) as r from incident_revisions")["r"][0] == 2
        # a flag on one demo incident (as an adapter's quality_flag records it), which the
        # report reads through flagged_incidents (the demo is the source a report picks)
        store.con.execute(
            "insert into data_flags (ingest_id, row_number, incident_id, source, reason) "
            "select (select max(ingest_id) from ingests), 1, incident_id, source, 'hand-made' "
            "from incidents where source <> 'other' order by incident_id limit 1"
        )
    with Store(db, read_only=True) as store:
        unpinned = _report_data(store)
        with (
            pinned_incidents(store, INCIDENT_COLUMNS) as pinned,
            pinned_views(store, REPORT_VIEWS) as views,
        ):
            assert pinned and views == REPORT_VIEWS  # coverage computed once, from the pin
            pinned_data = _report_data(store)
    flagged = unpinned.series["incidents"].frame["flagged"].sum()
    assert flagged == 1  # the one hand-made flag is read (a failing view would hide it)
    for field in dataclasses.fields(ReportData):
        assert _plain(getattr(pinned_data, field.name)) == _plain(getattr(unpinned, field.name)), (
            field.name
        )
