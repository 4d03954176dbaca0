"""finder.i18n.messages: a command's message is a key and values, bilingual where the reader's language is unknown."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from finder.i18n import EN, JA
from finder.i18n.messages import Message, bilingual

ROOT = Path(__file__).resolve().parent.parent


def test_a_message_is_its_bilingual_text_and_keeps_key_and_values():
    m = Message("validate.file.cell_count", cells=7, columns=25)
    assert m == "列数が違います (7 列, 見出しは 25 列) / 7 cells but 25 header columns"
    assert m == bilingual("validate.file.cell_count", cells=7, columns=25)
    assert (m.key, m.params) == ("validate.file.cell_count", {"cells": 7, "columns": 25})
    assert m.text("en") == "7 cells but 25 header columns"
    assert m.text("ja") == "列数が違います (7 列, 見出しは 25 列)"


def test_a_value_shows_in_both_languages_and_braces_in_it_are_kept():
    m = Message("validate.cell.template", syntax="{{ {% {#")
    assert m == "テンプレート記法 ({{ {% {#) は使えません / template syntax ({{ {% {#) is not allowed"


def test_a_message_survives_pickling():
    m = Message("validate.cell.not_number", value="'NaN'")
    back = pickle.loads(pickle.dumps(m))
    assert back == m and back.key == m.key and back.params == m.params


def test_every_message_key_the_code_uses_is_in_both_tables():
    used = set()
    for path in (ROOT / "finder").rglob("*.py"):
        used.update(re.findall(r"Message\(\s*\"([a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert used, "no Message(...) found"
    assert sorted(k for k in used if k not in JA or k not in EN) == []
