"""A Streamlit visitor without a browser: a websocket to /_stcore/stream speaking BackMsg/ForwardMsg protobufs.

The load test (bench.loadtest), the nationwide benchmark and the replica tests (tests/test_serve.py) talk to
a live server through this one client: open a session (the first run of the page), change the search box
and wait for the rerun to finish, collecting the text shown and any exception. Streamlit's protobuf
classes and ``websockets`` are imported only when a session runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

RESULT_TIMEOUT_S = 30.0
SEARCH_KEY_SUFFIX = "-w_q"  # widget key of the search box on pages/1_search.py


@dataclass
class Rerun:
    finished: bool = False
    status: int | None = None
    text: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # "text_input" -> id of the search box
    fragment: str = ""  # the fragment the search box is drawn in ("" when none)
    result_at: float | None = None
    rerun_s: float = 0.0
    messages: int = 0  # websocket messages the rerun sent (one per element, plus bookkeeping)
    bytes: int = 0


def _element_text(element) -> tuple[str, str]:
    kind = element.WhichOneof("type") or ""
    body = getattr(element, kind, None)
    if body is None:
        return kind, ""
    for attr in ("body", "label", "text", "message"):
        value = getattr(body, attr, None)
        if isinstance(value, str) and value:
            return kind, value
    return kind, ""


class Session:
    """One visitor: a websocket to /_stcore/stream speaking Streamlit's BackMsg/ForwardMsg protobufs.

    Like a browser it keeps the cookie the server (nginx) sets, so a reconnect goes back to its replica
    while that one lives.
    """

    def __init__(self, url: str, timeout: float = RESULT_TIMEOUT_S):
        self.timeout = timeout
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = None
        self.cookie = ""
        self.search_widget: str | None = None
        self.search_fragment = ""

    async def open(self) -> Rerun:
        import websockets

        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=None,
                                           open_timeout=self.timeout, additional_headers=headers)
        set_cookie = self.ws.response.headers.get("Set-Cookie", "") if self.ws.response else ""
        if set_cookie and not self.cookie:
            self.cookie = set_cookie.split(";", 1)[0]
        first = await self.rerun(None, expect=())
        self.search_widget = first.widgets.get("text_input")
        self.search_fragment = first.fragment
        return first

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, query: str | None, expect: Sequence[str]) -> Rerun:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = ""
        if query is not None and self.search_widget:
            widget = state.widget_states.widgets.add()
            widget.id = self.search_widget
            widget.string_value = query
            if self.search_fragment:  # what the browser does for a widget inside st.fragment
                state.fragment_id = self.search_fragment
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        run = Rerun()
        wanted = [w for w in expect if w]
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=self.timeout)
            run.messages += 1
            run.bytes += len(raw)
            fmsg = ForwardMsg()
            fmsg.ParseFromString(raw)
            which = fmsg.WhichOneof("type")
            if which == "delta" and fmsg.delta.WhichOneof("type") == "new_element":
                kind, text = _element_text(fmsg.delta.new_element)
                if kind == "exception":
                    exc = fmsg.delta.new_element.exception
                    run.exceptions.append(f"{exc.type}: {exc.message}"[:300])
                elif kind == "text_input":
                    widget_id = fmsg.delta.new_element.text_input.id
                    # the search box (key w_q) when present, else the first text box of the page
                    if "text_input" not in run.widgets or widget_id.endswith(SEARCH_KEY_SUFFIX):
                        run.widgets["text_input"] = widget_id
                        run.fragment = fmsg.delta.fragment_id
                if text:
                    run.text.append(text)
                    if run.result_at is None and any(w in text for w in wanted):
                        run.result_at = time.perf_counter() - start
            elif which == "script_finished":
                run.finished = True
                run.status = fmsg.script_finished
                run.rerun_s = time.perf_counter() - start
                return run
