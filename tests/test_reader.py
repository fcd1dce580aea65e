"""The source reader in the real app: a text with its claims' quotes marked, claims made from a selection, and the
paragraphs not mapped yet."""

from __future__ import annotations

import json
from pathlib import Path

from rich.style import Style
from textual.widgets import Static

from argmap.coverage import coverage_of
from argmap.document import Document
from argmap.passages import sentences_of
from argmap.sources import check_quotes
from argmap.store import load_map
from argmap.tui.app import ArgmapApp
from argmap.tui.browse import BrowseScreen
from argmap.tui.claim_view import ClaimView
from argmap.tui.forms import ClaimForm
from argmap.tui.people import PeopleScreen
from argmap.tui.reader import QuotingClaims, ReaderScreen, ReaderView
from tests.conftest import BUNDLED_MAP, SOURCE_TEXT, small_map_document, write_map
from tests.hostile import HOSTILE_TEXTS, POISON, shown
from tests.test_app import screen_text

SIZE = (120, 40)
SCROLLBAR = set("▁▂▃▄▅▆▇█ ")
"""What a scrollbar's thumb is drawn with (in reverse)."""
REYES = "reyes-retana-note-2017"


def reyes_claims(app: ArgmapApp) -> list:
    return [c for c in app.document.argument_map.claims if c.quote and c.quote.source == REYES]


def reader(app: ArgmapApp) -> ReaderView:
    assert isinstance(app.screen, ReaderScreen), f"the reader is open, not {app.screen}"
    return app.screen.view


def quoting_panel(app: ArgmapApp) -> str:
    return app.screen.query_one(QuotingClaims).shown.plain


def drawn_line(view: ReaderView, offset: int) -> list[tuple[int, str, Style]]:
    """The view's line holding `offset` as it draws it: each piece's offset in the text, its characters, its
    style (the view scrolled so the line is in view)."""
    number = view.line_of(offset)
    view.scroll_to(y=number, animate=False)
    view.render_lines(view.scrollable_content_region.reset_offset)
    strip = view.render_line(number - round(view.scroll_y))
    pieces, position, end = [], view.line_starts[number], view.line_ends[number]
    for segment in list(strip)[3:]:  # past the margin, up to the padding after the line
        if position < end:
            pieces.append((position, segment.text, segment.style or Style()))
        position += len(segment.text)
    return pieces


def margin(view: ReaderView, offset: int) -> str:
    number = view.line_of(offset)
    view.scroll_to(y=number, animate=False)
    view.render_lines(view.scrollable_content_region.reset_offset)
    return "".join(segment.text for segment in list(view.render_line(number - round(view.scroll_y)))[:3])


async def open_from_claim(app: ArgmapApp, pilot, claim_id: str) -> None:
    app.open_claim(claim_id)
    await pilot.pause()
    await pilot.press("R")
    await pilot.pause()


async def test_from_a_claim_the_reader_opens_on_its_quote() -> None:
    app = ArgmapApp(Document.open(BUNDLED_MAP))
    async with app.run_test(size=SIZE) as pilot:
        claim = reyes_claims(app)[10]
        await open_from_claim(app, pilot, claim.id)
        view = reader(app)
        assert view.cursor == (claim.quote.start, claim.quote.end)
        top = round(view.scroll_y)
        assert top <= view.line_of(claim.quote.start) < top + view.scrollable_content_region.height, "in view"
        assert claim.text[:60] in quoting_panel(app), "the claims quoting the cursor's text are listed below"
        assert claim.quote.text[:40] in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen) and app.screen.query_one(ClaimView).claim_id == claim.id


async def test_the_marks_are_the_claims_quotes_drawn_in_their_authors_colour() -> None:
    app = ArgmapApp(Document.open(BUNDLED_MAP))
    async with app.run_test(size=SIZE) as pilot:
        claims = reyes_claims(app)
        await open_from_claim(app, pilot, claims[0].id)
        view = reader(app)
        marks = {(mark.claim_id, mark.start, mark.end) for mark in view.runs.marks}
        assert marks == {(c.id, c.quote.start, c.quote.end) for c in claims}
        quote = claims[0].quote
        plain = view.rich_style.bgcolor
        for start, text, style in drawn_line(view, quote.start):
            if quote.start <= start and start + len(text) <= quote.end:
                assert style.bgcolor != plain, f"{text!r} is marked"
            elif not any(m.start < start + len(text) and start < m.end for m in view.runs.marks):
                assert style.bgcolor == plain, f"{text!r} is not marked"


async def test_overlapping_quotes_are_counted_in_the_margin_and_underlined(tmp_path: Path) -> None:
    document = small_map_document()
    text = "Trade binds us. Mexico is a partner in security, not a threat."
    overlap = "Mexico is a partner"
    start = text.index(overlap)
    document["claims"][0]["quote"] = {"source": "s1", "text": text, "start": 0, "end": len(text)}
    document["claims"][1]["quote"] = {"source": "s1", "text": overlap, "start": start, "end": start + len(overlap)}
    app = ArgmapApp(Document.open(write_map(tmp_path, document)))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_claim(app, pilot, "c3")
        assert isinstance(app.screen, BrowseScreen), "a claim without a quote opens no reader"
        assert any("quotes no source" in n.message for n in app._notifications)
        await open_from_claim(app, pilot, "c2")
        view = reader(app)
        assert view.cursor == (start, start + len(overlap))
        assert "Trade ties bind" in quoting_panel(app) and "Mexico is a security partner" in quoting_panel(app)
        assert margin(view, start)[1] == "2", "two quotes overlap on the line"
        view.put_cursor((len(text) + 1, len(text) + 7))
        styles = {piece: style for _, piece, style in drawn_line(view, start)}
        assert styles[overlap].underline and not styles["Trade binds us. "].underline
        assert styles[overlap].bgcolor not in (styles["Trade binds us. "].bgcolor, view.rich_style.bgcolor)
        view.put_cursor((start, start + len(overlap)))
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.screen.query_one(ClaimView).claim_id == "c2", "tab chose the second claim, enter opened it"


async def test_select_sentences_refine_by_word_and_make_a_claim_marked_at_once(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(bundled_copy))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_claim(app, pilot, reyes_claims(app)[0].id)
        view = reader(app)
        unmapped_before = list(view.passages.unmapped)
        await pilot.press("u", "v", "down")
        paragraph = view.passages.paragraph_at(view.selection[0])
        sentences = sentences_of(view.text, view.passages.paragraph_starts[paragraph],
                                 view.passages.paragraph_ends[paragraph])
        first, second = sentences[0], sentences[1]
        assert view.selection == (first.start, second.end), "v then ↓: two sentences"
        await pilot.press("shift+left", "full_stop")
        words = view.text[first.start : second.end].split(" ")
        expected = " ".join(words[1:-1])
        assert view.text[view.selection[0] : view.selection[1]] == expected, "a word off each end"
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#field-quote").value == expected
        assert form.choice("source") == REYES and form.choice("author") == "reyes-retana"
        assert "✓ Found in the source" in str(form.query_one("#quote-status").render())
        await pilot.press(*"NAFTA made border security a shared concern", "ctrl+s")
        await pilot.pause()
        view = reader(app)
        claim = app.document.argument_map.claims[-1]
        assert claim.text == "NAFTA made border security a shared concern"
        assert (claim.quote.source, claim.quote.text) == (REYES, expected)
        assert (claim.quote.start, claim.quote.end) == view.cursor
        assert (claim.id, claim.quote.start, claim.quote.end) in {(m.claim_id, m.start, m.end) for m in view.runs.marks}
        assert claim.text in quoting_panel(app), "marked at once: the cursor is on it"
        assert view.passages.unmapped == [p for p in unmapped_before if p != paragraph], "no longer unmapped"
        await pilot.press("ctrl+z")
        assert claim.id not in {m.claim_id for m in view.runs.marks} and view.passages.unmapped == unmapped_before
        await pilot.press("ctrl+y")
        assert claim.id in {m.claim_id for m in view.runs.marks}
        title = app.screen.query_one("#reader-title", Static)
        assert "● unsaved" in str(title.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unsaved" not in str(title.render()), "saved: the title says so at once"
    saved = load_map(bundled_copy).argument_map
    check = check_quotes(saved, bundled_copy.parent)
    assert not check.findings and check.checked == sum(1 for c in saved.claims if c.quote)
    assert saved.claims[-1].quote.text == expected


async def test_a_selection_stays_within_its_line(tmp_path: Path) -> None:
    document = small_map_document()
    path = write_map(tmp_path, document)
    (tmp_path / "source.txt").write_text("First paragraph here.\n\nSecond paragraph there.\n", encoding="utf-8")
    for claim in document["claims"]:
        claim.pop("quote", None)
    path.write_text(json.dumps(document), encoding="utf-8")
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("down", "R")  # Ana's source, from the list of authors and sources
        await pilot.pause()
        view = reader(app)
        await pilot.press("v", "down")
        assert view.selection == (0, len("First paragraph here."))
        assert any("cannot cross a line break" in n.message for n in app._notifications)
        await pilot.press("greater_than_sign")
        assert view.selection == (0, len("First paragraph here.")), "not past the line break by a word either"


def with_reyes_retana_half_mapped(path: Path) -> Path:
    """The bundled map (copied at `path`) without the claims quoting the second half of Reyes Retana's paper, so that
    some of its paragraphs carry no claim (the bundled map maps every one)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    dropped = {
        claim["id"] for claim in document["claims"]
        if claim.get("quote") and claim["quote"]["source"] == REYES and claim["quote"]["start"] > 20_000
    }
    document["claims"] = [claim for claim in document["claims"] if claim["id"] not in dropped]
    document["links"] = [link for link in document["links"] if not {link["from"], link["to"]} & dropped]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


async def test_jump_to_the_next_paragraph_not_mapped_yet_round_the_end(bundled_copy: Path) -> None:
    app = ArgmapApp(Document.open(with_reyes_retana_half_mapped(bundled_copy)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"read nafta's impact")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        view = reader(app)
        text = view.text
        coverage = coverage_of(text, [(c.quote.start, c.quote.end) for c in reyes_claims(app)])
        untouched = coverage.untouched
        assert len(untouched) > 2 and view.cursor[0] < untouched[0].start
        for paragraph in [*untouched, untouched[0]]:
            await pilot.press("u")
            first = sentences_of(text, paragraph.start, paragraph.end)[0]
            assert view.cursor == (first.start, first.end)
            assert margin(view, paragraph.start)[0] == "○", "marked in the margin"
            assert "No claim quotes this" in quoting_panel(app)
        assert any("Round to the first" in n.message for n in app._notifications)
        await pilot.press("U")
        assert view.cursor[0] == sentences_of(text, untouched[-1].start, untouched[-1].end)[0].start
        furniture = next(p for p in coverage.paragraphs if not p.is_argument)
        assert margin(view, furniture.start)[0] == " ", f"{furniture.kind} is not argument, so never unmapped"


async def test_a_text_all_mapped_says_so_and_an_unreadable_one_is_one_sentence(tmp_path: Path) -> None:
    document = small_map_document()
    document["sources"].append({"id": "s2", "author": "bo", "title": "Gone", "file": "missing.txt"})
    app = ArgmapApp(Document.open(write_map(tmp_path, document)))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_claim(app, pilot, "c1")
        await pilot.press("u")
        assert any("Every argument paragraph has a claim" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"read gone")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen), "no reader over nothing"
        message = [n.message for n in app._notifications][-1]
        assert "“Gone” cannot be read here" in message and "missing.txt" in message
        assert message.count(". ") <= 1 and "Traceback" not in message


async def test_a_hostile_claim_text_shows_as_typed_below_the_text(tmp_path: Path) -> None:
    document = small_map_document()
    for number, claim_id in enumerate(("c17", "c15")):
        document["claims"][number]["text"] = HOSTILE_TEXTS[claim_id]
    path = write_map(tmp_path, document)
    hostile_tail = "Then \x1b]0;pwned\x07 a title, \x9b2J a clear, \u202eesrever\u202c, [b]not bold[/b].\n"
    (tmp_path / "source.txt").write_text(SOURCE_TEXT + hostile_tail, encoding="utf-8")
    app = ArgmapApp(Document.open(path))
    async with app.run_test(size=(220, 40)) as pilot:
        await open_from_claim(app, pilot, "c1")
        assert HOSTILE_TEXTS["c17"] in quoting_panel(app)
        assert shown(HOSTILE_TEXTS["c17"]) in screen_text(app), "no markup read in it"
        await pilot.press("down")
        assert shown(HOSTILE_TEXTS["c15"]) in screen_text(app)
        view = reader(app)
        lines = [view.render_line(y) for y in range(len(view.line_starts))]
        drawn = "".join(segment.text for line in lines for segment in line)
        assert not any(poison in drawn for poison in POISON), "the source's own escapes are drawn as spaces"
        assert "[b]not bold[/b]" in drawn and "esrever" in drawn
        assert app.is_running


async def test_people_screen_reads_the_highlighted_source() -> None:
    app = ArgmapApp(Document.open(BUNDLED_MAP))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("down", "R")
        await pilot.pause()
        assert reader(app).cursor[0] < 100, "from the top of the text"
        assert app.screen.source_id == app.document.argument_map.sources[0].id


async def test_a_click_puts_the_cursor_on_the_sentence_under_it(tmp_path: Path) -> None:
    app = ArgmapApp(Document.open(write_map(tmp_path, small_map_document())))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_claim(app, pilot, "c1")
        view = reader(app)
        assert view.cursor == (0, len("Trade binds us."))
        column = view.text.index("Demand drives")
        await pilot.click(ReaderView, offset=(view.gutter.left + 3 + column + 2, view.line_of(column)))
        assert view.text[slice(*view.cursor)] == "Demand drives the trade in drugs."
        assert "No claim quotes this" in quoting_panel(app)


def test_lines_wrap_within_the_width_and_hold_every_character_once() -> None:
    from argmap.tui.reader_text import odd_widths, shown_text, wrap

    text = ("Short line.\n\n" + "word " * 30 + "\n" + "x" * 45 + " tail\n日本語の文は二つの幅 " * 4
            + "\tTabbed\x1b[2J and \u202eturned\u202c.")
    shown = shown_text(text)
    assert len(shown) == len(text) and "\x1b" not in shown and "\u202e" not in shown and "\t" not in shown
    starts, ends = wrap(shown, 20, odd_widths(shown))
    from rich.cells import cell_len

    assert all(cell_len(shown[start:end]) <= 20 for start, end in zip(starts, ends, strict=True))
    drawn = "".join(shown[start:end] for start, end in zip(starts, ends, strict=True))
    assert "".join(drawn.split()) == "".join(shown.split()), "every character but the spaces at breaks, once"
    assert len(starts) == len(set(starts)) and starts == sorted(starts)


async def test_only_the_cursors_sentence_is_drawn_reversed_after_steps_both_ways() -> None:
    """Each step redraws only the lines the cursor left and reached: none may keep an old cursor."""
    app = ArgmapApp(Document.open(BUNDLED_MAP))
    async with app.run_test(size=SIZE) as pilot:
        await open_from_claim(app, pilot, reyes_claims(app)[10].id)
        view = reader(app)
        for keys in (["down"] * 3, ["up"] * 2, ["v", "down", "v"], ["right", "left", "up"]):
            await pilot.press(*keys)
            await pilot.pause()
            frame = app.screen._compositor.render_full_update()  # from the widgets' caches, as on the terminal
            reversed_text = " ".join("".join(segment.text for strip in line for segment in strip
                                             if segment.style is not None and segment.style.reverse
                                             and not set(segment.text) <= SCROLLBAR) for line in frame.strips)
            assert reversed_text.split() == view.text[slice(*view.cursor)].split(), keys
