"""The report stage: one week's or month's figures, checked against the models, published.

:func:`build_report` is the entry point. The parts, in the order they run:
:mod:`~analytics.report.series` (all report SQL, one pass) ->
:mod:`~analytics.report.headline`, :mod:`~analytics.report.oblast_table`,
:mod:`~analytics.report.model_checks`, :mod:`~analytics.report.quality`,
:mod:`~analytics.report.charts` (sections, from frames) -> :mod:`~analytics.report.gather`
(the formatted :class:`ReportContent`) -> :mod:`~analytics.report.render` (HTML, Markdown,
PDF) -> :mod:`~analytics.report.publish` (lock, staging, ``latest``, manifest). The shared
types live in :mod:`~analytics.report.content`.
"""

from __future__ import annotations

from analytics.report.build import build_report
from analytics.report.content import (
    FORMATS,
    PERIODS,
    Chart,
    Headline,
    Period,
    ReportContent,
    ReportData,
    ReportError,
    ReportLocked,
    ReportResult,
    SeriesData,
    Table,
    default_as_of,
    period_containing,
)  # fmt: skip
from analytics.report.series import data_coverage, load_series
from analytics.store.snapshot import snapshot

__all__ = [
    "FORMATS", "PERIODS", "Chart", "Headline", "Period", "ReportContent", "ReportData",
    "ReportError", "ReportLocked", "ReportResult", "SeriesData", "Table", "build_report",
    "data_coverage", "default_as_of", "load_series", "period_containing", "snapshot",
]  # fmt: skip
