"""Which sources a series reads: explicit, or a documented default precedence per metric.

Two sources may report the same strike (UCDP and ACLED both code the war; a bulletin and a
user's CSV may describe one attack): summing them counts it twice. So an incident series never
adds sources silently. It reads the sources it is given, or by default ONE source: the first
of :data:`INCIDENT_PRECEDENCE` the database holds, else -- when it holds only other sources --
the one with the most incidents (ties: by name). Passing several sources explicitly sums them;
that is the caller's stated choice and the report prints it.

Alerts are different: their datasets are merged as a union of intervals (``alert_union``),
never summed, so the default is every dataset. Attack waves have one source and are read from
national reporters only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from analytics.store.database import Store

__all__ = ["INCIDENT_PRECEDENCE", "INCIDENT_METRICS", "incident_sources", "resolve_sources"]

#: Default precedence of incident sources (the first the database holds is used alone):
#: curated event datasets with a published method first (UCDP GED, then ACLED), then the
#: package's bulletin extraction.
INCIDENT_PRECEDENCE: Final[tuple[str, ...]] = ("ucdp", "acled", "bulletin")

#: Metrics read from incidents (the others read alerts or attack waves).
INCIDENT_METRICS: Final[tuple[str, ...]] = ("incidents", "killed", "injured")


def incident_sources(store: Store) -> dict[str, int]:
    """Incident sources in the database with their number of incidents, by name."""
    frame = store.query(
        "select source, cast(count(*) as bigint) as n from incidents group by source order by 1"
    )
    return dict(frame.iter_rows())


def resolve_sources(
    store: Store, metric: str, sources: Sequence[str] | None = None
) -> tuple[str, ...]:
    """The incident sources a series of ``metric`` reads (empty for alert and wave metrics).

    Parameters
    ----------
    store
        The database.
    metric
        A metric name; only ``incidents``, ``killed`` and ``injured`` read incident sources.
    sources
        Explicit sources; each must be in the database (``ValueError`` otherwise). ``None``:
        the default precedence (module docstring).
    """
    if metric not in INCIDENT_METRICS:
        return ()
    have = incident_sources(store)
    if sources:
        unknown = [s for s in sources if s not in have]
        if unknown:
            raise ValueError(
                f"no incidents from source {', '.join(map(repr, unknown))} in the database "
                f"(it holds: {', '.join(have) or 'none'})"
            )
        return tuple(dict.fromkeys(sources))
    for name in INCIDENT_PRECEDENCE:
        if name in have:
            return (name,)
    if not have:
        return ()
    return (sorted(have.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],)
