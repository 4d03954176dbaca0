"""UI strings: both languages complete and consistent; every key used by the app exists."""

import re
import string
from pathlib import Path

from finder.catalog.schema import LEVELS
from finder.model import KINDS
from finder.present.i18n import EN, JA, STRINGS, kind_label, level_label, norm_lang, t

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
    from finder.services.availability import STATUSES

    for status in STATUSES:
        assert f"status.{status}" in JA


def test_platform_and_facility_type_labels():
    from finder.catalog.schema import FACILITY_TYPES, PLATFORMS
    from finder.present.i18n import PLATFORM_EN, facility_type_label, platform_label

    assert set(PLATFORM_EN) == set(PLATFORMS)
    assert platform_label("マイナポータル", "en") == "Mynaportal" and platform_label("マイナポータル", "ja") == "マイナポータル"
    for kind in FACILITY_TYPES:
        assert f"facility_type.{kind}" in JA and facility_type_label(kind, "en") != f"facility_type.{kind}"


def test_every_literal_key_used_by_the_app_exists():
    mine = ["1_search.py", "2_detail.py", "4_conbini.py", "7_classes.py", "8_life_events.py", "9_about_data.py"]
    sources = [ROOT / "app.py", *sorted((ROOT / "ui").glob("*.py")), *[ROOT / "pages" / p for p in mine],
               ROOT / "finder" / "html.py", ROOT / "finder" / "ics.py"]
    used = set()
    for path in sources:
        if path.exists():
            used |= set(KEY_RE.findall(path.read_text(encoding="utf-8")))
    assert len(used) > 50, "too few keys found: regex broken?"
    missing = sorted(k for k in used if k not in JA and not k.endswith("."))
    assert missing == []
