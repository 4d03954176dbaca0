"""Consistent versions of the catalog: a content-addressed history, a manifest, one writer at a time.

Residents must never be served half a write. Every writer (import, publish, rollback, confirm) goes through
``update``/``commit``: under one lock it reads the live files, builds and validates the whole would-be
catalog in memory, stores the new files as immutable blobs with a version record, marks the
write as pending, replaces the live files one by one, writes ``manifest.json`` and clears the mark. Readers
use ``snapshot``: live files that match the manifest are served; while a write is pending (or its writer
died) the manifest's version is served from the blobs, never a mix. Files that differ from the manifest with
no pending mark are a hand edit: served after validation unless they lose much (see ``held_back_reasons``),
which waits for ``confirm``. The protocol for staff and developers: docs/CATALOG-LIFE.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import finder.clock as clock
from finder.catalog.changes import (  # noqa: F401  (SHRINK_*: part of this module's API)
    SHRINK_LIMIT,
    SHRINK_MIN_ROWS,
    count_rows,
    held_back_reasons,
    row_counts,
)
from finder.catalog.csvio import Problem, UnreadableFile, atomic_write, make_dirs, read_regular
from finder.catalog.validate import validate_files
from finder.i18n.messages import Message

VERSIONS_DIR = ".versions"
MANIFEST = "manifest.json"
PENDING = "pending.json"
LOCK_FILE = ".lock"
LOCK_TIMEOUT = 30.0
_VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,80}$")
_NAME_RE = re.compile(r"^[^/\\.][^/\\]*\.csv$")


class VersionError(Exception):
    """A write that was refused or failed; the live catalog is unchanged."""


class StaleVersion(VersionError):
    """The catalog changed since the caller read it (``expect_version`` no longer current)."""


class InvalidCatalog(VersionError):
    """The would-be catalog has errors; ``problems`` lists them as file:row:column."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "\n".join(str(p) for p in problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{Message('versions.invalid_catalog', count=len(problems))}:\n{shown}{more}")


class LockTimeout(VersionError):
    """Another writer held the data directory's lock for longer than the timeout."""


class DiskError(VersionError):
    """The data directory is read-only, full, or otherwise refused a write."""


class UnconfirmedEdit(VersionError):
    """The live files were edited by hand and lose much; ``reasons`` says what. Confirm them first."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(f"{Message('versions.unconfirmed_edit')}:\n" + "\n".join(reasons))


class UnknownVersion(VersionError):
    """No such version in this data directory's history."""


@dataclass(frozen=True)
class FileInfo:
    sha256: str
    bytes: int
    rows: int


@dataclass(frozen=True)
class VersionInfo:
    """One recorded version of the whole catalog."""

    id: str
    parent: str | None
    seq: int
    at: str
    by: str
    kind: str
    action: str  # initial, import, publish, rollback, hand-edit
    note: str
    files: dict[str, FileInfo]
    counts: dict[str, int] = field(default_factory=dict)  # added / changed / removed rows vs the parent

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: Mapping) -> VersionInfo:
        files = {name: FileInfo(**info) for name, info in dict(data.get("files") or {}).items()}
        return cls(id=str(data["id"]), parent=data.get("parent"), seq=int(data.get("seq", 0)),
                   at=str(data.get("at", "")), by=str(data.get("by", "")), kind=str(data.get("kind", "")),
                   action=str(data.get("action", "")), note=str(data.get("note", "")), files=files,
                   counts={k: int(v) for k, v in dict(data.get("counts") or {}).items()})


@dataclass
class Snapshot:
    """What a reader should load now, and why.

    ``state``: "unversioned" (no manifest: plain files), "clean" (files match the manifest), "recovered"
    (a write is pending or its writer died: ``files`` are the manifest's version from the blobs), or
    "hand-edit" (files differ from the manifest; ``held`` lists reasons to wait for confirmation).
    """

    files: dict[str, bytes]
    problems: list[Problem]
    state: str
    version: VersionInfo | None
    held: list[str] = field(default_factory=list)
    baseline: dict[str, bytes] | None = None


# ---- paths and small helpers ---------------------------------------------------------------------------------

def _vdir(root: Path) -> Path:
    return root / VERSIONS_DIR


def _blob_path(root: Path, sha: str) -> Path:
    return _vdir(root) / "blobs" / sha


def _record_path(root: Path, version_id: str) -> Path:
    if not _VERSION_RE.match(version_id):
        raise UnknownVersion(Message("versions.bad_version_id", version=repr(version_id)))
    return _vdir(root) / f"{version_id}.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_info(data: bytes) -> FileInfo:
    return FileInfo(sha256(data), len(data), count_rows(data))


def _write_json(path: Path, data: Mapping) -> None:
    make_dirs(path.parent)
    atomic_write(path, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(read_regular(path, 16 * 1024 * 1024).decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ---- reading -------------------------------------------------------------------------------------------------

def live_names(root: Path | str) -> list[str]:
    """The catalog file names in a data directory: every top-level ``*.csv`` (hidden files aside)."""
    try:
        with os.scandir(root) as entries:
            return sorted(e.name for e in entries if _NAME_RE.match(e.name))
    except OSError:
        return []


def read_live(root: Path | str) -> tuple[dict[str, bytes], list[Problem]]:
    """The bytes of every live catalog file; files that cannot be read (FIFO, device, too large) are problems."""
    root = Path(root)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    for name in live_names(root):
        try:
            files[name] = read_regular(root / name)
        except FileNotFoundError:
            continue  # removed between listing and reading
        except UnreadableFile as exc:
            problems.append(Problem(name, 0, "-", str(exc)))
        except OSError as exc:
            problems.append(Problem(name, 0, "-", Message("versions.cannot_read", error=exc.strerror or exc)))
    return files, problems


def _manifest(root: Path) -> dict | None:
    data = _read_json(root / MANIFEST)
    return data if data and isinstance(data.get("version"), str) and isinstance(data.get("files"), dict) else None


def _record(root: Path, version_id: str) -> VersionInfo:
    data = _read_json(_record_path(root, version_id))
    if data is None:
        raise UnknownVersion(Message("versions.no_such_version", version=version_id))
    return VersionInfo.from_json(data)


def current(root: Path | str) -> VersionInfo | None:
    """The version manifest.json names (None before the first recorded write)."""
    root = Path(root)
    manifest = _manifest(root)
    if manifest is None:
        return None
    try:
        return _record(root, manifest["version"])
    except UnknownVersion:
        return None


def history(root: Path | str) -> list[VersionInfo]:
    """The current version and its ancestors, newest first (records of writes that never finished are left out)."""
    root = Path(root)
    out: list[VersionInfo] = []
    seen: set[str] = set()
    version = current(root)
    while version is not None and version.id not in seen:
        out.append(version)
        seen.add(version.id)
        try:
            version = _record(root, version.parent) if version.parent else None
        except UnknownVersion:
            version = None
    return out


def read_version(root: Path | str, version_id: str) -> dict[str, bytes]:
    """Every file of a version, byte for byte, checked against its hash."""
    root = Path(root)
    record = _record(root, version_id)
    files: dict[str, bytes] = {}
    for name, info in record.files.items():
        try:
            data = read_regular(_blob_path(root, info.sha256))
        except OSError as exc:
            raise VersionError(Message("versions.stored_unreadable", version=version_id, file=name, error=exc)) from exc
        if sha256(data) != info.sha256:
            raise VersionError(Message("versions.stored_corrupt", version=version_id, file=name))
        files[name] = data
    return files


def read_file(root: Path | str, version_id: str, name: str) -> bytes | None:
    """One file of a version (None when the version has no such file), checked against its hash."""
    info = _record(Path(root), version_id).files.get(name)
    if info is None:
        return None
    data = read_regular(_blob_path(Path(root), info.sha256))
    if sha256(data) != info.sha256:
        raise VersionError(Message("versions.stored_corrupt", version=version_id, file=name))
    return data


def _matches(files: Mapping[str, bytes], manifest: Mapping) -> bool:
    expected = {name: (info or {}).get("sha256") for name, info in manifest["files"].items()}
    return set(files) == set(expected) and all(sha256(data) == expected[name] for name, data in files.items())


def snapshot(root: Path | str) -> Snapshot:
    """Decide what a reader loads: never a mix of two versions, never a half-written write."""
    root = Path(root)
    manifest = _manifest(root)
    live, problems = read_live(root)
    if manifest is None:
        return Snapshot(live, problems, "unversioned", None)
    try:
        version = _record(root, manifest["version"])
    except UnknownVersion:
        return Snapshot(live, problems, "unversioned", None)
    if (_vdir(root) / PENDING).exists():
        return Snapshot(read_version(root, version.id), [], "recovered", version)
    if not problems and _matches(live, manifest):
        return Snapshot(live, [], "clean", version)
    baseline = read_version(root, version.id)
    return Snapshot(live, problems, "hand-edit", version, held_back_reasons(baseline, live), baseline)


# ---- the lock ------------------------------------------------------------------------------------------------

@contextlib.contextmanager
def lock(root: Path | str, timeout: float = LOCK_TIMEOUT, by: str = "") -> Iterator[None]:
    """Exclusive lock on the data directory (flock on DATA/.lock), across threads and processes.

    Raises LockTimeout naming the holder when another writer keeps it past ``timeout`` seconds, and
    DiskError when the directory cannot hold a lock file (read-only).
    """
    root = Path(root)
    path = root / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o664)
    except OSError as exc:
        raise disk_error(exc, root) from exc
    try:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 400, 0).decode("utf-8", "replace").strip() or "?"
                    raise LockTimeout(Message("versions.lock_timeout", seconds=f"{timeout:g}", path=path,
                                              holder=holder)) from None
                time.sleep(0.05)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()} by {by or '?'} since {clock.now().isoformat()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def disk_error(exc: OSError, root: Path) -> DiskError:
    """A clear message for a write the disk refused."""
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DiskError(Message("versions.read_only", root=root))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskError(Message("versions.disk_full", root=root))
    return DiskError(Message("versions.write_failed", error=exc.strerror or exc))


# ---- writing -------------------------------------------------------------------------------------------------

def _sweep(root: Path) -> None:
    """Remove what killed writers left (scratch directories, temp files); only ever called under the lock."""
    shutil.rmtree(_vdir(root) / "tmp", ignore_errors=True)
    for folder in (root, _vdir(root), _vdir(root) / "blobs"):
        with contextlib.suppress(OSError):
            for leftover in folder.glob(".*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _recover(root: Path) -> None:
    """Put back the manifest's version when a writer died mid-write (pending mark still there)."""
    pending_path = _vdir(root) / PENDING
    pending = _read_json(pending_path)
    if not pending_path.exists():
        return
    manifest = _manifest(root)
    if manifest is not None:
        files = read_version(root, manifest["version"])
        target = {}
        with contextlib.suppress(VersionError, KeyError, TypeError):
            target = _record(root, str((pending or {}).get("version", ""))).files
        for name, data in files.items():
            live = root / name
            try:
                same = live.is_file() and sha256(read_regular(live)) == sha256(data)
            except OSError:
                same = False
            if not same:
                atomic_write(live, data)
        for name in set(target) - set(files):
            with contextlib.suppress(FileNotFoundError):
                (root / name).unlink()
    pending_path.unlink()
    _fsync_dir(_vdir(root))


def _next_id(root: Path, parent: VersionInfo | None) -> tuple[str, int]:
    """A sortable id: UTC time (never before the parent's) and a sequence number over every record."""
    seq = parent.seq if parent else 0
    with contextlib.suppress(OSError):
        for rec in _vdir(root).glob("*.json"):
            m = re.search(r"-(\d{6})$", rec.stem)
            if m:
                seq = max(seq, int(m.group(1)))
    stamp = clock.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    if parent and parent.id[:16] > stamp:
        stamp = parent.id[:16]
    return f"{stamp}-{seq + 1:06d}", seq + 1


def _record_version(root: Path, parent: VersionInfo | None, old: Mapping[str, bytes], files: Mapping[str, bytes],
                    *, by: str, kind: str, action: str, note: str) -> VersionInfo:
    """Store the blobs and the version record (nothing live changes)."""
    for data in files.values():
        blob = _blob_path(root, sha256(data))
        if not blob.exists():
            make_dirs(blob.parent)
            atomic_write(blob, data)
    version_id, seq = _next_id(root, parent)
    info = VersionInfo(id=version_id, parent=parent.id if parent else None, seq=seq,
                       at=clock.now().isoformat(timespec="seconds"), by=by, kind=kind, action=action, note=note,
                       files={name: _file_info(data) for name, data in sorted(files.items())},
                       counts=row_counts(old, files) if parent else {})
    _write_json(_record_path(root, version_id), info.to_json())
    return info


def _write_manifest(root: Path, info: VersionInfo) -> None:
    _write_json(root / MANIFEST, {
        "version": info.id,
        "files": {name: {"sha256": f.sha256, "rows": f.rows} for name, f in info.files.items()},
    })
    _fsync_dir(root)


def _validate(files: Mapping[str, bytes], today: dt.date | None,
              validated: Mapping[str, bytes] | None = None) -> None:
    """Validate the would-be catalog in memory (exactly the bytes that get written); skipped when the caller
    already validated this very set of files (``validated``)."""
    if validated is not None and dict(files) == dict(validated):
        return
    problems = validate_files(files, today=today or clock.real_today()).errors
    if problems:
        raise InvalidCatalog(problems)


def _settle(root: Path, action: str) -> tuple[VersionInfo | None, dict[str, bytes], str | None]:
    """The base a write starts from: (its version, its files, the record still to write for it, if any)."""
    live, problems = read_live(root)
    if problems:
        raise InvalidCatalog(problems)
    manifest = _manifest(root)
    version = current(root) if manifest else None
    if version is None:
        return None, live, "initial"
    if _matches(live, manifest):
        return version, live, None
    if action != "hand-edit":
        reasons = held_back_reasons(read_version(root, version.id), live)
        if reasons:
            raise UnconfirmedEdit(reasons)
    return version, live, "hand-edit"


def update(root: Path | str, change: Callable[[dict[str, bytes]], Mapping[str, bytes]], *, by: str, kind: str = "",
           action: str, note: str = "", expect_version: str | None = None, today: dt.date | None = None,
           validated: Mapping[str, bytes] | None = None, lock_timeout: float = LOCK_TIMEOUT) -> VersionInfo:
    """Read-merge-validate-write under the lock: ``change`` gets the current files and returns the new set.

    ``validated``: files the caller has already validated; when the new set is exactly these, they are not
    validated a second time.

    Pre-existing files are first recorded as the "initial" version (and an unrecorded hand edit as a
    "hand-edit" version), so history always starts from the original catalog. Returns the new version (or
    the current one when nothing changed). Raises a VersionError subclass with nothing changed on a stale
    ``expect_version``, validation errors, an unconfirmed hand edit, a lock timeout, or a refused write.
    """
    root = Path(root)
    if not root.is_dir():
        raise VersionError(Message("versions.not_a_directory", root=root))
    try:
        with lock(root, lock_timeout, by):
            _sweep(root)
            _recover(root)
            base_version, base, pre = _settle(root, action)
            if expect_version is not None and (pre == "hand-edit" or
                                               (base_version.id if base_version else None) != expect_version):
                raise StaleVersion(Message("versions.stale_hand_edit" if pre == "hand-edit" else "versions.stale",
                                           expected=expect_version,
                                           now=base_version.id if base_version else "none"))
            new = dict(change(dict(base)))
            for name in new:
                if not _NAME_RE.match(name):
                    raise VersionError(Message("versions.bad_file_name", name=repr(name)))
            if new == base and pre is None:
                return base_version  # type: ignore[return-value]  # pre is None only with a version
            _validate(new, today, validated)
            if pre is not None:
                pre_note = note if new == base else ("" if pre == "initial" else "recorded before the next write")
                before = read_version(root, base_version.id) if base_version else {}
                base_version = _record_version(root, base_version, before, base,
                                               by=by, kind="", action=pre, note=pre_note)
                _write_manifest(root, base_version)
                if new == base:
                    return base_version
            info = _record_version(root, base_version, base, new, by=by, kind=kind, action=action, note=note)
            _switch(root, base, new, info)
            return info
    except OSError as exc:
        raise disk_error(exc, root) from exc


def _switch(root: Path, base: Mapping[str, bytes], new: Mapping[str, bytes], info: VersionInfo) -> None:
    """Replace the live files under a pending mark; on failure put the old ones back."""
    pending = _vdir(root) / PENDING
    _write_json(pending, {"version": info.id, "parent": info.parent})
    touched: list[str] = []
    try:
        for name, data in new.items():
            if base.get(name) != data:
                atomic_write(root / name, data)
                touched.append(name)
        for name in set(base) - set(new):
            touched.append(name)
            with contextlib.suppress(FileNotFoundError):
                (root / name).unlink()
        _write_manifest(root, info)
    except BaseException:
        with contextlib.suppress(OSError):  # if this fails too, readers serve the blobs and the next writer repairs
            for name in touched:
                if name in base:
                    atomic_write(root / name, base[name])
                else:
                    with contextlib.suppress(FileNotFoundError):
                        (root / name).unlink()
            pending.unlink()
        raise
    pending.unlink()
    _fsync_dir(_vdir(root))


def commit(root: Path | str, files: Mapping[str, bytes], *, by: str, kind: str = "", action: str, note: str = "",
           expect_version: str | None = None, remove: Iterable[str] = (), today: dt.date | None = None,
           lock_timeout: float = LOCK_TIMEOUT) -> VersionInfo:
    """Write ``files`` (name -> bytes; others kept, ``remove`` deleted) as a new version; see ``update``."""
    gone = set(remove)

    def change(base: dict[str, bytes]) -> dict[str, bytes]:
        return {**{k: v for k, v in base.items() if k not in gone}, **files}

    return update(root, change, by=by, kind=kind, action=action, note=note, expect_version=expect_version,
                  today=today, lock_timeout=lock_timeout)


def confirm(root: Path | str, *, by: str, note: str = "", today: dt.date | None = None,
            lock_timeout: float = LOCK_TIMEOUT) -> VersionInfo | None:
    """Record the live files (a hand edit that was held back) as a version, after validating them."""
    return update(root, lambda base: base, by=by, action="hand-edit", note=note or "confirmed", today=today,
                  lock_timeout=lock_timeout)
