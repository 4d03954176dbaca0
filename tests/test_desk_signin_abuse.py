"""Sign-in abuse: nobody locks a staff member out from elsewhere, many names or many clients do not wipe a count,
concurrent hashing is bounded, and blank passwords are refused."""

from __future__ import annotations

import threading
import time

import pytest

from finder.desk import auth

PASSWORD = "correct horse battery"  # made up for the tests


@pytest.fixture(scope="module")
def accounts() -> dict[str, auth.Account]:
    found, _ = auth.parse_accounts(auth.account_line("yamada", auth.hash_password(PASSWORD)))
    return found


@pytest.fixture
def fast_verify(monkeypatch):
    """Password checks without argon2's cost (these tests count attempts, not hashes)."""
    monkeypatch.setattr(auth, "_verify", lambda password_hash, password: password == PASSWORD)


POLICY = auth.Policy(max_failures=3, lockout_seconds=600, idle_seconds=30)


def quiet_guard(**kw) -> auth.Guard:
    return auth.Guard(sleep=lambda s: None, **kw)


def test_guessing_a_name_elsewhere_does_not_lock_its_owner_out(accounts, fast_verify):
    g = quiet_guard()
    reasons = [g.login(accounts, "yamada", f"guess-{n}-xxxxxx", POLICY, client="203.0.113.9").reason
               for n in range(5)]
    assert reasons[-1] == "locked"
    assert g.login(accounts, "yamada", PASSWORD, POLICY, client="203.0.113.9").reason == "locked"
    assert g.login(accounts, "yamada", PASSWORD, POLICY, client="198.51.100.7").ok  # the owner, at the office


def test_one_client_trying_many_names_is_throttled(accounts, fast_verify):
    g = quiet_guard()
    reasons = [g.login(accounts, f"name{n}", "wrong-password-x", POLICY, client="203.0.113.9").reason
               for n in range(50)]
    budget = POLICY.max_failures * g.client_factor
    assert reasons[:budget - 1].count("wrong") == budget - 1 and set(reasons[budget:]) == {"throttled"}
    assert g.login(accounts, "yamada", PASSWORD, POLICY, client="198.51.100.7").ok  # others are not affected


def test_ten_thousand_other_names_do_not_wipe_a_victims_count(accounts, fast_verify):
    g = quiet_guard()
    for _ in range(2):  # two wrong guesses on yamada from the attacker's address
        assert g.login(accounts, "yamada", "wrong-password-x", POLICY, client="203.0.113.9").reason == "wrong"
    for n in range(10_000):  # then 10,000 other names from 10,000 addresses, to flush the tables
        g.login(accounts, f"name{n}", "wrong-password-x", POLICY, client=f"10.{n // 250}.{n % 250}.1")
    assert len(g._pairs.items) <= g.max_entries and len(g._clients.items) <= g.max_entries + 1
    # The count survived: the third wrong guess locks.
    assert g.login(accounts, "yamada", "wrong-password-x", POLICY, client="203.0.113.9").reason == "locked"


def test_a_name_failed_from_many_clients_waits_but_a_clean_client_still_gets_in(accounts, fast_verify):
    g = quiet_guard()
    budget = POLICY.max_failures * g.name_factor
    for n in range(budget):
        g.login(accounts, "yamada", "wrong-password-x", POLICY, client=f"10.0.{n}.1")
    assert g.login(accounts, "yamada", "wrong-password-x", POLICY, client="10.0.0.1").reason == "locked"
    assert g.login(accounts, "yamada", PASSWORD, POLICY, client="198.51.100.7").ok


def test_concurrent_hashing_is_bounded(accounts, monkeypatch):
    running, peak = [0], [0]
    lock = threading.Lock()

    def slow_verify(password_hash: str, password: str) -> bool:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.02)
        with lock:
            running[0] -= 1
        return False

    monkeypatch.setattr(auth, "_verify", slow_verify)
    g = quiet_guard(hash_slots=2)
    threads = [threading.Thread(target=g.login, args=(accounts, f"n{n}", "wrong-password-x", POLICY),
                                kwargs={"client": f"10.0.0.{n}"}) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == 2


def test_an_attempt_that_waits_too_long_for_hashing_is_busy_and_not_counted(accounts, monkeypatch):
    g = quiet_guard(hash_slots=1, hash_wait=0.01)
    g._slots.acquire()
    try:
        assert g.login(accounts, "yamada", PASSWORD, POLICY).reason == "busy"
    finally:
        g._slots.release()
    assert g._pairs.peek(("yamada", "")).failures == 0


@pytest.mark.parametrize("blank", ["", " " * 10, "\t \u3000  "])
def test_blank_passwords_are_refused(accounts, blank, monkeypatch):
    monkeypatch.setattr(auth, "_verify", lambda *a: pytest.fail("a blank password must not be hashed"))
    g = quiet_guard()
    assert g.login(accounts, "yamada", blank, POLICY).reason == "blank"
    with pytest.raises(ValueError):
        auth.hash_password(blank or " " * 12)
