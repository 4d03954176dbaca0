"""The catalog's life under failure: a writer killed at random points and concurrent importers.

Residents must only ever be served a complete version, and concurrent writers must keep every row.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import read_table
from finder.live.store import CatalogStore
from tests.catalog_factory import make_catalog
from tests.life_writer import version_files

ROOT = Path(__file__).resolve().parent.parent
KILL_RUNS = 20


def _served_tag(root: Path) -> str:
    files = versions.snapshot(root).files
    pair = (files.get("wifi.csv"), files.get("facilities.csv"))
    for tag in ("A", "B"):
        want = version_files(tag)
        if pair == (want["wifi.csv"], want["facilities.csv"]):
            return tag
    return "mix"


@pytest.mark.slow  # dozens of writer processes, killed at random points
def test_a_writer_killed_at_random_points_never_leaves_a_mix(tmp_path):
    root = make_catalog(tmp_path / "cat")
    versions.commit(root, version_files("A"), by="setup", action="publish")
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    states: list[str] = []
    for run in range(KILL_RUNS):
        writer = subprocess.Popen([sys.executable, str(ROOT / "tests" / "life_writer.py"), str(root)],
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 0.6))
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait(10)
            writer.stdout.close()
        states.append(versions.snapshot(root).state)
        tag = _served_tag(root)
        assert tag in ("A", "B"), f"run {run} (seed {seed}): served a mix of two versions"
        catalog = CatalogStore(root, warm_index=False).get()
        assert catalog is not None, f"run {run} (seed {seed})"
        assert len(catalog.of_kind("wifi")) == len(catalog.of_kind("facility")) in (10, 20)
    # After the kills, the next writer repairs whatever was left and the files match a version again.
    info = versions.commit(root, version_files("B"), by="after", action="publish")
    assert versions.snapshot(root).state == "clean" and versions.current(root) == info
    scratch = root / ".versions" / "tmp"
    assert not list(root.glob(".*.tmp")) and not (scratch.exists() and any(scratch.iterdir()))
    print(f"kill test seed {seed}: states after each kill {states}")


def _city_file(path: Path, code: str, name: str) -> Path:
    rows = "".join(f"W{i},{name} 公園 {i},茨城県{name}{i}\r\n" for i in range(3))
    path.write_text(f"ID,名称,住所\r\n{rows}", encoding="utf-8")
    return path


CITIES = [("082031", "土浦市"), ("082163", "笠間市"), ("082201", "つくば市"), ("082325", "神栖市")]


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_imports_keep_every_row(tmp_path, writers):
    root = make_catalog(tmp_path / "cat")
    procs = []
    for code, name in CITIES[:writers]:
        src = _city_file(tmp_path / f"{code}.csv", code, name)
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "finder", "import-opendata", str(src), "--kind", "wifi", "--city", code,
             "--out", str(root), "--by", f"importer-{code}"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0 and out.startswith("OK"), out + err
        assert "Traceback" not in err
    rows = read_table(root / "wifi.csv", []).rows
    ids = {r["ID"] for r in rows}
    for code, _ in CITIES[:writers]:
        assert {f"wifi-{code}-W{i}" for i in range(3)} <= ids, f"rows of {code} lost"
    assert "wifi-t-1" in ids and len(rows) == 1 + 3 * writers
    assert [v.action for v in versions.history(root)] == ["import"] * writers + ["initial"]
    assert not list(root.glob(".*.tmp"))
