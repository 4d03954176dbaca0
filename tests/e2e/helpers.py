"""Driving the real Streamlit app in Debian's chromium: launch options, offline routing, waiting, typing.

Shared by tests/e2e/conftest.py and scripts/screenshots.py.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("DXFINDER_CHROMIUM", "/usr/bin/chromium")
# Every external host is blocked, as on an offline kiosk: no name but the loopback ones resolves. Done in the
# browser's resolver, not with a Playwright route: a route sends every request through the test process and
# turns the browser's cache off, so each page would fetch and compile Streamlit's scripts afresh.
OFFLINE_RULES = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic", OFFLINE_RULES]
# A Tuesday morning (not a holiday, not the year-end closure): コンビニ交付 and offices are open.
FIXED_NOW = "2026-11-24T10:00:00+09:00"
KIOSK_IDLE_SECONDS = 5
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
DEFAULT_TIMEOUT_MS = 20_000

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def server_env(**extra: str) -> dict[str, str]:
    """Environment for a test server: fixed clock, short kiosk timeout."""
    env = {"DXFINDER_NOW": FIXED_NOW, "DXFINDER_KIOSK_IDLE_SECONDS": str(KIOSK_IDLE_SECONDS),
           "PYTHONDONTWRITEBYTECODE": "1"}
    env.update(extra)
    return env


def new_context(browser, viewport: dict | None = None, lang: str = "ja-JP"):
    context = browser.new_context(viewport=viewport or DESKTOP, locale=lang, timezone_id="Asia/Tokyo",
                                  accept_downloads=True, service_workers="block")
    context.add_init_script(MUTATION_JS)  # external hosts are blocked by the launch options (OFFLINE_RULES)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


class AppWatch:
    """Follows the app's websocket: is a script run going on, how many finished, which raised.

    Streamlit tells the browser ``session_status_changed(script_is_running)`` and ``script_finished``;
    waiting on those is exact, unlike guessing from spinners in the DOM.
    """

    def __init__(self, page):
        self.running = False
        self.finished = 0
        self.frames = 0  # frames of the app's latest websocket, as the network saw them
        self.exceptions: list[str] = []
        self.inflight: set = set()
        page.on("websocket", self._socket)
        page.on("request", self._request)
        page.on("requestfinished", lambda request: self.inflight.discard(request))
        page.on("requestfailed", lambda request: self.inflight.discard(request))

    def _request(self, request) -> None:
        if request.resource_type in ("script", "stylesheet", "fetch", "xhr", "document", "font", "image"):
            self.inflight.add(request)

    def _socket(self, ws) -> None:
        if "/_stcore/stream" in ws.url:
            self.frames = 0  # a new document (or a reconnection): the page's own count starts again too
            ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        self.frames += 1
        if isinstance(payload, str):
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except Exception:  # not a ForwardMsg: ignore
            return
        which = msg.WhichOneof("type")
        if which == "session_status_changed":
            self.running = msg.session_status_changed.script_is_running
        elif which == "page_not_found":
            self.exceptions.append(f"page not found: {msg.page_not_found.page_name!r}")
        elif which == "script_finished":
            self.finished += 1
            self.running = False
        elif which == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                and msg.delta.new_element.WhichOneof("type") == "exception":
            exc = msg.delta.new_element.exception
            self.exceptions.append(f"{exc.type}: {exc.message}")


def new_page(context):
    page = context.new_page()
    page.app = AppWatch(page)
    return page


# The frontend marks its own state on stApp (what Streamlit's e2e tests wait on) once it has applied
# every message of the run; the websocket counter alone runs ahead of the rendering. But the state starts as
# 'notRunning' before the first run, and on a starved renderer the network (Playwright) sees a run's last frame
# well before the page's script does: so the page also counts the frames its script received
# (window.__dxfFrames), and the check waits for them all. PAGE_STATE_JS first lets the page's queued timers fire
# (the frontend flushes its element buffer on a timer), then reports; _page_done also asks for no placeholder of
# an element whose code is still loading (stSkeleton: the first table, text input, HTML block... of a page) and
# for a quiet DOM (no mutation for ``quiet`` s, recorded by MUTATION_JS). A timeout prints what it reported.
PAGE_STATE_JS = """async () => {
  for (let i = 0; i < 2; i++) await new Promise(done => setTimeout(done, 25));
  const app = document.querySelector('[data-testid="stApp"]');
  return {state: app ? app.dataset.testScriptState : null, connection: app ? app.dataset.testConnectionState : null,
          frames: window.__dxfFrames || 0, skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
          stale: document.querySelectorAll('[data-stale="true"]').length,
          quietMs: Math.round(performance.now() - (window.__dxfMutation || 0))};
}"""


def _page_done(seen: dict, frames: int, quiet: float) -> bool:
    """What PAGE_STATE_JS saw is a finished run: every frame read, nothing stale or loading, a still DOM."""
    return (seen["state"] == "notRunning" and seen["connection"] == "CONNECTED" and seen["frames"] >= frames
            and not seen["stale"] and not seen["skeletons"] and seen["quietMs"] >= quiet * 1000)


MUTATION_JS = """
window.__dxfMutation = performance.now();
new MutationObserver(() => { window.__dxfMutation = performance.now(); })
  .observe(document, {subtree: true, childList: true, characterData: true, attributes: true});
window.__dxfFrames = 0;
const NativeWebSocket = window.WebSocket;
window.WebSocket = class extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    if (String(args[0]).includes('/_stcore/stream')) {
      this.addEventListener('message', () => { window.__dxfFrames += 1; });
    }
  }
};
"""


def settle(page, since: int | None = None, timeout: float = 30.0, quiet: float = 0.5) -> None:
    """Wait until a script run finished (after ``since`` runs, when given) and nothing ran for ``quiet`` s."""
    watch: AppWatch = page.app
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # also lets Playwright deliver websocket events
        done = watch.finished > (since if since is not None else 0) and not watch.running and not watch.inflight
        if done:
            try:
                done = _page_done(page.evaluate(PAGE_STATE_JS), watch.frames, quiet)
            except Exception:  # the page is navigating
                done = False
        if done:
            if watch.exceptions:
                raise AssertionError(f"the app raised: {watch.exceptions[-1][:500]}")
            return
    if watch.exceptions:
        raise AssertionError(f"the app raised: {watch.exceptions[-1][:500]}")
    try:
        seen = page.evaluate(PAGE_STATE_JS)
    except Exception as exc:  # the page is navigating or gone
        seen = repr(exc)[:200]
    raise TimeoutError(f"the app did not finish a run (finished={watch.finished}, since={since}, "
                       f"running={watch.running}, frames={watch.frames}, requests={len(watch.inflight)}; "
                       f"page: {seen})")


def act(page, action, rerun: bool = True) -> None:
    """Do something in the page and wait for the rerun it causes."""
    before = page.app.finished
    action()
    settle(page, since=before if rerun else None)


def url_for(base: str, path: str = "", **params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{base}/{path.lstrip('/')}" + (f"?{query}" if query else "")


def open_app(page, base: str, path: str = "", **params: str) -> None:
    before = page.app.finished
    page.goto(url_for(base, path, **params), wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMain"]', timeout=30_000)
    settle(page, since=before)


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def search_box(page):
    return page.locator('[data-testid="stTextInput"] input').first


def open_filters(page) -> None:
    """Unfold the search page's filters (folded so that on a phone the first result is on the first screen;
    unfolding reruns the page, which draws the kind and city widgets only then)."""
    details = page.locator('[data-testid="stMain"] [data-testid="stExpander"] details').first
    if details.get_attribute("open") is None:
        act(page, details.locator("summary").click)


def type_query(page, query: str) -> None:
    box = search_box(page)
    box.click()
    act(page, lambda: (box.fill(query), box.press("Enter")))


# What a payload that ran would leave behind: the marker variable, event-handler attributes,
# javascript: links, the elements our payloads insert.
INJECTED_JS = r"""() => {
  const bad = [];
  if (window.__xss !== undefined) bad.push('window.__xss = ' + window.__xss);
  for (const el of document.querySelectorAll('*')) {
    for (const name of el.getAttributeNames()) {
      if (/^on/i.test(name)) bad.push(`<${el.tagName.toLowerCase()} ${name}="${el.getAttribute(name)}">`);
    }
    const tag = el.tagName.toLowerCase();
    const link = el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('xlink:href') || '';
    if (/^\s*javascript:/i.test(link)) bad.push(`<${tag} ${link}>`);
    if (tag === 'img' && el.getAttribute('src') === 'x') bad.push('<img src=x>');
    if (tag === 'iframe' && (el.getAttribute('srcdoc') || '').includes('__xss')) bad.push('<iframe srcdoc>');
    if (tag === 'svg' && el.parentElement && /__xss/.test(el.outerHTML)) bad.push('<svg> with payload');
  }
  return bad;
}"""


def injected_markup(page) -> list[str]:
    """Traces of markup that ran or was inserted, in the page and all its frames."""
    found = []
    for frame in page.frames:
        try:
            found += [f"{frame.url[:60]}: {b}" for b in frame.evaluate(INJECTED_JS)]
        except Exception as exc:  # a frame that navigated away meanwhile
            if "detached" not in str(exc).lower():
                raise
    return found


def fill_labelled(page, label: str, value: str) -> None:
    """Type into the text input with this label (and leave it, so Streamlit takes the value)."""
    box = page.get_by_label(label, exact=True).first
    box.fill(value)
    box.press("Tab")


def desk_sign_in(page, base: str, name: str, password: str) -> None:
    """Open the staff desk and sign in."""
    from ui.routes import STAFF_DESK

    open_app(page, base, STAFF_DESK.url_path)
    fill_labelled(page, "名前", name)
    fill_labelled(page, "パスワード", password)
    act(page, lambda: page.get_by_role("button", name="ログイン", exact=True).click())
