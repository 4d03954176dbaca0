"""English for department names and what to bring, with the official Japanese name beside it."""

from __future__ import annotations

from finder.i18n import requirements_label, section_label
from finder.resident.mapview import LAYERS
from finder.text.normalize import has_kanji


def test_department_names_are_english_with_the_official_name():
    assert section_label("市民課、税務課", "en") == "Citizens Division, Taxation Division (市民課、税務課)"
    assert section_label("市民課 等", "en") == "Citizens Division and others (市民課 等)"
    assert section_label("土浦市 市長公室DX推進課", "en").startswith("DX Promotion Division, Mayor's Office (")
    assert section_label("市民課、税務課", "ja") == "市民課、税務課"
    assert section_label("知らない課", "en") == "知らない課"  # no English: as it is (the English walk names it)


def test_what_to_bring_is_english():
    assert requirements_label("マイナンバーカード", "en") == "My Number Card (マイナンバーカード)"
    assert requirements_label("マイナンバーカード (利用者証明用電子証明書と4桁の暗証番号)", "en").startswith("My Number Card")
    assert requirements_label("マイナンバーカード", "ja") == "マイナンバーカード"


def test_map_symbols_have_no_kanji_in_english():
    marks = [layer.mark("en") for layer in LAYERS]
    assert len(set(marks)) == len(LAYERS) and not any(has_kanji(m) for m in marks)
