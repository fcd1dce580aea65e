"""Property tests: any JSON, and any mutation of a valid map, ends in a valid map or a clean error."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.store import MapError, dump_map, load_map, parse_map
from tests.conftest import small_map_document, write_map

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _load_cleanly(path: Path) -> None:
    """Loading either succeeds and saves back loadable, or raises MapError with plain messages."""
    try:
        loaded = load_map(path)
    except MapError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message and "\n" not in problem.message
        return
    path.write_bytes(dump_map(loaded.argument_map))
    assert dump_map(load_map(path).argument_map) == path.read_bytes()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_arbitrary_bytes_and_json_never_raise_anything_but_map_error(raw: bytes) -> None:
    try:
        parse_map(raw, "fuzz.json")
    except MapError as error:
        assert error.problems


PATHS = [
    ("title",), ("format_version",), ("authors", 0, "id"), ("authors", 1), ("sources", 0, "file"),
    ("sources", 0, "author"), ("claims", 0, "id"), ("claims", 0, "quote", "start"), ("claims", 1, "quote", "text"),
    ("claims", 1, "quote"), ("claims", 2, "topics"), ("claims", 2, "kind"), ("links", 0, "from"), ("links", 1, "to"),
    ("links", 0, "relation"), ("links", 1), ("claims",), ("links",),
]


@st.composite
def mutated_maps(draw: st.DrawFn) -> dict:
    document = small_map_document()
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        *parents, last = path
        node = document
        for key in parents:
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        else:
            action = draw(st.sampled_from(["replace", "delete", "duplicate", "swap-ids"]))
            off_the_list = isinstance(node, list) and (not isinstance(last, int) or last >= len(node))
            if not isinstance(node, (dict, list)) or off_the_list:
                continue
            if isinstance(node, dict) and last not in node:
                continue
            if action == "replace":
                node[last] = draw(json_values)
            elif action == "delete":
                del node[last]
            elif action == "duplicate" and isinstance(node[last], list) and node[last]:
                node[last].append(copy.deepcopy(node[last][0]))
            elif action == "swap-ids":
                _give_last_claim_the_first_id(document)
    return document


def _give_last_claim_the_first_id(document: dict) -> None:
    claims = document.get("claims")
    if isinstance(claims, list) and len(claims) > 1 and all(isinstance(c, dict) for c in claims):
        claims[-1]["id"] = claims[0].get("id", "x")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated_maps())
def test_mutated_maps_load_or_fail_cleanly(tmp_path: Path, document: dict) -> None:
    _load_cleanly(write_map(tmp_path, document))
