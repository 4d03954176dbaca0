"""finder/ is a plain library: no Streamlit anywhere in it (pages and ui/ are the only Streamlit layer)."""

import ast
from pathlib import Path

FINDER = Path(__file__).resolve().parent.parent / "finder"


def test_finder_never_imports_streamlit():
    offenders = []
    for path in sorted(FINDER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}:{node.lineno} {n}" for n in names
                          if n.split(".")[0] in ("streamlit", "streamlit_folium")]
    assert offenders == []
