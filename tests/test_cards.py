"""Debate cards, written as a debater would use them and read back as they would be: Markdown rendered by a
CommonMark parser, HTML parsed, the Word document opened with python-docx, the PDF's text read by Poppler. The
tag, the cite and the quote must come out exactly, whatever the texts hold."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.cards import Cite, card_of, cards_of, cited_name
from argmap.document import Document
from argmap.formats.cards import TAG_STYLE, cards_docx
from argmap.index import MapIndex
from argmap.model import Author
from argmap.sources import SourceTexts
from argmap.store import load_map
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import POISON, shown, write_hostile_map

QUOTE = ('"Tom & Jerry" <script>alert(1)</script> [supports] [/x] *not bold* &amp; {y} Ñandú año “curly” — '
         "naïve Łódź")
SOURCE = (
    "A heading\n\n"
    f"Since 2001 the record is plain. She wrote: {QUOTE} and then more words follow, to the end of the paragraph.\n\n"
    'A last paragraph, where a word runs into its quote"glued" on, and stops.\n'
)
TAG = 'Tags keep <b>bold</b> & "quotes" [/] </script> as typed'
NAME = 'Zoë "Q" O\'Neil & Sons <x>'


def hostile_cards_map(folder: Path) -> Path:
    """A map of four cards: a hostile quote in its paragraph, a quote glued to the word before it, a claim without a
    quote, and a quote whose source has no text to place it in."""
    (folder / "essay.txt").write_text(SOURCE, encoding="utf-8")
    glued = '"glued"'

    def span(words: str) -> dict:
        start = SOURCE.index(words)
        return {"start": start, "end": start + len(words)}

    document = {
        "format_version": 1, "title": "Cards <&> test",
        "authors": [{"id": "oneil", "name": NAME, "affiliation": "Fellow, <Institute> & Co."}],
        "sources": [
            {"id": "s1", "author": "oneil", "title": 'Essay <1> & "2" [/]', "publication": "Press & Co <i>",
             "date": "March 2019", "file": "essay.txt", "url": "https://example.org/?a=1&b=<2>"},
            {"id": "s2", "author": "oneil", "title": "Untitled talk", "date": "Undated"},
        ],
        "claims": [
            {"id": "c1", "author": "oneil", "text": TAG, "quote": {"source": "s1", "text": QUOTE, **span(QUOTE)}},
            {"id": "c2", "author": "oneil", "text": "A quote glued to a word", "quote": {"source": "s1", "text": glued,
                                                                                      **span(glued)}},
            {"id": "c3", "author": "oneil", "text": "A claim resting on no quote"},
            {"id": "c4", "author": "oneil", "text": "A quote with no text to place it in",
             "quote": {"source": "s2", "text": "spoken & <never> written"}},
        ],
        "links": [],
    }
    path = folder / "cards.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def hostile_cards(tmp_path: Path) -> Path:
    return hostile_cards_map(tmp_path)



# The cite ----------------------------------------------------------------------------------------------------------


def test_the_cite_names_the_author_by_the_words_their_id_spells_and_never_guesses_the_last_word() -> None:
    def cited(author_id: str, name: str) -> str:
        return cited_name(Author(id=author_id, name=name))

    assert cited("reyes-retana", "María José Reyes Retana Fernández") == "Reyes Retana"
    assert cited("wood", "Duncan Wood") == "Wood"
    assert cited("nunez", "Ana Núñez") == "Núñez"
    assert cited("oneil", NAME) == "O'Neil"
    assert cited("maria", "María José Reyes") == "María José Reyes", "a given name is not a surname"
    assert cited("xi", "Xi Jinping") == "Xi Jinping", "the first word only as the whole name"
    assert cited("a1", "Duncan Wood") == "Duncan Wood", "an id that spells none of the name: the whole name"


def test_the_short_cite_is_the_name_and_the_year_or_no_date() -> None:
    assert Cite("Duncan Wood", "Wood", date="2017, early in the Trump administration").short() == "Wood 2017"
    assert Cite("Ann Lee", "Lee", date="November 12, 2019").short() == "Lee 2019"
    assert Cite("Ann Lee", "Lee", date="Undated; written while the USMCA awaited ratification").short() == "Lee n.d."
    assert Cite("Ann Lee", date="12019 copies").short() == "Ann Lee n.d."


def test_the_bundled_cards_cite_each_author_as_debaters_would(bundled: MapIndex) -> None:
    texts = SourceTexts(bundled.map, BUNDLED_MAP.parent)
    first = {claim.author: card_of(bundled, texts, claim) for claim in reversed(bundled.map.claims)}
    assert {author: card.cite.short() for author, card in first.items()} == {
        "pereira": "Pereira 2017", "coleman": "Coleman n.d.", "reyes-retana": "Reyes Retana 2017",
        "wood": "Wood 2017", "wayne": "Wayne 2017"}
    assert first["reyes-retana"].cite.full() == (
        "María José Reyes Retana Fernández, Graduate student, Sciences Po / PSIA; “NAFTA's impact on US-Mexican "
        "border security: drug, trade and migration”, Note d'analyse n°9, December 2017")


# Markdown and HTML -------------------------------------------------------------------------------------------------


class _Parts(HTMLParser):
    """The text inside each element of the given names, in order."""

    def __init__(self, *names: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: dict[str, list[str]] = {name: [] for name in names}
        self.open: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        if tag in self.parts:
            self.parts[tag].append("")
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for tag in self.open:
            self.parts[tag][-1] += data


def test_markdown_cards_render_the_tag_cite_and_quote_exactly(hostile_cards: Path) -> None:
    from markdown_it import MarkdownIt

    result = run_argmap("cards", hostile_cards)
    assert result.returncode == 0, result.stderr
    parts = _Parts("h2", "strong", "blockquote", "em")
    parts.feed(MarkdownIt("commonmark").render(result.stdout))
    assert parts.parts["h2"] == [TAG, "A quote glued to a word", "A claim resting on no quote",
                                 "A quote with no text to place it in"]
    assert parts.parts["strong"] == ["O'Neil 2019", QUOTE, "O'Neil 2019", '"glued"', "O'Neil n.d.", "O'Neil n.d.",
                                     "spoken & <never> written"]
    assert "<strong>" in result.stdout, "a quote glued to a word cannot take stars: it is bold all the same"
    assert one_line(parts.parts["blockquote"][0]) == one_line(
        f"Since 2001 the record is plain. She wrote: {QUOTE} and then more words follow, to the end of the paragraph.")
    assert parts.parts["em"][0].startswith("No quote") and parts.parts["em"][1].startswith("The quote alone")
    assert "script" not in "".join(parts.tags)


def test_html_cards_escape_every_text_and_mark_the_quote(hostile_cards: Path) -> None:
    result = run_argmap("cards", hostile_cards, "--format", "html")
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert page.startswith("<!doctype html>") and "@page" in page and page.rstrip().endswith("</html>")
    parts = _Parts("h2", "mark", "strong", "p")
    parts.feed(page)
    assert parts.parts["h2"][0] == TAG
    assert parts.parts["mark"] == [QUOTE, '"glued"', "spoken & <never> written"]
    cite = next(text for text in parts.parts["p"] if text.startswith("O'Neil 2019"))
    assert cite == (f"O'Neil 2019 — {NAME}, Fellow, <Institute> & Co.; “Essay <1> & \"2\" [/]”, Press & Co <i>, "
                    "March 2019; https://example.org/?a=1&b=<2>")
    assert [tag for tag in parts.tags if tag in ("script", "b", "i", "x", "institute")] == []
    assert "href" not in page, "a map's URL is shown, never followed"


def test_a_quote_of_nothing_but_control_characters_still_makes_every_format() -> None:
    from argmap.cards import Card
    from argmap.formats.cards import cards_html, cards_markdown

    cards = [Card("c1", "A tag", Cite("Ann Lee", "Lee", date="2020"), before="Before ", read="\x1b\x07",
                  after=" after", placed=True)]
    assert "> Before  after" in cards_markdown(cards, "T")
    assert '<p class="evidence">Before <mark></mark> after</p>' in cards_html(cards, "T")
    assert cards_docx(cards, "T").startswith(b"PK")


# Word ------------------------------------------------------------------------------------------------------------


def docx_cards(path: Path) -> list[dict]:
    """Each card of a Word file as a debater's template reads it: the tag (a Heading 4 paragraph), the cite's bold
    runs and whole text, the evidence's whole text and its underlined and highlighted runs."""
    import docx

    cards: list[dict] = []
    for paragraph in docx.Document(str(path)).paragraphs:
        if paragraph.style.name == TAG_STYLE:
            cards.append({"tag": paragraph.text, "paragraphs": []})
        elif cards:
            cards[-1]["paragraphs"].append(paragraph)
    for card in cards:
        cite, *rest = card.pop("paragraphs")
        card["bold"] = "".join(run.text for run in cite.runs if run.bold)
        card["cite"] = cite.text
        card["evidence"] = rest[0].text if rest and rest[0].runs and not rest[0].runs[0].italic else None
        card["read"] = "".join(run.text for paragraph in rest for run in paragraph.runs
                               if run.underline and run.font.highlight_color is not None)
    return cards


def test_a_word_file_has_each_tag_as_a_heading_and_the_quote_underlined_and_highlighted(hostile_cards: Path) -> None:
    output = hostile_cards.with_name("cards.docx")
    result = run_argmap("cards", hostile_cards, "--output", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{output}: 4 cards written as docx (2 with the quote in its context)\n"
    cards = docx_cards(output)
    assert [card["tag"] for card in cards] == [TAG, "A quote glued to a word", "A claim resting on no quote",
                                               "A quote with no text to place it in"]
    assert [card["read"] for card in cards] == [QUOTE, '"glued"', "", "spoken & <never> written"]
    assert [card["bold"] for card in cards] == ["O'Neil 2019", "O'Neil 2019", "O'Neil n.d.", "O'Neil n.d."]
    assert cards[0]["cite"] == (f"O'Neil 2019 — {NAME}, Fellow, <Institute> & Co.; “Essay <1> & \"2\" [/]”, "
                                "Press & Co <i>, March 2019; https://example.org/?a=1&b=<2>")
    assert cards[0]["evidence"] == (f"Since 2001 the record is plain. She wrote: {QUOTE} and then more words follow, "
                                    "to the end of the paragraph.")
    assert cards[2]["evidence"] is None


def test_every_bundled_card_in_word_underlines_exactly_its_quote(bundled: MapIndex, tmp_path: Path) -> None:
    claims = bundled.map.claims
    output = tmp_path / "all.docx"
    output.write_bytes(cards_docx(cards_of(bundled, SourceTexts(bundled.map, BUNDLED_MAP.parent), claims),
                                  bundled.map.title))
    cards = docx_cards(output)
    assert [card["tag"] for card in cards] == [claim.text for claim in claims]
    assert [card["read"] for card in cards] == [claim.quote.text if claim.quote else "" for claim in claims]
    assert all(card["read"] in card["evidence"] for card in cards if card["evidence"])


def test_hostile_texts_leave_no_control_character_in_any_card_file(tmp_path: Path) -> None:
    path = write_hostile_map(tmp_path)
    written = {}
    for output_format in ("md", "html", "docx"):
        output = tmp_path / f"cards.{output_format}"
        result = run_argmap("cards", path, "--output", output)
        assert result.returncode == 0, result.stderr
        written[output_format] = output
    for output_format in ("md", "html"):
        text = written[output_format].read_text(encoding="utf-8")
        assert not [character for character in POISON if character in text], output_format
        assert "BLINK" in text and "esrever" in text, output_format
    index = MapIndex(load_map(path).argument_map)
    cards = docx_cards(written["docx"])
    assert [card["tag"] for card in cards] == [shown(claim.text) for claim in index.map.claims]
    assert [card["read"] for card in cards] == [shown(claim.quote.text) if claim.quote else ""
                                                for claim in index.map.claims]


# PDF -------------------------------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Poppler (.ci/run installs it)")
def test_a_pdf_of_cards_holds_the_tag_the_cite_and_the_quote(hostile_cards: Path) -> None:
    output = hostile_cards.with_name("cards.pdf")
    result = run_argmap("cards", hostile_cards, "--output", output)
    assert result.returncode == 0, result.stderr
    text = one_line(subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    assert one_line(TAG) in text
    assert one_line(f"O'Neil 2019 — {NAME}, Fellow, <Institute> & Co.;") in text
    assert one_line(QUOTE) in text
    assert "No quote: the map records this claim" in text


# The command line --------------------------------------------------------------------------------------------------


def test_cards_take_the_selection_of_export(bundled_copy: Path) -> None:
    index = Document.open(bundled_copy).index
    focus = next(claim.id for claim in index.map.claims if claim.author == "wood")
    selection = ["--focus", focus, "--depth", "2", "--topic", "security-cooperation"]
    result = run_argmap("cards", bundled_copy, *selection)
    exported = run_argmap("export", bundled_copy, "--format", "md", *selection)
    assert result.returncode == exported.returncode == 0, result.stderr
    tags = re.findall(r"^## (.+)$", result.stdout, re.MULTILINE)
    claims = re.findall(r'^<a id="claim-\d+"></a>\*\*(.+)\*\*  $', exported.stdout, re.MULTILINE)
    assert 1 < len(tags) < len(index.map.claims) and sorted(tags) == sorted(claims)


def test_cards_refuse_in_one_sentence(bundled_copy: Path) -> None:
    binary = run_argmap("cards", bundled_copy, "--format", "docx")
    assert (binary.returncode, binary.stderr) == (1, "argmap: DOCX is not text; give a file to write it to with "
                                                     "--output FILE\n")
    suffix = run_argmap("cards", bundled_copy, "--output", bundled_copy.with_name("cards.txt"))
    assert suffix.returncode == 1 and "cannot tell the format from the suffix '.txt'" in suffix.stderr
    unknown = run_argmap("cards", bundled_copy, "--focus", "no-such-claim")
    assert (unknown.returncode, unknown.stderr.count("\n")) == (2, 1) and "'no-such-claim'" in unknown.stderr
    nothing = run_argmap("cards", bundled_copy, "--topic", "drugs", "--author", "Wood", "--relation", "qualifies",
                         "--focus", "pereira-more-at-stake")
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert not bundled_copy.with_name("cards.txt").exists()


# The app -----------------------------------------------------------------------------------------------------------


async def test_the_palette_cuts_the_claims_in_view_as_the_command_line_does(small_map: Path) -> None:
    from argmap.tui.app import ArgmapApp
    from tests.conftest import derived_ready
    from tests.test_palette_interchange import palette

    app = ArgmapApp(Document.open(small_map))
    async with app.run_test(size=(80, 24)) as pilot:
        await derived_ready(app)
        await palette(pilot, "cut cards")
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("m")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
    written = small_map.with_name("map-cards.md")
    count = len(app.document.argument_map.claims)
    assert f"Cut {count} cards as Markdown to {written}." in messages
    assert written.read_text(encoding="utf-8") == run_argmap("cards", small_map).stdout


async def test_the_palette_cuts_the_claim_shown_as_a_word_card(bundled_copy: Path) -> None:
    from argmap.tui.app import ArgmapApp
    from argmap.tui.claim_view import ClaimView
    from tests.conftest import derived_ready
    from tests.test_palette_interchange import palette

    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=(80, 24)) as pilot:
        await derived_ready(app)
        shown = app.document.index.claims[app.screen.query_one(ClaimView).claim_id]
        await palette(pilot, "cut cards")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
    cards = docx_cards(bundled_copy.with_name(f"{bundled_copy.stem}-cards.docx"))
    assert [(card["tag"], card["read"]) for card in cards] == [(shown.text, shown.quote.text)]
    assert cards[0]["bold"] == "Pereira 2017" and shown.quote.text in cards[0]["evidence"]
