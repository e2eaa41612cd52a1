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

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, ParamSpec

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import polars as pl
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, Normalize, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import PercentFormatter

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
]

Frame = pl.DataFrame | pl.LazyFrame
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
_CYCLE: Final = [c for k, c in OKABE_ITO.items() if k != "black"]
_GREY: Final = "#999999"
_NA_FACE: Final = "#E6E6E6"
_TEXT_GREY: Final = "#555555"

#: One fixed colour per strike type, so a type looks the same on every chart.
STRIKE_TYPE_COLOURS: Final[dict[str, str]] = {
    "missile": OKABE_ITO["blue"],
    "drone": OKABE_ITO["orange"],
    "air_strike": OKABE_ITO["reddish_purple"],
    "artillery": OKABE_ITO["vermilion"],
    "explosive": OKABE_ITO["yellow"],
    "ground_clash": OKABE_ITO["bluish_green"],
    "other": OKABE_ITO["sky_blue"],
    "unknown": _GREY,
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
_REPORT_SIZE: Final = (7.5, 4.0)
_DPI: Final = 150

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
    "axes.prop_cycle": cycler(color=_CYCLE),
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "figure.dpi": _DPI,
    "savefig.dpi": _DPI,
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


def _styled(func: Callable[P, Figure]) -> Callable[P, Figure]:
    """Run a chart function inside the package style (a temporary ``rc_context``)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Figure:
        with mpl.rc_context(_STYLE):
            return func(*args, **kwargs)

    return wrapper


def save_figure(fig: Figure, path: str | Path, *, dpi: int = _DPI) -> Path:
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
        fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return path


def _freeze_layout(fig: Figure) -> None:
    """Run the layout engine to convergence once, then fix the axes where they are.

    Constrained layout is re-run on every draw and moves axes by tiny amounts, which changes
    anti-aliased pixels; a frozen layout makes repeated saves byte-identical.
    """
    engine = fig.get_layout_engine()
    if engine is None or type(engine).__name__ == "PlaceHolderLayoutEngine":
        return
    fig.draw_without_rendering()
    if any(a.get_aspect() != "auto" for a in fig.axes):  # fixed aspect needs a second pass
        fig.draw_without_rendering()
    fig.set_layout_engine("none")


# --------------------------------------------------------------------------- helpers


def _collect(frame: Frame | None, columns: Sequence[str], what: str) -> pl.DataFrame:
    if frame is None:
        return pl.DataFrame({c: [] for c in columns})
    df = frame.collect() if isinstance(frame, pl.LazyFrame) else frame
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ValueError(f"{what} frame lacks column(s) {missing}; it has {df.columns}")
    return df


def _floats(s: pl.Series) -> np.ndarray:
    """Values as float64 with NULL -> NaN (a gap, never a zero)."""
    return s.cast(pl.Float64).to_numpy().astype(float)


def _is_temporal(s: pl.Series) -> bool:
    return s.dtype == pl.Date or isinstance(s.dtype, pl.Datetime)


def _xvalues(s: pl.Series) -> np.ndarray:
    if _is_temporal(s):
        return s.to_numpy()
    if s.dtype.is_numeric():
        return _floats(s)
    return np.asarray(s.cast(pl.String).to_list(), dtype=object)


def _step(s: pl.Series) -> dt.timedelta | float:
    """Typical spacing of sorted unique periods (bar widths); 7 days / 1.0 when unknown."""
    u = s.drop_nulls().unique().sort()
    if _is_temporal(s):
        if u.len() < 2:
            return dt.timedelta(days=7)
        return u.diff().drop_nulls().min()  # type: ignore[return-value]
    if s.dtype.is_numeric() and u.len() >= 2:
        return float(u.diff().drop_nulls().min())  # type: ignore[arg-type]
    return 1.0


def _drop_null_keys(df: pl.DataFrame, col: str, what: str, notes: list[str]) -> pl.DataFrame:
    n = df[col].null_count()
    if n:
        notes.append(f"Not shown: {n} row(s) with no {what}.")
        df = df.filter(pl.col(col).is_not_null())
    return df


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes, bool]:
    if ax is not None:
        root = ax.figure.figure  # the top-level Figure, also when ax sits in a SubFigure
        return root, ax, False  # type: ignore[return-value]
    fig = Figure(figsize=figsize, dpi=_DPI, layout="constrained")
    return fig, fig.add_subplot(), True


def _format_dates(ax: Axes, *, maxticks: int = 8) -> None:
    locator = mdates.AutoDateLocator(minticks=2, maxticks=maxticks)
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]  # 12: no warning on short panels
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _pin_fonts(fig: Figure) -> None:
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


def _footer(
    ax: Axes,
    *,
    own_figure: bool,
    source: str | None,
    synthetic: bool,
    notes: Sequence[str] = (),
    below_axis: bool = True,
) -> None:
    """Stack notes, the source line and the synthetic label below the x-axis label.

    Annotations anchored on the previous line are laid out by constrained layout, so they
    never overlap the axis and work the same with ``ax=``.
    """
    lines: list[tuple[str, dict[str, Any]]] = [
        (n, {"fontsize": 7, "color": _TEXT_GREY, "fontstyle": "italic"}) for n in notes
    ]
    if source:
        lines.append((source, {"fontsize": 7, "color": _TEXT_GREY}))
    if synthetic:
        lines.append(
            (
                SYNTHETIC_TEXT,
                {"fontsize": 8.5, "color": OKABE_ITO["vermilion"], "fontweight": "bold"},
            )
        )
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
            xytext=(0, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            annotation_clip=False,
            **props,
        )


def _no_data(ax: Axes, message: str = "No data") -> None:
    ax.text(
        0.5,
        0.5,
        message,
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color=_TEXT_GREY,
    )
    ax.set_xticks([])
    ax.set_yticks([])


def _gazetteer(gazetteer: pl.DataFrame | None) -> pl.DataFrame:
    if gazetteer is None:
        from analytics.oblasts import oblasts

        gazetteer = oblasts()
    gaz = (
        gazetteer.rename({"oblast_code": "code"}) if "code" not in gazetteer.columns else gazetteer
    )
    missing = {"code", "name_en"} - set(gaz.columns)
    if missing:
        raise ValueError(f"gazetteer lacks column(s) {sorted(missing)}")
    return gaz.with_columns(_short=pl.Series(_short_names(gaz["code"], gaz["name_en"])))


#: Names that stay ambiguous or long after dropping "Oblast".
_SHORT_OVERRIDES: Final[dict[str, str]] = {
    "UA-30": "Kyiv city",
    "UA-32": "Kyiv obl.",
    "UA-40": "Sevastopol",
    "UA-43": "Crimea",
}


def _short_names(codes: pl.Series, names: pl.Series) -> list[str]:
    out = []
    for code, name in zip(codes.to_list(), names.to_list(), strict=True):
        short = _SHORT_OVERRIDES.get(code) or str(name or code)
        for suffix in (" Oblast", " oblast", " Region", " region"):
            short = short.removesuffix(suffix)
        out.append(short)
    dupes = {s for s in out if out.count(s) > 1}
    return [f"{s} ({c})" if s in dupes else s for s, c in zip(out, codes.to_list(), strict=True)]


def _order_codes(gaz: pl.DataFrame, order: str) -> pl.DataFrame:
    if order == "name":
        return gaz.sort("_short")
    if order == "code":
        return gaz.sort("code")
    if order == "geographic":
        return gaz.sort("tile_row", "tile_col")
    raise ValueError(f"order must be 'name', 'code' or 'geographic', not {order!r}")


def _check_codes(codes: pl.Series, gaz: pl.DataFrame, what: str) -> None:
    unknown = sorted(set(codes.drop_nulls().to_list()) - set(gaz["code"].to_list()))
    if unknown:
        raise ValueError(f"{what}: codes not in the gazetteer: {unknown}")


def _text_colour(rgba: Sequence[float]) -> str:
    """Black or white, whichever contrasts more with ``rgba`` (WCAG relative luminance)."""
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(rgba)]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "black" if lum > 0.179 else "white"


def _pretty(label: object) -> str:
    if label is None:
        return "(not recorded)"
    text = str(label).replace("_", " ")
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- charts


@_styled
def forecast_fan(
    history: Frame,
    forecast: Frame | None = None,
    *,
    period_col: str = "period",
    value_col: str = "value",
    surges: Frame | None = None,
    p_value_col: str = "p_value",
    forecast_period_col: str = "period_start",
    complete_col: str = "complete",
    title: str = "Incidents per week, with forecast",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Incidents (count per week)",
    source: str | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = _REPORT_SIZE,
) -> Figure:
    """Observed series with a forecast fan (80% and 95% intervals) and flagged surges.

    Parameters
    ----------
    history : DataFrame
        ``period_col`` and ``value_col`` (national or one oblast). NULL values leave gaps.
        When ``complete_col`` is present (see ``aggregate.flag_incomplete``), incomplete
        periods are drawn as hollow grey markers and not joined to the line.
    forecast : DataFrame, optional
        ``period_start, mean, lo80, hi80, lo95, hi95``.
    surges : DataFrame, optional
        Flagged periods with ``period_col``, ``value_col`` and ``p_value_col``; drawn as
        markers with a legend entry (p-values are written beside up to 8 markers).
    source, synthetic, ax, figsize
        Source line; draw the synthetic-data label; axes to draw into; size of a new figure.
    """
    hist = _collect(history, [period_col, value_col], "history")
    hist = hist.filter(pl.col(period_col).is_not_null()).sort(period_col)
    fc_cols = [forecast_period_col, "mean", "lo80", "hi80", "lo95", "hi95"]
    fc = _collect(forecast, fc_cols, "forecast").sort(forecast_period_col)
    fig, ax, own = _new_axes(ax, figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    has_values = hist[value_col].null_count() < hist.height or fc["mean"].null_count() < fc.height
    if not has_values:
        _no_data(ax)
        _footer(ax, own_figure=own, source=source, synthetic=synthetic)
        _pin_fonts(fig)
        return fig

    incomplete = (
        ~hist[complete_col].fill_null(True)
        if complete_col in hist.columns
        else pl.Series([False] * hist.height, dtype=pl.Boolean)
    )
    y = _floats(hist[value_col])
    y_line = np.where(incomplete.to_numpy(), np.nan, y)
    x = _xvalues(hist[period_col])
    ax.plot(x, y_line, color="#222222", lw=1.4, label="Observed", zorder=4)
    if incomplete.any():
        mask = incomplete.to_numpy()
        ax.plot(
            x[mask],
            y[mask],
            ls="none",
            marker="o",
            mfc="white",
            mec=_GREY,
            ms=5,
            label="Incomplete period",
            zorder=4,
        )
    if fc.height:
        fx = _xvalues(fc[forecast_period_col])
        band = OKABE_ITO["blue"]
        ax.fill_between(
            fx,
            _floats(fc["lo95"]),
            _floats(fc["hi95"]),
            color=band,
            alpha=0.15,
            lw=0,
            label="95% interval",
        )
        ax.fill_between(
            fx,
            _floats(fc["lo80"]),
            _floats(fc["hi80"]),
            color=band,
            alpha=0.30,
            lw=0,
            label="80% interval",
        )
        ax.plot(fx, _floats(fc["mean"]), color=band, lw=1.4, ls="--", label="Forecast (mean)")
        ax.axvline(fx[0], color=_GREY, lw=0.8, ls=":", zorder=1)
    if surges is not None:
        sg = _collect(surges, [period_col, value_col, p_value_col], "surges").sort(period_col)
        if sg.height:
            sx, sy = _xvalues(sg[period_col]), _floats(sg[value_col])
            ax.plot(
                sx,
                sy,
                ls="none",
                marker="o",
                ms=6,
                mfc=OKABE_ITO["vermilion"],
                mec="white",
                mew=0.8,
                label="Flagged surge",
                zorder=5,
            )
            if sg.height <= 8:
                for xi, yi, p in zip(sx, sy, sg[p_value_col].to_list(), strict=True):
                    if p is not None and np.isfinite(yi):
                        ax.annotate(
                            f"p={p:.2g}",
                            (xi, yi),
                            xytext=(0, 6),
                            textcoords="offset points",
                            ha="center",
                            fontsize=6.5,
                            color=OKABE_ITO["vermilion"],
                        )
    if _is_temporal(hist[period_col]) or (fc.height and _is_temporal(fc[forecast_period_col])):
        _format_dates(ax)
    ax.set_ylim(bottom=min(0.0, float(np.nanmin(ax.get_ylim()))))
    ax.legend(loc="upper left", ncols=2)
    _footer(ax, own_figure=own, source=source, synthetic=synthetic)
    _pin_fonts(fig)
    return fig


@_styled
def small_multiples(
    panel: Frame,
    *,
    period_col: str = "period",
    group_col: str = "oblast_code",
    value_col: str = "incidents",
    sharey: bool = True,
    ncols: int = 6,
    order: Literal["name", "code", "geographic"] = "name",
    gazetteer: pl.DataFrame | None = None,
    title: str = "Incidents per week by oblast",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Incidents (count per week)",
    source: str | None = None,
    synthetic: bool = False,
    figsize: tuple[float, float] = (7.5, 7.5),
) -> Figure:
    """One small line panel per oblast (all 27 in the gazetteer), titled with short names.

    Oblasts absent from ``panel`` (or all NULL) get a panel saying "no data". With
    ``sharey=False`` each panel has its own scale, and the chart says so in a note.
    ``gazetteer`` defaults to :func:`analytics.oblasts.oblasts`.
    """
    df = _collect(panel, [period_col, group_col, value_col], "panel")
    gaz = _order_codes(_gazetteer(gazetteer), order)
    _check_codes(df[group_col], gaz, "small_multiples")
    notes: list[str] = []
    df = _drop_null_keys(df, group_col, "oblast", notes)
    df = df.filter(pl.col(period_col).is_not_null()).sort(period_col)
    if not sharey:
        notes.append("Each panel has its own y scale: compare shapes, not heights.")
    n = gaz.height
    nrows = -(-n // ncols)
    fig = Figure(figsize=figsize, dpi=_DPI, layout="constrained")
    # Limits are set by hand rather than with sharex/sharey: sibling-shared axes make each
    # layout pass quadratic in the number of panels (seconds per draw for 27 panels).
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    temporal = _is_temporal(df[period_col])
    any_data = False
    for i, (code, short) in enumerate(zip(gaz["code"], gaz["_short"], strict=True)):
        a = axes[i]
        a.set_title(short, fontsize=7.5, loc="left", pad=2)
        a.tick_params(labelsize=6.5, length=2, labelbottom=i + ncols >= n)
        sub = df.filter(pl.col(group_col) == code)
        if sub.height == 0 or sub[value_col].null_count() == sub.height:
            a.text(
                0.5,
                0.5,
                "no data",
                transform=a.transAxes,
                ha="center",
                va="center",
                fontsize=7,
                color=_TEXT_GREY,
            )
            if not sharey:
                a.tick_params(labelleft=False)
            continue
        any_data = True
        a.plot(_xvalues(sub[period_col]), _floats(sub[value_col]), color=OKABE_ITO["blue"], lw=1.0)
    for a in axes[n:]:
        a.remove()
    values = df[value_col].drop_nulls()
    if any_data:
        x = _xvalues(df[period_col])
        pad = (x.max() - x.min()) * 0.03 if x.size > 1 else (dt.timedelta(1) if temporal else 1)
        y_top = max(float(values.max()), 0.0) * 1.08 or 1.0  # type: ignore[arg-type]
        y_bottom = min(float(values.min()), 0.0) * 1.08  # type: ignore[arg-type]
        for i, a in enumerate(axes[:n]):
            a.set_xlim(x.min() - pad, x.max() + pad)
            if sharey:
                a.set_ylim(y_bottom, y_top)
                a.tick_params(labelleft=i % ncols == 0)
            if temporal:
                _format_dates(a, maxticks=4)
    if not any_data:
        notes.insert(0, "No data for any oblast.")
    fig.suptitle(title, x=0.01, ha="left", fontsize=11, fontweight="bold")
    fig.supylabel(ylabel, fontsize=9)
    _figure_footer(fig, xlabel=xlabel, source=source, synthetic=synthetic, notes=notes)
    _pin_fonts(fig)
    return fig


def _figure_footer(
    fig: Figure, *, xlabel: str, source: str | None, synthetic: bool, notes: Sequence[str]
) -> None:
    """X label and footer lines of a multi-panel figure, in a strip reserved below the layout."""
    lines: list[tuple[str, dict[str, Any]]] = [(xlabel, {"fontsize": 9, "color": "#222222"})]
    lines += [(n, {"fontsize": 7, "color": _TEXT_GREY, "fontstyle": "italic"}) for n in notes]
    if source:
        lines.append((source, {"fontsize": 7, "color": _TEXT_GREY}))
    if synthetic:
        lines.append(
            (
                SYNTHETIC_TEXT,
                {"fontsize": 8.5, "color": OKABE_ITO["vermilion"], "fontweight": "bold"},
            )
        )
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
    height_in = fig.get_figheight()
    y = 0.06 / height_in
    for i, (text, props) in reversed(list(enumerate(lines))):
        x, ha = (0.5, "center") if i == 0 else (0.01, "left")  # the x label is centred
        fig.text(x, y, text, ha=ha, va="bottom", **props)
        y += 1.45 * props["fontsize"] / 72 / height_in
    fig.get_layout_engine().set(rect=(0, y + 0.02 / height_in, 1, 1 - y - 0.02 / height_in))  # type: ignore[union-attr]


@_styled
def tile_map(
    values: Frame,
    *,
    code_col: str = "oblast_code",
    value_col: str = "rate",
    gazetteer: pl.DataFrame | None = None,
    title: str = "Incidents per 100,000 residents",
    units: str = "Incidents per 100,000 residents (2022 population)",
    value_format: str = "{:,.1f}",
    vmin: float | None = None,
    vmax: float | None = None,
    cmap: Any = SEQUENTIAL_CMAP,
    source: str | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.5, 4.6),
) -> Figure:
    """Tile-grid map of the oblasts (``tile_row``, ``tile_col`` from the gazetteer).

    Each tile shows its short name and value (text black or white for contrast). A NULL value,
    or an oblast missing from ``values``, is drawn grey and hatched with "n/a": unknown is not
    zero. Codes not in the gazetteer or repeated codes raise ``ValueError``.
    """
    df = _collect(values, [code_col, value_col], "values")
    gaz = _gazetteer(gazetteer)
    if not {"tile_row", "tile_col"} <= set(gaz.columns):
        raise ValueError("gazetteer lacks tile_row/tile_col")
    _check_codes(df[code_col], gaz, "tile_map")
    notes: list[str] = []
    df = _drop_null_keys(df, code_col, "oblast", notes)
    dupes = df.filter(pl.col(code_col).is_duplicated())[code_col].unique().sort().to_list()
    if dupes:
        raise ValueError(f"tile_map: one value per oblast expected; repeated: {dupes}")
    lookup = dict(zip(df[code_col].to_list(), _floats(df[value_col]).tolist(), strict=True))
    vals = np.array([lookup.get(c, np.nan) for c in gaz["code"].to_list()], dtype=float)
    finite = vals[np.isfinite(vals)]
    fig, ax, own = _new_axes(ax, figsize)
    ax.set_title(title)
    norm = None
    if finite.size:
        lo = vmin if vmin is not None else min(0.0, float(finite.min()))
        hi = vmax if vmax is not None else float(finite.max())
        norm = Normalize(lo, hi if hi > lo else lo + 1)
    else:
        notes.insert(0, "No data: every value is missing.")
    colormap = mpl.colormaps[cmap] if isinstance(cmap, str) else cmap
    for row, v in zip(gaz.iter_rows(named=True), vals, strict=True):
        r, c = row["tile_row"], row["tile_col"]
        if np.isfinite(v) and norm is not None:
            face, hatch, label = colormap(norm(v)), None, value_format.format(v)
        else:
            face, hatch, label = _NA_FACE, "////", "n/a"
        ax.add_patch(
            Rectangle(
                (c + 0.03, r + 0.03),
                0.94,
                0.94,
                facecolor=face,
                hatch=hatch,
                edgecolor="white",
                lw=0.8,
            )
        )
        ink = _text_colour(face) if hatch is None else "#333333"
        name_bbox = None if hatch is None else {"fc": _NA_FACE, "ec": "none", "pad": 0.5}
        ax.text(
            c + 0.5,
            r + 0.3,
            _wrap_name(row["_short"]),
            ha="center",
            va="center",
            fontsize=6,
            color=ink,
            linespacing=1.0,
            bbox=name_bbox,
        )
        ax.text(
            c + 0.5,
            r + 0.7,
            label,
            ha="center",
            va="center",
            fontsize=8,
            fontweight="bold",
            color=ink,
            bbox=name_bbox,
        )
    ax.set_xlim(-0.05, gaz["tile_col"].max() + 1.05)
    ax.set_ylim(gaz["tile_row"].max() + 1.05, -0.05)
    ax.set_aspect("equal")
    ax.set_axis_off()
    if norm is not None:
        sm = mpl.cm.ScalarMappable(norm=norm, cmap=colormap)
        fig.colorbar(sm, ax=ax, shrink=0.75, pad=0.02, label=units)
    if np.isnan(vals).any():
        notes.append("Grey hatched tiles (n/a): no value reported, which is unknown, not zero.")
    _footer(ax, own_figure=own, source=source, synthetic=synthetic, notes=notes, below_axis=False)
    _pin_fonts(fig)
    return fig


def _wrap_name(name: str, width: int = 10) -> str:
    """Break a long tile name in two lines (after a hyphen, else mid-word with a hyphen)."""
    if len(name) <= width:
        return name
    if "-" in name:
        head, tail = name.split("-", 1)
        return f"{head}-\n{tail}"
    if " " in name:
        head, tail = name.rsplit(" ", 1)
        return f"{head}\n{tail}"
    cut = (len(name) + 1) // 2
    return f"{name[:cut]}-\n{name[cut:]}"


@_styled
def mix_over_time(
    frame: Frame,
    *,
    period_col: str = "period",
    category_col: str = "strike_type",
    value_col: str = "incidents",
    share: bool = True,
    kind: Literal["area", "bar"] = "area",
    categories: Sequence[str] | None = None,
    colours: Mapping[str, str] | None = None,
    title: str = "Incidents by strike type",
    xlabel: str = "Month",
    ylabel: str | None = None,
    value_label: str = "Incidents",
    source: str | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = _REPORT_SIZE,
) -> Figure:
    """Category mix over time as a stacked area (or stacked bars), as shares or counts.

    A category absent in a period counts as zero (tidy frames omit empty cells). A period with
    a NULL value is left blank (its mix is unknown) and a note says how many. NULL categories
    are drawn as "(not recorded)". ``categories`` fixes the stacking order (default: largest
    total first); strike types keep their colours from :data:`STRIKE_TYPE_COLOURS`.
    """
    df = _collect(frame, [period_col, category_col, value_col], "mix")
    df = df.filter(pl.col(period_col).is_not_null())
    fig, ax, own = _new_axes(ax, figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(
        ylabel or (f"Share of {value_label.lower()} (%)" if share else f"{value_label} (count)")
    )
    notes: list[str] = []
    if df.height == 0 or df[value_col].null_count() == df.height:
        _no_data(ax)
        _footer(ax, own_figure=own, source=source, synthetic=synthetic)
        _pin_fonts(fig)
        return fig
    cell = (
        df.group_by(period_col, category_col)
        .agg(pl.when(pl.col(value_col).null_count() == 0).then(pl.col(value_col).sum()).alias("v"))
        .with_columns(pl.col(category_col).cast(pl.String))
    )
    if categories is None:
        totals = (
            cell.group_by(category_col)
            .agg(pl.col("v").sum())
            .sort(["v", category_col], descending=[True, False], nulls_last=True)
        )
        cats = totals[category_col].to_list()
    else:
        cats = list(categories)
        extra = set(cell[category_col].to_list()) - set(cats)
        if extra:
            raise ValueError(f"mix_over_time: categories not listed: {sorted(extra, key=str)}")
    periods = cell[period_col].unique().sort()
    wide = np.zeros((periods.len(), len(cats)))
    pindex = {p: i for i, p in enumerate(periods.to_list())}
    cindex = {c: j for j, c in enumerate(cats)}
    blank = np.zeros(periods.len(), dtype=bool)
    for p, c, v in cell.select(period_col, category_col, "v").iter_rows():
        if v is None:
            blank[pindex[p]] = True
        else:
            wide[pindex[p], cindex[c]] = v
    if share:
        total = wide.sum(axis=1)
        empty = total == 0
        if (empty & ~blank).any():
            notes.append(
                f"{int((empty & ~blank).sum())} period(s) with nothing recorded left blank."
            )
        with np.errstate(invalid="ignore", divide="ignore"):
            wide = np.where(empty[:, None], np.nan, wide / total[:, None] * 100)
    if blank.any():
        notes.append(f"{int(blank.sum())} period(s) with unreported values left blank.")
    wide[blank] = np.nan
    palette = iter(_CYCLE)
    cmap = dict(colours or {})
    cols = [cmap.get(c) or STRIKE_TYPE_COLOURS.get(c) or next(palette, _GREY) for c in cats]
    cols = [_GREY if c is None else col for c, col in zip(cats, cols, strict=True)]
    labels = [_pretty(c) for c in cats]
    x = _xvalues(periods)
    if kind == "area":
        ax.stackplot(x, wide.T, labels=labels, colors=cols, lw=0)
        ax.margins(x=0)
    elif kind == "bar":
        width = _step(periods)
        width = width * 0.85 if isinstance(width, dt.timedelta) else 0.85 * width
        bottom = np.zeros(periods.len())
        for j, (lab, col) in enumerate(zip(labels, cols, strict=True)):
            ax.bar(x, wide[:, j], bottom=bottom, width=width, color=col, label=lab, lw=0)
            bottom = bottom + np.nan_to_num(wide[:, j])
    else:
        raise ValueError(f"kind must be 'area' or 'bar', not {kind!r}")
    if share:
        ax.set_ylim(0, 100)
        ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    if _is_temporal(periods):
        _format_dates(ax)
    handles, leg_labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], leg_labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="x", visible=False)
    _footer(ax, own_figure=own, source=source, synthetic=synthetic, notes=notes)
    _pin_fonts(fig)
    return fig


@_styled
def heatmap(
    panel: Frame,
    *,
    period_col: str = "period",
    group_col: str = "oblast_code",
    value_col: str = "alerts",
    order: Literal["name", "code", "geographic"] = "name",
    all_oblasts: bool = True,
    gazetteer: pl.DataFrame | None = None,
    cmap: Any = SEQUENTIAL_CMAP,
    title: str = "Air-raid alerts per week by oblast",
    xlabel: str = "Week starting (Monday)",
    units: str = "Alerts (count per week)",
    source: str | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.5, 5.5),
) -> Figure:
    """Oblast x period heatmap with a colourbar; missing cells are grey and hatched.

    A cell absent from ``panel`` or NULL is "no data", not zero: zero-fill the panel first
    (``aggregate.complete_panel``) when absence means zero. Rows are all gazetteer oblasts
    (``all_oblasts=True``) or only those in ``panel``; periods are the distinct periods present.
    """
    df = _collect(panel, [period_col, group_col, value_col], "panel")
    gaz = _order_codes(_gazetteer(gazetteer), order)
    _check_codes(df[group_col], gaz, "heatmap")
    notes: list[str] = []
    df = _drop_null_keys(df, group_col, "oblast", notes)
    df = df.filter(pl.col(period_col).is_not_null())
    if not all_oblasts:
        gaz = gaz.filter(pl.col("code").is_in(df[group_col].unique().implode()))
    fig, ax, own = _new_axes(ax, figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Oblast")
    if df.height == 0 or df[value_col].null_count() == df.height or gaz.height == 0:
        _no_data(ax)
        _footer(ax, own_figure=own, source=source, synthetic=synthetic, notes=notes)
        _pin_fonts(fig)
        return fig
    dup = df.select(period_col, group_col).is_duplicated()
    if dup.any():
        raise ValueError("heatmap: more than one row per (period, oblast)")
    periods = df[period_col].unique().sort()
    codes = gaz["code"].to_list()
    grid = np.full((len(codes), periods.len()), np.nan)
    pindex = {p: i for i, p in enumerate(periods.to_list())}
    rindex = {c: i for i, c in enumerate(codes)}
    for p, g, v in df.select(period_col, group_col, value_col).iter_rows():
        if g in rindex:
            grid[rindex[g], pindex[p]] = np.nan if v is None else v
    xs = np.arange(periods.len() + 1) - 0.5
    mesh = ax.pcolormesh(
        xs,
        np.arange(len(codes) + 1) - 0.5,
        np.ma.masked_invalid(grid),
        cmap=cmap,
        vmin=min(0.0, float(np.nanmin(grid))),
        shading="flat",
    )
    ax.patch.set_facecolor(_NA_FACE)
    ax.patch.set_hatch("////")
    ax.set_ylim(len(codes) - 0.5, -0.5)
    ax.set_yticks(np.arange(len(codes)), gaz["_short"].to_list(), fontsize=6.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    _period_ticks(ax, periods)
    fig.colorbar(mesh, ax=ax, pad=0.01, label=units, shrink=0.9)
    if np.isnan(grid).any():
        notes.append("Grey hatched cells: no data (unknown, not zero).")
    _footer(ax, own_figure=own, source=source, synthetic=synthetic, notes=notes)
    _pin_fonts(fig)
    return fig


def _period_ticks(ax: Axes, periods: pl.Series, max_ticks: int = 8) -> None:
    """Label a few cell positions with their period (dates as e.g. '2024-03-04')."""
    n = periods.len()
    step = max(1, -(-n // max_ticks))
    idx = list(range(0, n, step))
    values = periods.to_list()
    labels = [v.isoformat() if isinstance(v, dt.date) else str(v) for v in (values[i] for i in idx)]
    ax.set_xticks(idx, labels)
    ax.set_xlim(-0.5, n - 0.5)


@_styled
def interceptions(
    weekly: Frame,
    *,
    period_col: str = "week",
    launched_col: str = "launched",
    destroyed_col: str = "destroyed",
    complete_col: str = "complete",
    title: str = "Missiles and drones launched and destroyed",
    xlabel: str = "Week starting (Monday)",
    ylabel: str = "Missiles and drones (count)",
    rate_label: str = "Interception rate (%)",
    source: str | None = None,
    synthetic: bool = False,
    ax: Axes | None = None,
    figsize: tuple[float, float] = _REPORT_SIZE,
) -> Figure:
    """Launched (light bars) versus destroyed (dark bars) with the interception rate line.

    The rate (destroyed / launched, %) is on a secondary axis and is NULL (a gap) where
    nothing was launched or either count is NULL. Periods flagged incomplete by
    ``complete_col`` (when present) are drawn paler and noted.
    """
    df = _collect(weekly, [period_col, launched_col, destroyed_col], "weekly")
    df = df.filter(pl.col(period_col).is_not_null()).sort(period_col)
    fig, ax, own = _new_axes(ax, figsize)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    notes: list[str] = []
    launched, destroyed = _floats(df[launched_col]), _floats(df[destroyed_col])
    if df.height == 0 or (np.isnan(launched).all() and np.isnan(destroyed).all()):
        _no_data(ax)
        _footer(ax, own_figure=own, source=source, synthetic=synthetic)
        _pin_fonts(fig)
        return fig
    x = _xvalues(df[period_col])
    width = _step(df[period_col])
    width = width * 0.8 if isinstance(width, dt.timedelta) else 0.8 * width
    alpha = np.ones(df.height)
    if complete_col in df.columns and (~df[complete_col].fill_null(True)).any():
        alpha = np.where(df[complete_col].fill_null(True).to_numpy(), 1.0, 0.4)
        notes.append("Pale bars: period not yet complete.")
    lb = ax.bar(x, launched, width=width, color=OKABE_ITO["sky_blue"], label="Launched", lw=0)
    db = ax.bar(x, destroyed, width=width * 0.6, color=OKABE_ITO["blue"], label="Destroyed", lw=0)
    for bars in (lb, db):
        for patch, a in zip(bars.patches, alpha, strict=True):
            patch.set_alpha(a)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(launched > 0, destroyed / launched * 100, np.nan)
    twin = ax.twinx()
    twin.spines["right"].set_visible(True)
    twin.grid(False)
    twin.plot(
        x, rate, color=OKABE_ITO["vermilion"], lw=1.4, marker="o", ms=2.5, label="Interception rate"
    )
    top = max(100.0, float(np.nanmax(rate))) if np.isfinite(rate).any() else 100.0
    twin.set_ylim(0, top * 1.3)  # head room for the legend
    twin.set_yticks(np.arange(0, top + 1, 20))
    twin.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    twin.set_ylabel(rate_label, color=OKABE_ITO["vermilion"])
    twin.tick_params(axis="y", colors=OKABE_ITO["vermilion"], labelsize=8)
    if _is_temporal(df[period_col]):
        _format_dates(ax)
    ax.grid(axis="x", visible=False)
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = twin.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", ncols=3, bbox_to_anchor=(0.0, 1.0))
    ax.set_ylim(0, float(np.nanmax(np.fmax(launched, destroyed))) * 1.3)
    _footer(ax, own_figure=own, source=source, synthetic=synthetic, notes=notes)
    _pin_fonts(fig)
    return fig
