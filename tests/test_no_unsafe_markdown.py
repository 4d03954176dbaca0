"""No text from a URL, a data file or the catalog reaches a Markdown-rendering message unescaped.

st.markdown, st.info, st.error, st.warning, st.success, st.caption, st.toast, st.write and the headings
render Markdown: a shared link like ``?q=[ログイン](https://evil.example)`` would put a clickable link or a
tracking image inside the app's own message box. Their text must be constants, UI strings (``t``) whose
values are safe, numbers, dates, or pass through the one helper ``finder.present.html.md_escape``.
The analysis is the one of test_no_unsafe_html (names, helpers and parameters followed back), with the
finder library no longer trusted as a whole: only md_escape escapes Markdown.
"""

from __future__ import annotations

import ast

from tests.test_no_unsafe_html import ROOT, Analyzer, Module, analyze, page_layer_files

MARKDOWN_SINKS = {"markdown", "info", "error", "warning", "success", "caption", "toast", "write", "title",
                  "header", "subheader"}
ESCAPERS = {"md_escape"}
UI_STRINGS = {"t", "kt", "T"}  # the string table: safe when every value put into it is safe
PLAIN = {"len", "int", "float", "round", "sum", "max", "min", "isoformat", "strftime"}  # numbers and dates


class MarkdownAnalyzer(Analyzer):
    def _call(self, mod: Module, call: ast.Call, depth: int) -> str | None:
        name = self.dotted(mod, call.func) or ""
        local = name.split(".")[-1] or (call.func.attr if isinstance(call.func, ast.Attribute) else "")
        if local in ESCAPERS or local in PLAIN:
            return None
        if local in UI_STRINGS:  # t(key, lang, **values): the key and language pick a constant string
            return self._all(mod, [k.value for k in call.keywords], depth)
        if isinstance(call.func, ast.Attribute) and call.func.attr in ("join", "format", "strip", "replace"):
            return self._all(mod, [call.func.value, *call.args, *(k.value for k in call.keywords)], depth)
        if name.split(".")[0] == "finder" and local not in self.functions:
            return f"{name}() is not md_escape: its text is not escaped for Markdown"
        return super()._call(mod, call, depth)

    def safe(self, mod: Module, expr: ast.AST | None, depth: int = 0) -> str | None:
        if isinstance(expr, ast.BoolOp):
            return self._all(mod, expr.values, depth)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Sub | ast.FloorDiv | ast.Div):
            return self._all(mod, [expr.left, expr.right], depth)
        if isinstance(expr, ast.Attribute) and not isinstance(expr.value, ast.Call):
            dotted = self.dotted(mod, expr) or ""
            if dotted.split(".")[0] == "finder" and dotted.split(".")[-1].isupper():
                return None  # a constant of the library
            if dotted.split(".")[0] != "finder":
                return f"attribute {ast.unparse(expr)[:60]!r} is not escaped for Markdown"
        if isinstance(expr, ast.Name) and mod.imports.get(expr.id, "").split(".")[0] == "finder":
            return None if expr.id.isupper() else f"{expr.id!r} from finder is not escaped for Markdown"
        return super().safe(mod, expr, depth)

    def _name(self, mod: Module, name: ast.Name, depth: int) -> str | None:
        scope = self._scope(mod, name)
        for node in ast.walk(scope):  # the counter of enumerate() / a range() value is a number
            if isinstance(node, ast.For | ast.comprehension) and isinstance(node.iter, ast.Call) and \
                    getattr(node.iter.func, "id", "") in ("enumerate", "range"):
                target = node.target.elts[0] if isinstance(node.target, ast.Tuple) and \
                    getattr(node.iter.func, "id", "") == "enumerate" else node.target
                if isinstance(target, ast.Name) and target.id == name.id:
                    return None
        return super()._name(mod, name, depth)

    def sinks(self) -> list[tuple[Module, ast.Call, ast.AST | None]]:
        found = []
        for mod in self.modules:
            for node in ast.walk(mod.tree):
                if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                    continue
                name = self.dotted(mod, node.func) or ""
                if node.func.attr in MARKDOWN_SINKS and (name.startswith("streamlit.") or name.startswith("st.")):
                    if any(k.arg == "unsafe_allow_html" for k in node.keywords):
                        continue  # HTML sinks are test_no_unsafe_html's
                    arg = node.args[0] if node.args else next(
                        (k.value for k in node.keywords if k.arg in ("body", "label")), None)
                    found.append((mod, node, arg))
        return found


def test_page_layer_messages_escape_markdown():
    files = page_layer_files()
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files}
    findings = MarkdownAnalyzer(sources).findings()
    assert not findings, "Markdown built from unescaped values:\n" + "\n".join(map(str, findings))


def _why(code: str) -> list[str]:
    analyzer = analyze({"pages/x.py": code})
    analyzer.__class__ = MarkdownAnalyzer
    return [f.why for f in analyzer.findings()]


def test_flags_url_text_in_messages():
    assert _why('''
        import streamlit as st
        from finder.i18n import t
        q = st.query_params.get("q", "")
        st.info(t("search.no_results", "ja", query=q))
    ''')
    assert _why('''
        import streamlit as st
        st.error("\\n\\n".join(f"`{p}`" for p in store.problems))
    ''')
    assert _why('''
        import streamlit as st
        from finder.present.html import display_title
        st.markdown(f"**{display_title(item, 'ja')}**")
    ''')


def test_accepts_escaped_and_constant_messages():
    assert not _why('''
        import streamlit as st
        from finder.present.html import md_escape
        from finder.i18n import t
        q = st.query_params.get("q", "")
        st.info(t("search.no_results", "ja", query=md_escape(q)))
        st.markdown(f"**{t('search.results', 'ja', count=len(hits))}**")
        st.caption("固定の文")
    ''')
