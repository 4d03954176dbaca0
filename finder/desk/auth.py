"""Staff accounts, argon2 password hashes and the guard against guessing.

The desk is closed unless accounts are configured (setting ``staff_accounts``). Only salted argon2id
hashes are stored. Wrong passwords are slowed down and, after ``staff_max_failures`` in a row, lock the
account for ``staff_lockout_seconds``. The counters live in this process (one Guard shared by every
session, thread-safe); several app replicas each keep their own.
"""

from __future__ import annotations

import re
import secrets as _secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from finder.appsettings import AppSettings, resolved
from finder.municipalities.codes import is_valid_code

MIN_PASSWORD_CHARS = 10
_NAME_RE = re.compile(r"^[^\s:;]{1,64}$")
_HASHER = PasswordHasher()  # argon2id with the library's parameters (RFC 9106 low-memory profile)


@dataclass(frozen=True)
class Account:
    name: str
    password_hash: str
    cities: frozenset[str] = frozenset()  # 全国地方公共団体コード this account may edit; empty: every city

    def may_edit(self, city_code: str) -> bool:
        return not self.cities or city_code in self.cities


@dataclass(frozen=True)
class Policy:
    max_failures: int = 5
    lockout_seconds: int = 900
    idle_seconds: int = 900
    notes: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, config: AppSettings | None = None) -> Policy:
        config = resolved(config)
        failures, n1 = config.get_int("staff_max_failures", 1, 100)
        lockout, n2 = config.get_int("staff_lockout_seconds", 1, 86400)
        idle, n3 = config.get_int("staff_idle_seconds", 1, 86400)
        return cls(failures, lockout, idle, tuple(n for n in (n1, n2, n3) if n))


def hash_password(password: str) -> str:
    """A salted argon2id hash of a password (refuses passwords shorter than MIN_PASSWORD_CHARS)."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"パスワードは {MIN_PASSWORD_CHARS} 文字以上にしてください"
                         f" / use at least {MIN_PASSWORD_CHARS} characters")
    return _HASHER.hash(password)


def account_line(name: str, password_hash: str, cities: list[str] | tuple[str, ...] = ()) -> str:
    """One entry of the ``staff_accounts`` setting: ``name:hash`` or ``name:hash:082031,082163``."""
    if not _NAME_RE.match(name):
        raise ValueError("名前に空白・: ・; は使えません (64 文字まで) / no spaces, ':' or ';' in names")
    bad = [c for c in cities if not is_valid_code(c)]
    if bad:
        raise ValueError(f"全国地方公共団体コードが不正です / bad city code {bad[0]!r}")
    return f"{name}:{password_hash}" + (f":{','.join(cities)}" if cities else "")


def parse_accounts(text: str) -> tuple[dict[str, Account], list[str]]:
    """Accounts from the setting's text (entries separated by spaces, new lines or ';'), and notes on bad ones.

    A bad entry is left out (never guessed at) and named by its position only: the text holds hashes.
    """
    accounts: dict[str, Account] = {}
    notes: list[str] = []
    for n, entry in enumerate((e for e in re.split(r"[\s;]+", text.strip()) if e), 1):
        parts = entry.split(":")
        if len(parts) not in (2, 3) or not _NAME_RE.match(parts[0]) or not parts[1].startswith("$argon2"):
            notes.append(f"staff_accounts: entry {n} is not 'name:argon2-hash[:city codes]'; ignored")
            continue
        cities = frozenset(c for c in (parts[2].split(",") if len(parts) == 3 else []) if c)
        if any(not is_valid_code(c) for c in cities):
            notes.append(f"staff_accounts: entry {n} ({parts[0]}) has a bad city code; ignored")
            continue
        if parts[0] in accounts:
            notes.append(f"staff_accounts: {parts[0]} appears twice; the first entry is used")
            continue
        accounts[parts[0]] = Account(parts[0], parts[1], cities)
    return accounts, notes


def load_accounts(config: AppSettings | None = None) -> tuple[dict[str, Account], list[str]]:
    return parse_accounts(resolved(config).get("staff_accounts"))


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    reason: str  # "ok", "wrong", "locked", "closed"
    account: Account | None = None
    retry_after: float = 0.0  # seconds until a locked account opens again


@dataclass
class _Counter:
    failures: int = 0  # wrong (or still being checked) passwords in a row
    locked_until: float = 0.0


@dataclass
class Guard:
    """Wrong-password counters per account name, shared by all sessions of the process."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    base_delay: float = 0.5  # the first wrong password waits this long, each next one twice as long
    max_delay: float = 4.0
    max_names: int = 10_000  # guessed names are counted too; beyond this many, unlocked ones are forgotten
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _counters: dict[str, _Counter] = field(default_factory=dict, repr=False)
    _dummy_hash: str = field(default="", repr=False)

    def reset(self) -> None:
        with self._lock:
            self._counters.clear()

    def locked_for(self, name: str) -> float:
        """Seconds until this account name may try again (0 when it is not locked)."""
        with self._lock:
            counter = self._counters.get(_key(name))
            return max(0.0, counter.locked_until - self.clock()) if counter else 0.0

    def login(self, accounts: Mapping[str, Account], name: str, password: str, policy: Policy) -> LoginResult:
        if not accounts:
            return LoginResult(False, "closed")
        key = _key(name)
        with self._lock:
            counter = self._counter(key)
            now = self.clock()
            if counter.locked_until > now:
                return LoginResult(False, "locked", retry_after=counter.locked_until - now)
            if counter.failures >= policy.max_failures:  # parallel attempts already used up the allowance
                return LoginResult(False, "locked", retry_after=float(policy.lockout_seconds))
            counter.failures += 1  # counted before checking, so parallel guesses cannot exceed the limit
            failures = counter.failures
        account = accounts.get(name.strip())
        ok = _verify(account.password_hash if account else self._dummy(), password) and account is not None
        with self._lock:
            counter = self._counter(key)
            if ok:
                counter.failures = 0
                return LoginResult(True, "ok", account)
            if counter.failures >= policy.max_failures:
                counter.locked_until = self.clock() + policy.lockout_seconds
                counter.failures = 0
                locked = True
            else:
                locked = False
        self.sleep(min(self.base_delay * 2 ** (failures - 1), self.max_delay))
        if locked:
            return LoginResult(False, "locked", retry_after=float(policy.lockout_seconds))
        return LoginResult(False, "wrong")

    def _counter(self, key: str) -> _Counter:
        if key not in self._counters and len(self._counters) >= self.max_names:
            now = self.clock()
            for k in [k for k, c in self._counters.items() if c.locked_until <= now]:
                del self._counters[k]
        return self._counters.setdefault(key, _Counter())

    def _dummy(self) -> str:
        # An unknown name costs as much as a known one, so timing does not tell which names exist.
        if not self._dummy_hash:
            self._dummy_hash = _HASHER.hash(_secrets.token_urlsafe(16))
        return self._dummy_hash


def _key(name: str) -> str:
    return name.strip().casefold()


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


GUARD = Guard()


def session_expired(last_seen: float | None, now: float, idle_seconds: float) -> bool:
    """True when a staff session was never started or has been idle for ``idle_seconds``."""
    return last_seen is None or now - last_seen >= idle_seconds or now < last_seen
