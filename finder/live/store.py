"""Keeps serving a good, complete catalog while the data files change underneath a running app.

Staff edit data/*.csv and writers publish versions while the app serves residents. CatalogStore checks and
loads in one background thread, outside the lock residents read under, and swaps the new catalog in when it
is ready: a slow disk, a FIFO or a huge file never freezes a page, and residents keep the old catalog
meanwhile. What is loaded follows finder.catalog.versions: only a complete version, and a hand edit that
loses much is held back (with a staff-facing note) until confirmed. A failed load keeps the previous catalog
and exposes the problems (file, row, column) so the page can name them.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from finder import settings
from finder.catalog import versions
from finder.catalog.csvio import Problem
from finder.catalog.validate import validate_files
from finder.i18n.messages import Message
from finder.live.catalog import Catalog, CatalogError
from finder.live.loader import DATA_DIR, load_files

Signature = tuple[tuple[str, int, int], ...]
SETTLE_S = 0.5  # a changed directory is taken only when two looks this far apart see the same files
SETTLE_LIMIT_S = 30.0  # files still changing after this long: this check gives up, the next one looks again
WATCHED = (versions.MANIFEST, f"{versions.VERSIONS_DIR}/{versions.PENDING}")


def data_dir_from_env(default: Path | None = None) -> Path:
    """The catalog directory: the ``data_dir`` setting when set (tests point it at a fixture), else data/."""
    value = settings.get("data_dir")
    return Path(value) if value else (default or DATA_DIR)


def dir_signature(path: Path) -> Signature:
    """(name, mtime_ns, size) of every CSV and of the version files; cheap enough to check on every rerun."""
    try:
        entries = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    except OSError:
        return ()
    sig = []
    for p in [*entries, *(path / name for name in WATCHED)]:
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((p.relative_to(path).as_posix(), st.st_mtime_ns, st.st_size))
    return tuple(sig)


@dataclass(frozen=True)
class Health:
    """What the store is doing, for the about page and health checks.

    ``status``: "ok", "loading" (a check is running), "stuck" (a check has run longer than the limit),
    "held" (a hand edit waits for confirmation), "error" (the newest files do not load; an older catalog
    may still be served) or "empty" (no catalog loaded yet).
    """

    status: str
    ok: bool
    message: str
    busy_seconds: float
    version: str
    state: str


class _Run:
    """One background check: its start time, its end, and whether it swapped in a new catalog."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.done = threading.Event()
        self.loaded = False


def _public(problem: Problem, root: Path) -> Problem:
    """The problem with the data directory's absolute path taken out (it is shown to residents)."""
    name = problem.file
    if name.startswith(str(root)):
        name = name[len(str(root)):].lstrip("/") or root.name
    elif "/" in name:
        name = Path(name).name
    return dataclasses.replace(problem, file=name)


class CatalogStore:
    """Holds the last good Catalog for one data directory; thread-safe, never blocks a reader on disk I/O.

    ``get()`` returns at once with the current catalog, after starting a background check when the
    files may have changed. It waits for that check up to ``wait`` seconds (enough for a normal reload, so
    the page that noticed an edit shows it) and, while no catalog was ever loaded, up to ``first_wait``.
    A file being written in place (a hand edit, a copy) is not taken half-written, whatever share of its
    rows is still missing: a reload waits until every file's size and mtime stay the same over ``settle``
    seconds (versions' atomic writes pass at once; a writer that stalls longer than that is not detectable).
    """

    def __init__(self, path: Path | str | None = None, loader: Callable[[Path], Catalog] | None = None,
                 min_check_interval: float = 0.0, warm_index: bool = True, wait: float = 2.0,
                 first_wait: float = 60.0, stuck_after: float = 30.0, settle: float = SETTLE_S):
        self.path = Path(path) if path else data_dir_from_env()
        self._loader = loader
        self._lock = threading.Lock()  # held only to read or swap fields, never during I/O
        self._catalog: Catalog | None = None
        self._files: dict[str, bytes] | None = None
        self._signature: Signature | None = None
        self._problems: list[Problem] = []
        self._error: str = ""
        self._held: list[str] = []
        self._state = ""
        self._version: versions.VersionInfo | None = None
        self._loaded_at: float | None = None
        self._checked_at = 0.0
        self._min_interval = min_check_interval
        self._warm_index = warm_index
        self._wait = wait
        self._first_wait = first_wait
        self._stuck_after = stuck_after
        self._settle = settle
        self._run: _Run | None = None
        self.reloads = 0

    # ---- what pages read --------------------------------------------------------------------------------
    @property
    def catalog(self) -> Catalog | None:
        """The last catalog that loaded without errors (None if none ever did)."""
        return self._catalog

    @property
    def problems(self) -> list[Problem]:
        """Problems of the most recent failed load (file names relative to the data directory)."""
        return list(self._problems)

    @property
    def error(self) -> str:
        """A one-line description of the most recent failure, or ''."""
        return self._error

    @property
    def ok(self) -> bool:
        return not self._error

    @property
    def held(self) -> list[str]:
        """Why the newest files are held back (a hand edit that loses much; confirm it), or []."""
        return list(self._held)

    @property
    def version(self) -> versions.VersionInfo | None:
        """The recorded version being served (None for files without a manifest)."""
        return self._version

    @property
    def loaded_at(self) -> float | None:
        return self._loaded_at

    def health(self) -> Health:
        run = self._run
        busy = time.monotonic() - run.started if run is not None and not run.done.is_set() else 0.0
        version = self._version.id if self._version else ""
        if busy > self._stuck_after:
            return Health("stuck", False, Message("store.stuck", seconds=f"{busy:.0f}"), busy, version, self._state)
        if self._catalog is None:
            status = "loading" if busy else ("error" if self._error else "empty")
            return Health(status, False, self._error, busy, version, self._state)
        if self._error:
            return Health("error", False, self._error, busy, version, self._state)
        if self._held:
            return Health("held", True, "; ".join(self._held), busy, version, self._state)
        return Health("loading" if busy else "ok", True, "", busy, version, self._state)

    def get(self) -> Catalog | None:
        """Start a check if the files may have changed, then return the current catalog."""
        now = time.monotonic()
        if self._catalog is not None and now - self._checked_at < self._min_interval:
            return self._catalog
        run, started = self._start(force=False)
        if self._catalog is None:  # nothing to serve yet: wait, but only as long as the first load may take
            run.done.wait(max(0.0, self._first_wait - (time.monotonic() - run.started)))
        elif started:
            run.done.wait(self._wait + self._settle)  # the settle look comes on top of the load
        return self._catalog

    def refresh(self, force: bool = False, timeout: float | None = None) -> bool:
        """Check now (reload when the files changed, or when forced) and wait for it.

        Returns True if a new catalog was swapped in; False if nothing changed, it failed, or it is still
        running after ``timeout`` seconds (default ``first_wait``).
        """
        run, _ = self._start(force=force)
        run.done.wait(self._first_wait if timeout is None else timeout)
        return run.done.is_set() and run.loaded

    # ---- the background check ---------------------------------------------------------------------------
    def _start(self, force: bool) -> tuple[_Run, bool]:
        with self._lock:
            if self._run is not None and not self._run.done.is_set():
                return self._run, False  # one check at a time; a stuck one is reported by health()
            run = self._run = _Run()
            self._checked_at = run.started
        threading.Thread(target=self._check, args=(run, force), name="catalog-load", daemon=True).start()
        return run, True

    def _check(self, run: _Run, force: bool) -> None:
        try:
            sig = dir_signature(self.path)
            if not force and sig == self._signature:
                return
            settled = not force and self._catalog is not None and self._settle > 0
            if settled:
                sig = self._settled(sig)
                if sig is None:  # still being written: the next get() looks again
                    return
                run.started = time.monotonic()  # "stuck" is about the load, not the settle wait before it
            self._signature = sig
            run.loaded = self._load(sig if settled else None)
        except Exception as exc:  # a background failure must be reported, not lost in a thread
            self._fail([Problem(self.path.name, 0, "-", f"{type(exc).__name__}: {exc}")])
        finally:
            run.done.set()

    def _settled(self, sig: Signature) -> Signature | None:
        """``sig`` once two looks ``settle`` seconds apart agree (None if the files keep changing)."""
        deadline = time.monotonic() + SETTLE_LIMIT_S
        while True:
            time.sleep(self._settle)
            again = dir_signature(self.path)
            if again == sig:
                return sig
            if time.monotonic() > deadline:
                return None
            sig = again

    def _load(self, sig: Signature | None = None) -> bool:
        if self._loader is not None:
            return self._load_with(lambda: (self._loader(self.path), None), sig)
        try:
            snap = versions.snapshot(self.path)
        except versions.VersionError as exc:
            self._fail([Problem(self.path.name, 0, "-", str(exc))])
            return False
        if not self.path.is_dir():
            self._fail([Problem(self.path.name, 0, "-", Message("store.not_a_directory"))])
            return False
        held = snap.held
        if snap.state == "unversioned" and self._files is not None:
            held = versions.held_back_reasons(self._files, snap.files)
        files, held_files = snap.files, None
        if held:
            check = validate_files(snap.files, read_problems=snap.problems)
            if not check.ok:  # broken files are reported as such, whether or not they also lose rows
                self._fail(check.errors)
                return False
            if self._catalog is not None:
                with self._lock:
                    self._held, self._problems, self._error = held, [], ""
                return False
            if snap.baseline is None:
                files, held = snap.files, []  # nothing to compare with and nothing served: load what is there
            else:
                files, held_files = snap.baseline, held  # first load: serve the recorded version meanwhile

        def build() -> tuple[Catalog, dict[str, bytes]]:
            problems = [] if files is not snap.files else snap.problems
            return load_files(files, self.path, read_problems=problems), files

        loaded = self._load_with(build, sig)
        if loaded:
            with self._lock:
                self._state = "held" if held_files else snap.state
                self._version = snap.version
                self._held = held_files or []
        return loaded

    def _load_with(self, build: Callable[[], tuple[Catalog, dict[str, bytes] | None]],
                   sig: Signature | None = None) -> bool:
        """Build and swap in a catalog; with ``sig``, only if the files did not change while it was read."""
        try:
            catalog, files = build()
        except CatalogError as exc:
            self._fail([p for p in exc.problems if p.severity == "error"])
            return False
        except (OSError, ValueError) as exc:
            self._fail([Problem(self.path.name, 0, "-", f"{type(exc).__name__}: {exc}")])
            return False
        if sig is not None and dir_signature(self.path) != sig:
            self._signature = None  # written to while it was read: the next get() looks again
            return False
        if self._warm_index:
            # Build the search index now, in the background, not on a resident's first keystroke.
            catalog.warm()
        with self._lock:
            # The old catalog is dropped here: it lives on only while a page still renders with it.
            self._catalog = catalog
            self._files = files
            self._problems, self._error, self._held = [], "", []
            self._loaded_at = time.time()
            self.reloads += 1
        return True

    def _fail(self, problems: list[Problem]) -> None:
        public = [_public(p, self.path) for p in problems]
        with self._lock:
            self._problems = public
            self._error = str(public[0]) if public else Message("store.cannot_load")
