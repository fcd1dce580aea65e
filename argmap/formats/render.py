"""Drawing DOT as SVG, PNG or PDF with the real Graphviz, always with a time limit, choosing a layout that finishes.

`dot` draws the best diagrams (ranked, clustered, spline arrows) but its cost grows steeply and unpredictably with
cross-links. Measured with Graphviz 2.43 on 2 cores, on maps from `benchmarks/generate.py` (about two links per
claim, grouped by author), SVG, in two runs (`python -m benchmarks.bench_export` repeats them):

    claims  links   dot             dot, fast settings   sfdp (overlap removal)
       100    191   0.08 s          0.08 s               0.03 s
       200    396   1.1-1.9 s       0.40 s               0.05 s
       250    492   1.3-2.0 s       0.53 s
       300    586   7.3-12.2 s      1.9-3.4 s
       350    681   10.9-13.7 s     2.4-2.8 s
       400    781   > 30 s          6.7-7.2 s
       450    883   > 60 s          14.4-15.0 s
       500    981   > 60 s          12.8-15.4 s          0.12 s
     1,000  1,949   > 60 s          > 60 s               0.28-0.68 s
     5,000  9,817                                        5.0-5.4 s
    10,000 19,678                                        11.9-14.9 s (PDF 23.7 s)
    20,000 39,372                                        9.5 s without overlap removal; 50,000 claims: 30 s

(The bundled map, 165 claims and 285 links, takes `dot` 0.05 s.) So, by claims + links: plain `dot` up to
DOT_LIMIT; `dot` with cheaper ranking and crossing minimisation (`-Gnslimit=1 -Gnslimit1=1 -Gmclimit=0.1`) up to
FAST_DOT_LIMIT; `sfdp` up to SFDP_LIMIT; above, argmap places the claims on a grid itself and `neato -n2` only draws
them (linear). Should `dot` still take more than DOT_TIME (its cost depends on how links cross), the drawing is laid
out again with `sfdp`. Bitmaps cost more to draw than to lay out, so large PNGs (and very large PDFs) leave out the
text, and the largest PNGs the links too (see the limits below). Each such choice is said in one sentence, which the
command line prints on stderr. Whole `argmap export` runs (load, select, DOT, Graphviz, write) then took at most:
300 claims 6.2 s (PNG), 5,000 claims 7.4 s (PDF), 30,000 claims 16.0 s (PNG), 100,000 claims 16.8 s (SVG), 15.7 s
(PDF) and 7.2 s (PNG), all within the 30 s promised.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.formats.dot import Page

DOT_LIMIT = 750
"""Claims + links up to which plain `dot` is used: 250 claims/492 links took 1.3 s, 300/586 took 7.3 s."""
FAST_DOT_LIMIT = 1_100
"""Claims + links up to which `dot` with fast settings is used: 350/681 took 2.4 s, 400/781 6.7 s, 450/883 14.4 s."""
SFDP_LIMIT = 20_000
"""Claims + links up to which `sfdp` lays the claims out (5,000 claims/9,817 links: 5.4 s; 10,000/19,678: 11.9 s,
and 23.7 s as a PDF); above, they go on a grid drawn by `neato -n2` (100,000 claims as SVG: 12.7 s)."""
PNG_TEXT_LIMIT = 3_000
"""Claims up to which a PNG shows their text (3,000 with sfdp: 8.9 s in all); above, each claim is a small box of
its author's colour: rasterising text costs about 2 ms a claim (5,000 on a grid: 35 s)."""
PNG_LINK_LIMIT = 60_000
"""Links up to which a PNG draws them: rasterising 197,000 long straight arrows took 28-89 s whatever the size of
the picture, the boxes alone 2.3 s; 59,073 links (30,000 claims) took 16.6 s in all."""
PDF_TEXT_LIMIT = 30_000
"""Claims up to which a PDF shows their text (30,000 on a grid: 10.9 s in all; 100,000: 47 s). SVG always does:
100,000 claims with their text and links took 15.3 s in all."""
PNG_MAX_INCHES = 100
"""A PNG is scaled down to fit this many inches (9,600 pixels at 96 dpi) a side: drawing time grows with its area."""

TIMEOUT = 25.0
"""Seconds Graphviz may take before the export gives up (loading and writing the DOT fit in what is left of 30 s)."""
DOT_TIME = 12.0
"""Seconds `dot` gets before the drawing is laid out again with `sfdp`, which takes under a second at these sizes:
how long `dot` takes depends on how the links cross, not only on how many there are (a dense 500-claim map did not
finish in 120 s), so a size limit alone cannot promise it finishes."""

INSTALL_HINT = (
    "Graphviz's `dot` is not installed, so SVG, PNG and PDF cannot be drawn; install Graphviz "
    "(`apt-get install graphviz`, `brew install graphviz`, or https://graphviz.org/download/) "
    "or export `--format dot`"
)


class RenderError(ValueError):
    """Graphviz is missing, failed or ran out of time; the message is one plain sentence."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How to draw a selection: the Graphviz command, whether the DOT places the claims itself on a grid (`grid`),
    shows their text (`labels`) and draws the links (`links`), and, when any of that is not the default, one line
    saying so."""

    command: tuple[str, ...]
    grid: bool = False
    labels: bool = True
    links: bool = True
    note: str | None = None


def choose_layout(claim_count: int, link_count: int, output_format: str = "svg") -> Layout:
    """The layout for a selection of this size drawn in this format (see the measurements above)."""
    size = claim_count + link_count
    what = f"{claim_count:,} claims and {link_count:,} links"
    name = output_format.upper()
    labels = not (
        (output_format == "png" and claim_count > PNG_TEXT_LIMIT)
        or (output_format == "pdf" and claim_count > PDF_TEXT_LIMIT)
    )
    links = not (output_format == "png" and link_count > PNG_LINK_LIMIT)
    size_limit = (f"-Gsize={PNG_MAX_INCHES},{PNG_MAX_INCHES}",) if output_format == "png" else ()
    if not links:
        cut = f"; the {name} shows each claim as a small box of its author's colour, without text or links " \
            f"(a {name} cannot draw that many in time: export SVG for them all)"
    elif not labels:
        cut = f"; the {name} shows each claim as a small box of its author's colour, without its text " \
            f"(a {name} cannot draw that much text in time: export SVG for it)"
    else:
        cut = ""
    if size <= DOT_LIMIT:
        return Layout(("dot", *size_limit), labels=labels, links=links, note=f"{what}{cut}" if cut else None)
    if size <= FAST_DOT_LIMIT:
        return Layout(
            ("dot", "-Gnslimit=1", "-Gnslimit1=1", "-Gmclimit=0.1", *size_limit), labels=labels, links=links,
            note=f"{what} are many for dot; laying out with faster, rougher settings "
            f"(-Gnslimit=1 -Gnslimit1=1 -Gmclimit=0.1){cut}",
        )
    if size <= SFDP_LIMIT:
        return Layout(
            ("sfdp", "-Goverlap=prism", "-Gsplines=false", *size_limit), labels=labels, links=links,
            note=f"{what} are too many for dot to finish; laying out with sfdp "
            f"(force-directed, straight arrows, no clusters){cut}",
        )
    return Layout(
        ("neato", "-n2", *size_limit), grid=True, labels=labels, links=links,
        note=f"{what} are too many for any Graphviz layout to finish in time; placing the claims on a grid, "
        f"group after group (straight arrows, no clusters){cut}",
    )


def on_page(svg: bytes, page: Page) -> bytes:
    """A drawing as a one-page PDF of exactly `page`'s size (Graphviz's own PDF is as large as the drawing): the SVG
    scaled to fit within the margins, centred, made with WeasyPrint (`argmap.formats.pdf`). With `page.split`, a
    drawing too large to stay legible on one page is printed over several (`argmap.formats.tiles`)."""
    import base64

    from argmap.formats.pdf import PdfError, pdf_bytes

    if page.split:
        from argmap.formats.tiles import fits_one_page, tiled_html

        if not fits_one_page(svg, page):
            try:
                return pdf_bytes(tiled_html(svg, page))
            except ValueError as error:  # PdfError, or more pages than a split may take
                raise RenderError(str(error)) from None
    width, height = page.inches()
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    document = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width}in {height}in; margin: {page.MARGIN}in }} html, body {{ margin: 0; height: 100% }}"
        " body { display: flex; align-items: center; justify-content: center }"
        f" img {{ max-width: {width - 2 * page.MARGIN}in; max-height: {height - 2 * page.MARGIN - 0.05}in;"
        " object-fit: contain }"
        f"</style></head><body><img src='{source}' alt=''></body></html>"
    )
    try:
        return pdf_bytes(document)
    except PdfError as error:
        raise RenderError(str(error)) from None


def render(
    dot_text: str,
    output_format: str,
    layout: Layout,
    claim_count: int,
    timeout: float = TIMEOUT,
    note: Callable[[str], None] | None = None,
    dot_time: float = DOT_TIME,
) -> bytes:
    """The drawing as bytes (`svg`, `png` or `pdf`), made from DOT written for `layout`.

    When `dot` takes longer than `dot_time`, the drawing is laid out again with `sfdp` (and `note` is told), all
    within `timeout`.
    """
    if output_format not in ("svg", "png", "pdf"):
        raise RenderError(f"Graphviz cannot draw the format {output_format!r} here; choose svg, png or pdf")
    if shutil.which(layout.command[0]) is None or shutil.which("dot") is None:
        raise RenderError(INSTALL_HINT)
    data = dot_text.encode("utf-8")
    if layout.command[0] == "dot" and not layout.grid and dot_time < timeout:
        started = time.monotonic()
        try:
            return _run(layout.command, output_format, data, dot_time)
        except subprocess.TimeoutExpired:
            if note is not None:
                note(
                    f"dot did not finish within {dot_time:g} s; laying out with sfdp instead "
                    "(force-directed, straight arrows, no clusters)"
                )
            sizing = tuple(part for part in layout.command if part.startswith("-Gsize="))
            fallback = ("sfdp", "-Goverlap=prism", "-Gsplines=false", *sizing)
            left = timeout - (time.monotonic() - started)
            return _checked(fallback, output_format, data, claim_count, left, timeout)
    return _checked(layout.command, output_format, data, claim_count, timeout, timeout)


def _checked(
    command: Sequence[str], output_format: str, data: bytes, claim_count: int, left: float, timeout: float
) -> bytes:
    """`_run` within the `left` seconds of `timeout`, with running out of time as a RenderError."""
    try:
        return _run(command, output_format, data, left)
    except subprocess.TimeoutExpired:
        raise RenderError(
            f"Graphviz did not finish drawing {claim_count:,} claims within {timeout:g} s; export fewer "
            "(--author, --topic, --focus) or write --format dot and lay it out yourself"
        ) from None


def _run(command: Sequence[str], output_format: str, data: bytes, timeout: float) -> bytes:
    """Run one Graphviz command on the DOT; a failure is a RenderError, running out of time TimeoutExpired."""
    engine = shutil.which(command[0])
    if engine is None:
        raise RenderError(INSTALL_HINT)
    try:
        result = subprocess.run(
            [engine, *command[1:], f"-T{output_format}"], input=data, capture_output=True, timeout=max(timeout, 0.001)
        )
    except OSError as error:
        raise RenderError(f"Graphviz could not be run ({error.strerror or error})") from None
    if result.returncode != 0 or not result.stdout:
        reason = next(
            (line.strip() for line in result.stderr.decode("utf-8", "replace").splitlines() if line.strip()),
            f"exit status {result.returncode}",
        )
        raise RenderError(f"Graphviz failed to draw the diagram: {reason}")
    return result.stdout
