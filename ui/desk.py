"""Staff desk glue: sign-in and idle sessions, the shared city/kind choice, the plan preview and publishing.

Every session-state key of the desk starts with ``desk_``; signing out (or an expired session) deletes them.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from finder.catalog import versions
from finder.desk import auth
from finder.desk import publish as pub
from finder.desk.rowdiff import RowDiff
from finder.desk.view import change_rows, counts_text, in_language, problem_rows
from finder.i18n import kind_label
from finder.model import KINDS
from finder.present.html import md_escape

from .components import table
from .layout import PageContext

PREFIX = "desk_"


@dataclass
class Desk:
    """The signed-in account and what it works on."""

    account: auth.Account
    root: Path
    cities: dict[str, str]  # code → name, the cities this account may edit

    def city_label(self, code: str) -> str:
        return self.cities.get(code, code)


def forget() -> None:
    for key in [k for k in st.session_state if str(k).startswith(PREFIX)]:
        del st.session_state[key]


def flash(message: str, kind: str = "success") -> None:
    """A message shown once, at the top of the next run."""
    st.session_state["desk_flash"] = (kind, message)


def show_flash() -> None:
    kind, message = st.session_state.pop("desk_flash", ("", ""))
    if message:
        getattr(st, kind)(md_escape(message))


def client_id() -> str:
    """Where a sign-in comes from, for the guard's per-client counts: the peer address, or behind the local
    nginx (peer on loopback) the address nginx appended last to X-Forwarded-For (earlier entries are the
    client's own claims)."""
    try:
        ip = st.context.ip_address
        ip = ip if isinstance(ip, str) else ""  # the page test harness has no peer address
        if ip in ("", "127.0.0.1", "::1"):
            forwarded = st.context.headers.get("X-Forwarded-For", "")
            ip = (forwarded.rsplit(",", 1)[-1].strip() if isinstance(forwarded, str) else "") or ip
    except Exception:  # no request context (bare runs): one shared client
        return ""
    return ip


def sign_in(ctx: PageContext) -> Desk | None:
    """The signed-in desk, or None after drawing why not (closed, sign-in form, expired, locked)."""
    accounts, notes = auth.load_accounts(ctx.settings)
    policy = auth.Policy.from_settings(ctx.settings)
    ss = st.session_state
    if not accounts:
        forget()
        st.info(ctx.t("desk.closed"), icon="🔒")
        for note in notes:
            st.caption(md_escape(note))
        return None
    user = ss.get("desk_user")
    if user:
        if user in accounts and not auth.session_expired(ss.get("desk_seen"), time.monotonic(), policy.idle_seconds):
            ss["desk_seen"] = time.monotonic()
            account = accounts[user]
            cities = {m.code: m.name for m in ctx.catalog.municipalities if account.may_edit(m.code)}
            return Desk(account, Path(ctx.store.path), cities)
        forget()
        st.warning(ctx.t("desk.login.expired"), icon="⏱️")
    st.subheader(ctx.t("desk.login.header"))
    with st.form("desk_login", clear_on_submit=True):
        name = st.text_input(ctx.t("desk.login.name"), key="desk_login_name")
        password = st.text_input(ctx.t("desk.login.password"), type="password", key="desk_login_password")
        submitted = st.form_submit_button(ctx.t("desk.login.submit"), type="primary")
    if submitted:
        result = auth.GUARD.login(accounts, name, password, policy, client=client_id())
        minutes = max(1, math.ceil(result.retry_after / 60))
        if result.ok:
            ss["desk_user"], ss["desk_seen"] = result.account.name, time.monotonic()
            st.rerun()
        elif result.reason == "locked":
            st.error(ctx.t("desk.login.locked", minutes=minutes), icon="🔒")
        elif result.reason == "throttled":
            st.error(ctx.t("desk.login.throttled", minutes=minutes), icon="🔒")
        elif result.reason in ("blank", "busy"):
            st.error(ctx.t(f"desk.login.{result.reason}"))
        else:
            st.error(ctx.t("desk.login.wrong"))
    return None


def choose_kind_and_city(ctx: PageContext, desk: Desk, with_kind: bool = True) -> tuple[str, str]:
    """The kind and city every desk view works on (shared, so the to-do list can open a row in the editor)."""
    ss = st.session_state
    if ss.get("desk_kind") not in KINDS:
        ss["desk_kind"] = "class"
    if ss.get("desk_city") not in desk.cities:
        ss["desk_city"] = next(iter(desk.cities), "")
    col_kind, col_city = st.columns(2) if with_kind else (None, st.container())
    if col_kind is not None:
        col_kind.selectbox(ctx.t("desk.kind"), KINDS, key="desk_kind", format_func=lambda k: kind_label(k, ctx.lang))
    col_city.selectbox(ctx.t("desk.city"), list(desk.cities), key="desk_city", format_func=desk.city_label)
    return ss["desk_kind"], ss["desk_city"]


def fingerprint(*parts: object) -> str:
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


PAGE_ROWS = 100  # rows of a preview table drawn at once (a large upload must not draw thousands)


def paged_table(rows: list[dict[str, str]], ctx: PageContext, key: str) -> None:
    """A preview table, one page of PAGE_ROWS rows at a time."""
    pages = max(1, math.ceil(len(rows) / PAGE_ROWS))
    page = 1
    if pages > 1:
        page = int(st.number_input(ctx.t("desk.preview.page", pages=pages), min_value=1, max_value=pages, step=1,
                                   key=f"desk_page_{key}"))
    table(pd.DataFrame(rows[(page - 1) * PAGE_ROWS: page * PAGE_ROWS]))


def show_plan(ctx: PageContext, desk: Desk, plan: pub.Plan, key: str) -> None:
    """The preview (row changes, every problem by row and column) and, when nothing is wrong, the publish button.

    Rows the plan removes are listed apart and need a tick before the publish goes ahead; a publish that is
    refused (someone else's change, a removal not confirmed) always says why.
    """
    st.subheader(ctx.t("desk.preview.header"))
    if plan.diff:
        st.markdown(md_escape(counts_text(plan.diff.counts(), ctx.lang)))
        paged_table(change_rows(plan.diff, plan.kind, ctx.lang), ctx, f"changes_{key}")
    else:
        st.info(ctx.t("desk.preview.none"))
    if not plan.ok:
        st.error(ctx.t("desk.problems.header", count=len(plan.errors)), icon="⚠️")
        paged_table(problem_rows(plan, plan.errors, ctx.lang), ctx, f"problems_{key}")
        return
    notes = [p for p in plan.problems if p.severity != "error"]
    if notes:
        with st.expander(ctx.t("desk.notes", count=len(notes)), expanded=any(p.severity == "warning" for p in notes)):
            paged_table(problem_rows(plan, notes, ctx.lang), ctx, f"notes_{key}")
    if not plan.diff:
        return
    removed = RowDiff(plan.diff.filename, removed=plan.diff.removed)
    confirmed = True
    if removed.removed:
        st.warning(ctx.t("desk.removals.header", count=len(removed.removed)), icon="🗑️")
        paged_table(change_rows(removed, plan.kind, ctx.lang), ctx, f"removed_{key}")
        confirmed = st.checkbox(ctx.t("desk.removals.confirm", count=len(removed.removed)),
                                key=f"desk_confirm_removals_{key}")
    if st.button(ctx.t("desk.publish"), type="primary", key=f"desk_publish_{key}", icon="📤"):
        if not confirmed:
            st.error(ctx.t("desk.removals.needed"), icon="⚠️")
            return
        try:
            info = pub.publish(desk.root, plan, by=desk.account.name, guard_rows=True,
                               confirm_removals=confirmed)
        except versions.InvalidCatalog as exc:
            st.error(ctx.t("desk.problems.header", count=len(exc.problems)), icon="⚠️")
            paged_table(problem_rows(plan, exc.problems, ctx.lang), ctx, f"refused_{key}")
            return
        except versions.VersionError as exc:
            st.error(md_escape(in_language(str(exc), ctx.lang)), icon="⚠️")
            return
        ctx.store.refresh()
        for k in [k for k in st.session_state if str(k).startswith(("desk_draft", "desk_plan", "desk_grid",
                                                                     "desk_confirm"))]:
            del st.session_state[k]
        flash(ctx.t("desk.published", version=info.id))
        st.rerun()
