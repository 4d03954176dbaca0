"""QR codes that hand a result from the kiosk or the map to a resident's phone.

segno builds the code; we render it as an inline SVG data URI so no file or network is needed.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import segno

from finder.appsettings import AppSettings, resolved
from finder.i18n import t
from finder.present.html import esc

MAX_QR_CHARS = 1000  # URLs only; far below QR capacity, keeps codes scannable from a screen


def allowed_hosts(config: AppSettings | None = None) -> tuple[str, ...]:
    """The hosts whose links may become QR codes (setting ``qr_hosts``; the cities' and government domains)."""
    raw = resolved(config).get("qr_hosts")
    return tuple(h.strip().lower().strip(".") for h in raw.split(",") if h.strip().strip("."))


def url_host(url: str) -> str:
    """The host a link really goes to (after any user@ part), lower case; '' when it has none."""
    try:
        return (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""


def qr_allowed(url: str, base_url: str, hosts: tuple[str, ...]) -> bool:
    """True for the app's own address and for https links to an allowed host or its subdomains.

    A QR code looks trusted and hides where it goes: anything else is shown as text with its host.
    """
    url = url.strip()
    base = base_url.rstrip("/")
    if url == base or url.startswith(base + "/"):
        return True
    parts = urlsplit(url)
    host = url_host(url)
    if parts.scheme != "https" or not host or parts.username or parts.password:
        return False
    return any(host == h or host.endswith("." + h) for h in hosts)


def link_html(url: str, caption: str, base_url: str, hosts: tuple[str, ...], lang: str = "ja",
              size_px: int = 180) -> str:
    """A QR figure for an allowed link; otherwise the link as plain text with its host (no code, no anchor)."""
    if qr_allowed(url, base_url, hosts):
        return qr_figure_html(url, caption, lang, size_px)
    host = url_host(url) or "?"
    return (f'<figure class="dxf-qr-text" style="display:inline-block;margin:0 16px 8px 0;max-width:{int(size_px) + 40}px">'
            f'<figcaption style="font-size:1.2rem">{esc(caption)}</figcaption>'
            f'<p style="font-size:1.1rem;margin:4px 0">{esc(host)}</p>'
            f'<p style="font-size:0.9rem;word-break:break-all;margin:0">{esc(url[:MAX_QR_CHARS])}</p>'
            f"</figure>")


def _make(data: str) -> segno.QRCode:
    if not data or len(data) > MAX_QR_CHARS:
        raise ValueError(f"QR data must be 1–{MAX_QR_CHARS} characters")
    return segno.make(data, error="m", micro=False)


def qr_data_uri(data: str, scale: int = 6, border: int = 4) -> str:
    """The QR code as an SVG data URI for an <img> (standalone SVG with its namespace)."""
    return _make(data).svg_data_uri(scale=scale, border=border, dark="#000", light="#fff")


def qr_figure_html(data: str, caption: str, lang: str = "ja", size_px: int = 180) -> str:
    """An <figure> with the QR image and a text caption; the caption and alt text are escaped."""
    alt = t("qr.alt", lang, caption=caption)
    return (f'<figure class="dxf-qr" style="display:inline-block;margin:0 16px 8px 0;text-align:center">'
            f'<img src="{esc(qr_data_uri(data))}" width="{int(size_px)}" height="{int(size_px)}" '
            f'alt="{esc(alt)}" style="background:#fff;padding:4px;border:2px solid #000">'
            f'<figcaption style="font-size:1.2rem;max-width:{int(size_px) + 40}px">{esc(caption)}</figcaption>'
            f"</figure>")
