"""finder.catalog.background: a slow read never holds its caller longer than ``wait``."""

from __future__ import annotations

import threading
import time

import pytest

from finder.catalog.background import Background


def test_a_slow_read_returns_none_then_its_result():
    release = threading.Event()
    calls = []

    def slow():
        calls.append(1)
        release.wait(10)
        return "done"

    bg = Background()
    started = time.monotonic()
    assert bg.get("k", slow, wait=0.1) is None
    assert bg.get("k", slow, wait=0.1) is None  # the same read, not a second one
    assert time.monotonic() - started < 2 and len(calls) == 1
    release.set()
    assert bg.get("k", slow, wait=5) == "done"
    assert bg.get("k", slow, wait=0) == "done" and len(calls) == 1  # kept per key


def test_latest_reads_afresh_and_falls_back_to_the_last_result_while_slow():
    values = iter(["first", "second", "third"])
    gate = threading.Event()
    gate.set()

    def read():
        gate.wait(10)
        return next(values)

    bg = Background()
    assert bg.get("base", read, wait=5, latest=True) == "first"
    gate.clear()  # the share stalls
    assert bg.get("base", read, wait=0.1, latest=True) == "first"
    assert bg.get("base", read, wait=0.1, latest=True) == "first"  # still that one read, no second one
    gate.set()
    time.sleep(0.2)
    assert bg.get("base", read, wait=5, latest=True) == "third"  # the next run reads afresh


def test_an_error_reaches_the_caller():
    def broken():
        raise OSError("stale file handle")

    with pytest.raises(OSError, match="stale"):
        Background().get("k", broken, wait=5)
