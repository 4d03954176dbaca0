"""Entry point of ``python -m finder``: runs finder.cli."""

import sys

from .cli import main

sys.exit(main())
