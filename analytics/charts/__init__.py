"""Publication charts (matplotlib) built from tidy polars frames.

Every chart function returns a :class:`matplotlib.figure.Figure` and never touches pyplot's
global state: figures are made with ``Figure()``, so nothing is registered with pyplot and
nothing is shown. Single-panel charts accept ``ax=`` to draw into an existing axes (the figure
returned is then that axes' figure). Each chart carries a title, axis labels with units, a
source line (bottom-left, small grey) and, with ``synthetic=True``, the label
``SYNTHETIC DATA — not real events`` plus a faint watermark. Colours are Okabe-Ito (categories)
and Paul Tol's colour-blind-safe YlOrBr scheme (sequential). Unknown is never drawn as zero:
NULL values leave gaps, grey hatched cells or tiles marked ``n/a``. Empty frames and all-NULL
series give a figure that says "No data" instead of raising.

Save with :func:`save_figure`, which pins fonts and strips timestamps so that the same figure
gives a byte-identical PNG, SVG or PDF.
"""

from __future__ import annotations

from analytics.charts.breaks import structural_breaks
from analytics.charts.captions import fan_caption
from analytics.charts.credits import credit_line
from analytics.charts.heatmap import heatmap
from analytics.charts.oblast import small_multiples, tile_map
from analytics.charts.series import forecast_fan, interceptions, mix_over_time
from analytics.charts.style import (
    OKABE_ITO,
    SEQUENTIAL_CMAP,
    STRIKE_TYPE_COLOURS,
    SYNTHETIC_TEXT,
    save_figure,
)
from analytics.charts.waves import attack_composition, neutralised_rate

__all__ = [
    "OKABE_ITO",
    "STRIKE_TYPE_COLOURS",
    "SEQUENTIAL_CMAP",
    "SYNTHETIC_TEXT",
    "save_figure",
    "forecast_fan",
    "small_multiples",
    "tile_map",
    "mix_over_time",
    "heatmap",
    "interceptions",
    "attack_composition",
    "neutralised_rate",
    "structural_breaks",
    "fan_caption",
    "credit_line",
]
