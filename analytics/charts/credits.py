"""Credit lines: name only the sources a chart draws, fitted to a width, version kept visible."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

from analytics._version import __version__

__all__ = ["credit_line", "fit_credit", "resolve_credit", "wrap_text", "text_width"]

_MEASURE_DPI: Final = 150  # the dpi figures are saved at: hinting makes widths dpi-dependent
_SAFETY: Final = 1.03  # room for kerning and hinting differences between backends
_SEPARATOR: Final = " · "


@functools.cache
def _measure() -> RendererAgg:
    return RendererAgg(1, 1, _MEASURE_DPI)


@functools.lru_cache(maxsize=4096)
def text_width(text: str, fontsize: float, *, family: str = "DejaVu Sans") -> float:
    """Width of ``text`` in points when drawn in ``family`` at ``fontsize`` (no renderer needed).

    Kept per (text, size, family): a report measures the same tick labels, credit lines and
    wrap candidates many times (148 calls, 51 distinct, about 1 ms each, on the 1M bench
    report), and a measurement is a pure function of them (the same font file, the same dpi).

    Examples
    --------
    >>> text_width("abc", 7) < text_width("abcdef", 7)
    True
    """
    prop = FontProperties(family=family, size=fontsize)
    width, _, _ = _measure().get_text_width_height_descent(text, prop, ismath=False)
    return float(width) / _MEASURE_DPI * 72 * _SAFETY


def wrap_text(text: str, width_pt: float, fontsize: float) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt`` (measured, not guessed).

    A single word wider than the width is cut with a trailing hyphen, so no line ever runs past
    the width.

    Examples
    --------
    >>> wrap_text("one two three", 10_000, 7)
    ['one two three']
    >>> all(text_width(s, 7) <= 60 for s in wrap_text("one two three four five six", 60, 7))
    True
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, fontsize) <= width_pt:
            current = candidate
            continue
        if current:
            lines.append(current)
        while text_width(word, fontsize) > width_pt and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and text_width(word[:cut] + "-", fontsize) > width_pt:
                cut -= 1
            lines.append(word[:cut] + "-")
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def credit_line(sources: Sequence[str], *, version: str | None = __version__) -> str:
    """``Source: A; B · strike-analytics <version>`` for the sources a chart draws.

    Duplicates are dropped (first spelling kept); an empty list gives the version alone.

    Examples
    --------
    >>> credit_line(["UCDP GED (CC BY 4.0)", "UCDP GED (CC BY 4.0)"], version="1.0")
    'Source: UCDP GED (CC BY 4.0) · strike-analytics 1.0'
    """
    names = list(dict.fromkeys(s.strip() for s in sources if s and s.strip()))
    tail = f"strike-analytics {version}" if version else ""
    head = ("Sources: " if len(names) > 1 else "Source: ") + "; ".join(names) if names else ""
    return _SEPARATOR.join(p for p in (head, tail) if p)


def _split_version(text: str) -> tuple[str, str]:
    """Split ``"... · strike-analytics 1.2"`` into its body and the version tail."""
    body, sep, tail = text.rpartition(_SEPARATOR)
    if sep and tail.startswith("strike-analytics"):
        return body, tail
    return text, ""


def _shorten_name(name: str) -> str:
    """Drop a bracketed licence or a trailing qualifier: 'UCDP GED (CC BY 4.0)' -> 'UCDP GED'."""
    short = name.split(" (", 1)[0]
    return short.split(" by ", 1)[0].strip() or name


def fit_credit(text: str, width_pt: float, fontsize: float, *, max_lines: int = 2) -> list[str]:
    """Fit a credit line into ``max_lines`` lines of ``width_pt``; the version is never cut.

    The line is wrapped at word boundaries. When it still needs more lines, source names are
    shortened (bracketed licences and "by ..." dropped), then trailing sources are replaced by
    "and N more"; the ``strike-analytics <version>`` tail always stays on the last line.

    Examples
    --------
    >>> long = credit_line([f"dataset number {i} (licence)" for i in range(30)], version="9.9")
    >>> lines = fit_credit(long, 300, 7)
    >>> len(lines) <= 2 and lines[-1].endswith("strike-analytics 9.9")
    True
    """
    lines = wrap_text(text, width_pt, fontsize)
    if len(lines) <= max_lines:
        return lines
    body, tail = _split_version(text)
    label, _, names_text = body.partition(": ")
    names = [n for n in names_text.split("; ") if n] if names_text else [body]
    names = [_shorten_name(n) for n in names]
    for keep in range(len(names), 0, -1):
        shown = names[:keep] + ([f"and {len(names) - keep} more"] if keep < len(names) else [])
        candidate = _SEPARATOR.join(p for p in (f"{label}: " + "; ".join(shown), tail) if p)
        lines = wrap_text(candidate, width_pt, fontsize)
        if len(lines) <= max_lines:
            return lines
    return wrap_text(tail, width_pt, fontsize)[:max_lines] if tail else lines[:max_lines]


def resolve_credit(source: str | None, sources: Sequence[str] | None) -> str | None:
    """The credit a chart prints: built from ``sources`` (the sources drawn) when given.

    ``source`` alone is printed as given (the old call). With ``sources``, the line names
    exactly those sources and keeps the version tail of ``source`` when it has one (else this
    package's version).

    Examples
    --------
    >>> resolve_credit("Source: A; B; C · strike-analytics 2.0", ["B"])
    'Source: B · strike-analytics 2.0'
    >>> resolve_credit("Source: test frame", None)
    'Source: test frame'
    """
    if sources is None:
        return source
    _, tail = _split_version(source or "")
    version = tail.removeprefix("strike-analytics ").strip() if tail else __version__
    return credit_line(sources, version=version)
