"""A small SVG writer: escaped text and attributes, fixed number formatting, stable output.

The pictures are built from query results alone; writing the SVG by hand keeps the output
byte-identical across runs and avoids a plotting dependency.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (``12``, ``12.5``)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(values: Mapping[str, object]) -> str:
    """Attributes in the given order; floats formatted with `num`, None values dropped."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        text = num(value) if isinstance(value, float) else str(value)
        parts.append(f" {key}={quoteattr(text)}")
    return "".join(parts)


class Svg:
    """Collects elements and returns the document; element order is the drawing order."""

    def __init__(self, width: float, height: float, title: str, description: str = "") -> None:
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        self.defs: list[str] = []
        self.body: list[str] = []

    def add(self, tag: str, text: str | None = None, /, **values: object) -> None:
        """Append one element; `text` is escaped; attribute names use `_` for `-`."""
        named = {k.rstrip("_").replace("_", "-"): v for k, v in values.items()}
        if text is None:
            self.body.append(f"<{tag}{attrs(named)}/>")
        else:
            self.body.append(f"<{tag}{attrs(named)}>{escape(text)}</{tag}>")

    def raw(self, markup: str) -> None:
        """Append markup built by the caller from escaped parts."""
        self.body.append(markup)

    def open(self, tag: str, /, **values: object) -> None:
        named = {k.rstrip("_").replace("_", "-"): v for k, v in values.items()}
        self.body.append(f"<{tag}{attrs(named)}>")

    def close(self, tag: str) -> None:
        self.body.append(f"</{tag}>")

    def text(self, x: float, y: float, content: str, /, **values: object) -> None:
        self.add("text", content, x=float(x), y=float(y), **values)

    def lines(
        self, x: float, y: float, rows: Iterable[str], step: float, /, **values: object
    ) -> None:
        """Several lines of text as one <text> with <tspan>s."""
        named = {k.rstrip("_").replace("_", "-"): v for k, v in values.items()}
        spans = "".join(
            f"<tspan{attrs({'x': float(x), 'dy': float(0 if i == 0 else step)})}>"
            f"{escape(r)}</tspan>"
            for i, r in enumerate(rows)
        )
        self.body.append(f"<text{attrs({'x': float(x), 'y': float(y), **named})}>{spans}</text>")

    def render(self) -> str:
        root = attrs(
            {
                "width": float(self.width),
                "height": float(self.height),
                "viewBox": f"0 0 {num(self.width)} {num(self.height)}",
                "font-family": FONT,
                "font-size": "12",
                "role": "img",
                "aria-labelledby": "title desc",
            }
        )
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg"{root}>\n'
            f'<title id="title">{escape(self.title)}</title>\n'
            f'<desc id="desc">{escape(self.description)}</desc>\n'
        )
        defs = "<defs>\n" + "\n".join(self.defs) + "\n</defs>\n" if self.defs else ""
        return head + defs + "\n".join(self.body) + "\n</svg>\n"


def wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap to at most `width` characters a line (long words kept whole)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]
