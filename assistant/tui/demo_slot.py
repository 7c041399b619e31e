"""The one demo that may run at a time: refuse, start, read, stop, end.

The app owns a `DemoSlot`. Starting mounts a `DemoPanel` and reads the child
in a worker of the app, which touches no widget: it posts the events to the
panel, then `DemoPanel.Finished`, which the panel shows and passes on to the
app; the app then calls `end`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from textual.app import App

from assistant import paths
from assistant.i18n import t
from assistant.runner import DEMOS, DemoRun
from assistant.tui.conversation_view import ConversationView
from assistant.tui.demo_panel import DemoPanel, relay

log = logging.getLogger("pcdl.tui")


def demo_available(name: str) -> bool:
    """Return True when the demo program `name` is installed."""
    return (paths.demos_dir() / f"{name}.py").is_file()


class DemoSlot:
    """Holds the running demo, if any, for `app`.

    Args:
        app: The app whose workers read the demo.
        describe_failure: Turns an unexpected error into a sentence for the user.
    """

    def __init__(
        self, app: App[object], describe_failure: Callable[[Exception], str]
    ) -> None:
        self.app = app
        self.describe_failure = describe_failure
        self.panel: DemoPanel | None = None
        self.run: DemoRun | None = None
        self._stop = asyncio.Event()

    @property
    def busy(self) -> bool:
        """True while a demo runs."""
        return self.panel is not None

    def refusal(self, name: str, lang: str) -> str | None:
        """Return why demo `name` cannot start now, or None when it can."""
        if self.panel is not None:
            return t("demo.busy", lang, demo=self.panel.demo)
        if name not in DEMOS:
            return t("demo.unknown", lang, name=name, names=", ".join(DEMOS))
        if not demo_available(name):
            return t("demo.missing", lang, demo=name)
        return None

    async def start(
        self, name: str, options: Sequence[str], lang: str, view: ConversationView
    ) -> DemoPanel:
        """Show a panel for demo `name` in `view` and start reading the child."""
        panel = DemoPanel(name, options, lang)
        run = DemoRun(name, options, lang)
        self.panel, self.run, self._stop = panel, run, asyncio.Event()
        view.kept = panel
        await view.mount(panel)
        view.call_after_refresh(panel.scroll_visible, top=True, animate=False)
        self.app.run_worker(
            self._read(run, panel),
            name=f"demo {name}",
            group="demo",
            exit_on_error=False,
        )
        return panel

    async def _read(self, run: DemoRun, panel: DemoPanel) -> None:
        """Relay the run's events to its panel, then post that it finished."""
        failure = ""
        try:
            await relay(run, panel, self._stop)
        except Exception as error:  # shown in the panel; the chat goes on
            log.exception("reading the %s demo failed", run.name)
            failure = self.describe_failure(error)
        panel.post_message(DemoPanel.Finished(panel, run, failure))

    async def stop(self) -> bool:
        """Stop the running demo; return False when none was running."""
        panel, run = self.panel, self.run
        if panel is None or run is None:
            return False
        panel.set_state("stopping")
        self._stop.set()
        await run.stop()
        return True

    def end(self, panel: DemoPanel, view: ConversationView) -> bool:
        """Free the slot when `panel` is the running demo's; return whether it was."""
        if panel is not self.panel:
            return False
        self.panel = self.run = None
        if view.kept is panel:
            view.kept = None
        return True
