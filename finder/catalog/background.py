"""Disk reads a page must not wait on: run in a background thread, callers wait a bounded time.

A data directory on a network share can stall for minutes. CatalogStore already loads the catalog off the
page; the staff demo's scenarios and the desk's base files go through this, so every page stays up while
the share hangs. A caller gets the result when it is ready within ``wait`` seconds; else the last result
for that key (``latest``) or None (the page says "loading" and the next run asks again), while the read
goes on in its thread. At most one read per key runs at a time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class _Job:
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


class Background:
    """Slow reads by key, each in a daemon thread; the newest ``keep`` keys remembered."""

    def __init__(self, keep: int = 16):
        self._jobs: OrderedDict[Hashable, _Job] = OrderedDict()
        self._last: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._keep = keep

    def get(self, key: Hashable, compute: Callable[[], Any], wait: float = 2.0, latest: bool = False) -> Any:
        """``compute()``'s result for ``key``, or None when it is still running after ``wait`` seconds.

        By default a key is computed once and its result kept. With ``latest`` every call reads afresh
        (unless a read of the key is still running) and, when that read is slow, gets the last result.
        An exception of ``compute`` is raised to the caller.
        """
        with self._lock:
            job = self._jobs.get(key)
            if job is None or (latest and job.done.is_set()):
                job = self._jobs[key] = _Job()
                threading.Thread(target=self._run, args=(job, compute), name="background-read",
                                 daemon=True).start()
            self._jobs.move_to_end(key)
            while len(self._jobs) > self._keep:
                self._jobs.popitem(last=False)
        if not job.done.wait(max(0.0, wait)):
            return self._last.get(key) if latest else None
        if job.error is not None:
            raise job.error
        with self._lock:
            self._last[key] = job.result
            self._last.move_to_end(key)
            while len(self._last) > self._keep:
                self._last.popitem(last=False)
        return job.result

    @staticmethod
    def _run(job: _Job, compute: Callable[[], Any]) -> None:
        try:
            job.result = compute()
        except BaseException as exc:  # handed to the page that asked
            job.error = exc
        finally:
            job.done.set()
