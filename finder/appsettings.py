"""The settings of one page run as one frozen object: resolved once, handed to whatever needs a setting.

``finder.settings`` owns the table (environment variable, secrets.toml key, default) and the order of
precedence; this object is that table evaluated once, for one run. The Streamlit layer reads
``st.secrets`` once per script run, builds ``AppSettings.resolve(secrets)`` and passes it on; library
functions take the object, never loose ``secrets``/``env`` mappings. Tests build one with
``AppSettings.resolve(secrets={...}, env={...})``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from finder.settings import SETTINGS, bounded_int, get, source_of


@dataclass(frozen=True, eq=False)
class AppSettings:
    values: Mapping[str, str]  # setting name -> value as text (environment, then secrets, then default)
    sources: Mapping[str, str]  # setting name -> where it came from (env variable, secrets key, "default")

    @classmethod
    def resolve(cls, secrets: Mapping[str, object] | None = None,
                env: Mapping[str, str] | None = None) -> AppSettings:
        """Every setting, looked up once (``env`` None: the process environment)."""
        values = {s.name: get(s.name, secrets, env) for s in SETTINGS}
        sources = {s.name: source_of(s.name, secrets, env) for s in SETTINGS}
        return cls(MappingProxyType(values), MappingProxyType(sources))

    @classmethod
    def from_project(cls, secrets_file: Path = Path(".streamlit") / "secrets.toml") -> AppSettings:
        """The settings the app would run with, for the command line: the environment and the project's
        ``.streamlit/secrets.toml`` (none, or unreadable: the environment and defaults alone)."""
        try:
            with secrets_file.open("rb") as f:
                secrets: Mapping[str, object] = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError):
            secrets = {}
        return cls.resolve(secrets)

    def get(self, name: str) -> str:
        return self.values[name]

    def source_of(self, name: str) -> str:
        return self.sources[name]

    def get_int(self, name: str, low: int, high: int) -> tuple[int, str]:
        """A whole-number setting kept within [low, high]: (value, note); a bad value gives the default."""
        return bounded_int(name, self.values[name], self.sources[name], low, high)


def resolved(config: AppSettings | None) -> AppSettings:
    """``config``, or the settings from the environment alone (command line, tests, no Streamlit)."""
    return config if config is not None else AppSettings.resolve()
