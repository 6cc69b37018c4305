"""Benchmark: page weight and browser load time of the heaviest public pages, against a static file.

Drives Debian's Chromium (Playwright, ``executable_path``) against a running site (``--url``; a demo database:
``make database``, then ``lokalagenda runserver`` or ``make demo``) and loads, each ``--repeat`` times in a fresh
browser context (an empty cache, as a first visit):

- the baseline, a static file served without Django (``/static/lokalagenda/favicon.svg``);
- a kommune page, a kommune indicator page, ``/nasjonalt/`` and ``/nasjonalt/rapport/``.

Per page it records the HTML bytes (the document as sent, uncompressed), the bytes of everything the browser
fetched until ``load`` (scripts, styles, boundary files), the time to ``DOMContentLoaded`` and to the end of
``load`` (navigation timing), and the time until every chart has been drawn after scrolling the whole page
(charts are drawn lazily, as they come into view). It prints the medians and each page's load time as a ratio to
the baseline's, and checks the aims: under 250 KB of HTML and ``load`` under 1 s. Nothing is written; traffic
goes only to ``--url``. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass, field

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BASELINE = "/static/lokalagenda/favicon.svg"
HTML_AIM = 250_000
LOAD_AIM_MS = 1000.0
TIMING = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return {html: navigation.decodedBodySize, dom: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd,
          fetched: navigation.decodedBodySize + resources.reduce((sum, r) => sum + (r.decodedBodySize || 0), 0)};
}"""
ALL_DRAWN = """() => [...document.querySelectorAll("[data-vega-spec]")]
  .every(chart => chart.dataset.rendered === "true" || chart.dataset.rendered === "error")"""


@dataclass
class Sample:
    """What the loads of one page measured: one value per load."""

    html: list[int] = field(default_factory=list)
    fetched: list[int] = field(default_factory=list)
    dom: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    drawn: list[float] = field(default_factory=list)


def measure(browser: Browser, url: str, repeat: int, width: int) -> Sample:
    sample = Sample()
    for _ in range(repeat):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        page = context.new_page()
        response = page.goto(url, wait_until="load")
        if response is None or response.status != 200:
            raise SystemExit(f"{url}: status {response.status if response else 'none'}")
        page.wait_for_function("() => performance.getEntriesByType('navigation')[0].loadEventEnd > 0")
        timing = page.evaluate(TIMING)
        started = page.evaluate("() => performance.now()")
        charts = page.locator("[data-vega-spec]")
        for chart in charts.all():
            chart.scroll_into_view_if_needed()
        try:
            page.wait_for_function(ALL_DRAWN, timeout=30_000)
            drawn = page.evaluate("() => performance.now()") - started + timing["load"] if charts.count() else 0.0
        except PlaywrightTimeout:
            drawn = float("nan")  # a chart not drawn within 30 s: shown as nan
        sample.html.append(int(timing["html"]))
        sample.fetched.append(int(timing["fetched"]))
        sample.dom.append(float(timing["dom"]))
        sample.load.append(float(timing["load"]))
        sample.drawn.append(float(drawn))
        context.close()
    return sample


def report(results: dict[str, Sample]) -> int:
    base = statistics.median(results["baseline"].load)
    print(f"{'page':42} {'HTML KB':>8} {'fetched KB':>10} {'DOMContentLoaded':>17} {'load':>8} "
          f"{'charts drawn':>13} {'load / baseline':>16}")
    misses = 0
    for name, sample in results.items():
        html, load = statistics.median(sample.html), statistics.median(sample.load)
        print(f"{name:42} {html / 1000:8.1f} {statistics.median(sample.fetched) / 1000:10.1f} "
              f"{statistics.median(sample.dom):14.0f} ms {load:5.0f} ms {statistics.median(sample.drawn):10.0f} ms "
              f"{load / base:15.1f}×")
        if name != "baseline" and (html >= HTML_AIM or load >= LOAD_AIM_MS):
            misses += 1
    print(f"aims: HTML < {HTML_AIM / 1000:.0f} KB and load < {LOAD_AIM_MS:.0f} ms: "
          f"{'met' if not misses else f'NOT met on {misses} page(s)'}")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True, help="the running site, e.g. http://127.0.0.1:8000")
    parser.add_argument("--kommune", default="4601")
    parser.add_argument("--indicator", default="VAX_MEASLES_AGE2")
    parser.add_argument("--repeat", type=int, default=5, help="loads per page (default 5); medians are printed")
    parser.add_argument("--width", type=int, default=1280, help="viewport width (default 1280; try 390)")
    args = parser.parse_args()
    if not 0 < args.repeat <= 50:
        parser.error("--repeat must be in (0, 50]")
    site = args.url.rstrip("/")
    pages = {"baseline": BASELINE, "kommune page": f"/kommune/{args.kommune}/",
             "kommune indicator page": f"/kommune/{args.kommune}/indikator/{args.indicator}/",
             "/nasjonalt/": "/nasjonalt/", "/nasjonalt/rapport/": "/nasjonalt/rapport/"}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("LOKALAGENDA_CHROMIUM",
                                                                            "/usr/bin/chromium"),
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            measure(browser, site + BASELINE, 1, args.width)  # the server's first request pays for imports
            results = {name: measure(browser, site + path, args.repeat, args.width) for name, path in pages.items()}
        finally:
            browser.close()
    if report(results):
        sys.exit(1)


if __name__ == "__main__":
    main()
