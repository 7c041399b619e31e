"""The JSON-lines protocol spoken between pcdl and its demo processes.

A demo writes one event per line on stdout, each an object
``{"type": T, "data": {...}}``. This module is the only code that both the UI
process and the demos import, so it depends on the standard library alone.

Event types and the keys their ``data`` must carry:

- ``start``: ``demo`` (its name), ``options`` (the parsed options).
- ``log``: ``text``.
- ``progress``: ``fraction`` (0..1), ``label``.
- ``metric``: ``series`` (a name such as ``"return"``), ``x``, ``y``.
- ``table``: ``title``, ``columns`` (names), ``rows`` (lists as long as
  ``columns``).
- ``result``: the demo's figures as flat keys (units in the names; GB means
  2**30 bytes).
- ``error``: ``message``.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field
from typing import Any, TextIO

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "start": ("demo", "options"),
    "log": ("text",),
    "progress": ("fraction", "label"),
    "metric": ("series", "x", "y"),
    "table": ("title", "columns", "rows"),
    "result": (),
    "error": ("message",),
}

EVENT_TYPES = tuple(REQUIRED_KEYS)


class ProtocolError(ValueError):
    """A line that is not a valid protocol event."""


@dataclass(frozen=True)
class Event:
    """One protocol event.

    Args:
        type: One of `EVENT_TYPES`.
        data: The event's payload.
    """

    type: str
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """Return the event as one line of JSON, without the newline."""
        return json.dumps(
            {"type": self.type, "data": self.data},
            ensure_ascii=False,
            allow_nan=False,
            default=_jsonable,
        )


def _jsonable(value: Any) -> Any:
    """Convert numpy scalars and other number-likes for `json.dumps`."""
    for cast in (int, float):
        try:
            number = cast(value)
        except (TypeError, ValueError):
            continue
        if number == value:
            return number
    return str(value)


def validate(event: Event) -> Event:
    """Return `event` unchanged, or raise `ProtocolError` if it is malformed."""
    if event.type not in REQUIRED_KEYS:
        raise ProtocolError(f"unknown event type {event.type!r}")
    if not isinstance(event.data, dict):
        raise ProtocolError("event data must be an object")
    missing = [key for key in REQUIRED_KEYS[event.type] if key not in event.data]
    if missing:
        raise ProtocolError(f"{event.type} event lacks {', '.join(missing)}")
    if event.type == "progress":
        fraction = event.data["fraction"]
        if not isinstance(fraction, (int, float)) or not 0 <= fraction <= 1:
            raise ProtocolError("progress fraction must be a number in 0..1")
    if event.type == "table":
        width = len(event.data["columns"])
        if any(len(row) != width for row in event.data["rows"]):
            raise ProtocolError("table rows must have as many cells as columns")
    return event


def decode(line: str) -> Event:
    """Parse one line of a demo's stdout into an `Event`.

    Raises:
        ProtocolError: The line is not JSON or not a valid event.
    """
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        raise ProtocolError(f"not JSON: {error.msg}") from None
    if not isinstance(raw, dict) or "type" not in raw:
        raise ProtocolError("an event must be an object with a 'type'")
    return validate(Event(str(raw["type"]), raw.get("data", {})))


def _finite(value: float) -> float | None:
    """Return `value`, or None where JSON cannot carry it (NaN, infinity)."""
    return value if math.isfinite(value) else None


class Emitter:
    """Writes events to a stream, one flushed line each; used by the demos.

    Args:
        stream: Where events go; the process's stdout by default.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stdout

    def emit(self, type: str, **data: Any) -> None:
        """Validate and write one event."""
        event = validate(Event(type, data))
        self._stream.write(event.to_json() + "\n")
        self._stream.flush()

    def start(self, demo: str, options: dict[str, Any]) -> None:
        """Announce the demo and the options it runs with."""
        self.emit("start", demo=demo, options=options)

    def log(self, text: str) -> None:
        """Write a line of commentary."""
        self.emit("log", text=text)

    def progress(self, fraction: float, label: str = "") -> None:
        """Report progress in 0..1 (clamped)."""
        self.emit("progress", fraction=min(1.0, max(0.0, fraction)), label=label)

    def metric(self, series: str, x: float, y: float) -> None:
        """Add one point to a named series."""
        self.emit("metric", series=series, x=x, y=_finite(float(y)))

    def table(self, title: str, columns: list[str], rows: list[list[Any]]) -> None:
        """Show a table."""
        self.emit("table", title=title, columns=columns, rows=rows)

    def result(self, **figures: Any) -> None:
        """Report the demo's final figures, as flat keys."""
        self.emit("result", **figures)

    def error(self, message: str) -> None:
        """Report a failure the user should read."""
        self.emit("error", message=message)
