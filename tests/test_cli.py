"""Every documented ``python -m finder`` command, through its real entry point (main([...]) or a subprocess)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.cli import build_parser, main
from tests.catalog_factory import make_catalog

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


def _documented() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8") + (ROOT / "Makefile").read_text(encoding="utf-8")
    for doc in (ROOT / "docs").glob("*.md"):
        text += doc.read_text(encoding="utf-8")
    return re.findall(r"-m (finder|bench\.\w+)(?: ([a-z][\w-]*))?", text)


def test_every_documented_command_exists():
    found = _documented()
    commands = {cmd for mod, cmd in found if mod == "finder" and cmd}
    assert {"validate", "import-opendata", "search", "export", "confirm"} <= commands
    known = set(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001
    assert commands <= known, f"documented but missing: {commands - known}"
    for mod, _ in found:
        if mod.startswith("bench."):
            assert (ROOT / (mod.replace(".", "/") + ".py")).exists(), f"documented module {mod} is missing"


def test_help_through_a_subprocess():
    done = subprocess.run([sys.executable, "-m", "finder", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and "confirm" in done.stdout and "import-opendata" in done.stdout


@pytest.fixture
def data(tmp_path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("*.py"))
    return root


def test_validate(data, capsys):
    assert main(["validate", str(data)]) == 0
    assert capsys.readouterr().out.startswith("OK")
    (data / "wifi.csv").write_text("garbage\n", encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert "FAILED" in capsys.readouterr().out


def test_search_json(data, capsys):
    assert main(["search", "じゅうみんひょう", "--json", "--data", str(data)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and {"id", "title", "score"} <= set(hits[0])
    assert main(["search", "x", "--city", "どこにもない市", "--data", str(data)]) == 2


def test_export_both_formats_and_a_clear_error(data, tmp_path, capsys):
    out = tmp_path / "c.geojson"
    assert main(["export", "--format", "geojson", "--dir", str(data), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    assert main(["export", "--dir", str(data), "--out", str(tmp_path / "c.csv")]) == 0
    assert (tmp_path / "c.csv").read_bytes()
    assert main(["export", "--dir", str(data), "--out", str(tmp_path / "no" / "such" / "dir.csv")]) == 1
    err = capsys.readouterr().err
    assert "error" in err and "Traceback" not in err


def test_confirm(data, capsys):
    assert main(["confirm", "--by", "staff", "--dir", str(data)]) == 0
    assert "OK: version" in capsys.readouterr().out
    assert versions.current(data).by == "staff"
    assert main(["confirm", "--by", "staff", "--dir", str(data)]) == 0  # nothing new: same version
    assert len(versions.history(data)) == 1


def test_import_waits_for_the_lock_then_says_so(tmp_path, capsys):
    root = make_catalog(tmp_path / "cat")
    src = tmp_path / "a.csv"
    src.write_text("ID,名称,住所\r\nA,試験公園,茨城県笠間市試験町1\r\n", encoding="utf-8")
    before = (root / "wifi.csv").read_bytes()
    with versions.lock(root, by="desk"):
        code = main(["import-opendata", str(src), "--kind", "wifi", "--city", "082163", "--out", str(root),
                     "--wait", "0.2"])
    out = capsys.readouterr().out
    assert code == 1 and "another writer" in out and "nothing was changed" in out
    assert (root / "wifi.csv").read_bytes() == before


def test_import_into_a_read_only_directory_is_a_clear_message(tmp_path, monkeypatch, capsys):
    import errno
    import os

    root = make_catalog(tmp_path / "cat")
    src = tmp_path / "a.csv"
    src.write_text("ID,名称,住所\r\nA,試験公園,茨城県笠間市試験町1\r\n", encoding="utf-8")
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(versions.os, "open", read_only)
    code = main(["import-opendata", str(src), "--kind", "wifi", "--city", "082163", "--out", str(root)])
    monkeypatch.undo()
    out = capsys.readouterr()
    assert code == 1 and "read-only" in out.out and "Traceback" not in out.err


def test_the_cli_starts_without_the_maps_libraries():
    """Staff run the CLI often and tests spawn it dozens of times: folium and pandas alone cost ~1.3 s a start."""
    code = "import sys, finder.cli; print(sorted(m for m in ('folium', 'pandas', 'streamlit') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
