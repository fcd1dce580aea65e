"""HTML made into a printable PDF with WeasyPrint, for the sheets and cards a coach hands out.

WeasyPrint lays out HTML and CSS for paper (page size, margins, page breaks, fonts with every script) with no
browser; it needs the Pango library, which Graphviz already brings. It is imported only when a PDF is asked for.
"""

from __future__ import annotations

import logging
from pathlib import Path

from argmap.store import write_atomically

PDF_HINT = (
    "PDF needs WeasyPrint and the Pango library (`pip install weasyprint`; Pango comes with Graphviz, or "
    "`apt-get install libpango-1.0-0`); write HTML or Markdown instead"
)


class PdfError(ValueError):
    """The PDF could not be made; the message is one plain sentence."""


def pdf_bytes(html: str) -> bytes:
    """The PDF of a whole HTML document, which brings its own styles: it may embed `data:` images, and every other
    URL in it (a file, a server) is left unloaded, so a map's text never makes the PDF read anything."""
    try:
        import weasyprint
    except (ImportError, OSError):
        raise PdfError(PDF_HINT) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    result: bytes = document.write_pdf()
    return result


def write_pdf(html: str, path: Path) -> None:
    """Write the PDF of `html` to `path` atomically; raises `PdfError` or the store's `MapError` in one sentence."""
    write_atomically(path, pdf_bytes(html))

