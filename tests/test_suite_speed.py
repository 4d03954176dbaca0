"""The suite's two budgets stay wired up: `make test` runs everything and prints the slowest 15 tests,
`make test-fast` leaves out the browser, nginx and everything marked slow (README: "Tests and their budgets")."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAST = "not browser and not slow"


def _recipe(target: str) -> tuple[str, str]:
    """(prerequisites, recipe) of a Makefile target."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)+)", text, re.MULTILINE)
    assert found, f"no {target} target in the Makefile"
    return found.group(1), found.group(2)


def test_make_test_runs_everything_and_prints_the_slowest_15():
    prereqs, recipe = _recipe("test")
    assert "browser" in prereqs.split() and "nginx" in prereqs.split()
    pytest_line = next(line for line in recipe.splitlines() if "-m pytest" in line)
    assert "--durations=15" in pytest_line and " -m " not in pytest_line.split("-m pytest", 1)[1]


def test_make_test_fast_needs_no_browser_nor_nginx():
    prereqs, recipe = _recipe("test-fast")
    assert "browser" not in prereqs.split() and "nginx" not in prereqs.split()
    assert f'-m "{FAST}"' in recipe and "--durations=15" in recipe


def test_the_markers_are_declared():
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    names = {m.split(":")[0] for m in markers["markers"]}
    assert {"browser", "slow"} <= names


def test_the_fast_selection_leaves_out_browsers_and_nginx():
    """Collected as make test-fast would: nothing from tests/e2e/, no test that starts nginx."""
    proc = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                           "-m", FAST, "tests/e2e", "tests/test_serve.py"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    ids = [line for line in proc.stdout.splitlines() if "::" in line]
    assert ids, proc.stdout + proc.stderr
    assert all(i.startswith("tests/test_serve.py::") for i in ids), ids
    assert {i.split("::")[1] for i in ids} == {"test_nginx_config_lists_every_replica_and_upgrades_websockets",
                                               "test_make_serve_refuses_a_bad_port"}


def test_both_targets_run_a_test_file_per_parallel_process():
    """pytest-xdist with --dist loadfile: a file's module-scoped servers start once, in one process."""
    for target in ("test", "test-fast"):
        _, recipe = _recipe(target)
        pytest_line = next(line for line in recipe.splitlines() if "-m pytest" in line)
        assert re.search(r" -n \$\((TEST|FAST)_WORKERS\) --dist loadfile ", pytest_line), pytest_line
    requirements = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    assert re.search(r"^pytest-xdist==", requirements, re.MULTILINE)
