"""The web page export (`argmap export --format html`): escaped exactly, the same selections as the other exports, and
used as a reader would in a real headless Chromium: the diagram's claims clickable, links followed and the back
button, search and author filters, hostile texts shown as typed and obeyed never."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Collection
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.html import PAGE_SIZE, script_json
from argmap.model import MAP_ADAPTER
from argmap.words import fold
from tests.browser import chromium, console_errors, requires_chromium, screenshot
from tests.conftest import BUNDLED_MAP, run_argmap
from tests.hostile import HOSTILE_TITLE, POISON, hostile_document, shown

__all__ = ["chromium"]  # the fixture, imported for the tests below

requires_dot = pytest.mark.skipif(shutil.which("dot") is None and not os.environ.get("CI"),
                                  reason="Graphviz `dot` is not installed")

ATTACKS = {
    "x-script": "<script>window.__pwned = 1</script> a script tag",
    "x-close": "</script><script>window.__pwned = 2</script> closes the data block",
    "x-img": '<img src=x onerror="window.__pwned = 3"> an image that fails',
    "x-attr": '" onmouseover="window.__pwned = 4" x=\' quotes that end an attribute',
    "x-comment": "<!-- a comment --> and ]]> and <![CDATA[ x ]]> and &lt;b&gt;",
    "x-svg": "<svg onload=\"window.__pwned = 5\"></svg> an SVG in a claim",
}
"""Claim id -> text written to make a careless page run code or lose text."""


def hostile_page_map(folder: Path) -> Path:
    """The hostile battery's map and `ATTACKS`, with a source whose URL is a script."""
    document = hostile_document()
    for number, (claim_id, text) in enumerate(ATTACKS.items()):
        document["claims"].append({"id": claim_id, "author": "zoë:1", "text": text, "topics": ["<script>"],
                                   "quote": {"source": "s2", "text": f"{text} quoted {number}"}})
        document["links"].append({"from": claim_id, "to": "claim:1", "relation": "contradicts",
                                  "why": f"</script><script>window.__pwned = {10 + number}</script>"})
    document["sources"].append({"id": "s2", "author": "zoë:1", "title": "<script>alert(1)</script>",
                                "url": "javascript:window.__pwned = 20"})
    path = folder / "hostile.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def export_page(map_path: Path, output: Path, *options: str) -> Path:
    result = run_argmap("export", map_path, "--format", "html", "--output", output, *options)
    assert result.returncode == 0, result.stderr
    return output


class Texts(HTMLParser):
    """The text of every element with a class, by class, as a browser would read it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.by_class: dict[str, list[str]] = {}
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        classes = dict(attrs).get("class") or ""
        self.stack.append(classes)
        if classes:
            self.by_class.setdefault(classes, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        for classes in self.stack:
            if classes:
                self.by_class[classes][-1] += data


def test_script_json_cannot_close_its_element() -> None:
    value = {"text": "</script><script>x()</script> <!-- & --> \u2028"}
    written = script_json(value)
    assert not {"<", ">", "&"} & set(written)
    assert json.loads(written) == value


@requires_dot
def test_the_page_escapes_every_text_once(tmp_path: Path) -> None:
    page = export_page(hostile_page_map(tmp_path), tmp_path / "page.html").read_text(encoding="utf-8")
    assert not [character for character in POISON if character in page]
    texts = Texts()
    texts.feed(page)
    claims = {claim["id"]: claim["text"] for claim in json.loads((tmp_path / "hostile.json").read_text())["claims"]}
    assert sorted(texts.by_class["text"]) == sorted(shown(text) for text in claims.values())
    assert texts.scripts == 2, "only the data block and the page's own script"
    assert "<script>window" not in page and "<img src=x" not in page
    assert escape(shown(HOSTILE_TITLE)) in page
    assert 'href="javascript:' not in page, "a source's URL is a link only when it is http or https"


@requires_dot
def test_the_page_takes_the_selections_of_the_other_exports(tmp_path: Path) -> None:
    document = json.loads(BUNDLED_MAP.read_text(encoding="utf-8"))
    argument_map = MAP_ADAPTER.validate_python(document)
    wood = [claim for claim in argument_map.claims if claim.author == "wood"]
    page = export_page(BUNDLED_MAP, tmp_path / "wood.html", "--author", "Wood").read_text(encoding="utf-8")
    assert page.count('<article class="claim') == len(wood)
    topic = argument_map.claims[0].topics[0]
    on_topic = [claim for claim in argument_map.claims if topic in claim.topics]
    page = export_page(BUNDLED_MAP, tmp_path / "topic.html", "--topic", topic).read_text(encoding="utf-8")
    assert page.count('<article class="claim') == len(on_topic)
    focus = argument_map.links[0].source_id
    near = {focus} | {link.target_id for link in argument_map.links if link.source_id == focus} | {
        link.source_id for link in argument_map.links if link.target_id == focus}
    result = run_argmap("export", BUNDLED_MAP, "--focus", focus, "--output", tmp_path / "near.htm")
    assert result.returncode == 0 and "written as html" in result.stdout, result.stderr
    assert (tmp_path / "near.htm").read_text(encoding="utf-8").count('<article class="claim') == len(near)


def open_page(driver: Any, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.readyState")


SHOWN = "return Array.from(document.querySelectorAll('#claim-list article.claim'), (a) => a.id)"
"""The ids of the claims the list shows (the others wait out of the document until a search or a link asks)."""


def page_order(driver: Any) -> list[int]:
    """The claims' numbers in the order the page lists them (by author, then topic)."""
    order: list[int] = driver.execute_script(
        "return JSON.parse(document.getElementById('argmap-data').textContent).order")
    return order


def target_id(driver: Any) -> str | None:
    found: str | None = driver.execute_script("const t = document.querySelector(':target'); return t && t.id")
    return found


def in_view(driver: Any, element: Any) -> bool:
    shown_: bool = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight && r.height > 0",
        element)
    return shown_


@requires_dot
@requires_chromium
def test_a_reader_clicks_a_claim_follows_a_link_and_goes_back(chromium: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = export_page(BUNDLED_MAP, tmp_path / "map.html")
    argument_map = MAP_ADAPTER.validate_python(json.loads(BUNDLED_MAP.read_text(encoding="utf-8")))
    numbers = {claim.id: number for number, claim in enumerate(argument_map.claims)}
    link = argument_map.links[0]
    start, goal = numbers[link.source_id], numbers[link.target_id]

    console_errors(chromium)
    open_page(chromium, page)
    assert console_errors(chromium) == []
    assert chromium.execute_script("return performance.getEntriesByType('resource').length") == 0
    screenshot(chromium, tmp_path, "html-opened.png")

    chromium.find_element(By.ID, f"n{start}").click()
    article = chromium.find_element(By.ID, f"claim-{start}")
    assert target_id(chromium) == f"claim-{start}" and in_view(chromium, article)
    assert article.find_element(By.CLASS_NAME, "text").text == argument_map.claims[start].text
    assert "current" in (chromium.find_element(By.ID, f"n{start}").get_attribute("class") or "")
    screenshot(chromium, tmp_path, "html-clicked.png")

    article.find_element(By.CSS_SELECTOR, f'a[href="#claim-{goal}"]').click()
    assert target_id(chromium) == f"claim-{goal}"
    assert in_view(chromium, chromium.find_element(By.ID, f"claim-{goal}"))
    chromium.back()
    assert target_id(chromium) == f"claim-{start}"
    assert in_view(chromium, chromium.find_element(By.ID, f"claim-{start}"))
    chromium.back()
    assert target_id(chromium) is None, "back again: the page as opened"
    assert console_errors(chromium) == []


@requires_dot
@requires_chromium
def test_search_narrows_the_claims_as_you_type_and_the_author_filters(chromium: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    page = export_page(BUNDLED_MAP, tmp_path / "map.html")
    argument_map = MAP_ADAPTER.validate_python(json.loads(BUNDLED_MAP.read_text(encoding="utf-8")))
    names = {author.id: author.name for author in argument_map.authors}

    def haystack(number: int) -> str:
        claim = argument_map.claims[number]
        quote = claim.quote.text if claim.quote else ""
        return fold(" ".join([claim.text, quote, names[claim.author], *claim.topics, claim.kind, claim.id]))

    def visible() -> list[int]:
        return [int(found.removeprefix("claim-")) for found in chromium.execute_script(SHOWN)]

    def first_page(numbers: Collection[int]) -> list[int]:
        """The claims the list should show: the first PAGE_SIZE of `numbers` in the page's order."""
        return [number for number in order if number in numbers][:PAGE_SIZE]

    open_page(chromium, page)
    order = page_order(chromium)
    everything = set(range(len(argument_map.claims)))
    assert sorted(order) == sorted(everything) and len(everything) > PAGE_SIZE
    assert visible() == first_page(everything)
    assert chromium.find_element(By.ID, "shown").text == f"the first {PAGE_SIZE} of {len(everything)} claims shown"
    search = chromium.find_element(By.ID, "search")
    for end, letter in enumerate("opioid", 1):
        search.send_keys(letter)
        assert visible() == first_page({n for n in everything if "opioid"[:end] in haystack(n)}), letter
    expected = {number for number in everything if "opioid" in haystack(number)}
    assert set(visible()) == expected and 0 < len(expected) < PAGE_SIZE
    shown_count = chromium.find_element(By.ID, "shown").text
    assert shown_count == f"{len(expected)} of {len(everything)} claims shown"
    screenshot(chromium, tmp_path, "html-search.png")

    search.send_keys(" Wood")
    assert set(visible()) == {number for number in expected if "wood" in haystack(number)}
    search.clear()
    search.send_keys(" ")
    assert visible() == first_page(everything)

    author = argument_map.authors[0]
    box = chromium.find_element(By.CSS_SELECTOR, 'input[data-author="0"]')
    box.click()
    assert visible() == first_page({n for n in everything if argument_map.claims[n].author != author.id})
    box.click()
    assert visible() == first_page(everything)
    assert console_errors(chromium) == []


@requires_dot
@requires_chromium
def test_a_hostile_map_shows_as_typed_and_runs_nothing(chromium: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    map_path = hostile_page_map(tmp_path)
    page = export_page(map_path, tmp_path / "hostile.html")
    claims = json.loads(map_path.read_text(encoding="utf-8"))["claims"]

    console_errors(chromium)
    open_page(chromium, page)
    assert console_errors(chromium) == []
    assert chromium.find_element(By.TAG_NAME, "h1").text == " ".join(shown(HOSTILE_TITLE).split())
    for number, claim in enumerate(claims):
        typed = chromium.execute_script(
            "return document.querySelector('#claim-' + arguments[0] + ' .text').textContent", number)
        assert typed == shown(claim["text"]), claim["id"]

    attack = next(number for number, claim in enumerate(claims) if claim["id"] == "x-close")
    chromium.find_element(By.ID, f"n{attack}").click()
    assert target_id(chromium) == f"claim-{attack}"
    search = chromium.find_element(By.ID, "search")
    search.send_keys("</script><script>")
    assert chromium.execute_script(SHOWN) == [f"claim-{attack}"]
    screenshot(chromium, tmp_path, "html-hostile.png")
    assert chromium.execute_script("return window.__pwned === undefined && typeof alert === 'function'")
    assert not chromium.find_elements(By.CSS_SELECTOR, "main img, main script, article svg")
    links = chromium.execute_script(
        "return Array.from(document.querySelectorAll('a'), (a) => a instanceof SVGElement"
        " ? a.getAttribute('href') || a.getAttribute('xlink:href') || '' : a.href)")
    # The diagram's boxes are SVG anchors only to carry their tooltips: they lead nowhere.
    assert all(href == "" or re.match(r"(file:.*#claim-\d+|https?://)", href) for href in links), links
    assert console_errors(chromium) == []


@requires_dot
def test_each_claim_shows_the_objections_and_answers_of_its_prep_sheet(tmp_path: Path) -> None:
    from argmap.index import MapIndex
    from argmap.prep import brief_of

    page = export_page(BUNDLED_MAP, tmp_path / "map.html").read_text(encoding="utf-8")
    index = MapIndex(MAP_ADAPTER.validate_python(json.loads(BUNDLED_MAP.read_text(encoding="utf-8"))))
    numbers = {claim.id: number for number, claim in enumerate(index.map.claims)}
    articles = re.findall(r'<article class="claim [a-z]+" id="claim-(\d+)".*?</article>', page, re.S)
    assert len(articles) == len(index.map.claims)
    answered = 0
    for claim in index.map.claims:
        article = re.search(rf'id="claim-{numbers[claim.id]}".*?</article>', page, re.S)
        assert article is not None
        prep = re.search(r'<details class="prep".*?</details>', article.group())
        brief = brief_of(index, claim.id)
        if not brief.objections:
            assert prep is None, claim.id
            continue
        assert prep is not None, claim.id
        jumps = re.findall(r'href="#claim-(\d+)"', prep.group())
        expected = []
        for objection in brief.objections:
            expected.append(str(numbers[objection.link.source_id]))
            expected += [str(numbers[answer.source_id]) for answer in objection.answers]
            answered += bool(objection.answers)
        assert jumps == expected, claim.id
    assert answered > 0, "the bundled map answers some objections"


def test_a_large_selection_gets_the_page_without_the_diagram_and_is_told_why(tmp_path: Path) -> None:
    from argmap.formats.html import DIAGRAM_LIMIT
    from benchmarks.generate import generate_map

    map_path = generate_map(DIAGRAM_LIMIT + 1, tmp_path)
    result = run_argmap("export", map_path, "--output", tmp_path / "large.html")
    assert result.returncode == 0, result.stderr
    assert f"{DIAGRAM_LIMIT + 1:,} claims are more than a browser draws quickly" in result.stderr
    page = (tmp_path / "large.html").read_text(encoding="utf-8")
    assert "<svg" not in page and 'id="fit"' not in page and "No diagram: the page leaves out" in page
    assert page.count('<article class="claim') == DIAGRAM_LIMIT + 1, "every claim is in the page"


@requires_chromium
def test_a_large_page_shows_a_page_of_claims_at_a_time(chromium: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    from argmap.formats.html import DIAGRAM_LIMIT
    from benchmarks.generate import generate_map

    total = DIAGRAM_LIMIT + 1
    page = export_page(generate_map(total, tmp_path), tmp_path / "large.html")
    console_errors(chromium)
    open_page(chromium, page)
    order = page_order(chromium)
    assert [f"claim-{number}" for number in order[:PAGE_SIZE]] == chromium.execute_script(SHOWN)
    assert chromium.find_element(By.ID, "shown").text == f"the first {PAGE_SIZE} of {total:,} claims shown"
    more = chromium.find_element(By.ID, "more")
    more.click()
    assert chromium.execute_script(SHOWN) == [f"claim-{number}" for number in order[:2 * PAGE_SIZE]]
    while more.is_displayed():
        more.click()
    assert chromium.execute_script(SHOWN) == [f"claim-{number}" for number in order]
    chromium.find_element(By.ID, "search").send_keys("fentanyl")
    shown_now = chromium.execute_script(SHOWN)
    assert 0 < len(shown_now) <= PAGE_SIZE
    hidden = next(f"claim-{number}" for number in order if f"claim-{number}" not in shown_now)
    chromium.execute_script("location.hash = arguments[0]", f"#{hidden}")
    assert target_id(chromium) == hidden and in_view(chromium, chromium.find_element(By.ID, hidden)), \
        "a jump to a claim the search hides shows it"
    assert hidden in chromium.execute_script(SHOWN)
    beyond = f"claim-{order[PAGE_SIZE + 5]}"
    chromium.get("about:blank")
    chromium.get(f"{page.resolve().as_uri()}#{beyond}")
    assert target_id(chromium) == beyond and in_view(chromium, chromium.find_element(By.ID, beyond)), \
        "a link from elsewhere to a claim beyond the first page opens on it"
    assert console_errors(chromium) == []

