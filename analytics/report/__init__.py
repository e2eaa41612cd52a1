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

import importlib
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
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

#: The module each public name comes from. They are imported on first use (PEP 562), not
#: with the package: the report's chart worker imports ``analytics.report.charts`` (and
#: unpickles ``analytics.report.content`` types), and importing the whole stage with it, the
#: models' statsmodels and scipy included, took most of the worker's 2 s start.
_SOURCES: Final = {
    **dict.fromkeys(("build_report",), "analytics.report.build"),
    **dict.fromkeys(("data_coverage", "load_series"), "analytics.report.series"),
    **dict.fromkeys(("snapshot",), "analytics.store.snapshot"),
    **dict.fromkeys(
        (
            "FORMATS",
            "PERIODS",
            "Chart",
            "Headline",
            "Period",
            "ReportContent",
            "ReportData",
            "ReportError",
            "ReportLocked",
            "ReportResult",
            "SeriesData",
            "Table",
            "default_as_of",
            "period_containing",
        ),
        "analytics.report.content",
    ),  # fmt: skip
}


def __getattr__(name: str) -> Any:
    """A public name of the stage, imported from its module on first use."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
