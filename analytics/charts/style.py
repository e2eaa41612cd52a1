"""Chart style: palettes, matplotlib rc settings, deterministic saving and footer text."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, ParamSpec

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.ticker as mticker
import numpy as np
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure

from analytics.charts.credits import fit_credit, wrap_text
from analytics.charts.png import encode_png

__all__ = [
    "OKABE_ITO",
    "STRIKE_TYPE_COLOURS",
    "SEQUENTIAL_CMAP",
    "SYNTHETIC_TEXT",
    "save_figure",
    "png_bytes",
]

P = ParamSpec("P")

#: Okabe & Ito (2008) colour-blind-safe qualitative palette.
OKABE_ITO: Final[dict[str, str]] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "bluish_green": "#009E73",
    "vermilion": "#D55E00",
    "sky_blue": "#56B4E9",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE: Final = [c for k, c in OKABE_ITO.items() if k != "black"]
GREY: Final = "#999999"
NA_FACE: Final = "#E6E6E6"
TEXT_GREY: Final = "#555555"

#: One fixed colour per strike type, so a type looks the same on every chart.
STRIKE_TYPE_COLOURS: Final[dict[str, str]] = {
    "missile": OKABE_ITO["blue"],
    "drone": OKABE_ITO["orange"],
    "air_strike": OKABE_ITO["reddish_purple"],
    "artillery": OKABE_ITO["vermilion"],
    "explosive": OKABE_ITO["yellow"],
    "ground_clash": OKABE_ITO["bluish_green"],
    "other": OKABE_ITO["sky_blue"],
    "unknown": GREY,
}

#: Paul Tol's sequential YlOrBr scheme (colour-blind safe, prints well in grey).
SEQUENTIAL_CMAP: Final = LinearSegmentedColormap.from_list(
    "tol_ylorbr",
    [
        "#FFFFE5",
        "#FFF7BC",
        "#FEE391",
        "#FEC44F",
        "#FB9A29",
        "#EC7014",
        "#CC4C02",
        "#993404",
        "#662506",
    ],
)

SYNTHETIC_TEXT: Final = "SYNTHETIC DATA — not real events"
REPORT_SIZE: Final = (7.5, 4.0)
DPI: Final = 150

_STYLE: Final[dict[str, Any]] = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9,
    "axes.labelcolor": "#222222",
    "axes.edgecolor": "#444444",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=CYCLE),
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "hatch.color": "#9A9A9A",
    "svg.hashsalt": "strike-analytics",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}

_METADATA: Final[dict[str, dict[str, None]]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def styled(func: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a chart function inside the package style (a temporary ``rc_context``)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.rc_context(_STYLE):
            return func(*args, **kwargs)

    return wrapper


def save_figure(fig: Figure, path: str | Path, *, dpi: int = DPI) -> Path:
    """Write ``fig`` as PNG, SVG or PDF (by suffix) with no timestamps: same input, same bytes.

    The figure's layout is computed once and then frozen (its layout engine becomes "none"), so
    saving the same figure again, in any format, gives the same geometry and the same bytes.
    Add nothing to a figure after saving it.

    Parameters
    ----------
    fig : Figure
        A figure from this module (or any matplotlib figure).
    path : str or Path
        Target file; the suffix (``.png``, ``.svg``, ``.pdf``) picks the format. Missing parent
        folders are created.
    dpi : int
        Resolution for PNG (and raster parts of vector files).

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _METADATA:
        raise ValueError(f"unsupported figure format {path.suffix!r}; use .png, .svg or .pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    with mpl.rc_context(_STYLE):
        _freeze_layout(fig)
        if fmt == "png":
            path.write_bytes(png_bytes(fig, dpi=dpi))
        else:
            fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return path


def png_bytes(fig: Figure, *, dpi: int = DPI) -> bytes:
    """``fig`` as an opaque RGB PNG (no alpha channel, no metadata but the resolution).

    A report's charts are opaque (white figure background), so the alpha channel of the
    rendered RGBA buffer carries nothing; without it the PNG is smaller and a PDF writer embeds
    it as is, with no soft mask to split off. Encoded by :func:`analytics.charts.png.encode_png`
    (zlib level :data:`~analytics.charts.png.PNG_LEVEL`, no row filter). Pixels that are
    not opaque (a transparent figure background) are composited over white first, as a
    viewer would show them.
    """
    old = fig.dpi
    fig.set_dpi(dpi)
    try:
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
    finally:
        fig.set_dpi(old)
    rgb = rgba[..., :3]
    alpha = rgba[..., 3:]
    if (alpha != 255).any():
        rgb = (rgb * (alpha / 255.0) + 255.0 * (1 - alpha / 255.0)).round().astype(np.uint8)
    return encode_png(np.ascontiguousarray(rgb), dpi=dpi)


def _freeze_layout(fig: Figure) -> None:
    """Run the layout engine to convergence once, then fix the axes where they are.

    Constrained layout is re-run on every draw and moves axes by tiny amounts, which changes
    anti-aliased pixels; a frozen layout makes repeated saves byte-identical. The frozen
    positions are rounded to a thousandth of a pixel: float noise in the layout (text extents
    measured from warm or cold caches) then cannot move a line by a fraction of a pixel and
    change the bytes of the same chart drawn twice in one process.
    """
    engine = fig.get_layout_engine()
    if engine is None or type(engine).__name__ == "PlaceHolderLayoutEngine":
        return
    # The layout alone, not a whole draw: the render in savefig is then the only draw.
    engine.execute(fig)
    if any(a.get_aspect() != "auto" for a in fig.axes):  # fixed aspect needs a second pass
        for a in fig.axes:
            a.apply_aspect()
        engine.execute(fig)
    fig.set_layout_engine("none")
    grid = 1000 * fig.dpi * max(fig.get_size_inches())
    for a in fig.axes:
        x0, y0, w, h = (round(v * grid) / grid for v in a.get_position().bounds)
        a.set_position((x0, y0, w, h))


# --------------------------------------------------------------------------- axes and text


def new_axes(
    ax: Axes | None, figsize: tuple[float, float], *, fixed: bool = False
) -> tuple[Figure, Axes, bool]:
    """``ax`` and its figure, or a new figure with one axes (the bool: the figure is new).

    A new figure has constrained layout, or none with ``fixed=True``: the caller then places
    the axes itself (:mod:`analytics.charts.layout`).
    """
    if ax is not None:
        root = ax.figure.figure  # the top-level Figure, also when ax sits in a SubFigure
        return root, ax, False  # type: ignore[return-value]
    fig = Figure(figsize=figsize, dpi=DPI, layout=None if fixed else "constrained")
    return fig, fig.add_subplot(), True


def format_dates(ax: Axes, *, maxticks: int = 8) -> None:
    locator = mdates.AutoDateLocator(minticks=2, maxticks=maxticks)
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]  # 12: no warning on short panels
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def format_shared_dates(axes: Sequence[Axes], *, maxticks: int = 8) -> None:
    """Date ticks for panels sharing one x range, located once for all of them.

    Gives the ticks :func:`format_dates` gives each panel (the same locator on the same view
    limits), but the automatic locator runs once instead of on every panel at every layout
    pass and draw, the slow part of a 27-panel figure. Set the panels' x limits first.
    """
    if not axes:
        return
    locator = mdates.AutoDateLocator(minticks=2, maxticks=maxticks)
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]
    axes[0].xaxis.set_major_locator(locator)
    fixed = mticker.FixedLocator(locator())
    for a in axes:
        a.xaxis.set_major_locator(fixed)
        a.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def pin_fonts(fig: Figure) -> None:
    """Pin tick-label fonts (ticks are created lazily, after the style context has ended)."""
    for a in fig.axes:
        a.tick_params(labelfontfamily="DejaVu Sans")


def _watermark(ax: Axes, size: float = 36) -> None:
    t = ax.text(
        0.5,
        0.5,
        "SYNTHETIC",
        transform=ax.transAxes,
        ha="center",
        va="center",
        rotation=20,
        fontsize=size,
        fontweight="bold",
        color=OKABE_ITO["vermilion"],
        alpha=0.13,
        zorder=20,
    )
    t.set_in_layout(False)


def chart_footer(
    ax: Axes,
    *,
    source: str | None,
    synthetic: bool,
    notes: Sequence[str] = (),
    below_axis: bool = True,
    own: bool = False,
) -> float:
    """Notes, the credit line and the synthetic label below the chart.

    With ``own=True`` (the chart made its figure) the lines go in a strip of fixed height at
    the foot of the figure, outside the layout: the axes box does not depend on how long the
    credit is (it always gets room for two lines, wrapped or shortened to fit; the version is
    never cut). Drawing into a caller's axes, the lines are stacked below the x-axis label and
    wrapped to the axes' width.

    Returns the height of the strip as a fraction of the figure's height (0 when the lines
    are stacked below the axes): a figure with fixed axes boxes keeps its axes above it.
    """
    fig = ax.figure.figure
    if own:
        width = fig.get_figwidth() * 72 * (1 - 2 * _FOOT_X)
        lines = _footer_lines(source, synthetic, notes, width)
        return _footer_strip(fig, lines, synthetic=synthetic)
    width = fig.get_figwidth() * 72 * ax.get_position().width
    lines = _footer_lines(source, synthetic, notes, width)
    if synthetic:
        _watermark(ax)
    # x: the left edge of the y-axis label (moves with the axes, so constrained layout
    # converges; a figure-fraction x would make the layout drift on every draw).
    xcoord: Any = ax.yaxis.label if below_axis and ax.yaxis.label.get_text() else "axes fraction"
    x = 0.0
    anchor: Any = ax.xaxis.label if below_axis else None
    for text, props in lines:
        coords = (xcoord, anchor) if anchor is not None else (xcoord, "axes fraction")
        anchor = ax.annotate(
            text,
            xy=(x, 0),
            xycoords=coords,
            xytext=(0, -4 if text else -1),
            textcoords="offset points",
            ha="left",
            va="top",
            annotation_clip=False,
            **props,
        )
    return 0.0


_FOOT_X: Final = 0.01
_CREDIT_LINES: Final = 2
_NOTE_PROPS: Final[dict[str, Any]] = {"fontsize": 7, "color": TEXT_GREY, "fontstyle": "italic"}
_CREDIT_PROPS: Final[dict[str, Any]] = {"fontsize": 7, "color": TEXT_GREY}
_SYNTHETIC_PROPS: Final[dict[str, Any]] = {
    "fontsize": 8.5,
    "color": OKABE_ITO["vermilion"],
    "fontweight": "bold",
}


def _footer_lines(
    source: str | None, synthetic: bool, notes: Sequence[str], width_pt: float
) -> list[tuple[str, dict[str, Any]]]:
    """Footer lines, each fitted to ``width_pt``; a credit always takes two line slots."""
    lines: list[tuple[str, dict[str, Any]]] = []
    for note in notes:
        lines += [(s, _NOTE_PROPS) for s in wrap_text(note, width_pt, _NOTE_PROPS["fontsize"])]
    if source:
        credit = fit_credit(source, width_pt, _CREDIT_PROPS["fontsize"], max_lines=_CREDIT_LINES)
        lines += [(s, _CREDIT_PROPS) for s in credit]
    if synthetic:
        lines.append((SYNTHETIC_TEXT, _SYNTHETIC_PROPS))
    if source:  # room for a second credit line is kept at the foot, used or not
        lines += [("", _CREDIT_PROPS)] * (_CREDIT_LINES - len(credit))
    return lines


def _footer_strip(
    fig: Figure, lines: Sequence[tuple[str, dict[str, Any]]], *, synthetic: bool
) -> float:
    """Write ``lines`` top-down in a strip at the figure's foot and keep the layout above it.

    Returns the strip's height (figure fraction)."""
    if synthetic:
        _figure_watermark(fig)
    height_in = fig.get_figheight()
    heights = [1.45 * props["fontsize"] / 72 / height_in for _, props in lines]
    strip = sum(heights) + 0.06 / height_in
    y = strip
    for (text, props), h in zip(lines, heights, strict=True):
        y -= h
        if text:
            t = fig.text(_FOOT_X, y, text, ha="left", va="bottom", **props)
            t.set_in_layout(False)
    engine = fig.get_layout_engine()
    if lines and engine is not None:
        engine.set(rect=(0, strip, 1, 1 - strip))  # type: ignore[call-arg]
    return strip if lines else 0.0


def _figure_watermark(fig: Figure) -> None:
    t = fig.text(
        0.5,
        0.5,
        "SYNTHETIC",
        ha="center",
        va="center",
        rotation=20,
        fontsize=60,
        fontweight="bold",
        color=OKABE_ITO["vermilion"],
        alpha=0.10,
        zorder=20,
    )
    t.set_in_layout(False)


def no_data(ax: Axes, message: str = "No data") -> None:
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color=TEXT_GREY,
    )
    ax.set_xticks([])
    ax.set_yticks([])


def text_colour(rgba: Sequence[float]) -> str:
    """Black or white, whichever contrasts more with ``rgba`` (WCAG relative luminance)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(rgba)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "black" if lum > 0.179 else "white"


def figure_footer(
    fig: Figure, *, xlabel: str, source: str | None, synthetic: bool, notes: Sequence[str]
) -> float:
    """X label and footer lines of a multi-panel figure, in a strip reserved below the layout.

    Returns the strip's height in inches (keep the axes above it)."""
    width = fig.get_figwidth() * 72 * (1 - 2 * _FOOT_X)
    lines = [(xlabel, {"fontsize": 9, "color": "#222222"})]
    lines += _footer_lines(source, synthetic, notes, width)
    if synthetic:
        _figure_watermark(fig)
    height_in = fig.get_figheight()
    y = 0.06 / height_in
    for i, (text, props) in reversed(list(enumerate(lines))):
        x, ha = (0.5, "center") if i == 0 else (_FOOT_X, "left")  # the x label is centred
        if text:
            fig.text(x, y, text, ha=ha, va="bottom", **props)
        y += 1.45 * float(props["fontsize"]) / 72 / height_in  # type: ignore[arg-type]
    top = y + 0.02 / height_in
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, top, 1, 1 - top))  # type: ignore[call-arg]
    return top * height_in
