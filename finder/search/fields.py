"""The searchable texts of an item (fields): their names, weights and groups."""

from __future__ import annotations

import numpy as np

# (name, weight) per field; a field's code is its position. The name is what ``Match.field`` says.
FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 1.00),
    ("reading", 0.97),          # reading of the title
    ("english", 0.95),          # English name
    ("alias", 0.97),
    ("alias_reading", 0.94),
    ("keyword", 0.93),
    ("keyword_reading", 0.91),
    ("town", 0.82),             # town of the address
    ("venue", 0.82),
    ("town_reading", 0.80),
    ("ssid", 0.85),
)
F_TITLE, F_READING, F_EN, F_ALIAS, F_ALIAS_R, F_KW, F_KW_R, F_PLACE, F_VENUE, F_PLACE_R, F_SSID = range(11)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
FIELD_W = np.array([w for _, w in FIELDS], dtype=np.float32)
# name-like fields, keywords, place: one more matching group adds SECOND_FIELD_BONUS x its score
FIELD_GROUP = np.array([0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 0], dtype=np.int8)
SECOND_FIELD_BONUS = 0.5
