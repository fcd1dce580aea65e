"""Debate cards (`argmap.cards`) written as a debater files them: Markdown, an HTML page that prints, a PDF, or a
Word document laid out as debaters' Word templates (Verbatim) lay out a card.

Each card: the tag (the claim's sentence) as a heading; the cite, its short form ("Wood 2017") in bold before the
full one; then the evidence in small type with the words read aloud (the claim's quote, exactly) emphasised:
bold in Markdown, underlined and highlighted in HTML, PDF and Word. User text is escaped for each format, and
characters no document should hold (control characters, bidirectional overrides) are dropped.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from pathlib import Path

from argmap.cards import CARD_FORMATS, Card
from argmap.formats.markdown import inline
from argmap.inert import without_unsafe
from argmap.words import counted

BINARY_CARD_FORMATS = frozenset({"pdf", "docx"})

NO_QUOTE = "No quote: the map records this claim without words from a source."
UNPLACED = "The quote alone: its source text could not be read here, so the card shows no context."


def cards_file(cards: Sequence[Card], title: str, output_format: str, description: str = "") -> bytes:
    """The whole document in `output_format` (one of `CARD_FORMATS`), as the bytes of its file; a PDF raises the
    `PdfError` of `argmap.formats.pdf` when WeasyPrint cannot run."""
    if output_format == "md":
        return cards_markdown(cards, title, description).encode("utf-8")
    if output_format == "html":
        return cards_html(cards, title, description).encode("utf-8")
    if output_format == "pdf":
        from argmap.formats.pdf import pdf_bytes

        return pdf_bytes(cards_html(cards, title, description))
    if output_format == "docx":
        return cards_docx(cards, title, description)
    raise ValueError(f"cards are written as {', '.join(CARD_FORMATS)}, not {output_format!r}")


def document_title(map_title: str) -> str:
    return f"Cards: {' '.join(without_unsafe(map_title).split())}"


def _summary(cards: Sequence[Card], description: str) -> str:
    """What the document holds, in one sentence (plain text)."""
    said = counted(len(cards), "card")
    return f"{said} ({' '.join(description.split())})." if description else f"{said}."


# Markdown ------------------------------------------------------------------------------------------------------


def cards_markdown(cards: Sequence[Card], title: str, description: str = "") -> str:
    """The cards as Markdown: `##` tag, the cite's short form in bold, the evidence quoted with the read words bold."""
    out = [f"# {inline(document_title(title))}\n\n", f"{inline(_summary(cards, description))}\n\n"]
    for card in cards:
        out.append(f"## {inline(card.tag)}\n\n{card_body_markdown(card)}")
    return "".join(out).rstrip("\n") + "\n"


def card_body_markdown(card: Card) -> str:
    """A card below its tag, as Markdown: the cite's short form in bold before the full one, then the evidence
    quoted with the read words bold, or a note saying why there is none. The caller heads it with the tag as its
    document nests (the case sheet numbers its claims and names each attack)."""
    out = [f"**{inline(card.cite.short())}** — {inline(card.cite.full())}\n\n"]
    if not card.read:
        return "".join(out) + f"*{NO_QUOTE}*\n\n"
    before, after = inline(card.before), inline(card.after)
    out.append(f"> {before}{_bold(inline(card.read), before, after)}{after}\n\n")
    if not card.placed:
        out.append(f"*{UNPLACED}*\n\n")
    return "".join(out)


def _bold(text: str, before: str, after: str) -> str:
    """Escaped `text` in bold between `before` and `after`: `**…**` where CommonMark reads those stars as emphasis
    (not beside a letter where punctuation meets them, not inside spaces), else `<strong>…</strong>`."""
    if not text.strip():
        return text
    opens = not text[0].isspace() and (text[0].isalnum() or not before or not before[-1].isalnum())
    closes = not text[-1].isspace() and (text[-1].isalnum() or not after or not after[0].isalnum())
    return f"**{text}**" if opens and closes else f"<strong>{text}</strong>"


# HTML and PDF --------------------------------------------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 2cm 2.2cm 2.2cm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 8pt sans-serif; color: #777; } }
html { color: #111; background: #fff; }
body { font: 11pt/1.4 "DejaVu Serif", Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
header h1 { font: bold 18pt/1.2 "DejaVu Sans", Helvetica, sans-serif; margin: 0 0 .3em; }
header p { font-size: 9pt; color: #555; margin: 0 0 1.6em; }
.card { break-inside: avoid; border-top: 1px solid #bbb; padding-top: .7em; margin: 0 0 1.3em; }
.tag { font: bold 13pt/1.25 "DejaVu Sans", Helvetica, sans-serif; margin: 0 0 .35em; }
.cite { font-size: 9.5pt; margin: 0 0 .45em; }
.cite strong { font-size: 12pt; }
.evidence { font-size: 8pt; line-height: 1.45; color: #333; margin: 0; }
.evidence mark { font-size: 11pt; color: #000; background: #fff176; text-decoration: underline; }
.note { font-size: 8.5pt; font-style: italic; color: #666; margin: .3em 0 0; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"""


def _text(text: str) -> str:
    """User text for HTML: unsafe characters dropped, then every `<`, `&` and quote escaped."""
    return html.escape(without_unsafe(text))


def cards_html(cards: Sequence[Card], title: str, description: str = "") -> str:
    """A whole HTML document of the cards, styled for the screen and for paper (each card kept on one page)."""
    heading = _text(document_title(title))
    out = [
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{heading}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n",
        f"<header><h1>{heading}</h1><p>{_text(_summary(cards, description))}</p></header>\n",
    ]
    for card in cards:
        out.append('<section class="card">\n')
        out.append(f'<h2 class="tag">{_text(card.tag)}</h2>\n')
        out.append(f'<p class="cite"><strong>{_text(card.cite.short())}</strong> — {_text(card.cite.full())}</p>\n')
        if card.read:
            out.append(f'<p class="evidence">{_text(card.before)}<mark>{_text(card.read)}</mark>'
                       f"{_text(card.after)}</p>\n")
        if not card.read or not card.placed:
            out.append(f'<p class="note">{_text(NO_QUOTE if not card.read else UNPLACED)}</p>\n')
        out.append("</section>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


# Word ----------------------------------------------------------------------------------------------------------

TAG_STYLE = "Heading 4"
"""The style of a tag: Verbatim's "Tag" is its Heading 4, so tags show in Word's navigation pane under the pockets,
hats and blocks (Headings 1-3) a debater files them in."""


def cards_docx(cards: Sequence[Card], title: str, description: str = "") -> bytes:
    """The cards as a Word document: the tag a heading, the cite's short form bold, the evidence in 8-point type
    with the words read aloud in 11-point, underlined and highlighted."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.title = document_title(title)
    for name, size in (("Heading 1", 18), (TAG_STYLE, 13)):
        style = document.styles[name]
        style.font.size, style.font.bold, style.font.italic = Pt(size), True, False
        style.font.color.rgb = RGBColor(0, 0, 0)
    document.add_heading(without_unsafe(document_title(title)), level=1)
    document.add_paragraph(without_unsafe(_summary(cards, description)))
    for card in cards:
        document.add_paragraph(without_unsafe(card.tag), style=TAG_STYLE)
        cite = document.add_paragraph()
        cite.paragraph_format.keep_with_next = True  # the tag's heading style keeps it with the cite already
        short = cite.add_run(without_unsafe(card.cite.short()))
        short.bold, short.font.size = True, Pt(13)
        cite.add_run(" — " + without_unsafe(card.cite.full())).font.size = Pt(10)
        if card.read:
            evidence = document.add_paragraph()
            evidence.add_run(without_unsafe(card.before)).font.size = Pt(8)
            read = evidence.add_run(without_unsafe(card.read))
            read.underline, read.font.size = True, Pt(11)
            read.font.highlight_color = WD_COLOR_INDEX.YELLOW
            evidence.add_run(without_unsafe(card.after)).font.size = Pt(8)
        if not card.read or not card.placed:
            note = document.add_paragraph().add_run(NO_QUOTE if not card.read else UNPLACED)
            note.italic, note.font.size = True, Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CARD_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def card_format_for(output: Path | None, requested: str | None) -> str:
    """The format asked for, else the one the output's suffix names, else Markdown."""
    if requested is not None:
        return requested
    if output is None or not output.suffix:
        return CARD_FORMATS[0]
    if output.suffix.lower() in CARD_SUFFIXES:
        return CARD_SUFFIXES[output.suffix.lower()]
    raise ValueError(f"cannot tell the format from the suffix {output.suffix!r}; give one with --format "
                     f"({', '.join(CARD_FORMATS)})")
