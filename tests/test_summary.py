"""finder.resident.summary: every item has an English summary built only from its fields; an English card
never shows a Japanese summary; research text (説明, 備考) stays out of a card's first view."""

from __future__ import annotations

import re

from finder.live.loader import load_catalog
from finder.model import Item
from finder.resident.answer_html import about_html
from finder.resident.card import card_html
from finder.resident.summary import built_summary, card_summary, detail_summary

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _catalog_items():
    catalog = load_catalog()
    national = catalog.national.items("011002")  # 札幌市: national items (no curated data)
    return catalog, [*catalog.items, *national]


def test_every_item_has_an_english_summary_in_english():
    catalog, items = _catalog_items()
    for it in items:
        city = catalog.municipality(it.municipality_code)
        text = detail_summary(it, "en", city.name_en)
        assert text, it.id
        # Only the English title may carry Japanese (when the row has none); nothing else is Japanese.
        rest = text.replace(it.title_en or it.title, "")
        assert not JAPANESE.search(rest), (it.id, text)


def test_built_summary_uses_only_the_rows_fields():
    catalog, items = _catalog_items()
    for it in items:
        city = catalog.municipality(it.municipality_code)
        text = built_summary(it, "en", city.name_en)
        assert (it.title_en or it.title) in text and city.name_en in text, it.id
        assert not re.search(r"\d", text.replace(it.title_en or it.title, "").replace(city.name_en, "")), \
            (it.id, text)  # no number from anywhere but the row's own title


def test_an_english_card_never_shows_a_japanese_summary():
    catalog, items = _catalog_items()
    for it in items:
        city = catalog.municipality(it.municipality_code)
        html = card_html(it, "en", city=city.name_en)
        for text in (it.summary, it.get("description"), it.get("note"), it.get("status_note")):
            if text and JAPANESE.search(text):
                assert text[:20] not in html, it.id


def test_japanese_cards_keep_research_text_out_of_the_first_view():
    catalog, _ = _catalog_items()
    for it in catalog.items:
        html = card_html(it, "ja", city=it.municipality)
        for key in ("description", "note"):
            text = it.get(key)
            if text and text != card_summary(it, "ja", it.municipality):
                assert text[:20] not in html, (it.id, key)


def test_written_summaries_are_used_as_written():
    catalog, _ = _catalog_items()
    proc = catalog.get("proc-082031-tenshutsu")
    assert card_summary(proc, "ja", "土浦市") == proc.summary
    assert card_summary(proc, "en", "Tsuchiura City") == proc.get("summary_en")
    wifi = catalog.get("wifi-082031-library")
    assert card_summary(wifi, "ja", "土浦市") == "" and detail_summary(wifi, "ja", "土浦市") == ""
    assert detail_summary(wifi, "en", "Tsuchiura City").startswith("Public Wi-Fi at Tsuchiura City Library")
    assert "in Japanese" in detail_summary(wifi, "en", "Tsuchiura City")


def test_a_note_repeating_the_summary_is_not_shown_twice():
    it = Item(kind="wifi", id="w", title="t", title_kana="", title_en="T", municipality="土浦市",
              municipality_code="082031", summary="同じ文", source="s", checked="2026-11-01",
              data={"note": "同じ文"})
    assert "同じ文" not in about_html(it, "ja", shown="同じ文")
    assert "同じ文" in about_html(it, "ja")
