"""Staff accounts: argon2 hashes only, the hash command, slowed and locked-out guessing, idle sessions."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from argon2 import Type, extract_parameters

from finder.appsettings import AppSettings
from finder.cli import main
from finder.desk import auth

A = AppSettings.resolve  # the run's settings from the given secrets and environment

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"  # made up for the tests; no real account uses it


@pytest.fixture(scope="module")
def accounts() -> dict[str, auth.Account]:
    line = auth.account_line("yamada", auth.hash_password(PASSWORD), ["082031"])
    found, notes = auth.parse_accounts(line + "\n" + auth.account_line("sato", auth.hash_password(PASSWORD + "!")))
    assert notes == []
    return found


class FakeTime:
    def __init__(self):
        self.now = 1000.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def guard() -> tuple[auth.Guard, FakeTime]:
    fake = FakeTime()
    return auth.Guard(clock=fake.clock, sleep=fake.sleep), fake


POLICY = auth.Policy(max_failures=3, lockout_seconds=60, idle_seconds=30)


def test_hashes_are_salted_argon2id_and_never_the_password():
    a, b = auth.hash_password(PASSWORD), auth.hash_password(PASSWORD)
    assert a.startswith("$argon2id$") and a != b and PASSWORD not in a


def test_short_passwords_are_refused():
    with pytest.raises(ValueError):
        auth.hash_password("short")


def test_right_password_logs_in_with_the_accounts_cities(accounts):
    g, _ = guard()
    result = g.login(accounts, "yamada", PASSWORD, POLICY)
    assert result.ok and result.account.name == "yamada"
    assert result.account.may_edit("082031") and not result.account.may_edit("082163")
    assert accounts["sato"].may_edit("082163")  # no city list: every city


def test_unconfigured_desk_is_closed():
    g, fake = guard()
    assert g.login({}, "yamada", PASSWORD, POLICY).reason == "closed"
    assert auth.parse_accounts("")[0] == {}
    assert fake.slept == []


def test_wrong_passwords_are_slowed_down_then_locked_out(accounts):
    g, fake = guard()
    assert g.login(accounts, "yamada", "wrong-guess-1", POLICY).reason == "wrong"
    assert g.login(accounts, "yamada", "wrong-guess-2", POLICY).reason == "wrong"
    third = g.login(accounts, "yamada", "wrong-guess-3", POLICY)
    assert third.reason == "locked" and third.retry_after == 60
    assert fake.slept == [0.5, 1.0, 2.0]  # each wrong password waits twice as long
    # Locked: even the right password is refused, without being checked.
    assert g.login(accounts, "yamada", PASSWORD, POLICY).reason == "locked"
    assert g.locked_for("yamada") == 60
    # Other accounts are not affected.
    assert g.login(accounts, "sato", PASSWORD + "!", POLICY).ok
    fake.now += 61
    assert g.locked_for("yamada") == 0
    assert g.login(accounts, "yamada", PASSWORD, POLICY).ok


def test_a_success_resets_the_count(accounts):
    g, _ = guard()
    for _ in range(2):
        g.login(accounts, "yamada", "nope-nope-nope", POLICY)
    assert g.login(accounts, "yamada", PASSWORD, POLICY).ok
    for _ in range(2):
        assert g.login(accounts, "yamada", "nope-nope-nope", POLICY).reason == "wrong"


def test_unknown_names_are_counted_and_locked_like_real_ones(accounts):
    g, fake = guard()
    reasons = [g.login(accounts, "nobody", PASSWORD, POLICY).reason for _ in range(4)]
    assert reasons == ["wrong", "wrong", "locked", "locked"]
    assert g.login(accounts, " YAMADA ", PASSWORD, POLICY).reason == "wrong"  # names are exact for login


def test_parallel_guesses_cannot_exceed_the_limit(accounts):
    g = auth.Guard(sleep=lambda s: None)
    results: list[str] = []
    lock = threading.Lock()

    def guess(n: int) -> None:
        r = g.login(accounts, "yamada", f"parallel-guess-{n}", POLICY)
        with lock:
            results.append(r.reason)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("wrong") <= POLICY.max_failures - 1
    assert g.login(accounts, "yamada", PASSWORD, POLICY).reason == "locked"


def test_bad_account_entries_are_ignored_with_a_note_that_does_not_echo_the_hash():
    good = auth.account_line("ok", auth.hash_password(PASSWORD))
    found, notes = auth.parse_accounts(f"plain:password123 {good} x:$argon2id$abc:999999 ok:$argon2id$dup")
    assert list(found) == ["ok"]
    assert len(notes) == 3 and all("password123" not in n and "$argon2" not in n for n in notes)


def test_accounts_come_from_the_settings(accounts):
    line = auth.account_line("yamada", accounts["yamada"].password_hash, ["082031"])
    assert "yamada" in auth.load_accounts(A({"staff_accounts": line}, {}))[0]
    assert auth.load_accounts(A({"staff_accounts": line}, {"DXFINDER_STAFF_ACCOUNTS": ""}))[0]
    assert auth.load_accounts(A({}, {}))[0] == {}


def test_policy_from_settings_clamps_bad_values():
    policy = auth.Policy.from_settings(A({}, {"DXFINDER_STAFF_MAX_FAILURES": "0", "DXFINDER_STAFF_IDLE_SECONDS": "x"}))
    assert policy.max_failures == 1 and policy.idle_seconds == 900 and len(policy.notes) == 2
    assert auth.Policy.from_settings(A({"staff_lockout_seconds": 30}, {})).lockout_seconds == 30


def test_sessions_expire_after_idle_time():
    assert auth.session_expired(None, 100.0, 30)
    assert not auth.session_expired(100.0, 129.0, 30)
    assert auth.session_expired(100.0, 130.0, 30)
    assert auth.session_expired(100.0, 50.0, 30)  # a clock that went backwards ends the session


def test_hash_command_reads_stdin_and_hashes_with_the_strong_parameters():
    """The real command, a process of its own without the tests' cheap hasher: RFC 9106's argon2id cost."""
    proc = subprocess.run([sys.executable, "-m", "finder", "hash-password", "--name", "yamada", "--cities", "082031"],
                          input=PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    found, notes = auth.parse_accounts(line)
    assert notes == [] and found["yamada"].cities == {"082031"}
    assert auth.Guard(sleep=lambda s: None).login(found, "yamada", PASSWORD, POLICY).ok
    assert PASSWORD not in proc.stdout + proc.stderr
    params = extract_parameters(found["yamada"].password_hash)
    assert params.type is Type.ID
    assert params.time_cost >= 3 and params.memory_cost >= 65536 and params.parallelism >= 4


def test_tests_hash_cheaply_unless_they_test_hashing():
    """tests/conftest.py swaps in a cheap hasher for speed; a hash made here still verifies like any other."""
    params = extract_parameters(auth.hash_password(PASSWORD))
    assert params.memory_cost < 65536
    assert auth.Guard(sleep=lambda s: None).login(
        {"yamada": auth.Account("yamada", auth.hash_password(PASSWORD))}, "yamada", PASSWORD, POLICY).ok


def test_hash_command_refuses_a_short_password(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("short\n"))
    assert main(["hash-password"]) == 2
    assert "10" in capsys.readouterr().err


def test_hash_command_uses_getpass_at_a_terminal(monkeypatch, capsys):
    class Tty:
        def isatty(self) -> bool:
            return True

    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(sys, "stdin", Tty())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["hash-password"]) == 0
    assert capsys.readouterr().out.startswith("$argon2id$")
    answers = iter([PASSWORD, PASSWORD + "x"])
    assert main(["hash-password"]) == 2
