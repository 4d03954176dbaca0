"""One home for the name tables (finder.municipalities.names) and one kanji-numeral helper (finder.text.numerals).

A second suffix table is how the copies started to disagree (one knew そん, one did not); these tests find any
collection literal of three or more suffixes, and any kanji-digit string, outside the two homes.
"""

from __future__ import annotations

import ast
from pathlib import Path

from finder.municipalities.names import bare_english, bare_kana, bare_name, bare_prefecture, bare_reading

ROOT = Path(__file__).resolve().parent.parent
HOMES = {ROOT / "finder" / "municipalities" / "names.py", ROOT / "finder" / "text" / "numerals.py"}
SUFFIXES = {"市", "町", "村", "区", "都", "道", "府", "県", "し", "まち", "むら", "そん", "city", "town", "village"}


def _sources() -> list[Path]:
    return [p for d in ("finder", "scripts", "bench", "ui", "pages") for p in (ROOT / d).rglob("*.py")
            if p not in HOMES and "i18n" not in p.parts]


def _constants(node: ast.AST) -> set[str]:
    keys = node.keys if isinstance(node, ast.Dict) else node.elts
    return {k.value for k in keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def test_no_second_suffix_or_prefecture_table():
    tables = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict | ast.Set | ast.Tuple | ast.List) and len(_constants(node) & SUFFIXES) >= 3:
                tables.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip("[]") in (
                    "市町村区", "市町村", "都道府県"):
                tables.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert tables == []


def test_no_second_kanji_numeral_helper():
    copies = [str(p.relative_to(ROOT)) for p in _sources() if "一二三四五六七八九" in p.read_text(encoding="utf-8")
              and "def " in p.read_text(encoding="utf-8")
              and any(isinstance(n, ast.Constant) and isinstance(n.value, str) and "一二三四五六七八九" in n.value
                      and len(n.value) <= 12 for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))]
    assert copies == []


def test_bare_forms():
    assert bare_name("笠間市") == "笠間" and bare_name("市", min_left=2) == "市" and bare_name("笠間") == "笠間"
    assert bare_reading("土浦市", "つちうらし") == "つちうら" and bare_reading("五城目町", "ごじょうめまち") == "ごじょうめ"
    assert bare_kana("かさまし") == "かさま" and bare_kana("ひがしまち") == "ひがし" and bare_kana("しし") == "しし"
    assert bare_prefecture("茨城県", "いばらきけん") == ("茨城", "いばらき")
    assert bare_prefecture("北海道", "ほっかいどう") == ("北海道", "ほっかいどう")
    assert bare_prefecture("東京都", "とうきょうと") == ("東京", "とうきょう")
    assert bare_english("kasama city") == "kasama" and bare_english("tsuchiura shi") == "tsuchiura"
