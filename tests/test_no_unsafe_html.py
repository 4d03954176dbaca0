"""No raw catalog text reaches the browser as HTML.

Every Streamlit call that renders HTML (``unsafe_allow_html=True``, ``st.html``, ``components.html``)
in app.py, ui/ and pages/ must get an argument that is a constant, or built only from constants, the
project's own stylesheets (ui/css, through ui.layout.stylesheet) and the escaping helpers of the finder
library (finder.present.html, finder.resident.mapview, ...) or ``html.escape``. A small static analysis follows names back to their assignments, helper functions
back to their return values, and function parameters back to every call site in the page layer.
Anything it cannot prove safe is reported with file and line.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAFE_MODULES = ("finder",)  # anything imported from the finder library escapes (its own tests check that)
SAFE_CALLS = {"html.escape"}
STR_METHODS = {"join", "format", "strip", "lstrip", "rstrip", "replace", "upper", "lower", "title", "casefold"}
HTML_SINKS = {"html"}  # st.html(...), components.html(...)
MAX_DEPTH = 12  # hops through names, helpers and call sites
# Page-layer functions that return the text of the project's static files, chosen from a fixed list: as
# constant as a string literal (test_static_text_is_only_the_projects_stylesheets checks what they read).
STATIC_TEXT = {("ui/layout.py", "stylesheet")}


def page_layer_files(root: Path = ROOT) -> list[Path]:
    return [root / "app.py", *(p for folder in ("ui", "pages") for p in sorted((root / folder).rglob("*.py")))]


@dataclass
class Module:
    path: str
    tree: ast.Module
    imports: dict[str, str] = field(default_factory=dict)  # local name -> dotted origin
    parents: dict[ast.AST, ast.AST] = field(default_factory=dict)


@dataclass
class Finding:
    path: str
    line: int
    code: str
    why: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.code}  <- {self.why}"


class Analyzer:
    def __init__(self, sources: dict[str, str]):
        self.modules = [self._module(path, text) for path, text in sources.items()]
        self._active: set[tuple[str, str, int]] = set()
        self.functions: dict[str, list[tuple[Module, ast.FunctionDef]]] = {}
        for mod in self.modules:
            for node in ast.walk(mod.tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.functions.setdefault(node.name, []).append((mod, node))

    @staticmethod
    def _module(path: str, text: str) -> Module:
        tree = ast.parse(text, filename=path)
        mod = Module(path, tree)
        for node in ast.walk(tree):
            for child in ast.iter_child_nodes(node):
                mod.parents[child] = node
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    mod.imports[local] = alias.name if alias.asname else alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    mod.imports[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        return mod

    # --- names -------------------------------------------------------------------------------
    def dotted(self, mod: Module, node: ast.AST) -> str | None:
        """'finder.present.html.card_html' for fhtml.card_html when ``from finder.present import html as fhtml``."""
        parts = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        head = mod.imports.get(node.id, node.id)
        return ".".join([head, *reversed(parts)])

    def _scope(self, mod: Module, node: ast.AST) -> ast.AST:
        while node in mod.parents:
            node = mod.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                return node
        return mod.tree

    # --- the safety judgement ----------------------------------------------------------------
    def safe(self, mod: Module, expr: ast.AST | None, depth: int = 0) -> str | None:
        """None when ``expr`` is proven safe, else a reason."""
        if expr is None:
            return None
        if depth > MAX_DEPTH:
            return "too deep to follow"
        nxt = depth  # nesting inside one expression costs nothing; hops (names, calls) do
        if isinstance(expr, ast.Constant):
            return None if isinstance(expr.value, str | bytes | int | float | bool | type(None)) else "odd constant"
        if isinstance(expr, ast.JoinedStr):
            return self._all(mod, [v.value for v in expr.values if isinstance(v, ast.FormattedValue)], nxt)
        if isinstance(expr, ast.FormattedValue):
            return self.safe(mod, expr.value, nxt)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add | ast.Mod | ast.Mult):
            return self._all(mod, [expr.left, expr.right], nxt)
        if isinstance(expr, ast.IfExp):
            return self._all(mod, [expr.body, expr.orelse], nxt)
        if isinstance(expr, ast.List | ast.Tuple | ast.Set):
            return self._all(mod, expr.elts, nxt)
        if isinstance(expr, ast.Dict):
            return self._all(mod, expr.values, nxt)
        if isinstance(expr, ast.ListComp | ast.GeneratorExp | ast.SetComp):
            return self.safe(mod, expr.elt, nxt)
        if isinstance(expr, ast.Subscript):
            return self.safe(mod, expr.value, nxt)  # an element of a safe container is safe
        if isinstance(expr, ast.Attribute) and (self.dotted(mod, expr) or "").split(".")[0] in SAFE_MODULES:
            return None  # a constant of the finder library (e.g. mapview.OSM_ATTRIBUTION), not catalog text
        if isinstance(expr, ast.Name):
            key = (mod.path, expr.id, id(self._scope(mod, expr)))
            if key in self._active:  # x = x + "..." : the other assignments decide
                return None
            self._active.add(key)
            try:
                return self._name(mod, expr, depth + 1)
            finally:
                self._active.discard(key)
        if isinstance(expr, ast.Call):
            return self._call(mod, expr, depth + 1)
        return f"{type(expr).__name__} {ast.unparse(expr)[:60]!r} is not a constant or an escaping helper"

    def _all(self, mod: Module, exprs, depth: int) -> str | None:
        for e in exprs:
            why = self.safe(mod, e, depth)
            if why:
                return why
        return None

    def _call(self, mod: Module, call: ast.Call, depth: int) -> str | None:
        name = self.dotted(mod, call.func) or ""
        if name.split(".")[0] in SAFE_MODULES or name in SAFE_CALLS:
            return None
        if isinstance(call.func, ast.Attribute) and call.func.attr in STR_METHODS:
            return self._all(mod, [call.func.value, *call.args, *(k.value for k in call.keywords)], depth)
        if name == "str" and call.args:
            return self.safe(mod, call.args[0], depth)
        local = name.split(".")[-1]
        defs = self.functions.get(local)
        if defs:  # a helper of the page layer: every return value must be safe
            for fmod, fn in defs:
                if (fmod.path, fn.name) in STATIC_TEXT:
                    continue
                returns = [n.value for n in ast.walk(fn) if isinstance(n, ast.Return)]
                if not returns:
                    return f"{local}() returns nothing"
                why = self._all(fmod, returns, depth)
                if why:
                    return f"{local}() returns unsafe HTML: {why}"
            return None
        return f"call to {name or ast.unparse(call.func)!r} is not an escaping helper from finder"

    def _name(self, mod: Module, name: ast.Name, depth: int) -> str | None:
        scope = self._scope(mod, name)
        values: list[tuple[Module, ast.AST]] = []
        if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
            params = [a.arg for a in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)]
            if name.id in params:
                return self._parameter(mod, scope, name.id, depth)
        for node in ast.walk(scope):
            if node is not scope and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                continue
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and target.id == name.id:
                        values.append((mod, node.value))
                    elif isinstance(target, ast.Tuple | ast.List) and any(
                            isinstance(e, ast.Name) and e.id == name.id for e in target.elts):
                        return f"{name.id!r} is unpacked from {ast.unparse(node.value)[:60]!r}"
            elif isinstance(node, ast.For | ast.comprehension) and any(
                    isinstance(n, ast.Name) and n.id == name.id for n in ast.walk(node.target)):
                return f"{name.id!r} is a loop variable over {ast.unparse(node.iter)[:60]!r}"
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("append", "extend", "insert") and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == name.id:
                values.extend((mod, a) for a in node.args)
            elif isinstance(node, ast.NamedExpr) and node.target.id == name.id:
                values.append((mod, node.value))
        if not values:
            if scope is not mod.tree:  # maybe a module-level constant
                return self._name_at_module(mod, name, depth)
            origin = mod.imports.get(name.id, "")
            if origin.split(".")[0] in SAFE_MODULES:
                return None
            return f"cannot tell where {name.id!r} comes from"
        for vmod, value in values:
            why = self.safe(vmod, value, depth)
            if why:
                return f"{name.id!r}: {why}"
        return None

    def _name_at_module(self, mod: Module, name: ast.Name, depth: int) -> str | None:
        fake = ast.Name(id=name.id, ctx=ast.Load())
        mod.parents[fake] = mod.tree
        return self._name(mod, fake, depth)

    def _parameter(self, mod: Module, fn: ast.FunctionDef, param: str, depth: int) -> str | None:
        """A parameter is safe when every caller in the page layer passes a safe value."""
        positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        index = positional.index(param) if param in positional else None
        calls = 0
        for cmod in self.modules:
            for node in ast.walk(cmod.tree):
                if not isinstance(node, ast.Call):
                    continue
                callee = self.dotted(cmod, node.func) or ""
                if callee.split(".")[-1] != fn.name:
                    continue
                calls += 1
                arg = next((k.value for k in node.keywords if k.arg == param), None)
                if arg is None and index is not None:
                    offset = 1 if positional and positional[0] in ("self", "cls") else 0
                    pos = index - offset
                    arg = node.args[pos] if 0 <= pos < len(node.args) else None
                if arg is None:
                    default = self._default(fn, param)
                    why = self.safe(mod, default, depth) if default is not None else None
                else:
                    why = self.safe(cmod, arg, depth)
                if why:
                    return f"{fn.name}({param}=...) at {cmod.path}:{node.lineno}: {why}"
        return None if calls else f"parameter {param!r} of {fn.name}() is never called in the page layer"

    @staticmethod
    def _default(fn: ast.FunctionDef, param: str) -> ast.AST | None:
        args = [*fn.args.posonlyargs, *fn.args.args]
        defaults = dict(zip([a.arg for a in args][-len(fn.args.defaults):], fn.args.defaults)) \
            if fn.args.defaults else {}
        defaults.update({a.arg: d for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults) if d is not None})
        return defaults.get(param)

    # --- sinks -----------------------------------------------------------------------------
    def sinks(self) -> list[tuple[Module, ast.Call, ast.AST | None]]:
        found = []
        for mod in self.modules:
            for node in ast.walk(mod.tree):
                if not isinstance(node, ast.Call):
                    continue
                unsafe = next((k for k in node.keywords if k.arg == "unsafe_allow_html"), None)
                name = self.dotted(mod, node.func) or ""
                is_html_sink = name.split(".")[-1] in HTML_SINKS and (
                    name.startswith("streamlit") or name.startswith("st.") or "components" in name)
                if unsafe is not None and not (isinstance(unsafe.value, ast.Constant) and not unsafe.value.value):
                    arg = node.args[0] if node.args else next(
                        (k.value for k in node.keywords if k.arg in ("body", "label")), None)
                    found.append((mod, node, arg))
                elif is_html_sink:
                    arg = node.args[0] if node.args else next(
                        (k.value for k in node.keywords if k.arg in ("body", "html")), None)
                    found.append((mod, node, arg))
        return found

    def findings(self) -> list[Finding]:
        out = []
        for mod, call, arg in self.sinks():
            why = self.safe(mod, arg) if arg is not None else "no argument found"
            if why:
                out.append(Finding(mod.path, call.lineno, ast.unparse(call)[:100], why))
        return out


def analyze(sources: dict[str, str]) -> Analyzer:
    return Analyzer({k: textwrap.dedent(v) for k, v in sources.items()})


# --- the real page layer ---------------------------------------------------------------------
def test_page_layer_renders_only_escaped_html():
    files = page_layer_files()
    names = {str(p.relative_to(ROOT)) for p in files}
    assert {"app.py", "pages/1_search.py", "pages/2_detail.py", "pages/3_map.py", "ui/components.py"} <= names
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in files}
    analyzer = Analyzer(sources)
    findings = analyzer.findings()
    assert not findings, "HTML built from unescaped values:\n" + "\n".join(map(str, findings))


def test_static_text_is_only_the_projects_stylesheets():
    from ui import layout

    assert sorted(p.stem for p in (ROOT / "ui" / "css").glob("*.css")) == sorted(layout.STYLESHEETS)
    for name in layout.STYLESHEETS:
        assert layout.stylesheet(name) == (ROOT / "ui" / "css" / f"{name}.css").read_text(encoding="utf-8")
    for bad in ("../../data/wifi", "base.css", ""):
        with pytest.raises(ValueError):
            layout.stylesheet(bad)


def test_page_layer_builds_no_folium_objects_itself():
    """Map popups and tooltips carry catalog text: they are built (and escaped) in finder.resident.mapview only."""
    offenders = []
    for path in page_layer_files():
        mod = Analyzer._module(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for local, origin in mod.imports.items():
            if origin.split(".")[0] in ("folium", "branca"):
                offenders.append(f"{mod.path}: imports {origin} as {local}")
    assert not offenders, "\n".join(offenders)


# --- the analysis itself (so a pass above means something) ----------------------------------
def _why(code: str) -> list[str]:
    return [f.why for f in analyze({"pages/x.py": code}).findings()]


def test_flags_catalog_text_in_fstrings_and_names():
    assert _why('''
        import streamlit as st
        st.markdown(f"<b>{item.title}</b>", unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit as st
        def show(item):
            body = "<div>" + item.summary + "</div>"
            st.markdown(body, unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit as st
        for hit in hits:
            st.write(hit.item.title, unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit as st
        st.html("<p>" + query + "</p>")
    ''')
    assert _why('''
        import streamlit as st
        from finder.resident import kiosk
        st.markdown(f"<b>{kiosk.config.title}{item.name}</b>", unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit.components.v1 as components
        components.html(make_page(q))
    ''')


def test_flags_helpers_and_parameters_that_pass_raw_text():
    assert _why('''
        import streamlit as st
        def render(fragment):
            st.markdown(fragment, unsafe_allow_html=True)
        render(f"<i>{item.title}</i>")
    ''')
    assert _why('''
        import streamlit as st
        def _card(item):
            return "<div>%s</div>" % item.title
        st.markdown(_card(item), unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit as st
        def stylesheet(name):
            return open(name).read()
        st.html(f"<style>{stylesheet(item.title)}</style>")
    ''')  # only ui/layout.py's stylesheet() reads the project's own files
    assert _why('''
        import streamlit as st
        parts = []
        parts.append(item.title)
        st.markdown("".join(parts), unsafe_allow_html=True)
    ''')
    assert _why('''
        import streamlit as st
        from finder.present import html as fhtml
        body = fhtml.esc(q)
        body += "<br>"
        body += item.title
        st.markdown(body, unsafe_allow_html=True)
    ''')


def test_accepts_constants_and_finder_helpers():
    assert not _why('''
        import html
        import streamlit as st
        from finder.present import html as fhtml
        from finder.present.html import ruby_html
        import finder.resident.mapview
        CSS = "<style>.x{color:red}</style>"
        st.markdown(CSS, unsafe_allow_html=True)
        st.markdown(fhtml.card_html(item, lang), unsafe_allow_html=True)
        st.markdown(f"<div class='k'>{ruby_html(a, b)}</div>", unsafe_allow_html=True)
        st.markdown(f"<p>{html.escape(q)}</p>", unsafe_allow_html=True)
        st.markdown(item.title)  # not HTML: Streamlit escapes it
        from finder.resident import mapview
        st.markdown(f"<small>{mapview.OSM_ATTRIBUTION}</small>", unsafe_allow_html=True)
        st.markdown(item.title, unsafe_allow_html=False)
        st.html(finder.resident.mapview.legend_html())
        def render(fragment):
            st.markdown(fragment, unsafe_allow_html=True)
        render(fhtml.status_badge("open"))
        render("<hr>")
        def _badges(item):
            parts = [fhtml.kind_badge(item.kind)]
            if item.is_sample:
                parts.append(fhtml.sample_badge())
            return " ".join(parts)
        st.markdown(_badges(item), unsafe_allow_html=True)
        text = fhtml.esc(q) if q else "<em>none</em>"
        st.markdown(text, unsafe_allow_html=True)
        body = fhtml.esc(q)
        body += "<br>"
        body = body + fhtml.esc(r)
        st.markdown(body, unsafe_allow_html=True)
    ''')
