"""Staff demo for smartphone courses: guided scenarios, very large type, real search step by step."""

import streamlit as st

import ui
from finder.places import mapview
from finder.present.match import explain_matches
from finder.services import demo

ctx = ui.setup_page("nav.demo")
lang = ctx.lang
catalog = ctx.catalog
ss = st.session_state

TEXT = {
    "ja": {"title": "職員デモ: スマホ教室", "pick": "シナリオを選んでください", "step": "手順 {i} / {n}",
           "next": "次へ ▶", "prev": "◀ 前へ", "restart": "↺ 最初から", "list": "一覧へ",
           "query": "検索の欄", "city": "市", "all": "すべての市", "results": "検索結果 ({n}件)",
           "none": "結果がありません (データを確認してください)", "top": "いちばん上の結果", "broken": "scenarios.csv に問題があります"},
    "en": {"title": "Staff demo: smartphone course", "pick": "Choose a scenario", "step": "Step {i} of {n}",
           "next": "Next ▶", "prev": "◀ Back", "restart": "↺ Start over", "list": "Scenarios",
           "query": "Search box", "city": "City", "all": "All cities", "results": "Search results ({n})",
           "none": "No results (check the data)", "top": "Top result", "broken": "scenarios.csv has problems"},
}


def T(key: str) -> str:  # noqa: N802 - short local alias
    return TEXT.get(lang, TEXT["ja"])[key]


DEMO_CSS = """
.stApp p, .stApp li, .stApp label, .stApp input { font-size: 1.7rem !important; line-height: 1.6; }
.stApp h1 { font-size: 3rem !important; } .stApp h2 { font-size: 2.4rem !important; }
.stApp h3 { font-size: 2rem !important; }
.stButton button { min-height: 4.5rem; border: 3px solid #000 !important; }
.stButton button p { font-size: 1.8rem !important; font-weight: 700; }
.dxf-card { font-size: 1.6rem !important; }
.stApp dt, .stApp dd, .stApp td, .stApp th { font-size: 1.5rem !important; }
.stApp input:disabled { color: #000 !important; -webkit-text-fill-color: #000 !important; opacity: 1 !important; }
.stApp [data-testid="stWidgetLabel"] p { color: #000 !important; opacity: 1 !important; }
"""
ui.html(f"<style>{DEMO_CSS}</style>")


@st.cache_data(show_spinner=False)
def _scenarios(mtime: float) -> tuple[list, list]:
    problems, scenarios = demo.validate_scenarios()
    return [str(p) for p in problems if p.severity == "error"], scenarios


def _mtime() -> float:
    path = demo.DATA_DIR / demo.FILENAME
    return path.stat().st_mtime if path.exists() else 0.0


def _choose(sid: str) -> None:
    ss["demo_sid"], ss["demo_step"] = sid, 0


def _step(delta: int, n: int) -> None:
    ss["demo_step"] = max(0, min(n - 1, ss.get("demo_step", 0) + delta))


def _to_list() -> None:
    ss.pop("demo_sid", None)
    ss["demo_step"] = 0


errors, scenarios = _scenarios(_mtime())
st.title(T("title"))
if errors:
    st.error(T("broken") + "\n\n" + "\n\n".join(f"`{e}`" for e in errors[:5]))
by_id = {s.id: s for s in scenarios}
current = by_id.get(ss.get("demo_sid", ""))

if current is None:
    st.header(T("pick"))
    for sc in scenarios:
        st.button(sc.label(lang), key=f"demo_pick_{sc.id}", on_click=_choose, args=(sc.id,), width="stretch")
else:
    captions = current.captions(lang)
    n = len(captions)
    step = max(0, min(n - 1, ss.get("demo_step", 0)))
    stage = demo.stage_for(step, n)
    st.header(current.label(lang))
    # Controls first, so the presenter's buttons stay in the same place whatever the result's length.
    c1, c2, c3, c4 = st.columns(4)
    c1.button(T("prev"), key="demo_prev", on_click=_step, args=(-1, n), disabled=step == 0, width="stretch")
    c2.button(T("next"), key="demo_next", on_click=_step, args=(1, n), disabled=step >= n - 1, width="stretch")
    c3.button(T("restart"), key="demo_restart", on_click=_choose, args=(current.id,), width="stretch")
    c4.button(T("list"), key="demo_list", on_click=_to_list, width="stretch")
    cities = [""] + [m.code for m in catalog.municipalities]
    default_city = catalog.municipality(current.city).code if current.city and catalog.municipality(current.city) else ""
    city = st.selectbox(T("city"), cities, index=cities.index(default_city), key=f"demo_city_{current.id}",
                        format_func=lambda c: T("all") if not c else (
                            catalog.municipality(c).name_en if lang == "en" else catalog.municipality(c).name))
    st.subheader(T("step").format(i=step + 1, n=n))
    for i, caption in enumerate(captions[: step + 1]):
        marker = "👉" if i == step else "✔"
        st.markdown(f"{marker} **{i + 1}.** {caption}" if i == step else f"{marker} {i + 1}. {caption}")

    st.text_input(T("query"), value=current.query, disabled=True, key=f"demo_query_{current.id}_{step}")
    hits = demo.run_stage(catalog, current, stage, city=city, today=ctx.now.date())
    top = demo.top_hit(hits, ctx.now.date(), soonest_class=set(current.kinds) == {"class"}) \
        if stage == "detail" else None
    if top is not None:
        st.subheader(T("top"))
        ui.render_detail(top.item, ctx)
    else:
        st.subheader(T("results").format(n=len(hits)))
        if not hits:
            st.warning(T("none"))
        for rank, hit in enumerate(hits, start=1):
            matched = explain_matches(hit.matches, lang, ctx.city_label)
            if hit.item.kind == "class":  # the next session matters most for "次のスマホ教室"
                when = dict(mapview.detail_lines(hit.item, lang, ctx.now.date()))[mapview.t("next", lang)]
                matched = f"{matched} · {mapview.t('next', lang)}: {when}" if matched else when
            ui.result_card(hit.item, ctx, matched=matched, key=f"demo{rank}-")
