"""A diagram too large for one legible page, printed over several when asked (`export --page a4 --split`), checked
in the PDF itself with Poppler: page size and count, the place printed on each page, every claim's words, and the
size the claims are printed at."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.formats.dot import Page
from argmap.formats.render import RenderError, on_page
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import shown, write_hostile_map

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Poppler (.ci/run installs it)")


def export_pdf(tmp_path: Path, map_path: Path, *options: str) -> tuple[str, list[str]]:
    """`pdfinfo` of the PDF that `export` writes with these options, and its words as Poppler finds them on its pages
    (`-bbox`: each word as printed, without `pdftotext`'s joining of a word ending in `-` to the next line's)."""
    output = tmp_path / "pages.pdf"
    result = run_argmap("export", map_path, *options, "--output", output)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    info = subprocess.run(["pdfinfo", output], capture_output=True, text=True, check=True).stdout
    boxes = subprocess.run(["pdftotext", "-bbox", output, "-"], capture_output=True, text=True, check=True).stdout
    words = [html.unescape(word) for word in re.findall(r"<word [^>]*>([^<]*)</word>", boxes)]
    return info, words


def pages(info: str) -> int:
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found, info
    return int(found.group(1))


LONG = 20
"""Characters from which a word (at 9 pt, wider than the pages' shared band) may be printed cut across two pages, as
on any poster: its first and last characters are then each on a page."""


def missing_words(map_path: Path, printed: list[str]) -> list[str]:
    """The words of the map's claims (as a diagram shows them) that the PDF does not print."""
    have = set(printed)
    claims = json.loads(map_path.read_text(encoding="utf-8"))["claims"]
    return [word for claim in claims for word in shown(claim["text"]).split() if word not in have and not (
        len(word) >= LONG and any(word.startswith(w) and len(w) >= 8 for w in have)
        and any(word.endswith(w) and len(w) >= 8 for w in have))]


def test_split_prints_the_whole_map_over_numbered_a4_pages_with_every_claim(tmp_path: Path) -> None:
    info, printed = export_pdf(tmp_path, BUNDLED_MAP, "--page", "a4", "--split")
    count = pages(info)
    assert "(A4)" in info and count > 1
    footer = " ".join(printed)
    assert f"page 1 of {count} · row 1 of" in footer and f"page {count} of {count} ·" in footer
    assert missing_words(BUNDLED_MAP, printed) == []


def test_split_prints_claims_at_a_legible_size(tmp_path: Path) -> None:
    output = tmp_path / "pages.pdf"
    assert run_argmap("export", BUNDLED_MAP, "--page", "letter", "--split", "--output", output).returncode == 0
    boxes = subprocess.run(["pdftotext", "-bbox", output, "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(bottom) - float(top) for top, bottom in
               re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">Mexico</word>', boxes)]
    # Poppler's box of a word is its font's ascent and descent, about 1.16 em: 8 to 10 pt type is 9.3 to 11.6 pt.
    assert len(heights) > 50 and all(9.3 <= height <= 11.6 for height in heights), sorted(heights)


def test_a_diagram_that_fits_a_page_stays_on_one(tmp_path: Path) -> None:
    info, printed = export_pdf(tmp_path, BUNDLED_MAP, "--focus", "pereira-fentanyl-lethality", "--strict",
                               "--page", "a4", "--split")
    assert pages(info) == 1 and "(A4)" in info and "page 1 of" not in " ".join(printed)
    assert "Fentanyl is so deadly" in " ".join(printed)


def test_split_prints_every_hostile_text(tmp_path: Path) -> None:
    path = write_hostile_map(tmp_path)
    info, printed = export_pdf(tmp_path, path, "--page", "letter", "--landscape", "--split")
    assert pages(info) > 1 and "792 x 612 pts" in info
    assert missing_words(path, printed) == []


def test_split_needs_a_page_and_a_pdf() -> None:
    cases = [
        (("--split", "--format", "pdf"), "argmap: --split cuts a diagram into pages: give their size with --page a4 "
                                         "or --page letter\n"),
        (("--split", "--page", "a4", "--format", "svg"), "argmap: --split prints pages of a PDF; export --format pdf "
                                                        "(or --output FILE.pdf) with it\n"),
        (("--split", "--format", "md"), "argmap: --split is for diagrams; export --format dot, svg, png or pdf with "
                                        "it\n"),
    ]
    for options, said in cases:
        result = run_argmap("export", BUNDLED_MAP, *options, "--output", "unused.pdf")
        assert result.returncode == 1 and result.stderr == said, (options, result.stderr)


def test_split_refuses_a_drawing_past_the_pages_it_may_take_in_one_sentence() -> None:
    """A drawing 40,000 pt a side (thousands of claims) would take hundreds of pages: refused before any is made."""
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40000pt" height="40000pt" viewBox="0.00 0.00 40000.00 '
           b'40000.00"><g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 39996)">'
           b'<g class="node"><polygon points="0,0 100,0 100,-50 0,-50 0,0"/></g></g></svg>')
    with pytest.raises(RenderError) as raised:
        on_page(svg, Page("a4", split=True))
    said = str(raised.value)
    assert said.startswith("the diagram would print on ") and "more than 150" in said and "\n" not in said
