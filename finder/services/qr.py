"""QR codes that hand a result from the kiosk or the map to a resident's phone.

segno builds the code; we render it as an inline SVG data URI so no file or network is needed.
"""

from __future__ import annotations

import segno

from finder.present.html import esc
from finder.present.i18n import t

MAX_QR_CHARS = 1000  # URLs only; far below QR capacity, keeps codes scannable from a screen


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


def qr_figure_html(data: str, caption: str, lang: str = "ja", size_px: int = 180) -> str:
    """An <figure> with the QR image and a text caption; the caption and alt text are escaped."""
    alt = t("qr.alt", lang, caption=caption)
    return (f'<figure class="dxf-qr" style="display:inline-block;margin:0 16px 8px 0;text-align:center">'
            f'<img src="{esc(qr_data_uri(data))}" width="{int(size_px)}" height="{int(size_px)}" '
            f'alt="{esc(alt)}" style="background:#fff;padding:4px;border:2px solid #000">'
            f'<figcaption style="font-size:1.2rem;max-width:{int(size_px) + 40}px">{esc(caption)}</figcaption>'
            f"</figure>")
