"""Benchmark: skill of the published forecast against every baseline on the real datasets.

Run: ``.venv/bin/python benchmarks/bench_forecast_skill.py [--data ../shared/data]
[--out docs/forecast_skill.md] [--horizon-week 4] [--horizon-month 3]``.

Each series is built here, independently of the package's store, straight from the raw files:

- alerts per oblast and national (sum of oblasts) per ISO week (Kyiv time), from
  ``air-raid-sirens/official_data_en.csv`` (one row = one alert, any level);
- launched (sum of ``launched``) and waves (rows) per ISO week, national, from
  ``missile-attacks/missile_attacks_daily.csv`` (unparseable ``time_start`` left out);
- UCDP killed (sum of ``best``) and incidents (rows) per month, national, from
  ``ucdp-ged/UCDP-Ukraine.csv``; a month not covered on every day by the package's coverage
  calendar (``analytics.store.coverage``: inside a run of 4 or more ISO weeks without an event
  the source is taken to have stopped listing; a month without any event is one) is *not
  covered* (NULL), never 0, as ``metric_panel`` gives it to ``forecast``.

The first and last periods are dropped when incomplete. Rolling origins cover the last year
of each file (52 weeks, 12 months). At each origin the published forecast (honest choice and
calibration on earlier origins only) and every baseline forecast ``horizon`` periods; scores
are pooled over origins and steps. Printed as one table and written to ``--out``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import polars as pl

from analytics.modelling.backtest import ScoredSeries, backtest, score_series
from analytics.modelling.baselines import BASELINE_NAMES
from analytics.modelling.national import NATIONAL_WINDOW, choose_national
from analytics.store.coverage import period_coverage, source_day_coverage

ROOT = Path(__file__).resolve().parents[1]
METHOD = """
## How to read the table

- `mae`, `crps`, `coverage80`, `coverage95`: the **published** forecast (what `forecast`
  would have published at each origin: the choice and the calibration made on earlier origins
  only, i.e. nested), scored on every origin of the last year of the file and every step
  (weeks 1-4, months 1-3). The validated point forecast is the **median**.
- `mae_ratio`, `crps_ratio`: published / the **best baseline in hindsight** (naive, seasonal
  naive, mean of the last 4, 8 or 13 periods, local level with damped drift), the one that
  scored best over the same forecasts, chosen after the fact. No forecaster can know it in
  advance: this is the strict target of issue 10 (MAE <= 1, CRPS <= 0.95). Each ratio is
  taken on the forecasts both made; a baseline that could not forecast (too little history,
  refused by the 10x guard) at more than 20% of the published forecasts is not a rival.
- `nested_mae_ratio`, `nested_crps_ratio`: published / the baseline an **honest user**
  would have picked at each origin (lowest CRPS on the scored forecasts whose target precedes
  that origin; mean_4 at the first origin). This is the fair comparison.
- `max_hi95_over_max`: the largest published 95% upper bound over the largest value of the
  series (target: <= 10).
- `published`: the methods published most often (the chosen candidate before calibration).

## What is published

Per series and origin, candidates are the baselines, the level models (`ets_level`,
`ets_damped`: exponential smoothing of `log1p(y)`), `combo` (the quantile average of
mean_4, mean_8, mean_13, local_drift and ets_level), `combo_median` (round 9: the median,
level by level, of naive, mean_4, mean_13 and local_drift quantiles), `stack` (the quantile average of the
three candidates with the lowest CRPS on the past origins) and, for counts, the guarded NB
autoregression `nb_ar`. The candidate with the lowest rolling-origin CRPS on the origins
before the forecast origin (two calibration windows of them, round 10) is published only
if it beats the best baseline there; intervals
are the chosen median times its own past log errors at that step and the steps next to it
(conformal-style; monthly series, with 24 past origins only, pool the errors of every step).
A chosen model's calibrated forecast is averaged, level by level, with the next best
candidate's when that average scored a significantly lower CRPS on past origins (round 11).
Round 5's alternative, publishing the candidate's own samples when they scored a lower CRPS
than the calibrated ones on past forecasts, is reverted in round 6 (below).
On monthly series (few origins), where a candidate made no forecast from a past origin (the
NB autoregression after an uncovered month) it is ranked and calibrated on what was
published there (round 13).

**Round 14** (2026-12-01; same data and bench; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95; targets met of 45: 31 on seed 0 and 30 on seed 1, unchanged, as
nothing below was kept: the tables are round 13's. Figures are seed 0 unless marked s1; the
rows of a single series are the same in a run of the national series alone, `--only national`,
where `alerts national` is the direct model).

1. *Waves: why the 80% band over-covers (0.856) while the 95% band is right (0.933).*
   `local_drift` (a baseline) is published at all 52 origins; coverage is even over the
   steps (80%: 0.846-0.865, 95%: 0.923-0.942). Not rounding: the band is about 22 waves wide
   around about 26, and an actual lies on a bound in at most 4% of the forecasts of a step.
   It shows in advance: the coverage `publish` measures (nested) averaged 0.861 and 0.943
   over the scored origins. The PITs of past forecasts (each actual read against the pool
   its own forecast was calibrated on; the year before each origin) put 96%, 95%, 93% and
   86% of the actuals inside the 80% band at the scored year's first origin and 13, 26 and
   39 weeks into it (95% band: 100%, 100%, 98%, 94%): the errors have a sharper centre than the pool of the last year (calm
   weeks most of the time, the pool's spread set by rarer large misses), and the
   over-coverage was shrinking. Tried (`recalibration`: each bound level 0.025, 0.1, 0.9,
   0.975 read from the calibration pool at the quantile of the past PITs, the median kept,
   each calibration error moved monotonically so shared draws stay joint; weekly series):
   - PITs against each forecast's own pool (the honest reading): waves
     0.995/1.029/0.688/0.880; a correction learnt while over-coverage was 0.93-0.96
     overshoots when it is 0.86. Moving a level only when its past share lies outside half
     the issue's band (to the band's edge): waves 0.995/1.022/0.721/0.904, launched
     1.050/1.011/0.673/0.904, alert hours 0.981/1.056/0.875/0.990; the 80% levels alone:
     waves 0.731/0.933, launched 0.673.
   - PITs against the pools known within the calibration window (as the measured coverage
     reads them; the window's first pairs see 10-40 errors, so their PITs have heavy tails):
     waves 0.993/1.011/0.798/0.962, but the direct national alerts 0.977/0.981/0.933/0.976,
     alert hours 0.982/1.066/0.856/0.990, alerts per oblast CRPS 0.945 -> 0.958; targets 31
     -> 25 and 30 -> 23 (s1). With the band rule: waves 0.994/1.003/0.832/0.947 (both in
     band) but the direct alerts 0.977/0.975/0.856/0.962 and hours 0.982/1.058/0.846/0.990;
     the 80% levels alone: waves 0.841/0.933, the direct alerts lose their 80% target
     (0.856), hours CRPS 1.058. None kept: the over-coverage of the 80% band is real
     but drifts, and the 208 forecasts of one year do not pin a per-level correction.
2. *Alert hours (CRPS 1.046) and launched (MAE 1.050): where they lose.* Hours against
   mean_13: the published CRPS exceeds it by 632 (of 13,820); 451 of that at the first 7
   scored origins (2022-11-21 to 2023-01-02), published `mean_4` and then `naive`: the alerts
   file starts in 2022-03, so there mean_13 and `combo` had not yet scored 80% of the past
   pairs and were not eligible, and `naive`, best on the file's first weeks, lost 415 at
   the origin 2022-12-26 alone (a peak week before it: median 539, actuals 301 on
   average). On the 45 later origins (`combo` at 44) the ratio is about 1.015. A later
   release's scored year will not start 36 weeks into the file. Launched against mean_4's
   MAE: 2,004 more absolute error (of 39,791), from the rises of 2025-01-20 to 02-10
   (`local_drift`, +1,400 over its 7 origins: actuals 917-1,125 a week, published medians
   588-724, mean_4's 668-792) and 2025-05-05 to 05-26 (`combo`: actuals 1,247-1,308, medians
   877-994, mean_4's 906-1,140): level shifts up, which a mean of the last 4 weeks follows faster than
   `combo` (mean_8 and mean_13 are members); `combo_median` gained 1,608 at its 8 origins;
   9 switches in the year. Tried, none kept (hysteresis was round 10's Diebold-Mariano
   rule, and a log-scale ETS for hours is `ets_level`, already a candidate):
   - *`blend`*: a candidate averaging, level by level, the best model and the 2 best
     baselines, weights on the simplex (grid step 0.1) minimising the past CRPS of the
     average, fitted at each origin on the pairs before it (so its own scores are nested)
     and then chosen and calibrated like any candidate. Never better on the weekly national
     series (raw CRPS launched 144.8 against `combo`'s 141.7 and `stack`'s 144.2; hours
     67.6 against mean_13's 66.4): every weekly figure identical on both seeds; UCDP killed
     1.006/0.971 -> 1.001/0.961 (s1 1.017/0.979 -> 1.012/0.968), targets unchanged; the
     bench 23 -> 39 s. Thin evidence (13 forecasts) for 1.7 times the time.
   - *The same weights on the calibrated forecasts when publishing* (the chosen one's and
     the 2 best baselines', each past forecast calibrated nested; in place of round 11's
     average): hours 0.969/1.024/0.861/0.990 (CRPS better, both coverages out of band),
     launched 1.048/0.982/0.808/0.952, waves 0.992/1.008/0.885/0.947, the direct alerts
     0.984/0.978: averaging calibrated forecasts centred on different medians widens
     them. Only for a chosen model: launched 1.061/1.000. Only when the gain is 2 standard
     errors of the per-origin differences (round 11's rule): launched 1.036/0.975, but
     hours 0.990/1.049/0.865 (its 80% target lost); 1 standard error: the direct alerts
     1.000/0.987.
   - *The choice ranked on calibrated past CRPS* (each candidate's past forecasts
     calibrated nested, on the pairs every candidate could be calibrated on) instead of the
     CRPS of its raw samples: it publishes `ets_level` more often. Launched 1.031/0.964
     (s1 1.049/0.979), waves 0.958/0.972/0.856/0.938 (s1 0.982/0.990/0.856/0.952), but
     hours 1.008/1.071 (s1 1.054/1.093/0.784) loses its MAE target on both seeds, the
     direct alerts 1.009/1.010 theirs on seed 0 (s1 0.998/1.004). Each past forecast calibrated on its
     own window (as published) instead: launched 1.069/1.018, waves 0.978/0.989, hours
     1.008/1.071, three times slower.
   - Candidates eligible from 50% of the past pairs (not 80%), to rank mean_13 and `combo`
     earlier on hours: hours 1.014/1.066, launched 1.061/0.998.
3. *UCDP: what 13 monthly forecasts can show.* Coverage over 13 forecasts takes the values
   k/13: the 80% band (0.75-0.85) holds only 10/13 and 11/13, the 95% band (0.92-0.97) only
   12/13. Intervals exactly right, with independent hits, would land in the 80% band with
   probability 0.51 and in the 95% band with 0.35. The Clopper-Pearson 95% interval of
   6/13 (killed, 80%) is 0.19-0.75, of 8/13 (95%) 0.32-0.86; incidents 3/13: 0.05-0.54,
   7/13: 0.25-0.81. Taken as independent, 6 hits of 13 would be unlikely at a true 80%
   (probability 0.007), but the 13 forecasts are of five covered months (14, 22, 168, 1,606
   and 1,726 killed), steps 1-3 sharing them, so they are nearer 5 checks than 13: they say
   that the jumps into 2022-09 and 2023-02 were not covered, and no more. Of the general
   changes above only `blend` reached the monthly series (killed CRPS 0.971 -> 0.961,
   coverage unchanged); the recalibration and the calibrated choice apply to weekly-like
   windows only.

**Round 13** (2026-12-01; same data and bench; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95; targets met of 45, seeds 0 and 1).

Round 12's diagnosis, checked first (UCDP killed, seed 0): the 1,606 of 2022-09 was
forecast from the origins of 2022-06, -07 and -08 by `stack` (median 84-88, 95% bound
423-939): `nb_ar` has no forecast from any of them. Its calibration pool at the last origin
was 54 of its own errors, centred -1.16..+1.55 on the `log1p` scale, none of them that miss;
the nested choice ranked it on the pairs every eligible candidate scored, so those
three origins were out of the comparison too (CRPS 9.33 against naive's 12.3 on 54 pairs),
and `nb_ar` published the last scored forecast (1,726 in 2023-02) with median 47 and 95%
bound 228. Confirmed, with one correction: `nb_ar` does forecast from some origins whose
last month is unknown (2022-11), so "needs last month's value" is not the whole rule.

1. *The published forecast's own past errors* (`analytics.modelling.gaps`, kept). With few
   past origins (a window under `FEW_ORIGINS`: the monthly series), `publish` replays the
   nested choice at every past origin in time order (`published_fill`: `rank` and `choose`
   on the forecasts before it, themselves filled, among the candidates with a forecast
   there) and, where a candidate made no forecast, puts the median and CRPS of what was
   published there. A candidate is then calibrated on the errors a user relying on it
   would have seen (the fallback's misses included) and ranked on them (it answers for the
   fallback's CRPS where it could not forecast, so the jumps after gaps enter the
   comparison). Its own forecasts, the published median at the origin, and the weekly
   series (windows of 52 origins and more) are unchanged; the UCDP rows of the bench still
   take 1-2 s. In two steps (the first replayed the choice on the unfilled values; replaying
   it on the filled ones, as kept, gives the same figures):
   - calibration only: UCDP killed, per series, CRPS 488.6 -> 483.3 on seed 0 (the last
     forecast's 95% bound 228 -> 866, its CRPS 1,635 -> 1,566; 1,726 still above it),
     488.9 unchanged on seed 1; per configuration and the targets unchanged (31 and 30).
   - calibration and choice (kept): UCDP killed 1.006/0.971/0.385/0.538 ->
     1.006/0.971/0.462/0.615 on seed 0 and 1.017/0.979/0.385/0.538 -> 1.017/0.979/0.462/0.615 on seed 1
     (95% bound over the history's maximum 0.544 -> 4.034 and 0.603 -> 4.034); per series,
     MAE 521.9 -> 413.2 and CRPS 488.6 -> 385.6 (seed 0; seed 1 524.9 -> 415.5 and
     488.9 -> 385.6), `nested_crps_ratio` 1.121 -> 0.885 and 1.123 -> 0.886. One
     forecast of the 13 changed (seed 0): the last (1,726 in 2023-02), where `nb_ar`,
     charged for the three misses of 2022-09, no longer wins the choice: `naive` (median
     1,460, 95% bound 6,963, CRPS 297) in place of `nb_ar` (median 47, CRPS 1,635), one
     more hit of each interval. mean_4 and local_drift made no forecast from that origin,
     so the hindsight ratios (on the forecasts both made) do not move. A single forecast:
     the evidence is thin, and the rule is kept because it is the honest one (a candidate
     answers for the origins it could not serve), not for this figure. UCDP incidents
     unchanged (the candidates published there forecast from every origin). Targets met: 31 -> 31 (seed
     0), 30 -> 30 (seed 1); every weekly configuration identical.
2. *Jumps across an uncovered period* (not kept). The jumps floor (round 10) took the
   change from the last covered value before a gap to the first after it, a change over
   `k` periods, as `sqrt(h / k)` times it for step `h` (a random walk's spread on the
   `log1p` scale; 168 -> 1,606 over 4 months counts 1.13 at step 1). The floor then
   replaces the calibration errors more often, and it compares 2.5-97.5% ranges only:
   UCDP incidents 80% coverage 0.231 -> 0.154 (seed 0) and 0.167 -> 0.083 (seed 1), killed
   CRPS 0.971 -> 0.972; targets met unchanged. Adding those scaled changes to the
   calibration pool instead (the floor as before): nothing moved beyond the third decimal
   (killed `nested_crps_ratio` 0.902 -> 0.900 and 0.901 -> 0.904). Neither kept.
3. *Partial months at the series' end.* Not the issue here: the UCDP file's last event is
   on 2023-02-28 and every ISO week of 2023-02 lists events (23 to 92 a week), so the
   coverage calendar calls the month covered and the bench's rule (the last period is
   dropped unless the file reaches its last day) keeps it; 2022-09 is listed in every week
   too, while 2022-08 (listing resumes in its last days) and 2022-10 to 2023-01 are NULL. The
   bench reads months through the calendar (a month not covered on every day is NULL) and
   scores only covered months: every actual scored is a full covered month. A release whose
   last month is listed only in part would show an empty run of 4 weeks only if it is that
   long; shorter partial tails are not detectable without reading counts (round 11).

Why UCDP still misses the coverage bands: 13 forecasts of five covered targets (14, 22, 168,
1,606, 1,726 killed) that rise by two orders of magnitude across uncovered months; with a
median of 47 to 88 after 168, no band learnt from the history covers 1,606 or 1,726.

**Round 12** (2026-12-01; same data and bench; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95; targets met of 45, seeds 0 and 1).

1. *Alerts per oblast: the panel decision had no yardstick at the start of the file*
   (`analytics.modelling.choice.rank(..., refill=True)`). Why the four oblasts lose: the
   alerts file is short (the scored year starts at its 36th week), and `nb_ar` forecasts
   from the first weeks while the baselines need past errors first. `rank` calls a
   candidate eligible when it scored 80% of the known past pairs, so for the first 20-odd
   scored origins only `nb_ar` was: no baseline was ranked, `honest_baseline_crps` (the
   baseline an honest user would have published, the panel decision's yardstick) was NaN,
   the panel could not decide for `global_combo`, and each oblast published the fallback
   `mean_4` "with too little history", although the baselines had been scored on a hundred
   past forecasts. Kherson, worst: `mean_4` then `ets_level` calibrated on the errors of
   its ramp from 0 to 30 alerts a week (weeks 20-25 of the file, `log1p` errors up to 3),
   95% bounds 10-25x the median, CRPS 17-47 per origin against local_drift's 8-15. Now the
   honest baseline, when the ranking leaves no baseline ranked, is ranked again on the pairs
   some baseline scored (nested as before). Seed 0: targets met 30 -> 31; alerts per oblast
   0.956/0.958/0.825/0.947 -> 0.941/0.945/0.828/0.949 (CRPS target met), alerts national
   0.911/0.901/0.798/0.923 -> 0.881/0.873/0.822/0.933, coherent sum 0.888/0.881/0.815/0.920
   -> 0.877/0.865/0.825/0.925, the others unchanged. Seed 1: 29 -> 30; alerts per oblast
   0.953/0.961/0.829/0.946 -> 0.940/0.949/0.830/0.947 (met, close to the line), alerts
   national 0.927/0.894/0.832/0.957 -> 0.912/0.883/0.841/0.962, coherent sum
   0.901/0.878/0.828/0.956 -> 0.887/0.863/0.843/0.961. Per series (seed 0, crps_ratio):
   Odesa 1.096 -> 0.994, Mykolaiv 1.132 -> 1.080, Donetsk 1.208 -> 1.220, Kherson 1.372
   unchanged (it has no `global_combo`: a member cannot forecast there, round 5).
   Tried and not kept (targets met, seed 0 and 1):
   - *The same refill in the per-series choice too* (`publish`): 28 and 27. Alerts per
     oblast 0.943/0.938 and 0.942/0.939 and Kherson 1.372 -> 1.249, but the coherent sum's
     coverage 0.865/0.990 and 0.851/0.986, the direct national alerts 0.960 -> 0.977 and
     0.956 -> 0.973, alert hours 1.046 -> 1.050: on the single national series a model
     chosen on the first 100-odd past pairs does worse than the `mean_4` fallback; and on
     the coherent sum the early under-coverage (95% at 0.25-0.75 on several origins of
     2022-12 to 2023-03) had been offsetting a later over-coverage (95% at 1.0 on most origins
     from 2023-04): a real weakness of the coherent sum's intervals, left for a later round.
     In the per-series choice alone (not the yardstick): 28 and 27 (oblasts 0.953/0.955).
     With the fallback's baseline chosen on those pairs but no model: 28 and 26 (Kherson
     1.557). Only when the model's gain over the best baseline there is 2 standard errors
     of the per-origin mean differences: 29 and 28 (alert hours and the direct national
     alerts unchanged, Kherson 1.249 and 1.251, but the coherent sum's 95% coverage again
     0.990 and 0.986, alerts national 0.901 -> 0.922 on seed 0).
   - *Baselines always ranked among themselves* on the pairs some baseline scored (not only
     when none is ranked): 31 and 29 (oblasts' CRPS 0.960 on seed 1).
   - *Calibration from errors made at a comparable level* (a past error kept when that
     forecast's median was at least 1/4, or 1/8, of the current median, if 10 remain; it
     targets Kherson's ramp), on round 11's code: 28 and 29 with 1/4 (Kherson 1.247, but
     alerts national 95% 0.909 and the coherent sum 0.905 on seed 0, launched 0.918), 28
     and 29 with 1/8 (alerts national 95% 0.918). Only in publishing: the nested coverage
     and the average's choice (`vincent.past_crps`) would also need it.
2. *Weekly national series.* Nothing kept. Idea (b), exponential smoothing on `log1p`, is
   `ets_level` already; (c), intervals from past origins' log errors per step, is the
   calibration already. Tried: (a) the chosen model's calibrated forecast averaged with up
   to the two best baselines by past CRPS (round 11's nested, significant-gain choice of how
   many; round 11 had averaged up to 3 of any kind): targets met 31 and 30 (unchanged),
   launched 1.050/0.991/0.793/0.962 -> 1.056/0.994/0.793/0.957 on seed 0, alert hours
   1.046 -> 1.044, the direct national alerts 0.960 -> 0.959, seed 1 unchanged: not kept.
   Where the candidates stand is round 11's item 1.
3. *UCDP monthly: why the intervals do not widen after a miss.* The covered targets of the
   scored year are 14, 22, 168, 1,606 and 1,726 killed. `MIN_CAL` does not block (54 errors
   at the last origins). The chosen `nb_ar` needs the last month known, so it has no
   forecast from the origins right after an uncovered month (the ones that missed 1,606 were
   published by `stack`): its own calibration pool never holds those misses (at the last
   origin, centred, -0.8..+1.36 on the `log1p` scale), and the nested choice compares
   candidates on the pairs every eligible one scored, so the jumps that follow gaps leave
   the comparison too. The jumps floor skips changes across an unknown month, so 168 ->
   1,606 is not in it either. A fix (calibrating with the errors of what was published at
   each past origin, whichever candidate) reaches `past_crps`'s prefix pools and the
   reported coverage; and with the median at 47 after 1,606 even a band widened by that miss
   (x e^2.9, about 850) would not have covered 1,726. Not changed.

**Round 11** (2026-12-01; same data and bench; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95; targets met of 45, seeds 0 and 1).

1. *The weekly national series (launched, waves, alert hours).* Where the CRPS stands: on
   launched (seed 0) the raw samples of the best candidates score 141.7 (`combo`), 142.0
   (`combo_median`), 144.2 (`stack`, already the quantile average of the nested top 3),
   the published forecast 145.9 and the best baseline in hindsight (mean_13) 146.8: the
   0.95 target needs 139.4, below every candidate. Alert hours: mean_13 66.4, `stack`
   66.5, `combo` 67.4, published 69.4 (target 63.1); waves: local_drift (a baseline) 4.40,
   published 4.45, `stack` 4.51 (target 4.18).
   *Kept: a quantile average of calibrated forecasts, chosen nested*
   (`analytics.modelling.vincent`). When a model is chosen (weekly series; not the panel's
   `global_combo`), its calibrated samples are averaged level by level with those of the
   next candidate by past CRPS (each calibrated on its own past errors; laid out in the
   chosen one's rank order, so the shared draws of the coherent sum stay joint) when that
   average scored a lower CRPS on the past origins of the choice span, each past forecast
   calibrated with the errors known before its own origin (CRPS from 40 quantile levels),
   by at least 2 standard errors of the per-origin mean differences. Seed 0: targets met
   29 -> 30 (the coherent sum's 95% coverage 0.915 -> 0.920); alerts per oblast
   0.957/0.960 -> 0.956/0.958, alerts national 0.924/0.909 -> 0.911/0.901, coherent sum
   0.890/0.883 -> 0.888/0.881, launched 1.056/0.994/0.793/0.957 -> 1.050/0.991/0.793/0.962,
   alert hours 0.983/1.044 -> 0.981/1.046, the direct national alerts 0.976/0.959 ->
   0.976/0.960, waves unchanged (a baseline is published there). Seed 1: 29 -> 29; alerts
   per oblast 0.957/0.964 -> 0.953/0.961, alerts national 0.944/0.904 -> 0.927/0.894,
   coherent sum 0.904/0.881 -> 0.901/0.878, the others unchanged. Cost: publishing from the
   104 scored origins of launched and alert hours, CPU 0.07 -> 0.27 s
   (`benchmarks/bench_vincent.py`, interleaved).
   Review fixes (every figure above unchanged on seeds 0 and 1, tables identical): an
   average refused by the 10x guard now falls back to the chosen model's own calibrated
   samples before any baseline (the reason no longer blames the model); the printed
   coverage of an averaged forecast is that of the averaged intervals (nested, as
   published), not the chosen model's; a partner that cannot be calibrated on the last
   window is not averaged in (its raw paths were), and the reason says why.
   Tried and not kept (before: launched 1.056/0.994 and 1.051/0.989, hours
   0.983/1.044/0.841 and 0.978/1.026/0.827, waves 0.995/1.010 and 1.008/1.022, the direct
   national alerts 0.976/0.959/0.808/0.947 and 0.973/0.956/0.832/0.942; seed 0, then 1):
   - *The same average without the nested choice* (always, when a model is chosen):
     launched 1.043/0.982 and 1.034/0.976, alerts per oblast CRPS 0.953 and 0.959, but
     alert hours 1.062 and 1.049 with 80% coverage 0.870 and 0.861, the direct national
     alerts 0.995/0.990 and 0.987/0.982; targets met 29 and 26. Chosen on the lower past
     mean alone: 29 and 27 (alert hours 1.008/1.057, 95% coverage 0.981 and 0.990: past
     gains of 0.5% chased noise). Pairs rather than origins for the standard error (2
     standard errors): 30 and 29, launched 1.043/0.984 on seed 0, but alert hours 1.052 and
     the direct alerts 0.964 there. 1.645 standard errors: 30 and 29, alert hours 1.055 on seed 0. Up to 3 candidates:
     29 and 28 (hours 95% coverage 0.971 on seed 1). Averaging a chosen baseline too: 30
     and 29, but the national alerts 0.901 -> 0.925 and 0.894 -> 0.925 (the direct model
     then wins the national choice more often). The raw quantile average of the nested
     top 2 as one more candidate (`stack` with 2): never chosen (launched raw CRPS 146.1),
     figures unchanged.
   - *Point and spread chosen apart* (the published median from the candidate with the
     lowest past MAE, the spread from that point's own calibrated errors; the baseline
     rule on MAE): launched 1.063/1.013 and 1.059/0.998, alert hours 1.012/1.069 and
     1.025/1.058 (the MAE target lost), waves 0.972/0.982 and 0.998/0.999, the direct
     national alerts 1.025/1.011 and 1.010/1.002, UCDP killed 1.174/1.136 (old UCDP rule);
     targets met 27 and 27.
   - *Calibration window* (conformal quantiles of the past `log1p` errors per step): all
     recent origins (104 in place of 52): launched 1.047/1.024/0.947/1.000, waves CRPS
     1.082, targets met 24 and 26; 26 origins: launched 1.049/1.006/0.712/0.913, targets
     met 26 and 27; the step's own errors only (not its neighbours'): targets met 29 and 29,
     alerts national CRPS 0.909 -> 0.941 on seed 0, the others within 0.01. The last 52
     origins and steps h-1..h+1 stay.
2. *UCDP monthly: the scored year is a coverage artefact.* The data README says the 2022-23
   rows are partial (mostly 2022-09 and 2023-02); the export carries no field saying which
   UCDP release (a yearly GED release covering whole years, or a monthly Candidate release)
   a row came from, so the package cannot know a month's coverage from the release, and
   it must not guess coverage from counts. Its general rule is the coverage calendar
   (`sql/coverage.sql`, `analytics.store.coverage`): inside a run of 4 or more ISO weeks
   without an event a source is taken to have stopped listing, and a month not covered on
   every day is NULL in `metric_panel`, so `forecast` never trains on it nor scores it. The
   bench built its UCDP series with a looser rule (a month with any event counted as
   covered, e.g. 2022-02: 8 days covered, 6,548 killed); it now reads the months through
   that calendar, as the CLI does: 2022-01, -02, -06, -07, -08, -10, -11, -12 and 2023-01 are
   NULL. UCDP killed 1.089/1.062/0.522/0.739 on 23 forecasts -> 1.006/0.971/0.385/0.538 on
   13 (seed 1 1.090/1.086/0.478/0.739 -> 1.017/0.979/0.385/0.538); UCDP incidents
   1.035/1.028/0.174/0.739 -> 1.031/1.020/0.231/0.538 (seed 1 1.043/1.032/0.217/0.783 ->
   1.035/1.015/0.167/0.583 on 12); targets met 29 -> 29 on both seeds (the 10x guard on
   each). Why these rows cannot meet the coverage targets: the months the calendar still
   calls covered in the scored year are 2022-03, -04, -05 (1 to 3 events a month in a
   full-scale war: a trickle from a partial listing, which a rule that may not read counts
   cannot tell from a quiet month), 2022-09 (508 events) and 2023-02 (347); the targets jump
   by two orders of magnitude between consecutive covered months, over 12-13 forecasts.
   What the forecast does about it: uncovered months are missing, never 0; with few origins
   the intervals are no narrower than the series' own h-step `log1p` changes (round 10's
   jumps floor, so they are honest about the jumps of its history); the 10x guard caps the
   95% bound (10.000 for incidents on seed 0). A UCDP source that recorded each row's
   release and the span the release declares would let the calendar mark partial years
   without reading counts (a change in the UCDP source and the store, not here).
3. *Alerts per oblast* (CRPS 0.960, target 0.95): step 1 moves it to 0.958 and 0.961 (the
   oblasts and origins where the panel does not publish `global_combo`); nothing more was
   tried.

**Round 10** (2026-12-01; same data and bench; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95; targets met of 45, seeds 0 and 1).

1. *A choice that does not chase noise* (`analytics.modelling.choice`). The nested choice
   scored candidates on the last 52 weekly origins and switched between candidates a few
   percent apart (launched: local_drift, mean_13, combo, 8 switches in the year). It now
   scores them on two windows of past origins (104 weekly; a monthly window, 24 origins,
   already spans two years and is kept), the calibration staying on the last window; the
   rule that a model replaces the best baseline only when it beats it there is unchanged.
   Targets met 29 -> 29 (seed 0) and 29 -> 29 (seed 1): alert hours 1.019/1.067 ->
   0.983/1.044 (MAE target met; seed 1 0.996/1.039 -> 0.978/1.026), launched 1.082/1.030
   -> 1.056/0.994 (seed 1 1.072/1.011 -> 1.051/0.989); the coherent sum's 95% coverage
   0.920 -> 0.915 on seed 0 (unchanged on seed 1). Scoring covers twice the past origins
   (the CLI's forecasts score 104 + horizon origins instead of 52 + horizon), and that is
   the cost: one weekly forecast of 150 weeks 0.21 -> 0.38 s CPU, the weekly report's
   models on the 1M bench 1.32 -> 3.77 s in their thread (a loaded machine; report
   process CPU 3.44 -> 5.74 s); kept, as the forecasts are what the report is read for.
   Keeping one window for panel series was tried and dropped: the report forecasts single
   series, and the national choice then scored the panel on shorter spans. With this
   span the CLI's national alerts publish the coherent sum (past CRPS 45.2 vs 48.2).
   Tried on the same scores and not kept (published median MAE / raw CRPS on launched,
   the current rule 205.8 / 151.1): exponential weights over every past origin (half-life
   26: 203.3 / 149.9; 52: 202.9 / 149.2; 104: 202.5 / 148.6, hours worse at 26 and 52);
   keeping the previous choice unless a challenger's paired CRPS differences are
   significant (Diebold-Mariano, HAC, t > 1 or 1.645: 214.6 / 155.8, it locks onto
   local_drift); publishing the quantile average of the candidates not significantly
   worse than the best (a model confidence set) or of CRPS-weighted candidates as the
   default model under the baseline rule (207-213 / 150-154: in the nested window the best
   baseline beats them at 41-46 of 52 origins, so the baselines are still published).
   Doubling the monthly span too: UCDP killed 1.089 -> 1.172, not kept.
2. *Monthly intervals: a floor from the series' own jumps* (`analytics.modelling.jumps`).
   When the calibration pools every step (few origins), the errors at step h are replaced
   by the series' own h-step `log1p` changes before the origin when those span a wider
   2.5-97.5% range (at least 10 known changes; unknown months skipped, never 0; the 10x
   guard still caps). UCDP incidents 95% coverage 0.609 -> 0.739 (CRPS 1.028 -> 1.028),
   UCDP killed unchanged (1.089/1.062/0.522/0.739); targets met 29 -> 29. The real-data
   test of the UCDP gap (training to 2023-01-31) still passes. Comparing the 10-90% range
   too: killed CRPS 1.062 -> 1.022 but 80%/95% coverage 0.522/0.739 -> 0.478/0.696: not
   kept.

**Round 8** (same data, bench and seed).

1. *The publishing guard caps instead of falling back.* A chosen candidate whose calibrated
   95% bound exceeded 10x the history's maximum was refused for the next baseline by CRPS,
   even when its median was sound (a monthly series jumping 2 -> 508 -> 11 -> 347 makes past
   log errors wide): the fallback's point forecast was worse. Now such a candidate is
   published with its samples capped at the limit ("95% bound capped at N"); only a median
   above the limit, or samples that are not finite, fall back
   (`analytics.modelling.guards`). Per-configuration targets met (of 45, the tables above):
   seed 0 28 -> 29 (alerts national and its coherent sum reach 95% coverage 0.928 / 0.920;
   UCDP killed loses its MAE target, 0.993 -> 1.089, and 95% coverage 0.913 -> 0.739);
   seed 1 30 -> 29 (UCDP killed again: 0.994 -> 1.090). Over both seeds 58 -> 58: kept as
   the honest rule (a sound median is not replaced by a worse one), with UCDP killed the
   series it costs. UCDP incidents is unchanged in this bench.
2. *NB refits warm-start at the boundary.* A rolling refit whose previous alpha was at the
   boundary (<= 1e-6) ran BFGS from a cold start; it now starts from the previous estimates
   with log alpha floored at -10 (see `benchmarks/bench_models.py`).

**Round 7** (same data, bench and seed; the tables above are unchanged: nothing published
changed).

1. *Speed of `forecast_national`.* It scored the direct forecast and the coherent sum with
   two backtests of their own (the oblast panel on about 110 origins, steps 1-4) and then
   scored the panel again to publish. It now scores both from the past origins of the
   rolling-origin scores that publish them (the oblast panel's, with its global model and
   panel decision, and the national series'), each past forecast nested, the oblasts'
   calibrated errors drawn with the origin's shared uniforms, steps 1 to `min(horizon, 4)`.
   Same choice and the same published rows on the real alerts (the coherent sum: past CRPS
   46.6 vs 56.3, round 6's backtests 48.3 vs 51.2); `benchmarks/bench_models.py` times it
   against round 6's way in the same run. The rest of its cost is the oblast panel's own
   scoring (`forecast_panel`). The two ways score different simulated past forecasts, and
   the panel's first past origins see fewer earlier origins, so on a close call (a few
   percent apart) they may choose differently.
2. *A global direct quantile model* (`global_qr`: pooled quantile regression of
   `log1p(y_{t+h}) - log1p(level)` on the members' `log1p` medians relative to the level and
   the step, levels 0.05-0.95 sorted, fitted on every oblast's last 52 origins, nested, and
   offered to the panel decision beside `global_combo`). On the oblast alerts (steps 1-4, 52
   origins) its total CRPS was 15,323 (naive, mean_4..13, local_drift, ets_level; level
   mean_4), 14,735 (with ets_damped and nb_ar) and 14,866 (level: global_combo's median),
   against global_combo's 13,884 and mean_4's 15,419; MAE 20,226-20,778 against 19,646. The
   panel decision never chose it, so nothing published changed. Not kept.

**Round 6** (same data, bench and seed; per configuration mae_ratio / crps_ratio /
coverage80 / coverage95, targets <= 1 / <= 0.95 / 0.75-0.85 / 0.92-0.97), in the order done:

1. *National alerts.* `alerts national` now scores what is published nationally
   (`analytics.modelling.national`): at each origin the coherent sum of the oblasts, unless
   the direct national forecast scored a lower mean CRPS on the two forecasts' scored pairs
   whose target precedes the origin (last 52 origins, at least 8 pairs; nested; the bench
   scores 52 warm-up origins before the year so the first choice has its past, as
   `forecast_national` has). 0.986/0.969/0.779/0.933 (direct alone) -> 0.912/0.901/0.760/
   0.918 (the sum won at 49 of the 52 origins). A 26-origin comparison chose worse (CRPS
   50.3 vs 48.1). Kept. The direct and coherent rows stay as `alerts national, direct` and
   `alerts national, coherent sum`.
2. *A global model over every weekly series* (`--pool all`: the global combination's weights
   learned on the 24 oblasts and the national alerts, alert hours, launched and waves, lined
   up by period, nested; each national series gets `global_combo` as one more candidate).
   Worse: the oblast configuration's crps_ratio 0.951 -> 0.970 (the pool drops `nb_ar` from
   the members, alert hours having no count autoregression, and mixes national dynamics in),
   alert hours 1.065 -> 1.070, waves 1.005 -> 1.040, launched unchanged, direct national
   0.969 -> 0.959. Pooling for the national series only (`--pool national`, the oblasts on
   their panel): hours 1.070, waves 1.040 again. Not kept (`--pool none` is the default);
   the alignment by period stays in `with_global` and `backtest(..., pool=...)`.
3. *Monthly intervals* (UCDP): with few past origins the errors of every step calibrate every
   step and the calibrated samples are always published. UCDP killed 1.089/1.008/0.522/0.739
   -> 0.993/0.967/0.609/0.913; UCDP incidents 1.034/1.026/0.261/0.652 -> 1.036/1.028/0.174/
   0.609 (the scored year jumps between about 10 and 500 incidents a month: no spread of the
   median's past errors covers that). Kept (one more target met, killed's coverage up).
4. *Round 5's own-samples choice revisited* with 1-3 in place: targets met over the seven
   configurations (four each; the 10x guard is met everywhere) 10 with it, 13 without it
   (12 if alerts national's CRPS ratio, 0.950 at three decimals, is counted a miss)
   (alert hours 95% 0.986 -> 0.962, launched 80% 0.740 -> 0.750 and 95% 0.942 -> 0.962,
   waves MAE 1.002 -> 0.995 and 95% 0.966 -> 0.933 into their bands; alerts national CRPS
   0.901 -> 0.950 and 95% 0.918 -> 0.913); it costs CRPS: alerts per oblast 0.951 -> 0.958,
   launched 1.029 -> 1.040, hours 1.065 -> 1.067, Kherson back up (see the per-series
   table). By the rule set for this round (keep it if the targets met are not fewer) it is
   reverted: the table above is without it.

**Round 5** (same data, bench and seed): that choice between calibrated and own samples
moved Kherson's `crps_ratio` from 1.68 to 1.21 (MAE ratio 1.30 to 1.04), launched from
1.040 to 1.029, the oblast configuration's CRPS ratio from 0.958 to 0.951 (nested 0.980 to
0.947) and the published CRPS by -1.0% (geometric mean over the series); it made UCDP killed
worse (0.968 to 1.008, 95% coverage 0.91 to 0.74: 24 monthly origins are few to choose on)
and alerts national slightly (0.957 to 0.969). Tried and not kept: the global combination
over the members present where one could not forecast (weights rescaled): Kherson then got
`global_combo` at 90% of its origins instead of 8%, with the same CRPS (9.44 vs 9.41) and
over-wide intervals (80% coverage 0.91), the panel's total published CRPS +0.2%.

**Global model for a panel** (the oblast alert series; `global_combo` in `published`). The
oblasts share their dynamics, so one set of combination weights is learned on all of them
at once: `log1p(median) = sum_m w_m log1p(median_m)` over naive, mean_4, mean_8, mean_13,
local_drift, ets_level, ets_damped and nb_ar, with `w` non-negative and summing to 1, fitted
by median (least absolute) regression on every oblast's forecasts whose target precedes the
origin (last 52 origins): about 27 times the data of a per-series choice, and nested.
Intervals: the current weights' own past log errors on that oblast, each past error once
(split-conformal), rows in time order so that shared draws pick the same past weeks on every
oblast (the coherent sum keeps its coverage). The *decision* is made once for the panel and
nested too: at each origin, per oblast, the mean CRPS of `global_combo` over its past
forecasts divided by that of the baseline an honest user would have published at each of
those origins (the best baseline on the forecasts before it; round 12: ranked on the pairs
some baseline scored when a model that forecast earlier left none eligible); `global_combo` is published
for every oblast when the geometric mean of these ratios is below 1, else each oblast keeps
its own choice. A single series (national, launched, waves, UCDP) has no panel: it keeps the
per-series choice. `forecast_panel` (the CLI's `--oblast`) publishes the same way.

**Before the global model** (round 3, same data and bench), the shares were: published
median MAE <= best baseline in hindsight 35%; CRPS <= 0.95x 10%; 80% coverage in 75-85% 58%;
95% coverage in 92-97% 61%; 95% bound <= 10x 100%; nested MAE <= 1 81%, nested CRPS <= 0.95
65%. The shares in the note under the table are this version's. Tried and not kept: pooling
the standardised errors of all oblasts for the interval shape (per-series scale; 95%
coverage in band fell to about a third of the oblasts: the over-coverage of the calm western
oblasts comes from small integer counts and a calmer scored year, not from too few errors);
a per-oblast guard on top of the panel decision (no better overall; it helps Donetsk and hurts Mykolaiv).

**Uncovered periods** are missing, never 0: an oblast's weeks before its first listed alert,
and after its last one when that silence is longer than any earlier silence between listed
alerts (e.g. Luhansk after the permanent alert of 2022-04-04, which the file does not list),
are NULL; national sums add the oblasts covered that week. A UCDP month not covered on every
day by the package's coverage calendar (round 11) is NULL too. A series with no covered value in
the scored year is not scored (named in the note).

**Alert hours** (`alert hours national`: the summed durations of the listed alerts per week,
`finished_at - started_at`) are a continuous quantity: `forecast(..., metric="alert_minutes")`
(or `continuous=True`) runs the same baselines, level models, combinations, nested choice and
calibration on the `log1p` scale without rounding to counts and without the count
autoregression; quantiles are floats in the input unit.

**Coherence.** The published national alerts (`alerts national`; `forecast_national`) are
the coherent sum below unless the direct national model beat it on past origins (round 6,
step 1). `alerts national, coherent sum` is the sum of the oblasts' published forecasts
(each chosen and calibrated on its own, the calibrated errors drawn with the same uniforms for
every oblast at an origin, so whole past periods move together), scored against the sum of
the oblasts covered each week, next to the same national baselines as the direct national
forecast (`alerts national`). `forecast_panel` publishes that coherent sum.

**Simulation noise and speed.** Each candidate's forecast from each origin draws from its own
random stream (seeded by `--seed`, the candidate and the origin), the NB autoregression's
refits start from the previous refit's estimates and are shared by content with the surge
checks, and `combo` combines the samples its members drew at that origin. These changed the
random draws, not the methods: over seeds 0, 1 and 2 the published CRPS moved by -0.2%
(geometric mean over the series; per series within two seed standard deviations, 12 oblasts
better and 12 worse), the mean `crps_ratio` from 1.018 to 1.015 and `nested_crps_ratio` from
0.936 to 0.932. Shares that count series against a threshold move with the noise: several
oblasts sit at `crps_ratio` 0.94-0.96, so the CRPS <= 0.95 share read 26/19/26% before and
16/10/19% after over the three seeds. Run with `--seed` to see the noise of any figure.

**IRR errors.** `fit_counts(...).coefficients` gives, beside the model-based standard errors,
Newey-West (HAC) errors (`std_error_hac`, `irr_low_hac`, `irr_high_hac`, `p_value_hac`;
Bartlett kernel, `floor(4 (n/100)^(2/9))` lags), which stay valid when consecutive periods
are correlated; they equal statsmodels' `cov_type="HAC"` (tested).
"""
KYIV = "Europe/Kyiv"
COHERENT = "alerts national, coherent sum"
DIRECT = "alerts national, direct"
#: The configurations of issue 10, in its order (then the others).
CONFIG_ORDER = (
    "alerts per oblast", "alerts national", COHERENT, DIRECT, "alert hours national", "launched national",
    "waves national", "UCDP killed national", "UCDP incidents national",
)  # fmt: skip
CONFIG_NOTE = """Issue 10 states its targets per configuration: `mae_ratio` <= 1, `crps_ratio`
<= 0.95, `coverage80` in 0.75-0.85, `coverage95` in 0.92-0.97, `max_hi95_over_max` <= 10.
Here a configuration's forecasts are scored together: the best baseline in hindsight is ONE
baseline for the whole configuration (`best_baseline_crps`: the lowest total CRPS over all its
series' forecasts; `best_baseline_mae`: the lowest total absolute error; per forecast made, for
a baseline that could not forecast everywhere), the ratios are of totals over the forecasts
both made (sum of absolute errors, sum of CRPS), coverage is pooled over every forecast,
`max_hi95_over_max` is the largest over the series, and `nested_*_ratio` divides by the totals
of the baseline an honest user would have picked per series and origin (on the forecasts both
made). A configuration of one series is its per-series row (up to the forecasts compared).
The per-series table below is the stricter view: each series against its own best baseline
in hindsight, so a configuration can meet a target that some of its series miss."""


def _complete(
    frame: pl.DataFrame, first_day: dt.date, last_day: dt.date, every: str
) -> pl.DataFrame:
    """Drop periods the file covers only in part (first and last)."""
    step = "1w" if every == "week" else "1mo"
    frame = frame.sort("period")
    end_of = frame["period"].dt.offset_by(step).dt.offset_by("-1d")
    return frame.filter((pl.col("period") >= first_day) & (end_of <= last_day))


def _weekly(
    frame: pl.DataFrame, day_col: str, value: pl.Expr | list[pl.Expr], by: list[str]
) -> pl.DataFrame:
    """Weekly sums on a complete week grid; a week without rows is 0 (see ``covered``)."""
    week = pl.col(day_col).dt.truncate("1w").alias("period")
    values = value if isinstance(value, list) else [value.alias("value")]
    out = frame.group_by(*by, week).agg(values)
    names = [c for c in out.columns if c not in (*by, "period")]
    days = frame[day_col]
    lo, hi = days.min(), days.max()
    grid = pl.date_range(lo - dt.timedelta(days=lo.weekday()), hi, "1w", eager=True)  # type: ignore[operator, union-attr]
    keys = out.select(by).unique() if by else pl.DataFrame({"_": [0]})
    full = keys.join(pl.DataFrame({"period": grid}), how="cross")
    full = full.join(out, on=[*by, "period"], how="left").with_columns(pl.col(names).fill_null(0))
    first = lo if lo.weekday() == 0 else lo + dt.timedelta(days=7 - lo.weekday())  # type: ignore[union-attr, operator]
    return _complete(full.drop("_", strict=False), first, hi, "week")  # type: ignore[arg-type]


def covered(values: pl.Series) -> pl.Series:
    """Which periods of one series a file covers: True, False (not listed: NULL, never 0).

    Periods before the first listed one are not covered (the file had not started listing
    there). Periods after the last listed one are not covered when that silence is longer than
    every silence between two listed periods before it (the file stopped listing, e.g. a
    permanent alert it does not list); a shorter trailing silence is a quiet spell (true 0s).
    """
    listed = (values > 0).to_numpy()
    idx = listed.nonzero()[0]
    out = listed.copy()
    if not len(idx):
        return pl.Series(out)
    out[idx[0] : idx[-1] + 1] = True
    longest = int((idx[1:] - idx[:-1]).max()) - 1 if len(idx) > 1 else 0
    if len(values) - 1 - idx[-1] <= longest:
        out[idx[-1] :] = True
    return pl.Series(out)


def alerts(data: Path) -> dict[str, pl.DataFrame]:
    """Alerts per oblast and national, and alert hours national (uncovered weeks NULL)."""
    raw = pl.read_csv(
        data / "air-raid-sirens" / "official_data_en.csv",
        columns=["oblast", "started_at", "finished_at"],
    )
    start = pl.col("started_at").str.to_datetime(time_zone="UTC")
    minutes = (pl.col("finished_at").str.to_datetime(time_zone="UTC") - start).dt.total_seconds()
    raw = raw.with_columns(
        day=start.dt.convert_time_zone(KYIV).dt.date(), hours=minutes.clip(0) / 3600
    ).filter(pl.col("oblast").str.contains("(?i)oblast|city"))
    value = [pl.len().cast(pl.Float64).alias("alerts"), pl.col("hours").sum()]
    panel = _weekly(raw, "day", value, ["oblast"]).sort("oblast", "period")
    ok = panel.group_by("oblast", maintain_order=True).agg(pl.col("alerts").map_batches(covered))
    panel = panel.with_columns(covered=ok.explode("alerts")["alerts"]).with_columns(
        pl.when("covered").then(pl.col(c)).alias(c) for c in ("alerts", "hours")
    )
    out = {
        f"alerts {k}": g.select("period", pl.col("alerts").alias("value"))
        for (k,), g in panel.group_by("oblast")
    }
    # national: the oblasts covered that week (NULL where none is)
    national = panel.group_by("period").agg(
        pl.col("alerts", "hours").sum(), pl.col("covered").any()
    )
    national = national.sort("period").filter("covered")
    out["alerts national"] = national.select("period", pl.col("alerts").alias("value"))
    out["alert hours national"] = national.select("period", pl.col("hours").alias("value"))
    return dict(sorted(out.items()))


def attacks(data: Path) -> dict[str, pl.DataFrame]:
    raw = pl.read_csv(data / "missile-attacks" / "missile_attacks_daily.csv", columns=["time_start", "launched"],
                      schema_overrides={"time_start": pl.String, "launched": pl.Float64})  # fmt: skip
    raw = raw.with_columns(
        day=pl.col("time_start").str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    )
    raw = raw.filter(pl.col("day").is_not_null())
    return {
        "launched national": _weekly(raw, "day", pl.col("launched").sum(), []).select(
            "period", "value"
        ),
        "waves national": _weekly(raw, "day", pl.len().cast(pl.Float64), []).select(
            "period", "value"
        ),
    }


def ucdp(data: Path) -> dict[str, pl.DataFrame]:
    raw = pl.read_csv(data / "ucdp-ged" / "UCDP-Ukraine.csv", columns=["date_start", "best"], encoding="utf8-lossy",
                      schema_overrides={"date_start": pl.String, "best": pl.Float64})  # fmt: skip
    day = (
        pl.col("date_start")
        .str.extract(r"^(\d{1,2}/\d{1,2}/\d{4})")
        .str.to_date("%m/%d/%Y", strict=False)
    )
    raw = raw.with_columns(day=day).filter(pl.col("day").is_not_null())
    month = pl.col("day").dt.truncate("1mo").alias("period")
    agg = raw.group_by(month).agg(killed=pl.col("best").sum(), incidents=pl.len().cast(pl.Float64))
    lo, hi = raw["day"].min(), raw["day"].max()
    grid = pl.DataFrame({"period": pl.date_range(lo.replace(day=1), hi, "1mo", eager=True)})  # type: ignore[union-attr]
    full = grid.join(agg, on="period", how="left")  # a month without events: not covered (NULL)
    # the package's coverage calendar: a month not covered on every day (inside a run of
    # MIN_GAP_WEEKS empty ISO weeks: the source stopped listing) is NULL, as the CLI reads it
    days = source_day_coverage(raw.select(pl.lit("ucdp").alias("source"), occurred_on="day"))
    months = period_coverage(days.select(pl.lit("UA").alias("oblast_code"), "day", "covered"),
                             freq="month").select("period", "covered")  # fmt: skip
    full = full.join(months, on="period", how="left").with_columns(
        pl.when(pl.col("covered")).then(pl.col(c)).alias(c) for c in ("killed", "incidents")
    )
    full = _complete(full, lo if lo.day == 1 else grid["period"][1], hi, "month")  # type: ignore[union-attr, arg-type]
    return {
        "UCDP killed national": full.select("period", pl.col("killed").alias("value")),
        "UCDP incidents national": full.select("period", pl.col("incidents").alias("value")),
    }


def nested_baseline(forecasts: pl.DataFrame) -> pl.DataFrame:
    """Rows of the baseline an honest user would have picked at each origin.

    At each origin, the baseline with the lowest mean CRPS on the scored forecasts whose
    target precedes that origin (mean_4 at the first origin, before any target is known).
    """
    base = forecasts.filter(pl.col("model").is_in(BASELINE_NAMES))
    picked = []
    for origin in base["origin"].unique().sort():
        past = base.filter(pl.col("period_start") <= origin)
        name = "mean_4"
        if past.height:
            ranked = past.group_by("model").agg(pl.col("crps").mean()).sort("crps", "model")
            name = ranked["model"][0]
        picked.append(base.filter((pl.col("origin") == origin) & (pl.col("model") == name)))
    return pl.concat(picked)


def _row(name: str, pub: pl.DataFrame, base: pl.DataFrame, hist_max: float) -> dict[str, object]:
    """One table row from scored forecast rows: the published ones and every baseline's."""
    keys = ["origin", "h"]
    base = base.join(pub.select(keys), on=keys, how="semi")  # the same forecasts
    # each baseline against the published forecast on the forecasts both made; a baseline
    # that could not forecast (too short, refused by the guard) on 20% of them is not a rival
    both = base.join(
        pub.select(*keys, pl.col("abs_error").alias("pub_ae"), pl.col("crps").alias("pub_crps")),
        on=keys,
    )
    by = (
        both.group_by("model")
        .agg(pl.len(), pl.col("abs_error", "crps", "pub_ae", "pub_crps").mean())
        .filter(pl.col("len") >= 0.8 * pub.height)
    )
    best_mae = by.sort("abs_error", "model").row(0, named=True)
    best_crps = by.sort("crps", "model").row(0, named=True)
    honest = nested_baseline(base)
    mae, crps = pub["abs_error"].mean(), pub["crps"].mean()
    chosen = pub["fitted_as"].value_counts(sort=True)["fitted_as"].to_list()
    nan = float("nan")
    return {
        "series": name, "n": pub.height, "mae": mae, "best_baseline_mae": best_mae["abs_error"],
        "mae_ratio": best_mae["pub_ae"] / best_mae["abs_error"] if best_mae["abs_error"] else nan,
        "crps": crps, "best_baseline_crps": best_crps["crps"],
        "crps_ratio": best_crps["pub_crps"] / best_crps["crps"] if best_crps["crps"] else nan,
        "best_baseline": best_crps["model"],
        "nested_mae_ratio": mae / honest["abs_error"].mean(),  # type: ignore[operator]
        "nested_crps_ratio": crps / honest["crps"].mean(),  # type: ignore[operator]
        "coverage80": pub["in80"].mean(), "coverage95": pub["in95"].mean(),
        "max_hi95_over_max": pub["hi95"].max() / max(hist_max, 1),  # type: ignore[operator]
        "published": ",".join(chosen[:3]),
    }  # fmt: skip


def config_row(
    name: str, pub: pl.DataFrame, base: pl.DataFrame, tops: dict[str, float]
) -> dict[str, object]:
    """One row of the per-configuration table: every series of a configuration at once.

    ``pub`` and ``base``: the published and baseline rows of every series (column ``series``),
    ``tops`` the largest value of each series. The best baseline in hindsight is ONE baseline
    for the whole configuration (the lowest total CRPS, resp. total absolute error, over all
    its series' forecasts); ratios are of totals over the forecasts both made; coverage is
    pooled over every forecast; the honest rival is each series' nested pick.
    """
    keys = ["series", "origin", "h"]
    base = base.join(pub.select(keys), on=keys, how="semi")
    both = base.join(
        pub.select(*keys, pl.col("abs_error").alias("pub_ae"), pl.col("crps").alias("pub_crps")),
        on=keys,
    )
    by = (
        both.group_by("model")
        .agg(pl.len(), pl.col("abs_error", "crps", "pub_ae", "pub_crps").sum())
        .filter(pl.col("len") >= 0.8 * pub.height)
    )
    # ranked by total per forecast made (= the total when every baseline made them all)
    per = pl.col("abs_error", "crps") / pl.col("len")
    by = by.with_columns(per.name.suffix("_per"))
    best_mae = by.sort("abs_error_per", "model").row(0, named=True)
    best_crps = by.sort("crps_per", "model").row(0, named=True)
    honest = pl.concat(nested_baseline(g) for _, g in base.group_by("series")).join(
        pub.select(*keys, pl.col("abs_error").alias("pub_ae"), pl.col("crps").alias("pub_crps")),
        on=keys,
    )
    hi95 = pub.group_by("series").agg(pl.col("hi95").max())
    ratio = max(r["hi95"] / max(tops[r["series"]], 1) for r in hi95.iter_rows(named=True))
    nan = float("nan")
    return {
        "configuration": name, "series": pub["series"].n_unique(), "n": pub.height,
        "mae_ratio": best_mae["pub_ae"] / best_mae["abs_error"] if best_mae["abs_error"] else nan,
        "best_baseline_mae": best_mae["model"],
        "crps_ratio": best_crps["pub_crps"] / best_crps["crps"] if best_crps["crps"] else nan,
        "best_baseline_crps": best_crps["model"],
        "nested_mae_ratio": honest["pub_ae"].sum() / honest["abs_error"].sum(),
        "nested_crps_ratio": honest["pub_crps"].sum() / honest["crps"].sum(),
        "coverage80": pub["in80"].mean(), "coverage95": pub["in95"].mean(),
        "max_hi95_over_max": ratio,
    }  # fmt: skip


def config_table(configs: dict[str, pl.DataFrame], tops: dict[str, float]) -> pl.DataFrame:
    """The per-configuration table (see ``config_row``), in the issue's order."""
    rows = []
    for name, f in configs.items():
        pub = f.filter(pl.col("model") == "published")
        if pub.height:
            rows.append(
                config_row(name, pub, f.filter(pl.col("model").is_in(BASELINE_NAMES)), tops)
            )
    order = {n: i for i, n in enumerate(CONFIG_ORDER)}
    rows.sort(key=lambda r: order.get(str(r["configuration"]), len(order)))
    return pl.DataFrame(rows).with_columns(pl.selectors.float().round(3))


def score(
    name: str, series: pl.DataFrame, freq: str, horizon: int, origins: int,
    continuous: bool = False, seed: int = 0, warmup: int = 0,
    scored: ScoredSeries | None = None, pool: dict[str, ScoredSeries] | None = None,
) -> tuple[dict[str, object], pl.DataFrame]:  # fmt: skip
    """One table row (published vs the baselines on the last year's origins), and the rows.

    ``warmup``: origins scored before those (their rows are returned, not in the row), so a
    choice among published forecasts (the national one) has its past at the first origin.
    """
    res = backtest(series, freq=freq, horizon=horizon, n_origins=origins + warmup,
                   pooled=False, n_sims=1000, continuous=continuous, seed=seed,
                   scored=None if scored is None else {"UA": scored}, pool=pool)  # fmt: skip
    f = last_origins(res.forecasts, origins)
    base = f.filter(pl.col("model").is_in(BASELINE_NAMES))
    top: float = series["value"].max()  # type: ignore[assignment]
    row = _row(name, f.filter(pl.col("model") == "published"), base, top)
    return row, res.forecasts


def last_origins(rows: pl.DataFrame, n: int) -> pl.DataFrame:
    """The rows of the last ``n`` origins."""
    keep = rows["origin"].unique().sort().tail(n)
    return rows.filter(pl.col("origin").is_in(keep.implode()))


def score_panel(
    oblasts: dict[str, pl.DataFrame], horizon: int, origins: int, seed: int = 0, warmup: int = 0,
    scored: dict[str, ScoredSeries] | None = None, pool: dict[str, ScoredSeries] | None = None,
) -> tuple[list[dict[str, object]], pl.DataFrame]:  # fmt: skip
    """Rows of every oblast, and the scored rows of the panel (``oblast_code`` = series name;
    the coherent sum of their forecasts is model ``coherent_sum`` under ``UA``).

    One backtest of the whole panel: each oblast gets its own published forecast, with the
    calibrated errors drawn jointly (shared uniforms per origin), so the sum is coherent.
    """
    panel = pl.concat(s.with_columns(oblast_code=pl.lit(k)) for k, s in oblasts.items())
    res = backtest(panel, freq="week", horizon=horizon, n_origins=origins + warmup,
                   pooled=False, n_sims=1000, coherent="UA", seed=seed, scored=scored,
                   pool=pool)  # fmt: skip
    f = last_origins(res.forecasts, origins)
    rows = []
    for name, s in oblasts.items():
        mine = f.filter(pl.col("oblast_code") == name)
        if mine.filter(pl.col("model") == "published").height:
            base = mine.filter(pl.col("model").is_in(BASELINE_NAMES))
            pub = mine.filter(pl.col("model") == "published")
            rows.append(_row(name, pub, base, s["value"].max()))  # type: ignore[arg-type]
    return rows, res.forecasts


def weekly_scores(
    weekly: dict[str, pl.DataFrame], oblasts: dict[str, pl.DataFrame], horizon: int,
    seed: int, warm: dict[str, int],
) -> dict[str, ScoredSeries]:  # fmt: skip
    """Rolling-origin scores of every weekly series (the national ones by name, the oblasts
    under theirs), exactly as their backtests score them: the global model's pool."""
    out = {
        name: score_series(s, freq="week", horizon=horizon, n_origins=52 + warm.get(name, 0),
                           n_sims=1000, seed=seed, continuous=name.startswith("alert hours"))["UA"]
        for name, s in weekly.items()
    }  # fmt: skip
    if oblasts:
        panel = pl.concat(s.with_columns(oblast_code=pl.lit(k)) for k, s in oblasts.items())
        out |= score_series(panel, freq="week", horizon=horizon, seed=seed, n_sims=1000,
                            n_origins=52 + warm.get("oblasts", 0))  # fmt: skip
    return out


def _markdown(table: pl.DataFrame, note: str) -> str:
    head = "| " + " | ".join(table.columns) + " |"
    sep = "|" + "---|" * table.width
    body = [
        "| " + " | ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row) + " |"
        for row in table.iter_rows()
    ]
    return "\n".join([head, sep, *body, "", note, ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "forecast_skill.md")
    parser.add_argument("--horizon-week", type=int, default=4)
    parser.add_argument("--horizon-month", type=int, default=3)
    parser.add_argument("--only", default="", help="score only series whose name contains this")
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the simulations (another seed: the noise)"
    )
    parser.add_argument(
        "--pool", choices=("all", "national", "none"), default="none",
        help="the global model's weights learned on every weekly series for: every series "
        "(all), the national ones (national; the oblasts on the oblast panel alone), none",
    )  # fmt: skip
    args = parser.parse_args()
    if not args.data.is_dir():
        raise SystemExit(f"real datasets not found at {args.data}")
    started = time.perf_counter()
    series = {**alerts(args.data), **attacks(args.data)}
    monthly = ucdp(args.data)
    rows, skipped = [], []
    scored: dict[str, pl.DataFrame] = {}
    full: dict[str, pl.DataFrame] = {}  # with the warm-up origins
    configs: dict[str, pl.DataFrame] = {}  # configuration -> scored rows (column series)
    tops = {k: float(v["value"].max()) for k, v in [*series.items(), *monthly.items()]}  # type: ignore[arg-type]
    oblasts = {k: v for k, v in series.items() if k.startswith("alerts ") and "national" not in k}
    warm = {"alerts national": NATIONAL_WINDOW["week"], "oblasts": NATIONAL_WINDOW["week"]}
    pools: dict[str, ScoredSeries] = {}
    if args.pool != "none":  # the global model: weights learned on every weekly series at once
        weekly = {k: v for k, v in series.items() if k not in oblasts}
        pools = weekly_scores(weekly, oblasts, args.horizon_week, args.seed, warm)
        print(f"weekly scores for the global pool: {time.perf_counter() - started:.0f}s")
    for name, s in [*series.items(), *monthly.items()]:
        if args.only not in name or name in oblasts:
            continue
        freq, h, o = (
            ("month", args.horizon_month, 12)
            if name in monthly
            else ("week", args.horizon_week, 52)
        )
        if s["value"].drop_nulls().sum() == 0 or s["value"].tail(o + h).is_null().all():
            skipped.append(name)  # never listed, or not covered in the scored year
            continue
        own = pools.get(name)
        others = {k: v for k, v in pools.items() if k != name} if own is not None else None
        row, full[name] = score(name, s, freq, h, o, continuous=name.startswith("alert hours"),
                                seed=args.seed, warmup=warm.get(name, 0), scored=own,
                                pool=others)  # fmt: skip
        scored[name] = last_origins(full[name], o)
        rows.append(row)
        configs[name] = scored[name].with_columns(series=pl.lit(name))
        print(f"{name}: {time.perf_counter() - started:.0f}s", flush=True)
    if any(args.only in k for k in oblasts):  # one panel backtest: oblasts and coherent sum
        got, warm_panel = score_panel(
            oblasts, args.horizon_week, 52, seed=args.seed, warmup=warm["oblasts"],
            scored={k: pools[k] for k in oblasts} if pools else None,
            pool={k: v for k, v in pools.items() if k not in oblasts}
            if args.pool == "all" else None,
        )  # fmt: skip
        panel = last_origins(warm_panel, 52)
        rows += [r for r in got if args.only in str(r["series"])]
        skipped += [k for k in oblasts if k not in {r["series"] for r in got}]
        configs["alerts per oblast"] = panel.filter(pl.col("oblast_code") != "UA").rename(
            {"oblast_code": "series"}
        )
        coherent = panel.filter(pl.col("model") == "coherent_sum")
        if "alerts national" in scored:  # the coherent sum against the national baselines
            nat = scored["alerts national"]
            base = nat.filter(pl.col("model").is_in(BASELINE_NAMES))
            top: float = series["alerts national"]["value"].max()  # type: ignore[assignment]
            rows.append(_row(COHERENT, coherent, base, top))
            configs[COHERENT] = pl.concat(
                [coherent.with_columns(model=pl.lit("published")), base], how="diagonal_relaxed"
            ).with_columns(series=pl.lit(COHERENT))
            tops[COHERENT] = top
            # what is published nationally: the direct model or the coherent sum, chosen on
            # the forecasts scored before each origin (forecast_national's rule)
            direct = nat.filter(pl.col("model") == "published")
            chosen = last_origins(choose_national(  # the choice sees the warm-up origins
                full["alerts national"].filter(pl.col("model") == "published"),
                warm_panel.filter(pl.col("model") == "coherent_sum"),
                window=NATIONAL_WINDOW["week"],
            ), 52)  # fmt: skip
            rows.append(_row(DIRECT, direct, base, top))
            rows = [r for r in rows if r["series"] != "alerts national"]
            rows.append(_row("alerts national", chosen, base, top))
            configs[DIRECT] = configs["alerts national"].with_columns(series=pl.lit(DIRECT))
            configs["alerts national"] = pl.concat([chosen, base], how="diagonal_relaxed")
            configs["alerts national"] = configs["alerts national"].with_columns(
                series=pl.lit("alerts national")
            )
            tops[DIRECT] = top
        print(f"oblasts and coherent sum: {time.perf_counter() - started:.0f}s", flush=True)
    table = pl.DataFrame(rows).with_columns(pl.selectors.float().round(3))
    by_config = config_table(configs, tops)
    elapsed = time.perf_counter() - started
    ok = table.select(
        mae=(pl.col("mae_ratio") <= 1).mean(), crps=(pl.col("crps_ratio") <= 0.95).mean(),
        c80=pl.col("coverage80").is_between(0.75, 0.85).mean(),
        c95=pl.col("coverage95").is_between(0.92, 0.97).mean(),
        guard=(pl.col("max_hi95_over_max") <= 10).mean(),
        nested_mae=(pl.col("nested_mae_ratio") <= 1).mean(),
        nested_crps=(pl.col("nested_crps_ratio") <= 0.95).mean(),
    ).row(0, named=True)  # fmt: skip
    note = (
        f"{table.height} series, {elapsed:.0f} s. Share of series meeting each target: published "
        f"median MAE <= best baseline {ok['mae']:.0%}; CRPS <= 0.95x best baseline "
        f"{ok['crps']:.0%}; 80% coverage in 75-85% {ok['c80']:.0%}; 95% coverage in 92-97% "
        f"{ok['c95']:.0%}; 95% bound <= 10x the history's maximum {ok['guard']:.0%}. "
        "`mae_ratio`, `crps_ratio`: published / the best baseline *in hindsight* (chosen after "
        "the fact, per series, on the scored year: a strict test no forecaster could be sure "
        "to pass). `nested_*_ratio`: published / the baseline an honest user would have "
        "picked at each origin from the forecasts scored before it (the fair comparison): "
        f"MAE <= 1 on {ok['nested_mae']:.0%}, CRPS <= 0.95 on {ok['nested_crps']:.0%} of series."
        + (
            f" Not scored (no covered value in the scored year): {', '.join(skipped)}."
            if skipped
            else ""
        )
    )
    with pl.Config(tbl_rows=-1, tbl_cols=-1, tbl_width_chars=200):
        print(by_config)
        print(table)
    print(note)
    text = (
        "# Forecast skill on the real datasets\n\nGenerated by `benchmarks/bench_forecast_skill.py`"
        " (see its docstring for how each series is built).\n\n## Per configuration\n\n"
        + _markdown(by_config, CONFIG_NOTE)
        + "\n## Per series (the stricter view)\n\n"
        + _markdown(table, note)
        + METHOD
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
