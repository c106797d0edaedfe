"""The web view as a person uses it: Playwright drives Debian's Chromium against `sitrep serve`'s
app on a loopback port. Skipped, with the reason, where no Chromium is installed (`make test`
installs it with apt-get when it can). Select or leave out with `-m browser`."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from sitrep import web

from .corpus import event_id

pytestmark = pytest.mark.browser
CHROMIUM = os.environ.get("SITREP_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="module")
def server(examples_db) -> Iterator[str]:
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(web.app(examples_db).app(), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "the web view did not start within 20 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    if not CHROMIUM:
        pytest.skip("no Chromium: `apt-get install chromium` (make test does it where it can), "
                    "or point SITREP_CHROMIUM at one")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        opened = browser.new_page(viewport={"width": 1280, "height": 1000})
        # nothing leaves the machine: map tiles and any other outside address are refused
        opened.route("**/*", lambda route: route.continue_()
                     if route.request.url.startswith(server) else route.abort())
        yield opened
        browser.close()


def test_search_open_an_event_then_its_document(page, server, examples_db, tmp_path):
    page.goto(server + "/")
    assert page.title() == "sitrep"
    page.fill("input[name=q]", "Stepanakert")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/-/sitrep/search?q=Stepanakert")
    page.screenshot(path=tmp_path / "1-search.png", full_page=True)

    shelling = event_id(examples_db, "2020-10-10", "attack_ground", "Stepanakert")
    page.click(f"a[href='/-/sitrep/event/{shelling}']")
    page.wait_for_url(f"**/-/sitrep/event/{shelling}")
    sides = page.locator("section.version")
    assert [sides.nth(i).get_attribute("data-side") for i in range(sides.count())] == [
        "ARM", "AZE", "neutral"]
    assert "that Stepanakert came under rocket and artillery fire" in sides.nth(0).inner_text()
    assert "Hikmet Hajiyev" in sides.nth(1).inner_text()
    box_arm, box_aze = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert box_arm["x"] + box_arm["width"] <= box_aze["x"]  # side by side, not stacked
    page.screenshot(path=tmp_path / "2-event.png", full_page=True)

    sides.nth(1).locator("text=in its document").first.click()
    page.wait_for_url("**/-/sitrep/document/**")
    assert page.locator("h1").inner_text() == (
        "Azerbaijan accuses Armenia of deadly night strike on Ganja")
    for kind, colour in (("statement", "rgb(220, 235, 255)"), ("claim", "rgb(255, 241, 184)"),
                         ("place", "rgb(200, 240, 200)"), ("date", "rgb(234, 214, 255)"),
                         ("quantity", "rgb(255, 201, 201)")):
        span = page.locator(f".doc-text .span-{kind}").first
        assert span.is_visible(), kind
        assert span.evaluate("e => getComputedStyle(e).backgroundColor") == colour, kind
    number = page.locator(".doc-text a.span-quantity")
    assert number.first.inner_text() == "nine civilians"
    page.screenshot(path=tmp_path / "3-document.png", full_page=True)
    number.first.click()
    page.wait_for_url("**/examples/quantities/*")
    assert "civilian_killed" in page.content()
    for name in ("1-search.png", "2-event.png", "3-document.png"):
        assert (tmp_path / name).stat().st_size > 10_000
