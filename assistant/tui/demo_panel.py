"""A running demo inside the conversation: log, progress, plot, tables, errors.

`relay` reads the child in the app's worker and posts its events to the panel
in batches, at most one every `FLUSH_S`; the panel applies a whole batch at
once, so a child printing thousands of lines a second costs about twenty
redraws a second, and only the last `LOG_KEEP` log lines (as wrapped) are kept.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import (
    Collapsible,
    DataTable,
    Label,
    Log,
    ProgressBar,
    Static,
)

from assistant.demos.protocol import Event
from assistant.i18n import t
from assistant.runner import DemoRun
from assistant.tui import texts  # noqa: F401  (registers the strings used here)
from assistant.tui.conversation_view import ConversationView
from assistant.tui.metrics import MetricSeries

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

FLUSH_S = 0.05
LOG_KEEP = 200
STDERR_LINES = 40
YIELD_EVERY = 256
STATE_MARKS = {"running": "▶", "stopping": "■", "finished": "✔", "stopped": "■"}


class DemoPanel(Vertical):
    """Shows one demo run as its events arrive.

    Args:
        name: The demo's name.
        options: The options it was started with.
        lang: The language of its labels.
    """

    class EventsArrived(Message):
        """A batch of the child's events, in the order it wrote them."""

        def __init__(self, events: Sequence[Event]) -> None:
            super().__init__()
            self.events = list(events)

    class Finished(Message):
        """The run ended: on its own, by a stop, or by a failure.

        Args:
            panel: The panel that showed it.
            run: The run, with its result, exit status and stderr.
            failure: An unexpected error while reading it, as text, or "".
        """

        def __init__(self, panel: DemoPanel, run: DemoRun, failure: str = "") -> None:
            super().__init__()
            self.panel = panel
            self.run = run
            self.failure = failure

    def __init__(self, name: str, options: Sequence[str], lang: str) -> None:
        super().__init__(classes="message demo")
        self.demo = name
        self.options = list(options)
        self.lang = lang
        self.state = "running"
        self.metrics = MetricSeries()
        self.errors: list[str] = []
        self.tables_shown = 0
        self.result: dict[str, Any] | None = None
        self._plot: PlotextPlot | None = None
        self._raw_lines: deque[str] = deque(maxlen=LOG_KEEP)
        self._wrap_width = 0

    def compose(self) -> ComposeResult:
        """Lay out the parts; each stays hidden until it has something to show."""
        yield Label(self._header(), markup=False, classes="title", id="header")
        with Horizontal(id="progress-row"):
            yield ProgressBar(total=1.0, show_eta=False, id="progress")
            yield Label("", markup=False, id="progress-label")
        yield Log(max_lines=LOG_KEEP, id="log")
        yield Static("", markup=False, id="latest")
        yield Vertical(id="tables")
        yield Static("", markup=False, id="errors")

    def on_mount(self) -> None:
        """Hide the parts that have nothing yet."""
        for part in ("#progress-row", "#log", "#latest", "#errors"):
            self.query_one(part).display = False

    def on_resize(self) -> None:
        """Follow the panel as it grows while it is the newest message (its top,
        or its tables once it has some); otherwise keep the newest in view."""
        self._rewrap_log()
        parent = self.parent
        if parent is None or not parent.children:
            return
        if parent.children[-1] is not self:
            if isinstance(parent, ConversationView):
                parent.keep_newest_in_view()
            return
        tables = self.query_one("#tables")
        target, top = (tables, False) if tables.children else (self, True)
        self.call_after_refresh(target.scroll_visible, top=top, animate=False)

    def _header(self) -> str:
        words = " ".join(self.options)
        state = t(f"demo.{self.state}", self.lang)
        mark = STATE_MARKS.get(self.state, "✖")
        return f"{mark} {self.demo} {words}".rstrip() + f" · {state}"

    def set_state(self, state: str) -> None:
        """Show the run as ``running``, ``stopping``, ``finished``, ``stopped`` or
        ``failed``."""
        self.state = state
        self.set_class(state == "failed", "failed")
        self.query_one("#header", Label).update(self._header())

    async def on_demo_panel_events_arrived(self, message: EventsArrived) -> None:
        """Apply a batch of events to the widgets."""
        message.stop()
        await self.apply(message.events)

    async def apply(self, events: Sequence[Event]) -> None:
        """Show `events`: the last progress, the new log lines, points, tables."""
        lines: list[str] = []
        progress: dict[str, Any] | None = None
        for event in events:
            data = event.data
            if event.type == "log":
                lines.append(str(data.get("text", "")))
            elif event.type == "progress":
                progress = data
            elif event.type == "metric":
                self.metrics.add(str(data["series"]), data["x"], data["y"])
            elif event.type == "table":
                await self._add_table(data["title"], data["columns"], data["rows"])
            elif event.type == "result":
                self.result = dict(data)
            elif event.type == "error":
                self.errors.append(str(data.get("message", "")))
        self._show_lines(lines)
        if progress is not None:
            self._show_progress(progress)
        if self.metrics.changed:
            await self._show_metrics()
        self._show_errors()

    def _show_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        self._raw_lines.extend(lines)
        log = self.query_one("#log", Log)
        log.display = True
        log.write_lines(self._wrapped(lines))

    def _wrapped(self, lines: Iterable[str]) -> list[str]:
        """Wrap `lines` at the log's width now, keeping the last `LOG_KEEP`.

        Log does not wrap; wrapping here keeps long lines (and Japanese ones)
        readable without scrolling sideways.
        """
        log = self.query_one("#log", Log)
        width = log.scrollable_content_region.width or max(20, self.size.width - 4)
        self._wrap_width = width
        wrapped = [
            part.plain
            for line in list(lines)[-LOG_KEEP:]
            for part in Content(line).wrap(width) or [Content("")]
        ]
        return wrapped[-LOG_KEEP:]

    def _rewrap_log(self) -> None:
        """Wrap the log again when its width changed (the window was resized)."""
        log = self.query_one("#log", Log)
        width = log.scrollable_content_region.width
        if not self._raw_lines or not width or width == self._wrap_width:
            return
        log.clear()
        log.write_lines(self._wrapped(self._raw_lines))

    def _show_progress(self, data: dict[str, Any]) -> None:
        self.query_one("#progress-row").display = True
        self.query_one("#progress", ProgressBar).update(
            progress=float(data["fraction"])
        )
        self.query_one("#progress-label", Label).update(str(data.get("label", "")))

    async def _show_metrics(self) -> None:
        if self._plot is None:
            # Imported here: plotext takes most of a second to import, and a
            # chat that never runs a demo should not pay for it.
            from textual_plotext import PlotextPlot

            self._plot = PlotextPlot(id="plot")
            await self.mount(self._plot, after="#log")
        self.metrics.draw(self._plot.plt)
        self._plot.refresh()
        latest = self.query_one("#latest", Static)
        line = self.metrics.latest_line(t("demo.latest", self.lang))
        latest.update(line)
        latest.display = bool(line)

    def _show_errors(self) -> None:
        errors = self.query_one("#errors", Static)
        if self.errors:
            errors.update("\n".join(f"✖ {message}" for message in self.errors))
            errors.display = True

    async def _add_table(self, title: str, columns: list[Any], rows: list[Any]) -> None:
        table: DataTable[str] = DataTable(show_cursor=False, zebra_stripes=True)
        table.can_focus = False
        table.add_columns(*(str(column) for column in columns))
        table.add_rows([[cell_text(cell, self.lang) for cell in row] for row in rows])
        await self.query_one("#tables").mount(
            Label(str(title), markup=False, classes="table-title"), table
        )
        self.tables_shown += 1

    async def on_demo_panel_finished(self, message: Finished) -> None:
        """Show how the run ended; the message then goes on to the app."""
        if message.failure:
            self.errors.append(message.failure)
            self._show_errors()
        if self.state == "stopping":
            state = "stopped"
        else:
            state = "finished" if message.run.succeeded else "failed"
        await self.finish(message.run, state)

    async def finish(self, run: DemoRun, state: str) -> None:
        """Show how the run ended, its result if no table showed it, its stderr."""
        self.set_state(state)
        # Once the run is over nothing scrolls the log any more: show all of it.
        self.add_class("ended")
        if self.result is not None and not self.tables_shown:
            rows = [[key, value] for key, value in self.result.items()]
            columns = [t("demo.item", self.lang), t("demo.value", self.lang)]
            await self._add_table(t("demo.result", self.lang), columns, rows)
        if run.stderr_text:
            kept = "\n".join(run.stderr_text.splitlines()[-STDERR_LINES:])
            await self.mount(
                Collapsible(
                    Static(kept, markup=False, classes="stderr"),
                    title=t("demo.stderr", self.lang),
                    collapsed=state != "failed",
                )
            )


def cell_text(value: Any, lang: str) -> str:
    """Return a table cell or result value as short, readable text."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return t("demo.yes" if value else "demo.no", lang)
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"
    if isinstance(value, dict):
        return ", ".join(
            f"{key}: {cell_text(item, lang)}" for key, item in value.items()
        )
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(item, lang) for item in value)
    return str(value)


async def relay(
    run: DemoRun, panel: DemoPanel, stop: asyncio.Event, interval: float = FLUSH_S
) -> None:
    """Read `run`'s events and post them to `panel`, one batch per `interval`.

    Runs in a worker and touches no widget. Setting `stop` stops the child,
    even one asked to stop before it had started. When this returns (or is
    cancelled) the child is no longer running.
    """
    pending: list[Event] = []

    async def read() -> None:
        async for event in run.events():
            pending.append(event)
            if len(pending) % YIELD_EVERY == 0:
                # A flooding child fills the pipe faster than lines are parsed;
                # yielding here lets the UI draw between chunks.
                await asyncio.sleep(0)

    reader = asyncio.create_task(read())
    try:
        while not reader.done():
            await asyncio.wait({reader}, timeout=interval)
            _post(panel, pending)
            if stop.is_set() and _alive(run):
                await run.stop()
        reader.result()
    finally:
        if not reader.done():
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
        if _alive(run):
            await run.stop()
        _post(panel, pending)


def _alive(run: DemoRun) -> bool:
    return run.process is not None and run.process.returncode is None


def _post(panel: DemoPanel, pending: list[Event]) -> None:
    if pending:
        panel.post_message(DemoPanel.EventsArrived(pending))
        pending.clear()
