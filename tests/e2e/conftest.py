"""Fixtures for the real-browser tests: one Streamlit server per session, one chromium, one context per viewport.

A page opens the app in a browser context shared by the whole session (one per viewport size): the app's
scripts are parsed and cached once, not once per test, which halves the browser's CPU per page. Each test
gets a new page; at its end every page of the context is closed and cookies, storage and routes are reset, so
what one test does is not seen by the next. A test that needs a context of its own (routes, permissions,
another locale) makes one with ``new_context(browser, ...)`` and closes it.

Every test here is marked ``browser``. Chromium is Debian's (/usr/bin/chromium, installed by
``make test`` through scripts/ensure_chromium.sh); Playwright never downloads a browser. When chromium is
missing the tests fail under CI=true and are skipped elsewhere. On failure a screenshot and the
page's console/JS errors are saved under test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deploy.processes import StreamlitServer
from tests.e2e.helpers import (
    ARTIFACTS,
    CHROMIUM,
    DEFAULT_TIMEOUT_MS,
    DESKTOP,
    LAUNCH_ARGS,
    new_context,
    new_page,
    server_env,
)


def pytest_collection_modifyitems(items):
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"chromium not found at {CHROMIUM}: run `make browser` (scripts/ensure_chromium.sh)"
        if _ci():
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def playwright_session():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_session, chromium_path):
    b = playwright_session.chromium.launch(executable_path=chromium_path, args=LAUNCH_ARGS)
    yield b
    b.close()


@pytest.fixture(scope="session")
def servers():
    """Starts extra servers on demand (own data dir, env) and stops them at the end of the session."""
    started: list[StreamlitServer] = []

    def start(name: str, command: list[str] | None = None, **env: str) -> StreamlitServer:
        server = StreamlitServer(env=server_env(**env), command=command,
                                 log_path=ARTIFACTS / f"server-{name}.log")
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def app(servers) -> StreamlitServer:
    """The app on the project's data/ (fixed clock, 5 s kiosk timeout)."""
    return servers("app")


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid.split("::", 1)[-1])[:120]


class PageWatch:
    """What the page did besides rendering: dialogs (alert/confirm/prompt), JS errors, console errors."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture(scope="session")
def shared_contexts(browser):
    """One browser context per viewport size for the whole session (see the module docstring)."""
    contexts: dict[tuple[int, int], object] = {}

    def get(viewport: dict | None = None):
        size = viewport or DESKTOP
        key = (size["width"], size["height"])
        if key not in contexts:
            contexts[key] = new_context(browser, size)
        return contexts[key]

    yield get
    for context in contexts.values():
        context.close()


def _reset(context) -> None:
    """What a test may leave behind in a shared context: pages, cookies, storage, routes, permissions."""
    for open_page in list(context.pages):
        try:
            open_page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
        except Exception:  # a crashed or navigating page is closed all the same
            pass
        open_page.close()
    context.clear_cookies()
    context.clear_permissions()
    context.unroute_all(behavior="ignoreErrors")  # a test's own routes; external hosts stay blocked (OFFLINE_RULES)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)


def _page_fixture(shared_contexts, request, viewport=None):
    context = shared_contexts(viewport)
    page = new_page(context)
    watch = PageWatch(page)
    page.watch = watch
    try:
        yield page
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(exist_ok=True)
            stem = ARTIFACTS / _slug(request.node.nodeid)
            try:
                page.screenshot(path=str(stem.with_suffix(".png")), full_page=True)
            except Exception as exc:  # a crashed page still gets its log written
                watch.page_errors.append(f"(screenshot failed: {exc})")
            stem.with_suffix(".log").write_text(
                "\n".join(["dialogs:", *watch.dialogs, "app exceptions:", *page.app.exceptions,
                           "page errors:", *watch.page_errors,
                           "console errors:", *watch.console_errors, f"url: {page.url}"]), encoding="utf-8")
    finally:
        _reset(context)


@pytest.fixture
def page(shared_contexts, request):
    """A new page (1280×900) in the session's shared desktop context."""
    yield from _page_fixture(shared_contexts, request)


@pytest.fixture
def fresh_page(browser, request):
    """A new page (1280×900) in a context of its own, as a new visitor opening a shared link has: no
    connection, cache or history from earlier tests (a 9,000-character link is refused by the server when
    the shared context's earlier pages send it along)."""
    context = new_context(browser, DESKTOP)
    try:
        yield from _page_fixture(lambda viewport=None: context, request)
    finally:
        context.close()


@pytest.fixture
def phone_page(shared_contexts, request):
    """A new page (390×844) in the session's shared phone context."""
    from tests.e2e.helpers import PHONE

    yield from _page_fixture(shared_contexts, request, PHONE)


@pytest.fixture
def page_at(shared_contexts, request):
    """``page_at(viewport)``: a new page of another size in a shared context of that size, reset after the test."""
    used = []

    def make(viewport: dict):
        context = shared_contexts(viewport)
        used.append(context)
        opened = new_page(context)
        opened.watch = PageWatch(opened)
        return opened

    yield make
    for context in used:
        _reset(context)
