"""Tell a blank screenshot from a drawn one: the share of pixels unlike the most common
colour (the background), and how many colours there are."""

from __future__ import annotations

import io
from collections import Counter

from PIL import Image


def ink(data: bytes, step: int = 4) -> tuple[float, int]:
    """(share of sampled pixels unlike the background, number of distinct colours)."""
    with Image.open(io.BytesIO(data)) as picture:
        rgb = picture.convert("RGB")
    width, height = rgb.size
    samples = Counter(
        rgb.getpixel((x, y)) for y in range(0, height, step) for x in range(0, width, step)
    )
    total = sum(samples.values())
    background = samples.most_common(1)[0][1]
    return (total - background) / total, len(samples)
