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
