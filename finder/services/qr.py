"""QR codes that hand a result from the kiosk or the map to a resident's phone.

segno builds the code; we render it as an inline SVG data URI so no file or network is needed.
"""

from __future__ import annotations

from collections.abc import Mapping

import segno

from finder import settings
from finder.present.html import esc

DEFAULT_BASE_URL = settings.BY_NAME["base_url"].default
MAX_QR_CHARS = 1000  # URLs only; far below QR capacity, keeps codes scannable from a screen


def app_base_url(env: Mapping[str, str] | None = None) -> str:
    """The public address of the app, used in QR codes (phones need an absolute URL)."""
    value = settings.get("base_url", env=env)
    if not value.startswith(("http://", "https://")):
        value = DEFAULT_BASE_URL
    return value.rstrip("/")


def app_item_url(item_id: str, base_url: str) -> str:
    from urllib.parse import quote

    return f"{base_url.rstrip('/')}/?item={quote(item_id, safe='')}"


def _make(data: str) -> segno.QRCode:
    if not data or len(data) > MAX_QR_CHARS:
        raise ValueError(f"QR data must be 1–{MAX_QR_CHARS} characters")
    return segno.make(data, error="m", micro=False)


def qr_svg(data: str, scale: int = 6, border: int = 4) -> str:
    """The QR code as inline SVG markup (black on white, error correction M)."""
    return _make(data).svg_inline(scale=scale, border=border, dark="#000", light="#fff")


def qr_data_uri(data: str, scale: int = 6, border: int = 4) -> str:
    """The QR code as an SVG data URI for an <img> (standalone SVG with its namespace)."""
    return _make(data).svg_data_uri(scale=scale, border=border, dark="#000", light="#fff")


def qr_figure_html(data: str, caption: str, size_px: int = 180) -> str:
    """An <figure> with the QR image and a text caption; the caption and alt text are escaped."""
    alt = f"QRコード / QR code: {caption}"
    return (f'<figure class="dxf-qr" style="display:inline-block;margin:0 16px 8px 0;text-align:center">'
            f'<img src="{esc(qr_data_uri(data))}" width="{int(size_px)}" height="{int(size_px)}" '
            f'alt="{esc(alt)}" style="background:#fff;padding:4px;border:2px solid #000">'
            f'<figcaption style="font-size:1.2rem;max-width:{int(size_px) + 40}px">{esc(caption)}</figcaption>'
            f"</figure>")
