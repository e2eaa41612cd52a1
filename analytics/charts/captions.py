"""Captions written from what a chart actually drew (its artists), not from what it should draw."""

from __future__ import annotations

from typing import Final

from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analytics.charts.style import OKABE_ITO

__all__ = ["COLOUR_NAMES", "colour_name", "fan_caption"]

#: Plain names of the palette colours, as a reader would call them.
COLOUR_NAMES: Final[dict[str, str]] = {
    OKABE_ITO["blue"].lower(): "blue",
    OKABE_ITO["orange"].lower(): "orange",
    OKABE_ITO["bluish_green"].lower(): "green",
    OKABE_ITO["vermilion"].lower(): "orange-red",
    OKABE_ITO["sky_blue"].lower(): "light blue",
    OKABE_ITO["reddish_purple"].lower(): "pink",
    OKABE_ITO["yellow"].lower(): "yellow",
    "#000000": "black",
    "#222222": "black",
    "#999999": "grey",
    "#ffffff": "white",
}


def colour_name(colour: object) -> str:
    """A reader's name for a matplotlib colour (``"orange-red"``), else its hex code.

    Examples
    --------
    >>> colour_name("#D55E00")
    'orange-red'
    """
    hexcode = to_hex(colour).lower()  # type: ignore[arg-type]
    return COLOUR_NAMES.get(hexcode, hexcode)


def fan_caption(fig: Figure, *, what: str = "values", unit: str = "period") -> str:
    """Caption of a :func:`~analytics.charts.forecast_fan` figure, read from its artists.

    Names each element that is on the chart (observed line, incomplete periods, forecast line
    and which centre it is, the bands, surge markers with their actual colour and count, and
    a band cut at the top of the scale), so the text can never describe a marker that is not
    there or give it the wrong colour.

    Parameters
    ----------
    fig : Figure
        A figure returned by ``forecast_fan``.
    what : str
        What the series counts, e.g. ``"incidents"``.
    unit : str
        The period, e.g. ``"week"``.
    """
    ax = fig.axes[0]
    lines = {ln.get_label(): ln for ln in ax.lines if isinstance(ln, Line2D)}
    bands = {c.get_label() for c in ax.collections if isinstance(c, PolyCollection)}
    parts: list[str] = []
    if "Observed" in lines:
        parts.append(f"{colour_name(lines['Observed'].get_color()).capitalize()} line: "
                     f"{what} per {unit}.")  # fmt: skip
    if "Incomplete period" in lines:
        n = len(lines["Incomplete period"].get_xdata())
        parts.append(f"Hollow grey circles: {n} {unit}(s) not yet complete, not joined.")
    centre = next((k for k in lines if k.startswith("Forecast (")), None)
    if centre is not None:
        kind = centre.removeprefix("Forecast (").removesuffix(")")
        colour = colour_name(lines[centre].get_color())
        parts.append(f"Dashed {colour} line: the forecast {kind}.")
    shown = [b for b in ("80% interval", "95% interval") if b in bands]
    if shown:
        parts.append("Shaded bands: the " + " and ".join(b.split()[0] for b in shown)
                     + " forecast intervals.")  # fmt: skip
    if "Flagged surge" in lines:
        marker = lines["Flagged surge"]
        n = len(marker.get_xdata())
        parts.append(f"{colour_name(marker.get_markerfacecolor()).capitalize()} dots: "
                     f"{n} {unit}(s) flagged by the surge check.")  # fmt: skip
    clip = [t for t in ax.texts if t.get_gid() == "clip-note"]
    if clip:
        reach = clip[0].get_text().rsplit(" ", 1)[-1]
        parts.append(f"The y-axis follows the history; the forecast is cut at the top "
                     f"(its 95% interval reaches {reach}).")  # fmt: skip
    if not parts:
        return f"No {what} to show."
    return " ".join(parts)
