import functools
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MAP_CATALOG = ROOT / "tests" / "fixtures" / "map_catalog"


@pytest.fixture(scope="session")
def map_catalog():
    """Places with and without coordinates, classes past and to come (map, kiosk); read-only."""
    from finder.live.loader import load_catalog  # after the path above is set

    return load_catalog(MAP_CATALOG)


CHEAP_ARGON2 = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing():
    """argon2id at its lowest cost for the whole test process: a strong hash costs ~0.2 s of CPU and the desk tests
    sign in hundreds of times. Only this process is affected; the real command (a process of its own) is checked
    for the strong parameters in tests/test_desk_auth.py. Browser-test servers verify the cheap hashes made here
    at the cost written in each hash."""
    from argon2 import PasswordHasher

    from finder.desk import auth

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(auth, "_HASHER", PasswordHasher(**CHEAP_ARGON2))
        yield


@pytest.fixture(scope="session", autouse=True)
def installed_components_scanned_once():
    """Each AppTest starts a Streamlit runtime, which reads the metadata of every installed package looking for
    components (~0.12 s, four times the run of a small page); the installed packages do not change during a
    test run, so a process scans them once."""
    from streamlit.components.v2 import manifest_scanner

    scan = functools.cache(manifest_scanner.scan_component_manifests)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(manifest_scanner, "scan_component_manifests", lambda max_workers=None: list(scan()))
        yield


def _start_rank(item: pytest.Item) -> int:
    """0: starts browsers, servers or many processes; 1: page tests (AppTest); 2: the rest."""
    if item.get_closest_marker("browser") or item.get_closest_marker("slow"):
        return 0
    return 1 if "pages" in item.path.parts else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long files first. A parallel run (``--dist loadfile``) hands out whole files in collection order, so a long
    file collected last finishes alone while the other processes idle; short unit files fill the end instead.
    The sort is stable: each file's tests keep their order and stay together."""
    rank: dict[Path, int] = {}
    for item in items:
        rank[item.path] = min(rank.get(item.path, 2), _start_rank(item))
    items.sort(key=lambda item: rank[item.path])
