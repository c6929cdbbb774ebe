"""uvicorn's HTTP protocol, telling every open request of a connection that its client hung up."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle


class HangUpProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol tells only the last request it read from a connection that
    the client hung up. A pipelined request whose response is still going out (an event stream
    queued behind two pages) never hears it: it streams to nobody and holds its connection, its
    task and its listener until a write fails, which on asyncio's own loop never happens. This
    protocol tells every request of the connection that has not finished."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.open_cycles: list[RequestResponseCycle] = []

    def on_headers_complete(self) -> None:
        super().on_headers_complete()
        # Finished requests are let go at once: a keep-alive connection may carry thousands.
        self.open_cycles = [cycle for cycle in self.open_cycles if not cycle.response_complete]
        if self.cycle is not None and self.cycle not in self.open_cycles:
            self.open_cycles.append(self.cycle)

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        for cycle in self.open_cycles:
            if not cycle.response_complete:
                cycle.disconnected = True
                cycle.message_event.set()
        self.open_cycles = []
