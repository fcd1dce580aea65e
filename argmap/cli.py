"""The command line: parse the words, call the core, print. No map logic lives here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from argmap import __version__
from argmap.bundled import bundled_map_path
from argmap.cards import CARD_FORMATS
from argmap.inert import InertStream
from argmap.store import MapError, Problem, load_map
from argmap.summary import summarize
from argmap.words import counted

if TYPE_CHECKING:
    from argmap.filters import ClaimFilter
    from argmap.formats.dot import Marks, Page
    from argmap.index import MapIndex
    from argmap.model import ArgumentMap, Claim, Link

Command = Callable[[argparse.Namespace], int]


class Selected(NamedTuple):
    """What the selection options chose: the claims and the links between them, said in words, and the filter."""

    claims: list[Claim]
    links: list[Link]
    description: str
    claim_filter: ClaimFilter


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status: 0 done, 1 the map is bad or a file failed, 2 wrong usage.

    Everything it prints is made inert first: a map's titles, names and texts may hold escape sequences meant
    for the terminal (see `argmap.inert`)."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(sys.stdout), InertStream(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _run(argv: Sequence[str] | None) -> int:
    parser, commands = _parser()
    arguments = parser.parse_args(_with_open_by_default(commands, list(sys.argv[1:] if argv is None else argv)))
    command: Command = arguments.command
    try:
        return command(arguments)
    except MapError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 1


def _parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser, and the names of its commands."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Build, navigate and compare argument maps. With no command, opens the app on the bundled map.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    open_app = commands.add_parser("open", help="open the app on a map (the default: `argmap [MAP]`)")
    open_app.add_argument("map", type=Path, nargs="?", metavar="MAP", help="the map file (default: the bundled map)")
    open_app.set_defaults(command=_open_app)

    new = commands.add_parser("new", help="create an empty map with a title, ready to open and fill")
    new.add_argument("map", type=Path, metavar="PATH")
    new.add_argument("--title", required=True, help="the map's title")
    new.set_defaults(command=_new)

    validate = commands.add_parser("validate", help="check maps: format, references, links and every quote")
    validate.add_argument("maps", nargs="+", type=Path, metavar="MAP")
    validate.set_defaults(command=_validate)

    info = commands.add_parser("info", help="summarize a map: authors, claims, links by relation, topics")
    info.add_argument("map", type=Path, metavar="MAP")
    info.set_defaults(command=_info)

    compare = commands.add_parser("compare", help="compare 2 to 5 authors: their claims by topic, links between them")
    compare.add_argument("map", type=Path, metavar="MAP")
    compare.add_argument("authors", nargs="+", metavar="AUTHOR", help="an author's id or a unique part of the name")
    compare.set_defaults(command=_compare)

    analyze = commands.add_parser(
        "analyze", help="agreement between authors, contested and central claims, what stands, inconsistencies"
    )
    analyze.add_argument("map", type=Path, metavar="MAP")
    analyze.add_argument("--json", action="store_true", help="everything as JSON, for machines")
    analyze.set_defaults(command=_analyze)

    coverage = commands.add_parser(
        "coverage", help="how much of each source text the claims quote, and the paragraphs not mapped yet"
    )
    coverage.add_argument("map", type=Path, metavar="MAP")
    coverage.add_argument("--source", metavar="ID", help="only this source (give its id)")
    coverage.add_argument("--json", action="store_true", help="everything as JSON, for machines")
    coverage.set_defaults(command=_coverage)

    add_source = commands.add_parser(
        "add-source", help="record a text file as a source of an author (created when new), path kept relative"
    )
    add_source.add_argument("map", type=Path, metavar="MAP")
    add_source.add_argument("file", type=Path, metavar="FILE", help="the source's text: a UTF-8 file inside the "
                            "map's folder tree")
    add_source.add_argument("--author", required=True, metavar="NAME",
                            help="an author's id or name (accents and case aside); a new name adds an author")
    add_source.add_argument("--title", help="the source's title (default: the file's name)")
    add_source.add_argument("--publication", help="where it was published")
    add_source.add_argument("--date", help="when, as free text (e.g. November 2017)")
    add_source.set_defaults(command=_add_source)

    prep = commands.add_parser(
        "prep", help="a debate prep sheet (Markdown, HTML or PDF), for a claim or an author's position")
    prep.add_argument("map", type=Path, metavar="MAP")
    prep.add_argument("claim", nargs="?", metavar="CLAIM", help="a claim's id or words from its sentence")
    prep.add_argument("--author", metavar="NAME", help="an author's id or a unique part of the name, instead of CLAIM")
    prep.add_argument("--format", choices=("md", "html", "pdf"),
                      help="Markdown, a printable HTML page or PDF (default: from the --output suffix, else md)")
    prep.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the sheet here (default: print it)")
    _case_options(prep)
    prep.set_defaults(command=_prep_or_case)

    sides = commands.add_parser(
        "sides", help="propose sides for a motion from the map's links (or add the motion); --accept writes them"
    )
    sides.add_argument("map", type=Path, metavar="MAP")
    sides.add_argument("--motion", metavar="MOTION", help="the motion's id or words from its sentence "
                       "(may be left out when the map holds one); a new id with --text adds a motion")
    sides.add_argument("--text", metavar="SENTENCE", help="the motion's sentence, for a new motion or to change it")
    sides.add_argument("--key", action="append", default=[], metavar="CLAIM",
                       help="a key claim of the motion (its id or words from its sentence), put on the affirmative; "
                       "repeatable; without one, the claims on its sides already are the seeds")
    sides.add_argument("--accept", action="store_true", help="write the proposed sides into the map")
    sides.set_defaults(command=_sides)

    export = commands.add_parser(
        "export",
        help="export a map, or part of it, as a Graphviz diagram (dot, svg, png, pdf), Markdown, a web page (html), "
             "Mermaid or Argdown, "
             "or for another tool (aif, kialo, graphml, gexf)",
        description="Export a map, or the claims you select, as a diagram or a document, or for another tool. Every "
        "format but svg, png and pdf goes to stdout when no --output is given.",
    )
    export.add_argument("map", type=Path, metavar="MAP")
    export.add_argument("--format", choices=("dot", "svg", "png", "pdf", "md", "html", "mermaid", "argdown", "aif",
                                             "kialo", "graphml", "gexf"),
                        help="what to write (default: from the --output suffix, else dot)")
    export.add_argument("--output", "-o", type=Path, metavar="FILE", help="the file to write (default: stdout)")
    export.add_argument("--group", choices=("author", "topic", "none"), default="author",
                        help="draw one cluster per author (the default), per topic, or none")
    _add_selection(export)
    export.add_argument("--root", metavar="CLAIM",
                        help="with --format kialo: the thesis, the claim whose reasons are written (default: the claim "
                             "with the most of the map beneath it)")
    _add_diagram_options(export)
    export.set_defaults(command=_export)

    cards = commands.add_parser(
        "cards",
        help="claims as debate cards (tag, cite, the quote in its context, the read words marked), as Markdown, "
             "HTML, PDF or Word",
        description="Write claims as debate cards: the claim's sentence as the tag, the full cite (author, "
        "qualification, publication, date), and the quote inside a little of its paragraph, the quoted words "
        "emphasised. Every claim, or those the options select. Markdown and HTML go to stdout when no --output is "
        "given.",
    )
    cards.add_argument("map", type=Path, metavar="MAP")
    cards.add_argument("--format", choices=CARD_FORMATS,
                       help="md, html, pdf, or docx for Word (default: from the --output suffix, else md)")
    cards.add_argument("--output", "-o", type=Path, metavar="FILE", help="the file to write (default: stdout)")
    _add_selection(cards)
    cards.set_defaults(command=_cards)

    import_map = commands.add_parser(
        "import",
        help="make a new argmap map from another tool's file",
        description="Make a new argmap map from another tool's file. What cannot be carried over exactly is listed "
        "as warnings. The new map never replaces an existing file.",
    )
    import_map.add_argument("file", type=Path, metavar="FILE")
    import_map.add_argument("--from", dest="format", metavar="FORMAT",
                            help="the file's format (default: from its suffix, else its content)")
    import_map.add_argument("--output", "-o", type=Path, metavar="MAP",
                            help="the map to write (default: FILE's name with .json, or .argmap.json for a "
                                 ".json FILE, beside it)")
    import_map.add_argument("--author", metavar="NAME", help="the author of every claim, when the file names none")
    import_map.set_defaults(command=_import)

    suggest = commands.add_parser(
        "suggest", help="candidate links: unlinked claims of different authors likely to bear on each other",
        description="Candidate links: claims of different authors that are not linked yet, ranked by shared wording, "
        "shared topics and claims linked to both; for one claim, or the whole map's best pairs.",
    )
    suggest.add_argument("map", type=Path, metavar="MAP")
    suggest.add_argument("claim", nargs="?", metavar="CLAIM",
                         help="a claim's id or words from its sentence (default: the whole map)")
    suggest.add_argument("--top", type=_positive, default=10, metavar="N", help="how many to show (default 10)")
    suggest.set_defaults(command=_suggest)

    serve = commands.add_parser(
        "serve", help="serve the app to a web browser (through textual-serve) and print the address to open",
        description="Serve the app itself to web browsers: each tab that opens the address runs the app on the map. "
        "Stop it with ctrl+c.",
    )
    serve.add_argument("map", type=Path, nargs="?", metavar="MAP", help="the map file (default: the bundled map)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    serve.set_defaults(command=_serve)

    diff = commands.add_parser(
        "diff", help="what changed between two maps: items added, removed, changed field by field; exit 1 if any",
        description="What changed from OLD to NEW, in the map's terms: authors, sources, claims and links added, "
        "removed or changed field by field (a text word by word). Exit 0 when the maps are the same, 1 when they "
        "differ, 2 when a map cannot be read.",
    )
    diff.add_argument("old", type=Path, metavar="OLD")
    diff.add_argument("new", type=Path, metavar="NEW")
    diff.add_argument("--json", action="store_true", help="the changes as JSON, for machines")
    diff.set_defaults(command=_diff)

    merge = commands.add_parser(
        "merge", help="three-way merge of two maps from their common base; exit 1 with conflicts",
        description="Merge OURS and THEIRS, two maps changed from BASE, by ids (links by their ends and relation). "
        "Changes made on one side are taken, the same change on both once; a conflict keeps our side and is "
        "recorded in the map for the app to resolve. Exit 0 merged, 1 with conflicts, 2 when a map cannot be read.",
    )
    merge.add_argument("base", type=Path, metavar="BASE")
    merge.add_argument("ours", type=Path, metavar="OURS")
    merge.add_argument("theirs", type=Path, metavar="THEIRS")
    merge.add_argument("--output", "-o", type=Path, metavar="OUT", help="write the merged map here (default: print "
                       "it)")
    merge.add_argument("--git", action="store_true", help="as git's merge driver: files that are not maps are "
                       "merged line by line (git merge-file) instead")
    merge.set_defaults(command=_merge)

    git_setup = commands.add_parser(
        "git-setup", help="make git merge and diff maps with argmap in this repository",
        description="Register argmap as git's merge driver and diff driver for map files in the repository around "
        "the current folder: lines in .gitattributes (commit them) and in the repository's git config (each clone "
        "runs this once). Files matching PATTERN that are not maps are still merged and diffed line by line.",
    )
    git_setup.add_argument("patterns", nargs="*", default=["*.json"], metavar="PATTERN",
                           help="which files are maps (default: *.json)")
    git_setup.set_defaults(command=_git_setup)
    git_diff = commands.add_parser("git-diff", help="git's diff driver for maps (set up by git-setup)")
    git_diff.add_argument("arguments", nargs="*", metavar="ARGUMENT", help="as git passes them: PATH OLD-FILE OLD-HEX "
                          "OLD-MODE NEW-FILE NEW-HEX NEW-MODE")
    git_diff.set_defaults(command=_git_diff)

    schema = commands.add_parser("schema", help="print the JSON Schema of the map format")
    schema.set_defaults(command=_schema)
    return parser, set(commands.choices)


def _add_selection(command: argparse.ArgumentParser) -> None:
    """The options that choose claims, the same for every command that writes some of a map (see `_selection`)."""
    command.add_argument("--author", action="append", default=[], metavar="AUTHOR",
                         help="only this author's claims (an id or a unique part of the name); repeatable")
    command.add_argument("--topic", action="append", default=[], metavar="TOPIC",
                         help="only claims with this topic; repeatable")
    command.add_argument("--relation", action="append", default=[], choices=("supports", "contradicts", "qualifies"),
                         help="only claims taking part in a link of this relation, and only links of it; repeatable")
    command.add_argument("--focus", metavar="CLAIM",
                         help="only the claims around this one (its id or words from its sentence)")
    command.add_argument("--depth", type=int, default=1, metavar="N",
                         help="with --focus: how many links away to go, in either direction (default 1)")


def _focus_found(index: MapIndex, arguments: argparse.Namespace) -> bool:
    """Put the id of the claim `--focus` names (an id or words from its sentence) in its place; False, said on
    stderr, when the words find no claim or several."""
    from argmap.lookup import resolve_claim

    if arguments.focus is None:
        return True
    try:
        arguments.focus = resolve_claim(index, arguments.focus)
    except ValueError as error:
        print(f"argmap: {arguments.map}: {error}", file=sys.stderr)
        return False
    return True


def _selection(index: MapIndex, arguments: argparse.Namespace, doing: str) -> Selected:
    """The claims and links the options of `_add_selection` choose, what chose them, and the filter; a `ValueError`
    in one sentence for an unknown topic or author, or when nothing is chosen (`doing`: "export", "cut")."""
    from argmap.compare import resolve_author
    from argmap.filters import ClaimFilter
    from argmap.model import Relation
    from argmap.selection import focus_words, select

    unknown_topics = [topic for topic in arguments.topic if topic not in index.claims_by_topic]
    if unknown_topics:
        raise ValueError(f"no claim has the topic {unknown_topics[0]!r}; the topics are {', '.join(index.topics)}")
    claim_filter = ClaimFilter(
        authors=frozenset(resolve_author(index, author) for author in arguments.author),
        topics=frozenset(arguments.topic),
        relations=frozenset(Relation(relation) for relation in arguments.relation),
    )
    claims, links = select(index, claim_filter, arguments.focus, arguments.depth)
    described = [claim_filter.describe(index)] if claim_filter.active else []
    if arguments.focus is not None:
        described.append(focus_words(index, arguments.focus, arguments.depth))
    if not claims:
        raise ValueError(f"nothing to {doing}: no claim matches {' · '.join(described)}")
    return Selected(claims, links, " · ".join(described), claim_filter)


def _new(arguments: argparse.Namespace) -> int:
    from argmap.document import Document

    Document.create(arguments.map, arguments.title)
    print(f"{arguments.map}: created; open it with: argmap {arguments.map}")
    return 0


def _validate(arguments: argparse.Namespace) -> int:
    status = 0
    for path in arguments.maps:
        try:
            loaded = load_map(path)
        except MapError as error:
            for problem in error.problems:
                print(problem)
            print(f"{path}: invalid ({counted(error.total, 'problem')})")
            status = 1
            continue
        for warning in loaded.warnings:
            print(warning)
        argument_map = loaded.argument_map
        quoted = sum(1 for claim in argument_map.claims if claim.quote is not None)
        unchecked = quoted - loaded.quotes_checked
        checked = f"{counted(loaded.quotes_checked, 'quote')} checked against their sources"
        if unchecked:
            checked += f", {unchecked:,} not checked"
        warnings = f", {counted(len(loaded.warnings), 'warning')}" if loaded.warnings else ""
        print(f"{path}: valid ({counted(len(argument_map.claims), 'claim')}, "
              f"{counted(len(argument_map.links), 'link')}, {checked}{warnings})")
    return status


def _open_index(path: Path) -> MapIndex:
    """Load a map (a `MapError` ends the command with its lines), tell its warnings on stderr, index it."""
    from argmap.index import MapIndex

    loaded = load_map(path)
    for warning in loaded.warnings:
        print(warning, file=sys.stderr)
    return MapIndex(loaded.argument_map)


def _info(arguments: argparse.Namespace) -> int:
    print(summarize(_open_index(arguments.map).map))
    return 0


def _compare(arguments: argparse.Namespace) -> int:
    from argmap.compare import agreement_matrix, compare_authors, resolve_author
    from argmap.formats.comparison_text import render_comparison_text

    index = _open_index(arguments.map)
    try:
        author_ids = [resolve_author(index, author) for author in arguments.authors]
        comparison = compare_authors(index, author_ids)
        matrix = agreement_matrix(index, author_ids)
    except ValueError as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(render_comparison_text(index, comparison, matrix))
    return 0


def _analyze(arguments: argparse.Namespace) -> int:
    import json

    from argmap.analysis import analyze
    from argmap.formats.report import analysis_to_json, render_analysis_text

    index = _open_index(arguments.map)
    analysis = analyze(index)
    if arguments.json:
        sys.stdout.write(json.dumps(analysis_to_json(index, analysis), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_analysis_text(index, analysis))
    return 0


def _coverage(arguments: argparse.Namespace) -> int:
    import json

    from argmap.coverage import map_coverage
    from argmap.formats.coverage_text import coverage_to_json, render_coverage_text
    from argmap.sources import SourceTexts

    index = _open_index(arguments.map)
    wanted: str | None = arguments.source
    if wanted is not None and wanted not in index.sources:
        print(f"argmap: {arguments.map} has no source with the id {wanted!r}{_did_you_mean(wanted, index.sources)}",
              file=sys.stderr)
        return 2
    texts = SourceTexts(index.map, arguments.map.parent)
    chosen = list(map_coverage(index.map, texts, only=wanted).values())
    if arguments.json:
        sys.stdout.write(json.dumps(coverage_to_json(index, chosen), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_coverage_text(index, chosen))
    return 0


def _did_you_mean(wanted: str, known: Collection[str]) -> str:
    """'; did you mean 'x'?' for a close id, else the ids there are (the first ten), or that there are none."""
    from rapidfuzz import process

    close = process.extractOne(wanted, list(known), score_cutoff=80)
    if close:
        return f"; did you mean {close[0]!r}?"
    if not known:
        return " (it has no sources)"
    shown = ", ".join(list(known)[:10]) + (", …" if len(known) > 10 else "")
    return f"; its sources are {shown}"


def _add_source(arguments: argparse.Namespace) -> int:
    from argmap.adding import Refused, new_source
    from argmap.document import Document, ExternalChange
    from argmap.edits import EditError

    document = Document.open(arguments.map)
    try:
        added = new_source(document.argument_map, arguments.map.parent, arguments.file, arguments.author,
                           title=arguments.title, publication=arguments.publication, date=arguments.date)
        for edit in added.edits:
            document.apply(edit)
    except (Refused, EditError) as error:
        print(f"argmap: {str(error).rstrip('.')}; {arguments.map} is unchanged", file=sys.stderr)
        return 1
    try:
        document.save()
    except ExternalChange as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    source = added.source
    name = document.index.author_name(source.author)
    author = f"new author {name!r} ({source.author})" if added.new_author else f"{name} ({source.author})"
    print(f"{arguments.map}: added source {source.id!r} ({source.title}) by {author}, text {source.file}\n"
          f"see what is mapped of it with: argmap coverage {arguments.map} --source {source.id}")
    return 0


def _prep(arguments: argparse.Namespace) -> int:
    from argmap.analysis import analyze
    from argmap.formats.pdf import PdfError
    from argmap.formats.prep import author_sheet_data, claim_sheet_data, sheet_bytes
    from argmap.lookup import resolve_author, resolve_claim
    from argmap.store import write_atomically

    if (arguments.claim is None) == (arguments.author is None):
        print("argmap prep: give either a claim (its id or words from its sentence) or --author NAME (one of them)",
              file=sys.stderr)
        return 2
    output: Path | None = arguments.output
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    sheet_format = arguments.format or {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    if sheet_format not in ("md", "html", "pdf"):
        sheet_format = "md"
    if sheet_format == "pdf" and output is None:
        print("argmap prep: PDF is not text; give a file to write it to with --output FILE", file=sys.stderr)
        return 2
    index = _open_index(arguments.map)
    try:
        author_id = None if arguments.author is None else resolve_author(index, arguments.author)
        claim_id = None if arguments.claim is None else resolve_claim(index, arguments.claim)
    except ValueError as error:
        print(f"argmap: {arguments.map}: {error}", file=sys.stderr)
        return 2
    analysis = analyze(index)
    if claim_id is not None:
        sheet = claim_sheet_data(index, analysis, claim_id)
    else:
        sheet = author_sheet_data(index, analysis, author_id or "")
    try:
        content = sheet_bytes(sheet, sheet_format)
    except PdfError as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    if output is None:
        sys.stdout.write(content.decode("utf-8"))
    else:
        write_atomically(output, content)
        print(f"{output}: prep sheet written as {sheet_format}")
    return 0


def _case_options(prep: argparse.ArgumentParser) -> None:
    """`prep`'s options for a side's case: with them, the sheet is the case and its blocks instead."""
    prep.add_argument("--motion", metavar="MOTION", help="with --side: a motion's id or words from its sentence")
    prep.add_argument("--side", choices=("aff", "neg"), help="the side whose case and blocks to prepare")


def _prep_or_case(arguments: argparse.Namespace) -> int:
    if arguments.side is None and arguments.motion is None:
        return _prep(arguments)
    if arguments.side is None or arguments.claim is not None or arguments.author is not None:
        print("argmap prep: --motion goes with --side aff|neg, and with no claim or --author", file=sys.stderr)
        return 2
    from argmap.analysis import analyze
    from argmap.case import case_of
    from argmap.formats.case import case_sheet
    from argmap.sides import resolve_motion
    from argmap.sources import SourceTexts
    from argmap.store import write_atomically

    index = _open_index(arguments.map)
    try:
        motion = resolve_motion(index.map.motions, arguments.motion)
    except ValueError as error:
        print(f"argmap: {arguments.map}: {error}", file=sys.stderr)
        return 1
    case = case_of(index, analyze(index), SourceTexts(index.map, arguments.map.parent), motion, arguments.side)
    sheet = case_sheet(index, case)
    if arguments.output is None:
        sys.stdout.write(sheet)
    else:
        write_atomically(arguments.output, sheet.encode("utf-8"))
        print(f"{arguments.output}: case and blocks written")
    return 0


def _sides(arguments: argparse.Namespace) -> int:
    from argmap.edits import AddMotion, EditError, UpdateMotion, validated
    from argmap.formats.sides_text import render_proposal
    from argmap.lookup import resolve_claim
    from argmap.model import Motion
    from argmap.sides import propose_sides, resolve_motion
    from argmap.store import save_map

    index = _open_index(arguments.map)
    motions = index.map.motions
    new = arguments.text is not None and arguments.motion is not None
    new = new and not any(motion.id == arguments.motion for motion in motions)
    try:
        if new:
            motion = validated(Motion, {"id": arguments.motion, "text": arguments.text})
        else:
            motion = resolve_motion(motions, arguments.motion)
            if arguments.text is not None:
                motion = validated(Motion, {"id": motion.id, "text": arguments.text, "aff": motion.aff,
                                            "neg": motion.neg})
        keys = [resolve_claim(index, key) for key in arguments.key]
        proposal = propose_sides(index, motion, keys)
    except EditError as error:
        print(f"argmap: {arguments.map}: {error.message}", file=sys.stderr)
        return 2
    except ValueError as error:
        hint = "; add one with --motion ID --text SENTENCE" if not motions else ""
        print(f"argmap: {arguments.map}: {error}{hint}", file=sys.stderr)
        return 1
    sys.stdout.write(render_proposal(index, proposal))
    if not arguments.accept:
        print(f"Nothing written: run again with --accept to write these sides into {arguments.map}.")
        return 0
    edit = AddMotion(proposal.accepted()) if new else UpdateMotion(motion.id, proposal.accepted())
    try:
        edit.apply(index.map)
    except EditError as error:
        print(f"argmap: {arguments.map}: {error.message}", file=sys.stderr)
        return 1
    save_map(index.map, arguments.map)
    print(f"{arguments.map}: {edit.description[0].lower()}{edit.description[1:]}")
    return 0


def _export(arguments: argparse.Namespace) -> int:
    from argmap.collector import collector_paused
    from argmap.formats import TEXT_FORMATS, export, format_for
    from argmap.store import write_atomically

    with collector_paused():
        index = _open_index(arguments.map)
    if not _focus_found(index, arguments):
        return 2
    try:
        output_format = format_for(arguments.output, arguments.format)
        if output_format not in TEXT_FORMATS and arguments.output is None:
            raise ValueError(f"{output_format.upper()} is not text; give a file to write it to with --output FILE")
        if arguments.overview is not None:
            return _export_overview(arguments, index, output_format)
        claims, links, description, claim_filter = _selection(index, arguments, "export")
        marks, claims, links = _diagram_marks(arguments, index, claim_filter, claims, links, output_format)
        content = export(
            index, claims, links, output_format, group=arguments.group, preferred_topics=claim_filter.topics,
            description=description, note=lambda line: print(f"argmap: {line}", file=sys.stderr),
            root=arguments.root, marks=marks,
        )
    except ValueError as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    if arguments.output is None:
        sys.stdout.write(content if isinstance(content, str) else content.decode("utf-8"))
        return 0
    write_atomically(arguments.output, content.encode("utf-8") if isinstance(content, str) else content)
    written = f"{counted(len(claims), 'claim')} and {counted(len(links), 'link')}"
    if output_format == "kialo":  # one tree of them: the note above says how much
        written = "the discussion"
    print(f"{arguments.output}: {written} written as {output_format}")
    return 0


def _cards(arguments: argparse.Namespace) -> int:
    from argmap.cards import cards_of
    from argmap.formats.cards import BINARY_CARD_FORMATS, card_format_for, cards_file
    from argmap.formats.pdf import PdfError
    from argmap.sources import SourceTexts
    from argmap.store import write_atomically

    index = _open_index(arguments.map)
    if not _focus_found(index, arguments):
        return 2
    try:
        output_format = card_format_for(arguments.output, arguments.format)
        if output_format in BINARY_CARD_FORMATS and arguments.output is None:
            raise ValueError(f"{output_format.upper()} is not text; give a file to write it to with --output FILE")
        claims, _, description, _ = _selection(index, arguments, "cut")
        cards = cards_of(index, SourceTexts(index.map, arguments.map.parent), claims)
        content = cards_file(cards, index.map.title, output_format, description)
    except (ValueError, PdfError) as error:
        print(f"argmap: {error}", file=sys.stderr)
        return 1
    if arguments.output is None:
        sys.stdout.write(content.decode("utf-8"))
        return 0
    write_atomically(arguments.output, content)
    placed = sum(1 for card in cards if card.placed)
    print(f"{arguments.output}: {counted(len(cards), 'card')} written as {output_format} "
          f"({placed:,} with the quote in its context)")
    return 0


def _add_diagram_options(export: argparse.ArgumentParser) -> None:
    """The options of `export` that only diagrams (dot, svg, png, pdf) take."""
    diagrams = export.add_argument_group("diagrams (dot, svg, png, pdf)")
    diagrams.add_argument("--overview", nargs="?", const="author", choices=("author", "topic"),
                          help="the argument at a glance: a box per author (or per topic), an arrow per pair and "
                               "relation, as wide as its links")
    diagrams.add_argument("--why", action="store_true",
                          help="write each link's rationale on its arrow (small diagrams; SVG tooltips always have it)")
    diagrams.add_argument("--standing", action="store_true", help="mark the claims that are rejected or undecided")
    diagrams.add_argument("--strict", action="store_true",
                          help="leave out the claims outside the selection that its links lead to (counted on the "
                               "boxes instead of drawn, white and dashed)")
    diagrams.add_argument("--page", choices=("a4", "letter"), help="fit the diagram to a printed page")
    diagrams.add_argument("--landscape", action="store_true", help="with --page: the page turned sideways")
    diagrams.add_argument("--split", action="store_true",
                          help="with --page and a PDF: print a large diagram over as many pages as keep its text "
                               "legible (9 pt), numbered, to tape together")


DIAGRAM_FORMATS = ("dot", "svg", "png", "pdf")


def _diagram_marks(
    arguments: argparse.Namespace, index: MapIndex, claim_filter: ClaimFilter, claims: list[Claim],
    links: list[Link], output_format: str,
) -> tuple[Marks | None, list[Claim], list[Link]]:
    """For a diagram: what it marks (see `dot.Marks`), and the claims and links to draw, those outside the selection
    added unless `--strict`. Other formats get the selection as it is, and refuse the diagrams' options."""
    from argmap.analysis import analyze
    from argmap.formats.dot import WHY_LIMIT, Marks
    from argmap.formats.render import SFDP_LIMIT
    from argmap.selection import beyond

    if output_format not in DIAGRAM_FORMATS:
        _refuse_diagram_options(arguments)
        return None, claims, links
    outside, reaching, cut = beyond(index, claim_filter, claims, arguments.focus, arguments.depth, arguments.strict)
    drawn = {claim.id for claim in claims} | {claim.id for claim in outside}
    claims = [claim for claim in index.map.claims if claim.id in drawn] if outside else claims
    if reaching:
        order = {link.key: number for number, link in enumerate(index.map.links)}
        links = sorted([*links, *reaching], key=lambda link: order[link.key])
    why = arguments.why
    if why and len(links) > WHY_LIMIT:
        print(f"argmap: {counted(len(links), 'link')} are too many to write their rationales on (--why draws them "
              f"up to {WHY_LIMIT:,}); hover an arrow in the SVG to read one", file=sys.stderr)
        why = False
    # Standings feed the SVG's tooltips (and DOT's) and `--standing`: 1.3 s of analysis at 100,000 claims, spared
    # where nothing shows them (PNG, PDF, and maps drawn on a grid, which carry no tooltips).
    wanted = arguments.standing or (output_format in ("dot", "svg") and len(claims) + len(links) <= SFDP_LIMIT)
    marks = Marks(focus=arguments.focus, outside=frozenset(claim.id for claim in outside), cut=cut,
                  standings=analyze(index).standings if wanted else None, show_standing=arguments.standing,
                  why=why, page=_page(arguments, output_format))
    return marks, claims, links


def _page(arguments: argparse.Namespace, output_format: str) -> Page | None:
    """The printed page `--page`, `--landscape` and `--split` ask for, if any."""
    from argmap.formats.dot import Page

    if arguments.landscape and arguments.page is None:
        raise ValueError("--landscape turns a page: give one with --page a4 or --page letter")
    if arguments.split and arguments.page is None:
        raise ValueError("--split cuts a diagram into pages: give their size with --page a4 or --page letter")
    if arguments.split and output_format != "pdf":
        raise ValueError("--split prints pages of a PDF; export --format pdf (or --output FILE.pdf) with it")
    return Page(arguments.page, arguments.landscape, arguments.split) if arguments.page is not None else None


def _refuse_diagram_options(arguments: argparse.Namespace) -> None:
    """A ValueError naming the first diagram-only option given, if any."""
    for option in ("overview", "why", "standing", "strict", "page", "landscape", "split"):
        if getattr(arguments, option) not in (None, False):
            raise ValueError(f"--{option} is for diagrams; export --format dot, svg, png or pdf with it")


def _export_overview(arguments: argparse.Namespace, index: MapIndex, output_format: str) -> int:
    """`export --overview`: the whole map at a glance, by author or topic, drawn or as DOT."""
    from argmap.formats.overview import overview_dot
    from argmap.formats.render import Layout, on_page, render
    from argmap.store import write_atomically

    if output_format not in DIAGRAM_FORMATS:
        raise ValueError("--overview is a diagram; export it as dot, svg, png or pdf")
    chosen = [name for name in ("author", "topic", "relation", "focus", "why", "standing", "strict")
              if getattr(arguments, name)]
    if chosen:
        raise ValueError(f"--overview draws the whole map, author by author or topic by topic; leave out --{chosen[0]}")
    page = _page(arguments, output_format)
    dot_text = overview_dot(index, arguments.overview, page)
    content = dot_text.encode("utf-8")
    if output_format == "pdf" and page is not None:
        content = on_page(render(dot_text, "svg", Layout(("dot",)), len(index.map.authors)), page)
    elif output_format != "dot":
        content = render(dot_text, output_format, Layout(("dot",)), len(index.map.authors))
    if arguments.output is None:
        sys.stdout.write(dot_text)
        return 0
    write_atomically(arguments.output, content)
    print(f"{arguments.output}: overview by {arguments.overview} written as {output_format}")
    return 0


def _import(arguments: argparse.Namespace) -> int:
    from argmap.interchange import import_file, save_imported
    from argmap.model import check_integrity
    from argmap.store import MAX_PROBLEMS

    source: Path = arguments.file
    beside = source.with_suffix(".json")
    output: Path = arguments.output or (beside if beside != source else source.with_suffix(".argmap.json"))
    if output.exists() or output.is_symlink():
        raise MapError([Problem(str(output), "", "already exists; choose another name with --output")])
    imported = import_file(source, arguments.format, arguments.author)
    broken = [finding for finding in check_integrity(imported.argument_map) if finding.severity == "error"]
    if broken:  # a reader's mistake, never written as a map argmap would refuse to open
        raise MapError([Problem(str(source), finding.place, finding.message) for finding in broken[:MAX_PROBLEMS]])
    texts = save_imported(imported, output)
    for warning in imported.warnings:
        print(f"{source}: warning: {warning}", file=sys.stderr)
    argument_map = imported.argument_map
    print(f"{output}: {counted(len(argument_map.claims), 'claim')} and {counted(len(argument_map.links), 'link')} "
          f"imported from {source}")
    for text in texts:
        print(f"{text}: the source text its quotes are checked against")
    return 0


def _positive(value: str) -> int:
    """A whole number of at least 1, for argparse."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def _suggest(arguments: argparse.Namespace) -> int:
    from argmap.formats.suggestions_text import render_claim_suggestions, render_map_suggestions
    from argmap.lookup import resolve_claim
    from argmap.suggest import Suggester

    index = _open_index(arguments.map)
    suggester = Suggester(index)
    if arguments.claim is None:
        sys.stdout.write(render_map_suggestions(index, suggester.best_pairs(arguments.top)))
        return 0
    try:
        claim_id = resolve_claim(index, arguments.claim)
    except ValueError as error:
        print(f"argmap: {arguments.map}: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(render_claim_suggestions(index, claim_id, suggester.for_claim(claim_id, arguments.top)))
    return 0


def _port(value: str) -> int:
    """A TCP port, 1 to 65535, for argparse."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= 65_535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (a whole number from 1 to 65535)")
    return number


def _serve(arguments: argparse.Namespace) -> int:
    path: Path = arguments.map or bundled_map_path()
    title = _open_index(path).map.title  # a bad map is refused here, before any browser asks for it
    from argmap.tui.serve import serve

    try:
        serve(path, title, arguments.host, arguments.port)
    except OSError as error:
        print(f"argmap serve: cannot listen on {arguments.host} port {arguments.port}: "
              f"{error.strerror or error}; choose another with --port or --host", file=sys.stderr)
        return 1
    return 0


def _read_maps(*paths: Path) -> tuple[list[ArgumentMap], list[Problem]]:
    """The maps, or every problem that keeps them from being read (a usage error for diff and merge, exit 2)."""
    maps, problems = [], []
    for path in paths:
        try:
            maps.append(load_map(path).argument_map)
        except MapError as error:
            problems += error.problems
    return maps, problems


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _diff(arguments: argparse.Namespace) -> int:
    import json

    from argmap.diff import changes_to_json, diff_maps, render_changes

    maps, problems = _read_maps(arguments.old, arguments.new)
    if problems:
        _print_problems(problems)
        return 2
    changes = diff_maps(*maps)
    if arguments.json:
        sys.stdout.write(json.dumps(changes_to_json(changes), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_changes(changes))
    return 1 if changes else 0


def _merge(arguments: argparse.Namespace) -> int:
    from argmap.gitdrivers import claims_to_be_a_map
    from argmap.merge import UnmergeableMap, merge_maps
    from argmap.store import dump_map, write_atomically

    paths = arguments.base, arguments.ours, arguments.theirs
    maps, problems = _read_maps(*paths)
    if problems:
        if not arguments.git:
            _print_problems(problems)
            return 2
        if any(claims_to_be_a_map(path) for path in paths):
            _print_problems(problems)
            print(f"argmap: merging {arguments.ours} line by line, as argmap cannot read it as a map",
                  file=sys.stderr)
        return _merge_lines(*paths)
    try:
        merged = merge_maps(*maps)
    except UnmergeableMap as error:
        unmerged = next(path for path, each in zip(paths, maps, strict=True) if each.conflicts)
        print(f"{unmerged}: {error}", file=sys.stderr)
        return 2
    if arguments.output is None:
        sys.stdout.write(dump_map(merged).decode("utf-8"))  # made inert, which in JSON is the same string
    else:
        write_atomically(arguments.output, dump_map(merged))
    conflicts = merged.conflicts or []
    where = arguments.output or "the merged map"
    if not conflicts:
        print(f"{where}: merged without conflicts", file=sys.stderr)
        return 0
    print(f"{where}: merged with {counted(len(conflicts), 'conflict')} (our side is kept for each; open the map in "
          "argmap to resolve them):", file=sys.stderr)
    for conflict in conflicts:
        print(f"  {conflict.summary}", file=sys.stderr)
    return 1


def _merge_lines(base: Path, ours: Path, theirs: Path) -> int:
    """What git would have done without argmap: a line merge into `ours`, conflict markers and all."""
    import subprocess

    return min(subprocess.run(["git", "merge-file", str(ours), str(base), str(theirs)], check=False).returncode, 1)


def _git_setup(arguments: argparse.Namespace) -> int:
    from argmap.gitdrivers import set_up

    for line in set_up(Path.cwd(), arguments.patterns):
        print(line)
    return 0


def _git_diff(arguments: argparse.Namespace) -> int:
    from argmap.gitdrivers import diff_for_git

    if len(arguments.arguments) != 7:
        print("argmap git-diff: git's diff driver takes the 7 arguments git passes (see argmap git-setup)",
              file=sys.stderr)
        return 2
    sys.stdout.write(diff_for_git(arguments.arguments[0], Path(arguments.arguments[1]), Path(arguments.arguments[4])))
    return 0


def _schema(arguments: argparse.Namespace) -> int:
    from argmap.model import json_schema_text

    sys.stdout.write(json_schema_text())
    return 0


def _with_open_by_default(commands: set[str], argv: list[str]) -> list[str]:
    """`argmap` and `argmap MAP` mean `argmap open [MAP]`."""
    if not argv or (argv[0] not in commands and not argv[0].startswith("-")):
        return ["open", *argv]
    return argv


def _open_app(arguments: argparse.Namespace) -> int:
    from argmap.document import Document

    path: Path | None = arguments.map
    if path is not None and not path.exists() and not path.suffix and len(path.parts) == 1:
        print(f"argmap: {str(path)!r} is neither a command nor a map file (see argmap --help)", file=sys.stderr)
        return 2
    document = Document.open(path or bundled_map_path())
    from argmap.tui.app import ArgmapApp

    ArgmapApp(document).run()
    return 0
