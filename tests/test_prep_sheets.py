"""The prep sheets in plain words and on paper: claims named by author and sentence (never by id) in the sheets and
the analysis, the same sheet as Markdown, as an HTML document and as a PDF, each holding every text exactly."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis import analyze
from argmap.case import case_of
from argmap.compare import agreement_matrix, compare_authors
from argmap.formats.case import case_sheet
from argmap.formats.comparison_text import render_comparison_text
from argmap.formats.markdown import to_markdown
from argmap.formats.prep import author_sheet_data, claim_sheet_data, sheet_bytes, sheet_html, sheet_markdown
from argmap.formats.report import render_analysis_text
from argmap.formats.suggestions_text import render_claim_suggestions, render_map_suggestions
from argmap.index import MapIndex
from argmap.model import MAP_ADAPTER
from argmap.suggest import Suggester
from argmap.words import counted
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import hostile_document, shown

pdf_tools = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Poppler (.ci/run installs it)")


def renamed(document: dict[str, Any]) -> tuple[MapIndex, list[str]]:
    """The map with every claim id replaced by a token no text holds (`QID7Q`…), and those tokens: a token found
    in a sheet is an id standing where a sentence could."""
    tokens = {claim["id"]: f"QID{number}Q" for number, claim in enumerate(document["claims"])}
    for claim in document["claims"]:
        claim["id"] = tokens[claim["id"]]
    for link in document["links"]:
        link["from"], link["to"] = tokens[link["from"]], tokens[link["to"]]
    for motion in document.get("motions", []):
        motion["aff"], motion["neg"] = [tokens[c] for c in motion["aff"]], [tokens[c] for c in motion["neg"]]
    return MapIndex(MAP_ADAPTER.validate_python(document)), list(tokens.values())


def with_motion(document: dict[str, Any]) -> dict[str, Any]:
    """The map with a motion whose sides hold its first claims, so that its case sheets have cards and blocks."""
    ids = [claim["id"] for claim in document["claims"]]
    document["motions"] = [{"id": "motion", "text": "This house would ratify.", "aff": ids[:4], "neg": ids[4:8]}]
    return document


def every_sheet(index: MapIndex) -> list[str]:
    """Every author's sheet and every claim's, as Markdown and as HTML; the analysis and candidate links as text;
    both sides' case sheets; the comparison of every author as text."""
    analysis = analyze(index)
    sheets = [author_sheet_data(index, analysis, author.id) for author in index.map.authors]
    sheets += [claim_sheet_data(index, analysis, claim.id) for claim in index.map.claims]
    suggester = Suggester(index)
    first = index.map.claims[0].id
    authors = [author.id for author in index.map.authors][:5]
    return [render(sheet) for sheet in sheets for render in (sheet_markdown, sheet_html)] + [
        render_analysis_text(index, analysis), render_map_suggestions(index, suggester.best_pairs(20)),
        render_claim_suggestions(index, first, suggester.for_claim(first, 20)),
        *(case_sheet(index, case_of(index, analysis, None, index.map.motions[0], side)) for side in ("aff", "neg")),
        render_comparison_text(index, compare_authors(index, authors), agreement_matrix(index, authors))]


@pytest.mark.parametrize("document", [
    pytest.param(lambda: json.loads(BUNDLED_MAP.read_text(encoding="utf-8")), id="bundled"),
    pytest.param(hostile_document, id="hostile"),
])
def test_no_claim_id_appears_in_a_sheet_the_analysis_or_the_suggestions(document) -> None:
    index, tokens = renamed(with_motion(document()))
    pattern = re.compile("|".join(tokens))
    for text in every_sheet(index):
        assert not pattern.search(text), pattern.search(text)


@pytest.mark.parametrize("document", [
    pytest.param(lambda: json.loads(BUNDLED_MAP.read_text(encoding="utf-8")), id="bundled"),
    pytest.param(hostile_document, id="hostile"),
])
def test_the_markdown_export_gives_a_claims_id_only_as_its_handle(document) -> None:
    index, tokens = renamed(document())
    exported = to_markdown(index, index.map.claims)
    handles = re.findall(r"\bid (QID\d+Q)\b", exported)
    assert sorted(handles) == sorted(tokens), "each claim's id once, on its small line of details"
    assert not re.search("|".join(tokens), re.sub(r"\bid QID\d+Q\b", "", exported))


async def test_the_claim_view_names_every_linked_claim_by_its_sentence(tmp_path: Path) -> None:
    from argmap.document import Document
    from argmap.tui.app import ArgmapApp
    from tests.conftest import derived_ready
    from tests.test_app import claim_view_text

    document = json.loads(BUNDLED_MAP.read_text(encoding="utf-8"))
    index, tokens = renamed(document)
    path = tmp_path / "renamed.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    busiest = max(index.map.claims, key=lambda claim: len(index.links_of(claim.id)))
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await derived_ready(app)
        app.open_claim(busiest.id)
        await pilot.pause()
        shown = claim_view_text(app)
    assert busiest.text in shown and all(index.claims[link.source_id].text in shown for link in
                                         index.incoming.get(busiest.id, ()))
    assert re.findall("|".join(tokens), shown) == [busiest.id] and f"id {busiest.id}" in shown
    attacks = [link.relation.value for link in index.incoming.get(busiest.id, ())]
    said = [f"{verb} by {counted(attacks.count(relation), 'claim')}" for verb, relation in
            (("contradicted", "contradicts"), ("qualified", "qualifies")) if relation in attacks]
    assert said and f"· {', '.join(said)} ·" in shown, "how contested it is, in words"


def test_standing_is_explained_by_who_says_what() -> None:
    index = MapIndex(MAP_ADAPTER.validate_python(json.loads(BUNDLED_MAP.read_text(encoding="utf-8"))))
    sheet = sheet_markdown(claim_sheet_data(index, analyze(index), "coleman-security-can-cripple"))
    standing = next(line for line in sheet.splitlines() if line.startswith("**Standing.**"))
    assert standing.startswith("**Standing.** Rejected: ")
    assert standing.endswith(" stand against it.") and "'s claim that “" in standing
    assert "grounded" not in sheet, "the method is explained in the README, not on every sheet"


class _Reader(HTMLParser):
    """The tags of an HTML document and its text, entities resolved."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _squeezed(text: str) -> str:
    """Without any white space: how text compares once lines are wrapped on a page."""
    return "".join(text.split())


def _hostile_texts(document: dict[str, Any]) -> list[str]:
    texts = [claim["text"] for claim in document["claims"]] + [claim["quote"]["text"] for claim in
                                                                 document["claims"] if "quote" in claim]
    return [shown(text) for text in texts + [author["name"] for author in document["authors"]]]


def test_the_html_sheet_is_a_document_whose_texts_are_all_data() -> None:
    document = hostile_document()
    index = MapIndex(MAP_ADAPTER.validate_python(document))
    analysis = analyze(index)
    reader = _Reader()
    for author in index.map.authors:
        reader.feed(sheet_html(author_sheet_data(index, analysis, author.id)))
    assert reader.tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "h4", "p",
                           "cite", "section", "span", "strong", "em", "ul", "li", "blockquote", "footer"}
    text = _squeezed("".join(reader.text))
    for expected in _hostile_texts(document):
        assert _squeezed(expected) in text, expected


@pdf_tools
def test_the_pdf_sheet_holds_every_sentence_and_quote_exactly(tmp_path: Path) -> None:
    document = hostile_document()
    index = MapIndex(MAP_ADAPTER.validate_python(document))
    analysis = analyze(index)
    text = ""
    for number, author in enumerate(index.map.authors):
        path = tmp_path / f"sheet-{number}.pdf"
        path.write_bytes(sheet_bytes(author_sheet_data(index, analysis, author.id), "pdf"))
        text += subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = _squeezed(text)
    for expected in _hostile_texts(document):
        assert _squeezed(expected) in squeezed, expected


@pdf_tools
def test_prep_writes_markdown_html_or_pdf_by_format_or_suffix(tmp_path: Path) -> None:
    html = run_argmap("prep", BUNDLED_MAP, "not obliged", "--format", "html")
    assert html.returncode == 0 and html.stdout.startswith("<!DOCTYPE html>")
    assert "<h1>Debate prep: Mexico is not obliged to do this" in html.stdout
    pdf = tmp_path / "wood.pdf"
    result = run_argmap("prep", BUNDLED_MAP, "--author", "Duncan", "--output", pdf)
    assert result.returncode == 0 and result.stdout == f"{pdf}: prep sheet written as pdf\n"
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Debate prep: Duncan Wood's position" in text and "page 1 of " in text
    refused = run_argmap("prep", BUNDLED_MAP, "--author", "Duncan", "--format", "pdf")
    assert refused.returncode == 2 and "give a file to write it to with --output FILE" in refused.stderr
