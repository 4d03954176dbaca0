"""CatalogStore keeps serving the last good catalog when a data file breaks, and names the problem."""

import os
import shutil
from pathlib import Path

import pytest

from finder.catalog.store import CatalogStore, data_dir_from_env, dir_signature

DATA_DIR_ENV = "DXFINDER_DATA_DIR"

FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


@pytest.fixture
def data(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns("*.py"))
    return root


def _bump(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))


def test_loads_once_and_only_reloads_on_change(data):
    store = CatalogStore(data)
    first = store.get()
    assert first is not None and store.ok and store.problems == [] and store.reloads == 1
    assert store.get() is first and store.reloads == 1  # unchanged files: same object, no reload
    wifi = data / "wifi.csv"
    _bump(wifi, wifi.read_text(encoding="utf-8"))  # same content, new mtime
    second = store.get()
    assert store.reloads == 2 and second is not first


def test_broken_file_keeps_previous_catalog_and_names_file_and_row(data):
    store = CatalogStore(data)
    good = store.get()
    wifi = data / "wifi.csv"
    lines = wifi.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("緯度")] = "not-a-number"
    lines[2] = ",".join(cells)
    _bump(wifi, "\n".join(lines) + "\n")
    assert store.get() is good  # still serving the last good catalog
    assert not store.ok
    assert any(p.file == "wifi.csv" and p.row == 3 and p.column == "緯度" for p in store.problems)
    assert "wifi.csv:3:緯度" in store.error
    # Fixing the file recovers.
    cells[header.index("緯度")] = "36.0786"
    lines[2] = ",".join(cells)
    _bump(wifi, "\n".join(lines) + "\n")
    fixed = store.get()
    assert fixed is not good and store.ok and store.problems == []


def test_missing_file_on_first_load(tmp_path):
    store = CatalogStore(tmp_path / "nowhere")
    assert store.get() is None
    assert not store.ok and store.problems


def test_deleted_file_is_a_problem_not_a_crash(data):
    store = CatalogStore(data)
    good = store.get()
    (data / "procedures.csv").unlink()
    assert store.get() is good
    assert any(p.file == "procedures.csv" for p in store.problems)


def test_force_refresh(data):
    store = CatalogStore(data)
    store.get()
    assert store.refresh(force=True) and store.reloads == 2


def test_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    assert data_dir_from_env() == tmp_path
    assert CatalogStore().path == tmp_path
    monkeypatch.delenv(DATA_DIR_ENV)
    assert data_dir_from_env().name == "data"


def test_signature_ignores_non_csv(data):
    sig = dir_signature(data)
    (data / "README.txt").write_text("x")
    assert dir_signature(data) == sig
    assert dir_signature(data / "missing") == ()
