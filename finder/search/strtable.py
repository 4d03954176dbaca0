"""Many strings in one: a list-like table without one Python object per string."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np


class StrTable:
    """Read-only sequence of strings stored as one string and a numpy array of offsets.

    A nationwide index has hundreds of thousands of keys; as one string plus int64 offsets they cost
    a few bytes each instead of a Python object each.
    """

    __slots__ = ("_text", "_start")

    def __init__(self, strings: list[str]):
        self._text = "".join(strings)
        lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
        self._start = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)

    def __len__(self) -> int:
        return len(self._start) - 1

    def __getitem__(self, i: int) -> str:
        return self._text[int(self._start[i]):int(self._start[i + 1])]

    def __iter__(self) -> Iterator[str]:
        text = self._text
        bounds = self._start.tolist()
        return (text[a:b] for a, b in zip(bounds, bounds[1:]))

    def take(self, ids: np.ndarray) -> list[str]:
        """The strings at ``ids``, in that order."""
        text = self._text
        ids = np.asarray(ids, dtype=np.int64)
        return [text[a:b] for a, b in zip(self._start[ids].tolist(), self._start[ids + 1].tolist())]
