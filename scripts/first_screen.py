"""Where the answer lands for four personas, in Debian's chromium: prints numbers, judges nothing.

    .venv/bin/python scripts/first_screen.py [--app-dir DIR] [--json]

Starts the app (``--app-dir``: another checkout, e.g. an exported older commit, to compare) with a fixed clock
and a kiosk in 土浦市立図書館, and measures, as the browser lays the page out:

- Wi-Fi visitor, phone 390×844, map opened on 土浦市役所 (?focus=): top and bottom (px) of the first nearest
  place's walking minutes;
- 神栖市 senior, phone 390×844, classes page for 神栖市: sample cards shown as classes, calendar buttons, and the
  top of the first 「お問い合わせ」 (whom to ask);
- library kiosk, portrait 1080×1920: the share of the screen height the three start buttons use, and the QR codes
  to the app shown while base_url is its default (a phone cannot open it);
- course organiser, projector 1920×1080, 「コンビニで住民票を取る」 at its last step: top of the first
  「06:30–23:00」 and whether the sidebar is open.

A position is "first screen" when its bottom is within the viewport height.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.processes import StreamlitServer  # noqa: E402
from tests.e2e.helpers import CHROMIUM, LAUNCH_ARGS, act, new_context, new_page, open_app, server_env  # noqa: E402

PHONE = {"width": 390, "height": 844}
PORTRAIT = {"width": 1080, "height": 1920}
PROJECTOR = {"width": 1920, "height": 1080}


def _box(locator) -> dict | None:
    if locator.count() == 0:
        return None
    box = locator.first.bounding_box()
    return {"top": round(box["y"]), "bottom": round(box["y"] + box["height"])} if box else None


def wifi_visitor(page, url: str) -> dict:
    open_app(page, url, "map", city="土浦市", focus="fac-082031-city-hall")
    page.wait_for_timeout(1500)
    return {"first_walk": _box(page.locator('[data-testid="stMain"] .dxf-card .dxf-matched'))}


def kamisu_senior(page, url: str) -> dict:
    open_app(page, url, "classes", city="神栖市")
    samples = [b for b in page.locator(".dxf-sample").all() if b.is_visible()]
    return {"sample_cards_shown": len(samples),
            "calendar_buttons": page.locator('[data-testid="stDownloadButton"]').count(),
            "whom_to_ask": _box(page.get_by_text("お問い合わせ"))}


def kiosk(page, url: str) -> dict:
    open_app(page, url, kiosk="1")
    heights = [page.get_by_role("button", name=name).first.bounding_box()["height"]
               for name in ("📶", "📱", "🏪")]
    act(page, page.get_by_role("button", name="📶").first.click)
    return {"start_buttons_share": round(sum(heights) / PORTRAIT["height"], 2),
            "app_qr_codes": page.locator('img[alt*="スマホで詳しく"]').count()}


def organiser(page, url: str) -> dict:
    open_app(page, url, "demo")
    sidebar = page.locator('[data-testid="stSidebar"]')
    box = sidebar.bounding_box() if sidebar.count() else None
    act(page, page.get_by_role("button", name="コンビニで住民票を取る").click)
    for _ in range(2):
        act(page, page.get_by_role("button", name="次へ ▶").click)
    return {"sidebar_open": bool(box and box["x"] + box["width"] > 0 and sidebar.is_visible()),
            "hours": _box(page.get_by_text("06:30–23:00"))}


PERSONAS = [("wifi_visitor", PHONE, wifi_visitor), ("kamisu_senior", PHONE, kamisu_senior),
            ("kiosk_portrait", PORTRAIT, kiosk), ("organiser_projector", PROJECTOR, organiser)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    env = server_env(DXFINDER_KIOSK_FACILITY="fac-082031-library", DXFINDER_KIOSK_IDLE_SECONDS="600")
    server = StreamlitServer(env=env, cwd=args.app_dir).start()
    results = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            for name, viewport, measure in PERSONAS:
                context = new_context(browser, viewport)
                results[name] = {"viewport": f"{viewport['width']}x{viewport['height']}",
                                 **measure(new_page(context), server.url)}
                context.close()
            browser.close()
    finally:
        server.stop()
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for name, found in results.items():
            print(f"{name:20} " + "  ".join(f"{k}={v}" for k, v in found.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
