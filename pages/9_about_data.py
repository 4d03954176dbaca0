"""データについて: rows per city and kind, sources and checked dates, validation status, downloads."""

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from finder.i18n import kind_label
from finder.live.export import catalog_csv, catalog_geojson
from finder.model import KINDS
from finder.present.html import esc, linkify, md_escape


@st.cache_data(max_entries=4, show_spinner=False)
def exports(_catalog, version: float | None) -> tuple[bytes, bytes]:
    # Built once per loaded catalog (version = load time), not on every rerun.
    return catalog_csv(_catalog), catalog_geojson(_catalog)


ctx = ui.setup_page("nav.about")
catalog = ctx.catalog
store = ctx.store

def own_rows(kind: str, code: str) -> list:
    """The catalog's own rows of a kind for a city (not the national items every municipality also gets)."""
    return [it for it in catalog.items if it.kind == kind and it.municipality_code == code
            and not it.id.startswith("nat-")]


st.title(f"📊 {ctx.t('about.header')}")

st.header(ctx.t("about.counts"))
city_col = ctx.t("conbini.col.city")
rows = []
for m in catalog.curated_municipalities:
    counts = {kind_label(k, ctx.lang): len(own_rows(k, m.code)) for k in KINDS}
    rows.append({city_col: ctx.city_label(m.code), **counts, ctx.t("about.total"): sum(counts.values())})
table = pd.DataFrame(rows).set_index(city_col)
table.loc[ctx.t("about.total")] = table.sum()
ui.table(table)
samples = sum(1 for it in catalog.items if it.is_sample)
if samples:
    st.markdown(ctx.t("about.sample_count", count=samples))

st.header(ctx.t("about.sources"))
src_rows = []
for kind in KINDS:
    for m in catalog.curated_municipalities:
        items = own_rows(kind, m.code)
        if not items:
            continue
        checked = sorted(it.checked for it in items if it.checked)
        src_rows.append({ctx.t("search.kind"): kind_label(kind, ctx.lang), city_col: ctx.city_label(m.code),
                         "#": len(items),
                         ctx.t("about.oldest_checked"): checked[0] if checked else ctx.t("common.unknown"),
                         ctx.t("about.latest_checked"): checked[-1] if checked else ctx.t("common.unknown")})
if src_rows:
    ui.table(pd.DataFrame(src_rows))
for kind in KINDS:
    sources = sorted({it.source for it in catalog.of_kind(kind) if it.source})
    if sources:
        with st.expander(f"{ctx.t('common.source')}: {kind_label(kind, ctx.lang)} ({len(sources)})"):
            ui.html("<ul>" + "".join(f'<li lang="ja">{linkify(s)}</li>' for s in sources) + "</ul>")
# Sources are cited by their own (Japanese) titles: marked as Japanese for screen readers in the English UI.
city_sources = [f'<li lang="ja">{esc(m.name)}: {linkify(m.source)} ({esc(m.checked)})</li>' for m in catalog.curated_municipalities]
with st.expander(f"{ctx.t('common.source')}: {ctx.t('common.city')}"):
    ui.html("<ul>" + "".join(city_sources) + "</ul>")

st.header(ctx.t("about.validation"))
if store.ok:
    st.success(ctx.t("about.valid"), icon="✅")
else:
    st.error("\n\n".join(md_escape(p) for p in store.problems[:50]) or md_escape(store.error), icon="⚠️")
notes = [p for p in catalog.notes if p.severity != "error"]
if notes:
    with st.expander(ctx.t("about.notes", count=len(notes))):
        st.code("\n".join(str(p) for p in notes[:200]), language=None)
health = store.health()
if store.held:
    st.warning(ctx.t("about.held", reasons=md_escape(" / ".join(store.held))), icon="⏸️")
if health.status == "stuck":
    st.warning(ctx.t("about.stuck", seconds=round(health.busy_seconds)), icon="⏳")
if health.version:
    st.caption(ctx.t("about.version", version=md_escape(health.version)))
if store.loaded_at:
    loaded = dt.datetime.fromtimestamp(store.loaded_at, ctx.now.tzinfo).strftime("%Y-%m-%d %H:%M:%S")
    st.caption(ctx.t("about.loaded_at", time=loaded))

st.header(ctx.t("about.download"))
st.caption(ctx.t("about.download_no_samples"))
csv_bytes, geojson_bytes = exports(catalog, store.loaded_at)
col_csv, col_geo = st.columns(2)
col_csv.download_button(ctx.t("about.download_csv"), csv_bytes, file_name="dx-service-finder.csv",
                        mime="text/csv", icon="⬇️", key="dl-csv", on_click="ignore")
col_geo.download_button(ctx.t("about.download_geojson"), geojson_bytes,
                        file_name="dx-service-finder.geojson", mime="application/geo+json", icon="⬇️", key="dl-geo",
                        on_click="ignore")
