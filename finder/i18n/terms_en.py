"""English for the catalog's Japanese terms that residents read as labels: department names and what to bring.

Like PLATFORM_EN (en.py) these are data values, not UI strings; the English UI shows the English with the
Japanese official name in parentheses, which is what a resident says on the phone or at the counter.
A value with no English here is shown as it is (tests/pages/test_english_walk.py names it).
"""

from __future__ import annotations

import re

SECTION_EN: dict[str, str] = {
    "総務部行政経営課デジタル推進室": "Digital Promotion Office, Administrative Management Division",
    "市DX推進計画の担当": "in charge of the city's DX plan",
    "総務課": "General Affairs Division", "子育て応援課": "Child-Rearing Support Division",
    "健康長寿課": "Health and Longevity Division", "市民課": "Citizens Division", "税務課": "Taxation Division",
    "市民窓口課": "Citizen Services Division", "市長公室DX推進課": "DX Promotion Division, Mayor's Office",
    "科学技術戦略課": "Science and Technology Strategy Division", "上下水道課": "Water and Sewerage Division",
    "都市建設課": "Urban Development Division", "企画政策課": "Planning and Policy Division",
    "会計課": "Accounting Division", "地域づくり課": "Community Development Division",
    "デジタル窓口推進WG": "digital counter working group", "健康増進課": "Health Promotion Division",
    "国際都市推進課": "International City Promotion Division", "障害福祉課": "Disability Welfare Division",
    "高齢福祉課": "Elderly Welfare Division", "地域包括支援課": "Community Comprehensive Support Division",
    "保健センター": "health centers", "広報戦略課": "Public Relations Strategy Division",
    "幼児保育課": "Early Childhood Care Division", "統計・データ利活用推進室": "Statistics and Data Use Office",
    "観光推進課": "Tourism Promotion Division", "デジタル戦略課": "Digital Strategy Division",
}

REQUIREMENTS_EN: dict[str, str] = {
    "マイナンバーカード": "My Number Card",
    "マイナンバーカード (利用者証明用電子証明書と4桁の暗証番号)":
        "My Number Card with its user certificate (利用者証明用電子証明書) and 4-digit PIN",
    "マイナンバーカード（署名用電子証明書が有効なもの）と暗証番号。国内の引っ越しのみ。新住所に住み始める30日前から住み始めた日の後10日以内":
        "My Number Card with a valid signature certificate (署名用電子証明書) and its PIN. Moves within Japan only."
        " From 30 days before you start living at the new address until 10 days after",
    "本人が窓口で受け取る": "Collected in person at the counter",
    "市内に住民登録がある15歳以上の人（意思能力のある人）。1人1個。写真付き本人確認書類を持って本人が来庁すれば即日登録":
        "People aged 15 or over registered as residents of the city (able to make their own decisions); one each."
        " Registered the same day if you come in person with photo ID",
    "図書館利用カード（市内在住・在勤・在学者）。広域利用者（下妻市・土浦市の住民）は予約・リクエスト・WebOPAC・電子図書館を使えない":
        "A library card (for people who live, work or study in the city). Users from 下妻市 (Shimotsuma) and"
        " 土浦市 (Tsuchiura) cannot use reservations, requests, WebOPAC or the e-library",
}

_OTHERS = re.compile(r"\s*(等|ほか)$")
_PAREN = re.compile(r"^(.*?)\s*[（(](.+)[)）]$")


_CITY_PREFIX = re.compile(r"^\S+[市町村区]\s+")  # 土浦市 市長公室DX推進課 (a class's contact)


def _one_section(name: str) -> str | None:
    name = _CITY_PREFIX.sub("", name.strip())
    if name in SECTION_EN:
        return SECTION_EN[name]
    m = _PAREN.match(name)
    if m and m.group(1) in SECTION_EN and m.group(2) in SECTION_EN:
        return f"{SECTION_EN[m.group(1)]} ({SECTION_EN[m.group(2)]})"
    return None


def section_en(section: str) -> str:
    """「市民課、税務課 等」 -> "Citizens Division, Taxation Division and others (市民課、税務課 等)"; the value as it
    is when a part has no English."""
    text = (section or "").strip()
    if not text:
        return ""
    core, others = _OTHERS.sub("", text), bool(_OTHERS.search(text))
    parts = [_one_section(p) for p in re.split(r"[、,]", core)]
    if not parts or any(p is None for p in parts):
        return text
    return f"{', '.join(p for p in parts if p)}{' and others' if others else ''} ({text})"


def requirements_en(requirements: str) -> str:
    """What to bring in English with the card's official name, or the value as it is when it has none."""
    text = (requirements or "").strip()
    english = REQUIREMENTS_EN.get(text)
    if english is None:
        return text
    return f"{english} ({text})" if text == "マイナンバーカード" else english
