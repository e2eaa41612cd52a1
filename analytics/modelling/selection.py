"""Honest model choice and calibrated intervals from rolling-origin forecasts.

Every candidate (the baselines of :mod:`analytics.modelling.baselines`, the level models of
:mod:`analytics.modelling.levels`, the ``combo`` of :mod:`analytics.modelling.combination`,
the guarded autoregression of :mod:`analytics.modelling.autoregression`, and ``stack``, the
quantile average of the three best of them on earlier origins, see ``with_stack``)
forecasts from many origins of one series, each seeing only the periods before it. For a
forecast from origin ``T``:

1. **Choice (nested, :mod:`analytics.modelling.choice`).** Candidates are scored by mean CRPS
   on the last ``choice_span(window)`` origins before ``T`` whose targets are before ``T`` (so
   the choice made at ``T`` uses no value from ``T`` on, and a backtest of the published
   forecast evaluates the choice itself out of sample). A model is published only when its
   CRPS is below the best baseline's; otherwise the best baseline is, and the reason says so.
2. **Calibration (conformal-style).** The published predictive distribution at step ``h`` is
   the chosen candidate's median times ``exp`` of its own past log errors at steps ``h - 1 ..
   h + 1`` over the last ``window`` origins (``log1p`` scale), centred on their median:
   intervals are as wide (and as skewed) as the candidate's real errors have been, and the
   median stays the candidate's (re-centring on past bias made the published median worse on
   the real series, see docs/forecast_skill.md). Coverage of these intervals is measured
   sequentially (each past forecast calibrated with the errors known before it) and
   reported per step. With few past origins (a choice window under ``FEW_ORIGINS``: monthly
   series), the errors of every step calibrate every step, and a candidate is ranked and
   calibrated on what was published where it made no forecast (``gaps``, round 13).
   A chosen model's calibrated forecast is averaged level by level with the next best
   candidate's when that scored a significantly lower past CRPS (``vincent``, nested).
3. **Guards.** Candidate paths that are not finite or whose 95% upper bound exceeds
   ``GUARD_FACTOR`` times the largest value seen are refused when scored (counted as
   explosive). When publishing (:mod:`analytics.modelling.guards`), a candidate whose
   calibrated 95% bound exceeds the limit but whose median stays within it is published
   capped at the limit, saying so; one whose median exceeds it falls back to the best
   baseline (capped at the limit as a last resort).
4. **Panels.** For a panel of series, :mod:`analytics.modelling.global_combination` adds
   ``global_combo`` (weights learned on every series, calibrated when built, listed in
   ``Scores.calibrated``) and may choose it for the whole panel (``panel_choice``), comparing
   it with ``honest_baseline_crps``: the baseline an honest user would have published.

Unknown (NaN) values are never scored nor used as 0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final, Protocol

import numpy as np

from analytics.modelling.autoregression import ARCandidate
from analytics.modelling.baselines import BASELINE_NAMES, baseline_rule, known_max
from analytics.modelling.batched import draw_block, origin_stream
from analytics.modelling.choice import (
    FEW_ORIGINS,
    MIN_PAIRS,
    choice_span,
    choose,
    inner_mask,
    rank,
)
from analytics.modelling.combination import COMBO_MEMBERS, MEDIAN_MEMBERS, Combination
from analytics.modelling.counts import SEASONAL_PERIOD
from analytics.modelling.gaps import published_fill
from analytics.modelling.guards import GUARD_FACTOR, guard_samples, upper975
from analytics.modelling.jumps import own_jumps, wider
from analytics.modelling.levels import LEVEL_MODELS, level_model
from analytics.modelling.sample_scores import (
    crps_sample,
    interval_bounds,
    score_stacked,
)
from analytics.modelling.vincent import (
    MIN_CAL,
    average_partners,
    average_with,
    past_crps,
    residual_pools,
    vincent,
)

__all__ = [
    "GUARD_FACTOR",
    "MIN_PAIRS",
    "Candidate",
    "Scores",
    "Published",
    "score_origins",
    "origin_stream",
    "publish",
    "WINDOW",
    "candidates",
    "evaluation_origins",
    "with_stack",
    "STACK_SIZE",
    "score_samples",
    "honest_baseline_crps",
    "inner_mask",
]

#: Candidates averaged by ``stack``.
STACK_SIZE: Final = 3
#: Past origins the choice and calibration look back over, by frequency.
WINDOW: Final[dict[str, int]] = {"day": 56, "week": 52, "acled_week": 52, "month": 24}
#: Origins whose samples are drawn, then guarded and scored together (stacked per candidate;
#: bounds the memory held: candidates x chunk x sims x horizon).
_SCORE_CHUNK: Final = 16


class Candidate(Protocol):
    """Anything that gives predictive samples (n_sims x horizon) from an origin."""

    @property
    def name(self) -> str:
        """The candidate's name (read-only: frozen dataclasses qualify)."""
        ...

    def paths(self, origin: int, n_sims: int, rng: np.random.Generator) -> np.ndarray | None:
        """Samples from ``y[:origin]`` (None when no forecast can be made)."""
        ...


@dataclass(frozen=True)
class Scores:
    """Rolling-origin forecasts of every candidate on one series.

    Arrays are (candidates, origins, horizon); ``origins[i]`` = t means the forecast used
    ``y[:t]``. ``crps`` is NaN where the target is unknown, beyond the series, or no forecast
    was made. ``paths`` keeps the samples for the published forecast.
    """

    names: tuple[str, ...]
    kinds: tuple[str, ...]
    y: np.ndarray
    origins: np.ndarray
    horizon: int
    median: np.ndarray
    crps: np.ndarray
    inside80: np.ndarray
    inside95: np.ndarray
    refused: np.ndarray
    paths: dict[tuple[int, int], np.ndarray] = field(repr=False)
    continuous: bool = False
    #: Candidates whose samples are already calibrated on past errors (published as they are).
    calibrated: frozenset[str] = frozenset()

    def finish(self, values: np.ndarray) -> np.ndarray:
        """Samples as published: non-negative, rounded to counts unless continuous."""
        return np.maximum(values if self.continuous else np.round(values), 0.0)

    def actual(self) -> np.ndarray:
        """Targets (origins x horizon), NaN beyond the series."""
        idx = self.origins[:, None] + np.arange(self.horizon)[None, :]
        ok = idx < len(self.y)
        return np.where(ok, self.y[np.minimum(idx, len(self.y) - 1)], np.nan)

    def with_candidate(
        self, name: str, rows: tuple[np.ndarray, ...], paths: dict[int, np.ndarray],
        *, calibrated: bool = False,
    ) -> Scores:  # fmt: skip
        """These scores with one more model: ``rows`` = (median, crps, inside80, inside95),
        each (origins x horizon); ``paths`` maps origin index to samples."""
        c_new = len(self.names)
        median, crps, in80, in95 = (np.concatenate([a, r[None]], axis=0) for a, r in zip(
            (self.median, self.crps, self.inside80, self.inside95), rows, strict=True))  # fmt: skip
        every = dict(self.paths) | {(c_new, i): p.astype(np.float32) for i, p in paths.items()}
        return Scores(
            (*self.names, name), (*self.kinds, "model"), self.y, self.origins, self.horizon,
            median, crps, in80, in95, np.append(self.refused, 0), every, self.continuous,
            self.calibrated | {name} if calibrated else self.calibrated,
        )  # fmt: skip


def score_origins(
    y: np.ndarray,
    candidates: dict[str, tuple[str, Candidate]],
    origins: np.ndarray,
    horizon: int,
    *,
    n_sims: int,
    rng: np.random.Generator | None = None,
    seed: int | None = None,
    continuous: bool = False,
) -> Scores:
    """Forecast from every origin with every candidate (``name -> (kind, candidate)``).

    Each (candidate, origin) draws from its own random stream (``origin_stream``) seeded
    from ``seed`` (or, without one, from a single integer drawn from ``rng``), the candidate
    and the origin: a candidate's forecast from an origin is the same whichever other origins
    and candidates are scored, so scores can be shared between evaluations.
    ``continuous``: the series is a duration (samples are not rounded to counts).
    """
    if seed is None:
        if rng is None:
            raise ValueError("score_origins needs a seed or a random generator")
        seed = int(rng.integers(2**63))
    names = tuple(candidates)
    shape = (len(names), len(origins), horizon)
    median, crps = np.full(shape, np.nan), np.full(shape, np.nan)
    in80, in95 = np.zeros(shape, dtype=bool), np.zeros(shape, dtype=bool)
    refused = np.zeros(len(names), dtype=int)
    paths: dict[tuple[int, int], np.ndarray] = {}
    idx = origins[:, None] + np.arange(horizon)[None, :]
    actual = np.where(idx < len(y), y[np.minimum(idx, len(y) - 1)], np.nan)
    limits = np.array([GUARD_FACTOR * max(known_max(y[: int(t)]), 1.0) for t in origins])
    out = (median, crps, in80, in95)
    cands = [candidates[name][1] for name in names]
    for start in range(0, len(origins), _SCORE_CHUNK):
        chunk = [int(t) for t in origins[start : start + _SCORE_CHUNK]]
        for c, got in enumerate(draw_block(cands, chunk, n_sims, seed)):  # batched.py
            drawn = [(start + j, p) for j, p in enumerate(got) if p is not None]
            refused[c] += _score_block(c, drawn, actual, limits, out, paths)
    kinds = tuple(candidates[n][0] for n in names)
    return Scores(
        names, kinds, y, origins, horizon, median, crps, in80, in95, refused, paths, continuous
    )


def _score_block(
    c: int, got: list[tuple[int, np.ndarray]], actual: np.ndarray, limits: np.ndarray,
    out: tuple[np.ndarray, ...], paths: dict[tuple[int, int], np.ndarray],
) -> int:  # fmt: skip
    """Guard and score candidate ``c``'s samples from several origins (``(origin index,
    samples)``) at once, writing ``out`` (median, crps, in80, in95) and ``paths``; returns
    how many were refused. Samples of one shape are stacked: one sort, one CRPS for all."""
    refused = 0
    shapes: dict[tuple[int, ...], list[tuple[int, np.ndarray]]] = {}
    for i, p in got:
        shapes.setdefault(p.shape, []).append((i, p))
    for same in shapes.values():
        rows = np.array([i for i, _ in same])
        stacked = np.stack([p for _, p in same])
        # one sort serves the guard, the quantiles and the CRPS: each (block, step) row of
        # sims contiguous, so the CRPS sums run in score_samples' order (see crps_stacked)
        xt = np.sort(np.ascontiguousarray(stacked.transpose(0, 2, 1)), axis=2)
        finite = np.isfinite(stacked).all(axis=(1, 2))
        ok = finite & ~np.any(upper975(xt.transpose(2, 0, 1)) > limits[rows, None], axis=1)
        refused += int((~ok).sum())
        for i, p in zip(rows[ok], stacked[ok], strict=True):
            paths[(c, int(i))] = p.astype(np.float32)
        got_scores = score_stacked(xt[ok], actual[rows[ok]])
        for a, v in zip(out, got_scores, strict=True):
            a[c, rows[ok]] = v
    return refused


def score_samples(
    p: np.ndarray, actual: np.ndarray, *, presorted: bool = False
) -> tuple[np.ndarray, ...]:
    """Median, CRPS (NaN where the target is unknown) and 80%/95% hits of samples (sims x H).

    ``presorted``: each column of ``p`` is already in ascending order.
    """
    x = p if presorted else np.sort(p, axis=0)
    b = interval_bounds(x, presorted=True)
    ok = np.isfinite(actual)
    crps = np.full(len(actual), np.nan)
    crps[ok] = crps_sample(x[:, ok], actual[ok], presorted=True)
    in80 = (b["lo80"] <= actual) & (actual <= b["hi80"])
    in95 = (b["lo95"] <= actual) & (actual <= b["hi95"])
    return b["median"], crps, in80, in95


def with_stack(scores: Scores, window: int, k: int = STACK_SIZE) -> Scores:
    """Scores with one more model, ``stack``: at each origin, the quantile average of the
    ``k`` candidates with the lowest rolling-origin CRPS on the forecasts whose targets
    precede that origin (nested: the weights use no value from the origin on).

    Origins where fewer than two ranked candidates have samples get no ``stack`` forecast.
    """
    n_o, h = len(scores.origins), scores.horizon
    median, crps = np.full((n_o, h), np.nan), np.full((n_o, h), np.nan)
    in80, in95 = np.zeros((n_o, h), dtype=bool), np.zeros((n_o, h), dtype=bool)
    actual = scores.actual()
    paths: dict[int, np.ndarray] = {}
    for i, t in enumerate(scores.origins):
        rows = rank(scores, inner_mask(scores, int(t), window))
        ranked = sorted(
            (r for r in rows if r.n >= MIN_PAIRS and np.isfinite(r.crps)), key=lambda r: r.crps
        )
        got = [scores.paths[key] for r in ranked
               if (key := (scores.names.index(r.name), i)) in scores.paths][:k]  # fmt: skip
        if len(got) < 2:
            continue
        p = scores.finish(np.mean([np.sort(g, axis=0) for g in got], axis=0))  # sorted
        paths[i] = p
        median[i], crps[i], in80[i], in95[i] = score_samples(p, actual[i], presorted=True)
    return scores.with_candidate("stack", (median, crps, in80, in95), paths)


@dataclass(frozen=True)
class Published:
    """The forecast published from one origin.

    ``samples`` (sims x horizon) are the calibrated predictive draws; ``choice`` rows: name,
    kind, crps, mae, n (the nested evaluation); ``coverage`` rows: h, n, coverage80,
    coverage95 (measured sequentially on past origins, NaN when too few).
    """

    samples: np.ndarray
    model: str
    reason: str
    choice: list[dict[str, object]]
    coverage: list[dict[str, object]]


def honest_baseline_crps(scores: Scores, window: int) -> np.ndarray:
    """CRPS (origins x horizon) of the baseline an honest user would publish at each origin.

    At each origin, the baseline with the lowest rolling-origin CRPS on the forecasts whose
    targets precede it (as :func:`publish` ranks them); NaN where no baseline qualifies. This
    is the fair rival of a model: a past choice among baselines, scored on what followed.
    """
    out = np.full(scores.crps.shape[1:], np.nan)
    for i, t in enumerate(scores.origins):
        rows = rank(scores, inner_mask(scores, int(t), choice_span(window)), refill=True)
        base = [r for r in rows if r.kind == "baseline" and r.n >= MIN_PAIRS]
        if base:
            out[i] = scores.crps[scores.names.index(min(base, key=lambda r: r.crps).name), i]
    return out


def _coverage(scores: Scores, c: int, origin: int, window: int) -> list[dict[str, object]]:
    """Sequential coverage of calibrated intervals on past origins, per step.

    Each past forecast is calibrated with the errors known before its origin (nested).
    """
    mask = inner_mask(scores, origin, window)
    past = past_crps(scores, [c], mask, scores.finish, window < FEW_ORIGINS)
    return past.coverage(1, scores.horizon)


def _past_coverage(scores: Scores, c: int, origin: int, window: int) -> list[dict[str, object]]:
    """Coverage, per step, of a candidate calibrated when built: its past hits, as scored."""
    mask = inner_mask(scores, origin, window) & np.isfinite(scores.actual())
    mask &= np.isfinite(scores.crps[c])
    out: list[dict[str, object]] = []
    for h in range(scores.horizon):
        n = int(mask[:, h].sum())
        hits80, hits95 = scores.inside80[c][mask[:, h], h], scores.inside95[c][mask[:, h], h]
        out.append({"h": h + 1, "n": n,
                    "coverage80": float(hits80.mean()) if n else float("nan"),
                    "coverage95": float(hits95.mean()) if n else float("nan")})  # fmt: skip
    return out


def _calibrate(
    scores: Scores, c: int, i_t: int, mask: np.ndarray, n_sims: int, draws: np.ndarray,
    every_step: bool = False,
) -> np.ndarray | None:  # fmt: skip
    """Calibrated samples (sims x H) from origin index ``i_t``; None when errors are too few.

    ``draws`` (uniform, n_sims) pick the errors: series sharing them resample the same
    periods' errors together (joint simulation for coherent sums).
    """
    med = scores.median[c, i_t]
    out = np.empty((n_sims, scores.horizon))
    for h, (errs, _) in enumerate(residual_pools(scores, c, mask, every_step)):
        if len(errs) < MIN_CAL or not np.isfinite(med[h]):
            return None
        if every_step:  # few origins: no narrower than the series' own h-step changes
            errs = wider(errs, own_jumps(scores.y, int(scores.origins[i_t]), h + 1))
        errs = errs - np.median(errs)  # spread from the errors; the median stays the point
        pick = errs[np.minimum((draws * len(errs)).astype(int), len(errs) - 1)]
        out[:, h] = np.expm1(np.log1p(med[h]) + pick)
    return scores.finish(out)


def publish(
    scores: Scores,
    origin: int,
    *,
    window: int,
    n_sims: int,
    rng: np.random.Generator,
    draws: np.ndarray | None = None,
    panel_choice: tuple[str, str] | None = None,
    coverage: bool = True,
) -> Published:
    """The published forecast from ``origin`` (which must be one of ``scores.origins``).

    ``coverage=False``: the measured coverage is not computed (``Published.coverage`` empty;
    for scoring passes that need the samples only).

    ``panel_choice`` (name, reason): a candidate chosen for the whole panel at this origin
    (see :mod:`analytics.modelling.global_combination`), published where it has a forecast
    from this origin, instead of the per-series choice; the guards apply as to any choice.
    """
    i_t = int(np.flatnonzero(scores.origins == origin)[0])
    history = scores.y[:origin]
    if not np.any(history[np.isfinite(history)] > 0):
        return Published(
            np.zeros((n_sims, scores.horizon)), "zero",
            "every known value is 0: the forecast is 0 (left out of pooling)", [], [],
        )  # fmt: skip
    draws = rng.random(n_sims) if draws is None else draws
    if window < FEW_ORIGINS:  # charged with what was published where it had no forecast
        filled = published_fill(scores, window)
        scores = replace(scores, median=filled.median, crps=filled.crps)
    mask = inner_mask(scores, origin, window)  # the calibration's past errors
    rows = rank(scores, inner_mask(scores, origin, choice_span(window)))
    available = {n for c, n in enumerate(scores.names) if (c, i_t) in scores.paths}
    name, reason = choose(rows, available)
    if panel_choice is not None and panel_choice[0] in available:
        name, reason = panel_choice
    if not name:
        raise ValueError("no candidate could forecast from this origin")
    limit = GUARD_FACTOR * max(known_max(history), 1.0)
    at = _Origin(i_t, mask, n_sims, draws, window)
    tried: list[str] = []
    refused: list[str] = []
    for cand in (name, *[r.name for r in sorted(rows, key=lambda r: r.crps)
                         if r.kind == "baseline" and r.name in available]):  # fmt: skip
        if cand in tried:
            continue
        tried.append(cand)
        c = scores.names.index(cand)
        average = cand == name and not refused and (panel_choice is None or panel_choice[0] != name)
        partners = average_partners(rows, available, cand, scores.calibrated) if average else []
        got = _guarded(scores, c, at, limit, partners, coverage)
        if got.samples is None:
            refused.append(got.label)
            continue
        if refused:
            reason += (
                f"; {', '.join(refused)} refused (median above {limit:,.0f} or not finite), "
                f"{cand} published"
            )
        choice = [r.__dict__ | {"chosen": r.name == cand} for r in rows]
        return Published(got.samples, cand, f"{reason}; intervals {got.how}", choice, got.coverage)
    samples = np.minimum(np.nan_to_num(got.raw, nan=limit), limit)
    reason += f"; every candidate's median exceeded {limit:,.0f} (or was not finite): capped there"
    return Published(samples, cand, reason, [r.__dict__ for r in rows], got.coverage)


@dataclass(frozen=True)
class _Origin:
    """Origin index, the calibration's mask, sims, the draws (uniform) and the window."""

    i_t: int
    mask: np.ndarray
    n_sims: int
    draws: np.ndarray
    window: int


@dataclass(frozen=True)
class _Drawn:
    """Samples under the guard (None: refused), before it (``raw``), how, the measured
    coverage and the name of what was refused (``label``)."""

    samples: np.ndarray | None
    raw: np.ndarray
    how: str
    coverage: list[dict[str, object]]
    label: str


def _guarded(
    scores: Scores, c: int, at: _Origin, limit: float, partners: list[str], coverage: bool
) -> _Drawn:
    """Candidate ``c``'s samples under the guard: the quantile average with ``partners`` when
    ``_averaged`` makes one and it passes the guard, else the candidate's own."""
    samples, how, measure = _candidate_samples(scores, c, at)
    label = scores.names[c]
    if partners and measure is _coverage:  # averaged only when calibrated on its own errors
        members, avg, why = _averaged(
            scores, c, [scores.names.index(p) for p in partners], at, samples
        )
        guarded = None if avg is None else guard_samples(avg, limit)
        if avg is not None and guarded is not None:
            past = past_crps(scores, [c, *members], at.mask, scores.finish)
            covered = past.coverage(len(members) + 1, scores.horizon) if coverage else []
            cap = "" if guarded is avg else f"; 95% bound capped at {limit:,.0f}"
            return _Drawn(guarded, avg, f"{how}; {why}{cap}", covered, label)
        names = ", ".join(scores.names[o] for o in members)
        if avg is not None:  # the average refused: the candidate's own samples are tried
            why = f"its quantile average with {names} refused (median above {limit:,.0f} or "
            why += f"not finite): {label}'s own samples"
            label += f" (alone and averaged with {names})"
        how += f"; {why}" if why else ""
    guarded = guard_samples(samples, limit)
    if guarded is not None and guarded is not samples:
        how += f"; 95% bound capped at {limit:,.0f}"
    origin = int(scores.origins[at.i_t])
    covered = measure(scores, c, origin, at.window) if coverage and guarded is not None else []
    return _Drawn(guarded, samples, how, covered, label)


def _averaged(
    scores: Scores, c: int, partners: list[int], at: _Origin, samples: np.ndarray
) -> tuple[list[int], np.ndarray | None, str]:
    """The members averaged in, the quantile average of the chosen model's calibrated
    ``samples`` with theirs and how; ``([], None, "")`` when ``vincent.average_with`` found no
    significant past gain (each past forecast calibrated nested), ``(members, None, why)``
    when a member cannot be calibrated on the last ``window`` origins as it was when scored.
    Weekly-like series only (a window of ``FEW_ORIGINS`` or more)."""
    no: tuple[list[int], None, str] = ([], None, "")
    if (
        at.window < FEW_ORIGINS
        or scores.kinds[c] != "model"
        or scores.names[c] in scores.calibrated
    ):
        return no
    span = inner_mask(scores, int(scores.origins[at.i_t]), choice_span(at.window))
    got = average_with(scores, [c, *partners], span, scores.finish)
    if got is None:
        return no
    members, past = got
    names = ", ".join(scores.names[o] for o in members)
    more = [_calibrate(scores, o, at.i_t, at.mask, at.n_sims, at.draws) for o in members]
    calibrated = [m for m in more if m is not None]
    if len(calibrated) < len(more):
        return members, None, (
            f"not averaged with {names}: too few errors to calibrate it on the last "
            f"{at.window} origins"
        )  # fmt: skip
    return members, scores.finish(vincent([samples, *calibrated])), (
        f"quantile average with {names} (CRPS of the nested calibrated forecasts on past "
        f"origins {past[len(members)]:.3g}, {scores.names[c]} alone {past[0]:.3g})"
    )  # fmt: skip


def _candidate_samples(
    scores: Scores, c: int, at: _Origin
) -> tuple[np.ndarray, str, Callable[[Scores, int, int, int], list[dict[str, object]]]]:  # fmt: skip
    """A candidate's published samples from origin index ``i_t`` (calibrated on its own past
    errors unless calibrated when built or too few), how, and its coverage measure."""
    own = scores.names[c] in scores.calibrated
    few = at.window < FEW_ORIGINS  # the errors of every step
    calibrated = None if own else _calibrate(scores, c, at.i_t, at.mask, at.n_sims, at.draws, few)
    if calibrated is not None:
        return calibrated, "calibrated by its own rolling-origin errors", _coverage
    raw = scores.paths[(c, at.i_t)].astype(float)  # resampled by the same draws
    samples = raw[np.minimum((at.draws * len(raw)).astype(int), len(raw) - 1)]
    how = "calibrated when built" if own else "uncalibrated (too few errors)"
    return samples, how, _past_coverage


def candidates(
    y: np.ndarray,
    days: np.ndarray,
    freq: str,
    horizon: int,
    *,
    autoregression: bool = True,
    continuous: bool = False,
) -> dict[str, tuple[str, Candidate]]:
    """Every baseline and model prepared on one series (``name -> (kind, candidate)``).

    Models: the level models, ``combo`` (quantile average of ``COMBO_MEMBERS``) and, for
    counts with ``autoregression``, the NB autoregression. ``continuous`` (a duration):
    unrounded samples and no count autoregression.
    """
    season = SEASONAL_PERIOD[freq]
    out: dict[str, tuple[str, Candidate]] = {
        n: ("baseline", baseline_rule(n, y, horizon, season, continuous=continuous))
        for n in BASELINE_NAMES
    }
    for n in LEVEL_MODELS:
        out[n] = ("model", level_model(n, y, horizon, continuous=continuous))
    members = tuple(out[n][1] for n in COMBO_MEMBERS)
    out["combo"] = ("model", Combination("combo", members, continuous))
    medians = tuple(out[n][1] for n in MEDIAN_MEMBERS)
    out["combo_median"] = ("model", Combination("combo_median", medians, continuous, median=True))
    if autoregression and not continuous:
        out["nb_ar"] = ("model", ARCandidate(y, days, freq, horizon))
    return out


def evaluation_origins(n: int, first: int, horizon: int, window: int) -> np.ndarray:
    """Origins needed to publish from every origin in ``first..n``: the choice's span of past
    origins before it too (``choice_span(window)``)."""
    return np.arange(max(first - choice_span(window) - horizon, 1), n + 1)
