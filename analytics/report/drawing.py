"""Drawing a report's charts as PNG bytes, in either process of a report.

A :class:`ChartJob` is one chart to draw (a function of :mod:`analytics.charts`, its keyword
arguments, title and caption); :func:`draw_pngs` draws a list of them, or reads them back from
a :class:`~analytics.report.chart_cache.ChartCache`, optionally sharing the list with another
process through claim files. The report's process builds the jobs
(:func:`analytics.report.charts.data_chart_jobs`) and sends them to the chart worker
(:mod:`analytics.charts.background`), which imports this module only: the drawing code and
polars, not the store, DuckDB or the SQL that built the frames (a lighter start-up).
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import analytics.charts as ch
from analytics.report.chart_cache import ChartCache

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Caption", "ChartJob", "Drawn", "draw_pngs", "draw_order"]

#: A caption: its text, or ``(func, args)`` giving the text as ``func(fig, *args)``.
Caption = str | tuple[Callable[..., str], tuple[Any, ...]]


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: ``func(**kwargs)``, its key, title and caption (picklable when
    ``func`` and the arguments are, so either process of a report can draw it)."""

    key: str
    title: str
    caption: Caption
    func: Callable[..., Figure]
    kwargs: dict[str, Any]


class Drawn(NamedTuple):
    """A drawn chart: key, title, caption text and PNG bytes."""

    key: str
    title: str
    caption: str
    png: bytes


#: Relative drawing cost of the charts that are not of average cost (drawing and PNG encoding,
#: CPU best of 3 on the 1M bench database, docs/report-layout.md "Round 5: charts' CPU": the
#: 27 panels 0.19-0.21 s, the tile map 0.15-0.17 s, a heatmap 0.12-0.14 s, the strike mix
#: 0.11-0.12 s).
_COST: Final = {"oblasts_small_multiples": 1.7, "map_incidents": 1.4,
                "oblasts_incidents": 1.1, "alerts_heatmap": 1.1}  # fmt: skip


def draw_order(jobs: list[ChartJob]) -> list[int]:
    """The indices of ``jobs``, costliest first (ties in their order).

    Examples
    --------
    >>> jobs = [ChartJob(k, "", "", print, {}) for k in ("strike_types", "map_incidents",
    ...                                                   "oblasts_small_multiples", "x")]
    >>> draw_order(jobs)
    [2, 1, 0, 3]
    """
    return sorted(range(len(jobs)), key=lambda i: -_COST.get(jobs[i].key, 1.0))


def draw_pngs(
    jobs: list[ChartJob], cache: ChartCache | None = None, claims: Path | None = None,
    backwards: bool = False,
) -> dict[int, Drawn]:  # fmt: skip
    """Draw ``jobs`` (or read them back from ``cache``): the charts by their index in ``jobs``.

    Jobs are taken in :func:`draw_order` (the costliest first). With ``claims`` (a folder two
    processes share), a job is drawn only by the process that first creates the file
    ``claims/<index>`` (an atomic create); the first job found claimed ends the run. One
    process goes forward, the other ``backwards``, so between them every job is drawn once,
    and both finish at about the same time whatever each one's pace: the one that starts
    first takes the costliest chart, the other the cheap ones from the end.
    """
    out: dict[int, Drawn] = {}
    order = draw_order(jobs)
    if backwards:
        order.reverse()
    with tempfile.TemporaryDirectory() as tmpdir, _collector_paused():
        for i in order:
            if claims is not None and not _claim(claims / str(i)):
                break
            out[i] = _draw_job(jobs[i], cache, Path(tmpdir))
    return out


def _claim(path: Path) -> bool:
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def _png(fig: Figure, tmp: Path, name: str) -> bytes:
    path = ch.save_figure(fig, tmp / name)
    return path.read_bytes()


def _draw_job(job: ChartJob, cache: ChartCache | None, tmp: Path) -> Drawn:
    """One chart as PNG bytes and caption; read back from ``cache`` when its inputs (the
    function, its arguments, the title and the caption's inputs) were drawn before."""
    caption = job.caption
    said = caption if isinstance(caption, str) else (_name(caption[0]), caption[1])
    token = None if cache is None else cache.key(job.key, job.func, (job.title, said, job.kwargs))
    stored = None if cache is None or token is None else cache.get(token)
    if stored is not None:
        return Drawn(job.key, job.title, stored[1], stored[0])
    fig = job.func(**job.kwargs)
    text = caption if isinstance(caption, str) else caption[0](fig, *caption[1])
    png = _png(fig, tmp, f"fig_{job.key}.png")
    if cache is not None and token is not None:
        cache.put(token, png, text)
    return Drawn(job.key, job.title, text, png)


def _name(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while charts are drawn, then back as it was.

    Drawing allocates tens of thousands of small artists (ticks, texts, paths), which triggers
    collections that walk every live object, the report's frames included: about a tenth of the
    drawing time, measured. The figures' reference cycles are collected once drawing ends.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
