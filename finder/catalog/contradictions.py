"""Facts that contradict their own row's status: a convenience-store fee or hours on a certificate whose
status does not say it is issued at convenience stores.

Residents would read 「コンビニで取れるかは分かりません」 above 「コンビニ手数料 200円」. Validation warns (the
row still loads: which of the two is right only the source can say) and names the consistent status.
"""

from __future__ import annotations

from finder.catalog.csvio import Problem, Table
from finder.catalog.schema import FileSpec
from finder.i18n.messages import Message

# Per kind: the status column, and the columns that only make sense when that status is "available".
STATUS_FACTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "certificate": ("status", ("store_fee", "hours_start", "hours_end")),
}


def check_contradictions(spec: FileSpec, table: Table, row: dict[str, str], line: int,
                         problems: list[Problem]) -> None:
    """Warn when a row gives facts its status says cannot be known (or do not exist)."""
    rule = STATUS_FACTS.get(spec.kind)
    if rule is None:
        return
    cols = {c.key: c.header for c in spec.columns}
    status_h = cols[rule[0]]
    status = row.get(status_h, "")
    if status_h not in table.header or status in ("available", "planned", ""):
        return
    given = [cols[k] for k in rule[1] if row.get(cols[k], "").strip()]
    if not given:
        return
    columns = "、".join(given)
    problems.append(Problem(
        table.path, line, status_h,
        Message("validate.status.contradiction", status_column=status_h, status=status, columns=columns), "warning"))
