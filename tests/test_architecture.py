"""The shape of the code: finder/ is a plain library below ui/ and pages/, with no import cycles, and its
subpackages are layers: each imports only from the layers below it (LAYERS, bottom-up; README explains each).

Every import counts, also those inside functions and under ``if TYPE_CHECKING``: a cycle hidden behind a
late import is still two modules that cannot be understood apart.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FINDER = ROOT / "finder"
MAX_LINES = 600

# finder's layers, bottom-up. A module may import its own layer and any layer listed before it, never one after.
# "base" is the top-level modules plus the string table: every layer may use them.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("text", ("finder.text",)),
    ("base", ("finder.model", "finder.settings", "finder.appsettings", "finder.clock", "finder.urls", "finder.weblink", "finder.geo", "finder.i18n")),
    ("municipalities", ("finder.municipalities",)),
    ("catalog", ("finder.catalog",)),
    ("search", ("finder.search",)),
    ("national", ("finder.national",)),
    ("live", ("finder.live",)),
    ("present", ("finder.present",)),
    ("resident", ("finder.resident",)),
    ("desk", ("finder.desk",)),
    ("cli", ("finder.cli", "finder.__main__")),
)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import statement, resolving relative imports."""
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            # ``from finder.x import y`` may import the module finder.x.y
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names]
    return found


def _finder_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in FINDER.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for _, target in _imports(path):
            if target in modules and target != name:
                graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _python_files() -> list[Path]:
    dirs = [ROOT / d for d in ("finder", "ui", "pages", "bench", "scripts", "tests")]
    return [ROOT / "app.py", *(p for d in dirs for p in d.rglob("*.py"))]


def test_finder_never_imports_streamlit():
    offenders = [f"{p.relative_to(ROOT)}:{line} {name}" for p in FINDER.rglob("*.py") for line, name in _imports(p)
                 if name.split(".")[0] in ("streamlit", "streamlit_folium")]
    assert offenders == []


def test_finder_never_imports_the_layers_above_it():
    offenders = [f"{p.relative_to(ROOT)}:{line} {name}" for p in FINDER.rglob("*.py") for line, name in _imports(p)
                 if name.split(".")[0] in ("ui", "pages", "app", "bench", "tests")]
    assert offenders == []


def test_ui_never_imports_pages():
    offenders = [f"{p.relative_to(ROOT)}:{line} {name}" for p in (ROOT / "ui").rglob("*.py")
                 for line, name in _imports(p) if name.split(".")[0] == "pages"]
    assert offenders == []


def test_no_import_cycle_inside_finder():
    assert _cycles(_finder_graph()) == []


def test_cycle_finder_sees_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_imports_inside_functions_in_finder_say_why():
    """A late import hides a dependency; the few that are worth it (start-up cost) carry a comment above."""
    unexplained = []
    for path in FINDER.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom) and \
                            not lines[inner.lineno - 2].strip().startswith("#"):
                        unexplained.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert unexplained == []


def test_no_source_file_is_too_long():
    long = {str(p.relative_to(ROOT)): n for p in _python_files()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def _layer_of(module: str) -> int | None:
    """The layer index of a finder module; None for the bare ``finder`` package (it imports nothing)."""
    for rank, (_, prefixes) in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def _upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for module, targets in graph.items():
        own = _layer_of(module)
        for target in targets:
            rank = _layer_of(target)
            if own is not None and rank is not None and rank > own:
                found.append(f"{module} ({LAYERS[own][0]}) imports {target} ({LAYERS[rank][0]})")
    return sorted(found)


def test_every_finder_module_belongs_to_a_layer():
    """A new subpackage or top-level module must be given its place in LAYERS (and in README's table)."""
    unplaced = [m for m in _finder_graph() if m != "finder" and _layer_of(m) is None]
    assert unplaced == []


def test_the_finder_package_itself_imports_nothing():
    """``from finder import settings`` runs finder/__init__.py: were it to import a high layer, every low
    module doing that would depend on the whole library."""
    assert [name for _, name in _imports(FINDER / "__init__.py")] == []


def test_no_subpackage_imports_a_layer_above_it():
    """Function-local and TYPE_CHECKING imports count too (_imports walks the whole tree)."""
    assert _upward_imports(_finder_graph()) == []


def test_upward_import_check_sees_an_upward_edge():
    graph = {"finder.catalog.m": {"finder.desk.auth"}, "finder.desk.auth": {"finder.catalog.cells"}}
    assert _upward_imports(graph) == ["finder.catalog.m (catalog) imports finder.desk.auth (desk)"]
