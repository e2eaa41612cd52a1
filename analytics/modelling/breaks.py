"""Structural breaks in the level and trend of a period series (``log1p`` scale): the
optimal partition by least squares, the number of breaks by BIC, and block-bootstrap
intervals for the break dates."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl

from analytics.modelling.counts import as_dates, html_table

__all__ = ["Breaks", "find_breaks"]


@dataclass(frozen=True)
class Breaks:
    """Structural breaks in level and trend of ``log1p(y)``.

    ``breaks`` columns: break_no, period (first period of the new regime), ci_low, ci_high
    (bootstrap 95% interval of that date), level_before, level_after (fitted counts just
    before/after, back-transformed), slope_before, slope_after (growth per period, log scale).
    ``selection``: n_breaks, ssr, bic for every candidate number of breaks.
    """

    breaks: pl.DataFrame
    selection: pl.DataFrame
    fitted: pl.DataFrame

    def _repr_html_(self) -> str:
        return html_table(self.breaks, "structural breaks") + html_table(
            self.selection, "number of breaks by BIC"
        )


def _prefix(x: np.ndarray) -> list[np.ndarray]:
    t = np.arange(len(x), dtype=float)
    cols = (np.ones(len(x)), t, t * t, x, t * x, x * x)
    return [np.concatenate([[0.0], np.cumsum(v)]) for v in cols]


def _ssr(c: list[np.ndarray], i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """SSR of an OLS line on x[i:j] from prefix sums; inf for segments shorter than 2."""
    s0, s1, s2, sy, sty, syy = (v[j] - v[i] for v in c)
    with np.errstate(divide="ignore", invalid="ignore"):
        det = s0 * s2 - s1 * s1
        b = (s0 * sty - s1 * sy) / det
        a = (sy - b * s1) / s0
        ssr = syy - a * sy - b * sty
    return np.where((j - i >= 2) & (det > 1e-9), np.maximum(ssr, 0.0), np.inf)


def _segment_costs(x: np.ndarray) -> np.ndarray:
    """SSR of an OLS line on x[i:j] for every i < j (``cost[i, j]``)."""
    n = len(x)
    i, j = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    return _ssr(_prefix(x), i, j)


def _optimal_partition(cost: np.ndarray, n: int, m: int, h: int) -> tuple[float, list[int]]:
    """Bai-Perron dynamic programme: best ``m`` breaks, segments at least ``h`` long."""
    best = np.full((m + 1, n + 1), np.inf)
    arg = np.zeros((m + 1, n + 1), dtype=int)
    best[0, h:] = cost[0, h:]
    for k in range(1, m + 1):
        for j in range((k + 1) * h, n + 1):
            cands = np.arange(k * h, j - h + 1)
            total = best[k - 1, cands] + cost[cands, j]
            pos = int(np.argmin(total))
            best[k, j], arg[k, j] = total[pos], cands[pos]
    bks, j = [], n
    for k in range(m, 0, -1):
        j = int(arg[k, j])
        bks.append(j)
    return float(best[m, n]), sorted(bks)


def _piecewise_fit(x: np.ndarray, bks: list[int]) -> tuple[np.ndarray, list[tuple[float, float]]]:
    edges = [0, *bks, len(x)]
    fitted, lines = np.empty(len(x)), []
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        t = np.arange(a, b, dtype=float)
        slope, icept = np.polyfit(t, x[a:b], 1)
        fitted[a:b] = icept + slope * t
        lines.append((float(icept), float(slope)))
    return fitted, lines


def find_breaks(
    values: Sequence[float] | np.ndarray | pl.Series,
    periods: Sequence[dt.date] | pl.Series,
    *,
    max_breaks: int = 3,
    min_size: int | None = None,
    n_boot: int = 199,
    seed: int = 0,
) -> Breaks:
    """Dates where the level or trend of a count series changed (Bai-Perron least squares).

    Fits a line to ``log1p(y)`` in each regime; the number of breaks (0..``max_breaks``)
    minimises BIC; each break date gets a 95% moving-block residual-bootstrap interval (the
    break is re-located between its neighbours on every resample). Segments are at least
    ``min_size`` periods (default max(8, 10% of the series)).
    """
    x = np.log1p(np.asarray(values, dtype=float))
    dates = as_dates(periods).astype(dt.date).tolist()
    n = len(x)
    h = min_size or max(8, int(math.ceil(0.10 * n)))
    if n < 2 * h:
        raise ValueError(f"find_breaks needs at least {2 * h} periods, got {n}")
    cost = _segment_costs(x)
    rows, solutions = [], {}
    for m in range(0, max_breaks + 1):
        if (m + 1) * h > n:
            break
        ssr, bks = (float(cost[0, n]), []) if m == 0 else _optimal_partition(cost, n, m, h)
        k = 2 * (m + 1) + m
        bic = n * math.log(max(ssr, 1e-12) / n) + k * math.log(n)
        rows.append((m, ssr, bic))
        solutions[m] = bks
    selection = pl.DataFrame(rows, schema=["n_breaks", "ssr", "bic"], orient="row")
    m_best = int(selection.sort("bic")["n_breaks"][0])
    bks = solutions[m_best]
    fitted, lines = _piecewise_fit(x, bks)
    resid = x - fitted
    rng = np.random.default_rng(seed)
    block = max(2, int(round(n ** (1 / 3))))
    boot = np.empty((n_boot, len(bks)), dtype=int)
    for r in range(n_boot):
        starts = rng.integers(0, n - block + 1, size=n // block + 1)
        res_star = np.concatenate([resid[s : s + block] for s in starts])[:n]
        c_star = _prefix(fitted + res_star)
        for b_i, b in enumerate(bks):
            lo = bks[b_i - 1] if b_i > 0 else 0
            hi = bks[b_i + 1] if b_i + 1 < len(bks) else n
            cands = np.arange(lo + h // 2 + 1, hi - h // 2)
            cands = cands if len(cands) else np.array([b])
            total = _ssr(c_star, np.full(len(cands), lo), cands) + _ssr(
                c_star, cands, np.full(len(cands), hi)
            )
            boot[r, b_i] = cands[int(np.argmin(total))]
    out = []
    for b_i, b in enumerate(bks):
        lo_i, hi_i = np.percentile(boot[:, b_i], [2.5, 97.5]).round().astype(int)
        before, after = lines[b_i], lines[b_i + 1]
        out.append(
            {
                "break_no": b_i + 1,
                "period": dates[b],
                "ci_low": dates[int(lo_i)],
                "ci_high": dates[min(int(hi_i), n - 1)],
                "level_before": float(np.expm1(before[0] + before[1] * (b - 1))),
                "level_after": float(np.expm1(after[0] + after[1] * b)),
                "slope_before": before[1],
                "slope_after": after[1],
            }
        )
    schema = {
        "break_no": pl.Int64, "period": pl.Date, "ci_low": pl.Date, "ci_high": pl.Date,
        "level_before": pl.Float64, "level_after": pl.Float64, "slope_before": pl.Float64,
        "slope_after": pl.Float64,
    }  # fmt: skip
    fitted_frame = pl.DataFrame(
        {"period": dates, "log1p_y": x, "fitted": fitted}, schema_overrides={"period": pl.Date}
    )
    return Breaks(pl.DataFrame(out, schema=schema), selection, fitted_frame)
