"""What a report says, as plain frozen dataclasses that every other report module consumes.

:class:`Period` (one ISO week or calendar month), :class:`SeriesData` (a national series as
the views give it), :class:`ReportData` (every frame a report reads, loaded in one pass by
:mod:`analytics.report.series`), the formatted parts (:class:`Headline`, :class:`Table`,
:class:`Chart`), the whole :class:`ReportContent`, the :class:`ReportResult` of a build, the
errors, and the formatting rules (unknown is ``n/r``, never 0).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import polars as pl

from analytics.aggregate import complete_panel
from analytics.reference.citations import SourceNote

__all__ = [
    "PERIODS", "FORMATS", "NOT_REPORTED", "NOT_COVERED", "PRIMARY_SERIES", "PERMANENT_ALERTS",
    "Period", "period_containing", "default_as_of", "SeriesData", "ReportData", "Headline",
    "Chart", "Table", "ReportContent", "ReportResult", "ReportError", "ReportLocked",
    "fmt_count", "fmt_change", "fmt_share", "recent_start",
]  # fmt: skip

PeriodKind = Literal["week", "month"]
PERIODS: Final[tuple[str, ...]] = ("week", "month")
FORMATS: Final[tuple[str, ...]] = ("html", "md", "pdf")
NOT_REPORTED: Final = "n/r"
NOT_COVERED: Final = "not covered"
#: The series a report forecasts and checks: (family, column, label).
PRIMARY_SERIES: Final = (
    ("incidents", "incidents", "Incidents"),
    ("alerts", "alerts", "Air-raid alerts"),
    ("waves", "launched", "Missiles and drones launched"),
)
#: Oblasts under a permanent air-raid alert that the alert feeds do not list (from this day).
PERMANENT_ALERTS: Final = {"UA-09": dt.date(2022, 4, 4), "UA-43": dt.date(2022, 12, 10)}
#: Periods in a chart's recent window.
RECENT_PERIODS: Final = {"week": 26, "month": 12}


class ReportError(RuntimeError):
    """The report cannot be built (no data, bad option); the CLI exits 1."""


class ReportLocked(ReportError):
    """Another run holds the reports folder's lock; the CLI exits 4."""


# -- periods --------------------------------------------------------------------------------
@dataclass(frozen=True, order=True)
class Period:
    """One ISO week (Monday-Sunday) or calendar month."""

    start: dt.date
    end: dt.date
    kind: PeriodKind

    @property
    def label(self) -> str:
        if self.kind == "week":
            y, w, _ = self.start.isocalendar()
            return f"ISO week {y}-W{w:02d} ({_day(self.start)} – {_day(self.end)})"
        return self.start.strftime("%B %Y")

    @property
    def short(self) -> str:
        if self.kind == "week":
            y, w, _ = self.start.isocalendar()
            return f"{y}-W{w:02d}"
        return self.start.strftime("%Y-%m")

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (negative: earlier)."""
        if self.kind == "week":
            return period_containing(self.start + dt.timedelta(weeks=n), "week")
        m = self.start.year * 12 + self.start.month - 1 + n
        return period_containing(dt.date(m // 12, m % 12 + 1, 1), "month")

    def year_before(self) -> Period:
        """The same ISO week (week 52 when the year before had no week 53) or month a year earlier."""
        if self.kind == "week":
            y, w, _ = self.start.isocalendar()
            weeks = dt.date(y - 1, 12, 28).isocalendar()[1]
            return period_containing(dt.date.fromisocalendar(y - 1, min(w, weeks), 1), "week")
        return period_containing(self.start.replace(year=self.start.year - 1), "month")


def _day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b %Y')}"


def period_containing(day: dt.date, kind: str) -> Period:
    """The ISO week or calendar month containing ``day``.

    Examples
    --------
    >>> p = period_containing(dt.date(2026, 11, 18), "week")
    >>> (p.start.isoformat(), p.end.isoformat(), p.short)
    ('2026-11-16', '2026-11-22', '2026-W47')
    >>> period_containing(dt.date(2024, 2, 10), "month").end.isoformat()
    '2024-02-29'
    """
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Period(start, start + dt.timedelta(days=6), "week")
    if kind == "month":
        start = day.replace(day=1)
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return Period(start, nxt - dt.timedelta(days=1), "month")
    raise ReportError(f"period must be one of {', '.join(PERIODS)}, not {kind!r}")


def default_as_of(kind: str, *, today: dt.date, data_end: dt.date) -> dt.date:
    """Last day of the newest period that is complete relative to ``today`` and to the data.

    Examples
    --------
    >>> default_as_of("week", today=dt.date(2026, 11, 25), data_end=dt.date(2026, 11, 22))
    datetime.date(2026, 11, 22)
    >>> default_as_of("week", today=dt.date(2026, 11, 22), data_end=dt.date(2026, 11, 22))
    datetime.date(2026, 11, 15)
    >>> default_as_of("month", today=dt.date(2027, 3, 5), data_end=dt.date(2026, 11, 22))
    datetime.date(2026, 10, 31)
    """
    limit = min(today - dt.timedelta(days=1), data_end)
    p = period_containing(limit, kind)
    return (p if p.end <= limit else p.shift(-1)).end


def recent_start(first_day: dt.date | None, p: Period) -> dt.date:
    """Start of a chart's recent window ending with ``p``: never before the first period the
    data fully cover (``first_day``), never after ``p`` itself."""
    recent = p.shift(-RECENT_PERIODS[p.kind] + 1).start
    first = period_containing(first_day or p.start, p.kind)
    first = first if first.start == first_day else first.shift(1)
    return min(max(recent, first.start), p.start)


# -- what a report reads ---------------------------------------------------------------------
@dataclass(frozen=True)
class SeriesData:
    """One national series by period, as the views give it.

    ``frame``: ``period`` (first day) and the value columns, one row per period that has data.
    ``first_day``/``last_day``: the days the underlying data cover (None when empty).
    ``view``: the view the figures come from; ``period_col`` its period column.
    """

    name: str
    frame: pl.DataFrame
    first_day: dt.date | None
    last_day: dt.date | None
    view: str
    period_col: str
    where: str = ""
    note: str = ""

    @property
    def present(self) -> bool:
        return self.first_day is not None

    def covers(self, p: Period) -> str:
        """``full``, ``partial`` or ``none``: how much of ``p`` the data cover.

        Inside the data's range, a frame with ``covered``/``covered_days`` columns (the
        incident series: a source's internal gaps) says whether the period itself is covered.
        """
        if self.first_day is None or self.last_day is None:
            return "none"
        if p.end < self.first_day or p.start > self.last_day:
            return "none"
        cover = "full" if p.start >= self.first_day and p.end <= self.last_day else "partial"
        national = {"covered", "covered_days"} <= set(self.frame.columns)
        if national and p.kind in ("week", "month"):
            row = self.frame.filter(pl.col("period") == p.start)
            if row.height == 0 or row["covered_days"][0] == 0:
                return "none"  # inside a gap of every chosen source
            if not row["covered"][0]:
                return "partial"
        return cover

    def complete(self, kind: PeriodKind, *, through: dt.date) -> pl.DataFrame:
        """Zero-filled series over the fully covered periods ending on or before ``through``."""
        if self.first_day is None or self.last_day is None:
            return self.frame.clear()
        first = period_containing(self.first_day, kind)
        first = first if first.start == self.first_day else first.shift(1)
        last = period_containing(min(self.last_day, through), kind)
        last = last if last.end <= min(self.last_day, through) else last.shift(-1)
        if last.start < first.start:
            return self.frame.clear()
        values = [c for c in self.frame.columns if c != "period"]
        framed = self.frame.with_columns(pl.lit("UA").alias("_k"))
        grid = complete_panel(
            framed, freq=kind, keys=["UA"], key_col="_k", start=first.start, end=last.start,
            zero_cols=[c for c in values if c in _ZERO_COLS],
        )  # fmt: skip
        if "covered" in values:  # a period not wholly covered is missing, never zero
            keep = pl.col("covered").fill_null(False)
            grid = grid.with_columns(pl.when(keep).then(pl.col(c)).alias(c) for c in values)
        return grid.drop("_k").select("period", *values)

    def sql(self, column: str, p: Period) -> str:
        """The SQL that gives this series' ``column`` for ``p`` (for the report's footnotes)."""
        where = f"{self.period_col} = DATE '{p.start.isoformat()}'"
        if self.period_col == "day":
            where = f"period BETWEEN DATE '{p.start}' AND DATE '{p.end}'"
        extra = f" AND {self.where}" if self.where else ""
        expr = _SQL_EXPR.get(column, f"sum({column})")
        return f"SELECT {expr} AS {column}\nFROM {self.view}\nWHERE {where}{extra};"


_ZERO_COLS: Final = frozenset(
    {"incidents", "killed_reported", "injured_reported", "alerts", "alert_minutes", "waves"}
)
_SQL_EXPR: Final = {"alert_hours": "sum(alert_minutes) / 60.0"}


@dataclass(frozen=True)
class ReportData:
    """Every frame the report of one period reads, loaded in one pass from the store.

    ``series``: the national and oblast series by family (see
    :func:`analytics.report.series.load_series`). The rest are the period's extra frames;
    ``None`` where the database has no such data (or the period is not covered).
    """

    series: dict[str, SeriesData]
    sources: tuple[str, ...]
    gazetteer: pl.DataFrame
    waves_named: pl.DataFrame | None
    waves_no_oblast: int | None
    strike_mix: pl.DataFrame | None
    ingests_by_source: pl.DataFrame
    latest_ingests: pl.DataFrame
    quarantine: pl.DataFrame
    unresolved: pl.DataFrame
    gaps: pl.DataFrame
    missing_late: dict[str, Any]
    waves_by_level: pl.DataFrame | None
    state: dict[str, Any]


# -- formatted parts ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Headline:
    """One headline figure with its comparisons, the model's verdict and its SQL."""

    key: str
    label: str
    value: str
    note: str
    previous: str
    previous_change: str
    year_before: str
    year_change: str
    expected: str
    verdict: str
    sql: str
    ref: int


@dataclass(frozen=True)
class Chart:
    """A chart as PNG bytes with the file name it gets beside ``report.md``."""

    key: str
    title: str
    caption: str
    filename: str
    png: bytes


@dataclass(frozen=True)
class Table:
    """A formatted table: every cell a string; ``numeric`` marks right-aligned columns."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class ReportContent:
    """Everything the renderers print, in order."""

    title: str
    period: Period
    synthetic: bool
    synthetic_label: str
    generated_line: str
    scope_line: str
    headline: list[Headline]
    headline_notes: list[str]
    oblast_table: Table
    charts: list[Chart]
    chart_notes: list[str]
    forecasts: list[Table]
    surges: Table
    breaks: Table
    model_notes: list[str]
    quality: list[Table]
    quality_notes: list[str]
    provenance: list[tuple[str, str]]
    sources: list[SourceNote]
    model_choices: list[tuple[str, str]]
    definitions: list[str]
    creation_date: dt.datetime = field(default=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))


# -- formatting -----------------------------------------------------------------------------
def fmt_count(value: Any, *, digits: int = 0) -> str:
    """``1,234``; ``n/r`` for NULL (not reported), never 0.

    Examples
    --------
    >>> fmt_count(None), fmt_count(1234), fmt_count(2.456, digits=2)
    ('n/r', '1,234', '2.46')
    """
    if value is None:
        return NOT_REPORTED
    if digits == 0:
        return f"{round(value):,}"
    return f"{value:,.{digits}f}"


def fmt_change(cur: Any, prev: Any) -> str:
    if cur is None or prev is None:
        return "n/a"
    diff = cur - prev
    if diff == 0:
        return "0 (0%)" if prev else "0"
    text = f"{round(diff):+,}"
    if prev:
        text += f" ({diff / prev:+.0%})"
    return text


def fmt_share(part: int, whole: int) -> str:
    return "n/a" if not whole else f"{part / whole:.1%} ({part:,} of {whole:,})"


@dataclass(frozen=True)
class ReportResult:
    """What :func:`build_report` did: the folder, the files, and whether it skipped."""

    directory: Path
    files: dict[str, Path]
    period: Period
    manifest: Path
    skipped: bool = False
    message: str = ""
    headline: tuple[tuple[str, str], ...] = field(default=())
    synthetic: bool = False
    #: Seconds per stage (query, models, charts, render); not part of any output file.
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def paths(self) -> list[Path]:
        return [self.files[k] for k in sorted(self.files)]

    def _repr_html_(self) -> str:
        esc = html.escape
        banner = (
            '<p style="background:#D55E00;color:white;padding:4px"><b>SYNTHETIC DATA</b></p>'
            if self.synthetic
            else ""
        )
        rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in self.headline)
        links = "".join(
            f'<li><a href="{esc(p.as_posix())}">{esc(p.name)}</a></li>' for p in self.paths
        )
        state = "skipped: " + esc(self.message) if self.skipped else "written"
        return (
            f"{banner}<p><b>Report {esc(self.period.label)}</b> ({state})</p>"
            f"<table>{rows}</table><ul>{links}</ul>"
        )
