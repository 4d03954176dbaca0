"""Page load of the search page against a bare Streamlit page, in one run (numbers, no pass/fail).

``python -m bench.pageload [--visits 10] [--json]`` starts two servers with the project's StreamlitServer
(the app, and a one-title Streamlit script), warms each with one visit (the app's first visit loads the
catalog), then opens each page ``--visits`` times in a fresh Debian-chromium context (a new session every
time, as a new visitor) and prints, per page, the median and p95 of: the title drawn (first render) and the
page complete (the script run finished and the page's last change drawn). Phone viewport (390×844), fixed
clock, external hosts blocked.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from deploy.processes import StreamlitServer
from tests.e2e.helpers import CHROMIUM, LAUNCH_ARGS, PHONE, new_context, new_page, server_env, settle, url_for

ROOT = Path(__file__).resolve().parent.parent
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


def measure(visits: int, app_params: dict[str, str]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="dxf-bare-") as tmp:
        bare_script = Path(tmp) / "bare.py"
        bare_script.write_text(BARE_PAGE, encoding="utf-8")
        servers = {"search page (app.py)": StreamlitServer(env=server_env(), cwd=ROOT),
                   "bare Streamlit page": StreamlitServer(script=str(bare_script), env=server_env(), cwd=Path(tmp))}
        urls = {}
        try:
            for name, server in servers.items():
                server.start()
                urls[name] = url_for(server.url, "", **(app_params if server.cwd == ROOT else {}))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                for url in urls.values():
                    _visit(browser, url)  # warm-up: the app's first visit loads the catalog
                samples: dict[str, list[tuple[float, float]]] = {name: [] for name in servers}
                for _ in range(visits):  # interleaved, so load on the machine affects both alike
                    for name, url in urls.items():
                        samples[name].append(_visit(browser, url))
                browser.close()
        finally:
            for server in servers.values():
                server.stop()
    return {name: _summary(values) for name, values in samples.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pageload", description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=10, help="fresh visits per page (default 10)")
    parser.add_argument("--city", default="082031", help="?city= of the search page (default 082031, 土浦市)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    opts = parser.parse_args(argv)
    if opts.visits < 1:
        parser.error("--visits must be at least 1")
    results = measure(opts.visits, {"city": opts.city} if opts.city else {})
    if opts.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    print(f"page load, {opts.visits} fresh visits each, phone 390×844, Debian chromium:")
    for name, r in results.items():
        print(f"  {name:22} first render p50 {r['first_render_ms_p50']:5} ms  p95 {r['first_render_ms_p95']:5} ms"
              f" | complete p50 {r['complete_ms_p50']:5} ms  p95 {r['complete_ms_p95']:5} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
