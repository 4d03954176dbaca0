"""How catalog values read on screen: time ranges, yen and dates, the same on every page, the kiosk and the map."""

from __future__ import annotations

import datetime as dt

from finder.catalog.cells import parse_yearmonth
from finder.i18n import t, weekday_label


def time_range(start: str, end: str) -> str:
    """'10:00–12:00'; only the end the source gives when it gives one; '' when it gives none."""
    return "–".join(v for v in (start, end) if v)


def short_range(start: str, end: str) -> str:
    """time_range without leading zeros, as people write times: '6:30–23:00'."""
    return time_range(*(v[1:] if len(v) == 5 and v.startswith("0") else v for v in (start, end)))


def yen(value: str | int | None, lang: str = "ja") -> str:
    """A whole number of yen as '1,200円' / '¥1,200'; any other value as it is ('' stays '': unknown)."""
    text = "" if value is None else str(value).strip()
    if text.lstrip("-").isdigit():
        return t("common.yen", lang, amount=f"{int(text):,}")
    return text


def year_month(value: str, lang: str = "ja") -> str:
    """'2023-04' or '2023-04-15' as 「2023年4月」 / 'April 2023'; '' when the value is not a date."""
    day = parse_yearmonth(value)
    if day is None:
        return ""
    month = t("answer.month_names", lang).split()[day.month - 1]
    return t("answer.year_month", lang, year=day.year, month=month)


def month_day(day: dt.date, lang: str = "ja") -> str:
    """「12月10日(木)」 / 'Thu 10 Dec': a date a resident reads at a glance."""
    month = t("answer.month_short", lang).split()[day.month - 1]
    return t("answer.month_day", lang, month=month, day=day.day, weekday=weekday_label(day, lang))


_DAY_TOKENS = "月 火 水 木 金 土 日".split()


def days_text(value: str, lang: str = "ja") -> str:
    """'月,火,水,木,金,祝' as 「月〜金・祝日」 / 'Mon–Fri, public holidays'; any other text as it is."""
    tokens = [v.strip() for v in (value or "").replace("、", ",").split(",") if v.strip()]
    if not tokens or any(v not in _DAY_TOKENS and v != "祝" for v in tokens):
        return value or ""
    names = t("common.weekdays", lang).split()
    days = sorted(_DAY_TOKENS.index(v) for v in tokens if v != "祝")
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [t("answer.day_range", lang, first=names[r[0]], last=names[r[-1]]) if len(r) >= 3
             else t("answer.day_sep", lang).join(names[d] for d in r) for r in runs]
    if "祝" in tokens:
        parts.append(t("answer.holidays", lang))
    return t("answer.day_sep", lang).join(parts)
