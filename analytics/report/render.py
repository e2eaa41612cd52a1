"""Rendering a report's findings as one self-contained HTML file, Markdown, and an A4 PDF.

HTML: Jinja2 with autoescape on; charts embedded as base64 PNG data URIs, CSS inline, no
external resources (citation links only). Markdown: every value printed by the template is
escaped for Markdown and HTML unless the template marks it ``| safe`` (SQL, file names).
PDF: fpdf2 with DejaVu Sans (ships with matplotlib) so Ukrainian names render; the creation
date is derived from the period, so the same data give the same bytes.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import io
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:
    from analytics.report.content import Chart, ReportContent, Table

__all__ = [
    "render_html", "render_markdown", "render_pdf", "new_pdf", "close_pdf", "md_escape", "word_widths", "chart_box",
    "png_stream", "pdf_image",
]  # fmt: skip

_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]|#~{}!])")


def md_escape(value: Any) -> str:
    """Neutralise Markdown and HTML in text (one line; safe inside a table cell).

    Examples
    --------
    >>> md_escape("<script>alert(1)</script> *bold* | [x](y)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\*bold\\\\* \\\\| \\\\[x\\\\](y)'
    """
    text = " ".join(str(value).split())
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_finalize(value: Any) -> str:
    if isinstance(value, Markup):
        return str(value)
    return "" if value is None else md_escape(value)


@functools.cache
def _env(kind: str) -> jinja2.Environment:
    loader = jinja2.PackageLoader("analytics.report", "templates")
    if kind == "html":
        return jinja2.Environment(loader=loader, autoescape=True, keep_trailing_newline=True)
    return jinja2.Environment(
        loader=loader, autoescape=False, finalize=_md_finalize, keep_trailing_newline=True
    )


def _data_uri(chart: Chart) -> str:
    return "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")


def render_html(content: ReportContent) -> str:
    """The report as one self-contained HTML page."""
    template = _env("html").get_template("report.html.j2")
    return template.render(c=content, data_uri=_data_uri)


def render_markdown(content: ReportContent) -> str:
    """The report as Markdown; charts are linked by file name (write them beside it)."""
    template = _env("md").get_template("report.md.j2")
    text = template.render(c=content)
    return re.sub(r"\n{3,}", "\n\n", text)


# -- PDF --------------------------------------------------------------------------------------
_MARGIN: Final = 14.0
_VERMILION: Final = (213, 94, 0)
_BLUE: Final = (0, 114, 178)


def _font_dir() -> Path:
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def _pdf_class() -> type:
    from fpdf import FPDF

    class ReportPDF(FPDF):  # type: ignore[misc]
        banner: str = ""
        running: str = ""

        def header(self) -> None:
            if self.banner:
                self.set_font("DejaVu", "B", 9)
                self.set_fill_color(*_VERMILION)
                self.set_text_color(255, 255, 255)
                self.cell(0, 7, self.banner, align="C", fill=True,
                          new_x="LMARGIN", new_y="NEXT")  # fmt: skip
                self.set_text_color(0, 0, 0)
                self.ln(2)

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font("DejaVu", "", 7)
            self.set_text_color(110, 110, 110)
            self.cell(0, 5, f"{self.running}  ·  page {self.page_no()} of {{nb}}", align="C")
            self.set_text_color(0, 0, 0)

    return ReportPDF


def new_pdf() -> Any:
    """An empty A4 report document with its fonts loaded, for :func:`render_pdf`.

    Loading the three DejaVu fonts (parsing their tables for subsetting) is about half the
    PDF's work; nothing in it depends on the report, so a caller may build the document in a
    thread while it does other work (the report's queries) and hand it to ``render_pdf``.
    """
    pdf = _pdf_class()(orientation="P", unit="mm", format="A4")
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVuMono", "", str(fonts / "DejaVuSansMono.ttf"))
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=15)
    return pdf


def close_pdf(pdf: Any) -> None:
    """Close the font files of a document from :func:`new_pdf` (writing it closes them; one
    never written, e.g. of a report skipped by ``--if-changed``, would keep them open)."""
    for font in getattr(pdf, "fonts", {}).values():
        if hasattr(font, "close"):
            font.close()


def render_pdf(content: ReportContent, path: Path, *, pdf: Any | None = None) -> Path:
    """Write the report as an A4 PDF (charts embedded, DejaVu Sans, fixed creation date).

    ``pdf``: an unused document from :func:`new_pdf` (default: a new one); same bytes either
    way.
    """
    pdf = new_pdf() if pdf is None else pdf
    if pdf.page_no() != 0:
        raise ValueError("render_pdf needs an unused document from new_pdf()")
    pdf.set_creation_date(content.creation_date)
    pdf.set_creator("strike-analytics")
    pdf.set_producer("strike-analytics (fpdf2)")
    pdf.set_title(content.title)
    pdf.banner = content.synthetic_label if content.synthetic else ""
    pdf.running = ("SYNTHETIC DATA · " if content.synthetic else "") + content.title
    pdf.add_page()
    c = content
    _text(pdf, c.title, size=15, bold=True, height=7)
    _text(pdf, f"{c.period.start} to {c.period.end} · {c.scope_line}", size=8, grey=True)
    _text(pdf, c.generated_line, size=8, grey=True)

    _heading(pdf, "Headline figures")
    if c.headline:
        cols = ("Figure", c.period.short, "Previous", "Change", "Year before", "Change",
                "Expected (95%)", "Assessment", "SQL")  # fmt: skip
        rows = tuple(
            (h.label + (f" ({h.note})" if h.note else ""), h.value, h.previous, h.previous_change,
             h.year_before, h.year_change, h.expected, h.verdict, f"[{h.ref}]")
            for h in c.headline
        )  # fmt: skip
        _table(pdf, cols, rows, (False,) + (True,) * 6 + (False, False),
               widths=(32, 15, 15, 21, 15, 21, 24, 31, 8))  # fmt: skip
    for n in c.headline_notes:
        _text(pdf, n, size=7, grey=True)
    _keep_with(pdf, 20)
    _text(pdf, "Where each figure comes from", size=9, bold=True)
    for h in c.headline:
        _text(pdf, f"[{h.ref}] {h.label}", size=7)
        pdf.set_font("DejaVuMono", "", 6.5)
        pdf.multi_cell(0, 3.2, h.sql, new_x="LMARGIN", new_y="NEXT")
    _heading(pdf, "All oblasts")
    _table_obj(pdf, c.oblast_table, first_width=60)
    _heading(pdf, "Charts", keep=chart_box(pdf, c.charts[0])[1] + _CAPTION if c.charts else 20)
    for chart in c.charts:
        _chart(pdf, chart)
    for n in c.chart_notes:
        _text(pdf, n, size=7, grey=True)
    _heading(pdf, "Forecast, surges and breaks")
    for t in (*c.forecasts, c.surges, c.breaks):
        _table_obj(pdf, t)
    for n in c.model_notes:
        _text(pdf, n, size=7, grey=True)
    _heading(pdf, "Data quality")
    for t in c.quality:
        _table_obj(pdf, t)
    for n in c.quality_notes:
        _text(pdf, n, size=7, grey=True)
    _heading(pdf, "Method and provenance")
    for k, v in c.provenance:
        _text(pdf, f"{k}: {v}", size=8)
    _keep_with(pdf, 20)
    _text(pdf, "Sources", size=9, bold=True)
    for s in c.sources:
        line = f"{s.name}. Licence: {s.licence}." + (f" Cite: {s.citation}" if s.citation else "")
        _text(pdf, line + (f" {s.url}" if s.url else ""), size=7.5)
    _keep_with(pdf, 20)
    _text(pdf, "How the models work", size=9, bold=True)
    for k, v in c.model_choices:
        _text(pdf, f"{k}: {v}", size=7.5)
    _keep_with(pdf, 20)
    _text(pdf, "Definitions", size=9, bold=True)
    for d in c.definitions:
        _text(pdf, f"• {d}", size=7.5)
    pdf.output(str(path))
    return path


def _text(pdf: Any, text: str, *, size: float = 9, bold: bool = False, grey: bool = False,
          height: float | None = None) -> None:  # fmt: skip
    pdf.set_font("DejaVu", "B" if bold else "", size)
    if grey:
        pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, height or size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(0.8)


def _heading(pdf: Any, text: str, *, keep: float = 40.0) -> None:
    """A section heading, moved to a new page unless ``keep`` mm of its content fit below it."""
    _keep_with(pdf, 12 + keep)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_text_color(*_BLUE)
    pdf.cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*_BLUE)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _keep_with(pdf: Any, need: float) -> None:
    """Start a new page unless ``need`` mm fit above the bottom margin."""
    if pdf.get_y() + need > pdf.h - pdf.b_margin:
        pdf.add_page()


def _table_obj(pdf: Any, t: Table, *, first_width: float | None = None) -> None:
    rows = t.rows or (("None.",) + ("",) * (len(t.columns) - 1),)
    _keep_with(pdf, 6 + 5 * (1 + min(len(rows), 3)))  # the title with its header and rows
    _text(pdf, t.title, size=9, bold=True)
    total = pdf.w - 2 * _MARGIN
    if first_width is not None:
        rest = (total - first_width) / (len(t.columns) - 1)
        widths = (first_width,) + (rest,) * (len(t.columns) - 1)
    else:
        widths = _auto_widths(t.columns, rows, total)
    _table(pdf, t.columns, rows, t.numeric or (False,) * len(t.columns), widths=widths)
    if t.note:
        _text(pdf, t.note, size=7, grey=True)


def _auto_widths(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                 total: float) -> tuple[float, ...]:  # fmt: skip
    """Column widths in proportion to the longest cell (capped) or the longest header word,
    so file names and source names are not broken mid-word in narrow columns."""
    need = []
    for i, col in enumerate(columns):
        cell = max((len(r[i]) for r in rows if i < len(r)), default=0)
        word = max((len(w) for w in col.split()), default=0)
        need.append(max(min(cell, 30), word * 1.25, 3) + 2)  # headers are bold
    return tuple(n * total / sum(need) for n in need)


def word_widths(
    pdf: Any, columns: tuple[str, ...], widths: tuple[float, ...], size: float, padding: float
) -> tuple[float, ...]:
    """Widths (mm) that keep every word of every header on one line: each column at least its
    longest bold header word plus padding, the space taken from columns with room to spare.

    When the words alone need more than the table's width, every column gets its words'
    width scaled down (the caller then uses a smaller font).
    """
    floor = _word_floor(pdf, columns, size, padding)
    total = sum(widths)
    if sum(floor) >= total:
        return tuple(f * total / sum(floor) for f in floor)
    out = list(widths)
    for _ in range(len(out)):
        short = [i for i, (w, f) in enumerate(zip(out, floor, strict=True)) if w < f - 1e-9]
        if not short:
            break
        deficit = sum(floor[i] - out[i] for i in short)
        for i in short:
            out[i] = floor[i]
        spare = {i: out[i] - floor[i] for i in range(len(out)) if i not in short}
        room = sum(spare.values())
        for i, s in spare.items():
            out[i] -= deficit * s / room
    return tuple(out)


def _table(pdf: Any, columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           numeric: tuple[bool, ...], *, widths: tuple[float, ...] | None = None) -> None:  # fmt: skip
    from fpdf.fonts import FontFace

    size = 6.5 if len(columns) > 6 else 7.5
    padding = 0.8
    total = pdf.w - 2 * _MARGIN
    widths = widths or (total / len(columns),) * len(columns)
    fitted = word_widths(pdf, columns, widths, size, padding)
    while sum(fitted) > total + 1e-6 or any(
        f < w - 1e-6 for f, w in zip(fitted, _word_floor(pdf, columns, size, padding), strict=True)
    ):
        if size <= 5:
            break
        size -= 0.5
        fitted = word_widths(pdf, columns, widths, size, padding)
    pdf.set_font("DejaVu", "", size)
    head = FontFace(emphasis="BOLD", fill_color=(235, 241, 247))
    with pdf.table(
        col_widths=fitted, headings_style=head, line_height=size * 0.5, padding=padding,
        text_align=tuple("RIGHT" if n else "LEFT" for n in numeric), borders_layout="HORIZONTAL_LINES",
        first_row_as_headings=True, width=min(sum(fitted), pdf.epw), align="LEFT",
    ) as table:  # fmt: skip
        table.row(columns)
        for row in rows:
            table.row(row)
    pdf.ln(1.5)


def _word_floor(pdf: Any, columns: tuple[str, ...], size: float, padding: float) -> list[float]:
    pdf.set_font("DejaVu", "B", size)
    return [
        max((pdf.get_string_width(w) for w in col.split()), default=0.0) + 2 * padding + 0.6
        for col in columns
    ]


def chart_box(pdf: Any, chart: Chart) -> tuple[float, float]:
    """Width and height (mm) of a chart on the page: full width, or shrunk (down to 65%) so two
    charts and their captions share a page."""
    from PIL import Image

    with Image.open(io.BytesIO(chart.png)) as im:
        w_px, h_px = im.size
    width = pdf.w - 2 * _MARGIN
    height = width * h_px / w_px
    half = (pdf.h - pdf.t_margin - pdf.b_margin - 10) / 2 - _CAPTION
    if height > half and half / height >= 0.65:
        return width * half / height, half
    return width, height


_CAPTION: Final = 10.0


def _chart(pdf: Any, chart: Chart) -> None:
    width, height = chart_box(pdf, chart)
    room = pdf.h - pdf.b_margin - pdf.get_y() - _CAPTION
    if height > room:
        if room >= 0.85 * height:  # a little smaller rather than a half-empty page
            width, height = width * room / height, room
        else:
            pdf.add_page()
    pdf.image(pdf_image(pdf, chart.png), x=(pdf.w - width) / 2, w=width, h=height)
    _text(pdf, chart.caption, size=7, grey=True)


_PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"
#: Chunks that change how a PNG's pixels look (palette, transparency, colour profile, gamma).
_PNG_COLOUR_CHUNKS: Final = frozenset(
    {b"PLTE", b"tRNS", b"iCCP", b"gAMA", b"cHRM", b"sRGB", b"sBIT"}
)


def png_stream(png: bytes) -> tuple[int, int, bytes] | None:
    r"""Width, height and compressed pixel stream (the IDAT chunks) of an 8-bit RGB,
    non-interlaced PNG with no colour chunk; ``None`` for any other PNG.

    That stream is what a PDF image with ``/FlateDecode`` and ``/Predictor 15`` holds (zlib
    over rows that each start with their PNG filter byte), so it can be embedded as is.

    Examples
    --------
    >>> import zlib
    >>> from PIL import Image
    >>> buf = io.BytesIO()
    >>> Image.new("RGB", (3, 2), "white").save(buf, format="PNG")
    >>> w, h, data = png_stream(buf.getvalue())
    >>> (w, h), len(zlib.decompress(data))  # each row: its filter byte and 3 x 3 bytes
    ((3, 2), 20)
    >>> png_stream(b"GIF89a") is None
    True
    """
    if not png.startswith(_PNG_SIGNATURE):
        return None
    pos, size, idat = len(_PNG_SIGNATURE), None, []
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, colour, comp, flt, interlace = struct.unpack(">IIBBBBB", body)
            if (depth, colour, comp, flt, interlace) != (8, 2, 0, 0, 0):
                return None
            size = (w, h)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        elif kind in _PNG_COLOUR_CHUNKS:
            return None
        pos += 12 + length
    return (*size, b"".join(idat)) if size is not None and idat else None


def pdf_image(pdf: Any, png: bytes) -> Any:
    """What to hand ``pdf.image`` for ``png``: a name whose pixels are already in the PDF's
    image cache when the PNG's own compressed stream can be embedded (:func:`png_stream`), so
    fpdf neither decodes nor recompresses it; else the PNG itself.

    The cache entry has the fields fpdf gives an RGB image it decodes (checked against fpdf's
    own answer for a tiny PNG, so a newer fpdf with other fields gets the PNG instead).
    """
    parsed = png_stream(png)
    if parsed is None or not _cache_fields_match():
        return io.BytesIO(png)
    from fpdf.image_datastructures import RasterImageInfo

    w, h, data = parsed
    images = pdf.image_cache.images
    name = "png-idat-" + hashlib.md5(png, usedforsecurity=False).hexdigest()
    if name not in images:
        images[name] = RasterImageInfo(
            _raster_fields(w, h, data), i=len(images) + 1, usages=0, iccp_i=None
        )
    return name


def _raster_fields(w: int, h: int, data: bytes) -> dict[str, Any]:
    return {"data": data, "w": w, "h": h, "cs": "DeviceRGB", "iccp": None, "dpn": 3, "bpc": 8,
            "f": "FlateDecode", "inverted": False,
            "dp": f"/Predictor 15 /Colors 3 /Columns {w}"}  # fmt: skip


@functools.cache
def _cache_fields_match() -> bool:
    from fpdf.image_parsing import get_img_info
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (2, 1), "white").save(buf, format="PNG")
    info = dict(get_img_info("probe", io.BytesIO(buf.getvalue())))
    mine = _raster_fields(2, 1, b"")
    return set(info) == set(mine) and all(info[k] == v for k, v in mine.items() if k != "data")
