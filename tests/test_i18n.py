"""UI strings: one table, both languages complete and consistent; every key used by the app exists."""

import ast
import datetime as dt
import re
import string
from pathlib import Path

from finder.catalog.schema import LEVELS
from finder.i18n import EN, JA, STRINGS, kind_label, lang_name, level_label, norm_lang, t, weekday_label
from finder.model import KINDS

ROOT = Path(__file__).resolve().parent.parent
KEY_RE = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.]+)["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_same_keys_in_every_language():
    assert set(JA) == set(EN)
    assert set(STRINGS) == {"ja", "en"}


def test_same_placeholders():
    for key in JA:
        assert placeholders(JA[key]) == placeholders(EN[key]), key


def test_no_empty_strings():
    for table in STRINGS.values():
        assert all(v.strip() for v in table.values())


def test_t_formats_and_falls_back():
    assert t("search.results", "ja", count=3) == "3件見つかりました"
    assert t("search.results", "en", count=3) == "3 results"
    assert t("search.results", "fr", count=3) == "3件見つかりました"  # unknown language → Japanese
    assert t("no.such.key", "en") == "no.such.key"
    assert t("search.results", "en") == EN["search.results"]  # no kwargs: unformatted
    assert t("search.results", "en", wrong=1) == EN["search.results"]  # bad kwargs never crash
    assert norm_lang("EN-us") == "en" and norm_lang(None) == "ja"


def test_kinds_levels_and_statuses_have_labels():
    for kind in KINDS:
        assert kind_label(kind, "ja") != f"kind.{kind}" and kind_label(kind, "en") != f"kind.{kind}"
    for level in LEVELS:
        assert level_label(level, "en") != f"level.{level}"
    from finder.resident.availability import STATUSES

    for status in STATUSES:
        assert f"status.{status}" in JA


def test_platform_and_facility_type_labels():
    from finder.catalog.schema import FACILITY_TYPES, PLATFORMS
    from finder.i18n import PLATFORM_EN, facility_type_label, platform_label

    assert set(PLATFORM_EN) == set(PLATFORMS)
    assert platform_label("マイナポータル", "en") == "Mynaportal" and platform_label("マイナポータル", "ja") == "マイナポータル"
    for kind in FACILITY_TYPES:
        assert f"facility_type.{kind}" in JA and facility_type_label(kind, "en") != f"facility_type.{kind}"


def _sources() -> list[Path]:
    return [ROOT / "app.py", *sorted(p for d in ("finder", "ui", "pages") for p in (ROOT / d).rglob("*.py"))]


def test_every_literal_key_used_by_the_app_exists():
    used = set()
    for path in _sources():
        used |= set(KEY_RE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 150, "too few keys found: regex broken?"
    missing = sorted(k for k in used if k not in JA and not k.endswith("."))
    assert missing == []


def test_keys_built_from_data_exist():
    from finder.resident import kiosk
    from finder.resident.mapview import LAYERS

    for layer in LAYERS:
        assert f"map.layer.{layer.kind}" in JA
    for status in kiosk.STATUSES:
        assert f"kiosk.status.{status}" in JA
    for view in kiosk.VIEWS[1:]:
        assert f"kiosk.{view}" in JA and f"kiosk.{view}_sub" in JA


def test_no_other_string_table():
    """A dict keyed by language codes outside finder/i18n would be a second string table."""
    tables = []
    for path in _sources():
        if (ROOT / "finder" / "i18n") in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and {k.value for k in node.keys if isinstance(k, ast.Constant)} >= {"ja", "en"}:
                tables.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert tables == []


def test_language_names_weekdays_and_months():
    assert lang_name("ja") == "日本語" and lang_name("en") == "English"
    saturday = dt.date(2026, 12, 5)
    assert weekday_label(saturday, "ja") == "土" and weekday_label(saturday, "en") == "Sat"
    assert t("classes.month_label", "ja", year=2027, month=1) == "2027年1月"
    assert t("classes.month_label", "en", year=2027, month=1) == "2027-01"
    for table in STRINGS.values():
        assert len(table["common.weekdays"].split()) == 7
