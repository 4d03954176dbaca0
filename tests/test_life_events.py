"""Life events (finder.resident.life_events): usual order, steps in order, the city's procedure or its name."""

from finder.model import Item, LifeEventStep
from finder.resident.life_events import life_events, plan


def proc(key: str, city: str, title: str) -> Item:
    return Item(kind="procedure", id=f"{key}-{city}", title=title, title_kana="", title_en=title + " (en)",
                municipality="", municipality_code=city, data={"procedure_key": key})


def test_events_in_the_usual_order_then_others_with_steps_sorted():
    steps = [LifeEventStep("独自", "Own", 1, "a"), LifeEventStep("出産・子育て", "Birth", 2, "b"),
             LifeEventStep("引っ越し", "Moving", 2, "tennyu"), LifeEventStep("引っ越し", "Moving", 1, "tenshutsu"),
             LifeEventStep("出産・子育て", "Birth", 1, "c")]
    events = life_events(steps)
    assert [e.name for e in events] == ["引っ越し", "出産・子育て", "独自"]
    assert [s.procedure_key for s in events[0].steps] == ["tenshutsu", "tennyu"]
    assert events[0].label("en") == "Moving" and events[0].label("ja") == "引っ越し"


def test_plan_names_a_procedure_the_city_does_not_list():
    event = life_events([LifeEventStep("引っ越し", "Moving", 1, "tenshutsu"),
                         LifeEventStep("引っ越し", "Moving", 2, "tennyu"),
                         LifeEventStep("引っ越し", "Moving", 3, "nowhere")])[0]
    procedures = [proc("tenshutsu", "082031", "転出届"), proc("tennyu", "082031", "転入届"),
                  proc("tenshutsu", "082163", "転出届（笠間）")]
    steps = plan(event, procedures, "082163")
    assert [s.number for s in steps] == [1, 2, 3]
    assert steps[0].item.id == "tenshutsu-082163"
    assert steps[1].item is None and steps[1].name("ja") == "転入届" and steps[1].name("en") == "転入届 (en)"
    assert steps[2].item is None and steps[2].name("ja") == "nowhere"


def test_ways_say_only_what_the_row_says():
    import datetime as dt

    from finder.resident.channels import ways_html
    from finder.resident.life_events import Way, ways

    today = dt.date(2026, 11, 24)

    def row(**status: str) -> Item:
        data = {f"{c}_status": status.get(c, "unknown") for c in ("online", "store", "mail", "counter")}
        data.update({k: v for k, v in status.items() if k not in ("online", "store", "mail", "counter")})
        return Item(kind="procedure", id="p", title="p", title_kana="", title_en="", municipality="",
                    municipality_code="", data=data)

    assert ways(None, today) == [Way("unknown", "unknown")]
    assert ways(row(), today) == [Way("unknown", "unknown")]
    assert ways(row(counter="available", online="not_available", store="not_available", mail="not_available"),
                today) == [Way("counter_only", "available")]
    # One channel unknown: no 「窓口のみ」, the unknown one is simply not claimed.
    assert [w.channel for w in ways(row(counter="available", online="not_available"), today)] == ["counter", "online"]
    assert [(w.channel, w.status) for w in ways(row(online="planned", store="available"), today)] == \
        [("store", "available"), ("online", "planned")]
    old = ways(row(online="available", status_as_of="2023-04", counter="available", counter_level="national"), today)
    assert [(w.channel, w.as_of, w.level) for w in old] == [("online", "2023-04", ""), ("counter", "2023-04", "national")]
    assert ways(row(online="available", status_as_of="2026-11-23"), today)[0].as_of == ""
    html = ways_html(old, "ja")
    assert "オンラインでできる (2023-04時点)" in html and "窓口でできる (国の情報 · 2023-04時点)" in html
    assert "○" in html  # a symbol and words, not colour alone
