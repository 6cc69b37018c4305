"""Browser tests: a real server on loopback with the real reference data, driven in Debian's Chromium.

The server runs as a separate process on a fresh SQLite database, as a user would run it. Playwright drives
the system Chromium (``executable_path``); it never downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

import lokalagenda.web

CHROMIUM = os.environ.get("LOKALAGENDA_CHROMIUM", "/usr/bin/chromium")
AXE = Path(lokalagenda.web.__file__).parent / "static" / "vendor" / "axe" / "axe.min.js"
PASSWORD = "browser test password 1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

SETUP_USERS = f"""
from django.contrib.auth import get_user_model
from lokalagenda.accounts.models import Membership, Organisation
for name, slug in [("oslo-editor", "kommune-0301"), ("national-editor", "nasjonalt"),
                   ("bergen-editor", "kommune-4601")]:
    user = get_user_model().objects.create_user(name, password={PASSWORD!r})
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=slug), role="editor")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _lokalagenda(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "lokalagenda.cli", *args], env=env, check=True, capture_output=True)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[str]:
    var = tmp_path_factory.mktemp("var")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lokalagenda.web.settings.test", "LOKALAGENDA_VAR_DIR": str(var),
           "LOKALAGENDA_DATA_DIR": str(data_dir)}
    env.pop("DATABASE_URL", None)
    _lokalagenda("migrate", "--no-input", env=env)
    _lokalagenda("load_reference", env=env)
    _lokalagenda("import", str(data_dir / "indicators" / "values.csv"), env=env)
    _lokalagenda("measure", "--year", "2026", env=env)  # the year the tests measure as (tests.fixtures.MEASURE_YEAR)
    _lokalagenda("shell", "-c", SETUP_USERS, env=env)
    _share_mapping_model(var / "cache" / "mapping")
    port = _free_port()
    # The server logs every request to stderr: into a file, never an unread pipe, which fills up (64 KB) after a
    # hundred pages and then blocks every request thread of the server.
    log = (var / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "lokalagenda.cli", "runserver", "--noreload",
                               f"127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL, stderr=log)
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1)  # noqa: S310 - loopback only
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the test server did not start; its log is {var / 'server.log'}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _share_mapping_model(cache: Path) -> None:
    """Copy the target-suggestion model the other suites trained (``tests.core.mapping.conftest``), if there is
    one, into the server's cache, so a page asking for suggestions does not embed every text again (a minute)."""
    from tests.core.mapping.conftest import mapping_cache_dir

    cache.mkdir(parents=True, exist_ok=True)
    for stored in [*mapping_cache_dir().glob("embeddings-*.npz"), *mapping_cache_dir().glob("model-*.npz")]:
        shutil.copy(stored, cache / stored.name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    Path("test-artifacts").mkdir(exist_ok=True)
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `apt-get install chromium` (make test does).")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nb-NO", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A page in a 390-pixel-wide phone screen, in bokmål."""
    context = browser.new_context(locale="nb-NO", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Page, live_url: str, username: str, next_path: str) -> None:
    """Log in through the login form as one of the test users, then go on to ``next_path``."""
    page.goto(f"{live_url}/konto/logg-inn/?next={next_path}")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()


def post_form(page: Page, url: str, form: dict[str, str]) -> str:
    """Submit a form of the editor's pages (with the CSRF token of its page); returns the address it led to."""
    page.goto(url)
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value") or ""
    response = page.request.post(url, form={"csrfmiddlewaretoken": token, **form}, headers={"Referer": url})
    assert response.ok, f"{url}: {response.status}"
    return response.url


def axe_violations(page: Page) -> list[dict[str, object]]:
    """Run axe-core on the page for WCAG 2.0/2.1 levels A and AA; returns the violations found."""
    # The Content-Security-Policy allows scripts from the site only, so axe is loaded from its vendored copy.
    page.add_script_tag(url="/static/vendor/axe/axe.min.js")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]
