"""A real headless Chromium for the tests of the web page and of `argmap serve`: Debian's `chromium` driven through
its `chromedriver` with Selenium (`.ci/run` installs both; nothing is downloaded at test time).

Screenshots go to `$ARGMAP_SCREENSHOTS` when it is set (to look at them), else to the test's temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
# CI installs Chromium and its driver (.ci/run): there a missing browser fails these tests instead of skipping them.
requires_chromium = pytest.mark.skipif(
    (CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("CI"),
    reason="Chromium and chromedriver are not installed",
)


def start_chromium(width: int = 1280, height: int = 900, network: bool = False) -> Any:
    """A headless Chromium that keeps its console messages for `console_errors`, and with `network` the requests
    its pages make for `requested_urls`."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert CHROMIUM is not None and CHROMEDRIVER is not None, "Chromium and chromedriver must be installed"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--no-first-run", "--disable-extensions"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", **({"performance": "ALL"} if network else {})})
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    driver = start_chromium()
    try:
        yield driver
    finally:
        driver.quit()


def console_errors(driver: Any) -> list[str]:
    """The console's errors (and failed loads) since the last call."""
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver: Any) -> list[str]:
    """Every URL the browser asked for since the last call (pages, files, fonts, websockets), whether it answered or
    not, from Chromium's own network log (a `start_chromium(network=True)` browser)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def screenshot(driver: Any, folder: Path, name: str) -> Path:
    """Save what the browser shows as a PNG and return its path."""
    wanted = os.environ.get("ARGMAP_SCREENSHOTS")
    target = Path(wanted) if wanted else folder
    target.mkdir(parents=True, exist_ok=True)
    path = target / name
    assert driver.save_screenshot(str(path)), path
    return path
