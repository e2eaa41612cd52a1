"""A deterministic, clearly labelled SYNTHETIC sample of incidents for trying the package.

Nothing here describes real events. Daily counts per oblast are negative-binomial with
front-line oblasts hotter, a weekly pattern and a slow trend; the drone share rises over time;
casualty counts are zero-heavy and sometimes not reported (NULL, never 0). A handful of rows
are deliberately invalid so the quarantine can be seen working.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Final

import numpy as np
import polars as pl

from analytics.reference.oblasts import oblasts
from analytics.schema import SYNTHETIC_LABEL, SYNTHETIC_SOURCE

__all__ = ["SYNTHETIC_SOURCE", "SYNTHETIC_LABEL", "demo_incidents", "write_demo", "DEMO_END"]

DEMO_END: Final = dt.date(2026, 11, 22)  # a Sunday: the sample ends on a complete ISO week

#: Relative intensity per oblast (front line and border oblasts hotter). Invented weights.
_INTENSITY: Final[dict[str, float]] = {
    "UA-14": 9.0, "UA-63": 7.0, "UA-23": 6.0, "UA-65": 5.5, "UA-59": 4.5, "UA-12": 3.5,
    "UA-48": 2.5, "UA-09": 2.0, "UA-74": 1.5, "UA-51": 1.5, "UA-32": 1.0, "UA-30": 0.8,
    "UA-53": 0.8, "UA-43": 0.6, "UA-35": 0.5, "UA-71": 0.4, "UA-18": 0.4, "UA-05": 0.3,
    "UA-46": 0.25, "UA-68": 0.25, "UA-56": 0.2, "UA-26": 0.15, "UA-61": 0.15, "UA-07": 0.15,
    "UA-40": 0.1, "UA-77": 0.05, "UA-21": 0.05,
}  # fmt: skip
_WEEKDAY: Final = np.array([1.05, 1.0, 1.0, 1.0, 1.05, 0.95, 0.95])
_TYPES: Final = ("artillery", "drone", "missile", "air_strike", "explosive")
_WEAPONS: Final = {
    "artillery": ("artillery", "MLRS", "mortar"),
    "drone": ("Shahed-type drone", "FPV drone", "drone"),
    "missile": ("ballistic missile", "cruise missile", "S-300"),
    "air_strike": ("guided aerial bomb", "aircraft"),
    "explosive": ("landmine", "IED"),
}
_TARGETS: Final = (
    "residential building",
    "civilian car",
    "energy infrastructure",
    "enterprise",
    None,
)


def demo_incidents(
    *, days: int = 730, seed: int = 20220224, end: dt.date = DEMO_END
) -> pl.DataFrame:
    """Generate the synthetic incident table (canonical columns; ``notes`` says SYNTHETIC).

    Examples
    --------
    >>> a = demo_incidents(days=30, seed=1)
    >>> a.equals(demo_incidents(days=30, seed=1))
    True
    >>> (a["source"] == "synthetic-demo").all()
    True
    """

    rng = np.random.default_rng(seed)
    names = dict(oblasts().select("code", "name_en").iter_rows())
    start = end - dt.timedelta(days=days - 1)
    dates = [start + dt.timedelta(days=i) for i in range(days)]
    t = np.arange(days) / 365.25
    season = 1.0 + 0.15 * np.cos(2 * np.pi * (t - 0.05))
    trend = 1.0 + 0.25 * t
    weekday = _WEEKDAY[[d.weekday() for d in dates]]
    rows: dict[str, list[object]] = {k: [] for k in (
        "source_event_id", "occurred_on", "oblast_code", "region_raw", "strike_type",
        "weapon", "target_type", "killed", "injured", "civilian",
    )}  # fmt: skip
    size = 1.5  # NB dispersion: variance = mu + mu^2 / size
    n = 0
    for code in sorted(_INTENSITY):
        mu = _INTENSITY[code] * season * trend * weekday
        counts = rng.negative_binomial(size, size / (size + mu))
        for day_index, count in enumerate(counts):
            drone_share = 0.15 + 0.35 * day_index / days
            probs = np.array([0.55 - drone_share * 0.6, drone_share, 0.12, 0.1, 0.05])
            probs = np.clip(probs, 0.01, None)
            probs /= probs.sum()
            for _ in range(int(count)):
                n += 1
                kind = str(rng.choice(_TYPES, p=probs))
                killed = int(rng.negative_binomial(0.3, 0.3 / (0.3 + 0.4)))
                injured: int | None = int(rng.negative_binomial(0.4, 0.4 / (0.4 + 1.2)))
                if rng.random() < 0.2:
                    injured = None  # not reported: stays NULL
                rows["source_event_id"].append(f"D{n:07d}")
                rows["occurred_on"].append(dates[day_index])
                rows["oblast_code"].append(None)
                rows["region_raw"].append(names[code])
                rows["strike_type"].append(kind)
                rows["weapon"].append(str(rng.choice(_WEAPONS[kind])))
                rows["target_type"].append(_TARGETS[int(rng.integers(len(_TARGETS)))])
                rows["killed"].append(killed)
                rows["injured"].append(injured)
                rows["civilian"].append(bool(rng.random() < 0.8))
    frame = pl.DataFrame(
        rows,
        schema={
            "source_event_id": pl.String, "occurred_on": pl.Date, "oblast_code": pl.String,
            "region_raw": pl.String, "strike_type": pl.String, "weapon": pl.String,
            "target_type": pl.String, "killed": pl.Int64, "injured": pl.Int64,
            "civilian": pl.Boolean,
        },
    )  # fmt: skip
    frame = frame.sort("occurred_on", "source_event_id").with_columns(
        source=pl.lit(SYNTHETIC_SOURCE),
        notes=pl.lit("SYNTHETIC: invented for the demo"),
    )
    return pl.concat([frame, _bad_rows(end)], how="diagonal_relaxed")


def _bad_rows(end: dt.date) -> pl.DataFrame:
    """Three deliberately invalid rows (they must land in the quarantine) and one unresolved."""
    return pl.DataFrame(
        {
            "source_event_id": ["BAD1", "BAD2", "BAD3", "UNRES1"],
            "occurred_on": [end, end, dt.date(2013, 12, 31), end],
            "region_raw": ["Kharkiv oblast", "Odesa oblast", "Sumy oblast", "south"],
            "strike_type": ["drone", "catapult", "missile", "missile"],
            "killed": [-1, 0, 1, None],
            "injured": [0, 0, 0, None],
            "source": [SYNTHETIC_SOURCE] * 4,
            "notes": [
                "SYNTHETIC: invalid on purpose (negative count)",
                "SYNTHETIC: invalid on purpose (unknown strike type)",
                "SYNTHETIC: invalid on purpose (date before 2014)",
                "SYNTHETIC: region names no single oblast",
            ],
        }  # fmt: skip
    ).with_columns(pl.col("occurred_on").cast(pl.Date))


def write_demo(out_dir: Path | str, *, days: int = 730, seed: int = 20220224) -> Path:
    """Write the synthetic sample as canonical CSV (byte-identical for the same arguments)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "synthetic_incidents.csv"
    demo_incidents(days=days, seed=seed).write_csv(path)
    (out / "README.txt").write_text(
        f"{SYNTHETIC_LABEL}\nseed={seed} days={days} end={DEMO_END}\n", encoding="utf-8"
    )
    return path
