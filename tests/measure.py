"""What a reader sees, measured from the files: the smallest text of an SVG at a
notebook's width, and the printed size of the smallest text on each PDF page."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

#: The width (CSS px) a notebook column gives a picture.
NOTEBOOK_PX = 900.0


def svg_smallest_px(svg: str | bytes, width_px: float = NOTEBOOK_PX) -> float:
    """The smallest text of a Graphviz SVG, in CSS px, when shown ``width_px`` wide at
    most (a notebook shrinks a wider picture to its column, never enlarges one)."""
    root = ET.fromstring(svg)

    def pt(value: str | None) -> float:
        found = re.match(r"([\d.]+)(pt|px)?", value or "")
        assert found, value
        return float(found.group(1)) * (0.75 if found.group(2) == "px" else 1.0)

    w = pt(root.get("width"))
    view = [float(v) for v in (root.get("viewBox") or f"0 0 {w} 1").split()]
    unit = w / view[2]  # pt per user unit
    sizes = [
        float(el.get("font-size") or 0) * unit
        for el in root.iter()
        if el.tag.endswith("text") and (el.text or "").strip() and el.get("font-size")
    ]
    assert sizes, "no text in the SVG"
    shown = min(1.0, width_px / (w * 96 / 72))
    return min(sizes) * 96 / 72 * shown


def svg_size_pt(svg: str | bytes) -> tuple[float, float]:
    """The natural width and height (pt) Graphviz gave an SVG."""
    root = ET.fromstring(svg)

    def pt(value: str | None) -> float:
        found = re.match(r"([\d.]+)(pt|px)?", value or "")
        assert found, value
        return float(found.group(1)) * (0.75 if found.group(2) == "px" else 1.0)

    return pt(root.get("width")), pt(root.get("height"))


def screens(svg: str | bytes, width_px: float = NOTEBOOK_PX, screen_px: float = 768.0) -> float:
    """How many screens (``screen_px`` CSS px) tall the SVG is when shown ``width_px``
    wide at most (shrunk to the column, never enlarged)."""
    w, h = svg_size_pt(svg)
    shown = min(1.0, width_px / (w * 96 / 72))
    return h * 96 / 72 * shown / screen_px


def printed_sizes(pdf: Path | bytes) -> dict[int, float]:
    """The smallest printed text size (pt) on each page: font size times the scale of
    the text and current matrices, as drawn (sizes used by at least 3 characters)."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    smallest: dict[int, float] = {}
    for number, page in enumerate(reader.pages, 1):
        counts: dict[float, int] = {}

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            counts: dict[float, int] = counts,
        ) -> None:
            n = len(text.strip())
            if n and size:
                c = tm[2] * cm[0] + tm[3] * cm[2]
                d = tm[2] * cm[1] + tm[3] * cm[3]
                eff = round(size * math.hypot(c, d), 2)
                counts[eff] = counts.get(eff, 0) + n

        page.extract_text(visitor_text=visit)
        sizes = [v for v, c in counts.items() if c >= 3] or list(counts)
        if sizes:
            smallest[number] = min(sizes)
    return smallest
