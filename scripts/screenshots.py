"""README screenshots: every page of the real app in Debian's chromium, at a phone and a desktop width.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only search,map]

Starts ``streamlit run app.py`` on a free 127.0.0.1 port with a fixed clock (a Tuesday 10:00, so
コンビニ交付 shows as open), opens each page, waits until the run has finished and the page is quiet,
and saves ``<page>-phone.png`` (390 px) and ``<page>-desktop.png`` (1280 px). The browser gets no
internet: map tiles stay blank (markers, legend and lists are drawn), Leaflet comes from the app itself
(static/). Japanese text needs a CJK font (Debian: fonts-noto-cjk) and emoji need
fonts-noto-color-emoji; the script warns when fontconfig has neither.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.processes import StreamlitServer  # noqa: E402
from finder.desk import auth  # noqa: E402
from tests.e2e.helpers import (  # noqa: E402
    ARTIFACTS,
    CHROMIUM,
    DESKTOP,
    LAUNCH_ARGS,
    PHONE,
    act,
    desk_sign_in,
    fill_labelled,
    new_context,
    new_page,
    open_app,
    server_env,
)
from ui.routes import ABOUT, CLASSES, CONBINI, DEMO, DETAIL, KIOSK, LIFE_EVENTS, MAP, STAFF_DESK  # noqa: E402

MAX_HEIGHT = 2600  # tall enough for a whole page, short enough for a README
KIOSK_FACILITY = "fac-082031-library"  # the kiosk stands in 土浦市立図書館


def _kiosk_wifi(page) -> None:
    act(page, page.get_by_role("button", name="📶").first.click)


# A throwaway staff account for the desk shots (a fresh random password each run; nothing is published).
DESK_PASSWORD = secrets.token_urlsafe(16)
DESK_ACCOUNT = auth.account_line("demo", auth.hash_password(DESK_PASSWORD))


def _desk(page, view: str = "") -> None:
    base = page.url.split("/staff_desk")[0]
    open_app(page, base)  # a visit to the app's root registers its navigation (the desk stays out of the menu)
    desk_sign_in(page, base, "demo", DESK_PASSWORD)
    select = page.locator('[data-testid="stSelectbox"]').filter(has_text="市").last
    act(page, lambda: (select.click(), page.get_by_role("option", name="笠間市", exact=True).click()))
    if view:
        act(page, lambda: page.get_by_role("radio", name=view, exact=True).click())
        return
    for label, value in (("イベント名", "タブレット入門教室 (1月)"), ("開始日", "2027-01-23"), ("開始時間", "10:00"),
                         ("終了時間", "12:00"), ("場所名称", "笠間公民館")):
        fill_labelled(page, label, value)
    act(page, lambda: page.get_by_role("button", name="表に入れる", exact=True).click())
    fill_labelled(page, "出典 (この変更の根拠)", "広報かさま 2027年1月号")
    act(page, lambda: page.get_by_role("button", name="変更内容を確認する", exact=True).click())


def _desk_todo(page) -> None:
    _desk(page, "確認リスト")


# name, path, query parameters, optional action after loading
SHOTS = [
    ("search", "", {"q": "住民票"}, None),
    ("detail", DETAIL.url_path, {"item": "proc-082031-tenshutsu"}, None),
    ("conbini", CONBINI.url_path, {"city": "つくば市"}, None),
    ("life-events", LIFE_EVENTS.url_path, {}, None),
    ("classes", CLASSES.url_path, {}, None),
    ("data", ABOUT.url_path, {}, None),
    ("map", MAP.url_path, {}, None),
    ("kiosk", KIOSK.url_path, {}, None),
    ("kiosk-wifi", KIOSK.url_path, {}, _kiosk_wifi),
    ("demo", DEMO.url_path, {}, None),
    ("search-en", "", {"q": "juminhyo", "lang": "en"}, None),
    ("desk", STAFF_DESK.url_path, {}, _desk),
    ("desk-todo", STAFF_DESK.url_path, {}, _desk_todo),
]

HEIGHT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const block = document.querySelector('[data-testid="stMainBlockContainer"]');
  return Math.max(main ? main.scrollHeight : 0, block ? block.scrollHeight + 80 : 0, window.innerHeight);
}"""


def fonts_ok() -> bool:
    if not shutil.which("fc-list"):
        return True
    out = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True).stdout
    return bool(out.strip())


def shoot(browser, base: str, out: Path, name: str, path: str, params: dict, action, viewport: dict) -> Path:
    context = new_context(browser, dict(viewport))
    try:
        page = new_page(context)
        open_app(page, base, path, **params)
        if action:
            action(page)
        page.wait_for_timeout(1200)  # map tiles/markers and fonts settle
        height = min(int(page.evaluate(HEIGHT_JS)), MAX_HEIGHT)
        page.set_viewport_size({"width": viewport["width"], "height": max(height, viewport["height"])})
        page.wait_for_timeout(600)
        if page.app.exceptions:
            raise RuntimeError(f"{name}: the page raised {page.app.exceptions[0]}")
        target = out / f"{name}-{'phone' if viewport is PHONE else 'desktop'}.png"
        page.screenshot(path=str(target))
        return target
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", default="", help="comma-separated page names")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        print(f"chromium not found at {CHROMIUM}: run `make browser`", file=sys.stderr)
        return 1
    if not fonts_ok():
        print("warning: no Japanese font (install fonts-noto-cjk); text will show as boxes", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {n for n in args.only.split(",") if n}
    env = server_env(DXFINDER_KIOSK_IDLE_SECONDS="600", DXFINDER_KIOSK_FACILITY=KIOSK_FACILITY,
                     DXFINDER_STAFF_ACCOUNTS=DESK_ACCOUNT)
    with StreamlitServer(env=env, log_path=ARTIFACTS / "server-screenshots.log") as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            for name, path, params, action in SHOTS:
                if only and name not in only:
                    continue
                for viewport in (PHONE, DESKTOP):
                    target = shoot(browser, server.url, out, name, path, params, action, viewport)
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
