"""A drawing too large for one legible page, printed over several (`export --page a4 --split`): Graphviz's SVG cut
into overlapping tiles, one a page, in one PDF made with WeasyPrint (`argmap.formats.pdf`).

Graphviz paginates only PostScript (its `page` attribute), which cannot show most scripts. So each page gets its own
SVG: the drawing's viewBox moved to the tile, and only the clusters, boxes, arrows and texts that reach into it (the
whole map drawn on every page took WeasyPrint about 10 s a page). Neighbouring tiles share a band of OVERLAP; each
page is framed, says where it goes ("page 3 of 96 · row 1 of 8, column 3 of 12"), and draws dashed lines where the
next page to the right and below starts, so a coach trims a page's left and top margins at the frame and lays it on
those lines.
"""

from __future__ import annotations

import base64
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from argmap.formats.dot import CLAIM_SIZE, Page

PRINTED_SIZE = 9.0
"""Points of a claim's text on paper: about the size of a book's footnotes, read at arm's length."""
SCALE = PRINTED_SIZE / CLAIM_SIZE
OVERLAP = 36.0
"""Points of drawing two neighbouring pages both show (half an inch): room to trim, align and tape."""
FOOTER = 18.0
"""Points under the frame for the page's number and place."""
MAX_PAGES = 150
"""Pages a split diagram may take: the bundled map's 237 claims take 96 A4 pages in about 16 s; more would pass the
30 s an export promises, and no squad tapes a wall of them."""

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True, slots=True)
class Tile:
    """One page's part of the drawing: its place in the grid (from 0) and its rectangle in the SVG's units."""

    row: int
    column: int
    x: float
    y: float
    width: float
    height: float


def fits_one_page(svg: bytes, page: Page) -> bool:
    """Whether the drawing, scaled down to fit `page`, still prints claims at PRINTED_SIZE or larger."""
    width, height = _size(ET.fromstring(svg))
    area_width, area_height = _area(page)
    return width * SCALE <= area_width and height * SCALE <= area_height


def tiles(width: float, height: float, page: Page) -> list[Tile]:
    """The tiles covering a drawing of `width` x `height` (SVG units, points at full size) at SCALE, row by row."""
    area_width, area_height = (side / SCALE for side in _area(page))
    step_x, step_y = area_width - OVERLAP / SCALE, area_height - OVERLAP / SCALE
    columns = max(1, math.ceil((width - OVERLAP / SCALE) / step_x))
    rows = max(1, math.ceil((height - OVERLAP / SCALE) / step_y))
    return [Tile(row, column, column * step_x, row * step_y, area_width, area_height)
            for row in range(rows) for column in range(columns)]


def tiled_html(svg: bytes, page: Page) -> str:
    """An HTML document of one page per tile of the drawing that shows something, numbered, for WeasyPrint."""
    root = ET.fromstring(svg)
    width, height = _size(root)
    graph = root.find(f"{{{SVG}}}g")
    if graph is None:
        raise ValueError("Graphviz drew no diagram to print")
    placement = _placement(graph.get("transform", ""))
    background = graph.find(f"{{{SVG}}}polygon")
    parts = [(child, _bounds(child, placement)) for child in graph if child is not background]
    all_tiles = tiles(width, height, page)
    if len(all_tiles) > MAX_PAGES:
        raise ValueError(
            f"the diagram would print on {len(all_tiles):,} pages with its claims in {PRINTED_SIZE:g} pt, more than "
            f"{MAX_PAGES}; export fewer claims (--author, --topic, --focus) or leave out --split to fit one page"
        )
    rows, columns = all_tiles[-1].row + 1, all_tiles[-1].column + 1
    shown = [tile for tile in all_tiles if any(_meets(box, tile) for _, box in parts)]
    area_width, area_height = _area(page)
    sheets = []
    for number, tile in enumerate(shown, 1):
        kept = [child for child, box in parts if _meets(box, tile)]
        guides = "".join(
            f"<div class='guide {side}'></div>" for side, more in (("right", tile.column + 1 < columns),
                                                                 ("below", tile.row + 1 < rows)) if more
        )
        source = "data:image/svg+xml;base64," + base64.b64encode(_cropped(root, graph, kept, tile)).decode("ascii")
        sheets.append(
            f"<section><div class='frame'><img src='{source}' alt=''>{guides}</div>"
            f"<p>page {number} of {len(shown)} · row {tile.row + 1} of {rows}, column {tile.column + 1} of "
            f"{columns} · trim the left and top margins at the frame; lay the frame on the dashed lines of the "
            "pages before</p></section>"
        )
    page_width, page_height = page.inches()
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {page_width}in {page_height}in; margin: {page.MARGIN}in }}"
        " html, body { margin: 0 } section { break-after: page } section:last-child { break-after: auto }"
        f" .frame {{ position: relative; overflow: hidden; width: {area_width:.2f}pt; height: {area_height:.2f}pt;"
        " outline: 0.5pt solid #777 }"
        f" img {{ display: block; width: {area_width:.2f}pt; height: {area_height:.2f}pt }}"
        " .guide { position: absolute; border: 0 dashed #999 }"
        f" .right {{ top: 0; bottom: 0; right: {OVERLAP:.1f}pt; border-right-width: 0.5pt }}"
        f" .below {{ left: 0; right: 0; bottom: {OVERLAP:.1f}pt; border-bottom-width: 0.5pt }}"
        f" p {{ margin: 4pt 0 0; font: 7pt Helvetica, sans-serif; color: #555; height: {FOOTER - 4:.0f}pt }}"
        "</style></head><body>" + "".join(sheets) + "</body></html>"
    )


def _area(page: Page) -> tuple[float, float]:
    """Points of a page's drawing area: the page less its margins and the footer."""
    width, height = page.inches()
    return (width - 2 * page.MARGIN) * 72, (height - 2 * page.MARGIN) * 72 - FOOTER


def _size(root: ET.Element) -> tuple[float, float]:
    """The drawing's width and height in its own units (points at full size), from its viewBox."""
    box = [float(value) for value in (root.get("viewBox") or "0 0 0 0").split()]
    return box[2], box[3]


def _placement(transform: str) -> tuple[float, float, float]:
    """The `scale(s s) ... translate(x y)` Graphviz gives its top group (its coordinates have y growing upwards from
    the bottom) as (s, x, y): a point (px, py) of the drawing is at s * (px + x), s * (py + y) in the viewBox."""
    scale = re.search(r"scale\(\s*(-?[\d.]+)", transform)
    found = re.search(r"translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)", transform)
    x, y = (float(found.group(1)), float(found.group(2))) if found else (0.0, 0.0)
    return (float(scale.group(1)) if scale else 1.0), x, y


def _bounds(element: ET.Element, placement: tuple[float, float, float]) -> tuple[float, float, float, float] | None:
    """The rectangle (left, top, right, bottom, in viewBox units) an element of the drawing reaches, or None if it
    draws nothing: every point of its shapes (a Bézier curve stays inside its control points) and a generous
    estimate of each text's width."""
    xs: list[float] = []
    ys: list[float] = []
    for part in element.iter():
        tag = part.tag.rsplit("}", 1)[-1]
        if tag in ("polygon", "polyline"):
            numbers = [float(n) for n in _NUMBER.findall(part.get("points", ""))]
            xs.extend(numbers[0::2])
            ys.extend(numbers[1::2])
        elif tag == "path":
            numbers = [float(n) for n in _NUMBER.findall(part.get("d", ""))]
            xs.extend(numbers[0::2])
            ys.extend(numbers[1::2])
        elif tag == "ellipse":
            cx, cy = float(part.get("cx", 0)), float(part.get("cy", 0))
            rx, ry = float(part.get("rx", 0)), float(part.get("ry", 0))
            xs.extend((cx - rx, cx + rx))
            ys.extend((cy - ry, cy + ry))
        elif tag == "text":
            x, y = float(part.get("x", 0)), float(part.get("y", 0))
            size = float(part.get("font-size", CLAIM_SIZE))
            width = _text_width("".join(part.itertext()), size)
            anchor = part.get("text-anchor", "start")
            left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
            xs.extend((left, left + width))
            ys.extend((y - size, y + size / 2))
    if not xs or not ys:
        return None
    scale, x, y = placement
    return scale * (min(xs) + x), scale * (min(ys) + y), scale * (max(xs) + x), scale * (max(ys) + y)


def _text_width(text: str, size: float) -> float:
    """More than the width of `text` in `size` points: wide (East Asian) characters an em, others 0.65 em."""
    return size * sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.65 for char in text)


def _meets(box: tuple[float, float, float, float] | None, tile: Tile) -> bool:
    return box is not None and box[0] <= tile.x + tile.width and box[2] >= tile.x \
        and box[1] <= tile.y + tile.height and box[3] >= tile.y


def _cropped(root: ET.Element, graph: ET.Element, kept: list[ET.Element], tile: Tile) -> bytes:
    """The SVG of one tile: the drawing's viewBox moved onto the tile, holding only `kept` of its parts."""
    page = ET.Element(root.tag, {
        "width": f"{tile.width * SCALE:.2f}pt", "height": f"{tile.height * SCALE:.2f}pt",
        "viewBox": f"{tile.x:.2f} {tile.y:.2f} {tile.width:.2f} {tile.height:.2f}",
    })
    group = ET.SubElement(page, graph.tag, dict(graph.attrib))
    group.extend(kept)
    data: bytes = ET.tostring(page, encoding="utf-8")
    return data
