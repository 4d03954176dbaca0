"""What the desk page shows, as plain rows of text in the UI language (the page only lays them out)."""

from __future__ import annotations

from finder.catalog import versions
from finder.catalog.csvio import Problem
from finder.catalog.schema import SPEC_BY_KIND
from finder.desk.freshness import ToDo
from finder.desk.publish import Plan
from finder.desk.rowdiff import RowDiff, header_of
from finder.i18n import kind_label, t
from finder.i18n.messages import Message

MAX_VALUE_CHARS = 80
# Plain names for the English column headers of procedures and certificates (existing UI strings).
COLUMN_LABELS = {"online_status": "detail.online", "store_status": "detail.store", "counter_status": "detail.counter",
                 "mail_status": "detail.mail", "status": "kind.certificate", "store_fee": "conbini.col.store_fee",
                 "counter_fee": "conbini.col.counter_fee", "hours_start": "conbini.col.hours",
                 "hours_end": "conbini.col.hours"}


def in_language(message: str, lang: str) -> str:
    """The Japanese part of a bilingual 'ja / en' message in Japanese, the English part in English."""
    if isinstance(message, Message):
        return message.text(lang)
    ja, sep, en = message.partition(" / ")
    if not sep:
        return message
    return en.strip() if lang == "en" else ja.strip()


def short(value: str, limit: int = MAX_VALUE_CHARS) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def problem_rows(plan: Plan, problems: list[Problem], lang: str) -> list[dict[str, str]]:
    """One row per problem: where (row of the upload or the table, ID, column), what, and the value there."""
    id_h = header_of(plan.spec, "id")
    out = []
    for p in problems:
        row = plan.row_at(p.row) if p.file == plan.source_name else None
        where = str(p.row) if p.file == plan.source_name else f"{p.file}:{p.row}"
        out.append({t("desk.col.line", lang): where if p.row else "-",
                    t("desk.col.id", lang): (row or {}).get(id_h, ""),
                    t("desk.col.column", lang): p.column,
                    t("desk.col.problem", lang): in_language(p.message, lang),
                    t("desk.col.value", lang): short((row or {}).get(p.column, ""))})
    return out


def change_rows(diff: RowDiff, kind: str, lang: str) -> list[dict[str, str]]:
    """One row per added, changed or removed row; changed rows say which columns went from what to what."""
    spec = SPEC_BY_KIND[kind]
    title_h = header_of(spec, "title")
    out = []
    for change in diff.changes:
        if change.status == "changed":
            detail = "; ".join(f"{c}: {short(change.before.get(c, ''), 30) or '—'} → {short(change.after.get(c, ''), 30) or '—'}"
                               for c in change.columns)
        else:
            detail = ""
        out.append({t("desk.col.change", lang): t(f"desk.change.{change.status}", lang),
                    t("desk.col.id", lang): change.key,
                    t("desk.col.title", lang): change.row.get(title_h, ""),
                    t("desk.col.detail", lang): detail})
    return out


def counts_text(counts: dict[str, int], lang: str) -> str:
    return t("desk.preview.counts", lang, added=counts.get("added", 0), changed=counts.get("changed", 0),
             removed=counts.get("removed", 0))


def version_line(v: versions.VersionInfo, cities: dict[str, str], lang: str) -> str:
    """'2026-11-24 10:00・山田・公開・スマホ教室：追加 1・変更 0・削除 0'."""
    kinds = "、".join(kind_label(k, lang) for k in v.kind.split(",") if k) if v.kind else "—"
    action = t(f"desk.action.{v.action}", lang) if v.action else "—"
    return t("desk.history.line", lang, at=v.at.replace("T", " ")[:16], by=v.by or "—", action=action, kind=kinds,
             counts=counts_text(v.counts, lang) if v.parent else t("desk.history.original", lang))


def todo_text(todo: ToDo, lang: str) -> str:
    """Why a row is on the to-do list."""
    if todo.reason == "stale":
        return t("desk.todo.reason.stale", lang, checked=todo.checked or "—", age=todo.age_days or "?")
    if todo.reason == "sample":
        return t("desk.todo.reason.sample", lang)
    keys = {c.header: c.key for c in SPEC_BY_KIND[todo.kind].columns}
    names = [f"{t(COLUMN_LABELS[keys[h]], lang)} ({h})" if keys.get(h) in COLUMN_LABELS else h for h in todo.columns]
    return t("desk.todo.reason.unknown", lang, columns="、".join(names))
