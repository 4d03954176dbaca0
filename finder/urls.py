"""Every link the app builds, in one place: to an item, to a page, to the app from a phone, to a map app.

Builders return URL-encoded strings, not HTML-escaped ones: hand them to Streamlit as they are, and put
them into an HTML attribute only through ``finder.present.html.esc``.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

from finder import settings
from finder.appsettings import AppSettings, resolved
from finder.weblink import is_web_link  # noqa: F401  (the check for data URLs shown as links; lives low)

DEFAULT_APP_URL = settings.BY_NAME["base_url"].default
DEFAULT_LANG = "ja"
# Display settings as URL parameters (?lang=en&large=1&contrast=1&furigana=1): a reload, a QR code or a
# map popup opens a new session, which takes them from the URL.
DISPLAY_FLAGS = {"large_text": "large", "high_contrast": "contrast", "furigana": "furigana"}


def display(lang: str = DEFAULT_LANG, large_text: bool = False, high_contrast: bool = False,
            furigana: bool = False) -> dict[str, str]:
    """The URL parameters of a reader's display settings, defaults left out (short links)."""
    flags = {"large_text": large_text, "high_contrast": high_contrast, "furigana": furigana}
    out = {"lang": lang} if lang and lang != DEFAULT_LANG else {}
    return out | {DISPLAY_FLAGS[name]: "1" for name, on in flags.items() if on}
# A Japanese phone number as the catalog writes it: 029-826-1111, 0296-77-1101, 0120-123-456, +81-29-...
_PHONE_RE = re.compile(r"\+?\d{1,4}(?:[-‐ー－ ]?\d{1,4}){2,3}")


def query(**params: str) -> str:
    """``item=ID&city=…`` from the non-empty params, percent-encoded (a space is %20, a slash %2F)."""
    return urlencode({k: v for k, v in params.items() if v}, quote_via=quote)


def item(item_id: str, root: str = "/", **params: str) -> str:
    """An item's view on the app root: ``/?item=ID`` (map popups), or under an absolute root (QR codes)."""
    return f"{root.rstrip('/')}/?{query(item=item_id, **params)}"


def page(url_path: str, **params: str) -> str:
    """Relative link to a page of the app (url paths are in ui.routes), e.g. ``./map?city=…&focus=ID``."""
    found = query(**params)
    return f"./{url_path}?{found}" if found else f"./{url_path}"


def app_root(value: str) -> str | None:
    """The app's public address without a trailing slash, or None unless it is an http(s) URL."""
    value = (value or "").strip()
    return value.rstrip("/") if is_web_link(value) else None


def app_url(config: AppSettings | None = None) -> str:
    """The public address phones are sent to (the base_url setting), the default when the setting is unusable."""
    return app_root(resolved(config).get("base_url")) or DEFAULT_APP_URL


MYNAPORTAL_URL = "https://myna.go.jp/"


def mynaportal_search(procedure_title: str) -> str:
    """Where a resident searches マイナポータル for a procedure. No URL that opens its 「さがす」 with a query
    could be verified (docs/NATIONAL.md), so this is its top page and the link's label names the procedure
    to search for; change only this function when a verified search URL exists."""
    del procedure_title  # named in the label, not in the address (above)
    return MYNAPORTAL_URL


def maps_app(lat: float, lon: float) -> str:
    """A point a phone opens in its map app (a Google Maps URL: no key, works on every phone)."""
    return f"https://www.google.com/maps/search/?api=1&query={lat:.6f}%2C{lon:.6f}"


def tel(phone: str) -> str:
    """A ``tel:`` link for the first number written in a phone cell ('029-826-1111 (代表)' ->
    'tel:029-826-1111'); '' when the cell holds no number. Only numbers from the data ever become links."""
    found = _PHONE_RE.search(phone or "")
    if not found:
        return ""
    digits = re.sub(r"[^\d+]", "", found.group(0))
    return f"tel:{digits}" if 10 <= len(digits.lstrip("+")) <= 13 else ""


def is_local(url: str) -> bool:
    """Whether an address only this machine can open (localhost, 127.x, ::1, 0.0.0.0): a phone cannot."""
    host = (urlsplit(url or "").hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0", "") or host.endswith(".localhost") or host.startswith("127.")
