"""Aggregates of incidents, alerts and attack waves by period and oblast (polars, lazy).

Every function takes a frame (``pl.DataFrame`` or ``pl.LazyFrame``) plus keyword options naming
its columns and returns a tidy ``pl.DataFrame``. Casualty sums keep NULL apart from zero: a sum
is NULL where no incident in the cell reported a count, and ``*_reported`` says how many did.
Periods are labelled by their first day: ``day``, ``week`` (ISO, Monday), ``acled_week``
(ACLED's Saturday-Friday week) and ``month``. The SQL views in ``sql/views.sql`` and
``sql/aggregates.sql`` compute the same figures; the tests assert parity.

The stage is three modules: :mod:`~analytics.aggregate.periods` (period arithmetic),
:mod:`~analytics.aggregate.frames` (frame in, frame out) and :mod:`~analytics.aggregate.loaders`
(the store's views as frames). Their public names are re-exported here.
"""

from __future__ import annotations

from analytics.aggregate.frames import (
    COUNT_COLUMNS,
    alert_panel,
    attack_series,
    complete_panel,
    count_by,
    flag_incomplete,
    incident_panel,
    national_series,
    per_100k,
    rolling,
    weapon_mix,
)  # fmt: skip
from analytics.aggregate.loaders import METRICS, load_incidents, load_oblasts, metric_panel
from analytics.aggregate.periods import (
    FREQS,
    Freq,
    ending_by,
    period_end,
    period_range,
    period_start,
)  # fmt: skip

__all__ = [
    "FREQS", "Freq", "period_start", "period_end", "period_range", "ending_by", "load_incidents",
    "load_oblasts", "count_by", "complete_panel", "incident_panel", "national_series", "per_100k",
    "rolling", "weapon_mix", "alert_panel", "attack_series", "flag_incomplete", "METRICS",
    "metric_panel", "COUNT_COLUMNS",
]  # fmt: skip
