"""A message of a command, a check or a log line: a string-table key and its values, rendered in one place.

On a page a message is shown in the UI language (``Message.text(lang)``); in CLI output, a log or a stored
error the reader's language is unknown, so the message *is* its bilingual text 「日本語 / English」
(``bilingual``). A ``Message`` is that bilingual ``str``, so code that joins, compares or stores messages keeps
working, and still carries its key and values. Both languages take the same placeholders (tests/test_i18n.py).
"""

from __future__ import annotations

from finder.i18n import t


def bilingual(key: str, /, **params: object) -> str:
    """「日本語 / English」: the key in both languages, with the same values."""
    return f"{t(key, 'ja', **params)} / {t(key, 'en', **params)}"


class Message(str):
    """A bilingual message text that keeps its key and values (``text(lang)`` for one language)."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Message:
        obj = super().__new__(cls, bilingual(key, **params))
        obj.key = key
        obj.params = params
        return obj

    def __getnewargs_ex__(self) -> tuple[tuple[str], dict[str, object]]:
        return (self.key,), self.params

    def text(self, lang: str | None) -> str:
        return t(self.key, lang, **self.params)
