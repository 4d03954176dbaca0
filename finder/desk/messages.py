"""Messages of the desk's engine in both languages, from the one string table.

A Problem or an error carries 「日本語 / English」 so the CLI prints both and the desk page shows the
reader's half (finder.desk.view.in_language); the words themselves live in finder/present/i18n/.
"""

from __future__ import annotations

from finder.i18n import t


def both(key: str, /, **fmt: object) -> str:
    """'Japanese / English' for a string-table key."""
    return f"{t(key, 'ja', **fmt)} / {t(key, 'en', **fmt)}"
