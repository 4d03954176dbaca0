"""Staff demo for smartphone courses: guided scenarios, very large type, real search step by step.

Made for a projector: the sidebar starts folded away, → / PageDown (a presentation clicker) go to the next
step and ← / PageUp back, and the part of the screen each step changes (the search box, the kind, the
opened result) is outlined, so what the caption says is what the room sees. Only real rows are shown.
"""

from functools import partial

import streamlit as st

import ui
from finder.i18n import kind_label
from finder.present import js_snippets
from finder.present.html import Fact, display_title, facts_html, md_escape
from finder.present.match import explain_matches
from finder.resident import classes, demo
from ui.state import off_page

ctx = ui.setup_page("nav.demo", css="demo", sidebar_state="collapsed")
lang = ctx.lang
catalog = ctx.catalog
ss = st.session_state
KEYS = {"ArrowRight": "demo_next", "PageDown": "demo_next", "ArrowLeft": "demo_prev", "PageUp": "demo_prev"}



def _choose(sid: str) -> None:
    ss["demo_sid"], ss["demo_step"] = sid, 0


def _step(delta: int, n: int) -> None:
    ss["demo_step"] = max(0, min(n - 1, ss.get("demo_step", 0) + delta))


def _to_list() -> None:
    ss.pop("demo_sid", None)
    ss["demo_step"] = 0


def _box(stage_of_box: str, stage: str) -> str:
    """The container key of a part of the screen: ``demo_now`` (outlined) when this step changes it."""
    return "demo_now" if stage_of_box == stage else f"demo_box_{stage_of_box}"


# Read off the page: a stalled data share must not hang the projector (a reload makes a new key).
path = demo.scenarios_path()
loaded = off_page(("demo-scenarios", str(path), ctx.store.reloads), partial(demo.validate_scenarios, path))
if loaded is None:
    st.info(ctx.t("common.data_loading"), icon="⏳")
    st.stop()
errors = [str(p) for p in loaded[0] if p.severity == "error"]
scenarios = loaded[1]
if errors:
    st.error(ctx.t("demo.broken") + "\n\n" + "\n\n".join(md_escape(e) for e in errors[:5]))
by_id = {s.id: s for s in scenarios}
current = by_id.get(ss.get("demo_sid", ""))

if current is None:
    st.title(ctx.t("demo.title"))
    st.header(ctx.t("demo.pick"))
    for sc in scenarios:
        st.button(sc.label(lang), key=f"demo_pick_{sc.id}", on_click=_choose, args=(sc.id,), width="stretch")
else:
    captions = current.captions(lang)
    n = len(captions)
    step = max(0, min(n - 1, ss.get("demo_step", 0)))
    stage = demo.stage_for(step, n)
    st.header(md_escape(current.label(lang)))
    # Controls first, so the presenter's buttons stay in the same place whatever the result's length.
    c1, c2, c3, c4 = st.columns(4)
    c1.button(ctx.t("demo.prev"), key="demo_prev", on_click=_step, args=(-1, n), disabled=step == 0, width="stretch")
    c2.button(ctx.t("demo.next"), key="demo_next", on_click=_step, args=(1, n), disabled=step >= n - 1, width="stretch")
    c3.button(ctx.t("demo.restart"), key="demo_restart", on_click=_choose, args=(current.id,), width="stretch")
    c4.button(ctx.t("demo.list"), key="demo_list", on_click=_to_list, width="stretch")
    st.html(js_snippets.key_clicker(KEYS), unsafe_allow_javascript=True)
    st.subheader(ctx.t("demo.step", i=step + 1, n=n))
    if step:  # the steps done, on one line: the current one keeps the room's attention
        st.caption("　".join(f"✔ {i + 1}. {md_escape(caption)}" for i, caption in enumerate(captions[:step])))
    st.markdown(f"👉 **{step + 1}. {md_escape(captions[step])}**")

    # The search screen as a resident sees it; the box this step changes is outlined (ui/css/demo.css).
    kinds = ctx.t("kind.all") if stage == "query" or not current.kinds \
        else "・".join(kind_label(k, lang) for k in current.kinds)
    col_query, col_kind, col_city = st.columns([2, 2, 1])
    with col_query.container(key=_box("query", stage)):
        st.text_input(ctx.t("demo.query"), value=current.query, disabled=True, key=f"demo_query_{current.id}_{step}")
    with col_kind.container(key=_box("filtered", stage)):
        st.text_input(ctx.t("search.kind"), value=kinds, disabled=True, key=f"demo_kind_{current.id}_{step}")
    cities = [""] + [m.code for m in catalog.curated_municipalities]
    default_city = catalog.municipality(current.city).code if current.city and catalog.municipality(current.city) else ""
    city = col_city.selectbox(ctx.t("common.city"), cities, index=cities.index(default_city),
                              key=f"demo_city_{current.id}",
                              format_func=lambda c: ctx.city_label(c) if c else ctx.t("common.all_cities"))

    hits = demo.run_stage(catalog, current, stage, city=city, today=ctx.now.date())
    top = demo.top_hit(hits, ctx.now.date(), soonest_class=set(current.kinds) == {"class"},
                       caption=current.captions("ja")[step]) if stage == "detail" else None
    with st.container(key=_box("detail", stage)):
        if top is not None:
            st.subheader(ctx.t("demo.top"))
            checks = demo.checked_facts(top.item, current.captions("ja")[step], lang)
            if checks:
                st.markdown(f"**{ctx.t('demo.check')}** — {md_escape(ctx.city_label(top.item.municipality_code))} "
                            f"{md_escape(display_title(top.item, lang))}")
                ui.html(facts_html([Fact(label, value) for label, value in checks], lang))
            ui.render_detail(top.item, ctx)
        else:
            st.subheader(ctx.t("demo.results", n=len(hits)))
            if not hits:
                st.warning(ctx.t("demo.none"))
            for rank, hit in enumerate(hits, start=1):
                matched = explain_matches(hit.matches, lang, ctx.city_label)
                if hit.item.kind == "class":  # the next session matters most for "次のスマホ教室"
                    when = classes.next_session_text(hit.item, lang, ctx.now.date())
                    matched = f"{matched} · {ctx.t('classes.next')}: {when}" if matched else when
                ui.result_card(hit.item, ctx, matched=matched, key=f"demo{rank}-")
    st.caption(ctx.t("demo.keys"))
