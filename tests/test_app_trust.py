"""The app with a stranger's map: markup-like text never crashes it or vanishes, and no quote looks verified that
was not."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.document import Document
from argmap.edits import AddClaim, EditError
from argmap.model import Claim, Quote
from argmap.store import MapError, load_map
from argmap.tui.app import ArgmapApp
from argmap.tui.forms import ClaimForm
from tests.conftest import small_map_document, write_map
from tests.test_app import claim_view_text, screen_text

SIZE = (120, 40)
MARKUP = "Quoting [/] a source [sic] [emphasis added] [/i]"


def markup_map(folder: Path) -> Path:
    """A map whose names, titles, topics, ids and paths look like Textual markup."""
    document = small_map_document()
    document["authors"][0]["name"] = "Ana [/] Núñez [b]"
    document["sources"][0]["title"] = "Essay [/i]"
    document["claims"][0]["topics"] = ["trade [/]"]
    document["claims"][0]["id"] = "c1/[/]../x"
    document["claims"][0]["text"] = "Trade/[/]../ties bind the two countries."
    document["links"][0]["from"] = "c1/[/]../x"
    document["sources"].append({"id": "s2", "author": "bo", "title": "Gone [/]", "file": "missing [/].txt"})
    return write_map(folder, document)


async def test_many_warnings_on_opening_are_one_toast_that_counts_the_rest(tmp_path: Path) -> None:
    document = small_map_document()
    document["sources"] += [{"id": f"gone{n}", "author": "bo", "title": "Gone", "file": f"gone-{n}.txt"}
                            for n in range(4)]
    path = write_map(tmp_path, document)
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1, messages
        assert "gone-0.txt" in messages[0] and "and 3 more warnings" in messages[0]
        assert f"argmap validate {path}" in messages[0]


async def test_text_that_looks_like_markup_is_shown_as_typed_and_never_crashes(tmp_path: Path) -> None:
    path = markup_map(tmp_path)
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("missing [/].txt" in n.message for n in app._notifications), "the warning names the file"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm), "the form lists the authors and sources by name"
        assert "Ana [/] Núñez [b]" in screen_text(app)
        await pilot.press(*MARKUP, "ctrl+s")
        await pilot.pause()
        assert app.document.argument_map.claims[-1].text == MARKUP
        assert any(f"Added claim '{MARKUP[:20]}" in n.message for n in app._notifications)
        await pilot.press("d")
        await pilot.pause()
        assert all(claim.text != MARKUP for claim in app.document.argument_map.claims)
        messages = " ".join(n.message for n in app._notifications)
        assert "[sic]" in messages or "Quoting [/]" in messages
        await pilot.press("ctrl+p", *"security partner")
        await pilot.pause(0.5)
        await pilot.press("escape")
        app.open_claim("c1/[/]../x")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # Markdown
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running
    assert (tmp_path / "prep-trade-ties-bind-the-two-countries.md").is_file(), "a sentence with / and .. is no path"


def test_a_claim_may_quote_only_its_own_authors_source(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][0]["author"] = "bo"
    path = write_map(tmp_path, document)
    try:
        load_map(path)
    except MapError as error:
        messages = [str(problem) for problem in error.problems]
    else:
        raise AssertionError("a claim quoting another author's source was accepted")
    assert messages == [f"{path}: claims[0].quote.source: source 's1' is by 'ana', not by the claim's author 'bo'; "
                        "a claim quotes its own author's text"]
    argument_map = load_map(write_map(tmp_path, small_map_document())).argument_map
    quote = Quote(source="s1", text="Trade binds us.", start=0, end=15)
    try:
        AddClaim(Claim(id="c9", author="bo", text="Bo says so.", quote=quote)).apply(argument_map)
    except EditError as error:
        assert error.field == "source" and "is by 'ana'" in error.message
    else:
        raise AssertionError("the edit was accepted")


async def test_a_quote_not_found_or_not_checked_is_marked_plainly(tmp_path: Path) -> None:
    document = small_map_document()
    document["claims"][1]["quote"] = {"source": "s1", "text": "Words that are nowhere in the source."}
    document["sources"].append({"id": "s2", "author": "bo", "title": "Lost essay", "file": "lost.txt"})
    document["claims"][2]["quote"] = {"source": "s2", "text": "Unverifiable words."}
    path = write_map(tmp_path, document)
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SIZE) as pilot:
        app.open_claim("c1")
        await pilot.pause()
        assert "✗" not in claim_view_text(app) and "Not checked" not in claim_view_text(app)
        app.open_claim("c2")
        await pilot.pause()
        assert "✗ Not found in the source text." in claim_view_text(app)
        app.open_claim("c3")
        await pilot.pause()
        assert "? Not checked against the source: source text 'lost.txt' does not exist." in claim_view_text(app)


def test_validate_counts_only_the_quotes_it_checked(tmp_path: Path) -> None:
    from tests.conftest import run_argmap

    document = small_map_document()
    document["claims"][1]["quote"] = {"source": "s1", "text": "Words that are nowhere in the source."}
    result = run_argmap("validate", write_map(tmp_path, document))
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1].endswith("(3 claims, 2 links, 1 quote checked against their sources, "
                                                   "1 not checked, 1 warning)")
    assert json.loads((tmp_path / "map.json").read_text())["claims"][1]["quote"].get("start") is None
