"""`argmap serve`: the real app served by textual-serve, opened in a real headless Chromium, read from the terminal
the page draws, and stopped with ctrl+c as a user would."""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser import requested_urls, requires_chromium, screenshot, start_chromium
from tests.conftest import ROOT, run_argmap, small_map_document, write_map

TITLE = 'Small <map> & "friends"'

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
    if (value && value.buffer) window.__argmapTerminal = value;
  },
});
"""
"""Run before the page's own script: textual-serve's page keeps its xterm.js terminal as `this.terminal` of an object
of its own, which this catches as it is set, so the test can read the screen from xterm's buffer (the page draws
it on a canvas, which holds no text)."""

READ_TERMINAL = """
const terminal = window.__argmapTerminal;
if (!terminal) return null;
const buffer = terminal.buffer.active;
const lines = [];
for (let row = 0; row < terminal.rows; row++) lines.push(buffer.getLine(row).translateToString(true));
return lines.join("\\n");
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def read_line(process: subprocess.Popen[str], wait: float = 30.0) -> str:
    """The server's first line on stdout (it says the address), or a failure with what it said on stderr."""
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], wait)
    assert ready, f"argmap serve said nothing in {wait:g} s"
    return process.stdout.readline()


def children(pid: int) -> set[int]:
    """The processes `pid` started that are still running."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(child) for child in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def start_serving(folder: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """`argmap serve` on a copy of the small map titled `TITLE`, with what it said first."""
    document = small_map_document()
    document["title"] = TITLE
    map_path = write_map(folder, document, "small map's copy.json")
    process = subprocess.Popen(
        [sys.executable, "-m", "argmap", "serve", str(map_path), *options], cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        return process, read_line(process)
    except BaseException:
        process.kill()
        process.wait(10)
        raise


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.kill()
        process.wait(10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process, said = start_serving(tmp_path, "--port", str(free_port()))
    try:
        yield process, said
    finally:
        stop(process)


def terminal_text(driver: Any, *wanted: str, wait: float = 60.0) -> str:
    """The terminal's text once it shows every one of `wanted` (the app takes a moment to start)."""
    deadline = time.monotonic() + wait
    text = ""
    while time.monotonic() < deadline:
        text = driver.execute_script(READ_TERMINAL) or ""
        if all(words in text for words in wanted):
            return text
        time.sleep(0.25)
    raise AssertionError(f"the terminal never showed {wanted!r}; it showed:\n{text}")


@requires_chromium
def test_serve_shows_the_app_in_a_browser_and_stops_cleanly(
    served: tuple[subprocess.Popen[str], str], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    process, said = served
    assert said.startswith("Serving the app on ") and "open http://127.0.0.1:" in said, said
    address = said.split("open ", 1)[1].split()[0]
    claim = small_map_document()["claims"][0]["text"]
    driver = start_chromium(1280, 720, network=True)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CATCH_TERMINAL})
        driver.get(address)
        assert TITLE in driver.find_element(By.CLASS_NAME, "intro").get_attribute("textContent"), \
            "the page names the map as typed"
        screen = terminal_text(driver, TITLE, claim)
        screenshot(driver, tmp_path, "serve.png")
        requested = requested_urls(driver)
        assert [url for url in requested if url.startswith("ws:")], "the terminal's websocket is in the log"
        assert {urlsplit(url).netloc for url in requested} == {urlsplit(address).netloc}, \
            f"every request the page makes goes to the server it came from: {requested}"
        assert driver.execute_script("return document.fonts.check('16px \"Roboto Mono\"')"), \
            "the terminal's font comes from the server"
        apps = children(process.pid)
        assert apps, "each browser tab runs its own app"
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0, process.stderr.read() if process.stderr else ""
    finally:
        driver.quit()
    assert TITLE in screen.splitlines()[0], screen
    assert not [pid for pid in apps if alive(pid)], "the apps stop with the server"
    errors = process.stderr.read() if process.stderr else ""
    assert "Traceback" not in errors, errors


def test_serve_refuses_a_bad_map_and_a_taken_port(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format_version": 1}), encoding="utf-8")
    refused = run_argmap("serve", broken, "--port", str(free_port()))
    assert refused.returncode == 1 and "title" in refused.stderr and "Traceback" not in refused.stderr
    assert run_argmap("serve", "--port", "70000").returncode == 2
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_argmap("serve", "--port", str(port))
    assert result.returncode == 1, result.stderr
    assert f"cannot listen on 127.0.0.1 port {port}" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_serve_on_every_interface_says_an_address_a_person_can_open(host: str, tmp_path: Path) -> None:
    port = free_port()
    process, said = start_serving(tmp_path, "--host", host, "--port", str(port))
    try:
        loopback = "127.0.0.1" if host == "0.0.0.0" else "[::1]"
        assert f"open http://{loopback}:{port}/ in a web browser" in said, said
        assert "listens on every network interface" in said and "0.0.0.0" not in said and "[::]" not in said, said
        with urllib.request.urlopen(f"http://{loopback}:{port}/", timeout=30) as response:
            page = response.read().decode("utf-8")
        assert f'"ws://{loopback}:{port}/ws"' in page, "the page's terminal connects where the browser asked"
        assert "0.0.0.0" not in page and "[::]" not in page and "googleapis" not in page
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        stop(process)


def _websocket_answer(port: int, host: str, origin: str | None) -> int:
    """The status of a websocket handshake to the server's app endpoint, as a page at `origin` would make it."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": host, "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Version": "13",
               "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}
    if origin is not None:
        headers["Origin"] = origin
    try:
        connection.request("GET", "/ws", headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()


def test_serve_refuses_the_app_to_another_sites_page(tmp_path: Path) -> None:
    """A page from anywhere can open a websocket to 127.0.0.1: the server must not hand it the app."""
    port = free_port()
    process, _ = start_serving(tmp_path, "--port", str(port))
    try:
        here = f"127.0.0.1:{port}"
        assert _websocket_answer(port, here, "https://evil.example") == 403, "another site's page"
        assert _websocket_answer(port, here, f"http://localhost:{port + 1}") == 403, "another port is another site"
        rebound = f"evil.example:{port}"
        assert _websocket_answer(port, rebound, f"http://{rebound}") == 403, "a name made to point at this machine"
    finally:
        stop(process)
