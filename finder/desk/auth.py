"""Staff accounts, argon2 password hashes and the guard against guessing.

The desk is closed unless accounts are configured (setting ``staff_accounts``). Only salted argon2id
hashes are stored; blank passwords are refused. Wrong passwords are slowed down and, after
``staff_max_failures`` in a row, lock the account *from that client* for ``staff_lockout_seconds``; a
client that fails for many names, and a name failed from many clients, are throttled too (see Guard).
The counters live in this process (one Guard shared by every session, thread-safe); several app
replicas each keep their own.
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
from finder.i18n.messages import bilingual
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
    """A salted argon2id hash of a password (refuses blank ones and those shorter than MIN_PASSWORD_CHARS)."""
    if not password.strip():
        raise ValueError(bilingual("desk.password.blank"))
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(bilingual("desk.password.short", min=MIN_PASSWORD_CHARS))
    return _HASHER.hash(password)


def account_line(name: str, password_hash: str, cities: list[str] | tuple[str, ...] = ()) -> str:
    """One entry of the ``staff_accounts`` setting: ``name:hash`` or ``name:hash:082031,082163``."""
    if not _NAME_RE.match(name):
        raise ValueError(bilingual("desk.account.bad_name"))
    bad = [c for c in cities if not is_valid_code(c)]
    if bad:
        raise ValueError(bilingual("desk.account.bad_code", code=bad[0]))
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
    reason: str  # "ok", "wrong", "locked", "throttled" (this client), "busy", "blank", "closed"
    account: Account | None = None
    retry_after: float = 0.0  # seconds until the name (or this client) may try again


@dataclass
class _Counter:
    failures: int = 0  # wrong (or still being checked) passwords in the window
    locked_until: float = 0.0
    since: float = 0.0  # when the window of these failures started


class _Table:
    """Counters by key, at most ``limit`` of them. When full, expired windows go first, then the counters with
    the fewest failures: filling the table with new names or clients never wipes a count that matters."""

    def __init__(self, limit: int):
        self.limit = limit
        self.items: dict[object, _Counter] = {}

    def get(self, key: object, now: float, window: float) -> _Counter:
        counter = self.items.get(key)
        if counter is not None and counter.locked_until <= now and now - counter.since >= window:
            counter = self.items[key] = _Counter(since=now)  # the old window is over
        if counter is None:
            if len(self.items) >= self.limit:
                self._evict(now, window)
            counter = self.items[key] = _Counter(since=now)
        return counter

    def peek(self, key: object) -> _Counter | None:
        return self.items.get(key)

    def _evict(self, now: float, window: float) -> None:
        expired = [k for k, c in self.items.items() if c.locked_until <= now and now - c.since >= window]
        for k in expired:
            del self.items[k]
        if len(self.items) >= self.limit:
            unlocked = [(c.failures, c.since, n, k) for n, (k, c) in enumerate(self.items.items())
                        if c.locked_until <= now]
            for *_, k in sorted(unlocked)[: max(1, len(self.items) - self.limit + 1)]:
                del self.items[k]


@dataclass
class Guard:
    """Wrong-password throttles shared by all sessions of the process, by three counts.

    - name and client together: ``max_failures`` wrong passwords lock that name *from that client* for
      ``lockout_seconds``; someone else guessing a staff member's name cannot lock them out of their desk.
    - client: ``client_factor`` × ``max_failures`` wrong passwords for any names lock the client out; trying
      thousands of names from one place stops there.
    - name: ``name_factor`` × ``max_failures`` wrong passwords from all clients within ``name_window`` seconds
      refuse the clients that have failed on that name for the rest of the window (a short wait, not a lock;
      a client with no failure on it still gets its try), which bounds guessing one name from many places.

    Each table keeps at most ``max_entries`` counters. Password hashing (argon2, ~64 MB each) runs at most
    ``hash_slots`` at a time; an attempt that cannot get a slot within ``hash_wait`` seconds is "busy" and
    counts as nothing.
    """

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    base_delay: float = 0.5  # the first wrong password waits this long, each next one twice as long
    max_delay: float = 4.0
    max_entries: int = 10_000
    client_factor: int = 4
    name_factor: int = 4
    name_window: float = 60.0
    hash_slots: int = 2
    hash_wait: float = 20.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _pairs: _Table = field(default=None, repr=False)  # type: ignore[assignment]
    _clients: _Table = field(default=None, repr=False)  # type: ignore[assignment]
    _names: _Table = field(default=None, repr=False)  # type: ignore[assignment]
    _slots: threading.BoundedSemaphore = field(default=None, repr=False)  # type: ignore[assignment]
    _dummy_hash: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        self.reset()
        self._slots = threading.BoundedSemaphore(self.hash_slots)

    def reset(self) -> None:
        with self._lock:
            self._pairs, self._clients, self._names = (_Table(self.max_entries) for _ in range(3))

    def locked_for(self, name: str, client: str = "") -> float:
        """Seconds until this account name may try again from this client (0 when it is not locked)."""
        with self._lock:
            counter = self._pairs.peek((_key(name), client))
            return max(0.0, counter.locked_until - self.clock()) if counter else 0.0

    def login(self, accounts: Mapping[str, Account], name: str, password: str, policy: Policy,
              client: str = "") -> LoginResult:
        if not accounts:
            return LoginResult(False, "closed")
        if not password.strip():
            return LoginResult(False, "blank")  # nothing to check: neither hashed nor counted
        key = (_key(name), client)
        window = float(policy.lockout_seconds)
        with self._lock:
            now = self.clock()
            refused = self._refusal(key, client, policy, now)
            if refused is not None:
                return refused
            counters = (self._pairs.get(key, now, window), self._clients.get(client, now, window),
                        self._names.get(key[0], now, self.name_window))
            for counter in counters:  # counted before checking, so parallel guesses cannot exceed a limit
                counter.failures += 1
            failures = counters[0].failures
        if not self._slots.acquire(timeout=self.hash_wait):
            with self._lock:
                for counter in counters:
                    counter.failures = max(0, counter.failures - 1)
            return LoginResult(False, "busy")
        try:
            account = accounts.get(name.strip())
            ok = _verify(account.password_hash if account else self._dummy(), password) and account is not None
        finally:
            self._slots.release()
        with self._lock:
            pair, client_count, name_count = counters
            if ok:
                pair.failures = 0
                client_count.failures = max(0, client_count.failures - 1)
                name_count.failures = max(0, name_count.failures - 1)
                return LoginResult(True, "ok", account)
            now = self.clock()
            locked = pair.failures >= policy.max_failures
            if locked:
                pair.locked_until, pair.failures = now + policy.lockout_seconds, 0
            if client_count.failures >= policy.max_failures * self.client_factor:
                client_count.locked_until = now + policy.lockout_seconds
        self.sleep(min(self.base_delay * 2 ** (failures - 1), self.max_delay))
        if locked:
            return LoginResult(False, "locked", retry_after=float(policy.lockout_seconds))
        return LoginResult(False, "wrong")

    def _refusal(self, key: tuple[str, str], client: str, policy: Policy, now: float) -> LoginResult | None:
        """Why this attempt is refused without checking the password (None: go ahead). Under the lock."""
        counter = self._clients.peek(client)
        if counter and counter.locked_until > now:
            return LoginResult(False, "throttled", retry_after=counter.locked_until - now)
        if counter and counter.failures >= policy.max_failures * self.client_factor:
            return LoginResult(False, "throttled", retry_after=float(policy.lockout_seconds))
        pair = self._pairs.peek(key)
        if pair and pair.locked_until > now:
            return LoginResult(False, "locked", retry_after=pair.locked_until - now)
        if pair and pair.failures >= policy.max_failures:  # parallel attempts already used up the allowance
            return LoginResult(False, "locked", retry_after=float(policy.lockout_seconds))
        name = self._names.peek(key[0])
        if (name and now - name.since < self.name_window and name.failures >= policy.max_failures * self.name_factor
                and pair is not None and pair.failures > 0):
            return LoginResult(False, "locked", retry_after=self.name_window - (now - name.since))
        return None

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
