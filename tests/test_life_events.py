"""Life events (finder.services.life_events): usual order, steps in order, the city's procedure or its name."""

from finder.model import Item, LifeEventStep
from finder.services.life_events import life_events, plan


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
