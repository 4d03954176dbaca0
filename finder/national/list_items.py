"""The national list's cell on an item: a national item's status, and a curated row met by the list.

A national item (finder.national.templates) gets its municipality's cell: ``○`` makes it available (the list
as source and date), an empty cell leaves it "not listed as online" (never "not available"), ``ー`` means the
municipality has no such procedure, so there is no item. A curated row of the five cities and the list's
cell for the same procedure are one item (``merge_curated``): the list fills an unknown, and where the two
disagree in substance the newer dated fact is shown and the item says a second source differs.
"""

from __future__ import annotations

from dataclasses import replace

from finder.model import Item
from finder.municipalities.table import load_table
from finder.national.online_list import CELL_AVAILABLE, CELL_NONE, OnlineList, list_status, load_online_list
from finder.national.templates import instantiate, load_templates

LIST_AS_OF = "2025-03-31"  # 令和６年度末時点
# Public status words (CLI --json ``status``; docs/NATIONAL.md): the list's four and the catalog's own.
PUBLIC_STATUS = {"available": "available", "planned": "planned", "unknown": "unknown",
                 "not_available": "unavailable", "not_listed": "not_listed", "not_applicable": "not_applicable"}
CAVEAT = ("国の一覧の注記: 「○」であっても、オンライン手続の種類や対象者が一部である場合があります。"
          "マイナポータルか市区町村独自の電子申請かは一覧からは分かりません。")
NOT_LISTED_NOTE = "国の一覧ではオンライン対応として載っていません（載っていないことは「できない」という意味ではありません）。"
AVAILABLE_NOTE = "国の一覧でオンライン手続が可能（○）とされています。"


def _with(item: Item, **changes: str) -> Item:
    data = {**item.data, **changes}
    return replace(item, data=data, source=data.get("source", item.source))


def with_list(item: Item, online: OnlineList | None = None) -> Item | None:
    """A national procedure item with its municipality's cell; None when the cell is ``ー`` (no such
    procedure there). Items of procedures the list does not have are returned unchanged."""
    if item.kind != "procedure":
        return item
    online = online or load_online_list()
    cell = online.cell(item.municipality_code, item.get("procedure_key"))
    if cell is None:
        return item
    if cell == CELL_NONE:
        return None
    src = online.source
    status = list_status(cell)
    note = AVAILABLE_NOTE if cell == CELL_AVAILABLE else NOT_LISTED_NOTE if status == "not_listed" else ""
    return _with(item, online_status="available" if cell == CELL_AVAILABLE else "unknown", list_cell=cell,
                 list_status=status, status_as_of=LIST_AS_OF, status_note=note or item.get("status_note"),
                 source=f"{src.credit}; {item.get('source')}", note=f"{CAVEAT} {item.get('note')}".strip())


def public_status(item: Item) -> str:
    """available | unavailable | planned | unknown | not_listed | not_applicable (docs/NATIONAL.md)."""
    own = item.get("list_status") if item.get("list_status") and item.get("online_status") != "available" else ""
    value = own or item.get("status") or item.get("online_status") or "unknown"
    return PUBLIC_STATUS.get(value, value)


def merge_curated(item: Item, online: OnlineList | None = None) -> tuple[Item, str]:
    """A curated procedure row and the list's cell as one item; (item, what happened): '' unchanged,
    'filled' (unknown -> available from the list), 'list_newer' (the list is newer and differs: shown, the
    row's fact named as a second source), 'row_kept' (the row is newer or the cell is blank: kept, the list
    named as a second source that differs), 'agrees'."""
    online = online or load_online_list()
    cell = online.cell(item.municipality_code, item.get("procedure_key"))
    if item.kind != "procedure" or cell is None:
        return item, ""
    src = online.source
    own, as_of = item.get("online_status") or "unknown", item.get("status_as_of")
    listed = list_status(cell)
    base = {"list_cell": cell, "list_status": listed, "list_as_of": LIST_AS_OF, "list_source": src.credit}
    if cell == CELL_AVAILABLE and own == "unknown":
        return _with(item, **base, online_status="available", status_as_of=LIST_AS_OF,
                     status_note=AVAILABLE_NOTE, source=f"{src.credit}; {item.get('source')}",
                     note=f"{CAVEAT} {item.get('note')}".strip()), "filled"
    if cell == CELL_AVAILABLE and own == "available" or listed == "not_listed" and own == "unknown":
        return _with(item, **base), "agrees"
    if cell == CELL_AVAILABLE and own in ("not_available", "planned"):
        if (as_of or "0000") < LIST_AS_OF[:len(as_of or "0000")]:
            differs = f"別の出典（{item.get('source')}, {as_of}）では「{own}」とされていました。"
            return _with(item, **base, online_status="available", status_as_of=LIST_AS_OF,
                         status_note=f"{AVAILABLE_NOTE} {differs}", second_source=differs,
                         source=f"{src.credit}; {item.get('source')}",
                         note=f"{CAVEAT} {item.get('note')}".strip()), "list_newer"
        return _with(item, **base, second_source=f"国の一覧（{LIST_AS_OF}）は「○」です。"), "row_kept"
    if own == "available" and listed == "not_listed":
        return _with(item, **base, second_source="国の一覧（2025-03-31）ではオンライン対応として載っていません。"), "row_kept"
    return _with(item, **base), "agrees"


def merge_catalog(items: list[Item], curated_codes: set[str]) -> tuple[list[Item], dict[str, dict[str, int]]]:
    """The curated items with the list merged in: each curated procedure row meets its cell, and each
    resident procedure of the list a curated city has no row for becomes that city's national item (so
    every municipality has every procedure of the list, once). Returns the items and, per city code,
    how many rows were filled, changed, kept against the list, and added."""
    online = load_online_list()
    report: dict[str, dict[str, int]] = {c: {"filled": 0, "list_newer": 0, "row_kept": 0, "added": 0}
                                         for c in sorted(curated_codes)}
    out, have = [], set()
    for item in items:
        if item.kind == "procedure" and item.municipality_code in curated_codes:
            item, what = merge_curated(item, online)
            have.add((item.municipality_code, item.get("procedure_key")))
            if what in report[item.municipality_code]:
                report[item.municipality_code][what] += 1
        out.append(item)
    templates = {t.key: t for t in load_templates() if t.kind == "procedure"}
    for code in sorted(curated_codes):
        city = load_table().get(code)
        for proc in online.resident_procedures():
            if (code, proc.key) in have or proc.key not in templates or city is None:
                continue
            made = with_list(instantiate(templates[proc.key], city), online)
            if made is not None:
                out.append(made)
                report[code]["added"] += 1
    return out, report
