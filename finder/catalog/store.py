"""Keeps the last good catalog while the data files change underneath a running app.

Staff edit data/*.csv while the app serves residents. A broken edit must not take the app down:
CatalogStore reloads only when a file's mtime or size changed, and on failure keeps serving the
previous catalog and exposes the problems (file, row, column) so the page can name them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from finder import settings
from finder.catalog.csvio import Problem
from finder.catalog.loader import DATA_DIR, Catalog, CatalogError, load_catalog

Signature = tuple[tuple[str, int, int], ...]


def data_dir_from_env(default: Path | None = None) -> Path:
    """The catalog directory: the ``data_dir`` setting when set (tests point it at a fixture), else data/."""
    value = settings.get("data_dir")
    return Path(value) if value else (default or DATA_DIR)


def dir_signature(path: Path) -> Signature:
    """(name, mtime_ns, size) of every CSV in the directory; cheap enough to check on every rerun."""
    try:
        entries = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
    except OSError:
        return ()
    sig = []
    for p in entries:
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((p.name, st.st_mtime_ns, st.st_size))
    return tuple(sig)


class CatalogStore:
    """Holds the last good Catalog for one data directory; thread-safe."""

    def __init__(self, path: Path | str | None = None, loader: Callable[[Path], Catalog] = load_catalog,
                 min_check_interval: float = 0.0, warm_index: bool = True):
        self.path = Path(path) if path else data_dir_from_env()
        self._loader = loader
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._signature: Signature | None = None
        self._problems: list[Problem] = []
        self._error: str = ""
        self._loaded_at: float | None = None
        self._checked_at = 0.0
        self._min_interval = min_check_interval
        self._warm_index = warm_index
        self.reloads = 0

    @property
    def catalog(self) -> Catalog | None:
        """The last catalog that loaded without errors (None if none ever did)."""
        return self._catalog

    @property
    def problems(self) -> list[Problem]:
        """Problems of the most recent failed load; empty when the current files are good."""
        return list(self._problems)

    @property
    def error(self) -> str:
        """A one-line description of the most recent failure, or ''."""
        return self._error

    @property
    def ok(self) -> bool:
        return not self._error

    @property
    def loaded_at(self) -> float | None:
        return self._loaded_at

    def get(self) -> Catalog | None:
        """Reload if the files changed, then return the last good catalog."""
        self.refresh()
        return self._catalog

    def refresh(self, force: bool = False) -> bool:
        """Reload when the files changed (or when forced). Returns True if a new catalog was loaded."""
        now = time.monotonic()
        if not force and self._signature is not None and now - self._checked_at < self._min_interval:
            return False
        with self._lock:
            self._checked_at = now
            sig = dir_signature(self.path)
            if not force and sig == self._signature:
                return False
            self._signature = sig
            try:
                catalog = self._loader(self.path)
            except CatalogError as exc:
                self._problems = [p for p in exc.problems if p.severity == "error"]
                self._error = str(self._problems[0]) if self._problems else str(exc)
                return False
            except (OSError, ValueError) as exc:
                self._problems = [Problem(str(self.path), 0, "-", f"{type(exc).__name__}: {exc}")]
                self._error = str(self._problems[0])
                return False
            if self._warm_index:
                # Build the search index now, with the catalog, not on a resident's first keystroke.
                _ = catalog.index
            self._catalog = catalog
            self._problems = []
            self._error = ""
            self._loaded_at = time.time()
            self.reloads += 1
            return True
