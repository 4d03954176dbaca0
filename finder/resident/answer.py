"""Answer first: what a result card and the detail view lead with, for every kind, in plain words.

Each kind has one question a resident comes with (can I do it online? can I get it at a store, now? is
there Wi-Fi? when is the next class? when is it open? can I use it?). ``answer()`` says what the data
says about it, with the date the status was true and where it comes from (市の情報 / 国の情報 / 計画), and
when the data does not know, says so once and hands over the next step: a phone number from the data
and the city's official site. Every string comes from the i18n table; nothing is guessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from finder.catalog.channel_dates import channel_as_of
from finder.catalog.status import STATUS_MAX_AGE_YEARS, status_is_stale
from finder.clock import to_tokyo
from finder.i18n import facility_type_label, platform_label, section_label, t
from finder.model import Item
from finder.municipalities.municipality import Municipality
from finder.national.guide import is_national_item, national_facts, next_steps
from finder.national.list_items import LIST_AS_OF
from finder.national.templates import NATIONAL_RULES
from finder.present.format import days_text, month_day, short_range, year_month, yen
from finder.resident.availability import UNKNOWN, certificate_status
from finder.resident.classes import has_ended, session
from finder.resident.contact import whom_to_ask
from finder.urls import is_web_link, mynaportal_search
from finder.urls import tel as tel_link

# The kinds of デジタルサービス (finder.catalog.schema.SERVICE_TYPES), each with a label in the i18n table.
SERVICE_TYPE_KEY = "answer.service_type."
TONES = ("yes", "planned", "unknown", "no")


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True, slots=True)
class NextStep:
    """Whom to ask when the data does not know: a phone the data gives (``tel`` is its tel: link) and pages."""

    whom: str = ""
    phone: str = ""
    tel: str = ""
    links: tuple[Link, ...] = ()

    @property
    def url(self) -> str:
        return self.links[0].url if self.links else ""


@dataclass(frozen=True, slots=True)
class StatusLine:
    """The words beside the status badge: since when it was true, where it comes from, and the source's note."""

    status: str  # available | planned | unknown | not_available
    basis: str  # city | national | plan
    basis_label: str
    as_of: str = ""  # 「2023年4月時点」 / "as of April 2023"; '' when the data gives no date
    stale: str = ""  # 「古い情報かもしれません…」 when the date is older than the configured age
    note: str = ""  # status_note, as the data writes it (Japanese)


@dataclass(frozen=True, slots=True)
class Answer:
    headline: str
    tone: str  # one of TONES: yes, planned, unknown, no
    action_url: str = ""
    action_label: str = ""
    facts: tuple[str, ...] = ()
    status: StatusLine | None = None
    next_step: NextStep | None = None
    now: str = ""  # a certificate's state at this moment (finder.resident.availability: open, closed_hours, ...)


def answer(item: Item, now: dt.datetime, lang: str = "ja", city: Municipality | None = None,
           max_age_years: float = STATUS_MAX_AGE_YEARS) -> Answer:
    """The answer to the question of the item's kind, at ``now``, in ``lang``."""
    ctx = _Ctx(item, to_tokyo(now), lang, city, max_age_years)
    if is_national_item(item):
        return _national(ctx)
    return _BY_KIND.get(item.kind, _facility)(ctx)


def city_label(city: Municipality | None, lang: str, fallback: str = "") -> str:
    if city is None:
        return fallback
    return (city.name_en or city.name) if lang == "en" else city.name


def next_step(items: Item | Iterable[Item], city: Municipality | None, lang: str = "ja") -> NextStep:
    """Whom to ask and where to look, for one item or a city's rows together (its classes, when none has a
    known date): the section and phone the rows name, else the city's number (said as such); for one
    procedure its own page: the city's e-application page where a curated row gives it, else マイナポータル's
    search for it where the national list marks it online; then the city's official site."""
    rows = [items] if isinstance(items, Item) else list(items)
    section, phone = whom_to_ask(rows, city)
    own = any(it.get(k) for it in rows for k in ("section_phone", "contact_phone", "phone"))
    name = city_label(city, lang, rows[0].municipality if len(rows) == 1 else "")
    section = section_label(section, lang)
    if phone and not own:
        whom = t("answer.next.section_via_city", lang, section=section, city=name) if section \
            else t("answer.next.switchboard", lang, city=name)
    else:
        whom = section
    links: list[Link] = []
    if len(rows) == 1 and rows[0].kind == "procedure":
        links += _procedure_links(rows[0], name, lang)
    website = (rows[0].get("city_website") if len(rows) == 1 else "") or (city.website if city else "")
    if website:
        links.append(Link(website, t("national.next.city_site", lang, city=name)))
    return NextStep(whom=whom, phone=phone, tel=tel_link(phone), links=tuple(links))


def _procedure_links(item: Item, city_name: str, lang: str) -> list[Link]:
    """The procedure's own page: the city's e-application page (a curated row), else マイナポータル's search
    for it when the national list marks it online."""
    if item.get("online_url") and item.get("online_status") == "available":
        return [Link(item.get("online_url"), t("list.city_e_application", lang, city=city_name))]
    if item.get("list_cell") == "○":
        title = item.title_en if lang == "en" and item.title_en else item.title
        return [Link(mynaportal_search(item.title), t("list.mynaportal_search", lang, title=title))]
    return []


@dataclass(frozen=True, slots=True)
class _Ctx:
    item: Item
    now: dt.datetime
    lang: str
    city: Municipality | None
    max_age_years: float

    def t(self, key: str, /, **fmt: object) -> str:
        return t(key, self.lang, **fmt)

    def status_line(self, status: str, basis: str, channel: str = "") -> StatusLine:
        """Since when the status was true (「予定（2023年3月時点）」 for a plan's word, never "not available");
        ``channel``: the channel whose status it is, when its source has a date of its own."""
        as_of_value = channel_as_of(self.item, channel)
        when = year_month(as_of_value, self.lang)
        stale = ""
        if when and status != "unknown" and status_is_stale(as_of_value, self.now.date(), self.max_age_years):
            stale = self.t("answer.stale", years=f"{self.max_age_years:g}")
        if status == "planned":
            as_of = self.t("answer.planned_as_of", date=when) if when else self.t("answer.planned")
        else:
            as_of = self.t("answer.as_of", date=when) if when else ""
        label = self.t("answer.basis.plan") if basis == "plan" else self.t(f"level.{basis}")
        note = self.item.get("status_note")
        if self.item.get("list_source") and as_of_value == LIST_AS_OF:  # the fact is the national list's
            basis, label, as_of = "national", self.t("list.basis"), self.t("list.as_of")
        if self.item.get("second_source"):
            note = f"{note} {self.t('list.second_source', text=self.item.get('second_source'))}".strip()
        return StatusLine(status, basis, label, as_of, stale, note)

    def step(self) -> NextStep:
        return next_step(self.item, self.city, self.lang)


def _procedure(c: _Ctx) -> Answer:
    item = c.item
    online, store, counter = (item.get(f"{ch}_status") or "unknown" for ch in ("online", "store", "counter"))
    level = item.level if item.level in ("city", "national") else "city"
    platform = platform_label(item.get("online_platform"), c.lang)
    counter_level = item.get("counter_level") if item.get("counter_level") in ("city", "national") else level
    counter_fact = c.t(f"answer.counter.{counter_level}") if counter == "available" else ""
    if online == "available":
        url = item.get("online_url")
        facts = (platform,) if platform else ()
        if url and is_web_link(url):
            label = c.t("detail.online_button", platform=platform) if platform else c.t("detail.online_button_plain")
            return Answer(c.t("answer.online.available"), "yes", url, label, facts, c.status_line(online, level))
        return Answer(c.t("answer.online.available"), "yes", facts=(*facts, c.t("answer.online.no_link")),
                      status=c.status_line(online, level), next_step=c.step())
    if online == "planned":
        facts = tuple(f for f in (counter_fact,) if f)
        return Answer(c.t("answer.online.planned"), "planned", facts=facts,
                      status=c.status_line(online, "plan"), next_step=None if facts else c.step())
    online_fact = c.t(f"answer.online.{online}")
    if store == "available":
        return Answer(c.t("answer.store.available"), "yes", facts=(online_fact,), status=c.status_line(store, level),
                      next_step=c.step() if online == "unknown" else None)
    if counter_fact:
        basis = "national" if counter_level == "national" else "city"
        return Answer(counter_fact, "yes", facts=(online_fact,), status=c.status_line(counter, basis, "counter"),
                      next_step=c.step() if online == "unknown" else None)
    tone = "no" if online == "not_available" else "unknown"
    return Answer(online_fact, tone, status=c.status_line(online, level), next_step=c.step())


def _certificate(c: _Ctx) -> Answer:
    item = c.item
    offered = item.get("status") or "unknown"
    level = item.level if item.level in ("city", "national") else "city"
    if offered == "planned":
        return Answer(c.t("answer.cert.planned"), "planned",
                      status=c.status_line(offered, "plan"), next_step=c.step())
    if offered != "available":
        tone = "no" if offered == "not_available" else "unknown"
        return Answer(c.t(f"answer.cert.{offered}"), tone, status=c.status_line(offered, level), next_step=c.step())
    facts = []
    hours = short_range(item.get("hours_start"), item.get("hours_end")) \
        if item.get("hours_start") and item.get("hours_end") else ""
    if hours:
        facts.append(c.t("answer.national_rule", fact=hours) if item.get("hours_level") == "national" else hours)
    now = certificate_status(item, c.now)
    fee = yen(item.get("store_fee"), c.lang)
    if fee:
        facts.append(c.t("answer.fee", fee=fee))
    unknown = not hours
    if unknown:
        facts.append(c.t("answer.cert.hours_unknown"))
    return Answer(c.t("answer.cert.available"), "yes", facts=tuple(facts), status=c.status_line(offered, level),
                  next_step=c.step() if unknown else None, now="" if now == UNKNOWN else now)


def _wifi(c: _Ctx) -> Answer:
    item = c.item
    facts = []
    if item.get("ssid"):
        facts.append(c.t("answer.wifi.ssid", ssid=item.get("ssid")))
    if item.get("area") and c.lang != "en":  # the source's words: the English detail shows them, marked Japanese
        facts.append(item.get("area"))
    if item.get("hours"):
        facts.append(c.t("answer.hours", hours=item.get("hours")))
    if item.get("ap_count"):
        facts.append(c.t("answer.wifi.ap_count", n=item.get("ap_count")))
    unknown = not item.get("ssid")
    if unknown:
        facts.append(c.t("answer.wifi.ssid_unknown"))
    level = item.level if item.level in ("city", "national") else "city"
    return Answer(c.t("answer.wifi.here"), "yes", facts=tuple(facts), status=StatusLine(
        "available", level, c.t(f"level.{level}")), next_step=c.step() if unknown else None)


def _class(c: _Ctx) -> Answer:
    item = c.item
    venue = item.get("venue")
    facts = [c.t("answer.class.venue", venue=venue)] if venue else []
    level = item.level if item.level in ("city", "national") else "city"
    status = StatusLine("available", level, c.t(f"level.{level}"))
    if item.is_sample:
        return Answer(c.t("answer.class.sample"), "unknown", facts=tuple(facts), status=status, next_step=c.step())
    found = session(item, c.now.date())
    if found is None and has_ended(item, c.now.date()):
        return Answer(c.t("classes.ended"), "no", facts=tuple(facts), status=status, next_step=c.step())
    if found is None:
        return Answer(c.t("answer.class.undated"), "unknown", facts=tuple(facts), status=status, next_step=c.step())
    times = short_range(item.get("start_time"), item.get("end_time"))
    when = " ".join(v for v in (month_day(found.day, c.lang), times) if v)
    how = item.get("how_to_apply")
    facts.append(c.t("answer.class.apply", how=how) if how else c.t("answer.class.apply_unknown"))
    return Answer(c.t("answer.class.next", when=when), "yes", facts=tuple(facts), status=status,
                  next_step=None if how else c.step())


def _facility(c: _Ctx) -> Answer:
    item = c.item
    hours = short_range(item.get("open_time"), item.get("close_time"))
    days = days_text(item.get("open_days"), c.lang)
    facts = [label] if (label := facility_type_label(item.get("facility_type"), c.lang)) else []
    if item.get("has_counter") == "yes":
        facts.append(c.t("map.counter"))
    level = item.level if item.level in ("city", "national") else "city"
    status = StatusLine("available", level, c.t(f"level.{level}"))
    if hours:
        headline = c.t("answer.facility.open", when=" ".join(v for v in (days, hours) if v))
        return Answer(headline, "yes", facts=tuple(facts), status=status)
    return Answer(c.t("answer.facility.hours_unknown"), "unknown", facts=tuple(facts), status=status,
                  next_step=c.step())


def _service(c: _Ctx) -> Answer:
    item = c.item
    status = item.get("status") or "unknown"
    kind = service_type_label(item.get("service_type"), c.lang)
    level = item.level if item.level in ("city", "national") else "city"
    words = c.t(f"answer.service.{status}")
    headline = c.t("answer.service.headline", type=kind, status=words) if kind else words
    tone = {"available": "yes", "planned": "planned", "not_available": "no"}.get(status, "unknown")
    url = item.get("url") if status == "available" else ""
    line = c.status_line(status, "plan" if status == "planned" else level)
    if status == "available":
        return Answer(headline, tone, url, c.t("answer.service.open") if url else "", status=line,
                      next_step=None if url else c.step())
    return Answer(headline, tone, status=line, next_step=c.step())


def _national(c: _Ctx) -> Answer:
    """An item from the national layer: the national list's cell for the city where it has one, else only
    the nationwide rules; and where to check the city."""
    if c.item.get("procedure_key") in NATIONAL_RULES:  # 転入届: at the counter everywhere, by a national rule
        return _procedure(c)
    name = city_label(c.city, c.lang, c.item.municipality)
    own = c.step()
    links = own.links or ()
    for found in next_steps(c.item):
        if found.key == "jlis" or found.key == "mynaportal" and not any(x.url == found.url for x in links):
            links += (Link(found.url, c.t(found.label_key, city=name)),)
    step = NextStep(own.whom, own.phone, own.tel, links)
    listed = _list_answer(c, name, step)
    if listed is not None:
        return listed
    facts = tuple(c.t(key) for key in national_facts(c.item) if key != "national.fact.list")[:1]
    status = StatusLine("unknown", "national", c.t("level.national"))
    return Answer(c.t("national.status_unknown", city=name), "unknown", facts=facts, status=status, next_step=step)


def _list_answer(c: _Ctx, name: str, step: NextStep) -> Answer | None:
    """○: available, the list as basis and date, マイナポータル's search as the action. Empty: "not listed as
    online" (never "not available"), tone unknown, the next step. None for other cells."""
    cell = c.item.data.get("list_cell")  # absent: not a procedure of the list (Item.get would say '')
    if cell not in ("○", ""):
        return None
    as_of = c.t("list.as_of")
    line = StatusLine("available" if cell == "○" else "unknown", "national", c.t("list.basis"), as_of,
                      note=c.item.get("status_note"))
    if cell == "○":
        action = step.links[0] if step.links and "myna" in step.links[0].url else None
        return Answer(c.t("list.available"), "yes", action.url if action else "", action.label if action else "",
                      facts=(c.t("list.caveat"),), status=line, next_step=step)
    return Answer(c.t("list.not_listed"), "unknown", facts=(c.t("list.not_listed_fact", city=name),), status=line,
                  next_step=step)


def service_type_label(kind: str, lang: str = "ja") -> str:
    return t(SERVICE_TYPE_KEY + kind, lang) if kind else ""


_BY_KIND = {"procedure": _procedure, "certificate": _certificate, "wifi": _wifi, "class": _class,
            "facility": _facility, "service": _service}
