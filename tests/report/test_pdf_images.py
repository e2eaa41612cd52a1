"""PNG charts embedded in the PDF as they are (no decoding, no recompression), same pixels."""

from __future__ import annotations

import io
import re
import zlib

import numpy as np
import pytest
from fpdf import FPDF
from PIL import Image

from analytics.report.render import pdf_image, png_stream


def chart_like_png(mode: str = "RGB") -> tuple[bytes, np.ndarray]:
    """A small image with flat areas, gradients and noise (so the encoder uses every filter)."""
    rng = np.random.default_rng(7)
    h, w = 23, 31
    y, x = np.mgrid[0:h, 0:w]
    px = np.stack([x * 8 % 256, y * 11 % 256, (x * y) % 256], axis=-1).astype(np.uint8)
    px[5:9] = 255
    px[15:] = rng.integers(0, 256, size=(h - 15, w, 3), dtype=np.uint8)
    img = Image.fromarray(px, "RGB").convert(mode)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue(), px


def unfilter(raw: bytes, w: int, h: int, bpp: int = 3) -> np.ndarray:
    """Undo PNG row filters (None, Sub, Up, Average, Paeth): what /Predictor 15 asks a reader."""
    stride = w * bpp
    out = np.zeros((h, stride), dtype=np.int64)
    for r in range(h):
        kind, row = raw[r * (stride + 1)], raw[r * (stride + 1) + 1 : (r + 1) * (stride + 1)]
        up = out[r - 1] if r else np.zeros(stride, dtype=np.int64)
        cur = out[r]
        for i, v in enumerate(row):
            left = cur[i - bpp] if i >= bpp else 0
            ul = up[i - bpp] if i >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = left
            elif kind == 2:
                pred = up[i]
            elif kind == 3:
                pred = (left + up[i]) // 2
            else:
                p = left + up[i] - ul
                pa, pb, pc = abs(p - left), abs(p - up[i]), abs(p - ul)
                pred = left if pa <= pb and pa <= pc else (up[i] if pb <= pc else ul)
            cur[i] = (v + pred) % 256
    return out.reshape(h, w, bpp).astype(np.uint8)


def image_streams(pdf_bytes: bytes) -> list[tuple[bytes, bytes]]:
    """(dictionary, stream) of every image XObject in an fpdf output."""
    found = []
    for m in re.finditer(rb"\d+ 0 obj\n<<((?:(?!endobj).)*?)>>\nstream\n", pdf_bytes, re.S):
        if b"/Subtype /Image" not in m.group(1):
            continue
        length = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
        found.append((m.group(1), pdf_bytes[m.end() : m.end() + length]))
    return found


def test_png_stream_reads_size_and_every_idat_chunk() -> None:
    png, px = chart_like_png()
    w, h, data = png_stream(png)
    assert (w, h) == (px.shape[1], px.shape[0])
    assert np.array_equal(unfilter(zlib.decompress(data), w, h), px)


@pytest.mark.parametrize("mode", ["RGBA", "L", "P"])
def test_other_pngs_are_handed_to_fpdf_as_they_are(mode: str) -> None:
    png, _ = chart_like_png(mode)
    assert png_stream(png) is None
    assert isinstance(pdf_image(FPDF(), png), io.BytesIO)


def test_embedded_stream_is_the_png_stream_and_shows_the_same_pixels() -> None:
    png, px = chart_like_png()
    pdfs = []
    for source in ("passthrough", "decoded"):
        pdf = FPDF()
        pdf.add_page()
        pdf.image(pdf_image(pdf, png) if source == "passthrough" else io.BytesIO(png), x=10, w=50)
        pdf.image(pdf_image(pdf, png) if source == "passthrough" else io.BytesIO(png), x=10, w=30)
        pdfs.append(bytes(pdf.output()))
    (fast,), (slow,) = image_streams(pdfs[0]), image_streams(pdfs[1])  # one XObject, used twice
    w, h, data = png_stream(png)
    assert fast[1] == data  # embedded as is: neither decoded nor recompressed
    for head, stream in (fast, slow):
        assert b"/Predictor 15" in head and b"/DeviceRGB" in head and b"/SMask" not in head
        assert np.array_equal(unfilter(zlib.decompress(stream), w, h), px)
