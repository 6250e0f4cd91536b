"""Headless Chromium for the browser tests of report.html and of `storyline serve`.

Debian's chromium and chromedriver drive the pages through selenium (no browser download).
Without them the tests are skipped, unless STORYLINE_REQUIRE_BROWSER=1 (as in CI), where a
missing browser is a failure.
"""

from __future__ import annotations

import base64
import math
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)


def _chromedriver() -> str | None:
    return shutil.which("chromedriver") or (
        "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").is_file() else None
    )


def _browser_or_skip() -> str:
    driver = _chromedriver()
    if CHROMIUM.is_file() and driver:
        return driver
    reason = f"needs {CHROMIUM} and chromedriver (apt-get install chromium chromium-driver)"
    if os.environ.get("STORYLINE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"STORYLINE_REQUIRE_BROWSER=1 but the browser is missing: {reason}")
    pytest.skip(reason)


def open_browser(profile: Path, artifacts: Path) -> Iterator[Any]:
    """A headless Chromium with its own profile folder, quit when the caller is done; the
    screenshots folder is made ready."""
    driver_path = _browser_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An alert left open is then reported by the test, not dismissed by the driver.
    options.set_capability("unhandledPromptBehavior", "ignore")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(30)
    artifacts.mkdir(exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()


def visit(browser: Any, url: str) -> None:
    browser.get(url)
    wait(browser, lambda: browser.execute_script("return document.readyState") == "complete")


def wait(browser: Any, ready: Callable[[], Any], timeout: float = 10) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, timeout).until(lambda _: ready())


def console(browser: Any) -> list[dict[str, Any]]:
    return list(browser.get_log("browser"))


def assert_no_dialog(browser: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = browser.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"a dialog opened: {text!r}")


def screenshot(browser: Any, path: Path, height: int | None = None, tallest: int = 8000) -> None:
    """Save the page as a PNG at `path`: its full height up to `tallest` px, or `height`."""
    if height is None:
        metrics = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})
        height = min(math.ceil(metrics["cssContentSize"]["height"]), tallest)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 1280, "height": max(height, 600), "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        shot = browser.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path.write_bytes(base64.b64decode(shot["data"]))
