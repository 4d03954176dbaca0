"""Whether a URL from the data may be shown as a link (validation and every page use this one check).

It lives below everything else (no finder imports) so that catalog validation can use it; ``finder.urls``
re-exports it beside the links the app builds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_WEB_LINK_RE = re.compile(r"^https?://[^\s<>\"']+$")


def is_web_link(url: str) -> bool:
    """Whether a URL from the data may be shown as a link: http(s), a host, nothing hidden before it.

    ``https://www.city.example.jp@evil.example/`` reads as the city's site but opens evil.example: a URL
    with user information (``user@`` / ``user:pass@``) is refused by validation and shown as plain text.
    """
    url = url or ""
    if not _WEB_LINK_RE.match(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed port or IPv6 address
        return False
    return bool(parts.hostname) and "@" not in parts.netloc
