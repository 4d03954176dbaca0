"""How catalog values read on screen: time ranges and yen, the same on every page, the kiosk and the map."""

from __future__ import annotations

from finder.present.i18n import t


def time_range(start: str, end: str) -> str:
    """'10:00–12:00'; only the end the source gives when it gives one; '' when it gives none."""
    return "–".join(v for v in (start, end) if v)


def yen(value: str | int | None, lang: str = "ja") -> str:
    """A whole number of yen as '1,200円' / '¥1,200'; any other value as it is ('' stays '': unknown)."""
    text = "" if value is None else str(value).strip()
    if text.lstrip("-").isdigit():
        return t("common.yen", lang, amount=f"{int(text):,}")
    return text
