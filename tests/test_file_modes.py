"""Files a write leaves behind stay readable by the app's user, whatever the writer's umask.

The app may run as another user than the administrator who publishes; a catalog file left at mkstemp's 0600
(or a directory at 0700) serves residents "Permission denied". Written files keep the mode of the file they
replace (0644 when new); new directories take the mode of the directory they are made in.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from finder.catalog import versions
from finder.catalog.csvio import atomic_write, csv_bytes
from finder.catalog.schema import CLASSES

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "app_catalog"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def strict_umask():
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def data(tmp_path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    root.chmod(0o755)
    for path in root.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root


def everything_readable(root: Path) -> list[str]:
    """Every file and directory under ``root`` that another user could not read (or enter)."""
    bad = []
    for path in [root, *root.rglob("*")]:
        if path.name == versions.LOCK_FILE:
            continue
        need = stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
        if mode(path) & need != need:
            bad.append(f"{path.relative_to(root)}: {oct(mode(path))}")
    return bad


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path, strict_umask):
    kept = tmp_path / "kept.csv"
    kept.write_bytes(b"old\n")
    kept.chmod(0o640)
    atomic_write(kept, b"new\n")
    assert kept.read_bytes() == b"new\n" and mode(kept) == 0o640
    fresh = tmp_path / "fresh.csv"
    atomic_write(fresh, b"x\n")
    assert mode(fresh) == 0o644  # not mkstemp's 0600


def test_new_directories_take_the_mode_of_their_parent(tmp_path, strict_umask):
    from finder.catalog.csvio import make_dirs

    tmp_path.chmod(0o755)
    make_dirs(tmp_path / "a" / "b")
    assert mode(tmp_path / "a") == 0o755 and mode(tmp_path / "a" / "b") == 0o755
    group = tmp_path / "g"
    group.mkdir()
    group.chmod(0o750)
    make_dirs(group / "c")
    assert mode(group / "c") == 0o750


def test_a_commit_under_umask_077_leaves_every_file_readable(data, strict_umask):
    text = (data / "classes.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["説明"] = "変更"
    versions.commit(data, {"classes.csv": csv_bytes(CLASSES.headers(), rows)}, by="admin", kind="class",
                    action="publish")
    assert everything_readable(data) == []
    assert mode(data / "classes.csv") == 0o644 and mode(data / versions.VERSIONS_DIR) == 0o755


def _edited_classes(data: Path, out: Path) -> Path:
    rows = list(csv.DictReader(io.StringIO((data / "classes.csv").read_text(encoding="utf-8"))))
    first_city = rows[0]["全国地方公共団体コード"]
    mine = [r for r in rows if r["全国地方公共団体コード"] == first_city]
    mine[0]["説明"] = "教室の場所が変わりました"
    out.write_bytes(csv_bytes(CLASSES.headers(), mine))
    return out


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "finder", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, preexec_fn=lambda: os.umask(0o077))


def test_cli_publish_and_rollback_under_umask_077_leave_files_readable(data, tmp_path):
    upload = _edited_classes(data, tmp_path / "upload.csv")
    done = _cli("publish", str(upload), "--kind", "class", "--by", "admin", "--data", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert everything_readable(data) == []
    initial = versions.history(data)[-1].id
    done = _cli("rollback", initial, "--by", "admin", "--data", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert everything_readable(data) == []


def test_cli_import_opendata_under_umask_077_leaves_files_readable(data, tmp_path):
    src = tmp_path / "a.csv"
    src.write_text("ID,名称,住所\r\nA,試験公園,茨城県笠間市試験町1\r\n", encoding="utf-8")
    done = _cli("import-opendata", str(src), "--kind", "wifi", "--city", "082163", "--out", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert everything_readable(data) == []
    assert mode(data / "wifi.csv") == 0o644


def test_cli_confirm_under_umask_077_leaves_files_readable(data):
    (data / "classes.csv").write_bytes((data / "classes.csv").read_bytes())  # same bytes: recorded as a version
    done = _cli("confirm", "--by", "admin", "--dir", str(data))
    assert done.returncode == 0, done.stdout + done.stderr
    assert everything_readable(data) == []
