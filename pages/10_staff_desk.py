"""職員データデスク: staff edit, upload, check and publish the catalog; see its history and roll back.

Closed unless staff accounts are configured; never shown on the kiosk; every control needs a signed-in account.
"""

from functools import partial

import pandas as pd
import streamlit as st

import ui
from finder.catalog import versions
from finder.catalog.schema import SPEC_BY_KIND
from finder.clock import real_today
from finder.desk import publish as pub
from finder.desk.edits import complete_row, form_columns, is_blank, stamp_edited
from finder.desk.freshness import REASONS, counts_by_city, todo_list
from finder.desk.rowdiff import header_of
from finder.desk.upload import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS
from finder.desk.view import in_language, todo_text, version_line
from finder.i18n import kind_label
from finder.live.export import city_open_data_csv, open_data_headers
from finder.model import KINDS
from finder.present.html import md_escape
from finder.resident.config_check import settings_problems
from ui import desk as dk
from ui.state import off_page

ctx = ui.setup_page("desk.title")
ss = st.session_state
st.title(f"🗂️ {ctx.t('desk.title')}")
if st.query_params.get("kiosk") == "1":
    st.info(ctx.t("desk.kiosk"))
    st.stop()
desk = dk.sign_in(ctx)
if desk is None:
    st.stop()

cities_text = ctx.t("desk.all_cities") if not desk.account.cities else "、".join(desk.cities.values())
col_who, col_out = st.columns([4, 1])
col_who.caption(md_escape(ctx.t("desk.signed_in", name=desk.account.name, cities=cities_text)))
if col_out.button(ctx.t("desk.logout"), key="desk_logout"):
    dk.forget()
    st.rerun()
dk.show_flash()
if not desk.cities:
    st.warning(ctx.t("desk.no_cities"))
    st.stop()

VIEWS = ("edit", "upload", "todo", "history", "export")
if ss.get("desk_view") not in VIEWS:
    ss["desk_view"] = "edit"
view = st.segmented_control(ctx.t("desk.view"), VIEWS, key="desk_view", required=True,
                            format_func=lambda v: ctx.t(f"desk.view.{v}"))
today = real_today()  # 確認日 is a fact about the real world: never the demo clock
# The files a change starts from, read off the page: a stalled data share must not hang the desk.
base = off_page(("desk-base", str(desk.root)), partial(pub.load_base, desk.root), latest=True)
if base is None:
    st.info(ctx.t("common.data_loading"), icon="⏳")
    st.stop()


def source_fields(key: str, help_key: str) -> tuple[str, str]:
    col_src, col_date = st.columns([3, 1])
    source = col_src.text_input(ctx.t("desk.source"), key=f"desk_source_{key}", help=ctx.t(help_key),
                                placeholder=ctx.t("desk.source.example"))
    checked = col_date.date_input(ctx.t("desk.checked"), value=today, max_value=today, key=f"desk_checked_{key}")
    col_date.caption(ctx.t("desk.server_date", today=today.isoformat()))  # a clock behind shows here first
    return source.strip(), checked.isoformat()


def new_draft(kind: str, city: str) -> dict:
    rows = pub.city_rows(base.files, kind, {city})
    return {"key": (kind, city), "before": rows, "rows": [dict(r) for r in rows], "gen": ss.get("desk_gen", 0) + 1}


def row_form(kind: str, city: str, draft: dict, working: list[dict]) -> None:
    """A plain form beside the grid: add one row (e.g. next month's class) or fix one, field by field."""
    spec = SPEC_BY_KIND[kind]
    id_h, title_h = header_of(spec, "id"), header_of(spec, "title")
    st.subheader(ctx.t("desk.form.header"))
    ids = [r.get(id_h, "") for r in working if r.get(id_h)]
    if "desk_form_next" in ss:  # after a submit the form starts on a new row (set before the widget exists)
        ss["desk_form_row"] = ss.pop("desk_form_next")
    if ss.get("desk_form_row") not in ["", *ids]:
        ss["desk_form_row"] = ""
    titles = {r.get(id_h, ""): r.get(title_h, "") for r in working}
    picked = st.selectbox(ctx.t("desk.form.row"), ["", *ids], key="desk_form_row",
                          format_func=lambda i: f"{titles.get(i, '')} ({i})" if i else ctx.t("desk.form.new_row"))
    current = next((r for r in working if r.get(id_h) == picked), {}) if picked else {}
    main, rest = form_columns(kind)
    values: dict[str, str] = {}
    with st.form(f"desk_form_{draft['gen']}_{picked}"):
        for n, columns in enumerate((main, rest)):
            box = st.expander(ctx.t("desk.form.more")) if n else st.container()
            for col in columns:
                value = current.get(col.header, "")
                key = f"desk_f_{draft['gen']}_{picked}_{col.header}"
                if col.type == "enum":
                    options = list(col.choices) if col.required else ["", *col.choices]
                    index = options.index(value) if value in options else (options.index("no") if "no" in options and
                                                                         col.required else 0)
                    values[col.header] = box.selectbox(col.header, options, index=index, key=key)
                else:
                    values[col.header] = box.text_input(col.header, value=value, key=key)
        submitted = st.form_submit_button(ctx.t("desk.form.submit"), icon="➕")
    if submitted:
        taken = {r.get(id_h, "") for r in pub.file_rows(base.files, spec)} | set(ids)
        row = complete_row(kind, city, desk.city_label(city), {**current, **values}, taken - {picked})
        if picked:
            draft["rows"] = [row if r.get(id_h) == picked else r for r in working]
        else:
            draft["rows"] = [*working, row]
        draft["gen"] += 1
        ss["desk_gen"] = draft["gen"]
        ss["desk_form_next"] = ""
        dk.flash(ctx.t("desk.form.added", title=row.get(title_h, "")), "info")
        st.rerun()


def edit_view(kind: str, city: str) -> None:
    spec = SPEC_BY_KIND[kind]
    draft = ss.get("desk_draft")
    if draft is None or draft["key"] != (kind, city):
        draft = ss["desk_draft"] = new_draft(kind, city)
    fixed = [header_of(spec, k) for k in ("municipality_code", "municipality_name", "id") if header_of(spec, k)]
    st.caption(ctx.t("desk.grid.help"))
    frame = pd.DataFrame(draft["rows"], columns=spec.headers(), dtype="string").fillna("")
    edited = st.data_editor(frame, key=f"desk_grid_{draft['gen']}", num_rows="dynamic", hide_index=True,
                            disabled=fixed, width="stretch")
    working = []
    for raw in edited.astype("string").fillna("").to_dict("records"):
        row = {h: str(raw.get(h, "") or "") for h in spec.headers()}
        if not is_blank(row):
            working.append(row)
    row_form(kind, city, draft, working)
    st.subheader(ctx.t("desk.publish.header"))
    if pub.city_rows(base.files, kind, {city}) != draft["before"]:
        st.error(ctx.t("desk.conflict"), icon="⚠️")
        if st.button(ctx.t("desk.reload"), key="desk_reload"):
            del ss["desk_draft"]
            st.rerun()
        return
    source, checked = source_fields("edit", "desk.source.help")
    taken = {r.get(header_of(spec, "id"), "") for r in [*pub.file_rows(base.files, spec), *working]}
    rows = []
    for r in working:
        rows.append(complete_row(kind, city, desk.city_label(city), r, taken))
        taken.add(rows[-1][header_of(spec, "id")])
    rows = stamp_edited(kind, draft["before"], rows, source, checked)
    stamp = dk.fingerprint(kind, city, rows, draft["before"])
    col_preview, col_discard = st.columns(2)
    if col_preview.button(ctx.t("desk.preview"), key="desk_preview_edit", type="primary"):
        if not source and rows != draft["before"]:
            st.error(ctx.t("desk.source.missing"))
        else:
            label = ctx.t("desk.editor_name", kind=kind_label(kind, ctx.lang), city=desk.city_label(city))
            ss["desk_plan_edit"] = (stamp, pub.plan_rows(base, kind, {city}, rows, label, today=today))
    if col_discard.button(ctx.t("desk.discard"), key="desk_discard"):
        for k in ("desk_draft", "desk_plan_edit"):
            ss.pop(k, None)
        st.rerun()
    saved = ss.get("desk_plan_edit")
    if saved and saved[0] == stamp:
        dk.show_plan(ctx, desk, saved[1], "edit")


def upload_view(kind: str, city: str) -> None:
    st.caption(md_escape(ctx.t("desk.upload.help", kind=kind_label(kind, ctx.lang), city=desk.city_label(city),
                               max_rows=f"{MAX_UPLOAD_ROWS:,}", max_mb=MAX_UPLOAD_BYTES // (1024 * 1024))))
    file = st.file_uploader(ctx.t("desk.upload.file"), type=["csv"], key="desk_upload",
                            max_upload_size=MAX_UPLOAD_BYTES // (1024 * 1024))
    source, checked = source_fields("upload", "desk.upload.source_help")
    if file is None:
        return
    raw = file.getvalue()
    stamp = dk.fingerprint(kind, city, versions.sha256(raw), file.name, source, checked)
    if st.button(ctx.t("desk.preview"), key="desk_preview_upload", type="primary"):
        plan = pub.plan_upload(base, raw, file.name, kind, today, source, checked, allowed={city},
                               history_root=desk.root)
        ss["desk_plan_upload"] = (stamp, plan)
    saved = ss.get("desk_plan_upload")
    if saved and saved[0] == stamp:
        dk.show_plan(ctx, desk, saved[1], "upload")


def open_in_editor(kind: str, city: str, item_id: str) -> None:
    ss.update({"desk_view": "edit", "desk_kind": kind, "desk_city": city, "desk_form_row": item_id})


def todo_view(city: str) -> None:
    days, note = ctx.settings.get_int("staff_stale_days", 1, 3650)
    if note:
        st.caption(md_escape(note))
    problems = settings_problems(ctx.settings)  # what the kiosk no longer shows residents
    if problems:
        st.subheader(ctx.t("desk.todo.header.settings", count=len(problems)))
        for problem in problems:
            st.warning(md_escape(problem), icon="⚙️")
    todos = todo_list(ctx.catalog, today, days, city)
    counts = counts_by_city(todos).get(city, {})
    st.markdown(md_escape(ctx.t("desk.todo.summary", days=days, **{r: counts.get(r, 0) for r in REASONS})))
    if not todos:
        st.success(ctx.t("desk.todo.none"))
    for reason in REASONS:
        mine = [t for t in todos if t.reason == reason]
        if not mine:
            continue
        st.subheader(ctx.t(f"desk.todo.header.{reason}", count=len(mine)))
        for todo in mine[:30]:
            col_text, col_go = st.columns([5, 1])
            col_text.markdown(md_escape(f"{kind_label(todo.kind, ctx.lang)}・{todo.title} ({todo.item_id}) — "
                                        f"{todo_text(todo, ctx.lang)}"))
            col_go.button(ctx.t("desk.todo.edit"), key=f"desk_todo_{reason}_{todo.item_id}", on_click=open_in_editor,
                          args=(todo.kind, city, todo.item_id))
        if len(mine) > 30:
            st.caption(ctx.t("desk.todo.more", count=len(mine) - 30))


def history_view() -> None:
    history = versions.history(desk.root)
    st.subheader(ctx.t("desk.history.header"))
    if not history:
        st.info(ctx.t("desk.history.none"))
        return
    if desk.account.cities:
        st.caption(ctx.t("desk.rollback.scoped"))
    for v in history[:50]:
        with st.container(border=True):
            current = ctx.t("desk.history.current") if v.id == history[0].id else ""
            st.markdown(md_escape(f"{version_line(v, desk.cities, ctx.lang)} {current}"))
            st.caption(md_escape(f"{v.id} {v.note}"))
            if v.id != history[0].id and st.button(ctx.t("desk.rollback"), key=f"desk_rb_{v.id}", icon="↩️"):
                try:
                    info = pub.rollback(desk.root, v.id, by=desk.account.name, account_cities=desk.account.cities)
                except versions.VersionError as exc:
                    st.error(md_escape(in_language(str(exc), ctx.lang)), icon="⚠️")
                    continue
                ctx.store.refresh()
                for k in [k for k in ss if str(k).startswith(("desk_draft", "desk_plan"))]:
                    del ss[k]
                dk.flash(ctx.t("desk.rolled_back", version=v.id, new=info.id))
                st.rerun()
    if len(history) > 50:
        st.caption(ctx.t("desk.todo.more", count=len(history) - 50))


def export_view(city: str) -> None:
    st.caption(ctx.t("desk.export.note"))
    for kind in KINDS:
        cols = st.columns([2, 1, 1])
        cols[0].markdown(f"**{md_escape(kind_label(kind, ctx.lang))}** ({len(open_data_headers(kind))} "
                         f"{ctx.t('desk.export.columns')})")
        for col, encoding in zip(cols[1:], ("utf-8", "cp932")):
            try:
                data = city_open_data_csv(ctx.catalog, kind, city, encoding)
            except ValueError as exc:
                col.caption(md_escape(ctx.t("desk.export.sjis_error", error=str(exc))))
                continue
            col.download_button(ctx.t(f"desk.export.{encoding}"), data, file_name=f"{city}-{kind}-{encoding}.csv",
                                mime="text/csv", key=f"desk_dl_{kind}_{encoding}", icon="⬇️", on_click="ignore")


kind, city = dk.choose_kind_and_city(ctx, desk, with_kind=view in ("edit", "upload"))
if view == "edit":
    edit_view(kind, city)
elif view == "upload":
    upload_view(kind, city)
elif view == "todo":
    todo_view(city)
elif view == "history":
    history_view()
else:
    export_view(city)
