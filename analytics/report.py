"""Periodic reports: the figures of one week or month, checked against the models, published.

:func:`build_report` gathers everything a report says from the store's views (headline figures
against the previous period and the same period a year before, all 27 oblasts, forecasts,
surge checks, structural breaks, data quality, provenance), draws the charts, renders HTML,
Markdown and PDF (:mod:`analytics.render`) and writes them atomically (:mod:`analytics.publish`).

Which period: ``as_of`` picks the period containing that date. Without it, the report covers
the last *complete* period: its last day is before today (or before ``known_at``) AND on or
before the newest day in the data (the latest of incidents, alerts and attack waves). So a
database whose data end on 2026-11-22 gives the ISO week 2026-11-16..22 however late it runs.

``known_at`` restricts the data to what the database knew at that moment: only ingests that
had *finished* by then count (an ingest is one transaction, so rows of an ingest still running
at that moment were not visible). The report is computed on an in-memory copy of those rows,
with the same views, so a report published in the past can be reproduced exactly.
"""

from __future__ import annotations

import datetime as dt
import html
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import polars as pl

from analytics.aggregate import complete_panel

if TYPE_CHECKING:
    from analytics.store import Store

__all__ = [
    "PERIODS",
    "FORMATS",
    "Period",
    "ReportError",
    "ReportLocked",
    "ReportResult",
    "SeriesData",
    "build_report",
    "default_as_of",
    "period_containing",
    "snapshot",
    "data_coverage",
    "load_series",
]

PeriodKind = Literal["week", "month"]
PERIODS: Final[tuple[str, ...]] = ("week", "month")
FORMATS: Final[tuple[str, ...]] = ("html", "md", "pdf")


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
    kind: str

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


# -- the data a report reads ----------------------------------------------------------------
_COPY_SKIP: Final = frozenset({"oblasts", "oblast_aliases"})


def snapshot(store: Store, known_at: dt.datetime) -> Store:
    """An in-memory store holding only what ``store`` knew at ``known_at`` (UTC).

    Rows of every table that carries ``ingest_id`` are kept when their ingest had finished by
    ``known_at``; the ``ingests`` table likewise. Views and macros are the package's own.
    """
    from analytics.store import Store

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
            raise ReportError(
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
        """``full``, ``partial`` or ``none``: how much of ``p`` the data cover."""
        if self.first_day is None or self.last_day is None:
            return "none"
        if p.end < self.first_day or p.start > self.last_day:
            return "none"
        return "full" if p.start >= self.first_day and p.end <= self.last_day else "partial"

    def complete(self, kind: str, *, through: dt.date) -> pl.DataFrame:
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


def data_coverage(store: Store) -> dict[str, tuple[dt.date | None, dt.date | None]]:
    """First and last day of incidents, alerts (Kyiv days) and attack waves in the store."""
    out: dict[str, tuple[dt.date | None, dt.date | None]] = {}
    queries = {
        "incidents": "select min(occurred_on) as lo, max(occurred_on) as hi from incidents",
        "alerts": "select min(period) as lo, max(period) as hi from daily_alerts",
        "waves": "select min(cast(time_start as date)) as lo, max(cast(time_start as date)) as hi "
        "from attack_waves_latest",
    }
    for key, sql in queries.items():
        try:
            lo, hi = store.query(sql).row(0)
        except Exception:  # a database without that source's tables  # noqa: BLE001
            lo = hi = None
        out[key] = (lo, hi)
    return out


def load_series(store: Store, kind: str) -> dict[str, SeriesData]:
    """The national series a report reads, by family: ``incidents``, ``alerts``, ``waves``.

    Also returns ``oblasts`` (period x oblast incidents from ``weekly_oblast`` or
    ``monthly_oblast``) and ``oblast_alerts`` (period x oblast alerts) as SeriesData.
    """
    cov = data_coverage(store)
    view = f"{'weekly' if kind == 'week' else 'monthly'}_oblast"
    by_oblast = store.query(
        f"select period, oblast_code, incidents, killed, injured, killed_reported, "
        f"injured_reported from {view} order by period, oblast_code nulls last"
    )
    national = (
        by_oblast.group_by("period")
        .agg(
            pl.col("incidents").sum(),
            pl.when(pl.col("killed").count() > 0).then(pl.col("killed").sum()).alias("killed"),
            pl.when(pl.col("injured").count() > 0).then(pl.col("injured").sum()).alias("injured"),
            pl.col("killed_reported").sum(),
            pl.col("injured_reported").sum(),
        )
        .sort("period")
    )
    lo, hi = cov["incidents"]
    out = {
        "incidents": SeriesData("incidents", national, lo, hi, view, "period"),
        "oblasts": SeriesData("oblasts", by_oblast, lo, hi, view, "period"),
    }
    trunc = "week" if kind == "week" else "month"
    lo, hi = cov["alerts"]
    if lo is not None:
        daily = store.query(
            f"select cast(date_trunc('{trunc}', period) as date) as period, oblast_code, "
            "dataset, cast(sum(alerts) as bigint) as alerts, "
            "cast(sum(alert_minutes) as double) as alert_minutes "
            "from daily_alerts group by all order by period, oblast_code"
        )
        dataset = ", ".join(sorted(set(daily["dataset"].to_list())))
        nat = (
            daily.group_by("period")
            .agg(pl.col("alerts").sum(), pl.col("alert_minutes").sum())
            .with_columns((pl.col("alert_minutes") / 60).alias("alert_hours"))
            .sort("period")
        )
        note = f"dataset: {dataset}; the permanent alerts in Luhansk and Crimea are not listed"
        out["alerts"] = SeriesData("alerts", nat, lo, hi, "daily_alerts", "day", note=note)
        out["oblast_alerts"] = SeriesData(
            "oblast_alerts", daily.drop("dataset"), lo, hi, "daily_alerts", "day", note=note
        )
    lo, hi = cov["waves"]
    if lo is not None:
        wview, wcol = ("weekly_attacks", "week") if kind == "week" else ("monthly_attacks", "month")
        waves = store.query(
            f"select {wcol} as period, cast(sum(waves) as bigint) as waves, "
            "cast(sum(launched) as bigint) as launched, cast(sum(destroyed) as bigint) "
            f"as destroyed from {wview} where reporter_level = 'national' "
            "group by all order by period"
        )
        out["waves"] = SeriesData(
            "waves", waves, lo, hi, wview, wcol, where="reporter_level = 'national'",
            note="national reporters only (regional air commands repeat national waves)",
        )  # fmt: skip
    return out


# -- result ---------------------------------------------------------------------------------
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


# -- building ---------------------------------------------------------------------------------
def build_report(
    store_or_path: Store | str | Path,
    *,
    period: str = "week",
    as_of: dt.date | str | None = None,
    known_at: dt.datetime | str | None = None,
    out: Path | str = Path("reports"),
    formats: tuple[str, ...] | list[str] | str = FORMATS,
    if_changed: bool = False,
    generated_at: dt.datetime | None = None,
    today: dt.date | None = None,
) -> ReportResult:
    """Build the report of one period and write it under ``out/<period>/<as-of>/``.

    Parameters
    ----------
    store_or_path
        An open :class:`~analytics.store.Store` or the path of a database (opened read-only).
    period
        ``week`` (ISO, Monday-Sunday) or ``month``.
    as_of
        A day in the period to report; default: the last complete period (module docstring).
    known_at
        Use only the data the database knew at this moment (UTC when naive).
    out
        Reports root; ``out/latest`` points at the newest report.
    formats
        Any of ``html``, ``md``, ``pdf`` (a tuple or a comma-separated string).
    if_changed
        Skip (``skipped=True``) when the report folder exists and its ``report.json`` records
        the same newest ingest and database checksum.
    generated_at, today
        Override the clock (tests); ``generated_at`` appears on one line of each file only.

    Raises
    ------
    ReportError
        No data, or an invalid option. :class:`ReportLocked` when another run holds the lock.
    """
    from analytics.store import Store

    kind = _check_kind(period)
    fmts = _check_formats(formats)
    known = _parse_ts(known_at)
    owned: Store | None = None
    if isinstance(store_or_path, str | Path):
        path = Path(store_or_path)
        if not path.exists():
            raise ReportError(f"no database at {path}")
        owned = store = Store(path, read_only=True)
    else:
        store = store_or_path
    snap: Store | None = None
    try:
        if known is not None:
            snap = store = snapshot(store, known)
        return _build(store, kind, as_of, known, Path(out), fmts, if_changed, generated_at, today)
    finally:
        if snap is not None:
            snap.close()
        if owned is not None:
            owned.close()


def _build(
    store: Store,
    kind: str,
    as_of: dt.date | str | None,
    known: dt.datetime | None,
    out: Path,
    fmts: tuple[str, ...],
    if_changed: bool,
    generated_at: dt.datetime | None,
    today: dt.date | None,
) -> ReportResult:
    from analytics import publish
    from analytics.findings import gather

    t0 = time.perf_counter()
    series = load_series(store, kind)
    ends = [s.last_day for s in series.values() if s.last_day is not None]
    if not ends:
        when = "" if known is None else f" as known at {known:%Y-%m-%d %H:%M:%S} UTC"
        raise ReportError(
            f"the database holds no incidents, alerts or attack waves{when} to report on"
        )
    if as_of is None:
        ref = known.date() if known is not None else (today or dt.datetime.now(dt.UTC).date())
        day = default_as_of(kind, today=ref, data_end=max(ends))
    else:
        try:
            day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
        except ValueError as err:
            raise ReportError(f"--as-of must be a date (YYYY-MM-DD), not {as_of!r}") from err
    p = period_containing(day, kind)
    starts = [s.first_day for s in series.values() if s.first_day is not None]
    if p.start > max(ends) or (starts and p.end < min(starts)):
        raise ReportError(
            f"{p.label} lies outside the data ({min(starts) if starts else '?'} to {max(ends)}); "
            "nothing to report"
        )
    state = publish.data_state(store)
    timings = {"query": time.perf_counter() - t0}
    target = out / kind / p.end.isoformat()
    with publish.lock(out):
        if if_changed and publish.unchanged(target, state, known, fmts):
            return ReportResult(
                target, publish.existing_files(target, fmts), p, target / "report.json",
                skipped=True, message=f"nothing ingested since the report in {target}",
            )  # fmt: skip
        now = generated_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
        with publish.staging(target) as stage:
            content = gather(
                store, series, p, known_at=known, state=state, generated_at=now, timings=timings
            )
            t1 = time.perf_counter()
            files = publish.write_formats(content, stage, fmts)
            timings["render"] = time.perf_counter() - t1
            publish.write_manifest(stage, content, state, known, files)
        publish.update_latest(out, target)
    return ReportResult(
        target, {k: target / v.name for k, v in files.items()}, p, target / "report.json",
        headline=tuple((h.label, h.value) for h in content.headline),
        synthetic=content.synthetic, timings=timings,
    )  # fmt: skip


def _check_kind(period: str) -> str:
    if period not in PERIODS:
        raise ReportError(f"--period must be one of {', '.join(PERIODS)}, not {period!r}")
    return period


def _check_formats(formats: tuple[str, ...] | list[str] | str) -> tuple[str, ...]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    fmts = tuple(sorted({f.strip().lower() for f in items if f.strip()}))
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise ReportError(f"--format takes a comma-separated subset of html,md,pdf, not {items}")
    return fmts


def _parse_ts(value: dt.datetime | str | None) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as err:
            raise ReportError(f"--known-at must be an ISO timestamp, not {value!r}") from err
    return _naive_utc(value) if value.tzinfo is not None else value
