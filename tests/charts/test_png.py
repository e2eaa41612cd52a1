"""The charts' PNG encoder: lossless, deterministic, read back by an independent decoder."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from analytics.charts.png import encode_png


@pytest.mark.parametrize("shape", [(1, 1), (7, 5), (64, 33)])
def test_png_round_trips_through_pillow(shape: tuple[int, int]) -> None:
    rng = np.random.default_rng(sum(shape))
    pixels = rng.integers(0, 256, size=(*shape, 3), dtype=np.uint8)
    data = encode_png(pixels, dpi=150)
    img = Image.open(io.BytesIO(data))
    assert img.format == "PNG" and img.mode == "RGB" and img.size == (shape[1], shape[0])
    np.testing.assert_array_equal(np.asarray(img), pixels)
    # 150 dpi = 5906 pixels per metre (rounded): read back as 150 within 0.0254 dpi
    assert img.info["dpi"] == pytest.approx((150, 150), abs=0.0254)
    assert encode_png(pixels.copy(), dpi=150) == data  # same pixels, same bytes


def test_png_level_trades_size_not_pixels() -> None:
    pixels = np.zeros((40, 40, 3), dtype=np.uint8)
    pixels[10:30, 5:35] = (0, 114, 178)
    fast, small = encode_png(pixels, dpi=72, level=1), encode_png(pixels, dpi=72, level=9)
    assert fast != small
    for data in (fast, small):
        np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(data))), pixels)


def test_png_rejects_what_is_not_rgb_bytes() -> None:
    with pytest.raises(ValueError, match="uint8"):
        encode_png(np.zeros((2, 2, 4), dtype=np.uint8), dpi=72)
    with pytest.raises(ValueError, match="uint8"):
        encode_png(np.zeros((2, 2, 3), dtype=np.float64), dpi=72)
