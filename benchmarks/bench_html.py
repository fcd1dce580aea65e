"""The web page (`argmap export --format html`) in a real headless Chromium: how long the bundled map's page and a
generated map's page take to open, how large the file is, and how long the search box takes to answer a keystroke,
measured in the page with `performance.now()`.

Baselines, in the same run: opening the SVG export of the same selection alone (the drawing the page embeds), and
for the search, a page that holds nothing but a search box and a line it rewrites (`FLOOR`): the time to its next
frame is what any keystroke costs, the browser's frame interval included. Needs Graphviz, Debian's `chromium`
and `chromedriver`, and selenium (`pip install -e '.[test]'`).

Usage: python -m benchmarks.bench_html [--claims N] [--repeat K] [--query WORDS]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from argmap.bundled import bundled_map_path
from argmap.filters import ClaimFilter
from argmap.formats import export
from argmap.index import MapIndex
from argmap.selection import select
from argmap.store import load_map
from benchmarks.generate import generate_map

TYPE = """
const [query, done] = [arguments[0], arguments[arguments.length - 1]];
const search = document.getElementById("search");
const handler = [], laid = [], framed = [];
let step = 0;
const prefixes = [];
for (let end = 1; end <= query.length; end++) prefixes.push(query.slice(0, end));
for (let end = query.length - 1; end >= 0; end--) prefixes.push(query.slice(0, end));
function next() {
  if (step === prefixes.length) { done({handler, laid, framed}); return; }
  search.value = prefixes[step++];
  const start = performance.now();
  search.dispatchEvent(new Event("input"));
  handler.push(performance.now() - start);
  document.body.getBoundingClientRect();
  laid.push(performance.now() - start);
  requestAnimationFrame(() => setTimeout(() => { framed.push(performance.now() - start); next(); }, 0));
}
next();
"""
"""Types the query a letter at a time, then deletes it a letter at a time; per keystroke, the time the page's input
handler took (filtering the claims, changing the list), then with the style and layout it forced, and the time
until the next frame was drawn with the result."""

FLOOR = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>floor</title></head><body>'
    '<input type="search" id="search"><output id="shown"></output><script>'
    'const search = document.getElementById("search"), shown = document.getElementById("shown");'
    'search.addEventListener("input", () => { shown.textContent = search.value.length + " letters"; });'
    "</script></body></html>"
)
"""A page whose keystroke does nearly nothing: the baseline for the time to the next frame."""


def write_page(map_path: Path, output: Path, output_format: str) -> tuple[Path, float, int]:
    """Export the whole map; the file, the seconds it took (load, select, analyse, lay out, write), its claims."""
    start = time.perf_counter()
    index = MapIndex(load_map(map_path).argument_map)
    claims, links = select(index, ClaimFilter())
    content = export(index, claims, links, output_format)
    output.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return output, time.perf_counter() - start, len(claims)


def open_time(driver: Any, page: Path, repeat: int) -> float:
    """The fastest of `repeat` opens of the page: from navigation to the end of its load event, as the page
    measures it (its script has run by then), in seconds."""
    times = []
    for _ in range(repeat):
        driver.get("about:blank")
        driver.get(page.resolve().as_uri())
        times.append(driver.execute_script(
            "const entry = performance.getEntriesByType('navigation')[0]; return entry.loadEventEnd;") / 1000)
    return min(times)


def search_times(driver: Any, page: Path, query: str) -> tuple[list[float], list[float], list[float]]:
    driver.get(page.resolve().as_uri())
    driver.set_script_timeout(120)
    result = driver.execute_async_script(TYPE, query)
    return result["handler"], result["laid"], result["framed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--query", default="fentanyl border")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.browser import start_chromium

    driver = start_chromium()
    try:
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            generated = generate_map(arguments.claims, folder / "generated")
            floor_page = folder / "floor.html"
            floor_page.write_text(FLOOR, encoding="utf-8")
            floor = statistics.median(search_times(driver, floor_page, arguments.query)[2])
            rows = []
            for label, map_path in (("bundled", bundled_map_path()), (f"{arguments.claims:,} claims", generated)):
                svg, svg_seconds, _ = write_page(map_path, folder / f"{len(rows)}.svg", "svg")
                page, page_seconds, count = write_page(map_path, folder / f"{len(rows)}.html", "html")
                svg_open = open_time(driver, svg, arguments.repeat)
                page_open = open_time(driver, page, arguments.repeat)
                handler, laid, framed = search_times(driver, page, arguments.query)
                rows.append((label, count, svg.stat().st_size, svg_seconds, svg_open, page.stat().st_size, page_seconds,
                             page_open, handler, laid, framed))
    finally:
        driver.quit()

    print(f"Web page in headless Chromium; open times best of {arguments.repeat}; search types "
          f"{arguments.query!r} a letter at a time and deletes it again ({2 * len(arguments.query)} keystrokes)")
    print(f"A search box alone (the baseline): to the next frame median {floor:.1f} ms")
    for row in rows:
        label, count, svg_size, svg_seconds, svg_open, page_size, page_seconds, page_open, handler, laid, framed = row
        print(f"\n{label} ({count:,} claims)")
        print(f"  export: svg {svg_seconds:.2f} s ({svg_size / 1e6:.2f} MB), "
              f"html {page_seconds:.2f} s ({page_size / 1e6:.2f} MB, {page_seconds / svg_seconds:.2f}x)")
        print(f"  open in Chromium: svg alone {svg_open:.3f} s, page {page_open:.3f} s ({page_open / svg_open:.2f}x)")
        print(f"  search per keystroke: handler median {statistics.median(handler):.1f} ms, max {max(handler):.1f} ms;"
              f" with style and layout median {statistics.median(laid):.1f} ms, max {max(laid):.1f} ms;"
              f" to the next frame median {statistics.median(framed):.1f} ms, max {max(framed):.1f} ms "
              f"({statistics.median(framed) / floor:.2f}x the search box alone)")


if __name__ == "__main__":
    main()
