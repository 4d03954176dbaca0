"""Page load of the home page, with and without a chosen city, against a bare Streamlit page, in one run.

``python -m bench.pageload [--visits 10] [--json]`` starts two servers with the project's StreamlitServer
(the app, and a one-title Streamlit script), both with a fresh clone's configuration (no secrets.toml;
bench.loadtest.fresh_clone_env), warms each with one visit (the app's first visit loads the catalog), then
opens the home page without a city (the city question), the home page with ``?city=`` and the bare page
``--visits`` times each, interleaved, in a fresh Debian-chromium context (a new session every time, as a
new visitor), and prints, per page, the median and p95 of: the title drawn (first render) and the page
complete (the script run finished and the page's last change drawn), and each app case's complete median
minus the bare page's (target: at most 300 ms). Phone viewport (390×844), fixed clock, external hosts blocked.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from deploy.processes import StreamlitServer
from tests.e2e.helpers import CHROMIUM, LAUNCH_ARGS, PHONE, new_context, new_page, server_env, settle, url_for

ROOT = Path(__file__).resolve().parent.parent
BARE = "bare Streamlit page"
HOME_NO_CITY = "home page, no city (app.py)"
HOME_CITY = "home page, with a city (app.py)"
BARE_PAGE = 'import streamlit as st\n\nst.title("Bare Streamlit page")\nst.text_input("Keyword")\n'


def _visit(browser, url: str) -> tuple[float, float]:
    """Seconds from navigation to the first <h1>, and to the page's last change after its script run."""
    context = new_context(browser, PHONE)
    try:
        page = new_page(context)
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=60_000)
        first = time.perf_counter() - start
        settle(page, since=0, timeout=60.0, quiet=0.2)
        return first, time.perf_counter() - start - 0.2  # settle waits 0.2 s of quiet after the run
    finally:
        context.close()


def _summary(samples: list[tuple[float, float]]) -> dict[str, float]:
    def p95(values: list[float]) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    firsts, dones = [s[0] * 1000 for s in samples], [s[1] * 1000 for s in samples]
    return {"first_render_ms_p50": round(statistics.median(firsts)), "first_render_ms_p95": round(p95(firsts)),
            "complete_ms_p50": round(statistics.median(dones)), "complete_ms_p95": round(p95(dones))}


def measure(visits: int, city: str) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    from bench.loadtest import fresh_clone_env

    with tempfile.TemporaryDirectory(prefix="dxf-bare-") as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        env = {**server_env(), **fresh_clone_env(Path(tmp) / "fresh")}
        app = StreamlitServer(env=env, cwd=ROOT)
        bare = StreamlitServer(script=str(bare_script), env=env, cwd=Path(tmp))
        try:
            app.start()
            bare.start()
            urls = {HOME_NO_CITY: url_for(app.url, ""), HOME_CITY: url_for(app.url, "", city=city),
                    BARE: url_for(bare.url, "")}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for url in urls.values():
                    _visit(browser, url)  # warm-up: the app's first visit loads the catalog
                samples: dict[str, list[tuple[float, float]]] = {name: [] for name in urls}
                for _ in range(visits):  # interleaved, so load on the machine affects all alike
                    for name, url in urls.items():
                        samples[name].append(_visit(browser, url))
                browser.close()
        finally:
            app.stop()
            bare.stop()
    results = {name: _summary(values) for name, values in samples.items()}
    for name in (HOME_NO_CITY, HOME_CITY):
        results[name]["complete_minus_bare_ms_p50"] = results[name]["complete_ms_p50"] - results[BARE]["complete_ms_p50"]
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pageload", description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=10, help="fresh visits per page (default 10)")
    parser.add_argument("--city", default="082031", help="?city= of the with-a-city case (default 082031, 土浦市)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    opts = parser.parse_args(argv)
    if opts.visits < 1:
        parser.error("--visits must be at least 1")
    if not opts.city:
        parser.error("--city must name the city of the with-a-city case")
    load = os.getloadavg()[0]
    results = measure(opts.visits, opts.city)
    if opts.json:
        print(json.dumps({**results, "loadavg": [round(load, 2), round(os.getloadavg()[0], 2)]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"page load, {opts.visits} fresh visits each (interleaved), phone 390×844, Debian chromium, fresh clone's "
          f"configuration; load average {load:.2f} → {os.getloadavg()[0]:.2f}:")
    for name, r in results.items():
        extra = f" | complete − bare {r['complete_minus_bare_ms_p50']:+5} ms" if name != BARE else ""
        print(f"  {name:32} first render p50 {r['first_render_ms_p50']:5} ms  p95 {r['first_render_ms_p95']:5} ms"
              f" | complete p50 {r['complete_ms_p50']:5} ms  p95 {r['complete_ms_p95']:5} ms{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
