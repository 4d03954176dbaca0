"""finder.i18n.messages: a command's message is a key and values, bilingual where the reader's language is unknown."""

from __future__ import annotations

import ast
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
        used.update(re.findall(r"Message\(\s*[\"']([a-z_.]+)[\"']", path.read_text(encoding="utf-8")))
    assert used, "no Message(...) found"
    assert sorted(k for k in used if k not in JA or k not in EN) == []


# Japanese, then " / ", then English or a value: a message written inline in both languages.
INLINE_BILINGUAL = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff][^\n]* / [A-Za-z{]")


def _docstrings(tree: ast.AST) -> set[int]:
    nodes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef))]
    return {id(n.body[0].value) for n in nodes
            if n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}


def _literal_texts(tree: ast.AST) -> list[tuple[int, str]]:
    """Each string literal's text (an f-string's values as {}), docstrings left out."""
    skip = _docstrings(tree)
    inner = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            out.append((node.lineno, text))
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str)
              and id(node) not in skip and id(node) not in inner):
            out.append((node.lineno, node.value))
    return out


def inline_bilingual(source: str) -> list[tuple[int, str]]:
    return [(line, text) for line, text in _literal_texts(ast.parse(source)) if INLINE_BILINGUAL.search(text)]


def test_the_guard_finds_an_inline_bilingual_literal():
    source = ('''"""Module 「日本語 / English」 in a docstring is prose."""\n'''
              '''x = f"版 {v} が壊れています / stored file {v} is broken"\n'''
              '''y = "ファイルがありません / " + "file missing"\n'''
              '''z = ("該当なし / "\n     "no results")\n'''
              '''w = f"{name}: 確認 / {reason}"\n''')
    # the docstring is prose; a message split over two literals joined by + is not seen (one literal each)
    assert [line for line, _ in inline_bilingual(source)] == [2, 4, 6]


def test_no_inline_bilingual_message_outside_the_string_table():
    """A message in both languages belongs in finder/i18n/ (Message(key) or t(key, lang)), not inline."""
    found = []
    for path in sorted((ROOT / "finder").rglob("*.py")):
        if (ROOT / "finder" / "i18n") in path.parents:
            continue
        for line, text in inline_bilingual(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    assert found == [], "\n".join(found)
